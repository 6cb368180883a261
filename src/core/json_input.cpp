// qcity core — JSON from users: a depth-limited, path-aware parse.
//
// nlohmann/json's parser is iterative, but what it builds is not: a value is copied, compared,
// printed and freed by recursion, so a document nested 80,000 deep crashes whoever touches it
// (the CLI segfaulted on such `settings`; in the browser every later autosave failed). The parse
// itself is stopped at kMaxJsonDepth by detail::PathSax (core_internal.h), which also knows the
// path of keys to the value that failed, so "1e999" is reported where it stands, not at a column.
//
// Index of this file
// [SECTION] Messages
// [SECTION] parse_json_document

#include "core_internal.h"

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Messages
//-------------------------------------------------------------------------------------------------

// Line and column (1-based, in characters) of a byte offset.
std::pair<int, int> detail::line_and_column(std::string_view text, size_t pos) {
    int line = 1, col = 1;
    for (size_t i = 0; i < text.size() && i + 1 < pos; ++i) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') { ++line; col = 1; }
        else if ((ch & 0xC0) != 0x80) ++col;  // count UTF-8 lead bytes only
    }
    return {line, col};
}

namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …" → after the position.
std::string syntax_reason(const std::string& what) {
    size_t p = what.find(": ", what.find("parse error"));
    return p == std::string::npos ? what : what.substr(p + 2);
}

}  // namespace

std::string detail::json_path_text(const std::vector<std::string>& path) {
    // At most 8 steps: the first 4 and the last 4 (a 64-deep path says nothing more).
    auto step = [&](size_t i) {
        const std::string& s = path[i];
        return (i == 0 || s.rfind('[', 0) == 0) ? s : "." + s;
    };
    std::string out;
    for (size_t i = 0; i < path.size(); ++i) {
        std::string s = step(i);
        if (path.size() > 8 && i == 4) {
            out += "…";
            i = path.size() - 4;
            s = path[i];
        }
        out += s;
    }
    if (!out.empty() && out[0] == '.') out.erase(0, 1);
    return out;
}

Problem detail::json_input_problem(std::string_view text, JsonStop stop, size_t pos, const std::string& what_error,
                                   const std::string& token, const std::vector<std::string>& path) {
    std::string where = json_path_text(path);
    switch (stop) {
        case JsonStop::too_deep: {
            std::string depth = std::to_string(kMaxJsonDepth);
            return Problem{Severity::error, "file", "json_too_deep",
                           Text{"JSON 嵌套超过 " + depth + " 层（在 " + where + " 处），不予读取",
                                "The JSON is nested more than " + depth + " levels deep (at " + where + "); it is not read"}};
        }
        case JsonStop::out_of_range: {
            std::string at = where.empty() ? std::string() : where;
            return Problem{Severity::error, at.empty() ? "file" : at, "number_out_of_range",
                           Text{(at.empty() ? "" : at + "：") + "数值超出范围（" + token + "）",
                                (at.empty() ? "" : at + ": ") + "the number is out of range (" + token + ")"}};
        }
        default: {
            auto [line, col] = line_and_column(text, pos);
            std::string reason = syntax_reason(what_error);
            return Problem{Severity::error, "file", "malformed_json",
                           Text{"不是有效的 JSON：第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列（" + reason + "）",
                                "Not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col) + " (" + reason + ")"}};
        }
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] parse_json_document
//-------------------------------------------------------------------------------------------------

bool parse_json_document(std::string_view text, Json& out, Problem& error, const Catalog* names) {
    using DomBuilder = nlohmann::detail::json_sax_dom_parser<Json>;
    Json doc;
    DomBuilder dom(doc, false);
    detail::PathSax<DomBuilder> sax(dom);
    bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
    if (!ok || sax.stop != detail::JsonStop::none) {
        // An empty text gets nlohmann's "unexpected end of input" with a position: a syntax error.
        error = detail::json_input_problem(text, sax.stop == detail::JsonStop::none ? detail::JsonStop::syntax : sax.stop,
                                           sax.error_pos, sax.error_what, sax.error_token, sax.error_path);
        const std::vector<std::string>& at = sax.error_path;
        if (sax.stop == detail::JsonStop::out_of_range && names && at.size() == 2 && at[0] == "figures")
            if (const FigureDef* f = names->figure(at[1])) {
                std::string path = "figures." + at[1];
                error = Problem{Severity::error, f->key, "number_out_of_range",
                                Text{path + "（" + f->name.zh + "）：数值超出范围（" + sax.error_token + "）",
                                     path + " (" + f->name.en + "): the number is out of range (" + sax.error_token + ")"}};
            }
        return false;
    }
    out = std::move(doc);
    return true;
}

}  // namespace qcity
