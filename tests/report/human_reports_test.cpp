#include "report/escape.hpp"
#include "report/human_reports.hpp"
#include "report/report_fixtures.hpp"
#include "report/result_spool.hpp"
#include "support/support.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace sopaudit;
namespace fs = std::filesystem;

namespace {

ino_t inode_of(const fs::path& file) {
    struct stat st {};
    EXPECT_EQ(::stat(file.c_str(), &st), 0) << file;
    return st.st_ino;
}

} // namespace

TEST(HumanReports, SopFilesOfAnUnchangedRunStayAndThoseOfGoneFilesGo) {
    test::TempDir out;
    const auto rules = report::testing::shipped_rules();
    auto files = report::testing::sample_results();
    ASSERT_GE(files.size(), 2u);
    report::write_human_reports(out.path(), files, rules, audit::Lang::id,
                                report::testing::run_info());
    const auto written = report::write_sop_json_files(out.path(), files);
    ASSERT_FALSE(written.empty());
    const auto first = out / written.front();
    const ino_t before = inode_of(first);

    // The same results again: every per-SOP file is left as it is, not rewritten.
    report::write_human_reports(out.path(), files, rules, audit::Lang::id,
                                report::testing::run_info());
    EXPECT_EQ(inode_of(first), before);

    // The file holding the first SOP is gone from the input: its folder goes too.
    const auto gone_dir = first.parent_path();
    std::vector<audit::FileResult> rest;
    for (const auto& f : files) {
        if ((out / ("sops/" + report::safe_relative_path(f.path))) != gone_dir) {
            rest.push_back(f);
        }
    }
    ASSERT_LT(rest.size(), files.size());
    report::write_human_reports(out.path(), rest, rules, audit::Lang::id,
                                report::testing::run_info());
    EXPECT_FALSE(fs::exists(gone_dir));
    for (const auto& rel : report::write_sop_json_files(out.path(), rest)) {
        EXPECT_TRUE(fs::exists(out / rel)) << rel;
    }
}

// The run's way: each file given once to add(), then again, read back from a spool, to
// finish(). The reports are the bytes write_human_reports gives with every result in memory.
TEST(HumanReports, WriterFedFromASpoolWritesTheSameReports) {
    test::TempDir held, streamed;
    const auto rules = report::testing::shipped_rules();
    const auto files = report::testing::sample_results();
    const auto info = report::testing::run_info();
    report::HtmlOptions no_images;
    no_images.page_images = false;
    report::write_human_reports(held.path(), files, rules, audit::Lang::en, info, no_images);

    report::ResultSpool spool(streamed.path());
    for (const auto& f : files) {
        spool.add(f);
    }
    report::HumanReportWriter writer(streamed.path(), rules, audit::Lang::en, no_images);
    for (std::size_t i = 0; i < spool.size(); ++i) {
        writer.add(spool.read(i));
    }
    std::size_t asked = 0;
    writer.finish(info, [&](std::size_t i) {
        ++asked;
        return spool.read(i);
    });
    EXPECT_EQ(asked, files.size()); // each file once, for its section
    for (const char* name : {"index.html", "findings.csv", "sops.csv"}) {
        EXPECT_EQ(test::read_file(streamed / name), test::read_file(held / name)) << name;
    }
    for (const auto& rel : report::write_sop_json_files(held.path(), files)) {
        EXPECT_EQ(test::read_file(streamed / rel), test::read_file(held / rel)) << rel;
    }
}
