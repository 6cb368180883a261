// qcity core — CSV: figures and results for spreadsheets.
//
// People collect figures in Excel and pass them on by e-mail. The figures table goes out as a CSV
// that Excel opens without asking (UTF-8 with a BOM, CRLF) and comes back as whatever the
// spreadsheet saved (comma or tab, CRLF or LF, a BOM or none, columns possibly moved). Reading it
// back is all or nothing: one bad cell fails the read with the row and column a person sees in the
// spreadsheet, so nothing half-read ever reaches an assessment.
//
// Index of this file
// [SECTION] Writing: RFC 4180 cells, rows
// [SECTION] Parsing: encoding, separator, quoted cells, row numbers
// [SECTION] Figures table: writing
// [SECTION] Figures table: reading (never changes the caller's assessment on failure; CSV and .xlsx rows)
// [SECTION] Results table

#include "core_internal.h"

#include <algorithm>
#include <cctype>

namespace qcity {

namespace {

Problem csv_error(const std::string& key, const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, key, code, Text{std::move(zh), std::move(en)}};
}

// ASCII spaces and tabs at either end (what a spreadsheet or a hand edit leaves around a key).
std::string_view trim_ascii(std::string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return s.substr(a, b - a);
}

bool blank(std::string_view s) { return trim_ascii(s).empty(); }

bool blank_row(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(), [](const std::string& cell) { return blank(cell); });
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Writing: RFC 4180 cells, rows
//-------------------------------------------------------------------------------------------------
// A cell is quoted when it holds a separator (comma, or tab: a reader guessing the separator from
// the first line must not see one), a quote or a line break. A text cell starting with = + - @, a
// tab or a CR gets a ' in front (OWASP, "CSV injection": Excel and WPS would run "=HYPERLINK(…)"
// from a note as a formula); our reader takes it off again, so notes still read back exactly.

namespace {

bool formula_start(char ch) { return ch == '=' || ch == '+' || ch == '-' || ch == '@' || ch == '\t' || ch == '\r'; }

// After any leading quotes, does the cell start like a formula?
bool formula_after_quotes(std::string_view s, size_t& quotes) {
    quotes = 0;
    while (quotes < s.size() && s[quotes] == '\'') ++quotes;
    return quotes < s.size() && formula_start(s[quotes]);
}

bool needs_quotes(const std::string& cell) {
    return cell.find_first_of(",\t\"\r\n") != std::string::npos;
}

void append_cell(std::string& out, const std::string& cell) {
    if (!needs_quotes(cell)) {
        out += cell;
        return;
    }
    out += '"';
    for (char ch : cell) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

}  // namespace

std::string inert_cell(std::string_view text) {
    size_t quotes;
    if (!formula_after_quotes(text, quotes)) return std::string(text);
    if (quotes == 0 && parse_decimal(text)) return std::string(text);  // a number: "-3", "+1.5"
    return "'" + std::string(text);
}

std::string restore_inert_cell(std::string_view cell) {
    size_t quotes;
    if (formula_after_quotes(cell, quotes) && quotes > 0) return std::string(cell.substr(1));
    return std::string(cell);
}

std::string write_csv(const CsvRows& rows) {
    std::string out = "\xEF\xBB\xBF";  // the BOM: without it Excel reads UTF-8 as the local code page
    for (const std::vector<std::string>& row : rows) {
        if (row.size() == 1 && row[0].empty()) {
            out += "\"\"";  // one empty cell: written as "" so that it is not a blank line, which readers skip
        } else {
            for (size_t j = 0; j < row.size(); ++j) {
                if (j) out += ',';
                append_cell(out, inert_cell(row[j]));
            }
        }
        // Every row ends with CRLF, the last one too: that is what Excel writes, and a text without
        // a final line break reads as an unfinished line in most tools.
        out += "\r\n";
    }
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Parsing: encoding, separator, quoted cells, row numbers
//-------------------------------------------------------------------------------------------------
// Two numberings: text lines (a CR, an LF or a CRLF ends one) for errors in the text itself, as an
// editor shows them, and spreadsheet rows (one per record, blank ones included, a quoted cell with
// line breaks staying one row) for errors in the figures, as the spreadsheet shows them.

namespace {

// The 1-based text line of byte `pos`.
int line_at(std::string_view text, size_t pos) {
    int line = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i) {
        if (text[i] == '\n') ++line;
        else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) ++line;
    }
    return line;
}

// Offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and code
// points beyond U+10FFFF included), or npos. Excel's plain "CSV" on a Chinese Windows saves GBK,
// and "Unicode text" saves UTF-16: both must be refused here, not turned into notes that no JSON
// writer can encode.
size_t invalid_utf8_at(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { ++i; continue; }
        size_t len;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1Fu; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0Fu; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07u; }
        else return i;
        if (i + len > s.size()) return i;
        for (size_t k = 1; k < len; ++k) {
            unsigned char cc = (unsigned char)s[i + k];
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Tab when the first non-blank line has a tab outside quotes and no comma, else comma. Both are
// taken as cell ends while looking, so a quoted cell is skipped whole whichever the separator is.
char detect_separator(std::string_view text) {
    size_t i = 0, n = text.size();
    while (i < n && (text[i] == '\r' || text[i] == '\n')) ++i;
    int tabs = 0, commas = 0;
    bool cell_start = true;
    while (i < n && text[i] != '\r' && text[i] != '\n') {
        char ch = text[i];
        if (cell_start && ch == '"') {
            for (++i; i < n; ++i) {
                if (text[i] != '"') continue;
                if (i + 1 < n && text[i + 1] == '"') { ++i; continue; }
                break;
            }
            if (i < n) ++i;  // the closing quote
            cell_start = false;
            continue;
        }
        cell_start = ch == ',' || ch == '\t';
        tabs += ch == '\t';
        commas += ch == ',';
        ++i;
    }
    return tabs > 0 && commas == 0 ? '\t' : ',';
}

// The parser behind parse_csv, which also gives each row's spreadsheet row number.
bool parse_rows(std::string_view text, CsvRows& rows, std::vector<int>& row_numbers, Problem& error) {
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
    if (size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
        std::string line = std::to_string(line_at(text, bad));
        error = csv_error("csv", "csv_encoding",
                          "文件不是 UTF-8 编码（第 " + line + " 行），可能是 GBK 或 UTF-16：请在 Excel 中另存为 “CSV UTF-8（逗号分隔）”",
                          "the file is not UTF-8 (line " + line + "); it may be GBK or UTF-16: in Excel, save it as 'CSV UTF-8 (Comma delimited)'");
        return false;
    }
    const char sep = detect_separator(text);
    const size_t n = text.size();
    CsvRows out;
    std::vector<int> numbers;
    size_t i = 0;
    int line = 1, row = 0;
    // A line break at i (CR, LF or CRLF): its length, 0 when there is none.
    auto line_break = [&](size_t at) -> size_t {
        if (at >= n) return 0;
        if (text[at] == '\n') return 1;
        if (text[at] == '\r') return at + 1 < n && text[at + 1] == '\n' ? 2 : 1;
        return 0;
    };
    while (i < n) {
        ++row;
        if (size_t br = line_break(i)) {  // a blank line: skipped, but it is a row in the spreadsheet
            i += br;
            ++line;
            continue;
        }
        std::vector<std::string> cells;
        for (;;) {
            std::string cell;
            if (i < n && text[i] == '"') {
                const int open_line = line;
                ++i;
                for (;;) {
                    if (i >= n) {
                        std::string l = std::to_string(open_line);
                        error = csv_error("csv", "csv_quote",
                                          "第 " + l + " 行开始的引号直到文件末尾都没有闭合（单元格内的引号应写成两个：\"\"）",
                                          "the quote opened on line " + l + " is never closed (a quote inside a cell is written twice: \"\")");
                        return false;
                    }
                    char ch = text[i];
                    if (ch == '"') {
                        if (i + 1 < n && text[i + 1] == '"') { cell += '"'; i += 2; continue; }
                        ++i;
                        break;
                    }
                    if (size_t br = line_break(i)) {  // kept as it is: the cell's own line break
                        cell.append(text.substr(i, br));
                        i += br;
                        ++line;
                        continue;
                    }
                    cell += ch;
                    ++i;
                }
            }
            // Unquoted text, or what follows a closing quote (`"ab"c` reads "abc", as in Excel).
            while (i < n && text[i] != sep && !line_break(i)) cell += text[i++];
            cells.push_back(std::move(cell));
            if (i < n && text[i] == sep) { ++i; continue; }
            if (size_t br = line_break(i)) { i += br; ++line; }
            break;
        }
        out.push_back(std::move(cells));
        numbers.push_back(row);
    }
    rows = std::move(out);
    row_numbers = std::move(numbers);
    return true;
}

}  // namespace

int detail::text_line_at(std::string_view text, size_t pos) { return line_at(text, pos); }
bool detail::parse_csv_rows(std::string_view text, CsvRows& rows, std::vector<int>& row_numbers, Problem& error) {
    return parse_rows(text, rows, row_numbers, error);
}
size_t detail::invalid_utf8_offset(std::string_view s) { return invalid_utf8_at(s); }

bool parse_csv(std::string_view text, CsvRows& out, Problem& error) {
    CsvRows rows;
    std::vector<int> numbers;
    if (!parse_rows(text, rows, numbers, error)) return false;
    out = std::move(rows);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Figures table: writing
//-------------------------------------------------------------------------------------------------

std::string figures_to_csv(const Catalog& c, const Assessment& a, Lang lang) {
    CsvRows rows;
    rows.push_back({"#catalog", c.id});  // the rows below are this catalog's figures, whatever a says
    rows.push_back({"#profile", profile_id(a.profile)});
    rows.push_back({"#unit", a.unit});
    rows.push_back({"#year", std::to_string(a.year)});
    // The county workflow (issue 15), as identity rows an older reader skips: a department's
    // template says whose it is; the sign-off one row per member; evidence one row per indicator
    // (#evidence, indicator id, status in words, where it is kept, note).
    if (!a.department.empty()) rows.push_back({"#department", a.department});
    for (const auto& [key, label] : Signoff::fields())
        if (const std::string* v = a.signoff.member(key); v && !v->empty()) rows.push_back({std::string("#signoff.") + key, *v});
    for (const auto& [id, e] : a.evidence) rows.push_back({"#evidence", id, evidence_status_text(e.status).get(lang), e.where, e.note});
    // Confirmed unusual changes (issue 16): #confirmed, figure key, the value confirmed (as typed), note.
    for (const auto& [key, cf] : a.confirmed) {
        const FigureDef* f = c.figure(key);
        rows.push_back({"#confirmed", key, f ? figure_input_text(c, *f, cf.value, lang) : cf.value.to_json().dump(), cf.note});
    }
    // Column names stay English in both languages: they are how the reader finds the columns.
    rows.push_back({"key", "name_zh", "name_en", "value", "unit", "note"});
    for (size_t i : c.entry_index(a.profile)) {
        const FigureDef& f = c.figures[i];
        if (!a.department.empty() && f.department != a.department) continue;  // a department's template: its figures only
        const FigureValue* v = a.get(f.key);
        auto note = a.notes.find(f.key);
        rows.push_back({f.key, f.name.zh, f.name.en, v ? figure_input_text(c, f, *v, lang) : std::string(), f.unit.get(lang),
                        note != a.notes.end() ? note->second : std::string()});
    }
    return write_csv(rows);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Figures table: reading
//-------------------------------------------------------------------------------------------------
// Layout: identity rows ("#catalog", "#profile", "#unit", "#year", any order), then the header
// (the first other row that is not blank), then one row per figure. Blank rows anywhere are
// skipped, including the ",,,,," rows a spreadsheet pads empty lines into. Unknown identity rows
// ("#something") are ignored, so that a later version may add some without breaking older readers.

namespace {

struct Identity {
    const char* name;      // "#catalog"
    const char* field;     // the assessment field, Problem::key
    bool seen = false;
    int row = 0;
    std::string value;
    Identity(const char* n, const char* f) : name(n), field(f) {}
};

std::string row_text(int row) { return std::to_string(row); }

// "第 12 行，value 列（key 名称）：" and "row 12, column value (key, name): ".
Text cell_prefix(int row, const std::string& column, const FigureDef* f) {
    std::string r = row_text(row);
    if (!f) return Text{"第 " + r + " 行，" + column + " 列：", "row " + r + ", column " + column + ": "};
    return Text{"第 " + r + " 行，" + column + " 列（" + f->key + " " + f->name.zh + "）：",
                "row " + r + ", column " + column + " (" + f->key + ", " + f->name.en + "): "};
}

// check_figure_value's message without its lead, the figure's name, which the cell prefix gives.
std::string problem_part(const std::string& message, const std::string& lead) {
    return message.compare(0, lead.size(), lead) == 0 ? message.substr(lead.size()) : message;
}

std::string show_cell(const std::string& s) { return "“" + s + "”"; }

}  // namespace

namespace {

// "#department", "#signoff.<member>", "#evidence" and "#confirmed" rows (figures_to_csv) into `a`; other rows are
// left to the identity reader. A bad one fails the read naming its row.
bool read_workflow_row(const Catalog& c, const std::vector<std::string>& row, int rn, std::string_view first, Assessment& a,
                       Problem& error) {
    auto cell = [&](size_t i) { return i < row.size() ? restore_inert_cell(row[i]) : std::string(); };
    std::string r = row_text(rn);
    if (first == "#department") {
        std::string d(trim_ascii(cell(1)));
        if (!d.empty() && !c.department(d)) {
            std::string zh, en;
            for (const DepartmentDef& dd : c.departments) {
                zh += (zh.empty() ? "" : "、") + dd.id + " " + dd.name.zh;
                en += (en.empty() ? "" : ", ") + dd.id + " " + dd.name.en;
            }
            error = csv_error("department", "department_unknown", "第 " + r + " 行：未知的部门 " + show_cell(d) + "（应为以下之一：" + zh + "）",
                              "row " + r + ": unknown department " + show_cell(d) + " (expected one of: " + en + ")");
            return false;
        }
        a.department = d;
    } else if (first.rfind("#signoff.", 0) == 0) {
        std::string* dst = a.signoff.member(first.substr(9));
        if (!dst) {
            error = csv_error("signoff", "bad_signoff", "第 " + r + " 行：未知的签字栏项 " + show_cell(std::string(first)) + "（应为 #signoff.preparer、reviewer、head、phone 或 date）",
                              "row " + r + ": unknown sign-off row " + show_cell(std::string(first)) + " (expected #signoff.preparer, reviewer, head, phone or date)");
            return false;
        }
        *dst = std::string(trim_ascii(cell(1)));
    } else if (first == "#evidence") {
        std::string id(trim_ascii(cell(1)));
        auto status = parse_evidence_status(cell(2));
        if (id.empty() || !status) {
            error = csv_error("evidence." + id, "bad_evidence",
                              "第 " + r + " 行：#evidence 行应为 指标编号、状态（已提供 / 缺少 / 无需提供）、存放位置、说明；现为 " + show_cell(id) + "、" + show_cell(cell(2)),
                              "row " + r + ": an #evidence row is indicator id, status (provided / missing / not needed), where kept, note; got " +
                                  show_cell(id) + ", " + show_cell(cell(2)));
            return false;
        }
        a.evidence[id] = Evidence{*status, cell(3), cell(4)};
    } else if (first == "#confirmed") {
        std::string key(trim_ascii(cell(1)));
        const FigureDef* f = c.figure(key);
        FigureValue v = f ? parse_figure_input(c, *f, cell(2)) : FigureValue{};
        if (!f || v.absent() || check_figure_value(c, *f, v)) {
            error = csv_error("confirmed." + key, "bad_confirmed",
                              "第 " + r + " 行：#confirmed 行应为 数据项编号、所确认的数值、说明；现为 " + show_cell(key) + "、" + show_cell(cell(2)),
                              "row " + r + ": a #confirmed row is figure key, the value confirmed, note; got " + show_cell(key) + ", " + show_cell(cell(2)));
            return false;
        }
        a.confirmed[key] = Confirmation{v, cell(3)};
    }
    return true;
}

}  // namespace

bool read_figures_csv(std::string_view text, const Catalog& c, Assessment& out, Problem& error) {
    if (text.size() > kMaxFileBytes) {
        error = file_too_large(text.size());
        return false;
    }
    CsvRows rows;
    std::vector<int> row_no;
    if (!parse_rows(text, rows, row_no, error)) return false;
    return detail::read_figures_table(rows, row_no, c, out, error);
}

// The rows of a figures table, from a CSV or an .xlsx sheet (xlsx.cpp): one reader for both, so a
// cell means the same in either.
bool detail::read_figures_table(const CsvRows& rows, const std::vector<int>& row_no, const Catalog& c, Assessment& out, Problem& error) {
    // Identity rows up to the header (and the workflow's rows among them).
    Assessment workflow;
    Identity ids[] = {{"#catalog", "catalog"}, {"#profile", "profile"}, {"#unit", "unit"}, {"#year", "year"}};
    size_t k = 0;
    for (; k < rows.size(); ++k) {
        const std::vector<std::string>& row = rows[k];
        if (blank_row(row)) continue;
        std::string_view first = trim_ascii(row[0]);
        if (first.empty() || first[0] != '#') break;  // the header
        if (!read_workflow_row(c, row, row_no[k], first, workflow, error)) return false;
        for (Identity& id : ids) {
            if (first != id.name) continue;
            if (id.seen) {
                error = csv_error(id.field, "csv_identity",
                                  "第 " + row_text(row_no[k]) + " 行：" + id.name + " 重复出现（第 " + row_text(id.row) + " 行已有）",
                                  "row " + row_text(row_no[k]) + ": " + id.name + " appears again (already on row " + row_text(id.row) + ")");
                return false;
            }
            id.seen = true;
            id.row = row_no[k];
            id.value = row.size() > 1 ? restore_inert_cell(row[1]) : std::string();
        }
    }

    // The header: "key" and "value" required, "note" optional, other columns (names, unit) ignored.
    if (k == rows.size()) {
        error = csv_error("csv", "csv_header", "找不到表头行（key, name_zh, name_en, value, unit, note），这不是 qcity 数据项表格",
                          "no header row (key, name_zh, name_en, value, unit, note): this is not a qcity figures table");
        return false;
    }
    const size_t header = k;
    const int header_row = row_no[header];
    int key_col = -1, value_col = -1, note_col = -1;
    for (size_t j = 0; j < rows[header].size(); ++j) {
        std::string_view name = trim_ascii(rows[header][j]);
        int* col = name == "key" ? &key_col : name == "value" ? &value_col : name == "note" ? &note_col : nullptr;
        if (!col) continue;
        if (*col >= 0) {
            std::string nm(name);
            error = csv_error("csv", "csv_header", "第 " + row_text(header_row) + " 行（表头）：" + nm + " 列出现了两次",
                              "row " + row_text(header_row) + " (header): column " + nm + " appears twice");
            return false;
        }
        *col = (int)j;
    }
    if (key_col < 0 || value_col < 0) {
        std::string lacking = key_col < 0 && value_col < 0 ? "key, value" : key_col < 0 ? "key" : "value";
        error = csv_error("csv", "csv_header",
                          "第 " + row_text(header_row) + " 行应为表头（key, name_zh, name_en, value, unit, note），缺少 " + lacking +
                              " 列；现为 " + show_cell(rows[header][0]),
                          "row " + row_text(header_row) + " should be the header (key, name_zh, name_en, value, unit, note) but has no " +
                              lacking + " column; it starts with " + show_cell(rows[header][0]));
        return false;
    }

    // The identity: what the file is, before what it holds.
    std::string lacking_zh, lacking_en;
    const char* first_lacking = nullptr;
    for (const Identity& id : ids)
        if (!id.seen) {
            lacking_zh += (lacking_zh.empty() ? "" : "、") + std::string(id.name);
            lacking_en += (lacking_en.empty() ? "" : ", ") + std::string(id.name);
            if (!first_lacking) first_lacking = id.field;
        }
    if (first_lacking) {
        error = csv_error(first_lacking, "csv_identity", "表头之前缺少标识行：" + lacking_zh + "（如 “@profile,county”，导出的模板都有）",
                          "missing identity rows before the header: " + lacking_en + " (such as '@profile,county'; exported templates have them)");
        return false;
    }
    Assessment a;
    a.catalog = std::string(trim_ascii(ids[0].value));
    if (a.catalog != c.id) {
        error = csv_error("catalog", "wrong_catalog",
                          "第 " + row_text(ids[0].row) + " 行：该表格按指标目录 “" + a.catalog + "” 填写，当前目录为 “" + c.id + "”",
                          "row " + row_text(ids[0].row) + ": this table was made for catalog '" + a.catalog + "'; the catalog in use is '" + c.id + "'");
        return false;
    }
    std::string profile(trim_ascii(ids[1].value));
    auto p = parse_profile(profile);
    if (!p) {
        error = csv_error("profile", "bad_profile",
                          "第 " + row_text(ids[1].row) + " 行：未知的评估类型 “" + profile + "”（应为 county 或 enterprise）",
                          "row " + row_text(ids[1].row) + ": unknown profile '" + profile + "' (expected 'county' or 'enterprise')");
        return false;
    }
    a.profile = *p;
    a.unit = ids[2].value;
    if (auto bad = check_unit(c, a.profile, a.unit)) {  // trimmed; a county's must be the catalog's
        error = csv_error("unit", bad->code, "第 " + row_text(ids[2].row) + " 行：" + bad->message.zh,
                          "row " + row_text(ids[2].row) + ": " + bad->message.en);
        return false;
    }
    std::string_view year = trim_ascii(ids[3].value);
    bool year_ok = !year.empty() && year.size() <= 4 && std::all_of(year.begin(), year.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!year_ok) {
        std::string y(year);
        error = csv_error("year", "bad_year", "第 " + row_text(ids[3].row) + " 行：@year 应为年份整数（如 2023），现为 " + show_cell(y),
                          "row " + row_text(ids[3].row) + ": @year must be a whole year (such as 2023), got " + show_cell(y));
        return false;
    }
    a.year = 0;
    for (char ch : year) a.year = a.year * 10 + (ch - '0');
    a.department = std::move(workflow.department);
    a.signoff = std::move(workflow.signoff);
    a.evidence = std::move(workflow.evidence);
    a.confirmed = std::move(workflow.confirmed);

    // The figures, one row each.
    std::map<std::string, int, std::less<>> seen;  // key → row
    for (size_t r = header + 1; r < rows.size(); ++r) {
        const std::vector<std::string>& row = rows[r];
        if (blank_row(row)) continue;
        const int rn = row_no[r];
        auto cell = [&row](int col) -> const std::string& {
            static const std::string none;
            return col >= 0 && (size_t)col < row.size() ? row[(size_t)col] : none;
        };
        std::string key(trim_ascii(cell(key_col)));
        if (key.empty()) {
            Text at = cell_prefix(rn, "key", nullptr);
            error = csv_error("csv", "csv_cell", at.zh + "缺少数据项编号（该行其他列有内容）", at.en + "no figure key (the row has other cells filled)");
            return false;
        }
        const FigureDef* f = c.figure(key);
        if (!f) {
            Text at = cell_prefix(rn, "key", nullptr);
            error = csv_error(key, "unknown_key", at.zh + "未知的数据项 " + show_cell(key) + "（指标目录 " + c.id + " 中没有）",
                              at.en + "unknown figure key " + show_cell(key) + " (not in catalog " + c.id + ")");
            return false;
        }
        if (f->profile != a.profile) {
            Text at = cell_prefix(rn, "key", f);
            bool ent = f->profile == Profile::enterprise;
            error = csv_error(key, "other_profile",
                              at.zh + "属于" + (ent ? "企业" : "县级") + "评估，本表格为" + (ent ? "县级" : "企业") + "评估（@profile " + profile_id(a.profile) + "）",
                              at.en + "belongs to the " + profile_id(f->profile) + " profile; this table is for the " + profile_id(a.profile) + " profile");
            return false;
        }
        if (auto [it, fresh] = seen.emplace(key, rn); !fresh) {
            Text at = cell_prefix(rn, "key", f);
            error = csv_error(key, "duplicate_key", at.zh + "与第 " + row_text(it->second) + " 行重复",
                              at.en + "appears again (already on row " + row_text(it->second) + ")");
            return false;
        }
        FigureValue v = parse_figure_input(c, *f, restore_inert_cell(cell(value_col)));
        if (!v.absent()) {
            if (auto problem = check_figure_value(c, *f, v)) {
                Text at = cell_prefix(rn, "value", f);
                error = csv_error(key, "csv_cell", at.zh + problem_part(problem->message.zh, f->name.zh),
                                  at.en + problem_part(problem->message.en, f->name.en + " "));
                return false;
            }
            a.figures[key] = std::move(v);
        }
        std::string note = restore_inert_cell(cell(note_col));  // "'=1+1" as we wrote it → "=1+1"
        if (!blank(note)) a.notes[key] = std::move(note);
    }
    out = std::move(a);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Results table
//-------------------------------------------------------------------------------------------------
// Numbers a spreadsheet can sum and sort: value, target and shortfall hold plain numbers, the units
// stand in their own columns, and the texts as the report shows them ("94.9 %", "≥ 1 个（配额，全市 5）",
// the shortfall sentence) follow for people. The value is the displayed number, so a rate just
// below its target reads "94.9", never "95.0".

namespace {

// The shortest decimal that is exactly r (up to six places; beyond, rounded to six).
std::string plain_number(const Rational& r) {
    for (int d = 0; d <= 6; ++d) {
        std::string t = format_rational(r, d);
        auto back = parse_decimal(t);
        if (back && compare(*back, r) == 0) return t;
    }
    return format_rational(r, 6);
}

// The number display_value() starts with ("94.9" of "94.9 %", "7.13" of "7.13 批次/千人").
std::string leading_number(const std::string& shown) {
    size_t n = 0;
    while (n < shown.size() && (std::isdigit((unsigned char)shown[n]) || shown[n] == '.' || (n == 0 && shown[n] == '-'))) ++n;
    return shown.substr(0, n);
}

}  // namespace

detail::ResultCells detail::result_cells(const Catalog& c, const IndicatorResult& r, Lang lang) {
    ResultCells out;
    if (!r.def) return out;
    const IndicatorDef& d = *r.def;
    out.unit = d.value_unit.get(lang);
    if (r.has_value) {
        switch (d.kind) {
            case Kind::flag:
            case Kind::rating: out.value = display_value(c, r, lang); break;
            case Kind::info:
                out.value = r.raw.is_boolean() || r.raw.is_string() ? display_value(c, r, lang) : plain_number(r.value);
                break;
            default: {
                std::string n = leading_number(display_value(c, r, lang));
                out.value = n.empty() ? plain_number(r.value) : n;
            }
        }
    }
    if (!r.contribution) {
        switch (d.kind) {
            case Kind::flag: out.target = lang == Lang::en ? "Yes" : "是"; break;
            case Kind::rating: {
                const FigureDef* f = c.figure(d.figure);
                const EnumDef* e = f ? c.enumeration(f->enum_id) : nullptr;
                int k = e ? e->rank(r.target_enum.empty() ? d.target_enum : r.target_enum) : -1;
                out.target = k >= 0 ? e->values[(size_t)k].name.get(lang) : d.target_enum;
                break;
            }
            case Kind::info: break;
            default:
                if (r.has_target) out.target = plain_number(r.target);
        }
        if (r.has_shortfall) {
            out.shortfall = plain_number(r.shortfall);
            bool rate = d.kind == Kind::ratio || d.kind == Kind::ratio_all || d.kind == Kind::density;
            const FigureDef* num = rate ? c.figure(d.num) : nullptr;
            out.shortfall_unit = rate ? (num ? num->unit.get(lang, out.shortfall) : std::string()) : d.value_unit.get(lang, out.shortfall);
        }
    }
    return out;
}

std::string detail::status_words(const IndicatorResult& r, Lang lang) {
    if (r.contribution) return "—";
    std::string s = status_text(r.status).get(lang);
    if (r.provisional) s += provisional_mark().get(lang);
    return s;
}

std::string results_to_csv(const Catalog& c, const Assessment& a, const Evaluation& e, Lang lang,
                           const std::vector<IndicatorChange>* changes) {
    CsvRows rows;
    if (lang == Lang::en)
        rows.push_back({"id", "indicator", "status", "value", "target", "unit", "shortfall", "shortfall unit", "value as shown", "target as shown",
                        "shortfall and reason", "note", "clause"});
    else
        rows.push_back({"指标编号", "指标", "状态", "数值", "目标", "单位", "差距", "差距单位", "数值（显示）", "目标（显示）", "差距说明", "备注", "条款"});
    const size_t columns = rows.back().size();
    if (changes) rows.back().push_back(lang == Lang::en ? "change since last year" : "较上年");
    for (const IndicatorResult& r : e.results) {
        if (!r.def) continue;
        const IndicatorDef& d = *r.def;
        detail::ResultCells cells = detail::result_cells(c, r, lang);
        // The shortfall sentence when judged and short; otherwise why it could not be judged.
        const std::string& gap = r.shortfall_text.empty() ? r.reason.get(lang) : r.shortfall_text.get(lang);
        std::string target_shown = r.contribution ? r.contribution_text.get(lang) : display_target(c, r, lang);
        rows.push_back({d.id, d.name.get(lang), detail::status_words(r, lang), cells.value, cells.target, cells.unit, cells.shortfall,
                        cells.shortfall_unit, display_value(c, r, lang), target_shown, gap, indicator_note(a, d), d.clause});
        if (changes) {
            std::string change;
            for (const IndicatorChange& ch : *changes)
                if (ch.id == d.id) change = ch.text.get(lang);
            rows.back().push_back(change);
        }
    }
    // Indicators only last year's catalog had: listed, with no value this year.
    if (changes)
        for (const IndicatorChange& ch : *changes)
            if (ch.presence == Presence::last_year_only) {
                std::vector<std::string> row(columns + 1);
                row[0] = ch.id;
                row[1] = ch.name.get(lang);
                row[columns] = ch.text.get(lang);
                rows.push_back(std::move(row));
            }
    return write_csv(rows);
}

}  // namespace qcity
