#include "pipeline/merge.hpp"

#include "audit/auditor.hpp"
#include "audit/result_json.hpp"
#include "audit/rule_set.hpp"
#include "pipeline/incremental.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace sopaudit::pipeline {
namespace {

namespace fs = std::filesystem;
using Poco::JSON::Object;

std::string text_member(const Object::Ptr& o, const std::string& key, const std::string& where) {
    if (!o || !o->has(key) || !o->get(key).isString()) {
        throw UsageError(where + ": not a sopaudit report (no \"" + key + "\")");
    }
    return o->getValue<std::string>(key);
}

unsigned unsigned_member(const Object::Ptr& o, const std::string& key, const std::string& where) {
    try {
        const auto v = o->getValue<Poco::Int64>(key);
        if (v < 0 || v > 1'000'000) {
            throw Poco::RangeException(key);
        }
        return static_cast<unsigned>(v);
    } catch (const Poco::Exception&) {
        throw UsageError(where + ": run.shard." + key + " is not a small whole number");
    }
}

// The rule ids whose findings the run adds across files: recomputed, never carried over.
std::set<std::string> run_level_rules(const audit::RuleSet& rules) {
    std::set<std::string> ids;
    for (const auto& rule : rules.rules()) {
        if (rule.kind == "duplicate") {
            ids.insert(rule.id);
        }
    }
    return ids;
}

// The shard reports must be the N shards of one scan, each exactly once.
void check_shards(const std::vector<LoadedReport>& reports) {
    std::size_t sharded = 0;
    for (const auto& r : reports) {
        sharded += r.info.shard_count > 0 ? 1 : 0;
    }
    if (sharded == 0) {
        return; // whole runs over different folders: nothing to check
    }
    if (sharded != reports.size()) {
        throw UsageError("cannot merge shard reports with whole-run reports (" +
                         reports.front().source.string() + " ...)");
    }
    const unsigned count = reports.front().info.shard_count;
    std::map<unsigned, fs::path> seen;
    for (const auto& r : reports) {
        if (r.info.shard_count != count) {
            throw UsageError(r.source.string() + " is shard " + std::to_string(r.info.shard_index) +
                             "/" + std::to_string(r.info.shard_count) + ", the others are of " +
                             std::to_string(count));
        }
        const auto [it, fresh] = seen.emplace(r.info.shard_index, r.source);
        if (!fresh) {
            throw UsageError("shard " + std::to_string(r.info.shard_index) + "/" +
                             std::to_string(count) + " given twice: " + it->second.string() +
                             " and " + r.source.string());
        }
    }
    std::string missing;
    for (unsigned k = 1; k <= count; ++k) {
        if (seen.count(k) == 0) {
            missing +=
                (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(count);
        }
    }
    if (!missing.empty()) {
        throw UsageError("shard report(s) missing: " + missing);
    }
}

} // namespace

LoadedReport load_report(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw UsageError("cannot open report " + file.string());
    }
    const std::string where = file.string();
    Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(in).extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw UsageError(where + ": not JSON: " + e.displayText());
    } catch (const std::exception& e) {
        throw UsageError(where + ": not a JSON object: " + e.what());
    }
    if (text_member(root, "schema", where) != "sopaudit-report/1") {
        throw UsageError(where + ": schema is not sopaudit-report/1");
    }
    LoadedReport report;
    report.source = file;
    const auto tool = root->getObject("tool");
    const auto ruleset = root->getObject("ruleset");
    const auto run = root->getObject("run");
    report.info.tool_version = text_member(tool, "version", where);
    report.info.ruleset_id = text_member(ruleset, "id", where);
    report.info.ruleset_version = text_member(ruleset, "version", where);
    report.info.started_at = text_member(run, "started_at", where);
    report.info.finished_at = text_member(run, "finished_at", where);
    report.info.lang = run->has("lang") ? text_member(run, "lang", where) : "id";
    const auto inputs = run->getArray("inputs");
    if (!inputs) {
        throw UsageError(where + ": not a sopaudit report (no \"run.inputs\")");
    }
    for (std::size_t i = 0; i < inputs->size(); ++i) {
        report.info.inputs.push_back(inputs->getElement<std::string>(static_cast<unsigned>(i)));
    }
    if (const auto shard = run->getObject("shard")) {
        report.info.shard_index = unsigned_member(shard, "index", where);
        report.info.shard_count = unsigned_member(shard, "count", where);
        if (report.info.shard_count == 0 || report.info.shard_index == 0 ||
            report.info.shard_index > report.info.shard_count) {
            throw UsageError(where + ": run.shard is not K/N with 1 <= K <= N");
        }
    }
    const auto files = root->getArray("files");
    if (!files) {
        throw UsageError(where + ": not a sopaudit report (no \"files\")");
    }
    report.files.reserve(files->size());
    for (std::size_t i = 0; i < files->size(); ++i) {
        try {
            report.files.push_back(
                audit::file_result_from_json(files->getObject(static_cast<unsigned>(i))));
        } catch (const audit::ResultJsonError& e) {
            throw UsageError(where + ": files[" + std::to_string(i) + "]: " + e.what());
        } catch (const Poco::Exception& e) {
            throw UsageError(where + ": files[" + std::to_string(i) + "]: " + e.displayText());
        }
    }
    return report;
}

MergeOutcome merge_reports(const std::vector<LoadedReport>& reports,
                           const std::string& rules_path) {
    if (reports.empty()) {
        throw UsageError("merge needs at least one REPORT");
    }
    const auto& first = reports.front();
    for (const auto& r : reports) {
        if (r.info.ruleset_id != first.info.ruleset_id ||
            r.info.ruleset_version != first.info.ruleset_version) {
            throw UsageError(r.source.string() + " was audited with rule set " + r.info.ruleset_id +
                             " " + r.info.ruleset_version + ", " + first.source.string() +
                             " with " + first.info.ruleset_id + " " + first.info.ruleset_version);
        }
        if (r.info.lang != first.info.lang) {
            throw UsageError(r.source.string() + " is in language '" + r.info.lang + "', " +
                             first.source.string() + " in '" + first.info.lang + "'");
        }
        if (r.info.tool_version != first.info.tool_version) {
            std::cerr << "sopaudit: warning: " << r.source.string() << " was written by sopaudit "
                      << r.info.tool_version << ", " << first.source.string() << " by "
                      << first.info.tool_version << "\n";
        }
    }
    check_shards(reports);

    // The run-level findings are recomputed with the rule set the shards used.
    const audit::RuleSet rules =
        audit::RuleSet::load(rules_path.empty() ? audit::RuleSet::default_path() : rules_path);
    if (rules.id() != first.info.ruleset_id || rules.version() != first.info.ruleset_version) {
        throw UsageError("the reports were audited with rule set " + first.info.ruleset_id + " " +
                         first.info.ruleset_version + ", the rule file given is " + rules.id() +
                         " " + rules.version() + " (use --rules)");
    }
    const audit::Lang lang = first.info.lang == "en" ? audit::Lang::en : audit::Lang::id;
    const audit::Auditor auditor(rules, lang);

    MergeOutcome out;
    out.info.tool_version = first.info.tool_version;
    out.info.ruleset_id = first.info.ruleset_id;
    out.info.ruleset_version = first.info.ruleset_version;
    out.info.lang = first.info.lang;
    out.info.started_at = first.info.started_at;
    out.info.finished_at = first.info.finished_at;
    // Inputs in first-seen order: the order a full run with the same command line walks them.
    std::map<std::string, std::size_t> input_rank;
    for (const auto& r : reports) {
        // ISO 8601 times with one offset order as text; the merged run spans all shards.
        out.info.started_at = std::min(out.info.started_at, r.info.started_at);
        out.info.finished_at = std::max(out.info.finished_at, r.info.finished_at);
        for (const auto& input : r.info.inputs) {
            if (input_rank.emplace(input, out.info.inputs.size()).second) {
                out.info.inputs.push_back(input);
            }
        }
    }

    const std::set<std::string> run_rules = run_level_rules(rules);
    std::map<std::pair<std::string, std::string>, const fs::path*> owner;
    for (const auto& r : reports) {
        for (const auto& f : r.files) {
            const auto [it, fresh] = owner.emplace(std::make_pair(f.root, f.path), &r.source);
            if (!fresh) {
                throw UsageError("file " + f.root + (f.root.empty() ? "" : ": ") + f.path +
                                 " is in both " + it->second->string() + " and " +
                                 r.source.string());
            }
            audit::FileResult copy = f;
            std::erase_if(copy.findings, [&](const audit::Finding& finding) {
                return run_rules.count(finding.rule) != 0;
            });
            out.files.push_back(std::move(copy));
        }
    }
    // A full run walks the inputs in the order given and each one sorted by relative path.
    const auto rank = [&](const std::string& root) {
        const auto it = input_rank.find(root);
        return it == input_rank.end() ? input_rank.size() : it->second;
    };
    std::stable_sort(out.files.begin(), out.files.end(),
                     [&](const audit::FileResult& a, const audit::FileResult& b) {
                         const auto ra = rank(a.root), rb = rank(b.root);
                         return ra != rb ? ra < rb : a.path < b.path;
                     });
    auditor.audit_run(out.files);
    out.summary = report::summarize(out.files);
    out.exit_code = out.summary.error > 0 ? 1 : 0;
    return out;
}

MergeOutcome run_merge(const MergeOptions& options) {
    const auto clock_start = std::chrono::steady_clock::now();
    std::vector<LoadedReport> reports;
    reports.reserve(options.reports.size());
    for (const auto& file : options.reports) {
        reports.push_back(load_report(file));
    }
    MergeOutcome out = merge_reports(reports, options.rules_path);

    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec || !fs::is_directory(options.out_dir)) {
        throw std::runtime_error("cannot create the output folder " + options.out_dir.string() +
                                 (ec ? ": " + ec.message() : ""));
    }
    out.report_path = options.out_dir / "report.json";
    report::write_json_report(out.report_path, out.info, out.files);
    if (options.print_summary) {
        std::cout << summary_line(run_counts(out.files, nullptr), false,
                                  std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                                clock_start)
                                      .count(),
                                  out.info.lang == "en" ? audit::Lang::en : audit::Lang::id,
                                  out.report_path.string())
                  << std::endl;
    }
    return out;
}

} // namespace sopaudit::pipeline
