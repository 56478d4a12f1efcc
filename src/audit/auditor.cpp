#include "audit/auditor.hpp"

namespace sopaudit::audit {
namespace {

const char* ingest_rule_id(layout::ProblemKind kind) {
    switch (kind) {
    case layout::ProblemKind::unreadable: return "ingest-unreadable";
    case layout::ProblemKind::encrypted: return "ingest-encrypted";
    case layout::ProblemKind::unsupported: return "ingest-unsupported";
    case layout::ProblemKind::limit: return "ingest-limit";
    case layout::ProblemKind::low_confidence: return "ingest-low-confidence";
    }
    return "ingest-unreadable";
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
        f.message = format_message(*rule, m_lang, {{"detail", p.detail}, {"page", std::to_string(p.page)}});
        if (p.page > 0) {
            f.location.page = p.page;
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Finding> Auditor::audit_file(const layout::ReadResult& read,
                                         const sop::Recognition& /*recognition*/) const {
    // SOP rules arrive with the rule-kind registry (issue 3); ingest problems are known now.
    return ingest_findings(read.problems);
}

void Auditor::audit_run(std::vector<FileResult>& /*files*/) const {}

} // namespace sopaudit::audit
