// qcity core — the assessment file format (qcity.assessment/1) and validation of figures.
//
// Index of this file
// [SECTION] Figure values
// [SECTION] Reading (never changes the caller's assessment on failure)
// [SECTION] Writing and templates
// [SECTION] Validation

#include "core_internal.h"

#include <algorithm>

#include <cmath>
#include <memory>
#include <set>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Figure values
//-------------------------------------------------------------------------------------------------

FigureValue FigureValue::from_json(const Json& j) {
    if (j.is_null()) return FigureValue{};
    if (j.is_boolean()) return boolean(j.get<bool>());
    if (j.is_number_integer()) {
        if (j.is_number_unsigned() && j.get<uint64_t>() > (uint64_t)INT64_MAX) return real((double)j.get<uint64_t>());
        return integer(j.get<int64_t>());
    }
    if (j.is_number_float()) return real(j.get<double>());
    if (j.is_string()) return text(j.get<std::string>());
    return text(j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Json FigureValue::to_json() const {
    switch (type) {
        case Type::integer: return Json(i);
        case Type::real: return std::isfinite(r) ? Json(r) : Json(nullptr);  // JSON has no NaN
        case Type::boolean: return Json(b);
        case Type::text: return Json(s);
        default: return Json(nullptr);
    }
}

bool FigureValue::operator==(const FigureValue& o) const {
    if (type != o.type) return false;
    switch (type) {
        case Type::integer: return i == o.i;
        case Type::real: return r == o.r || (std::isnan(r) && std::isnan(o.r));
        case Type::boolean: return b == o.b;
        case Type::text: return s == o.s;
        default: return true;
    }
}

const FigureValue* Assessment::get(std::string_view key) const {
    auto it = figures.find(key);
    if (it == figures.end() || it->second.absent()) return nullptr;
    return &it->second;
}

bool Assessment::operator==(const Assessment& o) const {
    // Absent values count: a null key round-trips as a null key.
    return catalog == o.catalog && profile == o.profile && unit == o.unit && year == o.year && figures == o.figures &&
           notes == o.notes && settings == o.settings && readiness == o.readiness && extra == o.extra;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading
//-------------------------------------------------------------------------------------------------
// Two ways in, one set of rules: a file is streamed straight into figures and notes (no JSON tree
// for them: reading is the bulk of the CLI's work on many files), a JSON value given by the web API
// is walked. Both fill the same Parts, which assemble() checks and turns into an Assessment.

namespace {

Problem file_error(const std::string& key, const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, key, code, Text{std::move(zh), std::move(en)}};
}

Problem figure_shape_error(const std::string& key) {
    return file_error(key, "bad_value", "数据项 " + key + " 的值应为数字、是/否、文本或 null",
                      "figure '" + key + "' must be a number, true/false, text or null");
}
Problem note_shape_error(const std::string& key) {
    return file_error(key, "bad_note", "备注 " + key + " 应为文本", "note '" + key + "' must be text");
}

struct Parts {
    Json header = Json::object();  // every top-level member but figures and notes
    bool is_object = true;
    bool figures_not_object = false, notes_not_object = false;
    std::optional<Problem> shape_error;  // the first figure or note of the wrong shape
    std::map<std::string, FigureValue, std::less<>> figures;
    std::map<std::string, std::string> notes;
};

// Checks the header and builds the assessment. Errors come in a fixed order (what the file is,
// then its fields), whichever way it was read.
bool assemble(Parts&& parts, const Catalog* catalog, Assessment& out, Problem& error) {
    const Json& doc = parts.header;
    if (!parts.is_object) {
        error = file_error("file", "not_assessment", "文件内容不是评估（应为 JSON 对象）", "the file is not an assessment (expected a JSON object)");
        return false;
    }
    auto it = doc.find("schema");
    if (it == doc.end() || !it->is_string()) {
        error = file_error("schema", "not_assessment", "不是 qcity 评估文件（缺少 schema 字段）",
                           "not a qcity assessment file (no 'schema' field)");
        return false;
    }
    const std::string& schema = it->get_ref<const std::string&>();
    if (schema != kAssessmentSchema) {
        const std::string prefix = "qcity.assessment/";
        if (schema.rfind(prefix, 0) == 0) {
            std::string ver = schema.substr(prefix.size());
            if (std::atoi(ver.c_str()) > 1) {
                error = file_error("schema", "newer_schema",
                                   "该文件由更新版本的 qcity 写成（格式版本 " + ver + "），本版本只能读取版本 1，请更新 qcity",
                                   "this file was written by a newer qcity (format version " + ver + "); this version reads version 1 — please update qcity");
                return false;
            }
        }
        error = file_error("schema", "wrong_schema", "不是 qcity 评估文件（schema 为 “" + schema + "”，应为 qcity.assessment/1）",
                           "not a qcity assessment file (schema is '" + schema + "', expected 'qcity.assessment/1')");
        return false;
    }

    Assessment a;
    auto want_string = [&](const char* field, std::string& dst) -> bool {
        auto f = doc.find(field);
        if (f == doc.end() || !f->is_string()) {
            error = file_error(field, "bad_field", std::string("字段 ") + field + " 缺失或不是文本",
                               std::string("field '") + field + "' is missing or not a string");
            return false;
        }
        dst = f->get<std::string>();
        return true;
    };
    std::string profile;
    if (!want_string("catalog", a.catalog) || !want_string("profile", profile) || !want_string("unit", a.unit)) return false;
    if (catalog && a.catalog != catalog->id) {
        error = file_error("catalog", "wrong_catalog",
                           "该文件按指标目录 “" + a.catalog + "” 填写，当前目录为 “" + catalog->id + "”",
                           "this file was made for catalog '" + a.catalog + "'; the catalog in use is '" + catalog->id + "'");
        return false;
    }
    auto p = parse_profile(profile);
    if (!p) {
        error = file_error("profile", "bad_profile", "未知的评估类型 “" + profile + "”（应为 county 或 enterprise）",
                           "unknown profile '" + profile + "' (expected 'county' or 'enterprise')");
        return false;
    }
    a.profile = *p;
    auto y = doc.find("year");
    if (y == doc.end() || !y->is_number_integer() || y->get<int64_t>() < 0 || y->get<int64_t>() > 9999) {
        error = file_error("year", "bad_field", "字段 year 缺失或不是年份整数", "field 'year' is missing or not a whole year");
        return false;
    }
    a.year = (int)y->get<int64_t>();
    if (parts.figures_not_object) {
        error = file_error("figures", "bad_field", "字段 figures 应为对象", "field 'figures' must be an object");
        return false;
    }
    if (parts.notes_not_object) {
        error = file_error("notes", "bad_field", "字段 notes 应为对象", "field 'notes' must be an object");
        return false;
    }
    if (parts.shape_error) {
        error = *parts.shape_error;
        return false;
    }
    if (auto s = doc.find("settings"); s != doc.end()) {
        if (!s->is_object()) {
            error = file_error("settings", "bad_field", "字段 settings 应为对象", "field 'settings' must be an object");
            return false;
        }
        a.settings = *s;
    }
    // The enterprise's award readiness (thresholds, self-score): added after the first files were
    // written, so absent is normal. Its contents are checked by validate_readiness().
    if (auto r = doc.find("readiness"); r != doc.end() && !r->is_null()) {
        if (!r->is_object()) {
            error = file_error("readiness", "bad_field", "字段 readiness 应为对象", "field 'readiness' must be an object");
            return false;
        }
        a.readiness = *r;
    }
    static const char* known[] = {"schema", "catalog", "profile", "unit", "year", "settings", "readiness"};
    for (const auto& [key, v] : doc.items()) {
        bool k = false;
        for (const char* n : known) k = k || key == n;
        if (!k) a.extra[key] = v;
    }
    a.figures = std::move(parts.figures);
    a.notes = std::move(parts.notes);
    out = std::move(a);
    return true;
}

// The streaming reader: nlohmann/json's SAX events go straight into Parts. Other top-level
// members (settings, unknown ones) are built as JSON values by nlohmann's own DOM builder.
class AssessmentSax {
  public:
    using DomBuilder = nlohmann::detail::json_sax_dom_parser<Json>;
    Parts parts;
    size_t error_pos = 0;
    std::string error_what;

    bool null() { return sub_ ? sub_->null() : scalar(FigureValue{}); }
    bool boolean(bool v) { return sub_ ? sub_->boolean(v) : scalar(FigureValue::boolean(v)); }
    bool number_integer(int64_t v) { return sub_ ? sub_->number_integer(v) : scalar(FigureValue::integer(v)); }
    bool number_unsigned(uint64_t v) {
        if (sub_) return sub_->number_unsigned(v);
        if (v > (uint64_t)INT64_MAX) return scalar(FigureValue::real((double)v), Json(v));
        return scalar(FigureValue::integer((int64_t)v));
    }
    bool number_float(double v, const std::string& s) { return sub_ ? sub_->number_float(v, s) : scalar(FigureValue::real(v)); }
    bool string(std::string& v) {
        if (sub_) return sub_->string(v);
        if (skip_depth_ == 0 && depth_ == 2 && where_ == Where::notes) { parts.notes[key_] = std::move(v); return true; }
        return scalar(FigureValue::text(std::move(v)));
    }
    bool binary(Json::binary_t& v) { return sub_ ? sub_->binary(v) : true; }
    bool start_object(std::size_t n) { return open(true, n); }
    bool start_array(std::size_t n) { return open(false, n); }
    bool end_object() { return close(true); }
    bool end_array() { return close(false); }
    bool key(std::string& k) {
        if (sub_) return sub_->key(k);
        if (depth_ == 1) {
            key_ = k;
            where_ = k == "figures" ? Where::figures : k == "notes" ? Where::notes : Where::member;
        } else if (depth_ == 2 && (where_ == Where::figures || where_ == Where::notes)) {
            key_ = k;
        }
        return true;
    }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) {
        error_pos = pos;
        error_what = ex.what();
        return false;
    }

  private:
    enum class Where { none, member, figures, notes };
    int depth_ = 0;               // nesting depth outside of a delegated value
    Where where_ = Where::none;   // what the current depth-1 member is
    std::string key_;             // the current depth-1 member, or figure/note key at depth 2
    std::string member_;          // the depth-1 member being built by sub_
    Json value_;                  // the value sub_ builds
    std::unique_ptr<DomBuilder> sub_;
    int sub_depth_ = 0;
    int skip_depth_ = 0;          // inside a figure or note of the wrong shape

    // A value at the top, at depth 1 (a member), or inside figures/notes. `exact` is the JSON
    // value when the figure value cannot hold it exactly (an integer above INT64_MAX).
    bool scalar(FigureValue&& f, Json exact = Json()) {
        if (skip_depth_ > 0) return true;
        if (depth_ == 0) { parts.is_object = false; return true; }
        if (depth_ == 1) {
            if (where_ == Where::figures) parts.figures_not_object = true;
            else if (where_ == Where::notes) parts.notes_not_object = true;
            else parts.header[key_] = exact.is_null() ? f.to_json() : std::move(exact);
            return true;
        }
        if (where_ == Where::figures) parts.figures.insert_or_assign(std::move(key_), std::move(f));
        else if (where_ == Where::notes && !parts.shape_error) parts.shape_error = note_shape_error(key_);
        return true;
    }
    bool open(bool object, std::size_t n) {
        if (sub_) { ++sub_depth_; return object ? sub_->start_object(n) : sub_->start_array(n); }
        if (skip_depth_ > 0) { ++skip_depth_; return true; }
        if (depth_ == 0) {
            if (object) { depth_ = 1; return true; }
            parts.is_object = false;
            return begin_sub(object, n, "");
        }
        if (depth_ == 1) {
            if (object && (where_ == Where::figures || where_ == Where::notes)) { depth_ = 2; return true; }
            if (where_ == Where::figures) parts.figures_not_object = true;
            if (where_ == Where::notes) parts.notes_not_object = true;
            return begin_sub(object, n, (where_ == Where::member) ? key_ : std::string());
        }
        // depth 2: a figure or a note that is an array or object
        if (!parts.shape_error) parts.shape_error = where_ == Where::figures ? figure_shape_error(key_) : note_shape_error(key_);
        skip_depth_ = 1;
        return true;
    }
    bool close(bool object) {
        if (sub_) {
            bool ok = object ? sub_->end_object() : sub_->end_array();
            if (--sub_depth_ == 0) {
                if (!member_.empty()) parts.header[member_] = std::move(value_);
                sub_.reset();
                value_ = Json();
            }
            return ok;
        }
        if (skip_depth_ > 0) { --skip_depth_; return true; }
        if (depth_ == 2) { depth_ = 1; return true; }
        if (depth_ == 1) { depth_ = 0; return true; }
        return true;
    }
    bool begin_sub(bool object, std::size_t n, std::string member) {
        member_ = std::move(member);  // empty: the value is built and dropped (a wrong shape)
        value_ = Json();
        sub_ = std::make_unique<DomBuilder>(value_, false);
        sub_depth_ = 1;
        return object ? sub_->start_object(n) : sub_->start_array(n);
    }
};

// Line and column (1-based, in characters) of a byte offset.
std::pair<int, int> line_column(std::string_view text, size_t pos) {
    int line = 1, col = 1;
    for (size_t i = 0; i < text.size() && i + 1 < pos; ++i) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') { ++line; col = 1; }
        else if ((ch & 0xC0) != 0x80) ++col;  // count UTF-8 lead bytes only
    }
    return {line, col};
}

std::string reason_of(const std::string& what) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing
    //  object - unexpected '}'; expected string literal" → the part after the position.
    size_t p = what.find(": ", what.find("parse error"));
    return p == std::string::npos ? what : what.substr(p + 2);
}

}  // namespace

Problem file_too_large(size_t bytes) {
    return file_error("file", "file_too_large",
                      "文件过大（" + std::to_string(bytes / 1024) + " KB），评估文件不能超过 5 MB",
                      "the file is too large (" + std::to_string(bytes / 1024) + " KB); an assessment file may be at most 5 MB");
}

bool read_assessment(std::string_view text, const Catalog* catalog, Assessment& out, Problem& error) {
    if (text.size() > kMaxFileBytes) {
        error = file_too_large(text.size());
        return false;
    }
    AssessmentSax sax;
    bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
    if (!ok) {
        auto [line, col] = line_column(text, sax.error_pos);
        std::string reason = reason_of(sax.error_what);
        error = file_error("file", "malformed_json",
                           "文件不是有效的 JSON：第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列（" + reason + "）",
                           "the file is not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col) + " (" + reason + ")");
        return false;
    }
    return assemble(std::move(sax.parts), catalog, out, error);
}

bool read_assessment_json(const Json& doc, const Catalog* catalog, Assessment& out, Problem& error) {
    Parts parts;
    if (!doc.is_object()) {
        parts.is_object = false;
        return assemble(std::move(parts), catalog, out, error);
    }
    for (const auto& [key, v] : doc.items()) {
        if (key == "figures") {
            if (!v.is_object()) { parts.figures_not_object = true; continue; }
            for (const auto& [k, fv] : v.items()) {
                if (fv.is_array() || fv.is_object()) {
                    if (!parts.shape_error) parts.shape_error = figure_shape_error(k);
                    continue;
                }
                parts.figures[k] = FigureValue::from_json(fv);
            }
        } else if (key == "notes") {
            if (!v.is_object()) { parts.notes_not_object = true; continue; }
            for (const auto& [k, nv] : v.items()) {
                if (!nv.is_string()) {
                    if (!parts.shape_error) parts.shape_error = note_shape_error(k);
                    continue;
                }
                parts.notes[k] = nv.get<std::string>();
            }
        } else {
            parts.header[key] = v;
        }
    }
    return assemble(std::move(parts), catalog, out, error);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Writing and templates
//-------------------------------------------------------------------------------------------------

Json assessment_to_json(const Assessment& a) {
    Json j = Json::object();
    j["schema"] = kAssessmentSchema;
    j["catalog"] = a.catalog;
    j["profile"] = profile_id(a.profile);
    j["unit"] = a.unit;
    j["year"] = a.year;
    Json figs = Json::object();
    for (const auto& [k, v] : a.figures) figs[k] = v.to_json();
    j["figures"] = figs;
    Json notes = Json::object();
    for (const auto& [k, v] : a.notes) notes[k] = v;
    j["notes"] = notes;
    if (!a.settings.empty()) j["settings"] = a.settings;
    if (!a.readiness.empty()) j["readiness"] = a.readiness;
    for (const auto& [k, v] : a.extra.items()) j[k] = v;
    return j;
}

std::string write_assessment(const Assessment& a) {
    // Human order for the well-known members (schema first), then the rest as they sort.
    nlohmann::ordered_json o;
    Json j = assessment_to_json(a);
    for (const char* k : {"schema", "catalog", "profile", "unit", "year", "figures", "notes", "settings", "readiness"})
        if (j.contains(k)) o[k] = j[k];
    for (const auto& [k, v] : j.items())
        if (!o.contains(k)) o[k] = v;
    return o.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Assessment make_template(const Catalog& c, Profile p, std::string unit, int year) {
    Assessment a;
    a.catalog = c.id;
    a.profile = p;
    a.unit = std::move(unit);
    a.year = year;
    for (const std::string& k : c.entry_order(p)) a.figures[k] = FigureValue{};
    return a;
}

std::string export_filename(const Assessment& a) {
    std::string unit;
    for (size_t i = 0; i < a.unit.size(); ++i) {
        unsigned char ch = (unsigned char)a.unit[i];
        bool unsafe = ch < 0x20 || std::string_view("/\\:*?\"<>|").find((char)ch) != std::string_view::npos;
        unit += unsafe ? '_' : (char)ch;
    }
    while (!unit.empty() && (unit.back() == '.' || unit.back() == ' ')) unit.pop_back();
    if (unit.empty()) unit = "assessment";
    return "qcity-" + unit + "-" + std::to_string(a.year) + ".json";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Typed input
//-------------------------------------------------------------------------------------------------

namespace {

// Full-width digits and signs (what a Chinese IME types) to ASCII; thousands separators and spaces
// dropped; "，" "、" never appear in numbers, so a text with them stays text.
std::string normalize_number(std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size();) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0xEF && i + 2 < in.size()) {  // U+FF00..U+FF5E: full-width forms
            uint32_t cp = ((c & 0x0Fu) << 12) | (((unsigned char)in[i + 1] & 0x3Fu) << 6) | ((unsigned char)in[i + 2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                char ascii = (char)(cp - 0xFF01 + 0x21);
                if (ascii != ',') out += ascii;
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < in.size() && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x82) {
            out += '.';  // 。 typed for a decimal point
            i += 3;
            continue;
        }
        if (c == ',' || c == ' ' || c == '\t' || c == '_' || c == '\'') { ++i; continue; }
        out += (char)c;
        ++i;
    }
    return out;
}

std::string trim(std::string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
    // full-width spaces (U+3000) at either end
    std::string t(s.substr(a, b - a));
    while (t.size() >= 3 && t.compare(0, 3, "\xE3\x80\x80") == 0) t.erase(0, 3);
    while (t.size() >= 3 && t.compare(t.size() - 3, 3, "\xE3\x80\x80") == 0) t.erase(t.size() - 3);
    return t;
}

}  // namespace

FigureValue parse_figure_input(const Catalog& c, const FigureDef& f, std::string_view typed) {
    std::string t = trim(typed);
    if (t.empty()) return FigureValue{};
    switch (f.type) {
        case FigureType::count:
        case FigureType::score: {
            std::string n = normalize_number(t);
            bool plain = !n.empty();
            size_t digits = 0;
            for (size_t i = 0; i < n.size(); ++i) {
                char ch = n[i];
                if (ch >= '0' && ch <= '9') ++digits;
                else if (!((ch == '-' || ch == '+') && i == 0) && ch != '.') plain = false;
            }
            if (!plain || digits == 0 || std::count(n.begin(), n.end(), '.') > 1) return FigureValue::text(t);
            if (n.find('.') == std::string::npos && digits <= 18) return FigureValue::integer(std::stoll(n));
            return FigureValue::real(std::strtod(n.c_str(), nullptr));
        }
        case FigureType::boolean: {
            std::string l;
            for (char ch : t) l += (char)std::tolower((unsigned char)ch);
            if (l == "true" || l == "yes" || l == "y" || l == "1" || t == "是" || t == "有") return FigureValue::boolean(true);
            if (l == "false" || l == "no" || l == "n" || l == "0" || t == "否" || t == "无" || t == "没有") return FigureValue::boolean(false);
            return FigureValue::text(t);
        }
        case FigureType::enumeration: {
            if (const EnumDef* e = c.enumeration(f.enum_id))
                for (const EnumValue& v : e->values)
                    if (t == v.id || t == v.name.zh || t == v.name.en) return FigureValue::text(v.id);
            return FigureValue::text(t);
        }
    }
    return FigureValue::text(t);
}

std::string figure_input_text(const Catalog& c, const FigureDef& f, const FigureValue& v, Lang lang) {
    switch (v.type) {
        case FigureValue::Type::absent: return "";
        case FigureValue::Type::integer: return std::to_string(v.i);
        case FigureValue::Type::real: return std::isfinite(v.r) ? Json(v.r).dump() : "";
        case FigureValue::Type::boolean: return v.b ? (lang == Lang::en ? "yes" : "是") : (lang == Lang::en ? "no" : "否");
        case FigureValue::Type::text: {
            if (f.type == FigureType::enumeration)
                if (const EnumDef* e = c.enumeration(f.enum_id)) {
                    int k = e->rank(v.s);
                    if (k >= 0) return e->values[(size_t)k].name.get(lang);
                }
            return v.s;
        }
    }
    return "";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------------

namespace {

constexpr int64_t kMaxCount = 1000000000000LL;  // 10^12: beyond any real count, far from overflow

std::string shown(const FigureValue& v) {
    switch (v.type) {
        case FigureValue::Type::integer: return std::to_string(v.i);
        case FigureValue::Type::real:
            if (std::isnan(v.r)) return "NaN";
            if (std::isinf(v.r)) return v.r > 0 ? "Infinity" : "-Infinity";
            return Json(v.r).dump();
        case FigureValue::Type::boolean: return v.b ? "true" : "false";
        case FigureValue::Type::text: return "“" + v.s + "”";
        default: return "null";
    }
}

Problem figure_problem(const FigureDef& f, const std::string& code, const std::string& zh, const std::string& en,
                       Severity sev = Severity::error) {
    return Problem{sev, f.key, code,
                   Text{f.key + "（" + f.name.zh + "）：" + zh, f.key + " (" + f.name.en + "): " + en}};
}

}  // namespace

std::optional<Problem> check_figure_value(const Catalog& c, const FigureDef& f, const FigureValue& v) {
    using T = FigureValue::Type;
    if (v.absent()) return std::nullopt;
    auto got = [&v] { return shown(v); };  // the value as text, made only when there is something to report
    switch (f.type) {
        case FigureType::count:
        case FigureType::score: {
            if (v.type == T::text)
                return figure_problem(f, "not_number", "应为数字，现为文本 " + got(), "must be a number, got text " + got());
            if (v.type == T::boolean)
                return figure_problem(f, "not_number", "应为数字，现为 " + got(), "must be a number, got " + got());
            if (v.type == T::real && !std::isfinite(v.r))
                return figure_problem(f, "not_finite", "应为有限的数字，现为 " + got(), "must be a finite number, got " + got());
            double d = v.type == T::integer ? (double)v.i : v.r;
            if (f.type == FigureType::score) {
                if (d < 0 || d > 100)
                    return figure_problem(f, "score_range", "分值应在 0 到 100 之间，现为 " + got(), "must be a score from 0 to 100, got " + got());
                return std::nullopt;
            }
            if (v.type == T::real && std::floor(v.r) != v.r)
                return figure_problem(f, "not_integer", "应为整数（计数），现为 " + got(), "must be a whole number (a count), got " + got());
            if (d < 0) return figure_problem(f, "negative", "不能为负数，现为 " + got(), "must not be negative, got " + got());
            if (d < (double)f.min) {
                if (f.min == 1 && d == 0)
                    return figure_problem(f, "zero", "不能为 0（" + f.name.zh + "必须大于 0）", "must not be 0 (it must be greater than 0)");
                return figure_problem(f, "below_min", "不能小于 " + std::to_string(f.min) + "，现为 " + got(),
                                      "must be at least " + std::to_string(f.min) + ", got " + got());
            }
            if (d > (double)kMaxCount)
                return figure_problem(f, "too_large", "数值过大（" + got() + "），请检查单位", "is implausibly large (" + got() + "); check the unit");
            return std::nullopt;
        }
        case FigureType::boolean:
            if (v.type != T::boolean)
                return figure_problem(f, "not_bool", "应为 是/否（true/false），现为 " + got(), "must be yes/no (true/false), got " + got());
            return std::nullopt;
        case FigureType::enumeration: {
            const EnumDef* e = c.enumeration(f.enum_id);
            std::string allowed;
            if (e)
                for (const EnumValue& ev : e->values) allowed += (allowed.empty() ? "" : ", ") + ev.id;
            if (v.type != T::text)
                return figure_problem(f, "not_enum", "应为以下之一：" + allowed + "，现为 " + got(), "must be one of " + allowed + ", got " + got());
            if (!e || e->rank(v.s) < 0)
                return figure_problem(f, "unknown_enum", "未知的取值 " + got() + "（可选：" + allowed + "）",
                                      "unknown value " + got() + " (one of: " + allowed + ")");
            return std::nullopt;
        }
    }
    return std::nullopt;
}

bool has_errors(const std::vector<Problem>& problems) {
    for (const Problem& p : problems)
        if (p.severity == Severity::error) return true;
    return false;
}

namespace detail {

FigureTable::FigureTable(const Catalog& c, const Assessment& a) : values(c.figures.size(), nullptr) {
    for (const auto& [key, v] : a.figures) {
        const FigureDef* f = c.figure(key);
        if (!f) unknown.push_back(key);
        else if (f->profile != a.profile) foreign.push_back(f);
        else if (!v.absent()) values[f->index] = &v;
    }
}

// A count's value when present and valid; nullopt otherwise.
static std::optional<int64_t> valid_count(const Catalog& c, const FigureTable& t, const FigureDef& f) {
    const FigureValue* v = t.values[f.index];
    if (!v || check_figure_value(c, f, *v)) return std::nullopt;
    return v->type == FigureValue::Type::integer ? v->i : (int64_t)v->r;
}

std::vector<Problem> validate(const Catalog& c, const Assessment& a, const FigureTable& t) {
    std::vector<Problem> out;
    if (a.catalog != c.id)
        out.push_back(Problem{Severity::error, "catalog", "wrong_catalog",
                              Text{"评估按指标目录 “" + a.catalog + "” 填写，当前目录为 “" + c.id + "”",
                                   "the assessment names catalog '" + a.catalog + "'; the catalog in use is '" + c.id + "'"}});
    if (a.unit.empty())
        out.push_back(Problem{Severity::warning, "unit", "unit_missing", Text{"unit：尚未填写单位名称", "unit: the unit's name is not filled in"}});
    if (a.year < 2000 || a.year > 2100)
        out.push_back(Problem{Severity::error, "year", "bad_year",
                              Text{"year：年份应在 2000 到 2100 之间，现为 " + std::to_string(a.year),
                                   "year: must be between 2000 and 2100, got " + std::to_string(a.year)}});

    // Each figure alone, in entry order so that messages read top to bottom like the form.
    for (size_t i : c.entry_index(a.profile)) {
        if (const FigureValue* v = t.values[i])
            if (auto p = check_figure_value(c, c.figures[i], *v)) out.push_back(std::move(*p));
    }
    for (const std::string& key : t.unknown)
        out.push_back(Problem{Severity::warning, key, "unknown_key",
                              Text{key + "：未知的数据项，已保留但不参与评价", key + ": unknown figure key, kept but not judged"}});
    for (const FigureDef* f : t.foreign)
        out.push_back(Problem{Severity::warning, f->key, "other_profile",
                              Text{f->key + "（" + f->name.zh + "）：属于" + (f->profile == Profile::county ? "县级" : "企业") + "评估，此处不参与评价",
                                   f->key + " (" + f->name.en + "): belongs to the " + profile_id(f->profile) + " profile and is not judged here"}});

    // Combinations: a numerator above its denominator, and the catalog's a ≤ b constraints.
    std::vector<std::pair<int, int>> seen;
    for (const IndicatorDef& ind : c.indicators) {
        if (ind.profile != a.profile || (ind.kind != Kind::ratio && ind.kind != Kind::ratio_all)) continue;
        std::pair<int, int> pair{ind.input_index[0], ind.input_index[1]};
        if (std::find(seen.begin(), seen.end(), pair) != seen.end()) continue;
        seen.push_back(pair);
        const FigureDef& fn = c.figures[(size_t)pair.first];
        const FigureDef& fd = c.figures[(size_t)pair.second];
        auto n = valid_count(c, t, fn), d = valid_count(c, t, fd);
        if (n && d && *n > *d)
            out.push_back(figure_problem(fn, "num_gt_den",
                                         "为 " + std::to_string(*n) + "，不能大于 " + fd.key + "（" + fd.name.zh + "，" + std::to_string(*d) + "）",
                                         "is " + std::to_string(*n) + ", more than " + fd.key + " (" + fd.name.en + ", " + std::to_string(*d) + ")"));
    }
    for (const ConstraintDef& k : c.constraints) {
        const FigureDef* fa = c.figure(k.a);
        const FigureDef* fb = c.figure(k.b);
        if (!fa || !fb || fa->profile != a.profile) continue;
        if (std::find(seen.begin(), seen.end(), std::pair<int, int>{(int)fa->index, (int)fb->index}) != seen.end()) continue;
        auto x = valid_count(c, t, *fa), y = valid_count(c, t, *fb);
        if (x && y && *x > *y)
            out.push_back(figure_problem(*fa, "constraint",
                                         "为 " + std::to_string(*x) + "，不能大于 " + fb->key + "（" + fb->name.zh + "，" + std::to_string(*y) + "）。" + k.why.zh,
                                         "is " + std::to_string(*x) + ", more than " + fb->key + " (" + fb->name.en + ", " + std::to_string(*y) + "). " + k.why.en));
    }

    // The enterprise's award readiness: its thresholds and self-score.
    for (Problem& p : validate_readiness(builtin_readiness(), c, a)) out.push_back(std::move(p));

    // Settings: quota share and explicit quotas for city-scope counts.
    if (!a.settings.is_object()) return out;
    if (auto s = a.settings.find("quota_share"); s != a.settings.end()) {
        std::optional<Rational> r = s->is_number_float() ? rational_from_double(s->get<double>())
                                  : s->is_number() ? parse_decimal(s->dump()) : std::nullopt;
        if (!r || r->num <= 0 || compare(*r, Rational::of(1)) > 0)
            out.push_back(Problem{Severity::error, "settings.quota_share", "bad_quota_share",
                                  Text{"settings.quota_share：配额比例应大于 0 且不超过 1，现为 " + s->dump(),
                                       "settings.quota_share: must be greater than 0 and at most 1, got " + s->dump()}});
    }
    if (auto q = a.settings.find("quotas"); q != a.settings.end()) {
        if (!q->is_object()) {
            out.push_back(Problem{Severity::error, "settings.quotas", "bad_quotas",
                                  Text{"settings.quotas：应为 {指标: 配额} 对象", "settings.quotas: must be an object {indicator: quota}"}});
        } else {
            for (const auto& [id, v] : q->items()) {
                const IndicatorDef* ind = c.indicator(id);
                std::string key = "settings.quotas." + id;
                if (!ind || !ind->city_scope)
                    out.push_back(Problem{Severity::error, key, "bad_quota_id",
                                          Text{key + "：“" + id + "” 不是全市范围的计数指标", key + ": '" + id + "' is not a city-scope count indicator"}});
                else if (!v.is_number_integer() || v.get<int64_t>() < 0)
                    out.push_back(Problem{Severity::error, key, "bad_quota",
                                          Text{key + "：配额应为非负整数，现为 " + v.dump(), key + ": a quota must be a non-negative whole number, got " + v.dump()}});
            }
        }
    }
    if (auto sc = a.settings.find("scope"); sc != a.settings.end()) {
        if (!sc->is_string() || (*sc != "city" && *sc != "unit"))
            out.push_back(Problem{Severity::error, "settings.scope", "bad_scope",
                                  Text{"settings.scope：应为 “city” 或 “unit”", "settings.scope: must be 'city' or 'unit'"}});
    }
    return out;
}

}  // namespace detail

std::vector<Problem> validate(const Catalog& c, const Assessment& a) {
    return detail::validate(c, a, detail::FigureTable(c, a));
}

}  // namespace qcity
