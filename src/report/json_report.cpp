#include "report/json_report.hpp"

#include "audit/result_json.hpp"
#include "common/json_writer.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/LocalDateTime.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace sopaudit::report {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr ordered() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& file) {
    throw std::runtime_error("cannot write " + file.string() + ": " + what + ": " +
                             std::strerror(errno));
}

} // namespace

void add_to_summary(Summary& s, const audit::FileResult& f) {
    ++s.files;
    s.sops += f.sops.size();
    for (const auto& finding : f.findings) {
        switch (finding.severity) {
        case audit::Severity::error:
            ++s.error;
            break;
        case audit::Severity::warning:
            ++s.warning;
            break;
        case audit::Severity::info:
            ++s.info;
            break;
        }
    }
}

Summary summarize(const std::vector<audit::FileResult>& files) {
    Summary s;
    for (const auto& f : files) {
        add_to_summary(s, f);
    }
    return s;
}

std::string iso8601_now() {
    // %z gives "Z" for UTC and "+HH:MM" otherwise; both are ISO 8601 offsets.
    return Poco::DateTimeFormatter::format(Poco::LocalDateTime(),
                                           Poco::DateTimeFormat::ISO8601_FORMAT);
}

namespace {

// Everything before "files": it needs the summary, so it is printed last.
Object::Ptr header_json(const RunInfo& run, const Summary& s) {
    auto root = ordered();
    root->set("schema", std::string("sopaudit-report/1"));

    auto tool = ordered();
    tool->set("name", std::string("sopaudit"));
    tool->set("version", run.tool_version);
    root->set("tool", tool);

    auto ruleset = ordered();
    ruleset->set("id", run.ruleset_id);
    ruleset->set("version", run.ruleset_version);
    root->set("ruleset", ruleset);

    auto run_obj = ordered();
    run_obj->set("started_at", run.started_at);
    run_obj->set("finished_at", run.finished_at);
    Array::Ptr inputs = new Array;
    for (const auto& i : run.inputs) {
        inputs->add(i);
    }
    run_obj->set("inputs", inputs);
    run_obj->set("lang", run.lang);
    if (run.shard_count > 0) {
        auto shard = ordered();
        shard->set("index", static_cast<Poco::UInt64>(run.shard_index));
        shard->set("count", static_cast<Poco::UInt64>(run.shard_count));
        run_obj->set("shard", shard);
    }
    root->set("run", run_obj);

    auto summary = ordered();
    summary->set("files", static_cast<Poco::UInt64>(s.files));
    summary->set("sops", static_cast<Poco::UInt64>(s.sops));
    auto findings = ordered();
    findings->set("error", static_cast<Poco::UInt64>(s.error));
    findings->set("warning", static_cast<Poco::UInt64>(s.warning));
    findings->set("info", static_cast<Poco::UInt64>(s.info));
    summary->set("findings", findings);
    root->set("summary", summary);
    if (run.changes) {
        root->set("changes", state::to_json(*run.changes));
    }
    return root;
}

// How Poco prints report.json with stringify(out, 2): the "files" array at indent 4 puts each
// entry after 4 spaces, prints it with indent 6 and step 2, and separates entries by ",\n";
// after the last one comes "\n  ]". An empty array prints as "[\n\n  ]". The tests compare
// JsonReportWriter's bytes with report_json()'s, so a Poco that prints differently fails them.
constexpr unsigned k_entry_indent = 6;
constexpr unsigned k_step = 2;
constexpr std::string_view k_entry_lead = "    ";
constexpr std::string_view k_entry_separator = ",\n";
constexpr std::string_view k_files_open = "[\n";
constexpr std::string_view k_files_close = "\n  ]";

} // namespace

AtomicFile::AtomicFile(const std::filesystem::path& file) : m_file(file) {
    static std::atomic<unsigned> counter{0};
    const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    m_temp = dir / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter++));
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        fail("cannot create a temporary file", m_file);
    }
    m_buffer.reserve(k_buffer);
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_temp.c_str());
    }
}

void AtomicFile::write(std::string_view bytes) {
    if (m_buffer.size() + bytes.size() > k_buffer) {
        flush();
    }
    if (bytes.size() >= k_buffer) {
        write_all(bytes);
    } else {
        m_buffer.append(bytes);
    }
}

void AtomicFile::commit() {
    flush();
    const bool synced = ::fsync(m_fd) == 0;
    const int sync_errno = errno;
    const bool closed = ::close(m_fd) == 0;
    m_fd = -1;
    if (!closed || !synced) {
        const int saved = synced ? errno : sync_errno;
        ::unlink(m_temp.c_str());
        errno = saved;
        fail("sync failed", m_file);
    }
    if (::rename(m_temp.c_str(), m_file.c_str()) != 0) {
        const int saved = errno;
        ::unlink(m_temp.c_str());
        errno = saved;
        fail("rename failed", m_file);
    }
}

void AtomicFile::flush() {
    write_all(m_buffer);
    m_buffer.clear();
}

void AtomicFile::write_all(std::string_view bytes) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail("write failed", m_file); // the destructor removes the temporary file
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

Object::Ptr report_json(const RunInfo& run, const std::vector<audit::FileResult>& files) {
    auto root = header_json(run, summarize(files));
    Array::Ptr file_array = new Array;
    for (const auto& f : files) {
        file_array->add(audit::to_json(f));
    }
    root->set("files", file_array);
    return root;
}

void write_json_report(const std::filesystem::path& file, const RunInfo& run,
                       const std::vector<audit::FileResult>& files) {
    JsonReportWriter writer(file);
    for (const auto& f : files) {
        writer.add(JsonReportWriter::entry_text(f));
    }
    writer.finish(run, summarize(files));
}

JsonReportWriter::JsonReportWriter(std::filesystem::path file)
    : m_file(std::move(file)),
      m_spool(std::make_unique<SpoolFile>(
          m_file.has_parent_path() ? m_file.parent_path() : std::filesystem::path("."), m_file)) {}

JsonReportWriter::~JsonReportWriter() = default;

std::string JsonReportWriter::entry_text(const audit::FileResult& file) {
    std::string out;
    common::JsonWriter writer(out, k_entry_indent, k_step);
    audit::write_json(writer, file);
    return out;
}

std::size_t JsonReportWriter::add(const std::string& entry) {
    if (!m_spool) {
        throw std::logic_error("JsonReportWriter::add after finish");
    }
    m_entries.push_back(m_spool->append(entry));
    return m_entries.size() - 1;
}

void JsonReportWriter::replace(std::size_t index, const std::string& entry) {
    if (!m_spool) {
        throw std::logic_error("JsonReportWriter::replace after finish");
    }
    m_entries.at(index) = m_spool->append(entry); // the old bytes stay in the spool, unused
}

void JsonReportWriter::finish(const RunInfo& run, const Summary& summary) {
    if (!m_spool) {
        throw std::logic_error("JsonReportWriter::finish called twice");
    }
    // The header is Poco's own print of the root with a placeholder for the files, so it
    // escapes and indents exactly like report_json(). "files" is the last member: the last
    // occurrence of the placeholder is the one.
    static const std::string placeholder = "sopaudit-files-placeholder";
    auto root = header_json(run, summary);
    root->set("files", placeholder);
    std::ostringstream header;
    root->stringify(header, 2);
    const std::string text = std::move(header).str();
    const auto at = text.rfind('"' + placeholder + '"');
    if (at == std::string::npos) {
        throw std::logic_error("report.json header without its files placeholder");
    }

    AtomicFile out(m_file);
    out.write(std::string_view(text).substr(0, at));
    out.write(k_files_open);
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (i > 0) {
            out.write(k_entry_separator);
        }
        out.write(k_entry_lead);
        out.write(m_spool->read(m_entries[i]));
    }
    out.write(k_files_close);
    out.write(std::string_view(text).substr(at + placeholder.size() + 2));
    out.write("\n");
    out.commit();
    m_spool.reset();
}

void write_file_atomically(const std::filesystem::path& file, const std::string& content) {
    // A nightly run over an unchanged folder writes the same per-SOP files again; leaving a file
    // that already holds these bytes spares a temporary file, an fsync and a rename for each.
    std::error_code ec;
    if (std::filesystem::file_size(file, ec) == content.size() && !ec) {
        std::ifstream in(file, std::ios::binary);
        std::string old(content.size(), '\0');
        if (in.read(old.data(), static_cast<std::streamsize>(old.size())) && old == content) {
            return;
        }
    }
    AtomicFile out(file);
    out.write(content);
    out.commit();
}

} // namespace sopaudit::report
