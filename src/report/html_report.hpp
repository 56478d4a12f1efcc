#pragma once
// output/index.html: one self-contained page (inline CSS and SVG, a few lines of inline script
// for the filters, no network) for the people who read the results: the run's summary, every
// file worst first, each SOP as read with its findings next to the field or step they point at,
// and annotated page images of scans.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"
#include "report/json_report.hpp"
#include "report/page_images.hpp"
#include "report/result_spool.hpp"
#include "report/run_summary.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::report {

struct HtmlOptions {
    bool page_images = true; // render annotated pages of scans and PDFs
    PageImageOptions images;
    // Threads that render the files' sections and write their page images (0: one per core).
    // This runs after every file was read, so with one thread it would be a serial tail of the
    // run (on scans the page PNGs are about a tenth of the run's CPU). A scan run draws the
    // pictures on its workers instead (pipeline/pipeline.cpp), all but late findings' boxes.
    unsigned workers = 0;
};

// index.html written as the files come: add() takes each file once, in report order, and keeps
// only its counts and its row of the summary's table (the rule index's entries go to a spool in
// spool_dir); write() prints the page, asking file_at(i) for each file again, worst first.
class HtmlReportWriter {
public:
    using FileAt = std::function<audit::FileResult(std::size_t)>;
    using ImagesOf = std::function<std::vector<PageImage>(std::size_t, const audit::FileResult&)>;

    // workers: threads that render the file sections in write() (0: one per core).
    HtmlReportWriter(const std::filesystem::path& spool_dir, const audit::RuleSet& rules,
                     audit::Lang lang, unsigned workers = 1);
    ~HtmlReportWriter();
    HtmlReportWriter(const HtmlReportWriter&) = delete;
    HtmlReportWriter& operator=(const HtmlReportWriter&) = delete;

    void add(const audit::FileResult& file);
    // Once, after the last add(); out gets the page piece by piece, in order. file_at and
    // images_of are called from several threads at once when there are several workers.
    void write(const RunInfo& run, const FileAt& file_at, const ImagesOf& images_of,
               const std::function<void(std::string_view)>& out);

private:
    struct Rows;
    const audit::RuleSet& m_rules;
    audit::Lang m_lang;
    unsigned m_workers;
    RunSummary m_summary;
    SpoolFile m_items_spool;
    std::map<std::string, std::vector<SpoolFile::Span>> m_items; // rule id -> its entries
    std::unique_ptr<Rows> m_rows;
};

// The page as a string; page_images[i] are the images of files[i] (may be empty).
std::string render_html(const std::vector<audit::FileResult>& files, const audit::RuleSet& rules,
                        audit::Lang lang, const RunInfo& run,
                        const std::vector<std::vector<PageImage>>& page_images);

// Writes out_dir/index.html (and out_dir/pages/... images when options.page_images).
void write_html(const std::filesystem::path& out_dir, const std::vector<audit::FileResult>& files,
                const audit::RuleSet& rules, audit::Lang lang, const RunInfo& run,
                const HtmlOptions& options = {});

} // namespace sopaudit::report
