// qcity — fonts on the web, on Dear ImGui 1.92's dynamic atlas.
//
// Two fonts, one ImFont: the UI font (Noto Sans CJK SC subset at build time to the characters the
// app shows; preloaded, so the first frame has it) and the CJK font (all CJK ideographs, fetched by
// the page after the first frame) merged into it when it arrives, for the characters people type or
// import. The OpenGL3 backend sets ImGuiBackendFlags_RendererHasTextures: ImGui rasterises a glyph
// the first time a frame draws it at a size and the backend uploads the changed part of the texture.
// So there are no glyph ranges, no Build(), and a new pixel ratio is a new font size, not a rebuild.

#include "fonts.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImFontAtlasFontDiscardBakes

#include <emscripten.h>

#include <cmath>
#include <cstdio>

extern "C" void qcity_wake(void);  // main_web.cpp: resume the main loop

namespace {

constexpr float kFontCssPx = 17.0f;  // Chinese at 17 CSS px reads well; 13 (ImGui's default) does not

struct FontsData {
    ImFont* ui = nullptr;     // the one font every window draws with
    bool cjk_merged = false;  // the CJK font is a source of `ui`
    bool redraw = false;      // new glyphs became available: fonts_take_redraw()
};
FontsData g_fonts;

// A whole file in memory from ImGui's allocator: the atlas takes ownership (no copy of the 4 MB font).
void* read_file(const char* path, int* size) {
    *size = 0;
    FILE* f = std::fopen(path, "rb");
    if (!f) return nullptr;
    std::fseek(f, 0, SEEK_END);
    long n = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    void* data = n > 0 ? IM_ALLOC((size_t)n) : nullptr;
    if (data && std::fread(data, 1, (size_t)n, f) != (size_t)n) {
        IM_FREE(data);
        data = nullptr;
    }
    std::fclose(f);
    if (data) *size = (int)n;
    return data;
}

ImFontConfig font_config() {
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // CJK at this size needs no oversampling; it would double the glyphs' pixels
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.FontDataOwnedByAtlas = true;  // read_file's buffer
    return cfg;
}

}  // namespace

void fonts_init(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    int size = 0;
    void* data = read_file("/fonts/qcity-ui.otf", &size);
    ImFontConfig cfg = font_config();
    g_fonts.ui = data ? io.Fonts->AddFontFromMemoryTTF(data, size, kFontCssPx, &cfg) : nullptr;
    if (!g_fonts.ui) {
        std::fprintf(stderr, "qcity: could not load /fonts/qcity-ui.otf; falling back to ImGui's default font\n");
        g_fonts.ui = io.Fonts->AddFontDefault();
    }
    fonts_set_ratio(pixel_ratio);
}

void fonts_set_ratio(float pixel_ratio) {
    // The size in backing pixels is FontSizeBase × FontScaleDpi, rounded by ImGui: 17 at ratio 1, 34 at 2.
    ImGuiStyle& style = ImGui::GetStyle();
    style.FontSizeBase = kFontCssPx;
    style.FontScaleDpi = pixel_ratio;
}

void fonts_note_text(std::string_view) {}

bool fonts_take_redraw() {
    bool r = g_fonts.redraw;
    g_fonts.redraw = false;
    return r;
}

extern "C" {

// The CJK font arrived (fetched after the first frame into /fonts/qcity-cjk.otf): merged into the UI
// font as a second source. Glyphs already looked up and missing (drawn as "?") are forgotten, so the
// next frame finds them in the new source.
EMSCRIPTEN_KEEPALIVE void qcity_cjk_font_loaded() {
    if (g_fonts.cjk_merged || !g_fonts.ui) return;
    int size = 0;
    void* data = read_file("/fonts/qcity-cjk.otf", &size);
    if (!data) return;
    ImFontConfig cfg = font_config();
    cfg.MergeMode = true;
    cfg.DstFont = g_fonts.ui;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!atlas->AddFontFromMemoryTTF(data, size, kFontCssPx, &cfg)) return;  // the atlas freed the data
    ImFontAtlasFontDiscardBakes(atlas, g_fonts.ui, 0);
    g_fonts.cjk_merged = true;
    g_fonts.redraw = true;
    qcity_wake();
}

}
