#include "support/layout_builder.hpp"

#include <algorithm>
#include <stdexcept>

namespace sopaudit::test {
namespace {

std::vector<std::string> pieces(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (const char c : text) {
        if (c == '|') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

} // namespace

LayoutBuilder& LayoutBuilder::paragraph(const std::string& text, int num_id) {
    layout::Paragraph p;
    p.text = text;
    p.num_id = num_id;
    p.num_level = num_id >= 0 ? 0 : -1;
    p.where.page = 1;
    m_doc.paragraphs.push_back(p);
    m_doc.body.push_back(
        {layout::Block::Kind::paragraph, static_cast<int>(m_doc.paragraphs.size()) - 1});
    return *this;
}

LayoutBuilder& LayoutBuilder::table(int rows, int cols, std::vector<double> widths) {
    layout::Table t;
    t.index = static_cast<int>(m_doc.tables.size());
    t.n_rows = rows;
    t.n_cols = cols;
    if (widths.empty()) {
        widths.assign(static_cast<std::size_t>(cols), 1000.0);
    }
    t.col_widths = std::move(widths);
    t.header_rows.assign(static_cast<std::size_t>(rows), false);
    t.where.page = 1;
    t.where.table = t.index;
    m_doc.tables.push_back(std::move(t));
    m_doc.body.push_back({layout::Block::Kind::table, static_cast<int>(m_doc.tables.size()) - 1});
    return *this;
}

layout::Table& LayoutBuilder::cur() {
    if (m_doc.tables.empty()) {
        throw std::logic_error("LayoutBuilder: cell() before table()");
    }
    return m_doc.tables.back();
}

LayoutBuilder& LayoutBuilder::cell(int row, int col, const std::string& text, int row_span,
                                   int col_span) {
    auto& t = cur();
    // A second cell over an occupied grid position would be hidden by Table::cell_at behind the
    // first, and the test would silently check something else (a fixture once did).
    for (int r = row; r < row + row_span; ++r) {
        for (int c = col; c < col + col_span; ++c) {
            if (t.cell_at(r, c) != nullptr) {
                throw std::logic_error("LayoutBuilder: grid position (" + std::to_string(r) + ", " +
                                       std::to_string(c) + ") of table " + std::to_string(t.index) +
                                       " already holds a cell");
            }
        }
    }
    layout::Cell c;
    c.row = row;
    c.col = col;
    c.row_span = row_span;
    c.col_span = col_span;
    c.where = {1, t.index, row, col, std::nullopt};
    for (const auto& piece : pieces(text)) {
        layout::Paragraph p;
        p.text = piece;
        p.where = c.where;
        c.paragraphs.push_back(p);
    }
    t.cells.push_back(std::move(c));
    return *this;
}

layout::Cell& LayoutBuilder::cell_ref(int row, int col) {
    for (auto& c : cur().cells) {
        if (c.row == row && c.col == col) {
            return c;
        }
    }
    cell(row, col, "");
    return cur().cells.back();
}

LayoutBuilder& LayoutBuilder::shape(int row, int col, layout::ShapeClass cls,
                                    const std::string& geometry) {
    auto& c = cell_ref(row, col);
    layout::Shape s;
    s.shape_class = cls;
    s.geometry = geometry.empty() ? layout::to_string(cls) : geometry;
    s.where = c.where;
    c.shapes.push_back(s);
    return *this;
}

LayoutBuilder& LayoutBuilder::floating_shape(int row, int col, layout::ShapeClass cls,
                                             long long h_offset_emu, long long width_emu,
                                             const std::string& relative_from,
                                             const std::string& geometry) {
    auto& c = cell_ref(row, col);
    layout::Shape s;
    s.shape_class = cls;
    s.geometry = geometry.empty() ? layout::to_string(cls) : geometry;
    s.floating = true;
    s.h_relative_from = relative_from;
    s.h_offset_emu = h_offset_emu;
    s.width_emu = width_emu;
    s.height_emu = 300000;
    s.where = c.where;
    c.shapes.push_back(s);
    return *this;
}

LayoutBuilder& LayoutBuilder::confidence(int row, int col, double value) {
    auto& c = cell_ref(row, col);
    c.confidence = value;
    for (auto& p : c.paragraphs) {
        p.confidence = value;
    }
    return *this;
}

layout::Document LayoutBuilder::build() const {
    layout::Document doc = m_doc;
    for (auto& t : doc.tables) {
        std::vector<layout::Cell> filled;
        for (int r = 0; r < t.n_rows; ++r) {
            for (int c = 0; c < t.n_cols; ++c) {
                if (t.cell_at(r, c) == nullptr) {
                    layout::Cell e;
                    e.row = r;
                    e.col = c;
                    e.where = {1, t.index, r, c, std::nullopt};
                    filled.push_back(e);
                }
            }
        }
        for (auto& e : filled) {
            t.cells.push_back(std::move(e));
        }
        std::stable_sort(t.cells.begin(), t.cells.end(),
                         [](const layout::Cell& a, const layout::Cell& b) {
                             return a.row != b.row ? a.row < b.row : a.col < b.col;
                         });
    }
    doc.method = "xml";
    if (doc.pages.empty()) {
        doc.pages.push_back(layout::Page{});
    }
    return doc;
}

} // namespace sopaudit::test
