#pragma once
// The check kinds: the C++ half of the rules. A rule of rules/*.json names its kind; the kind
// reads the rule's params and emits findings. One table maps kind names to checks, so a new rule
// of an existing kind needs no C++.

#include "audit/finding.hpp"
#include "audit/rule_set.hpp"
#include "layout/layout.hpp"
#include "sop/sop_model.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sopaudit::audit {

// Collects findings of one rule, filling its message in the run's language.
class Emitter {
public:
    Emitter(const Rule& rule, Lang lang, std::vector<Finding>& out) : m_rule(rule), m_lang(lang), m_out(out) {}
    void emit(Location where, const std::map<std::string, std::string>& values,
              std::optional<Severity> severity = std::nullopt);
    Lang lang() const { return m_lang; }

private:
    const Rule& m_rule;
    Lang m_lang;
    std::vector<Finding>& m_out;
};

struct SopContext {
    const sop::Sop& sop;
    int index; // 0-based SOP index in the file
};

struct FileContext {
    const layout::ReadResult& read;
    const sop::Recognition& recognition;
};

using SopCheck = std::function<void(const Rule&, const SopContext&, Emitter&)>;
using FileCheck = std::function<void(const Rule&, const FileContext&, Emitter&)>;

// Kinds that judge one SOP at a time, by name.
const std::map<std::string, SopCheck>& sop_checks();
// Kinds that judge a whole file (not-sop).
const std::map<std::string, FileCheck>& file_checks();
// Kinds handled elsewhere: "ingest" (reader problems), "duplicate" (across the run).
bool is_known_kind(const std::string& kind);

// Display name of an identity field or column key ("tanggal_efektif" -> "Tanggal Efektif").
std::string field_display_name(const std::string& key);

} // namespace sopaudit::audit
