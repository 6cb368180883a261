// qcity core — .xlsx workbooks: the figures table read from and written as Excel's own format.
//
// An .xlsx is a zip of XML parts (ECMA-376 / ISO 29500, "SpreadsheetML"). Reading takes the first
// worksheet as rows of cells, which then go through the same reader as a CSV (read_figures_table),
// so a cell means the same in either. The zip is zlib's contrib/minizip and the XML pugixml, both
// compiled from source (third_party/, fetched by emsdk-setup.sh): well-kept, small, and free of
// the pitfalls of a hand-written unzip (ZIP64, data descriptors, stored vs. deflated entries).
// What is ours is the glue: minizip reads and writes through callbacks over memory, and every
// entry is unpacked with a size cap (a zip bomb is refused, not unpacked).
//
// Index of this file
// [SECTION] Zip in memory (minizip's file functions over a buffer)
// [SECTION] Reading: workbook → first sheet → rows
// [SECTION] Writing: the figures template as a workbook

#include "core_internal.h"

#include <pugixml.hpp>
#include <unzip.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace qcity {

namespace {

Problem xlsx_error(const std::string& code, std::string zh, std::string en) {
    return Problem{Severity::error, "file", code, Text{"无法读取 .xlsx 工作簿：" + std::move(zh), "cannot read the .xlsx workbook: " + std::move(en)}};
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Zip in memory (minizip's file functions over a buffer)
//-------------------------------------------------------------------------------------------------
// One stream per zip: reading from a view of the caller's bytes, or writing into a string that
// grows (minizip seeks back to fill in sizes, so writes may land before the end).

struct MemoryFile {
    std::string_view input;  // reading
    std::string* output = nullptr;  // writing
    size_t pos = 0;
    bool error = false;
    size_t size() const { return output ? output->size() : input.size(); }
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
    MemoryFile& f = *(MemoryFile*)stream;
    if (f.pos >= f.size()) return 0;
    size_t n = std::min<size_t>(size, f.size() - f.pos);
    std::memcpy(buf, (f.output ? f.output->data() : f.input.data()) + f.pos, n);
    f.pos += n;
    return (uLong)n;
}

uLong ZCALLBACK mem_write(voidpf, voidpf stream, const void* buf, uLong size) {
    MemoryFile& f = *(MemoryFile*)stream;
    if (!f.output) { f.error = true; return 0; }
    if (f.pos + size > f.output->size()) f.output->resize(f.pos + size);
    std::memcpy(&(*f.output)[f.pos], buf, size);
    f.pos += size;
    return size;
}

ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) { return ((MemoryFile*)stream)->pos; }

long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    MemoryFile& f = *(MemoryFile*)stream;
    ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? f.pos : f.size();
    if (offset > (ZPOS64_T)-1 - base || base + offset > f.size()) { f.error = true; return -1; }
    f.pos = (size_t)(base + offset);
    return 0;
}

int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf stream) { return ((MemoryFile*)stream)->error ? 1 : 0; }

zlib_filefunc64_def memory_functions(MemoryFile& f) {
    zlib_filefunc64_def d;
    d.zopen64_file = mem_open;
    d.zread_file = mem_read;
    d.zwrite_file = mem_write;
    d.ztell64_file = mem_tell;
    d.zseek64_file = mem_seek;
    d.zclose_file = mem_close;
    d.zerror_file = mem_error;
    d.opaque = &f;
    return d;
}

// A zip being read. Entries are found by name (case-insensitively: some writers capitalise).
class ZipReader {
  public:
    explicit ZipReader(std::string_view bytes) {
        file_.input = bytes;
        zlib_filefunc64_def d = memory_functions(file_);
        zip_ = unzOpen2_64("memory", &d);
    }
    ~ZipReader() {
        if (zip_) unzClose(zip_);
    }
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;
    bool ok() const { return zip_ != nullptr; }

    enum class Read { ok, missing, damaged, too_large, encrypted };
    // The entry's bytes, never more than kMaxXlsxEntryBytes whatever its header claims.
    Read read(const std::string& name, std::string& out) {
        if (unzLocateFile(zip_, name.c_str(), 2 /* case-insensitive */) != UNZ_OK) return Read::missing;
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return Read::damaged;
        if (info.flag & 1) return Read::encrypted;
        if (info.uncompressed_size > kMaxXlsxEntryBytes) return Read::too_large;
        if (unzOpenCurrentFile(zip_) != UNZ_OK) return Read::damaged;
        std::string data;
        data.reserve((size_t)info.uncompressed_size);
        char buf[65536];
        Read result = Read::ok;
        for (;;) {
            int n = unzReadCurrentFile(zip_, buf, sizeof buf);
            if (n < 0) { result = Read::damaged; break; }
            if (n == 0) break;
            if (data.size() + (size_t)n > kMaxXlsxEntryBytes) { result = Read::too_large; break; }
            data.append(buf, (size_t)n);
        }
        // Closing checks the CRC once the whole entry was read.
        if (unzCloseCurrentFile(zip_) != UNZ_OK && result == Read::ok) result = Read::damaged;
        if (result == Read::ok) out = std::move(data);
        return result;
    }

  private:
    MemoryFile file_;
    unzFile zip_ = nullptr;
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Reading: workbook → first sheet → rows
//-------------------------------------------------------------------------------------------------
// _rels/.rels names the workbook part; the workbook lists its sheets in order, each by a
// relationship id that the workbook's own .rels turns into a part name; the shared strings part is
// found the same way. Names are resolved relative to the part that names them.

// The local name of an element ("x:row" → "row"): some writers use a prefix for SpreadsheetML.
const char* local_name(const pugi::xml_node& n) {
    const char* s = n.name();
    const char* colon = std::strrchr(s, ':');
    return colon ? colon + 1 : s;
}
bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(local_name(n), name) == 0; }
pugi::xml_node child(const pugi::xml_node& n, const char* name) {
    for (pugi::xml_node c : n.children())
        if (is(c, name)) return c;
    return {};
}
// An attribute by local name ("r:id" and "id" in another namespace both match "id" when `local`).
pugi::xml_attribute attr(const pugi::xml_node& n, const char* name, bool local = false) {
    for (pugi::xml_attribute a : n.attributes()) {
        const char* s = a.name();
        const char* colon = local ? std::strrchr(s, ':') : nullptr;
        if (std::strcmp(colon ? colon + 1 : s, name) == 0) return a;
    }
    return {};
}

// "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/xl/…" is absolute.
std::string resolve(const std::string& from_part, std::string target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    std::string dir = from_part.substr(0, from_part.rfind('/') == std::string::npos ? 0 : from_part.rfind('/') + 1);
    std::string path = dir + target;
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (seg == "..") { if (!parts.empty()) parts.pop_back(); }
        else if (!seg.empty() && seg != ".") parts.push_back(seg);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string rels_of(const std::string& part) {
    size_t slash = part.rfind('/');
    std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
    return dir + "_rels/" + part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
}

using detail::ends_with;

// The text of a string item (<si> or <is>): its <t>, or the <t> of each rich-text run <r>; phonetic
// guides (<rPh>) are not part of the text.
std::string string_item(const pugi::xml_node& si) {
    std::string s;
    for (pugi::xml_node n : si.children()) {
        if (is(n, "t")) s += n.text().get();
        else if (is(n, "r"))
            if (pugi::xml_node t = child(n, "t")) s += t.text().get();
    }
    return s;
}

// "AB12" → column 27 (0-based), row 12. False when it is not a cell reference.
bool cell_ref(const char* s, int& col, long& row) {
    col = 0;
    int letters = 0;
    for (; *s >= 'A' && *s <= 'Z'; ++s, ++letters) {
        if (letters >= 3) return false;
        col = col * 26 + (*s - 'A' + 1);
    }
    if (!letters || !*s) return false;
    row = 0;
    for (; *s; ++s) {
        if (*s < '0' || *s > '9' || row > 10000000) return false;
        row = row * 10 + (*s - '0');
    }
    col -= 1;
    return row >= 1;
}

// A number cell's text as a person sees it in Excel: up to 15 significant digits ("0.07", not the
// stored "7.0000000000000007E-2"); integers written out in full.
std::string number_text(const std::string& v) {
    const char* s = v.c_str();
    char* end = nullptr;
    double d = std::strtod(s, &end);
    if (end == s || *end || !std::isfinite(d)) return v;  // not a number: kept for the reader to refuse
    if (d == std::floor(d) && std::fabs(d) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return std::strcmp(buf, "-0") == 0 ? "0" : buf;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", d);
    return std::strchr(buf, 'e') ? v : std::string(buf);
}

std::string cell_name(int col, long row) {
    std::string letters;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), (char)('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

}  // namespace

bool read_xlsx_rows(std::string_view bytes, CsvRows& out, Problem& error) {
    ZipReader zip(bytes);
    if (!zip.ok())
        return error = xlsx_error("xlsx_zip", "文件不是完整的 zip 压缩包（可能已损坏或未下载完整）",
                                  "the file is not a complete zip archive (damaged or cut short)"),
               false;
    // One part, as XML. Each failure names the part.
    auto load = [&](const std::string& part, pugi::xml_document& doc, bool required) -> int {
        std::string data;
        ZipReader::Read r = zip.read(part, data);
        if (r == ZipReader::Read::missing && !required) return 0;
        switch (r) {
            case ZipReader::Read::ok: break;
            case ZipReader::Read::missing:
                error = xlsx_error("xlsx_part", "缺少 " + part + "（不是 Excel 工作簿）", "the part " + part + " is missing (not an Excel workbook)");
                return -1;
            case ZipReader::Read::encrypted:
                error = xlsx_error("xlsx_encrypted", "压缩包已加密", "the zip is encrypted");
                return -1;
            case ZipReader::Read::too_large: {
                std::string mb = std::to_string(kMaxXlsxEntryBytes / (1024 * 1024));
                error = xlsx_error("xlsx_too_large", part + " 解压后超过 " + mb + " MB，不予读取（数据项表格远小于此）",
                                   part + " unpacks to more than " + mb + " MB and is not read (a figures table is far smaller)");
                return -1;
            }
            case ZipReader::Read::damaged:
                error = xlsx_error("xlsx_zip", part + " 已损坏（解压失败或校验和不符）", part + " is damaged (it does not unpack, or its checksum is wrong)");
                return -1;
        }
        pugi::xml_parse_result res = doc.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!res) {
            std::string at = std::to_string(res.offset);
            error = xlsx_error("xlsx_xml", part + " 不是有效的 XML（字节 " + at + "）：" + res.description(),
                               part + " is not valid XML (byte " + at + "): " + res.description());
            return -1;
        }
        return 1;
    };
    // Relationship id → target part, from a .rels part; and the first of a type.
    auto relationships = [&](const std::string& part, std::vector<std::pair<std::string, std::string>>& ids, std::string& shared,
                             std::string& office) -> bool {
        pugi::xml_document doc;
        int got = load(rels_of(part), doc, false);
        if (got < 0) return false;
        for (pugi::xml_node r : child(doc, "Relationships").children()) {
            if (!is(r, "Relationship")) continue;
            std::string type = attr(r, "Type").value(), target = attr(r, "Target").value(), id = attr(r, "Id").value();
            if (attr(r, "TargetMode").value() == std::string("External")) continue;
            std::string full = resolve(part, target);
            ids.emplace_back(id, full);
            if (ends_with(type, "/sharedStrings") && shared.empty()) shared = full;
            if (ends_with(type, "/officeDocument") && office.empty()) office = full;
        }
        return true;
    };

    std::vector<std::pair<std::string, std::string>> root_ids, wb_ids;
    std::string shared_part, workbook_part, ignored;
    if (!relationships("", root_ids, ignored, workbook_part)) return false;
    if (workbook_part.empty()) workbook_part = "xl/workbook.xml";
    pugi::xml_document workbook;
    if (load(workbook_part, workbook, true) < 0) return false;
    if (!relationships(workbook_part, wb_ids, shared_part, ignored)) return false;
    pugi::xml_node first_sheet = child(child(child(workbook, "workbook"), "sheets"), "sheet");
    std::string sheet_part;
    if (first_sheet) {
        std::string rid = attr(first_sheet, "id", true).value();
        for (const auto& [id, target] : wb_ids)
            if (id == rid) sheet_part = target;
    }
    if (sheet_part.empty())
        return error = xlsx_error("xlsx_part", "工作簿中没有工作表", "the workbook has no worksheet"), false;

    std::vector<std::string> shared;
    if (!shared_part.empty()) {
        pugi::xml_document sst;
        if (load(shared_part, sst, false) < 0) return false;
        for (pugi::xml_node si : child(sst, "sst").children())
            if (is(si, "si")) shared.push_back(string_item(si));
    }

    pugi::xml_document sheet;
    if (load(sheet_part, sheet, true) < 0) return false;
    CsvRows rows;
    long last_row = 0;
    for (pugi::xml_node row : child(child(sheet, "worksheet"), "sheetData").children()) {
        if (!is(row, "row")) continue;
        long r = last_row + 1;
        if (pugi::xml_attribute ra = attr(row, "r")) {
            char* end = nullptr;
            long v = std::strtol(ra.value(), &end, 10);
            if (end != ra.value() && !*end && v >= 1) r = v;
        }
        last_row = r;
        int last_col = -1;
        std::vector<std::pair<int, std::string>> cells;
        for (pugi::xml_node c : row.children()) {
            if (!is(c, "c")) continue;
            int col = last_col + 1;
            long ref_row = r;
            if (pugi::xml_attribute ref = attr(c, "r"))
                if (!cell_ref(ref.value(), col, ref_row)) col = last_col + 1;
            last_col = col;
            std::string type = attr(c, "t").value();
            std::string text;
            if (type == "inlineStr") {
                text = string_item(child(c, "is"));
            } else {
                pugi::xml_node v = child(c, "v");
                if (!v) continue;  // a formatted empty cell
                std::string raw = v.text().get();
                if (type == "s") {
                    char* end = nullptr;
                    unsigned long k = std::strtoul(raw.c_str(), &end, 10);
                    if (raw.empty() || *end || k >= shared.size()) {
                        std::string at = cell_name(col, r);
                        error = xlsx_error("xlsx_cell", "单元格 " + at + " 指向不存在的共享字符串 " + raw,
                                           "cell " + at + " refers to shared string " + raw + ", which does not exist");
                        return false;
                    }
                    text = shared[k];
                } else if (type == "b") {
                    text = raw == "1" ? "true" : raw == "0" ? "false" : raw;
                } else if (type == "str" || type == "e") {
                    text = raw;  // a formula's text result, or an error value such as #N/A (refused by the reader)
                } else {
                    text = number_text(raw);
                }
            }
            if (text.empty()) continue;
            if (r > kMaxXlsxRows || col >= kMaxXlsxColumns) {
                std::string at = cell_name(col, r);
                error = xlsx_error("xlsx_size", "单元格 " + at + " 超出读取范围（前 " + std::to_string(kMaxXlsxRows) + " 行、前 " +
                                                    std::to_string(kMaxXlsxColumns) + " 列）",
                                   "cell " + at + " is beyond what is read (the first " + std::to_string(kMaxXlsxRows) + " rows and " +
                                       std::to_string(kMaxXlsxColumns) + " columns)");
                return false;
            }
            cells.emplace_back(col, std::move(text));
        }
        if (cells.empty()) continue;
        if ((size_t)r > rows.size()) rows.resize((size_t)r);
        std::vector<std::string>& target = rows[(size_t)r - 1];
        for (auto& [col, text] : cells) {
            if ((size_t)col >= target.size()) target.resize((size_t)col + 1);
            target[(size_t)col] = std::move(text);
        }
    }
    for (std::vector<std::string>& row : rows)
        if (row.empty()) row.emplace_back();  // a row left out: one empty cell, as a blank CSV line reads
    out = std::move(rows);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Writing: the figures template as a workbook
//-------------------------------------------------------------------------------------------------
// The least a workbook needs for Excel, WPS, LibreOffice and openpyxl: content types, the package
// and workbook relationships, the workbook, a stylesheet and one sheet with inline strings (no
// shared-strings part to keep in step). Entries carry no timestamps: the same figures give the same
// bytes.

namespace {

std::string xml_of(const pugi::xml_document& doc) {
    struct Writer : pugi::xml_writer {
        std::string s;
        void write(const void* data, size_t size) override { s.append((const char*)data, size); }
    } w;
    doc.save(w, "", pugi::format_raw | pugi::format_no_declaration);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + w.s;
}

// A plain decimal a spreadsheet keeps as a number ("1200", "81.95", "-3"); anything else is text.
bool numeric_cell(const std::string& s) {
    if (s.empty() || s.size() > 15) return false;
    size_t i = s[0] == '-' ? 1 : 0, digits = 0, dots = 0;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') ++digits;
        else if (s[i] == '.' && !dots++) continue;
        else return false;
    }
    return digits > 0 && s.back() != '.' && !(s.size() > 1 && s[s[0] == '-' ? 1 : 0] == '0' && s[s[0] == '-' ? 2 : 1] != '.');
}

}  // namespace

std::string figures_to_xlsx(const Catalog& c, const Assessment& a, Lang lang) {
    // The same rows as the CSV template, from its writer's own rows.
    CsvRows rows;
    {
        std::string csv = figures_to_csv(c, a, lang);
        Problem ignored;
        parse_csv(csv, rows, ignored);
        // The CSV writer makes formula-like text inert with a leading quote; a workbook's string
        // cells are never formulas (they are written as strings, type "s"/inlineStr), so the text
        // goes in as it is.
        for (std::vector<std::string>& row : rows)
            for (std::string& cell : row) cell = restore_inert_cell(cell);
    }

    pugi::xml_document sheet;
    pugi::xml_node ws = sheet.append_child("worksheet");
    ws.append_attribute("xmlns") = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    pugi::xml_node cols = ws.append_child("cols");
    const double widths[] = {34, 28, 40, 12, 10, 40};  // key, name_zh, name_en, value, unit, note
    for (int i = 0; i < 6; ++i) {
        pugi::xml_node col = cols.append_child("col");
        col.append_attribute("min") = i + 1;
        col.append_attribute("max") = i + 1;
        col.append_attribute("width") = widths[i];
        col.append_attribute("customWidth") = 1;
    }
    pugi::xml_node data = ws.append_child("sheetData");
    for (size_t r = 0; r < rows.size(); ++r) {
        pugi::xml_node row = data.append_child("row");
        row.append_attribute("r") = (unsigned)(r + 1);
        for (size_t k = 0; k < rows[r].size(); ++k) {
            const std::string& text = rows[r][k];
            if (text.empty()) continue;
            pugi::xml_node cell = row.append_child("c");
            cell.append_attribute("r") = cell_name((int)k, (long)r + 1).c_str();
            // Values of figures as numbers (Excel sums them); keys, names and notes as strings.
            if ((k == 3 || (k == 1 && rows[r][0] == "#year")) && numeric_cell(text)) {
                cell.append_child("v").text() = text.c_str();
            } else {
                cell.append_attribute("t") = "inlineStr";
                pugi::xml_node t = cell.append_child("is").append_child("t");
                if (text.front() == ' ' || text.back() == ' ' || text.find('\n') != std::string::npos)
                    t.append_attribute("xml:space") = "preserve";
                t.text() = text.c_str();
            }
        }
    }

    const char* content_types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        "</Types>";
    const char* root_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        "</Relationships>";
    const char* workbook =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<sheets><sheet name=\"figures\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const char* workbook_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        "</Relationships>";
    const char* styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        "</styleSheet>";
    const std::pair<const char*, std::string> parts[] = {
        {"[Content_Types].xml", content_types}, {"_rels/.rels", root_rels},  {"xl/workbook.xml", workbook},
        {"xl/_rels/workbook.xml.rels", workbook_rels}, {"xl/styles.xml", styles}, {"xl/worksheets/sheet1.xml", xml_of(sheet)},
    };

    std::string out;
    MemoryFile file;
    file.output = &out;
    zlib_filefunc64_def d = memory_functions(file);
    zipFile zip = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &d);
    if (!zip) return {};
    for (const auto& [name, text] : parts) {
        zip_fileinfo info{};  // no date: 1980-01-01, the same bytes every time
        if (zipOpenNewFileInZip(zip, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION) != ZIP_OK ||
            zipWriteInFileInZip(zip, text.data(), (unsigned)text.size()) != ZIP_OK || zipCloseFileInZip(zip) != ZIP_OK) {
            zipClose(zip, nullptr);
            return {};
        }
    }
    if (zipClose(zip, nullptr) != ZIP_OK) return {};
    return out;
}

}  // namespace qcity
