// qcity app — the Dear ImGui interface over the core. Platform-free: the web glue
// (src/platform/web) owns the window, the GL context, the main loop and the browser.
#pragma once

#include "core.h"

#include <string>

namespace qcity::app {

// Everything the interface holds between frames.
struct App {
    const Catalog* catalog = nullptr;
    Lang lang = Lang::zh;
    float scale = 1.0f;         // device pixel ratio: sizes below are in CSS pixels × scale
    bool redraw = true;         // state changed outside of input: draw at least one more frame
    Json strings;               // assets/i18n/ui.json
};

void init(App& app);
// Draws one frame of the interface (between ImGui::NewFrame() and ImGui::Render()).
void frame(App& app);
// A UI string in the app's language (the key itself when the string is missing, so a gap shows).
const char* tr(const App& app, const char* key);

// Browser tests: the labelled items and their rectangles of the last frame, as JSON
// ([{"label","id","x","y","w","h","window"}], in framebuffer pixels). See test_hooks.cpp.
std::string test_items_json();
void test_hooks_begin_frame();

}  // namespace qcity::app
