// Plural forms: CLDR categories chosen by the count as shown, and the JSON shape of a text with
// plural forms (strings, {"one","other"}), with hostile shapes refused by name.
#include "support.h"

#include <regex>

namespace qcity_test_plural {  // each test file in its own namespace: the unity build (CMakeLists.txt)

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

//-------------------------------------------------------------------------------------------------
// The shipped texts: what a user reads with a count of one and of two
//-------------------------------------------------------------------------------------------------

TEST_CASE("the catalog's English shortfalls agree with their count") {
    Assessment a = qt::good_county();
    // 949 of 1,000 qualified at a 95 % target: one batch short; 948: two. 49 of 50 inspected: one left.
    a.figures["mfg_qualified_batches"] = qt::I(949);
    a.figures["licensed_enterprises_inspected"] = qt::I(49);
    a.figures["above_scale_with_cqo"] = qt::I(68);   // 70 % of 100: two short
    a.figures["public_service_satisfaction_score"] = qt::R(81);   // target 82: one point short
    Evaluation e = evaluate(qt::cat(), a);
    CHECK(qt::result(e, "mfg_pass_rate").shortfall_text.get(Lang::en) == "1 more qualified batch needed to reach the target");
    CHECK(qt::result(e, "mfg_pass_rate").shortfall_text.get(Lang::zh) == "还需 1 批次合格才达标");
    CHECK(qt::result(e, "license_inspection_coverage").shortfall_text.get(Lang::en) == "1 licensed enterprise has not yet been inspected");
    CHECK(qt::result(e, "cqo_coverage").shortfall_text.get(Lang::en) == "2 more above-scale enterprises need a chief quality officer");
    CHECK(qt::result(e, "public_service_satisfaction").shortfall_text.get(Lang::en) == "The satisfaction score is 1 point short of the target");

    a.figures["mfg_qualified_batches"] = qt::I(948);
    a.figures["licensed_enterprises_inspected"] = qt::I(48);
    a.figures["above_scale_with_cqo"] = qt::I(69);
    a.figures["public_service_satisfaction_score"] = qt::R(80.5);
    e = evaluate(qt::cat(), a);
    CHECK(qt::result(e, "mfg_pass_rate").shortfall_text.get(Lang::en) == "2 more qualified batches needed to reach the target");
    CHECK(qt::result(e, "mfg_pass_rate").shortfall_text.get(Lang::zh) == "还需 2 批次合格才达标");
    CHECK(qt::result(e, "license_inspection_coverage").shortfall_text.get(Lang::en) == "2 licensed enterprises have not yet been inspected");
    CHECK(qt::result(e, "cqo_coverage").shortfall_text.get(Lang::en) == "1 more above-scale enterprise needs a chief quality officer");
    // 1.5 is CLDR `other` in English: "1.5 points".
    CHECK(qt::result(e, "public_service_satisfaction").shortfall_text.get(Lang::en) == "The satisfaction score is 1.5 points short of the target");
}

TEST_CASE("every shipped shortfall with a count reads in the singular for one and the plural for two") {
    // Whatever the indicator: a one form of its own, chosen for 1 and not for 2; Chinese unchanged.
    for (const IndicatorDef& d : qt::cat().indicators) {
        if (d.shortfall.en.find("{n}") == std::string::npos) continue;
        CAPTURE(d.id);
        CHECK_FALSE(d.shortfall.en_one.empty());
        CHECK(d.shortfall.en_one != d.shortfall.en);
        CHECK(format_count(d.shortfall, "1").en == format_string(d.shortfall.en_one, {{"n", "1"}}));
        CHECK(format_count(d.shortfall, "2").en == format_string(d.shortfall.en, {{"n", "2"}}));
        CHECK(format_count(d.shortfall, "1").zh == format_string(d.shortfall.zh, {{"n", "1"}}));
    }
}

TEST_CASE("a target and a value read '1 award' and '5 awards'") {
    const Catalog& c = qt::cat();
    // The city file is judged against the full targets: Governor's award 1, Mayor's award 5.
    Assessment city = qt::good_county("盐城市");
    city.settings.scope = AssessmentSettings::Scope::city;
    city.figures["governor_award_new"] = qt::I(1);
    city.figures["mayor_award_new"] = qt::I(0);
    city.figures["standards_new"] = qt::I(1);
    Evaluation e = evaluate(c, city);
    CHECK(display_target(c, qt::result(e, "governor_award_new"), Lang::en) == "≥ 1 award");
    CHECK(display_value(c, qt::result(e, "governor_award_new"), Lang::en) == "1 award");
    CHECK(display_target(c, qt::result(e, "mayor_award_new"), Lang::en) == "≥ 5 awards");
    CHECK(display_value(c, qt::result(e, "mayor_award_new"), Lang::en) == "0 awards");
    CHECK(display_value(c, qt::result(e, "standards_new"), Lang::en) == "1 standard");
    CHECK(display_target(c, qt::result(e, "standards_new"), Lang::en) == "≥ 20 standards");
    CHECK(display_target(c, qt::result(e, "governor_award_new"), Lang::zh) == "≥ 1 个");
    CHECK(qt::result(e, "mayor_award_new").shortfall_text.get(Lang::en) == "5 more Mayor's Quality Awards needed");

    // A county with an explicit quota of one: "≥ 1 award (quota; city 5)".
    Assessment a = qt::good_county();
    a.settings.quotas = {{"mayor_award_new", 1}, {"jiangsu_boutique_new", 1}};
    a.figures["mayor_award_new"] = qt::I(0);
    e = evaluate(c, a);
    CHECK(qt::contains(display_target(c, qt::result(e, "mayor_award_new"), Lang::en), "≥ 1 award "));
    CHECK(qt::result(e, "mayor_award_new").shortfall_text.get(Lang::en) == "1 more Mayor's Quality Award needed");
    CHECK(qt::contains(display_target(c, qt::result(e, "jiangsu_boutique_new"), Lang::en), "≥ 1 item "));
    CHECK(display_value(c, qt::result(e, "jiangsu_boutique_new"), Lang::en) == "1 item");

    // A score shown with a decimal is plural even at one ("1.0 points").
    city.figures["public_service_satisfaction_score"] = qt::R(1);
    e = evaluate(c, city);
    CHECK(display_value(c, qt::result(e, "public_service_satisfaction"), Lang::en) == "1.0 points");
}

TEST_CASE("year over year: the change's unit agrees with the amount") {
    const Catalog& c = qt::cat();
    Assessment before = qt::good_county("东台市", 2022), now = qt::good_county("东台市", 2023);
    before.figures["mayor_award_new"] = qt::I(1);
    now.figures["mayor_award_new"] = qt::I(2);
    before.figures["elder_canteens"] = qt::I(10);
    now.figures["elder_canteens"] = qt::I(13);
    auto changes = year_over_year(c, evaluate(c, now), evaluate(c, before));
    auto change = [&](const std::string& id) {
        for (const IndicatorChange& ch : changes)
            if (ch.id == id) return ch.text;
        FAIL("no change for " << id);
        return Text{};
    };
    CHECK(change("mayor_award_new").en == "↑ 1 award");
    CHECK(change("mayor_award_new").zh == "↑ 1 个");
    CHECK(change("elder_canteens").en == "↑ 3 canteens");
}

TEST_CASE("the catalog refuses a shortfall whose one form lacks {n}") {
    Json doc = Json::parse(std::string(embedded("catalog/yancheng-2022.json")));
    for (Json& ind : doc["indicators"])
        if (ind["id"] == "cqo_coverage") ind["shortfall"]["en"] = Json{{"one", "one more needed"}, {"other", "{n} more needed"}};
    Catalog c;
    std::vector<Problem> problems;
    CHECK_FALSE(load_catalog(doc.dump(), c, problems));
    bool named = false;
    for (const Problem& p : problems) named = named || (qt::contains(p.key, "cqo_coverage") && qt::contains(p.message.en, "{n}"));
    CHECK(named);
}

//-------------------------------------------------------------------------------------------------
// Guard: a new text with a count cannot ship without its forms
//-------------------------------------------------------------------------------------------------

namespace {

// A count in an English text: "{n}", or a placeholder followed by a plural noun ("{items} items",
// "{gap} points"). Such a text must carry its `one` form.
bool has_count(const std::string& en) {
    static const std::regex count_then_plural(R"(\{n\}|\{[a-z_]+\}\s+[A-Za-z'-]*s\b)");
    return std::regex_search(en, count_then_plural);
}

// Every {zh, en} text in a JSON document whose English has a count and no `one` form, by path.
void texts_lacking_one(const Json& j, const std::string& path, std::vector<std::string>& out) {
    if (j.is_object()) {
        if (j.contains("zh") && j.contains("en")) {
            const Json& en = j["en"];
            if (en.is_string() && has_count(en.get<std::string>())) out.push_back(path);
            if (en.is_object() && en.contains("other") && en["other"].is_string() && has_count(en["other"].get<std::string>()) &&
                !(en.contains("one") && en["one"].is_string()))
                out.push_back(path);
        }
        for (const auto& [k, v] : j.items()) texts_lacking_one(v, path + "/" + k, out);
    } else if (j.is_array()) {
        for (size_t i = 0; i < j.size(); ++i) texts_lacking_one(j[i], path + "/" + std::to_string(i), out);
    }
}

}  // namespace

TEST_CASE("the guard finds a text with a count but no one form") {
    std::vector<std::string> lacking;
    texts_lacking_one(Json::parse(R"({"a": {"zh": "还需 {n} 批次", "en": "{n} more batches"},
                                       "b": {"zh": "已评 {scored}/{items} 个", "en": "{scored} of {items} items"},
                                       "c": {"zh": "x", "en": {"other": "{gap} points below"}},
                                       "d": {"zh": "x", "en": {"one": "{n} batch", "other": "{n} batches"}},
                                       "e": [{"zh": "导出 {file}", "en": "Exported: {file}"}, {"zh": "{unit} {year}", "en": "{unit} {year}"}],
                                       "f": {"zh": "达标 {met} 项", "en": "Met {met} · Not met {not_met}"}})"),
                      "", lacking);
    CHECK(lacking == std::vector<std::string>{"/a", "/b", "/c"});
}

TEST_CASE("every shipped text with a count carries its English one form (catalog, awards, scoring, ui.json)") {
    int files = 0;
    for (const EmbeddedFile& f : embedded_files()) {
        std::string name(f.name);
        if (name.size() < 5 || name.substr(name.size() - 5) != ".json") continue;
        ++files;
        CAPTURE(name);
        std::vector<std::string> lacking;
        Json doc = Json::parse(std::string(embedded(name)));
        // The UI's English ships apart from its Chinese, {"key": English} (core.h, UiStrings): each
        // text checked as the {zh, en} it is in assets/i18n/ui.json.
        if (name == "i18n/ui.en.json")
            for (auto& [key, en] : doc.items()) en = Json{{"zh", ""}, {"en", en}};
        texts_lacking_one(doc, "", lacking);
        CHECK_MESSAGE(lacking.empty(), name << ": " << (lacking.empty() ? "" : lacking.front()) << " has a count and no English 'one' form");
    }
    CHECK(files >= 3);   // the catalog, the UI strings and the award files at least
    CHECK(Json::parse(std::string(embedded("i18n/ui.en.json"))).size() > 200);
}

TEST_CASE("every countable unit of the catalog has its singular") {
    // "≥ 1 awards" came from a unit with no `one` form. Units of counts and scores that read as
    // an English plural ("awards", "batches", "points") must have one; "%" and "CNY 10,000" need none.
    auto plural_noun = [](const std::string& u) { return !u.empty() && u.back() == 's' && u.find(' ') == std::string::npos; };
    for (const IndicatorDef& d : qt::cat().indicators) {
        if (d.kind != Kind::count && d.kind != Kind::score && d.kind != Kind::info) continue;
        CAPTURE(d.id);
        if (plural_noun(d.value_unit.en)) CHECK_FALSE(d.value_unit.en_one.empty());
    }
    for (const FigureDef& f : qt::cat().figures) {
        CAPTURE(f.key);
        if (plural_noun(f.unit.en) || f.unit.en == "people") CHECK_FALSE(f.unit.en_one.empty());
    }
}

}  // namespace qcity_test_plural
