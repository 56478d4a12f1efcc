#include "layout/layout_wire.hpp"

namespace sopaudit::layout {

using common::wire::get_all;
using common::wire::put_all;
using common::wire::Reader;
using common::wire::Writer;

void put(Writer& w, const Provenance& p) {
    w.i64(p.page);
    w.i64(p.table);
    w.i64(p.row);
    w.i64(p.col);
    w.flag(p.bbox.has_value());
    if (p.bbox) {
        w.f64(p.bbox->x0);
        w.f64(p.bbox->y0);
        w.f64(p.bbox->x1);
        w.f64(p.bbox->y1);
    }
}
void get(Reader& r, Provenance& p) {
    p.page = r.i32();
    p.table = r.i32();
    p.row = r.i32();
    p.col = r.i32();
    if (r.flag()) {
        BBox b;
        b.x0 = r.f64();
        b.y0 = r.f64();
        b.x1 = r.f64();
        b.y1 = r.f64();
        p.bbox = b;
    }
}

void put(Writer& w, const Shape& s) {
    w.str(s.geometry);
    w.i64(static_cast<int>(s.shape_class));
    w.str(s.text);
    w.flag(s.floating);
    w.str(s.h_relative_from);
    w.i64(s.h_offset_emu);
    w.i64(s.v_offset_emu);
    w.i64(s.width_emu);
    w.i64(s.height_emu);
    put(w, s.where);
    w.f64(s.confidence);
}
void get(Reader& r, Shape& s) {
    s.geometry = r.str();
    auto c = r.i64();
    if (c < 0 || c > static_cast<int>(ShapeClass::line))
        c = 0;
    s.shape_class = static_cast<ShapeClass>(c);
    s.text = r.str();
    s.floating = r.flag();
    s.h_relative_from = r.str();
    s.h_offset_emu = r.i64();
    s.v_offset_emu = r.i64();
    s.width_emu = r.i64();
    s.height_emu = r.i64();
    get(r, s.where);
    s.confidence = r.f64();
}

void put(Writer& w, const Paragraph& p) {
    w.str(p.text);
    w.str(p.style);
    w.i64(p.num_id);
    w.i64(p.num_level);
    w.flag(p.bold);
    put(w, p.where);
    w.f64(p.confidence);
}
void get(Reader& r, Paragraph& p) {
    p.text = r.str();
    p.style = r.str();
    p.num_id = r.i32();
    p.num_level = r.i32();
    p.bold = r.flag();
    get(r, p.where);
    p.confidence = r.f64();
}

void put(Writer& w, const Cell& c) {
    w.i64(c.row);
    w.i64(c.col);
    w.i64(c.row_span);
    w.i64(c.col_span);
    put_all(w, c.paragraphs);
    put_all(w, c.shapes);
    w.count(c.nested_tables.size());
    for (int t : c.nested_tables)
        w.i64(t);
    w.flag(c.shaded);
    put(w, c.where);
    w.f64(c.confidence);
}
void get(Reader& r, Cell& c) {
    c.row = r.i32();
    c.col = r.i32();
    c.row_span = r.i32();
    c.col_span = r.i32();
    get_all(r, c.paragraphs);
    get_all(r, c.shapes);
    std::size_t n = r.count(8);
    c.nested_tables.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i)
        c.nested_tables.push_back(r.i32());
    c.shaded = r.flag();
    get(r, c.where);
    c.confidence = r.f64();
}

void put(Writer& w, const Table& t) {
    w.i64(t.index);
    w.i64(t.parent_table);
    w.i64(t.n_rows);
    w.i64(t.n_cols);
    w.count(t.col_widths.size());
    for (double x : t.col_widths)
        w.f64(x);
    w.count(t.header_rows.size());
    for (bool h : t.header_rows)
        w.flag(h);
    put_all(w, t.cells);
    put(w, t.where);
}
void get(Reader& r, Table& t) {
    t.index = r.i32();
    t.parent_table = r.i32();
    t.n_rows = r.i32();
    t.n_cols = r.i32();
    std::size_t n = r.count(8);
    t.col_widths.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i)
        t.col_widths.push_back(r.f64());
    n = r.count(1);
    t.header_rows.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i)
        t.header_rows.push_back(r.flag());
    get_all(r, t.cells);
    get(r, t.where);
}

void put(Writer& w, const Block& b) {
    w.i64(static_cast<int>(b.kind));
    w.i64(b.index);
}
void get(Reader& r, Block& b) {
    b.kind = r.i64() == static_cast<int>(Block::Kind::table) ? Block::Kind::table
                                                             : Block::Kind::paragraph;
    b.index = r.i32();
}

void put(Writer& w, const Page& p) {
    w.i64(p.number);
    w.f64(p.width);
    w.f64(p.height);
    w.i64(p.dpi);
    w.i64(p.rotation);
    w.f64(p.skew);
    w.f64(p.confidence);
    w.str(p.method);
    w.flag(p.landscape);
}
void get(Reader& r, Page& p) {
    p.number = r.i32();
    p.width = r.f64();
    p.height = r.f64();
    p.dpi = r.i32();
    p.rotation = r.i32();
    p.skew = r.f64();
    p.confidence = r.f64();
    p.method = r.str();
    p.landscape = r.flag();
}

void put(Writer& w, const Problem& p) {
    w.i64(static_cast<int>(p.kind));
    w.str(p.detail);
    w.i64(p.page);
}
void get(Reader& r, Problem& p) {
    auto k = r.i64();
    if (k < 0 || k > static_cast<int>(ProblemKind::low_confidence))
        k = static_cast<int>(ProblemKind::unreadable);
    p.kind = static_cast<ProblemKind>(k);
    p.detail = r.str();
    p.page = r.i32();
}

} // namespace sopaudit::layout
