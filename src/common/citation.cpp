#include "common/citation.hpp"

#include "common/fuzzy.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace sopaudit::common {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// Strips a leading list marker: "1.", "1)", "a.", "(a)", "-", "•".
std::string strip_marker(std::string_view s) {
    static const std::regex marker(R"(^\s*(\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|[-*\xE2\x80\xA2])\s*)");
    std::string str(s);
    return fold_space(std::regex_replace(str, marker, "", std::regex_constants::format_first_only));
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
         {"peraturan menteri pendayagunaan aparatur negara", "peraturan menteri negara pendayagunaan aparatur negara",
          "peraturan menteri pan", "peraturan menteri negara pan", "permenpan", "permenpan rb", "permenpanrb",
          "permen pan", "permen pan rb", "peraturan menpan", "peraturan menpan rb", "permenpan dan rb"}},
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
        plain = plain && is_digit(c);
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
    static const std::regex number_re(R"((?:^|[\s,])(?:nomor|no|nomer)\s*[.:]?\s*([A-Za-z0-9][A-Za-z0-9./\-]*))",
                                      std::regex::icase);
    static const std::regex year_re(R"((?:^|\s)tahun\s+([0-9]{4})\b)", std::regex::icase);
    static const std::regex tail_year_re(R"(/\s*([0-9]{4})$)");
    static const std::regex uud_year_re(R"(\b(19[0-9]{2}|20[0-9]{2})\b)");
    std::smatch m;
    if (std::regex_search(head, m, number_re)) {
        std::string num = m[1].str();
        while (!num.empty() && (num.back() == '.' || num.back() == '/' || num.back() == '-')) {
            num.pop_back();
        }
        std::smatch ty;
        if (std::regex_search(num, ty, tail_year_re)) {
            out.year = std::stoi(ty[1].str());
            // "23/2014": the number is what precedes the year; "PER/21/M.PAN/11/2008" keeps it.
            const auto slashes = static_cast<int>(std::count(num.begin(), num.end(), '/'));
            if (slashes == 1) {
                num = num.substr(0, num.find('/'));
            }
        }
        out.number = upper_ascii(num);
    }
    std::smatch y;
    if (std::regex_search(head, y, year_re)) {
        out.year = std::stoi(y[1].str());
    }
    if (kind->no_number) {
        if (out.year == 0 && std::regex_search(head, y, uud_year_re)) {
            out.year = std::stoi(y[1].str());
        }
        out.recognized = true;
        return out;
    }
    if (out.number.empty() || !std::any_of(out.number.begin(), out.number.end(), is_digit)) {
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
    static const std::regex inline_marker(R"(\s([0-9]{1,2})[.)]\s)");
    for (const auto& para : split(text, '\n')) {
        const auto p = fold_space(para);
        if (p.empty()) {
            continue;
        }
        // Split "1. A 2. B" at markers that follow white space.
        std::vector<std::size_t> cuts;
        static const std::regex leading_marker(R"(^[0-9]{1,2}[.)]\s)");
        const bool numbered = std::regex_search(p, leading_marker);
        for (auto it = std::sregex_iterator(p.begin(), p.end(), inline_marker); it != std::sregex_iterator(); ++it) {
            if (numbered) {
                cuts.push_back(static_cast<std::size_t>(it->position(0)));
            }
        }
        std::size_t start = 0;
        for (const auto cut : cuts) {
            const auto piece = strip_marker(p.substr(start, cut - start));
            if (!piece.empty()) {
                items.push_back(piece);
            }
            start = cut + 1;
        }
        const auto piece = strip_marker(p.substr(start));
        if (!piece.empty()) {
            items.push_back(piece);
        }
    }
    return items;
}

} // namespace sopaudit::common
