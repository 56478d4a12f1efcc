#include "report/human_reports.hpp"

#include "report/csv_report.hpp"
#include "report/escape.hpp"
#include "sop/sop_json.hpp"

#include <Poco/JSON/Stringifier.h>
#include <sstream>

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
    std::filesystem::create_directories(out_dir);
    for (const char* owned : {"sops", "pages"}) {
        std::error_code ec;
        std::filesystem::remove_all(out_dir / owned, ec);
    }
    write_findings_csv(out_dir / "findings.csv", files, lang);
    write_sops_csv(out_dir / "sops.csv", files, lang);
    write_sop_json_files(out_dir, files);
    write_html(out_dir, files, rules, lang, run, options);
}

} // namespace sopaudit::report
