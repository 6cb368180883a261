// qcity core — shared between the core's own files, not part of its interface.
#pragma once

#include "core.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qcity::detail {

// Whether `s` ends with `tail` (C++20's string_view::ends_with; the core is C++17).
inline bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A SAX handler for nlohmann/json that hands every event on to `Inner` (a DOM builder, the
// assessment reader) while it keeps the nesting depth and the path of keys and indices that leads
// to the current value. It stops the parse at the first container deeper than kMaxJsonDepth (the
// DOM, its copies and its printing are recursive: 80,000 nested objects overflow the stack) and
// at a number that does not fit a double ("1e999"), in both cases knowing where: "settings.a[3]".
// nlohmann's own parser is iterative, so the depth is all that needs a limit.
enum class JsonStop { none, too_deep, out_of_range, syntax };

template <class Inner>
class PathSax {
  public:
    using Stop = JsonStop;
    Stop stop = Stop::none;
    size_t error_pos = 0;        // byte offset of the error
    std::string error_what;      // nlohmann's message (syntax errors)
    std::string error_token;     // the offending token ("1e999")
    std::vector<std::string> error_path;  // keys ("[3]" for indices) down to the offending value

    explicit PathSax(Inner& inner) : inner_(inner) {}

    bool null() { element(); return inner_.null(); }
    bool boolean(bool v) { element(); return inner_.boolean(v); }
    bool number_integer(Json::number_integer_t v) { element(); return inner_.number_integer(v); }
    bool number_unsigned(Json::number_unsigned_t v) { element(); return inner_.number_unsigned(v); }
    bool number_float(Json::number_float_t v, const std::string& s) { element(); return inner_.number_float(v, s); }
    bool string(std::string& v) { element(); return inner_.string(v); }
    bool binary(Json::binary_t& v) { element(); return inner_.binary(v); }
    bool start_object(std::size_t n) { return open(false) && inner_.start_object(n); }
    bool start_array(std::size_t n) { return open(true) && inner_.start_array(n); }
    bool end_object() { frames_.pop_back(); return inner_.end_object(); }
    bool end_array() { frames_.pop_back(); return inner_.end_array(); }
    bool key(std::string& k) {
        frames_.back().key = k;
        return inner_.key(k);
    }
    bool parse_error(std::size_t pos, const std::string& token, const nlohmann::detail::exception& ex) {
        element();  // the value that failed takes the next place in an array
        stop = ex.id == 406 ? Stop::out_of_range : Stop::syntax;
        error_pos = pos;
        error_what = ex.what();
        error_token = token;
        error_path = path();
        inner_.parse_error(pos, token, ex);
        return false;
    }
    int depth() const { return (int)frames_.size(); }
    // The key of the member being read at `depth` (1: a top-level member), or "" in an array.
    const std::string& key_at(int depth) const {
        static const std::string none;
        return depth >= 1 && depth <= (int)frames_.size() && !frames_[(size_t)depth - 1].array ? frames_[(size_t)depth - 1].key : none;
    }

  private:
    struct Frame {
        bool array = false;
        long long index = -1;   // arrays: the element being read
        std::string key;        // objects: the member being read
    };
    Inner& inner_;
    std::vector<Frame> frames_;

    void element() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    }
    bool open(bool array) {
        element();
        if ((int)frames_.size() >= kMaxJsonDepth) {
            stop = Stop::too_deep;
            error_path = path();
            return false;
        }
        frames_.push_back(Frame{array, -1, {}});
        return true;
    }
    std::vector<std::string> path() const {
        std::vector<std::string> p;
        for (const Frame& f : frames_) p.push_back(f.array ? "[" + std::to_string(f.index) + "]" : f.key);
        return p;
    }
};

// Line and column (1-based, in characters) of a byte offset, for "not valid JSON" messages (json_input.cpp).
std::pair<int, int> line_and_column(std::string_view text, size_t pos);
// "settings.a.b[3]": a path as people read it; a long one is cut in the middle ("a.a.a…a.a[0]").
std::string json_path_text(const std::vector<std::string>& path);
// The problem for a stopped PathSax parse (key "file"): nesting too deep, a number out of range,
// or nlohmann's syntax error with its line and column. `what` names the file ("文件", "the file").
Problem json_input_problem(std::string_view text, JsonStop stop, size_t pos, const std::string& what_error,
                           const std::string& token, const std::vector<std::string>& path);

// An assessment's figures laid out by catalog position, looked up once per validation or
// evaluation (instead of by name for every indicator).
struct FigureTable {
    std::vector<const FigureValue*> values;  // by FigureDef::index; nullptr when absent
    std::vector<std::string> unknown;        // keys the catalog does not know
    std::vector<const FigureDef*> foreign;   // figures of the other profile
    // Derived figures (FigureDef::derived_from) whose source the file gives: the value worked out
    // from it (values[i] points here), and whether the source was valid. A figure whose value is
    // derived is never checked on its own; one with an invalid source is invalid with it.
    std::vector<FigureValue> derived;        // by index; sized only when the catalog has derived figures
    std::vector<char> from_source;           // by index: 1 when values[i] comes from the source
    FigureTable(const Catalog& c, const Assessment& a);
    const FigureValue* at(int index) const { return index >= 0 ? values[(size_t)index] : nullptr; }
    bool is_derived(size_t index) const { return index < from_source.size() && from_source[index]; }
};

std::vector<Problem> validate(const Catalog& c, const Assessment& a, const FigureTable& t);
// Warnings for derived figures whose file value the source overrides (catalog.cpp).
std::vector<Problem> derived_problems(const Catalog& c, const Assessment& a, const FigureTable& t);

// One indicator result as spreadsheet cells (csv.cpp; the results and matrix CSVs): `value`,
// `target` and `shortfall` are plain numbers Excel sums and sorts ("94.9": the displayed number,
// never rounded across the target; empty when there is none), or words for yes/no and ratings;
// `unit` belongs to value and target, `shortfall_unit` to the shortfall (a rate's shortfall counts
// its numerator: enterprises, batches). A contribution has no target and no shortfall.
struct ResultCells {
    std::string value, target, unit, shortfall, shortfall_unit;
};
ResultCells result_cells(const Catalog& c, const IndicatorResult& r, Lang lang);
// The status in words for a spreadsheet or the report: "—" for a contribution (not judged), and
// "达标（暂定）" / "Met (provisional)" for a city status partial sums may still change.
std::string status_words(const IndicatorResult& r, Lang lang);

// The figures table's rows (identity rows, header, figure rows) into an assessment: the reader behind
// read_figures_csv and the .xlsx reader. `row_no[i]` is the spreadsheet row of `rows[i]` (messages
// name it). All or nothing, as read_figures_csv.
bool read_figures_table(const CsvRows& rows, const std::vector<int>& row_no, const Catalog& c, Assessment& out, Problem& error);
// parse_csv with each row's spreadsheet row number (blank lines count), without a size limit (csv.cpp).
bool parse_csv_rows(std::string_view text, CsvRows& rows, std::vector<int>& row_numbers, Problem& error);
// The 1-based text line of byte `pos` (a CR, an LF or a CRLF ends a line), for messages (csv.cpp).
int text_line_at(std::string_view text, size_t pos);
// Offset of the first byte that is not well-formed UTF-8, or npos (csv.cpp).
size_t invalid_utf8_offset(std::string_view s);

// Whether a (valid) figure value equals a condition's JSON value (true, "AA", 3).
bool figure_matches(const FigureValue& v, const Json& equals);

// Reads the members of a data file (catalog, award, scoring model) and records each problem by
// where it is, so a broken file is reported in full rather than at its first fault.
struct DataReader {
    std::vector<Problem>& problems;
    const char* code;  // Problem::code of what it reports ("catalog", "award", "scoring")

    void fail(const std::string& where, const std::string& zh, const std::string& en) {
        problems.push_back(Problem{Severity::error, where, code, Text{where + "：" + zh, where + ": " + en}});
    }

    std::string str(const Json& j, const char* field, const std::string& where, bool required = true) {
        auto it = j.find(field);
        if (it == j.end() || it->is_null()) {
            if (required) fail(where, std::string("缺少字段 ") + field, std::string("missing field '") + field + "'");
            return {};
        }
        if (!it->is_string()) {
            fail(where, std::string("字段 ") + field + " 应为文本", std::string("field '") + field + "' must be a string");
            return {};
        }
        return it->get<std::string>();
    }

    Text text(const Json& j, const char* field, const std::string& where, bool allow_empty = false) {
        Text t;
        auto it = j.find(field);
        if (it == j.end() || !it->is_object()) {
            fail(where, std::string("字段 ") + field + " 应为 {zh, en} 对象",
                 std::string("field '") + field + "' must be a {zh, en} object");
            return t;
        }
        std::string why;
        if (!text_from_json(*it, t, why)) {
            fail(where, std::string("字段 ") + field + " 的文本有误：" + why, std::string("field '") + field + "': " + why);
            return Text{};
        }
        if (!allow_empty && (t.zh.empty() || t.en.empty())) {
            const char* lang = t.zh.empty() ? "zh" : "en";
            fail(where, std::string("字段 ") + field + " 缺少 " + lang + " 文本",
                 std::string("field '") + field + "' lacks its '" + lang + "' text");
        }
        return t;
    }

    std::optional<Rational> number(const Json& j, const char* field, const std::string& where) {
        auto it = j.find(field);
        if (it == j.end() || !it->is_number()) {
            fail(where, std::string("字段 ") + field + " 应为数字", std::string("field '") + field + "' must be a number");
            return std::nullopt;
        }
        std::optional<Rational> r = json_rational(*it);
        if (!r) fail(where, std::string("字段 ") + field + " 不是有效数字", std::string("field '") + field + "' is not a usable number");
        return r;
    }

    std::optional<Profile> profile(const Json& j, const std::string& where) {
        std::string p = str(j, "profile", where);
        auto r = parse_profile(p);
        if (!r && !p.empty()) fail(where, "未知的 profile “" + p + "”", "unknown profile '" + p + "'");
        return r;
    }

    std::optional<Condition> condition(const Json& j, const std::string& where) {
        if (!j.is_object() || !j.contains("figure") || !j["figure"].is_string() || !j.contains("equals")) {
            fail(where, "条件应为 {figure, equals}", "a condition must be {figure, equals}");
            return std::nullopt;
        }
        return Condition{j["figure"].get<std::string>(), j["equals"]};
    }
};

// An assessment as JSON with its members in the order people read (write_assessment, backups).
void write_ordered_assessment(JsonWriter& w, const Assessment& a);

// The county workflow's members of an assessment file (workflow.cpp): evidence, signoff,
// department, sources, submission. Read from the file's top-level object into `a`; false with
// `error` naming the member when one has the wrong shape. Written by assessment_to_json.
bool read_workflow_members(const Json& doc, Assessment& a, Problem& error);
void write_workflow_members(const Assessment& a, Json& j);
extern const char* const kWorkflowMembers[6];

}  // namespace qcity::detail
