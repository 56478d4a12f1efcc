// The layout model through common/wire.hpp's encoding: what goes in comes back, and input that
// was not written by put() is refused instead of read out of bounds.
#include "layout/layout_wire.hpp"

#include <gtest/gtest.h>

namespace sopaudit::layout {
namespace {

using common::wire::get_all;
using common::wire::put_all;

Table merged_table() {
    Table t;
    t.index = 2;
    t.parent_table = -1;
    t.n_rows = 3;
    t.n_cols = 4;
    t.col_widths = {100.5, 200, 50, 50};
    t.header_rows = {true, true, false};
    Cell c;
    c.row = 0;
    c.col = 1;
    c.row_span = 2;
    c.col_span = 3;
    Paragraph p;
    p.text = "Pelaksana\nKabag";
    p.style = "Heading";
    p.num_id = 4;
    p.bold = true;
    p.confidence = 0.75;
    p.where.bbox = BBox{1, 2, 3, 4};
    c.paragraphs = {p};
    Shape s;
    s.geometry = "flowChartDecision";
    s.shape_class = ShapeClass::line;
    s.width_emu = 914400;
    c.shapes = {s};
    c.nested_tables = {5};
    c.shaded = true;
    c.where.page = 2;
    t.cells = {c};
    return t;
}

TEST(LayoutWire, TablesComeBackWithMergedCellsParagraphsAndShapes) {
    common::wire::Writer w;
    put_all(w, std::vector<Table>{merged_table(), Table{}});
    common::wire::Reader r(w.out);
    std::vector<Table> back;
    get_all(r, back);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.at_end());
    ASSERT_EQ(back.size(), 2u);
    const Table& t = back[0];
    EXPECT_EQ(t.n_cols, 4);
    EXPECT_EQ(t.col_widths, (std::vector<double>{100.5, 200, 50, 50}));
    EXPECT_EQ(t.header_rows, (std::vector<bool>{true, true, false}));
    ASSERT_EQ(t.cells.size(), 1u);
    const Cell& c = t.cells[0];
    EXPECT_EQ(c.row_span, 2);
    EXPECT_EQ(c.col_span, 3);
    EXPECT_EQ(c.text(), "Pelaksana\nKabag");
    EXPECT_EQ(c.paragraphs[0].num_id, 4);
    EXPECT_DOUBLE_EQ(c.paragraphs[0].where.bbox->y1, 4);
    EXPECT_EQ(c.shapes[0].shape_class, ShapeClass::line);
    EXPECT_EQ(c.shapes[0].width_emu, 914400);
    EXPECT_EQ(c.nested_tables, std::vector<int>{5});
    EXPECT_TRUE(c.shaded);
    EXPECT_EQ(c.where.page, 2);
}

TEST(LayoutWire, ProblemsAndPagesComeBack) {
    Problem problem{ProblemKind::low_confidence, "halaman 2", 2};
    Page page;
    page.number = 2;
    page.method = "ocr";
    page.rotation = 270;
    common::wire::Writer w;
    put(w, problem);
    put(w, page);
    common::wire::Reader r(w.out);
    Problem p;
    Page back;
    get(r, p);
    get(r, back);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(p.kind, ProblemKind::low_confidence);
    EXPECT_EQ(p.detail, "halaman 2");
    EXPECT_EQ(back.rotation, 270);
    EXPECT_EQ(back.method, "ocr");
}

TEST(LayoutWire, ForgedCountsAndShortInputAreRefused) {
    common::wire::Writer w;
    w.count(1'000'000'000); // a billion tables in a few bytes
    common::wire::Reader forged(w.out);
    std::vector<Table> tables;
    get_all(forged, tables);
    EXPECT_FALSE(forged.ok());
    EXPECT_TRUE(tables.empty());

    common::wire::Writer whole;
    put(whole, merged_table());
    common::wire::Reader cut(std::string_view(whole.out).substr(0, whole.out.size() / 2));
    Table t;
    get(cut, t);
    EXPECT_FALSE(cut.ok());
}

} // namespace
} // namespace sopaudit::layout
