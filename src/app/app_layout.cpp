// qcity app — layout helpers every screen uses: wrapped text (by the core's line-breaking rules,
// not Dear ImGui's), the "(?)" marker placed after it, and the one rule that decides when a table's
// rows stack in a narrow window.
//
// Index of this file
// [SECTION] Wrapped text
// [SECTION] Markers after a text
// [SECTION] Narrow windows (and short ones)

#include "app_internal.h"

#include "imgui.h"
#include "imgui_internal.h"  // ItemSize/ItemAdd: a wrapped text is one item; the test hooks

#include <algorithm>

namespace qcity::app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Wrapped text
//-------------------------------------------------------------------------------------------------

// Tells the browser tests' item hooks about an item ImGui does not report (texts have no ID):
// label "##text:<the text>" (or the given label) and its rectangle.
void report_item(const std::string& label, const ImRect& bb) { test_record_item(label, bb); }

void report_table_columns(const char* name) {
#ifdef IMGUI_ENABLE_TEST_ENGINE
    ImGuiTable* table = ImGui::GetCurrentTable();
    if (!table || !test_hooks_on()) return;
    float top = table->OuterRect.Min.y, h = ImGui::GetTextLineHeight();
    for (int i = 0; i < table->ColumnsCount; ++i) {
        const ImGuiTableColumn& col = table->Columns[i];
        report_item(std::string("##column:") + name + ":" + std::to_string(i), ImRect(col.MinX, top, col.MaxX, top + h));
    }
#else
    (void)name;
#endif
}

float text_width(std::string_view s) {
    ImFont* font = ImGui::GetFont();
    return font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

float tree_node_width(std::string_view label) {
    return ImGui::GetTreeNodeToLabelSpacing() + text_width(label) + ImGui::GetStyle().ItemSpacing.x * 2.0f;
}

ImVec2 text_wrapped(std::string_view s, const ImVec4* color, float width) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return ImGui::GetCursorScreenPos();
    if (width <= 0.0f) width = ImGui::GetContentRegionAvail().x;
    // The last piece measured is remembered: a line the breaking measured last (a text on one
    // line: the whole text) is not measured again for its width.
    std::string_view measured;
    float measured_w = 0.0f;
    auto measure = [&](std::string_view piece) {
        if (piece.data() != measured.data() || piece.size() != measured.size()) {
            measured = piece;
            measured_w = text_width(piece);
        }
        return measured_w;
    };
    std::vector<TextLine> lines = break_lines(s, width, measure);

    const float line_h = ImGui::GetTextLineHeight();
    const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    float widest = 0.0f, last = 0.0f;
    for (const TextLine& l : lines) {
        last = measure(s.substr(l.begin, l.end - l.begin));
        widest = std::max(widest, last);
    }
    const ImVec2 size(widest, line_h * (float)lines.size());
    const ImVec2 end(pos.x + last, pos.y + line_h * (float)(lines.size() - 1));
    ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size, 0.0f);
    a11y::text(s, bb);  // scrolled away too: the mirror holds the whole screen
    if (!ImGui::ItemAdd(bb, 0)) return end;

    ImDrawList* dl = window->DrawList;
    const ImU32 col = color ? ImGui::GetColorU32(*color) : ImGui::GetColorU32(ImGuiCol_Text);
    const ImRect& clip = window->ClipRect;
    for (size_t i = 0; i < lines.size(); ++i) {
        float y = pos.y + line_h * (float)i;
        if (y > clip.Max.y || y + line_h < clip.Min.y) continue;  // only the lines in view
        const TextLine& l = lines[i];
        if (l.end > l.begin) dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x, y), col, s.data() + l.begin, s.data() + l.end);
    }
    if (test_hooks_on()) report_item("##text:" + std::string(s), bb);
    return end;
}

ImVec2 text_wrapped(const std::string& s, const ImVec4& color, float width) { return text_wrapped(s, &color, width); }

void separator_text(const char* s) {
    ImGui::SeparatorText(s);
    a11y::heading_last(s, 2);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Markers after a text
//-------------------------------------------------------------------------------------------------

bool marker_after(ImVec2 end, float right, const char* marker, const std::string& test_label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(marker).x, h = ImGui::GetTextLineHeight();
    const float gap = style.ItemInnerSpacing.x;
    ImRect bb;
    if (end.x + gap + w <= right) {
        // On the text's last line: an item that takes no room in the layout (the text's own line
        // already holds it).
        bb = ImRect(ImVec2(end.x + gap, end.y), ImVec2(end.x + gap + w, end.y + h));
        if (!ImGui::ItemAdd(bb, 0)) return false;
    } else {
        // A line of its own under the text.
        ImGuiWindow* window = ImGui::GetCurrentWindow();
        ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
        bb = ImRect(pos, ImVec2(pos.x + w, pos.y + h));
        ImGui::ItemSize(ImVec2(w, h), 0.0f);
        if (!ImGui::ItemAdd(bb, 0)) return false;
    }
    ImGui::GetWindowDrawList()->AddText(bb.Min, ImGui::GetColorU32(ImGuiCol_TextDisabled), marker);
    if (!test_label.empty()) report_item(test_label, bb);
    return true;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Narrow windows (and short ones)
//-------------------------------------------------------------------------------------------------

float css_px(const App& app, float px) { return px / (app.scale > 0.0f ? app.scale : 1.0f); }

bool stack_rows(const App& app, float fixed_em, int stretch_columns) {
    float avail = css_px(app, ImGui::GetContentRegionAvail().x);
    // In CSS px at the app's font size (the font and the style scale with the pixel ratio alike).
    float needed = (fixed_em + kMinStretchEm * (float)stretch_columns) * css_px(app, ImGui::GetFontSize());
    return avail < std::max(kStackBelowCssPx, needed);
}

bool begin_scroll_area(const std::string& id) {
    // The height left under what is above. Not the scroll: Dear ImGui's content region moves with
    // the window's scroll as the cursor does, so this is the same at any scroll. (Adding the scroll
    // here once made the choice depend on it: a page scrolled down as a whole turned its list into a
    // child window, which then held the wheel — the top bar could no longer be wheeled back to.)
    const float left = ImGui::GetContentRegionAvail().y;
    const float window = ImGui::GetMainViewport()->WorkSize.y;
    if (left < std::max(window * 0.5f, ImGui::GetTextLineHeightWithSpacing() * 8.0f)) return false;
    ImGui::BeginChild(id.c_str(), ImVec2(0, 0), ImGuiChildFlags_None);
    return true;
}

void end_scroll_area(bool child) {
    if (child) ImGui::EndChild();
}

bool flow_same_line(float next_width, float right, float spacing, float min_wrap) {
    ImGui::SameLine(0.0f, spacing);
    const float left = right - ImGui::GetCursorScreenPos().x;
    if (next_width <= left || (min_wrap > 0.0f && min_wrap <= left)) return true;
    ImGui::NewLine();
    return false;
}

}  // namespace qcity::app
