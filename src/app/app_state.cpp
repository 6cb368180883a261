// qcity app — what the app works out from the workspace, computed when what it reads changes and
// kept between frames (issue 13: work only when something changes): the open item's evaluation and
// the city roll-up. A frame draws from these; it never re-judges. An edit, an import or another item
// opened is a change of content (mark_changed); the language or the screen is a change of view
// (mark_view_changed): the page is told (its results carry texts in the language) and the screen
// redrawn, but nothing is judged again — evaluations hold both languages' words (Text).
// No ImGui here: the native unit tests build this file (tests/unit/test_app_state.cpp).
//
// Index of this file
// [SECTION] Changes
// [SECTION] The open item's evaluation (and its submission)
// [SECTION] Over the years: unusual changes and the trend of the open item's unit (issue 16)
// [SECTION] The city roll-up

#include "app.h"

#include <map>

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Changes
//-------------------------------------------------------------------------------------------------

// A change made while a frame is drawn is applied after it (the frame is still reading the
// evaluation a content change would recompute): app.cpp's frame() calls announce_change() then.
void announce_change(App& app) {
    app.change_pending = false;
    if (app.content_pending) {
        app.content_pending = false;
        ++app.revision;
        app.eval_valid = false;
        app.readiness_valid = false;
        app.changes_valid = false;
        app.submission_valid = false;
    }
    if (app.platform.changed) app.platform.changed();
}

void mark_changed(App& app) {
    app.redraw = true;
    app.change_pending = true;
    app.content_pending = true;
    if (!app.in_frame) announce_change(app);
}

void mark_view_changed(App& app) {
    app.redraw = true;
    app.change_pending = true;
    if (!app.in_frame) announce_change(app);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The open item's evaluation (and its submission)
//-------------------------------------------------------------------------------------------------

const Evaluation& current_evaluation(App& app) {
    if (!app.eval_valid) {
        const Item* it = app.ws.open_item();
        app.eval = it ? evaluate(*app.ws.catalog, it->assessment) : Evaluation{};
        app.eval_valid = true;
        ++app.work.evaluations;
    }
    return app.eval;
}

// Canonical content and its SHA-256 are computed only for a frozen item, and only when it changed.
const SubmissionCheck& current_submission(App& app) {
    if (!app.submission_valid) {
        const Item* it = app.ws.open_item();
        app.submission = it && it->assessment.submission ? check_submission(*app.ws.catalog, it->assessment) : SubmissionCheck{};
        app.submission_valid = true;
        if (it && it->assessment.submission) ++app.work.submission_checks;
    }
    return app.submission;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Over the years: unusual changes and the trend of the open item's unit (issue 16)
//-------------------------------------------------------------------------------------------------

const YearsCache& current_years(App& app) {
    YearsCache& yc = app.years_cache;
    const Item* open = app.ws.open_item();
    static const std::string none;
    const std::string& id = open ? open->id : none;
    // (The catalog as looked up so far: with nothing open none is needed, and a first visit's first
    // frame draws without it: Workspace::catalog.)
    if (yc.valid && yc.revision == app.revision && yc.catalog == app.ws.catalog.loaded() && yc.item_id == id) return yc;  // (no copy: every field asks)
    yc = YearsCache{};
    yc.valid = true;
    yc.revision = app.revision;
    yc.item_id = id;
    ++app.work.years;
    if (!open) return yc;
    yc.catalog = app.ws.catalog;
    const Catalog& c = *yc.catalog;
    const Assessment& now = open->assessment;
    if (now.settings.city()) return yc;  // a city roll-up saved as a file: its years are the counties'
    // The unit's saved years, one item each (the open one for its own year; a copy kept beside a
    // restored one, kept_from, only when its year has no other).
    std::map<int, const Assessment*> by_year;
    by_year[now.year] = &now;
    for (const Item& it : app.ws.items) {
        const Assessment& a = it.assessment;
        if (&it == open || a.profile != now.profile || a.unit != now.unit || a.catalog != now.catalog || a.settings.city()) continue;
        auto at = by_year.find(a.year);
        if (at == by_year.end() || (at->second != &now && !it.kept_from.empty())) by_year.emplace(a.year, &a);
    }
    std::vector<const Assessment*> saved;
    for (const auto& [year, a] : by_year)
        if (a != &now) saved.push_back(a);
    if (const Assessment* prev = previous_year(saved, now)) {
        yc.previous_year = prev->year;
        yc.unusual = find_unusual_changes(c, now, *prev);
        for (const UnusualChange& u : yc.unusual) yc.unconfirmed += !u.confirmed;
    }
    if (by_year.size() >= 2) {
        std::vector<const Assessment*> files;
        for (const auto& [year, a] : by_year) files.push_back(a);
        std::vector<Problem> problems;
        yc.has_trend = trend(c, files, yc.trend, problems, {}, now.profile == Profile::enterprise ? &builtin_readiness() : nullptr);
    }
    return yc;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] The city roll-up
//-------------------------------------------------------------------------------------------------

const RollupCache& current_rollup(App& app, const std::vector<int>& items) {
    RollupCache& rc = app.rollup_cache;
    std::vector<std::string> ids;
    for (int i : items) ids.push_back(app.ws.items[(size_t)i].id);
    if (rc.valid && rc.revision == app.revision && rc.catalog == app.ws.catalog && rc.ids == ids) return rc;
    std::vector<Assessment> counties;
    for (int i : items) counties.push_back(app.ws.items[(size_t)i].assessment);
    rc = RollupCache{};
    rc.valid = true;
    rc.revision = app.revision;
    rc.catalog = app.ws.catalog;
    rc.ids = std::move(ids);
    rc.ok = rollup(*app.ws.catalog, counties, rc.rollup, rc.problems);
    if (rc.ok) {
        rc.matrix = rollup_matrix(*app.ws.catalog, counties, rc.rollup);
        rc.league = league(*app.ws.catalog, rc.matrix);
    }
    ++app.work.rollups;
    return rc;
}

}  // namespace qcity::app
