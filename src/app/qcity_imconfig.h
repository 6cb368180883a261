// qcity's Dear ImGui configuration (IMGUI_USER_CONFIG). Included by every ImGui source file.
#pragma once

// WebGL has no base-vertex draw: with 16-bit indices a draw list over 64K vertices asserts, and the
// full indicator tables with their charts can get there. 32-bit indices avoid it.
#define ImDrawIdx unsigned int

// We draw no demo window and use no obsolete names.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO

// Item hooks for the browser tests (see src/app/test_hooks.cpp): every widget's label and rectangle
// are recorded per frame so Playwright can click and type into the canvas by label.
#define IMGUI_ENABLE_TEST_ENGINE

// Characters beyond the BMP (CJK Extension B and later, in names and in the 通用规范汉字表: 196 of
// its 8,105) need 32-bit ImWchar; with 16 bits they would never reach the font loaders.
#define IMGUI_USE_WCHAR32
