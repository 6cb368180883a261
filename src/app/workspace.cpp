// qcity app — the workspace (see workspace.h).
#include "workspace.h"

#include <algorithm>
#include <set>

namespace qcity::app {

const char* screen_id(Screen s) {
    switch (s) {
        case Screen::entry: return "entry";
        case Screen::results: return "results";
        case Screen::readiness: return "readiness";
        case Screen::rollup: return "rollup";
        default: return "start";
    }
}

static Screen parse_screen(const std::string& s) {
    if (s == "entry") return Screen::entry;
    if (s == "results") return Screen::results;
    if (s == "readiness") return Screen::readiness;
    if (s == "rollup") return Screen::rollup;
    return Screen::start;
}

int Workspace::find(const std::string& id) const {
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].id == id) return (int)i;
    return -1;
}

int Workspace::find_unit_year(Profile p, const std::string& unit, int year, int except) const {
    for (size_t i = 0; i < items.size(); ++i) {
        const Assessment& a = items[i].assessment;
        if ((int)i != except && a.profile == p && a.unit == unit && a.year == year) return (int)i;
    }
    return -1;
}

int Workspace::create(Profile p, const std::string& unit, int year, double now_ms) {
    Item it;
    it.id = new_item_id(now_ms);
    it.assessment = make_template(*catalog, p, unit, year);
    it.edited_ms = now_ms;
    touch(it, "identity", now_ms);
    items.push_back(std::move(it));
    open((int)items.size() - 1, Screen::entry);
    return current;
}

int Workspace::duplicate(int index, double now_ms) {
    if (index < 0 || index >= (int)items.size()) return -1;
    // The first free year after the original's within the catalog's years, else the last free one
    // before it; none free: no copy (the app says so).
    const Assessment& from = items[(size_t)index].assessment;
    int lo = catalog ? catalog->year_min : from.year - 100, hi = catalog ? catalog->year_max : from.year + 100;
    int year = 0;
    for (int y = std::max(from.year + 1, lo); y <= hi && !year; ++y)
        if (find_unit_year(from.profile, from.unit, y) < 0) year = y;
    for (int y = std::min(from.year - 1, hi); y >= lo && !year; --y)
        if (find_unit_year(from.profile, from.unit, y) < 0) year = y;
    if (!year) return -1;
    Item copy = items[(size_t)index];
    copy.id = new_item_id(now_ms);
    copy.kept_from.clear();
    copy.assessment.year = year;
    copy.edited_ms = now_ms;
    touch(copy, "identity", now_ms);
    items.insert(items.begin() + index + 1, std::move(copy));
    open(index + 1, Screen::entry);
    return current;
}

void Workspace::remove(int index, double now_ms) {
    if (index < 0 || index >= (int)items.size()) return;
    EditStamp& gone = removed[items[(size_t)index].id];
    gone.at = std::max(now_ms, items[(size_t)index].edited_ms);
    gone.by = session;
    items.erase(items.begin() + index);
    if (current == index) { current = -1; screen = Screen::start; }
    else if (current > index) --current;
}

void Workspace::open(int index, Screen s) {
    if (index < 0 || index >= (int)items.size()) { current = -1; screen = Screen::start; return; }
    current = index;
    screen = s;
}

void Workspace::set_figure_text(const std::string& key, const std::string& text, double now_ms) {
    Item* it = open_item();
    const FigureDef* f = catalog->figure(key);
    if (!it || !f) return;
    FigureValue v = parse_figure_input(*catalog, *f, text);
    it->assessment.figures[key] = v;
    // Keep what was typed when it is not exactly how the value reads back (an error to fix, or
    // "1,200" while typing): the field must show the person's text, not a reformatted one.
    if (text.empty() || figure_input_text(*catalog, *f, v, lang) == text) it->drafts.erase(key);
    else it->drafts[key] = text;
    it->edited_ms = now_ms;
    touch(*it, "figure:" + key, now_ms);
}

std::string Workspace::figure_text(const std::string& key) const {
    const Item* it = open_item();
    const FigureDef* f = catalog->figure(key);
    if (!it || !f) return "";
    auto d = it->drafts.find(key);
    if (d != it->drafts.end()) return d->second;
    auto v = it->assessment.figures.find(key);
    return v == it->assessment.figures.end() ? "" : figure_input_text(*catalog, *f, v->second, lang);
}

void Workspace::set_figure_value(const std::string& key, const FigureValue& v, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    it->assessment.figures[key] = v;
    it->drafts.erase(key);
    it->edited_ms = now_ms;
    touch(*it, "figure:" + key, now_ms);
}

void Workspace::set_note(const std::string& key, const std::string& text, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    if (text.empty()) it->assessment.notes.erase(key);
    else it->assessment.notes[key] = text;
    it->edited_ms = now_ms;
    touch(*it, "note:" + key, now_ms);
}

// Award readiness: the setters change Assessment::readiness (ReadinessEntries). A value a setter
// replaces may have been kept from the file as unusable (in `extra`): it goes. Emptied parts are
// removed again, so an enterprise that never touched the readiness screen writes the same file.

// Takes the unusable value at `path` out of `extra`; when a value is being set, also a non-object
// on the way (the file's "thresholds": 3 is replaced by the thresholds being set).
static void forget_unusable(Json& extra, std::initializer_list<std::string> path, bool setting) {
    Json* j = &extra;
    size_t depth = 0;
    for (const std::string& k : path) {
        ++depth;
        if (!j->is_object()) return;
        auto f = j->find(k);
        if (f == j->end()) return;
        if (depth == path.size() || (setting && !f->is_object())) { j->erase(f); return; }
        j = &*f;
    }
}

// Removes the empty objects among `obj[member]`'s members, then `obj[member]` if it is empty.
static void prune_member(Json& obj, const char* member) {
    auto m = obj.find(member);
    if (m == obj.end() || !m->is_object()) return;
    for (auto it = m->begin(); it != m->end();) it = (it->is_object() && it->empty()) ? m->erase(it) : std::next(it);
    if (m->empty()) obj.erase(m);
}

static void prune_readiness(ReadinessEntries& r) {
    for (auto a = r.thresholds.begin(); a != r.thresholds.end();) a = a->second.empty() ? r.thresholds.erase(a) : std::next(a);
    prune_member(r.extra, "thresholds");
    if (!r.self_score) return;
    SelfScoreEntries& ss = *r.self_score;
    for (auto e = ss.items.begin(); e != ss.items.end();) {
        bool empty = !e->second.percent && !e->second.strength && !e->second.improvement && e->second.extra.empty();
        e = empty ? ss.items.erase(e) : std::next(e);
    }
    prune_member(ss.extra, "items");
    bool only_model = ss.extra.empty() || (ss.extra.size() == 1 && ss.extra.contains("model"));
    if (ss.items.empty() && !ss.reference && only_model) r.self_score.reset();
}

// The self-score, made on first write (with the built-in model's id).
static SelfScoreEntries& self_score(ReadinessEntries& r) {
    forget_unusable(r.extra, {"self_score"}, true);
    if (!r.self_score) r.self_score.emplace();
    if (!r.self_score->model && !r.self_score->extra.contains("model")) r.self_score->model = builtin_readiness().model.id;
    return *r.self_score;
}

static ScoreEntry& score_entry(ReadinessEntries& r, const std::string& item) {
    SelfScoreEntries& ss = self_score(r);
    forget_unusable(ss.extra, {"items", item}, true);
    return ss.items[item];
}

void Workspace::set_gate_threshold(const std::string& award, const std::string& gate, std::optional<GateThreshold> value, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    ReadinessEntries& r = it->assessment.readiness;
    forget_unusable(r.extra, {"thresholds", award, gate}, value.has_value());
    if (value) r.thresholds[award][gate] = *value;
    else if (auto a = r.thresholds.find(award); a != r.thresholds.end()) a->second.erase(gate);
    prune_readiness(r);
    it->edited_ms = now_ms;
    touch(*it, "readiness", now_ms);
}

void Workspace::set_item_percent(const std::string& item, std::optional<int> percent, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    ScoreEntry& e = score_entry(it->assessment.readiness, item);
    if (percent) e.percent = EnteredPercent::from_json(Json(*percent));
    else e.percent.reset();
    prune_readiness(it->assessment.readiness);
    it->edited_ms = now_ms;
    touch(*it, "readiness", now_ms);
}

void Workspace::set_item_percent_text(const std::string& item, const std::string& text, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    ScoreEntry& e = score_entry(it->assessment.readiness, item);
    Json v = percent_from_text(text);  // a number, or the text as typed (validation says what is wrong)
    if (v.is_null()) e.percent.reset();
    else e.percent = EnteredPercent::from_json(v);
    prune_readiness(it->assessment.readiness);
    it->edited_ms = now_ms;
    touch(*it, "readiness", now_ms);
}

void Workspace::set_item_note(const std::string& item, const char* which, const std::string& text, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    ScoreEntry& e = score_entry(it->assessment.readiness, item);
    std::optional<std::string>& note = std::string_view(which) == "strength" ? e.strength : e.improvement;
    e.extra.erase(which);  // a note kept from the file that was not text
    if (text.empty()) note.reset();
    else note = text;
    prune_readiness(it->assessment.readiness);
    it->edited_ms = now_ms;
    touch(*it, "readiness", now_ms);
}

void Workspace::set_score_reference(std::optional<int> points, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    SelfScoreEntries& ss = self_score(it->assessment.readiness);
    ss.extra.erase("reference");  // an unusable one kept from the file
    if (points) ss.reference = Decimal::of(*points);
    else ss.reference.reset();
    prune_readiness(it->assessment.readiness);
    it->edited_ms = now_ms;
    touch(*it, "readiness", now_ms);
}

// The county workflow's entries: evidence by indicator, sign-off by member, the submission.
bool Workspace::set_evidence(const std::string& indicator, std::optional<Evidence> evidence, double now_ms) {
    Item* it = open_item();
    if (!it) return false;
    if (!evidence || (evidence->status == EvidenceStatus::missing && evidence->where.empty() && evidence->note.empty()))
        it->assessment.evidence.erase(indicator);
    else
        it->assessment.evidence[indicator] = *evidence;
    it->edited_ms = now_ms;
    touch(*it, "evidence:" + indicator, now_ms);
    return true;
}

bool Workspace::confirm_figure(const std::string& key, const std::string& note, double now_ms) {
    Item* it = open_item();
    if (!it || !it->assessment.get(key)) return false;
    qcity::confirm_figure(it->assessment, key, note);
    it->edited_ms = now_ms;
    touch(*it, "confirmed:" + key, now_ms);
    return true;
}

bool Workspace::set_signoff(const std::string& member, const std::string& text, double now_ms) {
    Item* it = open_item();
    std::string* m = it ? it->assessment.signoff.member(member) : nullptr;
    if (!m) return false;
    *m = text;
    it->edited_ms = now_ms;
    touch(*it, "signoff:" + member, now_ms);
    return true;
}

bool Workspace::freeze_open(const std::string& at, double now_ms) {
    Item* it = open_item();
    if (!it) return false;
    it->assessment = freeze(it->assessment, at);
    it->edited_ms = now_ms;
    touch(*it, "submission", now_ms);
    return true;
}

// Every entry (the unit of a tab's edit, see touch) that an item or another version of it has.
static std::set<std::string> entries_of(const Item& it, const Assessment& next) {
    std::set<std::string> entries{"identity", "readiness", "settings", "sources", "submission"};
    for (const auto& [key, label] : Signoff::fields()) entries.insert(std::string("signoff:") + key);
    for (const Assessment* a : {&it.assessment, &next}) {
        for (const auto& [k, v] : a->figures) entries.insert("figure:" + k);
        for (const auto& [k, v] : a->notes) entries.insert("note:" + k);
        for (const auto& [k, v] : a->evidence) entries.insert("evidence:" + k);
        for (const auto& [k, v] : a->confirmed) entries.insert("confirmed:" + k);
    }
    for (const auto& [k, v] : it.drafts) entries.insert("figure:" + k);
    return entries;
}

static bool entry_equal(const Item& a, const Item& b, const std::string& entry);

// A whole assessment replaced (an import, the page API's load()): every entry either version has is
// edited now, so the replacement wins over older edits elsewhere, entry by entry.
static void touch_all(Workspace& ws, Item& it, const Assessment& next, double now_ms) {
    for (const std::string& e : entries_of(it, next)) ws.touch(it, e, now_ms);
}

ImportResult Workspace::import_text(std::string_view text, bool replace, double now_ms, Problem& error, int* conflict) {
    Assessment a;
    if (!read_assessment(text, catalog, a, error)) return ImportResult::failed;
    int existing = find_unit_year(a.profile, a.unit, a.year);
    if (conflict) *conflict = existing;
    if (existing >= 0 && !replace) return ImportResult::needs_confirmation;
    if (existing >= 0) {
        Item& it = items[(size_t)existing];
        touch_all(*this, it, a, now_ms);
        it.assessment = std::move(a);
        it.drafts.clear();
        it.edited_ms = now_ms;
        open(existing, Screen::entry);
        return ImportResult::replaced;
    }
    Item it;
    it.id = new_item_id(now_ms);
    touch_all(*this, it, a, now_ms);
    it.assessment = std::move(a);
    it.edited_ms = now_ms;
    items.push_back(std::move(it));
    open((int)items.size() - 1, Screen::entry);
    return ImportResult::added;
}

ImportResult Workspace::import_file(std::string_view bytes, std::string_view name, bool replace, double now_ms, Problem& error,
                                    int* conflict) {
    Assessment a;
    FileFormat format = FileFormat::json;
    if (!read_assessment_file(bytes, name, catalog, a, error, &format)) return ImportResult::failed;
    if (format != FileFormat::json) {
        int existing = find_unit_year(a.profile, a.unit, a.year);
        if (existing >= 0) {
            const Assessment& old = items[(size_t)existing].assessment;
            a.settings = old.settings;
            a.readiness = old.readiness;
            a.extra = old.extra;
            // A table has no 定稿 (issue 15): the saved one stays, so what the table changed shows as
            // changed since it. Evidence and sign-off rows are optional in a table: what it leaves
            // out is kept, never blanked.
            a.submission = old.submission;
            if (a.evidence.empty()) a.evidence = old.evidence;
            for (const auto& [key, label] : Signoff::fields()) {
                std::string* mine = a.signoff.member(key);
                const std::string* saved = old.signoff.member(key);
                if (mine && saved && mine->empty()) *mine = *saved;
            }
        }
    }
    // Through import_text, so that a file is imported one way whatever it came as.
    return import_text(write_assessment(a), replace, now_ms, error, conflict);
}

// --- Merging a file into a saved assessment (issue 15) -------------------------------------------

static bool run_merge(const Catalog& c, FileMerge& m, Problem& error) {
    MergeOptions opt;
    opt.choose = m.choose;
    std::vector<Problem> problems;
    MergeResult r;
    if (!merge_assessments(c, m.sides, m.names, opt, r, problems)) {
        error = problems.empty() ? Problem{} : problems.front();
        return false;
    }
    m.result = std::move(r);
    return true;
}

bool Workspace::prepare_merge(int index, std::string_view bytes, std::string_view name, const std::string& here, FileMerge& out,
                              Problem& error) const {
    if (!catalog || index < 0 || index >= (int)items.size()) return false;
    Assessment theirs;
    if (!read_assessment_file(bytes, name, catalog, theirs, error)) return false;
    const Item& it = items[(size_t)index];
    FileMerge m;
    m.item_id = it.id;
    m.file_name = std::string(name);
    m.sides = {it.assessment, std::move(theirs)};
    m.names = {here, m.file_name};
    if (!run_merge(*catalog, m, error)) return false;
    out = std::move(m);
    return true;
}

void Workspace::choose_side(FileMerge& m, const std::string& key, size_t side) const {
    if (!catalog || side >= m.sides.size()) return;
    m.choose[key] = side;
    Problem ignored;
    run_merge(*catalog, m, ignored);  // the sides read and merged before: only the choice differs
}

int Workspace::apply_merge(const FileMerge& m, double now_ms) {
    int index = find(m.item_id);
    if (index < 0 || m.result.unsettled() > 0) return -1;
    Item& it = items[(size_t)index];
    // The merged version, compared with the saved one entry by entry (as another tab's copy is):
    // each entry that differs (figures, notes, evidence, sign-off, confirmations…) is stamped as
    // edited now, so the merge wins in other tabs too.
    Item next;
    next.assessment = m.result.merged;
    // The saved side's submission stays: what the merge changed is then shown as changed since.
    next.assessment.submission = it.assessment.submission;
    next.drafts = it.drafts;  // (figures compared by value)
    int changed = 0;
    for (const std::string& e : entries_of(it, next.assessment)) {
        if (entry_equal(it, next, e)) continue;
        if (e.rfind("figure:", 0) == 0) {
            ++changed;
            it.drafts.erase(e.substr(7));  // the value taken replaces what was typed there
        }
        touch(it, e, now_ms);
    }
    it.assessment = std::move(next.assessment);
    it.edited_ms = now_ms;
    open(index, Screen::entry);
    return changed;
}

bool Workspace::load_into_open(const Json& doc, double now_ms, Problem& error) {
    Assessment a;
    if (!read_assessment_json(doc, catalog, a, error)) return false;
    // As for a file: a county's unit is one of the catalog's (made its name), else refused.
    if (auto bad = catalog ? check_unit(*catalog, a.profile, a.unit) : std::nullopt) {
        error = *bad;
        return false;
    }
    if (!open_item()) {
        Item it;
        it.id = new_item_id(now_ms);
        items.push_back(std::move(it));
        current = (int)items.size() - 1;
        if (screen == Screen::start) screen = Screen::entry;
    }
    Item& it = items[(size_t)current];
    touch_all(*this, it, a, now_ms);
    it.assessment = std::move(a);
    it.drafts.clear();
    it.edited_ms = now_ms;
    return true;
}

// Stamps as {"figure:k": {"at": ms, "base": ms, "by": "tab"}}; anything unreadable is skipped (an
// entry without a stamp loses to any edit, which is what an old save's entries are).
static Json stamps_to_json(const std::map<std::string, EditStamp>& stamps) {
    Json out = Json::object();
    for (const auto& [k, s] : stamps) {
        Json j{{"at", s.at}};
        if (s.base > 0) j["base"] = s.base;
        if (!s.by.empty()) j["by"] = s.by;
        out[k] = std::move(j);
    }
    return out;
}

static std::map<std::string, EditStamp> stamps_from_json(const Json& j) {
    std::map<std::string, EditStamp> out;
    if (!j.is_object()) return out;
    for (const auto& [k, v] : j.items()) {
        if (!v.is_object() || !v.contains("at") || !v["at"].is_number()) continue;
        EditStamp s;
        s.at = v["at"].get<double>();
        if (v.contains("base") && v["base"].is_number()) s.base = v["base"].get<double>();
        s.by = json_string(v, "by");
        out[k] = std::move(s);
    }
    return out;
}

Json Workspace::to_json() const {
    Json arr = Json::array();
    for (const Item& it : items) {
        Json drafts = Json::object();
        for (const auto& [k, v] : it.drafts) drafts[k] = v;
        Json item{{"id", it.id}, {"edited", it.edited_ms}, {"assessment", assessment_to_json(it.assessment)}, {"drafts", drafts}};
        if (!it.stamps.empty()) item["stamps"] = stamps_to_json(it.stamps);
        if (!it.kept_from.empty()) item["kept_from"] = it.kept_from;
        if (it.ever_exported())  // absent for one never exported (and in workspaces saved before backups)
            item["exported"] = Json{{"at", it.exported_ms}, {"edit", it.exported_edit_ms}, {"file", it.exported_to}};
        arr.push_back(std::move(item));
    }
    const Item* open = open_item();
    Json doc{{"schema", "qcity.workspace/1"},
             {"lang", lang == Lang::en ? "en" : "zh-CN"},
             {"screen", screen_id(screen)},
             {"current", open ? Json(open->id) : Json(nullptr)},
             {"next_id", next_id},
             {"items", arr},
             {"removed", stamps_to_json(removed)}};
    if (large_text) doc["large_text"] = true;  // absent when off (as in workspaces saved before it)
    return doc;
}

bool Workspace::from_json(const Json& doc, std::vector<std::string>* unreadable) {
    if (!doc.is_object() || json_string(doc, "schema") != "qcity.workspace/1") return false;
    std::vector<Item> loaded;
    for (const Json& j : json_array(doc, "items")) {
        Item it;
        Problem p;
        if (!j.is_object() || !j.contains("assessment") || !read_assessment_json(j["assessment"], catalog, it.assessment, p)) {
            if (unreadable) unreadable->push_back(j.dump(-1, ' ', false, Json::error_handler_t::replace));
            continue;
        }
        it.id = json_string(j, "id");
        if (it.id.empty()) it.id = "a" + std::to_string(next_id++);
        if (j.contains("edited") && j["edited"].is_number()) it.edited_ms = j["edited"].get<double>();
        if (j.contains("drafts") && j["drafts"].is_object())
            for (const auto& [k, v] : j["drafts"].items())
                if (v.is_string()) it.drafts[k] = v.get<std::string>();
        if (const Json& ex = json_member(j, "exported"); ex.is_object() && json_member(ex, "at").is_number()) {
            it.exported_ms = ex["at"].get<double>();
            if (json_member(ex, "edit").is_number()) it.exported_edit_ms = ex["edit"].get<double>();
            it.exported_to = json_string(ex, "file");
        }
        if (j.contains("stamps")) it.stamps = stamps_from_json(j["stamps"]);
        it.kept_from = json_string(j, "kept_from");
        loaded.push_back(std::move(it));
    }
    items = std::move(loaded);
    removed = doc.contains("removed") ? stamps_from_json(doc["removed"]) : std::map<std::string, EditStamp>{};
    if (auto l = parse_lang(json_string(doc, "lang", "zh"))) lang = *l;
    large_text = json_member(doc, "large_text").is_boolean() && json_member(doc, "large_text").get<bool>();
    if (doc.contains("next_id") && doc["next_id"].is_number_integer()) next_id = std::max(next_id, (int)doc["next_id"].get<int64_t>());
    for (const Item& it : items) {  // ids stay unique even if next_id was lost
        if (it.id.size() > 1 && it.id[0] == 'a') next_id = std::max(next_id, std::atoi(it.id.c_str() + 1) + 1);
    }
    current = doc.contains("current") && doc["current"].is_string() ? find(doc["current"].get<std::string>()) : -1;
    screen = current >= 0 ? parse_screen(json_string(doc, "screen", "start")) : Screen::start;
    return true;
}

//-------------------------------------------------------------------------------------------------
// Backups: every assessment in one file, and restoring it
//-------------------------------------------------------------------------------------------------

std::vector<BackupEntry> Workspace::backup_entries() const {
    std::vector<BackupEntry> out;
    out.reserve(items.size());
    for (const Item& it : items) out.push_back(BackupEntry{it.id, it.assessment, it.drafts, it.edited_ms});
    return out;
}

void Workspace::mark_exported(const std::string& id, double when_ms, double edit_ms, const std::string& file) {
    int k = find(id);
    if (k < 0) return;
    Item& it = items[(size_t)k];
    it.exported_ms = when_ms;
    it.exported_edit_ms = edit_ms;
    it.exported_to = file;
}

// An item made from a backup entry: a new id here (ids are the workspace's), the entry's edit time,
// and exported: its content is in the backup file.
static Item item_from_entry(BackupEntry&& e, const std::string& id, const std::string& file, double backup_ms) {
    Item it;
    it.id = id;
    it.assessment = std::move(e.assessment);
    it.drafts = std::move(e.drafts);
    it.edited_ms = e.edited_ms;
    if (backup_ms > 0) {
        it.exported_ms = backup_ms;
        it.exported_edit_ms = it.edited_ms;
        it.exported_to = file;
    }
    return it;
}

static Restore::Name name_of(const Assessment& a) { return Restore::Name{a.profile, a.unit, a.year}; }

Restore Workspace::restore_backup(Backup backup, const std::string& file, double now_ms) {
    Restore r;
    r.file = file;
    r.backup_ms = backup.written_ms;
    r.bad = std::move(backup.bad);
    for (BackupEntry& e : backup.entries) {
        int k = find_unit_year(e.assessment.profile, e.assessment.unit, e.assessment.year);
        if (k < 0) {
            r.added.push_back(name_of(e.assessment));
            items.push_back(item_from_entry(std::move(e), new_item_id(now_ms), file, r.backup_ms));
            touch(items.back(), "identity", now_ms);
            continue;
        }
        Item& mine = items[(size_t)k];
        if (mine.assessment == e.assessment && mine.drafts == e.drafts) {
            ++r.identical;
            // The same content is in that backup file: it counts as exported then, unless written since.
            if (r.backup_ms > mine.exported_ms) mark_exported(mine.id, r.backup_ms, mine.edited_ms, file);
            continue;
        }
        r.conflicts.emplace_back(std::move(e), mine.id);
    }
    return r;
}

void Workspace::resolve_conflict(Restore& r, ConflictChoice choice, double now_ms) {
    if (!r.asking()) return;
    BackupEntry e = std::move(r.conflicts[r.next].first);
    int k = find(r.conflicts[r.next].second);
    ++r.next;
    if (k < 0) {  // the saved one is gone meanwhile (deleted, another tab): nothing left to choose between
        r.added.push_back(name_of(e.assessment));
        items.push_back(item_from_entry(std::move(e), new_item_id(now_ms), r.file, r.backup_ms));
        touch(items.back(), "identity", now_ms);
        return;
    }
    Item& mine = items[(size_t)k];
    switch (choice) {
        case ConflictChoice::keep_mine:
            r.kept.push_back(name_of(mine.assessment));
            break;
        case ConflictChoice::take_backup: {
            r.replaced.push_back(name_of(e.assessment));
            touch_all(*this, mine, e.assessment, now_ms);  // the backup's content wins in other tabs too
            mine.assessment = std::move(e.assessment);
            mine.drafts = std::move(e.drafts);
            mine.edited_ms = now_ms;  // a change here (a merge with another tab must see it as the latest)
            if (r.backup_ms > 0) mark_exported(mine.id, r.backup_ms, mine.edited_ms, r.file);
            break;
        }
        case ConflictChoice::keep_both: {
            r.both.push_back(name_of(e.assessment));
            Item copy = item_from_entry(std::move(e), new_item_id(now_ms), r.file, 0);
            touch(copy, "identity", now_ms);
            copy.kept_from = r.file.empty() ? "backup" : r.file;
            copy.edited_ms = now_ms;
            items.insert(items.begin() + k + 1, std::move(copy));
            if (current > k) ++current;
            break;
        }
    }
}

}  // namespace qcity::app

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// Two tabs: edit stamps, item ids, merging a stored workspace into this one
//-------------------------------------------------------------------------------------------------

void Workspace::touch(Item& it, const std::string& entry, double now_ms) {
    EditStamp& s = it.stamps[entry];
    double base = s.at;
    // Strictly later than what it replaces, even within one millisecond or if the clock stepped back.
    s.at = std::max(now_ms, base + 1);
    s.base = base;
    s.by = session;
}

// Unique across tabs without asking anyone: the time, this tab's random tag and a counter. Without
// a session (the CLI, native tests) the old "a<n>" form, unique within one workspace.
std::string Workspace::new_item_id(double now_ms) {
    if (session.empty()) return "a" + std::to_string(next_id++);
    auto base36 = [](uint64_t v) {
        std::string out;
        do { out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36]); v /= 36; } while (v);
        return out;
    };
    std::string id;
    do id = "i" + base36((uint64_t)std::max(0.0, now_ms)) + "-" + session + base36((uint64_t)next_id++);
    while (find(id) >= 0);
    return id;
}

// Who wins an entry edited in both: the later stamp; at the same instant, the larger tab tag (any
// fixed rule: both tabs must pick the same one).
static bool stamp_wins(const EditStamp& a, const EditStamp& b) {
    return a.at != b.at ? a.at > b.at : a.by > b.by;
}

static double latest_edit(const Item& it) {
    double t = it.edited_ms;
    for (const auto& [k, s] : it.stamps) t = std::max(t, s.at);
    return t;
}

// The part of an item that one entry names.
static bool entry_equal(const Item& a, const Item& b, const std::string& entry) {
    const Assessment& x = a.assessment;
    const Assessment& y = b.assessment;
    if (entry.rfind("figure:", 0) == 0) {
        std::string k = entry.substr(7);
        auto fx = x.figures.find(k), fy = y.figures.find(k);
        bool vx = fx != x.figures.end() && !fx->second.absent(), vy = fy != y.figures.end() && !fy->second.absent();
        if (vx != vy || (vx && !(fx->second == fy->second))) return false;
        auto dx = a.drafts.find(k), dy = b.drafts.find(k);
        return (dx == a.drafts.end()) == (dy == b.drafts.end()) && (dx == a.drafts.end() || dx->second == dy->second);
    }
    if (entry.rfind("note:", 0) == 0) {
        std::string k = entry.substr(5);
        auto nx = x.notes.find(k), ny = y.notes.find(k);
        return (nx == x.notes.end()) == (ny == y.notes.end()) && (nx == x.notes.end() || nx->second == ny->second);
    }
    if (entry.rfind("evidence:", 0) == 0) {
        const Evidence *ex = evidence_of(x, entry.substr(9)), *ey = evidence_of(y, entry.substr(9));
        return (ex == nullptr) == (ey == nullptr) && (!ex || *ex == *ey);
    }
    if (entry.rfind("confirmed:", 0) == 0) {
        std::string k = entry.substr(10);
        auto cx = x.confirmed.find(k), cy = y.confirmed.find(k);
        return (cx == x.confirmed.end()) == (cy == y.confirmed.end()) && (cx == x.confirmed.end() || cx->second == cy->second);
    }
    if (entry.rfind("signoff:", 0) == 0) {
        const std::string *mx = x.signoff.member(entry.substr(8)), *my = y.signoff.member(entry.substr(8));
        return !mx || !my || *mx == *my;
    }
    if (entry == "submission") return x.submission.has_value() == y.submission.has_value() && (!x.submission || *x.submission == *y.submission);
    if (entry == "readiness") return x.readiness == y.readiness;
    if (entry == "settings") return x.settings == y.settings;
    if (entry == "sources") return x.sources == y.sources;  // where each figure came from (a merge)
    if (entry == "identity") return x.catalog == y.catalog && x.profile == y.profile && x.unit == y.unit && x.year == y.year;
    return true;
}

static void copy_entry(Item& to, const Item& from, const std::string& entry) {
    Assessment& x = to.assessment;
    const Assessment& y = from.assessment;
    if (entry.rfind("figure:", 0) == 0) {
        std::string k = entry.substr(7);
        if (auto f = y.figures.find(k); f != y.figures.end()) x.figures[k] = f->second;
        else x.figures.erase(k);
        if (auto d = from.drafts.find(k); d != from.drafts.end()) to.drafts[k] = d->second;
        else to.drafts.erase(k);
    } else if (entry.rfind("note:", 0) == 0) {
        std::string k = entry.substr(5);
        if (auto n = y.notes.find(k); n != y.notes.end()) x.notes[k] = n->second;
        else x.notes.erase(k);
    } else if (entry.rfind("evidence:", 0) == 0) {
        std::string k = entry.substr(9);
        if (auto e = y.evidence.find(k); e != y.evidence.end()) x.evidence[k] = e->second;
        else x.evidence.erase(k);
    } else if (entry.rfind("confirmed:", 0) == 0) {
        std::string k = entry.substr(10);
        if (auto f = y.confirmed.find(k); f != y.confirmed.end()) x.confirmed[k] = f->second;
        else x.confirmed.erase(k);
    } else if (entry.rfind("signoff:", 0) == 0) {
        std::string* mx = x.signoff.member(entry.substr(8));
        const std::string* my = y.signoff.member(entry.substr(8));
        if (mx && my) *mx = *my;
    } else if (entry == "submission") {
        x.submission = y.submission;
    } else if (entry == "readiness") {
        x.readiness = y.readiness;
    } else if (entry == "settings") {
        x.settings = y.settings;
    } else if (entry == "sources") {
        x.sources = y.sources;
    } else if (entry == "identity") {
        x.catalog = y.catalog;
        x.profile = y.profile;
        x.unit = y.unit;
        x.year = y.year;
    }
}

static std::string text_of_confirmed(const Assessment& a, const std::string& key) {
    auto f = a.confirmed.find(key);
    return f == a.confirmed.end() ? std::string() : f->second.note;
}

static MergeConflict describe_conflict(const Item& mine, const Item& theirs, const std::string& entry) {
    MergeConflict c{mine.id, entry, theirs.assessment.profile, theirs.assessment.unit, theirs.assessment.year, {}, {}, {}, {}, {}, {}};
    auto text_of = [](const std::map<std::string, std::string>& m, const std::string& k) {
        auto f = m.find(k);
        return f == m.end() ? std::string() : f->second;
    };
    if (entry.rfind("figure:", 0) == 0) {
        std::string k = entry.substr(7);
        if (const FigureValue* v = mine.assessment.get(k)) c.lost = *v;
        if (const FigureValue* v = theirs.assessment.get(k)) c.kept = *v;
        c.lost_text = text_of(mine.drafts, k);
        c.kept_text = text_of(theirs.drafts, k);
    } else if (entry.rfind("note:", 0) == 0) {
        c.lost_text = text_of(mine.assessment.notes, entry.substr(5));
        c.kept_text = text_of(theirs.assessment.notes, entry.substr(5));
    } else if (entry.rfind("confirmed:", 0) == 0) {
        // A confirmation by its note (its value is the figure's, named with the figure).
        c.lost_text = text_of_confirmed(mine.assessment, entry.substr(10));
        c.kept_text = text_of_confirmed(theirs.assessment, entry.substr(10));
    } else if (entry.rfind("signoff:", 0) == 0) {
        if (const std::string* m = mine.assessment.signoff.member(entry.substr(8))) c.lost_text = *m;
        if (const std::string* m = theirs.assessment.signoff.member(entry.substr(8))) c.kept_text = *m;
    } else if (entry.rfind("evidence:", 0) == 0) {
        // The status in words, then where it is kept ("已提供，档案室 3 号柜"); no entry reads "缺少".
        auto shown = [&](const Assessment& a) {
            const Evidence* ev = evidence_of(a, entry.substr(9));
            Text t = evidence_status_text(ev ? ev->status : EvidenceStatus::missing);
            if (ev && !ev->where.empty()) t = Text{t.zh + "，" + ev->where, t.en + ", " + ev->where};
            return t;
        };
        c.lost_shown = shown(mine.assessment);
        c.kept_shown = shown(theirs.assessment);
    }
    return c;
}

bool Workspace::merge_from(const Json& stored, MergeReport& report) {
    report = MergeReport{};
    Workspace other;
    other.catalog = catalog;
    std::vector<std::string> unreadable;  // kept aside by whoever loaded them; here, not merged
    if (!other.from_json(stored, &unreadable)) return false;
    std::string open_id = open_item() ? open_item()->id : std::string();

    // Deletions: the union of both, the later one per item.
    for (const auto& [id, gone] : other.removed) {
        auto mine = removed.find(id);
        if (mine == removed.end() || stamp_wins(gone, mine->second)) removed[id] = gone;
    }
    for (const auto& [id, gone] : removed) {
        auto theirs = other.removed.find(id);
        if (theirs == other.removed.end() || stamp_wins(gone, theirs->second)) report.local_ahead = true;
    }

    // Items here: deleted elsewhere (and not edited here since), or merged entry by entry.
    std::vector<Item> kept;
    for (Item& it : items) {
        int k = other.find(it.id);
        auto gone = removed.find(it.id);
        double latest = latest_edit(it);
        if (k >= 0) latest = std::max(latest, latest_edit(other.items[(size_t)k]));
        if (gone != removed.end() && gone->second.at >= latest) {
            report.removed.push_back(it.id);  // (deleted here, it would not be in `items`)
            report.changed = true;
            if (it.id == open_id) report.open_removed = true;
            continue;
        }
        if (k < 0) {
            report.local_ahead = true;  // made here, not stored yet (or stored lost it)
            kept.push_back(std::move(it));
            continue;
        }
        const Item& theirs = other.items[(size_t)k];
        std::set<std::string> entries;
        for (const auto& [e, st] : it.stamps) entries.insert(e);
        for (const auto& [e, st] : theirs.stamps) entries.insert(e);
        bool updated = false;
        for (const std::string& e : entries) {
            auto mine_it = it.stamps.find(e);
            auto their_it = theirs.stamps.find(e);
            EditStamp mine = mine_it != it.stamps.end() ? mine_it->second : EditStamp{};
            EditStamp their = their_it != theirs.stamps.end() ? their_it->second : EditStamp{};
            if (mine.at == their.at && mine.by == their.by) continue;  // the same edit
            bool same = entry_equal(it, theirs, e);
            if (stamp_wins(their, mine)) {
                // Their edit is later. Ours is lost if it was made here and theirs did not build on it.
                if (!same && !mine.by.empty() && mine.by == session && mine.at > their.base)
                    report.conflicts.push_back(describe_conflict(it, theirs, e));
                if (!same) {
                    copy_entry(it, theirs, e);
                    updated = true;
                }
                it.stamps[e] = their;
            } else {
                report.local_ahead = true;
            }
        }
        if (theirs.edited_ms > it.edited_ms) it.edited_ms = theirs.edited_ms;
        // Exported: the later write to a file, wherever it was made.
        if (theirs.exported_ms > it.exported_ms) {
            it.exported_ms = theirs.exported_ms;
            it.exported_edit_ms = theirs.exported_edit_ms;
            it.exported_to = theirs.exported_to;
            updated = true;
        } else if (it.exported_ms > theirs.exported_ms) {
            report.local_ahead = true;
        }
        if (updated) {
            report.updated.push_back(it.id);
            report.changed = true;
        }
        kept.push_back(std::move(it));
    }

    // Items made elsewhere (not deleted here, or edited there after the deletion).
    for (const Item& theirs : other.items) {
        if (std::any_of(kept.begin(), kept.end(), [&](const Item& it) { return it.id == theirs.id; })) continue;
        if (std::find(report.removed.begin(), report.removed.end(), theirs.id) != report.removed.end()) continue;
        auto gone = removed.find(theirs.id);
        if (gone != removed.end() && gone->second.at >= latest_edit(theirs)) {
            report.local_ahead = true;  // deleted here: the stored copy goes at the next save
            continue;
        }
        kept.push_back(theirs);
        report.added.push_back(theirs.id);
        report.changed = true;
    }

    items = std::move(kept);
    next_id = std::max(next_id, other.next_id);
    int open = open_id.empty() ? -1 : find(open_id);
    if (open < 0 && current >= 0) {
        current = -1;
        screen = Screen::start;
    } else {
        current = open;
    }
    return true;
}

}  // namespace qcity::app
