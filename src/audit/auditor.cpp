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
    for (const auto& rule : m_rules.rules()) {
        if (!rule.enabled || rule.kind != "duplicate") {
            continue;
        }
        const std::string key_field =
            rule.params->has("field") ? rule.params->getValue<std::string>("field") : "nomor";
        struct Where {
            std::size_t file;
            int sop;
        };
        std::map<std::string, std::vector<Where>> seen;
        for (std::size_t f = 0; f < files.size(); ++f) {
            for (std::size_t s = 0; s < files[f].sops.size(); ++s) {
                const auto& identity = files[f].sops[s].identity;
                const auto it = identity.find(key_field);
                if (it == identity.end()) {
                    continue;
                }
                const auto key = nomor_key(it->second.text);
                if (key.empty() || is_filler(key)) {
                    continue;
                }
                seen[key].push_back({f, static_cast<int>(s)});
            }
        }
        for (const auto& [key, places] : seen) {
            if (places.size() < 2) {
                continue;
            }
            for (std::size_t i = 0; i < places.size(); ++i) {
                // Name the first other place that carries the same number.
                const auto& other = places[i == 0 ? 1 : 0];
                auto& file = files[places[i].file];
                const auto& fv =
                    file.sops[static_cast<std::size_t>(places[i].sop)].identity.at(key_field);
                Location l;
                l.sop = places[i].sop;
                l.field = key_field;
                if (fv.where.page > 0) {
                    l.page = fv.where.page;
                }
                if (fv.where.table >= 0) {
                    l.table = fv.where.table;
                }
                if (fv.where.bbox) {
                    l.bbox = fv.where.bbox;
                }
                std::vector<Finding> out;
                Emitter e(rule, m_lang, out);
                e.emit(l, {{"value", fv.text},
                           {"other_file", files[other.file].path},
                           {"other_sop", std::to_string(other.sop + 1)},
                           {"count", std::to_string(places.size())}});
                for (auto& f : out) {
                    file.findings.push_back(std::move(f));
                }
            }
        }
    }
}

} // namespace sopaudit::audit
