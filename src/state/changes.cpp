#include "state/changes.hpp"

#include <Poco/JSON/Array.h>
#include <algorithm>
#include <map>

namespace sopaudit::state {

FindingKey key_of(const audit::FileResult& file, const audit::Finding& finding) {
    FindingKey key;
    key.root = file.root;
    key.path = file.path;
    key.rule = finding.rule;
    key.sop = finding.location.sop.value_or(-1);
    key.field = finding.location.field.value_or("");
    key.row = finding.location.row.value_or(-1);
    return key;
}

std::vector<ReportedFinding> reported_findings(const std::vector<audit::FileResult>& files) {
    std::vector<ReportedFinding> out;
    for (const auto& file : files) {
        for (const auto& finding : file.findings) {
            out.push_back(
                {key_of(file, finding), audit::to_string(finding.severity), finding.message});
        }
    }
    return out;
}

std::vector<ReportedFile> reported_files(const std::vector<audit::FileResult>& files) {
    std::vector<ReportedFile> out;
    out.reserve(files.size());
    for (const auto& file : files) {
        out.push_back({file.root, file.path, file.sha256});
    }
    return out;
}

namespace {

// Findings of `a` whose key occurs more often in `a` than in `b` (the surplus ones, in order).
std::vector<ReportedFinding> surplus(const std::vector<ReportedFinding>& a,
                                     const std::vector<ReportedFinding>& b) {
    std::map<FindingKey, int> budget;
    for (const auto& f : b) {
        ++budget[f.key];
    }
    std::vector<ReportedFinding> out;
    for (const auto& f : a) {
        auto it = budget.find(f.key);
        if (it != budget.end() && it->second > 0) {
            --it->second;
            continue;
        }
        out.push_back(f);
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const ReportedFinding& x, const ReportedFinding& y) { return x.key < y.key; });
    return out;
}

Poco::JSON::Object::Ptr file_json(const ReportedFile& f) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("path", f.path);
    o->set("root", f.root);
    return o;
}

Poco::JSON::Array::Ptr files_json(const std::vector<ReportedFile>& files) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& f : files) {
        a->add(file_json(f));
    }
    return a;
}

Poco::JSON::Array::Ptr findings_json(const std::vector<ReportedFinding>& findings) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& f : findings) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("path", f.key.path);
        o->set("root", f.key.root);
        o->set("rule", f.key.rule);
        o->set("severity", f.severity);
        o->set("message", f.message);
        Poco::JSON::Object::Ptr loc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        if (f.key.sop >= 0) {
            loc->set("sop", f.key.sop);
        }
        if (f.key.row >= 0) {
            loc->set("row", f.key.row);
        }
        if (!f.key.field.empty()) {
            loc->set("field", f.key.field);
        }
        o->set("location", loc);
        a->add(o);
    }
    return a;
}

} // namespace

Changes diff(const std::vector<ReportedFile>& previous_files,
             const std::vector<ReportedFinding>& previous_findings,
             const std::vector<ReportedFile>& current_files,
             const std::vector<ReportedFinding>& current_findings) {
    Changes changes;
    changes.has_previous = true;
    std::map<std::tuple<std::string, std::string>, const ReportedFile*> before;
    for (const auto& f : previous_files) {
        before[{f.root, f.path}] = &f;
    }
    std::map<std::tuple<std::string, std::string>, const ReportedFile*> now;
    for (const auto& f : current_files) {
        now[{f.root, f.path}] = &f;
        auto it = before.find({f.root, f.path});
        if (it == before.end()) {
            changes.new_files.push_back(f);
        } else if (it->second->sha256 != f.sha256) {
            changes.changed_files.push_back(f);
        }
    }
    for (const auto& f : previous_files) {
        if (!now.count({f.root, f.path})) {
            changes.removed_files.push_back(f);
        }
    }
    std::sort(changes.new_files.begin(), changes.new_files.end());
    std::sort(changes.changed_files.begin(), changes.changed_files.end());
    std::sort(changes.removed_files.begin(), changes.removed_files.end());
    changes.new_findings = surplus(current_findings, previous_findings);
    changes.resolved_findings = surplus(previous_findings, current_findings);
    return changes;
}

Poco::JSON::Object::Ptr to_json(const Changes& changes) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (changes.previous_run) {
        o->set("previous_run", *changes.previous_run);
        o->set("previous_finished_at", changes.previous_finished_at);
    } else {
        o->set("previous_run", Poco::Dynamic::Var());
    }
    Poco::JSON::Object::Ptr counts = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    counts->set("new_files", changes.new_files.size());
    counts->set("changed_files", changes.changed_files.size());
    counts->set("removed_files", changes.removed_files.size());
    counts->set("new_findings", changes.new_findings.size());
    counts->set("resolved_findings", changes.resolved_findings.size());
    o->set("counts", counts);
    o->set("new_files", files_json(changes.new_files));
    o->set("changed_files", files_json(changes.changed_files));
    o->set("removed_files", files_json(changes.removed_files));
    o->set("new_findings", findings_json(changes.new_findings));
    o->set("resolved_findings", findings_json(changes.resolved_findings));
    return o;
}

} // namespace sopaudit::state
