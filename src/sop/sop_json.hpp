#pragma once
// The SOP model as report.json's "sop" object (report.schema.json $defs/sop), and back (state/
// stores it as JSON).

#include "sop/sop_model.hpp"

#include <Poco/JSON/Object.h>

namespace sopaudit::sop {

Poco::JSON::Object::Ptr to_json(const Sop& sop);
Sop from_json(const Poco::JSON::Object::Ptr& json);

} // namespace sopaudit::sop
