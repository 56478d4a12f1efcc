#pragma once
// NIP (Nomor Induk Pegawai, Perka BKN 22/2007): 18 digits = birth date YYYYMMDD, TMT CPNS YYYYMM,
// gender digit, 3-digit sequence. An NI PPPK is also 18 digits but digits 9-14 are the year of
// appointment and a 2-digit code, not a month.

#include <optional>
#include <string>
#include <string_view>

namespace sopaudit::common {

// The digits of the NIP written after a "NIP" label ("NIP. 19750812 200003 1 004",
// "NIP : 19750812200003 1 004"), or of an 18-digit run without a label. Spaces, dots and
// dashes between digit groups are dropped.
std::optional<std::string> find_nip(std::string_view text);

enum class NipKind { nip, pppk, invalid };

struct NipCheck {
    NipKind kind = NipKind::invalid;
    // For invalid: what is wrong (a key: "length", "birth-date", "tmt", "gender", "tmt-age",
    // "sequence").
    std::string problem;
};

// pppk_min_year: the first year NI PPPK were issued; a non-month code in digits 13-14 with a
// year from then on reads as NI PPPK.
NipCheck check_nip(std::string_view digits, int pppk_min_year = 2019);

} // namespace sopaudit::common
