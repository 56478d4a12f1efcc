#pragma once
// Hand-built audit results for the report writers' tests: two folders (offices), a clean SOP,
// a broken one, a failed file, and document text that tries to inject markup and formulas.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"
#include "report/json_report.hpp"

#include <string>
#include <vector>

namespace sopaudit::report::testing {

inline const std::string k_script_injection = "<script>document.title='PWNED'</script>";
inline const std::string k_attr_injection = "\"><img src=x onerror=\"document.title='PWNED2'\">";

inline sop::FieldValue field(const std::string& label, const std::string& text) {
    sop::FieldValue v;
    v.label = label;
    v.text = text;
    return v;
}

inline sop::Step step(const std::string& no, const std::string& kegiatan, int actor,
                      const std::string& actor_name, sop::Symbol symbol) {
    sop::Step s;
    s.no = no;
    s.kegiatan = kegiatan;
    s.actors = {actor_name};
    s.actor_indices = {actor};
    s.symbol = symbol;
    s.kelengkapan = "Berkas";
    s.waktu = "15 menit";
    s.output = "Dokumen";
    s.keterangan = "-";
    return s;
}

inline sop::Sop good_sop(const std::string& nomor, const std::string& nama) {
    sop::Sop sop;
    sop.identity_found = true;
    sop.identity["instansi"] = field("", "PEMERINTAH KABUPATEN CONTOH\nBAGIAN ORGANISASI");
    sop.identity["nomor"] = field("Nomor SOP", nomor);
    sop.identity["tanggal_pembuatan"] = field("Tanggal Pembuatan", "2 Januari 2023");
    sop.identity["tanggal_revisi"] = field("Tanggal Revisi", "-");
    sop.identity["tanggal_efektif"] = field("Tanggal Efektif", "3 Januari 2023");
    sop.identity["disahkan_oleh"] =
        field("Disahkan Oleh", "Kepala Bagian\nBUDI SANTOSO\nNIP. 19750812 200003 1 004");
    sop.identity["nama"] = field("Nama SOP", nama);
    sop.identity["dasar_hukum"] = field("Dasar Hukum", "1. Undang-Undang Nomor 23 Tahun 2014");
    sop.dasar_hukum_items = {"Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"};
    for (const char* k : {"kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
                          "peringatan", "pencatatan_pendataan"}) {
        sop.identity[k] = field(k, "Isi " + std::string(k));
    }
    auto& p = sop.procedure;
    p.found = true;
    p.columns = {"no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan"};
    p.actors = {"Staf", "Kasubbag", "Kabag"};
    p.steps = {step("1", "Menerima berkas", 0, "Staf", sop::Symbol::terminator),
               step("2", "Memeriksa berkas", 1, "Kasubbag", sop::Symbol::decision),
               step("3", "Menandatangani surat", 2, "Kabag", sop::Symbol::process),
               step("4", "Mengarsipkan", 0, "Staf", sop::Symbol::terminator)};
    return sop;
}

inline audit::Finding finding(const std::string& rule, audit::Severity sev,
                              const std::string& message, std::optional<int> sop,
                              std::optional<int> row, std::optional<std::string> field) {
    audit::Finding f;
    f.rule = rule;
    f.severity = sev;
    f.message = message;
    f.location.sop = sop;
    f.location.row = row;
    f.location.field = std::move(field);
    return f;
}

inline std::vector<audit::FileResult> sample_results() {
    using audit::Severity;
    std::vector<audit::FileResult> files;

    audit::FileResult clean;
    clean.path = "bagian-organisasi/sop-izin.docx";
    clean.format = "docx";
    clean.status = "audited";
    clean.method = "xml";
    clean.sops.push_back(good_sop("800/012/SOP-ORG/2022", "Penerbitan Izin Penelitian"));
    files.push_back(clean);

    audit::FileResult bad;
    bad.path = "dinas & \"kesehatan\"/buku <sop>.docx";
    bad.format = "docx";
    bad.status = "audited";
    bad.method = "xml";
    auto s0 = good_sop(k_attr_injection, k_script_injection);
    s0.procedure.actors[1] = "Kasubbag</th><script>document.title='PWNED3'</script>";
    s0.procedure.steps[1].actors = {s0.procedure.actors[1]};
    s0.procedure.steps[2].waktu = "";
    s0.procedure.steps[2].kegiatan = "=HYPERLINK(\"http://x\",\"klik\")";
    s0.identity["tanggal_efektif"].text = "";
    bad.sops.push_back(s0);
    auto s1 = good_sop("800/013/SOP-KES/2022", "Pelayanan Rujukan");
    s1.identity.erase("peringatan");
    bad.sops.push_back(s1);
    bad.findings = {
        finding("identity-nomor-format", Severity::warning,
                "Nomor SOP " + k_attr_injection + " tidak sesuai pola", 0, {}, "nomor"),
        finding("identity-field-empty", Severity::error, "Tanggal Efektif kosong", 0, {},
                "tanggal_efektif"),
        finding("procedure-time-missing", Severity::error, "Waktu langkah 3 kosong", 0, 3, "waktu"),
        finding("procedure-activity-verb", Severity::warning,
                "Kegiatan \"=HYPERLINK(...)\" tidak diawali kata kerja, baris 3", 0, 3, "kegiatan"),
        finding("identity-field-missing", Severity::error, "Label Peringatan tidak ada", 1, {},
                "peringatan"),
        finding("identity-nomor-duplicate", Severity::info,
                "Catatan, dengan koma; dan \"kutip\"\nbaris baru", 1, {}, {}),
        finding("procedure-column-missing", Severity::error, "Kolom Keterangan tidak ada", 1, {},
                "keterangan"),
    };
    files.push_back(bad);

    audit::FileResult failed;
    failed.path = "top-level.docx";
    failed.format = "docx";
    failed.status = "failed";
    failed.findings = {finding("ingest-unreadable", Severity::error,
                               "Berkas tidak dapat dibaca: " + k_script_injection, {}, {}, {})};
    files.push_back(failed);

    audit::FileResult not_sop;
    not_sop.path = "bagian-organisasi/undangan.docx";
    not_sop.format = "docx";
    not_sop.status = "audited";
    not_sop.method = "xml";
    not_sop.findings = {
        finding("ingest-not-sop", Severity::warning, "Berkas tidak memuat SOP", {}, {}, {})};
    files.push_back(not_sop);
    return files;
}

inline report::RunInfo run_info() {
    report::RunInfo run;
    run.tool_version = "0.1.0";
    run.ruleset_id = "permenpan-35-2012";
    run.ruleset_version = "test";
    run.started_at = "2026-01-01T01:00:00+07:00";
    run.finished_at = "2026-01-01T01:05:00+07:00";
    run.inputs = {"/srv/sop", k_script_injection};
    return run;
}

inline audit::RuleSet shipped_rules() {
    return audit::RuleSet::load(std::string(SOPAUDIT_SOURCE_DIR) + "/rules/permenpan-35-2012.json");
}

} // namespace sopaudit::report::testing
