// Validation: each rule of catalog-spec.md gives an error whose key is the figure and whose
// messages (both languages) name it; unknown keys and other-profile keys are warnings.
#include "support.h"

#include <cmath>
#include <limits>

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;
using qt::T;

namespace {

// Validates `a` and expects exactly one error, for `key`, naming it in zh and en.
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
    CHECK(qt::contains(p.message.zh, key));
    CHECK(qt::contains(p.message.en, key));
    if (!also.empty()) {
        CHECK(qt::contains(p.message.zh, also));
        CHECK(qt::contains(p.message.en, also));
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
    CHECK(qt::contains(other[0]->message.en, "ent_has_cqo"));
    CHECK(ps.size() == 2);

    Assessment e = qt::enterprise();
    e.figures["mfg_sampled_batches"] = I(5);  // a county figure: not judged here
    ps = validate(qt::cat(), e);
    CHECK_FALSE(has_errors(ps));
    CHECK(qt::problems_for(ps, "mfg_sampled_batches", Severity::warning).size() == 1);
}

TEST_CASE("year, catalog and unit") {
    for (int y : {0, 1999, 2101, -5}) {
        CAPTURE(y);
        Assessment a = qt::county("东台市", y);
        expect_one_error(a, "year", std::to_string(y));
    }
    expect_clean(qt::county("东台市", 2000));
    expect_clean(qt::county("东台市", 2100));

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

}  // TEST_SUITE
