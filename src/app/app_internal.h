// qcity app — what app.cpp and app_readiness.cpp share: strings, colours and small widgets.
// Not part of the app's interface (that is app.h).
#pragma once

#include "app.h"

#include "imgui.h"

#include <string>
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
// A label whose visible text changes with the language keeps one ImGui ID ("###id").
std::string lbl(const App& app, const char* key, const char* id);
double now(const App& app);

namespace colors {
inline const ImVec4 met(0.10f, 0.50f, 0.24f, 1.0f);         // green
inline const ImVec4 not_met(0.75f, 0.22f, 0.17f, 1.0f);     // red
inline const ImVec4 missing(0.45f, 0.45f, 0.45f, 1.0f);     // grey
inline const ImVec4 invalid(0.80f, 0.40f, 0.00f, 1.0f);     // orange
inline const ImVec4 info(0.20f, 0.40f, 0.70f, 1.0f);        // blue
inline const ImVec4 error_text(0.70f, 0.10f, 0.10f, 1.0f);
inline const ImVec4 muted(0.40f, 0.40f, 0.40f, 1.0f);
inline const ImVec4 banner(1.00f, 0.93f, 0.70f, 1.0f);
inline const ImVec4 reference(0.10f, 0.10f, 0.10f, 1.0f);   // a user's reference line
}  // namespace colors

ImVec4 status_color(Status s);
void chip(const App& app, const std::string& text, const ImVec4& color);
void status_chip(const App& app, Status s);
void tooltip_text(const std::string& s);
// ImGui::BeginCombo that also tells the browser tests' item hooks its label.
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
// One figure's input (text field, or combo for yes/no and enums) with its unit, name and the
// core's message under it when the value is wrong. Edits go to the workspace at once.
void figure_field(App& app, const FigureDef& f, const Evaluation& e);

// The award-readiness screen of an enterprise assessment (app_readiness.cpp).
void readiness_screen(App& app);
// The city roll-up screen (app_rollup.cpp).
void rollup_screen(App& app);
// Today's date as "2026-11-28" (a report's export date).
std::string today_text(const App& app);

}  // namespace qcity::app
