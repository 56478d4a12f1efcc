#include "pipeline/progress.hpp"

#include <gtest/gtest.h>
#include <regex>
#include <sstream>

using namespace sopaudit;
using namespace sopaudit::pipeline;

TEST(Progress, LogModeWritesTimestampedLinesForFilesReadOnly) {
    std::ostringstream out;
    {
        Progress p({false, false, false}, out);
        p.start(3, 1);
        p.file_done("a.docx", "audited", 1, 4, 0.25);
        p.file_done("b.docx", "unchanged", 1, 0, 0);
        p.file_done("c.pdf", "failed", 0, 1, 0.5);
        p.finish("sopaudit: done");
    }
    const std::string s = out.str();
    // The summary is the last log line.
    EXPECT_EQ(s.substr(s.size() - 15), "sopaudit: done\n") << s;
    EXPECT_NE(s.find("run started: 3 files, 2 to read"), std::string::npos) << s;
    EXPECT_NE(s.find("audited a.docx (1 SOP, 4 findings, 0.25 s)"), std::string::npos) << s;
    EXPECT_EQ(s.find("b.docx"), std::string::npos) << s;
    EXPECT_NE(s.find("failed c.pdf"), std::string::npos) << s;
    EXPECT_EQ(s.find('\r'), std::string::npos);
    // Every line starts with an ISO 8601 timestamp with offset.
    std::istringstream lines(s);
    std::string line;
    int n = 0;
    const std::regex stamp(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:?\d\d) .*)");
    while (std::getline(lines, line)) {
        EXPECT_TRUE(std::regex_match(line, stamp)) << line;
        ++n;
    }
    EXPECT_EQ(n, 4);
}

TEST(Progress, VerboseLogsUnchangedFilesToo) {
    std::ostringstream out;
    Progress p({false, true, false}, out);
    p.start(1);
    p.file_done("b.docx", "unchanged", 1, 0, 0);
    EXPECT_NE(out.str().find("unchanged b.docx"), std::string::npos) << out.str();
}

TEST(Progress, QuietShowsOnlyErrors) {
    std::ostringstream out;
    Progress p({true, false, false}, out);
    p.start(1);
    p.file_done("a.docx", "audited", 1, 1, 0.1);
    p.warning("w");
    p.error("broken state");
    p.finish("summary");
    EXPECT_EQ(out.str().find("a.docx"), std::string::npos);
    EXPECT_EQ(out.str().find("summary"), std::string::npos);
    EXPECT_NE(out.str().find("broken state"), std::string::npos);
}

TEST(Progress, TerminalModeRedrawsOneLineAndEndsWithSummary) {
    std::ostringstream out;
    Progress p({false, false, true}, out);
    p.start(2);
    p.file_started("dinas/a.docx");
    p.file_done("dinas/a.docx", "audited", 1, 2, 0.1);
    p.file_done("b.docx", "audited", 1, 2, 0.1);
    p.finish("sopaudit: 2 files");
    const std::string s = out.str();
    EXPECT_NE(s.find("\r[....................] 0/2"), std::string::npos) << s;
    EXPECT_NE(s.find("[####################] 2/2"), std::string::npos) << s;
    EXPECT_NE(s.find("\x1b[K"), std::string::npos);
    // The bar is cleared at the end; the summary goes to stdout, not again to the terminal.
    EXPECT_EQ(s.substr(s.size() - 4), "\r\x1b[K") << s;
    EXPECT_EQ(s.find("sopaudit: 2 files"), std::string::npos) << s;
    EXPECT_EQ(s.find("audited dinas/a.docx"), std::string::npos); // no per-file lines
}

TEST(Progress, SummaryAndDuration) {
    state::RunCounts c;
    c.files = 456;
    c.audited = 12;
    c.unchanged = 440;
    c.failed = 4;
    c.sops = 300;
    c.errors = 120;
    c.warnings = 40;
    c.infos = 3;
    EXPECT_EQ(summary_line(c, false, 2.34, audit::Lang::en, "out/report.json"),
              "sopaudit: 456 files (12 audited, 440 unchanged, 4 failed), 300 SOPs, findings: 120 "
              "error, 40 warning, 3 info; 2.3 s; report: out/report.json");
    EXPECT_EQ(summary_line(c, false, 2.34, audit::Lang::id, "out/report.json"),
              "sopaudit: 456 berkas (12 diaudit, 440 tidak berubah, 4 gagal), 300 SOP, temuan: 120 "
              "galat, 40 peringatan, 3 info; 2,3 s; laporan: out/report.json");
    c.new_findings = 2;
    EXPECT_NE(summary_line(c, true, 1, audit::Lang::en, "r").find("info (2 new, 0 resolved); "),
              std::string::npos);
    EXPECT_NE(summary_line(c, true, 1, audit::Lang::id, "r").find("info (2 baru, 0 selesai); "),
              std::string::npos);
    EXPECT_EQ(Progress::duration(12.4), "12 s");
    EXPECT_EQ(Progress::duration(187), "3:07");
    EXPECT_EQ(Progress::duration(3909), "1:05:09");
}
