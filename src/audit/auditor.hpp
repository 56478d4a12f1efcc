#pragma once
// The audit stage: runs every enabled rule of the rule set over what a reader and the
// recogniser produced, and gives the findings, in the run's language.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"
#include "layout/layout.hpp"
#include "sop/sop_model.hpp"

#include <map>
#include <string>
#include <vector>

namespace sopaudit::audit {

class Auditor {
public:
    Auditor(const RuleSet& rules, Lang lang) : m_rules(rules), m_lang(lang) {}

    // ingest-* findings for the problems a reader reported.
    std::vector<Finding> ingest_findings(const std::vector<layout::Problem>& problems) const;

    // All per-file and per-SOP findings of one read file (ingest-not-sop included).
    std::vector<Finding> audit_file(const layout::ReadResult& read,
                                    const sop::Recognition& recognition) const;

    // Rules across the files of one run (identity-nomor-duplicate); appends to each file's
    // findings.
    void audit_run(std::vector<FileResult>& files) const;

    const RuleSet& rules() const { return m_rules; }
    Lang lang() const { return m_lang; }

private:
    const RuleSet& m_rules;
    Lang m_lang;
};

// The run-level rules over files given one at a time, in report order (file 0, 1, ...): holds
// only each SOP's compared value and where it was read, and the files' paths, so a run of any
// size needs no file's whole result at the end.
class RunAudit {
public:
    explicit RunAudit(const Auditor& auditor);
    void add(const FileResult& file);
    // The findings to append to each file (by its index), in the order audit_run appends them.
    std::map<std::size_t, std::vector<Finding>> findings() const;

private:
    struct Place {
        std::size_t file;
        int sop;
        std::string text;
        layout::Provenance where;
    };
    struct DuplicateRule {
        const Rule* rule;
        std::string key_field;
        std::map<std::string, std::vector<Place>> seen; // compared value -> where it occurs
    };
    const Auditor& m_auditor;
    std::vector<std::string> m_paths;
    std::vector<DuplicateRule> m_rules;
};

} // namespace sopaudit::audit
