#include "pipeline/incremental.hpp"

#include "audit/result_json.hpp"
#include "audit/rule_set.hpp"
#include "common/json_writer.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace sopaudit::pipeline {

namespace fs = std::filesystem;

std::string rule_chain_sha256(const std::string& rules_path) {
    // A rule file may "extend" another (audit::RuleSet::load lays it over the base, the base's
    // path relative to the extending file): the result depends on every file of the chain, so
    // editing the base must re-audit everything even when the extending file is unchanged.
    constexpr int max_chain = 32; // a loop or an absurd chain; RuleSet::load reports it
    std::string shas;
    std::string path = rules_path;
    for (int depth = 0; depth < max_chain && !path.empty(); ++depth) {
        try {
            shas += (shas.empty() ? "" : "+") + ingest::sha256_file(path);
            std::ifstream in(path, std::ios::binary);
            Poco::JSON::Parser parser;
            const auto root = parser.parse(in).extract<Poco::JSON::Object::Ptr>();
            const std::string base = root->optValue<std::string>("extends", "");
            path = base.empty() ? "" : (fs::path(path).parent_path() / base).string();
        } catch (const std::exception&) {
            return shas + "+?"; // unreadable or not JSON: RuleSet::load reports the problem
        }
    }
    return path.empty() ? shas : shas + "+?";
}

std::string result_settings(const RunOptions& options) {
    const std::string rules =
        options.rules_path.empty() ? audit::RuleSet::default_path() : options.rules_path;
    const std::string rules_sha = rule_chain_sha256(rules);
    const auto& l = options.limits;
    std::ostringstream s;
    s << "lang=" << (options.lang == audit::Lang::en ? "en" : "id") << ";rules=" << rules_sha
      << ";limits=" << l.max_file_bytes << "," << l.max_uncompressed_bytes << ","
      << l.max_member_bytes << "," << l.max_compression_ratio << "," << l.max_xml_depth << ","
      << l.max_pixels << "," << l.max_pages << "," << l.max_seconds_per_file << ","
      << l.max_paragraph_bytes;
    return s.str();
}

Incremental::Incremental(const fs::path& state_db, const RunOptions& options, bool full)
    : m_lock(state::Lock::for_database(state_db)), m_store(state_db),
      m_settings(result_settings(options)), m_full(full) {}

std::optional<audit::FileResult> Incremental::load(const state::StoredFile& stored) {
    auto json = m_store.result_json(stored.root, stored.path);
    if (!json) {
        return std::nullopt;
    }
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(*json).extract<Poco::JSON::Object::Ptr>();
        audit::FileResult r = audit::file_result_from_json(object);
        r.size = stored.size;
        r.mtime_ns = stored.mtime_ns;
        r.sha256 = stored.sha256;
        return r;
    } catch (const std::exception&) {
        // A stored result this version cannot read back (Poco::Exception is a std::exception):
        // audit the file again.
        return std::nullopt;
    }
}

std::optional<audit::FileResult> Incremental::unchanged(const ingest::Candidate& c) {
    std::lock_guard lock(m_mutex);
    if (m_store.decide(c) != state::Decision::unchanged) {
        ++m_files_read;
        return std::nullopt;
    }
    auto r = load(*m_store.find(c.root, c.relative));
    if (!r) {
        ++m_files_read;
    }
    return r;
}

std::optional<audit::FileResult> Incremental::reuse(const ingest::Candidate& c,
                                                    const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    // Touched (copied again, restored from a backup) but the same content: no need to parse it.
    if (!m_store.same_content(c, sha256)) {
        return std::nullopt;
    }
    return load(*m_store.find(c.root, c.relative));
}

std::size_t Incremental::expected_unchanged(const std::vector<ingest::Candidate>& files) {
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto& c : files) {
        n += m_store.decide(c) == state::Decision::unchanged;
    }
    return n;
}

void Incremental::begin(const report::RunInfo& info, const std::vector<ingest::Candidate>&) {
    std::lock_guard lock(m_mutex);
    m_store.begin_run(info.started_at, info.inputs,
                      {info.ruleset_id, info.ruleset_version, info.tool_version, m_settings},
                      m_full);
}

void Incremental::accept(const audit::FileResult& result) {
    if (result.transient) {
        return; // read again next run
    }
    std::lock_guard lock(m_mutex);
    audit::FileResult stored_form = result;
    if (result.status == "unchanged") {
        const state::StoredFile* stored = m_store.find(result.root, result.path);
        if (stored == nullptr) {
            return;
        }
        if (stored->size == result.size && stored->mtime_ns == result.mtime_ns) {
            return; // not read: nothing new to remember
        }
        // Same content under a new size/mtime: remember those, keep the original status.
        stored_form.status = stored->status;
    }
    std::string json;
    common::JsonWriter writer(json);
    audit::write_json(writer, stored_form);
    m_store.put(stored_form, json);
}

void Incremental::reported(const audit::FileResult& file) {
    std::lock_guard lock(m_mutex);
    m_reported_files.push_back({file.root, file.path, file.sha256});
    for (const auto& finding : file.findings) {
        m_reported_findings.push_back(
            {state::key_of(file, finding), audit::to_string(finding.severity), finding.message});
    }
}

void Incremental::before_report(report::RunInfo& info) {
    std::lock_guard lock(m_mutex);
    info.changes = m_store.changes(m_reported_files, m_reported_findings);
}

void Incremental::end(const report::RunInfo& info, const RunOutcome& outcome) {
    std::lock_guard lock(m_mutex);
    m_store.finish_run(info.finished_at, outcome.counts, outcome.exit_code, m_reported_files,
                       m_reported_findings);
}

std::optional<std::string> still_arriving(const ingest::Candidate& c, bool read_failed) {
    struct stat st {};
    if (::stat(c.absolute.c_str(), &st) != 0) {
        return "gone while read";
    }
    const std::int64_t mtime =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (static_cast<std::uint64_t>(st.st_size) != c.size || mtime != c.mtime_ns) {
        return "size " + std::to_string(c.size) + " -> " + std::to_string(st.st_size) +
               (mtime != c.mtime_ns ? ", mtime moved" : "");
    }
    if (!read_failed) {
        return std::nullopt;
    }
    // A zip is written front to back and its central directory comes last: a local header at
    // the start and no end-of-central-directory record in the last 64 KiB means the copy has
    // not finished.
    std::ifstream in(c.absolute, std::ios::binary);
    char head[4] = {};
    if (!in.read(head, 4) || std::string(head, 4) != std::string("PK\x03\x04", 4)) {
        return std::nullopt;
    }
    const std::uint64_t tail = std::min<std::uint64_t>(c.size, 65535 + 22);
    std::string buf(tail, '\0');
    in.seekg(static_cast<std::streamoff>(c.size - tail));
    in.read(buf.data(), static_cast<std::streamsize>(tail));
    if (buf.find(std::string("PK\x05\x06", 4)) == std::string::npos) {
        return "zip without its central directory yet";
    }
    return std::nullopt;
}

void count_file(state::RunCounts& c, const audit::FileResult& f) {
    ++c.files;
    c.audited += f.status == "audited";
    c.unchanged += f.status == "unchanged";
    c.failed += f.status == "failed";
    c.sops += static_cast<std::int64_t>(f.sops.size());
    for (const auto& finding : f.findings) {
        c.errors += finding.severity == audit::Severity::error;
        c.warnings += finding.severity == audit::Severity::warning;
        c.infos += finding.severity == audit::Severity::info;
    }
}

void count_changes(state::RunCounts& c, const state::Changes* changes) {
    if (changes == nullptr) {
        return;
    }
    c.new_files = static_cast<std::int64_t>(changes->new_files.size());
    c.changed_files = static_cast<std::int64_t>(changes->changed_files.size());
    c.removed_files = static_cast<std::int64_t>(changes->removed_files.size());
    c.new_findings = static_cast<std::int64_t>(changes->new_findings.size());
    c.resolved_findings = static_cast<std::int64_t>(changes->resolved_findings.size());
}

state::RunCounts run_counts(const std::vector<audit::FileResult>& files,
                            const state::Changes* changes) {
    state::RunCounts c;
    for (const auto& f : files) {
        count_file(c, f);
    }
    count_changes(c, changes);
    return c;
}

} // namespace sopaudit::pipeline
