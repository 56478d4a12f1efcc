#include "report/ui_text.hpp"

#include <array>
#include <map>

namespace sopaudit::report {
namespace {

struct Entry {
    Ui key;
    const char* id;
    const char* en;
};

constexpr Entry k_table[] = {
    {Ui::title, "Laporan Audit SOP AP", "SOP AP Audit Report"},
    {Ui::run, "Pemeriksaan", "Run"},
    {Ui::started, "Mulai", "Started"},
    {Ui::finished, "Selesai", "Finished"},
    {Ui::ruleset, "Kumpulan aturan", "Rule set"},
    {Ui::inputs, "Masukan", "Inputs"},
    {Ui::tool, "Alat", "Tool"},
    {Ui::summary, "Ringkasan", "Summary"},
    {Ui::files, "Berkas", "Files"},
    {Ui::sops, "SOP", "SOPs"},
    {Ui::sops_comply, "SOP tanpa kesalahan", "SOPs without errors"},
    {Ui::files_comply, "Berkas tanpa kesalahan", "Files without errors"},
    {Ui::findings, "Temuan", "Findings"},
    {Ui::by_severity, "Temuan menurut tingkat", "Findings by severity"},
    {Ui::by_rule, "Temuan menurut aturan", "Findings by rule"},
    {Ui::by_folder, "Temuan menurut folder (OPD)", "Findings by folder (office)"},
    {Ui::worst_files, "Berkas, yang terburuk lebih dulu", "Files, worst first"},
    {Ui::all_files, "Semua berkas", "All files"},
    {Ui::folder, "Folder", "Folder"},
    {Ui::root_folder, "(folder utama)", "(top folder)"},
    {Ui::file, "Berkas", "File"},
    {Ui::format, "Format", "Format"},
    {Ui::status, "Status", "Status"},
    {Ui::method, "Cara baca", "Read by"},
    {Ui::pages, "Halaman", "Pages"},
    {Ui::rule, "Aturan", "Rule"},
    {Ui::severity, "Tingkat", "Severity"},
    {Ui::message, "Pesan", "Message"},
    {Ui::location, "Letak", "Location"},
    {Ui::field, "Isian/kolom", "Field/column"},
    {Ui::step, "Langkah", "Step"},
    {Ui::page, "Halaman", "Page"},
    {Ui::count, "Jumlah", "Count"},
    {Ui::clause, "Dasar", "Clause"},
    {Ui::rule_doc, "Keterangan aturan", "About the rule"},
    {Ui::sop, "SOP", "SOP"},
    {Ui::no_sop_found, "Tidak ada SOP yang ditemukan dalam berkas ini.",
     "No SOP was found in this file."},
    {Ui::identity, "Bagian identitas", "Identity section"},
    {Ui::identity_missing, "Bagian identitas tidak ditemukan.", "No identity section was found."},
    {Ui::procedure, "Bagian prosedur", "Procedure section"},
    {Ui::procedure_missing, "Tabel prosedur tidak ditemukan.", "No procedure table was found."},
    {Ui::legal_basis, "Dasar hukum", "Legal basis"},
    {Ui::field_not_found, "(label tidak ada)", "(no label)"},
    {Ui::empty_value, "(kosong)", "(empty)"},
    {Ui::actors, "Pelaksana", "Actors"},
    {Ui::symbol, "Simbol", "Symbol"},
    {Ui::file_findings, "Temuan tingkat berkas", "File-level findings"},
    {Ui::sop_findings, "Temuan lain pada SOP ini", "Other findings of this SOP"},
    {Ui::procedure_findings, "Temuan pada tabel prosedur", "Findings on the procedure table"},
    {Ui::page_images, "Halaman pindaian dengan tanda", "Scanned pages, annotated"},
    {Ui::filter, "Saring temuan", "Filter findings"},
    {Ui::filter_all, "semua", "all"},
    {Ui::filter_rule, "Aturan", "Rule"},
    {Ui::filter_hint, "Penyaring memerlukan JavaScript; tanpa itu semua temuan tampil.",
     "Filters need JavaScript; without it every finding is shown."},
    {Ui::back_to_summary, "Kembali ke ringkasan", "Back to the summary"},
    {Ui::findings_of_rule, "Temuan per aturan", "Findings per rule"},
    {Ui::none, "tidak ada", "none"},
    {Ui::error, "kesalahan", "error"},
    {Ui::warning, "peringatan", "warning"},
    {Ui::info, "info", "info"},
    {Ui::yes, "ya", "yes"},
    {Ui::no, "tidak", "no"},
    {Ui::status_audited, "diperiksa", "audited"},
    {Ui::status_unchanged, "tidak berubah", "unchanged"},
    {Ui::status_failed, "gagal dibaca", "failed"},
    {Ui::symbol_terminator, "terminator (kapsul)", "terminator (capsule)"},
    {Ui::symbol_process, "proses (kotak)", "process (rectangle)"},
    {Ui::symbol_decision, "keputusan (belah ketupat)", "decision (diamond)"},
    {Ui::symbol_connector, "penghubung antar halaman", "off-page connector"},
    {Ui::symbol_other, "simbol tidak baku", "non-standard symbol"},
    {Ui::symbol_mark, "tanda (centang/silang)", "mark (tick/cross)"},
    {Ui::symbol_none, "tanpa simbol", "no symbol"},
    {Ui::legend, "Keterangan warna", "Legend"},
    {Ui::legend_cell, "sel tabel yang terbaca", "table cell read"},
    {Ui::legend_symbol, "simbol bagan alir", "flowchart symbol"},
    {Ui::legend_finding, "letak temuan", "where a finding points"},
    {Ui::nomor, "Nomor SOP", "SOP number"},
    {Ui::nama, "Nama SOP", "SOP name"},
    {Ui::sop_number, "SOP ke", "SOP no."},
    {Ui::errors, "Kesalahan", "Errors"},
    {Ui::warnings, "Peringatan", "Warnings"},
    {Ui::infos, "Info", "Info"},
    {Ui::step_count, "Jumlah langkah", "Steps"},
    {Ui::actor_count, "Jumlah pelaksana", "Actors"},
    {Ui::rules_section, "Aturan yang dilanggar", "Rules broken"},
    {Ui::chart_by_rule, "Grafik temuan menurut aturan", "Chart of findings by rule"},
    {Ui::chart_by_folder, "Grafik temuan menurut folder", "Chart of findings by folder"},
    {Ui::table_column, "Kolom", "Column"},
    {Ui::converted_from, "Dikonversi oleh sopaudit dari", "Converted by sopaudit from"},
    {Ui::label_as_written, "Label tertulis", "Label as written"},
    {Ui::value, "Isi", "Value"},
};

static_assert(std::size(k_table) == static_cast<std::size_t>(Ui::count_),
              "every Ui key needs one entry");

constexpr bool table_in_order() {
    for (std::size_t i = 0; i < std::size(k_table); ++i) {
        if (static_cast<std::size_t>(k_table[i].key) != i) {
            return false;
        }
    }
    return true;
}
static_assert(table_in_order(), "k_table must list the Ui keys in declaration order");

struct FieldNames {
    const char* id;
    const char* en;
};

const std::map<std::string, FieldNames>& field_names() {
    static const std::map<std::string, FieldNames> names = {
        {"instansi", {"Instansi", "Body / unit"}},
        {"nomor", {"Nomor SOP", "SOP number"}},
        {"tanggal_pembuatan", {"Tanggal Pembuatan", "Date written"}},
        {"tanggal_revisi", {"Tanggal Revisi", "Date revised"}},
        {"tanggal_efektif", {"Tanggal Efektif", "Effective date"}},
        {"disahkan_oleh", {"Disahkan Oleh", "Approved by"}},
        {"nama", {"Nama SOP", "SOP name"}},
        {"dasar_hukum", {"Dasar Hukum", "Legal basis"}},
        {"kualifikasi_pelaksana", {"Kualifikasi Pelaksana", "Actor qualifications"}},
        {"keterkaitan", {"Keterkaitan", "Related SOPs"}},
        {"peralatan_perlengkapan", {"Peralatan/Perlengkapan", "Tools and equipment"}},
        {"peringatan", {"Peringatan", "Warning"}},
        {"pencatatan_pendataan", {"Pencatatan dan Pendataan", "Records kept"}},
        {"no", {"No", "No"}},
        {"kegiatan", {"Kegiatan", "Activity"}},
        {"pelaksana", {"Pelaksana", "Actors"}},
        {"kelengkapan", {"Kelengkapan", "Requirements"}},
        {"waktu", {"Waktu", "Time"}},
        {"output", {"Output", "Output"}},
        {"keterangan", {"Keterangan", "Remarks"}},
    };
    return names;
}

} // namespace

const char* ui(Ui key, audit::Lang lang) {
    const auto i = static_cast<std::size_t>(key);
    if (i >= std::size(k_table)) {
        return "";
    }
    return lang == audit::Lang::en ? k_table[i].en : k_table[i].id;
}

std::string field_label(const std::string& key, audit::Lang lang) {
    const auto& names = field_names();
    const auto it = names.find(key);
    if (it == names.end()) {
        return key;
    }
    return lang == audit::Lang::en ? it->second.en : it->second.id;
}

const char* severity_label(audit::Severity s, audit::Lang lang) {
    switch (s) {
    case audit::Severity::error:
        return ui(Ui::error, lang);
    case audit::Severity::warning:
        return ui(Ui::warning, lang);
    case audit::Severity::info:
        return ui(Ui::info, lang);
    }
    return "";
}

const char* symbol_label(sop::Symbol s, audit::Lang lang) {
    switch (s) {
    case sop::Symbol::terminator:
        return ui(Ui::symbol_terminator, lang);
    case sop::Symbol::process:
        return ui(Ui::symbol_process, lang);
    case sop::Symbol::decision:
        return ui(Ui::symbol_decision, lang);
    case sop::Symbol::connector:
        return ui(Ui::symbol_connector, lang);
    case sop::Symbol::other:
        return ui(Ui::symbol_other, lang);
    case sop::Symbol::mark:
        return ui(Ui::symbol_mark, lang);
    case sop::Symbol::none:
        return ui(Ui::symbol_none, lang);
    }
    return "";
}

const char* symbol_key(sop::Symbol s) {
    switch (s) {
    case sop::Symbol::terminator:
        return "terminator";
    case sop::Symbol::process:
        return "process";
    case sop::Symbol::decision:
        return "decision";
    case sop::Symbol::connector:
        return "connector";
    case sop::Symbol::other:
        return "other";
    case sop::Symbol::mark:
        return "mark";
    case sop::Symbol::none:
        return "";
    }
    return "";
}

const char* status_label(const std::string& status, audit::Lang lang) {
    if (status == "audited") {
        return ui(Ui::status_audited, lang);
    }
    if (status == "unchanged") {
        return ui(Ui::status_unchanged, lang);
    }
    if (status == "failed") {
        return ui(Ui::status_failed, lang);
    }
    return "";
}

} // namespace sopaudit::report
