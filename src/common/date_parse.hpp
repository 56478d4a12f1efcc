#pragma once
// Indonesian dates as SOPs write them: "22 Juni 2022", "22 Jun 2022", "22-06-2022", "22/06/2022",
// "2022-06-22", "30-Nov-12", old spellings ("Pebruari", "Nopember"), an optional weekday in front.

#include <optional>
#include <string>
#include <string_view>

namespace sopaudit::common {

struct Date {
    int year = 0, month = 0, day = 0;
    std::string iso() const; // YYYY-MM-DD
    int days() const;        // days since 1970-01-01, for ordering
    friend bool operator<(const Date& a, const Date& b) { return a.days() < b.days(); }
};

enum class DateStatus {
    ok,         // a full, real date
    partial,    // a month and/or year alone ("Agustus 2023", "2024", "Juni")
    impossible, // the parts read, but no such day ("31 Februari 2022", "2022-13-01")
    unreadable, // not a date at all ("kemarin")
};

struct DateParse {
    DateStatus status = DateStatus::unreadable;
    std::optional<Date> date; // set when status == ok
};

DateParse parse_date(std::string_view text);

// 1..12 for an Indonesian or English month name or abbreviation (any case), else 0.
int month_from_name(std::string_view word);

bool is_real_date(int year, int month, int day);

} // namespace sopaudit::common
