#pragma once
// First stage: find the files under the input roots and tell what each one really is.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sopaudit::ingest {

// The real format of a file, judged by its content, never by its extension.
enum class Format {
    docx,        // zip holding word/document.xml (resolved through _rels/.rels)
    pdf,         // %PDF
    image,       // PNG, JPEG, TIFF
    doc,         // OLE compound file holding a WordDocument stream (legacy Word)
    ooxml_encrypted, // OLE compound file holding EncryptedPackage (password-protected OOXML)
    odt,         // zip with mimetype application/vnd.oasis.opendocument.text
    zip_other,   // a zip that is none of the above
    empty,       // zero bytes
    unknown,
};

// The value of report.json's "format" field.
const char* report_format(Format f);
const char* to_string(Format f);

// Limits that protect the batch from one hostile file. Named, documented in docs/limits.md,
// configurable from the command line and the config file.
struct Limits {
    std::uint64_t max_file_bytes = 512ull << 20;        // bytes of the file on disk
    std::uint64_t max_uncompressed_bytes = 256ull << 20; // sum of zip members we inflate
    std::uint64_t max_member_bytes = 128ull << 20;       // one zip member
    double max_compression_ratio = 200.0;                // uncompressed / compressed per member
    int max_xml_depth = 256;                             // element nesting
    std::uint64_t max_pixels = 150'000'000;              // width * height of one page image
    int max_pages = 200;                                 // pages of one PDF/TIFF
    double max_seconds_per_file = 300.0;                 // wall time of one file
    // bytes of one paragraph's text (and of a shape's text) kept for recognition and audit:
    // longer text is cut, because libstdc++'s std::regex recurses per character and a
    // 100k-character paragraph overflows the stack of the run (docs/limits.md)
    std::uint64_t max_paragraph_bytes = 4096;
};

// A file found under an input root.
struct Candidate {
    std::filesystem::path absolute;   // to open it
    std::string relative;             // UTF-8, '/' separated, relative to the root it was found under
    std::string root;                 // the input root as given
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

// Files under each root (a root may also be a single file), sorted by relative path, no
// directory visited twice (symlink loops), skipping hidden files, Word lock files (~$*) and
// anything under the excluded directories (the output folder).
std::vector<Candidate> walk(const std::vector<std::filesystem::path>& roots,
                            const std::vector<std::filesystem::path>& excluded_dirs);

// Sniffs the format from the first bytes and, for zips and OLE files, from their directory.
Format sniff(const std::filesystem::path& file);
Format sniff_bytes(const std::string& bytes);

// The sniffer's full verdict: the format, whether the container is damaged (a zip or OLE file
// whose directory cannot be read: truncated, corrupt), and a short English note on what the
// content looks like ("xlsx workbook", "plain text", "zip: Not a zip archive").
struct SniffResult {
    Format format = Format::unknown;
    bool damaged = false;
    std::string detail;
};
SniffResult sniff_file(const std::filesystem::path& file);
SniffResult sniff_content(const std::string& bytes);

// Lowercase hex SHA-256 of the file's content.
std::string sha256_file(const std::filesystem::path& file);

} // namespace sopaudit::ingest
