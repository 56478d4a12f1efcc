#include "audit/result_json.hpp"

#include "common/json_writer.hpp"
#include "sop/sop_json.hpp"

#include <Poco/JSON/Array.h>

namespace sopaudit::audit {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr ordered() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

template <typename T>
T required(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->isNull(key)) {
        throw ResultJsonError("stored result lacks \"" + key + "\"");
    }
    try {
        return o->getValue<T>(key);
    } catch (const Poco::Exception& e) {
        throw ResultJsonError("stored result has a bad \"" + key + "\": " + e.displayText());
    }
}

template <typename T>
std::optional<T> optional(const Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key)) {
        return std::nullopt;
    }
    try {
        return o->getValue<T>(key);
    } catch (const Poco::Exception& e) {
        throw ResultJsonError("stored result has a bad \"" + key + "\": " + e.displayText());
    }
}

} // namespace

Object::Ptr to_json(const Location& l) {
    auto o = ordered();
    if (l.sop) {
        o->set("sop", *l.sop);
    }
    if (l.page) {
        o->set("page", *l.page);
    }
    if (l.table) {
        o->set("table", *l.table);
    }
    if (l.row) {
        o->set("row", *l.row);
    }
    if (l.field) {
        o->set("field", *l.field);
    }
    if (l.bbox) {
        Array::Ptr box = new Array;
        for (double v : {l.bbox->x0, l.bbox->y0, l.bbox->x1, l.bbox->y1}) {
            box->add(v);
        }
        o->set("bbox", box);
    }
    return o;
}

Object::Ptr to_json(const Finding& f) {
    auto o = ordered();
    o->set("rule", f.rule);
    o->set("severity", std::string(to_string(f.severity)));
    o->set("message", f.message);
    o->set("location", to_json(f.location));
    return o;
}

Object::Ptr to_json(const FileResult& r) {
    auto o = ordered();
    o->set("path", r.path);
    o->set("root", r.root);
    o->set("sha256", r.sha256);
    o->set("size", static_cast<Poco::UInt64>(r.size));
    o->set("mtime_ns", static_cast<Poco::Int64>(r.mtime_ns));
    o->set("format", r.format);
    o->set("status", r.status);
    o->set("method", r.method.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.method));
    o->set("pages", r.pages ? Poco::Dynamic::Var(*r.pages) : Poco::Dynamic::Var());
    Array::Ptr sops = new Array;
    for (const auto& s : r.sops) {
        sops->add(sop::to_json(s));
    }
    o->set("sops", sops);
    Array::Ptr findings = new Array;
    for (const auto& f : r.findings) {
        findings->add(to_json(f));
    }
    o->set("findings", findings);
    return o;
}

// Members in the insertion order of the to_json functions above (their objects keep it).
void write_json(common::JsonWriter& out, const Location& l) {
    out.begin_object();
    if (l.sop) {
        out.member("sop", *l.sop);
    }
    if (l.page) {
        out.member("page", *l.page);
    }
    if (l.table) {
        out.member("table", *l.table);
    }
    if (l.row) {
        out.member("row", *l.row);
    }
    if (l.field) {
        out.member("field", *l.field);
    }
    if (l.bbox) {
        out.key("bbox");
        out.begin_array();
        for (double v : {l.bbox->x0, l.bbox->y0, l.bbox->x1, l.bbox->y1}) {
            out.value(v);
        }
        out.end_array();
    }
    out.end_object();
}

void write_json(common::JsonWriter& out, const Finding& f) {
    out.begin_object();
    out.member("rule", f.rule);
    out.member("severity", to_string(f.severity));
    out.member("message", f.message);
    out.key("location");
    write_json(out, f.location);
    out.end_object();
}

void write_json(common::JsonWriter& out, const FileResult& r) {
    out.begin_object();
    out.member("path", r.path);
    out.member("root", r.root);
    out.member("sha256", r.sha256);
    out.member("size", static_cast<std::uint64_t>(r.size));
    out.member("mtime_ns", static_cast<std::int64_t>(r.mtime_ns));
    out.member("format", r.format);
    out.member("status", r.status);
    if (r.method.empty()) {
        out.null_member("method");
    } else {
        out.member("method", r.method);
    }
    if (r.pages) {
        out.member("pages", *r.pages);
    } else {
        out.null_member("pages");
    }
    out.key("sops");
    out.begin_array();
    for (const auto& s : r.sops) {
        sop::write_json(out, s);
    }
    out.end_array();
    out.key("findings");
    out.begin_array();
    for (const auto& f : r.findings) {
        write_json(out, f);
    }
    out.end_array();
    out.end_object();
}

Location location_from_json(const Object::Ptr& o) {
    Location l;
    if (!o) {
        return l;
    }
    l.sop = optional<int>(o, "sop");
    l.page = optional<int>(o, "page");
    l.table = optional<int>(o, "table");
    l.row = optional<int>(o, "row");
    l.field = optional<std::string>(o, "field");
    if (o->has("bbox") && !o->isNull("bbox")) {
        const auto box = o->getArray("bbox");
        if (!box || box->size() != 4) {
            throw ResultJsonError("stored location has a bbox that is not 4 numbers");
        }
        l.bbox = layout::BBox{box->getElement<double>(0), box->getElement<double>(1),
                              box->getElement<double>(2), box->getElement<double>(3)};
    }
    return l;
}

Finding finding_from_json(const Object::Ptr& o) {
    if (!o) {
        throw ResultJsonError("stored finding is not an object");
    }
    Finding f;
    f.rule = required<std::string>(o, "rule");
    const auto sev = severity_from_string(required<std::string>(o, "severity"));
    if (!sev) {
        throw ResultJsonError("stored finding has an unknown severity");
    }
    f.severity = *sev;
    f.message = required<std::string>(o, "message");
    f.location = location_from_json(o->getObject("location"));
    return f;
}

FileResult file_result_from_json(const Object::Ptr& o) {
    if (!o) {
        throw ResultJsonError("stored result is not an object");
    }
    FileResult r;
    r.path = required<std::string>(o, "path");
    r.root = optional<std::string>(o, "root").value_or("");
    r.sha256 = required<std::string>(o, "sha256");
    r.size = required<Poco::UInt64>(o, "size");
    r.mtime_ns = optional<Poco::Int64>(o, "mtime_ns").value_or(0);
    r.format = required<std::string>(o, "format");
    r.status = required<std::string>(o, "status");
    r.method = optional<std::string>(o, "method").value_or("");
    r.pages = optional<int>(o, "pages");
    if (const auto sops = o->getArray("sops")) {
        for (std::size_t i = 0; i < sops->size(); ++i) {
            r.sops.push_back(sop::from_json(sops->getObject(static_cast<unsigned>(i))));
        }
    }
    if (const auto findings = o->getArray("findings")) {
        for (std::size_t i = 0; i < findings->size(); ++i) {
            r.findings.push_back(finding_from_json(findings->getObject(static_cast<unsigned>(i))));
        }
    }
    return r;
}

} // namespace sopaudit::audit
