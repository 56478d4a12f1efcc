#pragma once
// Flowchart symbols drawn in a table cell of a scan: the closed outlines left after the table
// rules are erased, classified by the shape of their filled silhouette.

#include "layout/layout.hpp"
#include "ocr/pix.hpp"

#include <string>
#include <vector>

namespace sopaudit::ocr {

struct FoundSymbol {
    Rect box; // in the image searched
    layout::ShapeClass shape_class = layout::ShapeClass::other;
    std::string kind; // "terminator", "process", "decision", "connector", "ellipse", "other"
    double confidence = 0;
};

// Shape measurements of a filled silhouette (1 bpp, cropped to the shape), for classification.
struct ShapeFeatures {
    double fill = 0;            // area / bounding box area
    double corner_missing[4]{}; // top-left, top-right, bottom-right, bottom-left: empty share of
                                // a corner square of side 0.2 * min(w, h)
    double flat[4]{};           // top, right, bottom, left: share of the side lying on the box edge
    int big_holes = 0;          // enclosed regions of the outline (1 for the five symbols)
};

ShapeFeatures measure_shape(PIX* solid, int big_holes);
FoundSymbol classify_shape(const ShapeFeatures& f);

// Symbols inside region of binary (ink = 1; erase the table rules first). Arrows passing
// through or touching a symbol are ignored: they are thin and enclose nothing.
std::vector<FoundSymbol> find_symbols(PIX* binary, const Rect& region, int dpi);

} // namespace sopaudit::ocr
