// qcity — fonts on the web, on Dear ImGui 1.92's dynamic atlas.
//
// Index of this file
// [SECTION] JS glue declarations (library_fonts.js)
// [SECTION] State
// [SECTION] The glyph loader: slices that are on the way, and the browser's own fonts
// [SECTION] fonts.h
// [SECTION] Exports (qcity_font_*: the page hands over slices)
//
// One ImFont, several sources, asked in order for each glyph the first time a frame draws it:
//   1. the UI font's first part: the characters of the first screen (assets/fonts/first-screen.txt;
//      loaded before main(), so the first frame needs nothing else),
//   2. our loader (below), which never answers "no glyph": until "the rest" has landed (the UI font's
//      other part and the slices' manifest, fetched right after the first frame) it gives a blank
//      glyph for any character (the browser's fonts if the rest could not be fetched); it steps aside
//      for a character of the rest once it is here; for a character whose slice is on the way
//      it gives a blank glyph one em wide (never "?"), and asks library_fonts.js to fetch the slice;
//      for a character in no slice, or whose slice could not be fetched (yet: it is fetched again),
//      it rasterises the character with the browser's own fonts through a canvas; for a character of
//      a slice that has arrived it steps aside,
//   3. the rest of the UI font and the slices that have arrived (small subsets of Noto Sans CJK SC cut at build time by
//      assets/fonts/slice_font.py), merged in as they land.
// The glyphs handed out in the meantime (blank, or from the browser's fonts) are remembered per slice.
// When the slice (or the rest) lands, or fails, only those are dropped from each baked size
// (ImFontAtlasBakedDiscardFontGlyph): the next frame asks for them again and now gets them from the
// slice (or the canvas). Every other glyph already baked stays.
//
// The OpenGL3 backend sets ImGuiBackendFlags_RendererHasTextures: glyphs are rasterised on first use
// and uploaded as partial texture updates. No glyph ranges, no Build(); a new pixel ratio is a new size.

#include "fonts.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImFontLoader, ImFontAtlasBuilder, ImFontAtlasBakedDiscardFontGlyph, ImFontAtlasPack*

#include <emscripten.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>
#include <vector>

extern "C" void qcity_wake(void);  // main_web.cpp: resume the main loop

//-------------------------------------------------------------------------------------------------
// [SECTION] JS glue declarations (library_fonts.js)
//-------------------------------------------------------------------------------------------------

extern "C" {
// The slice holding a code point, its fetch started if it was never asked for: >= 0 the slice's id
// (qcity_font_add or qcity_font_failed follows); -1 in no slice: draw it from the browser's fonts.
int qcity_js_font_slice(unsigned int codepoint);
// 1 when the slice's last fetch failed (it is fetched again later): the browser's fonts meanwhile.
int qcity_js_font_slice_failed(int slice);
// Draws a character with the browser's fonts (fillText on a canvas) at `px` pixels. Writes
// {width, height, left, top (from the baseline, negative above it), advance × 64} into metrics and
// returns the malloc'd alpha bitmap (width × height), or 0 when nothing is drawn (a space).
unsigned char* qcity_js_font_raster(unsigned int codepoint, float px, int* metrics);
// The rest (the UI font's other part and the manifest) is needed now, for this character: its fetch
// started if it was not.
void qcity_js_font_rest(unsigned int codepoint);
// Before the first frame: a font file handed over by the page (malloc'd; 0 if none): 0 the first
// screen's part of the UI font, 1 and 2 the rest of it (the one-file edition carries it).
void* qcity_js_font_boot(int which, int* size);
// Below ([SECTION] Exports): a font file arrived (fonts_init hands over the one-file edition's rest).
void qcity_font_add(const int* ids, int n, void* data, int size);
}

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] State
//-------------------------------------------------------------------------------------------------

constexpr float kFontCssPx = 17.0f;  // Chinese at 17 CSS px reads well; 13 (ImGui's default) does not
// The rest comes as two font files (each under the 64 KiB gzip of the largest slice) and the
// manifest: the second file is handed over first (kRestMore), then the first one (kRest) — the rest
// is here once kRest is (library_fonts.js QcityFonts.REST, REST_MORE).
constexpr int kRest = -2;
constexpr int kRestMore = -3;

struct FontsData {
    ImFont* ui = nullptr;                          // the one font every window draws with
    std::unordered_map<int, int> slice_source;     // slice id -> index of its source in ui->Sources (-1: unreadable)
    std::unordered_set<unsigned int> noted;        // code points fonts_note_text has asked about
    // Per slice not here yet: the code points whose glyphs were handed out meanwhile (blank, or from
    // the browser's fonts), in any baked size. Dropped from the atlas when the slice lands or fails.
    std::unordered_map<int, std::unordered_set<ImWchar>> stand_ins;
    bool rest_here = false;                        // the rest landed (or could not be read)
    std::vector<int> rest_sources;                 // its files' indices in ui->Sources
    std::vector<unsigned int> notes_waiting;       // noted before the rest landed: asked about when it has
    float em_per_size = 0.69f;  // the UI font's em / ImGui's font size (ascent - descent: 1.448 em for Noto CJK)
    bool redraw = false;  // glyphs became available: fonts_take_redraw()
};
FontsData g_fonts;

// ImGui's font size is the font's height from descent to ascent (hhea; stb_truetype's
// ScaleForPixelHeight), a canvas's the em: the em per size unit, from the font's own tables.
float em_per_size(const unsigned char* otf, int size) {
    auto u16 = [&](int at) { return at + 2 <= size ? (int)(otf[at] << 8 | otf[at + 1]) : 0; };
    auto u32 = [&](int at) { return at + 4 <= size ? (unsigned)u16(at) << 16 | (unsigned)u16(at + 2) : 0u; };
    int units_per_em = 0, ascent = 0, descent = 0;
    for (int i = 0, n = u16(4); i < n; ++i) {
        int rec = 12 + 16 * i;
        unsigned tag = u32(rec), at = u32(rec + 8);
        if (tag == 0x68656164) units_per_em = u16((int)at + 18);  // 'head'
        if (tag == 0x68686561) {                                  // 'hhea'
            ascent = (int16_t)u16((int)at + 4);
            descent = (int16_t)u16((int)at + 6);
        }
    }
    return units_per_em > 0 && ascent - descent > 0 ? (float)units_per_em / (float)(ascent - descent) : 0.69f;
}

ImFontConfig font_config() {
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // CJK at this size needs no oversampling; it would double the glyphs' pixels
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.FontDataOwnedByAtlas = true;  // the page's malloc'd buffer
    return cfg;
}

// The slice landed or failed: the glyphs handed out for its characters meanwhile are dropped from
// every baked size of the font (their atlas space freed), so the next lookup asks the sources
// again. Nothing else baked is touched. Between frames (a fetch's callback), never during one.
void drop_stand_ins(int slice, bool keep_listed) {
    auto it = g_fonts.stand_ins.find(slice);
    if (it == g_fonts.stand_ins.end() || !g_fonts.ui) return;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFont* font = g_fonts.ui;
    if (ImFontAtlasBuilder* builder = atlas->Builder) {
        for (int i = 0; i < builder->BakedPool.Size; ++i) {
            ImFontBaked* baked = &builder->BakedPool[i];
            if (baked->ContainerFont != font || baked->WantDestroy) continue;
            for (ImWchar c : it->second) {
                if (c == font->FallbackChar || c == font->EllipsisChar) continue;  // ImGui's own (not ours)
                if (baked->IsGlyphLoaded(c)) ImFontAtlasBakedDiscardFontGlyph(atlas, font, baked, baked->FindGlyph(c));
                // The advance too (also set alone when a size only measures): -1 is "not known yet".
                if ((int)c < baked->IndexAdvanceX.Size) baked->IndexAdvanceX[c] = -1.0f;
            }
        }
    }
    if (!keep_listed) g_fonts.stand_ins.erase(it);  // failed: the canvas glyphs are stand-ins too
    g_fonts.redraw = true;
    qcity_wake();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The glyph loader
//-------------------------------------------------------------------------------------------------

bool loader_contains_glyph(ImFontAtlas*, ImFontConfig*, ImWchar) {
    return false;  // a last resort: ImGui's own choices (fallback, ellipsis) come from the real fonts
}

// A blank glyph one em wide (a CJK glyph's advance): the character's place is kept while its slice
// is on the way, and the text does not move when it lands.
bool blank_glyph(ImFontBaked* baked, ImWchar c, ImFontGlyph* out, float* out_advance) {
    const float em = baked->Size * g_fonts.em_per_size;
    if (out_advance) {
        *out_advance = em;
        return true;
    }
    out->Codepoint = c;
    out->AdvanceX = em;
    out->Visible = false;
    return true;
}

// The character drawn by the browser (its own fonts, which cover what Noto Sans CJK SC lacks).
bool canvas_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, ImWchar c, ImFontGlyph* out, float* out_advance) {
    int m[5] = {0, 0, 0, 0, 0};
    unsigned char* pixels = qcity_js_font_raster((unsigned int)c, baked->Size * baked->RasterizerDensity * g_fonts.em_per_size, m);
    const float density = baked->RasterizerDensity > 0.0f ? baked->RasterizerDensity : 1.0f;
    const float advance = (m[4] > 0 ? (float)m[4] / 64.0f : baked->Size * density) / density;
    if (out_advance) {
        std::free(pixels);
        *out_advance = advance;
        return true;
    }
    out->Codepoint = c;
    out->AdvanceX = advance;
    const int w = m[0], h = m[1];
    if (pixels && w > 0 && h > 0) {
        ImFontAtlasRectId pack_id = ImFontAtlasPackAddRect(atlas, w, h);
        if (pack_id != ImFontAtlasRectId_Invalid) {
            ImTextureRect* r = ImFontAtlasPackGetRect(atlas, pack_id);
            out->X0 = (float)m[2] / density;
            out->Y0 = (float)m[3] / density + IM_ROUND(baked->Ascent);
            out->X1 = out->X0 + (float)w / density;
            out->Y1 = out->Y0 + (float)h / density;
            out->Visible = true;
            out->PackId = pack_id;
            ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out, r, pixels, ImTextureFormat_Alpha8, w);
        }
    }
    std::free(pixels);
    return true;
}

bool in_rest(unsigned int c) {
    const ImFontLoader* stb = ImFontAtlasGetFontLoaderForStbTruetype();
    for (int source : g_fonts.rest_sources)
        if (stb->FontSrcContainsGlyph(ImGui::GetIO().Fonts, g_fonts.ui->Sources[source], (ImWchar)c)) return true;
    return false;
}

bool loader_load_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*, ImWchar c, ImFontGlyph* out, float* out_advance) {
    if (c < 0x20) return false;  // control characters: ImGui's own handling
    const ImFontLoader* stb = ImFontAtlasGetFontLoaderForStbTruetype();
    if (!g_fonts.rest_here) {  // not in the first screen's part, and the rest is not here yet
        g_fonts.stand_ins[kRest].insert(c);
        qcity_js_font_rest((unsigned int)c);
        if (!qcity_js_font_slice_failed(kRest)) return blank_glyph(baked, c, out, out_advance);
        return canvas_glyph(atlas, src, baked, c, out, out_advance);
    }
    if (in_rest(c)) return false;  // the rest of the UI font (a later source) draws it
    int slice = qcity_js_font_slice((unsigned int)c);
    if (slice >= 0) {
        auto it = g_fonts.slice_source.find(slice);
        if (it == g_fonts.slice_source.end()) {  // not here yet: a stand-in, replaced when it lands
            g_fonts.stand_ins[slice].insert(c);
            if (!qcity_js_font_slice_failed(slice)) return blank_glyph(baked, c, out, out_advance);  // on the way
            return canvas_glyph(atlas, src, baked, c, out, out_advance);  // failed for now: fetched again later
        }
        if (it->second >= 0 && stb->FontSrcContainsGlyph(atlas, g_fonts.ui->Sources[it->second], c))
            return false;  // the slice (a later source) draws it
        // In the slice's span but not in its font, or the slice was unreadable: the browser's fonts.
    }
    return canvas_glyph(atlas, src, baked, c, out, out_advance);
}

// The font's ascent and descent when our loader is its first source (the UI font's first part could
// not be loaded): Noto Sans CJK SC's (hhea: 1160 and -288 units of 1000), as stb_truetype would set
// them from the UI font, so nothing moves.
bool loader_baked_init(ImFontAtlas*, ImFontConfig* src, ImFontBaked* baked, void*) {
    if (!src->MergeMode) {
        baked->Ascent = ImCeil(baked->Size * 1160.0f / 1448.0f);
        baked->Descent = ImFloor(baked->Size * -288.0f / 1448.0f);
    }
    return true;
}

ImFontLoader make_loader() {
    ImFontLoader l;
    l.Name = "qcity slices and canvas";
    l.FontBakedInit = loader_baked_init;
    l.FontSrcContainsGlyph = loader_contains_glyph;
    l.FontBakedLoadGlyph = loader_load_glyph;
    return l;
}
const ImFontLoader g_loader = make_loader();

// A code point fonts_note_text should ask about: not ASCII, not drawn by the UI font (either part),
// not asked before. Before the rest lands it waits (whether the rest has it is not known yet).
bool wants_slice(unsigned int c) {
    if (c < 0x80 || g_fonts.noted.count(c)) return false;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImFontLoader* stb = ImFontAtlasGetFontLoaderForStbTruetype();
    if (stb->FontSrcContainsGlyph(atlas, g_fonts.ui->Sources[0], (ImWchar)c)) return false;
    if (!g_fonts.rest_here) {
        g_fonts.notes_waiting.push_back(c);
        return false;
    }
    g_fonts.noted.insert(c);
    return !in_rest(c);
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] fonts.h
//-------------------------------------------------------------------------------------------------

void fonts_init(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    int size = 0;
    void* data = qcity_js_font_boot(0, &size);
    if (data) g_fonts.em_per_size = em_per_size((const unsigned char*)data, size);
    ImFontConfig cfg = font_config();
    g_fonts.ui = data ? io.Fonts->AddFontFromMemoryTTF(data, size, kFontCssPx, &cfg) : nullptr;
    if (!g_fonts.ui) std::fprintf(stderr, "qcity: could not load fonts/qcity-ui.otf; the text comes from the rest, the slices and the browser's fonts\n");
    // Without the first part (its fetch failed), our loader is the font's first source: the same
    // metrics, and every character from the rest, a slice or the browser's fonts. (Not Dear ImGui's
    // ProggyClean, which has no Chinese: every character of a Chinese screen would be "?".)
    ImFontConfig ours = font_config();
    ours.MergeMode = g_fonts.ui != nullptr;
    ours.DstFont = g_fonts.ui;
    ours.FontLoader = &g_loader;
    ours.FontDataOwnedByAtlas = false;
    ours.SizePixels = kFontCssPx;
    std::snprintf(ours.Name, sizeof(ours.Name), "%s", "slices and the browser's fonts");
    ImFont* added = io.Fonts->AddFont(&ours);
    if (!g_fonts.ui) g_fonts.ui = added;
    // The one-file edition carries the rest too: every UI string from the first frame.
    for (int id : {kRestMore, kRest}) {
        int rest_size = 0;
        if (void* rest = qcity_js_font_boot(id == kRest ? 1 : 2, &rest_size)) qcity_font_add(&id, 1, rest, rest_size);
    }
    fonts_set_ratio(pixel_ratio);
}

void fonts_set_ratio(float pixel_ratio) {
    // The size in backing pixels is FontSizeBase × FontScaleDpi, rounded by ImGui: 17 at ratio 1, 34 at 2.
    ImGuiStyle& style = ImGui::GetStyle();
    style.FontSizeBase = kFontCssPx;
    style.FontScaleDpi = pixel_ratio;
}

// Text that will be drawn (typed, pasted, imported, loaded): the slices of its new characters are
// fetched now, before a frame asks for their glyphs. Only this text is scanned, never every string
// of every frame; each code point is asked about once.
void fonts_note_text(std::string_view utf8) {
    if (!g_fonts.ui) return;
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (wants_slice(c)) qcity_js_font_slice(c);
    }
}

bool fonts_take_redraw() {
    bool r = g_fonts.redraw;
    g_fonts.redraw = false;
    return r;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Exports
//-------------------------------------------------------------------------------------------------

extern "C" {

// A font file arrived holding the slices `ids[0..n)` (one slice fetched, or in the one-file edition
// the whole table's characters in one font). `data` is malloc'd by the page; the atlas owns it now.
EMSCRIPTEN_KEEPALIVE void qcity_font_add(const int* ids, int n, void* data, int size) {
    if (!g_fonts.ui || !data || size <= 0) {
        std::free(data);
        return;
    }
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFontConfig cfg = font_config();
    cfg.MergeMode = true;
    cfg.DstFont = g_fonts.ui;
    // Merged into a font whose sizes are baked already, and they need no rebuild: neither
    // stb_truetype's loader nor ours keeps data per baked size (FontBakedSrcLoaderDataSize 0, and
    // FontBakedInit does nothing for a merged source), and a glyph not looked up yet will find the
    // new source. Only the stand-ins of its slices are dropped (drop_stand_ins).
    const bool read = atlas->AddFontFromMemoryTTF(data, size, kFontCssPx, &cfg) != nullptr;  // else the atlas freed the data
    if (!read) std::fprintf(stderr, "qcity: a font slice could not be read; its characters come from the browser's fonts\n");
    const int source = read ? g_fonts.ui->Sources.Size - 1 : -1;
    for (int i = 0; i < n; ++i) {
        g_fonts.slice_source[ids[i]] = source;
        if ((ids[i] == kRest || ids[i] == kRestMore) && source >= 0) g_fonts.rest_sources.push_back(source);
        if (ids[i] == kRest) g_fonts.rest_here = true;
        drop_stand_ins(ids[i], false);
    }
    if (g_fonts.rest_here && !g_fonts.notes_waiting.empty()) {  // text noted meanwhile: its slices now
        std::vector<unsigned int> waiting;
        waiting.swap(g_fonts.notes_waiting);
        for (unsigned int c : waiting)
            if (wants_slice(c)) qcity_js_font_slice(c);
    }
}

// A slice could not be fetched (it is fetched again later): its blank glyphs are looked up again
// and now come from the browser's fonts; they stay stand-ins until the slice lands.
EMSCRIPTEN_KEEPALIVE void qcity_font_failed(int slice) {
    drop_stand_ins(slice, true);
}

}
