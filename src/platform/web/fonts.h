// qcity — fonts on the web: Dear ImGui 1.92's dynamic atlas (glyphs rasterised when first drawn, any
// size at any time), CJK glyphs from slices fetched when a character needs one, the browser's own
// fonts for a character in no slice (fonts.cpp, library_fonts.js). main_web.cpp calls only these.
#pragma once

#include <string_view>

// Adds the UI font's first part (the first screen's characters, handed over by the page before
// main()) and our loader of the rest, the slices and the browser's fonts, sized for the pixel ratio.
// Before the first frame; nothing is baked.
void fonts_init(float pixel_ratio);
// The pixel ratio changed: the same fonts at a new size (no rebuild, no new texture).
void fonts_set_ratio(float pixel_ratio);
// Text that will be drawn (typed, pasted, imported, loaded): the slices its new characters need are
// fetched now. Call it with what changed, never with every string of every frame.
void fonts_note_text(std::string_view utf8);
// True once when newly arrived glyphs need a frame (a slice landed).
bool fonts_take_redraw();
