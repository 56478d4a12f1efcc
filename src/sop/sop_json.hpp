#pragma once
// The SOP model as report.json's "sop" object (report.schema.json $defs/sop), and back (state/
// stores it as JSON).

#include "sop/sop_model.hpp"

#include <Poco/JSON/Object.h>
#include <optional>
#include <string_view>

namespace sopaudit::common {
class JsonWriter;
}

namespace sopaudit::sop {

Poco::JSON::Object::Ptr to_json(const Sop& sop);
Sop from_json(const Poco::JSON::Object::Ptr& json);
// The same object printed straight into `out`: the bytes of to_json(sop) printed by Poco.
void write_json(common::JsonWriter& out, const Sop& sop);

// A layout::Provenance as a report.json location, with its grid row and column as the extra
// members "grid_row" and "grid_col", and back.
Poco::JSON::Object::Ptr location_json(const layout::Provenance& where);
layout::Provenance location_from(const Poco::JSON::Object::Ptr& json);
// location_json(where) printed into `out`, with the members "field" and "row" that callers add
// to it when given (in Poco's sorted member order).
void write_location(common::JsonWriter& out, const layout::Provenance& where,
                    std::optional<std::string_view> field = std::nullopt,
                    std::optional<int> row = std::nullopt);

} // namespace sopaudit::sop
