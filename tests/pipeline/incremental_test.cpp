#include "audit/rule_set.hpp"
#include "pipeline/incremental.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>

using namespace sopaudit;
using namespace sopaudit::test;

namespace {

// A base rule file and one extending it by a path relative to itself, in a sub-folder.
struct Chain {
    TempDir tmp;
    std::filesystem::path base = tmp / "base.json";
    std::filesystem::path top = tmp / "kab" / "kab.json";
    Chain() {
        write_file(base, "{\"id\": \"t\", \"version\": \"1\", \"rules\": []}\n");
        write_file(top, "{\"extends\": \"../base.json\", \"version\": \"1-kab\"}\n");
    }
    pipeline::RunOptions options() const {
        pipeline::RunOptions o;
        o.rules_path = top.string();
        return o;
    }
};

} // namespace

TEST(RuleChain, HashCoversTheFileAndEveryFileItExtends) {
    Chain c;
    const auto sha = pipeline::rule_chain_sha256(c.top.string());
    EXPECT_EQ(sha, ingest::sha256_file(c.top) + "+" + ingest::sha256_file(c.base));
    EXPECT_EQ(pipeline::rule_chain_sha256(c.base.string()), ingest::sha256_file(c.base));
}

TEST(RuleChain, EditingOnlyTheBaseChangesTheSettings) {
    Chain c;
    const auto before = pipeline::result_settings(c.options());
    EXPECT_EQ(pipeline::result_settings(c.options()), before);
    write_file(c.base, "{\"id\": \"t\", \"version\": \"1\", \"rules\": [], \"recognition\": {}}\n");
    EXPECT_NE(pipeline::result_settings(c.options()), before);
}

TEST(RuleChain, MissingBaseOrLoopEndsWithAMarkInsteadOfHanging) {
    TempDir tmp;
    write_file(tmp / "a.json", "{\"extends\": \"gone.json\"}");
    const auto missing = pipeline::rule_chain_sha256((tmp / "a.json").string());
    EXPECT_EQ(missing, ingest::sha256_file(tmp / "a.json") + "+?");
    write_file(tmp / "loop.json", "{\"extends\": \"loop.json\"}");
    const auto loop = pipeline::rule_chain_sha256((tmp / "loop.json").string());
    EXPECT_EQ(loop.substr(loop.size() - 2), "+?");
}

TEST(RuleChain, SettingsCoverEveryLimit) {
    Chain c;
    auto o = c.options();
    const auto before = pipeline::result_settings(o);
    o.limits.max_paragraph_bytes += 1;
    EXPECT_NE(pipeline::result_settings(o), before);
}
