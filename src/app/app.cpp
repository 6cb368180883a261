// qcity app — the interface.
//
// Index of this file
// [SECTION] Strings
// [SECTION] Style
// [SECTION] Top bar
// [SECTION] Catalog view
// [SECTION] Frame

#include "app.h"

#include "imgui.h"

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Strings
//-------------------------------------------------------------------------------------------------

const char* tr(const App& app, const char* key) {
    auto it = app.strings.find(key);
    if (it == app.strings.end() || !it->is_object()) return key;
    const char* lang = app.lang == Lang::en ? "en" : "zh";
    auto s = it->find(lang);
    return (s != it->end() && s->is_string()) ? s->get_ref<const std::string&>().c_str() : key;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Style
//-------------------------------------------------------------------------------------------------

static void apply_style(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 7);
    style.CellPadding = ImVec2(8, 5);
    style.WindowPadding = ImVec2(16, 12);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    style.Colors[ImGuiCol_Header] = ImVec4(0.80f, 0.87f, 0.95f, 1.0f);
    style.Colors[ImGuiCol_TableHeaderBg] = ImVec4(0.88f, 0.91f, 0.95f, 1.0f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

void init(App& app) {
    app.catalog = &default_catalog();
    std::string_view s = embedded("i18n/ui.json");
    app.strings = Json::parse(s.begin(), s.end(), nullptr, false);
    if (app.strings.is_discarded()) app.strings = Json::object();
    apply_style(app.scale);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Top bar
//-------------------------------------------------------------------------------------------------

static void top_bar(App& app) {
    ImGui::TextUnformatted(tr(app, "app.title"));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr(app, "app.subtitle"));
    const char* switch_label = tr(app, "lang.switch");
    float w = ImGui::CalcTextSize(switch_label).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - w);
    if (ImGui::Button(switch_label)) {
        app.lang = app.lang == Lang::zh ? Lang::en : Lang::zh;
        app.redraw = true;
    }
    ImGui::Separator();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Catalog view
//-------------------------------------------------------------------------------------------------

static void catalog_table(App& app, Profile profile) {
    const Catalog& c = *app.catalog;
    Lang lang = app.lang;
    for (const GroupDef& g : c.groups) {
        if (g.profile != profile) continue;
        ImGui::SeparatorText((g.name.get(lang) + "  " + g.clause).c_str());
        ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
        if (!ImGui::BeginTable(g.id.c_str(), 4, flags)) continue;
        ImGui::TableSetupColumn(tr(app, "col.indicator"), ImGuiTableColumnFlags_WidthStretch, 5.0f);
        ImGui::TableSetupColumn(tr(app, "col.target"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr(app, "col.scope"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr(app, "col.clause"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const IndicatorDef& d : c.indicators) {
            if (d.group != g.id) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", d.name.get(lang).c_str());
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
                ImGui::TextUnformatted(d.help.get(lang).c_str());
                ImGui::Separator();
                ImGui::TextDisabled("%s %s", tr(app, "policy.quote"), d.clause.c_str());
                ImGui::TextUnformatted(("“" + d.quote + "”").c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            IndicatorResult r;
            r.def = &d;
            r.target = d.kind == Kind::ratio_all ? Rational::of(100) : d.target;
            ImGui::TextUnformatted(display_target(c, r, lang).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tr(app, d.city_scope ? "scope.city" : "scope.unit"));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.clause.c_str());
        }
        ImGui::EndTable();
    }
}

static void catalog_view(App& app) {
    const Catalog& c = *app.catalog;
    ImGui::Text("%s: %s · %s (%s)", tr(app, "catalog.source"), c.source_issuer.get(app.lang).c_str(),
                c.source_title.get(app.lang).c_str(), c.source_date.c_str());
    if (ImGui::BeginTabBar("profiles")) {
        if (ImGui::BeginTabItem((std::string(tr(app, "profile.county")) + "###county").c_str())) {
            catalog_table(app, Profile::county);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem((std::string(tr(app, "profile.enterprise")) + "###enterprise").c_str())) {
            catalog_table(app, Profile::enterprise);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Frame
//-------------------------------------------------------------------------------------------------

void frame(App& app) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("qcity", nullptr, flags);
    top_bar(app);
    catalog_view(app);
    ImGui::End();
}

}  // namespace qcity::app
