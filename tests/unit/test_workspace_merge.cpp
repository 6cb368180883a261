// Two tabs, one workspace (issue 12, item 2): Workspace::merge_from takes what another tab saved
// into this one entry by entry. Each "tab" here is a Workspace with its own session tag, loaded
// from and saved to one shared string, as the browser's localStorage holds it; the clock is passed
// in, so "later" is exact.
#include "support.h"

#include "workspace.h"

namespace qcity_test_workspace_merge {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qcity::app::MergeReport;
using qcity::app::Workspace;
using qt::I;

namespace {

// One browser origin's storage and the tabs on it.
struct Storage {
    std::string text;  // the stored workspace, as to_json().dump()
};

Workspace tab(const Storage& s, const char* session) {
    Workspace ws;
    ws.catalog = &qt::cat();
    ws.session = session;
    if (!s.text.empty()) REQUIRE(ws.from_json(Json::parse(s.text)));
    return ws;
}

// What the app does before every save: merge what is stored, then write.
MergeReport save(Workspace& ws, Storage& s) {
    MergeReport r;
    if (!s.text.empty()) REQUIRE(ws.merge_from(Json::parse(s.text), r));
    s.text = ws.to_json().dump();
    return r;
}

// What a tab does when another tab saved (the storage event).
MergeReport receive(Workspace& ws, const Storage& s) {
    MergeReport r;
    REQUIRE(ws.merge_from(Json::parse(s.text), r));
    return r;
}

FigureValue fig(const Workspace& ws, const std::string& id, const char* key) {
    int k = ws.find(id);
    REQUIRE(k >= 0);
    auto it = ws.items[(size_t)k].assessment.figures.find(key);
    return it == ws.items[(size_t)k].assessment.figures.end() ? FigureValue{} : it->second;
}

// A stored workspace with one county assessment (东台市 2023), made by a first tab.
std::string seed(Storage& s) {
    Workspace first = tab(s, "seed");
    first.create(Profile::county, "东台市", 2023, 1000);
    save(first, s);
    return first.items[0].id;
}

}  // namespace

TEST_CASE("merge: different figures edited in two tabs both survive, in both tabs and in storage") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.set_figure_value("mfg_sampled_batches", I(1200), 2000);
    b.set_figure_value("mfg_qualified_batches", I(1150), 2001);
    MergeReport ra = save(a, s);         // A first: nothing stored to take
    CHECK_FALSE(ra.changed);
    MergeReport rb = save(b, s);         // B reads A's save first (read-merge-write), then writes
    CHECK(rb.changed);
    CHECK(rb.conflicts.empty());
    CHECK(fig(b, id, "mfg_sampled_batches") == I(1200));
    CHECK(fig(b, id, "mfg_qualified_batches") == I(1150));
    MergeReport ra2 = receive(a, s);     // A hears of B's save
    CHECK(ra2.changed);
    CHECK(ra2.conflicts.empty());
    CHECK_FALSE(ra2.local_ahead);        // nothing to write back: no ping-pong between the tabs
    CHECK(fig(a, id, "mfg_sampled_batches") == I(1200));
    CHECK(fig(a, id, "mfg_qualified_batches") == I(1150));
    Workspace reloaded = tab(s, "tabC");
    CHECK(fig(reloaded, id, "mfg_sampled_batches") == I(1200));
    CHECK(fig(reloaded, id, "mfg_qualified_batches") == I(1150));
}

TEST_CASE("merge: a tab that missed the other's save never overwrites it (read-merge-write)") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.set_note("mfg_pass_rate", "来源：市场监管局", 2000);
    save(a, s);
    // B never received A's event; its own save still keeps A's note.
    b.set_figure_value("mfg_sampled_batches", I(10), 3000);
    save(b, s);
    Workspace reloaded = tab(s, "tabC");
    const Assessment& x = reloaded.items[(size_t)reloaded.find(id)].assessment;
    CHECK(x.notes.at("mfg_pass_rate") == "来源：市场监管局");
    CHECK(x.figures.at("mfg_sampled_batches") == I(10));
}

TEST_CASE("merge: the same figure edited in both tabs: the later wins and the tab whose edit lost is told") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.set_figure_value("mfg_sampled_batches", I(1200), 2000);   // earlier
    b.set_figure_value("mfg_sampled_batches", I(1300), 2500);   // later, without having seen A's
    save(a, s);
    MergeReport rb = save(b, s);
    CHECK(rb.conflicts.empty());              // B's edit is the later one: B keeps it, is not told
    CHECK(rb.local_ahead);
    CHECK(fig(b, id, "mfg_sampled_batches") == I(1300));
    MergeReport ra = receive(a, s);
    REQUIRE(ra.conflicts.size() == 1);         // A's edit lost: A is told which, and shows B's value
    CHECK(ra.conflicts[0].item_id == id);
    CHECK(ra.conflicts[0].entry == "figure:mfg_sampled_batches");
    CHECK(ra.conflicts[0].unit == "东台市");
    CHECK(ra.conflicts[0].year == 2023);
    CHECK(fig(a, id, "mfg_sampled_batches") == I(1300));
    CHECK(Workspace(tab(s, "tabC")).items[0].assessment.figures.at("mfg_sampled_batches") == I(1300));

    SUBCASE("the other order of saves ends the same way") {
        Storage s2;
        std::string id2 = seed(s2);
        Workspace a2 = tab(s2, "tabA"), b2 = tab(s2, "tabB");
        a2.set_figure_value("mfg_sampled_batches", I(1200), 2000);
        b2.set_figure_value("mfg_sampled_batches", I(1300), 2500);
        save(b2, s2);                          // the later edit is saved first
        MergeReport r = save(a2, s2);          // A reads it before writing: its own edit lost
        REQUIRE(r.conflicts.size() == 1);
        CHECK(fig(a2, id2, "mfg_sampled_batches") == I(1300));
        CHECK(tab(s2, "tabC").items[0].assessment.figures.at("mfg_sampled_batches") == I(1300));
        CHECK(receive(b2, s2).conflicts.empty());
    }
}

TEST_CASE("merge: an edit made after seeing the other tab's value is no conflict") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.set_figure_value("mfg_sampled_batches", I(1200), 2000);
    save(a, s);
    receive(b, s);
    b.set_figure_value("mfg_sampled_batches", I(1250), 3000);  // B saw 1200 and corrected it
    save(b, s);
    MergeReport ra = receive(a, s);
    CHECK(ra.changed);
    CHECK(ra.conflicts.empty());
    CHECK(fig(a, id, "mfg_sampled_batches") == I(1250));
}

TEST_CASE("merge: the same value typed in both tabs is no conflict") {
    Storage s;
    seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.set_figure_value("mfg_sampled_batches", I(1200), 2000);
    b.set_figure_value("mfg_sampled_batches", I(1200), 2500);
    save(b, s);
    CHECK(save(a, s).conflicts.empty());
}

TEST_CASE("merge: a draft (text that is not a valid value yet) travels with its figure") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.open(a.find(id));
    a.set_figure_text("mfg_sampled_batches", "12x", 2000);
    save(a, s);
    receive(b, s);
    b.open(b.find(id));
    CHECK(b.figure_text("mfg_sampled_batches") == "12x");
    b.set_figure_text("mfg_sampled_batches", "120", 3000);   // fixed in B: the draft goes
    save(b, s);
    receive(a, s);
    CHECK(a.figure_text("mfg_sampled_batches") == "120");
    CHECK(a.items[(size_t)a.find(id)].drafts.empty());
}

TEST_CASE("merge: readiness entries and notes merge as entries too") {
    Storage s;
    Workspace first = tab(s, "seed");
    first.create(Profile::enterprise, "盐城某公司", 2023, 1000);
    std::string id = first.items[0].id;
    save(first, s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.open(a.find(id));
    b.open(b.find(id));
    a.set_item_percent("4.1.2", 55, 2000);
    b.set_note("ent_pass_rate", "自检记录", 2100);
    save(a, s);
    save(b, s);
    receive(a, s);
    for (Workspace* w : {&a, &b}) {
        const Assessment& x = w->items[(size_t)w->find(id)].assessment;
        CHECK(x.notes.at("ent_pass_rate") == "自检记录");
        CHECK(x.readiness.to_json().dump().find("55") != std::string::npos);
    }
}

TEST_CASE("merge: an assessment created in one tab appears in the other; ids never collide") {
    Storage s;
    seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    // Both tabs create at the same millisecond: the old "a<next_id>" scheme gave both "a2".
    a.create(Profile::county, "亭湖区", 2023, 5000);
    b.create(Profile::county, "滨海县", 2023, 5000);
    CHECK(a.items.back().id != b.items.back().id);
    save(a, s);
    MergeReport rb = save(b, s);
    CHECK(rb.added.size() == 1);
    CHECK(b.items.size() == 3);
    CHECK(b.open_item()->assessment.unit == "滨海县");   // the open one stays this tab's
    MergeReport ra = receive(a, s);
    CHECK(ra.added.size() == 1);
    CHECK(a.items.size() == 3);
    CHECK(a.open_item()->assessment.unit == "亭湖区");
    CHECK(tab(s, "tabC").items.size() == 3);
}

TEST_CASE("merge: a deletion propagates; the open assessment deleted elsewhere closes") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    b.open(b.find(id));
    a.remove(a.find(id), 4000);
    save(a, s);
    MergeReport rb = receive(b, s);
    CHECK(rb.removed == std::vector<std::string>{id});
    CHECK(rb.open_removed);
    CHECK(b.items.empty());
    CHECK(b.open_item() == nullptr);
    CHECK(b.screen == app::Screen::start);
    // B's next save does not bring it back, nor does a reload.
    b.create(Profile::county, "响水县", 2023, 5000);
    save(b, s);
    receive(a, s);
    CHECK(a.find(id) < 0);
    CHECK(tab(s, "tabC").find(id) < 0);
    CHECK(tab(s, "tabC").items.size() == 1);
}

TEST_CASE("merge: an assessment edited in one tab after another deleted it is kept (no edit is lost)") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    a.remove(a.find(id), 4000);
    save(a, s);
    b.open(b.find(id));
    b.set_figure_value("mfg_sampled_batches", I(7), 4500);   // before B heard of the deletion
    MergeReport rb = save(b, s);
    CHECK(rb.removed.empty());
    CHECK(fig(b, id, "mfg_sampled_batches") == I(7));
    MergeReport ra = receive(a, s);
    CHECK(ra.added == std::vector<std::string>{id});
    CHECK(fig(a, id, "mfg_sampled_batches") == I(7));
}

TEST_CASE("merge: an import that replaces an assessment wins over older edits elsewhere") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA"), b = tab(s, "tabB");
    b.open(b.find(id));
    b.set_figure_value("mfg_sampled_batches", I(5), 2000);
    save(b, s);
    Problem error;
    std::string file = R"({"schema":"qcity.assessment/1","catalog":"yancheng-2022","profile":"county","unit":"东台市",)"
                       R"("year":2023,"figures":{"mfg_qualified_batches":90}})";
    REQUIRE(a.import_text(file, true, 3000, error) == app::ImportResult::replaced);
    MergeReport ra = save(a, s);
    CHECK(fig(a, id, "mfg_qualified_batches") == I(90));
    CHECK(fig(a, id, "mfg_sampled_batches").absent());   // the file has none: replaced, not mixed
    receive(b, s);
    CHECK(fig(b, id, "mfg_sampled_batches").absent());
    CHECK(fig(b, id, "mfg_qualified_batches") == I(90));
}

TEST_CASE("merge: merging what this tab itself saved changes nothing and needs no save") {
    Storage s;
    seed(s);
    Workspace a = tab(s, "tabA");
    a.set_figure_value("mfg_sampled_batches", I(1), 2000);  // nothing is open: ignored
    a.open(0);
    a.set_figure_value("mfg_sampled_batches", I(1), 2000);
    a.remove(0, 2500);
    a.create(Profile::county, "亭湖区", 2023, 3000);
    save(a, s);
    MergeReport r = receive(a, s);
    CHECK_FALSE(r.changed);
    CHECK_FALSE(r.local_ahead);
    CHECK(r.conflicts.empty());
}

TEST_CASE("merge: stamps and deletions survive to_json/from_json; old saves without them still read") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA");
    a.open(a.find(id));
    a.set_figure_value("mfg_sampled_batches", I(3), 2000);
    a.create(Profile::county, "亭湖区", 2023, 2100);
    a.remove(a.find(id), 2200);
    Workspace back;
    back.catalog = &qt::cat();
    REQUIRE(back.from_json(a.to_json()));
    CHECK(back.removed.count(id) == 1);
    CHECK(back.removed.at(id).by == "tabA");
    REQUIRE(back.items.size() == 1);
    CHECK(back.items[0].stamps.at("identity").by == "tabA");

    // An old save ('qcity.workspace.v1' before issue 12): "aN" ids, no stamps, no removed.
    Json old = Json::parse(R"({"schema":"qcity.workspace/1","lang":"zh-CN","screen":"entry","current":"a2","next_id":3,
      "items":[{"id":"a1","edited":1,"assessment":{"schema":"qcity.assessment/1","catalog":"yancheng-2022","profile":"county",
                 "unit":"东台市","year":2023,"figures":{"mfg_sampled_batches":100}},"drafts":{}},
               {"id":"a2","edited":2,"assessment":{"schema":"qcity.assessment/1","catalog":"yancheng-2022","profile":"county",
                 "unit":"亭湖区","year":2023,"figures":{}},"drafts":{}}]})");
    Workspace legacy;
    legacy.catalog = &qt::cat();
    legacy.session = "tabL";
    REQUIRE(legacy.from_json(old));
    CHECK(legacy.open_item()->id == "a2");
    // Edited in a new tab, the edit beats the unstamped old value in a merge with the old save.
    legacy.open(legacy.find("a1"));
    legacy.set_figure_value("mfg_sampled_batches", I(200), 5000);
    MergeReport r;
    REQUIRE(legacy.merge_from(old, r));
    CHECK(r.conflicts.empty());
    CHECK(r.local_ahead);
    CHECK(fig(legacy, "a1", "mfg_sampled_batches") == I(200));
    CHECK(legacy.items.size() == 2);
    // Unstamped on both sides: this tab's value is kept.
    CHECK(fig(legacy, "a2", "mfg_sampled_batches").absent());
}

TEST_CASE("merge: a document that is not a workspace changes nothing") {
    Storage s;
    seed(s);
    Workspace a = tab(s, "tabA");
    MergeReport r;
    CHECK_FALSE(a.merge_from(Json::parse(R"({"schema":"something else"})"), r));
    CHECK_FALSE(a.merge_from(Json::parse("[1,2]"), r));
    CHECK(a.items.size() == 1);
}

TEST_CASE("merge: edits within one millisecond still order (stamps strictly increase)") {
    Storage s;
    std::string id = seed(s);
    Workspace a = tab(s, "tabA");
    a.open(a.find(id));
    a.set_figure_value("mfg_sampled_batches", I(1), 2000);
    double first = a.items[0].stamps.at("figure:mfg_sampled_batches").at;
    a.set_figure_value("mfg_sampled_batches", I(2), 2000);
    const auto& st = a.items[0].stamps.at("figure:mfg_sampled_batches");
    CHECK(st.at > first);
    CHECK(st.base == first);
}

}  // namespace qcity_test_workspace_merge
