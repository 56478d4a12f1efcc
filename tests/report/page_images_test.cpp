#include "report/page_images.hpp"
#include "support/support.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <sstream>

using namespace sopaudit;
namespace fs = std::filesystem;

namespace {

// A white 8 bpp page of w x h with a black ruled rectangle.
void write_scan(const fs::path& path, int w, int h) {
    PIX* pix = pixCreate(w, h, 8);
    pixSetAll(pix); // white
    BOX* box = boxCreate(100, 100, w - 200, h - 200);
    pixRenderBox(pix, box, 4, L_CLEAR_PIXELS);
    boxDestroy(&box);
    ASSERT_EQ(pixWrite(path.string().c_str(), pix, IFF_PNG), 0);
    pixDestroy(&pix);
}

// A one-page PDF (US Letter) drawing one rectangle, written by hand with a correct xref table.
void write_pdf(const fs::path& path) {
    const std::string stream = "0 0 0 RG 4 w 72 72 468 648 re S\n";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const auto xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const auto off : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    std::ofstream(path, std::ios::binary) << pdf;
}

layout::Provenance box_on(int page, double x0, double y0, double x1, double y1) {
    layout::Provenance p;
    p.page = page;
    p.bbox = layout::BBox{x0, y0, x1, y1};
    return p;
}

audit::Finding finding_at(int page, double x0, double y0, double x1, double y1) {
    audit::Finding f;
    f.rule = "procedure-time-missing";
    f.location.page = page;
    f.location.bbox = layout::BBox{x0, y0, x1, y1};
    return f;
}

// The colour of a pixel of a written PNG.
void rgb_at(const fs::path& png, int x, int y, int& r, int& g, int& b) {
    PIX* pix = pixRead(png.string().c_str());
    ASSERT_NE(pix, nullptr);
    PIX* rgb = pixConvertTo32(pix);
    l_uint32 v = 0;
    pixGetPixel(rgb, x, y, &v);
    extractRGBValues(v, &r, &g, &b);
    pixDestroy(&rgb);
    pixDestroy(&pix);
}

} // namespace

TEST(PageImages, ScanIsAnnotatedAndScaledDown) {
    const auto dir = test::fresh_temp_dir("scan2");
    fs::create_directories(dir / "in/dinas a");
    write_scan(dir / "in/dinas a/scan.png", 1800, 1200);
    audit::FileResult file;
    file.root = (dir / "in").string();
    file.path = "dinas a/scan.png";
    file.format = "image";
    file.status = "audited";
    file.pages = 1;
    file.cell_boxes = {box_on(1, 100, 100, 900, 300)};
    file.symbol_boxes = {box_on(1, 1000, 400, 1200, 500)};
    file.findings = {finding_at(1, 200, 600, 1600, 800)};
    const auto images = report::write_page_images(dir / "out", file, {900, 20});
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].page, 1);
    EXPECT_EQ(images[0].relative, "pages/dinas a/scan.png/page-1.png");
    EXPECT_EQ(images[0].width, 900);
    EXPECT_EQ(images[0].height, 600);
    EXPECT_EQ(images[0].finding_boxes, 1);
    const auto png = dir / "out" / images[0].relative;
    ASSERT_TRUE(fs::exists(png));
    int r = 0, g = 0, b = 0;
    rgb_at(png, 400, 300, r, g, b); // top edge of the finding box (y 600 / 2)
    EXPECT_GT(r, 150);
    EXPECT_LT(g, 90);
    rgb_at(png, 300, 50, r, g, b); // top edge of the cell (y 100 / 2): green
    EXPECT_GT(g, r);
    rgb_at(png, 550, 200, r, g, b); // symbol box top edge (y 400 / 2): blue
    EXPECT_GT(b, r);
    rgb_at(png, 450, 450, r, g, b); // inside, untouched: white
    EXPECT_GT(r, 240);
    EXPECT_GT(g, 240);
    fs::remove_all(dir);
}

// A page the reader turned a quarter: the picture is turned too (after scaling), and boxes in
// the turned frame land where they belong.
TEST(PageImages, TurnedPageIsDrawnInTheReadersFrame) {
    const auto dir = test::fresh_temp_dir("turned");
    fs::create_directories(dir / "in");
    write_scan(dir / "in/side.png", 1200, 1800); // stored portrait, read landscape
    audit::FileResult file;
    file.root = (dir / "in").string();
    file.path = "side.png";
    file.format = "image";
    file.status = "audited";
    file.pages = 1;
    layout::Page page;
    page.number = 1;
    page.rotation = 90;
    page.width = 1800;
    page.height = 1200;
    file.layout_pages = {page};
    file.findings = {finding_at(1, 200, 600, 1600, 800)};
    const auto images = report::write_page_images(dir / "out", file, {900, 20});
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].width, 900);
    EXPECT_EQ(images[0].height, 600);
    int r = 0, g = 0, b = 0;
    rgb_at(dir / "out" / images[0].relative, 400, 300, r, g, b); // finding top edge
    EXPECT_GT(r, 150);
    EXPECT_LT(g, 90);
    rgb_at(dir / "out" / images[0].relative, 450, 450, r, g, b); // inside: white
    EXPECT_GT(r, 240);
    EXPECT_GT(g, 240);
    fs::remove_all(dir);
}

TEST(PageImages, PdfPageIsRenderedAtTheReadersResolution) {
    const auto dir = test::fresh_temp_dir("pdf");
    write_pdf(dir / "sop.pdf");
    audit::FileResult file;
    file.root = (dir / "sop.pdf").string(); // a root that is the file itself
    file.path = "sop.pdf";
    file.format = "pdf";
    file.status = "audited";
    file.pages = 1;
    layout::Page page;
    page.number = 1;
    page.dpi = 150;
    page.width = 1275;
    page.height = 1650;
    file.layout_pages = {page};
    file.findings = {finding_at(1, 150, 150, 1125, 1500)};
    const auto images = report::write_page_images(dir / "out", file, {850, 20});
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].width, 850);
    EXPECT_EQ(images[0].height, 1100);
    int r = 0, g = 0, b = 0;
    rgb_at(dir / "out" / images[0].relative, 400, 100, r, g, b); // finding top edge (150 * 2/3)
    EXPECT_GT(r, 150);
    EXPECT_LT(g, 90);
    fs::remove_all(dir);
}

TEST(PageImages, NothingForDocxFailedOrMissingFiles) {
    const auto dir = test::fresh_temp_dir("none");
    audit::FileResult file;
    file.root = dir.string();
    file.path = "a.docx";
    file.format = "docx";
    file.status = "audited";
    file.findings = {finding_at(1, 0, 0, 10, 10)};
    EXPECT_TRUE(report::write_page_images(dir / "out", file).empty());
    file.format = "image";
    file.path = "missing.png";
    EXPECT_TRUE(report::write_page_images(dir / "out", file).empty());
    std::ofstream(dir / "broken.png") << "not a png";
    file.path = "broken.png";
    EXPECT_TRUE(report::write_page_images(dir / "out", file).empty());
    file.status = "failed";
    EXPECT_TRUE(report::write_page_images(dir / "out", file).empty());
    fs::remove_all(dir);
}

TEST(PageImages, PageWithoutBoxesGivesNoImage) {
    const auto dir = test::fresh_temp_dir("empty");
    write_scan(dir / "s.png", 400, 300);
    audit::FileResult file;
    file.root = dir.string();
    file.path = "s.png";
    file.format = "image";
    file.status = "audited";
    EXPECT_TRUE(report::write_page_images(dir / "out", file).empty());
    fs::remove_all(dir);
}

TEST(PageImages, CapturesBoxesFromTheLayoutDocument) {
    layout::Document doc;
    layout::Page p;
    p.number = 2;
    p.dpi = 300;
    doc.pages = {p};
    layout::Table t;
    t.where.page = 2;
    layout::Cell c;
    c.where.bbox = layout::BBox{1, 2, 3, 4};
    layout::Shape s;
    s.shape_class = layout::ShapeClass::decision;
    s.where = box_on(2, 5, 6, 7, 8);
    layout::Shape arrow = s;
    arrow.shape_class = layout::ShapeClass::line;
    c.shapes = {s, arrow};
    t.cells = {c, layout::Cell{}};
    doc.tables = {t};
    audit::FileResult file;
    report::capture_layout_boxes(doc, file);
    ASSERT_EQ(file.layout_pages.size(), 1u);
    EXPECT_EQ(file.layout_pages[0].number, 2);
    ASSERT_EQ(file.cell_boxes.size(), 1u);
    EXPECT_EQ(file.cell_boxes[0].page, 2);   // the table's page when the cell has none
    ASSERT_EQ(file.symbol_boxes.size(), 1u); // the arrow is not a symbol
    EXPECT_EQ(file.symbol_boxes[0].bbox->x0, 5);
}

// Findings appended later (the run-level rules') drawn over the written pictures give the bytes
// that drawing the file as it is now gives; a page that had nothing to show is drawn whole.
TEST(PageImages, FindingBoxesAddedLaterGiveTheSamePictures) {
    const auto dir = test::fresh_temp_dir("later");
    fs::create_directories(dir / "in");
    // Two pages: grey (a colour-mapped picture), and a colour page as the second TIFF frame.
    PIX* grey = pixCreate(1800, 1200, 8);
    pixSetAll(grey);
    PIX* colour = pixCreate(1800, 1200, 32);
    pixSetAllArbitrary(colour, 0xe0c0a000);
    const std::string tif = (dir / "in/two.tif").string();
    ASSERT_EQ(pixWriteTiff(tif.c_str(), grey, IFF_TIFF_ZIP, "w"), 0);
    ASSERT_EQ(pixWriteTiff(tif.c_str(), colour, IFF_TIFF_ZIP, "a"), 0);
    pixDestroy(&grey);
    pixDestroy(&colour);
    audit::FileResult file;
    file.root = (dir / "in").string();
    file.path = "two.tif";
    file.format = "image";
    file.status = "audited";
    file.pages = 3; // the third page is not in the file: nothing is drawn for it
    file.cell_boxes = {box_on(1, 100, 100, 900, 300), box_on(2, 100, 100, 900, 300)};
    file.findings = {finding_at(1, 200, 600, 1600, 800)};
    const auto early = report::write_page_images(dir / "a", file, {900, 20});
    ASSERT_EQ(early.size(), 2u);
    // Unchanged when nothing was added.
    const auto same = report::add_finding_boxes(dir / "a", file, early, 1, {900, 20});
    ASSERT_EQ(same.size(), 2u);
    EXPECT_EQ(same[0].finding_boxes, 1);
    // Run-level findings on both pages, and one on a page the cells did not reach.
    file.cell_boxes = {box_on(1, 100, 100, 900, 300)};
    auto early_one = report::write_page_images(dir / "b", file, {900, 20});
    ASSERT_EQ(early_one.size(), 1u);
    file.findings.push_back(finding_at(1, 300, 100, 500, 900));
    file.findings.push_back(finding_at(2, 50, 50, 1700, 1100));
    const auto later = report::add_finding_boxes(dir / "b", file, early_one, 1, {900, 20});
    const auto whole = report::write_page_images(dir / "c", file, {900, 20});
    ASSERT_EQ(later.size(), 2u);
    ASSERT_EQ(whole.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(later[i].page, whole[i].page);
        EXPECT_EQ(later[i].relative, whole[i].relative);
        EXPECT_EQ(later[i].width, whole[i].width);
        EXPECT_EQ(later[i].height, whole[i].height);
        EXPECT_EQ(later[i].finding_boxes, whole[i].finding_boxes);
        const auto a = test::read_file(dir / "b" / later[i].relative);
        EXPECT_FALSE(a.empty());
        EXPECT_EQ(a, test::read_file(dir / "c" / whole[i].relative)) << later[i].relative;
    }
    EXPECT_EQ(later[0].finding_boxes, 2);
    EXPECT_EQ(later[1].finding_boxes, 1);
    // The added box is on the written picture (y 100 / 2: its top edge).
    int r = 0, g = 0, b = 0;
    rgb_at(dir / "b" / later[0].relative, 200, 50, r, g, b);
    EXPECT_GT(r, 150);
    EXPECT_LT(g, 90);
    fs::remove_all(dir);
}
