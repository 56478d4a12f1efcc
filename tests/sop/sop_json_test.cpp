// The SOP model as JSON: write_json prints the bytes Poco prints for to_json, and to_json reads
// back through from_json.
#include "common/json_writer.hpp"
#include "sop/sop_json.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>
#include <sstream>

namespace sopaudit::sop {
namespace {

layout::Provenance at(int page, int table, int row, int col, bool box) {
    layout::Provenance p;
    p.page = page;
    p.table = table;
    p.row = row;
    p.col = col;
    if (box) {
        p.bbox = layout::BBox{12.5, 30, 1200.25, 88.125};
    }
    return p;
}

Sop rich_sop() {
    Sop sop;
    sop.identity_found = true;
    sop.confidence = 0.8125;
    sop.where = at(1, 0, -1, -1, false);
    FieldValue nomor;
    nomor.label = "Nomor SOP";
    nomor.text = "800/012/SOP-ORG/2022";
    nomor.confidence = 0.97;
    nomor.where = at(1, 0, 2, 3, true);
    nomor.label_where = at(1, 0, 2, 2, true);
    sop.identity["nomor"] = nomor;
    FieldValue tanggal;
    tanggal.label = "Tgl. Pembuatan";
    tanggal.text = "2 Januari 2022";
    tanggal.normalized = "2022-01-02";
    tanggal.where = at(0, 0, 3, 3, false);
    sop.identity["tanggal_pembuatan"] = tanggal;
    FieldValue nama;
    nama.text = "Penerbitan \"Surat\" \\ Izin\n";
    sop.identity["nama"] = nama;
    sop.identity["instansi"] = FieldValue{};
    sop.dasar_hukum_items = {"Undang-Undang Nomor 30 Tahun 2014;", "Permenpan RB 35/2012"};
    sop.procedure.found = true;
    sop.procedure.columns = {"no", "kegiatan", "kelengkapan", "waktu", "output", "keterangan"};
    sop.procedure.actors = {"Kasubbag", "Kabag"};
    sop.procedure.tables = {1, 2};
    sop.procedure.where = at(1, 1, 0, 0, true);
    Step first;
    first.no = "1";
    first.kegiatan = "Menerima berkas";
    first.actors = {"Kasubbag"};
    first.actor_indices = {0};
    first.symbol = Symbol::terminator;
    first.symbol_geometries = {"capsule"};
    first.waktu = "15 menit";
    first.where = at(1, 1, 2, -1, true);
    first.confidence = 0.5;
    Step second;
    second.no = "2";
    second.kegiatan = "Memeriksa";
    second.has_offpage_connector = true;
    second.where = at(2, 2, 0, -1, false);
    sop.procedure.steps = {first, second};
    return sop;
}

std::string poco_print(const Sop& sop, unsigned indent) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(to_json(sop), out, indent);
    return out.str();
}

std::string writer_print(const Sop& sop, unsigned indent) {
    std::string out;
    common::JsonWriter w(out, indent, indent);
    write_json(w, sop);
    return out;
}

TEST(SopJson, WriterPrintsPocosBytes) {
    const Sop sop = rich_sop();
    EXPECT_EQ(writer_print(sop, 0), poco_print(sop, 0));
    EXPECT_EQ(writer_print(sop, 2), poco_print(sop, 2));
    EXPECT_EQ(writer_print(Sop{}, 0), poco_print(Sop{}, 0));
    EXPECT_EQ(writer_print(Sop{}, 2), poco_print(Sop{}, 2));
}

TEST(SopJson, LocationWriterAddsFieldAndRowWhereCallersDo) {
    const auto p = at(3, 1, 4, 5, true);
    auto expected = location_json(p);
    expected->set("field", std::string("nomor"));
    expected->set("row", 7);
    std::ostringstream poco;
    expected->stringify(poco);
    std::string mine;
    common::JsonWriter w(mine);
    write_location(w, p, "nomor", 7);
    EXPECT_EQ(mine, poco.str());
}

TEST(SopJson, RoundTripKeepsTheModel) {
    const Sop sop = rich_sop();
    Poco::JSON::Parser parser;
    const Sop back =
        from_json(parser.parse(writer_print(sop, 0)).extract<Poco::JSON::Object::Ptr>());
    EXPECT_EQ(writer_print(back, 0), writer_print(sop, 0));
    ASSERT_EQ(back.procedure.steps.size(), 2u);
    EXPECT_EQ(back.procedure.steps[0].symbol, Symbol::terminator);
    EXPECT_TRUE(back.procedure.steps[1].has_offpage_connector);
    EXPECT_EQ(back.identity.at("tanggal_pembuatan").normalized, "2022-01-02");
}

} // namespace
} // namespace sopaudit::sop
