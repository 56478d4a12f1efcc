#include "ocr/scan_reader.hpp"

#include "ocr/page_prep.hpp"
#include "ocr/page_source.hpp"
#include "ocr/symbols.hpp"
#include "ocr/table_grid.hpp"
#include "ocr/text_ocr.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <set>

namespace sopaudit::ocr {
namespace {

using Clock = std::chrono::steady_clock;
using layout::BBox;
using layout::Problem;
using layout::ProblemKind;

// Below this OSD confidence a quarter turn is not worth the risk of turning an upright page.
constexpr double kMinOrientationConfidence = 1.5;
// Mean word confidence under which a page's text cannot be trusted.
constexpr double kLowConfidence = 0.6;
// Word confidence at which a short text is a word and not a tick or cross read as letters.
constexpr double kSureWordConfidence = 0.9;

// Text marks a legacy SOP puts in the actor column instead of a symbol.
bool is_mark_text(const std::string& t) {
    static const std::set<std::string> marks = {"v",
                                                "V",
                                                "x",
                                                "X",
                                                "\xE2\x88\x9A",
                                                "\xE2\x9C\x93",
                                                "\xE2\x9C\x94",
                                                "\xE2\x9C\x97",
                                                "\xE2\x9C\x98",
                                                "\xE2\x80\xA2"};
    return marks.count(t) > 0;
}

Rect shrink(const Rect& r, int by) {
    return Rect{r.x0 + by, r.y0 + by, r.x1 - by, r.y1 - by};
}

int ink_in(PIX* binary, const Rect& r) {
    if (r.empty()) {
        return 0;
    }
    BoxPtr b = make_box(r);
    l_int32 n = 0;
    pixCountPixelsInRect(binary, b.get(), &n, nullptr);
    return n;
}

// Components of text size inside r, not counting those inside the symbols' boxes: how much of
// the cell is writing rather than drawing.
int text_components(PIX* binary, const Rect& r, const std::vector<FoundSymbol>& symbols, int dpi) {
    BoxPtr b = make_box(r);
    PixPtr crop(pixClipRectangle(binary, b.get(), nullptr));
    if (!crop) {
        return 0;
    }
    const int pad = std::max(2, dpi / 60);
    for (const FoundSymbol& s : symbols) {
        BoxPtr sb(boxCreate(s.box.x0 - r.x0 - pad, s.box.y0 - r.y0 - pad, s.box.width() + 2 * pad,
                            s.box.height() + 2 * pad));
        pixClearInRect(crop.get(), sb.get());
    }
    int n = 0;
    const int min_h = std::max(3, dpi / 40), max_h = dpi / 3, max_w = dpi / 2;
    PIXA* pixa_raw = nullptr;
    BoxaPtr boxa(pixConnComp(crop.get(), &pixa_raw, 8));
    PixaPtr pixa(pixa_raw);
    const int count = boxa ? boxaGetCount(boxa.get()) : 0;
    for (int i = 0; i < count; ++i) {
        BoxPtr cb(boxaGetBox(boxa.get(), i, L_COPY));
        const Rect c = rect_of(cb.get());
        const int thin = std::min(c.width(), c.height());
        const int longer = std::max(c.width(), c.height());
        PixPtr comp(pixaGetPix(pixa.get(), i, L_CLONE));
        l_int32 area = 0;
        pixCountPixels(comp.get(), &area, nullptr);
        // Arrows (shaft and head, straight or bent) and the stubs of lines cut by the rules:
        // little ink for their length, or a stroke's width across.
        const bool touches_edge =
            c.x0 <= 1 || c.y0 <= 1 || c.x1 >= r.width() - 1 || c.y1 >= r.height() - 1;
        if ((longer >= dpi / 5 && area <= longer * std::max(4, dpi / 35)) ||
            (touches_edge && thin <= std::max(2, dpi / 60))) {
            continue;
        }
        // letters and digits, and a dash (the "-" of an empty Tanggal Revisi) too
        if ((c.height() >= min_h || c.width() >= dpi / 40) && c.height() <= max_h &&
            c.width() <= max_w) {
            ++n;
        }
    }
    return n;
}

// Two letters or more read with high confidence ("NO", "Ya"): a word, whatever its ink looks
// like.
bool is_sure_word(const layout::Paragraph& p) {
    const auto letters = std::count_if(p.text.begin(), p.text.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
    });
    return letters >= 2 && p.confidence >= kSureWordConfidence;
}

// A tick or cross OCR could not name: one or two compact blobs of mark size, read as a short
// string that is not a number.
bool looks_like_mark(PIX* binary, const Rect& r, const std::string& text, int dpi) {
    if (text.size() > 4 || std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-';
        })) {
        return false;
    }
    BoxPtr b = make_box(r);
    PixPtr crop(pixClipRectangle(binary, b.get(), nullptr));
    if (!crop) {
        return false;
    }
    int blobs = 0;
    Rect all{1 << 30, 1 << 30, -1, -1};
    for (const Rect& c : component_rects(crop.get(), 8)) {
        if (std::max(c.width(), c.height()) < dpi / 30) {
            continue; // specks
        }
        ++blobs;
        all = Rect{std::min(all.x0, c.x0), std::min(all.y0, c.y0), std::max(all.x1, c.x1),
                   std::max(all.y1, c.y1)};
    }
    if (blobs == 0 || blobs > 2) {
        return false;
    }
    const int lo = dpi / 16, hi = dpi / 2;
    return all.width() >= lo && all.height() >= lo && all.width() <= hi && all.height() <= hi &&
           all.width() < 2 * all.height() && all.height() < 2 * all.width();
}

struct PageOutput {
    double conf_sum = 0;
    int words = 0;
    struct Item {
        int y;
        layout::Block block;
    };
    std::vector<Item> items;
};

class PageReader {
public:
    PageReader(layout::Document& doc, Engine::Impl& engine, int page_number,
               Clock::time_point deadline)
        : m_doc(doc), m_engine(engine), m_page(page_number), m_deadline(deadline) {}

    // A page to OCR.
    void read_ocr(const PreparedPage& prep, PageOutput& out) {
        m_tf = &prep.transform;
        const int dpi = prep.dpi;
        TableAnalysis tables = find_tables(prep.binary.get(), dpi, prep.faint.get());
        PixPtr clean(pixSubtract(nullptr, prep.binary.get(), tables.rules.get()));
        // OCR sees the grey page with the rules painted out, so they are not read as '|'.
        PixPtr ocr_image(pixCopy(nullptr, prep.gray.get()));
        PixPtr halo(pixDilateBrick(nullptr, tables.rules.get(), 3, 3));
        pixPaintThroughMask(ocr_image.get(), halo.get(), 0, 0, 255);
        pixSetResolution(ocr_image.get(), dpi, dpi);
        const bool ocr_ok = m_engine.set_page(ocr_image.get(), dpi);

        for (const TableGrid& grid : tables.tables) {
            emit_table(grid, clean.get(), dpi, ocr_ok, nullptr, out);
        }
        // Text outside the tables: titles, captions, letters, plain lists of steps.
        PixPtr outside(pixCopy(nullptr, clean.get()));
        for (const TableGrid& grid : tables.tables) {
            BoxPtr b = make_box(grid.box);
            pixClearInRect(outside.get(), b.get());
        }
        // Only where there is writing: the box around the text-sized components outside the
        // tables (dust and the scan's edges ignored), so Tesseract does not analyse a page of
        // white.
        int writing = 0;
        Rect region{1 << 30, 1 << 30, -1, -1};
        for (const Rect& c : component_rects(outside.get(), 8)) {
            if (std::max(c.width(), c.height()) < dpi / 30 || c.height() > dpi / 2 ||
                c.width() > dpi * 2) {
                continue;
            }
            ++writing;
            region = Rect{std::min(region.x0, c.x0), std::min(region.y0, c.y0),
                          std::max(region.x1, c.x1), std::max(region.y1, c.y1)};
        }
        if (ocr_ok && writing >= 3) {
            for (const TableGrid& grid : tables.tables) {
                BoxPtr b = make_box(
                    Rect{grid.box.x0 - 3, grid.box.y0 - 3, grid.box.x1 + 3, grid.box.y1 + 3});
                pixSetInRectArbitrary(ocr_image.get(), b.get(), 255);
            }
            m_engine.set_page(ocr_image.get(), dpi);
            const int pad = dpi / 10;
            const Rect area{std::max(0, region.x0 - pad), std::max(0, region.y0 - pad),
                            std::min(pixGetWidth(ocr_image.get()), region.x1 + pad),
                            std::min(pixGetHeight(ocr_image.get()), region.y1 + pad)};
            std::vector<OcrLine> lines =
                m_engine.read_region(area, tesseract::PSM_AUTO, m_deadline);
            emit_free_lines(lines, out);
        }
        m_engine.current = nullptr;
    }

    // A page with a text layer: its words, placed into the ruled tables found on the render.
    void read_text_layer(const SourcePage& src, const PreparedPage& prep, PageOutput& out) {
        m_tf = &prep.transform;
        TableAnalysis tables = find_tables(prep.binary.get(), prep.dpi, prep.faint.get());
        PixPtr clean(pixSubtract(nullptr, prep.binary.get(), tables.rules.get()));
        std::vector<bool> used(src.words.size(), false);
        for (const TableGrid& grid : tables.tables) {
            emit_table(grid, clean.get(), prep.dpi, false, &src.words, out, &used);
        }
        std::vector<OcrLine> rest;
        std::vector<OcrWord> words;
        for (size_t i = 0; i < src.words.size(); ++i) {
            if (!used[i]) {
                words.push_back(to_word(src.words[i]));
            }
        }
        emit_free_lines(words_to_lines(words), out);
    }

private:
    static OcrWord to_word(const TextWord& w) {
        return OcrWord{w.text,
                       Rect{int(std::floor(w.x0)), int(std::floor(w.y0)), int(std::ceil(w.x1)),
                            int(std::ceil(w.y1))},
                       1.0};
    }

    // Words of a text layer into lines: same baseline band, left to right.
    static std::vector<OcrLine> words_to_lines(std::vector<OcrWord> words) {
        std::sort(words.begin(), words.end(), [](const OcrWord& a, const OcrWord& b) {
            return a.box.cy() != b.box.cy() ? a.box.cy() < b.box.cy() : a.box.x0 < b.box.x0;
        });
        std::vector<OcrLine> lines;
        for (OcrWord& w : words) {
            bool placed = false;
            for (auto it = lines.rbegin(); it != lines.rend() && it - lines.rbegin() < 3; ++it) {
                const int overlap = std::min(it->box.y1, w.box.y1) - std::max(it->box.y0, w.box.y0);
                if (overlap > std::min(it->box.height(), w.box.height()) / 2) {
                    it->box = Rect{std::min(it->box.x0, w.box.x0), std::min(it->box.y0, w.box.y0),
                                   std::max(it->box.x1, w.box.x1), std::max(it->box.y1, w.box.y1)};
                    it->words.push_back(std::move(w));
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                OcrLine line;
                line.box = w.box;
                line.words.push_back(std::move(w));
                lines.push_back(std::move(line));
            }
        }
        for (OcrLine& l : lines) {
            std::sort(l.words.begin(), l.words.end(),
                      [](const OcrWord& a, const OcrWord& b) { return a.box.x0 < b.box.x0; });
        }
        return lines;
    }

    // Tesseract gives nothing for a cell holding one short thing in a big box, often the "-"
    // of an empty field: read the ink's own box as a line, and name a lone dash.
    std::vector<OcrLine> read_lone_mark(PIX* clean, const Rect& inner, int dpi) {
        BoxPtr b = make_box(inner);
        PixPtr crop(pixClipRectangle(clean, b.get(), nullptr));
        std::vector<Rect> comps;
        Rect all{1 << 30, 1 << 30, -1, -1};
        for (const Rect& c : component_rects(crop.get(), 8)) {
            if (std::max(c.width(), c.height()) < dpi / 40) {
                continue;
            }
            comps.push_back(c);
            all = Rect{std::min(all.x0, c.x0), std::min(all.y0, c.y0), std::max(all.x1, c.x1),
                       std::max(all.y1, c.y1)};
        }
        if (comps.empty() || comps.size() > 6) {
            return {};
        }
        const int pad = std::max(4, dpi / 15);
        Rect tight{std::max(inner.x0, inner.x0 + all.x0 - pad),
                   std::max(inner.y0, inner.y0 + all.y0 - pad),
                   std::min(inner.x1, inner.x0 + all.x1 + pad),
                   std::min(inner.y1, inner.y0 + all.y1 + pad)};
        std::vector<OcrLine> lines =
            m_engine.read_region(tight, tesseract::PSM_SINGLE_LINE, m_deadline);
        if (lines.empty() && comps.size() == 1 && all.width() >= 2 * all.height() &&
            all.height() <= dpi / 25 && all.width() <= dpi / 5) {
            OcrLine dash;
            const Rect box{inner.x0 + all.x0, inner.y0 + all.y0, inner.x0 + all.x1,
                           inner.y0 + all.y1};
            dash.box = box;
            dash.words.push_back(OcrWord{"-", box, 0.7});
            lines.push_back(std::move(dash));
        }
        return lines;
    }

    layout::Provenance where(int table, int row, int col, const Rect& r) const {
        layout::Provenance p;
        p.page = m_page;
        p.table = table;
        p.row = row;
        p.col = col;
        p.bbox = m_tf->to_stored(r);
        return p;
    }

    void emit_free_lines(const std::vector<OcrLine>& lines, PageOutput& out) {
        if (lines.empty()) {
            return;
        }
        // Lines of one text block share a left edge region; paragraphs are assembled per run
        // of lines in reading order, with the region spanning them.
        Rect span = lines.front().box;
        for (const OcrLine& l : lines) {
            span = Rect{std::min(span.x0, l.box.x0), std::min(span.y0, l.box.y0),
                        std::max(span.x1, l.box.x1), std::max(span.y1, l.box.y1)};
        }
        for (const OcrParagraph& para : assemble_paragraphs(lines, span)) {
            if (para.text.empty()) {
                continue;
            }
            layout::Paragraph p;
            p.text = para.text;
            p.confidence = para.confidence;
            p.where = where(-1, -1, -1, para.box);
            out.conf_sum += para.conf_sum;
            out.words += para.words;
            out.items.push_back(
                {para.box.y0, layout::Block{layout::Block::Kind::paragraph,
                                            static_cast<int>(m_doc.paragraphs.size())}});
            m_doc.paragraphs.push_back(std::move(p));
        }
    }

    void emit_table(const TableGrid& grid, PIX* clean, int dpi, bool ocr,
                    const std::vector<TextWord>* words, PageOutput& out,
                    std::vector<bool>* used = nullptr) {
        layout::Table table;
        table.index = static_cast<int>(m_doc.tables.size());
        table.n_rows = grid.n_rows();
        table.n_cols = grid.n_cols();
        for (int c = 0; c < grid.n_cols(); ++c) {
            table.col_widths.push_back(grid.xs[c + 1] - grid.xs[c]);
        }
        table.header_rows.assign(static_cast<size_t>(grid.n_rows()), false);
        table.where = where(-1, -1, -1, grid.box);
        table.where.table = table.index;
        const int margin = std::max(3, dpi / 60);
        for (const GridCell& gc : grid.cells) {
            if (Clock::now() > m_deadline) {
                m_timed_out = true;
                break;
            }
            layout::Cell cell;
            cell.row = gc.row;
            cell.col = gc.col;
            cell.row_span = gc.row_span;
            cell.col_span = gc.col_span;
            cell.where = where(table.index, gc.row, gc.col, gc.box);
            const Rect inner = shrink(gc.box, margin);
            std::vector<FoundSymbol> symbols = find_symbols(clean, gc.box, dpi);
            for (const FoundSymbol& s : symbols) {
                layout::Shape shape;
                shape.geometry = "scan:" + s.kind;
                shape.shape_class = s.shape_class;
                shape.confidence = s.confidence;
                shape.where = where(table.index, gc.row, gc.col, s.box);
                cell.shapes.push_back(std::move(shape));
            }
            std::vector<OcrLine> lines;
            if (words != nullptr) {
                std::vector<OcrWord> mine;
                for (size_t i = 0; i < words->size(); ++i) {
                    const TextWord& w = (*words)[i];
                    const double cx = (w.x0 + w.x1) / 2, cy = (w.y0 + w.y1) / 2;
                    if (!(*used)[i] && cx >= gc.box.x0 && cx < gc.box.x1 && cy >= gc.box.y0 &&
                        cy < gc.box.y1) {
                        (*used)[i] = true;
                        mine.push_back(to_word(w));
                    }
                }
                lines = words_to_lines(std::move(mine));
            } else if (ocr && ink_in(clean, inner) > dpi / 20) {
                // Cells that only hold a symbol (and the arrows through it) are not read.
                const int texty = text_components(clean, inner, symbols, dpi);
                if (symbols.empty() ? texty > 0 : texty >= 4) {
                    // A step number or a mark alone in a wide cell: Tesseract reads it far
                    // better as one line cut to its own box than as a block.
                    if (symbols.empty() && texty <= 2) {
                        lines = read_lone_mark(clean, inner, dpi);
                    }
                    if (lines.empty()) {
                        lines =
                            m_engine.read_region(inner, tesseract::PSM_SINGLE_BLOCK, m_deadline);
                    }
                    if (lines.empty()) {
                        lines = read_lone_mark(clean, inner, dpi);
                    }
                }
            }
            double conf_sum = 0;
            int n_words = 0;
            for (const OcrParagraph& para : assemble_paragraphs(lines, inner)) {
                if (para.text.empty()) {
                    continue;
                }
                layout::Paragraph p;
                p.text = para.text;
                p.confidence = para.confidence;
                p.where = where(table.index, gc.row, gc.col, para.box);
                conf_sum += para.conf_sum;
                n_words += para.words;
                cell.paragraphs.push_back(std::move(p));
            }
            if (symbols.empty() && cell.paragraphs.size() == 1 &&
                (is_mark_text(cell.paragraphs[0].text) ||
                 (!is_sure_word(cell.paragraphs[0]) &&
                  looks_like_mark(clean, inner, cell.paragraphs[0].text, dpi)))) {
                layout::Shape mark;
                mark.geometry = "scan:mark";
                mark.shape_class = layout::ShapeClass::mark;
                mark.confidence = cell.paragraphs[0].confidence;
                mark.where = cell.paragraphs[0].where;
                cell.shapes.push_back(std::move(mark));
            }
            cell.confidence = n_words > 0 ? conf_sum / n_words : 1.0;
            out.conf_sum += conf_sum;
            out.words += n_words;
            table.cells.push_back(std::move(cell));
        }
        out.items.push_back({grid.box.y0, layout::Block{layout::Block::Kind::table, table.index}});
        m_doc.tables.push_back(std::move(table));
    }

public:
    bool timed_out() const { return m_timed_out; }

private:
    layout::Document& m_doc;
    Engine::Impl& m_engine;
    int m_page;
    Clock::time_point m_deadline;
    const PageTransform* m_tf = nullptr;
    bool m_timed_out = false;
};

Problem problem(ProblemKind kind, std::string detail, int page = 0) {
    Problem p;
    p.kind = kind;
    p.detail = std::move(detail);
    p.page = page;
    return p;
}

} // namespace

layout::ReadResult read_scan(const std::filesystem::path& file, ingest::Format format,
                             const ingest::Limits& limits, Engine& engine) {
    layout::ReadResult result;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::milliseconds(
                                      static_cast<long long>(limits.max_seconds_per_file * 1000.0));
    Problem open_problem;
    std::unique_ptr<PageSource> source = PageSource::open(file, format, limits, open_problem);
    if (!source) {
        result.problems.push_back(open_problem);
        result.failed = true;
        return result;
    }
    Engine::Impl& impl = engine.impl();
    // Quarter turns: a cheap text-line test first; for pages that look sideways, which way
    // round from the ascenders, OSD only where they do not tell. An upside-down page shows
    // itself by its OCR confidence below.
    const OrientationDetector detect = [&impl](PIX* binary, int dpi, double& conf) {
        conf = 0;
        if (!looks_sideways(binary, dpi)) {
            return 0;
        }
        const int turn = sideways_turn(binary, dpi, conf);
        if (turn != 0) {
            return turn;
        }
        const int quads = impl.detect_orientation(binary, dpi, conf);
        return conf >= kMinOrientationConfidence && quads % 2 == 1 ? quads : 0;
    };
    layout::Document& doc = result.document;
    std::set<std::string> methods;
    int pages_read = 0;
    for (int i = 0; i < source->page_count(); ++i) {
        if (Clock::now() > deadline) {
            result.problems.push_back(
                problem(ProblemKind::limit, "time limit per file reached", i + 1));
            result.failed = true;
            return result;
        }
        Problem page_problem;
        std::optional<SourcePage> src = source->load(i, page_problem);
        if (!src) {
            result.problems.push_back(page_problem);
            if (page_problem.kind == ProblemKind::limit) {
                result.failed = true;
                return result;
            }
            continue;
        }
        layout::Page page;
        page.number = i + 1;
        page.width = pixGetWidth(src->image.get());
        page.height = pixGetHeight(src->image.get());
        page.landscape = page.width > page.height;
        page.dpi = src->dpi;
        PageOutput out;
        PageReader reader(doc, impl, page.number, deadline);
        if (src->text_layer) {
            // A digital page is upright and straight: only grey and binary are needed.
            PreparedPage prep = prepare_page(src->image.get(), src->dpi, nullptr, false);
            reader.read_text_layer(*src, prep, out);
            page.method = "pdf-text";
            page.confidence = 1.0;
        } else {
            const layout::Document before = doc;
            PreparedPage prep = prepare_page(src->image.get(), src->dpi, detect);
            page.rotation = prep.transform.quads * 90;
            page.skew = prep.transform.skew_deg;
            reader.read_ocr(prep, out);
            page.method = "ocr";
            page.confidence = out.words > 0 ? out.conf_sum / out.words : 0.0;
            if (page.confidence < kLowConfidence && Clock::now() < deadline) {
                // Maybe upside down: read it turned half round and keep the better reading.
                const int turned = (prep.transform.quads + 2) % 4;
                const OrientationDetector forced = [turned](PIX*, int, double& conf) {
                    conf = 0;
                    return turned;
                };
                layout::Document alt_doc = before;
                PageOutput alt_out;
                PageReader alt_reader(alt_doc, impl, page.number, deadline);
                PreparedPage alt = prepare_page(src->image.get(), src->dpi, forced);
                alt_reader.read_ocr(alt, alt_out);
                const double alt_conf = alt_out.words > 0 ? alt_out.conf_sum / alt_out.words : 0.0;
                if (alt_conf > page.confidence + 0.1 && alt_out.words >= out.words / 2) {
                    doc = std::move(alt_doc);
                    out = std::move(alt_out);
                    page.rotation = turned * 90;
                    page.skew = alt.transform.skew_deg;
                    page.confidence = alt_conf;
                }
            }
            if (out.words < 3 || page.confidence < kLowConfidence) {
                result.problems.push_back(
                    problem(ProblemKind::low_confidence,
                            out.words < 3 ? "ocr: no readable text on the page"
                                          : "ocr: mean word confidence " +
                                                std::to_string(int(page.confidence * 100)) + "%",
                            page.number));
            }
        }
        std::stable_sort(
            out.items.begin(), out.items.end(),
            [](const PageOutput::Item& a, const PageOutput::Item& b) { return a.y < b.y; });
        for (const auto& item : out.items) {
            doc.body.push_back(item.block);
        }
        methods.insert(page.method);
        doc.pages.push_back(page);
        ++pages_read;
        if (reader.timed_out()) {
            result.problems.push_back(
                problem(ProblemKind::limit, "time limit per file reached", page.number));
            result.failed = true;
            return result;
        }
    }
    if (pages_read == 0) {
        result.failed = true;
        if (result.problems.empty()) {
            result.problems.push_back(problem(ProblemKind::unreadable, "no readable page"));
        }
        return result;
    }
    doc.method = methods.size() == 1 ? *methods.begin() : "mixed";
    return result;
}

} // namespace sopaudit::ocr
