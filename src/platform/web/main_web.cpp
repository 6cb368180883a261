// qcity — the browser glue: window and WebGL2 context (GLFW), fonts, HiDPI, the main loop.
// Kept thin: the interface is src/app, the judging is src/core.
//
// Index of this file
// [SECTION] JS glue declarations (library_qcity.js)
// [SECTION] Fonts (subset CJK font, glyphs from the characters we ship)
// [SECTION] Canvas size and pixel ratio
// [SECTION] Main loop (draws only when something changed)
// [SECTION] Exports for the page and the tests
// [SECTION] main

#include "app.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

using namespace qcity;

//-------------------------------------------------------------------------------------------------
// [SECTION] JS glue declarations (library_qcity.js)
//-------------------------------------------------------------------------------------------------

extern "C" {
// Sizes the canvas backing store to its CSS size × devicePixelRatio. Writes the backing size and
// returns the ratio ×1000 (an int keeps the JS/wasm boundary simple).
int qcity_js_sync_canvas(int* width, int* height);
// True (once) when an input or page event happened since the last call.
int qcity_js_take_wake(void);
// Called after every drawn frame: frame counter for tests, the loading indicator goes away.
void qcity_js_frame_drawn(int frame);
// Installs the DOM listeners that wake the loop. Called before glfwInit().
void qcity_js_install(void);
}

namespace {

GLFWwindow* g_window = nullptr;
app::App g_app;
int g_width = 0, g_height = 0;
float g_ratio = 0.0f;
int g_frames_left = 0;      // frames still to draw after the last event (ImGui settles in a few)
double g_last_input = 0.0;  // for tooltips that appear after a hover delay
int g_frame = 0;

constexpr float kFontCssPx = 17.0f;  // Chinese at 17 CSS px reads well; 13 (ImGui's default) does not

//-------------------------------------------------------------------------------------------------
// [SECTION] Fonts
//-------------------------------------------------------------------------------------------------

std::string read_all(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// (Re)builds the font atlas for a pixel ratio. Glyph ranges come from the list of characters the
// subset font holds (written at build time beside it), so every shipped character has a glyph and
// the atlas holds nothing the font lacks.
void build_fonts(float ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    std::string chars = read_all("/fonts/qcity-ui.chars");
    builder.AddText(chars.c_str(), chars.c_str() + chars.size());
    builder.BuildRanges(&ranges);

    ImFontConfig cfg;
    cfg.OversampleH = 1;  // CJK at this size needs no oversampling; it would quadruple the atlas
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    const float px = std::round(kFontCssPx * ratio);
    ImFont* font = io.Fonts->AddFontFromFileTTF("/fonts/qcity-ui.otf", px, &cfg, ranges.Data);
    if (!font) {
        std::fprintf(stderr, "qcity: could not load /fonts/qcity-ui.otf; falling back to ImGui's default font\n");
        io.Fonts->AddFontDefault();
    }
    io.Fonts->Build();
}

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
        g_ratio = ratio;
        g_app.scale = ratio;
        build_fonts(ratio);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        app::init(g_app);  // restyles at the new scale
        changed = true;
    }
    return changed;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Main loop
//-------------------------------------------------------------------------------------------------

void draw_frame() {
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
    qcity_js_frame_drawn(++g_frame);
}

// Called by requestAnimationFrame. Returns at once unless there is something to draw, so an idle
// page costs next to nothing: input, a resize, a state change or a pending hover tooltip wake it.
void main_loop() {
    bool resized = sync_canvas();
    bool input = qcity_js_take_wake() != 0;
    double now = glfwGetTime();
    if (input || resized) {
        g_frames_left = 3;
        g_last_input = now;
    }
    if (g_app.redraw) {
        g_app.redraw = false;
        g_frames_left = std::max(g_frames_left, 2);
    }
    // Hover tooltips appear after a delay with the mouse still: keep drawing briefly while hovering.
    bool hovering = ImGui::GetCurrentContext() && (ImGui::IsAnyItemHovered()) && now - g_last_input < 1.0;
    if (g_frames_left <= 0 && !hovering) return;
    draw_frame();
    if (g_frames_left > 0) --g_frames_left;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Exports for the page and the tests
//-------------------------------------------------------------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* qcity_test_items() {
    static std::string s;
    s = app::test_items_json();
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE int qcity_frame_count() { return g_frame; }

EMSCRIPTEN_KEEPALIVE void qcity_request_redraw() { g_app.redraw = true; }

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
    GImGui->TestEngineHookItems = true;

    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    app::init(g_app);
    sync_canvas();  // builds fonts at the current pixel ratio

    emscripten_set_main_loop(main_loop, 0, 1);
    return 0;
}
