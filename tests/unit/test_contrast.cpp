// Issue 14 (seen): the WCAG 2.1 contrast of every text the app draws against every background it is
// drawn on (≥ 4.5:1, 1.4.3), and of the keyboard focus ring and the fields' edges against what
// surrounds them (≥ 3:1, 1.4.11), computed from the app's own colours (src/app/palette.h, which
// set_scale() gives to Dear ImGui's style). A colour changed there that fails here fails the build.
#include "support.h"

#include "palette.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace qcity_test_contrast {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity::app::palette;

namespace {

// WCAG 2.1 relative luminance (sRGB channels linearised) and contrast ratio.
double channel(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double luminance(Rgba c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }
double contrast(Rgba a, Rgba b) {
    double la = luminance(a), lb = luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

struct Named {
    const char* name;
    Rgba c;
};

// The opaque backgrounds a text or a widget sits on: the window (and the scrolling areas, whose
// ChildBg is clear), a table's alternate row, a table's header row (also the roll-up's city row),
// tooltips/lists/dialogs, and the storage banner.
std::vector<Named> backgrounds() {
    return {{"window", window_bg}, {"alternate row", over(table_row_bg_alt, window_bg)}, {"header row", table_header_bg},
            {"popup", popup_bg}, {"banner", banner}};
}

// Every colour a text is drawn in on those backgrounds.
std::vector<Named> text_colours() {
    return {{"text", text}, {"text_disabled (placeholders, (?))", text_disabled}, {"muted", muted}, {"met", met},
            {"not_met", not_met}, {"missing", missing}, {"invalid", invalid}, {"info (links)", info}, {"error_text", error_text}};
}

}  // namespace

TEST_CASE("contrast: the WCAG formula gives the known ratios") {
    CHECK(contrast(Rgba{0, 0, 0, 1}, Rgba{1, 1, 1, 1}) == doctest::Approx(21.0));
    CHECK(contrast(Rgba{0.5f, 0.5f, 0.5f, 1}, Rgba{0.5f, 0.5f, 0.5f, 1}) == doctest::Approx(1.0));
    // #767676 on white is the lightest grey that passes AA (4.54:1); #777777 fails (4.48:1).
    CHECK(contrast(Rgba{0x76 / 255.0f, 0x76 / 255.0f, 0x76 / 255.0f, 1}, Rgba{1, 1, 1, 1}) == doctest::Approx(4.54).epsilon(0.005));
    CHECK(contrast(Rgba{0x77 / 255.0f, 0x77 / 255.0f, 0x77 / 255.0f, 1}, Rgba{1, 1, 1, 1}) < 4.5);
    // ImGui's light-style defaults the app replaced would fail: TextDisabled 0.60 grey, the nav cursor.
    CHECK(contrast(Rgba{0.6f, 0.6f, 0.6f, 1}, window_bg) < 4.5);
    CHECK(contrast(over(Rgba{0.26f, 0.59f, 0.98f, 0.80f}, window_bg), window_bg) < 3.0);
    // Blending: a half-transparent black over white is mid grey.
    Rgba half = over(Rgba{0, 0, 0, 0.5f}, Rgba{1, 1, 1, 1});
    CHECK(half.r == doctest::Approx(0.5f));
    CHECK(half.a == doctest::Approx(1.0f));
}

TEST_CASE("contrast: every text colour on every background ≥ 4.5:1") {
    for (const Named& bg : backgrounds())
        for (const Named& fg : text_colours()) {
            INFO(std::string(fg.name) << " on " << std::string(bg.name) << ": " << contrast(fg.c, bg.c));
            CHECK(contrast(fg.c, bg.c) >= 4.5);
        }
    // Placeholders and typed text in a field.
    CHECK(contrast(text_disabled, frame_bg) >= 4.5);
    CHECK(contrast(text, frame_bg) >= 4.5);
}

TEST_CASE("contrast: a status chip's word on its own tint ≥ 4.5:1, on every row") {
    const Named statuses[] = {{"met", met}, {"not_met", not_met}, {"missing", missing}, {"invalid", invalid}, {"info", info}};
    for (const Named& bg : backgrounds())
        for (const Named& s : statuses) {
            Rgba chip = over(with_alpha(s.c, kChipTintAlpha), bg.c);
            INFO(std::string(s.name) << " chip on " << std::string(bg.name) << ": " << contrast(s.c, chip));
            CHECK(contrast(s.c, chip) >= 4.5);
        }
}

TEST_CASE("contrast: links, hovered and pressed, ≥ 4.5:1") {
    const Named links[] = {{"info", info}, {"invalid", invalid}, {"error_text", error_text}};
    for (const Named& bg : backgrounds())
        for (const Named& l : links)
            for (float alpha : {kLinkHoverAlpha, kLinkActiveAlpha}) {
                Rgba behind = over(with_alpha(l.c, alpha), bg.c);
                INFO(std::string(l.name) << " link at " << alpha << " on " << std::string(bg.name) << ": " << contrast(l.c, behind));
                CHECK(contrast(l.c, behind) >= 4.5);
            }
}

TEST_CASE("contrast: text on buttons, lists, titles, bars, and switched-off widgets ≥ 4.5:1") {
    const Named fills[] = {{"button", button}, {"button_hovered", button_hovered}, {"button_active (current tab)", button_active},
                           {"header (selected)", over(header, popup_bg)}, {"header_hovered", over(header_hovered, popup_bg)},
                           {"title_bg_active", title_bg_active}, {"plot_histogram", plot_histogram}};
    for (const Named& f : fills) {
        INFO("text on " << std::string(f.name) << ": " << contrast(text, f.c));
        CHECK(contrast(text, f.c) >= 4.5);
    }
    CHECK(contrast(on_info, info) >= 4.5);  // a chosen self-score band
    // A switched-off field (BeginDisabled): its text and its frame both at kDisabledAlpha.
    for (const Named& bg : backgrounds()) {
        Rgba field = over(with_alpha(frame_bg, kDisabledAlpha), bg.c);
        Rgba words = over(with_alpha(text, kDisabledAlpha), field);
        INFO("disabled text on " << std::string(bg.name) << ": " << contrast(words, field));
        CHECK(contrast(words, field) >= 4.5);
    }
}

TEST_CASE("contrast: the focus ring is ≥ 2 CSS px and ≥ 3:1 against what surrounds a widget") {
    CHECK(kFocusRingCssPx >= 2.0f);
    CHECK(nav_cursor.a == doctest::Approx(1.0f));  // opaque: the ratio below is the one drawn
    for (const Named& bg : backgrounds()) {
        INFO("focus ring on " << std::string(bg.name) << ": " << contrast(nav_cursor, bg.c));
        CHECK(contrast(nav_cursor, bg.c) >= 3.0);
    }
    // Inside a field (a ring drawn over its edge) and next to a button.
    CHECK(contrast(nav_cursor, frame_bg) >= 3.0);
    CHECK(contrast(nav_cursor, button) >= 3.0);
}

TEST_CASE("contrast: a field's edge and a tick ≥ 3:1 (non-text contrast)") {
    for (const Named& bg : backgrounds()) {
        if (std::string(bg.name) == "banner") continue;  // no fields on the banner
        INFO("border on " << std::string(bg.name) << ": " << contrast(border, bg.c));
        CHECK(contrast(border, bg.c) >= 3.0);
    }
    CHECK(contrast(check_mark, frame_bg) >= 3.0);
}

}  // namespace qcity_test_contrast
