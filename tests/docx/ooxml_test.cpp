#include "docx/ooxml.hpp"
#include "docx/xml_part.hpp"

#include <gtest/gtest.h>

namespace sopaudit::docx::ooxml {
namespace {

TEST(Ooxml, NamespacesAreMatchedByUriNotPrefix) {
    const std::string xml =
        "<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        "xmlns:s=\"http://purl.oclc.org/ooxml/wordprocessingml/main\" "
        "xmlns:w=\"urn:not-word\"><x:body/><s:body/><w:body/></x:document>";
    const XmlDocPtr doc = parse_xml_part(xml, "x", ingest::Limits{});
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    EXPECT_TRUE(is(root, Ns::w, "document"));
    int word_bodies = 0;
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
        word_bodies += is(c, Ns::w, "body") ? 1 : 0;
    }
    EXPECT_EQ(word_bodies, 2); // transitional and strict, not the impostor
}

TEST(Ooxml, AttributesAndOnOff) {
    const std::string xml =
        "<w:rPr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:b/><w:i w:val=\"0\"/><w:u w:val=\"single\"/><w:caps w:val=\"true\"/></w:rPr>";
    const XmlDocPtr doc = parse_xml_part(xml, "x", ingest::Limits{});
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    EXPECT_TRUE(on_off(child(root, Ns::w, "b")));
    EXPECT_FALSE(on_off(child(root, Ns::w, "i")));
    EXPECT_TRUE(on_off(child(root, Ns::w, "caps")));
    EXPECT_FALSE(on_off(child(root, Ns::w, "strike")));
    EXPECT_EQ(child_val(root, Ns::w, "u").value(), "single");
    EXPECT_EQ(child_val(root, Ns::w, "b").value(), "");
    EXPECT_FALSE(child_val(root, Ns::w, "vanish").has_value());
}

TEST(Ooxml, ToInt) {
    EXPECT_EQ(to_int("42").value(), 42);
    EXPECT_EQ(to_int(" -635 ").value(), -635);
    EXPECT_EQ(to_int("+7").value(), 7);
    EXPECT_EQ(to_int("1440.5").value(), 1440);
    EXPECT_FALSE(to_int("abc").has_value());
    EXPECT_FALSE(to_int("").has_value());
}

} // namespace
} // namespace sopaudit::docx::ooxml
