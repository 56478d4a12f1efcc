// index.html in a real browser (Debian's chromium, headless): the injection sample renders as
// text, no injected script or handler runs, our own filter script runs without errors. Label
// "browser"; skipped only when /usr/bin/chromium is not installed.

#include "report/html_report.hpp"
#include "report/report_fixtures.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

using namespace sopaudit;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_chromium = "/usr/bin/chromium";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

struct BrowserRun {
    int status = -1;
    std::string dom;
    std::string log;
};

// Runs headless chromium on a file; extra is "--dump-dom" or "--screenshot=...".
BrowserRun run_chromium(const fs::path& work, const fs::path& html, const std::string& extra) {
    const auto profile = work / ("profile-" + std::to_string(std::rand()));
    fs::create_directories(profile);
    const auto out = work / "stdout.txt", err = work / "stderr.txt";
    const std::string cmd = std::string("timeout 90 ") + k_chromium +
                            " --headless --no-sandbox --disable-gpu --disable-background-networking"
                            " --no-first-run --window-size=1300,2400 --enable-logging=stderr --v=0"
                            " --user-data-dir='" +
                            profile.string() + "' " + extra + " 'file://" + html.string() + "' >'" +
                            out.string() + "' 2>'" + err.string() + "'";
    BrowserRun run;
    run.status = std::system(cmd.c_str());
    run.dom = slurp(out);
    run.log = slurp(err);
    return run;
}

// Lines of the browser log that report a page problem (console errors, CSP refusals).
std::string page_errors(const std::string& log) {
    std::string out;
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("CONSOLE") != std::string::npos ||
            line.find("Uncaught") != std::string::npos ||
            line.find("Refused to") != std::string::npos) {
            out += line + "\n";
        }
    }
    return out;
}

std::size_t count(const std::string& s, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) {
        ++n;
    }
    return n;
}

class Browser : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(k_chromium)) {
            GTEST_SKIP() << k_chromium << " is not installed (apt-get install chromium); the "
                         << "browser check of index.html did not run";
        }
        work = fs::temp_directory_path() / ("sopaudit-browser-" + std::to_string(::getpid()));
        fs::remove_all(work);
        fs::create_directories(work);
        report::write_html(work / "out", report::testing::sample_results(),
                           report::testing::shipped_rules(), audit::Lang::id,
                           report::testing::run_info());
    }
    void TearDown() override {
        if (!work.empty()) {
            fs::remove_all(work);
        }
    }
    fs::path work;
};

} // namespace

TEST_F(Browser, InjectionRendersLiterallyAndRunsNothing) {
    const auto run = run_chromium(work, work / "out/index.html", "--dump-dom");
    ASSERT_EQ(run.status, 0) << run.log;
    ASSERT_GT(run.dom.size(), 5000u) << run.log;
    // Injected code would have set the title to PWNED*; it is the report's own title.
    std::smatch title;
    ASSERT_TRUE(std::regex_search(run.dom, title, std::regex("<title>([^<]*)</title>")));
    EXPECT_EQ(title[1].str(), "Laporan Audit SOP AP");
    // No element came from the injected markup: one script (ours), no img src=x, no handler.
    EXPECT_EQ(count(run.dom, "<script"), 1u);
    EXPECT_EQ(count(run.dom, "<img src=\"x\""), 0u);
    EXPECT_FALSE(std::regex_search(run.dom, std::regex("<[a-zA-Z][^<>]*\\son[a-z]+=")));
    // The texts are shown, escaped, where the document had them.
    EXPECT_GE(count(run.dom, "&lt;script&gt;document.title='PWNED'&lt;/script&gt;"), 2u);
    EXPECT_GE(count(run.dom, "\"&gt;&lt;img src=x onerror=\"document.title='PWNED2'\"&gt;"), 2u);
    EXPECT_GE(count(run.dom, "Kasubbag&lt;/th&gt;&lt;script&gt;"), 1u);
    // Our filter script ran (it un-hides the filter form) and nothing failed.
    EXPECT_NE(run.dom.find("<form id=\"filters\">"), std::string::npos);
    EXPECT_EQ(page_errors(run.log), "");
}

TEST_F(Browser, PolicyRefusesAScriptThatSlipsThrough) {
    // Control for the defence in depth: plant a script as if escaping had failed; the page's
    // Content-Security-Policy must refuse it.
    auto html = slurp(work / "out/index.html");
    const auto body = html.find("<main>");
    ASSERT_NE(body, std::string::npos);
    html.insert(body, "<script>document.title='PLANTED'</script><img src=x "
                      "onerror=\"document.title='PLANTED2'\"/>");
    std::ofstream(work / "out/planted.html", std::ios::binary) << html;
    const auto run = run_chromium(work, work / "out/planted.html", "--dump-dom");
    ASSERT_EQ(run.status, 0) << run.log;
    std::smatch title;
    ASSERT_TRUE(std::regex_search(run.dom, title, std::regex("<title>([^<]*)</title>")));
    EXPECT_EQ(title[1].str(), "Laporan Audit SOP AP");
    const auto errors = page_errors(run.log);
    EXPECT_NE(errors.find("Content Security Policy"), std::string::npos) << run.log;
    EXPECT_NE(errors.find("inline event handler"), std::string::npos) << run.log;
}

TEST_F(Browser, ScreenshotIsKeptAsAnArtifact) {
    const auto artifacts = fs::current_path() / "artifacts";
    fs::create_directories(artifacts);
    const auto shot = artifacts / "report-index.png";
    fs::remove(shot);
    const auto run =
        run_chromium(work, work / "out/index.html", "--screenshot='" + shot.string() + "'");
    ASSERT_EQ(run.status, 0) << run.log;
    ASSERT_TRUE(fs::exists(shot)) << run.log;
    EXPECT_GT(fs::file_size(shot), 20000u);
    // A PNG, not an error page: check the signature.
    EXPECT_EQ(slurp(shot).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    std::cout << "screenshot: " << shot << "\n";
}
