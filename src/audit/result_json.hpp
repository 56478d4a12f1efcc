#pragma once
// FileResult and Finding as JSON (report.schema.json $defs/file and $defs/finding), both ways:
// report.json prints them, state/ stores them and reads them back.

#include "audit/file_result.hpp"

#include <Poco/JSON/Object.h>
#include <stdexcept>

namespace sopaudit::common {
class JsonWriter;
}

namespace sopaudit::audit {

// A stored result that does not read back (missing or mistyped member).
struct ResultJsonError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

Poco::JSON::Object::Ptr to_json(const Location& location);
Poco::JSON::Object::Ptr to_json(const Finding& finding);
// Members in schema order: path, root, sha256, size, mtime_ns, format, status, method, pages,
// sops, findings. method and pages are null when unknown.
Poco::JSON::Object::Ptr to_json(const FileResult& result);

Location location_from_json(const Poco::JSON::Object::Ptr& json);
Finding finding_from_json(const Poco::JSON::Object::Ptr& json);
FileResult file_result_from_json(const Poco::JSON::Object::Ptr& json);

// The same objects printed straight into `out`: the bytes Poco prints for to_json(...).
void write_json(common::JsonWriter& out, const Location& location);
void write_json(common::JsonWriter& out, const Finding& finding);
void write_json(common::JsonWriter& out, const FileResult& result);

} // namespace sopaudit::audit
