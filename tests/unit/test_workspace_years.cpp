// Over the years in the app (issue 16): a confirmed unusual change is an edit of the open assessment
// like evidence — stamped "confirmed:<key>", kept in the saved workspace, merged between two tabs —
// and what the app works out from the saved years (current_years, app_state.cpp): the open item's
// unusual changes since the latest earlier year of its unit, and its unit's trend, computed once per
// change of content.
#include "support.h"

#include "app.h"
#include "workspace.h"
#include "workspace_tabs.h"

namespace qcity_test_workspace_years {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qcity::app::MergeReport;
using qcity::app::Workspace;
using qt::I;
using qt::assessment_of;
using qt::save;
using qt::tab;

namespace {

// Two saved years of 东台市, the second (2023) open, with mfg_sampled_batches ×10 since 2022.
void two_years(Workspace& ws) {
    Problem error;
    Assessment y2022 = qt::good_county("东台市", 2022);
    y2022.figures["mfg_sampled_batches"] = I(120);
    y2022.figures["mfg_qualified_batches"] = I(118);
    Assessment y2023 = qt::good_county("东台市", 2023);
    y2023.figures["mfg_sampled_batches"] = I(1200);
    y2023.figures["mfg_qualified_batches"] = I(1180);
    REQUIRE(ws.import_text(write_assessment(y2022), false, 1000, error) == app::ImportResult::added);
    REQUIRE(ws.import_text(write_assessment(y2023), false, 1001, error) == app::ImportResult::added);
    ws.open(ws.find_unit_year(Profile::county, "东台市", 2023));
}

}  // namespace

TEST_CASE("workspace: a confirmation is a stamped entry, kept in the saved workspace") {
    Workspace ws = tab("", "t1");
    ws.create(Profile::county, "东台市", 2023, 1000);
    CHECK_FALSE(ws.confirm_figure("mfg_sampled_batches", "x", 1050));  // no value yet: nothing to confirm
    CHECK(ws.open_item()->assessment.confirmed.empty());
    ws.set_figure_value("mfg_sampled_batches", I(1200), 1100);
    CHECK(ws.confirm_figure("mfg_sampled_batches", "两家新检测机构", 1200));
    const app::Item& it = *ws.open_item();
    REQUIRE(it.stamps.count("confirmed:mfg_sampled_batches"));
    CHECK(it.stamps.at("confirmed:mfg_sampled_batches").at == 1200);
    CHECK(it.stamps.at("confirmed:mfg_sampled_batches").by == "t1");
    CHECK(is_confirmed(it.assessment, "mfg_sampled_batches"));

    Workspace back = tab(ws.to_json().dump(), "t2");
    const Assessment& a = back.items[0].assessment;
    REQUIRE(a.confirmed.count("mfg_sampled_batches"));
    CHECK(a.confirmed.at("mfg_sampled_batches").note == "两家新检测机构");
    CHECK(a.confirmed.at("mfg_sampled_batches").value == I(1200));
    CHECK(back.items[0].stamps.count("confirmed:mfg_sampled_batches"));

    // A new value is not what was confirmed: the warning comes back (the entry stays, for its note).
    back.open(0);
    back.set_figure_value("mfg_sampled_batches", I(1300), 1300);
    CHECK_FALSE(is_confirmed(back.items[0].assessment, "mfg_sampled_batches"));
}

TEST_CASE("two tabs: a confirmation made in one tab reaches the other; the later of two wins and is named") {
    std::string stored;
    Workspace first = tab(stored, "seed");
    first.create(Profile::county, "东台市", 2023, 1000);
    first.set_figure_value("mfg_sampled_batches", I(1200), 1001);
    first.set_figure_value("consumer_sampled_batches", I(5000), 1002);
    save(first, stored);
    const std::string id = first.items[0].id;

    Workspace a = tab(stored, "tabA"), b = tab(stored, "tabB");
    a.open(a.find(id));
    b.open(b.find(id));
    a.confirm_figure("mfg_sampled_batches", "A 的说明", 2000);
    b.confirm_figure("consumer_sampled_batches", "B 的说明", 2001);
    save(a, stored);
    MergeReport rb = save(b, stored);
    CHECK(rb.conflicts.empty());
    CHECK(assessment_of(b, id).confirmed.at("mfg_sampled_batches").note == "A 的说明");
    CHECK(assessment_of(b, id).confirmed.at("consumer_sampled_batches").note == "B 的说明");
    MergeReport ra;
    REQUIRE(a.merge_from(Json::parse(stored), ra));
    CHECK(assessment_of(a, id).confirmed.at("consumer_sampled_batches").note == "B 的说明");

    // Both confirm the same figure: the later note is kept, the earlier one named as replaced.
    a.confirm_figure("mfg_sampled_batches", "A 改", 3000);
    b.confirm_figure("mfg_sampled_batches", "B 改", 3001);
    save(b, stored);
    ra = save(a, stored);
    REQUIRE(ra.conflicts.size() == 1);
    CHECK(ra.conflicts[0].entry == "confirmed:mfg_sampled_batches");
    CHECK(ra.conflicts[0].lost_text == "A 改");
    CHECK(ra.conflicts[0].kept_text == "B 改");
    CHECK(assessment_of(a, id).confirmed.at("mfg_sampled_batches").note == "B 改");
}

TEST_CASE("app state: the open item's unusual changes and its unit's trend, once per change of content") {
    app::App appl;
    appl.ws.catalog = &qt::cat();
    two_years(appl.ws);
    const app::YearsCache& y = app::current_years(appl);
    CHECK(appl.work.years == 1);
    CHECK(y.previous_year == 2022);
    const UnusualChange* u = y.unusual_of("mfg_sampled_batches");
    REQUIRE(u);
    CHECK_FALSE(u->confirmed);
    CHECK(qt::contains(u->message.zh, "120"));
    CHECK(qt::contains(u->message.zh, "1200"));
    CHECK(y.unconfirmed == (int)y.unusual.size());
    CHECK(y.has_trend);
    CHECK(y.trend.years == std::vector<int>{2022, 2023});
    REQUIRE(y.trend_of("mfg_pass_rate"));
    CHECK(y.trend_of("mfg_pass_rate")->series.size() == 2);

    // Frames, the language, the screen: nothing is worked out again.
    for (int i = 0; i < 3; ++i) app::current_years(appl);
    appl.ws.lang = Lang::en;
    app::mark_view_changed(appl);
    app::current_years(appl);
    CHECK(appl.work.years == 1);

    // Confirmed: the warning rests (still listed, marked), counted once more.
    REQUIRE(appl.ws.confirm_figure("mfg_sampled_batches", "核实过", 5000));
    app::mark_changed(appl);
    const app::YearsCache& y2 = app::current_years(appl);
    CHECK(appl.work.years == 2);
    REQUIRE(y2.unusual_of("mfg_sampled_batches"));
    CHECK(y2.unusual_of("mfg_sampled_batches")->confirmed);
    CHECK(y2.unusual_of("mfg_sampled_batches")->note == "核实过");
    CHECK(y2.unconfirmed == (int)y2.unusual.size() - 1);

    // A new value warns again.
    appl.ws.set_figure_value("mfg_sampled_batches", I(1500), 6000);
    app::mark_changed(appl);
    REQUIRE(app::current_years(appl).unusual_of("mfg_sampled_batches"));
    CHECK_FALSE(app::current_years(appl).unusual_of("mfg_sampled_batches")->confirmed);

    // The earlier year opened: nothing earlier to compare with; the trend is the same unit's.
    appl.ws.open(appl.ws.find_unit_year(Profile::county, "东台市", 2022));
    app::mark_changed(appl);
    CHECK(app::current_years(appl).unusual.empty());
    CHECK(app::current_years(appl).previous_year == 0);
    CHECK(app::current_years(appl).has_trend);

    // Another unit, one year only: no trend, no warnings.
    Problem error;
    REQUIRE(appl.ws.import_text(write_assessment(qt::good_county("大丰区", 2023)), false, 7000, error) == app::ImportResult::added);
    appl.ws.open(appl.ws.find_unit_year(Profile::county, "大丰区", 2023));
    app::mark_changed(appl);
    CHECK_FALSE(app::current_years(appl).has_trend);
    CHECK(app::current_years(appl).unusual.empty());
}

TEST_CASE("app state: the roll-up carries the league, in the core's order") {
    app::App appl;
    appl.ws.catalog = &qt::cat();
    Problem error;
    Assessment weak = qt::good_county("大丰区", 2023);
    weak.figures["one_stop_platform"] = qt::B(false);
    REQUIRE(appl.ws.import_text(write_assessment(weak), false, 1000, error) == app::ImportResult::added);
    REQUIRE(appl.ws.import_text(write_assessment(qt::good_county("东台市", 2023)), false, 1001, error) == app::ImportResult::added);
    const app::RollupCache& rc = app::current_rollup(appl, {0, 1});
    REQUIRE(rc.ok);
    REQUIRE(rc.league.rows.size() == 2);
    CHECK(rc.league.rows[0].unit == "东台市");  // more met, though saved second
    CHECK(rc.league.rows[0].met == rc.league.rows[1].met + 1);
    CHECK(rc.league.indicators.size() == rc.matrix.indicators.size());
}

}  // namespace qcity_test_workspace_years
