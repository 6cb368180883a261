// qcity — the browser glue: window and WebGL2 context (GLFW), HiDPI, the main loop, storage,
// input and files. Kept thin: the interface is src/app, the judging src/core. Its state is one
// struct, WebPlatform (platform_web.h); the page API is in page_api.cpp, fonts in fonts.cpp.
//
// Index of this file
// [SECTION] JS glue declarations (library_qcity.js)
// [SECTION] Canvas size and pixel ratio
// [SECTION] Storage (autosave to localStorage, retried when it fails; other tabs' saves merged in)
// [SECTION] Main loop (draws only when something changed)
// [SECTION] Exports: files, text input and clipboard, autosave
// [SECTION] main

#include "platform_web.h"
#include "fonts.h"
#include "a11y.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace qcity;
using namespace qcity::web;

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
// The accessible mirror's changes since the last frame (a11y::end_frame; library_a11y.js).
void qcity_js_a11y(const char* message);
void qcity_js_clipboard_write(const char* text);
void qcity_js_gl_keep_state(void);  // the GL state the backend saves each frame, kept in JS (no GPU round trip)
int qcity_js_is_mac(void);  // Cmd, not Ctrl, is the shortcut key there
void qcity_js_provide_file(const char* name);  // a file the build left out of qcity.wasm, handed over (core.h)
}

namespace qcity::web {

WebPlatform g_web;

// (Main loop) The loop pauses itself while idle; this resumes it.
void wake() {
    g_web.app.redraw = true;
    if (g_web.paused) {
        g_web.paused = false;
        g_web.idle_ticks = 0;
        emscripten_resume_main_loop();
    }
}

}  // namespace qcity::web

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Canvas size and pixel ratio
//-------------------------------------------------------------------------------------------------

// Returns true when the size or the ratio changed.
bool sync_canvas() {
    int w = 0, h = 0;
    float ratio = (float)qcity_js_sync_canvas(&w, &h) / 1000.0f;
    if (ratio <= 0.0f) ratio = 1.0f;
    bool changed = w != g_web.width || h != g_web.height;
    g_web.width = w;
    g_web.height = h;
    if (ratio != g_web.ratio) {
        bool first = g_web.ratio == 0.0f;
        g_web.ratio = ratio;
        app::set_scale(g_web.app, ratio);  // a new style: the font size follows it
        if (first) fonts_init(ratio);
        else fonts_set_ratio(ratio);
        changed = true;
    }
    return changed;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Storage
//-------------------------------------------------------------------------------------------------

// A random tag for this tab (edit stamps, new item ids): 8 base-36 characters.
std::string new_session_tag() {
    std::string tag;
    for (int i = 0; i < 8; ++i) tag += "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(emscripten_random() * 36) % 36];
    return tag;
}

void load_saved_workspace() {
    g_web.app.ws.session = new_session_tag();
    char* saved = qcity_js_storage_load();
    int state = qcity_js_storage_state();
    // A full quota still reads: the saved work opens, and the banner says saving is failing.
    g_web.app.storage = state == 0 ? app::StorageState::ok : state == 2 ? app::StorageState::full : app::StorageState::unavailable;
    qcity_js_storage_install(saved ? 1 : 0);
    if (!saved) return;
    std::string text(saved);
    std::free(saved);
    Json doc;
    Problem parse_error;
    std::vector<std::string> unreadable;
    // Depth-limited (issue 12): a document nested deeper than kMaxJsonDepth is kept aside, not opened.
    if (!parse_json_document(text, doc, parse_error) || !g_web.app.ws.from_json(doc, &unreadable)) {
        // Never drop what we cannot read: keep it aside under its own key and start afresh.
        qcity_js_storage_keep_aside(text.c_str());
        g_web.app.unreadable_items = 1;
        return;
    }
    for (const std::string& raw : unreadable) qcity_js_storage_keep_aside(raw.c_str());
    g_web.app.unreadable_items = (int)unreadable.size();
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
    app::MergeReport r = app::merge_stored(g_web.app, doc);
    if (r.changed) wake();
    // This tab holds what the stored one lacks (a missed event, a write that raced ours): save it.
    if (r.local_ahead && !r.changed) qcity_js_storage_save_later(300);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Main loop
//-------------------------------------------------------------------------------------------------

// A hash of what a frame shows: its vertices, indices and draw commands. Two frames with the same
// hash (and no texture to upload) look the same.
// (Dear ImGui's ImHashData, CRC32: ~50 KB a frame, a fraction of a millisecond.)
ImGuiID draw_data_hash(const ImDrawData* dd) {
    ImGuiID h = ImHashData(&dd->DisplaySize, sizeof(dd->DisplaySize), (ImGuiID)dd->CmdListsCount);
    for (const ImDrawList* list : dd->CmdLists) {
        h = ImHashData(list->VtxBuffer.Data, (size_t)list->VtxBuffer.size_in_bytes(), h);
        h = ImHashData(list->IdxBuffer.Data, (size_t)list->IdxBuffer.size_in_bytes(), h);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            // Field by field: a struct's padding is not part of what it holds.
            const ImU64 fields[] = {(ImU64)(uintptr_t)cmd.TexRef._TexData, (ImU64)cmd.TexRef._TexID, cmd.VtxOffset, cmd.IdxOffset,
                                    cmd.ElemCount, (ImU64)(uintptr_t)cmd.UserCallback, (ImU64)(uintptr_t)cmd.UserCallbackData};
            h = ImHashData(&cmd.ClipRect, sizeof(cmd.ClipRect), h);
            h = ImHashData(fields, sizeof(fields), h);
        }
    }
    return h;
}

// A texture of the frame has pixels to upload (a glyph rasterised this frame): the frame looks new
// even if its vertices are the same.
bool textures_pending(const ImDrawData* dd) {
    if (dd->Textures)
        for (const ImTextureData* tex : *dd->Textures)
            if (tex->Status != ImTextureStatus_OK) return true;
    return false;
}

void draw_frame() {
    double t0 = emscripten_get_now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Our canvas scheme: DisplaySize in backing pixels, framebuffer scale 1 (GLFW's own window size
    // is not used; the emulated glfwSetWindowSize can request fullscreen when sizes match the screen).
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2((float)g_web.width, (float)g_web.height);
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    app::test_hooks_begin_frame();
    app::a11y::begin_frame();
    ImGui::NewFrame();
    app::frame(g_web.app);
    app::test_hooks_end_frame();
    // Only what changed goes to the page's mirror; nothing at all on a frame that changed nothing.
    std::string mirror = app::a11y::end_frame(g_web.ratio);
    if (!mirror.empty()) qcity_js_a11y(mirror.c_str());
    ImGui::Render();
    // What the frame shows, hashed before the backend uploads the textures (which marks them done).
    ImGuiID seen = draw_data_hash(ImGui::GetDrawData());
    g_web.frame_changed = seen != g_web.last_frame_hash || !mirror.empty() || textures_pending(ImGui::GetDrawData());
    g_web.last_frame_hash = seen;
    glViewport(0, 0, g_web.width, g_web.height);
    // The page's background is the clear: the app's main window draws none (app.cpp, frame()).
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    g_web.frame_ms_last = emscripten_get_now() - t0;
    g_web.frame_ms_sum += g_web.frame_ms_last;
    ++g_web.frame_ms_count;
    qcity_js_frame_drawn(++g_web.frame);
}

// A window drawn this frame but hidden: Dear ImGui lays a new popup or tooltip out unseen for a frame.
bool window_laying_out() {
    for (ImGuiWindow* w : GImGui->Windows)
        if (w->Active && w->Hidden) return true;
    return false;
}

// Called by requestAnimationFrame (and once by main(), for the first frame). Draws only when there
// is something to draw: input, a resize, a state change, a pending hover tooltip. After a few idle
// ticks the loop pauses itself, so an idle page costs nothing at all; any DOM event or API call
// resumes it (wake()).
void main_loop() {
    bool resized = sync_canvas();
    bool input = qcity_js_take_wake() != 0;
    double now = glfwGetTime();
    if (input || resized) {
        // The frame that takes the input and the next: Dear ImGui applies some of an input's effects a
        // frame later (a keyboard move's focus, the mouse cursor's shape). More while each frame looks
        // different from the one before (below).
        g_web.frames_left = 2;
        g_web.last_input = now;
        g_web.tooltip_drawn = false;
    }
    if (fonts_take_redraw()) g_web.app.redraw = true;  // glyphs that were missing can be drawn now
    if (g_web.app.redraw) {
        g_web.app.redraw = false;
        g_web.frames_left = std::max(g_web.frames_left, 1);
    }
    // ImGui trickles queued input (one key or character per frame, to keep their order): fast
    // typing or a paste leaves events queued after the frames an event buys. Drain them.
    if (GImGui->InputEventsQueue.Size > 0) g_web.frames_left = std::max(g_web.frames_left, 1);
    // The mirror asked for a focus, or holds text for a field about to be edited.
    if (app::a11y::wants_frame()) g_web.frames_left = std::max(g_web.frames_left, 2);
    // Hover tooltips appear after a delay with the mouse still (the app's: ImGuiHoveredFlags_DelayShort,
    // and Stationary for BeginItemTooltip). Dear ImGui's hover timers advance by the time between
    // frames, so a few frames drawn once the delay has passed show the tooltip: the first advances
    // the timers (NewFrame reads the mouse's stationary time before it updates it), the second
    // unlocks the item and begins the tooltip, which lays itself out hidden and is seen in the
    // fourth (counted in tests/browser/issue13-work.test.mjs). Drawing every frame until then cost a
    // second of full-speed drawing after every mouse move. HoverItemDelayId: an item with a delayed
    // hover (a tooltip) is under the mouse — also an id-less one like the "(?)" marker, which
    // IsAnyItemHovered() does not see.
    bool tooltip_due = GImGui->HoverItemDelayId != 0 && !g_web.tooltip_drawn;
    if (tooltip_due) {
        const ImGuiStyle& style = ImGui::GetStyle();
        double delay = std::max(style.HoverDelayShort, style.HoverStationaryDelay) + 0.05;
        if (now - g_web.last_input >= delay) {
            g_web.frames_left = std::max(g_web.frames_left, 4);
            g_web.tooltip_drawn = true;
        }
    }
    if (g_web.frames_left <= 0) {
        if (!tooltip_due && ++g_web.idle_ticks >= 30 && !g_web.app.redraw) {
            g_web.paused = true;
            emscripten_pause_main_loop();
        }
        return;
    }
    g_web.idle_ticks = 0;
    draw_frame();
    if (g_web.frames_left > 0) --g_web.frames_left;
    // A frame that looks different from the one before may not be the last of what the event changed
    // (a click's action shows in the next frame, a scroll or a focus lands, a fade goes on): one more,
    // until a frame looks like the one before it. That one is the frame Dear ImGui settled on. (A cap
    // in case something changes every frame; nothing here animates for long.)
    if (g_web.frame_changed && g_web.changed_frames < 120) {
        g_web.frames_left = std::max(g_web.frames_left, 1);
        ++g_web.changed_frames;
    } else if (!g_web.frame_changed) {
        g_web.changed_frames = 0;
    }
    // A window Dear ImGui laid out hidden this frame (a popup, a combo's list or a tooltip sizing
    // itself) is seen only in the next: draw it, whatever asked for this frame (a few in a row at
    // most, in case a window stays hidden).
    if (g_web.frames_left == 0 && window_laying_out() && g_web.layout_frames < 4) {
        g_web.frames_left = 1;
        ++g_web.layout_frames;
    } else if (g_web.frames_left == 0) {
        g_web.layout_frames = 0;
    }
    // A modal dialog's dimmed background fades in by the time between frames (Dear ImGui: 1/6 s):
    // drawn until it is complete. Otherwise how dim it stayed depended on how fast the frames an
    // event buys came (a faster frame left it half faded, in the screenshots too).
    if (g_web.frames_left == 0 && GImGui->DimBgRatio < 1.0f && ImGui::GetTopMostPopupModal()) g_web.frames_left = 1;
}

// Mouse wheel on the canvas. Under Emscripten ImGui's GLFW backend ignores GLFW's scroll callback
// (its quantised steps, #6096) and reads the wheel only through ImGui_ImplGlfw_InstallEmscriptenCallbacks,
// which would also size the GLFW window to the canvas's CSS size (not our backing-pixel scheme).
// Ours listens on the canvas, with the same step sizes as the backend (SDL's).
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
    float multiplier = ev->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 100.0f : ev->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f : 80.0f;
    ImGui::GetIO().AddMouseWheelEvent((float)ev->deltaX * -multiplier, (float)ev->deltaY * -multiplier);
    return EM_TRUE;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Exports
//-------------------------------------------------------------------------------------------------

extern "C" {

// --- files ---------------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE void qcity_wake() { wake(); }

// --- the WebGL context ---------------------------------------------------------------------------

// The context came back after a loss (web/qcity-shell.js): every GL object of the lost one is gone.
// The renderer's own are made again at the next frame (ImGui_ImplOpenGL3_NewFrame), and each texture
// the backend destroyed is created anew from Dear ImGui's copy of its pixels (1.92's atlas keeps
// them: a texture "destroyed by the backend" goes back to WantCreate). The next frame draws it all.
EMSCRIPTEN_KEEPALIVE void qcity_gl_restored() {
    ImGui_ImplOpenGL3_DestroyDeviceObjects();  // (the old objects' deletes only warn: not this context's)
    g_web.last_frame_hash = 0;                 // drawn in full, not taken for an unchanged frame
    wake();
}

// --- text input and clipboard ---------------------------------------------------------------------

// --- the accessible mirror (library_a11y.js) -----------------------------------------------------

// An element of the mirror got the DOM focus (Tab, a screen reader), or was activated (a screen
// reader's click): ImGui focuses (activates) its item.
EMSCRIPTEN_KEEPALIVE void qcity_a11y_focus(unsigned id, int activate) {
    app::a11y::request_focus(id, activate != 0);
    wake();
}

// An element of the mirror lost the DOM focus (a11y::focus_left).
EMSCRIPTEN_KEEPALIVE void qcity_a11y_left(unsigned id) { app::a11y::focus_left(id); }

// Text typed or composed (IME) into a field's <input>; `replace`: its whole text (autofill).
EMSCRIPTEN_KEEPALIVE void qcity_a11y_type(unsigned id, const char* text, int replace) {
    fonts_note_text(text ? text : "");
    app::a11y::type_text(id, text ? text : "", replace != 0);
    wake();
}

// A key pressed while ImGui has not caught up with the page (qcity_a11y_holding: its focus not yet
// where the page's is, a field not yet edited, typed text on its way). Held so that it follows (a11y::
// hold_key; `key` is an a11y::EditKey, `mods` a11y::KeyMods; `id` the element, for a release any).
EMSCRIPTEN_KEEPALIVE int qcity_a11y_holding(unsigned id) { return app::a11y::holding_keys(id) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void qcity_a11y_key(unsigned id, int key, int down, int mods) {
    app::a11y::hold_key(id, (app::a11y::EditKey)key, down != 0, mods);
    wake();
}

// Benchmarks: the mirror off (0) or on (1), to measure what it costs a frame.
EMSCRIPTEN_KEEPALIVE void qcity_a11y_enable(int on) {
    app::a11y::enable(on != 0);
    wake();
}
EMSCRIPTEN_KEEPALIVE int qcity_a11y_nodes() { return app::a11y::last_node_count(); }
EMSCRIPTEN_KEEPALIVE double qcity_a11y_end_ms() { return app::a11y::last_end_frame_ms(); }

// A paste event. Several lines into a figure field fill the following fields too; otherwise the text
// becomes what ImGui's own Ctrl+V (queued from the same key press) pastes.
EMSCRIPTEN_KEEPALIVE void qcity_paste(const char* text) {
    std::string t = text ? text : "";
    fonts_note_text(t);
    if (app::paste_column(g_web.app, t)) g_web.clipboard.clear();  // the field was let go: nothing more to paste
    else g_web.clipboard = t;
    wake();
}

// Files picked or dropped together: announced first, then each in the order picked (one message
// for all of them once the last is done).
EMSCRIPTEN_KEEPALIVE void qcity_import_begin(int files) {
    app::begin_import(g_web.app, files);
    wake();
}

EMSCRIPTEN_KEEPALIVE void qcity_import_file(const char* name, const char* text) {
    fonts_note_text(name ? name : "");
    fonts_note_text(text ? text : "");  // its rare characters' slices are fetched now
    app::import_file(g_web.app, name ? name : "", text ? text : "");
    wake();
}

// A save through qcity_js_save_file ended: outcome 0 written, 1 downloaded, 2 cancelled, 3 failed.
EMSCRIPTEN_KEEPALIVE void qcity_file_saved(int request, int outcome, const char* file, const char* error) {
    app::SaveOutcome o = outcome == 0 ? app::SaveOutcome::written : outcome == 1 ? app::SaveOutcome::downloaded
                       : outcome == 2 ? app::SaveOutcome::cancelled : app::SaveOutcome::failed;
    app::file_saved(g_web.app, request, o, file ? file : "", error ? error : "");
    wake();
}

// A file's bytes, as read by the page (FileReader.readAsArrayBuffer) into memory it malloc'd and
// frees after the call: never through ccall's 'string' (that copies onto the 5 MB wasm stack, and
// decodes the bytes as UTF-8 first). The core decides what they are.
EMSCRIPTEN_KEEPALIVE void qcity_import_file_bytes(const char* name, const unsigned char* data, int length) {
    std::string bytes(data && length > 0 ? (const char*)data : "", data && length > 0 ? (size_t)length : 0);
    fonts_note_text(name ? name : "");
    app::import_file(g_web.app, name ? name : "", bytes);
    wake();
}

// GB18030's table (dist/gb18030.bin), which the wasm leaves out: does this file need it, not yet
// here (library_qcity.js then fetches it first); and the table's bytes, handed over.
EMSCRIPTEN_KEEPALIVE int qcity_gb18030_needed(const unsigned char* data, int length) {
    std::string_view bytes(data ? (const char*)data : "", data && length > 0 ? (size_t)length : 0);
    return text_needs_gb18030(bytes) && !gb18030_table_available() ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void qcity_gb18030_table(const unsigned char* data, int length) {
    provide_gb18030_table(std::string(data && length > 0 ? (const char*)data : "", data && length > 0 ? (size_t)length : 0));
}

// One of the files the build left out of qcity.wasm (core.h: provide_embedded_file), handed over by
// qcity_js_provide_file (from the deferred half's "qcity.files" section, or a file beside the page).
EMSCRIPTEN_KEEPALIVE void qcity_provide_file(const char* name, const unsigned char* data, int length) {
    provide_embedded_file(name ? name : "", std::string(data && length > 0 ? (const char*)data : "", data && length > 0 ? (size_t)length : 0));
}

EMSCRIPTEN_KEEPALIVE void qcity_import_too_large(const char* name, double bytes) {
    app::import_failed(g_web.app, name ? name : "", file_too_large((size_t)bytes).message);
    wake();
}

// --- autosave ------------------------------------------------------------------------------------

// Writes the workspace to storage (called by the debounced timer, when the page is hidden, and to
// retry). What another tab stored is merged in first. A failure is retried with backoff (and at the
// next change): saving is never switched off, and the banner says when the last save worked.
EMSCRIPTEN_KEEPALIVE void qcity_autosave() {
    merge_stored_workspace();
    std::string doc = g_web.app.ws.to_json().dump(-1, ' ', false, Json::error_handler_t::replace);
    int state = qcity_js_storage_save(doc.c_str(), (int)g_web.app.ws.items.size());
    app::StorageState s = state == 0 ? app::StorageState::ok : state == 2 ? app::StorageState::full : app::StorageState::unavailable;
    if (s == app::StorageState::ok) {
        g_web.save_failures = 0;
        g_web.app.storage_saved_ms = qcity_js_now();
    } else {
        g_web.save_failures = std::min(g_web.save_failures + 1, 7);
        qcity_js_storage_save_later(std::min(60000.0, 1000.0 * (1 << (g_web.save_failures - 1))));
    }
    if (s != g_web.app.storage) {
        g_web.app.storage = s;
        wake();
    }
}

// Another tab saved the workspace (the storage event).
EMSCRIPTEN_KEEPALIVE void qcity_storage_changed() { merge_stored_workspace(); }

// navigator.storage.persist()'s answer: 1 granted, 0 refused, -1 no such API.
EMSCRIPTEN_KEEPALIVE void qcity_storage_persisted(int answer) {
    g_web.app.storage_persist = answer;
    wake();
}

// Nothing was saved, but the marker says this browser had `items` assessments (saved at `saved_ms`).
EMSCRIPTEN_KEEPALIVE void qcity_storage_had_data(double saved_ms, int items) {
    if (!g_web.app.ws.items.empty()) return;
    g_web.app.storage_cleared_items = items;
    g_web.app.storage_cleared_saved_ms = saved_ms;
    wake();
}

}

//-------------------------------------------------------------------------------------------------
// [SECTION] main
//-------------------------------------------------------------------------------------------------

int main() {
    qcity_js_install();
    set_embedded_files_provider(&qcity_js_provide_file);
    if (!glfwInit()) {
        std::fprintf(stderr, "qcity: glfwInit failed\n");
        return 1;
    }
    // WebGL2 = OpenGL ES 3.0 (IMGUI_IMPL_OPENGL_ES3 is defined project-wide).
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // An opaque canvas with no depth or stencil buffer (GLFW asks for all three by default): Dear
    // ImGui draws neither depth nor stencil, and the canvas is cleared opaque anyway. Less memory
    // (a 1280×800 depth + stencil buffer is 4 MB); a frame's cost did not change measurably with it
    // (bench/web/frame-cost.mjs; what halved it was the main window's background, app.cpp).
    // (The context itself is the one web/qcity-shell.js made, makeContext(), with these attributes:
    // -sGL_PREINITIALIZED_CONTEXT. These hints are what GLFW records, and what
    // tests/browser/issue13-start.test.mjs compares the context with.)
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    int w = 0, h = 0;
    qcity_js_sync_canvas(&w, &h);
    g_web.window = glfwCreateWindow(std::max(w, 1), std::max(h, 1), "qcity", nullptr, nullptr);
    if (!g_web.window) {
        std::fprintf(stderr, "qcity: could not create a WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g_web.window);
    qcity_js_gl_keep_state();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                 // layout is ours, not ImGui's
    io.ConfigInputTextCursorBlink = false;    // a blinking caret would redraw forever
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigMacOSXBehaviors = qcity_js_is_mac() != 0;  // Cmd+C/V/A/Z on a Mac, as people expect

    ImGui_ImplGlfw_InitForOpenGL(g_web.window, true);
    // The backend's clipboard and IME hooks are empty stubs under Emscripten 3.1.6: ours instead.
    ImGuiPlatformIO& platform_io = ImGui::GetPlatformIO();
    platform_io.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* { return g_web.clipboard.c_str(); };
    platform_io.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
        g_web.clipboard = text ? text : "";
        qcity_js_clipboard_write(g_web.clipboard.c_str());
    };
    // IME candidates appear at the mirror's <input>, which lies over the field (library_a11y.js).
    platform_io.Platform_SetImeDataFn = nullptr;
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // The accessible mirror of every frame (a11y.h, library_a11y.js) is turned on once the first
    // frame is on screen (qcity_js_frame_drawn): its first build, every node of the screen made an
    // element, would hold the first paint back by ~12 ms, and no one reads the page before it shows.

    g_web.app.platform.now_ms = [] { return qcity_js_now(); };
    g_web.app.platform.changed = [] {
        // The results document only while the page listens for it (qcity_results_wanted).
        std::string results = g_web.results_wanted ? results_json().dump(-1, ' ', false, Json::error_handler_t::replace) : "";
        qcity_js_changed(g_web.results_wanted ? results.c_str() : nullptr);
        wake();
    };
    g_web.app.platform.download = [](const std::string& name, const std::string& text) { qcity_js_download(name.c_str(), text.c_str()); };
    g_web.app.platform.pick_file = [] { qcity_js_pick_file(); };
    g_web.app.platform.save_file = [](int request, const std::string& key, const std::string& name, const std::string& text, bool ask) {
        qcity_js_save_file(request, key.c_str(), name.c_str(), text.c_str(), ask ? 1 : 0);
    };
    g_web.app.platform.save_in_place = qcity_js_can_save_in_place() != 0;
    g_web.app.platform.print = [](const std::string& html) { qcity_js_print(html.c_str()); };
    app::init(g_web.app);
    load_saved_workspace();
    sync_canvas();  // styles the app and adds the fonts at the current pixel ratio (nothing baked)

    // The first frame now, not at the next animation frame: nothing is on screen yet, and the wait
    // for one (a vsync, longer while the page is still loading) was time before the first frame
    // (issue 13). The browser shows it with its next frame, as it would a frame drawn there.
    main_loop();
    emscripten_set_main_loop(main_loop, 0, 1);
    return 0;
}
