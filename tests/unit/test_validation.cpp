// Validation: each rule of catalog-spec.md gives an error whose key is the figure and whose
// messages (both languages) are sentences naming it by its name, never by its key (the key is in
// Problem::key); unknown keys and other-profile keys are warnings.
#include "support.h"

#include <cctype>
#include <cmath>
#include <set>
#include <limits>

namespace qcity_test_validation {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;
using qt::T;

namespace {

// The figure's name in each language (the key itself for keys that are not figures).
std::pair<std::string, std::string> names_of(const std::string& key) {
    const FigureDef* f = qt::cat().figure(key);
    return f ? std::pair{f->name.zh, f->name.en} : std::pair{key, key};
}

// No figure key of the catalog appears in a message meant for people.
void expect_no_keys(const Problem& p) {
    for (const FigureDef& f : qt::cat().figures) {
        CAPTURE(f.key);
        CHECK_FALSE(qt::contains(p.message.zh, f.key));
        CHECK_FALSE(qt::contains(p.message.en, f.key));
    }
}

// Validates `a` and expects exactly one error, for `key`, naming the figure in zh and en (by name:
// the key is Problem::key, not part of the message), and `also` (a value, another figure's key:
// then its name) in both.
const Problem expect_one_error(const Assessment& a, const std::string& key, const std::string& also = "") {
    Assessment copy = a;
    std::vector<Problem> ps = validate(qt::cat(), a);
    CHECK(a == copy);  // never modifies anything
    std::string all;
    for (const Problem& p : ps) all += p.key + " | " + p.code + " | " + p.message.en + "\n";
    CAPTURE(all);
    CHECK(qt::count_errors(ps) == 1);
    auto hits = qt::problems_for(ps, key);
    REQUIRE(hits.size() == 1);
    const Problem& p = *hits[0];
    CHECK(p.severity == Severity::error);
    CHECK_FALSE(p.code.empty());
    if (qt::cat().figure(key)) {
        CHECK(qt::contains(p.message.zh, names_of(key).first));
        CHECK(qt::contains(p.message.en, names_of(key).second));
        // The sentence starts with the figure's name.
        CHECK(p.message.zh.rfind(names_of(key).first, 0) == 0);
        CHECK(p.message.en.rfind(names_of(key).second, 0) == 0);
    }
    expect_no_keys(p);
    if (!also.empty()) {
        auto [zh, en] = names_of(also);
        if (qt::cat().figure(also) && !en.empty()) en[0] = (char)std::tolower((unsigned char)en[0]);  // mid-sentence
        CHECK(qt::contains(p.message.zh, zh));
        CHECK(qt::contains(p.message.en, en));
    }
    CHECK(has_errors(ps));
    return p;
}

void expect_clean(const Assessment& a) {
    std::vector<Problem> ps = validate(qt::cat(), a);
    std::string all;
    for (const Problem& p : ps) all += p.key + " | " + p.message.en + "\n";
    CAPTURE(all);
    CHECK(ps.empty());
}

Assessment with(const std::string& key, FigureValue v) {
    Assessment a = qt::county();
    a.figures[key] = std::move(v);
    return a;
}

}  // namespace

TEST_SUITE("validation") {

TEST_CASE("a complete valid county and an empty one have no problems") {
    expect_clean(qt::good_county());
    expect_clean(qt::county());
    expect_clean(qt::enterprise());
}

TEST_CASE("counts: negative, non-integer, not finite") {
    expect_one_error(with("mfg_sampled_batches", I(-1)), "mfg_sampled_batches", "-1");
    expect_one_error(with("certificates_new", R(3.5)), "certificates_new", "3.5");
    expect_one_error(with("certificates_new", R(-2.0)), "certificates_new");
    expect_one_error(with("certificates_new", R(std::nan(""))), "certificates_new");
    expect_one_error(with("certificates_new", R(std::numeric_limits<double>::infinity())), "certificates_new");
    expect_one_error(with("certificates_new", R(-std::numeric_limits<double>::infinity())), "certificates_new");
    expect_one_error(with("public_service_satisfaction_score", R(std::nan(""))), "public_service_satisfaction_score");
    // An integral real is a whole number.
    expect_clean(with("certificates_new", R(3.0)));
    expect_clean(with("certificates_new", I(0)));
}

TEST_CASE("types: text or a bool where a number is meant is an error, not a conversion") {
    expect_one_error(with("mfg_sampled_batches", T("120")), "mfg_sampled_batches");
    expect_one_error(with("mfg_sampled_batches", T("")), "mfg_sampled_batches");
    expect_one_error(with("mfg_sampled_batches", B(true)), "mfg_sampled_batches");
    expect_one_error(with("public_service_satisfaction_score", T("85")), "public_service_satisfaction_score");
    expect_one_error(with("public_service_satisfaction_score", B(false)), "public_service_satisfaction_score");
    // A bool figure given a number or text.
    expect_one_error(with("one_stop_platform", I(1)), "one_stop_platform");
    expect_one_error(with("one_stop_platform", T("true")), "one_stop_platform");
    expect_clean(with("one_stop_platform", B(false)));
}

TEST_CASE("a numerator above its denominator") {
    Assessment a = qt::county();
    a.figures["mfg_qualified_batches"] = I(101);
    a.figures["mfg_sampled_batches"] = I(100);
    expect_one_error(a, "mfg_qualified_batches", "mfg_sampled_batches");
    a.figures["mfg_qualified_batches"] = I(100);
    expect_clean(a);

    Assessment b = qt::county();
    b.figures["eldercare_safety_compliant"] = I(11);
    b.figures["eldercare_institutions"] = I(10);
    expect_one_error(b, "eldercare_safety_compliant", "eldercare_institutions");

    // Only one side present: nothing to compare.
    expect_clean(with("mfg_qualified_batches", I(101)));

    // A numerator that is itself invalid is reported once, for what is wrong with it.
    Assessment c = qt::county();
    c.figures["mfg_qualified_batches"] = R(200.5);
    c.figures["mfg_sampled_batches"] = I(100);
    const Problem p = expect_one_error(c, "mfg_qualified_batches");
    CHECK(p.code != "num_gt_den");
}

TEST_CASE("emr_level5_hospitals above emr_level4_hospitals") {
    Assessment a = qt::county();
    a.figures["tertiary_hospitals"] = I(5);
    a.figures["emr_level4_hospitals"] = I(2);
    a.figures["emr_level5_hospitals"] = I(3);
    expect_one_error(a, "emr_level5_hospitals", "emr_level4_hospitals");
    a.figures["emr_level5_hospitals"] = I(2);
    expect_clean(a);
    // Without tertiary_hospitals the rule still holds.
    Assessment b = qt::county();
    b.figures["emr_level4_hospitals"] = I(1);
    b.figures["emr_level5_hospitals"] = I(2);
    expect_one_error(b, "emr_level5_hospitals", "emr_level4_hospitals");
}

TEST_CASE("a population of 0") {
    expect_one_error(with("resident_population", I(0)), "resident_population");
    expect_one_error(with("elderly_population", I(0)), "elderly_population");
    expect_clean(with("resident_population", I(1)));
}

TEST_CASE("a score outside 0–100") {
    expect_one_error(with("public_service_satisfaction_score", I(-1)), "public_service_satisfaction_score", "-1");
    expect_one_error(with("public_service_satisfaction_score", R(100.5)), "public_service_satisfaction_score", "100.5");
    expect_one_error(with("public_service_satisfaction_score", I(101)), "public_service_satisfaction_score");
    expect_clean(with("public_service_satisfaction_score", I(0)));
    expect_clean(with("public_service_satisfaction_score", I(100)));
    expect_clean(with("public_service_satisfaction_score", R(99.95)));
}

TEST_CASE("an unknown enum value") {
    Assessment a = qt::enterprise();
    a.figures["ent_credit_rating"] = T("AAAA");
    expect_one_error(a, "ent_credit_rating", "AAAA");
    a.figures["ent_credit_rating"] = T("aa");
    expect_one_error(a, "ent_credit_rating");
    a.figures["ent_credit_rating"] = I(2);
    expect_one_error(a, "ent_credit_rating");
    for (const char* ok : {"none", "A", "AA", "AAA"}) {
        CAPTURE(ok);
        a.figures["ent_credit_rating"] = T(ok);
        expect_clean(a);
    }
}

TEST_CASE("unknown figure keys and other-profile figures are warnings, not errors") {
    Assessment a = qt::county();
    a.figures["mfg_pass_rate_percent"] = R(95.5);
    a.figures["ent_has_cqo"] = B(true);
    std::vector<Problem> ps = validate(qt::cat(), a);
    CHECK_FALSE(has_errors(ps));
    auto unknown = qt::problems_for(ps, "mfg_pass_rate_percent", Severity::warning);
    REQUIRE(unknown.size() == 1);
    CHECK(qt::contains(unknown[0]->message.zh, "mfg_pass_rate_percent"));
    CHECK(qt::contains(unknown[0]->message.en, "mfg_pass_rate_percent"));
    auto other = qt::problems_for(ps, "ent_has_cqo", Severity::warning);
    REQUIRE(other.size() == 1);
    // A figure of the other profile has a name: the message uses it, not the key.
    CHECK(other[0]->message.zh == "已设立首席质量官属于企业评估，已保留但此处不参与评价");
    CHECK(other[0]->message.en == "Chief quality officer appointed belongs to enterprise assessments; kept but not judged here");
    CHECK(ps.size() == 2);

    Assessment e = qt::enterprise();
    e.figures["mfg_sampled_batches"] = I(5);  // a county figure: not judged here
    ps = validate(qt::cat(), e);
    CHECK_FALSE(has_errors(ps));
    CHECK(qt::problems_for(ps, "mfg_sampled_batches", Severity::warning).size() == 1);
}

TEST_CASE("year, catalog and unit") {
    // The catalog's range (2022, the policy's year, to 2035, the horizon it cites): a year outside
    // is an error naming the range, never moved into it.
    CHECK(qt::cat().year_min == 2022);
    CHECK(qt::cat().year_max == 2035);
    for (int y : {0, 1999, 2000, 2021, 2036, 2101, -5}) {
        CAPTURE(y);
        Assessment a = qt::county("东台市", y);
        const Problem p = expect_one_error(a, "year", std::to_string(y));
        CHECK(p.code == "bad_year");
        CHECK(p.message.zh == "年份 " + std::to_string(y) + " 不在目录适用范围 2022–2035 内");
        CHECK(p.message.en == "The year " + std::to_string(y) + " is outside the catalog's range 2022–2035");
        CHECK(a.year == y);
    }
    expect_clean(qt::county("东台市", 2022));
    expect_clean(qt::county("东台市", 2035));
    CHECK_FALSE(check_year(qt::cat(), 2023).has_value());
    REQUIRE(check_year(qt::cat(), 1999).has_value());
    CHECK(check_year(qt::cat(), 1999)->key == "year");

    Assessment a = qt::county();
    a.catalog = "suzhou-2030";
    std::vector<Problem> wrong = validate(qt::cat(), a);
    CHECK(qt::count_errors(wrong) == 1);
    auto hits = qt::problems_for(wrong, "catalog");
    REQUIRE(hits.size() == 1);
    CHECK(qt::contains(hits[0]->message.zh, "suzhou-2030"));
    CHECK(qt::contains(hits[0]->message.en, "suzhou-2030"));

    std::vector<Problem> ps = validate(qt::cat(), qt::county(""));
    CHECK_FALSE(has_errors(ps));
    CHECK(qt::problems_for(ps, "unit", Severity::warning).size() == 1);
}

TEST_CASE("every error is reported, each once") {
    Assessment a = qt::good_county();
    a.figures["mfg_sampled_batches"] = I(-1);
    a.figures["certificates_new"] = R(3.5);
    a.figures["resident_population"] = I(0);
    a.figures["one_stop_platform"] = I(1);
    a.figures["public_service_satisfaction_score"] = R(100.5);
    a.figures["consumer_qualified_batches"] = I(1001);  // above consumer_sampled_batches 1000
    Assessment copy = a;
    std::vector<Problem> ps = validate(qt::cat(), a);
    CHECK(a == copy);
    CHECK(qt::count_errors(ps) == 6);
    for (const char* k : {"mfg_sampled_batches", "certificates_new", "resident_population", "one_stop_platform",
                          "public_service_satisfaction_score", "consumer_qualified_batches"}) {
        CAPTURE(k);
        CHECK(qt::problems_for(ps, k).size() == 1);
    }
}

TEST_CASE("check_figure_value on its own") {
    const Catalog& c = qt::cat();
    const FigureDef* f = c.figure("mfg_sampled_batches");
    REQUIRE(f);
    CHECK_FALSE(check_figure_value(c, *f, FigureValue{}).has_value());
    CHECK_FALSE(check_figure_value(c, *f, I(5)).has_value());
    auto p = check_figure_value(c, *f, I(-5));
    REQUIRE(p.has_value());
    CHECK(p->key == "mfg_sampled_batches");
    CHECK(p->severity == Severity::error);
}

TEST_CASE("messages are sentences with the figures' names: the issue's examples") {
    Assessment a = qt::county();
    a.figures["above_scale_with_cqo"] = I(150);
    a.figures["above_scale_enterprises"] = I(140);
    Problem p = expect_one_error(a, "above_scale_with_cqo", "above_scale_enterprises");
    CHECK(p.code == "num_gt_den");
    CHECK(p.message.zh == "设立首席质量官的规上企业（150）不能多于规模以上企业总数（140）");
    CHECK(p.message.en == "Above-scale enterprises with a chief quality officer (150) cannot be more than above-scale enterprises (140)");

    p = expect_one_error(with("mfg_qualified_batches", I(-3)), "mfg_qualified_batches");
    CHECK(p.message.zh == "制造业产品抽检合格批次不能为负数（现为 -3）");
    CHECK(p.message.en == "Qualified batches of manufactured products cannot be negative (it is -3)");

    // A catalog constraint: both names, then why.
    Assessment b = qt::county();
    b.figures["emr_level4_hospitals"] = I(1);
    b.figures["emr_level5_hospitals"] = I(2);
    p = expect_one_error(b, "emr_level5_hospitals", "emr_level4_hospitals");
    CHECK(p.code == "constraint");
    CHECK(p.message.zh.rfind("电子病历应用水平5级及以上的三级医院（2）不能多于电子病历应用水平4级及以上的三级医院（1）。", 0) == 0);

    // Values read as people typed them: text in quotes, yes/no in the language.
    p = expect_one_error(with("mfg_sampled_batches", T("abc")), "mfg_sampled_batches");
    CHECK(p.message.zh == "制造业产品抽检批次应为数字，现为文本 “abc”");
    CHECK(p.message.en == "Sampled batches of manufactured products must be a number, not the text “abc”");
    p = expect_one_error(with("mfg_sampled_batches", B(true)), "mfg_sampled_batches");
    CHECK(p.message.zh == "制造业产品抽检批次应为数字，现为 “是”");
    p = expect_one_error(with("resident_population", I(0)), "resident_population");
    CHECK(p.message.zh == "常住人口不能为 0");
    CHECK(p.message.en == "Resident population cannot be 0");
    Assessment e = qt::enterprise();
    e.figures["ent_credit_rating"] = T("AAAA");
    p = expect_one_error(e, "ent_credit_rating", "AAAA");
    for (const EnumValue& v : qt::cat().enumeration("credit_rating")->values) {
        CHECK(qt::contains(p.message.zh, v.name.zh));   // the choices by name
        CHECK(qt::contains(p.message.en, v.name.en));
    }
}

TEST_CASE("no message for people carries an internal key, whatever is wrong") {
    // Everything at once: bad figures, combinations, other-profile figures, settings, readiness.
    Assessment a = qt::good_county();
    a.figures["mfg_sampled_batches"] = I(-1);
    a.figures["certificates_new"] = R(3.5);
    a.figures["resident_population"] = I(0);
    a.figures["one_stop_platform"] = I(1);
    a.figures["public_service_satisfaction_score"] = R(100.5);
    a.figures["consumer_qualified_batches"] = I(1001);
    a.figures["emr_level5_hospitals"] = I(3);
    a.figures["emr_level4_hospitals"] = I(2);
    a.figures["ent_has_cqo"] = B(true);
    a.settings = AssessmentSettings::from_json(Json{{"quota_share", 2}, {"quotas", {{"certificates_new", -1}, {"mfg_pass_rate", 3}, {"nope", 1}}},
                                                    {"scope", "province"}, {"units_included", "x"}});
    a.readiness = ReadinessEntries::from_json(Json{{"thresholds", 1}});
    Assessment e = qt::enterprise();
    e.figures["ent_credit_rating"] = I(2);
    e.figures["ent_sampled_batches"] = T("many");
    e.figures["mfg_sampled_batches"] = I(5);
    // An award's first count gate, given a negative threshold (the awards are data: found, not named).
    const AwardDef& award = builtin_readiness().awards.front();
    std::string gate;
    for (const GateDef& g : award.gates)
        if (g.rule == GateRule::at_least && gate.empty()) gate = g.id;
    REQUIRE_FALSE(gate.empty());
    Json thresholds = Json::object();
    thresholds[award.id] = Json{{gate, -1}, {"no_gate", 1}};
    thresholds["no_award"] = Json::object();
    Json items = Json::object();
    items["4.1.2"] = Json{{"percent", 47}, {"strength", 3}};
    items["9.9"] = Json::object();
    e.readiness = ReadinessEntries::from_json(
        Json{{"thresholds", thresholds}, {"self_score", Json{{"model", "x"}, {"items", items}, {"reference", 5000}}}, {"mystery", 1}});
    std::set<std::string> keys_seen;
    for (const Assessment* x : {&a, &e}) {
        for (const Problem& p : validate(qt::cat(), *x)) {
            CAPTURE(p.key);
            CAPTURE(p.message.zh);
            CAPTURE(p.message.en);
            keys_seen.insert(p.key);
            expect_no_keys(p);
            CHECK_FALSE(qt::contains(p.message.zh, "settings."));
            CHECK_FALSE(qt::contains(p.message.en, "settings."));
            CHECK_FALSE(qt::contains(p.message.zh, "readiness."));
            CHECK_FALSE(qt::contains(p.message.en, "readiness."));
            CHECK_FALSE(qt::contains(p.message.zh, "score."));
            CHECK_FALSE(p.message.zh.empty());
            CHECK_FALSE(p.message.en.empty());
        }
    }
    // The keys are all there, each in Problem::key.
    for (const std::string& k : std::vector<std::string>{"mfg_sampled_batches", "emr_level5_hospitals", "ent_has_cqo", "settings.quota_share",
                          "settings.quotas.certificates_new", "settings.quotas.mfg_pass_rate", "settings.quotas.nope",
                          "settings.scope", "settings.units_included", "readiness", "ent_credit_rating",
                          "readiness.thresholds." + award.id + "." + gate, "readiness.thresholds.no_award",
                          "score.4.1.2", "score.9.9", "score.reference", "readiness.mystery"}) {
        CAPTURE(k);
        CHECK(keys_seen.count(k) == 1);
    }
}

TEST_CASE("a catalog's year range: read from \"years\", 2000–2100 when absent, refused when malformed") {
    Json d = Json::parse(embedded("catalog/yancheng-2022.json"));
    Catalog c;
    std::vector<Problem> ps;
    d["years"] = Json{{"from", 2020}, {"to", 2030}};
    REQUIRE(load_catalog(d.dump(), c, ps));
    CHECK(c.year_min == 2020);
    CHECK(c.year_max == 2030);
    REQUIRE(check_year(c, 2031).has_value());
    CHECK(check_year(c, 2031)->message.zh == "年份 2031 不在目录适用范围 2020–2030 内");
    d.erase("years");
    Catalog plain;
    REQUIRE(load_catalog(d.dump(), plain, ps));
    CHECK(plain.year_min == 2000);
    CHECK(plain.year_max == 2100);
    for (Json bad : {Json{{"from", 2030}, {"to", 2020}}, Json{{"from", "2020"}, {"to", 2030}}, Json{{"from", 2020}},
                     Json(2022), Json{{"from", 1000}, {"to", 2030}}}) {
        CAPTURE(bad.dump());
        d["years"] = bad;
        Catalog out;
        out.id = "sentinel";
        std::vector<Problem> why;
        CHECK_FALSE(load_catalog(d.dump(), out, why));
        CHECK(out.id == "sentinel");
        REQUIRE(why.size() == 1);
        CHECK(why[0].key == "years");
    }
}

}  // TEST_SUITE

}  // namespace qcity_test_validation
