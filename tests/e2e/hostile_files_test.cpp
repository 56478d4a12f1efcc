// Hostile Word files (XXE, billion laughs, zip bomb, deep nesting) through the built binary: each
// ends as ingest-unreadable or ingest-limit, nothing outside the file is read, the run goes on.
#include "support/support.hpp"

#include <gtest/gtest.h>

namespace sopaudit {
namespace {

// A docx whose document.xml is body_xml verbatim (DOCTYPE and all).
std::string docx_with_document(const std::string& document_xml) {
    return test::make_zip({
        {"[Content_Types].xml",
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {"word/document.xml", document_xml},
    });
}

const char* k_w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

class HostileFiles : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new test::TempDir;
        const auto in = *dir / "in";
        // The secret is a file the XXE tries to pull into the report.
        test::write_file(*dir / "rahasia.txt", "KATA-SANDI-RAHASIA-12345");
        test::write_file(
            in / "xxe.docx",
            docx_with_document("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x "
                               "SYSTEM \"file://" +
                               (*dir / "rahasia.txt").string() + "\">]><w:document " + k_w +
                               "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>"
                               "</w:document>"));
        std::string laughs =
            "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY l0 \"hahahahaha\">";
        for (int i = 1; i <= 9; ++i) {
            laughs += "<!ENTITY l" + std::to_string(i) + " \"";
            for (int k = 0; k < 10; ++k) {
                laughs += "&l" + std::to_string(i - 1) + ";";
            }
            laughs += "\">";
        }
        laughs += "]><w:document " + std::string(k_w) +
                  "><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>";
        test::write_file(in / "tawa.docx", docx_with_document(laughs));
        // 64 MiB of the same byte deflates about a thousandfold: far beyond the ratio limit.
        test::write_file(in / "bom.docx",
                         docx_with_document("<w:document " + std::string(k_w) +
                                            "><w:body><w:p><w:r><w:t>" +
                                            std::string(64u << 20, 'a') +
                                            "</w:t></w:r></w:p></w:body></w:document>"));
        std::string deep = "<w:document " + std::string(k_w) + "><w:body>";
        for (int i = 0; i < 5000; ++i) {
            deep += "<w:tbl><w:tr><w:tc>";
        }
        for (int i = 0; i < 5000; ++i) {
            deep += "</w:tc></w:tr></w:tbl>";
        }
        deep += "</w:body></w:document>";
        test::write_file(in / "dalam.docx", docx_with_document(deep));
        test::write_file(in / "zz-baik.docx", test::make_docx({"Menerima berkas"}));
        result = new test::CommandResult(test::run_sopaudit(
            {"scan", in.string(), "--out", (*dir / "out").string(), "--lang", "en"}));
        report_text = new std::string(test::read_file(*dir / "out/report.json"));
        report = test::parse_json_file(*dir / "out/report.json");
    }
    static void TearDownTestSuite() {
        delete result;
        delete report_text;
        delete dir;
        report = nullptr;
    }

    static std::vector<std::string> rules(const std::string& path) {
        const auto f = test::file_entry(report, path);
        EXPECT_TRUE(f) << path;
        if (!f) {
            return {};
        }
        EXPECT_EQ(f->getValue<std::string>("status"), "failed") << path;
        return test::rule_ids(f);
    }

    static test::TempDir* dir;
    static test::CommandResult* result;
    static std::string* report_text;
    static Poco::JSON::Object::Ptr report;
};

test::TempDir* HostileFiles::dir = nullptr;
test::CommandResult* HostileFiles::result = nullptr;
std::string* HostileFiles::report_text = nullptr;
Poco::JSON::Object::Ptr HostileFiles::report;

bool unreadable_or_limit(const std::vector<std::string>& rules) {
    return rules == std::vector<std::string>{"ingest-unreadable"} ||
           rules == std::vector<std::string>{"ingest-limit"};
}

TEST_F(HostileFiles, XxeDoesNotReadTheLocalFile) {
    const auto r = rules("xxe.docx");
    EXPECT_TRUE(unreadable_or_limit(r)) << ::testing::PrintToString(r);
    EXPECT_EQ(report_text->find("KATA-SANDI-RAHASIA"), std::string::npos);
}

TEST_F(HostileFiles, BillionLaughsIsRefused) {
    const auto r = rules("tawa.docx");
    EXPECT_TRUE(unreadable_or_limit(r)) << ::testing::PrintToString(r);
}

TEST_F(HostileFiles, ZipBombHitsTheLimit) {
    EXPECT_EQ(rules("bom.docx"), std::vector<std::string>{"ingest-limit"});
}

TEST_F(HostileFiles, DeepNestingIsRefused) {
    const auto r = rules("dalam.docx");
    EXPECT_TRUE(unreadable_or_limit(r)) << ::testing::PrintToString(r);
}

TEST_F(HostileFiles, RunGoesOnAndReportValidates) {
    EXPECT_EQ(result->exit_code, 1) << result->err;
    const auto good = test::file_entry(report, "zz-baik.docx");
    ASSERT_TRUE(good);
    EXPECT_EQ(good->getValue<std::string>("status"), "audited");
    EXPECT_EQ(test::schema_errors(*dir / "out/report.json"), "");
}

} // namespace
} // namespace sopaudit
