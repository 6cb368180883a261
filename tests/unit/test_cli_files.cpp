// The `qcity` command line on the files people actually have (issue 12): every command reads GBK,
// GB18030 and UTF-16 tables and .xlsx workbooks made by other programs (Python's codecs, openpyxl),
// from their content whatever their name; `template --format xlsx -o F` writes a workbook that every
// command reads back; hostile files exit 2 naming the problem.
#include "cli_runner.h"
#include "other_programs.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

namespace qcity_test_cli_files {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::other_programs;

namespace {

using Run = qt::CliRun;

Run cli(const std::vector<std::string>& args) { return qt::run_cli_in(other_programs().dir, args); }

std::string copy_as(const std::string& from, const std::string& to) {
    std::string bytes = other_programs().bytes(from);
    std::ofstream out(other_programs().path(to), std::ios::binary);
    out << bytes;
    return other_programs().path(to);
}

}  // namespace

TEST_SUITE("cli files") {

TEST_CASE("validate and evaluate read GBK, GB18030, UTF-16 and .xlsx (was: GBK and UTF-16 refused)") {
    for (const char* name : {"gbk.csv", "gb18030.csv", "utf16le.txt", "utf16be.csv", "openpyxl.xlsx", "inline.xlsx"}) {
        CAPTURE(name);
        Run v = cli({"validate", other_programs().path(name), "--lang", "en"});
        CAPTURE(v.err);
        CHECK(v.code != 2);  // read (its figures may be incomplete: that is exit 0 or 1, not 2)
        Run e = cli({"evaluate", other_programs().path(name), "--format", "json", "--lang", "en"});
        CAPTURE(e.err);
        REQUIRE(e.code != 2);
        Json j = Json::parse(e.out);
        CHECK(j["unit"] == "东台市");  // not garbled
        CHECK(j["year"] == 2023);
    }
    // The name does not matter: a UTF-16 table named .json, a workbook named .csv.
    CHECK(cli({"evaluate", copy_as("utf16le.txt", "named.json"), "--format", "json"}).code != 2);
    CHECK(cli({"evaluate", copy_as("openpyxl.xlsx", "named.csv"), "--format", "json"}).code != 2);
    // rollup and report too.
    Run r = cli({"rollup", other_programs().path("gbk.csv"), "--format", "json", "--lang", "en"});
    CAPTURE(r.err);
    CHECK(r.code != 2);
    Run rep = cli({"report", other_programs().path("openpyxl.xlsx"), "-o", other_programs().path("report.html")});
    CAPTURE(rep.err);
    CHECK(rep.code != 2);
}

TEST_CASE("hostile files exit 2 naming the problem") {
    struct Case { const char* file; const char* says; };
    for (Case c : {Case{"utf16-nobom.txt", "UTF-16 without a BOM"}, Case{"invalid.csv", "is not valid UTF-8"},
                   Case{"binary.csv", "not a text file"}, Case{"empty.csv", "empty"}, Case{"truncated.xlsx", "not a complete zip"},
                   Case{"bomb.xlsx", "more than 20 MB"}, Case{"noheader.xlsx", "header"}}) {
        CAPTURE(c.file);
        Run v = cli({"validate", other_programs().path(c.file), "--lang", "en"});
        CHECK(v.code == 2);
        CHECK(qt::contains(v.err, c.file));
        CHECK(qt::contains(v.err, c.says));
    }
}

TEST_CASE("template --format xlsx -o F: a workbook every command reads back") {
    std::string book = other_programs().path("template.xlsx");
    Run t = cli({"template", "--profile", "county", "--unit", "东台市", "--year", "2023", "--format", "xlsx", "-o", book});
    CAPTURE(t.err);
    REQUIRE(t.code == 0);
    CHECK(other_programs().bytes("template.xlsx").compare(0, 4, "PK\x03\x04") == 0);
    Run v = cli({"validate", book, "--lang", "en"});
    CAPTURE(v.err);
    CHECK(v.code == 0);
    Run e = cli({"evaluate", book, "--format", "json"});
    REQUIRE(e.code == 0);
    CHECK(Json::parse(e.out)["unit"] == "东台市");
    // Binary output needs a file; xlsx is only a template format.
    Run no_o = cli({"template", "--profile", "county", "--format", "xlsx"});
    CHECK(no_o.code == 2);
    CHECK(qt::contains(no_o.err, "-o"));
    CHECK(cli({"evaluate", book, "--format", "xlsx"}).code == 2);
}

}  // TEST_SUITE

}  // namespace qcity_test_cli_files
