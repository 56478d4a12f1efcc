#pragma once
// Citations of regulations in a Dasar Hukum list: kind, number and year
// ("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", "UU No. 23/2014",
// "Peraturan Menteri Negara PAN Nomor PER/21/M.PAN/11/2008").

#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::common {

// A kind of regulation: its key ("uu", "pp", "permendagri") and how it is written (folded by
// fold_label: "undang undang", "uu"). no_number: kinds cited without a number (UUD 1945).
struct CitationKind {
    std::string key;
    std::vector<std::string> spellings;
    bool no_number = false;
};

const std::vector<CitationKind>& default_citation_kinds();

struct Citation {
    bool recognized = false;
    std::string kind;   // key of the kind, empty when not recognised
    std::string number; // as written, upper case, without spaces ("23", "PER/21/M.PAN/11/2008")
    int year = 0;
    std::string title;  // after "tentang", if any
    std::string problem; // "kind", "number" or "year" when not recognised
};

Citation parse_citation(std::string_view item, const std::vector<CitationKind>& kinds);

// Canonical number for comparing: upper case, no spaces, leading zeros of a plain number dropped.
std::string canonical_number(std::string_view number);

// Splits a Dasar Hukum value into its items: one per paragraph ('\n'), and a paragraph holding
// several "1. ... 2. ..." items is split at each marker. Markers are removed.
std::vector<std::string> split_list_items(std::string_view text);

} // namespace sopaudit::common
