#include "ocr/text_fix.hpp"

#include <gtest/gtest.h>

using namespace sopaudit::ocr;

TEST(TextFix, ListNumberReadWithCommaOrColonGetsItsPeriod) {
    EXPECT_EQ(fix_list_number("3,"), "3.");
    EXPECT_EQ(fix_list_number("12:"), "12.");
    EXPECT_EQ(fix_list_number("3."), "3.");
    EXPECT_EQ(fix_list_number("2023,"), "2023,"); // a year, not a list number
    EXPECT_EQ(fix_list_number("Berkas,"), "Berkas,");
}

TEST(TextFix, ListItemsEndInSemicolonsWhereIndReadCommaOrColon) {
    std::vector<std::string> p = {
        "1. UU No. 43 Tahun 2009 tentang Kearsipan,",
        "2. PP No. 28 Tahun 2012 tentang Pelaksanaan:", "3. Permendagri No. 78 Tahun 2012."};
    restore_item_semicolons(p);
    EXPECT_EQ(p[0], "1. UU No. 43 Tahun 2009 tentang Kearsipan;");
    EXPECT_EQ(p[1], "2. PP No. 28 Tahun 2012 tentang Pelaksanaan;");
    EXPECT_EQ(p[2], "3. Permendagri No. 78 Tahun 2012.");
}

TEST(TextFix, CommasOutsideListsStay) {
    // the last item, and a paragraph that is not a list item, keep their comma
    std::vector<std::string> p = {"KEPALA DINAS PERHUBUNGAN KABUPATEN LOMBOK TIMUR,",
                                  "a. Komputer dan printer,", "H. IMAM SULAIMAN, S.AP.,",
                                  "1. Formulir,", "3. Berkas"};
    const auto before = p;
    restore_item_semicolons(p);
    EXPECT_EQ(p, before);
}

TEST(TextFix, NipDigitsRegroupedAsPrinted) {
    EXPECT_EQ(regroup_nip("NIP. 19710408 199904 1013"), "NIP. 19710408 199904 1 013");
    EXPECT_EQ(regroup_nip("NIP : 19720612200012 2 014"), "NIP : 19720612 200012 2 014");
    EXPECT_EQ(regroup_nip("NIP. 197809022004041010"), "NIP. 197809022004041010");
    EXPECT_EQ(regroup_nip("NIP.19690717 I99801 1 OO3"), "NIP.19690717 199801 1 003");
    EXPECT_EQ(regroup_nip("Pembina NIP 19690717 199801 1 003"),
              "Pembina NIP 19690717 199801 1 003");
}

TEST(TextFix, NipWithWrongDigitCountIsLeftAlone) {
    // 19 digits: which one is extra is not for us to guess
    EXPECT_EQ(regroup_nip("NIP. 197017110 800212 1 005"), "NIP. 197017110 800212 1 005");
    EXPECT_EQ(regroup_nip("NIP. 19701711"), "NIP. 19701711");
    EXPECT_EQ(regroup_nip("Nomor 19710408 199904 1013"), "Nomor 19710408 199904 1013");
}
