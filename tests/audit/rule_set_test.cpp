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

TEST(RuleSet, SharedListsAreWrittenOnceAndReferencedByName) {
    const auto set = audit::RuleSet::load(k_shipped);
    const auto* unrecognized = set.find("legal-citation-unrecognized");
    const auto* revoked = set.find("legal-citation-revoked");
    ASSERT_NE(unrecognized, nullptr);
    ASSERT_NE(revoked, nullptr);
    const auto kinds = unrecognized->params->getArray("kinds");
    ASSERT_TRUE(kinds) << "@citation_kinds was not resolved to the list";
    EXPECT_GT(kinds->size(), 10u);
    EXPECT_EQ(revoked->params->getArray("kinds")->size(), kinds->size());
    ASSERT_TRUE(set.recognition()->getArray("placeholders"));
}

TEST(RuleSet, AnExtendingFileRedefinesASharedListForTheBaseRules) {
    test::TempDir dir;
    test::write_file(dir / "base.json", R"({"id": "base",
        "definitions": {"marks": ["-", "..."]},
        "rules": [{"id": "r", "kind": "field-empty", "params": {"placeholders": "@marks"}}]})");
    test::write_file(dir / "body.json", R"({"id": "body", "extends": "base.json",
        "definitions": {"marks": ["xxx"]}, "rules": []})");
    const auto base = audit::RuleSet::load((dir / "base.json").string());
    EXPECT_EQ(base.find("r")->params->getArray("placeholders")->size(), 2u);
    const auto body = audit::RuleSet::load((dir / "body.json").string());
    const auto marks = body.find("r")->params->getArray("placeholders");
    ASSERT_TRUE(marks);
    ASSERT_EQ(marks->size(), 1u);
    EXPECT_EQ(marks->getElement<std::string>(0), "xxx");
}

TEST(RuleSet, AReferenceToNoDefinitionIsAConfigError) {
    test::TempDir dir;
    test::write_file(dir / "a.json", R"({"id": "a",
        "rules": [{"id": "r", "kind": "field-empty", "params": {"placeholders": "@nothing"}}]})");
    try {
        audit::RuleSet::load((dir / "a.json").string());
        FAIL() << "no ConfigError";
    } catch (const audit::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("@nothing"), std::string::npos) << e.what();
    }
}
