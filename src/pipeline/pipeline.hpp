#pragma once
// Runs the files of a scan through the stages (sniff -> read -> recognise -> audit) on worker
// threads, then the run-level rules, and writes the reports.

#include "audit/auditor.hpp"
#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/shard.hpp"
#include "report/json_report.hpp"
#include "sop/recognizer.hpp"
#include "state/store.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sopaudit::ocr {
class Engine;
}

namespace sopaudit::pipeline {

class ReaderProcess;
class Progress;
struct RunOutcome;

// The command was given something it cannot work with (a missing input, a bad value): exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct RunOptions {
    std::vector<std::filesystem::path> inputs; // folders or single files
    std::filesystem::path out_dir = "output";
    std::string rules_path; // empty: audit::RuleSet::default_path()
    audit::Lang lang = audit::Lang::id;
    unsigned jobs = 0; // worker threads; 0 = one per core
    ingest::Limits limits;
    std::string tool_version = "0.0.0";
    bool print_summary = true; // the one summary line on stdout
    bool verbose = false;      // one progress line per file on stderr
    // Globs on the path relative to its root (pipeline/config.hpp selected()): files not
    // included, or excluded, are not part of the run.
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    // Progress line or log lines and the final summary on stderr; null: the verbose lines above.
    Progress* progress = nullptr;
    Shard shard; // --shard K/N: audit only this part of the file list
    // Return every file's result in RunOutcome::files (tests, callers that want them). Off, the
    // run holds no file's whole result: they wait in a spool in out_dir until the reports are
    // written, so the memory a run needs does not grow with the folder.
    bool keep_results = false;
};

// Plug-in point for incremental runs: decides per candidate whether a stored result stands in
// for auditing the file again. Called from worker threads concurrently.
class ResultStore {
public:
    virtual ~ResultStore() = default;
    // Asked first, before the file is opened: a stored result that stands for the file without
    // reading it at all (same size and mtime, same rule set and tool), or nullopt.
    virtual std::optional<audit::FileResult> unchanged(const ingest::Candidate& /*candidate*/) {
        return std::nullopt;
    }
    // How many of the run's files unchanged() will answer (for the ETA); 0 if unknown.
    virtual std::size_t expected_unchanged(const std::vector<ingest::Candidate>& /*files*/) {
        return 0;
    }
    // The stored result for this content (its status is then set to "unchanged"), or nullopt to
    // audit the file.
    virtual std::optional<audit::FileResult> reuse(const ingest::Candidate& candidate,
                                                   const std::string& sha256) = 0;
};

// Receives every file's result once, in report order, one call at a time, as soon as the
// results before it are done. Results carry file-level findings only: run-level rules
// (identity-nomor-duplicate) are applied afterwards to the whole run, and each file is then
// given once more, as the reports show it, to reported().
class ResultSink {
public:
    virtual ~ResultSink() = default;
    // Before the first file: the run and the files it will process.
    virtual void begin(const report::RunInfo& /*info*/,
                       const std::vector<ingest::Candidate>& /*files*/) {}
    virtual void accept(const audit::FileResult& result) = 0;
    // After the run-level rules, every file in report order with all its findings.
    virtual void reported(const audit::FileResult& /*result*/) {}
    // After the last reported(), before report.json and index.html are written: may fill
    // info.changes.
    virtual void before_report(report::RunInfo& /*info*/) {}
    // After the reports are written and the exit code is known.
    virtual void end(const report::RunInfo& /*info*/, const RunOutcome& /*outcome*/) {}
};

// One worker's view of the stages. Not thread-safe: each worker thread owns one, with its own
// reader process (or, in-process, its own OCR engine), started the first time the worker meets
// a file that needs reading.
class FileProcessor {
public:
    // isolated: read Word files and scans in a reader process (src/pipeline/isolation.hpp);
    // false reads them in this process (debugging, and tests of the stages after reading).
    FileProcessor(const audit::RuleSet& rules, const audit::Auditor& auditor,
                  const ingest::Limits& limits, bool isolated = true);
    ~FileProcessor();
    FileProcessor(const FileProcessor&) = delete;
    FileProcessor& operator=(const FileProcessor&) = delete;

    struct Outcome {
        audit::FileResult result;
        // Set when the tool itself failed on this file (a bug or a broken installation): the
        // file is reported as failed, the batch goes on, and the run exits with 2.
        std::string internal_error;
        double seconds = 0; // wall time of process()
    };
    Outcome process(const ingest::Candidate& candidate, ResultStore* store = nullptr);

    // Whether this worker has loaded Tesseract in-process / started a reader process.
    bool has_ocr_engine() const { return m_engine != nullptr; }
    bool has_reader() const { return m_reader != nullptr; }

private:
    layout::ReadResult read(const ingest::Candidate& candidate, const ingest::SniffResult& sniffed);

    const audit::RuleSet& m_rules;
    const audit::Auditor& m_auditor;
    const ingest::Limits& m_limits;
    bool m_isolated = true;
    sop::RecognitionConfig m_recognition;    // read from m_rules once, not per file
    std::unique_ptr<ocr::Engine> m_engine;   // in-process reads only
    std::unique_ptr<ReaderProcess> m_reader; // isolated reads: started on the first file
};

struct RunOutcome {
    std::vector<audit::FileResult> files; // report order; only with RunOptions::keep_results
    state::RunCounts counts;              // of every file, and the changes when known
    report::Summary summary;
    std::filesystem::path report_path;
    std::vector<std::string> internal_errors; // "path: what went wrong"
    int exit_code = 0; // 0 no error finding, 1 error findings, 2 internal error
};

// The whole scan. Throws audit::ConfigError (bad rule file), UsageError (missing input) and
// std::runtime_error (output folder not writable): all of them mean exit 2.
RunOutcome run_scan(const RunOptions& options, ResultStore* store = nullptr,
                    ResultSink* sink = nullptr);

} // namespace sopaudit::pipeline
