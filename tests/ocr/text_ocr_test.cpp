#include "ocr/text_ocr.hpp"

#include <gtest/gtest.h>

using namespace sopaudit::ocr;

namespace {

OcrLine line(std::initializer_list<const char*> words, int x0, int y0, int x1, int y1,
             double conf = 0.9) {
    OcrLine l;
    l.box = Rect{x0, y0, x1, y1};
    int x = x0;
    for (const char* w : words) {
        l.words.push_back(OcrWord{w, Rect{x, y0, x + 10, y1}, conf});
        x += 12;
    }
    return l;
}

} // namespace

TEST(TextOcr, FoldSpace) {
    EXPECT_EQ(fold_space("  a \t b\n\nc  "), "a b c");
    EXPECT_EQ(fold_space(""), "");
}

TEST(TextOcr, ListItemsAndWrappedLinesBecomeParagraphs) {
    const Rect cell{0, 0, 1000, 400};
    std::vector<OcrLine> lines = {
        line({"1.", "Undang-Undang", "Nomor", "23"}, 10, 10, 990, 40, 0.9),
        line({"tentang", "Administrasi"}, 30, 45, 400, 75, 0.7),
        line({"2.", "Peraturan", "Bupati"}, 10, 80, 600, 110, 0.8),
    };
    auto paras = assemble_paragraphs(lines, cell);
    ASSERT_EQ(paras.size(), 2u);
    EXPECT_EQ(paras[0].text, "1. Undang-Undang Nomor 23 tentang Administrasi");
    EXPECT_EQ(paras[0].words, 6);
    EXPECT_NEAR(paras[0].confidence, (4 * 0.9 + 2 * 0.7) / 6, 1e-9);
    EXPECT_EQ(paras[1].text, "2. Peraturan Bupati");
}

TEST(TextOcr, ShortLinesEachStartAParagraph) {
    const Rect cell{0, 0, 1000, 400};
    std::vector<OcrLine> lines = {
        line({"KEPALA", "DINAS"}, 10, 10, 300, 40),
        line({"Ir.", "Sugeng"}, 10, 45, 250, 75),
        line({"NIP.", "197809022004041010"}, 10, 80, 400, 110),
    };
    EXPECT_EQ(assemble_paragraphs(lines, cell).size(), 3u);
}
