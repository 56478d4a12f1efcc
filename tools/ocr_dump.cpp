// Development tool: reads one scan/PDF with the OCR reader and prints what it found (tables,
// cells, symbols, paragraphs); with --png PREFIX also writes each page as stored with the boxes
// drawn on it (cells blue, symbols red, text green).
//
// Build (after the release build):  tools/build_ocr_dump.sh
// Run:  OMP_THREAD_LIMIT=1 build/release/ocr_dump FILE [--png /tmp/page]
#include "ingest/ingest.hpp"
#include "layout/layout.hpp"
#include "ocr/page_source.hpp"
#include "ocr/scan_reader.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using namespace sopaudit;

static void draw(PIX* rgb, const layout::BBox& b, int width, l_uint8 r, l_uint8 g, l_uint8 bl) {
    BOX* box = boxCreate(int(b.x0), int(b.y0), int(b.width()), int(b.height()));
    pixRenderBoxArb(rgb, box, width, r, g, bl);
    boxDestroy(&box);
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: ocr_dump FILE [--png PREFIX]\n";
        return 2;
    }
    const std::string file = argv[1];
    std::string png;
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--png") == 0) {
            png = argv[i + 1];
        }
    }
    const bool is_pdf = file.size() > 4 && (file.substr(file.size() - 4) == ".pdf" ||
                                            file.substr(file.size() - 4) == ".PDF");
    const ingest::Format format = is_pdf ? ingest::Format::pdf : ingest::Format::image;
    ingest::Limits limits;
    ocr::Engine engine;
    const auto t0 = std::chrono::steady_clock::now();
    layout::ReadResult r = ocr::read_scan(file, format, limits, engine);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("file %s: method %s failed %d, %.2f s\n", file.c_str(), r.document.method.c_str(),
                int(r.failed), secs);
    for (auto& p : r.problems) {
        std::printf("problem %s page %d: %s\n", layout::to_string(p.kind), p.page,
                    p.detail.c_str());
    }
    for (auto& pg : r.document.pages) {
        std::printf("page %d: %gx%g dpi %d rot %d skew %.2f conf %.2f %s\n", pg.number, pg.width,
                    pg.height, pg.dpi, pg.rotation, pg.skew, pg.confidence, pg.method.c_str());
    }
    for (auto& b : r.document.body) {
        if (b.kind == layout::Block::Kind::paragraph) {
            auto& p = r.document.paragraphs[b.index];
            std::printf("P[p%d %.2f] %s\n", p.where.page, p.confidence, p.text.c_str());
            continue;
        }
        auto& t = r.document.tables[b.index];
        std::printf("TABLE %d page %d %dx%d\n", t.index, t.where.page, t.n_rows, t.n_cols);
        for (auto& c : t.cells) {
            std::printf("  (%d,%d %dx%d) ", c.row, c.col, c.row_span, c.col_span);
            for (auto& s : c.shapes) {
                std::printf("[%s %.2f] ", s.geometry.c_str(), s.confidence);
            }
            std::string text = c.text();
            for (auto& ch : text) {
                if (ch == '\n')
                    ch = '|';
            }
            std::printf("%s\n", text.c_str());
        }
    }
    if (png.empty()) {
        return 0;
    }
    layout::Problem problem;
    auto src = ocr::PageSource::open(file, format, limits, problem);
    for (int i = 0; src && i < src->page_count(); ++i) {
        auto page = src->load(i, problem);
        if (!page)
            continue;
        PIX* rgb = pixConvertTo32(page->image.get());
        for (auto& t : r.document.tables) {
            if (t.where.page != i + 1)
                continue;
            for (auto& c : t.cells) {
                draw(rgb, *c.where.bbox, 3, 0, 90, 255);
                for (auto& p : c.paragraphs)
                    draw(rgb, *p.where.bbox, 1, 0, 170, 0);
                for (auto& s : c.shapes)
                    draw(rgb, *s.where.bbox, 4, 230, 0, 0);
            }
        }
        for (auto& p : r.document.paragraphs) {
            if (p.where.page == i + 1)
                draw(rgb, *p.where.bbox, 2, 0, 170, 0);
        }
        const std::string out = png + "-" + std::to_string(i + 1) + ".png";
        pixWrite(out.c_str(), rgb, IFF_PNG);
        pixDestroy(&rgb);
        std::printf("wrote %s\n", out.c_str());
    }
    return 0;
}
