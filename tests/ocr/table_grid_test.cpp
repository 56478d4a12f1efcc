#include "ocr/page_prep.hpp"
#include "ocr/table_grid.hpp"

#include <gtest/gtest.h>

using namespace sopaudit::ocr;

namespace {

constexpr int kGridDpi = 200;

void hline(PIX* p, int x0, int x1, int y) {
    pixRenderLine(p, x0, y, x1, y, 3, L_SET_PIXELS);
}
void vline(PIX* p, int x, int y0, int y1) {
    pixRenderLine(p, x, y0, x, y1, 3, L_SET_PIXELS);
}

const GridCell* cell_at(const TableGrid& g, int r, int c) {
    for (const GridCell& cell : g.cells) {
        if (r >= cell.row && r < cell.row + cell.row_span && c >= cell.col &&
            c < cell.col + cell.col_span) {
            return &cell;
        }
    }
    return nullptr;
}

} // namespace

// A 5 x 4 table: the first column's cell merges rows 1-2 (a rule missing), the header's
// second cell spans columns 1-2, and a flowchart arrow runs down through three rows and then
// right through a column rule, with a process box drawn in a cell: none of them may cut a cell.
TEST(TableGrid, MergedCellsAndCrossingArrow) {
    PixPtr page(pixCreate(1400, 1100, 1));
    PIX* p = page.get();
    const int xs[] = {100, 400, 700, 1000, 1300};
    const int ys[] = {100, 250, 450, 650, 850, 1000};
    for (int y : {ys[0], ys[5]}) {
        hline(p, xs[0], xs[4], y);
    }
    for (int x : {xs[0], xs[4]}) {
        vline(p, x, ys[0], ys[5]);
    }
    vline(p, xs[1], ys[0], ys[5]);
    vline(p, xs[2], ys[1], ys[5]); // header cell spans columns 1-2
    vline(p, xs[3], ys[0], ys[5]);
    hline(p, xs[0], xs[4], ys[1]);
    hline(p, xs[1], xs[4], ys[2]); // column 0 merges rows 1 and 2
    hline(p, xs[0], xs[4], ys[3]);
    hline(p, xs[0], xs[4], ys[4]);
    // arrow: from row 1 down to row 4 in the middle of column 1, then right into column 2
    vline(p, 550, 300, 900);
    hline(p, 550, 850, 900);
    // a process symbol inside the cell (3, 2)
    pixRenderLine(p, 780, 700, 920, 700, 3, L_SET_PIXELS);
    pixRenderLine(p, 780, 780, 920, 780, 3, L_SET_PIXELS);
    pixRenderLine(p, 780, 700, 780, 780, 3, L_SET_PIXELS);
    pixRenderLine(p, 920, 700, 920, 780, 3, L_SET_PIXELS);

    TableAnalysis a = find_tables(p, kGridDpi);
    ASSERT_EQ(a.tables.size(), 1u);
    const TableGrid& g = a.tables[0];
    EXPECT_EQ(g.n_cols(), 4);
    EXPECT_EQ(g.n_rows(), 5);
    const GridCell* merged_rows = cell_at(g, 1, 0);
    ASSERT_NE(merged_rows, nullptr);
    EXPECT_EQ(merged_rows->row_span, 2);
    EXPECT_EQ(merged_rows->col_span, 1);
    const GridCell* merged_cols = cell_at(g, 0, 1);
    ASSERT_NE(merged_cols, nullptr);
    EXPECT_EQ(merged_cols->col_span, 2);
    EXPECT_EQ(merged_cols->row_span, 1);
    // the cells the arrow crosses are whole
    for (int r = 1; r < 5; ++r) {
        const GridCell* c = cell_at(g, r, 1);
        ASSERT_NE(c, nullptr);
        EXPECT_EQ(c->col_span, 1);
        EXPECT_EQ(c->row_span, 1);
    }
    // 4 x 5 elementary cells minus the two merges
    EXPECT_EQ(g.cells.size(), 18u);
    EXPECT_NEAR(g.box.x0, 100, 3);
    EXPECT_NEAR(g.box.y1, 1000, 3);
    // the rules mask holds the rules, not the arrow or the symbol
    l_uint32 v = 0;
    pixGetPixel(a.rules.get(), 700, 500, &v);
    EXPECT_EQ(v, 1u);
    pixGetPixel(a.rules.get(), 550, 600, &v);
    EXPECT_EQ(v, 0u);
    pixGetPixel(a.rules.get(), 850, 700, &v);
    EXPECT_EQ(v, 0u);
}

TEST(TableGrid, TwoTablesAndNoTable) {
    PixPtr page(pixCreate(1400, 1400, 1));
    PIX* p = page.get();
    for (int top : {100, 800}) {
        for (int k = 0; k < 4; ++k) {
            hline(p, 100, 1300, top + 100 * k);
        }
        for (int x : {100, 500, 1300}) {
            vline(p, x, top, top + 300);
        }
    }
    TableAnalysis a = find_tables(p, kGridDpi);
    ASSERT_EQ(a.tables.size(), 2u);
    EXPECT_LT(a.tables[0].box.y0, a.tables[1].box.y0);
    EXPECT_EQ(a.tables[1].n_rows(), 3);
    EXPECT_EQ(a.tables[1].n_cols(), 2);

    PixPtr blank(pixCreate(800, 600, 1));
    hline(blank.get(), 100, 700, 300); // an underline is not a table
    EXPECT_TRUE(find_tables(blank.get(), kGridDpi).tables.empty());
}

// A table printed in light grey hairlines beside black text blocks: Otsu's threshold keeps the
// text and drops the rules, and the faint ink brings them back for the grid.
TEST(TableGrid, FaintGreyRulesAreFoundThroughTheFaintInk) {
    PixPtr gray(pixCreate(1400, 1000, 8));
    pixSetAll(gray.get());
    const int xs[] = {100, 500, 900, 1300};
    const int ys[] = {100, 300, 500, 700, 900};
    for (int y : ys) {
        pixRenderLineArb(gray.get(), xs[0], y, xs[3], y, 2, 190, 190, 190);
    }
    for (int x : xs) {
        pixRenderLineArb(gray.get(), x, ys[0], x, ys[4], 2, 190, 190, 190);
    }
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 3; ++c) {
            BoxPtr text(boxCreate(xs[c] + 30, ys[r] + 60, 250, 60));
            pixSetInRectArbitrary(gray.get(), text.get(), 20);
        }
    }
    PixPtr binary = binarize(gray.get());
    const TableAnalysis otsu_only = find_tables(binary.get(), kGridDpi);
    EXPECT_TRUE(otsu_only.tables.empty() || otsu_only.tables[0].n_rows() < 4);
    PixPtr faint = faint_ink(gray.get(), binary.get());
    const TableAnalysis a = find_tables(binary.get(), kGridDpi, faint.get());
    ASSERT_EQ(a.tables.size(), 1u);
    EXPECT_EQ(a.tables[0].n_rows(), 4);
    EXPECT_EQ(a.tables[0].n_cols(), 3);
    // the rules mask holds ink of the binary only: here the rules are not in it at all
    l_int32 rule_pixels = 0;
    pixCountPixels(a.rules.get(), &rule_pixels, nullptr);
    EXPECT_EQ(rule_pixels, 0);
}
