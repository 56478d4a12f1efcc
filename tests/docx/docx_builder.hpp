#pragma once
// Builds small zip/DOCX packages in memory for the docx tests (libzip), so the tests need no
// committed binaries and no files outside the project.

#include "docx/docx_reader.hpp"
#include "ingest/ingest.hpp"

#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include <zip.h>

namespace sopaudit::docx::testing {

using Members = std::vector<std::pair<std::string, std::string>>;

inline std::string make_zip(const Members& members, bool store = false) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) {
        throw std::runtime_error("zip_source_buffer_create");
    }
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        throw std::runtime_error("zip_open_from_source");
    }
    for (const auto& [name, data] : members) {
        zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            throw std::runtime_error("zip_file_add " + name);
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
    }
    if (zip_close(archive) != 0) {
        throw std::runtime_error("zip_close");
    }
    std::string bytes;
    zip_source_open(buffer);
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    bytes.resize(static_cast<std::size_t>(size));
    zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return bytes;
}

inline const char* document_namespaces() {
    return "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
           "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
           "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
           "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
           "xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" "
           "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
           "xmlns:v=\"urn:schemas-microsoft-com:vml\" "
           "xmlns:o=\"urn:schemas-microsoft-com:office:office\"";
}

inline std::string document_xml(const std::string& body) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                       "<w:document ") +
           document_namespaces() + "><w:body>" + body + "</w:body></w:document>";
}

inline std::string package_rels(const std::string& main_part = "word/document.xml") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "officeDocument\" Target=\"" +
           main_part + "\"/></Relationships>";
}

inline std::string content_types() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
}

// A DOCX whose w:body holds `body`, plus any extra members.
inline std::string make_docx(const std::string& body, const Members& extra = {}) {
    Members members = {{"[Content_Types].xml", content_types()},
                       {"_rels/.rels", package_rels()},
                       {"word/document.xml", document_xml(body)}};
    for (const auto& m : extra) {
        members.push_back(m);
    }
    return make_zip(members);
}

// Small WordprocessingML snippets.
inline std::string para(const std::string& text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}
inline std::string cell(const std::string& inner, const std::string& tc_pr = "") {
    return "<w:tc><w:tcPr>" + tc_pr + "</w:tcPr>" + inner + "</w:tc>";
}
inline std::string text_cell(const std::string& text, const std::string& tc_pr = "") {
    return cell(para(text), tc_pr);
}
inline std::string row(const std::string& cells, const std::string& tr_pr = "") {
    return "<w:tr><w:trPr>" + tr_pr + "</w:trPr>" + cells + "</w:tr>";
}
inline std::string table(const std::vector<int>& widths, const std::string& rows) {
    std::string grid = "<w:tblGrid>";
    for (int w : widths) {
        grid += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    }
    grid += "</w:tblGrid>";
    return "<w:tbl><w:tblPr/>" + grid + rows + "</w:tbl>";
}

// A DrawingML shape anchored with an offset from the column, as Word writes it (wrapped in
// mc:AlternateContent with a VML fallback when fallback is true).
inline std::string dml_anchor(const std::string& prst, long long x_emu, long long width_emu,
                              bool fallback = true, const std::string& text = "",
                              const std::string& extra_nv = "<wps:cNvSpPr/>") {
    std::string txbx;
    if (!text.empty()) {
        txbx = "<wps:txbx><w:txbxContent>" + para(text) + "</w:txbxContent></wps:txbx>";
    }
    std::string drawing =
        "<w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" "
        "relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
        "<wp:simplePos x=\"0\" y=\"0\"/>"
        "<wp:positionH relativeFrom=\"column\"><wp:posOffset>" +
        std::to_string(x_emu) +
        "</wp:posOffset></wp:positionH>"
        "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>12700</wp:posOffset></wp:positionV>"
        "<wp:extent cx=\"" +
        std::to_string(width_emu) +
        "\" cy=\"254000\"/><wp:wrapNone/><wp:docPr id=\"1\" name=\"s\"/>"
        "<a:graphic><a:graphicData "
        "uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
        "<wps:wsp>" +
        extra_nv + "<wps:spPr><a:prstGeom prst=\"" + prst +
        "\"><a:avLst/></a:prstGeom></wps:spPr>" + txbx +
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>";
    if (!fallback) {
        return "<w:r>" + drawing + "</w:r>";
    }
    const std::string vml_text =
        text.empty() ? ""
                     : "<v:textbox><w:txbxContent>" + para(text) + "</w:txbxContent></v:textbox>";
    return "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">" + drawing +
           "</mc:Choice><mc:Fallback><w:pict><v:roundrect style=\"position:absolute;"
           "margin-left:3pt;width:47pt;height:20pt\">" +
           vml_text + "</v:roundrect></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
}

// The layout document of a DOCX whose body is `body`, read with default limits; a read that fails
// is a test failure.
inline layout::Document read_body(const std::string& body, const Members& extra = {}) {
    auto result = read_docx_bytes(make_docx(body, extra), ingest::Limits{});
    EXPECT_FALSE(result.failed) << (result.problems.empty() ? "" : result.problems[0].detail);
    return std::move(result.document);
}

} // namespace sopaudit::docx::testing
