// Importing a file over a saved assessment as a merge (issue 15, the app's side of `qcity merge`):
// Workspace::prepare_merge / choose_side / apply_merge, what the app's merge dialog drives.
#include "support.h"

#include "workspace.h"

namespace qcity_test_workspace_file_merge {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using namespace qcity::app;
using qt::I;

namespace {

Workspace with(const Assessment& a) {
    Workspace ws;
    ws.catalog = &qt::cat();
    ws.session = "t";
    Problem error;
    REQUIRE(ws.import_text(write_assessment(a), false, 1000, error) == ImportResult::added);
    return ws;
}

// The saved item's value of a figure (absent when it has none).
FigureValue fig(const Workspace& ws, const std::string& key, size_t item = 0) {
    const FigureValue* v = ws.items[item].assessment.get(key);
    return v ? *v : FigureValue{};
}

}  // namespace

TEST_SUITE("workspace file merge") {

TEST_CASE("figures only one side has are taken from each; sources name both sides") {
    Assessment saved = qt::county();
    saved.figures["mfg_qualified_batches"] = I(1150);
    saved.figures["mfg_sampled_batches"] = I(1200);
    Workspace ws = with(saved);
    // A department's file, as the app's "send to departments" writes it and the department fills it.
    const DepartmentDef* civil = qt::cat().department("civil_affairs");
    REQUIRE(civil);
    Assessment dep = make_department_template(qt::cat(), Profile::county, *civil, "东台市", 2023);
    std::vector<std::string> keys = department_figures(qt::cat(), Profile::county, "civil_affairs");
    REQUIRE(keys.size() >= 2);
    dep.figures[keys[0]] = I(12);
    dep.figures[keys[1]] = I(7);
    const std::string csv = figures_to_csv(qt::cat(), dep, Lang::zh);

    FileMerge m;
    Problem error;
    REQUIRE(ws.prepare_merge(0, csv, "东台-民政局.csv", "本浏览器", m, error));
    CHECK(m.result.conflicts.empty());
    // Nothing changed yet.
    CHECK(fig(ws, keys[0]).absent());
    const double stamp_before = ws.items[0].edited_ms;

    CHECK(ws.apply_merge(m, 5000) == 2);
    CHECK(fig(ws, "mfg_qualified_batches") == I(1150));
    CHECK(fig(ws, keys[0]) == I(12));
    CHECK(fig(ws, keys[1]) == I(7));
    const auto& sources = ws.items[0].assessment.sources;
    CHECK(sources.at("mfg_qualified_batches") == "本浏览器");
    CHECK(sources.at(keys[0]) == civil->name.zh);  // the file's department, not its name
    CHECK(ws.items[0].edited_ms > stamp_before);
    CHECK(ws.items[0].stamps.count("figure:" + keys[0]));
    CHECK(ws.items[0].stamps.count("sources"));
    CHECK_FALSE(ws.items[0].stamps.at("figure:mfg_qualified_batches").at == 5000);  // unchanged: not stamped again
}

TEST_CASE("a conflict waits for a side; nothing changes until every conflict is chosen") {
    Assessment saved = qt::county();
    saved.figures["mfg_sampled_batches"] = I(1200);
    saved.figures["mfg_qualified_batches"] = I(1150);
    Workspace ws = with(saved);
    ws.items[0].drafts["mfg_sampled_batches"] = "12OO";  // a typo kept as typed (a draft)
    Assessment theirs = qt::county();
    theirs.figures["mfg_sampled_batches"] = I(1300);
    theirs.figures["mfg_qualified_batches"] = I(1100);
    theirs.figures["above_scale_enterprises"] = I(140);

    FileMerge m;
    Problem error;
    REQUIRE(ws.prepare_merge(0, write_assessment(theirs), "b.json", "本浏览器", m, error));
    REQUIRE(m.result.conflicts.size() == 2);
    CHECK(m.result.conflicts[0].key == "mfg_qualified_batches");  // in entry order
    const qcity::MergeConflict& c = m.result.conflicts[1];
    CHECK(c.key == "mfg_sampled_batches");
    CHECK(c.file_a == FileMerge::here);
    CHECK(c.file_b == FileMerge::file);
    CHECK(c.shown_a.zh == "1200");
    CHECK(c.shown_b.zh == "1300");
    CHECK(m.unchosen() == 2);
    CHECK(ws.apply_merge(m, 5000) == -1);
    CHECK(fig(ws, "mfg_sampled_batches") == I(1200));
    CHECK(fig(ws, "above_scale_enterprises").absent());

    ws.choose_side(m, "mfg_sampled_batches", FileMerge::file);
    CHECK(m.unchosen() == 1);
    CHECK(ws.apply_merge(m, 5000) == -1);
    ws.choose_side(m, "mfg_qualified_batches", FileMerge::here);
    CHECK(m.unchosen() == 0);
    CHECK(ws.apply_merge(m, 6000) == 2);  // 1300 and 140; 1150 stays
    CHECK(fig(ws, "mfg_sampled_batches") == I(1300));
    CHECK(fig(ws, "mfg_qualified_batches") == I(1150));
    CHECK(fig(ws, "above_scale_enterprises") == I(140));
    CHECK(ws.items[0].drafts.count("mfg_sampled_batches") == 0);  // the chosen value replaced the typo
    CHECK(ws.items[0].assessment.sources.at("mfg_sampled_batches") == "b.json");
    CHECK(ws.items[0].assessment.sources.at("mfg_qualified_batches") == "本浏览器");
}

TEST_CASE("a file of another unit or year does not merge; a frozen submission stays") {
    Assessment saved = qt::county();
    saved.figures["mfg_sampled_batches"] = I(1200);
    Workspace ws = with(freeze(saved, "2026-12-01T08:00:00Z"));
    REQUIRE(ws.items[0].assessment.submission);
    FileMerge m;
    Problem error;
    CHECK_FALSE(ws.prepare_merge(0, write_assessment(qt::county("东台市", 2022)), "old.json", "本浏览器", m, error));
    CHECK(error.code == "merge_mismatch");
    CHECK(qt::contains(error.message.zh, "old.json"));

    Assessment more = qt::county();
    more.figures["above_scale_enterprises"] = I(140);
    REQUIRE(ws.prepare_merge(0, write_assessment(more), "more.json", "本浏览器", m, error));
    CHECK(ws.apply_merge(m, 5000) == 1);
    REQUIRE(ws.items[0].assessment.submission);
    CHECK(check_submission(qt::cat(), ws.items[0].assessment).state == SubmissionState::changed);
}

TEST_CASE("the merged sources reach another tab") {
    Assessment saved = qt::county();
    Workspace a = with(saved);
    Workspace b;
    b.catalog = &qt::cat();
    b.session = "u";
    REQUIRE(b.from_json(a.to_json()));
    Assessment more = qt::county();
    more.figures["above_scale_enterprises"] = I(140);
    FileMerge m;
    Problem error;
    REQUIRE(a.prepare_merge(0, write_assessment(more), "more.json", "本浏览器", m, error));
    REQUIRE(a.apply_merge(m, 5000) == 1);
    MergeReport r;
    REQUIRE(b.merge_from(a.to_json(), r));
    CHECK(fig(b, "above_scale_enterprises") == I(140));
    CHECK(b.items[0].assessment.sources.at("above_scale_enterprises") == "more.json");
}

}  // TEST_SUITE

}  // namespace qcity_test_workspace_file_merge
