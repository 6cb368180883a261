// qcity app — the county workflow (issue 15) on the entry and results screens: evidence (佐证材料)
// per indicator, the sign-off (填报人, 审核人, 单位负责人, 联系电话, 日期) and the frozen submission (定稿)
// with what changed since. What they mean, and the hash, are the core's (workflow.cpp); this file
// draws them and turns the person's edits into workspace edits (Workspace::set_evidence,
// set_signoff, freeze_open), which are stamped entry by entry like figures, so two tabs merge them.
// The roll-up's per-county submission state is drawn in app_rollup.cpp.
//
// Index of this file
// [SECTION] Time: the app's clock as ISO 8601 UTC, and back
// [SECTION] Evidence on the entry row, and its dialog
// [SECTION] Sign-off and 定稿
// [SECTION] The submission in the header, and what changed since

#include "app_internal.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Time: the app's clock as ISO 8601 UTC, and back
//-------------------------------------------------------------------------------------------------
// A submission's `at` is UTC ("2026-12-06T05:00:00Z", what the CLI writes); the header shows it in
// the person's local time, like the other times of the app.

static double clock_ms(const App& app) {
    double ms = now(app);
    return ms > 0 ? ms : (double)std::time(nullptr) * 1000.0;
}

static std::string iso_utc(double ms) {
    std::time_t t = (std::time_t)(ms / 1000.0);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return "";
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// 0 when `at` is not of that form (a file's own submission may say anything: it is then shown as written).
static double iso_utc_ms(const std::string& at) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char z = 0;
    if (std::sscanf(at.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z') return 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return 0;
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; timegm()
    // is not standard C++).
    const int yy = mo <= 2 ? y - 1 : y;
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const double days = (double)era * 146097.0 + (double)doe - 719468.0;
    return ((days * 24.0 + h) * 60.0 + mi) * 60000.0 + s * 1000.0;
}

static std::string submission_time(const App& app, const SubmissionRecord& r, Lang lang) {
    double ms = iso_utc_ms(r.at);
    return ms > 0 ? short_time(app, ms, lang) : r.at;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Evidence on the entry row, and its dialog
//-------------------------------------------------------------------------------------------------

bool workflow_shown(const Assessment& a) { return !a.settings.city(); }

// Provided: the met colour; not needed: muted; missing: the missing colour. The word always says it.
static const ImVec4& evidence_color(EvidenceStatus st) {
    return st == EvidenceStatus::provided ? colors::met : st == EvidenceStatus::not_needed ? colors::muted : colors::missing;
}

void evidence_control(App& app, const IndicatorDef& d, const Assessment& a) {
    Lang lang = app.ws.lang;
    const Evidence* ev = evidence_of(a, d.id);
    const EvidenceStatus st = ev ? ev->status : EvidenceStatus::missing;
    const std::string word = evidence_status_text(st).get(lang);
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (ImGui::Button(lbl(app, "evidence.button", ("evidence_" + d.id).c_str()).c_str())) {
        app.evidence_indicator = d.id;
        app.open_evidence = true;
    }
    // The button is the same word on every row: the mirror names it by its indicator, and says its state.
    std::string shown = ev && !ev->where.empty() ? word + " · " + ev->where : word;
    a11y::describe_last({a11y::Role::button, trf(app, "evidence.a11y", {{"name", d.name.get(lang)}}), {}, shown, 0});
    // The status beside it while it fits, else under it; wrapped within the cell.
    flow_same_line(std::min(text_width(shown), ImGui::GetFontSize() * 6.0f), right);
    ImGui::AlignTextToFramePadding();
    text_wrapped(shown, evidence_color(st), std::max(ImGui::GetFontSize() * 4.0f, right - ImGui::GetCursorScreenPos().x));
    if (test_hooks_on()) test_text(("evidence_state_" + d.id).c_str(), word);
}

void evidence_count(App& app, const Evaluation& e, float right) {
    const Item* it = app.ws.open_item();
    if (!it || !workflow_shown(it->assessment)) return;
    const std::string text = evidence_count_text(e.summary).get(app.ws.lang);
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(" · ");
    flow_same_line(text_width(text), right, 0.0f);
    text_line(text, e.summary.evidence_provided < e.summary.evidence_expected ? &colors::missing : nullptr);
    test_text("evidence_count", text);
}

// Status (three choices), where it is kept, a note. Each edit goes to the workspace at once (and is
// autosaved); Done or Escape closes it.
void evidence_dialog(App& app) {
    Workspace& ws = app.ws;
    Lang lang = ws.lang;
    // (Looked up only with an indicator chosen: see confirm_dialog.)
    const IndicatorDef* d = app.evidence_indicator.empty() ? nullptr : ws.catalog->indicator(app.evidence_indicator);
    if (app.open_evidence) {
        ImGui::OpenPopup("###evidence_dialog");
        app.open_evidence = false;
    }
    const std::string title = (d ? trf(app, "evidence.title", {{"name", d->name.get(lang)}}) : std::string(tr(app, "evidence.button"))) +
                              "###evidence_dialog";
    if (!begin_dialog(title.c_str())) return;
    Item* it = ws.open_item();
    if (!it || !d) {  // the assessment closed meanwhile (deleted in another tab)
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const float wrap = dialog_wrap();
    const Evidence* held = evidence_of(it->assessment, d->id);
    Evidence ev = held ? *held : Evidence{};
    bool changed = false;
    text_wrapped(tr(app, "evidence.intro"), colors::muted, wrap);

    text_line(tr(app, "evidence.status"));
    const float right = ImGui::GetCursorScreenPos().x + wrap;
    bool first = true;
    for (EvidenceStatus st : {EvidenceStatus::provided, EvidenceStatus::missing, EvidenceStatus::not_needed}) {
        const std::string word = evidence_status_text(st).get(lang);
        if (!first) flow_same_line(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + text_width(word), right);
        first = false;
        if (ImGui::RadioButton((word + "###ev_status_" + evidence_status_id(st)).c_str(), ev.status == st) && ev.status != st) {
            ev.status = st;
            changed = true;
        }
        a11y::describe_last({a11y::Role::radio, {}, {}, {}, uint16_t(ev.status == st ? a11y::checked : 0)});
    }

    text_line(tr(app, "evidence.where"));
    ImGui::SetNextItemWidth(wrap);
    if (ImGui::InputTextWithHint("##ev_where", tr(app, "evidence.where_hint"), &ev.where)) changed = true;
    a11y::describe_last({a11y::Role::textbox, tr(app, "evidence.where"), ev.where, tr(app, "evidence.where_hint"), 0});
    text_line(tr(app, "evidence.note"));
    ImGui::SetNextItemWidth(wrap);
    if (ImGui::InputTextWithHint("##ev_note", tr(app, "evidence.note_hint"), &ev.note)) changed = true;
    a11y::describe_last({a11y::Role::textbox, tr(app, "evidence.note"), ev.note, tr(app, "evidence.note_hint"), 0});
    if (changed) {
        ws.set_evidence(d->id, ev, now(app));
        mark_changed(app);
    }

    ImGui::Spacing();
    if (ImGui::Button(lbl(app, "evidence.done", "ev_done").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sign-off and 定稿
//-------------------------------------------------------------------------------------------------

// "已定稿 · 3f2a9c1b7d4e · 12月6日 14:03" (with the version from the second on).
static std::string frozen_text(const App& app, const Submission& s, Lang lang) {
    std::vector<std::pair<std::string, std::string>> args{
        {"hash", s.current.sha256.substr(0, 12)}, {"time", submission_time(app, s.current, lang)}, {"version", std::to_string(s.current.version)}};
    return trf_in(app, lang, s.current.version > 1 ? "submission.header_version" : "submission.header", args);
}

void freeze_open(App& app) {
    const double ms = clock_ms(app);
    if (!app.ws.freeze_open(iso_utc(ms), ms)) return;
    // The status line names the unit: it stays while other assessments are opened.
    const Assessment& a = app.ws.open_item()->assessment;
    const std::string version = std::to_string(a.submission->current.version), hash = a.submission->current.sha256.substr(0, 12);
    app.status_line = both([&](Lang l) {
        const std::string unit = a.profile == Profile::county ? unit_name(app, a.unit, l) : a.unit;
        return trf_in(app, l, "submission.done", {{"unit", unit}, {"year", std::to_string(a.year)}, {"version", version}, {"hash", hash}});
    });
    mark_changed(app);
}

void signoff_section(App& app, const Item& item) {
    Workspace& ws = app.ws;
    Lang lang = ws.lang;
    const Assessment& a = item.assessment;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    ImGui::Spacing();
    separator_text(tr(app, "signoff.title"));
    text_wrapped(tr(app, "signoff.hint"), colors::muted);

    // Labels in a column, the fields beside them; in a narrow window (320 px, zoom 200 %, large
    // text) each label above its field.
    float label_w = 0.0f;
    for (const auto& [key, label] : Signoff::fields()) label_w = std::max(label_w, text_width(label.get(lang)));
    label_w += style.ItemSpacing.x * 2.0f;
    const float today_w = text_width(tr(app, "signoff.today")) + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool beside = avail >= label_w + em * 10.0f + today_w;
    const float field_w = std::min(em * 16.0f, beside ? avail - label_w - today_w : avail - today_w);
    ImGui::PushID("signoff");
    for (const auto& [key, label] : Signoff::fields()) {
        const std::string k = key;
        std::string value = *a.signoff.member(k);
        const float x0 = ImGui::GetCursorPosX();
        ImGui::AlignTextToFramePadding();
        text_line(label.get(lang));
        if (beside) ImGui::SameLine(x0 + label_w);
        ImGui::SetNextItemWidth(field_w);
        const char* hint = k == "date" ? tr(app, "signoff.date_hint") : "";
        if (ImGui::InputTextWithHint(("##signoff_" + k).c_str(), hint, &value)) {
            ws.set_signoff(k, value, now(app));
            mark_changed(app);
        }
        a11y::describe_last({a11y::Role::textbox, label.get(lang), value, hint, 0});
        if (k == "date") {
            ImGui::SameLine();
            if (ImGui::Button(lbl(app, "signoff.today", "signoff_today").c_str())) {
                ws.set_signoff(k, today_text(app), now(app));
                mark_changed(app);
            }
            a11y::describe_last({a11y::Role::button, trf(app, "signoff.today_a11y", {{"field", label.get(lang)}}), {}, {}, 0});
        }
    }
    ImGui::PopID();

    // 定稿: the content and its SHA-256, at this moment. Edits after it stay possible (and are listed);
    // freezing again makes the next version. Nothing to freeze again while nothing changed.
    ImGui::Spacing();
    separator_text(tr(app, "submission.title"));
    text_wrapped(tr(app, "submission.hint"), colors::muted);
    const SubmissionCheck& check = current_submission(app);
    if (a.submission) {
        std::string line = frozen_text(app, *a.submission, lang) + " · " + submission_state_text(check.state).get(lang);
        text_wrapped(line, check.state == SubmissionState::unchanged ? colors::met : colors::invalid);
        test_text("submission_state", line);
    }
    const bool unchanged = check.state == SubmissionState::unchanged;
    if (unchanged) ImGui::BeginDisabled();
    if (ImGui::Button(lbl(app, a.submission ? "submission.refreeze" : "submission.freeze", "freeze").c_str())) freeze_open(app);
    if (unchanged) {
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < text_width(tr(app, "submission.nothing_new"))) ImGui::NewLine();
        ImGui::AlignTextToFramePadding();
        text_wrapped(tr(app, "submission.nothing_new"), colors::muted);
    }
    submission_changes(app);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The submission in the header, and what changed since
//-------------------------------------------------------------------------------------------------

void submission_header(App& app, const Item& item, float right) {
    if (!item.assessment.submission) return;
    Lang lang = app.ws.lang;
    const SubmissionCheck& check = current_submission(app);
    std::string text = frozen_text(app, *item.assessment.submission, lang);
    // Changed since: said in words too (the colour is never alone).
    if (check.state != SubmissionState::unchanged) text += " · " + submission_state_text(check.state).get(lang);
    flow_same_line(text_width(text), right);
    ImGui::AlignTextToFramePadding();
    text_wrapped(text, check.state == SubmissionState::unchanged ? colors::met : colors::invalid);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
        tooltip_text("SHA-256 " + item.assessment.submission->current.sha256);
        ImGui::EndTooltip();
    }
    test_text("submission_header", text);
}

void submission_changes(App& app) {
    const Item* it = app.ws.open_item();
    if (!it || !it->assessment.submission) return;
    Lang lang = app.ws.lang;
    const SubmissionCheck& check = current_submission(app);
    std::string text;
    if (check.state == SubmissionState::damaged) {
        text = check.why.get(lang);
    } else if (check.state == SubmissionState::changed) {
        // The first few changes on the line (a long list would push the form down), all on hover.
        constexpr size_t kShown = 3;
        std::string list, all;
        const char* sep = lang == Lang::en ? "; " : "；";
        for (size_t i = 0; i < check.changes.size(); ++i) {
            const std::string one = content_change_text(check.changes[i]).get(lang);
            if (i < kShown) list += (i ? sep : "") + one;
            all += (i ? "\n" : "") + one;
        }
        if (check.changes.size() > kShown) list += trn(app, "submission.more", (int64_t)(check.changes.size() - kShown));
        text = trn(app, "submission.changed", (int64_t)check.changes.size(), {{"changes", list}});
        text_wrapped(text, colors::invalid);
        if (check.changes.size() > kShown && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
            tooltip_text(all);
            ImGui::EndTooltip();
        }
        test_text("submission_changes", text);
        return;
    } else {
        return;
    }
    text_wrapped(text, colors::error_text);
    test_text("submission_changes", text);
}

}  // namespace qcity::app
