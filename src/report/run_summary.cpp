#include "report/run_summary.hpp"

#include <algorithm>
#include <numeric>

namespace sopaudit::report {

std::string folder_of(const std::string& relative_path) {
    const auto slash = relative_path.find('/');
    if (slash == std::string::npos) {
        return {};
    }
    return relative_path.substr(0, slash);
}

int total(const SeverityCounts& c) {
    return c[0] + c[1] + c[2];
}

RunSummary summarize_run(const std::vector<audit::FileResult>& files) {
    RunSummary s;
    s.files = static_cast<int>(files.size());
    s.per_file.resize(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& file = files[i];
        auto& counts = s.per_file[i];
        counts.by_sop.resize(file.sops.size());
        s.sops += static_cast<int>(file.sops.size());
        auto& folder = s.by_folder[folder_of(file.path)];
        for (const auto& f : file.findings) {
            const auto sev = static_cast<std::size_t>(f.severity);
            ++counts.by_severity[sev];
            ++s.findings[sev];
            ++s.by_rule[f.rule][sev];
            ++folder[sev];
            if (f.location.sop && *f.location.sop >= 0 &&
                static_cast<std::size_t>(*f.location.sop) < counts.by_sop.size()) {
                ++counts.by_sop[static_cast<std::size_t>(*f.location.sop)][sev];
            }
        }
        // A file-level error (unreadable ...) is no SOP's, but a file that has one is not clean.
        if (counts.by_severity[0] == 0) {
            ++s.files_without_errors;
        }
        for (const auto& sop_counts : counts.by_sop) {
            if (sop_counts[0] == 0) {
                ++s.sops_without_errors;
            }
        }
    }
    s.worst_first.resize(files.size());
    std::iota(s.worst_first.begin(), s.worst_first.end(), std::size_t{0});
    std::stable_sort(s.worst_first.begin(), s.worst_first.end(), [&](std::size_t a, std::size_t b) {
        const auto& ca = s.per_file[a].by_severity;
        const auto& cb = s.per_file[b].by_severity;
        if (ca != cb) {
            return std::lexicographical_compare(cb.begin(), cb.end(), ca.begin(), ca.end());
        }
        return files[a].path < files[b].path;
    });
    return s;
}

} // namespace sopaudit::report
