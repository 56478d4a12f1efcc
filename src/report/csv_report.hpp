#pragma once
// findings.csv (one row per finding) and sops.csv (one row per SOP) for Excel: UTF-8 with a BOM,
// RFC 4180 quoting, CRLF line ends, headers in the run's language.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::report {

// One CSV field, quoted when it holds a comma, quote, CR or LF. A value that a spreadsheet would
// run as a formula (starting with = + @, a tab or CR, or '-' followed by something other than a
// digit or space) gets a leading apostrophe, so a hostile document cannot plant a formula.
std::string csv_field(std::string_view value);

void write_findings_csv(const std::filesystem::path& file,
                        const std::vector<audit::FileResult>& files, audit::Lang lang);
void write_sops_csv(const std::filesystem::path& file, const std::vector<audit::FileResult>& files,
                    audit::Lang lang);

} // namespace sopaudit::report
