// Plural forms: CLDR categories chosen by the count as shown, and the JSON shape of a text with
// plural forms (strings, {"one","other"}), with hostile shapes refused by name.
#include "support.h"

using namespace qcity;

TEST_CASE("English plural category follows CLDR: one is exactly 1 without decimals") {
    CHECK(plural_category(Lang::en, "1") == Plural::one);
    CHECK(plural_category(Lang::en, "-1") == Plural::one);
    CHECK(plural_category(Lang::en, "01") == Plural::one);
    CHECK(plural_category(Lang::en, "0") == Plural::other);
    CHECK(plural_category(Lang::en, "2") == Plural::other);
    CHECK(plural_category(Lang::en, "1.0") == Plural::other);
    CHECK(plural_category(Lang::en, "1.5") == Plural::other);
    CHECK(plural_category(Lang::en, "11") == Plural::other);
    CHECK(plural_category(Lang::en, "1,000") == Plural::other);
    CHECK(plural_category(Lang::en, "") == Plural::other);
    CHECK(plural_category(Lang::en, int64_t{1}) == Plural::one);
    CHECK(plural_category(Lang::en, int64_t{0}) == Plural::other);
    CHECK(plural_category(Lang::en, int64_t{21}) == Plural::other);
}

TEST_CASE("Chinese has only the other category") {
    CHECK(plural_category(Lang::zh, "1") == Plural::other);
    CHECK(plural_category(Lang::zh, int64_t{1}) == Plural::other);
}

TEST_CASE("a text with plural forms reads from JSON and chooses by count") {
    Text t;
    std::string why;
    Json j = Json::parse(R"({"zh": "还需 {n} 批次合格", "en": {"one": "{n} more batch needed", "other": "{n} more batches needed"}})");
    REQUIRE(text_from_json(j, t, why));
    CHECK(format_count(t, "1").en == "1 more batch needed");
    CHECK(format_count(t, "3").en == "3 more batches needed");
    CHECK(format_count(t, "1").zh == "还需 1 批次合格");
    CHECK(t.get(Lang::en, int64_t{1}) == "{n} more batch needed");
    CHECK(t.get(Lang::en, int64_t{2}) == "{n} more batches needed");
    CHECK(t.get(Lang::zh, int64_t{1}) == "还需 {n} 批次合格");
    // Without a count, the other form.
    CHECK(t.get(Lang::en) == "{n} more batches needed");
    // Extra placeholders are filled as well.
    Text u{"{who} 还差 {n} 项", "{who} lacks {n} items", "{who} lacks {n} item"};
    CHECK(format_count(u, "1", {{"who", "A"}}).en == "A lacks 1 item");
    CHECK(format_count(u, "2", {{"who", "A"}}).zh == "A 还差 2 项");
}

TEST_CASE("plain strings still read, and a Chinese {other} object is accepted") {
    Text t;
    std::string why;
    REQUIRE(text_from_json(Json::parse(R"({"zh": "个", "en": "awards"})"), t, why));
    CHECK(t.en_one.empty());
    CHECK(t.get(Lang::en, "1") == "awards");
    REQUIRE(text_from_json(Json::parse(R"({"zh": {"other": "个"}, "en": {"other": "x"}})"), t, why));
    CHECK(t.zh == "个");
}

TEST_CASE("hostile plural shapes are refused with the reason") {
    Text t{"keep", "keep"};
    std::string why;
    CHECK_FALSE(text_from_json(Json::parse(R"({"zh": "个", "en": {"one": "award"}})"), t, why));
    CHECK(why.find("other") != std::string::npos);
    CHECK_FALSE(text_from_json(Json::parse(R"({"zh": {"one": "个", "other": "个"}, "en": "x"})"), t, why));
    CHECK(why.find("'one'") != std::string::npos);
    CHECK_FALSE(text_from_json(Json::parse(R"({"zh": "个", "en": {"few": "x", "other": "y"}})"), t, why));
    CHECK(why.find("few") != std::string::npos);
    CHECK_FALSE(text_from_json(Json::parse(R"({"zh": "个", "en": {"one": 1, "other": "y"}})"), t, why));
    CHECK_FALSE(text_from_json(Json::parse(R"({"zh": "个"})"), t, why));
    CHECK_FALSE(text_from_json(Json::parse(R"({"zh": "个", "en": ["x"]})"), t, why));
    CHECK_FALSE(text_from_json(Json::parse(R"("text")"), t, why));
    CHECK(t.zh == "keep");   // untouched on failure
}

TEST_CASE("the catalog loader takes plural forms and names the field of a bad one") {
    std::string text(embedded("catalog/yancheng-2022.json"));
    Json doc = Json::parse(text);
    for (Json& ind : doc["indicators"])
        if (ind["id"] == "cqo_coverage") ind["shortfall"]["en"] = Json{{"one", "{n} more"}, {"few", "x"}, {"other", "{n} more"}};
    Catalog c;
    std::vector<Problem> problems;
    CHECK_FALSE(load_catalog(doc.dump(), c, problems));
    REQUIRE(!problems.empty());
    bool named = false;
    for (const Problem& p : problems)
        if (p.key.find("cqo_coverage") != std::string::npos && p.message.en.find("few") != std::string::npos) named = true;
    CHECK(named);
}
