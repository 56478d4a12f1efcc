#include "sop/sop_model.hpp"

namespace sopaudit::sop {

const char* to_string(Symbol s) {
    switch (s) {
    case Symbol::none: return "";
    case Symbol::terminator: return "terminator";
    case Symbol::process: return "process";
    case Symbol::decision: return "decision";
    case Symbol::connector: return "connector";
    case Symbol::other: return "other";
    case Symbol::mark: return "mark";
    }
    return "";
}

Symbol symbol_from_string(const std::string& s) {
    for (const auto sym : {Symbol::terminator, Symbol::process, Symbol::decision, Symbol::connector,
                           Symbol::other, Symbol::mark}) {
        if (s == to_string(sym)) {
            return sym;
        }
    }
    return Symbol::none;
}

} // namespace sopaudit::sop
