// libFuzzer target: content sniffing (zip directory and OOXML relationships, OLE compound file
// directory, magic numbers). It runs on every file of the folder before any reader.
#include "ingest/ingest.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    auto format = sopaudit::ingest::sniff_bytes(bytes);
    if (size == 0 && format != sopaudit::ingest::Format::empty)
        __builtin_trap();
    (void)sopaudit::ingest::to_string(format);
    return 0;
}
