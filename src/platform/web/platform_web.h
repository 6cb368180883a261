// qcity — the web platform's state, shared by its files:
//   main_web.cpp  window and WebGL2 context (GLFW), canvas and pixel ratio, the main loop, storage,
//                 input, files (the events library_qcity.js hands over)
//   page_api.cpp  what the page calls: window.qcity (web/qcity-shell.js), tests and benchmarks
//   fonts.cpp     fonts on Dear ImGui's dynamic atlas (its own state; see fonts.h)
#pragma once

#include "app.h"

#include "imgui.h"

#include <string>

struct GLFWwindow;

namespace qcity::web {

// Everything the web platform keeps between frames, in one place (as Dear ImGui's backends keep
// theirs in one struct, e.g. ImGui_ImplGlfw_Data). There is one: g_web.
struct WebPlatform {
    GLFWwindow* window = nullptr;  // GLFW's window: the canvas and its WebGL2 context
    app::App app;                  // the interface's state (workspace, screen, messages)

    // Canvas: backing store in device pixels = CSS size × devicePixelRatio (0 until the first sync).
    int width = 0, height = 0;
    float ratio = 0.0f;

    // Main loop: draws only when something changed, pauses itself while idle (wake() resumes it).
    int frames_left = 0;      // frames still to draw after the last event (ImGui settles in a few)
    double last_input = 0.0;  // glfwGetTime() of the last input: hover tooltips appear after a delay
    bool tooltip_drawn = false;  // the frame after the hover delay was drawn (since the last input)
    int frame = 0;            // frames drawn (tests wait for a redraw)
    bool paused = false;      // the loop is paused (emscripten_pause_main_loop)
    int idle_ticks = 0;       // rAF ticks with nothing to draw, in a row
    int layout_frames = 0;    // frames drawn in a row because a window was laying itself out hidden
    ImGuiID last_frame_hash = 0;  // what the last drawn frame showed (draw_data_hash in main_web.cpp)
    bool frame_changed = true;    // the last drawn frame looked different from the one before it
    int changed_frames = 0;       // frames in a row that looked different from the one before
    double frame_ms_last = 0.0, frame_ms_sum = 0.0;  // CPU time of drawn frames (benchmarks)
    int frame_ms_count = 0;

    // Clipboard: the browser hands text over only in a paste event, so ImGui reads the last pasted
    // (or copied) text from here; copies also go to the system clipboard.
    std::string clipboard;


    int save_failures = 0;   // autosaves failed in a row: the retry waits 1, 2, 4 … 60 s
    std::string api_result;  // the string a page API export returns (valid until the next call)
    bool results_wanted = false;  // the page listens to qcity:results (qcity_results_wanted): build them per change
};

extern WebPlatform g_web;

// Something may need drawing (an event, an API call, a finished file read): resume the loop.
void wake();
// The open assessment's results as window.qcity.results() and the qcity:results event give them.
Json results_json();

}  // namespace qcity::web
