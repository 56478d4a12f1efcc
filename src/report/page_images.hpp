#pragma once
// Annotated page images for scans and PDFs: each page re-read (Leptonica pixRead, or the PDF page
// rendered with poppler-cpp), the table cells, flowchart symbols and the boxes of findings drawn
// on it, scaled down and written as PNG for the HTML report.

#include "audit/file_result.hpp"
#include "layout/layout.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sopaudit::report {

struct PageImage {
    int page = 1;         // 1-based
    std::string relative; // path relative to the output folder, '/'-separated
    int width = 0;        // of the written PNG
    int height = 0;
    int finding_boxes = 0; // boxes of findings drawn on it
    // Pixels of the PNG per unit of the boxes' coordinates, to draw more boxes on it later.
    double scale_x = 1;
    double scale_y = 1;
};

struct PageImageOptions {
    int max_width = 900; // pixels of the written PNG
    int max_pages = 20;  // per file
};

// Copies what the annotated pages need from the layout document (page geometry, cell and symbol
// boxes) into the file result; call it while the document is still at hand.
void capture_layout_boxes(const layout::Document& document, audit::FileResult& file);

// Where a file's source is: root when the root is the file itself, else root/path.
std::filesystem::path source_path(const audit::FileResult& file);

// Writes out_dir/pages/<file path>/page-<n>.png for every page of a scan or PDF that has anything
// to show (any box). Files that are not scans (DOCX ...) or cannot be re-read give no images;
// this never throws for a bad input file.
std::vector<PageImage> write_page_images(const std::filesystem::path& out_dir,
                                         const audit::FileResult& file,
                                         const PageImageOptions& options = {});

// The images write_page_images gave for file, once findings were appended to it (from
// file.findings[first_new] on: the run-level rules' findings): their boxes are drawn over the
// written PNGs, and a page that had nothing to show is drawn whole. The pictures are the ones
// write_page_images would write for the file as it is now, at a fraction of the cost (no source
// re-read or scaled for pages already written).
std::vector<PageImage> add_finding_boxes(const std::filesystem::path& out_dir,
                                         const audit::FileResult& file,
                                         std::vector<PageImage> images, std::size_t first_new,
                                         const PageImageOptions& options = {});

} // namespace sopaudit::report
