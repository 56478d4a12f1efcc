#include "audit/rule_set.hpp"

#include <Poco/Environment.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sopaudit::audit {
namespace {

Poco::JSON::Object::Ptr parse_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError("cannot open rule file " + path);
    }
    std::stringstream buf;
    buf << in.rdbuf();
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(buf.str());
        auto obj = value.extract<Poco::JSON::Object::Ptr>();
        if (!obj) {
            throw ConfigError("rule file " + path + " is not a JSON object");
        }
        return obj;
    } catch (const Poco::BadCastException&) {
        throw ConfigError("rule file " + path + " is not a JSON object");
    } catch (const Poco::Exception& e) {
        throw ConfigError("rule file " + path + ": " + e.displayText());
    }
}

std::string get_string(const Poco::JSON::Object::Ptr& o, const std::string& key,
                       const std::string& fallback = {}) {
    if (!o->has(key) || o->isNull(key)) {
        return fallback;
    }
    return o->getValue<std::string>(key);
}

Rule rule_from_json(const Poco::JSON::Object::Ptr& o, const std::string& path) {
    Rule r;
    r.id = get_string(o, "id");
    r.kind = get_string(o, "kind");
    if (r.id.empty() || r.kind.empty()) {
        throw ConfigError("rule file " + path + ": every rule needs an id and a kind");
    }
    const auto sev = severity_from_string(get_string(o, "severity", "error"));
    if (!sev) {
        throw ConfigError("rule file " + path + ": rule " + r.id + " has an unknown severity");
    }
    r.severity = *sev;
    r.enabled = !o->has("enabled") || o->getValue<bool>("enabled");
    r.params = o->has("params") ? o->getObject("params") : nullptr;
    if (!r.params) {
        r.params = new Poco::JSON::Object;
    }
    if (auto msg = o->getObject("message")) {
        for (const auto& [lang, text] : *msg) {
            r.message[lang] = text.toString();
        }
    }
    r.clause = get_string(o, "clause");
    if (auto sum = o->getObject("summary")) {
        for (const auto& [lang, text] : *sum) {
            r.summary_by_lang[lang] = text.toString();
        }
        r.summary = r.summary_by_lang.count("en") != 0 ? r.summary_by_lang["en"]
                                                       : r.summary_by_lang.begin()->second;
    } else {
        r.summary = get_string(o, "summary");
    }
    return r;
}

// Applies an override record (from an "extends" file) onto an existing rule.
void apply_override(Rule& r, const Poco::JSON::Object::Ptr& o, const std::string& path) {
    if (o->has("severity")) {
        const auto sev = severity_from_string(o->getValue<std::string>("severity"));
        if (!sev) {
            throw ConfigError("rule file " + path + ": rule " + r.id + " has an unknown severity");
        }
        r.severity = *sev;
    }
    if (o->has("enabled")) {
        r.enabled = o->getValue<bool>("enabled");
    }
    if (auto params = o->getObject("params")) {
        for (const auto& [key, value] : *params) {
            r.params->set(key, value);
        }
    }
    if (auto msg = o->getObject("message")) {
        for (const auto& [lang, text] : *msg) {
            r.message[lang] = text.toString();
        }
    }
}

} // namespace

RuleSet RuleSet::load(const std::string& path) {
    std::vector<std::string> chain;
    auto set = load_chain(path, chain);
    // After the whole extends chain, so a file that redefines a shared list changes it for the
    // rules of the file it extends too.
    set.resolve_references(set.m_recognition, path, "recognition");
    for (auto& rule : set.m_rules) {
        set.resolve_references(rule.params, path, "rule " + rule.id + " parameter");
    }
    return set;
}

RuleSet RuleSet::load_chain(const std::string& path, std::vector<std::string>& chain) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(path, ec).string();
    if (ec) {
        canonical = path;
    }
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        throw ConfigError("rule file " + path + " extends itself (through " +
                          std::to_string(chain.size()) + " files)");
    }
    chain.push_back(canonical);
    const auto root = parse_file(path);
    RuleSet set;
    const auto base = get_string(root, "extends");
    if (!base.empty()) {
        const auto base_path = (std::filesystem::path(path).parent_path() / base).string();
        set = load_chain(base_path, chain);
    }
    set.m_id = get_string(root, "id", set.m_id);
    set.m_version = get_string(root, "version", set.m_version);
    if (set.m_id.empty()) {
        throw ConfigError("rule file " + path + " has no id");
    }
    if (auto recog = root->getObject("recognition")) {
        if (!set.m_recognition) {
            set.m_recognition = recog;
        } else {
            for (const auto& [key, value] : *recog) {
                set.m_recognition->set(key, value);
            }
        }
    }
    if (!set.m_recognition) {
        set.m_recognition = new Poco::JSON::Object;
    }
    if (!set.m_definitions) {
        set.m_definitions = new Poco::JSON::Object;
    }
    if (root->has("definitions")) {
        const auto defs = root->getObject("definitions");
        if (!defs) {
            throw ConfigError("rule file " + path + ": \"definitions\" is not an object");
        }
        for (const auto& [key, value] : *defs) {
            set.m_definitions->set(key, value);
        }
    }
    if (auto rules = root->getArray("rules")) {
        for (std::size_t i = 0; i < rules->size(); ++i) {
            auto o = rules->getObject(static_cast<unsigned>(i));
            if (!o) {
                throw ConfigError("rule file " + path + ": rules[" + std::to_string(i) +
                                  "] is not an object");
            }
            const auto id = get_string(o, "id");
            auto existing = std::find_if(set.m_rules.begin(), set.m_rules.end(),
                                         [&](const Rule& r) { return r.id == id; });
            if (existing != set.m_rules.end() && !o->has("kind")) {
                apply_override(*existing, o, path);
            } else if (existing != set.m_rules.end()) {
                *existing = rule_from_json(o, path);
            } else {
                set.m_rules.push_back(rule_from_json(o, path));
            }
        }
    }
    return set;
}

void RuleSet::resolve_references(Poco::JSON::Object::Ptr params, const std::string& path,
                                 const std::string& what) const {
    for (const auto& key : params->getNames()) {
        const auto& value = params->get(key);
        if (!value.isString()) {
            continue;
        }
        const auto text = value.toString();
        if (text.empty() || text[0] != '@') {
            continue;
        }
        const auto name = text.substr(1);
        if (!m_definitions->has(name)) {
            throw ConfigError("rule file " + path + ": " + what + " " + key + " refers to " + text +
                              ", which \"definitions\" does not hold");
        }
        params->set(key, m_definitions->get(name));
    }
}

std::string RuleSet::default_path() {
    namespace fs = std::filesystem;
    const char* file = "permenpan-35-2012.json";
    if (Poco::Environment::has("SOPAUDIT_RULES_DIR")) {
        return (fs::path(Poco::Environment::get("SOPAUDIT_RULES_DIR")) / file).string();
    }
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (auto dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
            for (const auto& candidate :
                 {dir / "rules" / file, dir / "share/sopaudit/rules" / file}) {
                if (fs::exists(candidate, ec)) {
                    return candidate.string();
                }
            }
            if (dir == dir.root_path()) {
                break;
            }
        }
    }
#ifdef SOPAUDIT_SOURCE_RULES_DIR
    return (fs::path(SOPAUDIT_SOURCE_RULES_DIR) / file).string();
#else
    return (fs::path("rules") / file).string();
#endif
}

const Rule* RuleSet::find(const std::string& id) const {
    for (const auto& r : m_rules) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

std::string format_message(const Rule& rule, Lang lang,
                           const std::map<std::string, std::string>& values) {
    const char* code = lang == Lang::en ? "en" : "id";
    auto it = rule.message.find(code);
    if (it == rule.message.end()) {
        it = rule.message.find("id");
    }
    if (it == rule.message.end()) {
        return rule.id;
    }
    const std::string& tpl = it->second;
    std::string out;
    for (std::size_t i = 0; i < tpl.size(); ++i) {
        if (tpl[i] == '{') {
            const auto close = tpl.find('}', i);
            if (close != std::string::npos) {
                const auto name = tpl.substr(i + 1, close - i - 1);
                const auto v = values.find(name);
                if (v != values.end()) {
                    out += v->second;
                    i = close;
                    continue;
                }
            }
        }
        out += tpl[i];
    }
    return out;
}

} // namespace sopaudit::audit
