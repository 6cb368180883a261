// City-scope counts in a county file: judged against the county's quota ⌈target × share⌉
// (share 1/11 by default, settings.quota_share, or an explicit settings.quotas.<id>); a city file
// (settings.scope "city") is judged against the full city target.
#include "support.h"

#include <cmath>

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
    CHECK(eq(result(e, "governor_award_new").target, 1));   // 1/11 → 1
    CHECK(eq(result(e, "elder_canteens").target, 10));      // 100/11 = 9.09… → 10
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
    a.figures["governor_award_new"] = I(1);
    Evaluation e = eval(a);
    CHECK(result(e, "certificates_new").status == Status::not_met);
    CHECK(eq(result(e, "certificates_new").shortfall, 1));
    CHECK(result(e, "agri_monitoring_batches").status == Status::met);
    CHECK(result(e, "governor_award_new").status == Status::met);
    a.figures["certificates_new"] = I(182);
    a.figures["agri_monitoring_batches"] = I(999);
    e = eval(a);
    CHECK(result(e, "certificates_new").status == Status::met);
    CHECK(result(e, "agri_monitoring_batches").status == Status::not_met);
}

TEST_CASE("settings.quota_share") {
    Assessment a = with_counts();
    SUBCASE("0.2 (a double): 2000 × 0.2 = 400 exactly") {
        a.settings["quota_share"] = 0.2;
        Evaluation e = eval(a);
        CHECK(e.problems.empty());
        CHECK(eq(e.quota_share, 1, 5));
        CHECK(eq(result(e, "certificates_new").target, 400));
        CHECK(eq(result(e, "agri_monitoring_batches").target, 2200));
        CHECK(eq(result(e, "governor_award_new").target, 1));  // 0.2 → 1
        CHECK(eq(result(e, "elder_canteens").target, 20));
    }
    SUBCASE("0.07: 11000 × 0.07 = 770 exactly, although ceil(11000 * 0.07) is 771 in doubles") {
        CHECK(std::ceil(11000 * 0.07) == 771);
        a.settings["quota_share"] = 0.07;
        Evaluation e = eval(a);
        CHECK(e.problems.empty());
        CHECK(eq(result(e, "agri_monitoring_batches").target, 770));
        CHECK(eq(result(e, "certificates_new").target, 140));   // 2000 × 0.07
        CHECK(eq(result(e, "elder_canteens").target, 7));       // 100 × 0.07, also 7.000000000000001 in doubles
    }
    SUBCASE("1 (an integer): the full target") {
        a.settings["quota_share"] = 1;
        Evaluation e = eval(a);
        CHECK(e.problems.empty());
        CHECK(eq(result(e, "certificates_new").target, 2000));
    }
}

TEST_CASE("settings.quotas.<id> overrides the share for that indicator only") {
    Assessment a = with_counts();
    a.settings["quotas"] = Json{{"certificates_new", 300}, {"governor_award_new", 0}};
    a.figures["governor_award_new"] = I(0);
    Evaluation e = eval(a);
    CHECK(e.problems.empty());
    CHECK(eq(result(e, "certificates_new").target, 300));
    CHECK(result(e, "certificates_new").quota);
    CHECK(eq(result(e, "governor_award_new").target, 0));
    CHECK(result(e, "governor_award_new").status == Status::met);   // 0 ≥ 0
    CHECK(eq(result(e, "agri_monitoring_batches").target, 1000));  // still the default share
    // Both together: the explicit quota wins.
    a.settings["quota_share"] = 0.5;
    e = eval(a);
    CHECK(eq(result(e, "certificates_new").target, 300));
    CHECK(eq(result(e, "agri_monitoring_batches").target, 5500));
}

TEST_CASE("settings.scope city: full city targets, no quota") {
    Assessment a = with_counts();
    a.settings["scope"] = "city";
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
        a.settings = std::move(settings);
        auto ps = validate(qt::cat(), a);
        auto hits = qt::problems_for(ps, key);
        for (const Problem* p : hits) {
            CHECK(qt::contains(p->message.zh, key));
            CHECK(qt::contains(p->message.en, key));
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
    a.settings["quota_share"] = 1.5;
    Evaluation e = eval(a);
    CHECK(has_errors(e.problems));
    CHECK(eq(e.quota_share, 1, 11));
    CHECK(eq(result(e, "certificates_new").target, 182));
}

}  // TEST_SUITE
