#include "ingest/ingest.hpp"

#include <iterator>

namespace sopaudit::ingest {

namespace {

struct FormatNames {
    Format format;
    const char* name;   // to_string: the sniffer's own name, for logs and tests
    const char* report; // report.json's "format"
};

// An encrypted package may hold a docx, an xlsx or a pptx: without the password nobody can
// tell, so the report does not claim one.
constexpr FormatNames k_names[] = {
    {Format::docx, "docx", "docx"},
    {Format::pdf, "pdf", "pdf"},
    {Format::image, "image", "image"},
    {Format::doc, "doc", "doc"},
    {Format::ooxml_encrypted, "ooxml_encrypted", "unknown"},
    {Format::odt, "odt", "odt"},
    {Format::zip_other, "zip_other", "unknown"},
    {Format::empty, "empty", "unknown"},
    {Format::unknown, "unknown", "unknown"},
};

const FormatNames& names_of(Format f) {
    for (const auto& n : k_names) {
        if (n.format == f) {
            return n;
        }
    }
    return k_names[std::size(k_names) - 1];
}

} // namespace

const char* report_format(Format f) {
    return names_of(f).report;
}

const char* to_string(Format f) {
    return names_of(f).name;
}

} // namespace sopaudit::ingest
