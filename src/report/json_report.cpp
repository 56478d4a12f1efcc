#include "report/json_report.hpp"

#include "audit/result_json.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/LocalDateTime.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
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

Summary summarize(const std::vector<audit::FileResult>& files) {
    Summary s;
    s.files = files.size();
    for (const auto& f : files) {
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
    return s;
}

std::string iso8601_now() {
    // %z gives "Z" for UTC and "+HH:MM" otherwise; both are ISO 8601 offsets.
    return Poco::DateTimeFormatter::format(Poco::LocalDateTime(),
                                           Poco::DateTimeFormat::ISO8601_FORMAT);
}

Object::Ptr report_json(const RunInfo& run, const std::vector<audit::FileResult>& files) {
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

    const Summary s = summarize(files);
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

    Array::Ptr file_array = new Array;
    for (const auto& f : files) {
        file_array->add(audit::to_json(f));
    }
    root->set("files", file_array);
    return root;
}

void write_json_report(const std::filesystem::path& file, const RunInfo& run,
                       const std::vector<audit::FileResult>& files) {
    std::ostringstream out;
    report_json(run, files)->stringify(out, 2);
    out << '\n';
    write_file_atomically(file, out.str());
}

void write_file_atomically(const std::filesystem::path& file, const std::string& content) {
    static std::atomic<unsigned> counter{0};
    const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    const auto temp = dir / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                             "-" + std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        fail("cannot create a temporary file", file);
    }
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int saved = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            errno = saved;
            fail("write failed", file);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const int sync_errno = errno;
    if (::close(fd) != 0 || !synced) {
        const int saved = synced ? errno : sync_errno;
        ::unlink(temp.c_str());
        errno = saved;
        fail("sync failed", file);
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        fail("rename failed", file);
    }
}

} // namespace sopaudit::report
