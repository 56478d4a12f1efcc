#pragma once
// The incremental state: a SQLite database (through Poco::Data) that remembers, per file, what
// was read and what the audit found, so the nightly run reads only what changed; the runs made;
// and the content of the last complete report, which the next report is compared with.
//
// Three kinds of rows, written at three moments:
//   files        a cache of audit results, written in batches as files finish (a killed run
//                keeps what it committed; what was in flight is audited again);
//   report_*     the files and findings of the last complete report, replaced in one
//                transaction when a run finishes (so "what changed" is always relative to a
//                report someone could have read);
//   runs         one row per run, inserted at the start and completed at the end (a row
//                without finished_at is a run that was killed).

#include "audit/file_result.hpp"
#include "ingest/ingest.hpp"
#include "state/changes.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace sopaudit::state {

// The state cannot be used (not a database, written by a newer version): exit code 2.
struct StateError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What a stored result depends on besides the file: when any of it differs, the file is audited
// again.
struct Fingerprint {
    std::string ruleset_id;
    std::string ruleset_version;
    std::string tool_version;
    // Everything else that changes a result: language, a hash of the rule file's content,
    // limits. Opaque to the store.
    std::string settings;
    bool operator==(const Fingerprint&) const = default;
};

struct StoredFile {
    std::string root;
    std::string path;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string sha256;
    std::string format;
    std::string status;
    Fingerprint fingerprint;
    std::int64_t audited_run = 0;
};

enum class Decision {
    added,     // not in the state
    unchanged, // same size, mtime and fingerprint: not read, the stored result is carried
    changed,   // size or mtime differ: read again (the hash may still show it is the same)
    stale,     // the file looks the same but the rule set, tool or settings changed
    forced,    // --full
};
const char* to_string(Decision d);

struct RunCounts {
    std::int64_t files = 0, audited = 0, unchanged = 0, failed = 0, sops = 0;
    std::int64_t errors = 0, warnings = 0, infos = 0;
    std::int64_t new_files = 0, changed_files = 0, removed_files = 0;
    std::int64_t new_findings = 0, resolved_findings = 0;
};

struct RunRecord {
    std::int64_t id = 0;
    std::string started_at;
    std::string finished_at; // empty: the run never finished (killed)
    std::string inputs;      // JSON array of the input roots
    bool full = false;
    RunCounts counts;
    std::optional<int> exit_code;
};

class Store {
public:
    static constexpr int k_schema_version = 1;

    // Opens or creates the database (the parent folder must exist). Throws StateError.
    explicit Store(const std::filesystem::path& db);
    // Commits the results still buffered: each was fully audited before it was put().
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Starts a run: the fingerprint of this run's results, recorded in runs. Returns its id.
    std::int64_t begin_run(const std::string& started_at, const std::vector<std::string>& inputs,
                           const Fingerprint& fingerprint, bool full);
    std::int64_t run_id() const { return m_run_id; }

    // What to do with a file found by the walk (begin_run first).
    Decision decide(const ingest::Candidate& candidate) const;
    const StoredFile* find(const std::string& root, const std::string& path) const;
    // Whether a file that was read again (size or mtime changed) has the stored content, so its
    // stored result stands: same SHA-256, same fingerprint, no --full.
    bool same_content(const ingest::Candidate& candidate, const std::string& sha256) const;
    // The stored result's JSON text (as given to put()), or nothing.
    std::optional<std::string> result_json(const std::string& root, const std::string& path) const;

    // Remembers a fully audited file with its result as JSON text (audit::result_json, without
    // the findings of cross-file rules, which depend on the other files of the run). Buffered:
    // committed in one transaction per batch (by count or age), so a kill loses at most one
    // batch, which the next run audits again. A file that must be retried next night is simply
    // not put().
    void put(const audit::FileResult& file, const std::string& result_json);
    void flush();

    // How many put() calls wait for a commit before one is forced, and how old the oldest may be.
    void set_batch(std::size_t files, std::chrono::milliseconds age);

    // This run's files and findings compared with the last complete report.
    Changes changes(const std::vector<ReportedFile>& files,
                    const std::vector<ReportedFinding>& findings) const;

    // Ends the run in one transaction: commits what is buffered, forgets files that are no longer
    // found (not in `files`), makes `files`/`findings` the new baseline and completes the run row.
    void finish_run(const std::string& finished_at, const RunCounts& counts, int exit_code,
                    const std::vector<ReportedFile>& files,
                    const std::vector<ReportedFinding>& findings);

    // Past runs, newest first (limit 0 = all).
    std::vector<RunRecord> runs(std::size_t limit = 0) const;
    std::optional<RunRecord> last_finished_run() const;
    std::size_t file_count() const { return m_files.size(); }

private:
    void create_schema();
    void load_files();
    std::vector<ReportedFile> baseline_files() const;
    std::vector<ReportedFinding> baseline_findings() const;
    void write_pending();
    // One transaction: the buffered results, then `also`; the buffered results count as stored
    // once it commits. Throws StateError naming `what`.
    void commit_pending(const char* what, const std::function<void(Poco::Data::Session&)>& also);

    struct Pending {
        StoredFile meta;
        std::string json;
    };

    std::filesystem::path m_path;
    std::unique_ptr<Poco::Data::Session> m_session;
    std::map<std::pair<std::string, std::string>, StoredFile> m_files;
    Fingerprint m_fingerprint;
    bool m_full = false;
    std::int64_t m_run_id = 0;
    std::vector<Pending> m_pending;
    std::chrono::steady_clock::time_point m_pending_since;
    std::size_t m_batch_files = 32;
    std::chrono::milliseconds m_batch_age{2000};
};

} // namespace sopaudit::state
