// qcity core — basics (texts, exact rationals) and the catalog loader.
//
// Index of this file
// [SECTION] Texts and languages
// [SECTION] Rationals
// [SECTION] Catalog lookups
// [SECTION] Derived figures (one fact asked once)
// [SECTION] Catalog loader (checks the catalog itself and reports problems by id)
// [SECTION] Built-in catalogs
// [SECTION] The interface's strings (UiStrings)

#include "core_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Texts and languages
//-------------------------------------------------------------------------------------------------

void stable_order(std::vector<size_t>& order, const std::function<bool(size_t, size_t)>& less) {
    std::stable_sort(order.begin(), order.end(), [&less](size_t x, size_t y) { return less(x, y); });
}

std::vector<size_t> stable_order(size_t n, const std::function<bool(size_t, size_t)>& less) {
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    stable_order(order, less);
    return order;
}

const Json& json_member(const Json& obj, const char* key) {
    static const Json null;
    if (!obj.is_object()) return null;
    auto it = obj.find(key);
    return it == obj.end() ? null : *it;
}

std::string json_string(const Json& obj, const char* key, std::string_view dflt) {
    const Json& m = json_member(obj, key);
    return m.is_string() ? m.get<std::string>() : std::string(dflt);
}

const Json& json_array(const Json& obj, const char* key) {
    static const Json empty = Json::array();
    const Json& m = json_member(obj, key);
    return m.is_array() ? m : empty;
}

const Json& json_object(const Json& obj, const char* key) {
    static const Json empty = Json::object();
    const Json& m = json_member(obj, key);
    return m.is_object() ? m : empty;
}

std::optional<Lang> parse_lang(std::string_view s) {
    if (s.substr(0, 2) == "zh") return Lang::zh;
    if (s.substr(0, 2) == "en") return Lang::en;
    return std::nullopt;
}

std::string format_string(std::string s, const std::vector<std::pair<std::string, std::string>>& args) {
    for (const auto& [name, value] : args) {
        const std::string token = "{" + name + "}";
        for (size_t pos = 0; (pos = s.find(token, pos)) != std::string::npos; pos += value.size()) s.replace(pos, token.size(), value);
    }
    return s;
}

Text format_text(Text t, const std::vector<std::pair<std::string, std::string>>& args) {
    return Text{format_string(std::move(t.zh), args), format_string(std::move(t.en), args),
                format_string(std::move(t.en_one), args)};
}

Plural plural_category(Lang lang, std::string_view number_text) {
    // CLDR English: `one` when i = 1 and v = 0 — the absolute integer part is 1 and no fraction
    // digits are shown ("1", "-1"; not "1.0" or "1.5").
    if (lang != Lang::en) return Plural::other;
    std::string_view s = number_text;
    for (std::string_view sign : {"+", "-", "\u2212"})
        if (s.substr(0, sign.size()) == sign) { s.remove_prefix(sign.size()); break; }
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    return s == "1" ? Plural::one : Plural::other;
}

Plural plural_category(Lang lang, int64_t n) { return lang == Lang::en && (n == 1 || n == -1) ? Plural::one : Plural::other; }

Text format_count(const Text& t, std::string_view count, const std::vector<std::pair<std::string, std::string>>& args) {
    std::vector<std::pair<std::string, std::string>> all{{"n", std::string(count)}};
    all.insert(all.end(), args.begin(), args.end());
    return format_text(t.for_count(count), all);
}

bool text_from_json(const Json& j, Text& out, std::string& why) {
    if (!j.is_object()) { why = "must be a {zh, en} object"; return false; }
    Text t;
    for (const char* lang : {"zh", "en"}) {
        const bool en = std::string_view(lang) == "en";
        auto l = j.find(lang);
        if (l == j.end()) { why = std::string("lacks its '") + lang + "' text"; return false; }
        if (l->is_string()) {
            (en ? t.en : t.zh) = l->get<std::string>();
            continue;
        }
        if (!l->is_object()) { why = std::string("'") + lang + "' must be a string or plural forms {\"one\", \"other\"}"; return false; }
        for (const auto& [cat, form] : l->items()) {
            const bool known = cat == "other" || (en && cat == "one");
            if (!known) {
                why = std::string("'") + lang + "' has no plural category '" + cat + "' (CLDR: " +
                      (en ? "one, other" : "other only") + ")";
                return false;
            }
            if (!form.is_string()) { why = std::string("'") + lang + "." + cat + "' must be a string"; return false; }
        }
        auto other = l->find("other");
        if (other == l->end()) { why = std::string("'") + lang + "' plural forms lack 'other'"; return false; }
        (en ? t.en : t.zh) = other->get<std::string>();
        if (en && l->contains("one")) t.en_one = (*l)["one"].get<std::string>();
    }
    out = std::move(t);
    return true;
}

const char* profile_id(Profile p) { return p == Profile::enterprise ? "enterprise" : "county"; }

std::optional<Profile> parse_profile(std::string_view s) {
    if (s == "county") return Profile::county;
    if (s == "enterprise") return Profile::enterprise;
    return std::nullopt;
}

const char* kind_id(Kind k) {
    switch (k) {
        case Kind::ratio: return "ratio";
        case Kind::ratio_all: return "ratio_all";
        case Kind::density: return "density";
        case Kind::count: return "count";
        case Kind::score: return "score";
        case Kind::flag: return "flag";
        case Kind::rating: return "rating";
        case Kind::info: return "info";
    }
    return "info";
}

static std::optional<Kind> parse_kind(std::string_view s) {
    for (Kind k : {Kind::ratio, Kind::ratio_all, Kind::density, Kind::count, Kind::score, Kind::flag,
                   Kind::rating, Kind::info})
        if (s == kind_id(k)) return k;
    return std::nullopt;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Rationals
//-------------------------------------------------------------------------------------------------

static __int128 gcd128(__int128 a, __int128 b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) { __int128 t = a % b; a = b; b = t; }
    return a;
}

Rational Rational::of(int64_t n, int64_t d) {
    if (d < 0) { n = -n; d = -d; }
    if (d == 0) return Rational{0, 1};  // callers never divide by zero; keep it defined anyway
    int64_t g = (int64_t)gcd128(n, d);
    if (g > 1) { n /= g; d /= g; }
    return Rational{n, d};
}

int compare(const Rational& a, const Rational& b) {
    __int128 l = (__int128)a.num * b.den, r = (__int128)b.num * a.den;
    return l < r ? -1 : (l > r ? 1 : 0);
}

Rational difference(const Rational& a, const Rational& b) {
    __int128 n = (__int128)a.num * b.den - (__int128)b.num * a.den;
    __int128 d = (__int128)a.den * b.den;
    __int128 g = gcd128(n, d);
    if (g > 1) { n /= g; d /= g; }
    // Only for absurd denominators (validated figures never get here): drop low bits of both.
    while (d > INT64_MAX || n > INT64_MAX || n < -(__int128)INT64_MAX) { n /= 2; d /= 2; }
    return Rational::of((int64_t)n, (int64_t)std::max<__int128>(d, 1));
}

int64_t floor_div(__int128 n, __int128 d) {
    if (d < 0) { n = -n; d = -d; }
    __int128 q = n / d;
    if ((n % d != 0) && (n < 0)) q -= 1;
    return (int64_t)q;
}

int64_t ceil_div(__int128 n, __int128 d) {
    if (d < 0) { n = -n; d = -d; }
    __int128 q = n / d;
    if ((n % d != 0) && (n > 0)) q += 1;
    return (int64_t)q;
}

std::optional<Rational> parse_decimal(std::string_view s) {
    size_t i = 0;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) { neg = s[i] == '-'; ++i; }
    __int128 mant = 0;
    int frac = 0, digits = 0;
    bool dot = false, any_digit = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            any_digit = true;
            if (digits < 30) { mant = mant * 10 + (c - '0'); if (mant != 0) ++digits; if (dot) ++frac; }
            else if (!dot) return std::nullopt;  // too large
            // digits beyond 30 after the point are dropped (only doubles' tails get here)
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    int exp = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool eneg = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) { eneg = s[i] == '-'; ++i; }
        if (i >= s.size()) return std::nullopt;
        int e = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) { e = e * 10 + (s[i] - '0'); if (e > 400) return std::nullopt; }
        exp = eneg ? -e : e;
    }
    if (i != s.size() || !any_digit) return std::nullopt;  // "-", ".", "e5": no digits, no number
    int scale = frac - exp;  // value = mant / 10^scale
    const __int128 limit = (__int128)INT64_MAX;
    __int128 den = 1;
    while (scale > 0) {
        if (den > limit / 10) {
            // more precision than we keep: drop trailing digits of the mantissa (rounding toward zero)
            mant /= 10;
        } else {
            den *= 10;
        }
        --scale;
    }
    while (scale < 0) {
        if (mant > limit / 10) return std::nullopt;
        mant *= 10;
        ++scale;
    }
    if (mant > limit) return std::nullopt;
    // reduce in 128 bits before narrowing
    __int128 g = gcd128(mant, den);
    if (g > 1) { mant /= g; den /= g; }
    if (den > limit) return std::nullopt;
    return Rational::of(neg ? -(int64_t)mant : (int64_t)mant, (int64_t)den);
}

std::optional<Rational> rational_from_double(double v) {
    if (!std::isfinite(v)) return std::nullopt;
    // nlohmann/json prints the shortest decimal that reads back as the same double.
    return parse_decimal(Json(v).dump());
}

std::optional<Rational> json_rational(const Json& j) {
    if (j.is_number_float()) return rational_from_double(j.get<double>());
    if (j.is_number()) return parse_decimal(j.dump());
    return std::nullopt;
}

std::string format_rational(const Rational& v, int decimals, Round dir) {
    __int128 scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    __int128 n = (__int128)v.num * scale, d = v.den;
    int64_t q;
    switch (dir) {
        case Round::down: q = floor_div(n, d); break;
        case Round::up: q = ceil_div(n, d); break;
        default: q = floor_div(2 * n + d, 2 * d); break;
    }
    bool neg = q < 0;
    unsigned long long a = neg ? (unsigned long long)(-(q + 1)) + 1ull : (unsigned long long)q;
    std::string digits = std::to_string(a);
    if (decimals > 0) {
        if ((int)digits.size() <= decimals) digits.insert(0, (size_t)(decimals + 1 - (int)digits.size()), '0');
        digits.insert(digits.size() - (size_t)decimals, ".");
    }
    return neg ? "-" + digits : digits;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Catalog lookups
//-------------------------------------------------------------------------------------------------

std::vector<std::string> IndicatorDef::inputs() const {
    std::vector<std::string> keys;
    if (!num.empty()) keys.push_back(num);
    if (!den.empty()) keys.push_back(den);
    if (!figure.empty()) keys.push_back(figure);
    return keys;
}

int EnumDef::rank(std::string_view value) const {
    for (size_t i = 0; i < values.size(); ++i)
        if (values[i].id == value) return (int)i;
    return -1;
}

template <typename T>
static const T* find_by(const std::vector<T>& v, std::string_view id, std::string T::*field) {
    for (const T& x : v)
        if (x.*field == id) return &x;
    return nullptr;
}

void Catalog::build_index() const {
    index_.figures.clear();
    index_.indicators.clear();
    for (size_t i = 0; i < figures.size(); ++i) index_.figures.emplace(std::string_view(figures[i].key), i);
    for (size_t i = 0; i < indicators.size(); ++i) index_.indicators.emplace(std::string_view(indicators[i].id), i);
}

const FigureDef* Catalog::figure(std::string_view key) const {
    if (index_.figures.size() != figures.size()) build_index();
    auto it = index_.figures.find(key);
    return it == index_.figures.end() ? nullptr : &figures[it->second];
}
const IndicatorDef* Catalog::indicator(std::string_view id) const {
    if (index_.indicators.size() != indicators.size()) build_index();
    auto it = index_.indicators.find(id);
    return it == index_.indicators.end() ? nullptr : &indicators[it->second];
}
const GroupDef* Catalog::group(std::string_view id) const { return find_by(groups, id, &GroupDef::id); }
const EnumDef* Catalog::enumeration(std::string_view id) const { return find_by(enums, id, &EnumDef::id); }
const DepartmentDef* Catalog::department(std::string_view id) const { return find_by(departments, id, &DepartmentDef::id); }

const UnitDef* Catalog::unit_by_name(std::string_view name) const {
    for (const UnitDef& u : units)
        if (u.name.zh == name || u.name.en == name || u.id == name) return &u;
    return nullptr;
}

std::string trim_spaces(std::string_view s) {
    auto space_at_start = [](std::string_view t) -> size_t {
        if (t.empty()) return 0;
        unsigned char c = (unsigned char)t[0];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
        if (t.size() >= 3 && t.compare(0, 3, "\xE3\x80\x80") == 0) return 3;  // U+3000
        if (t.size() >= 2 && t.compare(0, 2, "\xC2\xA0") == 0) return 2;      // U+00A0
        return 0;
    };
    auto space_at_end = [](std::string_view t) -> size_t {
        if (t.empty()) return 0;
        unsigned char c = (unsigned char)t.back();
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
        if (t.size() >= 3 && t.compare(t.size() - 3, 3, "\xE3\x80\x80") == 0) return 3;
        if (t.size() >= 2 && t.compare(t.size() - 2, 2, "\xC2\xA0") == 0) return 2;
        return 0;
    };
    while (size_t n = space_at_start(s)) s.remove_prefix(n);
    while (size_t n = space_at_end(s)) s.remove_suffix(n);
    return std::string(s);
}

const UnitDef* Catalog::find_unit(std::string_view typed) const {
    std::string name = trim_spaces(typed);
    if (name.empty()) return nullptr;
    for (const UnitDef& u : units) {
        if (u.name.zh == name || u.name.en == name || u.id == name) return &u;
        for (const std::string& alias : u.aliases)
            if (alias == name) return &u;
    }
    return nullptr;
}

std::optional<Problem> check_unit(const Catalog& c, Profile p, std::string& unit) {
    std::string trimmed = trim_spaces(unit);
    if (p != Profile::county || trimmed.empty()) {
        unit = std::move(trimmed);
        return std::nullopt;
    }
    if (const UnitDef* u = c.find_unit(trimmed)) {
        unit = u->name.zh;
        return std::nullopt;
    }
    if (trimmed == c.city.zh || trimmed == c.city.en) {  // a city roll-up (rollup() names it so)
        unit = c.city.zh;
        return std::nullopt;
    }
    Text list;
    for (const UnitDef& u : c.units) {
        list.zh += (list.zh.empty() ? "" : "、") + u.name.zh;
        list.en += (list.en.empty() ? "" : ", ") + u.name.en;
    }
    return Problem{Severity::error, "unit", "unit_unknown",
                   Text{"“" + trimmed + "”不是本目录的县级单位，应为以下之一：" + list.zh,
                        "“" + trimmed + "” is not a county-level unit of this catalog; it must be one of: " + list.en}};
}

std::string unit_display_name(const Catalog& c, Profile p, const std::string& unit, Lang lang) {
    if (p != Profile::county) return unit;
    if (const UnitDef* u = c.find_unit(unit)) return u->name.get(lang);
    if (unit == c.city.zh || unit == c.city.en) return c.city.get(lang);
    return unit;
}

const std::vector<std::string>& Catalog::entry_order(Profile p) const { return entry_order_[p == Profile::enterprise ? 1 : 0]; }
const std::vector<size_t>& Catalog::entry_index(Profile p) const { return entry_index_[p == Profile::enterprise ? 1 : 0]; }

void Catalog::reindex() {
    build_index();
    auto pos = [&](const std::string& key) -> int {
        const FigureDef* f = figure(key);
        return f ? (int)(f - figures.data()) : -1;
    };
    for (size_t i = 0; i < figures.size(); ++i) {
        figures[i].index = i;
        figures[i].derived_from_index = figures[i].derived() ? pos(figures[i].derived_from) : -1;
    }
    for (IndicatorDef& ind : indicators) {
        ind.input_index.clear();
        for (const std::string& k : ind.inputs()) ind.input_index.push_back(pos(k));
        ind.applies_index = ind.applies_when ? pos(ind.applies_when->figure) : -1;
        ind.target_when_index.clear();
        for (const auto& tw : ind.target_when) ind.target_when_index.push_back(pos(tw.first.figure));
    }
    for (Profile p : {Profile::county, Profile::enterprise}) {
        std::vector<std::string>& keys = entry_order_[p == Profile::enterprise ? 1 : 0];
        keys.clear();
        std::set<std::string> seen;
        auto add = [&](const std::string& k) {
            // A derived figure's source first: the form asks the source where the figure is read.
            if (const FigureDef* f = figure(k); f && f->derived() && seen.insert(f->derived_from).second)
                keys.push_back(f->derived_from);
            if (!k.empty() && seen.insert(k).second) keys.push_back(k);
        };
        for (const GroupDef& g : groups) {
            if (g.profile != p) continue;
            for (const IndicatorDef& ind : indicators) {
                if (ind.profile != p || ind.group != g.id) continue;
                if (ind.applies_when) add(ind.applies_when->figure);
                for (const auto& tw : ind.target_when) add(tw.first.figure);
                for (const std::string& k : ind.inputs()) add(k);
            }
        }
        for (const FigureDef& f : figures)
            if (f.profile == p) add(f.key);
        std::vector<size_t>& idx = entry_index_[p == Profile::enterprise ? 1 : 0];
        idx.clear();
        for (const std::string& k : keys) idx.push_back((size_t)pos(k));
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Derived figures (one fact asked once)
//-------------------------------------------------------------------------------------------------
// "Performance excellence adopted" (an indicator's yes/no) and "years practising performance
// excellence" (an award gate's count) are one fact. The catalog marks the yes/no as derived from
// the count, so typing 2 years also answers the indicator, and the form asks only the years.

static const FigureDef* derived_source(const Catalog& c, const FigureDef& f) {
    if (!f.derived()) return nullptr;
    if (f.derived_from_index >= 0 && (size_t)f.derived_from_index < c.figures.size() &&
        c.figures[(size_t)f.derived_from_index].key == f.derived_from)
        return &c.figures[(size_t)f.derived_from_index];
    return c.figure(f.derived_from);
}

std::optional<FigureValue> derive_figure(const Catalog& c, const FigureDef& f, const FigureValue& source) {
    const FigureDef* s = derived_source(c, f);
    if (!s || source.absent() || check_figure_value(c, *s, source)) return std::nullopt;
    int64_t n = source.type == FigureValue::Type::integer ? source.i : (int64_t)source.r;
    return FigureValue::boolean(n >= f.derived_at_least);
}

const FigureDef& entered_figure(const Catalog& c, const FigureDef& f) {
    const FigureDef* s = derived_source(c, f);
    return s ? *s : f;
}

Text derived_figure_text(const Catalog& c, const FigureDef& f, const Assessment& a) {
    const FigureDef* s = derived_source(c, f);
    if (!s) return {};
    auto answer = [&](const FigureValue& v) { return Text{figure_input_text(c, f, v, Lang::zh), figure_input_text(c, f, v, Lang::en)}; };
    const FigureValue* sv = a.get(s->key);
    const FigureValue* own = a.get(f.key);
    if (sv && !sv->absent()) {
        if (auto d = derive_figure(c, f, *sv)) {
            // "由实施卓越绩效管理年限（2 年）得出" — the count shown with its unit's form.
            std::string n = figure_input_text(c, *s, *sv, Lang::en);
            Text unit = s->unit.for_count(n);
            Text v = answer(*d);
            return Text{f.name.zh + "：" + v.zh + "（由" + s->name.zh + " " + n + " " + unit.zh + "得出）",
                        f.name.en + ": " + v.en + " (from " + s->name.en + ": " + n + " " + unit.en + ")"};
        }
        return Text{f.name.zh + "：待“" + s->name.zh + "”填写正确后得出", f.name.en + ": follows once '" + s->name.en + "' is valid"};
    }
    if (own && !own->absent()) {
        Text v = answer(*own);
        return Text{f.name.zh + "：" + v.zh + "（文件中填写；填写“" + s->name.zh + "”后以其为准）",
                    f.name.en + ": " + v.en + " (as given in the file; once '" + s->name.en + "' is filled in, it decides)"};
    }
    return Text{f.name.zh + "：由“" + s->name.zh + "”得出", f.name.en + ": follows from '" + s->name.en + "'"};
}

std::vector<Problem> detail::derived_problems(const Catalog& c, const Assessment& a, const detail::FigureTable& t) {
    // A file that carries both (an older file, then the years typed in) and disagrees: the source
    // decides, and the user is told, without losing the file's value.
    std::vector<Problem> out;
    for (size_t i = 0; i < c.figures.size(); ++i) {
        if (!t.is_derived(i)) continue;
        const FigureDef& f = c.figures[i];
        const FigureValue* own = a.get(f.key);
        const FigureDef* s = derived_source(c, f);
        const FigureValue* sv = s ? a.get(s->key) : nullptr;
        if (!own || own->absent() || !s || !sv) continue;
        auto d = derive_figure(c, f, *sv);
        if (!d || *own == *d) continue;
        std::string n = figure_input_text(c, *s, *sv, Lang::en);
        Text unit = s->unit.for_count(n);
        out.push_back(Problem{Severity::warning, f.key, "derived_overridden",
                              Text{f.name.zh + "：文件中为“" + figure_input_text(c, f, *own, Lang::zh) + "”，已按" + s->name.zh + "（" + n + " " +
                                       unit.zh + "）取“" + figure_input_text(c, f, *d, Lang::zh) + "”",
                                   f.name.en + ": the file says '" + figure_input_text(c, f, *own, Lang::en) + "'; taken as '" +
                                       figure_input_text(c, f, *d, Lang::en) + "' from " + s->name.en + " (" + n + " " + unit.en + ")"}});
    }
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Catalog loader
//-------------------------------------------------------------------------------------------------


// "plausible_change" (issue 16): {"factor": n, "at_least": m} (n > 1), {"percent": p} or {"points": p}
// (p > 0), or false (never flagged). nullopt after recording the problem when it is none of these.
static std::optional<PlausibleChange> read_plausible_change(const Json& j, const std::string& where, detail::DataReader& rd) {
    PlausibleChange out;
    if (j.is_boolean() && !j.get<bool>()) return out;   // Rule::none
    auto bad = [&]() -> std::optional<PlausibleChange> {
        rd.fail(where, "plausible_change 应为 {\"factor\": 大于 1 的数, \"at_least\": 非负整数}、{\"percent\": 正数}、{\"points\": 正数} 或 false",
                "'plausible_change' must be {\"factor\": a number above 1, \"at_least\": a whole number >= 0}, {\"percent\": a positive number}, "
                "{\"points\": a positive number} or false");
        return std::nullopt;
    };
    if (!j.is_object() || j.empty()) return bad();
    for (const auto& [member, v] : j.items()) {
        if (member == "at_least") {
            if (!v.is_number_integer() || v.get<int64_t>() < 0) return bad();
            out.at_least = v.get<int64_t>();
            continue;
        }
        PlausibleChange::Rule rule = member == "factor" ? PlausibleChange::Rule::factor : member == "percent" ? PlausibleChange::Rule::percent
                                   : member == "points" ? PlausibleChange::Rule::points : PlausibleChange::Rule::none;
        std::optional<Rational> amount = json_rational(v);
        if (rule == PlausibleChange::Rule::none || out.rule != PlausibleChange::Rule::none || !amount || amount->num <= 0 ||
            amount->den > 1000000 || amount->num > 1000000000)
            return bad();
        if (rule == PlausibleChange::Rule::factor && compare(*amount, Rational::of(1)) <= 0) return bad();
        out.rule = rule;
        out.amount = *amount;
    }
    if (out.rule == PlausibleChange::Rule::none || (out.at_least != 0 && out.rule != PlausibleChange::Rule::factor)) return bad();
    return out;
}

// The head of a catalog: what a person sees of it before any assessment (its name, years, city and
// units: the start screen's form), read from the catalog's document into `c` (load_catalog, and
// load_catalog_head for the web build's first frame).
static void read_catalog_head(const Json& doc, Catalog& c, detail::DataReader& rd) {
    if (json_string(doc, "schema") != "qcity.catalog/1")
        rd.fail("schema", "应为 qcity.catalog/1", "must be 'qcity.catalog/1'");
    c.id = rd.str(doc, "id", "id");
    c.name = rd.text(doc, "name", "name");
    c.city = rd.text(doc, "city", "city");
    if (doc.contains("source") && doc["source"].is_object()) {
        const Json& s = doc["source"];
        c.source_title = rd.text(s, "title", "source");
        c.source_issuer = rd.text(s, "issuer", "source");
        c.source_date = rd.str(s, "date", "source");
    } else {
        rd.fail("source", "缺少政策来源", "missing the policy source");
    }

    // The years assessments may be for: optional, 2000–2100 when absent.
    if (auto y = doc.find("years"); y != doc.end()) {
        const Json& from = json_member(*y, "from");
        const Json& to = json_member(*y, "to");
        bool whole = from.is_number_integer() && to.is_number_integer();
        if (!whole || from.get<int64_t>() < 1900 || to.get<int64_t>() > 2200 || from.get<int64_t>() > to.get<int64_t>())
            rd.fail("years", "应为 {\"from\": 起始年份, \"to\": 截止年份}，1900–2200 之间且 from ≤ to",
                    "must be {\"from\": first year, \"to\": last year}, within 1900–2200 and from ≤ to");
        else {
            c.year_min = (int)from.get<int64_t>();
            c.year_max = (int)to.get<int64_t>();
        }
    }

    // Plausible year-over-year change per figure type (issue 16), optional.
    if (auto pc = doc.find("plausible_change"); pc != doc.end()) {
        if (!pc->is_object()) rd.fail("plausible_change", "应为 {\"count\": …, \"score\": …}", "must be {\"count\": …, \"score\": …}");
        else
            for (const auto& [type, v] : pc->items()) {
                int t = type == "count" ? (int)FigureType::count : type == "score" ? (int)FigureType::score
                      : type == "bool" ? (int)FigureType::boolean : type == "enum" ? (int)FigureType::enumeration : -1;
                if (t < 0) { rd.fail("plausible_change", "未知的数据项类型 “" + type + "”", "unknown figure type '" + type + "'"); continue; }
                if (auto rule = read_plausible_change(v, "plausible_change." + type, rd)) c.plausible_default[t] = *rule;
            }
    }

    std::set<std::string> unit_ids;
    for (const Json& u : json_array(doc, "units")) {
        UnitDef ud;
        ud.id = rd.str(u, "id", "units");
        ud.name = rd.text(u, "name", "units/" + ud.id);
        if (!unit_ids.insert(ud.id).second) rd.fail("units/" + ud.id, "重复的单位", "duplicate unit");
        for (const Json& alias : json_array(u, "aliases")) {
            if (!alias.is_string() || trim_spaces(alias.get<std::string>()).empty())
                rd.fail("units/" + ud.id + "/aliases", "别名应为非空文本", "an alias must be non-empty text");
            else
                ud.aliases.push_back(trim_spaces(alias.get<std::string>()));
        }
        c.units.push_back(ud);
    }
    if (c.units.empty()) rd.fail("units", "至少需要一个县级单位", "at least one county-level unit is needed");
    // Every name and alias stands for one unit only ("东台" cannot be two counties).
    std::map<std::string, std::string> named;  // name → unit id
    for (const UnitDef& u : c.units)
        for (const std::string& n : std::vector<std::string>{u.id, u.name.zh, u.name.en}) named.emplace(n, u.id);
    for (const UnitDef& u : c.units)
        for (const std::string& alias : u.aliases)
            if (auto [it, fresh] = named.emplace(alias, u.id); !fresh && it->second != u.id)
                rd.fail("units/" + u.id + "/aliases", "别名“" + alias + "”已是单位 " + it->second + " 的名称或别名",
                        "alias '" + alias + "' already names unit " + it->second);
}

// A catalog's text as a JSON object, or why not (in `problems`).
static bool parse_catalog_document(std::string_view json_text, Json& doc, std::vector<Problem>& problems) {
    Problem why;
    if (!parse_json_document(json_text, doc, why)) {  // depth-limited: a catalog may come from anyone
        problems.push_back(Problem{Severity::error, "catalog", "catalog_json",
                                   Text{"目录文件不是有效的 JSON 对象：" + why.message.zh, "the catalog is not a valid JSON object: " + why.message.en}});
        return false;
    }
    if (!doc.is_object()) {
        problems.push_back(Problem{Severity::error, "catalog", "catalog_json",
                                   Text{"目录文件不是有效的 JSON 对象", "the catalog is not a valid JSON object"}});
        return false;
    }
    return true;
}

// The rest of a catalog after its head: departments, enums, groups, figures, indicators and
// constraints, each checked against the others.
static void read_catalog_body(const Json& doc, Catalog& c, detail::DataReader& rd) {
    // Departments (optional): who supplies each county figure.
    std::set<std::string> department_ids;
    for (const Json& d : json_array(doc, "departments")) {
        DepartmentDef dd;
        dd.id = rd.str(d, "id", "departments");
        dd.name = rd.text(d, "name", "departments/" + dd.id);
        if (!dd.id.empty() && !department_ids.insert(dd.id).second) rd.fail("departments/" + dd.id, "重复的部门", "duplicate department");
        c.departments.push_back(dd);
    }
    if (doc.contains("department_notes")) c.department_notes = rd.text(doc, "department_notes", "department_notes");

    const Json& enums = json_object(doc, "enums");
    for (auto& [id, e] : enums.items()) {
        EnumDef ed;
        ed.id = id;
        std::set<std::string> vals;
        for (const Json& v : json_array(e, "values")) {
            EnumValue ev{rd.str(v, "id", "enums/" + id), rd.text(v, "name", "enums/" + id)};
            if (!vals.insert(ev.id).second) rd.fail("enums/" + id, "重复的取值 " + ev.id, "duplicate value '" + ev.id + "'");
            ed.values.push_back(ev);
        }
        if (ed.values.empty()) rd.fail("enums/" + id, "没有取值", "has no values");
        c.enums.push_back(ed);
    }

    std::set<std::string> group_ids;
    for (const Json& g : json_array(doc, "groups")) {
        GroupDef gd;
        gd.id = rd.str(g, "id", "groups");
        std::string where = "groups/" + gd.id;
        if (auto p = rd.profile(g, where)) gd.profile = *p;
        gd.name = rd.text(g, "name", where);
        gd.clause = rd.str(g, "clause", where, false);
        if (!group_ids.insert(gd.id).second) rd.fail(where, "重复的分组", "duplicate group");
        c.groups.push_back(gd);
    }

    std::set<std::string> figure_keys;
    for (const Json& f : json_array(doc, "figures")) {
        FigureDef fd;
        fd.key = rd.str(f, "key", "figures");
        std::string where = fd.key;
        if (!figure_keys.insert(fd.key).second) rd.fail(where, "重复的数据项", "duplicate figure key");
        if (auto p = rd.profile(f, where)) fd.profile = *p;
        std::string type = rd.str(f, "type", where);
        if (type == "count") fd.type = FigureType::count;
        else if (type == "score") fd.type = FigureType::score;
        else if (type == "bool") fd.type = FigureType::boolean;
        else if (type == "enum") fd.type = FigureType::enumeration;
        else if (!type.empty()) rd.fail(where, "未知的类型 “" + type + "”", "unknown type '" + type + "'");
        if (fd.type == FigureType::enumeration) {
            fd.enum_id = rd.str(f, "enum", where);
            if (!fd.enum_id.empty() && !c.enumeration(fd.enum_id))
                rd.fail(where, "未声明的枚举 " + fd.enum_id, "undeclared enum '" + fd.enum_id + "'");
        }
        if (f.contains("min")) {
            if (!f["min"].is_number_integer() || f["min"].get<int64_t>() < 0)
                rd.fail(where, "min 应为非负整数", "'min' must be a non-negative integer");
            else fd.min = f["min"].get<int64_t>();
        }
        bool no_unit = fd.type == FigureType::boolean || fd.type == FigureType::enumeration;
        fd.name = rd.text(f, "name", where);
        fd.unit = rd.text(f, "unit", where, no_unit);
        fd.help = rd.text(f, "help", where);
        std::string rollup = rd.str(f, "rollup", where);
        if (rollup == "none") fd.rollup = RollupRule::none;
        else if (rollup == "sum") fd.rollup = RollupRule::sum;
        else if (rollup == "all") fd.rollup = RollupRule::all;
        else if (rollup.rfind("weighted_mean:", 0) == 0) { fd.rollup = RollupRule::weighted_mean; fd.rollup_weight = rollup.substr(14); }
        else if (!rollup.empty()) rd.fail(where, "未知的汇总方式 “" + rollup + "”", "unknown rollup '" + rollup + "'");
        if (f.contains("derived")) {
            const Json& d = f["derived"];
            const Json& at_least = json_member(d, "at_least");
            if (!d.is_object() || !json_member(d, "from").is_string() || json_string(d, "from").empty()) {
                rd.fail(where, "derived 应为 {from, at_least}", "'derived' must be {from, at_least}");
            } else {
                fd.derived_from = json_string(d, "from");
                if (d.contains("at_least")) {
                    if ((!at_least.is_number_integer() && !at_least.is_number_unsigned()) || at_least.get<int64_t>() < 0)
                        rd.fail(where, "derived.at_least 应为非负整数", "'derived.at_least' must be a non-negative whole number");
                    else fd.derived_at_least = at_least.get<int64_t>();
                }
                for (const auto& [member, v] : d.items())
                    if (member != "from" && member != "at_least")
                        rd.fail(where, "derived 中未知的字段 “" + member + "”", "'derived' has an unknown member '" + member + "'");
            }
        }
        fd.department = rd.str(f, "department", where, false);
        fd.department_clause = rd.str(f, "department_clause", where, false);
        if (auto pc = f.find("plausible_change"); pc != f.end()) fd.plausible_change = read_plausible_change(*pc, where + ".plausible_change", rd);
        if (!fd.department.empty() && !department_ids.count(fd.department))
            rd.fail(where, "未知的部门 “" + fd.department + "”（departments 中没有）",
                    "unknown department '" + fd.department + "' (not in departments)");
        else if (fd.department.empty() && fd.profile == Profile::county && !c.departments.empty())
            rd.fail(where, "县级数据项需要 department（提供该数据的部门）", "a county figure needs a department (who supplies it)");
        if (!fd.department_clause.empty() && fd.department.empty())
            rd.fail(where, "department_clause 需要 department", "'department_clause' needs a 'department'");
        c.figures.push_back(fd);
    }
    // Derived figures: a yes/no read from a count of the same profile that is itself entered. The
    // roll-up sums what the files carry, so only figures that do not roll up may be derived.
    for (const FigureDef& fd : c.figures) {
        if (!fd.derived()) continue;
        const FigureDef* src = c.figure(fd.derived_from);
        if (fd.type != FigureType::boolean)
            rd.fail(fd.key, "只有是/否数据项可以由其他数据项得出", "only a yes/no figure can be derived");
        if (fd.rollup != RollupRule::none)
            rd.fail(fd.key, "由其他数据项得出的数据项不能汇总（rollup 应为 none）", "a derived figure cannot roll up (its rollup must be 'none')");
        if (!src)
            rd.fail(fd.key, "derived.from 引用了未声明的数据项 " + fd.derived_from, "'derived.from' refers to undeclared figure '" + fd.derived_from + "'");
        else if (src->type != FigureType::count || src->profile != fd.profile || src->derived() || src == &fd)
            rd.fail(fd.key, "derived.from 应为同一类评估中由用户填写的计数数据项，" + fd.derived_from + " 不是",
                    "'derived.from' must be an entered count figure of the same profile; '" + fd.derived_from + "' is not");
    }
    for (const FigureDef& fd : c.figures) {
        bool fits = (fd.rollup == RollupRule::sum && fd.type == FigureType::count) ||
                    (fd.rollup == RollupRule::all && fd.type == FigureType::boolean) ||
                    (fd.rollup == RollupRule::weighted_mean && fd.type == FigureType::score) || fd.rollup == RollupRule::none;
        if (!fits) rd.fail(fd.key, "汇总方式与类型不符", "rollup rule does not fit the figure's type");
        if (fd.profile == Profile::county && fd.rollup == RollupRule::none)
            rd.fail(fd.key, "县级数据项需要汇总方式", "a county figure needs a rollup rule");
        if (fd.rollup == RollupRule::weighted_mean) {
            const FigureDef* w = c.figure(fd.rollup_weight);
            if (!w || w->type != FigureType::count)
                rd.fail(fd.key, "加权数据项 " + fd.rollup_weight + " 未声明或不是计数",
                        "weight figure '" + fd.rollup_weight + "' is undeclared or not a count");
        }
    }

    auto need_figure = [&](const std::string& where, const std::string& key, Profile p,
                           std::initializer_list<FigureType> types) {
        const FigureDef* f = c.figure(key);
        if (!f) { rd.fail(where, "引用了未声明的数据项 " + key, "refers to undeclared figure '" + key + "'"); return; }
        if (f->profile != p) rd.fail(where, "数据项 " + key + " 属于另一类评估", "figure '" + key + "' belongs to another profile");
        if (std::find(types.begin(), types.end(), f->type) == types.end())
            rd.fail(where, "数据项 " + key + " 的类型不适合该指标", "figure '" + key + "' has a type this kind cannot judge");
    };

    std::set<std::string> indicator_ids;
    for (const Json& j : json_array(doc, "indicators")) {
        IndicatorDef d;
        d.id = rd.str(j, "id", "indicators");
        const std::string& where = d.id;
        if (!indicator_ids.insert(d.id).second) rd.fail(where, "重复的指标", "duplicate indicator id");
        if (auto p = rd.profile(j, where)) d.profile = *p;
        d.group = rd.str(j, "group", where);
        if (const GroupDef* g = c.group(d.group)) {
            if (g->profile != d.profile) rd.fail(where, "分组 " + d.group + " 属于另一类评估", "group '" + d.group + "' belongs to another profile");
        } else if (!d.group.empty()) {
            rd.fail(where, "未声明的分组 " + d.group, "undeclared group '" + d.group + "'");
        }
        std::string kind = rd.str(j, "kind", where);
        if (auto k = parse_kind(kind)) d.kind = *k;
        else if (!kind.empty()) rd.fail(where, "未知的指标类型 “" + kind + "”", "unknown kind '" + kind + "'");

        bool two = d.kind == Kind::ratio || d.kind == Kind::ratio_all || d.kind == Kind::density;
        if (two) {
            d.num = rd.str(j, "num", where);
            d.den = rd.str(j, "den", where);
            if (!d.num.empty()) need_figure(where, d.num, d.profile, {FigureType::count});
            if (!d.den.empty()) need_figure(where, d.den, d.profile, {FigureType::count});
            if (!d.num.empty() && d.num == d.den) rd.fail(where, "分子与分母相同", "numerator and denominator are the same figure");
        } else {
            d.figure = rd.str(j, "figure", where);
            if (!d.figure.empty()) {
                switch (d.kind) {
                    case Kind::count: need_figure(where, d.figure, d.profile, {FigureType::count}); break;
                    case Kind::score: need_figure(where, d.figure, d.profile, {FigureType::score, FigureType::count}); break;
                    case Kind::flag: need_figure(where, d.figure, d.profile, {FigureType::boolean}); break;
                    case Kind::rating: need_figure(where, d.figure, d.profile, {FigureType::enumeration}); break;
                    default: need_figure(where, d.figure, d.profile, {FigureType::count, FigureType::score, FigureType::boolean, FigureType::enumeration}); break;
                }
            }
        }
        bool wants_target = d.kind == Kind::ratio || d.kind == Kind::density || d.kind == Kind::count || d.kind == Kind::score;
        if (d.kind == Kind::rating) {
            d.target_enum = rd.str(j, "target", where);
            const FigureDef* f = c.figure(d.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            if (e && e->rank(d.target_enum) < 0)
                rd.fail(where, "目标等级 " + d.target_enum + " 不在枚举 " + e->id + " 中", "target '" + d.target_enum + "' is not a value of enum '" + e->id + "'");
        } else if (wants_target) {
            if (auto t = rd.number(j, "target", where)) {
                d.target = *t;
                d.has_target = true;
                if (t->num < 0) rd.fail(where, "目标不能为负", "target must not be negative");
                if ((d.kind == Kind::ratio) && compare(*t, Rational::of(100)) > 0)
                    rd.fail(where, "比例目标不能超过 100", "a ratio target cannot exceed 100");
                if (d.kind == Kind::score && compare(*t, Rational::of(100)) > 0)
                    rd.fail(where, "分值目标不能超过 100", "a score target cannot exceed 100");
                if (d.kind == Kind::count && t->den != 1) rd.fail(where, "计数目标应为整数", "a count target must be a whole number");
            }
        } else if (j.contains("target")) {
            rd.fail(where, std::string("类型 ") + kind + " 不应有 target", std::string("kind '") + kind + "' takes no target");
        }
        for (const Json& tw : json_array(j, "target_when")) {
            auto cond = rd.condition(tw, where + "/target_when");
            auto t = rd.number(tw, "target", where + "/target_when");
            if (!wants_target) rd.fail(where, "该类型不支持 target_when", "target_when needs a numeric target");
            if (cond && t) {
                const FigureDef* f = c.figure(cond->figure);
                if (!f) rd.fail(where, "条件引用了未声明的数据项 " + cond->figure, "condition refers to undeclared figure '" + cond->figure + "'");
                d.target_when.push_back({*cond, *t});
            }
        }
        if (j.contains("applies_when")) {
            if (auto cond = rd.condition(j["applies_when"], where + "/applies_when")) {
                if (!c.figure(cond->figure))
                    rd.fail(where, "条件引用了未声明的数据项 " + cond->figure, "condition refers to undeclared figure '" + cond->figure + "'");
                d.applies_when = *cond;
            }
        }
        std::string scope = rd.str(j, "scope", where);
        if (scope == "city") d.city_scope = true;
        else if (scope != "unit" && !scope.empty()) rd.fail(where, "未知的范围 “" + scope + "”", "unknown scope '" + scope + "'");
        if (d.city_scope && (d.kind != Kind::count || d.profile != Profile::county))
            rd.fail(where, "只有县级计数指标可以是全市范围", "only county count indicators can have city scope");
        bool no_unit = d.kind == Kind::flag || d.kind == Kind::rating || d.kind == Kind::info;
        d.name = rd.text(j, "name", where);
        d.help = rd.text(j, "help", where);
        d.value_unit = rd.text(j, "value_unit", where, no_unit);
        d.shortfall = rd.text(j, "shortfall", where);
        d.advice = rd.text(j, "advice", where);
        if (two || d.kind == Kind::count || d.kind == Kind::score) {
            if (d.shortfall.zh.find("{n}") == std::string::npos || d.shortfall.en.find("{n}") == std::string::npos ||
                (!d.shortfall.en_one.empty() && d.shortfall.en_one.find("{n}") == std::string::npos))
                rd.fail(where, "shortfall 文本需包含 {n}", "the shortfall text must contain {n}");
        }
        d.clause = rd.str(j, "clause", where);
        d.quote = rd.str(j, "quote", where);
        c.indicators.push_back(d);
    }
    if (c.indicators.empty()) rd.fail("indicators", "目录中没有指标", "the catalog has no indicators");

    for (const Json& j : json_array(doc, "constraints")) {
        ConstraintDef cd;
        std::string type = rd.str(j, "type", "constraints");
        if (type != "le") rd.fail("constraints", "未知的约束类型 “" + type + "”", "unknown constraint type '" + type + "'");
        cd.a = rd.str(j, "a", "constraints");
        cd.b = rd.str(j, "b", "constraints");
        cd.why = rd.text(j, "why", "constraints/" + cd.a);
        for (const std::string& k : {cd.a, cd.b})
            if (!k.empty() && !c.figure(k)) rd.fail("constraints", "引用了未声明的数据项 " + k, "refers to undeclared figure '" + k + "'");
        c.constraints.push_back(cd);
    }
}

// A catalog's document read and checked (its head only, or all of it); `out` replaced only then.
static bool read_catalog(std::string_view json_text, Catalog& out, std::vector<Problem>& problems, bool head_only) {
    size_t problems_before = problems.size();
    Json doc;
    if (!parse_catalog_document(json_text, doc, problems)) return false;
    detail::DataReader rd{problems, "catalog"};
    Catalog c;
    read_catalog_head(doc, c, rd);
    // The body's reader called through a pointer the optimiser cannot see through (volatile): called
    // directly it would be inlined here (Binaryen inlines a function with one caller whatever its
    // size), and a browser compiles a wasm function whole at its first call, so the web build's first
    // frame, which reads only the head, compiled the whole reader (issue 13).
    static void (*volatile read_body)(const Json&, Catalog&, detail::DataReader&) = read_catalog_body;
    if (!head_only) read_body(doc, c, rd);
    if (problems.size() != problems_before) return false;
    c.reindex();
    out = std::move(c);
    return true;
}

bool load_catalog_head(std::string_view json_text, Catalog& out, std::vector<Problem>& problems) {
    return read_catalog(json_text, out, problems, true);
}

bool load_catalog(std::string_view json_text, Catalog& out, std::vector<Problem>& problems) {
    return read_catalog(json_text, out, problems, false);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Built-in catalogs
//-------------------------------------------------------------------------------------------------

namespace {
// The files the platform provided, and the list of every file (the compiled ones first). Names and
// bytes are owned here and never move (a deque of strings), so an EmbeddedFile stays valid.
struct EmbeddedState {
    std::deque<std::string> owned;
    std::vector<EmbeddedFile> all = detail::compiled_embedded_files();
    void (*provider)(const char* name) = nullptr;
    // The names asked for, by their place in provided_embedded_names() (a bit each; plain bits, not a
    // container: code the web build's first minute runs, and a container's functions may be in the
    // deferred half of the wasm. A 65th name would be asked for at each lookup until provided.)
    uint64_t asked = 0;
};
EmbeddedState& embedded_state() {
    static EmbeddedState s;
    return s;
}
bool have_embedded(std::string_view name) {
    for (const EmbeddedFile& f : embedded_state().all)
        if (name == f.name) return true;
    return false;
}
// Asks the platform for each file left out that `wanted` names and that is not here yet (once a name).
void ask_for_provided(bool (*wanted)(std::string_view name, std::string_view arg), std::string_view arg) {
    EmbeddedState& s = embedded_state();
    if (!s.provider) return;
    const std::vector<const char*>& names = detail::provided_embedded_names();
    for (size_t i = 0; i < names.size(); ++i) {
        uint64_t bit = i < 64 ? uint64_t(1) << i : 0;
        if (!wanted(names[i], arg) || (s.asked & bit) || have_embedded(names[i])) continue;
        s.asked |= bit;
        s.provider(names[i]);
    }
}
}  // namespace

void set_embedded_files_provider(void (*provide)(const char* name)) { embedded_state().provider = provide; }

void provide_embedded_file(std::string name, std::string data) {
    EmbeddedState& s = embedded_state();
    if (have_embedded(name)) return;
    const std::string& n = s.owned.emplace_back(std::move(name));
    const std::string& d = s.owned.emplace_back(std::move(data));
    s.all.push_back({n.c_str(), (const unsigned char*)d.data(), d.size()});
}

const std::vector<EmbeddedFile>& embedded_files() {
    ask_for_provided([](std::string_view, std::string_view) { return true; }, {});
    return embedded_state().all;
}

std::vector<EmbeddedFile> embedded_files_under(std::string_view dir) {
    ask_for_provided([](std::string_view n, std::string_view d) { return n.rfind(d, 0) == 0; }, dir);
    std::vector<EmbeddedFile> out;
    for (const EmbeddedFile& f : embedded_state().all)
        if (std::string_view(f.name).rfind(dir, 0) == 0) out.push_back(f);
    return out;
}

std::string_view embedded(std::string_view name) {
    ask_for_provided([](std::string_view n, std::string_view want) { return n == want; }, name);
    for (const EmbeddedFile& f : embedded_state().all)
        if (name == f.name) return std::string_view((const char*)f.data, f.size);
    return {};
}

namespace {
using detail::ends_with;
bool builtins_loaded = false;
struct BuiltinCatalogs {
    std::vector<Catalog> catalogs;
    BuiltinCatalogs() {
        for (const EmbeddedFile& f : embedded_files_under("catalog/")) {
            std::string_view name(f.name);
            if (name.rfind("catalog/", 0) != 0 || !ends_with(name, ".json") || ends_with(name, ".head.json")) continue;
            Catalog c;
            std::vector<Problem> problems;
            // A shipped catalog that fails its own checks is a build defect: the unit tests load
            // every embedded catalog and fail loudly; here it is skipped rather than half-used.
            if (load_catalog(std::string_view((const char*)f.data, f.size), c, problems)) catalogs.push_back(std::move(c));
        }
    }
};
const BuiltinCatalogs& builtins() {
    static BuiltinCatalogs b;
    builtins_loaded = true;
    return b;
}
}  // namespace

const Catalog* builtin_catalog(std::string_view id) {
    for (const Catalog& c : builtins().catalogs)
        if (c.id == id) return &c;
    return nullptr;
}

const Catalog& default_catalog() {
    const Catalog* c = builtin_catalog("yancheng-2022");
    if (!c && !builtins().catalogs.empty()) c = &builtins().catalogs.front();
    static const Catalog empty;
    return c ? *c : empty;
}

const Catalog& default_catalog_head() {
    if (builtins_loaded) return default_catalog();
    // The compiled head of "yancheng-2022", else of the first catalog that has one (looked for among
    // the compiled files only: embedded() would ask the platform for the catalogs themselves).
    static const std::optional<Catalog> head = [] {
        const EmbeddedFile* found = nullptr;
        for (const EmbeddedFile& f : detail::compiled_embedded_files()) {
            std::string_view name(f.name);
            if (name.rfind("catalog/", 0) != 0 || !ends_with(name, ".head.json")) continue;
            if (!found || name == "catalog/yancheng-2022.head.json") found = &f;
        }
        std::optional<Catalog> c;
        std::vector<Problem> problems;
        if (found && !load_catalog_head(std::string_view((const char*)found->data, found->size), c.emplace(), problems)) c.reset();
        return c;
    }();
    return head ? *head : default_catalog();
}

std::vector<std::string> builtin_catalog_ids() {
    std::vector<std::string> ids;
    for (const Catalog& c : builtins().catalogs) ids.push_back(c.id);
    return ids;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The interface's strings (UiStrings)
//-------------------------------------------------------------------------------------------------

std::string_view UiStrings::key_view(std::string_view key) {
    if (auto at = by_key_.find(key); at != by_key_.end()) return at->first;
    return owned_.emplace_back(key);
}

void UiStrings::read_table(Lang lang, std::string_view table) {
    const size_t l = lang == Lang::en ? 1 : 0;
    size_t at = 0;
    while (at < table.size()) {
        size_t key_end = table.find('\0', at);
        if (key_end == std::string_view::npos) break;
        size_t text_end = table.find('\0', key_end + 1);
        if (text_end == std::string_view::npos) break;  // a key with no text: cut short
        // Both NUL-terminated in place: the text is handed out as a C string, the key kept as a view.
        by_key_[table.substr(at, key_end - at)][l].plain = table.data() + key_end + 1;
        at = text_end + 1;
    }
}

bool UiStrings::read_json(Lang lang, std::string_view json) {
    Json doc = Json::parse(json.begin(), json.end(), nullptr, false);
    if (!doc.is_object()) return false;
    const size_t l = lang == Lang::en ? 1 : 0;
    auto keep = [&](const Json& s) { return s.is_string() ? owned_.emplace_back(s.get<std::string>()).c_str() : nullptr; };
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        Forms f;
        if (it->is_string()) {
            f.plain = keep(*it);
        } else if (it->is_object()) {
            f.one = keep(json_member(*it, "one"));
            f.other = keep(json_member(*it, "other"));
            if (!f.other) continue;  // forms without `other`: nothing to show for most counts
        } else {
            continue;
        }
        by_key_[key_view(it.key())][l] = f;
    }
    return true;
}

const char* UiStrings::find(std::string_view key, Lang lang, const std::string* count) const {
    auto at = by_key_.find(key);
    if (at == by_key_.end()) return nullptr;
    const Forms& f = at->second[lang == Lang::en ? 1 : 0];
    if (f.plain) return f.plain;
    if (f.one && count && plural_category(lang, *count) == Plural::one) return f.one;
    return f.other;
}

}  // namespace qcity
