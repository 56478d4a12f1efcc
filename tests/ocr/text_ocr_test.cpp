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

TEST(TextOcr, SpeckWordsAreDroppedButDashesAndPlaceholdersStay) {
    EXPECT_TRUE(is_speck_word("."));
    EXPECT_TRUE(is_speck_word("|"));
    EXPECT_TRUE(is_speck_word(":"));
    EXPECT_TRUE(is_speck_word("'"));
    EXPECT_FALSE(is_speck_word("-"));
    EXPECT_FALSE(is_speck_word("...."));
    EXPECT_FALSE(is_speck_word("a."));
    EXPECT_FALSE(is_speck_word("1"));
}

TEST(TextOcr, ColonsBetweenSureWordsAreKept) {
    EXPECT_TRUE(keep_ocr_word(":", 0.9, true));
    EXPECT_FALSE(keep_ocr_word(":", 0.9, false)); // a line's first word
    EXPECT_FALSE(keep_ocr_word(":", 0.4, true));  // unsure: a speck
    EXPECT_FALSE(keep_ocr_word("|", 0.95, true));
    EXPECT_FALSE(keep_ocr_word("", 0.95, true));
    EXPECT_TRUE(keep_ocr_word("NIP", 0.2, false));
}

TEST(TextOcr, ShortParagraphIsAsSureAsItsWorstWord) {
    const Rect cell{0, 0, 1000, 100};
    OcrLine date = line({"29", "Pavshot", "2023"}, 10, 10, 300, 40, 0.9);
    date.words[1].confidence = 0.2;
    auto paras = assemble_paragraphs({date}, cell);
    ASSERT_EQ(paras.size(), 1u);
    EXPECT_NEAR(paras[0].confidence, 0.2, 1e-9);
    EXPECT_NEAR(paras[0].mean_confidence, (0.9 + 0.2 + 0.9) / 3, 1e-9);
}

TEST(TextOcr, ParagraphsGetListAndNipCorrections) {
    const Rect cell{0, 0, 1000, 400};
    std::vector<OcrLine> lines = {
        line({"1.", "Buku", "agenda", "surat", "keluar,"}, 10, 10, 990, 40),
        line({"2,", "Buku", "ekspedisi"}, 10, 45, 300, 75),
        line({"NIP.", "19710408", "199904", "1013"}, 10, 80, 990, 110),
    };
    auto paras = assemble_paragraphs(lines, cell);
    ASSERT_EQ(paras.size(), 3u);
    EXPECT_EQ(paras[0].text, "1. Buku agenda surat keluar;");
    EXPECT_EQ(paras[1].text, "2. Buku ekspedisi");
    EXPECT_EQ(paras[2].text, "NIP. 19710408 199904 1 013");
}

TEST(TextOcr, StrayLetterBesideTheTextIsDropped) {
    OcrLine l;
    l.words = {OcrWord{"LA", Rect{10, 10, 40, 40}, 0.1},
               OcrWord{"PEMERINTAH", Rect{200, 10, 400, 40}, 0.95},
               OcrWord{"KABUPATEN", Rect{410, 10, 600, 40}, 0.95}};
    drop_stray_lead(l);
    ASSERT_EQ(l.words.size(), 2u);
    EXPECT_EQ(l.words[0].text, "PEMERINTAH");
    // a list number just before its text, or read surely, stays
    OcrLine item;
    item.words = {OcrWord{"1.", Rect{10, 10, 30, 40}, 0.3},
                  OcrWord{"Buku", Rect{45, 10, 120, 40}, 0.9}};
    drop_stray_lead(item);
    EXPECT_EQ(item.words.size(), 2u);
    OcrLine sure;
    sure.words = {OcrWord{"A", Rect{10, 10, 30, 40}, 0.9},
                  OcrWord{"Buku", Rect{200, 10, 280, 40}, 0.9}};
    drop_stray_lead(sure);
    EXPECT_EQ(sure.words.size(), 2u);
}
