#pragma once
// report.json (report.schema.json, "sopaudit-report/1"), and the atomic file write every report
// writer uses so a reader never sees half a report.

#include "audit/file_result.hpp"
#include "report/result_spool.hpp"
#include "state/changes.hpp"

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::report {

// What the run was, for the report headers.
struct RunInfo {
    std::string tool_version;
    std::string ruleset_id;
    std::string ruleset_version;
    std::string started_at;          // ISO 8601 with offset
    std::string finished_at;         // ISO 8601 with offset
    std::vector<std::string> inputs; // the input roots as given
    std::string lang = "id";
    // What changed since the previous complete run (state/); unset when the run keeps no state.
    // report.json prints it as the top-level "changes" object.
    std::optional<state::Changes> changes;
    // A --shard K/N run: written as run.shard {"index": K, "count": N} so that `sopaudit merge`
    // can tell whether every shard is there. 0 = not a shard.
    unsigned shard_index = 0;
    unsigned shard_count = 0;
};

struct Summary {
    std::size_t files = 0;
    std::size_t sops = 0;
    std::size_t error = 0;
    std::size_t warning = 0;
    std::size_t info = 0;
};
Summary summarize(const std::vector<audit::FileResult>& files);
void add_to_summary(Summary& summary, const audit::FileResult& file); // one more file

// Local time now, e.g. "2026-12-02T13:05:09+07:00".
std::string iso8601_now();

// The whole report as one JSON tree (tests, small reports). write_json_report and
// JsonReportWriter print the same bytes without building it.
Poco::JSON::Object::Ptr report_json(const RunInfo& run,
                                    const std::vector<audit::FileResult>& files);

// Writes report_json() to file (atomically), one file entry at a time. Throws
// std::runtime_error when it cannot.
void write_json_report(const std::filesystem::path& file, const RunInfo& run,
                       const std::vector<audit::FileResult>& files);

// report.json written while the run goes: each file's entry is printed as it arrives, in report
// order, into a spool (an already unlinked temporary file next to the report, so a killed run
// leaves nothing behind), and only its offset is kept. finish() writes the header, whose
// summary needs every file, and copies the entries after it into a temporary file renamed over
// the report. The bytes equal report_json(...)->stringify(out, 2) plus a newline.
class JsonReportWriter {
public:
    // Opens the spool in file's folder. Throws std::runtime_error when it cannot.
    explicit JsonReportWriter(std::filesystem::path file);
    ~JsonReportWriter();
    JsonReportWriter(const JsonReportWriter&) = delete;
    JsonReportWriter& operator=(const JsonReportWriter&) = delete;

    // A file's entry as the report prints it. Pure: workers make it in parallel.
    static std::string entry_text(const audit::FileResult& file);

    // Appends the next file's entry (entry_text()). Returns its index in the report.
    std::size_t add(const std::string& entry);
    // Replaces entry `index` (a run-level rule added findings to the file).
    void replace(std::size_t index, const std::string& entry);
    std::size_t size() const { return m_entries.size(); }

    // Writes the report; the writer is spent afterwards.
    void finish(const RunInfo& run, const Summary& summary);

private:
    std::filesystem::path m_file;
    std::unique_ptr<SpoolFile> m_spool; // null once finished
    std::vector<SpoolFile::Span> m_entries;
};

// A temporary file next to `file` that replaces it on commit(), synced first, so a reader sees
// the old file or the new one, never half of one. Removed unless committed. Throws
// std::runtime_error when it cannot.
class AtomicFile {
public:
    explicit AtomicFile(const std::filesystem::path& file);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    void commit();

private:
    static constexpr std::size_t k_buffer = 1 << 16;
    void flush();
    void write_all(std::string_view bytes);

    std::filesystem::path m_file;
    std::filesystem::path m_temp;
    int m_fd = -1;
    std::string m_buffer;
};

// Writes content to a temporary file in file's folder, syncs it and renames it over file.
// Throws std::runtime_error (and leaves no temporary file) when it cannot.
void write_file_atomically(const std::filesystem::path& file, const std::string& content);

} // namespace sopaudit::report
