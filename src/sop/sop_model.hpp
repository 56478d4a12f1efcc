#pragma once
// The SOP model: what sop/ recognised in a layout document. audit/ checks it, report/ prints it.

#include "layout/layout.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sopaudit::sop {

// Identity field keys of sop-ap-format.md §1.1, in the order they are printed.
inline constexpr const char* k_identity_keys[] = {"instansi",
                                                  "nomor",
                                                  "tanggal_pembuatan",
                                                  "tanggal_revisi",
                                                  "tanggal_efektif",
                                                  "disahkan_oleh",
                                                  "nama",
                                                  "dasar_hukum",
                                                  "kualifikasi_pelaksana",
                                                  "keterkaitan",
                                                  "peralatan_perlengkapan",
                                                  "peringatan",
                                                  "pencatatan_pendataan"};

// Procedure column keys of §1.2.
inline constexpr const char* k_column_keys[] = {"no",    "kegiatan", "pelaksana", "kelengkapan",
                                                "waktu", "output",   "keterangan"};

enum class Symbol { none, terminator, process, decision, connector, other, mark };
const char* to_string(Symbol s);                 // schema value; none -> "" (printed as null)
Symbol symbol_from_string(const std::string& s); // inverse of to_string; unknown -> none

struct FieldValue {
    std::string label; // the label as written ("Tgl. Revisi"); empty for instansi
    std::string text;  // the value as read, white space folded
    std::optional<std::string> normalized; // dates YYYY-MM-DD, NIP 18 digits
    double confidence = 1.0;
    layout::Provenance where;       // of the value cell
    layout::Provenance label_where; // of the label cell
};

struct Step {
    std::string no, kegiatan, kelengkapan, waktu, output, keterangan;
    std::vector<std::string> actors; // names of the actor columns holding a symbol or mark
    std::vector<int> actor_indices;  // indices into Procedure::actors
    Symbol symbol = Symbol::none;    // the step's symbol (first actor's)
    std::vector<std::string> symbol_geometries; // raw geometries seen, for messages
    bool has_offpage_connector = false;
    layout::Provenance where; // table, row of the step
    double confidence = 1.0;
};

struct Procedure {
    bool found = false;               // a procedure table was found
    bool plain_list = false;          // steps came from a numbered list, not a table
    std::vector<std::string> columns; // column keys present, in table order
    std::vector<std::string> actors;  // actor column names, left to right
    int unkeyed_columns = 0;          // header columns whose text named no column nor actor
    std::vector<Step> steps;
    std::vector<int> tables; // layout table indices the procedure spans
    layout::Provenance where;
};

struct Sop {
    bool identity_found = false;
    // Field key -> value, for every label found. A key absent here had no label at all.
    std::map<std::string, FieldValue> identity;
    std::vector<std::string> dasar_hukum_items; // items of the legal basis list
    std::vector<layout::Provenance> dasar_hukum_where;
    Procedure procedure;
    layout::Provenance where; // first table / page of the SOP
    // Mean OCR confidence of the SOP's text, 1 for XML. Rules may refuse to judge below a
    // threshold.
    double confidence = 1.0;
};

struct Recognition {
    std::vector<Sop> sops;
};

} // namespace sopaudit::sop
