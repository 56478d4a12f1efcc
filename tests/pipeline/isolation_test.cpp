#include "ocr/scan_reader.hpp"
#include "pipeline/isolation.hpp"
#include "support/support.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace sopaudit;
using sopaudit::pipeline::IsolatedEnd;

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

// The process tests run the real reader, `sopaudit __reader`, on small Word files; the test
// fault switch (SOPAUDIT_TEST_READER_FAULT) forces the crash and hang paths.
class ReaderProcessTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = tmp.path();
        test::write_file(dir / "a.docx", test::make_docx({"Menerima berkas"}));
    }
    void TearDown() override { ::unsetenv("SOPAUDIT_TEST_READER_FAULT"); }

    pipeline::ReadRequest request(const std::string& label, double timeout = 30,
                                  const std::string& file = "a.docx") {
        pipeline::ReadRequest q;
        q.label = label;
        q.file = dir / file;
        q.format = ingest::Format::docx;
        q.limits.max_seconds_per_file = timeout;
        return q;
    }
    static std::string first_text(const layout::ReadResult& r) {
        return r.document.paragraphs.empty() ? "" : r.document.paragraphs[0].text;
    }

    test::TempDir tmp;
    std::filesystem::path dir;
    pipeline::ReaderProcess reader{test::sopaudit_binary()};
};

TEST_F(ReaderProcessTest, ResultComesBackFromAnotherProcess) {
    auto r = reader.read(request("a.docx"));
    EXPECT_EQ(r.end, IsolatedEnd::completed);
    EXPECT_FALSE(r.result.failed);
    EXPECT_EQ(first_text(r.result), "Menerima berkas");
    EXPECT_GT(reader.pid(), 0);
    EXPECT_NE(reader.pid(), ::getpid());
}

TEST_F(ReaderProcessTest, OneReaderServesFileAfterFile) {
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(reader.read(request("a.docx")).end, IsolatedEnd::completed) << i;
    EXPECT_EQ(reader.starts(), 1);
}

TEST_F(ReaderProcessTest, LargeResultArrivesWhole) {
    // 4 MB of text, far more than a pipe buffer holds, so the answer comes in many reads.
    const std::vector<std::string> many(4000, std::string(1000, 'x'));
    test::write_file(dir / "big.docx", test::make_docx(many));
    auto q = request("big.docx", 60, "big.docx");
    q.limits.max_compression_ratio = 1e6; // repeated text deflates far past the default ratio
    auto r = reader.read(q);
    ASSERT_EQ(r.end, IsolatedEnd::completed);
    ASSERT_EQ(r.result.document.paragraphs.size(), many.size());
    EXPECT_EQ(r.result.document.paragraphs.back().text, many.back());
}

TEST_F(ReaderProcessTest, SegfaultFailsOnlyThatFileAndTheNextGetsANewReader) {
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "crash:crash-me", 1);
    auto r = reader.read(request("dir/crash-me.docx"));
    EXPECT_EQ(r.end, IsolatedEnd::crashed);
    EXPECT_TRUE(r.result.failed);
    ASSERT_EQ(r.result.problems.size(), 1u);
    EXPECT_EQ(r.result.problems[0].kind, layout::ProblemKind::unreadable);
    EXPECT_NE(r.result.problems[0].detail.find("crashed"), std::string::npos);
    // A signal in a plain build; under AddressSanitizer the sanitizer reports the invalid write
    // and exits with its own status instead.
    const auto& detail = r.result.problems[0].detail;
    EXPECT_TRUE(detail.find("signal") != std::string::npos ||
                detail.find("exit status") != std::string::npos)
        << detail;
    auto next = reader.read(request("dir/other.docx"));
    EXPECT_EQ(next.end, IsolatedEnd::completed);
    EXPECT_EQ(first_text(next.result), "Menerima berkas");
    EXPECT_EQ(reader.starts(), 2);
}

TEST_F(ReaderProcessTest, AbortAndGarbageAreCrashes) {
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "abort:abort-me,garbage:junk-me", 1);
    auto a = reader.read(request("abort-me.docx"));
    EXPECT_EQ(a.end, IsolatedEnd::crashed);
    EXPECT_EQ(a.result.problems.at(0).kind, layout::ProblemKind::unreadable);
    auto g = reader.read(request("junk-me.docx"));
    EXPECT_EQ(g.end, IsolatedEnd::crashed);
    EXPECT_NE(g.result.problems.at(0).detail.find("no valid result"), std::string::npos);
    EXPECT_EQ(reader.read(request("fine.docx")).end, IsolatedEnd::completed);
}

TEST_F(ReaderProcessTest, ExceptionInTheReaderIsRethrownAsTheToolsOwnError) {
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "throw:throw-me", 1);
    try {
        reader.read(request("throw-me.docx"));
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("reader threw"), std::string::npos);
    }
    // The reader caught it and goes on serving.
    EXPECT_EQ(reader.read(request("fine.docx")).end, IsolatedEnd::completed);
    EXPECT_EQ(reader.starts(), 1);
}

TEST_F(ReaderProcessTest, HangIsKilledAtTheTimeLimit) {
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "hang:hang-me", 1);
    auto r = reader.read(request("hang-me.docx", 1.0));
    EXPECT_EQ(r.end, IsolatedEnd::timed_out);
    EXPECT_TRUE(r.result.failed);
    ASSERT_EQ(r.result.problems.size(), 1u);
    EXPECT_EQ(r.result.problems[0].kind, layout::ProblemKind::limit);
    EXPECT_NE(r.result.problems[0].detail.find("max_seconds_per_file"), std::string::npos);
    EXPECT_GE(r.seconds, 1.0);
    EXPECT_LT(r.seconds, 20.0); // killed, not waited for
    EXPECT_EQ(reader.pid(), 0);
    EXPECT_EQ(reader.read(request("after.docx")).end, IsolatedEnd::completed);
}

TEST_F(ReaderProcessTest, ReadJustUnderTheTimeLimitCompletes) {
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "sleep300:slow", 1);
    auto r = reader.read(request("slow.docx", 5.0));
    EXPECT_EQ(r.end, IsolatedEnd::completed);
    EXPECT_GE(r.seconds, 0.3);
    EXPECT_FALSE(r.result.failed);
}

TEST_F(ReaderProcessTest, ReaderKilledFromOutsideBetweenFilesIsReplaced) {
    ASSERT_EQ(reader.read(request("a.docx")).end, IsolatedEnd::completed);
    ::kill(reader.pid(), SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = reader.read(request("a.docx"));
    // Either the dead pipe is noticed when the request is sent (a new reader reads the file) or
    // when the answer does not come (this file fails as a crash); the run goes on either way.
    EXPECT_TRUE(r.end == IsolatedEnd::completed || r.end == IsolatedEnd::crashed);
    EXPECT_EQ(reader.read(request("a.docx")).end, IsolatedEnd::completed);
    EXPECT_EQ(reader.starts(), 2);
}

TEST(ReaderProcess, ConcurrentReadersFromWorkerThreads) {
    // Each worker thread owns its reader; a reader started by one thread must not hold another's
    // pipe open (a crash of one would otherwise go unnoticed).
    test::TempDir tmp;
    const auto dir = tmp.path();
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        const std::string text = "t" + std::to_string(t);
        test::write_file(dir / (text + ".docx"), test::make_docx({text}));
    }
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "crash:t2-3", 1);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            pipeline::ReaderProcess reader(test::sopaudit_binary());
            const std::string text = "t" + std::to_string(t);
            for (int i = 0; i < 6; ++i) {
                pipeline::ReadRequest q;
                q.label = text + "-" + std::to_string(i);
                q.file = dir / (text + ".docx");
                q.format = ingest::Format::docx;
                q.limits.max_seconds_per_file = 30;
                auto r = reader.read(q);
                const bool should_crash = q.label == "t2-3";
                if (should_crash ? r.end == IsolatedEnd::crashed
                                 : r.end == IsolatedEnd::completed &&
                                       r.result.document.paragraphs.size() == 1 &&
                                       r.result.document.paragraphs[0].text == text)
                    ++ok;
            }
        });
    for (auto& th : threads)
        th.join();
    ::unsetenv("SOPAUDIT_TEST_READER_FAULT");
    EXPECT_EQ(ok.load(), 24);
}

// What the reader process was started with, from /proc.
std::string environment_of(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_F(ReaderProcessTest, StartsWithTheOpenMpThreadLimitInItsEnvironment) {
    const char* before = std::getenv("OMP_THREAD_LIMIT");
    const std::string saved = before != nullptr ? before : "";
    for (const std::string& user : {std::string(), std::string("3")}) {
        if (user.empty()) {
            ::unsetenv("OMP_THREAD_LIMIT");
        } else {
            ::setenv("OMP_THREAD_LIMIT", user.c_str(), 1);
        }
        pipeline::ReaderProcess fresh{test::sopaudit_binary()};
        fresh.read(request("a.docx"));
        ASSERT_GT(fresh.pid(), 0);
        const std::string env = '\0' + environment_of(fresh.pid());
        const std::string expected =
            std::string(1, '\0') + "OMP_THREAD_LIMIT=" + (user.empty() ? "1" : user) + '\0';
        EXPECT_NE(env.find(expected), std::string::npos) << "user value '" << user << "'";
        EXPECT_EQ(env.find("OMP_THREAD_LIMIT="), env.rfind("OMP_THREAD_LIMIT=")); // just once
    }
    if (before != nullptr) {
        ::setenv("OMP_THREAD_LIMIT", saved.c_str(), 1);
    } else {
        ::unsetenv("OMP_THREAD_LIMIT");
    }
}

TEST(ReaderProcess, InProcessReadNeedsNoReader) {
    test::TempDir tmp;
    const auto dir = tmp.path();
    test::write_file(dir / "a.docx", test::make_docx({"di sini"}));
    pipeline::ReadRequest q;
    q.file = dir / "a.docx";
    q.format = ingest::Format::docx;
    std::unique_ptr<ocr::Engine> engine;
    auto r = pipeline::read_in_process(q, engine);
    EXPECT_FALSE(r.failed);
    EXPECT_EQ(r.document.paragraphs.at(0).text, "di sini");
    EXPECT_EQ(engine, nullptr); // a Word file loads no OCR models
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
    EXPECT_EQ(d.tables[0].cells[0].paragraphs[0].text.size(), 4096u);     // at the limit: kept
    EXPECT_EQ(d.tables[0].cells[0].shapes[0].text.size(), 4096u);
}
