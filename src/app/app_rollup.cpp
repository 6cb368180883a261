// qcity app — the city roll-up screen: the saved county assessments of one year combined into the
// city's evaluation (summed figures against the full city targets), with a county × indicator
// matrix to compare counties, which counties lack which figures, and the files to send on.
// Everything shown is computed by the core (rollup, rollup_matrix) when it changes (current_rollup,
// app_state.cpp); this file draws it.
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
        if (a.profile == Profile::county && !a.settings.city() && (year == 0 || a.year == year)) out.push_back((int)i);
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

// "达标", or "达标（暂定）" for a city status that may still change (the core marks it provisional
// while some of the catalog's units are not in the roll-up).
static std::string status_label(const App& app, const IndicatorResult& r) {
    std::string status = status_text(r.status).get(app.ws.lang);
    return r.provisional ? status + provisional_mark().get(app.ws.lang) : status;
}

// A cell: the value, then the status.
static void matrix_cell(const App& app, const Catalog& c, const IndicatorResult& r) {
    Lang lang = app.ws.lang;
    text_wrapped(r.has_value ? display_value(c, r, lang) : std::string("—"));  // long English units wrap
    text_wrapped(status_label(app, r), status_color(r.status));
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
    a11y::table(tr(app, "rollup.title"));  // a table to a screen reader too (read by cell)
    // Headers and the city row stay in view (sticky) while the counties scroll both ways; the unit
    // column too. The city row is drawn first, under the headers, so it is never scrolled away.
    ImGui::TableSetupScrollFreeze(1, 2);
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

    // The city: summed figures against the full targets.
    ImGui::TableNextRow();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
    ImGui::TableSetColumnIndex(0);
    text_line(tr(app, "rollup.city"));
    test_text("city_row", tr(app, "rollup.city"));
    for (size_t k = 0; k < m.city.size() && (int)k + 1 < cols; ++k) {
        if (!ImGui::TableSetColumnIndex((int)k + 1)) continue;
        matrix_cell(app, c, m.city[k]);
        if (test_hooks_on()) test_text(("city_" + m.indicators[k]->id).c_str(), status_label(app, m.city[k]));
    }

    // Counties, sorted by the chosen column (the city row stays first).
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
    std::vector<std::string> names;  // as shown (a county by its name in this language)
    for (const std::string& u : m.units) names.push_back(unit_name(app, u, lang));
    int sc = app.rollup_sort_column;
    if (sc >= 0) {
        stable_order(order, [&](size_t x, size_t y) {
            bool less = sc == 0 ? names[x] < names[y] : cell_less(m.cells[x][(size_t)sc - 1], m.cells[y][(size_t)sc - 1]);
            bool more = sc == 0 ? names[y] < names[x] : cell_less(m.cells[y][(size_t)sc - 1], m.cells[x][(size_t)sc - 1]);
            return app.rollup_sort_descending ? more : less;
        });
    }
    for (size_t i : order) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        text_wrapped(names[i]);
        if (test_hooks_on()) test_text(("row_" + m.units[i]).c_str(), names[i]);
        // Whether the county's file is what it submitted (定稿): unchanged, changed since, never frozen.
        if (i < m.submission.size()) {
            const SubmissionState st = (SubmissionState)m.submission[i];
            const std::string word = submission_state_text(st).get(lang);
            text_wrapped(word, st == SubmissionState::unchanged ? colors::met : st == SubmissionState::never ? colors::muted : colors::invalid);
            if (test_hooks_on()) test_text(("submission_" + m.units[i]).c_str(), word);
        }
        for (size_t k = 0; k < m.cells[i].size() && (int)k + 1 < cols; ++k) {
            if (!ImGui::TableSetColumnIndex((int)k + 1)) continue;
            matrix_cell(app, c, m.cells[i][k]);
        }
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

    text_line(tr(app, "rollup.title"));
    std::vector<int> all = county_items(app, 0);
    if (all.empty()) {
        text_wrapped(tr(app, "rollup.none"), colors::muted);
        return;
    }
    std::set<int> years;
    for (int i : all) years.insert(ws.items[(size_t)i].assessment.year);
    if (!years.count(app.rollup_year)) app.rollup_year = *years.rbegin();

    ImGui::AlignTextToFramePadding();
    text_line(tr(app, "rollup.year"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    if (begin_combo("##rollup_year", std::to_string(app.rollup_year).c_str(), 0, tr(app, "rollup.year"))) {
        for (int y : years)
            if (ImGui::Selectable(std::to_string(y).c_str(), y == app.rollup_year)) app.rollup_year = y;
        ImGui::EndCombo();
    }

    // Which counties: all of the year by default; any can be left out.
    std::vector<int> items = county_items(app, app.rollup_year);
    ImGui::SameLine();
    text_line(tr(app, "rollup.units"), colors::muted);
    std::vector<int> chosen;
    for (int i : items) {
        const Item& it = ws.items[(size_t)i];
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 7) ImGui::NewLine();
        bool on = !excluded(app, it.id);
        if (ImGui::Checkbox((unit_name(app, it.assessment.unit, lang) + "##use_" + it.id).c_str(), &on)) {
            if (on) app.rollup_excluded.erase(std::remove(app.rollup_excluded.begin(), app.rollup_excluded.end(), it.id), app.rollup_excluded.end());
            else app.rollup_excluded.push_back(it.id);
        }
        if (on) chosen.push_back(i);
    }
    if (chosen.empty()) return;

    // Computed when the counties chosen or their figures change, not every frame (app_state.cpp).
    const RollupCache& cached = current_rollup(app, chosen);
    if (!cached.ok) {
        for (const Problem& p : cached.problems) text_wrapped(std::string(tr(app, "rollup.failed")) + p.message.get(lang), colors::error_text);
        return;
    }
    const Rollup& r = cached.rollup;
    const RollupMatrix& m = cached.matrix;
    const Summary& s = m.city_evaluation.summary;
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
    if (ImGui::Button(lbl(app, "btn.matrix_csv", "matrix_csv").c_str()) && app.platform.download) {
        app.platform.download(base + "-matrix.csv", rollup_matrix_csv(c, m, lang));
        app.status_line = both([&](Lang l) { return trf_in(app, l, "export.done", {{"file", base + "-matrix.csv"}}); });
    }
    // The buttons flow onto the next line when they do not fit (320 px, zoom 200 %, large text).
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    auto button_w = [&](const char* key) { return text_width(tr(app, key)) + ImGui::GetStyle().FramePadding.x * 2.0f; };
    flow_same_line(button_w("btn.city_report"), right);
    if (ImGui::Button(lbl(app, "btn.city_report", "city_report").c_str()) && app.platform.download) {
        app.platform.download(base + "-report.html", city_report());
        app.status_line = both([&](Lang l) { return trf_in(app, l, "export.done", {{"file", base + "-report.html"}}); });
    }
    flow_same_line(button_w("btn.print_city_report"), right);
    if (ImGui::Button(lbl(app, "btn.print_city_report", "print_city_report").c_str()) && app.platform.print) {
        app.platform.print(city_report());
        app.status_line = both([&](Lang l) { return trf_in(app, l, "report.printing"); });
    }

    // How many units are in ("纳入 4/11 个县（市、区）") and the city's result; while some are missing,
    // what the provisional marks mean and which units the city waits for (the core's words).
    std::string counts = units_included_text(r.units_included(), r.units_expected).get(lang) + " · " +
                         trf(app, "rollup.summary", {{"met", std::to_string(s.met)}, {"not_met", std::to_string(s.not_met)},
                                                     {"missing", std::to_string(s.missing)}});
    text_wrapped(counts);
    test_text("rollup_counts", counts);
    if (r.partial()) {
        std::vector<std::string> absent;
        for (const UnitDef& u : c.units) {
            bool in = false;
            for (const std::string& name : r.units) in = in || c.unit_by_name(name) == &u;
            if (!in) absent.push_back(u.name.get(lang));
        }
        std::string note = provisional_note(r.units_included(), r.units_expected).get(lang);
        if (!absent.empty()) note += (lang == Lang::en ? " " : "") + trf(app, "rollup.absent_units", {{"names", join_names(absent, lang)}});
        text_wrapped(note, colors::invalid);
        test_text("rollup_provisional", note);
    }

    // Missing figures by county (county → the figures it lacks, in entry order).
    std::vector<std::pair<std::string, std::vector<std::string>>> by_unit;
    for (const std::string& u : r.units) {
        std::vector<std::string> keys;
        for (const std::string& k : c.entry_order(Profile::county)) {
            auto it = r.missing.find(k);
            if (it != r.missing.end() && std::find(it->second.begin(), it->second.end(), u) != it->second.end()) keys.push_back(k);
        }
        for (const auto& [k, units] : r.missing)  // keys the entry order does not know (none today)
            if (std::find(keys.begin(), keys.end(), k) == keys.end() && std::find(units.begin(), units.end(), u) != units.end()) keys.push_back(k);
        if (!keys.empty()) by_unit.emplace_back(u, std::move(keys));
    }

    float line = ImGui::GetTextLineHeightWithSpacing();
    float reserve = by_unit.empty() ? 0.0f : std::min(line * ((float)by_unit.size() * 1.5f + 2.0f), ImGui::GetContentRegionAvail().y / 3);
    matrix_table(app, c, m, reserve);

    if (!by_unit.empty()) {
        separator_text(tr(app, "rollup.missing"));
        ImGui::BeginChild("rollup_missing", ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, line * 3)), ImGuiChildFlags_None);
        for (const auto& [unit, keys] : by_unit) {
            std::vector<std::string> names;
            for (const std::string& k : keys) {
                const FigureDef* f = c.figure(k);
                names.push_back(f ? f->name.get(lang) : k);
            }
            ImGui::Bullet();
            std::string text = trn(app, "rollup.missing_unit", (int64_t)keys.size(), {{"unit", unit_name(app, unit, lang)}, {"names", join_names(names, lang)}});
            text_wrapped(text);
            if (test_hooks_on()) test_text(("missing_" + unit).c_str(), text);
        }
        ImGui::EndChild();
    }
}

}  // namespace qcity::app
