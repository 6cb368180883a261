// qcity app — every colour the interface draws, as plain data (no ImGui), so that a native unit
// test (tests/unit/test_contrast.cpp) computes the WCAG 2.1 contrast of each text against each
// background it is drawn on, and of the focus ring against what surrounds it. set_scale() copies
// the style's colours from here; app_internal.h's `colors` are made from here.
//
// Why these values: text ≥ 4.5:1 (WCAG 1.4.3; the MIIT 适老化 rules ask the same) on the darkest
// background it sits on — a status chip's word on its own tint over the alternate table row or the
// header row; the focus ring ≥ 3:1 (1.4.11) against the backgrounds beside a widget.
#pragma once

namespace qcity::app::palette {

struct Rgba {
    float r, g, b, a;
};

// Straight alpha: `top` over an opaque `bottom`.
constexpr Rgba over(Rgba top, Rgba bottom) {
    return Rgba{top.r * top.a + bottom.r * (1.0f - top.a), top.g * top.a + bottom.g * (1.0f - top.a),
                top.b * top.a + bottom.b * (1.0f - top.a), 1.0f};
}
constexpr Rgba with_alpha(Rgba c, float a) { return Rgba{c.r, c.g, c.b, a}; }

// --- The style (Dear ImGui's light style, with these replaced) -----------------------------------
inline constexpr Rgba text{0.00f, 0.00f, 0.00f, 1.0f};
// Placeholders ("来源或备注") and the "(?)" markers: they carry meaning, so 4.5:1 too (ImGui's light
// default, 0.60 grey, is 2.7:1 on the window).
inline constexpr Rgba text_disabled{0.38f, 0.38f, 0.38f, 1.0f};
inline constexpr Rgba window_bg{0.97f, 0.97f, 0.96f, 1.0f};
inline constexpr Rgba popup_bg{1.00f, 1.00f, 1.00f, 1.0f};     // tooltips, combos, dialogs
inline constexpr Rgba frame_bg{1.00f, 1.00f, 1.00f, 1.0f};     // text fields
inline constexpr Rgba border{0.46f, 0.48f, 0.51f, 1.0f};       // a field's edge ≥ 3:1 (1.4.11)
inline constexpr Rgba header{0.80f, 0.87f, 0.95f, 1.0f};       // a selected entry of a list
inline constexpr Rgba header_hovered{0.72f, 0.82f, 0.95f, 1.0f};
inline constexpr Rgba button{0.86f, 0.90f, 0.96f, 1.0f};
inline constexpr Rgba button_hovered{0.74f, 0.83f, 0.95f, 1.0f};
inline constexpr Rgba button_active{0.06f, 0.53f, 0.98f, 1.0f};   // also the current screen's tab (ImGui's)
inline constexpr Rgba table_header_bg{0.88f, 0.91f, 0.95f, 1.0f};
inline constexpr Rgba table_row_bg_alt{0.00f, 0.00f, 0.00f, 0.025f};
inline constexpr Rgba title_bg_active{0.82f, 0.82f, 0.82f, 1.0f};  // a dialog's title (ImGui's)
inline constexpr Rgba check_mark{0.06f, 0.40f, 0.85f, 1.0f};        // a tick ≥ 3:1 on a field
inline constexpr Rgba plot_histogram{0.90f, 0.70f, 0.00f, 1.0f};    // the completeness bar (ImGui's), text over it
inline constexpr Rgba banner{1.00f, 0.93f, 0.70f, 1.0f};       // the storage and problem banner
// Dear ImGui 1.92's nav cursor (ImGuiCol_NavCursor): the keyboard focus ring, drawn 4 px outside
// the widget. Opaque dark blue: ≥ 3:1 on every background around a widget. Its width: see
// kFocusRingCssPx (ImGui draws 2 framebuffer px, 1 CSS px at DPR 2; the app draws it wider).
inline constexpr Rgba nav_cursor{0.06f, 0.32f, 0.75f, 1.0f};
inline constexpr float kFocusRingCssPx = 2.0f;

// Widgets switched off (ImGui::BeginDisabled: a waived gate's threshold, a self-score step that
// cannot go further) are drawn at this alpha; their text still reads at 4.5:1.
inline constexpr float kDisabledAlpha = 0.60f;

// --- The app's own colours ------------------------------------------------------------------------
inline constexpr Rgba met{0.07f, 0.40f, 0.18f, 1.0f};         // green
inline constexpr Rgba not_met{0.66f, 0.15f, 0.11f, 1.0f};     // red
inline constexpr Rgba missing{0.36f, 0.36f, 0.36f, 1.0f};     // grey
inline constexpr Rgba invalid{0.58f, 0.27f, 0.00f, 1.0f};     // dark orange
inline constexpr Rgba info{0.13f, 0.33f, 0.62f, 1.0f};        // blue; also links
inline constexpr Rgba error_text{0.62f, 0.08f, 0.08f, 1.0f};
inline constexpr Rgba muted{0.33f, 0.33f, 0.33f, 1.0f};
inline constexpr Rgba reference{0.10f, 0.10f, 0.10f, 1.0f};   // a user's reference line
inline constexpr Rgba on_info{1.00f, 1.00f, 1.00f, 1.0f};     // a chosen self-score band: white on info
// A status chip: its word in the status colour on the colour at this alpha, over the row.
inline constexpr float kChipTintAlpha = 0.12f;
// A link's hover and press tints (its colour at these alphas, behind its text).
inline constexpr float kLinkHoverAlpha = 0.06f, kLinkActiveAlpha = 0.12f;

}  // namespace qcity::app::palette
