// sopaudit command line: scan, rules, --help, --version.

#include "audit/rule_docs.hpp"
#include "audit/rule_set.hpp"
#include "pipeline/merge.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/shard.hpp"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <cstdlib>
#include <iostream>
#include <libxml/xmlversion.h>
#include <map>
#include <poppler/cpp/poppler-version.h>
#include <sstream>
#include <string>
#include <tesseract/baseapi.h>
#include <unistd.h>
#include <vector>
#include <zip.h>

namespace {

using namespace sopaudit;
using Poco::Util::Option;
using Poco::Util::OptionSet;

constexpr const char* k_usage =
    R"(sopaudit — audits SOP AP documents (Permenpan RB 35/2012) in Word and scanned form.

Usage:
  sopaudit scan PATH... [--out DIR] [--rules FILE] [--lang id|en] [--jobs N]
                        [--limit NAME=VALUE]... [--shard K/N] [--verbose] [--quiet]
  sopaudit merge REPORT... [--out DIR] [--rules FILE] [--quiet]
  sopaudit rules [--rules FILE] [--lang id|en]
  sopaudit --help
  sopaudit --version

scan     reads every file under the PATHs (folders are walked recursively; hidden files, Word
         lock files ~$* and the output folder are skipped), audits each SOP found and writes
         DIR/report.json.
  -o, --out DIR        output folder (default: output)
  -r, --rules FILE     rule set (default: the shipped permenpan-35-2012.json)
  -l, --lang id|en     language of the messages (default: id)
  -j, --jobs N         worker threads (default: one per core)
      --limit N=V      override a safety limit: max_file_bytes, max_uncompressed_bytes,
                       max_member_bytes, max_compression_ratio, max_xml_depth, max_pixels,
                       max_pages, max_seconds_per_file
      --shard K/N      audit only the K-th of N parts of the file list (split by a hash
                       of each file's path; the same on every machine), for running one
                       scan on N machines; join the N reports with 'sopaudit merge'
  -v, --verbose        one progress line per file on stderr
  -q, --quiet          no summary line on stdout
merge    joins report.json files (the N shards of one scan, or scans of other folders) into
         DIR/report.json as one run over all of them would have written it: the summary and
         the cross-file rules (identity-nomor-duplicate) are computed again.
  -o, --out DIR        output folder (default: output)
  -r, --rules FILE     the rule set the reports were audited with (default: the shipped one)
  -q, --quiet          no summary line on stdout
rules    lists the rules of the rule set.

Exit codes: 0 no error finding, 1 error findings present, 2 bad usage, bad configuration or
internal error.
)";

// Bad command line: exit 2 with one line.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string version_line() {
    return std::string("sopaudit ") + SOPAUDIT_VERSION;
}

std::string library_versions() {
    const unsigned poco = Poco::Environment::libraryVersion();
    std::ostringstream out;
    out << "Poco " << (poco >> 24) << '.' << ((poco >> 16) & 0xFF) << '.' << ((poco >> 8) & 0xFF)
        << ", libxml2 " << LIBXML_DOTTED_VERSION << ", libzip " << zip_libzip_version()
        << ", Tesseract " << tesseract::TessBaseAPI::Version() << ", poppler "
        << poppler::version_string();
    return out.str();
}

audit::Lang parse_lang(const std::string& value) {
    if (value == "id") {
        return audit::Lang::id;
    }
    if (value == "en") {
        return audit::Lang::en;
    }
    throw UsageError("--lang must be id or en, not '" + value + "'");
}

void set_limit(ingest::Limits& limits, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) {
        throw UsageError("--limit wants NAME=VALUE, not '" + assignment + "'");
    }
    const std::string name = assignment.substr(0, eq);
    const std::string value = assignment.substr(eq + 1);
    auto as_u64 = [&](std::uint64_t& field) {
        Poco::UInt64 v = 0;
        if (!Poco::NumberParser::tryParseUnsigned64(value, v) || v == 0) {
            throw UsageError("--limit " + name + " wants a positive whole number, not '" + value +
                             "'");
        }
        field = v;
    };
    auto as_int = [&](int& field) {
        int v = 0;
        if (!Poco::NumberParser::tryParse(value, v) || v <= 0) {
            throw UsageError("--limit " + name + " wants a positive whole number, not '" + value +
                             "'");
        }
        field = v;
    };
    auto as_double = [&](double& field) {
        double v = 0;
        if (!Poco::NumberParser::tryParseFloat(value, v) || !(v > 0)) {
            throw UsageError("--limit " + name + " wants a positive number, not '" + value + "'");
        }
        field = v;
    };
    if (name == "max_file_bytes") {
        as_u64(limits.max_file_bytes);
    } else if (name == "max_uncompressed_bytes") {
        as_u64(limits.max_uncompressed_bytes);
    } else if (name == "max_member_bytes") {
        as_u64(limits.max_member_bytes);
    } else if (name == "max_compression_ratio") {
        as_double(limits.max_compression_ratio);
    } else if (name == "max_xml_depth") {
        as_int(limits.max_xml_depth);
    } else if (name == "max_pixels") {
        as_u64(limits.max_pixels);
    } else if (name == "max_pages") {
        as_int(limits.max_pages);
    } else if (name == "max_seconds_per_file") {
        as_double(limits.max_seconds_per_file);
    } else {
        throw UsageError("unknown limit '" + name + "' (see sopaudit --help)");
    }
}

struct Parsed {
    std::multimap<std::string, std::string> options; // full option name -> value
    std::vector<std::string> positional;
};

// Poco's option processor over the words after the command; "--" ends the options.
Parsed parse(const OptionSet& set, const std::vector<std::string>& words) {
    Poco::Util::OptionProcessor processor(set);
    processor.setUnixStyle(true);
    Parsed parsed;
    std::string waiting; // an option whose value is the next word
    for (const auto& word : words) {
        std::string name, value;
        try {
            if (processor.process(word, name, value)) {
                waiting = name.empty() && word != "--" ? word : "";
                if (!name.empty()) {
                    parsed.options.emplace(name, value);
                }
            } else {
                parsed.positional.push_back(word);
            }
        } catch (const Poco::Util::UnknownOptionException& e) {
            throw UsageError("unknown option '" + word + "'");
        } catch (const Poco::Util::MissingArgumentException& e) {
            throw UsageError("option '" + word + "' needs a value");
        } catch (const Poco::Util::OptionException& e) {
            throw UsageError("bad option '" + word + "': " + e.message());
        }
    }
    try {
        processor.checkRequired();
    } catch (const Poco::Util::MissingArgumentException&) {
        throw UsageError("option '" + waiting + "' needs a value");
    } catch (const Poco::Util::OptionException& e) {
        throw UsageError(e.displayText());
    }
    return parsed;
}

Option valued(const std::string& full, const std::string& shrt, const std::string& arg,
              bool repeatable = false) {
    return Option(full, shrt).required(false).repeatable(repeatable).argument(arg, true);
}

Option flag(const std::string& full, const std::string& shrt) {
    return Option(full, shrt).required(false).repeatable(true);
}

std::string last(const Parsed& p, const std::string& name, const std::string& fallback) {
    const auto range = p.options.equal_range(name);
    return range.first == range.second ? fallback : std::prev(range.second)->second;
}

int command_scan(const std::vector<std::string>& words) {
    OptionSet set;
    set.addOption(valued("out", "o", "DIR"));
    set.addOption(valued("rules", "r", "FILE"));
    set.addOption(valued("lang", "l", "LANG"));
    set.addOption(valued("jobs", "j", "N"));
    set.addOption(valued("limit", "", "NAME=VALUE", true));
    set.addOption(valued("shard", "", "K/N"));
    set.addOption(flag("verbose", "v"));
    set.addOption(flag("quiet", "q"));
    set.addOption(flag("help", "h"));
    const Parsed p = parse(set, words);
    if (p.options.count("help") != 0) {
        std::cout << k_usage;
        return 0;
    }
    pipeline::RunOptions options;
    options.tool_version = SOPAUDIT_VERSION;
    for (const auto& input : p.positional) {
        options.inputs.emplace_back(input);
    }
    if (options.inputs.empty()) {
        throw UsageError("scan needs at least one PATH");
    }
    options.out_dir = last(p, "out", "output");
    options.rules_path = last(p, "rules", "");
    options.lang = parse_lang(last(p, "lang", "id"));
    const std::string jobs = last(p, "jobs", "0");
    unsigned n = 0;
    if (!Poco::NumberParser::tryParseUnsigned(jobs, n) || (p.options.count("jobs") && n == 0) ||
        n > 256) {
        throw UsageError("--jobs wants a whole number from 1 to 256, not '" + jobs + "'");
    }
    options.jobs = n;
    const auto limits = p.options.equal_range("limit");
    for (auto it = limits.first; it != limits.second; ++it) {
        set_limit(options.limits, it->second);
    }
    options.verbose = p.options.count("verbose") != 0;
    options.print_summary = p.options.count("quiet") == 0;
    try {
        if (p.options.count("shard") != 0) {
            options.shard = pipeline::parse_shard(last(p, "shard", ""));
        }
        return pipeline::run_scan(options).exit_code;
    } catch (const pipeline::UsageError& e) {
        throw UsageError(e.what());
    }
}

int command_merge(const std::vector<std::string>& words) {
    OptionSet set;
    set.addOption(valued("out", "o", "DIR"));
    set.addOption(valued("rules", "r", "FILE"));
    set.addOption(flag("quiet", "q"));
    set.addOption(flag("help", "h"));
    const Parsed p = parse(set, words);
    if (p.options.count("help") != 0) {
        std::cout << k_usage;
        return 0;
    }
    pipeline::MergeOptions options;
    for (const auto& report : p.positional) {
        options.reports.emplace_back(report);
    }
    if (options.reports.empty()) {
        throw UsageError("merge needs at least one REPORT (a report.json)");
    }
    options.out_dir = last(p, "out", "output");
    options.rules_path = last(p, "rules", "");
    options.print_summary = p.options.count("quiet") == 0;
    try {
        return pipeline::run_merge(options).exit_code;
    } catch (const pipeline::UsageError& e) {
        throw UsageError(e.what());
    }
}

int command_rules(const std::vector<std::string>& words) {
    OptionSet set;
    set.addOption(valued("rules", "r", "FILE"));
    set.addOption(valued("lang", "l", "LANG"));
    const Parsed p = parse(set, words);
    if (!p.positional.empty()) {
        throw UsageError("rules takes no PATH ('" + p.positional.front() + "')");
    }
    const std::string path = last(p, "rules", "");
    const auto rules = audit::RuleSet::load(path.empty() ? audit::RuleSet::default_path() : path);
    std::cout << audit::rules_listing(rules, parse_lang(last(p, "lang", "id")));
    return 0;
}

int run(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {
        throw UsageError("no command given");
    }
    const std::string command = words.front();
    words.erase(words.begin());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << k_usage;
        return 0;
    }
    if (command == "--version" || command == "-V" || command == "version") {
        std::cout << version_line() << "\n" << library_versions() << "\n";
        return 0;
    }
    if (command == "scan") {
        return command_scan(words);
    }
    if (command == "merge") {
        return command_merge(words);
    }
    if (command == "rules") {
        return command_rules(words);
    }
    throw UsageError(command.rfind('-', 0) == 0 ? "unknown option '" + command + "'"
                                                : "unknown command '" + command + "'");
}

// Debian's Tesseract runs OpenMP, whose runtime reads OMP_THREAD_LIMIT once, when it is loaded
// at process start: setting it later does nothing, and without it every OCR call spins up one
// thread per core and runs several times slower. So the process starts itself again with the
// limit in its environment. A limit the user set is kept; SOPAUDIT_NO_REEXEC=1 turns this off
// (debuggers, measurements).
void ensure_openmp_thread_limit(char** argv) {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr ||
        std::getenv("SOPAUDIT_NO_REEXEC") != nullptr) {
        return;
    }
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    ::execv("/proc/self/exe", argv);
    // exec failed (no /proc): go on; OCR will be slower but correct.
}

// Messages from deep down (Poco, the rule loader) may span lines; the user gets one.
std::string one_line(std::string s) {
    for (auto& c : s) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return s;
}

} // namespace

int main(int argc, char** argv) {
    ensure_openmp_thread_limit(argv);
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "sopaudit: " << one_line(e.what()) << " (see 'sopaudit --help')\n";
    } catch (const audit::ConfigError& e) {
        std::cerr << "sopaudit: configuration error: " << one_line(e.what()) << "\n";
    } catch (const Poco::Exception& e) {
        std::cerr << "sopaudit: " << one_line(e.displayText()) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "sopaudit: " << one_line(e.what()) << "\n";
    } catch (...) {
        std::cerr << "sopaudit: unexpected internal error\n";
    }
    return 2;
}
