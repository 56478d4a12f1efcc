#pragma once
// Human-readable listing of the rule set (`sopaudit rules`) and the per-rule documentation.

#include "audit/rule_set.hpp"

#include <string>

namespace sopaudit::audit {

// One line per rule: id, severity, kind, summary in lang.
std::string rules_listing(const RuleSet& rules, Lang lang);

} // namespace sopaudit::audit
