// Roll-up: county files combine into the city's assessment (sums, pooled ratios, weighted
// satisfaction, flags), judged against the full city targets.
#include "support.h"

namespace qcity_test_rollup {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::eq;
using qt::I;
using qt::R;
using qt::result;

namespace {

const FigureValue& fig(const Rollup& r, const std::string& key) {
    auto it = r.city.figures.find(key);
    REQUIRE(it != r.city.figures.end());
    return it->second;
}

Rollup must_roll(const std::vector<Assessment>& v) {
    Rollup r;
    std::vector<Problem> ps;
    bool ok = rollup(qt::cat(), v, r, ps);
    std::string all;
    for (const Problem& p : ps) all += p.key + " | " + p.message.en + "\n";
    CAPTURE(all);
    REQUIRE(ok);
    CHECK(ps.empty());
    return r;
}

// Expects the roll-up to fail with a problem of `code`, and `out` to be left as it was.
void expect_refused(const std::vector<Assessment>& v, const std::string& code, const std::string& names = "") {
    Rollup out;
    out.city.unit = "sentinel";
    out.units = {"x"};
    std::vector<Problem> ps;
    CHECK_FALSE(rollup(qt::cat(), v, out, ps));
    CHECK(out.city.unit == "sentinel");
    CHECK(out.units == std::vector<std::string>{"x"});
    CHECK(out.city.figures.empty());
    bool found = false;
    for (const Problem& p : ps) {
        CHECK(p.severity == Severity::error);
        if (p.code == code && (names.empty() || (qt::contains(p.message.zh, names) && qt::contains(p.message.en, names))))
            found = true;
    }
    std::string all;
    for (const Problem& p : ps) all += p.code + " | " + p.message.en + "\n";
    CAPTURE(all);
    CHECK(found);
}

}  // namespace

TEST_SUITE("rollup") {

TEST_CASE("ratios are recomputed from summed figures, not averaged") {
    // 亭湖区 100 of 100 (100 %), 盐都区 900 of 1000 (90 %): the mean of the percentages is 95 %,
    // which would meet the target; the pooled ratio is 1000 / 1100 = 90.9 %, which does not.
    Assessment a = qt::county("亭湖区");
    a.figures["mfg_qualified_batches"] = I(100);
    a.figures["mfg_sampled_batches"] = I(100);
    Assessment b = qt::county("盐都区");
    b.figures["mfg_qualified_batches"] = I(900);
    b.figures["mfg_sampled_batches"] = I(1000);
    Rollup r = must_roll({a, b});
    CHECK(fig(r, "mfg_qualified_batches") == I(1000));
    CHECK(fig(r, "mfg_sampled_batches") == I(1100));
    CHECK(r.units == std::vector<std::string>{"亭湖区", "盐都区"});
    CHECK(r.city.catalog == "yancheng-2022");
    CHECK(r.city.profile == Profile::county);
    CHECK(r.city.year == 2023);
    CHECK(r.city.unit == "盐城市");
    CHECK(r.city.settings.city());

    Evaluation e = evaluate(qt::cat(), r.city);
    CHECK(e.city);
    const IndicatorResult& m = result(e, "mfg_pass_rate");
    CHECK(m.status == Status::not_met);
    CHECK(eq(m.value, 100000, 1100));
    CHECK(eq(m.shortfall, 45));  // ⌈0.95 · 1100⌉ = 1045
    CHECK(display_value(qt::cat(), m, Lang::zh) == "90.9 %");
}

TEST_CASE("satisfaction: weighted by respondents when every county gives them") {
    Assessment a = qt::county("亭湖区");
    a.figures["public_service_satisfaction_score"] = I(80);
    a.figures["public_service_satisfaction_respondents"] = I(100);
    Assessment b = qt::county("盐都区");
    b.figures["public_service_satisfaction_score"] = I(90);
    b.figures["public_service_satisfaction_respondents"] = I(300);
    Rollup r = must_roll({a, b});
    CHECK(r.weighted_satisfaction);
    // (80·100 + 90·300) / 400 = 87.5 (the plain mean would be 85).
    const FigureValue& s = fig(r, "public_service_satisfaction_score");
    REQUIRE_FALSE(s.absent());
    CHECK(s.type == FigureValue::Type::real);
    CHECK(s.r == doctest::Approx(87.5).epsilon(1e-12));
    CHECK(fig(r, "public_service_satisfaction_respondents") == I(400));

    // A case around the target: 81.9 (1 respondent) and 82.3 (3) → 82.2, met.
    a.figures["public_service_satisfaction_score"] = R(81.9);
    a.figures["public_service_satisfaction_respondents"] = I(1);
    b.figures["public_service_satisfaction_score"] = R(82.3);
    b.figures["public_service_satisfaction_respondents"] = I(3);
    r = must_roll({a, b});
    CHECK(fig(r, "public_service_satisfaction_score").r == doctest::Approx(82.2).epsilon(1e-12));
    CHECK(result(evaluate(qt::cat(), r.city), "public_service_satisfaction").status == Status::met);
}

TEST_CASE("satisfaction: a plain mean when a county gives no respondents") {
    Assessment a = qt::county("亭湖区");
    a.figures["public_service_satisfaction_score"] = I(80);
    a.figures["public_service_satisfaction_respondents"] = I(100);
    Assessment b = qt::county("盐都区");
    b.figures["public_service_satisfaction_score"] = I(90);
    Assessment c = qt::county("大丰区");
    c.figures["public_service_satisfaction_score"] = R(85.5);
    c.figures["public_service_satisfaction_respondents"] = I(1000);
    Rollup r = must_roll({a, b, c});
    CHECK_FALSE(r.weighted_satisfaction);
    // (80 + 90 + 85.5) / 3 = 85.1666…
    CHECK(fig(r, "public_service_satisfaction_score").r == doctest::Approx(255.5 / 3).epsilon(1e-6));
    REQUIRE(r.missing.count("public_service_satisfaction_respondents") == 1);
    CHECK(r.missing["public_service_satisfaction_respondents"] == std::vector<std::string>{"盐都区"});
}

TEST_CASE("flags hold for the city only when every county's holds") {
    Assessment a = qt::county("亭湖区");
    Assessment b = qt::county("盐都区");
    a.figures["one_stop_platform"] = B(true);
    b.figures["one_stop_platform"] = B(true);
    CHECK(fig(must_roll({a, b}), "one_stop_platform") == B(true));
    b.figures["one_stop_platform"] = B(false);
    Rollup r = must_roll({a, b});
    CHECK(fig(r, "one_stop_platform") == B(false));
    CHECK(result(evaluate(qt::cat(), r.city), "one_stop_platform").status == Status::not_met);
    // Whichever county lacks it, and in whatever order.
    Assessment c = qt::county("大丰区");
    c.figures["one_stop_platform"] = B(true);
    CHECK(fig(must_roll({b, a, c}), "one_stop_platform") == B(false));
    CHECK(fig(must_roll({a, b, c}), "one_stop_platform") == B(false));
    CHECK(fig(must_roll({a, c}), "one_stop_platform") == B(true));
}

TEST_CASE("city-scope counts are judged against the full city targets") {
    // Each county meets its quota of 182 certificates; together they have 546 of the city's 2000.
    std::vector<Assessment> v;
    for (const char* u : {"亭湖区", "盐都区", "大丰区"}) {
        Assessment a = qt::county(u);
        a.figures["certificates_new"] = I(182);
        CHECK(result(evaluate(qt::cat(), a), "certificates_new").status == Status::met);
        v.push_back(a);
    }
    Rollup r = must_roll(v);
    CHECK(fig(r, "certificates_new") == I(546));
    Evaluation e = evaluate(qt::cat(), r.city);
    const IndicatorResult& c = result(e, "certificates_new");
    CHECK_FALSE(c.quota);
    CHECK(eq(c.target, 2000));
    CHECK(c.status == Status::not_met);
    CHECK(eq(c.shortfall, 1454));
}

TEST_CASE("all 11 complete counties: the city meets every target") {
    std::vector<Assessment> v;
    for (const UnitDef& u : qt::cat().units) v.push_back(qt::good_county(u.name.zh));
    Rollup r = must_roll(v);
    CHECK(r.missing.empty());
    CHECK(r.units.size() == 11);
    CHECK(fig(r, "certificates_new") == I(11 * 182));
    CHECK(fig(r, "agri_monitoring_batches") == I(11000));
    CHECK(fig(r, "resident_population") == I(11000000));
    CHECK(fig(r, "public_service_satisfaction_score").r == doctest::Approx(85.5));
    CHECK(r.units_expected == 11);
    CHECK(r.units_included() == 11);
    CHECK_FALSE(r.partial());
    Evaluation e = evaluate(qt::cat(), r.city);
    CHECK(e.problems.empty());
    CHECK(e.units_included == 11);
    CHECK(e.units_expected == 11);
    CHECK_FALSE(e.partial());
    CHECK(e.summary.met == 31);
    for (const IndicatorResult& x : e.results) {
        CAPTURE(x.def->id);
        CHECK(x.status == Status::met);
        CHECK_FALSE(x.quota);
        CHECK_FALSE(x.contribution);
        CHECK_FALSE(x.provisional);
    }
}

TEST_CASE("a figure some counties lack: the roll-up says which units lack it") {
    Assessment a = qt::county("亭湖区");
    Assessment b = qt::county("盐都区");
    Assessment c = qt::county("大丰区");
    a.figures["governor_award_new"] = I(1);
    c.figures["governor_award_new"] = I(0);
    a.figures["standards_new"] = I(3);
    b.figures["standards_new"] = I(4);
    c.figures["standards_new"] = I(5);
    Rollup r = must_roll({a, b, c});
    REQUIRE(r.missing.count("governor_award_new") == 1);
    CHECK(r.missing["governor_award_new"] == std::vector<std::string>{"盐都区"});
    CHECK(r.missing.count("standards_new") == 0);
    CHECK(fig(r, "standards_new") == I(12));
    // The city value is absent (not a partial sum) until every county reports.
    CHECK(fig(r, "governor_award_new").absent());
    CHECK(r.city.get("governor_award_new") == nullptr);
    Evaluation e = evaluate(qt::cat(), r.city);
    CHECK(result(e, "governor_award_new").status == Status::missing);
    CHECK(result(e, "standards_new").status == Status::not_met);  // 12 of 20
    CHECK(eq(result(e, "standards_new").shortfall, 8));
    // A figure nobody gave lists every unit.
    REQUIRE(r.missing.count("mayor_award_new") == 1);
    CHECK(r.missing["mayor_award_new"] == std::vector<std::string>{"亭湖区", "盐都区", "大丰区"});
}

TEST_CASE("refused roll-ups") {
    SUBCASE("no input") { expect_refused({}, "no_input"); }
    SUBCASE("two files for the same unit") {
        expect_refused({qt::county("亭湖区"), qt::county("盐都区"), qt::county("亭湖区")}, "duplicate_unit", "亭湖区");
    }
    SUBCASE("mixed years") { expect_refused({qt::county("亭湖区", 2023), qt::county("盐都区", 2024)}, "mixed_year", "2024"); }
    SUBCASE("mixed catalogs") {
        Assessment b = qt::county("盐都区");
        b.catalog = "yancheng-2030";
        expect_refused({qt::county("亭湖区"), b}, "mixed_catalog", "yancheng-2030");
    }
    SUBCASE("an enterprise file") { expect_refused({qt::county("亭湖区"), qt::enterprise("某企业")}, "not_county", "某企业"); }
    SUBCASE("invalid figures") {
        Assessment b = qt::county("盐都区");
        b.figures["mfg_sampled_batches"] = I(-3);
        expect_refused({qt::county("亭湖区"), b}, "negative", "盐都区");
        // The unit, then the figure by its name; the key stays in Problem::key.
        Rollup out;
        std::vector<Problem> ps;
        CHECK_FALSE(rollup(qt::cat(), {qt::county("亭湖区"), b}, out, ps));
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].key == "盐都区/mfg_sampled_batches");
        CHECK(ps[0].message.zh == "盐都区：制造业产品抽检批次不能为负数（现为 -3）");
        CHECK(ps[0].message.en == "盐都区: Sampled batches of manufactured products cannot be negative (it is -3)");
    }
    SUBCASE("an already rolled-up city file") {
        Assessment b = qt::county("盐都区");
        b.settings.scope = AssessmentSettings::Scope::city;
        expect_refused({qt::county("亭湖区"), b}, "already_city");
    }
}

TEST_CASE("a roll-up does not change its inputs") {
    std::vector<Assessment> v = {qt::good_county("亭湖区"), qt::good_county("盐都区")};
    std::vector<Assessment> copy = v;
    Rollup r = must_roll(v);
    CHECK(v.size() == copy.size());
    CHECK(v[0] == copy[0]);
    CHECK(v[1] == copy[1]);
    CHECK(fig(r, "mfg_sampled_batches") == I(2000));
}

TEST_CASE("units: the roll-up knows how many of the catalog's units are in") {
    Rollup r = must_roll({qt::county("亭湖区"), qt::county("盐都区"), qt::county("大丰区"), qt::county("东台市")});
    CHECK(r.units_expected == 11);
    CHECK(r.units_included() == 4);
    CHECK(r.partial());
    // Written into the city assessment, so that evaluate() (and a saved roll-up file) knows it too.
    CHECK(r.city.settings.units_included == 4);
    CHECK(r.city.settings.units_expected == 11);
    CHECK_FALSE(has_errors(validate(qt::cat(), r.city)));
    Evaluation e = evaluate(qt::cat(), r.city);
    CHECK(e.units_included == 4);
    CHECK(e.units_expected == 11);
    CHECK(e.partial());
    Json j = evaluation_to_json(qt::cat(), r.city, e, Lang::en);
    CHECK(j["units_included"] == 4);
    CHECK(j["units_expected"] == 11);
    CHECK(j["provisional"] == true);

    CHECK(units_included_text(4, 11).zh == "纳入 4/11 个县（市、区）");
    CHECK(units_included_text(4, 11).en == "4 of 11 county-level units included");
    CHECK(provisional_mark().zh == "（暂定）");
    CHECK(provisional_mark().en == " (provisional)");
    CHECK(qt::contains(provisional_note(4, 11).zh, "尚有 7 个县（市、区）未纳入汇总"));
    CHECK(qt::contains(provisional_note(4, 11).en, "7 county-level units are not in the roll-up yet"));
    CHECK(qt::contains(provisional_note(10, 11).en, "1 county-level unit is not in the roll-up yet"));
}

TEST_CASE("provisional: each city status that the missing units could still change") {
    // Two of eleven counties, every kind of indicator present.
    Assessment a = qt::good_county("亭湖区");
    Assessment b = qt::good_county("盐都区");
    b.figures["one_stop_platform"] = B(false);           // the city's flag: not met, final (one county lacks it)
    a.figures["certificates_new"] = I(1500);              // 1500 + 182 = 1682 of 2000: not met, may still be met
    a.figures["standards_new"] = I(30);                   // 32 of 20: met, and sums only grow
    Rollup r = must_roll({a, b});
    Evaluation e = evaluate(qt::cat(), r.city);
    REQUIRE(e.partial());
    auto check = [&](const char* id, Status st, bool provisional) {
        CAPTURE(id);
        const IndicatorResult& x = result(e, id);
        CHECK(x.status == st);
        CHECK(x.provisional == provisional);
    };
    check("mfg_pass_rate", Status::met, true);                    // a rate: either way
    check("public_service_satisfaction", Status::met, true);      // a score (weighted mean)
    check("food_sampling_density", Status::met, true);            // a density
    check("emr_level4_share", Status::met, true);                 // ratio_all: one more county can break it
    check("one_stop_platform", Status::not_met, false);           // lost already, cannot come back
    check("certificates_new", Status::not_met, true);             // more counties add certificates
    check("standards_new", Status::met, false);                   // met on a partial sum stays met
    check("governor_award_new", Status::met, false);              // 2 of 1

    // A flag held by both so far may still be lost; a denominator of 0 may become positive.
    b.figures["one_stop_platform"] = B(true);
    for (Assessment* x : {&a, &b}) {
        x->figures["safe_site_applied"] = I(0);
        x->figures["safe_site_compliant"] = I(0);
    }
    e = evaluate(qt::cat(), must_roll({a, b}).city);
    check("one_stop_platform", Status::met, true);
    check("safe_site_compliance", Status::not_applicable, true);

    // A figure one county lacks leaves the city value missing: nothing to call provisional.
    b.figures.erase("certificates_new");
    e = evaluate(qt::cat(), must_roll({a, b}).city);
    check("certificates_new", Status::missing, false);
    CHECK(qt::contains(result(e, "certificates_new").reason.zh, "新增认证证书"));

    // JSON: per indicator.
    Json j = evaluation_to_json(qt::cat(), r.city, evaluate(qt::cat(), r.city), Lang::zh);
    for (const Json& i : j["indicators"]) {
        CAPTURE(i["id"]);
        REQUIRE(i.contains("provisional"));
        CHECK(i["provisional"].is_boolean());
    }
}

TEST_CASE("provisional comes from the city assessment's settings, checked like any setting") {
    Assessment city = qt::good_county("盐城市");
    city.settings = AssessmentSettings::from_json(Json{{"scope", "city"}, {"units_included", 3}, {"units_expected", 11}});
    Evaluation e = evaluate(qt::cat(), city);
    CHECK(e.partial());
    CHECK(result(e, "mfg_pass_rate").provisional);
    // Without the coverage (an older city file), or with a full one: nothing provisional.
    city.settings = AssessmentSettings::from_json(Json{{"scope", "city"}});
    e = evaluate(qt::cat(), city);
    CHECK_FALSE(e.partial());
    CHECK_FALSE(result(e, "mfg_pass_rate").provisional);
    CHECK_FALSE(evaluation_to_json(qt::cat(), city, e, Lang::zh).contains("units_included"));
    // A county file is never provisional, whatever its settings say.
    Assessment county = qt::good_county();
    county.settings = AssessmentSettings::from_json(Json{{"units_included", 3}, {"units_expected", 11}});
    e = evaluate(qt::cat(), county);
    CHECK_FALSE(e.partial());
    CHECK_FALSE(result(e, "mfg_pass_rate").provisional);
    // Bad values are errors naming the setting in Problem::key (the message is a sentence).
    for (Json bad : {Json(-1), Json(2.5), Json("3"), Json(nullptr)}) {
        CAPTURE(bad.dump());
        Assessment c = qt::county("盐城市");
        c.settings = AssessmentSettings::from_json(Json{{"scope", "city"}, {"units_included", bad}, {"units_expected", 11}});
        const std::vector<Problem> all = validate(qt::cat(), c);   // kept alive: ps points into it
        auto ps = qt::problems_for(all, "settings.units_included");
        REQUIRE(ps.size() == 1);
        CHECK_FALSE(qt::contains(ps[0]->message.en, "settings"));
        CHECK_FALSE(evaluate(qt::cat(), c).partial());   // ignored for judging
    }
}

}  // TEST_SUITE

}  // namespace qcity_test_rollup
