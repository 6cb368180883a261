// Typed settings and award readiness (AssessmentSettings, ReadinessEntries): read once, usable
// values in their members, everything else kept in `extra` as written, so a file read and written
// back is byte-identical and validation still names each unusable value.
#include "support.h"

#include <fstream>
#include <sstream>

namespace qcity_test_settings {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Every kind of member a file may hold in settings and readiness: usable values, unusable ones
// (a negative quota, "province", true as a threshold, a percentage 55.0 written as a float, text
// typed as a percentage, a non-object entry), empty objects, and members nobody knows.
const char* kHostile = R"({
  "schema": "qcity.assessment/1",
  "catalog": "yancheng-2022",
  "profile": "enterprise",
  "unit": "盐城某机械有限公司",
  "year": 2024,
  "figures": {"ent_years_pe": 5},
  "notes": {},
  "settings": {
    "quota_share": 1.0,
    "quotas": {"certificates_new": 300, "governor_award_new": -1, "nope": "x"},
    "scope": "province",
    "units_included": 3,
    "units_expected": 100001,
    "x_custom": {"deep": [1, 2.5, "三"]}
  },
  "readiness": {
    "thresholds": {
      "yancheng-mayor": {"pe_years": 3, "legal_person": false, "registered_locally": true, "nonresident": null},
      "jiangsu-credit-aa": {"current_grade": "AA"},
      "an-award": 3,
      "empty-award": {}
    },
    "self_score": {
      "model": "gbt19580-2012",
      "reference": 600.0,
      "items": {
        "4.1.2": {"percent": 55.0, "strength": "领导重视", "improvement": null, "note": 1},
        "4.1.3": 55,
        "4.2.1": {"percent": "abc"},
        "4.2.2": {"percent": 47.5, "strength": 3}
      },
      "future": {"x": 1}
    },
    "wishes": [1, 2]
  },
  "x_app": {"window": 3}
}
)";

}  // namespace

TEST_SUITE("settings") {

TEST_CASE("json_rational: the one conversion of a JSON number to a Rational") {
    CHECK(qt::eq(*json_rational(Json(3)), 3));
    CHECK(qt::eq(*json_rational(Json(-3)), -3));
    CHECK(qt::eq(*json_rational(Json(0.1)), 1, 10));       // the shortest decimal, not the double's tail
    CHECK(qt::eq(*json_rational(Json(0.07)), 7, 100));
    CHECK(qt::eq(*json_rational(Json(612.5)), 1225, 2));
    CHECK_FALSE(json_rational(Json::parse("18446744073709551615")));  // beyond int64
    CHECK_FALSE(json_rational(Json(1e300)));
    CHECK_FALSE(json_rational(Json("0.2")));
    CHECK_FALSE(json_rational(Json(true)));
    CHECK_FALSE(json_rational(Json()));
}

TEST_CASE("a file with every kind of setting and readiness member reads into the structs and writes back byte-identical") {
    Assessment a;
    Problem p;
    REQUIRE(read_assessment(kHostile, &qt::cat(), a, p));

    // Usable values are in the members.
    REQUIRE(a.settings.quota_share);
    CHECK(qt::eq(a.settings.quota_share->value, 1));
    CHECK(a.settings.quotas == std::map<std::string, int64_t>{{"certificates_new", 300}});
    CHECK(a.settings.scope == AssessmentSettings::Scope::unset);
    CHECK(a.settings.units_included == 3);
    CHECK_FALSE(a.settings.units_expected);
    // The rest is kept where the file had it, as written.
    CHECK(a.settings.extra["quotas"] == Json{{"governor_award_new", -1}, {"nope", "x"}});
    CHECK(a.settings.extra["scope"] == "province");
    CHECK(a.settings.extra["units_expected"] == 100001);
    CHECK(a.settings.extra["x_custom"]["deep"][2] == "三");

    const ReadinessEntries& r = a.readiness;
    REQUIRE(r.thresholds.count("yancheng-mayor"));
    CHECK(r.thresholds.at("yancheng-mayor").at("pe_years").kind == GateThreshold::Kind::count);
    CHECK(r.thresholds.at("yancheng-mayor").at("pe_years").count == 3);
    CHECK(r.thresholds.at("yancheng-mayor").at("legal_person").kind == GateThreshold::Kind::waived);
    CHECK(r.thresholds.at("jiangsu-credit-aa").at("current_grade").rating == "AA");
    CHECK(r.thresholds.at("empty-award").empty());
    CHECK(r.extra["thresholds"]["yancheng-mayor"] == Json{{"registered_locally", true}, {"nonresident", nullptr}});
    CHECK(r.extra["thresholds"]["an-award"] == 3);
    CHECK(r.extra["wishes"] == Json({1, 2}));
    REQUIRE(r.self_score);
    CHECK(r.self_score->model == "gbt19580-2012");
    REQUIRE(r.self_score->reference);
    CHECK(qt::eq(r.self_score->reference->value, 600));
    const ScoreEntry& e412 = r.self_score->items.at("4.1.2");
    REQUIRE(e412.percent);
    CHECK(e412.percent->whole == 55);                     // 55.0 is a whole percentage
    CHECK(e412.strength == "领导重视");
    CHECK_FALSE(e412.improvement);
    CHECK(e412.extra == Json{{"improvement", nullptr}, {"note", 1}});
    CHECK_FALSE(r.self_score->items.at("4.2.1").percent->whole);
    CHECK(r.self_score->items.at("4.2.1").percent->written == "abc");
    CHECK_FALSE(r.self_score->items.at("4.2.2").percent->whole);
    CHECK(r.self_score->extra["items"]["4.1.3"] == 55);
    CHECK(r.self_score->extra["future"] == Json{{"x", 1}});

    // The on-disk shape is unchanged: the document written is the document read, member for
    // member (1.0, 600.0 and 55.0 stay floats), and writing it again gives the same bytes.
    Json in = Json::parse(kHostile), out = assessment_to_json(a);
    CHECK(out == in);
    CHECK(out["settings"]["quota_share"].is_number_float());
    CHECK(out["readiness"]["self_score"]["reference"].dump() == "600.0");
    CHECK(out["readiness"]["self_score"]["items"]["4.1.2"]["percent"].dump() == "55.0");
    std::string text = write_assessment(a);
    Assessment b;
    REQUIRE(read_assessment(text, &qt::cat(), b, p));
    CHECK(b == a);
    CHECK(write_assessment(b) == text);

    // Validation names each unusable value, as before the structs.
    const std::vector<Problem> ps = validate(qt::cat(), a);
    for (const char* key : {"settings.quotas.governor_award_new", "settings.quotas.nope", "settings.scope", "settings.units_expected",
                            "readiness.thresholds.yancheng-mayor.registered_locally", "readiness.thresholds.yancheng-mayor.nonresident", "readiness.thresholds.an-award", "score.4.1.3", "score.4.2.1",
                            "score.4.2.2", "score.4.2.2.strength"}) {
        CAPTURE(key);
        bool found = false;
        for (const Problem& x : ps) found = found || x.key == key;
        CHECK(found);
    }
    for (const Problem& x : ps) {
        CAPTURE(x.key);
        CHECK(x.key != "settings.quota_share");              // 1.0 is a usable share
        CHECK(x.key != "settings.quotas.certificates_new");  // 300 is a usable quota
        CHECK(x.key != "score.reference");
    }
    // The quota message quotes the value as the file wrote it.
    for (const Problem& x : ps)
        if (x.key == "settings.scope") CHECK(qt::contains(x.message.en, "\"province\""));
}

TEST_CASE("the test fixture and a written enterprise file read and write back byte-identical") {
    // The fixture was written by hand (its notes are not in qcity's order, no final newline): what
    // qcity writes of it is the same document, and from then on a fixed point, byte for byte.
    const std::string fixture = slurp(std::string(QCITY_SOURCE_DIR) + "/tests/browser/fixtures/dongtai-2023.json");
    REQUIRE_FALSE(fixture.empty());
    Assessment a;
    Problem p;
    REQUIRE(read_assessment(fixture, &qt::cat(), a, p));
    const std::string written = write_assessment(a);
    CHECK(Json::parse(written) == Json::parse(fixture));
    Assessment a2;
    REQUIRE(read_assessment(written, &qt::cat(), a2, p));
    CHECK(write_assessment(a2) == written);

    // The hostile file once written is a fixed point too, with and without the catalog.
    Assessment h;
    REQUIRE(read_assessment(kHostile, nullptr, h, p));
    std::string once = write_assessment(h);
    Assessment h2;
    REQUIRE(read_assessment(once, nullptr, h2, p));
    CHECK(write_assessment(h2) == once);
}

TEST_CASE("empty settings and readiness objects: as before, empty ones are not written; empty parts are") {
    const std::string head = R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "enterprise", "unit": "U", "year": 2024, )";
    Assessment a;
    Problem p;
    REQUIRE(read_assessment(head + R"("settings": {}, "readiness": {}})", &qt::cat(), a, p));
    CHECK(a.settings.empty());
    CHECK(a.readiness.empty());
    Json j = assessment_to_json(a);
    CHECK_FALSE(j.contains("settings"));
    CHECK_FALSE(j.contains("readiness"));

    const Json parts = Json::parse(R"({"thresholds": {}, "self_score": {"items": {}}})");
    REQUIRE(read_assessment(head + R"("settings": {"quotas": {}}, "readiness": )" + parts.dump() + "}", &qt::cat(), a, p));
    CHECK_FALSE(a.readiness.empty());
    j = assessment_to_json(a);
    CHECK(j["readiness"] == parts);
    CHECK(j["settings"] == Json{{"quotas", Json::object()}});
    CHECK(validate_readiness(builtin_readiness(), qt::cat(), a).empty());
}

TEST_CASE("evaluation reads the typed settings: a usable share and quota are used, unusable ones are not") {
    Assessment a = qt::county();
    a.figures["certificates_new"] = qt::I(200);
    a.settings = AssessmentSettings::from_json(Json{{"quota_share", 0.1}});
    Evaluation e = evaluate(qt::cat(), a);
    CHECK(qt::eq(e.quota_share, 1, 10));
    a.settings = AssessmentSettings::from_json(Json{{"quota_share", "0.1"}});  // text: kept, not used
    e = evaluate(qt::cat(), a);
    CHECK(qt::eq(e.quota_share, qt::cat().default_quota_share().num, qt::cat().default_quota_share().den));
    a.settings = AssessmentSettings::from_json(Json{{"quotas", {{"certificates_new", 150}}}});
    e = evaluate(qt::cat(), a);
    bool found = false;
    for (const IndicatorResult& r : e.results)
        if (r.def->id == "certificates_new") {
            found = true;
            CHECK(r.quota);
            CHECK(qt::eq(r.target, 150));
        }
    CHECK(found);
}

}  // TEST_SUITE

}  // namespace qcity_test_settings
