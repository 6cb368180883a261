// qcity app — the semantic tree of each frame and its changes (see a11y.h).
//
// Index of this file
// [SECTION] Nodes, kept from frame to frame
// [SECTION] Item hooks (every interactive item)
// [SECTION] The app's descriptions
// [SECTION] Focus and text from the page
// [SECTION] Frame end: the changes, as one message

#include "a11y.h"

#include "core.h"  // Json

#include "imgui.h"
#include "imgui_internal.h"

#include <chrono>
#include <cmath>
#include <deque>
#include <unordered_map>
#include <vector>

namespace qcity::app::a11y {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Nodes, kept from frame to frame
//-------------------------------------------------------------------------------------------------

// A node lives from frame to frame (by its ImGuiID): a frame resets what it states (role, states,
// rectangle, parent) when it first touches the node, and writes its strings only when they
// differ; the frame's end compares them with the copies the page holds — an unchanged frame
// copies no string and allocates nothing.
struct Node {
    ImGuiID id = 0;
    uint32_t frame = 0;           // the last frame that submitted it
    // This frame's
    ImGuiID parent = 0;
    ImGuiID window = 0;           // the ImGui window it is in (focus requests)
    Role role = Role::none;
    uint8_t level = 0;            // headings
    uint16_t states = 0;
    uint8_t name_from = 0;        // 0: nothing yet, 1: the item's label (hooks), 2: the app
    bool value_set = false, description_set = false;
    bool has_info = false;        // ImGui reported a label (an interactive widget, not clipped away)
    bool described = false;       // the app described it
    ImRect rect;                  // device px
    // Kept from frame to frame (written only when they differ)
    std::string name, value, description;
    // The app's own description (describe), repeated by describe_same while its key holds
    uint64_t key = 0;
    uint32_t key_frame = 0;       // the frame the key was given in
    uint32_t app_frame = 0;       // the frame the app last described it in
    Role app_role = Role::none;
    uint16_t app_states = 0;
    uint8_t app_fields = 0;       // 1: name, 2: value, 4: description
    // As the page holds it
    bool sent = false;
    std::string sent_name, sent_value, sent_description;
    ImGuiID sent_parent = 0;
    Role sent_role = Role::none;
    uint8_t sent_level = 0;
    uint16_t sent_states = 0;
    int x = 0, y = 0, w = 0, h = 0;  // CSS px
};

struct TableMark {
    ImGuiID table = 0;  // ImGuiTable::ID
    ImGuiID node = 0;   // its table node
};

// An element the page's focus reached before Dear ImGui's did (Tab moves the page's focus at once;
// ImGui's follows when the item is next drawn), and the input given there meanwhile. A key or text
// given to ImGui before its focus is there would act on the item before (press it, edit it), so it
// waits here, and the visits are played to ImGui in order: its focus moved to the element, a field
// made active (the frame after), then the input, one element after another. Faithful to the keys'
// order whatever the frame rate: "7", Tab, "8", Tab, "9" typed while the app draws no frame fills
// three fields.
struct Input {
    ImGuiKey key = ImGuiKey_None;  // a key going down or up…
    bool down = false;
    std::string text;              // …or, with ImGuiKey_None, text typed
    int mods = 0;                  // a press's modifiers (KeyMod: Shift+End selects, Ctrl+V pastes)
};
struct Visit {
    ImGuiID id = 0;
    bool field = false;       // a text field: its input waits until it is being edited
    bool activate = false;    // an assistive technology's click: it acts as if pressed
    bool select_all = false;  // its text replaces the field's (autofill)
    bool focused = false;     // ImGui's focus was moved to it (waiting for the field to be edited)
    bool reopen = false;      // an Enter or Escape in its input ended the edit: the rest waits for a new one
    int frames = 3;           // frames it still waits once nothing is under way, then it lapses
    std::vector<Input> input;
};

struct State_ {
    bool on = false;
    uint32_t frame = 1;
    std::vector<Node> pool;                               // every node the page holds, and this frame's
    std::vector<uint32_t> free_slots;                     // …slots free for new ones
    std::unordered_map<ImGuiID, uint32_t> slots;          // id → slot in pool
    std::vector<uint32_t> order;                          // this frame's nodes in reading order (slots)
    std::vector<ImGuiID> order_now, order_sent;           // the kept nodes' ids; the order the page holds
    ImGuiStorage text_counter;                            // per ID scope: the n-th text in it
    std::vector<ImGuiID> groups;                          // containers open (begin_group)
    std::vector<TableMark> tables;                        // tables marked this frame (table())
    ImGuiID focus_sent = 0;                               // ImGui's focus, as last told to the page
    // What the page's focus and keys did that Dear ImGui has not caught up with yet, in order: each
    // element the page's focus reached and what was typed or pressed there (Visit, below).
    std::deque<Visit> visits;
    uint32_t click_checked = 0;                           // the frame whose mouse presses were looked at
    std::string live;                                     // to announce
    std::string lang = "zh-CN", lang_sent;
    double end_ms = 0.0;
    int nodes = 0;
} S;

// The visible part of an ImGui label: before "##" (which also starts "###").
std::string_view visible_label(const char* label) {
    std::string_view s(label ? label : "");
    size_t cut = s.find("##");
    return cut == std::string_view::npos ? s : s.substr(0, cut);
}

// Writes `s` into a node's string only when it differs (assign reuses the string's room).
void put(std::string& dst, std::string_view s) {
    if (std::string_view(dst) != s) dst.assign(s.data(), s.size());
}

Node* find(ImGuiID id) {
    auto it = S.slots.find(id);
    return it == S.slots.end() ? nullptr : &S.pool[it->second];
}

// The container a new node goes in: an open group, else a marked table's cell, else the dialog or
// list its window is.
ImGuiID container_for(ImGuiContext& g, ImGuiWindow* window);

// This frame's node `id` (made when new; reset when first touched this frame). `parent`: its
// container, when not the one container_for() finds (a table's rows and cells).
Node& touch(ImGuiID id, const ImGuiID* parent = nullptr) {
    uint32_t slot;
    auto it = S.slots.find(id);
    if (it != S.slots.end()) {
        slot = it->second;
    } else {
        if (!S.free_slots.empty()) {
            slot = S.free_slots.back();
            S.free_slots.pop_back();
        } else {
            slot = (uint32_t)S.pool.size();
            S.pool.emplace_back();
        }
        Node& fresh = S.pool[slot];
        fresh.id = id;
        fresh.frame = 0;
        fresh.sent = false;
        fresh.key_frame = fresh.app_frame = 0;
        S.slots.emplace(id, slot);
    }
    if (S.pool[slot].frame == S.frame) return S.pool[slot];
    ImGuiContext& g = *GImGui;
    // (container_for may add a container first: it comes before its first child.)
    ImGuiID container = parent ? *parent : container_for(g, g.CurrentWindow);
    Node& n = S.pool[slot];
    n.frame = S.frame;
    n.parent = container;
    n.window = g.CurrentWindow ? g.CurrentWindow->ID : 0;
    n.role = Role::none;
    n.level = 0;
    n.states = 0;
    n.name_from = 0;
    n.value_set = n.description_set = n.has_info = n.described = false;
    n.rect = ImRect();
    S.order.push_back(slot);
    return n;
}

// A marked table's node, or 0.
ImGuiID table_node(const ImGuiTable* t) {
    if (!t) return 0;
    for (const TableMark& m : S.tables)
        if (m.table == t->ID) return m.node;
    return 0;
}

// The cell of a marked table the next node goes in. A row brings all its cells at once, so that
// every row has one cell per column (an empty one too: a screen reader counts cells).
ImGuiID cell_for(ImGuiTable* t, ImGuiID tid) {
    const int row = t->CurrentRow, col = t->CurrentColumn;
    if (row < 0 || col < 0) return tid;
    const ImGuiID rid = ImHashData(&row, sizeof row, tid);
    const bool header = (t->RowFlags & ImGuiTableRowFlags_Headers) != 0;
    Node* r = find(rid);
    if (!r || r->frame != S.frame) {
        Node& rn = touch(rid, &tid);
        rn.role = Role::row;
        rn.described = true;
        for (int c = 0; c < t->ColumnsCount; ++c) {
            const ImGuiID cid = ImHashData(&c, sizeof c, rid);
            Node& cn = touch(cid, &rid);
            cn.role = header ? Role::columnheader : c == 0 ? Role::rowheader : Role::cell;
            cn.described = true;
        }
    }
    return ImHashData(&col, sizeof col, rid);
}

ImGuiID container_for(ImGuiContext& g, ImGuiWindow* window) {
    if (!S.groups.empty()) return S.groups.back();
    if (ImGuiID tid = table_node(g.CurrentTable)) return cell_for(g.CurrentTable, tid);
    if (!window) return 0;
    ImGuiWindow* root = window->RootWindow ? window->RootWindow : window;
    const bool modal = (root->Flags & ImGuiWindowFlags_Modal) != 0;
    const bool popup = (root->Flags & ImGuiWindowFlags_Popup) != 0 && !(root->Flags & ImGuiWindowFlags_Tooltip);
    if (!modal && !popup) return 0;
    const ImGuiID cid = root->ID ^ 0x9e3779b9u;  // the container's own node id
    const ImGuiID none = 0;
    Node& c = touch(cid, &none);
    c.window = root->ID;
    c.role = modal ? Role::dialog : Role::listbox;
    if (c.name_from == 0) {
        put(c.name, visible_label(root->Name));
        c.name_from = 2;
    }
    c.rect = root->Rect();
    c.described = true;
    return cid;
}

// Tooltips (their text is a field's description), the hidden fallback window ("Debug##Default").
bool skipped_window(ImGuiWindow* w) { return !w || (w->Flags & ImGuiWindowFlags_Tooltip) || w->Hidden || w->IsFallbackWindow; }

}  // namespace

void enable(bool on) {
    S.on = on;
    if (!on) S.visits.clear();
    if (on && GImGui) GImGui->TestEngineHookItems = true;  // the item hooks feed the tree
}
bool enabled() { return S.on; }

void begin_frame() {
    if (!S.on) return;
    ++S.frame;
    S.order.clear();  // (clear keeps the capacity: no allocation once warm)
    S.text_counter.Data.resize(0);
    S.groups.clear();
    S.tables.clear();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Item hooks
//-------------------------------------------------------------------------------------------------

// A key event that edits or moves (not a modifier, not a key that types a character, whose text
// comes as its own event).
static bool edit_key_event(const ImGuiInputEvent& e) {
    ImGuiContext& g = *GImGui;
    if (e.Type != ImGuiInputEventType_Key) return false;
    const ImGuiKey k = e.Key.Key;
    if ((k & ImGuiMod_Mask_) || ImGui::IsLRModKey(k) || (k >= ImGuiKey_ReservedForModCtrl && k <= ImGuiKey_ReservedForModSuper)) return false;
    if (!ImGui::IsNamedKey(k)) return true;
    return !g.KeysMayBeCharInput.TestBit(k) || g.IO.KeyCtrl || g.IO.KeySuper;  // (Ctrl+V: it edits)
}

// Input that the item ImGui's focus is leaving has not read yet. ImGui's input queue trickles a key
// and the character it types into separate frames, so after a fast "115" then Tab the "5" can still
// be queued when the page's focus moves on; and what NewFrame took from the queue this frame is read
// by the field being edited when it is drawn, which may come after `next` (Shift+Tab). Moving ImGui's
// focus then would hand the "5" to the next field, or leave it unread: the focus waits until it is
// read. (For the field being edited itself: an Enter still queued ends its edit first.)
static bool input_unread(ImGuiID next) {
    ImGuiContext& g = *GImGui;
    auto unread = [](const ImVector<ImGuiInputEvent>& events) {
        for (const ImGuiInputEvent& e : events)
            if (e.Type == ImGuiInputEventType_Text || edit_key_event(e)) return true;
        return false;
    };
    if (unread(g.InputEventsQueue)) return true;
    return g.ActiveId && g.ActiveId != next && (unread(g.InputEventsTrail) || g.IO.InputQueueCharacters.Size > 0);
}

// An Enter or Escape still in ImGui's queue: the field being edited will stop being edited.
static bool edit_end_queued() {
    for (const ImGuiInputEvent& e : GImGui->InputEventsQueue)
        if (e.Type == ImGuiInputEventType_Key && e.Key.Down && (e.Key.Key == ImGuiKey_Enter || e.Key.Key == ImGuiKey_KeypadEnter || e.Key.Key == ImGuiKey_Escape))
            return true;
    return false;
}

// A modifier as ImGui will hold it once its queue is read (the backend's last word on it), so that a
// press given with other modifiers can be given back the ones the person holds now.
static bool mod_down(ImGuiContext& g, ImGuiKey mod) {
    if (g.IO.ConfigMacOSXBehaviors && (mod == ImGuiMod_Ctrl || mod == ImGuiMod_Super)) mod = mod == ImGuiMod_Ctrl ? ImGuiMod_Super : ImGuiMod_Ctrl;
    for (int i = g.InputEventsQueue.Size - 1; i >= 0; --i)
        if (g.InputEventsQueue[i].Type == ImGuiInputEventType_Key && g.InputEventsQueue[i].Key.Key == mod) return g.InputEventsQueue[i].Key.Down;
    return ImGui::GetKeyData(mod)->Down;
}

static void give(ImGuiContext& g, const Input& in) {
    if (in.key == ImGuiKey_None) {
        g.IO.AddInputCharactersUTF8(in.text.c_str());
        return;
    }
    if (!in.down) {
        g.IO.AddKeyEvent(in.key, false);
        return;
    }
    // The press with the modifiers it was pressed with, then the ones held now back.
    static const ImGuiKey mods[] = {ImGuiMod_Ctrl, ImGuiMod_Shift, ImGuiMod_Alt, ImGuiMod_Super};
    bool now[4];
    for (int m = 0; m < 4; ++m) {
        now[m] = mod_down(g, mods[m]);
        g.IO.AddKeyEvent(mods[m], (in.mods & (1 << m)) != 0);
    }
    g.IO.AddKeyEvent(in.key, true);
    for (int m = 0; m < 4; ++m) g.IO.AddKeyEvent(mods[m], now[m]);
}

// A visit that will not get its input after all (its item is not drawn, its text was replaced, a
// click came first): the presses dropped (given now, they would act on whatever ImGui's focus is on)
// and the text with them, the releases given (ImGui may have seen a key go down before the holding
// began, and a key it thinks is still down never presses again).
static void drop_input(ImGuiContext& g, Visit& v) {
    bool text = false;
    for (const Input& in : v.input) {
        if (in.key != ImGuiKey_None && !in.down) g.IO.AddKeyEvent(in.key, false);
        text |= in.key == ImGuiKey_None;
    }
    v.input.clear();
    // The field's <input> shows the text typed into it; the field does not hold it: sent again, so
    // that the page shows (and a screen reader reads) what the app holds.
    if (text)
        if (Node* n = find(v.id)) n->sent = false;
}

static bool ends_edit(const Input& in) {
    return in.down && (in.key == ImGuiKey_Enter || in.key == ImGuiKey_KeypadEnter || in.key == ImGuiKey_Escape);
}

// The first visit, at its item: ImGui's focus moved there (a field made active the frame after),
// then its input given, a control's at once, a field's once it is being edited.
static void play_visit(ImGuiContext& g, ImGuiID id, const ImRect& bb) {
    Visit& v = S.visits.front();
    if (!v.focused) {
        if (input_unread(id)) return;
        if (v.reopen && g.ActiveId == id) return;  // (the Enter given has not ended the edit yet)
        if (g.ActiveId == id && !v.activate) {
            v.focused = true;  // being edited already (a click put it there): nothing to move
        } else {
            // The field being edited lets go (its edits are already applied) when the focus moves on.
            if (g.ActiveId && g.ActiveId != id) ImGui::ClearActiveID();
            ImGui::SetFocusID(id, g.CurrentWindow);
            g.NavCursorVisible = true;
            g.NavHighlightItemUnderNav = true;
            ImGui::ScrollToRectEx(g.CurrentWindow, bb, ImGuiScrollFlags_KeepVisibleEdgeY | ImGuiScrollFlags_KeepVisibleEdgeX);
            if (v.field) {
                g.NavNextActivateId = id;
                g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
            } else if (v.activate) {
                g.NavNextActivateId = id;
                g.NavNextActivateFlags = ImGuiActivateFlags_None;
            }
            v.focused = true;
            v.reopen = false;
            v.frames = 3;
        }
        S.focus_sent = id;  // ImGui now holds what the page holds: nothing to tell it back
        if (!v.field) {     // a control: its keys (Enter, Space, an arrow) act on it now
            for (const Input& in : v.input) give(g, in);
            S.visits.pop_front();
            return;
        }
    }
    if (g.ActiveId != id) return;  // a field: its input once it is being edited
    if (v.select_all)
        if (ImGuiInputTextState* st = ImGui::GetInputTextState(id)) st->SelectAll();
    // In order, up to a key that ends the edit (Enter, Escape) and the releases after it; what comes
    // after that (Enter, then "5") waits for the field to be edited again, as a frame between would.
    size_t n = 0;
    while (n < v.input.size()) {
        give(g, v.input[n]);
        if (ends_edit(v.input[n++])) break;
    }
    std::vector<Input> rest;
    for (size_t i = n; i < v.input.size(); ++i) {
        // Releases of presses already given go now (they edit nothing; held back, ImGui would think
        // the key still down through the new edit, and a held Escape repeats).
        const Input& in = v.input[i];
        bool pressed_again = false;
        for (size_t j = n; j < i; ++j) pressed_again |= v.input[j].key == in.key && v.input[j].down;
        if (in.key != ImGuiKey_None && !in.down && !pressed_again) give(g, in);
        else rest.push_back(in);
    }
    if (rest.empty()) {
        S.visits.pop_front();
        return;
    }
    v.input = std::move(rest);
    v.focused = false;
    v.reopen = true;
    v.select_all = false;
    v.frames = 3;
}

// A mouse press puts ImGui's focus where it lands, as the person sees it: visits still waiting are
// not played after it (their focus moves would undo the click's; their keys would act after it).
// Called before the frame's items.
static void drop_visits_on_click(ImGuiContext& g) {
    if (S.visits.empty()) return;
    bool clicked = false;
    for (int b = 0; b < IM_ARRAYSIZE(g.IO.MouseClicked); ++b) clicked |= g.IO.MouseClicked[b];
    if (!clicked) return;
    for (Visit& v : S.visits) drop_input(g, v);
    S.visits.clear();
}

void hook_item_add(ImGuiContext* ctx, ImGuiID id, const ImRect& bb) {
    if (!S.on || id == 0 || skipped_window(ctx->CurrentWindow)) return;
    ImGuiContext& g = *ctx;
    if (S.click_checked != S.frame) {
        S.click_checked = S.frame;
        drop_visits_on_click(g);
    }
    // Scrollbars, resize grips and the like take no keyboard focus and mean nothing to a reader;
    // a table's header row is read as text, never a Tab stop.
    if (g.LastItemData.ItemFlags & ImGuiItemFlags_NoNav) return;
    // A window reports itself as an item (Begin, BeginChild): a container, never a control.
    if (g.WindowsById.GetVoidPtr(id)) return;
    ImGuiTable* table = g.CurrentTable;
    if (table && (table->RowFlags & ImGuiTableRowFlags_Headers)) {
        // A marked table's header (TableHeadersRow: the item's label is the column's name) is the
        // column header's text. (A header drawn by the app, "##h0" then its own text, is not.)
        if (table_node(table) && table->CurrentColumn >= 0) {
            const char* name = ImGui::TableGetColumnName(table->CurrentColumn);
            if (name && ImGui::GetID(name) == id) text(visible_label(name), bb);
        }
        return;
    }
    Node& n = touch(id);
    if (bb.GetWidth() > 0 || n.rect.GetWidth() <= 0) n.rect = bb;
    // The page's focus reached this item: it takes ImGui's keyboard focus (its nav cursor shows
    // where it is) and is scrolled into view; a text field starts editing; then the input given there.
    if (!S.visits.empty() && S.visits.front().id == id) play_visit(g, id, bb);
}


void hook_item_info(ImGuiContext* ctx, ImGuiID id, const char* label, int flags) {
    if (!S.on || id == 0 || skipped_window(ctx->CurrentWindow)) return;
    Node* found = find(id);
    if (!found || found->frame != S.frame) return;  // not added (a header, a scrollbar)
    Node& n = *found;
    n.has_info = true;
    // (A "##" label names nothing: the app's name, given before or after, stands.)
    if (std::string_view visible = visible_label(label); n.name_from == 0 && !visible.empty()) {
        put(n.name, visible);
        n.name_from = 1;
    }
    if (n.role != Role::none) return;
    ImGuiWindow* root = ctx->CurrentWindow->RootWindow;
    const bool in_list = root && (root->Flags & ImGuiWindowFlags_Popup) && !(root->Flags & ImGuiWindowFlags_Modal);
    if (flags & ImGuiItemStatusFlags_Inputable) n.role = Role::textbox;
    else if (flags & ImGuiItemStatusFlags_Checkable) n.role = Role::checkbox;
    else if (flags & ImGuiItemStatusFlags_Openable) n.role = Role::combobox;
    else n.role = in_list ? Role::option : Role::button;
    if (flags & ImGuiItemStatusFlags_Checked) n.states |= checked;
    if (flags & ImGuiItemStatusFlags_Opened) n.states |= expanded;
    if (ctx->LastItemData.ItemFlags & ImGuiItemFlags_Disabled) n.states |= disabled;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The app's descriptions
//-------------------------------------------------------------------------------------------------

void describe_last(const Semantics& s) {
    if (!S.on) return;
    ImGuiContext& g = *GImGui;
    if (g.LastItemData.ID == 0 || skipped_window(g.CurrentWindow)) return;
    Node& n = touch(g.LastItemData.ID);
    if (n.rect.GetWidth() <= 0) n.rect = g.LastItemData.Rect;
    describe(n.id, s);
}

// The app's description applied to a node (again, by describe_same, from what it kept).
static void apply_app(Node& n) {
    n.described = true;
    if (n.app_role != Role::none) n.role = n.app_role;
    if (n.app_fields & 1) n.name_from = 2;
    if (n.app_fields & 2) n.value_set = true;
    if (n.app_fields & 4) n.description_set = true;
    n.states |= n.app_states;
}

void describe(ImGuiID id, const Semantics& s) {
    if (!S.on || id == 0) return;
    Node* found = find(id);
    if (!found || found->frame != S.frame) return;  // not submitted (a hidden window)
    Node& n = *found;
    if (n.app_frame != S.frame) {  // (a second description the same frame adds to the first)
        n.app_frame = S.frame;
        n.app_role = Role::none;
        n.app_states = 0;
        n.app_fields = 0;
    }
    if (s.role != Role::none) n.app_role = s.role;
    n.app_states |= s.states;
    const Role role = s.role != Role::none ? s.role : n.role;
    if (!s.name.empty()) {
        put(n.name, s.name);
        n.app_fields |= 1;
    }
    if (!s.value.empty() || role == Role::textbox || role == Role::combobox) {
        put(n.value, s.value);
        n.app_fields |= 2;
    }
    if (!s.description.empty()) {
        put(n.description, s.description);
        n.app_fields |= 4;
    }
    apply_app(n);
}

bool describe_same(ImGuiID id, uint64_t key) {
    if (!S.on) return true;
    Node* found = find(id);
    if (!found || found->frame != S.frame) return false;
    Node& n = *found;
    // Described last frame with this key, and not yet this frame (a combo's own description).
    const bool same = n.key == key && n.key_frame + 1 == S.frame && n.app_frame + 1 == S.frame;
    n.key = key;
    n.key_frame = S.frame;
    if (!same) return false;
    n.app_frame = S.frame;
    apply_app(n);
    return true;
}

void text(std::string_view s, const ImRect& bb, Role role, int level) {
    if (!S.on || s.empty()) return;
    ImGuiContext& g = *GImGui;
    ImGuiWindow* w = g.CurrentWindow;
    if (skipped_window(w)) return;
    // A text has no ImGui ID: the n-th text in its ID scope (a row's PushID) is the same node from
    // frame to frame, so a changed word updates one element.
    ImGuiID seed = w->IDStack.back();
    int* counter = S.text_counter.GetIntRef(seed, 0);
    int nth = (*counter)++;
    ImGuiID id = ImHashData(&nth, sizeof nth, seed ^ 0x7e57u);
    Node& n = touch(id);
    n.role = role;
    n.level = (uint8_t)level;
    put(n.name, s);
    n.name_from = 2;
    n.rect = bb;
    n.described = true;
}

void heading_last(std::string_view s, int level) {
    if (!S.on) return;
    ImGuiContext& g = *GImGui;
    text(s, g.LastItemData.Rect, Role::heading, level);
}

void begin_group(const char* id, std::string_view name, std::string_view description) {
    if (!S.on) return;
    ImGuiContext& g = *GImGui;
    ImGuiID gid = ImGui::GetID(id) ^ 0x6a09e667u;
    Node& n = touch(gid);
    n.role = Role::group;
    put(n.name, name);
    n.name_from = 2;
    put(n.description, description);
    n.description_set = true;
    n.described = true;
    n.rect = ImRect(g.CurrentWindow->DC.CursorPos, g.CurrentWindow->DC.CursorPos);
    S.groups.push_back(gid);
}

void end_group() {
    if (S.on && !S.groups.empty()) S.groups.pop_back();
}

void table(std::string_view caption) {
    if (!S.on) return;
    ImGuiContext& g = *GImGui;
    ImGuiTable* t = g.CurrentTable;
    if (!t || skipped_window(g.CurrentWindow) || table_node(t)) return;
    const ImGuiID tid = t->ID ^ 0x5bd1e995u;
    Node& n = touch(tid);  // in the group or dialog around it
    n.role = Role::table;
    put(n.name, caption);
    n.name_from = 2;
    n.described = true;
    S.tables.push_back({t->ID, tid});
}

void cell_description(std::string_view description) {
    if (!S.on || description.empty()) return;
    ImGuiContext& g = *GImGui;
    ImGuiID tid = table_node(g.CurrentTable);
    if (!tid) return;
    Node* c = find(cell_for(g.CurrentTable, tid));
    if (!c || c->frame != S.frame) return;
    put(c->description, description);
    c->description_set = true;
}

void announce(std::string_view s) {
    if (!S.on || s.empty()) return;
    if (!S.live.empty()) S.live += "\n";
    S.live.append(s.data(), s.size());
}

void set_language(const char* lang) { S.lang = lang; }

//-------------------------------------------------------------------------------------------------
// [SECTION] Focus and text from the page
//-------------------------------------------------------------------------------------------------

static bool is_field(ImGuiID id) {
    const Node* n = find(id);
    return n && n->sent && n->sent_role == Role::textbox;
}

// The visit the page's focus is on now: the last one, if it is this element's; else a new one.
static Visit& visit_for(ImGuiID id) {
    if (S.visits.empty() || S.visits.back().id != id) {
        S.visits.push_back({});
        S.visits.back().id = id;
        S.visits.back().field = is_field(id);
    }
    return S.visits.back();
}

void request_focus(ImGuiID id, bool activate) {
    if (!S.on || id == 0) return;
    ImGuiContext& g = *GImGui;
    if (!S.visits.empty() && S.visits.back().id == id) {  // (focused again: the mirror re-placing it)
        S.visits.back().activate |= activate;
        return;
    }
    if (S.visits.empty() && activate) {
        // An assistive technology's click, nothing waiting: the item acts at the next frame (as a
        // mouse click would), and ImGui's focus follows.
        g.NavNextActivateId = id;
        g.NavNextActivateFlags = ImGuiActivateFlags_None;
        activate = false;
    }
    // Already ImGui's focus, nothing waiting (ImGui moved it, the page followed): nothing to do. In
    // particular the field being edited is never activated again (the mirror re-placing or
    // re-focusing its <input> must not restart the edit: a field activated by navigation ignores the
    // characters of that frame). (Its key, Enter or Space, acts only while ImGui's nav cursor shows:
    // the page's focus shows it.)
    if (S.visits.empty() && (g.NavId == id || g.ActiveId == id) && !activate) {
        S.focus_sent = id;
        g.NavCursorVisible = true;
        return;
    }
    Visit& v = visit_for(id);
    v.activate = activate;
}

void focus_left(ImGuiID id) {
    if (!S.on || id == 0 || S.visits.empty()) return;
    // ImGui's focus does not stop where the page's only passed: left for another element, that one
    // is visited next; left for outside the page, ImGui's stays where it was. (Tab, Tab at once left
    // ImGui's focus one stop behind the page's.) An element where something was typed or pressed is
    // still visited: its input goes where it was given.
    Visit& v = S.visits.back();
    if (v.id == id && v.input.empty() && !v.activate) S.visits.pop_back();
}

void type_text(ImGuiID id, const char* text, bool replace) {
    if (!S.on || !text || (!*text && !replace)) return;
    ImGuiContext& g = *GImGui;
    // The field being edited, nothing waiting: straight to it, behind the keys in ImGui's queue
    // (unless one ends the edit, Enter or Escape: then the text waits, to start an edit again after it).
    if (S.visits.empty() && g.ActiveId == id && !edit_end_queued()) {
        if (replace)
            if (ImGuiInputTextState* st = ImGui::GetInputTextState(id)) st->SelectAll();
        g.IO.AddInputCharactersUTF8(text);
        return;
    }
    // Not being edited yet (Tab just reached it; Enter ended its edit): the field is made active, and
    // the text handed over once it is (a field activated this frame ignores the characters of the
    // frame). Autofill replaces the field's whole text: what was given before it is dropped.
    Visit& v = visit_for(id);
    v.field = true;
    v.activate = false;
    if (replace) {
        drop_input(g, v);
        v.select_all = true;
    }
    if (*text) {
        if (!v.input.empty() && v.input.back().key == ImGuiKey_None) v.input.back().text += text;
        else v.input.push_back({ImGuiKey_None, false, text});
    }
    v.frames = 3;
}

bool holding_keys(ImGuiID id) { return S.on && id != 0 && !S.visits.empty(); }

void hold_key(ImGuiID id, EditKey key, bool down, int mods) {
    static const ImGuiKey keys[] = {ImGuiKey_None,      ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow,
                                    ImGuiKey_Home,      ImGuiKey_End,       ImGuiKey_Backspace,  ImGuiKey_Delete,  ImGuiKey_Enter,
                                    ImGuiKey_Escape,    ImGuiKey_PageUp,    ImGuiKey_PageDown,   ImGuiKey_Space,   ImGuiKey_A,
                                    ImGuiKey_C,         ImGuiKey_V,         ImGuiKey_X,          ImGuiKey_Y,       ImGuiKey_Z};
    static_assert(IM_ARRAYSIZE(keys) == (int)EditKey::count, "a key for every EditKey");
    const size_t k = (size_t)key;
    if (k == 0 || k >= IM_ARRAYSIZE(keys)) return;
    ImGuiContext& g = *GImGui;
    if (down) {
        if (!holding_keys(id)) {  // what it waited for came meanwhile: straight to ImGui, in order
            give(g, {keys[k], true, {}, mods});
            return;
        }
        Visit& v = visit_for(id);
        // A key held down repeats its press: once is enough here (ImGui repeats a key it holds down),
        // and a repeat must not keep a visit to an item that is gone from lapsing.
        for (auto in = v.input.rbegin(); in != v.input.rend(); ++in)
            if (in->key == keys[k]) {
                if (in->down) return;
                break;
            }
        v.input.push_back({keys[k], true, {}, mods});
        v.frames = 3;
        return;
    }
    // A release follows its press: behind it while the press still waits, else given now.
    for (auto v = S.visits.rbegin(); v != S.visits.rend(); ++v)
        for (auto in = v->input.rbegin(); in != v->input.rend(); ++in)
            if (in->key == keys[k]) {
                if (!in->down) break;
                v->input.push_back({keys[k], false, {}, 0});
                return;
            }
    g.IO.AddKeyEvent(keys[k], false);
}

bool wants_frame() { return S.on && !S.visits.empty(); }

double last_end_frame_ms() { return S.end_ms; }
int last_node_count() { return S.nodes; }

//-------------------------------------------------------------------------------------------------
// [SECTION] Frame end
//-------------------------------------------------------------------------------------------------

std::string end_frame(float ratio) {
    if (!S.on) return {};
    auto t0 = std::chrono::steady_clock::now();
    ImGuiContext& g = *GImGui;
    if (ratio <= 0.0f) ratio = 1.0f;
    // A visit to an item that is not drawn after all lapses (no focus jumps later by surprise), and
    // its input with it. (Not while input still waits to be read, nor while a field's activation is
    // under way: the frame that moves ImGui's focus to a field asks ImGui to activate it, which
    // happens the frame after. Dropping the text there lost "34" typed right after Tab while the app
    // was busy.)
    if (!S.visits.empty()) {
        Visit& v = S.visits.front();
        const bool under_way = input_unread(v.id) || (v.focused && (g.NavNextActivateId == v.id || g.NavActivateId == v.id));
        if (!under_way && --v.frames <= 0) {
            // (A field being edited whose item was not reached: its input is its own all the same.)
            if (v.field && g.ActiveId == v.id)
                for (const Input& in : v.input) give(g, in);
            else
                drop_input(g, v);
            S.visits.pop_front();
        }
    }

    // Kept: described nodes, and interactive items ImGui reported in full. Changed: what differs
    // from what the page holds. Nothing is built until something differs.
    Json changed, removed;
    S.order_now.clear();
    for (uint32_t slot : S.order) {
        Node& n = S.pool[slot];
        if (!n.described && !n.has_info) continue;
        if (n.role == Role::none) n.role = Role::button;
        if (n.role == Role::textbox && g.ActiveId == n.id) n.states |= editing;
        if (n.name_from == 0) put(n.name, {});
        if (!n.value_set) put(n.value, {});
        if (!n.description_set) put(n.description, {});
        const int x = (int)std::floor(n.rect.Min.x / ratio), y = (int)std::floor(n.rect.Min.y / ratio);
        const int w = (int)std::ceil(n.rect.GetWidth() / ratio), h = (int)std::ceil(n.rect.GetHeight() / ratio);
        S.order_now.push_back(n.id);
        if (n.sent && n.parent == n.sent_parent && n.role == n.sent_role && n.level == n.sent_level && n.states == n.sent_states &&
            x == n.x && y == n.y && w == n.w && h == n.h && n.name == n.sent_name && n.value == n.sent_value &&
            n.description == n.sent_description)
            continue;
        n.sent = true;
        n.sent_parent = n.parent;
        n.sent_role = n.role;
        n.sent_level = n.level;
        n.sent_states = n.states;
        n.x = x, n.y = y, n.w = w, n.h = h;
        put(n.sent_name, n.name);
        put(n.sent_value, n.value);
        put(n.sent_description, n.description);
        if (changed.is_null()) changed = Json::array();
        changed.push_back(Json::array({n.id, n.parent, (int)n.role, n.states, n.name, n.value, n.description, x, y, w, h, n.level}));
    }
    // Gone: nodes the page holds that this frame did not keep; nodes never sent and not drawn.
    for (uint32_t slot = 0; slot < (uint32_t)S.pool.size(); ++slot) {
        Node& n = S.pool[slot];
        if (n.id == 0) continue;  // a free slot
        const bool kept = n.frame == S.frame && (n.described || n.has_info);
        if (kept) continue;
        if (n.sent) {
            if (removed.is_null()) removed = Json::array();
            removed.push_back(n.id);
            n.sent = false;
        }
        if (n.frame != S.frame) {
            S.slots.erase(n.id);
            n.id = 0;
            S.free_slots.push_back(slot);
        }
    }

    // ImGui's focus (keyboard nav, a click, a field being edited), told when it moved to a node.
    auto kept = [&](ImGuiID id) {
        const Node* n = id ? find(id) : nullptr;
        return n && n->sent && n->frame == S.frame;
    };
    // A click on the canvas moves the page's focus to the body (the canvas holds none), even when it
    // lands on the item that already has ImGui's focus (a click to place the caret in the field being
    // edited): ImGui's focus is told again after every click, or the characters typed next go nowhere.
    for (int b = 0; b < 3; b++)
        if (g.IO.MouseClicked[b]) S.focus_sent = 0;
    ImGuiID focus = g.ActiveId && kept(g.ActiveId) ? g.ActiveId : g.NavId;
    bool focus_moved = focus != S.focus_sent && kept(focus) && S.visits.empty();
    const bool reordered = S.order_now != S.order_sent;

    std::string msg;
    if (!changed.is_null() || !removed.is_null() || reordered || focus_moved || !S.live.empty() || S.lang != S.lang_sent) {
        Json m = Json::object();
        if (!changed.is_null()) m["n"] = std::move(changed);
        if (!removed.is_null()) m["x"] = std::move(removed);
        if (reordered) m["o"] = S.order_now;
        if (focus_moved) m["f"] = focus;
        if (!S.live.empty()) m["l"] = S.live;
        if (S.lang != S.lang_sent) m["lang"] = S.lang;
        msg = m.dump(-1, ' ', false, Json::error_handler_t::replace);
        if (reordered) S.order_sent.swap(S.order_now);
        if (focus_moved) S.focus_sent = focus;
        S.live.clear();
        S.lang_sent = S.lang;
    }
    S.nodes = 0;
    for (uint32_t slot : S.order) S.nodes += S.pool[slot].sent && S.pool[slot].frame == S.frame;
    S.end_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return msg;
}

}  // namespace qcity::app::a11y
