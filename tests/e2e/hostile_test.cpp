// End to end over the hostile corpus (issue 7): tests/hostile/gen_hostile.py writes it into a
// temporary folder at test time, `sopaudit scan` runs over it, and every file must get the
// outcome tests/hostile/expected.json gives it, with no crash, no hang, no byte of a local file
// (/etc/passwd, /etc/hostname, a secret file of the test's own) in any output, hostile markup
// escaped in every output, and the good files of the same run still audited.

#include "support/support.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace sopaudit;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kImg = "\"><img src=x onerror=alert(1)>";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool starts_with(const std::string& s, const std::string& p) {
    return s.rfind(p, 0) == 0;
}

bool ends_with(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

std::vector<std::string> strings_of(const Array::Ptr& a) {
    std::vector<std::string> out;
    for (std::size_t i = 0; a && i < a->size(); ++i)
        out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

// The ingest-* findings of a report file entry: (rule, message).
std::vector<std::pair<std::string, std::string>> ingest_findings(const Object::Ptr& file) {
    std::vector<std::pair<std::string, std::string>> out;
    auto findings = file->getArray("findings");
    for (std::size_t i = 0; findings && i < findings->size(); ++i) {
        auto f = findings->getObject(static_cast<unsigned>(i));
        auto rule = f->getValue<std::string>("rule");
        if (starts_with(rule, "ingest-"))
            out.emplace_back(rule, f->getValue<std::string>("message"));
    }
    return out;
}

// RFC 4180 CSV into rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text, bool& well_formed) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false, in_quotes = false;
    well_formed = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            if (!cell.empty())
                well_formed = false; // a quote in the middle of an unquoted cell
            in_quotes = quoted = true;
        } else if (c == ',') {
            rows.back().push_back(cell);
            cell.clear();
            quoted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            rows.back().push_back(cell);
            cell.clear();
            quoted = false;
            rows.emplace_back();
        } else {
            cell += c;
        }
    }
    if (in_quotes)
        well_formed = false;
    if (!cell.empty() || quoted)
        rows.back().push_back(cell);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

// Every file the run wrote (recursively) plus its stdout and stderr, by name.
std::map<std::string, std::string> outputs_of(const fs::path& out_dir,
                                              const test::CommandResult& r) {
    std::map<std::string, std::string> out{{"<stdout>", r.out}, {"<stderr>", r.err}};
    for (const auto& e : fs::recursive_directory_iterator(out_dir))
        if (e.is_regular_file())
            out[fs::relative(e.path(), out_dir).string()] = test::read_file(e.path());
    return out;
}

class HostileCorpus : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp = new test::TempDir();
        corpus = tmp->path() / "corpus";
        out = tmp->path() / "out";
        secret_file = tmp->path() / "secret.txt";
        secret = "SOPAUDIT-SECRET-" + std::to_string(::getpid()) + "-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
        test::write_file(secret_file, secret + "\n");

        gen = test::run("/usr/bin/env",
                        {"python3", (test::source_dir() / "tests/hostile/gen_hostile.py").string(),
                         corpus.string(), "--secret-file", secret_file.string()});
        expected = test::parse_json_file(test::source_dir() / "tests/hostile/expected.json")
                       ->getObject("files");

        const auto start = std::chrono::steady_clock::now();
        scan = test::run_sopaudit({"scan", corpus.string(), "--out", out.string()});
        scan_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (fs::exists(out / "report.json"))
            report = test::parse_json_file(out / "report.json");
    }
    static void TearDownTestSuite() {
        delete tmp;
        tmp = nullptr;
    }

    static test::TempDir* tmp;
    static fs::path corpus, out, secret_file;
    static std::string secret;
    static test::CommandResult gen, scan;
    static double scan_seconds;
    static Object::Ptr expected, report;
};

test::TempDir* HostileCorpus::tmp = nullptr;
fs::path HostileCorpus::corpus, HostileCorpus::out, HostileCorpus::secret_file;
std::string HostileCorpus::secret;
test::CommandResult HostileCorpus::gen, HostileCorpus::scan;
double HostileCorpus::scan_seconds = 0;
Object::Ptr HostileCorpus::expected, HostileCorpus::report;

TEST_F(HostileCorpus, GeneratorRanAndScanFinishedWithoutCrashOrHang) {
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    // 0: no error findings, 1: error findings; 2 would be the tool's own failure, a signal worse.
    EXPECT_TRUE(scan.exit_code == 0 || scan.exit_code == 1) << "exit " << scan.exit_code << "\n"
                                                            << scan.err;
    EXPECT_LT(scan_seconds, 240.0) << "the run must not hang on any file";
    ASSERT_TRUE(report) << "no report.json\n" << scan.err;
    EXPECT_EQ(test::schema_errors(out / "report.json"), "");
}

TEST_F(HostileCorpus, EveryFileGetsItsExpectedOutcome) {
    ASSERT_TRUE(report);
    for (const auto& name : expected->getNames()) {
        SCOPED_TRACE(name);
        auto exp = expected->getObject(name);
        const auto outcome = exp->getValue<std::string>("outcome");
        auto entry = test::file_entry(report, name);
        if (outcome == "absent") {
            EXPECT_FALSE(entry) << name << " must not be in the report";
            continue;
        }
        if (outcome == "absent-or-failed" && !entry)
            continue;
        ASSERT_TRUE(entry) << name << " is missing from the report";
        const auto allowed = strings_of(exp->getArray("ingest"));
        const auto got = ingest_findings(entry);
        const auto status = entry->getValue<std::string>("status");
        std::string got_rules;
        for (const auto& [rule, message] : got)
            got_rules += rule + " (" + message + ") ";

        if (exp->has("format") && !exp->isNull("format")) {
            EXPECT_EQ(entry->getValue<std::string>("format"), exp->getValue<std::string>("format"));
        }

        if (outcome == "failed" || outcome == "absent-or-failed") {
            EXPECT_EQ(status, "failed");
            ASSERT_EQ(got.size(), 1u) << "one ingest-* finding per failed file; got " << got_rules;
            EXPECT_NE(std::find(allowed.begin(), allowed.end(), got[0].first), allowed.end())
                << "got " << got_rules;
            EXPECT_EQ(entry->getArray("sops")->size(), 0u);
            if (exp->has("message_contains")) {
                EXPECT_NE(lower(got[0].second).find(exp->getValue<std::string>("message_contains")),
                          std::string::npos)
                    << "message: " << got[0].second;
            }
        } else {
            ASSERT_EQ(outcome, "audited");
            EXPECT_EQ(status, "audited");
            for (const auto& [rule, message] : got) {
                EXPECT_NE(std::find(allowed.begin(), allowed.end(), rule), allowed.end())
                    << "unexpected " << rule << ": " << message;
            }
            if (!allowed.empty()) {
                EXPECT_FALSE(got.empty()) << "expected one of the allowed ingest-* findings";
            }
            const auto sops = entry->getArray("sops")->size();
            if (exp->has("min_sops")) {
                EXPECT_GE(sops, exp->getValue<std::size_t>("min_sops"));
            }
        }
    }
}

TEST_F(HostileCorpus, ReportHoldsNothingButTheCorpusFiles) {
    ASSERT_TRUE(report);
    auto files = report->getArray("files");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < files->size(); ++i) {
        const auto path = files->getObject(static_cast<unsigned>(i))->getValue<std::string>("path");
        EXPECT_TRUE(seen.insert(path).second) << path << " reported twice";
        EXPECT_TRUE(expected->has(path)) << path << " is not a corpus file (a loop followed?)";
        EXPECT_FALSE(starts_with(path, "loop/again/") || starts_with(path, "loop/up/")) << path;
    }
}

TEST_F(HostileCorpus, NoByteOfALocalFileInAnyOutput) {
    ASSERT_TRUE(report);
    std::vector<std::string> needles{secret};
    std::istringstream passwd(test::read_file("/etc/passwd"));
    for (std::string line; std::getline(passwd, line);)
        if (line.size() >= 8)
            needles.push_back(line);
    // The first field of each passwd line with its ':x:' is specific enough on its own.
    needles.push_back("root:x:0:0");
    if (fs::exists("/etc/hostname")) {
        std::string host = test::read_file("/etc/hostname");
        while (!host.empty() && (host.back() == '\n' || host.back() == ' '))
            host.pop_back();
        if (host.size() >= 6) // shorter names would match ordinary words by chance
            needles.push_back(host);
    }
    for (const auto& [name, content] : outputs_of(out, scan))
        for (const auto& n : needles)
            EXPECT_EQ(content.find(n), std::string::npos) << "'" << n << "' leaked into " << name;
    // The zip-slip member was never written anywhere.
    EXPECT_FALSE(fs::exists("/tmp/sopaudit-zip-slip-evil.txt"));
    EXPECT_FALSE(fs::exists(corpus.parent_path() / "sopaudit-zip-slip-evil.txt"));
}

TEST_F(HostileCorpus, HostileMarkupIsKeptAsTextInJson) {
    ASSERT_TRUE(report);
    auto xss = test::file_entry(report, "xss.docx");
    ASSERT_TRUE(xss);
    auto sops = xss->getArray("sops");
    ASSERT_GE(sops->size(), 1u);
    auto identity = sops->getObject(0)->getObject("identity");
    ASSERT_TRUE(identity && identity->has("nama") && !identity->isNull("nama"));
    EXPECT_EQ(identity->getObject("nama")->getValue<std::string>("text"), kScript);
    auto steps = sops->getObject(0)->getArray("steps");
    ASSERT_GE(steps->size(), 1u);
    EXPECT_EQ(steps->getObject(0)->getValue<std::string>("output"), kImg);
}

TEST_F(HostileCorpus, HostileMarkupIsEscapedInHtml) {
    ASSERT_TRUE(report);
    int html_files = 0;
    bool shown_escaped = false;
    for (const auto& [name, content] : outputs_of(out, scan)) {
        if (!ends_with(name, ".html"))
            continue;
        ++html_files;
        EXPECT_EQ(content.find("<script>alert(1)"), std::string::npos) << name;
        EXPECT_EQ(lower(content).find("<img src=x"), std::string::npos) << name;
        EXPECT_EQ(lower(content).find("onerror=alert(1)>"), std::string::npos) << name;
        shown_escaped = shown_escaped ||
                        content.find("&lt;script&gt;alert(1)") != std::string::npos ||
                        content.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos;
    }
    ASSERT_GT(html_files, 0) << "the scan wrote no HTML report";
    EXPECT_TRUE(shown_escaped) << "the hostile text must be shown, escaped, not dropped";
}

TEST_F(HostileCorpus, CsvIsWellFormedAndFormulaFree) {
    ASSERT_TRUE(report);
    int csv_files = 0;
    for (const auto& [name, content] : outputs_of(out, scan)) {
        if (!ends_with(name, ".csv"))
            continue;
        ++csv_files;
        bool ok = true;
        auto rows = parse_csv(content, ok);
        EXPECT_TRUE(ok) << name << " is not well-formed CSV";
        ASSERT_FALSE(rows.empty()) << name;
        bool saw_cmd_file = false;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            EXPECT_EQ(rows[r].size(), rows[0].size()) << name << " row " << r;
            for (const auto& cell : rows[r]) {
                saw_cmd_file = saw_cmd_file || cell.find("cmd+1.docx") != std::string::npos;
                // A cell a spreadsheet would run as a formula (CSV injection).
                EXPECT_FALSE(!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '@'))
                    << name << " row " << r << ": " << cell;
            }
        }
        EXPECT_TRUE(saw_cmd_file) << name << " does not list =cmd+1.docx";
    }
    EXPECT_GT(csv_files, 0) << "the scan wrote no CSV report";
}

// Isolation through the real binary: a reader that hangs or crashes on one file (forced with
// the test-only SOPAUDIT_TEST_READER_FAULT switch) fails that file only.
TEST(HostileIsolation, HangAndCrashFailOnlyTheirFiles) {
    test::TempDir tmp;
    const auto corpus = tmp.path() / "in";
    const auto out = tmp.path() / "out";
    auto gen = test::run("/usr/bin/env",
                         {"python3", (test::source_dir() / "tests/hostile/gen_hostile.py").string(),
                          (tmp.path() / "full").string(), "--only", "sop-valid.docx"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    fs::create_directories(corpus);
    for (const char* name : {"hang-here.docx", "crash-here.docx", "fine.docx"})
        fs::copy_file(tmp.path() / "full/sop-valid.docx", corpus / name);

    ::setenv("SOPAUDIT_TEST_READER_FAULT", "hang:hang-here,crash:crash-here", 1);
    const auto start = std::chrono::steady_clock::now();
    auto r = test::run_sopaudit(
        {"scan", corpus.string(), "--out", out.string(), "--limit", "max_seconds_per_file=3"});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::unsetenv("SOPAUDIT_TEST_READER_FAULT");

    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    EXPECT_LT(seconds, 60.0);
    ASSERT_TRUE(fs::exists(out / "report.json")) << r.err;
    auto report = test::parse_json_file(out / "report.json");

    auto hang = test::file_entry(report, "hang-here.docx");
    ASSERT_TRUE(hang);
    EXPECT_EQ(hang->getValue<std::string>("status"), "failed");
    EXPECT_EQ(test::rule_ids(hang), std::vector<std::string>{"ingest-limit"});

    auto crash = test::file_entry(report, "crash-here.docx");
    ASSERT_TRUE(crash);
    EXPECT_EQ(crash->getValue<std::string>("status"), "failed");
    EXPECT_EQ(test::rule_ids(crash), std::vector<std::string>{"ingest-unreadable"});

    auto fine = test::file_entry(report, "fine.docx");
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->getValue<std::string>("status"), "audited");
    EXPECT_GE(fine->getArray("sops")->size(), 1u);
}

} // namespace
