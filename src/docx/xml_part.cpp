#include "docx/xml_part.hpp"

#include "docx/zip_package.hpp"

#include <climits>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <mutex>

namespace sopaudit::docx {

namespace {

// Our per-parse state, reached from the SAX callbacks through ctxt->_private.
struct ParseGuard {
    int depth = 0;
    int max_depth = 0;
    bool doctype = false;
    bool too_deep = false;
    std::string first_error;
    startElementNsSAX2Func start_element = nullptr;
    endElementNsSAX2Func end_element = nullptr;
};

ParseGuard* guard_of(void* ctx) {
    return static_cast<ParseGuard*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

// Called as soon as "<!DOCTYPE name ..." is read, before its internal subset: stop right there,
// so no entity declaration is ever parsed, let alone expanded.
void on_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    guard_of(ctx)->doctype = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

void on_start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                      const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
    ParseGuard* guard = guard_of(ctx);
    if (++guard->depth > guard->max_depth) {
        guard->too_deep = true;
        xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
        return;
    }
    guard->start_element(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                         nb_defaulted, attributes);
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                    const xmlChar* uri) {
    ParseGuard* guard = guard_of(ctx);
    --guard->depth;
    guard->end_element(ctx, localname, prefix, uri);
}

// Keeps the first message for the Problem detail and keeps libxml2 off stderr.
void on_error(void* ctx, xmlErrorPtr error) {
    if (ctx == nullptr || error == nullptr) {
        return;
    }
    ParseGuard* guard = guard_of(ctx);
    if (guard != nullptr && guard->first_error.empty() && error->level >= XML_ERR_ERROR &&
        error->message != nullptr) {
        std::string message = error->message;
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
            message.pop_back();
        }
        guard->first_error = "line " + std::to_string(error->line) + ": " + message;
    }
}

struct CtxtFree {
    void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

} // namespace

void init_xml_once() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

XmlDocPtr parse_xml_part(const std::string& bytes, const std::string& part,
                         const ingest::Limits& limits) {
    init_xml_once();
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        throw InputError{layout::ProblemKind::limit, "xml: part " + part + " is too large"};
    }
    std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
    if (!ctxt) {
        throw InputError{layout::ProblemKind::limit, "xml: out of memory"};
    }
    ParseGuard guard;
    guard.max_depth = limits.max_xml_depth;
    xmlSAXHandler* sax = ctxt->sax;
    guard.start_element = sax->startElementNs;
    guard.end_element = sax->endElementNs;
    sax->startElementNs = on_start_element;
    sax->endElementNs = on_end_element;
    sax->internalSubset = on_internal_subset;
    sax->serror = on_error;
    ctxt->_private = &guard;

    // NONET: never fetch anything. Deliberately absent: NOENT (substitute entities), DTDLOAD,
    // DTDATTR, HUGE (lifts libxml2's own size and depth caps).
    const int options =
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
    XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    nullptr, nullptr, options));
    if (guard.doctype) {
        throw InputError{layout::ProblemKind::limit,
                         "xml: part " + part +
                             " has a DOCTYPE (entity declarations are not allowed in OOXML)"};
    }
    if (guard.too_deep || guard.first_error.find("Excessive depth") != std::string::npos) {
        throw InputError{layout::ProblemKind::limit, "xml: part " + part +
                                                         " nests elements deeper than " +
                                                         std::to_string(limits.max_xml_depth)};
    }
    if (guard.first_error.find("entity reference loop") != std::string::npos ||
        guard.first_error.find("amplification") != std::string::npos) {
        throw InputError{layout::ProblemKind::limit,
                         "xml: part " + part + ": " + guard.first_error};
    }
    if (!doc || !ctxt->wellFormed || xmlDocGetRootElement(doc.get()) == nullptr) {
        throw InputError{layout::ProblemKind::unreadable,
                         "xml: part " + part + " is malformed" +
                             (guard.first_error.empty() ? "" : ": " + guard.first_error)};
    }
    return doc;
}

} // namespace sopaudit::docx
