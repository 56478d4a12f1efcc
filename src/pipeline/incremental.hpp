#pragma once
// The nightly run's memory: a ResultStore and ResultSink over state::Store. Files whose size and
// mtime are unchanged are not read; files read again but with the same content reuse their
// result; every fully audited file is committed in batches; the report gets "what changed".
// The state is locked for the whole run (a second run refuses at once).

#include "pipeline/pipeline.hpp"
#include "state/lock.hpp"
#include "state/store.hpp"

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace sopaudit::pipeline {

class Incremental : public ResultStore, public ResultSink {
public:
    // Takes the lock (throws state::LockBusy) and opens the database (throws state::StateError).
    // `full`: audit every file again (--full).
    Incremental(const std::filesystem::path& state_db, const RunOptions& options, bool full);

    std::optional<audit::FileResult> unchanged(const ingest::Candidate& candidate) override;
    std::optional<audit::FileResult> reuse(const ingest::Candidate& candidate,
                                           const std::string& sha256) override;
    std::size_t expected_unchanged(const std::vector<ingest::Candidate>& files) override;

    void begin(const report::RunInfo& info, const std::vector<ingest::Candidate>& files) override;
    void accept(const audit::FileResult& result) override;
    void reported(const audit::FileResult& file) override;
    void before_report(report::RunInfo& info) override;
    void end(const report::RunInfo& info, const RunOutcome& outcome) override;

    state::Store& store() { return m_store; }
    std::size_t files_read() const { return m_files_read; }

private:
    std::optional<audit::FileResult> load(const state::StoredFile& stored);

    state::Lock m_lock;
    state::Store m_store;
    std::mutex m_mutex; // workers ask concurrently; the store is one SQLite connection
    std::string m_settings;
    bool m_full;
    std::size_t m_files_read = 0;
    // What this run's reports show, the next run's "what changed" baseline.
    std::vector<state::ReportedFile> m_reported_files;
    std::vector<state::ReportedFinding> m_reported_findings;
};

// Why a file looks like it is still being copied in, or nothing: its size or mtime differ from
// what the walk saw, or (when the read failed) it is a zip whose central directory is not
// written yet.
std::optional<std::string> still_arriving(const ingest::Candidate& candidate, bool read_failed);

// The counts of a run for the runs table and the summary line.
state::RunCounts run_counts(const std::vector<audit::FileResult>& files,
                            const state::Changes* changes);
// The same one file at a time, then the changes (none: nullptr).
void count_file(state::RunCounts& counts, const audit::FileResult& file);
void count_changes(state::RunCounts& counts, const state::Changes* changes);

// The SHA-256 of a rule file and of every file it "extends", in chain order ("a+b"); "+?" ends
// it where a file could not be read or parsed, or the chain is longer than 32 (a loop).
std::string rule_chain_sha256(const std::string& rules_path);

// What besides the rule set's id and version and the tool's version changes a file's result:
// the language, the content of the rule file and of the files it extends (edited without a
// new version), the limits.
std::string result_settings(const RunOptions& options);

} // namespace sopaudit::pipeline
