// qcity app — the award-readiness screen of an enterprise assessment: may we apply (each award's
// gates on the enterprise's figures), how would we score (GB/T 19580 self-score), where do we lose
// the most points. Everything shown is computed by the core (evaluate_readiness); this file draws
// it and writes what the person changes into the workspace.
//
// Index of this file
// [SECTION] Colours and small widgets
// [SECTION] Overview tab
// [SECTION] Eligibility tab
// [SECTION] Self-score tab
// [SECTION] Screen

#include "app_internal.h"

#include "imgui.h"
#include "imgui_internal.h"  // GetActiveID: leave a field alone while it is being typed in
#include "imgui_stdlib.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace qcity::app {

const ReadinessResult& current_readiness(App& app) {
    if (!app.readiness_valid) {
        const Item* it = app.ws.open_item();
        app.readiness = (it && it->assessment.profile == Profile::enterprise)
                            ? evaluate_readiness(builtin_readiness(), *app.ws.catalog, it->assessment)
                            : ReadinessResult{};
        app.readiness_valid = true;
        ++app.work.readiness;
    }
    return app.readiness;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Colours and small widgets
//-------------------------------------------------------------------------------------------------

static ImVec4 gate_color(GateStatus s) {
    switch (s) {
        case GateStatus::passed: return colors::met;
        case GateStatus::failed: return colors::not_met;
        case GateStatus::invalid: return colors::invalid;
        case GateStatus::waived:
        case GateStatus::not_applicable: return colors::info;
        default: return colors::missing;
    }
}

static ImVec4 award_color(AwardStatus s) {
    switch (s) {
        case AwardStatus::eligible: return colors::met;
        case AwardStatus::not_eligible: return colors::not_met;
        default: return colors::missing;
    }
}

static std::string band_label(const ScoreBand& b) {
    return b.min == b.max ? std::to_string(b.min) + "%" : std::to_string(b.min) + "–" + std::to_string(b.max) + "%";
}

// A horizontal bar: `frac` of `width` filled, an optional tick (the reference line) at `tick`.
static void bar(const App& app, float width, double frac, const ImVec4& color, double tick = -1.0) {
    float h = ImGui::GetFontSize() * 0.9f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    p.y += (ImGui::GetTextLineHeight() - h) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), IM_COL32(225, 228, 232, 255), 2.0f);
    float fx = (float)std::clamp(frac, 0.0, 1.0) * width;
    if (fx > 0) dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.15f), ImVec2(p.x + fx, p.y + h * 0.85f), ImGui::GetColorU32(color), 2.0f);
    if (tick >= 0) {
        float tx = (float)std::clamp(tick, 0.0, 1.0) * width;
        dl->AddLine(ImVec2(p.x + tx, p.y - 3), ImVec2(p.x + tx, p.y + h + 3), ImGui::GetColorU32(colors::reference), 2.0f * app.scale);
    }
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

// The (?) marker on a gate, after its name (`end`, from text_wrapped) inside its cell (`right`):
// the rule as published, where it comes from.
static void gate_help(const App& app, const AwardDef& award, const GateDef& g, ImVec2 end, float right) {
    if (!marker_after(end, right, "(?)", test_hooks_on() ? "(?)###help_" + award.id + "_" + g.id : std::string())) return;
    if (!ImGui::BeginItemTooltip()) return;
    Lang lang = app.ws.lang;
    tooltip_text(g.rule_text.get(lang));
    if (const SourceDef* s = award.source(g.source)) {
        ImGui::Separator();
        tooltip_text(trf(app, "ready.from", {{"source", s->title.get(lang)}, {"clause", g.clause}}));
    }
    ImGui::EndTooltip();
}

// The reference line, typed as text: a bad entry stays in the field with a message, unsaved.
static void reference_field(App& app, const SelfScore& s) {
    Workspace& ws = app.ws;
    const Item* it = ws.open_item();
    const int max = s.model ? s.model->total : 1000;
    ImGuiID id = ImGui::GetID("##score_reference");
    bool editing = ImGui::GetActiveID() == id;
    if (!editing && !app.reference_bad) app.reference_text = s.has_reference ? format_points(s.reference) : "";
    ImGui::AlignTextToFramePadding();
    text_line(tr(app, "score.reference"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    bool reference_changed = ImGui::InputTextWithHint("##score_reference", tr(app, "score.reference_hint"), &app.reference_text);
    a11y::describe_last({a11y::Role::textbox, tr(app, "score.reference"), app.reference_text, tr(app, "score.reference_hint"),
                         uint16_t(app.reference_bad ? a11y::invalid : 0)});
    if (reference_changed) {
        std::string t = app.reference_text;
        size_t b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
        t = b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
        char* end = nullptr;
        long v = t.empty() ? 0 : std::strtol(t.c_str(), &end, 10);
        if (t.empty()) {
            app.reference_bad = false;
            ws.set_score_reference(std::nullopt, now(app));
            mark_changed(app);
        } else if (end && *end == '\0' && v >= 0 && v <= max) {
            app.reference_bad = false;
            ws.set_score_reference((int)v, now(app));
            mark_changed(app);
        } else {
            app.reference_bad = true;
        }
    }
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
        tooltip_text(tr(app, "score.reference_tip"));
        ImGui::EndTooltip();
    }
    // What the line means, beside the field while it fits there (or wraps in at least 10 em), else
    // under it: never squeezed into a sliver of a narrow window (320 px).
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    auto said = [&](const std::string& text, const ImVec4& color) {
        flow_same_line(text_width(text), right, -1.0f, ImGui::GetFontSize() * 10.0f);
        text_wrapped(text, color);
    };
    if (app.reference_bad) {
        said(trf(app, "score.reference_bad", {{"max", std::to_string(max)}}), colors::error_text);
    } else if (s.has_reference) {
        if (s.reference_gap.num > 0)
            said(trn(app, "score.reference_gap", format_points(s.reference_gap), {{"gap", format_points(s.reference_gap)}}), colors::not_met);
        else said(tr(app, "score.reference_met"), colors::met);
    } else {
        said(tr(app, "score.reference_tip"), colors::muted);
    }
    (void)it;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Overview tab
//-------------------------------------------------------------------------------------------------

static void score_chart(App& app, const SelfScore& s) {
    Lang lang = app.ws.lang;
    float em = ImGui::GetFontSize();
    separator_text(tr(app, "score.chart"));
    // Side by side: category | bar | points; stacked in a narrow window (the name, then the bar as
    // wide as the window allows, then the points).
    const bool stacked = stack_rows(app, 12.0f + 16.0f, 1);
    if (!ImGui::BeginTable("score_chart", stacked ? 1 : 3, ImGuiTableFlags_SizingFixedFit)) return;
    if (!stacked) a11y::table(tr(app, "score.chart"));  // a table to a screen reader too (read by cell); stacked, a list of texts
    if (stacked) {
        ImGui::TableSetupColumn("##name", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    } else {
        ImGui::TableSetupColumn("##name", ImGuiTableColumnFlags_WidthFixed, em * 12.0f);
        ImGui::TableSetupColumn("##bar", ImGuiTableColumnFlags_WidthFixed, em * 16.0f);
        ImGui::TableSetupColumn("##pts", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    auto bar_width = [&]() { return std::min(em * 15.5f, ImGui::GetContentRegionAvail().x); };
    for (const CategoryScore& c : s.categories) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text_wrapped(c.def->id + " " + c.def->name.get(lang));
        if (!stacked) ImGui::TableNextColumn();
        bar(app, bar_width(), c.earned.to_double() / c.def->points, colors::info);
        if (!stacked) ImGui::TableNextColumn();
        text_wrapped(trn(app, "score.points_of", c.def->points, {{"earned", format_points(c.earned)}, {"points", std::to_string(c.def->points)}}) +
                     "  (" + std::to_string(c.scored) + "/" + std::to_string(c.def->items.size()) + ")");
    }
    // The total against the model's total, with the reference line as a tick.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_line(lang == Lang::en ? "Total" : "合计");
    if (!stacked) ImGui::TableNextColumn();
    double total = s.model ? s.model->total : 1000.0;
    bar(app, bar_width(), s.total.to_double() / total, colors::met, s.has_reference ? s.reference.to_double() / total : -1.0);
    if (!stacked) ImGui::TableNextColumn();
    text_wrapped(trn(app, "score.points_of", (int64_t)total, {{"earned", format_points(s.total)}, {"points", std::to_string((int)total)}}));
    ImGui::EndTable();
}

// Where we lose most: the scored items losing the most points, then the categories with points
// not scored yet ("4.4 资源 130 分未评", from the core): a half-scored self-assessment must not
// look better than it is.
static void top_lost(App& app, const SelfScore& s) {
    Lang lang = app.ws.lang;
    separator_text(tr(app, "score.top_lost"));
    if (s.top_lost.empty()) text_wrapped(tr(app, "score.top_lost_none"), &colors::muted);
    for (size_t i : s.top_lost) {
        const ItemScore& it = s.items[i];
        ImGui::Bullet();
        ImGui::SameLine();
        text_wrapped(it.def->id + " " + it.def->name.get(lang) + (lang == Lang::en ? " — " : "——") +
                     trn(app, "score.lost", format_points(it.lost), {{"lost", format_points(it.lost)}, {"percent", std::to_string(it.percent)}}));
        if (!it.improvement.empty()) {
            ImGui::Indent();
            std::string line = std::string(tr(app, "score.improvement")) + (lang == Lang::en ? ": " : "：") + it.improvement;
            text_wrapped(line, &colors::muted);
            ImGui::Unindent();
        }
    }
    if (s.unscored.empty()) return;
    text_wrapped(tr(app, "score.unscored_categories"), &colors::muted);
    for (size_t c : s.unscored) {
        ImGui::Bullet();
        ImGui::SameLine();
        text_wrapped(s.categories[c].unscored_text.get(lang));
    }
}

static void overview_tab(App& app, const ReadinessResult& r) {
    Lang lang = app.ws.lang;
    const Catalog& c = *app.ws.catalog;
    float em = ImGui::GetFontSize();

    separator_text(tr(app, "ready.awards"));
    // Side by side: award | status | counts | first issue; stacked in a narrow window (stack_rows).
    const float pad_em = ImGui::GetStyle().CellPadding.x * 2.0f / em;
    const bool stacked = stack_rows(app, 14.0f + 7.0f + 14.0f + 4.0f * pad_em, 1);
    if (ImGui::BeginTable("awards_overview", stacked ? 1 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
        if (!stacked) a11y::table(tr(app, "ready.awards"));  // a table to a screen reader too (read by cell); stacked, a list of texts
        if (stacked) {
            ImGui::TableSetupColumn("##award", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        } else {
            ImGui::TableSetupColumn("##award", ImGuiTableColumnFlags_WidthFixed, em * 14.0f);
            ImGui::TableSetupColumn("##status", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
            ImGui::TableSetupColumn("##counts", ImGuiTableColumnFlags_WidthFixed, em * 14.0f);
            ImGui::TableSetupColumn("##issue", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        }
        for (const AwardResult& ar : r.awards) {
            ImGui::PushID(ar.def->id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_wrapped(ar.def->name.get(lang));
            text_wrapped(ar.def->level.get(lang), colors::muted);
            if (!stacked) ImGui::TableNextColumn();
            chip(app, award_status_text(ar.status).get(lang), award_color(ar.status));
            if (!stacked) ImGui::TableNextColumn();
            text_wrapped(trf(app, "ready.counts", {{"passed", std::to_string(ar.passed)}, {"failed", std::to_string(ar.failed)},
                                                   {"missing", std::to_string(ar.missing)}}));
            if (!stacked) ImGui::TableNextColumn();
            // The first gate that stops the application (failed before missing).
            const GateResult* first = nullptr;
            for (const GateResult& g : ar.gates)
                if (g.status == GateStatus::failed) { first = &g; break; }
            if (!first)
                for (const GateResult& g : ar.gates)
                    if (g.status == GateStatus::missing || g.status == GateStatus::invalid) { first = &g; break; }
            if (first) {
                std::string line = std::string(tr(app, "ready.first_issue")) + first->requirement.get(lang) +
                                   (first->reason.empty() ? "" : (lang == Lang::en ? " — " : "——") + first->reason.get(lang));
                text_wrapped(line, &colors::muted);
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    const SelfScore& s = r.score;
    if (s.model) {
        separator_text(s.model->name.get(lang).c_str());
        text_line(trn(app, "score.total", (int64_t)s.items.size(), {{"total", format_points(s.total)}, {"available", std::to_string(s.model->total)},
                                                        {"scored", std::to_string(s.scored)}, {"items", std::to_string(s.items.size())}}).c_str());
        reference_field(app, s);
        score_chart(app, s);
        top_lost(app, s);
    }

    // The city's targets for enterprises, as on the results screen.
    const Evaluation& e = current_evaluation(app);
    separator_text(tr(app, "ready.targets"));
    // Side by side: indicator | status | value | target; stacked in a narrow window: the name, then
    // the status, the value and the target.
    const bool targets_stacked = stack_rows(app, status_chip_width(app) / em + 7.5f + 9.0f + 4.0f * pad_em, 1);
    if (ImGui::BeginTable("ent_targets", targets_stacked ? 1 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
        if (!targets_stacked) a11y::table(tr(app, "ready.targets"));  // a table to a screen reader too (read by cell); stacked, a list of texts
        ImGui::TableSetupColumn(tr(app, "entry.indicator"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        if (!targets_stacked) {
            ImGui::TableSetupColumn(tr(app, "entry.status"), ImGuiTableColumnFlags_WidthFixed, status_chip_width(app));
            ImGui::TableSetupColumn(tr(app, "entry.value"), ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
            ImGui::TableSetupColumn(tr(app, "entry.target"), ImGuiTableColumnFlags_WidthFixed, em * 9.0f);
            ImGui::TableHeadersRow();
        }
        for (const IndicatorResult& ir : e.results) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_wrapped(ir.def->name.get(lang));
            if (!targets_stacked) ImGui::TableNextColumn();
            status_chip(app, ir.status, ir.def->id);
            // Stacked, the columns' names go with the figures ("当前值：95.5 %").
            const std::string sep = lang == Lang::en ? ": " : "：";
            auto named = [&](const char* key, const std::string& v) { return targets_stacked ? tr(app, key) + sep + v : v; };
            if (!targets_stacked) ImGui::TableNextColumn();
            text_wrapped(named("entry.value", display_value(c, ir, lang)));
            if (!targets_stacked) ImGui::TableNextColumn();
            text_wrapped(named("entry.target", display_target(c, ir, lang)));
        }
        ImGui::EndTable();
    }
    readiness_years(app);  // the self-score per category over the saved years (issue 16, app_years.cpp)
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Eligibility tab
//-------------------------------------------------------------------------------------------------

// The threshold in force, and the controls to change it: a number, a rating, or "not required".
static void threshold_editor(App& app, const AwardDef& award, const GateResult& g) {
    Workspace& ws = app.ws;
    const Catalog& c = *ws.catalog;
    Lang lang = ws.lang;
    const GateDef& d = *g.def;
    float em = ImGui::GetFontSize();
    bool waived = g.status == GateStatus::waived;

    ImGui::BeginDisabled(waived);
    if (d.rule == GateRule::at_least) {
        int v = (int)g.threshold;
        ImGui::SetNextItemWidth(em * 7.0f);
        bool thr_changed = ImGui::InputInt(("##thr_" + d.id).c_str(), &v, 1, 1);
        a11y::describe(ImGui::GetID(("##thr_" + d.id).c_str()), {a11y::Role::textbox, d.name.get(lang), std::to_string(v), {}, 0});
        name_step_buttons(app, ("##thr_" + d.id).c_str(), d.name.get(lang));
        if (thr_changed) {
            v = (int)std::clamp<int64_t>(v, 0, d.threshold_max);
            ws.set_gate_threshold(award.id, d.id, v == d.threshold ? std::nullopt : std::optional(GateThreshold::of_count(v)), now(app));
            mark_changed(app);
        }
        const FigureDef* f = c.figure(d.figure);
        if (f && !f->unit.empty()) {
            ImGui::SameLine();
            text_line(f->unit.get(lang, g.threshold).c_str(), colors::muted);  // "1 year", "3 years"
        }
    } else if (d.rule == GateRule::rating) {
        const FigureDef* f = c.figure(d.figure);
        const EnumDef* en = f ? c.enumeration(f->enum_id) : nullptr;
        std::string preview = g.threshold_enum;
        if (en)
            for (const EnumValue& ev : en->values)
                if (ev.id == g.threshold_enum) preview = ev.name.get(lang);
        ImGui::SetNextItemWidth(em * 7.0f);
        if (begin_combo(("##thr_" + d.id).c_str(), preview.c_str(), 0, d.name.get(lang).c_str())) {
            if (en)
                for (const EnumValue& ev : en->values) {
                    if (ev.id == en->values.front().id) continue;  // "none" is no threshold
                    if (ImGui::Selectable((ev.name.get(lang) + "##" + ev.id).c_str(), ev.id == g.threshold_enum)) {
                        ws.set_gate_threshold(award.id, d.id, ev.id == d.threshold_enum ? std::nullopt : std::optional(GateThreshold::of_rating(ev.id)), now(app));
                        mark_changed(app);
                    }
                }
            ImGui::EndCombo();
        }
    } else if (d.rule == GateRule::any_of) {
        // One of several conditions: the core's requirement says which ("…，或…").
        text_wrapped(g.requirement.get(lang));
    } else {
        ImGui::AlignTextToFramePadding();
        text_line(tr(app, "ready.flag_required"));
    }
    ImGui::EndDisabled();
    bool flag = d.rule == GateRule::flag;

    if (g.adjusted && !waived) {
        std::string published = d.rule == GateRule::at_least ? std::to_string(d.threshold) : d.threshold_enum;
        text_line(trf(app, "ready.published", {{"value", published}}).c_str(), colors::muted);
        ImGui::SameLine();
        if (ImGui::SmallButton(lbl(app, "ready.reset", ("reset_" + d.id).c_str()).c_str())) {
            ws.set_gate_threshold(award.id, d.id, std::nullopt, now(app));
            mark_changed(app);
        }
        ImGui::SetItemTooltip("%s", tr(app, "ready.reset_tip"));
    }
    bool w = waived;
    if (flag) ImGui::SameLine();
    if (ImGui::Checkbox(lbl(app, "ready.waive", ("waive_" + d.id).c_str()).c_str(), &w)) {
        ws.set_gate_threshold(award.id, d.id, w ? std::optional(GateThreshold::not_required()) : std::nullopt, now(app));
        mark_changed(app);
    }
}

static void gates_tab(App& app, const ReadinessResult& r) {
    Workspace& ws = app.ws;
    const Catalog& c = *ws.catalog;
    const Evaluation& e = current_evaluation(app);
    Lang lang = ws.lang;
    float em = ImGui::GetFontSize();

    for (const AwardResult& ar : r.awards) {
        const AwardDef& award = *ar.def;
        ImGui::PushID(award.id.c_str());
        std::string header = award.name.get(lang) + "  ·  " + award_status_text(ar.status).get(lang) + "###award_" + award.id;
        ImGui::PushStyleColor(ImGuiCol_Text, award_color(ar.status));
        bool open = ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
        ImGui::PopStyleColor();
        if (!open) { ImGui::PopID(); continue; }
        text_wrapped(award.summary.get(lang), &colors::muted);
        text_wrapped(tr(app, "ready.quota") + award.quota.get(lang), &colors::muted);

        // Side by side: condition | your figure | threshold | status | note; stacked in a narrow
        // window (stack_rows): the condition, the figure, the threshold, then status and note.
        float gate_w = 0.0f;
        for (GateStatus st : {GateStatus::passed, GateStatus::failed, GateStatus::missing, GateStatus::invalid, GateStatus::not_applicable, GateStatus::waived})
            gate_w = std::max(gate_w, text_width(gate_status_text(st).get(lang)) + 12.0f * app.scale);
        const bool stacked = stack_rows(app, 11.0f + 16.0f + 11.0f + gate_w / em + 5.0f * ImGui::GetStyle().CellPadding.x * 2.0f / em, 1);
        ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
        if (ImGui::BeginTable("gates", stacked ? 1 : 5, flags)) {
            a11y::table(award.name.get(lang) + (lang == Lang::en ? ": " : "：") + tr(app, "ready.tab.gates"));  // a table to a screen reader too (read by cell)
            if (stacked) {
                ImGui::TableSetupColumn(tr(app, "ready.col.condition"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            } else {
                ImGui::TableSetupColumn(tr(app, "ready.col.condition"), ImGuiTableColumnFlags_WidthFixed, em * 11.0f);
                ImGui::TableSetupColumn(tr(app, "ready.col.figure"), ImGuiTableColumnFlags_WidthFixed, em * 16.0f);
                ImGui::TableSetupColumn(tr(app, "ready.col.threshold"), ImGuiTableColumnFlags_WidthFixed, em * 11.0f);
                ImGui::TableSetupColumn(tr(app, "ready.col.status"), ImGuiTableColumnFlags_WidthFixed, gate_w);
                ImGui::TableSetupColumn(tr(app, "ready.col.note"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableHeadersRow();
            }
            report_table_columns(("gates_" + award.id).c_str());
            for (const GateResult& g : ar.gates) {
                const GateDef& d = *g.def;
                ImGui::PushID(d.id.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
                gate_help(app, award, d, text_wrapped(d.name.get(lang)), right);
                if (!stacked) ImGui::TableNextColumn();
                // Required: the gate is judged with it (an any_of gate's alternatives are each
                // optional); a condition's figure always.
                const std::vector<std::string> gate_figures = d.figures();
                const bool judged = g.status != GateStatus::not_applicable && g.status != GateStatus::waived && gate_figures.size() == 1;
                for (const std::string& k : gate_figures)  // an any_of gate asks each alternative
                    if (const FigureDef* f = c.figure(k)) figure_field(app, *f, e, judged);
                if (d.applies_when)
                    if (const FigureDef* cf = c.figure(d.applies_when->figure)) figure_field(app, *cf, e, true);
                if (stacked) {
                    ImGui::AlignTextToFramePadding();
                    text_line(std::string(tr(app, "ready.col.threshold")) + (lang == Lang::en ? ":" : "："), colors::muted);
                    ImGui::SameLine();
                } else {
                    ImGui::TableNextColumn();
                }
                threshold_editor(app, award, g);
                if (!stacked) ImGui::TableNextColumn();
                chip(app, gate_status_text(g.status).get(lang), gate_color(g.status), award.id + "_" + d.id);
                if (!stacked) ImGui::TableNextColumn();
                else if (!g.reason.empty()) ImGui::SameLine();
                if (!g.reason.empty()) text_wrapped(g.reason.get(lang), &colors::muted);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        text_line(tr(app, "ready.sources"), colors::muted);
        for (const SourceDef& s : award.sources) {
            std::string line = s.title.get(lang) + (lang == Lang::en ? ", " : "，") + s.issuer.get(lang) + (lang == Lang::en ? ", " : "，") + s.date;
            if (!s.url.empty()) line += "  " + s.url;
            ImGui::Bullet();
            text_wrapped(line, &colors::muted);
        }
        ImGui::Spacing();
        ImGui::PopID();
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Self-score tab
//-------------------------------------------------------------------------------------------------

// The percentage of an item as entered (a number, or text as typed); null when none.
static const EnteredPercent* stored_percent(const App& app, const std::string& item) {
    const Item* open = app.ws.open_item();
    if (!open || !open->assessment.readiness.self_score) return nullptr;
    const auto& items = open->assessment.readiness.self_score->items;
    auto e = items.find(item);
    return e == items.end() || !e->second.percent ? nullptr : &*e->second.percent;
}

// The percentage picker, quick: one click on a band gives its middle (ScoreModel::band_pick),
// −5 / +5 step to the next percentage in a band, and the field takes a typed percentage. What is
// typed is kept as typed (percent_from_text); the core's message shows under it when it is wrong.
static void percent_picker(App& app, const ScoreModel& m, const ScoreCategoryDef& cat, const ItemScore& it, const EnteredPercent* stored) {
    Workspace& ws = app.ws;
    const std::string& id = it.def->id;
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    auto set = [&](int p) {
        ws.set_item_percent(id, p, now(app));
        mark_changed(app);
    };
    // The bands in a row (wrapping in a narrow cell); the item's band stands out.
    for (size_t b = 0; b < m.bands.size(); ++b) {
        std::string text = band_label(m.bands[b]);
        float w = text_width(text) + style.FramePadding.x * 2.0f;
        if (b > 0) flow_same_line(w, right, style.ItemSpacing.x * 0.5f);
        bool current = it.scored && it.band == (int)b;
        if (current) {
            ImGui::PushStyleColor(ImGuiCol_Button, colors::info);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::on_info);
        }
        if (ImGui::Button((text + "###band_" + id + "_" + std::to_string(m.bands[b].min)).c_str())) set(m.band_pick((int)b));
        if (current) ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
            tooltip_text(text + "  " + (cat.results ? m.bands[b].results : m.bands[b].process).get(app.ws.lang));
            ImGui::EndTooltip();
        }
    }
    // −5 [percentage] +5, then the points it earns. From a typed percentage in no band (47) the
    // steps go to the nearest valid ones.
    std::optional<int> base;
    if (it.scored) base = it.percent;
    else if (stored && stored->written.is_number_integer()) base = std::clamp(*stored->whole, -1000, 1000);
    const std::string step = std::to_string(std::max(1, m.step));
    ImGui::BeginDisabled(!base);
    if (ImGui::Button(("−" + step + "###minus_" + id).c_str()) && base) set(m.step_percent(*base, -1));  // "−5"
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, style.ItemSpacing.x * 0.5f);
    const Json* typed = stored ? &stored->written : nullptr;
    std::string text = !typed || typed->is_null() ? std::string() : typed->is_string() ? typed->get<std::string>() : typed->dump();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.0f);
    bool pct_changed = ImGui::InputTextWithHint(("##pct_" + id).c_str(), "—", &text);
    a11y::describe_last({a11y::Role::textbox, it.def->name.get(app.ws.lang) + " %", text, {}, 0});
    if (pct_changed) {
        ws.set_item_percent_text(id, text, now(app));
        mark_changed(app);
    }
    ImGui::SameLine(0.0f, style.ItemSpacing.x * 0.5f);
    ImGui::AlignTextToFramePadding();
    text_line("%");
    ImGui::SameLine(0.0f, style.ItemSpacing.x * 0.5f);
    ImGui::BeginDisabled(!base);
    if (ImGui::Button(("+" + step + "###plus_" + id).c_str()) && base) set(m.step_percent(*base, +1));
    ImGui::EndDisabled();
    std::string earned = it.scored ? trn(app, "score.points_of", it.def->points, {{"earned", format_points(it.earned)}, {"points", std::to_string(it.def->points)}})
                                   : std::string(tr(app, "score.unscored"));
    flow_same_line(text_width(earned), right);
    ImGui::AlignTextToFramePadding();
    text_wrapped(earned, it.scored ? nullptr : &colors::muted, right - ImGui::GetCursorScreenPos().x);
}

static void note_field(App& app, const ItemScore& it, const char* which, const char* label_key, const char* hint_key) {
    Workspace& ws = app.ws;
    std::string text = which == std::string("strength") ? it.strength : it.improvement;
    // Both fields start at the same x, after the longer of the two labels.
    float label_w = std::max(ImGui::CalcTextSize(tr(app, "score.strength")).x, ImGui::CalcTextSize(tr(app, "score.improvement")).x) +
                    ImGui::GetStyle().ItemSpacing.x;
    float x = ImGui::GetCursorPosX();
    if (label_w > ImGui::GetContentRegionAvail().x * 0.35f) {
        // A narrow cell (or the long English labels): the label above its field.
        text_wrapped(tr(app, label_key), colors::muted);
    } else {
        ImGui::AlignTextToFramePadding();
        text_line(tr(app, label_key), colors::muted);
        ImGui::SameLine();
        ImGui::SetCursorPosX(x + label_w);  // (SameLine's offset counts from the window, not the column)
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    std::string id = std::string("##") + which + "_" + it.def->id;
    bool note_changed = ImGui::InputTextWithHint(id.c_str(), tr(app, hint_key), &text);
    a11y::describe_last({a11y::Role::textbox, std::string(tr(app, label_key)) + " " + it.def->name.get(ws.lang), text, tr(app, hint_key), 0});
    if (note_changed) {
        ws.set_item_note(it.def->id, which, text, now(app));
        mark_changed(app);
    }
}

static void score_tab(App& app, const ReadinessResult& r) {
    Lang lang = app.ws.lang;
    const SelfScore& s = r.score;
    if (!s.model) return;
    const ScoreModel& m = *s.model;
    const Evaluation& e = current_evaluation(app);
    float em = ImGui::GetFontSize();

    text_line(trn(app, "score.total", (int64_t)s.items.size(), {{"total", format_points(s.total)}, {"available", std::to_string(m.total)},
                                                    {"scored", std::to_string(s.scored)}, {"items", std::to_string(s.items.size())}}).c_str());
    text_wrapped(m.source.title.get(lang), &colors::muted);
    text_wrapped(tr(app, "score.pick_hint"), &colors::muted);

    for (const CategoryScore& cs : s.categories) {
        const ScoreCategoryDef& cat = *cs.def;
        ImGui::PushID(cat.id.c_str());
        std::string head = cat.id + " " + cat.name.get(lang) + "  " +
                           trn(app, "score.points_of", cat.points, {{"earned", format_points(cs.earned)}, {"points", std::to_string(cat.points)}});
        separator_text(head.c_str());
        // The band descriptions for this kind of item, folded away until wanted.
        const Text& dims = cat.results ? m.results_dimensions : m.process_dimensions;
        // A tree node's title does not wrap: in a narrow window (320 px, zoom 200 %) the short title,
        // and what the bands judge on a line of its own under it.
        const std::string bands_title = trf(app, "score.bands", {{"dims", dims.get(lang)}});
        const bool short_title = tree_node_width(bands_title) > ImGui::GetContentRegionAvail().x;
        const bool bands_open = ImGui::TreeNode("bands", "%s", short_title ? tr(app, "score.bands_short") : bands_title.c_str());
        if (short_title) {
            ImGui::Indent(ImGui::GetTreeNodeToLabelSpacing() - (bands_open ? ImGui::GetStyle().IndentSpacing : 0.0f));
            text_wrapped(dims.get(lang), &colors::muted);
            ImGui::Unindent(ImGui::GetTreeNodeToLabelSpacing() - (bands_open ? ImGui::GetStyle().IndentSpacing : 0.0f));
        }
        if (bands_open) {
            if (ImGui::BeginTable("band_table", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
                a11y::table(tr(app, "score.bands"));  // a table to a screen reader too (read by cell)
                ImGui::TableSetupColumn(tr(app, "score.band_col"), ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
                ImGui::TableSetupColumn(tr(app, "score.desc_col"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableHeadersRow();
                for (const ScoreBand& b : m.bands) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    text_line(band_label(b).c_str());
                    ImGui::TableNextColumn();
                    text_wrapped((cat.results ? b.results : b.process).get(lang));
                }
                ImGui::EndTable();
            }
            ImGui::TreePop();
        }
        // Side by side: item | score (bands, the percentage, what the band means) | notes; stacked
        // in a narrow window (stack_rows).
        const bool stacked = stack_rows(app, 11.0f + 3.0f * ImGui::GetStyle().CellPadding.x * 2.0f / em, 2);
        ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
        if (ImGui::BeginTable("items", stacked ? 1 : 3, flags)) {
            a11y::table(tr(app, "ready.tab.score"));  // a table to a screen reader too (read by cell)
            if (stacked) {
                ImGui::TableSetupColumn(tr(app, "score.item"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            } else {
                ImGui::TableSetupColumn(tr(app, "score.item"), ImGuiTableColumnFlags_WidthFixed, em * 11.0f);
                ImGui::TableSetupColumn(tr(app, "score.percent"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
                ImGui::TableSetupColumn(tr(app, "score.note"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableHeadersRow();
            }
            for (size_t i : cat.items) {
                const ItemScore& it = s.items[i];
                ImGui::PushID(it.def->id.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                text_wrapped(it.def->id + " " + it.def->name.get(lang));
                text_wrapped(trn(app, "score.points", it.def->points), colors::muted);
                if (!stacked) ImGui::TableNextColumn();
                percent_picker(app, m, cat, it, stored_percent(app, it.def->id));
                // A percentage that is in no band, out of range or not a number: the core's
                // message, what was typed kept in the field.
                for (const Problem& p : e.problems)
                    if (p.key == "score." + it.def->id && p.severity == Severity::error) text_wrapped(p.message.get(lang), &colors::error_text);
                if (it.scored) {
                    const ScoreBand& b = m.bands[(size_t)it.band];
                    text_wrapped(band_label(b) + "  " + (cat.results ? b.results : b.process).get(lang), &colors::muted);
                }
                if (!stacked) ImGui::TableNextColumn();
                note_field(app, it, "strength", "score.strength", "score.strength_hint");
                note_field(app, it, "improvement", "score.improvement", "score.improvement_hint");
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Screen
//-------------------------------------------------------------------------------------------------

void readiness_screen(App& app) {
    Workspace& ws = app.ws;
    const Item* item = ws.open_item();
    if (!item) { ws.screen = Screen::start; return; }
    if (item->assessment.profile != Profile::enterprise) { ws.screen = Screen::entry; return; }
    const ReadinessResult& r = current_readiness(app);

    text_wrapped(tr(app, "ready.notice"), &colors::muted);
    // The tabs stay in view; each tab's content scrolls under them.
    if (!ImGui::BeginTabBar("readiness_tabs")) return;
    // The tabs keep their whole titles: where the three do not fit side by side (320 px, zoom 200 %,
    // large text), the self-score tab drops its "(GB/T 19580)" (the tab's own text names the standard)
    // rather than let Dear ImGui cut a title short with "…".
    const ImGuiStyle& style = ImGui::GetStyle();
    auto tab_w = [&](const char* key) { return text_width(tr(app, key)) + style.FramePadding.x * 2.0f + style.ItemInnerSpacing.x; };
    const bool short_score = tab_w("ready.tab.summary") + tab_w("ready.tab.gates") + tab_w("ready.tab.score") > ImGui::GetContentRegionAvail().x;
    auto tab = [&](const char* key, const char* id, void (*draw)(App&, const ReadinessResult&)) {
        // A jump to a gate's figure (the problem banner) opens the eligibility tab.
        bool select = app.show_gates_tab && std::strcmp(id, "tab_gates") == 0;
        if (select) app.show_gates_tab = false;
        if (!ImGui::BeginTabItem(lbl(app, key, id).c_str(), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0)) return;
        const bool own_scroll = begin_scroll_area(std::string(id) + "_scroll_" + item->id);  // each assessment scrolls on its own
        draw(app, r);
        end_scroll_area(own_scroll);
        ImGui::EndTabItem();
    };
    tab("ready.tab.summary", "tab_summary", overview_tab);
    tab("ready.tab.gates", "tab_gates", gates_tab);
    tab(short_score ? "ready.tab.score_short" : "ready.tab.score", "tab_score", score_tab);
    ImGui::EndTabBar();
}

}  // namespace qcity::app
