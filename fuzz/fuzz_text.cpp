// libFuzzer target: the text-level parsers every field value goes through — dates, NIP,
// citations of regulations, Dasar Hukum list splitting, label folding — and the rule set's
// register-number pattern (identity-nomor-format), applied the way audit/checks.cpp applies it.
#include "common/citation.hpp"
#include "common/date_parse.hpp"
#include "common/fuzzy.hpp"
#include "common/nip.hpp"
#include "common/text.hpp"

#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>

namespace {

// The pattern of rules/permenpan-35-2012.json (identity-nomor-format), kept in step by
// tests/hostile/: a field value reaches it unchanged.
const char* kNomorPattern = R"(^[A-Za-z0-9][A-Za-z0-9.\-]*(\s*/\s*[A-Za-z0-9][A-Za-z0-9.\- ]*){2,}$)";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sopaudit::common;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const auto date = parse_date(text);
    if (date.status == DateStatus::ok) {
        if (!date.date || !is_real_date(date.date->year, date.date->month, date.date->day))
            __builtin_trap(); // "ok" must mean a real date
        (void)date.date->iso();
    }
    if (auto nip = find_nip(text)) {
        const auto check = check_nip(*nip);
        if (check.kind == NipKind::nip && nip->size() != 18)
            __builtin_trap();
    }
    (void)check_nip(text);
    for (const auto& item : split_list_items(text)) {
        const auto c = parse_citation(item, default_citation_kinds());
        if (c.recognized && c.kind.empty())
            __builtin_trap();
        (void)canonical_number(c.number);
    }
    const auto folded = fold_label(text);
    (void)fuzzy_equal(folded, "tanggal pembuatan");
    (void)month_from_name(text);
    (void)fold_space(text);

    // Bounded input only: libstdc++'s std::regex recurses once per character and overflows
    // the stack on long values (see the hostile corpus, long-fields.docx); the product must cap
    // the value before matching, and this checks the pattern below that cap.
    if (size <= 256) {
        static const std::regex nomor(kNomorPattern);
        (void)std::regex_match(std::string(text), nomor);
    }
    return 0;
}
