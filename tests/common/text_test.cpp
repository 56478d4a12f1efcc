#include "common/text.hpp"

#include <gtest/gtest.h>

namespace sopaudit::common {
namespace {

TEST(FoldSpace, CollapsesRunsAndTrims) {
    EXPECT_EQ(fold_space("  Nomor \t\n SOP  "), "Nomor SOP");
    EXPECT_EQ(fold_space("a\r\n\fb\vc"), "a b c");
    EXPECT_EQ(fold_space(""), "");
    EXPECT_EQ(fold_space(" \t\n"), "");
    EXPECT_EQ(fold_space("satu"), "satu");
}

TEST(FoldSpace, NoBreakSpaceCountsAsSpaceButOtherUtf8IsKept) {
    EXPECT_EQ(fold_space("\xC2\xA0"
                         "Tgl.\xC2\xA0\xC2\xA0"
                         "Revisi \xC2\xA0"),
              "Tgl. Revisi");
    // U+00C2 followed by something else is a letter (Â), not a space.
    EXPECT_EQ(fold_space("\xC3\xA9t\xC3\xA9 \xC2\xA9"), "\xC3\xA9t\xC3\xA9 \xC2\xA9");
    // A lone 0xC2 at the very end is kept, not read past.
    EXPECT_EQ(fold_space("x \xC2"), "x \xC2");
}

TEST(TextHelpers, LowerTrimSplitPrefix) {
    EXPECT_EQ(lower_ascii("ABC Ü"), "abc Ü");
    EXPECT_EQ(trim("  a b \n"), "a b");
    EXPECT_EQ(trim(" \t "), "");
    EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_TRUE(starts_with_ci("Standar Operasional", "STANDAR"));
    EXPECT_FALSE(starts_with_ci("SOP", "Standar"));
}

} // namespace
} // namespace sopaudit::common
