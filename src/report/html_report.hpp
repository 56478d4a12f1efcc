#pragma once
// output/index.html: one self-contained page (inline CSS and SVG, a few lines of inline script
// for the filters, no network) for the people who read the results: the run's summary, every
// file worst first, each SOP as read with its findings next to the field or step they point at,
// and annotated page images of scans.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"
#include "report/json_report.hpp"
#include "report/page_images.hpp"
#include "report/run_summary.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sopaudit::report {

struct HtmlOptions {
    bool page_images = true; // render annotated pages of scans and PDFs
    PageImageOptions images;
    // Threads that write the page images, one file each at a time (0: one per core). The
    // images are written after every file was read, so on a batch of scans this would
    // otherwise be a serial tail of the run.
    unsigned workers = 0;
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
