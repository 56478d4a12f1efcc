#include "state/store.hpp"

#include <Poco/Data/Session.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace sopaudit;
using namespace sopaudit::state;
namespace fs = std::filesystem;

namespace {

struct StoreTest : ::testing::Test {
    fs::path dir;
    fs::path db;
    Fingerprint fp{"permenpan-35-2012", "1.0", "0.1.0", "lang=id"};

    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("sopaudit_store_" +
               std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
               std::to_string(getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "state.db";
    }
    void TearDown() override { fs::remove_all(dir); }

    static ingest::Candidate candidate(const std::string& path, std::uint64_t size,
                                       std::int64_t mtime) {
        ingest::Candidate c;
        c.root = "/in";
        c.relative = path;
        c.absolute = "/in/" + path;
        c.size = size;
        c.mtime_ns = mtime;
        return c;
    }

    static audit::FileResult result(const std::string& path, std::uint64_t size, std::int64_t mtime,
                                    const std::string& sha, std::vector<std::string> rules = {}) {
        audit::FileResult r;
        r.root = "/in";
        r.path = path;
        r.size = size;
        r.mtime_ns = mtime;
        r.sha256 = sha;
        r.format = "docx";
        r.status = "audited";
        for (const auto& rule : rules) {
            audit::Finding f;
            f.rule = rule;
            f.severity = audit::Severity::error;
            f.message = rule + " message";
            f.location.sop = 0;
            r.findings.push_back(f);
        }
        return r;
    }

    // A run the way the pipeline drives the store: decide, "audit" (put) what is not unchanged,
    // finish with the complete file list.
    Changes run(Store& store, const std::vector<audit::FileResult>& files, bool full = false,
                Fingerprint* override_fp = nullptr, std::vector<Decision>* decisions = nullptr) {
        store.begin_run("2026-01-01T00:00:00+07:00", {"/in"}, override_fp ? *override_fp : fp,
                        full);
        for (const auto& f : files) {
            Decision d = store.decide(candidate(f.path, f.size, f.mtime_ns));
            if (decisions) {
                decisions->push_back(d);
            }
            if (d != Decision::unchanged) {
                store.put(f, "{\"path\":\"" + f.path + "\",\"sha256\":\"" + f.sha256 + "\"}");
            }
        }
        Changes c = store.changes(reported_files(files), reported_findings(files));
        RunCounts counts;
        counts.files = static_cast<std::int64_t>(files.size());
        store.finish_run("2026-01-01T00:01:00+07:00", counts, 0, reported_files(files),
                         reported_findings(files));
        return c;
    }
};

} // namespace

TEST_F(StoreTest, FirstRunAddsEverythingAndHasNoPrevious) {
    Store store(db);
    std::vector<Decision> d;
    Changes c = run(store, {result("a.docx", 10, 100, "aa"), result("b.docx", 20, 200, "bb")},
                    false, nullptr, &d);
    EXPECT_EQ(d, (std::vector<Decision>{Decision::added, Decision::added}));
    EXPECT_FALSE(c.has_previous);
    EXPECT_TRUE(c.new_files.empty());
    EXPECT_EQ(store.file_count(), 2u);
}

TEST_F(StoreTest, UnchangedModifiedAddedRemovedAcrossReopen) {
    {
        Store store(db);
        run(store, {result("a.docx", 10, 100, "aa", {"identity-field-empty"}),
                    result("b.docx", 20, 200, "bb"), result("c.docx", 30, 300, "cc")});
    }
    Store store(db); // a new process would see exactly this
    std::vector<Decision> d;
    Changes c = run(store,
                    {result("a.docx", 10, 100, "aa", {"identity-field-empty"}),
                     result("b.docx", 21, 201, "b2", {"identity-date-invalid"}),
                     result("d.docx", 40, 400, "dd")},
                    false, nullptr, &d);
    EXPECT_EQ(d, (std::vector<Decision>{Decision::unchanged, Decision::changed, Decision::added}));
    ASSERT_TRUE(c.has_previous);
    ASSERT_EQ(c.new_files.size(), 1u);
    EXPECT_EQ(c.new_files[0].path, "d.docx");
    ASSERT_EQ(c.changed_files.size(), 1u);
    EXPECT_EQ(c.changed_files[0].path, "b.docx");
    ASSERT_EQ(c.removed_files.size(), 1u);
    EXPECT_EQ(c.removed_files[0].path, "c.docx");
    ASSERT_EQ(c.new_findings.size(), 1u);
    EXPECT_EQ(c.new_findings[0].key.rule, "identity-date-invalid");
    EXPECT_TRUE(c.resolved_findings.empty());
    // The removed file is forgotten; the unchanged one keeps its first result.
    EXPECT_EQ(store.find("/in", "c.docx"), nullptr);
    ASSERT_NE(store.find("/in", "a.docx"), nullptr);
    EXPECT_EQ(store.find("/in", "a.docx")->audited_run, 1);
    EXPECT_EQ(store.find("/in", "b.docx")->audited_run, 2);
    EXPECT_EQ(store.find("/in", "b.docx")->sha256, "b2");
    auto json = store.result_json("/in", "a.docx");
    ASSERT_TRUE(json);
    EXPECT_EQ(*json, "{\"path\":\"a.docx\",\"sha256\":\"aa\"}");
}

TEST_F(StoreTest, RulesetOrToolOrSettingsChangeMakesEverythingStale) {
    Store store(db);
    run(store, {result("a.docx", 10, 100, "aa")});
    for (auto change : {&Fingerprint::ruleset_version, &Fingerprint::tool_version,
                        &Fingerprint::settings, &Fingerprint::ruleset_id}) {
        Fingerprint other = fp;
        other.*change += "-x";
        std::vector<Decision> d;
        run(store, {result("a.docx", 10, 100, "aa")}, false, &other, &d);
        EXPECT_EQ(d, std::vector<Decision>{Decision::stale});
        // Audited again under the new fingerprint: the next run with it is unchanged.
        d.clear();
        run(store, {result("a.docx", 10, 100, "aa")}, false, &other, &d);
        EXPECT_EQ(d, std::vector<Decision>{Decision::unchanged});
        // Back to the original: stale again.
        d.clear();
        run(store, {result("a.docx", 10, 100, "aa")}, false, nullptr, &d);
        EXPECT_EQ(d, std::vector<Decision>{Decision::stale});
    }
}

TEST_F(StoreTest, FullForcesEveryKnownFile) {
    Store store(db);
    run(store, {result("a.docx", 10, 100, "aa")});
    std::vector<Decision> d;
    run(store, {result("a.docx", 10, 100, "aa"), result("n.docx", 1, 1, "nn")}, true, nullptr, &d);
    EXPECT_EQ(d, (std::vector<Decision>{Decision::forced, Decision::added}));
}

TEST_F(StoreTest, KilledRunKeepsCommittedBatchesAndDiffsAgainstLastCompleteReport) {
    {
        Store store(db);
        run(store, {result("a.docx", 10, 100, "aa", {"r1"}), result("b.docx", 20, 200, "bb")});
    }
    // A run that is killed: one file committed (batch of 1), the second only buffered. The child
    // ends with _exit, as with kill -9: no destructor, no flush, no finish_run.
    pid_t pid = fork();
    if (pid == 0) {
        Store store(db);
        store.set_batch(1, std::chrono::milliseconds(60000));
        store.begin_run("t", {"/in"}, fp, false);
        store.put(result("a.docx", 11, 101, "a2", {"r2"}), "{}");
        store.set_batch(100, std::chrono::milliseconds(60000));
        store.put(result("b.docx", 21, 201, "b2"), "{}");
        _exit(0);
    }
    int status = 1;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    Store store(db);
    auto runs = store.runs();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_TRUE(runs[0].finished_at.empty()); // the killed run
    EXPECT_FALSE(runs[0].exit_code);
    std::vector<Decision> d;
    Changes c =
        run(store, {result("a.docx", 11, 101, "a2", {"r2"}), result("b.docx", 21, 201, "b2")},
            false, nullptr, &d);
    // a was committed by the killed run; b was in flight and is audited again.
    EXPECT_EQ(d, (std::vector<Decision>{Decision::unchanged, Decision::changed}));
    // Relative to the last complete report (run 1), both files changed and r1 -> r2.
    EXPECT_EQ(c.previous_run, 1);
    EXPECT_EQ(c.changed_files.size(), 2u);
    ASSERT_EQ(c.new_findings.size(), 1u);
    EXPECT_EQ(c.new_findings[0].key.rule, "r2");
    ASSERT_EQ(c.resolved_findings.size(), 1u);
    EXPECT_EQ(c.resolved_findings[0].key.rule, "r1");
}

TEST_F(StoreTest, FileNotPutIsRetriedNextRunAndKeepsItsOldRow) {
    Store store(db);
    run(store, {result("a.docx", 10, 100, "aa")});
    // This run sees a.docx growing (still being copied): the pipeline does not put() it.
    store.begin_run("t", {"/in"}, fp, false);
    EXPECT_EQ(store.decide(candidate("a.docx", 15, 150)), Decision::changed);
    auto files = reported_files({result("a.docx", 15, 150, "partial")});
    store.finish_run("t2", {}, 1, files, {});
    ASSERT_NE(store.find("/in", "a.docx"), nullptr);
    EXPECT_EQ(store.find("/in", "a.docx")->sha256, "aa");
    store.begin_run("t3", {"/in"}, fp, false);
    EXPECT_EQ(store.decide(candidate("a.docx", 20, 200)), Decision::changed);
}

TEST_F(StoreTest, HistoryListsRunsNewestFirstWithCounts) {
    Store store(db);
    store.begin_run("s1", {"/in", "/in2"}, fp, false);
    RunCounts c;
    c.files = 3;
    c.audited = 2;
    c.unchanged = 1;
    c.errors = 5;
    c.new_findings = 4;
    store.finish_run("f1", c, 1, {}, {});
    store.begin_run("s2", {"/in"}, fp, true);
    store.finish_run("f2", {}, 0, {}, {});
    auto runs = store.runs();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].started_at, "s2");
    EXPECT_TRUE(runs[0].full);
    EXPECT_EQ(runs[1].counts.files, 3);
    EXPECT_EQ(runs[1].counts.audited, 2);
    EXPECT_EQ(runs[1].counts.errors, 5);
    EXPECT_EQ(runs[1].counts.new_findings, 4);
    EXPECT_EQ(runs[1].exit_code, 1);
    EXPECT_EQ(runs[1].inputs, "[\"/in\",\"/in2\"]");
    EXPECT_EQ(store.runs(1).size(), 1u);
}

TEST_F(StoreTest, NotADatabaseIsAStateError) {
    std::ofstream(db) << "this is not sqlite, just some text that is long enough to be a header";
    EXPECT_THROW(Store{db}, StateError);
}

TEST_F(StoreTest, NewerSchemaIsRefused) {
    { Store store(db); }
    {
        Poco::Data::Session s("SQLite", db.string());
        s << "UPDATE meta SET value = '99' WHERE key = 'schema_version'", Poco::Data::Keywords::now;
    }
    EXPECT_THROW(Store{db}, StateError);
}

TEST_F(StoreTest, DatabaseIsInWalMode) {
    { Store store(db); }
    Poco::Data::Session s("SQLite", db.string());
    std::string mode;
    s << "PRAGMA journal_mode", Poco::Data::Keywords::into(mode), Poco::Data::Keywords::now;
    EXPECT_EQ(mode, "wal");
}
