// qcity — the browser glue: window and WebGL2 context (GLFW), HiDPI, the main loop,
// storage, files and the page API. Kept thin: the interface is src/app, the judging src/core.
//
// Index of this file
// [SECTION] JS glue declarations (library_qcity.js)
// [SECTION] Canvas size and pixel ratio
// [SECTION] Storage (autosave to localStorage, retried when it fails; other tabs' saves merged in)
// [SECTION] Main loop (draws only when something changed)
// [SECTION] Exports: files, autosave, the page API (window.qcity), tests and benchmarks
// [SECTION] main

#include "app.h"
#include "fonts.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <unordered_set>

using namespace qcity;

//-------------------------------------------------------------------------------------------------
// [SECTION] JS glue declarations (library_qcity.js)
//-------------------------------------------------------------------------------------------------

extern "C" {
double qcity_js_now(void);  // Date.now(): wall clock, ms since the epoch
// Sizes the canvas backing store to its CSS size × devicePixelRatio. Writes the backing size and
// returns the ratio ×1000 (an int keeps the JS/wasm boundary simple).
int qcity_js_sync_canvas(int* width, int* height);
// True (once) when an input or page event happened since the last call (always, in continuous mode).
int qcity_js_take_wake(void);
// Called after every drawn frame: frame counter for tests, the loading indicator goes away.
void qcity_js_frame_drawn(int frame);
// Installs the DOM listeners that wake the loop, file drop and autosave-on-hide. Before glfwInit().
void qcity_js_install(void);
// Storage: the saved workspace (malloc'd UTF-8, or 0), its state (0 ok, 1 unavailable, 2 full).
char* qcity_js_storage_load(void);
int qcity_js_storage_state(void);
// Listens for other tabs' saves, asks navigator.storage.persist(), looks for the marker of data
// saved before (when nothing was loaded). Answers through qcity_storage_persisted / _had_data.
void qcity_js_storage_install(int had_text);
// The stored workspace if it changed since this tab last wrote or read it (malloc'd), else 0.
char* qcity_js_storage_read(void);
int qcity_js_storage_save(const char* json, int items);  // 0 saved, 1 unavailable, 2 full
void qcity_js_storage_save_later(double ms);             // another attempt (after a failure)
void qcity_js_storage_keep_aside(const char* json);
// The workspace changed: schedule an autosave (debounced) and dispatch qcity:results.
void qcity_js_changed(const char* results_json);
void qcity_js_download(const char* name, const char* text);
// Saves like a document (File System Access where the browser has it, else a download); the outcome
// comes back through qcity_file_saved(request, …). See Platform::save_file.
void qcity_js_save_file(int request, const char* key, const char* name, const char* text, int ask);
int qcity_js_can_save_in_place(void);
void qcity_js_pick_file(void);
void qcity_js_print(const char* html);
// Text input: focus (or release) the DOM text element at the caret, in CSS pixels.
void qcity_js_text_input(int active, float x, float y, float line_height);
void qcity_js_clipboard_write(const char* text);
int qcity_js_is_mac(void);  // Cmd, not Ctrl, is the shortcut key there
}

namespace {

GLFWwindow* g_window = nullptr;
app::App g_app;
int g_width = 0, g_height = 0;
float g_ratio = 0.0f;
int g_frames_left = 0;      // frames still to draw after the last event (ImGui settles in a few)
double g_last_input = 0.0;  // for tooltips that appear after a hover delay
int g_frame = 0;
bool g_paused = false;      // the main loop is paused while idle; wake() resumes it
int g_idle_ticks = 0;
double g_frame_ms_last = 0.0, g_frame_ms_sum = 0.0;
int g_frame_ms_count = 0;

std::string g_api_result;  // the string an export returns (valid until the next call)

// Clipboard: the browser hands text over only in a paste event, so ImGui reads the last pasted (or
// copied) text from here; copies also go to the system clipboard.
std::string g_clipboard;

// Where ImGui's text caret is (io.SetPlatformImeDataFn), and what the page was last told.
ImGuiPlatformImeData g_ime{};
struct TextInputState { bool active = false; float x = -1, y = -1, h = -1; } g_text_input;

//-------------------------------------------------------------------------------------------------
// [SECTION] Canvas size and pixel ratio
//-------------------------------------------------------------------------------------------------

// Returns true when the size or the ratio changed.
bool sync_canvas() {
    int w = 0, h = 0;
    float ratio = (float)qcity_js_sync_canvas(&w, &h) / 1000.0f;
    if (ratio <= 0.0f) ratio = 1.0f;
    bool changed = w != g_width || h != g_height;
    g_width = w;
    g_height = h;
    if (ratio != g_ratio) {
        bool first = g_ratio == 0.0f;
        g_ratio = ratio;
        app::set_scale(g_app, ratio);  // a new style: the font size follows it
        if (first) fonts_init(ratio);
        else fonts_set_ratio(ratio);
        changed = true;
    }
    return changed;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Storage
//-------------------------------------------------------------------------------------------------

void wake();  // (Main loop) something may need drawing: resume the loop

int g_save_failures = 0;  // in a row: the retry waits 1, 2, 4 … 60 s

// A random tag for this tab (edit stamps, new item ids): 8 base-36 characters.
std::string new_session_tag() {
    std::string tag;
    for (int i = 0; i < 8; ++i) tag += "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(emscripten_random() * 36) % 36];
    return tag;
}

void load_saved_workspace() {
    g_app.ws.session = new_session_tag();
    char* saved = qcity_js_storage_load();
    int state = qcity_js_storage_state();
    // A full quota still reads: the saved work opens, and the banner says saving is failing.
    g_app.storage = state == 0 ? app::StorageState::ok : state == 2 ? app::StorageState::full : app::StorageState::unavailable;
    qcity_js_storage_install(saved ? 1 : 0);
    if (!saved) return;
    std::string text(saved);
    std::free(saved);
    Json doc;
    Problem parse_error;
    std::vector<std::string> unreadable;
    // Depth-limited (issue 12): a document nested deeper than kMaxJsonDepth is kept aside, not opened.
    if (!parse_json_document(text, doc, parse_error) || !g_app.ws.from_json(doc, &unreadable)) {
        // Never drop what we cannot read: keep it aside under its own key and start afresh.
        qcity_js_storage_keep_aside(text.c_str());
        g_app.unreadable_items = 1;
        return;
    }
    for (const std::string& raw : unreadable) qcity_js_storage_keep_aside(raw.c_str());
    g_app.unreadable_items = (int)unreadable.size();
}

// Merges what another tab stored since this tab last looked (the storage event, and before every
// save: read-merge-write, so a tab that missed an event never overwrites another's edits).
void merge_stored_workspace() {
    char* saved = qcity_js_storage_read();
    if (!saved) return;
    std::string text(saved);
    std::free(saved);
    Json doc;
    Problem parse_error;  // depth-limited (issue 12), like every reader of stored JSON
    if (!parse_json_document(text, doc, parse_error) || !doc.is_object() || json_string(doc, "schema") != "qcity.workspace/1") {
        qcity_js_storage_keep_aside(text.c_str());  // not a workspace: kept before this tab's save replaces it
        return;
    }
    app::MergeReport r = app::merge_stored(g_app, doc);
    if (r.changed) wake();
    // This tab holds what the stored one lacks (a missed event, a write that raced ours): save it.
    if (r.local_ahead && !r.changed) qcity_js_storage_save_later(300);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Main loop
//-------------------------------------------------------------------------------------------------

void draw_frame() {
    double t0 = emscripten_get_now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Our canvas scheme: DisplaySize in backing pixels, framebuffer scale 1 (GLFW's own window size
    // is not used; the emulated glfwSetWindowSize can request fullscreen when sizes match the screen).
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2((float)g_width, (float)g_height);
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    app::test_hooks_begin_frame();
    ImGui::NewFrame();
    app::frame(g_app);
    ImGui::Render();
    glViewport(0, 0, g_width, g_height);
    glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // A DOM text element follows the caret while a field is edited: IME candidates appear where the
    // person types, and composed Chinese text arrives (see library_qcity.js).
    bool want = io.WantTextInput;
    float x = g_ime.InputPos.x / g_ratio, y = g_ime.InputPos.y / g_ratio, h = g_ime.InputLineHeight / g_ratio;
    if (want != g_text_input.active || (want && (x != g_text_input.x || y != g_text_input.y || h != g_text_input.h))) {
        g_text_input = {want, x, y, h};
        qcity_js_text_input(want ? 1 : 0, x, y, h);
    }
    g_frame_ms_last = emscripten_get_now() - t0;
    g_frame_ms_sum += g_frame_ms_last;
    ++g_frame_ms_count;
    qcity_js_frame_drawn(++g_frame);
}

// Something may need drawing (an event, an API call, a finished file read): resume the loop.
void wake() {
    g_app.redraw = true;
    if (g_paused) {
        g_paused = false;
        g_idle_ticks = 0;
        emscripten_resume_main_loop();
    }
}

// Called by requestAnimationFrame. Draws only when there is something to draw: input, a resize, a
// state change, a pending hover tooltip. After a few idle ticks the loop pauses itself, so an idle
// page costs nothing at all; any DOM event or API call resumes it (wake()).
void main_loop() {
    bool resized = sync_canvas();
    bool input = qcity_js_take_wake() != 0;
    double now = glfwGetTime();
    if (input || resized) {
        g_frames_left = 3;
        g_last_input = now;
    }
    if (fonts_take_redraw()) g_app.redraw = true;  // glyphs that were missing can be drawn now
    if (g_app.redraw) {
        g_app.redraw = false;
        g_frames_left = std::max(g_frames_left, 2);
    }
    // ImGui trickles queued input (one key or character per frame, to keep their order): fast
    // typing or a paste leaves events queued after the frames an event buys. Drain them.
    if (GImGui->InputEventsQueue.Size > 0) g_frames_left = std::max(g_frames_left, 2);
    // Hover tooltips appear after a delay with the mouse still: keep drawing briefly while hovering.
    bool hovering = ImGui::IsAnyItemHovered() && now - g_last_input < 1.0;
    if (g_frames_left <= 0 && !hovering) {
        if (++g_idle_ticks >= 30 && !g_app.redraw) {
            g_paused = true;
            emscripten_pause_main_loop();
        }
        return;
    }
    g_idle_ticks = 0;
    draw_frame();
    if (g_frames_left > 0) --g_frames_left;
}

// Mouse wheel on the canvas. ImGui 1.90.1's GLFW backend listens on the whole document, where Chrome
// makes wheel listeners passive: its preventDefault() then logs an error on every wheel turn and the
// page may scroll. Ours listens on the canvas, with the same step sizes as the backend (SDL's).
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
    float multiplier = ev->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 100.0f : ev->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f : 80.0f;
    ImGui::GetIO().AddMouseWheelEvent((float)ev->deltaX * -multiplier, (float)ev->deltaY * -multiplier);
    return EM_TRUE;
}

Json results_json() {
    const app::Item* it = g_app.ws.open_item();
    if (!it) return Json(nullptr);
    const Evaluation& e = app::current_evaluation(g_app);
    Json j = evaluation_to_json(*g_app.ws.catalog, it->assessment, e, g_app.ws.lang);
    // The same readiness member as `qcity evaluate` for an enterprise.
    if (it->assessment.profile == Profile::enterprise) j["readiness"] = readiness_to_json(app::current_readiness(g_app), g_app.ws.lang);
    return j;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Exports
//-------------------------------------------------------------------------------------------------

extern "C" {

// --- files ---------------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE void qcity_wake() { wake(); }

// --- text input and clipboard ---------------------------------------------------------------------

// Text typed or composed (IME) in the DOM text element.
EMSCRIPTEN_KEEPALIVE void qcity_text_input(const char* text) {
    if (text && *text) {
        fonts_note_text(text);
        ImGui::GetIO().AddInputCharactersUTF8(text);
    }
    wake();
}

// A paste event. Several lines into a figure field fill the following fields too; otherwise the text
// becomes what ImGui's own Ctrl+V (queued from the same key press) pastes.
EMSCRIPTEN_KEEPALIVE void qcity_paste(const char* text) {
    std::string t = text ? text : "";
    fonts_note_text(t);
    if (app::paste_column(g_app, t)) g_clipboard.clear();  // the field was let go: nothing more to paste
    else g_clipboard = t;
    wake();
}

// Files picked or dropped together: announced first, then each in the order picked (one message
// for all of them once the last is done).
EMSCRIPTEN_KEEPALIVE void qcity_import_begin(int files) {
    app::begin_import(g_app, files);
    wake();
}

EMSCRIPTEN_KEEPALIVE void qcity_import_file(const char* name, const char* text) {
    app::import_file(g_app, name ? name : "", text ? text : "");
    wake();
}

// A save through qcity_js_save_file ended: outcome 0 written, 1 downloaded, 2 cancelled, 3 failed.
EMSCRIPTEN_KEEPALIVE void qcity_file_saved(int request, int outcome, const char* file, const char* error) {
    app::SaveOutcome o = outcome == 0 ? app::SaveOutcome::written : outcome == 1 ? app::SaveOutcome::downloaded
                       : outcome == 2 ? app::SaveOutcome::cancelled : app::SaveOutcome::failed;
    app::file_saved(g_app, request, o, file ? file : "", error ? error : "");
    wake();
}

// A file's bytes, as read by the page (FileReader.readAsArrayBuffer) into memory it malloc'd and
// frees after the call: never through ccall's 'string' (that copies onto the 5 MB wasm stack, and
// decodes the bytes as UTF-8 first). The core decides what they are.
EMSCRIPTEN_KEEPALIVE void qcity_import_file_bytes(const char* name, const unsigned char* data, int length) {
    std::string bytes(data && length > 0 ? (const char*)data : "", data && length > 0 ? (size_t)length : 0);
    app::import_file(g_app, name ? name : "", bytes);
    wake();
}

EMSCRIPTEN_KEEPALIVE void qcity_import_too_large(const char* name, double bytes) {
    app::import_failed(g_app, name ? name : "", file_too_large((size_t)bytes).message);
    wake();
}

// --- autosave ------------------------------------------------------------------------------------

// Writes the workspace to storage (called by the debounced timer, when the page is hidden, and to
// retry). What another tab stored is merged in first. A failure is retried with backoff (and at the
// next change): saving is never switched off, and the banner says when the last save worked.
EMSCRIPTEN_KEEPALIVE void qcity_autosave() {
    merge_stored_workspace();
    std::string doc = g_app.ws.to_json().dump(-1, ' ', false, Json::error_handler_t::replace);
    int state = qcity_js_storage_save(doc.c_str(), (int)g_app.ws.items.size());
    app::StorageState s = state == 0 ? app::StorageState::ok : state == 2 ? app::StorageState::full : app::StorageState::unavailable;
    if (s == app::StorageState::ok) {
        g_save_failures = 0;
        g_app.storage_saved_ms = qcity_js_now();
    } else {
        g_save_failures = std::min(g_save_failures + 1, 7);
        qcity_js_storage_save_later(std::min(60000.0, 1000.0 * (1 << (g_save_failures - 1))));
    }
    if (s != g_app.storage) {
        g_app.storage = s;
        wake();
    }
}

// Another tab saved the workspace (the storage event).
EMSCRIPTEN_KEEPALIVE void qcity_storage_changed() { merge_stored_workspace(); }

// navigator.storage.persist()'s answer: 1 granted, 0 refused, -1 no such API.
EMSCRIPTEN_KEEPALIVE void qcity_storage_persisted(int answer) {
    g_app.storage_persist = answer;
    wake();
}

// Nothing was saved, but the marker says this browser had `items` assessments (saved at `saved_ms`).
EMSCRIPTEN_KEEPALIVE void qcity_storage_had_data(double saved_ms, int items) {
    if (!g_app.ws.items.empty()) return;
    g_app.storage_cleared_items = items;
    g_app.storage_cleared_saved_ms = saved_ms;
    wake();
}

// --- the page API (window.qcity; see web/qcity-shell.js). Each returns "" or an error message. ---

EMSCRIPTEN_KEEPALIVE const char* qcity_api_load(const char* json) {
    Json doc;
    Problem error;
    // Depth-limited and path-aware (issue 12): 8,000 nested objects once broke every later autosave.
    if (!parse_json_document(json ? json : "", doc, error, g_app.ws.catalog)) {
        g_api_result = (Lang::en == g_app.ws.lang ? "load(): " : "load()：") + error.message.get(g_app.ws.lang);
        return g_api_result.c_str();
    }
    if (!g_app.ws.load_into_open(doc, qcity_js_now(), error)) {
        g_api_result = error.message.get(g_app.ws.lang);
        return g_api_result.c_str();
    }
    app::mark_changed(g_app);
    g_api_result.clear();
    return g_api_result.c_str();
}

// open(profile, unit, year): the saved assessment of that profile, unit and year, or a new one
// (an embedding page's URL names what to show). A county must be one of the catalog's units.
EMSCRIPTEN_KEEPALIVE const char* qcity_api_open(const char* profile_text, const char* unit_text, int year) {
    bool en = g_app.ws.lang == Lang::en;
    std::optional<Profile> profile = parse_profile(profile_text ? profile_text : "");
    std::string unit = unit_text ? unit_text : "";
    if (!profile) {
        g_api_result = en ? "open(): profile must be county or enterprise" : "open()：profile 应为 county 或 enterprise";
        return g_api_result.c_str();
    }
    if (unit.empty() || (*profile == Profile::county && !g_app.ws.catalog->unit_by_name(unit))) {
        g_api_result = en ? "open(): unknown unit '" + unit + "'" : "open()：未知的单位“" + unit + "”";
        return g_api_result.c_str();
    }
    if (std::optional<Problem> bad = check_year(*g_app.ws.catalog, year)) {  // the catalog's range, named
        g_api_result = std::string("open()") + (en ? ": " : "：") + bad->message.get(g_app.ws.lang);
        return g_api_result.c_str();
    }
    int k = g_app.ws.find_unit_year(*profile, unit, year);
    if (k >= 0) g_app.ws.open(k);
    else g_app.ws.create(*profile, unit, year, qcity_js_now());
    app::mark_changed(g_app);
    g_api_result.clear();
    return g_api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_state() {
    const app::Item* it = g_app.ws.open_item();
    g_api_result = it ? assessment_to_json(it->assessment).dump(-1, ' ', false, Json::error_handler_t::replace) : "null";
    return g_api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_results() {
    g_api_result = results_json().dump(-1, ' ', false, Json::error_handler_t::replace);
    return g_api_result.c_str();
}

// setFigure(key, value): value as JSON text, or a number passed as a double (NaN and ±Infinity do
// not survive JSON). A value the core rejects is not stored: the call fails and nothing changes.
static const char* set_figure(const char* key, const FigureValue& v) {
    const Catalog& c = *g_app.ws.catalog;
    app::Item* it = g_app.ws.open_item();
    bool en = g_app.ws.lang == Lang::en;
    const FigureDef* f = key ? c.figure(key) : nullptr;
    if (!it) g_api_result = en ? "setFigure(): no assessment is open" : "setFigure()：尚未打开评估";
    else if (!f) g_api_result = std::string(en ? "setFigure(): unknown figure key '" : "setFigure()：未知的数据项 “") + (key ? key : "") + (en ? "'" : "”");
    else if (f->profile != it->assessment.profile)
        g_api_result = std::string(key) + (en ? ": belongs to the other profile" : "：属于另一类评估");
    else if (auto p = check_figure_value(c, *f, v)) g_api_result = p->message.get(g_app.ws.lang);
    else {
        g_app.ws.set_figure_value(key, v, qcity_js_now());
        app::mark_changed(g_app);
        g_api_result.clear();
    }
    return g_api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_set_figure_json(const char* key, const char* value_json) {
    Json j = Json::parse(value_json ? value_json : "", nullptr, false);
    if (j.is_discarded() || j.is_array() || j.is_object()) {
        g_api_result = g_app.ws.lang == Lang::en ? "setFigure(): the value must be a number, true/false, text or null"
                                                 : "setFigure()：值应为数字、true/false、文本或 null";
        return g_api_result.c_str();
    }
    return set_figure(key, FigureValue::from_json(j));
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_set_figure_number(const char* key, double value) {
    // Whole numbers stay integers (as they would read from a file); others are reals.
    FigureValue v = (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15)
                        ? FigureValue::integer((int64_t)value) : FigureValue::real(value);
    return set_figure(key, v);
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_set_language(const char* lang) {
    auto l = parse_lang(lang ? lang : "");
    if (!l) {
        g_api_result = std::string("setLanguage(): expected 'zh-CN' or 'en', got '") + (lang ? lang : "") + "'";
        return g_api_result.c_str();
    }
    g_app.ws.lang = *l;
    app::mark_changed(g_app);
    g_api_result.clear();
    return g_api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_language() { return g_app.ws.lang == Lang::en ? "en" : "zh-CN"; }

// --- tests and benchmarks ------------------------------------------------------------------------

// Turns the item hooks on (off in the shipped app: nothing recorded, no label built); returns 1 when
// they were on already, 0 when this call turned them on (the items appear two frames later: a
// frame records them, the next publishes them). tests/browser/lib.mjs calls it from openApp and
// before reading items, so a reloaded page gets its hooks back.
EMSCRIPTEN_KEEPALIVE int qcity_test_enable() {
    bool was = app::test_hooks_enable();
    if (!was) wake();
    return was ? 1 : 0;
}
// The labelled items of the last frame (turning the hooks on if they were off: then none yet).
EMSCRIPTEN_KEEPALIVE const char* qcity_test_items() {
    qcity_test_enable();
    g_api_result = app::test_items_json();
    return g_api_result.c_str();
}
// The whole workspace as it would be saved (every item, stamps and deletions): two-tab tests.
EMSCRIPTEN_KEEPALIVE const char* qcity_test_workspace() {
    g_api_result = g_app.ws.to_json().dump(-1, ' ', false, Json::error_handler_t::replace);
    return g_api_result.c_str();
}
EMSCRIPTEN_KEEPALIVE int qcity_frame_count() { return g_frame; }
EMSCRIPTEN_KEEPALIVE int qcity_loop_paused() { return g_paused ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int qcity_input_pending() { return GImGui ? GImGui->InputEventsQueue.Size : 0; }
EMSCRIPTEN_KEEPALIVE void qcity_request_redraw() { wake(); }
EMSCRIPTEN_KEEPALIVE double qcity_frame_ms_last() { return g_frame_ms_last; }
EMSCRIPTEN_KEEPALIVE double qcity_frame_ms_mean() { return g_frame_ms_count ? g_frame_ms_sum / g_frame_ms_count : 0.0; }
EMSCRIPTEN_KEEPALIVE void qcity_frame_ms_reset() { g_frame_ms_sum = 0; g_frame_ms_count = 0; }

}

//-------------------------------------------------------------------------------------------------
// [SECTION] main
//-------------------------------------------------------------------------------------------------

int main() {
    qcity_js_install();
    if (!glfwInit()) {
        std::fprintf(stderr, "qcity: glfwInit failed\n");
        return 1;
    }
    // WebGL2 = OpenGL ES 3.0 (IMGUI_IMPL_OPENGL_ES3 is defined project-wide).
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    int w = 0, h = 0;
    qcity_js_sync_canvas(&w, &h);
    g_window = glfwCreateWindow(std::max(w, 1), std::max(h, 1), "qcity", nullptr, nullptr);
    if (!g_window) {
        std::fprintf(stderr, "qcity: could not create a WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                 // layout is ours, not ImGui's
    io.ConfigInputTextCursorBlink = false;    // a blinking caret would redraw forever
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigMacOSXBehaviors = qcity_js_is_mac() != 0;  // Cmd+C/V/A/Z on a Mac, as people expect

    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    // The backend's clipboard and IME hooks are empty stubs under Emscripten 3.1.6: ours instead.
    ImGuiPlatformIO& platform_io = ImGui::GetPlatformIO();
    platform_io.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* { return g_clipboard.c_str(); };
    platform_io.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
        g_clipboard = text ? text : "";
        qcity_js_clipboard_write(g_clipboard.c_str());
    };
    platform_io.Platform_SetImeDataFn = [](ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) { g_ime = *data; };
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    g_app.platform.now_ms = [] { return qcity_js_now(); };
    g_app.platform.changed = [] {
        std::string results = results_json().dump(-1, ' ', false, Json::error_handler_t::replace);
        qcity_js_changed(results.c_str());
        wake();
    };
    g_app.platform.download = [](const std::string& name, const std::string& text) { qcity_js_download(name.c_str(), text.c_str()); };
    g_app.platform.pick_file = [] { qcity_js_pick_file(); };
    g_app.platform.save_file = [](int request, const std::string& key, const std::string& name, const std::string& text, bool ask) {
        qcity_js_save_file(request, key.c_str(), name.c_str(), text.c_str(), ask ? 1 : 0);
    };
    g_app.platform.save_in_place = qcity_js_can_save_in_place() != 0;
    g_app.platform.print = [](const std::string& html) { qcity_js_print(html.c_str()); };
    app::init(g_app);
    load_saved_workspace();
    sync_canvas();  // styles the app and adds the fonts at the current pixel ratio (nothing baked)

    emscripten_set_main_loop(main_loop, 0, 1);
    return 0;
}
