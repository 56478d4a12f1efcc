#pragma once
// SOP recognition: finds every SOP in a layout document (a file may be a whole Buku SOP), its
// identity section, its procedure table (continued over several tables), and each step.

#include "layout/layout.hpp"
#include "sop/sop_model.hpp"

#include <Poco/JSON/Object.h>

namespace sopaudit::sop {

// config: the "recognition" section of the rule set (label variants, column header variants,
// placeholder values); an empty object means the built-in defaults.
Recognition recognize(const layout::Document& document, const Poco::JSON::Object::Ptr& config);

} // namespace sopaudit::sop
