// qcity app — the workspace (see workspace.h).
#include "workspace.h"

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
    it.id = "a" + std::to_string(next_id++);
    it.assessment = make_template(*catalog, p, unit, year);
    it.edited_ms = now_ms;
    items.push_back(std::move(it));
    open((int)items.size() - 1, Screen::entry);
    return current;
}

int Workspace::duplicate(int index, double now_ms) {
    if (index < 0 || index >= (int)items.size()) return -1;
    Item copy = items[(size_t)index];
    copy.id = "a" + std::to_string(next_id++);
    copy.assessment.unit += lang == Lang::en ? " (copy)" : "（副本）";
    copy.edited_ms = now_ms;
    items.insert(items.begin() + index + 1, std::move(copy));
    open(index + 1, Screen::entry);
    return current;
}

void Workspace::remove(int index) {
    if (index < 0 || index >= (int)items.size()) return;
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
}

void Workspace::set_note(const std::string& key, const std::string& text, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    if (text.empty()) it->assessment.notes.erase(key);
    else it->assessment.notes[key] = text;
    it->edited_ms = now_ms;
}

// The readiness member's sub-objects, made on first write. An emptied one is removed again, so an
// enterprise that never touched the readiness screen writes the same file as before.
static Json& readiness_member(Assessment& a, const char* name) {
    if (!a.readiness.is_object()) a.readiness = Json::object();
    Json& m = a.readiness[name];
    if (!m.is_object()) m = Json::object();
    return m;
}

static void prune_readiness(Assessment& a) {
    Json& r = a.readiness;
    if (!r.is_object()) return;
    if (auto t = r.find("thresholds"); t != r.end() && t->is_object()) {
        for (auto it = t->begin(); it != t->end();) it = (it->is_object() && it->empty()) ? t->erase(it) : std::next(it);
        if (t->empty()) r.erase(t);
    }
    if (auto s = r.find("self_score"); s != r.end() && s->is_object()) {
        if (auto items = s->find("items"); items != s->end() && items->is_object()) {
            for (auto it = items->begin(); it != items->end();) it = (it->is_object() && it->empty()) ? items->erase(it) : std::next(it);
            if (items->empty()) s->erase(items);
        }
        bool only_model = s->size() == 1 && s->contains("model");
        if (s->empty() || only_model) r.erase(s);
    }
}

void Workspace::set_gate_threshold(const std::string& award, const std::string& gate, const Json& value, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    Json& awards = readiness_member(it->assessment, "thresholds");
    if (value.is_null()) {
        if (auto a = awards.find(award); a != awards.end() && a->is_object()) a->erase(gate);
    } else {
        if (!awards[award].is_object()) awards[award] = Json::object();
        awards[award][gate] = value;
    }
    prune_readiness(it->assessment);
    it->edited_ms = now_ms;
}

static Json& score_entry(Assessment& a, const std::string& item) {
    Json& ss = readiness_member(a, "self_score");
    if (!ss.contains("model")) ss["model"] = builtin_readiness().model.id;
    Json& items = ss["items"];
    if (!items.is_object()) items = Json::object();
    Json& e = items[item];
    if (!e.is_object()) e = Json::object();
    return e;
}

void Workspace::set_item_percent(const std::string& item, std::optional<int> percent, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    Json& e = score_entry(it->assessment, item);
    if (percent) e["percent"] = *percent;
    else e.erase("percent");
    prune_readiness(it->assessment);
    it->edited_ms = now_ms;
}

void Workspace::set_item_percent_text(const std::string& item, const std::string& text, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    Json& e = score_entry(it->assessment, item);
    Json v = percent_from_text(text);  // a number, or the text as typed (validation says what is wrong)
    if (v.is_null()) e.erase("percent");
    else e["percent"] = std::move(v);
    prune_readiness(it->assessment);
    it->edited_ms = now_ms;
}

void Workspace::set_item_note(const std::string& item, const char* which, const std::string& text, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    Json& e = score_entry(it->assessment, item);
    if (text.empty()) e.erase(which);
    else e[which] = text;
    prune_readiness(it->assessment);
    it->edited_ms = now_ms;
}

void Workspace::set_score_reference(std::optional<int> points, double now_ms) {
    Item* it = open_item();
    if (!it) return;
    Json& ss = readiness_member(it->assessment, "self_score");
    if (!ss.contains("model")) ss["model"] = builtin_readiness().model.id;
    if (points) ss["reference"] = *points;
    else ss.erase("reference");
    prune_readiness(it->assessment);
    it->edited_ms = now_ms;
}

ImportResult Workspace::import_text(std::string_view text, bool replace, double now_ms, Problem& error, int* conflict) {
    Assessment a;
    if (!read_assessment(text, catalog, a, error)) return ImportResult::failed;
    int existing = find_unit_year(a.profile, a.unit, a.year);
    if (conflict) *conflict = existing;
    if (existing >= 0 && !replace) return ImportResult::needs_confirmation;
    if (existing >= 0) {
        Item& it = items[(size_t)existing];
        it.assessment = std::move(a);
        it.drafts.clear();
        it.edited_ms = now_ms;
        open(existing, Screen::entry);
        return ImportResult::replaced;
    }
    Item it;
    it.id = "a" + std::to_string(next_id++);
    it.assessment = std::move(a);
    it.edited_ms = now_ms;
    items.push_back(std::move(it));
    open((int)items.size() - 1, Screen::entry);
    return ImportResult::added;
}

bool Workspace::load_into_open(const Json& doc, double now_ms, Problem& error) {
    Assessment a;
    if (!read_assessment_json(doc, catalog, a, error)) return false;
    if (!open_item()) {
        Item it;
        it.id = "a" + std::to_string(next_id++);
        items.push_back(std::move(it));
        current = (int)items.size() - 1;
        if (screen == Screen::start) screen = Screen::entry;
    }
    Item& it = items[(size_t)current];
    it.assessment = std::move(a);
    it.drafts.clear();
    it.edited_ms = now_ms;
    return true;
}

Json Workspace::to_json() const {
    Json arr = Json::array();
    for (const Item& it : items) {
        Json drafts = Json::object();
        for (const auto& [k, v] : it.drafts) drafts[k] = v;
        arr.push_back(Json{{"id", it.id}, {"edited", it.edited_ms}, {"assessment", assessment_to_json(it.assessment)}, {"drafts", drafts}});
        if (it.ever_exported())  // absent for one never exported (and in workspaces saved before backups)
            arr.back()["exported"] = Json{{"at", it.exported_ms}, {"edit", it.exported_edit_ms}, {"file", it.exported_to}};
    }
    const Item* open = open_item();
    return Json{{"schema", "qcity.workspace/1"},
                {"lang", lang == Lang::en ? "en" : "zh-CN"},
                {"screen", screen_id(screen)},
                {"current", open ? Json(open->id) : Json(nullptr)},
                {"next_id", next_id},
                {"items", arr}};
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
        loaded.push_back(std::move(it));
    }
    items = std::move(loaded);
    if (auto l = parse_lang(json_string(doc, "lang", "zh"))) lang = *l;
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
            items.push_back(item_from_entry(std::move(e), "a" + std::to_string(next_id++), file, r.backup_ms));
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
    (void)now_ms;
    return r;
}

void Workspace::resolve_conflict(Restore& r, ConflictChoice choice, double now_ms) {
    if (!r.asking()) return;
    BackupEntry e = std::move(r.conflicts[r.next].first);
    int k = find(r.conflicts[r.next].second);
    ++r.next;
    if (k < 0) {  // the saved one is gone meanwhile (deleted, another tab): nothing left to choose between
        r.added.push_back(name_of(e.assessment));
        items.push_back(item_from_entry(std::move(e), "a" + std::to_string(next_id++), r.file, r.backup_ms));
        return;
    }
    Item& mine = items[(size_t)k];
    switch (choice) {
        case ConflictChoice::keep_mine:
            r.kept.push_back(name_of(mine.assessment));
            break;
        case ConflictChoice::take_backup: {
            r.replaced.push_back(name_of(e.assessment));
            mine.assessment = std::move(e.assessment);
            mine.drafts = std::move(e.drafts);
            mine.edited_ms = now_ms;  // a change here (a merge with another tab must see it as the latest)
            if (r.backup_ms > 0) mark_exported(mine.id, r.backup_ms, mine.edited_ms, r.file);
            break;
        }
        case ConflictChoice::keep_both: {
            r.both.push_back(name_of(e.assessment));
            Item copy = item_from_entry(std::move(e), "a" + std::to_string(next_id++), r.file, 0);
            copy.assessment.unit += lang == Lang::en ? " (backup)" : "（备份）";
            copy.edited_ms = now_ms;
            items.insert(items.begin() + k + 1, std::move(copy));
            if (current > k) ++current;
            break;
        }
    }
}

}  // namespace qcity::app
