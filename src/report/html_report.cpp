#include "report/html_report.hpp"

#include "report/escape.hpp"
#include "report/ui_text.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace sopaudit::report {
namespace {

using audit::Finding;
using audit::Lang;
using audit::Severity;

constexpr const char* k_css = R"CSS(
:root{--err:#b3261e;--warn:#a15c00;--info:#1f5fa8;--line:#c9ced6;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1f24;background:#fff}
header.top{background:#12355b;color:#fff;padding:14px 24px}
header.top h1{margin:0;font-size:22px}
header.top dl{display:flex;flex-wrap:wrap;gap:4px 24px;margin:6px 0 0}
header.top dt{opacity:.75}
header.top dd{margin:0 0 0 4px}
main{padding:12px 24px 48px;max-width:1400px}
h2{border-bottom:2px solid #12355b;padding-bottom:2px;margin-top:28px}
h3{margin:20px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:130px}
.card b{display:block;font-size:24px}
.card.err b{color:var(--err)}.card.warn b{color:var(--warn)}.card.info b{color:var(--info)}
table{border-collapse:collapse;margin:6px 0 10px}
th,td{border:1px solid var(--line);padding:3px 7px;vertical-align:top;text-align:left}
th{background:#e8ecf2}
td.num,th.num{text-align:right}
td.actor{text-align:center;min-width:44px}
.pre{white-space:pre-wrap}
.missing{color:#6b7280;font-style:italic}
.sev{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px;font-weight:600}
.sev-error{background:var(--err)}.sev-warning{background:var(--warn)}.sev-info{background:var(--info)}
.finding{border-left:4px solid var(--line);background:var(--bg);margin:3px 0;padding:3px 8px}
.finding.error{border-color:var(--err)}.finding.warning{border-color:var(--warn)}.finding.info{border-color:var(--info)}
.finding code{font-weight:600}
.finding .doc{display:block;color:#4b5563;font-size:12px}
.finding .where{color:#4b5563;font-size:12px}
tr.has-finding>td{background:#fff6f5}
tr.finding-row>td{border-top:none;background:#fff}
section.file{border-top:1px solid var(--line);margin-top:24px}
.meta{color:#4b5563}
.back{font-size:12px}
figure{display:inline-block;margin:6px 12px 6px 0;vertical-align:top}
figure img{border:1px solid var(--line);max-width:100%;height:auto}
.legend span{display:inline-block;margin-right:14px}
.sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px;border:2px solid}
#filters{background:var(--bg);border:1px solid var(--line);padding:6px 10px;border-radius:6px;margin:8px 0}
#filters label{margin-right:12px}
svg text{font:12px system-ui,Arial,sans-serif}
)CSS";

// The filters: hide findings (and rule-index entries) whose severity or rule is not selected. The
// page is complete without it: the filter form is hidden until this runs.
constexpr const char* k_script = R"JS(
(function () {
  var form = document.getElementById('filters');
  if (!form || !document.querySelectorAll) { return; }
  form.hidden = false;
  var rule = document.getElementById('rule-filter');
  function apply() {
    var on = {};
    var boxes = form.querySelectorAll('input[name=sev]');
    for (var i = 0; i < boxes.length; i++) { on[boxes[i].value] = boxes[i].checked; }
    var items = document.querySelectorAll('[data-severity]');
    for (var j = 0; j < items.length; j++) {
      var e = items[j];
      var show = on[e.getAttribute('data-severity')] === true &&
                 (rule.value === '' || e.getAttribute('data-rule') === rule.value);
      e.hidden = !show;
    }
  }
  form.addEventListener('change', apply);
  apply();
})();
)JS";

// The script element's whole content, which the Content-Security-Policy allows by its hash: no
// other script (nor an inline event handler) can run, even if markup slipped through.
std::string script_body() {
    return std::string("//<![CDATA[") + k_script + "//]]>";
}

std::string csp_script_hash() {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(script_body());
    const auto& digest = sha.digest();
    std::ostringstream b64;
    Poco::Base64Encoder enc(b64);
    enc.rdbuf()->setLineLength(0);
    enc.write(reinterpret_cast<const char*>(digest.data()),
              static_cast<std::streamsize>(digest.size()));
    enc.close();
    return "sha256-" + b64.str();
}

const char* severity_key(Severity s) {
    return audit::to_string(s);
}

std::string sev_badge(Severity s, Lang lang) {
    return std::string("<span class=\"sev sev-") + severity_key(s) + "\">" +
           esc(severity_label(s, lang)) + "</span>";
}

std::string file_anchor(std::size_t file) {
    return "file-" + std::to_string(file);
}
std::string sop_anchor(std::size_t file, std::size_t sop) {
    return file_anchor(file) + "-sop-" + std::to_string(sop);
}
std::string finding_anchor(std::size_t file, std::size_t k) {
    return "fd-" + std::to_string(file) + "-" + std::to_string(k);
}

bool is_identity_key(const std::string& key) {
    return std::any_of(std::begin(sop::k_identity_keys), std::end(sop::k_identity_keys),
                       [&](const char* k) { return key == k; });
}

// Where a finding points, in words: SOP, step, field, page.
std::string location_text(const audit::Location& loc, Lang lang) {
    std::vector<std::string> parts;
    if (loc.sop) {
        parts.push_back(std::string(ui(Ui::sop, lang)) + " " + std::to_string(*loc.sop + 1));
    }
    if (loc.row) {
        parts.push_back(std::string(ui(Ui::step, lang)) + " " + std::to_string(*loc.row));
    }
    if (loc.field) {
        parts.push_back(field_label(*loc.field, lang));
    }
    if (loc.page) {
        parts.push_back(std::string(ui(Ui::page, lang)) + " " + std::to_string(*loc.page));
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) {
            out += " \xC2\xB7 ";
        }
        out += p;
    }
    return out;
}

// A small inline SVG of a flowchart symbol.
std::string symbol_svg(sop::Symbol s, Lang lang) {
    std::string shape;
    switch (s) {
    case sop::Symbol::terminator:
        shape = R"(<rect x="3" y="6" width="34" height="14" rx="7" ry="7"/>)";
        break;
    case sop::Symbol::process:
        shape = R"(<rect x="5" y="5" width="30" height="16"/>)";
        break;
    case sop::Symbol::decision:
        shape = R"(<polygon points="20,2 36,13 20,24 4,13"/>)";
        break;
    case sop::Symbol::connector:
        shape = R"(<polygon points="8,3 32,3 32,16 20,24 8,16"/>)";
        break;
    case sop::Symbol::other:
        shape = R"(<ellipse cx="20" cy="13" rx="15" ry="9"/>)";
        break;
    case sop::Symbol::mark:
        shape = R"(<polyline points="9,13 17,20 31,5"/>)";
        break;
    case sop::Symbol::none:
        return "";
    }
    const std::string label = esc(symbol_label(s, lang));
    return "<svg class=\"sym\" width=\"40\" height=\"26\" viewBox=\"0 0 40 26\" role=\"img\" "
           "aria-label=\"" +
           label + "\"><title>" + label +
           "</title><g fill=\"#eef3fb\" stroke=\"#12355b\" stroke-width=\"2\">" + shape +
           "</g></svg>";
}

// What the summary's table of files shows of each file.
struct FileRow {
    std::string path;
    std::string status;
    std::size_t sops = 0;
};

struct Context {
    const audit::RuleSet& rules;
    Lang lang;
    const RunSummary& summary;
    const std::vector<FileRow>& rows;        // parallel to the files
    std::map<std::string, int> rule_index;   // rule id -> n of its "rule-n" anchor
    const audit::FileResult* file = nullptr; // the file whose section is being written
};

std::string rule_doc(const Context& ctx, const std::string& rule_id) {
    const auto* rule = ctx.rules.find(rule_id);
    if (!rule) {
        return {};
    }
    std::string out = esc(rule->summary);
    if (!rule->clause.empty() && rule->clause != "-") {
        out += " (" + esc(ui(Ui::clause, ctx.lang)) + ": " + esc(rule->clause) + ")";
    }
    return out;
}

void write_finding(std::ostream& o, const Context& ctx, std::size_t file, std::size_t k) {
    const auto& f = ctx.file->findings[k];
    const auto rule_it = ctx.rule_index.find(f.rule);
    o << "<div class=\"finding " << severity_key(f.severity) << "\" id=\""
      << finding_anchor(file, k) << "\" data-severity=\"" << severity_key(f.severity)
      << "\" data-rule=\"" << esc(f.rule) << "\">" << sev_badge(f.severity, ctx.lang) << " <code>";
    if (rule_it != ctx.rule_index.end()) {
        o << "<a href=\"#rule-" << rule_it->second << "\">" << esc(f.rule) << "</a>";
    } else {
        o << esc(f.rule);
    }
    o << "</code> " << esc(f.message);
    const auto where = location_text(f.location, ctx.lang);
    if (!where.empty()) {
        o << " <span class=\"where\">[" << esc(where) << "]</span>";
    }
    const auto doc = rule_doc(ctx, f.rule);
    if (!doc.empty()) {
        o << "<span class=\"doc\">" << esc(ui(Ui::rule_doc, ctx.lang)) << ": " << doc << "</span>";
    }
    o << "</div>\n";
}

void write_findings_row(std::ostream& o, const Context& ctx, std::size_t file,
                        const std::vector<std::size_t>& ks, int colspan) {
    if (ks.empty()) {
        return;
    }
    o << "<tr class=\"finding-row\"><td colspan=\"" << colspan << "\">";
    for (const auto k : ks) {
        write_finding(o, ctx, file, k);
    }
    o << "</td></tr>\n";
}

std::string value_cell(const std::string& text, Lang lang) {
    if (text.empty()) {
        return "<span class=\"missing\">" + esc(ui(Ui::empty_value, lang)) + "</span>";
    }
    return "<span class=\"pre\">" + esc(text) + "</span>";
}

// The findings of one SOP, sorted by where they belong in its drawing.
struct SopFindings {
    std::map<std::string, std::vector<std::size_t>> by_field; // identity fields
    std::map<int, std::vector<std::size_t>> by_row;           // steps (1-based)
    std::vector<std::size_t> procedure;                       // columns, table-wide
    std::vector<std::size_t> other;
};

SopFindings place_findings(const audit::FileResult& file, std::size_t sop_index) {
    SopFindings out;
    const auto& steps = file.sops[sop_index].procedure.steps;
    for (std::size_t k = 0; k < file.findings.size(); ++k) {
        const auto& loc = file.findings[k].location;
        if (!loc.sop || *loc.sop != static_cast<int>(sop_index)) {
            continue;
        }
        const auto& rule = file.findings[k].rule;
        if (loc.row && *loc.row >= 1 && static_cast<std::size_t>(*loc.row) <= steps.size()) {
            out.by_row[*loc.row].push_back(k);
        } else if (loc.field && is_identity_key(*loc.field) && !loc.row) {
            out.by_field[*loc.field].push_back(k);
        } else if (rule.rfind("procedure-", 0) == 0 || rule.rfind("flowchart-", 0) == 0 ||
                   loc.row) {
            out.procedure.push_back(k);
        } else {
            out.other.push_back(k);
        }
    }
    return out;
}

void write_identity(std::ostream& o, const Context& ctx, std::size_t file, const sop::Sop& sop,
                    SopFindings& placed) {
    const Lang lang = ctx.lang;
    o << "<h4>" << esc(ui(Ui::identity, lang)) << "</h4>\n";
    if (!sop.identity_found) {
        o << "<p class=\"missing\">" << esc(ui(Ui::identity_missing, lang)) << "</p>\n";
    }
    o << "<table class=\"identity\"><thead><tr><th>" << esc(ui(Ui::field, lang)) << "</th><th>"
      << esc(ui(Ui::label_as_written, lang)) << "</th><th>" << esc(ui(Ui::value, lang))
      << "</th></tr></thead><tbody>\n";
    for (const char* key : sop::k_identity_keys) {
        const auto it = sop.identity.find(key);
        auto& ks = placed.by_field[key];
        if (it == sop.identity.end() && ks.empty() && !sop.identity_found) {
            continue; // nothing read and nothing to say: keep the table short
        }
        o << "<tr" << (ks.empty() ? "" : " class=\"has-finding\"") << "><th>"
          << esc(field_label(key, lang)) << "</th>";
        if (it == sop.identity.end()) {
            o << "<td colspan=\"2\" class=\"missing\">" << esc(ui(Ui::field_not_found, lang))
              << "</td>";
        } else {
            const auto& v = it->second;
            o << "<td>" << esc(v.label) << "</td><td>";
            if (std::string(key) == "dasar_hukum" && !sop.dasar_hukum_items.empty()) {
                o << "<ol>";
                for (const auto& item : sop.dasar_hukum_items) {
                    o << "<li>" << esc(item) << "</li>";
                }
                o << "</ol>";
            } else {
                o << value_cell(v.text, lang);
            }
            if (v.confidence < 1.0) {
                o << " <span class=\"meta\">(OCR " << static_cast<int>(v.confidence * 100 + 0.5)
                  << "%)</span>";
            }
            o << "</td>";
        }
        o << "</tr>\n";
        write_findings_row(o, ctx, file, ks, 3);
        ks.clear();
    }
    o << "</tbody></table>\n";
    // Findings on a field key this table does not print.
    for (auto& [key, ks] : placed.by_field) {
        placed.other.insert(placed.other.end(), ks.begin(), ks.end());
        ks.clear();
    }
}

void write_procedure(std::ostream& o, const Context& ctx, std::size_t file, const sop::Sop& sop,
                     const SopFindings& placed) {
    const Lang lang = ctx.lang;
    const auto& proc = sop.procedure;
    o << "<h4>" << esc(ui(Ui::procedure, lang)) << "</h4>\n";
    if (!proc.found && proc.steps.empty()) {
        o << "<p class=\"missing\">" << esc(ui(Ui::procedure_missing, lang)) << "</p>\n";
    }
    if (!placed.procedure.empty()) {
        o << "<div class=\"procedure-findings\">";
        for (const auto k : placed.procedure) {
            write_finding(o, ctx, file, k);
        }
        o << "</div>\n";
    }
    if (proc.steps.empty()) {
        return;
    }
    const int n_actors = static_cast<int>(proc.actors.size());
    const int n_cols = 6 + std::max(n_actors, 1);
    o << "<table class=\"steps\"><thead><tr><th rowspan=\"2\">" << esc(field_label("no", lang))
      << "</th><th rowspan=\"2\">" << esc(field_label("kegiatan", lang)) << "</th><th colspan=\""
      << std::max(n_actors, 1) << "\">" << esc(field_label("pelaksana", lang))
      << "</th><th colspan=\"3\">Mutu Baku</th><th rowspan=\"2\">"
      << esc(field_label("keterangan", lang)) << "</th></tr>\n<tr>";
    if (n_actors == 0) {
        o << "<th class=\"missing\">" << esc(ui(Ui::none, lang)) << "</th>";
    }
    for (const auto& actor : proc.actors) {
        o << "<th>" << esc(actor) << "</th>";
    }
    o << "<th>" << esc(field_label("kelengkapan", lang)) << "</th><th>"
      << esc(field_label("waktu", lang)) << "</th><th>" << esc(field_label("output", lang))
      << "</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < proc.steps.size(); ++i) {
        const auto& step = proc.steps[i];
        const auto row_it = placed.by_row.find(static_cast<int>(i + 1));
        const bool has = row_it != placed.by_row.end();
        o << "<tr" << (has ? " class=\"has-finding\"" : "") << "><td>" << esc(step.no)
          << "</td><td class=\"pre\">" << esc(step.kegiatan) << "</td>";
        std::set<int> marked(step.actor_indices.begin(), step.actor_indices.end());
        for (const auto& name : step.actors) {
            const auto a = std::find(proc.actors.begin(), proc.actors.end(), name);
            if (a != proc.actors.end()) {
                marked.insert(static_cast<int>(a - proc.actors.begin()));
            }
        }
        if (n_actors == 0) {
            o << "<td class=\"actor\">" << symbol_svg(step.symbol, lang) << "</td>";
        }
        for (int a = 0; a < n_actors; ++a) {
            o << "<td class=\"actor\">";
            if (marked.count(a)) {
                o << (step.symbol == sop::Symbol::none ? "&#10003;"
                                                       : symbol_svg(step.symbol, lang));
            }
            o << "</td>";
        }
        o << "<td class=\"pre\">" << esc(step.kelengkapan) << "</td><td class=\"pre\">"
          << esc(step.waktu) << "</td><td class=\"pre\">" << esc(step.output)
          << "</td><td class=\"pre\">" << esc(step.keterangan) << "</td></tr>\n";
        if (has) {
            write_findings_row(o, ctx, file, row_it->second, n_cols);
        }
    }
    o << "</tbody></table>\n";
}

void write_page_images_html(std::ostream& o, const Context& ctx,
                            const std::vector<PageImage>& images) {
    if (images.empty()) {
        return;
    }
    const Lang lang = ctx.lang;
    o << "<h4>" << esc(ui(Ui::page_images, lang)) << "</h4>\n<p class=\"legend\">"
      << "<span><i class=\"sw\" style=\"border-color:#3c8c3c\"></i>"
      << esc(ui(Ui::legend_cell, lang))
      << "</span><span><i class=\"sw\" style=\"border-color:#1f5fa8\"></i>"
      << esc(ui(Ui::legend_symbol, lang))
      << "</span><span><i class=\"sw\" style=\"border-color:#d01c1c\"></i>"
      << esc(ui(Ui::legend_finding, lang)) << "</span></p>\n";
    for (const auto& img : images) {
        const auto alt = std::string(ui(Ui::page, lang)) + " " + std::to_string(img.page);
        o << "<figure><a href=\"" << escape_href_path(img.relative) << "\"><img src=\""
          << escape_href_path(img.relative) << "\" width=\"" << img.width << "\" height=\""
          << img.height << "\" alt=\"" << esc(alt) << "\" loading=\"lazy\"/></a><figcaption>"
          << esc(alt) << "</figcaption></figure>\n";
    }
}

void write_file_section(std::ostream& o, Context& ctx, std::size_t i, const audit::FileResult& file,
                        const std::vector<PageImage>& images) {
    const Lang lang = ctx.lang;
    ctx.file = &file;
    const auto& counts = ctx.summary.per_file[i].by_severity;
    o << "<section class=\"file\" id=\"" << file_anchor(i) << "\">\n<h3>" << esc(file.path)
      << "</h3>\n<p class=\"meta\">" << esc(ui(Ui::format, lang)) << ": " << esc(file.format)
      << " \xC2\xB7 " << esc(ui(Ui::status, lang)) << ": " << esc(status_label(file.status, lang));
    if (!file.method.empty()) {
        o << " \xC2\xB7 " << esc(ui(Ui::method, lang)) << ": " << esc(file.method);
    }
    if (file.pages) {
        o << " \xC2\xB7 " << esc(ui(Ui::pages, lang)) << ": " << *file.pages;
    }
    o << " \xC2\xB7 " << sev_badge(Severity::error, lang) << " " << counts[0] << " "
      << sev_badge(Severity::warning, lang) << " " << counts[1] << " "
      << sev_badge(Severity::info, lang) << " " << counts[2]
      << " \xC2\xB7 <a class=\"back\" href=\"#summary\">" << esc(ui(Ui::back_to_summary, lang))
      << "</a></p>\n";

    std::vector<std::size_t> file_level;
    for (std::size_t k = 0; k < file.findings.size(); ++k) {
        const auto& loc = file.findings[k].location;
        if (!loc.sop || *loc.sop < 0 || static_cast<std::size_t>(*loc.sop) >= file.sops.size()) {
            file_level.push_back(k);
        }
    }
    if (!file_level.empty()) {
        o << "<h4>" << esc(ui(Ui::file_findings, lang)) << "</h4>\n";
        for (const auto k : file_level) {
            write_finding(o, ctx, i, k);
        }
    }
    if (file.sops.empty() && file.status != "failed") {
        o << "<p class=\"missing\">" << esc(ui(Ui::no_sop_found, lang)) << "</p>\n";
    }
    for (std::size_t s = 0; s < file.sops.size(); ++s) {
        const auto& sop = file.sops[s];
        auto placed = place_findings(file, s);
        const auto nama = sop.identity.count("nama") ? sop.identity.at("nama").text : "";
        o << "<article class=\"sop\" id=\"" << sop_anchor(i, s) << "\"><h3>"
          << esc(ui(Ui::sop, lang)) << " " << s + 1;
        if (!nama.empty()) {
            o << ": " << esc(nama);
        }
        o << "</h3>\n";
        write_identity(o, ctx, i, sop, placed);
        write_procedure(o, ctx, i, sop, placed);
        if (!placed.other.empty()) {
            o << "<h4>" << esc(ui(Ui::sop_findings, lang)) << "</h4>\n";
            std::sort(placed.other.begin(), placed.other.end());
            for (const auto k : placed.other) {
                write_finding(o, ctx, i, k);
            }
        }
        o << "</article>\n";
    }
    write_page_images_html(o, ctx, images);
    o << "</section>\n";
}

// Horizontal stacked bars (errors, warnings, info), one per label, each a link.
void write_bar_chart(std::ostream& o, const std::string& title,
                     const std::vector<std::pair<std::string, SeverityCounts>>& bars,
                     const std::vector<std::string>& links) {
    if (bars.empty()) {
        return;
    }
    int max_total = 1;
    for (const auto& [label, c] : bars) {
        max_total = std::max(max_total, total(c));
    }
    const int label_w = 260, bar_w = 420, row_h = 20, width = label_w + bar_w + 60;
    const int height = static_cast<int>(bars.size()) * row_h + 6;
    o << "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\""
      << height << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\""
      << esc(title) << "\"><title>" << esc(title) << "</title>\n";
    static const char* colors[] = {"#b3261e", "#d48a00", "#1f5fa8"};
    for (std::size_t r = 0; r < bars.size(); ++r) {
        const auto& [label, c] = bars[r];
        const int y = static_cast<int>(r) * row_h + 3;
        std::string shown = label.size() > 40 ? label.substr(0, 38) + "\xE2\x80\xA6" : label;
        o << "<a href=\"" << esc(links[r]) << "\"><text x=\"" << label_w - 6 << "\" y=\"" << y + 13
          << "\" text-anchor=\"end\">" << esc(shown) << "</text>";
        double x = label_w;
        for (int s = 0; s < 3; ++s) {
            if (c[static_cast<std::size_t>(s)] == 0) {
                continue;
            }
            const double w =
                static_cast<double>(bar_w) * c[static_cast<std::size_t>(s)] / max_total;
            o << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << w << "\" height=\""
              << row_h - 5 << "\" fill=\"" << colors[s] << "\"/>";
            x += w;
        }
        o << "<text x=\"" << x + 4 << "\" y=\"" << y + 13 << "\">" << total(c) << "</text></a>\n";
    }
    o << "</svg></figure>\n";
}

void write_counts_table(std::ostream& o, Lang lang, const std::string& first_header,
                        const std::vector<std::pair<std::string, SeverityCounts>>& rows,
                        const std::vector<std::string>& links) {
    o << "<table><thead><tr><th>" << esc(first_header) << "</th><th class=\"num\">"
      << esc(ui(Ui::errors, lang)) << "</th><th class=\"num\">" << esc(ui(Ui::warnings, lang))
      << "</th><th class=\"num\">" << esc(ui(Ui::infos, lang)) << "</th></tr></thead><tbody>\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& [label, c] = rows[r];
        o << "<tr><td>";
        if (!links[r].empty()) {
            o << "<a href=\"" << esc(links[r]) << "\">" << esc(label) << "</a>";
        } else {
            o << esc(label);
        }
        o << "</td><td class=\"num\">" << c[0] << "</td><td class=\"num\">" << c[1]
          << "</td><td class=\"num\">" << c[2] << "</td></tr>\n";
    }
    o << "</tbody></table>\n";
}

void write_summary(std::ostream& o, Context& ctx) {
    const Lang lang = ctx.lang;
    const auto& s = ctx.summary;
    o << "<section id=\"summary\"><h2>" << esc(ui(Ui::summary, lang))
      << "</h2>\n<div class=\"cards\">";
    auto card = [&](const char* cls, Ui label, int n) {
        o << "<div class=\"card " << cls << "\"><b>" << n << "</b>" << esc(ui(label, lang))
          << "</div>";
    };
    card("", Ui::files, s.files);
    card("", Ui::files_comply, s.files_without_errors);
    card("", Ui::sops, s.sops);
    card("", Ui::sops_comply, s.sops_without_errors);
    card("err", Ui::errors, s.findings[0]);
    card("warn", Ui::warnings, s.findings[1]);
    card("info", Ui::infos, s.findings[2]);
    o << "</div>\n";

    // Rules, worst first (most findings), then by id.
    std::vector<std::pair<std::string, SeverityCounts>> rules(s.by_rule.begin(), s.by_rule.end());
    std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
        return total(a.second) > total(b.second);
    });
    std::vector<std::string> rule_links;
    for (const auto& [id, c] : rules) {
        rule_links.push_back("#rule-" + std::to_string(ctx.rule_index.at(id)));
    }
    o << "<h3>" << esc(ui(Ui::by_rule, lang)) << "</h3>\n";
    write_bar_chart(o, ui(Ui::chart_by_rule, lang), rules, rule_links);
    write_counts_table(o, lang, ui(Ui::rule, lang), rules, rule_links);

    std::vector<std::pair<std::string, SeverityCounts>> folders;
    std::vector<std::string> folder_links;
    for (const auto& [folder, c] : s.by_folder) {
        folders.emplace_back(folder.empty() ? ui(Ui::root_folder, lang) : folder, c);
        folder_links.emplace_back("#files");
    }
    o << "<h3>" << esc(ui(Ui::by_folder, lang)) << "</h3>\n";
    write_bar_chart(o, ui(Ui::chart_by_folder, lang), folders, folder_links);
    write_counts_table(o, lang, ui(Ui::folder, lang), folders, folder_links);

    o << "<h3 id=\"files\">" << esc(ui(Ui::worst_files, lang)) << "</h3>\n<table><thead><tr><th>"
      << esc(ui(Ui::file, lang)) << "</th><th>" << esc(ui(Ui::folder, lang)) << "</th><th>"
      << esc(ui(Ui::status, lang)) << "</th><th class=\"num\">" << esc(ui(Ui::sops, lang))
      << "</th><th class=\"num\">" << esc(ui(Ui::errors, lang)) << "</th><th class=\"num\">"
      << esc(ui(Ui::warnings, lang)) << "</th><th class=\"num\">" << esc(ui(Ui::infos, lang))
      << "</th></tr></thead><tbody>\n";
    for (const auto i : s.worst_first) {
        const auto& f = ctx.rows[i];
        const auto& c = s.per_file[i].by_severity;
        const auto folder = folder_of(f.path);
        o << "<tr><td><a href=\"#" << file_anchor(i) << "\">" << esc(f.path) << "</a></td><td>"
          << esc(folder.empty() ? ui(Ui::root_folder, lang) : folder) << "</td><td>"
          << esc(status_label(f.status, lang)) << "</td><td class=\"num\">" << f.sops
          << "</td><td class=\"num\">" << c[0] << "</td><td class=\"num\">" << c[1]
          << "</td><td class=\"num\">" << c[2] << "</td></tr>\n";
    }
    o << "</tbody></table>\n</section>\n";
}

// One entry of the rule index: finding k of file i, linked.
std::string rule_index_item(const audit::FileResult& file, std::size_t i, std::size_t k,
                            Lang lang) {
    const auto& f = file.findings[k];
    std::ostringstream o;
    o << "<li data-severity=\"" << severity_key(f.severity) << "\" data-rule=\"" << esc(f.rule)
      << "\">" << sev_badge(f.severity, lang) << " <a href=\"#" << finding_anchor(i, k) << "\">"
      << esc(file.path);
    const auto where = location_text(f.location, lang);
    if (!where.empty()) {
        o << " [" << esc(where) << "]";
    }
    o << "</a>: " << esc(f.message) << "</li>\n";
    return std::move(o).str();
}

// Every finding of each rule, linked: summary -> rule -> finding is two clicks. The entries were
// printed as the files came (rule_index_item) and wait in the spool.
void write_rule_index(std::ostream& o, const Context& ctx, const SpoolFile& spool,
                      const std::map<std::string, std::vector<SpoolFile::Span>>& items) {
    const Lang lang = ctx.lang;
    o << "<section id=\"rules\"><h2>" << esc(ui(Ui::findings_of_rule, lang)) << "</h2>\n";
    for (const auto& [id, n] : ctx.rule_index) {
        o << "<section class=\"rule\" id=\"rule-" << n << "\"><h3><code>" << esc(id)
          << "</code></h3>\n";
        const auto doc = rule_doc(ctx, id);
        if (!doc.empty()) {
            o << "<p class=\"meta\">" << doc << "</p>\n";
        }
        o << "<ul>\n";
        if (const auto it = items.find(id); it != items.end()) {
            for (const auto& span : it->second) {
                o << spool.read(span);
            }
        }
        o << "</ul></section>\n";
    }
    o << "<p><a class=\"back\" href=\"#summary\">" << esc(ui(Ui::back_to_summary, lang))
      << "</a></p></section>\n";
}

void write_filters(std::ostream& o, const Context& ctx) {
    const Lang lang = ctx.lang;
    o << "<form id=\"filters\" hidden=\"hidden\"><b>" << esc(ui(Ui::filter, lang)) << ":</b> ";
    for (const auto s : {Severity::error, Severity::warning, Severity::info}) {
        o << "<label><input type=\"checkbox\" name=\"sev\" value=\"" << severity_key(s)
          << "\" checked=\"checked\"/> " << esc(severity_label(s, lang)) << "</label>";
    }
    o << "<label>" << esc(ui(Ui::filter_rule, lang))
      << " <select id=\"rule-filter\"><option value=\"\">" << esc(ui(Ui::filter_all, lang))
      << "</option>";
    for (const auto& [id, n] : ctx.rule_index) {
        o << "<option value=\"" << esc(id) << "\">" << esc(id) << "</option>";
    }
    o << "</select></label></form>\n<noscript><p class=\"meta\">" << esc(ui(Ui::filter_hint, lang))
      << "</p></noscript>\n";
}

} // namespace

struct HtmlReportWriter::Rows {
    std::vector<FileRow> rows;
};

HtmlReportWriter::HtmlReportWriter(const std::filesystem::path& spool_dir,
                                   const audit::RuleSet& rules, Lang lang, unsigned workers)
    : m_rules(rules), m_lang(lang),
      m_workers(workers != 0 ? workers : std::max(1u, std::thread::hardware_concurrency())),
      m_items_spool(spool_dir, spool_dir / "index.html"), m_rows(std::make_unique<Rows>()) {}

HtmlReportWriter::~HtmlReportWriter() = default;

void HtmlReportWriter::add(const audit::FileResult& file) {
    const std::size_t i = m_rows->rows.size();
    m_rows->rows.push_back({file.path, file.status, file.sops.size()});
    add_to_summary(m_summary, file);
    for (std::size_t k = 0; k < file.findings.size(); ++k) {
        m_items[file.findings[k].rule].push_back(
            m_items_spool.append(rule_index_item(file, i, k, m_lang)));
    }
}

void HtmlReportWriter::write(const RunInfo& run, const FileAt& file_at, const ImagesOf& images_of,
                             const std::function<void(std::string_view)>& out) {
    std::vector<std::string> paths;
    paths.reserve(m_rows->rows.size());
    for (const auto& r : m_rows->rows) {
        paths.push_back(r.path);
    }
    order_worst_first(m_summary, paths);
    std::vector<std::string>().swap(paths);
    const Lang lang = m_lang;
    const auto& rules = m_rules;
    Context ctx{rules, lang, m_summary, m_rows->rows, {}, nullptr};
    int n = 0;
    for (const auto& [id, c] : m_summary.by_rule) {
        ctx.rule_index[id] = n++;
    }
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\""
      << (lang == Lang::en ? "en" : "id") << "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "img-src 'self' file: data:; style-src 'unsafe-inline'; script-src '"
      << csp_script_hash() << "'\"/>\n"
      << "<title>" << esc(ui(Ui::title, lang)) << "</title>\n<style>/*<![CDATA[*/" << k_css
      << "/*]]>*/</style>\n</head>\n<body>\n<header class=\"top\"><h1>" << esc(ui(Ui::title, lang))
      << "</h1><dl><dt>" << esc(ui(Ui::ruleset, lang)) << "</dt><dd>"
      << esc(run.ruleset_id.empty() ? rules.id() : run.ruleset_id) << " "
      << esc(run.ruleset_version.empty() ? rules.version() : run.ruleset_version) << "</dd><dt>"
      << esc(ui(Ui::started, lang)) << "</dt><dd>" << esc(run.started_at) << "</dd><dt>"
      << esc(ui(Ui::finished, lang)) << "</dt><dd>" << esc(run.finished_at) << "</dd><dt>"
      << esc(ui(Ui::inputs, lang)) << "</dt><dd>";
    for (std::size_t i = 0; i < run.inputs.size(); ++i) {
        o << (i ? ", " : "") << esc(run.inputs[i]);
    }
    o << "</dd><dt>" << esc(ui(Ui::tool, lang)) << "</dt><dd>sopaudit " << esc(run.tool_version)
      << "</dd></dl></header>\n<main>\n";
    write_filters(o, ctx);
    write_summary(o, ctx);
    o << "<section id=\"details\"><h2>" << esc(ui(Ui::all_files, lang)) << "</h2>\n";
    out(o.view());
    o.str({});
    // The sections, worst file first: a window of them rendered side by side (each thread with
    // its own context), then printed in order, so memory holds a window, not the run.
    const auto& order = m_summary.worst_first;
    const std::size_t n_threads =
        std::clamp<std::size_t>(m_workers, 1, std::max<std::size_t>(1, order.size()));
    const std::size_t window = 8 * n_threads;
    for (std::size_t start = 0; start < order.size(); start += window) {
        const std::size_t end = std::min(order.size(), start + window);
        std::vector<std::string> sections(end - start);
        std::atomic<std::size_t> next{start};
        std::mutex error_mutex;
        std::exception_ptr error;
        auto render = [&] {
            Context own = ctx;
            try {
                for (std::size_t k = next++; k < end; k = next++) {
                    const auto i = order[k];
                    const audit::FileResult file = file_at(i);
                    std::ostringstream section;
                    write_file_section(section, own, i, file, images_of(i, file));
                    sections[k - start] = std::move(section).str();
                }
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) {
                    error = std::current_exception();
                }
                next = end;
            }
        };
        std::vector<std::thread> threads;
        for (std::size_t t = 1; t < std::min(n_threads, end - start); ++t) {
            threads.emplace_back(render);
        }
        render();
        for (auto& t : threads) {
            t.join();
        }
        if (error) {
            std::rethrow_exception(error);
        }
        for (const auto& section : sections) {
            out(section);
        }
    }
    o << "</section>\n";
    write_rule_index(o, ctx, m_items_spool, m_items);
    o << "</main>\n<script>" << script_body() << "</script>\n</body>\n</html>\n";
    out(o.view());
}

std::string render_html(const std::vector<audit::FileResult>& files, const audit::RuleSet& rules,
                        Lang lang, const RunInfo& run,
                        const std::vector<std::vector<PageImage>>& page_images) {
    HtmlReportWriter writer(std::filesystem::temp_directory_path(), rules, lang);
    for (const auto& f : files) {
        writer.add(f);
    }
    std::string page;
    writer.write(
        run, [&](std::size_t i) { return files[i]; },
        [&](std::size_t i, const audit::FileResult&) {
            return i < page_images.size() ? page_images[i] : std::vector<PageImage>{};
        },
        [&](std::string_view bytes) { page.append(bytes); });
    return page;
}

void write_html(const std::filesystem::path& out_dir, const std::vector<audit::FileResult>& files,
                const audit::RuleSet& rules, Lang lang, const RunInfo& run,
                const HtmlOptions& options) {
    std::filesystem::create_directories(out_dir);
    HtmlReportWriter writer(out_dir, rules, lang, options.workers);
    for (const auto& f : files) {
        writer.add(f);
    }
    AtomicFile page(out_dir / "index.html");
    writer.write(
        run, [&](std::size_t i) { return files[i]; },
        [&](std::size_t, const audit::FileResult& file) {
            return options.page_images ? write_page_images(out_dir, file, options.images)
                                       : std::vector<PageImage>{};
        },
        [&](std::string_view bytes) { page.write(bytes); });
    page.commit();
}

} // namespace sopaudit::report
