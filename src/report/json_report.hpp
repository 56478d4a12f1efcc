#pragma once
// report.json (report.schema.json, "sopaudit-report/1"), and the atomic file write every report
// writer uses so a reader never sees half a report.

#include "audit/file_result.hpp"
#include "state/changes.hpp"

#include <Poco/JSON/Object.h>
#include <filesystem>
#include <optional>
#include <string>
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

// Local time now, e.g. "2026-12-02T13:05:09+07:00".
std::string iso8601_now();

Poco::JSON::Object::Ptr report_json(const RunInfo& run,
                                    const std::vector<audit::FileResult>& files);

// Writes report_json() to file (atomically). Throws std::runtime_error when it cannot.
void write_json_report(const std::filesystem::path& file, const RunInfo& run,
                       const std::vector<audit::FileResult>& files);

// Writes content to a temporary file in file's folder, syncs it and renames it over file.
// Throws std::runtime_error (and leaves no temporary file) when it cannot.
void write_file_atomically(const std::filesystem::path& file, const std::string& content);

} // namespace sopaudit::report
