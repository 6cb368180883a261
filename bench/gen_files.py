#!/usr/bin/env python3
"""Generates assessment files for the CLI benchmark: N enterprise files and the 11 county files.

Deterministic (seeded): the same files every run. Values are plausible, a few figures are left
out (null) so that 'missing' paths are exercised too.
  gen_files.py OUTDIR [--enterprises 3000] [--year 2023]
"""
import argparse
import json
import os
import random

COUNTIES = ["亭湖区", "盐都区", "大丰区", "东台市", "建湖县", "射阳县", "阜宁县", "滨海县", "响水县",
            "盐城经济技术开发区", "盐南高新区"]


def ratio(rng, den_lo, den_hi, rate_lo, rate_hi):
    den = rng.randint(den_lo, den_hi)
    return round(den * rng.uniform(rate_lo, rate_hi)), den


def county(rng, unit, year):
    f = {}
    for num, den, lo, hi, rlo, rhi in [
        ("mfg_qualified_batches", "mfg_sampled_batches", 300, 3000, 0.92, 0.99),
        ("consumer_qualified_batches", "consumer_sampled_batches", 200, 2000, 0.93, 0.99),
        ("agri_qualified_batches", "agri_sampled_batches", 200, 3000, 0.95, 0.995),
        ("licensed_enterprises_inspected", "licensed_enterprises", 20, 300, 0.9, 1.0),
        ("transport_projects_supervised", "transport_projects", 5, 60, 0.9, 1.0),
        ("safe_site_compliant", "safe_site_applied", 1, 20, 0.8, 1.0),
        ("transport_issues_rectified", "transport_issues_found", 0, 80, 0.85, 1.0),
        ("transport_acceptance_passed", "transport_acceptance_total", 1, 30, 0.9, 1.0),
        ("above_scale_with_cqo", "above_scale_enterprises", 100, 900, 0.5, 0.85),
        ("new_residential_at_75", "new_residential_projects", 5, 80, 0.9, 1.0),
    ]:
        f[num], f[den] = ratio(rng, lo, hi, rlo, rhi)
    pop = rng.randint(300_000, 1_200_000)
    f["resident_population"] = pop
    f["food_sampled_batches"] = round(pop / 1000 * rng.uniform(6.0, 9.0))
    f["food_qualified_batches"] = round(f["food_sampled_batches"] * rng.uniform(0.97, 0.995))
    f["elderly_population"] = round(pop * rng.uniform(0.2, 0.3))
    f["elderly_home_service_recipients"] = round(f["elderly_population"] * rng.uniform(0.1, 0.2))
    inst = rng.randint(10, 80)
    f["eldercare_institutions"] = inst
    f["eldercare_graded_institutions"] = round(inst * rng.uniform(0.2, 0.5))
    f["eldercare_safety_compliant"] = round(inst * rng.uniform(0.9, 1.0))
    t = rng.randint(0, 4)
    f["tertiary_hospitals"] = t
    f["emr_level4_hospitals"] = rng.randint(0, t)
    f["emr_level5_hospitals"] = rng.randint(0, f["emr_level4_hospitals"])
    f["public_service_satisfaction_score"] = round(rng.uniform(78, 90), 2)
    f["public_service_satisfaction_respondents"] = rng.randint(300, 3000)
    f["one_stop_platform"] = rng.random() < 0.8
    for key, hi in [("agri_monitoring_batches", 2000), ("governor_award_new", 1), ("mayor_award_new", 2),
                    ("mayor_award_nomination_new", 2), ("jiangsu_boutique_new", 2), ("credit_aa_new", 3),
                    ("provincial_quality_project_new", 2), ("water_civilized_site_new", 1), ("standards_new", 5),
                    ("certificates_new", 400), ("eldercare_hubs", 2), ("elder_canteens", 15)]:
        f[key] = rng.randint(0, hi)
    return {"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": unit,
            "year": year, "figures": f, "notes": {"mfg_pass_rate": "来源：市场监管局监督抽查汇总"}}


def enterprise(rng, i, year):
    sampled = rng.randint(0, 40)
    f = {
        "ent_above_scale": rng.random() < 0.6,
        "ent_consumer_goods": rng.random() < 0.4,
        "ent_sampled_batches": sampled,
        "ent_qualified_batches": sampled - min(sampled, rng.choice([0, 0, 0, 1, 2])),
        "ent_has_cqo": rng.random() < 0.5,
        "ent_qms_certified": rng.random() < 0.7,
        "ent_credit_rating": rng.choice(["none", "A", "AA", "AAA"]),
        "ent_no_serious_violation": rng.random() < 0.95,
        "ent_performance_excellence": rng.random() < 0.3,
        "ent_green_certified": rng.random() < 0.2,
        "ent_high_tech": rng.random() < 0.3,
        "ent_rd_center": rng.random() < 0.25,
        "ent_standards_new": rng.randint(0, 3),
        "ent_certificates_new": rng.randint(0, 12),
        "ent_qc_groups": rng.randint(0, 10),
    }
    for k in list(f):
        if rng.random() < 0.03:
            f[k] = None
    return {"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "enterprise",
            "unit": f"盐城市第{i:04d}机械有限公司", "year": year, "figures": f, "notes": {}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--enterprises", type=int, default=3000)
    ap.add_argument("--year", type=int, default=2023)
    a = ap.parse_args()
    rng = random.Random(20221119)
    for sub in ("enterprise", "county"):
        os.makedirs(os.path.join(a.outdir, sub), exist_ok=True)
    for i in range(a.enterprises):
        with open(os.path.join(a.outdir, "enterprise", f"e{i:05d}.json"), "w", encoding="utf-8") as fh:
            json.dump(enterprise(rng, i, a.year), fh, ensure_ascii=False, indent=2)
    for i, unit in enumerate(COUNTIES):
        with open(os.path.join(a.outdir, "county", f"c{i:02d}.json"), "w", encoding="utf-8") as fh:
            json.dump(county(rng, unit, a.year), fh, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
