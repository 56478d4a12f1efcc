// libFuzzer target: the DOCX reader, bytes -> zip -> XML -> layout model.
// Small limits so the fuzzer explores the guards (sizes, ratio, depth) rather than spending its
// time inflating large members.
#include "docx/docx_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const sopaudit::ingest::Limits limits = [] {
        sopaudit::ingest::Limits l;
        l.max_uncompressed_bytes = 4u << 20;
        l.max_member_bytes = 2u << 20;
        l.max_xml_depth = 256;
        return l;
    }();
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    auto result = sopaudit::docx::read_docx_bytes(bytes, limits);
    // A failed read must say why; a model must be internally consistent.
    if (result.failed && result.problems.empty())
        __builtin_trap();
    for (const auto& t : result.document.tables)
        for (const auto& c : t.cells)
            if (c.row < 0 || c.col < 0 || c.row >= t.n_rows || c.col >= t.n_cols)
                __builtin_trap();
    return 0;
}
