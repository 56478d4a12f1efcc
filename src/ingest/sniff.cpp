#include "ingest/ingest.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <functional>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <memory>
#include <optional>
#include <set>
#include <zip.h>

namespace sopaudit::ingest {
namespace {

// Random access to the bytes being sniffed: a file on disk or a buffer in memory.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual std::uint64_t size() const = 0;
    // Up to n bytes at offset; fewer at the end of the data.
    virtual std::string read(std::uint64_t offset, std::size_t n) = 0;
};

class FileSource : public ByteSource {
public:
    explicit FileSource(const std::filesystem::path& path) : m_in(path, std::ios::binary) {
        if (m_in) {
            m_in.seekg(0, std::ios::end);
            m_size = static_cast<std::uint64_t>(m_in.tellg());
            m_in.seekg(0);
        }
    }
    bool ok() const { return static_cast<bool>(m_in); }
    std::uint64_t size() const override { return m_size; }
    std::string read(std::uint64_t offset, std::size_t n) override {
        if (offset >= m_size) {
            return {};
        }
        n = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_size - offset));
        std::string out(n, '\0');
        m_in.clear();
        m_in.seekg(static_cast<std::streamoff>(offset));
        m_in.read(out.data(), static_cast<std::streamsize>(n));
        out.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, m_in.gcount())));
        return out;
    }

private:
    std::ifstream m_in;
    std::uint64_t m_size = 0;
};

class BufferSource : public ByteSource {
public:
    explicit BufferSource(const std::string& bytes) : m_bytes(bytes) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    std::string read(std::uint64_t offset, std::size_t n) override {
        if (offset >= m_bytes.size()) {
            return {};
        }
        return m_bytes.substr(static_cast<std::size_t>(offset), n);
    }

private:
    const std::string& m_bytes;
};

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

std::uint32_t le32(const std::string& s, std::size_t at) {
    if (at + 4 > s.size()) {
        return 0;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t le16(const std::string& s, std::size_t at) {
    if (at + 2 > s.size()) {
        return 0;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

// ---------------------------------------------------------------------------------------------
// OLE compound files (MS-CFB): the directory is a chain of sectors linked through the FAT. We
// read just enough of it to learn the names of the streams.

constexpr std::string_view k_ole_signature{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
constexpr std::uint32_t k_end_of_chain = 0xFFFFFFFE;
constexpr std::uint32_t k_max_regular_sector = 0xFFFFFFFA;

// Names of the directory entries, or nullopt when the directory cannot be read.
std::optional<std::set<std::string>> ole_entry_names(ByteSource& src, std::string& why) {
    const std::string header = src.read(0, 512);
    if (header.size() < 512) {
        why = "OLE header truncated";
        return std::nullopt;
    }
    const unsigned shift = le16(header, 0x1E);
    if (shift != 9 && shift != 12) {
        why = "OLE header has an invalid sector size";
        return std::nullopt;
    }
    const std::uint64_t sector_size = 1ull << shift;
    const std::uint64_t n_sectors = src.size() > sector_size ? src.size() / sector_size : 0;
    const std::uint32_t entries_per_sector = static_cast<std::uint32_t>(sector_size / 4);
    auto sector_offset = [&](std::uint32_t s) {
        return (static_cast<std::uint64_t>(s) + 1) << shift;
    };

    // The DIFAT: locations of the FAT sectors, 109 in the header, the rest in a sector chain.
    std::vector<std::uint32_t> fat_sectors;
    const std::uint32_t n_fat = le32(header, 0x2C);
    for (std::uint32_t i = 0; i < 109 && fat_sectors.size() < n_fat; ++i) {
        fat_sectors.push_back(le32(header, 0x4C + 4 * i));
    }
    std::uint32_t difat = le32(header, 0x44);
    for (std::uint64_t hops = 0; difat <= k_max_regular_sector && fat_sectors.size() < n_fat;
         ++hops) {
        if (hops > n_sectors) {
            why = "OLE DIFAT chain loops";
            return std::nullopt;
        }
        const std::string sec = src.read(sector_offset(difat), sector_size);
        if (sec.size() < sector_size) {
            why = "OLE DIFAT sector beyond the end of the file";
            return std::nullopt;
        }
        for (std::uint32_t i = 0; i + 1 < entries_per_sector && fat_sectors.size() < n_fat; ++i) {
            fat_sectors.push_back(le32(sec, 4 * i));
        }
        difat = le32(sec, 4 * (entries_per_sector - 1));
    }

    // Next sector in a chain, read from the FAT sector that holds the entry.
    auto next_sector = [&](std::uint32_t s) -> std::optional<std::uint32_t> {
        const std::uint32_t fat_index = s / entries_per_sector;
        if (fat_index >= fat_sectors.size() || fat_sectors[fat_index] > k_max_regular_sector) {
            return std::nullopt;
        }
        const std::string entry =
            src.read(sector_offset(fat_sectors[fat_index]) + 4ull * (s % entries_per_sector), 4);
        if (entry.size() < 4) {
            return std::nullopt;
        }
        return le32(entry, 0);
    };

    std::set<std::string> names;
    std::uint32_t dir = le32(header, 0x30);
    for (std::uint64_t hops = 0; dir != k_end_of_chain; ++hops) {
        if (dir > k_max_regular_sector || hops > n_sectors) {
            why = "OLE directory chain is broken";
            return std::nullopt;
        }
        const std::string sec = src.read(sector_offset(dir), sector_size);
        if (sec.size() < sector_size) {
            why = "OLE directory sector beyond the end of the file (truncated?)";
            return std::nullopt;
        }
        for (std::uint64_t e = 0; e + 128 <= sector_size; e += 128) {
            const std::size_t at = static_cast<std::size_t>(e);
            const unsigned name_bytes = std::min<unsigned>(le16(sec, at + 0x40), 64);
            const int type = static_cast<unsigned char>(sec[at + 0x42]);
            if (type == 0 || name_bytes < 2) {
                continue; // unused entry
            }
            // Names are UTF-16LE; the ones we look for are ASCII.
            std::string name;
            for (unsigned i = 0; i + 1 < name_bytes - 1; i += 2) {
                const std::uint16_t ch = le16(sec, at + i);
                name += ch < 0x80 ? static_cast<char>(ch) : '?';
            }
            names.insert(name);
        }
        const auto next = next_sector(dir);
        if (!next) {
            why = "OLE FAT does not cover the directory";
            return std::nullopt;
        }
        dir = *next;
    }
    return names;
}

SniffResult sniff_ole(ByteSource& src) {
    SniffResult r;
    std::string why;
    const auto names = ole_entry_names(src, why);
    if (!names) {
        r.format = Format::unknown;
        r.damaged = true;
        r.detail = why;
        return r;
    }
    if (names->count("EncryptedPackage") != 0) {
        r.format = Format::ooxml_encrypted;
        r.detail = "password-protected Office document (OLE EncryptedPackage)";
    } else if (names->count("WordDocument") != 0) {
        r.format = Format::doc;
        r.detail = "legacy Word 97-2003 document (OLE WordDocument stream)";
    } else if (names->count("Workbook") != 0 || names->count("Book") != 0) {
        r.format = Format::unknown;
        r.detail = "legacy Excel workbook (OLE)";
    } else if (names->count("PowerPoint Document") != 0) {
        r.format = Format::unknown;
        r.detail = "legacy PowerPoint presentation (OLE)";
    } else {
        r.format = Format::unknown;
        r.detail = "OLE compound file that is not a Word document";
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Zip containers (OOXML, OpenDocument).

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

constexpr zip_uint64_t k_max_sniffed_member = 1 << 20;

// The member's content when it exists and is small; nullopt otherwise.
std::optional<std::string> read_small_member(zip_t* z, const char* name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 ||
        st.size > k_max_sniffed_member) {
        return std::nullopt;
    }
    zip_file_t* f = zip_fopen(z, name, 0);
    if (f == nullptr) {
        return std::nullopt;
    }
    std::string out(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = zip_fread(f, out.data(), st.size);
    zip_fclose(f);
    if (got < 0) {
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(got));
    return out;
}

struct XmlDocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

// Parses a small package part safely: no network, no DTD loading, no entity substitution, and a
// document with a DOCTYPE is refused outright (package parts never have one).
std::unique_ptr<xmlDoc, XmlDocFree> parse_part(const std::string& xml) {
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    std::unique_ptr<xmlDoc, XmlDocFree> owned(doc);
    if (owned && (owned->intSubset != nullptr || owned->extSubset != nullptr)) {
        owned.reset();
    }
    return owned;
}

std::string attribute(xmlNode* node, const char* name) {
    xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (v == nullptr) {
        return {};
    }
    std::string out(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The package's main part (the officeDocument relationship of _rels/.rels), without a leading '/'.
std::optional<std::string> main_part(zip_t* z) {
    const auto rels = read_small_member(z, "_rels/.rels");
    if (!rels) {
        return std::nullopt;
    }
    const auto doc = parse_part(*rels);
    if (!doc) {
        return std::nullopt;
    }
    for (xmlNode* n = xmlDocGetRootElement(doc.get()) ? xmlDocGetRootElement(doc.get())->children
                                                      : nullptr;
         n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (ends_with(attribute(n, "Type"), "/officeDocument")) {
            std::string target = attribute(n, "Target");
            while (!target.empty() && target.front() == '/') {
                target.erase(0, 1);
            }
            return target;
        }
    }
    return std::nullopt;
}

// The content type [Content_Types].xml gives the part (an Override), or "".
std::string content_type(zip_t* z, const std::string& part) {
    const auto types = read_small_member(z, "[Content_Types].xml");
    if (!types) {
        return {};
    }
    const auto doc = parse_part(*types);
    if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
        return {};
    }
    for (xmlNode* n = xmlDocGetRootElement(doc.get())->children; n != nullptr; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>("Override")) == 0 &&
            attribute(n, "PartName") == "/" + part) {
            return attribute(n, "ContentType");
        }
    }
    return {};
}

SniffResult sniff_zip(zip_t* z) {
    SniffResult r;
    if (const auto mimetype = read_small_member(z, "mimetype")) {
        if (starts_with(*mimetype, "application/vnd.oasis.opendocument.text")) {
            r.format = Format::odt;
            r.detail = "OpenDocument text";
            return r;
        }
        if (starts_with(*mimetype, "application/vnd.oasis.opendocument.")) {
            r.format = Format::zip_other;
            r.detail = "OpenDocument file that is not a text document";
            return r;
        }
    }
    if (zip_name_locate(z, "word/document.xml", 0) >= 0) {
        r.format = Format::docx;
        r.detail = "Word document";
        return r;
    }
    if (const auto part = main_part(z); part && zip_name_locate(z, part->c_str(), 0) >= 0) {
        const std::string type = content_type(z, *part);
        const bool word = type.find("wordprocessingml") != std::string::npos ||
                          type.find("ms-word") != std::string::npos ||
                          (type.empty() && starts_with(*part, "word/"));
        if (word) {
            r.format = Format::docx;
            r.detail = "Word document";
            return r;
        }
        r.format = Format::zip_other;
        if (type.find("spreadsheetml") != std::string::npos || starts_with(*part, "xl/")) {
            r.detail = "Excel workbook (xlsx)";
        } else if (type.find("presentationml") != std::string::npos || starts_with(*part, "ppt/")) {
            r.detail = "PowerPoint presentation (pptx)";
        } else {
            r.detail = "Office package that is not a Word document";
        }
        return r;
    }
    r.format = Format::zip_other;
    r.detail = "zip archive that is not a Word document";
    return r;
}

SniffResult zip_failure(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    SniffResult r;
    r.format = Format::zip_other;
    r.damaged = true;
    r.detail = std::string("zip: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    return r;
}

// ---------------------------------------------------------------------------------------------
// Everything else: what the content looks like, for the message.

bool valid_utf8_text(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) {
            return false;
        }
        std::size_t len = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
        if (len == 0) {
            return false;
        }
        if (i + len > s.size()) {
            return true; // cut in the middle of a character by the sample's end
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) {
                return false;
            }
        }
        i += len;
    }
    return true;
}

std::string lower(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

SniffResult sniff_source(ByteSource& src, const std::function<ZipPtr(int&)>& open_zip) {
    SniffResult r;
    if (src.size() == 0) {
        r.format = Format::empty;
        r.detail = "empty file";
        return r;
    }
    const std::string head = src.read(0, 4096);
    if (starts_with(head, "PK\x03\x04") || starts_with(head, "PK\x05\x06")) {
        int code = 0;
        ZipPtr z = open_zip(code);
        if (!z) {
            return zip_failure(code);
        }
        return sniff_zip(z.get());
    }
    if (starts_with(head, k_ole_signature)) {
        return sniff_ole(src);
    }
    // Readers accept a PDF header anywhere in the first KiB (some generators prepend junk).
    if (head.substr(0, 1024).find("%PDF-") != std::string::npos) {
        r.format = Format::pdf;
        r.detail = "PDF";
        return r;
    }
    if (starts_with(head, "\x89PNG\r\n\x1A\n")) {
        r.format = Format::image;
        r.detail = "PNG image";
        return r;
    }
    if (starts_with(head, "\xFF\xD8\xFF")) {
        r.format = Format::image;
        r.detail = "JPEG image";
        return r;
    }
    if (starts_with(head, std::string_view("II*\0", 4)) ||
        starts_with(head, std::string_view("MM\0*", 4))) {
        r.format = Format::image;
        r.detail = "TIFF image";
        return r;
    }
    r.format = Format::unknown;
    const std::string low = lower(head.substr(0, 512));
    if (starts_with(head, "{\\rtf")) {
        r.detail = "RTF document";
    } else if (low.find("<html") != std::string::npos ||
               low.find("<!doctype html") != std::string::npos) {
        r.detail = "HTML page";
    } else if (low.find("w:worddocument") != std::string::npos ||
               low.find("pkg:package") != std::string::npos) {
        r.detail = "Word XML (2003 or flat OPC) document";
    } else if (starts_with(head, "GIF8") || starts_with(head, "BM") || starts_with(head, "RIFF")) {
        r.detail = "image or media format that is not PNG, JPEG or TIFF";
    } else if (valid_utf8_text(head)) {
        r.detail = "plain text";
    } else {
        r.detail = "unrecognised binary content";
    }
    return r;
}

} // namespace

SniffResult sniff_file(const std::filesystem::path& file) {
    FileSource src(file);
    if (!src.ok()) {
        SniffResult r;
        r.format = Format::unknown;
        r.damaged = true;
        r.detail = "cannot open the file: " + std::string(std::strerror(errno));
        return r;
    }
    return sniff_source(
        src, [&](int& code) { return ZipPtr(zip_open(file.c_str(), ZIP_RDONLY, &code)); });
}

SniffResult sniff_content(const std::string& bytes) {
    BufferSource src(bytes);
    return sniff_source(src, [&](int& code) -> ZipPtr {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source == nullptr) {
            code = zip_error_code_zip(&error);
            zip_error_fini(&error);
            return nullptr;
        }
        zip_t* z = zip_open_from_source(source, ZIP_RDONLY, &error);
        if (z == nullptr) {
            code = zip_error_code_zip(&error);
            zip_source_free(source);
        }
        zip_error_fini(&error);
        return ZipPtr(z);
    });
}

Format sniff(const std::filesystem::path& file) {
    return sniff_file(file).format;
}
Format sniff_bytes(const std::string& bytes) {
    return sniff_content(bytes).format;
}

} // namespace sopaudit::ingest
