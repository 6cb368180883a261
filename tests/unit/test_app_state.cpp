// What the app computes from the workspace (src/app/app_state.cpp), counted: judged once per change
// of content, never again for a frame, a language or a screen switch (issue 13).
#include "support.h"

#include "app.h"

namespace qcity_test_app_state {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using namespace qcity::app;
using qt::I;

namespace {

// An app over two county items of 2023 (the second one open) that counts the page's notifications.
struct Fixture {
    App app;
    int told = 0;
    Fixture() {
        app.ws.catalog = &qt::cat();
        app.platform.changed = [this] { ++told; };
        for (const char* unit : {"东台市", "大丰区"}) {
            Problem error;
            REQUIRE(app.ws.import_text(write_assessment(qt::good_county(unit, 2023)), false, 1000, error) == ImportResult::added);
        }
        app.ws.open(1);
    }
};

}  // namespace

TEST_SUITE("app state") {

TEST_CASE("the open item is judged once per change of content, not for the language or the screen") {
    Fixture f;
    App& app = f.app;
    const Evaluation* e = &current_evaluation(app);
    CHECK(app.work.evaluations == 1);
    for (int frame = 0; frame < 5; ++frame) current_evaluation(app);  // frames draw from it
    CHECK(app.work.evaluations == 1);

    app.ws.lang = Lang::en;
    mark_view_changed(app);
    app.ws.screen = Screen::results;
    mark_view_changed(app);
    CHECK(&current_evaluation(app) == e);
    CHECK(app.work.evaluations == 1);
    CHECK(f.told == 2);  // the page still hears of both (its results are in the language)
    CHECK(app.redraw);

    int met = current_evaluation(app).summary.met;
    app.ws.set_figure_value("one_stop_platform", FigureValue::boolean(false), 2000);
    mark_changed(app);
    CHECK(f.told == 3);
    CHECK(current_evaluation(app).summary.met == met - 1);  // the edit is judged
    CHECK(app.work.evaluations == 2);
}

TEST_CASE("a change made during a frame is applied after it") {
    Fixture f;
    App& app = f.app;
    current_evaluation(app);
    app.in_frame = true;
    app.ws.set_figure_value("one_stop_platform", FigureValue::boolean(false), 2000);
    mark_changed(app);
    mark_view_changed(app);  // a view change in the same frame does not cancel the content change
    CHECK(f.told == 0);
    current_evaluation(app);
    CHECK(app.work.evaluations == 1);  // the frame still reads what it started with
    app.in_frame = false;
    announce_change(app);
    CHECK(f.told == 1);
    current_evaluation(app);
    CHECK(app.work.evaluations == 2);
}

TEST_CASE("the roll-up is computed when the counties chosen or their figures change") {
    Fixture f;
    App& app = f.app;
    const RollupCache& r = current_rollup(app, {0, 1});
    REQUIRE(r.ok);
    CHECK(r.rollup.units.size() == 2);
    CHECK(r.matrix.cells.size() == 2);
    CHECK(app.work.rollups == 1);
    for (int frame = 0; frame < 5; ++frame) current_rollup(app, {0, 1});
    app.ws.lang = Lang::en;
    mark_view_changed(app);
    current_rollup(app, {0, 1});
    CHECK(app.work.rollups == 1);

    CHECK(current_rollup(app, {0}).rollup.units.size() == 1);  // a county left out
    CHECK(app.work.rollups == 2);
    current_rollup(app, {0});
    CHECK(app.work.rollups == 2);

    app.ws.open(0);
    app.ws.set_figure_value("above_scale_with_cqo", I(1), 3000);
    mark_changed(app);
    const RollupCache& after = current_rollup(app, {0});
    CHECK(app.work.rollups == 3);
    CHECK(after.rollup.city.figures.at("above_scale_with_cqo") == I(1));

    // Refused roll-ups are kept too (the same county twice).
    CHECK_FALSE(current_rollup(app, {0, 0}).ok);
    CHECK_FALSE(current_rollup(app, {0, 0}).problems.empty());
    CHECK(app.work.rollups == 4);
}

}  // TEST_SUITE

}  // namespace qcity_test_app_state
