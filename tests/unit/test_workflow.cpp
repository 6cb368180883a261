// The county workflow (issue 15): departments in the catalog and their templates, merging partial
// files, evidence per indicator, the sign-off, a frozen submission (SHA-256 of the canonical
// content) and its check; the same through the `qcity` command line.
#include "cli_runner.h"

#include <set>

namespace qcity_test_workflow {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;

namespace {

qt::TempDir& tmp() {
    static qt::TempDir d("qcity_workflow");
    return d;
}

std::set<std::string> keys_of(const Assessment& a) {
    std::set<std::string> k;
    for (const auto& [key, v] : a.figures) k.insert(key);
    return k;
}

// The figure keys a CSV or .xlsx figures table lists (rows after the header).
std::set<std::string> table_keys(const CsvRows& rows) {
    std::set<std::string> keys;
    bool after_header = false;
    for (const auto& row : rows) {
        if (row.empty() || row[0].empty()) continue;
        if (after_header) keys.insert(row[0]);
        if (row[0] == "key") after_header = true;
    }
    return keys;
}

// A county file with figures, notes by figure, evidence and a sign-off: content every format carries.
Assessment full_county() {
    Assessment a = qt::good_county("东台市", 2023);
    a.notes["mfg_sampled_batches"] = "来源：市场监管局抽查汇总";
    a.evidence["mfg_pass_rate"] = Evidence{EvidenceStatus::provided, "档案室 A-3", "抽查汇总表"};
    a.evidence["cqo_coverage"] = Evidence{EvidenceStatus::not_needed, "", "已在上级备案"};
    a.evidence["food_pass_rate"] = Evidence{EvidenceStatus::missing, "", ""};
    a.signoff = Signoff{"张三", "李四", "王五", "0515-88888888", "2024-01-15"};
    return a;
}

}  // namespace

TEST_CASE("departments: every county figure names a department of the table, from the policy's 责任单位 or its keeper") {
    const Catalog& c = qt::cat();
    REQUIRE(c.departments.size() >= 7);
    CHECK_FALSE(c.department_notes.zh.empty());
    CHECK(qt::contains(c.department_notes.zh, "统计局"));
    for (const FigureDef& f : c.figures) {
        if (f.profile != Profile::county) continue;
        CAPTURE(f.key);
        REQUIRE(c.department(f.department) != nullptr);
    }
    // Named in the seed: 三.12 → 民政局, 三.10 → 交通局, 三.3 → 农业农村局, 三.9 → 住建局.
    CHECK(c.figure("eldercare_institutions")->department == "civil_affairs");
    CHECK(c.figure("eldercare_institutions")->department_clause == "三.12");
    CHECK(c.figure("transport_acceptance_total")->department == "transport");
    CHECK(c.figure("transport_acceptance_total")->department_clause == "三.10");
    CHECK(c.figure("agri_sampled_batches")->department == "agriculture");
    CHECK(c.figure("new_residential_projects")->department == "housing");
    // Section 二's targets name none: the office that keeps the figure, and no clause.
    CHECK(c.figure("resident_population")->department == "statistics");
    CHECK(c.figure("resident_population")->department_clause.empty());
    CHECK(c.figure("tertiary_hospitals")->department == "health");
    CHECK(c.department("civil_affairs")->name.zh == "民政局");
    CHECK(c.department("civil_affairs")->name.en == "Civil Affairs Bureau");
}

TEST_CASE("departments: the loader refuses an unknown department, naming it, and a county figure without one") {
    Json doc = Json::parse(embedded("catalog/yancheng-2022.json"));
    for (Json& f : doc["figures"])
        if (f["key"] == "elder_canteens") f["department"] = "police";
    Catalog c;
    std::vector<Problem> problems;
    CHECK_FALSE(load_catalog(doc.dump(), c, problems));
    REQUIRE(problems.size() == 1);
    CHECK(qt::contains(problems[0].message.zh, "police"));
    CHECK(qt::contains(problems[0].message.en, "unknown department 'police'"));
    CHECK(problems[0].key == "elder_canteens");

    for (Json& f : doc["figures"])
        if (f["key"] == "elder_canteens") { f.erase("department"); f.erase("department_clause"); }
    problems.clear();
    CHECK_FALSE(load_catalog(doc.dump(), c, problems));
    REQUIRE(problems.size() == 1);
    CHECK(qt::contains(problems[0].message.en, "needs a department"));

    // Without a departments table (an older catalog) nothing is asked.
    doc.erase("departments");
    for (Json& f : doc["figures"]) { f.erase("department"); f.erase("department_clause"); }
    problems.clear();
    CHECK(load_catalog(doc.dump(), c, problems));
    CHECK(c.departments.empty());
}

TEST_CASE("find_department: an id, any part of a name in either language; ambiguous and unknown list the choices") {
    const Catalog& c = qt::cat();
    Problem why;
    REQUIRE(find_department(c, "civil_affairs", why) != nullptr);
    CHECK(find_department(c, "民政", why)->id == "civil_affairs");
    CHECK(find_department(c, " transport ", why)->id == "transport");
    CHECK(find_department(c, "STATISTICS", why)->id == "statistics");
    CHECK(find_department(c, "市场监管局", why)->id == "market_regulation");

    CHECK(find_department(c, "局", why) == nullptr);
    CHECK(why.code == "department_ambiguous");
    CHECK(qt::contains(why.message.zh, "民政局（civil_affairs）"));
    CHECK(qt::contains(why.message.zh, "统计局（statistics）"));
    CHECK(find_department(c, "Bureau", why) == nullptr);
    CHECK(why.code == "department_ambiguous");

    CHECK(find_department(c, "公安局", why) == nullptr);
    CHECK(why.code == "department_unknown");
    CHECK(qt::contains(why.message.en, "Health Commission (health)"));
    CHECK(find_department(c, "", why) == nullptr);
}

TEST_CASE("department templates hold exactly the department's figures, in JSON, CSV and .xlsx, and cover the profile once") {
    const Catalog& c = qt::cat();
    std::set<std::string> all;
    for (const DepartmentDef& d : c.departments) {
        CAPTURE(d.id);
        std::vector<std::string> want_list = department_figures(c, Profile::county, d.id);
        std::set<std::string> want(want_list.begin(), want_list.end());
        REQUIRE_FALSE(want.empty());
        for (const std::string& k : want) CHECK(all.insert(k).second);  // no figure in two departments

        Assessment t = make_department_template(c, Profile::county, d, "东台市", 2023);
        CHECK(keys_of(t) == want);
        CHECK(t.department == d.id);

        // JSON round trip keeps the department.
        Assessment back;
        Problem p;
        REQUIRE(read_assessment(write_assessment(t), &c, back, p));
        CHECK(back == t);

        CsvRows rows;
        REQUIRE(parse_csv(figures_to_csv(c, t, Lang::zh), rows, p));
        CHECK(table_keys(rows) == want);
        Assessment from_csv;
        REQUIRE(read_figures_csv(figures_to_csv(c, t, Lang::zh), c, from_csv, p));
        CHECK(from_csv.department == d.id);

        CsvRows xrows;
        REQUIRE(read_xlsx_rows(figures_to_xlsx(c, t, Lang::en), xrows, p));
        CHECK(table_keys(xrows) == want);
        Assessment from_xlsx;
        REQUIRE(read_assessment_file(figures_to_xlsx(c, t, Lang::en), "t.xlsx", &c, from_xlsx, p));
        CHECK(from_xlsx.department == d.id);
    }
    std::set<std::string> county;
    for (const std::string& k : c.entry_order(Profile::county)) county.insert(k);
    CHECK(all == county);
}

TEST_CASE("merge: disjoint department files combine, each figure recording where it came from") {
    const Catalog& c = qt::cat();
    Problem why;
    Assessment civil = make_department_template(c, Profile::county, *find_department(c, "civil_affairs", why), "东台市", 2023);
    Assessment transport = make_department_template(c, Profile::county, *find_department(c, "transport", why), "东台", 2023);
    civil.figures["eldercare_institutions"] = I(100);
    civil.figures["eldercare_graded_institutions"] = I(40);
    civil.notes["eldercare_institutions"] = "民政局年报";
    civil.evidence["eldercare_graded_share"] = Evidence{EvidenceStatus::provided, "民政局档案", ""};
    civil.signoff.preparer = "张三";
    transport.figures["transport_projects"] = I(10);
    transport.figures["transport_projects_supervised"] = I(10);
    transport.signoff.phone = "0515-1234";
    MergeResult r;
    std::vector<Problem> problems;
    REQUIRE(merge_assessments(c, {civil, transport}, {"civil.json", "transport.csv"}, {}, r, problems));
    CHECK(r.conflicts.empty());
    CHECK(r.unsettled() == 0);
    const Assessment& m = r.merged;
    CHECK(m.unit == "东台市");
    CHECK(m.department.empty());
    CHECK(*m.get("eldercare_institutions") == I(100));
    CHECK(*m.get("transport_projects") == I(10));
    CHECK(m.figures.count("elder_canteens") == 1);  // an empty field of a template stays, empty
    CHECK(m.get("elder_canteens") == nullptr);
    CHECK(m.sources.at("eldercare_institutions") == "民政局");
    CHECK(m.sources.at("transport_projects") == "交通运输局");
    CHECK(m.sources.count("elder_canteens") == 0);
    CHECK(m.notes.at("eldercare_institutions") == "民政局年报");
    CHECK(m.evidence.at("eldercare_graded_share").where == "民政局档案");
    CHECK(m.signoff.preparer == "张三");
    CHECK(m.signoff.phone == "0515-1234");
    CHECK(validate(c, m).empty());

    // Files without a department are named by their file.
    Assessment a = qt::county(), b = qt::county();
    a.figures["mfg_sampled_batches"] = I(1000);
    b.figures["mfg_qualified_batches"] = I(960);
    REQUIRE(merge_assessments(c, {a, b}, {"a.json", "b.json"}, {}, r, problems));
    CHECK(r.merged.sources.at("mfg_sampled_batches") == "a.json");
    CHECK(r.merged.sources.at("mfg_qualified_batches") == "b.json");
}

TEST_CASE("merge: a figure with two values is a conflict naming both; --prefer or a choice settles it") {
    const Catalog& c = qt::cat();
    Assessment a = qt::county(), b = qt::county(), d = qt::county();
    a.figures["mfg_sampled_batches"] = I(1200);
    b.figures["mfg_sampled_batches"] = I(1300);
    a.figures["mfg_qualified_batches"] = I(1150);
    b.figures["mfg_qualified_batches"] = I(1150);   // the same value twice: no conflict
    a.evidence["mfg_pass_rate"] = Evidence{EvidenceStatus::provided, "A", ""};
    b.evidence["mfg_pass_rate"] = Evidence{EvidenceStatus::missing, "", ""};
    a.notes["mfg_sampled_batches"] = "甲";
    b.notes["mfg_sampled_batches"] = "乙";
    MergeResult r;
    std::vector<Problem> problems;
    std::vector<std::string> names{"a.json", "b.json"};
    REQUIRE(merge_assessments(c, {a, b}, names, {}, r, problems));
    REQUIRE(r.conflicts.size() == 2);
    CHECK(r.unsettled() == 2);
    const MergeConflict& m = r.conflicts[0];
    CHECK(m.key == "mfg_sampled_batches");
    CHECK(m.file_a == 0);
    CHECK(m.file_b == 1);
    CHECK(m.value_a == Json(1200));
    CHECK(m.value_b == Json(1300));
    Text t = merge_conflict_text(m, names);
    CHECK(t.zh == "制造业产品抽检批次（mfg_sampled_batches）：a.json 为 1200，b.json 为 1300");
    CHECK(qt::contains(t.en, "a.json has 1200, b.json has 1300"));
    CHECK(r.conflicts[1].key == "evidence.mfg_pass_rate");
    CHECK(r.merged.notes.at("mfg_sampled_batches") == "甲; 乙");

    MergeOptions prefer_b;
    prefer_b.prefer = 1;
    REQUIRE(merge_assessments(c, {a, b}, names, prefer_b, r, problems));
    CHECK(r.unsettled() == 0);
    CHECK(r.conflicts.size() == 2);
    CHECK(*r.merged.get("mfg_sampled_batches") == I(1300));
    CHECK(r.merged.evidence.at("mfg_pass_rate").status == EvidenceStatus::missing);
    CHECK(r.merged.sources.at("mfg_sampled_batches") == "b.json");
    CHECK(qt::contains(merge_conflict_text(r.conflicts[0], names).zh, "（采用 b.json 的）"));

    // The app's side-by-side choice, per conflict.
    MergeOptions choose;
    choose.choose["mfg_sampled_batches"] = 0;
    REQUIRE(merge_assessments(c, {a, b}, names, choose, r, problems));
    CHECK(r.unsettled() == 1);  // the evidence is still open
    CHECK(*r.merged.get("mfg_sampled_batches") == I(1200));

    // Three files: the preferred one settles only the conflicts it is part of.
    d.figures["mfg_sampled_batches"] = I(1400);
    REQUIRE(merge_assessments(c, {a, b, d}, {"a", "b", "d"}, prefer_b, r, problems));
    CHECK(*r.merged.get("mfg_sampled_batches") == I(1300));
    CHECK(r.unsettled() == 0);
}

TEST_CASE("merge: files of different units, years or profiles are refused, naming both files") {
    const Catalog& c = qt::cat();
    Assessment a = qt::county("东台市", 2023), b = qt::county("射阳县", 2023), y = qt::county("东台市", 2024);
    MergeResult r;
    std::vector<Problem> problems;
    CHECK_FALSE(merge_assessments(c, {a, b}, {"dongtai.json", "sheyang.json"}, {}, r, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "merge_mismatch");
    CHECK(problems[0].key == "unit");
    CHECK(qt::contains(problems[0].message.zh, "sheyang.json 是 射阳县 2023 年"));
    CHECK(qt::contains(problems[0].message.zh, "dongtai.json 是 东台市 2023 年"));
    problems.clear();
    CHECK_FALSE(merge_assessments(c, {a, y}, {"a", "y"}, {}, r, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].key == "year");
    CHECK(qt::contains(problems[0].message.en, "only files of one unit and one year can be merged"));
    problems.clear();
    CHECK_FALSE(merge_assessments(c, {a, qt::enterprise()}, {"a", "e"}, {}, r, problems));
    problems.clear();
    CHECK_FALSE(merge_assessments(c, {}, {}, {}, r, problems));
}

TEST_CASE("evidence: read and written in JSON, CSV and .xlsx, counted in completeness") {
    const Catalog& c = qt::cat();
    Assessment a = full_county();
    Problem p;
    Assessment back;
    REQUIRE(read_assessment(write_assessment(a), &c, back, p));
    CHECK(back == a);
    Json j = assessment_to_json(a);
    CHECK(j["evidence"]["mfg_pass_rate"] == Json{{"status", "provided"}, {"where", "档案室 A-3"}, {"note", "抽查汇总表"}});
    CHECK(j["evidence"]["food_pass_rate"] == Json{{"status", "missing"}});

    for (Lang lang : {Lang::zh, Lang::en}) {
        Assessment from_csv, from_xlsx;
        REQUIRE(read_figures_csv(figures_to_csv(c, a, lang), c, from_csv, p));
        CHECK(from_csv.evidence == a.evidence);
        CHECK(from_csv.signoff == a.signoff);
        REQUIRE(read_assessment_file(figures_to_xlsx(c, a, lang), "a.xlsx", &c, from_xlsx, p));
        CHECK(from_xlsx.evidence == a.evidence);
        CHECK(from_xlsx.signoff == a.signoff);
    }

    Evaluation e = evaluate(c, a);
    int indicators = (int)e.results.size();
    CHECK(e.summary.evidence_provided == 1);
    CHECK(e.summary.evidence_expected == indicators - 1);  // cqo_coverage's is not needed
    CHECK(evidence_count_text(e.summary).zh == "佐证材料 1/" + std::to_string(indicators - 1));
    CHECK(evidence_count_text(e.summary).en == "Evidence 1 of " + std::to_string(indicators - 1));
    Json out = evaluation_to_json(c, a, e, Lang::zh);
    CHECK(out["summary"]["evidence"]["provided"] == 1);
    for (const Json& ind : out["indicators"])
        if (ind["id"] == "mfg_pass_rate") CHECK(ind["evidence"]["status_text"] == "已提供");

    // A file without evidence: its results as before (nothing added).
    Assessment plain = qt::good_county();
    Json before = evaluation_to_json(c, plain, evaluate(c, plain), Lang::zh);
    CHECK_FALSE(before["summary"].contains("evidence"));

    // Statuses in words, ids, either language.
    CHECK(parse_evidence_status("已提供") == EvidenceStatus::provided);
    CHECK(parse_evidence_status(" Not needed ") == EvidenceStatus::not_needed);
    CHECK(parse_evidence_status("missing") == EvidenceStatus::missing);
    CHECK_FALSE(parse_evidence_status("maybe"));
}

TEST_CASE("evidence and sign-off: hostile shapes are refused naming the member") {
    const Catalog& c = qt::cat();
    auto read = [&](const std::string& member_json) {
        std::string text = R"({"schema":"qcity.assessment/1","catalog":"yancheng-2022","profile":"county","unit":"东台市","year":2023,"figures":{},)" +
                           member_json + "}";
        Assessment a;
        Problem p;
        bool ok = read_assessment(text, &c, a, p);
        return std::make_pair(ok, p);
    };
    auto r = read(R"("evidence":{"mfg_pass_rate":{"status":"maybe"}})");
    CHECK_FALSE(r.first);
    CHECK(r.second.key == "evidence.mfg_pass_rate");
    CHECK(qt::contains(r.second.message.zh, "制造业产品质量合格率"));
    CHECK_FALSE(read(R"("evidence":[1,2])").first);
    CHECK_FALSE(read(R"("evidence":{"mfg_pass_rate":{"status":"provided","where":5}})").first);
    CHECK_FALSE(read(R"("signoff":{"preparer":1})").first);
    CHECK_FALSE(read(R"("signoff":{"boss":"x"})").first);
    CHECK(read(R"("signoff":{"preparer":"张三","date":null})").first);
    CHECK_FALSE(read(R"("sources":{"a":1})").first);
    CHECK_FALSE(read(R"("department":7)").first);

    // CSV rows too.
    std::string csv = "#catalog,yancheng-2022\n#profile,county\n#unit,东台市\n#year,2023\n#evidence,mfg_pass_rate,perhaps\nkey,value\n";
    Assessment a;
    Problem p;
    CHECK_FALSE(read_figures_csv(csv, c, a, p));
    CHECK(qt::contains(p.message.zh, "第 5 行"));
    csv = "#catalog,yancheng-2022\n#profile,county\n#unit,东台市\n#year,2023\n#department,police\nkey,value\n";
    CHECK_FALSE(read_figures_csv(csv, c, a, p));
    CHECK(qt::contains(p.message.en, "unknown department"));
    csv = "#catalog,yancheng-2022\n#profile,county\n#unit,东台市\n#year,2023\n#signoff.boss,x\nkey,value\n";
    CHECK_FALSE(read_figures_csv(csv, c, a, p));
}

TEST_CASE("SHA-256: the FIPS 180-4 examples") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // Lengths around the padding boundary (55, 56, 64 bytes) take one or two final blocks.
    CHECK(sha256_hex(std::string(55, 'a')) != sha256_hex(std::string(56, 'a')));
    CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("canonical content: sorted keys, no spaces, UTF-8, what is covered and what is not") {
    Assessment a = full_county();
    std::string text = canonical_json(canonical_content(a));
    CHECK(qt::contains(text, "\"unit\":\"东台市\""));
    CHECK_FALSE(qt::contains(text, ": "));
    CHECK_FALSE(qt::contains(text, "\\u"));
    CHECK(text.find("\"catalog\"") < text.find("\"evidence\""));
    CHECK(text.find("\"evidence\"") < text.find("\"figures\""));
    CHECK(qt::contains(text, "\"public_service_satisfaction_score\":85.5"));
    std::string h = content_sha256(a);
    CHECK(h.size() == 64);
    // Not covered: sources, department, an empty field, an empty note.
    Assessment b = a;
    b.sources["mfg_sampled_batches"] = "民政局";
    b.department = "health";
    b.figures["unknown_but_empty"] = FigureValue{};
    b.notes["x"] = "  ";
    CHECK(content_sha256(b) == h);
    // Covered: a figure, a note, evidence, settings, the sign-off, the unit.
    for (int k = 0; k < 6; ++k) {
        Assessment d = a;
        if (k == 0) d.figures["mfg_sampled_batches"] = I(1001);
        if (k == 1) d.notes["mfg_sampled_batches"] = "改";
        if (k == 2) d.evidence["food_pass_rate"].status = EvidenceStatus::provided;
        if (k == 3) d.settings.quotas["certificates_new"] = 100;
        if (k == 4) d.signoff.reviewer = "赵六";
        if (k == 5) d.unit = "射阳县";
        CAPTURE(k);
        CHECK(content_sha256(d) != h);
    }
}

TEST_CASE("freeze and check: unchanged, then an edit named, a new version, a damaged record") {
    const Catalog& c = qt::cat();
    Assessment a = full_county();
    CHECK(check_submission(c, a).state == SubmissionState::never);
    Assessment f = freeze(a, "2026-12-06T05:00:00Z");
    REQUIRE(f.submission);
    CHECK(f.submission->current.version == 1);
    CHECK(f.submission->current.at == "2026-12-06T05:00:00Z");
    CHECK(f.submission->current.sha256 == content_sha256(a));
    CHECK(f.submission->content == canonical_content(a));
    CHECK(check_submission(c, f).state == SubmissionState::unchanged);

    Assessment edited = f;
    edited.figures["mfg_sampled_batches"] = I(1200);
    edited.signoff.head = "钱七";
    SubmissionCheck ch = check_submission(c, edited);
    CHECK(ch.state == SubmissionState::changed);
    REQUIRE(ch.changes.size() == 2);
    CHECK(ch.changes[0].key == "mfg_sampled_batches");
    CHECK(content_change_text(ch.changes[0]).zh == "制造业产品抽检批次（mfg_sampled_batches）：1000 → 1200");
    CHECK(ch.changes[1].key == "signoff.head");

    Assessment again = freeze(edited, "2026-12-07T01:00:00Z");
    CHECK(again.submission->current.version == 2);
    REQUIRE(again.submission->previous.size() == 1);
    CHECK(again.submission->previous[0].sha256 == f.submission->current.sha256);
    CHECK(check_submission(c, again).state == SubmissionState::unchanged);

    // The record itself altered (a figure changed in the submitted content): damaged, whatever the rest.
    Assessment tampered = f;
    tampered.submission->content["figures"]["mfg_sampled_batches"] = 5;
    CHECK(check_submission(c, tampered).state == SubmissionState::damaged);
    CHECK(qt::contains(check_submission(c, tampered).why.zh, f.submission->current.sha256.substr(0, 12)));
}

TEST_CASE("the hash is stable across a write/read round trip and across CSV and .xlsx conversions of the same content") {
    const Catalog& c = qt::cat();
    Assessment a = full_county();
    Assessment f = freeze(a, "2026-12-06T05:00:00Z");
    Problem p;
    Assessment back;
    REQUIRE(read_assessment(write_assessment(f), &c, back, p));
    CHECK(back == f);
    CHECK(check_submission(c, back).state == SubmissionState::unchanged);
    for (Lang lang : {Lang::zh, Lang::en}) {
        Assessment from_csv, from_xlsx, from_gbk;
        REQUIRE(read_figures_csv(figures_to_csv(c, a, lang), c, from_csv, p));
        CHECK(content_sha256(from_csv) == f.submission->current.sha256);
        REQUIRE(read_assessment_file(figures_to_xlsx(c, a, lang), "a.xlsx", &c, from_xlsx, p));
        CHECK(content_sha256(from_xlsx) == f.submission->current.sha256);
        // And back to JSON from the CSV: the same hash again.
        Assessment round;
        REQUIRE(read_assessment(write_assessment(from_csv), &c, round, p));
        CHECK(content_sha256(round) == f.submission->current.sha256);
    }
}

TEST_CASE("a bad submission block and a wrong-length hash are refused when read") {
    const Catalog& c = qt::cat();
    Json j = assessment_to_json(freeze(full_county(), "2026-12-06T05:00:00Z"));
    auto read = [&](const Json& doc) {
        Assessment a;
        Problem p;
        bool ok = read_assessment(doc.dump(), &c, a, p);
        return std::make_pair(ok, p);
    };
    CHECK(read(j).first);
    Json bad = j;
    bad["submission"]["sha256"] = j["submission"]["sha256"].get<std::string>().substr(0, 63);
    auto r = read(bad);
    CHECK_FALSE(r.first);
    CHECK(r.second.code == "bad_hash");
    CHECK(qt::contains(r.second.message.zh, "64 位"));
    CHECK(qt::contains(r.second.message.en, "(63 characters)"));
    bad["submission"]["sha256"] = std::string(64, 'G');
    CHECK_FALSE(read(bad).first);
    bad["submission"]["sha256"] = 12345;
    CHECK_FALSE(read(bad).first);
    bad = j;
    bad["submission"] = "yes";
    CHECK(read(bad).second.code == "bad_submission");
    bad = j;
    bad["submission"].erase("content");
    CHECK(read(bad).second.key == "submission.content");
    bad = j;
    bad["submission"]["version"] = 0;
    CHECK(read(bad).second.key == "submission.version");
    bad = j;
    bad["submission"]["previous"] = Json::array({Json{{"version", 1}, {"at", "x"}, {"sha256", "abc"}}});
    CHECK(read(bad).second.key == "submission.previous[0].sha256");
    bad = j;
    bad["submission"]["extra"] = 1;
    CHECK_FALSE(read(bad).first);
}

TEST_CASE("the report: evidence index, the sign-off block with lines for ink and a seal box, the submission") {
    const Catalog& c = qt::cat();
    for (bool filled : {true, false}) {
        Assessment a = full_county();
        if (!filled) a.signoff = Signoff{};
        Assessment f = freeze(a, "2026-12-06T05:00:00Z");
        f.figures["mfg_sampled_batches"] = I(1200);  // changed after submission
        Evaluation e = evaluate(c, f);
        ReportInput in;
        in.catalog = &c;
        in.assessment = &f;
        in.evaluation = &e;
        std::string h = report_html(in);
        CHECK(qt::contains(h, "佐证材料索引"));
        CHECK(qt::contains(h, "档案室 A-3"));
        CHECK(qt::contains(h, "签字与盖章"));
        CHECK(qt::contains(h, "<div class=\"seal\""));
        CHECK(qt::contains(h, "（盖章）"));
        CHECK(qt::contains(h, "填报人"));
        CHECK(qt::contains(h, "单位负责人"));
        CHECK(qt::contains(h, "SHA-256 " + f.submission->current.sha256.substr(0, 12)));
        CHECK_FALSE(qt::contains(h, f.submission->current.sha256.substr(0, 13)));
        CHECK(qt::contains(h, "2026-12-06T05:00:00Z"));
        CHECK(qt::contains(h, "提交后的改动"));
        CHECK(qt::contains(h, "1000 → 1200"));
        // The sign-off is the last section, after the problems.
        CHECK(h.find("签字与盖章") > h.find("佐证材料索引"));
        if (filled) {
            CHECK(qt::contains(h, "张三"));
            CHECK(qt::contains(h, "0515-88888888"));
        } else {
            // Five blank lines for ink, one per member.
            size_t blanks = 0;
            for (size_t pos = 0; (pos = h.find("<td class=\"blank\">", pos)) != std::string::npos; ++pos) ++blanks;
            CHECK(blanks == 5);
            CHECK_FALSE(qt::contains(h, "张三"));
        }
    }
    // English.
    Assessment a = full_county();
    Evaluation e = evaluate(c, a);
    ReportInput in;
    in.catalog = &c;
    in.assessment = &a;
    in.evaluation = &e;
    in.lang = Lang::en;
    std::string h = report_html(in);
    CHECK(qt::contains(h, "Evidence index"));
    CHECK(qt::contains(h, "Prepared by"));
    CHECK(qt::contains(h, "(Seal)"));
}

TEST_CASE("roll-up: each county's submission state") {
    const Catalog& c = qt::cat();
    Assessment never = qt::good_county("东台市");
    Assessment unchanged = freeze(qt::good_county("射阳县"), "2026-12-06T05:00:00Z");
    Assessment changed = freeze(qt::good_county("滨海县"), "2026-12-06T05:00:00Z");
    changed.figures["mfg_sampled_batches"] = I(1001);
    std::vector<Assessment> counties{never, unchanged, changed};
    Rollup r;
    std::vector<Problem> problems;
    REQUIRE(rollup(c, counties, r, problems));
    RollupMatrix m = rollup_matrix(c, counties, r);
    REQUIRE(m.submission.size() == 3);
    CHECK(m.submission[0] == (int)SubmissionState::never);
    CHECK(m.submission[1] == (int)SubmissionState::unchanged);
    CHECK(m.submission[2] == (int)SubmissionState::changed);
    std::string h = report_html(city_report_input(c, r, m));
    CHECK(qt::contains(h, "射阳县：已提交，提交后未改动"));
    CHECK(qt::contains(h, "滨海县：提交后有改动"));
    CHECK(qt::contains(h, "东台市：未提交"));
}

//-------------------------------------------------------------------------------------------------
// The command line
//-------------------------------------------------------------------------------------------------

namespace {
qt::CliRun run(const std::vector<std::string>& args) { return qt::run_cli_in(tmp().path, args); }
bool exists(const std::string& path) { return std::filesystem::exists(path); }
}  // namespace

TEST_CASE("cli: catalog --format json shows each figure's department in both languages") {
    qt::CliRun r = run({"catalog", "--format", "json", "--profile", "county"});
    REQUIRE(r.code == 0);
    Json j = qt::cli_json(r);
    REQUIRE(j["figures"].size() == qt::spec_county_figures().size());
    for (const Json& f : j["figures"]) {
        CAPTURE(f.dump());
        CHECK(f["department"]["zh"].is_string());
        CHECK(f["department"]["en"].is_string());
        if (f["key"] == "eldercare_hubs") {
            CHECK(f["department"] == Json{{"id", "civil_affairs"}, {"zh", "民政局"}, {"en", "Civil Affairs Bureau"}});
            CHECK(f["department_clause"] == "三.12");
        }
    }
    CHECK(j["departments"].size() == qt::cat().departments.size());
    CHECK(j["department_notes"].is_string());
}

TEST_CASE("cli: template --department writes only that department's figures, in json, csv and xlsx") {
    const Catalog& c = qt::cat();
    std::vector<std::string> want_list = department_figures(c, Profile::county, "civil_affairs");
    std::set<std::string> want(want_list.begin(), want_list.end());
    for (const char* format : {"json", "csv", "xlsx"}) {
        CAPTURE(format);
        std::string out = tmp().file(std::string("civil.") + format);
        qt::CliRun r = run({"template", "--profile", "county", "--department", "民政", "--unit", "东台市", "--year", "2023", "--format", format, "-o", out});
        REQUIRE(r.code == 0);
        Assessment a;
        Problem p;
        REQUIRE(read_assessment_file(qt::read_whole_file(out), out, &c, a, p));
        if (std::string(format) == "json") CHECK(keys_of(a) == want);
        else {
            CsvRows rows;
            if (std::string(format) == "csv") REQUIRE(parse_csv(qt::read_whole_file(out), rows, p));
            else REQUIRE(read_xlsx_rows(qt::read_whole_file(out), rows, p));
            CHECK(table_keys(rows) == want);
        }
        CHECK(a.department == "civil_affairs");
    }
    qt::CliRun amb = run({"template", "--profile", "county", "--department", "局", "--year", "2023"});
    CHECK(amb.code == 2);
    CHECK(qt::contains(amb.err, "民政局（civil_affairs）"));
    qt::CliRun unknown = run({"template", "--profile", "county", "--department", "police", "--year", "2023", "--lang", "en"});
    CHECK(unknown.code == 2);
    CHECK(qt::contains(unknown.err, "Statistics Bureau (statistics)"));
}

TEST_CASE("cli: merge disjoint files, conflicting files (exit 1, nothing written), --prefer, different units") {
    const Catalog& c = qt::cat();
    Problem why;
    Assessment civil = make_department_template(c, Profile::county, *find_department(c, "civil_affairs", why), "东台市", 2023);
    civil.figures["eldercare_institutions"] = I(100);
    Assessment stats = make_department_template(c, Profile::county, *find_department(c, "statistics", why), "东台市", 2023);
    stats.figures["resident_population"] = I(1000000);
    std::string f1 = tmp().write("civil.json", write_assessment(civil));
    std::string f2 = tmp().write("stats.csv", figures_to_csv(c, stats, Lang::zh));
    std::string out = tmp().file("merged.json");
    qt::CliRun r = run({"merge", f1, f2, "-o", out});
    REQUIRE(r.code == 0);
    Assessment m;
    Problem p;
    REQUIRE(read_assessment(qt::read_whole_file(out), &c, m, p));
    CHECK(*m.get("eldercare_institutions") == I(100));
    CHECK(*m.get("resident_population") == I(1000000));
    CHECK(m.sources.at("eldercare_institutions") == "民政局");
    CHECK(m.sources.at("resident_population") == "统计局");

    Assessment a = qt::county(), b = qt::county();
    a.figures["mfg_sampled_batches"] = I(1200);
    b.figures["mfg_sampled_batches"] = I(1300);
    std::string fa = tmp().write("a.json", write_assessment(a));
    std::string fb = tmp().write("b.json", write_assessment(b));
    std::string conflict_out = tmp().file("conflict.json");
    qt::CliRun cr = run({"merge", fa, fb, "-o", conflict_out});
    CHECK(cr.code == 1);
    CHECK(qt::contains(cr.err, "a.json 为 1200，b.json 为 1300"));
    CHECK(qt::contains(cr.err, "mfg_sampled_batches"));
    CHECK_FALSE(exists(conflict_out));

    qt::CliRun pr = run({"merge", fa, fb, "-o", conflict_out, "--prefer", fb});
    REQUIRE(pr.code == 0);
    REQUIRE(read_assessment(qt::read_whole_file(conflict_out), &c, m, p));
    CHECK(*m.get("mfg_sampled_batches") == I(1300));
    CHECK(m.sources.at("mfg_sampled_batches") == "b.json");

    std::string fs = tmp().write("sheyang.json", write_assessment(qt::county("射阳县")));
    std::string bad_out = tmp().file("bad.json");
    qt::CliRun ur = run({"merge", fa, fs, "-o", bad_out, "--lang", "en"});
    CHECK(ur.code == 1);
    CHECK(qt::contains(ur.err, "only files of one unit and one year"));
    CHECK_FALSE(exists(bad_out));
    std::string fy = tmp().write("a2024.json", write_assessment(qt::county("东台市", 2024)));
    CHECK(run({"merge", fa, fy, "-o", bad_out}).code == 1);
    CHECK_FALSE(exists(bad_out));
    CHECK(run({"merge", fa, fb, "-o", bad_out, "--prefer", "nobody.json"}).code == 2);
}

TEST_CASE("cli: freeze, verify 0, edit, verify 1 naming the figure; hostile submission blocks") {
    const Catalog& c = qt::cat();
    std::string in = tmp().write("dongtai.json", write_assessment(full_county()));
    std::string frozen = tmp().file("dongtai-frozen.json");
    qt::CliRun fr = run({"freeze", in, "-o", frozen, "--at", "2026-12-06T05:00:00Z"});
    REQUIRE(fr.code == 0);
    qt::CliRun v = run({"verify", frozen, "--lang", "en"});
    CHECK(v.code == 0);
    CHECK(qt::contains(v.out, "unchanged since submission"));

    Assessment a;
    Problem p;
    REQUIRE(read_assessment(qt::read_whole_file(frozen), &c, a, p));
    a.figures["above_scale_enterprises"] = I(101);
    std::string edited = tmp().write("dongtai-edited.json", write_assessment(a));
    qt::CliRun v1 = run({"verify", edited});
    CHECK(v1.code == 1);
    CHECK(qt::contains(v1.out, "above_scale_enterprises"));
    CHECK(qt::contains(v1.out, "规模以上企业总数（above_scale_enterprises）：100 → 101"));

    // The report shows the hash's first 12 digits, the time and the change.
    qt::CliRun rep = run({"report", edited});
    CHECK(qt::contains(rep.out, a.submission->current.sha256.substr(0, 12)));
    CHECK(qt::contains(rep.out, "100 → 101"));
    CHECK(qt::contains(rep.out, "（盖章）"));

    // Freezing again: version 2, verify 0.
    std::string again = tmp().file("dongtai-v2.json");
    REQUIRE(run({"freeze", edited, "-o", again}).code == 0);
    CHECK(run({"verify", again}).code == 0);
    Assessment v2;
    REQUIRE(read_assessment(qt::read_whole_file(again), &c, v2, p));
    CHECK(v2.submission->current.version == 2);

    // Never frozen: exit 1. A wrong-length hash, a bad block: the file does not read (exit 2), said why.
    CHECK(run({"verify", in}).code == 1);
    Json j = Json::parse(qt::read_whole_file(frozen));
    j["submission"]["sha256"] = "abc123";
    std::string short_hash = tmp().write("short.json", j.dump());
    qt::CliRun sh = run({"verify", short_hash});
    CHECK(sh.code == 2);
    CHECK(qt::contains(sh.err, "submission.sha256"));
    j = Json::parse(qt::read_whole_file(frozen));
    j["submission"]["content"]["figures"]["mfg_sampled_batches"] = 1;
    std::string tampered = tmp().write("tampered.json", j.dump());
    qt::CliRun tr = run({"verify", tampered});
    CHECK(tr.code == 1);
    CHECK(qt::contains(tr.out, "提交记录被改动过"));

    // The roll-up says each county's state.
    std::string other = tmp().write("sheyang.json", write_assessment(qt::good_county("射阳县")));
    qt::CliRun ro = run({"rollup", frozen, other, "--format", "json"});
    REQUIRE(ro.code == 0);
    Json rj = qt::cli_json(ro);
    CHECK(rj["submissions"]["东台市"] == "unchanged");
    CHECK(rj["submissions"]["射阳县"] == "never");
}

TEST_CASE("the canonical form as documented: a file frozen by another program (Python's json, sha256) verifies") {
    // tests/fuzz/corpus/fuzz_assessment/dongtai-frozen.json was written by Python: its hash is
    // hashlib.sha256(json.dumps(content, sort_keys=True, separators=(',', ':'), ensure_ascii=False)).
    const Catalog& c = qt::cat();
    std::string text = qt::read_whole_file(std::string(QCITY_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_assessment/dongtai-frozen.json");
    Assessment a;
    Problem p;
    REQUIRE(read_assessment(text, &c, a, p));
    REQUIRE(a.submission);
    CHECK(a.submission->current.sha256 == "1d6aa2b83ae31d8ad710b27c11035049a6a9db9b04fca546aa0daea70c466818");
    CHECK(a.submission->current.version == 2);
    CHECK(a.submission->previous.size() == 1);
    CHECK(check_submission(c, a).state == SubmissionState::unchanged);
    CHECK(content_sha256(a) == a.submission->current.sha256);
}

TEST_CASE("validate: evidence for an indicator the profile lacks, an unknown department: warnings, kept") {
    const Catalog& c = qt::cat();
    Assessment a = qt::county();
    a.evidence["ent_cqo"] = Evidence{EvidenceStatus::provided, "", ""};
    a.evidence["no_such"] = Evidence{};
    a.department = "police";
    std::vector<Problem> ps = validate(c, a);
    CHECK(qt::problems_for(ps, "evidence.ent_cqo", Severity::warning).size() == 1);
    CHECK(qt::problems_for(ps, "evidence.no_such", Severity::warning).size() == 1);
    CHECK(qt::problems_for(ps, "department", Severity::warning).size() == 1);
    CHECK_FALSE(has_errors(ps));
}

}  // namespace qcity_test_workflow
