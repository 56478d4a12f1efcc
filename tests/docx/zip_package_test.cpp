#include "docx/docx_builder.hpp"
#include "docx/zip_package.hpp"

#include <gtest/gtest.h>

namespace sopaudit::docx {
namespace {

using testing::make_zip;

layout::ProblemKind kind_of_read(const std::string& bytes, const std::string& member,
                                 const ingest::Limits& limits) {
    try {
        ZipPackage zip = ZipPackage::open_bytes(bytes);
        zip.read(member, limits);
    } catch (const InputError& e) {
        return e.kind;
    }
    ADD_FAILURE() << "no InputError";
    return layout::ProblemKind::low_confidence;
}

TEST(ZipPackage, ReadsMembersCaseInsensitivelyAndCountsInflatedBytes) {
    const std::string bytes = make_zip({{"word/document.xml", "<x/>"}, {"a.txt", "hello"}});
    ZipPackage zip = ZipPackage::open_bytes(bytes);
    EXPECT_TRUE(zip.has("word/document.xml"));
    EXPECT_TRUE(zip.has("/Word/Document.XML"));
    EXPECT_FALSE(zip.has("word/other.xml"));
    EXPECT_EQ(zip.read("a.txt", ingest::Limits{}).value(), "hello");
    EXPECT_EQ(zip.bytes_inflated(), 5u);
    EXPECT_FALSE(zip.read("missing.xml", ingest::Limits{}, true).has_value());
}

TEST(ZipPackage, NotAZipEmptyAndTruncatedAreUnreadable) {
    for (const std::string& bytes :
         {std::string("this is plain text, not a zip archive at all"), std::string()}) {
        try {
            ZipPackage::open_bytes(bytes);
            FAIL() << "opened";
        } catch (const InputError& e) {
            EXPECT_EQ(e.kind, layout::ProblemKind::unreadable);
            EXPECT_NE(e.detail.find("zip"), std::string::npos);
        }
    }
    const std::string good = make_zip({{"word/document.xml", std::string(5000, 'a')}});
    const std::string truncated = good.substr(0, good.size() / 2);
    EXPECT_THROW(ZipPackage::open_bytes(truncated), InputError);
}

TEST(ZipPackage, CorruptMemberDataIsUnreadable) {
    std::string payload;
    for (int i = 0; i < 4000; ++i) {
        payload += std::to_string(i * 7919 % 10007) + ",";
    }
    std::string bytes = make_zip({{"data.txt", payload}}, /*store=*/true);
    // Flip bytes in the stored data: the CRC no longer matches.
    const std::size_t at = bytes.find("1000");
    ASSERT_NE(at, std::string::npos);
    bytes[at] = 'X';
    bytes[at + 1] = 'Y';
    EXPECT_EQ(kind_of_read(bytes, "data.txt", ingest::Limits{}), layout::ProblemKind::unreadable);
}

TEST(ZipPackage, MissingMemberIsUnreadable) {
    const std::string bytes = make_zip({{"a.txt", "x"}});
    EXPECT_EQ(kind_of_read(bytes, "word/document.xml", ingest::Limits{}),
              layout::ProblemKind::unreadable);
}

TEST(ZipPackage, MemberOverTheSizeLimitIsRefusedBeforeInflating) {
    const std::string bytes = make_zip({{"big.xml", std::string(2 << 20, ' ')}});
    ingest::Limits limits;
    limits.max_member_bytes = 1 << 20;
    limits.max_compression_ratio = 1e9; // only the size limit is tested here
    EXPECT_EQ(kind_of_read(bytes, "big.xml", limits), layout::ProblemKind::limit);
}

TEST(ZipPackage, TotalInflatedBytesAreBounded) {
    const std::string bytes =
        make_zip({{"a.xml", std::string(600000, 'a')}, {"b.xml", std::string(600000, 'b')}});
    ingest::Limits limits;
    limits.max_uncompressed_bytes = 1000000;
    ZipPackage zip = ZipPackage::open_bytes(bytes);
    EXPECT_NO_THROW(zip.read("a.xml", limits));
    try {
        zip.read("b.xml", limits);
        FAIL() << "second member read";
    } catch (const InputError& e) {
        EXPECT_EQ(e.kind, layout::ProblemKind::limit);
    }
}

TEST(ZipPackage, HighCompressionRatioIsALimit) {
    // 8 MiB of zeros deflate to about 8 KiB: ratio ~1000:1, a bomb's signature.
    const std::string bytes = make_zip({{"word/document.xml", std::string(8 << 20, '\0')}});
    ASSERT_LT(bytes.size(), 100000u);
    try {
        ZipPackage zip = ZipPackage::open_bytes(bytes);
        zip.read("word/document.xml", ingest::Limits{});
        FAIL() << "bomb inflated";
    } catch (const InputError& e) {
        EXPECT_EQ(e.kind, layout::ProblemKind::limit);
        EXPECT_NE(e.detail.find("ratio"), std::string::npos) << e.detail;
    }
}

TEST(ZipPackage, SmallRegularMembersAreNotRefusedForTheirRatio) {
    const std::string bytes = make_zip({{"styles.xml", std::string(200000, 'a')}});
    ZipPackage zip = ZipPackage::open_bytes(bytes);
    EXPECT_EQ(zip.read("styles.xml", ingest::Limits{})->size(), 200000u);
}

} // namespace
} // namespace sopaudit::docx
