// Evaluation: every kind and status, exact arithmetic, shortfalls and the display rule
// (a value is never shown rounded across its target). Expected values are worked out by hand
// from catalog-spec.md.
#include "support.h"

#include <cmath>

namespace qcity_test_evaluate {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::eq;
using qt::I;
using qt::R;
using qt::result;
using qt::T;

namespace {

Evaluation eval(const Assessment& a) { return evaluate(qt::cat(), a); }

std::string shown(const Evaluation& e, const std::string& id, Lang lang = Lang::zh) {
    return display_value(qt::cat(), result(e, id), lang);
}

}  // namespace

TEST_SUITE("evaluate") {

TEST_CASE("ratio: 98 of 140 is exactly 70 %, met with no shortfall") {
    Assessment a = qt::county();
    a.figures["above_scale_with_cqo"] = I(98);
    a.figures["above_scale_enterprises"] = I(140);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "cqo_coverage");
    CHECK(r.status == Status::met);
    REQUIRE(r.has_value);
    CHECK(eq(r.value, 70));
    CHECK(r.has_target);
    CHECK(eq(r.target, 70));
    REQUIRE(r.has_shortfall);
    CHECK(eq(r.shortfall, 0));
    CHECK(r.shortfall_text.empty());
    CHECK(shown(e, "cqo_coverage") == "70.0 %");
    CHECK(display_target(qt::cat(), r, Lang::zh) == "≥ 70 %");
}

TEST_CASE("ratio: 97 of 140 is not met, 1 more needed") {
    Assessment a = qt::county();
    a.figures["above_scale_with_cqo"] = I(97);
    a.figures["above_scale_enterprises"] = I(140);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "cqo_coverage");
    CHECK(r.status == Status::not_met);
    CHECK(eq(r.value, 9700, 140));
    CHECK(eq(r.shortfall, 1));
    CHECK(qt::contains(r.shortfall_text.zh, "还需 1 家"));
    CHECK(r.gap > 0);
    // 69.2857… is shown rounded down.
    CHECK(shown(e, "cqo_coverage") == "69.2 %");
}

TEST_CASE("ratio: 94 of 140 needs 4 (⌈0.7·140⌉ = 98), and the sentence says so") {
    Assessment a = qt::county();
    a.figures["above_scale_with_cqo"] = I(94);
    a.figures["above_scale_enterprises"] = I(140);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "cqo_coverage");
    CHECK(r.status == Status::not_met);
    CHECK(eq(r.shortfall, 4));
    CHECK(qt::contains(r.shortfall_text.zh, "还需 4 家"));
    CHECK(qt::contains(r.shortfall_text.en, "4 more"));
    CHECK_FALSE(qt::contains(r.shortfall_text.zh, "{n}"));
}

TEST_CASE("ratio: larger shortfalls are computed exactly") {
    Assessment a = qt::county();
    // food: 98 % of 12345 = 12098.1 → 12099 needed.
    a.figures["food_sampled_batches"] = I(12345);
    a.figures["food_qualified_batches"] = I(12000);
    a.figures["resident_population"] = I(1000000);
    // home care: 16 % of 3 = 0.48 → 1 needed; 0 given.
    a.figures["elderly_home_service_recipients"] = I(0);
    a.figures["elderly_population"] = I(3);
    Evaluation e = eval(a);
    CHECK(result(e, "food_pass_rate").status == Status::not_met);
    CHECK(eq(result(e, "food_pass_rate").shortfall, 99));
    CHECK(result(e, "home_care_share").status == Status::not_met);
    CHECK(eq(result(e, "home_care_share").shortfall, 1));
    CHECK(shown(e, "home_care_share") == "0.0 %");
}

TEST_CASE("ratio shortfalls stay exact where doubles drift (targets of a changed catalog)") {
    // The shipped targets happen to be kind to doubles; these are not: 7 % of 100 is exactly 7,
    // but 0.07 * 100 is 7.000000000000001 (its ceiling 8), and 14 % of 50 likewise.
    Json doc = Json::parse(embedded("catalog/yancheng-2022.json"));
    for (Json& ind : doc["indicators"]) {
        if (ind["id"] == "mfg_pass_rate") ind["target"] = 7;
        if (ind["id"] == "consumer_pass_rate") ind["target"] = 14;
        if (ind["id"] == "food_pass_rate") ind["target"] = 99.5;
    }
    Catalog c;
    std::vector<Problem> problems;
    REQUIRE(load_catalog(doc.dump(), c, problems));
    CHECK(std::ceil(0.07 * 100) == 8);

    Assessment a = qt::county();
    a.figures["mfg_qualified_batches"] = I(7);
    a.figures["mfg_sampled_batches"] = I(100);
    a.figures["consumer_qualified_batches"] = I(7);
    a.figures["consumer_sampled_batches"] = I(50);
    a.figures["food_qualified_batches"] = I(995);
    a.figures["food_sampled_batches"] = I(1000);
    Evaluation e = evaluate(c, a);
    CHECK(result(e, "mfg_pass_rate").status == Status::met);
    CHECK(eq(result(e, "mfg_pass_rate").shortfall, 0));
    CHECK(result(e, "consumer_pass_rate").status == Status::met);
    CHECK(eq(result(e, "consumer_pass_rate").shortfall, 0));
    CHECK(result(e, "food_pass_rate").status == Status::met);      // 99.5 % of 1000 = 995
    CHECK(eq(result(e, "food_pass_rate").target, 199, 2));
    CHECK(display_value(c, result(e, "food_pass_rate"), Lang::zh) == "99.5 %");

    a.figures["mfg_qualified_batches"] = I(6);
    a.figures["consumer_qualified_batches"] = I(6);
    a.figures["food_qualified_batches"] = I(994);
    e = evaluate(c, a);
    CHECK(result(e, "mfg_pass_rate").status == Status::not_met);
    CHECK(eq(result(e, "mfg_pass_rate").shortfall, 1));
    CHECK(eq(result(e, "consumer_pass_rate").shortfall, 1));
    CHECK(result(e, "food_pass_rate").status == Status::not_met);
    CHECK(eq(result(e, "food_pass_rate").shortfall, 1));
    CHECK(display_value(c, result(e, "food_pass_rate"), Lang::zh) == "99.4 %");
}

TEST_CASE("ratio with a denominator of 0 is not applicable") {
    Assessment a = qt::county();
    a.figures["mfg_qualified_batches"] = I(0);
    a.figures["mfg_sampled_batches"] = I(0);
    a.figures["transport_issues_rectified"] = I(0);
    a.figures["transport_issues_found"] = I(0);
    Evaluation e = eval(a);
    for (const char* id : {"mfg_pass_rate", "transport_rectification_rate"}) {
        CAPTURE(id);
        const IndicatorResult& r = result(e, id);
        CHECK(r.status == Status::not_applicable);
        CHECK_FALSE(r.has_value);
        CHECK_FALSE(r.has_shortfall);
        CHECK_FALSE(r.reason.zh.empty());
        CHECK_FALSE(r.reason.en.empty());
        CHECK(display_value(qt::cat(), r, Lang::zh) == "—");
    }
    CHECK(e.summary.not_applicable == 2);
}

TEST_CASE("ratio_all: met only at 100 %, shortfall den − num") {
    Assessment a = qt::county();
    a.figures["licensed_enterprises_inspected"] = I(50);
    a.figures["licensed_enterprises"] = I(50);
    a.figures["transport_projects_supervised"] = I(47);
    a.figures["transport_projects"] = I(50);
    a.figures["safe_site_compliant"] = I(999);
    a.figures["safe_site_applied"] = I(1000);
    Evaluation e = eval(a);
    const IndicatorResult& met = result(e, "license_inspection_coverage");
    CHECK(met.status == Status::met);
    CHECK(eq(met.value, 100));
    CHECK(eq(met.shortfall, 0));
    CHECK(shown(e, "license_inspection_coverage") == "100.0 %");
    CHECK(display_target(qt::cat(), met, Lang::en) == "= 100 %");

    const IndicatorResult& nm = result(e, "transport_supervision_coverage");
    CHECK(nm.status == Status::not_met);
    CHECK(eq(nm.value, 94));
    CHECK(eq(nm.shortfall, 3));
    CHECK(qt::contains(nm.shortfall_text.zh, "3"));
    CHECK(shown(e, "transport_supervision_coverage") == "94.0 %");

    // 99.9 % is not 100 %: never shown as "100.0 %".
    const IndicatorResult& almost = result(e, "safe_site_compliance");
    CHECK(almost.status == Status::not_met);
    CHECK(eq(almost.shortfall, 1));
    CHECK(shown(e, "safe_site_compliance") == "99.9 %");
    a.figures["safe_site_compliant"] = I(9999);
    a.figures["safe_site_applied"] = I(10000);
    CHECK(shown(eval(a), "safe_site_compliance") == "99.9 %");
}

TEST_CASE("density: 7 batches per 1000 people, exactly") {
    Assessment a = qt::county();
    a.figures["resident_population"] = I(1000000);
    a.figures["food_sampled_batches"] = I(6999);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "food_sampling_density");
    CHECK(r.status == Status::not_met);
    CHECK(eq(r.value, 6999, 1000));
    CHECK(eq(r.shortfall, 1));
    CHECK(qt::contains(r.shortfall_text.zh, "1"));
    CHECK(shown(e, "food_sampling_density") == "6.99 批次/千人");

    a.figures["food_sampled_batches"] = I(7000);
    e = eval(a);
    CHECK(result(e, "food_sampling_density").status == Status::met);
    CHECK(eq(result(e, "food_sampling_density").shortfall, 0));
    CHECK(shown(e, "food_sampling_density") == "7.00 批次/千人");

    // 7 per 1000 of 1,234,567 people is 8641.969 batches: 8641 falls short by 1, 8642 meets it.
    a.figures["resident_population"] = I(1234567);
    a.figures["food_sampled_batches"] = I(8641);
    e = eval(a);
    CHECK(result(e, "food_sampling_density").status == Status::not_met);
    CHECK(eq(result(e, "food_sampling_density").shortfall, 1));
    a.figures["food_sampled_batches"] = I(5000);
    e = eval(a);
    CHECK(eq(result(e, "food_sampling_density").shortfall, 3642));
    a.figures["food_sampled_batches"] = I(8642);
    e = eval(a);
    CHECK(result(e, "food_sampling_density").status == Status::met);
}

TEST_CASE("count: judged against the county's quota, absent is not zero") {
    Assessment a = qt::county();
    a.figures["governor_award_new"] = I(0);
    a.figures["certificates_new"] = I(150);
    a.figures["standards_new"] = I(2);
    Evaluation e = eval(a);
    // 1 × 1/11 is below one: a contribution, shown and not judged (test_quota.cpp has the rule).
    const IndicatorResult& gov = result(e, "governor_award_new");
    CHECK(gov.status == Status::info);
    CHECK(gov.contribution);
    CHECK(eq(gov.value, 0));
    CHECK_FALSE(gov.has_shortfall);
    const IndicatorResult& cert = result(e, "certificates_new");
    CHECK(cert.status == Status::not_met);
    CHECK(eq(cert.target, 182));
    CHECK(eq(cert.shortfall, 32));
    CHECK(qt::contains(cert.shortfall_text.zh, "还需新增 32 张"));
    CHECK(result(e, "standards_new").status == Status::met);  // quota ⌈20/11⌉ = 2
    CHECK(shown(e, "certificates_new") == "150 张");
    // An absent count is missing, not 0.
    const IndicatorResult& canteens = result(e, "elder_canteens");   // quota ⌈100/11⌉ = 10
    CHECK(canteens.status == Status::missing);
    CHECK_FALSE(canteens.has_value);
    REQUIRE(canteens.missing_figures.size() == 1);
    CHECK(canteens.missing_figures[0] == "elder_canteens");
    // An explicitly absent value (null in the file) is missing too.
    a.figures["elder_canteens"] = FigureValue{};
    CHECK(result(eval(a), "elder_canteens").status == Status::missing);
    // An absent contribution is not a value of 0 either: shown as not filled in.
    const IndicatorResult& mayor = result(e, "mayor_award_new");
    CHECK(mayor.status == Status::info);
    CHECK_FALSE(mayor.has_value);
    CHECK(mayor.missing_figures == std::vector<std::string>{"mayor_award_new"});
}

TEST_CASE("score: 81.95 against 82 falls short by 0.05 and is never shown as 82.0") {
    Assessment a = qt::county();
    a.figures["public_service_satisfaction_score"] = R(81.95);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "public_service_satisfaction");
    CHECK(r.status == Status::not_met);
    CHECK(eq(r.value, 8195, 100));
    CHECK(eq(r.shortfall, 5, 100));
    CHECK(qt::contains(r.shortfall_text.zh, "0.05"));
    CHECK(qt::contains(r.shortfall_text.en, "0.05"));
    std::string v = shown(e, "public_service_satisfaction");
    CHECK_FALSE(qt::contains(v, "82.0"));
    CHECK(v == "81.9 分");
    CHECK(shown(e, "public_service_satisfaction", Lang::en) == "81.9 points");

    a.figures["public_service_satisfaction_score"] = R(81.999);
    e = eval(a);
    CHECK(result(e, "public_service_satisfaction").status == Status::not_met);
    CHECK(eq(result(e, "public_service_satisfaction").shortfall, 1, 1000));
    CHECK(shown(e, "public_service_satisfaction") == "81.9 分");

    a.figures["public_service_satisfaction_score"] = I(82);
    e = eval(a);
    CHECK(result(e, "public_service_satisfaction").status == Status::met);
    CHECK(eq(result(e, "public_service_satisfaction").shortfall, 0));
    CHECK(result(e, "public_service_satisfaction").shortfall_text.empty());
    CHECK(shown(e, "public_service_satisfaction") == "82.0 分");

    a.figures["public_service_satisfaction_score"] = R(82.0);
    CHECK(result(eval(a), "public_service_satisfaction").status == Status::met);
}

TEST_CASE("display: 94.96 % stays 94.9 %, 95.04 % shows 95.0 %") {
    Assessment a = qt::county();
    a.figures["mfg_qualified_batches"] = I(9496);
    a.figures["mfg_sampled_batches"] = I(10000);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "mfg_pass_rate");
    CHECK(r.status == Status::not_met);
    CHECK(eq(r.shortfall, 4));  // 9500 needed
    CHECK(shown(e, "mfg_pass_rate") == "94.9 %");
    CHECK(shown(e, "mfg_pass_rate", Lang::en) == "94.9 %");

    a.figures["mfg_qualified_batches"] = I(9504);
    e = eval(a);
    CHECK(result(e, "mfg_pass_rate").status == Status::met);
    CHECK(shown(e, "mfg_pass_rate") == "95.0 %");

    // Exactly at the target.
    a.figures["mfg_qualified_batches"] = I(9500);
    e = eval(a);
    CHECK(result(e, "mfg_pass_rate").status == Status::met);
    CHECK(shown(e, "mfg_pass_rate") == "95.0 %");

    // 97.99 % against 98: "97.9 %", not "98.0 %".
    a.figures["food_qualified_batches"] = I(9799);
    a.figures["food_sampled_batches"] = I(10000);
    e = eval(a);
    CHECK(result(e, "food_pass_rate").status == Status::not_met);
    CHECK(shown(e, "food_pass_rate") == "97.9 %");
}

TEST_CASE("flag: yes is met, no is not met with a sentence but no number") {
    Assessment a = qt::county();
    a.figures["one_stop_platform"] = B(true);
    Evaluation e = eval(a);
    const IndicatorResult& y = result(e, "one_stop_platform");
    CHECK(y.status == Status::met);
    CHECK(y.shortfall_text.empty());
    CHECK(shown(e, "one_stop_platform") == "是");
    CHECK(shown(e, "one_stop_platform", Lang::en) == "Yes");
    CHECK(display_target(qt::cat(), y, Lang::en) == "Yes");

    a.figures["one_stop_platform"] = B(false);
    e = eval(a);
    const IndicatorResult& n = result(e, "one_stop_platform");
    CHECK(n.status == Status::not_met);
    CHECK_FALSE(n.has_shortfall);
    CHECK_FALSE(n.shortfall_text.zh.empty());
    CHECK_FALSE(n.shortfall_text.en.empty());
    CHECK(shown(e, "one_stop_platform") == "否");
    CHECK(shown(e, "one_stop_platform", Lang::en) == "No");
}

TEST_CASE("rating: at or above AA in none < A < AA < AAA") {
    Assessment a = qt::enterprise();
    struct Case {
        const char* value;
        Status status;
    };
    for (Case c : {Case{"none", Status::not_met}, Case{"A", Status::not_met}, Case{"AA", Status::met}, Case{"AAA", Status::met}}) {
        CAPTURE(c.value);
        a.figures["ent_credit_rating"] = T(c.value);
        Evaluation e = eval(a);
        const IndicatorResult& r = result(e, "ent_credit_rating");
        CHECK(r.status == c.status);
        CHECK(r.value_enum == c.value);
        CHECK(r.shortfall_text.empty() == (c.status == Status::met));
        CHECK(shown(e, "ent_credit_rating", Lang::en) == (std::string(c.value) == "none" ? "None" : c.value));
    }
    a.figures["ent_credit_rating"] = T("AA");
    Evaluation e = eval(a);
    CHECK(display_target(qt::cat(), result(e, "ent_credit_rating"), Lang::en) == "≥ AA");
}

TEST_CASE("info: shown as entered, no target") {
    Assessment a = qt::enterprise();
    a.figures["ent_high_tech"] = B(true);
    a.figures["ent_rd_center"] = B(false);
    a.figures["ent_standards_new"] = I(3);
    Evaluation e = eval(a);
    const IndicatorResult& ht = result(e, "ent_high_tech");
    CHECK(ht.status == Status::info);
    CHECK_FALSE(ht.has_target);
    CHECK(ht.raw == Json(true));
    CHECK(shown(e, "ent_high_tech") == "是");
    CHECK(result(e, "ent_rd_center").status == Status::info);
    CHECK(shown(e, "ent_rd_center", Lang::en) == "No");
    const IndicatorResult& st = result(e, "ent_standards_new");
    CHECK(st.status == Status::info);
    CHECK(eq(st.value, 3));
    CHECK(shown(e, "ent_standards_new") == "3 项");
    CHECK(display_target(qt::cat(), st, Lang::zh) == "—");
    CHECK(e.summary.info == 3);
}

TEST_CASE("invalid: an indicator reading a bad figure is invalid, the others are judged") {
    Assessment a = qt::county();
    a.figures["mfg_qualified_batches"] = I(-5);
    a.figures["mfg_sampled_batches"] = I(100);
    a.figures["consumer_qualified_batches"] = I(101);     // above its denominator
    a.figures["consumer_sampled_batches"] = I(100);
    a.figures["tertiary_hospitals"] = I(4);
    a.figures["emr_level4_hospitals"] = I(2);
    a.figures["emr_level5_hospitals"] = I(3);             // above emr_level4_hospitals
    a.figures["agri_qualified_batches"] = I(97);
    a.figures["agri_sampled_batches"] = I(100);
    Evaluation e = eval(a);
    const IndicatorResult& mfg = result(e, "mfg_pass_rate");
    CHECK(mfg.status == Status::invalid);
    REQUIRE(mfg.invalid_figures.size() == 1);
    CHECK(mfg.invalid_figures[0] == "mfg_qualified_batches");
    CHECK_FALSE(mfg.reason.zh.empty());
    CHECK(result(e, "consumer_pass_rate").status == Status::invalid);
    CHECK(result(e, "emr_level5_share").status == Status::invalid);
    // emr_level4_share reads emr_level4_hospitals and tertiary_hospitals, both fine: 2 of 4.
    CHECK(result(e, "emr_level4_share").status == Status::not_met);
    CHECK(eq(result(e, "emr_level4_share").shortfall, 2));
    CHECK(result(e, "agri_pass_rate").status == Status::met);
    CHECK(e.summary.invalid == 3);
    CHECK(has_errors(e.problems));
}

TEST_CASE("invalid beats missing") {
    Assessment a = qt::county();
    a.figures["mfg_qualified_batches"] = T("很多");
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "mfg_pass_rate");
    CHECK(r.status == Status::invalid);
    CHECK(r.invalid_figures == std::vector<std::string>{"mfg_qualified_batches"});
    CHECK(r.missing_figures == std::vector<std::string>{"mfg_sampled_batches"});
}

TEST_CASE("missing: every absent input is named") {
    Assessment a = qt::county();
    a.figures["mfg_sampled_batches"] = I(100);
    Evaluation e = eval(a);
    const IndicatorResult& r = result(e, "mfg_pass_rate");
    CHECK(r.status == Status::missing);
    CHECK(r.missing_figures == std::vector<std::string>{"mfg_qualified_batches"});
    CHECK_FALSE(r.reason.zh.empty());
    const IndicatorResult& both = result(e, "consumer_pass_rate");
    CHECK(both.missing_figures == std::vector<std::string>{"consumer_qualified_batches", "consumer_sampled_batches"});
}

TEST_CASE("summary of an empty and of a complete county") {
    // At the default share 1/11, eight city-wide counts are contributions (targets 1, 2, 5, 5, 5, 5,
    // 10, 10: each below 11), counted as info; the other 23 indicators are judged.
    Evaluation empty = eval(qt::county());
    CHECK(empty.results.size() == 31);
    CHECK(empty.summary.missing == 23);
    CHECK(empty.summary.info == 8);
    CHECK(empty.summary.met == 0);
    CHECK(empty.summary.completeness() == doctest::Approx(0.0));

    Evaluation full = eval(qt::good_county());
    CHECK(full.results.size() == 31);
    for (const IndicatorResult& r : full.results) {
        CAPTURE(r.def->id);
        CHECK(r.status == (r.contribution ? Status::info : Status::met));
    }
    CHECK(full.summary.met == 23);
    CHECK(full.summary.info == 8);
    CHECK(full.summary.completeness() == doctest::Approx(1.0));
    CHECK(full.problems.empty());
    // Results come in catalog order, county profile only.
    size_t i = 0;
    for (const IndicatorDef& d : qt::cat().indicators)
        if (d.profile == Profile::county) {
            REQUIRE(i < full.results.size());
            CHECK(full.results[i++].def == &d);
        }
}

TEST_CASE("enterprise: the consumer-goods target is 96, otherwise 95") {
    Assessment a = qt::enterprise();
    a.figures["ent_qualified_batches"] = I(95);
    a.figures["ent_sampled_batches"] = I(100);
    Evaluation e = eval(a);  // ent_consumer_goods absent: the default target
    CHECK(eq(result(e, "ent_product_pass_rate").target, 95));
    CHECK(result(e, "ent_product_pass_rate").status == Status::met);

    a.figures["ent_consumer_goods"] = B(false);
    e = eval(a);
    CHECK(eq(result(e, "ent_product_pass_rate").target, 95));
    CHECK(result(e, "ent_product_pass_rate").status == Status::met);

    a.figures["ent_consumer_goods"] = B(true);
    e = eval(a);
    const IndicatorResult& r = result(e, "ent_product_pass_rate");
    CHECK(eq(r.target, 96));
    CHECK(r.status == Status::not_met);
    CHECK(eq(r.shortfall, 1));
    CHECK(display_target(qt::cat(), r, Lang::zh) == "≥ 96 %");
}

TEST_CASE("enterprise: a chief quality officer is judged only for above-scale enterprises") {
    Assessment a = qt::enterprise();
    a.figures["ent_above_scale"] = B(false);
    Evaluation e = eval(a);
    CHECK(result(e, "ent_cqo").status == Status::not_applicable);
    CHECK_FALSE(result(e, "ent_cqo").reason.en.empty());

    a.figures["ent_has_cqo"] = B(false);
    CHECK(result(eval(a), "ent_cqo").status == Status::not_applicable);

    a.figures["ent_above_scale"] = B(true);
    CHECK(result(eval(a), "ent_cqo").status == Status::not_met);
    a.figures["ent_has_cqo"] = B(true);
    CHECK(result(eval(a), "ent_cqo").status == Status::met);

    // Unknown scale: it applies, and without ent_has_cqo it is missing.
    Assessment b = qt::enterprise();
    CHECK(result(eval(b), "ent_cqo").status == Status::missing);
}

TEST_CASE("enterprise: a full assessment") {
    Assessment a = qt::enterprise();
    a.figures["ent_qualified_batches"] = I(48);
    a.figures["ent_sampled_batches"] = I(50);       // 96 %
    a.figures["ent_consumer_goods"] = B(true);      // target 96: met
    a.figures["ent_above_scale"] = B(true);
    a.figures["ent_has_cqo"] = B(true);
    a.figures["ent_qms_certified"] = B(true);
    a.figures["ent_credit_rating"] = T("A");        // below AA
    a.figures["ent_no_serious_violation"] = B(true);
    a.figures["ent_performance_excellence"] = B(false);
    a.figures["ent_green_certified"] = B(true);
    a.figures["ent_high_tech"] = B(true);
    a.figures["ent_rd_center"] = B(false);
    a.figures["ent_standards_new"] = I(1);
    a.figures["ent_certificates_new"] = I(4);
    a.figures["ent_qc_groups"] = I(6);
    Evaluation e = eval(a);
    CHECK(e.results.size() == 12);
    CHECK(e.problems.empty());
    CHECK(e.summary.met == 5);       // pass rate, cqo, qms, no violation, green
    CHECK(e.summary.not_met == 2);   // rating, performance excellence
    CHECK(e.summary.info == 5);
    CHECK(e.summary.missing == 0);
    CHECK(e.summary.not_applicable == 0);
    for (const IndicatorResult& r : e.results) CHECK(r.def->profile == Profile::enterprise);
}

TEST_CASE("evaluate never changes the assessment it is given") {
    Assessment a = qt::good_county();
    a.figures["mfg_qualified_batches"] = I(-1);
    a.figures["no_such_key"] = I(1);
    a.settings.quota_share = Decimal::from_json(0.2);
    Assessment copy = a;
    Evaluation e = eval(a);
    CHECK(has_errors(e.problems));
    CHECK(a == copy);
}

}  // TEST_SUITE

}  // namespace qcity_test_evaluate
