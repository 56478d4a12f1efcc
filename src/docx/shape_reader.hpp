#pragma once
// Drawn shapes of a Word document: DrawingML (w:drawing: wp:inline / wp:anchor holding wps:wsp,
// wpg:wgp groups, wpc:wpc canvases, pic:pic) and legacy VML (w:pict, w:object), classified into
// the flowchart symbol classes of the layout model.
//
// Symbol mapping (the SOP AP format has five symbols; only the geometry decides here):
//   terminator  flowChartTerminator, roundRect, flowChartAlternateProcess (a rounded rectangle:
//               the format has one rounded symbol, and Word users pick either), VML v:roundrect,
//               spt 2 / 116 / 176
//   process     flowChartProcess, rect, VML v:rect, spt 1 / 109
//   decision    flowChartDecision, diamond, spt 4 / 110
//   connector   flowChartOffpageConnector, homePlate, pentagon ("segi lima"), spt 15 / 56 / 177
//   line        line, straightConnector1, bent/curvedConnector*, block arrows, wps:cNvCnPr,
//               v:line / v:polyline / v:curve / v:arc, spt 20 / 32-40, open freeforms
//   other       every other closed geometry: ellipse, flowChartDocument, can, magnetic disk,
//               flowChartConnector (circle), predefined process, closed freeforms ...
//   unknown     pictures, text boxes (txBox="1", spt 202, or neither filled nor stroked):
//               they carry no symbol meaning by their geometry.

#include "layout/layout.hpp"

#include <cstdint>
#include <functional>
#include <libxml/tree.h>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::docx {

inline constexpr std::int64_t emu_per_pt = 12700;
inline constexpr std::int64_t emu_per_twip = 635;

// Where the paragraph that anchors the shapes sits.
struct ShapeAnchor {
    layout::Provenance where;
    // Width of the anchoring cell in EMU (0 outside a table): resolves wp:align relative to the
    // column.
    std::int64_t column_width_emu = 0;
};

// Reads the text of a w:txbxContent (paragraphs joined with '\n').
using TextBoxReader = std::function<std::string(const xmlNode* txbx_content)>;

class ShapeReader {
public:
    explicit ShapeReader(TextBoxReader text_box_reader)
        : text_box_reader_(std::move(text_box_reader)) {}

    // A w:drawing element.
    void read_drawing(const xmlNode* drawing, const ShapeAnchor& anchor,
                      std::vector<layout::Shape>& out);
    // A w:pict or w:object element (VML).
    void read_vml(const xmlNode* pict, const ShapeAnchor& anchor, std::vector<layout::Shape>& out);

private:
    struct Affine; // child coordinates -> EMU relative to the anchor's reference
    void read_dml_object(const xmlNode* node, const layout::Shape& base, const Affine* group,
                         std::vector<layout::Shape>& out);
    void read_vml_element(const xmlNode* node, const ShapeAnchor& anchor, const Affine* group,
                          std::vector<layout::Shape>& out);
    std::string text_box_text(const xmlNode* txbx_content) const;

    TextBoxReader text_box_reader_;
    std::map<std::string, int> vml_types_; // v:shapetype id -> o:spt, for the whole document
};

layout::ShapeClass classify_preset(std::string_view prst);
layout::ShapeClass classify_vml_spt(int spt);

// Parses a CSS length of VML ("3.5pt", "0.5in", "1cm", "12px", "100") into EMU; a bare number
// is taken as px, or as group units when unit_emu is given.
std::int64_t css_length_emu(std::string_view value, double bare_unit_emu = 9525.0);

} // namespace sopaudit::docx
