#pragma once
// Fuzzy matching of short labels (identity labels, column headers) as written by hand or read by
// OCR: fold case and punctuation, then allow a few edits in proportion to the length.

#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::common {

// Lower case (ASCII), every character that is not a letter or digit becomes a space, spaces folded.
// Bytes >= 0x80 (UTF-8 letters) are kept. "Tgl. Pembuatan :" -> "tgl pembuatan".
std::string fold_label(std::string_view s);

// Levenshtein distance over bytes.
int edit_distance(std::string_view a, std::string_view b);

// Edits tolerated for a folded string of this length: none up to 4 bytes, 1 up to 9, then 2.
int tolerated_edits(std::size_t length);

// Both arguments folded already. Exact, or within tolerated_edits of the variant's length.
bool fuzzy_equal(std::string_view folded, std::string_view folded_variant);

// Index of the best matching variant (folded inside), or -1.
int best_match(std::string_view text, const std::vector<std::string>& variants);

} // namespace sopaudit::common
