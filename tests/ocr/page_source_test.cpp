#include "ocr/page_source.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>

using namespace sopaudit;
using sopaudit::ocr::PageSource;

namespace {

std::string fixture_bytes(const std::string& name) {
    return test::read_file(test::source_dir() / "tests/fixtures/scans" / name);
}

std::uint32_t crc32(const std::string& data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

void put32(std::string& s, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) {
        s += static_cast<char>((v >> (8 * i)) & 0xFF);
    }
}

// A PNG that declares width x height in its header and holds no pixels at all.
std::string png_header_only(std::uint32_t width, std::uint32_t height) {
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string ihdr = "IHDR";
    put32(ihdr, width);
    put32(ihdr, height);
    ihdr += std::string("\x08\x00\x00\x00\x00", 5); // 8-bit grey
    put32(png, 13);
    png += ihdr;
    put32(png, crc32(ihdr));
    // an empty IDAT and IEND: a complete file, only with far too little data for its size
    for (const char* type : {"IDAT", "IEND"}) {
        put32(png, 0);
        png += type;
        put32(png, crc32(type));
    }
    return png;
}

} // namespace

TEST(PageSource, HugeDeclaredImageIsALimitBeforeDecoding) {
    layout::Problem problem;
    auto src = PageSource::open_bytes(png_header_only(100000, 100000), ingest::Format::image,
                                      ingest::Limits{}, problem);
    EXPECT_EQ(src, nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::limit);
}

TEST(PageSource, PixelLimitIsInclusive) {
    ingest::Limits limits;
    limits.max_pixels = 1200;
    layout::Problem problem;
    EXPECT_NE(
        PageSource::open_bytes(png_header_only(40, 30), ingest::Format::image, limits, problem),
        nullptr);
    EXPECT_EQ(
        PageSource::open_bytes(png_header_only(41, 30), ingest::Format::image, limits, problem),
        nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::limit);
}

TEST(PageSource, TruncatedJpegIsUnreadable) {
    std::string jpg = fixture_bytes("sop_scan.jpg");
    ASSERT_GT(jpg.size(), 10000u);
    layout::Problem problem;
    auto whole = PageSource::open_bytes(jpg, ingest::Format::image, ingest::Limits{}, problem);
    ASSERT_NE(whole, nullptr);
    auto src = PageSource::open_bytes(jpg.substr(0, jpg.size() / 2), ingest::Format::image,
                                      ingest::Limits{}, problem);
    EXPECT_EQ(src, nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::unreadable);
}

TEST(PageSource, GarbageIsUnreadable) {
    layout::Problem problem;
    EXPECT_EQ(PageSource::open_bytes("not an image at all", ingest::Format::image, ingest::Limits{},
                                     problem),
              nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::unreadable);
    EXPECT_EQ(
        PageSource::open_bytes("%PDF-1.4\nbroken", ingest::Format::pdf, ingest::Limits{}, problem),
        nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::unreadable);
}

TEST(PageSource, MultiPageTiffPagesAndPageLimit) {
    layout::Problem problem;
    auto src = PageSource::open_bytes(fixture_bytes("sop_two_pages.tif"), ingest::Format::image,
                                      ingest::Limits{}, problem);
    ASSERT_NE(src, nullptr);
    EXPECT_EQ(src->page_count(), 2);
    auto p2 = src->load(1, problem);
    ASSERT_TRUE(p2.has_value());
    EXPECT_EQ(p2->dpi, 200);
    // the second page is stored turned a quarter: portrait
    EXPECT_GT(pixGetHeight(p2->image.get()), pixGetWidth(p2->image.get()));

    ingest::Limits limits;
    limits.max_pages = 1;
    EXPECT_EQ(PageSource::open_bytes(fixture_bytes("sop_two_pages.tif"), ingest::Format::image,
                                     limits, problem),
              nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::limit);
}

TEST(PageSource, PdfTextLayerVersusImageOnly) {
    layout::Problem problem;
    auto text = PageSource::open_bytes(fixture_bytes("text_layer.pdf"), ingest::Format::pdf,
                                       ingest::Limits{}, problem);
    ASSERT_NE(text, nullptr);
    auto tp = text->load(0, problem);
    ASSERT_TRUE(tp.has_value());
    EXPECT_TRUE(tp->text_layer);
    bool found = false;
    for (const auto& w : tp->words) {
        found = found || w.text == "800/021/SOP-ORG/2023";
    }
    EXPECT_TRUE(found);

    auto image = PageSource::open_bytes(fixture_bytes("image_only.pdf"), ingest::Format::pdf,
                                        ingest::Limits{}, problem);
    ASSERT_NE(image, nullptr);
    auto ip = image->load(0, problem);
    ASSERT_TRUE(ip.has_value());
    EXPECT_FALSE(ip->text_layer);
    EXPECT_EQ(ip->dpi, 300);
    EXPECT_EQ(pixGetDepth(ip->image.get()), 8);
}

TEST(PageSource, EncryptedPdfIsReportedAsSuch) {
    // A PDF whose trailer names an encryption dictionary that poppler cannot open without a
    // password.
    const std::string pdf =
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        "3 0 obj << /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >> endobj\n"
        "trailer << /Root 1 0 R /Encrypt 3 0 R /ID [<01><01>] >>\n%%EOF\n";
    layout::Problem problem;
    EXPECT_EQ(PageSource::open_bytes(pdf, ingest::Format::pdf, ingest::Limits{}, problem), nullptr);
    EXPECT_EQ(problem.kind, layout::ProblemKind::encrypted);
}

TEST(PageSource, GuessDpiFromPaperSize) {
    EXPECT_EQ(ocr::guess_dpi(2480, 3508), 300);
    EXPECT_EQ(ocr::guess_dpi(3508, 2480), 300);
    EXPECT_EQ(ocr::guess_dpi(100, 100), 70);
}
