// qcity app — the city roll-up screen: the saved county assessments of one year combined into the
// city's evaluation (summed figures against the full city targets), with a county × indicator
// matrix to compare counties, which counties lack which figures, the county comparison (a league
// table, best first, and each indicator's ranking with min / median / max) and the files to send on.
// Everything shown is computed by the core (rollup, rollup_matrix, league) when it changes
// (current_rollup, app_state.cpp); this file draws it.
//
// Index of this file
// [SECTION] Choosing the counties
// [SECTION] The matrix
// [SECTION] The county comparison: the league table and each indicator's ranking (issue 16)
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
// [SECTION] The county comparison: the league table and each indicator's ranking (issue 16)
//-------------------------------------------------------------------------------------------------

static std::string percent_text(const Rational& share) {
    return format_rational(Rational::of(share.num * 100, share.den), 1, Round::down) + " %";
}

// Rank | county | met | not met | missing | completeness, best first (the core's order). Side by
// side a table for the mirror too; in a narrow window each county stacks on two lines.
static void league_table(App& app, const League& l) {
    Lang lang = app.ws.lang;
    const float em = ImGui::GetFontSize();
    const float pad_em = ImGui::GetStyle().CellPadding.x * 2.0f / em;
    const bool stacked = stack_rows(app, 3.0f + 4.5f * 3.0f + 6.0f + 6.0f * pad_em, 1);
    const char* colon = lang == Lang::en ? ": " : "：";
    if (!ImGui::BeginTable("league", stacked ? 1 : 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX))
        return;
    if (!stacked) a11y::table(tr(app, "league.table"));  // stacked: a list of texts
    if (stacked) {
        ImGui::TableSetupColumn(tr(app, "league.county"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    } else {
        ImGui::TableSetupColumn(tr(app, "league.rank"), ImGuiTableColumnFlags_WidthFixed, em * 3.0f);
        ImGui::TableSetupColumn(tr(app, "league.county"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr(app, "league.met"), ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
        ImGui::TableSetupColumn(tr(app, "league.not_met"), ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
        ImGui::TableSetupColumn(tr(app, "league.missing"), ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
        ImGui::TableSetupColumn(tr(app, "league.completeness"), ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
        ImGui::TableHeadersRow();
    }
    int rank = 0;
    for (const LeagueRow& r : l.rows) {
        ++rank;
        ImGui::PushID(rank);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string name = unit_name(app, r.unit, lang);
        if (test_hooks_on()) test_text(("league_" + std::to_string(rank)).c_str(), r.unit);
        if (stacked) {
            text_wrapped(std::to_string(rank) + ". " + name);
            text_wrapped(std::string(tr(app, "league.met")) + colon + std::to_string(r.met) + " · " + tr(app, "league.not_met") + colon +
                             std::to_string(r.not_met) + " · " + tr(app, "league.missing") + colon + std::to_string(r.missing) + " · " +
                             tr(app, "league.completeness") + colon + percent_text(r.completeness),
                         colors::muted);
        } else {
            text_line(std::to_string(rank));
            ImGui::TableNextColumn();
            text_wrapped(name);
            ImGui::TableNextColumn();
            text_line(std::to_string(r.met), colors::met);
            ImGui::TableNextColumn();
            text_line(std::to_string(r.not_met), r.not_met ? colors::not_met : colors::muted);
            ImGui::TableNextColumn();
            text_line(std::to_string(r.missing), colors::missing);
            ImGui::TableNextColumn();
            text_line(percent_text(r.completeness));
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// Per indicator a section that opens: min / median / max (numbers) and the counties best first.
static void rankings(App& app, const Catalog& c, const RollupMatrix& m, const League& l) {
    Lang lang = app.ws.lang;
    for (size_t k = 0; k < l.indicators.size() && k < m.indicators.size(); ++k) {
        const IndicatorRanking& ir = l.indicators[k];
        const IndicatorDef& d = *m.indicators[k];
        ImGui::PushID(d.id.c_str());
        // A tree node's title does not wrap: the name is its label while it fits; in a narrow window
        // (320 px, zoom 200 %) the node is its arrow and the name wraps beside it.
        const std::string& name = d.name.get(lang);
        const bool fits = tree_node_width(name) <= ImGui::GetContentRegionAvail().x;
        const bool open = ImGui::TreeNode(((fits ? name : std::string()) + "###rank_" + d.id).c_str());
        a11y::describe_last({a11y::Role::button, name, {}, {}, uint16_t(open ? a11y::expanded : 0)});
        if (!fits) {
            ImGui::SameLine();
            text_wrapped(name);
        }
        if (open) {
            if (ir.ranked.empty()) {
                text_wrapped(tr(app, "league.not_ranked"), colors::muted);
            } else {
                if (ir.numeric) {
                    auto stat = [&](const Rational& v) {
                        IndicatorResult r = m.cells[ir.ranked.front()][k];
                        r.value = v;  // shown as a value is
                        return display_value(c, r, lang);
                    };
                    const std::string mm = trf(app, "league.minmax", {{"min", stat(ir.min)}, {"median", stat(ir.median)}, {"max", stat(ir.max)}});
                    text_wrapped(mm, colors::muted);
                    if (test_hooks_on()) test_text(("minmax_" + d.id).c_str(), mm);
                }
                int n = 0;
                for (size_t i : ir.ranked) {
                    const IndicatorResult& r = m.cells[i][k];
                    text_wrapped(std::to_string(++n) + ". " + unit_name(app, m.units[i], lang) + "  " + display_value(c, r, lang) + "  " +
                                     status_text(r.status).get(lang),
                                 status_color(r.status));
                }
            }
            if (!ir.without.empty()) {
                std::vector<std::string> names;
                for (size_t i : ir.without) names.push_back(unit_name(app, m.units[i], lang));
                text_wrapped(trf(app, "league.without", {{"names", join_names(names, lang)}}), colors::muted);
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
}

static void comparison_tab(App& app, const Catalog& c, const RollupMatrix& m, const League& l, const std::string& base) {
    Lang lang = app.ws.lang;
    text_wrapped(tr(app, "league.hint"), colors::muted);
    if (ImGui::Button(lbl(app, "league.csv", "league_csv").c_str()) && app.platform.download) {
        const std::string file = base + "-league.csv";
        app.platform.download(file, league_csv(c, l, lang));
        app.status_line = both([&](Lang lg) { return trf_in(app, lg, "export.done", {{"file", file}}); });
    }
    league_table(app, l);
    separator_text(tr(app, "league.rankings"));
    rankings(app, c, m, l);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Screen
//-------------------------------------------------------------------------------------------------

static void matrix_view(App& app, const Catalog& c, const Rollup& r, const RollupMatrix& m);

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
    auto city_report = [&]() { return report_html(city_report_input(c, r, m, &cached.league, lang, today_text(app))); };
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

    // Two views of the same counties: the matrix (and who lacks what), and the county comparison.
    if (!ImGui::BeginTabBar("rollup_tabs")) return;
    if (ImGui::BeginTabItem(lbl(app, "rollup.tab_matrix", "tab_matrix").c_str())) {
        matrix_view(app, c, r, m);
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(lbl(app, "league.title", "tab_league").c_str())) {
        const bool own_scroll = begin_scroll_area("league_scroll");
        comparison_tab(app, c, m, cached.league, base);
        end_scroll_area(own_scroll);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

// The matrix, then the counties' missing figures under it.
static void matrix_view(App& app, const Catalog& c, const Rollup& r, const RollupMatrix& m) {
    Lang lang = app.ws.lang;
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
