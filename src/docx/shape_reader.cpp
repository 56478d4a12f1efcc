#include "docx/shape_reader.hpp"

#include "docx/ooxml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace sopaudit::docx {

using layout::Shape;
using layout::ShapeClass;
using ooxml::attr;
using ooxml::child;
using ooxml::is;
using ooxml::Ns;

// x_emu = sx * x_child + dx (same for y): maps a group's child coordinates to EMU relative to
// the reference the outermost anchor is positioned from.
struct ShapeReader::Affine {
    double sx = 1, dx = 0, sy = 1, dy = 0;
    std::int64_t x(double c) const { return std::llround(sx * c + dx); }
    std::int64_t y(double c) const { return std::llround(sy * c + dy); }
    std::int64_t w(double c) const { return std::llround(std::abs(sx) * c); }
    std::int64_t h(double c) const { return std::llround(std::abs(sy) * c); }
};

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::int64_t int_attr(const xmlNode* node, const char* name, std::int64_t fallback = 0) {
    const auto value = attr(node, Ns::other, name);
    if (!value) {
        return fallback;
    }
    return ooxml::to_int(*value).value_or(fallback);
}

bool truthy(const std::optional<std::string>& v) {
    return v && (*v == "1" || *v == "true" || *v == "t" || *v == "on");
}

bool falsy(const std::optional<std::string>& v) {
    return v && (*v == "0" || *v == "false" || *v == "f" || *v == "off");
}

// Horizontal (or vertical) placement from wp:positionH / wp:positionV.
void read_position(const xmlNode* position, std::string& relative_from, std::int64_t& offset,
                   std::int64_t size, std::int64_t column_width, bool horizontal) {
    if (position == nullptr) {
        return;
    }
    relative_from = attr(position, Ns::other, "relativeFrom").value_or("");
    if (const xmlNode* off = child(position, Ns::wp, "posOffset")) {
        offset = ooxml::to_int(ooxml::text_of(off)).value_or(0);
        return;
    }
    const xmlNode* align = child(position, Ns::wp, "align");
    if (align == nullptr) {
        return;
    }
    const std::string how = ooxml::text_of(align);
    // Only a column's width is known here; other references keep offset 0 (their left edge).
    if (horizontal && column_width > 0 && (relative_from == "column" || relative_from.empty())) {
        if (how == "center") {
            offset = std::max<std::int64_t>(0, (column_width - size) / 2);
        } else if (how == "right" || how == "outside") {
            offset = std::max<std::int64_t>(0, column_width - size);
        }
    }
}

bool has_no_fill(const xmlNode* sp_pr) {
    return child(sp_pr, Ns::a, "noFill") != nullptr;
}

bool has_no_line(const xmlNode* sp_pr) {
    const xmlNode* ln = child(sp_pr, Ns::a, "ln");
    return ln != nullptr && child(ln, Ns::a, "noFill") != nullptr;
}

std::string vml_relative(std::string_view mso) {
    if (mso.empty() || mso == "text") {
        return "column";
    }
    if (mso == "char") {
        return "character";
    }
    return std::string(mso);
}

struct CssStyle {
    std::map<std::string, std::string, std::less<>> props;
    std::string get(std::string_view key) const {
        auto it = props.find(key);
        return it == props.end() ? std::string() : it->second;
    }
};

std::string trim_copy(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

CssStyle parse_style(const std::string& style) {
    CssStyle css;
    std::size_t start = 0;
    while (start <= style.size()) {
        std::size_t end = style.find(';', start);
        if (end == std::string::npos) {
            end = style.size();
        }
        const std::string_view item(style.data() + start, end - start);
        const std::size_t colon = item.find(':');
        if (colon != std::string_view::npos) {
            css.props[trim_copy(item.substr(0, colon))] = trim_copy(item.substr(colon + 1));
        }
        start = end + 1;
    }
    return css;
}

double parse_number(std::string_view s, std::size_t& used) {
    // std::from_chars for double is in GCC 11+; the number format here is simple anyway.
    std::string buffer(s.substr(0, std::min<std::size_t>(s.size(), 32)));
    char* end = nullptr;
    const double value = std::strtod(buffer.c_str(), &end);
    used = static_cast<std::size_t>(end - buffer.c_str());
    return value;
}

// "x,y" pairs of VML (coordsize, coordorigin, from, to).
std::pair<double, double> parse_pair(const std::string& s, double bare_unit, bool lengths) {
    const std::size_t comma = s.find(',');
    const std::string first = trim_copy(s.substr(0, comma));
    const std::string second = comma == std::string::npos ? "" : trim_copy(s.substr(comma + 1));
    if (lengths) {
        return {static_cast<double>(css_length_emu(first, bare_unit)),
                static_cast<double>(css_length_emu(second, bare_unit))};
    }
    std::size_t used = 0;
    return {first.empty() ? 0.0 : parse_number(first, used),
            second.empty() ? 0.0 : parse_number(second, used)};
}

int spt_from_type_ref(std::string_view type) {
    // Word's built-in shape types are named "_x0000_t<spt>".
    if (!type.empty() && type.front() == '#') {
        type.remove_prefix(1);
    }
    const std::string_view prefix = "_x0000_t";
    if (!starts_with(type, prefix)) {
        return -1;
    }
    type.remove_prefix(prefix.size());
    int spt = -1;
    const auto [ptr, ec] = std::from_chars(type.data(), type.data() + type.size(), spt);
    if (ec != std::errc() || ptr != type.data() + type.size()) {
        return -1;
    }
    return spt;
}

} // namespace

ShapeClass classify_preset(std::string_view prst) {
    if (prst == "flowChartTerminator" || prst == "roundRect" ||
        prst == "flowChartAlternateProcess") {
        return ShapeClass::terminator;
    }
    if (prst == "flowChartProcess" || prst == "rect") {
        return ShapeClass::process;
    }
    if (prst == "flowChartDecision" || prst == "diamond") {
        return ShapeClass::decision;
    }
    if (prst == "flowChartOffpageConnector" || prst == "homePlate" || prst == "pentagon") {
        return ShapeClass::connector;
    }
    if (prst == "line" || prst == "lineInv" || ends_with(prst, "Connector1") ||
        starts_with(prst, "bentConnector") || starts_with(prst, "curvedConnector") ||
        ends_with(prst, "Arrow") || prst == "arc") {
        // Block arrows ("rightArrow", "downArrow", "bentArrow", "uturnArrow" ...) join symbols
        // as the thin ones do; callouts ("...ArrowCallout") are not arrows.
        return ShapeClass::line;
    }
    if (prst.empty()) {
        return ShapeClass::unknown;
    }
    return ShapeClass::other;
}

ShapeClass classify_vml_spt(int spt) {
    switch (spt) {
    case 2:
    case 116:
    case 176:
        return ShapeClass::terminator;
    case 1:
    case 109:
        return ShapeClass::process;
    case 4:
    case 110:
        return ShapeClass::decision;
    case 15:
    case 56:
    case 177:
        return ShapeClass::connector;
    case 19: // arc
    case 20: // line
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
    case 37:
    case 38:
    case 39:
    case 40:
    case 13: // arrow
    case 66: // left arrow
    case 67: // down arrow
    case 68: // up arrow
    case 69: // left-right arrow
    case 70: // up-down arrow
        return ShapeClass::line;
    case 75:  // picture frame
    case 202: // text box
    case 0:   // not a primitive: a freeform, judged by its fill elsewhere
    case -1:
        return ShapeClass::unknown;
    default:
        return ShapeClass::other;
    }
}

std::int64_t css_length_emu(std::string_view value, double bare_unit_emu) {
    std::string v = trim_copy(value);
    if (v.empty()) {
        return 0;
    }
    std::size_t used = 0;
    const double number = parse_number(v, used);
    const std::string unit = trim_copy(std::string_view(v).substr(used));
    double emu_per_unit = bare_unit_emu;
    if (unit == "pt") {
        emu_per_unit = emu_per_pt;
    } else if (unit == "in") {
        emu_per_unit = 914400;
    } else if (unit == "cm") {
        emu_per_unit = 360000;
    } else if (unit == "mm") {
        emu_per_unit = 36000;
    } else if (unit == "px") {
        emu_per_unit = 9525;
    } else if (unit == "pc") {
        emu_per_unit = 12 * emu_per_pt;
    } else if (unit == "emu") {
        emu_per_unit = 1;
    }
    return std::llround(number * emu_per_unit);
}

std::string ShapeReader::text_box_text(const xmlNode* txbx_content) const {
    if (txbx_content == nullptr || !text_box_reader_) {
        return {};
    }
    return text_box_reader_(txbx_content);
}

void ShapeReader::read_drawing(const xmlNode* drawing, const ShapeAnchor& anchor,
                               std::vector<Shape>& out) {
    for (const xmlNode* frame = drawing->children; frame != nullptr; frame = frame->next) {
        const bool inline_frame = is(frame, Ns::wp, "inline");
        if (!inline_frame && !is(frame, Ns::wp, "anchor")) {
            continue;
        }
        Shape base;
        base.floating = !inline_frame;
        base.where = anchor.where;
        if (const xmlNode* extent = child(frame, Ns::wp, "extent")) {
            base.width_emu = int_attr(extent, "cx");
            base.height_emu = int_attr(extent, "cy");
        }
        if (!inline_frame) {
            std::string v_relative;
            read_position(child(frame, Ns::wp, "positionH"), base.h_relative_from,
                          base.h_offset_emu, base.width_emu, anchor.column_width_emu, true);
            read_position(child(frame, Ns::wp, "positionV"), v_relative, base.v_offset_emu,
                          base.height_emu, 0, false);
        }
        const xmlNode* graphic_data = child(child(frame, Ns::a, "graphic"), Ns::a, "graphicData");
        if (graphic_data == nullptr) {
            continue;
        }
        for (const xmlNode* object = graphic_data->children; object != nullptr;
             object = object->next) {
            read_dml_object(object, base, nullptr, out);
        }
    }
}

void ShapeReader::read_dml_object(const xmlNode* node, const Shape& base, const Affine* group,
                                  std::vector<Shape>& out) {
    if (node->type != XML_ELEMENT_NODE) {
        return;
    }
    const bool is_group =
        is(node, Ns::wpg, "wgp") || is(node, Ns::wpg, "grpSp") || is(node, Ns::wpc, "wpc");
    if (is_group) {
        // A group maps its children's coordinates (chOff/chExt) onto its own box (off/ext).
        const bool canvas = is(node, Ns::wpc, "wpc");
        const xmlNode* sp_pr = child(node, Ns::wpg, "grpSpPr");
        const xmlNode* xfrm = child(sp_pr, Ns::a, "xfrm");
        double ox = 0, oy = 0, ex = 1, ey = 1, cx = 0, cy = 0, cex = 1, cey = 1;
        bool have_xfrm = false;
        if (xfrm != nullptr) {
            if (const xmlNode* off = child(xfrm, Ns::a, "off")) {
                ox = static_cast<double>(int_attr(off, "x"));
                oy = static_cast<double>(int_attr(off, "y"));
            }
            if (const xmlNode* ext = child(xfrm, Ns::a, "ext")) {
                ex = static_cast<double>(int_attr(ext, "cx"));
                ey = static_cast<double>(int_attr(ext, "cy"));
                have_xfrm = true;
            }
            if (const xmlNode* ch_off = child(xfrm, Ns::a, "chOff")) {
                cx = static_cast<double>(int_attr(ch_off, "x"));
                cy = static_cast<double>(int_attr(ch_off, "y"));
            }
            if (const xmlNode* ch_ext = child(xfrm, Ns::a, "chExt")) {
                cex = static_cast<double>(int_attr(ch_ext, "cx"));
                cey = static_cast<double>(int_attr(ch_ext, "cy"));
            } else {
                cex = ex;
                cey = ey;
            }
        }
        const double scale_x = (have_xfrm && cex > 0) ? ex / cex : 1.0;
        const double scale_y = (have_xfrm && cey > 0) ? ey / cey : 1.0;
        Affine inner;
        if (group == nullptr) {
            // The outermost group's box is where the anchor places it.
            inner.sx = scale_x;
            inner.dx = static_cast<double>(base.h_offset_emu) - cx * scale_x;
            inner.sy = scale_y;
            inner.dy = static_cast<double>(base.v_offset_emu) - cy * scale_y;
            if (canvas) {
                inner = Affine{1, static_cast<double>(base.h_offset_emu), 1,
                               static_cast<double>(base.v_offset_emu)};
            }
        } else {
            inner.sx = group->sx * scale_x;
            inner.dx = group->sx * (ox - cx * scale_x) + group->dx;
            inner.sy = group->sy * scale_y;
            inner.dy = group->sy * (oy - cy * scale_y) + group->dy;
        }
        for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
            read_dml_object(c, base, &inner, out);
        }
        return;
    }

    const bool shape = is(node, Ns::wps, "wsp");
    const bool picture = is(node, Ns::pic, "pic");
    if (!shape && !picture) {
        return;
    }
    Shape s = base;
    const xmlNode* sp_pr = shape ? child(node, Ns::wps, "spPr") : child(node, Ns::pic, "spPr");
    if (group != nullptr) {
        if (const xmlNode* xfrm = child(sp_pr, Ns::a, "xfrm")) {
            const xmlNode* off = child(xfrm, Ns::a, "off");
            const xmlNode* ext = child(xfrm, Ns::a, "ext");
            s.h_offset_emu = group->x(static_cast<double>(int_attr(off, "x")));
            s.v_offset_emu = group->y(static_cast<double>(int_attr(off, "y")));
            s.width_emu = group->w(static_cast<double>(int_attr(ext, "cx")));
            s.height_emu = group->h(static_cast<double>(int_attr(ext, "cy")));
        }
    }
    if (picture) {
        s.geometry = "picture";
        s.shape_class = ShapeClass::unknown;
        out.push_back(std::move(s));
        return;
    }
    if (const xmlNode* prst = child(sp_pr, Ns::a, "prstGeom")) {
        s.geometry = attr(prst, Ns::other, "prst").value_or("");
        s.shape_class = classify_preset(s.geometry);
    } else if (child(sp_pr, Ns::a, "custGeom") != nullptr) {
        s.geometry = "custGeom";
        const bool degenerate = s.width_emu == 0 || s.height_emu == 0;
        s.shape_class = (has_no_fill(sp_pr) || degenerate) ? ShapeClass::line : ShapeClass::other;
    } else {
        s.shape_class = ShapeClass::unknown;
    }
    if (child(node, Ns::wps, "cNvCnPr") != nullptr) {
        s.shape_class = ShapeClass::line;
    }
    const bool text_box = truthy(attr(child(node, Ns::wps, "cNvSpPr"), Ns::other, "txBox"));
    if (const xmlNode* txbx = child(node, Ns::wps, "txbx")) {
        s.text = text_box_text(child(txbx, Ns::w, "txbxContent"));
    }
    if (s.shape_class != ShapeClass::line &&
        (text_box || (has_no_fill(sp_pr) && has_no_line(sp_pr)))) {
        // A text box (or an invisible frame) is text placed freely, not a symbol.
        s.geometry = s.geometry.empty() ? "textBox" : s.geometry + ":textBox";
        s.shape_class = ShapeClass::unknown;
    }
    out.push_back(std::move(s));
}

void ShapeReader::read_vml(const xmlNode* pict, const ShapeAnchor& anchor,
                           std::vector<Shape>& out) {
    for (const xmlNode* c = pict->children; c != nullptr; c = c->next) {
        read_vml_element(c, anchor, nullptr, out);
    }
}

void ShapeReader::read_vml_element(const xmlNode* node, const ShapeAnchor& anchor,
                                   const Affine* group, std::vector<Shape>& out) {
    if (node->type != XML_ELEMENT_NODE || ooxml::ns_of(node) != Ns::v) {
        return;
    }
    const std::string_view name = ooxml::local_name(node);
    if (name == "shapetype") {
        const auto id = attr(node, Ns::other, "id");
        const auto spt = attr(node, Ns::o, "spt");
        if (id && spt) {
            vml_types_[*id] = static_cast<int>(ooxml::to_int(*spt).value_or(0));
        }
        return;
    }
    const CssStyle css = parse_style(attr(node, Ns::other, "style").value_or(""));
    // Inside a group, bare numbers are group units mapped by the group's affine; outside, CSS
    // lengths with units (bare = px).
    auto length = [&](const std::string& key) -> double {
        const std::string value = css.get(key);
        if (group != nullptr) {
            std::size_t used = 0;
            const std::string v = trim_copy(value);
            if (v.empty()) {
                return 0;
            }
            const double number = parse_number(v, used);
            if (used == v.size()) {
                return number; // group units
            }
            return static_cast<double>(css_length_emu(v)); // already EMU: rare, keep it
        }
        return static_cast<double>(css_length_emu(value));
    };
    const double left = length("margin-left") + length("left");
    const double top = length("margin-top") + length("top");
    const double width = length("width");
    const double height = length("height");

    Shape s;
    s.where = anchor.where;
    s.floating = group != nullptr || css.get("position") == "absolute";
    if (group != nullptr) {
        s.h_offset_emu = group->x(left);
        s.v_offset_emu = group->y(top);
        s.width_emu = group->w(width);
        s.height_emu = group->h(height);
    } else {
        s.h_offset_emu = std::llround(left);
        s.v_offset_emu = std::llround(top);
        s.width_emu = std::llround(width);
        s.height_emu = std::llround(height);
    }
    if (s.floating) {
        s.h_relative_from = vml_relative(css.get("mso-position-horizontal-relative"));
        const std::string align = css.get("mso-position-horizontal");
        if (group == nullptr && anchor.column_width_emu > 0 && s.h_relative_from == "column") {
            if (align == "center") {
                s.h_offset_emu =
                    std::max<std::int64_t>(0, (anchor.column_width_emu - s.width_emu) / 2);
            } else if (align == "right") {
                s.h_offset_emu = std::max<std::int64_t>(0, anchor.column_width_emu - s.width_emu);
            }
        }
    }

    if (name == "group") {
        // coordsize/coordorigin define the children's units inside the group's box.
        auto [csx, csy] =
            parse_pair(attr(node, Ns::other, "coordsize").value_or("1000,1000"), 1, false);
        auto [cox, coy] =
            parse_pair(attr(node, Ns::other, "coordorigin").value_or("0,0"), 1, false);
        if (csx <= 0) {
            csx = 1000;
        }
        if (csy <= 0) {
            csy = 1000;
        }
        Affine inner;
        const double box_w = static_cast<double>(s.width_emu);
        const double box_h = static_cast<double>(s.height_emu);
        inner.sx = box_w / csx;
        inner.dx = static_cast<double>(s.h_offset_emu) - cox * inner.sx;
        inner.sy = box_h / csy;
        inner.dy = static_cast<double>(s.v_offset_emu) - coy * inner.sy;
        if (group != nullptr) {
            // s's box is already in EMU; the inner affine is relative to the same reference.
        }
        ShapeAnchor inner_anchor = anchor;
        for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
            read_vml_element(c, inner_anchor, &inner, out);
        }
        return;
    }

    const auto filled = attr(node, Ns::other, "filled");
    const auto stroked = attr(node, Ns::other, "stroked");
    if (name == "line" || name == "polyline" || name == "curve" || name == "arc") {
        s.geometry = "v:" + std::string(name);
        s.shape_class = ShapeClass::line;
        if (name == "line") {
            const double bare = group != nullptr ? 1.0 : 9525.0;
            auto [x1, y1] =
                parse_pair(attr(node, Ns::other, "from").value_or("0,0"), bare, group == nullptr);
            auto [x2, y2] =
                parse_pair(attr(node, Ns::other, "to").value_or("0,0"), bare, group == nullptr);
            if (group != nullptr) {
                s.h_offset_emu = group->x(std::min(x1, x2));
                s.v_offset_emu = group->y(std::min(y1, y2));
                s.width_emu = group->w(std::abs(x2 - x1));
                s.height_emu = group->h(std::abs(y2 - y1));
            } else {
                s.h_offset_emu += std::llround(std::min(x1, x2));
                s.v_offset_emu += std::llround(std::min(y1, y2));
                s.width_emu = std::llround(std::abs(x2 - x1));
                s.height_emu = std::llround(std::abs(y2 - y1));
            }
        }
    } else if (name == "rect") {
        s.geometry = "v:rect";
        s.shape_class = ShapeClass::process;
    } else if (name == "roundrect") {
        s.geometry = "v:roundrect";
        s.shape_class = ShapeClass::terminator;
    } else if (name == "oval") {
        s.geometry = "v:oval";
        s.shape_class = ShapeClass::other;
    } else if (name == "image") {
        s.geometry = "picture";
        s.shape_class = ShapeClass::unknown;
    } else if (name == "shape") {
        int spt = -1;
        if (const auto o_spt = attr(node, Ns::o, "spt")) {
            spt = static_cast<int>(ooxml::to_int(*o_spt).value_or(-1));
        }
        if (const auto type = attr(node, Ns::other, "type"); type && spt < 0) {
            std::string ref = *type;
            if (!ref.empty() && ref.front() == '#') {
                ref.erase(0, 1);
            }
            if (auto it = vml_types_.find(ref); it != vml_types_.end()) {
                spt = it->second;
            } else {
                spt = spt_from_type_ref(ref);
            }
        }
        s.geometry = spt >= 0 ? "v:shape#" + std::to_string(spt) : "v:shape";
        s.shape_class = classify_vml_spt(spt);
        if (spt <= 0 && attr(node, Ns::other, "path")) {
            // A freeform: open (unfilled) paths are drawn lines.
            s.shape_class = falsy(filled) ? ShapeClass::line : ShapeClass::other;
        }
        if (child(node, Ns::v, "imagedata") != nullptr) {
            s.geometry = "picture";
            s.shape_class = ShapeClass::unknown;
        }
    } else {
        return; // fill, stroke, textbox, path ... are parts of a shape, not shapes
    }
    if (const xmlNode* textbox = child(node, Ns::v, "textbox")) {
        s.text = text_box_text(child(textbox, Ns::w, "txbxContent"));
    }
    if (s.shape_class != ShapeClass::line && s.shape_class != ShapeClass::unknown &&
        falsy(filled) && falsy(stroked)) {
        s.geometry += ":textBox";
        s.shape_class = ShapeClass::unknown;
    }
    out.push_back(std::move(s));
}

} // namespace sopaudit::docx
