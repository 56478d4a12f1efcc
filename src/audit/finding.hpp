#pragma once
// Findings: the audit's verdicts, each located in the file.

#include "layout/layout.hpp"

#include <optional>
#include <string>

namespace sopaudit::audit {

enum class Severity { error, warning, info };
const char* to_string(Severity s);
std::optional<Severity> severity_from_string(const std::string& s);

struct Location {
    std::optional<int> sop;   // 0-based SOP index within the file
    std::optional<int> page;  // 1-based
    std::optional<int> table; // 0-based
    std::optional<int> row;   // procedure rules: 1-based step position
    std::optional<std::string> field;
    std::optional<layout::BBox> bbox;
};

struct Finding {
    std::string rule;
    Severity severity = Severity::error;
    std::string message; // in the run's language
    Location location;
};

} // namespace sopaudit::audit
