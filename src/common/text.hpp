#pragma once
// Small UTF-8 text helpers every stage needs. Add new helpers in new files of common/.

#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::common {

// Collapses every run of white space (ASCII and U+00A0) into one space and trims both ends.
std::string fold_space(std::string_view s);

// ASCII lower case; bytes >= 0x80 are left as they are.
std::string lower_ascii(std::string_view s);

std::string trim(std::string_view s);

std::vector<std::string> split(std::string_view s, char sep);

bool starts_with_ci(std::string_view s, std::string_view prefix);

// 0-9 only, whatever the locale (std::isdigit on a negative char is undefined).
inline bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace sopaudit::common
