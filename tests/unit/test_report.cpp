// Year over year, the roll-up matrix and the printable report (report.cpp), the results table with
// changes (csv.cpp), and the CLI commands built on them (report, evaluate --previous, rollup --format
// csv, template --format csv, *.csv input). Expectations are derived from the inputs: the figures of
// the fixture tests/browser/fixtures/dongtai-2023.json (a full county file) and changes made to them
// here, the catalog's own names, units and clauses, and evaluate()'s results.
#include "cli_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <fstream>
#include <set>
#include <sstream>

namespace qcity_test_report {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;
using qt::T;

namespace fs = std::filesystem;

namespace {

const std::string kBom = "\xEF\xBB\xBF";
const std::string kHostile = "<script>alert(1)</script> & \"quotes\"";

// ---- the fixture and figures ----

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string fixture_path() { return std::string(QCITY_SOURCE_DIR) + "/tests/browser/fixtures/dongtai-2023.json"; }

// The fixture as read (a full county file: every county figure present).
Assessment fixture() {
    static const Assessment a = [] {
        Assessment x;
        Problem p;
        bool ok = read_assessment(slurp(fixture_path()), &qt::cat(), x, p);
        CAPTURE(p.message.en);
        REQUIRE(ok);
        return x;
    }();
    return a;
}

int64_t num(const Assessment& a, const std::string& key) {
    const FigureValue* v = a.get(key);
    REQUIRE(v != nullptr);
    REQUIRE(v->type == FigureValue::Type::integer);
    return v->i;
}

// a − b, exact (values here are small).
Rational diff(const Rational& a, const Rational& b) { return Rational::of(a.num * b.den - b.num * a.den, a.den * b.den); }
bool same(const Rational& a, const Rational& b) { return compare(a, b) == 0; }
int sign(const Rational& v) { return v.num > 0 ? 1 : v.num < 0 ? -1 : 0; }
Rational absr(const Rational& v) { return Rational::of(v.num < 0 ? -v.num : v.num, v.den); }

const IndicatorChange& change(const std::vector<IndicatorChange>& v, const std::string& id) {
    for (const IndicatorChange& c : v)
        if (c.id == id) return c;
    FAIL("no change for indicator " << id);
    return v.front();
}

size_t count_of(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
    return n;
}

std::string lower(std::string s) {
    for (char& ch : s)
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    return s;
}

// HTML text escaping as the test expects it: & < > " and the apostrophe as a numeric reference.
std::string esc(const std::string& s) {
    std::string out;
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

// The report keeps numbers whole on paper by wrapping them in <span class="n">…</span> ("1,000",
// "95.5 %", "≥ 95"); the checks of what a cell says read it with those wrappers taken off.
const std::string kNumOpen = "<span class=\"n\">";
std::string plain_n(const std::string& html) {
    std::string out;
    size_t p = 0;
    for (size_t q = html.find(kNumOpen); q != std::string::npos; q = html.find(kNumOpen, p)) {
        size_t end = html.find("</span>", q);
        REQUIRE(end != std::string::npos);
        std::string inner = html.substr(q + kNumOpen.size(), end - q - kNumOpen.size());
        REQUIRE(inner.find('<') == std::string::npos);  // nothing but text inside
        out += html.substr(p, q - p) + inner;
        p = end + 7;
    }
    return out + html.substr(p);
}

std::vector<const IndicatorDef*> profile_indicators(const Catalog& c, Profile p) {
    std::vector<const IndicatorDef*> v;
    for (const IndicatorDef& d : c.indicators)
        if (d.profile == p) v.push_back(&d);
    return v;
}

// The row of the first <tr><th scope="row">NAME</th> at or after `from`, up to its </tr>; `at` gets
// where the row starts (npos when there is none).
std::string row_of(const std::string& html, const std::string& escaped_name, size_t from = 0, size_t* at = nullptr) {
    std::string head = "<tr><th scope=\"row\">" + escaped_name + "</th>";
    size_t p = html.find(head, from);
    if (at) *at = p;
    if (p == std::string::npos) return {};
    size_t end = html.find("</tr>", p);
    REQUIRE(end != std::string::npos);
    return html.substr(p, end - p);
}

// A status in words as the report and the CSVs give it: "—" for a county's contribution to a
// city-wide count (not judged there), the mark after a provisional city status.
std::string status_words(const IndicatorResult& r, Lang lang) {
    if (r.contribution) return "—";
    return status_text(r.status).get(lang) + (r.provisional ? (lang == Lang::en ? " (provisional)" : "（暂定）") : "");
}

// A status cell as the report draws it: a chip in words (dashed when provisional), or "—".
std::string status_cell(const IndicatorResult& r, Lang lang) {
    if (r.contribution) return "—";
    return "<span class=\"chip " + std::string(status_id(r.status)) + (r.provisional ? " provisional" : "") + "\">" + esc(status_words(r, lang)) + "</span>";
}

// The target cell's text: the target, or for a contribution the sentence that stands in its place.
std::string target_words(const Catalog& c, const IndicatorResult& r, Lang lang) {
    return r.contribution ? r.contribution_text.get(lang) : display_target(c, r, lang);
}

// The checks every report must pass: one self-contained document, nothing fetched or run, tables
// with captions and headers, print rules.
void check_document(const std::string& html, Lang lang) {
    REQUIRE_FALSE(html.empty());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(count_of(lower(html), "<!doctype") == 1);
    CHECK(count_of(html, "<html") == 1);
    CHECK(count_of(html, "</html>") == 1);
    CHECK(count_of(html, "<body") == 1);
    CHECK(html.size() >= 8);
    CHECK(html.find("</html>") + 8 >= html.size());  // nothing after the end but a line break
    CHECK(qt::contains(html, lang == Lang::en ? "<html lang=\"en\">" : "<html lang=\"zh-CN\">"));
    CHECK(qt::contains(html, "<meta charset=\"utf-8\">"));
    const std::string l = lower(html);
    // Nothing run, nothing fetched: no scripts or event handlers, no src= or href= at all (the award
    // sources' addresses may only appear as text), no style sheets or fonts from elsewhere.
    for (const char* bad : {"<script", "src=", "href=", "<link", "@import", "url(", "<iframe", "<img", "<object", "<embed",
                            " onload=", " onclick=", " onerror=", " onmouseover="}) {
        CAPTURE(bad);
        CHECK_FALSE(qt::contains(l, bad));
    }
    // Every table has a caption (first) and a header section.
    size_t tables = 0;
    for (size_t p = html.find("<table"); p != std::string::npos; p = html.find("<table", p + 1)) {
        ++tables;
        size_t end = html.find("</table>", p);
        REQUIRE(end != std::string::npos);
        std::string t = html.substr(p, end - p);
        size_t open_end = t.find('>');
        REQUIRE(open_end != std::string::npos);
        CAPTURE(t.substr(0, 200));
        CHECK(t.compare(open_end + 1, 10, "\n<caption>") == 0);
        CHECK(count_of(t, "<caption>") == 1);
        CHECK(count_of(t, "<thead>") == 1);
        CHECK(count_of(t, "</thead>") == 1);
        CHECK(t.find("<caption>") < t.find("<thead>"));
    }
    CHECK(tables >= 1);
    CHECK(count_of(html, "</table>") == tables);
    // Print: A4 page rules, rows never split.
    CHECK(qt::contains(html, "@page"));
    // A rule for table rows with break-inside: avoid (not only the legacy page-break-inside).
    bool rows_kept = false;
    for (size_t p = html.find("break-inside: avoid"); p != std::string::npos; p = html.find("break-inside: avoid", p + 1)) {
        if (p >= 5 && html.compare(p - 5, 5, "page-") == 0) continue;
        size_t open = html.rfind('{', p), close = html.rfind('}', p);
        if (open == std::string::npos || (close != std::string::npos && close > open)) continue;
        size_t sel = html.rfind('}', open);
        std::string selector = html.substr(sel == std::string::npos ? 0 : sel + 1, open - (sel == std::string::npos ? 0 : sel + 1));
        for (size_t q = selector.find("tr"); q != std::string::npos; q = selector.find("tr", q + 1)) {
            bool start = q == 0 || selector[q - 1] == ' ' || selector[q - 1] == ',' || selector[q - 1] == '\n';
            bool end = q + 2 >= selector.size() || selector[q + 2] == ' ' || selector[q + 2] == ',';
            rows_kept = rows_kept || (start && end);
        }
    }
    CHECK(rows_kept);
    // Every inline chart is closed (not cut off by a fixed buffer).
    CHECK(count_of(html, "<svg") == count_of(html, "</svg>"));
    // Paper: nothing positioned over anything; Chinese line breaking is strict; the only text kept
    // on one line is a number (span.n), so no cell's text runs out of its column under the next.
    CHECK_FALSE(qt::contains(html, "position:"));
    CHECK_FALSE(qt::contains(html, "position :"));
    CHECK(qt::contains(html, "html { line-break: strict; word-break: normal;"));
    CHECK(count_of(html, "white-space: nowrap") == 1);
    CHECK(qt::contains(html, ".n { white-space: nowrap; }"));
    CHECK(qt::contains(html, "thead { display: table-header-group; }"));
    CHECK(qt::contains(html, "h1, h2, h3, caption, thead { break-after: avoid;"));
    CHECK(qt::contains(html, "tbody tr:nth-child(-n+2) { break-after: avoid;"));
    CHECK(qt::contains(html, "tbody tr:nth-last-child(-n+2) { break-before: avoid;"));
    CHECK(qt::contains(html, "table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; table-layout: fixed;"));
    // Every table sets its columns' widths: a <col> per header cell.
    for (size_t p = html.find("<table"); p != std::string::npos; p = html.find("<table", p + 1)) {
        std::string t = html.substr(p, html.find("</thead>", p) - p);
        CAPTURE(t.substr(0, 200));
        CHECK(count_of(t, "<colgroup>") == 1);
        CHECK(count_of(t, "<col class=\"") == count_of(t, "<th scope=\"col\">"));
    }
    // Each number with a thousands separator or a percent is inside a span.n: the text outside
    // them (tags, the style sheet and the title taken away) has none.
    CHECK(count_of(html, kNumOpen) >= 1);
    std::string outside;
    for (size_t p = 0; p < html.size();) {
        if (html.compare(p, kNumOpen.size(), kNumOpen) == 0) { p = html.find("</span>", p) + 7; continue; }
        if (html.compare(p, 7, "<style>") == 0) { p = html.find("</style>", p) + 8; continue; }
        if (html.compare(p, 7, "<title>") == 0) { p = html.find("</title>", p) + 8; continue; }
        if (html[p] == '<') { p = html.find('>', p) + 1; continue; }
        outside += html[p++];
    }
    static const std::regex loose_number("[0-9],[0-9]{3}|[0-9] ?%");
    std::smatch m;
    bool loose = std::regex_search(outside, m, loose_number);
    CAPTURE(loose ? outside.substr(std::max<size_t>((size_t)m.position(0), 40) - 40, 80) : std::string());
    CHECK_FALSE(loose);
}

std::string h1_of(const std::string& html) {
    CHECK(count_of(html, "<h1>") == 1);
    size_t a = html.find("<h1>"), b = html.find("</h1>");
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    REQUIRE(b > a);
    return html.substr(a, b - a);
}

// Two years of the fixture's unit: last year is the fixture as it is (year − 1), this year has
// figures changed in each kind.
struct TwoYears {
    Assessment last, now;
};

TwoYears two_years() {
    TwoYears t;
    t.last = fixture();
    t.last.year = fixture().year - 1;
    t.now = fixture();
    auto& f = t.now.figures;
    // Ratio: another numerator and denominator.
    f["mfg_qualified_batches"] = I(num(t.last, "mfg_qualified_batches") + 34);
    f["mfg_sampled_batches"] = I(num(t.last, "mfg_sampled_batches") + 50);
    // Ratio: other figures, the same value (doubled): unchanged.
    f["consumer_qualified_batches"] = I(2 * num(t.last, "consumer_qualified_batches"));
    f["consumer_sampled_batches"] = I(2 * num(t.last, "consumer_sampled_batches"));
    // Score: last year's plus a half, this year given as a decimal.
    f["public_service_satisfaction_score"] = R(84.1);
    t.last.figures["public_service_satisfaction_score"] = R(83.6);
    // Count: down.
    f["certificates_new"] = I(num(t.last, "certificates_new") - 36);
    // Count: up.
    f["standards_new"] = I(num(t.last, "standards_new") + 4);
    // Flag: no → yes.
    t.last.figures["one_stop_platform"] = B(false);
    f["one_stop_platform"] = B(true);
    // A value missing this year, one missing last year, one missing in both.
    f.erase("tertiary_hospitals");
    t.last.figures.erase("governor_award_new");
    f.erase("elder_canteens");
    t.last.figures.erase("elder_canteens");
    return t;
}

// ---- running the CLI (as in test_cli.cpp) ----

qt::TempDir& tmp() {
    static qt::TempDir d("qcity_report");
    return d;
}

std::string write_file(const std::string& name, const std::string& content) { return tmp().write(name, content); }

std::string write_assessment_file(const std::string& name, const Assessment& a) { return write_file(name, write_assessment(a)); }

using Run = qt::CliRun;

Run run_cli(const std::vector<std::string>& args) { return qt::run_cli_in(tmp().path, args); }

Json parse_json(const Run& r) { return qt::cli_json(r); }

const Json& json_indicator(const Json& doc, const std::string& id) {
    for (const Json& i : doc["indicators"])
        if (i["id"] == id) return i;
    FAIL("no indicator " << id);
    return doc;
}

const Json& json_change(const Json& doc, const std::string& id) {
    for (const Json& c : doc["changes"])
        if (c["id"] == id) return c;
    FAIL("no change " << id);
    return doc;
}

CsvRows parsed_csv(const std::string& text) {
    CsvRows rows;
    Problem p;
    bool ok = parse_csv(text, rows, p);
    CAPTURE(p.message.en);
    CHECK(ok);
    return rows;
}

// Lines of a CRLF text (the empty piece after the final CRLF dropped).
std::vector<std::string> crlf_lines(const std::string& s) {
    std::vector<std::string> v;
    size_t p = 0;
    for (size_t q = s.find("\r\n"); q != std::string::npos; q = s.find("\r\n", p)) {
        v.push_back(s.substr(p, q - p));
        p = q + 2;
    }
    if (p < s.size()) v.push_back(s.substr(p));
    return v;
}

}  // namespace

TEST_SUITE("report") {

//-------------------------------------------------------------------------------------------------
// Year over year
//-------------------------------------------------------------------------------------------------

TEST_CASE("year_over_year: direction, delta and text per kind, from the raw figures") {
    const Catalog& c = qt::cat();
    TwoYears t = two_years();
    Evaluation now = evaluate(c, t.now), last = evaluate(c, t.last);
    REQUIRE(now.problems.empty());
    REQUIRE(last.problems.empty());
    std::vector<IndicatorChange> ch = year_over_year(c, now, last);

    // The same catalog: every indicator once, in this year's order, present both years.
    REQUIRE(ch.size() == now.results.size());
    for (size_t i = 0; i < ch.size(); ++i) {
        CAPTURE(ch[i].id);
        CHECK(ch[i].id == now.results[i].def->id);
        CHECK(ch[i].name.zh == now.results[i].def->name.zh);
        CHECK(ch[i].name.en == now.results[i].def->name.en);
        CHECK(ch[i].presence == Presence::both);
        CHECK_FALSE(ch[i].text.zh.empty());
        CHECK_FALSE(ch[i].text.en.empty());
    }

    SUBCASE("ratio: percentage points, exact, from the four figures") {
        int64_t lq = num(t.last, "mfg_qualified_batches"), ls = num(t.last, "mfg_sampled_batches");
        int64_t nq = num(t.now, "mfg_qualified_batches"), ns = num(t.now, "mfg_sampled_batches");
        // 100·nq/ns − 100·lq/ls
        Rational want = Rational::of(100 * (nq * ls - lq * ns), ns * ls);
        const IndicatorChange& m = change(ch, "mfg_pass_rate");
        CHECK(m.comparable);
        CHECK(same(m.delta, want));
        CHECK(m.direction == sign(want));
        REQUIRE(want.den != 1);
        std::string n = format_rational(absr(want), 1);
        REQUIRE(n != "0.0");
        std::string arrow = sign(want) > 0 ? "↑ " : "↓ ";
        CHECK(m.text.zh == arrow + n + " 个百分点");
        CHECK(m.text.en == arrow + n + " pp");
    }
    SUBCASE("ratio with other figures but the same value: no change") {
        const IndicatorChange& m = change(ch, "consumer_pass_rate");
        CHECK(m.comparable);
        CHECK(m.direction == 0);
        CHECK(m.delta.num == 0);
        CHECK(m.text.zh == "持平");
        CHECK(m.text.en == "no change");
    }
    SUBCASE("every unchanged indicator reads 持平 / no change with direction 0") {
        int unchanged = 0;
        for (const IndicatorChange& x : ch) {
            if (!x.comparable || x.direction != 0) continue;
            CAPTURE(x.id);
            ++unchanged;
            CHECK(x.delta.num == 0);
            CHECK(x.text.zh == "持平");
            CHECK(x.text.en == "no change");
        }
        CHECK(unchanged >= 10);  // most of the fixture's indicators are left as they were
    }
    SUBCASE("score: points") {
        Rational want = diff(*rational_from_double(84.1), *rational_from_double(83.6));
        CHECK(same(want, Rational::of(1, 2)));
        const IndicatorChange& s = change(ch, "public_service_satisfaction");
        const IndicatorDef& d = *c.indicator("public_service_satisfaction");
        CHECK(s.comparable);
        CHECK(same(s.delta, want));
        CHECK(s.direction == 1);
        CHECK(s.text.zh == "↑ " + format_rational(want, 1) + " " + d.value_unit.zh);
        CHECK(s.text.en == "↑ " + format_rational(want, 1) + " " + d.value_unit.en);
    }
    SUBCASE("count: down and up, whole numbers with the indicator's unit") {
        const IndicatorChange& down = change(ch, "certificates_new");
        const IndicatorDef& dd = *c.indicator("certificates_new");
        int64_t dn = num(t.now, "certificates_new") - num(t.last, "certificates_new");
        CHECK(dn == -36);
        CHECK(down.comparable);
        CHECK(qt::eq(down.delta, dn));
        CHECK(down.direction == -1);
        CHECK(down.text.zh == "↓ " + std::to_string(-dn) + " " + dd.value_unit.zh);
        CHECK(down.text.en == "↓ " + std::to_string(-dn) + " " + dd.value_unit.en);
        const IndicatorChange& up = change(ch, "standards_new");
        const IndicatorDef& ud = *c.indicator("standards_new");
        int64_t un = num(t.now, "standards_new") - num(t.last, "standards_new");
        CHECK(qt::eq(up.delta, un));
        CHECK(up.direction == 1);
        CHECK(up.text.zh == "↑ " + std::to_string(un) + " " + ud.value_unit.zh);
        CHECK(up.text.en == "↑ " + std::to_string(un) + " " + ud.value_unit.en);
    }
    SUBCASE("flag: no → yes is +1; yes → no is −1") {
        const IndicatorChange& f = change(ch, "one_stop_platform");
        CHECK(f.comparable);
        CHECK(f.direction == 1);
        CHECK(qt::eq(f.delta, 1));
        CHECK(f.text.zh == "否 → 是");
        CHECK(f.text.en == "no → yes");
        std::vector<IndicatorChange> back = year_over_year(c, last, now);
        const IndicatorChange& b = change(back, "one_stop_platform");
        CHECK(b.direction == -1);
        CHECK(qt::eq(b.delta, -1));
        CHECK(b.text.zh == "是 → 否");
        CHECK(b.text.en == "yes → no");
    }
    SUBCASE("a value missing in one year or both: not comparable, said which") {
        for (const char* id : {"emr_level4_share", "emr_level5_share"}) {  // tertiary_hospitals gone this year
            CAPTURE(id);
            const IndicatorChange& x = change(ch, id);
            CHECK_FALSE(x.comparable);
            CHECK(x.direction == 0);
            CHECK(x.presence == Presence::both);
            CHECK(x.text.zh == "本年无数据");
            CHECK(x.text.en == "no value this year");
        }
        const IndicatorChange& g = change(ch, "governor_award_new");
        CHECK_FALSE(g.comparable);
        CHECK(g.direction == 0);
        CHECK(g.text.zh == "上年无数据");
        CHECK(g.text.en == "no value last year");
        const IndicatorChange& e = change(ch, "elder_canteens");
        CHECK_FALSE(e.comparable);
        CHECK(e.text.zh == "两年均无数据");
        CHECK(e.text.en == "no value either year");
    }
    SUBCASE("every comparable numeric change is this year's value minus last year's") {
        for (size_t i = 0; i < ch.size(); ++i) {
            const IndicatorResult& r = now.results[i];
            const IndicatorResult& p = qt::result(last, r.def->id);
            CAPTURE(r.def->id);
            CHECK(ch[i].comparable == (r.has_value && p.has_value));
            if (!ch[i].comparable || r.def->kind == Kind::rating) continue;
            Rational want = diff(r.value, p.value);
            CHECK(same(ch[i].delta, want));
            CHECK(ch[i].direction == sign(want));
        }
    }
    SUBCASE("swapping the years negates every direction and delta") {
        std::vector<IndicatorChange> back = year_over_year(c, last, now);
        REQUIRE(back.size() == ch.size());
        for (size_t i = 0; i < ch.size(); ++i) {
            CAPTURE(ch[i].id);
            CHECK(back[i].id == ch[i].id);
            CHECK(back[i].comparable == ch[i].comparable);
            CHECK(back[i].direction == -ch[i].direction);
            CHECK(same(back[i].delta, Rational::of(-ch[i].delta.num, ch[i].delta.den)));
        }
        // Missing this year becomes missing last year.
        CHECK(change(back, "emr_level4_share").text.en == "no value last year");
        CHECK(change(back, "governor_award_new").text.en == "no value this year");
    }
}

TEST_CASE("year_over_year: a count's unit takes the plural form of the change (↑ 1 award, ↑ 2 awards)") {
    Catalog c = qt::cat();
    for (IndicatorDef& d : c.indicators)
        if (d.id == "mayor_award_new") d.value_unit = Text{"个", "awards", "award"};
    c.reindex();
    Assessment last = fixture(), now = fixture();
    last.year -= 1;
    for (int64_t step : {1, 2}) {
        CAPTURE(step);
        now.figures["mayor_award_new"] = I(num(last, "mayor_award_new") + step);
        std::vector<IndicatorChange> ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
        const IndicatorChange& x = change(ch, "mayor_award_new");
        CHECK(x.text.en == "↑ " + std::to_string(step) + (step == 1 ? " award" : " awards"));
        CHECK(x.text.zh == "↑ " + std::to_string(step) + " 个");
    }
}

TEST_CASE("year_over_year: a rating moves by its enum rank (A → AA up, AAA → none down)") {
    const Catalog& c = qt::cat();
    const EnumDef* e = c.enumeration(c.figure("ent_credit_rating")->enum_id);
    REQUIRE(e != nullptr);
    Assessment last = qt::enterprise("盐城某机械有限公司", 2022), now = qt::enterprise("盐城某机械有限公司", 2023);
    last.figures["ent_credit_rating"] = T("A");
    now.figures["ent_credit_rating"] = T("AA");
    std::vector<IndicatorChange> ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
    REQUIRE(ch.size() == profile_indicators(c, Profile::enterprise).size());
    const IndicatorChange& up = change(ch, "ent_credit_rating");
    CHECK(up.comparable);
    CHECK(up.direction == 1);
    CHECK(qt::eq(up.delta, e->rank("AA") - e->rank("A")));
    CHECK(up.text.zh == "A → AA");
    CHECK(up.text.en == "A → AA");

    last.figures["ent_credit_rating"] = T("AAA");
    now.figures["ent_credit_rating"] = T("none");
    ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
    const IndicatorChange& down = change(ch, "ent_credit_rating");
    CHECK(down.direction == -1);
    CHECK(qt::eq(down.delta, e->rank("none") - e->rank("AAA")));
    CHECK(down.text.en == "AAA → none");

    now.figures["ent_credit_rating"] = T("AAA");
    ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
    CHECK(change(ch, "ent_credit_rating").direction == 0);
    CHECK(change(ch, "ent_credit_rating").text.zh == "持平");
    CHECK(change(ch, "ent_credit_rating").text.en == "no change");
    CHECK(change(ch, "ent_credit_rating").comparable);
}

TEST_CASE("year_over_year: a change that rounds to 0.0 at one decimal shows two decimals") {
    const Catalog& c = qt::cat();
    Assessment last = fixture(), now = fixture();
    last.year -= 1;
    // One more qualified batch of the same sampled total: 100 / sampled percentage points.
    int64_t q = num(last, "food_qualified_batches"), s = num(last, "food_sampled_batches");
    now.figures["food_qualified_batches"] = I(q + 1);
    Rational want = Rational::of(100, s);
    REQUIRE(format_rational(want, 1) == "0.0");  // the premise: one decimal would read as no change
    REQUIRE(format_rational(want, 2) != "0.00");
    std::vector<IndicatorChange> ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
    const IndicatorChange& f = change(ch, "food_pass_rate");
    CHECK(f.comparable);
    CHECK(f.direction == 1);
    CHECK(same(f.delta, want));
    CHECK(f.text.zh == "↑ " + format_rational(want, 2) + " 个百分点");
    CHECK(f.text.en == "↑ " + format_rational(want, 2) + " pp");
    CHECK_FALSE(qt::contains(f.text.zh, "0.0 "));
    CHECK_FALSE(qt::contains(f.text.en, "0.0 "));
    // And down by as little.
    ch = year_over_year(c, evaluate(c, last), evaluate(c, now));
    CHECK(change(ch, "food_pass_rate").text.en == "↓ " + format_rational(want, 2) + " pp");

    // A change of at least 0.05 keeps one decimal: ten more batches of the same total.
    now.figures["food_qualified_batches"] = I(q + 10);
    Rational ten = Rational::of(1000, s);
    REQUIRE(format_rational(ten, 1) != "0.0");
    ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
    CHECK(change(ch, "food_pass_rate").text.en == "↑ " + format_rational(ten, 1) + " pp");
}

// Was a bug (fixed in src/core/report.cpp, amount()): the two-decimal fallback still read as
// zero when the change is below 0.005. The food sampling density of the fixture (batches per 1,000
// residents, 1,080,000 residents) moves by 1/1080 ≈ 0.0009 per one more sampled batch; the change
// text is "↑ 0.00 批次/千人" — an arrow saying up next to a number saying nothing changed, which the
// comment above amount() ("a real change never reads '0.0'") means to prevent.
TEST_CASE("regression: year_over_year: a very small real change shows a digit, not 0.00") {
    const Catalog& c = qt::cat();
    Assessment last = fixture(), now = fixture();
    last.year -= 1;
    now.figures["food_sampled_batches"] = I(num(last, "food_sampled_batches") + 1);
    now.figures["food_qualified_batches"] = I(num(last, "food_qualified_batches") + 1);
    Rational want = Rational::of(1000, num(last, "resident_population"));
    std::vector<IndicatorChange> ch = year_over_year(c, evaluate(c, now), evaluate(c, last));
    const IndicatorChange& d = change(ch, "food_sampling_density");
    CHECK(d.direction == 1);
    CHECK(same(d.delta, want));
    // The number after the arrow must show a non-zero digit.
    std::string n = d.text.en.substr(std::string("↑ ").size());
    n = n.substr(0, n.find(' '));
    CAPTURE(d.text.zh);
    CAPTURE(d.text.en);
    CHECK(n.find_first_of("123456789") != std::string::npos);
}

// Was a bug (fixed in src/core/report.cpp, year_over_year(): only info values with an enum were
// special-cased; the numeric branch at line 111 takes Kind::info booleans): a
// yes/no figure shown for information (ent_high_tech, ent_rd_center: info indicators on boolean
// figures, displayed as 是/否) that goes from no to yes gets the text "↑ 1" instead of "否 → 是"
// / "no → yes", the text the same change gets on a flag indicator. Only info values with an enum
// (value_enum) are special-cased; booleans fall through to the numeric delta.
TEST_CASE("regression: year_over_year: a yes/no info indicator reads 否 → 是, not ↑ 1") {
    const Catalog& c = qt::cat();
    REQUIRE(c.indicator("ent_high_tech")->kind == Kind::info);
    REQUIRE(c.figure("ent_high_tech")->type == FigureType::boolean);
    Assessment last = qt::enterprise("盐城某机械有限公司", 2022), now = qt::enterprise("盐城某机械有限公司", 2023);
    last.figures["ent_high_tech"] = B(false);
    now.figures["ent_high_tech"] = B(true);
    Evaluation en = evaluate(c, now);
    REQUIRE(display_value(c, qt::result(en, "ent_high_tech"), Lang::zh) == "是");
    std::vector<IndicatorChange> ch = year_over_year(c, en, evaluate(c, last));
    const IndicatorChange& h = change(ch, "ent_high_tech");
    CHECK(h.comparable);
    CHECK(h.direction == 1);
    CHECK(h.text.zh == "否 → 是");
    CHECK(h.text.en == "no → yes");
}

TEST_CASE("year_over_year across a catalog change: new indicators, and last year's only ones at the end in last year's order") {
    const Catalog& base = qt::cat();
    // Last year's catalog: without standards_new, and its indicators in reverse order.
    Catalog last_cat = base;
    last_cat.indicators.erase(std::remove_if(last_cat.indicators.begin(), last_cat.indicators.end(),
                                             [](const IndicatorDef& d) { return d.id == "standards_new"; }),
                              last_cat.indicators.end());
    std::reverse(last_cat.indicators.begin(), last_cat.indicators.end());
    last_cat.reindex();
    // This year's catalog: without mfg_pass_rate and certificates_new.
    Catalog now_cat = base;
    now_cat.indicators.erase(std::remove_if(now_cat.indicators.begin(), now_cat.indicators.end(),
                                            [](const IndicatorDef& d) { return d.id == "mfg_pass_rate" || d.id == "certificates_new"; }),
                             now_cat.indicators.end());
    now_cat.reindex();
    REQUIRE(last_cat.indicator("standards_new") == nullptr);
    REQUIRE(now_cat.indicator("mfg_pass_rate") == nullptr);

    TwoYears t = two_years();
    Evaluation now = evaluate(now_cat, t.now), last = evaluate(last_cat, t.last);
    REQUIRE(now.results.size() == base.indicators.size() - 12 - 2);
    REQUIRE(last.results.size() == base.indicators.size() - 12 - 1);
    std::vector<IndicatorChange> ch = year_over_year(now_cat, now, last);

    // This year's first, in this year's order; then last year's only ones, in last year's order.
    REQUIRE(ch.size() == now.results.size() + 2);
    for (size_t i = 0; i < now.results.size(); ++i) CHECK(ch[i].id == now.results[i].def->id);
    std::vector<std::string> last_only;
    for (const IndicatorResult& r : last.results)
        if (!now_cat.indicator(r.def->id)) last_only.push_back(r.def->id);
    REQUIRE(last_only.size() == 2);
    CHECK(last_only[0] == "certificates_new");  // the reversed order: certificates_new before mfg_pass_rate
    for (size_t k = 0; k < last_only.size(); ++k) {
        const IndicatorChange& x = ch[now.results.size() + k];
        CAPTURE(x.id);
        CHECK(x.id == last_only[k]);
        CHECK(x.presence == Presence::last_year_only);
        CHECK_FALSE(x.comparable);
        CHECK(x.direction == 0);
        CHECK(x.name.zh == base.indicator(x.id)->name.zh);
        CHECK(x.text.zh == "仅上年有（本年目录中没有）");
        CHECK(x.text.en == "last year only (not in this year's catalog)");
    }
    const IndicatorChange& fresh = change(ch, "standards_new");
    CHECK(fresh.presence == Presence::this_year_only);
    CHECK_FALSE(fresh.comparable);
    CHECK(fresh.direction == 0);
    CHECK(fresh.text.zh == "本年新增指标（上年目录中没有）");
    CHECK(fresh.text.en == "new this year (not in last year's catalog)");
    // Everything else is paired by id whatever the catalogs' order.
    for (const IndicatorChange& x : ch)
        if (x.id != "standards_new" && x.presence != Presence::last_year_only) CHECK(x.presence == Presence::both);
    CHECK(change(ch, "one_stop_platform").text.en == "no → yes");
    CHECK(change(ch, "consumer_pass_rate").text.en == "no change");
}

//-------------------------------------------------------------------------------------------------
// Roll-up matrix
//-------------------------------------------------------------------------------------------------

namespace {

// Three counties from the fixture, in an order that is not the catalog's: 射阳县 lacks the
// governor's award figure and has fewer qualified batches; 大丰区 has no one-stop platform.
std::vector<Assessment> three_counties(const std::string& first = "射阳县") {
    Assessment a = fixture(), b = fixture(), c = fixture();
    a.unit = first;
    a.figures.erase("governor_award_new");
    a.figures["mfg_qualified_batches"] = I(num(a, "mfg_qualified_batches") - 100);
    a.figures["certificates_new"] = I(150);
    b.unit = fixture().unit;
    c.unit = "大丰区";
    c.figures["one_stop_platform"] = B(false);
    c.figures["public_service_satisfaction_score"] = R(80.5);
    c.figures["standards_new"] = I(num(c, "standards_new") + 7);
    return {a, b, c};
}

Rollup must_roll(const std::vector<Assessment>& v) {
    Rollup r;
    std::vector<Problem> ps;
    bool ok = rollup(qt::cat(), v, r, ps);
    std::string all;
    for (const Problem& p : ps) all += p.message.en + "\n";
    CAPTURE(all);
    REQUIRE(ok);
    return r;
}

void check_same_result(const IndicatorResult& got, const IndicatorResult& want) {
    CHECK(got.def == want.def);
    CHECK(got.status == want.status);
    CHECK(got.has_value == want.has_value);
    CHECK(same(got.value, want.value));
    CHECK(got.value_enum == want.value_enum);
    CHECK(got.has_target == want.has_target);
    CHECK(same(got.target, want.target));
    CHECK(got.quota == want.quota);
}

}  // namespace

TEST_CASE("rollup_matrix: counties in input order, every county indicator in catalog order, cells as evaluate() gives them") {
    const Catalog& c = qt::cat();
    std::vector<Assessment> v = three_counties();
    Rollup r = must_roll(v);
    RollupMatrix m = rollup_matrix(c, v, r);

    std::vector<const IndicatorDef*> inds = profile_indicators(c, Profile::county);
    CHECK(m.indicators == inds);
    REQUIRE(m.units.size() == 3);
    for (size_t i = 0; i < v.size(); ++i) CHECK(m.units[i] == v[i].unit);
    REQUIRE(m.cells.size() == v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        CAPTURE(v[i].unit);
        Evaluation e = evaluate(c, v[i]);
        REQUIRE(m.cells[i].size() == inds.size());
        for (size_t k = 0; k < inds.size(); ++k) {
            CAPTURE(inds[k]->id);
            CHECK(m.cells[i][k].def == inds[k]);
            check_same_result(m.cells[i][k], e.results[k]);
        }
    }
    // Each county against its quota, the city against the full targets.
    CHECK(qt::result(evaluate(c, v[0]), "certificates_new").quota);
    Evaluation city = evaluate(c, r.city);
    CHECK(city.city);
    CHECK(m.city_evaluation.city);
    REQUIRE(m.city.size() == inds.size());
    for (size_t k = 0; k < inds.size(); ++k) {
        CAPTURE(inds[k]->id);
        CHECK(m.city[k].def == inds[k]);
        check_same_result(m.city[k], city.results[k]);
        CHECK_FALSE(m.city[k].quota);
    }
    CHECK(m.city_evaluation.summary.met == city.summary.met);
    CHECK(m.city_evaluation.summary.not_met == city.summary.not_met);
    CHECK(m.city_evaluation.summary.missing == city.summary.missing);
    // The county without the governor's award figure: a contribution not filled in there (1 × 1/11
    // is below one: no county is judged on it), missing in the city.
    size_t gov = (size_t)(std::find_if(inds.begin(), inds.end(), [](const IndicatorDef* d) { return d->id == "governor_award_new"; }) - inds.begin());
    REQUIRE(gov < inds.size());
    CHECK(m.cells[0][gov].status == Status::info);
    CHECK(m.cells[0][gov].contribution);
    CHECK_FALSE(m.cells[0][gov].has_value);
    CHECK(m.cells[1][gov].has_value);
    CHECK(m.city[gov].status == Status::missing);
    // A flag one county lacks is not met for it and for the city.
    size_t flag = (size_t)(std::find_if(inds.begin(), inds.end(), [](const IndicatorDef* d) { return d->id == "one_stop_platform"; }) - inds.begin());
    CHECK(m.cells[1][flag].status == Status::met);
    CHECK(m.cells[2][flag].status == Status::not_met);
    CHECK(m.city[flag].status == Status::not_met);
}

// The number a value cell of the CSVs must hold: display_value's number without its unit (so a
// value below its target reads as display shows it, never rounded up across), words for yes/no,
// ratings and text; empty without a value.
std::string expected_number(const Catalog& c, const IndicatorResult& r, Lang lang) {
    if (!r.has_value) return "";
    std::string shown = display_value(c, r, lang);
    Kind k = r.def->kind;
    if (k == Kind::flag || k == Kind::rating || (k == Kind::info && (r.raw.is_boolean() || r.raw.is_string()))) return shown;
    return shown.substr(0, shown.find(' '));
}

TEST_CASE("rollup_matrix_csv: identity rows, then per indicator a plain number and a status, a row per county and the city") {
    const Catalog& c = qt::cat();
    std::vector<Assessment> v = three_counties();
    Rollup r = must_roll(v);
    RollupMatrix m = rollup_matrix(c, v, r);
    CHECK(m.units_included() == 3);
    CHECK(m.units_expected == (int)c.units.size());  // 11: the catalog's units
    CHECK(m.partial());
    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        std::string text = rollup_matrix_csv(c, m, lang);
        CHECK(text.rfind(kBom, 0) == 0);
        CHECK(text.compare(text.size() - 2, 2, "\r\n") == 0);
        CsvRows rows = parsed_csv(text);
        REQUIRE(rows.size() == 3 + 1 + v.size() + 1);
        // Identity rows: what the city's sums hold, for scripts and as a sentence for people.
        CHECK(rows[0] == std::vector<std::string>{"#units_included", "3"});
        CHECK(rows[1] == std::vector<std::string>{"#units_expected", "11"});
        REQUIRE(rows[2].size() == 2);
        CHECK(rows[2][0] == "#note");
        CHECK(rows[2][1].rfind(lang == Lang::en ? "3 of 11 county-level units included. " : "纳入 3/11 个县（市、区）。", 0) == 0);
        CHECK(qt::contains(rows[2][1], provisional_note(3, 11).get(lang)));
        CHECK(qt::contains(rows[2][1], lang == Lang::en ? "8 county-level units are not in the roll-up yet" : "尚有 8 个县（市、区）未纳入"));
        const std::vector<std::string>& head = rows[3];
        REQUIRE(head.size() == 1 + 2 * m.indicators.size());
        CHECK(head[0] == (lang == Lang::en ? "unit" : "单位"));
        for (size_t k = 0; k < m.indicators.size(); ++k) {
            const IndicatorDef& d = *m.indicators[k];
            CAPTURE(d.id);
            const std::string& name = d.name.get(lang);
            const std::string& unit = d.value_unit.get(lang);
            CHECK(head[1 + 2 * k] == (unit.empty() ? name : name + " (" + unit + ")"));  // the unit in the header, once
            CHECK(head[2 + 2 * k] == name + (lang == Lang::en ? " status" : " 状态"));
        }
        auto check_row = [&](const std::vector<std::string>& row, const std::vector<IndicatorResult>& results) {
            REQUIRE(row.size() == head.size());
            for (size_t k = 0; k < results.size(); ++k) {
                const IndicatorResult& ir = results[k];
                CAPTURE(ir.def->id);
                CHECK(row[1 + 2 * k] == expected_number(c, ir, lang));
                CHECK(row[2 + 2 * k] == status_words(ir, lang));
                // A numeric kind's value is a number a spreadsheet reads: parse_decimal takes it,
                // and it sits on the same side of the target as the exact value.
                Kind kind = ir.def->kind;
                if (ir.has_value && kind != Kind::flag && kind != Kind::rating && kind != Kind::info) {
                    auto n = parse_decimal(row[1 + 2 * k]);
                    REQUIRE(n.has_value());
                    CHECK(row[1 + 2 * k].find_first_not_of("0123456789.") == std::string::npos);
                    if (ir.has_target) CHECK((compare(*n, ir.target) >= 0) == (compare(ir.value, ir.target) >= 0));
                }
            }
        };
        for (size_t i = 0; i < v.size(); ++i) {
            CAPTURE(v[i].unit);
            // The catalog's name in the file's language, read back exactly.
            CHECK(rows[4 + i][0] == c.unit_by_name(v[i].unit)->name.get(lang));
            check_row(rows[4 + i], evaluate(c, v[i]).results);
        }
        CHECK(rows.back()[0] == (lang == Lang::en ? "City" : "全市"));
        check_row(rows.back(), m.city);
    }

    // A contribution and a provisional city status, set by hand: "—", and the mark.
    RollupMatrix hand = m;
    size_t gov = 0, cqo = 0;
    for (size_t k = 0; k < hand.indicators.size(); ++k) {
        if (hand.indicators[k]->id == "governor_award_new") gov = k;
        if (hand.indicators[k]->id == "cqo_coverage") cqo = k;
    }
    IndicatorResult& contrib = hand.cells[1][gov];
    contrib.contribution = true;
    contrib.status = Status::info;
    contrib.has_target = false;
    contrib.has_value = true;
    contrib.value = Rational::of(0);
    contrib.contribution_text = Text{"全市目标 1 个，本单位新增 0 个", "City target 1 award; this unit added 0 awards"};
    hand.city[cqo].provisional = true;
    hand.city[cqo].status = Status::not_met;
    for (Lang lang : {Lang::zh, Lang::en}) {
        CsvRows rows = parsed_csv(rollup_matrix_csv(c, hand, lang));
        CHECK(rows[5][1 + 2 * gov] == "0");
        CHECK(rows[5][2 + 2 * gov] == "—");
        CHECK(rows.back()[2 + 2 * cqo] == (lang == Lang::en ? "Not met (provisional)" : "未达标（暂定）"));
    }
    // All eleven in: no provisional sentence.
    hand.units_expected = 3;
    CHECK_FALSE(hand.partial());
    CsvRows all = parsed_csv(rollup_matrix_csv(c, hand, Lang::zh));
    CHECK(all[1] == std::vector<std::string>{"#units_expected", "3"});
    CHECK(all[2][1] == "纳入 3/3 个县（市、区）");
}

//-------------------------------------------------------------------------------------------------
// The printable report
//-------------------------------------------------------------------------------------------------

TEST_CASE("report_html: a county with last year's changes") {
    const Catalog& c = qt::cat();
    TwoYears t = two_years();
    t.now.notes["cqo_coverage"] = "经信局名单 <核对中>";
    Evaluation e = evaluate(c, t.now), le = evaluate(c, t.last);
    std::vector<IndicatorChange> ch = year_over_year(c, e, le);
    // An enterprise's readiness given by mistake: a county report never shows it.
    Assessment ent = qt::enterprise();
    ReadinessResult rr = evaluate_readiness(builtin_readiness(), c, ent);

    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        ReportInput in;
        in.catalog = &c;
        in.assessment = &t.now;
        in.evaluation = &e;
        in.changes = &ch;
        in.last_year = t.last.year;
        in.readiness = &rr;
        in.lang = lang;
        in.exported = "2026-11-28";
        std::string html = report_html(in);
        check_document(html, lang);
        html = plain_n(html);

        std::string h1 = h1_of(html);
        CHECK(qt::contains(h1, esc(c.unit_by_name(t.now.unit)->name.get(lang))));  // in the report's language
        CHECK(qt::contains(h1, std::to_string(t.now.year)));
        CHECK(qt::contains(html, "2026-11-28"));
        CHECK(qt::contains(html, std::to_string(t.last.year)));

        // One row per county indicator, headed by its name; its status, value, clause and change.
        std::vector<const IndicatorDef*> inds = profile_indicators(c, Profile::county);
        CHECK(count_of(html, "<tr><th scope=\"row\">") == inds.size());
        CHECK(qt::contains(html, std::string("<th scope=\"col\">") + (lang == Lang::en ? "Change" : "较上年") + "</th>"));
        for (const IndicatorResult& r : e.results) {
            const IndicatorDef& d = *r.def;
            CAPTURE(d.id);
            std::string name = esc(d.name.get(lang));
            CHECK(count_of(html, "<tr><th scope=\"row\">" + name + "</th>") == 1);
            std::string row = row_of(html, name);
            REQUIRE_FALSE(row.empty());
            CHECK(qt::contains(row, "<td>" + status_cell(r, lang) + "</td>"));
            CHECK(qt::contains(row, esc(display_value(c, r, lang))));
            CHECK(qt::contains(row, "<td>" + esc(target_words(c, r, lang)) + "</td>"));
            CHECK(qt::contains(row, "<td>" + esc(d.clause) + "</td>"));
            const IndicatorChange& x = change(ch, d.id);
            CHECK(qt::contains(row, ">" + esc(x.text.get(lang)) + "</td>"));
            if (x.direction > 0) CHECK(qt::contains(row, "class=\"up\""));
            if (x.direction < 0) CHECK(qt::contains(row, "class=\"down\""));
            if (!r.shortfall_text.empty()) CHECK(qt::contains(row, esc(r.shortfall_text.get(lang))));
            auto note = t.now.notes.find(d.id);
            if (note != t.now.notes.end()) CHECK(qt::contains(row, "<td>" + esc(note->second) + "</td>"));
        }
        // The notes: the fixture's (by indicator id) and ours, escaped.
        int notes = 0;
        for (const auto& [k, n] : t.now.notes)
            if (c.indicator(k)) {
                ++notes;
                CHECK(qt::contains(html, esc(n)));
            }
        CHECK(notes >= 2);
        CHECK_FALSE(qt::contains(html, "<核对中>"));
        // Each group's table with its clause in the caption.
        for (const GroupDef& g : c.groups)
            if (g.profile == Profile::county) CHECK(qt::contains(html, "<caption>" + esc(g.name.get(lang))));
        // The summary counts.
        CHECK(qt::contains(html, "</dt><dd>" + std::to_string(e.summary.met) + "</dd>"));
        CHECK(qt::contains(html, "</dt><dd>" + std::to_string(e.summary.not_met) + "</dd>"));
        CHECK(qt::contains(html, "</dt><dd>" + std::to_string(e.summary.missing) + "</dd>"));
        // No readiness section, no award, for a county.
        CHECK_FALSE(qt::contains(html, "id=\"readiness\""));
        // (An award's name may be part of an indicator's name: look for it as a section heading.)
        for (const AwardDef& a : builtin_readiness().awards) CHECK_FALSE(qt::contains(html, "<h3>" + esc(a.name.get(lang))));
        for (const AwardResult& ar : rr.awards)
            for (const GateResult& g : ar.gates) CHECK(row_of(html, esc(g.requirement.get(lang))).empty());
        // No matrix without a roll-up.
        CHECK_FALSE(qt::contains(html, "id=\"matrix\""));
    }

    // Without changes: no change column, no comparison line.
    ReportInput plain;
    plain.catalog = &c;
    plain.assessment = &t.now;
    plain.evaluation = &e;
    std::string html = report_html(plain);
    check_document(html, Lang::zh);
    CHECK_FALSE(qt::contains(html, "较上年"));
    CHECK_FALSE(qt::contains(html, "与上年对比"));
    CHECK_FALSE(qt::contains(html, "class=\"up\""));
    // Required parts missing: nothing.
    ReportInput none;
    CHECK(report_html(none).empty());
    none.catalog = &c;
    none.assessment = &t.now;
    CHECK(report_html(none).empty());
}

TEST_CASE("report_html: last year's only indicators are listed, not dropped") {
    const Catalog& base = qt::cat();
    Catalog last_cat = base;
    last_cat.indicators.erase(std::remove_if(last_cat.indicators.begin(), last_cat.indicators.end(),
                                             [](const IndicatorDef& d) { return d.id == "standards_new"; }),
                              last_cat.indicators.end());
    last_cat.reindex();
    Catalog now_cat = base;
    now_cat.indicators.erase(std::remove_if(now_cat.indicators.begin(), now_cat.indicators.end(),
                                            [](const IndicatorDef& d) { return d.id == "mfg_pass_rate"; }),
                             now_cat.indicators.end());
    now_cat.reindex();
    TwoYears t = two_years();
    Evaluation e = evaluate(now_cat, t.now);
    std::vector<IndicatorChange> ch = year_over_year(now_cat, e, evaluate(last_cat, t.last));
    ReportInput in;
    in.catalog = &now_cat;
    in.assessment = &t.now;
    in.evaluation = &e;
    in.changes = &ch;
    in.last_year = t.last.year;
    std::string html = report_html(in);
    check_document(html, Lang::zh);
    const IndicatorChange& gone = change(ch, "mfg_pass_rate");
    CHECK(qt::contains(html, "<li>" + esc(gone.name.zh) + "：" + esc(gone.text.zh) + "</li>"));
    CHECK(row_of(html, esc(gone.name.zh)).empty());  // not an indicator row of this year
    CHECK(qt::contains(row_of(html, esc(base.indicator("standards_new")->name.zh)), change(ch, "standards_new").text.zh));
}

TEST_CASE("report_html: an enterprise with award readiness and a self-score") {
    const Catalog& c = qt::cat();
    const ReadinessData& rd = builtin_readiness();
    REQUIRE_FALSE(rd.awards.empty());
    Assessment a = qt::enterprise("盐城某机械有限公司", 2024);
    auto& f = a.figures;
    f["ent_qualified_batches"] = I(48);
    f["ent_sampled_batches"] = I(50);
    f["ent_has_cqo"] = B(true);
    f["ent_credit_rating"] = T("A");
    f["ent_legal_person"] = B(true);
    f["ent_registered_locally"] = B(true);
    f["ent_years_registered"] = I(6);
    f["ent_years_pe"] = I(2);
    f["ent_no_serious_violation"] = B(false);
    a.notes["ent_product_pass_rate"] = "质检科月报";
    // Three items scored: the total is Σ points × percent / 100.
    const ScoreModel& model = rd.model;
    REQUIRE(model.items.size() >= 3);
    // Items 0 and 1, and the first whose points at 55 % are not a whole tenth (so the total needs
    // format_points' two decimals).
    size_t third = 2;
    while (third < model.items.size() && (model.items[third].points * 55) % 10 == 0) ++third;
    REQUIRE(third < model.items.size());
    const size_t picked[3] = {0, 1, third};
    const int percents[3] = {30, 70, 55};
    int64_t hundredths = 0;
    qt::edit_readiness(a, [&](Json& r) { r["self_score"]["model"] = model.id; });
    qt::edit_readiness(a, [&](Json& r) { r["self_score"]["reference"] = 600; });
    for (size_t i = 0; i < 3; ++i) {
        qt::edit_readiness(a, [&](Json& r) { r["self_score"]["items"][model.items[picked[i]].id]["percent"] = percents[i]; });
        hundredths += (int64_t)model.items[picked[i]].points * percents[i];
    }
    qt::edit_readiness(a, [&](Json& r) { r["self_score"]["items"][model.items[0].id]["strength"] = "领导重视 & 全员参与"; });
    Rational total = Rational::of(hundredths, 100);
    REQUIRE(hundredths % 10 != 0);
    REQUIRE(validate_readiness(rd, c, a).empty());
    Evaluation e = evaluate(c, a);
    ReadinessResult rr = evaluate_readiness(rd, c, a);
    CHECK(same(rr.score.total, total));
    CHECK(rr.score.scored == 3);

    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        ReportInput in;
        in.catalog = &c;
        in.assessment = &a;
        in.evaluation = &e;
        in.readiness = &rr;
        in.lang = lang;
        std::string html = report_html(in);
        check_document(html, lang);
        html = plain_n(html);
        std::string h1 = h1_of(html);
        CHECK(qt::contains(h1, esc(a.unit)));
        CHECK(qt::contains(h1, "2024"));
        // The enterprise's indicators, each once; none of the county's.
        for (const IndicatorDef* d : profile_indicators(c, Profile::enterprise)) {
            CAPTURE(d->id);
            CHECK(count_of(html, "<tr><th scope=\"row\">" + esc(d->name.get(lang)) + "</th>") == 1);
            CHECK(qt::contains(row_of(html, esc(d->name.get(lang))), "<td>" + status_cell(qt::result(e, d->id), lang) + "</td>"));
        }
        for (const IndicatorDef* d : profile_indicators(c, Profile::county)) CHECK_FALSE(qt::contains(html, ">" + esc(d->name.get(lang)) + "</th>"));
        CHECK(qt::contains(row_of(html, esc(c.indicator("ent_product_pass_rate")->name.get(lang))), "<td>质检科月报</td>"));
        CHECK_FALSE(qt::contains(html, std::string("<th scope=\"col\">") + (lang == Lang::en ? "Change" : "较上年")));

        // The readiness section after the indicators: each award, its status, each gate's status in order.
        size_t sec = html.find("id=\"readiness\"");
        REQUIRE(sec != std::string::npos);
        CHECK(sec > html.find("id=\"indicators\""));
        size_t cursor = sec;
        for (const AwardResult& ar : rr.awards) {
            CAPTURE(ar.def->id);
            size_t h = html.find("<h3>" + esc(ar.def->name.get(lang)) + " ", cursor);
            REQUIRE(h != std::string::npos);
            size_t h_end = html.find("</h3>", h);
            CHECK(qt::contains(html.substr(h, h_end - h), esc(award_status_text(ar.status).get(lang))));
            cursor = h_end;
            for (const GateResult& g : ar.gates) {
                CAPTURE(g.def->id);
                size_t at = std::string::npos;
                std::string row = row_of(html, esc(g.requirement.get(lang)), cursor, &at);
                REQUIRE(at != std::string::npos);
                CHECK(qt::contains(row, "class=\"chip " + std::string(gate_status_id(g.status)) + "\">" + esc(gate_status_text(g.status).get(lang)) + "</span>"));
                CHECK(qt::contains(row, "<td>" + esc(g.value.get(lang)) + "</td>"));
                if (!g.reason.empty()) CHECK(qt::contains(row, esc(g.reason.get(lang))));
                cursor = at + 1;
            }
        }
        // The self-score total, as format_points gives it, out of the model's total.
        CHECK(qt::contains(html, "<strong>" + format_points(total) + "</strong> / " + std::to_string(model.total)));
        CHECK(qt::contains(html, esc(model.name.get(lang))));
        CHECK(qt::contains(html, format_points(Rational::of(600 * 100 - hundredths, 100))));  // the gap to the reference line
        for (size_t i = 0; i < 3; ++i) {
            const ScoreItemDef& it = model.items[picked[i]];
            CAPTURE(it.id);
            std::string row = row_of(html, esc(it.id + " " + it.name.get(lang)));
            REQUIRE_FALSE(row.empty());
            CHECK(qt::contains(row, ">" + std::to_string(percents[i]) + " %</td>"));
            CHECK(qt::contains(row, ">" + format_points(Rational::of((int64_t)it.points * percents[i], 100)) + " / " + std::to_string(it.points) + "</td>"));
        }
        CHECK(qt::contains(html, "领导重视 &amp; 全员参与"));
        // Each category's points.
        for (const CategoryScore& cs : rr.score.categories) {
            std::string row = row_of(html, esc(cs.def->id + " " + cs.def->name.get(lang)));
            REQUIRE_FALSE(row.empty());
            CHECK(qt::contains(row, ">" + format_points(cs.earned) + "</td>"));
        }
        // The award sources may be named, never linked.
        CHECK_FALSE(qt::contains(lower(html), "href"));
    }

    // Without a self-score: the gates, no score section.
    Assessment no_score = a;
    no_score.readiness = ReadinessEntries{};
    ReadinessResult rr2 = evaluate_readiness(rd, c, no_score);
    Evaluation e2 = evaluate(c, no_score);
    ReportInput in;
    in.catalog = &c;
    in.assessment = &no_score;
    in.evaluation = &e2;
    in.readiness = &rr2;
    std::string html = report_html(in);
    check_document(html, Lang::zh);
    CHECK(qt::contains(html, "id=\"readiness\""));
    CHECK_FALSE(qt::contains(html, "<strong>"));
    // An enterprise without readiness given: no section.
    in.readiness = nullptr;
    CHECK_FALSE(qt::contains(report_html(in), "id=\"readiness\""));
}

TEST_CASE("report_html: a city roll-up with the county matrix and the missing figures") {
    const Catalog& c = qt::cat();
    std::vector<Assessment> v = three_counties();          // the first county lacks governor_award_new
    v[0].figures.erase("water_civilized_site_new");        // …and with the third, this one
    v[2].figures.erase("water_civilized_site_new");
    Rollup r = must_roll(v);
    // A county's unit is one of the catalog's (the roll-up refuses a hostile name), but the report
    // must still escape what it prints: the first county is renamed after the roll-up.
    auto hostile = [&](std::string& u) { if (u == v[0].unit) u = kHostile; };
    for (std::string& u : r.units) hostile(u);
    for (auto& [key, units] : r.missing)
        for (std::string& u : units) hostile(u);
    v[0].unit = kHostile;
    REQUIRE(r.missing["water_civilized_site_new"] == std::vector<std::string>{v[0].unit, v[2].unit});
    REQUIRE(r.missing.count("governor_award_new") == 1);
    REQUIRE(r.missing["governor_award_new"] == std::vector<std::string>{kHostile});
    RollupMatrix m = rollup_matrix(c, v, r);
    std::vector<const IndicatorDef*> inds = profile_indicators(c, Profile::county);

    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        std::string html = report_html(city_report_input(c, r, m, nullptr, lang));
        check_document(html, lang);
        html = plain_n(html);
        std::string h1 = h1_of(html);
        CHECK(qt::contains(h1, esc(c.city.get(lang))));  // the city by its name in the report's language
        CHECK(qt::contains(h1, std::to_string(r.city.year)));
        CHECK_FALSE(qt::contains(html, "id=\"readiness\""));

        size_t sec = html.find("id=\"matrix\"");
        REQUIRE(sec != std::string::npos);
        std::string matrix = html.substr(sec);
        // Every county heads a column (escaped), named in the report's language, then the city.
        auto shown = [&](const std::string& u) { return unit_display_name(c, Profile::county, u, lang); };
        if (lang == Lang::en) CHECK(shown(m.units[1]) == c.unit_by_name(m.units[1])->name.en);
        for (const std::string& stored : m.units) {
            std::string u = shown(stored);
            CAPTURE(u);
            CHECK(count_of(matrix, "<th scope=\"col\">" + esc(u) + "</th>") == 1);
        }
        CHECK(qt::contains(matrix, std::string("<th scope=\"col\">") + (lang == Lang::en ? "City" : "全市") + "</th>"));
        CHECK(matrix.find("<th scope=\"col\">" + esc(shown(m.units[0])) + "</th>") < matrix.find("<th scope=\"col\">" + esc(shown(m.units[1])) + "</th>"));
        CHECK(matrix.find("<th scope=\"col\">" + esc(shown(m.units[1])) + "</th>") < matrix.find("<th scope=\"col\">" + esc(shown(m.units[2])) + "</th>"));
        // One row per indicator in the city's tables and one in the matrix.
        CHECK(count_of(html, "<tr><th scope=\"row\">") == 2 * inds.size());
        for (size_t k = 0; k < inds.size(); ++k) {
            CAPTURE(inds[k]->id);
            std::string row = row_of(matrix, esc(inds[k]->name.get(lang)));
            REQUIRE_FALSE(row.empty());
            CHECK(count_of(row, "<td>") == m.units.size() + 1);
            // Each cell: the value (or —) and the status, counties then the city, in order.
            size_t pos = 0;
            auto expect_cell = [&](const IndicatorResult& ir) {
                std::string cell = "<td>" + esc(ir.has_value ? display_value(c, ir, lang) : "—") + "<br>" + status_cell(ir, lang) + "</td>";
                size_t p = row.find(cell, pos);
                CHECK(p != std::string::npos);
                if (p != std::string::npos) pos = p + cell.size();
            };
            for (size_t i = 0; i < m.cells.size(); ++i) expect_cell(m.cells[i][k]);
            expect_cell(m.city[k]);
        }
        // The missing figures, by county (what each office has still to send), in input order.
        CHECK(qt::contains(matrix, std::string("<h3>") + (lang == Lang::en ? "Missing figures" : "缺少的数据") + "</h3>"));
        size_t last = 0;
        for (const std::string& u : m.units) {
            CAPTURE(u);
            std::vector<std::string> lacking;
            for (const auto& [key, units] : r.missing)
                if (std::find(units.begin(), units.end(), u) != units.end()) lacking.push_back(c.figure(key)->name.get(lang));
            size_t li = matrix.find("<li>" + esc(shown(u)) + (lang == Lang::en ? ": " : "："));
            if (lacking.empty()) {
                CHECK(li == std::string::npos);
                continue;
            }
            REQUIRE(li != std::string::npos);
            CHECK(li > last);
            last = li;
            std::string item = matrix.substr(li, matrix.find("</li>", li) - li);
            for (const std::string& name : lacking) CHECK(qt::contains(item, esc(name)));
            // Figures this county has are not named.
            for (const auto& [key, units] : r.missing)
                if (std::find(units.begin(), units.end(), u) == units.end()) CHECK_FALSE(qt::contains(item, esc(c.figure(key)->name.get(lang))));
        }
        // The first county (hostile name here) lacks two figures, joined in the language's way.
        size_t two = matrix.find("<li>" + esc(kHostile));
        REQUIRE(two != std::string::npos);
        CHECK(qt::contains(matrix.substr(two, matrix.find("</li>", two) - two), lang == Lang::en ? ", " : "、"));
        // The hostile county name never appears as markup.
        CHECK_FALSE(qt::contains(html, kHostile));
        CHECK(qt::contains(html, esc(kHostile)));
    }

    // Without the roll-up's missing list: the matrix, no list.
    ReportInput in;
    in.catalog = &c;
    in.assessment = &r.city;
    in.evaluation = &m.city_evaluation;
    in.matrix = &m;
    std::string html = report_html(in);
    check_document(html, Lang::zh);
    CHECK(qt::contains(html, "id=\"matrix\""));
    CHECK_FALSE(qt::contains(html, "缺少的数据"));
}

TEST_CASE("report_html: a hostile unit name and note are escaped everywhere") {
    const Catalog& c = qt::cat();
    Assessment a = fixture();
    a.unit = kHostile;
    a.notes["mfg_pass_rate"] = kHostile;
    a.notes["cqo_coverage"] = "it's 'single' & <b>bold</b>";
    Evaluation e = evaluate(c, a);
    for (Lang lang : {Lang::zh, Lang::en}) {
        ReportInput in;
        in.catalog = &c;
        in.assessment = &a;
        in.evaluation = &e;
        in.lang = lang;
        std::string html = report_html(in);
        check_document(html, lang);
        html = plain_n(html);
        CHECK_FALSE(qt::contains(html, kHostile));
        CHECK_FALSE(qt::contains(lower(html), "<script"));
        CHECK_FALSE(qt::contains(html, "<b>"));
        CHECK_FALSE(qt::contains(html, "\"quotes\""));
        // The unit in the heading and the title, the note in its row.
        CHECK(qt::contains(h1_of(html), esc(kHostile)));
        size_t t0 = html.find("<title>"), t1 = html.find("</title>");
        REQUIRE(t0 != std::string::npos);
        REQUIRE(t1 != std::string::npos);
        CHECK(qt::contains(html.substr(t0, t1 - t0), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        CHECK(qt::contains(row_of(html, esc(c.indicator("mfg_pass_rate")->name.get(lang))), "<td>" + esc(kHostile) + "</td>"));
        CHECK(qt::contains(html, "&lt;b&gt;bold&lt;/b&gt;"));
        // Every alert(1) is inside escaped text.
        CHECK(count_of(html, "alert(1)") >= 3);  // title, heading, note
        CHECK(count_of(html, "alert(1)") == count_of(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}

TEST_CASE("report_html: numbers stay whole on paper: a separator, a percent or a sign with its number, a unit without spaces") {
    const Catalog& c = qt::cat();
    Assessment a = fixture();
    a.notes["mfg_pass_rate"] = "抽检 1,200 批次，合格率 95.5 %；另见 GB/T 19580-2012，表 4.1.2";
    Evaluation e = evaluate(c, a);
    ReportInput in;
    in.catalog = &c;
    in.assessment = &a;
    in.evaluation = &e;
    std::string zh = report_html(in);
    check_document(zh, Lang::zh);
    const std::string n = kNumOpen;
    std::string note = row_of(zh, esc(c.indicator("mfg_pass_rate")->name.zh));
    CHECK(qt::contains(note, "抽检 " + n + "1,200</span> 批次，合格率 " + n + "95.5 %</span>；另见 GB/T 19580-2012，表 " + n + "4.1.2</span>"));
    // The value and target of a rate: the number with its percent, the target with its sign.
    const IndicatorResult& mfg = qt::result(e, "mfg_pass_rate");
    CHECK(qt::contains(note, n + esc(display_value(c, mfg, Lang::zh)) + "</span>"));
    CHECK(qt::contains(note, n + esc(display_target(c, mfg, Lang::zh)) + "</span>"));
    // A density: the number, then its unit kept whole ("批次/千人" never splits).
    const IndicatorResult& food = qt::result(e, "food_sampling_density");
    std::string shown = display_value(c, food, Lang::zh);
    size_t sp = shown.find(' ');
    REQUIRE(sp != std::string::npos);
    CHECK(qt::contains(row_of(zh, esc(c.indicator("food_sampling_density")->name.zh)),
                       "<td class=\"num\">" + n + shown.substr(0, sp) + "</span> " + n + esc(shown.substr(sp + 1)) + "</span><svg"));
    // English: "1,000" inside an indicator's name; a unit of several words wraps between them.
    in.lang = Lang::en;
    std::string en = report_html(in);
    check_document(en, Lang::en);
    const std::string& name = c.indicator("food_sampling_density")->name.en;
    REQUIRE(qt::contains(name, "1,000"));
    size_t at = name.find("1,000");
    CHECK(qt::contains(en, "<tr><th scope=\"row\">" + esc(name.substr(0, at)) + n + "1,000</span>" + esc(name.substr(at + 5)) + "</th>"));
    std::string shown_en = display_value(c, food, Lang::en);
    CHECK(qt::contains(plain_n(en), "<td class=\"num\">" + esc(shown_en) + "<svg"));
    CHECK_FALSE(qt::contains(en, n + esc(shown_en.substr(shown_en.find(' ') + 1)) + "</span>"));
}

TEST_CASE("report_html: a county's contribution to a city-wide count: the sentence where the target was, \"—\" for the status") {
    const Catalog& c = qt::cat();
    Assessment a = fixture();
    Evaluation e = evaluate(c, a);
    // Set by hand as evaluate() gives it for a count whose share is below one (⌈1/11⌉ would ask
    // the city for eleven governor's awards).
    IndicatorResult* gov = nullptr;
    for (IndicatorResult& r : e.results)
        if (r.def->id == "governor_award_new") gov = &r;
    REQUIRE(gov != nullptr);
    gov->contribution = true;
    gov->quota = false;
    gov->status = Status::info;
    gov->has_target = false;
    gov->has_shortfall = false;
    gov->shortfall_text = Text{};
    gov->contribution_text = Text{"全市目标 1 个，本单位新增 0 个", "City target 1 award; this unit added 0 awards"};
    for (Lang lang : {Lang::zh, Lang::en}) {
        ReportInput in;
        in.catalog = &c;
        in.assessment = &a;
        in.evaluation = &e;
        in.lang = lang;
        std::string html = report_html(in);
        check_document(html, lang);
        std::string row = plain_n(row_of(html, esc(c.indicator("governor_award_new")->name.get(lang))));
        REQUIRE_FALSE(row.empty());
        CHECK(qt::contains(row, "<td>" + esc(gov->contribution_text.get(lang)) + "</td><td>—</td>"));
        CHECK_FALSE(qt::contains(row, "class=\"chip"));
        CHECK_FALSE(qt::contains(row, "<svg"));
        CHECK_FALSE(qt::contains(row, lang == Lang::en ? "quota" : "配额"));
        CHECK(qt::contains(row, "<td class=\"num\">" + esc(display_value(c, *gov, lang))));
    }
}

TEST_CASE("report_html: a partial city roll-up says how many units are in and which are not, and marks provisional statuses") {
    const Catalog& c = qt::cat();
    std::vector<Assessment> v = three_counties();  // 射阳县, 东台市, 大丰区
    Rollup r = must_roll(v);
    r.units_expected = 11;
    RollupMatrix m = rollup_matrix(c, v, r);
    REQUIRE(m.units_expected == 11);
    // Two city statuses marked provisional by hand (evaluate() marks those more units could change).
    size_t met = m.city.size(), not_met = m.city.size();
    for (size_t k = 0; k < m.city.size(); ++k) {
        m.city[k].provisional = false;
        m.city_evaluation.results[k].provisional = false;
        if (m.city[k].status == Status::met && met == m.city.size()) met = k;
        if (m.city[k].status == Status::not_met && not_met == m.city.size()) not_met = k;
    }
    REQUIRE(met < m.city.size());
    REQUIRE(not_met < m.city.size());
    for (size_t k : {met, not_met}) m.city[k].provisional = m.city_evaluation.results[k].provisional = true;
    std::vector<std::string> out;
    for (const UnitDef& u : c.units)
        if (u.name.zh != "射阳县" && u.name.zh != "东台市" && u.name.zh != "大丰区") out.push_back(u.name.zh);
    REQUIRE(out.size() == 8);

    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        std::string html = report_html(city_report_input(c, r, m, nullptr, lang));
        check_document(html, lang);
        html = plain_n(html);
        std::string coverage = lang == Lang::en ? "3 of 11 county-level units included" : "纳入 3/11 个县（市、区）";
        size_t header_end = html.find("</header>");
        CHECK(qt::contains(html.substr(0, header_end), "<p class=\"meta\">" + coverage + "</p>"));
        CHECK(qt::contains(html.substr(html.find("id=\"matrix\"")), "<p class=\"meta\">" + coverage + "</p>"));
        // What "provisional" means, and who is not in yet (catalog order; zh names here as the
        // counties' files are named in Chinese, so the English report lists the English names).
        size_t p = html.find("<p class=\"provisional\">");
        REQUIRE(p < header_end);
        std::string note = html.substr(p, html.find("</p>", p) - p);
        CHECK(qt::contains(note, esc(provisional_note(3, 11).get(lang))));
        CHECK(qt::contains(note, lang == Lang::en ? "8 county-level units are not in the roll-up yet" : "尚有 8 个县（市、区）未纳入"));
        std::string list;
        for (const UnitDef& u : c.units)
            if (std::find(out.begin(), out.end(), u.name.zh) != out.end()) list += (list.empty() ? "" : (lang == Lang::en ? ", " : "、")) + u.name.get(lang);
        CHECK(qt::contains(note, (lang == Lang::en ? "Not yet included: " : "尚未纳入：") + list + (lang == Lang::en ? "." : "。")));
        CHECK(count_of(html, "<p class=\"provisional\">") == 2);  // the header and under the matrix
        // The two provisional statuses, in the city's tables and in the matrix's city column.
        for (size_t k : {met, not_met}) {
            CAPTURE(m.city[k].def->id);
            std::string chip = status_cell(m.city[k], lang);
            CHECK(qt::contains(chip, lang == Lang::en ? " (provisional)</span>" : "（暂定）</span>"));
            CHECK(qt::contains(chip, " provisional\">"));
            CHECK(count_of(html, "<td>" + chip + "</td>") == 1);                 // the indicator table
            CHECK(count_of(html, "<br>" + chip + "</td></tr>") == 1);           // the matrix's city column
        }
        CHECK(count_of(html, " provisional\">") == 4);
    }

    // All of them in: no provisional note.
    r.units_expected = 3;
    m.units_expected = 3;
    ReportInput in = city_report_input(c, r, m);
    std::string html = report_html(in);
    check_document(html, Lang::zh);
    CHECK(qt::contains(html, "纳入 3/3 个县（市、区）"));
    CHECK_FALSE(qt::contains(html, "<p class=\"provisional\">"));
    // One missing: the English sentence in the singular.
    r.units_expected = 4;
    m.units_expected = 4;
    in.lang = Lang::en;
    html = report_html(in);
    CHECK(qt::contains(html, "1 county-level unit is not in the roll-up yet"));
}

TEST_CASE("report_html: the county matrix in tables of at most five counties, each with the city") {
    const Catalog& c = qt::cat();
    std::vector<Assessment> v;
    for (const UnitDef& u : c.units) {
        Assessment a = fixture();
        a.unit = u.name.en;  // the longest names there are
        v.push_back(a);
    }
    Rollup r = must_roll(v);
    RollupMatrix m = rollup_matrix(c, v, r);
    std::string html = report_html(city_report_input(c, r, m, nullptr, Lang::en));
    check_document(html, Lang::en);
    std::string matrix = plain_n(html.substr(html.find("id=\"matrix\"")));
    // Eleven counties: 4 + 4 + 3, in input order, the city last in each.
    CHECK(count_of(matrix, "<table class=\"matrix\">") == 3);
    CHECK(count_of(matrix, "<th scope=\"col\">City</th>") == 3);
    size_t at = 0;
    const size_t sizes[3] = {4, 4, 3};
    size_t u = 0;
    for (size_t t = 0; t < 3; ++t) {
        size_t open = matrix.find("<table class=\"matrix\">", at);
        REQUIRE(open != std::string::npos);
        size_t close = matrix.find("</table>", open);
        std::string table = matrix.substr(open, close - open);
        CHECK(qt::contains(table, "<caption>Each county judged against its quota; the city against the full targets (" + std::to_string(t + 1) + " of 3)</caption>"));
        CHECK(count_of(table, "<col class=\"unit\">") == sizes[t]);
        CHECK(count_of(table, "<th scope=\"col\">") == sizes[t] + 2);
        for (size_t i = 0; i < sizes[t]; ++i, ++u) CHECK(qt::contains(table, "<th scope=\"col\">" + esc(v[u].unit) + "</th>"));
        CHECK(table.find("<th scope=\"col\">City</th>") > table.find("<th scope=\"col\">" + esc(v[u - 1].unit) + "</th>"));
        CHECK(count_of(table, "<tr><th scope=\"row\">") == m.indicators.size());
        at = close;
    }
    CHECK(u == v.size());
    CHECK(qt::contains(html, "11 of 11 county-level units included"));
    CHECK_FALSE(qt::contains(html, "<p class=\"provisional\">"));
}

//-------------------------------------------------------------------------------------------------
// The results table with changes
//-------------------------------------------------------------------------------------------------

TEST_CASE("results_to_csv with changes: a last column with each change, and last year's only rows appended") {
    const Catalog& base = qt::cat();
    Catalog last_cat = base;
    last_cat.indicators.erase(std::remove_if(last_cat.indicators.begin(), last_cat.indicators.end(),
                                             [](const IndicatorDef& d) { return d.id == "standards_new"; }),
                              last_cat.indicators.end());
    last_cat.reindex();
    Catalog now_cat = base;
    now_cat.indicators.erase(std::remove_if(now_cat.indicators.begin(), now_cat.indicators.end(),
                                            [](const IndicatorDef& d) { return d.id == "mfg_pass_rate" || d.id == "certificates_new"; }),
                             now_cat.indicators.end());
    now_cat.reindex();
    TwoYears t = two_years();
    Evaluation e = evaluate(now_cat, t.now);
    std::vector<IndicatorChange> ch = year_over_year(now_cat, e, evaluate(last_cat, t.last));
    std::vector<const IndicatorChange*> gone;
    for (const IndicatorChange& x : ch)
        if (x.presence == Presence::last_year_only) gone.push_back(&x);
    REQUIRE(gone.size() == 2);

    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        CsvRows plain = parsed_csv(results_to_csv(now_cat, t.now, e, lang));
        std::string text = results_to_csv(now_cat, t.now, e, lang, &ch);
        CHECK(text.rfind(kBom, 0) == 0);
        CsvRows rows = parsed_csv(text);
        REQUIRE(rows.size() == 1 + e.results.size() + gone.size());
        // The header: the plain one plus the change column.
        std::vector<std::string> head = plain[0];
        head.push_back(lang == Lang::en ? "change since last year" : "较上年");
        CHECK(rows[0] == head);
        REQUIRE(head.size() == 14);
        for (size_t i = 0; i < e.results.size(); ++i) {
            const std::string& id = e.results[i].def->id;
            CAPTURE(id);
            REQUIRE(rows[1 + i].size() == 14);
            // The first thirteen cells as without changes.
            CHECK(std::vector<std::string>(rows[1 + i].begin(), rows[1 + i].begin() + 13) == plain[1 + i]);
            CHECK(rows[1 + i][13] == change(ch, id).text.get(lang));
        }
        // Rows for last year's only indicators: id, name, the text, nothing else.
        for (size_t k = 0; k < gone.size(); ++k) {
            const std::vector<std::string>& row = rows[1 + e.results.size() + k];
            CAPTURE(gone[k]->id);
            REQUIRE(row.size() == 14);
            CHECK(row[0] == gone[k]->id);
            CHECK(row[1] == gone[k]->name.get(lang));
            for (size_t j = 2; j < 13; ++j) CHECK(row[j].empty());
            CHECK(row[13] == gone[k]->text.get(lang));
        }
        // Spot checks against the figures.
        auto row = [&](const std::string& id) {
            for (const auto& r : rows)
                if (r[0] == id) return r;
            FAIL("no row " << id);
            return rows[0];
        };
        CHECK(row("one_stop_platform")[13] == (lang == Lang::en ? "no → yes" : "否 → 是"));
        CHECK(row("consumer_pass_rate")[13] == (lang == Lang::en ? "no change" : "持平"));
        CHECK(row("standards_new")[13] == (lang == Lang::en ? "new this year (not in last year's catalog)" : "本年新增指标（上年目录中没有）"));
        CHECK(row("emr_level4_share")[13] == (lang == Lang::en ? "no value this year" : "本年无数据"));
    }
}

//-------------------------------------------------------------------------------------------------
// The command line
//-------------------------------------------------------------------------------------------------

TEST_CASE("cli report: one file to -o, a roll-up of two, --previous checks") {
    std::string out = (tmp().path / "dongtai.html").string();
    Run r = run_cli({"report", fixture_path(), "-o", out});
    CAPTURE(r.err);
    CHECK(r.code == 0);
    CHECK(r.out.empty());
    REQUIRE(fs::exists(out));
    std::string html = slurp(out);
    check_document(html, Lang::zh);
    CHECK(qt::contains(h1_of(html), esc(fixture().unit)));
    CHECK(qt::contains(h1_of(html), std::to_string(fixture().year)));
    CHECK(count_of(html, "<tr><th scope=\"row\">") == profile_indicators(qt::cat(), Profile::county).size());
    for (const auto& [k, n] : fixture().notes)
        if (qt::cat().indicator(k)) CHECK(qt::contains(html, esc(n)));

    // English to standard output.
    Run en = run_cli({"report", fixture_path(), "--lang", "en"});
    CHECK(en.code == 0);
    check_document(en.out, Lang::en);

    // Two counties: the roll-up with both names.
    Assessment a = fixture(), b = fixture();
    a.unit = "大丰区";
    b.unit = "建湖县";
    b.figures.erase("standards_new");
    std::string fa = write_assessment_file("rep_a.json", a), fb = write_assessment_file("rep_b.json", b);
    Run two = run_cli({"report", fa, fb});
    CAPTURE(two.err);
    CHECK(two.code == 0);
    check_document(two.out, Lang::zh);
    CHECK(qt::contains(two.out, "id=\"matrix\""));
    CHECK(qt::contains(two.out, "<th scope=\"col\">大丰区</th>"));
    CHECK(qt::contains(two.out, "<th scope=\"col\">建湖县</th>"));
    CHECK(qt::contains(h1_of(two.out), qt::cat().city.zh));
    CHECK(qt::contains(two.out, "缺少的数据"));

    // --previous: last year's file of the same unit adds the changes.
    Assessment prev = fixture();
    prev.year -= 1;
    prev.figures["certificates_new"] = I(num(prev, "certificates_new") + 10);
    std::string fp = write_assessment_file("rep_prev.json", prev);
    Run withp = run_cli({"report", fixture_path(), "--previous", fp});
    CAPTURE(withp.err);
    CHECK(withp.code == 0);
    CHECK(qt::contains(withp.out, "<th scope=\"col\">较上年</th>"));
    CHECK(qt::contains(row_of(plain_n(withp.out), esc(qt::cat().indicator("certificates_new")->name.zh)),
                       "↓ 10 " + qt::cat().indicator("certificates_new")->value_unit.zh));

    // Another unit, a later year, the same year: exit 2 with a message, nothing written.
    Assessment other = prev;
    other.unit = "大丰区";
    Assessment later = fixture();
    later.year += 1;
    Assessment same_year = fixture();
    for (const auto& [name, bad] : std::vector<std::pair<std::string, Assessment>>{{"other", other}, {"later", later}, {"same", same_year}}) {
        const auto& name_ = name;  // (a structured binding cannot be captured in C++17)
        CAPTURE(name_);
        std::string bad_out = (tmp().path / ("bad_prev_" + name + ".html")).string();
        Run x = run_cli({"report", fixture_path(), "--previous", write_assessment_file("prev_" + name + ".json", bad), "-o", bad_out, "--lang", "en"});
        CHECK(x.code == 2);
        CHECK(qt::contains(x.err, "--previous"));
        CHECK(qt::contains(x.err, fixture().unit));
        CHECK_FALSE(fs::exists(bad_out));
    }
    Run zh = run_cli({"report", fixture_path(), "--previous", write_assessment_file("prev_other_zh.json", other)});
    CHECK(zh.code == 2);
    CHECK(qt::contains(zh.err, "--previous"));
    // --previous with two files; no file; -o into a directory that does not exist.
    CHECK(run_cli({"report", fa, fb, "--previous", fp}).code == 2);
    CHECK(run_cli({"report"}).code == 2);
    Run nodir = run_cli({"report", fixture_path(), "-o", (tmp().path / "no_such_dir" / "r.html").string()});
    CHECK(nodir.code == 2);
    CHECK(qt::contains(nodir.err, "no_such_dir"));
    CHECK_FALSE(fs::exists(tmp().path / "no_such_dir"));
    Run help = run_cli({"report", "--help"});
    CHECK(help.code == 0);
    CHECK(qt::contains(help.out, "Usage: qcity report"));
}

TEST_CASE("cli evaluate --previous: changes in JSON, text and CSV") {
    Assessment prev = fixture();
    prev.year -= 1;
    prev.figures["certificates_new"] = I(num(prev, "certificates_new") + 10);
    prev.figures["one_stop_platform"] = B(false);
    std::string fp = write_assessment_file("ev_prev.json", prev);
    std::string fn = write_assessment_file("ev_now.json", fixture());

    Run r = run_cli({"evaluate", fn, "--previous", fp, "--format", "json", "--lang", "en"});
    CAPTURE(r.err);
    CHECK(r.code == 0);
    Json j = parse_json(r);
    CHECK(j["previous_year"] == prev.year);
    REQUIRE(j["changes"].is_array());
    CHECK(j["changes"].size() == profile_indicators(qt::cat(), Profile::county).size());
    const Json& cert = json_change(j, "certificates_new");
    CHECK(cert["presence"] == "both");
    CHECK(cert["comparable"] == true);
    CHECK(cert["direction"] == -1);
    CHECK(cert["delta"] == -10);
    CHECK(qt::contains(cert["text"].get<std::string>(), "↓ 10"));
    const Json& flag = json_change(j, "one_stop_platform");
    CHECK(flag["direction"] == 1);
    CHECK(flag["delta"] == 1);
    CHECK(flag["text"] == "no → yes");
    CHECK(json_change(j, "mfg_pass_rate")["text"] == "no change");
    CHECK(json_indicator(j, "mfg_pass_rate")["status"].is_string());

    // Without --previous: no changes.
    Json plain = parse_json(run_cli({"evaluate", fn, "--format", "json"}));
    CHECK_FALSE(plain.contains("changes"));
    CHECK_FALSE(plain.contains("previous_year"));

    // Text: the changes after the evaluation.
    Run text = run_cli({"evaluate", fn, "--previous", fp});
    CHECK(text.code == 0);
    CHECK(qt::contains(text.out, std::to_string(prev.year)));
    CHECK(qt::contains(text.out, "否 → 是"));

    // CSV: BOM, the change column.
    Run csv = run_cli({"evaluate", fn, "--previous", fp, "--format", "csv"});
    CHECK(csv.code == 0);
    CHECK(csv.out.rfind(kBom, 0) == 0);
    CsvRows rows = parsed_csv(csv.out);
    REQUIRE(rows.size() == 1 + profile_indicators(qt::cat(), Profile::county).size());
    CHECK(rows[0].back() == "较上年");
    for (const auto& row : rows)
        if (row[0] == "one_stop_platform") CHECK(row.back() == "否 → 是");
    Run csv_plain = run_cli({"evaluate", fn, "--format", "csv"});
    CHECK(csv_plain.out.rfind(kBom, 0) == 0);
    CHECK(parsed_csv(csv_plain.out)[0].size() == 13);

    // A bad --previous: exit 2.
    Assessment later = fixture();
    later.year += 1;
    Run bad = run_cli({"evaluate", fn, "--previous", write_assessment_file("ev_later.json", later), "--format", "json"});
    CHECK(bad.code == 2);
    CHECK(qt::contains(bad.err, "--previous"));
    CHECK(run_cli({"evaluate", fn, fn, "--previous", fp}).code == 2);
}

TEST_CASE("cli rollup --format csv: identity rows, header, one line per county, the city") {
    Assessment a = fixture(), b = fixture();
    a.unit = "亭湖区";
    b.unit = "盐都区";
    b.figures["one_stop_platform"] = B(false);
    Run r = run_cli({"rollup", write_assessment_file("ru_a.json", a), write_assessment_file("ru_b.json", b), "--format", "csv"});
    CAPTURE(r.err);
    CHECK(r.code == 0);
    CHECK(r.out.rfind(kBom, 0) == 0);
    std::vector<std::string> ls = crlf_lines(r.out);
    REQUIRE(ls.size() == 7);
    CHECK(ls[0] == kBom + "#units_included,2");
    CHECK(ls[1] == "#units_expected,11");
    CHECK(ls[2].rfind("#note,纳入 2/11 个县（市、区）", 0) == 0);
    CHECK(ls[3].rfind("单位,", 0) == 0);
    CHECK(ls[4].rfind("亭湖区,", 0) == 0);
    CHECK(ls[5].rfind("盐都区,", 0) == 0);
    CHECK(ls[6].rfind("全市,", 0) == 0);
    CsvRows rows = parsed_csv(r.out);
    REQUIRE(rows.size() == 7);
    CHECK(rows[3].size() == 1 + 2 * profile_indicators(qt::cat(), Profile::county).size());
    for (size_t i = 3; i < rows.size(); ++i) CHECK(rows[i].size() == rows[3].size());
    Run en = run_cli({"rollup", write_assessment_file("ru_a2.json", a), write_assessment_file("ru_b2.json", b), "--format", "csv", "--lang", "en"});
    CHECK(crlf_lines(en.out).size() == 7);
    CHECK(parsed_csv(en.out)[2][1].rfind("2 of 11 county-level units included", 0) == 0);
    CHECK(crlf_lines(en.out)[6].rfind("City,", 0) == 0);
}

TEST_CASE("cli template --format csv → evaluate the CSV, filled and badly filled") {
    Run t = run_cli({"template", "--profile", "county", "--unit", "响水县", "--year", "2024", "--format", "csv"});
    CAPTURE(t.err);
    CHECK(t.code == 0);
    CHECK(t.out.rfind(kBom, 0) == 0);
    std::string empty = write_file("template.csv", t.out);
    const size_t n_inds = profile_indicators(qt::cat(), Profile::county).size();

    // Empty: every indicator is missing, but for the contributions to city-wide counts (info).
    Run e = run_cli({"evaluate", empty, "--format", "json"});
    CAPTURE(e.err);
    CHECK(e.code == 0);
    Json j = parse_json(e);
    CHECK(j["unit"] == "响水县");
    CHECK(j["year"] == 2024);
    int contributions = 0;
    for (const Json& i : j["indicators"]) contributions += i.value("contribution", false);
    CHECK(contributions == 8);
    CHECK(j["summary"]["missing"] == n_inds - contributions);
    CHECK(j["summary"]["met"] == 0);
    CHECK(run_cli({"evaluate", empty}).code == 0);

    // Two figures filled in the value column: the ratio they make is judged.
    CsvRows rows = parsed_csv(t.out);
    size_t head = 0;
    while (head < rows.size() && rows[head][0] != "key") ++head;
    REQUIRE(head < rows.size());
    size_t value_col = (size_t)(std::find(rows[head].begin(), rows[head].end(), "value") - rows[head].begin());
    REQUIRE(value_col < rows[head].size());
    auto set = [&](CsvRows& rs, const std::string& key, const std::string& value) {
        for (auto& row : rs)
            if (row[0] == key) {
                row[value_col] = value;
                return;
            }
        FAIL("no row " << key);
    };
    const int64_t with = 94, all = 140;
    CsvRows filled = rows;
    set(filled, "above_scale_with_cqo", std::to_string(with));
    set(filled, "above_scale_enterprises", std::to_string(all));
    Run f = run_cli({"evaluate", write_file("filled.csv", write_csv(filled)), "--format", "json"});
    CAPTURE(f.err);
    CHECK(f.code == 0);
    Json fj = parse_json(f);
    const Json& cqo = json_indicator(fj, "cqo_coverage");
    const Rational target = qt::cat().indicator("cqo_coverage")->target;
    bool met = compare(Rational::of(100 * with, all), target) >= 0;
    CHECK(cqo["status"] == (met ? "met" : "not_met"));
    CHECK(cqo["value"].get<double>() == doctest::Approx(100.0 * with / all));
    // ⌈target · all / 100⌉ − with still needed.
    int64_t need = ceil_div((__int128)target.num * all, (__int128)target.den * 100) - with;
    CHECK(cqo["shortfall"] == (met ? 0 : need));
    CHECK(fj["summary"]["missing"] == n_inds - contributions - 1);

    // A bad cell: exit 2, naming the row as the spreadsheet shows it.
    CsvRows bad = rows;
    set(bad, "certificates_new", "abc");
    size_t bad_row = 0;
    for (size_t i = 0; i < bad.size(); ++i)
        if (bad[i][0] == "certificates_new") bad_row = i + 1;
    std::string fb = write_file("bad.csv", write_csv(bad));
    Run b = run_cli({"evaluate", fb, "--lang", "en"});
    CHECK(b.code == 2);
    CHECK(qt::contains(b.err, "row " + std::to_string(bad_row)));
    CHECK(qt::contains(b.err, "certificates_new"));
    CHECK(b.out.empty());
    Run bz = run_cli({"report", fb});
    CHECK(bz.code == 2);
    CHECK(qt::contains(bz.err, "第 " + std::to_string(bad_row) + " 行"));
    // A CSV file also makes a report.
    Run rep = run_cli({"report", write_file("filled2.csv", write_csv(filled))});
    CHECK(rep.code == 0);
    CHECK(qt::contains(h1_of(rep.out), "响水县"));
}

}  // TEST_SUITE

}  // namespace qcity_test_report
