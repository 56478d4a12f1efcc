#pragma once
// Where a run keeps what it has done but does not hold in memory: an already unlinked temporary
// file in the output folder (a killed run leaves nothing behind), written once and read back by
// offset. report.json's entries and the files' whole results wait there for the reports.

#include "audit/file_result.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::report {

class SpoolFile {
public:
    struct Span {
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };
    // Opens the temporary file in dir; `label` names the report in error messages. Throws
    // std::runtime_error when it cannot.
    SpoolFile(const std::filesystem::path& dir, const std::filesystem::path& label);
    ~SpoolFile();
    SpoolFile(const SpoolFile&) = delete;
    SpoolFile& operator=(const SpoolFile&) = delete;

    Span append(std::string_view bytes);
    std::string read(const Span& span) const;
    void close();

private:
    std::filesystem::path m_label;
    int m_fd = -1;
    std::uint64_t m_end = 0;
};

// Every file's whole result (layout boxes for the page images included), in the order added;
// in memory only its place in the spool.
class ResultSpool {
public:
    explicit ResultSpool(const std::filesystem::path& dir);

    std::size_t add(const audit::FileResult& file); // returns its index
    // add() in two steps: the record's bytes (pure: workers make them in parallel), then the
    // record. A record is the whole result in common/wire.hpp's encoding.
    static std::string record_bytes(const audit::FileResult& file);
    std::size_t add_record(const std::string& record);
    audit::FileResult read(std::size_t index) const;
    std::size_t size() const { return m_spans.size(); }

private:
    SpoolFile m_spool;
    std::vector<SpoolFile::Span> m_spans;
};

} // namespace sopaudit::report
