// The committed samples (made by tools/gen_samples.py) read as the generator drew them.

#include "docx/docx_reader.hpp"

#include <filesystem>
#include <gtest/gtest.h>

namespace sopaudit::docx {
namespace {

using layout::ShapeClass;

layout::Document read_sample(const std::string& name) {
    const auto path = std::filesystem::path(SOPAUDIT_SOURCE_DIR) / "samples" / name;
    auto result = read_docx(path, ingest::Limits{});
    EXPECT_FALSE(result.failed) << name << ": "
                                << (result.problems.empty() ? "" : result.problems[0].detail);
    EXPECT_TRUE(result.problems.empty());
    return std::move(result.document);
}

// The grid column a floating shape is drawn in: its anchoring column plus its offset.
int drawn_column(const layout::Table& t, const layout::Shape& s) {
    double left = 0;
    for (int c = 0; c < s.where.col; ++c) {
        left += t.col_widths[static_cast<std::size_t>(c)];
    }
    const double centre = left + static_cast<double>(s.h_offset_emu + s.width_emu / 2) / 635.0;
    double edge = 0;
    for (int c = 0; c < t.n_cols; ++c) {
        edge += t.col_widths[static_cast<std::size_t>(c)];
        if (centre < edge) {
            return c;
        }
    }
    return t.n_cols - 1;
}

std::vector<std::pair<ShapeClass, int>> step_symbols(const layout::Table& t) {
    std::vector<std::pair<ShapeClass, int>> out;
    for (const auto& c : t.cells) {
        for (const auto& s : c.shapes) {
            if (s.shape_class != ShapeClass::line && s.shape_class != ShapeClass::connector) {
                out.emplace_back(s.shape_class, drawn_column(t, s));
            }
        }
    }
    return out;
}

TEST(Samples, StandardIdentityAndProcedureTables) {
    const auto doc = read_sample("sop-01-standar.docx");
    ASSERT_EQ(doc.tables.size(), 2u);
    const auto& identity = doc.tables[0];
    EXPECT_EQ(identity.cell_at(5, 0)->row_span, 6); // logo cell down the six top rows
    EXPECT_EQ(identity.cell_at(0, 1)->text(), "Nomor SOP");
    EXPECT_EQ(identity.cell_at(6, 2)->text(), "Kualifikasi Pelaksana");
    EXPECT_TRUE(identity.cell_at(6, 0)->shaded);
    const auto& proc = doc.tables[1];
    EXPECT_EQ(proc.n_cols, 4 + 2 + 4);
    EXPECT_EQ(proc.cell_at(0, 3)->text(), "Pelaksana");
    EXPECT_EQ(proc.cell_at(0, 3)->col_span, 4);
    EXPECT_EQ(proc.cell_at(1, 0)->row_span, 2);
    const auto symbols = step_symbols(proc);
    ASSERT_EQ(symbols.size(), 6u); // one per step: fallbacks are not counted
    EXPECT_EQ(symbols.front(), std::make_pair(ShapeClass::terminator, 2));
    EXPECT_EQ(symbols[1], std::make_pair(ShapeClass::decision, 3));
    EXPECT_EQ(symbols.back(), std::make_pair(ShapeClass::terminator, 2));
    EXPECT_EQ(doc.pages.size(), 2u);
    EXPECT_TRUE(doc.pages[0].landscape);
    EXPECT_EQ(proc.where.page, 2);
}

TEST(Samples, ShapesOffsetFromTheKegiatanColumnLandInTheActorColumns) {
    const auto doc = read_sample("sop-02-titik-dua-offset.docx");
    const auto& proc = doc.tables[1];
    const auto symbols = step_symbols(proc);
    ASSERT_EQ(symbols.size(), 7u);
    const std::vector<int> actor_columns = {2, 3, 4, 3, 5, 3, 2};
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        EXPECT_EQ(symbols[i].second, actor_columns[i]) << "step " << i + 1;
    }
    for (const auto& c : proc.cells) {
        if (!c.shapes.empty()) {
            EXPECT_EQ(c.col, 1); // all anchored in Kegiatan
        }
    }
    EXPECT_EQ(doc.tables[0].n_cols, 4); // the ":" column
}

TEST(Samples, VmlSymbols) {
    const auto doc = read_sample("sop-03-vml-dua-kolom.docx");
    const auto symbols = step_symbols(doc.tables[1]);
    ASSERT_EQ(symbols.size(), 6u);
    EXPECT_EQ(symbols[0].first, ShapeClass::terminator);
    EXPECT_EQ(symbols[4].first, ShapeClass::decision);
    EXPECT_EQ(symbols[4].second, 4);
}

TEST(Samples, TickMarksAreCellText) {
    const auto doc = read_sample("sop-04-tanda-centang.docx");
    const auto& proc = doc.tables[1];
    EXPECT_TRUE(step_symbols(proc).empty());
    EXPECT_EQ(proc.cell_at(2, 2)->text(), "\u2713");
    EXPECT_EQ(proc.cell_at(3, 3)->text(), "\u2714"); // Wingdings F0FC
}

TEST(Samples, NumberedListWithoutProcedureTable) {
    const auto doc = read_sample("sop-05-daftar-langkah.docx");
    EXPECT_EQ(doc.tables.size(), 1u);
    int listed = 0;
    for (const auto& p : doc.paragraphs) {
        listed += p.num_id == 1 ? 1 : 0;
    }
    EXPECT_EQ(listed, 6);
    EXPECT_FALSE(doc.pages.at(0).landscape);
}

TEST(Samples, BukuSopAndContinuedProcedure) {
    const auto book = read_sample("sop-06-buku-sop.docx");
    EXPECT_EQ(book.tables.size(), 4u);
    EXPECT_EQ(book.tables[3].where.page, 6);
    const auto split = read_sample("sop-07-bersambung.docx");
    ASSERT_EQ(split.tables.size(), 3u);
    EXPECT_EQ(split.tables[2].header_rows.at(0), true);
    int connectors = 0;
    for (const auto& t : split.tables) {
        for (const auto& c : t.cells) {
            for (const auto& s : c.shapes) {
                connectors += s.shape_class == ShapeClass::connector ? 1 : 0;
            }
        }
    }
    EXPECT_EQ(connectors, 2);
}

TEST(Samples, HostileTextIsKeptAsText) {
    const auto doc = read_sample("sop-08-teks-berbahaya.docx");
    EXPECT_NE(doc.tables[0].cell_at(5, 2)->text().find("<script>alert(1)</script>"),
              std::string::npos);
}

} // namespace
} // namespace sopaudit::docx
