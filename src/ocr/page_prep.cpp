#include "ocr/page_prep.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sopaudit::ocr {
namespace {

constexpr double kMinSkewDeg = 0.05; // below this, rotating costs more than it helps
constexpr double kMaxSkewDeg = 7.0;
// Normalised grey (paper 255) darker than this is a stroke when looking for rules: a faded
// hairline is 150-200 where print is under 100.
constexpr l_int32 kFaintThreshold = 200;
// Up/down signal (Leptonica's normalised ascender-descender difference) from which the sign
// decides 90 against 270 degrees: upright pages of the corpora give 4-47, the sideways ones
// 9-10 in size.
constexpr float kMinUpDownSignal = 3.0f;

// The text-sized components of a binary page: no table rules or frames.
PixPtr text_sized(PIX* binary, int dpi) {
    const int max_text = std::max(10, dpi / 3);
    return PixPtr(
        pixSelectBySize(binary, max_text, max_text, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
}

// Rotates (x, y) about (cx, cy) by deg degrees clockwise in image coordinates (y down).
void rotate_point(double x, double y, double cx, double cy, double deg, double& ox, double& oy) {
    const double a = deg * std::numbers::pi / 180.0;
    const double dx = x - cx, dy = y - cy;
    ox = cx + dx * std::cos(a) - dy * std::sin(a);
    oy = cy + dx * std::sin(a) + dy * std::cos(a);
}

} // namespace

void PageTransform::from_stored(double x, double y, double& px, double& py) const {
    // A clockwise quarter turn maps (x, y) of a W x H image to (H - y, x) of an H x W image.
    double ux = x, uy = y;
    int w = stored_width, h = stored_height;
    for (int i = 0; i < quads; ++i) {
        const double nx = h - uy, ny = ux;
        ux = nx;
        uy = ny;
        std::swap(w, h);
    }
    // pixRotate turns clockwise by a positive angle (y axis down).
    rotate_point(ux, uy, w / 2.0, h / 2.0, skew_deg, px, py);
}

layout::BBox PageTransform::to_stored(const Rect& r) const {
    int w = quads % 2 == 0 ? stored_width : stored_height;
    int h = quads % 2 == 0 ? stored_height : stored_width;
    const double xs[4] = {double(r.x0), double(r.x1), double(r.x1), double(r.x0)};
    const double ys[4] = {double(r.y0), double(r.y0), double(r.y1), double(r.y1)};
    layout::BBox out{1e18, 1e18, -1e18, -1e18};
    for (int i = 0; i < 4; ++i) {
        double ux = 0, uy = 0;
        rotate_point(xs[i], ys[i], w / 2.0, h / 2.0, -skew_deg, ux, uy);
        // undo quarter turns: inverse of (x, y) -> (H - y, x) is (x', y') -> (y', H - x').
        int cw = w, ch = h;
        for (int q = 0; q < quads; ++q) {
            // current image cw x ch came from one of size ch x cw
            const double ox = uy, oy = cw - ux;
            ux = ox;
            uy = oy;
            std::swap(cw, ch);
        }
        out.x0 = std::min(out.x0, ux);
        out.y0 = std::min(out.y0, uy);
        out.x1 = std::max(out.x1, ux);
        out.y1 = std::max(out.y1, uy);
    }
    out.x0 = std::clamp(out.x0, 0.0, double(stored_width));
    out.x1 = std::clamp(out.x1, 0.0, double(stored_width));
    out.y0 = std::clamp(out.y0, 0.0, double(stored_height));
    out.y1 = std::clamp(out.y1, 0.0, double(stored_height));
    return out;
}

PixPtr to_gray(PIX* stored) {
    const int d = pixGetDepth(stored);
    if (d == 32) {
        return PixPtr(pixConvertRGBToGrayMinMax(stored, L_CHOOSE_MAX));
    }
    if (d == 8) {
        return PixPtr(pixCopy(nullptr, stored));
    }
    return PixPtr(pixConvertTo8(stored, 0));
}

PixPtr normalize_background(PIX* gray) {
    // tiles of ~10 x 15 px would be too fine at 300 DPI: 50 x 50 background tiles follow lid
    // shadows without eating thick strokes.
    return PixPtr(pixBackgroundNorm(gray, nullptr, nullptr, 50, 50, 100, 50, 255, 2, 2));
}

PixPtr binarize_normalized(PIX* gray, PIX* norm) {
    if (norm != nullptr) {
        // Otsu over the whole normalised page as one tile: what pixOtsuThreshOnBackgroundNorm
        // does after the same normalisation, which faint_ink_normalized shares.
        PIX* threshold_raw = nullptr;
        pixOtsuAdaptiveThreshold(norm, pixGetWidth(norm), pixGetHeight(norm), 0, 0, 0.1f,
                                 &threshold_raw, nullptr);
        PixPtr threshold(threshold_raw);
        l_uint32 value = 0;
        if (threshold && pixGetPixel(threshold.get(), 0, 0, &value) == 0) {
            PixPtr b(pixThresholdToBinary(norm, static_cast<l_int32>(value)));
            if (b) {
                return b;
            }
        }
    }
    return PixPtr(pixConvertTo1(gray, 160));
}

PixPtr binarize(PIX* gray) {
    PixPtr norm = normalize_background(gray);
    return binarize_normalized(gray, norm.get());
}

PixPtr faint_ink_normalized(PIX* norm, PIX* binary) {
    if (norm == nullptr) {
        return PixPtr(pixCopy(nullptr, binary));
    }
    PixPtr faint(pixThresholdToBinary(norm, kFaintThreshold));
    if (!faint || pixGetWidth(faint.get()) != pixGetWidth(binary) ||
        pixGetHeight(faint.get()) != pixGetHeight(binary)) {
        return PixPtr(pixCopy(nullptr, binary));
    }
    pixOr(faint.get(), faint.get(), binary);
    return faint;
}

PixPtr faint_ink(PIX* gray, PIX* binary) {
    PixPtr norm = normalize_background(gray);
    return faint_ink_normalized(norm.get(), binary);
}

double find_skew(PIX* binary) {
    l_float32 angle = 0, conf = 0;
    if (pixFindSkew(binary, &angle, &conf) != 0 || conf < 2.5f) {
        return 0;
    }
    if (std::abs(angle) < kMinSkewDeg || std::abs(angle) > kMaxSkewDeg) {
        return 0;
    }
    return angle;
}

bool looks_sideways(PIX* binary, int dpi) {
    PixPtr text = text_sized(binary, dpi);
    if (!text) {
        return false;
    }
    // Line strength survives halving (pixFindSkew reduces the page anyway): a quarter of the
    // pixels for the two sweeps, the costliest part of this test.
    PixPtr small;
    if (dpi >= 150) {
        small.reset(pixReduceRankBinary2(text.get(), 1, nullptr));
    }
    PIX* lines = small ? small.get() : text.get();
    PixPtr turned(pixRotateOrth(lines, 1));
    l_float32 angle = 0, upright = 0, sideways = 0;
    pixFindSkew(lines, &angle, &upright);
    pixFindSkew(turned.get(), &angle, &sideways);
    return sideways > 2.0f && sideways > 1.5f * upright;
}

int sideways_turn(PIX* binary, int dpi, double& confidence) {
    confidence = 0;
    PixPtr text = text_sized(binary, dpi);
    if (!text) {
        return 0;
    }
    PixPtr turned(pixRotateOrth(text.get(), 1));
    l_float32 up = 0;
    if (!turned || pixUpDownDetect(turned.get(), &up, 0, 0, 0) != 0) {
        return 0;
    }
    confidence = std::abs(up);
    if (confidence < kMinUpDownSignal) {
        return 0;
    }
    // Upright once turned clockwise, or upside down then: three quarter turns instead.
    return up > 0 ? 1 : 3;
}

PreparedPage prepare_page(PIX* stored, int dpi, const OrientationDetector& detect, bool deskew) {
    PreparedPage out;
    out.dpi = dpi;
    out.transform.stored_width = pixGetWidth(stored);
    out.transform.stored_height = pixGetHeight(stored);
    PixPtr gray = to_gray(stored);
    PixPtr binary, faint;
    if (pixGetDepth(stored) == 1 && pixGetColormap(stored) == nullptr) {
        // A bilevel scan is its own binary page and has no faint ink: normalising and
        // thresholding its grey gives the same pixels back, for 15-40 ms a page.
        binary.reset(pixCopy(nullptr, stored));
        faint.reset(pixCopy(nullptr, stored));
    } else {
        // One background normalisation serves both the binary page and the faint ink.
        PixPtr norm = normalize_background(gray.get());
        binary = binarize_normalized(gray.get(), norm.get());
        faint = faint_ink_normalized(norm.get(), binary.get());
    }
    if (detect) {
        double conf = 0;
        const int quads = detect(binary.get(), dpi, conf) & 3;
        out.orientation_confidence = conf;
        if (quads != 0) {
            gray.reset(pixRotateOrth(gray.get(), quads));
            binary.reset(pixRotateOrth(binary.get(), quads));
            faint.reset(pixRotateOrth(faint.get(), quads));
            out.transform.quads = quads;
        }
    }
    const double skew = deskew ? find_skew(binary.get()) : 0.0;
    if (skew != 0) {
        const float rad = static_cast<float>(skew * std::numbers::pi / 180.0);
        gray.reset(pixRotate(gray.get(), rad, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
        // The binary is turned by sampling: binarising the turned grey again would lose the
        // hairline rules of bilevel scans, which area mapping greys out.
        binary.reset(pixRotate(binary.get(), rad, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0));
        faint.reset(pixRotate(faint.get(), rad, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0));
        out.transform.skew_deg = skew;
    }
    out.transform.width = pixGetWidth(gray.get());
    out.transform.height = pixGetHeight(gray.get());
    out.gray = std::move(gray);
    out.binary = std::move(binary);
    out.faint = std::move(faint);
    pixSetResolution(out.gray.get(), dpi, dpi);
    pixSetResolution(out.binary.get(), dpi, dpi);
    return out;
}

} // namespace sopaudit::ocr
