#include "ocr/pix.hpp"
#include "ocr/scan_reader.hpp"

#include <gtest/gtest.h>
#include <string>

using namespace sopaudit;
using layout::ShapeClass;
using sopaudit::ocr::PixPtr;

namespace {

std::string fixture_path(const std::string& name) {
    return std::string(SOPAUDIT_SOURCE_DIR) + "/tests/fixtures/scans/" + name;
}

const layout::Table* table_with(const layout::Document& d, const std::string& text) {
    for (const auto& t : d.tables) {
        for (const auto& c : t.cells) {
            if (c.text().find(text) != std::string::npos) {
                return &t;
            }
        }
    }
    return nullptr;
}

const layout::Shape* symbol_at(const layout::Table& t, int r, int c) {
    const layout::Cell* cell = t.cell_at(r, c);
    return cell != nullptr && !cell->shapes.empty() ? &cell->shapes.front() : nullptr;
}

} // namespace

// End to end on the committed scan (200 DPI grey JPEG, turned 1.2 degrees, blur and noise).
TEST(ScanReader, ReadsTheScannedSopPage) {
    ocr::Engine engine;
    layout::ReadResult r = ocr::read_scan(fixture_path("sop_scan.jpg"), ingest::Format::image,
                                          ingest::Limits{}, engine);
    ASSERT_FALSE(r.failed);
    const layout::Document& d = r.document;
    ASSERT_EQ(d.pages.size(), 1u);
    EXPECT_EQ(d.method, "ocr");
    EXPECT_EQ(d.pages[0].dpi, 200);
    EXPECT_NEAR(d.pages[0].skew, -1.2, 0.2);
    EXPECT_GT(d.pages[0].confidence, 0.75);
    ASSERT_EQ(d.tables.size(), 2u);

    const layout::Table* identity = table_with(d, "Nomor SOP");
    ASSERT_NE(identity, nullptr);
    EXPECT_EQ(identity->n_cols, 3);
    EXPECT_EQ(identity->n_rows, 6);
    const layout::Cell* instansi = identity->cell_at(0, 0);
    ASSERT_NE(instansi, nullptr);
    EXPECT_EQ(instansi->row_span, 6);
    EXPECT_NE(instansi->text().find("SEKRETARIAT DAERAH"), std::string::npos);
    ASSERT_NE(identity->cell_at(0, 2), nullptr);
    EXPECT_NE(identity->cell_at(0, 2)->text().find("800/021/SOP-ORG/2023"), std::string::npos);
    ASSERT_NE(identity->cell_at(3, 1), nullptr);
    EXPECT_EQ(identity->cell_at(3, 1)->text(), "Tanggal Efektif");

    const layout::Table* proc = table_with(d, "Kegiatan");
    ASSERT_NE(proc, nullptr);
    EXPECT_EQ(proc->n_cols, 9);
    EXPECT_EQ(proc->n_rows, 6); // two header rows and four steps: the arrows cut nothing
    ASSERT_NE(proc->cell_at(0, 2), nullptr);
    EXPECT_EQ(proc->cell_at(0, 2)->col_span, 3);      // Pelaksana
    EXPECT_EQ(proc->cell_at(0, 0)->row_span, 2);      // No
    EXPECT_TRUE(proc->cell_at(0, 0)->shapes.empty()); // the word "No" is no tick mark
    const ShapeClass expected[4] = {ShapeClass::terminator, ShapeClass::process,
                                    ShapeClass::decision, ShapeClass::terminator};
    const int actor_col[4] = {2, 3, 4, 2};
    for (int step = 0; step < 4; ++step) {
        const int row = 2 + step;
        const layout::Shape* s = symbol_at(*proc, row, actor_col[step]);
        ASSERT_NE(s, nullptr) << "step " << step + 1;
        EXPECT_EQ(s->shape_class, expected[step]) << "step " << step + 1 << " " << s->geometry;
        ASSERT_TRUE(s->where.bbox.has_value());
        // boxes are on the page as stored
        EXPECT_GT(s->where.bbox->x0, 0);
        EXPECT_LT(s->where.bbox->x1, d.pages[0].width);
        for (int c = 2; c <= 4; ++c) {
            if (c != actor_col[step]) {
                EXPECT_EQ(symbol_at(*proc, row, c), nullptr) << "step " << step + 1 << " col " << c;
            }
        }
    }
    EXPECT_NE(proc->cell_at(3, 6)->text().find("15 menit"), std::string::npos);
    EXPECT_NE(proc->cell_at(2, 1)->text().find("Menerima permohonan izin"), std::string::npos);
}

TEST(ScanReader, MultiPageTiffWithAPageStoredTurned) {
    ocr::Engine engine;
    layout::ReadResult r = ocr::read_scan(fixture_path("sop_two_pages.tif"), ingest::Format::image,
                                          ingest::Limits{}, engine);
    ASSERT_FALSE(r.failed);
    ASSERT_EQ(r.document.pages.size(), 2u);
    EXPECT_EQ(r.document.pages[0].rotation, 0);
    EXPECT_EQ(r.document.pages[1].rotation, 270);
    EXPECT_TRUE(r.document.pages[1].width < r.document.pages[1].height);
    int per_page[3] = {0, 0, 0};
    for (const auto& t : r.document.tables) {
        per_page[t.where.page]++;
        ASSERT_TRUE(t.where.bbox.has_value());
        if (t.where.page == 2) {
            // on the stored (portrait) page the table is taller than wide
            EXPECT_GT(t.where.bbox->height(), t.where.bbox->width());
        }
    }
    EXPECT_EQ(per_page[1], 2);
    EXPECT_EQ(per_page[2], 2);
}

TEST(ScanReader, PdfTextLayerImageOnlyAndMixed) {
    ocr::Engine engine;
    layout::ReadResult text = ocr::read_scan(fixture_path("text_layer.pdf"), ingest::Format::pdf,
                                             ingest::Limits{}, engine);
    ASSERT_FALSE(text.failed);
    EXPECT_EQ(text.document.method, "pdf-text");
    bool nomor = false;
    for (const auto& p : text.document.paragraphs) {
        nomor = nomor || p.text == "Nomor SOP: 800/021/SOP-ORG/2023";
    }
    EXPECT_TRUE(nomor);

    layout::ReadResult image = ocr::read_scan(fixture_path("image_only.pdf"), ingest::Format::pdf,
                                              ingest::Limits{}, engine);
    ASSERT_FALSE(image.failed);
    EXPECT_EQ(image.document.method, "ocr");
    EXPECT_NE(table_with(image.document, "Nomor SOP"), nullptr);

    layout::ReadResult mixed =
        ocr::read_scan(fixture_path("mixed.pdf"), ingest::Format::pdf, ingest::Limits{}, engine);
    ASSERT_FALSE(mixed.failed);
    EXPECT_EQ(mixed.document.method, "mixed");
    ASSERT_EQ(mixed.document.pages.size(), 2u);
    EXPECT_EQ(mixed.document.pages[0].method, "pdf-text");
    EXPECT_EQ(mixed.document.pages[1].method, "ocr");
}

TEST(ScanReader, LimitsAndBrokenFilesAreProblemsNotExceptions) {
    ocr::Engine engine;
    ingest::Limits tight;
    tight.max_seconds_per_file = 0;
    layout::ReadResult timed =
        ocr::read_scan(fixture_path("sop_two_pages.tif"), ingest::Format::image, tight, engine);
    EXPECT_TRUE(timed.failed);
    ASSERT_FALSE(timed.problems.empty());
    EXPECT_EQ(timed.problems[0].kind, layout::ProblemKind::limit);

    ingest::Limits small;
    small.max_pixels = 1000;
    layout::ReadResult big =
        ocr::read_scan(fixture_path("sop_scan.jpg"), ingest::Format::image, small, engine);
    EXPECT_TRUE(big.failed);
    EXPECT_EQ(big.problems.at(0).kind, layout::ProblemKind::limit);

    layout::ReadResult missing = ocr::read_scan(fixture_path("no-such-file.png"),
                                                ingest::Format::image, ingest::Limits{}, engine);
    EXPECT_TRUE(missing.failed);
    EXPECT_EQ(missing.problems.at(0).kind, layout::ProblemKind::unreadable);
}

// A page stored upside down is found by its OCR confidence and read turned half round.
TEST(ScanReader, UpsideDownPageIsTurned) {
    PixPtr stored(pixRead(fixture_path("sop_scan.jpg").c_str()));
    ASSERT_NE(stored, nullptr);
    PixPtr upside_down(pixRotateOrth(stored.get(), 2));
    const std::string path = ::testing::TempDir() + "/upside_down.png";
    ASSERT_EQ(pixWrite(path.c_str(), upside_down.get(), IFF_PNG), 0);
    ocr::Engine engine;
    layout::ReadResult r = ocr::read_scan(path, ingest::Format::image, ingest::Limits{}, engine);
    ASSERT_FALSE(r.failed);
    ASSERT_EQ(r.document.pages.size(), 1u);
    EXPECT_EQ(r.document.pages[0].rotation, 180);
    EXPECT_GT(r.document.pages[0].confidence, 0.75);
    EXPECT_NE(table_with(r.document, "Nomor SOP"), nullptr);
}
