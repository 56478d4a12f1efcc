#include "audit/rule_set.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>
#include <string>

using namespace sopaudit;

namespace {

const std::string k_shipped = std::string(SOPAUDIT_SOURCE_DIR) + "/rules/permenpan-35-2012.json";

} // namespace

TEST(RuleSet, ExtendsOverridesTheBaseFile) {
    test::TempDir dir;
    const auto body = dir / "kabupaten.json";
    test::write_file(body,
                     R"({"id": "kabupaten", "extends": ")" + k_shipped +
                         R"(", "rules": [{"id": "procedure-time-unit", "severity": "info"}]})");
    const auto set = audit::RuleSet::load(body.string());
    EXPECT_EQ(set.id(), "kabupaten");
    const auto* rule = set.find("procedure-time-unit");
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(audit::to_string(rule->severity), std::string("info"));
    const auto base = audit::RuleSet::load(k_shipped);
    EXPECT_EQ(set.rules().size(), base.rules().size());
}

TEST(RuleSet, AnExtendsLoopIsAConfigErrorNotAStackOverflow) {
    test::TempDir dir;
    test::write_file(dir / "a.json", R"({"id": "a", "extends": "b.json", "rules": []})");
    test::write_file(dir / "b.json", R"({"id": "b", "extends": "a.json", "rules": []})");
    try {
        audit::RuleSet::load((dir / "a.json").string());
        FAIL() << "no ConfigError";
    } catch (const audit::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("extends itself"), std::string::npos) << e.what();
    }
}

TEST(RuleSet, AMissingBaseFileIsAConfigError) {
    test::TempDir dir;
    test::write_file(dir / "a.json", R"({"id": "a", "extends": "nowhere.json", "rules": []})");
    EXPECT_THROW(audit::RuleSet::load((dir / "a.json").string()), audit::ConfigError);
}
