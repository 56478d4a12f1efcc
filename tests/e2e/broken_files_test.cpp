// The built binary over a folder of broken files made here, plus one good file: each ends as the
// right ingest-* finding and the run goes on.
#include "support/support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <random>

namespace sopaudit {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::string garbage(std::size_t n) {
    std::mt19937 rng(12345);
    std::string out(n, '\0');
    for (auto& c : out) {
        c = static_cast<char>(rng() & 0xFF);
    }
    out[0] = '\x07'; // never a signature by chance
    return out;
}

class BrokenFiles : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new test::TempDir;
        const auto in = *dir / "masuk";
        const std::string good = test::make_docx({"SOP Pelayanan", "Menerima berkas permohonan"});
        test::write_file(in / "01 kosong.docx", "");
        test::write_file(in / "02 terpotong.docx", good.substr(0, good.size() / 2));
        test::write_file(in / "03 sampah.docx", garbage(4096));
        test::write_file(in / "04 teks.docx", "Ini teks biasa yang diberi nama .docx\n");
        test::write_file(in / "05 pdf-bernama.docx", test::make_pdf("SOP"));
        test::write_file(in / "06 lama.doc", test::make_ole({"\x01"
                                                             "CompObj",
                                                             "WordDocument", "1Table"}));
        test::write_file(in / "07 terkunci.docx",
                         test::make_ole({"EncryptionInfo", "EncryptedPackage"}));
        test::write_file(in / "08 ole-terpotong.doc",
                         test::make_ole({"WordDocument"}).substr(0, 700));
        test::write_file(in / "09 dokumen.odt",
                         test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                         {"content.xml", "<office:document-content/>"}}));
        test::write_file(in / "Dinas Ümum/10 baik — SOP.docx", good);
        test::write_file(in / "Dinas Ümum/~$10 baik — SOP.docx", "lock file");
        test::write_file(in / ".tersembunyi/x.docx", "hidden");
        result = new test::CommandResult(
            test::run_sopaudit({"scan", in.string(), "--out", (*dir / "keluar").string(), "--lang",
                                "en", "--jobs", "2"}));
        report = test::parse_json_file(*dir / "keluar/report.json");
    }
    static void TearDownTestSuite() {
        delete result;
        delete dir;
        report = nullptr;
    }

    static Poco::JSON::Object::Ptr file(const std::string& path) {
        auto f = test::file_entry(report, path);
        EXPECT_TRUE(f) << path << " missing from report.json";
        return f;
    }

    static void expect_failed(const std::string& path, const std::string& rule,
                              const std::string& format) {
        const auto f = file(path);
        ASSERT_TRUE(f);
        EXPECT_EQ(f->getValue<std::string>("status"), "failed") << path;
        EXPECT_EQ(f->getValue<std::string>("format"), format) << path;
        EXPECT_EQ(test::rule_ids(f), std::vector<std::string>{rule}) << path;
        EXPECT_TRUE(f->isNull("method")) << path;
    }

    static test::TempDir* dir;
    static test::CommandResult* result;
    static Poco::JSON::Object::Ptr report;
};

test::TempDir* BrokenFiles::dir = nullptr;
test::CommandResult* BrokenFiles::result = nullptr;
Poco::JSON::Object::Ptr BrokenFiles::report;

TEST_F(BrokenFiles, RunEndsWithErrorsAndAValidReport) {
    EXPECT_EQ(result->exit_code, 1) << result->err;
    EXPECT_EQ(test::schema_errors(*dir / "keluar/report.json"), "");
    EXPECT_NE(result->out.find("10 files ("), std::string::npos) << result->out;
}

TEST_F(BrokenFiles, EveryFileListedOnceInSortedOrderWithoutLockOrHiddenFiles) {
    const auto files = report->getArray("files");
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < files->size(); ++i) {
        paths.push_back(files->getObject(static_cast<unsigned>(i))->getValue<std::string>("path"));
    }
    EXPECT_EQ(paths,
              (std::vector<std::string>{"01 kosong.docx", "02 terpotong.docx", "03 sampah.docx",
                                        "04 teks.docx", "05 pdf-bernama.docx", "06 lama.doc",
                                        "07 terkunci.docx", "08 ole-terpotong.doc",
                                        "09 dokumen.odt", "Dinas Ümum/10 baik — SOP.docx"}));
    EXPECT_EQ(report->getObject("summary")->getValue<int>("files"), 10);
}

TEST_F(BrokenFiles, EmptyIsUnreadable) {
    expect_failed("01 kosong.docx", "ingest-unreadable", "unknown");
}

TEST_F(BrokenFiles, TruncatedZipIsUnreadable) {
    expect_failed("02 terpotong.docx", "ingest-unreadable", "unknown");
}

TEST_F(BrokenFiles, GarbageAndTextAreUnsupported) {
    expect_failed("03 sampah.docx", "ingest-unsupported", "unknown");
    expect_failed("04 teks.docx", "ingest-unsupported", "unknown");
}

TEST_F(BrokenFiles, PdfNamedDocxIsReadAsPdf) {
    const auto f = file("05 pdf-bernama.docx");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->getValue<std::string>("format"), "pdf");
    EXPECT_THAT(test::rule_ids(f), Not(Contains("ingest-unsupported")));
}

TEST_F(BrokenFiles, LegacyDocIsUnsupportedWithAConversionHint) {
    expect_failed("06 lama.doc", "ingest-unsupported", "doc");
    const auto message =
        file("06 lama.doc")->getArray("findings")->getObject(0)->getValue<std::string>("message");
    EXPECT_NE(message.find(".docx"), std::string::npos) << message;
}

TEST_F(BrokenFiles, EncryptedPackageIsEncrypted) {
    expect_failed("07 terkunci.docx", "ingest-encrypted", "unknown");
}

TEST_F(BrokenFiles, TruncatedOleIsUnreadable) {
    expect_failed("08 ole-terpotong.doc", "ingest-unreadable", "unknown");
}

TEST_F(BrokenFiles, OdtIsUnsupported) {
    expect_failed("09 dokumen.odt", "ingest-unsupported", "odt");
}

TEST_F(BrokenFiles, GoodFileIsAuditedDespiteItsNeighbours) {
    const auto f = file("Dinas Ümum/10 baik — SOP.docx");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->getValue<std::string>("status"), "audited");
    EXPECT_EQ(f->getValue<std::string>("format"), "docx");
    EXPECT_EQ(f->getValue<std::string>("method"), "xml");
    EXPECT_EQ(f->getValue<std::string>("sha256").size(), 64u);
    for (const char* rule :
         {"ingest-unreadable", "ingest-unsupported", "ingest-encrypted", "ingest-limit"}) {
        EXPECT_THAT(test::rule_ids(f), Not(Contains(rule)));
    }
}

} // namespace
} // namespace sopaudit
