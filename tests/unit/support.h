// Shared helpers for the unit tests: the spec's figure keys (written out by hand from
// shared/catalog-spec.md, not read from the catalog), a complete county assessment whose every
// indicator is met (each value chosen by hand, see the comments), and small lookups.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core.h"

namespace qt {

using qcity::Assessment;
using qcity::FigureValue;
using qcity::Profile;

// Every county figure key named in catalog-spec.md (indicator tables and the roll-up section).
inline const std::vector<std::string>& spec_county_figures() {
    static const std::vector<std::string> keys = {
        "mfg_qualified_batches", "mfg_sampled_batches", "consumer_qualified_batches", "consumer_sampled_batches",
        "public_service_satisfaction_score", "public_service_satisfaction_respondents", "emr_level4_hospitals",
        "tertiary_hospitals", "emr_level5_hospitals", "eldercare_graded_institutions", "eldercare_institutions",
        "food_sampled_batches", "resident_population", "food_qualified_batches", "licensed_enterprises_inspected",
        "licensed_enterprises", "agri_qualified_batches", "agri_sampled_batches", "transport_projects_supervised",
        "transport_projects", "safe_site_compliant", "safe_site_applied", "transport_issues_rectified",
        "transport_issues_found", "transport_acceptance_passed", "transport_acceptance_total", "one_stop_platform",
        "above_scale_with_cqo", "above_scale_enterprises", "new_residential_at_75", "new_residential_projects",
        "elderly_home_service_recipients", "elderly_population", "eldercare_safety_compliant",
        "agri_monitoring_batches", "governor_award_new", "mayor_award_new", "mayor_award_nomination_new",
        "jiangsu_boutique_new", "credit_aa_new", "provincial_quality_project_new", "water_civilized_site_new",
        "standards_new", "certificates_new", "eldercare_hubs", "elder_canteens"};
    return keys;
}

// Every enterprise figure key named in catalog-spec.md.
inline const std::vector<std::string>& spec_enterprise_figures() {
    static const std::vector<std::string> keys = {
        "ent_qualified_batches", "ent_sampled_batches", "ent_consumer_goods", "ent_above_scale", "ent_has_cqo",
        "ent_qms_certified", "ent_credit_rating", "ent_no_serious_violation", "ent_performance_excellence",
        "ent_green_certified", "ent_high_tech", "ent_rd_center", "ent_standards_new", "ent_certificates_new",
        "ent_qc_groups",
        // Not in the catalog spec: the facts the award gates read (assets/awards/*.json).
        "ent_legal_person", "ent_registered_locally", "ent_years_registered", "ent_years_pe", "ent_qms_years",
        "ent_years_batch_production", "ent_years_credit_a", "ent_sales_revenue", "ent_trademark",
        "ent_industry_leading", "ent_no_major_incident_3y", "ent_registered_jiangsu", "ent_years_operating",
        "ent_fixed_site", "ent_profit_tax_leading", "ent_profit_tax_growth_years", "ent_little_giant",
        "ent_single_champion"};
    return keys;
}

inline const qcity::Catalog& cat() {
    const qcity::Catalog* c = qcity::builtin_catalog("yancheng-2022");
    REQUIRE(c != nullptr);
    return *c;
}

inline FigureValue I(int64_t v) { return FigureValue::integer(v); }
inline FigureValue R(double v) { return FigureValue::real(v); }
inline FigureValue B(bool v) { return FigureValue::boolean(v); }
inline FigureValue T(std::string v) { return FigureValue::text(std::move(v)); }

inline Assessment county(std::string unit = "东台市", int year = 2023) {
    Assessment a;
    a.catalog = "yancheng-2022";
    a.profile = Profile::county;
    a.unit = std::move(unit);
    a.year = year;
    return a;
}

inline Assessment enterprise(std::string unit = "盐城某机械有限公司", int year = 2023) {
    Assessment a = county(std::move(unit), year);
    a.profile = Profile::enterprise;
    return a;
}

// A county whose 23 judged indicators are all met. Quotas with the default share 1/11:
// 11000→1000, 20→2, 2000→182, 100→10; the counts whose target × 1/11 is below one (1, 2, 5, 10)
// are contributions (status info) with a value of 1 each, so that 11 such counties meet every
// city target.
inline Assessment good_county(std::string unit = "东台市", int year = 2023) {
    Assessment a = county(std::move(unit), year);
    auto& f = a.figures;
    f["mfg_qualified_batches"] = I(960);            // 96 % ≥ 95
    f["mfg_sampled_batches"] = I(1000);
    f["consumer_qualified_batches"] = I(970);       // 97 % ≥ 96
    f["consumer_sampled_batches"] = I(1000);
    f["public_service_satisfaction_score"] = R(85.5);
    f["public_service_satisfaction_respondents"] = I(400);
    f["emr_level4_hospitals"] = I(3);               // 3/3
    f["tertiary_hospitals"] = I(3);
    f["emr_level5_hospitals"] = I(1);               // 33.3 % ≥ 20
    f["eldercare_graded_institutions"] = I(40);     // 40 % ≥ 35
    f["eldercare_institutions"] = I(100);
    f["food_sampled_batches"] = I(8000);            // 8 per 1000 ≥ 7
    f["resident_population"] = I(1000000);
    f["food_qualified_batches"] = I(7900);          // 98.75 % ≥ 98
    f["licensed_enterprises_inspected"] = I(50);
    f["licensed_enterprises"] = I(50);
    f["agri_qualified_batches"] = I(980);           // 98 % ≥ 97
    f["agri_sampled_batches"] = I(1000);
    f["transport_projects_supervised"] = I(10);
    f["transport_projects"] = I(10);
    f["safe_site_compliant"] = I(5);
    f["safe_site_applied"] = I(5);
    f["transport_issues_rectified"] = I(20);
    f["transport_issues_found"] = I(20);
    f["transport_acceptance_passed"] = I(8);
    f["transport_acceptance_total"] = I(8);
    f["one_stop_platform"] = B(true);
    f["above_scale_with_cqo"] = I(75);              // 75 % ≥ 70
    f["above_scale_enterprises"] = I(100);
    f["new_residential_at_75"] = I(12);
    f["new_residential_projects"] = I(12);
    f["elderly_home_service_recipients"] = I(200);  // 20 % ≥ 16
    f["elderly_population"] = I(1000);
    f["eldercare_safety_compliant"] = I(100);
    f["agri_monitoring_batches"] = I(1000);
    f["governor_award_new"] = I(1);
    f["mayor_award_new"] = I(1);
    f["mayor_award_nomination_new"] = I(1);
    f["jiangsu_boutique_new"] = I(1);
    f["credit_aa_new"] = I(1);
    f["provincial_quality_project_new"] = I(1);
    f["water_civilized_site_new"] = I(1);
    f["standards_new"] = I(2);
    f["certificates_new"] = I(182);
    f["eldercare_hubs"] = I(1);
    f["elder_canteens"] = I(10);
    return a;
}

inline const qcity::IndicatorResult& result(const qcity::Evaluation& e, const std::string& id) {
    for (const auto& r : e.results)
        if (r.def && r.def->id == id) return r;
    FAIL("no result for indicator " << id);
    return e.results.front();  // not reached
}

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

inline std::vector<const qcity::Problem*> problems_for(const std::vector<qcity::Problem>& ps, const std::string& key,
                                                       qcity::Severity sev = qcity::Severity::error) {
    std::vector<const qcity::Problem*> out;
    for (const auto& p : ps)
        if (p.key == key && p.severity == sev) out.push_back(&p);
    return out;
}

inline int count_errors(const std::vector<qcity::Problem>& ps) {
    int n = 0;
    for (const auto& p : ps) n += p.severity == qcity::Severity::error;
    return n;
}

// Rational equality by value (num/den are kept reduced).
inline bool eq(const qcity::Rational& a, int64_t n, int64_t d = 1) { return qcity::compare(a, qcity::Rational::of(n, d)) == 0; }

// Changes an assessment's readiness part as a file would have it (raw JSON, hostile values too),
// then reads it back the way read_assessment does.
template <class Edit>
void edit_readiness(qcity::Assessment& a, Edit edit) {
    qcity::Json r = a.readiness.to_json();
    edit(r);
    a.readiness = qcity::ReadinessEntries::from_json(r);
}

}  // namespace qt
