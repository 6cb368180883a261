// Issue 16 in the core: trends over a unit's years, unusual changes since last year (and their
// confirmation), the county league of a roll-up.
#include "support.h"

#include <algorithm>

namespace qcity_test_trend {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;

namespace {

const IndicatorTrend& trend_of(const Trend& t, const std::string& id) {
    for (const IndicatorTrend& it : t.indicators)
        if (it.def->id == id) return it;
    FAIL("no trend for " << id);
    return t.indicators.front();
}

bool has_key(const std::vector<Problem>& ps, const std::string& key) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.key == key; });
}

const Problem& problem(const std::vector<Problem>& ps, const std::string& key) {
    for (const Problem& p : ps)
        if (p.key == key) return p;
    FAIL("no problem for " << key);
    return ps.front();
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

//-------------------------------------------------------------------------------------------------
// Trends
//-------------------------------------------------------------------------------------------------

TEST_CASE("trend: three years given out of order come back in year order, each with its direction") {
    const Catalog& c = qt::cat();
    // Per year (2022, 2023, 2024): enterprises with a CQO of 100 (≥ 70 %: rising), qualified batches
    // of 1000 manufactured (≥ 95 %: falling), consumer goods within half a point (steady), the
    // satisfaction score missing in 2023 (a gap) and rising from 80 to 85.
    const int years[] = {2022, 2023, 2024};
    const int64_t cqo[] = {60, 70, 80};
    const int64_t mfg[] = {990, 970, 950};
    const int64_t consumer[] = {970, 972, 973};
    const double score[] = {80, -1, 85};
    std::vector<Assessment> files;
    for (int k = 0; k < 3; ++k) {
        Assessment a = qt::good_county("东台市", years[k]);
        a.figures["above_scale_with_cqo"] = I(cqo[k]);
        a.figures["mfg_qualified_batches"] = I(mfg[k]);
        a.figures["consumer_qualified_batches"] = I(consumer[k]);
        if (score[k] < 0) a.figures.erase("public_service_satisfaction_score");
        else a.figures["public_service_satisfaction_score"] = R(score[k]);
        a.figures["one_stop_platform"] = B(k > 0);   // no, then yes
        files.push_back(a);
    }
    std::vector<const Assessment*> given{&files[2], &files[0], &files[1]};   // 2024, 2022, 2023
    Trend t;
    std::vector<Problem> problems;
    REQUIRE(trend(c, given, t, problems, {"c.json", "a.json", "b.json"}));
    CHECK(problems.empty());
    CHECK(t.years == std::vector<int>{2022, 2023, 2024});
    CHECK(t.unit == "东台市");

    const IndicatorTrend& q = trend_of(t, "cqo_coverage");
    REQUIRE(q.series.size() == 3);
    for (int k = 0; k < 3; ++k) {
        CHECK(q.series[k].year == years[k]);
        CHECK(compare(q.series[k].result.value, Rational::of(cqo[k] * 100, 100)) == 0);
    }
    CHECK(q.series[0].result.status == Status::not_met);   // 60 % < 70 %
    CHECK(q.series[2].result.status == Status::met);
    CHECK(q.direction == TrendDirection::improving);

    const IndicatorTrend& m = trend_of(t, "mfg_pass_rate");
    for (int k = 0; k < 3; ++k) CHECK(compare(m.series[k].result.value, Rational::of(mfg[k] * 100, 1000)) == 0);
    CHECK(m.direction == TrendDirection::worsening);

    // 97.0 → 97.3 %: 0.3 percentage points, within the 0.5 tolerance.
    CHECK(trend_of(t, "consumer_pass_rate").direction == TrendDirection::steady);

    const IndicatorTrend& s = trend_of(t, "public_service_satisfaction");
    CHECK_FALSE(s.series[1].result.has_value);
    CHECK(s.series[1].result.status == Status::missing);
    CHECK(s.direction == TrendDirection::improving);          // 80 → 85 across the gap

    CHECK(trend_of(t, "one_stop_platform").direction == TrendDirection::improving);   // not met → met
    // Unchanged figures: steady.
    CHECK(trend_of(t, "food_pass_rate").direction == TrendDirection::steady);

    // JSON: the shape the CLI writes, series in year order, the direction by its id.
    Json j = trend_to_json(c, t, Lang::en);
    CHECK(j["unit"] == "东台市");
    for (const Json& ind : j["indicators"]) {
        if (ind["id"] != "cqo_coverage") continue;
        CHECK(ind["direction"] == "improving");
        REQUIRE(ind["series"].size() == 3);
        CHECK(ind["series"][0]["year"] == 2022);
        CHECK(ind["series"][0]["value"] == 60);
        CHECK(ind["series"][0]["status"] == "not_met");
    }
}

TEST_CASE("trend: a change just beyond the tolerance is a direction; one year alone has none") {
    const Catalog& c = qt::cat();
    Assessment a = qt::good_county("东台市", 2022), b = qt::good_county("东台市", 2023);
    a.figures["consumer_qualified_batches"] = I(970);
    b.figures["consumer_qualified_batches"] = I(976);   // +0.6 percentage points
    Trend t;
    std::vector<Problem> problems;
    REQUIRE(trend(c, {&b, &a}, t, problems));
    CHECK(trend_of(t, "consumer_pass_rate").direction == TrendDirection::improving);
    REQUIRE(trend(c, {&a}, t, problems));
    CHECK(trend_of(t, "consumer_pass_rate").direction == TrendDirection::none);
    CHECK(trend_to_json(c, t, Lang::zh)["indicators"][0]["direction"].is_null());
}

TEST_CASE("trend: files of two units, two files of one year, other profiles are errors naming both files") {
    const Catalog& c = qt::cat();
    Assessment a = qt::good_county("东台市", 2022), b = qt::good_county("亭湖区", 2023);
    Trend t;
    std::vector<Problem> problems;
    CHECK_FALSE(trend(c, {&a, &b}, t, problems, {"dongtai.json", "tinghu.json"}));
    REQUIRE(has_key(problems, "unit"));
    const Problem& p = problem(problems, "unit");
    CHECK(p.code == "mixed_unit");
    for (const std::string* m : {&p.message.zh, &p.message.en}) {
        CHECK(contains(*m, "dongtai.json"));
        CHECK(contains(*m, "tinghu.json"));
    }

    problems.clear();
    Assessment a2 = qt::good_county("东台", 2022);   // the same unit by its short form, the same year
    CHECK_FALSE(trend(c, {&a, &a2}, t, problems, {"one.json", "two.json"}));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "duplicate_year");
    CHECK(contains(problems[0].message.zh, "one.json"));
    CHECK(contains(problems[0].message.en, "two.json"));
    CHECK(contains(problems[0].message.en, "2022"));

    problems.clear();
    Assessment e = qt::enterprise("东台市", 2024);
    CHECK_FALSE(trend(c, {&a, &e}, t, problems, {"x.json", "y.json"}));
    REQUIRE(has_key(problems, "profile"));
    CHECK(contains(problem(problems, "profile").message.en, "y.json"));
}

TEST_CASE("trend: an enterprise's self-score per category, each year") {
    const Catalog& c = qt::cat();
    const ReadinessData& rd = builtin_readiness();
    const ScoreItemDef* item = rd.model.item("4.1.2");
    REQUIRE(item != nullptr);
    const int percent[] = {55, 75};
    std::vector<Assessment> files;
    for (int k = 0; k < 2; ++k) {
        Assessment a = qt::enterprise("盐城某机械有限公司", 2023 + k);
        a.readiness = ReadinessEntries::from_json(Json{{"self_score", {{"model", "gbt19580-2012"}, {"items", {{"4.1.2", {{"percent", percent[k]}}}}}}}});
        files.push_back(a);
    }
    Trend t;
    std::vector<Problem> problems;
    REQUIRE(trend(c, {&files[1], &files[0]}, t, problems, {}, &rd));
    REQUIRE(t.readiness.size() == 2);
    for (int k = 0; k < 2; ++k) {
        CHECK(t.readiness[k].year == 2023 + k);
        const CategoryScore& cs = t.readiness[k].score.categories[item->category];
        CHECK(compare(cs.earned, Rational::of((int64_t)item->points * percent[k], 100)) == 0);
    }
    Json j = trend_to_json(c, t, Lang::zh);
    REQUIRE(j["readiness"].size() == 2);
    CHECK(j["readiness"][1]["year"] == 2024);
}

//-------------------------------------------------------------------------------------------------
// Unusual changes and confirmations
//-------------------------------------------------------------------------------------------------

TEST_CASE("unusual changes: a ×10 jump in a count is a warning naming both years' values") {
    const Catalog& c = qt::cat();
    Assessment before = qt::good_county("东台市", 2022), now = qt::good_county("东台市", 2023);
    now.figures["mfg_sampled_batches"] = I(10000);      // ×10: a slip?
    now.figures["mfg_qualified_batches"] = I(9600);     // ×10 too
    now.figures["above_scale_enterprises"] = I(200);     // ×2: plausible
    before.figures["credit_aa_new"] = I(0);
    now.figures["credit_aa_new"] = I(5);                 // from 0, but under the count's at_least
    now.figures["resident_population"] = I(1250000);     // +25 %: beyond ±20 %
    now.figures["elderly_population"] = I(1150);         // +15 %: plausible
    now.figures["public_service_satisfaction_score"] = R(65.0);   // 85.5 → 65: −20.5 points, beyond ±15

    std::vector<Problem> w = unusual_changes(c, now, before);
    CHECK(has_key(w, "mfg_sampled_batches"));
    CHECK(has_key(w, "mfg_qualified_batches"));
    CHECK(has_key(w, "resident_population"));
    CHECK(has_key(w, "public_service_satisfaction_score"));
    CHECK_FALSE(has_key(w, "above_scale_enterprises"));
    CHECK_FALSE(has_key(w, "credit_aa_new"));
    CHECK_FALSE(has_key(w, "elderly_population"));
    CHECK_FALSE(has_key(w, "food_sampled_batches"));     // unchanged
    const Problem& p = problem(w, "mfg_sampled_batches");
    CHECK(p.severity == Severity::warning);
    CHECK(p.code == "unusual_change");
    for (const std::string* m : {&p.message.zh, &p.message.en}) {
        CHECK(contains(*m, "1000"));
        CHECK(contains(*m, "10000"));
        CHECK(contains(*m, "2022"));
        CHECK(contains(*m, "2023"));
    }
    CHECK(contains(p.message.zh, "制造业产品抽检批次"));
    // Never an error: the evaluation's errors are unchanged.
    CHECK_FALSE(has_errors(w));
    // Not an earlier year, or another unit: nothing to compare.
    CHECK(unusual_changes(c, before, now).empty());
    CHECK(unusual_changes(c, now, qt::good_county("亭湖区", 2022)).empty());
}

TEST_CASE("unusual changes: a confirmed value rests the warning; a new value warns again") {
    const Catalog& c = qt::cat();
    Assessment before = qt::good_county("东台市", 2022), now = qt::good_county("东台市", 2023);
    now.figures["mfg_sampled_batches"] = I(10000);
    now.figures["mfg_qualified_batches"] = I(9600);
    REQUIRE(has_key(unusual_changes(c, now, before), "mfg_sampled_batches"));

    confirm_figure(now, "mfg_sampled_batches", "2023 年新增省级抽检任务");
    REQUIRE(now.confirmed.count("mfg_sampled_batches"));
    CHECK(now.confirmed["mfg_sampled_batches"].value == I(10000));
    CHECK_FALSE(has_key(unusual_changes(c, now, before), "mfg_sampled_batches"));
    CHECK(has_key(unusual_changes(c, now, before), "mfg_qualified_batches"));   // only the one confirmed
    std::vector<UnusualChange> all = find_unusual_changes(c, now, before);
    auto it = std::find_if(all.begin(), all.end(), [](const UnusualChange& u) { return u.key == "mfg_sampled_batches"; });
    REQUIRE(it != all.end());
    CHECK(it->confirmed);
    CHECK(it->note == "2023 年新增省级抽检任务");

    // The same value written as a float is the same value.
    now.figures["mfg_sampled_batches"] = R(10000.0);
    CHECK_FALSE(has_key(unusual_changes(c, now, before), "mfg_sampled_batches"));
    // Changed again: the warning is back.
    now.figures["mfg_sampled_batches"] = I(12000);
    CHECK(has_key(unusual_changes(c, now, before), "mfg_sampled_batches"));
}

TEST_CASE("confirmed: round trip through JSON and the figures CSV; bad members are named") {
    const Catalog& c = qt::cat();
    Assessment a = qt::good_county("东台市", 2023);
    a.figures["mfg_sampled_batches"] = I(10000);
    confirm_figure(a, "mfg_sampled_batches", "=新增抽检任务, \"省级\"");   // a formula-like, quoted note
    confirm_figure(a, "public_service_satisfaction_score", "");
    std::string text = write_assessment(a);
    CHECK(contains(text, "\"confirmed\""));
    Assessment back;
    Problem err;
    REQUIRE(read_assessment(text, &c, back, err));
    CHECK(back.confirmed == a.confirmed);
    CHECK(back == a);

    // The figures CSV keeps them as #confirmed rows (as it keeps #evidence).
    for (Lang lang : {Lang::zh, Lang::en}) {
        Assessment fromcsv;
        REQUIRE(read_figures_csv(figures_to_csv(c, a, lang), c, fromcsv, err));
        CHECK(fromcsv.confirmed == a.confirmed);
    }
    // .xlsx as well (the same table).
    Assessment fromxlsx;
    REQUIRE(read_assessment_file(figures_to_xlsx(c, a, Lang::zh), "a.xlsx", &c, fromxlsx, err));
    CHECK(fromxlsx.confirmed == a.confirmed);

    // Bad input: each refused naming the field.
    auto refused = [&](const Json& confirmed) {
        Json doc = Json::parse(text);
        doc["confirmed"] = confirmed;
        Assessment out;
        Problem e;
        CHECK_FALSE(read_assessment(doc.dump(), &c, out, e));
        return e;
    };
    Problem e1 = refused(Json::array());
    CHECK(e1.key == "confirmed");
    CHECK(e1.code == "bad_confirmed");
    Problem e2 = refused(Json{{"mfg_sampled_batches", {{"value", 1}, {"remark", "x"}}}});
    CHECK(e2.key == "confirmed.mfg_sampled_batches.remark");
    CHECK(contains(e2.message.en, "confirmed.mfg_sampled_batches.remark"));
    CHECK(contains(e2.message.zh, "制造业产品抽检批次"));
    Problem e3 = refused(Json{{"mfg_sampled_batches", {{"note", "no value"}}}});
    CHECK(e3.key == "confirmed.mfg_sampled_batches");
    Problem e4 = refused(Json{{"mfg_sampled_batches", {{"value", 1}, {"note", 5}}}});
    CHECK(e4.key == "confirmed.mfg_sampled_batches.note");
    Problem e5 = refused(Json{{"mfg_sampled_batches", "10000"}});
    CHECK(e5.key == "confirmed.mfg_sampled_batches");

    // In the CSV: a row whose value does not fit the figure.
    std::string csv = figures_to_csv(c, a, Lang::zh);
    size_t at = csv.find("#confirmed,mfg_sampled_batches,10000");
    REQUIRE(at != std::string::npos);
    csv.replace(at, std::string("#confirmed,mfg_sampled_batches,10000").size(), "#confirmed,mfg_sampled_batches,lots");
    Assessment bad;
    CHECK_FALSE(read_figures_csv(csv, c, bad, err));
    CHECK(err.key == "confirmed.mfg_sampled_batches");

    // A confirmation of a figure the catalog does not have is kept and warned about.
    Assessment odd = a;
    odd.confirmed["no_such_figure"] = Confirmation{I(1), ""};
    std::vector<Problem> v = validate(c, odd);
    CHECK(has_key(v, "confirmed.no_such_figure"));
    CHECK_FALSE(has_errors(v));
}

TEST_CASE("confirmed: merging keeps the confirmation of the value kept") {
    const Catalog& c = qt::cat();
    Assessment a = qt::county("东台市", 2023), b = qt::county("东台市", 2023);
    a.figures["mfg_sampled_batches"] = I(10000);
    confirm_figure(a, "mfg_sampled_batches", "checked");
    b.figures["food_sampled_batches"] = I(8000);
    MergeResult r;
    std::vector<Problem> problems;
    REQUIRE(merge_assessments(c, {a, b}, {"a.json", "b.json"}, MergeOptions{}, r, problems));
    REQUIRE(r.merged.confirmed.count("mfg_sampled_batches"));
    CHECK(r.merged.confirmed["mfg_sampled_batches"].note == "checked");
    CHECK(r.unsettled() == 0);
}

TEST_CASE("previous_year: the latest earlier year of the same unit") {
    Assessment a = qt::good_county("东台市", 2021), b = qt::good_county("东台市", 2022), other = qt::good_county("亭湖区", 2022);
    Assessment now = qt::good_county("东台市", 2023), later = qt::good_county("东台市", 2024);
    CHECK(previous_year({&a, &other, &later, &b, &now}, now) == &b);
    CHECK(previous_year({&later, &other}, now) == nullptr);
}

TEST_CASE("catalog: plausible_change defaults, overrides and bad values") {
    const Catalog& c = qt::cat();
    CHECK(c.plausible_change(*c.figure("mfg_sampled_batches")).rule == PlausibleChange::Rule::factor);
    CHECK(c.plausible_change(*c.figure("resident_population")).rule == PlausibleChange::Rule::percent);
    CHECK(c.plausible_change(*c.figure("one_stop_platform")).rule == PlausibleChange::Rule::none);
    Json doc = Json::parse(embedded("catalog/yancheng-2022.json"));
    doc["plausible_change"]["count"] = Json{{"factor", 1}};
    Catalog bad;
    std::vector<Problem> problems;
    CHECK_FALSE(load_catalog(doc.dump(), bad, problems));
    CHECK(has_key(problems, "plausible_change.count"));
    // A figure may opt out.
    doc = Json::parse(embedded("catalog/yancheng-2022.json"));
    for (Json& f : doc["figures"])
        if (f["key"] == "mfg_sampled_batches") f["plausible_change"] = false;
    Catalog mine;
    problems.clear();
    REQUIRE(load_catalog(doc.dump(), mine, problems));
    Assessment before = qt::good_county("东台市", 2022), now = qt::good_county("东台市", 2023);
    now.figures["mfg_sampled_batches"] = I(10000);
    CHECK_FALSE(has_key(unusual_changes(mine, now, before), "mfg_sampled_batches"));
}

//-------------------------------------------------------------------------------------------------
// The county league
//-------------------------------------------------------------------------------------------------

TEST_CASE("league: most met first, then completeness, then name; min / median / max per indicator") {
    const Catalog& c = qt::cat();
    // cqo_coverage (≥ 70 %) per county, of 100 above-scale enterprises each.
    struct In { const char* unit; int64_t cqo; bool score; };
    const In in[] = {{"东台市", 75, true},    // every indicator met
                     {"亭湖区", 50, true},    // one not met
                     {"大丰区", 75, false},   // one missing (the satisfaction score)
                     {"盐都区", 60, true}};   // one not met: the same record as 亭湖区
    std::vector<Assessment> counties;
    for (const In& x : in) {
        Assessment a = qt::good_county(x.unit, 2023);
        a.figures["above_scale_with_cqo"] = I(x.cqo);
        if (!x.score) a.figures.erase("public_service_satisfaction_score");
        counties.push_back(a);
    }
    Rollup r;
    std::vector<Problem> problems;
    REQUIRE(rollup(c, counties, r, problems));
    RollupMatrix m = rollup_matrix(c, counties, r);
    League l = league(c, m);
    REQUIRE(l.rows.size() == 4);

    // The expected order, from each county's own evaluation: met (more first), completeness, name.
    struct Rec { std::string unit; int met; Rational completeness; };
    std::vector<Rec> expect;
    for (const Assessment& a : counties) {
        Evaluation e = evaluate(c, a);
        int judged = e.summary.met + e.summary.not_met + e.summary.missing + e.summary.invalid;
        expect.push_back(Rec{a.unit, e.summary.met, Rational::of(e.summary.met + e.summary.not_met, judged)});
    }
    std::sort(expect.begin(), expect.end(), [](const Rec& a, const Rec& b) {
        if (a.met != b.met) return a.met > b.met;
        if (compare(a.completeness, b.completeness) != 0) return compare(a.completeness, b.completeness) > 0;
        return a.unit < b.unit;
    });
    for (size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(l.rows[i].unit == expect[i].unit);
        CHECK(l.rows[i].met == expect[i].met);
        CHECK(compare(l.rows[i].completeness, expect[i].completeness) == 0);
    }
    CHECK(l.rows.front().unit == "东台市");
    CHECK(l.rows.back().unit == "大丰区");      // as many met as 亭湖区/盐都区, less complete
    CHECK(l.rows.back().missing == 1);
    // The tie between 亭湖区 and 盐都区 goes by name, whatever the files' order.
    std::vector<Assessment> reversed(counties.rbegin(), counties.rend());
    REQUIRE(rollup(c, reversed, r, problems));
    League l2 = league(c, rollup_matrix(c, reversed, r));
    for (size_t i = 0; i < 4; ++i) CHECK(l2.rows[i].unit == l.rows[i].unit);

    // cqo_coverage: ranked best first (higher first, ties by name), min / median / max.
    size_t k = 0;
    while (m.indicators[k]->id != "cqo_coverage") ++k;
    const IndicatorRanking& ir = l.indicators[k];
    REQUIRE(ir.ranked.size() == 4);
    std::vector<int64_t> values;
    for (const In& x : in) values.push_back(x.cqo);
    std::vector<int64_t> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    CHECK(ir.numeric);
    CHECK(compare(ir.min, Rational::of(sorted.front())) == 0);
    CHECK(compare(ir.max, Rational::of(sorted.back())) == 0);
    CHECK(compare(ir.median, Rational::of(sorted[1] + sorted[2], 2)) == 0);   // four counties: the mean of the middle two
    for (size_t i = 1; i < ir.ranked.size(); ++i) {
        int64_t a = values[ir.ranked[i - 1]], b = values[ir.ranked[i]];
        CHECK(a >= b);
        if (a == b) CHECK(m.units[ir.ranked[i - 1]] < m.units[ir.ranked[i]]);
    }
    // The satisfaction score: 大丰区 has none, so it is not ranked.
    size_t ks = 0;
    while (m.indicators[ks]->id != "public_service_satisfaction") ++ks;
    CHECK(l.indicators[ks].ranked.size() == 3);
    REQUIRE(l.indicators[ks].without.size() == 1);
    CHECK(m.units[l.indicators[ks].without[0]] == "大丰区");
    // An odd count: the middle value.
    std::vector<Assessment> three(counties.begin(), counties.begin() + 3);
    REQUIRE(rollup(c, three, r, problems));
    League l3 = league(c, rollup_matrix(c, three, r));
    std::vector<int64_t> s3{in[0].cqo, in[1].cqo, in[2].cqo};
    std::sort(s3.begin(), s3.end());
    CHECK(compare(l3.indicators[k].median, Rational::of(s3[1])) == 0);

    // JSON and CSV, in the league's order.
    Json j = league_to_json(c, l, Lang::en);
    REQUIRE(j.size() == 4);
    CHECK(j[0]["unit"] == l.rows[0].unit);
    CHECK(j[0]["rank"] == 1);
    CHECK(j[3]["missing"] == 1);
    CHECK(j[0]["completeness"] == 1.0);
    std::string csv = league_csv(c, l, Lang::zh);
    CHECK(csv.find("东台市") < csv.find("大丰区"));
}

//-------------------------------------------------------------------------------------------------
// The report
//-------------------------------------------------------------------------------------------------

TEST_CASE("report: the trends section, the unusual change and its confirmation, the league section") {
    const Catalog& c = qt::cat();
    Assessment before = qt::good_county("东台市", 2022), now = qt::good_county("东台市", 2023);
    now.figures["mfg_sampled_batches"] = I(10000);
    now.figures["mfg_qualified_batches"] = I(9600);
    confirm_figure(now, "mfg_qualified_batches", "核实无误");
    Evaluation e = evaluate(c, now);
    Trend t;
    std::vector<Problem> problems;
    REQUIRE(trend(c, {&now, &before}, t, problems));
    std::vector<UnusualChange> unusual = find_unusual_changes(c, now, before);
    for (Lang lang : {Lang::zh, Lang::en}) {
        ReportInput in;
        in.catalog = &c;
        in.assessment = &now;
        in.evaluation = &e;
        in.trend = &t;
        in.unusual = &unusual;
        in.last_year = 2022;
        in.lang = lang;
        std::string html = report_html(in);
        CHECK(contains(html, "id=\"trends\""));
        CHECK(contains(html, "<th scope=\"col\">2022</th>"));
        CHECK(contains(html, trend_direction_text(TrendDirection::steady).get(lang)));
        CHECK(contains(html, "id=\"unusual\""));
        std::string warned;
        for (const UnusualChange& u : unusual)
            if (u.key == "mfg_sampled_batches") warned = u.message.get(lang);
        REQUIRE_FALSE(warned.empty());
        CHECK(contains(html, "class=\"unusual\""));
        CHECK(contains(html, "class=\"confirmed\""));
        CHECK(contains(html, "核实无误"));
    }
    // The city report: the league.
    std::vector<Assessment> counties{qt::good_county("东台市"), qt::good_county("亭湖区")};
    counties[1].figures["above_scale_with_cqo"] = I(50);
    Rollup r;
    REQUIRE(rollup(c, counties, r, problems));
    RollupMatrix m = rollup_matrix(c, counties, r);
    League l = league(c, m);
    std::string html = report_html(city_report_input(c, r, m, &l));
    CHECK(contains(html, "id=\"league\""));
    CHECK(html.find("<th scope=\"row\">东台市</th>") < html.find("<th scope=\"row\">亭湖区</th>"));
}

}  // namespace qcity_test_trend
