// qcity core — evaluation (statuses, values, shortfalls), roll-up, and the JSON output.
//
// Index of this file
// [SECTION] Statuses
// [SECTION] Helpers: reading valid figures, quotas
// [SECTION] Evaluation of one indicator, per kind
// [SECTION] Evaluation of an assessment
// [SECTION] Display: values and targets as people read them
// [SECTION] Roll-up
// [SECTION] JSON output

#include "core_internal.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Statuses
//-------------------------------------------------------------------------------------------------

const char* status_id(Status s) {
    switch (s) {
        case Status::met: return "met";
        case Status::not_met: return "not_met";
        case Status::missing: return "missing";
        case Status::not_applicable: return "not_applicable";
        case Status::info: return "info";
        case Status::invalid: return "invalid";
    }
    return "missing";
}

Text status_text(Status s) {
    switch (s) {
        case Status::met: return {"达标", "Met"};
        case Status::not_met: return {"未达标", "Not met"};
        case Status::missing: return {"缺数据", "Missing data"};
        case Status::not_applicable: return {"不适用", "Not applicable"};
        case Status::info: return {"仅供参考", "For information"};
        case Status::invalid: return {"数据有误", "Invalid data"};
    }
    return {};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-------------------------------------------------------------------------------------------------

namespace {

// A figure's value as an exact rational; the caller has checked that it is valid.
Rational as_rational(const FigureValue& v) {
    if (v.type == FigureValue::Type::integer) return Rational::of(v.i);
    if (v.type == FigureValue::Type::real) return rational_from_double(v.r).value_or(Rational{});
    return Rational{};
}

bool matches(const FigureValue& v, const Json& equals) {
    switch (v.type) {
        case FigureValue::Type::boolean: return equals.is_boolean() && equals.get<bool>() == v.b;
        case FigureValue::Type::text: return equals.is_string() && equals.get<std::string>() == v.s;
        case FigureValue::Type::integer:
        case FigureValue::Type::real:
            if (!equals.is_number()) return false;
            return compare(as_rational(v), rational_from_double(equals.get<double>()).value_or(Rational{})) == 0;
        default: return false;
    }
}

// Number of digits after the point needed to write r exactly (capped).
int decimals_of(const Rational& r) {
    int64_t d = r.den;
    int k = 0;
    while (d % 10 == 0 && k < 9) { d /= 10; ++k; }
    while (d % 2 == 0 && k < 9) { d /= 2; ++k; }
    while (d % 5 == 0 && k < 9) { d /= 5; ++k; }
    return d == 1 ? k : 2;
}

std::string plain(const Rational& r) { return format_rational(r, decimals_of(r)); }

// The number written with `decimals` digits such that it never crosses the target: a value below
// its target is rounded down (94.96 % stays "94.9 %", never "95.0 %").
std::string shown_against(const Rational& v, int decimals, bool below_target) {
    return format_rational(v, decimals, below_target ? Round::down : Round::nearest);
}

struct Context {
    const Catalog& c;
    const Assessment& a;
    const detail::FigureTable& table;
    std::vector<char> bad;  // by figure index: has an error (alone or in combination)
    bool city = false;
    Rational share;
    bool is_bad(int i) const { return i >= 0 && bad[(size_t)i]; }
};

}  // namespace

bool detail::figure_matches(const FigureValue& v, const Json& equals) { return matches(v, equals); }

//-------------------------------------------------------------------------------------------------
// [SECTION] Evaluation of one indicator, per kind
//-------------------------------------------------------------------------------------------------

static Text names_of(const Catalog& c, const std::vector<std::string>& keys) {
    Text t;
    for (const std::string& k : keys) {
        const FigureDef* f = c.figure(k);
        t.zh += (t.zh.empty() ? "" : "、") + (f ? f->name.zh : k);
        t.en += (t.en.empty() ? "" : ", ") + (f ? f->name.en : k);
    }
    return t;
}

// A number with its unit in the plural form the number takes ("1 award", "0 awards", "1 个").
static std::string counted(const Rational& n, const Text& unit, Lang lang) {
    std::string number = plain(n);
    const std::string& u = unit.get(lang, number);
    return u.empty() ? number : number + " " + u;
}

// What a county adds to a city-wide target it is not judged against: "全市目标 1 个，本单位新增 0 个".
// Keys of annual new counts end in "_new" (catalog-spec.md); the others are stocks or yearly work,
// for which "新增" (added) would be wrong, so their sentence says what the unit has.
static Text contribution_sentence(const IndicatorDef& ind, const Rational& city_target, std::optional<Rational> value) {
    bool added = ind.figure.size() > 4 && ind.figure.compare(ind.figure.size() - 4, 4, "_new") == 0;
    std::string t_zh = counted(city_target, ind.value_unit, Lang::zh), t_en = counted(city_target, ind.value_unit, Lang::en);
    if (!value)
        return Text{"全市目标 " + t_zh + "，本单位尚未填写",
                    "City target " + t_en + "; this unit's figure is not filled in yet"};
    std::string v_zh = counted(*value, ind.value_unit, Lang::zh), v_en = counted(*value, ind.value_unit, Lang::en);
    if (added) return Text{"全市目标 " + t_zh + "，本单位新增 " + v_zh, "City target " + t_en + "; this unit added " + v_en};
    return Text{"全市目标 " + t_zh + "，本单位现有 " + v_zh, "City target " + t_en + "; this unit has " + v_en};
}

static IndicatorResult evaluate_one(const Context& ctx, const IndicatorDef& ind) {
    const Catalog& c = ctx.c;
    const Assessment& a = ctx.a;
    IndicatorResult r;
    r.def = &ind;

    auto valid = [&](int i) -> const FigureValue* {
        const FigureValue* v = ctx.table.at(i);
        return (v && !ctx.is_bad(i)) ? v : nullptr;
    };

    // Does it apply to this unit at all? (An absent condition figure: it applies.)
    if (ind.applies_when) {
        const FigureValue* v = valid(ind.applies_index);
        if (v && !matches(*v, ind.applies_when->equals)) {
            r.status = Status::not_applicable;
            const FigureDef* f = c.figure(ind.applies_when->figure);
            Text n = f ? f->name : Text{ind.applies_when->figure, ind.applies_when->figure};
            r.reason = Text{"不适用：“" + n.zh + "”不满足条件", "not applicable: the condition on '" + n.en + "' does not hold"};
            return r;
        }
    }

    // Which target applies.
    r.target = ind.target;
    r.has_target = ind.has_target;
    for (size_t k = 0; k < ind.target_when.size(); ++k) {
        const FigureValue* v = valid(ind.target_when_index[k]);
        if (v && matches(*v, ind.target_when[k].first.equals)) { r.target = ind.target_when[k].second; break; }
    }
    if (ind.kind == Kind::ratio_all) { r.target = Rational::of(100); r.has_target = true; }
    if (ind.kind == Kind::rating) r.target_enum = ind.target_enum;
    if (ind.kind == Kind::count && ind.city_scope && r.has_target) {
        r.city_target = r.target;
        if (!ctx.city) {
            auto explicit_quota = a.settings.quotas.find(ind.id);
            // target × share, exactly: below one, no county can be held to it (⌈1/11⌉ = 1 for each
            // of eleven counties would ask the city for eleven), so the figure is a contribution.
            __int128 n = (__int128)r.city_target.num * ctx.share.num, d = (__int128)r.city_target.den * ctx.share.den;
            if (explicit_quota != a.settings.quotas.end()) {
                r.quota = true;
                r.target = Rational::of(explicit_quota->second);
            } else if (n >= d) {
                r.quota = true;
                r.target = Rational::of(ceil_div(n, d));
            } else {
                r.contribution = true;
                r.has_target = false;
                r.target = Rational{};
            }
        }
    }

    // Inputs: invalid beats missing (a wrong figure is the first thing to fix).
    // A derived figure's value is typed as its source: missing or wrong, it is the source to fix.
    for (int i : ind.input_index) {
        if (i < 0) { r.missing_figures.push_back("?"); continue; }
        const FigureDef& f = c.figures[(size_t)i];
        if (!ctx.table.at(i)) r.missing_figures.push_back(entered_figure(c, f).key);
        else if (ctx.is_bad(i)) r.invalid_figures.push_back(ctx.table.is_derived(f.index) ? entered_figure(c, f).key : f.key);
    }
    if (!r.invalid_figures.empty()) {
        r.status = Status::invalid;
        Text n = names_of(c, r.invalid_figures);
        r.reason = Text{"数据有误：" + n.zh, "invalid data: " + n.en};
        return r;
    }
    if (r.contribution) {
        // Shown, not judged: an absent figure is said to be not filled in (the roll-up still needs
        // it), but the county is not counted as lacking data for a target it does not have.
        r.status = Status::info;
        const FigureValue* v = r.missing_figures.empty() ? ctx.table.at(ind.input_index[0]) : nullptr;
        if (v) {
            r.has_value = true;
            r.value = as_rational(*v);
        }
        r.contribution_text = contribution_sentence(ind, r.city_target, v ? std::optional<Rational>(r.value) : std::nullopt);
        return r;
    }
    if (!r.missing_figures.empty()) {
        r.status = Status::missing;
        Text n = names_of(c, r.missing_figures);
        r.reason = Text{"缺少数据：" + n.zh, "missing: " + n.en};
        return r;
    }

    auto set_shortfall = [&](const Rational& s) {
        r.has_shortfall = true;
        r.shortfall = s;
        if (s.num > 0) r.shortfall_text = format_count(ind.shortfall, plain(s));   // "1 more batch", "2 more batches"
    };
    auto gap_of = [](const Rational& v, const Rational& t) {
        double td = t.to_double();
        return td > 0 ? (td - v.to_double()) / td : (v.num >= 0 ? -1.0 : 1.0);
    };

    switch (ind.kind) {
        case Kind::ratio:
        case Kind::ratio_all:
        case Kind::density: {
            int64_t n = as_rational(*ctx.table.at(ind.input_index[0])).num, d = as_rational(*ctx.table.at(ind.input_index[1])).num;
            if (d == 0) {
                r.status = Status::not_applicable;
                const FigureDef* fd = c.figure(ind.den);
                r.reason = Text{"不适用：" + (fd ? fd->name.zh : ind.den) + "为 0", "not applicable: " + (fd ? fd->name.en : ind.den) + " is 0"};
                return r;
            }
            int64_t scale = ind.kind == Kind::density ? 1000 : 100;
            r.has_value = true;
            r.value = Rational::of(scale * n, d);  // n ≤ 10^12 by validation: no overflow
            bool met;
            int64_t need;
            if (ind.kind == Kind::ratio_all) {
                met = n == d;
                need = d - n;
            } else {
                // met when scale·n ≥ t·d, i.e. scale·n·t.den ≥ t.num·d; need ⌈t·d/scale⌉ − n more.
                met = (__int128)scale * n * r.target.den >= (__int128)r.target.num * d;
                need = std::max<int64_t>(0, ceil_div((__int128)r.target.num * d, (__int128)scale * r.target.den) - n);
            }
            r.status = met ? Status::met : Status::not_met;
            set_shortfall(Rational::of(need));
            r.gap = gap_of(r.value, r.target);
            break;
        }
        case Kind::count:
        case Kind::score: {
            r.has_value = true;
            r.value = as_rational(*ctx.table.at(ind.input_index[0]));
            bool met = compare(r.value, r.target) >= 0;
            r.status = met ? Status::met : Status::not_met;
            // target − value in 128 bits (a score of 2e-18 once made 82 × 5·10^17 overflow: UB, and a
            // negative shortfall); validation also refuses such a score (kMaxDecimals).
            set_shortfall(met ? Rational{} : difference(r.target, r.value));
            r.gap = gap_of(r.value, r.target);
            break;
        }
        case Kind::flag: {
            bool yes = ctx.table.at(ind.input_index[0])->b;
            r.has_value = true;
            r.value = Rational::of(yes ? 1 : 0);
            r.status = yes ? Status::met : Status::not_met;
            if (!yes) r.shortfall_text = ind.shortfall;
            r.gap = yes ? -1.0 : 1.0;
            break;
        }
        case Kind::rating: {
            const FigureDef* f = c.figure(ind.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            r.has_value = true;
            r.value_enum = ctx.table.at(ind.input_index[0])->s;
            int have = e ? e->rank(r.value_enum) : -1, want = e ? e->rank(ind.target_enum) : 0;
            bool met = have >= want;
            r.status = met ? Status::met : Status::not_met;
            if (!met) r.shortfall_text = ind.shortfall;
            r.gap = want > 0 ? (double)(want - have) / want : -1.0;
            break;
        }
        case Kind::info: {
            const FigureValue* v = ctx.table.at(ind.input_index[0]);
            r.status = Status::info;
            r.has_value = true;
            r.raw = v->to_json();
            if (v->type == FigureValue::Type::text) r.value_enum = v->s;
            else if (v->type == FigureValue::Type::boolean) r.value = Rational::of(v->b ? 1 : 0);
            else r.value = as_rational(*v);
            r.has_target = false;
            break;
        }
    }
    return r;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Evaluation of an assessment
//-------------------------------------------------------------------------------------------------

// Whether a city status judged on partial sums can still change when the missing units come in
// (the figures are counts ≥ 0, so sums only grow, and a flag held by all can only be lost).
static bool may_change(const IndicatorResult& r) {
    switch (r.status) {
        case Status::met:
            return r.def->kind != Kind::count;
        case Status::not_met:
            return r.def->kind != Kind::flag;
        case Status::not_applicable:  // a denominator of 0 so far
            return true;
        default:  // missing and invalid are about the figures there are; info is not judged
            return false;
    }
}

Evaluation evaluate(const Catalog& c, const Assessment& a) {
    Evaluation e;
    detail::FigureTable table(c, a);
    e.problems = detail::validate(c, a, table);
    e.city = a.settings.city();
    // Settings hold usable values only (an unusable one is a validation problem and not used).
    e.quota_share = a.settings.quota_share ? a.settings.quota_share->value : c.default_quota_share();
    if (e.city && a.settings.units_included && a.settings.units_expected) {
        e.units_included = *a.settings.units_included;
        e.units_expected = *a.settings.units_expected;
    }
    Context ctx{c, a, table, std::vector<char>(c.figures.size(), 0), e.city, e.quota_share};
    for (const Problem& p : e.problems)
        if (p.severity == Severity::error)
            if (const FigureDef* f = c.figure(p.key)) ctx.bad[f->index] = 1;
    // A derived figure is as good as its source (catalog "derived").
    for (const FigureDef& f : c.figures)
        if (table.is_derived(f.index) && ctx.is_bad(f.derived_from_index)) ctx.bad[f.index] = 1;

    e.results.reserve(c.indicators.size());
    for (const IndicatorDef& ind : c.indicators) {
        if (ind.profile != a.profile) continue;
        IndicatorResult r = evaluate_one(ctx, ind);
        if (e.partial()) r.provisional = may_change(r);
        switch (r.status) {
            case Status::met: ++e.summary.met; break;
            case Status::not_met: ++e.summary.not_met; break;
            case Status::missing: ++e.summary.missing; break;
            case Status::not_applicable: ++e.summary.not_applicable; break;
            case Status::info: ++e.summary.info; break;
            case Status::invalid: ++e.summary.invalid; break;
        }
        // Evidence (佐证材料): provided, of the indicators that need it.
        const Evidence* ev = evidence_of(a, ind.id);
        if (!ev || ev->status != EvidenceStatus::not_needed) ++e.summary.evidence_expected;
        if (ev && ev->status == EvidenceStatus::provided) ++e.summary.evidence_provided;
        e.results.push_back(std::move(r));
    }
    return e;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Display
//-------------------------------------------------------------------------------------------------

static int display_decimals(Kind k) {
    switch (k) {
        case Kind::ratio:
        case Kind::ratio_all:
        case Kind::score: return 1;
        case Kind::density: return 2;
        default: return 0;
    }
}

// The number and its unit, the unit's plural form chosen by the number as shown ("1 award",
// "5 awards", "1.0 points").
static std::string with_unit(const std::string& number, const Text& unit, Lang lang) {
    const std::string& u = unit.get(lang, number);
    if (u.empty()) return number;
    if (u == "%") return number + " %";
    return number + " " + u;
}

std::string display_value(const Catalog& c, const IndicatorResult& r, Lang lang) {
    const IndicatorDef& d = *r.def;
    if (!r.has_value) return "—";
    switch (d.kind) {
        case Kind::flag: return r.value.num ? (lang == Lang::en ? "Yes" : "是") : (lang == Lang::en ? "No" : "否");
        case Kind::rating: {
            const FigureDef* f = c.figure(d.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            int k = e ? e->rank(r.value_enum) : -1;
            return k >= 0 ? e->values[(size_t)k].name.get(lang) : r.value_enum;
        }
        case Kind::info: {
            if (r.raw.is_boolean()) return r.raw.get<bool>() ? (lang == Lang::en ? "Yes" : "是") : (lang == Lang::en ? "No" : "否");
            if (r.raw.is_string()) return r.raw.get<std::string>();
            return with_unit(plain(r.value), d.value_unit, lang);
        }
        default: {
            int dec = display_decimals(d.kind);
            if (d.kind == Kind::score) dec = std::max(dec, std::min(decimals_of(r.target), 3));
            if (d.kind == Kind::ratio || d.kind == Kind::density) dec = std::max(dec, std::min(decimals_of(r.target), 4));
            bool below = r.has_target && compare(r.value, r.target) < 0;
            return with_unit(shown_against(r.value, dec, below), d.value_unit, lang);
        }
    }
}

std::string display_target(const Catalog& c, const IndicatorResult& r, Lang lang) {
    const IndicatorDef& d = *r.def;
    if (r.contribution)
        return lang == Lang::en ? "city-wide " + counted(r.city_target, d.value_unit, lang) + " (not split by county)"
                                : "全市 " + counted(r.city_target, d.value_unit, lang) + "（不分配到县）";
    switch (d.kind) {
        case Kind::flag: return lang == Lang::en ? "Yes" : "是";
        case Kind::info: return "—";
        case Kind::ratio_all: return "= 100 %";
        case Kind::rating: {
            const FigureDef* f = c.figure(d.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            int k = e ? e->rank(d.target_enum) : -1;
            return "≥ " + (k >= 0 ? e->values[(size_t)k].name.get(lang) : d.target_enum);
        }
        default: {
            std::string s = "≥ " + with_unit(plain(r.target), d.value_unit, lang);
            if (r.quota)
                s += lang == Lang::en ? " (quota; city " + plain(r.city_target) + ")" : "（配额，全市 " + plain(r.city_target) + "）";
            return s;
        }
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Roll-up
//-------------------------------------------------------------------------------------------------

bool rollup(const Catalog& c, const std::vector<Assessment>& counties, Rollup& out, std::vector<Problem>& problems,
            const std::vector<std::string>& sources) {
    size_t before = problems.size();
    auto fail = [&](const std::string& key, const std::string& code, const std::string& zh, const std::string& en) {
        problems.push_back(Problem{Severity::error, key, code, Text{zh, en}});
    };
    if (counties.empty()) {
        fail("files", "no_input", "没有可汇总的县级评估", "no county assessments to roll up");
        return false;
    }
    std::map<std::string, size_t> seen_units;  // the unit as the catalog resolves it → its first assessment
    auto source = [&](size_t i) {
        if (i < sources.size() && !sources[i].empty()) return Text{sources[i], sources[i]};
        return Text{"第 " + std::to_string(i + 1) + " 个评估", "assessment " + std::to_string(i + 1)};
    };
    for (size_t i = 0; i < counties.size(); ++i) {
        const Assessment& a = counties[i];
        std::string who = a.unit.empty() ? "?" : a.unit;
        if (a.catalog != c.id)
            fail(who, "mixed_catalog", who + "：指标目录为 “" + a.catalog + "”，与 “" + c.id + "” 不同",
                 who + ": uses catalog '" + a.catalog + "', not '" + c.id + "'");
        if (a.profile != Profile::county)
            fail(who, "not_county", who + "：是企业评估，只能汇总县级评估", who + ": is an enterprise assessment; only county assessments roll up");
        if (a.year != counties.front().year)
            fail(who, "mixed_year", who + "：年份 " + std::to_string(a.year) + " 与 " + counties.front().unit + " 的 " + std::to_string(counties.front().year) + " 不同",
                 who + ": year " + std::to_string(a.year) + " differs from " + counties.front().unit + "'s " + std::to_string(counties.front().year));
        if (a.settings.city())
            fail(who, "already_city", who + "：已是全市汇总，不能再次汇总", who + ": is already a city roll-up");
        const UnitDef* u = c.find_unit(a.unit);
        std::string unit = u ? u->name.zh : trim_spaces(a.unit);
        if (auto [it, fresh] = seen_units.emplace(unit, i); !fresh) {
            Text first = source(it->second), second = source(i);
            fail(who, "duplicate_unit", unit + "：同一单位出现了两次（" + first.zh + " 与 " + second.zh + "），只能汇总一次",
                 unit + ": the same unit appears twice (" + first.en + " and " + second.en + "); it can be rolled up once only");
        }
        for (const Problem& p : validate(c, a))
            if (p.severity == Severity::error)
                fail(who + "/" + p.key, p.code, who + "：" + p.message.zh, who + ": " + p.message.en);
    }
    if (problems.size() != before) return false;

    Rollup r;
    r.city.catalog = c.id;
    r.city.profile = Profile::county;
    r.city.unit = c.city.zh;
    r.city.year = counties.front().year;
    for (const Assessment& a : counties) r.units.push_back(a.unit);
    r.units_expected = (int)c.units.size();
    r.city.settings.scope = AssessmentSettings::Scope::city;
    r.city.settings.units_included = r.units_included();
    r.city.settings.units_expected = r.units_expected;

    for (const FigureDef& f : c.figures) {
        if (f.profile != Profile::county || f.rollup == RollupRule::none) continue;
        std::vector<std::string> lacking;
        for (const Assessment& a : counties)
            if (!a.get(f.key)) lacking.push_back(a.unit);
        if (!lacking.empty()) {
            r.missing[f.key] = lacking;
            r.city.figures[f.key] = FigureValue{};
            continue;
        }
        switch (f.rollup) {
            case RollupRule::sum: {
                // In 128 bits: each count is at most kMaxCount, but nothing bounds how many files.
                __int128 sum = 0;
                for (const Assessment& a : counties) sum += as_rational(*a.get(f.key)).num;
                r.city.figures[f.key] = sum <= INT64_MAX ? FigureValue::integer((int64_t)sum) : FigureValue::real((double)sum);
                break;
            }
            case RollupRule::all: {
                bool all = true;
                for (const Assessment& a : counties) all = all && a.get(f.key)->b;
                r.city.figures[f.key] = FigureValue::boolean(all);
                break;
            }
            case RollupRule::weighted_mean: {
                bool weighted = true;
                for (const Assessment& a : counties) {
                    const FigureValue* w = a.get(f.rollup_weight);
                    if (!w || as_rational(*w).num <= 0) weighted = false;
                }
                // Σ sᵢ·wᵢ / Σ wᵢ (or a plain mean), in exact rationals via long double at the end:
                // the result is a score, shown to one decimal, not a count.
                long double num = 0, den = 0;
                for (const Assessment& a : counties) {
                    long double s = (long double)as_rational(*a.get(f.key)).to_double();
                    long double w = weighted ? (long double)as_rational(*a.get(f.rollup_weight)).num : 1.0L;
                    num += s * w;
                    den += w;
                }
                r.weighted_satisfaction = weighted;
                double mean = (double)(num / den);
                r.city.figures[f.key] = FigureValue::real(std::round(mean * 1e6) / 1e6);
                break;
            }
            default: break;
        }
    }
    out = std::move(r);
    return true;
}

Text units_included_text(int included, int expected) {
    std::string n = std::to_string(included), m = std::to_string(expected);
    return Text{"纳入 " + n + "/" + m + " 个县（市、区）", n + " of " + m + " county-level units included"};
}

Text provisional_mark() { return Text{"（暂定）", " (provisional)"}; }

Text provisional_note(int included, int expected) {
    int missing = std::max(0, expected - included);
    Text t{"（暂定）：尚有 {n} 个县（市、区）未纳入汇总，这些结果按已纳入单位的合计得出，全部纳入后可能改变。",
           "(provisional): {n} county-level units are not in the roll-up yet; these results are judged on the sums "
           "of the units included and may change when all are in.",
           "(provisional): {n} county-level unit is not in the roll-up yet; these results are judged on the sums "
           "of the units included and may change when all are in."};
    return format_count(t, std::to_string(missing));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] JSON output
//-------------------------------------------------------------------------------------------------

Json problem_to_json(const Problem& p, Lang lang) {
    return Json{{"severity", p.severity == Severity::error ? "error" : "warning"},
                {"key", p.key},
                {"code", p.code},
                {"message", p.message.get(lang)}};
}


// Members in key order (JsonWriter): the order nlohmann's std::map gave them.
static void write_indicator(JsonWriter& w, const Catalog& c, const Assessment& a, const Evaluation& e, const IndicatorResult& r, Lang lang) {
    const IndicatorDef& d = *r.def;
    w.begin_object();
    if (r.quota || r.contribution) w.key("city_target").number(r.city_target);
    w.key("clause").string(d.clause);
    if (r.contribution) {
        w.key("contribution").boolean(true);
        w.key("contribution_text").string(r.contribution_text.get(lang));
    }
    // Only in files that record evidence, so the output of older files stays as it was.
    if (const Evidence* ev = evidence_of(a, d.id)) {
        Json j = ev->to_json();
        j["status_text"] = evidence_status_text(ev->status).get(lang);
        w.key("evidence").value(j);
    }
    w.key("group").string(d.group);
    w.key("id").string(d.id);
    w.key("invalid_figures").strings(r.invalid_figures);
    w.key("kind").string(kind_id(d.kind));
    w.key("missing_figures").strings(r.missing_figures);
    w.key("name").string(d.name.get(lang));
    if (e.city) w.key("provisional").boolean(r.provisional);
    if (r.quota) w.key("quota").boolean(true);
    w.key("reason").string(r.reason.get(lang));
    if (r.has_shortfall) w.key("shortfall").number(r.shortfall);
    else w.key("shortfall").null();
    w.key("shortfall_text").string(r.shortfall_text.get(lang));
    w.key("status").string(status_id(r.status));
    w.key("status_text").string(status_text(r.status).get(lang));
    w.key("target");
    if (d.kind == Kind::flag) w.boolean(true);
    else if (d.kind == Kind::rating) w.string(d.target_enum);
    else if (r.has_target) w.number(r.target);
    else w.null();
    w.key("target_display").string(display_target(c, r, lang));
    w.key("unit").string(d.value_unit.get(lang));
    w.key("value");
    if (!r.has_value) w.null();
    else if (d.kind == Kind::flag) w.boolean(r.value.num != 0);
    else if (d.kind == Kind::rating) w.string(r.value_enum);
    else if (d.kind == Kind::info) w.value(r.raw);
    else w.number(r.value);
    w.key("value_display").string(display_value(c, r, lang));
    w.end_object();
}

void write_evaluation_members(JsonWriter& w, const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang) {
    w.key("unit").string(a.unit);
    w.key("year").number(a.year);
    w.key("profile").string(profile_id(a.profile));
    w.key("catalog").string(c.id);
    w.key("scope").string(e.city ? "city" : "unit");
    w.key("indicators").begin_array();
    for (const IndicatorResult& r : e.results) write_indicator(w, c, a, e, r, lang);
    w.end_array();
    const Summary& s = e.summary;
    Json summary{{"met", s.met}, {"not_met", s.not_met}, {"missing", s.missing}, {"not_applicable", s.not_applicable},
                 {"info", s.info}, {"invalid", s.invalid}, {"completeness", s.completeness()}};
    if (!a.evidence.empty())
        summary["evidence"] = Json{{"provided", s.evidence_provided}, {"expected", s.evidence_expected},
                                   {"text", evidence_count_text(s).get(lang)}};
    w.key("summary").value(summary);
    Json problems = Json::array();
    for (const Problem& p : e.problems) problems.push_back(problem_to_json(p, lang));
    w.key("problems").value(problems);
    if (e.city && e.units_expected > 0) {
        w.key("units_included").number(e.units_included);
        w.key("units_expected").number(e.units_expected);
        w.key("provisional").boolean(e.partial());
    }
}

Json evaluation_to_json(const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang) {
    std::string text;
    JsonWriter w(text);
    w.begin_object(true);
    write_evaluation_members(w, c, a, e, lang);
    w.end_object();
    return Json::parse(text);
}

}  // namespace qcity
