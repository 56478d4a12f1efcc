#include "support/layout_builder.hpp"

#include <gtest/gtest.h>
#include <stdexcept>

namespace sopaudit::test {
namespace {

TEST(LayoutBuilder, FillsUncoveredGridPositionsWithEmptyCells) {
    const auto doc = LayoutBuilder().table(2, 3).cell(0, 0, "a", 1, 2).cell(1, 2, "b").build();
    ASSERT_EQ(doc.tables.size(), 1u);
    const auto& t = doc.tables[0];
    EXPECT_EQ(t.cell_at(0, 1)->text(), "a");
    ASSERT_NE(t.cell_at(1, 0), nullptr);
    EXPECT_EQ(t.cell_at(1, 0)->text(), "");
    EXPECT_EQ(t.cells.size(), 5u); // the spanning cell, b and three empty ones
}

TEST(LayoutBuilder, RefusesASecondCellOnAnOccupiedGridPosition) {
    LayoutBuilder b;
    b.table(2, 2).cell(0, 0, "merged", 2, 1);
    EXPECT_THROW(b.cell(1, 0, "hidden"), std::logic_error);
    EXPECT_THROW(b.cell(0, 0, "again"), std::logic_error);
    EXPECT_NO_THROW(b.cell(1, 1, "free"));
}

} // namespace
} // namespace sopaudit::test
