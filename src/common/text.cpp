#include "common/text.hpp"

#include <cctype>

namespace sopaudit::common {

namespace {

// Bytes of the white space character at s[i]: 1 for ASCII white space, 2 for U+00A0, else 0.
std::size_t space_at(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        return 1;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        return 2;
    }
    return 0;
}

} // namespace

std::string fold_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        // A run of white space, then a run of anything else, appended whole.
        const std::size_t space_start = i;
        while (i < s.size()) {
            const std::size_t n = space_at(s, i);
            if (n == 0) {
                break;
            }
            i += n;
        }
        const std::size_t word_start = i;
        while (i < s.size() && space_at(s, i) == 0) {
            ++i;
        }
        if (word_start == i) {
            break; // trailing white space
        }
        if (!out.empty() && word_start > space_start) {
            out += ' ';
        }
        out.append(s.substr(word_start, i - word_start));
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& ch : out) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            ch = static_cast<char>(std::tolower(c));
        }
    }
    return out;
}

std::string trim(std::string_view s) {
    const char* ws = " \t\r\n\f\v";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) {
        return {};
    }
    const auto e = s.find_last_not_of(ws);
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            parts.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) {
        return false;
    }
    return lower_ascii(s.substr(0, prefix.size())) == lower_ascii(prefix);
}

} // namespace sopaudit::common
