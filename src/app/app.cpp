// qcity app — the interface: start, entry and results screens over the workspace.
//
// Index of this file
// [SECTION] Strings and formatting
// [SECTION] Style and colours
// [SECTION] State changes (edits, files)
// [SECTION] Backups and saving like a document
// [SECTION] Small widgets: status chip, help marker, bullet chart
// (the readiness screen is in app_readiness.cpp)
// [SECTION] Storage and other tabs (the banner, the persistence line, merging another tab's save)
// [SECTION] Top bar
// [SECTION] Start screen
// [SECTION] Entry screen
// [SECTION] Results screen
// [SECTION] Dialogs
// [SECTION] Frame
// (evidence, the sign-off and 定稿 — the county workflow — are in app_workflow.cpp)

#include "app_internal.h"

#include "imgui.h"
#include "imgui_internal.h"  // ClearActiveID: let go of a field whose value was set from outside
#include "imgui_stdlib.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <set>

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Strings and formatting
//-------------------------------------------------------------------------------------------------

// A string of ui.json in a language: a plain string, or plural forms {"one", "other"} (CLDR
// categories) from which `count` chooses; without a count, the `other` form. The key itself when the
// string has none in that language.
static void merge_english(const App& app);
static const char* tr_form(const App& app, Lang lang_id, const char* key, const std::string* count) {
    if (lang_id == Lang::en && !app.english_merged) merge_english(app);
    if (lang_id == Lang::en && app.english_missing) lang_id = Lang::zh;  // (could not be had: Chinese, not keys)
    const char* s = app.strings.find(key, lang_id, count);
    return s ? s : key;
}

const char* tr(const App& app, const char* key) { return tr_form(app, app.ws.lang, key, nullptr); }

// tr() with {name} placeholders filled.
std::string trf(const App& app, const char* key, const std::vector<std::pair<std::string, std::string>>& args) {
    return format_string(tr(app, key), args);
}
std::string trf_in(const App& app, Lang lang, const char* key, const std::vector<std::pair<std::string, std::string>>& args) {
    return format_string(tr_form(app, lang, key, nullptr), args);
}

// A string with a count: its plural form chosen by the count as shown, "{n}" and `args` filled.
static std::string trn_lang(const App& app, Lang lang, const char* key, const std::string& count,
                            const std::vector<std::pair<std::string, std::string>>& args) {
    std::vector<std::pair<std::string, std::string>> all{{"n", count}};
    all.insert(all.end(), args.begin(), args.end());
    return format_string(tr_form(app, lang, key, &count), all);
}
std::string trn(const App& app, const char* key, const std::string& count,
                const std::vector<std::pair<std::string, std::string>>& args) {
    return trn_lang(app, app.ws.lang, key, count, args);
}
std::string trn(const App& app, const char* key, int64_t count, const std::vector<std::pair<std::string, std::string>>& args) {
    return trn(app, key, std::to_string(count), args);
}
std::string trn_in(const App& app, Lang lang, const char* key, int64_t count,
                   const std::vector<std::pair<std::string, std::string>>& args) {
    return trn_lang(app, lang, key, std::to_string(count), args);
}

// A label whose visible text changes with the language keeps one ImGui ID ("###id").
std::string lbl(const App& app, const char* key, const char* id) { return std::string(tr(app, key)) + "###" + id; }

std::string unit_name(const App& app, const std::string& unit, Lang lang) {
    return app.ws.catalog ? unit_display_name(*app.ws.catalog, Profile::county, unit, lang) : unit;
}

std::string join_names(const std::vector<std::string>& names, Lang lang) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : (lang == Lang::en ? ", " : "、")) + n;
    return out;
}

// The open assessment's unit in the header, the saved list and the dialogs: a county by the
// catalog's name in the language shown (the same as the start screen's picker).
static std::string unit_name(const App& app, const Assessment& a, Lang lang) {
    if (a.profile != Profile::county) return a.unit;
    return unit_name(app, a.unit, lang);
}

static std::string format_time(double ms) {
    if (ms <= 0) return "—";
    std::time_t t = (std::time_t)(ms / 1000.0);
    std::tm tm{};
    if (!localtime_r(&t, &tm)) return "—";
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

static const char* profile_key(const Assessment& a) {
    if (a.settings.city()) return "profile.city";
    return a.profile == Profile::enterprise ? "profile.enterprise" : "profile.county";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Style and colours
//-------------------------------------------------------------------------------------------------


ImVec4 status_color(Status s) {
    switch (s) {
        case Status::met: return colors::met;
        case Status::not_met: return colors::not_met;
        case Status::invalid: return colors::invalid;
        case Status::info: return colors::info;
        default: return colors::missing;
    }
}

// Large-text mode (大字版): text this many times the normal size, and every click target at least
// kLargeTargetCssPx high (the MIIT 适老化 rules; WCAG 2.5.5).
constexpr float kLargeTextFactor = 1.5f;
constexpr float kLargeTargetCssPx = 44.0f;

float text_factor(const App& app) { return app.ws.large_text ? kLargeTextFactor : 1.0f; }

void set_scale(App& app, float scale) {
    app.scale = scale;
    const float k = text_factor(app);
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    // The font's size is the platform's (FontSizeBase in CSS px × FontScaleDpi, fonts.cpp): kept.
    // Large text scales it by FontScaleMain; Dear ImGui 1.92's atlas rasterises glyphs at the new
    // size on first use (no rebuild).
    const ImGuiStyle& current = ImGui::GetStyle();
    style.FontSizeBase = current.FontSizeBase;
    style.FontScaleDpi = current.FontScaleDpi;
    style.FontScaleMain = k;
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.PopupRounding = 6.0f;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 7);
    style.CellPadding = ImVec2(8, 6);
    style.WindowPadding = ImVec2(18, 12);
    style.FrameBorderSize = 1.0f;
    style.DisabledAlpha = palette::kDisabledAlpha;
    // The colours: palette.h (the contrast test reads the same values).
    using colors::v4;
    ImVec4* col = style.Colors;
    col[ImGuiCol_Text] = v4(palette::text);
    col[ImGuiCol_TextDisabled] = v4(palette::text_disabled);
    col[ImGuiCol_WindowBg] = v4(palette::window_bg);
    col[ImGuiCol_PopupBg] = v4(palette::popup_bg);
    col[ImGuiCol_FrameBg] = v4(palette::frame_bg);
    col[ImGuiCol_Border] = v4(palette::border);
    col[ImGuiCol_Header] = v4(palette::header);
    col[ImGuiCol_HeaderHovered] = v4(palette::header_hovered);
    col[ImGuiCol_Button] = v4(palette::button);
    col[ImGuiCol_ButtonHovered] = v4(palette::button_hovered);
    col[ImGuiCol_ButtonActive] = v4(palette::button_active);
    col[ImGuiCol_TitleBgActive] = v4(palette::title_bg_active);
    col[ImGuiCol_CheckMark] = v4(palette::check_mark);
    col[ImGuiCol_PlotHistogram] = v4(palette::plot_histogram);
    col[ImGuiCol_TableHeaderBg] = v4(palette::table_header_bg);
    col[ImGuiCol_TableRowBgAlt] = v4(palette::table_row_bg_alt);
    col[ImGuiCol_NavCursor] = v4(palette::nav_cursor);
    style.ScaleAllSizes(scale * k);
    if (app.ws.large_text) {
        // A button, a field, a tab: the font's line plus the padding ≥ kLargeTargetCssPx.
        const float font_css = current.FontSizeBase > 0.0f ? current.FontSizeBase * k : 17.0f * k;
        style.FramePadding.y = std::max(style.FramePadding.y, std::ceil((kLargeTargetCssPx - font_css) * 0.5f) * scale);
    }
    ImGui::GetStyle() = style;
}

// The keyboard focus ring ≥ 2 CSS px wide (WCAG 2.4.7 / 2.4.11, the MIIT rules). Dear ImGui 1.92
// draws its nav cursor (RenderNavCursor) 2 framebuffer px wide — 1 CSS px at DPR 2, not scalable by
// the style — so the app draws it again, kFocusRingCssPx wide, over ImGui's, in the same colour
// (ImGuiCol_NavCursor, palette.h), clipped to the window the widget is in. Called at the end of
// the frame, when the widget with the keyboard focus has been drawn (NavIdIsAlive).
static void focus_ring(const App& app) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* w = g.NavWindow;
    if (!g.NavCursorVisible || !g.NavIdIsAlive || g.NavId == 0 || !w || !w->WasActive || w->Hidden) return;
    ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
    if (r.IsInverted() || r.GetWidth() <= 0.0f) return;
    const float t = palette::kFocusRingCssPx * app.scale;
    const float d = 2.0f * app.scale + t * 0.5f;  // just outside ImGui's own ring (3 + 1 px out)
    r.Expand(d);
    ImRect clip = g.NavLayer == ImGuiNavLayer_Main ? w->InnerClipRect : w->Rect();
    if (!clip.Overlaps(r)) return;
    w->DrawList->PushClipRect(clip.Min, clip.Max, false);
    w->DrawList->AddRect(r.Min, r.Max, ImGui::GetColorU32(ImGuiCol_NavCursor), g.Style.FrameRounding + d * 0.5f, 0, t);
    w->DrawList->PopClipRect();
}

// The UI's English (i18n/ui.en.json: compiled in natively; the web build's is a file beside the page,
// fetched after the first frame, which the platform provides): read once, the first time a string is
// wanted in English.
static void merge_english(const App& app) {
    app.english_merged = true;
    // (Empty when the platform could not provide it: the page has said why. Chinese is shown then.)
    if (!app.strings.read_json(Lang::en, embedded("i18n/ui.en.json"))) app.english_missing = true;
}

void init(App& app) {
    app.strings = UiStrings{};
    app.strings.read_table(Lang::zh, embedded("i18n/ui.zh.strings"));  // no JSON before the first frame
    app.english_merged = app.english_missing = false;
    std::time_t t = app.platform.now_ms ? (std::time_t)(app.platform.now_ms() / 1000.0) : std::time(nullptr);
    std::tm tm{};
    if (localtime_r(&t, &tm)) app.form_year = tm.tm_year + 1900 - 1;  // assessments look back on last year
}

//-------------------------------------------------------------------------------------------------
// [SECTION] State changes (edits, files)
//-------------------------------------------------------------------------------------------------

double now(const App& app) { return app.platform.now_ms ? app.platform.now_ms() : 0.0; }

// mark_changed, mark_view_changed, current_evaluation: app_state.cpp.

static bool ends_with(const std::string& s, const char* suffix) {
    size_t n = std::strlen(suffix);
    if (s.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
        if (std::tolower((unsigned char)s[s.size() - n + i]) != suffix[i]) return false;
    return true;
}

// --- Importing files -----------------------------------------------------------------------------
// A batch is the files picked or dropped together. Each file is added, replaces a saved assessment
// (after a question), is kept out (the person declined), or fails; when the last is done, one
// message names them all.

static bool batch_finished(const App& app) {
    const ImportBatch& b = app.import_batch;
    return b.done >= b.expected && app.pending_import.empty() && app.import_queue.empty() && !app.restore.asking();
}

// "滨海县、亭湖区" — with the year when the files are of different years ("东台市 2022、东台市 2023").
static std::string batch_names(const App& app, const std::vector<ImportBatch::Imported>& list, Lang lang) {
    bool years_differ = false;
    for (const auto& x : list) years_differ |= x.year != list.front().year;
    std::vector<std::string> names;
    for (const auto& x : list) {
        std::string n = x.profile == Profile::county ? unit_name(app, x.unit, lang) : x.unit;
        names.push_back(years_differ ? n + " " + std::to_string(x.year) : n);
    }
    return join_names(names, lang);
}

static std::vector<std::string> error_fields(const Evaluation& e);  // the entry screen's (below)

// The batch is done: the status line says what came in; a dialog lists each file that failed, with
// the core's reason. A single file keeps its short messages ("已导入：亭湖区 2023").
static void finish_import_batch(App& app) {
    ImportBatch b = std::move(app.import_batch);
    app.import_batch = ImportBatch{};
    if (b.done == 0) return;
    if (b.done == 1 && b.failed.size() == 1) {
        const std::string& file = b.failed.front().first;
        const Text& why = b.failed.front().second;
        app.error_title = both([&](Lang l) { return trf_in(app, l, "import.failed"); });
        app.error_text = both([&](Lang l) { return file + "\n" + why.get(l); });
        app.open_error = true;
        return;
    }
    if (b.done == 1 && b.imported.size() == 1) {
        const ImportBatch::Imported& x = b.imported.front();
        app.status_line = both([&](Lang l) {
            const std::string unit = x.profile == Profile::county ? unit_name(app, x.unit, l) : x.unit;
            if (x.merged)
                return trn_in(app, l, "import.merged", x.figures_changed, {{"unit", unit}, {"year", std::to_string(x.year)}, {"file", x.file}});
            return trf_in(app, l, x.replaced ? "import.replaced" : "import.added", {{"unit", unit}, {"year", std::to_string(x.year)}});
        });
        // A file with wrong figures: the keyboard focus goes to the first of them (as the problem
        // banner's link does), so that a person using the keyboard or a screen reader starts there.
        std::vector<std::string> bad = error_fields(current_evaluation(app));
        if (!bad.empty()) {
            app.last_jump.clear();
            jump_to_next_field(app, bad);
        }
        return;
    }
    if (b.done == 1) return;  // one file, and the saved one was kept: nothing happened to tell
    auto summary = [&](Lang l) {
        std::vector<std::string> parts;
        if (!b.imported.empty())
            parts.push_back(trn_in(app, l, "import.batch.imported", (int64_t)b.imported.size(), {{"names", batch_names(app, b.imported, l)}}));
        if (!b.kept.empty())
            parts.push_back(trn_in(app, l, "import.batch.kept", (int64_t)b.kept.size(), {{"names", batch_names(app, b.kept, l)}}));
        if (!b.failed.empty()) parts.push_back(trn_in(app, l, "import.batch.failed", (int64_t)b.failed.size()));
        std::string out;
        for (const std::string& p : parts) out += (out.empty() ? "" : (l == Lang::en ? "; " : "；")) + p;
        return out;
    };
    app.status_line = both(summary);
    if (!b.failed.empty()) {
        app.error_title = both([&](Lang l) { return trf_in(app, l, b.imported.empty() ? "import.failed" : "import.batch.title"); });
        app.error_text = both([&](Lang l) {
            std::string out = summary(l);
            for (const auto& failed : b.failed)
                out += "\n\n" + trf_in(app, l, "import.batch.failed_file", {{"file", failed.first}, {"why", failed.second.get(l)}});
            return out;
        });
        app.open_error = true;
    }
}

// One file of the batch is done (imported, kept out, or failed).
static void file_done(App& app) {
    ++app.import_batch.done;
    if (batch_finished(app)) finish_import_batch(app);
    app.redraw = true;
}

static void note_received(App& app) {
    ImportBatch& b = app.import_batch;
    ++b.received;
    if (b.received > b.expected) b.expected = b.received;  // a file without begin_import: a batch of its own
}

void begin_import(App& app, int files) {
    if (files > 0) app.import_batch.expected += files;
}

void import_failed(App& app, const std::string& name, const Text& why) {
    note_received(app);
    app.import_batch.failed.emplace_back(name, why);
    file_done(app);
}

static void record_imported(App& app, bool replaced) {
    const Assessment& a = app.ws.open_item()->assessment;
    app.import_batch.imported.push_back({a.profile, a.unit, a.year, replaced});
    mark_changed(app);
}

static void restore_file(App& app, const std::string& name, const std::string& text);  // a backup (below)

static void process_file(App& app, const std::string& name, const std::string& text) {
    // Several files picked or dropped together: one at a time, each after the last one's question.
    if (!app.pending_import.empty() || app.restore.asking()) {
        app.import_queue.emplace_back(name, text);
        return;
    }
    if (looks_like_backup(text)) {  // "back up everything"'s file: restore it
        restore_file(app, name, text);
        return;
    }
    // The file's bytes: the core decides what they are (JSON, a CSV or tab-separated table in UTF-8,
    // GBK or UTF-16, an .xlsx workbook), whatever the name says. A table holds figures and notes
    // only: replacing a saved assessment keeps that one's settings and award readiness.
    Problem error;
    int conflict = -1;
    ImportResult r = app.ws.import_file(text, name, false, now(app), error, &conflict);
    if (r == ImportResult::failed) {
        app.import_batch.failed.emplace_back(name, error.message);
        file_done(app);
    } else if (r == ImportResult::needs_confirmation) {
        app.pending_import = text;
        app.pending_import_name = name;
        app.pending_conflict = conflict;
        app.open_replace = true;
        app.redraw = true;
    } else {
        record_imported(app, false);
        file_done(app);
    }
}

void import_file(App& app, const std::string& name, const std::string& text) {
    note_received(app);
    process_file(app, name, text);
}

// The pending file (the replace question, the merge dialog) is done: then the next queued one.
static void pending_done(App& app) {
    app.pending_import.clear();
    app.pending_conflict = -1;
    app.merge = FileMerge{};
    if (!app.import_queue.empty()) {
        auto next = app.import_queue.front();
        app.import_queue.erase(app.import_queue.begin());
        file_done(app);
        process_file(app, next.first, next.second);
    } else {
        file_done(app);
    }
}

// The saved assessment the pending file would replace or merge into (null when it is gone).
static const Item* pending_item(const App& app) {
    const Workspace& ws = app.ws;
    return app.pending_conflict >= 0 && app.pending_conflict < (int)ws.items.size() ? &ws.items[(size_t)app.pending_conflict] : nullptr;
}

static void keep_saved(App& app) {
    if (const Item* it = pending_item(app))
        app.import_batch.kept.push_back({it->assessment.profile, it->assessment.unit, it->assessment.year, false});
}

// After the replace question is answered with Replace or Cancel (the saved one kept).
static void replace_answered(App& app, bool replace) {
    Workspace& ws = app.ws;
    bool replaced = false;
    if (replace) {
        Problem error;
        replaced = ws.import_file(app.pending_import, app.pending_import_name, true, now(app), error) == ImportResult::replaced;
    }
    if (replaced) record_imported(app, true);
    else keep_saved(app);
    pending_done(app);
}

// --- Merging a file into the saved assessment (issue 15) -------------------------------------------
// The replace question's third answer. The saved assessment and the file are merged by the core
// (merge_assessments): figures only one side has are taken; a conflict waits in the merge dialog
// for the person to choose a side, and nothing changes until each is chosen and Merge is pressed.
// `sources` names the saved side 本浏览器 (the file's data, in Chinese like the departments' names
// the core records) unless a figure already had a source; the file by its department, else its name.

static void merge_applied(App& app) {
    const std::string file = app.merge.file_name;
    int changed = app.ws.apply_merge(app.merge, now(app));
    if (changed < 0) {  // the saved assessment was deleted meanwhile (another tab): nothing merged
        app.import_batch.failed.emplace_back(file, both([&](Lang l) { return trf_in(app, l, "merge.gone"); }));
        pending_done(app);
        return;
    }
    const Assessment& a = app.ws.open_item()->assessment;
    app.import_batch.imported.push_back({a.profile, a.unit, a.year, false, true, changed, file});
    mark_changed(app);
    pending_done(app);
}

static void merge_answered(App& app) {
    Problem error;
    if (!pending_item(app)) error.message = both([&](Lang l) { return trf_in(app, l, "merge.gone"); });
    if (!pending_item(app) ||
        !app.ws.prepare_merge(app.pending_conflict, app.pending_import, app.pending_import_name, trf_in(app, Lang::zh, "merge.here_source"),
                              app.merge, error)) {
        app.import_batch.failed.emplace_back(app.pending_import_name, error.message);
        pending_done(app);
        return;
    }
    if (app.merge.result.conflicts.empty()) {
        merge_applied(app);
    } else {
        app.open_merge = true;  // the dialog asks; the file stays pending until it is answered
        app.redraw = true;
    }
}

static void merge_cancelled(App& app) {
    keep_saved(app);
    pending_done(app);
}

// Whether the entry screen has a field for the figure (an indicator's input or condition); the award
// gates' own figures are on the readiness screen.
static bool entry_screen_has(const Catalog& c, Profile profile, const std::string& key) {
    for (const IndicatorDef& ind : c.indicators) {
        if (ind.profile != profile) continue;
        std::vector<std::string> keys = ind.inputs();
        if (ind.applies_when) keys.push_back(ind.applies_when->figure);
        for (const auto& tw : ind.target_when) keys.push_back(tw.first.figure);
        for (std::string& k : keys)   // a derived figure is asked as the figure it comes from
            if (const FigureDef* f = c.figure(k)) k = entered_figure(c, *f).key;
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    }
    return false;
}

bool paste_column(App& app, const std::string& text) {
    Workspace& ws = app.ws;
    Item* it = ws.open_item();
    if (!it || app.active_figure.empty() || ws.screen != Screen::entry) return false;
    // Lines (CRLF or LF); a trailing newline (Excel adds one) is not a line. Of a row with several
    // cells (tab-separated), the first cell is taken.
    std::vector<std::string> lines;
    std::string cur;
    for (char ch : text) {
        if (ch == '\n') { lines.push_back(cur); cur.clear(); }
        else if (ch != '\r') cur += ch;
    }
    if (!cur.empty()) lines.push_back(cur);
    if (lines.size() < 2) return false;
    const std::vector<std::string>& order = ws.catalog->entry_order(it->assessment.profile);
    auto start = std::find(order.begin(), order.end(), app.active_figure);
    if (start == order.end()) return false;
    // Only the fields the entry screen shows (the award gates' figures are on the readiness screen;
    // a derived figure is asked as its source).
    auto on_entry_screen = [&](const std::string& key) { return entry_screen_has(*ws.catalog, it->assessment.profile, key); };
    std::vector<const FigureDef*> filled;
    size_t used = 0;
    for (auto k = start; k != order.end() && used < lines.size(); ++k) {
        const FigureDef* f = ws.catalog->figure(*k);
        if (!f || f->profile != it->assessment.profile || !on_entry_screen(*k)) continue;
        std::string cell = lines[used++];
        if (size_t tab = cell.find('\t'); tab != std::string::npos) cell.resize(tab);
        ws.set_figure_text(*k, cell, now(app));
        filled.push_back(f);
    }
    // The field being edited holds its own copy of the text: let go of it so it shows the value.
    ImGui::ClearActiveID();
    app.active_figure.clear();
    app.status_line = both([&](Lang l) {
        std::vector<std::string> names;
        for (const FigureDef* f : filled) names.push_back(f->name.get(l));
        std::string line = trn_in(app, l, "paste.filled", (int64_t)filled.size(), {{"names", join_names(names, l)}});
        if (used < lines.size()) line += trn_in(app, l, "paste.unused", (int64_t)(lines.size() - used));
        return line;
    });
    mark_changed(app);
    return true;
}

void export_open(App& app, bool ask) {
    const Item* it = app.ws.open_item();
    if (!it) return;
    std::string file = export_filename(it->assessment);
    if (app.platform.save_file) {
        // The file remembered for this assessment is keyed by its id and identity, so a new
        // assessment that reuses an id (storage cleared) never writes over another's file.
        const Assessment& a = it->assessment;
        std::string key = it->id + "|" + profile_id(a.profile) + "|" + a.unit + "|" + std::to_string(a.year);
        int request = app.next_save++;
        app.saves[request] = App::PendingSave{{{it->id, it->edited_ms}}, now(app), false};
        app.platform.save_file(request, key, file, write_assessment(a), ask);
        return;
    }
    if (!app.platform.download) return;
    app.platform.download(file, write_assessment(it->assessment));
    app.ws.mark_exported(it->id, now(app), it->edited_ms, file);
    app.status_line = both([&](Lang l) { return trf_in(app, l, "export.done", {{"file", file}}); });
    mark_changed(app);
}

// "qcity-东台市-2023.json" → "qcity-东台市-2023<suffix>".
static std::string export_name(const Assessment& a, const char* suffix) {
    std::string f = export_filename(a);
    if (ends_with(f, ".json")) f.resize(f.size() - 5);
    return f + suffix;
}

std::string today_text(const App& app) {
    double ms = now(app);
    std::time_t t = ms > 0 ? (std::time_t)(ms / 1000.0) : std::time(nullptr);
    std::tm tm{};
    if (!localtime_r(&t, &tm)) return "";
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::vector<int> comparable_items(const App& app) {
    std::vector<int> out;
    const Item* open = app.ws.open_item();
    if (!open) return out;
    for (size_t i = 0; i < app.ws.items.size(); ++i) {
        const Assessment& a = app.ws.items[i].assessment;
        if (a.profile == open->assessment.profile && a.unit == open->assessment.unit && a.year < open->assessment.year) out.push_back((int)i);
    }
    return out;
}

const std::vector<IndicatorChange>* current_changes(App& app) {
    if (app.compare_id.empty()) return nullptr;
    int k = app.ws.find(app.compare_id);
    std::vector<int> ok = comparable_items(app);
    if (k < 0 || std::find(ok.begin(), ok.end(), k) == ok.end()) {
        app.compare_id.clear();  // deleted, or no longer the same unit: no comparison
        return nullptr;
    }
    if (!app.changes_valid) {
        const Assessment& prev = app.ws.items[(size_t)k].assessment;
        const Catalog* pc = builtin_catalog(prev.catalog);
        app.changes = year_over_year(*app.ws.catalog, current_evaluation(app), evaluate(pc ? *pc : *app.ws.catalog, prev));
        app.changes_valid = true;
    }
    return &app.changes;
}

void export_figures_csv(App& app) {
    const Item* it = app.ws.open_item();
    if (!it || !app.platform.download) return;
    std::string file = export_name(it->assessment, "-figures.csv");
    app.platform.download(file, figures_to_csv(*app.ws.catalog, it->assessment, app.ws.lang));
    app.status_line = both([&](Lang l) { return trf_in(app, l, "export.done", {{"file", file}}); });
}

void send_to_departments(App& app) {
    const Item* it = app.ws.open_item();
    if (!it || it->assessment.profile != Profile::county || !app.platform.download) return;
    const Catalog& c = *app.ws.catalog;
    const Assessment& a = it->assessment;
    // CSV, not .xlsx: the browser's download takes text, and a department opens a CSV in Excel or
    // WPS as readily (the file says whose it is: "#department"); what comes back merges on import.
    std::vector<const DepartmentDef*> sent;
    for (const DepartmentDef& d : c.departments) {
        Assessment t = make_department_template(c, Profile::county, d, a.unit, a.year);
        if (t.figures.empty()) continue;  // a department with no county figures gets no file
        // "qcity-东台市-2023-民政局.csv": the department by its Chinese name, as the unit is named.
        app.platform.download(export_name(a, ("-" + d.name.zh + ".csv").c_str()), figures_to_csv(c, t, app.ws.lang));
        sent.push_back(&d);
    }
    app.status_line = both([&](Lang l) {
        std::vector<std::string> names;
        for (const DepartmentDef* d : sent) names.push_back(d->name.get(l));
        return trn_in(app, l, "departments.sent", (int64_t)sent.size(), {{"names", join_names(names, l)}});
    });
}

void export_results_csv(App& app) {
    const Item* it = app.ws.open_item();
    if (!it || !app.platform.download) return;
    std::string file = export_name(it->assessment, "-results.csv");
    const std::vector<IndicatorChange>* ch = current_changes(app);
    app.platform.download(file, results_to_csv(*app.ws.catalog, it->assessment, current_evaluation(app), app.ws.lang, ch));
    app.status_line = both([&](Lang l) { return trf_in(app, l, "export.done", {{"file", file}}); });
}

static std::string open_report(App& app) {
    const Item* it = app.ws.open_item();
    if (!it) return {};
    ReportInput in;
    in.catalog = app.ws.catalog;
    in.assessment = &it->assessment;
    in.evaluation = &current_evaluation(app);
    if (it->assessment.profile == Profile::enterprise) in.readiness = &current_readiness(app);
    if (const std::vector<IndicatorChange>* ch = current_changes(app)) {
        in.changes = ch;
        in.last_year = app.ws.items[(size_t)app.ws.find(app.compare_id)].assessment.year;
    }
    // Over the years (issue 16): the unit's trend, and what moved unusually since its last saved year.
    const YearsCache& years = current_years(app);
    if (years.has_trend) in.trend = &years.trend;
    // (Said "since last_year": only when the year compared with, if any, is the one they are against.)
    if (!years.unusual.empty() && (!in.changes || in.last_year == years.previous_year)) {
        in.unusual = &years.unusual;
        in.last_year = years.previous_year;
    }
    in.lang = app.ws.lang;
    in.exported = today_text(app);
    return report_html(in);
}

void print_report(App& app) {
    if (!app.platform.print) return;
    std::string html = open_report(app);
    if (html.empty()) return;
    app.platform.print(html);
    app.status_line = both([&](Lang l) { return trf_in(app, l, "report.printing"); });
}

void save_report(App& app) {
    const Item* it = app.ws.open_item();
    if (!it || !app.platform.download) return;
    std::string file = export_name(it->assessment, "-report.html");
    app.platform.download(file, open_report(app));
    app.status_line = both([&](Lang l) { return trf_in(app, l, "export.done", {{"file", file}}); });
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Backups and saving like a document
//-------------------------------------------------------------------------------------------------
// What counts as exported: a file that holds all of an assessment and reads back — its own
// qcity.assessment/1 file (Save, Save as…) or a backup. CSV and report exports do not count (the
// figures CSV lacks settings and readiness; the results CSV and the report do not read back).

#ifndef QCITY_VERSION
#define QCITY_VERSION "dev"
#endif

// "12月5日 14:03" / "5 Dec 14:03", with the year when it is not this year's.
std::string short_time(const App& app, double ms, Lang lang) {
    std::time_t t = (std::time_t)(ms / 1000.0), today = (std::time_t)(now(app) / 1000.0);
    std::tm tm{}, now_tm{};
    if (!localtime_r(&t, &tm)) return "—";
    bool this_year = localtime_r(&today, &now_tm) && now_tm.tm_year == tm.tm_year;
    char buf[64];
    if (lang == Lang::en) {
        static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        if (this_year) std::snprintf(buf, sizeof buf, "%d %s %02d:%02d", tm.tm_mday, months[tm.tm_mon % 12], tm.tm_hour, tm.tm_min);
        else std::snprintf(buf, sizeof buf, "%d %s %d %02d:%02d", tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
    } else {
        if (this_year) std::snprintf(buf, sizeof buf, "%d月%d日 %02d:%02d", tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
        else std::snprintf(buf, sizeof buf, "%d年%d月%d日 %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
    }
    return buf;
}

std::string export_state_text(const App& app, const Item& it, Lang lang) {
    if (!it.ever_exported()) return trf_in(app, lang, "backup_never");
    return trf_in(app, lang, it.changed_since_export() ? "backup_exported_changed" : "backup_exported",
                  {{"time", short_time(app, it.exported_ms, lang)}});
}

void backup_all(App& app) {
    Workspace& ws = app.ws;
    if (ws.items.empty()) return;
    double at = now(app);
    std::string file = backup_filename(at);
    std::string text = write_backup(ws.backup_entries(), at, std::string("qcity ") + QCITY_VERSION);
    App::PendingSave pending{{}, at, true};
    for (const Item& it : ws.items) pending.items.emplace_back(it.id, it.edited_ms);
    if (app.platform.save_file) {
        int request = app.next_save++;
        app.saves[request] = std::move(pending);
        app.platform.save_file(request, "", file, text, true);  // a backup is a new file each time
        return;
    }
    if (!app.platform.download) return;
    app.platform.download(file, text);
    int request = app.next_save++;
    app.saves[request] = std::move(pending);
    file_saved(app, request, SaveOutcome::downloaded, file, "");
}

void file_saved(App& app, int request, SaveOutcome outcome, const std::string& file, const std::string& error) {
    auto found = app.saves.find(request);
    if (found == app.saves.end()) return;
    App::PendingSave save = std::move(found->second);
    app.saves.erase(found);
    if (outcome == SaveOutcome::cancelled) {
        app.status_line = both([&](Lang l) { return trf_in(app, l, "backup_cancelled"); });
    } else if (outcome == SaveOutcome::failed) {
        // Nothing is marked exported: the file on disk may be the old one, or none.
        app.error_title = both([&](Lang l) { return trf_in(app, l, "backup_failed_title"); });
        app.error_text = both([&](Lang l) { return trf_in(app, l, "backup_failed", {{"file", file}, {"why", error}}); });
        app.open_error = true;
    } else {
        for (const auto& [id, edit] : save.items) app.ws.mark_exported(id, save.at_ms, edit, file);
        const char* key = save.backup ? "backup_done" : outcome == SaveOutcome::written ? "backup_saved" : "export.done";
        int64_t n = (int64_t)save.items.size();
        app.status_line = both([&](Lang l) { return trn_in(app, l, key, n, {{"file", file}}); });
    }
    mark_changed(app);
}

// --- Restoring a backup (a file picked or dropped like any other) ---------------------------------

static std::vector<ImportBatch::Imported> restored_names(const std::vector<Restore::Name>& names) {
    std::vector<ImportBatch::Imported> out;
    for (const Restore::Name& n : names) out.push_back({n.profile, n.unit, n.year, false});
    return out;
}

// The restore is done: one line says what happened; the entries that did not read are listed.
static void finish_restore(App& app) {
    Restore r = std::move(app.restore);
    app.restore = Restore{};
    auto summary = [&](Lang l) {
        std::vector<std::string> parts;
        auto part = [&](const char* key, const std::vector<Restore::Name>& names) {
            if (!names.empty())
                parts.push_back(trn_in(app, l, key, (int64_t)names.size(), {{"names", batch_names(app, restored_names(names), l)}}));
        };
        part("backup_restore_added", r.added);
        if (r.identical > 0) parts.push_back(trn_in(app, l, "backup_restore_identical", r.identical));
        part("backup_restore_replaced", r.replaced);
        part("backup_restore_kept", r.kept);
        part("backup_restore_both", r.both);
        if (!r.bad.empty()) parts.push_back(trn_in(app, l, "backup_restore_bad", (int64_t)r.bad.size()));
        std::string out;
        for (const std::string& p : parts) out += (out.empty() ? "" : (l == Lang::en ? "; " : "；")) + p;
        return trf_in(app, l, "backup_restored", {{"file", r.file}, {"parts", out}});
    };
    app.status_line = both(summary);
    if (!r.bad.empty()) {
        app.error_title = both([&](Lang l) { return trf_in(app, l, "backup_restore_bad_title"); });
        app.error_text = both([&](Lang l) {
            std::string out = summary(l);
            for (const Problem& p : r.bad) out += "\n\n" + p.message.get(l);
            return out;
        });
        app.open_error = true;
    }
    app.ws.screen = app.ws.open_item() ? app.ws.screen : Screen::start;
    mark_changed(app);
    // The backup is one file of the batch; the files picked with it go on.
    if (!app.import_queue.empty()) {
        auto next = app.import_queue.front();
        app.import_queue.erase(app.import_queue.begin());
        file_done(app);
        process_file(app, next.first, next.second);
    } else {
        file_done(app);
    }
}

// A backup picked or dropped: read by the core; the missing assessments are added at once, the
// identical skipped, and each conflict asked (backup conflict dialog).
static void restore_file(App& app, const std::string& name, const std::string& text) {
    Backup backup;
    Problem error;
    if (!read_backup(text, app.ws.catalog, backup, error)) {
        app.import_batch.failed.emplace_back(name, error.message);
        file_done(app);
        return;
    }
    app.restore = app.ws.restore_backup(std::move(backup), name, now(app));
    if (app.restore.asking()) {
        app.open_backup_conflict = true;
        app.redraw = true;
        mark_changed(app);  // the missing ones are in: autosave them now
    } else {
        finish_restore(app);
    }
}

static void backup_conflict_answered(App& app, ConflictChoice choice) {
    app.ws.resolve_conflict(app.restore, choice, now(app));
    if (app.restore.asking()) app.open_backup_conflict = true;
    else finish_restore(app);
    mark_changed(app);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Small widgets
//-------------------------------------------------------------------------------------------------

// A status as a chip: coloured box with its word in it (colour is never the only carrier).
void status_chip(const App& app, Status s, const std::string& test_id) { chip(app, status_text(s).get(app.ws.lang), status_color(s), test_id); }

// The widest status chip in the interface language: the width of a status column.
float status_chip_width(const App& app) {
    float w = 0.0f;
    for (Status st : {Status::met, Status::not_met, Status::missing, Status::not_applicable, Status::info, Status::invalid})
        w = std::max(w, text_width(status_text(st).get(app.ws.lang)));
    return w + 12.0f * app.scale;  // the chip's padding (chip())
}

void text_line(std::string_view s, const ImVec4* color) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    if (color) ImGui::PopStyleColor();
    a11y::text(s, GImGui->LastItemData.Rect);  // (the rectangle is the item's even when scrolled away)
}

void name_step_buttons(const App& app, const char* label, std::string_view field) {
    if (!a11y::enabled()) return;
    ImGui::PushID(label);  // (InputScalar's own scope for its buttons)
    const ImGuiID minus = ImGui::GetID("-"), plus = ImGui::GetID("+");
    ImGui::PopID();
    const std::string name(field);
    a11y::describe(minus, {a11y::Role::button, trf(app, "a11y.decrease", {{"name", name}})});
    a11y::describe(plus, {a11y::Role::button, trf(app, "a11y.increase", {{"name", name}})});
}

// A word in a coloured box (colour is never the only carrier).
void chip(const App& app, const std::string& text, const ImVec4& c, const std::string& test_id) {
    ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    ImVec2 pad(6.0f * app.scale, 2.0f * app.scale);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 size(ts.x + pad.x * 2, ts.y + pad.y * 2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, palette::kChipTintAlpha)), 4.0f * app.scale);
    dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), ImGui::GetColorU32(c), 4.0f * app.scale);
    dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), ImGui::GetColorU32(c), text.c_str());
    // As an item whose text sits pad.y down: a text after it on the line (SameLine) lines up with it.
    ImGui::ItemSize(size, pad.y);
    ImGui::ItemAdd(ImRect(p, ImVec2(p.x + size.x, p.y + size.y)), 0);
    a11y::text(text, ImRect(p, ImVec2(p.x + size.x, p.y + size.y)));  // the word, never only a colour
    // The browser tests find a row's chip by "###status_<id>".
    if (!test_id.empty() && test_hooks_on()) report_item(text + "###status_" + test_id, ImRect(p, ImVec2(p.x + size.x, p.y + size.y)));
}

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags, const char* name) {
    ImGuiID id = ImGui::GetID(label);  // the combo's ID (an open popup replaces the last item's data)
    bool open = ImGui::BeginCombo(label, preview, flags);
    // The mirror's combobox: its name (the label's visible text, or `name` for a "##" label) and value.
    a11y::describe(id, {a11y::Role::combobox, name ? name : "", preview ? preview : "", {}, uint16_t(open ? a11y::expanded : 0)});
#ifdef IMGUI_ENABLE_TEST_ENGINE
    // Dear ImGui's BeginCombo (1.90.1, still in 1.92.2b) reports no label to the item hooks (other widgets do): report
    // it here, so browser tests find a combo by its label like any other widget.
    ImGuiContext& g = *GImGui;
    if (g.TestEngineHookItems) ImGuiTestEngineHook_ItemInfo(&g, id, label, ImGuiItemStatusFlags_Openable | (open ? ImGuiItemStatusFlags_Opened : 0));
#else
    (void)id;
#endif
    return open;
}

// 32 characters wide, or the window's width less the tooltip's padding (320 px, zoom 200 %).
void tooltip_text(const std::string& s) {
    const float window = ImGui::GetMainViewport()->WorkSize.x - ImGui::GetStyle().WindowPadding.x * 4.0f;
    text_wrapped(s, nullptr, std::max(ImGui::GetFontSize() * 8.0f, std::min(ImGui::GetFontSize() * 32.0f, window)));
}

bool link_button(const App& app, const std::string& label, const ImVec4& color, const char* tooltip) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(color.x, color.y, color.z, palette::kLinkHoverAlpha));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(color.x, color.y, color.z, palette::kLinkActiveAlpha));
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));  // lines up with the text around it
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    bool pressed = ImGui::Button(label.c_str());
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(4);
    // Underlined, so it reads as something to click (colour is never the only carrier).
    ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(lo.x, hi.y - 1.0f * app.scale), ImVec2(hi.x, hi.y - 1.0f * app.scale), ImGui::GetColorU32(color), 1.0f * app.scale);
    if (tooltip && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", tooltip);
    return pressed;
}

// "(?)" with the indicator's help, the policy sentence it comes from, and what to do: after the
// indicator's name (`end`, from text_wrapped), inside its cell (`right`).
static void help_marker(const App& app, const IndicatorDef& d, const IndicatorResult* r, ImVec2 end, float right) {
    if (!marker_after(end, right, "(?)", test_hooks_on() ? "(?)###help_" + d.id : std::string())) return;
    if (!ImGui::BeginItemTooltip()) return;
    Lang lang = app.ws.lang;
    tooltip_text(d.help.get(lang));
    ImGui::Separator();
    text_line(std::string(tr(app, "help.clause")) + " " + d.clause, colors::muted);
    tooltip_text("“" + d.quote + "”");
    if (r && r->quota) {
        ImGui::Separator();
        tooltip_text(trf(app, "help.quota", {{"city", format_rational(r->city_target, 0)}, {"quota", format_rational(r->target, 0)}}));
    }
    ImGui::Separator();
    text_line(tr(app, "help.advice"), colors::muted);
    tooltip_text(d.advice.get(lang));
    ImGui::EndTooltip();
}

// A city-scope count whose share of the city's target is below one has no target of its own: the
// contribution sentence ("全市目标 1 个，本单位新增 0 个") stands where a shortfall would.
static void contribution_line(const App& app, const IndicatorResult& r) {
    text_wrapped(r.contribution_text.get(app.ws.lang), colors::info);
    if (test_hooks_on()) test_text(("contribution_" + r.def->id).c_str(), r.contribution_text.get(app.ws.lang));
}

// Value against target, drawn with ImDrawList: a track, the value's bar in its status colour, a
// dark tick at the target. Text beside it carries the numbers (the chart is never alone).
static void bullet_chart(const App& app, const IndicatorResult& r, float width) {
    float h = ImGui::GetFontSize() * 0.9f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    p.y += (ImGui::GetTextLineHeight() - h) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), IM_COL32(225, 228, 232, 255), 2.0f);
    const IndicatorDef& d = *r.def;
    bool numeric = d.kind != Kind::flag && d.kind != Kind::rating && d.kind != Kind::info;
    if (r.has_value && r.has_target && numeric) {
        double v = r.value.to_double(), t = r.target.to_double();
        double max = std::max(t * 1.25, v * 1.05);
        if (d.kind == Kind::ratio || d.kind == Kind::ratio_all) max = 100.0;
        if (max <= 0) max = 1.0;
        float vx = (float)std::min(1.0, std::max(0.0, v / max)) * width;
        float tx = (float)std::min(1.0, std::max(0.0, t / max)) * width;
        dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + vx, p.y + h * 0.8f), ImGui::GetColorU32(status_color(r.status)), 2.0f);
        dl->AddLine(ImVec2(p.x + tx, p.y - 2), ImVec2(p.x + tx, p.y + h + 2), IM_COL32(30, 30, 30, 255), 2.0f * app.scale);
    } else if (r.has_value && (d.kind == Kind::flag || d.kind == Kind::rating)) {
        float frac = r.status == Status::met ? 1.0f : 0.15f;
        dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + frac * width, p.y + h * 0.8f), ImGui::GetColorU32(status_color(r.status)), 2.0f);
    }
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Storage and other tabs
//-------------------------------------------------------------------------------------------------
// Saving can fail (a full quota, a browser that allows none) and is retried by the platform; the
// banner says what is wrong and when the last save worked. Saved data that vanished between two
// visits (localStorage cleared) is said once on load. Another tab's save is merged in entry by
// entry (Workspace::merge_from); an edit made here that a later one replaced is told here.

// One banner line (or several), each tagged for the browser tests.
static void banner(App& app, const std::vector<std::pair<const char*, std::string>>& lines, const char* dismiss_id = nullptr,
                   bool* dismissed = nullptr) {
    if (lines.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::banner);
    float wrap = ImGui::GetContentRegionAvail().x - 16 * app.scale;
    float hgt = 12 * app.scale;
    for (const auto& [id, text] : lines)
        hgt += ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().ItemSpacing.y;
    if (dismiss_id) hgt += ImGui::GetFrameHeightWithSpacing();
    ImGui::PushID(lines.front().first);
    if (ImGui::BeginChild("banner", ImVec2(0, hgt), ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar)) {
        ImGui::SetCursorPos(ImVec2(8 * app.scale, 6 * app.scale));
        for (const auto& [id, text] : lines) {
            ImGui::SetCursorPosX(8 * app.scale);
            text_wrapped(text, nullptr, wrap);
            test_text(id, text);
        }
        if (dismiss_id) {
            ImGui::SetCursorPosX(8 * app.scale);
            if (ImGui::SmallButton(lbl(app, "storage.dismiss", dismiss_id).c_str()) && dismissed) *dismissed = true;
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopID();
}

static void storage_banner(App& app) {
    Lang lang = app.ws.lang;
    std::vector<std::pair<const char*, std::string>> lines;
    if (app.storage != StorageState::ok) {
        lines.push_back({"storage_state", tr(app, app.storage == StorageState::full ? "storage.full" : "storage.unavailable")});
        // When saving fails, when it last worked (a save that never worked since the page opened says so).
        lines.push_back({"storage_last_saved", app.storage_saved_ms > 0 ? trf(app, "storage.last_saved", {{"time", format_time(app.storage_saved_ms)}})
                                                                        : std::string(tr(app, "storage.never_saved"))});
    }
    if (app.unreadable_items > 0) lines.push_back({"storage_unreadable", tr(app, "storage.unreadable")});
    banner(app, lines);

    if (app.storage_cleared_items > 0) {
        bool dismissed = false;
        banner(app, {{"storage_cleared", trn(app, "storage.cleared", app.storage_cleared_items,
                                             {{"time", format_time(app.storage_cleared_saved_ms)}})}},
               "storage_cleared_ok", &dismissed);
        if (dismissed) app.storage_cleared_items = -1;
    }
    if (!app.merge_message.empty()) {
        bool dismissed = false;
        banner(app, {{"storage_merge", app.merge_message.get(lang)}}, "storage_merge_ok", &dismissed);
        if (dismissed) app.merge_message = Text{};
    }
}

// What the browser promised about keeping this data (navigator.storage.persist()).
static void storage_persist_line(App& app) {
    if (app.storage_persist == -2 || app.storage == StorageState::unavailable) return;
    const char* key = app.storage_persist == 1 ? "storage.persist_granted"
                    : app.storage_persist == 0 ? "storage.persist_refused" : "storage.persist_unsupported";
    text_wrapped(tr(app, key), app.storage_persist == 1 ? colors::muted : colors::invalid);  // a window 320 px wide: wrapped
    test_text("storage_persist", tr(app, key));
}

// A conflicting entry as people know it: the figure's or indicator's name, the value as shown.
static std::string entry_name(const App& app, const std::string& entry, Lang lang) {
    const Catalog& c = *app.ws.catalog;
    if (entry.rfind("figure:", 0) == 0) {
        const FigureDef* f = c.figure(entry.substr(7));
        std::string name = f ? f->name.get(lang) : entry.substr(7);
        return lang == Lang::en ? "\"" + name + "\"" : "“" + name + "”";
    }
    if (entry.rfind("note:", 0) == 0) {
        std::string k = entry.substr(5);
        std::string name = k;
        if (const FigureDef* f = c.figure(k)) name = f->name.get(lang);
        else if (const IndicatorDef* i = c.indicator(k)) name = i->name.get(lang);
        return trf_in(app, lang, "storage.entry_note", {{"name", name}});
    }
    if (entry.rfind("evidence:", 0) == 0) {
        const IndicatorDef* i = c.indicator(entry.substr(9));
        return trf_in(app, lang, "storage.entry_evidence", {{"name", i ? i->name.get(lang) : entry.substr(9)}});
    }
    if (entry.rfind("signoff:", 0) == 0) {
        std::string name = entry.substr(8);
        for (const auto& [key, label] : Signoff::fields())
            if (name == key) name = label.get(lang);
        return trf_in(app, lang, "storage.entry_signoff", {{"name", name}});
    }
    if (entry.rfind("confirmed:", 0) == 0) {
        const FigureDef* f = c.figure(entry.substr(10));
        return trf_in(app, lang, "storage.entry_confirmed", {{"name", f ? f->name.get(lang) : entry.substr(10)}});
    }
    if (entry == "submission") return trf_in(app, lang, "storage.entry_submission");
    return trf_in(app, lang, entry == "readiness" ? "storage.entry_readiness" : entry == "settings" ? "storage.entry_settings" : "storage.entry_identity");
}

static std::string conflict_value(const App& app, const MergeConflict& c, bool kept, Lang lang) {
    const std::string& text = kept ? c.kept_text : c.lost_text;
    if (!text.empty()) return text;
    const Text& shown = kept ? c.kept_shown : c.lost_shown;
    if (!shown.empty()) return shown.get(lang);
    if (c.entry.rfind("figure:", 0) == 0) {
        const FigureValue& v = kept ? c.kept : c.lost;
        const FigureDef* f = app.ws.catalog->figure(c.entry.substr(7));
        if (f && !v.absent()) return figure_input_text(*app.ws.catalog, *f, v, lang);
    }
    return trf_in(app, lang, "storage.value_empty");
}

MergeReport merge_stored(App& app, const Json& stored) {
    Workspace& ws = app.ws;
    // Dialogs hold item indices: remember their ids and find them again after the merge.
    auto id_at = [&](int i) { return i >= 0 && i < (int)ws.items.size() ? ws.items[(size_t)i].id : std::string(); };
    std::string del_id = id_at(app.confirm_delete), rep_id = id_at(app.pending_conflict);
    std::string open_unit;
    if (const Item* it = ws.open_item()) open_unit = unit_name(app, it->assessment, Lang::zh) + "|" + unit_name(app, it->assessment, Lang::en);
    MergeReport r;
    if (!ws.merge_from(stored, r)) return r;
    app.confirm_delete = del_id.empty() ? -1 : ws.find(del_id);
    app.pending_conflict = rep_id.empty() ? -1 : ws.find(rep_id);
    if (!r.changed) return r;

    if (!r.conflicts.empty() || r.open_removed) {
        std::string field = app.active_figure;
        app.merge_message = both([&](Lang l) {
            std::string out;
            for (const MergeConflict& c : r.conflicts) {
                std::string unit = c.profile == Profile::county ? unit_name(app, c.unit, l) : c.unit;
                if (!out.empty()) out += "\n";
                out += trf_in(app, l, "storage.merge_conflict", {{"what", entry_name(app, c.entry, l)}, {"unit", unit},
                                                                   {"year", std::to_string(c.year)},
                                                                   {"theirs", conflict_value(app, c, true, l)},
                                                                   {"mine", conflict_value(app, c, false, l)}});
                // The field being typed in keeps the person's text (ImGui holds it while active):
                // not yanked, but said; typing on makes it the latest edit, leaving it shows theirs.
                if (!field.empty() && c.entry == "figure:" + field) out += trf_in(app, l, "storage.merge_typing");
            }
            if (r.open_removed) {
                size_t bar = open_unit.find('|');
                std::string unit = l == Lang::zh ? open_unit.substr(0, bar) : open_unit.substr(bar + 1);
                if (!out.empty()) out += "\n";
                out += trf_in(app, l, "storage.merge_removed", {{"unit", unit}});
            }
            return out;
        });
    }
    mark_changed(app);
    return r;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Top bar
//-------------------------------------------------------------------------------------------------

// The way of reading, one click from every screen: large text (大字版) and the language.
static void reading_switches(App& app) {
    Workspace& ws = app.ws;
    bool large = ws.large_text;
    if (ImGui::Checkbox(lbl(app, "large_text", "large_text").c_str(), &large)) {
        ws.large_text = large;
        set_scale(app, app.scale);  // new sizes; the fonts re-rasterise at the new size (ImGui 1.92)
        mark_view_changed(app);
    }
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr(app, "lang.switch")) + "###lang").c_str())) {
        // Drafts are kept as typed; values re-read in the new language (是 → yes).
        ws.lang = ws.lang == Lang::zh ? Lang::en : Lang::zh;
        mark_view_changed(app);
    }
}

// Everything on the top bar flows: on one line while it fits, else onto the next (a window 320 CSS
// px wide, browser zoom 200 %, large text) — nothing is cut at the window's edge.
static void top_bar(App& app) {
    Workspace& ws = app.ws;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    auto button_w = [&](const char* text) { return text_width(text) + style.FramePadding.x * 2.0f; };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(app, "app.title"));
    a11y::heading_last(tr(app, "app.title"), 1);
    const char* note = tr(app, "app.private");
    if (flow_same_line(text_width(note), right)) text_line(note, colors::muted);
    else text_wrapped(note, colors::muted);
    // The switches at the right end of the line when they fit there, else on a line of their own.
    const float switches_w = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + text_width(tr(app, "large_text")) +
                             style.ItemSpacing.x + button_w(tr(app, "lang.switch"));
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + switches_w <= right) ImGui::SetCursorScreenPos(ImVec2(right - switches_w, ImGui::GetCursorScreenPos().y));
    else ImGui::NewLine();
    reading_switches(app);

    storage_banner(app);

    // Screen tabs once an assessment is open.
    const Item* open = ws.open_item();
    bool first_nav = true;
    auto nav = [&](Screen s, const char* key, const char* id) {
        if (!first_nav) flow_same_line(button_w(tr(app, key)), right);
        first_nav = false;
        bool active = ws.screen == s;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(lbl(app, key, id).c_str()) && !active) {
            ws.screen = s;
            mark_view_changed(app);
        }
        if (active) ImGui::PopStyleColor();
    };
    nav(Screen::start, "nav.start", "nav_start");
    nav(Screen::rollup, "nav.rollup", "nav_rollup");
    if (open) {
        nav(Screen::entry, "nav.entry", "nav_entry");
        nav(Screen::results, "nav.results", "nav_results");
        if (open->assessment.profile == Profile::enterprise) nav(Screen::readiness, "nav.readiness", "nav_readiness");
        char title[512];
        std::snprintf(title, sizeof title, "%s · %d · %s", unit_name(app, open->assessment, ws.lang).c_str(), open->assessment.year,
                      tr(app, profile_key(open->assessment)));
        flow_same_line(text_width(title), right, style.ItemSpacing.x * 3.0f);
        ImGui::AlignTextToFramePadding();
        text_wrapped(title);
        if (test_hooks_on()) test_text("open_unit", unit_name(app, open->assessment, ws.lang));
        submission_header(app, *open, right);  // "已定稿 · 3f2a9c1b7d4e · 12月6日 14:03"
        if (!open->kept_from.empty()) {
            const std::string kept = trf(app, "kept_from", {{"file", open->kept_from}});
            flow_same_line(text_width(kept), right);
            text_wrapped(kept, colors::muted);
        }
        // Save like a document where the browser writes files on disk; elsewhere Export (a download).
        const char* save_key = app.platform.save_in_place ? "backup_save" : "btn.export";
        flow_same_line(button_w(tr(app, save_key)), right);
        if (ImGui::Button(lbl(app, save_key, "export").c_str())) export_open(app);
        if (app.platform.save_in_place) {
            flow_same_line(button_w(tr(app, "backup_save_as")), right);
            if (ImGui::Button(lbl(app, "backup_save_as", "save_as").c_str())) export_open(app, true);
        }
        const std::string state = export_state_text(app, *open, ws.lang);
        flow_same_line(text_width(state), right);
        ImGui::AlignTextToFramePadding();
        text_wrapped(state, open->changed_since_export() || !open->ever_exported() ? colors::invalid : colors::muted);
        if (open->ever_exported() && !open->exported_to.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s", open->exported_to.c_str());
        test_text("export_state", state);
    }
    flow_same_line(button_w(tr(app, "btn.import")), right);
    if (ImGui::Button(lbl(app, "btn.import", "import").c_str()) && app.platform.pick_file) app.platform.pick_file();
    if (!app.status_line.empty()) {
        // Beside the buttons when it fits; a long one (eleven files named) on its own lines.
        const std::string& line = app.status_line.get(ws.lang);
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(line.c_str()).x) ImGui::NewLine();
        text_wrapped(line, colors::muted);
        test_text("status_line", line);
        // An import, an export, an error: said once by the live region when it changes.
        if (line != app.status_said) {
            a11y::announce(line);
            app.status_said = line;
        }
    }
    ImGui::Separator();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Start screen
//-------------------------------------------------------------------------------------------------

static void start_new_form(App& app) {
    Workspace& ws = app.ws;
    // The catalog's head (name, years, units) is all the form needs: a first visit's first frame
    // draws it without loading the catalog (Workspace::catalog).
    const Catalog& c = ws.catalog.loaded() ? *ws.catalog : default_catalog_head();
    separator_text(tr(app, "start.new"));
    ImGui::AlignTextToFramePadding();
    text_line(tr(app, "start.profile"));
    // The choices flow onto the next line when they do not fit (320 px, zoom 200 %, large text).
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    auto radio_w = [&](const char* key) { return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + text_width(tr(app, key)); };
    flow_same_line(radio_w("profile.county"), right);
    ImGui::RadioButton(lbl(app, "profile.county", "new_county").c_str(), &app.form_profile, 0);
    a11y::describe_last({a11y::Role::radio, {}, {}, {}, uint16_t(app.form_profile == 0 ? a11y::checked : 0)});
    flow_same_line(radio_w("profile.enterprise"), right);
    ImGui::RadioButton(lbl(app, "profile.enterprise", "new_enterprise").c_str(), &app.form_profile, 1);
    a11y::describe_last({a11y::Role::radio, {}, {}, {}, uint16_t(app.form_profile == 1 ? a11y::checked : 0)});

    // 16 characters wide, or narrower so that the label beside it stays in the window (320 px wide,
    // zoom 200 %, large text).
    const char* label_key = app.form_profile == 0 ? "start.unit" : "start.enterprise_name";
    const float beside = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemInnerSpacing.x - text_width(tr(app, label_key));
    float field = std::max(ImGui::GetFontSize() * 6.0f, std::min(ImGui::GetFontSize() * 16.0f, beside));
    if (app.form_profile == 0) {
        app.form_unit = std::clamp(app.form_unit, 0, (int)c.units.size() - 1);
        ImGui::SetNextItemWidth(field);
        const std::string& preview = c.units.empty() ? std::string() : c.units[(size_t)app.form_unit].name.get(ws.lang);
        if (begin_combo(lbl(app, "start.unit", "new_unit").c_str(), preview.c_str())) {
            for (size_t i = 0; i < c.units.size(); ++i) {
                bool sel = (int)i == app.form_unit;
                if (ImGui::Selectable((c.units[i].name.get(ws.lang) + "##unit" + std::to_string(i)).c_str(), sel)) app.form_unit = (int)i;
                if (sel) ImGui::SetItemDefaultFocus();
            }
            ImGui::EndCombo();
        }
    } else {
        ImGui::SetNextItemWidth(field);
        ImGui::InputTextWithHint(lbl(app, "start.enterprise_name", "new_name").c_str(), tr(app, "start.enterprise_hint"), &app.form_name);
        a11y::describe_last({a11y::Role::textbox, tr(app, "start.enterprise_name"), app.form_name, tr(app, "start.enterprise_hint"), a11y::required});
    }
    // The year as typed. One outside the catalog's range is refused with the core's message (naming
    // the range) — never clamped silently, and the typed year stays for the person to correct.
    ImGui::SetNextItemWidth(field * 0.5f);
    const std::string year_label = lbl(app, "start.year", "new_year");
    ImGui::InputInt(year_label.c_str(), &app.form_year, 1, 1);
    bool year_editing = ImGui::IsItemActive();
    std::optional<Problem> bad_year = check_year(c, app.form_year);
    // (An InputInt's text field has the ID of its label; the group around it is the last item.)
    a11y::describe(ImGui::GetID(year_label.c_str()), {a11y::Role::textbox, tr(app, "start.year"), std::to_string(app.form_year),
                         bad_year ? bad_year->message.get(ws.lang) : std::string(), uint16_t(a11y::required | (bad_year ? a11y::invalid : 0))});
    name_step_buttons(app, year_label.c_str(), tr(app, "start.year"));
    if (bad_year && !year_editing) {
        ImGui::SameLine();
        text_wrapped(bad_year->message.get(ws.lang), colors::error_text);
        test_text("year_message", bad_year->message.get(ws.lang));
    }

    if (ImGui::Button(lbl(app, "btn.create", "create").c_str())) {
        Profile p = app.form_profile == 0 ? Profile::county : Profile::enterprise;
        // A county's unit is stored under its Chinese name, the catalog's (and the city's) key.
        // An enterprise's is free text, trimmed of ASCII and ideographic (U+3000) spaces.
        std::string unit = p == Profile::county ? c.units[(size_t)app.form_unit].name.zh : trim_spaces(app.form_name);
        if (unit.empty()) {
            app.form_message = both([&](Lang l) { return trf_in(app, l, "start.need_name"); });
        } else if (bad_year) {
            app.form_message = Text{};  // the year's message beside the field says why
        } else if (int existing = ws.find_unit_year(p, unit, app.form_year); existing >= 0) {
            ws.open(existing, Screen::entry);
            app.status_line = both([&](Lang l) { return trf_in(app, l, "start.exists"); });
            app.form_message = Text{};
            mark_changed(app);
        } else {
            ws.create(p, unit, app.form_year, now(app));
            app.form_message = Text{};
            app.status_line = Text{};
            mark_changed(app);
        }
    }
    if (!app.form_message.empty()) {
        ImGui::SameLine();
        text_line(app.form_message.get(ws.lang).c_str(), colors::error_text);
        test_text("form_message", app.form_message.get(ws.lang));
    }
}

static void start_saved_list(App& app) {
    Workspace& ws = app.ws;
    separator_text(tr(app, "start.saved"));
    if (ws.items.empty()) {
        text_line(tr(app, "start.none"), colors::muted);
    } else {
        // Side by side: unit | kind | year | edited | exported | actions. In a narrow window
        // (stack_rows: 320 px, zoom 200 %, large text) each row stacks: the unit, then kind, year and
        // when edited on one line, whether it was exported, then the buttons (flowing).
        const bool stacked = stack_rows(app, 0.0f, 6);
        if (ImGui::BeginTable("saved", stacked ? 1 : 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
            if (!stacked) a11y::table(tr(app, "start.saved"));  // a table to a screen reader too (read by cell); stacked, a list of texts
            if (stacked) {
                ImGui::TableSetupColumn(tr(app, "col.unit"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            } else {
                ImGui::TableSetupColumn(tr(app, "col.unit"), ImGuiTableColumnFlags_WidthStretch, 4.0f);
                ImGui::TableSetupColumn(tr(app, "col.profile"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
                ImGui::TableSetupColumn(tr(app, "col.year"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
                ImGui::TableSetupColumn(tr(app, "col.edited"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
                ImGui::TableSetupColumn(tr(app, "backup_col"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
                ImGui::TableSetupColumn(tr(app, "col.actions"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
                ImGui::TableHeadersRow();
            }
            report_table_columns("saved");
            auto small_button_w = [&](const char* key) { return text_width(tr(app, key)) + ImGui::GetStyle().FramePadding.x * 2.0f; };
            for (size_t i = 0; i < ws.items.size(); ++i) {
                const Item& it = ws.items[i];
                ImGui::PushID(it.id.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
                ImGui::AlignTextToFramePadding();
                text_wrapped(it.assessment.unit.empty() ? std::string("—") : unit_name(app, it.assessment, ws.lang));
                if (!it.kept_from.empty()) text_wrapped(trf(app, "kept_from", {{"file", it.kept_from}}), colors::muted);
                if (stacked) {
                    text_wrapped(std::string(tr(app, profile_key(it.assessment))) + " · " + std::to_string(it.assessment.year) + " · " +
                                 format_time(it.edited_ms), colors::muted);
                } else {
                    ImGui::TableNextColumn();
                    text_wrapped(tr(app, profile_key(it.assessment)));
                    ImGui::TableNextColumn();
                    text_line(std::to_string(it.assessment.year));
                    ImGui::TableNextColumn();
                    text_wrapped(format_time(it.edited_ms));
                    ImGui::TableNextColumn();
                }
                const std::string state = export_state_text(app, it, ws.lang);
                text_wrapped(state, it.changed_since_export() || !it.ever_exported() ? colors::invalid : colors::muted);
                if (test_hooks_on()) test_text(("export_state_" + it.id).c_str(), state);
                if (!stacked) ImGui::TableNextColumn();
                const float cell_right = stacked ? right : ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
                if (ImGui::SmallButton((std::string(tr(app, "btn.open")) + "##open").c_str())) {
                    ws.open((int)i, Screen::entry);
                    mark_changed(app);
                }
                flow_same_line(small_button_w("btn.duplicate"), cell_right);
                if (ImGui::SmallButton((std::string(tr(app, "btn.duplicate")) + "##dup").c_str())) {
                    if (ws.duplicate((int)i, now(app)) >= 0) {
                        const Assessment& copy = ws.open_item()->assessment;
                        app.status_line = both([&](Lang l) {
                            return trf_in(app, l, "duplicated", {{"unit", unit_name(app, copy, l)}, {"year", std::to_string(copy.year)}});
                        });
                    } else {
                        app.status_line = both([&](Lang l) { return trf_in(app, l, "duplicate_no_year"); });
                    }
                    mark_changed(app);
                }
                flow_same_line(small_button_w("btn.delete"), cell_right);
                if (ImGui::SmallButton((std::string(tr(app, "btn.delete")) + "##del").c_str())) {
                    app.confirm_delete = (int)i;
                    app.open_delete = true;
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    ImGui::Spacing();
    if (!ws.items.empty()) {
        // All assessments in one file; importing it (or dropping it here) restores them.
        if (ImGui::Button(lbl(app, "backup_all", "backup_all").c_str())) backup_all(app);
        // The hint beside the button while it has room for a few words, else under it.
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 12.0f) ImGui::NewLine();
        ImGui::AlignTextToFramePadding();
        text_wrapped(trn(app, "backup_all_hint", (int64_t)ws.items.size()), colors::muted);
    }
    text_wrapped(tr(app, "start.drop"), colors::muted);
    storage_persist_line(app);
}

static void start_screen(App& app) {
    start_new_form(app);
    ImGui::Spacing();
    start_saved_list(app);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Entry screen
//-------------------------------------------------------------------------------------------------

// One figure's field: its name, the input (text as typed), the unit, and the core's message when
// the value is wrong. Yes/no and enum figures get a combo. Returns nothing: edits go to the
// workspace immediately and are autosaved.
// The mirror's description of a figure field: its name (and unit), its value as typed, the
// core's error (the field is then invalid) and the figure's help.
// What the live region says after an edit: "制造业产品质量合格率：未达标，还需 1 批次".
static std::string indicator_outcome(const App& app, const IndicatorResult& r) {
    Lang lang = app.ws.lang;
    std::string s = r.def->name.get(lang) + (lang == Lang::en ? ": " : "：") + status_text(r.status).get(lang);
    const Text& more = r.contribution ? r.contribution_text : !r.shortfall_text.empty() ? r.shortfall_text : r.reason;
    if (!more.empty()) s += (lang == Lang::en ? ", " : "，") + more.get(lang);
    return s;
}

// The mirror's description of a figure field: its name (and unit), its value as typed, the
// core's error (the field is then invalid) and the figure's help; required when an indicator that
// applies needs it. Its strings are kept in one reused buffer (no allocation once warm), and built
// only when something they are made of changed (figure_key, a11y::describe_same).
struct FigureSemanticsText {
    std::string name, description;
};
static a11y::Semantics figure_semantics(const App& app, const FigureDef& f, const Evaluation& e, std::string_view value, bool required) {
    static FigureSemanticsText buf;  // (read by describe before the next field is drawn)
    Lang lang = app.ws.lang;
    a11y::Semantics sem;
    const std::string& unit = f.unit.get(lang, app.ws.figure_text(f.key));
    buf.name = f.name.get(lang);
    if (!unit.empty()) buf.name.append(lang == Lang::en ? " (" : "（").append(unit).append(lang == Lang::en ? ")" : "）");
    buf.description.clear();
    for (const Problem& p : e.problems) {
        if (p.key != f.key || p.severity != Severity::error) continue;
        sem.states |= a11y::invalid;
        if (!buf.description.empty()) buf.description += " ";
        buf.description += p.message.get(lang);
    }
    const std::string& help = f.help.get(lang);
    if (!help.empty()) buf.description.append(buf.description.empty() ? "" : " ").append(help);
    if (required) sem.states |= a11y::required;
    sem.name = buf.name;
    sem.value = value;
    sem.description = buf.description;
    return sem;
}

// What a figure field's description is made of: its text, the workspace's revision (the
// evaluation's errors), the open item, the language, required.
static uint64_t figure_key(const App& app, std::string_view text, bool required) {
    const Item* it = app.ws.open_item();
    ImU32 seed = ImHashData(&app.revision, sizeof app.revision, it ? ImHashStr(it->id.c_str()) : 0);
    ImU32 h = ImHashStr(text.data(), text.size(), seed);
    return ((uint64_t)h << 2) | (app.ws.lang == Lang::en ? 2u : 0u) | (required ? 1u : 0u);
}

void figure_field(App& app, const FigureDef& f, const Evaluation& e, bool required) {
    Workspace& ws = app.ws;
    const Catalog& c = *ws.catalog;
    Lang lang = ws.lang;
    const std::string id = "##fig_" + f.key;
    float width = ImGui::GetFontSize() * 7.0f;
    app.fields_drawn_this_frame.push_back(f.key);
    // A jump to this field (the problem banner, the missing count): focus it (a text field takes the
    // keyboard with its text selected, a yes/no list opens), then keep it in the middle of the view.
    if (app.focus_figure == f.key) {
        // Dear ImGui's SetKeyboardFocusHere() (seen in 1.90.1) only lands in the focus scope that has the
        // keyboard; the banner that asked is in the main window, the field in the scrolling child.
        GImGui->NavFocusScopeId = ImGui::GetCurrentFocusScope();
        ImGui::SetKeyboardFocusHere();
        app.focus_figure.clear();
    }
    if (f.type == FigureType::boolean || f.type == FigureType::enumeration) {
        const Item* it = ws.open_item();
        auto v = it->assessment.figures.find(f.key);
        std::string preview = ws.figure_text(f.key);
        if (preview.empty()) preview = tr(app, "entry.unset");
        ImGui::SetNextItemWidth(width);
        ImGuiID combo_id = ImGui::GetID(id.c_str());
        bool open = begin_combo(id.c_str(), preview.c_str());
        {
            // By its ID: an open combo's list window is the last item by now.
            a11y::Semantics sem = figure_semantics(app, f, e, preview, required);
            sem.role = a11y::Role::combobox;
            if (open) sem.states |= a11y::expanded;
            a11y::describe(combo_id, sem);
        }
        if (open) {
            auto option = [&](const std::string& label, const FigureValue& value) {
                bool sel = v != it->assessment.figures.end() && v->second == value;
                if (ImGui::Selectable(label.c_str(), sel)) {
                    ws.set_figure_value(f.key, value, now(app));
                    mark_changed(app);
                    app.announce_figure = f.key;
                }
            };
            option(std::string(tr(app, "entry.unset")) + "##unset", FigureValue{});
            if (f.type == FigureType::boolean) {
                option(std::string(tr(app, "entry.yes")) + "##yes", FigureValue::boolean(true));
                option(std::string(tr(app, "entry.no")) + "##no", FigureValue::boolean(false));
            } else if (const EnumDef* en = c.enumeration(f.enum_id)) {
                for (const EnumValue& ev : en->values) option(ev.name.get(lang) + "##" + ev.id, FigureValue::text(ev.id));
            }
            ImGui::EndCombo();
        }
    } else {
        std::string text = ws.figure_text(f.key);
        ImGui::SetNextItemWidth(width);
        if (ImGui::InputText(id.c_str(), &text)) {
            ws.set_figure_text(f.key, text, now(app));
            mark_changed(app);
        }
        if (ImGui::IsItemActive()) app.active_figure_this_frame = f.key;
        if (!a11y::describe_same(ImGui::GetItemID(), figure_key(app, text, required))) {
            a11y::Semantics sem = figure_semantics(app, f, e, text, required);
            sem.role = a11y::Role::textbox;  // scrolled away, ImGui reports no more than its rectangle
            a11y::describe_last(sem);
        }
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            app.announce_figure = f.key;
            app.redraw = true;
        }
    }
    if (app.scroll_figure == f.key && app.scroll_figure_frames > 0) {
        ImGui::SetScrollHereY(0.35f);  // after the focus request's own scroll (which only reaches the edge)
        if (--app.scroll_figure_frames == 0) app.scroll_figure.clear();
    }
    // The unit and the figure's name to the right of the field, wrapped within the column; under
    // the field when fewer than a few characters would fit beside it (320 px, zoom 200 %).
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 8.0f) ImGui::NewLine();
    // The unit in the form the typed count takes ("1 year", "2 years").
    const std::string& unit = f.unit.get(lang, ws.figure_text(f.key));
    std::string label = unit.empty() ? f.name.get(lang) : unit + "  " + f.name.get(lang);
    ImGui::AlignTextToFramePadding();
    text_wrapped(label, colors::muted);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
        tooltip_text(f.help.get(lang));
        text_line(f.key.c_str(), colors::muted);
        ImGui::EndTooltip();
    }
    for (const Problem& p : e.problems) {
        if (p.key != f.key || p.severity != Severity::error) continue;
        text_wrapped(p.message.get(lang), colors::error_text);
    }
    unusual_under_field(app, f);  // moved unusually since last year: 请核实 / 已核实 (issue 16)
}

// The figures the core reports errors for, and those the missing indicators lack: where the problem
// banner and the missing count take the person.
static std::vector<std::string> error_fields(const Evaluation& e) {
    std::vector<std::string> keys;
    for (const Problem& p : e.problems)
        if (p.severity == Severity::error && !p.key.empty()) keys.push_back(p.key);
    return keys;
}
static std::vector<std::string> missing_fields(const Evaluation& e) {
    std::vector<std::string> keys;
    for (const IndicatorResult& r : e.results)
        if (r.status == Status::missing) keys.insert(keys.end(), r.missing_figures.begin(), r.missing_figures.end());
    return keys;
}

// The summary ("达标 3 项 · 未达标 1 项 · 缺数据 12 项 · 数据有误 1 项 · 不适用 0 项"), with the
// missing and invalid counts (when not zero) as links to the next field concerned, on the entry
// screen (from the results screen too). The string's parts are separated by " · ".
static void summary_line(App& app, const Evaluation& e) {
    const Summary& s = e.summary;
    const std::vector<std::pair<std::string, std::string>> args{
        {"met", std::to_string(s.met)}, {"not_met", std::to_string(s.not_met)}, {"missing", std::to_string(s.missing)},
        {"invalid", std::to_string(s.invalid)}, {"na", std::to_string(s.not_applicable)}};
    std::string tmpl = tr(app, "results.summary");
    const std::string sep = " · ";
    std::vector<std::string> parts;
    for (size_t at = 0;;) {
        size_t next = tmpl.find(sep, at);
        parts.push_back(tmpl.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) break;
        at = next + sep.size();
    }
    // The parts flow: a part that does not fit on the line goes to the next (a narrow window).
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    ImGui::BeginGroup();
    for (size_t i = 0; i < parts.size(); ++i) {
        std::string text = format_string(parts[i], args);
        if (i > 0) {
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(sep.c_str());
            flow_same_line(text_width(text), right, 0.0f);
        }
        bool missing = parts[i].find("{missing}") != std::string::npos && s.missing > 0;
        bool invalid = parts[i].find("{invalid}") != std::string::npos && s.invalid > 0;
        if (missing) {
            std::vector<std::string> keys = missing_fields(e);
            if (link_button(app, text + "###jump_missing", colors::info, tr(app, "entry.jump_missing")) && !keys.empty()) jump_to_next_field(app, keys);
        } else if (invalid) {
            if (link_button(app, text + "###jump_invalid", colors::invalid, tr(app, "entry.jump_problem"))) jump_to_next_field(app, error_fields(e));
        } else {
            text_line(text.c_str());
        }
    }
    evidence_count(app, e, right);  // "佐证材料 18/31"
    ImGui::EndGroup();
}

bool jump_to_next_field(App& app, const std::vector<std::string>& keys) {
    Workspace& ws = app.ws;
    const Item* it = ws.open_item();
    if (!it || keys.empty()) return false;
    const Catalog& c = *ws.catalog;
    const Profile profile = it->assessment.profile;
    // The fields in the order the entry screen last drew them (before it has drawn this assessment,
    // the catalog's entry order); then, for an enterprise, the award gates' figures (readiness screen).
    std::vector<std::string> order;
    if (app.fields_drawn_item == it->id && !app.fields_drawn.empty()) order = app.fields_drawn;
    else
        for (const std::string& k : c.entry_order(profile))
            if (entry_screen_has(c, profile, k)) order.push_back(k);
    const size_t on_entry = order.size();
    if (profile == Profile::enterprise)
        for (const std::string& k : c.entry_order(profile))
            if (!entry_screen_has(c, profile, k)) order.push_back(k);
    if (order.empty()) return false;
    std::set<std::string> wanted(keys.begin(), keys.end());
    auto last = std::find(order.begin(), order.end(), app.last_jump);
    size_t from = last == order.end() ? order.size() - 1 : (size_t)(last - order.begin());
    for (size_t k = 1; k <= order.size(); ++k) {
        size_t at = (from + k) % order.size();
        const std::string& key = order[at];
        if (!wanted.count(key)) continue;
        app.last_jump = key;
        app.focus_figure = key;
        app.focus_frames_left = 6;  // a field that is not drawn after all is not focused later by surprise
        app.scroll_figure = key;
        app.scroll_figure_frames = 3;
        Screen target = at < on_entry ? Screen::entry : Screen::readiness;
        if (target == Screen::readiness) app.show_gates_tab = true;
        if (ws.screen != target) {
            ws.screen = target;
            mark_view_changed(app);
        }
        app.redraw = true;
        return true;
    }
    return false;
}

// The county's workflow (issue 15): a template for each department, and how their files come back.
static void departments_line(App& app) {
    if (ImGui::Button(lbl(app, "departments.send", "send_departments").c_str())) send_to_departments(app);
    const char* hint = tr(app, "departments.hint");
    if (flow_same_line(text_width(hint), ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x)) {
        ImGui::AlignTextToFramePadding();
        text_line(hint, colors::muted);
    } else {
        text_wrapped(hint, colors::muted);
    }
}

static void entry_screen(App& app) {
    Workspace& ws = app.ws;
    Item* item = ws.open_item();
    if (!item) { ws.screen = Screen::start; return; }
    const Catalog& c = *ws.catalog;
    const Evaluation& e = current_evaluation(app);
    Lang lang = ws.lang;
    Profile profile = item->assessment.profile;

    summary_line(app, e);
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (flow_same_line(text_width(tr(app, "entry.hint")), right, ImGui::GetStyle().ItemSpacing.x * 2.0f))
        text_line(tr(app, "entry.hint"), colors::muted);
    else
        text_wrapped(tr(app, "entry.hint"), colors::muted);
    // The problem banner takes the person to the next figure to fix (click, or Tab to it + Enter).
    std::vector<std::string> bad = error_fields(e);
    if (!bad.empty()) {
        int errors = 0;
        for (const Problem& p : e.problems) errors += p.severity == Severity::error;
        if (link_button(app, trn(app, "entry.problems", (int64_t)errors) + "###jump_problem", colors::error_text, tr(app, "entry.jump_problem")))
            jump_to_next_field(app, bad);
    }
    submission_changes(app);  // edits after 定稿, named

    if (profile == Profile::county) departments_line(app);

    // Each assessment scrolls on its own (see results_screen).
    const bool own_scroll = begin_scroll_area("entry_scroll_" + item->id);
    std::set<std::string> shown;  // a figure shared by two indicators is typed once
    // Side by side: indicator | figures | value | status | what is still needed. In a narrow
    // window (stack_rows) each row stacks in one column: name and target, the figures, then the
    // status with the value, then what is still needed.
    const float em = ImGui::GetFontSize();
    const float pad_em = ImGui::GetStyle().CellPadding.x * 2.0f / em;
    const float status_w = status_chip_width(app);
    const bool stacked = stack_rows(app, 20.0f + 6.5f + status_w / em + 5.0f * pad_em, 2);
    for (const GroupDef& g : c.groups) {
        if (g.profile != profile) continue;
        separator_text((g.name.get(lang) + "  " + g.clause).c_str());
        ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
        if (!ImGui::BeginTable(g.id.c_str(), stacked ? 1 : 5, flags)) continue;
        if (stacked) {
            ImGui::TableSetupColumn(tr(app, "entry.indicator"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        } else {
            ImGui::TableSetupColumn(tr(app, "entry.indicator"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr(app, "entry.figures"), ImGuiTableColumnFlags_WidthFixed, em * 20.0f);
            ImGui::TableSetupColumn(tr(app, "entry.value"), ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
            ImGui::TableSetupColumn(tr(app, "entry.status"), ImGuiTableColumnFlags_WidthFixed, status_w);
            ImGui::TableSetupColumn(tr(app, "entry.gap"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
        }
        report_table_columns("entry");
        for (const IndicatorResult& r : e.results) {
            const IndicatorDef& d = *r.def;
            if (d.group != g.id) continue;
            ImGui::PushID(d.id.c_str());
            // The row, for the mirror: a group named by its indicator, the (?) help its description.
            a11y::begin_group("row", d.name.get(lang), d.help.get(lang));
            ImGui::TableNextRow();
            // Indicator: name, help, target.
            ImGui::TableNextColumn();
            float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
            help_marker(app, d, &r, text_wrapped(d.name.get(lang)), right);
            text_wrapped(std::string(tr(app, "entry.target")) + " " + display_target(c, r, lang), colors::muted);
            // Figures, then the note.
            if (!stacked) ImGui::TableNextColumn();
            std::vector<std::string> keys = d.inputs();
            if (d.applies_when) keys.insert(keys.begin(), d.applies_when->figure);
            for (const auto& tw : d.target_when) keys.insert(keys.begin(), tw.first.figure);
            for (const std::string& key : keys) {
                const FigureDef* derived = c.figure(key);
                if (!derived) continue;
                // A derived figure is asked as its source (one fact, one field), then shown as derived.
                const FigureDef* f = &entered_figure(c, *derived);
                const std::string& k = f->key;
                if (!shown.insert(k).second) {
                    std::string t = ws.figure_text(k);
                    text_wrapped(f->name.get(lang) + (lang == Lang::en ? " (" : "（") + tr(app, "entry.same_as_above") +
                                     (lang == Lang::en ? "): " : "）：") + (t.empty() ? "—" : t),
                                 colors::muted);
                } else {
                    // Required: the indicator is judged with it, or it decides whether or how the
                    // indicator applies (a condition's figure).
                    bool condition = d.applies_when && d.applies_when->figure == key;
                    for (const auto& tw : d.target_when) condition = condition || tw.first.figure == key;
                    figure_field(app, *f, e, condition || (r.status != Status::not_applicable && r.status != Status::info));
                }
                if (f != derived) text_wrapped(derived_figure_text(c, *derived, item->assessment).get(lang), colors::muted);
            }
            std::string note;
            if (auto n = item->assessment.notes.find(d.id); n != item->assessment.notes.end()) note = n->second;
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (ImGui::InputTextWithHint(("##note_" + d.id).c_str(), tr(app, "entry.note_hint"), &note)) {
                ws.set_note(d.id, note, now(app));
                mark_changed(app);
            }
            a11y::describe_last({a11y::Role::textbox, std::string(tr(app, "entry.note_hint")) + (lang == Lang::en ? ": " : "：") + d.name.get(lang), note, {}, 0});
            if (workflow_shown(item->assessment)) evidence_control(app, d, item->assessment);  // 佐证材料
            // Value, status, what is still needed.
            if (stacked) {
                status_chip(app, r.status, d.id);
                ImGui::SameLine();
                text_wrapped(std::string(tr(app, "entry.value")) + (lang == Lang::en ? ": " : "：") + display_value(c, r, lang));
            } else {
                ImGui::TableNextColumn();
                text_wrapped(display_value(c, r, lang));
                ImGui::TableNextColumn();
                status_chip(app, r.status, d.id);
                ImGui::TableNextColumn();
            }
            if (r.contribution) contribution_line(app, r);
            else if (!r.shortfall_text.empty()) text_wrapped(r.shortfall_text.get(lang));
            else if (!r.reason.empty()) text_wrapped(r.reason.get(lang), colors::muted);
            // A figure of this row was just edited: the live region says the row's new status.
            if (!app.announcing_figure.empty() && std::find(keys.begin(), keys.end(), app.announcing_figure) != keys.end())
                a11y::announce(indicator_outcome(app, r));
            a11y::end_group();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (workflow_shown(item->assessment)) signoff_section(app, *item);  // 填报人 …, then 定稿
    end_scroll_area(own_scroll);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Results screen
//-------------------------------------------------------------------------------------------------

static void results_screen(App& app) {
    Workspace& ws = app.ws;
    if (!ws.open_item()) { ws.screen = Screen::start; return; }
    const Catalog& c = *ws.catalog;
    const Evaluation& e = current_evaluation(app);
    Lang lang = ws.lang;
    const Summary& s = e.summary;

    summary_line(app, e);
    submission_changes(app);
    unusual_list(app);  // figures to check since last year (issue 16)
    // The controls flow onto the next line when they do not fit (a narrow window, large text).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text_line(tr(app, "results.completeness"));
    flow_same_line(em * 12.0f, line_right);
    char pct[32];
    std::snprintf(pct, sizeof pct, "%d %%", (int)std::floor(s.completeness() * 100.0));
    ImGui::ProgressBar((float)s.completeness(), ImVec2(std::min(em * 12.0f, line_right - ImGui::GetCursorScreenPos().x), 0), pct);
    // "Only not met" is this assessment's (another one opens with all its rows).
    const std::string& item_id = ws.open_item()->id;
    bool only_not_met = app.only_not_met.count(item_id) > 0;
    flow_same_line(ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + text_width(tr(app, "results.only_not_met")), line_right);
    if (ImGui::Checkbox(lbl(app, "results.only_not_met", "only_not_met").c_str(), &only_not_met)) {
        if (only_not_met) app.only_not_met.insert(item_id);
        else app.only_not_met.erase(item_id);
    }
    flow_same_line(em * 10.0f + style.ItemInnerSpacing.x + text_width(tr(app, "results.sort")), line_right);
    ImGui::SetNextItemWidth(em * 10.0f);
    const char* sorts[] = {tr(app, "results.sort.catalog"), tr(app, "results.sort.distance")};
    ImGui::Combo(lbl(app, "results.sort", "sort").c_str(), &app.sort, sorts, 2);

    // Year over year: another saved file of this unit, an earlier year.
    std::vector<int> earlier = comparable_items(app);
    const std::vector<IndicatorChange>* changes = current_changes(app);
    ImGui::AlignTextToFramePadding();
    text_line(tr(app, "results.compare"));
    flow_same_line(em * 8.0f, line_right);
    std::string preview = tr(app, "results.compare.none");
    if (changes) preview = std::to_string(ws.items[(size_t)ws.find(app.compare_id)].assessment.year);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    if (begin_combo("##compare", preview.c_str(), 0, tr(app, "results.compare"))) {
        if (ImGui::Selectable((std::string(tr(app, "results.compare.none")) + "##none").c_str(), !changes)) {
            app.compare_id.clear();
            app.changes_valid = false;
        }
        for (int k : earlier) {
            const Item& it = ws.items[(size_t)k];
            if (ImGui::Selectable((std::to_string(it.assessment.year) + "##" + it.id).c_str(), app.compare_id == it.id)) {
                app.compare_id = it.id;
                app.changes_valid = false;
            }
        }
        ImGui::EndCombo();
    }
    if (earlier.empty()) {
        if (flow_same_line(text_width(tr(app, "results.compare.hint")), line_right)) text_line(tr(app, "results.compare.hint"), colors::muted);
        else text_wrapped(tr(app, "results.compare.hint"), colors::muted);
    }
    // Files and the report: on this line while they fit, then on the next (a narrow window).
    const float bar_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    auto button_width = [](const char* key_text) { return text_width(key_text) + ImGui::GetStyle().FramePadding.x * 2.0f; };
    flow_same_line(button_width(tr(app, "btn.print_report")), bar_right);
    if (ImGui::Button(lbl(app, "btn.print_report", "print_report").c_str())) print_report(app);
    flow_same_line(button_width(tr(app, "btn.save_report")), bar_right);
    if (ImGui::Button(lbl(app, "btn.save_report", "save_report").c_str())) save_report(app);
    flow_same_line(button_width(tr(app, "btn.figures_csv")), bar_right);
    if (ImGui::Button(lbl(app, "btn.figures_csv", "figures_csv").c_str())) export_figures_csv(app);
    flow_same_line(button_width(tr(app, "btn.results_csv")), bar_right);
    if (ImGui::Button(lbl(app, "btn.results_csv", "results_csv").c_str())) export_results_csv(app);
    changes = current_changes(app);

    std::vector<const IndicatorResult*> rows;
    for (const IndicatorResult& r : e.results)
        if (!only_not_met || r.status == Status::not_met) rows.push_back(&r);
    if (app.sort == 1) {
        // Farthest from target first; unjudged (missing, invalid, n/a, info) last, in policy order.
        auto rank = [](const IndicatorResult* r) { return (r->status == Status::met || r->status == Status::not_met) ? 0 : 1; };
        std::vector<const IndicatorResult*> sorted;
        for (size_t i : stable_order(rows.size(), [&](size_t x, size_t y) {
                 const IndicatorResult *a = rows[x], *b = rows[y];
                 if (rank(a) != rank(b)) return rank(a) < rank(b);
                 return rank(a) == 0 && a->gap > b->gap;
             }))
            sorted.push_back(rows[i]);
        rows = std::move(sorted);
    }

    // Each assessment scrolls on its own: one opened for the first time starts at the top, one
    // opened again where it was left (the child window, and so its scroll, is the item's).
    const bool own_scroll = begin_scroll_area("results_scroll_" + item_id);
    // Side by side: indicator | status | chart | value | target | (change) | what is still needed.
    // In a narrow window (stack_rows) each row stacks: the name, then status, value, target and
    // chart flowing on a line, then the change and what is still needed.
    const float pad_em = ImGui::GetStyle().CellPadding.x * 2.0f / em;
    const float status_w = status_chip_width(app);
    const int columns = changes ? 7 : 6;
    const bool stacked = stack_rows(app, 24.0f + (changes ? 7.0f : 0.0f) + status_w / em + (float)columns * pad_em, 2);
    auto change_of = [&](const IndicatorResult& r) -> const IndicatorChange* {
        if (changes)
            for (const IndicatorChange& ch : *changes)
                if (ch.id == r.def->id) return &ch;
        return nullptr;
    };
    auto change_color = [](const IndicatorChange& ch) { return ch.direction > 0 ? colors::met : ch.direction < 0 ? colors::not_met : colors::muted; };
    if (rows.empty()) text_line(tr(app, "results.none"), colors::muted);
    else if (ImGui::BeginTable("results", stacked ? 1 : columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX)) {
        // For a screen reader a table too (read by cell): a row per indicator, its name the row header.
        a11y::table(tr(app, "a11y.results_table"));
        if (stacked) {
            ImGui::TableSetupColumn(tr(app, "entry.indicator"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        } else {
            ImGui::TableSetupColumn(tr(app, "entry.indicator"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr(app, "entry.status"), ImGuiTableColumnFlags_WidthFixed, status_w);
            ImGui::TableSetupColumn("##chart", ImGuiTableColumnFlags_WidthFixed, em * 9.0f);
            ImGui::TableSetupColumn(tr(app, "entry.value"), ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
            ImGui::TableSetupColumn(tr(app, "entry.target"), ImGuiTableColumnFlags_WidthFixed, em * 8.5f);
            if (changes) ImGui::TableSetupColumn(tr(app, "results.change"), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
            ImGui::TableSetupColumn(tr(app, "entry.gap"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
        }
        report_table_columns("results");
        const char* colon = lang == Lang::en ? ": " : "：";
        for (const IndicatorResult* r : rows) {
            ImGui::PushID(r->def->id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
            help_marker(app, *r->def, r, text_wrapped(r->def->name.get(lang)), right);
            a11y::cell_description(r->def->help.get(lang));  // the (?) help, said with the name
            const IndicatorChange* ch = change_of(*r);
            if (stacked) {
                status_chip(app, r->status, r->def->id);
                std::string value = std::string(tr(app, "entry.value")) + colon + display_value(c, *r, lang);
                std::string target = std::string(tr(app, "entry.target")) + colon + display_target(c, *r, lang);
                float gap = ImGui::GetStyle().ItemSpacing.x * 2.0f;
                for (const std::string* t : {&value, &target}) {
                    flow_same_line(text_width(*t), right, gap);
                    text_wrapped(*t, nullptr, right - ImGui::GetCursorScreenPos().x);
                }
                flow_same_line(em * 8.5f, right, gap);
                bullet_chart(app, *r, em * 8.5f);
                if (ch) text_wrapped(std::string(tr(app, "results.change")) + colon + ch->text.get(lang), change_color(*ch));
            } else {
                ImGui::TableNextColumn();
                status_chip(app, r->status, r->def->id);
                ImGui::TableNextColumn();
                bullet_chart(app, *r, em * 8.5f);
                ImGui::TableNextColumn();
                text_wrapped(display_value(c, *r, lang));
                ImGui::TableNextColumn();
                text_wrapped(display_target(c, *r, lang));
                if (changes) {
                    ImGui::TableNextColumn();
                    if (ch) text_wrapped(ch->text.get(lang), change_color(*ch));
                }
                ImGui::TableNextColumn();
            }
            if (r->contribution) {
                contribution_line(app, *r);
            } else if (!r->shortfall_text.empty()) {
                text_wrapped(r->shortfall_text.get(lang));
                if (r->status == Status::not_met) text_wrapped(r->def->advice.get(lang), colors::muted);
            } else if (!r->reason.empty()) {
                text_wrapped(r->reason.get(lang), colors::muted);
            }
            trend_cell(app, r->def->id, em * 8.5f);  // the unit's saved years (issue 16)
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Indicators only last year's catalog had.
    if (changes)
        for (const IndicatorChange& ch : *changes)
            if (ch.presence == Presence::last_year_only)
                text_wrapped(ch.name.get(lang) + (lang == Lang::en ? ": " : "：") + ch.text.get(lang), colors::muted);
    end_scroll_area(own_scroll);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Dialogs
//-------------------------------------------------------------------------------------------------

// A dialog 20–36 characters wide, never wider than the window (320 CSS px, zoom 200 %, large
// text): centred, its text wrapped at dialog_wrap().
float dialog_max_width() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    return std::min(ImGui::GetFontSize() * 36.0f, vp->WorkSize.x - ImGui::GetStyle().WindowPadding.x);
}
float dialog_wrap() {
    return std::min(ImGui::GetFontSize() * 34.0f, dialog_max_width() - ImGui::GetStyle().WindowPadding.x * 2.0f);
}
// The next button of a dialog beside the last while it fits, else under it.
void dialog_same_line(const std::string& next_label) {
    const float w = ImGui::CalcTextSize(next_label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    flow_same_line(w, ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x);
}
bool begin_dialog(const char* title_and_id) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float max_w = dialog_max_width();
    // Centred each frame: a window resized (or zoomed) keeps it in view.
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(ImGui::GetFontSize() * 20.0f, max_w), 0), ImVec2(max_w, vp->WorkSize.y));
    return ImGui::BeginPopupModal(title_and_id, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
}

// Importing over a saved assessment, merged (issue 15): each conflict side by side — the item,
// this browser's value, the file's value, each a choice (radio buttons: Tab, then Space or Enter),
// with "take all from …" for both sides. Merge is offered once every conflict has a side; Cancel or
// Escape keeps the saved assessment as it was. Nothing changes before Merge.
static void merge_dialog(App& app) {
    Workspace& ws = app.ws;
    Lang lang = ws.lang;
    FileMerge& m = app.merge;
    const Item* it = pending_item(app);
    if (!it || m.sides.size() != 2) {  // nothing to merge (a reload, the item deleted elsewhere)
        ImGui::CloseCurrentPopup();
        if (!app.pending_import.empty()) merge_cancelled(app);
        return;
    }
    const Assessment& saved = it->assessment;
    // The conflicts in the core's order, one row per key (two sides make one conflict a key).
    // Copies: a choice merges again (choose_side), which replaces m.result under the loop.
    std::vector<qcity::MergeConflict> rows;
    for (const qcity::MergeConflict& c : m.result.conflicts)
        if (std::none_of(rows.begin(), rows.end(), [&](const qcity::MergeConflict& r) { return r.key == c.key; })) rows.push_back(c);
    const std::string text = trn(app, "merge.text", (int64_t)rows.size(),
                                 {{"unit", unit_name(app, saved, lang)}, {"year", std::to_string(saved.year)}, {"file", m.file_name}});
    text_wrapped(text, nullptr, dialog_wrap());
    test_text("merge_text", text);

    // Shortcuts: every conflict from one side.
    auto choose_all = [&](size_t side) {
        for (const qcity::MergeConflict& c : rows) ws.choose_side(m, c.key, side);
    };
    if (ImGui::Button(lbl(app, "merge.all_here", "merge_all_here").c_str())) choose_all(FileMerge::here);
    dialog_same_line(lbl(app, "merge.all_file", "merge_all_file"));
    if (ImGui::Button(lbl(app, "merge.all_file", "merge_all_file").c_str())) choose_all(FileMerge::file);

    // The conflicts: item | this browser | the file. As tall as its rows, up to 45 % of the window;
    // a longer list scrolls inside the dialog (Tab scrolls to the choice it reaches).
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, vp->WorkSize.y * 0.45f));
    ImGui::BeginChild("merge_rows", ImVec2(dialog_wrap(), 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_NavFlattened);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("merge_conflicts", 3, flags)) {
        a11y::table(tr(app, "merge.caption"));
        ImGui::TableSetupColumn(tr(app, "merge.col_item"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr(app, "merge.col_here"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr(app, "merge.col_file"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        for (const qcity::MergeConflict& row : rows) {
            const qcity::MergeConflict* c = &row;
            ImGui::PushID(c->key.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string& name = c->label.get(lang);
            text_wrapped(name);
            auto chosen = m.choose.find(c->key);
            auto side = [&](size_t which, const Text& shown, const char* id, const char* col_key) {
                ImGui::TableNextColumn();
                const bool on = chosen != m.choose.end() && chosen->second == which;
                const std::string& value = shown.get(lang);
                if (ImGui::RadioButton((value + "###" + id + c->key).c_str(), on)) ws.choose_side(m, c->key, which);
                const std::string said = name + (lang == Lang::en ? " — " : "——") + tr(app, col_key) + (lang == Lang::en ? ": " : "：") + value;
                a11y::describe_last({a11y::Role::radio, said, {}, {}, uint16_t(on ? a11y::checked : 0)});
            };
            side(FileMerge::here, c->shown_a, "merge_here_", "merge.col_here");
            side(FileMerge::file, c->shown_b, "merge_file_", "merge.col_file");
            if (test_hooks_on())
                test_text(("merge_row_" + c->key).c_str(), name + " | " + c->shown_a.get(lang) + " | " + c->shown_b.get(lang));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();

    const size_t left = m.unchosen();
    const std::string left_text = left > 0 ? trn(app, "merge.left", (int64_t)left) : std::string(tr(app, "merge.all_chosen"));
    text_wrapped(left_text, left > 0 ? colors::invalid : colors::muted, dialog_wrap());
    test_text("merge_left", left_text);
    ImGui::BeginDisabled(left > 0);
    const bool ok = ImGui::Button(lbl(app, "btn.merge", "merge_ok").c_str());
    ImGui::EndDisabled();
    if (left > 0) a11y::describe_last({a11y::Role::button, {}, {}, left_text, a11y::disabled});
    dialog_same_line(lbl(app, "btn.cancel", "merge_cancel"));
    const bool cancel = ImGui::Button(lbl(app, "btn.cancel", "merge_cancel").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape);
    if (ok && left == 0) {
        ImGui::CloseCurrentPopup();
        merge_applied(app);
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
        merge_cancelled(app);
    }
}

static void dialogs(App& app) {
    Workspace& ws = app.ws;
    const std::string err_id = app.error_title.get(ws.lang) + "###error_dialog";
    const std::string del_id = std::string(tr(app, "confirm.delete.title")) + "###delete_dialog";
    const std::string rep_id = std::string(tr(app, "confirm.replace.title")) + "###replace_dialog";
    if (app.open_error) { ImGui::OpenPopup("###error_dialog"); app.open_error = false; }
    if (app.open_delete) { ImGui::OpenPopup("###delete_dialog"); app.open_delete = false; }
    if (app.open_replace) { ImGui::OpenPopup("###replace_dialog"); app.open_replace = false; }
    const std::string conflict_id = std::string(tr(app, "backup_conflict_title")) + "###backup_conflict_dialog";
    if (app.open_backup_conflict) { ImGui::OpenPopup("###backup_conflict_dialog"); app.open_backup_conflict = false; }
    const std::string merge_id = std::string(tr(app, "merge.title")) + "###merge_dialog";
    if (app.open_merge) { ImGui::OpenPopup("###merge_dialog"); app.open_merge = false; }

    if (begin_dialog(err_id.c_str())) {
        text_wrapped(app.error_text.get(ws.lang), nullptr, dialog_wrap());
        test_text("error_text", app.error_text.get(ws.lang));
        if (ImGui::Button(lbl(app, "btn.ok", "error_ok").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (begin_dialog(del_id.c_str())) {
        const Item* it = app.confirm_delete >= 0 && app.confirm_delete < (int)ws.items.size() ? &ws.items[(size_t)app.confirm_delete] : nullptr;
        if (it) {
            text_wrapped(trf(app, "confirm.delete.text", {{"unit", unit_name(app, it->assessment, ws.lang)}, {"year", std::to_string(it->assessment.year)}}),
                         nullptr, dialog_wrap());
        }
        if (ImGui::Button(lbl(app, "btn.delete", "delete_yes").c_str()) && it) {
            ws.remove(app.confirm_delete, now(app));
            app.confirm_delete = -1;
            mark_changed(app);
            ImGui::CloseCurrentPopup();
        }
        dialog_same_line(lbl(app, "btn.cancel", "delete_no"));
        if (ImGui::Button(lbl(app, "btn.cancel", "delete_no").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            app.confirm_delete = -1;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (begin_dialog(rep_id.c_str())) {
        const Item* it = app.pending_conflict >= 0 && app.pending_conflict < (int)ws.items.size() ? &ws.items[(size_t)app.pending_conflict] : nullptr;
        if (it) {
            text_wrapped(trf(app, "confirm.replace.text", {{"unit", unit_name(app, it->assessment, ws.lang)}, {"year", std::to_string(it->assessment.year)}}),
                         nullptr, dialog_wrap());
        }
        // Merge first (issue 15): the usual answer when a department's partial file comes back.
        if (ImGui::Button(lbl(app, "btn.merge", "replace_merge").c_str())) {
            ImGui::CloseCurrentPopup();
            merge_answered(app);
        }
        dialog_same_line(lbl(app, "btn.replace", "replace_yes"));
        if (ImGui::Button(lbl(app, "btn.replace", "replace_yes").c_str())) {
            ImGui::CloseCurrentPopup();
            replace_answered(app, true);
        }
        dialog_same_line(lbl(app, "btn.cancel", "replace_no"));
        if (ImGui::Button(lbl(app, "btn.cancel", "replace_no").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            ImGui::CloseCurrentPopup();
            replace_answered(app, false);
        }
        ImGui::EndPopup();
    }
    evidence_dialog(app);  // 佐证材料 of one indicator (app_workflow.cpp)
    confirm_dialog(app);   // 确认无误 of an unusual change (app_years.cpp)
    // A backup's assessment that differs from the one saved here: keep which? Escape keeps mine.
    if (begin_dialog(conflict_id.c_str())) {
        const Restore& r = app.restore;
        int k = r.asking() ? ws.find(r.conflicts[r.next].second) : -1;
        if (r.asking()) {
            const BackupEntry& theirs = r.conflicts[r.next].first;
            const Item* mine = k >= 0 ? &ws.items[(size_t)k] : nullptr;
            std::string text = trf(app, "backup_conflict_text",
                                   {{"unit", unit_name(app, theirs.assessment, ws.lang)}, {"year", std::to_string(theirs.assessment.year)},
                                    {"mine", mine ? format_time(mine->edited_ms) : "—"}, {"theirs", format_time(theirs.edited_ms)}});
            size_t left = r.conflicts.size() - r.next - 1;
            if (left > 0) text += "\n" + trn(app, "backup_conflict_left", (int64_t)left);
            text_wrapped(text, nullptr, dialog_wrap());
            test_text("backup_conflict_text", text);
        }
        if (ImGui::Button(lbl(app, "backup_keep_mine", "conflict_mine").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            ImGui::CloseCurrentPopup();
            backup_conflict_answered(app, ConflictChoice::keep_mine);
        } else {
            dialog_same_line(lbl(app, "backup_take_backup", "conflict_theirs"));
            if (ImGui::Button(lbl(app, "backup_take_backup", "conflict_theirs").c_str())) {
                ImGui::CloseCurrentPopup();
                backup_conflict_answered(app, ConflictChoice::take_backup);
            }
            dialog_same_line(lbl(app, "backup_keep_both", "conflict_both"));
            if (ImGui::Button(lbl(app, "backup_keep_both", "conflict_both").c_str())) {
                ImGui::CloseCurrentPopup();
                backup_conflict_answered(app, ConflictChoice::keep_both);
            }
        }
        ImGui::EndPopup();
    }
    if (begin_dialog(merge_id.c_str())) {
        merge_dialog(app);
        ImGui::EndPopup();
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Frame
//-------------------------------------------------------------------------------------------------

void frame(App& app) {
    app.in_frame = true;
    a11y::set_language(app.ws.lang == Lang::en ? "en" : "zh-CN");
    // A figure whose edit was committed last frame: its rows say their new status in this one.
    app.announcing_figure.swap(app.announce_figure);
    app.announce_figure.clear();
    app.active_figure_this_frame.clear();
    app.fields_drawn_this_frame.clear();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                             ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    // No background of its own: it would be a textured quad over every pixel of the canvas, each
    // frame, on top of the clear of the same colour (the platform clears with ImGuiCol_WindowBg).
    // Where WebGL runs on the CPU (SwiftShader, no GPU) that quad was most of a frame's cost. An alpha
    // of 0, not ImGuiWindowFlags_NoBackground: Dear ImGui draws no quad of alpha 0 (AddRectFilled) and
    // still draws the window's border (the app's edge in a page), which that flag leaves out.
    ImGui::SetNextWindowBgAlpha(0.0f);
    // (A scrollbar, which Dear ImGui shows only when the page scrolls as a whole: a short window,
    // begin_scroll_area; a long start screen — so that a person sees there is more below.)
    ImGui::Begin("qcity", nullptr, flags);
    top_bar(app);
    // Each screen its own wasm function, called through a pointer. Called directly, each would be
    // inlined here (Binaryen inlines any function with one caller, whatever its size or attributes),
    // and a browser compiles a wasm function whole at its first call: the first frame, which shows
    // the start screen, compiled every screen's code (8.8 ms of Liftoff here, issue 13).
    static void (*const screens[])(App&) = {start_screen, entry_screen, results_screen, readiness_screen, rollup_screen};
    static_assert(sizeof(screens) / sizeof(screens[0]) == (size_t)Screen::rollup + 1, "a screen for each Screen");
    screens[(size_t)app.ws.screen](app);
    // The dialogs only when one is asked for or open (every dialog is a modal popup; a combo's list is
    // not one). Called through a pointer the optimiser cannot see through (volatile), for the reason
    // above: the dialogs' code (8 KiB of wasm) is compiled when a first dialog opens, not for the first
    // frame, and it is in the deferred half of the wasm (src/platform/web/deferred-functions.txt),
    // which the page fetches at a person's first input: as a rule done before a dialog opens (a
    // dialog opened at the very first input would wait for it, a synchronous fetch and compile).
    static void (*volatile dialogs_ptr)(App&) = dialogs;
    if (app.dialog_asked() || ImGui::GetTopMostPopupModal()) dialogs_ptr(app);
    ImGui::End();
    focus_ring(app);
    app.active_figure = app.active_figure_this_frame;
    if (!app.focus_figure.empty() && --app.focus_frames_left <= 0) app.focus_figure.clear();
    if (app.ws.screen == Screen::entry && app.ws.open_item() && !app.fields_drawn_this_frame.empty()) {
        app.fields_drawn.swap(app.fields_drawn_this_frame);
        app.fields_drawn_item = app.ws.open_item()->id;
    }
    app.in_frame = false;
    if (app.change_pending) announce_change(app);
}

}  // namespace qcity::app
