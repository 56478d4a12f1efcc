#pragma once
// Reads a Word (OOXML) file into the layout model with libzip and libxml2, safely: no network,
// no external entities, no DOCTYPE, bounded sizes, ratios and depth.

#include "ingest/ingest.hpp"
#include "layout/layout.hpp"

#include <filesystem>
#include <string>

namespace sopaudit::docx {

layout::ReadResult read_docx(const std::filesystem::path& file, const ingest::Limits& limits);
// The same from bytes in memory (fuzzing, tests).
layout::ReadResult read_docx_bytes(const std::string& bytes, const ingest::Limits& limits);

} // namespace sopaudit::docx
