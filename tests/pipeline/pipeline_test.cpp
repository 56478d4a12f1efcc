#include "pipeline/incremental.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"
#include "report/page_images.hpp"
#include "support/support.hpp"

#include <algorithm>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mutex>

namespace sopaudit::pipeline {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::Not;

std::string rules_path() {
    return (test::source_dir() / "rules/permenpan-35-2012.json").string();
}

class FileProcessorTest : public ::testing::Test {
protected:
    FileProcessorTest()
        : rules(audit::RuleSet::load(rules_path())), auditor(rules, audit::Lang::en),
          processor(rules, auditor, limits) {}

    audit::FileResult process(const std::string& name, const std::string& bytes) {
        test::write_file(dir / name, bytes);
        const auto found = ingest::walk({dir / name}, {});
        EXPECT_EQ(found.size(), 1u);
        auto outcome = processor.process(found.at(0));
        EXPECT_EQ(outcome.internal_error, "");
        return outcome.result;
    }

    test::TempDir dir;
    audit::RuleSet rules;
    audit::Auditor auditor;
    ingest::Limits limits;
    FileProcessor processor;
};

TEST_F(FileProcessorTest, EmptyFileIsUnreadable) {
    const auto r = process("kosong.docx", "");
    EXPECT_EQ(r.status, "failed");
    EXPECT_EQ(test::rule_ids(r), std::vector<std::string>{"ingest-unreadable"});
    EXPECT_EQ(r.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(r.format, "unknown");
}

TEST_F(FileProcessorTest, TruncatedZipIsUnreadable) {
    const std::string docx = test::make_docx({"Menerima berkas permohonan dari pemohon"});
    const auto r = process("potong.docx", docx.substr(0, docx.size() / 2));
    EXPECT_EQ(r.status, "failed");
    EXPECT_EQ(test::rule_ids(r), std::vector<std::string>{"ingest-unreadable"});
    // A zip cut short is either damaged or still being copied in (no central directory yet).
    const auto& m = r.findings[0].message;
    EXPECT_TRUE(m.find("corrupt or truncated") != std::string::npos ||
                m.find("central directory") != std::string::npos)
        << m;
}

TEST_F(FileProcessorTest, LegacyDocIsUnsupportedWithAHint) {
    const auto r = process("lama.doc", test::make_ole({"WordDocument", "1Table"}));
    EXPECT_EQ(r.status, "failed");
    EXPECT_EQ(r.format, "doc");
    EXPECT_EQ(test::rule_ids(r), std::vector<std::string>{"ingest-unsupported"});
    EXPECT_NE(r.findings[0].message.find("save it as .docx"), std::string::npos);
}

TEST_F(FileProcessorTest, EncryptedPackageIsEncrypted) {
    const auto r = process("kunci.docx", test::make_ole({"EncryptionInfo", "EncryptedPackage"}));
    EXPECT_EQ(r.status, "failed");
    EXPECT_EQ(test::rule_ids(r), std::vector<std::string>{"ingest-encrypted"});
}

TEST_F(FileProcessorTest, TextAndOtherZipsAreUnsupported) {
    EXPECT_EQ(test::rule_ids(process("teks.docx", "hanya teks\n")),
              std::vector<std::string>{"ingest-unsupported"});
    EXPECT_EQ(test::rule_ids(process("arsip.docx", test::make_zip({{"a.txt", "x"}}))),
              std::vector<std::string>{"ingest-unsupported"});
    const auto odt = process(
        "dok.odt", test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}}));
    EXPECT_EQ(odt.format, "odt");
    EXPECT_EQ(test::rule_ids(odt), std::vector<std::string>{"ingest-unsupported"});
}

TEST_F(FileProcessorTest, OversizedFileHitsTheLimitWithoutBeingRead) {
    limits.max_file_bytes = 10;
    const auto r = process("besar.docx", test::make_docx({"x"}));
    EXPECT_EQ(r.status, "failed");
    EXPECT_EQ(r.format, "docx");
    EXPECT_EQ(test::rule_ids(r), std::vector<std::string>{"ingest-limit"});
}

TEST_F(FileProcessorTest, GoodDocxIsAudited) {
    const auto r = process("baik.docx", test::make_docx({"Menerima berkas"}));
    EXPECT_EQ(r.status, "audited");
    EXPECT_EQ(r.format, "docx");
    EXPECT_EQ(r.method, "xml");
    EXPECT_EQ(r.path, "baik.docx");
    EXPECT_EQ(r.size, fs::file_size(dir / "baik.docx"));
    for (const char* rule :
         {"ingest-unreadable", "ingest-unsupported", "ingest-encrypted", "ingest-limit"}) {
        EXPECT_THAT(test::rule_ids(r), Not(Contains(rule)));
    }
}

TEST_F(FileProcessorTest, ReaderProcessStartsOnlyForAFileItCanRead) {
    process("b.docx", "teks"); // plain text: answered without reading
    EXPECT_FALSE(processor.has_reader());
    EXPECT_EQ(process("a.docx", test::make_docx({"x"})).status, "audited");
    EXPECT_TRUE(processor.has_reader());
    EXPECT_FALSE(processor.has_ocr_engine()); // the reader process holds any OCR engine
}

TEST_F(FileProcessorTest, InProcessReadsLoadNoOcrEngineForWordFiles) {
    FileProcessor in_process(rules, auditor, limits, false);
    test::write_file(dir / "a.docx", test::make_docx({"x"}));
    const auto found = ingest::walk({dir / "a.docx"}, {});
    EXPECT_EQ(in_process.process(found.at(0)).result.status, "audited");
    EXPECT_FALSE(in_process.has_reader());
    EXPECT_FALSE(in_process.has_ocr_engine());
}

TEST_F(FileProcessorTest, UnreadableFileFailsWithoutStoppingAnything) {
    test::write_file(dir / "rahasia.docx", test::make_docx({"x"}));
    const auto found = ingest::walk({dir / "rahasia.docx"}, {});
    fs::remove(dir / "rahasia.docx"); // gone between the walk and the read
    const auto outcome = processor.process(found.at(0));
    EXPECT_EQ(outcome.internal_error, "");
    EXPECT_EQ(outcome.result.status, "failed");
    EXPECT_EQ(test::rule_ids(outcome.result), std::vector<std::string>{"ingest-unreadable"});
}

// A store that knows one content and a sink that records what it receives.
class FakeStore : public ResultStore {
public:
    std::optional<audit::FileResult> reuse(const ingest::Candidate&,
                                           const std::string& sha) override {
        std::lock_guard lock(mutex);
        asked.push_back(sha);
        if (sha != known_sha) {
            return std::nullopt;
        }
        audit::FileResult stored;
        stored.sha256 = sha;
        stored.format = "docx";
        stored.status = "audited";
        stored.method = "xml";
        audit::Finding f;
        f.rule = "stored-finding";
        f.severity = audit::Severity::warning;
        f.message = "from the store";
        stored.findings.push_back(f);
        return stored;
    }
    std::string known_sha;
    std::mutex mutex;
    std::vector<std::string> asked;
};

class RecordingSink : public ResultSink {
public:
    void accept(const audit::FileResult& r) override { paths.push_back(r.path); }
    void reported(const audit::FileResult& r) override {
        reported_paths.push_back(r.path);
        reported_findings += r.findings.size();
    }
    std::vector<std::string> paths;
    std::vector<std::string> reported_paths;
    std::size_t reported_findings = 0;
};

class RunScanTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (int i = 0; i < 12; ++i) {
            const std::string n = std::to_string(100 + i);
            test::write_file(dir / "in" / ("d" + std::to_string(i % 3)) / ("f" + n + ".docx"),
                             i % 2 == 0 ? test::make_docx({"Menerima " + n})
                                        : std::string("teks " + n));
        }
        options.inputs = {dir / "in"};
        options.out_dir = dir / "out";
        options.rules_path = rules_path();
        options.print_summary = false;
        options.tool_version = "1.0.0";
        options.keep_results = true;
    }
    test::TempDir dir;
    RunOptions options;
};

TEST_F(RunScanTest, OrderIsStableWhateverTheJobs) {
    options.jobs = 1;
    const auto one = run_scan(options);
    options.jobs = 4;
    const auto four = run_scan(options);
    ASSERT_EQ(one.files.size(), 12u);
    std::vector<std::string> a, b;
    for (const auto& f : one.files) {
        a.push_back(f.path);
    }
    for (const auto& f : four.files) {
        b.push_back(f.path);
    }
    EXPECT_EQ(a, b);
    EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
    EXPECT_EQ(one.exit_code, 1); // the text files are error findings
    EXPECT_EQ(one.summary.error, 6u);
    EXPECT_TRUE(fs::exists(dir / "out/report.json"));
}

TEST_F(RunScanTest, SinkGetsEveryResultInOrder) {
    options.jobs = 3;
    RecordingSink sink;
    const auto outcome = run_scan(options, nullptr, &sink);
    std::vector<std::string> expected;
    for (const auto& f : outcome.files) {
        expected.push_back(f.path);
    }
    EXPECT_EQ(sink.paths, expected);
}

TEST_F(RunScanTest, ResultsNotHeldStillReachTheSinkAndTheCounts) {
    options.keep_results = false;
    options.jobs = 2;
    RecordingSink sink;
    const auto outcome = run_scan(options, nullptr, &sink);
    EXPECT_TRUE(outcome.files.empty());
    EXPECT_EQ(outcome.counts.files, 12);
    EXPECT_EQ(outcome.counts.errors, static_cast<std::int64_t>(outcome.summary.error));
    EXPECT_EQ(outcome.summary.files, 12u);
    EXPECT_EQ(sink.reported_paths, sink.paths); // every file again, in report order
    EXPECT_EQ(sink.reported_findings,
              outcome.summary.error + outcome.summary.warning + outcome.summary.info);
    // The spools are unlinked temporary files: the output folder holds only the reports.
    for (const auto& entry : fs::directory_iterator(dir / "out")) {
        EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
    }
    EXPECT_EQ(test::schema_errors(outcome.report_path), "");
}

TEST_F(RunScanTest, StoreDecidesWhatIsReused) {
    FakeStore store;
    store.known_sha = ingest::sha256_file(dir / "in/d0/f100.docx");
    options.jobs = 2;
    const auto outcome = run_scan(options, &store);
    EXPECT_EQ(store.asked.size(), 12u);
    std::size_t unchanged = 0;
    for (const auto& f : outcome.files) {
        if (f.status == "unchanged") {
            ++unchanged;
            EXPECT_EQ(f.path, "d0/f100.docx");
            EXPECT_EQ(test::rule_ids(f), std::vector<std::string>{"stored-finding"});
        }
    }
    EXPECT_EQ(unchanged, 1u);
}

TEST_F(RunScanTest, OutputFolderInsideTheInputIsNotScanned) {
    options.out_dir = dir / "in/output";
    run_scan(options);
    const auto second = run_scan(options); // the first run's report.json is there now
    EXPECT_EQ(second.files.size(), 12u);
}

TEST_F(RunScanTest, EmptyFolderIsACleanRun) {
    fs::create_directories(dir / "kosong");
    options.inputs = {dir / "kosong"};
    const auto outcome = run_scan(options);
    EXPECT_EQ(outcome.files.size(), 0u);
    EXPECT_EQ(outcome.exit_code, 0);
    EXPECT_EQ(test::schema_errors(outcome.report_path), "");
}

TEST_F(RunScanTest, MissingInputAndBadRulesThrow) {
    options.inputs = {dir / "tidak-ada"};
    EXPECT_THROW(run_scan(options), UsageError);
    options.inputs = {dir / "in"};
    test::write_file(dir / "bad.json", "{ not json");
    options.rules_path = (dir / "bad.json").string();
    EXPECT_THROW(run_scan(options), audit::ConfigError);
}

TEST_F(RunScanTest, SummaryLineInBothLanguages) {
    const auto outcome = run_scan(options);
    const auto counts = run_counts(outcome.files, nullptr);
    EXPECT_NE(summary_line(counts, false, 0, audit::Lang::id, "r").find("12 berkas ("),
              std::string::npos);
    EXPECT_NE(summary_line(counts, false, 0, audit::Lang::en, "r").find("12 files ("),
              std::string::npos);
}

// The workers draw each scan's annotated pages as it is done; the run-level rules' findings
// (the same SOP number in two scans) are drawn on them at the end. The pictures are the ones
// drawn from the final results at once, whatever the jobs.
TEST_F(RunScanTest, PageImagesDrawnDuringTheRunShowTheRunLevelFindings) {
    const auto scan = test::source_dir() / "tests/fixtures/scans/sop_scan.jpg";
    fs::create_directories(dir / "scans/b");
    fs::copy_file(scan, dir / "scans/a.jpg");
    fs::copy_file(scan, dir / "scans/b/a.jpg");
    options.inputs = {dir / "scans"};
    for (const unsigned jobs : {1u, 2u}) {
        options.jobs = jobs;
        const auto outcome = run_scan(options);
        ASSERT_EQ(outcome.files.size(), 2u);
        for (const auto& file : outcome.files) {
            EXPECT_THAT(test::rule_ids(file), Contains("identity-nomor-duplicate")) << file.path;
            const auto fresh = report::write_page_images(dir / "fresh", file);
            ASSERT_FALSE(fresh.empty()) << file.path;
            for (const auto& img : fresh) {
                EXPECT_EQ(test::read_file(dir / "out" / img.relative),
                          test::read_file(dir / "fresh" / img.relative))
                    << img.relative << " jobs " << jobs;
            }
        }
        fs::remove_all(dir / "fresh");
    }
}

} // namespace
} // namespace sopaudit::pipeline
