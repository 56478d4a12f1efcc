#pragma once
// The pages of a scan or PDF file, one at a time, with the safety limits checked before any
// pixel is decoded: the header's dimensions against max_pixels, the page count against
// max_pages.

#include "ingest/ingest.hpp"
#include "layout/layout.hpp"
#include "ocr/pix.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sopaudit::ocr {

// A word of a PDF text layer, box in pixels of the page as rendered at SourcePage::dpi.
struct TextWord {
    std::string text;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct SourcePage {
    PixPtr image;            // the page as stored (1, 8 or 32 bpp); for PDFs, as rendered
    int dpi = 0;             // resolution of image; 0 when the file does not say
    bool text_layer = false; // a PDF page with real text: words hold it
    std::vector<TextWord> words;
};

class PageSource {
public:
    // Opens the file and checks what can be checked without decoding pixels. On failure returns
    // nullptr and sets problem.
    static std::unique_ptr<PageSource> open(const std::filesystem::path& file,
                                            ingest::Format format, const ingest::Limits& limits,
                                            layout::Problem& problem);
    static std::unique_ptr<PageSource> open_bytes(std::string bytes, ingest::Format format,
                                                  const ingest::Limits& limits,
                                                  layout::Problem& problem);
    virtual ~PageSource() = default;
    virtual int page_count() const = 0;
    // Decodes page index (0-based). Returns nullopt and sets problem when it cannot.
    virtual std::optional<SourcePage> load(int index, layout::Problem& problem) = 0;
};

// DPI to use for OCR when the file does not say: pages are A4/F4, about 8.3 inches on the short
// side.
int guess_dpi(int width, int height);

} // namespace sopaudit::ocr
