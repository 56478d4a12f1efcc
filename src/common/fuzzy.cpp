#include "common/fuzzy.hpp"

#include <algorithm>
#include <cctype>
#include <climits>

namespace sopaudit::common {

std::string fold_label(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool keep = c >= 0x80 || std::isalnum(c) != 0;
        if (!keep) {
            pending = !out.empty();
            continue;
        }
        if (pending) {
            out += ' ';
            pending = false;
        }
        out += c < 0x80 ? static_cast<char>(std::tolower(c)) : ch;
    }
    return out;
}

int edit_distance(std::string_view a, std::string_view b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        prev[j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
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
    if (folded == folded_variant) {
        return true;
    }
    const int allowed = tolerated_edits(folded_variant.size());
    if (allowed == 0) {
        return false;
    }
    const auto diff = folded.size() > folded_variant.size() ? folded.size() - folded_variant.size()
                                                            : folded_variant.size() - folded.size();
    if (static_cast<int>(diff) > allowed) {
        return false;
    }
    return edit_distance(folded, folded_variant) <= allowed;
}

int best_match(std::string_view text, const std::vector<std::string>& variants) {
    const auto folded = fold_label(text);
    if (folded.empty()) {
        return -1;
    }
    int best = -1;
    int best_distance = INT_MAX;
    for (std::size_t i = 0; i < variants.size(); ++i) {
        const auto v = fold_label(variants[i]);
        if (!fuzzy_equal(folded, v)) {
            continue;
        }
        const int d = edit_distance(folded, v);
        if (d < best_distance) {
            best_distance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

} // namespace sopaudit::common
