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
#include <cstring>
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
        m.submission.push_back((int)check_submission(c, a).state);
    }
    m.city_evaluation = evaluate(c, r.city);
    m.city = m.city_evaluation.results;
    m.units_expected = r.units_expected > 0 ? r.units_expected : (int)c.units.size();
    return m;
}

std::string rollup_matrix_csv(const Catalog& c, const RollupMatrix& m, Lang lang) {
    CsvRows rows;
    // Identity rows first, as in the figures table ("#", not "@", which Excel takes for a formula):
    // how many units the city's figures sum, then the same as a sentence.
    rows.push_back({"#units_included", std::to_string(m.units_included())});
    rows.push_back({"#units_expected", std::to_string(m.units_expected)});
    std::string note = units_included_text(m.units_included(), m.units_expected).get(lang);
    if (m.partial()) note += (lang == Lang::en ? ". " : "。") + provisional_note(m.units_included(), m.units_expected).get(lang);
    rows.push_back({"#note", note});
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
            cells.push_back(detail::result_cells(c, r, lang).value);
            cells.push_back(detail::status_words(r, lang));
        }
        rows.push_back(std::move(cells));
    };
    for (size_t i = 0; i < m.units.size(); ++i) row(unit_display_name(c, Profile::county, m.units[i], lang), m.cells[i]);
    row(L(lang, "全市", "City"), m.city);
    return write_csv(rows);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Report: style sheet
//-------------------------------------------------------------------------------------------------

namespace {

// Print first: A4 portrait (186 mm between the margins). Every table has fixed column widths that
// add up to the page, and every cell wraps: nothing is positioned over anything, so no text can run
// under another. Chinese line breaking is strict (no line starts with "，。、；：）」”"), and a number
// with its sign or percent ("1,000", "≥ 95 %") is one unbreakable piece (span.n). A major section
// starts a page; headings and captions stay with the rows below them; a table's first and last
// three rows stay together, so no page holds a table's lone first row; rows never split; header
// rows repeat on each page. On screen it is a plain readable page.
// The sheet itself is assets/report/report.css (embedded; the web build's deferred wasm carries it,
// as only report code reads it).
std::string_view report_css() { return embedded("report/report.css"); }

//-------------------------------------------------------------------------------------------------
// [SECTION] Report: parts (header, summary, indicator tables, readiness, matrix, problems)
//-------------------------------------------------------------------------------------------------

bool ascii_digit(char ch) { return ch >= '0' && ch <= '9'; }
bool ascii_alnum(char ch) { return ascii_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

// Escaped text in which each number that a line could otherwise break inside or beside is one
// unbreakable piece: a number with a thousands separator or decimal point ("1,000", "7.13"),
// with its sign before it ("≥ 95", "↑ 0.9", "= 100") or its percent after it ("95.5 %").
std::string txt(std::string_view s) {
    static const char* const kSigns[] = {"\xE2\x89\xA5 ", "\xE2\x86\x91 ", "\xE2\x86\x93 ", "= "};  // ≥ ↑ ↓ =
    std::string out;
    out.reserve(s.size() + 16);
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i, p = i;
        bool sign = false;
        for (const char* sg : kSigns) {
            size_t n = std::strlen(sg);
            if (s.compare(p, n, sg) == 0 && p + n < s.size() && ascii_digit(s[p + n])) { p += n; sign = true; break; }
        }
        bool starts_number = ascii_digit(s[p]) && (sign || p == 0 || !(ascii_alnum(s[p - 1]) || s[p - 1] == '.' || s[p - 1] == ','));
        if (!starts_number) {
            out += esc(s.substr(i, 1));
            ++i;
            continue;
        }
        bool grouped = false;
        while (p < s.size()) {
            if (ascii_digit(s[p])) { ++p; continue; }
            if ((s[p] == ',' || s[p] == '.') && p + 1 < s.size() && ascii_digit(s[p + 1])) { grouped = true; ++p; continue; }
            break;
        }
        bool percent = false;
        if (s.compare(p, 2, " %") == 0) { p += 2; percent = true; }
        else if (p < s.size() && s[p] == '%') { p += 1; percent = true; }
        std::string piece = esc(s.substr(start, p - start));
        out += sign || grouped || percent ? "<span class=\"n\">" + piece + "</span>" : piece;
        i = p;
    }
    return out;
}

// A value as shown ("7.13 批次/千人"): the number as txt() makes it, and a unit without spaces kept
// whole ("批次/千人" never ends a line with "批次/千"); a unit of words ("batches per 1,000 people")
// wraps between them.
std::string value_html(const std::string& shown) {
    size_t sp = shown.find(' ');
    if (sp == std::string::npos || sp == 0 || !ascii_digit(shown[0])) return txt(shown);
    std::string unit = shown.substr(sp + 1);
    if (unit.empty() || unit.find(' ') != std::string::npos || unit == "%" || unit.size() > 18) return txt(shown);
    return txt(shown.substr(0, sp)) + " <span class=\"n\">" + esc(unit) + "</span>";
}

std::string chip(const std::string& cls, const std::string& text) {
    return "<span class=\"chip " + cls + "\">" + esc(text) + "</span>";
}

// An indicator's status as shown in a cell: a chip in words and colour; a provisional city status
// says so in the chip ("达标（暂定）", dashed); a county's contribution to a city-wide count is not
// judged here: "—".
std::string status_html(const IndicatorResult& r, Lang lang) {
    if (r.contribution) return "—";
    std::string cls = status_id(r.status);
    if (!r.provisional) return chip(cls, status_text(r.status).get(lang));
    // The mark stays whole ("（暂" never ends a line); the status column is wide enough for it.
    std::string mark = provisional_mark().get(lang);
    size_t lead = mark.find_first_not_of(' ');
    return "<span class=\"chip " + cls + " provisional\">" + esc(status_text(r.status).get(lang)) + mark.substr(0, lead) + "<span class=\"n\">" +
           esc(mark.substr(lead)) + "</span></span>";
}

// An inline SVG bullet chart under the value: the track, the value's bar, a tick at the target. It
// takes the cell's width and carries an accessible name with the numbers, so the chart is never
// the only carrier of the value.
std::string bullet_svg(const Catalog& c, const IndicatorResult& r, Lang lang) {
    const IndicatorDef& d = *r.def;
    bool numeric = d.kind != Kind::flag && d.kind != Kind::rating && d.kind != Kind::info;
    if (!r.has_value || !r.has_target || !numeric || r.contribution) return "";
    double v = r.value.to_double(), t = r.target.to_double();
    double max = (d.kind == Kind::ratio || d.kind == Kind::ratio_all) ? 100.0 : std::max(t * 1.25, v * 1.05);
    if (max <= 0) max = 1.0;
    const double w = 96.0;
    double vx = std::min(1.0, std::max(0.0, v / max)) * w, tx = std::min(1.0, std::max(0.0, t / max)) * w;
    const char* color = r.status == Status::met ? "#1a7f3c" : r.status == Status::not_met ? "#b3261e" : "#888";
    char shapes[320];
    std::snprintf(shapes, sizeof shapes,
                  "<rect x=\"0\" y=\"2\" width=\"96\" height=\"10\" fill=\"#e1e4e8\"/>"
                  "<rect x=\"0\" y=\"4\" width=\"%.1f\" height=\"6\" fill=\"%s\"/>"
                  "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"14\" stroke=\"#1e1e1e\" stroke-width=\"2\"/>", vx, color, tx, tx);
    return "<svg class=\"bar\" viewBox=\"0 0 96 14\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"" +
           esc(display_value(c, r, lang) + " / " + display_target(c, r, lang)) + "\">" + shapes + "</svg>";
}

// A table's opening: the caption, the column widths (classes styled above) and the header row.
std::string table_open(const std::string& cls, const std::string& caption, const std::vector<std::pair<const char*, std::string>>& cols) {
    std::string h = "<table class=\"" + cls + "\">\n<caption>" + caption + "</caption>\n<colgroup>";
    for (const auto& col : cols) h += std::string("<col class=\"") + col.first + "\">";
    h += "</colgroup>\n<thead><tr>";
    for (const auto& col : cols) h += "<th scope=\"col\">" + esc(col.second) + "</th>";
    return h + "</tr></thead>\n<tbody>\n";
}

// The county-level units of the catalog that a roll-up lacks (by either name), in catalog order.
std::vector<std::string> units_not_in(const Catalog& c, const std::vector<std::string>& units, Lang lang) {
    std::vector<std::string> out;
    for (const UnitDef& u : c.units) {
        bool in = std::find(units.begin(), units.end(), u.name.zh) != units.end() || std::find(units.begin(), units.end(), u.name.en) != units.end();
        if (!in) out.push_back(u.name.get(lang));
    }
    return out;
}

std::string joined(const std::vector<std::string>& v, Lang lang) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : L(lang, "、", ", ")) + s;
    return out;
}

std::string header_html(const ReportInput& in) {
    const Assessment& a = *in.assessment;
    const Catalog& c = *in.catalog;
    Lang lang = in.lang;
    bool city = in.evaluation->city;
    std::string profile = city ? L(lang, "全市汇总", "City roll-up")
                        : a.profile == Profile::enterprise ? L(lang, "企业自评", "Enterprise self-check") : L(lang, "县级评估", "County assessment");
    std::string title = std::string(L(lang, "质量强市自评报告", "Quality city self-assessment report"));
    std::string h = "<header>\n<h1>" + esc(title) + L(lang, "：", ": ") + esc(unit_display_name(c, a.profile, a.unit, lang)) + " " + std::to_string(a.year) + "</h1>\n";
    h += "<p class=\"meta\">" + esc(profile) + " · " + esc(L(lang, "评估年度 ", "Year ")) + std::to_string(a.year) + " · " +
         esc(L(lang, "导出日期 ", "Exported ")) + esc(in.exported.empty() ? "—" : in.exported) + "</p>\n";
    h += "<p class=\"meta\">" + esc(L(lang, "依据：", "Targets from: ")) + esc(c.source_title.get(lang)) + L(lang, "（", " (") + esc(c.source_issuer.get(lang)) +
         L(lang, "，", ", ") + esc(c.source_date) + L(lang, "）", ")") + "</p>\n";
    if (in.changes) h += "<p class=\"meta\">" + esc(L(lang, "与上年对比：", "Compared with: ")) + std::to_string(in.last_year) + "</p>\n";
    // A roll-up says how many units it holds and, while some are missing, which, and what that means.
    if (in.rollup) {
        const Rollup& r = *in.rollup;
        int expected = r.units_expected > 0 ? r.units_expected : (int)c.units.size();
        h += "<p class=\"meta\">" + txt(units_included_text(r.units_included(), expected).get(lang)) + "</p>\n";
        if (r.units_included() < expected) {
            std::vector<std::string> out = units_not_in(c, r.units, lang);
            h += "<p class=\"provisional\">" + txt(provisional_note(r.units_included(), expected).get(lang));
            if (!out.empty()) h += esc(L(lang, "尚未纳入：", " Not yet included: ")) + esc(joined(out, lang)) + L(lang, "。", ".");
            h += "</p>\n";
        }
    }
    return h + "</header>\n";
}

std::string summary_html(const ReportInput& in) {
    const Summary& s = in.evaluation->summary;
    Lang lang = in.lang;
    auto item = [&](const char* zh, const char* en, const std::string& v) {
        return "<dt>" + esc(L(lang, zh, en)) + "</dt><dd>" + txt(v) + "</dd>";
    };
    std::string h = "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">" + esc(L(lang, "概况", "Summary")) + "</h2>\n<dl class=\"summary\">";
    h += item("达标", "Met", std::to_string(s.met));
    h += item("未达标", "Not met", std::to_string(s.not_met));
    h += item("缺数据", "Missing data", std::to_string(s.missing));
    h += item("数据有误", "Invalid data", std::to_string(s.invalid));
    h += item("不适用", "Not applicable", std::to_string(s.not_applicable));
    h += item("仅供参考", "For information", std::to_string(s.info));
    h += item("数据完整度", "Completeness", format_rational(Rational::of((int64_t)(s.completeness() * 1000 + 0.5), 10), 1, Round::down) + " %");
    if (!in.evaluation->city)
        h += item("佐证材料", "Evidence", std::to_string(s.evidence_provided) + L(lang, "/", " of ") + std::to_string(s.evidence_expected));
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
    std::vector<std::pair<const char*, std::string>> cols = {{"name", L(lang, "指标", "Indicator")}, {"value", L(lang, "数值", "Value")},
                                                             {"target", L(lang, "目标", "Target")}, {"status", L(lang, "状态", "Status")},
                                                             {"detail", L(lang, "差距与建议", "Shortfall and advice")}};
    if (in.changes) cols.push_back({"change", L(lang, "较上年", "Change")});
    cols.push_back({"note", L(lang, "备注", "Note")});
    cols.push_back({"clause", L(lang, "条款", "Clause")});
    for (const GroupDef& g : c.groups) {
        if (g.profile != a.profile) continue;
        std::string rows;
        for (const IndicatorResult& r : e.results) {
            const IndicatorDef& d = *r.def;
            if (d.group != g.id) continue;
            std::string detail = !r.shortfall_text.empty() ? r.shortfall_text.get(lang) : r.reason.get(lang);
            if (r.status == Status::not_met && !d.advice.empty()) detail += (detail.empty() ? "" : L(lang, "。建议：", ". Advice: ")) + d.advice.get(lang);
            // A contribution to a city-wide count: the sentence stands where a target would.
            std::string target = r.contribution ? r.contribution_text.get(lang) : display_target(c, r, lang);
            rows += "<tr><th scope=\"row\">" + txt(d.name.get(lang)) + "</th><td class=\"num\">" + value_html(display_value(c, r, lang)) + bullet_svg(c, r, lang) +
                    "</td><td>" + txt(target) + "</td><td>" + status_html(r, lang) + "</td><td>" + txt(detail) + "</td>";
            if (in.changes) {
                auto ch = changes.find(d.id);
                std::string cls = ch == changes.end() ? "" : ch->second->direction > 0 ? " class=\"up\"" : ch->second->direction < 0 ? " class=\"down\"" : "";
                rows += "<td" + cls + ">" + (ch == changes.end() ? "" : txt(ch->second->text.get(lang))) + "</td>";
            }
            rows += "<td>" + txt(indicator_note(a, d)) + "</td><td>" + txt(d.clause) + "</td></tr>\n";
        }
        if (rows.empty()) continue;
        h += table_open(in.changes ? "indicators changes" : "indicators", txt(g.name.get(lang)) + L(lang, "（", " (") + txt(g.clause) + L(lang, "）", ")"), cols);
        h += rows + "</tbody>\n</table>\n";
    }
    // Indicators only last year's catalog had: said, not silently dropped.
    if (in.changes) {
        std::string gone;
        for (const IndicatorChange& ch : *in.changes)
            if (ch.presence == Presence::last_year_only) gone += "<li>" + txt(ch.name.get(lang)) + L(lang, "：", ": ") + txt(ch.text.get(lang)) + "</li>";
        if (!gone.empty()) h += "<h3>" + esc(L(lang, "仅上年有的指标", "Indicators of last year only")) + "</h3><ul>" + gone + "</ul>\n";
    }
    return h + "</section>\n";
}

// "失 12.5 分" / "loses 1 point": points with the plural form of the number shown.
std::string points_text(const Rational& p, Lang lang) {
    std::string n = format_points(p);
    return lang == Lang::en ? points_en(n) : n + " 分";
}

std::string readiness_html(const ReadinessResult& r, Lang lang) {
    std::string h = "<section class=\"major\" aria-labelledby=\"readiness\">\n<h2 id=\"readiness\">" + esc(L(lang, "评奖准备", "Award readiness")) + "</h2>\n";
    h += "<p class=\"note\">" + esc(L(lang, "申报条件摘自所列文件，门槛可按当年申报通知调整；以评奖机构当年发布的申报通知为准。",
                                       "The conditions come from the documents listed; thresholds may be adjusted to this year's notice. The award office's current notice prevails.")) + "</p>\n";
    for (const AwardResult& ar : r.awards) {
        h += "<h3>" + txt(ar.def->name.get(lang)) + " " + chip(award_status_id(ar.status), award_status_text(ar.status).get(lang)) + "</h3>\n";
        // The caption names the award: a screen reader's list of tables tells the four apart.
        h += table_open("gates", txt(lang == Lang::en ? "Conditions for " + ar.def->name.en : ar.def->name.zh + "的申报条件"),
                        {{"condition", L(lang, "条件", "Condition")}, {"entered", L(lang, "本企业", "Enterprise")}, {"status", L(lang, "状态", "Status")},
                         {"reason", L(lang, "说明", "Note")}, {"source", L(lang, "出处", "Source")}});
        for (const GateResult& g : ar.gates) {
            const SourceDef* s = ar.def->source(g.def->source);
            std::string req = g.requirement.get(lang) + (g.adjusted ? L(lang, "（已按当年通知调整）", " (adjusted to this year's notice)") : "");
            h += "<tr><th scope=\"row\">" + txt(req) + "</th><td>" + txt(g.value.get(lang)) + "</td><td>" +
                 chip(gate_status_id(g.status), gate_status_text(g.status).get(lang)) + "</td><td>" + txt(g.reason.get(lang)) + "</td><td>" +
                 txt((s ? s->title.get(lang) : g.def->source) + " " + g.def->clause) + "</td></tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }
    const SelfScore& s = r.score;
    if (!s.model || s.scored == 0) return h + "</section>\n";
    h += "<h3>" + txt(s.model->name.get(lang)) + "</h3>\n";
    h += "<p>" + esc(L(lang, "自评总分 ", "Self-score ")) + "<strong>" + esc(format_points(s.total)) + "</strong> / " + std::to_string(s.model->total) +
         txt(lang == Lang::en ? " points (" + std::to_string(s.scored) + " of " + std::to_string(s.items.size()) + (s.items.size() == 1 ? " item scored)" : " items scored)")
                              : " 分（已评 " + std::to_string(s.scored) + "/" + std::to_string(s.items.size()) + " 个条款）");
    if (s.has_reference)
        h += txt(lang == Lang::en ? "; reference line " + format_points(s.reference) + (s.reference_gap.num > 0 ? ", " + points_text(s.reference_gap, lang) + " below" : ", reached")
                                  : "；参考线 " + format_points(s.reference) + (s.reference_gap.num > 0 ? "，还差 " + points_text(s.reference_gap, lang) : "，已达到"));
    h += "</p>\n";
    h += table_open("categories", esc(L(lang, "各类目得分", "Points by category")),
                    {{"name", L(lang, "类目", "Category")}, {"earned", L(lang, "得分", "Earned")}, {"available", L(lang, "满分", "Available")},
                     {"chart", L(lang, "图示", "Chart")}});
    for (const CategoryScore& cs : s.categories) {
        double frac = cs.earned.to_double() / cs.def->points;
        char svg[320];
        std::snprintf(svg, sizeof svg,
                      "<svg class=\"bar\" viewBox=\"0 0 160 12\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect x=\"0\" y=\"1\" width=\"160\" height=\"10\" fill=\"#e1e4e8\"/>"
                      "<rect x=\"0\" y=\"1\" width=\"%.1f\" height=\"10\" fill=\"#2b5aa6\"/></svg>", std::min(1.0, frac) * 160.0);
        h += "<tr><th scope=\"row\">" + txt(cs.def->id + " " + cs.def->name.get(lang)) + "</th><td class=\"num\">" + txt(format_points(cs.earned)) +
             "</td><td class=\"num\">" + std::to_string(cs.def->points) + "</td><td>" + svg + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";
    h += table_open("items", esc(L(lang, "逐条评分", "Item scores")),
                    {{"name", L(lang, "条款", "Item")}, {"percent", L(lang, "得分率", "Score")}, {"points", L(lang, "得分", "Points")},
                     {"strength", L(lang, "优势", "Strengths")}, {"improvement", L(lang, "改进机会", "Opportunities for improvement")}});
    for (const ItemScore& it : s.items) {
        if (!it.scored && it.strength.empty() && it.improvement.empty()) continue;
        h += "<tr><th scope=\"row\">" + txt(it.def->id + " " + it.def->name.get(lang)) + "</th><td class=\"num\">" +
             (it.scored ? txt(std::to_string(it.percent) + " %") : esc(L(lang, "未评分", "not scored"))) + "</td><td class=\"num\">" +
             (it.scored ? txt(format_points(it.earned)) + " / " + std::to_string(it.def->points) : "") + "</td><td>" + txt(it.strength) + "</td><td>" +
             txt(it.improvement) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";
    if (!s.top_lost.empty()) {
        h += "<h3>" + esc(L(lang, "失分最多的条款", "Items losing the most points")) + "</h3>\n<ol>";
        for (size_t i : s.top_lost) {
            const ItemScore& it = s.items[i];
            h += "<li>" + txt(it.def->id + " " + it.def->name.get(lang)) + txt(lang == Lang::en ? ": loses " + points_text(it.lost, lang)
                                                                                                : "：失 " + points_text(it.lost, lang)) + "</li>";
        }
        h += "</ol>\n";
    }
    return h + "</section>\n";
}

// The counties in groups of at most five per table, balanced (eleven: 4, 4, 3), each table with
// the city as its last column: columns wide enough for "Yancheng Economic and Technological
// Development Zone" a word a line, and the city beside every county.
std::vector<std::pair<size_t, size_t>> matrix_chunks(size_t units) {
    const size_t most = 5;
    size_t tables = std::max<size_t>(1, (units + most - 1) / most);
    std::vector<std::pair<size_t, size_t>> out;
    size_t at = 0;
    for (size_t t = 0; t < tables; ++t) {
        size_t n = units / tables + (t < units % tables ? 1 : 0);
        out.push_back({at, at + n});
        at += n;
    }
    return out;
}

std::string matrix_html(const Catalog& c, const RollupMatrix& m, const Rollup* r, Lang lang) {
    std::string h = "<section class=\"major\" aria-labelledby=\"matrix\">\n<h2 id=\"matrix\">" + esc(L(lang, "各县（市、区）对比", "Counties compared")) + "</h2>\n";
    h += "<p class=\"meta\">" + txt(units_included_text(m.units_included(), m.units_expected).get(lang)) + "</p>\n";
    auto cell = [&](const IndicatorResult& ir) {
        return "<td>" + (ir.has_value ? value_html(display_value(c, ir, lang)) : "—") + "<br>" + status_html(ir, lang) + "</td>";
    };
    std::vector<std::pair<size_t, size_t>> chunks = matrix_chunks(m.units.size());
    for (size_t t = 0; t < chunks.size(); ++t) {
        // Indicators as rows and counties as columns.
        std::string caption = L(lang, "各单位按本单位配额评价；全市列按全市目标评价", "Each county judged against its quota; the city against the full targets");
        if (chunks.size() > 1)
            caption += lang == Lang::en ? " (" + std::to_string(t + 1) + " of " + std::to_string(chunks.size()) + ")"
                                        : "（" + std::to_string(t + 1) + "/" + std::to_string(chunks.size()) + "）";
        std::vector<std::pair<const char*, std::string>> cols = {{"name", L(lang, "指标", "Indicator")}};
        for (size_t i = chunks[t].first; i < chunks[t].second; ++i) cols.push_back({"unit", unit_display_name(c, Profile::county, m.units[i], lang)});
        cols.push_back({"unit city", L(lang, "全市", "City")});
        h += table_open("matrix", txt(caption), cols);
        for (size_t k = 0; k < m.indicators.size(); ++k) {
            h += "<tr><th scope=\"row\">" + txt(m.indicators[k]->name.get(lang)) + "</th>";
            for (size_t i = chunks[t].first; i < chunks[t].second; ++i) h += k < m.cells[i].size() ? cell(m.cells[i][k]) : "<td></td>";
            h += k < m.city.size() ? cell(m.city[k]) : "<td></td>";
            h += "</tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }
    if (m.partial()) h += "<p class=\"provisional\">" + txt(provisional_note(m.units_included(), m.units_expected).get(lang)) + "</p>\n";
    // The figures the city lacks, by county: what each office has still to send.
    if (r && !r->missing.empty()) {
        h += "<h3>" + esc(L(lang, "缺少的数据", "Missing figures")) + "</h3>\n<ul>";
        for (const std::string& u : r->units) {
            std::vector<std::string> names;
            for (const IndicatorDef* d : m.indicators)
                for (const std::string& key : d->inputs()) {
                    auto it = r->missing.find(key);
                    if (it == r->missing.end() || std::find(it->second.begin(), it->second.end(), u) == it->second.end()) continue;
                    const FigureDef* f = c.figure(key);
                    std::string name = f ? f->name.get(lang) : key;
                    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
                }
            // Figures no indicator reads (none in the shipped catalog) still show.
            for (const auto& [key, units] : r->missing) {
                if (std::find(units.begin(), units.end(), u) == units.end()) continue;
                const FigureDef* f = c.figure(key);
                std::string name = f ? f->name.get(lang) : key;
                if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
            }
            if (!names.empty()) h += "<li>" + esc(unit_display_name(c, Profile::county, u, lang)) + esc(L(lang, "：", ": ")) + txt(joined(names, lang)) + "</li>";
        }
        h += "</ul>\n";
    }
    // Whether each county's file is what it submitted (qcity freeze / verify).
    if (m.submission.size() == m.units.size() && !m.units.empty()) {
        h += "<h3>" + esc(L(lang, "提交情况", "Submissions")) + "</h3>\n<ul>";
        for (size_t i = 0; i < m.units.size(); ++i)
            h += "<li class=\"submission\">" + esc(unit_display_name(c, Profile::county, m.units[i], lang)) + esc(L(lang, "：", ": ")) +
                 esc(submission_state_text((SubmissionState)m.submission[i]).get(lang)) + "</li>";
        h += "</ul>\n";
    }
    return h + "</section>\n";
}

// The submission (qcity freeze): version, time, the hash's first 12 hex digits, and what changed since.
std::string submission_html(const Catalog& c, const Assessment& a, Lang lang) {
    if (!a.submission) return "";
    const Submission& s = *a.submission;
    SubmissionCheck check = check_submission(c, a);
    bool changed = check.state != SubmissionState::unchanged;
    std::string h = "<p class=\"meta submission" + std::string(changed ? " changed" : "") + "\">" +
                    esc(lang == Lang::zh ? "定稿提交（第 " + std::to_string(s.current.version) + " 版）：" + s.current.at + " · SHA-256 " + s.current.sha256.substr(0, 12)
                                         : "Submitted (version " + std::to_string(s.current.version) + "): " + s.current.at + " · SHA-256 " + s.current.sha256.substr(0, 12)) +
                    " · " + esc(submission_state_text(check.state).get(lang)) + "</p>\n";
    if (check.state == SubmissionState::damaged) h += "<p class=\"provisional\">" + txt(check.why.get(lang)) + "</p>\n";
    if (!check.changes.empty()) {
        h += "<p class=\"meta\">" + esc(L(lang, "提交后的改动：", "Changes since the submission:")) + "</p>\n<ul>";
        for (const ContentChange& ch : check.changes) h += "<li>" + txt(content_change_text(ch).get(lang)) + "</li>";
        h += "</ul>\n";
    }
    return h;
}

// 佐证材料 by indicator: what is provided, where it is kept, what is still missing.
std::string evidence_html(const ReportInput& in) {
    const Assessment& a = *in.assessment;
    const Evaluation& e = *in.evaluation;
    Lang lang = in.lang;
    std::string h = "<section aria-labelledby=\"evidence\">\n<h2 id=\"evidence\">" + esc(L(lang, "佐证材料索引", "Evidence index")) + "</h2>\n";
    // The caption says what the table holds in words of its own (the summary's "佐证材料 0/31" line
    // reads the same count; a caption repeating it would be two identical lines in the report).
    const std::string provided = std::to_string(e.summary.evidence_provided), expected = std::to_string(e.summary.evidence_expected);
    h += table_open("evidence", txt(lang == Lang::en ? provided + " of " + expected + " provided" : "应提供 " + expected + " 项，已提供 " + provided + " 项"),
                    {{"name", L(lang, "指标", "Indicator")}, {"status", L(lang, "状态", "Status")},
                     {"where", L(lang, "存放位置", "Where kept")}, {"note", L(lang, "说明", "Note")}});
    for (const IndicatorResult& r : e.results) {
        const Evidence* ev = evidence_of(a, r.def->id);
        EvidenceStatus st = ev ? ev->status : EvidenceStatus::missing;
        const char* cls = st == EvidenceStatus::provided ? "met" : st == EvidenceStatus::not_needed ? "not_applicable" : "missing";
        // A row header of its own class: "<tr><th scope="row">" stays the indicator's row in the results tables.
        h += "<tr><th scope=\"row\" class=\"evidence\">" + txt(r.def->name.get(lang)) + "</th><td>" + chip(cls, evidence_status_text(st).get(lang)) + "</td><td>" +
             txt(ev ? ev->where : "") + "</td><td>" + txt(ev ? ev->note : "") + "</td></tr>\n";
    }
    return h + "</tbody>\n</table>\n</section>\n";
}

// The sign-off: a column per role (填报人, 审核人, 单位负责人, 联系电话, 日期), the name filled from the file or
// the cell left blank, a line for ink; then the seal's box.
std::string signoff_html(const Assessment& a, Lang lang) {
    std::string h = "<section class=\"signoff\" aria-labelledby=\"signoff\">\n<h2 id=\"signoff\">" + esc(L(lang, "签字与盖章", "Sign-off and seal")) + "</h2>\n";
    std::vector<std::pair<const char*, std::string>> cols;
    for (const auto& [key, label] : Signoff::fields()) cols.push_back({"sign", label.get(lang)});
    h += table_open("signoff", esc(L(lang, "填报单位确认", "Confirmed by the reporting unit")), cols);
    h += "<tr>";
    for (const auto& [key, label] : Signoff::fields()) {
        const std::string* v = a.signoff.member(key);
        h += std::string("<td") + (v->empty() ? " class=\"blank\">" : ">") + txt(*v) + "</td>";
    }
    h += "</tr>\n</tbody>\n</table>\n<div class=\"seal\" role=\"img\" aria-label=\"" + esc(L(lang, "盖章处", "Place for the seal")) + "\">" +
         esc(L(lang, "（盖章）", "(Seal)")) + "</div>\n</section>\n";
    return h;
}

// The unit's years (issue 16): per indicator each year's value and the direction on the target's side;
// for an enterprise, each year's self-score per category.
std::string trends_html(const Catalog& c, const Trend& t, Lang lang) {
    if (t.years.empty()) return "";
    std::string span = std::to_string(t.years.front()) + (t.years.size() > 1 ? "–" + std::to_string(t.years.back()) : "");
    std::string h = "<section aria-labelledby=\"trends\">\n<h2 id=\"trends\">" + esc(L(lang, "历年趋势", "Trends over the years")) + "</h2>\n";
    h += "<p class=\"note\">" + esc(L(lang, "趋势按目标方向判断（从有数值的第一年到最后一年）：比率变化不超过 0.5 个百分点、得分不超过 0.5 分、其他数值不超过首年的 2 % 为持平；“—”表示该年无数值；有数值的年份不足两年或没有目标的指标无法判断；各年均无数值的指标不列出。",
                                       "Direction on the target's side, from the first year with a value to the last: within 0.5 percentage points for a rate, 0.5 points for a score, 2 % of the first year's value otherwise is steady; \"—\": no value that year; no direction with fewer than two years with a value or without a target; indicators without a value in any year are left out.")) + "</p>\n";
    std::vector<std::pair<const char*, std::string>> cols = {{"name", L(lang, "指标", "Indicator")}};
    for (int y : t.years) cols.push_back({"year", std::to_string(y)});
    cols.push_back({"direction", L(lang, "趋势", "Direction")});
    h += table_open("trend", txt(span + L(lang, " 年各指标数值", ": each indicator's value by year")), cols);
    for (const IndicatorTrend& it : t.indicators) {
        if (std::none_of(it.series.begin(), it.series.end(), [](const TrendPoint& p) { return p.result.has_value; })) continue;
        h += "<tr><th scope=\"row\">" + txt(it.def->name.get(lang)) + "</th>";
        for (const TrendPoint& p : it.series) h += "<td class=\"num\">" + (p.result.has_value ? value_html(display_value(c, p.result, lang)) : std::string("—")) + "</td>";
        const char* cls = it.direction == TrendDirection::improving ? " class=\"up\"" : it.direction == TrendDirection::worsening ? " class=\"down\"" : "";
        h += std::string("<td") + cls + ">" + esc(trend_direction_text(it.direction).get(lang)) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";
    if (!t.readiness.empty() && t.readiness.front().score.model) {
        std::vector<std::pair<const char*, std::string>> rc = {{"name", L(lang, "类目", "Category")}};
        for (const ReadinessYear& ry : t.readiness) rc.push_back({"year", std::to_string(ry.year)});
        h += table_open("trend readiness", esc(L(lang, "历年自评得分（各类目）", "Self-score by category over the years")), rc);
        const SelfScore& first = t.readiness.front().score;
        for (size_t k = 0; k < first.categories.size(); ++k) {
            const ScoreCategoryDef* def = first.categories[k].def;
            h += "<tr><th scope=\"row\">" + txt(def->id + " " + def->name.get(lang)) + "</th>";
            for (const ReadinessYear& ry : t.readiness)
                h += "<td class=\"num\">" + (k < ry.score.categories.size() && ry.score.categories[k].scored > 0
                                                  ? txt(format_points(ry.score.categories[k].earned) + " / " + std::to_string(def->points)) : std::string("—")) + "</td>";
            h += "</tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }
    return h + "</section>\n";
}

// Figures that moved more than is plausible since the earlier year: warnings to check, and the ones
// a person confirmed, with their note (no longer warnings).
std::string unusual_html(const std::vector<UnusualChange>& list, Lang lang) {
    if (list.empty()) return "";
    std::string h = "<section aria-labelledby=\"unusual\">\n<h2 id=\"unusual\">" + esc(L(lang, "异常变化（请核实）", "Unusual changes (please check)")) + "</h2>\n<ul>";
    for (const UnusualChange& u : list) {
        if (u.confirmed)
            h += "<li class=\"confirmed\">" + esc(L(lang, "已确认：", "Confirmed: ")) + txt(u.def->name.get(lang)) + L(lang, "：", ": ") + txt(u.shown_before.get(lang)) +
                 " → " + txt(u.shown_now.get(lang)) + (u.note.empty() ? std::string() : esc(L(lang, "。说明：", ". Note: ")) + txt(u.note)) + "</li>";
        else
            h += "<li class=\"unusual\">" + esc(L(lang, "提示：", "Warning: ")) + txt(u.message.get(lang)) + "</li>";
    }
    return h + "</ul>\n</section>\n";
}

// The county comparison of a roll-up (issue 16): the league, best first, then per indicator the
// counties ranked on the target's side with min / median / max.
std::string league_html(const Catalog& c, const RollupMatrix& m, const League& l, Lang lang) {
    std::string h = "<section class=\"major\" aria-labelledby=\"league\">\n<h2 id=\"league\">" + esc(L(lang, "各县（市、区）排名", "County league")) + "</h2>\n";
    h += "<p class=\"note\">" + esc(L(lang, "按达标项数排序，相同时按数据完整度，再相同时按单位名称。各县按本单位配额评价。",
                                       "Ordered by indicators met, then completeness, then the unit's name. Each county judged against its quota.")) + "</p>\n";
    h += table_open("league", esc(L(lang, "排名表", "League table")),
                    {{"unit", L(lang, "单位", "Unit")}, {"rank", L(lang, "名次", "Rank")}, {"count", L(lang, "达标", "Met")},
                     {"count", L(lang, "未达标", "Not met")}, {"count", L(lang, "缺数据", "Missing")}, {"completeness", L(lang, "数据完整度", "Completeness")}});
    int rank = 0;
    for (const LeagueRow& r : l.rows)
        // The county heads its row, as in every table of the report (its rank beside it).
        h += "<tr><th scope=\"row\">" + esc(unit_display_name(c, Profile::county, r.unit, lang)) + "</th><td class=\"num\">" + std::to_string(++rank) +
             "</td><td class=\"num\">" + std::to_string(r.met) + "</td><td class=\"num\">" + std::to_string(r.not_met) + "</td><td class=\"num\">" +
             std::to_string(r.missing) + "</td><td class=\"num\">" + txt(format_rational(Rational::of(r.completeness.num * 100, r.completeness.den), 1, Round::down) + " %") +
             "</td></tr>\n";
    h += "</tbody>\n</table>\n";
    h += table_open("rankings", esc(L(lang, "各指标排名（好者在前）", "Each indicator, best first")),
                    {{"name", L(lang, "指标", "Indicator")}, {"ranking", L(lang, "排名", "Ranking")}, {"stat", L(lang, "最低", "Min")},
                     {"stat", L(lang, "中位数", "Median")}, {"stat", L(lang, "最高", "Max")}});
    for (size_t k = 0; k < l.indicators.size(); ++k) {
        const IndicatorRanking& ir = l.indicators[k];
        if (ir.ranked.empty()) continue;
        std::string list;
        int n = 0;
        for (size_t i : ir.ranked) {
            if (n++) list += L(lang, "；", "; ");
            list += std::to_string(n) + ". " + unit_display_name(c, Profile::county, m.units[i], lang) + " " +
                    display_value(c, m.cells[i][k], lang);
        }
        auto stat = [&](const Rational& v) {
            if (!ir.numeric) return std::string("—");
            IndicatorResult r = m.cells[ir.ranked.front()][k];
            r.value = v;   // shown as a value is (one below the target rounded down, never up to it)
            return value_html(display_value(c, r, lang));
        };
        h += "<tr><th scope=\"row\">" + txt(ir.def->name.get(lang)) + "</th><td>" + txt(list) + "</td><td class=\"num\">" + stat(ir.min) +
             "</td><td class=\"num\">" + stat(ir.median) + "</td><td class=\"num\">" + stat(ir.max) + "</td></tr>\n";
    }
    return h + "</tbody>\n</table>\n</section>\n";
}

std::string problems_html(const Evaluation& e, Lang lang) {
    if (e.problems.empty()) return "";
    std::string h = "<section aria-labelledby=\"problems\">\n<h2 id=\"problems\">" + esc(L(lang, "数据问题", "Data problems")) + "</h2>\n<ul>";
    for (const Problem& p : e.problems)
        h += "<li>" + esc(p.severity == Severity::error ? L(lang, "错误：", "Error: ") : L(lang, "提示：", "Warning: ")) + txt(p.message.get(lang)) + "</li>";
    return h + "</ul>\n</section>\n";
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Report: document
//-------------------------------------------------------------------------------------------------

ReportInput city_report_input(const Catalog& c, const Rollup& r, const RollupMatrix& m, const League* l, Lang lang, std::string exported) {
    ReportInput in;
    in.catalog = &c;
    in.assessment = &r.city;
    in.evaluation = &m.city_evaluation;
    in.matrix = &m;
    in.rollup = &r;
    in.league = l;
    in.lang = lang;
    in.exported = std::move(exported);
    return in;
}

std::string report_html(const ReportInput& in) {
    if (!in.catalog || !in.assessment || !in.evaluation) return {};
    Lang lang = in.lang;
    std::string title = std::string(L(lang, "质量强市自评报告 - ", "Quality city self-assessment - ")) + in.assessment->unit + " " + std::to_string(in.assessment->year);
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(L(lang, "zh-CN", "en")) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title) + "</title>\n<style>\n" + std::string(report_css()) +
                    "</style>\n</head>\n<body>\n";
    h += header_html(in);
    h += "<main>\n";
    h += submission_html(*in.catalog, *in.assessment, lang);
    h += summary_html(in);
    h += indicator_tables_html(in);
    if (!in.evaluation->city) h += evidence_html(in);
    if (in.trend) h += trends_html(*in.catalog, *in.trend, lang);
    if (in.matrix) h += matrix_html(*in.catalog, *in.matrix, in.rollup, lang);
    if (in.matrix && in.league) h += league_html(*in.catalog, *in.matrix, *in.league, lang);
    if (in.readiness && in.assessment->profile == Profile::enterprise) h += readiness_html(*in.readiness, lang);
    h += problems_html(*in.evaluation, lang);
    if (in.unusual) h += unusual_html(*in.unusual, lang);
    if (!in.evaluation->city) h += signoff_html(*in.assessment, lang);
    h += "</main>\n<footer>" + esc(L(lang, "由 qcity 在本机生成；填报数据未上传。", "Made by qcity on this computer; the figures were not uploaded.")) +
         " " + esc(in.catalog->id) + "</footer>\n</body>\n</html>\n";
    return h;
}

}  // namespace qcity
