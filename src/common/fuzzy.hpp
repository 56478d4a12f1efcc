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

// fold_label into `out` (cleared first), reusing its buffer.
void fold_label_into(std::string_view s, std::string& out);

// Levenshtein distance over bytes.
int edit_distance(std::string_view a, std::string_view b);

// Levenshtein distance if it is at most `limit`, otherwise limit + 1; stops as soon as the
// distance must exceed the limit.
int edit_distance_within(std::string_view a, std::string_view b, int limit);

// Edits tolerated for a folded string of this length: none up to 4 bytes, 1 up to 9, then 2.
int tolerated_edits(std::size_t length);

// Both arguments folded already. Exact, or within tolerated_edits of the variant's length.
bool fuzzy_equal(std::string_view folded, std::string_view folded_variant);

// Index of the best matching variant (folded inside), or -1. Ties go to the first variant.
int best_match(std::string_view text, const std::vector<std::string>& variants);

// A list of variants folded once, for callers that match many texts against the same list.
class FoldedVariants {
public:
    FoldedVariants() = default;
    explicit FoldedVariants(const std::vector<std::string>& variants);

    // Same answer as best_match(text, variants).
    int best_match(std::string_view text) const;

    std::size_t size() const { return m_folded.size(); }
    // A folded text longer than this matches no variant (the longest plus the edits tolerated).
    std::size_t longest_match() const { return m_longest_match; }

private:
    std::vector<std::string> m_folded;
    std::size_t m_longest_match = 0;
};

} // namespace sopaudit::common
