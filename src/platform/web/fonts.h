// qcity — fonts on the web: Dear ImGui 1.92's dynamic atlas (glyphs rasterised when first drawn, any
// size at any time). main_web.cpp calls only these four functions.
#pragma once

#include <string_view>

// Adds the UI font (preloaded, /fonts/qcity-ui.otf) and sizes it for the pixel ratio. Before the
// first frame; nothing is baked: the renderer (ImGuiBackendFlags_RendererHasTextures) uploads glyphs
// as frames first draw them.
void fonts_init(float pixel_ratio);
// The pixel ratio changed: the same fonts at a new size (no rebuild, no new texture).
void fonts_set_ratio(float pixel_ratio);
// Text that will be drawn (typed, imported, loaded). With the whole CJK font merged in, the dynamic
// atlas needs no list of characters ahead of time: nothing to do yet (font slices will use it).
void fonts_note_text(std::string_view utf8);
// True once when newly arrived glyphs need a frame (the CJK font was merged in).
bool fonts_take_redraw();
