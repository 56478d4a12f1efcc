#include "pipeline/isolation.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace sopaudit;
using sopaudit::pipeline::IsolatedEnd;
using sopaudit::pipeline::IsolationOptions;

namespace {

layout::ReadResult rich_result() {
    layout::ReadResult r;
    auto& d = r.document;
    d.method = "mixed";
    layout::Paragraph p;
    p.text = "Nomor SOP: 800/021/SOP-ORG/2023 \xE2\x80\x93 \xC3\x9Cmum";
    p.style = "Heading1";
    p.num_id = 3;
    p.num_level = 1;
    p.bold = true;
    p.where.page = 2;
    p.where.bbox = layout::BBox{1.25, 2.5, 300.125, 40.0625};
    p.confidence = 0.8765432109876543;
    d.paragraphs.push_back(p);

    layout::Table t;
    t.index = 0;
    t.parent_table = -1;
    t.n_rows = 2;
    t.n_cols = 3;
    t.col_widths = {600, 3000.5, 1200};
    t.header_rows = {true, false};
    layout::Cell c;
    c.row = 1;
    c.col = 2;
    c.row_span = 1;
    c.col_span = 2;
    c.paragraphs.push_back(p);
    layout::Shape s;
    s.geometry = "flowChartDecision";
    s.shape_class = layout::ShapeClass::decision;
    s.text = "Ya?";
    s.floating = true;
    s.h_relative_from = "column";
    s.h_offset_emu = -339725;
    s.v_offset_emu = 285750;
    s.width_emu = 444500;
    s.height_emu = 1079500;
    s.where.table = 0;
    s.where.row = 1;
    s.where.col = 2;
    s.confidence = 0.5;
    c.shapes.push_back(s);
    c.nested_tables = {1};
    c.shaded = true;
    c.where.table = 0;
    t.cells.push_back(c);
    d.tables.push_back(t);
    d.body = {{layout::Block::Kind::paragraph, 0}, {layout::Block::Kind::table, 0}};
    d.shapes.push_back(s);
    layout::Page pg;
    pg.number = 2;
    pg.width = 3508;
    pg.height = 2481;
    pg.dpi = 300;
    pg.rotation = 90;
    pg.skew = -1.2;
    pg.confidence = 0.91;
    pg.method = "ocr";
    pg.landscape = true;
    d.pages.push_back(pg);
    r.problems.push_back({layout::ProblemKind::low_confidence, "page 2: mean confidence 0.41", 2});
    r.failed = false;
    return r;
}

IsolationOptions with_timeout(double seconds) {
    IsolationOptions o;
    o.timeout_seconds = seconds;
    return o;
}

layout::ReadResult one_paragraph(const std::string& text) {
    layout::ReadResult r;
    layout::Paragraph p;
    p.text = text;
    r.document.paragraphs.push_back(p);
    return r;
}

} // namespace

TEST(IsolationWire, RoundTripKeepsEveryField) {
    const auto original = rich_result();
    auto decoded = pipeline::decode_result(pipeline::encode_result(original));
    ASSERT_TRUE(decoded.has_value());
    const auto& d = decoded->document;
    EXPECT_EQ(d.method, "mixed");
    ASSERT_EQ(d.paragraphs.size(), 1u);
    EXPECT_EQ(d.paragraphs[0].text, original.document.paragraphs[0].text);
    EXPECT_EQ(d.paragraphs[0].style, "Heading1");
    EXPECT_EQ(d.paragraphs[0].num_id, 3);
    EXPECT_EQ(d.paragraphs[0].num_level, 1);
    EXPECT_TRUE(d.paragraphs[0].bold);
    EXPECT_EQ(d.paragraphs[0].where.page, 2);
    ASSERT_TRUE(d.paragraphs[0].where.bbox.has_value());
    EXPECT_EQ(d.paragraphs[0].where.bbox->x1, 300.125);
    EXPECT_EQ(d.paragraphs[0].confidence, 0.8765432109876543); // exact, not printed and parsed
    ASSERT_EQ(d.tables.size(), 1u);
    const auto& t = d.tables[0];
    EXPECT_EQ(t.n_rows, 2);
    EXPECT_EQ(t.n_cols, 3);
    EXPECT_EQ(t.col_widths, (std::vector<double>{600, 3000.5, 1200}));
    EXPECT_EQ(t.header_rows, (std::vector<bool>{true, false}));
    ASSERT_EQ(t.cells.size(), 1u);
    const auto& c = t.cells[0];
    EXPECT_EQ(c.row, 1);
    EXPECT_EQ(c.col, 2);
    EXPECT_EQ(c.col_span, 2);
    EXPECT_TRUE(c.shaded);
    EXPECT_EQ(c.nested_tables, std::vector<int>{1});
    ASSERT_EQ(c.shapes.size(), 1u);
    EXPECT_EQ(c.shapes[0].geometry, "flowChartDecision");
    EXPECT_EQ(c.shapes[0].shape_class, layout::ShapeClass::decision);
    EXPECT_EQ(c.shapes[0].text, "Ya?");
    EXPECT_TRUE(c.shapes[0].floating);
    EXPECT_EQ(c.shapes[0].h_relative_from, "column");
    EXPECT_EQ(c.shapes[0].h_offset_emu, -339725);
    EXPECT_EQ(c.shapes[0].v_offset_emu, 285750);
    EXPECT_EQ(c.shapes[0].width_emu, 444500);
    EXPECT_EQ(c.shapes[0].height_emu, 1079500);
    EXPECT_EQ(c.shapes[0].where.col, 2);
    EXPECT_FALSE(c.shapes[0].where.bbox.has_value());
    ASSERT_EQ(d.body.size(), 2u);
    EXPECT_EQ(d.body[1].kind, layout::Block::Kind::table);
    ASSERT_EQ(d.shapes.size(), 1u);
    ASSERT_EQ(d.pages.size(), 1u);
    EXPECT_EQ(d.pages[0].dpi, 300);
    EXPECT_EQ(d.pages[0].rotation, 90);
    EXPECT_EQ(d.pages[0].skew, -1.2);
    EXPECT_EQ(d.pages[0].method, "ocr");
    EXPECT_TRUE(d.pages[0].landscape);
    ASSERT_EQ(decoded->problems.size(), 1u);
    EXPECT_EQ(decoded->problems[0].kind, layout::ProblemKind::low_confidence);
    EXPECT_EQ(decoded->problems[0].detail, "page 2: mean confidence 0.41");
    EXPECT_EQ(decoded->problems[0].page, 2);
    EXPECT_FALSE(decoded->failed);
    EXPECT_EQ(pipeline::encode_result(*decoded), pipeline::encode_result(original));
}

TEST(IsolationWire, RejectsEveryTruncationAndTrailingBytes) {
    const std::string wire = pipeline::encode_result(rich_result());
    for (std::size_t n = 0; n < wire.size(); ++n)
        ASSERT_FALSE(pipeline::decode_result(wire.substr(0, n)).has_value()) << "prefix " << n;
    EXPECT_FALSE(pipeline::decode_result(wire + "x").has_value());
}

TEST(IsolationWire, ForgedCountsDoNotAllocate) {
    // Magic, then a paragraph count of 2^62: must be refused from the bytes left, not reserved.
    std::string wire = pipeline::encode_result(layout::ReadResult{});
    std::int64_t huge = std::int64_t{1} << 62;
    wire.replace(8, 8, reinterpret_cast<const char*>(&huge), 8);
    EXPECT_FALSE(pipeline::decode_result(wire).has_value());
}

TEST(Isolation, ResultComesBackFromTheChild) {
    const auto parent = ::getpid();
    auto r = pipeline::read_isolated(
        [&] { return one_paragraph(::getpid() == parent ? "parent" : "child"); }, "a.docx",
        with_timeout(30));
    EXPECT_EQ(r.end, IsolatedEnd::completed);
    ASSERT_EQ(r.result.document.paragraphs.size(), 1u);
    EXPECT_EQ(r.result.document.paragraphs[0].text, "child");
}

TEST(Isolation, LargeResultArrivesWhole) {
    const std::string big(12 << 20, 'x'); // larger than any pipe buffer
    auto r =
        pipeline::read_isolated([&] { return one_paragraph(big); }, "big.docx", with_timeout(60));
    ASSERT_EQ(r.end, IsolatedEnd::completed);
    ASSERT_EQ(r.result.document.paragraphs.size(), 1u);
    EXPECT_EQ(r.result.document.paragraphs[0].text.size(), big.size());
}

TEST(Isolation, SegfaultInReaderFailsOnlyThatFile) {
    auto r = pipeline::read_isolated(
        []() -> layout::ReadResult {
            volatile int* p = nullptr;
            *p = 1; // a real invalid write, as a reader bug would make
            return {};
        },
        "crash.docx", with_timeout(30));
    EXPECT_EQ(r.end, IsolatedEnd::crashed);
    EXPECT_TRUE(r.result.failed);
    ASSERT_EQ(r.result.problems.size(), 1u);
    EXPECT_EQ(r.result.problems[0].kind, layout::ProblemKind::unreadable);
    EXPECT_NE(r.result.problems[0].detail.find("crashed"), std::string::npos);
}

TEST(Isolation, AbortAndThrowAreCrashesToo) {
    auto a = pipeline::read_isolated([]() -> layout::ReadResult { std::abort(); }, "abort.docx",
                                     with_timeout(30));
    EXPECT_EQ(a.end, IsolatedEnd::crashed);
    EXPECT_EQ(a.result.problems.at(0).kind, layout::ProblemKind::unreadable);
    auto t =
        pipeline::read_isolated([]() -> layout::ReadResult { throw std::runtime_error("bug"); },
                                "throw.docx", with_timeout(30));
    EXPECT_EQ(t.end, IsolatedEnd::crashed);
    EXPECT_NE(t.result.problems.at(0).detail.find("exit status 71"), std::string::npos);
}

TEST(Isolation, HangIsKilledAtTheTimeLimit) {
    auto r = pipeline::read_isolated(
        []() -> layout::ReadResult {
            std::this_thread::sleep_for(std::chrono::seconds(120));
            return {};
        },
        "hang.docx", with_timeout(1.0));
    EXPECT_EQ(r.end, IsolatedEnd::timed_out);
    EXPECT_TRUE(r.result.failed);
    ASSERT_EQ(r.result.problems.size(), 1u);
    EXPECT_EQ(r.result.problems[0].kind, layout::ProblemKind::limit);
    EXPECT_NE(r.result.problems[0].detail.find("max_seconds_per_file"), std::string::npos);
    EXPECT_GE(r.seconds, 1.0);
    EXPECT_LT(r.seconds, 20.0); // killed, not waited for (the read would take 120 s)
}

TEST(Isolation, ReadJustUnderTheTimeLimitCompletes) {
    auto r = pipeline::read_isolated(
        [] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return one_paragraph("slow but in time");
        },
        "slow.docx", with_timeout(5.0));
    EXPECT_EQ(r.end, IsolatedEnd::completed);
    EXPECT_FALSE(r.result.failed);
}

TEST(Isolation, TestFaultSwitchMatchesOnlyItsFiles) {
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "hang:hang-me,crash:crash-me,garbage:junk-me", 1);
    auto reader = [] { return one_paragraph("ok"); };
    auto hang = pipeline::read_isolated(reader, "dir/hang-me.docx", with_timeout(1.0));
    auto crash = pipeline::read_isolated(reader, "dir/crash-me.docx", with_timeout(30));
    auto junk = pipeline::read_isolated(reader, "dir/junk-me.docx", with_timeout(30));
    auto fine = pipeline::read_isolated(reader, "dir/other.docx", with_timeout(30));
    ::unsetenv("SOPAUDIT_TEST_READER_FAULT");
    EXPECT_EQ(hang.end, IsolatedEnd::timed_out);
    EXPECT_EQ(crash.end, IsolatedEnd::crashed);
    EXPECT_EQ(junk.end, IsolatedEnd::crashed);
    EXPECT_EQ(fine.end, IsolatedEnd::completed);
}

TEST(Isolation, ConcurrentReadsFromWorkerThreads) {
    // Sibling children inherit each other's pipe ends; the length prefix must still end each
    // read as soon as its own result is in.
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 8; ++i) {
                std::string text = "t" + std::to_string(t) + "-" + std::to_string(i);
                auto r = pipeline::read_isolated([&] { return one_paragraph(text); }, text,
                                                 with_timeout(30));
                if (r.end == IsolatedEnd::completed && r.result.document.paragraphs.size() == 1 &&
                    r.result.document.paragraphs[0].text == text)
                    ++ok;
            }
        });
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(ok.load(), 32);
}

TEST(Isolation, DisabledRunsInProcess) {
    IsolationOptions o;
    o.enabled = false;
    const auto parent = ::getpid();
    auto r = pipeline::read_isolated(
        [&] { return one_paragraph(::getpid() == parent ? "parent" : "child"); }, "a.docx", o);
    EXPECT_EQ(r.end, IsolatedEnd::in_process);
    EXPECT_EQ(r.result.document.paragraphs.at(0).text, "parent");
}

TEST(ClipLongText, CutsAtTheLimitOnACharacterBoundary) {
    layout::Document d;
    layout::Paragraph p;
    p.text = std::string(4094, 'a') + "\xC3\x9C\xC3\x9C"; // 4098 bytes, two-byte chars at the end
    d.paragraphs.push_back(p);
    layout::Table t;
    layout::Cell c;
    layout::Paragraph ok;
    ok.text = std::string(4096, 'b');
    c.paragraphs.push_back(ok);
    layout::Shape s;
    s.text = std::string(5000, 'c');
    c.shapes.push_back(s);
    t.cells.push_back(c);
    d.tables.push_back(t);
    EXPECT_EQ(pipeline::clip_long_text(d, 4096), 2u);
    EXPECT_EQ(d.paragraphs[0].text, std::string(4094, 'a') + "\xC3\x9C"); // 4096, whole char
    EXPECT_EQ(d.tables[0].cells[0].paragraphs[0].text.size(), 4096u);    // at the limit: kept
    EXPECT_EQ(d.tables[0].cells[0].shapes[0].text.size(), 4096u);
}
