// qcity core — backups: every assessment in one qcity.backup/1 file (see core.h, "Backup").
//
// Index of this file
// [SECTION] Reading JSON with a depth limit and a position for errors
// [SECTION] Writing
// [SECTION] Reading

#include "core.h"
#include "core_internal.h"

#include <ctime>
#include <memory>

namespace qcity {

namespace {

Problem backup_error(const std::string& key, const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, key, code, Text{std::move(zh), std::move(en)}};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading JSON with a depth limit and a position for errors
//-------------------------------------------------------------------------------------------------
// nlohmann/json's own DOM builder behind SAX events, counting the nesting: a document deeper than
// kMaxBackupDepth stops the parse (a hostile file must not make later copies of the tree recurse
// without end), and a syntax error keeps its byte offset for the message.

class DepthLimitedDom {
  public:
    using DomBuilder = nlohmann::detail::json_sax_dom_parser<Json>;
    explicit DepthLimitedDom(Json& out) : dom_(out, false) {}
    size_t error_pos = 0;
    std::string error_what;
    bool too_deep = false;

    bool null() { return dom_.null(); }
    bool boolean(bool v) { return dom_.boolean(v); }
    bool number_integer(int64_t v) { return dom_.number_integer(v); }
    bool number_unsigned(uint64_t v) { return dom_.number_unsigned(v); }
    bool number_float(double v, const std::string& s) { return dom_.number_float(v, s); }
    bool string(std::string& v) { return dom_.string(v); }
    bool binary(Json::binary_t& v) { return dom_.binary(v); }
    bool key(std::string& k) { return dom_.key(k); }
    bool start_object(std::size_t n) { return deeper() && dom_.start_object(n); }
    bool start_array(std::size_t n) { return deeper() && dom_.start_array(n); }
    bool end_object() { --depth_; return dom_.end_object(); }
    bool end_array() { --depth_; return dom_.end_array(); }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) {
        error_pos = pos;
        error_what = ex.what();
        return false;
    }

  private:
    DomBuilder dom_;
    int depth_ = 0;
    bool deeper() {
        if (++depth_ <= kMaxBackupDepth) return true;
        too_deep = true;
        return false;
    }
};

// "2026-12-05T06:03:00Z" (UTC) from ms since the epoch; "" for a time before 1970 or unreadable.
std::string iso_utc(double ms, bool date_only = false) {
    if (!(ms >= 0) || ms > 253402300799000.0) return "";  // NaN, negative, after 9999
    std::time_t t = (std::time_t)(ms / 1000.0);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return "";
    char buf[32];
    std::strftime(buf, sizeof buf, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}


}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Writing
//-------------------------------------------------------------------------------------------------

std::string write_backup(const std::vector<BackupEntry>& entries, double now_ms, std::string_view app) {
    // Members in this order, indented by one (the bytes an ordered_json's dump(1) gave), by JsonWriter.
    std::string out;
    JsonWriter w(out, 0, 1);
    w.begin_object();
    w.key("schema").string(kBackupSchema);
    w.key("written_at").string(iso_utc(now_ms));
    w.key("written_ms").value(Json(now_ms));
    w.key("app").string(app);
    w.key("count").number((int64_t)entries.size());
    w.key("assessments").begin_array();
    for (const BackupEntry& e : entries) {
        w.begin_object();
        w.key("id").string(e.id);
        w.key("edited").value(Json(e.edited_ms));
        w.key("drafts").begin_object();
        for (const auto& [k, v] : e.drafts) w.any_key(k).string(v);
        w.end_object();
        w.key("assessment");
        detail::write_ordered_assessment(w, e.assessment);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return out + "\n";
}

std::string backup_filename(double now_ms) {
    std::string date = iso_utc(now_ms, true);
    return "qcity-backup-" + (date.empty() ? std::string("undated") : date) + ".json";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading
//-------------------------------------------------------------------------------------------------

bool looks_like_backup(std::string_view text) { return text.find("\"qcity.backup/") != std::string_view::npos; }

bool read_backup(std::string_view text, const Catalog* catalog, Backup& out, Problem& error) {
    if (text.size() > kMaxBackupBytes) {
        std::string kb = std::to_string(text.size() / 1024);
        error = backup_error("file", "file_too_large", "备份文件过大（" + kb + " KB），不能超过 20 MB",
                             "The backup file is too large (" + kb + " KB); a backup may be at most 20 MB");
        return false;
    }
    Json doc;
    DepthLimitedDom sax(doc);
    bool parsed = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
    if (sax.too_deep) {
        std::string n = std::to_string(kMaxBackupDepth);
        error = backup_error("file", "too_deep", "备份文件嵌套超过 " + n + " 层，无法读取",
                             "The backup file is nested more than " + n + " levels deep and cannot be read");
        return false;
    }
    if (!parsed) {
        auto [line, col] = detail::line_and_column(text, sax.error_pos);
        error = backup_error("file", "malformed_json",
                             "备份文件不是有效的 JSON：第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列",
                             "The backup file is not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col));
        return false;
    }
    const std::string schema = json_string(doc, "schema");
    if (!doc.is_object() || schema.rfind("qcity.backup/", 0) != 0) {
        error = backup_error("schema", "not_backup", "不是 qcity 备份文件（schema 应为 qcity.backup/1）",
                             "Not a qcity backup file (schema should be qcity.backup/1)");
        return false;
    }
    if (schema != kBackupSchema) {
        error = backup_error("schema", "newer_backup", "备份文件格式 " + schema + " 由较新版本的 qcity 写出，此版本只能读取 qcity.backup/1",
                             "The backup format " + schema + " was written by a newer qcity; this version reads qcity.backup/1");
        return false;
    }
    const Json& list = json_member(doc, "assessments");
    if (!list.is_array()) {
        error = backup_error("assessments", "bad_backup", "备份文件缺少评估列表（assessments 应为数组）",
                             "The backup has no list of assessments ('assessments' should be an array)");
        return false;
    }
    if (list.size() > kMaxBackupEntries) {
        std::string n = std::to_string(list.size()), max = std::to_string(kMaxBackupEntries);
        error = backup_error("assessments", "too_many", "备份中有 " + n + " 个评估，最多可读 " + max + " 个",
                             "The backup holds " + n + " assessments; at most " + max + " can be read");
        return false;
    }

    Backup b;
    b.written_at = json_string(doc, "written_at");
    if (const Json& ms = json_member(doc, "written_ms"); ms.is_number()) b.written_ms = ms.get<double>();
    b.app = json_string(doc, "app");
    for (size_t i = 0; i < list.size(); ++i) {
        const Json& j = list[i];
        BackupEntry e;
        Problem p;
        const Json& a = json_member(j, "assessment");
        bool ok = false;
        if (!j.is_object()) {
            p.message = Text{"条目不是 JSON 对象", "the entry is not a JSON object"};
        } else if (a.is_null()) {
            p.message = Text{"缺少 assessment", "it has no 'assessment'"};
        } else {
            ok = read_assessment_json(a, catalog, e.assessment, p);
        }
        if (!ok) {
            // Named by position, and by the unit and year it says it is for, when it says so.
            std::string pos = std::to_string(i + 1);
            std::string unit = json_string(a, "unit");
            const Json& year = json_member(a, "year");
            std::string what = unit.empty() ? "" : unit + (year.is_number_integer() ? " " + std::to_string(year.get<int64_t>()) : "");
            std::string zh = "备份中的第 " + pos + " 个评估" + (what.empty() ? "" : "（" + what + "）") + "无法读取：" + p.message.zh;
            std::string en = "Assessment " + pos + " in the backup" + (what.empty() ? "" : " (" + what + ")") + " cannot be read: " + p.message.en;
            b.bad.push_back(backup_error("assessments[" + std::to_string(i) + "]", "bad_entry", std::move(zh), std::move(en)));
            continue;
        }
        e.id = json_string(j, "id");
        if (const Json& ed = json_member(j, "edited"); ed.is_number()) e.edited_ms = ed.get<double>();
        if (!(e.edited_ms >= 0) || e.edited_ms > 253402300799000.0) e.edited_ms = 0;  // NaN cannot come from JSON; negatives can
        for (const auto& [k, v] : json_object(j, "drafts").items())
            if (v.is_string()) e.drafts[k] = v.get<std::string>();
        b.entries.push_back(std::move(e));
    }
    if (!(b.written_ms >= 0) || b.written_ms > 253402300799000.0) b.written_ms = 0;
    out = std::move(b);
    return true;
}

}  // namespace qcity
