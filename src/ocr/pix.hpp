#pragma once
// Owning handles for Leptonica objects, so early returns never leak.

#include <leptonica/allheaders.h>
#include <memory>
#include <vector>

namespace sopaudit::ocr {

struct PixDeleter {
    void operator()(PIX* p) const {
        if (p != nullptr) {
            pixDestroy(&p);
        }
    }
};
struct BoxaDeleter {
    void operator()(BOXA* b) const {
        if (b != nullptr) {
            boxaDestroy(&b);
        }
    }
};
struct BoxDeleter {
    void operator()(BOX* b) const {
        if (b != nullptr) {
            boxDestroy(&b);
        }
    }
};
struct PixaDeleter {
    void operator()(PIXA* p) const {
        if (p != nullptr) {
            pixaDestroy(&p);
        }
    }
};

using PixPtr = std::unique_ptr<PIX, PixDeleter>;
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

// An axis-aligned integer rectangle in some image's pixels; x1/y1 exclusive.
struct Rect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    int cx() const { return (x0 + x1) / 2; }
    int cy() const { return (y0 + y1) / 2; }
};

inline BoxPtr make_box(const Rect& r) {
    return BoxPtr(boxCreate(r.x0, r.y0, r.width(), r.height()));
}

inline Rect rect_of(BOX* b) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    boxGetGeometry(b, &x, &y, &w, &h);
    return Rect{x, y, x + w, y + h};
}

// Boxes of the connected components of a 1 bpp image.
inline std::vector<Rect> component_rects(PIX* binary, int connectivity = 8) {
    std::vector<Rect> out;
    BoxaPtr boxa(pixConnCompBB(binary, connectivity));
    if (!boxa) {
        return out;
    }
    const int n = boxaGetCount(boxa.get());
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        BoxPtr b(boxaGetBox(boxa.get(), i, L_COPY));
        out.push_back(rect_of(b.get()));
    }
    return out;
}

} // namespace sopaudit::ocr
