// qcity app — the workspace: the assessments a person keeps side by side, what they typed, and
// which one is open. Pure C++ over the core (no ImGui, no browser), so the web glue, the page API
// and native tests all drive the same operations.
#pragma once

#include "core.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qcity::app {

enum class Screen { start, entry, results, readiness, rollup };
const char* screen_id(Screen s);

// One entry's last edit, for merging what two tabs did to one workspace (merge_from). An entry is
// what one edit can change: "figure:<key>" (the value and its draft), "note:<key>", "readiness",
// "settings", "identity" (catalog, profile, unit, year), "sources" (where each figure came from: a merge),
// and the county workflow's (issue 15) "evidence:<indicator id>", "signoff:<member>" (preparer,
// reviewer…) and "submission"; and a checked unusual change (issue 16), "confirmed:<figure key>".
struct EditStamp {
    double at = 0;        // when, ms since the epoch; strictly increasing per entry within a tab
    double base = 0;      // the stamp of the value this edit replaced, as the editing tab saw it
    std::string by;       // the tab that made it (Workspace::session)
};

// One saved assessment.
struct Item {
    std::string id;                                   // unique across tabs: "i<time>-<tab><n>" (old saves: "a1", "a2"…)
    Assessment assessment;
    double edited_ms = 0;                             // last edit, ms since the epoch
    std::map<std::string, std::string> drafts;        // figure key → text as typed, when it is not a valid value
    // Backups: when the assessment was last written to a file that holds all of it (its own
    // qcity.assessment/1 file by Save/Export, or a backup), the edit stamp that write saw, and the
    // file's name. "Changed since" is an edit stamp other than the one written; CSV and report
    // exports do not count (they do not carry everything: settings, readiness, notes by indicator).
    double exported_ms = 0;                           // 0: never exported
    double exported_edit_ms = 0;                      // edited_ms as it was when written
    std::string exported_to;                          // the file name
    bool ever_exported() const { return exported_ms > 0; }
    bool changed_since_export() const { return exported_ms > 0 && edited_ms != exported_edit_ms; }
    std::map<std::string, EditStamp> stamps;          // entry key → its last edit (entries never edited have none)
    // The backup file this copy was kept from when a restore kept both versions: two assessments of
    // one unit and year then stand in the list, and this tells them apart (the unit itself must stay
    // the catalog's, so it is not renamed). Empty for all others.
    std::string kept_from;
};

// What merge_from() did to this workspace.
struct MergeConflict {
    std::string item_id, entry;   // the entry ("figure:mfg_sampled_batches") whose edit here lost
    Profile profile = Profile::county;
    std::string unit;
    int year = 0;
    // What was lost and what was kept: a figure's values (its draft, when it had one, in *_text),
    // a note's or a sign-off member's text, an indicator's evidence as shown (both languages, in
    // *_shown: "已提供，档案室 3 号柜"). Readiness, settings and the submission are named only.
    FigureValue lost, kept;
    std::string lost_text, kept_text;
    Text lost_shown, kept_shown;
};
struct MergeReport {
    bool changed = false;         // something was taken from the stored workspace
    bool local_ahead = false;     // this workspace holds edits the stored one lacks: save it
    std::vector<std::string> added, updated, removed;   // item ids
    bool open_removed = false;    // the open assessment was deleted in another tab
    std::vector<MergeConflict> conflicts;  // this tab's edits that a later edit elsewhere replaced
};

enum class ImportResult { added, replaced, needs_confirmation, failed };

// Importing a file over a saved assessment as a merge (issue 15) rather than a replacement: the
// saved assessment and the file are the two sides of the core's merge_assessments. Figures only
// one side has are taken; each conflict (the same figure, an indicator's evidence, a sign-off
// entry or the settings with other values) waits for the person's choice of side; nothing changes
// until every conflict is chosen and the merge is applied.
struct FileMerge {
    static constexpr size_t here = 0, file = 1;   // the sides, as merge_assessments indexes them
    std::string item_id;                  // the saved assessment merged into
    std::string file_name;                // the file's name, as picked
    std::vector<Assessment> sides;        // [here] the saved assessment, [file] the file as read
    std::vector<std::string> names;       // what `sources` records for each side's figures
    std::map<std::string, size_t> choose; // conflict key → the side whose value is taken
    MergeResult result;                   // the merge as chosen so far (prepare_merge, choose_side)
    size_t unchosen() const { return result.unsettled(); }
};

// Restoring a backup (qcity.backup/1, read by the core's read_backup): what is missing is added,
// what is identical is skipped, and each conflict — the same profile + unit + year saved here with
// other content — waits for the person's answer.
enum class ConflictChoice { keep_mine, take_backup, keep_both };
struct Restore {
    struct Name { Profile profile; std::string unit; int year; };
    std::string file;                         // the backup's file name
    double backup_ms = 0;                     // when it was written
    std::vector<Name> added, replaced, kept, both;
    int identical = 0;
    std::vector<std::pair<BackupEntry, std::string>> conflicts;  // the backup's entry, the id of the saved one
    size_t next = 0;                          // the conflict to ask about
    std::vector<Problem> bad;                 // entries of the backup that did not read (named by the core)
    bool asking() const { return next < conflicts.size(); }
};

// The workspace's catalog: the one set, else the built-in default_catalog(), looked up the first
// time something uses it. In the web build the built-in catalogs are files beside the page: a first
// visit's first frame (the start screen's form: default_catalog_head()) draws without them, and
// whatever reads the catalog later gets it, provided then if it is not yet (core.h:
// set_embedded_files_provider).
class CatalogRef {
public:
    CatalogRef& operator=(const Catalog* c) { c_ = c; return *this; }
    const Catalog* get() const { return c_ ? c_ : (c_ = &default_catalog()); }
    operator const Catalog*() const { return get(); }
    const Catalog* operator->() const { return get(); }
    const Catalog& operator*() const { return *get(); }
    const Catalog* loaded() const { return c_; }  // the catalog if set or looked up already (never loads it)
private:
    mutable const Catalog* c_ = nullptr;
};

struct Workspace {
    CatalogRef catalog;
    std::vector<Item> items;
    int current = -1;                 // index of the open item, -1 when none
    Screen screen = Screen::start;
    Lang lang = Lang::zh;
    // Large-text mode (大字版, issue 14): text 1.5× and click targets ≥ 44 CSS px. A way of reading,
    // like the language: saved with the workspace, this tab's own when another tab's save merges in.
    bool large_text = false;
    int next_id = 1;
    // This tab, for edit stamps and new item ids (a random tag from the platform; empty natively
    // gives the old "a<n>" ids). Not saved: every tab and every reload is a new session.
    std::string session;
    std::map<std::string, EditStamp> removed;   // item id → its deletion (tombstones, so a delete propagates)

    Item* open_item() { return current >= 0 && current < (int)items.size() ? &items[(size_t)current] : nullptr; }
    const Item* open_item() const { return current >= 0 && current < (int)items.size() ? &items[(size_t)current] : nullptr; }
    int find(const std::string& id) const;
    int find_unit_year(Profile p, const std::string& unit, int year, int except = -1) const;

    // Creates a new empty assessment and opens it on the entry screen. Returns its index.
    int create(Profile p, const std::string& unit, int year, double now_ms);
    // A copy for the next year: the same unit and figures, the first year after the original's
    // that the workspace does not already hold for that unit (last year's file as this year's
    // starting point, as people copy last year's Excel template), within the catalog's years (past
    // its last year: the latest free year before). Opens it; returns its index, -1 when every year
    // of the catalog is taken for that unit (or no such index).
    int duplicate(int index, double now_ms);
    void remove(int index, double now_ms = 0);   // leaves a tombstone for other tabs
    void open(int index, Screen s = Screen::entry);

    // What was typed into a figure's field: parsed by the core; a value the core cannot use is
    // kept as a draft so the person sees their text and the core's message, and can fix it.
    void set_figure_text(const std::string& key, const std::string& text, double now_ms);
    // The text to show in a figure's field (the draft if there is one).
    std::string figure_text(const std::string& key) const;
    void set_figure_value(const std::string& key, const FigureValue& v, double now_ms);
    void set_note(const std::string& key, const std::string& text, double now_ms);

    // Award readiness (enterprise assessments), kept in Assessment::readiness. No threshold
    // restores the published one, a waived one lifts the gate; nullopt / empty text clears an entry.
    void set_gate_threshold(const std::string& award, const std::string& gate, std::optional<GateThreshold> value, double now_ms);
    void set_item_percent(const std::string& item, std::optional<int> percent, double now_ms);
    // A percentage as typed (percent_from_text): a whole number, or the text kept as typed for the
    // core to say what is wrong with it; empty text clears it.
    void set_item_percent_text(const std::string& item, const std::string& text, double now_ms);
    void set_item_note(const std::string& item, const char* which, const std::string& text, double now_ms);  // "strength" / "improvement"
    void set_score_reference(std::optional<int> points, double now_ms);

    // The county workflow (issue 15) on the open assessment. An indicator's evidence (佐证材料):
    // nullopt, or "missing" with nothing written, removes the entry (the core counts no entry as
    // missing). A sign-off member by its key (Signoff::fields(): preparer, reviewer, head, phone,
    // date); an unknown key changes nothing. Freezing (定稿) records the submission at `at` (ISO
    // 8601 UTC, the app's clock): the core's freeze(), a new version when frozen before. False
    // (nothing changed) when no assessment is open or the key is unknown.
    bool set_evidence(const std::string& indicator, std::optional<Evidence> evidence, double now_ms);
    bool set_signoff(const std::string& member, const std::string& text, double now_ms);
    bool freeze_open(const std::string& at, double now_ms);
    // "确认无误" (issue 16): the open assessment confirms figure `key`'s present value with `note`
    // (the core's confirm_figure), so its unusual-change warning rests until the value changes.
    // Stamped as "confirmed:<key>". False (nothing changed) when nothing is open or the figure has
    // no value.
    bool confirm_figure(const std::string& key, const std::string& note, double now_ms);

    // Reads an assessment file. A file whose profile + unit + year matches another saved one asks
    // first (needs_confirmation, with `conflict` set); call again with replace = true to replace it.
    // A bad file changes nothing and says why in `error`.
    ImportResult import_text(std::string_view text, bool replace, double now_ms, Problem& error, int* conflict = nullptr);
    // The same for any file as its bytes (read_assessment_file: JSON, CSV or tab-separated text in
    // UTF-8, GBK or UTF-16, .xlsx). A figures table holds figures and notes only: replacing a saved
    // assessment with one keeps that one's settings and award readiness.
    ImportResult import_file(std::string_view bytes, std::string_view name, bool replace, double now_ms, Problem& error,
                             int* conflict = nullptr);
    // Reads a file (as import_file does) and merges it with saved item `index`; nothing changes
    // here. `here` is what `sources` calls the saved side (a figure's own source, or its file's
    // department, comes first: see merge_assessments). False, with `error`, when the file does not
    // read or is not of the item's unit, year and catalog.
    bool prepare_merge(int index, std::string_view bytes, std::string_view name, const std::string& here, FileMerge& out,
                       Problem& error) const;
    // Chooses the side of conflict `key` (every conflict of that key when three values differ).
    void choose_side(FileMerge& m, const std::string& key, size_t side) const;
    // Makes the saved assessment the merged one and opens it: its drafts of the figures that change
    // go, each entry that changes is stamped (other tabs take it), and its frozen submission stays
    // (what changed since shows as changes). Returns the number of figures whose value changed, or
    // -1 (nothing done) while a conflict is unchosen or when the item is gone.
    int apply_merge(const FileMerge& m, double now_ms);
    // Replaces the open assessment (the page API's load(): the host is in charge, no question).
    bool load_into_open(const Json& doc, double now_ms, Problem& error);

    // Backups. Every item as a backup entry, in the workspace's order (for write_backup).
    std::vector<BackupEntry> backup_entries() const;
    // A write of item `id` finished (Save, Save as…, a backup): `edit_ms` is its edited_ms when the
    // write began, so an edit made while it was written still shows as a change. Unknown id: nothing.
    void mark_exported(const std::string& id, double when_ms, double edit_ms, const std::string& file);
    // Adds the backup's missing assessments, skips the identical ones, lists the conflicts.
    Restore restore_backup(Backup backup, const std::string& file, double now_ms);
    // Answers the next conflict of `r` (keep_both keeps the backup's copy beside the
    // saved one, the same unit and year, marked with `kept_from`).
    void resolve_conflict(Restore& r, ConflictChoice choice, double now_ms);

    // Persistence: the whole workspace as one JSON document (assessments in qcity.assessment/1 form).
    Json to_json() const;
    // Restores a saved workspace. Items that no longer read are kept aside in `unreadable` (with
    // their raw JSON), never dropped silently. Returns false when the document is not a workspace.
    bool from_json(const Json& doc, std::vector<std::string>* unreadable = nullptr);

    // Two tabs, one workspace: takes into this workspace what another tab saved (`stored`, a
    // to_json() document), entry by entry. Per entry the later stamp wins; an entry edited here
    // that a later edit elsewhere replaced without having seen it is a conflict (reported, the
    // later value kept). Items made elsewhere are added, items deleted elsewhere removed (unless
    // edited here after the deletion). The open item, screen and language stay this tab's.
    // Returns false (nothing changed) when `stored` is not a workspace.
    bool merge_from(const Json& stored, MergeReport& report);

    // An entry was edited now (see EditStamp). Called by every edit above.
    void touch(Item& it, const std::string& entry, double now_ms);
    std::string new_item_id(double now_ms);
};

}  // namespace qcity::app
