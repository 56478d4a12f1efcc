// `sopaudit scan samples`: the committed samples (tools/gen_samples.py) all come out in a valid
// report, Word samples read from XML with at least one SOP each.
#include "support/support.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>

namespace sopaudit {
namespace {

namespace fs = std::filesystem;

TEST(Samples, ScanListsEverySampleAndValidates) {
    const fs::path samples = test::source_dir() / "samples";
    std::set<std::string> on_disk;
    for (const auto& e : fs::recursive_directory_iterator(samples)) {
        const auto name = e.path().filename().string();
        if (e.is_regular_file() && name[0] != '.' && name.rfind("~$", 0) != 0) {
            on_disk.insert(fs::relative(e.path(), samples).generic_string());
        }
    }
    ASSERT_GE(std::count_if(on_disk.begin(), on_disk.end(),
                            [](const std::string& p) {
                                return p.size() > 5 && p.substr(p.size() - 5) == ".docx";
                            }),
              3)
        << "samples/ should hold the generated SOP Word files";

    test::TempDir out;
    const auto r = test::run_sopaudit({"scan", samples.string(), "--out", out.path().string()});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    EXPECT_EQ(test::schema_errors(out / "report.json"), "");

    const auto report = test::parse_json_file(out / "report.json");
    const auto files = report->getArray("files");
    std::set<std::string> listed;
    for (std::size_t i = 0; i < files->size(); ++i) {
        const auto f = files->getObject(static_cast<unsigned>(i));
        const auto path = f->getValue<std::string>("path");
        listed.insert(path);
        if (path.size() > 5 && path.substr(path.size() - 5) == ".docx") {
            EXPECT_EQ(f->getValue<std::string>("status"), "audited") << path;
            EXPECT_EQ(f->getValue<std::string>("method"), "xml") << path;
            EXPECT_GE(f->getArray("sops")->size(), 1u) << path;
        }
    }
    EXPECT_EQ(listed, on_disk);
    EXPECT_EQ(report->getObject("summary")->getValue<std::size_t>("files"), on_disk.size());
}

} // namespace
} // namespace sopaudit
