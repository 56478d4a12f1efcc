#pragma once
// Reads scans (PNG, JPEG, TIFF) and PDFs into the layout model: text layers where a PDF page has
// one, otherwise page preparation with Leptonica, ruled-table recovery, Tesseract OCR per cell and
// flowchart symbol classification.

#include "ingest/ingest.hpp"
#include "layout/layout.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace sopaudit::ocr {

// One Tesseract engine (or set of engines) per worker thread, initialised once and reused.
// Not thread-safe: each worker owns one.
class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    struct Impl;
    Impl& impl();

private:
    std::unique_ptr<Impl> m_impl;
};

// format is ingest::Format::image or ingest::Format::pdf.
layout::ReadResult read_scan(const std::filesystem::path& file, ingest::Format format,
                             const ingest::Limits& limits, Engine& engine);

} // namespace sopaudit::ocr
