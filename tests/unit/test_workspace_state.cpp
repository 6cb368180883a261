// The app's state without the app: Workspace (src/app/workspace.cpp, no ImGui, no browser) is what
// the web app, its page API and autosave change. Each operation is driven here natively.
#include "support.h"

#include "workspace.h"

namespace qcity_test_workspace_state {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using namespace qcity::app;
using qt::I;

namespace {

Workspace fresh() {
    Workspace ws;
    ws.catalog = &qt::cat();
    return ws;
}

std::string file_of(const Assessment& a) { return write_assessment(a); }

const Problem* problem_at(const std::vector<Problem>& ps, const std::string& key) {
    for (const Problem& p : ps)
        if (p.key == key) return &p;
    return nullptr;
}

// A gate of the first award whose rule is at_least (awards are data: found, not named).
std::pair<std::string, std::string> count_gate() {
    for (const AwardDef& a : builtin_readiness().awards)
        for (const GateDef& g : a.gates)
            if (g.rule == GateRule::at_least) return {a.id, g.id};
    FAIL("no at_least gate");
    return {};
}

}  // namespace

TEST_SUITE("workspace") {

TEST_CASE("create, duplicate, remove, open") {
    Workspace ws = fresh();
    CHECK(ws.open_item() == nullptr);
    int a = ws.create(Profile::county, "东台市", 2023, 1000);
    CHECK(a == 0);
    CHECK(ws.current == 0);
    CHECK(ws.screen == Screen::entry);
    REQUIRE(ws.open_item());
    CHECK(ws.open_item()->id == "a1");
    CHECK(ws.open_item()->edited_ms == 1000);
    // The template: every county figure present and absent.
    const Assessment& t = ws.open_item()->assessment;
    CHECK(t.unit == "东台市");
    CHECK(t.figures.size() == qt::cat().entry_order(Profile::county).size());
    for (const auto& [k, v] : t.figures) CHECK(v.absent());

    int b = ws.create(Profile::enterprise, "某公司", 2024, 2000);
    CHECK(b == 1);
    CHECK(ws.items[1].id == "a2");

    // A copy goes right after its original, opens, gets a new id, and is the next year of the same
    // unit (a county's unit must stay the catalog's): 2024, then 2025 once 2024 is taken.
    ws.open(0, Screen::results);
    CHECK(ws.screen == Screen::results);
    ws.set_figure_value("mfg_sampled_batches", I(100), 1500);
    int c = ws.duplicate(0, 3000);
    CHECK(c == 1);
    CHECK(ws.items.size() == 3);
    CHECK(ws.items[1].id == "a3");
    CHECK(ws.items[1].assessment.unit == "东台市");
    CHECK(ws.items[1].assessment.year == 2024);
    CHECK(ws.items[1].assessment.figures["mfg_sampled_batches"] == I(100));
    CHECK(ws.items[1].edited_ms == 3000);
    CHECK(ws.items[1].kept_from.empty());
    CHECK(ws.items[2].id == "a2");
    CHECK(ws.current == 1);
    CHECK(ws.screen == Screen::entry);
    CHECK(ws.duplicate(0, 3050) == 1);           // 2023 again: 2024 is taken, so 2025
    CHECK(ws.items[1].assessment.year == 2025);
    CHECK(ws.items[2].assessment.year == 2024);
    ws.remove(1);
    ws.lang = Lang::en;
    ws.duplicate(2, 3100);
    CHECK(ws.items[3].assessment.unit == "某公司");
    CHECK(ws.items[3].assessment.year == 2025);
    CHECK(ws.duplicate(9, 0) == -1);
    // Never past the catalog's years: from its last year the copy goes to the latest free one before.
    {
        Workspace y = fresh();
        const Catalog& c = *y.catalog;
        y.create(Profile::county, "盐都区", c.year_max, 0);
        REQUIRE(y.duplicate(0, 10) == 1);
        CHECK(y.items[1].assessment.year == c.year_max - 1);
        for (int year = c.year_min; year <= c.year_max; ++year)
            if (y.find_unit_year(Profile::county, "盐都区", year) < 0) y.create(Profile::county, "盐都区", year, 20);
        size_t n = y.items.size();
        CHECK(y.duplicate(0, 30) == -1);  // every year taken: no copy
        CHECK(y.items.size() == n);
    }
    CHECK(ws.items.size() == 4);

    // Removing before the open item keeps the same one open; removing the open one closes it.
    ws.open(2);
    std::string open_id = ws.open_item()->id;
    ws.remove(0);
    CHECK(ws.open_item()->id == open_id);
    CHECK(ws.current == 1);
    ws.remove(1);
    CHECK(ws.current == -1);
    CHECK(ws.screen == Screen::start);
    ws.remove(7);  // out of range: nothing
    CHECK(ws.items.size() == 2);
    ws.open(5);
    CHECK(ws.current == -1);
    CHECK(ws.screen == Screen::start);
    CHECK(ws.find("a5") == 1);
    CHECK(ws.find("a4") == -1);
    CHECK(ws.find("a2") == -1);
    CHECK(ws.find("zz") == -1);
}

TEST_CASE("set_figure_text: a value, a draft while it does not read back as typed, the core's message") {
    Workspace ws = fresh();
    ws.create(Profile::county, "东台市", 2023, 0);
    const std::string key = "mfg_sampled_batches";
    Item& it = *ws.open_item();

    ws.set_figure_text(key, "1200", 10);
    CHECK(it.assessment.figures[key] == I(1200));
    CHECK(it.drafts.count(key) == 0);
    CHECK(ws.figure_text(key) == "1200");
    CHECK(it.edited_ms == 10);

    // Thousands separators: the value is the number, the field keeps the person's text.
    ws.set_figure_text(key, "1,300", 20);
    CHECK(it.assessment.figures[key] == I(1300));
    CHECK(it.drafts[key] == "1,300");
    CHECK(ws.figure_text(key) == "1,300");

    // Text that is no number: kept as typed, as a text value (it reads back as typed, so no draft
    // is needed), and validation names the figure and quotes the text.
    ws.set_figure_text(key, "很多", 30);
    CHECK(ws.figure_text(key) == "很多");
    CHECK(it.assessment.figures[key] == qt::T("很多"));
    CHECK(it.drafts.count(key) == 0);
    const std::vector<Problem> ps = validate(qt::cat(), it.assessment);
    const Problem* p = problem_at(ps, key);
    REQUIRE(p);
    CHECK(p->severity == Severity::error);
    CHECK(qt::contains(p->message.zh, qt::cat().figure(key)->name.zh));
    CHECK(qt::contains(p->message.zh, "很多"));

    // Empty text: absent, no draft.
    ws.set_figure_text(key, "", 40);
    CHECK(it.assessment.figures[key].absent());
    CHECK(it.drafts.count(key) == 0);
    CHECK(ws.figure_text(key) == "");

    // An unknown key, or no open item: nothing changes.
    const Json before = ws.to_json();
    ws.set_figure_text("no_such_figure", "5", 50);
    CHECK(ws.to_json() == before);
    ws.open(-1);
    ws.set_figure_text(key, "5", 60);
    ws.set_figure_value(key, I(5), 60);
    ws.set_note(key, "x", 60);
    CHECK(ws.figure_text(key) == "");
    ws.open(0);
    CHECK(ws.to_json()["items"] == before["items"]);
}

TEST_CASE("set_figure_value drops the draft; set_note sets and clears") {
    Workspace ws = fresh();
    ws.create(Profile::county, "东台市", 2023, 0);
    Item& it = *ws.open_item();
    ws.set_figure_text("certificates_new", "1,000", 1);
    REQUIRE(it.drafts.count("certificates_new"));
    ws.set_figure_value("certificates_new", I(7), 2);
    CHECK(it.assessment.figures["certificates_new"] == I(7));
    CHECK(it.drafts.count("certificates_new") == 0);
    CHECK(ws.figure_text("certificates_new") == "7");
    CHECK(it.edited_ms == 2);

    ws.set_note("certificates_new", "来源：市场监管局", 3);
    CHECK(it.assessment.notes["certificates_new"] == "来源：市场监管局");
    ws.set_note("certificates_new", "", 4);
    CHECK(it.assessment.notes.count("certificates_new") == 0);
    CHECK(it.edited_ms == 4);
}

TEST_CASE("readiness setters: small struct updates; cleared entries leave the file as it was") {
    Workspace ws = fresh();
    ws.create(Profile::enterprise, "某公司", 2024, 0);
    Item& it = *ws.open_item();
    const std::string untouched = file_of(it.assessment);
    const auto [award, gate] = count_gate();

    ws.set_gate_threshold(award, gate, GateThreshold::of_count(2), 1);
    CHECK(it.assessment.readiness.thresholds.at(award).at(gate).count == 2);
    CHECK(it.edited_ms == 1);
    ReadinessResult r = evaluate_readiness(builtin_readiness(), qt::cat(), it.assessment);
    bool adjusted = false;
    for (const AwardResult& ar : r.awards)
        for (const GateResult& g : ar.gates)
            if (ar.def->id == award && g.def->id == gate) adjusted = g.adjusted && g.threshold == 2;
    CHECK(adjusted);
    ws.set_gate_threshold(award, gate, GateThreshold::not_required(), 2);
    CHECK(it.assessment.readiness.thresholds.at(award).at(gate).kind == GateThreshold::Kind::waived);
    CHECK(assessment_to_json(it.assessment)["readiness"]["thresholds"][award][gate] == false);
    ws.set_gate_threshold(award, gate, std::nullopt, 3);
    CHECK(it.assessment.readiness.empty());

    ws.set_item_percent("4.1.2", 55, 4);
    REQUIRE(it.assessment.readiness.self_score);
    CHECK(it.assessment.readiness.self_score->model == builtin_readiness().model.id);
    CHECK(it.assessment.readiness.self_score->items.at("4.1.2").percent->whole == 55);
    r = evaluate_readiness(builtin_readiness(), qt::cat(), it.assessment);
    CHECK(r.score.scored == 1);

    // Typed text is kept as typed; the core says what is wrong with it.
    ws.set_item_percent_text("4.1.2", "47", 5);
    CHECK(it.assessment.readiness.self_score->items.at("4.1.2").percent->written == 47);
    CHECK(problem_at(validate(qt::cat(), it.assessment), "score.4.1.2"));
    ws.set_item_percent_text("4.1.2", "abc", 6);
    CHECK(it.assessment.readiness.self_score->items.at("4.1.2").percent->written == "abc");
    const std::vector<Problem> ps = validate(qt::cat(), it.assessment);
    REQUIRE(problem_at(ps, "score.4.1.2"));
    CHECK(problem_at(ps, "score.4.1.2")->code == "bad_percent");
    ws.set_item_percent_text("4.1.2", " 55 % ", 7);
    CHECK(it.assessment.readiness.self_score->items.at("4.1.2").percent->written == 55);

    ws.set_item_note("4.1.2", "strength", "领导重视", 8);
    ws.set_item_note("4.1.2", "improvement", "治理结构", 8);
    CHECK(it.assessment.readiness.self_score->items.at("4.1.2").strength == "领导重视");
    CHECK(it.assessment.readiness.self_score->items.at("4.1.2").improvement == "治理结构");
    ws.set_score_reference(600, 9);
    CHECK(qt::eq(it.assessment.readiness.self_score->reference->value, 600));
    CHECK(assessment_to_json(it.assessment)["readiness"]["self_score"]["reference"] == 600);

    // Clearing everything removes the emptied parts: the file is the untouched one again.
    ws.set_item_percent_text("4.1.2", "", 10);
    ws.set_item_note("4.1.2", "strength", "", 10);
    ws.set_item_note("4.1.2", "improvement", "", 10);
    CHECK(it.assessment.readiness.self_score);  // the reference is still there
    ws.set_score_reference(std::nullopt, 11);
    CHECK_FALSE(it.assessment.readiness.self_score);
    CHECK(it.assessment.readiness.empty());
    CHECK(file_of(it.assessment) == untouched);
    ws.set_item_percent("4.1.3", 35, 12);
    ws.set_item_percent("4.1.3", std::nullopt, 13);
    CHECK(file_of(it.assessment) == untouched);
}

TEST_CASE("readiness setters replace an unusable value kept from the file, and keep unknown members") {
    const auto [award, gate] = count_gate();
    Json doc = assessment_to_json(make_template(qt::cat(), Profile::enterprise, "某公司", 2024));
    doc["readiness"] = Json{{"thresholds", {{award, {{gate, true}}}}},
                            {"self_score", {{"items", {{"4.1.2", 55}}}, {"reference", "high"}}},
                            {"wishes", 1}};
    Workspace ws = fresh();
    Problem error;
    REQUIRE(ws.import_text(doc.dump(), false, 1, error) == ImportResult::added);
    Item& it = *ws.open_item();
    std::vector<Problem> ps = validate(qt::cat(), it.assessment);
    REQUIRE(problem_at(ps, "readiness.thresholds." + award + "." + gate));
    REQUIRE(problem_at(ps, "score.4.1.2"));
    REQUIRE(problem_at(ps, "score.reference"));

    ws.set_gate_threshold(award, gate, GateThreshold::of_count(1), 2);
    ws.set_item_percent("4.1.2", 55, 3);
    ws.set_score_reference(500, 4);
    ps = validate(qt::cat(), it.assessment);
    CHECK_FALSE(problem_at(ps, "readiness.thresholds." + award + "." + gate));
    CHECK_FALSE(problem_at(ps, "score.4.1.2"));
    CHECK_FALSE(problem_at(ps, "score.reference"));
    CHECK_FALSE(has_errors(ps));
    Json out = assessment_to_json(it.assessment)["readiness"];
    CHECK(out["thresholds"][award][gate] == 1);
    CHECK(out["self_score"]["items"]["4.1.2"]["percent"] == 55);
    CHECK(out["self_score"]["reference"] == 500);
    CHECK(out["wishes"] == 1);  // unknown: kept (and a warning)
    CHECK(problem_at(ps, "readiness.wishes")->severity == Severity::warning);

    // "self_score": "high" (not an object) is replaced by the first score set.
    doc["readiness"] = Json{{"self_score", "high"}};
    doc["unit"] = "另一公司";
    REQUIRE(ws.import_text(doc.dump(), false, 5, error) == ImportResult::added);
    REQUIRE(problem_at(validate(qt::cat(), ws.open_item()->assessment), "readiness.self_score"));
    ws.set_item_percent("4.1.2", 75, 6);
    CHECK_FALSE(has_errors(validate(qt::cat(), ws.open_item()->assessment)));
}

TEST_CASE("import_text: added, needs confirmation, replaced; a failed import changes nothing") {
    Workspace ws = fresh();
    Assessment a = qt::good_county("东台市", 2023);
    a.notes["mfg_pass_rate"] = "来源";
    const std::string text = file_of(a);
    Problem error;
    int conflict = -7;

    CHECK(ws.import_text(text, false, 100, error, &conflict) == ImportResult::added);
    CHECK(conflict == -1);
    CHECK(ws.items.size() == 1);
    CHECK(ws.current == 0);
    CHECK(ws.screen == Screen::entry);
    CHECK(ws.items[0].assessment == a);
    CHECK(ws.items[0].edited_ms == 100);
    ws.set_figure_text("certificates_new", "1,000", 110);
    REQUIRE(ws.items[0].drafts.size() == 1);

    // The same unit and year again: asked first, nothing changed.
    ws.create(Profile::county, "射阳县", 2023, 120);
    const Json before = ws.to_json();
    Assessment a2 = a;
    a2.figures["certificates_new"] = I(5);
    CHECK(ws.import_text(file_of(a2), false, 130, error, &conflict) == ImportResult::needs_confirmation);
    CHECK(conflict == 0);
    CHECK(ws.to_json() == before);
    // Confirmed: replaced in place (same id), drafts gone, opened.
    CHECK(ws.import_text(file_of(a2), true, 140, error, &conflict) == ImportResult::replaced);
    CHECK(ws.items.size() == 2);
    CHECK(ws.items[0].id == "a1");
    CHECK(ws.items[0].assessment == a2);
    CHECK(ws.items[0].drafts.empty());
    CHECK(ws.items[0].edited_ms == 140);
    CHECK(ws.current == 0);

    // Failures: malformed JSON, a wrong catalog, a bad year. The workspace is exactly as it was.
    const Json kept = ws.to_json();
    Json wrong = assessment_to_json(a);
    wrong["catalog"] = "other-2030";
    Json bad_year = assessment_to_json(a);
    bad_year["year"] = "2023";
    for (const std::string& bad : {std::string("{\"schema\": "), wrong.dump(), bad_year.dump(), std::string("")}) {
        CAPTURE(bad);
        error = Problem{};
        CHECK(ws.import_text(bad, true, 150, error) == ImportResult::failed);
        CHECK(error.severity == Severity::error);
        CHECK_FALSE(error.message.zh.empty());
        CHECK_FALSE(error.message.en.empty());
        CHECK(ws.to_json() == kept);
    }
}

TEST_CASE("load_into_open replaces the open assessment, or makes one") {
    Workspace ws = fresh();
    Problem error;
    Assessment a = qt::good_county("东台市", 2023);
    REQUIRE(ws.load_into_open(assessment_to_json(a), 5, error));
    REQUIRE(ws.open_item());
    CHECK(ws.open_item()->assessment == a);
    CHECK(ws.screen == Screen::entry);
    ws.set_figure_text("certificates_new", "x", 6);
    Assessment b = qt::good_county("射阳县", 2023);
    REQUIRE(ws.load_into_open(assessment_to_json(b), 7, error));
    CHECK(ws.items.size() == 1);
    CHECK(ws.open_item()->assessment == b);
    CHECK(ws.open_item()->drafts.empty());
    const Json before = ws.to_json();
    CHECK_FALSE(ws.load_into_open(Json{{"schema", "nope"}}, 8, error));
    CHECK(ws.to_json() == before);
}

TEST_CASE("to_json / from_json: the workspace round trips; unreadable items are kept aside, not dropped") {
    Workspace ws = fresh();
    ws.create(Profile::county, "东台市", 2023, 1);
    ws.set_figure_text("mfg_sampled_batches", "1,200", 2);
    ws.set_note("mfg_sampled_batches", "来源", 2);
    ws.create(Profile::enterprise, "某公司", 2024, 3);
    ws.set_item_percent("4.1.2", 55, 4);
    ws.set_item_percent_text("4.1.3", "abc", 4);
    ws.open(0, Screen::results);
    ws.lang = Lang::en;
    const Json saved = ws.to_json();
    CHECK(saved["schema"] == "qcity.workspace/1");

    Workspace back = fresh();
    std::vector<std::string> unreadable;
    REQUIRE(back.from_json(saved, &unreadable));
    CHECK(unreadable.empty());
    CHECK(back.to_json() == saved);
    CHECK(back.items.size() == 2);
    CHECK(back.items[0].drafts.at("mfg_sampled_batches") == "1,200");
    CHECK(back.items[0].edited_ms == 2);
    CHECK(back.current == 0);
    CHECK(back.screen == Screen::results);
    CHECK(back.lang == Lang::en);
    CHECK(back.items[1].assessment == ws.items[1].assessment);
    CHECK(back.items[1].assessment.readiness.self_score->items.at("4.1.3").percent->written == "abc");
    // A new item after a restore gets a fresh id.
    back.create(Profile::county, "射阳县", 2023, 5);
    CHECK(back.open_item()->id == "a3");

    // An item that no longer reads (a wrong catalog, a non-object) is kept aside with its JSON.
    Json damaged = saved;
    damaged["items"][1]["assessment"]["catalog"] = "other-2030";
    damaged["items"].push_back(42);
    damaged.erase("next_id");
    Workspace partial = fresh();
    unreadable.clear();
    REQUIRE(partial.from_json(damaged, &unreadable));
    CHECK(partial.items.size() == 1);
    REQUIRE(unreadable.size() == 2);
    CHECK(qt::contains(unreadable[0], "other-2030"));
    CHECK(unreadable[1] == "42");
    CHECK(partial.next_id == 2);  // from the ids, when next_id was lost
    // The open item was the readable one: still open.
    CHECK(partial.current == 0);

    // Not a workspace: false, nothing changed.
    const Json before = partial.to_json();
    CHECK_FALSE(partial.from_json(Json{{"schema", "qcity.assessment/1"}}, &unreadable));
    CHECK_FALSE(partial.from_json(Json::array(), &unreadable));
    CHECK(partial.to_json() == before);
}

}  // TEST_SUITE

TEST_CASE("workspace: large-text mode is saved with the workspace, absent while off, and stays this tab's on a merge") {
    Workspace ws = fresh();
    CHECK_FALSE(ws.large_text);
    CHECK_FALSE(ws.to_json().contains("large_text"));  // old workspaces and new ones read alike
    ws.large_text = true;
    Json saved = ws.to_json();
    CHECK(saved["large_text"] == true);
    Workspace back = fresh();
    REQUIRE(back.from_json(saved));
    CHECK(back.large_text);
    saved.erase("large_text");
    REQUIRE(back.from_json(saved));
    CHECK_FALSE(back.large_text);
    // Another tab's save (with large text off) leaves this tab's way of reading alone.
    Workspace mine = fresh();
    mine.large_text = true;
    MergeReport r;
    REQUIRE(mine.merge_from(fresh().to_json(), r));
    CHECK(mine.large_text);
}

}  // namespace qcity_test_workspace_state
