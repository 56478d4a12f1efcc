#include "common/nip.hpp"

#include "common/date_parse.hpp"
#include "common/text.hpp"

#include <cctype>

namespace sopaudit::common {
namespace {

// Digits from pos on, allowing single separators (space, dot, dash) between digit groups.
std::string digits_from(std::string_view text, std::size_t pos) {
    std::string out;
    while (pos < text.size()) {
        const char c = text[pos];
        if (is_ascii_digit(c)) {
            out += c;
            ++pos;
            continue;
        }
        if ((c == ' ' || c == '.' || c == '-' || c == '\t') && !out.empty() &&
            pos + 1 < text.size() && (is_ascii_digit(text[pos + 1]) || text[pos + 1] == ' ')) {
            ++pos;
            continue;
        }
        break;
    }
    return out;
}

int num(std::string_view s) {
    int v = 0;
    for (const char c : s) {
        v = v * 10 + (c - '0');
    }
    return v;
}

} // namespace

std::optional<std::string> find_nip(std::string_view text) {
    for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
        const bool label =
            (text[i] == 'N' || text[i] == 'n') && (text[i + 1] == 'I' || text[i + 1] == 'i') &&
            (text[i + 2] == 'P' || text[i + 2] == 'p') &&
            (i == 0 || std::isalpha(static_cast<unsigned char>(text[i - 1])) == 0) &&
            (i + 3 == text.size() || std::isalpha(static_cast<unsigned char>(text[i + 3])) == 0);
        if (!label) {
            continue;
        }
        std::size_t p = i + 3;
        while (p < text.size() &&
               (text[p] == '.' || text[p] == ':' || text[p] == ' ' || text[p] == '\t')) {
            ++p;
        }
        const auto d = digits_from(text, p);
        if (!d.empty()) {
            return d;
        }
    }
    // No label: an 18-digit run written in groups.
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_ascii_digit(text[i]) && (i == 0 || !is_ascii_digit(text[i - 1]))) {
            const auto d = digits_from(text, i);
            if (d.size() == 18) {
                return d;
            }
        }
    }
    return std::nullopt;
}

NipCheck check_nip(std::string_view d, int pppk_min_year) {
    NipCheck out;
    if (d.size() != 18) {
        out.problem = "length";
        return out;
    }
    const int by = num(d.substr(0, 4)), bm = num(d.substr(4, 2)), bd = num(d.substr(6, 2));
    const int ty = num(d.substr(8, 4)), tm = num(d.substr(12, 2));
    const char gender = d[14];
    if (!is_real_date(by, bm, bd)) {
        out.problem = "birth-date";
        return out;
    }
    if (gender != '1' && gender != '2') {
        out.problem = "gender";
        return out;
    }
    if (tm < 1 || tm > 12) {
        if (ty >= pppk_min_year && ty <= 2100 && ty - by >= 18) {
            out.kind = NipKind::pppk;
            return out;
        }
        out.problem = "tmt";
        return out;
    }
    if (!is_real_date(ty, tm, 1)) {
        out.problem = "tmt";
        return out;
    }
    // TMT is always the first of a month; the holder must be 18 by then.
    if (Date{ty, tm, 1} < Date{by + 18, bm, bm == 2 && bd == 29 ? 28 : bd}) {
        out.problem = "tmt-age";
        return out;
    }
    if (d.substr(15, 3) == "000") {
        out.problem = "sequence";
        return out;
    }
    out.kind = NipKind::nip;
    return out;
}

} // namespace sopaudit::common
