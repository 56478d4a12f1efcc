// RunAudit: the run-level rules fed one file at a time give the findings audit_run appends to
// the whole run, without holding the files.
#include "audit/auditor.hpp"

#include <gtest/gtest.h>

namespace sopaudit::audit {
namespace {

const RuleSet& run_rules() {
    static const RuleSet rules =
        RuleSet::load(std::string(SOPAUDIT_SOURCE_DIR) + "/rules/permenpan-35-2012.json");
    return rules;
}

FileResult file_with_nomors(const std::string& path, const std::vector<std::string>& nomors) {
    FileResult r;
    r.path = path;
    for (const auto& n : nomors) {
        sop::Sop s;
        sop::FieldValue fv;
        fv.text = n;
        fv.where.page = 2;
        fv.where.table = 0;
        fv.where.bbox = layout::BBox{10, 20, 30, 40};
        s.identity["nomor"] = fv;
        r.sops.push_back(s);
    }
    return r;
}

std::vector<FileResult> sample_run() {
    return {file_with_nomors("a.docx", {"800/1", "800/2"}), file_with_nomors("b.docx", {"900/9"}),
            file_with_nomors("c.docx", {"800 / 1"}), file_with_nomors("d.docx", {"000/ /X"}),
            file_with_nomors("e.docx", {"000/ /X"})};
}

TEST(RunAudit, GivesTheFindingsAuditRunAppends) {
    const Auditor auditor(run_rules(), Lang::en);
    auto whole = sample_run();
    auditor.audit_run(whole);

    RunAudit run(auditor);
    for (const auto& f : sample_run()) {
        run.add(f); // each file given once and dropped: only the keys stay
    }
    const auto found = run.findings();
    ASSERT_EQ(found.size(), 2u); // a.docx and c.docx share 800/1; blank register numbers do not
    ASSERT_EQ(found.count(0), 1u);
    ASSERT_EQ(found.count(2), 1u);
    for (const auto& [index, findings] : found) {
        ASSERT_EQ(findings.size(), whole[index].findings.size());
        for (std::size_t k = 0; k < findings.size(); ++k) {
            EXPECT_EQ(findings[k].rule, whole[index].findings[k].rule);
            EXPECT_EQ(findings[k].message, whole[index].findings[k].message);
            EXPECT_EQ(findings[k].location.sop, whole[index].findings[k].location.sop);
            EXPECT_EQ(findings[k].location.page, 2);
            ASSERT_TRUE(findings[k].location.bbox.has_value());
        }
    }
    EXPECT_EQ(found.at(0).at(0).rule, "identity-nomor-duplicate");
    EXPECT_NE(found.at(0).at(0).message.find("c.docx"), std::string::npos)
        << found.at(0).at(0).message;
    EXPECT_NE(found.at(2).at(0).message.find("a.docx"), std::string::npos)
        << found.at(2).at(0).message;
    EXPECT_TRUE(whole[1].findings.empty());
    EXPECT_TRUE(whole[3].findings.empty());
}

TEST(RunAudit, NoFilesNoFindings) {
    const Auditor auditor(run_rules(), Lang::id);
    EXPECT_TRUE(RunAudit(auditor).findings().empty());
}

} // namespace
} // namespace sopaudit::audit
