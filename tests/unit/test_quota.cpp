// City-scope counts in a county file (catalog-spec.md, "City scope"): an explicit
// settings.quotas.<id> is judged; otherwise target × share exactly (share 1/11 by default, or
// settings.quota_share): at least one → judged against the quota ⌈target × share⌉; below one → a
// contribution (status info, no target, no shortfall, "全市目标 1 个，本单位新增 0 个"), judged only
// by the city roll-up. A city file (settings.scope "city") is judged against the full city target.
#include "support.h"

#include <cmath>
#include <set>

namespace qcity_test_quota {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::eq;
using qt::I;
using qt::result;

namespace {

Evaluation eval(const Assessment& a) { return evaluate(qt::cat(), a); }

Assessment with_counts() {
    Assessment a = qt::county();
    a.figures["certificates_new"] = I(0);
    a.figures["agri_monitoring_batches"] = I(0);
    a.figures["governor_award_new"] = I(0);
    a.figures["elder_canteens"] = I(0);
    return a;
}

}  // namespace

TEST_SUITE("quota") {

TEST_CASE("default share 1/11: quotas rounded up exactly") {
    Evaluation e = eval(with_counts());
    CHECK(eq(e.quota_share, 1, 11));
    CHECK_FALSE(e.city);
    const IndicatorResult& cert = result(e, "certificates_new");
    CHECK(cert.quota);
    CHECK(eq(cert.target, 182));        // 2000/11 = 181.8…
    CHECK(eq(cert.city_target, 2000));
    CHECK(eq(cert.shortfall, 182));
    const IndicatorResult& agri = result(e, "agri_monitoring_batches");
    CHECK(eq(agri.target, 1000));       // 11000/11 exactly
    CHECK(eq(agri.city_target, 11000));
    CHECK(result(e, "governor_award_new").contribution);   // 1/11 < 1: no quota
    CHECK_FALSE(result(e, "governor_award_new").quota);
    CHECK(eq(result(e, "elder_canteens").target, 10));      // 100/11 = 9.09… → 10
    CHECK(eq(result(e, "standards_new").target, 2));        // 20/11 = 1.8… → 2
    CHECK(display_target(qt::cat(), cert, Lang::en) == "≥ 182 certificates (quota; city 2000)");
    CHECK(display_target(qt::cat(), cert, Lang::zh) == "≥ 182 张（配额，全市 2000）");
    // Non-city-scope indicators carry no quota.
    Assessment a = with_counts();
    a.figures["mfg_qualified_batches"] = I(1);
    a.figures["mfg_sampled_batches"] = I(1);
    CHECK_FALSE(result(eval(a), "mfg_pass_rate").quota);
}

TEST_CASE("quota boundaries: 181 misses 182, 182 and 1000 meet") {
    Assessment a = with_counts();
    a.figures["certificates_new"] = I(181);
    a.figures["agri_monitoring_batches"] = I(1000);
    Evaluation e = eval(a);
    CHECK(result(e, "certificates_new").status == Status::not_met);
    CHECK(eq(result(e, "certificates_new").shortfall, 1));
    CHECK(result(e, "agri_monitoring_batches").status == Status::met);
    a.figures["certificates_new"] = I(182);
    a.figures["agri_monitoring_batches"] = I(999);
    e = eval(a);
    CHECK(result(e, "certificates_new").status == Status::met);
    CHECK(result(e, "agri_monitoring_batches").status == Status::not_met);
}

TEST_CASE("settings.quota_share") {
    Assessment a = with_counts();
    SUBCASE("0.2 (a double): 2000 × 0.2 = 400 exactly") {
        a.settings.quota_share = Decimal::from_json(0.2);
        Evaluation e = eval(a);
        CHECK(e.problems.empty());
        CHECK(eq(e.quota_share, 1, 5));
        CHECK(eq(result(e, "certificates_new").target, 400));
        CHECK(eq(result(e, "agri_monitoring_batches").target, 2200));
        CHECK(result(e, "governor_award_new").contribution);   // 1 × 0.2 < 1
        CHECK(eq(result(e, "mayor_award_new").target, 1));      // 5 × 0.2 = 1 exactly: a quota of 1
        CHECK(result(e, "mayor_award_new").quota);
        CHECK(eq(result(e, "elder_canteens").target, 20));
    }
    SUBCASE("0.07: 11000 × 0.07 = 770 exactly, although ceil(11000 * 0.07) is 771 in doubles") {
        CHECK(std::ceil(11000 * 0.07) == 771);
        a.settings.quota_share = Decimal::from_json(0.07);
        Evaluation e = eval(a);
        CHECK(e.problems.empty());
        CHECK(eq(result(e, "agri_monitoring_batches").target, 770));
        CHECK(eq(result(e, "certificates_new").target, 140));   // 2000 × 0.07
        CHECK(eq(result(e, "elder_canteens").target, 7));       // 100 × 0.07, also 7.000000000000001 in doubles
    }
    SUBCASE("1 (an integer): the full target") {
        a.settings.quota_share = Decimal::of(1);
        Evaluation e = eval(a);
        CHECK(e.problems.empty());
        CHECK(eq(result(e, "certificates_new").target, 2000));
    }
}

TEST_CASE("settings.quotas.<id> overrides the share for that indicator only") {
    Assessment a = with_counts();
    a.settings.quotas = {{"certificates_new", 300}, {"governor_award_new", 0}};
    a.figures["governor_award_new"] = I(0);
    Evaluation e = eval(a);
    CHECK(e.problems.empty());
    CHECK(eq(result(e, "certificates_new").target, 300));
    CHECK(result(e, "certificates_new").quota);
    CHECK(eq(result(e, "governor_award_new").target, 0));
    CHECK(result(e, "governor_award_new").status == Status::met);   // 0 ≥ 0
    CHECK(eq(result(e, "agri_monitoring_batches").target, 1000));  // still the default share
    // Both together: the explicit quota wins.
    a.settings.quota_share = Decimal::from_json(0.5);
    e = eval(a);
    CHECK(eq(result(e, "certificates_new").target, 300));
    CHECK(eq(result(e, "agri_monitoring_batches").target, 5500));
}

TEST_CASE("settings.scope city: full city targets, no quota") {
    Assessment a = with_counts();
    a.settings.scope = AssessmentSettings::Scope::city;
    a.figures["certificates_new"] = I(1999);
    a.figures["agri_monitoring_batches"] = I(11000);
    Evaluation e = eval(a);
    CHECK(e.city);
    CHECK(e.problems.empty());
    const IndicatorResult& cert = result(e, "certificates_new");
    CHECK_FALSE(cert.quota);
    CHECK(eq(cert.target, 2000));
    CHECK(cert.status == Status::not_met);
    CHECK(eq(cert.shortfall, 1));
    CHECK(display_target(qt::cat(), cert, Lang::en) == "≥ 2000 certificates");
    CHECK(result(e, "agri_monitoring_batches").status == Status::met);
    CHECK(eq(result(e, "elder_canteens").target, 100));
}

TEST_CASE("invalid quota settings are validation errors") {
    auto errors_for = [](Json settings, const std::string& key) {
        Assessment a = with_counts();
        a.settings = AssessmentSettings::from_json(settings);
        auto ps = validate(qt::cat(), a);
        auto hits = qt::problems_for(ps, key);
        for (const Problem* p : hits) {
            // The key is Problem::key; the message is a sentence without it.
            CAPTURE(p->message.en);
            CHECK_FALSE(qt::contains(p->message.zh, "settings"));
            CHECK_FALSE(qt::contains(p->message.en, "settings"));
            CHECK_FALSE(p->message.zh.empty());
            CHECK_FALSE(p->message.en.empty());
        }
        return hits.size();
    };
    CHECK(errors_for(Json{{"quota_share", 0}}, "settings.quota_share") == 1);
    CHECK(errors_for(Json{{"quota_share", 0.0}}, "settings.quota_share") == 1);
    CHECK(errors_for(Json{{"quota_share", -0.1}}, "settings.quota_share") == 1);
    CHECK(errors_for(Json{{"quota_share", 1.5}}, "settings.quota_share") == 1);
    CHECK(errors_for(Json{{"quota_share", "0.2"}}, "settings.quota_share") == 1);
    CHECK(errors_for(Json{{"quota_share", true}}, "settings.quota_share") == 1);
    CHECK(errors_for(Json{{"quota_share", 0.2}}, "settings.quota_share") == 0);
    CHECK(errors_for(Json{{"quotas", {{"certificates_new", -1}}}}, "settings.quotas.certificates_new") == 1);
    CHECK(errors_for(Json{{"quotas", {{"certificates_new", 2.5}}}}, "settings.quotas.certificates_new") == 1);
    CHECK(errors_for(Json{{"quotas", {{"certificates_new", "300"}}}}, "settings.quotas.certificates_new") == 1);
    CHECK(errors_for(Json{{"quotas", {{"no_such_indicator", 3}}}}, "settings.quotas.no_such_indicator") == 1);
    CHECK(errors_for(Json{{"quotas", {{"mfg_pass_rate", 3}}}}, "settings.quotas.mfg_pass_rate") == 1);
    CHECK(errors_for(Json{{"quotas", {{"certificates_new", 300}}}}, "settings.quotas.certificates_new") == 0);
    CHECK(errors_for(Json{{"quotas", 5}}, "settings.quotas") == 1);
    CHECK(errors_for(Json{{"scope", "province"}}, "settings.scope") == 1);
    CHECK(errors_for(Json{{"scope", "unit"}}, "settings.scope") == 0);

    // A bad share falls back to the default share for judging (the error is reported).
    Assessment a = with_counts();
    a.settings = AssessmentSettings::from_json(Json{{"quota_share", 1.5}});  // kept, not used
    Evaluation e = eval(a);
    CHECK(has_errors(e.problems));
    CHECK(eq(e.quota_share, 1, 11));
    CHECK(eq(result(e, "certificates_new").target, 182));
}

TEST_CASE("below one: the Governor's award at 1/11 is a contribution, shown and not judged") {
    Assessment a = with_counts();   // governor_award_new 0
    Evaluation e = eval(a);
    const IndicatorResult& gov = result(e, "governor_award_new");
    CHECK(gov.status == Status::info);
    CHECK(gov.contribution);
    CHECK_FALSE(gov.quota);
    CHECK_FALSE(gov.has_target);
    CHECK_FALSE(gov.has_shortfall);
    CHECK(gov.shortfall_text.empty());
    CHECK(eq(gov.city_target, 1));
    CHECK(gov.has_value);
    CHECK(eq(gov.value, 0));
    CHECK(gov.contribution_text.zh == "全市目标 1 个，本单位新增 0 个");
    CHECK(gov.contribution_text.en == "City target 1 award; this unit added 0 awards");
    CHECK(display_target(qt::cat(), gov, Lang::zh) == "全市 1 个（不分配到县）");
    CHECK(display_target(qt::cat(), gov, Lang::en) == "city-wide 1 award (not split by county)");
    CHECK(display_value(qt::cat(), gov, Lang::en) == "0 awards");
    // Counted as information, not as "not met" (it was: ⌈1/11⌉ = 1 made all eleven counties fail).
    Assessment only = qt::county();
    only.figures["governor_award_new"] = I(0);
    Evaluation oe = eval(only);
    CHECK(oe.summary.not_met == 0);
    CHECK(oe.summary.info == 8);     // with the seven other contributions, not filled in

    // One award: "1 award" in both places (the English forms follow each count).
    a.figures["governor_award_new"] = I(1);
    Evaluation e1 = eval(a);
    const IndicatorResult& one = result(e1, "governor_award_new");
    CHECK(one.status == Status::info);
    CHECK(one.contribution_text.en == "City target 1 award; this unit added 1 award");
    CHECK(one.contribution_text.zh == "全市目标 1 个，本单位新增 1 个");

    // JSON: status info, contribution, its sentence, the city's target; no target, no shortfall.
    Json j = evaluation_to_json(qt::cat(), a, eval(a), Lang::zh);
    const Json* g = nullptr;
    for (const Json& i : j["indicators"])
        if (i["id"] == "governor_award_new") g = &i;
    REQUIRE(g);
    CHECK((*g)["status"] == "info");
    CHECK((*g)["contribution"] == true);
    CHECK((*g)["contribution_text"] == "全市目标 1 个，本单位新增 1 个");
    CHECK((*g)["city_target"] == 1);
    CHECK((*g)["target"].is_null());
    CHECK((*g)["shortfall"].is_null());
    CHECK((*g)["value"] == 1);
    CHECK_FALSE(g->contains("quota"));
    CHECK((*g)["target_display"] == "全市 1 个（不分配到县）");
}

TEST_CASE("below one: the Mayor's award 5 × 1/11, and the other counts below eleven") {
    Assessment a = qt::county();
    a.figures["mayor_award_new"] = I(2);
    Evaluation e = eval(a);
    const IndicatorResult& mayor = result(e, "mayor_award_new");
    CHECK(mayor.status == Status::info);
    CHECK(mayor.contribution);
    CHECK(eq(mayor.city_target, 5));
    CHECK(mayor.contribution_text.zh == "全市目标 5 个，本单位新增 2 个");
    CHECK(mayor.contribution_text.en == "City target 5 awards; this unit added 2 awards");
    // Exactly the city-wide counts whose target is below eleven are contributions at 1/11.
    std::set<std::string> contributions;
    for (const IndicatorResult& r : e.results)
        if (r.contribution) contributions.insert(r.def->id);
    CHECK(contributions == std::set<std::string>{"governor_award_new", "mayor_award_new", "mayor_award_nomination_new",
                                                 "jiangsu_boutique_new", "credit_aa_new", "provincial_quality_project_new",
                                                 "water_civilized_site_new", "eldercare_hubs"});
    // A stock (hub complexes) is not "added": the sentence says what the unit has.
    a.figures["eldercare_hubs"] = I(1);
    Evaluation e2 = eval(a);
    const IndicatorResult& hubs = result(e2, "eldercare_hubs");
    CHECK(hubs.contribution_text.zh == "全市目标 10 个，本单位现有 1 个");
    CHECK(hubs.contribution_text.en == "City target 10 complexes; this unit has 1 complex");
}

TEST_CASE("below one: an absent figure is not filled in, not missing data; a bad one is invalid") {
    Assessment a = qt::county();
    Evaluation e = eval(a);
    const IndicatorResult& gov = result(e, "governor_award_new");
    CHECK(gov.status == Status::info);
    CHECK(gov.contribution);
    CHECK_FALSE(gov.has_value);
    CHECK(gov.missing_figures == std::vector<std::string>{"governor_award_new"});   // the form can point at it
    CHECK(gov.contribution_text.zh == "全市目标 1 个，本单位尚未填写");
    CHECK(gov.contribution_text.en == "City target 1 award; this unit's figure is not filled in yet");
    CHECK(display_value(qt::cat(), gov, Lang::zh) == "—");
    // A wrong figure is still the first thing to fix.
    a.figures["governor_award_new"] = I(-1);
    Evaluation e2 = eval(a);
    const IndicatorResult& bad = result(e2, "governor_award_new");
    CHECK(bad.status == Status::invalid);
    CHECK(bad.invalid_figures == std::vector<std::string>{"governor_award_new"});
}

TEST_CASE("at a quota_share of 1/2: 1 award is a contribution, 5 awards a quota of 3") {
    Assessment a = qt::county();
    a.settings.quota_share = Decimal::from_json(0.5);
    a.figures["governor_award_new"] = I(0);
    a.figures["mayor_award_new"] = I(2);
    a.figures["water_civilized_site_new"] = I(0);
    Evaluation e = eval(a);
    CHECK(e.problems.empty());
    CHECK(result(e, "governor_award_new").status == Status::info);   // 1 × 1/2 < 1
    CHECK(result(e, "governor_award_new").contribution);
    const IndicatorResult& mayor = result(e, "mayor_award_new");     // 5 × 1/2 = 2.5 → 3
    CHECK(mayor.quota);
    CHECK_FALSE(mayor.contribution);
    CHECK(eq(mayor.target, 3));
    CHECK(mayor.status == Status::not_met);
    CHECK(eq(mayor.shortfall, 1));
    CHECK(display_target(qt::cat(), mayor, Lang::en) == "≥ 3 awards (quota; city 5)");
    const IndicatorResult& water = result(e, "water_civilized_site_new");   // 2 × 1/2 = 1 exactly: a quota
    CHECK(water.quota);
    CHECK(eq(water.target, 1));
    CHECK(water.status == Status::not_met);
    // The boundary is exact: a share just below 1/2 (0.4999) makes 2 × share fall below one.
    a.settings.quota_share = Decimal::from_json(0.4999);
    CHECK(result(eval(a), "water_civilized_site_new").contribution);
}

TEST_CASE("an explicit settings.quotas.governor_award_new: 1 is judged, met or not met") {
    Assessment a = qt::county();
    a.settings.quotas = {{"governor_award_new", 1}};
    a.figures["governor_award_new"] = I(0);
    Evaluation e = eval(a);
    CHECK(e.problems.empty());
    const IndicatorResult& gov = result(e, "governor_award_new");
    CHECK(gov.quota);
    CHECK_FALSE(gov.contribution);
    CHECK(gov.contribution_text.empty());
    CHECK(eq(gov.target, 1));
    CHECK(gov.status == Status::not_met);
    CHECK(eq(gov.shortfall, 1));
    CHECK(gov.shortfall_text.en == format_count(gov.def->shortfall, "1").en);   // the one form
    a.figures["governor_award_new"] = I(1);
    CHECK(result(eval(a), "governor_award_new").status == Status::met);
    // Absent with an explicit quota: missing data, as for any judged indicator.
    a.figures.erase("governor_award_new");
    CHECK(result(eval(a), "governor_award_new").status == Status::missing);
}

TEST_CASE("the roll-up of 11 counties judges the city against 1 Governor's award") {
    // Ten counties with none and one with one: every county a contribution, the city met.
    std::vector<Assessment> v;
    for (const UnitDef& u : qt::cat().units) {
        Assessment a = qt::county(u.name.zh);
        a.figures["governor_award_new"] = I(u.name.zh == "东台市" ? 1 : 0);
        CHECK(result(eval(a), "governor_award_new").status == Status::info);
        v.push_back(a);
    }
    Rollup r;
    std::vector<Problem> ps;
    REQUIRE(rollup(qt::cat(), v, r, ps));
    Evaluation city = eval(r.city);
    const IndicatorResult& gov = result(city, "governor_award_new");
    CHECK_FALSE(gov.contribution);
    CHECK_FALSE(gov.quota);
    CHECK(eq(gov.target, 1));
    CHECK(eq(gov.value, 1));
    CHECK(gov.status == Status::met);
    CHECK_FALSE(gov.provisional);
    // None at all: the city is not met, one short.
    for (Assessment& a : v) a.figures["governor_award_new"] = I(0);
    REQUIRE(rollup(qt::cat(), v, r, ps));
    Evaluation city0 = eval(r.city);
    const IndicatorResult& none = result(city0, "governor_award_new");
    CHECK(none.status == Status::not_met);
    CHECK(eq(none.shortfall, 1));
}

}  // TEST_SUITE

}  // namespace qcity_test_quota
