#pragma once
// A read-only view of a zip archive (an OPC package) that inflates members only after checking
// them against the safety limits, so a zip bomb is refused before a byte of it is inflated.

#include "ingest/ingest.hpp"
#include "layout/layout.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

struct zip;

namespace sopaudit::docx {

// Raised inside the docx reader for a bad input; read_docx turns it into a layout::Problem.
struct InputError {
    layout::ProblemKind kind;
    std::string detail;
};

class ZipPackage {
public:
    // Both throw InputError (unreadable) when the bytes are not a readable zip archive.
    static ZipPackage open_file(const std::filesystem::path& file);
    // The bytes must outlive the package (libzip reads them in place).
    static ZipPackage open_bytes(const std::string& bytes);

    ZipPackage(ZipPackage&&) noexcept;
    ZipPackage& operator=(ZipPackage&&) noexcept;
    ~ZipPackage();

    // Whether a member exists (OPC part names are case-insensitive; a leading '/' is ignored).
    bool has(const std::string& name) const;

    // Inflates one member. Throws InputError{limit} when its declared size exceeds
    // max_member_bytes, when the members read so far plus this one exceed
    // max_uncompressed_bytes, or when its compression ratio exceeds max_compression_ratio;
    // InputError{unreadable} when it is missing (unless optional) or fails to inflate (CRC,
    // truncation); InputError{encrypted} when it is encrypted.
    std::optional<std::string> read(const std::string& name, const ingest::Limits& limits,
                                    bool optional = false);

    std::uint64_t bytes_inflated() const { return inflated_; }

private:
    explicit ZipPackage(zip* archive);
    zip* archive_ = nullptr;
    std::uint64_t inflated_ = 0;
};

// Members smaller than this are never refused for their ratio: a tiny, very regular XML part
// compresses far better than 200:1 without being a bomb, and it cannot hurt us anyway.
inline constexpr std::uint64_t ratio_check_min_bytes = 1u << 20;

} // namespace sopaudit::docx
