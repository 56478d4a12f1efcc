#pragma once
// The reports people read, written after report.json: index.html (with annotated page images),
// findings.csv, sops.csv, and every SOP's extracted structure as sops/<file path>/<n>.json.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"
#include "report/csv_report.hpp"
#include "report/html_report.hpp"
#include "report/json_report.hpp"

#include <filesystem>
#include <vector>

namespace sopaudit::report {

// Writes out_dir/sops/<file path>/<n>.json (n = 1-based SOP position in the file; the SOP's
// report.json location.sop is n - 1), one sop::to_json object each. Returns the files written,
// relative to out_dir.
std::vector<std::string> write_sop_json_files(const std::filesystem::path& out_dir,
                                              const std::vector<audit::FileResult>& files);
// The same for one file. Files of different inputs are different paths, so workers may call it
// side by side.
std::vector<std::string> write_sop_json_files(const std::filesystem::path& out_dir,
                                              const audit::FileResult& file);

// Everything below, written as the files come: add() takes each file once, in report order
// (findings.csv, sops.csv and sops/ are written then); finish() writes index.html, asking
// file_at(i) for each file again. Holds only counts and a row per file.
class HumanReportWriter {
public:
    // write_sops false: the caller writes each file's sops/ files itself (write_sop_json_files,
    // on its worker threads) and hands their names to add_written_sops() instead.
    HumanReportWriter(const std::filesystem::path& out_dir, const audit::RuleSet& rules,
                      audit::Lang lang, const HtmlOptions& options = {}, bool write_sops = true);
    void add(const audit::FileResult& file);
    void add_written_sops(const std::vector<std::string>& written);
    void finish(const RunInfo& run, const HtmlReportWriter::FileAt& file_at);
    // As above, with the page images of each file given by images_of (called from several
    // threads at once, once per file) instead of drawn here: a caller that drew them already
    // while the run went on (pipeline/pipeline.cpp) hands them over.
    void finish(const RunInfo& run, const HtmlReportWriter::FileAt& file_at,
                const HtmlReportWriter::ImagesOf& images_of);

private:
    std::filesystem::path m_out_dir;
    HtmlOptions m_options;
    FindingsCsvWriter m_findings_csv;
    SopsCsvWriter m_sops_csv;
    HtmlReportWriter m_html;
    bool m_write_sops = true;
    std::vector<std::string> m_written; // sops/ files, relative to out_dir
};

// Everything above. The folders sops/ and pages/ of out_dir are the tool's own: pages/ is
// rewritten, sops/ keeps the files that already hold their bytes and loses what this run did
// not write, so a file gone from the input leaves nothing stale behind.
void write_human_reports(const std::filesystem::path& out_dir,
                         const std::vector<audit::FileResult>& files, const audit::RuleSet& rules,
                         audit::Lang lang, const RunInfo& run, const HtmlOptions& options = {});

} // namespace sopaudit::report
