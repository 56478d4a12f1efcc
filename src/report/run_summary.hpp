#pragma once
// The figures every human-readable report shows: totals, compliance, findings by severity, rule
// and folder (the first path component: in a regency's shared folder, one folder per office),
// and the files ordered worst first.

#include "audit/file_result.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace sopaudit::report {

// Counts indexed by audit::Severity (error, warning, info).
using SeverityCounts = std::array<int, 3>;

struct FileCounts {
    SeverityCounts by_severity{};
    std::vector<SeverityCounts> by_sop; // one per SOP of the file
};

struct RunSummary {
    int files = 0;
    int sops = 0;
    int sops_without_errors = 0;
    int files_without_errors = 0;
    SeverityCounts findings{};
    std::map<std::string, SeverityCounts> by_rule;
    std::map<std::string, SeverityCounts> by_folder; // "" = files at the top of an input root
    std::vector<FileCounts> per_file;                // parallel to the files
    std::vector<std::size_t> worst_first;            // file indices, most errors first
};

RunSummary summarize_run(const std::vector<audit::FileResult>& files);

// summarize_run one file at a time: add_to_summary for each file in report order, then
// order_worst_first with the files' paths (ties go by path).
void add_to_summary(RunSummary& summary, const audit::FileResult& file);
void order_worst_first(RunSummary& summary, const std::vector<std::string>& paths);

// A file's findings counted by severity, in all and per SOP.
FileCounts count_findings(const audit::FileResult& file);

// The folder a file is counted under: its first path component, "" when it has none.
std::string folder_of(const std::string& relative_path);

int total(const SeverityCounts& c);

} // namespace sopaudit::report
