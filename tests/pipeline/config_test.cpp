#include "audit/rule_set.hpp"
#include "pipeline/config.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace sopaudit;
using namespace sopaudit::pipeline;
namespace fs = std::filesystem;

namespace {

struct ConfigTest : ::testing::Test {
    fs::path dir;
    void SetUp() override {
        dir = fs::temp_directory_path() / ("sopaudit_config_" + std::to_string(getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    fs::path write(const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    }
};

} // namespace

TEST_F(ConfigTest, IniSetsEverySectionAndResolvesRelativePaths) {
    auto file =
        write("sopaudit.ini", "[input]\nfolders = /srv/sop, lama\ninclude = *.docx, *.pdf\n"
                              "exclude = arsip/*\n[output]\ndir = laporan\n"
                              "state = /var/lib/sopaudit/state.db\n"
                              "[audit]\nrules = rules/kab.json\nlang = en\n[run]\njobs = 3\n"
                              "[limits]\nmax_seconds_per_file = 12.5\nmax_pages = 40\n"
                              "max_paragraph_bytes = 10000\n");
    Config c;
    apply_config_file(file.string(), c);
    ASSERT_EQ(c.inputs.size(), 2u);
    EXPECT_EQ(c.inputs[0], "/srv/sop");
    EXPECT_EQ(c.inputs[1], (dir / "lama").string());
    EXPECT_EQ(c.include, (std::vector<std::string>{"*.docx", "*.pdf"}));
    EXPECT_EQ(c.exclude, std::vector<std::string>{"arsip/*"});
    EXPECT_EQ(c.output, (dir / "laporan").string());
    EXPECT_EQ(c.state_path(), "/var/lib/sopaudit/state.db");
    EXPECT_EQ(c.rules, (dir / "rules/kab.json").string());
    EXPECT_EQ(c.lang, "en");
    EXPECT_EQ(c.jobs, 3);
    EXPECT_DOUBLE_EQ(c.limits.max_seconds_per_file, 12.5);
    EXPECT_EQ(c.limits.max_pages, 40);
    EXPECT_EQ(c.limits.max_paragraph_bytes, 10000u);
    EXPECT_EQ(c.limits.max_xml_depth, ingest::Limits{}.max_xml_depth);
}

TEST_F(ConfigTest, JsonWithArraysOrStrings) {
    auto file = write("c.json", R"({"input": {"folders": ["/a", "/b"], "include": "*.docx"},
                                    "run": {"jobs": 2}, "output": {"dir": "/out"}})");
    Config c;
    apply_config_file(file.string(), c);
    EXPECT_EQ(c.inputs, (std::vector<std::string>{"/a", "/b"}));
    EXPECT_EQ(c.include, std::vector<std::string>{"*.docx"});
    EXPECT_EQ(c.jobs, 2);
    EXPECT_EQ(c.state_path(), "/out/state.db");
}

TEST_F(ConfigTest, TyposAndBadValuesAreConfigErrors) {
    Config c;
    EXPECT_THROW(apply_config_file(write("a.ini", "[inputs]\nfolders=/x\n").string(), c),
                 audit::ConfigError);
    EXPECT_THROW(apply_config_file(write("b.ini", "[input]\nfolder=/x\n").string(), c),
                 audit::ConfigError);
    EXPECT_THROW(apply_config_file(write("c.ini", "[run]\njobs=many\n").string(), c),
                 audit::ConfigError);
    EXPECT_THROW(apply_config_file(write("d.ini", "[audit]\nlang=fr\n").string(), c),
                 audit::ConfigError);
    EXPECT_THROW(apply_config_file(write("e.ini", "[limits]\nmax_pages=-3\n").string(), c),
                 audit::ConfigError);
    EXPECT_THROW(apply_config_file((dir / "missing.ini").string(), c), audit::ConfigError);
}

TEST_F(ConfigTest, EffectiveIniReadsBackTheSame) {
    Config c;
    c.inputs = {"/srv/sop"};
    c.include = {"*.docx"};
    c.output = "/out";
    c.rules = "/r.json";
    c.jobs = 2;
    c.limits.max_pages = 17;
    c.limits.max_paragraph_bytes = 9000;
    const std::string text = to_ini(c);
    EXPECT_NE(text.find("state = /out/state.db"), std::string::npos) << text;
    Config back;
    apply_config_file(write("back.ini", text).string(), back);
    EXPECT_EQ(back.inputs, c.inputs);
    EXPECT_EQ(back.include, c.include);
    EXPECT_EQ(back.output, c.output);
    EXPECT_EQ(back.state_path(), "/out/state.db");
    EXPECT_EQ(back.jobs, 2);
    EXPECT_EQ(back.limits.max_pages, 17);
    EXPECT_EQ(back.limits.max_paragraph_bytes, 9000u);
    EXPECT_EQ(back.rules, "/r.json");
}

TEST(ConfigSelect, IncludeExcludeGlobs) {
    Config c;
    EXPECT_TRUE(selected(c, "any/thing.bin"));
    c.include = {"*.docx", "*.pdf"};
    c.exclude = {"arsip/*", "~*"};
    EXPECT_TRUE(selected(c, "a.docx"));
    EXPECT_TRUE(selected(c, "dinas/b.DOCX")); // case and subfolders
    EXPECT_FALSE(selected(c, "c.png"));
    EXPECT_FALSE(selected(c, "arsip/old.docx"));
    EXPECT_FALSE(selected(c, "dinas/~tmp.docx"));
    EXPECT_TRUE(selected(c, "dinas/arsip.docx"));
}

TEST(ConfigSplit, TrimsAndDropsEmpty) {
    EXPECT_EQ(split_list(" a, b ,,c "), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(split_list("").empty());
}

TEST(ConfigLimits, EveryLimitIsSetByNameAndChecked) {
    const auto names = limit_names();
    EXPECT_EQ(names.size(), 9u);
    for (const auto& name : names) {
        ingest::Limits limits;
        EXPECT_NO_THROW(set_limit(limits, name, "7")) << name;
        EXPECT_NE(to_ini(Config{}).find(name + " = "), std::string::npos) << name;
        EXPECT_THROW(set_limit(limits, name, "0"), audit::ConfigError) << name;
        EXPECT_THROW(set_limit(limits, name, "many"), audit::ConfigError) << name;
    }
    ingest::Limits limits;
    set_limit(limits, "max_paragraph_bytes", " 8192 ");
    EXPECT_EQ(limits.max_paragraph_bytes, 8192u);
    set_limit(limits, "max_compression_ratio", "12.5");
    EXPECT_DOUBLE_EQ(limits.max_compression_ratio, 12.5);
    EXPECT_THROW(set_limit(limits, "max_pages", "2.5"), audit::ConfigError);
    EXPECT_THROW(set_limit(limits, "max_bananas", "1"), audit::ConfigError);
    // Past what std::regex's recursion survives.
    EXPECT_NO_THROW(set_limit(limits, "max_paragraph_bytes", "16384"));
    EXPECT_THROW(set_limit(limits, "max_paragraph_bytes", "16385"), audit::ConfigError);
}
