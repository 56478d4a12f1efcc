#pragma once
// The SOP model as report.json's "sop" object (report.schema.json $defs/sop), and back (state/
// stores it as JSON).

#include "sop/sop_model.hpp"

#include <Poco/JSON/Object.h>

namespace sopaudit::sop {

Poco::JSON::Object::Ptr to_json(const Sop& sop);
Sop from_json(const Poco::JSON::Object::Ptr& json);

// A layout::Provenance as a report.json location, with its grid row and column as the extra
// members "grid_row" and "grid_col", and back.
Poco::JSON::Object::Ptr location_json(const layout::Provenance& where);
layout::Provenance location_from(const Poco::JSON::Object::Ptr& json);

} // namespace sopaudit::sop
