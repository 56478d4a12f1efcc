#pragma once
// findings.csv (one row per finding) and sops.csv (one row per SOP) for Excel: UTF-8 with a BOM,
// RFC 4180 quoting, CRLF line ends, headers in the run's language.

#include "audit/file_result.hpp"
#include "audit/rule_set.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::report {

// One CSV field, quoted when it holds a comma, quote, CR or LF. A value that a spreadsheet would
// run as a formula (starting with = + @, a tab or CR, or '-' followed by something other than a
// digit or space) gets a leading apostrophe, so a hostile document cannot plant a formula.
std::string csv_field(std::string_view value);

class AtomicFile;

// A CSV report written row by row into a temporary file that replaces the report at finish().
class CsvReportWriter {
public:
    CsvReportWriter(const std::filesystem::path& file, audit::Lang lang);
    virtual ~CsvReportWriter();
    CsvReportWriter(const CsvReportWriter&) = delete;
    CsvReportWriter& operator=(const CsvReportWriter&) = delete;

    virtual void add(const audit::FileResult& file) = 0; // the next file, in report order
    void finish();

protected:
    void row(const std::vector<std::string>& fields);
    audit::Lang lang() const { return m_lang; }

private:
    std::unique_ptr<AtomicFile> m_out;
    audit::Lang m_lang;
};

class FindingsCsvWriter : public CsvReportWriter {
public:
    FindingsCsvWriter(const std::filesystem::path& file, audit::Lang lang);
    void add(const audit::FileResult& file) override;
};

class SopsCsvWriter : public CsvReportWriter {
public:
    SopsCsvWriter(const std::filesystem::path& file, audit::Lang lang);
    void add(const audit::FileResult& file) override;
};

void write_findings_csv(const std::filesystem::path& file,
                        const std::vector<audit::FileResult>& files, audit::Lang lang);
void write_sops_csv(const std::filesystem::path& file, const std::vector<audit::FileResult>& files,
                    audit::Lang lang);

} // namespace sopaudit::report
