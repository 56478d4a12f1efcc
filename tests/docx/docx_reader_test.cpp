#include "docx/docx_builder.hpp"
#include "docx/docx_reader.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace sopaudit::docx {
namespace {

using namespace testing;
using layout::ProblemKind;

// Each bad input must fail with exactly one problem of the expected kind.
void expect_failure(const std::string& bytes, ProblemKind kind,
                    const ingest::Limits& limits = ingest::Limits{}) {
    const auto result = read_docx_bytes(bytes, limits);
    EXPECT_TRUE(result.failed);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].kind, kind) << result.problems[0].detail;
    EXPECT_FALSE(result.problems[0].detail.empty());
    EXPECT_TRUE(result.document.tables.empty());
}

std::string docx_with_document(const std::string& document_xml) {
    return make_zip({{"[Content_Types].xml", content_types()},
                     {"_rels/.rels", package_rels()},
                     {"word/document.xml", document_xml}});
}

TEST(DocxReader, ReadsAFileFromDisk) {
    const auto dir = std::filesystem::temp_directory_path() / "sopaudit_docx_reader_test";
    std::filesystem::create_directories(dir);
    const auto file = dir / "SOP cuti (contoh) ü.docx";
    {
        std::ofstream out(file, std::ios::binary);
        out << make_docx(para("STANDAR OPERASIONAL PROSEDUR") +
                         table({2000, 3000}, row(text_cell("Nomor SOP") + text_cell("800/1"))));
    }
    const auto result = read_docx(file, ingest::Limits{});
    EXPECT_FALSE(result.failed);
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.document.tables.size(), 1u);
    EXPECT_EQ(result.document.tables[0].cell_at(0, 1)->text(), "800/1");
    EXPECT_EQ(result.document.paragraphs[0].text, "STANDAR OPERASIONAL PROSEDUR");
    ASSERT_EQ(result.document.pages.size(), 1u);

    ingest::Limits small;
    small.max_file_bytes = 10;
    const auto too_big = read_docx(file, small);
    EXPECT_TRUE(too_big.failed);
    EXPECT_EQ(too_big.problems.at(0).kind, ProblemKind::limit);

    const auto missing = read_docx(dir / "tidak-ada.docx", ingest::Limits{});
    EXPECT_TRUE(missing.failed);
    EXPECT_EQ(missing.problems.at(0).kind, ProblemKind::unreadable);
    std::filesystem::remove_all(dir);
}

TEST(DocxReader, MainPartIsResolvedThroughThePackageRelationships) {
    const std::string bytes = make_zip({{"[Content_Types].xml", content_types()},
                                        {"_rels/.rels", package_rels("/isi/utama.xml")},
                                        {"isi/utama.xml", document_xml(para("di tempat lain"))}});
    const auto result = read_docx_bytes(bytes, ingest::Limits{});
    ASSERT_FALSE(result.failed) << result.problems.at(0).detail;
    EXPECT_EQ(result.document.paragraphs.at(0).text, "di tempat lain");
}

TEST(DocxReader, FallsBackToWordDocumentXmlWithoutRels) {
    const auto result = read_docx_bytes(
        make_zip({{"word/document.xml", document_xml(para("tanpa rels"))}}), ingest::Limits{});
    ASSERT_FALSE(result.failed);
    EXPECT_EQ(result.document.paragraphs.at(0).text, "tanpa rels");
}

TEST(DocxReader, EmptyNotAZipAndTruncatedAreUnreadable) {
    expect_failure("", ProblemKind::unreadable);
    expect_failure("%PDF-1.4 this is not a zip", ProblemKind::unreadable);
    const std::string good = make_docx(para(std::string(3000, 'x')));
    expect_failure(good.substr(0, good.size() - 30), ProblemKind::unreadable);
    expect_failure(good.substr(0, 200), ProblemKind::unreadable);
}

TEST(DocxReader, ZipWithoutDocumentPartIsUnreadable) {
    expect_failure(make_zip({{"[Content_Types].xml", content_types()},
                             {"_rels/.rels", package_rels()},
                             {"content.xml", "<office/>"}}),
                   ProblemKind::unreadable);
}

TEST(DocxReader, MalformedXmlIsUnreadable) {
    expect_failure(docx_with_document("<w:document><w:body><w:p></w:body>"),
                   ProblemKind::unreadable);
    // Well-formed but not WordprocessingML.
    expect_failure(docx_with_document("<html><body/></html>"), ProblemKind::unreadable);
}

TEST(DocxReader, ExternalEntityNeverReadsALocalFile) {
    const std::string xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "
        "\"file:///etc/passwd\">]><w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
        "<w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
    const auto result = read_docx_bytes(docx_with_document(xxe), ingest::Limits{});
    EXPECT_TRUE(result.failed);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].kind, ProblemKind::limit);
    EXPECT_EQ(result.problems[0].detail.find("root:"), std::string::npos);
    for (const auto& p : result.document.paragraphs) {
        EXPECT_EQ(p.text.find("root"), std::string::npos);
    }
}

TEST(DocxReader, BillionLaughsIsALimit) {
    std::string dtd = "<!ENTITY a0 \"lol\">";
    for (int i = 1; i <= 12; ++i) {
        std::string refs;
        for (int k = 0; k < 10; ++k) {
            refs += "&a" + std::to_string(i - 1) + ";";
        }
        dtd += "<!ENTITY a" + std::to_string(i) + " \"" + refs + "\">";
    }
    const std::string bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [" + dtd +
        "]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body><w:p><w:r><w:t>&a12;</w:t></w:r></w:p></w:body></w:document>";
    expect_failure(docx_with_document(bomb), ProblemKind::limit);
}

TEST(DocxReader, ZipBombsAreLimits) {
    // A document part padded with 8 MiB of spaces: inflates ~1000x its compressed size.
    const std::string padded = document_xml(para("x") + std::string(8 << 20, ' '));
    expect_failure(docx_with_document(padded), ProblemKind::limit);

    ingest::Limits small;
    small.max_member_bytes = 1 << 16;
    expect_failure(make_docx(para(std::string(100000, 'y'))), ProblemKind::limit, small);

    ingest::Limits total;
    total.max_uncompressed_bytes = 2000; // rels + document exceed it
    expect_failure(make_docx(para(std::string(3000, 'z'))), ProblemKind::limit, total);
}

TEST(DocxReader, DeepNestingIsALimit) {
    std::string deep = "<w:document "
                       "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                       "<w:body>";
    for (int i = 0; i < 10000; ++i) {
        deep += "<w:sdt><w:sdtContent>";
    }
    for (int i = 0; i < 10000; ++i) {
        deep += "</w:sdtContent></w:sdt>";
    }
    deep += "</w:body></w:document>";
    expect_failure(docx_with_document(deep), ProblemKind::limit);
}

TEST(DocxReader, DoctypeInAHeaderFailsTheFileToo) {
    const std::string rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
        "Target=\"header1.xml\"/></Relationships>";
    const std::string header =
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>";
    expect_failure(make_docx(para("isi"), {{"word/_rels/document.xml.rels", rels},
                                           {"word/header1.xml", header}}),
                   ProblemKind::limit);
}

TEST(DocxReader, GarbageNeverThrows) {
    // Random-looking mutations of a valid package must come back as results, never exceptions.
    const std::string good = make_docx(para("Menerima berkas") +
                                       table({1000, 1000}, row(text_cell("a") + text_cell("b"))));
    unsigned state = 12345;
    for (int round = 0; round < 200; ++round) {
        std::string bytes = good;
        for (int k = 0; k < 8; ++k) {
            state = state * 1103515245u + 12345u;
            bytes[(state >> 8) % bytes.size()] = static_cast<char>(state >> 24);
        }
        EXPECT_NO_THROW({
            const auto result = read_docx_bytes(bytes, ingest::Limits{});
            if (result.failed) {
                EXPECT_FALSE(result.problems.empty());
            }
        });
    }
}

} // namespace
} // namespace sopaudit::docx
