#include "report/json_report.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>
#include <regex>
#include <sstream>
#include <sys/stat.h>
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

TEST(JsonReport, AtomicWriteLeavesAFileThatAlreadyHoldsTheBytes) {
    test::TempDir dir;
    const auto file = dir / "sop.json";
    write_file_atomically(file, "same bytes");
    struct stat before {};
    ASSERT_EQ(::stat(file.c_str(), &before), 0);
    write_file_atomically(file, "same bytes"); // unchanged: not replaced (same inode)
    struct stat again {};
    ASSERT_EQ(::stat(file.c_str(), &again), 0);
    EXPECT_EQ(again.st_ino, before.st_ino);
    write_file_atomically(file, "same bytez"); // same size, other bytes: replaced
    EXPECT_EQ(test::read_file(file), "same bytez");
    struct stat after {};
    ASSERT_EQ(::stat(file.c_str(), &after), 0);
    EXPECT_NE(after.st_ino, before.st_ino);
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

// What report.json must hold, byte for byte: Poco's print of the whole tree.
std::string tree_bytes(const RunInfo& run, const std::vector<audit::FileResult>& files) {
    std::ostringstream out;
    report_json(run, files)->stringify(out, 2);
    out << '\n';
    return out.str();
}

std::size_t entries_in(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) {
        ++n;
    }
    return n;
}

TEST(JsonReportWriter, StreamedBytesEqualTheTreeForAnyNumberOfFiles) {
    test::TempDir dir;
    RunInfo run = sample_run();
    run.inputs = {"in", "a \"quoted\" folder/ü"};
    run.shard_index = 2;
    run.shard_count = 3;
    state::Changes changes;
    changes.has_previous = true;
    changes.previous_run = 7;
    changes.previous_finished_at = run.started_at;
    run.changes = changes;
    auto files = sample_files();
    files.push_back(files[0]);
    files.back().path = "b/\"aneh\"\tnama ✓.docx";
    for (std::size_t n = 0; n <= files.size(); ++n) {
        const std::vector<audit::FileResult> some(files.begin(),
                                                  files.begin() + static_cast<long>(n));
        write_json_report(dir / "report.json", run, some);
        EXPECT_EQ(test::read_file(dir / "report.json"), tree_bytes(run, some)) << n << " files";
    }
    EXPECT_EQ(test::schema_errors(dir / "report.json"), "");
}

TEST(JsonReportWriter, ReplacedEntryIsTheOneWritten) {
    test::TempDir dir;
    auto files = sample_files();
    JsonReportWriter writer(dir / "report.json");
    for (const auto& f : files) {
        writer.add(JsonReportWriter::entry_text(f));
    }
    // A run-level rule found something in the first file after it was spooled.
    audit::Finding dup;
    dup.rule = "identity-nomor-duplicate";
    dup.severity = audit::Severity::error;
    dup.message = "nomor ganda";
    files[0].findings.push_back(dup);
    writer.replace(0, JsonReportWriter::entry_text(files[0]));
    EXPECT_EQ(writer.size(), 2u);
    writer.finish(sample_run(), summarize(files));
    const auto back = test::parse_json_file(dir / "report.json");
    EXPECT_EQ(test::rule_ids(test::file_entry(back, "a/sop.docx")),
              (std::vector<std::string>{"procedure-numbering", "procedure-numbering",
                                        "identity-nomor-duplicate"}));
    EXPECT_EQ(back->getObject("summary")->getObject("findings")->getValue<int>("error"), 2);
    EXPECT_EQ(test::rule_ids(test::file_entry(back, "rusak.docx")),
              std::vector<std::string>{"ingest-unreadable"});
}

TEST(JsonReportWriter, LeavesNoTemporaryFileAndKeepsTheOldReportUntilFinished) {
    test::TempDir dir;
    test::write_file(dir / "report.json", "previous report");
    {
        JsonReportWriter writer(dir / "report.json");
        writer.add(JsonReportWriter::entry_text(sample_files()[0]));
        // The spool is unlinked at once: a run killed now leaves only the previous report.
        EXPECT_EQ(entries_in(dir.path()), 1u);
        EXPECT_EQ(test::read_file(dir / "report.json"), "previous report");
    } // abandoned without finish()
    EXPECT_EQ(test::read_file(dir / "report.json"), "previous report");
    EXPECT_EQ(entries_in(dir.path()), 1u);

    JsonReportWriter writer(dir / "report.json");
    writer.finish(sample_run(), Summary{});
    EXPECT_EQ(entries_in(dir.path()), 1u);
    EXPECT_EQ(test::parse_json_file(dir / "report.json")->getArray("files")->size(), 0u);
    EXPECT_THROW(writer.finish(sample_run(), Summary{}), std::logic_error);
}

TEST(JsonReportWriter, UnwritableFolderThrowsAtOnce) {
    test::TempDir dir;
    EXPECT_THROW(JsonReportWriter(dir / "missing/report.json"), std::runtime_error);
}

} // namespace
} // namespace sopaudit::report
