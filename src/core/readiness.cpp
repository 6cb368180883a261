// qcity core — award readiness: eligibility gates and the GB/T 19580 self-score.
//
// Index of this file
// [SECTION] Names of statuses, points
// [SECTION] Loading awards and the scoring model
// [SECTION] Built-in awards and scoring model
// [SECTION] Reading the user's part of the file (thresholds, scores)
// [SECTION] Validation
// [SECTION] Evaluation: gates
// [SECTION] Evaluation: self-score
// [SECTION] JSON output

#include "core_internal.h"

#include <algorithm>
#include <set>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Names of statuses, points
//-------------------------------------------------------------------------------------------------

const char* gate_status_id(GateStatus s) {
    switch (s) {
        case GateStatus::passed: return "passed";
        case GateStatus::failed: return "failed";
        case GateStatus::missing: return "missing";
        case GateStatus::invalid: return "invalid";
        case GateStatus::not_applicable: return "not_applicable";
        case GateStatus::waived: return "waived";
    }
    return "missing";
}

Text gate_status_text(GateStatus s) {
    switch (s) {
        case GateStatus::passed: return {"符合", "Passed"};
        case GateStatus::failed: return {"不符合", "Failed"};
        case GateStatus::missing: return {"缺数据", "Missing data"};
        case GateStatus::invalid: return {"数据有误", "Invalid data"};
        case GateStatus::not_applicable: return {"不适用", "Not applicable"};
        case GateStatus::waived: return {"本年不要求", "Not required"};
    }
    return {};
}

const char* gate_rule_id(GateRule r) {
    switch (r) {
        case GateRule::flag: return "flag";
        case GateRule::at_least: return "at_least";
        case GateRule::rating: return "rating";
        case GateRule::any_of: return "any_of";
    }
    return "flag";
}

const char* award_status_id(AwardStatus s) {
    switch (s) {
        case AwardStatus::eligible: return "eligible";
        case AwardStatus::not_eligible: return "not_eligible";
        case AwardStatus::incomplete: return "incomplete";
    }
    return "incomplete";
}

Text award_status_text(AwardStatus s) {
    switch (s) {
        case AwardStatus::eligible: return {"符合申报条件", "May apply"};
        case AwardStatus::not_eligible: return {"暂不符合", "Not yet eligible"};
        case AwardStatus::incomplete: return {"待补充数据", "Data needed"};
    }
    return {};
}

// Points are item points × a whole percentage / 100: at most two decimals (15 × 25 % = 3.75).
// Trailing zeros are dropped ("40", "27.5").
std::string format_points(const Rational& points) {
    std::string s = format_rational(points, 2, Round::nearest);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

const SourceDef* AwardDef::source(std::string_view sid) const {
    for (const SourceDef& s : sources)
        if (s.id == sid) return &s;
    return nullptr;
}

const AwardDef* ReadinessData::award(std::string_view aid) const {
    for (const AwardDef& a : awards)
        if (a.id == aid) return &a;
    return nullptr;
}

const ScoreItemDef* ScoreModel::item(std::string_view iid) const {
    for (const ScoreItemDef& i : items)
        if (i.id == iid) return &i;
    return nullptr;
}

int ScoreModel::band_of(int percent) const {
    if (step > 0 && percent % step != 0) return -1;
    for (size_t b = 0; b < bands.size(); ++b)
        if (percent >= bands[b].min && percent <= bands[b].max) return (int)b;
    return -1;
}

int ScoreModel::band_pick(int band) const {
    if (band < 0 || (size_t)band >= bands.size()) return -1;
    const ScoreBand& b = bands[(size_t)band];
    int s = std::max(1, step);
    int mid = b.min + ((b.max - b.min) / 2) / s * s;
    return band_of(mid) == band ? mid : b.min;
}

int ScoreModel::step_percent(int percent, int direction) const {
    if (direction == 0) return percent;
    int s = std::max(1, step);
    // Walk 0..100 one step at a time (at most 100 steps): the first percentage past `percent` in a band.
    if (direction > 0) {
        for (int p = 0; p <= 100; p += s)
            if (p > percent && band_of(p) >= 0) return p;
    } else {
        for (int p = 100 / s * s; p >= 0; p -= s)
            if (p < percent && band_of(p) >= 0) return p;
    }
    return percent;
}

Json percent_from_text(std::string_view text) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    size_t b = 0, e = text.size();
    while (b < e && space(text[b])) ++b;
    while (e > b && space(text[e - 1])) --e;
    std::string_view t = text.substr(b, e - b);
    if (t.empty()) return Json();
    std::string_view num = t;
    if (num.size() >= 3 && num.substr(num.size() - 3) == "\xEF\xBC\x85") num.remove_suffix(3);  // ％
    else if (!num.empty() && num.back() == '%') num.remove_suffix(1);
    while (!num.empty() && space(num.back())) num.remove_suffix(1);
    bool negative = !num.empty() && num.front() == '-';
    std::string_view digits = negative ? num.substr(1) : num;
    bool whole = !digits.empty() && digits.size() <= 9;
    for (char c : digits) whole = whole && c >= '0' && c <= '9';
    if (!whole) return Json(std::string(text));
    int64_t v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return Json(negative ? -v : v);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Loading awards and the scoring model
//-------------------------------------------------------------------------------------------------

namespace {

// A whole number from JSON. nlohmann's is_number_integer() is true for unsigned numbers too, so
// those are asked first: a number above INT64_MAX is clamped to it, never wrapped to a negative.
std::optional<int64_t> whole(const Json& j) {
    if (j.is_number_unsigned()) return (int64_t)std::min<uint64_t>(j.get<uint64_t>(), (uint64_t)INT64_MAX);
    if (j.is_number_integer()) return j.get<int64_t>();
    return std::nullopt;
}

SourceDef read_source(detail::DataReader& rd, const Json& s, const std::string& where) {
    SourceDef d;
    d.id = rd.str(s, "id", where);
    d.title = rd.text(s, "title", where + "/" + d.id);
    d.issuer = rd.text(s, "issuer", where + "/" + d.id);
    d.date = rd.str(s, "date", where + "/" + d.id);
    d.url = rd.str(s, "url", where + "/" + d.id, false);
    return d;
}

Json parse_object(std::string_view text, std::vector<Problem>& problems, const char* code, const char* what_zh, const char* what_en) {
    Json doc;
    Problem why;
    bool parsed = parse_json_document(text, doc, why);  // depth-limited: these files may come from anyone
    if (!parsed || !doc.is_object()) {
        std::string zh = parsed ? std::string() : "：" + why.message.zh, en = parsed ? std::string() : ": " + why.message.en;
        problems.push_back(Problem{Severity::error, code, code, Text{std::string(what_zh) + "不是有效的 JSON 对象" + zh,
                                                                     std::string(what_en) + " is not a valid JSON object" + en}});
        return Json();
    }
    return doc;
}

// A simple rule and its threshold (a gate's, or one alternative's of an any_of gate).
void read_rule(detail::DataReader& rd, const Json& g, const std::string& rule, GateDef& d, const std::string& where) {
    const Json& th = json_member(g, "threshold");
    if (rule == "flag") {
        d.rule = GateRule::flag;
    } else if (rule == "at_least") {
        d.rule = GateRule::at_least;
        auto t = whole(th);
        if (!t || *t < 0) rd.fail(where, "threshold 应为非负整数", "threshold must be a non-negative whole number");
        else d.threshold = *t;
        if (g.contains("threshold_max")) {
            auto m = whole(json_member(g, "threshold_max"));
            if (!m || *m < d.threshold) rd.fail(where, "threshold_max 应为不小于 threshold 的整数", "threshold_max must be a whole number no less than threshold");
            else d.threshold_max = *m;
        } else {
            // max(100, 10 × threshold), without overflowing for an absurd threshold.
            d.threshold_max = d.threshold > INT64_MAX / 10 ? INT64_MAX : std::max<int64_t>(100, d.threshold * 10);
        }
    } else if (rule == "rating") {
        d.rule = GateRule::rating;
        if (!th.is_string() || th.get<std::string>().empty()) rd.fail(where, "threshold 应为等级值（如 \"A\"）", "threshold must be a rating value (like \"A\")");
        else d.threshold_enum = th.get<std::string>();
    } else if (!rule.empty()) {
        rd.fail(where, "未知的规则 “" + rule + "”（应为 flag、at_least、rating 或 any_of）", "unknown rule '" + rule + "' (expected flag, at_least, rating or any_of)");
    }
}

}  // namespace

std::vector<std::string> GateDef::figures() const {
    std::vector<std::string> keys;
    if (!figure.empty()) keys.push_back(figure);
    for (const GateDef& x : any_of) keys.push_back(x.figure);
    return keys;
}

bool load_award(std::string_view json_text, AwardDef& out, std::vector<Problem>& problems) {
    size_t before = problems.size();
    Json doc = parse_object(json_text, problems, "award", "奖项文件", "the award file");
    if (doc.is_null()) return false;
    detail::DataReader rd{problems, "award"};
    AwardDef a;
    if (json_string(doc, "schema") != "qcity.award/1") rd.fail("schema", "应为 qcity.award/1", "must be 'qcity.award/1'");
    a.id = rd.str(doc, "id", "id");
    a.name = rd.text(doc, "name", a.id);
    a.level = rd.text(doc, "level", a.id);
    a.summary = rd.text(doc, "summary", a.id);
    a.quota = rd.text(doc, "quota", a.id);
    for (const Json& s : json_array(doc, "sources")) a.sources.push_back(read_source(rd, s, a.id + "/sources"));
    if (a.sources.empty()) rd.fail(a.id + "/sources", "每个奖项至少列出一个来源", "an award must list at least one source");
    std::set<std::string> ids;
    for (const Json& g : json_array(doc, "gates")) {
        GateDef d;
        d.id = rd.str(g, "id", a.id + "/gates");
        std::string where = a.id + "/" + d.id;
        if (!ids.insert(d.id).second) rd.fail(where, "重复的条件 id", "duplicate gate id");
        std::string rule = rd.str(g, "rule", where);
        if (rule != "any_of") d.figure = rd.str(g, "figure", where);
        d.name = rd.text(g, "name", where);
        d.source = rd.str(g, "source", where);
        d.clause = rd.str(g, "clause", where);
        d.rule_text = rd.text(g, "rule_text", where);
        if (!d.source.empty() && !a.source(d.source))
            rd.fail(where, "来源 “" + d.source + "” 未在 sources 中列出", "source '" + d.source + "' is not listed in sources");
        if (rule == "any_of") {
            d.rule = GateRule::any_of;
            // Alternatives: each a figure with its own simple rule and threshold (no nesting).
            const Json& alts = json_member(g, "any_of");
            if (!alts.is_array() || alts.size() < 2)
                rd.fail(where, "any_of 应为至少两个 {figure, rule, threshold} 的数组", "any_of must be an array of at least two {figure, rule, threshold}");
            for (const Json& alt : json_array(g, "any_of")) {
                std::string aw = where + "/any_of/" + std::to_string(d.any_of.size());
                GateDef x;
                if (!alt.is_object()) {
                    rd.fail(aw, "应为 {figure, rule, threshold} 对象", "must be an object {figure, rule, threshold}");
                    continue;
                }
                x.figure = rd.str(alt, "figure", aw);
                std::string arule = rd.str(alt, "rule", aw);
                if (arule == "any_of") rd.fail(aw, "any_of 不能嵌套", "any_of cannot be nested");
                else read_rule(rd, alt, arule, x, aw);
                d.any_of.push_back(std::move(x));
            }
            if (g.contains("figure")) rd.fail(where, "any_of 条件的数据项写在各选项中，不能另写 figure", "an any_of gate names its figures in its alternatives, not in 'figure'");
        } else {
            read_rule(rd, g, rule, d, where);
        }
        if (g.contains("applies_when")) {
            const Json& c = g["applies_when"];
            if (!c.is_object() || !json_member(c, "figure").is_string() || !c.contains("equals"))
                rd.fail(where, "applies_when 应为 {figure, equals}", "applies_when must be {figure, equals}");
            else
                d.applies_when = Condition{c["figure"].get<std::string>(), c["equals"]};
        }
        a.gates.push_back(std::move(d));
    }
    if (a.gates.empty()) rd.fail(a.id, "奖项至少需要一个申报条件", "an award needs at least one gate");
    if (problems.size() != before) return false;
    out = std::move(a);
    return true;
}

bool check_awards(const Catalog& c, const std::vector<AwardDef>& awards, std::vector<Problem>& problems) {
    size_t before = problems.size();
    detail::DataReader rd{problems, "award"};
    std::set<std::string> ids;
    for (const AwardDef& a : awards) {
        if (!ids.insert(a.id).second) rd.fail(a.id, "重复的奖项 id", "duplicate award id");
        for (const GateDef& g : a.gates) {
            std::string where = a.id + "/" + g.id;
            auto check_rule = [&](const GateDef& x) {
                const FigureDef* f = c.figure(x.figure);
                if (!f || f->profile != Profile::enterprise) {
                    rd.fail(where, "数据项 “" + x.figure + "” 不是目录 " + c.id + " 的企业数据项",
                            "'" + x.figure + "' is not an enterprise figure of catalog " + c.id);
                    return;
                }
                // A gate reads what the user types: a derived figure is read through its source.
                if (f->derived())
                    rd.fail(where, "数据项 “" + x.figure + "” 由 " + f->derived_from + " 得出，条件应读取 " + f->derived_from,
                            "'" + x.figure + "' is derived from '" + f->derived_from + "'; the gate must read '" + f->derived_from + "'");
                bool fits = (x.rule == GateRule::flag && f->type == FigureType::boolean) ||
                            (x.rule == GateRule::at_least && f->type == FigureType::count) ||
                            (x.rule == GateRule::rating && f->type == FigureType::enumeration);
                if (!fits) rd.fail(where, "规则与数据项 “" + x.figure + "” 的类型不符", "the rule does not fit the type of '" + x.figure + "'");
                if (x.rule == GateRule::rating) {
                    const EnumDef* e = c.enumeration(f->enum_id);
                    if (!e || e->rank(x.threshold_enum) < 0)
                        rd.fail(where, "等级 “" + x.threshold_enum + "” 不在 " + f->enum_id + " 中", "rating '" + x.threshold_enum + "' is not a value of " + f->enum_id);
                }
            };
            if (g.rule == GateRule::any_of)
                for (const GateDef& x : g.any_of) check_rule(x);
            else
                check_rule(g);
            if (g.applies_when) {
                const FigureDef* cf = c.figure(g.applies_when->figure);
                if (!cf || cf->profile != Profile::enterprise)
                    rd.fail(where, "applies_when 的数据项 “" + g.applies_when->figure + "” 不是企业数据项",
                            "the applies_when figure '" + g.applies_when->figure + "' is not an enterprise figure");
            }
        }
    }
    return problems.size() == before;
}

bool load_score_model(std::string_view json_text, ScoreModel& out, std::vector<Problem>& problems) {
    size_t before = problems.size();
    Json doc = parse_object(json_text, problems, "scoring", "评分模型文件", "the scoring model");
    if (doc.is_null()) return false;
    detail::DataReader rd{problems, "scoring"};
    ScoreModel m;
    if (json_string(doc, "schema") != "qcity.scoring/1") rd.fail("schema", "应为 qcity.scoring/1", "must be 'qcity.scoring/1'");
    m.id = rd.str(doc, "id", "id");
    m.name = rd.text(doc, "name", m.id);
    if (json_member(doc, "source").is_object()) m.source = read_source(rd, doc["source"], m.id + "/source");
    else rd.fail(m.id, "缺少 source（标准及版本）", "missing the source (the standard and its edition)");
    auto total = whole(json_member(doc, "total"));
    auto step = whole(json_member(doc, "step"));
    if (!total || *total <= 0) rd.fail(m.id, "total 应为正整数", "total must be a positive whole number");
    else m.total = (int)*total;
    if (!step || *step <= 0 || *step > 100) rd.fail(m.id, "step 应为 1 到 100 的整数", "step must be a whole number from 1 to 100");
    else m.step = (int)*step;
    const Json& dims = json_object(doc, "dimensions");
    m.process_dimensions = rd.text(dims, "process", m.id + "/dimensions");
    m.results_dimensions = rd.text(dims, "results", m.id + "/dimensions");

    // Bands: ascending, not overlapping, from 0 to 100, each edge a multiple of the step.
    int prev_max = -1;
    for (const Json& b : json_array(doc, "bands")) {
        ScoreBand band;
        auto lo = whole(json_member(b, "min")), hi = whole(json_member(b, "max"));
        std::string where = m.id + "/bands/" + std::to_string(m.bands.size());
        if (!lo || !hi || *lo < 0 || *hi > 100 || *lo > *hi) {
            rd.fail(where, "min/max 应为 0–100 的整数且 min ≤ max", "min/max must be whole numbers 0–100 with min ≤ max");
            continue;
        }
        band.min = (int)*lo;
        band.max = (int)*hi;
        if (band.min <= prev_max) rd.fail(where, "评分带应递增且不重叠", "bands must ascend without overlapping");
        if (m.step > 0 && (band.min % m.step || band.max % m.step)) rd.fail(where, "评分带边界应为 step 的倍数", "band edges must be multiples of step");
        prev_max = band.max;
        band.process = rd.text(b, "process", where);
        band.results = rd.text(b, "results", where);
        m.bands.push_back(band);
    }
    if (m.bands.empty() || m.bands.front().min != 0 || m.bands.back().max != 100)
        rd.fail(m.id + "/bands", "评分带应从 0% 开始、到 100% 结束", "the bands must start at 0 % and end at 100 %");

    // Categories and items: points add up (items to their category, categories to the total).
    std::set<std::string> ids;
    int sum = 0;
    for (const Json& cj : json_array(doc, "categories")) {
        ScoreCategoryDef cat;
        cat.id = rd.str(cj, "id", m.id + "/categories");
        cat.name = rd.text(cj, "name", cat.id);
        auto pts = whole(json_member(cj, "points"));
        if (!pts || *pts <= 0) rd.fail(cat.id, "points 应为正整数", "points must be a positive whole number");
        else cat.points = (int)*pts;
        std::string kind = rd.str(cj, "kind", cat.id);
        if (kind != "process" && kind != "results") rd.fail(cat.id, "kind 应为 process 或 results", "kind must be 'process' or 'results'");
        cat.results = kind == "results";
        if (!ids.insert(cat.id).second) rd.fail(cat.id, "重复的类目 id", "duplicate category id");
        int item_sum = 0;
        for (const Json& ij : json_array(cj, "items")) {
            ScoreItemDef it;
            it.id = rd.str(ij, "id", cat.id + "/items");
            it.name = rd.text(ij, "name", it.id);
            auto ip = whole(json_member(ij, "points"));
            if (!ip || *ip <= 0) rd.fail(it.id, "points 应为正整数", "points must be a positive whole number");
            else it.points = (int)*ip;
            if (!ids.insert(it.id).second) rd.fail(it.id, "重复的评分条款 id", "duplicate item id");
            it.category = m.categories.size();
            item_sum += it.points;
            cat.items.push_back(m.items.size());
            m.items.push_back(std::move(it));
        }
        if (cat.items.empty()) rd.fail(cat.id, "类目至少需要一个评分条款", "a category needs at least one item");
        else if (item_sum != cat.points)
            rd.fail(cat.id, "各条款分值之和 " + std::to_string(item_sum) + " 不等于类目分值 " + std::to_string(cat.points),
                    "its items add up to " + std::to_string(item_sum) + ", not the category's " + std::to_string(cat.points));
        sum += cat.points;
        m.categories.push_back(std::move(cat));
    }
    if (m.categories.empty()) rd.fail(m.id, "至少需要一个类目", "at least one category is needed");
    else if (sum != m.total)
        rd.fail(m.id, "各类目分值之和 " + std::to_string(sum) + " 不等于总分 " + std::to_string(m.total),
                "the categories add up to " + std::to_string(sum) + ", not the total " + std::to_string(m.total));
    if (problems.size() != before) return false;
    out = std::move(m);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Built-in awards and scoring model
//-------------------------------------------------------------------------------------------------

namespace {
bool embedded_under(std::string_view name, std::string_view dir) {
    return name.rfind(dir, 0) == 0 && name.size() > dir.size() + 5 && name.substr(name.size() - 5) == ".json";
}
}  // namespace

const ReadinessData& builtin_readiness() {
    // Shipped files that fail their checks are a build defect: the unit tests load each one and
    // fail loudly; here such a file is skipped rather than half-used.
    static const ReadinessData data = [] {
        ReadinessData d;
        std::vector<EmbeddedFile> files = embedded_files_under("awards/");
        for (const EmbeddedFile& f : embedded_files_under("scoring/")) files.push_back(f);
        for (const EmbeddedFile& f : files) {
            std::string_view name(f.name), text((const char*)f.data, f.size);
            std::vector<Problem> problems;
            if (embedded_under(name, "awards/")) {
                AwardDef a;
                if (load_award(text, a, problems)) d.awards.push_back(std::move(a));
            } else if (name == "scoring/gbt19580-2012.json") {
                load_score_model(text, d.model, problems);
            }
        }
        // The awards in the order an enterprise climbs: city, then province, certification, credit.
        static const char* order[] = {"yancheng-mayor", "jiangsu-governor", "jiangsu-boutique", "jiangsu-credit-aa"};
        auto rank = [](const AwardDef& a) {
            for (size_t i = 0; i < 4; ++i)
                if (a.id == order[i]) return i;
            return (size_t)4;
        };
        std::vector<AwardDef> sorted;
        for (size_t i : stable_order(d.awards.size(), [&](size_t x, size_t y) { return rank(d.awards[x]) < rank(d.awards[y]); }))
            sorted.push_back(std::move(d.awards[i]));
        d.awards = std::move(sorted);
        return d;
    }();
    return data;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading the user's part of the file (thresholds, scores)
//-------------------------------------------------------------------------------------------------

std::optional<GateThreshold> GateThreshold::from_json(const Json& j) {
    GateThreshold t;
    if (j.is_boolean() && !j.get<bool>()) return t;  // waived
    if (j.is_number_integer() && !(j.is_number_unsigned() && j.get<uint64_t>() > (uint64_t)INT64_MAX)) {
        t.kind = Kind::count;
        t.count = j.get<int64_t>();
        return t;
    }
    if (j.is_string()) {
        t.kind = Kind::rating;
        t.rating = j.get<std::string>();
        return t;
    }
    return std::nullopt;
}

Json GateThreshold::to_json() const {
    switch (kind) {
        case Kind::count: return Json(count);
        case Kind::rating: return Json(rating);
        case Kind::waived: break;
    }
    return Json(false);
}

EnteredPercent EnteredPercent::from_json(const Json& j) {
    EnteredPercent p;
    p.written = j;
    if (j.is_number_unsigned()) {
        // Out of int range: clamp (it is out of 0–100 either way, and the message quotes the file).
        p.whole = (int)std::min<uint64_t>(j.get<uint64_t>(), (uint64_t)INT32_MAX);
    } else if (j.is_number_integer()) {
        p.whole = (int)std::clamp<int64_t>(j.get<int64_t>(), INT32_MIN, INT32_MAX);
    } else if (j.is_number_float()) {
        double d = j.get<double>();
        // Range first: casting a double beyond int64 (1e300) to an integer is undefined behaviour.
        if (d >= -1e6 && d <= 1e6 && d == (double)(int64_t)d) p.whole = (int)d;
    }
    return p;
}

namespace {

// Parts of the readiness object that are not usable are kept in `extra` at their place: this
// puts `v` at extra[a][b]…, making the objects on the way.
Json& unusable_at(Json& extra, std::initializer_list<std::string> path) {
    Json* j = &extra;
    for (const std::string& k : path) {
        if (!j->is_object()) *j = Json::object();
        j = &(*j)[k];
    }
    return *j;
}

ScoreEntry score_entry_from_json(const Json& obj) {
    ScoreEntry e;
    for (const auto& [member, v] : obj.items()) {
        if (member == "percent") e.percent = EnteredPercent::from_json(v);
        else if ((member == "strength" || member == "improvement") && v.is_string())
            (member == "strength" ? e.strength : e.improvement) = v.get<std::string>();
        else e.extra[member] = v;
    }
    return e;
}

SelfScoreEntries self_score_from_json(const Json& obj) {
    SelfScoreEntries ss;
    for (const auto& [member, v] : obj.items()) {
        if (member == "model" && v.is_string()) {
            ss.model = v.get<std::string>();
        } else if (member == "items" && v.is_object()) {
            for (const auto& [id, e] : v.items()) {
                if (e.is_object()) ss.items[id] = score_entry_from_json(e);
                else unusable_at(ss.extra, {"items", id}) = e;
            }
            if (v.empty()) ss.extra["items"] = Json::object();  // written back as read
        } else if (member == "reference" && Decimal::from_json(v)) {
            ss.reference = Decimal::from_json(v);
        } else {
            ss.extra[member] = v;
        }
    }
    return ss;
}

}  // namespace

ReadinessEntries ReadinessEntries::from_json(const Json& obj) {
    ReadinessEntries r;
    for (const auto& [member, v] : obj.items()) {
        if (member == "thresholds" && v.is_object()) {
            for (const auto& [award, gates] : v.items()) {
                if (!gates.is_object()) {
                    unusable_at(r.extra, {"thresholds", award}) = gates;
                    continue;
                }
                auto& mine = r.thresholds[award];  // an award's object, even empty, is kept
                for (const auto& [gate, t] : gates.items()) {
                    if (auto g = GateThreshold::from_json(t)) mine[gate] = *g;
                    else unusable_at(r.extra, {"thresholds", award, gate}) = t;  // null, true, 3.5…
                }
            }
            if (v.empty()) r.extra["thresholds"] = Json::object();  // written back as read
        } else if (member == "self_score" && v.is_object()) {
            r.self_score = self_score_from_json(v);
        } else {
            r.extra[member] = v;
        }
    }
    return r;
}

Json ReadinessEntries::to_json() const {
    Json j = extra.is_object() ? extra : Json::object();
    for (const auto& [award, gates] : thresholds) {
        Json& a = unusable_at(j, {"thresholds", award});
        if (!a.is_object()) a = Json::object();
        for (const auto& [gate, t] : gates) a[gate] = t.to_json();
    }
    if (self_score) {
        Json& ss = j["self_score"];
        ss = self_score->extra.is_object() ? self_score->extra : Json::object();
        if (self_score->model) ss["model"] = *self_score->model;
        if (self_score->reference) ss["reference"] = self_score->reference->written;
        for (const auto& [id, e] : self_score->items) {
            Json& ej = unusable_at(ss, {"items", id});
            ej = e.extra.is_object() ? e.extra : Json::object();
            if (e.percent) ej["percent"] = e.percent->written;
            if (e.strength) ej["strength"] = *e.strength;
            if (e.improvement) ej["improvement"] = *e.improvement;
        }
    }
    return j;
}

namespace {

// The user's threshold for a gate (usable ones only); nullptr when the published one applies.
const GateThreshold* user_threshold(const Assessment& a, const AwardDef& award, const GateDef& g) {
    auto aw = a.readiness.thresholds.find(award.id);
    if (aw == a.readiness.thresholds.end()) return nullptr;
    auto it = aw->second.find(g.id);
    return it == aw->second.end() ? nullptr : &it->second;
}

// Whether a user threshold fits the gate; the message says why not. `t` is null for a value of
// no threshold's type (true, 3.5…); `shown` is the value as the file has it.
std::optional<Text> threshold_problem(const Catalog& c, const GateDef& g, const GateThreshold* t, const std::string& shown) {
    using K = GateThreshold::Kind;
    if (t && t->kind == K::waived) return std::nullopt;
    switch (g.rule) {
        case GateRule::flag:
        case GateRule::any_of:
            return Text{"只能设为本年不要求（false），现为 " + shown, "can only be set as not required this year (false), not " + shown};
        case GateRule::at_least: {
            if (!t || t->kind != K::count || t->count < 0 || t->count > g.threshold_max)
                return Text{"应为 0 到 " + std::to_string(g.threshold_max) + " 的整数，或设为本年不要求（false），现为 " + shown,
                            "must be a whole number from 0 to " + std::to_string(g.threshold_max) + ", or not required this year (false), not " + shown};
            return std::nullopt;
        }
        case GateRule::rating: {
            const FigureDef* f = c.figure(g.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            if (!t || t->kind != K::rating || !e || e->rank(t->rating) < 0) {
                Text allowed;
                if (e)
                    for (const EnumValue& ev : e->values) {
                        allowed.zh += (allowed.zh.empty() ? "" : "、") + ev.name.zh;
                        allowed.en += (allowed.en.empty() ? "" : ", ") + ev.name.en;
                    }
                return Text{"应为以下等级之一：" + allowed.zh + "，或设为本年不要求（false），现为 " + shown,
                            "must be one of the ratings " + allowed.en + ", or not required this year (false), not " + shown};
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// A whole percentage in 0–100 that is in one of the model's bands; nullopt otherwise.
std::optional<int> scored_percent(const ScoreModel& m, const ScoreEntry& e) {
    if (!e.percent || !e.percent->whole) return std::nullopt;
    int p = *e.percent->whole;
    if (p < 0 || p > 100 || m.band_of(p) < 0) return std::nullopt;
    return p;
}

// The union of two maps' keys in order: the usable entries and the unusable ones kept in `extra`.
template <class Map>
std::set<std::string> keys_of(const Map& usable, const Json& unusable) {
    std::set<std::string> keys;
    for (const auto& kv : usable) keys.insert(kv.first);
    if (unusable.is_object())
        for (const auto& kv : unusable.items()) keys.insert(kv.key());
    return keys;
}

// "0%、10–25%、…" / "0 %, 10–25 %, …"
Text bands_list(const ScoreModel& m) {
    Text t;
    for (const ScoreBand& b : m.bands) {
        std::string r = b.min == b.max ? std::to_string(b.min) : std::to_string(b.min) + "–" + std::to_string(b.max);
        t.zh += (t.zh.empty() ? "" : "、") + r + "%";
        t.en += (t.en.empty() ? "" : ", ") + r + " %";
    }
    return t;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------------

std::vector<Problem> validate_readiness(const ReadinessData& d, const Catalog& c, const Assessment& a) {
    std::vector<Problem> out;
    if (a.readiness.empty()) return out;
    // Messages name awards, gates and items as people read them; the path stays in Problem::key.
    auto problem = [&](Severity sev, const std::string& key, const char* code, const Text& what) {
        out.push_back(Problem{sev, key, code, what});
    };
    if (a.profile != Profile::enterprise) {
        problem(Severity::warning, "readiness", "readiness_not_enterprise",
                Text{"评奖准备只用于企业自评，已保留但不参与评价", "Award readiness is for enterprise assessments; kept but not judged"});
        return out;
    }
    // Usable parts were read into ReadinessEntries' members; the file's other parts are in `extra`
    // at their place, as written: unknown members, and known ones of the wrong shape.
    const Json& unusable = a.readiness.extra;
    for (const auto& [member, v] : unusable.items()) {
        if (member == "thresholds" || member == "self_score") {
            bool thresholds = member == "thresholds";
            if (!v.is_object())
                problem(Severity::error, "readiness." + member, "bad_field",
                        thresholds ? Text{"评奖准备中调整的门槛格式有误（应为对象）", "The adjusted award thresholds must be an object"}
                                   : Text{"评奖准备中的自评分格式有误（应为对象）", "The self-score must be an object"});
        } else {
            problem(Severity::warning, "readiness." + member, "unknown_key",
                    Text{"评奖准备中的“" + member + "”无法识别，已保留", "“" + member + "” in the award readiness is not known; kept"});
        }
    }

    // Thresholds the user set: known award and gate, a value of the gate's kind.
    const Json& unusable_thresholds = json_object(unusable, "thresholds");
    for (const std::string& award_id : keys_of(a.readiness.thresholds, unusable_thresholds)) {
        const AwardDef* award = d.award(award_id);
        std::string base = "readiness.thresholds." + award_id;
        if (!award) {
            problem(Severity::warning, base, "unknown_award",
                    Text{"门槛设置中的奖项“" + award_id + "”无法识别，已保留", "The award “" + award_id + "” in the thresholds is not known; kept"});
            continue;
        }
        const Json& unusable_gates = json_member(unusable_thresholds, award_id.c_str());
        if (!unusable_gates.is_null() && !unusable_gates.is_object()) {
            problem(Severity::error, base, "bad_field",
                    Text{award->name.zh + "的门槛设置格式有误（应为“条件: 门槛”的对象）",
                         "The thresholds for the " + award->name.en + " must be an object of condition: threshold"});
            continue;
        }
        auto usable = a.readiness.thresholds.find(award_id);
        static const std::map<std::string, GateThreshold> none;
        const auto& usable_gates = usable == a.readiness.thresholds.end() ? none : usable->second;
        for (const std::string& gate_id : keys_of(usable_gates, unusable_gates)) {
            const GateDef* g = nullptr;
            for (const GateDef& x : award->gates)
                if (x.id == gate_id) g = &x;
            std::string key = base + "." + gate_id;
            if (!g) {
                problem(Severity::warning, key, "unknown_gate",
                        Text{award->name.zh + "没有申报条件“" + gate_id + "”，已保留", "The " + award->name.en + " has no condition “" + gate_id + "”; kept"});
                continue;
            }
            auto t = usable_gates.find(gate_id);
            const Json& v = t == usable_gates.end() ? json_member(unusable_gates, gate_id.c_str()) : Json();
            if (t == usable_gates.end() && v.is_null()) continue;
            const GateThreshold* typed = t == usable_gates.end() ? nullptr : &t->second;
            if (auto why = threshold_problem(c, *g, typed, typed ? typed->to_json().dump() : v.dump()))
                out.push_back(Problem{Severity::error, key, "bad_threshold",
                                      Text{award->name.zh + "“" + g->name.zh + "”的门槛" + why->zh, award->name.en + ", '" + g->name.en + "': the threshold " + why->en}});
        }
    }

    // The self-score: a known model, known items, percentages in a band, a reference in range.
    if (!a.readiness.self_score) return out;
    const SelfScoreEntries& ss = *a.readiness.self_score;
    const ScoreModel& m = d.model;
    const Json& unusable_model = json_member(ss.extra, "model");  // null when absent, or null as written
    if ((ss.model && *ss.model != m.id) || ss.extra.contains("model")) {
        std::string shown = ss.model ? Json(*ss.model).dump() : unusable_model.dump();
        problem(Severity::error, "readiness.self_score.model", "unknown_model",
                Text{"自评分使用的评分模型 " + shown + " 无法识别（应为" + m.name.zh + "）",
                     "The self-score's scoring model " + shown + " is not known (expected " + m.name.en + ")"});
    }
    const Json& unusable_items = json_member(ss.extra, "items");
    if (!unusable_items.is_null() && !unusable_items.is_object())
        problem(Severity::error, "readiness.self_score.items", "bad_field",
                Text{"自评分的各条款评分格式有误（应为“条款: 评分”的对象）", "The self-score's items must be an object of item: score"});
    for (const std::string& item_id : keys_of(ss.items, unusable_items)) {
        const ScoreItemDef* it = m.item(item_id);
        std::string key = "score." + item_id;
        if (!it) {
            problem(Severity::warning, key, "unknown_item",
                    Text{"评分条款“" + item_id + "”不在" + m.name.zh + "中，已保留", "The item “" + item_id + "” is not in " + m.name.en + "; kept"});
            continue;
        }
        std::string label_zh = item_id + " " + it->name.zh, label_en = item_id + " " + it->name.en;
        auto e = ss.items.find(item_id);
        if (e == ss.items.end()) {  // kept in `extra`: not an object
            out.push_back(Problem{Severity::error, key, "bad_field", Text{label_zh + "：评分格式有误（应为含得分率、优势、改进的对象）",
                                                                          label_en + ": the score must be an object (percentage, strengths, improvements)"}});
            continue;
        }
        const ScoreEntry& entry = e->second;
        for (const char* note : {"strength", "improvement"})
            if (!json_member(entry.extra, note).is_null()) {  // a note that is not text (null is no note)
                bool strength = std::string_view(note) == "strength";
                out.push_back(Problem{Severity::error, key + "." + note, "bad_field",
                                      Text{label_zh + "：" + (strength ? "优势" : "改进方向") + "应为文本",
                                           label_en + ": the " + (strength ? "strengths" : "improvements") + " must be text"}});
            }
        if (!entry.percent || entry.percent->written.is_null()) continue;
        const std::string shown = entry.percent->written.dump();
        const std::optional<int>& pct = entry.percent->whole;
        if (!pct) {
            out.push_back(Problem{Severity::error, key, "bad_percent",
                                  Text{label_zh + "：得分率应为整数百分比，现为 " + shown, label_en + ": the percentage must be a whole number, got " + shown}});
        } else if (*pct < 0 || *pct > 100) {
            out.push_back(Problem{Severity::error, key, "percent_range",
                                  Text{label_zh + "：得分率应在 0% 到 100% 之间，现为 " + shown + "%",
                                       label_en + ": the percentage must be from 0 % to 100 %, got " + shown + " %"}});
        } else if (m.band_of(*pct) < 0) {
            out.push_back(Problem{Severity::error, key, "percent_band",
                                  Text{label_zh + "：" + std::to_string(*pct) + "% 不在任何评分带内，应为 " + std::to_string(m.step) +
                                           "% 的倍数并落在 " + bands_list(m).zh + " 之一",
                                       label_en + ": " + std::to_string(*pct) + " % is in no band; use a multiple of " + std::to_string(m.step) +
                                           " % within " + bands_list(m).en}});
        }
    }
    // A usable number out of range, or a value that is no number (kept in `extra`; null is none).
    const Json& unusable_reference = json_member(ss.extra, "reference");
    const std::optional<Decimal>& ref = ss.reference;
    if ((ref && (ref->value.num < 0 || compare(ref->value, Rational::of(m.total)) > 0)) || !unusable_reference.is_null()) {
        std::string shown = ref ? ref->written.dump() : unusable_reference.dump();
        problem(Severity::error, "score.reference", "bad_reference",
                Text{"参考线应为 0 到 " + std::to_string(m.total) + " 分（现为 " + shown + "）",
                     "The reference line must be 0 to " + std::to_string(m.total) + " points (it is " + shown + ")"});
    }
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Evaluation: gates
//-------------------------------------------------------------------------------------------------

namespace {

// "实施卓越绩效管理年限：不少于 3 年" / "Years practising performance excellence: at least 1 year".
// The English unit takes the form the threshold asks (the catalog gives the unit's forms).
Text requirement_text(const Catalog& c, GateRule rule, const Text& name, const FigureDef* f, int64_t threshold, const std::string& threshold_enum) {
    switch (rule) {
        case GateRule::flag: return Text{name.zh, name.en};
        case GateRule::at_least: {
            Text unit = f ? f->unit : Text{};
            std::string one = unit.en_one.empty() ? unit.en : unit.en_one;
            Text t{name.zh + "：不少于 {n} " + unit.zh, name.en + ": at least {n} " + unit.en, name.en + ": at least {n} " + one};
            return format_count(t, std::to_string(threshold));
        }
        case GateRule::rating: {
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            Text value{threshold_enum, threshold_enum};
            if (e)
                for (const EnumValue& ev : e->values)
                    if (ev.id == threshold_enum) value = ev.name;
            return Text{name.zh + "：" + value.zh + "及以上", name.en + ": " + value.en + " or above"};
        }
        case GateRule::any_of: break;
    }
    return {};
}

// A count as entered, with its unit in the form the count takes ("1 year", "2 years", "3 年").
Text value_text(const Catalog& c, const FigureDef& f, const FigureValue& v) {
    Text t{figure_input_text(c, f, v, Lang::zh), figure_input_text(c, f, v, Lang::en)};
    if (f.unit.empty()) return t;
    Text unit = f.unit.for_count(t.en);
    return Text{t.zh + " " + unit.zh, t.en + " " + unit.en};
}

// One simple rule (flag, at_least, rating) on the enterprise's figure: the gate's own, or one
// alternative of an any_of gate. Fills status, value and reason.
void judge_rule(const Catalog& c, const Assessment& a, GateRule rule, const FigureDef& f, int64_t threshold, const std::string& threshold_enum, GateResult& r) {
    const FigureValue* v = a.get(f.key);
    if (!v || v->absent()) {
        r.status = GateStatus::missing;
        r.reason = Text{"缺少“" + f.name.zh + "”", "'" + f.name.en + "' is not filled in"};
        return;
    }
    if (auto p = check_figure_value(c, f, *v)) {
        r.status = GateStatus::invalid;
        r.reason = p->message;
        return;
    }
    r.value = value_text(c, f, *v);
    switch (rule) {
        case GateRule::flag:
            r.status = v->b ? GateStatus::passed : GateStatus::failed;
            if (!v->b) r.reason = Text{"“" + f.name.zh + "”为否", "'" + f.name.en + "' is no"};
            break;
        case GateRule::at_least: {
            int64_t n = v->type == FigureValue::Type::integer ? v->i : (int64_t)v->r;
            r.status = n >= threshold ? GateStatus::passed : GateStatus::failed;
            if (n < threshold) {
                Text have = value_text(c, f, *v), short_by = value_text(c, f, FigureValue::integer(threshold - n));
                r.reason = Text{"现为 " + have.zh + "，还差 " + short_by.zh, "is " + have.en + ", " + std::to_string(threshold - n) + " short"};
            }
            break;
        }
        case GateRule::rating: {
            const EnumDef* e = c.enumeration(f.enum_id);
            bool ok = e && e->rank(v->s) >= e->rank(threshold_enum) && e->rank(threshold_enum) >= 0;
            r.status = ok ? GateStatus::passed : GateStatus::failed;
            if (!ok) r.reason = Text{"现为 " + r.value.zh + "，低于要求", "is " + r.value.en + ", below the requirement"};
            break;
        }
        case GateRule::any_of: break;
    }
}

void join(Text& into, const Text& t, const char* zh_sep, const char* en_sep) {
    into.zh += (into.zh.empty() ? "" : zh_sep) + t.zh;
    into.en += (into.en.empty() ? "" : en_sep) + t.en;
}

// "在行业内处于领先地位（行业龙头企业），或专精特新“小巨人”企业认定：省级及以上，或制造业单项冠军企业".
Text any_of_requirement(const Catalog& c, const GateDef& g) {
    Text req;
    for (const GateDef& x : g.any_of) {
        const FigureDef* f = c.figure(x.figure);
        Text name = f ? f->name : Text{x.figure, x.figure};
        join(req, requirement_text(c, x.rule, name, f, x.threshold, x.threshold_enum), "，或", ", or ");
    }
    return req;
}

// An any_of gate: passed when one alternative passes; failed only when every alternative is
// answered and none passes; otherwise invalid (a wrong answer first) or missing.
void judge_any_of(const Catalog& c, const Assessment& a, const GateDef& g, GateResult& r) {
    std::vector<GateResult> alts;
    Text answered, missing_names;
    int missing = 0;
    for (const GateDef& x : g.any_of) {
        const FigureDef* f = c.figure(x.figure);
        GateResult ar;
        if (!f) {
            ar.status = GateStatus::invalid;
            ar.reason = Text{"目录中没有数据项 " + x.figure, "the catalog has no figure " + x.figure};
            alts.push_back(ar);
            continue;
        }
        judge_rule(c, a, x.rule, *f, x.threshold, x.threshold_enum, ar);
        if (!ar.value.empty()) join(answered, Text{f->name.zh + "：" + ar.value.zh, f->name.en + ": " + ar.value.en}, "；", "; ");
        if (ar.status == GateStatus::missing) {
            join(missing_names, Text{"“" + f->name.zh + "”", "'" + f->name.en + "'"}, "、", ", ");
            ++missing;
        }
        alts.push_back(ar);
    }
    for (size_t i = 0; i < alts.size(); ++i)
        if (alts[i].status == GateStatus::passed) {
            const FigureDef* f = c.figure(g.any_of[i].figure);
            r.status = GateStatus::passed;
            r.value = Text{f->name.zh + "：" + alts[i].value.zh, f->name.en + ": " + alts[i].value.en};
            return;
        }
    r.value = answered;
    for (const GateResult& ar : alts)
        if (ar.status == GateStatus::invalid) {
            r.status = GateStatus::invalid;
            r.reason = ar.reason;
            return;
        }
    if (!missing_names.empty()) {
        r.status = GateStatus::missing;
        r.reason = Text{"缺少" + missing_names.zh + "（满足任一项即可）",
                        missing_names.en + (missing == 1 ? " is" : " are") + " not filled in (any one of them suffices)"};
        return;
    }
    r.status = GateStatus::failed;
    r.reason = Text{"各项均不满足", "none of them holds"};
}

GateResult judge_gate(const Catalog& c, const Assessment& a, const AwardDef& award, const GateDef& g) {
    GateResult r;
    r.def = &g;
    r.threshold = g.threshold;
    r.threshold_enum = g.threshold_enum;
    const FigureDef* f = g.rule == GateRule::any_of ? nullptr : c.figure(g.figure);
    auto requirement = [&] {
        return g.rule == GateRule::any_of ? any_of_requirement(c, g) : requirement_text(c, g.rule, g.name, f, r.threshold, r.threshold_enum);
    };

    // The user's threshold (a bad one is reported by validation and the published one is used).
    if (const GateThreshold* t = user_threshold(a, award, g); t && !threshold_problem(c, g, t, "")) {
        r.adjusted = true;
        if (t->kind == GateThreshold::Kind::waived) {
            r.status = GateStatus::waived;
            r.requirement = requirement();
            r.reason = Text{"已设为本年不要求（以当年申报通知为准）", "set as not required this year (the year's notice prevails)"};
            return r;
        }
        if (g.rule == GateRule::at_least) r.threshold = t->count;
        else r.threshold_enum = t->rating;
    }
    r.requirement = requirement();
    if (!f && g.rule != GateRule::any_of) {
        r.status = GateStatus::invalid;
        r.reason = Text{"目录中没有数据项 " + g.figure, "the catalog has no figure " + g.figure};
        return r;
    }

    // Does it apply? An unanswered condition leaves the gate open: it is missing that answer.
    if (g.applies_when) {
        const FigureDef* cf = c.figure(g.applies_when->figure);
        const FigureValue* cv = a.get(g.applies_when->figure);
        Text cname = cf ? cf->name : Text{g.applies_when->figure, g.applies_when->figure};
        if (!cv || cv->absent() || (cf && check_figure_value(c, *cf, *cv))) {
            r.status = GateStatus::missing;
            r.reason = Text{"请先填写“" + cname.zh + "”", "fill in '" + cname.en + "' first"};
            return r;
        }
        if (!detail::figure_matches(*cv, g.applies_when->equals)) {
            r.status = GateStatus::not_applicable;
            r.reason = Text{"不适用（取决于“" + cname.zh + "”）", "not applicable (depends on '" + cname.en + "')"};
            return r;
        }
    }

    if (g.rule == GateRule::any_of) judge_any_of(c, a, g, r);
    else judge_rule(c, a, g.rule, *f, r.threshold, r.threshold_enum, r);
    return r;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Evaluation: self-score
//-------------------------------------------------------------------------------------------------

namespace {

SelfScore score(const ScoreModel& m, const Assessment& a) {
    SelfScore s;
    s.model = &m;
    static const std::map<std::string, ScoreEntry> none;
    const auto& items = a.readiness.self_score ? a.readiness.self_score->items : none;
    for (const ScoreItemDef& def : m.items) {
        ItemScore it;
        it.def = &def;
        it.lost = Rational::of(def.points);
        auto e = items.find(def.id);
        if (e != items.end()) {
            it.strength = e->second.strength.value_or("");
            it.improvement = e->second.improvement.value_or("");
            // Only a percentage that validation accepts counts; anything else leaves the item unscored.
            if (auto pct = scored_percent(m, e->second)) {
                it.scored = true;
                it.percent = *pct;
                it.band = m.band_of(*pct);
                it.earned = Rational::of((int64_t)def.points * *pct, 100);
                it.lost = Rational::of((int64_t)def.points * (100 - *pct), 100);
            }
        }
        s.items.push_back(std::move(it));
    }
    // Sums are exact: every earned value is a multiple of 1/100 point.
    int64_t total_hundredths = 0;
    for (const ScoreCategoryDef& cat : m.categories) {
        CategoryScore cs;
        cs.def = &cat;
        int64_t h = 0;
        for (size_t i : cat.items) {
            const ItemScore& it = s.items[i];
            if (!it.scored) continue;
            ++cs.scored;
            h += (int64_t)it.def->points * it.percent;
        }
        cs.earned = Rational::of(h, 100);
        for (size_t i : cat.items)
            if (!s.items[i].scored) cs.unscored_points += s.items[i].def->points;
        total_hundredths += h;
        s.scored += cs.scored;
        s.categories.push_back(cs);
    }
    s.total = Rational::of(total_hundredths, 100);

    // The five scored items that lose the most points (ties: the standard's order).
    std::vector<size_t> order;
    for (size_t i = 0; i < s.items.size(); ++i)
        if (s.items[i].scored && s.items[i].lost.num > 0) order.push_back(i);
    stable_order(order, [&](size_t x, size_t y) { return compare(s.items[x].lost, s.items[y].lost) > 0; });
    if (order.size() > 5) order.resize(5);
    s.top_lost = order;

    // Categories with points not scored yet, most points first (ties: the standard's order): they
    // belong to "where we lose most" too, or a half-scored self-assessment looks better than it is.
    for (size_t c = 0; c < s.categories.size(); ++c) {
        CategoryScore& cs = s.categories[c];
        if (cs.unscored_points <= 0) continue;
        std::string n = std::to_string(cs.unscored_points);
        Text forms{cs.def->id + " " + cs.def->name.zh + " {n} 分未评", cs.def->id + " " + cs.def->name.en + ": {n} points not scored",
                   cs.def->id + " " + cs.def->name.en + ": {n} point not scored"};
        cs.unscored_text = format_count(forms, n);
        s.unscored.push_back(c);
    }
    stable_order(s.unscored, [&](size_t x, size_t y) { return s.categories[x].unscored_points > s.categories[y].unscored_points; });

    std::optional<Rational> ref;
    if (a.readiness.self_score && a.readiness.self_score->reference) ref = a.readiness.self_score->reference->value;
    if (ref && ref->num >= 0 && compare(*ref, Rational::of(m.total)) <= 0) {
        s.has_reference = true;
        s.reference = *ref;
        // reference − total, exact: both are at most the model's total, so the products fit.
        __int128 n = (__int128)ref->num * s.total.den - (__int128)s.total.num * ref->den;
        __int128 den = (__int128)ref->den * s.total.den;
        while (den > INT64_MAX || n > INT64_MAX || n < INT64_MIN) { n /= 10; den /= 10; }  // only for absurd denominators
        s.reference_gap = Rational::of((int64_t)n, (int64_t)den);
    }
    return s;
}

}  // namespace

ReadinessResult evaluate_readiness(const ReadinessData& d, const Catalog& c, const Assessment& a) {
    ReadinessResult out;
    for (const AwardDef& award : d.awards) {
        AwardResult ar;
        ar.def = &award;
        for (const GateDef& g : award.gates) {
            GateResult gr = judge_gate(c, a, award, g);
            switch (gr.status) {
                case GateStatus::passed: ++ar.passed; break;
                case GateStatus::failed: ++ar.failed; break;
                case GateStatus::missing:
                case GateStatus::invalid: ++ar.missing; break;
                default: break;
            }
            ar.gates.push_back(std::move(gr));
        }
        ar.status = ar.failed > 0 ? AwardStatus::not_eligible : ar.missing > 0 ? AwardStatus::incomplete : AwardStatus::eligible;
        out.awards.push_back(std::move(ar));
    }
    out.score = score(d.model, a);
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] JSON output
//-------------------------------------------------------------------------------------------------

static void write_self_score(JsonWriter& w, const SelfScore& s, Lang lang);

// Members in key order (JsonWriter): the order nlohmann's std::map gave them.
static void write_gate(JsonWriter& w, const GateResult& g, Lang lang) {
    w.begin_object();
    w.key("adjusted").boolean(g.adjusted);
    w.key("clause").string(g.def->clause);
    if (!g.def->figure.empty()) w.key("figure").string(g.def->figure);
    w.key("figures").strings(g.def->figures());
    w.key("id").string(g.def->id);
    w.key("name").string(g.def->name.get(lang));
    if (!g.reason.empty()) w.key("reason").string(g.reason.get(lang));
    w.key("requirement").string(g.requirement.get(lang));
    w.key("rule").string(gate_rule_id(g.def->rule));
    w.key("source").string(g.def->source);
    w.key("status").string(gate_status_id(g.status));
    w.key("status_text").string(gate_status_text(g.status).get(lang));
    if (g.def->rule == GateRule::at_least) w.key("threshold").number(g.threshold);
    if (g.def->rule == GateRule::rating) w.key("threshold").string(g.threshold_enum);
    if (!g.value.empty()) w.key("value").string(g.value.get(lang));
    w.end_object();
}

Json readiness_to_json(const ReadinessResult& r, Lang lang) {
    std::string text;
    JsonWriter w(text);
    write_readiness_json(w, r, lang);
    return Json::parse(text);
}

void write_readiness_json(JsonWriter& w, const ReadinessResult& r, Lang lang) {
    w.begin_object();
    w.key("awards").begin_array();
    for (const AwardResult& ar : r.awards) {
        w.begin_object();
        w.key("failed").number(ar.failed);
        w.key("gates").begin_array();
        for (const GateResult& g : ar.gates) write_gate(w, g, lang);
        w.end_array();
        w.key("id").string(ar.def->id);
        w.key("missing").number(ar.missing);
        w.key("name").string(ar.def->name.get(lang));
        w.key("passed").number(ar.passed);
        w.key("status").string(award_status_id(ar.status));
        w.key("status_text").string(award_status_text(ar.status).get(lang));
        w.end_object();
    }
    w.end_array();
    if (r.score.model) write_self_score(w.key("self_score"), r.score, lang);
    w.end_object();
}

static void write_points(JsonWriter& w, const Rational& points) { w.value(Json(std::stod(format_points(points)))); }

static void write_self_score(JsonWriter& w, const SelfScore& s, Lang lang) {
    w.begin_object();
    w.key("available").number(s.model->total);
    w.key("categories").begin_array();
    for (const CategoryScore& c : s.categories) {
        w.begin_object();
        w.key("available").number(c.def->points);
        write_points(w.key("earned"), c.earned);
        w.key("id").string(c.def->id);
        w.key("items").number((int64_t)c.def->items.size());
        w.key("name").string(c.def->name.get(lang));
        w.key("scored").number(c.scored);
        w.end_object();
    }
    w.end_array();
    w.key("items").begin_array();
    for (const ItemScore& it : s.items) {
        w.begin_object();
        if (it.scored) {
            const ScoreBand& b = s.model->bands[(size_t)it.band];
            w.key("band").string(b.min == b.max ? std::to_string(b.min) + "%" : std::to_string(b.min) + "-" + std::to_string(b.max) + "%");
            write_points(w.key("earned"), it.earned);
        }
        w.key("id").string(it.def->id);
        if (!it.improvement.empty()) w.key("improvement").string(it.improvement);
        if (it.scored) write_points(w.key("lost"), it.lost);
        w.key("name").string(it.def->name.get(lang));
        if (it.scored) w.key("percent").number(it.percent);
        w.key("points").number(it.def->points);
        w.key("scored").boolean(it.scored);
        if (!it.strength.empty()) w.key("strength").string(it.strength);
        w.end_object();
    }
    w.end_array();
    w.key("items_total").number((int64_t)s.items.size());
    w.key("model").string(s.model->id);
    if (s.has_reference) {
        write_points(w.key("reference"), s.reference);
        write_points(w.key("reference_gap"), s.reference_gap);
    }
    w.key("scored").number(s.scored);
    w.key("top_lost").begin_array();
    for (size_t i : s.top_lost) w.string(s.items[i].def->id);
    w.end_array();
    write_points(w.key("total"), s.total);
    w.key("unscored_categories").begin_array();
    for (size_t c : s.unscored) {
        const CategoryScore& cs = s.categories[c];
        w.begin_object();
        w.key("id").string(cs.def->id);
        w.key("name").string(cs.def->name.get(lang));
        w.key("points").number(cs.unscored_points);
        w.key("text").string(cs.unscored_text.get(lang));
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace qcity
