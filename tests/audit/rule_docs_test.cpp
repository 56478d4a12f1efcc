#include "audit/rule_docs.hpp"
#include "support/support.hpp"

#include <filesystem>
#include <gtest/gtest.h>

namespace sopaudit::audit {
namespace {

const std::filesystem::path k_source = SOPAUDIT_SOURCE_DIR;
const std::string k_rules = (k_source / "rules/permenpan-35-2012.json").string();

TEST(RuleDocs, ListingNamesEveryRuleWithItsSeverity) {
    const auto rules = RuleSet::load(k_rules);
    const auto listing = rules_listing(rules, Lang::en);
    for (const auto& r : rules.rules()) {
        EXPECT_NE(listing.find(r.id + " "), std::string::npos) << r.id;
    }
    EXPECT_NE(listing.find("what it checks"), std::string::npos);
    EXPECT_NE(rules_listing(rules, Lang::id).find("yang diperiksa"), std::string::npos);
}

// docs/rules.md is generated from the rule file; a rule added or changed without running
// tools/gen_rule_docs.py (or without its doc fields) fails here.
TEST(RuleDocs, DocsRulesMdIsUpToDateWithTheRuleFile) {
    const auto& src = k_source;
    const auto r =
        test::run("/usr/bin/env", {"python3", (src / "tools/gen_rule_docs.py").string(), "--check",
                                   k_rules, (src / "docs/rules.md").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(RuleDocs, DocsRulesMdHasAnEntryPerRule) {
    const auto doc = test::read_file(k_source / "docs/rules.md");
    const auto rules = RuleSet::load(k_rules);
    for (const auto& r : rules.rules()) {
        EXPECT_NE(doc.find("### " + r.id + "\n"), std::string::npos) << r.id;
    }
}

TEST(RuleDocs, CheckFailsOnAStaleDoc) {
    test::TempDir tmp;
    test::write_file(tmp / "rules.md", "# stale\n");
    const auto r =
        test::run("/usr/bin/env", {"python3", (k_source / "tools/gen_rule_docs.py").string(),
                                   "--check", k_rules, (tmp / "rules.md").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("out of date"), std::string::npos);
}

} // namespace
} // namespace sopaudit::audit
