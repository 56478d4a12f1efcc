#include "audit/rule_docs.hpp"

#include <algorithm>
#include <sstream>

namespace sopaudit::audit {

std::string rules_listing(const RuleSet& rules, Lang lang) {
    const char* code = lang == Lang::en ? "en" : "id";
    std::size_t id_width = 4, kind_width = 4;
    for (const auto& r : rules.rules()) {
        id_width = std::max(id_width, r.id.size());
        kind_width = std::max(kind_width, r.kind.size());
    }
    std::ostringstream out;
    out << rules.id() << ' ' << rules.version() << '\n';
    auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
    out << pad(lang == Lang::en ? "rule" : "aturan", id_width) << "  " << pad(lang == Lang::en ? "severity" : "tingkat", 8)
        << "  " << pad(lang == Lang::en ? "kind" : "jenis", kind_width) << "  "
        << (lang == Lang::en ? "what it checks" : "yang diperiksa") << '\n';
    for (const auto& r : rules.rules()) {
        const auto it = r.summary_by_lang.find(code);
        const std::string summary = it != r.summary_by_lang.end() ? it->second : r.summary;
        out << pad(r.id, id_width) << "  " << pad(to_string(r.severity), 8) << "  " << pad(r.kind, kind_width) << "  "
            << summary << (r.enabled ? "" : (lang == Lang::en ? " (disabled)" : " (nonaktif)")) << '\n';
    }
    return out.str();
}

} // namespace sopaudit::audit
