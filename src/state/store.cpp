#include "state/store.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/Nullable.h>
#include <functional>
#include <mutex>
#include <set>
#include <sstream>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace sopaudit::state {

const char* to_string(Decision d) {
    switch (d) {
    case Decision::added:
        return "added";
    case Decision::unchanged:
        return "unchanged";
    case Decision::changed:
        return "changed";
    case Decision::stale:
        return "stale";
    case Decision::forced:
        return "forced";
    }
    return "changed";
}

namespace {

void register_sqlite() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

// Runs a statement, turning Poco's exceptions into StateError with the database named.
template <typename F>
auto guarded(const std::filesystem::path& db, const char* what, F&& f) {
    try {
        return f();
    } catch (const Poco::Exception& e) {
        throw StateError("state database " + db.string() + ": " + what + ": " + e.displayText());
    }
}

} // namespace

Store::Store(const std::filesystem::path& db) : m_path(db) {
    register_sqlite();
    guarded(m_path, "cannot open", [&] {
        m_session = std::make_unique<Poco::Data::Session>("SQLite", m_path.string());
        Poco::Data::Session& s = *m_session;
        // WAL: a reader (sopaudit history) never blocks the run, and a killed writer leaves the
        // database as of its last commit. NORMAL is safe against corruption in WAL mode; only the
        // last commits may be lost on power failure, and those files are simply audited again.
        std::string mode;
        s << "PRAGMA journal_mode=WAL", into(mode), now;
        s << "PRAGMA synchronous=NORMAL", now;
        s << "PRAGMA foreign_keys=ON", now;
        // A plain file that is not a database fails here, not in the middle of the run.
        int objects = 0;
        s << "SELECT count(*) FROM sqlite_master", into(objects), now;
        return 0;
    });
    create_schema();
    load_files();
}

Store::~Store() {
    try {
        flush();
    } catch (...) {
        // The results are lost, not corrupted: the next run audits those files again.
    }
}

void Store::create_schema() {
    guarded(m_path, "cannot create the schema", [&] {
        Poco::Data::Session& s = *m_session;
        s.begin();
        s << "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)", now;
        std::vector<std::string> version;
        s << "SELECT value FROM meta WHERE key = 'schema_version'", into(version), now;
        if (!version.empty() && std::stoi(version[0]) > k_schema_version) {
            s.rollback();
            throw StateError("state database " + m_path.string() + " has schema version " +
                             version[0] + ", newer than this sopaudit understands (" +
                             std::to_string(k_schema_version) + ")");
        }
        s << "CREATE TABLE IF NOT EXISTS files ("
             " root TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,"
             " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,"
             " status TEXT NOT NULL, ruleset_id TEXT NOT NULL, ruleset_version TEXT NOT NULL,"
             " tool_version TEXT NOT NULL, settings TEXT NOT NULL, result TEXT NOT NULL,"
             " audited_run INTEGER NOT NULL, PRIMARY KEY (root, path))",
            now;
        s << "CREATE TABLE IF NOT EXISTS runs ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,"
             " inputs TEXT NOT NULL, full INTEGER NOT NULL, ruleset_id TEXT NOT NULL,"
             " ruleset_version TEXT NOT NULL, tool_version TEXT NOT NULL,"
             " files INTEGER, audited INTEGER, unchanged INTEGER, failed INTEGER, sops INTEGER,"
             " errors INTEGER, warnings INTEGER, infos INTEGER, new_files INTEGER,"
             " changed_files INTEGER, removed_files INTEGER, new_findings INTEGER,"
             " resolved_findings INTEGER, exit_code INTEGER)",
            now;
        s << "CREATE TABLE IF NOT EXISTS report_files ("
             " root TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,"
             " PRIMARY KEY (root, path))",
            now;
        s << "CREATE TABLE IF NOT EXISTS report_findings ("
             " root TEXT NOT NULL, path TEXT NOT NULL, rule TEXT NOT NULL, sop INTEGER NOT NULL,"
             " field TEXT NOT NULL, row INTEGER NOT NULL, severity TEXT NOT NULL,"
             " message TEXT NOT NULL)",
            now;
        s << "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '" +
                 std::to_string(k_schema_version) + "')",
            now;
        s.commit();
        return 0;
    });
}

void Store::load_files() {
    guarded(m_path, "cannot read files", [&] {
        std::vector<std::string> root, path, sha, format, status, rid, rver, tver, settings;
        std::vector<Int64> size, mtime, run;
        *m_session << "SELECT root, path, size, mtime_ns, sha256, format, status, ruleset_id,"
                      " ruleset_version, tool_version, settings, audited_run FROM files",
            into(root), into(path), into(size), into(mtime), into(sha), into(format), into(status),
            into(rid), into(rver), into(tver), into(settings), into(run), now;
        m_files.clear();
        for (std::size_t i = 0; i < root.size(); ++i) {
            StoredFile f;
            f.root = root[i];
            f.path = path[i];
            f.size = static_cast<std::uint64_t>(size[i]);
            f.mtime_ns = mtime[i];
            f.sha256 = sha[i];
            f.format = format[i];
            f.status = status[i];
            f.fingerprint = {rid[i], rver[i], tver[i], settings[i]};
            f.audited_run = run[i];
            m_files.emplace(std::make_pair(f.root, f.path), std::move(f));
        }
        return 0;
    });
}

std::int64_t Store::begin_run(const std::string& started_at, const std::vector<std::string>& inputs,
                              const Fingerprint& fingerprint, bool full) {
    m_fingerprint = fingerprint;
    m_full = full;
    Poco::JSON::Array arr;
    for (const auto& in : inputs) {
        arr.add(in);
    }
    std::ostringstream inputs_json;
    arr.stringify(inputs_json);
    return guarded(m_path, "cannot record the run", [&] {
        std::string started = started_at, in = inputs_json.str(), rid = fingerprint.ruleset_id,
                    rver = fingerprint.ruleset_version, tver = fingerprint.tool_version;
        int full_flag = full ? 1 : 0;
        Poco::Data::Session& s = *m_session;
        s.begin();
        s << "INSERT INTO runs (started_at, inputs, full, ruleset_id, ruleset_version,"
             " tool_version) VALUES (?, ?, ?, ?, ?, ?)",
            use(started), use(in), use(full_flag), use(rid), use(rver), use(tver), now;
        Int64 id = 0;
        s << "SELECT last_insert_rowid()", into(id), now;
        s.commit();
        m_run_id = id;
        return m_run_id;
    });
}

const StoredFile* Store::find(const std::string& root, const std::string& path) const {
    auto it = m_files.find({root, path});
    return it == m_files.end() ? nullptr : &it->second;
}

Decision Store::decide(const ingest::Candidate& c) const {
    const StoredFile* f = find(c.root, c.relative);
    if (!f) {
        return Decision::added;
    }
    if (m_full) {
        return Decision::forced;
    }
    if (f->size != c.size || f->mtime_ns != c.mtime_ns) {
        return Decision::changed;
    }
    if (!(f->fingerprint == m_fingerprint)) {
        return Decision::stale;
    }
    return Decision::unchanged;
}

bool Store::same_content(const ingest::Candidate& c, const std::string& sha256) const {
    const StoredFile* f = find(c.root, c.relative);
    return f != nullptr && !m_full && f->fingerprint == m_fingerprint && f->sha256 == sha256;
}

std::optional<std::string> Store::result_json(const std::string& root,
                                              const std::string& path) const {
    for (const auto& p : m_pending) {
        if (p.meta.root == root && p.meta.path == path) {
            return p.json;
        }
    }
    return guarded(m_path, "cannot read a stored result", [&]() -> std::optional<std::string> {
        std::string r = root, p = path;
        std::vector<std::string> out;
        *m_session << "SELECT result FROM files WHERE root = ? AND path = ?", use(r), use(p),
            into(out), now;
        if (out.empty()) {
            return std::nullopt;
        }
        return out[0];
    });
}

void Store::set_batch(std::size_t files, std::chrono::milliseconds age) {
    m_batch_files = files == 0 ? 1 : files;
    m_batch_age = age;
}

void Store::put(const audit::FileResult& file, const std::string& json) {
    StoredFile meta;
    meta.root = file.root;
    meta.path = file.path;
    meta.size = file.size;
    meta.mtime_ns = file.mtime_ns;
    meta.sha256 = file.sha256;
    meta.format = file.format;
    meta.status = file.status;
    meta.fingerprint = m_fingerprint;
    meta.audited_run = m_run_id;
    if (m_pending.empty()) {
        m_pending_since = std::chrono::steady_clock::now();
    }
    m_pending.push_back({meta, json});
    if (m_pending.size() >= m_batch_files ||
        std::chrono::steady_clock::now() - m_pending_since >= m_batch_age) {
        flush();
    }
}

void Store::write_pending() {
    if (m_pending.empty()) {
        return;
    }
    std::vector<std::string> root, path, sha, format, status, rid, rver, tver, settings, result;
    std::vector<Int64> size, mtime, run;
    for (const auto& p : m_pending) {
        root.push_back(p.meta.root);
        path.push_back(p.meta.path);
        size.push_back(static_cast<Int64>(p.meta.size));
        mtime.push_back(p.meta.mtime_ns);
        sha.push_back(p.meta.sha256);
        format.push_back(p.meta.format);
        status.push_back(p.meta.status);
        rid.push_back(p.meta.fingerprint.ruleset_id);
        rver.push_back(p.meta.fingerprint.ruleset_version);
        tver.push_back(p.meta.fingerprint.tool_version);
        settings.push_back(p.meta.fingerprint.settings);
        result.push_back(p.json);
        run.push_back(p.meta.audited_run);
    }
    *m_session << "INSERT OR REPLACE INTO files (root, path, size, mtime_ns, sha256, format,"
                  " status, ruleset_id, ruleset_version, tool_version, settings, result,"
                  " audited_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(root), use(path), use(size), use(mtime), use(sha), use(format), use(status), use(rid),
        use(rver), use(tver), use(settings), use(result), use(run), now;
}

void Store::commit_pending(const char* what,
                           const std::function<void(Poco::Data::Session&)>& also) {
    guarded(m_path, what, [&] {
        Poco::Data::Session& s = *m_session;
        s.begin();
        try {
            write_pending();
            also(s);
            s.commit();
        } catch (...) {
            s.rollback();
            throw;
        }
        return 0;
    });
    for (auto& p : m_pending) {
        auto key = std::make_pair(p.meta.root, p.meta.path);
        m_files[key] = std::move(p.meta);
    }
    m_pending.clear();
}

void Store::flush() {
    if (!m_pending.empty()) {
        commit_pending("cannot store results", [](Poco::Data::Session&) {});
    }
}

std::vector<ReportedFile> Store::baseline_files() const {
    return guarded(m_path, "cannot read the last report", [&] {
        std::vector<std::string> root, path, sha;
        *m_session << "SELECT root, path, sha256 FROM report_files", into(root), into(path),
            into(sha), now;
        std::vector<ReportedFile> out;
        for (std::size_t i = 0; i < root.size(); ++i) {
            out.push_back({root[i], path[i], sha[i]});
        }
        return out;
    });
}

std::vector<ReportedFinding> Store::baseline_findings() const {
    return guarded(m_path, "cannot read the last report", [&] {
        std::vector<std::string> root, path, rule, field, severity, message;
        std::vector<int> sop, row;
        *m_session << "SELECT root, path, rule, sop, field, row, severity, message"
                      " FROM report_findings ORDER BY rowid",
            into(root), into(path), into(rule), into(sop), into(field), into(row), into(severity),
            into(message), now;
        std::vector<ReportedFinding> out;
        for (std::size_t i = 0; i < root.size(); ++i) {
            out.push_back(
                {{root[i], path[i], rule[i], sop[i], field[i], row[i]}, severity[i], message[i]});
        }
        return out;
    });
}

Changes Store::changes(const std::vector<ReportedFile>& files,
                       const std::vector<ReportedFinding>& findings) const {
    auto previous = last_finished_run();
    if (!previous) {
        return Changes{};
    }
    Changes c = diff(baseline_files(), baseline_findings(), files, findings);
    c.previous_run = previous->id;
    c.previous_finished_at = previous->finished_at;
    return c;
}

void Store::finish_run(const std::string& finished_at, const RunCounts& counts, int exit_code,
                       const std::vector<ReportedFile>& files,
                       const std::vector<ReportedFinding>& findings) {
    // Files that were not found this run are forgotten.
    std::set<std::pair<std::string, std::string>> present;
    for (const auto& f : files) {
        present.insert({f.root, f.path});
    }
    commit_pending("cannot finish the run", [&](Poco::Data::Session& s) {
        std::vector<std::string> gone_root, gone_path;
        for (const auto& [key, meta] : m_files) {
            if (!present.count(key)) {
                gone_root.push_back(key.first);
                gone_path.push_back(key.second);
            }
        }
        if (!gone_root.empty()) {
            s << "DELETE FROM files WHERE root = ? AND path = ?", use(gone_root), use(gone_path),
                now;
        }
        s << "DELETE FROM report_files", now;
        s << "DELETE FROM report_findings", now;
        if (!files.empty()) {
            std::vector<std::string> root, path, sha;
            for (const auto& f : files) {
                root.push_back(f.root);
                path.push_back(f.path);
                sha.push_back(f.sha256);
            }
            s << "INSERT OR REPLACE INTO report_files (root, path, sha256) VALUES (?, ?, ?)",
                use(root), use(path), use(sha), now;
        }
        if (!findings.empty()) {
            std::vector<std::string> root, path, rule, field, severity, message;
            std::vector<int> sop, row;
            for (const auto& f : findings) {
                root.push_back(f.key.root);
                path.push_back(f.key.path);
                rule.push_back(f.key.rule);
                sop.push_back(f.key.sop);
                field.push_back(f.key.field);
                row.push_back(f.key.row);
                severity.push_back(f.severity);
                message.push_back(f.message);
            }
            s << "INSERT INTO report_findings (root, path, rule, sop, field, row, severity,"
                 " message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                use(root), use(path), use(rule), use(sop), use(field), use(row), use(severity),
                use(message), now;
        }
        std::string fin = finished_at;
        Int64 id = m_run_id;
        RunCounts c = counts;
        s << "UPDATE runs SET finished_at = ?, files = ?, audited = ?, unchanged = ?,"
             " failed = ?, sops = ?, errors = ?, warnings = ?, infos = ?, new_files = ?,"
             " changed_files = ?, removed_files = ?, new_findings = ?,"
             " resolved_findings = ?, exit_code = ? WHERE id = ?",
            use(fin), use(c.files), use(c.audited), use(c.unchanged), use(c.failed), use(c.sops),
            use(c.errors), use(c.warnings), use(c.infos), use(c.new_files), use(c.changed_files),
            use(c.removed_files), use(c.new_findings), use(c.resolved_findings), use(exit_code),
            use(id), now;
    });
    for (auto it = m_files.begin(); it != m_files.end();) {
        it = present.count(it->first) ? std::next(it) : m_files.erase(it);
    }
}

std::vector<RunRecord> Store::runs(std::size_t limit) const {
    return guarded(m_path, "cannot read runs", [&] {
        using Poco::Nullable;
        std::vector<Int64> id;
        std::vector<std::string> started, inputs;
        std::vector<Nullable<std::string>> finished;
        std::vector<int> full;
        std::vector<Nullable<Int64>> files, audited, unchanged, failed, sops, errors, warnings,
            infos, new_files, changed_files, removed_files, new_findings, resolved_findings;
        std::vector<Nullable<int>> exit_code;
        std::string sql =
            "SELECT id, started_at, finished_at, inputs, full, files, audited, unchanged, failed,"
            " sops, errors, warnings, infos, new_files, changed_files, removed_files,"
            " new_findings, resolved_findings, exit_code FROM runs ORDER BY id DESC";
        if (limit > 0) {
            sql += " LIMIT " + std::to_string(limit);
        }
        *m_session << sql, into(id), into(started), into(finished), into(inputs), into(full),
            into(files), into(audited), into(unchanged), into(failed), into(sops), into(errors),
            into(warnings), into(infos), into(new_files), into(changed_files), into(removed_files),
            into(new_findings), into(resolved_findings), into(exit_code), now;
        auto v = [](const Nullable<Int64>& n) { return n.isNull() ? Int64(0) : n.value(); };
        std::vector<RunRecord> out;
        for (std::size_t i = 0; i < id.size(); ++i) {
            RunRecord r;
            r.id = id[i];
            r.started_at = started[i];
            r.finished_at = finished[i].isNull() ? "" : finished[i].value();
            r.inputs = inputs[i];
            r.full = full[i] != 0;
            r.counts = {v(files[i]),
                        v(audited[i]),
                        v(unchanged[i]),
                        v(failed[i]),
                        v(sops[i]),
                        v(errors[i]),
                        v(warnings[i]),
                        v(infos[i]),
                        v(new_files[i]),
                        v(changed_files[i]),
                        v(removed_files[i]),
                        v(new_findings[i]),
                        v(resolved_findings[i])};
            if (!exit_code[i].isNull()) {
                r.exit_code = exit_code[i].value();
            }
            out.push_back(std::move(r));
        }
        return out;
    });
}

std::optional<RunRecord> Store::last_finished_run() const {
    for (auto& r : runs()) {
        if (!r.finished_at.empty()) {
            return r;
        }
    }
    return std::nullopt;
}

} // namespace sopaudit::state
