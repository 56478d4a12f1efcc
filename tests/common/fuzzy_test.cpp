#include "common/fuzzy.hpp"

#include <algorithm>
#include <climits>
#include <gtest/gtest.h>
#include <random>

namespace sopaudit::common {
namespace {

// Textbook full-matrix Levenshtein, to check the one-row version against.
int reference_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = static_cast<int>(i);
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
    }
    return d[a.size()][b.size()];
}

// best_match as first written: fold everything, fuzzy_equal, then the smallest distance.
int reference_best(const std::string& text, const std::vector<std::string>& variants) {
    const auto folded = fold_label(text);
    if (folded.empty()) {
        return -1;
    }
    int best = -1;
    int best_distance = INT_MAX;
    for (std::size_t i = 0; i < variants.size(); ++i) {
        const auto v = fold_label(variants[i]);
        if (!fuzzy_equal(folded, v)) {
            continue;
        }
        const int d = reference_distance(folded, v);
        if (d < best_distance) {
            best_distance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

TEST(FoldLabel, LowersAndTurnsPunctuationIntoSingleSpaces) {
    EXPECT_EQ(fold_label("Tgl. Pembuatan :"), "tgl pembuatan");
    EXPECT_EQ(fold_label("  Peralatan/Perlengkapan  "), "peralatan perlengkapan");
    EXPECT_EQ(fold_label("No.\tSOP"), "no sop");
    EXPECT_EQ(fold_label("...::"), "");
    EXPECT_EQ(fold_label(""), "");
    // UTF-8 letters are kept as they are, ASCII around them lowered.
    EXPECT_EQ(fold_label("ÜBER Öl"), "Über Öl");
}

TEST(FoldLabel, IntoReusesTheBufferAndClearsIt) {
    std::string out = "left over";
    fold_label_into("Nomor SOP", out);
    EXPECT_EQ(out, "nomor sop");
    fold_label_into("-", out);
    EXPECT_EQ(out, "");
}

TEST(EditDistance, KnownValues) {
    EXPECT_EQ(edit_distance("", ""), 0);
    EXPECT_EQ(edit_distance("abc", ""), 3);
    EXPECT_EQ(edit_distance("", "abc"), 3);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
    EXPECT_EQ(edit_distance("pembuatan", "pembuatan"), 0);
    EXPECT_EQ(edit_distance("pembuatn", "pembuatan"), 1);
}

TEST(EditDistance, MatchesTheFullMatrixOnRandomStrings) {
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> len(0, 14), letter(0, 3);
    for (int k = 0; k < 2000; ++k) {
        std::string a(static_cast<std::size_t>(len(rng)), 'a'),
            b(static_cast<std::size_t>(len(rng)), 'a');
        for (auto& c : a) {
            c = static_cast<char>('a' + letter(rng));
        }
        for (auto& c : b) {
            c = static_cast<char>('a' + letter(rng));
        }
        const int d = reference_distance(a, b);
        ASSERT_EQ(edit_distance(a, b), d) << a << " / " << b;
        for (int limit = 0; limit <= 3; ++limit) {
            ASSERT_EQ(edit_distance_within(a, b, limit), d <= limit ? d : limit + 1)
                << a << " / " << b << " limit " << limit;
        }
    }
}

TEST(FuzzyEqual, ToleranceGrowsWithLength) {
    EXPECT_TRUE(fuzzy_equal("nomr", "nomr"));
    EXPECT_FALSE(fuzzy_equal("nomr", "nomo")); // 4 bytes: exact only
    EXPECT_TRUE(fuzzy_equal("revsi", "revisi"));
    EXPECT_FALSE(fuzzy_equal("rvsi", "revisi"));
    EXPECT_TRUE(fuzzy_equal("tanggal pmbuatn", "tanggal pembuatan"));
    EXPECT_FALSE(fuzzy_equal("tanggal pmbatn", "tanggal pembuatan"));
}

TEST(BestMatch, PicksTheClosestAndTheFirstOnATie) {
    const std::vector<std::string> variants = {"Tanggal Revisi", "Tanggal Efektif", "Tgl. Revisi",
                                               "Tanggal Revisi"};
    EXPECT_EQ(best_match("TANGGAL REVISI :", variants), 0);
    EXPECT_EQ(best_match("Tangal Efektf", variants), 1);
    EXPECT_EQ(best_match("tgl revisi", variants), 2);
    EXPECT_EQ(best_match("Nama SOP", variants), -1);
    EXPECT_EQ(best_match(" : ", variants), -1);
    EXPECT_EQ(best_match("No", {}), -1);
}

TEST(BestMatch, FoldedVariantsAgreeWithTheReferenceOnNoisyLabels) {
    const std::vector<std::string> variants = {"Nomor SOP",
                                               "No. SOP",
                                               "No",
                                               "Tanggal Pembuatan",
                                               "Tgl. Pembuatan",
                                               "Tanggal Revisi",
                                               "Tanggal Efektif",
                                               "Disahkan Oleh",
                                               "Nama SOP",
                                               "Dasar Hukum",
                                               "Kualifikasi Pelaksana",
                                               "Peralatan/Perlengkapan",
                                               "Peringatan",
                                               "Pencatatan dan Pendataan",
                                               "Keterkaitan"};
    const FoldedVariants folded(variants);
    EXPECT_EQ(folded.size(), variants.size());
    std::mt19937 rng(777);
    const std::string noise = "aeiou .:/-XYZ";
    std::uniform_int_distribution<std::size_t> pick(0, variants.size() - 1), edits(0, 3);
    std::uniform_int_distribution<std::size_t> glyph(0, noise.size() - 1);
    for (int k = 0; k < 3000; ++k) {
        std::string text = variants[pick(rng)];
        for (std::size_t e = edits(rng); e > 0 && !text.empty(); --e) {
            std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
            const std::size_t i = at(rng);
            switch (e % 3) {
            case 0:
                text.erase(i, 1);
                break;
            case 1:
                text.insert(i, 1, noise[glyph(rng)]);
                break;
            default:
                text[i] = noise[glyph(rng)];
            }
        }
        const int expected = reference_best(text, variants);
        ASSERT_EQ(best_match(text, variants), expected) << text;
        ASSERT_EQ(folded.best_match(text), expected) << text;
    }
}

} // namespace
} // namespace sopaudit::common
