// qcity app — what app.cpp and app_readiness.cpp share: strings, colours and small widgets.
// Not part of the app's interface (that is app.h).
#pragma once

#include "app.h"
#include "a11y.h"
#include "palette.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImRect

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qcity::app {

// tr() with {name} placeholders filled.
std::string trf(const App& app, const char* key, const std::vector<std::pair<std::string, std::string>>& args);
// A string with a count (ui.json plural forms {"one","other"}): the form chosen by the count as
// shown, with "{n}" = count and the other placeholders filled.
std::string trn(const App& app, const char* key, const std::string& count,
                const std::vector<std::pair<std::string, std::string>>& args = {});
std::string trn(const App& app, const char* key, int64_t count,
                const std::vector<std::pair<std::string, std::string>>& args = {});
// The same in a given language (for messages kept in both languages, see `both`).
std::string trf_in(const App& app, Lang lang, const char* key, const std::vector<std::pair<std::string, std::string>>& args = {});
std::string trn_in(const App& app, Lang lang, const char* key, int64_t count,
                   const std::vector<std::pair<std::string, std::string>>& args = {});
// A message in both languages, so that a status line or a dialog follows the language switch:
// `render(lang)` writes it in one language.
template <class F>
Text both(F&& render) { return Text{render(Lang::zh), render(Lang::en)}; }
// A label whose visible text changes with the language keeps one ImGui ID ("###id").
std::string lbl(const App& app, const char* key, const char* id);
// A unit's name as people read it in this language: a county unit of the catalog by its name in
// `lang` (the file keeps the Chinese name, the catalog's key); any other unit as written.
std::string unit_name(const App& app, const std::string& unit, Lang lang);
// "、" between names in Chinese, ", " in English.
std::string join_names(const std::vector<std::string>& names, Lang lang);
double now(const App& app);

namespace colors {
// From palette.h (plain data the contrast test reads).
constexpr ImVec4 v4(palette::Rgba c) { return ImVec4(c.r, c.g, c.b, c.a); }
inline const ImVec4 met = v4(palette::met);
inline const ImVec4 not_met = v4(palette::not_met);
inline const ImVec4 missing = v4(palette::missing);
inline const ImVec4 invalid = v4(palette::invalid);
inline const ImVec4 info = v4(palette::info);
inline const ImVec4 error_text = v4(palette::error_text);
inline const ImVec4 muted = v4(palette::muted);
inline const ImVec4 banner = v4(palette::banner);
inline const ImVec4 reference = v4(palette::reference);
inline const ImVec4 on_info = v4(palette::on_info);
}  // namespace colors

ImVec4 status_color(Status s);
// A line of text (not wrapped) that reaches the accessible mirror too: every text the app draws
// goes through here, text_wrapped or chip, never ImGui::Text* alone (a text only drawn is a blank
// to a screen reader).
void text_line(std::string_view s, const ImVec4* color = nullptr);
inline void text_line(std::string_view s, const ImVec4& color) { text_line(s, &color); }
// An InputInt's −/+ step buttons (ImGui labels them "-" and "+"), named for the mirror after the
// field ("减少：年份" / "Decrease Year"). Kept, not hidden: ImGui's field does not step on the arrow
// keys, so the buttons are a keyboard user's only way to step. Call after the InputInt(label, …).
void name_step_buttons(const App& app, const char* label, std::string_view field);
// `test_id` (an indicator's or gate's id) names the chip for the browser tests ("###status_<id>").
void chip(const App& app, const std::string& text, const ImVec4& color, const std::string& test_id = {});
void status_chip(const App& app, Status s, const std::string& test_id = {});
float status_chip_width(const App& app);  // the widest status chip in the interface language
void tooltip_text(const std::string& s);
// Text that acts like a link (a frameless button: click, or Tab to it and press Enter/Space).
// `label` is "visible text###id".
bool link_button(const App& app, const std::string& label, const ImVec4& color, const char* tooltip = nullptr);
// Scrolls to and focuses the next figure field among `keys` (figure keys), after the last one
// jumped to, in the order the fields are drawn; wraps to the first. False when none is on screen.
bool jump_to_next_field(App& app, const std::vector<std::string>& keys);
// ImGui::BeginCombo that also tells the browser tests' item hooks its label, and the accessible
// mirror its name (`name` when the label is "##" only) and value.
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0, const char* name = nullptr);
// One figure's input (text field, or combo for yes/no and enums) with its unit, name and the
// core's message under it when the value is wrong. Edits go to the workspace at once. `required`:
// an indicator that applies needs it (the mirror's field is aria-required).
void figure_field(App& app, const FigureDef& f, const Evaluation& e, bool required = false);

// Layout (app_layout.cpp) -------------------------------------------------------------------------
// Text wrapped by the core's line-breaking rules (break_lines: no line starts with "，" or "）",
// "1,000" stays whole), as one item, in `color` (null: the text colour), at `width` (0: the space
// left in the window or table cell). Every wrapped text of the app goes through here, never
// ImGui::TextWrapped / PushTextWrapPos (whose wrap cuts a run of Chinese anywhere). Returns the
// end of the last line (screen position, top of that line), for a marker after it.
ImVec2 text_wrapped(std::string_view s, const ImVec4* color = nullptr, float width = 0.0f);
ImVec2 text_wrapped(const std::string& s, const ImVec4& color, float width = 0.0f);
float text_width(std::string_view s);
// The width a (non-framed) tree node takes with this label: its arrow, the label, and the two item
// spacings Dear ImGui adds to its clickable row past the label.
float tree_node_width(std::string_view label);
// ImGui::SeparatorText that is also a heading (level 2) of the accessible mirror.
void separator_text(const char* s);
// Tells the browser tests' item hooks about an item ImGui does not report (texts, chips, markers).
void report_item(const std::string& label, const ImRect& bb);
void test_record_item(const std::string& label, const ImRect& bb);  // test_hooks.cpp
// The current table's columns for the browser tests: "##column:<name>:<index>", each column's x
// range (cell padding included) at the table's top.
void report_table_columns(const char* name);
// A small marker ("(?)") after a text drawn by text_wrapped: on its last line when it fits before
// `right` (screen x: the cell's or window's right edge), else on a line of its own — never clipped
// to "(" and never over the next column. `test_label` names it for the browser tests
// ("(?)###help_<id>"). Returns false when it is not drawn (scrolled away); then the last item is
// the marker, for BeginItemTooltip.
bool marker_after(ImVec2 end, float right, const char* marker, const std::string& test_label);
// Narrow windows (800–1100 CSS px wide, browser zoom; later 200 % and 320 px): one rule for every
// table with a row per indicator or item. Its rows go side by side only when the space left is at
// least kStackBelowCssPx CSS px and the fixed columns get their widths (`fixed_em` font sizes,
// padding included) with kMinStretchEm for each stretching column; otherwise each row stacks
// (name above figures, status and what is missing below). CSS px, not device px: the same at
// DPR 1 and 2.
constexpr float kStackBelowCssPx = 860.0f;
constexpr float kMinStretchEm = 8.0f;
bool stack_rows(const App& app, float fixed_em, int stretch_columns);
float css_px(const App& app, float device_px);
// A screen's scrolling part under the top bar: a child window of its own (`id`: each assessment
// keeps its scroll) while the window leaves it at least half its height; in a short window (zoom
// 200 %, large text, a phone held sideways) none — the whole page scrolls, top bar included, rather
// than a sliver under a top bar that fills the screen. Returns whether a child was begun, for
// end_scroll_area().
bool begin_scroll_area(const std::string& id);
void end_scroll_area(bool child);
// Flow layout: the next item (of `next_width`) on the same line when it fits before `right`
// (screen x), `spacing` after the last item (-1: the style's), else on the next line. A wrapped text
// may stay on the line narrower than it is, when at least `min_wrap` is left for it (never squeezed
// into a sliver of a narrow window). Returns true when it stayed on the line.
bool flow_same_line(float next_width, float right, float spacing = -1.0f, float min_wrap = 0.0f);

// The award-readiness screen of an enterprise assessment (app_readiness.cpp).
void readiness_screen(App& app);
// The city roll-up screen (app_rollup.cpp).
void rollup_screen(App& app);
// Today's date as "2026-11-28" (a report's export date).
std::string today_text(const App& app);
// "12月5日 14:03" / "5 Dec 14:03", with the year when it is not this year's (local time).
std::string short_time(const App& app, double ms, Lang lang);

// Dialogs (app.cpp): a modal 20–36 characters wide, never wider than the window, centred; its
// text wrapped at dialog_wrap(); the next button beside the last while it fits.
float dialog_max_width();
float dialog_wrap();
void dialog_same_line(const std::string& next_label);
bool begin_dialog(const char* title_and_id);

// The county workflow (issue 15; app_workflow.cpp) ------------------------------------------------
// Whether the open assessment records evidence and a sign-off (not a city roll-up saved as a file).
bool workflow_shown(const Assessment& a);
// An entry row's evidence (佐证材料): a button opening the evidence dialog, its status as a word
// beside it (and where it is kept).
void evidence_control(App& app, const IndicatorDef& d, const Assessment& a);
// "佐证材料 18/31" after the summary line's counts.
void evidence_count(App& app, const Evaluation& e, float right);
// The sign-off fields (填报人 …) and 定稿, at the end of the entry screen.
void signoff_section(App& app, const Item& item);
// The header's "已定稿 · 3f2a9c1b7d4e · 12月6日 14:03" (nothing when never frozen).
void submission_header(App& app, const Item& item, float right);
// What changed since the submission (entry and results screens), nothing when unchanged.
void submission_changes(App& app);
// The evidence dialog (drawn with the other dialogs).
void evidence_dialog(App& app);

// Over the years (issue 16; app_years.cpp) ----------------------------------------------------------
// Under a figure's field: "请核实：…" and its 确认无误 button while unconfirmed, "已核实：<note>" once confirmed.
void unusual_under_field(App& app, const FigureDef& f);
// The 确认无误 dialog (drawn with the other dialogs): a note, Confirm / Cancel, Escape cancels.
void confirm_dialog(App& app);
// The results screen: the unconfirmed warnings, each a link to its field.
void unusual_list(App& app);
// An indicator's trend over the unit's saved years: a small chart, its direction in words, the
// years' values as text. Nothing with fewer than two saved years.
void trend_cell(App& app, const std::string& indicator, float width);
// The readiness screen: the self-score per category for each saved year scored (two or more).
void readiness_years(App& app);

}  // namespace qcity::app
