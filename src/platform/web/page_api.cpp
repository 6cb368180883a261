// qcity — the page API: the exports web/qcity-shell.js wraps as window.qcity (for embedding hosts;
// documented in the README), and those tests and benchmarks read. Apart from the main loop
// (main_web.cpp): each call changes the app's state and wakes the loop, which draws the change.
//
// Index of this file
// [SECTION] Results
// [SECTION] The page API (window.qcity): each returns "" or an error message
// [SECTION] Tests and benchmarks

#include "platform_web.h"
#include "fonts.h"

#include "imgui.h"
#include "imgui_internal.h"  // GImGui->InputEventsQueue

#include <emscripten.h>

#include <cmath>

using namespace qcity;
using namespace qcity::web;

extern "C" double qcity_js_now(void);  // library_qcity.js: Date.now()

//-------------------------------------------------------------------------------------------------
// [SECTION] Results
//-------------------------------------------------------------------------------------------------

namespace qcity::web {

Json results_json() {
    const app::Item* it = g_web.app.ws.open_item();
    ++g_web.app.work.results_json;
    if (!it) return Json(nullptr);
    const Evaluation& e = app::current_evaluation(g_web.app);
    Json j = evaluation_to_json(*g_web.app.ws.catalog, it->assessment, e, g_web.app.ws.lang);
    // The same readiness member as `qcity evaluate` for an enterprise.
    if (it->assessment.profile == Profile::enterprise) j["readiness"] = readiness_to_json(app::current_readiness(g_web.app), g_web.app.ws.lang);
    return j;
}

}  // namespace qcity::web

//-------------------------------------------------------------------------------------------------
// [SECTION] The page API
//-------------------------------------------------------------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* qcity_api_load(const char* json) {
    Json doc;
    Problem error;
    // Depth-limited and path-aware (issue 12): 8,000 nested objects once broke every later autosave.
    if (!parse_json_document(json ? json : "", doc, error, g_web.app.ws.catalog)) {
        g_web.api_result = (Lang::en == g_web.app.ws.lang ? "load(): " : "load()：") + error.message.get(g_web.app.ws.lang);
        return g_web.api_result.c_str();
    }
    if (!g_web.app.ws.load_into_open(doc, qcity_js_now(), error)) {
        g_web.api_result = error.message.get(g_web.app.ws.lang);
        return g_web.api_result.c_str();
    }
    fonts_note_text(json);  // its rare characters' slices are fetched now
    app::mark_changed(g_web.app);
    g_web.api_result.clear();
    return g_web.api_result.c_str();
}

// open(profile, unit, year): the saved assessment of that profile, unit and year, or a new one
// (an embedding page's URL names what to show). A county must be one of the catalog's units.
EMSCRIPTEN_KEEPALIVE const char* qcity_api_open(const char* profile_text, const char* unit_text, int year) {
    bool en = g_web.app.ws.lang == Lang::en;
    std::optional<Profile> profile = parse_profile(profile_text ? profile_text : "");
    std::string unit = unit_text ? unit_text : "";
    if (!profile) {
        g_web.api_result = en ? "open(): profile must be county or enterprise" : "open()：profile 应为 county 或 enterprise";
        return g_web.api_result.c_str();
    }
    if (unit.empty() || (*profile == Profile::county && !g_web.app.ws.catalog->unit_by_name(unit))) {
        g_web.api_result = en ? "open(): unknown unit '" + unit + "'" : "open()：未知的单位“" + unit + "”";
        return g_web.api_result.c_str();
    }
    if (std::optional<Problem> bad = check_year(*g_web.app.ws.catalog, year)) {  // the catalog's range, named
        g_web.api_result = std::string("open()") + (en ? ": " : "：") + bad->message.get(g_web.app.ws.lang);
        return g_web.api_result.c_str();
    }
    int k = g_web.app.ws.find_unit_year(*profile, unit, year);
    if (k >= 0) g_web.app.ws.open(k);
    else g_web.app.ws.create(*profile, unit, year, qcity_js_now());
    app::mark_changed(g_web.app);
    g_web.api_result.clear();
    return g_web.api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_state() {
    const app::Item* it = g_web.app.ws.open_item();
    g_web.api_result = it ? assessment_to_json(it->assessment).dump(-1, ' ', false, Json::error_handler_t::replace) : "null";
    return g_web.api_result.c_str();
}

// web/qcity-shell.js: whether the page listens to qcity:results (the document is built for each
// change only then; window.qcity.results() builds it when called).
EMSCRIPTEN_KEEPALIVE void qcity_results_wanted(int wanted) { g_web.results_wanted = wanted != 0; }

// Browser tests (issue 13): the work done so far, to check it is done only when something changes.
EMSCRIPTEN_KEEPALIVE const char* qcity_test_work() {
    const app::WorkCounts& w = g_web.app.work;
    g_web.api_result = Json{{"evaluations", w.evaluations}, {"readiness", w.readiness}, {"rollups", w.rollups},
                            {"results_json", w.results_json}, {"frames", g_web.frame}}.dump();
    return g_web.api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_results() {
    g_web.api_result = results_json().dump(-1, ' ', false, Json::error_handler_t::replace);
    return g_web.api_result.c_str();
}

// setFigure(key, value): value as JSON text, or a number passed as a double (NaN and ±Infinity do
// not survive JSON). A value the core rejects is not stored: the call fails and nothing changes.
static const char* set_figure(const char* key, const FigureValue& v) {
    const Catalog& c = *g_web.app.ws.catalog;
    app::Item* it = g_web.app.ws.open_item();
    bool en = g_web.app.ws.lang == Lang::en;
    const FigureDef* f = key ? c.figure(key) : nullptr;
    if (!it) g_web.api_result = en ? "setFigure(): no assessment is open" : "setFigure()：尚未打开评估";
    else if (!f) g_web.api_result = std::string(en ? "setFigure(): unknown figure key '" : "setFigure()：未知的数据项 “") + (key ? key : "") + (en ? "'" : "”");
    else if (f->profile != it->assessment.profile)
        g_web.api_result = std::string(key) + (en ? ": belongs to the other profile" : "：属于另一类评估");
    else if (auto p = check_figure_value(c, *f, v)) g_web.api_result = p->message.get(g_web.app.ws.lang);
    else {
        g_web.app.ws.set_figure_value(key, v, qcity_js_now());
        app::mark_changed(g_web.app);
        g_web.api_result.clear();
    }
    return g_web.api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_set_figure_json(const char* key, const char* value_json) {
    Json j = Json::parse(value_json ? value_json : "", nullptr, false);
    if (j.is_discarded() || j.is_array() || j.is_object()) {
        g_web.api_result = g_web.app.ws.lang == Lang::en ? "setFigure(): the value must be a number, true/false, text or null"
                                                 : "setFigure()：值应为数字、true/false、文本或 null";
        return g_web.api_result.c_str();
    }
    return set_figure(key, FigureValue::from_json(j));
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_set_figure_number(const char* key, double value) {
    // Whole numbers stay integers (as they would read from a file); others are reals.
    FigureValue v = (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15)
                        ? FigureValue::integer((int64_t)value) : FigureValue::real(value);
    return set_figure(key, v);
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_set_language(const char* lang) {
    auto l = parse_lang(lang ? lang : "");
    if (!l) {
        g_web.api_result = std::string("setLanguage(): expected 'zh-CN' or 'en', got '") + (lang ? lang : "") + "'";
        return g_web.api_result.c_str();
    }
    g_web.app.ws.lang = *l;
    app::mark_view_changed(g_web.app);  // nothing to judge again (issue 13)
    g_web.api_result.clear();
    return g_web.api_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* qcity_api_language() { return g_web.app.ws.lang == Lang::en ? "en" : "zh-CN"; }

}  // extern "C"

//-------------------------------------------------------------------------------------------------
// [SECTION] Tests and benchmarks
//-------------------------------------------------------------------------------------------------

extern "C" {

// Turns the item hooks on (off in the shipped app: nothing recorded, no label built); returns 1 when
// they were on already, 0 when this call turned them on (the items appear once the next frame is
// drawn). tests/browser/lib.mjs calls it from openApp and
// before reading items, so a reloaded page gets its hooks back.
EMSCRIPTEN_KEEPALIVE int qcity_test_enable() {
    bool was = app::test_hooks_enable();
    if (!was) wake();
    return was ? 1 : 0;
}
// The labelled items of the last frame (turning the hooks on if they were off: then none yet).
EMSCRIPTEN_KEEPALIVE const char* qcity_test_items() {
    qcity_test_enable();
    g_web.api_result = app::test_items_json();
    return g_web.api_result.c_str();
}
// Dear ImGui's keyboard focus now (a failed keyboard test's report).
EMSCRIPTEN_KEEPALIVE const char* qcity_test_nav() {
    g_web.api_result = app::test_nav_json();
    return g_web.api_result.c_str();
}
// The whole workspace as it would be saved (every item, stamps and deletions): two-tab tests.
EMSCRIPTEN_KEEPALIVE const char* qcity_test_workspace() {
    g_web.api_result = g_web.app.ws.to_json().dump(-1, ' ', false, Json::error_handler_t::replace);
    return g_web.api_result.c_str();
}
EMSCRIPTEN_KEEPALIVE int qcity_frame_count() { return g_web.frame; }
EMSCRIPTEN_KEEPALIVE int qcity_loop_paused() { return g_web.paused ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int qcity_input_pending() { return GImGui ? GImGui->InputEventsQueue.Size : 0; }
EMSCRIPTEN_KEEPALIVE void qcity_request_redraw() { wake(); }
EMSCRIPTEN_KEEPALIVE double qcity_frame_ms_last() { return g_web.frame_ms_last; }
EMSCRIPTEN_KEEPALIVE double qcity_frame_ms_mean() { return g_web.frame_ms_count ? g_web.frame_ms_sum / g_web.frame_ms_count : 0.0; }
EMSCRIPTEN_KEEPALIVE void qcity_frame_ms_reset() { g_web.frame_ms_sum = 0; g_web.frame_ms_count = 0; }
}  // extern "C"
