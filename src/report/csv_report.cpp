#include "report/csv_report.hpp"

#include "report/json_report.hpp"
#include "report/run_summary.hpp"
#include "report/ui_text.hpp"

namespace sopaudit::report {
namespace {

constexpr const char* k_bom = "\xEF\xBB\xBF";

std::string csv_row(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += csv_field(fields[i]);
    }
    out += "\r\n";
    return out;
}

std::string identity_text(const sop::Sop& sop, const char* key) {
    const auto it = sop.identity.find(key);
    return it == sop.identity.end() ? std::string() : it->second.text;
}

std::string opt_int(const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string();
}

} // namespace

std::string csv_field(std::string_view value) {
    std::string v(value);
    if (!v.empty()) {
        const char c = v[0];
        const bool formula_like =
            c == '=' || c == '+' || c == '@' || c == '\t' || c == '\r' ||
            (c == '-' && v.size() > 1 && !(v[1] >= '0' && v[1] <= '9') && v[1] != ' ');
        if (formula_like) {
            v.insert(v.begin(), '\'');
        }
    }
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
        return v;
    }
    std::string out = "\"";
    for (const char ch : v) {
        if (ch == '"') {
            out += '"';
        }
        out += ch;
    }
    out += '"';
    return out;
}

// Written to a temporary file that replaces the old one at finish(), so Excel never opens half a
// file.
CsvReportWriter::CsvReportWriter(const std::filesystem::path& file, audit::Lang lang)
    : m_out(std::make_unique<AtomicFile>(file)), m_lang(lang) {
    m_out->write(k_bom);
}

CsvReportWriter::~CsvReportWriter() = default;

void CsvReportWriter::row(const std::vector<std::string>& fields) {
    m_out->write(csv_row(fields));
}

void CsvReportWriter::finish() {
    m_out->commit();
}

FindingsCsvWriter::FindingsCsvWriter(const std::filesystem::path& file, audit::Lang lang)
    : CsvReportWriter(file, lang) {
    row({ui(Ui::file, lang), ui(Ui::sop_number, lang), ui(Ui::nomor, lang), ui(Ui::nama, lang),
         ui(Ui::rule, lang), ui(Ui::severity, lang), ui(Ui::field, lang), ui(Ui::step, lang),
         ui(Ui::page, lang), ui(Ui::message, lang)});
}

void FindingsCsvWriter::add(const audit::FileResult& f) {
    for (const auto& finding : f.findings) {
        std::string sop_no, nomor, nama;
        if (const auto& idx = finding.location.sop; idx) {
            sop_no = std::to_string(*idx + 1);
            if (*idx >= 0 && static_cast<std::size_t>(*idx) < f.sops.size()) {
                nomor = identity_text(f.sops[static_cast<std::size_t>(*idx)], "nomor");
                nama = identity_text(f.sops[static_cast<std::size_t>(*idx)], "nama");
            }
        }
        row({f.path, sop_no, nomor, nama, finding.rule, severity_label(finding.severity, lang()),
             finding.location.field.value_or(""), opt_int(finding.location.row),
             opt_int(finding.location.page), finding.message});
    }
}

SopsCsvWriter::SopsCsvWriter(const std::filesystem::path& file, audit::Lang lang)
    : CsvReportWriter(file, lang) {
    std::vector<std::string> header = {ui(Ui::file, lang), ui(Ui::sop_number, lang)};
    for (const char* key : sop::k_identity_keys) {
        header.push_back(field_label(key, lang));
    }
    for (Ui k : {Ui::step_count, Ui::actor_count, Ui::errors, Ui::warnings, Ui::infos}) {
        header.push_back(ui(k, lang));
    }
    row(header);
}

void SopsCsvWriter::add(const audit::FileResult& f) {
    const auto counts = count_findings(f);
    for (std::size_t s = 0; s < f.sops.size(); ++s) {
        const auto& sop = f.sops[s];
        std::vector<std::string> fields = {f.path, std::to_string(s + 1)};
        for (const char* key : sop::k_identity_keys) {
            fields.push_back(identity_text(sop, key));
        }
        fields.push_back(std::to_string(sop.procedure.steps.size()));
        fields.push_back(std::to_string(sop.procedure.actors.size()));
        for (const int n : counts.by_sop[s]) {
            fields.push_back(std::to_string(n));
        }
        row(fields);
    }
}

void write_findings_csv(const std::filesystem::path& file,
                        const std::vector<audit::FileResult>& files, audit::Lang lang) {
    FindingsCsvWriter csv(file, lang);
    for (const auto& f : files) {
        csv.add(f);
    }
    csv.finish();
}

void write_sops_csv(const std::filesystem::path& file, const std::vector<audit::FileResult>& files,
                    audit::Lang lang) {
    SopsCsvWriter csv(file, lang);
    for (const auto& f : files) {
        csv.add(f);
    }
    csv.finish();
}

} // namespace sopaudit::report
