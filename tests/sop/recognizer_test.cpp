#include "sop/recognizer.hpp"
#include "support/layout_builder.hpp"

#include <gtest/gtest.h>

namespace sopaudit::sop {
namespace {

using layout::ShapeClass;
using test::LayoutBuilder;

const Poco::JSON::Object::Ptr k_defaults = new Poco::JSON::Object;

std::string text_of(const Sop& s, const std::string& key) {
    const auto it = s.identity.find(key);
    return it == s.identity.end() ? "<absent>" : it->second.text;
}

// Header table: instansi on the left (spanning the label rows), labels and values on the right,
// then the six-box grid with each label above its content in the next row.
void header_with_grid(LayoutBuilder& b, const std::string& nomor = "800/012/SOP-ORG/2022") {
    b.table(12, 3, {6000, 3000, 5000});
    b.cell(0, 0, "|PEMERINTAH KABUPATEN PANDEGLANG|SEKRETARIAT DAERAH|BAGIAN ORGANISASI", 6, 1);
    b.cell(0, 1, "Nomor SOP").cell(0, 2, nomor);
    b.cell(1, 1, "Tgl. Pembuatan").cell(1, 2, "22 Juni 2022");
    b.cell(2, 1, "Tgl. Revisi").cell(2, 2, "-");
    b.cell(3, 1, "Tgl. Efektif").cell(3, 2, "1 Juli 2022");
    b.cell(4, 1, "Disahkan Oleh")
        .cell(4, 2, "KEPALA BAGIAN ORGANISASI,|||Budi Santoso, S.Sos.|NIP. 19750812 200003 1 004");
    b.cell(5, 1, "Nama SOP").cell(5, 2, "Penyusunan SOP");
    b.cell(6, 0, "Dasar Hukum").cell(6, 1, "Kualifikasi Pelaksana", 1, 2);
    b.cell(
         7, 0,
         "1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah|2. PP No. 18 Tahun 2016")
        .cell(7, 1, "Memahami tata naskah", 1, 2);
    b.cell(8, 0, "Keterkaitan").cell(8, 1, "Peralatan/Perlengkapan", 1, 2);
    b.cell(9, 0, "SOP Evaluasi").cell(9, 1, "Komputer", 1, 2);
    b.cell(10, 0, "Peringatan").cell(10, 1, "Pencatatan dan Pendataan", 1, 2);
    b.cell(11, 0, "Apabila tidak dilaksanakan, SOP tidak seragam").cell(11, 1, "Arsip", 1, 2);
}

// Two-row procedure header: No | Kegiatan | Pelaksana (actors) | Mutu Baku (3) | Keterangan.
void procedure_header(LayoutBuilder& b, int rows, const std::vector<std::string>& actors) {
    const int n = static_cast<int>(actors.size());
    std::vector<double> widths = {500, 3000};
    for (int i = 0; i < n; ++i) {
        widths.push_back(1250);
    }
    for (const double w : {1500.0, 900.0, 1500.0, 1200.0}) {
        widths.push_back(w);
    }
    b.table(rows, 2 + n + 4, widths);
    b.cell(0, 0, "No", 2, 1).cell(0, 1, "Kegiatan", 2, 1).cell(0, 2, "Pelaksana", 1, n);
    b.cell(0, 2 + n, "Mutu Baku", 1, 3).cell(0, 5 + n, "Keterangan", 2, 1);
    for (int i = 0; i < n; ++i) {
        b.cell(1, 2 + i, actors[static_cast<std::size_t>(i)]);
    }
    b.cell(1, 2 + n, "Kelengkapan").cell(1, 3 + n, "Waktu").cell(1, 4 + n, "Output");
}

// A step row with the given text in each actor cell (a tick, a cross, or nothing). Each grid
// position gets exactly one cell, as the readers give it: a second cell at the same position
// would be hidden by the first from Table::cell_at.
void step_row_with_texts(LayoutBuilder& b, int row, const std::string& no,
                         const std::string& kegiatan, const std::vector<std::string>& actor_texts) {
    const int n_actors = static_cast<int>(actor_texts.size());
    b.cell(row, 0, no).cell(row, 1, kegiatan);
    for (int i = 0; i < n_actors; ++i) {
        b.cell(row, 2 + i, actor_texts[static_cast<std::size_t>(i)]);
    }
    b.cell(row, 2 + n_actors, "Berkas")
        .cell(row, 3 + n_actors, "15 menit")
        .cell(row, 4 + n_actors, "Hasil");
    b.cell(row, 5 + n_actors, "");
}

void step_row(LayoutBuilder& b, int row, int n_actors, const std::string& no,
              const std::string& kegiatan, int actor, ShapeClass cls) {
    step_row_with_texts(b, row, no, kegiatan,
                        std::vector<std::string>(static_cast<std::size_t>(n_actors)));
    if (actor >= 0) {
        b.shape(row, 2 + actor, cls); // into the existing cell
    }
}

TEST(Recognizer, HeaderTableWithLabelAboveContentGrid) {
    LayoutBuilder b;
    header_with_grid(b);
    procedure_header(b, 5, {"Staf", "Kasubbag", "Kabag"});
    step_row(b, 2, 3, "1", "Menerima usulan", 2, ShapeClass::terminator);
    step_row(b, 3, 3, "2", "Menelaah usulan", 0, ShapeClass::process);
    step_row(b, 4, 3, "3", "Menandatangani SOP", 2, ShapeClass::terminator);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& s = rec.sops[0];
    EXPECT_TRUE(s.identity_found);
    EXPECT_EQ(text_of(s, "instansi"),
              "PEMERINTAH KABUPATEN PANDEGLANG SEKRETARIAT DAERAH BAGIAN ORGANISASI");
    EXPECT_EQ(text_of(s, "nomor"), "800/012/SOP-ORG/2022");
    EXPECT_EQ(s.identity.at("tanggal_pembuatan").normalized.value_or(""), "2022-06-22");
    EXPECT_EQ(text_of(s, "tanggal_revisi"), "-");
    EXPECT_FALSE(s.identity.at("tanggal_revisi").normalized.has_value());
    EXPECT_EQ(s.identity.at("disahkan_oleh").normalized.value_or(""), "197508122000031004");
    EXPECT_EQ(text_of(s, "disahkan_oleh"),
              "KEPALA BAGIAN ORGANISASI, Budi Santoso, S.Sos. NIP. 19750812 200003 1 004");
    EXPECT_EQ(text_of(s, "kualifikasi_pelaksana"), "Memahami tata naskah");
    EXPECT_EQ(text_of(s, "pencatatan_pendataan"), "Arsip");
    ASSERT_EQ(s.dasar_hukum_items.size(), 2u);
    EXPECT_EQ(s.dasar_hukum_items[1], "PP No. 18 Tahun 2016");
    EXPECT_EQ(s.identity.at("tanggal_revisi").label, "Tgl. Revisi");
    ASSERT_TRUE(s.procedure.found);
    EXPECT_EQ(s.procedure.columns,
              (std::vector<std::string>{"no", "kegiatan", "pelaksana", "kelengkapan", "waktu",
                                        "output", "keterangan"}));
    EXPECT_EQ(s.procedure.actors, (std::vector<std::string>{"Staf", "Kasubbag", "Kabag"}));
    ASSERT_EQ(s.procedure.steps.size(), 3u);
    EXPECT_EQ(s.procedure.steps[1].actors, std::vector<std::string>{"Staf"});
    EXPECT_EQ(s.procedure.steps[1].symbol, Symbol::process);
    EXPECT_EQ(s.procedure.steps[0].symbol, Symbol::terminator);
    EXPECT_EQ(s.procedure.steps[2].waktu, "15 menit");
}

TEST(Recognizer, SeparateColonColumnAndUpperCaseLabels) {
    LayoutBuilder b;
    b.table(5, 3);
    b.cell(0, 0, "NOMOR SOP").cell(0, 1, ":").cell(0, 2, "123/SOP/2023");
    b.cell(1, 0, "TGL. PEMBUATAN").cell(1, 1, ":").cell(1, 2, "05/01/2023");
    b.cell(2, 0, "TANGGAL EFEKTIF").cell(2, 1, ":").cell(2, 2, "2023-02-01");
    b.cell(3, 0, "NAMA SOP").cell(3, 1, ":").cell(3, 2, "PELAYANAN ARSIP");
    b.cell(4, 0, "PERALATAN DAN PERLENGKAPAN").cell(4, 1, ":").cell(4, 2, "");
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& s = rec.sops[0];
    EXPECT_EQ(text_of(s, "nomor"), "123/SOP/2023");
    EXPECT_EQ(s.identity.at("tanggal_pembuatan").normalized.value_or(""), "2023-01-05");
    EXPECT_EQ(s.identity.at("tanggal_efektif").normalized.value_or(""), "2023-02-01");
    EXPECT_EQ(text_of(s, "peralatan_perlengkapan"), "");
    EXPECT_EQ(s.identity.count("instansi"), 0u); // top-left cell is a label
    EXPECT_FALSE(s.procedure.found);
}

TEST(Recognizer, PlainTwoColumnTableWithColonsInLabels) {
    LayoutBuilder b;
    b.table(6, 2);
    b.cell(0, 0, "PEMERINTAH KABUPATEN GARUT|DINAS ARSIP", 1, 2);
    b.cell(1, 0, "Nomor SOP :").cell(1, 1, "060/015/SOP/2023");
    b.cell(2, 0, "Tgl. Pembuatan :").cell(2, 1, "1 Mei 2023");
    b.cell(3, 0, "Pencatatan & Pendataan:").cell(3, 1, "Buku register");
    b.cell(4, 0, "Peralatan / Perlengkapan:").cell(4, 1, "Formulir");
    b.cell(5, 0, "Dasar Hukum : UU No. 43 Tahun 2009", 1, 2);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& s = rec.sops[0];
    EXPECT_EQ(text_of(s, "instansi"), "PEMERINTAH KABUPATEN GARUT DINAS ARSIP");
    EXPECT_EQ(text_of(s, "pencatatan_pendataan"), "Buku register");
    EXPECT_EQ(text_of(s, "peralatan_perlengkapan"), "Formulir");
    EXPECT_EQ(text_of(s, "dasar_hukum"), "UU No. 43 Tahun 2009"); // label and value in one cell
    EXPECT_EQ(s.identity.at("nomor").label, "Nomor SOP");
}

TEST(Recognizer, SixBoxGridWithLabelAndContentInOneCell) {
    LayoutBuilder b;
    b.table(3, 2);
    b.cell(0, 0, "Dasar Hukum|1. UU Nomor 25 Tahun 2009 tentang Pelayanan Publik")
        .cell(0, 1, "Kualifikasi Pelaksana|Minimal D3");
    b.cell(1, 0, "Keterkaitan|-").cell(1, 1, "Peralatan/Perlengkapan|Komputer");
    b.cell(2, 0, "Peringatan").cell(2, 1, "Pencatatan/Pendataan|Arsip");
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& s = rec.sops[0];
    EXPECT_EQ(text_of(s, "kualifikasi_pelaksana"), "Minimal D3");
    EXPECT_EQ(text_of(s, "keterkaitan"), "-");
    EXPECT_EQ(text_of(s, "peringatan"), ""); // label with nothing under it (the next row is gone)
    ASSERT_EQ(s.dasar_hukum_items.size(), 1u);
}

TEST(Recognizer, LabelsWithOcrErrorsAndVariants) {
    LayoutBuilder b;
    b.table(5, 2);
    b.cell(0, 0, "Nomor S0P").cell(0, 1, "1/2/3");
    b.cell(1, 0, "Tanggal Pembuatn").cell(1, 1, "3 Maret 2020");
    b.cell(2, 0, "Disahkan 0leh").cell(2, 1, "Camat");
    b.cell(3, 0, "Landasan Hukum").cell(3, 1, "-");
    b.cell(4, 0, "Judul SOP").cell(4, 1, "Cuti");
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& s = rec.sops[0];
    EXPECT_EQ(text_of(s, "nomor"), "1/2/3");
    EXPECT_EQ(text_of(s, "tanggal_pembuatan"), "3 Maret 2020");
    EXPECT_EQ(text_of(s, "disahkan_oleh"), "Camat");
    EXPECT_EQ(text_of(s, "dasar_hukum"), "-");
    EXPECT_EQ(text_of(s, "nama"), "Cuti");
}

TEST(Recognizer, ConfigOverridesLabelVariants) {
    LayoutBuilder b;
    b.table(3, 2);
    b.cell(0, 0, "Kode Dokumen").cell(0, 1, "X-1");
    b.cell(1, 0, "Tgl. Pembuatan").cell(1, 1, "3 Maret 2020");
    b.cell(2, 0, "Nama SOP").cell(2, 1, "Cuti");
    Poco::JSON::Object::Ptr cfg = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr labels = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr nomor = new Poco::JSON::Array;
    nomor->add(std::string("Kode Dokumen"));
    labels->set("nomor", nomor);
    cfg->set("identity_labels", labels);
    EXPECT_EQ(recognize(b.build(), k_defaults).sops.size(), 0u); // two labels only: not an SOP
    const auto rec = recognize(b.build(), cfg);
    ASSERT_EQ(rec.sops.size(), 1u);
    EXPECT_EQ(text_of(rec.sops[0], "nomor"), "X-1");
}

// One RecognitionConfig read once serves every document of a run: the overrides hold for each,
// and a document read before another does not change what the next one gives.
TEST(RecognitionConfig, OneConfigServesManyDocumentsAlike) {
    LayoutBuilder override_doc;
    override_doc.table(3, 2);
    override_doc.cell(0, 0, "Kode Dokumen").cell(0, 1, "X-1");
    override_doc.cell(1, 0, "Tgl. Pembuatan").cell(1, 1, "3 Maret 2020");
    override_doc.cell(2, 0, "Nama SOP").cell(2, 1, "Cuti");
    LayoutBuilder full_doc;
    header_with_grid(full_doc, "800/7/2023");
    procedure_header(full_doc, 4, {"Staf", "Kabag"});
    step_row(full_doc, 2, 2, "1", "Menerima usulan", 0, ShapeClass::terminator);
    step_row(full_doc, 3, 2, "2", "Menandatangani", 1, ShapeClass::terminator);

    Poco::JSON::Object::Ptr cfg = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr labels = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr nomor = new Poco::JSON::Array;
    nomor->add(std::string("Kode Dokumen"));
    nomor->add(std::string("Nomor SOP"));
    labels->set("nomor", nomor);
    cfg->set("identity_labels", labels);
    const RecognitionConfig config(cfg);

    const auto override_doc_layout = override_doc.build();
    const auto full_doc_layout = full_doc.build();
    for (int round = 0; round < 2; ++round) {
        const auto first = recognize(override_doc_layout, config);
        ASSERT_EQ(first.sops.size(), 1u);
        EXPECT_EQ(text_of(first.sops[0], "nomor"), "X-1");
        const auto second = recognize(full_doc_layout, config);
        const auto alone = recognize(full_doc_layout, cfg);
        ASSERT_EQ(second.sops.size(), 1u);
        ASSERT_EQ(alone.sops.size(), 1u);
        EXPECT_EQ(text_of(second.sops[0], "nomor"), "800/7/2023");
        EXPECT_EQ(text_of(second.sops[0], "nama"), text_of(alone.sops[0], "nama"));
        EXPECT_EQ(second.sops[0].identity.size(), alone.sops[0].identity.size());
        EXPECT_EQ(second.sops[0].procedure.steps.size(), 2u);
        EXPECT_EQ(second.sops[0].procedure.actors, alone.sops[0].procedure.actors);
    }
    const RecognitionConfig defaults(k_defaults);
    EXPECT_EQ(recognize(override_doc_layout, defaults).sops.size(), 0u); // two labels only
}

TEST(Recognizer, FloatingShapeCountsInTheColumnItIsDrawnIn) {
    LayoutBuilder b;
    procedure_header(b, 4, {"A", "B", "C"});
    // Anchored in actor A's cell (grid col 2, 1250 twips wide) but offset 2600 twips to the
    // right: its centre lies in actor C's column.
    step_row(b, 2, 3, "1", "Menerima berkas", -1, ShapeClass::terminator);
    b.floating_shape(2, 2, ShapeClass::terminator, 2600LL * 635, 600LL * 635);
    // A connector line anchored in B's cell reaching into A: not a symbol.
    step_row(b, 3, 3, "2", "Memeriksa berkas", 1, ShapeClass::process);
    b.floating_shape(3, 3, ShapeClass::line, -1000LL * 635, 900LL * 635);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& steps = rec.sops[0].procedure.steps;
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].actors, std::vector<std::string>{"C"});
    EXPECT_EQ(steps[1].actors, std::vector<std::string>{"B"});
}

TEST(Recognizer, FloatingShapeRelativeToMarginUsesTableLeft) {
    LayoutBuilder b;
    procedure_header(b, 3, {"A", "B"});
    step_row(b, 2, 2, "1", "Menerima", -1, ShapeClass::process);
    // 500 + 3000 + 1250 = 4750 twips to B's left edge; centre at 4900.
    b.floating_shape(2, 1, ShapeClass::process, 4800LL * 635, 200LL * 635, "margin");
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    EXPECT_EQ(rec.sops[0].procedure.steps[0].actors, std::vector<std::string>{"B"});
}

TEST(Recognizer, ProcedureContinuedOverTablesWithRepeatedHeaderIsOne) {
    LayoutBuilder b;
    header_with_grid(b);
    procedure_header(b, 4, {"A", "B"});
    step_row(b, 2, 2, "1", "Menerima", 0, ShapeClass::terminator);
    step_row(b, 3, 2, "2", "Memeriksa", 1, ShapeClass::process);
    b.shape(3, 3, ShapeClass::connector, "flowChartOffpageConnector");
    b.paragraph("");
    procedure_header(b, 4, {"A", "B"});
    b.cell(2, 0, "").cell(2, 1, ""); // a row holding only the incoming connector
    b.shape(2, 3, ShapeClass::connector, "flowChartOffpageConnector");
    step_row(b, 3, 2, "3", "Menyerahkan", 0, ShapeClass::terminator);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& proc = rec.sops[0].procedure;
    EXPECT_EQ(proc.tables.size(), 2u);
    ASSERT_EQ(proc.steps.size(), 3u);
    EXPECT_EQ(proc.steps[1].symbol, Symbol::process); // the connector sharing its cell is no step
    EXPECT_TRUE(proc.steps[1].has_offpage_connector);
    EXPECT_EQ(proc.steps[2].no, "3");
}

TEST(Recognizer, ArrowOnlyRowsAreNotSteps) {
    LayoutBuilder b;
    procedure_header(b, 4, {"A"});
    step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
    b.cell(3, 0, "").cell(3, 1, "");
    b.shape(3, 2, ShapeClass::line, "straightConnector1");
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    EXPECT_EQ(rec.sops[0].procedure.steps.size(), 1u);
}

TEST(Recognizer, TickMarksInActorCells) {
    LayoutBuilder b;
    procedure_header(b, 4, {"A", "B"});
    step_row_with_texts(b, 2, "1", "Menerima", {"", "√"});
    step_row_with_texts(b, 3, "2", "Memeriksa", {"v", "Ya"}); // "Ya" is text, no mark
    const auto rec = recognize(b.build(), k_defaults);
    const auto& steps = rec.sops.at(0).procedure.steps;
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].symbol, Symbol::mark);
    EXPECT_EQ(steps[0].actors, std::vector<std::string>{"B"});
    EXPECT_EQ(steps[1].actors, std::vector<std::string>{"A"});
}

TEST(Recognizer, SingleRowHeaderNamesActorsDirectly) {
    LayoutBuilder b;
    b.table(3, 7);
    b.cell(0, 0, "No").cell(0, 1, "Uraian Kegiatan").cell(0, 2, "Pemohon").cell(0, 3, "Petugas");
    b.cell(0, 4, "Persyaratan").cell(0, 5, "Waktu").cell(0, 6, "Output");
    b.cell(1, 0, "1").cell(1, 1, "Mengajukan").cell(1, 5, "5 menit").cell(1, 6, "Berkas");
    b.shape(1, 2, ShapeClass::terminator);
    b.cell(2, 0, "2").cell(2, 1, "Memeriksa").cell(2, 5, "5 menit").cell(2, 6, "Berkas");
    b.shape(2, 3, ShapeClass::decision);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& proc = rec.sops[0].procedure;
    EXPECT_EQ(proc.actors, (std::vector<std::string>{"Pemohon", "Petugas"}));
    EXPECT_EQ(proc.columns, (std::vector<std::string>{"no", "kegiatan", "pelaksana", "kelengkapan",
                                                      "waktu", "output"}));
    EXPECT_EQ(proc.steps[1].symbol, Symbol::decision);
    EXPECT_FALSE(rec.sops[0].identity_found);
}

TEST(Recognizer, LegacyNumberedListAfterHeading) {
    LayoutBuilder b;
    header_with_grid(b);
    b.paragraph("URAIAN PROSEDUR");
    b.paragraph("1. Petugas menerima surat masuk");
    b.paragraph("2. Kasubbag memeriksa surat");
    b.paragraph("Menyerahkan ke pimpinan", 3); // Word list numbering
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& proc = rec.sops[0].procedure;
    EXPECT_FALSE(proc.found);
    EXPECT_TRUE(proc.plain_list);
    ASSERT_EQ(proc.steps.size(), 3u);
    EXPECT_EQ(proc.steps[0].kegiatan, "Petugas menerima surat masuk");
    EXPECT_EQ(proc.steps[2].no, "3");
}

TEST(Recognizer, BukuSopSplitsAtEachIdentitySection) {
    LayoutBuilder b;
    b.paragraph("BUKU STANDAR OPERASIONAL PROSEDUR");
    b.paragraph("KEPUTUSAN KEPALA DINAS");
    b.paragraph("1. Menetapkan SOP"); // decree text before any SOP: ignored
    b.table(3, 3);
    b.cell(0, 0, "No").cell(0, 1, "Nama SOP").cell(0, 2, "Halaman"); // table of contents
    b.cell(1, 0, "1").cell(1, 1, "SOP A").cell(1, 2, "3");
    header_with_grid(b, "1/SOP/2022");
    procedure_header(b, 3, {"A"});
    step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
    header_with_grid(b, "2/SOP/2022");
    procedure_header(b, 3, {"A"});
    step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 2u);
    EXPECT_EQ(text_of(rec.sops[0], "nomor"), "1/SOP/2022");
    EXPECT_EQ(text_of(rec.sops[1], "nomor"), "2/SOP/2022");
    EXPECT_EQ(rec.sops[1].procedure.steps.size(), 1u);
}

TEST(Recognizer, SopsWithoutIdentitySplitAtNewTitle) {
    LayoutBuilder b;
    b.paragraph("STANDAR OPERASIONAL PROSEDUR");
    procedure_header(b, 3, {"A"});
    step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
    b.paragraph("STANDAR OPERASIONAL PROSEDUR");
    b.paragraph("PELAYANAN CUTI");
    procedure_header(b, 3, {"A"});
    step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
    EXPECT_EQ(recognize(b.build(), k_defaults).sops.size(), 2u);
}

TEST(Recognizer, LetterIsNoSop) {
    LayoutBuilder b;
    b.paragraph("NOTA DINAS");
    b.table(4, 3);
    b.cell(0, 0, "Kepada").cell(0, 1, ":").cell(0, 2, "Yth. Sekretaris Daerah");
    b.cell(1, 0, "Nomor").cell(1, 1, ":").cell(1, 2, "800/900/UM/2024");
    b.cell(2, 0, "Tanggal").cell(2, 1, ":").cell(2, 2, "27 Januari 2024");
    b.cell(3, 0, "Hal").cell(3, 1, ":").cell(3, 2, "Laporan");
    b.table(2, 3);
    b.cell(0, 0, "No").cell(0, 1, "Nama").cell(0, 2, "Jabatan");
    b.cell(1, 0, "1").cell(1, 1, "Rosita").cell(1, 2, "Pengelola Data");
    EXPECT_TRUE(recognize(b.build(), k_defaults).sops.empty());
}

TEST(Recognizer, OcrConfidenceIsCarried) {
    LayoutBuilder b;
    b.table(3, 2);
    b.cell(0, 0, "Nomor SOP").cell(0, 1, "1/2/3");
    b.cell(1, 0, "Tgl. Pembuatan").cell(1, 1, "");
    b.cell(2, 0, "Nama SOP").cell(2, 1, "Cuti");
    b.confidence(0, 1, 0.3);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    EXPECT_DOUBLE_EQ(rec.sops[0].identity.at("nomor").confidence, 0.3);
    EXPECT_DOUBLE_EQ(rec.sops[0].identity.at("nama").confidence, 1.0);
}

// The identity table without its last rows, which a page break put into a table of their own.
void identity_top(LayoutBuilder& b) {
    b.table(6, 2);
    b.cell(0, 0, "Nomor SOP").cell(0, 1, "1/SOP/2023");
    b.cell(1, 0, "Tanggal Pembuatan").cell(1, 1, "26 April 2023");
    b.cell(2, 0, "Disahkan Oleh").cell(2, 1, "KEPALA DINAS");
    b.cell(3, 0, "Nama SOP").cell(3, 1, "Pengelolaan Surat Keluar");
    b.cell(4, 0, "Dasar Hukum").cell(4, 1, "1. UU No. 43 Tahun 2009 tentang Kearsipan");
    b.cell(5, 0, "Peringatan").cell(5, 1, "Surat tidak terkendali");
}

TEST(Recognizer, IdentityTableContinuedOnTheNextPageJoinsItsSop) {
    LayoutBuilder b;
    identity_top(b);
    b.table(2, 2);
    b.cell(0, 0, "Pencatatan dan Pendataan").cell(0, 1, "1. Buku agenda|2. Buku ekspedisi");
    b.cell(1, 0, "Keterkaitan").cell(1, 1, "SOP Penerimaan Surat");
    procedure_header(b, 3, {"A"});
    step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
    const auto rec = recognize(b.build(), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& s = rec.sops[0];
    EXPECT_EQ(text_of(s, "nomor"), "1/SOP/2023");
    EXPECT_EQ(text_of(s, "pencatatan_pendataan"), "1. Buku agenda 2. Buku ekspedisi");
    EXPECT_EQ(text_of(s, "keterkaitan"), "SOP Penerimaan Surat");
    EXPECT_EQ(s.procedure.steps.size(), 1u);
    EXPECT_EQ(s.where.table, 0); // the SOP still starts at its first identity table
}

TEST(Recognizer, ShortTableIsNoIdentityContinuationWhenItRepeatsAFieldOrHoldsOtherRows) {
    {
        LayoutBuilder b; // a field the SOP has already: not its continuation
        identity_top(b);
        b.table(1, 2);
        b.cell(0, 0, "Nomor SOP").cell(0, 1, "2/SOP/2023");
        procedure_header(b, 3, {"A"});
        step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
        const auto rec = recognize(b.build(), k_defaults);
        ASSERT_EQ(rec.sops.size(), 1u);
        EXPECT_EQ(text_of(rec.sops[0], "nomor"), "1/SOP/2023");
    }
    {
        LayoutBuilder b; // a row without a label: some other table
        identity_top(b);
        b.table(2, 2);
        b.cell(0, 0, "Pencatatan dan Pendataan").cell(0, 1, "Buku agenda");
        b.cell(1, 0, "Jumlah").cell(1, 1, "12");
        const auto rec = recognize(b.build(), k_defaults);
        ASSERT_EQ(rec.sops.size(), 1u);
        EXPECT_EQ(text_of(rec.sops[0], "pencatatan_pendataan"), "<absent>");
    }
    {
        LayoutBuilder b; // after the procedure: too late to be the identity's rest
        identity_top(b);
        procedure_header(b, 3, {"A"});
        step_row(b, 2, 1, "1", "Menerima", 0, ShapeClass::terminator);
        b.table(1, 2);
        b.cell(0, 0, "Pencatatan dan Pendataan").cell(0, 1, "Buku agenda");
        const auto rec = recognize(b.build(), k_defaults);
        ASSERT_EQ(rec.sops.size(), 1u);
        EXPECT_EQ(text_of(rec.sops[0], "pencatatan_pendataan"), "<absent>");
    }
}

// A layout model as the scan reader gives it: method "ocr", confidences below 1.
layout::Document scanned(const LayoutBuilder& b) {
    auto doc = b.build();
    doc.method = "ocr";
    for (auto& t : doc.tables) {
        for (auto& c : t.cells) {
            c.confidence = 0.9;
        }
    }
    return doc;
}

TEST(RecognizerScanned, StackedLabelsTakeTheirValuesLineByLine) {
    LayoutBuilder b;
    b.table(3, 2);
    b.cell(0, 0, "Nomor SOP|Tanggal Pembuatan").cell(0, 1, "000.8.3.3/12/SATPOLPP-A|2024");
    b.cell(1, 0, "Tanggal Revisi Tanggal Efektif").cell(1, 1, "");
    b.cell(2, 0, "Nama SOP").cell(2, 1, "Cuti");
    const auto rec = recognize(scanned(b), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& id = rec.sops[0].identity;
    EXPECT_EQ(id.at("nomor").text, "000.8.3.3/12/SATPOLPP-A"); // not "Tanggal Pembuatan"
    EXPECT_EQ(id.at("tanggal_pembuatan").text, "2024");
    // Two labels on one line over an empty cell: there, but which value is whose is unknown.
    ASSERT_EQ(id.count("tanggal_efektif"), 1u);
    EXPECT_EQ(id.at("tanggal_revisi").confidence, 0.0);
}

TEST(RecognizerScanned, LabelRunIntoItsValueIsReadButIsNoEvidenceOfAnIdentityTable) {
    LayoutBuilder b;
    b.table(5, 1);
    b.cell(0, 0, "DISAHKAN OLEH KEPALA SATUAN, Budi, NIP. 19750812 200003 1 004");
    b.cell(1, 0, "NAMA SOP Penetapan Daftar Informasi");
    b.cell(2, 0, "KUALIFIKASI PELAKSANA");
    b.cell(3, 0, "PENCATATAN DAN PENDATAAN");
    b.cell(4, 0, "PERALATAN/PERLENGKAPAN");
    const auto rec = recognize(scanned(b), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    EXPECT_EQ(rec.sops[0].identity.at("nama").text, "Penetapan Daftar Informasi");
    EXPECT_EQ(rec.sops[0].identity.at("disahkan_oleh").text.substr(0, 14), "KEPALA SATUAN,");
    // The same cells in a Word file are values, not labels.
    EXPECT_EQ(recognize(b.build(), k_defaults).sops.at(0).identity.count("nama"), 0u);

    LayoutBuilder weak_only;
    weak_only.table(2, 3);
    weak_only.cell(0, 0, "No.").cell(0, 1, "Kelengkapan").cell(0, 2, "Waktu");
    weak_only.cell(1, 0, "1").cell(1, 1, "Dasar hukum UU No. 14 Tahun 2008").cell(1, 2, "1 hari");
    EXPECT_TRUE(recognize(scanned(weak_only), k_defaults).sops.empty());
}

TEST(RecognizerScanned, HeaderCellHoldingBothHeaderRows) {
    LayoutBuilder b;
    b.table(3, 8);
    b.cell(0, 0, "No.")
        .cell(0, 1, "Kegiatan")
        .cell(0, 2, "PPID|Pelaksana")
        .cell(0, 3, "Pelaksana|Petugas");
    b.cell(0, 4, "Syarat")
        .cell(0, 5, "Mutu Baki|Waktu")
        .cell(0, 6, "MUT|Output")
        .cell(0, 7, "“Keterangan");
    b.cell(1, 0, "1")
        .cell(1, 1, "Menerima")
        .cell(1, 4, "Berkas")
        .cell(1, 5, "1 Jam")
        .cell(1, 6, "Berkas");
    b.shape(1, 2, ShapeClass::terminator);
    b.cell(2, 0, "2")
        .cell(2, 1, "Menyerahkan")
        .cell(2, 4, "Berkas")
        .cell(2, 5, "1 Jam")
        .cell(2, 6, "Berkas");
    b.shape(2, 3, ShapeClass::terminator);
    const auto rec = recognize(scanned(b), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    const auto& proc = rec.sops[0].procedure;
    EXPECT_EQ(proc.actors, (std::vector<std::string>{"PPID Pelaksana", "Petugas"}));
    EXPECT_EQ(proc.columns, (std::vector<std::string>{"no", "kegiatan", "pelaksana", "kelengkapan",
                                                      "waktu", "output", "keterangan"}));
    EXPECT_EQ(proc.steps.at(1).actors, std::vector<std::string>{"Petugas"});
}

TEST(RecognizerScanned, DoubtfulMarksBesideASymbolAreNoActors) {
    LayoutBuilder b;
    procedure_header(b, 4, {"A", "B", "C"});
    step_row(b, 2, 3, "1", "Menerima", 0, ShapeClass::terminator);
    b.shape(2, 3, ShapeClass::mark); // an arrow head read as a tick
    step_row(b, 3, 3, "2", "Memeriksa", 1, ShapeClass::process);
    auto doc = scanned(b);
    auto& blob = doc.tables[0].cells.emplace_back();
    blob.row = 3;
    blob.col = 4; // never reached by cell_at: cells are looked up by shape, not by this
    for (auto& cell : doc.tables[0].cells) {
        if (cell.row == 3 && cell.col == 4) {
            layout::Shape s;
            s.shape_class = ShapeClass::terminator;
            s.confidence = 0.05;
            cell.shapes.push_back(s);
            break;
        }
    }
    const auto rec = recognize(doc, k_defaults);
    const auto& steps = rec.sops.at(0).procedure.steps;
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].actors, std::vector<std::string>{"A"});
    EXPECT_EQ(steps[1].actors, std::vector<std::string>{"B"});
    // In a Word file the same tick is a second actor.
    EXPECT_EQ(recognize(b.build(), k_defaults).sops.at(0).procedure.steps[0].actors.size(), 2u);
}

TEST(RecognizerScanned, GridRowsUnderOneKegiatanCellAreOneStep) {
    LayoutBuilder b;
    procedure_header(b, 5, {"A", "B"});
    step_row(b, 2, 2, "1", "Menerima", 0, ShapeClass::terminator);
    // Step 2's cells span grid rows 3 and 4 (a rule the grid found where an arrow crosses);
    // its output was read in the lower half.
    b.cell(3, 0, "2", 2, 1).cell(3, 1, "Memeriksa", 2, 1).cell(3, 2, "").cell(3, 3, "");
    b.cell(3, 4, "Berkas", 2, 1).cell(3, 5, "15 menit", 2, 1).cell(3, 6, "").cell(3, 7, "", 2, 1);
    b.cell(4, 2, "").cell(4, 3, "").cell(4, 6, "Hasil");
    b.shape(4, 3, ShapeClass::process);
    const auto rec = recognize(scanned(b), k_defaults);
    const auto& steps = rec.sops.at(0).procedure.steps;
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[1].actors, std::vector<std::string>{"B"});
    EXPECT_EQ(steps[1].symbol, Symbol::process);
    EXPECT_EQ(steps[1].output, "Hasil");
}

TEST(RecognizerScanned, DasarHukumLinesAreWrappedItems) {
    LayoutBuilder b;
    b.table(4, 2);
    b.cell(0, 0, "Nomor SOP").cell(0, 1, "1/2/3");
    b.cell(1, 0, "Nama SOP").cell(1, 1, "Cuti");
    b.cell(2, 0, "Dasar Hukum").cell(2, 1, "Keterkaitan");
    b.cell(3, 0,
           "1 Undang — Undang Nomor 14 Tahun 2008 tentang|Keterbukaan Informasi Publik|"
           "2. Peraturan Pemerintah No.. 61 Tahun 2010 tentang X 3 Peraturan Daerah Nomor|"
           "12 Tahun 2006 tentang Y");
    b.cell(3, 1, "-");
    const auto rec = recognize(scanned(b), k_defaults);
    ASSERT_EQ(rec.sops.size(), 1u);
    EXPECT_EQ(rec.sops[0].dasar_hukum_items,
              (std::vector<std::string>{
                  "Undang - Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
                  "Peraturan Pemerintah No. 61 Tahun 2010 tentang X",
                  "Peraturan Daerah Nomor 12 Tahun 2006 tentang Y"}));
    // In a Word file each paragraph is an item.
    EXPECT_EQ(recognize(b.build(), k_defaults).sops.at(0).dasar_hukum_items.size(), 4u);
}

} // namespace
} // namespace sopaudit::sop
