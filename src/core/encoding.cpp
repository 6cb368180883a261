// qcity core — Files as bytes: which encoding a text file is in, and any assessment file by its content.
//
// People send what their programs save. On a Chinese Windows, Excel's and WPS's "CSV (逗号分隔)" is
// GBK (a subset of GB18030), "Unicode text" is UTF-16 with a BOM and tabs, "CSV UTF-8" has a BOM,
// and a workbook is an .xlsx zip. The file name says little (a ".csv" may hold UTF-16 text), so
// everything here is decided from the bytes.
//
// GB18030 is decoded here, not by iconv. Emscripten 3.1.6's musl iconv gets the four-byte codes
// wrong (checked: 0x95328236 gives U+4404C instead of U+20000, 0x8431A439 U+F752 instead of U+FFFF),
// scans its whole table for each one, still has GB 18030-2000's mapping of 0xA8BC, and its tables
// for every legacy charset cost ~137 KB of gzipped wasm; glibc's (GB 18030-2022) differs from it in
// 25 codes. So: the two-byte table (GBK's 21,886 characters and the user-defined areas) is
// generated at build time from CPython's gb18030 codec (cmake/gb18030_table.py; GB 18030-2000), the
// same bytes in both builds; kGb18030Swaps brings it to the 2005/2022 mappings; four-byte codes
// follow the standard's arithmetic (GB 18030-2005 §6): codes 0x81308130.. enumerate, in order, the
// BMP code points that have no one- or two-byte code; codes 0x90308130.. are U+10000.. in order.
//
// Index of this file
// [SECTION] Messages
// [SECTION] UTF-8 and UTF-16
// [SECTION] GB18030 (GBK, GB2312)
// [SECTION] decode_text
// [SECTION] read_assessment_file

#include "core_internal.h"

#include <cstring>
#include <memory>

namespace qcity {

#ifndef QCITY_GB18030_FETCHED
namespace detail {
// Generated (cmake/gb18030_table.py): the two-byte table in table order, each entry as its zigzag
// varint difference from the one before (15.6 KiB of gzip instead of 43.9 as uint16).
extern const unsigned char kGb18030TwoByteDeltas[];
extern const size_t kGb18030TwoByteDeltasSize;
}
#endif

//-------------------------------------------------------------------------------------------------
// [SECTION] Messages
//-------------------------------------------------------------------------------------------------

namespace {

Problem encoding_error(const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, "file", code, Text{std::move(zh), std::move(en)}};
}

// The bytes start with this signature (a BOM, a zip's, an OLE file's).
bool starts_with(std::string_view bytes, const char* prefix, size_t n) { return bytes.size() >= n && std::memcmp(bytes.data(), prefix, n) == 0; }

// A zip: an .xlsx workbook (an empty zip too, which then fails as one).
bool is_zip(std::string_view bytes) { return starts_with(bytes, "PK\x03\x04", 4) || starts_with(bytes, "PK\x05\x06", 4); }

std::string hex_byte(unsigned char b) {
    static const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

// "第 3 行（字节 57）" / "line 3 (byte 57)": where a reader finds it, in an editor and a hex viewer.
Text place(std::string_view bytes, size_t offset) {
    std::string line = std::to_string(detail::text_line_at(bytes, offset));
    std::string at = std::to_string(offset);
    return Text{"第 " + line + " 行（字节 " + at + "）", "line " + line + " (byte " + at + ")"};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] UTF-8 and UTF-16
//-------------------------------------------------------------------------------------------------

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += (char)cp;
    } else if (cp < 0x800) {
        out += (char)(0xC0 | (cp >> 6));
        out += (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += (char)(0xE0 | (cp >> 12));
        out += (char)(0x80 | ((cp >> 6) & 0x3F));
        out += (char)(0x80 | (cp & 0x3F));
    } else {
        out += (char)(0xF0 | (cp >> 18));
        out += (char)(0x80 | ((cp >> 12) & 0x3F));
        out += (char)(0x80 | ((cp >> 6) & 0x3F));
        out += (char)(0x80 | (cp & 0x3F));
    }
}

// UTF-16 after its BOM. Fails on an odd length or a lone surrogate, with the byte offset.
bool decode_utf16(std::string_view bytes, bool big_endian, std::string& out, size_t& bad) {
    auto unit = [&](size_t i) -> uint32_t {
        unsigned char a = (unsigned char)bytes[i], b = (unsigned char)bytes[i + 1];
        return big_endian ? (uint32_t)(a << 8 | b) : (uint32_t)(b << 8 | a);
    };
    out.reserve(bytes.size() * 3 / 2);
    size_t i = 2;  // after the BOM
    for (; i + 1 < bytes.size(); i += 2) {
        uint32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= bytes.size()) { bad = i; return false; }
            uint32_t v = unit(i + 2);
            if (v < 0xDC00 || v > 0xDFFF) { bad = i; return false; }
            append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
            i += 2;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) { bad = i; return false; }
        append_utf8(out, u);
    }
    if (i < bytes.size()) { bad = i; return false; }  // half a code unit at the end
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] GB18030 (GBK, GB2312)
//-------------------------------------------------------------------------------------------------

// The two-byte table (generated, with the swaps applied) and the four-byte BMP list derived from it,
// built on first use.
struct Gb18030Tables {
    bool ok = false;
    uint32_t two[126 * 190] = {};    // [lead − 0x81][trail − 0x40, 0x7F skipped]; 0: no character
    std::vector<uint16_t> four_bmp;  // four-byte linear index → BMP code point
};

// Two-byte codes whose mapping moved from a private-use code point to a standard one: 0xA8BC in
// GB 18030-2005, the others in GB 18030-2022 (vertical forms, and CJK ideographs Unicode added
// later, six of them beyond the BMP, as glibc maps them). Decoded to the standard code point, and
// the four-byte code of that standard code point gives the private-use one (the standard's swap).
// The list of four-byte codes is ordered as in GB 18030-2000, where the two-byte codes held the
// private-use code points.
struct Gb18030Swap {
    uint16_t code;       // the two-byte code
    uint16_t pua;        // its private-use mapping in GB 18030-2000
    uint32_t standard;   // its standard mapping now
};
constexpr Gb18030Swap kGb18030Swaps[] = {
    {0xA8BC, 0xE7C7, 0x1E3F},
    {0xA6D9, 0xE78D, 0xFE10}, {0xA6DA, 0xE78E, 0xFE12}, {0xA6DB, 0xE78F, 0xFE11}, {0xA6DC, 0xE790, 0xFE13},
    {0xA6DD, 0xE791, 0xFE14}, {0xA6DE, 0xE792, 0xFE15}, {0xA6DF, 0xE793, 0xFE16}, {0xA6EC, 0xE794, 0xFE17},
    {0xA6ED, 0xE795, 0xFE18}, {0xA6F3, 0xE796, 0xFE19},
    {0xFE59, 0xE81E, 0x9FB4}, {0xFE61, 0xE826, 0x9FB5}, {0xFE66, 0xE82B, 0x9FB6}, {0xFE67, 0xE82C, 0x9FB7},
    {0xFE6D, 0xE832, 0x9FB8}, {0xFE7E, 0xE843, 0x9FB9}, {0xFE90, 0xE854, 0x9FBA}, {0xFEA0, 0xE864, 0x9FBB},
    {0xFE51, 0xE816, 0x20087}, {0xFE52, 0xE817, 0x20089}, {0xFE53, 0xE818, 0x200CC}, {0xFE6C, 0xE831, 0x215D7},
    {0xFE76, 0xE83B, 0x2298F}, {0xFE91, 0xE855, 0x241FE},
};

// The table's bytes handed over by provide_gb18030_table (the web build's), and the tables built
// from them or from the linked-in ones, on first use.
std::string& provided_gb18030() {
    static std::string bytes;
    return bytes;
}
std::unique_ptr<Gb18030Tables>& gb18030_cache() {
    static std::unique_ptr<Gb18030Tables> tables;
    return tables;
}

const Gb18030Tables& gb18030_tables() {
    std::unique_ptr<Gb18030Tables>& tables = gb18030_cache();
    if (tables) return *tables;
    tables = std::make_unique<Gb18030Tables>();
    Gb18030Tables& t = *tables;
    const std::string& provided = provided_gb18030();
    const unsigned char* deltas = (const unsigned char*)provided.data();
    const unsigned char* deltas_end = deltas + provided.size();
#ifndef QCITY_GB18030_FETCHED
    if (provided.empty()) {
        deltas = detail::kGb18030TwoByteDeltas;
        deltas_end = deltas + detail::kGb18030TwoByteDeltasSize;
    }
#endif
    if (deltas == deltas_end) return t;  // not here (yet): not ok
    std::vector<char> covered(0x10000, 0);  // BMP code points with a two-byte code (GB 18030-2000)
    uint32_t entry = 0;
    for (int lead = 0x81; lead <= 0xFE; ++lead)
        for (int trail = 0x40; trail <= 0xFE; ++trail) {
            if (trail == 0x7F) continue;
            size_t at = (size_t)(lead - 0x81) * 190 + (size_t)(trail - 0x40 - (trail > 0x7F ? 1 : 0));
            uint32_t zigzag = 0;
            for (int shift = 0; deltas < deltas_end; shift += 7) {
                unsigned char b = *deltas++;
                zigzag |= (uint32_t)(b & 0x7F) << shift;
                if (!(b & 0x80)) break;
            }
            entry = (entry + ((zigzag & 1) ? ~(zigzag >> 1) : (zigzag >> 1))) & 0xFFFF;
            uint32_t cp = entry;
            if (cp < 0x80 || covered[cp]) continue;
            covered[cp] = 1;
            for (const Gb18030Swap& sw : kGb18030Swaps)
                if (sw.code == (lead << 8 | trail) && cp == sw.pua) cp = sw.standard;
            t.two[at] = cp;
        }
    // The four-byte BMP codes: every BMP code point from U+0080 without a two-byte code, surrogates
    // excepted, in order (39,420 of them), then the swaps.
    t.four_bmp.reserve(39420);
    for (uint32_t cp = 0x80; cp <= 0xFFFF; ++cp)
        if (!covered[cp] && (cp < 0xD800 || cp > 0xDFFF)) t.four_bmp.push_back((uint16_t)cp);
    for (const Gb18030Swap& sw : kGb18030Swaps)
        for (uint16_t& cp : t.four_bmp)
            if (cp == sw.standard) cp = sw.pua;
    // Else the table is not GB18030's (or not all of it was read): refuse rather than guess.
    t.ok = t.four_bmp.size() == 39420 && deltas == deltas_end;
    return t;
}

// GB18030 to UTF-8. Fails at the first byte that starts no valid sequence (offset in `bad`).
bool decode_gb18030(std::string_view bytes, std::string& out, size_t& bad) {
    const Gb18030Tables& t = gb18030_tables();
    if (!t.ok) { bad = 0; return false; }
    out.reserve(bytes.size() * 3 / 2);
    const size_t n = bytes.size();
    auto at = [&](size_t i) -> unsigned { return (unsigned char)bytes[i]; };
    for (size_t i = 0; i < n;) {
        unsigned b1 = at(i);
        if (b1 < 0x80) { out += (char)b1; ++i; continue; }
        if (b1 == 0x80) { append_utf8(out, 0x20AC); ++i; continue; }  // €, as Windows code page 936 writes it
        if (b1 == 0xFF || i + 1 >= n) { bad = i; return false; }
        unsigned b2 = at(i + 1);
        if (b2 >= 0x30 && b2 <= 0x39) {  // four bytes
            if (i + 3 >= n) { bad = i; return false; }
            unsigned b3 = at(i + 2), b4 = at(i + 3);
            if (b3 < 0x81 || b3 > 0xFE || b4 < 0x30 || b4 > 0x39) { bad = i; return false; }
            uint32_t linear = (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
            if (linear < t.four_bmp.size()) append_utf8(out, t.four_bmp[linear]);
            else if (linear >= 189000 && linear < 189000 + 0x100000) append_utf8(out, 0x10000 + (linear - 189000));
            else { bad = i; return false; }
            i += 4;
            continue;
        }
        if (b2 < 0x40 || b2 == 0x7F || b2 == 0xFF) { bad = i; return false; }
        uint32_t cp = t.two[(b1 - 0x81) * 190 + (b2 - 0x40 - (b2 > 0x7F ? 1 : 0))];
        if (!cp) { bad = i; return false; }
        append_utf8(out, cp);
        i += 2;
    }
    return true;
}

// The first byte a text file does not hold: NUL and the C0 controls other than tab, line feed,
// vertical tab, form feed, carriage return and Ctrl-Z (the end-of-file mark of old DOS tools).
size_t control_byte_at(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1A) return i;
    }
    return std::string_view::npos;
}

// Many NUL bytes at odd or even positions: UTF-16 text saved without its BOM.
bool looks_like_utf16_without_bom(std::string_view s) {
    size_t even = 0, odd = 0, n = std::min<size_t>(s.size(), 4096);
    for (size_t i = 0; i < n; ++i)
        if (s[i] == 0) (i % 2 ? odd : even)++;
    return n >= 4 && (even > n / 8 || odd > n / 8) && (even == 0 || odd == 0 || even > 4 * odd || odd > 4 * even);
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] decode_text
//-------------------------------------------------------------------------------------------------

void provide_gb18030_table(std::string deltas) {
    provided_gb18030() = std::move(deltas);
    gb18030_cache().reset();  // built again from these at the next use
}

bool gb18030_table_available() { return gb18030_tables().ok; }

bool text_needs_gb18030(std::string_view bytes) {
    auto starts = [&](const char* prefix, size_t n) { return starts_with(bytes, prefix, n); };
    if (bytes.empty() || is_zip(bytes) || starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2) || starts("\x00\x00\xFE\xFF", 4) ||
        starts("\xEF\xBB\xBF", 3))
        return false;  // a workbook, UTF-16 or UTF-32 (a BOM), UTF-8 (a BOM: only UTF-8 is tried)
    if (looks_like_utf16_without_bom(bytes)) return false;
    return detail::invalid_utf8_offset(bytes) != std::string_view::npos && control_byte_at(bytes) == std::string_view::npos;
}

bool decode_text(std::string_view bytes, std::string& utf8, Problem& error) {
    auto starts = [&](const char* prefix, size_t n) { return starts_with(bytes, prefix, n); };
    if (bytes.empty()) {
        error = encoding_error("file_empty", "文件是空的（0 字节）", "the file is empty (0 bytes)");
        return false;
    }
    if (starts("\xFF\xFE\x00\x00", 4) || starts("\x00\x00\xFE\xFF", 4)) {
        error = encoding_error("file_encoding", "文件为 UTF-32 编码，不支持：请另存为 UTF-8 或 UTF-16（Unicode 文本）",
                               "the file is UTF-32, which is not read: save it as UTF-8 or UTF-16 ('Unicode text')");
        return false;
    }
    std::string out;
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2)) {
        bool be = bytes[0] == '\xFE';
        size_t bad = 0;
        if (!decode_utf16(bytes, be, out, bad)) {
            std::string at = std::to_string(bad);
            error = encoding_error("file_encoding",
                                   std::string("文件以 UTF-16 ") + (be ? "BE" : "LE") + " 的 BOM 开头，但字节 " + at + " 处不是有效的 UTF-16（文件可能不完整）",
                                   std::string("the file starts with a UTF-16 ") + (be ? "BE" : "LE") + " BOM but is not valid UTF-16 at byte " + at +
                                       " (the file may be cut short)");
            return false;
        }
    } else {
        std::string_view body = starts("\xEF\xBB\xBF", 3) ? bytes.substr(3) : bytes;
        if (looks_like_utf16_without_bom(body)) {
            error = encoding_error("file_encoding", "文件似乎是没有 BOM 的 UTF-16 文本，无法确定字节顺序：请另存为 “CSV UTF-8（逗号分隔）” 或带 BOM 的 Unicode 文本",
                                   "the file looks like UTF-16 without a BOM (byte order unknown): save it as 'CSV UTF-8 (Comma delimited)' or as "
                                   "Unicode text with a BOM");
            return false;
        }
        size_t bad_utf8 = detail::invalid_utf8_offset(body);
        if (bad_utf8 == std::string_view::npos) {
            out.assign(body.data(), body.size());
        } else {
            size_t bad_gb = 0;
            if (body.size() != bytes.size() || !decode_gb18030(body, out, bad_gb)) {
                // A BOM says UTF-8: then only UTF-8 is tried.
                size_t skip = bytes.size() - body.size();
                Text at = place(bytes, bad_utf8 + skip);
                std::string b = hex_byte((unsigned char)body[bad_utf8]);
                if (skip) {
                    error = encoding_error("file_encoding", "文件以 UTF-8 的 BOM 开头，但" + at.zh + "的字节 " + b + " 不是有效的 UTF-8",
                                           "the file starts with a UTF-8 BOM but byte " + b + " at " + at.en + " is not valid UTF-8");
                    return false;
                }
                Text gb = place(bytes, bad_gb);
                if (control_byte_at(body) != std::string_view::npos) {
                    error = encoding_error("file_binary", "这不是文本文件（" + at.zh + "起为二进制数据），也不是 .xlsx 工作簿",
                                           "this is not a text file (binary data from " + at.en + ") nor an .xlsx workbook");
                    return false;
                }
                if (!gb18030_table_available()) {
                    error = encoding_error("file_encoding_table",
                                           "文件不是 UTF-8（" + at.zh + "的字节 " + b + "），可能是 GBK/GB18030 编码，但读取它所需的 GB18030 编码表未能加载"
                                           "（网络不通？）。请联网后重试，或在 Excel 中另存为 “CSV UTF-8（逗号分隔）”",
                                           "the file is not UTF-8 (byte " + b + " at " + at.en + ") and may be GBK/GB18030, but the GB18030 table "
                                           "needed to read it could not be loaded (no network?). Try again online, or in Excel save it as "
                                           "'CSV UTF-8 (Comma delimited)'");
                    return false;
                }
                error = encoding_error("file_encoding",
                                       "无法识别文件的编码：" + at.zh + "的字节 " + b + " 不是有效的 UTF-8，" + gb.zh +
                                           "也不是有效的 GB18030/GBK。请在 Excel 中另存为 “CSV UTF-8（逗号分隔）”",
                                       "unknown text encoding: byte " + b + " at " + at.en + " is not valid UTF-8, and the text is not valid GB18030/GBK at " +
                                           gb.en + ". In Excel, save it as 'CSV UTF-8 (Comma delimited)'");
                return false;
            }
        }
    }
    if (size_t c = control_byte_at(out); c != std::string_view::npos) {
        Text at = place(out, c);
        error = encoding_error("file_binary", "这不是文本文件：" + at.zh + "（解码后）有控制字符 " + hex_byte((unsigned char)out[c]) + "，也不是 .xlsx 工作簿",
                               "this is not a text file: control character " + hex_byte((unsigned char)out[c]) + " at " + at.en +
                                   " (after decoding), nor an .xlsx workbook");
        return false;
    }
    utf8 = std::move(out);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] read_assessment_file
//-------------------------------------------------------------------------------------------------

bool read_assessment_file(std::string_view bytes, std::string_view file_name, const Catalog* catalog, Assessment& out, Problem& error,
                          FileFormat* format) {
    if (bytes.size() > kMaxFileBytes) {
        error = file_too_large(bytes.size());
        return false;
    }
    const Catalog& table_catalog = catalog ? *catalog : default_catalog();
    if (is_zip(bytes)) {  // an .xlsx workbook
        if (format) *format = FileFormat::xlsx;
        CsvRows rows;
        if (!read_xlsx_rows(bytes, rows, error)) return false;
        std::vector<int> row_no(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) row_no[i] = (int)i + 1;
        return detail::read_figures_table(rows, row_no, table_catalog, out, error);
    }
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {  // an OLE compound file: .xls, or a password-protected .xlsx
        error = encoding_error("file_format", "这是旧版 Excel 工作簿（.xls）或加密的工作簿，无法读取：请另存为 .xlsx 或 “CSV UTF-8（逗号分隔）”",
                               "this is an old Excel workbook (.xls) or an encrypted one, which is not read: save it as .xlsx or "
                               "'CSV UTF-8 (Comma delimited)'");
        return false;
    }
    std::string text;
    if (!decode_text(bytes, text, error)) return false;
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        error = encoding_error("file_empty", "文件只有空白，没有内容", "the file holds only blank space");
        return false;
    }
    if (text[first] == '{') {
        if (format) *format = FileFormat::json;
        // A UTF-16 file grows by half when decoded; the reader takes at most 5 MB of UTF-8.
        if (text.size() > kMaxFileBytes) {
            std::string kb = std::to_string(text.size() / 1024);
            error = encoding_error("file_too_large", "文件解码为 UTF-8 后有 " + kb + " KB，超过评估文件的 5 MB 上限：请以 UTF-8 保存",
                                   "the file is " + kb + " KB once decoded to UTF-8, over the 5 MB an assessment file may have: save it as UTF-8");
            return false;
        }
        return read_assessment(text, catalog, out, error);
    }
    if (format) *format = FileFormat::csv;
    CsvRows rows;
    std::vector<int> row_no;
    if (!detail::parse_csv_rows(text, rows, row_no, error)) return false;
    (void)file_name;
    return detail::read_figures_table(rows, row_no, table_catalog, out, error);
}

}  // namespace qcity
