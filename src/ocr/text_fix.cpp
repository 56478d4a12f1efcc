#include "ocr/text_fix.hpp"

#include <cctype>
#include <regex>

namespace sopaudit::ocr {
namespace {

// The marker of a list item ("3." "b)"), or empty.
std::string item_marker(const std::string& p) {
    static const std::regex marker(R"(^([0-9]{1,2}|[a-z])[.)]\s)");
    std::smatch m;
    return std::regex_search(p, m, marker) ? m[1].str() : std::string();
}

// Whether b is the marker after a: "3" then "4", "b" then "c". An initial ("H. IMAM") is no
// list item, and only a run of markers shows a list.
bool next_marker(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) {
        return false;
    }
    if (std::isdigit(static_cast<unsigned char>(a[0])) &&
        std::isdigit(static_cast<unsigned char>(b[0]))) {
        return std::stoi(b) == std::stoi(a) + 1;
    }
    return a.size() == 1 && b.size() == 1 && b[0] == a[0] + 1;
}

} // namespace

std::string fix_list_number(const std::string& first_word) {
    static const std::regex misread(R"(^([0-9]{1,2})[,:]$)");
    std::smatch m;
    if (std::regex_match(first_word, m, misread)) {
        return m[1].str() + ".";
    }
    return first_word;
}

void restore_item_semicolons(std::vector<std::string>& paragraphs) {
    for (size_t i = 0; i + 1 < paragraphs.size(); ++i) {
        std::string& p = paragraphs[i];
        if (p.size() > 3 && (p.back() == ',' || p.back() == ':') &&
            next_marker(item_marker(p), item_marker(paragraphs[i + 1]))) {
            p.back() = ';';
        }
    }
}

std::string regroup_nip(const std::string& text) {
    // The run after the label: digits, the letters OCR takes for digits, and spaces.
    static const std::regex nip(R"(\bNIP\.?\s*:?\s*([0-9OoIl][0-9OoIl ]{16,26}[0-9OoIl]))");
    std::smatch m;
    if (!std::regex_search(text, m, nip)) {
        return text;
    }
    std::string digits;
    int real_digits = 0;
    for (char c : m[1].str()) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
            ++real_digits;
        } else if (c == 'O' || c == 'o') {
            digits += '0';
        } else if (c == 'I' || c == 'l') {
            digits += '1';
        }
    }
    // A word that happens to follow is not part of the number: the run must be digits mostly.
    // Printed as one run, it stays one run.
    if (digits.size() != 18 || real_digits < 15 || m[1].str().find(' ') == std::string::npos) {
        return text;
    }
    const std::string grouped = digits.substr(0, 8) + ' ' + digits.substr(8, 6) + ' ' +
                                digits.substr(14, 1) + ' ' + digits.substr(15, 3);
    return text.substr(0, static_cast<size_t>(m.position(1))) + grouped +
           text.substr(static_cast<size_t>(m.position(1) + m.length(1)));
}

} // namespace sopaudit::ocr
