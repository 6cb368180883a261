// qcity app — over the years (issue 16) on the entry, results and readiness screens: a figure that
// moved unusually since the unit's last saved year ("请核实", with its 确认无误 dialog), the trend
// chart of an indicator over the saved years, and an enterprise's self-score per category per year.
// What they mean is the core's (trend.cpp); what is compared is worked out on change in
// app_state.cpp (current_years), never per frame. The county comparison is in app_rollup.cpp.
//
// Index of this file
// [SECTION] Unusual changes: the warning under a field, the confirm dialog, the results' list
// [SECTION] Trend chart of an indicator (results screen)
// [SECTION] Self-score over the years (readiness screen)

#include "app_internal.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <cmath>

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Unusual changes: the warning under a field, the confirm dialog, the results' list
//-------------------------------------------------------------------------------------------------
// A warning, never an error: the warning colour AND the words "请核实" (colour is never alone). A
// confirmed one says so quietly with its note; a new value warns again (the core compares the value
// confirmed with the value held).

void confirm_unusual(App& app, const std::string& key, const std::string& note) {
    if (!app.ws.confirm_figure(key, note, now(app))) return;
    const FigureDef* f = app.ws.catalog->figure(key);
    app.status_line = both([&](Lang l) { return trf_in(app, l, "unusual.done", {{"name", f ? f->name.get(l) : key}}); });
    mark_changed(app);
}

void unusual_under_field(App& app, const FigureDef& f) {
    const UnusualChange* u = current_years(app).unusual_of(f.key);
    if (!u) return;
    Lang lang = app.ws.lang;
    if (u->confirmed) {
        const std::string s = trf(app, "unusual.confirmed", {{"note", u->note.empty() ? std::string(tr(app, "unusual.no_note")) : u->note}});
        text_wrapped(s, colors::muted);
        if (test_hooks_on()) test_text(("unusual_confirmed_" + f.key).c_str(), s);
        return;
    }
    const std::string s = std::string(tr(app, "unusual.check")) + u->message.get(lang);
    text_wrapped(s, colors::invalid);
    if (test_hooks_on()) test_text(("unusual_" + f.key).c_str(), s);
    if (ImGui::Button(lbl(app, "unusual.confirm", ("confirm_" + f.key).c_str()).c_str())) {
        app.confirm_figure = f.key;
        app.confirm_note.clear();
        app.open_confirm = true;
    }
    // The button is the same words on every warning: the mirror names it by its figure.
    a11y::describe_last({a11y::Role::button, trf(app, "unusual.confirm_a11y", {{"name", f.name.get(lang)}}), {}, {}, 0});
}

// A note, then Confirm or Cancel. Enter in the note confirms; Escape cancels.
void confirm_dialog(App& app) {
    Workspace& ws = app.ws;
    Lang lang = ws.lang;
    // (Looked up only with a figure to confirm: the dialogs are drawn only once one is asked for or
    // open (app.cpp, frame()), but a first visit draws without the catalog until it loads:
    // Workspace::catalog.)
    const FigureDef* f = app.confirm_figure.empty() ? nullptr : ws.catalog->figure(app.confirm_figure);
    if (app.open_confirm) {
        ImGui::OpenPopup("###confirm_dialog");
        app.open_confirm = false;
    }
    const std::string title = (f ? trf(app, "unusual.title", {{"name", f->name.get(lang)}}) : std::string(tr(app, "unusual.confirm"))) +
                              "###confirm_dialog";
    if (!begin_dialog(title.c_str())) return;
    const UnusualChange* u = current_years(app).unusual_of(app.confirm_figure);
    if (!ws.open_item() || !f || !u) {  // closed meanwhile (deleted in another tab, the value changed back)
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const float wrap = dialog_wrap();
    text_wrapped(u->message.get(lang), colors::invalid, wrap);
    text_line(tr(app, "unusual.note"));
    ImGui::SetNextItemWidth(wrap);
    // Not EnterReturnsTrue: with it the text reaches the string only on Enter, and a click on 确认
    // would confirm an empty note. Enter ends the edit (the field is let go in that frame).
    ImGui::InputTextWithHint("##confirm_note", tr(app, "unusual.note_hint"), &app.confirm_note);
    const bool entered = ImGui::IsItemDeactivated() && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter));
    a11y::describe_last({a11y::Role::textbox, tr(app, "unusual.note"), app.confirm_note, tr(app, "unusual.note_hint"), 0});
    ImGui::Spacing();
    const std::string ok = lbl(app, "unusual.ok", "confirm_ok"), cancel = lbl(app, "btn.cancel", "confirm_cancel");
    bool confirm = ImGui::Button(ok.c_str()) || entered;
    dialog_same_line(cancel);
    bool close = ImGui::Button(cancel.c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape);
    if (confirm) {
        const std::string key = app.confirm_figure, note = app.confirm_note;
        confirm_unusual(app, key, note);
        close = true;
    }
    if (close) {
        app.confirm_figure.clear();
        app.confirm_note.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The results screen: the warnings not confirmed yet, each a link to its field on the entry screen.
void unusual_list(App& app) {
    const YearsCache& y = current_years(app);
    if (y.unconfirmed == 0) return;
    Lang lang = app.ws.lang;
    text_wrapped(trn(app, "unusual.count", (int64_t)y.unconfirmed, {{"year", std::to_string(y.previous_year)}}), colors::invalid);
    if (test_hooks_on()) test_text("unusual_count", std::to_string(y.unconfirmed));
    for (const UnusualChange& u : y.unusual) {
        if (u.confirmed) continue;
        ImGui::PushID(u.key.c_str());
        // The message wraps (a link is one line); the short link after it goes to the field.
        text_wrapped(std::string(tr(app, "unusual.check")) + u.message.get(lang), colors::invalid);
        if (link_button(app, std::string(tr(app, "unusual.jump")) + "###unusual_link_" + u.key, colors::info))
            jump_to_next_field(app, {u.key});
        a11y::describe_last({a11y::Role::button, std::string(tr(app, "unusual.jump")) + (lang == Lang::en ? ": " : "：") + u.def->name.get(lang), {}, {}, 0});
        ImGui::PopID();
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Trend chart of an indicator (results screen)
//-------------------------------------------------------------------------------------------------

static const ImVec4& direction_color(TrendDirection d) {
    return d == TrendDirection::improving ? colors::met : d == TrendDirection::worsening ? colors::not_met : colors::muted;
}

// A point's height: the value for numbers; for yes/no and ratings the status (met high, not low).
static std::optional<double> point_value(const TrendPoint& p) {
    const IndicatorResult& r = p.result;
    if (!r.has_value) return std::nullopt;
    const Kind k = r.def ? r.def->kind : Kind::info;
    if (k == Kind::flag || k == Kind::rating) {
        if (r.status == Status::met) return 1.0;
        if (r.status == Status::not_met) return 0.0;
        return std::nullopt;
    }
    if (k == Kind::info) return std::nullopt;
    return r.value.to_double();
}

// "2021 120 · 2022 130 · 2023 1300": the years' values, the chart's words.
static std::string series_text(const App& app, const IndicatorTrend& t, Lang lang) {
    std::string s;
    for (const TrendPoint& p : t.series) {
        if (!s.empty()) s += " · ";
        s += std::to_string(p.year) + (lang == Lang::en ? ": " : "：") +
             (p.result.has_value ? display_value(*app.ws.catalog, p.result, lang) : status_text(p.result.status).get(lang));
    }
    return s;
}

// A line through the years' values, each point in its status colour (a ring for a year without a
// value), the direction in words beside it, and the values as text under it (the mirror reads both).
void trend_cell(App& app, const std::string& indicator, float width) {
    const IndicatorTrend* t = current_years(app).trend_of(indicator);
    if (!t || t->series.size() < 2) return;
    Lang lang = app.ws.lang;
    const float em = ImGui::GetFontSize();
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const std::string word = std::string(tr(app, "trend.label")) + trend_direction_text(t->direction).get(lang);
    const float chart_w = std::max(em * 3.0f, std::min(width, right - ImGui::GetCursorScreenPos().x));
    const float h = em * 1.6f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(chart_w, h));
    const ImRect bb(p, ImVec2(p.x + chart_w, p.y + h));
    if (ImGui::IsItemVisible()) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(bb.Min, bb.Max, IM_COL32(240, 242, 245, 255), 2.0f);
        double lo = 0, hi = 0;
        bool any = false;
        for (const TrendPoint& tp : t->series)
            if (auto v = point_value(tp)) {
                lo = any ? std::min(lo, *v) : *v;
                hi = any ? std::max(hi, *v) : *v;
                any = true;
            }
        if (hi - lo < 1e-9) { lo -= 1.0; hi += 1.0; }
        const float pad = em * 0.35f;
        const size_t n = t->series.size();
        auto at = [&](size_t i, double v) {
            float x = bb.Min.x + pad + (chart_w - 2 * pad) * (n > 1 ? (float)i / (float)(n - 1) : 0.5f);
            float y = bb.Max.y - pad - (h - 2 * pad) * (float)((v - lo) / (hi - lo));
            return ImVec2(x, y);
        };
        std::optional<ImVec2> last;
        for (size_t i = 0; i < n; ++i) {
            auto v = point_value(t->series[i]);
            if (!v) continue;
            ImVec2 q = at(i, *v);
            if (last) dl->AddLine(*last, q, ImGui::GetColorU32(colors::muted), 1.5f * app.scale);
            last = q;
        }
        for (size_t i = 0; i < n; ++i) {
            const TrendPoint& tp = t->series[i];
            auto v = point_value(tp);
            ImU32 col = ImGui::GetColorU32(status_color(tp.result.status));
            if (v) dl->AddCircleFilled(at(i, *v), em * 0.22f, col);
            else dl->AddCircle(at(i, (lo + hi) * 0.5), em * 0.22f, col, 0, 1.5f * app.scale);
        }
    }
    report_item("trend###trend_chart_" + indicator, bb);
    flow_same_line(text_width(word), right);
    text_line(word, direction_color(t->direction));
    const std::string values = series_text(app, *t, lang);
    text_wrapped(values, colors::muted);
    if (test_hooks_on()) test_text(("trend_" + indicator).c_str(), word + " | " + values);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Self-score over the years (readiness screen)
//-------------------------------------------------------------------------------------------------
// Grouped bars: per category, a bar per year (share of the category's points, so categories of
// different size compare), the years told apart by shade and by a legend; the numbers as a table.

static ImU32 year_color(size_t i, size_t n) {
    // From light to dark blue: the latest year darkest (and every shade ≥ 3:1 on the window's background).
    const float t = n > 1 ? (float)i / (float)(n - 1) : 1.0f;
    return ImGui::GetColorU32(ImVec4(0.35f - 0.25f * t, 0.50f - 0.25f * t, 0.80f - 0.20f * t, 1.0f));
}

void readiness_years(App& app) {
    const YearsCache& y = current_years(app);
    if (!y.has_trend) return;
    std::vector<const ReadinessYear*> years;
    for (const ReadinessYear& ry : y.trend.readiness)
        if (ry.score.model && ry.score.scored > 0) years.push_back(&ry);
    if (years.size() < 2) return;
    Lang lang = app.ws.lang;
    const float em = ImGui::GetFontSize();
    const ScoreModel& m = *years.back()->score.model;
    separator_text(tr(app, "score.years_title"));
    text_wrapped(tr(app, "score.years_note"), colors::muted);
    // Legend: a swatch and the year (the shade is never alone: the table below has the numbers).
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < years.size(); ++i) {
        const std::string label = std::to_string(years[i]->year);
        if (i > 0) flow_same_line(em * 1.2f + text_width(label), right, em);
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(em * 0.9f, ImGui::GetTextLineHeight()));
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + em * 0.15f), ImVec2(p.x + em * 0.8f, p.y + em * 0.95f), year_color(i, years.size()));
        ImGui::SameLine(0, em * 0.3f);
        text_line(label);
    }
    // The chart: one group per category.
    const size_t cats = m.categories.size();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float h = em * 6.0f, label_h = ImGui::GetTextLineHeightWithSpacing();
    ImVec2 p = ImGui::GetCursorScreenPos();
    const float group_w = cats ? avail / (float)cats : avail;
    ImGui::Dummy(ImVec2(avail, h + label_h));
    const ImRect bb(p, ImVec2(p.x + avail, p.y + h + label_h));
    if (ImGui::IsItemVisible()) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddLine(ImVec2(p.x, p.y + h), ImVec2(p.x + avail, p.y + h), ImGui::GetColorU32(colors::muted), 1.0f * app.scale);
        for (size_t c = 0; c < cats; ++c) {
            const float gx = p.x + group_w * (float)c + group_w * 0.1f;
            const float bar_w = group_w * 0.8f / (float)years.size();
            // The track: the category's full points (the height a bar would have at 100 %).
            dl->AddRectFilled(ImVec2(gx, p.y), ImVec2(gx + group_w * 0.8f, p.y + h), IM_COL32(225, 228, 232, 255), 2.0f);
            for (size_t i = 0; i < years.size(); ++i) {
                const SelfScore& s = years[i]->score;
                if (c >= s.categories.size() || !s.categories[c].def || s.categories[c].def->points <= 0) continue;
                const float share = (float)std::clamp(s.categories[c].earned.to_double() / s.categories[c].def->points, 0.0, 1.0);
                const float x = gx + bar_w * (float)i;
                dl->AddRectFilled(ImVec2(x + 1, p.y + h - (h - 2) * share), ImVec2(x + bar_w - 1, p.y + h), year_color(i, years.size()));
            }
            const std::string& id = m.categories[c].id;
            const float tw = text_width(id);
            dl->AddText(ImVec2(p.x + group_w * (float)c + (group_w - tw) * 0.5f, p.y + h + 2), ImGui::GetColorU32(colors::muted), id.c_str());
        }
    }
    report_item("chart###readiness_years", bb);
    if (test_hooks_on()) {
        std::string totals;
        for (const ReadinessYear* ry : years) totals += (totals.empty() ? "" : " · ") + std::to_string(ry->year) + ": " + format_points(ry->score.total);
        test_text("readiness_years_total", totals);
    }
    // The numbers: category × year (points earned), stacked one year per line in a narrow window.
    const bool stacked = stack_rows(app, 4.0f * (float)years.size(), 1);
    if (ImGui::BeginTable("readiness_years", stacked ? 1 : 1 + (int)years.size(),
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX)) {
        a11y::table(tr(app, "score.years_title"));
        ImGui::TableSetupColumn(tr(app, "score.category"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        if (!stacked)
            for (const ReadinessYear* ry : years) ImGui::TableSetupColumn(std::to_string(ry->year).c_str(), ImGuiTableColumnFlags_WidthFixed, em * 4.0f);
        if (!stacked) ImGui::TableHeadersRow();
        for (size_t c = 0; c <= cats; ++c) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool total = c == cats;
            text_wrapped(total ? std::string(tr(app, "score.total_row")) : m.categories[c].id + " " + m.categories[c].name.get(lang));
            std::string line;
            for (const ReadinessYear* ry : years) {
                const SelfScore& s = ry->score;
                std::string v = total ? format_points(s.total)
                                      : (c < s.categories.size() && s.categories[c].scored > 0 ? format_points(s.categories[c].earned) : "—");
                if (stacked) line += (line.empty() ? "" : " · ") + std::to_string(ry->year) + (lang == Lang::en ? ": " : "：") + v;
                else {
                    ImGui::TableNextColumn();
                    text_line(v);
                }
            }
            if (stacked) text_wrapped(line, colors::muted);
        }
        ImGui::EndTable();
    }
}

}  // namespace qcity::app
