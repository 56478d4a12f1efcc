#pragma once
// Tesseract behind the Engine: one recogniser for text (ind, LSTM) and one for orientation
// (osd), created on first use in the worker thread that owns the Engine and reused for every
// page after.

#include "ocr/pix.hpp"
#include "ocr/scan_reader.hpp"

#include <chrono>
#include <string>
#include <tesseract/baseapi.h>
#include <vector>

namespace sopaudit::ocr {

struct OcrWord {
    std::string text;
    Rect box;
    double confidence = 0; // 0..1
};

struct OcrLine {
    std::vector<OcrWord> words;
    Rect box;
};

// A paragraph assembled from OCR'd lines.
struct OcrParagraph {
    std::string text; // white space folded, lines joined with ' '
    Rect box;
    double confidence = 0;      // mean word confidence; the worst word's in a short paragraph
    double mean_confidence = 0; // mean word confidence
    int words = 0;
    double conf_sum = 0; // of the words' confidences
};

struct Engine::Impl {
    tesseract::TessBaseAPI text;
    tesseract::TessBaseAPI osd;
    int text_state = 0; // 0 not tried, 1 ready, -1 failed
    int osd_state = 0;
    PIX* current = nullptr; // the image given to SetImage (not owned)

    bool text_ready();
    bool osd_ready();

    // Gives the page to the text recogniser (once per page).
    bool set_page(PIX* image, int dpi);
    // OCR of a region of the current page. deadline: give up (return what was read) after it.
    std::vector<OcrLine> read_region(const Rect& r, tesseract::PageSegMode mode,
                                     std::chrono::steady_clock::time_point deadline);
    // Clockwise quarter turns that make the page upright; confidence as Tesseract's OSD gives it.
    int detect_orientation(PIX* binary, int dpi, double& confidence);
};

// Groups lines of one cell or region into paragraphs: a new paragraph starts at a list marker
// ("1.", "a.", "-"), after a line that ended short of the right edge, or after a wide gap.
// The text gets the corrections of text_fix.hpp (list numbers, item semicolons, NIP groups).
std::vector<OcrParagraph> assemble_paragraphs(const std::vector<OcrLine>& lines,
                                              const Rect& region);

// A word that is only specks of punctuation (". ' : |"), not text.
bool is_speck_word(const std::string& w);

// Whether an OCR'd word (white space folded) is text to keep: not a speck, except a colon read
// surely after another word of its line.
bool keep_ocr_word(const std::string& w, double confidence, bool after_word);

// Drops a line's first word when it is one or two characters read unsure and stands apart
// from the next word by more than twice the line height: the edge of a logo or a stamp beside
// the text, not a word of it.
void drop_stray_lead(OcrLine& line);

// Folds runs of white space to one space and trims.
std::string fold_space(const std::string& s);

} // namespace sopaudit::ocr
