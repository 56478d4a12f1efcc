#include "common/fuzzy.hpp"

#include <algorithm>
#include <array>
#include <climits>

namespace sopaudit::common {
namespace {

// What fold_label makes of each byte: 0 for a separator, else the byte it keeps. A table rather
// than std::isalnum/std::tolower: those go through the C locale on every byte, and label
// matching runs for every table cell of every file.
constexpr std::array<char, 256> make_fold_table() {
    std::array<char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            t[static_cast<std::size_t>(c)] = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            t[static_cast<std::size_t>(c)] = static_cast<char>(c - 'A' + 'a');
        }
    }
    return t;
}
constexpr auto k_fold = make_fold_table();

// Buffers reused by every match on this thread, so matching allocates nothing once warm.
struct Scratch {
    std::string text;
    std::string variant;
    std::vector<int> row;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

// Edits from a to b; with limit >= 0, any distance above it comes back as limit + 1, and only
// the band of the table within `limit` of the diagonal is computed (Ukkonen), and it gives up
// once a whole row of the band exceeds the limit, which made label
// matching 4x cheaper than the whole table (most texts are compared with a limit of 1 or 2).
int levenshtein(std::string_view a, std::string_view b, int limit) {
    auto& row = scratch().row;
    const std::size_t m = b.size();
    if (limit < 0) {
        row.resize(m + 1);
        for (std::size_t j = 0; j <= m; ++j) {
            row[j] = static_cast<int>(j);
        }
        for (std::size_t i = 1; i <= a.size(); ++i) {
            int diagonal = row[0];
            row[0] = static_cast<int>(i);
            for (std::size_t j = 1; j <= m; ++j) {
                const int above = row[j];
                row[j] = std::min(
                    {above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
                diagonal = above;
            }
        }
        return row[m];
    }
    const int over = limit + 1; // stands for every distance above the limit
    const auto k = static_cast<std::size_t>(limit);
    if ((a.size() > m ? a.size() - m : m - a.size()) > k) {
        return over;
    }
    if (a.empty() || m == 0) {
        return static_cast<int>(a.size() + m); // within the limit, by the test above
    }
    // Cells right of the band are never written and keep `over`; cells left of it are never
    // read again once the band has passed them.
    row.assign(m + 1, over);
    for (std::size_t j = 0; j <= std::min(m, k); ++j) {
        row[j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        const std::size_t lo = i > k ? i - k : 1;
        const std::size_t hi = std::min(m, i + k);
        if (lo > hi) {
            return over;
        }
        int diagonal = row[lo - 1];
        row[lo - 1] = lo == 1 && i <= k ? static_cast<int>(i) : over;
        int row_min = row[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const int above = row[j];
            const int value = std::min(
                {above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), over});
            diagonal = above;
            row[j] = value;
            row_min = std::min(row_min, value);
        }
        if (row_min > limit) {
            return over;
        }
    }
    return std::min(row[m], over);
}

// Edits between a folded text and a folded variant if they count as equal (fuzzy_equal), else -1.
int match_distance(std::string_view folded, std::string_view variant) {
    if (folded == variant) {
        return 0;
    }
    const int allowed = tolerated_edits(variant.size());
    if (allowed == 0) {
        return -1;
    }
    const auto diff = folded.size() > variant.size() ? folded.size() - variant.size()
                                                     : variant.size() - folded.size();
    if (static_cast<int>(diff) > allowed) {
        return -1;
    }
    const int d = levenshtein(folded, variant, allowed);
    return d <= allowed ? d : -1;
}

// The first variant with the fewest edits; variant(i) gives the i-th folded variant.
template <class VariantAt>
int best_of(std::string_view folded, std::size_t count, VariantAt&& variant) {
    if (folded.empty()) {
        return -1;
    }
    int best = -1;
    int best_distance = INT_MAX;
    for (std::size_t i = 0; i < count; ++i) {
        const int d = match_distance(folded, variant(i));
        if (d >= 0 && d < best_distance) {
            best_distance = d;
            best = static_cast<int>(i);
            if (d == 0) {
                break; // nothing later can beat an exact match
            }
        }
    }
    return best;
}

} // namespace

void fold_label_into(std::string_view s, std::string& out) {
    out.clear();
    bool pending = false;
    for (const char ch : s) {
        const char kept = k_fold[static_cast<unsigned char>(ch)];
        if (kept == 0) {
            pending = !out.empty();
            continue;
        }
        if (pending) {
            out += ' ';
            pending = false;
        }
        out += kept;
    }
}

std::string fold_label(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    fold_label_into(s, out);
    return out;
}

int edit_distance(std::string_view a, std::string_view b) {
    return levenshtein(a, b, -1);
}

int edit_distance_within(std::string_view a, std::string_view b, int limit) {
    return levenshtein(a, b, std::max(limit, 0));
}

int tolerated_edits(std::size_t length) {
    if (length <= 4) {
        return 0;
    }
    if (length <= 9) {
        return 1;
    }
    return 2;
}

bool fuzzy_equal(std::string_view folded, std::string_view folded_variant) {
    return match_distance(folded, folded_variant) >= 0;
}

int best_match(std::string_view text, const std::vector<std::string>& variants) {
    auto& s = scratch();
    fold_label_into(text, s.text);
    return best_of(s.text, variants.size(), [&](std::size_t i) -> std::string_view {
        fold_label_into(variants[i], s.variant);
        return s.variant;
    });
}

FoldedVariants::FoldedVariants(const std::vector<std::string>& variants) {
    m_folded.reserve(variants.size());
    for (const auto& v : variants) {
        m_folded.push_back(fold_label(v));
        m_longest_match = std::max(
            m_longest_match, m_folded.back().size() +
                                 static_cast<std::size_t>(tolerated_edits(m_folded.back().size())));
    }
}

int FoldedVariants::best_match(std::string_view text) const {
    auto& s = scratch();
    fold_label_into(text, s.text);
    return best_of(s.text, m_folded.size(),
                   [&](std::size_t i) -> std::string_view { return m_folded[i]; });
}

} // namespace sopaudit::common
