// qcity core — over the years and across the counties (issue 16): trends of one unit's years,
// unusual changes since last year (and their confirmation), the county league of a roll-up.
//
// Index of this file
// [SECTION] Helpers: exact comparisons, names of files
// [SECTION] Trends
// [SECTION] Trends as JSON and CSV
// [SECTION] Unusual changes and confirmations
// [SECTION] The county league

#include "core_internal.h"

#include <algorithm>
#include <cstdlib>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers: exact comparisons, names of files
//-------------------------------------------------------------------------------------------------

namespace {

using i128 = __int128;

i128 abs128(i128 v) { return v < 0 ? -v : v; }

// |a − b| compared with `limit` (≥ 0): -1, 0, +1. Exact in 128 bits whenever the products fit (always
// for validated figures and the rates made of them); else by long double (values beyond any figure).
int compare_abs_difference(const Rational& a, const Rational& b, const Rational& limit) {
    const i128 kMax = (((i128)1) << 126);
    i128 diff = abs128((i128)a.num * b.den - (i128)b.num * a.den);   // |a − b| = diff / den
    i128 den = (i128)a.den * b.den;
    if ((limit.den == 0 || diff <= kMax / limit.den) && (limit.num == 0 || den <= kMax / abs128(limit.num))) {
        i128 l = diff * limit.den, r = (i128)limit.num * den;
        return l < r ? -1 : l > r ? 1 : 0;
    }
    long double lhs = (long double)diff * (long double)limit.den, rhs = (long double)limit.num * (long double)den;
    return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

i128 gcd128(i128 a, i128 b) {
    a = abs128(a), b = abs128(b);
    while (b != 0) { i128 t = a % b; a = b; b = t; }
    return a;
}

// (a + b) / 2, exact when it fits 64 bits (always for the matrix's values), else the nearest double's.
Rational mean_of_two(const Rational& a, const Rational& b) {
    i128 n = (i128)a.num * b.den + (i128)b.num * a.den, d = (i128)2 * a.den * b.den;
    i128 g = gcd128(n, d);
    if (g > 1) { n /= g; d /= g; }
    if (n <= INT64_MAX && n >= INT64_MIN && d <= INT64_MAX) return Rational::of((int64_t)n, (int64_t)d);
    return rational_from_double((a.to_double() + b.to_double()) / 2).value_or(Rational{});
}

// A figure's value as an exact number: counts and scores; nullopt for yes/no, text and absent.
std::optional<Rational> figure_number(const FigureValue& v) {
    if (v.type == FigureValue::Type::integer) return Rational::of(v.i);
    if (v.type == FigureValue::Type::real) return rational_from_double(v.r);
    return std::nullopt;
}

// The same value, however written (1200 and 1200.0 are one value).
bool same_value(const FigureValue& a, const FigureValue& b) {
    auto x = figure_number(a), y = figure_number(b);
    if (x && y) return compare(*x, *y) == 0;
    return a == b;
}

// How a file is named in messages: its name, else "第 2 个评估" / "assessment 2" (as rollup() does).
Text file_name(const std::vector<std::string>& names, size_t i) {
    if (i < names.size() && !names[i].empty()) return Text{names[i], names[i]};
    return Text{"第 " + std::to_string(i + 1) + " 个评估", "assessment " + std::to_string(i + 1)};
}

// The unit as the catalog resolves it (a county's zh name; an enterprise's name trimmed).
std::string resolved_unit(const Catalog& c, const Assessment& a) {
    if (a.profile == Profile::county)
        if (const UnitDef* u = c.find_unit(a.unit)) return u->name.zh;
    return trim_spaces(a.unit);
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Trends
//-------------------------------------------------------------------------------------------------

const char* trend_direction_id(TrendDirection d) {
    switch (d) {
        case TrendDirection::improving: return "improving";
        case TrendDirection::steady: return "steady";
        case TrendDirection::worsening: return "worsening";
        default: return "";
    }
}

Text trend_direction_text(TrendDirection d) {
    switch (d) {
        case TrendDirection::improving: return {"改善", "improving"};
        case TrendDirection::steady: return {"持平", "steady"};
        case TrendDirection::worsening: return {"变差", "worsening"};
        default: return {"无法判断", "no direction"};   // fewer than two years with a value, or no target
    }
}

// Every kind of the catalog format is judged "at least" (a rate, a density, a count, a score at or
// above its target; yes over no; a rating at or above): more is better. A kind judged "at most"
// would return -1 here and every trend, ranking and league on it would follow.
int better_side(Kind k) {
    (void)k;
    return +1;
}

Json indicator_value_json(const IndicatorResult& r) {
    if (!r.has_value) return nullptr;
    const IndicatorDef& d = *r.def;
    if (d.kind == Kind::flag) return r.value.num != 0;
    if (d.kind == Kind::rating) return r.value_enum;
    if (d.kind == Kind::info) return r.raw;
    if (r.value.den == 1) return r.value.num;
    return r.value.to_double();
}

namespace {

// The tolerance within which a numeric indicator's change counts as steady (see trend() in core.h):
// half a percentage point for rates, half a point for scores, 2 % of the first value otherwise.
Rational steady_tolerance(const IndicatorDef& d, const Rational& first) {
    switch (d.kind) {
        case Kind::ratio:
        case Kind::ratio_all:
        case Kind::score: return Rational::of(1, 2);
        default: {
            Rational a = Rational::of(first.num < 0 ? -first.num : first.num, first.den);
            // 2 % of |first|: a/50, kept exact while it fits.
            if (a.den <= INT64_MAX / 50) return Rational::of(a.num, a.den * 50);
            return rational_from_double(a.to_double() / 50).value_or(Rational{});
        }
    }
}

TrendDirection direction_of(const Catalog& c, const IndicatorTrend& t) {
    const IndicatorDef& d = *t.def;
    if (d.kind == Kind::info) return TrendDirection::none;   // no target: no better side
    const IndicatorResult* first = nullptr;
    const IndicatorResult* last = nullptr;
    for (const TrendPoint& p : t.series) {
        if (!p.result.has_value || p.result.status == Status::invalid) continue;   // a gap: skipped
        if (!first) first = &p.result;
        last = &p.result;
    }
    if (!first || first == last) return TrendDirection::none;
    int side = better_side(d.kind), moved = 0;
    if (d.kind == Kind::flag) {
        moved = (last->value.num != 0) - (first->value.num != 0);           // no → yes: up
    } else if (d.kind == Kind::rating) {
        const FigureDef* f = c.figure(d.figure);
        const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
        int a = e ? e->rank(first->value_enum) : -1, b = e ? e->rank(last->value_enum) : -1;
        moved = b > a ? 1 : b < a ? -1 : 0;
    } else {
        if (compare_abs_difference(last->value, first->value, steady_tolerance(d, first->value)) <= 0) return TrendDirection::steady;
        moved = compare(last->value, first->value);
    }
    if (moved == 0) return TrendDirection::steady;
    return moved * side > 0 ? TrendDirection::improving : TrendDirection::worsening;
}

}  // namespace

bool trend(const Catalog& c, const std::vector<const Assessment*>& files, Trend& out, std::vector<Problem>& problems,
           const std::vector<std::string>& names, const ReadinessData* readiness) {
    size_t before = problems.size();
    auto fail = [&](const std::string& key, const std::string& code, std::string zh, std::string en) {
        problems.push_back(Problem{Severity::error, key, code, Text{std::move(zh), std::move(en)}});
    };
    if (files.empty() || !files[0]) {
        fail("files", "no_input", "没有可比较的评估文件", "no assessment files to compare");
        return false;
    }
    const Assessment& a0 = *files[0];
    std::string unit0 = resolved_unit(c, a0);
    Text n0 = file_name(names, 0);
    if (a0.catalog != c.id)
        fail("catalog", "mixed_catalog", n0.zh + "：指标目录为 “" + a0.catalog + "”，与 “" + c.id + "” 不同",
             n0.en + ": uses catalog '" + a0.catalog + "', not '" + c.id + "'");
    std::map<int, size_t> seen_years{{a0.year, 0}};
    for (size_t i = 1; i < files.size(); ++i) {
        const Assessment& a = *files[i];
        Text n = file_name(names, i);
        if (a.catalog != a0.catalog)
            fail("catalog", "mixed_catalog",
                 n0.zh + " 与 " + n.zh + " 的指标目录不同（“" + a0.catalog + "”、“" + a.catalog + "”），只能比较同一目录下的评估",
                 n0.en + " and " + n.en + " use different catalogs ('" + a0.catalog + "', '" + a.catalog + "'); only assessments of one catalog compare");
        if (a.profile != a0.profile)
            fail("profile", "mixed_profile",
                 n0.zh + " 与 " + n.zh + " 的评估类型不同（" + profile_id(a0.profile) + "、" + profile_id(a.profile) + "）",
                 n0.en + " and " + n.en + " are of different profiles (" + profile_id(a0.profile) + ", " + profile_id(a.profile) + ")");
        else if (resolved_unit(c, a) != unit0)
            fail("unit", "mixed_unit",
                 n0.zh + " 与 " + n.zh + " 的单位不同（" + a0.unit + "、" + a.unit + "），趋势只能比较同一单位的各年",
                 n0.en + " and " + n.en + " are of different units (" + a0.unit + ", " + a.unit + "); a trend compares the years of one unit");
        if (auto [it, fresh] = seen_years.emplace(a.year, i); !fresh) {
            Text first = file_name(names, it->second);
            fail("year", "duplicate_year",
                 first.zh + " 与 " + n.zh + " 是同一年（" + std::to_string(a.year) + "）的评估，每年只能有一个文件",
                 first.en + " and " + n.en + " are both for " + std::to_string(a.year) + "; give one file per year");
        }
    }
    if (problems.size() != before) return false;

    std::vector<size_t> order = stable_order(files.size(), [&](size_t x, size_t y) { return files[x]->year < files[y]->year; });
    Trend t;
    t.unit = unit0;
    t.catalog = c.id;
    t.profile = a0.profile;
    for (const IndicatorDef& d : c.indicators)
        if (d.profile == a0.profile) t.indicators.push_back(IndicatorTrend{&d, {}, TrendDirection::none});
    for (size_t i : order) {
        const Assessment& a = *files[i];
        t.years.push_back(a.year);
        Evaluation e = evaluate(c, a);
        // evaluate() gives the profile's indicators in catalog order, as t.indicators holds them;
        // matched by definition all the same, so that each series has one point per year.
        for (size_t k = 0, r = 0; k < t.indicators.size(); ++k) {
            while (r < e.results.size() && e.results[r].def != t.indicators[k].def) ++r;
            IndicatorResult res;   // not found (never, for a valid catalog): missing, without a value
            if (r < e.results.size()) {
                res = std::move(e.results[r]);
            } else {
                res.def = t.indicators[k].def;
                r = 0;
            }
            t.indicators[k].series.push_back(TrendPoint{a.year, std::move(res)});
        }
        if (readiness && a.profile == Profile::enterprise)
            t.readiness.push_back(ReadinessYear{a.year, evaluate_readiness(*readiness, c, a).score});
    }
    for (IndicatorTrend& it : t.indicators) it.direction = direction_of(c, it);
    out = std::move(t);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Trends as JSON and CSV
//-------------------------------------------------------------------------------------------------

Json trend_to_json(const Catalog& c, const Trend& t, Lang lang) {
    Json inds = Json::array();
    for (const IndicatorTrend& it : t.indicators) {
        Json series = Json::array();
        for (const TrendPoint& p : it.series)
            series.push_back(Json{{"year", p.year}, {"value", indicator_value_json(p.result)}, {"value_display", display_value(c, p.result, lang)},
                                  {"status", status_id(p.result.status)}, {"status_text", status_text(p.result.status).get(lang)}});
        const char* dir = trend_direction_id(it.direction);
        inds.push_back(Json{{"id", it.def->id}, {"name", it.def->name.get(lang)}, {"kind", kind_id(it.def->kind)}, {"unit", it.def->value_unit.get(lang)},
                            {"series", std::move(series)}, {"direction", *dir ? Json(dir) : Json(nullptr)},
                            {"direction_text", trend_direction_text(it.direction).get(lang)}});
    }
    Json j{{"unit", t.unit}, {"unit_name", unit_display_name(c, t.profile, t.unit, lang)}, {"profile", profile_id(t.profile)},
           {"catalog", t.catalog}, {"years", t.years}, {"indicators", std::move(inds)}};
    if (t.profile == Profile::enterprise) {
        Json years = Json::array();
        for (const ReadinessYear& ry : t.readiness) {
            const SelfScore& s = ry.score;
            Json cats = Json::array();
            for (const CategoryScore& cs : s.categories)
                cats.push_back(Json{{"id", cs.def->id}, {"name", cs.def->name.get(lang)}, {"earned", cs.earned.den == 1 ? Json(cs.earned.num) : Json(cs.earned.to_double())},
                                    {"points", cs.def->points}, {"scored", cs.scored}, {"items", cs.def->items.size()}});
            years.push_back(Json{{"year", ry.year}, {"total", s.total.den == 1 ? Json(s.total.num) : Json(s.total.to_double())},
                                 {"available", s.model ? s.model->total : 0}, {"scored", s.scored}, {"categories", std::move(cats)}});
        }
        j["readiness"] = std::move(years);
    }
    return j;
}

std::string trend_csv(const Catalog& c, const Trend& t, Lang lang) {
    bool en = lang == Lang::en;
    CsvRows rows;
    rows.push_back({"id", en ? "indicator" : "指标", en ? "year" : "年份", en ? "value" : "数值", en ? "unit" : "单位", en ? "status" : "状态",
                    en ? "direction" : "趋势"});
    for (const IndicatorTrend& it : t.indicators)
        for (const TrendPoint& p : it.series) {
            detail::ResultCells cells = detail::result_cells(c, p.result, lang);
            rows.push_back({it.def->id, it.def->name.get(lang), std::to_string(p.year), cells.value, cells.unit, detail::status_words(p.result, lang),
                            trend_direction_text(it.direction).get(lang)});
        }
    return write_csv(rows);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Unusual changes and confirmations
//-------------------------------------------------------------------------------------------------

Json Confirmation::to_json() const {
    Json j{{"value", value.to_json()}};
    if (!note.empty()) j["note"] = note;
    return j;
}

Problem UnusualChange::warning() const { return Problem{Severity::warning, key, "unusual_change", message}; }

namespace {

// Whether `now` moved beyond the rule from `before` (both ≥ 0: validated counts and scores).
bool beyond(const PlausibleChange& p, const Rational& before, const Rational& now) {
    switch (p.rule) {
        case PlausibleChange::Rule::factor: {
            const Rational& lo = compare(before, now) <= 0 ? before : now;
            const Rational& hi = compare(before, now) <= 0 ? now : before;
            if (compare(hi, Rational::of(p.at_least)) < 0 || hi.num == 0) return false;
            // hi > amount × lo, exactly: hi.num·lo.den·amount.den > amount.num·lo.num·hi.den
            i128 l = (i128)hi.num * lo.den * p.amount.den, r = (i128)p.amount.num * lo.num * hi.den;
            return l > r;
        }
        case PlausibleChange::Rule::percent: {
            // |now − before| > amount % of |before|
            Rational base = Rational::of(before.num < 0 ? -before.num : before.num, before.den);
            i128 n = (i128)base.num * p.amount.num, d = (i128)base.den * p.amount.den * 100;
            i128 g = gcd128(n, d);
            if (g > 1) { n /= g; d /= g; }
            Rational limit = n <= INT64_MAX && d <= INT64_MAX ? Rational::of((int64_t)n, (int64_t)d)
                                                              : rational_from_double(base.to_double() * p.amount.to_double() / 100).value_or(Rational{});
            return compare_abs_difference(now, before, limit) > 0;
        }
        case PlausibleChange::Rule::points: return compare_abs_difference(now, before, p.amount) > 0;
        default: return false;
    }
}

std::string amount_text(const Rational& r) { return r.den == 1 ? std::to_string(r.num) : format_points(r); }

Text limit_text(const PlausibleChange& p, const FigureDef& f) {
    std::string n = amount_text(p.amount);
    switch (p.rule) {
        case PlausibleChange::Rule::factor: return {"×" + n + " 或 ÷" + n, "×" + n + " or ÷" + n};
        case PlausibleChange::Rule::percent: return {"±" + n + " %", "±" + n + " %"};
        case PlausibleChange::Rule::points: {
            std::string zh = f.unit.get(Lang::zh), en = f.unit.get(Lang::en, n);
            return {"±" + n + (zh.empty() ? "" : " " + zh), "±" + n + (en.empty() ? "" : " " + en)};
        }
        default: return {};
    }
}

// "1200 批次" / "1200 batches": the value as typed back, with the figure's unit in its plural form.
Text shown_with_unit(const Catalog& c, const FigureDef& f, const FigureValue& v) {
    std::string zh = figure_input_text(c, f, v, Lang::zh), en = figure_input_text(c, f, v, Lang::en);
    std::string uz = f.unit.get(Lang::zh), ue = f.unit.get(Lang::en, en);
    return {zh + (uz.empty() ? "" : " " + uz), en + (ue.empty() ? "" : " " + ue)};
}

}  // namespace

bool is_confirmed(const Assessment& now, std::string_view key) {
    auto it = now.confirmed.find(std::string(key));
    const FigureValue* v = now.get(key);
    return it != now.confirmed.end() && v && same_value(it->second.value, *v);
}

void confirm_figure(Assessment& a, std::string_view key, std::string note) {
    const FigureValue* v = a.get(key);
    if (!v) return;
    a.confirmed[std::string(key)] = Confirmation{*v, std::move(note)};
}

std::vector<UnusualChange> find_unusual_changes(const Catalog& c, const Assessment& now, const Assessment& previous) {
    std::vector<UnusualChange> out;
    if (previous.profile != now.profile || previous.year >= now.year || resolved_unit(c, previous) != resolved_unit(c, now)) return out;
    for (size_t i : c.entry_index(now.profile)) {
        const FigureDef& f = c.figures[i];
        const PlausibleChange& rule = c.plausible_change(f);
        if (rule.rule == PlausibleChange::Rule::none || f.derived()) continue;
        const FigureValue* a = previous.get(f.key);
        const FigureValue* b = now.get(f.key);
        if (!a || !b || check_figure_value(c, f, *a) || check_figure_value(c, f, *b)) continue;   // validation's business
        auto x = figure_number(*a), y = figure_number(*b);
        if (!x || !y || !beyond(rule, *x, *y)) continue;
        UnusualChange u;
        u.key = f.key;
        u.def = &f;
        u.year_before = previous.year;
        u.year_now = now.year;
        u.shown_before = shown_with_unit(c, f, *a);
        u.shown_now = shown_with_unit(c, f, *b);
        u.limit = limit_text(rule, f);
        u.confirmed = is_confirmed(now, f.key);
        if (u.confirmed) u.note = now.confirmed.at(f.key).note;
        std::string y1 = std::to_string(previous.year), y2 = std::to_string(now.year);
        u.message = Text{f.name.zh + "由 " + y1 + " 年的 " + u.shown_before.zh + "变为 " + y2 + " 年的 " + u.shown_now.zh + "，变化超出通常范围（" +
                             u.limit.zh + "），请核实；如无误，可标记为已确认并说明原因",
                         f.name.en + " went from " + u.shown_before.en + " in " + y1 + " to " + u.shown_now.en + " in " + y2 +
                             ", more than the usual change (" + u.limit.en + "); please check it, and if it is right, mark it confirmed with a note"};
        out.push_back(std::move(u));
    }
    return out;
}

std::vector<Problem> unusual_changes(const Catalog& c, const Assessment& now, const Assessment& previous) {
    std::vector<Problem> out;
    for (const UnusualChange& u : find_unusual_changes(c, now, previous))
        if (!u.confirmed) out.push_back(u.warning());
    return out;
}

const Assessment* previous_year(const std::vector<const Assessment*>& saved, const Assessment& now) {
    const Assessment* best = nullptr;
    for (const Assessment* a : saved) {
        if (!a || a == &now || a->catalog != now.catalog || a->profile != now.profile || a->year >= now.year) continue;
        if (trim_spaces(a->unit) != trim_spaces(now.unit)) {
            const Catalog* c = builtin_catalog(now.catalog);
            if (!c || now.profile != Profile::county || resolved_unit(*c, *a) != resolved_unit(*c, now)) continue;
        }
        if (!best || a->year > best->year) best = a;
    }
    return best;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The county league
//-------------------------------------------------------------------------------------------------

namespace {

// A county's value of an indicator, as a number to rank by on the target's side: the value for
// numbers, 1/0 for yes/no, the enum's rank for ratings; nullopt when it has none or is not ranked.
std::optional<Rational> rank_value(const Catalog& c, const IndicatorResult& r) {
    if (!r.has_value || r.status == Status::invalid) return std::nullopt;
    const IndicatorDef& d = *r.def;
    switch (d.kind) {
        case Kind::info: return std::nullopt;
        case Kind::flag: return Rational::of(r.value.num != 0 ? 1 : 0);
        case Kind::rating: {
            const FigureDef* f = c.figure(d.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            int k = e ? e->rank(r.value_enum) : -1;
            if (k < 0) return std::nullopt;
            return Rational::of(k);
        }
        default: return r.value;
    }
}

bool numeric_kind(Kind k) { return k == Kind::ratio || k == Kind::ratio_all || k == Kind::density || k == Kind::count || k == Kind::score; }

}  // namespace

League league(const Catalog& c, const RollupMatrix& m) {
    League l;
    const size_t n = m.units.size();
    for (size_t k = 0; k < m.indicators.size(); ++k) {
        IndicatorRanking ir;
        ir.def = m.indicators[k];
        std::vector<Rational> values(n);
        for (size_t i = 0; i < n; ++i) {
            std::optional<Rational> v = k < m.cells[i].size() ? rank_value(c, m.cells[i][k]) : std::nullopt;
            if (v) { values[i] = *v; ir.ranked.push_back(i); }
            else ir.without.push_back(i);
        }
        int side = better_side(ir.def->kind);
        stable_order(ir.ranked, [&](size_t a, size_t b) {
            int cmp = compare(values[a], values[b]) * side;
            if (cmp != 0) return cmp > 0;
            return m.units[a] < m.units[b];
        });
        if (numeric_kind(ir.def->kind) && !ir.ranked.empty()) {
            std::vector<size_t> asc = ir.ranked;
            stable_order(asc, [&](size_t a, size_t b) { return compare(values[a], values[b]) < 0; });
            ir.numeric = true;
            ir.min = values[asc.front()];
            ir.max = values[asc.back()];
            size_t h = asc.size() / 2;
            ir.median = asc.size() % 2 ? values[asc[h]] : mean_of_two(values[asc[h - 1]], values[asc[h]]);
        }
        l.indicators.push_back(std::move(ir));
    }
    for (size_t i = 0; i < n; ++i) {
        LeagueRow row;
        row.county = i;
        row.unit = m.units[i];
        for (const IndicatorResult& r : m.cells[i]) {
            if (r.status == Status::met) ++row.met;
            else if (r.status == Status::not_met) ++row.not_met;
            else if (r.status == Status::missing || r.status == Status::invalid) ++row.missing;
        }
        int judged = row.met + row.not_met + row.missing;
        row.completeness = judged == 0 ? Rational::of(1) : Rational::of(row.met + row.not_met, judged);
        l.rows.push_back(std::move(row));
    }
    // Most met first, then the higher completeness, then the name (bytes of the stored name): equal
    // records always come out in the same order, whatever the order of the files.
    std::vector<size_t> order = stable_order(l.rows.size(), [&](size_t a, size_t b) {
        const LeagueRow& x = l.rows[a];
        const LeagueRow& y = l.rows[b];
        if (x.met != y.met) return x.met > y.met;
        if (int cmp = compare(x.completeness, y.completeness); cmp != 0) return cmp > 0;
        return x.unit < y.unit;
    });
    std::vector<LeagueRow> sorted;
    for (size_t i : order) sorted.push_back(l.rows[i]);
    l.rows = std::move(sorted);
    return l;
}

Json league_to_json(const Catalog& c, const League& l, Lang lang) {
    Json arr = Json::array();
    int rank = 0;
    for (const LeagueRow& r : l.rows)
        arr.push_back(Json{{"rank", ++rank}, {"unit", r.unit}, {"unit_name", unit_display_name(c, Profile::county, r.unit, lang)}, {"met", r.met},
                           {"not_met", r.not_met}, {"missing", r.missing}, {"completeness", r.completeness.to_double()}});
    return arr;
}

Json rankings_to_json(const Catalog& c, const RollupMatrix& m, const League& l, Lang lang) {
    Json arr = Json::array();
    auto num = [](const Rational& r) { return r.den == 1 ? Json(r.num) : Json(r.to_double()); };
    for (size_t k = 0; k < l.indicators.size(); ++k) {
        const IndicatorRanking& ir = l.indicators[k];
        Json ranking = Json::array(), without = Json::array();
        for (size_t i : ir.ranked)
            ranking.push_back(Json{{"unit", m.units[i]}, {"value", indicator_value_json(m.cells[i][k])}, {"value_display", display_value(c, m.cells[i][k], lang)}});
        for (size_t i : ir.without) without.push_back(m.units[i]);
        arr.push_back(Json{{"id", ir.def->id}, {"name", ir.def->name.get(lang)}, {"ranking", std::move(ranking)}, {"without", std::move(without)},
                           {"min", ir.numeric ? num(ir.min) : Json(nullptr)}, {"median", ir.numeric ? num(ir.median) : Json(nullptr)},
                           {"max", ir.numeric ? num(ir.max) : Json(nullptr)}});
    }
    return arr;
}

std::string league_csv(const Catalog& c, const League& l, Lang lang) {
    bool en = lang == Lang::en;
    CsvRows rows;
    rows.push_back({en ? "rank" : "名次", en ? "unit" : "单位", en ? "met" : "达标", en ? "not met" : "未达标", en ? "missing" : "缺数据",
                    en ? "completeness (%)" : "数据完整度 (%)"});
    int rank = 0;
    for (const LeagueRow& r : l.rows)
        rows.push_back({std::to_string(++rank), unit_display_name(c, Profile::county, r.unit, lang), std::to_string(r.met), std::to_string(r.not_met),
                        std::to_string(r.missing), format_rational(Rational::of(r.completeness.num * 100, r.completeness.den), 1, Round::down)});
    return write_csv(rows);
}

}  // namespace qcity
