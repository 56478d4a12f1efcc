#pragma once
// What changed since the previous complete run: files that are new, changed or removed, and
// findings that are new or resolved. report/ prints it at the top of every report.

#include "audit/file_result.hpp"

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace sopaudit::state {

// A file as the last complete report showed it.
struct ReportedFile {
    std::string root;
    std::string path;
    std::string sha256;
    auto tie() const { return std::tie(root, path); }
    bool operator<(const ReportedFile& o) const { return tie() < o.tie(); }
};

// A finding as the diff sees it. Two findings are "the same" when rule, file, SOP index and
// location field and row agree: the message wording and page/bbox may move without making a
// finding new.
struct FindingKey {
    std::string root;
    std::string path;
    std::string rule;
    int sop = -1;      // -1 = not about one SOP
    std::string field; // "" = none
    int row = -1;      // -1 = none
    auto tie() const { return std::tie(root, path, rule, sop, field, row); }
    bool operator<(const FindingKey& o) const { return tie() < o.tie(); }
    bool operator==(const FindingKey& o) const { return tie() == o.tie(); }
};

struct ReportedFinding {
    FindingKey key;
    std::string severity;
    std::string message;
};

struct Changes {
    // False on the first run over a state: everything would be "new", so nothing is listed.
    bool has_previous = false;
    std::optional<std::int64_t> previous_run; // id of the run compared against
    std::string previous_finished_at;
    std::vector<ReportedFile> new_files, changed_files, removed_files;
    std::vector<ReportedFinding> new_findings, resolved_findings;
};

FindingKey key_of(const audit::FileResult& file, const audit::Finding& finding);

// Every finding of the given files, in file order.
std::vector<ReportedFinding> reported_findings(const std::vector<audit::FileResult>& files);
std::vector<ReportedFile> reported_files(const std::vector<audit::FileResult>& files);

// Compares this run's files and findings with the previous report's. Findings are compared as
// multisets: two equal keys in one file are two findings. Lists come out sorted by key.
Changes diff(const std::vector<ReportedFile>& previous_files,
             const std::vector<ReportedFinding>& previous_findings,
             const std::vector<ReportedFile>& current_files,
             const std::vector<ReportedFinding>& current_findings);

// report.json's top-level "changes" object.
Poco::JSON::Object::Ptr to_json(const Changes& changes);

} // namespace sopaudit::state
