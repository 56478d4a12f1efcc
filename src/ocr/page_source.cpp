#include "ocr/page_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

namespace sopaudit::ocr {
namespace {

using layout::Problem;
using layout::ProblemKind;

constexpr int kPdfRenderDpi = 300;
// A text layer with fewer visible characters than this is a page number or a stray
// watermark, not the page's text.
constexpr size_t kMinTextLayerChars = 40;

void quiet_libraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Broken inputs are reported as Problems; the libraries' own chatter on stderr is noise
        // in a nightly batch log.
        setMsgSeverity(L_SEVERITY_NONE);
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    });
}

Problem make_problem(ProblemKind kind, std::string detail, int page = 0) {
    Problem p;
    p.kind = kind;
    p.detail = std::move(detail);
    p.page = page;
    return p;
}

bool pixels_within(std::uint64_t w, std::uint64_t h, const ingest::Limits& limits) {
    return w > 0 && h > 0 && w * h <= limits.max_pixels;
}

// A JPEG that stops before its end-of-image marker is truncated: libjpeg would pad it with
// grey and call it a success.
bool jpeg_complete(const std::string& bytes) {
    if (bytes.size() < 4) {
        return false;
    }
    // Trailing padding after EOI is common (scanner firmware); look at the last few KB.
    const size_t from = bytes.size() > 4096 ? bytes.size() - 4096 : 0;
    for (size_t i = bytes.size() - 1; i > from; --i) {
        if (static_cast<unsigned char>(bytes[i - 1]) == 0xFF &&
            static_cast<unsigned char>(bytes[i]) == 0xD9) {
            return true;
        }
    }
    return false;
}

class ImageSource final : public PageSource {
public:
    ImageSource(std::string bytes, int format, std::vector<std::pair<int, int>> dims, int dpi)
        : m_bytes(std::move(bytes)), m_format(format), m_dims(std::move(dims)), m_dpi(dpi) {}

    int page_count() const override { return static_cast<int>(m_dims.size()); }

    std::optional<SourcePage> load(int index, Problem& problem) override {
        const auto* data = reinterpret_cast<const l_uint8*>(m_bytes.data());
        PixPtr pix;
        if (m_format == IFF_TIFF || m_format == IFF_TIFF_G4 || m_format == IFF_TIFF_G3 ||
            m_format == IFF_TIFF_LZW || m_format == IFF_TIFF_ZIP || m_format == IFF_TIFF_PACKBITS ||
            m_format == IFF_TIFF_RLE || m_format == IFF_TIFF_JPEG) {
            pix.reset(pixReadMemTiff(data, m_bytes.size(), index));
        } else {
            pix.reset(pixReadMem(data, m_bytes.size()));
        }
        if (!pix) {
            problem = make_problem(ProblemKind::unreadable, "image: cannot decode page", index + 1);
            return std::nullopt;
        }
        if (pixGetColormap(pix.get()) != nullptr) {
            pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
        }
        SourcePage page;
        page.dpi = pixGetXRes(pix.get());
        if (page.dpi < 70 || page.dpi > 1200) {
            page.dpi = guess_dpi(pixGetWidth(pix.get()), pixGetHeight(pix.get()));
        }
        page.image = std::move(pix);
        return page;
    }

private:
    std::string m_bytes;
    int m_format;
    std::vector<std::pair<int, int>> m_dims;
    int m_dpi;
};

class PdfSource final : public PageSource {
public:
    PdfSource(std::string bytes, std::unique_ptr<poppler::document> doc,
              const ingest::Limits& limits)
        : m_bytes(std::move(bytes)), m_doc(std::move(doc)), m_limits(limits) {}

    int page_count() const override { return m_doc->pages(); }

    std::optional<SourcePage> load(int index, Problem& problem) override {
        std::unique_ptr<poppler::page> page(m_doc->create_page(index));
        if (!page) {
            problem = make_problem(ProblemKind::unreadable, "pdf: cannot open page", index + 1);
            return std::nullopt;
        }
        SourcePage out;
        std::vector<poppler::text_box> boxes = page->text_list();
        size_t visible = 0;
        for (auto& b : boxes) {
            auto utf8 = b.text().to_utf8();
            for (char ch : utf8) {
                if (!std::isspace(static_cast<unsigned char>(ch))) {
                    ++visible;
                }
            }
        }
        out.text_layer = visible >= kMinTextLayerChars;
        // A text page is rendered only to find its table rules, so a lower resolution does.
        int dpi = out.text_layer ? 150 : kPdfRenderDpi;
        const poppler::rectf rect = page->page_rect(poppler::media_box);
        double wpt = rect.width(), hpt = rect.height();
        const auto orient = page->orientation();
        if (orient == poppler::page::landscape || orient == poppler::page::seascape) {
            std::swap(wpt, hpt);
        }
        if (wpt <= 0 || hpt <= 0 || wpt > 14400 || hpt > 14400) {
            problem =
                make_problem(ProblemKind::unreadable, "pdf: page has no usable size", index + 1);
            return std::nullopt;
        }
        // Our own choice of resolution must not trip the pixel limit on a large page: lower it,
        // and fail only if even 100 DPI is too much.
        auto pixels_at = [&](int d) {
            return static_cast<std::uint64_t>(wpt * d / 72.0) *
                   static_cast<std::uint64_t>(hpt * d / 72.0);
        };
        while (dpi > 100 && pixels_at(dpi) > m_limits.max_pixels) {
            dpi -= 50;
        }
        if (pixels_at(dpi) > m_limits.max_pixels) {
            problem = make_problem(ProblemKind::limit, "pdf: page too large to render", index + 1);
            return std::nullopt;
        }
        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        renderer.set_image_format(poppler::image::format_gray8);
        poppler::image img = renderer.render_page(page.get(), dpi, dpi);
        if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
            problem =
                make_problem(ProblemKind::unreadable, "pdf: page cannot be rendered", index + 1);
            return std::nullopt;
        }
        PixPtr pix(pixCreate(img.width(), img.height(), 8));
        const int stride = img.bytes_per_row();
        const char* src = img.const_data();
        for (int y = 0; y < img.height(); ++y) {
            l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
            const auto* row =
                reinterpret_cast<const unsigned char*>(src + static_cast<ptrdiff_t>(y) * stride);
            for (int x = 0; x < img.width(); ++x) {
                SET_DATA_BYTE(line, x, row[x]);
            }
        }
        pixSetResolution(pix.get(), dpi, dpi);
        out.image = std::move(pix);
        out.dpi = dpi;
        if (out.text_layer) {
            // text_list boxes are in points, origin top-left of the page as displayed.
            const double k = dpi / 72.0;
            for (auto& b : boxes) {
                auto utf8 = b.text().to_utf8();
                std::string text(utf8.begin(), utf8.end());
                if (text.empty()) {
                    continue;
                }
                const poppler::rectf r = b.bbox();
                out.words.push_back(TextWord{std::move(text), r.left() * k, r.top() * k,
                                             r.right() * k, r.bottom() * k});
            }
        }
        return out;
    }

private:
    std::string m_bytes; // poppler reads from it: must outlive m_doc
    std::unique_ptr<poppler::document> m_doc;
    ingest::Limits m_limits;
};

std::unique_ptr<PageSource> open_image(std::string bytes, const ingest::Limits& limits,
                                       Problem& problem) {
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0) {
        problem = make_problem(ProblemKind::unreadable, "image: unreadable header");
        return nullptr;
    }
    std::vector<std::pair<int, int>> dims;
    const bool tiff = format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
                      format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP ||
                      format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
                      format == IFF_TIFF_JPEG;
    if (tiff) {
        l_int32 n = 0;
        FILE* fp = fopenReadFromMemory(data, bytes.size());
        if (fp == nullptr || tiffGetCount(fp, &n) != 0 || n <= 0) {
            if (fp != nullptr) {
                fclose(fp);
            }
            problem = make_problem(ProblemKind::unreadable, "tiff: no readable page");
            return nullptr;
        }
        fclose(fp);
        if (n > limits.max_pages) {
            problem =
                make_problem(ProblemKind::limit, "tiff: " + std::to_string(n) + " pages, limit " +
                                                     std::to_string(limits.max_pages));
            return nullptr;
        }
        for (int i = 0; i < n; ++i) {
            l_int32 pw = 0, ph = 0, pbps = 0, pspp = 0, res = 0, pcmap = 0, pformat = 0;
            if (readHeaderMemTiff(data, bytes.size(), i, &pw, &ph, &pbps, &pspp, &res, &pcmap,
                                  &pformat) != 0) {
                problem =
                    make_problem(ProblemKind::unreadable, "tiff: unreadable page header", i + 1);
                return nullptr;
            }
            if (!pixels_within(pw, ph, limits)) {
                problem = make_problem(ProblemKind::limit,
                                       "image: " + std::to_string(pw) + "x" + std::to_string(ph) +
                                           " pixels exceeds the pixel limit",
                                       i + 1);
                return nullptr;
            }
            dims.emplace_back(pw, ph);
        }
    } else {
        if (!pixels_within(static_cast<std::uint64_t>(w), static_cast<std::uint64_t>(h), limits)) {
            problem = make_problem(ProblemKind::limit, "image: " + std::to_string(w) + "x" +
                                                           std::to_string(h) +
                                                           " pixels exceeds the pixel limit");
            return nullptr;
        }
        if (format == IFF_JFIF_JPEG && !jpeg_complete(bytes)) {
            problem =
                make_problem(ProblemKind::unreadable, "jpeg: truncated (no end-of-image marker)");
            return nullptr;
        }
        dims.emplace_back(w, h);
    }
    return std::make_unique<ImageSource>(std::move(bytes), format, std::move(dims), 0);
}

std::unique_ptr<PageSource> open_pdf(std::string bytes, const ingest::Limits& limits,
                                     Problem& problem) {
    if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        problem = make_problem(ProblemKind::limit, "pdf: file too large");
        return nullptr;
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
        // poppler gives nullptr both for a broken file and for one that needs a password it was
        // not given; the trailer's /Encrypt tells them apart.
        if (bytes.find("/Encrypt") != std::string::npos) {
            problem = make_problem(ProblemKind::encrypted, "pdf: password-protected");
        } else {
            problem = make_problem(ProblemKind::unreadable, "pdf: cannot be parsed");
        }
        return nullptr;
    }
    if (doc->is_locked()) {
        problem = make_problem(ProblemKind::encrypted, "pdf: password-protected");
        return nullptr;
    }
    const int n = doc->pages();
    if (n <= 0) {
        problem = make_problem(ProblemKind::unreadable, "pdf: no pages");
        return nullptr;
    }
    if (n > limits.max_pages) {
        problem = make_problem(ProblemKind::limit, "pdf: " + std::to_string(n) + " pages, limit " +
                                                       std::to_string(limits.max_pages));
        return nullptr;
    }
    return std::make_unique<PdfSource>(std::move(bytes), std::move(doc), limits);
}

} // namespace

int guess_dpi(int width, int height) {
    const int short_side = std::min(width, height);
    const int dpi = static_cast<int>(std::lround(short_side / 8.27));
    return std::clamp(dpi, 70, 600);
}

std::unique_ptr<PageSource> PageSource::open_bytes(std::string bytes, ingest::Format format,
                                                   const ingest::Limits& limits, Problem& problem) {
    quiet_libraries();
    if (bytes.empty()) {
        problem = make_problem(ProblemKind::unreadable, "empty file");
        return nullptr;
    }
    if (format == ingest::Format::pdf) {
        return open_pdf(std::move(bytes), limits, problem);
    }
    return open_image(std::move(bytes), limits, problem);
}

std::unique_ptr<PageSource> PageSource::open(const std::filesystem::path& file,
                                             ingest::Format format, const ingest::Limits& limits,
                                             Problem& problem) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        problem = make_problem(ProblemKind::unreadable, "cannot stat file: " + ec.message());
        return nullptr;
    }
    if (size > limits.max_file_bytes) {
        problem = make_problem(ProblemKind::limit, "file larger than the size limit");
        return nullptr;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problem = make_problem(ProblemKind::unreadable, "cannot open file");
        return nullptr;
    }
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uint64_t>(in.gcount()) != size) {
        problem = make_problem(ProblemKind::unreadable, "short read");
        return nullptr;
    }
    return open_bytes(std::move(bytes), format, limits, problem);
}

} // namespace sopaudit::ocr
