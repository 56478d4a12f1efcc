#pragma once
// Walks the DOM of word/document.xml (and of header parts) into the layout model: paragraphs,
// tables on their grid with merged cells, nested tables, shapes with their anchoring cell,
// sections and the page each element is on where the file tells it.

#include "docx/shape_reader.hpp"
#include "layout/layout.hpp"

#include <cstdint>
#include <libxml/tree.h>
#include <string>
#include <vector>

namespace sopaudit::docx {

class BodyReader {
public:
    // rendered_page_breaks: the part holds w:lastRenderedPageBreak marks, which record where
    // Word last broke the pages; then those alone count (they include hard and section
    // breaks). Otherwise explicit breaks count: w:br type=page, pageBreakBefore, section breaks.
    BodyReader(layout::Document& document, bool rendered_page_breaks);

    void read_body(const xmlNode* body);
    // A w:hdr (or w:ftr) root: its text, paragraph by paragraph (tables flattened).
    void read_header(const xmlNode* root, std::vector<layout::Paragraph>& out);
    // Builds Document::pages from the sections seen; call once after read_body.
    void finish();

private:
    // Where the content being read goes: the body, or one cell of a table.
    struct Container {
        layout::Cell* cell = nullptr; // nullptr = the body
        layout::Provenance where;
        std::int64_t column_width_emu = 0;
        bool top_level = false; // body paragraphs and tables go into Document::body
    };
    struct RunState;
    struct Section {
        int first_page = 1;
        double width = 0, height = 0;
        bool landscape = false;
    };

    void read_blocks(const xmlNode* parent, Container& container);
    void read_paragraph(const xmlNode* p, Container& container);
    int read_table(const xmlNode* tbl, const Container& parent);
    void read_inline(const xmlNode* parent, RunState& state);
    void read_run(const xmlNode* run, RunState& state);
    void read_run_child(const xmlNode* node, RunState& state);
    void read_section(const xmlNode* sect_pr, bool final_section);
    bool row_has_page_break(const xmlNode* tr) const;
    void page_break();

    // Text of a text box (or any block container), paragraphs joined with '\n'.
    std::string block_text(const xmlNode* container);
    void collect_text_paragraphs(const xmlNode* node, std::vector<layout::Paragraph>& out,
                                 int depth);

    layout::Document& doc_;
    ShapeReader shapes_;
    bool rendered_breaks_;
    int page_ = 1;
    bool content_on_page_ = false;
    int suppress_breaks_ = 0; // inside a table row whose break was already counted
    int section_start_ = 1;
    std::vector<Section> sections_;
};

// The Unicode text of a symbol-font character (w:sym, or w:t in a Wingdings/Symbol run), e.g.
// Wingdings F0FC -> "✔". Unknown characters of a symbol font stay as they are.
std::string decode_symbol_char(const std::string& font, char32_t code);

} // namespace sopaudit::docx
