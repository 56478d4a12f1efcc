#include "ocr/symbols.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <vector>

using namespace sopaudit;
using namespace sopaudit::ocr;
using layout::ShapeClass;

namespace {

constexpr int kDpi = 200;

struct Canvas {
    PixPtr pix{pixCreate(400, 300, 1)}; // one table cell, rules already erased
    void polygon(const std::vector<std::pair<double, double>>& pts, int width = 3) {
        PTA* pta = ptaCreate(0);
        for (auto [x, y] : pts) {
            ptaAddPt(pta, static_cast<float>(x), static_cast<float>(y));
        }
        pixRenderPolyline(pix.get(), pta, width, L_SET_PIXELS, 1);
        ptaDestroy(&pta);
    }
    void line(int x0, int y0, int x1, int y1) {
        pixRenderLine(pix.get(), x0, y0, x1, y1, 3, L_SET_PIXELS);
    }
};

std::vector<std::pair<double, double>> ellipse(double cx, double cy, double rx, double ry,
                                               double from = 0, double to = 2 * std::numbers::pi) {
    std::vector<std::pair<double, double>> pts;
    for (int i = 0; i <= 64; ++i) {
        const double a = from + (to - from) * i / 64;
        pts.emplace_back(cx + rx * std::cos(a), cy + ry * std::sin(a));
    }
    return pts;
}

// A capsule: two half circles joined by straight sides.
std::vector<std::pair<double, double>> capsule(double x0, double y0, double x1, double y1) {
    const double r = (y1 - y0) / 2, cy = (y0 + y1) / 2;
    auto right = ellipse(x1 - r, cy, r, r, -std::numbers::pi / 2, std::numbers::pi / 2);
    auto left = ellipse(x0 + r, cy, r, r, std::numbers::pi / 2, 3 * std::numbers::pi / 2);
    right.insert(right.end(), left.begin(), left.end());
    return right;
}

FoundSymbol only_symbol(Canvas& c) {
    auto found = find_symbols(c.pix.get(), Rect{0, 0, 400, 300}, kDpi);
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? FoundSymbol{} : found.front();
}

} // namespace

TEST(Symbols, Rectangle_IsProcess_EvenWithArrowsTouching) {
    Canvas c;
    c.polygon({{120, 110}, {280, 110}, {280, 180}, {120, 180}});
    c.line(200, 0, 200, 108);   // arrow in from above
    c.line(282, 145, 399, 145); // arrow out to the right
    FoundSymbol s = only_symbol(c);
    EXPECT_EQ(s.shape_class, ShapeClass::process) << s.kind;
    EXPECT_NEAR(s.box.x0, 118, 4);
    EXPECT_NEAR(s.box.x1, 282, 4);
    EXPECT_NEAR(s.box.y0, 108, 4);
}

TEST(Symbols, Capsule_IsTerminator) {
    Canvas c;
    c.polygon(capsule(110, 110, 290, 180));
    c.line(200, 182, 200, 299);
    EXPECT_EQ(only_symbol(c).shape_class, ShapeClass::terminator);
}

TEST(Symbols, RoundedRectangle_IsTerminator) {
    Canvas c;
    // corners of radius 20 on a 180 x 80 box
    std::vector<std::pair<double, double>> pts;
    auto corner = [&](double cx, double cy, double from) {
        auto arc = ellipse(cx, cy, 20, 20, from, from + std::numbers::pi / 2);
        pts.insert(pts.end(), arc.begin(), arc.end());
    };
    corner(270, 130, -std::numbers::pi / 2);
    corner(270, 170, 0);
    corner(130, 170, std::numbers::pi / 2);
    corner(130, 130, std::numbers::pi);
    c.polygon(pts);
    EXPECT_EQ(only_symbol(c).shape_class, ShapeClass::terminator);
}

TEST(Symbols, Diamond_IsDecision) {
    Canvas c;
    c.polygon({{200, 70}, {280, 150}, {200, 230}, {120, 150}});
    c.line(0, 150, 118, 150);
    EXPECT_EQ(only_symbol(c).shape_class, ShapeClass::decision);
}

TEST(Symbols, HomePlate_IsConnector) {
    Canvas c;
    c.polygon({{150, 90}, {250, 90}, {250, 170}, {200, 210}, {150, 170}});
    EXPECT_EQ(only_symbol(c).shape_class, ShapeClass::connector);
    Canvas side;
    side.polygon({{120, 110}, {240, 110}, {290, 150}, {240, 190}, {120, 190}});
    EXPECT_EQ(only_symbol(side).shape_class, ShapeClass::connector);
}

TEST(Symbols, EllipseAndCylinder_AreOther) {
    Canvas c;
    c.polygon(ellipse(200, 150, 90, 55));
    FoundSymbol e = only_symbol(c);
    EXPECT_EQ(e.shape_class, ShapeClass::other);
    EXPECT_EQ(e.kind, "ellipse");

    Canvas can;
    can.polygon(ellipse(200, 100, 70, 20));
    auto bottom = ellipse(200, 200, 70, 20, 0, std::numbers::pi);
    can.line(130, 100, 130, 200);
    can.line(270, 100, 270, 200);
    PTA* pta = ptaCreate(0);
    for (auto [x, y] : bottom) {
        ptaAddPt(pta, static_cast<float>(x), static_cast<float>(y));
    }
    pixRenderPolyline(can.pix.get(), pta, 3, L_SET_PIXELS, 0);
    ptaDestroy(&pta);
    EXPECT_EQ(only_symbol(can).shape_class, ShapeClass::other);
}

TEST(Symbols, TextAndArrowsAloneAreNoSymbol) {
    Canvas c;
    c.line(200, 0, 200, 299); // an arrow passing through
    c.line(0, 150, 399, 150);
    // small closed glyph-like loops (letters o, e) stay below the symbol size
    c.polygon(ellipse(60, 60, 8, 10));
    c.polygon(ellipse(90, 60, 8, 10));
    EXPECT_TRUE(find_symbols(c.pix.get(), Rect{0, 0, 400, 300}, kDpi).empty());
}

TEST(Symbols, ClassifyFeatures) {
    ShapeFeatures rect;
    rect.fill = 0.99;
    rect.big_holes = 1;
    for (int i = 0; i < 4; ++i) {
        rect.corner_missing[i] = 0.01;
        rect.flat[i] = 0.98;
    }
    EXPECT_EQ(classify_shape(rect).shape_class, ShapeClass::process);
    rect.big_holes = 2;
    EXPECT_EQ(classify_shape(rect).shape_class, ShapeClass::other);
}
