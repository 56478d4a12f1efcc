#include "audit/result_json.hpp"
#include "common/json_writer.hpp"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <sstream>

namespace sopaudit::audit {
namespace {

FileResult sample_result() {
    FileResult r;
    r.path = "Dinas Kesehatan/SOP Pelayanan ü.docx";
    r.root = "/srv/sop";
    r.sha256 = std::string(64, 'a');
    r.size = 5'000'000'000ull; // beyond 32 bits
    r.mtime_ns = 1'700'000'000'123'456'789;
    r.format = "docx";
    r.status = "audited";
    r.method = "xml";
    r.pages = 3;
    r.sops.resize(2);
    Finding full;
    full.rule = "procedure-time-missing";
    full.severity = Severity::error;
    full.message = "Waktu langkah 3 kosong";
    full.location.sop = 1;
    full.location.page = 2;
    full.location.table = 4;
    full.location.row = 3;
    full.location.field = "waktu";
    full.location.bbox = layout::BBox{10.5, 20, 300, 40.25};
    Finding bare;
    bare.rule = "ingest-not-sop";
    bare.severity = Severity::warning;
    bare.message = "no SOP";
    Finding info;
    info.rule = "x-info";
    info.severity = Severity::info;
    info.message = "catatan";
    r.findings = {full, bare, info};
    return r;
}

// Through text, as the state store keeps it.
Poco::JSON::Object::Ptr through_text(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    Poco::JSON::Parser parser;
    return parser.parse(out.str()).extract<Poco::JSON::Object::Ptr>();
}

TEST(ResultJson, RoundTripKeepsEveryMember) {
    const FileResult in = sample_result();
    const FileResult out = file_result_from_json(through_text(to_json(in)));
    EXPECT_EQ(out.path, in.path);
    EXPECT_EQ(out.root, in.root);
    EXPECT_EQ(out.sha256, in.sha256);
    EXPECT_EQ(out.size, in.size);
    EXPECT_EQ(out.mtime_ns, in.mtime_ns);
    EXPECT_EQ(out.format, in.format);
    EXPECT_EQ(out.status, in.status);
    EXPECT_EQ(out.method, in.method);
    EXPECT_EQ(out.pages, in.pages);
    EXPECT_EQ(out.sops.size(), 2u);
    ASSERT_EQ(out.findings.size(), 3u);
    const auto& f = out.findings[0];
    EXPECT_EQ(f.rule, "procedure-time-missing");
    EXPECT_EQ(f.severity, Severity::error);
    EXPECT_EQ(f.message, "Waktu langkah 3 kosong");
    EXPECT_EQ(f.location.sop, 1);
    EXPECT_EQ(f.location.page, 2);
    EXPECT_EQ(f.location.table, 4);
    EXPECT_EQ(f.location.row, 3);
    EXPECT_EQ(f.location.field, "waktu");
    ASSERT_TRUE(f.location.bbox);
    EXPECT_DOUBLE_EQ(f.location.bbox->x0, 10.5);
    EXPECT_DOUBLE_EQ(f.location.bbox->y1, 40.25);
    EXPECT_EQ(out.findings[1].severity, Severity::warning);
    EXPECT_FALSE(out.findings[1].location.sop);
    EXPECT_FALSE(out.findings[1].location.bbox);
    EXPECT_EQ(out.findings[2].severity, Severity::info);
}

TEST(ResultJson, UnknownMethodAndPagesAreNull) {
    FileResult r = sample_result();
    r.method.clear();
    r.pages.reset();
    const auto json = to_json(r);
    EXPECT_TRUE(json->isNull("method"));
    EXPECT_TRUE(json->isNull("pages"));
    const FileResult back = file_result_from_json(through_text(json));
    EXPECT_TRUE(back.method.empty());
    EXPECT_FALSE(back.pages);
}

TEST(ResultJson, MembersInSchemaOrder) {
    std::ostringstream out;
    to_json(sample_result())->stringify(out);
    const std::string s = out.str();
    std::size_t last = 0;
    for (const char* key :
         {"\"path\"", "\"root\"", "\"sha256\"", "\"size\"", "\"mtime_ns\"", "\"format\"",
          "\"status\"", "\"method\"", "\"pages\"", "\"sops\"", "\"findings\""}) {
        const auto at = s.find(key);
        ASSERT_NE(at, std::string::npos) << key;
        EXPECT_GT(at, last) << key << " out of order in " << s;
        last = at;
    }
    const auto loc = to_json(sample_result().findings[0].location);
    EXPECT_EQ(loc->getArray("bbox")->size(), 4u);
}

TEST(ResultJson, WriterPrintsPocosBytes) {
    FileResult r = sample_result();
    FileResult bare;
    bare.status = "failed";
    for (const FileResult& file : {r, bare}) {
        for (const auto& [indent, step] : {std::pair{0u, 0u}, {2u, 2u}, {6u, 2u}}) {
            std::ostringstream poco;
            to_json(file)->stringify(poco, indent, static_cast<int>(step));
            std::string mine;
            common::JsonWriter w(mine, indent, step);
            write_json(w, file);
            EXPECT_EQ(mine, poco.str()) << "indent " << indent;
        }
    }
}

TEST(ResultJson, EmptyLocationIsAnEmptyObject) {
    const auto o = to_json(Location{});
    EXPECT_EQ(o->size(), 0u);
}

TEST(ResultJson, BadStoredResultsThrow) {
    auto json = through_text(to_json(sample_result()));
    json->remove("path");
    EXPECT_THROW(file_result_from_json(json), ResultJsonError);

    auto finding = through_text(to_json(sample_result().findings[0]));
    finding->set("severity", std::string("fatal"));
    EXPECT_THROW(finding_from_json(finding), ResultJsonError);

    auto loc = through_text(to_json(sample_result().findings[0].location));
    Poco::JSON::Array::Ptr short_box = new Poco::JSON::Array;
    short_box->add(1.0);
    loc->set("bbox", short_box);
    EXPECT_THROW(location_from_json(loc), ResultJsonError);

    EXPECT_THROW(file_result_from_json(nullptr), ResultJsonError);
}

} // namespace
} // namespace sopaudit::audit
