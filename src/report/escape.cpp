#include "report/escape.hpp"

#include <cstdint>

namespace sopaudit::report {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid UTF-8
// (overlong forms and surrogates included).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

} // namespace

std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const auto len = utf8_sequence(text, i, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD for a byte that is not UTF-8
            ++i;
            continue;
        }
        switch (cp) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
                cp == 0xFFFF || cp == 0x7F) {
                break; // not allowed in XML 1.0 (DEL only discouraged, dropped too)
            }
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string escape_href_path(std::string_view relative_path) {
    static const char* hex = "0123456789ABCDEF";
    std::string encoded;
    for (const char ch : relative_path) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~' || c == '/';
        if (unreserved) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 0x0F];
        }
    }
    return escape_markup(encoded);
}

std::string safe_relative_path(std::string_view path) {
    std::string out;
    std::string segment;
    auto flush = [&] {
        if (!segment.empty() && segment != "." && segment != "..") {
            if (!out.empty()) {
                out += '/';
            }
            out += segment;
        }
        segment.clear();
    };
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '/' || ch == '\\') {
            flush();
        } else if (c >= 0x20 && c != 0x7F) {
            segment += ch;
        }
    }
    flush();
    return out.empty() ? std::string("_") : out;
}

} // namespace sopaudit::report
