#pragma once
// Helpers shared by the test executables: temporary folders, fixture files made on the fly
// (zips, OLE compound files), running the built binary, reading report.json.

#include "audit/file_result.hpp"

#include <Poco/JSON/Object.h>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sopaudit::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& rel) const { return m_path / rel; }

private:
    std::filesystem::path m_path;
};

void write_file(const std::filesystem::path& file, const std::string& bytes);
std::string read_file(const std::filesystem::path& file);

// A zip archive holding the given members (name -> content), deflated.
std::string make_zip(const std::map<std::string, std::string>& members);
// A minimal but well-formed .docx (content types, relationships, one paragraph per item).
std::string make_docx(const std::vector<std::string>& paragraphs);
// The same package around a body given as WordprocessingML (w: prefix), e.g. "<w:tbl>...".
std::string make_docx_body(const std::string& body);
// An OLE compound file (MS-CFB v3) whose directory holds a root entry and one empty stream per
// name; names beyond the first sector spill into further directory sectors chained in the FAT.
std::string make_ole(const std::vector<std::string>& stream_names);

// A one-page PDF whose text layer holds text (ASCII), with a correct xref table.
std::string make_pdf(const std::string& text);
// A PDF of one page per text, each width_pt x height_pt points (default A4).
std::string make_pdf_pages(const std::vector<std::string>& pages, int width_pt = 595,
                           int height_pt = 842);

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
// Runs a program with arguments (no shell), capturing stdout and stderr.
CommandResult run(const std::string& program, const std::vector<std::string>& args);
// Runs $SOPAUDIT_BINARY.
CommandResult run_sopaudit(const std::vector<std::string>& args);
std::string sopaudit_binary();
std::filesystem::path source_dir();

Poco::JSON::Object::Ptr parse_json_file(const std::filesystem::path& file);
// The report's file entry with this path, or null.
Poco::JSON::Object::Ptr file_entry(const Poco::JSON::Object::Ptr& report, const std::string& path);
// Rule ids of a file entry's findings, in order.
std::vector<std::string> rule_ids(const Poco::JSON::Object::Ptr& file);
// Rule ids of a file result's findings, in order.
std::vector<std::string> rule_ids(const audit::FileResult& file);
// An empty folder under the system temp dir named after the running test and `name` (earlier
// contents removed), left in place after the test for inspection.
std::filesystem::path fresh_temp_dir(const std::string& name);
// Validates a JSON file against tests/data/report.schema.json with python3-jsonschema; returns
// "" when valid, else the validator's complaint.
std::string schema_errors(const std::filesystem::path& report_json);

} // namespace sopaudit::test
