#include "audit/rule_set.hpp"
#include "pipeline/merge.hpp"
#include "pipeline/pipeline.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>

namespace sopaudit::pipeline {
namespace {

const audit::RuleSet& shipped_rules() {
    static const audit::RuleSet rules = audit::RuleSet::load(audit::RuleSet::default_path());
    return rules;
}

audit::FileResult file_with_nomor(const std::string& path, const std::string& nomor) {
    audit::FileResult f;
    f.root = "/in";
    f.path = path;
    f.sha256 = std::string(64, 'a');
    f.format = "docx";
    f.status = "audited";
    f.method = "xml";
    sop::Sop s;
    s.identity_found = true;
    sop::FieldValue v;
    v.label = "Nomor SOP";
    v.text = nomor;
    v.where.table = 0;
    s.identity["nomor"] = v;
    f.sops.push_back(s);
    audit::Finding own;
    own.rule = "identity-nama-missing";
    own.severity = audit::Severity::error;
    own.message = "own finding of " + path;
    f.findings.push_back(own);
    return f;
}

LoadedReport shard_report(unsigned k, unsigned n, std::vector<audit::FileResult> files) {
    LoadedReport r;
    r.source = "shard" + std::to_string(k) + "/report.json";
    r.info.tool_version = "0.1.0";
    r.info.ruleset_id = shipped_rules().id();
    r.info.ruleset_version = shipped_rules().version();
    r.info.started_at = "2026-12-02T01:0" + std::to_string(k) + ":00Z";
    r.info.finished_at = "2026-12-02T02:0" + std::to_string(k) + ":00Z";
    r.info.inputs = {"/in"};
    r.info.shard_index = k;
    r.info.shard_count = n;
    r.files = std::move(files);
    return r;
}

TEST(MergeReports, FindsDuplicatesAcrossShardsAndRestoresTheFullRunOrder) {
    // c.docx and a.docx share a number but sit in different shards; b.docx is unique.
    auto merged = merge_reports({shard_report(2, 2, {file_with_nomor("c.docx", "800/1/2024")}),
                                 shard_report(1, 2,
                                              {file_with_nomor("a.docx", "800/1/2024"),
                                               file_with_nomor("b.docx", "800/2/2024")})},
                                "");
    ASSERT_EQ(merged.files.size(), 3u);
    EXPECT_EQ(merged.files[0].path, "a.docx");
    EXPECT_EQ(merged.files[1].path, "b.docx");
    EXPECT_EQ(merged.files[2].path, "c.docx");
    EXPECT_EQ(test::rule_ids(merged.files[0]),
              (std::vector<std::string>{"identity-nama-missing", "identity-nomor-duplicate"}));
    EXPECT_EQ(test::rule_ids(merged.files[1]), (std::vector<std::string>{"identity-nama-missing"}));
    EXPECT_EQ(test::rule_ids(merged.files[2]),
              (std::vector<std::string>{"identity-nama-missing", "identity-nomor-duplicate"}));
    EXPECT_NE(merged.files[0].findings[1].message.find("c.docx"), std::string::npos)
        << merged.files[0].findings[1].message;
    EXPECT_EQ(merged.summary.files, 3u);
    EXPECT_EQ(merged.summary.sops, 3u);
    EXPECT_EQ(merged.summary.error, 3u);
    EXPECT_EQ(merged.summary.warning, 2u);
    EXPECT_EQ(merged.exit_code, 1);
    EXPECT_EQ(merged.info.started_at, "2026-12-02T01:01:00Z");
    EXPECT_EQ(merged.info.finished_at, "2026-12-02T02:02:00Z");
    EXPECT_EQ(merged.info.shard_count, 0u);
    EXPECT_EQ(merged.info.inputs, (std::vector<std::string>{"/in"}));
}

TEST(MergeReports, DropsDuplicateFindingsThatNoLongerHold) {
    // Within shard 1 two files shared a number; a shard's stale cross-file finding must not be
    // carried when the number turns out unique after all (here: the second file was renumbered
    // in a later shard report, so only one file carries it).
    auto stale = file_with_nomor("a.docx", "800/9/2024");
    audit::Finding dup;
    dup.rule = "identity-nomor-duplicate";
    dup.severity = audit::Severity::warning;
    dup.message = "stale";
    stale.findings.push_back(dup);
    auto merged = merge_reports(
        {shard_report(1, 2, {stale}), shard_report(2, 2, {file_with_nomor("z.docx", "1/2")})}, "");
    EXPECT_EQ(test::rule_ids(merged.files[0]), (std::vector<std::string>{"identity-nama-missing"}));
}

TEST(MergeReports, OrdersFilesByInputThenPath) {
    auto one = shard_report(1, 1, {file_with_nomor("b.docx", "1"), file_with_nomor("a.docx", "2")});
    one.info.shard_count = 0;
    one.info.shard_index = 0;
    one.info.inputs = {"/second", "/first"};
    one.files[0].root = "/first";
    one.files[1].root = "/second";
    auto merged = merge_reports({one}, "");
    ASSERT_EQ(merged.files.size(), 2u);
    EXPECT_EQ(merged.files[0].root, "/second");
    EXPECT_EQ(merged.files[1].root, "/first");
}

TEST(MergeReports, RefusesShardsThatDoNotMakeAWhole) {
    const auto a = file_with_nomor("a.docx", "1");
    const auto b = file_with_nomor("b.docx", "2");
    EXPECT_THROW(merge_reports({shard_report(1, 3, {a}), shard_report(2, 3, {b})}, ""), UsageError)
        << "shard 3/3 missing";
    EXPECT_THROW(merge_reports({shard_report(1, 2, {a}), shard_report(1, 2, {b})}, ""), UsageError)
        << "shard given twice";
    EXPECT_THROW(merge_reports({shard_report(1, 2, {a}), shard_report(2, 3, {b})}, ""), UsageError)
        << "different counts";
    auto whole = shard_report(1, 1, {b});
    whole.info.shard_count = 0;
    EXPECT_THROW(merge_reports({shard_report(1, 1, {a}), whole}, ""), UsageError)
        << "shard with whole run";
    EXPECT_THROW(merge_reports({shard_report(1, 2, {a}), shard_report(2, 2, {a})}, ""), UsageError)
        << "same file in two reports";
    EXPECT_THROW(merge_reports({}, ""), UsageError);
}

TEST(MergeReports, RefusesReportsOfAnotherRuleSetOrLanguage) {
    const auto a = file_with_nomor("a.docx", "1");
    const auto b = file_with_nomor("b.docx", "2");
    auto other_rules = shard_report(2, 2, {b});
    other_rules.info.ruleset_version = "0.0.0-other";
    EXPECT_THROW(merge_reports({shard_report(1, 2, {a}), other_rules}, ""), UsageError);
    auto english = shard_report(2, 2, {b});
    english.info.lang = "en";
    EXPECT_THROW(merge_reports({shard_report(1, 2, {a}), english}, ""), UsageError);
}

TEST(LoadReport, RefusesWhatIsNotAReport) {
    test::TempDir dir;
    EXPECT_THROW(load_report(dir / "missing.json"), UsageError);
    test::write_file(dir / "bad.json", "{not json");
    EXPECT_THROW(load_report(dir / "bad.json"), UsageError);
    test::write_file(dir / "other.json", R"({"schema": "something-else/1"})");
    EXPECT_THROW(load_report(dir / "other.json"), UsageError);
    test::write_file(dir / "array.json", "[1, 2]");
    EXPECT_THROW(load_report(dir / "array.json"), UsageError);
}

TEST(LoadReport, ReadsBackWhatTheWriterWrote) {
    test::TempDir dir;
    report::RunInfo info;
    info.tool_version = "0.1.0";
    info.ruleset_id = "r";
    info.ruleset_version = "1";
    info.started_at = "2026-12-02T01:00:00Z";
    info.finished_at = "2026-12-02T01:05:00Z";
    info.inputs = {"/in"};
    info.lang = "en";
    info.shard_index = 2;
    info.shard_count = 4;
    report::write_json_report(dir / "report.json", info, {file_with_nomor("a.docx", "800/1")});
    const auto loaded = load_report(dir / "report.json");
    EXPECT_EQ(loaded.info.shard_index, 2u);
    EXPECT_EQ(loaded.info.shard_count, 4u);
    EXPECT_EQ(loaded.info.lang, "en");
    EXPECT_EQ(loaded.info.inputs, (std::vector<std::string>{"/in"}));
    ASSERT_EQ(loaded.files.size(), 1u);
    EXPECT_EQ(loaded.files[0].sops.at(0).identity.at("nomor").text, "800/1");
}

} // namespace
} // namespace sopaudit::pipeline
