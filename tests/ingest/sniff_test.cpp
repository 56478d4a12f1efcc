#include "ingest/ingest.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>

namespace sopaudit::ingest {
namespace {

using test::make_docx;
using test::make_ole;
using test::make_zip;

TEST(Sniff, EmptyFile) {
    EXPECT_EQ(sniff_bytes(""), Format::empty);
}

TEST(Sniff, DocxByDocumentPart) {
    EXPECT_EQ(sniff_bytes(make_docx({"Halo"})), Format::docx);
}

TEST(Sniff, DocxByRelationshipsWhenMainPartHasAnotherName) {
    const std::string zip = make_zip({
        {"[Content_Types].xml",
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Override PartName=\"/word/document2.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>"},
        {"word/document2.xml", "<w:document/>"},
    });
    EXPECT_EQ(sniff_bytes(zip), Format::docx);
}

TEST(Sniff, XlsxIsAnotherZip) {
    const std::string zip = make_zip({
        {"[Content_Types].xml",
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", "<workbook/>"},
    });
    const auto r = sniff_content(zip);
    EXPECT_EQ(r.format, Format::zip_other);
    EXPECT_FALSE(r.damaged);
    EXPECT_NE(r.detail.find("xlsx"), std::string::npos) << r.detail;
}

TEST(Sniff, RelationshipsWithDoctypeAreNotTrusted) {
    const std::string zip = make_zip({
        {"_rels/.rels",
         "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/main.xml\"/></Relationships>"},
        {"word/main.xml", "<w:document/>"},
    });
    EXPECT_EQ(sniff_bytes(zip), Format::zip_other);
}

TEST(Sniff, OdtByMimetype) {
    EXPECT_EQ(sniff_bytes(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                    {"content.xml", "<office:document-content/>"}})),
              Format::odt);
}

TEST(Sniff, PlainZip) {
    const auto r = sniff_content(make_zip({{"a.txt", "hello"}}));
    EXPECT_EQ(r.format, Format::zip_other);
    EXPECT_FALSE(r.damaged);
}

TEST(Sniff, TruncatedZipIsDamaged) {
    const std::string docx = make_docx({"Halo dunia, ini dokumen yang cukup panjang"});
    const auto r = sniff_content(docx.substr(0, docx.size() / 2));
    EXPECT_EQ(r.format, Format::zip_other);
    EXPECT_TRUE(r.damaged);
    EXPECT_NE(r.detail.find("zip"), std::string::npos);
}

TEST(Sniff, Pdf) {
    EXPECT_EQ(sniff_bytes("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), Format::pdf);
    // Junk before the header, as some generators write it.
    EXPECT_EQ(sniff_bytes(std::string(100, ' ') + "%PDF-1.4\n"), Format::pdf);
}

TEST(Sniff, ImageSignatures) {
    EXPECT_EQ(sniff_bytes(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), Format::image);
    EXPECT_EQ(sniff_bytes(std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10)), Format::image);
    EXPECT_EQ(sniff_bytes(std::string("II*\0\x08\0\0\0", 8)), Format::image);
    EXPECT_EQ(sniff_bytes(std::string("MM\0*\0\0\0\x08", 8)), Format::image);
}

TEST(Sniff, LegacyWordDocument) {
    const auto r = sniff_content(make_ole({"\x01"
                                           "CompObj",
                                           "WordDocument", "1Table"}));
    EXPECT_EQ(r.format, Format::doc);
    EXPECT_FALSE(r.damaged);
}

TEST(Sniff, EncryptedOoxml) {
    EXPECT_EQ(sniff_bytes(make_ole({"EncryptionInfo", "EncryptedPackage"})),
              Format::ooxml_encrypted);
}

TEST(Sniff, OleDirectorySpanningSeveralSectorsIsFollowed) {
    // Five entries fill the first directory sector; WordDocument sits in the second one.
    EXPECT_EQ(sniff_bytes(make_ole({"a", "b", "c", "d", "e", "WordDocument"})), Format::doc);
}

TEST(Sniff, OtherOleFile) {
    const auto r = sniff_content(make_ole({"Workbook"}));
    EXPECT_EQ(r.format, Format::unknown);
    EXPECT_FALSE(r.damaged);
    EXPECT_NE(r.detail.find("Excel"), std::string::npos);
}

TEST(Sniff, TruncatedOleIsDamaged) {
    const std::string ole = make_ole({"WordDocument"});
    const auto r = sniff_content(ole.substr(0, 700)); // header and part of the FAT
    EXPECT_EQ(r.format, Format::unknown);
    EXPECT_TRUE(r.damaged);
}

TEST(Sniff, TextAndGarbage) {
    const auto text = sniff_content("Ini hanya teks biasa, bukan dokumen Word.\n");
    EXPECT_EQ(text.format, Format::unknown);
    EXPECT_EQ(text.detail, "plain text");
    const auto garbage = sniff_content(std::string("\x01\x02\x03\xFE\xFD\x00\x7F", 7));
    EXPECT_EQ(garbage.format, Format::unknown);
    EXPECT_EQ(garbage.detail, "unrecognised binary content");
    EXPECT_EQ(sniff_content("{\\rtf1\\ansi hello}").detail, "RTF document");
}

TEST(Sniff, FileContentWinsOverExtension) {
    test::TempDir dir;
    test::write_file(dir / "laporan.docx", "%PDF-1.5\n");
    test::write_file(dir / "scan.pdf", make_docx({"x"}));
    test::write_file(dir / "gambar.docx", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    test::write_file(dir / "lama.docx", make_ole({"WordDocument"}));
    test::write_file(dir / "teks.docx", "bukan word");
    EXPECT_EQ(sniff(dir / "laporan.docx"), Format::pdf);
    EXPECT_EQ(sniff(dir / "scan.pdf"), Format::docx);
    EXPECT_EQ(sniff(dir / "gambar.docx"), Format::image);
    EXPECT_EQ(sniff(dir / "lama.docx"), Format::doc);
    EXPECT_EQ(sniff(dir / "teks.docx"), Format::unknown);
}

TEST(Sniff, FileAndBytesAgreeOnTruncatedZip) {
    test::TempDir dir;
    const std::string docx = make_docx({"isi"});
    test::write_file(dir / "potong.docx", docx.substr(0, docx.size() - 30));
    const auto r = sniff_file(dir / "potong.docx");
    EXPECT_TRUE(r.damaged);
    EXPECT_EQ(r.format, sniff_bytes(docx.substr(0, docx.size() - 30)));
}

TEST(Sniff, MissingFileIsDamagedUnknown) {
    const auto r = sniff_file("/nonexistent/sopaudit/file.docx");
    EXPECT_EQ(r.format, Format::unknown);
    EXPECT_TRUE(r.damaged);
}

TEST(Format, ReportValues) {
    EXPECT_STREQ(report_format(Format::docx), "docx");
    EXPECT_STREQ(report_format(Format::doc), "doc");
    EXPECT_STREQ(report_format(Format::odt), "odt");
    EXPECT_STREQ(report_format(Format::ooxml_encrypted), "unknown");
    EXPECT_STREQ(report_format(Format::zip_other), "unknown");
    EXPECT_STREQ(report_format(Format::empty), "unknown");
}

} // namespace
} // namespace sopaudit::ingest
