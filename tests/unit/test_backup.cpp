// Backups: the qcity.backup/1 format (written, read back, hostile files refused by name, one bad
// entry named while the others still come back), the workspace's "exported / changed since", and
// restoring a backup into a workspace (missing added, identical skipped, conflicts asked and
// resolved each way).
#include "support.h"

#include "workspace.h"

namespace qcity_test_backup {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qcity::app::ConflictChoice;
using qcity::app::Item;
using qcity::app::Restore;
using qcity::app::Workspace;

namespace {

Workspace make_workspace() {
    Workspace ws;
    ws.catalog = &default_catalog();
    return ws;
}

// Two county assessments and an enterprise, with a draft and a note.
Workspace three_items() {
    Workspace ws = make_workspace();
    ws.create(Profile::county, "东台市", 2023, 1000);
    ws.set_figure_text("mfg_sampled_batches", "1200", 1100);
    ws.set_figure_text("mfg_qualified_batches", "1,150", 1200);  // kept as typed (a draft)
    ws.set_note("mfg_pass_rate", "来源：监督抽查", 1300);
    ws.create(Profile::county, "大丰区", 2023, 2000);
    ws.set_figure_text("mfg_sampled_batches", "800", 2100);
    ws.create(Profile::enterprise, "盐城市某某电子有限公司", 2024, 3000);
    return ws;
}

Backup read_ok(const std::string& text) {
    Backup b;
    Problem error;
    REQUIRE_MESSAGE(read_backup(text, &default_catalog(), b, error), error.message.en);
    return b;
}

Problem read_fails(const std::string& text) {
    Backup b;
    b.app = "untouched";
    Problem error;
    CHECK_FALSE(read_backup(text, &default_catalog(), b, error));
    CHECK(b.app == "untouched");
    CHECK(b.entries.empty());
    return error;
}

const Item* item_of(const Workspace& ws, Profile p, const std::string& unit, int year) {
    int k = ws.find_unit_year(p, unit, year);
    return k < 0 ? nullptr : &ws.items[(size_t)k];
}

}  // namespace

TEST_CASE("backup: written and read back — every assessment, its drafts and edit time") {
    Workspace ws = three_items();
    const double written = 1764914580000.0;  // 2025-12-05T06:03:00Z
    std::string text = write_backup(ws.backup_entries(), written, "qcity 0.1.0");
    CHECK(looks_like_backup(text));
    Json doc = Json::parse(text);
    CHECK(doc["schema"] == "qcity.backup/1");
    CHECK(doc["written_at"] == "2025-12-05T06:03:00Z");
    CHECK(doc["app"] == "qcity 0.1.0");
    CHECK(doc["count"] == 3);
    CHECK(doc["assessments"][0]["assessment"]["schema"] == "qcity.assessment/1");
    CHECK(backup_filename(written) == "qcity-backup-2025-12-05.json");

    Backup b = read_ok(text);
    CHECK(b.written_ms == written);
    CHECK(b.app == "qcity 0.1.0");
    CHECK(b.bad.empty());
    REQUIRE(b.entries.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(b.entries[i].assessment == ws.items[i].assessment);
        CHECK(b.entries[i].drafts == ws.items[i].drafts);
        CHECK(b.entries[i].edited_ms == ws.items[i].edited_ms);
        CHECK(b.entries[i].id == ws.items[i].id);
    }
    CHECK(b.entries[0].drafts.at("mfg_qualified_batches") == "1,150");
}

TEST_CASE("backup: hostile files are refused naming the problem, nothing read") {
    CHECK(read_fails(std::string(kMaxBackupBytes + 1, ' ')).code == "file_too_large");
    Problem e = read_fails("{\"schema\": \"qcity.backup/1\",\n \"assessments\": [}");
    CHECK(e.code == "malformed_json");
    CHECK(e.message.zh.find("第 2 行") != std::string::npos);
    CHECK(e.message.en.find("line 2") != std::string::npos);
    CHECK(read_fails(R"({"schema": "qcity.assessment/1", "assessments": []})").code == "not_backup");
    CHECK(read_fails(R"([1, 2])").code == "not_backup");
    CHECK(read_fails(R"("qcity.backup/1")").code == "not_backup");
    Problem newer = read_fails(R"({"schema": "qcity.backup/2", "assessments": []})");
    CHECK(newer.code == "newer_backup");
    CHECK(newer.message.en.find("qcity.backup/2") != std::string::npos);
    CHECK(read_fails(R"({"schema": "qcity.backup/1"})").code == "bad_backup");
    CHECK(read_fails(R"({"schema": "qcity.backup/1", "assessments": {"a": 1}})").code == "bad_backup");
    // Deep nesting stops the read (and no deep tree is built to be copied later).
    std::string deep = R"({"schema": "qcity.backup/1", "assessments": [)" + std::string(100000, '[') + std::string(100000, ']') + "]}";
    Problem d = read_fails(deep);
    CHECK(d.code == "too_deep");
    CHECK(d.message.en.find("67") != std::string::npos);
    // Too many entries.
    std::string many = R"({"schema": "qcity.backup/1", "assessments": [)";
    for (size_t i = 0; i <= kMaxBackupEntries; ++i) many += i ? ",1" : "1";
    CHECK(read_fails(many + "]}").code == "too_many");
}

TEST_CASE("backup: one bad entry is named, the others still read") {
    Workspace ws = three_items();
    Json doc = Json::parse(write_backup(ws.backup_entries(), 5000, "qcity test"));
    doc["assessments"][1]["assessment"]["year"] = "二〇二三";          // 大丰区: a year that is not a number
    doc["assessments"].push_back(42);                                 // not an object
    doc["assessments"].push_back(Json{{"id", "x"}});                  // no assessment
    doc["assessments"][0]["drafts"]["mfg_sampled_batches"] = Json::array();  // a draft that is not text: dropped
    doc["assessments"][0]["edited"] = -5;                             // a nonsense time: unknown
    Backup b = read_ok(doc.dump());
    REQUIRE(b.entries.size() == 2);
    CHECK(b.entries[0].assessment.unit == "东台市");
    CHECK(b.entries[0].drafts.count("mfg_sampled_batches") == 0);
    CHECK(b.entries[0].drafts.at("mfg_qualified_batches") == "1,150");
    CHECK(b.entries[0].edited_ms == 0);
    CHECK(b.entries[1].assessment.profile == Profile::enterprise);
    REQUIRE(b.bad.size() == 3);
    CHECK(b.bad[0].key == "assessments[1]");
    CHECK(b.bad[0].code == "bad_entry");
    CHECK(b.bad[0].message.zh.find("第 2 个评估（大丰区") != std::string::npos);
    CHECK(b.bad[0].message.en.find("Assessment 2 in the backup (大丰区") != std::string::npos);
    CHECK(b.bad[0].message.en.find("year") != std::string::npos);  // the assessment reader's reason
    CHECK(b.bad[1].key == "assessments[3]");
    CHECK(b.bad[1].message.en.find("not a JSON object") != std::string::npos);
    CHECK(b.bad[2].message.en.find("no 'assessment'") != std::string::npos);
}

TEST_CASE("workspace: exported time and edit stamp persist; old workspaces without them still read") {
    Workspace ws = three_items();
    Item& first = ws.items[0];
    CHECK_FALSE(first.ever_exported());
    CHECK_FALSE(first.changed_since_export());
    ws.mark_exported(first.id, 5000, first.edited_ms, "qcity-东台市-2023.json");
    CHECK(first.ever_exported());
    CHECK_FALSE(first.changed_since_export());
    ws.open(0);
    ws.set_figure_text("mfg_sampled_batches", "1300", 6000);
    CHECK(ws.items[0].changed_since_export());

    Workspace back = make_workspace();
    REQUIRE(back.from_json(ws.to_json()));
    CHECK(back.items[0].exported_ms == 5000);
    CHECK(back.items[0].exported_to == "qcity-东台市-2023.json");
    CHECK(back.items[0].changed_since_export());
    CHECK_FALSE(back.items[1].ever_exported());

    // A workspace saved before backups existed: no "exported" member anywhere.
    Json old = ws.to_json();
    for (Json& it : old["items"]) it.erase("exported");
    Workspace from_old = make_workspace();
    REQUIRE(from_old.from_json(old));
    REQUIRE(from_old.items.size() == 3);
    for (const Item& it : from_old.items) CHECK_FALSE(it.ever_exported());
    // And a hostile "exported" member is ignored, not trusted.
    old["items"][0]["exported"] = "yesterday";
    old["items"][1]["exported"] = Json{{"at", "noon"}};
    Workspace hostile = make_workspace();
    REQUIRE(hostile.from_json(old));
    CHECK_FALSE(hostile.items[0].ever_exported());
    CHECK_FALSE(hostile.items[1].ever_exported());
}

TEST_CASE("restore: into an empty workspace everything comes back, marked as in the backup") {
    Workspace ws = three_items();
    std::string text = write_backup(ws.backup_entries(), 9000, "qcity test");
    Workspace fresh = make_workspace();
    Restore r = fresh.restore_backup(read_ok(text), "qcity-backup.json", 10000);
    CHECK(r.added.size() == 3);
    CHECK(r.identical == 0);
    CHECK_FALSE(r.asking());
    REQUIRE(fresh.items.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(fresh.items[i].assessment == ws.items[i].assessment);
        CHECK(fresh.items[i].drafts == ws.items[i].drafts);
        CHECK(fresh.items[i].edited_ms == ws.items[i].edited_ms);
        CHECK(fresh.items[i].exported_ms == 9000);
        CHECK(fresh.items[i].exported_to == "qcity-backup.json");
        CHECK_FALSE(fresh.items[i].changed_since_export());
    }
    // Ids are this workspace's: unique, and new ones do not collide with them.
    int k = fresh.create(Profile::county, "亭湖区", 2023, 11000);
    for (size_t i = 0; i < 3; ++i) CHECK(fresh.items[(size_t)k].id != fresh.items[i].id);
}

TEST_CASE("restore: missing added, identical skipped and counted, conflicts asked and resolved each way") {
    Workspace theirs = three_items();
    theirs.create(Profile::county, "亭湖区", 2023, 4000);      // missing here
    theirs.create(Profile::county, "响水县", 2023, 4100);      // missing here
    std::string text = write_backup(theirs.backup_entries(), 9000, "qcity test");

    Workspace mine = three_items();                           // same three…
    mine.open(0);
    mine.set_figure_text("mfg_sampled_batches", "1250", 5000); // …东台市 differs
    mine.open(1);
    mine.set_figure_text("mfg_sampled_batches", "900", 5100);  // …大丰区 differs; the enterprise is identical
    // A copy of the backup's content plus another conflict-free item of ours.
    mine.create(Profile::county, "滨海县", 2023, 5200);
    size_t before = mine.items.size();

    SUBCASE("keep mine / take the backup's") {
        Restore r = mine.restore_backup(read_ok(text), "b.json", 20000);
        CHECK(r.added.size() == 2);
        CHECK(r.identical == 1);
        REQUIRE(r.conflicts.size() == 2);
        CHECK(r.asking());
        CHECK(mine.items.size() == before + 2);
        CHECK(item_of(mine, Profile::county, "亭湖区", 2023));
        CHECK(item_of(mine, Profile::county, "响水县", 2023));
        // The identical enterprise is now known to be in that backup.
        CHECK(item_of(mine, Profile::enterprise, "盐城市某某电子有限公司", 2024)->exported_ms == 9000);

        mine.resolve_conflict(r, ConflictChoice::keep_mine, 20000);       // 东台市: ours stays
        CHECK(item_of(mine, Profile::county, "东台市", 2023)->assessment.figures.at("mfg_sampled_batches") == FigureValue::integer(1250));
        CHECK(r.asking());
        mine.resolve_conflict(r, ConflictChoice::take_backup, 21000);     // 大丰区: the backup's
        CHECK_FALSE(r.asking());
        const Item* dafeng = item_of(mine, Profile::county, "大丰区", 2023);
        CHECK(dafeng->assessment.figures.at("mfg_sampled_batches") == FigureValue::integer(800));
        CHECK(dafeng->edited_ms == 21000);
        CHECK(dafeng->exported_ms == 9000);
        CHECK_FALSE(dafeng->changed_since_export());
        CHECK(r.kept.size() == 1);
        CHECK(r.replaced.size() == 1);
        CHECK(mine.items.size() == before + 2);
    }
    SUBCASE("keep both") {
        Restore r = mine.restore_backup(read_ok(text), "b.json", 20000);
        mine.open(0);
        std::string open_id = mine.open_item()->id;
        mine.resolve_conflict(r, ConflictChoice::keep_both, 20000);
        mine.resolve_conflict(r, ConflictChoice::keep_both, 20000);
        CHECK(r.both.size() == 2);
        CHECK(mine.items.size() == before + 4);
        CHECK(mine.open_item()->id == open_id);  // the open one stays open
        // Both stand as 东台市 2023 (a county keeps the catalog's name); the backup's is marked with
        // the file it came from, right after the saved one, and survives a save and a reload.
        int saved = mine.find_unit_year(Profile::county, "东台市", 2023);
        REQUIRE(saved >= 0);
        const Item& original = mine.items[(size_t)saved];
        const Item& copy = mine.items[(size_t)saved + 1];
        CHECK(original.kept_from.empty());
        CHECK(original.assessment.figures.at("mfg_sampled_batches") == FigureValue::integer(1250));
        CHECK(copy.assessment.unit == "东台市");
        CHECK(copy.assessment.year == 2023);
        CHECK(copy.kept_from == "b.json");
        CHECK(copy.assessment.figures.at("mfg_sampled_batches") == FigureValue::integer(1200));
        Workspace reloaded;
        reloaded.catalog = mine.catalog;
        REQUIRE(reloaded.from_json(mine.to_json()));
        CHECK(reloaded.items[(size_t)saved + 1].kept_from == "b.json");
        CHECK(reloaded.items[(size_t)saved].kept_from.empty());
    }
    SUBCASE("restoring the same backup twice adds nothing the second time") {
        Restore r = mine.restore_backup(read_ok(text), "b.json", 20000);
        while (r.asking()) mine.resolve_conflict(r, ConflictChoice::take_backup, 20000);
        size_t n = mine.items.size();
        Restore again = mine.restore_backup(read_ok(text), "b.json", 30000);
        CHECK(again.added.empty());
        CHECK(again.conflicts.empty());
        CHECK(again.identical == 5);
        CHECK(mine.items.size() == n);
    }
    SUBCASE("the saved one deleted before the answer: the backup's is added") {
        Restore r = mine.restore_backup(read_ok(text), "b.json", 20000);
        mine.remove(mine.find_unit_year(Profile::county, "东台市", 2023));
        mine.resolve_conflict(r, ConflictChoice::keep_mine, 20000);
        CHECK(item_of(mine, Profile::county, "东台市", 2023)->assessment.figures.at("mfg_sampled_batches") == FigureValue::integer(1200));
    }
}

TEST_CASE("restore: the bad entries of a backup are reported, the good ones restored") {
    Workspace theirs = three_items();
    Json doc = Json::parse(write_backup(theirs.backup_entries(), 9000, "qcity test"));
    doc["assessments"][0]["assessment"]["profile"] = "city-hall";
    Workspace fresh = make_workspace();
    Restore r = fresh.restore_backup(read_ok(doc.dump()), "b.json", 10000);
    CHECK(r.added.size() == 2);
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].message.zh.find("第 1 个评估（东台市 2023）") != std::string::npos);
    CHECK(fresh.items.size() == 2);
}

}  // namespace qcity_test_backup
