#pragma once
// `sopaudit merge REPORT... --out DIR`: joins the report.json files of several runs (the shards
// of one scan, or scans of different folders) into the report one run over all of them would
// have written: files in the order of a full run, the summary counted again, and the run-level
// rules (identity-nomor-duplicate) applied again across all files, since each shard saw only
// its own part.

#include "audit/file_result.hpp"
#include "report/json_report.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sopaudit::pipeline {

struct MergeOptions {
    std::vector<std::filesystem::path> reports; // report.json files
    std::filesystem::path out_dir = "output";
    std::string rules_path; // empty: audit::RuleSet::default_path()
    bool print_summary = true;
};

struct MergeOutcome {
    std::vector<audit::FileResult> files; // full-run order
    report::RunInfo info;
    report::Summary summary;
    std::filesystem::path report_path;
    int exit_code = 0; // 0 no error finding, 1 error findings
};

// One report as read back.
struct LoadedReport {
    std::filesystem::path source;
    report::RunInfo info;
    std::vector<audit::FileResult> files;
};

// Reads a report.json. Throws UsageError when the file is missing or is not a sopaudit report.
LoadedReport load_report(const std::filesystem::path& file);

// The merged result without writing anything. Throws UsageError when the reports do not belong
// together: another rule set or language, shards of different counts, a shard missing or given
// twice, a file present in two reports; audit::ConfigError for a bad rule file.
MergeOutcome merge_reports(const std::vector<LoadedReport>& reports, const std::string& rules_path);

// load_report + merge_reports, then writes DIR/report.json and prints the summary line.
MergeOutcome run_merge(const MergeOptions& options);

} // namespace sopaudit::pipeline
