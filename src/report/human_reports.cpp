#include "report/human_reports.hpp"

#include "report/csv_report.hpp"
#include "report/escape.hpp"
#include "sop/sop_json.hpp"

#include <Poco/JSON/Stringifier.h>
#include <set>
#include <sstream>
#include <vector>

namespace sopaudit::report {

std::vector<std::string> write_sop_json_files(const std::filesystem::path& out_dir,
                                              const std::vector<audit::FileResult>& files) {
    std::vector<std::string> written;
    for (const auto& file : files) {
        if (file.sops.empty()) {
            continue;
        }
        const auto dir = "sops/" + safe_relative_path(file.path);
        std::filesystem::create_directories(out_dir / dir);
        for (std::size_t i = 0; i < file.sops.size(); ++i) {
            std::ostringstream json;
            Poco::JSON::Stringifier::stringify(sop::to_json(file.sops[i]), json, 2);
            json << '\n';
            const auto rel = dir + "/" + std::to_string(i + 1) + ".json";
            write_file_atomically(out_dir / rel, json.str());
            written.push_back(rel);
        }
    }
    return written;
}

void write_human_reports(const std::filesystem::path& out_dir,
                         const std::vector<audit::FileResult>& files, const audit::RuleSet& rules,
                         audit::Lang lang, const RunInfo& run, const HtmlOptions& options) {
    namespace fs = std::filesystem;
    fs::create_directories(out_dir);
    std::error_code ec;
    fs::remove_all(out_dir / "pages", ec);
    write_findings_csv(out_dir / "findings.csv", files, lang);
    write_sops_csv(out_dir / "sops.csv", files, lang);
    // sops/ is not emptied first: a file that already holds its bytes is left as it is (no
    // fsync per SOP on a nightly run over an unchanged folder); what this run did not write
    // (SOPs of removed or changed files) is removed after.
    const auto written = write_sop_json_files(out_dir, files);
    const std::set<std::string> keep(written.begin(), written.end());
    std::vector<fs::path> stale_files, dirs;
    for (auto it = fs::recursive_directory_iterator(out_dir / "sops", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec)) {
            dirs.push_back(it->path());
        } else if (!keep.count(fs::relative(it->path(), out_dir, ec).generic_string())) {
            stale_files.push_back(it->path());
        }
    }
    for (const auto& f : stale_files) {
        fs::remove(f, ec);
    }
    for (auto d = dirs.rbegin(); d != dirs.rend(); ++d) {
        if (fs::is_empty(*d, ec)) {
            fs::remove(*d, ec);
        }
    }
    write_html(out_dir, files, rules, lang, run, options);
}

} // namespace sopaudit::report
