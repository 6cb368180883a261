// qcity core — shared between the core's own files, not part of its interface.
#pragma once

#include "core.h"

#include <optional>
#include <string>

namespace qcity::detail {

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

}  // namespace qcity::detail
