#include "docx/xml_part.hpp"
#include "docx/zip_package.hpp"

#include <chrono>
#include <gtest/gtest.h>

namespace sopaudit::docx {
namespace {

layout::ProblemKind parse_kind(const std::string& xml, std::string* detail = nullptr,
                               const ingest::Limits& limits = ingest::Limits{}) {
    try {
        parse_xml_part(xml, "word/document.xml", limits);
    } catch (const InputError& e) {
        if (detail != nullptr) {
            *detail = e.detail;
        }
        return e.kind;
    }
    ADD_FAILURE() << "parsed without error";
    return layout::ProblemKind::low_confidence;
}

TEST(XmlPart, ParsesWellFormedXml) {
    const XmlDocPtr doc = parse_xml_part("<?xml version=\"1.0\"?><a><b>t</b></a>", "x", {});
    ASSERT_TRUE(doc);
    EXPECT_STREQ(reinterpret_cast<const char*>(xmlDocGetRootElement(doc.get())->name), "a");
}

TEST(XmlPart, MalformedXmlIsUnreadableWithTheParserMessage) {
    std::string detail;
    EXPECT_EQ(parse_kind("<a><b></a>", &detail), layout::ProblemKind::unreadable);
    EXPECT_NE(detail.find("malformed"), std::string::npos) << detail;
    EXPECT_NE(detail.find("line 1"), std::string::npos) << detail;
    EXPECT_EQ(parse_kind(""), layout::ProblemKind::unreadable);
    EXPECT_EQ(parse_kind("not xml at all"), layout::ProblemKind::unreadable);
}

TEST(XmlPart, ExternalEntityIsRefusedAndNeverRead) {
    const std::string xxe = "<?xml version=\"1.0\"?>"
                            "<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            "<w>&x;</w>";
    std::string detail;
    EXPECT_EQ(parse_kind(xxe, &detail), layout::ProblemKind::limit);
    EXPECT_NE(detail.find("DOCTYPE"), std::string::npos);
    EXPECT_EQ(detail.find("root:"), std::string::npos);
}

TEST(XmlPart, BillionLaughsFailsFast) {
    std::string dtd = "<!ENTITY l0 \"ha\">";
    for (int i = 1; i <= 10; ++i) {
        std::string refs;
        for (int k = 0; k < 10; ++k) {
            refs += "&l" + std::to_string(i - 1) + ";";
        }
        dtd += "<!ENTITY l" + std::to_string(i) + " \"" + refs + "\">";
    }
    const std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lol [" + dtd + "]><lol>&l10;</lol>";
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(parse_kind(bomb), layout::ProblemKind::limit);
    // Not a timing test: a failed guard takes minutes and gigabytes, not seconds.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(XmlPart, DoctypeInUtf16IsRefusedToo) {
    const std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a><a/>";
    std::string utf16 = "\xFF\xFE";
    for (char c : utf8) {
        utf16 += c;
        utf16 += '\0';
    }
    EXPECT_EQ(parse_kind(utf16), layout::ProblemKind::limit);
}

TEST(XmlPart, DeepNestingIsALimit) {
    std::string deep;
    for (int i = 0; i < 10000; ++i) {
        deep += "<a>";
    }
    for (int i = 0; i < 10000; ++i) {
        deep += "</a>";
    }
    std::string detail;
    EXPECT_EQ(parse_kind(deep, &detail), layout::ProblemKind::limit);
    EXPECT_NE(detail.find("deeper"), std::string::npos) << detail;

    ingest::Limits tight;
    tight.max_xml_depth = 20;
    std::string medium;
    for (int i = 0; i < 30; ++i) {
        medium += "<a>";
    }
    for (int i = 0; i < 30; ++i) {
        medium += "</a>";
    }
    EXPECT_EQ(parse_kind(medium, nullptr, tight), layout::ProblemKind::limit);
    EXPECT_NO_THROW(parse_xml_part(medium, "x", ingest::Limits{}));
}

} // namespace
} // namespace sopaudit::docx
