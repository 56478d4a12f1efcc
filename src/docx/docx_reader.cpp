#include "docx/docx_reader.hpp"

#include "docx/body_reader.hpp"
#include "docx/ooxml.hpp"
#include "docx/xml_part.hpp"
#include "docx/zip_package.hpp"

#include <new>
#include <system_error>

namespace sopaudit::docx {

namespace {

using ooxml::attr;
using ooxml::Ns;

struct Relationship {
    std::string type;
    std::string target; // resolved part name, no leading '/'
};

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string directory_of(const std::string& part) {
    const std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// Resolves a relationship target against the source part's folder ("media/a.png" from
// "word/document.xml" is "word/media/a.png"; "/word/x.xml" is absolute; ".." goes up).
std::string resolve_target(const std::string& base_dir, const std::string& target) {
    std::string path =
        !target.empty() && target.front() == '/' ? target.substr(1) : base_dir + target;
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        const std::string segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& s : segments) {
        if (!out.empty()) {
            out += '/';
        }
        out += s;
    }
    return out;
}

std::vector<Relationship> read_relationships(ZipPackage& zip, const std::string& rels_part,
                                             const std::string& base_dir,
                                             const ingest::Limits& limits) {
    std::vector<Relationship> out;
    const auto bytes = zip.read(rels_part, limits, true);
    if (!bytes) {
        return out;
    }
    const XmlDocPtr doc = parse_xml_part(*bytes, rels_part, limits);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || ooxml::local_name(c) != "Relationship") {
            continue;
        }
        if (attr(c, Ns::other, "TargetMode").value_or("") == "External") {
            continue;
        }
        Relationship rel;
        rel.type = attr(c, Ns::other, "Type").value_or("");
        rel.target = resolve_target(base_dir, attr(c, Ns::other, "Target").value_or(""));
        out.push_back(std::move(rel));
    }
    return out;
}

void read_package(ZipPackage& zip, const ingest::Limits& limits, layout::Document& document) {
    // The main part is whatever the package relationship says (it is not always
    // word/document.xml); fall back to the usual name for packages without _rels/.rels.
    std::string main_part;
    for (const auto& rel : read_relationships(zip, "_rels/.rels", "", limits)) {
        if (ends_with(rel.type, "/officeDocument")) {
            main_part = rel.target;
            break;
        }
    }
    if (main_part.empty() || !zip.has(main_part)) {
        main_part = "word/document.xml";
    }
    if (!zip.has(main_part)) {
        throw InputError{layout::ProblemKind::unreadable,
                         "docx: the package has no main document part (word/document.xml)"};
    }
    const std::string bytes = *zip.read(main_part, limits);
    const bool rendered_breaks = bytes.find("lastRenderedPageBreak") != std::string::npos;
    const XmlDocPtr doc = parse_xml_part(bytes, main_part, limits);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    const xmlNode* body = ooxml::child(root, Ns::w, "body");
    if (!ooxml::is(root, Ns::w, "document") || body == nullptr) {
        throw InputError{layout::ProblemKind::unreadable,
                         "docx: " + main_part + " is not a WordprocessingML document"};
    }
    BodyReader reader(document, rendered_breaks);
    reader.read_body(body);

    const std::string dir = directory_of(main_part);
    const std::string rels = dir + "_rels/" + main_part.substr(dir.size()) + ".rels";
    for (const auto& rel : read_relationships(zip, rels, dir, limits)) {
        if (!ends_with(rel.type, "/header")) {
            continue;
        }
        const auto header_bytes = zip.read(rel.target, limits, true);
        if (!header_bytes) {
            continue; // a dangling relationship: Word repairs such files silently
        }
        const XmlDocPtr header = parse_xml_part(*header_bytes, rel.target, limits);
        reader.read_header(xmlDocGetRootElement(header.get()), document.header_paragraphs);
    }
    reader.finish();
}

layout::ReadResult failure(layout::ProblemKind kind, std::string detail) {
    layout::ReadResult result;
    result.failed = true;
    result.problems.push_back(layout::Problem{kind, std::move(detail), 0});
    return result;
}

template <typename Open>
layout::ReadResult read_guarded(Open&& open, const ingest::Limits& limits) {
    try {
        ZipPackage zip = open();
        layout::ReadResult result;
        read_package(zip, limits, result.document);
        return result;
    } catch (const InputError& error) {
        return failure(error.kind, error.detail);
    } catch (const std::bad_alloc&) {
        return failure(layout::ProblemKind::limit, "docx: out of memory while reading");
    } catch (const std::exception& error) {
        return failure(layout::ProblemKind::unreadable, std::string("docx: ") + error.what());
    }
}

} // namespace

layout::ReadResult read_docx(const std::filesystem::path& file, const ingest::Limits& limits) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        return failure(layout::ProblemKind::unreadable, "file: " + ec.message());
    }
    if (size == 0) {
        return failure(layout::ProblemKind::unreadable, "file: empty");
    }
    if (size > limits.max_file_bytes) {
        return failure(layout::ProblemKind::limit, "file: " + std::to_string(size) +
                                                       " bytes, over the limit of " +
                                                       std::to_string(limits.max_file_bytes));
    }
    return read_guarded([&] { return ZipPackage::open_file(file); }, limits);
}

layout::ReadResult read_docx_bytes(const std::string& bytes, const ingest::Limits& limits) {
    if (bytes.empty()) {
        return failure(layout::ProblemKind::unreadable, "file: empty");
    }
    if (bytes.size() > limits.max_file_bytes) {
        return failure(layout::ProblemKind::limit, "file: " + std::to_string(bytes.size()) +
                                                       " bytes, over the limit of " +
                                                       std::to_string(limits.max_file_bytes));
    }
    return read_guarded([&] { return ZipPackage::open_bytes(bytes); }, limits);
}

} // namespace sopaudit::docx
