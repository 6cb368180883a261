// qcity app — the semantic tree of each frame, for the page's accessible mirror (issue 14).
//
// Dear ImGui draws pixels; a screen reader needs elements. Every frame the app publishes what it
// shows as a flat list of nodes in reading order — role, name, value, states, description, the
// rectangle, the container it sits in — and at the frame's end the list is compared with the last
// frame's: only the nodes added, changed or removed go to the page (as one small JSON message),
// and nothing at all when nothing changed. The page keeps one real DOM element per node over the
// canvas (src/platform/web/library_a11y.js), the way Flutter web's semantics tree and Qt for
// WebAssembly's accessibility backend shadow their widgets.
//
// Where the nodes come from:
//  - every interactive item (button, text field, checkbox, combo, selectable) through Dear ImGui's
//    item hooks (IMGUI_ENABLE_TEST_ENGINE; test_hooks.cpp forwards them here): an item the app does
//    not describe still gets a node, named by its visible label;
//  - the app's own calls below, for what ImGui does not report (texts, headings, chips, rows) and
//    for what only the app knows (a figure field's name, its value, its error, that it is required).
// Focus goes both ways: the page's focus is asked of ImGui (request_focus), and ImGui's (Tab, a
// click) is told to the page in the next message.
#pragma once

#include "imgui.h"

#include <cstdint>
#include <string>
#include <string_view>

struct ImRect;
struct ImGuiContext;

namespace qcity::app::a11y {

enum class Role : uint8_t {
    none,       // an item whose role the hooks decide (button, textbox, checkbox, combobox, option)
    text, heading, status,
    button, textbox, checkbox, radio, combobox, option,
    group, dialog, listbox,
};

enum State : uint16_t {
    required = 1 << 0,
    invalid = 1 << 1,
    checked = 1 << 2,
    expanded = 1 << 3,
    selected = 1 << 4,
    disabled = 1 << 5,
    editing = 1 << 6,   // a text field ImGui is editing (the page's input is then the editing surface)
};

// What the app says about the item it just submitted (ImGui's last item); empty fields keep what
// the hooks found.
struct Semantics {
    Role role = Role::none;
    std::string name, value, description;
    uint16_t states = 0;
};

// Off until the platform turns it on (the web app does; the native tests need none of it).
void enable(bool on);
bool enabled();

// Frame boundaries: begin before ImGui::NewFrame(); end after the app's frame, before Render():
// returns the message for the page ("" when nothing changed). `ratio`: device px per CSS px.
void begin_frame();
std::string end_frame(float ratio);

// The app's descriptions ------------------------------------------------------------------------
void describe_last(const Semantics& s);
void describe(ImGuiID id, const Semantics& s);  // an item submitted earlier this frame (a combo)
// A text (or a heading, level 1–3, or a status) with its rectangle.
void text(std::string_view s, const ImRect& bb, Role role = Role::text, int level = 0);
// A heading for the last item (ImGui::SeparatorText, a title line).
void heading_last(std::string_view s, int level);
// A container (an indicator's row, a form): the nodes until end_group sit in it.
void begin_group(const char* id, std::string_view name, std::string_view description = {});
void end_group();
// Something the live region says (an edit's outcome, an import, an export, an error).
void announce(std::string_view s);
void set_language(const char* lang);  // "zh-CN" / "en": the mirror's lang

// Focus from the page: the element with this node id got the DOM focus (or was activated by an
// assistive technology's click: `activate`). Applied when the item is next submitted.
void request_focus(ImGuiID id, bool activate);
// Text typed, composed or pasted into the page's input of a text field: handed to ImGui's field
// (made active first when it is not).
void type_text(ImGuiID id, const char* text, bool replace = false);  // replace: its whole text (autofill)
// A frame is still needed (a focus request, text waiting for its field to become active).
bool wants_frame();

// The per-frame cost (benchmarks): ms spent in end_frame, and nodes in the last frame.
double last_end_frame_ms();
int last_node_count();

// Called by the item hooks (test_hooks.cpp).
void hook_item_add(ImGuiContext* ctx, ImGuiID id, const ImRect& bb);
void hook_item_info(ImGuiContext* ctx, ImGuiID id, const char* label, int status_flags);

}  // namespace qcity::app::a11y
