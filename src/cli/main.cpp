// qcity — the command line: the public contract for scripts and for the city office.
//
//   qcity evaluate FILE... [--format text|json|csv] [--previous FILE] [--lang zh|en] [--catalog FILE]
//   qcity validate FILE    [--previous FILE] [--lang zh|en] [--catalog FILE]
//   qcity rollup FILE...   [--format text|json|csv] [--league-csv FILE] [--lang zh|en] [--catalog FILE]
//   qcity report FILE...   [-o OUT.html] [--previous FILE] [--history FILE...] [--lang zh|en] [--catalog FILE]
//   qcity trend FILE...    [--format text|json|csv] [--lang zh|en] [--catalog FILE]   (one unit's years)
//   qcity template --profile county|enterprise [--unit NAME] [--year YYYY] [--format json|csv|xlsx] [-o FILE] [--catalog FILE]
//
// An assessment FILE is a qcity.assessment/1 JSON file, or the figures template as a spreadsheet
// saved it: CSV or tab-separated text in UTF-8, GBK/GB18030 or UTF-16, or an .xlsx workbook. What a
// file is comes from its content (read_assessment_file), not its name.
//   qcity catalog          [--format text|json] [--lang zh|en] [--profile county|enterprise] [--catalog FILE]
//   qcity template --profile county --department NAME ...   (only that department's figures)
//   qcity merge FILE... -o OUT [--prefer FILE]                (one unit's partial files into one)
//   qcity freeze FILE -o OUT [--at TIME]                      (record the submission: time, SHA-256, content)
//   qcity verify FILE                                         (exit 0 unchanged since submission, 1 listing changes)
//
// Exit codes: 0 ok, 1 invalid data (validation errors), 2 usage or I/O error.
//
// Index of this file
// [SECTION] Arguments and help
// [SECTION] Files and catalogs
// [SECTION] Text tables (CJK-aware widths)
// [SECTION] Commands
// [SECTION] main

#include "core.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

using namespace qcity;

namespace {

constexpr int kOk = 0, kInvalid = 1, kUsage = 2;

//-------------------------------------------------------------------------------------------------
// [SECTION] Arguments and help
//-------------------------------------------------------------------------------------------------

struct Args {
    std::string command;
    std::vector<std::string> files;
    std::string format = "text";
    Lang lang = Lang::zh;
    std::string catalog_file, profile, unit;
    std::string output;          // -o: write here instead of standard output
    std::string previous;        // --previous: last year's file of the same unit
    std::string department;      // template --department: a department's id or part of its name
    std::string prefer;          // merge --prefer: the file whose values settle conflicts
    std::string at;              // freeze --at: the submission's time (default: now, UTC)
    std::vector<std::string> history;  // report --history: other years' files of the unit (a trends section)
    std::string league_csv;      // rollup --league-csv: where to write the county league as CSV
    bool format_given = false;
    int year = 0;
    bool help = false;
    std::string error;
};

const char* kMainHelp =
    "qcity — Yancheng quality-city self-assessment (qcity.assessment/1 files)\n"
    "\n"
    "Usage: qcity <command> [options]\n"
    "\n"
    "Commands:\n"
    "  evaluate FILE...   judge assessments against the catalog's targets\n"
    "  validate FILE      check an assessment's figures; exit 1 listing every problem\n"
    "  rollup FILE...     combine county assessments into the city's evaluation\n"
    "  report FILE...     a printable HTML report (one file: its assessment; several: the city roll-up)\n"
    "  trend FILE...      one unit's years: each indicator's series and direction\n"
    "  template           write an empty assessment (every figure key, null), JSON, CSV or .xlsx\n"
    "  catalog            list the indicators, their targets and policy clauses\n"
    "  merge FILE... -o OUT  combine one unit's partial files (the departments'); conflicts: exit 1\n"
    "  freeze FILE -o OUT record the submission (time, SHA-256 of the content, the content)\n"
    "  verify FILE        exit 0 when unchanged since the submission, 1 listing every change\n"
    "\n"
    "Common options: --lang zh|en (default zh), --catalog FILE (default: the built-in catalog the\n"
    "file names), --help. Exit codes: 0 ok, 1 invalid data, 2 usage or I/O error.\n"
    "Run 'qcity <command> --help' for a command's options.\n";

std::string command_help(const std::string& cmd) {
    if (cmd == "evaluate")
        return "Usage: qcity evaluate FILE... [--format text|json|csv] [--previous FILE] [--lang zh|en] [--catalog FILE]\n"
               "Judges each assessment: status, value, target and shortfall of every indicator; for an\n"
               "enterprise also its award readiness. --previous: last year's file of the same unit, to show\n"
               "each indicator's change (one FILE), and a warning (code unusual_change; never an error, the exit\n"
               "code is unchanged) for each figure that moved more than the catalog's plausible change, unless\n"
               "the file confirms that value (\"confirmed\": {KEY: {\"value\", \"note\"}}); json: \"warnings\": [{\"key\",\"code\",\"message\"}].\n"
               "csv: the results table (UTF-8 with BOM, for Excel).\n"
               "json: {\"unit\",\"year\",\"profile\",\"indicators\":[{\"id\",\"status\",\"value\",\"target\",\"unit\",\"shortfall\",...}],\n"
               "       \"summary\":{\"met\",\"not_met\",\"missing\",\"not_applicable\",\"info\",\"invalid\",\"completeness\"},\"problems\":[...]}\n"
               "(an array of these for several files). Exit 1 when a file has invalid figures, 2 when one cannot be read.\n";
    if (cmd == "validate")
        return "Usage: qcity validate FILE [--previous FILE] [--lang zh|en] [--catalog FILE]\n"
               "Checks every figure and setting. Exit 0 when valid (warnings are printed); exit 1 listing\n"
               "every problem, one per line, each naming the figure; exit 2 when the file cannot be read or parsed.\n"
               "--previous: an earlier year's file of the unit; each figure that moved more than is plausible\n"
               "is a warning (unusual_change) unless confirmed in FILE; warnings never change the exit code.\n";
    if (cmd == "rollup")
        return "Usage: qcity rollup FILE... [--format text|json|csv] [--lang zh|en] [--catalog FILE]\n"
               "Sums county figures (ratios are recomputed from summed numerators and denominators),\n"
               "weights the satisfaction score by respondents, and judges the city against the full\n"
               "city targets. Says how many of the catalog's units are included (\"4 of 11\"); while some are\n"
               "missing, each city status that more units could still change is marked provisional. Lists\n"
               "which figures each unit lacks. Duplicate units, mixed years or catalogs and invalid figures\n"
               "are errors (exit 1). json: the evaluation with units_included, units_expected, provisional\n"
               "(overall and per indicator), units, missing_by_figure, figures. csv: the county x indicator\n"
               "matrix with a row for the city (value and status per indicator).\n"
               "County comparison: json \"league\" (best first: most met, then completeness, then the unit's\n"
               "name; each {rank, unit, unit_name, met, not_met, missing, completeness 0-1}) and \"rankings\" (per\n"
               "indicator the counties best first on the target's side, min, median, max); text: the league\n"
               "table. --league-csv FILE: the league as CSV (for Excel) as well.\n";
    if (cmd == "report")
        return "Usage: qcity report FILE... [-o OUT.html] [--previous FILE] [--history FILE...] [--lang zh|en] [--catalog FILE]\n"
               "Writes a self-contained, printable HTML report (no scripts, no external resources): one FILE\n"
               "gives its assessment (with the award readiness for an enterprise, and each indicator's\n"
               "change and the unusual changes of its figures with --previous); several county FILEs give\n"
               "the city roll-up with the county matrix and the county league.\n"
               "--history FILE...: the unit's other years (every argument up to the next option; --previous\n"
               "counts as one of them too): a trends section, each indicator's value per year and its direction.\n"
               "Open it in a browser and print to PDF (A4).\n";
    if (cmd == "trend")
        return "Usage: qcity trend FILE... [--format text|json|csv] [--lang zh|en] [--catalog FILE]\n"
               "Files of one unit, one a year, in any order: per indicator the series of years (value and\n"
               "status) in year order and its direction on the target's side: improving, steady or worsening\n"
               "(first year with a value to the last; steady within 0.5 percentage points for a rate, 0.5\n"
               "points for a score, 2 % otherwise; null with fewer than two years with a value, or for an\n"
               "indicator with no target). json: {\"unit\",\"years\",\"indicators\":[{\"id\",\"series\":[{\"year\",\n"
               "\"value\",\"status\"}],\"direction\"}]} and, for an enterprise, \"readiness\": each year's self-score\n"
               "per category. csv: one row per indicator and year. Files of different units, profiles or\n"
               "catalogs, or two files of one year: exit 1 naming both files.\n";
    if (cmd == "template")
        return "Usage: qcity template --profile county|enterprise [--unit NAME] [--year YYYY] [--format json|csv|xlsx] [-o FILE] [--lang zh|en] [--catalog FILE]\n"
               "Writes an assessment with every figure key of the profile present as null; csv: the same as\n"
               "a spreadsheet to fill in (one row per figure: key, names, value, unit, note); xlsx: that table\n"
               "as an Excel workbook (needs -o FILE). Every command reads either back as saved by Excel, WPS or\n"
               "another program (CSV in UTF-8, GBK or UTF-16, tab-separated text, .xlsx).\n"
               "--department NAME: only the figures that department supplies (its id, or any part of its\n"
               "Chinese or English name; `qcity catalog --format json` lists them).\n";
    if (cmd == "merge")
        return "Usage: qcity merge FILE... -o OUT [--prefer FILE] [--lang zh|en] [--catalog FILE]\n"
               "Combines files of one unit and one year (the departments' templates, filled in): each figure\n"
               "from the file that has it; notes joined, evidence and sign-off merged. The same figure (or an\n"
               "indicator's evidence, a sign-off entry, the settings) with different values in two files is a\n"
               "conflict: exit 1 listing each with both values and both files, nothing written, unless\n"
               "--prefer FILE (one of the FILEs) settles it. The merged file records `sources`: figure ->\n"
               "the department or file it came from. Files of different units or years: exit 1.\n";
    if (cmd == "freeze")
        return "Usage: qcity freeze FILE -o OUT [--at TIME] [--lang zh|en] [--catalog FILE]\n"
               "Writes FILE with `submission`: {version, at, sha256, content}: the SHA-256 of the canonical\n"
               "content (figures, notes, evidence, settings, sign-off; README \"The county workflow\"). Freezing\n"
               "a frozen file makes the next version and keeps the earlier ones' time and hash.\n"
               "--at: the time to record (ISO 8601), default now in UTC.\n";
    if (cmd == "verify")
        return "Usage: qcity verify FILE [--lang zh|en] [--catalog FILE]\n"
               "Exit 0 \"unchanged since submission\"; exit 1 listing every figure (and note, evidence,\n"
               "sign-off) changed after the submission, or when the file was never frozen or its submission\n"
               "record does not match its hash.\n";
    if (cmd == "catalog")
        return "Usage: qcity catalog [--format text|json] [--lang zh|en] [--profile county|enterprise] [--catalog FILE]\n"
               "Lists the indicators: id, kind, target, scope and policy clause.\n";
    return kMainHelp;
}

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= argc) { a.error = std::string(name) + " needs a value"; return {}; }
            return argv[++i];
        };
        if (s == "--help" || s == "-h") a.help = true;
        else if (s == "--format") { a.format = value("--format"); a.format_given = true; }
        else if (s == "-o" || s == "--output") a.output = value("-o");
        else if (s == "--previous") a.previous = value("--previous");
        else if (s == "--department") a.department = value("--department");
        else if (s == "--prefer") a.prefer = value("--prefer");
        else if (s == "--at") a.at = value("--at");
        else if (s == "--league-csv") a.league_csv = value("--league-csv");
        else if (s == "--history") {
            // Every following argument up to the next option: the unit's other years.
            size_t before = a.history.size();
            while (i + 1 < argc && argv[i + 1][0] != '-') a.history.push_back(argv[++i]);
            if (a.history.size() == before && a.error.empty()) a.error = "--history needs at least one FILE";
        }
        else if (s == "--lang") {
            std::string l = value("--lang");
            if (auto p = parse_lang(l)) a.lang = *p;
            else if (a.error.empty()) a.error = "--lang must be zh or en, got '" + l + "'";
        } else if (s == "--catalog") a.catalog_file = value("--catalog");
        else if (s == "--profile") a.profile = value("--profile");
        else if (s == "--unit") a.unit = value("--unit");
        else if (s == "--year") {
            std::string y = value("--year");
            char* end = nullptr;
            long v = std::strtol(y.c_str(), &end, 10);
            // The catalog's range is checked by the command (the catalog may come later on the line).
            if (y.empty() || *end || v < 1 || v > 9999) { if (a.error.empty()) a.error = "--year must be a year, got '" + y + "'"; }
            else a.year = (int)v;
        } else if (s == "--version") a.command = "version";
        else if (s.size() > 1 && s[0] == '-') { if (a.error.empty()) a.error = "unknown option " + s; }
        else if (a.command.empty()) a.command = s;
        else a.files.push_back(s);
    }
    if (a.error.empty() && a.format != "text" && a.format != "json" && a.format != "csv" && !(a.format == "xlsx" && a.command == "template"))
        a.error = "--format must be text, json or csv" + std::string(a.command == "template" ? " (or xlsx)" : "") + ", got '" + a.format + "'";
    return a;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Files and catalogs
//-------------------------------------------------------------------------------------------------

// Reads at most kMaxFileBytes + 1 bytes: a larger file is refused by read_assessment without
// first loading all of it into memory.
bool read_file(const std::string& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) { error = path + ": cannot open the file"; return false; }
    std::streamoff size = in.tellg();
    if (size < 0) { error = path + ": cannot read the file"; return false; }
    size_t want = std::min<size_t>((size_t)size, kMaxFileBytes + 1);
    std::string data(want, '\0');
    in.seekg(0);
    in.read(&data[0], (std::streamsize)want);
    if (in.bad() || (size_t)in.gcount() != want) { error = path + ": read error"; return false; }
    out.swap(data);
    return true;
}

struct CatalogChoice {
    std::unique_ptr<Catalog> own;  // from --catalog
    const Catalog* use(const std::string& id) const { return own ? own.get() : builtin_catalog(id); }
};

bool load_catalog_option(const Args& args, CatalogChoice& choice, std::string& error) {
    if (args.catalog_file.empty()) return true;
    std::string text;
    if (!read_file(args.catalog_file, text, error)) return false;
    auto c = std::make_unique<Catalog>();
    std::vector<Problem> problems;
    if (!load_catalog(text, *c, problems)) {
        error = args.catalog_file + ": not a usable catalog";
        for (const Problem& p : problems) error += "\n  " + p.message.get(args.lang);
        return false;
    }
    choice.own = std::move(c);
    return true;
}

// Reads one assessment file and finds its catalog. Prints the error and returns false on failure.
// The bytes decide what the file is (JSON, a CSV or tab-separated table in UTF-8, GBK or UTF-16, an
// .xlsx workbook), as in the web app. A table is read against --catalog or the default catalog; a
// JSON file with --catalog must name that catalog, otherwise the built-in catalog it names is used.
bool load_assessment(const Args& args, const CatalogChoice& cc, const std::string& path, Assessment& a, const Catalog*& cat) {
    std::string bytes, error;
    if (!read_file(path, bytes, error)) { std::cerr << "qcity: " << error << "\n"; return false; }
    Problem p;
    if (!read_assessment_file(bytes, path, cc.own.get(), a, p)) {
        std::cerr << "qcity: " << path << ": " << p.message.get(args.lang) << "\n";
        return false;
    }
    cat = cc.use(a.catalog);
    if (!cat) {
        std::string ids;
        for (const std::string& id : builtin_catalog_ids()) ids += (ids.empty() ? "" : ", ") + id;
        std::cerr << "qcity: " << path << ": unknown catalog '" << a.catalog << "' (built in: " << ids
                  << "); use --catalog FILE\n";
        return false;
    }
    return true;
}

// Every FILE of the command line, in order; `cat` is the first one's catalog (roll-up and report
// check that they agree).
bool load_all(const Args& args, const CatalogChoice& cc, std::vector<Assessment>& out, const Catalog*& cat) {
    for (const std::string& path : args.files) {
        Assessment a;
        const Catalog* c = nullptr;
        if (!load_assessment(args, cc, path, a, c)) return false;
        if (!cat) cat = c;
        out.push_back(std::move(a));
    }
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Text tables (CJK-aware widths)
//-------------------------------------------------------------------------------------------------

int display_width(const std::string& s) {
    int w = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        int len;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
        else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
        else { cp = c & 0x07; len = 4; }
        for (int k = 1; k < len && i + (size_t)k < s.size(); ++k) cp = (cp << 6) | ((unsigned char)s[i + (size_t)k] & 0x3F);
        i += (size_t)len;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6);
        w += wide ? 2 : 1;
    }
    return w;
}

std::string pad(const std::string& s, int width) {
    int w = display_width(s);
    return w >= width ? s : s + std::string((size_t)(width - w), ' ');
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<int> widths;
    for (const auto& r : rows)
        for (size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], display_width(r[i]));
        }
    for (const auto& r : rows) {
        std::string line;
        for (size_t i = 0; i < r.size(); ++i) line += (i + 1 < r.size() ? pad(r[i], widths[i] + 2) : r[i]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
}

void print_evaluation_text(std::ostream& out, const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang) {
    bool en = lang == Lang::en;
    out << unit_display_name(c, a.profile, a.unit, lang) << "  " << a.year << "  "
        << (a.profile == Profile::enterprise ? (en ? "enterprise" : "企业自评") : (e.city ? (en ? "city roll-up" : "全市汇总") : (en ? "county" : "县级评估")))
        << "  (" << c.id << ")\n";
    // A roll-up says how many units are in; while some are missing, statuses that may change are marked.
    if (e.city && e.units_expected > 0) out << units_included_text(e.units_included, e.units_expected).get(lang) << "\n";
    out << "\n";
    bool any_provisional = false;
    for (const GroupDef& g : c.groups) {
        if (g.profile != a.profile) continue;
        std::vector<std::vector<std::string>> rows;
        for (const IndicatorResult& r : e.results) {
            if (r.def->group != g.id) continue;
            std::string detail = r.contribution ? r.contribution_text.get(lang)
                               : !r.shortfall_text.empty() ? r.shortfall_text.get(lang) : r.reason.get(lang);
            any_provisional = any_provisional || r.provisional;
            rows.push_back({"[" + status_text(r.status).get(lang) + (r.provisional ? provisional_mark().get(lang) : "") + "]",
                            r.def->name.get(lang), display_value(c, r, lang), display_target(c, r, lang), detail});
        }
        if (rows.empty()) continue;
        out << "== " << g.name.get(lang) << " (" << g.clause << ")\n";
        print_table(out, rows);
        out << "\n";
    }
    if (any_provisional) out << provisional_note(e.units_included, e.units_expected).get(lang) << "\n\n";
    const Summary& s = e.summary;
    if (en)
        out << "Met " << s.met << ", not met " << s.not_met << ", missing data " << s.missing << ", invalid " << s.invalid
            << ", not applicable " << s.not_applicable << ", for information " << s.info << "; completeness "
            << format_rational(Rational::of((int64_t)(s.completeness() * 1000 + 0.5), 10), 1, Round::down) << " %\n";
    else
        out << "达标 " << s.met << " 项，未达标 " << s.not_met << " 项，缺数据 " << s.missing << " 项，数据有误 " << s.invalid
            << " 项，不适用 " << s.not_applicable << " 项，仅供参考 " << s.info << " 项；数据完整度 "
            << format_rational(Rational::of((int64_t)(s.completeness() * 1000 + 0.5), 10), 1, Round::down) << " %\n";
    if (!e.city) {
        // The evidence index: each indicator's 佐证材料, after the count.
        out << evidence_count_text(s).get(lang) << "\n";
        if (!a.evidence.empty()) {
            std::vector<std::vector<std::string>> rows;
            for (const IndicatorResult& r : e.results) {
                const Evidence* ev = evidence_of(a, r.def->id);
                rows.push_back({"[" + evidence_status_text(ev ? ev->status : EvidenceStatus::missing).get(lang) + "]", r.def->name.get(lang),
                                ev ? ev->where : "", ev ? ev->note : ""});
            }
            print_table(out, rows);
        }
    }
    if (a.submission) {
        SubmissionCheck check = check_submission(c, a);
        const SubmissionRecord& s = a.submission->current;
        out << (en ? "Submitted (version " + std::to_string(s.version) + "): " : "定稿提交（第 " + std::to_string(s.version) + " 版）：") << s.at
            << " · SHA-256 " << s.sha256.substr(0, 12) << " · " << submission_state_text(check.state).get(lang) << "\n";
        for (const ContentChange& ch : check.changes) out << "  " << content_change_text(ch).get(lang) << "\n";
    }
    for (const Problem& p : e.problems)
        out << (p.severity == Severity::error ? (en ? "error: " : "错误：") : (en ? "warning: " : "提示：")) << p.message.get(lang) << "\n";
}

// The award-readiness section of an enterprise's evaluation: each award's gates, then the
// self-score by category with the items that lose the most points.
void print_readiness_text(std::ostream& out, const ReadinessResult& r, Lang lang) {
    bool en = lang == Lang::en;
    out << "\n" << (en ? "== Award readiness (the award office's current notice prevails)" : "== 评奖准备（以评奖机构当年发布的申报通知为准）") << "\n";
    for (const AwardResult& ar : r.awards) {
        out << "\n" << ar.def->name.get(lang) << ": " << award_status_text(ar.status).get(lang) << "\n";
        std::vector<std::vector<std::string>> rows;
        for (const GateResult& g : ar.gates) {
            std::string req = g.requirement.get(lang) + (g.adjusted ? (en ? " (adjusted)" : "（已调整）") : "");
            rows.push_back({"  [" + gate_status_text(g.status).get(lang) + "]", req, g.value.get(lang), g.reason.get(lang)});
        }
        print_table(out, rows);
    }
    const SelfScore& s = r.score;
    if (!s.model) return;
    out << "\n" << (en ? "== Self-score: " : "== 自评得分：") << s.model->name.get(lang) << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const CategoryScore& c : s.categories)
        rows.push_back({"  " + c.def->id, c.def->name.get(lang), format_points(c.earned) + " / " + std::to_string(c.def->points),
                        (en ? "scored " : "已评 ") + std::to_string(c.scored) + "/" + std::to_string(c.def->items.size())});
    print_table(out, rows);
    out << (en ? "Total " : "合计 ") << format_points(s.total) << " / " << s.model->total << (en ? " (scored " : "（已评 ") << s.scored << "/"
        << s.items.size() << (en ? (s.items.size() == 1 ? " item)" : " items)") : " 个条款）") << "\n";
    if (s.has_reference) {
        out << (en ? "Reference line " : "参考线 ") << format_points(s.reference);
        if (s.reference_gap.num > 0) out << (en ? ": " : "：") << (en ? "short by " : "还差 ") << format_points(s.reference_gap)
                                     << (en ? (plural_category(lang, format_points(s.reference_gap)) == Plural::one ? " point" : " points") : " 分");
        else out << (en ? ": reached" : "：已达到");
        out << "\n";
    }
    if (!s.top_lost.empty()) {
        out << (en ? "Items losing the most points:" : "失分最多的条款：") << "\n";
        std::vector<std::vector<std::string>> lost;
        for (size_t i : s.top_lost) {
            const ItemScore& it = s.items[i];
            lost.push_back({"  " + it.def->id, it.def->name.get(lang), std::to_string(it.percent) + " %",
                            (en ? "loses " : "失 ") + format_points(it.lost) + (en ? " of " : " / ") + std::to_string(it.def->points)});
        }
        print_table(out, lost);
    }
    // Categories with points not scored yet (computed by the core, most points first).
    if (!s.unscored.empty()) {
        out << (en ? "Not scored yet:" : "尚未评分：") << "\n";
        for (size_t c : s.unscored) out << "  " << s.categories[c].unscored_text.get(lang) << "\n";
    }
}

// Today's date for a report's header ("2026-11-28").
std::string today() {
    std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
    return buf;
}

// Standard output, or the -o file. Returns false (after saying why) when the file cannot be written.
bool write_output(const Args& args, const std::string& text) {
    if (args.output.empty()) {
        std::cout << text;
        return true;
    }
    std::ofstream out(args.output, std::ios::binary);
    out << text;
    if (!out) {
        std::cerr << "qcity: " << args.output << ": cannot write the file\n";
        return false;
    }
    return true;
}

// Last year's file (--previous) for one assessment: same profile and unit, an earlier year.
bool load_previous(const Args& args, const CatalogChoice& cc, const Assessment& now, Assessment& prev, const Catalog*& cat) {
    if (!load_assessment(args, cc, args.previous, prev, cat)) return false;
    bool en = args.lang == Lang::en;
    if (prev.profile != now.profile || prev.unit != now.unit || prev.year >= now.year) {
        std::cerr << "qcity: " << args.previous << ": "
                  << (en ? "--previous must be an earlier year's file of the same unit (" + now.unit + ", before " + std::to_string(now.year) + ")"
                         : "--previous 应为同一单位（" + now.unit + "）" + std::to_string(now.year) + " 年之前的评估文件")
                  << "\n";
        return false;
    }
    return true;
}

void print_changes_text(std::ostream& out, const std::vector<IndicatorChange>& changes, int last_year, Lang lang) {
    bool en = lang == Lang::en;
    out << "\n" << (en ? "== Change since " : "== 较") << last_year << (en ? "" : " 年变化") << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const IndicatorChange& ch : changes) rows.push_back({"  " + ch.name.get(lang), ch.text.get(lang)});
    print_table(out, rows);
}

Json changes_to_json(const std::vector<IndicatorChange>& changes, Lang lang) {
    Json arr = Json::array();
    for (const IndicatorChange& ch : changes) {
        const char* presence = ch.presence == Presence::both ? "both" : ch.presence == Presence::this_year_only ? "this_year_only" : "last_year_only";
        Json j{{"id", ch.id}, {"presence", presence}, {"comparable", ch.comparable}, {"text", ch.text.get(lang)}};
        if (ch.comparable) {
            j["direction"] = ch.direction;
            j["delta"] = ch.delta.den == 1 ? Json(ch.delta.num) : Json(ch.delta.to_double());
        }
        arr.push_back(std::move(j));
    }
    return arr;
}

// Unusual changes since --previous (issue 16): the warnings, then the confirmed ones with their note.
void print_unusual_text(std::ostream& out, const std::vector<UnusualChange>& list, Lang lang) {
    bool en = lang == Lang::en;
    for (const UnusualChange& u : list) {
        if (u.confirmed)
            out << (en ? "confirmed: " : "已确认：") << u.def->name.get(lang) << (en ? ": " : "：") << u.shown_before.get(lang) << " → "
                << u.shown_now.get(lang) << (u.note.empty() ? "" : (en ? " (" : "（") + u.note + (en ? ")" : "）")) << "\n";
        else
            out << (en ? "warning: " : "提示：") << u.message.get(lang) << "\n";
    }
}

// "warnings": [{"key","code","message"}] for the ones not confirmed; "confirmed": [{"key","note","before","now"}].
Json unusual_warnings_json(const std::vector<UnusualChange>& list, Lang lang) {
    Json arr = Json::array();
    for (const UnusualChange& u : list)
        if (!u.confirmed) arr.push_back(Json{{"key", u.key}, {"code", "unusual_change"}, {"message", u.message.get(lang)}});
    return arr;
}
Json unusual_confirmed_json(const std::vector<UnusualChange>& list, Lang lang) {
    Json arr = Json::array();
    for (const UnusualChange& u : list)
        if (u.confirmed) arr.push_back(Json{{"key", u.key}, {"note", u.note}, {"before", u.shown_before.get(lang)}, {"now", u.shown_now.get(lang)}});
    return arr;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Commands
//-------------------------------------------------------------------------------------------------

int cmd_evaluate(const Args& args, const CatalogChoice& cc) {
    if (args.files.empty()) { std::cerr << "qcity evaluate: no FILE given\n" << command_help("evaluate"); return kUsage; }
    if (!args.previous.empty() && args.files.size() != 1) { std::cerr << "qcity evaluate: --previous takes one FILE\n"; return kUsage; }
    // Every file is read first: one that cannot be read stops the command before anything is
    // printed. Then each is judged and its report written at once (3,000 reports are never all held).
    struct Loaded { Assessment a; const Catalog* cat = nullptr; };
    std::vector<Loaded> files(args.files.size());
    for (size_t i = 0; i < files.size(); ++i)
        if (!load_assessment(args, cc, args.files[i], files[i].a, files[i].cat)) return kUsage;
    Assessment prev;
    const Catalog* pcat = nullptr;
    if (!args.previous.empty() && !load_previous(args, cc, files[0].a, prev, pcat)) return kUsage;

    const bool several = files.size() > 1;
    int code = kOk;
    std::string out;  // one file's report, reused
    for (size_t i = 0; i < files.size(); ++i) {
        const Assessment& a = files[i].a;
        const Catalog* cat = files[i].cat;
        Evaluation e = evaluate(*cat, a);
        if (has_errors(e.problems)) code = kInvalid;
        bool enterprise = a.profile == Profile::enterprise;
        ReadinessResult rr;
        if (enterprise) rr = evaluate_readiness(builtin_readiness(), *cat, a);
        std::vector<IndicatorChange> changes;
        std::vector<UnusualChange> unusual;   // warnings only: the exit code does not change
        if (!args.previous.empty()) {
            changes = year_over_year(*cat, e, evaluate(*pcat, prev));
            unusual = find_unusual_changes(*cat, a, prev);
        }
        out.clear();
        if (args.format == "json") {
            // One array of all files' reports when there are several, written element by element,
            // straight from the results (JsonWriter: the bytes nlohmann's dump(2) would write).
            if (several) out += i == 0 ? "[\n  " : ",\n  ";
            JsonWriter w(out, several ? 1 : 0);
            w.begin_object(true);
            write_evaluation_members(w, *cat, a, e, args.lang);
            if (enterprise) write_readiness_json(w.key("readiness"), rr, args.lang);
            if (!args.previous.empty()) {
                w.key("previous_year").number(prev.year);
                w.key("changes").value(changes_to_json(changes, args.lang));
                w.key("warnings").value(unusual_warnings_json(unusual, args.lang));
                w.key("confirmed").value(unusual_confirmed_json(unusual, args.lang));
            }
            w.end_object();
            if (i + 1 == files.size()) out += several ? "\n]\n" : "\n";
        } else if (args.format == "csv") {
            out = results_to_csv(*cat, a, e, args.lang, args.previous.empty() ? nullptr : &changes);
        } else {
            std::ostringstream text;
            if (several) text << "# " << args.files[i] << "\n";
            print_evaluation_text(text, *cat, a, e, args.lang);
            if (!args.previous.empty()) {
                print_changes_text(text, changes, prev.year, args.lang);
                print_unusual_text(text, unusual, args.lang);
            }
            if (enterprise) print_readiness_text(text, rr, args.lang);
            if (several) text << "\n";
            out = text.str();
        }
        std::cout.write(out.data(), (std::streamsize)out.size());
    }
    return code;
}

int cmd_validate(const Args& args, const CatalogChoice& cc) {
    if (args.files.size() != 1) { std::cerr << "qcity validate: give exactly one FILE\n" << command_help("validate"); return kUsage; }
    Assessment a;
    const Catalog* cat = nullptr;
    if (!load_assessment(args, cc, args.files[0], a, cat)) return kUsage;
    std::vector<Problem> problems = validate(*cat, a);
    if (!args.previous.empty()) {
        // Unusual changes since an earlier year: warnings, never errors (issue 16).
        Assessment prev;
        const Catalog* pcat = nullptr;
        if (!load_previous(args, cc, a, prev, pcat)) return kUsage;
        for (Problem& p : unusual_changes(*cat, a, prev)) problems.push_back(std::move(p));
    }
    bool en = args.lang == Lang::en;
    for (const Problem& p : problems)
        std::cout << args.files[0] << ": " << (p.severity == Severity::error ? "error" : "warning") << ": "
                  << p.key << ": " << p.message.get(args.lang) << "\n";
    if (has_errors(problems)) return kInvalid;
    std::cout << args.files[0] << ": " << (en ? "valid" : "有效") << "\n";
    return kOk;
}

int cmd_rollup(const Args& args, const CatalogChoice& cc) {
    if (args.files.empty()) { std::cerr << "qcity rollup: no FILE given\n" << command_help("rollup"); return kUsage; }
    std::vector<Assessment> counties;
    const Catalog* cat = nullptr;
    if (!load_all(args, cc, counties, cat)) return kUsage;
    Rollup r;
    std::vector<Problem> problems;
    if (!rollup(*cat, counties, r, problems, args.files)) {  // a unit twice is named with both files
        for (const Problem& p : problems) std::cout << "error: " << p.message.get(args.lang) << "\n";
        return kInvalid;
    }
    Evaluation e = evaluate(*cat, r.city);
    RollupMatrix matrix = rollup_matrix(*cat, counties, r);
    League lg = league(*cat, matrix);   // the county comparison (issue 16)
    if (!args.league_csv.empty()) {
        Args to = args;
        to.output = args.league_csv;
        if (!write_output(to, league_csv(*cat, lg, args.lang))) return kUsage;
    }
    if (args.format == "csv") {
        std::cout << rollup_matrix_csv(*cat, matrix, args.lang);
        return kOk;
    }
    if (args.format == "json") {
        Json j = evaluation_to_json(*cat, r.city, e, args.lang);   // with units_included, units_expected, provisional
        j["units"] = r.units;
        Json missing = Json::object();
        for (const auto& [k, units] : r.missing) missing[k] = units;
        j["missing_by_figure"] = missing;
        j["satisfaction_weighted"] = r.weighted_satisfaction;
        j["figures"] = assessment_to_json(r.city)["figures"];
        Json subs = Json::object();
        for (size_t i = 0; i < counties.size(); ++i) subs[r.units[i]] = submission_state_id(check_submission(*cat, counties[i]).state);
        j["submissions"] = subs;
        j["league"] = league_to_json(*cat, lg, args.lang);
        j["rankings"] = rankings_to_json(*cat, matrix, lg, args.lang);
        std::cout << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    } else {
        bool en = args.lang == Lang::en;
        print_evaluation_text(std::cout, *cat, r.city, e, args.lang);
        std::cout << "\n" << (en ? "Units included: " : "已纳入：");
        for (size_t i = 0; i < r.units.size(); ++i) std::cout << (i ? (en ? ", " : "、") : "") << r.units[i];
        std::cout << "\n";
        // The catalog's units without a file here: who the city office still waits for.
        std::string waiting;
        for (const UnitDef& u : cat->units) {
            bool in = false;
            for (const std::string& name : r.units) in = in || cat->unit_by_name(name) == &u;
            if (!in) waiting += (waiting.empty() ? "" : (en ? ", " : "、")) + u.name.get(args.lang);
        }
        if (!waiting.empty()) std::cout << (en ? "Not yet included: " : "尚未纳入：") << waiting << "\n";
        // Whether each county's file is what it submitted (qcity freeze).
        std::cout << (en ? "Submissions:\n" : "提交情况：\n");
        for (size_t i = 0; i < counties.size(); ++i)
            std::cout << "  " << unit_display_name(*cat, Profile::county, r.units[i], args.lang) << (en ? ": " : "：")
                      << submission_state_text(check_submission(*cat, counties[i]).state).get(args.lang) << "\n";
        // The league: best first (most met, then completeness, then name).
        std::cout << (en ? "League (most met first, then completeness, then name):\n" : "排名（按达标项数，其次数据完整度，再次单位名称）：\n");
        std::vector<std::vector<std::string>> rows{{en ? "  rank" : "  名次", en ? "unit" : "单位", en ? "met" : "达标", en ? "not met" : "未达标",
                                                    en ? "missing" : "缺数据", en ? "completeness" : "完整度"}};
        int rank = 0;
        for (const LeagueRow& row : lg.rows)
            rows.push_back({"  " + std::to_string(++rank), unit_display_name(*cat, Profile::county, row.unit, args.lang), std::to_string(row.met),
                            std::to_string(row.not_met), std::to_string(row.missing),
                            format_rational(Rational::of(row.completeness.num * 100, row.completeness.den), 1, Round::down) + " %"});
        print_table(std::cout, rows);
        if (!r.missing.empty()) {
            // By unit, in input order: each county sees what it still has to fill in.
            std::cout << (en ? "Figures missing, by unit (the city value of each stays missing until every unit reports it):\n"
                             : "各单位缺少的数据项（所有单位填报后才能得出该项的全市数值）：\n");
            for (const std::string& unit : r.units) {
                std::string names;
                for (const FigureDef& f : cat->figures) {
                    auto it = r.missing.find(f.key);
                    if (it == r.missing.end() || std::find(it->second.begin(), it->second.end(), unit) == it->second.end()) continue;
                    names += (names.empty() ? "" : (en ? "; " : "、")) + f.name.get(args.lang);
                }
                if (!names.empty()) std::cout << "  " << unit << (en ? ": " : "：") << names << "\n";
            }
        }
    }
    return kOk;
}

int cmd_report(const Args& args, const CatalogChoice& cc) {
    if (args.files.empty()) { std::cerr << "qcity report: no FILE given\n" << command_help("report"); return kUsage; }
    if (!args.previous.empty() && args.files.size() != 1) { std::cerr << "qcity report: --previous takes one FILE\n"; return kUsage; }
    if (!args.history.empty() && args.files.size() != 1) { std::cerr << "qcity report: --history takes one FILE\n"; return kUsage; }
    std::vector<Assessment> files;
    const Catalog* cat = nullptr;
    if (!load_all(args, cc, files, cat)) return kUsage;
    ReportInput in;
    in.catalog = cat;
    in.lang = args.lang;
    in.exported = today();
    if (files.size() == 1) {
        const Assessment& a = files[0];
        Evaluation e = evaluate(*cat, a);
        ReadinessResult rr;
        if (a.profile == Profile::enterprise) {
            rr = evaluate_readiness(builtin_readiness(), *cat, a);
            in.readiness = &rr;
        }
        std::vector<IndicatorChange> changes;
        std::vector<UnusualChange> unusual;
        Assessment prev;
        if (!args.previous.empty()) {
            const Catalog* pcat = nullptr;
            if (!load_previous(args, cc, a, prev, pcat)) return kUsage;
            changes = year_over_year(*cat, e, evaluate(*pcat, prev));
            unusual = find_unusual_changes(*cat, a, prev);
            in.changes = &changes;
            in.unusual = &unusual;
            in.last_year = prev.year;
        }
        // --history: the unit's other years (and --previous's) with this one, as a trends section.
        Trend tr;
        std::vector<Assessment> others;
        if (!args.history.empty()) {
            Args h = args;
            h.files = args.history;
            const Catalog* hcat = nullptr;
            if (!load_all(h, cc, others, hcat)) return kUsage;
            std::vector<const Assessment*> years{&a};
            std::vector<std::string> names{args.files[0]};
            if (!args.previous.empty()) { years.push_back(&prev); names.push_back(args.previous); }
            for (size_t i = 0; i < others.size(); ++i) {
                // --previous given again among the history files is the same year once.
                if (!args.previous.empty() && others[i].year == prev.year && args.history[i] == args.previous) continue;
                years.push_back(&others[i]);
                names.push_back(args.history[i]);
            }
            std::vector<Problem> problems;
            if (!trend(*cat, years, tr, problems, names, &builtin_readiness())) {
                for (const Problem& p : problems) std::cerr << "qcity report: " << p.message.get(args.lang) << "\n";
                return kInvalid;
            }
            in.trend = &tr;
        }
        in.assessment = &a;
        in.evaluation = &e;
        return write_output(args, report_html(in)) ? (has_errors(e.problems) ? kInvalid : kOk) : kUsage;
    }
    // Several files: the city roll-up with the county matrix.
    Rollup r;
    std::vector<Problem> problems;
    if (!rollup(*cat, files, r, problems, args.files)) {
        for (const Problem& p : problems) std::cerr << "qcity: " << p.message.get(args.lang) << "\n";
        return kInvalid;
    }
    RollupMatrix m = rollup_matrix(*cat, files, r);
    League lg = league(*cat, m);
    return write_output(args, report_html(city_report_input(*cat, r, m, &lg, args.lang, in.exported))) ? kOk : kUsage;
}

// One unit's years (issue 16): each indicator's series and direction; for an enterprise each year's
// self-score per category (JSON "readiness").
int cmd_trend(const Args& args, const CatalogChoice& cc) {
    if (args.files.empty()) { std::cerr << "qcity trend: no FILE given\n" << command_help("trend"); return kUsage; }
    std::vector<Assessment> files;
    const Catalog* cat = nullptr;
    if (!load_all(args, cc, files, cat)) return kUsage;
    std::vector<const Assessment*> years;
    for (const Assessment& a : files) years.push_back(&a);
    Trend t;
    std::vector<Problem> problems;
    if (!trend(*cat, years, t, problems, args.files, &builtin_readiness())) {
        for (const Problem& p : problems) std::cerr << "qcity trend: " << p.message.get(args.lang) << "\n";
        return kInvalid;
    }
    bool en = args.lang == Lang::en;
    if (args.format == "json") {
        std::cout << trend_to_json(*cat, t, args.lang).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        return kOk;
    }
    if (args.format == "csv") {
        std::cout << trend_csv(*cat, t, args.lang);
        return kOk;
    }
    std::cout << unit_display_name(*cat, t.profile, t.unit, args.lang) << "  " << t.years.front() << "–" << t.years.back() << "  ("
              << cat->id << ")\n\n";
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head{en ? "indicator" : "指标"};
    for (int y : t.years) head.push_back(std::to_string(y));
    head.push_back(en ? "direction" : "趋势");
    rows.push_back(head);
    for (const IndicatorTrend& it : t.indicators) {
        std::vector<std::string> row{it.def->name.get(args.lang)};
        for (const TrendPoint& p : it.series) row.push_back(p.result.has_value ? display_value(*cat, p.result, args.lang) : "—");
        row.push_back(trend_direction_text(it.direction).get(args.lang));
        rows.push_back(std::move(row));
    }
    print_table(std::cout, rows);
    if (!t.readiness.empty() && t.readiness.front().score.model) {
        std::cout << "\n" << (en ? "== Self-score by category" : "== 各类目自评得分") << "\n";
        std::vector<std::vector<std::string>> sr;
        std::vector<std::string> h2{en ? "category" : "类目"};
        for (const ReadinessYear& ry : t.readiness) h2.push_back(std::to_string(ry.year));
        sr.push_back(h2);
        const SelfScore& first = t.readiness.front().score;
        for (size_t k = 0; k < first.categories.size(); ++k) {
            std::vector<std::string> row{first.categories[k].def->id + " " + first.categories[k].def->name.get(args.lang)};
            for (const ReadinessYear& ry : t.readiness)
                row.push_back(k < ry.score.categories.size() && ry.score.categories[k].scored > 0 ? format_points(ry.score.categories[k].earned) : "—");
            sr.push_back(std::move(row));
        }
        print_table(std::cout, sr);
    }
    return kOk;
}

int cmd_template(const Args& args, const CatalogChoice& cc) {
    auto p = parse_profile(args.profile);
    if (!p) { std::cerr << "qcity template: --profile must be county or enterprise\n" << command_help("template"); return kUsage; }
    const Catalog* cat = cc.own ? cc.own.get() : &default_catalog();
    int year = args.year;
    if (year == 0) {
        std::time_t t = std::time(nullptr);
        year = std::localtime(&t)->tm_year + 1900;
    }
    if (auto bad = check_year(*cat, year)) {
        std::cerr << "qcity template: " << bad->message.get(args.lang) << (args.year ? "" : " (--year)") << "\n";
        return kUsage;
    }
    std::string unit = args.unit;
    if (auto bad = check_unit(*cat, *p, unit)) {  // a county's unit is one of the catalog's
        std::cerr << "qcity template: " << bad->message.get(args.lang) << " (--unit)\n";
        return kUsage;
    }
    Assessment t = make_template(*cat, *p, unit, year);
    if (!args.department.empty()) {
        Problem why;
        const DepartmentDef* d = find_department(*cat, args.department, why);
        if (!d) { std::cerr << "qcity template: " << why.message.get(args.lang) << " (--department)\n"; return kUsage; }
        t = make_department_template(*cat, *p, *d, unit, year);
        if (t.figures.empty()) {
            std::cerr << "qcity template: " << (args.lang == Lang::en ? d->name.en + " supplies no " + std::string(profile_id(*p)) + " figures"
                                                                       : d->name.zh + "不提供" + (*p == Profile::county ? "县级" : "企业") + "评估的数据项")
                      << " (--department)\n";
            return kUsage;
        }
    }
    if (args.format == "xlsx") {
        // A workbook is binary: to a file, never to a terminal.
        if (args.output.empty()) { std::cerr << "qcity template: --format xlsx needs -o FILE.xlsx\n"; return kUsage; }
        std::string book = figures_to_xlsx(*cat, t, args.lang);
        if (book.empty()) { std::cerr << "qcity template: could not write the workbook\n"; return kUsage; }
        return write_output(args, book) ? kOk : kUsage;
    }
    return write_output(args, args.format == "csv" ? figures_to_csv(*cat, t, args.lang) : write_assessment(t)) ? kOk : kUsage;
}

// The file's name without its directories: what `sources` and messages call it.
std::string base_name(const std::string& path) {
    size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

int cmd_merge(const Args& args, const CatalogChoice& cc) {
    if (args.files.empty()) { std::cerr << "qcity merge: no FILE given\n" << command_help("merge"); return kUsage; }
    if (args.output.empty()) { std::cerr << "qcity merge: -o OUT is needed (the merged file)\n"; return kUsage; }
    std::vector<Assessment> files;
    const Catalog* cat = nullptr;
    if (!load_all(args, cc, files, cat)) return kUsage;
    std::vector<std::string> names;
    for (const std::string& f : args.files) names.push_back(base_name(f));
    MergeOptions opt;
    if (!args.prefer.empty()) {
        for (size_t i = 0; i < args.files.size(); ++i)
            if (args.files[i] == args.prefer || names[i] == args.prefer) opt.prefer = (int)i;
        if (opt.prefer < 0) { std::cerr << "qcity merge: --prefer " << args.prefer << " is not one of the FILEs\n"; return kUsage; }
    }
    MergeResult r;
    std::vector<Problem> problems;
    if (!merge_assessments(*cat, files, names, opt, r, problems)) {
        for (const Problem& p : problems) std::cerr << "qcity merge: " << p.message.get(args.lang) << "\n";
        return kInvalid;
    }
    bool en = args.lang == Lang::en;
    if (r.unsettled() > 0) {
        std::cerr << "qcity merge: " << (en ? std::to_string(r.unsettled()) + (r.unsettled() == 1 ? " conflict" : " conflicts") + "; nothing written (--prefer FILE settles them):"
                                            : std::to_string(r.unsettled()) + " 处冲突，未写入文件（可用 --prefer FILE 指定优先采用的文件）：") << "\n";
        for (const MergeConflict& m : r.conflicts)
            if (!m.settled) std::cerr << "  " << m.key << ": " << merge_conflict_text(m, names).get(args.lang) << "\n";
        return kInvalid;
    }
    for (const MergeConflict& m : r.conflicts) std::cerr << "qcity merge: " << merge_conflict_text(m, names).get(args.lang) << "\n";
    return write_output(args, write_assessment(r.merged)) ? kOk : kUsage;
}

// Now in UTC, ISO 8601 ("2026-12-06T05:00:00Z").
std::string now_utc() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

int cmd_freeze(const Args& args, const CatalogChoice& cc) {
    if (args.files.size() != 1) { std::cerr << "qcity freeze: give one FILE\n" << command_help("freeze"); return kUsage; }
    if (args.output.empty()) { std::cerr << "qcity freeze: -o OUT is needed (the frozen file)\n"; return kUsage; }
    Assessment a;
    const Catalog* cat = nullptr;
    if (!load_assessment(args, cc, args.files[0], a, cat)) return kUsage;
    Assessment frozen = freeze(a, args.at.empty() ? now_utc() : args.at);
    if (!write_output(args, write_assessment(frozen))) return kUsage;
    const SubmissionRecord& s = frozen.submission->current;
    std::cout << (args.lang == Lang::en ? "Frozen, version " + std::to_string(s.version) + ": " : "已定稿（第 " + std::to_string(s.version) + " 版）：")
              << s.at << " SHA-256 " << s.sha256 << "\n";
    return kOk;
}

int cmd_verify(const Args& args, const CatalogChoice& cc) {
    if (args.files.size() != 1) { std::cerr << "qcity verify: give one FILE\n" << command_help("verify"); return kUsage; }
    Assessment a;
    const Catalog* cat = nullptr;
    if (!load_assessment(args, cc, args.files[0], a, cat)) return kUsage;
    bool en = args.lang == Lang::en;
    SubmissionCheck check = check_submission(*cat, a);
    switch (check.state) {
        case SubmissionState::never:
            std::cout << args.files[0] << (en ? ": never submitted (no submission record; qcity freeze makes one)\n" : "：未提交（没有提交记录，可用 qcity freeze 定稿）\n");
            return kInvalid;
        case SubmissionState::damaged:
            std::cout << args.files[0] << (en ? ": " : "：") << check.why.get(args.lang) << "\n";
            return kInvalid;
        case SubmissionState::unchanged:
            std::cout << args.files[0] << (en ? ": unchanged since submission (" : "：提交后未改动（unchanged since submission，") << a.submission->current.at
                      << " SHA-256 " << a.submission->current.sha256.substr(0, 12) << (en ? ")\n" : "）\n");
            return kOk;
        default:
            std::cout << args.files[0] << (en ? ": changed since submission (" : "：提交后有改动（") << a.submission->current.at << " SHA-256 "
                      << a.submission->current.sha256.substr(0, 12) << (en ? "; now " : "；现为 ") << check.sha256_now.substr(0, 12) << (en ? "):\n" : "）：\n");
            for (const ContentChange& ch : check.changes) std::cout << "  " << ch.key << ": " << content_change_text(ch).get(args.lang) << "\n";
            return kInvalid;
    }
}

int cmd_catalog(const Args& args, const CatalogChoice& cc) {
    const Catalog* cat = cc.own ? cc.own.get() : &default_catalog();
    std::optional<Profile> only;
    if (!args.profile.empty()) {
        only = parse_profile(args.profile);
        if (!only) { std::cerr << "qcity catalog: --profile must be county or enterprise\n"; return kUsage; }
    }
    Lang lang = args.lang;
    auto target_text = [&](const IndicatorDef& d) -> std::string {
        IndicatorResult r;
        r.def = &d;
        r.target = d.kind == Kind::ratio_all ? Rational::of(100) : d.target;
        std::string s = display_target(*cat, r, lang);
        for (const auto& [cond, t] : d.target_when)
            s += (lang == Lang::en ? " (" : "（") + cond.figure + "=" + cond.equals.dump() + ": " + format_rational(t, 0) +
                 (lang == Lang::en ? ")" : "）");
        if (d.city_scope) s += lang == Lang::en ? " city-wide" : " 全市";
        return s;
    };
    if (args.format == "json") {
        Json inds = Json::array();
        for (const IndicatorDef& d : cat->indicators) {
            if (only && d.profile != *only) continue;
            Json j{{"id", d.id}, {"profile", profile_id(d.profile)}, {"group", d.group}, {"kind", kind_id(d.kind)},
                   {"name", d.name.get(lang)}, {"scope", d.city_scope ? "city" : "unit"}, {"figures", d.inputs()},
                   {"clause", d.clause}, {"quote", d.quote}, {"target_display", target_text(d)}};
            if (d.kind == Kind::rating) j["target"] = d.target_enum;
            else if (d.kind == Kind::ratio_all) j["target"] = 100;
            else if (d.has_target) j["target"] = d.target.den == 1 ? Json(d.target.num) : Json(d.target.to_double());
            else j["target"] = nullptr;
            inds.push_back(j);
        }
        // Each figure with the department that supplies it, named in both languages.
        Json figs = Json::array(), depts = Json::array();
        for (const FigureDef& f : cat->figures) {
            if (only && f.profile != *only) continue;
            Json j{{"key", f.key}, {"profile", profile_id(f.profile)}, {"name", f.name.get(lang)}};
            if (const DepartmentDef* d = cat->department(f.department)) {
                j["department"] = Json{{"id", d->id}, {"zh", d->name.zh}, {"en", d->name.en}};
                j["department_clause"] = f.department_clause.empty() ? Json(nullptr) : Json(f.department_clause);
            } else {
                j["department"] = nullptr;
            }
            figs.push_back(j);
        }
        for (const DepartmentDef& d : cat->departments) depts.push_back(Json{{"id", d.id}, {"zh", d.name.zh}, {"en", d.name.en}});
        Json out{{"id", cat->id}, {"name", cat->name.get(lang)}, {"source", cat->source_title.get(lang)},
                 {"date", cat->source_date}, {"indicators", inds}, {"figures", figs}, {"departments", depts}};
        if (!cat->department_notes.empty()) out["department_notes"] = cat->department_notes.get(lang);
        std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        return kOk;
    }
    std::cout << cat->name.get(lang) << " (" << cat->id << ")\n" << cat->source_issuer.get(lang) << " · "
              << cat->source_title.get(lang) << " · " << cat->source_date << "\n\n";
    for (const GroupDef& g : cat->groups) {
        if (only && g.profile != *only) continue;
        std::vector<std::vector<std::string>> rows;
        for (const IndicatorDef& d : cat->indicators)
            if (d.group == g.id) rows.push_back({d.id, d.name.get(lang), kind_id(d.kind), target_text(d), d.clause});
        std::cout << "== " << g.name.get(lang) << " [" << profile_id(g.profile) << "]\n";
        print_table(std::cout, rows);
        std::cout << "\n";
    }
    return kOk;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] main
//-------------------------------------------------------------------------------------------------

int main(int argc, char** argv) {
    Args args = parse_args(argc, argv);
    if (args.command == "version") { std::cout << "qcity 0.1.0\n"; return kOk; }
    if (args.command.empty()) {
        if (args.help) { std::cout << kMainHelp; return kOk; }
        std::cerr << kMainHelp;
        return kUsage;
    }
    static const char* known[] = {"evaluate", "validate", "rollup", "report", "template", "catalog", "merge", "freeze", "verify", "trend"};
    bool ok = false;
    for (const char* k : known) ok = ok || args.command == k;
    if (!ok) { std::cerr << "qcity: unknown command '" << args.command << "'\n\n" << kMainHelp; return kUsage; }
    if (args.help) { std::cout << command_help(args.command); return kOk; }
    if (!args.error.empty()) { std::cerr << "qcity " << args.command << ": " << args.error << "\n"; return kUsage; }
    CatalogChoice cc;
    std::string error;
    if (!load_catalog_option(args, cc, error)) { std::cerr << "qcity: " << error << "\n"; return kUsage; }
    if (cc.own == nullptr && builtin_catalog_ids().empty()) { std::cerr << "qcity: no built-in catalog loaded\n"; return kUsage; }
    if (args.command == "evaluate") return cmd_evaluate(args, cc);
    if (args.command == "report") return cmd_report(args, cc);
    if (args.command == "validate") return cmd_validate(args, cc);
    if (args.command == "rollup") return cmd_rollup(args, cc);
    if (args.command == "template") return cmd_template(args, cc);
    if (args.command == "merge") return cmd_merge(args, cc);
    if (args.command == "freeze") return cmd_freeze(args, cc);
    if (args.command == "verify") return cmd_verify(args, cc);
    if (args.command == "trend") return cmd_trend(args, cc);
    return cmd_catalog(args, cc);
}
