#pragma once
// Every string the human-readable reports print (HTML, CSV headers, generated DOCX labels), in
// Indonesian and English, in one table.

#include "audit/finding.hpp"
#include "audit/rule_set.hpp"
#include "sop/sop_model.hpp"

#include <string>

namespace sopaudit::report {

enum class Ui {
    title,
    run,
    started,
    finished,
    ruleset,
    inputs,
    tool,
    summary,
    files,
    sops,
    sops_comply,
    files_comply,
    findings,
    by_severity,
    by_rule,
    by_folder,
    worst_files,
    all_files,
    folder,
    root_folder,
    file,
    format,
    status,
    method,
    pages,
    rule,
    severity,
    message,
    location,
    field,
    step,
    page,
    count,
    clause,
    rule_doc,
    sop,
    no_sop_found,
    identity,
    identity_missing,
    procedure,
    procedure_missing,
    legal_basis,
    field_not_found,
    empty_value,
    actors,
    symbol,
    file_findings,
    sop_findings,
    procedure_findings,
    page_images,
    filter,
    filter_all,
    filter_rule,
    filter_hint,
    back_to_summary,
    findings_of_rule,
    none,
    error,
    warning,
    info,
    yes,
    no,
    status_audited,
    status_unchanged,
    status_failed,
    symbol_terminator,
    symbol_process,
    symbol_decision,
    symbol_connector,
    symbol_other,
    symbol_mark,
    symbol_none,
    legend,
    legend_cell,
    legend_symbol,
    legend_finding,
    nomor,
    nama,
    sop_number,
    errors,
    warnings,
    infos,
    step_count,
    actor_count,
    rules_section,
    chart_by_rule,
    chart_by_folder,
    table_column,
    converted_from,
    label_as_written,
    value,
    count_ // keep last
};

const char* ui(Ui key, audit::Lang lang);

// The label of an identity field key (sop-ap-format.md §1.1) or a procedure column key (§1.2).
std::string field_label(const std::string& key, audit::Lang lang);

const char* severity_label(audit::Severity s, audit::Lang lang);
const char* symbol_label(sop::Symbol s, audit::Lang lang);
// Schema value of a symbol ("terminator" ...; "" for none).
const char* symbol_key(sop::Symbol s);
const char* status_label(const std::string& status, audit::Lang lang);

} // namespace sopaudit::report
