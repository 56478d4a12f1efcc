#include "common/date_parse.hpp"

#include "common/fuzzy.hpp"
#include "common/text.hpp"

#include <cctype>
#include <cstdio>
#include <vector>

namespace sopaudit::common {
namespace {

struct MonthName {
    const char* name;
    int month;
};

// Indonesian names, their abbreviations and old spellings, and English names (Word's date
// fields and some templates write them).
constexpr MonthName k_months[] = {
    {"januari", 1},   {"jan", 1},      {"january", 1},  {"februari", 2},  {"pebruari", 2},
    {"feb", 2},       {"peb", 2},      {"february", 2}, {"maret", 3},     {"mar", 3},
    {"march", 3},     {"april", 4},    {"apr", 4},      {"mei", 5},       {"may", 5},
    {"juni", 6},      {"jun", 6},      {"june", 6},     {"juli", 7},      {"jul", 7},
    {"july", 7},      {"agustus", 8},  {"agu", 8},      {"agt", 8},       {"ags", 8},
    {"agus", 8},      {"aug", 8},      {"august", 8},   {"september", 9}, {"sep", 9},
    {"sept", 9},      {"oktober", 10}, {"okt", 10},     {"oct", 10},      {"october", 10},
    {"november", 11}, {"nopember", 11}, {"nov", 11},    {"nop", 11},      {"desember", 12},
    {"des", 12},      {"dec", 12},     {"december", 12}};

constexpr const char* k_weekdays[] = {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
                                      "minggu", "ahad"};

bool all_digits(const std::string& s) {
    if (s.empty()) {
        return false;
    }
    for (const char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return true;
}

int expand_year(const std::string& s) {
    const int y = std::stoi(s);
    if (s.size() == 2) {
        return y + 2000; // "30-Nov-12": two-digit years in SOPs are this century
    }
    return y;
}

DateParse make(int y, int m, int d) {
    DateParse out;
    if (!is_real_date(y, m, d)) {
        out.status = DateStatus::impossible;
        return out;
    }
    out.status = DateStatus::ok;
    out.date = Date{y, m, d};
    return out;
}

} // namespace

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

int Date::days() const {
    // Days from civil (H. Hinnant's algorithm).
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = month + (month > 2 ? -3 : 9);
    const int doy = (153 * mp + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool is_real_date(int year, int month, int day) {
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) {
        return false;
    }
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = k_days[month - 1];
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && leap) {
        max = 29;
    }
    return day <= max;
}

int month_from_name(std::string_view word) {
    const auto w = fold_label(word);
    for (const auto& m : k_months) {
        if (w == m.name) {
            return m.month;
        }
    }
    // A misspelt full name ("Septembre", OCR "Desernber"): fuzzy against names of 5+ letters.
    if (w.size() >= 5) {
        for (const auto& m : k_months) {
            const std::string_view name = m.name;
            if (name.size() >= 5 && fuzzy_equal(w, name)) {
                return m.month;
            }
        }
    }
    return 0;
}

DateParse parse_date(std::string_view text) {
    // Tokens: runs of digits and runs of letters; everything else separates.
    std::vector<std::string> tokens;
    std::string cur;
    int kind = 0; // 1 digits, 2 letters
    auto flush = [&] {
        if (!cur.empty()) {
            tokens.push_back(cur);
        }
        cur.clear();
        kind = 0;
    };
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const int k = std::isdigit(c) != 0 ? 1 : (std::isalpha(c) != 0 ? 2 : 0);
        if (k == 0 || (kind != 0 && k != kind)) {
            flush();
        }
        if (k != 0) {
            cur += static_cast<char>(std::tolower(c));
            kind = k;
        }
    }
    flush();
    // Drop a leading weekday ("Kamis, 22 Juni 2022").
    if (!tokens.empty()) {
        for (const char* wd : k_weekdays) {
            if (tokens.front() == wd) {
                tokens.erase(tokens.begin());
                break;
            }
        }
    }
    DateParse unreadable;
    if (tokens.empty() || tokens.size() > 3) {
        return unreadable;
    }
    std::vector<int> month_of(tokens.size(), 0);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!all_digits(tokens[i])) {
            month_of[i] = month_from_name(tokens[i]);
            if (month_of[i] == 0) {
                return unreadable;
            }
        }
    }
    if (tokens.size() == 3) {
        const auto& a = tokens[0];
        const auto& b = tokens[1];
        const auto& c = tokens[2];
        if (month_of[0] != 0 || month_of[2] != 0) {
            return unreadable;
        }
        if (month_of[1] != 0) { // d Month yyyy
            if (a.size() > 2 || (c.size() != 4 && c.size() != 2)) {
                return unreadable;
            }
            return make(expand_year(c), month_of[1], std::stoi(a));
        }
        if (a.size() == 4 && b.size() <= 2 && c.size() <= 2) { // yyyy-mm-dd
            return make(std::stoi(a), std::stoi(b), std::stoi(c));
        }
        if (a.size() <= 2 && b.size() <= 2 && (c.size() == 4 || c.size() == 2)) { // dd-mm-yyyy
            return make(expand_year(c), std::stoi(b), std::stoi(a));
        }
        return unreadable;
    }
    DateParse partial;
    partial.status = DateStatus::partial;
    if (tokens.size() == 2) {
        // "Agustus 2023", "08/2023"
        if (month_of[0] != 0 && all_digits(tokens[1]) && tokens[1].size() == 4) {
            return partial;
        }
        if (month_of[0] == 0 && month_of[1] == 0 && tokens[0].size() <= 2 &&
            tokens[1].size() == 4) {
            return partial;
        }
        return unreadable;
    }
    // One token: a year or a month alone.
    if (month_of[0] != 0 || (tokens[0].size() == 4 && std::stoi(tokens[0]) >= 1900)) {
        return partial;
    }
    if (tokens[0].size() == 8) { // 20220622 / 22062022: too ambiguous to guess
        return unreadable;
    }
    return unreadable;
}

} // namespace sopaudit::common
