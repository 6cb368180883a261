// .xlsx workbooks: read_xlsx_rows on workbooks written by openpyxl and by hand (inline strings,
// cells out of order, gaps), through the same row reader as CSV; hostile zips refused with a reason;
// figures_to_xlsx read back by openpyxl (another program) and by qcity.
#include "other_programs.h"

#include <unistd.h>

#include <cstdio>

namespace qcity_test_xlsx {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::other_programs;

namespace {

Problem xlsx_refusal(const std::string& bytes) {
    CsvRows rows = {{"untouched"}};
    Problem p;
    CHECK_FALSE(read_xlsx_rows(bytes, rows, p));
    CHECK(rows == CsvRows{{"untouched"}});
    return p;
}

std::string run(const std::string& cmd) {
    std::string out;
    FILE* f = popen(cmd.c_str(), "r");
    REQUIRE(f != nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    CHECK(pclose(f) == 0);
    return out;
}

}  // namespace

TEST_SUITE("xlsx") {

TEST_CASE("a workbook from openpyxl: shared strings, numeric cells, the first sheet only") {
    CsvRows rows;
    Problem p;
    REQUIRE(read_xlsx_rows(other_programs().bytes("openpyxl.xlsx"), rows, p));
    REQUIRE(rows.size() == 9);
    CHECK(rows[0] == std::vector<std::string>{"#catalog", "yancheng-2022"});
    CHECK(rows[2] == std::vector<std::string>{"#unit", "东台市"});
    CHECK(rows[3] == std::vector<std::string>{"#year", "2023"});  // a numeric cell, as Excel shows it
    CHECK(rows[4] == std::vector<std::string>{"key", "name_zh", "name_en", "value", "unit", "note"});
    CHECK(rows[5][3] == "94");
    CHECK(rows[7][3] == "81.95");
    CHECK(rows[6][5] == "统计局 喆堃犇 “引号” ①");

    Assessment a;
    FileFormat f = FileFormat::json;
    REQUIRE(read_assessment_file(other_programs().bytes("openpyxl.xlsx"), "figures.xlsx", nullptr, a, p, &f));
    CHECK(f == FileFormat::xlsx);
    CHECK(a.unit == "东台市");
    CHECK(*a.get("above_scale_with_cqo") == FigureValue::integer(94));
    CHECK(a.get("public_service_satisfaction_score")->r == doctest::Approx(81.95));
    CHECK(*a.get("one_stop_platform") == FigureValue::boolean(true));
}

TEST_CASE("inline strings, a namespace prefix, cells out of order or without references, gaps") {
    CsvRows rows;
    Problem p;
    REQUIRE(read_xlsx_rows(other_programs().bytes("inline.xlsx"), rows, p));
    CHECK(rows[2] == std::vector<std::string>{"#unit", "东台市"});       // cells without a reference
    CHECK(rows[4] == std::vector<std::string>{""});                       // rows left out read as blank
    CHECK(rows[5][0] == "");
    CHECK(rows[6] == std::vector<std::string>{"key", "name_zh", "name_en", "value", "unit", "note"});
    CHECK(rows[7] == std::vector<std::string>{"above_scale_with_cqo", "", "", "94"});  // names left out
    Assessment a;
    bool ok = read_assessment_file(other_programs().bytes("inline.xlsx"), "x", nullptr, a, p);
    CAPTURE(p.message.en);
    REQUIRE(ok);
    CHECK(a.notes.at("above_scale_enterprises") == "生僻字 㐀 与 𠀀");
    CHECK(*a.get("above_scale_enterprises") == FigureValue::integer(140));
}

TEST_CASE("an xlsx cell means what the same CSV cell means (one row reader): \"1,2\" in a value cell") {
    Assessment from_xlsx, from_csv;
    Problem px, pc;
    bool ok_x = read_assessment_file(other_programs().bytes("comma.xlsx"), "comma.xlsx", nullptr, from_xlsx, px);
    bool ok_c = read_assessment_file(other_programs().bytes("comma.csv"), "comma.csv", nullptr, from_csv, pc);
    CHECK(ok_x == ok_c);
    CHECK(px.message.en == pc.message.en);
    if (!ok_x) {  // refused: naming row, column and figure
        CHECK(px.message.en.find("row 6, column value (above_scale_with_cqo") != std::string::npos);
    } else {
        CHECK(from_xlsx == from_csv);
    }
}

TEST_CASE("hostile workbooks are refused with a reason") {
    Problem p = xlsx_refusal(other_programs().bytes("truncated.xlsx"));
    CHECK(p.code == "xlsx_zip");
    CHECK(p.message.en.find("not a complete zip") != std::string::npos);

    p = xlsx_refusal(other_programs().bytes("bomb.xlsx"));  // 30 MB of XML in 32 KB
    CHECK(p.code == "xlsx_too_large");
    CHECK(p.message.en.find("xl/worksheets/data.xml unpacks to more than 20 MB") != std::string::npos);

    Assessment a;
    REQUIRE(read_assessment_file(other_programs().bytes("noheader.xlsx"), "x.xlsx", nullptr, a, p) == false);
    CHECK(p.code == "csv_header");
    CHECK(p.message.en.find("header") != std::string::npos);

    p = xlsx_refusal(std::string("PK\x05\x06", 4) + std::string(18, '\0'));  // an empty zip
    CHECK(p.message.en.find("xl/workbook.xml") != std::string::npos);
    p = xlsx_refusal("PK\x03\x04 not really a zip");
    CHECK(p.code == "xlsx_zip");
}

TEST_CASE("qcity template --format xlsx: read by openpyxl as the CSV template's layout, and back by every command") {
    Assessment t = make_template(qt::cat(), Profile::county, "东台市", 2023);
    t.figures["above_scale_with_cqo"] = FigureValue::integer(94);
    t.figures["public_service_satisfaction_score"] = FigureValue::real(81.95);
    t.notes["above_scale_with_cqo"] = "=HYPERLINK(\"x\") 统计局";  // a string cell, never a formula
    std::string book = figures_to_xlsx(qt::cat(), t, Lang::zh);
    REQUIRE(book.size() > 100);
    CHECK(book.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(figures_to_xlsx(qt::cat(), t, Lang::zh) == book);  // the same bytes every time

    std::string path = (other_programs().dir / "written.xlsx").string();
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f);
        std::fwrite(book.data(), 1, book.size(), f);
        std::fclose(f);
    }
    const char* py = std::getenv("QCITY_PYTHON");
    std::string script =
        "import sys, json, openpyxl\n"
        "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
        "rows = [[c.value for c in r] for r in ws.iter_rows()]\n"
        "types = [[c.data_type for c in r] for r in ws.iter_rows()]\n"
        "print(json.dumps({'rows': rows, 'types': types}, ensure_ascii=False, default=str))\n";
    std::string script_path = (other_programs().dir / "read.py").string();
    {
        std::FILE* f = std::fopen(script_path.c_str(), "wb");
        std::fwrite(script.data(), 1, script.size(), f);
        std::fclose(f);
    }
    Json read = Json::parse(run(std::string(py && *py ? py : "/usr/bin/python3") + " '" + script_path + "' '" + path + "'"));
    const Json& rows = read["rows"];
    const Json& types = read["types"];
    REQUIRE(rows.size() == 5 + qt::cat().entry_order(Profile::county).size());
    CHECK(rows[0] == Json::array({"#catalog", "yancheng-2022", nullptr, nullptr, nullptr, nullptr}));
    CHECK(rows[2][1] == "东台市");
    CHECK(rows[3][1] == 2023);  // a number
    CHECK(rows[4] == Json::array({"key", "name_zh", "name_en", "value", "unit", "note"}));
    bool seen = false;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i][0] == "above_scale_with_cqo") {
            seen = true;
            CHECK(rows[i][3] == 94);
            CHECK(types[i][3] == "n");  // a numeric cell
            CHECK(rows[i][5] == "=HYPERLINK(\"x\") 统计局");
            CHECK(types[i][5] == "s");  // a string, not a formula ("f")
        }
    CHECK(seen);

    Assessment back;
    Problem p;
    REQUIRE(read_assessment_file(book, "t.xlsx", nullptr, back, p));
    CHECK(back.unit == "东台市");
    CHECK(*back.get("above_scale_with_cqo") == FigureValue::integer(94));
    CHECK(back.get("public_service_satisfaction_score")->r == doctest::Approx(81.95));
    CHECK(back.notes == t.notes);
}

}  // TEST_SUITE

}  // namespace qcity_test_xlsx
