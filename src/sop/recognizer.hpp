#pragma once
// SOP recognition: finds every SOP in a layout document (a file may be a whole Buku SOP), its
// identity section, its procedure table (continued over several tables), and each step.

#include "layout/layout.hpp"
#include "sop/sop_model.hpp"

#include <Poco/JSON/Object.h>
#include <memory>

namespace sopaudit::sop {

// The "recognition" section of the rule set (label variants, column header variants, placeholder
// values) read once, its variant lists folded for matching; an empty object means the built-in
// defaults. Build one per run and recognise every document with it; sharing it between threads
// is safe (recognition only reads it).
class RecognitionConfig {
public:
    explicit RecognitionConfig(const Poco::JSON::Object::Ptr& config);
    ~RecognitionConfig();
    RecognitionConfig(const RecognitionConfig&) = delete;
    RecognitionConfig& operator=(const RecognitionConfig&) = delete;

    struct Compiled; // defined in recognizer.cpp

private:
    friend Recognition recognize(const layout::Document& document, const RecognitionConfig& config);
    std::unique_ptr<const Compiled> m_compiled;
};

Recognition recognize(const layout::Document& document, const RecognitionConfig& config);

// One document with a configuration read for it alone (tests, single files).
Recognition recognize(const layout::Document& document, const Poco::JSON::Object::Ptr& config);

} // namespace sopaudit::sop
