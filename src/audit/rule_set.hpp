#pragma once
// The rule set as data: rules/*.json loaded through Poco::JSON. A rule is an id, a check kind
// (C++), a severity, parameters, messages in Indonesian and English and the clause it rests on.

#include "audit/finding.hpp"

#include <Poco/JSON/Object.h>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sopaudit::audit {

// Misconfiguration (a bad rule file): the run stops with exit code 2 and this message.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Lang { id, en };

struct Rule {
    std::string id;
    std::string kind;
    Severity severity = Severity::error;
    bool enabled = true;
    Poco::JSON::Object::Ptr params;             // never null
    std::map<std::string, std::string> message; // lang code -> template with {placeholders}
    std::string clause;                         // the regulation's clause
    std::string summary;                        // one sentence: what it checks
    // Summary per language when the rule file gives {"id": ..., "en": ...}; summary holds "en".
    std::map<std::string, std::string> summary_by_lang;
};

class RuleSet {
public:
    // Loads a rule file; a file with "extends" is laid over the file it names (relative to
    // itself), so a body can override severities, parameters and definitions. A parameter (or a
    // recognition entry) written "@name" stands for "definitions"."name". Throws ConfigError.
    static RuleSet load(const std::string& path);
    // The rule set shipped in rules/ (found next to the binary, in the source tree, or in
    // SOPAUDIT_RULES_DIR).
    static std::string default_path();

    const std::string& id() const { return m_id; }
    const std::string& version() const { return m_version; }
    const std::vector<Rule>& rules() const { return m_rules; }
    const Rule* find(const std::string& id) const;
    // The "recognition" section (label variants, column headers) for sop/; never null.
    Poco::JSON::Object::Ptr recognition() const { return m_recognition; }

private:
    // load() with the files already on the extends chain, so a loop is a ConfigError.
    static RuleSet load_chain(const std::string& path, std::vector<std::string>& chain);
    // Replaces each value of `params` written "@name" with the value of "definitions"."name", so
    // a list several rules share (placeholders, the kinds of regulation) is written once; `what`
    // names the object in the error of a reference to nothing.
    void resolve_references(Poco::JSON::Object::Ptr params, const std::string& path,
                            const std::string& what) const;

    std::string m_id;
    std::string m_version;
    std::vector<Rule> m_rules;
    Poco::JSON::Object::Ptr m_recognition;
    Poco::JSON::Object::Ptr m_definitions; // never null once loaded
};

// Fills {name} placeholders of the rule's message in lang; unknown placeholders stay as they are.
std::string format_message(const Rule& rule, Lang lang,
                           const std::map<std::string, std::string>& values);

} // namespace sopaudit::audit
