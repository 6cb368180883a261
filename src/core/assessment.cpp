// qcity core — the assessment file format (qcity.assessment/1) and validation of figures.
//
// Index of this file
// [SECTION] Figure values
// [SECTION] Reading (never changes the caller's assessment on failure)
// [SECTION] Writing and templates
// [SECTION] Settings (read once; unusable values kept as written)
// [SECTION] Validation

#include "core_internal.h"

#include <algorithm>

#include <cctype>
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
           notes == o.notes && settings == o.settings && readiness == o.readiness && evidence == o.evidence &&
           signoff == o.signoff && department == o.department && sources == o.sources && submission == o.submission &&
           confirmed == o.confirmed && extra == o.extra;
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

// A figure or note of the wrong shape is met while streaming, before the catalog is known: the
// key is kept, and assemble() words the message with the figure's (or indicator's) name.
enum class ShapeError { figure, note };

// The name of what a figure key or indicator id stands for, in quotes; the key itself when the
// catalog does not know it (then it is all there is to go by).
Text label_of(const Catalog* c, const std::string& key) {
    if (c)
        if (const FigureDef* f = c->figure(key)) return Text{"“" + f->name.zh + "”", "“" + f->name.en + "”"};
    if (c)
        if (const IndicatorDef* d = c->indicator(key)) return Text{"“" + d->name.zh + "”", "“" + d->name.en + "”"};
    return Text{"“" + key + "”", "“" + key + "”"};
}

Problem shape_error(ShapeError kind, const std::string& key, const Catalog* c) {
    Text l = label_of(c, key);
    if (kind == ShapeError::figure)
        return file_error(key, "bad_value", "数据项" + l.zh + "的值应为数字、是/否或文本（或留空 null）",
                          "The value of " + l.en + " must be a number, true/false or text (or null when empty)");
    return file_error(key, "bad_note", l.zh + "的备注应为文本", "The note on " + l.en + " must be text");
}

struct Parts {
    Json header = Json::object();  // every top-level member but figures and notes
    bool is_object = true;
    bool figures_not_object = false, notes_not_object = false;
    std::optional<std::pair<ShapeError, std::string>> shape_error;  // the first figure or note of the wrong shape
    std::map<std::string, FigureValue, std::less<>> figures;
    std::map<std::string, std::string> notes;
};

// Checks the header and builds the assessment. Errors come in a fixed order (what the file is,
// then its fields), whichever way it was read.
// `refuse_unknown_unit`: a county unit the catalog does not know fails the read (files, the page
// API); the saved workspace is read without it (validate() reports it), so nothing saved is lost.
bool assemble(Parts&& parts, const Catalog* catalog, Assessment& out, Problem& error, bool refuse_unknown_unit) {
    const Json& doc = parts.header;
    if (!parts.is_object) {
        error = file_error("file", "not_assessment", "文件内容不是评估（应为 JSON 对象）", "The file is not an assessment (expected a JSON object)");
        return false;
    }
    auto it = doc.find("schema");
    if (it == doc.end() || !it->is_string()) {
        error = file_error("schema", "not_assessment", "不是 qcity 评估文件（缺少 schema 字段）",
                           "Not a qcity assessment file (no 'schema' field)");
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
                                   "This file was written by a newer qcity (format version " + ver + "); this version reads version 1 — please update qcity");
                return false;
            }
        }
        error = file_error("schema", "wrong_schema", "不是 qcity 评估文件（schema 为 “" + schema + "”，应为 qcity.assessment/1）",
                           "Not a qcity assessment file (schema is '" + schema + "', expected 'qcity.assessment/1')");
        return false;
    }

    Assessment a;
    // What each identifying field is, for the message when it is missing or not text.
    auto want_string = [&](const char* field, const char* zh, const char* en, std::string& dst) -> bool {
        auto f = doc.find(field);
        if (f == doc.end() || !f->is_string()) {
            error = file_error(field, "bad_field", std::string("文件缺少") + zh + "，或其不是文本",
                               std::string("The file does not give ") + en + " as text");
            return false;
        }
        dst = f->get<std::string>();
        return true;
    };
    std::string profile;
    if (!want_string("catalog", "所用的指标目录", "the catalog it follows", a.catalog) ||
        !want_string("profile", "评估类型（县级或企业）", "its kind (county or enterprise)", profile) ||
        !want_string("unit", "单位名称", "the unit's name", a.unit))
        return false;
    if (catalog && a.catalog != catalog->id) {
        error = file_error("catalog", "wrong_catalog",
                           "该文件按指标目录“" + a.catalog + "”填写，当前使用的目录是“" + catalog->name.zh + "”（" + catalog->id + "）",
                           "This file was made for the catalog “" + a.catalog + "”; the catalog in use is “" + catalog->name.en + "” (" + catalog->id + ")");
        return false;
    }
    auto p = parse_profile(profile);
    if (!p) {
        error = file_error("profile", "bad_profile", "未知的评估类型“" + profile + "”（应为 county 县级或 enterprise 企业）",
                           "Unknown kind of assessment “" + profile + "” (expected county or enterprise)");
        return false;
    }
    a.profile = *p;
    auto y = doc.find("year");
    if (y == doc.end() || !y->is_number_integer() || y->get<int64_t>() < -99999 || y->get<int64_t>() > 99999) {
        error = file_error("year", "bad_field", "文件缺少年份，或年份不是整数", "The file has no year, or the year is not a whole number");
        return false;
    }
    a.year = (int)y->get<int64_t>();
    // With a catalog the year must be in its range (refused, never moved into it); without one,
    // validate() says so once the catalog is known.
    if (catalog)
        if (auto bad = check_year(*catalog, a.year)) {
            error = *bad;
            return false;
        }
    // The unit trimmed, a county's made the catalog's name ("东台 " → "东台市"), or refused.
    if (const Catalog* units = catalog ? catalog : builtin_catalog(a.catalog)) {
        if (auto bad = check_unit(*units, a.profile, a.unit); bad && refuse_unknown_unit) {
            error = *bad;
            return false;
        }
    }
    a.unit = trim_spaces(a.unit);
    if (parts.figures_not_object) {
        error = file_error("figures", "bad_field", "文件中的数据项应为“数据项: 数值”的对象",
                           "The file's figures must be an object of figure: value");
        return false;
    }
    if (parts.notes_not_object) {
        error = file_error("notes", "bad_field", "文件中的备注应为“数据项: 备注”的对象", "The file's notes must be an object of figure: note");
        return false;
    }
    if (parts.shape_error) {
        // Named by the catalog in use, else by the built-in catalog the file names.
        error = shape_error(parts.shape_error->first, parts.shape_error->second, catalog ? catalog : builtin_catalog(a.catalog));
        return false;
    }
    if (auto s = doc.find("settings"); s != doc.end()) {
        if (!s->is_object()) {
            error = file_error("settings", "bad_field", "文件中的设置格式有误（应为对象）", "The file's settings must be an object");
            return false;
        }
        a.settings = AssessmentSettings::from_json(*s);
    }
    // The enterprise's award readiness (thresholds, self-score): added after the first files were
    // written, so absent is normal. Its contents are checked by validate_readiness().
    if (auto r = doc.find("readiness"); r != doc.end() && !r->is_null()) {
        if (!r->is_object()) {
            error = file_error("readiness", "bad_field", "文件中的评奖准备部分格式有误（应为对象）",
                               "The file's award readiness part must be an object");
            return false;
        }
        a.readiness = ReadinessEntries::from_json(*r);
    }
    if (!detail::read_workflow_members(doc, a, error)) return false;
    static const char* known[] = {"schema", "catalog", "profile", "unit", "year", "settings", "readiness"};
    for (const auto& [key, v] : doc.items()) {
        bool k = false;
        for (const char* n : known) k = k || key == n;
        for (const char* n : detail::kWorkflowMembers) k = k || key == n;
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
        if (v > (uint64_t)INT64_MAX) {
            if (in_figures()) return out_of_range(std::to_string(v));
            return scalar(FigureValue::real((double)v), Json(v));
        }
        return scalar(FigureValue::integer((int64_t)v));
    }
    bool number_float(double v, const std::string& s) {
        if (sub_) return sub_->number_float(v, s);
        // A whole number written without a point or exponent is a float only when no 64-bit
        // integer holds it: as a figure it would silently lose digits, so it is refused.
        if (in_figures() && s.find_first_of(".eE") == std::string::npos) return out_of_range(s);
        return scalar(FigureValue::real(v));
    }
    // A figure whose number no integer holds (the reader stops; read_assessment names the figure).
    std::string overflow_key, overflow_token;
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
    bool in_figures() const { return skip_depth_ == 0 && depth_ == 2 && where_ == Where::figures; }
    bool out_of_range(std::string token) {
        overflow_key = key_;
        overflow_token = std::move(token);
        return false;
    }
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
        else if (where_ == Where::notes && !parts.shape_error) parts.shape_error = {{ShapeError::note, key_}};
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
        if (!parts.shape_error) parts.shape_error = {{where_ == Where::figures ? ShapeError::figure : ShapeError::note, key_}};
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
                      "The file is too large (" + std::to_string(bytes / 1024) + " KB); an assessment file may be at most 5 MB");
}

bool read_assessment(std::string_view text, const Catalog* catalog, Assessment& out, Problem& error) {
    if (text.size() > kMaxFileBytes) {
        error = file_too_large(text.size());
        return false;
    }
    AssessmentSax sax;
    detail::PathSax<AssessmentSax> paths(sax);  // the depth limit, and where a bad number stands
    bool ok = Json::sax_parse(text.begin(), text.end(), &paths, nlohmann::detail::input_format_t::json, true);
    // A number out of range in a figure is named by the figure ("figures.x（名称）：数值超出范围").
    std::string overflow_key = sax.overflow_key, overflow_token = sax.overflow_token;
    if (!ok && paths.stop == detail::JsonStop::out_of_range && paths.error_path.size() == 2 && paths.error_path[0] == "figures") {
        overflow_key = paths.error_path[1];
        overflow_token = paths.error_token;
    }
    if (!ok && !overflow_key.empty()) {
        const Catalog* c = catalog ? catalog : builtin_catalog(json_string(sax.parts.header, "catalog"));
        const FigureDef* f = c ? c->figure(overflow_key) : nullptr;
        std::string at = "figures." + overflow_key;
        error = file_error(overflow_key, "number_out_of_range",
                           at + (f ? "（" + f->name.zh + "）" : std::string()) + "：数值超出范围（" + overflow_token + "）",
                           at + (f ? " (" + f->name.en + ")" : std::string()) + ": the number is out of range (" + overflow_token + ")");
        return false;
    }
    if (!ok && paths.stop != detail::JsonStop::syntax) {
        error = detail::json_input_problem(text, paths.stop, paths.error_pos, paths.error_what, paths.error_token, paths.error_path);
        return false;
    }
    if (!ok) {
        auto [line, col] = detail::line_and_column(text, sax.error_pos);
        std::string reason = reason_of(sax.error_what);
        error = file_error("file", "malformed_json",
                           "文件不是有效的 JSON：第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列（" + reason + "）",
                           "The file is not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col) + " (" + reason + ")");
        return false;
    }
    return assemble(std::move(sax.parts), catalog, out, error, true);
}

bool read_assessment_json(const Json& doc, const Catalog* catalog, Assessment& out, Problem& error) {
    Parts parts;
    if (!doc.is_object()) {
        parts.is_object = false;
        return assemble(std::move(parts), catalog, out, error, false);
    }
    for (const auto& [key, v] : doc.items()) {
        if (key == "figures") {
            if (!v.is_object()) { parts.figures_not_object = true; continue; }
            for (const auto& [k, fv] : v.items()) {
                if (fv.is_array() || fv.is_object()) {
                    if (!parts.shape_error) parts.shape_error = {{ShapeError::figure, k}};
                    continue;
                }
                parts.figures[k] = FigureValue::from_json(fv);
            }
        } else if (key == "notes") {
            if (!v.is_object()) { parts.notes_not_object = true; continue; }
            for (const auto& [k, nv] : v.items()) {
                if (!nv.is_string()) {
                    if (!parts.shape_error) parts.shape_error = {{ShapeError::note, k}};
                    continue;
                }
                parts.notes[k] = nv.get<std::string>();
            }
        } else {
            parts.header[key] = v;
        }
    }
    return assemble(std::move(parts), catalog, out, error, false);
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
    if (Json s = a.settings.to_json(); !s.empty()) j["settings"] = std::move(s);
    if (!a.readiness.empty()) j["readiness"] = a.readiness.to_json();
    for (const auto& [k, v] : a.extra.items()) j[k] = v;
    detail::write_workflow_members(a, j);
    return j;
}

// Human order for the well-known members (schema first), then the rest as they sort: the assessment
// file, and each assessment inside a backup. Written by JsonWriter (the bytes an ordered_json's dump
// gave; a second nlohmann type only for this cost the wasm its own copy of nlohmann: issue 13).
void detail::write_ordered_assessment(JsonWriter& w, const Assessment& a) {
    static const char* const first[] = {"schema", "catalog", "profile", "unit", "year", "department", "figures", "notes", "evidence",
                                        "settings", "readiness", "signoff", "sources", "submission", "confirmed"};
    Json j = assessment_to_json(a);
    w.begin_object();
    for (const char* k : first)
        if (auto it = j.find(k); it != j.end()) w.key(k).value(*it);
    for (const auto& member : j.items()) {
        const std::string& k = member.key();
        if (std::find_if(std::begin(first), std::end(first), [&](const char* f) { return k == f; }) == std::end(first))
            w.any_key(k).value(member.value());
    }
    w.end_object();
}

std::string write_assessment(const Assessment& a) {
    std::string out;
    JsonWriter w(out);
    detail::write_ordered_assessment(w, a);
    return out + "\n";
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

// A typed number: full-width digits, signs and commas (what a Chinese IME types) read as ASCII,
// "。" as a decimal point, non-breaking and ideographic spaces as spaces. Then one number or
// nothing: thousands separators (",", " ", "'", "_", one kind per number) only between groups of
// exactly three digits after a first group of one to three, and only before the point: "1,200",
// "1 200", "12,345,678.5", "１，２００" are numbers; "1200 1300" (two numbers), "1,2" and "1,5" (a
// comma that groups no thousands: a decimal comma is not read as a point) are not, and say why.
enum class NumberShape { number, not_number, two_numbers, bad_grouping };

std::string ascii_number_chars(std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size();) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0xEF && i + 2 < in.size()) {  // U+FF01..U+FF5E: full-width forms
            uint32_t cp = ((c & 0x0Fu) << 12) | (((unsigned char)in[i + 1] & 0x3Fu) << 6) | ((unsigned char)in[i + 2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out += (char)(cp - 0xFF01 + 0x21);
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < in.size() && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x82) {
            out += '.';  // 。 typed for a decimal point
            i += 3;
            continue;
        }
        // Spaces that are not ASCII: ideographic U+3000, no-break U+00A0, narrow no-break U+202F and
        // thin U+2009 (the thousands separators of French and other locales).
        if (c == 0xE3 && i + 2 < in.size() && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x80) { out += ' '; i += 3; continue; }
        if (c == 0xC2 && i + 1 < in.size() && (unsigned char)in[i + 1] == 0xA0) { out += ' '; i += 2; continue; }
        if (c == 0xE2 && i + 2 < in.size() && (unsigned char)in[i + 1] == 0x80 && ((unsigned char)in[i + 2] == 0xAF || (unsigned char)in[i + 2] == 0x89)) {
            out += ' ';
            i += 3;
            continue;
        }
        out += (char)c;
        ++i;
    }
    return out;
}

bool is_separator(char ch) { return ch == ',' || ch == ' ' || ch == '\'' || ch == '_'; }

// The shape of a single number (sign, grouped integer part, optional fraction) in ASCII text;
// `plain` gets it without separators when it is one.
NumberShape single_number(const std::string& s, std::string& plain) {
    size_t i = 0, n = s.size();
    std::string out;
    if (i < n && (s[i] == '-' || s[i] == '+')) out += s[i++];
    std::vector<size_t> groups{0};
    char sep = 0;
    bool bad = false;
    for (; i < n && (std::isdigit((unsigned char)s[i]) || is_separator(s[i])); ++i) {
        if (std::isdigit((unsigned char)s[i])) { ++groups.back(); out += s[i]; continue; }
        if (sep && s[i] != sep) bad = true;  // "1,200 300": two kinds
        sep = s[i];
        groups.push_back(0);
    }
    size_t fraction = 0;
    if (i < n && s[i] == '.') {
        out += s[i++];
        for (; i < n && std::isdigit((unsigned char)s[i]); ++i) { ++fraction; out += s[i]; }
    }
    if (i != n || out.find_first_of("0123456789") == std::string::npos) return NumberShape::not_number;
    if (groups.size() > 1) {
        bad = bad || groups[0] < 1 || groups[0] > 3;
        for (size_t g = 1; g < groups.size(); ++g) bad = bad || groups[g] != 3;
    }
    if (bad) return sep == ' ' ? NumberShape::two_numbers : NumberShape::bad_grouping;
    plain = out;
    return NumberShape::number;
}

NumberShape number_shape(std::string_view typed, std::string& plain) {
    std::string s = ascii_number_chars(typed);
    NumberShape shape = single_number(s, plain);
    if (shape != NumberShape::not_number) return shape;
    // Not one number: several, side by side ("1.5 2.5", "1200\t1300")? Words split at the C locale's
    // white space, as `istream >> string` splits, by hand: an istringstream here brought all of
    // iostreams and their locales into the wasm (issue 13, a lean wasm: see bench/README.md).
    auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    int count = 0;
    for (size_t i = 0; i < s.size(); ++count) {
        while (i < s.size() && space(s[i])) ++i;
        if (i == s.size()) break;
        size_t end = i;
        while (end < s.size() && !space(s[end])) ++end;
        std::string p;
        if (single_number(s.substr(i, end - i), p) == NumberShape::not_number) return NumberShape::not_number;
        i = end;
    }
    return count >= 2 ? NumberShape::two_numbers : NumberShape::not_number;
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
            std::string n;
            if (number_shape(t, n) != NumberShape::number) return FigureValue::text(t);  // validation says why
            size_t digits = (size_t)std::count_if(n.begin(), n.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
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
// [SECTION] Settings (read once; unusable values kept as written)
//-------------------------------------------------------------------------------------------------

std::optional<Decimal> Decimal::from_json(const Json& j) {
    std::optional<Rational> r = json_rational(j);
    if (!r) return std::nullopt;
    return Decimal{*r, j};
}

namespace {

// A whole number from 0 to `max`; nullopt for anything else (a negative, a float, text…).
std::optional<int64_t> count_from_json(const Json& j, int64_t max) {
    if (!j.is_number_integer()) return std::nullopt;
    if (j.is_number_unsigned()) return j.get<uint64_t>() <= (uint64_t)max ? std::optional<int64_t>((int64_t)j.get<uint64_t>()) : std::nullopt;
    int64_t v = j.get<int64_t>();
    return v >= 0 && v <= max ? std::optional<int64_t>(v) : std::nullopt;
}

constexpr int64_t kMaxRollupUnits = 100000;

}  // namespace

AssessmentSettings AssessmentSettings::from_json(const Json& obj) {
    AssessmentSettings s;
    for (const auto& [member, v] : obj.items()) {
        if (member == "quota_share") {
            std::optional<Decimal> d = Decimal::from_json(v);
            if (d && d->value.num > 0 && compare(d->value, Rational::of(1)) <= 0) {
                s.quota_share = std::move(d);
                continue;
            }
        } else if (member == "quotas" && v.is_object()) {
            Json unusable = Json::object();
            for (const auto& [id, q] : v.items()) {
                if (auto n = count_from_json(q, INT64_MAX)) s.quotas[id] = *n;
                else unusable[id] = q;
            }
            // The unusable quotas at their place; an empty object stays one (written back as read).
            if (!unusable.empty() || v.empty()) s.extra[member] = std::move(unusable);
            continue;
        } else if (member == "scope" && (v == "city" || v == "unit")) {
            s.scope = v == "city" ? Scope::city : Scope::unit;
            continue;
        } else if (member == "units_included" || member == "units_expected") {
            if (auto n = count_from_json(v, kMaxRollupUnits)) {
                (member == "units_included" ? s.units_included : s.units_expected) = (int)*n;
                continue;
            }
        }
        s.extra[member] = v;
    }
    return s;
}

Json AssessmentSettings::to_json() const {
    Json j = extra.is_object() ? extra : Json::object();
    if (quota_share) j["quota_share"] = quota_share->written;
    if (!quotas.empty()) {
        Json& q = j["quotas"];
        if (!q.is_object()) q = Json::object();
        for (const auto& [id, n] : quotas) q[id] = n;
    }
    if (scope != Scope::unset) j["scope"] = scope == Scope::city ? "city" : "unit";
    if (units_included) j["units_included"] = *units_included;
    if (units_expected) j["units_expected"] = *units_expected;
    return j;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------------

namespace {


// A value as it reads in a message: numbers as written, yes/no in the language, text in quotes.
Text shown(const FigureValue& v) {
    switch (v.type) {
        case FigureValue::Type::integer: return Text{std::to_string(v.i), std::to_string(v.i)};
        case FigureValue::Type::real: {
            std::string s = std::isnan(v.r) ? "NaN" : std::isinf(v.r) ? (v.r > 0 ? "Infinity" : "-Infinity") : Json(v.r).dump();
            return Text{s, s};
        }
        case FigureValue::Type::boolean: return v.b ? Text{"“是”", "“yes”"} : Text{"“否”", "“no”"};
        case FigureValue::Type::text: return Text{"“" + v.s + "”", "“" + v.s + "”"};
        default: return Text{"空", "empty"};
    }
}

// A name inside an English sentence: "Above-scale enterprises" → "above-scale enterprises", but
// "EMR …", "QC groups" keep their capitals.
std::string mid_sentence(const std::string& name) {
    if (name.size() >= 2 && name[0] >= 'A' && name[0] <= 'Z' && name[1] >= 'a' && name[1] <= 'z')
        return std::string(1, (char)(name[0] - 'A' + 'a')) + name.substr(1);
    return name;
}

// A problem with one figure: the sentence starts with the figure's name ("规模以上企业总数不能为负数
// （现为 -3）"); the key goes in Problem::key only.
Problem figure_problem(const FigureDef& f, const std::string& code, const std::string& zh, const std::string& en,
                       Severity sev = Severity::error) {
    return Problem{sev, f.key, code, Text{f.name.zh + zh, f.name.en + en}};
}

// "所填（现为 -3）" / "(it is -3)".
Text now_is(const Text& value) { return Text{"（现为 " + value.zh + "）", " (it is " + value.en + ")"}; }

Problem settings_problem(const std::string& key, const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, key, code, Text{std::move(zh), std::move(en)}};
}

}  // namespace

std::optional<Problem> check_year(const Catalog& c, int year) {
    if (year >= c.year_min && year <= c.year_max) return std::nullopt;
    std::string y = std::to_string(year), range = std::to_string(c.year_min) + "–" + std::to_string(c.year_max);
    return Problem{Severity::error, "year", "bad_year",
                   Text{"年份 " + y + " 不在目录适用范围 " + range + " 内",
                        "The year " + y + " is outside the catalog's range " + range}};
}

std::optional<Problem> check_figure_value(const Catalog& c, const FigureDef& f, const FigureValue& v) {
    using T = FigureValue::Type;
    if (v.absent()) return std::nullopt;
    auto got = [&v] { return now_is(shown(v)); };  // made only when there is something to report
    switch (f.type) {
        case FigureType::count:
        case FigureType::score: {
            if (v.type == T::text) {
                std::string plain;
                switch (number_shape(v.s, plain)) {
                    case NumberShape::two_numbers:
                        return figure_problem(f, "two_numbers", "应为一个数，现为 " + shown(v).zh + "（空格只用作每 3 位一组的千位分隔，如 1 200）",
                                              " must be one number, not " + shown(v).en + " (a space may only group thousands, as in 1 200)");
                    case NumberShape::bad_grouping:
                        return figure_problem(f, "bad_grouping",
                                              "应为数字，" + shown(v).zh + "中的分隔符不是千位分隔（每 3 位一组，如 1,200；小数请用小数点，如 1.5）",
                                              " must be a number; the separator in " + shown(v).en +
                                                  " does not group thousands (groups of 3 digits, as in 1,200; decimals take a point, as in 1.5)");
                    default:
                        return figure_problem(f, "not_number", "应为数字，现为文本 " + shown(v).zh, " must be a number, not the text " + shown(v).en);
                }
            }
            if (v.type == T::boolean)
                return figure_problem(f, "not_number", "应为数字，现为 " + shown(v).zh, " must be a number, not " + shown(v).en);
            if (v.type == T::real && !std::isfinite(v.r))
                return figure_problem(f, "not_finite", "应为有限的数字" + got().zh, " must be a finite number" + got().en);
            double d = v.type == T::integer ? (double)v.i : v.r;
            if (f.type == FigureType::score) {
                if (d < 0 || d > 100)
                    return figure_problem(f, "score_range", "应在 0 到 100 分之间" + got().zh, " must be a score from 0 to 100" + got().en);
                // At most kMaxDecimals decimals: 2e-18 would make a denominator of 5·10^17.
                std::optional<Rational> exact = v.type == T::real ? rational_from_double(v.r) : Rational::of(v.i);
                int64_t unit = 1;
                for (int k = 0; k < kMaxDecimals; ++k) unit *= 10;
                if (!exact || unit % exact->den != 0) {
                    std::string n = std::to_string(kMaxDecimals);
                    return figure_problem(f, "too_precise", "最多可有 " + n + " 位小数" + got().zh, " may have at most " + n + " decimals" + got().en);
                }
                return std::nullopt;
            }
            if (v.type == T::real && std::floor(v.r) != v.r)
                return figure_problem(f, "not_integer", "应为整数" + got().zh, " must be a whole number" + got().en);
            if (d < 0) return figure_problem(f, "negative", "不能为负数" + got().zh, " cannot be negative" + got().en);
            if (d < (double)f.min) {
                if (f.min == 1 && d == 0) return figure_problem(f, "zero", "不能为 0", " cannot be 0");
                return figure_problem(f, "below_min", "不能小于 " + std::to_string(f.min) + got().zh,
                                      " cannot be less than " + std::to_string(f.min) + got().en);
            }
            if (d > (double)kMaxCount)
                return figure_problem(f, "too_large", "数值过大（" + shown(v).zh + "），请检查单位",
                                      " is implausibly large (" + shown(v).en + "); check the unit");
            return std::nullopt;
        }
        case FigureType::boolean:
            if (v.type != T::boolean)
                return figure_problem(f, "not_bool", "应为“是”或“否”" + got().zh, " must be yes or no" + got().en);
            return std::nullopt;
        case FigureType::enumeration: {
            const EnumDef* e = c.enumeration(f.enum_id);
            Text allowed;
            if (e)
                for (const EnumValue& ev : e->values) {
                    allowed.zh += (allowed.zh.empty() ? "" : "、") + ev.name.zh;
                    allowed.en += (allowed.en.empty() ? "" : ", ") + ev.name.en;
                }
            if (v.type != T::text || !e || e->rank(v.s) < 0)
                return figure_problem(f, v.type != T::text ? "not_enum" : "unknown_enum", "应为以下之一：" + allowed.zh + got().zh,
                                      " must be one of: " + allowed.en + got().en);
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
    // Derived figures: when the source is given it decides (a file's own value is then ignored;
    // validate() warns if they disagree). An invalid source leaves the figure invalid with it.
    for (const FigureDef& f : c.figures) {
        if (!f.derived() || f.profile != a.profile || f.derived_from_index < 0) continue;
        const FigureValue* src = values[(size_t)f.derived_from_index];
        if (!src) continue;
        if (derived.empty()) {
            derived.resize(c.figures.size());
            from_source.assign(c.figures.size(), 0);
        }
        derived[f.index] = derive_figure(c, f, *src).value_or(FigureValue::boolean(false));
        values[f.index] = &derived[f.index];
        from_source[f.index] = 1;
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
                              Text{"评估按指标目录“" + a.catalog + "”填写，当前使用的目录是“" + c.name.zh + "”（" + c.id + "）",
                                   "The assessment follows the catalog “" + a.catalog + "”; the catalog in use is “" + c.name.en + "” (" + c.id + ")"}});
    if (a.unit.empty())
        out.push_back(Problem{Severity::warning, "unit", "unit_missing", Text{"尚未填写单位名称", "The unit's name is not filled in"}});
    else if (a.profile == Profile::county && !c.find_unit(a.unit) && a.unit != c.city.zh) {
        std::string unit = a.unit;
        if (auto p = check_unit(c, a.profile, unit)) out.push_back(std::move(*p));
    }
    if (auto p = check_year(c, a.year)) out.push_back(std::move(*p));

    // Each figure alone, in entry order so that messages read top to bottom like the form. A derived
    // figure whose source is given is not checked alone: the source decides (see below).
    for (size_t i : c.entry_index(a.profile)) {
        if (t.is_derived(i)) continue;
        if (const FigureValue* v = t.values[i])
            if (auto p = check_figure_value(c, c.figures[i], *v)) out.push_back(std::move(*p));
    }
    for (Problem& p : derived_problems(c, a, t)) out.push_back(std::move(p));
    // An unknown key has no name to give: the key, as the file spells it, is all there is.
    for (const std::string& key : t.unknown)
        out.push_back(Problem{Severity::warning, key, "unknown_key",
                              Text{"数据项“" + key + "”不在本指标目录中，已保留但不参与评价",
                                   "“" + key + "” is not a figure of this catalog; kept but not judged"}});
    for (const FigureDef* f : t.foreign) {
        bool ent = f->profile == Profile::enterprise;
        out.push_back(Problem{Severity::warning, f->key, "other_profile",
                              Text{f->name.zh + "属于" + (ent ? "企业" : "县级") + "评估，已保留但此处不参与评价",
                                   f->name.en + " belongs to " + (ent ? "enterprise" : "county") + " assessments; kept but not judged here"}});
    }

    // Combinations: a numerator above its denominator, and the catalog's a ≤ b constraints:
    // "设立首席质量官的规上企业（150）不能多于规模以上企业总数（140）".
    auto more_than = [](const FigureDef& fa, int64_t x, const FigureDef& fb, int64_t y) {
        return Text{fa.name.zh + "（" + std::to_string(x) + "）不能多于" + fb.name.zh + "（" + std::to_string(y) + "）",
                    fa.name.en + " (" + std::to_string(x) + ") cannot be more than " + mid_sentence(fb.name.en) + " (" + std::to_string(y) + ")"};
    };
    std::vector<std::pair<int, int>> seen;
    for (const IndicatorDef& ind : c.indicators) {
        if (ind.profile != a.profile || (ind.kind != Kind::ratio && ind.kind != Kind::ratio_all)) continue;
        std::pair<int, int> pair{ind.input_index[0], ind.input_index[1]};
        if (std::find(seen.begin(), seen.end(), pair) != seen.end()) continue;
        seen.push_back(pair);
        const FigureDef& fn = c.figures[(size_t)pair.first];
        const FigureDef& fd = c.figures[(size_t)pair.second];
        auto n = valid_count(c, t, fn), d = valid_count(c, t, fd);
        if (n && d && *n > *d) out.push_back(Problem{Severity::error, fn.key, "num_gt_den", more_than(fn, *n, fd, *d)});
    }
    for (const ConstraintDef& k : c.constraints) {
        const FigureDef* fa = c.figure(k.a);
        const FigureDef* fb = c.figure(k.b);
        if (!fa || !fb || fa->profile != a.profile) continue;
        if (std::find(seen.begin(), seen.end(), std::pair<int, int>{(int)fa->index, (int)fb->index}) != seen.end()) continue;
        auto x = valid_count(c, t, *fa), y = valid_count(c, t, *fb);
        if (x && y && *x > *y) {
            Text m = more_than(*fa, *x, *fb, *y);
            out.push_back(Problem{Severity::error, fa->key, "constraint", Text{m.zh + "。" + k.why.zh, m.en + ". " + k.why.en}});
        }
    }

    // The enterprise's award readiness: its thresholds and self-score. (The award files are read only
    // for an assessment that has any: a county's first check does not parse them.)
    if (!a.readiness.empty())
        for (Problem& p : validate_readiness(builtin_readiness(), c, a)) out.push_back(std::move(p));

    // Settings: quota share and explicit quotas for city-scope counts, the scope, a roll-up's coverage.
    // Usable values were read into AssessmentSettings' members; what the file has that is not
    // usable stays in `extra`, as written, and is named here.
    const Json& unusable = a.settings.extra;
    if (auto s = unusable.find("quota_share"); s != unusable.end())
        out.push_back(settings_problem("settings.quota_share", "bad_quota_share",
                                       "配额比例应大于 0 且不超过 1（现为 " + s->dump() + "）",
                                       "The quota share must be greater than 0 and at most 1 (it is " + s->dump() + ")"));
    if (auto q = unusable.find("quotas"); q != unusable.end() && !q->is_object()) {
        out.push_back(settings_problem("settings.quotas", "bad_quotas", "各指标的配额设置格式有误，应为“指标: 配额”的对象",
                                       "The quotas must be an object of indicator: quota"));
    } else {
        // Usable quotas and unusable ones, in indicator id order (as the file's object sorts).
        const Json& unusable_quotas = json_object(unusable, "quotas");
        std::set<std::string> ids;
        for (const auto& [id, n] : a.settings.quotas) ids.insert(id);
        for (const auto& [id, v] : unusable_quotas.items()) ids.insert(id);
        for (const std::string& id : ids) {
            const IndicatorDef* ind = c.indicator(id);
            std::string key = "settings.quotas." + id;
            auto bad = unusable_quotas.find(id);
            if (!ind)
                out.push_back(settings_problem(key, "bad_quota_id", "配额设置中的“" + id + "”不是本指标目录的指标",
                                               "“" + id + "” in the quotas is not an indicator of this catalog"));
            else if (!ind->city_scope)
                out.push_back(settings_problem(key, "bad_quota_id", "“" + ind->name.zh + "”不是全市范围的计数指标，不能设置配额",
                                               "“" + ind->name.en + "” is not a city-wide count and takes no quota"));
            else if (bad != unusable_quotas.end())
                out.push_back(settings_problem(key, "bad_quota", "“" + ind->name.zh + "”的配额应为不小于 0 的整数（现为 " + bad->dump() + "）",
                                               "The quota for “" + ind->name.en + "” must be a whole number of at least 0 (it is " + bad->dump() + ")"));
        }
    }
    if (auto sc = unusable.find("scope"); sc != unusable.end())
        out.push_back(settings_problem("settings.scope", "bad_scope", "评估范围应为全市汇总或单个单位（现为 " + sc->dump() + "）",
                                       "The scope must be the city roll-up or a single unit (it is " + sc->dump() + ")"));
    for (const char* member : {"units_included", "units_expected"}) {
        auto m = unusable.find(member);
        if (m == unusable.end()) continue;
        bool included = std::string_view(member) == "units_included";
        out.push_back(settings_problem(std::string("settings.") + member, "bad_units",
                                       std::string(included ? "汇总已纳入的单位数" : "汇总应纳入的单位数") + "应为不小于 0 的整数（现为 " + m->dump() + "）",
                                       std::string(included ? "The number of units in the roll-up" : "The number of units the roll-up expects") +
                                           " must be a whole number of at least 0 (it is " + m->dump() + ")"));
    }
    // Evidence for an indicator this profile does not have (a typo, another catalog): kept, said.
    for (const auto& [id, ev] : a.evidence) {
        const IndicatorDef* d = c.indicator(id);
        if (d && d->profile == a.profile) continue;
        out.push_back(Problem{Severity::warning, "evidence." + id, "unknown_evidence",
                              Text{"佐证材料所属的指标“" + id + "”不在本目录的" + (a.profile == Profile::county ? "县级" : "企业") + "指标中",
                                   "The evidence is for “" + id + "”, which is not an indicator of this catalog's " + profile_id(a.profile) + " profile"}});
    }
    // A confirmation of a figure this profile does not have: kept, said (as evidence above).
    for (const auto& [key, cf] : a.confirmed) {
        const FigureDef* f = c.figure(key);
        if (f && f->profile == a.profile) continue;
        out.push_back(Problem{Severity::warning, "confirmed." + key, "unknown_confirmed",
                              Text{"已确认的数据项“" + key + "”不在本目录的" + (a.profile == Profile::county ? "县级" : "企业") + "数据项中",
                                   "The confirmation is for “" + key + "”, which is not a figure of this catalog's " + profile_id(a.profile) + " profile"}});
    }
    if (!a.department.empty() && !c.department(a.department))
        out.push_back(Problem{Severity::warning, "department", "unknown_department",
                              Text{"文件所属的部门“" + a.department + "”不在本目录的部门表中",
                                   "The file's department “" + a.department + "” is not in this catalog's departments"}});
    return out;
}

}  // namespace detail

std::vector<Problem> validate(const Catalog& c, const Assessment& a) {
    return detail::validate(c, a, detail::FigureTable(c, a));
}

}  // namespace qcity
