// The qcity.assessment/1 file format: round trips, refusals (each leaving the caller's assessment
// exactly as it was), and templates.
#include "support.h"

#include <set>

namespace qcity_test_files {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;
using qt::T;

namespace {

Assessment rich() {
    Assessment a = qt::county("东台市", 2023);
    a.figures["mfg_qualified_batches"] = I(1150);
    a.figures["mfg_sampled_batches"] = I(1200);
    a.figures["public_service_satisfaction_score"] = R(81.95);
    a.figures["certificates_new"] = R(3.0);               // an integral real stays a real
    a.figures["custom_share"] = R(0.1);
    a.figures["one_stop_platform"] = B(true);
    a.figures["governor_award_new"] = B(false);
    a.figures["remark_like"] = T("东台 \"引号\" \\ 反斜杠\n换行");
    a.figures["resident_population"] = FigureValue{};    // null
    a.figures["big"] = I(1000000000000LL);
    a.figures["negative"] = I(-7);
    a.notes["mfg_pass_rate"] = "来源：市场监管局2023年监督抽查汇总";
    a.notes["certificates_new"] = "Source: CNCA";
    a.settings.quota_share = Decimal::from_json(0.2);
    a.settings.quotas = {{"certificates_new", 300}};
    a.extra["x_app"] = Json{{"window", 3}, {"tabs", {"a", "b"}}};
    a.extra["comment"] = "kept as is";
    return a;
}

// A failed read: returns the problem and checks that the caller's assessment is untouched.
Problem refused(const std::string& text, const Catalog* c = nullptr) {
    Assessment target = rich();
    const Assessment before = target;
    Problem p;
    p.key = "unset";
    CHECK_FALSE(read_assessment(text, c, target, p));
    CHECK(target == before);
    CHECK(p.severity == Severity::error);
    CHECK(p.key != "unset");
    CHECK_FALSE(p.code.empty());
    CHECK_FALSE(p.message.zh.empty());
    CHECK_FALSE(p.message.en.empty());
    return p;
}

const char* kHeader = R"("schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": "东台市", "year": 2023)";

std::string doc(const std::string& rest) { return std::string("{") + kHeader + (rest.empty() ? "" : ", " + rest) + "}"; }

}  // namespace

TEST_SUITE("files") {

TEST_CASE("write → read gives an equal assessment; write → read → write is byte-identical") {
    Assessment a = rich();
    std::string text = write_assessment(a);
    CHECK(text.rfind("{\n  \"schema\": \"qcity.assessment/1\",\n", 0) == 0);
    CHECK(text.back() == '\n');
    Assessment b;
    Problem p;
    REQUIRE(read_assessment(text, &qt::cat(), b, p));
    CHECK(b == a);
    // Each value kept its type and its exact value.
    CHECK(b.figures["public_service_satisfaction_score"] == R(81.95));
    CHECK(b.figures["public_service_satisfaction_score"].r == 81.95);
    CHECK(b.figures["custom_share"].r == 0.1);
    CHECK(b.figures["certificates_new"].type == FigureValue::Type::real);
    CHECK(b.figures["mfg_sampled_batches"].type == FigureValue::Type::integer);
    CHECK(b.figures["big"] == I(1000000000000LL));
    CHECK(b.figures["governor_award_new"] == B(false));
    CHECK(b.figures["remark_like"].s == "东台 \"引号\" \\ 反斜杠\n换行");
    REQUIRE(b.figures.count("resident_population") == 1);
    CHECK(b.figures["resident_population"].absent());
    CHECK(b.get("resident_population") == nullptr);
    CHECK(b.notes == a.notes);
    CHECK(b.settings.to_json()["quota_share"] == Json(0.2));
    CHECK(b.extra["x_app"]["window"] == 3);
    CHECK(b.extra["comment"] == "kept as is");
    CHECK(write_assessment(b) == text);

    // The document as JSON: nulls for absent values, the unknown members at the top level.
    Json j = Json::parse(text);
    CHECK(j["figures"]["resident_population"].is_null());
    CHECK(j["figures"]["certificates_new"].is_number_float());
    CHECK(j["x_app"]["tabs"] == Json({"a", "b"}));
    CHECK(j["year"] == 2023);
    CHECK(j["profile"] == "county");
}

TEST_CASE("a minimal file reads, and inequality is detected") {
    Assessment a;
    Problem p;
    REQUIRE(read_assessment(doc(""), &qt::cat(), a, p));
    CHECK(a.catalog == "yancheng-2022");
    CHECK(a.profile == Profile::county);
    CHECK(a.unit == "东台市");
    CHECK(a.year == 2023);
    CHECK(a.figures.empty());
    CHECK(a.notes.empty());
    Assessment b = a;
    CHECK(a == b);
    b.figures["x"] = I(1);
    CHECK_FALSE(a == b);
    b = a;
    b.figures["x"] = FigureValue{};
    CHECK_FALSE(a == b);  // a null key is a key
    b = a;
    b.notes["x"] = "n";
    CHECK_FALSE(a == b);
    b = a;
    b.year = 2024;
    CHECK_FALSE(a == b);
    CHECK(I(3) != R(3.0));
    CHECK(R(std::nan("")) == R(std::nan("")));
}

TEST_CASE("enterprise files round trip too") {
    Assessment a = qt::enterprise("盐城某机械有限公司", 2024);
    a.figures["ent_credit_rating"] = T("AA");
    a.figures["ent_has_cqo"] = B(true);
    std::string text = write_assessment(a);
    Assessment b;
    Problem p;
    REQUIRE(read_assessment(text, nullptr, b, p));
    CHECK(b == a);
    CHECK(b.profile == Profile::enterprise);
}

TEST_CASE("FigureValue from and to JSON") {
    CHECK(FigureValue::from_json(Json(nullptr)).absent());
    CHECK(FigureValue::from_json(Json(5)) == I(5));
    CHECK(FigureValue::from_json(Json(-5)) == I(-5));
    CHECK(FigureValue::from_json(Json(5.0)) == R(5.0));
    CHECK(FigureValue::from_json(Json(true)) == B(true));
    CHECK(FigureValue::from_json(Json("AA")) == T("AA"));
    CHECK(FigureValue::from_json(Json(18446744073709551615ULL)).type == FigureValue::Type::real);
    CHECK(I(7).to_json() == Json(7));
    CHECK(R(std::nan("")).to_json().is_null());
    CHECK(FigureValue{}.to_json().is_null());
}

TEST_CASE("refused: not a qcity assessment") {
    Problem p = refused(R"({"schema": "qcity.catalog/1", "id": "x"})");
    CHECK(p.key == "schema");
    CHECK(p.code == "wrong_schema");
    CHECK(qt::contains(p.message.en, "qcity.catalog/1"));

    p = refused(R"({"catalog": "yancheng-2022", "profile": "county", "unit": "a", "year": 2023})");
    CHECK(p.key == "schema");

    p = refused(R"({"schema": 1})");
    CHECK(p.key == "schema");

    p = refused("[1, 2, 3]");
    CHECK(p.code == "not_assessment");
    p = refused("\"text\"");
    CHECK(p.code == "not_assessment");
}

TEST_CASE("refused: a newer format version says so") {
    std::string text = R"({"schema": "qcity.assessment/2", "catalog": "yancheng-2022", "profile": "county", "unit": "a", "year": 2023})";
    Problem p = refused(text);
    CHECK(p.key == "schema");
    CHECK(p.code == "newer_schema");
    CHECK(qt::contains(p.message.en, "newer"));
    CHECK(qt::contains(p.message.en, "2"));
    CHECK(qt::contains(p.message.zh, "更新"));
    p = refused(R"({"schema": "qcity.assessment/17"})");
    CHECK(p.code == "newer_schema");
    CHECK(qt::contains(p.message.en, "17"));
    // Version 0 or garbage is not "newer".
    p = refused(R"({"schema": "qcity.assessment/0"})");
    CHECK(p.code == "wrong_schema");
}

TEST_CASE("refused: another catalog, only when a catalog is given") {
    std::string text = R"({"schema": "qcity.assessment/1", "catalog": "suzhou-2030", "profile": "county", "unit": "a", "year": 2023})";
    Problem p = refused(text, &qt::cat());
    CHECK(p.key == "catalog");
    CHECK(p.code == "wrong_catalog");
    CHECK(qt::contains(p.message.en, "suzhou-2030"));
    CHECK(qt::contains(p.message.en, "yancheng-2022"));
    Assessment a;
    Problem q;
    CHECK(read_assessment(text, nullptr, a, q));
    CHECK(a.catalog == "suzhou-2030");
}

TEST_CASE("refused: malformed JSON gives the line and the column") {
    // The error is the ',' on line 3, column 11.
    std::string text = "{\n  \"schema\": \"qcity.assessment/1\",\n  \"unit\": ,\n}\n";
    Problem p = refused(text);
    CHECK(p.code == "malformed_json");
    CHECK(p.key == "file");
    CHECK(qt::contains(p.message.en, "line 3"));
    CHECK(qt::contains(p.message.en, "column 11"));
    CHECK(qt::contains(p.message.zh, "第 3 行"));
    CHECK(qt::contains(p.message.zh, "第 11 列"));

    // Columns count characters, not bytes: 东台市 is 3 characters (9 bytes). The stray 'x' is
    // character 17 of line 2.
    text = "{\n  \"unit\": \"东台市\" x\n}";
    p = refused(text);
    CHECK(qt::contains(p.message.en, "line 2"));
    CHECK(qt::contains(p.message.en, "column 17"));

    // An error on the first line: the unexpected string "qcity.assessment/1" spans columns 11–30;
    // the column given must point into it.
    p = refused("{\"schema\" \"qcity.assessment/1\"}");
    CHECK(qt::contains(p.message.en, "line 1"));
    size_t at = p.message.en.find("column ");
    REQUIRE(at != std::string::npos);
    int col = std::atoi(p.message.en.c_str() + at + 7);
    CHECK(col >= 11);
    CHECK(col <= 30);

    // Truncated and empty input.
    p = refused("{\n  \"schema\": \"qcity.assessment/1\",\n");
    CHECK(p.code == "malformed_json");
    CHECK(qt::contains(p.message.en, "line 3"));
    p = refused("");
    CHECK(p.code == "malformed_json");
    p = refused("{} trailing");
    CHECK(p.code == "malformed_json");
}

TEST_CASE("refused: a file over 5 MB; exactly 5 MB is read") {
    std::string small = doc("");
    std::string exact = small;
    exact.resize(kMaxFileBytes, ' ');
    REQUIRE(exact.size() == 5u * 1024u * 1024u);
    Assessment a;
    Problem p;
    CHECK(read_assessment(exact, nullptr, a, p));
    CHECK(a.unit == "东台市");

    std::string over = small;
    over.resize(kMaxFileBytes + 1, ' ');
    p = refused(over);
    CHECK(p.code == "file_too_large");
    CHECK(qt::contains(p.message.en, "5 MB"));
}

TEST_CASE("refused: bad structure") {
    Problem p = refused(doc(R"("figures": [1, 2])"));
    CHECK(p.key == "figures");
    p = refused(doc(R"("figures": "none")"));
    CHECK(p.key == "figures");
    p = refused(doc(R"("figures": {"mfg_sampled_batches": 100, "mfg_qualified_batches": [90]})"));
    CHECK(p.key == "mfg_qualified_batches");
    // Named as people know it (the file names its catalog), the key only in Problem::key.
    CHECK(qt::contains(p.message.en, "“Qualified batches of manufactured products”"));
    CHECK(qt::contains(p.message.zh, "“制造业产品抽检合格批次”"));
    CHECK_FALSE(qt::contains(p.message.en, "mfg_qualified_batches"));
    // A key no catalog knows: the key is all there is to name it by.
    p = refused(doc(R"("figures": {"mystery_key": [1]})"));
    CHECK(qt::contains(p.message.en, "“mystery_key”"));
    p = refused(doc(R"("figures": {"one_stop_platform": {"value": true}})"));
    CHECK(p.key == "one_stop_platform");
    p = refused(doc(R"("notes": ["a"])"));
    CHECK(p.key == "notes");
    p = refused(doc(R"("notes": {"mfg_pass_rate": 3})"));
    CHECK(p.key == "mfg_pass_rate");
    p = refused(doc(R"("settings": 0.2)"));
    CHECK(p.key == "settings");
    p = refused(R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "city", "unit": "a", "year": 2023})");
    CHECK(p.key == "profile");
    p = refused(R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": "a", "year": "2023"})");
    CHECK(p.key == "year");
    p = refused(R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": "a"})");
    CHECK(p.key == "year");
    p = refused(R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "year": 2023})");
    CHECK(p.key == "unit");
    p = refused(R"({"schema": "qcity.assessment/1", "profile": "county", "unit": "a", "year": 2023})");
    CHECK(p.key == "catalog");
}

TEST_CASE("refused: a year outside the catalog's range, when a catalog is given") {
    std::string text = R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": "东台市", "year": 1999})";
    Problem p = refused(text, &qt::cat());
    CHECK(p.key == "year");
    CHECK(p.code == "bad_year");
    CHECK(p.message.zh == "年份 1999 不在目录适用范围 2022–2035 内");
    CHECK(p.message.en == "The year 1999 is outside the catalog's range 2022–2035");
    // Without a catalog it reads as written (never moved to 2022); validate() reports it.
    Assessment a;
    REQUIRE(read_assessment(text, nullptr, a, p));
    CHECK(a.year == 1999);
    CHECK(qt::problems_for(validate(qt::cat(), a), "year").size() == 1);
    // The web API's reader refuses alike.
    Assessment target = rich();
    const Assessment before = target;
    CHECK_FALSE(read_assessment_json(Json::parse(text), &qt::cat(), target, p));
    CHECK(p.code == "bad_year");
    CHECK(target == before);
    // The edges are in.
    for (int y : {2022, 2035}) {
        CAPTURE(y);
        std::string ok = R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": "东台市", "year": )" +
                         std::to_string(y) + "}";
        CHECK(read_assessment(ok, &qt::cat(), a, p));
        CHECK(a.year == y);
    }
}

TEST_CASE("figure values are read as they are; validation judges them later") {
    Assessment a;
    Problem p;
    REQUIRE(read_assessment(doc(R"("figures": {"mfg_sampled_batches": "120", "certificates_new": -4, "x": null})"),
                            &qt::cat(), a, p));
    CHECK(a.figures["mfg_sampled_batches"] == T("120"));
    CHECK(a.figures["certificates_new"] == I(-4));
    CHECK(a.figures["x"].absent());
    auto ps = validate(qt::cat(), a);
    CHECK(qt::problems_for(ps, "mfg_sampled_batches").size() == 1);
    CHECK(qt::problems_for(ps, "certificates_new").size() == 1);
}

TEST_CASE("read_assessment_json refuses like read_assessment") {
    Assessment target = rich();
    const Assessment before = target;
    Problem p;
    CHECK_FALSE(read_assessment_json(Json{{"schema", "qcity.assessment/3"}}, nullptr, target, p));
    CHECK(p.code == "newer_schema");
    CHECK(target == before);
    Json j = assessment_to_json(rich());
    CHECK(read_assessment_json(j, &qt::cat(), target, p));
    CHECK(target == before);  // the same content
}

TEST_CASE("make_template has every figure key of the profile, all absent") {
    for (Profile prof : {Profile::county, Profile::enterprise}) {
        const auto& spec = prof == Profile::county ? qt::spec_county_figures() : qt::spec_enterprise_figures();
        Assessment t = make_template(qt::cat(), prof, "建湖县", 2024);
        CHECK(t.catalog == "yancheng-2022");
        CHECK(t.profile == prof);
        CHECK(t.unit == "建湖县");
        CHECK(t.year == 2024);
        CHECK(t.figures.size() == spec.size());
        for (const std::string& k : spec) {
            CAPTURE(k);
            REQUIRE(t.figures.count(k) == 1);
            CHECK(t.figures[k].absent());
        }
        // Written out: every key null; read back equal.
        std::string text = write_assessment(t);
        Json j = Json::parse(text);
        CHECK(j["figures"].size() == spec.size());
        for (const auto& [k, v] : j["figures"].items()) {
            const auto& k_ = k;  // (a structured binding cannot be captured in C++17)
            CAPTURE(k_);
            CHECK(v.is_null());
        }
        Assessment back;
        Problem p;
        REQUIRE(read_assessment(text, &qt::cat(), back, p));
        CHECK(back == t);
        // An empty template validates (nothing entered is not an error) and every indicator is
        // missing, but for a county's contributions to city-wide counts (shown as not filled in).
        CHECK_FALSE(has_errors(validate(qt::cat(), t)));
        Evaluation e = evaluate(qt::cat(), t);
        for (const IndicatorResult& r : e.results) {
            CAPTURE(r.def->id);
            CHECK(r.status == (r.contribution ? Status::info : Status::missing));
            CHECK(r.missing_figures.size() == r.def->inputs().size());
        }
    }
}

}  // TEST_SUITE

}  // namespace qcity_test_files
