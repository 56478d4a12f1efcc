#include "report/json_report.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>
#include <regex>
#include <unistd.h>

namespace sopaudit::report {
namespace {

namespace fs = std::filesystem;

std::vector<audit::FileResult> sample_files() {
    audit::FileResult ok;
    ok.path = "a/sop.docx";
    ok.root = "in";
    ok.sha256 = std::string(64, '0');
    ok.size = 1234;
    ok.format = "docx";
    ok.status = "audited";
    ok.method = "xml";
    ok.sops.resize(2);
    audit::Finding w;
    w.rule = "procedure-numbering";
    w.severity = audit::Severity::warning;
    w.message = "nomor langkah";
    w.location.sop = 0;
    w.location.row = 2;
    w.location.field = "no";
    ok.findings = {w, w};

    audit::FileResult bad;
    bad.path = "rusak.docx";
    bad.root = "in";
    bad.format = "unknown";
    bad.status = "failed";
    audit::Finding e;
    e.rule = "ingest-unreadable";
    e.severity = audit::Severity::error;
    e.message = "rusak";
    bad.findings = {e};
    return {ok, bad};
}

RunInfo sample_run() {
    RunInfo run;
    run.tool_version = "9.8.7";
    run.ruleset_id = "permenpan-35-2012";
    run.ruleset_version = "1.2.3";
    run.started_at = iso8601_now();
    run.finished_at = iso8601_now();
    run.inputs = {"in"};
    return run;
}

TEST(JsonReport, HeaderAndSummary) {
    const auto json = report_json(sample_run(), sample_files());
    EXPECT_EQ(json->getValue<std::string>("schema"), "sopaudit-report/1");
    EXPECT_EQ(json->getObject("tool")->getValue<std::string>("name"), "sopaudit");
    EXPECT_EQ(json->getObject("tool")->getValue<std::string>("version"), "9.8.7");
    EXPECT_EQ(json->getObject("ruleset")->getValue<std::string>("version"), "1.2.3");
    const auto summary = json->getObject("summary");
    EXPECT_EQ(summary->getValue<int>("files"), 2);
    EXPECT_EQ(summary->getValue<int>("sops"), 2);
    EXPECT_EQ(summary->getObject("findings")->getValue<int>("error"), 1);
    EXPECT_EQ(summary->getObject("findings")->getValue<int>("warning"), 2);
    EXPECT_EQ(summary->getObject("findings")->getValue<int>("info"), 0);
    EXPECT_EQ(json->getArray("files")->size(), 2u);
}

TEST(JsonReport, TimestampsCarryAnOffset) {
    const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))");
    EXPECT_TRUE(std::regex_match(iso8601_now(), iso)) << iso8601_now();
}

TEST(JsonReport, WrittenReportValidatesAgainstTheSchema) {
    test::TempDir dir;
    write_json_report(dir / "report.json", sample_run(), sample_files());
    EXPECT_EQ(test::schema_errors(dir / "report.json"), "");
    const auto back = test::parse_json_file(dir / "report.json");
    EXPECT_EQ(test::rule_ids(test::file_entry(back, "rusak.docx")),
              std::vector<std::string>{"ingest-unreadable"});
}

TEST(JsonReport, SchemaCheckCatchesABrokenReport) {
    // The validator must be able to fail, or the test above proves nothing.
    test::TempDir dir;
    auto files = sample_files();
    files[0].status = "half-done";
    write_json_report(dir / "report.json", sample_run(), files);
    EXPECT_NE(test::schema_errors(dir / "report.json"), "");
}

TEST(JsonReport, AtomicWriteReplacesAndLeavesNoTemporaryFile) {
    test::TempDir dir;
    test::write_file(dir / "report.json", "old content");
    write_file_atomically(dir / "report.json", "new content");
    EXPECT_EQ(test::read_file(dir / "report.json"), "new content");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) {
        ++entries;
    }
    EXPECT_EQ(entries, 1u);
}

TEST(JsonReport, AtomicWriteFailureKeepsTheOldFile) {
    test::TempDir dir;
    test::write_file(dir / "out/report.json", "old content");
    fs::permissions(dir / "out", fs::perms::owner_read | fs::perms::owner_exec);
    if (::geteuid() == 0) {
        // root ignores folder permissions: use a folder that does not exist instead.
        EXPECT_THROW(write_file_atomically(dir / "missing/report.json", "x"), std::runtime_error);
    } else {
        EXPECT_THROW(write_file_atomically(dir / "out/report.json", "new"), std::runtime_error);
    }
    fs::permissions(dir / "out", fs::perms::owner_all);
    EXPECT_EQ(test::read_file(dir / "out/report.json"), "old content");
    EXPECT_THROW(write_file_atomically(dir / "missing/report.json", "x"), std::runtime_error);
    EXPECT_FALSE(fs::exists(dir / "missing"));
}

} // namespace
} // namespace sopaudit::report
