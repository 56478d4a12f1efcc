#include "docx/docx_builder.hpp"
#include "docx/docx_reader.hpp"
#include "docx/shape_reader.hpp"

#include <gtest/gtest.h>

namespace sopaudit::docx {
namespace {

using layout::ShapeClass;
using namespace testing;

// A one-row procedure-like table: 4 columns of 1000 twips, content in column `col`.
std::string one_row_table(int col, const std::string& runs) {
    std::string cells;
    for (int c = 0; c < 4; ++c) {
        cells += c == col ? cell("<w:p>" + runs + "</w:p>") : text_cell("");
    }
    return table({1000, 1000, 1000, 1000}, row(cells));
}

TEST(ShapeClassification, DrawingMlPresets) {
    EXPECT_EQ(classify_preset("flowChartTerminator"), ShapeClass::terminator);
    EXPECT_EQ(classify_preset("roundRect"), ShapeClass::terminator);
    EXPECT_EQ(classify_preset("flowChartAlternateProcess"), ShapeClass::terminator);
    EXPECT_EQ(classify_preset("flowChartProcess"), ShapeClass::process);
    EXPECT_EQ(classify_preset("rect"), ShapeClass::process);
    EXPECT_EQ(classify_preset("flowChartDecision"), ShapeClass::decision);
    EXPECT_EQ(classify_preset("diamond"), ShapeClass::decision);
    EXPECT_EQ(classify_preset("flowChartOffpageConnector"), ShapeClass::connector);
    EXPECT_EQ(classify_preset("homePlate"), ShapeClass::connector);
    EXPECT_EQ(classify_preset("straightConnector1"), ShapeClass::line);
    EXPECT_EQ(classify_preset("bentConnector3"), ShapeClass::line);
    EXPECT_EQ(classify_preset("curvedConnector2"), ShapeClass::line);
    EXPECT_EQ(classify_preset("line"), ShapeClass::line);
    EXPECT_EQ(classify_preset("downArrow"), ShapeClass::line);
    EXPECT_EQ(classify_preset("ellipse"), ShapeClass::other);
    EXPECT_EQ(classify_preset("flowChartDocument"), ShapeClass::other);
    EXPECT_EQ(classify_preset("can"), ShapeClass::other);
    EXPECT_EQ(classify_preset("flowChartConnector"), ShapeClass::other);
    EXPECT_EQ(classify_preset("wedgeRectCallout"), ShapeClass::other);
}

TEST(ShapeClassification, VmlShapeTypes) {
    EXPECT_EQ(classify_vml_spt(116), ShapeClass::terminator);
    EXPECT_EQ(classify_vml_spt(176), ShapeClass::terminator);
    EXPECT_EQ(classify_vml_spt(109), ShapeClass::process);
    EXPECT_EQ(classify_vml_spt(110), ShapeClass::decision);
    EXPECT_EQ(classify_vml_spt(4), ShapeClass::decision);
    EXPECT_EQ(classify_vml_spt(177), ShapeClass::connector);
    EXPECT_EQ(classify_vml_spt(32), ShapeClass::line);
    EXPECT_EQ(classify_vml_spt(34), ShapeClass::line);
    EXPECT_EQ(classify_vml_spt(114), ShapeClass::other);
    EXPECT_EQ(classify_vml_spt(132), ShapeClass::other);
    EXPECT_EQ(classify_vml_spt(202), ShapeClass::unknown);
}

TEST(ShapeClassification, CssLengths) {
    EXPECT_EQ(css_length_emu("3.5pt"), 3.5 * 12700);
    EXPECT_EQ(css_length_emu("1in"), 914400);
    EXPECT_EQ(css_length_emu("1cm"), 360000);
    EXPECT_EQ(css_length_emu("10mm"), 360000);
    EXPECT_EQ(css_length_emu("2px"), 19050);
    EXPECT_EQ(css_length_emu("-6pt"), -76200);
    EXPECT_EQ(css_length_emu(""), 0);
}

TEST(ShapeReader, AnchoredShapeKeepsItsCellAndOffset) {
    const auto doc = read_body(one_row_table(1, dml_anchor("flowChartDecision", 700000, 500000)));
    ASSERT_EQ(doc.tables.size(), 1u);
    const auto* c = doc.tables[0].cell_at(0, 1);
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(c->shapes.size(), 1u) << "mc:Fallback must not count twice";
    const auto& s = c->shapes[0];
    EXPECT_EQ(s.shape_class, ShapeClass::decision);
    EXPECT_EQ(s.geometry, "flowChartDecision");
    EXPECT_TRUE(s.floating);
    EXPECT_EQ(s.h_relative_from, "column");
    // Anchored in column 1 but drawn 700000 EMU (~1102 twips) to the right: in column 2.
    EXPECT_EQ(s.h_offset_emu, 700000);
    EXPECT_EQ(s.v_offset_emu, 12700);
    EXPECT_EQ(s.width_emu, 500000);
    EXPECT_EQ(s.height_emu, 254000);
    EXPECT_EQ(s.where.table, 0);
    EXPECT_EQ(s.where.row, 0);
    EXPECT_EQ(s.where.col, 1);
    EXPECT_EQ(s.where.page, 1);
}

TEST(ShapeReader, InlineShapeAndTextBoxText) {
    const std::string inline_shape =
        "<w:r><w:drawing><wp:inline><wp:extent cx=\"600000\" cy=\"200000\"/><a:graphic>"
        "<a:graphicData uri=\"x\"><wps:wsp><wps:cNvSpPr/><wps:spPr><a:prstGeom "
        "prst=\"flowChartTerminator\"/></wps:spPr><wps:txbx><w:txbxContent>" +
        para("Mulai") +
        "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r>";
    const auto doc = read_body(one_row_table(2, inline_shape));
    const auto* c = doc.tables[0].cell_at(0, 2);
    ASSERT_EQ(c->shapes.size(), 1u);
    EXPECT_FALSE(c->shapes[0].floating);
    EXPECT_EQ(c->shapes[0].shape_class, ShapeClass::terminator);
    EXPECT_EQ(c->shapes[0].text, "Mulai");
    EXPECT_EQ(c->shapes[0].width_emu, 600000);
    // The paragraph that anchors a text box carries its text as well.
    EXPECT_EQ(c->text(), "Mulai");
}

TEST(ShapeReader, TextBoxesAndConnectorsAreNotSymbols) {
    const std::string runs =
        dml_anchor("rect", 0, 300000, false, "Ya", "<wps:cNvSpPr txBox=\"1\"/>") +
        dml_anchor("rect", 0, 300000, false, "", "<wps:cNvCnPr/>");
    const auto doc = read_body(one_row_table(0, runs));
    const auto& shapes = doc.tables[0].cell_at(0, 0)->shapes;
    ASSERT_EQ(shapes.size(), 2u);
    EXPECT_EQ(shapes[0].shape_class, ShapeClass::unknown);
    EXPECT_EQ(shapes[0].text, "Ya");
    EXPECT_EQ(shapes[1].shape_class, ShapeClass::line);
}

TEST(ShapeReader, GroupChildrenAreReadWithTheirPositions) {
    // Group box 2000000 wide drawn at 100000; child coordinates 0..1000 map onto it.
    const std::string group =
        "<w:r><w:drawing><wp:anchor><wp:positionH relativeFrom=\"column\"><wp:posOffset>100000"
        "</wp:posOffset></wp:positionH><wp:extent cx=\"2000000\" cy=\"500000\"/><a:graphic>"
        "<a:graphicData uri=\"g\"><wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm>"
        "<a:off x=\"0\" y=\"0\"/><a:ext cx=\"2000000\" cy=\"500000\"/><a:chOff x=\"0\" y=\"0\"/>"
        "<a:chExt cx=\"1000\" cy=\"250\"/></a:xfrm></wpg:grpSpPr>"
        "<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"300\" "
        "cy=\"100\"/></a:xfrm><a:prstGeom prst=\"flowChartProcess\"/></wps:spPr><wps:bodyPr/>"
        "</wps:wsp>"
        "<wpg:grpSp><wpg:grpSpPr><a:xfrm><a:off x=\"500\" y=\"0\"/><a:ext cx=\"500\" cy=\"250\"/>"
        "<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"500\" cy=\"250\"/></a:xfrm></wpg:grpSpPr>"
        "<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"100\" y=\"0\"/><a:ext cx=\"200\" "
        "cy=\"100\"/></a:xfrm><a:prstGeom prst=\"diamond\"/></wps:spPr><wps:bodyPr/></wps:wsp>"
        "</wpg:grpSp></wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>";
    const auto doc = read_body("<w:p>" + group + "</w:p>");
    ASSERT_EQ(doc.shapes.size(), 2u); // outside any table
    EXPECT_EQ(doc.shapes[0].shape_class, ShapeClass::process);
    EXPECT_EQ(doc.shapes[0].h_offset_emu, 100000);
    EXPECT_EQ(doc.shapes[0].width_emu, 600000);
    EXPECT_EQ(doc.shapes[1].shape_class, ShapeClass::decision);
    EXPECT_EQ(doc.shapes[1].h_offset_emu, 100000 + 600 * 2000);
    EXPECT_EQ(doc.shapes[1].width_emu, 400000);
    EXPECT_TRUE(doc.shapes[1].floating);
    EXPECT_EQ(doc.shapes[1].where.table, -1);
}

TEST(ShapeReader, VmlShapesOfOlderFiles) {
    const std::string vml =
        "<w:r><w:pict><v:shapetype id=\"_x0000_t116\" o:spt=\"116\" coordsize=\"21600,21600\"/>"
        "<v:shape id=\"s1\" type=\"#_x0000_t116\" style=\"position:absolute;margin-left:54pt;"
        "margin-top:2pt;width:47pt;height:20pt;mso-position-horizontal-relative:text\">"
        "<v:textbox><w:txbxContent>" +
        para("Selesai") +
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        "<w:r><w:pict><v:shape type=\"#_x0000_t110\" style=\"position:absolute;width:40pt;"
        "height:30pt\"/></w:pict></w:r>"
        "<w:r><w:pict><v:rect style=\"position:absolute;margin-left:1cm;width:1in;height:20pt;"
        "mso-position-horizontal-relative:page\"/></w:pict></w:r>"
        "<w:r><w:pict><v:oval style=\"width:20pt;height:20pt\"/></w:pict></w:r>"
        "<w:r><w:pict><v:line from=\"10pt,5pt\" to=\"40pt,5pt\" style=\"position:absolute\"/>"
        "</w:pict></w:r>"
        "<w:r><w:pict><v:shape type=\"#_x0000_t177\" style=\"position:absolute;width:20pt;"
        "height:20pt\"/></w:pict></w:r>";
    const auto doc = read_body(one_row_table(3, vml));
    const auto& shapes = doc.tables[0].cell_at(0, 3)->shapes;
    ASSERT_EQ(shapes.size(), 6u);
    EXPECT_EQ(shapes[0].geometry, "v:shape#116");
    EXPECT_EQ(shapes[0].shape_class, ShapeClass::terminator);
    EXPECT_EQ(shapes[0].h_offset_emu, 54 * 12700);
    EXPECT_EQ(shapes[0].width_emu, 47 * 12700);
    EXPECT_EQ(shapes[0].h_relative_from, "column");
    EXPECT_TRUE(shapes[0].floating);
    EXPECT_EQ(shapes[0].text, "Selesai");
    EXPECT_EQ(shapes[0].where.col, 3);
    EXPECT_EQ(shapes[1].shape_class, ShapeClass::decision);
    EXPECT_EQ(shapes[2].shape_class, ShapeClass::process);
    EXPECT_EQ(shapes[2].h_relative_from, "page");
    EXPECT_EQ(shapes[2].h_offset_emu, 360000);
    EXPECT_EQ(shapes[2].width_emu, 914400);
    EXPECT_EQ(shapes[3].shape_class, ShapeClass::other);
    EXPECT_FALSE(shapes[3].floating);
    EXPECT_EQ(shapes[4].shape_class, ShapeClass::line);
    EXPECT_EQ(shapes[4].h_offset_emu, 10 * 12700);
    EXPECT_EQ(shapes[4].width_emu, 30 * 12700);
    EXPECT_EQ(shapes[5].shape_class, ShapeClass::connector);
}

TEST(ShapeReader, AlignedShapeIsCentredInItsColumn) {
    const std::string aligned =
        "<w:r><w:drawing><wp:anchor><wp:positionH relativeFrom=\"column\"><wp:align>center"
        "</wp:align></wp:positionH><wp:extent cx=\"235000\" cy=\"100000\"/><a:graphic>"
        "<a:graphicData uri=\"x\"><wps:wsp><wps:spPr><a:prstGeom prst=\"rect\"/></wps:spPr>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>";
    const auto doc = read_body(one_row_table(0, aligned));
    const auto& s = doc.tables[0].cell_at(0, 0)->shapes.at(0);
    EXPECT_EQ(s.h_offset_emu, (1000 * 635 - 235000) / 2);
}

TEST(ShapeReader, PicturesAreShapesOfUnknownClass) {
    const std::string picture =
        "<w:r><w:drawing><wp:inline><wp:extent cx=\"600000\" cy=\"700000\"/><a:graphic>"
        "<a:graphicData uri=\"p\"><pic:pic><pic:spPr><a:prstGeom prst=\"rect\"/></pic:spPr>"
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    const auto doc = read_body("<w:p>" + picture + "</w:p>");
    ASSERT_EQ(doc.shapes.size(), 1u);
    EXPECT_EQ(doc.shapes[0].geometry, "picture");
    EXPECT_EQ(doc.shapes[0].shape_class, ShapeClass::unknown);
}

} // namespace
} // namespace sopaudit::docx
