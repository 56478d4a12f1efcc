#include "common/citation.hpp"

#include "common/fuzzy.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <cctype>

namespace sopaudit::common {
namespace {

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// What std::regex's \s matches.
bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_word(char c) {
    return is_alnum(c) || c == '_';
}

// The parsers below scan by hand instead of using std::regex: libstdc++'s std::regex recurses
// once per character matched, and a Dasar Hukum value of a few hundred kilobytes (a hostile or
// broken document) would overflow the stack. Each scan is linear in the input.

std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size() && is_space(s[i])) {
        ++i;
    }
    return i;
}

// The end of a number list marker "1." / "12)" at i (one or two digits, then '.' or ')'), or npos.
std::size_t number_marker_end(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && j - i < 2 && is_ascii_digit(s[j])) {
        ++j;
    }
    if (j == i || j >= s.size() || (s[j] != '.' && s[j] != ')')) {
        return std::string_view::npos;
    }
    return j + 1;
}

// Strips a leading list marker: "1.", "1)", "(1)", "a.", "(a)", "-", "*", "•".
std::string strip_marker(std::string_view s) {
    std::size_t i = skip_space(s, 0);
    std::size_t end = std::string_view::npos;
    const std::size_t after_paren = i < s.size() && s[i] == '(' ? i + 1 : i;
    for (const std::size_t at : {after_paren, i}) {
        if (end == std::string_view::npos) {
            end = number_marker_end(s, at);
        }
        if (end == std::string_view::npos && at + 1 < s.size() && is_alpha(s[at]) &&
            (s[at + 1] == '.' || s[at + 1] == ')')) {
            end = at + 2;
        }
    }
    if (end == std::string_view::npos && i < s.size() && (s[i] == '-' || s[i] == '*')) {
        end = i + 1;
    }
    if (end == std::string_view::npos && s.substr(i, 3) == "\xE2\x80\xA2") {
        end = i + 3;
    }
    return fold_space(end == std::string_view::npos ? s : s.substr(skip_space(s, end)));
}

bool starts_with_word_ci(std::string_view s, std::size_t at, std::string_view word) {
    if (at + word.size() > s.size()) {
        return false;
    }
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(s[at + k])) != word[k]) {
            return false;
        }
    }
    return true;
}

// The number after "Nomor" / "No." / "No" / "Nomer" (at the start or after a space or comma):
// its first character a letter or digit, then letters, digits and ". / -".
std::string find_number(std::string_view head) {
    for (std::size_t p = 0; p < head.size(); ++p) {
        if (p > 0 && !is_space(head[p - 1]) && head[p - 1] != ',') {
            continue;
        }
        for (const std::string_view keyword : {"nomor", "nomer", "no"}) {
            if (!starts_with_word_ci(head, p, keyword)) {
                continue;
            }
            std::size_t i = skip_space(head, p + keyword.size());
            if (i < head.size() && (head[i] == '.' || head[i] == ':')) {
                i = skip_space(head, i + 1);
            }
            if (i >= head.size() || !is_alnum(head[i])) {
                continue;
            }
            std::size_t j = i + 1;
            while (j < head.size() &&
                   (is_alnum(head[j]) || head[j] == '.' || head[j] == '/' || head[j] == '-')) {
                ++j;
            }
            return std::string(head.substr(i, j - i));
        }
    }
    return {};
}

// Four digits at i followed by no word character.
bool four_digits_at(std::string_view s, std::size_t i) {
    if (i + 4 > s.size()) {
        return false;
    }
    for (std::size_t k = i; k < i + 4; ++k) {
        if (!is_ascii_digit(s[k])) {
            return false;
        }
    }
    return i + 4 == s.size() || !is_word(s[i + 4]);
}

// The year after "Tahun" (at the start or after a space, then space): "Tahun 2014".
int find_tahun_year(std::string_view head) {
    for (std::size_t p = 0; p < head.size(); ++p) {
        if ((p > 0 && !is_space(head[p - 1])) || !starts_with_word_ci(head, p, "tahun")) {
            continue;
        }
        const std::size_t i = skip_space(head, p + 5);
        if (i > p + 5 && four_digits_at(head, i)) {
            return std::stoi(std::string(head.substr(i, 4)));
        }
    }
    return 0;
}

// A year 19xx or 20xx standing as a word of its own ("UUD 1945").
int find_bare_year(std::string_view head) {
    for (std::size_t p = 0; p + 4 <= head.size(); ++p) {
        if ((p == 0 || !is_word(head[p - 1])) && four_digits_at(head, p) &&
            (head.substr(p, 2) == "19" || head.substr(p, 2) == "20")) {
            return std::stoi(std::string(head.substr(p, 4)));
        }
    }
    return 0;
}

} // namespace

const std::vector<CitationKind>& default_citation_kinds() {
    static const std::vector<CitationKind> kinds = {
        {"uud", {"undang undang dasar", "uud"}, true},
        {"perppu", {"peraturan pemerintah pengganti undang undang", "perppu", "perpu"}},
        {"uu", {"undang undang", "uu", "uu ri", "undang undang republik indonesia"}},
        {"pp", {"peraturan pemerintah", "pp"}},
        {"perpres", {"peraturan presiden", "perpres"}},
        {"keppres", {"keputusan presiden", "keppres", "kepres"}},
        {"inpres", {"instruksi presiden", "inpres"}},
        {"permendagri", {"peraturan menteri dalam negeri", "permendagri"}},
        {"permenpan",
         {"peraturan menteri pendayagunaan aparatur negara",
          "peraturan menteri negara pendayagunaan aparatur negara", "peraturan menteri pan",
          "peraturan menteri negara pan", "permenpan", "permenpan rb", "permenpanrb", "permen pan",
          "permen pan rb", "peraturan menpan", "peraturan menpan rb", "permenpan dan rb"}},
        {"permen", {"peraturan menteri", "permen"}},
        {"kepmen", {"keputusan menteri", "kepmen"}},
        {"perda", {"peraturan daerah", "perda"}},
        {"pergub", {"peraturan gubernur", "pergub"}},
        {"perbup", {"peraturan bupati", "perbup"}},
        {"perwal", {"peraturan walikota", "peraturan wali kota", "perwal", "perwali"}},
        {"kepbup", {"keputusan bupati", "kepbup"}},
        {"kepgub", {"keputusan gubernur", "kepgub"}},
        {"kepwal", {"keputusan walikota", "keputusan wali kota"}},
        {"perka", {"peraturan kepala", "perka", "peraturan badan", "peraturan lembaga"}},
        {"kepka", {"keputusan kepala"}},
        {"se", {"surat edaran", "se"}},
        {"instruksi", {"instruksi"}},
        {"peraturan", {"peraturan"}},
        {"keputusan", {"keputusan"}},
    };
    return kinds;
}

std::string canonical_number(std::string_view number) {
    std::string out;
    for (const char c : number) {
        if (c != ' ') {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    bool plain = !out.empty();
    for (const char c : out) {
        plain = plain && is_ascii_digit(c);
    }
    if (plain) {
        const auto nz = out.find_first_not_of('0');
        out = nz == std::string::npos ? "0" : out.substr(nz);
    }
    return out;
}

Citation parse_citation(std::string_view item, const std::vector<CitationKind>& kinds) {
    Citation out;
    const auto text = strip_marker(item);
    const auto folded = fold_label(text);
    // Kind: the longest spelling the item begins with (as whole words); ministers' short forms
    // glue the ministry to the word ("Permenkes", "Permenkeu").
    std::size_t best_len = 0;
    const CitationKind* kind = nullptr;
    for (const auto& k : kinds) {
        for (const auto& sp : k.spellings) {
            if (folded.size() >= sp.size() && folded.compare(0, sp.size(), sp) == 0 &&
                (folded.size() == sp.size() || folded[sp.size()] == ' ') && sp.size() > best_len) {
                best_len = sp.size();
                kind = &k;
            }
        }
    }
    if (kind == nullptr && folded.rfind("permen", 0) == 0) {
        for (const auto& k : kinds) {
            if (k.key == "permen") {
                kind = &k;
            }
        }
    }
    if (kind == nullptr) {
        out.problem = "kind";
        return out;
    }
    out.kind = kind->key;
    const auto lower = lower_ascii(text);
    const auto tentang = lower.find(" tentang ");
    const std::string head = tentang == std::string::npos ? text : text.substr(0, tentang);
    if (tentang != std::string::npos) {
        out.title = fold_space(text.substr(tentang + 9));
    }
    // Number after "Nomor" / "No." / "No"; year after "Tahun", or as "/yyyy" ending the number.
    std::string num = find_number(head);
    if (!num.empty()) {
        while (!num.empty() && (num.back() == '.' || num.back() == '/' || num.back() == '-')) {
            num.pop_back();
        }
        // The number holds no space, so "/yyyy" ends it exactly.
        if (num.size() >= 5 && num[num.size() - 5] == '/' && four_digits_at(num, num.size() - 4)) {
            out.year = std::stoi(num.substr(num.size() - 4));
            // "23/2014": the number is what precedes the year; "PER/21/M.PAN/11/2008" keeps it.
            const auto slashes = static_cast<int>(std::count(num.begin(), num.end(), '/'));
            if (slashes == 1) {
                num = num.substr(0, num.find('/'));
            }
        }
        out.number = upper_ascii(num);
    }
    if (const int year = find_tahun_year(head); year != 0) {
        out.year = year;
    }
    if (kind->no_number) {
        if (out.year == 0) {
            out.year = find_bare_year(head);
        }
        out.recognized = true;
        return out;
    }
    if (out.number.empty() || !std::any_of(out.number.begin(), out.number.end(), is_ascii_digit)) {
        out.problem = "number";
        return out;
    }
    if (out.year == 0) {
        out.problem = "year";
        return out;
    }
    out.recognized = true;
    return out;
}

std::vector<std::string> split_list_items(std::string_view text) {
    std::vector<std::string> items;
    for (const auto& para : split(text, '\n')) {
        const auto p = fold_space(para);
        if (p.empty()) {
            continue;
        }
        // Split "1. A 2. B" at markers (" 2. ") that follow white space, when the paragraph
        // itself starts with one; a marker's trailing space is not the next one's leading space.
        std::vector<std::size_t> cuts;
        const auto leading = number_marker_end(p, 0);
        if (leading != std::string_view::npos && leading < p.size() && is_space(p[leading])) {
            for (std::size_t i = 0; i < p.size(); ++i) {
                if (!is_space(p[i])) {
                    continue;
                }
                const auto end = number_marker_end(p, i + 1);
                if (end != std::string_view::npos && end < p.size() && is_space(p[end])) {
                    cuts.push_back(i);
                    i = end; // the loop's ++i steps past the marker's trailing space
                }
            }
        }
        std::size_t start = 0;
        for (const auto cut : cuts) {
            const auto piece = strip_marker(std::string_view(p).substr(start, cut - start));
            if (!piece.empty()) {
                items.push_back(piece);
            }
            start = cut + 1;
        }
        const auto piece = strip_marker(std::string_view(p).substr(start));
        if (!piece.empty()) {
            items.push_back(piece);
        }
    }
    return items;
}

} // namespace sopaudit::common
