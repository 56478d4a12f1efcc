#include "state/changes.hpp"

#include <gtest/gtest.h>
#include <sstream>

using namespace sopaudit;
using namespace sopaudit::state;

namespace {

audit::Finding finding(const std::string& rule, std::optional<int> sop,
                       std::optional<std::string> field, std::optional<int> row,
                       const std::string& message = "m") {
    audit::Finding f;
    f.rule = rule;
    f.severity = audit::Severity::warning;
    f.message = message;
    f.location.sop = sop;
    f.location.field = field;
    f.location.row = row;
    return f;
}

audit::FileResult file(const std::string& path, const std::string& sha,
                       std::vector<audit::Finding> findings) {
    audit::FileResult r;
    r.root = "/in";
    r.path = path;
    r.sha256 = sha;
    r.findings = std::move(findings);
    return r;
}

} // namespace

TEST(Changes, KeyIgnoresMessageAndPageButNotFieldOrRow) {
    auto a = file("a.docx", "1", {});
    auto f1 = finding("identity-field-empty", 0, "nomor", std::nullopt, "kosong");
    auto f2 = finding("identity-field-empty", 0, "nomor", std::nullopt, "empty");
    f2.location.page = 3;
    EXPECT_EQ(key_of(a, f1), key_of(a, f2));
    auto f3 = finding("identity-field-empty", 0, "nama", std::nullopt);
    EXPECT_FALSE(key_of(a, f1) == key_of(a, f3));
    auto f4 = finding("procedure-waktu-missing", 1, "waktu", 4);
    auto f5 = finding("procedure-waktu-missing", 1, "waktu", 5);
    EXPECT_FALSE(key_of(a, f4) == key_of(a, f5));
    EXPECT_EQ(key_of(a, f4).sop, 1);
    EXPECT_EQ(key_of(a, f1).row, -1);
}

TEST(Changes, FilesNewChangedRemoved) {
    std::vector<audit::FileResult> before = {file("a", "1", {}), file("b", "2", {}),
                                             file("c", "3", {})};
    std::vector<audit::FileResult> after = {file("a", "1", {}), file("b", "22", {}),
                                            file("d", "4", {})};
    Changes c = diff(reported_files(before), {}, reported_files(after), {});
    ASSERT_EQ(c.new_files.size(), 1u);
    EXPECT_EQ(c.new_files[0].path, "d");
    ASSERT_EQ(c.changed_files.size(), 1u);
    EXPECT_EQ(c.changed_files[0].path, "b");
    ASSERT_EQ(c.removed_files.size(), 1u);
    EXPECT_EQ(c.removed_files[0].path, "c");
}

TEST(Changes, SameRootRelativePathUnderTwoRootsAreTwoFiles) {
    auto x = file("a", "1", {});
    auto y = file("a", "1", {});
    y.root = "/other";
    Changes c = diff(reported_files({x}), {}, reported_files({x, y}), {});
    ASSERT_EQ(c.new_files.size(), 1u);
    EXPECT_EQ(c.new_files[0].root, "/other");
}

TEST(Changes, FindingsNewAndResolvedAsMultisets) {
    auto before = std::vector<audit::FileResult>{
        file("a", "1",
             {finding("identity-field-empty", 0, "nomor", std::nullopt),
              finding("procedure-waktu-missing", 0, "waktu", 3),
              finding("procedure-waktu-missing", 0, "waktu", 3)})};
    auto after = std::vector<audit::FileResult>{
        file("a", "2",
             {finding("procedure-waktu-missing", 0, "waktu", 3, "reworded"),
              finding("identity-date-invalid", 0, "tanggal_efektif", std::nullopt)})};
    Changes c = diff(reported_files(before), reported_findings(before), reported_files(after),
                     reported_findings(after));
    ASSERT_EQ(c.new_findings.size(), 1u);
    EXPECT_EQ(c.new_findings[0].key.rule, "identity-date-invalid");
    ASSERT_EQ(c.resolved_findings.size(), 2u);
    // Sorted by key: identity-field-empty < procedure-waktu-missing.
    EXPECT_EQ(c.resolved_findings[0].key.rule, "identity-field-empty");
    EXPECT_EQ(c.resolved_findings[1].key.rule, "procedure-waktu-missing");
    EXPECT_EQ(c.resolved_findings[1].key.row, 3);
}

TEST(Changes, RemovedFileResolvesItsFindings) {
    auto before = std::vector<audit::FileResult>{file(
        "gone", "1", {finding("ingest-unreadable", std::nullopt, std::nullopt, std::nullopt)})};
    Changes c = diff(reported_files(before), reported_findings(before), {}, {});
    EXPECT_EQ(c.removed_files.size(), 1u);
    ASSERT_EQ(c.resolved_findings.size(), 1u);
    EXPECT_EQ(c.resolved_findings[0].key.path, "gone");
}

TEST(Changes, JsonHasCountsAndLocations) {
    auto after = std::vector<audit::FileResult>{
        file("a", "1", {finding("procedure-waktu-missing", 0, "waktu", 3)})};
    Changes c = diff({}, {}, reported_files(after), reported_findings(after));
    c.previous_run = 7;
    c.previous_finished_at = "2026-01-01T00:00:00+07:00";
    std::ostringstream out;
    to_json(c)->stringify(out);
    const std::string s = out.str();
    EXPECT_NE(s.find("\"previous_run\":7"), std::string::npos) << s;
    EXPECT_NE(s.find("\"new_files\":1"), std::string::npos) << s;
    EXPECT_NE(s.find("\"new_findings\":1"), std::string::npos) << s;
    EXPECT_NE(s.find("\"location\":{\"sop\":0,\"row\":3,\"field\":\"waktu\"}"), std::string::npos)
        << s;
    // Key order is kept (Poco sorts otherwise): previous_run comes first.
    EXPECT_EQ(s.find("{\"previous_run\""), 0u) << s;
}

TEST(Changes, FirstRunJsonHasNullPrevious) {
    std::ostringstream out;
    to_json(Changes{})->stringify(out);
    EXPECT_NE(out.str().find("\"previous_run\":null"), std::string::npos) << out.str();
}
