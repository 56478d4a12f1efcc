#include "audit/finding.hpp"

namespace sopaudit::audit {

const char* to_string(Severity s) {
    switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    }
    return "error";
}

std::optional<Severity> severity_from_string(const std::string& s) {
    if (s == "error") {
        return Severity::error;
    }
    if (s == "warning") {
        return Severity::warning;
    }
    if (s == "info") {
        return Severity::info;
    }
    return std::nullopt;
}

} // namespace sopaudit::audit
