// qcity app — item hooks for driving the real canvas from browser tests.
//
// Dear ImGui calls these three hooks (declared in imgui_internal.h) for every item when
// IMGUI_ENABLE_TEST_ENGINE is defined and GImGui->TestEngineHookItems is set. We record each
// labelled item's rectangle for the frame being built, so a Playwright test can find "保存" and
// click its centre, exactly as a person would. (imgui_test_engine itself is not used: its licence
// does not fit; these hooks are part of Dear ImGui.)

#include "app.h"
#include "a11y.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <unordered_map>
#include <vector>

namespace {

struct ItemRecord {
    ImGuiID id = 0;
    ImRect rect;
    ImRect clip;                      // what the item is drawn within (its window's, or its table cell's, clip rect)
    std::string label;
    std::string window;
    ImGuiItemStatusFlags flags = 0;   // checkable / checked (a checkbox's state)
    bool focused = false;             // keyboard focus (ImGui's nav id)
    bool active = false;              // being used (a text field being edited)
    bool hidden = false;              // in a window not drawn this frame (an auto-fit window's first, measuring frame)
};

std::unordered_map<ImGuiID, size_t> g_index;  // id → position in g_building
std::vector<ItemRecord> g_building;            // this frame's items
std::vector<ItemRecord> g_last;                // the last complete frame's items
bool g_on = false;                             // the tests turned the hooks on (test_hooks_enable)

}  // namespace

// Finds or creates this frame's record of an item. (Most widgets report ItemAdd then ItemInfo;
// tabs report ItemInfo first.)
static ItemRecord& record(ImGuiContext* ctx, ImGuiID id) {
    auto it = g_index.find(id);
    if (it != g_index.end()) return g_building[it->second];
    ItemRecord r;
    r.id = id;
    if (ctx->CurrentWindow) {
        r.window = ctx->CurrentWindow->Name;
        r.clip = ctx->CurrentWindow->ClipRect;
        r.hidden = ctx->CurrentWindow->Hidden;
    }
    g_index[id] = g_building.size();
    g_building.push_back(std::move(r));
    return g_building.back();
}

// The hooks also feed the accessible mirror's semantic tree (a11y.cpp), which is on in the shipped
// app: Dear ImGui calls them whenever either wants them (TestEngineHookItems).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
    qcity::app::a11y::hook_item_add(ctx, id, bb);
    if (id == 0 || !g_on) return;
    ItemRecord& r = record(ctx, id);
    if (bb.GetWidth() > 0 || r.rect.GetWidth() <= 0) r.rect = bb;
    r.focused = ctx->NavId == id;
    r.active = ctx->ActiveId == id;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    qcity::app::a11y::hook_item_info(ctx, id, label, flags);
    if (id == 0 || !label || !g_on) return;
    ItemRecord& r = record(ctx, id);
    r.label = label;
    r.flags = flags;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

namespace qcity::app {

void test_text(const char* id, std::string_view text) {
    ImGuiContext& g = *GImGui;
    if (!g_on) return;
    ImGuiID iid = ImGui::GetID(id);
    ItemRecord& r = record(&g, iid);
    r.rect = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.label.assign(text.data(), text.size());
    r.label += "###";
    r.label += id;
}

bool test_hooks_on() { return g_on; }

bool test_hooks_enable() {
    bool was = g_on;
    g_on = true;
    if (GImGui) GImGui->TestEngineHookItems = true;
    return was;
}

// An item ImGui does not report (report_item): recorded for the tests only, never for the mirror.
void test_record_item(const std::string& label, const ImRect& bb) {
    ImGuiContext& g = *GImGui;
    if (!g_on || !g.CurrentWindow) return;
    ImGuiID id = ImHashStr(label.c_str(), label.size(), g.CurrentWindow->IDStack.back());
    ItemRecord& r = record(&g, id);
    if (bb.GetWidth() > 0 || r.rect.GetWidth() <= 0) r.rect = bb;
    r.label = label;
    r.flags = 0;
}

void test_hooks_begin_frame() {
    g_building.clear();
    g_index.clear();
}

// Published as soon as the frame is complete (not when the next begins): a test that waited for a
// frame reads that frame's items, not the one before it (a popup opened by a click was still its
// hidden layout frame there, and the next frame came or not depending on the machine's load).
void test_hooks_end_frame() {
    g_last.swap(g_building);
}

std::string test_items_json() {
    Json items = Json::array();
    for (const ItemRecord& r : g_last) {
        // Not on screen: a window Dear ImGui lays out hidden for a frame (a tooltip or dialog sizing
        // itself) is measured there, then placed; a person sees only where it is placed.
        if (r.label.empty() || r.rect.GetWidth() <= 0 || r.hidden) continue;
        Json item{{"label", r.label}, {"id", r.id}, {"window", r.window},
                  {"x", r.rect.Min.x}, {"y", r.rect.Min.y},
                  {"w", r.rect.GetWidth()}, {"h", r.rect.GetHeight()},
                  {"clip", {r.clip.Min.x, r.clip.Min.y, r.clip.GetWidth(), r.clip.GetHeight()}}};
        if (r.flags & ImGuiItemStatusFlags_Checkable) item["checked"] = (r.flags & ImGuiItemStatusFlags_Checked) != 0;
        if (r.focused) item["focused"] = true;
        if (r.active) item["active"] = true;
        items.push_back(std::move(item));
    }
    return items.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string test_nav_json() {
    ImGuiContext& g = *GImGui;
    auto window = [](const ImGuiWindow* w) { return w ? std::string(w->Name) : std::string(); };
    Json nav{{"nav_id", g.NavId}, {"active_id", g.ActiveId}, {"nav_window", window(g.NavWindow)},
             {"active_window", window(g.ActiveIdWindow)}, {"nav_cursor_visible", g.NavCursorVisible},
             {"nav_activate_id", g.NavActivateId}, {"nav_next_activate_id", g.NavNextActivateId},
             {"enter_down", ImGui::IsKeyDown(ImGuiKey_Enter)}, {"want_text_input", g.IO.WantTextInput},
             {"popups_open", g.OpenPopupStack.Size}, {"frame", g.FrameCount}};
    return nav.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace qcity::app
