#pragma once
// Builds layout::Document models by hand for tests of the stages after the readers (sop/, audit/),
// so they need no DOCX or scan fixture. Texts with '|' become several paragraphs of one cell.

#include "layout/layout.hpp"

#include <string>
#include <vector>

namespace sopaudit::test {

class LayoutBuilder {
public:
    // A body paragraph; num_id >= 0 marks Word list numbering.
    LayoutBuilder& paragraph(const std::string& text, int num_id = -1);
    // Starts a new top-level table; the cell/shape calls that follow fill it. widths in twips.
    LayoutBuilder& table(int rows, int cols, std::vector<double> widths = {});
    LayoutBuilder& cell(int row, int col, const std::string& text, int row_span = 1,
                        int col_span = 1);
    // An inline shape in the cell at (row, col), which must exist.
    LayoutBuilder& shape(int row, int col, layout::ShapeClass cls,
                         const std::string& geometry = "");
    // A floating shape anchored in (row, col), placed h_offset_emu from the anchor's reference.
    LayoutBuilder& floating_shape(int row, int col, layout::ShapeClass cls, long long h_offset_emu,
                                  long long width_emu, const std::string& relative_from = "column",
                                  const std::string& geometry = "");
    // Sets the OCR confidence of every paragraph of the cell at (row, col).
    LayoutBuilder& confidence(int row, int col, double value);

    // Fills every grid position not covered by a cell with an empty cell (readers do so).
    layout::Document build() const;
    int current_table() const { return static_cast<int>(m_doc.tables.size()) - 1; }

private:
    layout::Table& cur();
    layout::Cell& cell_ref(int row, int col);
    layout::Document m_doc;
};

} // namespace sopaudit::test
