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

FileCounts count_findings(const audit::FileResult& file) {
    FileCounts counts;
    counts.by_sop.resize(file.sops.size());
    for (const auto& f : file.findings) {
        const auto sev = static_cast<std::size_t>(f.severity);
        ++counts.by_severity[sev];
        if (f.location.sop && *f.location.sop >= 0 &&
            static_cast<std::size_t>(*f.location.sop) < counts.by_sop.size()) {
            ++counts.by_sop[static_cast<std::size_t>(*f.location.sop)][sev];
        }
    }
    return counts;
}

void add_to_summary(RunSummary& s, const audit::FileResult& file) {
    ++s.files;
    s.sops += static_cast<int>(file.sops.size());
    auto& folder = s.by_folder[folder_of(file.path)];
    for (const auto& f : file.findings) {
        const auto sev = static_cast<std::size_t>(f.severity);
        ++s.findings[sev];
        ++s.by_rule[f.rule][sev];
        ++folder[sev];
    }
    FileCounts counts = count_findings(file);
    // A file-level error (unreadable ...) is no SOP's, but a file that has one is not clean.
    if (counts.by_severity[0] == 0) {
        ++s.files_without_errors;
    }
    for (const auto& sop_counts : counts.by_sop) {
        if (sop_counts[0] == 0) {
            ++s.sops_without_errors;
        }
    }
    s.per_file.push_back(std::move(counts));
}

void order_worst_first(RunSummary& s, const std::vector<std::string>& paths) {
    s.worst_first.resize(s.per_file.size());
    std::iota(s.worst_first.begin(), s.worst_first.end(), std::size_t{0});
    std::stable_sort(s.worst_first.begin(), s.worst_first.end(), [&](std::size_t a, std::size_t b) {
        const auto& ca = s.per_file[a].by_severity;
        const auto& cb = s.per_file[b].by_severity;
        if (ca != cb) {
            return std::lexicographical_compare(cb.begin(), cb.end(), ca.begin(), ca.end());
        }
        return paths[a] < paths[b];
    });
}

RunSummary summarize_run(const std::vector<audit::FileResult>& files) {
    RunSummary s;
    std::vector<std::string> paths;
    for (const auto& file : files) {
        add_to_summary(s, file);
        paths.push_back(file.path);
    }
    order_worst_first(s, paths);
    return s;
}

} // namespace sopaudit::report
