// qcity app — the Dear ImGui interface over the core. Platform-free: the web glue
// (src/platform/web) owns the window, the GL context, the main loop and the browser, and hands the
// app what it needs through Platform.
#pragma once

#include "core.h"
#include "workspace.h"

#include <array>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qcity::app {

// What the app asks of the platform.
struct Platform {
    std::function<double()> now_ms;                                             // wall clock, ms since the epoch
    std::function<void()> changed;                                              // the workspace changed: autosave soon, tell the page
    std::function<void(const std::string& name, const std::string& text)> download;  // save a file
    std::function<void()> pick_file;                                            // open the file picker (→ import_file)
    std::function<void(const std::string& html)> print;                         // print a report document
    // Saves a file like a document (backups, Save / Save as…): where the browser can write files on
    // disk (File System Access) the first save of `key` (an assessment) asks where and later ones
    // write there without asking; `ask` always asks; elsewhere a download. The outcome comes back
    // through file_saved(request, …). Unset: `download` is used and counts as written.
    std::function<void(int request, const std::string& key, const std::string& name, const std::string& text, bool ask)> save_file;
    bool save_in_place = false;   // Save writes to a file on disk (and Save as… is offered)
};

// How a save ended (file_saved). Only `written` and `downloaded` mark anything as exported.
enum class SaveOutcome { written, downloaded, cancelled, failed };

enum class StorageState { ok, unavailable, full };

// Files picked or dropped together are read one after another; their outcome is told once for all
// of them ("已导入 3 个：滨海县、亭湖区、响水县", and each that failed, with the core's reason).
struct ImportBatch {
    int expected = 0;                   // files announced (begin_import), or received so far
    int received = 0, done = 0;
    struct Imported {
        Profile profile;
        std::string unit;
        int year;
        bool replaced;
        bool merged = false;            // a file merged into the saved one (issue 15)…
        int figures_changed = 0;        // …changing this many figures
        std::string file;               // …the file's name
    };
    std::vector<Imported> imported;     // added or replaced
    std::vector<Imported> kept;         // a saved one kept (the person declined to replace it)
    std::vector<std::pair<std::string, Text>> failed;  // file name, why
};

// The city roll-up of the chosen county items, kept until the workspace, the catalog or the choice
// changes (current_rollup). Roll-up and matrix hold both languages' words.
struct RollupCache {
    bool valid = false;
    uint64_t revision = 0;              // App::revision it was computed at
    const Catalog* catalog = nullptr;
    std::vector<std::string> ids;       // the chosen items, in order
    bool ok = false;                    // false: `problems` says why there is no roll-up
    std::vector<Problem> problems;
    Rollup rollup;
    RollupMatrix matrix;
    League league;                      // the county comparison (issue 16): league table, rankings
};

// Over the years (issue 16), for the open item, kept until the workspace or the open item changes
// (current_years): its figures that moved unusually since the latest earlier saved year of its
// unit (previous_year over the saved items; confirmed ones included, marked), and the trend of its
// unit over every saved year (one item per year; the open one for its own year). Texts hold both
// languages.
struct YearsCache {
    bool valid = false;
    uint64_t revision = 0;
    std::string item_id;
    const Catalog* catalog = nullptr;
    int previous_year = 0;              // 0: no earlier year saved
    std::vector<UnusualChange> unusual;
    int unconfirmed = 0;                // of `unusual`, not confirmed
    bool has_trend = false;             // two years or more saved
    Trend trend;
    const UnusualChange* unusual_of(const std::string& key) const {
        for (const UnusualChange& u : unusual)
            if (u.key == key) return &u;
        return nullptr;
    }
    const IndicatorTrend* trend_of(const std::string& indicator) const {
        if (!has_trend) return nullptr;
        for (const IndicatorTrend& t : trend.indicators)
            if (t.def && t.def->id == indicator) return &t;
        return nullptr;
    }
};

// Work done, counted for the tests that check it is done only when something changes (issue 13).
struct WorkCounts {
    int evaluations = 0;    // the open item judged
    int readiness = 0;      // the open enterprise item's award readiness judged
    int rollups = 0;        // roll-up + matrix of the chosen counties
    int results_json = 0;   // the page's results document built (platform)
    int submission_checks = 0;  // the open item checked against its frozen submission (issue 15)
    int years = 0;          // the open item's unusual changes and its unit's trend (issue 16)
};

// Everything the interface holds between frames.
struct App {
    Workspace ws;
    Platform platform;
    float scale = 1.0f;         // device pixel ratio: style sizes are CSS pixels × scale
    bool redraw = true;         // state changed outside of input: draw at least one more frame
    // assets/i18n/ui.json, as the build ships it (core.h, UiStrings): its Chinese read by init(), its
    // English the first time a string is wanted in English (app.cpp, merge_english; mutable: tr()
    // reads a const App).
    mutable UiStrings strings;
    mutable bool english_merged = false;
    mutable bool english_missing = false;  // the platform could not provide it
    StorageState storage = StorageState::ok;
    int unreadable_items = 0;   // saved items that did not read (kept aside by the platform)
    // Storage that survives (issue 12): the last save that worked, what the browser answered to
    // navigator.storage.persist(), and saved data that vanished (localStorage cleared).
    double storage_saved_ms = 0;        // 0: nothing saved since the page opened
    int storage_persist = -2;           // 1 granted, 0 refused, -1 no such API here, -2 not answered yet
    int storage_cleared_items = -1;     // ≥ 0: the browser had this many saved before and they are gone
    double storage_cleared_saved_ms = 0;
    // Two tabs: what the last merge of another tab's save did here (conflicts, a deletion), both languages.
    Text merge_message;

    // Start screen: the new-assessment form.
    int form_profile = 0;       // 0 county, 1 enterprise
    int form_unit = 0;
    std::string form_name;
    int form_year = 2024;       // as typed: a year outside the catalog's range is refused, not clamped
    Text form_message;

    // Results screen. "Only not met" belongs to one assessment (item ids that have it on): opening
    // another never hides its rows. The sort order is a way of reading and carries over.
    std::set<std::string> only_not_met;
    int sort = 0;               // 0 policy order, 1 distance to target

    // Dialogs and messages.
    int confirm_delete = -1;
    std::string evidence_indicator;     // the indicator whose evidence dialog is open (佐证材料)
    bool open_evidence = false;
    std::string confirm_figure;         // the figure whose "确认无误" dialog is open (issue 16)…
    std::string confirm_note;           // …and its note as typed
    bool open_confirm = false;
    std::string pending_import;         // a file waiting for "replace?" confirmation (its bytes)
    std::string pending_import_name;    // …and its name
    std::vector<std::pair<std::string, std::string>> import_queue;  // files picked together, after it
    int pending_conflict = -1;
    // Merging the pending file into the saved assessment instead of replacing it (issue 15): the
    // merge under way while the merge dialog asks for each conflict's side.
    FileMerge merge;
    bool open_merge = false;
    ImportBatch import_batch;           // the files picked or dropped together, until all are done
    Text error_title, error_text;       // both languages: a message follows the language switch
    bool open_error = false, open_replace = false, open_delete = false;
    Text status_line;                   // the last action's result ("已导出：…"), in both languages

    // Backups and saving like a document: the saves under way (request → the items written and the
    // edit stamp each had when the write began), and a backup being restored (its conflicts asked
    // one by one in the backup conflict dialog).
    struct PendingSave {
        std::vector<std::pair<std::string, double>> items;   // item id, edited_ms at the request
        double at_ms = 0;
        bool backup = false;
    };
    std::map<int, PendingSave> saves;
    int next_save = 1;
    Restore restore;
    bool open_backup_conflict = false;
    // A dialog asked for this frame (each open_* flag above: a new one goes here too). With none asked
    // for and no popup open, the dialogs are not drawn at all (app.cpp, frame()).
    bool dialog_asked() const {
        return open_evidence || open_confirm || open_merge || open_error || open_replace || open_delete || open_backup_conflict;
    }

    // Jumping to the fields concerned (the problem banner, the missing count): the figure to scroll
    // to and focus when its field is next drawn, the last one jumped to (the next jump goes on from
    // there, wrapping), and the figure fields in the order the last frame drew them.
    std::string focus_figure;
    int focus_frames_left = 0;
    bool show_gates_tab = false;    // the readiness screen opens on its eligibility tab (a gate's figure)
    std::string scroll_figure;
    int scroll_figure_frames = 0;
    std::string last_jump;
    std::vector<std::string> fields_drawn;          // of the item fields_drawn_item, last drawn
    std::string fields_drawn_item;
    std::vector<std::string> fields_drawn_this_frame;

    // Content changes applied so far (mark_changed): what is computed from the workspace is kept
    // with the revision it was computed at.
    uint64_t revision = 0;
    WorkCounts work;
    RollupCache rollup_cache;
    YearsCache years_cache;

    // The open item's evaluation, recomputed when the workspace changes.
    Evaluation eval;
    bool eval_valid = false;
    ReadinessResult readiness;          // enterprise only
    bool readiness_valid = false;
    // The open item against its frozen submission (定稿): unchanged, or what changed since.
    SubmissionCheck submission;
    bool submission_valid = false;

    // Year over year: the saved item (same unit, an earlier year) the open one is compared with.
    std::string compare_id;
    std::vector<IndicatorChange> changes;
    bool changes_valid = false;

    // City roll-up: the year, and the county items left out of it.
    int rollup_year = 0;
    std::vector<std::string> rollup_excluded;
    int rollup_sort_column = -1;        // matrix column the rows are sorted by (-1: input order)
    bool rollup_sort_descending = false;

    // Readiness screen: the reference line as typed (kept when it is not a valid number).
    std::string reference_text;
    bool reference_bad = false;

    // Text fields: the figure whose field is being edited (from the last frame), for pasting a
    // column of numbers into it and the fields after it.
    std::string active_figure;
    std::string active_figure_this_frame;

    // Changes made while a frame is drawn are announced after it (the frame is still reading the
    // evaluation the announcement would recompute).
    bool in_frame = false;
    bool change_pending = false;
    bool content_pending = false;       // …and it changed the workspace (not only the view)

    // The accessible mirror (a11y.h): the figure whose edit was just committed (its indicators'
    // new status is said by the live region in the next frame, once judged), and the status line
    // as last said.
    std::string announce_figure, announcing_figure;
    std::string status_said;
};

void init(App& app);
void set_scale(App& app, float scale);  // restyles for a device pixel ratio
// Draws one frame of the interface (between ImGui::NewFrame() and ImGui::Render()).
void frame(App& app);
// A UI string in the app's language (the key itself when the string is missing, so a gap shows).
const char* tr(const App& app, const char* key);

// Something changed the workspace (an edit, an import, the page API): re-judge, autosave, redraw.
void mark_changed(App& app);
// The language or the screen changed: autosave, tell the page, redraw; nothing is judged again.
void mark_view_changed(App& app);
// Applies a change made during the frame, after it (frame() calls it).
void announce_change(App& app);
const Evaluation& current_evaluation(App& app);
// The roll-up of these county items (indices into ws.items), computed when they or the workspace changed.
const RollupCache& current_rollup(App& app, const std::vector<int>& items);
// The open item's unusual changes and its unit's trend over the saved years (issue 16).
const YearsCache& current_years(App& app);
// "确认无误": confirms the open item's figure `key` with `note` (stamped, saved, merged) and says so.
void confirm_unusual(App& app, const std::string& key, const std::string& note);
// The open enterprise assessment's award readiness (empty for a county assessment).
const ReadinessResult& current_readiness(App& app);
// The open assessment checked against its last frozen submission (state never when not frozen).
const SubmissionCheck& current_submission(App& app);
// 定稿: freezes the open assessment at the app's clock (a new version when frozen before) and says so.
void freeze_open(App& app);
// Files the person picked or dropped: begin_import(n) announces n files, then each arrives through
// import_file (or import_failed when it could not be read), in the order picked. Asks before
// replacing a saved assessment; once every file is done, says what was imported and, for each file
// that failed, why (the core's message). Without begin_import a file is a batch of its own.
void begin_import(App& app, int files);
void import_file(App& app, const std::string& name, const std::string& bytes);  // the file's bytes, as read
void import_failed(App& app, const std::string& name, const Text& why);
// Save (ask = false: to the file it was last saved to, where the browser can) or Save as… (ask).
void export_open(App& app, bool ask = false);
// "Send to departments" (发给各部门填报, issue 15): the open county assessment's template for each
// department that supplies figures (only its figures, saying whose it is), one CSV download each.
void send_to_departments(App& app);
// "Back up everything": all assessments in one qcity.backup/1 file.
void backup_all(App& app);
// A save asked through Platform::save_file ended: `file` is the name written, `error` the browser's
// reason when it failed. Marks the items exported only when the file was written (or downloaded).
void file_saved(App& app, int request, SaveOutcome outcome, const std::string& file, const std::string& error);
// "已于 12月5日 14:03 导出，此后有修改" / "exported 5 Dec 14:03; changed since" / "从未导出".
std::string export_state_text(const App& app, const Item& it, Lang lang);
// The open assessment's figures as the CSV template, its results as CSV (with the change since
// the compared year when one is chosen), and its report: printed, or saved as an HTML file.
void export_figures_csv(App& app);
void export_results_csv(App& app);
void print_report(App& app);
void save_report(App& app);
// The items the open one can be compared with (same profile and unit, an earlier year).
std::vector<int> comparable_items(const App& app);
const std::vector<IndicatorChange>* current_changes(App& app);
// A paste of several lines (a column copied from Excel) while a figure's field is being edited:
// fills that field and the following figure fields in entry order, and says what was filled.
// Returns false (nothing done) for a single line or when no figure field is active.
bool paste_column(App& app, const std::string& text);

// Two tabs: merges what another tab saved (a qcity.workspace/1 document) into this workspace and
// tells the person when an edit made here was replaced by a later one (merge_message). Dialogs that
// hold an item's index follow it. Returns the merge report (local_ahead: save this workspace).
MergeReport merge_stored(App& app, const Json& stored);

// Browser tests: the labelled items and their rectangles of the last frame, as JSON
// ([{"label","id","x","y","w","h","window", "checked"?, "focused"?, "active"?}], in framebuffer pixels). See test_hooks.cpp.
std::string test_items_json();
// Browser tests, a failure's report: Dear ImGui's keyboard focus as it is now (its nav and active
// ids and windows, whether the nav cursor shows, Enter down) — why a key did or did not act.
std::string test_nav_json();
// A line of text the tests read (a status, a message, a count): recorded with the last item's
// rectangle under the label "text###id".
void test_text(const char* id, std::string_view text);
void test_hooks_begin_frame();
void test_hooks_end_frame();
// The hooks cost nothing in the shipped app until a test turns them on (qcity_test_enable(), from
// tests/browser/lib.mjs): while off, Dear ImGui skips its item hooks and the app builds no test
// label ("###status_<id>", "##text:…") — callers that build one check test_hooks_on() first.
bool test_hooks_on();
// Turns the hooks on (they stay on for the page's life); returns whether they were on already.
bool test_hooks_enable();

}  // namespace qcity::app
