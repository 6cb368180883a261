// qcity app — the city roll-up screen: the saved county assessments of one year combined into the
// city's evaluation (summed figures against the full city targets), with a county × indicator
// matrix to compare counties, which counties lack which figures, and the files to send on.
// Everything shown is computed by the core (rollup, rollup_matrix); this file draws it.
//
// Index of this file
// [SECTION] Choosing the counties
// [SECTION] The matrix
// [SECTION] Screen

#include "app_internal.h"

#include "imgui.h"

#include <algorithm>
#include <set>

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Choosing the counties
//-------------------------------------------------------------------------------------------------

// County items (not a city roll-up saved as a file) of one year, in the order they were saved.
static std::vector<int> county_items(const App& app, int year) {
    std::vector<int> out;
    for (size_t i = 0; i < app.ws.items.size(); ++i) {
        const Assessment& a = app.ws.items[i].assessment;
        if (a.profile == Profile::county && json_string(a.settings, "scope") != "city" && (year == 0 || a.year == year)) out.push_back((int)i);
    }
    return out;
}

static bool excluded(const App& app, const std::string& id) {
    return std::find(app.rollup_excluded.begin(), app.rollup_excluded.end(), id) != app.rollup_excluded.end();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The matrix
//-------------------------------------------------------------------------------------------------

// Sort key of a cell: judged before unjudged, then by value.
static bool cell_less(const IndicatorResult& a, const IndicatorResult& b) {
    if (a.has_value != b.has_value) return a.has_value;
    if (!a.has_value) return false;
    return compare(a.value, b.value) < 0;
}

static void matrix_cell(const App& app, const Catalog& c, const IndicatorResult& r) {
    Lang lang = app.ws.lang;
    text_wrapped(r.has_value ? display_value(c, r, lang) : std::string("—"));  // long English units wrap
    ImGui::TextColored(status_color(r.status), "%s", status_text(r.status).get(lang).c_str());
}

// `reserve`: the height to leave below the table (the missing-figures list).
static void matrix_table(App& app, const Catalog& c, const RollupMatrix& m, float reserve) {
    Lang lang = app.ws.lang;
    float em = ImGui::GetFontSize();
    const int cols = 1 + (int)m.indicators.size();
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                            ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingFixedFit;
    // Rows are two or three lines (value, status); the table takes the room left, scrolling inside.
    float row_h = ImGui::GetTextLineHeightWithSpacing() * 3.0f + ImGui::GetStyle().CellPadding.y * 2;
    float want = row_h * (float)(m.units.size() + 1) + ImGui::GetTextLineHeightWithSpacing() * 4.0f;
    float height = std::min(want, std::max(ImGui::GetContentRegionAvail().y - reserve, em * 12));
    if (!ImGui::BeginTable("matrix", cols, flags, ImVec2(0, height))) return;
    // Headers stay in view (sticky) while the body scrolls both ways; the unit column too.
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(tr(app, "rollup.unit_col"), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoHide, em * 8.0f);
    for (const IndicatorDef* d : m.indicators)
        ImGui::TableSetupColumn((d->name.get(lang) + "###col_" + d->id).c_str(), ImGuiTableColumnFlags_WidthFixed, em * 8.5f);

    // Header row with wrapped names (a plain header would clip them), the full name on hover.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int col = 0; col < cols; ++col) {
        if (!ImGui::TableSetColumnIndex(col)) continue;
        const char* name = ImGui::TableGetColumnName(col);
        ImGui::PushID(col);
        ImGui::TableHeader(("##h" + std::to_string(col)).c_str());
        ImGui::SameLine(0, 0);
        std::string visible(name);
        if (size_t cut = visible.find("###"); cut != std::string::npos) visible.resize(cut);
        text_wrapped(visible, nullptr, ImGui::GetColumnWidth() - ImGui::GetStyle().CellPadding.x);
        ImGui::PopID();
    }

    // Counties, sorted by the chosen column (the city row stays last).
    std::vector<size_t> order(m.units.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsCount > 0) {
            app.rollup_sort_column = specs->Specs[0].ColumnIndex;
            app.rollup_sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        } else {
            app.rollup_sort_column = -1;
        }
        specs->SpecsDirty = false;
    }
    int sc = app.rollup_sort_column;
    if (sc >= 0) {
        std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
            bool less = sc == 0 ? m.units[x] < m.units[y] : cell_less(m.cells[x][(size_t)sc - 1], m.cells[y][(size_t)sc - 1]);
            bool more = sc == 0 ? m.units[y] < m.units[x] : cell_less(m.cells[y][(size_t)sc - 1], m.cells[x][(size_t)sc - 1]);
            return app.rollup_sort_descending ? more : less;
        });
    }
    for (size_t i : order) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(m.units[i].c_str());
        for (size_t k = 0; k < m.cells[i].size() && (int)k + 1 < cols; ++k) {
            if (!ImGui::TableSetColumnIndex((int)k + 1)) continue;
            matrix_cell(app, c, m.cells[i][k]);
        }
    }
    ImGui::TableNextRow();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(tr(app, "rollup.city"));
    for (size_t k = 0; k < m.city.size() && (int)k + 1 < cols; ++k) {
        if (!ImGui::TableSetColumnIndex((int)k + 1)) continue;
        matrix_cell(app, c, m.city[k]);
    }
    ImGui::EndTable();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Screen
//-------------------------------------------------------------------------------------------------

void rollup_screen(App& app) {
    Workspace& ws = app.ws;
    const Catalog& c = *ws.catalog;
    Lang lang = ws.lang;

    ImGui::TextUnformatted(tr(app, "rollup.title"));
    std::vector<int> all = county_items(app, 0);
    if (all.empty()) {
        text_wrapped(tr(app, "rollup.none"), colors::muted);
        return;
    }
    std::set<int> years;
    for (int i : all) years.insert(ws.items[(size_t)i].assessment.year);
    if (!years.count(app.rollup_year)) app.rollup_year = *years.rbegin();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(app, "rollup.year"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    if (begin_combo("##rollup_year", std::to_string(app.rollup_year).c_str())) {
        for (int y : years)
            if (ImGui::Selectable(std::to_string(y).c_str(), y == app.rollup_year)) app.rollup_year = y;
        ImGui::EndCombo();
    }

    // Which counties: all of the year by default; any can be left out.
    std::vector<int> items = county_items(app, app.rollup_year);
    ImGui::SameLine();
    ImGui::TextColored(colors::muted, "%s", tr(app, "rollup.units"));
    std::vector<Assessment> chosen;
    for (int i : items) {
        const Item& it = ws.items[(size_t)i];
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 7) ImGui::NewLine();
        bool on = !excluded(app, it.id);
        if (ImGui::Checkbox((it.assessment.unit + "##use_" + it.id).c_str(), &on)) {
            if (on) app.rollup_excluded.erase(std::remove(app.rollup_excluded.begin(), app.rollup_excluded.end(), it.id), app.rollup_excluded.end());
            else app.rollup_excluded.push_back(it.id);
        }
        if (on) chosen.push_back(it.assessment);
    }
    if (chosen.empty()) return;

    Rollup r;
    std::vector<Problem> problems;
    if (!rollup(c, chosen, r, problems)) {
        for (const Problem& p : problems) text_wrapped(std::string(tr(app, "rollup.failed")) + p.message.get(lang), colors::error_text);
        return;
    }
    RollupMatrix m = rollup_matrix(c, chosen, r);
    const Summary& s = m.city_evaluation.summary;
    ImGui::TextUnformatted(trf(app, "rollup.summary", {{"met", std::to_string(s.met)}, {"not_met", std::to_string(s.not_met)},
                                                       {"missing", std::to_string(s.missing)}}).c_str());

    // Files for the city office: the matrix for Excel, the city report.
    auto city_report = [&]() {
        ReportInput in;
        in.catalog = &c;
        in.assessment = &r.city;
        in.evaluation = &m.city_evaluation;
        in.matrix = &m;
        in.rollup = &r;
        in.lang = lang;
        in.exported = today_text(app);
        return report_html(in);
    };
    std::string base = "qcity-" + std::string(tr(app, "rollup.city")) + "-" + std::to_string(app.rollup_year);
    ImGui::SameLine();
    if (ImGui::Button(lbl(app, "btn.matrix_csv", "matrix_csv").c_str()) && app.platform.download) {
        app.platform.download(base + "-matrix.csv", rollup_matrix_csv(c, m, lang));
        app.status_line = trf(app, "export.done", {{"file", base + "-matrix.csv"}});
    }
    ImGui::SameLine();
    if (ImGui::Button(lbl(app, "btn.city_report", "city_report").c_str()) && app.platform.download) {
        app.platform.download(base + "-report.html", city_report());
        app.status_line = trf(app, "export.done", {{"file", base + "-report.html"}});
    }
    ImGui::SameLine();
    if (ImGui::Button(lbl(app, "btn.print_city_report", "print_city_report").c_str()) && app.platform.print) {
        app.platform.print(city_report());
        app.status_line = tr(app, "report.printing");
    }

    float line = ImGui::GetTextLineHeightWithSpacing();
    float reserve = r.missing.empty() ? 0.0f : std::min(line * (float)(r.missing.size() + 2), ImGui::GetContentRegionAvail().y / 3);
    matrix_table(app, c, m, reserve);

    if (!r.missing.empty()) {
        ImGui::SeparatorText(tr(app, "rollup.missing"));
        ImGui::PushTextWrapPos(0);
        for (const auto& [key, units] : r.missing) {
            const FigureDef* f = c.figure(key);
            std::string us;
            for (const std::string& u : units) us += (us.empty() ? "" : (lang == Lang::en ? ", " : "、")) + u;
            ImGui::BulletText("%s%s%s", (f ? f->name.get(lang) : key).c_str(), lang == Lang::en ? ": " : "：", us.c_str());
        }
        ImGui::PopTextWrapPos();
    }
}

}  // namespace qcity::app
