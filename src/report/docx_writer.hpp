#pragma once
// Writes one SOP as a new Word file in the standard SOP AP layout (sop-ap-format.md §1): the
// identity table (instansi left, label/value rows right, the six-box grid below), then the
// procedure table with its two-row repeated header and the flowchart drawn as DrawingML shapes
// in the actor columns, joined by connector arrows. The office gets an editable, standard SOP to
// correct instead of retyping it; what the source lacked stays empty, so the audit still says so.

#include "audit/file_result.hpp"
#include "sop/sop_model.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sopaudit::report {

struct StandardDocxOptions {
    std::string source_name; // printed in a small note under the procedure ("" = no note)
};

// The main part (word/document.xml) of the standard layout.
std::string standard_document_xml(const sop::Sop& sop, const StandardDocxOptions& options = {});

// Writes the whole package with libzip (atomically: a temporary file renamed over path).
// Throws std::runtime_error when it cannot write.
void write_standard_docx(const sop::Sop& sop, const std::filesystem::path& path,
                         const StandardDocxOptions& options = {});

// `sopaudit convert`: one standard DOCX per SOP of a read file, out_dir/<stem>-sop<n>.docx
// (n 1-based), never overwriting a file written earlier in the same call (taken names get
// "-2", "-3" ...). Returns the files written.
std::vector<std::filesystem::path> write_standard_docx_files(const audit::FileResult& file,
                                                             const std::filesystem::path& out_dir,
                                                             std::vector<std::string>& taken);

// The symbol the standard layout draws for a step: terminators at the first and the last step,
// decisions and off-page connectors kept, every other mark or shape a process box; none when the
// step has no actor (nothing is invented).
sop::Symbol standard_symbol(const sop::Procedure& procedure, std::size_t step);

} // namespace sopaudit::report
