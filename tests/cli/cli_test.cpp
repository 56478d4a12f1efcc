// The command line, through the built binary.
#include "pipeline/config.hpp"
#include "support/support.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <regex>

namespace sopaudit {
namespace {

using test::run_sopaudit;

std::size_t lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

// Exit 2, nothing on stdout, one line on stderr that names the problem.
void expect_usage_error(const test::CommandResult& r, const std::string& mention) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("sopaudit: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
}

TEST(Cli, Help) {
    for (const char* flag : {"--help", "-h"}) {
        const auto r = run_sopaudit({flag});
        EXPECT_EQ(r.exit_code, 0);
        EXPECT_NE(r.out.find("sopaudit scan"), std::string::npos);
        EXPECT_NE(r.out.find("--lang"), std::string::npos);
        EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
    }
    EXPECT_EQ(run_sopaudit({"scan", "--help"}).exit_code, 0);
}

TEST(Cli, HelpNamesEveryLimitAndLimitValuesAreChecked) {
    const auto help = run_sopaudit({"--help"}).out;
    for (const auto& name : pipeline::limit_names()) {
        EXPECT_NE(help.find(name), std::string::npos) << name;
    }
    expect_usage_error(run_sopaudit({"scan", ".", "--limit", "max_paragraph_bytes=0"}),
                       "max_paragraph_bytes must be positive");
    expect_usage_error(run_sopaudit({"scan", ".", "--limit", "max_pages=2.5"}),
                       "max_pages wants a positive whole number");
    const auto c = run_sopaudit({"config", "--limit", "max_paragraph_bytes=12345"});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.out.find("max_paragraph_bytes = 12345\n"), std::string::npos) << c.out;
}

// The example of deploy/ (README, "Nightly operation") is a config file sopaudit accepts.
TEST(Cli, DeployExampleConfigIsValid) {
    const auto ini = test::source_dir() / "deploy" / "sopaudit.ini";
    const auto r = run_sopaudit({"config", "--config", ini.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("folders = /srv/sop\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("state = /var/lib/sopaudit/state.db\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("max_seconds_per_file = 300\n"), std::string::npos) << r.out;
}

TEST(Cli, Version) {
    const auto r = run_sopaudit({"--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^sopaudit \d+\.\d+\.\d+\n)"))) << r.out;
    EXPECT_NE(r.out.find("Tesseract"), std::string::npos);
}

TEST(Cli, BadUsageIsExitTwoWithOneLine) {
    expect_usage_error(run_sopaudit({}), "no command");
    expect_usage_error(run_sopaudit({"frobnicate"}), "unknown command 'frobnicate'");
    expect_usage_error(run_sopaudit({"--frob"}), "unknown option '--frob'");
    expect_usage_error(run_sopaudit({"scan"}), "at least one PATH");
    expect_usage_error(run_sopaudit({"scan", ".", "--bogus"}), "unknown option '--bogus'");
    expect_usage_error(run_sopaudit({"scan", ".", "--jobs"}), "'--jobs' needs a value");
    expect_usage_error(run_sopaudit({"scan", ".", "--jobs", "zero"}), "--jobs");
    expect_usage_error(run_sopaudit({"scan", ".", "--jobs", "0"}), "--jobs");
    expect_usage_error(run_sopaudit({"scan", ".", "--lang", "fr"}), "--lang must be id or en");
    expect_usage_error(run_sopaudit({"scan", ".", "--limit", "max_pages"}), "NAME=VALUE");
    expect_usage_error(run_sopaudit({"scan", ".", "--limit", "max_bananas=3"}), "unknown limit");
    expect_usage_error(run_sopaudit({"scan", "/nonexistent/sopaudit-input"}), "input not found");
    expect_usage_error(run_sopaudit({"rules", "extra"}), "takes no PATH");
}

TEST(Cli, BadRuleFileIsExitTwoWithOneLine) {
    test::TempDir dir;
    test::write_file(dir / "rules.json", "{\"id\": \"x\", \"rules\": [ {\"id\": \"a\"} ]}");
    const auto r = run_sopaudit({"scan", dir.path().string(), "--out", (dir / "out").string(),
                                 "--rules", (dir / "rules.json").string()});
    expect_usage_error(r, "configuration error");
    expect_usage_error(run_sopaudit({"rules", "--rules", (dir / "missing.json").string()}),
                       "cannot open rule file");
}

TEST(Cli, ExitCodeZeroWithoutErrorsOneWithErrors) {
    test::TempDir dir;
    test::write_file(dir / "bersih/.tersembunyi.docx", "skipped, hidden");
    const auto clean =
        run_sopaudit({"scan", (dir / "bersih").string(), "--out", (dir / "o1").string()});
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    EXPECT_NE(clean.out.find("0 berkas"), std::string::npos) << clean.out;

    test::write_file(dir / "kotor/kosong.docx", "");
    const auto dirty =
        run_sopaudit({"scan", (dir / "kotor").string(), "--out", (dir / "o2").string()});
    EXPECT_EQ(dirty.exit_code, 1) << dirty.err;
    EXPECT_EQ(lines(dirty.out), 1u) << dirty.out;
    EXPECT_NE(dirty.out.find("1 berkas"), std::string::npos) << dirty.out;
    EXPECT_NE(dirty.out.find("1 galat"), std::string::npos) << dirty.out;
}

TEST(Cli, LangEnGivesEnglishMessages) {
    test::TempDir dir;
    test::write_file(dir / "in/kosong.docx", "");
    for (const auto& [lang, expected] : std::vector<std::pair<std::string, std::string>>{
             {"en", "The file cannot be read"}, {"id", "Berkas tidak dapat dibaca"}}) {
        const auto r = run_sopaudit({"scan", (dir / "in").string(), "--out", (dir / lang).string(),
                                     "--lang", lang, "--quiet"});
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_EQ(r.out, ""); // --quiet
        const auto report = test::parse_json_file(dir / lang / "report.json");
        const auto file = test::file_entry(report, "kosong.docx");
        ASSERT_TRUE(file);
        const auto message =
            file->getArray("findings")->getObject(0)->getValue<std::string>("message");
        EXPECT_EQ(message.rfind(expected, 0), 0u) << message;
        EXPECT_EQ(report->getObject("run")->getValue<std::string>("lang"), lang);
    }
}

TEST(Cli, RulesListsTheRuleSet) {
    const auto r = run_sopaudit({"rules"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* id :
         {"ingest-unreadable", "ingest-encrypted", "ingest-unsupported", "ingest-limit"}) {
        EXPECT_NE(r.out.find(id), std::string::npos) << id;
    }
}

TEST(Cli, VerboseSaysWhichOpenMpThreadLimitTheReadersGet) {
    test::TempDir dir;
    test::write_file(dir / "in/a.txt", "x");
    const std::vector<std::string> scan = {test::sopaudit_binary(), "scan",
                                           (dir / "in").string(),   "--out",
                                           (dir / "out").string(),  "--verbose"};
    std::vector<std::string> args = {"-u", "OMP_THREAD_LIMIT"};
    args.insert(args.end(), scan.begin(), scan.end());
    const auto unset = test::run("/usr/bin/env", args);
    EXPECT_NE(unset.err.find("readers' OMP_THREAD_LIMIT=1"), std::string::npos) << unset.err;

    std::vector<std::string> user = {"OMP_THREAD_LIMIT=3"};
    user.insert(user.end(), scan.begin(), scan.end());
    const auto kept = test::run("/usr/bin/env", user);
    EXPECT_NE(kept.err.find("readers' OMP_THREAD_LIMIT=3"), std::string::npos) << kept.err;
}

} // namespace
} // namespace sopaudit
