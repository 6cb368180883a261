// qcity app — item hooks for driving the real canvas from browser tests.
//
// Dear ImGui calls these three hooks (declared in imgui_internal.h) for every item when
// IMGUI_ENABLE_TEST_ENGINE is defined and GImGui->TestEngineHookItems is set. We record each
// labelled item's rectangle for the frame being built, so a Playwright test can find "保存" and
// click its centre, exactly as a person would. (imgui_test_engine itself is not used: its licence
// does not fit; these hooks are part of Dear ImGui.)

#include "app.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <unordered_map>
#include <vector>

namespace {

struct ItemRecord {
    ImGuiID id = 0;
    ImRect rect;
    std::string label;
    std::string window;
};

std::unordered_map<ImGuiID, size_t> g_index;  // id → position in g_building
std::vector<ItemRecord> g_building;            // this frame's items
std::vector<ItemRecord> g_last;                // the last complete frame's items

}  // namespace

// Finds or creates this frame's record of an item. (Most widgets report ItemAdd then ItemInfo;
// tabs report ItemInfo first.)
static ItemRecord& record(ImGuiContext* ctx, ImGuiID id) {
    auto it = g_index.find(id);
    if (it != g_index.end()) return g_building[it->second];
    ItemRecord r;
    r.id = id;
    if (ctx->CurrentWindow) r.window = ctx->CurrentWindow->Name;
    g_index[id] = g_building.size();
    g_building.push_back(std::move(r));
    return g_building.back();
}

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
    if (id == 0) return;
    ItemRecord& r = record(ctx, id);
    if (bb.GetWidth() > 0 || r.rect.GetWidth() <= 0) r.rect = bb;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    if (id == 0 || !label) return;
    record(ctx, id).label = label;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

namespace qcity::app {

void test_hooks_begin_frame() {
    g_last.swap(g_building);
    g_building.clear();
    g_index.clear();
}

std::string test_items_json() {
    Json items = Json::array();
    for (const ItemRecord& r : g_last) {
        if (r.label.empty() || r.rect.GetWidth() <= 0) continue;
        items.push_back(Json{{"label", r.label}, {"id", r.id}, {"window", r.window},
                             {"x", r.rect.Min.x}, {"y", r.rect.Min.y},
                             {"w", r.rect.GetWidth()}, {"h", r.rect.GetHeight()}});
    }
    return items.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace qcity::app
