#pragma once
// Parses one OOXML part with libxml2, safely: no network, no DTD loading, no entity
// substitution, and no DOCTYPE at all (Word never writes one, so a DOCTYPE is either a
// hand-made file or an attack: XXE, billion laughs). Element depth is bounded by the limits.

#include "ingest/ingest.hpp"

#include <libxml/tree.h>
#include <memory>
#include <string>

namespace sopaudit::docx {

struct XmlDocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Throws InputError: {limit} for a DOCTYPE (entity declarations) or depth over
// limits.max_xml_depth, {unreadable} for malformed XML. `part` names the part in messages.
XmlDocPtr parse_xml_part(const std::string& bytes, const std::string& part,
                         const ingest::Limits& limits);

// Initialises libxml2 once per process (thread-safe); parse_xml_part calls it itself.
void init_xml_once();

} // namespace sopaudit::docx
