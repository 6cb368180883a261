// Issue 12, items 6–8 ("cells"): what a cell, a unit and a JSON document may hold.
//  - JSON from users: nesting beyond kMaxJsonDepth refused naming where; 1e999 and integers beyond
//    int64 refused naming the figure; the same limit for catalogs, awards and scoring models.
//  - Arithmetic on entered numbers: at most 6 decimals (2e-18 refused), 128-bit products.
//  - Cells: one number per cell ("1200 1300" and "1,2" refused), formula-looking text made inert
//    in every CSV we write and read back unchanged.
//  - Units: a county's unit is one of the catalog's (trimmed, short forms by the catalog's
//    aliases); the roll-up refuses one unit twice.
#include "cli_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qcity_test_cells {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::I;
using qt::R;
using qt::T;

namespace {

// {"a":{"a":…{}…}} nested `depth` objects deep (the outermost counted).
std::string nested_objects(int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{\"a\":";
    s += "{}";
    for (int i = 0; i < depth; ++i) s += "}";
    return s;
}

std::string assessment_text(const std::string& figures_json, const std::string& settings_json = "{}") {
    return R"({"schema": "qcity.assessment/1", "catalog": "yancheng-2022", "profile": "county", "unit": "东台市", "year": 2023, "figures": )" +
           figures_json + R"(, "settings": )" + settings_json + "}";
}

Problem read_refused(const std::string& text) {
    Assessment a = qt::county("sentinel");
    Problem p;
    CHECK_FALSE(read_assessment(text, &qt::cat(), a, p));
    CHECK(a.unit == "sentinel");
    return p;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// JSON depth and numbers out of range
//-------------------------------------------------------------------------------------------------

TEST_CASE("parse_json_document: 64 levels read, 65 are refused naming where") {
    Json out = Json{{"kept", true}};
    Problem p;
    // 63 objects around an empty one: 64 levels.
    CHECK(parse_json_document(nested_objects(63), out, p));
    out = Json{{"kept", true}};
    CHECK_FALSE(parse_json_document(nested_objects(64), out, p));
    CHECK(out == Json{{"kept", true}});
    CHECK(p.code == "json_too_deep");
    CHECK(qt::contains(p.message.zh, "64 层"));
    CHECK(qt::contains(p.message.en, "more than 64 levels"));
    CHECK(qt::contains(p.message.en, "a.a.a.a…a.a.a.a"));
    // Arrays count as levels too, and the path says which element.
    std::string arr = "{\"x\": [1, " + std::string(70, '[') + std::string(70, ']') + "]}";
    CHECK_FALSE(parse_json_document(arr, out, p));
    CHECK(p.code == "json_too_deep");
    CHECK(qt::contains(p.message.en, "x[1][0]"));
    // A syntax error still gives line and column.
    CHECK_FALSE(parse_json_document("{\n  \"a\": x}", out, p));
    CHECK(p.code == "malformed_json");
    CHECK(qt::contains(p.message.en, "line 2, column"));
    // A number no double holds, named by its path.
    CHECK_FALSE(parse_json_document(R"({"settings": {"quotas": {"x": -1e999}}})", out, p));
    CHECK(p.code == "number_out_of_range");
    CHECK(p.message.zh == "settings.quotas.x：数值超出范围（-1e999）");
    CHECK_FALSE(parse_json_document(R"({"list": [0, 1, 1e999]})", out, p));
    CHECK(qt::contains(p.message.en, "list[2]: the number is out of range (1e999)"));
}

TEST_CASE("read_assessment: 80,000 nested objects in settings are refused, not a crash") {
    // Before: read, then copied by recursion (the CLI segfaulted on `qcity validate`).
    Problem p = read_refused(assessment_text("{}", nested_objects(80000)));
    CHECK(p.code == "json_too_deep");
    CHECK(qt::contains(p.message.zh, "settings.a.a"));
    CHECK(qt::contains(p.message.en, "nested more than 64 levels deep"));
    // As deep as allowed: read.
    Assessment a;
    CHECK(read_assessment(assessment_text("{}", nested_objects(60)), &qt::cat(), a, p));
    // Deep in an unknown member, or in a figure's (wrong) value: refused the same way.
    p = read_refused(R"({"schema": "qcity.assessment/1", "x_app": )" + nested_objects(100) + "}");
    CHECK(p.code == "json_too_deep");
    CHECK(qt::contains(p.message.en, "x_app.a.a"));
    p = read_refused(assessment_text(R"({"mfg_sampled_batches": )" + nested_objects(100) + "}"));
    CHECK(p.code == "json_too_deep");
}

TEST_CASE("read_assessment: 1e999, -1e999 and integers beyond int64 name their figure") {
    for (const char* v : {"1e999", "-1e999", "9223372036854775808", "99999999999999999999", "-99999999999999999999"}) {
        CAPTURE(v);
        Problem p = read_refused(assessment_text(std::string(R"({"mfg_qualified_batches": 3, "mfg_sampled_batches": )") + v + "}"));
        CHECK(p.code == "number_out_of_range");
        CHECK(p.key == "mfg_sampled_batches");
        const FigureDef* f = qt::cat().figure("mfg_sampled_batches");
        CHECK(p.message.zh == "figures.mfg_sampled_batches（" + f->name.zh + "）：数值超出范围（" + v + "）");
        CHECK(p.message.en == "figures.mfg_sampled_batches (" + f->name.en + "): the number is out of range (" + v + ")");
    }
    // Without a catalog given, the file's own (built-in) catalog names it.
    Assessment a;
    Problem p;
    CHECK_FALSE(read_assessment(assessment_text(R"({"mfg_sampled_batches": 1e999})"), nullptr, a, p));
    CHECK(qt::contains(p.message.zh, "（" + qt::cat().figure("mfg_sampled_batches")->name.zh + "）"));
    // Elsewhere in the file: the path.
    p = read_refused(assessment_text("{}", R"({"quota_share": 1e999})"));
    CHECK(p.code == "number_out_of_range");
    CHECK(p.message.zh == "settings.quota_share：数值超出范围（1e999）");
    // Large but representable values still read, and validation says what is wrong with them.
    CHECK(read_assessment(assessment_text(R"({"mfg_sampled_batches": 1e300, "mfg_qualified_batches": 9223372036854775807})"), &qt::cat(), a, p));
}

TEST_CASE("catalog, award and scoring model loaders refuse deep nesting with a message") {
    std::string deep = R"({"schema": "qcity.catalog/1", "x": )" + nested_objects(200) + "}";
    Catalog c;
    std::vector<Problem> ps;
    CHECK_FALSE(load_catalog(deep, c, ps));
    REQUIRE(!ps.empty());
    CHECK(qt::contains(ps[0].message.en, "more than 64 levels"));
    AwardDef award;
    ps.clear();
    CHECK_FALSE(load_award(deep, award, ps));
    REQUIRE(!ps.empty());
    CHECK(qt::contains(ps[0].message.zh, "64 层"));
    ScoreModel m;
    ps.clear();
    CHECK_FALSE(load_score_model(deep, m, ps));
    REQUIRE(!ps.empty());
    CHECK(qt::contains(ps[0].message.en, "x.a.a.a…"));
}

//-------------------------------------------------------------------------------------------------
// Arithmetic on entered numbers
//-------------------------------------------------------------------------------------------------

namespace {
const IndicatorResult& result_of(const Evaluation& e, const std::string& figure) {
    for (const IndicatorResult& r : e.results)
        if (r.def->figure == figure) return r;
    FAIL("no indicator reads " << figure);
    return e.results.front();
}
}  // namespace

TEST_CASE("a score of 2e-18 is refused for its precision, and a small score's shortfall is exact") {
    // Before: 82 × 5·10^17 overflowed int64 in evaluate() (UB: a negative shortfall).
    Assessment a = qt::county();
    a.figures["public_service_satisfaction_score"] = R(2e-18);
    auto p = check_figure_value(qt::cat(), *qt::cat().figure("public_service_satisfaction_score"), R(2e-18));
    REQUIRE(p);
    CHECK(p->code == "too_precise");
    CHECK(qt::contains(p->message.zh, "最多可有 6 位小数"));
    Evaluation e = evaluate(qt::cat(), a);
    const IndicatorResult& r = result_of(e, "public_service_satisfaction_score");
    CHECK(r.status == Status::invalid);
    // Typed with 7 decimals: the same.
    FigureValue typed = parse_figure_input(qt::cat(), *qt::cat().figure("public_service_satisfaction_score"), "81.9500001");
    CHECK(check_figure_value(qt::cat(), *qt::cat().figure("public_service_satisfaction_score"), typed));
    // Six decimals are fine, and 82 − 0.000001 is a positive, exact shortfall.
    a.figures["public_service_satisfaction_score"] = R(0.000001);
    e = evaluate(qt::cat(), a);
    const IndicatorResult& s = result_of(e, "public_service_satisfaction_score");
    CHECK(s.status == Status::not_met);
    CHECK(s.has_shortfall);
    CHECK(compare(s.shortfall, Rational::of(81999999, 1000000)) == 0);
}

TEST_CASE("difference() takes 128-bit products and never overflows") {
    Rational a = Rational::of(82), b = Rational::of(1, 500000000000000000LL);
    Rational d = difference(a, b);
    CHECK(d.num > 0);
    CHECK(d.to_double() == doctest::Approx(82.0));
    CHECK(compare(difference(Rational::of(3, 4), Rational::of(1, 4)), Rational::of(1, 2)) == 0);
    Rational big = difference(Rational::of(INT64_MAX, 3), Rational::of(-INT64_MAX, 7));
    CHECK(big.num > 0);
}

TEST_CASE("huge counts: the largest allowed count evaluates; the roll-up sums beyond int64 without overflow") {
    Assessment a = qt::good_county();
    a.figures["mfg_sampled_batches"] = I(kMaxCount);
    a.figures["mfg_qualified_batches"] = I(kMaxCount - 1);
    Evaluation e = evaluate(qt::cat(), a);
    for (const IndicatorResult& r : e.results)
        if (r.def->num == "mfg_qualified_batches") {
            CHECK(r.status == Status::met);
            CHECK(r.value.num > 0);
        }
    CHECK(check_figure_value(qt::cat(), *qt::cat().figure("mfg_sampled_batches"), I(kMaxCount + 1)));
    CHECK(check_figure_value(qt::cat(), *qt::cat().figure("mfg_sampled_batches"), I(INT64_MAX)));
}

//-------------------------------------------------------------------------------------------------
// Cells: one number or nothing
//-------------------------------------------------------------------------------------------------

TEST_CASE("typed numbers: thousands grouped by 3, full-width forms; two numbers and decimal commas refused") {
    const Catalog& c = qt::cat();
    const FigureDef& count = *c.figure("mfg_sampled_batches");
    const FigureDef& score = *c.figure("public_service_satisfaction_score");
    auto value = [&](const FigureDef& f, const char* typed) { return parse_figure_input(c, f, typed); };
    // Accepted: one number.
    CHECK(value(count, "1,200") == I(1200));
    CHECK(value(count, "1 200") == I(1200));
    CHECK(value(count, "12,345,678") == I(12345678));
    CHECK(value(count, "１２００") == I(1200));
    CHECK(value(count, "１，２００") == I(1200));
    CHECK(value(count, "1\xC2\xA0" "200") == I(1200));      // no-break space (French Excel)
    CHECK(value(count, "1\xE3\x80\x80" "200") == I(1200));  // ideographic space
    CHECK(value(count, " 1200 ") == I(1200));
    CHECK(value(score, "81.95") == R(81.95));
    CHECK(value(score, "８１．９５") == R(81.95));
    CHECK(value(count, "1,234.5") == R(1234.5));             // a number; validation: not whole
    // Refused, saying why (the text is kept for the person to fix).
    struct Case { const FigureDef* f; const char* typed; const char* code; };
    for (Case k : {Case{&count, "1200 1300", "two_numbers"}, Case{&count, "1 2", "two_numbers"}, Case{&count, "1.5 2.5", "two_numbers"},
                   Case{&count, "1,2", "bad_grouping"}, Case{&count, "1,5", "bad_grouping"}, Case{&count, "1,20", "bad_grouping"},
                   Case{&count, "12,00", "bad_grouping"}, Case{&count, "1234,567", "bad_grouping"}, Case{&count, "１，２", "bad_grouping"},
                   Case{&count, "1,200 300", "two_numbers"}, Case{&score, "81,95", "bad_grouping"}, Case{&count, "1,2a", "not_number"},
                   Case{&count, "1.200,5", "not_number"}}) {
        std::string typed = k.typed;
        CAPTURE(typed);
        FigureValue v = value(*k.f, k.typed);
        CHECK(v.type == FigureValue::Type::text);
        auto p = check_figure_value(c, *k.f, v);
        REQUIRE(p);
        CHECK(p->code == k.code);
        CHECK(p->key == k.f->key);
        CHECK(qt::contains(p->message.zh, k.f->name.zh));
    }
    auto p = check_figure_value(c, count, value(count, "1200 1300"));
    CHECK(p->message.zh == count.name.zh + "应为一个数，现为 “1200 1300”（空格只用作每 3 位一组的千位分隔，如 1 200）");
}

TEST_CASE("figures CSV: a cell with two numbers or a decimal comma fails naming row, column and figure") {
    Assessment a = qt::county();
    std::string text = figures_to_csv(qt::cat(), a, Lang::zh);
    const FigureDef& f = *qt::cat().figure("mfg_sampled_batches");
    for (auto [cell, code_zh] : {std::pair<const char*, const char*>{"1200 1300", "应为一个数"}, {"\"1,2\"", "不是千位分隔"}, {"\"1,5\"", "不是千位分隔"}}) {
        const auto& cell_ = cell;  // (a structured binding cannot be captured in C++17)
        CAPTURE(cell_);
        std::string edited = text;
        std::string row_start = "\r\nmfg_sampled_batches,";
        size_t at = edited.find(row_start);
        REQUIRE(at != std::string::npos);
        size_t end = edited.find("\r\n", at + 2);
        // key, name_zh, name_en, value, unit, note
        edited.replace(at + 2, end - at - 2, "mfg_sampled_batches,x,x," + std::string(cell) + ",,");
        Assessment out = qt::county("sentinel");
        Problem p;
        CHECK_FALSE(read_figures_csv(edited, qt::cat(), out, p));
        CHECK(out.unit == "sentinel");
        CHECK(qt::contains(p.message.zh, "value 列（mfg_sampled_batches " + f.name.zh + "）"));
        CHECK(qt::contains(p.message.zh, "第 "));
        CHECK(qt::contains(p.message.zh, code_zh));
    }
    // "1,200" and full-width still read.
    std::string edited = text;
    size_t at = edited.find("\r\nmfg_sampled_batches,");
    size_t end = edited.find("\r\n", at + 2);
    edited.replace(at + 2, end - at - 2, "mfg_sampled_batches,x,x,\"1,200\",,");
    Assessment out;
    Problem p;
    REQUIRE(read_figures_csv(edited, qt::cat(), out, p));
    CHECK(out.figures["mfg_sampled_batches"] == I(1200));
}

//-------------------------------------------------------------------------------------------------
// CSV injection: inert text cells in every CSV we write
//-------------------------------------------------------------------------------------------------

TEST_CASE("inert_cell: the OWASP rule, numbers left alone, and exactly reversible") {
    CHECK(inert_cell("=1+1") == "'=1+1");
    CHECK(inert_cell("+86 138") == "'+86 138");
    CHECK(inert_cell("-x") == "'-x");
    CHECK(inert_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(inert_cell("\tx") == "'\tx");
    CHECK(inert_cell("\rx") == "'\rx");
    CHECK(inert_cell("-3") == "-3");
    CHECK(inert_cell("+1.5") == "+1.5");
    CHECK(inert_cell("-2e3") == "-2e3");
    CHECK(inert_cell("plain") == "plain");
    CHECK(inert_cell("") == "");
    CHECK(inert_cell("'=x") == "''=x");   // already quoted by its author: one more, so it reads back
    CHECK(inert_cell("'plain") == "'plain");
    for (const char* s : {"=1+1", "+86", "-x", "@a", "\tx", "'=x", "''-y", "-3", "'plain", "plain", "'", ""}) {
        CAPTURE(s);
        CHECK(restore_inert_cell(inert_cell(s)) == s);
    }
}

TEST_CASE("figures, results and roll-up matrix CSVs write formula-looking text inert; a note survives export → import") {
    Assessment a = qt::good_county();
    a.notes["mfg_sampled_batches"] = "=1+1";
    a.notes["mfg_qualified_batches"] = "@HYPERLINK(\"http://x\")";
    a.notes["resident_population"] = "-统计局";
    a.notes["food_sampled_batches"] = "'=already quoted";
    std::string csv = figures_to_csv(qt::cat(), a, Lang::zh);
    CHECK(qt::contains(csv, ",'=1+1\r\n"));
    CHECK(qt::contains(csv, "'@HYPERLINK"));
    CHECK(qt::contains(csv, ",'-统计局\r\n"));
    CHECK_FALSE(qt::contains(csv, ",=1+1"));
    Assessment back;
    Problem p;
    REQUIRE(read_figures_csv(csv, qt::cat(), back, p));
    CHECK(back.notes == a.notes);
    // The results table carries notes (by indicator) too.
    Evaluation e = evaluate(qt::cat(), a);
    std::string results = results_to_csv(qt::cat(), a, e, Lang::zh);
    CHECK(qt::contains(results, "'@HYPERLINK"));  // the indicator's notes, its numerator's first
    CsvRows rows;
    REQUIRE(parse_csv(results, rows, p));
    for (const auto& row : rows)
        for (const std::string& cell : row) {
            CAPTURE(cell);
            CHECK((cell.empty() || std::string("=+@\t\r").find(cell[0]) == std::string::npos));
            if (!cell.empty() && cell[0] == '-') CHECK(parse_decimal(cell));
        }
    // The roll-up matrix: a unit name is catalog data, but its cells go through the same writer.
    Rollup r;
    std::vector<Problem> ps;
    REQUIRE(rollup(qt::cat(), {qt::good_county("东台市"), qt::good_county("亭湖区")}, r, ps));
    RollupMatrix m = rollup_matrix(qt::cat(), {qt::good_county("东台市"), qt::good_county("亭湖区")}, r);
    std::string matrix = rollup_matrix_csv(qt::cat(), m, Lang::en);
    REQUIRE(parse_csv(matrix, rows, p));
    for (const auto& row : rows)
        for (const std::string& cell : row)
            if (!cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos) CHECK(parse_decimal(cell));
    CsvRows unsafe = {{"=cmd|' /C calc'!A0", "-5", "note"}};
    CHECK(write_csv(unsafe) == "\xEF\xBB\xBF'=cmd|' /C calc'!A0,-5,note\r\n");
}

//-------------------------------------------------------------------------------------------------
// Units are the catalog's
//-------------------------------------------------------------------------------------------------

TEST_CASE("catalog units: 11 with their short forms as data; check_unit trims, maps aliases, refuses others naming the list") {
    const Catalog& c = qt::cat();
    CHECK(c.units.size() == 11);
    for (const char* typed : {"东台市", " 东台市 ", "\xE3\x80\x80东台市\xE3\x80\x80", "东台", "Dongtai City", "dongtai"}) {
        CAPTURE(typed);
        std::string unit = typed;
        CHECK_FALSE(check_unit(c, Profile::county, unit));
        CHECK(unit == "东台市");
    }
    std::string unit = "东台县";
    auto p = check_unit(c, Profile::county, unit);
    REQUIRE(p);
    CHECK(p->code == "unit_unknown");
    CHECK(p->key == "unit");
    CHECK(unit == "东台县");
    CHECK(qt::contains(p->message.zh, "“东台县”不是本目录的县级单位，应为以下之一：亭湖区、盐都区、大丰区、东台市"));
    CHECK(qt::contains(p->message.en, "Yannan High-tech Zone"));
    // Enterprises: free text, trimmed.
    unit = "\xE3\x80\x80盐城某机械有限公司 ";
    CHECK_FALSE(check_unit(c, Profile::enterprise, unit));
    CHECK(unit == "盐城某机械有限公司");
    // validate() and the readers.
    Assessment a = qt::county("东台县");
    bool found = false;
    for (const Problem& q : validate(c, a)) found = found || (q.code == "unit_unknown" && q.severity == Severity::error);
    CHECK(found);
    for (const Problem& q : validate(c, qt::county("东台"))) CHECK(q.code != "unit_unknown");
    Problem e;
    Assessment read;
    std::string text = write_assessment(qt::county(" 东台 "));
    REQUIRE(read_assessment(text, &c, read, e));
    CHECK(read.unit == "东台市");
    CHECK_FALSE(read_assessment(write_assessment(qt::county("东台县")), &c, read, e));
    CHECK(e.code == "unit_unknown");
    // Without a catalog given, the file's own built-in catalog decides.
    CHECK_FALSE(read_assessment(write_assessment(qt::county("东台县")), nullptr, read, e));
    // A value given by the page API or the saved workspace is read (trimmed), not refused.
    REQUIRE(read_assessment_json(assessment_to_json(qt::county(" 东台县 ")), &c, read, e));
    CHECK(read.unit == "东台县");
    // The figures CSV: row of #unit named.
    std::string csv = figures_to_csv(c, qt::county("东台县"), Lang::zh);
    CHECK_FALSE(read_figures_csv(csv, c, read, e));
    CHECK(e.code == "unit_unknown");
    CHECK(qt::contains(e.message.zh, "第 3 行："));
    REQUIRE(read_figures_csv(figures_to_csv(c, qt::county("东台"), Lang::zh), c, read, e));
    CHECK(read.unit == "东台市");
}

TEST_CASE("the catalog loader checks aliases: text, and one unit per name") {
    std::string text(embedded("catalog/yancheng-2022.json"));
    Json doc = Json::parse(text);
    doc["units"][0]["aliases"] = Json::array({"东台"});  // 亭湖区 claiming 东台市's short form
    Catalog c;
    std::vector<Problem> ps;
    CHECK_FALSE(load_catalog(doc.dump(), c, ps));
    bool named = false;
    for (const Problem& p : ps) named = named || qt::contains(p.message.en, "alias '东台' already names unit tinghu");
    CHECK(named);
    doc["units"][0]["aliases"] = Json::array({3});
    ps.clear();
    CHECK_FALSE(load_catalog(doc.dump(), c, ps));
}

TEST_CASE("the roll-up refuses one unit twice after trimming and aliases, naming it and the two files") {
    Rollup r;
    std::vector<Problem> ps;
    // " 东台市 " and "东台" as they could come from the API or an older saved workspace.
    std::vector<Assessment> v = {qt::good_county("东台市"), qt::good_county("亭湖区"), qt::good_county(" 东台市 "), qt::good_county("东台")};
    CHECK_FALSE(rollup(qt::cat(), v, r, ps, {"dongtai.json", "tinghu.json", "dongtai-2.json", "dt.csv"}));
    std::vector<std::string> messages;
    for (const Problem& p : ps)
        if (p.code == "duplicate_unit") messages.push_back(p.message.zh);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0] == "东台市：同一单位出现了两次（dongtai.json 与 dongtai-2.json），只能汇总一次");
    CHECK(messages[1] == "东台市：同一单位出现了两次（dongtai.json 与 dt.csv），只能汇总一次");
    ps.clear();
    CHECK_FALSE(rollup(qt::cat(), {qt::good_county("东台市"), qt::good_county("东台")}, r, ps));
    bool found = false;
    for (const Problem& p : ps) found = found || (p.code == "duplicate_unit" && qt::contains(p.message.en, "(assessment 1 and assessment 2)"));
    CHECK(found);
    // A unit the catalog does not know is an error in the roll-up too (validate()).
    ps.clear();
    CHECK_FALSE(rollup(qt::cat(), {qt::good_county("东台市"), qt::good_county("东台县")}, r, ps));
    found = false;
    for (const Problem& p : ps) found = found || p.code == "unit_unknown";
    CHECK(found);
}

//-------------------------------------------------------------------------------------------------
// The CLI on a deeply nested file (a separate process: before, it segfaulted)
//-------------------------------------------------------------------------------------------------

namespace {

namespace fs = std::filesystem;

using qt::CliRun;

CliRun run_qcity(const std::string& args, const fs::path& dir) { return qt::run_cli_shell(dir, args); }

}  // namespace

TEST_CASE("CLI: 80,000 nested objects in settings are refused with a message, not a segfault; 1e999 names its figure") {
    qt::TempDir dir("qcity_cells");
    fs::path file = dir.path / "deep.json";
    std::ofstream(file, std::ios::binary) << assessment_text("{}", nested_objects(80000));
    CliRun r = run_qcity("validate --lang en '" + file.string() + "'", dir.path);
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.code == 2);
    CHECK(qt::contains(r.out + r.err, "nested more than 64 levels deep (at settings.a.a.a"));
    r = run_qcity("evaluate '" + file.string() + "'", dir.path);
    CHECK(r.code == 2);
    CHECK(qt::contains(r.out + r.err, "JSON 嵌套超过 64 层"));

    fs::path big = dir.path / "big.json";
    std::ofstream(big, std::ios::binary) << assessment_text(R"({"mfg_sampled_batches": 1e999})");
    r = run_qcity("validate '" + big.string() + "'", dir.path);
    CHECK(r.code == 2);
    CHECK(qt::contains(r.out + r.err, "figures.mfg_sampled_batches（" + qt::cat().figure("mfg_sampled_batches")->name.zh + "）：数值超出范围（1e999）"));

    // A county unit not in the catalog: refused by the template command, naming the list.
    r = run_qcity("template --profile county --unit 东台县 --year 2023", dir.path);
    CHECK(r.code == 2);
    CHECK(qt::contains(r.err, "应为以下之一：亭湖区"));
    r = run_qcity("template --profile county --unit ' 东台' --year 2023", dir.path);
    CHECK(r.code == 0);
    CHECK(qt::contains(r.out, "\"unit\": \"东台市\""));

    // Two files for one unit: the roll-up names both.
    fs::path a = dir.path / "a.json", b = dir.path / "b.json";
    std::ofstream(a, std::ios::binary) << write_assessment(qt::good_county("东台市"));
    std::ofstream(b, std::ios::binary) << write_assessment(qt::good_county("东台"));
    r = run_qcity("rollup '" + a.string() + "' '" + b.string() + "'", dir.path);
    CHECK(r.code == 1);
    CHECK(qt::contains(r.out, "东台市：同一单位出现了两次（" + a.string() + " 与 " + b.string() + "）"));
}

TEST_CASE("parse_json_document names a figure out of range when given the catalog (the page API's load)") {
    Json out;
    Problem p;
    CHECK_FALSE(parse_json_document(assessment_text(R"({"mfg_sampled_batches": -1e999})"), out, p, &qt::cat()));
    CHECK(p.key == "mfg_sampled_batches");
    CHECK(p.message.zh == "figures.mfg_sampled_batches（" + qt::cat().figure("mfg_sampled_batches")->name.zh + "）：数值超出范围（-1e999）");
}

}  // namespace qcity_test_cells
