// qcity core — where a wrapped line may break (declared in core.h, "Text layout").
//
// Index of this file
// [SECTION] Decoding: code points and their classes
// [SECTION] Break opportunities
// [SECTION] Greedy line filling

#include "core.h"

#include <algorithm>
#include <cmath>

namespace qcity {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Decoding: code points and their classes
//-------------------------------------------------------------------------------------------------

// What a character does at a line break: a small subset of Unicode's line breaking classes (UAX #14)
// with the Chinese rules (no closing punctuation at a line's start, no opening one at its end).
enum class Cls : uint8_t {
    word,       // letters, digits, other symbols: no break between two of them
    wide,       // CJK ideographs, kana, Hangul, full-width forms: a break on either side
    space,      // a break after a run of them
    newline,    // ends the line
    open,       // （「“ ( …: no break after
    prefix,     // ≥ ≤ ¥ $ …: no break after (a sign belongs to the number after it)
    close,      // ，。、）」” , . % …: no break before
    glue,       // / and no-break spaces: no break on either side
    attach,     // combining marks, joiners, variation selectors: no break before
    dash,       // — (Chinese dashes come in pairs): break before or after a run, not inside
    hyphen,     // -: break after it between letters ("self-|assessment"), not in "2022-11-19"
};

struct CodePoint {
    size_t begin = 0, end = 0;   // bytes
    uint32_t cp = 0;
    Cls cls = Cls::word;
    bool wide = false;           // East Asian wide: a break is allowed next to it
};

// One code point from `s` at `i`. Invalid or truncated sequences, overlongs and surrogates give
// one byte as U+FFFD, so the next byte is read afresh.
uint32_t decode(std::string_view s, size_t i, size_t& len) {
    unsigned char c = (unsigned char)s[i];
    len = 1;
    if (c < 0x80) return c;
    int n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c <= 0xEF ? 3 : 0) : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + (size_t)n > s.size()) return 0xFFFD;
    uint32_t cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < n; ++k) {
        unsigned char cc = (unsigned char)s[i + (size_t)k];
        if ((cc & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    len = (size_t)n;
    return cp;
}

bool is_wide(uint32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

Cls classify(uint32_t c) {
    switch (c) {
        case '\n': case '\r': case 0x2028: case 0x2029: return Cls::newline;
        case ' ': case '\t': case 0x3000: case 0x200B: return Cls::space;
        case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2008: case 0x2009: case 0x200A:
            return Cls::space;
        case '(': case '[': case '{': case 0x201C: case 0x2018: case 0x00AB: case 0xFF08: case 0x300C: case 0x300E:
        case 0x3010: case 0x3014: case 0x3008: case 0x300A: case 0x3016: case 0xFF3B: case 0xFF5B: case 0x301D:
            return Cls::open;
        case '$': case '#': case '<': case '>': case '=': case 0x00A3: case 0x00A5: case 0x20AC: case 0x00B1:
        case 0x2264: case 0x2265: case 0x2260: case 0xFFE5: case 0xFF04: case 0xFF1C: case 0xFF1E: case 0x2212:
            return Cls::prefix;
        case ')': case ']': case '}': case ',': case '.': case ';': case ':': case '!': case '?': case '%':
        case 0x201D: case 0x2019: case 0x00BB: case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A:
        case 0xFF1B: case 0xFF01: case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
        case 0x3009: case 0x300B: case 0x3017: case 0xFF3D: case 0xFF5D: case 0x2026: case 0x2025: case 0x00B7:
        case 0x30FB: case 0xFF05: case 0x2030: case 0x2103: case 0x00B0: case 0xFF5E: case 0x3005: case 0x30FC:
        case 0x301E: case 0x301F: case 0x2032: case 0x2033: case 0xFF64: case 0xFF61:
            return Cls::close;
        case '/': case 0x00A0: case 0x2007: case 0x202F: case 0x2060: case 0x2011: case 0xFEFF:
            return Cls::glue;
        case 0x200C: case 0x200D: return Cls::attach;
        case 0x2014: case 0x2E3A: case 0x2E3B: return Cls::dash;
        case '-': case 0x2010: return Cls::hyphen;
        default: break;
    }
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
        (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x20D0 && c <= 0x20FF))
        return Cls::attach;
    return is_wide(c) ? Cls::wide : Cls::word;
}

std::vector<CodePoint> decode_all(std::string_view s) {
    std::vector<CodePoint> out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        CodePoint p;
        p.begin = i;
        p.cp = decode(s, i, len);
        p.end = i + len;
        p.cls = classify(p.cp);
        p.wide = is_wide(p.cp);
        out.push_back(p);
        i += len;
    }
    return out;
}

bool ascii_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

//-------------------------------------------------------------------------------------------------
// [SECTION] Break opportunities
//-------------------------------------------------------------------------------------------------

// May a line end before code point i (and the next start at i)? (i in 1..n-1; hard breaks at
// newlines are handled by the caller.) Spaces: the break is after the run, so a line never starts
// with a space; it is refused when the run sits between an opening sign and what it opens, or
// before closing punctuation.
bool break_before(const std::vector<CodePoint>& cps, size_t i) {
    const CodePoint& b = cps[i];
    const CodePoint& a = cps[i - 1];
    if (b.cls == Cls::space || b.cls == Cls::newline) return false;
    if (b.cls == Cls::close || b.cls == Cls::glue || b.cls == Cls::attach) return false;
    if (a.cls == Cls::newline) return false;
    if (a.cls == Cls::space) {
        size_t k = i - 1;
        while (k > 0 && cps[k].cls == Cls::space) --k;
        if (cps[k].cls == Cls::space) return false;  // spaces at the very start: no empty first line
        Cls before = cps[k].cls;
        return before != Cls::open && before != Cls::prefix && before != Cls::newline;
    }
    if (a.cls == Cls::open || a.cls == Cls::prefix || a.cls == Cls::glue) return false;
    if (a.cls == Cls::dash && b.cls == Cls::dash) return false;
    if (a.cls == Cls::hyphen) {
        if (b.wide) return true;
        return i >= 2 && ascii_letter(cps[i - 2].cp) && ascii_letter(b.cp);
    }
    if (a.wide || b.wide) return true;
    if (a.cls == Cls::dash || b.cls == Cls::dash) return true;
    return false;  // word next to word: "1,000", "abc"
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Greedy line filling
//-------------------------------------------------------------------------------------------------

struct Filler {
    std::string_view text;
    const std::vector<CodePoint>& cps;
    float width;
    const MeasureText& measure;

    size_t byte(size_t cp_index) const { return cp_index < cps.size() ? cps[cp_index].begin : text.size(); }
    // The end of a line broken before `stop`: the spaces before it are not part of the line.
    size_t trimmed(size_t start, size_t stop) const {
        while (stop > start && cps[stop - 1].cls == Cls::space) --stop;
        return stop;
    }
    float width_of(size_t start, size_t stop) const { return measure(text.substr(byte(start), byte(stop) - byte(start))); }
    bool fits_width(float w) const { return w <= width + 0.001f; }

    // Does [start, stop) fit? Prefixes are measured growing (16, 32, 64… code points) so a huge
    // word costs about one line's measuring, not its own length.
    bool fits(size_t start, size_t stop) const {
        size_t step = 16;
        for (;;) {
            size_t k = stop - start <= step ? stop : start + step;
            if (!fits_width(width_of(start, k))) return false;
            if (k == stop) return true;
            step *= 2;
        }
    }

    // The longest prefix of [start, stop) that fits, at least one code point (and the marks
    // attached to it): where a word longer than the line is cut.
    size_t longest_fit(size_t start, size_t stop) const {
        size_t lo = start + 1;                    // always taken
        while (lo < stop && cps[lo].cls == Cls::attach) ++lo;
        if (lo >= stop || !fits_width(width_of(start, lo))) return lo;
        // Grow until it does not fit, then bisect: lo fits, hi does not (or hi == stop fits).
        size_t step = 16, hi = lo;
        for (;;) {
            hi = stop - start <= step ? stop : start + step;
            if (hi <= lo) { step *= 2; continue; }
            if (!fits_width(width_of(start, hi))) break;
            lo = hi;
            if (hi == stop) return stop;
            step *= 2;
        }
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (fits_width(width_of(start, mid))) lo = mid;
            else hi = mid;
        }
        while (lo > start + 1 && lo < stop && cps[lo].cls == Cls::attach) --lo;  // keep a mark with its base
        return lo;
    }
};

}  // namespace

std::vector<TextLine> break_lines(std::string_view text, float width, const MeasureText& measure) {
    std::vector<TextLine> lines;
    std::vector<CodePoint> cps = decode_all(text);
    const size_t n = cps.size();
    if (!(width > 0.0f) || std::isnan(width)) width = 0.0f;  // NaN and negatives: as narrow as can be
    Filler f{text, cps, width, measure};

    // A text without a newline or trailing spaces that fits whole is one line (most texts of an
    // interface): measured once, not prefix by prefix (a longer prefix is never narrower, so each
    // break opportunity would fit too and the greedy filling would reach the end).
    if (n > 0 && cps[n - 1].cls != Cls::space &&
        std::none_of(cps.begin(), cps.end(), [](const CodePoint& c) { return c.cls == Cls::newline; }) &&
        f.fits_width(measure(text)))
        return {TextLine{0, text.size()}};

    // next[i]: the first position after i where the line may or must end (a break opportunity, a
    // newline, or the end), computed once from the right so a long word is not rescanned per line.
    std::vector<size_t> next(n + 1, n);
    for (size_t i = n; i-- > 0;) {
        size_t j = i + 1;
        bool stop = j >= n || cps[j].cls == Cls::newline || break_before(cps, j);
        next[i] = stop ? j : next[j];
    }

    size_t start = 0;
    for (;;) {
        if (start >= n) {
            lines.push_back(TextLine{text.size(), text.size()});
            break;
        }
        if (cps[start].cls == Cls::newline) {  // an empty line
            lines.push_back(TextLine{cps[start].begin, cps[start].begin});
            size_t after = start + 1;
            if (cps[start].cp == '\r' && after < n && cps[after].cp == '\n') ++after;
            if (after >= n) { lines.push_back(TextLine{text.size(), text.size()}); break; }
            start = after;
            continue;
        }
        // Add pieces up to the next opportunity while they fit; remember the last that did.
        size_t best = 0;      // 0: none yet (a line always has at least one code point)
        size_t pos = start;
        size_t stop = 0;
        for (;;) {
            size_t j = next[pos];
            bool hard = j >= n || cps[j].cls == Cls::newline;
            if (f.fits(start, f.trimmed(start, j))) {
                best = j;
                if (hard) break;
                pos = j;
                continue;
            }
            break;
        }
        if (best > start) stop = best;
        else stop = f.longest_fit(start, f.trimmed(start, next[start]) > start ? f.trimmed(start, next[start]) : next[start]);
        size_t end = f.trimmed(start, stop);
        if (end == start) end = stop;  // only spaces (at the text's start): keep them
        lines.push_back(TextLine{cps[start].begin, f.byte(end)});
        if (stop >= n) break;
        if (cps[stop].cls == Cls::newline) {
            size_t after = stop + 1;
            if (cps[stop].cp == '\r' && after < n && cps[after].cp == '\n') ++after;
            if (after >= n) { lines.push_back(TextLine{text.size(), text.size()}); break; }
            start = after;
            // A "\n" right after it is another (empty) line: handled at the top of the loop.
            continue;
        }
        start = stop;
        while (start < n && cps[start].cls == Cls::space) ++start;  // a soft break's spaces hang
        if (start >= n) break;
    }
    return lines;
}

}  // namespace qcity
