// Line breaking (break_lines): Chinese rules (no closing punctuation at a line's start, no opening
// one at its end), numbers and words kept whole, hard breaks, and hostile input (invalid UTF-8,
// empty text, zero/negative/NaN width, one huge word).
#include "support.h"

#include <cmath>
#include <set>

namespace qcity_test_text_layout {  // each test file in its own namespace: the unity build (CMakeLists.txt)

using namespace qcity;

namespace {

// A monospace measure: ASCII (and a stray invalid byte) 1 unit, any other code point 2 (CJK is
// twice as wide as Latin). Counts its calls.
struct Mono {
    mutable size_t calls = 0;
    float operator()(std::string_view s) const {
        ++calls;
        float w = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) w += 1;
            else if (c >= 0xC2 && c <= 0xF4) w += 2;   // a lead byte: one code point
            else if (c < 0xC0 || c > 0xF4) {            // continuation byte or never-valid byte
                bool continuation = c >= 0x80 && c < 0xC0;
                if (!continuation) w += 1;
            } else w += 1;                               // 0xC0, 0xC1: invalid leads
        }
        return w;
    }
};

std::vector<std::string> lines_of(std::string_view text, float width, const Mono& m = Mono{}) {
    std::vector<std::string> out;
    for (const TextLine& l : break_lines(text, width, [&](std::string_view s) { return m(s); }))
        out.emplace_back(text.substr(l.begin, l.end - l.begin));
    return out;
}

// The first / last code point of a UTF-8 string (as a string).
std::string first_cp(const std::string& s) {
    if (s.empty()) return "";
    size_t n = 1;
    while (n < s.size() && ((unsigned char)s[n] & 0xC0) == 0x80) ++n;
    return s.substr(0, n);
}
std::string last_cp(const std::string& s) {
    if (s.empty()) return "";
    size_t b = s.size() - 1;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80) --b;
    return s.substr(b);
}

const std::set<std::string> kClosing = {"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》", "”", "’",
                                        "…", ",", ".", ";", ":", "!", "?", ")", "]", "%", "％", "·"};
const std::set<std::string> kOpening = {"（", "「", "『", "【", "《", "“", "‘", "(", "[", "≥", "≤"};

// Texts the app shows (indicator names, shortfalls, messages), in both languages.
const std::vector<std::string> kSamples = {
    "制造业产品质量合格率达到 94.9 %，较上年提高 1,000.5 个百分点；还需 1,000 批次合格（全市目标 5 个）。",
    "设立首席质量官的规上企业（150）不能多于规模以上企业总数（140）。",
    "《关于进一步加强质量强市建设的实施意见》，盐城市人民政府办公室，2022-11-19",
    "“江苏精品”认证：企业利税在全省同类企业领先，近2年内利税保持正增长——须现场抽查……",
    "Share of above-scale enterprises with a chief quality officer (≥ 70 %), 1,000 batches; see (?) for the clause.",
    "Jiangsu Premium Product: the enterprise's profit and tax lead its industry in the province, growing for 2 years.",
    "4.4 资源 130 分未评，4.1 领导 110 分未评",
};

}  // namespace

TEST_CASE("break_lines: no line starts with closing punctuation or ends with opening, at every width") {
    for (const std::string& text : kSamples) {
        for (int width = 1; width <= 80; ++width) {
            CAPTURE(text);
            CAPTURE(width);
            std::vector<std::string> lines = lines_of(text, (float)width);
            REQUIRE(!lines.empty());
            for (size_t i = 0; i < lines.size(); ++i) {
                const std::string& l = lines[i];
                CAPTURE(l);
                // Only a run wider than the line may be cut anywhere: the widest unbreakable run
                // here is "(≥ 70 %)," (13 units), so the rules must hold from 14 units on.
                if (width >= 14) {
                    if (i > 0) CHECK(kClosing.count(first_cp(l)) == 0);
                    if (i + 1 < lines.size()) CHECK(kOpening.count(last_cp(l)) == 0);
                    CHECK(Mono{}(l) <= (float)width);
                }
                CHECK(l.find('\n') == std::string::npos);
                if (!l.empty()) CHECK(last_cp(l) != " ");
                if (i > 0) CHECK(first_cp(l) != " ");
            }
        }
    }
}

TEST_CASE("break_lines: numbers with separators and decimals never break inside") {
    for (const std::string& text : kSamples) {
        for (int width = 12; width <= 80; ++width) {
            std::vector<std::string> lines = lines_of(text, (float)width);
            std::string joined;
            for (const std::string& l : lines) joined += l + "|";
            CAPTURE(joined);
            for (const char* number : {"1,000.5", "1,000", "94.9", "2022-11-19", "130"})
                if (text.find(number) != std::string::npos) CHECK(joined.find(number) != std::string::npos);
            // "94.9 %" and "≥ 70 %": the sign stays with its number.
            if (text.find("94.9 %") != std::string::npos) CHECK(joined.find("94.9 %") != std::string::npos);
            if (text.find("≥ 70 %") != std::string::npos) CHECK(joined.find("≥ 70 %") != std::string::npos);
            if (text.find("(?)") != std::string::npos) CHECK(joined.find("(?)") != std::string::npos);
            if (text.find("——") != std::string::npos) CHECK(joined.find("——") != std::string::npos);
        }
    }
}

TEST_CASE("break_lines: lines cover the text in order; only spaces at soft breaks are left out") {
    for (const std::string& text : kSamples) {
        for (float width : {0.0f, 1.0f, 5.0f, 13.0f, 30.0f, 1000.0f}) {
            std::vector<TextLine> lines = break_lines(text, width, Mono{});
            size_t at = 0;
            for (const TextLine& l : lines) {
                REQUIRE(l.begin >= at);
                REQUIRE(l.end >= l.begin);
                for (size_t k = at; k < l.begin; ++k) CHECK(text[k] == ' ');
                at = l.end;
            }
            CHECK(at == text.size());
        }
    }
}

TEST_CASE("break_lines: Chinese breaks between characters, pushing punctuation onto the line before") {
    // Each hanzi is 2 units. At 12 units "质量强市建设" would fill the line and "，" start the next:
    // instead "设" moves down with its comma.
    CHECK(lines_of("质量强市建设，推进发展。", 12) == std::vector<std::string>{"质量强市建", "设，推进发", "展。"});
    // ...and with room for the full stop, it stays.
    CHECK(lines_of("质量强市建设，推进发展。", 14) == std::vector<std::string>{"质量强市建设，", "推进发展。"});
    // An opening bracket goes down with what it opens.
    CHECK(lines_of("本单位新增（配额）", 12) == std::vector<std::string>{"本单位新增", "（配额）"});
    // Latin next to Chinese: a break either side; "GB/T" is one word.
    CHECK(lines_of("依据GB/T 19580评分", 10) == std::vector<std::string>{"依据GB/T", "19580评分"});
    // Everything on one line when it fits; an empty text is one empty line.
    CHECK(lines_of("全市目标 1 个", 100) == std::vector<std::string>{"全市目标 1 个"});
    CHECK(lines_of("", 100) == std::vector<std::string>{""});
}

TEST_CASE("break_lines: English breaks at spaces and after hyphens between letters, not in dates") {
    CHECK(lines_of("hello world", 7) == std::vector<std::string>{"hello", "world"});
    CHECK(lines_of("hello   world  again", 12) == std::vector<std::string>{"hello", "world  again"});
    CHECK(lines_of("self-assessment tool", 12) == std::vector<std::string>{"self-", "assessment", "tool"});
    CHECK(lines_of("on 2022-11-19 issued", 12) == std::vector<std::string>{"on", "2022-11-19", "issued"});
    CHECK(lines_of("1 more batch (needed)", 13) == std::vector<std::string>{"1 more batch", "(needed)"});
    // A sign stays with its number across the space: "≥ 1" and "94.9 %".
    CHECK(lines_of("target ≥ 1 award", 6) == std::vector<std::string>{"target", "≥ 1", "award"});
    CHECK(lines_of("rate 94.9 % now", 8) == std::vector<std::string>{"rate", "94.9 %", "now"});
}

TEST_CASE("break_lines: hard breaks") {
    CHECK(lines_of("a\nb", 100) == std::vector<std::string>{"a", "b"});
    CHECK(lines_of("a\r\nb", 100) == std::vector<std::string>{"a", "b"});
    CHECK(lines_of("a\n\nb", 100) == std::vector<std::string>{"a", "", "b"});
    CHECK(lines_of("a\n", 100) == std::vector<std::string>{"a", ""});
    CHECK(lines_of("\n", 100) == std::vector<std::string>{"", ""});
    CHECK(lines_of("ab cd\nef", 2) == std::vector<std::string>{"ab", "cd", "ef"});
}

TEST_CASE("break_lines: a text that fits whole is one line, measured once") {
    // The app draws most texts on one line every frame: one measure, not one per break opportunity.
    Mono m;
    std::vector<std::string> one = lines_of("制造业产品质量合格率（%）", 100, m);
    CHECK(one == std::vector<std::string>{"制造业产品质量合格率（%）"});
    CHECK(m.calls == 1);
    CHECK(lines_of("ab cd", 5) == std::vector<std::string>{"ab cd"});  // exactly the width
    // Trailing spaces and newlines are not part of a line: the usual filling.
    CHECK(lines_of("ab cd  ", 100) == std::vector<std::string>{"ab cd"});
    CHECK(lines_of("ab\ncd", 100) == std::vector<std::string>{"ab", "cd"});
    CHECK(lines_of("ab cd", 4) == std::vector<std::string>{"ab", "cd"});
}

TEST_CASE("break_lines: a word longer than the line still breaks, and cheaply") {
    CHECK(lines_of("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(lines_of("1,000,000", 4) == std::vector<std::string>{"1,00", "0,00", "0"});
    // A huge word: 200,000 letters at 10 units → 20,000 lines of 10; the measure is called about
    // a few times per line, never with the whole word per line.
    std::string huge(200000, 'x');
    Mono m;
    std::vector<TextLine> lines = break_lines(huge, 10.0f, [&](std::string_view s) { return m(s); });
    REQUIRE(lines.size() == 20000);
    for (const TextLine& l : lines) REQUIRE(l.end - l.begin == 10);
    CHECK(m.calls < lines.size() * 12);
    // A huge Chinese run: breaks between characters, never inside one.
    std::string han;
    for (int i = 0; i < 50000; ++i) han += "质";
    std::vector<std::string> hl = lines_of(han, 11);  // 5 hanzi (10 units) per line
    REQUIRE(hl.size() == 10000);
    CHECK(hl.front() == "质质质质质");
}

TEST_CASE("break_lines: hostile input") {
    // Zero, negative and NaN width: one code point per line, never an endless loop.
    CHECK(lines_of("ab 中文", 0) == std::vector<std::string>{"a", "b", "中", "文"});
    CHECK(lines_of("ab", -5) == std::vector<std::string>{"a", "b"});
    CHECK(lines_of("ab", std::nanf("")) == std::vector<std::string>{"a", "b"});
    CHECK(lines_of("ab", INFINITY) == std::vector<std::string>{"ab"});
    // A measure that says everything is wide (or NaN) still ends.
    CHECK(break_lines("abc", 5.0f, [](std::string_view) { return 1e9f; }).size() == 3);
    CHECK(break_lines("abc", 5.0f, [](std::string_view) { return std::nanf(""); }).size() == 3);

    // Invalid UTF-8: stray continuation bytes, a truncated sequence, an overlong, a surrogate; each
    // bad byte counts as one character, a valid sequence is never split, every byte is in a line.
    const std::string bad = std::string("\x80\xff") + "中" + "\xe4\xb8" + "ab" + "\xc0\xaf" + "\xed\xa0\x80" + "文";
    for (float width : {0.0f, 1.0f, 2.0f, 3.0f, 7.0f, 100.0f}) {
        std::vector<TextLine> lines = break_lines(bad, width, Mono{});
        size_t at = 0;
        for (const TextLine& l : lines) {
            CHECK(l.begin == at);
            at = l.end;
            // No line begins or ends inside 中 (bytes 2..4) or 文 (the last 3).
            for (size_t edge : {l.begin, l.end}) {
                CHECK(edge != 3);
                CHECK(edge != 4);
                CHECK(edge != bad.size() - 1);
                CHECK(edge != bad.size() - 2);
            }
        }
        CHECK(at == bad.size());
    }
    // Only spaces, only newlines, a lone combining mark, NUL bytes.
    CHECK(lines_of("   ", 100) == std::vector<std::string>{"   "});
    CHECK(lines_of("\xcc\x81", 0).size() == 1);
    CHECK(lines_of(std::string("a\0b", 3), 1).size() == 3);
    // A combining mark stays with its letter even when cut by force.
    CHECK(lines_of("e\xcc\x81" "e\xcc\x81", 0) == std::vector<std::string>{"e\xcc\x81", "e\xcc\x81"});
}

}  // namespace qcity_test_text_layout
