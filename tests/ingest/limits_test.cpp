// Boundary tests for every limit of ingest::Limits (docs/limits.md): a file just inside a limit
// is read, one just past it gives a Problem of kind limit (ingest-limit), never unreadable.
// Limits are set small here so the files stay small; the comparison under test is the same.

#include "docx/docx_reader.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/isolation.hpp"
#include "support/support.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <map>
#include <string>
#include <thread>
#include <zip.h>

using namespace sopaudit;

namespace {

const char* kNs = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string document_xml(const std::string& body) {
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ") +
           kNs + "><w:body>" + body + "</w:body></w:document>";
}

std::map<std::string, std::string> docx_members(const std::string& doc_xml) {
    return {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\"?><Types "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
         "Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
         "PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
         "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {"word/document.xml", doc_xml},
    };
}

struct MemberStat {
    std::uint64_t size = 0;
    std::uint64_t comp_size = 0;
};

// Sizes of a member as the zip's central directory gives them (what the reader checks).
MemberStat stat_member(const std::string& zip_bytes, const std::string& name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
    EXPECT_NE(z, nullptr);
    zip_stat_t st;
    zip_stat_init(&st);
    EXPECT_EQ(zip_stat(z, name.c_str(), 0, &st), 0);
    zip_discard(z);
    zip_error_fini(&error);
    return {st.size, st.comp_size};
}

// The read's single problem kind, or "ok".
std::string outcome(const layout::ReadResult& r) {
    if (!r.failed && r.problems.empty())
        return "ok";
    if (r.problems.empty())
        return "failed without a problem";
    return layout::to_string(r.problems.front().kind);
}

std::string read_with(const std::string& bytes, const std::function<void(ingest::Limits&)>& set) {
    ingest::Limits limits;
    set(limits);
    return outcome(docx::read_docx_bytes(bytes, limits));
}

// The smallest value of a limit at which the file reads, found by bisection over [lo, hi].
std::uint64_t smallest_passing(const std::string& bytes, std::uint64_t lo, std::uint64_t hi,
                               const std::function<void(ingest::Limits&, std::uint64_t)>& set) {
    while (lo < hi) {
        std::uint64_t mid = lo + (hi - lo) / 2;
        if (read_with(bytes, [&](ingest::Limits& l) { set(l, mid); }) == "ok")
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

std::string paragraphs(int n) {
    std::string body;
    for (int i = 0; i < n; ++i)
        body +=
            "<w:p><w:r><w:t>Langkah " + std::to_string(i) + " menerima berkas</w:t></w:r></w:p>";
    return body;
}

std::string nested_body(int levels) {
    // levels extra elements between w:body and the paragraph: w:sdt/w:sdtContent pairs,
    // which Word itself nests.
    std::string open, close;
    for (int i = 0; i < levels; ++i) {
        open += i % 2 == 0 ? "<w:sdt>" : "<w:sdtContent>";
        close = (i % 2 == 0 ? "</w:sdt>" : "</w:sdtContent>") + close;
    }
    return open + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + close;
}

} // namespace

TEST(Limits, DefaultsAreTheDocumentedOnes) {
    // docs/limits.md states these; a change here must change the documentation too.
    ingest::Limits l;
    EXPECT_EQ(l.max_file_bytes, 512ull << 20);
    EXPECT_EQ(l.max_uncompressed_bytes, 256ull << 20);
    EXPECT_EQ(l.max_member_bytes, 128ull << 20);
    EXPECT_EQ(l.max_compression_ratio, 200.0);
    EXPECT_EQ(l.max_xml_depth, 256);
    EXPECT_EQ(l.max_pixels, 150'000'000u);
    EXPECT_EQ(l.max_pages, 200);
    EXPECT_EQ(l.max_seconds_per_file, 300.0);
    EXPECT_EQ(l.max_paragraph_bytes, 4096u);
}

TEST(Limits, MemberBytesBoundary) {
    const std::string doc = document_xml(paragraphs(400));
    const std::string bytes = test::make_zip(docx_members(doc));
    const auto size = stat_member(bytes, "word/document.xml").size;
    ASSERT_EQ(size, doc.size());
    EXPECT_EQ(read_with(bytes, [&](ingest::Limits& l) { l.max_member_bytes = size; }), "ok");
    EXPECT_EQ(read_with(bytes, [&](ingest::Limits& l) { l.max_member_bytes = size - 1; }), "limit");
    // And the threshold is exactly the largest member, not something near it.
    EXPECT_EQ(smallest_passing(bytes, 1, 10 * size,
                               [](ingest::Limits& l, std::uint64_t v) { l.max_member_bytes = v; }),
              size);
}

TEST(Limits, UncompressedTotalBoundary) {
    const std::string doc = document_xml(paragraphs(400));
    auto members = docx_members(doc);
    std::uint64_t all = 0;
    for (const auto& [name, content] : members)
        all += content.size();
    const std::string bytes = test::make_zip(members);
    // Which parts the reader inflates is its business; the total of them is at least
    // document.xml and at most every member.
    const auto threshold =
        smallest_passing(bytes, 1, 10 * all,
                         [](ingest::Limits& l, std::uint64_t v) { l.max_uncompressed_bytes = v; });
    EXPECT_GE(threshold, doc.size());
    EXPECT_LE(threshold, all);
    EXPECT_EQ(read_with(bytes, [&](ingest::Limits& l) { l.max_uncompressed_bytes = threshold; }),
              "ok");
    EXPECT_EQ(
        read_with(bytes, [&](ingest::Limits& l) { l.max_uncompressed_bytes = threshold - 1; }),
        "limit");
}

TEST(Limits, CompressionRatioBoundary) {
    // 2 MiB of white space between two paragraphs: deflates about 1000:1.
    const std::string doc =
        document_xml(paragraphs(1) + std::string(2u << 20, ' ') + paragraphs(1));
    const std::string bytes = test::make_zip(docx_members(doc));
    const auto st = stat_member(bytes, "word/document.xml");
    const double ratio = static_cast<double>(st.size) / static_cast<double>(st.comp_size);
    ASSERT_GT(ratio, 200.0) << "the default limit must catch it";
    EXPECT_EQ(read_with(bytes, [](ingest::Limits&) {}), "limit");
    EXPECT_EQ(read_with(bytes, [&](ingest::Limits& l) { l.max_compression_ratio = ratio; }), "ok");
    EXPECT_EQ(read_with(bytes, [&](ingest::Limits& l) { l.max_compression_ratio = ratio * 0.999; }),
              "limit");
}

TEST(Limits, XmlDepthBoundary) {
    const std::string shallow = test::make_zip(docx_members(document_xml(nested_body(20))));
    const std::string deeper = test::make_zip(docx_members(document_xml(nested_body(21))));
    auto depth = [](ingest::Limits& l, std::uint64_t v) { l.max_xml_depth = static_cast<int>(v); };
    const auto t_shallow = smallest_passing(shallow, 1, 250, depth);
    const auto t_deeper = smallest_passing(deeper, 1, 250, depth);
    // w:document, w:body, 20 levels, w:p, w:r, w:t: 25 deep.
    EXPECT_EQ(t_shallow, 25u);
    EXPECT_EQ(t_deeper, t_shallow + 1);
    EXPECT_EQ(read_with(shallow, [&](ingest::Limits& l) { l.max_xml_depth = 25; }), "ok");
    EXPECT_EQ(read_with(shallow, [&](ingest::Limits& l) { l.max_xml_depth = 24; }), "limit");
}

TEST(Limits, XmlDepthBeyondLibxml2sOwnCapIsStillALimit) {
    // libxml2 without XML_PARSE_HUGE stops at 256 levels by itself; a configured limit above
    // that must still report ingest-limit, not a malformed file.
    const std::string bytes = test::make_zip(docx_members(document_xml(nested_body(400))));
    EXPECT_EQ(read_with(bytes, [](ingest::Limits& l) { l.max_xml_depth = 1000; }), "limit");
    EXPECT_EQ(read_with(bytes, [](ingest::Limits&) {}), "limit");
}

TEST(Limits, SecondsPerFileBoundary) {
    // The per-file time limit is enforced by the reader process (pipeline::ReaderProcess, the
    // same path the pipeline uses): a read just under the limit completes, one past it is killed.
    test::TempDir tmp;
    const auto dir = tmp.path();
    test::write_file(dir / "a.docx", test::make_docx({"x"}));
    ::setenv("SOPAUDIT_TEST_READER_FAULT", "sleep500:under,sleep60000:over", 1);
    pipeline::ReaderProcess reader(test::sopaudit_binary());
    auto read = [&](const std::string& label) {
        pipeline::ReadRequest q;
        q.label = label;
        q.file = dir / "a.docx";
        q.format = ingest::Format::docx;
        q.limits.max_seconds_per_file = 2.0;
        return reader.read(q);
    };
    auto under = read("under.docx");
    auto over = read("over.docx");
    ::unsetenv("SOPAUDIT_TEST_READER_FAULT");
    EXPECT_EQ(outcome(under.result), "ok");
    EXPECT_EQ(outcome(over.result), "limit");
    EXPECT_GE(over.seconds, 2.0);
    EXPECT_LT(over.seconds, 30.0);
}

namespace {

// A white 8-bit PNG of width x height pixels, written by Leptonica.
std::string white_png(int width, int height) {
    PIX* pix = pixCreate(width, height, 8);
    pixSetAll(pix);
    l_uint8* data = nullptr;
    size_t size = 0;
    EXPECT_EQ(pixWriteMem(&data, &size, pix, IFF_PNG), 0);
    std::string png(reinterpret_cast<const char*>(data), size);
    lept_free(data);
    pixDestroy(&pix);
    return png;
}

// Scans one file with one --limit through the built binary; the file's status and rules.
std::pair<std::string, std::vector<std::string>>
scan_with_limit(const std::string& name, const std::string& bytes, const std::string& limit) {
    test::TempDir tmp;
    test::write_file(tmp / "in" / name, bytes);
    const auto r =
        test::run_sopaudit({"scan", (tmp / "in").string(), "--out", (tmp / "out").string(),
                            "--no-state", "-q", "--limit", limit});
    EXPECT_NE(r.exit_code, 2) << r.err;
    const auto report = test::parse_json_file(tmp / "out" / "report.json");
    const auto file = test::file_entry(report, name);
    if (!file) {
        ADD_FAILURE() << name << " missing from the report";
        return {};
    }
    return {file->getValue<std::string>("status"), test::rule_ids(file)};
}

bool has(const std::vector<std::string>& rules, const std::string& rule) {
    return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

} // namespace

// max_pixels through the whole run: an image of exactly max_pixels is read, one pixel row more
// is an ingest-limit finding and nothing else.
TEST(Limits, PixelLimitBoundaryEndToEnd) {
    const auto at = scan_with_limit("pindaian.png", white_png(40, 30), "max_pixels=1200");
    EXPECT_EQ(at.first, "audited");
    EXPECT_FALSE(has(at.second, "ingest-limit"));
    const auto over = scan_with_limit("pindaian.png", white_png(40, 31), "max_pixels=1200");
    EXPECT_EQ(over.first, "failed");
    EXPECT_EQ(over.second, std::vector<std::string>{"ingest-limit"});
}

// max_pages through the whole run, for a PDF of three small pages with a text layer.
TEST(Limits, PdfPageLimitBoundaryEndToEnd) {
    const std::string line = "Standar Operasional Prosedur halaman dengan teks yang cukup";
    const std::string pdf = test::make_pdf_pages({line + " 1", line + " 2", line + " 3"}, 400, 200);
    const auto at = scan_with_limit("tiga-halaman.pdf", pdf, "max_pages=3");
    EXPECT_EQ(at.first, "audited");
    EXPECT_FALSE(has(at.second, "ingest-limit"));
    const auto over = scan_with_limit("tiga-halaman.pdf", pdf, "max_pages=2");
    EXPECT_EQ(over.first, "failed");
    EXPECT_EQ(over.second, std::vector<std::string>{"ingest-limit"});
}
