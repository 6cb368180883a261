// JsonWriter: JSON text as nlohmann's dump(2, ' ', false, error_handler_t::replace) writes it, written
// straight from the results (see core.h for why). The pretty-printing rules copied here are
// nlohmann's: "{" then each member on its own line two spaces deeper ("key": value), "," between,
// the closing bracket back at the container's indent; an empty object or array is "{}" / "[]".
// Strings that need nothing escaped and are well-formed UTF-8 are copied; any other string, and any
// double, goes through nlohmann's own serializer, so escapes, the replacement of invalid UTF-8 and
// number formatting are nlohmann's by construction.
//
// Index of this file
// [SECTION] JsonWriter

#include "core.h"

#include <algorithm>
#include <cassert>
#include <charconv>

namespace qcity {

//-------------------------------------------------------------------------------------------------
// [SECTION] JsonWriter
//-------------------------------------------------------------------------------------------------

JsonWriter::JsonWriter(std::string& out, unsigned depth, unsigned step)
    : out_(&out), depth_(depth), step_(step),
      serializer_(nlohmann::detail::output_adapter<char, std::string>(scratch_), ' ', Json::error_handler_t::replace) {}

void JsonWriter::indent(unsigned depth) { out_->append((size_t)step_ * depth, ' '); }

// Before any value: in an array, the separator and the element's line; after a key, nothing.
void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    assert(!f.object);
    *out_ += f.count++ ? ",\n" : "\n";
    indent(depth_);
}

JsonWriter& JsonWriter::key(const char* k) {
    Frame& f = frames_.back();
    assert(f.object && !after_key_);
    if (f.any_order) {
        f.members.emplace_back(k, std::string());
        out_ = &f.members.back().second;
        ++f.count;
    } else {
        *out_ += f.count++ ? ",\n" : "\n";
        indent(depth_);
        *out_ += '"';
        *out_ += k;
        *out_ += "\": ";
    }
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::any_key(std::string_view k) {
    bool plain = true;
    for (unsigned char c : k)
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) plain = false;
    if (plain) return key(std::string(k).c_str());
    scratch_.clear();
    serializer_.dump(Json(std::string(k)), false, false, 0);  // "…" with nlohmann's escapes
    return key(scratch_.substr(1, scratch_.size() - 2).c_str());
}

void JsonWriter::begin_object(bool any_order) {
    before_value();
    Frame f;
    f.object = true;
    f.any_order = any_order;
    if (any_order) f.parent = out_;
    else *out_ += '{';
    frames_.push_back(std::move(f));
    ++depth_;
}

void JsonWriter::end_object() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    --depth_;
    if (f.any_order) {
        out_ = f.parent;
        // nlohmann keeps members in a std::map: sorted by key, the last write of a key wins.
        const auto& m = f.members;
        const std::vector<size_t> order = stable_order(m.size(), [&](size_t x, size_t y) { return m[x].first < m[y].first; });
        *out_ += '{';
        int written = 0;
        for (size_t i = 0; i < order.size(); ++i) {
            if (i + 1 < order.size() && m[order[i + 1]].first == m[order[i]].first) continue;
            *out_ += written++ ? ",\n" : "\n";
            indent(depth_ + 1);
            *out_ += '"';
            *out_ += m[order[i]].first;
            *out_ += "\": ";
            *out_ += m[order[i]].second;
        }
        f.count = written;
    }
    if (f.count == 0) {
        *out_ += '}';
        return;
    }
    *out_ += '\n';
    indent(depth_);
    *out_ += '}';
}

void JsonWriter::begin_array() {
    before_value();
    *out_ += '[';
    Frame f;
    frames_.push_back(std::move(f));
    ++depth_;
}

void JsonWriter::end_array() {
    int count = frames_.back().count;
    frames_.pop_back();
    --depth_;
    if (count == 0) {
        *out_ += ']';
        return;
    }
    *out_ += '\n';
    indent(depth_);
    *out_ += ']';
}

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), the
// strings nlohmann copies unchanged. Only printable ones come here (no byte below 0x20).
static bool well_formed_utf8(std::string_view s) {
    const auto* p = (const unsigned char*)s.data();
    const auto* end = p + s.size();
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) { ++p; continue; }
        int n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c == 0xE0) { n = 2; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC) n = 2;
        else if (c == 0xED) { n = 2; hi = 0x9F; }
        else if (c >= 0xEE && c <= 0xEF) n = 2;
        else if (c == 0xF0) { n = 3; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) n = 3;
        else if (c == 0xF4) { n = 3; hi = 0x8F; }
        else return false;
        if (end - p <= n) return false;
        if (p[1] < lo || p[1] > hi) return false;
        for (int i = 2; i <= n; ++i)
            if (p[i] < 0x80 || p[i] > 0xBF) return false;
        p += n + 1;
    }
    return true;
}

void JsonWriter::string(std::string_view s) {
    bool plain = true, ascii = true;
    for (unsigned char c : s) {
        if (c < 0x20 || c == '"' || c == '\\') { plain = false; break; }
        if (c >= 0x80) ascii = false;
    }
    if (!plain || (!ascii && !well_formed_utf8(s))) {
        value(Json(std::string(s)));   // escapes and replacements: nlohmann's
        return;
    }
    before_value();
    *out_ += '"';
    *out_ += s;
    *out_ += '"';
}

void JsonWriter::number(int64_t v) {
    before_value();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_->append(buf, r.ptr);
}

void JsonWriter::number(const Rational& r) {
    if (r.den == 1) number(r.num);
    else value(Json(r.to_double()));
}

void JsonWriter::boolean(bool b) {
    before_value();
    *out_ += b ? "true" : "false";
}

void JsonWriter::null() {
    before_value();
    *out_ += "null";
}

void JsonWriter::value(const Json& j) {
    before_value();
    scratch_.clear();
    serializer_.dump(j, true, false, step_, step_ * depth_);
    *out_ += scratch_;
}

void JsonWriter::strings(const std::vector<std::string>& list) {
    begin_array();
    for (const std::string& s : list) string(s);
    end_array();
}

}  // namespace qcity
