#include "report/ui_text.hpp"

#include <gtest/gtest.h>
#include <set>
#include <string>

using namespace sopaudit;
using report::Ui;

TEST(UiText, EveryKeyHasBothLanguages) {
    for (int i = 0; i < static_cast<int>(Ui::count_); ++i) {
        const auto key = static_cast<Ui>(i);
        EXPECT_STRNE(report::ui(key, audit::Lang::id), "") << i;
        EXPECT_STRNE(report::ui(key, audit::Lang::en), "") << i;
    }
    EXPECT_STREQ(report::ui(Ui::summary, audit::Lang::id), "Ringkasan");
    EXPECT_STREQ(report::ui(Ui::summary, audit::Lang::en), "Summary");
}

TEST(UiText, EveryFieldAndColumnKeyHasALabel) {
    for (const char* key : sop::k_identity_keys) {
        EXPECT_NE(report::field_label(key, audit::Lang::id), key);
        EXPECT_NE(report::field_label(key, audit::Lang::en), key);
    }
    for (const char* key : sop::k_column_keys) {
        EXPECT_FALSE(report::field_label(key, audit::Lang::id).empty());
    }
    EXPECT_EQ(report::field_label("nomor", audit::Lang::id), "Nomor SOP");
    EXPECT_EQ(report::field_label("unknown-key", audit::Lang::id), "unknown-key");
}

TEST(UiText, SymbolsAndSeverities) {
    EXPECT_STREQ(report::symbol_key(sop::Symbol::decision), "decision");
    EXPECT_STREQ(report::symbol_key(sop::Symbol::none), "");
    EXPECT_STREQ(report::severity_label(audit::Severity::error, audit::Lang::id), "kesalahan");
    EXPECT_STREQ(report::status_label("failed", audit::Lang::en), "failed");
    std::set<std::string> labels;
    for (auto s : {sop::Symbol::terminator, sop::Symbol::process, sop::Symbol::decision,
                   sop::Symbol::connector, sop::Symbol::other, sop::Symbol::mark}) {
        labels.insert(report::symbol_label(s, audit::Lang::id));
    }
    EXPECT_EQ(labels.size(), 6u);
}
