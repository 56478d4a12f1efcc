#include "docx/ooxml.hpp"

#include <charconv>

namespace sopaudit::docx::ooxml {

namespace {

struct NsUri {
    const char* uri;
    Ns ns;
};

constexpr NsUri known_namespaces[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", Ns::w},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", Ns::w},
    {"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", Ns::wp},
    {"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", Ns::wp},
    {"http://schemas.openxmlformats.org/drawingml/2006/main", Ns::a},
    {"http://purl.oclc.org/ooxml/drawingml/main", Ns::a},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingShape", Ns::wps},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", Ns::wpg},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas", Ns::wpc},
    {"http://schemas.openxmlformats.org/drawingml/2006/picture", Ns::pic},
    {"http://purl.oclc.org/ooxml/drawingml/picture", Ns::pic},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", Ns::mc},
    {"urn:schemas-microsoft-com:vml", Ns::v},
    {"urn:schemas-microsoft-com:office:office", Ns::o},
    {"http://schemas.openxmlformats.org/officeDocument/2006/relationships", Ns::r},
    {"http://purl.oclc.org/ooxml/officeDocument/relationships", Ns::r},
};

Ns ns_of_uri(const xmlChar* href) {
    if (href == nullptr) {
        return Ns::other;
    }
    const char* uri = reinterpret_cast<const char*>(href);
    for (const auto& known : known_namespaces) {
        if (std::strcmp(uri, known.uri) == 0) {
            return known.ns;
        }
    }
    return Ns::other;
}

} // namespace

Ns ns_of(const xmlNode* node) {
    if (node == nullptr || node->ns == nullptr || node->ns->href == nullptr) {
        return Ns::other;
    }
    // A document declares a handful of namespaces, so remember the last answers. The xmlNs
    // pointer alone is not a safe key (a freed document's memory is reused by the next), so a
    // hit is confirmed by comparing the URI once.
    struct Entry {
        const xmlNs* ns = nullptr;
        const char* uri = nullptr;
        Ns value = Ns::other;
    };
    thread_local Entry cache[4];
    thread_local unsigned next = 0;
    const char* href = reinterpret_cast<const char*>(node->ns->href);
    for (const Entry& e : cache) {
        if (e.ns == node->ns && e.uri != nullptr && std::strcmp(e.uri, href) == 0) {
            return e.value;
        }
    }
    Ns value = Ns::other;
    const char* uri = nullptr;
    for (const auto& known : known_namespaces) {
        if (std::strcmp(href, known.uri) == 0) {
            value = known.ns;
            uri = known.uri;
            break;
        }
    }
    if (uri != nullptr) {
        cache[next] = Entry{node->ns, uri, value};
        next = (next + 1) % 4;
    }
    return value;
}

const xmlNode* child(const xmlNode* node, Ns ns, const char* local) {
    if (node == nullptr) {
        return nullptr;
    }
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (is(c, ns, local)) {
            return c;
        }
    }
    return nullptr;
}

std::optional<std::string> attr(const xmlNode* node, Ns ns, const char* local) {
    if (node == nullptr) {
        return std::nullopt;
    }
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
        if (std::strcmp(reinterpret_cast<const char*>(a->name), local) != 0) {
            continue;
        }
        const Ns attr_ns = a->ns == nullptr ? Ns::other : ns_of_uri(a->ns->href);
        if (attr_ns != ns) {
            continue;
        }
        std::string value;
        for (const xmlNode* t = a->children; t != nullptr; t = t->next) {
            if (t->content != nullptr) {
                value += reinterpret_cast<const char*>(t->content);
            }
        }
        return value;
    }
    return std::nullopt;
}

std::optional<std::string> child_val(const xmlNode* node, Ns ns, const char* local) {
    const xmlNode* c = child(node, ns, local);
    if (c == nullptr) {
        return std::nullopt;
    }
    auto value = attr(c, Ns::w, "val");
    return value ? value : std::optional<std::string>(std::string());
}

std::string text_of(const xmlNode* node) {
    std::string out;
    if (node == nullptr) {
        return out;
    }
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content != nullptr) {
            out += reinterpret_cast<const char*>(c->content);
        }
    }
    return out;
}

std::optional<std::int64_t> to_int(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr == s.data()) {
        return std::nullopt;
    }
    return value;
}

bool on_off(const xmlNode* property) {
    if (property == nullptr) {
        return false;
    }
    const auto value = attr(property, Ns::w, "val");
    if (!value) {
        return true;
    }
    return *value == "true" || *value == "1" || *value == "on" || value->empty();
}

} // namespace sopaudit::docx::ooxml
