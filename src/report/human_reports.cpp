#include "report/human_reports.hpp"

#include "common/json_writer.hpp"
#include "report/csv_report.hpp"
#include "report/escape.hpp"
#include "sop/sop_json.hpp"

#include <set>
#include <vector>

namespace sopaudit::report {

namespace {

// Writes file's SOPs as sops/<file path>/<n>.json and appends what it wrote to `written`.
void write_sops_of(const std::filesystem::path& out_dir, const audit::FileResult& file,
                   std::vector<std::string>& written) {
    if (file.sops.empty()) {
        return;
    }
    const auto dir = "sops/" + safe_relative_path(file.path);
    std::filesystem::create_directories(out_dir / dir);
    for (std::size_t i = 0; i < file.sops.size(); ++i) {
        std::string json;
        common::JsonWriter writer(json, 2, 2);
        sop::write_json(writer, file.sops[i]);
        json += '\n';
        const auto rel = dir + "/" + std::to_string(i + 1) + ".json";
        write_file_atomically(out_dir / rel, json);
        written.push_back(rel);
    }
}

// Removes from sops/ what this run did not write, and the folders left empty.
void remove_stale_sops(const std::filesystem::path& out_dir,
                       const std::vector<std::string>& written) {
    namespace fs = std::filesystem;
    const std::set<std::string> keep(written.begin(), written.end());
    std::error_code ec;
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
}

} // namespace

std::vector<std::string> write_sop_json_files(const std::filesystem::path& out_dir,
                                              const std::vector<audit::FileResult>& files) {
    std::vector<std::string> written;
    for (const auto& file : files) {
        write_sops_of(out_dir, file, written);
    }
    return written;
}

std::vector<std::string> write_sop_json_files(const std::filesystem::path& out_dir,
                                              const audit::FileResult& file) {
    std::vector<std::string> written;
    write_sops_of(out_dir, file, written);
    return written;
}

HumanReportWriter::HumanReportWriter(const std::filesystem::path& out_dir,
                                     const audit::RuleSet& rules, audit::Lang lang,
                                     const HtmlOptions& options, bool write_sops)
    : m_out_dir((std::filesystem::create_directories(out_dir), out_dir)), m_options(options),
      m_findings_csv(out_dir / "findings.csv", lang), m_sops_csv(out_dir / "sops.csv", lang),
      m_html(out_dir, rules, lang, options.workers), m_write_sops(write_sops) {
    std::error_code ec;
    std::filesystem::remove_all(out_dir / "pages", ec);
}

void HumanReportWriter::add(const audit::FileResult& file) {
    m_findings_csv.add(file);
    m_sops_csv.add(file);
    // sops/ is not emptied first: a file that already holds its bytes is left as it is (no
    // fsync per SOP on a nightly run over an unchanged folder); what this run did not write
    // (SOPs of removed or changed files) is removed at finish().
    if (m_write_sops) {
        write_sops_of(m_out_dir, file, m_written);
    }
    m_html.add(file);
}

void HumanReportWriter::add_written_sops(const std::vector<std::string>& written) {
    m_written.insert(m_written.end(), written.begin(), written.end());
}

void HumanReportWriter::finish(const RunInfo& run, const HtmlReportWriter::FileAt& file_at) {
    finish(run, file_at, [&](std::size_t, const audit::FileResult& file) {
        return m_options.page_images ? write_page_images(m_out_dir, file, m_options.images)
                                     : std::vector<PageImage>{};
    });
}

void HumanReportWriter::finish(const RunInfo& run, const HtmlReportWriter::FileAt& file_at,
                               const HtmlReportWriter::ImagesOf& images_of) {
    m_findings_csv.finish();
    m_sops_csv.finish();
    remove_stale_sops(m_out_dir, m_written);
    std::vector<std::string>().swap(m_written);
    AtomicFile page(m_out_dir / "index.html");
    m_html.write(run, file_at, images_of, [&](std::string_view bytes) { page.write(bytes); });
    page.commit();
}

void write_human_reports(const std::filesystem::path& out_dir,
                         const std::vector<audit::FileResult>& files, const audit::RuleSet& rules,
                         audit::Lang lang, const RunInfo& run, const HtmlOptions& options) {
    HumanReportWriter writer(out_dir, rules, lang, options);
    for (const auto& f : files) {
        writer.add(f);
    }
    writer.finish(run, [&](std::size_t i) { return files[i]; });
}

} // namespace sopaudit::report
