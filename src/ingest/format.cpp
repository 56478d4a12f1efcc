#include "ingest/ingest.hpp"

namespace sopaudit::ingest {

const char* report_format(Format f) {
    switch (f) {
    case Format::docx:
        return "docx";
    case Format::pdf:
        return "pdf";
    case Format::image:
        return "image";
    case Format::doc:
        return "doc";
    case Format::odt:
        return "odt";
    // An encrypted package may hold a docx, an xlsx or a pptx: without the password nobody can
    // tell, so the report does not claim one.
    case Format::ooxml_encrypted:
    case Format::zip_other:
    case Format::empty:
    case Format::unknown:
        return "unknown";
    }
    return "unknown";
}

const char* to_string(Format f) {
    switch (f) {
    case Format::docx:
        return "docx";
    case Format::pdf:
        return "pdf";
    case Format::image:
        return "image";
    case Format::doc:
        return "doc";
    case Format::ooxml_encrypted:
        return "ooxml_encrypted";
    case Format::odt:
        return "odt";
    case Format::zip_other:
        return "zip_other";
    case Format::empty:
        return "empty";
    case Format::unknown:
        return "unknown";
    }
    return "unknown";
}

} // namespace sopaudit::ingest
