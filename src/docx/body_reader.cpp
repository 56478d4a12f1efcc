#include "docx/body_reader.hpp"

#include "docx/ooxml.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace sopaudit::docx {

using layout::Cell;
using layout::Paragraph;
using layout::Shape;
using layout::Table;
using ooxml::attr;
using ooxml::child;
using ooxml::child_val;
using ooxml::is;
using ooxml::Ns;

namespace {

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decodes one UTF-8 sequence at s[i]; libxml2 hands us valid UTF-8.
char32_t next_utf8(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
    ++i;
    while (extra-- > 0 && i < s.size()) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        ++i;
    }
    return cp;
}

std::string lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

enum class SymbolFont { none, wingdings, wingdings2, symbol };

SymbolFont symbol_font(const std::string& font) {
    const std::string f = lower(font);
    if (f == "wingdings" || f == "wingdings 1") {
        return SymbolFont::wingdings;
    }
    if (f == "wingdings 2") {
        return SymbolFont::wingdings2;
    }
    if (f == "symbol") {
        return SymbolFont::symbol;
    }
    return SymbolFont::none;
}

char32_t map_symbol(SymbolFont font, unsigned code) {
    switch (font) {
    case SymbolFont::wingdings:
        switch (code) {
        case 0xFB:
            return U'\u2718'; // ✘
        case 0xFC:
            return U'\u2714'; // ✔
        case 0xFD:
            return U'\u2612'; // ☒
        case 0xFE:
            return U'\u2611'; // ☑
        case 0x6C:
            return U'\u25CF'; // ● (l)
        case 0x6E:
            return U'\u25A0'; // ■ (n)
        case 0x6F:
            return U'\u25A1'; // □ (o)
        case 0xA8:
            return U'\u25FB'; // ◻
        default:
            return 0;
        }
    case SymbolFont::wingdings2:
        switch (code) {
        case 0x4F:
            return U'\u2718'; // ✘ (O)
        case 0x50:
            return U'\u2714'; // ✔ (P)
        case 0x52:
            return U'\u2611'; // ☑ (R)
        case 0x53:
            return U'\u2612'; // ☒ (S)
        case 0x54:
            return U'\u2612'; // ☒ (T)
        default:
            return 0;
        }
    case SymbolFont::symbol:
        switch (code) {
        case 0xD6:
            return U'\u221A'; // √
        case 0xB4:
            return U'\u00D7'; // ×
        default:
            return 0;
        }
    case SymbolFont::none:
        return 0;
    }
    return 0;
}

// Text written in a symbol font: each character stands for a glyph of the font.
std::string decode_symbol_text(SymbolFont font, std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t cp = next_utf8(text, i);
        const unsigned code = (cp >= 0xF000 && cp <= 0xF0FF) ? static_cast<unsigned>(cp - 0xF000)
                              : cp < 0x100                   ? static_cast<unsigned>(cp)
                                                             : 0x10000u;
        const char32_t mapped = code < 0x100 ? map_symbol(font, code) : 0;
        if (mapped != 0) {
            append_utf8(out, mapped);
        } else {
            out.append(text.substr(start, i - start));
        }
    }
    return out;
}

bool is_space_only(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Elements whose content is not visible text of the paragraph.
bool skipped_inline(const xmlNode* node) {
    switch (ooxml::ns_of(node)) {
    case Ns::w: {
        const std::string_view n = ooxml::local_name(node);
        return n == "pPr" || n == "rPr" || n == "del" || n == "moveFrom" || n == "sdtPr" ||
               n == "sdtEndPr" || n == "customXmlPr" || n == "smartTagPr";
    }
    case Ns::mc:
        return ooxml::local_name(node) == "Fallback";
    default:
        return false;
    }
}

double twips_attr(const xmlNode* node, const char* name) {
    const auto v = attr(node, Ns::w, name);
    return v ? static_cast<double>(ooxml::to_int(*v).value_or(0)) : 0.0;
}

int int_val(const std::optional<std::string>& v, int fallback) {
    if (!v) {
        return fallback;
    }
    return static_cast<int>(ooxml::to_int(*v).value_or(fallback));
}

bool shd_is_fill(const xmlNode* shd) {
    if (shd == nullptr) {
        return false;
    }
    const std::string fill = lower(attr(shd, Ns::w, "fill").value_or(""));
    const std::string val = lower(attr(shd, Ns::w, "val").value_or(""));
    const std::string color = lower(attr(shd, Ns::w, "color").value_or(""));
    if (!fill.empty() && fill != "auto" && fill != "ffffff") {
        return true;
    }
    // A pattern (solid, pct25 ...) drawn in a real colour also fills the cell.
    return !val.empty() && val != "clear" && val != "nil" && !color.empty() && color != "auto" &&
           color != "ffffff";
}

// For each child of a table or row, looking through the wrappers Word puts around rows and
// cells (content controls, custom XML, markup compatibility).
template <typename F>
void for_each_through_wrappers(const xmlNode* parent, F&& f, int depth = 0) {
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (depth < 16 && (is(c, Ns::w, "sdt") || is(c, Ns::w, "customXml"))) {
            if (const xmlNode* content = child(c, Ns::w, "sdtContent")) {
                for_each_through_wrappers(content, f, depth + 1);
            } else {
                for_each_through_wrappers(c, f, depth + 1);
            }
            continue;
        }
        if (depth < 16 && is(c, Ns::mc, "AlternateContent")) {
            if (const xmlNode* choice = child(c, Ns::mc, "Choice")) {
                for_each_through_wrappers(choice, f, depth + 1);
            }
            continue;
        }
        f(c);
    }
}

bool subtree_has(const xmlNode* node, bool (*pred)(const xmlNode*), int depth = 0) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (pred(c)) {
            return true;
        }
        if (depth < 64 && subtree_has(c, pred, depth + 1)) {
            return true;
        }
    }
    return false;
}

bool is_rendered_break(const xmlNode* n) {
    return is(n, Ns::w, "lastRenderedPageBreak");
}

bool is_explicit_break(const xmlNode* n) {
    if (is(n, Ns::w, "br")) {
        return attr(n, Ns::w, "type").value_or("") == "page";
    }
    return is(n, Ns::w, "pageBreakBefore") && ooxml::on_off(n);
}

} // namespace

std::string decode_symbol_char(const std::string& font, char32_t code) {
    std::string out;
    const unsigned low = (code >= 0xF000 && code <= 0xF0FF) ? static_cast<unsigned>(code - 0xF000)
                         : code < 0x100                     ? static_cast<unsigned>(code)
                                                            : 0x10000u;
    const char32_t mapped = low < 0x100 ? map_symbol(symbol_font(font), low) : 0;
    if (mapped != 0) {
        append_utf8(out, mapped);
    } else if (code >= 0xF020 && code <= 0xF07E && symbol_font(font) == SymbolFont::none) {
        // A PUA code of a text font is its ASCII character.
        append_utf8(out, code - 0xF000);
    } else {
        append_utf8(out, code);
    }
    return out;
}

// The state of one paragraph while its runs are read.
struct BodyReader::RunState {
    std::string text;
    bool live = false; // a body/cell paragraph: counts pages and collects shapes
    int text_runs = 0;
    int bold_runs = 0;
    std::vector<Shape>* shapes = nullptr;
    ShapeAnchor anchor;
    // Of the run being read:
    bool run_bold = false;
    SymbolFont run_font = SymbolFont::none;
    bool run_has_text = false;
    int first_content_page = 0; // page_ when the first text or shape was met
};

BodyReader::BodyReader(layout::Document& document, bool rendered_page_breaks)
    : doc_(document), shapes_([this](const xmlNode* content) { return block_text(content); }),
      rendered_breaks_(rendered_page_breaks) {
    doc_.method = "xml";
}

void BodyReader::page_break() {
    if (suppress_breaks_ > 0 || !content_on_page_) {
        return;
    }
    ++page_;
    content_on_page_ = false;
}

void BodyReader::read_body(const xmlNode* body) {
    Container container;
    container.top_level = true;
    read_blocks(body, container);
    if (const xmlNode* sect_pr = child(body, Ns::w, "sectPr")) {
        read_section(sect_pr, true);
    } else {
        sections_.push_back(Section{section_start_, 0, 0, false});
    }
}

void BodyReader::read_blocks(const xmlNode* parent, Container& container) {
    for_each_through_wrappers(parent, [&](const xmlNode* node) {
        if (is(node, Ns::w, "p")) {
            read_paragraph(node, container);
        } else if (is(node, Ns::w, "tbl")) {
            const int index = read_table(node, container);
            if (container.cell != nullptr) {
                container.cell->nested_tables.push_back(index);
            }
            if (container.top_level) {
                doc_.body.push_back({layout::Block::Kind::table, index});
            }
        }
    });
}

void BodyReader::read_paragraph(const xmlNode* p, Container& container) {
    const xmlNode* p_pr = child(p, Ns::w, "pPr");
    if (!rendered_breaks_ && suppress_breaks_ == 0) {
        if (const xmlNode* before = child(p_pr, Ns::w, "pageBreakBefore");
            before != nullptr && ooxml::on_off(before)) {
            page_break();
        }
    }
    Paragraph para;
    para.where = container.where;
    para.where.page = page_;
    para.style = child_val(p_pr, Ns::w, "pStyle").value_or("");
    if (const xmlNode* num_pr = child(p_pr, Ns::w, "numPr")) {
        para.num_id = int_val(child_val(num_pr, Ns::w, "numId"), -1);
        para.num_level = int_val(child_val(num_pr, Ns::w, "ilvl"), 0);
    }

    std::vector<Shape> shapes;
    RunState state;
    state.live = true;
    state.shapes = &shapes;
    state.anchor.where = container.where;
    state.anchor.where.page = page_;
    state.anchor.column_width_emu = container.column_width_emu;
    content_on_page_ = true;
    read_inline(p, state);

    if (state.first_content_page > 0) {
        // A rendered break before any text: the paragraph starts on the next page.
        para.where.page = state.first_content_page;
    }
    para.text = std::move(state.text);
    // Text of text boxes belongs to the paragraph that anchors them too (Shape::text has it
    // alone); a page break inside the paragraph does not move its start.
    for (const Shape& s : shapes) {
        if (!s.text.empty()) {
            if (!para.text.empty()) {
                para.text += '\n';
            }
            para.text += s.text;
        }
    }
    para.bold = state.text_runs > 0 && state.bold_runs == state.text_runs;

    std::vector<Shape>& shape_target =
        container.cell != nullptr ? container.cell->shapes : doc_.shapes;
    for (Shape& s : shapes) {
        shape_target.push_back(std::move(s));
    }
    if (container.cell != nullptr) {
        container.cell->paragraphs.push_back(std::move(para));
    } else {
        doc_.paragraphs.push_back(std::move(para));
        if (container.top_level) {
            doc_.body.push_back(
                {layout::Block::Kind::paragraph, static_cast<int>(doc_.paragraphs.size()) - 1});
        }
    }
    if (const xmlNode* sect_pr = child(p_pr, Ns::w, "sectPr")) {
        read_section(sect_pr, false);
    }
}

void BodyReader::read_inline(const xmlNode* parent, RunState& state) {
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || skipped_inline(c)) {
            continue;
        }
        if (is(c, Ns::w, "r")) {
            read_run(c, state);
        } else if (is(c, Ns::mc, "AlternateContent")) {
            if (const xmlNode* choice = child(c, Ns::mc, "Choice")) {
                read_inline(choice, state);
            }
        } else {
            // hyperlink, ins, moveTo, smartTag, customXml, sdt/sdtContent, fldSimple, bdo, dir,
            // and anything unknown: their runs are text of the paragraph.
            read_inline(c, state);
        }
    }
}

void BodyReader::read_run(const xmlNode* run, RunState& state) {
    const xmlNode* r_pr = child(run, Ns::w, "rPr");
    state.run_bold = ooxml::on_off(child(r_pr, Ns::w, "b"));
    state.run_font = SymbolFont::none;
    if (const xmlNode* fonts = child(r_pr, Ns::w, "rFonts")) {
        for (const char* which : {"ascii", "hAnsi", "cs"}) {
            if (auto f = attr(fonts, Ns::w, which)) {
                state.run_font = symbol_font(*f);
                if (state.run_font != SymbolFont::none) {
                    break;
                }
            }
        }
    }
    state.run_has_text = false;
    for (const xmlNode* c = run->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            read_run_child(c, state);
        }
    }
    if (state.run_has_text) {
        ++state.text_runs;
        if (state.run_bold) {
            ++state.bold_runs;
        }
    }
}

void BodyReader::read_run_child(const xmlNode* node, RunState& state) {
    const Ns ns = ooxml::ns_of(node);
    if (ns == Ns::mc) {
        if (ooxml::local_name(node) == "AlternateContent") {
            if (const xmlNode* choice = child(node, Ns::mc, "Choice")) {
                for (const xmlNode* c = choice->children; c != nullptr; c = c->next) {
                    if (c->type == XML_ELEMENT_NODE) {
                        read_run_child(c, state);
                    }
                }
            }
        }
        return;
    }
    if (ns != Ns::w) {
        return;
    }
    const std::string_view name = ooxml::local_name(node);
    if (name == "t") {
        const std::string text = ooxml::text_of(node);
        if (state.run_font != SymbolFont::none) {
            state.text += decode_symbol_text(state.run_font, text);
        } else {
            state.text += text;
        }
        if (!is_space_only(text)) {
            state.run_has_text = true;
        }
        if (state.live && !text.empty()) {
            content_on_page_ = true;
            if (state.first_content_page == 0) {
                state.first_content_page = page_;
            }
        }
    } else if (name == "tab" || name == "ptab") {
        state.text += '\t';
    } else if (name == "br") {
        const std::string type = attr(node, Ns::w, "type").value_or("");
        if (type == "page") {
            if (state.live && !rendered_breaks_) {
                page_break();
            }
        } else {
            state.text += '\n';
        }
    } else if (name == "cr") {
        state.text += '\n';
    } else if (name == "noBreakHyphen") {
        state.text += '-';
    } else if (name == "sym") {
        const std::string font = attr(node, Ns::w, "font").value_or("");
        const std::string hex = attr(node, Ns::w, "char").value_or("");
        const unsigned long code = std::strtoul(hex.c_str(), nullptr, 16);
        if (code > 0 && code < 0x110000) {
            state.text += decode_symbol_char(font, static_cast<char32_t>(code));
            state.run_has_text = true;
        }
    } else if (name == "lastRenderedPageBreak") {
        if (state.live && rendered_breaks_) {
            page_break();
        }
    } else if (name == "drawing") {
        if (state.live) {
            state.anchor.where.page = page_;
            shapes_.read_drawing(node, state.anchor, *state.shapes);
        }
    } else if (name == "pict" || name == "object") {
        if (state.live) {
            state.anchor.where.page = page_;
            shapes_.read_vml(node, state.anchor, *state.shapes);
        }
    } else if (name == "ruby") {
        if (const xmlNode* base = child(node, Ns::w, "rubyBase")) {
            read_inline(base, state);
        }
    }
    // delText, instrText, fldChar, footnoteReference ...: not text of the paragraph.
}

bool BodyReader::row_has_page_break(const xmlNode* tr) const {
    return subtree_has(tr, rendered_breaks_ ? is_rendered_break : is_explicit_break);
}

int BodyReader::read_table(const xmlNode* tbl, const Container& parent) {
    const int index = static_cast<int>(doc_.tables.size());
    doc_.tables.emplace_back(); // reserve the index; nested tables come after their parent
    content_on_page_ = true;

    Table table;
    table.index = index;
    table.parent_table = parent.where.table;
    table.where.page = page_;
    table.where.table = index;
    if (const xmlNode* grid = child(tbl, Ns::w, "tblGrid")) {
        for (const xmlNode* c = grid->children; c != nullptr; c = c->next) {
            if (is(c, Ns::w, "gridCol")) {
                table.col_widths.push_back(twips_attr(c, "w"));
            }
        }
    }

    int row = 0;
    int max_cols = static_cast<int>(table.col_widths.size());
    for_each_through_wrappers(tbl, [&](const xmlNode* tr) {
        if (!is(tr, Ns::w, "tr")) {
            return;
        }
        if (suppress_breaks_ == 0 && row_has_page_break(tr)) {
            page_break();
        }
        ++suppress_breaks_;
        const xmlNode* tr_pr = child(tr, Ns::w, "trPr");
        const int grid_before = std::max(0, int_val(child_val(tr_pr, Ns::w, "gridBefore"), 0));
        const int grid_after = std::max(0, int_val(child_val(tr_pr, Ns::w, "gridAfter"), 0));
        table.header_rows.push_back(ooxml::on_off(child(tr_pr, Ns::w, "tblHeader")));

        int col = grid_before;
        for_each_through_wrappers(tr, [&](const xmlNode* tc) {
            if (!is(tc, Ns::w, "tc")) {
                return;
            }
            const xmlNode* tc_pr = child(tc, Ns::w, "tcPr");
            const int span = std::max(1, int_val(child_val(tc_pr, Ns::w, "gridSpan"), 1));
            const xmlNode* v_merge = child(tc_pr, Ns::w, "vMerge");
            const bool continues =
                v_merge != nullptr && attr(v_merge, Ns::w, "val").value_or("continue") != "restart";
            const xmlNode* h_merge = child(tc_pr, Ns::w, "hMerge");
            const bool h_continues =
                h_merge != nullptr && attr(h_merge, Ns::w, "val").value_or("continue") != "restart";

            int target = -1;
            if (continues) {
                // The origin is the cell right above that starts at this column.
                for (int i = static_cast<int>(table.cells.size()) - 1; i >= 0; --i) {
                    const Cell& above = table.cells[static_cast<std::size_t>(i)];
                    if (above.col == col && above.row + above.row_span == row) {
                        target = i;
                        break;
                    }
                }
                if (target >= 0) {
                    table.cells[static_cast<std::size_t>(target)].row_span += 1;
                }
            } else if (h_continues && !table.cells.empty() && table.cells.back().row == row &&
                       table.cells.back().col + table.cells.back().col_span == col) {
                // Legacy horizontal merge: widen the cell on the left.
                target = static_cast<int>(table.cells.size()) - 1;
                table.cells.back().col_span += span;
            }
            if (target < 0) {
                Cell cell;
                cell.row = row;
                cell.col = col;
                cell.col_span = span;
                cell.shaded = shd_is_fill(child(tc_pr, Ns::w, "shd"));
                table.cells.push_back(std::move(cell));
                target = static_cast<int>(table.cells.size()) - 1;
            }
            Cell& cell = table.cells[static_cast<std::size_t>(target)];
            if (cell.where.table < 0) {
                cell.where.page = page_;
                cell.where.table = index;
                cell.where.row = cell.row;
                cell.where.col = cell.col;
            }

            Container inside;
            inside.cell = &cell;
            inside.where.table = index;
            inside.where.row = row; // the grid row the content is in (a merged cell's own row)
            inside.where.col = col;
            double width_twips = 0;
            for (int c = col; c < col + span; ++c) {
                if (c < static_cast<int>(table.col_widths.size())) {
                    width_twips += table.col_widths[static_cast<std::size_t>(c)];
                }
            }
            if (width_twips <= 0) {
                if (const xmlNode* tc_w = child(tc_pr, Ns::w, "tcW");
                    tc_w != nullptr && attr(tc_w, Ns::w, "type").value_or("dxa") == "dxa") {
                    width_twips = twips_attr(tc_w, "w");
                }
            }
            inside.column_width_emu = static_cast<std::int64_t>(width_twips) * emu_per_twip;
            if (continues || h_continues) {
                // Word hides what a merged-away cell holds; it is usually one empty paragraph.
                // Keep anything real it has (text, shapes) on the origin.
                Cell scratch;
                inside.cell = &scratch;
                read_blocks(tc, inside);
                for (auto& p : scratch.paragraphs) {
                    if (!p.text.empty()) {
                        cell.paragraphs.push_back(std::move(p));
                    }
                }
                for (auto& s : scratch.shapes) {
                    cell.shapes.push_back(std::move(s));
                }
                for (int t : scratch.nested_tables) {
                    cell.nested_tables.push_back(t);
                }
            } else {
                read_blocks(tc, inside);
            }
            col += span;
        });
        max_cols = std::max(max_cols, col + grid_after);
        --suppress_breaks_;
        ++row;
    });
    table.n_rows = row;
    table.n_cols = max_cols;
    if (table.col_widths.size() < static_cast<std::size_t>(max_cols)) {
        table.col_widths.resize(static_cast<std::size_t>(max_cols), 0.0);
    }
    doc_.tables[static_cast<std::size_t>(index)] = std::move(table);
    return index;
}

void BodyReader::read_section(const xmlNode* sect_pr, bool final_section) {
    Section section;
    section.first_page = section_start_;
    if (const xmlNode* pg_sz = child(sect_pr, Ns::w, "pgSz")) {
        section.width = twips_attr(pg_sz, "w");
        section.height = twips_attr(pg_sz, "h");
        section.landscape = attr(pg_sz, Ns::w, "orient").value_or("") == "landscape" ||
                            section.width > section.height;
    }
    sections_.push_back(section);
    if (final_section) {
        return;
    }
    const std::string type = child_val(sect_pr, Ns::w, "type").value_or("nextPage");
    if (type == "continuous" || type == "nextColumn") {
        section_start_ = page_;
    } else if (rendered_breaks_) {
        section_start_ = page_ + 1; // the next rendered break starts the new section's page
    } else {
        page_break();
        section_start_ = page_;
    }
}

void BodyReader::finish() {
    doc_.pages.clear();
    for (int number = 1; number <= page_; ++number) {
        layout::Page page;
        page.number = number;
        page.method = "xml";
        for (const Section& s : sections_) {
            if (s.first_page <= number) {
                page.width = s.width;
                page.height = s.height;
                page.landscape = s.landscape;
            }
        }
        doc_.pages.push_back(page);
    }
}

void BodyReader::read_header(const xmlNode* root, std::vector<Paragraph>& out) {
    collect_text_paragraphs(root, out, 0);
}

void BodyReader::collect_text_paragraphs(const xmlNode* node, std::vector<Paragraph>& out,
                                         int depth) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || skipped_inline(c)) {
            continue;
        }
        if (is(c, Ns::w, "p")) {
            RunState state; // not live: no pages, no shapes
            read_inline(c, state);
            Paragraph para;
            if (state.first_content_page > 0) {
                // A rendered break before any text: the paragraph starts on the next page.
                para.where.page = state.first_content_page;
            }
            para.text = std::move(state.text);
            para.bold = state.text_runs > 0 && state.bold_runs == state.text_runs;
            para.style = child_val(child(c, Ns::w, "pPr"), Ns::w, "pStyle").value_or("");
            out.push_back(std::move(para));
        } else if (depth < 64) {
            collect_text_paragraphs(c, out, depth + 1); // tables, sdt, text boxes ...
        }
    }
}

std::string BodyReader::block_text(const xmlNode* container) {
    std::vector<Paragraph> paragraphs;
    collect_text_paragraphs(container, paragraphs, 0);
    std::string text;
    for (const auto& p : paragraphs) {
        if (p.text.empty()) {
            continue;
        }
        if (!text.empty()) {
            text += '\n';
        }
        text += p.text;
    }
    return text;
}

} // namespace sopaudit::docx
