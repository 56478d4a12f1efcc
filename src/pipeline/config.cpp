#include "pipeline/config.hpp"

#include "audit/rule_set.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Glob.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

namespace sopaudit::pipeline {

using audit::ConfigError;
namespace fs = std::filesystem;

std::string Config::state_path() const {
    return state.empty() ? (fs::path(output) / "state.db").string() : state;
}

int Config::effective_jobs() const {
    if (jobs > 0) {
        return jobs;
    }
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ',')) {
        item = Poco::trim(item);
        if (!item.empty()) {
            out.push_back(item);
        }
    }
    return out;
}

namespace {

// The limits by their config key, with how to set and print each.
struct LimitKey {
    const char* name;
    std::function<void(ingest::Limits&, const std::string&)> set;
    std::function<std::string(const ingest::Limits&)> get;
};

// `most`: the largest value allowed, 0 = none.
template <typename T>
LimitKey limit(const char* name, T ingest::Limits::*member, T most = 0) {
    return {name,
            [member, name, most](ingest::Limits& l, const std::string& v) {
                try {
                    if constexpr (std::is_floating_point_v<T>) {
                        l.*member = static_cast<T>(Poco::NumberParser::parseFloat(v));
                    } else if constexpr (std::is_unsigned_v<T>) {
                        l.*member = static_cast<T>(Poco::NumberParser::parseUnsigned64(v));
                    } else {
                        l.*member = static_cast<T>(Poco::NumberParser::parse(v));
                    }
                } catch (const Poco::SyntaxException&) {
                    throw ConfigError(std::string(name) + " wants a positive " +
                                      (std::is_floating_point_v<T> ? "number" : "whole number") +
                                      ", not '" + v + "'");
                }
                if (!(l.*member > 0)) {
                    throw ConfigError(std::string(name) + " must be positive, not '" + v + "'");
                }
                if (most > 0 && l.*member > most) {
                    std::ostringstream m;
                    m << name << " must be at most " << most << " (docs/limits.md), not '" << v
                      << "'";
                    throw ConfigError(m.str());
                }
            },
            [member](const ingest::Limits& l) {
                std::ostringstream s;
                s << l.*member;
                return s.str();
            }};
}

const std::vector<LimitKey>& limit_keys() {
    static const std::vector<LimitKey> keys = {
        limit("max_file_bytes", &ingest::Limits::max_file_bytes),
        limit("max_uncompressed_bytes", &ingest::Limits::max_uncompressed_bytes),
        limit("max_member_bytes", &ingest::Limits::max_member_bytes),
        limit("max_compression_ratio", &ingest::Limits::max_compression_ratio),
        limit("max_xml_depth", &ingest::Limits::max_xml_depth),
        limit("max_pixels", &ingest::Limits::max_pixels),
        limit("max_pages", &ingest::Limits::max_pages),
        limit("max_seconds_per_file", &ingest::Limits::max_seconds_per_file),
        // Longer texts overflow the recursion of libstdc++'s std::regex in the recognisers
        // (measured on an 8 MiB stack: 16384 characters pass, 32768 crash).
        limit("max_paragraph_bytes", &ingest::Limits::max_paragraph_bytes, std::uint64_t{16384}),
    };
    return keys;
}

const LimitKey* find_limit(const std::string& name) {
    for (const auto& l : limit_keys()) {
        if (name == l.name) {
            return &l;
        }
    }
    return nullptr;
}

const std::map<std::string, std::vector<std::string>>& known_keys() {
    static const std::map<std::string, std::vector<std::string>> keys = [] {
        std::map<std::string, std::vector<std::string>> k = {
            {"input", {"folders", "include", "exclude"}},
            {"output", {"dir", "state"}},
            {"audit", {"rules", "lang"}},
            {"run", {"jobs", "full"}},
            {"limits", {}},
        };
        for (const auto& l : limit_keys()) {
            k["limits"].push_back(l.name);
        }
        return k;
    }();
    return keys;
}

// The file's values by "section.key"; a list value keeps its items (a JSON array), anything
// else is one string.
struct RawValue {
    std::vector<std::string> items;
    bool is_array = false;
    std::string text() const { return items.empty() ? "" : items.front(); }
    std::vector<std::string> list() const {
        return is_array || items.empty() ? items : split_list(items.front());
    }
};
using Raw = std::map<std::string, RawValue>;

std::string scalar_text(const Poco::Dynamic::Var& v) {
    return v.isEmpty() ? "" : Poco::trim(v.convert<std::string>());
}

Raw read_json(const std::string& file) {
    Poco::JSON::Parser parser;
    std::ifstream in(file);
    Poco::Dynamic::Var root = parser.parse(in);
    auto top = root.extract<Poco::JSON::Object::Ptr>();
    Raw raw;
    for (const auto& [section, value] : *top) {
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
            throw ConfigError(file + ": " + section + " must be an object");
        }
        for (const auto& [key, v] : *value.extract<Poco::JSON::Object::Ptr>()) {
            RawValue rv;
            if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
                rv.is_array = true;
                for (const auto& item : *v.extract<Poco::JSON::Array::Ptr>()) {
                    rv.items.push_back(scalar_text(item));
                }
            } else {
                rv.items.push_back(scalar_text(v));
            }
            raw[section + "." + key] = rv;
        }
    }
    return raw;
}

Raw read_ini(const std::string& file) {
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> c(new Poco::Util::IniFileConfiguration(file));
    Raw raw;
    Poco::Util::AbstractConfiguration::Keys sections;
    c->keys(sections);
    for (const auto& section : sections) {
        Poco::Util::AbstractConfiguration::Keys keys;
        c->keys(section, keys);
        if (keys.empty()) {
            // A key outside any section, or an empty section.
            if (c->hasProperty(section)) {
                throw ConfigError(file + ": " + section + " is outside any [section]");
            }
            raw[section + "."] = {};
        }
        for (const auto& key : keys) {
            raw[section + "." + key] = {{Poco::trim(c->getString(section + "." + key))}, false};
        }
    }
    return raw;
}

std::string resolve(const fs::path& base, const std::string& p) {
    if (p.empty() || fs::path(p).is_absolute()) {
        return p;
    }
    return (base / p).lexically_normal().string();
}

} // namespace

void apply_config_file(const std::string& file, Config& config) {
    const fs::path path(file);
    if (!fs::is_regular_file(path)) {
        throw ConfigError("config file not found: " + file);
    }
    Raw raw;
    try {
        raw =
            Poco::toLower(path.extension().string()) == ".json" ? read_json(file) : read_ini(file);
    } catch (const Poco::Exception& e) {
        throw ConfigError("cannot read config file " + file + ": " + e.displayText());
    }
    for (const auto& [name, value] : raw) {
        const auto dot = name.find('.');
        const std::string section = name.substr(0, dot), key = name.substr(dot + 1);
        auto known = known_keys().find(section);
        if (known == known_keys().end()) {
            throw ConfigError(file + ": unknown section [" + section + "]");
        }
        if (!key.empty() &&
            std::find(known->second.begin(), known->second.end(), key) == known->second.end()) {
            throw ConfigError(file + ": unknown key " + section + "." + key);
        }
    }
    const fs::path base = fs::absolute(path).parent_path();
    auto get = [&](const std::string& key) -> const RawValue* {
        auto it = raw.find(key);
        return it == raw.end() ? nullptr : &it->second;
    };
    auto integer = [&](const std::string& key, const std::string& text) {
        int v = 0;
        if (!Poco::NumberParser::tryParse(text, v)) {
            throw ConfigError(file + ": " + key + ": not a whole number: " + text);
        }
        return v;
    };
    if (auto v = get("input.folders")) {
        config.inputs.clear();
        for (const auto& in : v->list()) {
            config.inputs.push_back(resolve(base, in));
        }
    }
    if (auto v = get("input.include")) {
        config.include = v->list();
    }
    if (auto v = get("input.exclude")) {
        config.exclude = v->list();
    }
    if (auto v = get("output.dir")) {
        config.output = resolve(base, v->text());
    }
    if (auto v = get("output.state")) {
        config.state = resolve(base, v->text());
    }
    if (auto v = get("audit.rules")) {
        config.rules = resolve(base, v->text());
    }
    if (auto v = get("audit.lang")) {
        config.lang = v->text();
    }
    if (auto v = get("run.jobs")) {
        config.jobs = integer("run.jobs", v->text());
    }
    if (auto v = get("run.full")) {
        bool full = false;
        if (!Poco::NumberParser::tryParseBool(v->text(), full)) {
            throw ConfigError(file + ": run.full: not true or false: " + v->text());
        }
        config.full = full;
    }
    for (const auto& l : limit_keys()) {
        if (auto v = get(std::string("limits.") + l.name)) {
            try {
                l.set(config.limits, v->text());
            } catch (const ConfigError& e) {
                throw ConfigError(file + ": limits." + e.what());
            }
        }
    }
    if (config.lang != "id" && config.lang != "en") {
        throw ConfigError(file + ": audit.lang must be id or en, not " + config.lang);
    }
    if (config.jobs < 0) {
        throw ConfigError(file + ": run.jobs must be 0 (all cores) or more");
    }
    config.source = fs::absolute(path).lexically_normal().string();
}

void set_limit(ingest::Limits& limits, const std::string& name, const std::string& value) {
    const LimitKey* key = find_limit(name);
    if (key == nullptr) {
        throw ConfigError("unknown limit '" + name + "'");
    }
    key->set(limits, Poco::trim(value));
}

std::vector<std::string> limit_names() {
    std::vector<std::string> names;
    for (const auto& l : limit_keys()) {
        names.emplace_back(l.name);
    }
    return names;
}

std::optional<std::string> default_config_file() {
    if (const char* env = std::getenv("SOPAUDIT_CONFIG"); env && *env) {
        return std::string(env);
    }
    if (fs::is_regular_file("sopaudit.ini")) {
        return std::string("sopaudit.ini");
    }
    return std::nullopt;
}

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : ", ") + i;
    }
    return out;
}

} // namespace

std::string to_ini(const Config& c) {
    std::ostringstream out;
    out << "; effective configuration"
        << (c.source.empty() ? " (no config file)" : " (config file " + c.source + ")") << "\n";
    out << "[input]\nfolders = " << join(c.inputs) << "\ninclude = " << join(c.include)
        << "\nexclude = " << join(c.exclude) << "\n\n";
    out << "[output]\ndir = " << c.output << "\nstate = " << c.state_path() << "\n\n";
    out << "[audit]\nrules = " << (c.rules.empty() ? audit::RuleSet::default_path() : c.rules)
        << "\nlang = " << c.lang << "\n\n";
    out << "[run]\njobs = " << c.effective_jobs() << "\nfull = " << (c.full ? "true" : "false")
        << "\n\n[limits]\n";
    for (const auto& l : limit_keys()) {
        out << l.name << " = " << l.get(c.limits) << "\n";
    }
    return out.str();
}

bool selected(const Config& config, const std::string& relative_path) {
    return selected(config.include, config.exclude, relative_path);
}

bool selected(const std::vector<std::string>& include, const std::vector<std::string>& exclude,
              const std::string& relative_path) {
    const std::string name = fs::path(relative_path).filename().string();
    auto matches = [&](const std::string& pattern) {
        Poco::Glob glob(pattern, Poco::Glob::GLOB_CASELESS);
        if (glob.match(relative_path)) {
            return true;
        }
        return pattern.find('/') == std::string::npos && glob.match(name);
    };
    if (!include.empty() && std::none_of(include.begin(), include.end(), matches)) {
        return false;
    }
    return std::none_of(exclude.begin(), exclude.end(), matches);
}

} // namespace sopaudit::pipeline
