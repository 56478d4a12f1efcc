#pragma once
// Page preparation: grey conversion (colour stamps and signatures fade out), orientation
// (quarter turns), deskew and binarisation, keeping the transform that maps every box back to
// the page as stored.

#include "layout/layout.hpp"
#include "ocr/pix.hpp"

#include <functional>

namespace sopaudit::ocr {

// stored page --(quads clockwise quarter turns)--> upright --(rotate by skew_deg about the
// centre, same size)--> prepared.
struct PageTransform {
    int stored_width = 0;
    int stored_height = 0;
    int quads = 0;       // clockwise quarter turns applied to the stored page
    double skew_deg = 0; // rotation applied after the quarter turns (clockwise positive)
    int width = 0;       // of the prepared page
    int height = 0;

    // A box of the prepared page, as a box of the stored page.
    layout::BBox to_stored(const Rect& r) const;
    // A point of the stored page, in the prepared page (tests, annotations).
    void from_stored(double x, double y, double& px, double& py) const;
};

struct PreparedPage {
    PixPtr gray;   // 8 bpp, upright and deskewed
    PixPtr binary; // 1 bpp, foreground = ink
    PixPtr faint;  // 1 bpp, binary and the light grey strokes too (faded hairline rules)
    int dpi = 0;
    PageTransform transform;
    double orientation_confidence = 0;
};

// Grey version of any stored page. Colour pages take the brightest channel, which turns red and
// blue stamps and signatures light while black print stays black.
PixPtr to_gray(PIX* stored);

// Binarisation that tolerates shading (scanner lid shadows, phone photos): background
// normalisation followed by Otsu.
PixPtr binarize(PIX* gray);

// The grey page with its background brought to white (the normalisation binarize starts from);
// null when Leptonica cannot make it.
PixPtr normalize_background(PIX* gray);

// binarize with the normalisation already made (norm may be null: a fixed threshold then).
PixPtr binarize_normalized(PIX* gray, PIX* norm);

// The binary page and every stroke lighter than print but darker than paper: hairline rules
// that a phone scan or a copier turned light grey, which Otsu's threshold drops in pieces.
// For finding the table rules, not for reading.
PixPtr faint_ink(PIX* gray, PIX* binary);

// faint_ink with the normalisation already made (norm may be null: the binary page then).
PixPtr faint_ink_normalized(PIX* norm, PIX* binary);

// Skew angle (degrees, the rotation to apply) of a binary page; 0 when not confident.
double find_skew(PIX* binary);

// Whether the text lines of a binary page run vertically (the page is stored a quarter turn
// off): text-line strength across the page turned 90 degrees against as stored, on the
// text-sized components only (table rules run both ways). Tens of milliseconds, where
// Tesseract's OSD costs more than reading the page.
bool looks_sideways(PIX* binary, int dpi);

// For a page known to be sideways: the clockwise quarter turns (1 or 3) that make it upright,
// from Leptonica's ascender/descender count on the text-sized components turned 90 degrees
// (Latin print has more ascenders than descenders, and capitals count as ascenders). 0 when the
// signal is too weak to decide. confidence is the count's strength (|normalised difference|).
// About 10x cheaper than Tesseract's OSD on the same page.
int sideways_turn(PIX* binary, int dpi, double& confidence);

// Decides the quarter turns to make a binary page upright: returns clockwise quads (0..3) and
// sets confidence. Implemented with Tesseract's OSD by the engine.
using OrientationDetector = std::function<int(PIX* binary, int dpi, double& confidence)>;

// detect may be empty (orientation assumed upright); deskew false keeps the page's own frame
// (PDF text layers are positioned in it).
PreparedPage prepare_page(PIX* stored, int dpi, const OrientationDetector& detect,
                          bool deskew = true);

} // namespace sopaudit::ocr
