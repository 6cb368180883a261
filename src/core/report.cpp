// qcity core — year over year, the roll-up matrix, and the printable HTML report.
//
// The report is what leaves the machine on paper or as a file sent upward, and what a screen reader
// can read (the app's canvas cannot be read). It is one self-contained HTML document: no scripts,
// no external resources, inline CSS and SVG; headings and tables with captions and scoped headers;
// A4 print rules (a major section starts a page, rows never split, table headers repeat).
//
// Index of this file
// [SECTION] Helpers: rationals, HTML escaping
// [SECTION] Year over year
// [SECTION] Roll-up matrix
// [SECTION] Report: style sheet
// [SECTION] Report: parts (header, summary, indicator tables, readiness, matrix, problems)
// [SECTION] Report: document

#include "core_internal.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers: rationals, HTML escaping
//-------------------------------------------------------------------------------------------------

namespace {

// a − b, exact (the values compared here are percentages and counts: far from overflowing).
Rational minus(const Rational& a, const Rational& b) {
    __int128 n = (__int128)a.num * b.den - (__int128)b.num * a.den;
    __int128 d = (__int128)a.den * b.den;
    while (d > INT64_MAX || n > INT64_MAX || n < INT64_MIN) { n /= 2; d /= 2; }
    return Rational::of((int64_t)n, (int64_t)std::max<__int128>(d, 1));
}

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char ch : s) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ch;
        }
    }
    return out;
}

const char* L(Lang lang, const char* zh, const char* en) { return lang == Lang::en ? en : zh; }

// A number of the value's unit with no more decimals than it needs (one at most for a fraction).
// A number of the value's unit with one decimal, or as many more (up to four) as a small change
// needs to show a digit: a real change never reads "0.0".
std::string amount(const Rational& v) {
    Rational a = Rational::of(v.num < 0 ? -v.num : v.num, v.den);
    if (a.den == 1) return format_rational(a, 0);
    for (int decimals = 1; decimals <= 4; ++decimals) {
        std::string t = format_rational(a, decimals);
        if (t.find_first_of("123456789") != std::string::npos) return t;
    }
    return "< 0.0001";
}

// "1 point", "2.5 points": the English noun after a number of points as shown.
std::string points_en(const std::string& n) { return n + (plural_category(Lang::en, n) == Plural::one ? " point" : " points"); }

}  // namespace

std::string indicator_note(const Assessment& a, const IndicatorDef& d) {
    std::string out;
    auto add = [&](const std::string& key) {
        auto n = a.notes.find(key);
        if (n == a.notes.end() || n->second.empty() || out.find(n->second) != std::string::npos) return;
        out += (out.empty() ? "" : "; ") + n->second;
    };
    add(d.id);
    for (const std::string& k : d.inputs()) add(k);
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Year over year
//-------------------------------------------------------------------------------------------------

std::vector<IndicatorChange> year_over_year(const Catalog& c, const Evaluation& now, const Evaluation& before) {
    std::map<std::string, const IndicatorResult*> last;
    for (const IndicatorResult& r : before.results) last[r.def->id] = &r;
    std::vector<IndicatorChange> out;
    for (const IndicatorResult& r : now.results) {
        const IndicatorDef& d = *r.def;
        IndicatorChange ch;
        ch.id = d.id;
        ch.name = d.name;
        auto it = last.find(d.id);
        if (it == last.end()) {
            ch.presence = Presence::this_year_only;
            ch.text = Text{"本年新增指标（上年目录中没有）", "new this year (not in last year's catalog)"};
            out.push_back(std::move(ch));
            continue;
        }
        const IndicatorResult& p = *it->second;
        last.erase(it);
        if (!r.has_value || !p.has_value) {
            ch.text = !p.has_value && !r.has_value ? Text{"两年均无数据", "no value either year"}
                    : !p.has_value ? Text{"上年无数据", "no value last year"} : Text{"本年无数据", "no value this year"};
            out.push_back(std::move(ch));
            continue;
        }
        ch.comparable = true;
        bool yes_no = d.kind == Kind::flag || (d.kind == Kind::info && r.raw.is_boolean() && p.raw.is_boolean());
        if (yes_no) {
            // Flags, and information indicators on a yes/no figure (高新技术企业): "否 → 是", not "↑ 1".
            bool a = d.kind == Kind::flag ? p.value.num != 0 : p.raw.get<bool>();
            bool b = d.kind == Kind::flag ? r.value.num != 0 : r.raw.get<bool>();
            ch.direction = a == b ? 0 : (b ? 1 : -1);
            ch.delta = Rational::of((b ? 1 : 0) - (a ? 1 : 0));
            ch.text = a == b ? Text{"持平", "no change"}
                             : Text{std::string(a ? "是" : "否") + " → " + (b ? "是" : "否"), std::string(a ? "yes" : "no") + " → " + (b ? "yes" : "no")};
        } else if (d.kind == Kind::rating || (d.kind == Kind::info && !r.value_enum.empty())) {
            const FigureDef* f = c.figure(d.figure);
            const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
            int ra = e ? e->rank(p.value_enum) : -1, rb = e ? e->rank(r.value_enum) : -1;
            ch.direction = rb > ra ? 1 : rb < ra ? -1 : 0;
            ch.delta = Rational::of(rb - ra);
            ch.text = ch.direction == 0 ? Text{"持平", "no change"} : Text{p.value_enum + " → " + r.value_enum, p.value_enum + " → " + r.value_enum};
        } else {
            ch.delta = minus(r.value, p.value);
            ch.direction = ch.delta.num > 0 ? 1 : ch.delta.num < 0 ? -1 : 0;
            bool pct = d.kind == Kind::ratio || d.kind == Kind::ratio_all;
            Text unit = pct ? Text{"个百分点", "pp"} : d.value_unit;
            if (ch.direction == 0) {
                ch.text = Text{"持平", "no change"};
            } else {
                std::string arrow = ch.direction > 0 ? "↑ " : "↓ ";
                std::string n = amount(ch.delta);
                const std::string& en = unit.get(Lang::en, n);   // "↑ 1 award", "↑ 2 awards"
                ch.text = Text{arrow + n + (unit.zh.empty() ? "" : " " + unit.zh), arrow + n + (en.empty() ? "" : " " + en)};
            }
        }
        out.push_back(std::move(ch));
    }
    // Last year's indicators this year's catalog no longer has, in last year's order.
    for (const IndicatorResult& r : before.results) {
        if (!last.count(r.def->id)) continue;
        IndicatorChange ch;
        ch.id = r.def->id;
        ch.name = r.def->name;
        ch.presence = Presence::last_year_only;
        ch.text = Text{"仅上年有（本年目录中没有）", "last year only (not in this year's catalog)"};
        out.push_back(std::move(ch));
    }
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Roll-up matrix
//-------------------------------------------------------------------------------------------------

RollupMatrix rollup_matrix(const Catalog& c, const std::vector<Assessment>& counties, const Rollup& r) {
    RollupMatrix m;
    for (const IndicatorDef& d : c.indicators)
        if (d.profile == Profile::county) m.indicators.push_back(&d);
    for (const Assessment& a : counties) {
        m.units.push_back(a.unit);
        Evaluation e = evaluate(c, a);
        m.cells.push_back(std::move(e.results));  // the county profile's indicators, catalog order
    }
    m.city_evaluation = evaluate(c, r.city);
    m.city = m.city_evaluation.results;
    return m;
}

std::string rollup_matrix_csv(const Catalog& c, const RollupMatrix& m, Lang lang) {
    CsvRows rows;
    std::vector<std::string> head{L(lang, "单位", "unit")};
    for (const IndicatorDef* d : m.indicators) {
        std::string unit = d->value_unit.get(lang);
        head.push_back(d->name.get(lang) + (unit.empty() ? "" : " (" + unit + ")"));
        head.push_back(d->name.get(lang) + L(lang, " 状态", " status"));
    }
    rows.push_back(head);
    auto row = [&](const std::string& unit, const std::vector<IndicatorResult>& results) {
        std::vector<std::string> cells{unit};
        for (const IndicatorResult& r : results) {
            cells.push_back(r.has_value ? display_value(c, r, lang) : "");
            cells.push_back(status_text(r.status).get(lang));
        }
        rows.push_back(std::move(cells));
    };
    for (size_t i = 0; i < m.units.size(); ++i) row(m.units[i], m.cells[i]);
    row(L(lang, "全市", "City"), m.city);
    return write_csv(rows);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Report: style sheet
//-------------------------------------------------------------------------------------------------

namespace {

// Print first: A4 with margins; a major section starts a new page; rows and charts never split;
// table headers repeat on each page. On screen it is a plain readable page.
const char* kReportCss = R"CSS(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       font-size: 10.5pt; line-height: 1.45; color: #1b1b1b; margin: 0 auto; max-width: 1100px; padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 13.5pt; margin: 18px 0 6px; border-bottom: 2px solid #2f5f9a; padding-bottom: 2px; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12px 0 4px; break-after: avoid; }
p.meta { color: #444; margin: 2px 0; }
p.note { color: #555; font-size: 9pt; }
section.major { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; table-layout: fixed; }
col.name { width: 15%; } col.value { width: 7.5%; } col.target { width: 9%; } col.status { width: 7%; }
col.chart { width: 104px; } col.change { width: 8%; } col.note { width: 9.5%; } col.clause { width: 6.5%; }
td, th { overflow-wrap: anywhere; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border: 1px solid #c8ccd2; padding: 3px 5px; vertical-align: top; text-align: left; }
thead th { background: #e6ecf4; }
thead { display: table-header-group; }
tr, svg, .chip { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.chip { display: inline-block; padding: 0 5px; border: 1px solid; border-radius: 3px; white-space: nowrap; font-size: 9.5pt; }
.met { color: #1a7f3c; border-color: #1a7f3c; background: #eaf6ee; }
.not_met, .failed, .not_eligible { color: #b3261e; border-color: #b3261e; background: #fbeceb; }
.missing, .incomplete { color: #555; border-color: #888; background: #f1f1f1; }
.invalid { color: #a04d00; border-color: #c86400; background: #fff3e6; }
.info, .not_applicable, .waived { color: #2b5aa6; border-color: #2b5aa6; background: #edf2fb; }
.passed, .eligible { color: #1a7f3c; border-color: #1a7f3c; background: #eaf6ee; }
.up { color: #1a7f3c; } .down { color: #b3261e; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 6px 0; }
dl.summary dt { color: #444; } dl.summary dd { margin: 0; font-weight: 600; }
table.matrix { font-size: 8.5pt; table-layout: auto; }
table.matrix th, table.matrix td { padding: 2px 3px; }
footer { margin-top: 18px; color: #666; font-size: 8.5pt; border-top: 1px solid #ccc; padding-top: 4px; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
)CSS";

//-------------------------------------------------------------------------------------------------
// [SECTION] Report: parts (header, summary, indicator tables, readiness, matrix, problems)
//-------------------------------------------------------------------------------------------------

std::string chip(const std::string& cls, const std::string& text) {
    return "<span class=\"chip " + cls + "\">" + esc(text) + "</span>";
}

// An inline SVG bullet chart: the track, the value's bar, a tick at the target. It carries an
// accessible name with the numbers, so the chart is never the only carrier of the value.
std::string bullet_svg(const Catalog& c, const IndicatorResult& r, Lang lang) {
    const IndicatorDef& d = *r.def;
    bool numeric = d.kind != Kind::flag && d.kind != Kind::rating && d.kind != Kind::info;
    if (!r.has_value || !r.has_target || !numeric) return "";
    double v = r.value.to_double(), t = r.target.to_double();
    double max = (d.kind == Kind::ratio || d.kind == Kind::ratio_all) ? 100.0 : std::max(t * 1.25, v * 1.05);
    if (max <= 0) max = 1.0;
    const double w = 96.0;
    double vx = std::min(1.0, std::max(0.0, v / max)) * w, tx = std::min(1.0, std::max(0.0, t / max)) * w;
    const char* color = r.status == Status::met ? "#1a7f3c" : r.status == Status::not_met ? "#b3261e" : "#888";
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "<svg width=\"96\" height=\"14\" viewBox=\"0 0 96 14\" role=\"img\" aria-label=\"%s\">"
                  "<rect x=\"0\" y=\"2\" width=\"96\" height=\"10\" fill=\"#e1e4e8\"/>"
                  "<rect x=\"0\" y=\"4\" width=\"%.1f\" height=\"6\" fill=\"%s\"/>"
                  "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"14\" stroke=\"#1e1e1e\" stroke-width=\"2\"/></svg>",
                  esc(display_value(c, r, lang) + " / " + display_target(c, r, lang)).c_str(), vx, color, tx, tx);
    return buf;
}

std::string header_html(const ReportInput& in) {
    const Assessment& a = *in.assessment;
    const Catalog& c = *in.catalog;
    Lang lang = in.lang;
    bool city = in.evaluation->city;
    std::string profile = city ? L(lang, "全市汇总", "City roll-up")
                        : a.profile == Profile::enterprise ? L(lang, "企业自评", "Enterprise self-check") : L(lang, "县级评估", "County assessment");
    std::string title = std::string(L(lang, "质量强市自评报告", "Quality city self-assessment report"));
    std::string h = "<header>\n<h1>" + esc(title) + "：" + esc(a.unit) + " " + std::to_string(a.year) + "</h1>\n";
    if (lang == Lang::en) h = "<header>\n<h1>" + esc(title) + ": " + esc(a.unit) + " " + std::to_string(a.year) + "</h1>\n";
    h += "<p class=\"meta\">" + esc(profile) + " · " + esc(L(lang, "评估年度 ", "Year ")) + std::to_string(a.year) + " · " +
         esc(L(lang, "导出日期 ", "Exported ")) + esc(in.exported.empty() ? "—" : in.exported) + "</p>\n";
    h += "<p class=\"meta\">" + esc(L(lang, "依据：", "Targets from: ")) + esc(c.source_title.get(lang)) + "（" + esc(c.source_issuer.get(lang)) +
         "，" + esc(c.source_date) + "）</p>\n";
    if (in.changes) h += "<p class=\"meta\">" + esc(L(lang, "与上年对比：", "Compared with: ")) + std::to_string(in.last_year) + "</p>\n";
    return h + "</header>\n";
}

std::string summary_html(const ReportInput& in) {
    const Summary& s = in.evaluation->summary;
    Lang lang = in.lang;
    auto item = [&](const char* zh, const char* en, const std::string& v) {
        return "<dt>" + esc(L(lang, zh, en)) + "</dt><dd>" + esc(v) + "</dd>";
    };
    std::string h = "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">" + esc(L(lang, "概况", "Summary")) + "</h2>\n<dl class=\"summary\">";
    h += item("达标", "Met", std::to_string(s.met));
    h += item("未达标", "Not met", std::to_string(s.not_met));
    h += item("缺数据", "Missing data", std::to_string(s.missing));
    h += item("数据有误", "Invalid data", std::to_string(s.invalid));
    h += item("不适用", "Not applicable", std::to_string(s.not_applicable));
    h += item("仅供参考", "For information", std::to_string(s.info));
    h += item("数据完整度", "Completeness", format_rational(Rational::of((int64_t)(s.completeness() * 1000 + 0.5), 10), 1, Round::down) + " %");
    return h + "</dl>\n</section>\n";
}

std::string indicator_tables_html(const ReportInput& in) {
    const Catalog& c = *in.catalog;
    const Assessment& a = *in.assessment;
    const Evaluation& e = *in.evaluation;
    Lang lang = in.lang;
    std::map<std::string, const IndicatorChange*> changes;
    if (in.changes)
        for (const IndicatorChange& ch : *in.changes) changes[ch.id] = &ch;
    std::string h = "<section aria-labelledby=\"indicators\">\n<h2 id=\"indicators\">" + esc(L(lang, "指标", "Indicators")) + "</h2>\n";
    for (const GroupDef& g : c.groups) {
        if (g.profile != a.profile) continue;
        std::string rows;
        for (const IndicatorResult& r : e.results) {
            const IndicatorDef& d = *r.def;
            if (d.group != g.id) continue;
            std::string detail = !r.shortfall_text.empty() ? r.shortfall_text.get(lang) : r.reason.get(lang);
            if (r.status == Status::not_met && !d.advice.empty()) detail += (detail.empty() ? "" : L(lang, "。建议：", ". Advice: ")) + d.advice.get(lang);
            std::string note = indicator_note(a, d);
            rows += "<tr><th scope=\"row\">" + esc(d.name.get(lang)) + "</th><td class=\"num\">" + esc(display_value(c, r, lang)) +
                    "</td><td class=\"num\">" + esc(display_target(c, r, lang)) + "</td><td>" + chip(status_id(r.status), status_text(r.status).get(lang)) +
                    "</td><td>" + bullet_svg(c, r, lang) + "</td><td>" + esc(detail) + "</td>";
            if (in.changes) {
                auto ch = changes.find(d.id);
                std::string cls = ch == changes.end() ? "" : ch->second->direction > 0 ? " class=\"up\"" : ch->second->direction < 0 ? " class=\"down\"" : "";
                rows += "<td" + cls + ">" + (ch == changes.end() ? "" : esc(ch->second->text.get(lang))) + "</td>";
            }
            rows += "<td>" + esc(note) + "</td><td>" + esc(d.clause) + "</td></tr>\n";
        }
        if (rows.empty()) continue;
        h += "<table>\n<caption>" + esc(g.name.get(lang)) + "（" + esc(g.clause) + "）</caption>\n<colgroup><col class=\"name\"><col class=\"value\">"
             "<col class=\"target\"><col class=\"status\"><col class=\"chart\"><col class=\"detail\">" +
             std::string(in.changes ? "<col class=\"change\">" : "") + "<col class=\"note\"><col class=\"clause\"></colgroup>\n<thead><tr>";
        std::vector<std::string> cols = {L(lang, "指标", "Indicator"), L(lang, "数值", "Value"), L(lang, "目标", "Target"),
                                         L(lang, "状态", "Status"), L(lang, "图示", "Chart"), L(lang, "差距与建议", "Shortfall and advice")};
        if (in.changes) cols.push_back(L(lang, "较上年", "Change"));
        cols.push_back(L(lang, "备注", "Note"));
        cols.push_back(L(lang, "条款", "Clause"));
        for (const std::string& col : cols) h += "<th scope=\"col\">" + esc(col) + "</th>";
        h += "</tr></thead>\n<tbody>\n" + rows + "</tbody>\n</table>\n";
    }
    // Indicators only last year's catalog had: said, not silently dropped.
    if (in.changes) {
        std::string gone;
        for (const IndicatorChange& ch : *in.changes)
            if (ch.presence == Presence::last_year_only) gone += "<li>" + esc(ch.name.get(lang)) + "：" + esc(ch.text.get(lang)) + "</li>";
        if (!gone.empty()) h += "<h3>" + esc(L(lang, "仅上年有的指标", "Indicators of last year only")) + "</h3><ul>" + gone + "</ul>\n";
    }
    return h + "</section>\n";
}

std::string readiness_html(const ReadinessResult& r, Lang lang) {
    std::string h = "<section class=\"major\" aria-labelledby=\"readiness\">\n<h2 id=\"readiness\">" + esc(L(lang, "评奖准备", "Award readiness")) + "</h2>\n";
    h += "<p class=\"note\">" + esc(L(lang, "申报条件摘自所列文件，门槛可按当年申报通知调整；以评奖机构当年发布的申报通知为准。",
                                       "The conditions come from the documents listed; thresholds may be adjusted to this year's notice. The award office's current notice prevails.")) + "</p>\n";
    for (const AwardResult& ar : r.awards) {
        h += "<h3>" + esc(ar.def->name.get(lang)) + " " + chip(award_status_id(ar.status), award_status_text(ar.status).get(lang)) + "</h3>\n";
        h += "<table>\n<caption>" + esc(L(lang, "申报条件", "Conditions")) + "</caption>\n<thead><tr><th scope=\"col\">" + esc(L(lang, "条件", "Condition")) +
             "</th><th scope=\"col\">" + esc(L(lang, "本企业", "Enterprise")) + "</th><th scope=\"col\">" + esc(L(lang, "状态", "Status")) +
             "</th><th scope=\"col\">" + esc(L(lang, "说明", "Note")) + "</th><th scope=\"col\">" + esc(L(lang, "出处", "Source")) + "</th></tr></thead>\n<tbody>\n";
        for (const GateResult& g : ar.gates) {
            const SourceDef* s = ar.def->source(g.def->source);
            std::string req = g.requirement.get(lang) + (g.adjusted ? L(lang, "（已按当年通知调整）", " (adjusted to this year's notice)") : "");
            h += "<tr><th scope=\"row\">" + esc(req) + "</th><td>" + esc(g.value.get(lang)) + "</td><td>" +
                 chip(gate_status_id(g.status), gate_status_text(g.status).get(lang)) + "</td><td>" + esc(g.reason.get(lang)) + "</td><td>" +
                 esc((s ? s->title.get(lang) : g.def->source) + " " + g.def->clause) + "</td></tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }
    const SelfScore& s = r.score;
    if (!s.model || s.scored == 0) return h + "</section>\n";
    h += "<h3>" + esc(s.model->name.get(lang)) + "</h3>\n";
    h += "<p>" + esc(L(lang, "自评总分 ", "Self-score ")) + "<strong>" + esc(format_points(s.total)) + "</strong> / " + std::to_string(s.model->total) +
         esc(lang == Lang::en ? " points (" + std::to_string(s.scored) + " of " + std::to_string(s.items.size()) + (s.items.size() == 1 ? " item scored)" : " items scored)")
                              : " 分（已评 " + std::to_string(s.scored) + "/" + std::to_string(s.items.size()) + " 个条款）");
    if (s.has_reference)
        h += esc(lang == Lang::en ? "; reference line " + format_points(s.reference) + (s.reference_gap.num > 0 ? ", " + points_en(format_points(s.reference_gap)) + " below" : ", reached")
                                  : "；参考线 " + format_points(s.reference) + (s.reference_gap.num > 0 ? "，还差 " + format_points(s.reference_gap) + " 分" : "，已达到"));
    h += "</p>\n<table>\n<caption>" + esc(L(lang, "各类目得分", "Points by category")) + "</caption>\n<thead><tr><th scope=\"col\">" +
         esc(L(lang, "类目", "Category")) + "</th><th scope=\"col\">" + esc(L(lang, "得分", "Earned")) + "</th><th scope=\"col\">" +
         esc(L(lang, "满分", "Available")) + "</th><th scope=\"col\">" + esc(L(lang, "图示", "Chart")) + "</th></tr></thead>\n<tbody>\n";
    for (const CategoryScore& cs : s.categories) {
        double frac = cs.earned.to_double() / cs.def->points;
        char svg[256];
        std::snprintf(svg, sizeof svg,
                      "<svg width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" aria-hidden=\"true\"><rect x=\"0\" y=\"1\" width=\"160\" height=\"10\" fill=\"#e1e4e8\"/>"
                      "<rect x=\"0\" y=\"1\" width=\"%.1f\" height=\"10\" fill=\"#2b5aa6\"/></svg>", std::min(1.0, frac) * 160.0);
        h += "<tr><th scope=\"row\">" + esc(cs.def->id + " " + cs.def->name.get(lang)) + "</th><td class=\"num\">" + esc(format_points(cs.earned)) +
             "</td><td class=\"num\">" + std::to_string(cs.def->points) + "</td><td>" + svg + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n<table>\n<caption>" + esc(L(lang, "逐条评分", "Item scores")) + "</caption>\n<thead><tr><th scope=\"col\">" +
         esc(L(lang, "条款", "Item")) + "</th><th scope=\"col\">" + esc(L(lang, "得分率", "Score")) + "</th><th scope=\"col\">" + esc(L(lang, "得分", "Points")) +
         "</th><th scope=\"col\">" + esc(L(lang, "优势", "Strengths")) + "</th><th scope=\"col\">" + esc(L(lang, "改进机会", "Opportunities for improvement")) +
         "</th></tr></thead>\n<tbody>\n";
    for (const ItemScore& it : s.items) {
        if (!it.scored && it.strength.empty() && it.improvement.empty()) continue;
        h += "<tr><th scope=\"row\">" + esc(it.def->id + " " + it.def->name.get(lang)) + "</th><td class=\"num\">" +
             (it.scored ? std::to_string(it.percent) + " %" : esc(L(lang, "未评分", "not scored"))) + "</td><td class=\"num\">" +
             (it.scored ? esc(format_points(it.earned)) + " / " + std::to_string(it.def->points) : "") + "</td><td>" + esc(it.strength) + "</td><td>" +
             esc(it.improvement) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";
    if (!s.top_lost.empty()) {
        h += "<h3>" + esc(L(lang, "失分最多的条款", "Items losing the most points")) + "</h3>\n<ol>";
        for (size_t i : s.top_lost) {
            const ItemScore& it = s.items[i];
            h += "<li>" + esc(it.def->id + " " + it.def->name.get(lang)) + esc(lang == Lang::en ? ": loses " + points_en(format_points(it.lost))
                                                                                                : "：失 " + format_points(it.lost) + " 分") + "</li>";
        }
        h += "</ol>\n";
    }
    return h + "</section>\n";
}

std::string matrix_html(const Catalog& c, const RollupMatrix& m, const Rollup* r, Lang lang) {
    std::string h = "<section class=\"major\" aria-labelledby=\"matrix\">\n<h2 id=\"matrix\">" + esc(L(lang, "各县（市、区）对比", "Counties compared")) + "</h2>\n";
    // Indicators as rows and counties as columns: eleven columns fit A4 where forty would not.
    h += "<table class=\"matrix\">\n<caption>" + esc(L(lang, "各单位按本单位配额评价；全市列按全市目标评价", "Each county judged against its quota; the city against the full targets")) +
         "</caption>\n<thead><tr><th scope=\"col\">" + esc(L(lang, "指标", "Indicator")) + "</th>";
    for (const std::string& u : m.units) h += "<th scope=\"col\">" + esc(u) + "</th>";
    h += "<th scope=\"col\">" + esc(L(lang, "全市", "City")) + "</th></tr></thead>\n<tbody>\n";
    for (size_t k = 0; k < m.indicators.size(); ++k) {
        h += "<tr><th scope=\"row\">" + esc(m.indicators[k]->name.get(lang)) + "</th>";
        auto cell = [&](const IndicatorResult& ir) {
            return "<td>" + esc(ir.has_value ? display_value(c, ir, lang) : "—") + "<br>" + chip(status_id(ir.status), status_text(ir.status).get(lang)) + "</td>";
        };
        for (const auto& row : m.cells) h += k < row.size() ? cell(row[k]) : "<td></td>";
        h += k < m.city.size() ? cell(m.city[k]) : "<td></td>";
        h += "</tr>\n";
    }
    h += "</tbody>\n</table>\n";
    if (r && !r->missing.empty()) {
        h += "<h3>" + esc(L(lang, "缺少的数据", "Missing figures")) + "</h3>\n<ul>";
        for (const auto& [key, units] : r->missing) {
            const FigureDef* f = c.figure(key);
            std::string us;
            for (const std::string& u : units) us += (us.empty() ? "" : L(lang, "、", ", ")) + u;
            h += "<li>" + esc(f ? f->name.get(lang) : key) + esc(L(lang, "：", ": ")) + esc(us) + "</li>";
        }
        h += "</ul>\n";
    }
    return h + "</section>\n";
}

std::string problems_html(const Evaluation& e, Lang lang) {
    if (e.problems.empty()) return "";
    std::string h = "<section aria-labelledby=\"problems\">\n<h2 id=\"problems\">" + esc(L(lang, "数据问题", "Data problems")) + "</h2>\n<ul>";
    for (const Problem& p : e.problems)
        h += "<li>" + esc(p.severity == Severity::error ? L(lang, "错误：", "Error: ") : L(lang, "提示：", "Warning: ")) + esc(p.message.get(lang)) + "</li>";
    return h + "</ul>\n</section>\n";
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Report: document
//-------------------------------------------------------------------------------------------------

std::string report_html(const ReportInput& in) {
    if (!in.catalog || !in.assessment || !in.evaluation) return {};
    Lang lang = in.lang;
    std::string title = std::string(L(lang, "质量强市自评报告 - ", "Quality city self-assessment - ")) + in.assessment->unit + " " + std::to_string(in.assessment->year);
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(L(lang, "zh-CN", "en")) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title) + "</title>\n<style>" + kReportCss +
                    "</style>\n</head>\n<body>\n";
    h += header_html(in);
    h += "<main>\n";
    h += summary_html(in);
    h += indicator_tables_html(in);
    if (in.matrix) h += matrix_html(*in.catalog, *in.matrix, in.rollup, lang);
    if (in.readiness && in.assessment->profile == Profile::enterprise) h += readiness_html(*in.readiness, lang);
    h += problems_html(*in.evaluation, lang);
    h += "</main>\n<footer>" + esc(L(lang, "由 qcity 在本机生成；填报数据未上传。", "Made by qcity on this computer; the figures were not uploaded.")) +
         " " + esc(in.catalog->id) + "</footer>\n</body>\n</html>\n";
    return h;
}

}  // namespace qcity
