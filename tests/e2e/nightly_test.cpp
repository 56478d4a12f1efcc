// The nightly run end to end, through the built binary: incremental state, what changed, the
// lock, kill -9 in the middle of a run, identical reports whatever --jobs.

#include "state/lock.hpp"
#include "support/support.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Array.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace sopaudit;
using namespace sopaudit::test;
namespace fs = std::filesystem;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::vector<fs::path> sample_docx() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(source_dir() / "samples")) {
        if (e.path().extension() == ".docx") {
            out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The samples, plus a file that is not a document, under dir.
void fill(const fs::path& dir) {
    fs::create_directories(dir);
    for (const auto& s : sample_docx()) {
        fs::copy_file(s, dir / s.filename());
    }
    write_file(dir / "catatan.txt", "bukan dokumen SOP\n");
}

std::map<std::string, std::string> statuses(const Object::Ptr& report) {
    std::map<std::string, std::string> out;
    auto files = report->getArray("files");
    for (std::size_t i = 0; i < files->size(); ++i) {
        auto f = files->getObject(static_cast<unsigned>(i));
        out[f->getValue<std::string>("path")] = f->getValue<std::string>("status");
    }
    return out;
}

std::set<std::string> paths(const Object::Ptr& changes, const std::string& list) {
    std::set<std::string> out;
    auto a = changes->getArray(list);
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.insert(a->getObject(static_cast<unsigned>(i))->getValue<std::string>("path"));
    }
    return out;
}

std::int64_t mtime_ns(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

void set_mtime_ns(const fs::path& p, std::int64_t ns) {
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = ns / 1'000'000'000;
    times[0].tv_nsec = times[1].tv_nsec = ns % 1'000'000'000;
    ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0);
}

std::string integrity(const fs::path& db) {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session s("SQLite", db.string());
    std::string result;
    s << "PRAGMA integrity_check", Poco::Data::Keywords::into(result), Poco::Data::Keywords::now;
    return result;
}

std::string masked_times(std::string text) {
    static const std::regex times(R"re("(started_at|finished_at)": "[^"]*")re");
    return std::regex_replace(text, times, "\"$1\": \"T\"");
}

pid_t spawn_sopaudit(const std::vector<std::string>& args) {
    pid_t pid = fork();
    if (pid == 0) {
        std::vector<std::string> all = {sopaudit_binary()};
        all.insert(all.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : all) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        // Quiet: the test reads nothing from it.
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

} // namespace

TEST(Nightly, SecondRunReadsNothingThenSeesModifiedAddedRemoved) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fill(in);
    const std::size_t n = sample_docx().size() + 1;
    ASSERT_GE(n, 5u);

    auto r1 = run_sopaudit({"scan", in.string(), "--out", out.string(), "--quiet"});
    ASSERT_NE(r1.exit_code, 2) << r1.err;
    ASSERT_TRUE(fs::exists(out / "state.db"));
    auto rep1 = parse_json_file(out / "report.json");
    for (const auto& [path, status] : statuses(rep1)) {
        EXPECT_NE(status, "unchanged") << path;
    }
    auto ch1 = rep1->getObject("changes");
    ASSERT_TRUE(ch1);
    EXPECT_TRUE(ch1->isNull("previous_run"));

    auto r2 = run_sopaudit({"scan", in.string(), "--out", out.string(), "--quiet"});
    EXPECT_EQ(r2.exit_code, r1.exit_code) << r2.err;
    auto rep2 = parse_json_file(out / "report.json");
    auto st2 = statuses(rep2);
    ASSERT_EQ(st2.size(), n);
    for (const auto& [path, status] : st2) {
        EXPECT_EQ(status, "unchanged") << path;
    }
    // Carried results are the stored ones: same findings and SOPs as the first report.
    EXPECT_EQ(rep1->getObject("summary")->getObject("findings")->getValue<int>("error"),
              rep2->getObject("summary")->getObject("findings")->getValue<int>("error"));
    EXPECT_EQ(rep1->getObject("summary")->getValue<int>("sops"),
              rep2->getObject("summary")->getValue<int>("sops"));
    auto ch2 = rep2->getObject("changes");
    EXPECT_EQ(ch2->getValue<int>("previous_run"), 1);
    EXPECT_EQ(ch2->getObject("counts")->getValue<int>("new_findings"), 0);
    EXPECT_EQ(ch2->getObject("counts")->getValue<int>("resolved_findings"), 0);
    EXPECT_EQ(schema_errors(out / "report.json"), "");

    // A file whose size and mtime are kept is not read: overwrite sop-02's content with
    // garbage of the same size and put the mtime back. Still "unchanged" with its old findings.
    const auto samples = sample_docx();
    const fs::path kept = in / samples[1].filename();
    const auto kept_mtime = mtime_ns(kept);
    write_file(kept, std::string(fs::file_size(kept), 'x'));
    set_mtime_ns(kept, kept_mtime);
    // Modified: sop-01 gets sop-03's content (a defective SOP instead of a clean one).
    const fs::path modified = in / samples[0].filename();
    fs::copy_file(samples[2], modified, fs::copy_options::overwrite_existing);
    set_mtime_ns(modified, mtime_ns(modified) + 5'000'000'000);
    // Added and removed.
    fs::copy_file(samples[3], in / "baru.docx");
    fs::remove(in / "catatan.txt");

    auto r3 = run_sopaudit({"scan", in.string(), "--out", out.string(), "--quiet"});
    ASSERT_NE(r3.exit_code, 2) << r3.err;
    auto rep3 = parse_json_file(out / "report.json");
    auto st3 = statuses(rep3);
    EXPECT_EQ(st3[kept.filename().string()], "unchanged");
    EXPECT_EQ(st3[modified.filename().string()], "audited");
    EXPECT_EQ(st3["baru.docx"], "audited");
    EXPECT_EQ(st3.count("catatan.txt"), 0u);
    auto ch3 = rep3->getObject("changes");
    EXPECT_EQ(ch3->getValue<int>("previous_run"), 2);
    EXPECT_EQ(paths(ch3, "new_files"), std::set<std::string>{"baru.docx"});
    EXPECT_EQ(paths(ch3, "changed_files"), std::set<std::string>{modified.filename().string()});
    EXPECT_EQ(paths(ch3, "removed_files"), std::set<std::string>{"catatan.txt"});
    // sop-01 was clean; with sop-03's content it has new findings; catatan.txt's are resolved.
    EXPECT_TRUE(paths(ch3, "new_findings").count(modified.filename().string()));
    EXPECT_TRUE(paths(ch3, "new_findings").count("baru.docx"));
    EXPECT_EQ(paths(ch3, "resolved_findings").count("catatan.txt"), 1u);
    EXPECT_EQ(schema_errors(out / "report.json"), "");

    auto h = run_sopaudit({"history", "--out", out.string()});
    EXPECT_EQ(h.exit_code, 0) << h.err;
    EXPECT_NE(h.out.find("started"), std::string::npos) << h.out;
    // Three runs listed, newest first: run 3 line before run 1 line.
    std::regex line(R"(^\s+(\d+)\s+\d{4}-)");
    std::vector<int> ids;
    std::istringstream lines(h.out);
    for (std::string l; std::getline(lines, l);) {
        std::smatch m;
        if (std::regex_search(l, m, line)) {
            ids.push_back(std::stoi(m[1]));
        }
    }
    EXPECT_EQ(ids, (std::vector<int>{3, 2, 1})) << h.out;
}

TEST(Nightly, RuleSetOrLanguageChangeOrFullReauditsEverything) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fill(in);
    ASSERT_NE(run_sopaudit({"scan", in.string(), "--out", out.string(), "-q"}).exit_code, 2);
    auto all_audited = [&](const std::string& why) {
        for (const auto& [path, status] : statuses(parse_json_file(out / "report.json"))) {
            EXPECT_NE(status, "unchanged") << why << ": " << path;
        }
    };
    // A rule set that extends the shipped one under a new version.
    const fs::path rules = tmp / "kab.json";
    const auto shipped = source_dir() / "rules" / "permenpan-35-2012.json";
    auto shipped_json = parse_json_file(shipped);
    write_file(rules, "{\"extends\": \"" + shipped.string() + "\", \"id\": \"" +
                          shipped_json->getValue<std::string>("id") +
                          "\", \"version\": \"99-test\"}");
    auto r =
        run_sopaudit({"scan", in.string(), "--out", out.string(), "-q", "--rules", rules.string()});
    ASSERT_NE(r.exit_code, 2) << r.err;
    EXPECT_EQ(parse_json_file(out / "report.json")
                  ->getObject("ruleset")
                  ->getValue<std::string>("version"),
              "99-test");
    all_audited("rule set version");
    r = run_sopaudit({"scan", in.string(), "--out", out.string(), "-q", "--rules", rules.string(),
                      "--lang", "en"});
    ASSERT_NE(r.exit_code, 2) << r.err;
    all_audited("language");
    r = run_sopaudit({"scan", in.string(), "--out", out.string(), "-q", "--rules", rules.string(),
                      "--lang", "en", "--full"});
    ASSERT_NE(r.exit_code, 2) << r.err;
    all_audited("--full");
    r = run_sopaudit({"scan", in.string(), "--out", out.string(), "-q", "--rules", rules.string(),
                      "--lang", "en"});
    for (const auto& [path, status] : statuses(parse_json_file(out / "report.json"))) {
        EXPECT_EQ(status, "unchanged") << path;
    }
}

// A rule file that extends a base: editing only the base (here: one rule's severity) must
// re-audit everything, though the extending file and the rule set's id and version are the same.
TEST(Nightly, EditingTheBaseOfAnExtendedRuleSetReauditsEverything) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fill(in);
    const fs::path base = tmp / "rules" / "base.json", kab = tmp / "rules" / "kab" / "kab.json";
    const std::string shipped = read_file(source_dir() / "rules" / "permenpan-35-2012.json");
    write_file(base, shipped);
    write_file(kab, "{\"extends\": \"../base.json\"}\n");
    const std::vector<std::string> scan = {"scan", in.string(), "--out",     out.string(),
                                           "-q",   "--rules",   kab.string()};
    ASSERT_NE(run_sopaudit(scan).exit_code, 2);
    auto r = run_sopaudit(scan);
    ASSERT_NE(r.exit_code, 2) << r.err;
    for (const auto& [path, status] : statuses(parse_json_file(out / "report.json"))) {
        EXPECT_EQ(status, "unchanged") << "nothing changed yet: " << path;
    }
    // The base under a new title: same id and version, new content.
    auto base_json = parse_json_file(base);
    base_json->set("title", base_json->getValue<std::string>("title") + " (salinan kabupaten)");
    std::ostringstream edited;
    base_json->stringify(edited);
    write_file(base, edited.str());
    r = run_sopaudit(scan);
    ASSERT_NE(r.exit_code, 2) << r.err;
    const auto after = statuses(parse_json_file(out / "report.json"));
    ASSERT_FALSE(after.empty());
    for (const auto& [path, status] : after) {
        EXPECT_NE(status, "unchanged") << "base edited: " << path;
    }
}

TEST(Nightly, SecondRunOverTheSameStateRefusesWithExitTwo) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fill(in);
    fs::create_directories(out);
    write_file(out / "report.json", "{\"previous\": true}\n");
    {
        // This test process is the "first run": it holds the lock of out/state.db.
        state::Lock held(state::Lock::for_database(out / "state.db"));
        auto r = run_sopaudit({"scan", in.string(), "--out", out.string()});
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_NE(r.err.find("another sopaudit run (pid " + std::to_string(getpid()) + ")"),
                  std::string::npos)
            << r.err;
        // It wrote nothing: the previous report is untouched.
        EXPECT_EQ(read_file(out / "report.json"), "{\"previous\": true}\n");
    }
    auto r = run_sopaudit({"scan", in.string(), "--out", out.string(), "-q"});
    EXPECT_NE(r.exit_code, 2) << r.err;
}

TEST(Nightly, TwoBinariesAtOnceOneRefuses) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fs::create_directories(in);
    const auto samples = sample_docx();
    // Enough files that the first run still holds the lock when the second starts.
    for (int copy = 0; copy < 24; ++copy) {
        for (const auto& s : samples) {
            fs::copy_file(s, in / (std::to_string(copy) + "-" + s.filename().string()));
        }
    }
    pid_t first = spawn_sopaudit({"scan", in.string(), "--out", out.string(), "--jobs", "1"});
    // Wait until the first holds the lock (its pid is in the lock file).
    const fs::path lock = out / "state.db.lock";
    for (int i = 0; i < 500; ++i) {
        if (fs::exists(lock) && read_file(lock).find(std::to_string(first)) != std::string::npos) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    auto second = run_sopaudit({"scan", in.string(), "--out", out.string()});
    int status = 0;
    waitpid(first, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_NE(WEXITSTATUS(status), 2);
    EXPECT_EQ(second.exit_code, 2) << second.err;
    EXPECT_NE(second.err.find("another sopaudit run"), std::string::npos) << second.err;
}

TEST(Nightly, KillNineAtAnyPointNeverCorruptsStateOrReport) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fs::create_directories(in);
    const auto samples = sample_docx();
    std::size_t n = 0;
    // Enough files (128) that the latest kill (1 s) still lands in the middle of a run.
    for (int copy = 0; copy < 16; ++copy) {
        for (const auto& s : samples) {
            fs::copy_file(s, in / (std::to_string(copy) + "-" + s.filename().string()));
            ++n;
        }
    }
    // A previous complete report to protect.
    ASSERT_NE(run_sopaudit({"scan", (in / ("0-" + samples[0].filename().string())).string(),
                            "--out", out.string(), "--no-state", "-q"})
                  .exit_code,
              2);
    int kills = 0;
    for (int delay_ms : {30, 120, 250, 400, 700, 1000}) {
        fs::remove(out / "state.db"); // every kill hits a first, long run
        fs::remove(out / "state.db-wal");
        fs::remove(out / "state.db-shm");
        pid_t pid = spawn_sopaudit({"scan", in.string(), "--out", out.string(), "--jobs", "2"});
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        kills += ::kill(pid, SIGKILL) == 0;
        int status = 0;
        waitpid(pid, &status, 0);
        // Whatever the moment, report.json is a whole report (the old one or the new one).
        auto report = parse_json_file(out / "report.json");
        ASSERT_TRUE(report) << "delay " << delay_ms;
        EXPECT_TRUE(report->has("files"));
        if (fs::exists(out / "state.db")) {
            EXPECT_EQ(integrity(out / "state.db"), "ok") << "delay " << delay_ms;
        }
        // The next run over the killed state completes normally and has every file.
        if (delay_ms == 250 || delay_ms == 1000) {
            auto r = run_sopaudit({"scan", in.string(), "--out", out.string(), "-q"});
            ASSERT_NE(r.exit_code, 2) << r.err;
            EXPECT_EQ(statuses(parse_json_file(out / "report.json")).size(), n);
            EXPECT_EQ(integrity(out / "state.db"), "ok");
            auto again = run_sopaudit({"scan", in.string(), "--out", out.string(), "-q"});
            for (const auto& [path, st] : statuses(parse_json_file(out / "report.json"))) {
                EXPECT_EQ(st, "unchanged") << path;
            }
        }
    }
    EXPECT_GT(kills, 0);
}

TEST(Nightly, ReportsAreByteIdenticalAcrossJobsApartFromTimes) {
    TempDir tmp;
    const fs::path in = tmp / "in";
    fs::create_directories(in);
    const auto samples = sample_docx();
    for (int copy = 0; copy < 4; ++copy) {
        for (const auto& s : samples) {
            fs::create_directories(in / ("d" + std::to_string(copy)));
            fs::copy_file(s, in / ("d" + std::to_string(copy)) / s.filename());
        }
    }
    write_file(in / "rusak.docx", "PK\x03\x04 not really a zip");
    auto a = run_sopaudit({"scan", in.string(), "--out", (tmp / "a").string(), "-j", "1", "-q"});
    auto b = run_sopaudit({"scan", in.string(), "--out", (tmp / "b").string(), "-j", "2", "-q"});
    ASSERT_NE(a.exit_code, 2) << a.err;
    EXPECT_EQ(a.exit_code, b.exit_code);
    const std::string ja = masked_times(read_file(tmp / "a" / "report.json"));
    const std::string jb = masked_times(read_file(tmp / "b" / "report.json"));
    EXPECT_GT(ja.size(), 1000u);
    EXPECT_EQ(ja, jb);
    EXPECT_NE(ja.find("\"started_at\": \"T\""), std::string::npos) << ja.substr(0, 400);
}

TEST(Nightly, ConfigFileAndOverridesAndIncludeExclude) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "laporan";
    fill(in);
    fs::create_directories(in / "arsip");
    fs::copy_file(sample_docx()[0], in / "arsip" / "lama.docx");
    write_file(tmp / "sopaudit.ini", "[input]\nfolders = in\ninclude = *.docx\nexclude = arsip/*\n"
                                     "[output]\ndir = laporan\n[run]\njobs = 1\n");
    auto c = run_sopaudit({"config", "--config", (tmp / "sopaudit.ini").string(), "--jobs", "2"});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.out.find("folders = " + in.string()), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("state = " + (out / "state.db").string()), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("jobs = 2"), std::string::npos) << c.out;
    auto r = run_sopaudit({"scan", "--config", (tmp / "sopaudit.ini").string(), "-q"});
    ASSERT_NE(r.exit_code, 2) << r.err;
    auto st = statuses(parse_json_file(out / "report.json"));
    EXPECT_EQ(st.size(), sample_docx().size()); // no .txt, nothing under arsip/
    EXPECT_EQ(st.count("catatan.txt"), 0u);
    EXPECT_EQ(st.count("arsip/lama.docx"), 0u);
    auto bad = run_sopaudit({"scan", "--config", (tmp / "missing.ini").string()});
    EXPECT_EQ(bad.exit_code, 2);
}

TEST(Nightly, LogLinesWhenNotATerminal) {
    TempDir tmp;
    const fs::path in = tmp / "in", out = tmp / "out";
    fill(in);
    auto r = run_sopaudit({"scan", in.string(), "--out", out.string()});
    ASSERT_NE(r.exit_code, 2) << r.err;
    // stderr is a pipe here: timestamped lines, no carriage returns, a summary at the end.
    EXPECT_EQ(r.err.find('\r'), std::string::npos);
    EXPECT_TRUE(std::regex_search(
        r.err, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* \w+ run started)")))
        << r.err;
    EXPECT_NE(r.err.find("diaudit, 0 tidak berubah"), std::string::npos) << r.err;
    // One summary: the line on stdout is the log's last line, after its timestamp and level.
    ASSERT_FALSE(r.out.empty());
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
    EXPECT_TRUE(r.out.rfind("sopaudit: ", 0) == 0) << r.out;
    EXPECT_EQ(r.err.substr(r.err.size() - r.out.size()), r.out) << r.err;
    auto q = run_sopaudit({"scan", in.string(), "--out", out.string(), "--quiet"});
    EXPECT_EQ(q.err, "");
}
