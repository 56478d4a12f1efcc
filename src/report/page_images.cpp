#include "report/page_images.hpp"

#include "report/escape.hpp"

#include <algorithm>
#include <cmath>
#include <leptonica/allheaders.h>
#include <memory>
#include <optional>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <system_error>

namespace sopaudit::report {
namespace {

struct PixDeleter {
    void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct Rgb {
    l_uint8 r, g, b;
};
constexpr Rgb k_cell{60, 140, 60};
constexpr Rgb k_symbol{31, 95, 168};
constexpr Rgb k_finding{208, 28, 28};

struct Mark {
    layout::BBox box;
    Rgb color;
    int width;
};

bool usable(const layout::BBox& b) {
    return b.x1 > b.x0 && b.y1 > b.y0;
}

void add(std::vector<std::vector<Mark>>& pages, const layout::Provenance& p, Rgb color, int width,
         int n_pages) {
    if (!p.bbox || !usable(*p.bbox)) {
        return;
    }
    int page = p.page;
    if (page <= 0 && n_pages == 1) {
        page = 1;
    }
    if (page <= 0 || page > static_cast<int>(pages.size())) {
        return;
    }
    pages[static_cast<std::size_t>(page - 1)].push_back({*p.bbox, color, width});
}

// Everything worth drawing, per page: cells first, then symbols, findings on top.
std::vector<std::vector<Mark>> collect_marks(const audit::FileResult& file, int n_pages) {
    std::vector<std::vector<Mark>> pages(static_cast<std::size_t>(std::max(n_pages, 0)));
    for (const auto& p : file.cell_boxes) {
        add(pages, p, k_cell, 1, n_pages);
    }
    for (const auto& sop : file.sops) {
        for (const auto& [key, v] : sop.identity) {
            add(pages, v.where, k_cell, 1, n_pages);
            add(pages, v.label_where, k_cell, 1, n_pages);
        }
        for (const auto& step : sop.procedure.steps) {
            add(pages, step.where, k_cell, 1, n_pages);
        }
    }
    for (const auto& p : file.symbol_boxes) {
        add(pages, p, k_symbol, 2, n_pages);
    }
    for (const auto& f : file.findings) {
        if (!f.location.bbox) {
            continue;
        }
        layout::Provenance p;
        p.page = f.location.page.value_or(0);
        p.bbox = f.location.bbox;
        add(pages, p, k_finding, 3, n_pages);
    }
    return pages;
}

const layout::Page* page_geometry(const audit::FileResult& file, int page) {
    for (const auto& p : file.layout_pages) {
        if (p.number == page) {
            return &p;
        }
    }
    return nullptr;
}

// A poppler rendering as a 32 bpp Leptonica image.
PixPtr pix_from_poppler(const poppler::image& img) {
    if (!img.is_valid() || img.format() != poppler::image::format_argb32) {
        return nullptr;
    }
    const int w = img.width(), h = img.height();
    PixPtr pix(pixCreate(w, h, 32));
    if (!pix) {
        return nullptr;
    }
    const char* data = img.const_data();
    const int stride = img.bytes_per_row();
    l_uint32* dst = pixGetData(pix.get());
    const int wpl = pixGetWpl(pix.get());
    for (int y = 0; y < h; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        l_uint32* line = dst + static_cast<std::ptrdiff_t>(y) * wpl;
        for (int x = 0; x < w; ++x) {
            const std::uint32_t argb = row[x];
            composeRGBPixel(static_cast<l_int32>((argb >> 16) & 0xFF),
                            static_cast<l_int32>((argb >> 8) & 0xFF),
                            static_cast<l_int32>(argb & 0xFF), line + x);
        }
    }
    return pix;
}

PixPtr load_page(const audit::FileResult& file, const std::filesystem::path& source, int page,
                 poppler::document* pdf) {
    if (pdf) {
        std::unique_ptr<poppler::page> p(pdf->create_page(page - 1));
        if (!p) {
            return nullptr;
        }
        const auto rect = p->page_rect();
        double dpi = 300.0; // the scan reader's usual render resolution when it does not say
        if (const auto* geo = page_geometry(file, page)) {
            if (geo->dpi > 0) {
                dpi = geo->dpi;
            } else if (geo->width > 0 && rect.width() > 0) {
                dpi = 72.0 * geo->width / rect.width();
            }
        }
        dpi = std::clamp(dpi, 36.0, 600.0);
        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        return pix_from_poppler(renderer.render_page(p.get(), dpi, dpi));
    }
    const std::string path = source.string();
    if (page > 1) {
        return PixPtr(pixReadTiff(path.c_str(), page - 1));
    }
    return PixPtr(pixRead(path.c_str()));
}

// The scaled page in a form the coloured boxes can be drawn on. A grey or bilevel scan becomes
// 64 grey levels in a colour map that the boxes' colours join: one byte a pixel for PNG to
// filter and deflate, not three (a 900 px wide page: 31 -> 10 ms). Colour pages stay RGB.
PixPtr drawable_page(PIX* scaled) {
    const int depth = pixGetDepth(scaled);
    if (depth == 1) {
        return PixPtr(pixConvertTo8(scaled, 1));
    }
    if (depth == 8 && pixGetColormap(scaled) == nullptr) {
        return PixPtr(pixThresholdOn8bpp(scaled, 64, 1));
    }
    return PixPtr(pixConvertTo32(scaled));
}

} // namespace

void capture_layout_boxes(const layout::Document& document, audit::FileResult& file) {
    file.layout_pages = document.pages;
    file.cell_boxes.clear();
    file.symbol_boxes.clear();
    auto symbol = [&](const layout::Shape& s) {
        if (s.where.bbox && s.shape_class != layout::ShapeClass::line) {
            file.symbol_boxes.push_back(s.where);
        }
    };
    for (const auto& table : document.tables) {
        for (const auto& cell : table.cells) {
            if (cell.where.bbox) {
                auto where = cell.where;
                if (where.page <= 0) {
                    where.page = table.where.page;
                }
                file.cell_boxes.push_back(where);
            }
            for (const auto& s : cell.shapes) {
                symbol(s);
            }
        }
    }
    for (const auto& s : document.shapes) {
        symbol(s);
    }
}

std::filesystem::path source_path(const audit::FileResult& file) {
    std::error_code ec;
    const std::filesystem::path root(file.root);
    if (!file.root.empty() && std::filesystem::is_regular_file(root, ec)) {
        return root;
    }
    if (file.root.empty()) {
        return std::filesystem::path(file.path);
    }
    return root / file.path;
}

namespace {

// Draws marks onto page (pixels = box coordinates times fx, fy); counts the findings' boxes.
void draw_marks(PIX* page, const std::vector<Mark>& marks, double fx, double fy, PageImage& img) {
    for (const auto& m : marks) {
        const auto x0 = static_cast<l_int32>(std::floor(m.box.x0 * fx));
        const auto y0 = static_cast<l_int32>(std::floor(m.box.y0 * fy));
        const auto bw = static_cast<l_int32>(std::ceil((m.box.x1 - m.box.x0) * fx));
        const auto bh = static_cast<l_int32>(std::ceil((m.box.y1 - m.box.y0) * fy));
        BOX* box = boxCreate(x0, y0, std::max(bw, 1), std::max(bh, 1));
        if (box) {
            pixRenderBoxArb(page, box, m.width, m.color.r, m.color.g, m.color.b);
            boxDestroy(&box);
        }
        if (m.color.r == k_finding.r && m.color.g == k_finding.g) {
            ++img.finding_boxes;
        }
    }
}

// Writes the drawn page as img.relative (set here) under out_dir; false if it cannot.
bool write_png(const std::filesystem::path& out_dir, const std::string& dir_rel, PIX* page,
               PageImage& img) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir / dir_rel, ec);
    if (ec) {
        return false;
    }
    img.relative = dir_rel + "/page-" + std::to_string(img.page) + ".png";
    // zlib's fastest level: at the default one, deflate was 4% of the CPU of a scan run
    // (perf, 4 pages) for a picture viewed once; the file is somewhat larger.
    pixSetZlibCompression(page, 1);
    if (pixWrite((out_dir / img.relative).string().c_str(), page, IFF_PNG) != 0) {
        return false;
    }
    img.width = pixGetWidth(page);
    img.height = pixGetHeight(page);
    return true;
}

// One page re-read from the source, scaled, turned as the reader saw it and drawn on.
std::optional<PageImage> draw_page(const std::filesystem::path& out_dir,
                                   const audit::FileResult& file,
                                   const std::filesystem::path& source, poppler::document* pdf,
                                   int page, const std::vector<Mark>& page_marks,
                                   const PageImageOptions& options) {
    auto pix = load_page(file, source, page, pdf);
    if (!pix) {
        return std::nullopt;
    }
    const auto* geo = page_geometry(file, page);
    int w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
    // A reader that turned the page to read it gives boxes in the turned frame; the page is
    // turned after scaling, on a tenth of the pixels.
    int quarter_turns = 0;
    if (geo && (geo->rotation == 90 || geo->rotation == 270) && geo->width > 0 &&
        static_cast<int>(geo->width) == h && static_cast<int>(geo->height) == w) {
        quarter_turns = geo->rotation / 90;
        std::swap(w, h);
    }
    // Box coordinates are in the frame the reader saw; map them onto this image.
    const double frame_x = geo && geo->width > 0 ? w / geo->width : 1.0;
    const double frame_y = geo && geo->height > 0 ? h / geo->height : frame_x;
    const double scale = std::min(1.0, static_cast<double>(options.max_width) / w);
    PixPtr scaled(
        pixScale(pix.get(), static_cast<l_float32>(scale), static_cast<l_float32>(scale)));
    pix.reset();
    if (scaled && quarter_turns != 0) {
        scaled.reset(pixRotateOrth(scaled.get(), quarter_turns));
    }
    if (!scaled) {
        return std::nullopt;
    }
    PixPtr color = drawable_page(scaled.get());
    if (!color) {
        return std::nullopt;
    }
    PageImage img;
    img.page = page;
    img.scale_x = frame_x * scale;
    img.scale_y = frame_y * scale;
    draw_marks(color.get(), page_marks, img.scale_x, img.scale_y, img);
    if (!write_png(out_dir, "pages/" + safe_relative_path(file.path), color.get(), img)) {
        return std::nullopt;
    }
    return img;
}

// The source of a scan or PDF with its page count, or nothing to draw.
struct Source {
    std::filesystem::path path;
    std::unique_ptr<poppler::document> pdf;
    int pages = 0;
};

std::optional<Source> open_source(const audit::FileResult& file, const PageImageOptions& options) {
    if ((file.format != "image" && file.format != "pdf") || file.status == "failed") {
        return std::nullopt;
    }
    Source src;
    src.path = source_path(file);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(src.path, ec)) {
        return std::nullopt;
    }
    src.pages = file.pages.value_or(1);
    if (file.format == "pdf") {
        src.pdf.reset(poppler::document::load_from_file(src.path.string()));
        if (!src.pdf || src.pdf->is_locked()) {
            return std::nullopt;
        }
        src.pages = src.pdf->pages();
    }
    src.pages = std::min(src.pages, options.max_pages);
    return src;
}

} // namespace

std::vector<PageImage> write_page_images(const std::filesystem::path& out_dir,
                                         const audit::FileResult& file,
                                         const PageImageOptions& options) {
    std::vector<PageImage> out;
    auto src = open_source(file, options);
    if (!src) {
        return out;
    }
    const auto marks = collect_marks(file, src->pages);
    for (int page = 1; page <= src->pages; ++page) {
        const auto& page_marks = marks[static_cast<std::size_t>(page - 1)];
        if (page_marks.empty()) {
            continue; // nothing found on it: the picture would say nothing
        }
        if (auto img =
                draw_page(out_dir, file, src->path, src->pdf.get(), page, page_marks, options)) {
            out.push_back(std::move(*img));
        }
    }
    return out;
}

std::vector<PageImage> add_finding_boxes(const std::filesystem::path& out_dir,
                                         const audit::FileResult& file,
                                         std::vector<PageImage> images, std::size_t first_new,
                                         const PageImageOptions& options) {
    if (first_new >= file.findings.size()) {
        return images;
    }
    auto src = open_source(file, options);
    if (!src) {
        return images;
    }
    // The new boxes per page, as collect_marks gives them: findings come last, in order, so
    // drawing them over the written picture gives the picture of all the marks.
    audit::FileResult only_new;
    only_new.findings.assign(file.findings.begin() + static_cast<std::ptrdiff_t>(first_new),
                             file.findings.end());
    const auto new_marks = collect_marks(only_new, src->pages);
    std::vector<std::vector<Mark>> all_marks; // collected only if a page must be drawn whole
    const std::string dir_rel = "pages/" + safe_relative_path(file.path);
    for (int page = 1; page <= src->pages; ++page) {
        const auto& marks = new_marks[static_cast<std::size_t>(page - 1)];
        if (marks.empty()) {
            continue;
        }
        auto it = std::find_if(images.begin(), images.end(),
                               [&](const PageImage& img) { return img.page == page; });
        if (it != images.end()) {
            PixPtr drawn(pixRead((out_dir / it->relative).string().c_str()));
            if (drawn) {
                PageImage img = *it;
                draw_marks(drawn.get(), marks, img.scale_x, img.scale_y, img);
                if (write_png(out_dir, dir_rel, drawn.get(), img)) {
                    *it = img;
                    continue;
                }
            }
            images.erase(it);
        }
        // No picture of this page yet (nothing was on it), or it cannot be read back.
        if (all_marks.empty()) {
            all_marks = collect_marks(file, src->pages);
        }
        if (auto img = draw_page(out_dir, file, src->path, src->pdf.get(), page,
                                 all_marks[static_cast<std::size_t>(page - 1)], options)) {
            images.insert(std::find_if(images.begin(), images.end(),
                                       [&](const PageImage& i) { return i.page > page; }),
                          std::move(*img));
        }
    }
    return images;
}

} // namespace sopaudit::report
