// Development tool: prints the layout model the DOCX reader builds for each file given.
// Usage: dump_layout [--brief] [--repeat N] FILE.docx...
// --repeat N reads every file N times in this process and prints the mean time per read.

#include "docx/docx_reader.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

using namespace sopaudit;

std::string one_line(std::string s, std::size_t max = 60) {
    for (char& c : s) {
        if (c == '\n') {
            c = '|';
        } else if (c == '\t') {
            c = ' ';
        }
    }
    if (s.size() > max) {
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
            --cut; // keep UTF-8 whole
        }
        s = s.substr(0, cut) + "...";
    }
    return s;
}

void print_shape(const layout::Shape& s, const char* indent) {
    std::cout << indent << "shape " << layout::to_string(s.shape_class) << " geom=" << s.geometry
              << (s.floating ? " floating" : " inline") << " rel=" << s.h_relative_from
              << " x=" << s.h_offset_emu << " w=" << s.width_emu << " @t" << s.where.table << "r"
              << s.where.row << "c" << s.where.col << "p" << s.where.page;
    if (!s.text.empty()) {
        std::cout << " text=\"" << one_line(s.text, 30) << "\"";
    }
    std::cout << "\n";
}

void print(const layout::Document& d, bool brief) {
    std::cout << "pages " << d.pages.size();
    for (const auto& p : d.pages) {
        std::cout << " [" << p.number << ":" << p.width << "x" << p.height
                  << (p.landscape ? " L" : " P") << "]";
    }
    std::cout << "\nparagraphs " << d.paragraphs.size() << " tables " << d.tables.size()
              << " body-blocks " << d.body.size() << " body-shapes " << d.shapes.size()
              << " header-paragraphs " << d.header_paragraphs.size() << "\n";
    for (const auto& b : d.body) {
        if (b.kind == layout::Block::Kind::paragraph) {
            const auto& p = d.paragraphs[static_cast<std::size_t>(b.index)];
            if (!brief && !p.text.empty()) {
                std::cout << "P p" << p.where.page << (p.bold ? " bold" : "")
                          << (p.num_id >= 0 ? " num=" + std::to_string(p.num_id) : "") << " \""
                          << one_line(p.text) << "\"\n";
            }
            continue;
        }
        const auto& t = d.tables[static_cast<std::size_t>(b.index)];
        std::cout << "TABLE " << t.index << " p" << t.where.page << " " << t.n_rows << "x"
                  << t.n_cols << " widths";
        for (double w : t.col_widths) {
            std::cout << " " << w;
        }
        std::cout << " header-rows";
        for (std::size_t r = 0; r < t.header_rows.size(); ++r) {
            if (t.header_rows[r]) {
                std::cout << " " << r;
            }
        }
        std::cout << "\n";
        for (const auto& c : t.cells) {
            const bool interesting =
                c.row_span > 1 || c.col_span > 1 || !c.shapes.empty() || !c.nested_tables.empty();
            if (brief && !interesting) {
                continue;
            }
            std::cout << "  cell r" << c.row << " c" << c.col;
            if (c.row_span > 1 || c.col_span > 1) {
                std::cout << " span " << c.row_span << "x" << c.col_span;
            }
            std::cout << (c.shaded ? " shaded" : "") << " p" << c.where.page << " \""
                      << one_line(c.text(), 50) << "\"\n";
            for (const auto& s : c.shapes) {
                print_shape(s, "    ");
            }
            for (int n : c.nested_tables) {
                std::cout << "    nested table " << n << "\n";
            }
        }
    }
    for (const auto& s : d.shapes) {
        print_shape(s, "");
    }
}

} // namespace

int main(int argc, char** argv) {
    bool brief = false;
    int repeat = 0;
    int failures = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--brief") == 0) {
            brief = true;
            continue;
        }
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
            repeat = std::atoi(argv[++i]);
            continue;
        }
        if (repeat > 0) {
            const auto start = std::chrono::steady_clock::now();
            bool failed = false;
            for (int k = 0; k < repeat; ++k) {
                failed = docx::read_docx(argv[i], ingest::Limits{}).failed || failed;
            }
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count() /
                repeat;
            std::cout << ms << " ms/read " << (failed ? "FAILED " : "") << argv[i] << "\n";
            failures += failed ? 1 : 0;
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        const auto result = docx::read_docx(argv[i], ingest::Limits{});
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        std::cout << "== " << argv[i] << " (" << ms << " ms)\n";
        for (const auto& p : result.problems) {
            std::cout << "PROBLEM " << layout::to_string(p.kind) << ": " << p.detail << "\n";
        }
        if (result.failed) {
            ++failures;
            continue;
        }
        print(result.document, brief);
    }
    return failures == 0 ? 0 : 1;
}
