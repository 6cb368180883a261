// Files as bytes: decode_text (UTF-8 ± BOM, GB18030/GBK, UTF-16 with a BOM; everything else refused
// naming the problem) and read_assessment_file (the format from the content, not the name), on
// files made by Python's codecs (tests/fixtures/other_programs.py), never by qcity.
#include "other_programs.h"

#include <unistd.h>

namespace qcity_test_encoding {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;
using qt::other_programs;

namespace {

std::string decoded(std::string_view bytes) {
    std::string out;
    Problem p;
    CAPTURE(p.message.en);
    REQUIRE(decode_text(bytes, out, p));
    return out;
}

Problem refusal(std::string_view bytes) {
    std::string out = "untouched";
    Problem p;
    CHECK_FALSE(decode_text(bytes, out, p));
    CHECK(out == "untouched");
    return p;
}

Assessment read_file_ok(const std::string& name, FileFormat want) {
    Assessment a;
    Problem p;
    FileFormat got = FileFormat::json;
    bool ok = read_assessment_file(other_programs().bytes(name), name, nullptr, a, p, &got);
    CAPTURE(name);
    CAPTURE(p.message.en);
    REQUIRE(ok);
    CHECK(got == want);
    return a;
}

// The assessment every table of other_programs.py holds.
void check_county(const Assessment& a, const std::string& note) {
    CHECK(a.unit == "东台市");
    CHECK(a.year == 2023);
    CHECK(a.profile == Profile::county);
    REQUIRE(a.get("above_scale_with_cqo"));
    CHECK(*a.get("above_scale_with_cqo") == FigureValue::integer(94));
    CHECK(*a.get("above_scale_enterprises") == FigureValue::integer(140));
    CHECK(*a.get("one_stop_platform") == FigureValue::boolean(true));
    REQUIRE(a.get("public_service_satisfaction_score"));
    CHECK(a.get("public_service_satisfaction_score")->r == doctest::Approx(81.95));
    CHECK(a.notes.at("above_scale_enterprises") == note);
}

const char* kNoteGbk = "统计局 喆堃犇 “引号” ①";
const char* kNoteGb18030 = "生僻字 㐀 与 𠀀";

}  // namespace

TEST_SUITE("files as bytes") {

TEST_CASE("UTF-8 with and without a BOM decodes as it is") {
    CHECK(decoded("key,value\r\n东台市,1\r\n") == "key,value\r\n东台市,1\r\n");
    CHECK(decoded("\xEF\xBB\xBFkey,东") == "key,东");
}

TEST_CASE("GBK as Chinese Excel and WPS save it decodes (was: refused by the CLI, garbled by the page)") {
    CHECK(decoded("\xB6\xAB\xCC\xA8\xCA\xD0") == "东台市");           // GB2312
    CHECK(decoded("\x86\xB4\x88\xD2\xA0\xC4") == "喆堃犇");           // GBK only, not GB2312
    CHECK(decoded("\x80" "5") == "€5");                                // code page 936's euro sign
    CHECK(decoded("\xA8\xBC") == "ḿ");                                 // GB 18030-2005 (not the 2000 PUA mapping)
    check_county(read_file_ok("gbk.csv", FileFormat::csv), kNoteGbk);
}

TEST_CASE("GB18030 four-byte sequences: the BMP ranges and the supplementary planes") {
    CHECK(decoded("\x81\x30\x81\x30") == "\xC2\x80");                  // U+0080, the first
    CHECK(decoded("\x81\x39\xEE\x39") == "㐀");                        // U+3400
    CHECK(decoded("\x84\x31\xA4\x39") == "\xEF\xBF\xBF");              // U+FFFF, the last in the BMP
    CHECK(decoded("\x81\x35\xF4\x37") == "\xEE\x9F\x87");              // U+E7C7 (GB 18030-2005)
    CHECK(decoded("\x95\x32\x82\x36") == "𠀀");                        // U+20000
    CHECK(decoded("\xE3\x32\x9A\x35") == "\xF4\x8F\xBF\xBF");          // U+10FFFF, the last
    check_county(read_file_ok("gb18030.csv", FileFormat::csv), kNoteGb18030);
}

TEST_CASE("GB18030: the codes whose mapping moved in 2005 and 2022 decode to the standard characters") {
    CHECK(decoded("\xA6\xD9") == "\xEF\xB8\x90");                      // U+FE10 (2022; 2000: U+E78D)
    CHECK(decoded("\x84\x31\x82\x36") == "\xEE\x9E\x8D");              // ...and FE10's four-byte code gives U+E78D
    CHECK(decoded("\xFE\x59") == "\xE9\xBE\xB4");                      // U+9FB4
    CHECK(decoded("\xFE\x51") == "\xF0\xA0\x82\x87");                  // U+20087, as glibc maps it
    CHECK(decoded("\xAA\xA1") == "\xEE\x80\x80");                      // user-defined area: U+E000
}

TEST_CASE("UTF-16 LE and BE with a BOM: Excel's 'Unicode text', tab-separated, whatever the extension") {
    CHECK(decoded(std::string("\xFF\xFE" "A\0\x1C\x4E", 4 + 2)) == "A东");
    CHECK(decoded(std::string("\xFE\xFF\0A\xD8\x40\xDC\x00", 8)) == "A𠀀");
    check_county(read_file_ok("utf16le.txt", FileFormat::csv), kNoteGb18030);
    check_county(read_file_ok("utf16be.csv", FileFormat::csv), kNoteGbk);
}

TEST_CASE("refused, naming the problem: empty, UTF-16 without a BOM, neither UTF-8 nor GB18030, binary") {
    Problem p = refusal("");
    CHECK(p.code == "file_empty");
    CHECK(p.message.en.find("empty") != std::string::npos);

    p = refusal(other_programs().bytes("utf16-nobom.txt"));
    CHECK(p.message.en.find("UTF-16 without a BOM") != std::string::npos);
    CHECK(p.message.zh.find("没有 BOM 的 UTF-16") != std::string::npos);

    // 0xFF starts nothing in either; the message gives the line and byte of both failures.
    p = refusal(other_programs().bytes("invalid.csv"));
    CHECK(p.code == "file_encoding");
    CHECK(p.message.en.find("byte 0xFF at line 2 (byte 35) is not valid UTF-8") != std::string::npos);
    CHECK(p.message.en.find("not valid GB18030/GBK at line 2 (byte 35)") != std::string::npos);
    CHECK(p.message.zh.find("第 2 行（字节 35）") != std::string::npos);

    p = refusal(other_programs().bytes("binary.csv"));
    CHECK(p.code == "file_binary");
    CHECK(p.message.en.find("not a text file") != std::string::npos);

    p = refusal(std::string("key,value\n\0\0\0\0\0x", 16));  // valid UTF-8 with NULs
    CHECK(p.code == "file_binary");

    p = refusal("\xEF\xBB\xBFkey,\xB6\xAB");  // a UTF-8 BOM, then GBK: only UTF-8 is tried
    CHECK(p.message.en.find("UTF-8 BOM") != std::string::npos);

    p = refusal(std::string("\xFF\xFE" "A\0\x00\xD8", 6));  // a lone surrogate
    CHECK(p.message.en.find("not valid UTF-16 at byte 4") != std::string::npos);
    p = refusal(std::string("\xFF\xFE" "A\0B", 5));  // an odd length
    CHECK(p.message.en.find("UTF-16") != std::string::npos);

    p = refusal(std::string("\xFF\xFE\0\0A\0\0\0", 8));
    CHECK(p.message.en.find("UTF-32") != std::string::npos);

    // A truncated GB18030 sequence at the end, and a four-byte code beyond U+10FFFF.
    p = refusal("\xB6\xAB\xCC");
    CHECK(p.message.en.find("GB18030/GBK at line 1 (byte 2)") != std::string::npos);
    p = refusal("\xFE\x39\xFE\x39");
    CHECK(p.code == "file_encoding");
}

TEST_CASE("which files need GB18030's table (the web build fetches it for those first)") {
    CHECK(text_needs_gb18030("\xB6\xAB\xCC\xA8\xCA\xD0"));                   // GBK
    CHECK(text_needs_gb18030(other_programs().bytes("gbk.csv")));
    CHECK(text_needs_gb18030(other_programs().bytes("gb18030.csv")));
    CHECK(text_needs_gb18030(other_programs().bytes("invalid.csv")));           // tried, then refused
    CHECK_FALSE(text_needs_gb18030(""));
    CHECK_FALSE(text_needs_gb18030("key,value\r\n东台市,1\r\n"));               // UTF-8
    CHECK_FALSE(text_needs_gb18030("\xEF\xBB\xBFkey,\xB6\xAB"));                // a UTF-8 BOM: only UTF-8 is tried
    CHECK_FALSE(text_needs_gb18030(other_programs().bytes("utf16le.txt")));
    CHECK_FALSE(text_needs_gb18030(other_programs().bytes("utf16be.csv")));
    CHECK_FALSE(text_needs_gb18030(other_programs().bytes("utf16-nobom.txt")));
    CHECK_FALSE(text_needs_gb18030(other_programs().bytes("binary.csv")));
    CHECK_FALSE(text_needs_gb18030(other_programs().bytes("openpyxl.xlsx")));
    CHECK_FALSE(text_needs_gb18030(std::string("\xFF\xFE\0\0A\0\0\0", 8)));    // UTF-32
}

TEST_CASE("GB18030's table handed over: without it (the web build before the fetch) a GBK file is refused, saying why") {
    REQUIRE(gb18030_table_available());  // the native build links it in
    // The file the web build serves, written by the build's own script (cmake/gb18030_table.py --binary).
    std::string file = other_programs().path("gb18030.bin");
    const char* py = std::getenv("QCITY_PYTHON");
    std::string cmd = std::string(py && *py ? py : "/usr/bin/python3") + " '" QCITY_SOURCE_DIR "/cmake/gb18030_table.py' --binary '" + file + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(file, std::ios::binary);
    std::string table((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(table.size() > 20000);
    struct Restore {  // the table linked in again, whatever happens below (the other tests use it)
        ~Restore() { provide_gb18030_table(""); }
    } restore;
    // Not the table (cut short): refused rather than guessed, with the reason.
    provide_gb18030_table(table.substr(0, table.size() / 2));
    CHECK_FALSE(gb18030_table_available());
    Problem p = refusal("\xB6\xAB\xCC\xA8\xCA\xD0");
    CHECK(p.code == "file_encoding_table");
    CHECK(p.message.en.find("GB18030 table") != std::string::npos);
    CHECK(p.message.en.find("byte 0xB6 at line 1 (byte 0)") != std::string::npos);
    CHECK(p.message.zh.find("GB18030 编码表未能加载") != std::string::npos);
    CHECK(decoded("key,东") == "key,东");  // UTF-8 needs no table
    // The file's bytes as gb18030_table.py writes them (the web build's dist/gb18030.bin): the same
    // decoding as the table linked in.
    provide_gb18030_table(table);
    CHECK(gb18030_table_available());
    CHECK(decoded("\xB6\xAB\xCC\xA8\xCA\xD0") == "东台市");
    CHECK(decoded("\xA6\xD9") == "\xEF\xB8\x90");
    CHECK(decoded("\x84\x31\x82\x36") == "\xEE\x9E\x8D");
    check_county(read_file_ok("gbk.csv", FileFormat::csv), kNoteGbk);
    provide_gb18030_table("");  // nothing handed over: the table linked in
    CHECK(gb18030_table_available());
}

TEST_CASE("read_assessment_file: the format comes from the content, not the name") {
    Assessment a = qt::good_county();
    std::string json = write_assessment(a);
    Assessment back;
    Problem p;
    FileFormat f = FileFormat::csv;
    REQUIRE(read_assessment_file(json, "figures.csv", nullptr, back, p, &f));  // JSON named .csv
    CHECK(f == FileFormat::json);
    CHECK(back == a);

    // JSON in UTF-16 with a BOM (some Windows editors save it so).
    std::string u16 = "\xFF\xFE";
    for (char ch : std::string("{\"schema\": 1}")) { u16 += ch; u16 += '\0'; }
    CHECK_FALSE(read_assessment_file(u16, "x.json", nullptr, back, p, &f));
    CHECK(f == FileFormat::json);
    CHECK(p.code != "file_encoding");  // decoded, then refused as an assessment

    // An empty and a blank file, an old .xls: refused with what they are.
    CHECK_FALSE(read_assessment_file("", "x.csv", nullptr, back, p));
    CHECK(p.code == "file_empty");
    CHECK_FALSE(read_assessment_file(" \r\n\t", "x.csv", nullptr, back, p));
    CHECK(p.code == "file_empty");
    CHECK_FALSE(read_assessment_file(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), "x.xls", nullptr, back, p));
    CHECK(p.message.en.find(".xls") != std::string::npos);
    CHECK(back == a);  // nothing changed by the failures
}

TEST_CASE("read_assessment_file keeps the 5 MB limit on the bytes") {
    std::string big(kMaxFileBytes + 1, ' ');
    Assessment a;
    Problem p;
    CHECK_FALSE(read_assessment_file(big, "big.json", nullptr, a, p));
    CHECK(p.code == "file_too_large");
    // UTF-16 grows when decoded: a file under the limit is still read.
    std::string body = "{\"schema\":\"qcity.assessment/1\",\"catalog\":\"yancheng-2022\",\"profile\":\"county\",\"unit\":\"东台市\",\"year\":2023,"
                       "\"figures\":{},\"notes\":{\"one_stop_platform\":\"";
    std::string u16 = "\xFF\xFE";
    auto put = [&](uint16_t u) { u16 += (char)(u & 0xFF); u16 += (char)(u >> 8); };
    std::string head = decoded(body);
    for (size_t i = 0; i < head.size();) {  // ASCII and 东 only
        unsigned char c = (unsigned char)head[i];
        if (c < 0x80) { put(c); ++i; }
        else { put(0x4E1C); i += 3; }
    }
    while (u16.size() < kMaxFileBytes - 100) put(0x4E1C);  // 东 ×2.6 M: 5 MB of UTF-16, 7.5 MB of UTF-8
    for (char ch : std::string("\"}}")) put((unsigned char)ch);
    FileFormat f;
    bool ok = read_assessment_file(u16, "big.json", nullptr, a, p, &f);
    CHECK(f == FileFormat::json);
    // Decoded, it is over 5 MB of UTF-8: refused saying so (not as a 5 MB file "too large").
    CHECK_FALSE(ok);
    CHECK(p.code == "file_too_large");
    CHECK(p.message.en.find("once decoded to UTF-8") != std::string::npos);
}

}  // TEST_SUITE

}  // namespace qcity_test_encoding
