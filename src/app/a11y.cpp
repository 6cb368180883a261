// qcity app — the semantic tree of each frame and its changes (see a11y.h).
//
// Index of this file
// [SECTION] Nodes of the frame being built
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
#include <unordered_map>
#include <vector>

namespace qcity::app::a11y {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Nodes of the frame being built
//-------------------------------------------------------------------------------------------------

struct Node {
    ImGuiID id = 0, parent = 0;
    ImGuiID window = 0;        // the ImGui window it is in (focus requests)
    Role role = Role::none;
    uint8_t level = 0;         // headings
    uint16_t states = 0;
    bool has_info = false;     // ImGui reported a label (an interactive widget, not clipped away)
    bool described = false;    // the app described it
    std::string name, value, description;
    ImRect rect;               // device px
    int x = 0, y = 0, w = 0, h = 0;  // CSS px (end_frame)

    bool same(const Node& o) const {
        return parent == o.parent && role == o.role && level == o.level && states == o.states && name == o.name &&
               value == o.value && description == o.description && x == o.x && y == o.y && w == o.w && h == o.h;
    }
};

struct State_ {
    bool on = false;
    std::vector<Node> building, last;
    std::unordered_map<ImGuiID, size_t> index;            // id → position in building
    std::unordered_map<ImGuiID, const Node*> last_index;  // id → node of the last frame
    std::unordered_map<ImGuiID, int> text_counter;        // per ID scope: the n-th text in it
    std::vector<ImGuiID> groups;                          // containers open (begin_group)
    std::vector<ImGuiID> order_sent;                      // the order the page holds
    ImGuiID focus_sent = 0;                               // ImGui's focus, as last told to the page
    ImGuiID focus_request = 0;                            // the page's focus, to apply
    bool activate_request = false;
    int focus_request_frames = 0;
    ImGuiID type_target = 0;                              // text waiting for its field to be edited
    std::string type_pending;
    bool type_select_all = false;                         // …replacing the field's text (autofill)
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

// The container a new node goes in: an open group, else the dialog or list its window is.
ImGuiID container_for(ImGuiContext& g, ImGuiWindow* window);

Node& node(ImGuiID id) {
    auto it = S.index.find(id);
    if (it != S.index.end()) return S.building[it->second];
    ImGuiContext& g = *GImGui;
    Node n;
    n.id = id;
    n.window = g.CurrentWindow ? g.CurrentWindow->ID : 0;
    n.parent = container_for(g, g.CurrentWindow);
    S.index[id] = S.building.size();
    S.building.push_back(std::move(n));
    return S.building.back();
}

ImGuiID container_for(ImGuiContext& g, ImGuiWindow* window) {
    if (!S.groups.empty()) return S.groups.back();
    if (!window) return 0;
    ImGuiWindow* root = window->RootWindow ? window->RootWindow : window;
    const bool modal = (root->Flags & ImGuiWindowFlags_Modal) != 0;
    const bool popup = (root->Flags & ImGuiWindowFlags_Popup) != 0 && !(root->Flags & ImGuiWindowFlags_Tooltip);
    if (!modal && !popup) return 0;
    ImGuiID cid = root->ID ^ 0x9e3779b9u;  // the container's own node id
    if (!S.index.count(cid)) {
        Node c;
        c.id = cid;
        c.window = root->ID;
        c.role = modal ? Role::dialog : Role::listbox;
        c.name = std::string(visible_label(root->Name));
        c.rect = root->Rect();
        c.described = true;
        S.index[cid] = S.building.size();
        S.building.push_back(std::move(c));
    }
    (void)g;
    return cid;
}

// Tooltips (their text is a field's description), the hidden fallback window ("Debug##Default").
bool skipped_window(ImGuiWindow* w) { return !w || (w->Flags & ImGuiWindowFlags_Tooltip) || w->Hidden || w->IsFallbackWindow; }

}  // namespace

void enable(bool on) {
    S.on = on;
    if (on && GImGui) GImGui->TestEngineHookItems = true;  // the item hooks feed the tree
}
bool enabled() { return S.on; }

void begin_frame() {
    if (!S.on) return;
    S.building.clear();
    S.index.clear();
    S.text_counter.clear();
    S.groups.clear();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Item hooks
//-------------------------------------------------------------------------------------------------

void hook_item_add(ImGuiContext* ctx, ImGuiID id, const ImRect& bb) {
    if (!S.on || id == 0 || skipped_window(ctx->CurrentWindow)) return;
    ImGuiContext& g = *ctx;
    // Scrollbars, resize grips and the like take no keyboard focus and mean nothing to a reader;
    // a table's header row is read as text, never a Tab stop.
    if (g.LastItemData.ItemFlags & ImGuiItemFlags_NoNav) return;
    // A window reports itself as an item (Begin, BeginChild): a container, never a control.
    if (g.WindowsById.GetVoidPtr(id)) return;
    ImGuiTable* table = g.CurrentTable;
    if (table && (table->RowFlags & ImGuiTableRowFlags_Headers)) return;
    Node& n = node(id);
    if (bb.GetWidth() > 0 || n.rect.GetWidth() <= 0) n.rect = bb;
    // The page's focus asked for this item: it takes ImGui's keyboard focus (its nav cursor shows
    // where it is) and is scrolled into view; a text field starts editing.
    if (S.focus_request == id) {
        // The field being edited lets go (its edits are already applied) when the focus moves on.
        if (g.ActiveId && g.ActiveId != id) ImGui::ClearActiveID();
        ImGui::SetFocusID(id, g.CurrentWindow);
        g.NavCursorVisible = true;
        g.NavHighlightItemUnderNav = true;
        ImGui::ScrollToRectEx(g.CurrentWindow, bb, ImGuiScrollFlags_KeepVisibleEdgeY | ImGuiScrollFlags_KeepVisibleEdgeX);
        if (S.activate_request || S.type_target == id) {
            g.NavNextActivateId = id;
            g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
        }
        S.focus_request = 0;
        S.focus_sent = id;  // ImGui now holds what the page holds: nothing to tell it back
    }
    if (S.type_target == id && g.ActiveId == id) {
        if (S.type_select_all)
            if (ImGuiInputTextState* st = ImGui::GetInputTextState(id)) st->SelectAll();
        g.IO.AddInputCharactersUTF8(S.type_pending.c_str());
        S.type_pending.clear();
        S.type_target = 0;
    }
}

void hook_item_info(ImGuiContext* ctx, ImGuiID id, const char* label, int flags) {
    if (!S.on || id == 0 || skipped_window(ctx->CurrentWindow)) return;
    auto it = S.index.find(id);
    if (it == S.index.end()) return;  // not added (a header, a scrollbar)
    Node& n = S.building[it->second];
    n.has_info = true;
    if (n.name.empty()) n.name = std::string(visible_label(label));
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
    Node& n = node(g.LastItemData.ID);
    if (n.rect.GetWidth() <= 0) n.rect = g.LastItemData.Rect;
    describe(n.id, s);
}

void describe(ImGuiID id, const Semantics& s) {
    if (!S.on || id == 0) return;
    ImGuiContext& g = *GImGui;
    auto found = S.index.find(id);
    if (found == S.index.end()) return;  // not submitted (a hidden window)
    Node& n = S.building[found->second];
    n.described = true;
    if (s.role != Role::none) n.role = s.role;
    if (!s.name.empty()) n.name = s.name;
    if (!s.value.empty() || n.role == Role::textbox || n.role == Role::combobox) n.value = s.value;
    if (!s.description.empty()) n.description = s.description;
    n.states |= s.states;
    if (g.ActiveId == id && n.role == Role::textbox) n.states |= editing;
}

void text(std::string_view s, const ImRect& bb, Role role, int level) {
    if (!S.on || s.empty()) return;
    ImGuiContext& g = *GImGui;
    ImGuiWindow* w = g.CurrentWindow;
    if (skipped_window(w)) return;
    // A text has no ImGui ID: the n-th text in its ID scope (a row's PushID) is the same node from
    // frame to frame, so a changed word updates one element.
    ImGuiID seed = w->IDStack.back();
    int nth = S.text_counter[seed]++;
    ImGuiID id = ImHashData(&nth, sizeof nth, seed ^ 0x7e57u);
    Node& n = node(id);
    n.role = role;
    n.level = (uint8_t)level;
    n.name.assign(s.data(), s.size());
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
    Node& n = node(gid);
    n.role = Role::group;
    n.name.assign(name.data(), name.size());
    n.description.assign(description.data(), description.size());
    n.described = true;
    n.rect = ImRect(g.CurrentWindow->DC.CursorPos, g.CurrentWindow->DC.CursorPos);
    S.groups.push_back(gid);
}

void end_group() {
    if (S.on && !S.groups.empty()) S.groups.pop_back();
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

void request_focus(ImGuiID id, bool activate) {
    if (!S.on) return;
    ImGuiContext& g = *GImGui;
    S.activate_request = false;
    if (activate) {
        // An assistive technology's click: the item acts as if pressed (Enter / Space).
        g.NavNextActivateId = id;
        g.NavNextActivateFlags = ImGuiActivateFlags_None;
    }
    // Already ImGui's focus (ImGui moved it, the page followed): nothing to do.
    // (Its key, Enter or Space, acts only while ImGui's nav cursor shows: the page's focus shows it.)
    if (g.NavId == id && !activate) {
        S.focus_sent = id;
        g.NavCursorVisible = true;
        return;
    }
    S.focus_request = id;
    S.focus_request_frames = 3;
    auto it = S.last_index.find(id);
    S.activate_request = !activate && it != S.last_index.end() && it->second->role == Role::textbox;
}

void type_text(ImGuiID id, const char* text, bool replace) {
    if (!S.on || !text || (!*text && !replace)) return;
    ImGuiContext& g = *GImGui;
    if (g.ActiveId == id) {
        if (replace)
            if (ImGuiInputTextState* st = ImGui::GetInputTextState(id)) st->SelectAll();
        g.IO.AddInputCharactersUTF8(text);
        return;
    }
    // Not being edited (Enter committed it, Escape let it go): made active again, and the text is
    // handed over once it is (a field activated this frame ignores the characters of the frame).
    if (S.type_target != id || replace) S.type_pending.clear();
    S.type_select_all = replace;
    S.type_target = id;
    S.type_pending += text;
    request_focus(id, false);
    S.activate_request = true;
}

bool wants_frame() { return S.on && (S.focus_request != 0 || S.type_target != 0); }

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
    // A request for an item that is not drawn after all lapses (no focus jumps later by surprise).
    if (S.focus_request && --S.focus_request_frames <= 0) S.focus_request = 0;
    if (S.type_target && !S.focus_request && g.ActiveId != S.type_target) {
        S.type_target = 0;
        S.type_pending.clear();
    }

    // Keep what means something: described nodes, and interactive items ImGui reported in full.
    std::vector<Node> kept;
    kept.reserve(S.building.size());
    for (Node& n : S.building) {
        if (!n.described && !n.has_info) continue;
        if (n.role == Role::none) n.role = Role::button;
        if (n.role == Role::textbox && g.ActiveId == n.id) n.states |= editing;
        n.x = (int)std::floor(n.rect.Min.x / ratio);
        n.y = (int)std::floor(n.rect.Min.y / ratio);
        n.w = (int)std::ceil(n.rect.GetWidth() / ratio);
        n.h = (int)std::ceil(n.rect.GetHeight() / ratio);
        kept.push_back(std::move(n));
    }
    // A container left empty (a row whose fields are all scrolled away keeps its texts) stays.

    Json changed = Json::array();
    std::vector<ImGuiID> order;
    order.reserve(kept.size());
    std::unordered_map<ImGuiID, const Node*> now_index;
    now_index.reserve(kept.size());
    for (const Node& n : kept) {
        order.push_back(n.id);
        now_index[n.id] = &n;
        auto it = S.last_index.find(n.id);
        if (it != S.last_index.end() && it->second->same(n)) continue;
        Json j = Json::array({n.id, n.parent, (int)n.role, n.states, n.name, n.value, n.description, n.x, n.y, n.w, n.h, n.level});
        changed.push_back(std::move(j));
    }
    Json removed = Json::array();
    for (const auto& [id, n] : S.last_index)
        if (!now_index.count(id)) removed.push_back(id);

    // ImGui's focus (keyboard nav, a click, a field being edited), told when it moved to a node.
    ImGuiID focus = g.ActiveId && now_index.count(g.ActiveId) ? g.ActiveId : g.NavId;
    bool focus_moved = focus != S.focus_sent && now_index.count(focus) && !S.focus_request;

    std::string msg;
    if (!changed.empty() || !removed.empty() || order != S.order_sent || focus_moved || !S.live.empty() || S.lang != S.lang_sent) {
        Json m = Json::object();
        if (!changed.empty()) m["n"] = std::move(changed);
        if (!removed.empty()) m["x"] = std::move(removed);
        if (order != S.order_sent) m["o"] = order;
        if (focus_moved) m["f"] = focus;
        if (!S.live.empty()) m["l"] = S.live;
        if (S.lang != S.lang_sent) m["lang"] = S.lang;
        msg = m.dump(-1, ' ', false, Json::error_handler_t::replace);
        S.order_sent = order;
        if (focus_moved) S.focus_sent = focus;
        S.live.clear();
        S.lang_sent = S.lang;
    }
    S.last.swap(kept);
    S.last_index.clear();
    for (const Node& n : S.last) S.last_index[n.id] = &n;
    S.nodes = (int)S.last.size();
    S.end_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return msg;
}

}  // namespace qcity::app::a11y
