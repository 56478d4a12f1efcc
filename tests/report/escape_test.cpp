#include "report/escape.hpp"

#include <gtest/gtest.h>

using sopaudit::report::escape_href_path;
using sopaudit::report::escape_markup;
using sopaudit::report::safe_relative_path;

TEST(EscapeMarkup, EscapesTheFiveMarkupCharacters) {
    EXPECT_EQ(escape_markup("<script>a&b</script>"), "&lt;script&gt;a&amp;b&lt;/script&gt;");
    EXPECT_EQ(escape_markup("\"><img src=x onerror='1'>"),
              "&quot;&gt;&lt;img src=x onerror=&#39;1&#39;&gt;");
}

TEST(EscapeMarkup, KeepsUtf8AndLineBreaks) {
    EXPECT_EQ(escape_markup("Peraturan \xE2\x80\x93 Pasal 5\nbaris\t2"),
              "Peraturan \xE2\x80\x93 Pasal 5\nbaris\t2");
}

TEST(EscapeMarkup, ReplacesInvalidUtf8AndDropsControls) {
    EXPECT_EQ(escape_markup(std::string("a\xFF"
                                        "b",
                                        3)),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(escape_markup(std::string("a\0b\x01"
                                        "c\x7F",
                                        6)),
              "abc");
    EXPECT_EQ(escape_markup("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong '/'
    EXPECT_EQ(escape_markup("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    EXPECT_EQ(escape_markup("\xEF\xBF\xBE"), "");                                     // U+FFFE
}

TEST(EscapeHrefPath, PercentEncodesEverythingButUnreservedAndSlash) {
    EXPECT_EQ(escape_href_path("pages/dinas & \"x\"/a b.png"),
              "pages/dinas%20%26%20%22x%22/a%20b.png");
    EXPECT_EQ(escape_href_path("javascript:alert(1)"), "javascript%3Aalert%281%29");
}

TEST(SafeRelativePath, NeverLeavesTheOutputFolder) {
    EXPECT_EQ(safe_relative_path("../../etc/passwd"), "etc/passwd");
    EXPECT_EQ(safe_relative_path("/abs//a/./b\\c"), "abs/a/b/c");
    EXPECT_EQ(safe_relative_path(".."), "_");
    EXPECT_EQ(safe_relative_path(std::string("a\nb", 3)), "ab");
}
