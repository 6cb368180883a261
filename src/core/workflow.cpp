// qcity core — the county workflow: departments, merging partial files, evidence per indicator,
// the sign-off, a frozen submission and its check (issue 15).
//
// A county's quality office collects figures from several departments, merges what comes back,
// attaches evidence (佐证材料), has the form signed and stamped, and sends it to the city, which
// checks that what it received is what was signed. All of it pure: the time of a freeze is passed in.
//
// Index of this file
// [SECTION] Evidence and sign-off: values, words, JSON
// [SECTION] Reading and writing the workflow's members of an assessment file
// [SECTION] Departments and their templates
// [SECTION] Merging partial files
// [SECTION] SHA-256 (FIPS 180-4)
// [SECTION] Canonical content, freeze, check

#include "core_internal.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] Evidence and sign-off: values, words, JSON
//-------------------------------------------------------------------------------------------------

const char* evidence_status_id(EvidenceStatus s) {
    switch (s) {
        case EvidenceStatus::provided: return "provided";
        case EvidenceStatus::not_needed: return "not_needed";
        default: return "missing";
    }
}

Text evidence_status_text(EvidenceStatus s) {
    switch (s) {
        case EvidenceStatus::provided: return Text{"已提供", "Provided"};
        case EvidenceStatus::not_needed: return Text{"无需提供", "Not needed"};
        default: return Text{"缺少", "Missing"};
    }
}

namespace {
std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    return out;
}
}  // namespace

std::optional<EvidenceStatus> parse_evidence_status(std::string_view typed) {
    std::string s = ascii_lower(trim_spaces(typed));
    for (EvidenceStatus st : {EvidenceStatus::provided, EvidenceStatus::missing, EvidenceStatus::not_needed}) {
        Text words = evidence_status_text(st);
        if (s == evidence_status_id(st) || s == words.zh || s == ascii_lower(words.en)) return st;
    }
    if (s == "not needed" || s == "无需" || s == "不需要") return EvidenceStatus::not_needed;
    if (s == "缺失" || s == "未提供") return EvidenceStatus::missing;
    return std::nullopt;
}

Json Evidence::to_json() const {
    Json j = Json::object();
    j["status"] = evidence_status_id(status);
    if (!where.empty()) j["where"] = where;
    if (!note.empty()) j["note"] = note;
    return j;
}

const std::vector<std::pair<const char*, Text>>& Signoff::fields() {
    static const std::vector<std::pair<const char*, Text>> f = {
        {"preparer", Text{"填报人", "Prepared by"}}, {"reviewer", Text{"审核人", "Reviewed by"}},
        {"head", Text{"单位负责人", "Head of unit"}},  {"phone", Text{"联系电话", "Phone"}},
        {"date", Text{"日期", "Date"}}};
    return f;
}

std::string* Signoff::member(std::string_view key) {
    return key == "preparer" ? &preparer : key == "reviewer" ? &reviewer : key == "head" ? &head : key == "phone" ? &phone
         : key == "date"     ? &date : nullptr;
}
const std::string* Signoff::member(std::string_view key) const { return const_cast<Signoff*>(this)->member(key); }

Json Signoff::to_json() const {
    Json j = Json::object();
    for (const auto& [key, label] : fields())
        if (const std::string* v = member(key); v && !v->empty()) j[key] = *v;
    return j;
}

bool Submission::operator==(const Submission& o) const { return to_json() == o.to_json(); }

Json Submission::to_json() const {
    auto record = [](const SubmissionRecord& r) { return Json{{"version", r.version}, {"at", r.at}, {"sha256", r.sha256}}; };
    Json j = record(current);
    j["content"] = content;
    if (!previous.empty()) {
        Json list = Json::array();
        for (const SubmissionRecord& r : previous) list.push_back(record(r));
        j["previous"] = std::move(list);
    }
    return j;
}

const Evidence* evidence_of(const Assessment& a, std::string_view indicator_id) {
    auto it = a.evidence.find(std::string(indicator_id));
    return it == a.evidence.end() ? nullptr : &it->second;
}

Text evidence_count_text(const Summary& s) {
    std::string n = std::to_string(s.evidence_provided), d = std::to_string(s.evidence_expected);
    return Text{"佐证材料 " + n + "/" + d, "Evidence " + n + " of " + d};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading and writing the workflow's members of an assessment file
//-------------------------------------------------------------------------------------------------
// Strict about shape, like the rest of the file: a member of the wrong shape fails the read naming
// it, so nothing is half-read (a submission block that is not what freeze writes is refused, not
// trusted). Whether the content matches its hash is check_submission()'s question, not the reader's:
// a tampered file still opens, and `qcity verify` says what is wrong with it.

const char* const detail::kWorkflowMembers[6] = {"evidence", "signoff", "department", "sources", "submission", "confirmed"};

namespace {

Problem member_error(const std::string& key, const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, key, code, Text{std::move(zh), std::move(en)}};
}

bool is_hex64(const Json& j) {
    if (!j.is_string()) return false;
    const std::string& s = j.get_ref<const std::string&>();
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); });
}

// {version, at, sha256}: false with the error naming `where` ("submission", "submission.previous[0]").
bool read_record(const Json& j, const std::string& where, SubmissionRecord& r, Problem& error) {
    const Json& v = json_member(j, "version");
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 1000000) {
        error = member_error(where + ".version", "bad_submission", where + ".version 应为 1 起的整数（提交的版本号）",
                             where + ".version must be a whole number from 1 (the submission's version)");
        return false;
    }
    r.version = (int)v.get<int64_t>();
    const Json& at = json_member(j, "at");
    if (!at.is_string() || at.get_ref<const std::string&>().empty() || at.get_ref<const std::string&>().size() > 64) {
        error = member_error(where + ".at", "bad_submission", where + ".at 应为提交时间（如 2026-12-06T05:00:00Z）",
                             where + ".at must be the time of the submission (such as 2026-12-06T05:00:00Z)");
        return false;
    }
    r.at = at.get<std::string>();
    const Json& h = json_member(j, "sha256");
    if (!is_hex64(h)) {
        std::string shown = h.is_string() ? "“" + h.get<std::string>().substr(0, 80) + "”（" + std::to_string(h.get_ref<const std::string&>().size()) + " 个字符）"
                                          : std::string("不是文本");
        std::string shown_en = h.is_string() ? "'" + h.get<std::string>().substr(0, 80) + "' (" + std::to_string(h.get_ref<const std::string&>().size()) + " characters)"
                                             : std::string("not text");
        error = member_error(where + ".sha256", "bad_hash", where + ".sha256 应为 64 位小写十六进制数字，现为 " + shown,
                             where + ".sha256 must be 64 lowercase hex digits; it is " + shown_en);
        return false;
    }
    r.sha256 = h.get<std::string>();
    return true;
}

std::string figure_label(const Catalog* c, const std::string& key, Lang lang) {
    const FigureDef* f = c ? c->figure(key) : nullptr;
    return f ? f->name.get(lang) + (lang == Lang::zh ? "（" + key + "）" : " (" + key + ")") : key;
}

std::string indicator_label(const Catalog* c, const std::string& id, Lang lang) {
    const IndicatorDef* d = c ? c->indicator(id) : nullptr;
    return d ? d->name.get(lang) + (lang == Lang::zh ? "（" + id + "）" : " (" + id + ")") : id;
}

}  // namespace

bool detail::read_workflow_members(const Json& doc, Assessment& a, Problem& error) {
    const Catalog* c = builtin_catalog(a.catalog);
    if (const Json& ev = json_member(doc, "evidence"); !ev.is_null()) {
        if (!ev.is_object()) {
            error = member_error("evidence", "bad_evidence", "文件中的佐证材料应为“指标: {status, where, note}”的对象",
                                 "The file's evidence must be an object of indicator: {status, where, note}");
            return false;
        }
        for (const auto& [id, e] : ev.items()) {
            std::string zh = indicator_label(c, id, Lang::zh), en = indicator_label(c, id, Lang::en);
            const Json& st = json_member(e, "status");
            auto status = st.is_string() ? parse_evidence_status(st.get<std::string>()) : std::nullopt;
            if (!e.is_object() || !status) {
                error = member_error("evidence." + id, "bad_evidence",
                                     zh + "的佐证材料应为 {status, where, note}，status 为 provided（已提供）、missing（缺少）或 not_needed（无需提供）",
                                     "The evidence for " + en + " must be {status, where, note}, status one of provided, missing, not_needed");
                return false;
            }
            Evidence out;
            out.status = *status;
            for (const auto& [member, v] : e.items()) {
                std::string* dst = member == "where" ? &out.where : member == "note" ? &out.note : nullptr;
                if (member == "status") continue;
                if (!dst || !(v.is_string() || v.is_null())) {
                    error = member_error("evidence." + id, "bad_evidence", zh + "的佐证材料中 “" + member + "” 应为 where（存放位置）或 note（说明）文本",
                                         "The evidence for " + en + ": '" + member + "' must be where or note, as text");
                    return false;
                }
                if (v.is_string()) *dst = v.get<std::string>();
            }
            a.evidence[id] = std::move(out);
        }
    }
    if (const Json& so = json_member(doc, "signoff"); !so.is_null()) {
        bool ok = so.is_object();
        for (const auto& [key, v] : json_object(doc, "signoff").items()) {
            std::string* dst = a.signoff.member(key);
            if (!dst || !(v.is_string() || v.is_null())) { ok = false; break; }
            if (v.is_string()) *dst = v.get<std::string>();
        }
        if (!ok) {
            error = member_error("signoff", "bad_signoff",
                                 "文件中的签字栏应为 {preparer 填报人, reviewer 审核人, head 单位负责人, phone 联系电话, date 日期}，每项为文本",
                                 "The file's sign-off must be {preparer, reviewer, head, phone, date}, each text");
            return false;
        }
    }
    if (const Json& d = json_member(doc, "department"); !d.is_null()) {
        if (!d.is_string()) {
            error = member_error("department", "bad_field", "文件中的部门应为文本（部门编号）", "The file's department must be text (a department id)");
            return false;
        }
        a.department = d.get<std::string>();
    }
    if (const Json& src = json_member(doc, "sources"); !src.is_null()) {
        bool ok = src.is_object();
        for (const auto& [key, v] : json_object(doc, "sources").items()) {
            if (!v.is_string()) { ok = false; break; }
            a.sources[key] = v.get<std::string>();
        }
        if (!ok) {
            error = member_error("sources", "bad_field", "文件中的数据来源应为“数据项: 文件或部门”的对象",
                                 "The file's sources must be an object of figure: file or department");
            return false;
        }
    }
    if (const Json& sub = json_member(doc, "submission"); !sub.is_null()) {
        if (!sub.is_object()) {
            error = member_error("submission", "bad_submission", "文件中的提交记录应为对象（version, at, sha256, content）",
                                 "The file's submission must be an object (version, at, sha256, content)");
            return false;
        }
        Submission s;
        if (!read_record(sub, "submission", s.current, error)) return false;
        const Json& content = json_member(sub, "content");
        if (!content.is_object()) {
            error = member_error("submission.content", "bad_submission", "提交记录缺少所提交的内容（content 应为对象）",
                                 "The submission lacks the submitted content (content must be an object)");
            return false;
        }
        s.content = content;
        if (const Json& prev = json_member(sub, "previous"); !prev.is_null()) {
            if (!prev.is_array() || prev.size() > 10000) {
                error = member_error("submission.previous", "bad_submission", "submission.previous 应为以前各版提交的列表",
                                     "submission.previous must be the list of earlier submissions");
                return false;
            }
            for (size_t i = 0; i < prev.size(); ++i) {
                SubmissionRecord r;
                if (!read_record(prev[i], "submission.previous[" + std::to_string(i) + "]", r, error)) return false;
                s.previous.push_back(r);
            }
        }
        for (const auto& [key, v] : sub.items())
            if (key != "version" && key != "at" && key != "sha256" && key != "content" && key != "previous") {
                error = member_error("submission", "bad_submission", "提交记录中有未知的字段 “" + key + "”",
                                     "The submission has an unknown member '" + key + "'");
                return false;
            }
        a.submission = std::move(s);
    }
    // Confirmed unusual changes (issue 16): {"<figure key>": {"value": <a number, yes/no or text>, "note": "…"}}.
    if (const Json& cf = json_member(doc, "confirmed"); !cf.is_null()) {
        if (!cf.is_object()) {
            error = member_error("confirmed", "bad_confirmed", "文件中的 confirmed（已确认的变化）应为“数据项: {value, note}”的对象",
                                 "The file's confirmed (checked changes) must be an object of figure: {value, note}");
            return false;
        }
        for (const auto& [key, e] : cf.items()) {
            std::string zh = figure_label(c, key, Lang::zh), en = figure_label(c, key, Lang::en);
            const Json& v = json_member(e, "value");
            if (!e.is_object() || !(v.is_number() || v.is_boolean() || v.is_string())) {
                error = member_error("confirmed." + key, "bad_confirmed",
                                     "confirmed." + key + "：" + zh + "的确认应为 {value: 所确认的数值, note: 说明}，value 为数、是/否或文本",
                                     "confirmed." + key + ": the confirmation of " + en + " must be {value: the value confirmed, note: why}, value a number, yes/no or text");
                return false;
            }
            Confirmation out;
            out.value = FigureValue::from_json(v);
            for (const auto& [member, m] : e.items()) {
                if (member == "value") continue;
                if (member != "note" || !(m.is_string() || m.is_null())) {
                    error = member_error("confirmed." + key + "." + member, "bad_confirmed",
                                         "confirmed." + key + "." + member + "：" + zh + "的确认中只能有 value（数值）和 note（说明，文本）",
                                         "confirmed." + key + "." + member + ": the confirmation of " + en + " holds only value and note (text)");
                    return false;
                }
                if (m.is_string()) out.note = m.get<std::string>();
            }
            a.confirmed[key] = std::move(out);
        }
    }
    return true;
}

void detail::write_workflow_members(const Assessment& a, Json& j) {
    if (!a.evidence.empty()) {
        Json ev = Json::object();
        for (const auto& [id, e] : a.evidence) ev[id] = e.to_json();
        j["evidence"] = std::move(ev);
    }
    if (!a.signoff.empty()) j["signoff"] = a.signoff.to_json();
    if (!a.department.empty()) j["department"] = a.department;
    if (!a.sources.empty()) {
        Json s = Json::object();
        for (const auto& [k, v] : a.sources) s[k] = v;
        j["sources"] = std::move(s);
    }
    if (a.submission) j["submission"] = a.submission->to_json();
    if (!a.confirmed.empty()) {
        Json cf = Json::object();
        for (const auto& [k, v] : a.confirmed) cf[k] = v.to_json();
        j["confirmed"] = std::move(cf);
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Departments and their templates
//-------------------------------------------------------------------------------------------------

namespace {
std::string department_choices(const std::vector<const DepartmentDef*>& list, Lang lang) {
    std::string out;
    for (const DepartmentDef* d : list)
        out += (out.empty() ? "" : lang == Lang::zh ? "、" : ", ") + d->name.get(lang) + (lang == Lang::zh ? "（" : " (") + d->id +
               (lang == Lang::zh ? "）" : ")");
    return out;
}
}  // namespace

const DepartmentDef* find_department(const Catalog& c, std::string_view typed, Problem& error) {
    std::string t = trim_spaces(typed);
    if (const DepartmentDef* d = c.department(t); d && !t.empty()) return d;
    std::vector<const DepartmentDef*> matches, all;
    std::string lt = ascii_lower(t);
    for (const DepartmentDef& d : c.departments) {
        all.push_back(&d);
        if (!t.empty() && (d.name.zh.find(t) != std::string::npos || ascii_lower(d.name.en).find(lt) != std::string::npos)) matches.push_back(&d);
    }
    if (matches.size() == 1) return matches.front();
    if (c.departments.empty()) {
        error = Problem{Severity::error, "department", "department_unknown",
                        Text{"指标目录 " + c.id + " 没有部门表，无法按部门生成模板", "The catalog " + c.id + " has no departments table"}};
    } else if (matches.empty()) {
        error = Problem{Severity::error, "department", "department_unknown",
                        Text{"没有部门与“" + t + "”相符，应为以下之一：" + department_choices(all, Lang::zh),
                             "No department matches '" + t + "'; choose one of: " + department_choices(all, Lang::en)}};
    } else {
        error = Problem{Severity::error, "department", "department_ambiguous",
                        Text{"“" + t + "”与多个部门相符：" + department_choices(matches, Lang::zh) + "，请写得更具体或用编号",
                             "'" + t + "' matches several departments: " + department_choices(matches, Lang::en) + "; be more specific or give the id"}};
    }
    return nullptr;
}

std::vector<std::string> department_figures(const Catalog& c, Profile p, std::string_view department_id) {
    std::vector<std::string> keys;
    for (size_t i : c.entry_index(p))
        if (c.figures[i].department == department_id) keys.push_back(c.figures[i].key);
    return keys;
}

Text department_name(const Catalog& c, std::string_view id) {
    if (const DepartmentDef* d = c.department(id)) return d->name;
    return Text{std::string(id), std::string(id)};
}

Assessment make_department_template(const Catalog& c, Profile p, const DepartmentDef& d, std::string unit, int year) {
    Assessment a;
    a.catalog = c.id;
    a.profile = p;
    a.unit = std::move(unit);
    a.year = year;
    a.department = d.id;
    for (const std::string& k : department_figures(c, p, d.id)) a.figures[k] = FigureValue{};
    return a;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Merging partial files
//-------------------------------------------------------------------------------------------------

size_t MergeResult::unsettled() const {
    return (size_t)std::count_if(conflicts.begin(), conflicts.end(), [](const MergeConflict& m) { return !m.settled; });
}

namespace {

// One file's value for one key, as JSON and as shown.
struct Held {
    size_t file;
    Json value;
    Text shown;
};

Text shown_json(const Json& j) {
    if (j.is_string()) return Text{j.get<std::string>(), j.get<std::string>()};
    std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    return Text{s, s};
}

Text shown_figure(const Catalog& c, const std::string& key, const Json& j) {
    if (j.is_null()) return Text{"—", "—"};
    const FigureDef* f = c.figure(key);
    if (!f) return shown_json(j);
    FigureValue v = FigureValue::from_json(j);
    return Text{figure_input_text(c, *f, v, Lang::zh), figure_input_text(c, *f, v, Lang::en)};
}

Text shown_evidence(const Json& j) {
    if (j.is_null()) return Text{"—", "—"};
    auto st = parse_evidence_status(json_string(j, "status"));
    Text t = evidence_status_text(st.value_or(EvidenceStatus::missing));
    for (const char* m : {"where", "note"})
        if (std::string s = json_string(j, m); !s.empty()) { t.zh += "；" + s; t.en += "; " + s; }
    return t;
}

// The values the files hold for one key: the winner (nullopt: unsettled) and the conflicts.
std::optional<size_t> settle(const std::string& key, const Text& label, const std::vector<Held>& held, const MergeOptions& opt,
                             std::vector<MergeConflict>& conflicts) {
    if (held.empty()) return std::nullopt;
    std::vector<const Held*> differing;
    for (const Held& h : held)
        if (h.value != held.front().value) differing.push_back(&h);
    if (differing.empty()) return held.front().file;
    auto holds = [&](size_t file) -> const Held* {
        for (const Held& h : held)
            if (h.file == file) return &h;
        return nullptr;
    };
    std::optional<size_t> winner;
    if (auto it = opt.choose.find(key); it != opt.choose.end() && holds(it->second)) winner = it->second;
    else if (opt.prefer >= 0 && holds((size_t)opt.prefer)) winner = (size_t)opt.prefer;
    // Each file whose value differs from the first holder's is paired with it (one row per pair
    // in the app's side-by-side view; three files disagreeing make two rows).
    for (const Held* d : differing) {
        MergeConflict m;
        m.key = key;
        m.label = label;
        m.file_a = held.front().file;
        m.file_b = d->file;
        m.value_a = held.front().value;
        m.value_b = d->value;
        m.shown_a = held.front().shown;
        m.shown_b = d->shown;
        m.settled = winner.has_value();
        if (winner) m.winner = holds(*winner)->value == m.value_a ? m.file_a : m.file_b;
        conflicts.push_back(std::move(m));
    }
    return winner;
}

std::string unit_key(const Catalog& c, const Assessment& a) {
    std::string u = a.unit;
    check_unit(c, a.profile, u);  // " 东台" and "东台市" are one unit
    return trim_spaces(u);
}

}  // namespace

bool merge_assessments(const Catalog& c, const std::vector<Assessment>& files, const std::vector<std::string>& names,
                       const MergeOptions& opt, MergeResult& out, std::vector<Problem>& problems) {
    auto name = [&](size_t i) { return i < names.size() ? names[i] : "第 " + std::to_string(i + 1) + " 个文件"; };
    auto name_en = [&](size_t i) { return i < names.size() ? names[i] : "file " + std::to_string(i + 1); };
    if (files.empty()) {
        problems.push_back(Problem{Severity::error, "files", "merge_nothing", Text{"没有要合并的文件", "No files to merge"}});
        return false;
    }
    const Assessment& first = files.front();
    const std::string first_unit = unit_key(c, first);
    size_t before = problems.size();
    for (size_t i = 1; i < files.size(); ++i) {
        const Assessment& f = files[i];
        auto identity = [&](const Assessment& a, const std::string& unit, Lang lang) {
            std::string u = unit_display_name(c, a.profile, unit, lang);
            return lang == Lang::zh ? u + " " + std::to_string(a.year) + " 年（" + profile_id(a.profile) + "，目录 " + a.catalog + "）"
                                    : u + " " + std::to_string(a.year) + " (" + profile_id(a.profile) + ", catalog " + a.catalog + ")";
        };
        std::string unit = unit_key(c, f);
        if (f.catalog != first.catalog || f.profile != first.profile || unit != first_unit || f.year != first.year) {
            const char* what = unit != first_unit ? "unit" : f.year != first.year ? "year" : f.catalog != first.catalog ? "catalog" : "profile";
            problems.push_back(Problem{Severity::error, what, "merge_mismatch",
                                       Text{name(i) + " 是 " + identity(f, unit, Lang::zh) + " 的评估，" + name(0) + " 是 " +
                                                identity(first, first_unit, Lang::zh) + " 的：只能合并同一单位、同一年份的文件",
                                            name_en(i) + " is the assessment of " + identity(f, unit, Lang::en) + ", " + name_en(0) + " of " +
                                                identity(first, first_unit, Lang::en) + ": only files of one unit and one year can be merged"}});
        }
    }
    if (opt.prefer >= (int)files.size()) {
        problems.push_back(Problem{Severity::error, "prefer", "merge_prefer", Text{"优先采用的文件不在要合并的文件中", "The preferred file is not one of the files merged"}});
    }
    if (problems.size() != before) return false;

    MergeResult r;
    Assessment& m = r.merged;
    m.catalog = first.catalog;
    m.profile = first.profile;
    m.unit = first_unit;
    m.year = first.year;
    auto source_of = [&](size_t i, const std::string& key) -> std::string {
        if (auto it = files[i].sources.find(key); it != files[i].sources.end()) return it->second;  // a merged file's own record
        if (!files[i].department.empty()) return department_name(c, files[i].department).zh;
        return name(i);
    };

    // Figures, in the catalog's entry order, then any other keys in key order.
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (size_t idx : c.entry_index(m.profile)) {
        const std::string& k = c.figures[idx].key;
        for (const Assessment& f : files)
            if (f.figures.count(k) && seen.insert(k).second) keys.push_back(k);
    }
    for (const Assessment& f : files)
        for (const auto& [k, v] : f.figures)
            if (seen.insert(k).second) keys.push_back(k);
    for (const std::string& k : keys) {
        std::vector<Held> held;
        for (size_t i = 0; i < files.size(); ++i)
            if (const FigureValue* v = files[i].get(k)) held.push_back(Held{i, v->to_json(), shown_figure(c, k, v->to_json())});
        if (held.empty()) {
            m.figures[k] = FigureValue{};  // a template's empty field stays in the merged file
            continue;
        }
        const FigureDef* f = c.figure(k);
        Text label = f ? Text{f->name.zh + "（" + k + "）", f->name.en + " (" + k + ")"} : Text{k, k};
        auto w = settle(k, label, held, opt, r.conflicts);
        size_t from = w.value_or(held.front().file);
        m.figures[k] = *files[from].get(k);
        m.sources[k] = source_of(from, k);
    }

    // Evidence per indicator.
    std::set<std::string> ev_ids;
    for (const Assessment& f : files)
        for (const auto& [id, e] : f.evidence) ev_ids.insert(id);
    for (const std::string& id : ev_ids) {
        std::vector<Held> held;
        for (size_t i = 0; i < files.size(); ++i)
            if (const Evidence* e = evidence_of(files[i], id)) held.push_back(Held{i, e->to_json(), shown_evidence(e->to_json())});
        const IndicatorDef* d = c.indicator(id);
        Text label{"佐证材料：" + (d ? d->name.zh : id), "Evidence: " + (d ? d->name.en : id)};
        auto w = settle("evidence." + id, label, held, opt, r.conflicts);
        m.evidence[id] = *evidence_of(files[w.value_or(held.front().file)], id);
    }

    // Sign-off, member by member.
    for (const auto& [key, flabel] : Signoff::fields()) {
        std::vector<Held> held;
        for (size_t i = 0; i < files.size(); ++i)
            if (const std::string* v = files[i].signoff.member(key); v && !v->empty()) held.push_back(Held{i, Json(*v), Text{*v, *v}});
        if (held.empty()) continue;
        Text label{"签字栏：" + flabel.zh, "Sign-off: " + flabel.en};
        auto w = settle(std::string("signoff.") + key, label, held, opt, r.conflicts);
        *m.signoff.member(key) = *files[w.value_or(held.front().file)].signoff.member(key);
    }

    // Settings and award readiness: each as a whole.
    {
        std::vector<Held> held;
        for (size_t i = 0; i < files.size(); ++i)
            if (!files[i].settings.empty()) held.push_back(Held{i, files[i].settings.to_json(), shown_json(files[i].settings.to_json())});
        if (!held.empty()) {
            auto w = settle("settings", Text{"设置", "Settings"}, held, opt, r.conflicts);
            m.settings = files[w.value_or(held.front().file)].settings;
        }
        held.clear();
        for (size_t i = 0; i < files.size(); ++i)
            if (!files[i].readiness.empty()) held.push_back(Held{i, files[i].readiness.to_json(), shown_json(files[i].readiness.to_json())});
        if (!held.empty()) {
            auto w = settle("readiness", Text{"评奖准备", "Award readiness"}, held, opt, r.conflicts);
            m.readiness = files[w.value_or(held.front().file)].readiness;
        }
    }

    // Confirmed unusual changes (issue 16) go with the figure's value: the first file's confirmation
    // of the value the merged file holds (or the first one, when no file gives the figure); one of a
    // value the merge did not keep is dropped (it would confirm nothing). Never a conflict.
    for (const Assessment& f : files)
        for (const auto& [k, cf] : f.confirmed) {
            if (m.confirmed.count(k)) continue;
            m.confirmed[k] = cf;
            if (m.get(k) && !is_confirmed(m, k)) m.confirmed.erase(k);
        }

    // Notes: joined when they differ (a note is never lost); unknown members: the first file's.
    for (const Assessment& f : files) {
        for (const auto& [k, note] : f.notes) {
            std::string& dst = m.notes[k];
            if (dst.empty()) dst = note;
            else if (dst != note && dst.find(note) == std::string::npos) dst += "; " + note;
        }
        for (const auto& [k, v] : f.extra.items())
            if (!m.extra.contains(k)) m.extra[k] = v;
    }
    out = std::move(r);
    return true;
}

Text merge_conflict_text(const MergeConflict& m, const std::vector<std::string>& names) {
    auto nm = [&](size_t i) { return i < names.size() ? names[i] : "#" + std::to_string(i + 1); };
    Text t{m.label.zh + "：" + nm(m.file_a) + " 为 " + m.shown_a.zh + "，" + nm(m.file_b) + " 为 " + m.shown_b.zh,
           m.label.en + ": " + nm(m.file_a) + " has " + m.shown_a.en + ", " + nm(m.file_b) + " has " + m.shown_b.en};
    if (m.settled) {
        t.zh += "（采用 " + nm(m.winner) + " 的）";
        t.en += " (taken from " + nm(m.winner) + ")";
    }
    return t;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] SHA-256 (FIPS 180-4)
//-------------------------------------------------------------------------------------------------
// Why our own ~60 lines and not a library: the Debian packages that have SHA-256 (libssl-dev,
// nettle-dev, libgcrypt20-dev, libmbedtls-dev) ship native libraries only; the web build would need
// one of them compiled from source for Emscripten (mbedTLS with its config, OpenSSL with its perl
// build), far more build machinery than a fixed, fully specified algorithm. The browser's
// crypto.subtle.digest is asynchronous and not in the native build, and the core must hash the same
// way in both. Checked against the FIPS 180-4 / NIST examples ("abc", the 448-bit message, a million
// "a") and the empty string in tests/unit/test_workflow.cpp.

namespace {

struct Sha256 {
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char block[64];
    size_t used = 0;
    uint64_t bits = 0;

    static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

    void compress(const unsigned char* p) {
        static const uint32_t k[64] = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
            0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
            0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
            0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
            0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
            0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
        uint32_t w[64];
        for (int t = 0; t < 16; ++t)
            w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 | (uint32_t)p[4 * t + 3];
        for (int t = 16; t < 64; ++t) {
            uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; ++t) {
            uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t];
            uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }

    void update(const unsigned char* p, size_t n) {
        bits += (uint64_t)n * 8;
        while (n > 0) {
            size_t take = std::min(n, sizeof block - used);
            std::memcpy(block + used, p, take);
            used += take;
            p += take;
            n -= take;
            if (used == sizeof block) {
                compress(block);
                used = 0;
            }
        }
    }

    std::string hex() {
        uint64_t total = bits;
        unsigned char pad = 0x80;
        update(&pad, 1);
        unsigned char zero = 0;
        while (used != 56) update(&zero, 1);
        unsigned char len[8];
        for (int i = 0; i < 8; ++i) len[i] = (unsigned char)(total >> (56 - 8 * i));
        update(len, 8);
        static const char digits[] = "0123456789abcdef";
        std::string out;
        for (uint32_t v : h)
            for (int s = 28; s >= 0; s -= 4) out += digits[(v >> s) & 15];
        return out;
    }
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    Sha256 s;
    s.update((const unsigned char*)bytes.data(), bytes.size());
    return s.hex();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Canonical content, freeze, check
//-------------------------------------------------------------------------------------------------

Json canonical_content(const Assessment& a) {
    Json j = Json::object();
    j["catalog"] = a.catalog;
    j["profile"] = profile_id(a.profile);
    j["unit"] = a.unit;
    j["year"] = a.year;
    Json figures = Json::object();
    for (const auto& [k, v] : a.figures)
        if (!v.absent()) figures[k] = v.to_json();
    j["figures"] = std::move(figures);
    Json notes = Json::object();
    for (const auto& [k, v] : a.notes)
        if (!trim_spaces(v).empty()) notes[k] = v;
    if (!notes.empty()) j["notes"] = std::move(notes);
    if (!a.evidence.empty()) {
        Json ev = Json::object();
        for (const auto& [id, e] : a.evidence) ev[id] = e.to_json();
        j["evidence"] = std::move(ev);
    }
    if (!a.settings.empty()) j["settings"] = a.settings.to_json();
    if (!a.signoff.empty()) j["signoff"] = a.signoff.to_json();
    return j;
}

// nlohmann's json keeps object members in a std::map<std::string>: sorted by their bytes, which for
// UTF-8 is code point order. dump() with no indent writes no spaces; ensure_ascii off writes UTF-8.
std::string canonical_json(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string content_sha256(const Assessment& a) { return sha256_hex(canonical_json(canonical_content(a))); }

Assessment freeze(const Assessment& a, std::string at) {
    Assessment out = a;
    Submission s;
    s.content = canonical_content(a);
    s.current.at = std::move(at);
    s.current.sha256 = sha256_hex(canonical_json(s.content));
    if (a.submission) {
        s.previous = a.submission->previous;
        s.previous.push_back(a.submission->current);
        s.current.version = a.submission->current.version + 1;
    }
    out.submission = std::move(s);
    return out;
}

const char* submission_state_id(SubmissionState s) {
    switch (s) {
        case SubmissionState::unchanged: return "unchanged";
        case SubmissionState::changed: return "changed";
        case SubmissionState::damaged: return "damaged";
        default: return "never";
    }
}

Text submission_state_text(SubmissionState s) {
    switch (s) {
        case SubmissionState::unchanged: return Text{"已提交，提交后未改动", "Submitted, unchanged since"};
        case SubmissionState::changed: return Text{"提交后有改动", "Changed after submission"};
        case SubmissionState::damaged: return Text{"提交记录与内容不符", "Submission record does not match its content"};
        default: return Text{"未提交", "Never submitted"};
    }
}

namespace {

Text shown_any(const Json& j) { return j.is_null() ? Text{"—", "—"} : shown_json(j); }

void diff_object(const Json& before, const Json& after, const std::string& prefix, const std::function<Text(const std::string&)>& label,
                 const std::function<Text(const std::string&, const Json&)>& shown, std::vector<ContentChange>& out,
                 const std::vector<std::string>& order = {}) {
    std::vector<std::string> keys = order;
    std::set<std::string> seen(keys.begin(), keys.end());
    for (const Json* o : {&before, &after})
        if (o->is_object())
            for (const auto& [k, v] : o->items())
                if (seen.insert(k).second) keys.push_back(k);
    for (const std::string& k : keys) {
        const Json& b = json_member(before, k.c_str());
        const Json& a = json_member(after, k.c_str());
        if (b == a) continue;
        out.push_back(ContentChange{prefix + k, label(k), shown(k, b), shown(k, a)});
    }
}

}  // namespace

SubmissionCheck check_submission(const Catalog& c, const Assessment& a) {
    SubmissionCheck r;
    const Json now = canonical_content(a);
    r.sha256_now = sha256_hex(canonical_json(now));
    if (!a.submission) return r;
    const Submission& s = *a.submission;
    if (sha256_hex(canonical_json(s.content)) != s.current.sha256) {
        r.state = SubmissionState::damaged;
        r.why = Text{"提交记录中的内容与其 SHA-256（" + s.current.sha256.substr(0, 12) + "…）不符：提交记录被改动过",
                     "The submitted content does not match its SHA-256 (" + s.current.sha256.substr(0, 12) + "…): the submission record was altered"};
        return r;
    }
    if (r.sha256_now == s.current.sha256) {
        r.state = SubmissionState::unchanged;
        return r;
    }
    r.state = SubmissionState::changed;
    const Json& was = s.content;
    // The identity first (a file relabelled for another unit or year), then figures in entry order.
    for (const char* k : {"catalog", "profile", "unit", "year"}) {
        const Json& b = json_member(was, k);
        const Json& n = json_member(now, k);
        if (b != n) {
            Text label = std::string(k) == "unit" ? Text{"单位", "Unit"} : std::string(k) == "year" ? Text{"年份", "Year"}
                                                  : std::string(k) == "profile" ? Text{"评估类型", "Profile"} : Text{"指标目录", "Catalog"};
            r.changes.push_back(ContentChange{k, label, shown_any(b), shown_any(n)});
        }
    }
    std::vector<std::string> order;
    if (auto p = parse_profile(json_string(now, "profile")))
        order = c.entry_order(*p);
    diff_object(
        json_member(was, "figures"), json_member(now, "figures"), "",
        [&](const std::string& k) {
            const FigureDef* f = c.figure(k);
            return f ? Text{f->name.zh + "（" + k + "）", f->name.en + " (" + k + ")"} : Text{k, k};
        },
        [&](const std::string& k, const Json& v) { return shown_figure(c, k, v); }, r.changes, order);
    diff_object(
        json_member(was, "notes"), json_member(now, "notes"), "notes.",
        [&](const std::string& k) {
            const FigureDef* f = c.figure(k);
            const IndicatorDef* d = c.indicator(k);
            std::string zh = f ? f->name.zh : d ? d->name.zh : k, en = f ? f->name.en : d ? d->name.en : k;
            return Text{"备注：" + zh, "Note: " + en};
        },
        [](const std::string&, const Json& v) { return shown_any(v); }, r.changes);
    diff_object(
        json_member(was, "evidence"), json_member(now, "evidence"), "evidence.",
        [&](const std::string& k) {
            const IndicatorDef* d = c.indicator(k);
            return Text{"佐证材料：" + (d ? d->name.zh : k), "Evidence: " + (d ? d->name.en : k)};
        },
        [](const std::string&, const Json& v) { return shown_evidence(v); }, r.changes);
    if (json_member(was, "settings") != json_member(now, "settings"))
        r.changes.push_back(ContentChange{"settings", Text{"设置", "Settings"}, shown_any(json_member(was, "settings")),
                                          shown_any(json_member(now, "settings"))});
    diff_object(
        json_member(was, "signoff"), json_member(now, "signoff"), "signoff.",
        [&](const std::string& k) {
            for (const auto& [key, label] : Signoff::fields())
                if (k == key) return Text{"签字栏：" + label.zh, "Sign-off: " + label.en};
            return Text{k, k};
        },
        [](const std::string&, const Json& v) { return shown_any(v); }, r.changes);
    return r;
}

Text content_change_text(const ContentChange& ch) {
    return Text{ch.label.zh + "：" + ch.before.zh + " → " + ch.after.zh, ch.label.en + ": " + ch.before.en + " → " + ch.after.en};
}

}  // namespace qcity
