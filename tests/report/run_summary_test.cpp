#include "report/report_fixtures.hpp"
#include "report/run_summary.hpp"

#include <gtest/gtest.h>

using namespace sopaudit;

TEST(RunSummary, CountsFilesSopsAndCompliance) {
    const auto files = report::testing::sample_results();
    const auto s = report::summarize_run(files);
    EXPECT_EQ(s.files, 4);
    EXPECT_EQ(s.sops, 3);
    EXPECT_EQ(s.sops_without_errors, 1);  // only the clean file's SOP
    EXPECT_EQ(s.files_without_errors, 2); // the clean file and the not-SOP file
    EXPECT_EQ(s.findings[0], 5);
    EXPECT_EQ(s.findings[1], 3);
    EXPECT_EQ(s.findings[2], 1);
    EXPECT_EQ(s.by_rule.at("identity-field-empty")[0], 1);
    EXPECT_EQ(s.per_file[1].by_sop[0][0], 2);
    EXPECT_EQ(s.per_file[1].by_sop[1][0], 2);
}

TEST(RunSummary, FoldersAreTheFirstPathComponent) {
    EXPECT_EQ(report::folder_of("dinas-a/sub/x.docx"), "dinas-a");
    EXPECT_EQ(report::folder_of("x.docx"), "");
    const auto s = report::summarize_run(report::testing::sample_results());
    ASSERT_EQ(s.by_folder.size(), 3u);
    EXPECT_EQ(report::total(s.by_folder.at("bagian-organisasi")), 1);
    EXPECT_EQ(report::total(s.by_folder.at("")), 1);
}

TEST(RunSummary, WorstFilesFirst) {
    const auto s = report::summarize_run(report::testing::sample_results());
    ASSERT_EQ(s.worst_first.size(), 4u);
    EXPECT_EQ(s.worst_first[0], 1u); // 4 errors
    EXPECT_EQ(s.worst_first[1], 2u); // 1 error
    EXPECT_EQ(s.worst_first[2], 3u); // 1 warning
    EXPECT_EQ(s.worst_first[3], 0u); // clean
}
