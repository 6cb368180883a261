// The county workflow in the app's workspace (issue 15, items 4–6): evidence per indicator, the
// sign-off and 定稿 are edits of the open assessment like figures — kept in the saved workspace,
// stamped entry by entry so that two tabs merge them, and frozen by the core's freeze().
#include "support.h"

#include "workspace.h"
#include "workspace_tabs.h"

namespace qcity_test_workspace_workflow {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qcity::app::MergeReport;
using qcity::app::Workspace;
using qt::I;
using qt::assessment_of;
using qt::save;
using qt::tab;

namespace {

Evidence provided(std::string where) {
    Evidence e;
    e.status = EvidenceStatus::provided;
    e.where = std::move(where);
    return e;
}

}  // namespace

TEST_CASE("workspace: evidence, sign-off and a submission are kept in the saved workspace") {
    Workspace ws = tab("", "t1");
    ws.create(Profile::county, "东台市", 2023, 1000);
    CHECK(ws.set_evidence("mfg_pass_rate", provided("档案室 3 号柜"), 1100));
    Evidence not_needed;
    not_needed.status = EvidenceStatus::not_needed;
    CHECK(ws.set_evidence("cqo_coverage", not_needed, 1101));
    CHECK(ws.set_signoff("preparer", "张三", 1102));
    CHECK(ws.set_signoff("date", "2024-03-15", 1103));
    CHECK_FALSE(ws.set_signoff("stamp", "x", 1104));  // not a sign-off member: nothing changes
    ws.set_figure_value("mfg_sampled_batches", I(1200), 1105);
    CHECK(ws.freeze_open("2024-03-15T08:00:00Z", 1106));

    Workspace back = tab(ws.to_json().dump(), "t2");
    const Assessment& a = back.items[0].assessment;
    CHECK(a == ws.items[0].assessment);
    REQUIRE(a.evidence.count("mfg_pass_rate"));
    CHECK(a.evidence.at("mfg_pass_rate").where == "档案室 3 号柜");
    CHECK(a.evidence.at("cqo_coverage").status == EvidenceStatus::not_needed);
    CHECK(a.signoff.preparer == "张三");
    CHECK(a.signoff.date == "2024-03-15");
    REQUIRE(a.submission);
    CHECK(a.submission->current.at == "2024-03-15T08:00:00Z");
    CHECK(a.submission->current.sha256 == content_sha256(a));
    CHECK(check_submission(qt::cat(), a).state == SubmissionState::unchanged);

    // The evaluation counts the evidence: 1 provided, of the indicators less the one not needed.
    Evaluation e = evaluate(qt::cat(), a);
    CHECK(e.summary.evidence_provided == 1);
    CHECK(e.summary.evidence_expected == (int)e.results.size() - 1);
}

TEST_CASE("workspace: evidence set back to missing with nothing written is no entry (as the core counts it)") {
    Workspace ws = tab("", "t1");
    ws.create(Profile::county, "东台市", 2023, 1000);
    ws.set_evidence("mfg_pass_rate", provided("A-3"), 1100);
    REQUIRE(ws.open_item()->assessment.evidence.count("mfg_pass_rate"));
    ws.set_evidence("mfg_pass_rate", Evidence{}, 1101);
    CHECK(ws.open_item()->assessment.evidence.empty());
    Evidence noted;
    noted.note = "待补交";
    ws.set_evidence("mfg_pass_rate", noted, 1102);  // missing, but with a note: kept
    CHECK(ws.open_item()->assessment.evidence.at("mfg_pass_rate").note == "待补交");
    ws.set_evidence("mfg_pass_rate", std::nullopt, 1103);
    CHECK(ws.open_item()->assessment.evidence.empty());
}

TEST_CASE("workspace: an edit after freezing is a change since the submission; freezing again is the next version") {
    Workspace ws = tab("", "t1");
    ws.create(Profile::county, "东台市", 2023, 1000);
    ws.set_figure_value("mfg_sampled_batches", I(1200), 1100);
    ws.freeze_open("2024-03-15T08:00:00Z", 1200);
    const std::string first = ws.open_item()->assessment.submission->current.sha256;
    ws.set_figure_value("mfg_sampled_batches", I(1300), 1300);
    SubmissionCheck c = check_submission(qt::cat(), ws.open_item()->assessment);
    CHECK(c.state == SubmissionState::changed);
    REQUIRE(c.changes.size() == 1);
    CHECK(c.changes[0].key == "mfg_sampled_batches");
    ws.freeze_open("2024-03-16T08:00:00Z", 1400);
    const Submission& s = *ws.open_item()->assessment.submission;
    CHECK(s.current.version == 2);
    CHECK(s.current.sha256 != first);
    REQUIRE(s.previous.size() == 1);
    CHECK(s.previous[0].sha256 == first);
    CHECK(check_submission(qt::cat(), ws.open_item()->assessment).state == SubmissionState::unchanged);
}

TEST_CASE("two tabs: evidence, sign-off members and a freeze made in different tabs all survive the merge") {
    std::string stored;
    Workspace first = tab(stored, "seed");
    first.create(Profile::county, "东台市", 2023, 1000);
    save(first, stored);
    const std::string id = first.items[0].id;

    Workspace a = tab(stored, "tabA"), b = tab(stored, "tabB");
    a.open(a.find(id));
    b.open(b.find(id));
    a.set_evidence("mfg_pass_rate", provided("A-3"), 2000);
    a.set_signoff("preparer", "张三", 2001);
    b.set_evidence("cqo_coverage", provided("B-7"), 2002);
    b.set_signoff("reviewer", "李四", 2003);
    save(a, stored);
    MergeReport rb = save(b, stored);
    CHECK(rb.conflicts.empty());
    const Assessment& merged = assessment_of(b, id);
    CHECK(merged.evidence.at("mfg_pass_rate").where == "A-3");
    CHECK(merged.evidence.at("cqo_coverage").where == "B-7");
    CHECK(merged.signoff.preparer == "张三");
    CHECK(merged.signoff.reviewer == "李四");

    // Tab A freezes after hearing of B's edits; B, hearing of it, has the same submission.
    MergeReport ra;
    REQUIRE(a.merge_from(Json::parse(stored), ra));
    a.freeze_open("2024-03-15T08:00:00Z", 3000);
    save(a, stored);
    REQUIRE(b.merge_from(Json::parse(stored), rb));
    REQUIRE(assessment_of(b, id).submission);
    CHECK(*assessment_of(b, id).submission == *assessment_of(a, id).submission);
    CHECK(check_submission(qt::cat(), assessment_of(b, id)).state == SubmissionState::unchanged);
}

TEST_CASE("two tabs: the same evidence edited in both keeps the later one and names what was replaced") {
    std::string stored;
    Workspace first = tab(stored, "seed");
    first.create(Profile::county, "东台市", 2023, 1000);
    save(first, stored);
    const std::string id = first.items[0].id;
    Workspace a = tab(stored, "tabA"), b = tab(stored, "tabB");
    a.open(a.find(id));
    b.open(b.find(id));
    a.set_evidence("mfg_pass_rate", provided("A-3"), 2000);
    b.set_evidence("mfg_pass_rate", provided("B-7"), 2001);  // later
    save(b, stored);
    MergeReport ra = save(a, stored);
    REQUIRE(ra.conflicts.size() == 1);
    CHECK(ra.conflicts[0].entry == "evidence:mfg_pass_rate");
    CHECK(ra.conflicts[0].lost_shown.zh == "已提供，A-3");
    CHECK(ra.conflicts[0].kept_shown.en == "Provided, B-7");
    CHECK(assessment_of(a, id).evidence.at("mfg_pass_rate").where == "B-7");
}

TEST_CASE("workspace: a department's file merged in brings its evidence and sign-off, stamped so another tab takes them") {
    Workspace ws = tab("", "t1");
    ws.create(Profile::county, "东台市", 2023, 1000);
    ws.set_figure_value("mfg_sampled_batches", I(1200), 1001);
    std::string stored;
    save(ws, stored);

    Assessment dep = qt::county("东台市", 2023);
    dep.evidence["mfg_pass_rate"] = provided("市场监管局 2 号柜");
    dep.signoff.preparer = "李四";
    app::FileMerge m;
    Problem error;
    REQUIRE(ws.prepare_merge(0, write_assessment(dep), "市场监管局.json", "本浏览器", m, error));
    REQUIRE(m.result.unsettled() == 0);
    ws.apply_merge(m, 5000);
    CHECK(assessment_of(ws, ws.items[0].id).evidence.at("mfg_pass_rate").where == "市场监管局 2 号柜");
    REQUIRE(ws.items[0].stamps.count("evidence:mfg_pass_rate"));
    CHECK(ws.items[0].stamps.at("evidence:mfg_pass_rate").at == 5000);
    REQUIRE(ws.items[0].stamps.count("signoff:preparer"));
    CHECK(ws.items[0].stamps.at("signoff:preparer").at == 5000);
    CHECK_FALSE(ws.items[0].stamps.count("signoff:reviewer"));  // unchanged: not stamped

    // A second tab that saw the workspace before the merge, and edited only the reviewer, keeps the
    // merge's evidence and preparer when it saves.
    Workspace other = tab(stored, "t2");
    save(ws, stored);
    other.open(0, app::Screen::entry);
    other.set_signoff("reviewer", "王五", 6000);
    save(other, stored);
    Workspace back = tab(stored, "t3");
    const Assessment& a = back.items[0].assessment;
    CHECK(a.evidence.at("mfg_pass_rate").where == "市场监管局 2 号柜");
    CHECK(a.signoff.preparer == "李四");
    CHECK(a.signoff.reviewer == "王五");
}

TEST_CASE("workspace: a table imported over a frozen assessment keeps its 定稿 (shown as changed since), its evidence and sign-off") {
    Workspace ws = tab("", "t1");
    ws.create(Profile::county, "东台市", 2023, 1000);
    ws.set_figure_value("mfg_sampled_batches", I(1200), 1001);
    ws.set_evidence("mfg_pass_rate", provided("档案室"), 1002);
    ws.set_signoff("preparer", "张三", 1003);
    REQUIRE(ws.freeze_open("2024-03-15T08:00:00Z", 1004));
    const std::string frozen_hash = ws.open_item()->assessment.submission->current.sha256;

    // The figures table of another copy, one figure changed, no evidence or sign-off rows.
    Assessment copy = qt::county("东台市", 2023);
    copy.figures["mfg_sampled_batches"] = I(1300);
    const std::string csv = figures_to_csv(qt::cat(), copy, Lang::zh);
    Problem error;
    REQUIRE(ws.import_file(csv, "东台.csv", true, 2000, error) == app::ImportResult::replaced);
    const Assessment& a = ws.items[0].assessment;
    CHECK(a.get("mfg_sampled_batches") != nullptr);
    CHECK(*a.get("mfg_sampled_batches") == I(1300));
    REQUIRE(a.submission);
    CHECK(a.submission->current.sha256 == frozen_hash);
    CHECK(check_submission(qt::cat(), a).state == SubmissionState::changed);
    CHECK(a.evidence.at("mfg_pass_rate").where == "档案室");
    CHECK(a.signoff.preparer == "张三");

    // A table that has sign-off rows: those win; what it leaves blank is kept.
    copy.signoff.reviewer = "王五";
    REQUIRE(ws.import_file(figures_to_csv(qt::cat(), copy, Lang::zh), "东台.csv", true, 3000, error) == app::ImportResult::replaced);
    CHECK(ws.items[0].assessment.signoff.reviewer == "王五");
    CHECK(ws.items[0].assessment.signoff.preparer == "张三");
}

}  // namespace qcity_test_workspace_workflow
