#pragma once
// The one escape function of the report writers. Every piece of document text that goes into
// HTML (text or attribute), SVG or the XML parts of a generated DOCX passes through
// escape_markup; nothing builds markup from raw document text.

#include <string>
#include <string_view>

namespace sopaudit::report {

// Escapes & < > " ' as character references, replaces bytes that are not valid UTF-8 with U+FFFD
// and drops code points XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF), so
// the result is safe as HTML/XML text and as a quoted attribute value.
std::string escape_markup(std::string_view text);

// The short name the writers use for escape_markup.
inline std::string esc(std::string_view text) {
    return escape_markup(text);
}

// Percent-encodes a relative path for an href/src (each byte outside RFC 3986 unreserved
// characters and '/'), then escapes it for an attribute.
std::string escape_href_path(std::string_view relative_path);

// A path made safe to create under an output folder: '/'-separated segments, with empty, "."
// and ".." segments and control characters removed, so it never leaves that folder.
std::string safe_relative_path(std::string_view path);

} // namespace sopaudit::report
