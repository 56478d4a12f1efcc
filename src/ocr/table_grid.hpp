#pragma once
// Ruled tables on a prepared (deskewed, binary) page: long horizontal and vertical lines by
// morphology, then the cell grid with merged cells. A line counts as a table rule only when it
// spans most of the table or both its ends meet accepted rules, so flowchart symbols' edges
// and the arrows between them never cut a cell.

#include "ocr/pix.hpp"

#include <vector>

namespace sopaudit::ocr {

struct Segment {
    Rect box;
    bool horizontal = true;
    // centre line position (y for horizontal, x for vertical) and extent along the line
    int pos() const { return horizontal ? box.cy() : box.cx(); }
    int lo() const { return horizontal ? box.x0 : box.y0; }
    int hi() const { return horizontal ? box.x1 : box.y1; }
    int length() const { return hi() - lo(); }
};

struct GridCell {
    int row = 0, col = 0, row_span = 1, col_span = 1;
    Rect box; // between the rules' centre lines
};

struct TableGrid {
    Rect box;
    std::vector<int> xs;         // column boundaries, left to right (n_cols + 1)
    std::vector<int> ys;         // row boundaries, top to bottom (n_rows + 1)
    std::vector<GridCell> cells; // origin cells, row-major
    int n_rows() const { return static_cast<int>(ys.size()) - 1; }
    int n_cols() const { return static_cast<int>(xs.size()) - 1; }
};

struct TableAnalysis {
    std::vector<TableGrid> tables; // top to bottom
    PixPtr rules;                  // 1 bpp: the ink of the accepted rules (to erase before OCR)
};

// Line segments of one direction (exposed for tests and the dump tool). With strokes, also
// the pixels that belong to long straight runs (the lines themselves, not the glyphs touching
// them).
std::vector<Segment> find_segments(PIX* binary, int dpi, bool horizontal,
                                   PixPtr* strokes = nullptr);

// line_ink: where to look for the rules (PreparedPage::faint), binary when null. The rules
// mask holds only pixels of binary.
TableAnalysis find_tables(PIX* binary, int dpi, PIX* line_ink = nullptr);

} // namespace sopaudit::ocr
