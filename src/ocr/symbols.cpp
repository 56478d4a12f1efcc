#include "ocr/symbols.hpp"

#include <algorithm>
#include <cmath>

namespace sopaudit::ocr {
namespace {

using layout::ShapeClass;

bool pixel(PIX* p, int x, int y) {
    l_uint32 v = 0;
    pixGetPixel(p, x, y, &v);
    return v != 0;
}

} // namespace

ShapeFeatures measure_shape(PIX* solid, int big_holes) {
    ShapeFeatures f;
    f.big_holes = big_holes;
    const int w = pixGetWidth(solid), h = pixGetHeight(solid);
    l_int32 area = 0;
    pixCountPixels(solid, &area, nullptr);
    f.fill = double(area) / (double(w) * h);
    const int s = std::max(2, static_cast<int>(0.2 * std::min(w, h)));
    const int cx[4] = {0, w - s, w - s, 0};
    const int cy[4] = {0, 0, h - s, h - s};
    for (int i = 0; i < 4; ++i) {
        BoxPtr b(boxCreate(cx[i], cy[i], s, s));
        l_int32 n = 0;
        pixCountPixelsInRect(solid, b.get(), &n, nullptr);
        f.corner_missing[i] = 1.0 - double(n) / (double(s) * s);
    }
    // Flat sides: the share of columns (rows) whose first ink from that side is within a few
    // percent of the bounding box edge.
    const int tol_y = std::max(1, static_cast<int>(0.05 * h));
    const int tol_x = std::max(1, static_cast<int>(0.05 * w));
    int top = 0, bottom = 0, left = 0, right = 0;
    for (int x = 0; x < w; ++x) {
        int y0 = -1, y1 = -1;
        for (int y = 0; y < h; ++y) {
            if (pixel(solid, x, y)) {
                y0 = y;
                break;
            }
        }
        for (int y = h - 1; y >= 0; --y) {
            if (pixel(solid, x, y)) {
                y1 = y;
                break;
            }
        }
        if (y0 >= 0 && y0 <= tol_y) {
            ++top;
        }
        if (y1 >= 0 && y1 >= h - 1 - tol_y) {
            ++bottom;
        }
    }
    for (int y = 0; y < h; ++y) {
        int x0 = -1, x1 = -1;
        for (int x = 0; x < w; ++x) {
            if (pixel(solid, x, y)) {
                x0 = x;
                break;
            }
        }
        for (int x = w - 1; x >= 0; --x) {
            if (pixel(solid, x, y)) {
                x1 = x;
                break;
            }
        }
        if (x0 >= 0 && x0 <= tol_x) {
            ++left;
        }
        if (x1 >= 0 && x1 >= w - 1 - tol_x) {
            ++right;
        }
    }
    f.flat[0] = double(top) / w;
    f.flat[1] = double(right) / h;
    f.flat[2] = double(bottom) / w;
    f.flat[3] = double(left) / h;
    return f;
}

FoundSymbol classify_shape(const ShapeFeatures& f) {
    FoundSymbol out;
    auto set = [&](ShapeClass c, const char* kind, double conf) {
        out.shape_class = c;
        out.kind = kind;
        out.confidence = conf;
    };
    constexpr double kSharp = 0.07; // a square corner loses only blur
    constexpr double kCut = 0.25;   // a corner cut off by a slanted side or a half circle
    int sharp = 0;
    bool is_sharp[4];
    for (int i = 0; i < 4; ++i) {
        is_sharp[i] = f.corner_missing[i] < kSharp;
        sharp += is_sharp[i] ? 1 : 0;
    }
    if (f.big_holes >= 2) {
        // cylinders, predefined processes, documents with inner lines: nonstandard symbols
        set(ShapeClass::other, "other", 0.6);
        return out;
    }
    if (sharp >= 3 && f.fill > 0.85 &&
        std::min({f.flat[0], f.flat[1], f.flat[2], f.flat[3]}) > 0.6) {
        set(ShapeClass::process, "process", sharp == 4 ? 0.95 : 0.7);
        return out;
    }
    if (sharp == 2) {
        // Two sharp corners on one side, the two opposite ones cut off by a point: the
        // pentagon of the off-page connector (pointing down or sideways).
        for (int i = 0; i < 4; ++i) {
            const int j = (i + 1) % 4, k = (i + 2) % 4, l = (i + 3) % 4;
            if (is_sharp[i] && is_sharp[j] && f.corner_missing[k] > kCut &&
                f.corner_missing[l] > kCut && f.fill > 0.65 && f.fill < 0.95) {
                // The pointed side is flat only near its tip.
                const int pointed = (i + 2) % 4; // side index opposite to side i (tl-tr = top)
                if (f.flat[pointed] < 0.35) {
                    set(ShapeClass::connector, "connector", 0.85);
                    return out;
                }
            }
        }
    }
    if (sharp == 0) {
        if (f.fill < 0.66 && std::min({f.corner_missing[0], f.corner_missing[1],
                                       f.corner_missing[2], f.corner_missing[3]}) > 0.8) {
            set(ShapeClass::decision, "decision", f.fill > 0.4 ? 0.9 : 0.6);
            return out;
        }
        const bool flat_long_sides =
            (f.flat[0] > 0.55 && f.flat[2] > 0.55) || (f.flat[1] > 0.55 && f.flat[3] > 0.55);
        if (f.fill >= 0.74 && flat_long_sides) {
            set(ShapeClass::terminator, "terminator", f.fill > 0.8 ? 0.9 : 0.7);
            return out;
        }
        if (f.fill >= 0.7 && f.fill < 0.84) {
            set(ShapeClass::other, "ellipse", 0.7);
            return out;
        }
    }
    set(ShapeClass::other, "other", 0.5);
    return out;
}

std::vector<FoundSymbol> find_symbols(PIX* binary, const Rect& region, int dpi) {
    std::vector<FoundSymbol> out;
    const int margin = std::max(2, dpi / 75);
    Rect inner{region.x0 + margin, region.y0 + margin, region.x1 - margin, region.y1 - margin};
    const int min_side = static_cast<int>(dpi * 0.08);
    const int min_long_side = static_cast<int>(dpi * 0.2);
    if (inner.width() < min_long_side / 2 || inner.height() < min_side) {
        return out;
    }
    BoxPtr box = make_box(inner);
    PixPtr crop(pixClipRectangle(binary, box.get(), nullptr));
    if (!crop) {
        return out;
    }
    // Close hairline breaks in the outlines so they enclose their interior.
    PixPtr closed(pixCloseSafeBrick(nullptr, crop.get(), 3, 3));
    PixPtr holes(pixHolesByFilling(closed.get(), 4));
    if (!holes) {
        return out;
    }
    l_int32 hole_pixels = 0;
    pixCountPixels(holes.get(), &hole_pixels, nullptr);
    if (hole_pixels < min_side * min_side) {
        return out;
    }
    PixPtr solid(pixOr(nullptr, closed.get(), holes.get()));
    // Opening wider than a stroke removes arrows, rules' remains and text; symbols, being
    // filled now, survive.
    const int k = std::max(3, dpi / 30);
    PixPtr opened(pixOpenBrick(nullptr, solid.get(), k, k));
    PIXA* pixa_raw = nullptr;
    BoxaPtr boxa(pixConnComp(opened.get(), &pixa_raw, 8));
    PixaPtr pixa(pixa_raw);
    if (!boxa) {
        return out;
    }
    const std::vector<Rect> hole_rects = component_rects(holes.get(), 4);
    const int n = boxaGetCount(boxa.get());
    for (int i = 0; i < n; ++i) {
        BoxPtr b(boxaGetBox(boxa.get(), i, L_COPY));
        const Rect r = rect_of(b.get());
        if (std::min(r.width(), r.height()) < min_side ||
            std::max(r.width(), r.height()) < min_long_side) {
            continue;
        }
        PixPtr blob(pixaGetPix(pixa.get(), i, L_COPY));
        l_int32 blob_area = 0;
        pixCountPixels(blob.get(), &blob_area, nullptr);
        // The interior must dominate: a thin outline around a large enclosed area. Filled
        // glyphs and ink blots enclose little.
        PixPtr blob_holes(pixClipRectangle(holes.get(), b.get(), nullptr));
        pixAnd(blob_holes.get(), blob_holes.get(), blob.get());
        l_int32 inside = 0;
        pixCountPixels(blob_holes.get(), &inside, nullptr);
        if (inside < blob_area * 0.4) {
            continue;
        }
        int big_holes = 0;
        for (const Rect& h : hole_rects) {
            if (h.cx() >= r.x0 && h.cx() < r.x1 && h.cy() >= r.y0 && h.cy() < r.y1 &&
                double(h.width()) * h.height() >= 0.06 * r.width() * r.height()) {
                ++big_holes;
            }
        }
        FoundSymbol sym = classify_shape(measure_shape(blob.get(), std::max(1, big_holes)));
        sym.box = Rect{r.x0 + inner.x0, r.y0 + inner.y0, r.x1 + inner.x0, r.y1 + inner.y0};
        out.push_back(sym);
    }
    std::sort(out.begin(), out.end(),
              [](const FoundSymbol& a, const FoundSymbol& b) { return a.box.y0 < b.box.y0; });
    return out;
}

} // namespace sopaudit::ocr
