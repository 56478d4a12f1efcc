// sopaudit command line: scan, rules, --help, --version.

#include "audit/rule_docs.hpp"
#include "audit/rule_set.hpp"
#include "pipeline/config.hpp"
#include "pipeline/incremental.hpp"
#include "pipeline/isolation.hpp"
#include "pipeline/merge.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/shard.hpp"
#include "report/docx_writer.hpp"
#include "state/store.hpp"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <libxml/xmlversion.h>
#include <map>
#include <poppler/cpp/poppler-version.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
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
  sopaudit scan [PATH...] [--config FILE] [--out DIR] [--state FILE | --no-state] [--full]
                [--rules FILE] [--lang id|en] [--jobs N] [--include GLOB]... [--exclude GLOB]...
                [--limit NAME=VALUE]... [--shard K/N] [--verbose] [--quiet]
  sopaudit config [the options of scan]
  sopaudit history [--config FILE] [--out DIR] [--state FILE] [--last N]
  sopaudit merge REPORT... [--out DIR] [--rules FILE] [--quiet]
  sopaudit rules [--rules FILE] [--lang id|en]
  sopaudit convert FILE... [--out DIR] [--rules FILE] [--limit NAME=VALUE]...
  sopaudit --help
  sopaudit --version

scan     reads every file under the PATHs (folders are walked recursively; hidden files, Word
         lock files ~$* and the output folder are skipped), audits each SOP found and writes
         DIR/report.json. Files unchanged since the last run (same size and mtime, same rule
         set and tool) are not read again: their stored result is reported as "unchanged".
  -c, --config FILE    config file (INI, or JSON by extension; default: $SOPAUDIT_CONFIG, else
                       ./sopaudit.ini if present); the command line overrides it
  -o, --out DIR        output folder (default: output)
  -s, --state FILE     state database (default: DIR/state.db); one run at a time per state
      --no-state       keep no state: read every file, no "changes" in the report
      --full           read and audit every file again (the state is still updated)
  -i, --include GLOB   only files whose path (relative to its PATH) matches; repeatable
  -x, --exclude GLOB   skip files that match; repeatable
  -r, --rules FILE     rule set (default: the shipped permenpan-35-2012.json)
  -l, --lang id|en     language of the messages (default: id)
  -j, --jobs N         worker threads (default: one per core)
      --limit N=V      set a safety limit (also [limits] in the config file; docs/limits.md):
                       max_file_bytes, max_uncompressed_bytes, max_member_bytes,
                       max_compression_ratio, max_xml_depth, max_pixels, max_pages,
                       max_seconds_per_file, max_paragraph_bytes
      --shard K/N      audit only the K-th of N parts of the file list (split by a hash
                       of each file's path; the same on every machine), for running one
                       scan on N machines; join the N reports with 'sopaudit merge'
  -v, --verbose        a log line for every file, unchanged ones too
  -q, --quiet          errors only: no progress, no summary line
         On a terminal stderr shows a progress line; otherwise (cron, systemd) timestamped log
         lines. The run ends with one summary line on stdout (files audited/unchanged/failed,
         SOPs, findings by severity, new/resolved, time, report), which the log repeats.
config   prints the effective configuration (defaults, config file, options) as INI.
history  lists the past runs of a state with their counts, newest first.
merge    joins report.json files (the N shards of one scan, or scans of other folders) into
         DIR/report.json as one run over all of them would have written it: the summary and
         the cross-file rules (identity-nomor-duplicate) are computed again.
  -o, --out DIR        output folder (default: output)
  -r, --rules FILE     the rule set the reports were audited with (default: the shipped one)
  -q, --quiet          no summary line on stdout
rules    lists the rules of the rule set.
convert  reads each FILE (Word or scan) and writes every SOP found in it as a new Word file in
         the standard SOP AP layout: DIR/<name>-sop<n>.docx (default DIR: converted). What the
         source lacks stays empty, so auditing the new file still reports it.

Exit codes: 0 no error finding, 1 error findings present, 2 could not run (bad usage, bad
configuration, another run holds the state, internal error).
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

// --limit NAME=VALUE: the names and checks of the config file's [limits] section.
void set_limit(ingest::Limits& limits, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) {
        throw UsageError("--limit wants NAME=VALUE, not '" + assignment + "'");
    }
    try {
        pipeline::set_limit(limits, assignment.substr(0, eq), assignment.substr(eq + 1));
    } catch (const audit::ConfigError& e) {
        throw UsageError(std::string("--limit ") + e.what());
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

// Options of scan and config: the command line over the config file over the defaults.
void add_run_options(OptionSet& set) {
    set.addOption(valued("config", "c", "FILE"));
    set.addOption(valued("out", "o", "DIR"));
    set.addOption(valued("state", "s", "FILE"));
    set.addOption(flag("no-state", ""));
    set.addOption(flag("full", ""));
    set.addOption(valued("rules", "r", "FILE"));
    set.addOption(valued("lang", "l", "LANG"));
    set.addOption(valued("jobs", "j", "N"));
    set.addOption(valued("include", "i", "GLOB", true));
    set.addOption(valued("exclude", "x", "GLOB", true));
    set.addOption(valued("limit", "", "NAME=VALUE", true));
    set.addOption(valued("shard", "", "K/N"));
    set.addOption(flag("verbose", "v"));
    set.addOption(flag("quiet", "q"));
    set.addOption(flag("help", "h"));
}

std::vector<std::string> all(const Parsed& p, const std::string& name) {
    std::vector<std::string> out;
    const auto range = p.options.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
        out.push_back(it->second);
    }
    return out;
}

pipeline::Config effective_config(const Parsed& p) {
    pipeline::Config config;
    const std::string file = last(p, "config", "");
    if (!file.empty()) {
        pipeline::apply_config_file(file, config);
    } else if (const auto found = pipeline::default_config_file()) {
        pipeline::apply_config_file(*found, config);
    }
    if (!p.positional.empty()) {
        config.inputs = p.positional;
    }
    config.output = last(p, "out", config.output);
    config.state = last(p, "state", config.state);
    config.rules = last(p, "rules", config.rules);
    config.lang = last(p, "lang", config.lang);
    parse_lang(config.lang);
    if (p.options.count("jobs")) {
        const std::string jobs = last(p, "jobs", "0");
        unsigned n = 0;
        if (!Poco::NumberParser::tryParseUnsigned(jobs, n) || n == 0 || n > 256) {
            throw UsageError("--jobs wants a whole number from 1 to 256, not '" + jobs + "'");
        }
        config.jobs = static_cast<int>(n);
    }
    if (p.options.count("include")) {
        config.include = all(p, "include");
    }
    if (p.options.count("exclude")) {
        config.exclude = all(p, "exclude");
    }
    for (const auto& assignment : all(p, "limit")) {
        set_limit(config.limits, assignment);
    }
    config.full = config.full || p.options.count("full") != 0;
    return config;
}

int command_scan(const std::vector<std::string>& words) {
    OptionSet set;
    add_run_options(set);
    const Parsed p = parse(set, words);
    if (p.options.count("help") != 0) {
        std::cout << k_usage;
        return 0;
    }
    const pipeline::Config config = effective_config(p);
    pipeline::RunOptions options;
    options.tool_version = SOPAUDIT_VERSION;
    for (const auto& input : config.inputs) {
        options.inputs.emplace_back(input);
    }
    if (options.inputs.empty()) {
        throw UsageError("scan needs at least one PATH (or [input] folders in the config file)");
    }
    options.out_dir = config.output;
    options.rules_path = config.rules;
    options.lang = parse_lang(config.lang);
    options.jobs = static_cast<unsigned>(config.jobs);
    options.limits = config.limits;
    options.include = config.include;
    options.exclude = config.exclude;
    const bool quiet = p.options.count("quiet") != 0;
    const bool verbose = p.options.count("verbose") != 0;
    options.verbose = verbose;
    options.print_summary = !quiet;
    pipeline::Progress progress({quiet, verbose, std::nullopt});
    options.progress = &progress;
    try {
        if (p.options.count("shard") != 0) {
            options.shard = pipeline::parse_shard(last(p, "shard", ""));
        }
        if (p.options.count("no-state")) {
            return pipeline::run_scan(options).exit_code;
        }
        const std::filesystem::path state = config.state_path();
        std::error_code ec;
        if (state.has_parent_path()) {
            std::filesystem::create_directories(state.parent_path(), ec);
        }
        // Locks the state before anything is written: a second run stops here, exit 2.
        pipeline::Incremental incremental(state, options, config.full);
        return pipeline::run_scan(options, &incremental, &incremental).exit_code;
    } catch (const pipeline::UsageError& e) {
        throw UsageError(e.what());
    }
}

int command_config(const std::vector<std::string>& words) {
    OptionSet set;
    add_run_options(set);
    const Parsed p = parse(set, words);
    std::cout << pipeline::to_ini(effective_config(p));
    return 0;
}

int command_history(const std::vector<std::string>& words) {
    OptionSet set;
    set.addOption(valued("config", "c", "FILE"));
    set.addOption(valued("out", "o", "DIR"));
    set.addOption(valued("state", "s", "FILE"));
    set.addOption(valued("last", "n", "N"));
    const Parsed p = parse(set, words);
    if (!p.positional.empty()) {
        throw UsageError("history takes no PATH ('" + p.positional.front() + "')");
    }
    const pipeline::Config config = effective_config(p);
    unsigned n = 0;
    const std::string last_n = last(p, "last", "0");
    if (!Poco::NumberParser::tryParseUnsigned(last_n, n)) {
        throw UsageError("--last wants a whole number, not '" + last_n + "'");
    }
    const std::filesystem::path path = config.state_path();
    if (!std::filesystem::exists(path)) {
        std::cout << "no runs yet (no state at " << path.string() << ")\n";
        return 0;
    }
    state::Store store(path);
    const auto runs = store.runs(n);
    std::printf("%5s  %-25s  %-25s  %6s %7s %9s %6s  %6s %7s %5s  %5s %8s  %s\n", "run", "started",
                "finished", "files", "audited", "unchanged", "failed", "errors", "warning", "info",
                "new", "resolved", "exit");
    for (const auto& r : runs) {
        const auto& c = r.counts;
        const std::string finished = r.finished_at.empty() ? "(interrupted)" : r.finished_at;
        const std::string exit = r.exit_code ? std::to_string(*r.exit_code) : "-";
        std::printf("%5lld  %-25s  %-25s  %6lld %7lld %9lld %6lld  %6lld %7lld %5lld  %5lld %8lld  "
                    "%s%s\n",
                    static_cast<long long>(r.id), r.started_at.c_str(), finished.c_str(),
                    static_cast<long long>(c.files), static_cast<long long>(c.audited),
                    static_cast<long long>(c.unchanged), static_cast<long long>(c.failed),
                    static_cast<long long>(c.errors), static_cast<long long>(c.warnings),
                    static_cast<long long>(c.infos), static_cast<long long>(c.new_findings),
                    static_cast<long long>(c.resolved_findings), exit.c_str(),
                    r.full ? " full" : "");
    }
    return 0;
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

// `convert`: each file through the reading stages, each SOP found written as a standard DOCX.
// Exit 0 when every file gave at least one SOP, 1 when one did not (unreadable, no SOP), 2 bad
// usage.
int command_convert(const std::vector<std::string>& words) {
    OptionSet set;
    set.addOption(valued("out", "o", "DIR"));
    set.addOption(valued("rules", "r", "FILE"));
    set.addOption(valued("lang", "l", "LANG"));
    set.addOption(valued("limit", "", "NAME=VALUE", true));
    set.addOption(flag("help", "h"));
    const Parsed p = parse(set, words);
    if (p.options.count("help") != 0) {
        std::cout << k_usage;
        return 0;
    }
    if (p.positional.empty()) {
        throw UsageError("convert needs at least one FILE");
    }
    const std::filesystem::path out_dir = last(p, "out", "converted");
    const std::string rules_path = last(p, "rules", "");
    const auto rules =
        audit::RuleSet::load(rules_path.empty() ? audit::RuleSet::default_path() : rules_path);
    const auto lang = parse_lang(last(p, "lang", "id"));
    ingest::Limits limits;
    const auto limit_range = p.options.equal_range("limit");
    for (auto it = limit_range.first; it != limit_range.second; ++it) {
        set_limit(limits, it->second);
    }
    for (const auto& file : p.positional) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) {
            throw UsageError("not a file: " + file);
        }
    }
    std::filesystem::create_directories(out_dir);
    const audit::Auditor auditor(rules, lang);
    pipeline::FileProcessor processor(rules, auditor, limits);
    std::vector<std::string> taken;
    int exit_code = 0;
    for (const auto& file : p.positional) {
        ingest::Candidate candidate;
        candidate.absolute = std::filesystem::absolute(file);
        candidate.relative = candidate.absolute.filename().string();
        candidate.root = file;
        // Size and mtime as the scan's walk takes them: the reader compares them after the
        // read to tell a file still being copied in.
        struct stat st {};
        if (::stat(candidate.absolute.c_str(), &st) != 0) {
            throw UsageError("cannot read " + file);
        }
        candidate.size = static_cast<std::uint64_t>(st.st_size);
        candidate.mtime_ns =
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        const auto outcome = processor.process(candidate);
        const auto written = report::write_standard_docx_files(outcome.result, out_dir, taken);
        if (written.empty()) {
            exit_code = std::max(exit_code, 1);
            std::cerr << "sopaudit: " << file << ": "
                      << (lang == audit::Lang::en ? "no SOP converted"
                                                  : "tidak ada SOP yang dikonversi");
            for (const auto& f : outcome.result.findings) {
                if (f.rule.rfind("ingest-", 0) == 0) {
                    std::cerr << " (" << f.rule << ": " << f.message << ")";
                }
            }
            std::cerr << "\n";
        }
        for (const auto& w : written) {
            std::cout << file << " -> " << w.string() << "\n";
        }
    }
    return exit_code;
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
    if (command == "convert") {
        return command_convert(words);
    }
    if (command == "config") {
        return command_config(words);
    }
    if (command == "history") {
        return command_history(words);
    }
    throw UsageError(command.rfind('-', 0) == 0 ? "unknown option '" + command + "'"
                                                : "unknown command '" + command + "'");
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
    if (argc == 2 && std::string(argv[1]) == "__reader") {
        // A worker's reader process (pipeline/isolation.hpp), on descriptors 3 and 4.
        return pipeline::reader_main(3, 4);
    }
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
