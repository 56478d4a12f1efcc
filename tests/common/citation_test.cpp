#include "common/citation.hpp"

#include <gtest/gtest.h>
#include <string>
#include <thread>

using namespace sopaudit::common;

namespace {

Citation parse(const std::string& item) {
    return parse_citation(item, default_citation_kinds());
}

} // namespace

TEST(Citation, KindNumberYearAndTitle) {
    const auto c = parse("1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah");
    EXPECT_TRUE(c.recognized);
    EXPECT_EQ(c.kind, "uu");
    EXPECT_EQ(c.number, "23");
    EXPECT_EQ(c.year, 2014);
    EXPECT_EQ(c.title, "Pemerintahan Daerah");
}

TEST(Citation, NumberForms) {
    const auto slash_year = parse("UU No. 23/2014");
    EXPECT_EQ(slash_year.number, "23");
    EXPECT_EQ(slash_year.year, 2014);
    const auto permenpan = parse("Peraturan Menteri Negara PAN Nomor PER/21/M.PAN/11/2008");
    EXPECT_EQ(permenpan.kind, "permenpan");
    EXPECT_EQ(permenpan.number, "PER/21/M.PAN/11/2008");
    EXPECT_EQ(permenpan.year, 2008);
    const auto colon = parse("Permendagri No: 80 Tahun 2015");
    EXPECT_EQ(colon.number, "80");
    EXPECT_EQ(colon.year, 2015);
    // "Nomer" is a common misspelling; the number is what follows it, not "MER".
    const auto nomer = parse("Perpres nomer 12 tahun 2020");
    EXPECT_TRUE(nomer.recognized);
    EXPECT_EQ(nomer.number, "12");
}

TEST(Citation, ProblemsNameWhatIsMissing) {
    EXPECT_EQ(parse("Surat biasa saja").problem, "kind");
    EXPECT_EQ(parse("Peraturan Daerah tentang Pajak").problem, "number");
    EXPECT_EQ(parse("Peraturan Daerah Nomor 5").problem, "year");
    // A year of five digits is no year; a year inside a word is none either.
    EXPECT_EQ(parse("Peraturan Daerah Nomor 5 Tahun 20145").problem, "year");
    const auto uud = parse("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945");
    EXPECT_TRUE(uud.recognized);
    EXPECT_EQ(uud.kind, "uud");
    EXPECT_EQ(uud.year, 1945);
    EXPECT_EQ(parse("UUD 1945").year, 1945);
    EXPECT_EQ(parse("UUD x1945").year, 0);
}

TEST(Citation, MarkersAreStripped) {
    for (const char* item : {"1. Perda Nomor 5 Tahun 2001", "12) Perda Nomor 5 Tahun 2001",
                             "(1) Perda Nomor 5 Tahun 2001", "a. Perda Nomor 5 Tahun 2001",
                             "(b) Perda Nomor 5 Tahun 2001", "- Perda Nomor 5 Tahun 2001",
                             "\xE2\x80\xA2 Perda Nomor 5 Tahun 2001"}) {
        const auto c = parse(item);
        EXPECT_TRUE(c.recognized) << item;
        EXPECT_EQ(c.kind, "perda") << item;
    }
    // Three digits are no list marker.
    EXPECT_EQ(parse("123. Perda Nomor 5 Tahun 2001").problem, "kind");
}

TEST(Citation, CanonicalNumber) {
    EXPECT_EQ(canonical_number("0023"), "23");
    EXPECT_EQ(canonical_number("per/21/m.pan"), "PER/21/M.PAN");
    EXPECT_EQ(canonical_number("000"), "0");
}

TEST(SplitListItems, ParagraphsAndInlineMarkers) {
    EXPECT_EQ(split_list_items("1. UU No 1 Tahun 2000 2. PP No 2 Tahun 2001 3) Perda No 3"),
              (std::vector<std::string>{"UU No 1 Tahun 2000", "PP No 2 Tahun 2001", "Perda No 3"}));
    EXPECT_EQ(split_list_items("Perbup Nomor 5\n\n  Perbup Nomor 6  "),
              (std::vector<std::string>{"Perbup Nomor 5", "Perbup Nomor 6"}));
    // Not numbered: " 2. " inside the text is no marker.
    EXPECT_EQ(split_list_items("Perda Nomor 5 pasal 2. ayat 3"),
              (std::vector<std::string>{"Perda Nomor 5 pasal 2. ayat 3"}));
    // A marker's trailing space is not the leading space of the next one: " 3. " is no cut.
    EXPECT_EQ(split_list_items("1. 2. 3. Perda"), (std::vector<std::string>{"3. Perda"}));
}

// A field of megabytes (a broken or hostile document, read with a raised max_paragraph_bytes):
// the parsers scan linearly and never recurse per character, so a thread with a small stack
// (256 KiB, where a recursive regex would die at a few thousand characters) gets through.
TEST(Citation, MegabyteInputOnASmallStack) {
    const std::string digits(1 << 20, '7');
    const std::string spaces(1 << 20, ' ');
    std::string many_markers;
    for (int i = 0; i < 100000; ++i) {
        many_markers += " 1. x";
    }
    bool done = false;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    struct Work {
        const std::string *digits, *spaces, *many;
        bool* done;
    } work{&digits, &spaces, &many_markers, &done};
    pthread_t thread;
    ASSERT_EQ(pthread_create(
                  &thread, &attr,
                  [](void* arg) -> void* {
                      auto* w = static_cast<Work*>(arg);
                      const auto c = parse("Perda Nomor " + *w->digits + " Tahun 2001");
                      const auto s = parse(*w->spaces + "1." + *w->spaces + "Perda");
                      const auto items = split_list_items("1. a" + *w->many);
                      *w->done = c.number.size() == w->digits->size() && c.year == 2001 &&
                                 s.kind == "perda" && items.size() == 100001;
                      return nullptr;
                  },
                  &work),
              0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    EXPECT_TRUE(done);
}
