#include "audit/auditor.hpp"

#include "audit/checks.hpp"
#include "common/text.hpp"

#include <map>

namespace sopaudit::audit {
namespace {

const char* ingest_rule_id(layout::ProblemKind kind) {
    switch (kind) {
    case layout::ProblemKind::unreadable:
        return "ingest-unreadable";
    case layout::ProblemKind::encrypted:
        return "ingest-encrypted";
    case layout::ProblemKind::unsupported:
        return "ingest-unsupported";
    case layout::ProblemKind::limit:
        return "ingest-limit";
    case layout::ProblemKind::low_confidence:
        return "ingest-low-confidence";
    }
    return "ingest-unreadable";
}

// The nomor as compared across SOPs: upper case, no white space.
std::string nomor_key(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\n') {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

// No number at all, or a register number with its sequence left blank ("000.8.3.3/ /SATPOLPP-A",
// a form filled in later): many SOPs share such a template, none of them a duplicate.
bool is_filler(const std::string& key) {
    if (key.find("//") != std::string::npos || key.front() == '/' || key.back() == '/') {
        return true;
    }
    for (const char c : key) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            return false;
        }
    }
    return true;
}

} // namespace

std::vector<Finding> Auditor::ingest_findings(const std::vector<layout::Problem>& problems) const {
    std::vector<Finding> out;
    for (const auto& p : problems) {
        const Rule* rule = m_rules.find(ingest_rule_id(p.kind));
        if (rule == nullptr || !rule->enabled) {
            continue;
        }
        Finding f;
        f.rule = rule->id;
        f.severity = rule->severity;
        f.message =
            format_message(*rule, m_lang, {{"detail", p.detail}, {"page", std::to_string(p.page)}});
        if (p.page > 0) {
            f.location.page = p.page;
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Finding> Auditor::audit_file(const layout::ReadResult& read,
                                         const sop::Recognition& recognition) const {
    auto out = ingest_findings(read.problems);
    if (read.failed) {
        return out;
    }
    const FileContext file{read, recognition};
    for (const auto& rule : m_rules.rules()) {
        if (!rule.enabled) {
            continue;
        }
        if (!is_known_kind(rule.kind)) {
            throw ConfigError("rule " + rule.id + " has an unknown kind: " + rule.kind);
        }
        const auto fc = file_checks().find(rule.kind);
        if (fc != file_checks().end()) {
            Emitter e(rule, m_lang, out);
            fc->second(rule, file, e);
        }
    }
    for (std::size_t i = 0; i < recognition.sops.size(); ++i) {
        const SopContext ctx{recognition.sops[i], static_cast<int>(i)};
        for (const auto& rule : m_rules.rules()) {
            if (!rule.enabled) {
                continue;
            }
            const auto sc = sop_checks().find(rule.kind);
            if (sc == sop_checks().end()) {
                continue;
            }
            Emitter e(rule, m_lang, out);
            sc->second(rule, ctx, e);
        }
    }
    return out;
}

void Auditor::audit_run(std::vector<FileResult>& files) const {
    RunAudit run(*this);
    for (const auto& file : files) {
        run.add(file);
    }
    for (auto& [index, found] : run.findings()) {
        auto& to = files[index].findings;
        to.insert(to.end(), std::make_move_iterator(found.begin()),
                  std::make_move_iterator(found.end()));
    }
}

RunAudit::RunAudit(const Auditor& auditor) : m_auditor(auditor) {
    for (const auto& rule : auditor.rules().rules()) {
        if (!rule.enabled || rule.kind != "duplicate") {
            continue;
        }
        const std::string key_field =
            rule.params->has("field") ? rule.params->getValue<std::string>("field") : "nomor";
        m_rules.push_back({&rule, key_field, {}});
    }
}

void RunAudit::add(const FileResult& file) {
    const std::size_t index = m_paths.size();
    m_paths.push_back(file.path);
    for (auto& rule : m_rules) {
        for (std::size_t s = 0; s < file.sops.size(); ++s) {
            const auto& identity = file.sops[s].identity;
            const auto it = identity.find(rule.key_field);
            if (it == identity.end()) {
                continue;
            }
            auto key = nomor_key(it->second.text);
            if (key.empty() || is_filler(key)) {
                continue;
            }
            rule.seen[std::move(key)].push_back(
                {index, static_cast<int>(s), it->second.text, it->second.where});
        }
    }
}

std::map<std::size_t, std::vector<Finding>> RunAudit::findings() const {
    std::map<std::size_t, std::vector<Finding>> out;
    for (const auto& rule : m_rules) {
        for (const auto& [key, places] : rule.seen) {
            if (places.size() < 2) {
                continue;
            }
            for (std::size_t i = 0; i < places.size(); ++i) {
                // Name the first other place that carries the same number.
                const auto& other = places[i == 0 ? 1 : 0];
                const auto& here = places[i];
                Location l;
                l.sop = here.sop;
                l.field = rule.key_field;
                if (here.where.page > 0) {
                    l.page = here.where.page;
                }
                if (here.where.table >= 0) {
                    l.table = here.where.table;
                }
                if (here.where.bbox) {
                    l.bbox = here.where.bbox;
                }
                Emitter e(*rule.rule, m_auditor.lang(), out[here.file]);
                e.emit(l, {{"value", here.text},
                           {"other_file", m_paths[other.file]},
                           {"other_sop", std::to_string(other.sop + 1)},
                           {"count", std::to_string(places.size())}});
            }
        }
    }
    return out;
}

} // namespace sopaudit::audit
