#include "layout/layout.hpp"

namespace sopaudit::layout {

std::string Cell::text() const {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) {
            out += '\n';
        }
        out += p.text;
    }
    return out;
}

const Cell* Table::cell_at(int r, int c) const {
    for (const auto& cell : cells) {
        if (r >= cell.row && r < cell.row + cell.row_span && c >= cell.col &&
            c < cell.col + cell.col_span) {
            return &cell;
        }
    }
    return nullptr;
}

const char* to_string(ShapeClass c) {
    switch (c) {
    case ShapeClass::unknown: return "unknown";
    case ShapeClass::terminator: return "terminator";
    case ShapeClass::process: return "process";
    case ShapeClass::decision: return "decision";
    case ShapeClass::connector: return "connector";
    case ShapeClass::other: return "other";
    case ShapeClass::mark: return "mark";
    case ShapeClass::line: return "line";
    }
    return "unknown";
}

const char* to_string(ProblemKind k) {
    switch (k) {
    case ProblemKind::unreadable: return "unreadable";
    case ProblemKind::encrypted: return "encrypted";
    case ProblemKind::unsupported: return "unsupported";
    case ProblemKind::limit: return "limit";
    case ProblemKind::low_confidence: return "low-confidence";
    }
    return "unreadable";
}

} // namespace sopaudit::layout
