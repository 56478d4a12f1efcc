#include "docx/body_reader.hpp"
#include "docx/docx_builder.hpp"
#include "docx/docx_reader.hpp"

#include <gtest/gtest.h>

namespace sopaudit::docx {
namespace {

using namespace testing;

const std::string v_restart = "<w:vMerge w:val=\"restart\"/>";
const std::string v_continue = "<w:vMerge/>";
std::string span(int n) {
    return "<w:gridSpan w:val=\"" + std::to_string(n) + "\"/>";
}

TEST(BodyReader, ParagraphTextRunsTabsBreaksAndStyle) {
    const auto doc =
        read_body("<w:p><w:pPr><w:pStyle w:val=\"Judul\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId "
                  "w:val=\"3\"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Satu</w:t><w:tab/>"
                  "<w:t>dua</w:t><w:br/><w:t>tiga</w:t><w:cr/></w:r><w:r><w:rPr><w:b/></w:rPr>"
                  "<w:t xml:space=\"preserve\"> empat</w:t><w:noBreakHyphen/></w:r></w:p>" +
                  para("biasa"));
    ASSERT_EQ(doc.paragraphs.size(), 2u);
    EXPECT_EQ(doc.paragraphs[0].text, "Satu\tdua\ntiga\n empat-");
    EXPECT_EQ(doc.paragraphs[0].style, "Judul");
    EXPECT_EQ(doc.paragraphs[0].num_id, 3);
    EXPECT_EQ(doc.paragraphs[0].num_level, 1);
    EXPECT_TRUE(doc.paragraphs[0].bold);
    EXPECT_FALSE(doc.paragraphs[1].bold);
    EXPECT_EQ(doc.paragraphs[1].num_id, -1);
    ASSERT_EQ(doc.body.size(), 2u);
    EXPECT_EQ(doc.body[1].kind, layout::Block::Kind::paragraph);
    EXPECT_EQ(doc.body[1].index, 1);
    EXPECT_EQ(doc.method, "xml");
}

TEST(BodyReader, TrackedChangesHyperlinksAndContentControls) {
    const auto doc = read_body(
        "<w:p><w:r><w:t>Menerima </w:t></w:r><w:del><w:r><w:delText>surat</w:delText></w:r>"
        "</w:del><w:ins><w:r><w:t>berkas</w:t></w:r></w:ins><w:hyperlink><w:r><w:t> "
        "permohonan</w:t></w:r></w:hyperlink><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" +
        para("di dalam kontrol") + "</w:sdtContent></w:sdt>");
    ASSERT_EQ(doc.paragraphs.size(), 2u);
    EXPECT_EQ(doc.paragraphs[0].text, "Menerima berkas permohonan");
    EXPECT_EQ(doc.paragraphs[1].text, "di dalam kontrol");
    EXPECT_EQ(doc.body.size(), 2u);
}

TEST(BodyReader, SymbolsDecodeToUnicodeGlyphs) {
    const auto doc = read_body(
        "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>"
        "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FB\"/></w:r></w:p>"
        "<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0D6\"/></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr>"
        "<w:t>\xC3\xBC</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\"/></w:rPr><w:t>P</w:t></w:r></w:p>");
    ASSERT_EQ(doc.paragraphs.size(), 5u);
    EXPECT_EQ(doc.paragraphs[0].text, "\u2714");
    EXPECT_EQ(doc.paragraphs[1].text, "\u2718");
    EXPECT_EQ(doc.paragraphs[2].text, "\u221A");
    EXPECT_EQ(doc.paragraphs[3].text, "\u2714"); // "ü" typed in Wingdings is a tick
    EXPECT_EQ(doc.paragraphs[4].text, "\u2714");
    EXPECT_EQ(decode_symbol_char("Arial", 0xF041), "A");
    EXPECT_EQ(decode_symbol_char("Arial", 0x2713), "\u2713");
}

TEST(BodyReader, MergedCellsOnTheGrid) {
    // The standard identity header: logo cell merged over 3 rows and 2 columns, label/value on
    // the right, a box row spanning below.
    const std::string rows =
        row(text_cell("PEMERINTAH", v_restart + span(2)) + text_cell("Nomor SOP") +
            text_cell("800/1/2024")) +
        row(text_cell("", v_continue + span(2)) + text_cell("Tanggal Pembuatan") +
            text_cell("1 Juni 2024")) +
        row(text_cell("", v_continue + span(2)) + text_cell("Nama SOP") + text_cell("Cuti")) +
        row(text_cell("Dasar Hukum", span(2) + "<w:shd w:val=\"clear\" w:fill=\"D9D9D9\"/>") +
            text_cell("Kualifikasi", span(2) + "<w:shd w:val=\"clear\" w:fill=\"auto\"/>"));
    const auto doc = read_body(table({1000, 1000, 2000, 3000}, rows));
    ASSERT_EQ(doc.tables.size(), 1u);
    const auto& t = doc.tables[0];
    EXPECT_EQ(t.n_rows, 4);
    EXPECT_EQ(t.n_cols, 4);
    EXPECT_EQ(t.col_widths, (std::vector<double>{1000, 1000, 2000, 3000}));
    ASSERT_EQ(t.cells.size(), 9u);
    const auto* logo = t.cell_at(2, 1);
    ASSERT_NE(logo, nullptr);
    EXPECT_EQ(logo->row, 0);
    EXPECT_EQ(logo->col, 0);
    EXPECT_EQ(logo->row_span, 3);
    EXPECT_EQ(logo->col_span, 2);
    EXPECT_EQ(logo->text(), "PEMERINTAH"); // the merged-away empty paragraphs are not kept
    EXPECT_EQ(t.cell_at(1, 2)->text(), "Tanggal Pembuatan");
    EXPECT_EQ(t.cell_at(1, 3)->text(), "1 Juni 2024");
    EXPECT_EQ(t.cell_at(1, 3)->where.row, 1);
    EXPECT_EQ(t.cell_at(1, 3)->where.col, 3);
    EXPECT_EQ(t.cell_at(1, 3)->where.table, 0);
    EXPECT_EQ(t.cell_at(1, 3)->paragraphs[0].where.col, 3);
    EXPECT_EQ(t.cell_at(3, 1)->text(), "Dasar Hukum");
    EXPECT_TRUE(t.cell_at(3, 1)->shaded);
    EXPECT_EQ(t.cell_at(3, 3)->col, 2);
    EXPECT_FALSE(t.cell_at(3, 3)->shaded);
}

TEST(BodyReader, ProcedureHeaderWithTwoRowsAndRepeatedHeaderFlag) {
    const std::string header1 =
        row(text_cell("No", v_restart) + text_cell("Kegiatan", v_restart) +
                text_cell("Pelaksana", span(2)) + text_cell("Mutu Baku", span(3)) +
                text_cell("Keterangan", v_restart),
            "<w:tblHeader/>");
    const std::string header2 =
        row(text_cell("", v_continue) + text_cell("", v_continue) + text_cell("Kasubbag") +
                text_cell("Staf") + text_cell("Kelengkapan") + text_cell("Waktu") +
                text_cell("Output") + text_cell("", v_continue),
            "<w:tblHeader/>");
    const std::string step =
        row(text_cell("1") + text_cell("Menerima") + text_cell("") + text_cell("") +
            text_cell("Berkas") + text_cell("15 menit") + text_cell("Surat") + text_cell(""));
    const auto doc =
        read_body(table({400, 3000, 1000, 1000, 1500, 900, 1500, 1500}, header1 + header2 + step));
    const auto& t = doc.tables[0];
    EXPECT_EQ(t.n_rows, 3);
    EXPECT_EQ(t.n_cols, 8);
    EXPECT_EQ(t.header_rows, (std::vector<bool>{true, true, false}));
    EXPECT_EQ(t.cell_at(1, 0)->row_span, 2);
    EXPECT_EQ(t.cell_at(0, 3)->text(), "Pelaksana");
    EXPECT_EQ(t.cell_at(0, 3)->col_span, 2);
    EXPECT_EQ(t.cell_at(0, 6)->text(), "Mutu Baku");
    EXPECT_EQ(t.cell_at(1, 5)->text(), "Waktu");
    EXPECT_EQ(t.cell_at(1, 7)->text(), "Keterangan");
    EXPECT_EQ(t.cell_at(2, 5)->text(), "15 menit");
}

TEST(BodyReader, GridBeforeAndGridAfterShiftCells) {
    const std::string rows =
        row(text_cell("a") + text_cell("b") + text_cell("c")) +
        row(text_cell("x"), "<w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/>");
    const auto doc = read_body(table({1000, 1000, 1000}, rows));
    const auto& t = doc.tables[0];
    EXPECT_EQ(t.cell_at(1, 1)->text(), "x");
    EXPECT_EQ(t.cell_at(1, 0), nullptr);
    EXPECT_EQ(t.cell_at(1, 2), nullptr);
}

TEST(BodyReader, NestedTablesGetTheirOwnIndex) {
    const std::string inner = table({500, 500}, row(text_cell("i1") + text_cell("i2")));
    const std::string outer =
        table({1000, 1000}, row(text_cell("o1") + cell(para("sebelum") + inner + para(""))));
    const auto doc = read_body(outer + para("sesudah"));
    ASSERT_EQ(doc.tables.size(), 2u);
    EXPECT_EQ(doc.tables[0].parent_table, -1);
    EXPECT_EQ(doc.tables[1].parent_table, 0);
    EXPECT_EQ(doc.tables[1].index, 1);
    const auto* host = doc.tables[0].cell_at(0, 1);
    ASSERT_EQ(host->nested_tables, (std::vector<int>{1}));
    EXPECT_EQ(doc.tables[1].cell_at(0, 1)->text(), "i2");
    EXPECT_EQ(doc.tables[1].cell_at(0, 1)->where.table, 1);
    // Only the outer table and the paragraph after it are top-level blocks.
    ASSERT_EQ(doc.body.size(), 2u);
    EXPECT_EQ(doc.body[0].kind, layout::Block::Kind::table);
    EXPECT_EQ(doc.body[0].index, 0);
    EXPECT_EQ(doc.paragraphs.size(), 1u);
}

TEST(BodyReader, ExplicitPageBreaksAndSections) {
    const std::string landscape_section =
        "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr>"
        "<w:r><w:t>akhir bagian 1</w:t></w:r></w:p>";
    const auto doc = read_body(
        para("halaman 1") + "<w:p><w:r><w:t>masih 1</w:t><w:br w:type=\"page\"/></w:r></w:p>" +
        para("halaman 2") + landscape_section + para("halaman 3") +
        "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>halaman 4</w:t></w:r></w:p>" +
        table({1000}, row(text_cell("sel"))) +
        "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>");
    ASSERT_EQ(doc.paragraphs.size(), 6u);
    EXPECT_EQ(doc.paragraphs[0].where.page, 1);
    EXPECT_EQ(doc.paragraphs[1].where.page, 1);
    EXPECT_EQ(doc.paragraphs[2].where.page, 2);
    EXPECT_EQ(doc.paragraphs[3].where.page, 2);
    EXPECT_EQ(doc.paragraphs[4].where.page, 3);
    EXPECT_EQ(doc.paragraphs[5].where.page, 4);
    EXPECT_EQ(doc.tables[0].where.page, 4);
    EXPECT_EQ(doc.tables[0].cells[0].paragraphs[0].where.page, 4);
    ASSERT_EQ(doc.pages.size(), 4u);
    EXPECT_FALSE(doc.pages[0].landscape);
    EXPECT_EQ(doc.pages[1].width, 11906);
    EXPECT_TRUE(doc.pages[2].landscape);
    EXPECT_EQ(doc.pages[3].width, 16838);
    EXPECT_EQ(doc.pages[3].method, "xml");
}

TEST(BodyReader, RenderedPageBreaksWinOverExplicitOnes) {
    // Word writes both a hard break and, where the next page started, a rendered mark.
    const std::string step_row = row(text_cell("langkah"));
    const std::string moved_row =
        row(cell("<w:p><w:r><w:lastRenderedPageBreak/><w:t>a</w:t></w:r></w:p>") +
            cell("<w:p><w:r><w:lastRenderedPageBreak/><w:t>b</w:t></w:r></w:p>"));
    const auto doc = read_body("<w:p><w:r><w:t>satu</w:t><w:br w:type=\"page\"/></w:r></w:p>"
                               "<w:p><w:r><w:lastRenderedPageBreak/><w:t>dua</w:t></w:r></w:p>" +
                               table({1000, 1000}, step_row + moved_row));
    EXPECT_EQ(doc.paragraphs[0].where.page, 1);
    EXPECT_EQ(doc.paragraphs[1].where.page, 2);
    const auto& t = doc.tables[0];
    EXPECT_EQ(t.cell_at(0, 0)->where.page, 2);
    // A row that moved to the next page counts once, not once per cell.
    EXPECT_EQ(t.cell_at(1, 0)->where.page, 3);
    EXPECT_EQ(t.cell_at(1, 1)->where.page, 3);
    EXPECT_EQ(doc.pages.size(), 3u);
}

TEST(BodyReader, HeaderTextIsReadFromTheHeaderPart) {
    const std::string rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId7\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
        "Target=\"header1.xml\"/><Relationship Id=\"rId8\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
        "Target=\"https://example.org/\" TargetMode=\"External\"/></Relationships>";
    const std::string header = std::string("<w:hdr ") + document_namespaces() + ">" +
                               para("SEKRETARIAT DAERAH") +
                               table({1000}, row(text_cell("dalam tabel kepala"))) + "</w:hdr>";
    const auto doc = read_body(
        para("isi"), {{"word/_rels/document.xml.rels", rels}, {"word/header1.xml", header}});
    ASSERT_EQ(doc.header_paragraphs.size(), 2u);
    EXPECT_EQ(doc.header_paragraphs[0].text, "SEKRETARIAT DAERAH");
    EXPECT_EQ(doc.header_paragraphs[1].text, "dalam tabel kepala");
    EXPECT_EQ(doc.paragraphs.size(), 1u);
}

} // namespace
} // namespace sopaudit::docx
