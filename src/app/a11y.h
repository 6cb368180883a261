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
//  - tables the app marks (table()): the nodes drawn in its cells go into the mirror's <table>,
//    the header row's into column headers, the first column's into row headers.
// Focus goes both ways: the page's focus is asked of ImGui (request_focus), and ImGui's (Tab, a
// click) is told to the page in the next message.
//
// Cost (≤ 1 ms a frame on the full county form, bench/README.md): the nodes live from frame to
// frame, keyed by ImGuiID; a frame only compares what it submits with what the node holds (a
// string is copied only when it differs), so an unchanged frame allocates nothing and sends
// nothing. An app whose strings for an item take work to build asks describe_same() first.
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
    table, row, columnheader, rowheader, cell,  // table(): containers of the nodes drawn in a cell
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
// the hooks found. Views: the strings are copied into the node only when they differ from its own.
struct Semantics {
    Role role = Role::none;
    std::string_view name, value, description;
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
// True when item `id` (submitted this frame) was described last frame with the same `key` (a hash
// of everything its strings are made of): it keeps that description and the app need not build
// it. False: describe it (describe / describe_last), and the key is remembered. Also true when
// the mirror is off (nothing to build).
bool describe_same(ImGuiID id, uint64_t key);
// A text (or a heading, level 1–3, or a status) with its rectangle.
void text(std::string_view s, const ImRect& bb, Role role = Role::text, int level = 0);
// A heading for the last item (ImGui::SeparatorText, a title line).
void heading_last(std::string_view s, int level);
// A container (an indicator's row, a form): the nodes until end_group sit in it.
void begin_group(const char* id, std::string_view name, std::string_view description = {});
void end_group();
// The current ImGui table (call right after BeginTable) is a table for the mirror too, named by
// `caption`: its header row's items and texts become column headers, the first column's row
// headers, the others cells. `description`: said of the current row header (an indicator's help).
void table(std::string_view caption);
void cell_description(std::string_view description);
// Something the live region says (an edit's outcome, an import, an export, an error).
void announce(std::string_view s);
void set_language(const char* lang);  // "zh-CN" / "en": the mirror's lang

// Focus, text and keys from the page. The page's focus moves at once (Tab); ImGui's follows when
// the item is next drawn. Until then what the page's focus and keys do waits, in order, as a list of
// visits (a11y.cpp): each element the page's focus reached and the input given there. They are
// played to ImGui one after another: its focus moved to the element (a field made active the frame
// after), then the input. So keys act where they were pressed and text lands where it was typed,
// however few frames the app draws ("7", Tab, "8", Tab, "9" at once fills three fields).
//
// The element with this node id got the DOM focus (or was activated by an assistive technology's
// click: `activate`).
void request_focus(ImGuiID id, bool activate);
// The page's focus left the element with this node id (Tab out of the page, a click elsewhere):
// ImGui's focus does not stop there unless something was typed or pressed there meanwhile.
void focus_left(ImGuiID id);
// Text typed, composed or pasted into the page's input of a text field: handed to ImGui's field
// (made active first when it is not).
void type_text(ImGuiID id, const char* text, bool replace = false);  // replace: its whole text (autofill)
// An editing key (Backspace, an arrow, Enter…) pressed in a field, or those and Space on a control,
// while ImGui has not caught up (holding_keys: a visit waits): it waits behind what came before it.
// Given to ImGui at once it would act where ImGui's focus still is: Enter would press the item
// before, Backspace clear the field left. (ImGui's own queue keeps keys and characters in order once
// they are in it; the wait would not: "34" then Enter at once committed the field empty.)
// `key` is one of EditKey, `mods` the KeyMods held with a press; holding_keys(id) says whether the
// page should hand this element's presses here (`id`: the element pressed on). A key's release comes here when its press did (any `id`).
// Input for an item that is not drawn after all lapses: its presses dropped, its releases given.
enum class EditKey { none, left, right, up, down, home, end, backspace, del, enter, escape, page_up, page_down, space,
                     a, c, v, x, y, z,  // (with Ctrl: select all, copy, paste, cut, redo, undo)
                     count };
enum KeyMod { key_mod_ctrl = 1, key_mod_shift = 2, key_mod_alt = 4, key_mod_super = 8 };  // `mods` of a press
bool holding_keys(ImGuiID id);
void hold_key(ImGuiID id, EditKey key, bool down, int mods = 0);
// A frame is still needed (a visit waits to be played).
bool wants_frame();

// The per-frame cost (benchmarks): ms spent in end_frame, and nodes in the last frame.
double last_end_frame_ms();
int last_node_count();

// Called by the item hooks (test_hooks.cpp).
void hook_item_add(ImGuiContext* ctx, ImGuiID id, const ImRect& bb);
void hook_item_info(ImGuiContext* ctx, ImGuiID id, const char* label, int status_flags);

}  // namespace qcity::app::a11y
