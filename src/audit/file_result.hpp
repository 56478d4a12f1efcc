#pragma once
// Everything the run knows about one file: what it is, what it holds, what is wrong with it.

#include "audit/finding.hpp"
#include "sop/sop_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sopaudit::audit {

struct FileResult {
    std::string path;    // relative to the input root
    std::string root;    // the input root it was found under
    std::string sha256;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string format;  // report.json format: docx, pdf, image, doc, odt, unknown
    std::string status;  // audited, unchanged, failed
    std::string method;  // xml, pdf-text, ocr, mixed; empty = null
    std::optional<int> pages;
    std::vector<sop::Sop> sops;
    std::vector<Finding> findings;
    // For annotated page images (report/): the pages as the reader saw them and the boxes it
    // found on them (scans, PDFs; empty for DOCX). Filled by report::capture_layout_boxes.
    std::vector<layout::Page> layout_pages;
    std::vector<layout::Provenance> cell_boxes;   // every table cell with a bbox
    std::vector<layout::Provenance> symbol_boxes; // every flowchart symbol or mark with a bbox
};

} // namespace sopaudit::audit
