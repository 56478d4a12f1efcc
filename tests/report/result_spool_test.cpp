// The spool a run keeps its results in: bytes and whole results come back as they went in, and
// it leaves nothing in its folder.
#include "report/json_report.hpp"
#include "report/report_fixtures.hpp"
#include "report/result_spool.hpp"
#include "support/support.hpp"

#include <gtest/gtest.h>

namespace sopaudit::report {
namespace {

namespace fs = std::filesystem;

audit::FileResult scan_result(const std::string& path) {
    audit::FileResult r;
    r.path = path;
    r.root = "/in";
    r.sha256 = std::string(64, 'a');
    r.size = 1234;
    r.mtime_ns = 987654321;
    r.format = "pdf";
    r.status = "audited";
    r.method = "ocr";
    r.pages = 2;
    sop::Sop s;
    sop::FieldValue fv;
    fv.label = "Nomor SOP";
    fv.text = "800/12";
    fv.confidence = 0.83;
    fv.where.page = 1;
    fv.where.bbox = layout::BBox{1.5, 2.25, 300.125, 40};
    s.identity["nomor"] = fv;
    r.sops.push_back(s);
    audit::Finding f;
    f.rule = "identity-nama-missing";
    f.severity = audit::Severity::error;
    f.message = "nama \"kosong\"";
    f.location.sop = 0;
    f.location.field = "nama";
    r.findings.push_back(f);
    layout::Page page;
    page.number = 1;
    page.width = 2480;
    page.height = 3508;
    page.dpi = 300;
    page.rotation = 90;
    page.skew = -0.4;
    page.confidence = 0.91;
    page.method = "ocr";
    page.landscape = true;
    r.layout_pages = {page};
    layout::Provenance cell;
    cell.page = 1;
    cell.table = 0;
    cell.row = 3;
    cell.col = 2;
    cell.bbox = layout::BBox{10, 20, 110.5, 60};
    r.cell_boxes = {cell};
    layout::Provenance no_box;
    no_box.page = 2;
    r.symbol_boxes = {cell, no_box};
    return r;
}

TEST(SpoolFile, ReadsBackWhatWasAppendedAndLeavesNoFile) {
    test::TempDir dir;
    SpoolFile spool(dir.path(), dir.path() / "report.json");
    const auto a = spool.append("first");
    const auto empty = spool.append("");
    const auto b = spool.append(std::string(100000, 'x'));
    EXPECT_EQ(spool.read(b), std::string(100000, 'x'));
    EXPECT_EQ(spool.read(a), "first");
    EXPECT_EQ(spool.read(empty), "");
    EXPECT_TRUE(fs::is_empty(dir.path())); // unlinked while open
}

TEST(ResultSpool, RoundTripsWholeResultsInOrder) {
    test::TempDir dir;
    ResultSpool spool(dir.path());
    const auto one = scan_result("a.pdf");
    auto two = scan_result("b/c.pdf");
    two.transient = true;
    two.layout_pages.clear();
    EXPECT_EQ(spool.add(one), 0u);
    EXPECT_EQ(spool.add_record(ResultSpool::record_bytes(two)), 1u);
    ASSERT_EQ(spool.size(), 2u);

    const auto back = spool.read(0);
    EXPECT_EQ(back.path, "a.pdf");
    EXPECT_EQ(back.root, "/in");
    EXPECT_EQ(back.size, 1234u);
    EXPECT_EQ(back.mtime_ns, 987654321);
    EXPECT_EQ(back.pages, 2);
    ASSERT_EQ(back.sops.size(), 1u);
    const auto& fv = back.sops[0].identity.at("nomor");
    EXPECT_EQ(fv.text, "800/12");
    ASSERT_TRUE(fv.where.bbox.has_value());
    EXPECT_DOUBLE_EQ(fv.where.bbox->x1, 300.125);
    ASSERT_EQ(back.findings.size(), 1u);
    EXPECT_EQ(back.findings[0].message, "nama \"kosong\"");
    ASSERT_EQ(back.layout_pages.size(), 1u);
    EXPECT_EQ(back.layout_pages[0].dpi, 300);
    EXPECT_EQ(back.layout_pages[0].rotation, 90);
    EXPECT_DOUBLE_EQ(back.layout_pages[0].skew, -0.4);
    EXPECT_TRUE(back.layout_pages[0].landscape);
    ASSERT_EQ(back.cell_boxes.size(), 1u);
    EXPECT_EQ(back.cell_boxes[0].row, 3);
    EXPECT_EQ(back.cell_boxes[0].col, 2);
    EXPECT_DOUBLE_EQ(back.cell_boxes[0].bbox->x1, 110.5);
    ASSERT_EQ(back.symbol_boxes.size(), 2u);
    EXPECT_FALSE(back.symbol_boxes[1].bbox.has_value());
    EXPECT_FALSE(back.transient);

    const auto second = spool.read(1);
    EXPECT_EQ(second.path, "b/c.pdf");
    EXPECT_TRUE(second.transient);
    EXPECT_TRUE(second.layout_pages.empty());
    EXPECT_THROW(spool.read(2), std::out_of_range);
}

TEST(ResultSpool, ARecordKeepsEveryMemberTheReportsPrint) {
    test::TempDir dir;
    ResultSpool spool(dir.path());
    auto file = scan_result("d.pdf");
    file.sops.push_back(testing::good_sop("800/1/2022", "Penerbitan \"Izin\""));
    file.sops.back().procedure.steps.at(0).symbol_geometries = {"capsule", "rect"};
    file.sops.back().procedure.steps.at(0).has_offpage_connector = true;
    file.sops.back().procedure.unkeyed_columns = 2;
    file.sops.back().dasar_hukum_where.resize(2);
    file.sops.back().dasar_hukum_where[1].page = 3;
    file.findings.back().location.bbox = layout::BBox{1, 2, 3, 4.5};
    file.findings.back().location.row = 4;
    file.findings.back().severity = audit::Severity::info;
    file.method.clear();
    file.pages.reset();
    spool.add(file);
    const auto back = spool.read(0);
    EXPECT_EQ(JsonReportWriter::entry_text(back), JsonReportWriter::entry_text(file));
    EXPECT_EQ(back.sops.back().procedure.unkeyed_columns, 2);
    ASSERT_EQ(back.sops.back().dasar_hukum_where.size(), 2u);
    EXPECT_EQ(back.sops.back().dasar_hukum_where[1].page, 3);
}

TEST(ResultSpool, ARecordThatDoesNotReadBackIsABug) {
    test::TempDir dir;
    ResultSpool spool(dir.path());
    std::string record = ResultSpool::record_bytes(scan_result("a.pdf"));
    spool.add_record(record.substr(0, record.size() - 3)); // cut short
    spool.add_record("not a record at all");
    spool.add_record(record + "x"); // trailing bytes
    EXPECT_THROW(spool.read(0), std::logic_error);
    EXPECT_THROW(spool.read(1), std::logic_error);
    EXPECT_THROW(spool.read(2), std::logic_error);
}

} // namespace
} // namespace sopaudit::report
