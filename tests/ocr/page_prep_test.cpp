#include "ocr/page_prep.hpp"
#include "ocr/scan_reader.hpp"
#include "ocr/text_ocr.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <string>

using namespace sopaudit::ocr;

namespace {

const std::string kScan = std::string(SOPAUDIT_SOURCE_DIR) + "/tests/fixtures/scans/sop_scan.jpg";

// Text-like page: rows of short dashes (words) between long rules.
PixPtr ruled_page() {
    PixPtr p(pixCreate(1600, 1200, 1));
    for (int y = 100; y < 1100; y += 50) {
        for (int x = 100; x < 1500; x += 90) {
            pixRenderLine(p.get(), x, y, x + 60, y, 8, L_SET_PIXELS);
        }
    }
    return p;
}

} // namespace

TEST(PagePrep, FindsAndUndoesASkewOfOneAndAHalfDegrees) {
    PixPtr page = ruled_page();
    const float rad = static_cast<float>(1.5 * std::numbers::pi / 180);
    PixPtr skewed(pixRotate(page.get(), rad, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0));
    EXPECT_NEAR(find_skew(skewed.get()), -1.5, 0.15);
    EXPECT_NEAR(find_skew(page.get()), 0.0, 0.06);
    PreparedPage prep = prepare_page(skewed.get(), 200, nullptr);
    EXPECT_NEAR(prep.transform.skew_deg, -1.5, 0.15);
    EXPECT_NEAR(find_skew(prep.binary.get()), 0.0, 0.1);
}

TEST(PagePrep, TransformMapsBoxesBackToTheStoredPage) {
    PageTransform t;
    t.stored_width = 1000;
    t.stored_height = 600;
    t.quads = 1;
    t.skew_deg = 1.0;
    t.width = 600;
    t.height = 1000;
    double px = 0, py = 0;
    t.from_stored(200, 100, px, py);
    // a tiny box around the mapped point comes back around the stored point
    const sopaudit::layout::BBox b =
        t.to_stored(Rect{int(px) - 1, int(py) - 1, int(px) + 2, int(py) + 2});
    EXPECT_NEAR((b.x0 + b.x1) / 2, 200, 2.5);
    EXPECT_NEAR((b.y0 + b.y1) / 2, 100, 2.5);
    // a quarter turn clockwise: the stored top-left corner lands at the top-right
    PageTransform q;
    q.stored_width = 1000;
    q.stored_height = 600;
    q.quads = 1;
    q.from_stored(0, 0, px, py);
    EXPECT_NEAR(px, 600, 1e-9);
    EXPECT_NEAR(py, 0, 1e-9);
}

TEST(PagePrep, ColourStampFadesInGrey) {
    PixPtr rgb(pixCreate(50, 20, 32));
    pixSetAllArbitrary(rgb.get(), 0xffffff00); // white
    for (int x = 0; x < 25; ++x) {
        pixSetRGBPixel(rgb.get(), x, 5, 200, 20, 20);     // red stamp ink
        pixSetRGBPixel(rgb.get(), x + 25, 5, 10, 10, 10); // black print
    }
    PixPtr gray = to_gray(rgb.get());
    l_uint32 red = 0, black = 0;
    pixGetPixel(gray.get(), 3, 5, &red);
    pixGetPixel(gray.get(), 30, 5, &black);
    EXPECT_GE(red, 190u);
    EXPECT_LE(black, 20u);
}

// Orientation with Tesseract's OSD on the project's scan turned 90, 180 and 270 degrees.
TEST(PagePrep, OrientationOfQuarterTurnedPages) {
    PixPtr stored(pixRead(kScan.c_str()));
    ASSERT_NE(stored, nullptr);
    Engine engine;
    OrientationDetector detect = [&](PIX* b, int dpi, double& conf) {
        return engine.impl().detect_orientation(b, dpi, conf);
    };
    for (int quads : {1, 2, 3}) {
        PixPtr turned(pixRotateOrth(stored.get(), quads));
        PreparedPage prep = prepare_page(turned.get(), 200, detect);
        EXPECT_EQ((prep.transform.quads + quads) % 4, 0) << "stored turned " << quads * 90;
        EXPECT_GT(prep.orientation_confidence, 1.5);
        EXPECT_GT(pixGetWidth(prep.gray.get()), pixGetHeight(prep.gray.get())); // landscape again
    }
}

TEST(PagePrep, SidewaysTextIsSeenWithoutOsd) {
    PixPtr stored(pixRead(kScan.c_str()));
    ASSERT_NE(stored, nullptr);
    PixPtr binary = binarize(to_gray(stored.get()).get());
    EXPECT_FALSE(looks_sideways(binary.get(), 200));
    PixPtr turned(pixRotateOrth(binary.get(), 1));
    EXPECT_TRUE(looks_sideways(turned.get(), 200));
    PixPtr upside(pixRotateOrth(binary.get(), 2));
    EXPECT_FALSE(looks_sideways(upside.get(), 200));
}

// 90 against 270 degrees from the ascenders, without OSD; an upright page turned twice is not
// a sideways one, and an empty page gives no signal.
TEST(PagePrep, SidewaysTurnFromAscenders) {
    PixPtr stored(pixRead(kScan.c_str()));
    ASSERT_NE(stored, nullptr);
    PixPtr binary = binarize(to_gray(stored.get()).get());
    for (int quads : {1, 3}) {
        PixPtr turned(pixRotateOrth(binary.get(), quads));
        double conf = 0;
        EXPECT_EQ((sideways_turn(turned.get(), 200, conf) + quads) % 4, 0)
            << "stored turned " << quads * 90;
        EXPECT_GT(conf, 3.0);
    }
    PixPtr blank(pixCreate(1654, 2338, 1));
    double conf = 1;
    EXPECT_EQ(sideways_turn(blank.get(), 200, conf), 0);
    EXPECT_EQ(conf, 0);
}

// The bilevel shortcut (no normalisation, no threshold) gives the pixels the grey path gives.
TEST(PagePrep, BilevelScanIsItsOwnBinaryPage) {
    const std::string tif =
        std::string(SOPAUDIT_SOURCE_DIR) + "/tests/fixtures/scans/sop_two_pages.tif";
    PixPtr stored(pixRead(tif.c_str()));
    ASSERT_NE(stored, nullptr);
    ASSERT_EQ(pixGetDepth(stored.get()), 1);
    PreparedPage prep = prepare_page(stored.get(), 200, nullptr, false);
    PixPtr gray = to_gray(stored.get());
    PixPtr via_grey = binarize(gray.get());
    PixPtr faint_via_grey = faint_ink(gray.get(), via_grey.get());
    l_int32 same = 0;
    pixEqual(prep.binary.get(), via_grey.get(), &same);
    EXPECT_EQ(same, 1);
    pixEqual(prep.faint.get(), faint_via_grey.get(), &same);
    EXPECT_EQ(same, 1);
    EXPECT_EQ(pixGetDepth(prep.gray.get()), 8);
}

TEST(PagePrep, BinarizeMatchesLeptonicasOtsuOnBackgroundNorm) {
    PixPtr stored(pixRead(kScan.c_str()));
    ASSERT_NE(stored, nullptr);
    PixPtr gray = to_gray(stored.get());
    PixPtr mine = binarize(gray.get());
    l_int32 thresh = 0;
    PixPtr theirs(pixOtsuThreshOnBackgroundNorm(gray.get(), nullptr, 50, 50, 100, 50, 255, 2, 2,
                                                0.1f, &thresh));
    ASSERT_NE(mine, nullptr);
    ASSERT_NE(theirs, nullptr);
    l_int32 same = 0;
    pixEqual(mine.get(), theirs.get(), &same);
    EXPECT_EQ(same, 1);
    l_int32 ink = 0;
    pixCountPixels(mine.get(), &ink, nullptr);
    EXPECT_GT(ink, 1000);
}
