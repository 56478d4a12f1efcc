#pragma once
// Namespaces and small DOM helpers for WordprocessingML, DrawingML and VML.

#include <cstdint>
#include <cstring>
#include <libxml/tree.h>
#include <optional>
#include <string>
#include <string_view>

namespace sopaudit::docx::ooxml {

enum class Ns {
    other,
    w,   // wordprocessingml main (transitional and strict)
    wp,  // wordprocessingDrawing
    a,   // drawingml main
    wps, // wordprocessingShape
    wpg, // wordprocessingGroup
    wpc, // wordprocessingCanvas
    pic, // drawingml picture
    mc,  // markup compatibility
    v,   // VML
    o,   // office VML extensions
    r,   // relationships in attributes
};

// Which namespace a node is in, by its URI (prefixes are the writer's choice).
Ns ns_of(const xmlNode* node);

inline bool is(const xmlNode* node, Ns ns, const char* local) {
    return node != nullptr && node->type == XML_ELEMENT_NODE &&
           std::strcmp(reinterpret_cast<const char*>(node->name), local) == 0 && ns_of(node) == ns;
}

inline std::string_view local_name(const xmlNode* node) {
    return reinterpret_cast<const char*>(node->name);
}

// First element child in namespace ns named local, or nullptr.
const xmlNode* child(const xmlNode* node, Ns ns, const char* local);

// An attribute value by local name and namespace (Ns::other = no namespace).
std::optional<std::string> attr(const xmlNode* node, Ns ns, const char* local);
// w:val of the first child ns:local, if the child is there.
std::optional<std::string> child_val(const xmlNode* node, Ns ns, const char* local);

// The text content of a node (e.g. wp:posOffset).
std::string text_of(const xmlNode* node);

std::optional<std::int64_t> to_int(std::string_view s);

// An OOXML on/off property (w:b, w:tblHeader ...): present with no val, or val true/1/on.
bool on_off(const xmlNode* property);

} // namespace sopaudit::docx::ooxml
