// CSV for spreadsheets: cells that survive a write → parse round trip whatever they hold, files as
// Excel and other tools save them, the figures table read back into an equal assessment (also after
// a spreadsheet re-saved it), refusals that name the row, column and figure and leave the caller's
// assessment as it was, and the results table.
#include "support.h"

#include <algorithm>

namespace qcity_test_csv {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::B;
using qt::I;
using qt::R;
using qt::T;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

CsvRows parsed(const std::string& text) {
    CsvRows rows;
    Problem p;
    bool ok = parse_csv(text, rows, p);
    CAPTURE(p.message.en);
    CHECK(ok);
    return rows;
}

// A county with a little of everything: counts, a score with decimals, a yes/no in each sense,
// notes (one with a comma, quotes and a line break). (A county's unit is one of the catalog's: the
// enterprise below has the name that needs quoting.)
Assessment county_sample() {
    Assessment a = qt::county("东台市", 2023);
    a.figures["mfg_qualified_batches"] = I(1150);
    a.figures["mfg_sampled_batches"] = I(1200);
    a.figures["public_service_satisfaction_score"] = R(81.95);
    a.figures["one_stop_platform"] = B(true);
    a.figures["resident_population"] = I(1000000);
    a.figures["certificates_new"] = I(0);
    a.notes["mfg_sampled_batches"] = "来源：市场监管局，2023 年 \"双随机\" 抽查\n含省抽";
    a.notes["tertiary_hospitals"] = "卫健委提供（数据待补）";  // a note on a figure left empty
    return a;
}

// An enterprise: booleans both ways, the credit rating (an enum), counts.
Assessment enterprise_sample() {
    Assessment a = qt::enterprise("盐城某机械有限公司, \"试点\"", 2024);  // a name that needs quoting
    a.figures["ent_qualified_batches"] = I(48);
    a.figures["ent_sampled_batches"] = I(50);
    a.figures["ent_consumer_goods"] = B(false);
    a.figures["ent_has_cqo"] = B(true);
    a.figures["ent_credit_rating"] = T("AA");
    a.figures["ent_years_pe"] = I(3);
    a.figures["ent_sales_revenue"] = I(125000);
    a.notes["ent_credit_rating"] = "2023 年省市场监管局公示";
    return a;
}

Assessment read_back(const std::string& text) {
    Assessment b;
    Problem p;
    bool ok = read_figures_csv(text, qt::cat(), b, p);
    CAPTURE(p.message.en);
    CHECK(ok);
    return b;
}

// A failed read: the problem, after checking that the caller's assessment is untouched.
Problem refused(const std::string& text) {
    Assessment target = enterprise_sample();
    target.settings.scope = AssessmentSettings::Scope::unit;
    const Assessment before = target;
    Problem p;
    p.key = "unset";
    CHECK_FALSE(read_figures_csv(text, qt::cat(), target, p));
    CHECK(target == before);
    CHECK(p.severity == Severity::error);
    CHECK(p.key != "unset");
    CHECK_FALSE(p.code.empty());
    CHECK_FALSE(p.message.zh.empty());
    CHECK_FALSE(p.message.en.empty());
    return p;
}

// The spreadsheet row of a figure in a freshly exported table: 4 identity rows, the header, then
// the figures in entry order.
int row_of(const std::string& key, Profile p = Profile::county) {
    const auto& order = qt::cat().entry_order(p);
    auto it = std::find(order.begin(), order.end(), key);
    REQUIRE(it != order.end());
    return 6 + (int)(it - order.begin());
}

// The exported rows of an assessment, to be edited by a test and written again.
CsvRows exported(const Assessment& a, Lang lang = Lang::zh) { return parsed(figures_to_csv(qt::cat(), a, lang)); }

size_t index_of(const CsvRows& rows, const std::string& key) {
    for (size_t i = 0; i < rows.size(); ++i)
        if (!rows[i].empty() && rows[i][0] == key) return i;
    FAIL("no row " << key);
    return 0;
}

// What a spreadsheet makes of the file when it saves it as "Unicode text"-like TSV: rows padded to
// the same width, tabs, LF, no BOM, cells quoted only when they hold a tab, quote or line break.
std::string as_tsv(const CsvRows& rows) {
    size_t width = 0;
    for (const auto& r : rows) width = std::max(width, r.size());
    std::string out;
    for (const auto& r : rows) {
        for (size_t j = 0; j < width; ++j) {
            std::string cell = j < r.size() ? r[j] : std::string();
            if (j) out += '\t';
            if (cell.find_first_of("\t\"\r\n") != std::string::npos) {
                out += '"';
                for (char ch : cell) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                out += '"';
            } else {
                out += cell;
            }
        }
        out += '\n';
    }
    return out;
}

// Moves the table's columns (header and figure rows; identity rows stay in the first two columns)
// to `order`, given as the old column indices.
CsvRows reorder(CsvRows rows, const std::vector<size_t>& order) {
    size_t header = index_of(rows, "key");
    for (size_t i = header; i < rows.size(); ++i) {
        std::vector<std::string> moved;
        for (size_t j : order) moved.push_back(j < rows[i].size() ? rows[i][j] : std::string());
        rows[i] = moved;
    }
    return rows;
}

}  // namespace

TEST_SUITE("csv") {

TEST_CASE("write → parse gives back every cell, whatever it holds") {
    CsvRows rows = {
        {"a,b", "say \"hi\"", "line1\r\nline2", "lf\nonly", "cr\ronly", "tab\there", "东台市（盐城）", "", "=SUM(A1:A3)", "+1", "-2",
         "#x", " spaced ", "\"", "\"\"", ","},
        {""},
        {"", ""},
        {"single"},
        {"trailing", "", ""},
        {"１２００", "1,200", "是", "AA级"},
    };
    std::string text = write_csv(rows);
    CHECK(text.rfind(kBom, 0) == 0);
    CHECK(text.size() >= 2);
    CHECK(text.compare(text.size() - 2, 2, "\r\n") == 0);
    // Every cell back, formula-like text with the quote inert_cell() put in front of it (issue 12).
    CsvRows inert = rows;
    for (auto& row : inert)
        for (std::string& cell : row) cell = inert_cell(cell);
    CHECK(inert != rows);
    CHECK(parsed(text) == inert);
    // Quoted only when needed; a formula-like text cell made inert, a number kept.
    CHECK(write_csv({{"a,b", "x"}}) == kBom + "\"a,b\",x\r\n");
    CHECK(write_csv({{"=1+1", "say \"hi\"", "-2"}}) == kBom + "'=1+1,\"say \"\"hi\"\"\",-2\r\n");
    CHECK(write_csv({{"a"}, {"b", "c"}}) == kBom + "a\r\nb,c\r\n");
    CHECK(write_csv({{"tab\t"}}) == kBom + "\"tab\t\"\r\n");
    CHECK(write_csv({}) == kBom);
}

TEST_CASE("files as spreadsheets save them: BOM + CRLF + quotes, tabs, LF only, CR only, no BOM") {
    const CsvRows want = {{"#catalog", "yancheng-2022", ""}, {"key", "value", "note"}, {"mfg_sampled_batches", "1,200", "多行\n备注"}};
    SUBCASE("Excel's CSV UTF-8: BOM, CRLF, quoted cells, rows padded") {
        CHECK(parsed(kBom + "#catalog,yancheng-2022,\r\nkey,value,note\r\nmfg_sampled_batches,\"1,200\",\"多行\n备注\"\r\n") == want);
    }
    SUBCASE("tab-separated, LF only, no BOM; a comma inside a cell is text") {
        CHECK(parsed("#catalog\tyancheng-2022\t\nkey\tvalue\tnote\nmfg_sampled_batches\t1,200\t\"多行\n备注\"\n") == want);
    }
    SUBCASE("CR only (old Mac), no final line break") {
        CHECK(parsed("#catalog,yancheng-2022,\rkey,value,note\rmfg_sampled_batches,\"1,200\",\"多行\n备注\"") == want);
    }
    SUBCASE("blank lines are skipped, trailing empty cells kept") {
        CHECK(parsed("\r\n\r\n#catalog,yancheng-2022,\r\n\r\nkey,value,note\n\nmfg_sampled_batches,\"1,200\",\"多行\n备注\"\r\n\r\n") == want);
        CHECK(parsed("a,b,\n,\n") == CsvRows{{"a", "b", ""}, {"", ""}});
    }
    SUBCASE("the separator is the first line's: a tab inside quotes or next to a comma does not make TSV") {
        CHECK(parsed("\"a\tb\",c\n") == CsvRows{{"a\tb", "c"}});
        CHECK(parsed("a\tb,c\n") == CsvRows{{"a\tb", "c"}});
        CHECK(parsed("a\t\"b,c\"\nd\te\n") == CsvRows{{"a", "b,c"}, {"d", "e"}});
    }
    SUBCASE("text after a closing quote is kept, as Excel does; a quote inside an unquoted cell is text") {
        CHECK(parsed("\"ab\"c,5\"\n") == CsvRows{{"abc", "5\""}});
    }
    SUBCASE("an empty text has no rows") {
        CHECK(parsed("").empty());
        CHECK(parsed(kBom).empty());
        CHECK(parsed("\r\n\n").empty());
    }
}

TEST_CASE("a quote left open fails with the line where it opened; `out` is untouched") {
    CsvRows out = {{"kept"}};
    Problem p;
    CHECK_FALSE(parse_csv("a,b\r\nc,\"open\r\nstill open\r\nd,e\r\n", out, p));
    CHECK(out == CsvRows{{"kept"}});
    CHECK(p.severity == Severity::error);
    CHECK(p.key == "csv");
    CHECK(p.code == "csv_quote");
    CHECK(qt::contains(p.message.zh, "第 2 行"));
    CHECK(qt::contains(p.message.en, "line 2"));
    // A quoted line break before it counts as a line.
    CHECK_FALSE(parse_csv("\"x\ny\"\n\n\"z", out, p));
    CHECK(qt::contains(p.message.en, "line 4"));
}

TEST_CASE("a file that is not UTF-8 (GBK, UTF-16) is refused with its line") {
    CsvRows out;
    Problem p;
    CHECK_FALSE(parse_csv("key,value\r\n\xB6\xAB\xCC\xA8,1\r\n", out, p));  // 东台 in GBK
    CHECK(p.code == "csv_encoding");
    CHECK(qt::contains(p.message.en, "line 2"));
    CHECK(qt::contains(p.message.zh, "CSV UTF-8"));
    CHECK_FALSE(parse_csv(std::string("\xFF\xFEk\0e\0y\0", 8), out, p));
    CHECK(p.code == "csv_encoding");
    CHECK_FALSE(parse_csv("\xED\xA0\x80", out, p));  // a UTF-16 surrogate written as UTF-8
    CHECK_FALSE(parse_csv("\xC0\xAF", out, p));      // an overlong '/'
}

TEST_CASE("figures → CSV → figures gives an equal assessment (county and enterprise, zh and en)") {
    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        for (const Assessment& a : {county_sample(), enterprise_sample()}) {
            std::string text = figures_to_csv(qt::cat(), a, lang);
            CHECK(read_back(text) == a);
        }
    }
    // The layout: identity rows, the header, every figure of the profile in entry order.
    CsvRows rows = exported(county_sample());
    const auto& order = qt::cat().entry_order(Profile::county);
    REQUIRE(rows.size() == 5 + order.size());
    CHECK(rows[0] == std::vector<std::string>{"#catalog", "yancheng-2022"});
    CHECK(rows[1] == std::vector<std::string>{"#profile", "county"});
    CHECK(rows[2] == std::vector<std::string>{"#unit", "东台市"});
    CHECK(rows[3] == std::vector<std::string>{"#year", "2023"});
    CHECK(rows[4] == std::vector<std::string>{"key", "name_zh", "name_en", "value", "unit", "note"});
    for (size_t i = 0; i < order.size(); ++i) CHECK(rows[5 + i][0] == order[i]);
    const auto& sampled = rows[index_of(rows, "mfg_sampled_batches")];
    CHECK(sampled[1] == "制造业产品抽检批次");
    CHECK(sampled[2] == "Sampled batches of manufactured products");
    CHECK(sampled[3] == "1200");
    CHECK(sampled[4] == "批次");
    CHECK(sampled[5] == "来源：市场监管局，2023 年 \"双随机\" 抽查\n含省抽");
    CHECK(rows[index_of(rows, "public_service_satisfaction_score")][3] == "81.95");
    CHECK(rows[index_of(rows, "tertiary_hospitals")][3] == "");
    // Yes/no and the rating in the table's language.
    CHECK(rows[index_of(rows, "one_stop_platform")][3] == "是");
    CHECK(exported(county_sample(), Lang::en)[index_of(rows, "one_stop_platform")][3] == "yes");
    CHECK(exported(county_sample(), Lang::en)[index_of(rows, "mfg_sampled_batches")][4] == "batches");
    CsvRows ent = exported(enterprise_sample());
    CHECK(ent[index_of(ent, "ent_consumer_goods")][3] == "否");
    CHECK(ent[index_of(ent, "ent_credit_rating")][3] == "AA级");
    CsvRows ent_en = exported(enterprise_sample(), Lang::en);
    CHECK(ent_en[index_of(ent_en, "ent_consumer_goods")][3] == "no");
    CHECK(ent_en[index_of(ent_en, "ent_credit_rating")][3] == "AA");
}

TEST_CASE("a template (every figure absent) reads back with no figures") {
    Assessment t = make_template(qt::cat(), Profile::enterprise, "某公司", 2024);
    Assessment b = read_back(figures_to_csv(qt::cat(), t, Lang::zh));
    CHECK(b.figures.empty());
    CHECK(b.notes.empty());
    CHECK(b.profile == Profile::enterprise);
    CHECK(b.unit == "某公司");
    CHECK(b.year == 2024);
    CHECK(b.catalog == "yancheng-2022");
}

TEST_CASE("figures survive a spreadsheet's re-save: tabs, no BOM, LF, padded rows, moved columns") {
    for (Lang lang : {Lang::zh, Lang::en})
        for (const Assessment& a : {county_sample(), enterprise_sample()}) {
            CsvRows rows = exported(a, lang);
            // key, name_zh, name_en, value, unit, note → key, name_zh, note, unit, value, name_en
            std::string tsv = as_tsv(reorder(rows, {0, 1, 5, 4, 3, 2}));
            CHECK(tsv.find('\r') == std::string::npos);
            CHECK(tsv.rfind(kBom, 0) != 0);
            CHECK(read_back(tsv) == a);
            // The key column moved too (the identity rows left where they were).
            CHECK(read_back(write_csv(reorder(rows, {3, 5, 0, 1, 2, 4}))) == a);
            // Blank rows and ",,,,,"-padded empty rows in between.
            rows.insert(rows.begin() + 4, std::vector<std::string>(6));
            rows.insert(rows.begin() + 8, std::vector<std::string>{});
            rows.push_back({"", " ", ""});
            CHECK(read_back(write_csv(rows)) == a);
        }
}

TEST_CASE("values are read as typed: thousands separators, full-width digits, words for yes/no and ratings") {
    std::string head = "#catalog,yancheng-2022\r\n#profile,enterprise\r\n#unit,某公司\r\n#year,2024\r\nkey,value\r\n";
    Assessment b = read_back(head +
                             "ent_sampled_batches,\"1,200\"\r\n"
                             "ent_qualified_batches,１２００\r\n"
                             "ent_sales_revenue, 1 200 \r\n"
                             "ent_has_cqo,yes\r\n"
                             "ent_consumer_goods,否\r\n"
                             "ent_qms_certified,TRUE\r\n"
                             "ent_credit_rating,AAA级\r\n"
                             "ent_years_pe,\r\n");
    CHECK(b.figures["ent_sampled_batches"] == I(1200));
    CHECK(b.figures["ent_qualified_batches"] == I(1200));
    CHECK(b.figures["ent_sales_revenue"] == I(1200));
    CHECK(b.figures["ent_has_cqo"] == B(true));
    CHECK(b.figures["ent_consumer_goods"] == B(false));
    CHECK(b.figures["ent_qms_certified"] == B(true));
    CHECK(b.figures["ent_credit_rating"] == T("AAA"));
    CHECK(b.figures.count("ent_years_pe") == 0);  // empty: absent, not stored
    CHECK(b.notes.empty());                        // no note column: no notes
    // Identity rows in any order; an unknown one is ignored.
    Assessment c = read_back("#year,2024\n#x-app,whatever\n#unit,某公司\n#profile,enterprise\n#catalog,yancheng-2022\nkey,value\nent_has_cqo,是\n");
    CHECK(c.year == 2024);
    CHECK(c.figures["ent_has_cqo"] == B(true));
}

TEST_CASE("every bad cell fails the read, naming the row, the column and the figure; `out` is untouched") {
    const Assessment a = county_sample();
    const CsvRows rows = exported(a);
    auto with_value = [&](const std::string& key, const std::string& value) {
        CsvRows r = rows;
        r[index_of(r, key)][3] = value;
        return write_csv(r);
    };

    SUBCASE("text where a count is meant") {
        int row = row_of("mfg_sampled_batches");
        Problem p = refused(with_value("mfg_sampled_batches", "abc"));
        CHECK(p.key == "mfg_sampled_batches");
        CHECK(p.code == "csv_cell");
        CHECK(p.message.zh == "第 " + std::to_string(row) + " 行，value 列（mfg_sampled_batches 制造业产品抽检批次）：应为数字，现为文本 “abc”");
        CHECK(p.message.en == "row " + std::to_string(row) +
                                  ", column value (mfg_sampled_batches, Sampled batches of manufactured products): must be a number, not the text “abc”");
    }
    SUBCASE("a negative count") {
        Problem p = refused(with_value("certificates_new", "-3"));
        CHECK(p.key == "certificates_new");
        CHECK(p.code == "csv_cell");
        CHECK(qt::contains(p.message.zh, "第 " + std::to_string(row_of("certificates_new")) + " 行，value 列"));
        CHECK(qt::contains(p.message.zh, "不能为负数"));
        CHECK(qt::contains(p.message.en, "row " + std::to_string(row_of("certificates_new")) + ", column value (certificates_new"));
        CHECK(qt::contains(p.message.en, "cannot be negative"));
    }
    SUBCASE("a yes/no figure with something else, a score out of range, a zero population") {
        Problem p = refused(with_value("one_stop_platform", "也许"));
        CHECK(p.key == "one_stop_platform");
        CHECK(qt::contains(p.message.en, "must be yes or no"));
        p = refused(with_value("public_service_satisfaction_score", "101"));
        CHECK(p.key == "public_service_satisfaction_score");
        CHECK(qt::contains(p.message.en, "from 0 to 100"));
        p = refused(with_value("resident_population", "0"));
        CHECK(p.key == "resident_population");
        CHECK(qt::contains(p.message.en, "row " + std::to_string(row_of("resident_population"))));
    }
    SUBCASE("rows count as the spreadsheet shows them: blank lines count, a multi-line note is one row") {
        std::string text = with_value("certificates_new", "x");
        // One blank line after the header; the note of mfg_sampled_batches already spans two lines.
        size_t header = text.find("key,name_zh");
        text.insert(text.find("\r\n", header) + 2, "\r\n");
        Problem p = refused(text);
        CHECK(qt::contains(p.message.en, "row " + std::to_string(row_of("certificates_new") + 1) + ", column value"));
    }
    SUBCASE("an unknown key") {
        CsvRows r = rows;
        r.push_back({"no_such_figure", "", "", "5", "", ""});
        Problem p = refused(write_csv(r));
        CHECK(p.key == "no_such_figure");
        CHECK(p.code == "unknown_key");
        CHECK(qt::contains(p.message.zh, "第 " + std::to_string((int)r.size()) + " 行，key 列"));
        CHECK(qt::contains(p.message.en, "row " + std::to_string((int)r.size()) + ", column key"));
        CHECK(qt::contains(p.message.en, "no_such_figure"));
    }
    SUBCASE("a figure of the other profile") {
        CsvRows r = rows;
        r.push_back({"ent_has_cqo", "", "", "是", "", ""});
        Problem p = refused(write_csv(r));
        CHECK(p.key == "ent_has_cqo");
        CHECK(p.code == "other_profile");
        CHECK(qt::contains(p.message.en, "row " + std::to_string((int)r.size()) + ", column key (ent_has_cqo"));
        CHECK(qt::contains(p.message.en, "enterprise"));
        CHECK(qt::contains(p.message.zh, "企业"));
    }
    SUBCASE("a duplicate key, even when one of the two is empty") {
        CsvRows r = rows;
        r.push_back({"tertiary_hospitals", "", "", "", "", ""});
        Problem p = refused(write_csv(r));
        CHECK(p.key == "tertiary_hospitals");
        CHECK(p.code == "duplicate_key");
        CHECK(qt::contains(p.message.en, "row " + std::to_string((int)r.size())));
        CHECK(qt::contains(p.message.en, "row " + std::to_string(row_of("tertiary_hospitals"))));
        CHECK(qt::contains(p.message.zh, "第 " + std::to_string(row_of("tertiary_hospitals")) + " 行重复"));
    }
    SUBCASE("a row with cells but no key") {
        CsvRows r = rows;
        r.push_back({"", "", "", "", "", "合计"});
        Problem p = refused(write_csv(r));
        CHECK(p.code == "csv_cell");
        CHECK(qt::contains(p.message.en, "row " + std::to_string((int)r.size()) + ", column key"));
    }
    SUBCASE("the wrong #catalog") {
        CsvRows r = rows;
        r[0][1] = "suzhou-2030";
        Problem p = refused(write_csv(r));
        CHECK(p.key == "catalog");
        CHECK(p.code == "wrong_catalog");
        CHECK(qt::contains(p.message.en, "suzhou-2030"));
        CHECK(qt::contains(p.message.en, "row 1"));
    }
    SUBCASE("a bad #year, an unknown #profile") {
        CsvRows r = rows;
        r[3][1] = "2023年";
        Problem p = refused(write_csv(r));
        CHECK(p.key == "year");
        CHECK(p.code == "bad_year");
        CHECK(qt::contains(p.message.en, "row 4"));
        CHECK(qt::contains(p.message.zh, "2023年"));
        r = rows;
        r[1][1] = "city";
        p = refused(write_csv(r));
        CHECK(p.key == "profile");
        CHECK(p.code == "bad_profile");
    }
    SUBCASE("missing or repeated identity rows") {
        CsvRows r = rows;
        r.erase(r.begin() + 1);  // #profile
        r.erase(r.begin() + 2);  // #year
        Problem p = refused(write_csv(r));
        CHECK(p.key == "profile");
        CHECK(p.code == "csv_identity");
        CHECK(qt::contains(p.message.en, "#profile, #year"));
        CHECK(qt::contains(p.message.zh, "#profile、#year"));
        r = rows;
        r.insert(r.begin() + 2, {"#profile", "enterprise"});
        p = refused(write_csv(r));
        CHECK(p.code == "csv_identity");
        CHECK(qt::contains(p.message.en, "row 3"));
        CHECK(qt::contains(p.message.en, "row 2"));
    }
    SUBCASE("no header") {
        CsvRows r = rows;
        r.erase(r.begin() + 4);
        Problem p = refused(write_csv(r));
        CHECK(p.code == "csv_header");
        CHECK(qt::contains(p.message.en, "row 5"));
        CHECK(qt::contains(p.message.en, "header"));
        p = refused(write_csv({{"#catalog", "yancheng-2022"}, {"#profile", "county"}}));
        CHECK(p.code == "csv_header");
        p = refused(write_csv({{"key", "name_zh", "unit"}}));  // no value column
        CHECK(p.code == "csv_header");
        CHECK(qt::contains(p.message.en, "value"));
        p = refused("");
        CHECK(p.code == "csv_header");
    }
    SUBCASE("a text that is not CSV at all, or too large") {
        Problem p = refused("#catalog,\"yancheng-2022\r\n");
        CHECK(p.code == "csv_quote");
        p = refused(std::string(kMaxFileBytes + 1, 'x'));
        CHECK(p.code == "file_too_large");
    }
}

namespace {

const std::vector<std::string> kResultsHeadZh = {"指标编号", "指标", "状态", "数值", "目标", "单位", "差距", "差距单位",
                                                 "数值（显示）", "目标（显示）", "差距说明", "备注", "条款"};
const std::vector<std::string> kResultsHeadEn = {"id", "indicator", "status", "value", "target", "unit", "shortfall", "shortfall unit",
                                                 "value as shown", "target as shown", "shortfall and reason", "note", "clause"};

bool numeric_kind(Kind k) { return k != Kind::flag && k != Kind::rating && k != Kind::info; }

// A cell Excel reads as a number: digits and at most one point (no unit, no separator, no space).
bool plain_number(const std::string& cell) {
    return !cell.empty() && cell.find_first_not_of("0123456789.") == std::string::npos && std::count(cell.begin(), cell.end(), '.') <= 1 &&
           parse_decimal(cell).has_value();
}

const std::vector<std::string>& row_by_id(const CsvRows& rows, const std::string& id) {
    for (const auto& r : rows)
        if (r[0] == id) return r;
    FAIL("no row " << id);
    return rows[0];
}

}  // namespace

TEST_CASE("results → CSV: numbers in the value, target and shortfall columns, units beside them, the texts as shown after") {
    Assessment a = qt::good_county();
    a.figures["above_scale_with_cqo"] = I(60);  // 60 % < 70 %: not met, 10 short
    a.figures.erase("tertiary_hospitals");      // missing
    a.notes["cqo_coverage"] = "市场监管局, \"首席质量官\" 名单";
    Evaluation e = evaluate(qt::cat(), a);
    REQUIRE(e.results.size() == 31);

    for (Lang lang : {Lang::zh, Lang::en}) {
        CAPTURE(lang == Lang::en ? "en" : "zh");
        std::string text = results_to_csv(qt::cat(), a, e, lang);
        CHECK(text.rfind(kBom, 0) == 0);
        CsvRows rows = parsed(text);
        REQUIRE(rows.size() == 1 + e.results.size());
        CHECK(rows[0] == (lang == Lang::en ? kResultsHeadEn : kResultsHeadZh));
        int numbers = 0;
        for (size_t i = 0; i < e.results.size(); ++i) {
            const IndicatorResult& r = e.results[i];
            const IndicatorDef& d = *r.def;
            const std::vector<std::string>& row = rows[i + 1];
            CAPTURE(d.id);
            REQUIRE(row.size() == 13);
            CHECK(row[0] == d.id);
            CHECK(row[1] == d.name.get(lang));
            CHECK(row[2] == (r.contribution ? "—" : status_text(r.status).get(lang) + (r.provisional ? (lang == Lang::en ? " (provisional)" : "（暂定）") : "")));
            CHECK(row[5] == d.value_unit.get(lang));
            CHECK(row[8] == display_value(qt::cat(), r, lang));
            // "= 100 %" would be a formula in Excel: written inert ("'= 100 %", issue 12).
            CHECK(row[9] == inert_cell(r.contribution ? r.contribution_text.get(lang) : display_target(qt::cat(), r, lang)));
            CHECK(row[10] == (r.shortfall_text.empty() ? r.reason.get(lang) : r.shortfall_text.get(lang)));
            CHECK(row[12] == d.clause);
            if (numeric_kind(d.kind) && r.has_value) {
                // The value: a plain number, the one display shows (never rounded up across the target).
                ++numbers;
                CHECK(plain_number(row[3]));
                CHECK(row[8].rfind(row[3], 0) == 0);
                CHECK((row[8].size() == row[3].size() || row[8][row[3].size()] == ' '));
                if (r.has_target) CHECK((compare(*parse_decimal(row[3]), r.target) >= 0) == (compare(r.value, r.target) >= 0));
            }
            if (numeric_kind(d.kind) && r.has_target && !r.contribution) {
                CHECK(plain_number(row[4]));
                CHECK(compare(*parse_decimal(row[4]), r.target) == 0);  // exactly the target judged against (the quota for a county)
            }
            if (r.has_shortfall) {
                CHECK(plain_number(row[6]));
                CHECK(compare(*parse_decimal(row[6]), r.shortfall) == 0);
                CHECK_FALSE(row[7].empty());
            } else {
                CHECK(row[6].empty());
                CHECK(row[7].empty());
            }
            if (!r.has_value) CHECK(row[3].empty());
        }
        CHECK(numbers >= 20);
        const auto& cqo = row_by_id(rows, "cqo_coverage");
        CHECK(cqo[2] == (lang == Lang::en ? "Not met" : "未达标"));
        CHECK(cqo[3] == "60.0");
        CHECK(cqo[4] == "70");
        CHECK(cqo[5] == "%");
        CHECK(cqo[6] == "10");
        // A rate's shortfall counts its numerator: enterprises, not percent.
        CHECK(cqo[7] == qt::cat().figure("above_scale_with_cqo")->unit.get(lang, "10"));
        CHECK(cqo[7] != "%");
        CHECK(cqo[8] == "60.0 %");
        CHECK(qt::contains(cqo[10], "10"));
        CHECK(cqo[11] == "市场监管局, \"首席质量官\" 名单");
        const auto& mfg = row_by_id(rows, "mfg_pass_rate");
        CHECK(mfg[2] == (lang == Lang::en ? "Met" : "达标"));
        CHECK(mfg[6] == "0");  // met: nothing short, a number still
        CHECK(mfg[10] == "");
        const auto& emr = row_by_id(rows, "emr_level4_share");
        CHECK(emr[2] == (lang == Lang::en ? "Missing data" : "缺数据"));
        CHECK(emr[3] == "");
        CHECK(emr[4] == "100");  // every hospital: = 100 %
        CHECK(qt::contains(emr[10], lang == Lang::en ? "missing" : "三级医院总数"));
        // Yes/no in words: a flag is not summed.
        CHECK(row_by_id(rows, "one_stop_platform")[3] == (lang == Lang::en ? "Yes" : "是"));
        CHECK(row_by_id(rows, "one_stop_platform")[4] == (lang == Lang::en ? "Yes" : "是"));
        CHECK(row_by_id(rows, "one_stop_platform")[6] == "");
    }
}

TEST_CASE("results → CSV: a value just below its target reads as display shows it, never rounded up to the target") {
    Assessment a = qt::good_county();
    a.figures["mfg_qualified_batches"] = I(9496);  // 94.96 % of 10 000 against ≥ 95 %
    a.figures["mfg_sampled_batches"] = I(10000);
    a.figures["food_sampled_batches"] = I(6999);   // 6.999 per 1 000 people against ≥ 7: shown "6.99"
    a.figures["food_qualified_batches"] = I(6900);
    Evaluation e = evaluate(qt::cat(), a);
    const IndicatorResult& mfg = qt::result(e, "mfg_pass_rate");
    REQUIRE(mfg.status == Status::not_met);
    REQUIRE(compare(mfg.target, Rational::of(95)) == 0);
    for (Lang lang : {Lang::zh, Lang::en}) {
        CsvRows rows = parsed(results_to_csv(qt::cat(), a, e, lang));
        const auto& row = row_by_id(rows, "mfg_pass_rate");
        CHECK(row[3] == "94.9");
        CHECK(row[4] == "95");
        CHECK(row[6] == "4");  // ⌈95 % of 10 000⌉ − 9 496
        CHECK(row[8] == "94.9 %");
        // Every numeric value is on the same side of its target as the exact value.
        for (const IndicatorResult& r : e.results) {
            if (!numeric_kind(r.def->kind) || !r.has_value || !r.has_target) continue;
            CAPTURE(r.def->id);
            const auto& x = row_by_id(rows, r.def->id);
            CHECK((compare(*parse_decimal(x[3]), r.target) >= 0) == (r.status == Status::met));
        }
    }
}

TEST_CASE("results → CSV: a county's contribution has no target and no shortfall; a provisional status is marked") {
    Assessment a = qt::good_county();
    Evaluation e = evaluate(qt::cat(), a);
    // Set by hand as evaluate() and the roll-up give them.
    IndicatorResult* gov = nullptr;
    IndicatorResult* cqo = nullptr;
    for (IndicatorResult& r : e.results) {
        if (r.def->id == "governor_award_new") gov = &r;
        if (r.def->id == "cqo_coverage") cqo = &r;
    }
    REQUIRE(gov);
    REQUIRE(cqo);
    gov->contribution = true;
    gov->quota = false;
    gov->status = Status::info;
    gov->has_target = false;
    gov->has_shortfall = false;
    gov->shortfall_text = Text{};
    gov->has_value = true;
    gov->value = Rational::of(0);
    gov->contribution_text = Text{"全市目标 1 个，本单位新增 0 个", "City target 1 award; this unit added 0 awards"};
    cqo->provisional = true;
    for (Lang lang : {Lang::zh, Lang::en}) {
        CsvRows rows = parsed(results_to_csv(qt::cat(), a, e, lang));
        const auto& g = row_by_id(rows, "governor_award_new");
        CHECK(g[2] == "—");
        CHECK(g[3] == "0");
        CHECK(g[4] == "");
        CHECK(g[6] == "");
        CHECK(g[7] == "");
        CHECK(g[9] == gov->contribution_text.get(lang));
        CHECK(row_by_id(rows, "cqo_coverage")[2] == status_text(cqo->status).get(lang) + (lang == Lang::en ? " (provisional)" : "（暂定）"));
    }
}

TEST_CASE("the figures CSV is unchanged: export → import → export gives the same text, numbers as typed") {
    for (Lang lang : {Lang::zh, Lang::en})
        for (const Assessment& a : {county_sample(), enterprise_sample(), qt::good_county()}) {
            std::string once = figures_to_csv(qt::cat(), a, lang);
            std::string twice = figures_to_csv(qt::cat(), read_back(once), lang);
            CHECK(once == twice);
        }
    // Its values stay as a person types them: no unit in the value column.
    CsvRows rows = exported(county_sample());
    CHECK(rows[index_of(rows, "resident_population")][3] == "1000000");
    CHECK(rows[index_of(rows, "resident_population")][4] == qt::cat().figure("resident_population")->unit.zh);
}

}  // TEST_SUITE

}  // namespace qcity_test_csv
