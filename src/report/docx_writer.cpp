#include "report/docx_writer.hpp"

#include "common/text.hpp"
#include "report/escape.hpp"
#include "report/json_report.hpp"
#include "report/ui_text.hpp"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>
#include <zip.h>

namespace sopaudit::report {
namespace {

// Every number below is in twips (1/20 pt) unless its name says EMU (1 twip = 635 EMU).
constexpr int k_page_w = 16838, k_page_h = 11906, k_margin = 720; // A4 landscape
constexpr int k_text_w = k_page_w - 2 * k_margin;
constexpr int k_cell_margin = 108;  // Word's default left/right cell margin
constexpr std::int64_t k_emu = 635; // EMU per twip
constexpr int k_line_h = 250;       // one 10 pt line with spacing
constexpr int k_symbol_h = 400;
constexpr int k_min_step_row = 820; // room for a symbol and the arrow stubs

const char* k_ns =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::string line;
    for (const char c : text) {
        if (c == '\n') {
            out.push_back(line);
            line.clear();
        } else if (c != '\r') {
            line += c;
        }
    }
    out.push_back(line);
    return out;
}

// Lines a text takes in a column of the given width (10 pt: about 100 twips a character, counted
// generously so the estimate is rather too tall than too short).
int line_count(const std::string& text, int width) {
    const int per_line = std::max(4, (width - 2 * k_cell_margin) / 105);
    int n = 0;
    for (const auto& line : lines_of(text)) {
        // UTF-8 continuation bytes are not characters.
        const auto chars = std::count_if(line.begin(), line.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        });
        n += std::max<int>(1, static_cast<int>((chars + per_line - 1) / per_line));
    }
    return n;
}

std::string run(const std::string& text, bool bold = false, int half_points = 20) {
    std::ostringstream o;
    o << "<w:r><w:rPr>" << (bold ? "<w:b/>" : "") << "<w:sz w:val=\"" << half_points
      << "\"/></w:rPr><w:t xml:space=\"preserve\">" << esc(text) << "</w:t></w:r>";
    return o.str();
}

std::string paragraph(const std::string& text, bool bold = false, const char* align = nullptr,
                      const std::string& extra_runs = {}) {
    std::ostringstream o;
    o << "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/>";
    if (align) {
        o << "<w:jc w:val=\"" << align << "\"/>";
    }
    o << "</w:pPr>" << extra_runs;
    if (!text.empty()) {
        o << run(text, bold);
    }
    o << "</w:p>";
    return o.str();
}

// One paragraph per line of text (an empty text gives one empty paragraph: a cell needs one).
std::string paragraphs(const std::string& text, bool bold = false, const char* align = nullptr) {
    std::string out;
    for (const auto& line : lines_of(text)) {
        out += paragraph(line, bold, align);
    }
    return out;
}

struct CellProps {
    int width = 0;
    int span = 1;
    const char* vmerge = nullptr; // "restart" or "continue"
    bool shaded = false;
    bool center = false;
};

std::string cell(const CellProps& p, const std::string& content) {
    std::ostringstream o;
    o << "<w:tc><w:tcPr><w:tcW w:w=\"" << p.width << "\" w:type=\"dxa\"/>";
    if (p.span > 1) {
        o << "<w:gridSpan w:val=\"" << p.span << "\"/>";
    }
    if (p.vmerge) {
        o << "<w:vMerge w:val=\"" << p.vmerge << "\"/>";
    }
    if (p.shaded) {
        o << "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>";
    }
    if (p.center) {
        o << "<w:vAlign w:val=\"center\"/>";
    }
    o << "</w:tcPr>" << (content.empty() ? paragraph("") : content) << "</w:tc>";
    return o.str();
}

std::string table_start(const std::vector<int>& grid) {
    std::ostringstream o;
    int total = 0;
    for (const int w : grid) {
        total += w;
    }
    o << "<w:tbl><w:tblPr><w:tblW w:w=\"" << total << "\" w:type=\"dxa\"/>"
      << "<w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        o << "<w:" << side << " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
    }
    o << "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (const int w : grid) {
        o << "<w:gridCol w:w=\"" << w << "\"/>";
    }
    o << "</w:tblGrid>";
    return o.str();
}

std::string field_text(const sop::Sop& sop, const std::string& key) {
    const auto it = sop.identity.find(key);
    return it == sop.identity.end() ? std::string() : it->second.text;
}

// The identity section: instansi on the left over the label/value rows, the six-box grid below.
std::string identity_table(const sop::Sop& sop) {
    const int c0 = 5500, c1 = k_text_w / 2 - c0, c2 = k_text_w - c0 - c1;
    std::ostringstream o;
    o << table_start({c0, c1, c2});
    static const char* rows[] = {"nomor",           "tanggal_pembuatan", "tanggal_revisi",
                                 "tanggal_efektif", "disahkan_oleh",     "nama"};
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        o << "<w:tr>";
        if (i == 0) {
            o << cell({c0, 1, "restart", false, true},
                      paragraphs(field_text(sop, "instansi"), true, "center"));
        } else {
            o << cell({c0, 1, "continue", false, false}, "");
        }
        o << cell({c1, 1, nullptr, true, false},
                  paragraph(field_label(rows[i], audit::Lang::id), true))
          << cell({c2, 1, nullptr, false, false}, paragraphs(field_text(sop, rows[i])))
          << "</w:tr>";
    }
    static const char* grid[][2] = {{"dasar_hukum", "kualifikasi_pelaksana"},
                                    {"keterkaitan", "peralatan_perlengkapan"},
                                    {"peringatan", "pencatatan_pendataan"}};
    for (const auto& pair : grid) {
        o << "<w:tr>"
          << cell({c0 + c1, 2, nullptr, true, false},
                  paragraph(field_label(pair[0], audit::Lang::id), true))
          << cell({c2, 1, nullptr, true, false},
                  paragraph(field_label(pair[1], audit::Lang::id), true))
          << "</w:tr><w:tr>";
        for (int side = 0; side < 2; ++side) {
            const std::string key = pair[side];
            std::string content;
            if (key == "dasar_hukum" && !sop.dasar_hukum_items.empty()) {
                for (std::size_t n = 0; n < sop.dasar_hukum_items.size(); ++n) {
                    content += paragraph(std::to_string(n + 1) + ". " + sop.dasar_hukum_items[n]);
                }
            } else {
                content = paragraphs(field_text(sop, key));
            }
            o << cell({side == 0 ? c0 + c1 : c2, side == 0 ? 2 : 1, nullptr, false, false},
                      content);
        }
        o << "</w:tr>";
    }
    o << "</w:tbl>";
    return o.str();
}

const char* preset_of(sop::Symbol s) {
    switch (s) {
    case sop::Symbol::terminator:
        return "flowChartTerminator";
    case sop::Symbol::decision:
        return "flowChartDecision";
    case sop::Symbol::connector:
        return "flowChartOffpageConnector";
    default:
        return "flowChartProcess";
    }
}

class Drawing {
public:
    // A floating shape, positioned relative to the anchoring cell's column and paragraph.
    std::string anchor(std::int64_t x_emu, std::int64_t y_emu, std::int64_t cx, std::int64_t cy,
                       const std::string& wsp) {
        const int id = ++m_id;
        std::ostringstream o;
        o << "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
          << "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" "
             "relativeHeight=\""
          << 251658240 + id
          << "\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
          << "<wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\"><wp:posOffset>"
          << x_emu << "</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\">"
          << "<wp:posOffset>" << y_emu << "</wp:posOffset></wp:positionV><wp:extent cx=\"" << cx
          << "\" cy=\"" << cy << "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
          << "<wp:wrapNone/><wp:docPr id=\"" << id << "\" name=\"Shape " << id << "\"/>"
          << "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
             "uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
          << wsp << "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
          << "</mc:AlternateContent></w:r>";
        return o.str();
    }

    static std::string symbol(sop::Symbol s, std::int64_t cx, std::int64_t cy) {
        std::ostringstream o;
        o << "<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" << cx
          << "\" cy=\"" << cy << "\"/></a:xfrm><a:prstGeom prst=\"" << preset_of(s)
          << "\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill>"
          << "<a:ln w=\"12700\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill></a:ln>"
          << "</wps:spPr><wps:bodyPr/></wps:wsp>";
        return o.str();
    }

    static std::string arrow(std::int64_t cx, std::int64_t cy, bool flip_h) {
        std::ostringstream o;
        o << "<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm" << (flip_h ? " flipH=\"1\"" : "")
          << "><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" << cx << "\" cy=\"" << cy
          << "\"/></a:xfrm><a:prstGeom prst=\"straightConnector1\"><a:avLst/></a:prstGeom>"
          << "<a:noFill/><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill>"
          << "<a:tailEnd type=\"triangle\"/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>";
        return o.str();
    }

private:
    int m_id = 0;
};

// The actor columns of each step (indices into Procedure::actors), as the model gives them.
std::vector<int> actor_columns(const sop::Procedure& proc, const sop::Step& step) {
    std::set<int> cols;
    for (const int a : step.actor_indices) {
        if (a >= 0 && a < static_cast<int>(proc.actors.size())) {
            cols.insert(a);
        }
    }
    for (const auto& name : step.actors) {
        const auto it = std::find(proc.actors.begin(), proc.actors.end(), name);
        if (it != proc.actors.end()) {
            cols.insert(static_cast<int>(it - proc.actors.begin()));
        }
    }
    return {cols.begin(), cols.end()};
}

std::string procedure_table(const sop::Sop& sop) {
    const auto& proc = sop.procedure;
    const int n_actors = std::max<int>(1, static_cast<int>(proc.actors.size()));
    // Wide enough for "Keterangan" in bold and "30 menit" on one line (checked in LibreOffice).
    const int w_no = 600, w_kelengkapan = 1700, w_waktu = 1300, w_output = 1500, w_ket = 1600;
    int w_kegiatan = 3400;
    int w_actor =
        (k_text_w - w_no - w_kegiatan - w_kelengkapan - w_waktu - w_output - w_ket) / n_actors;
    if (w_actor < 900) {
        w_actor = 900;
        w_kegiatan = std::max(2400, k_text_w - w_no - w_kelengkapan - w_waktu - w_output - w_ket -
                                        n_actors * w_actor);
    }
    std::vector<int> grid = {w_no, w_kegiatan};
    grid.insert(grid.end(), static_cast<std::size_t>(n_actors), w_actor);
    for (const int w : {w_kelengkapan, w_waktu, w_output, w_ket}) {
        grid.push_back(w);
    }
    std::ostringstream o;
    o << table_start(grid);
    const char* header_row = "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
    o << header_row << cell({w_no, 1, "restart", true, true}, paragraph("No", true, "center"))
      << cell({w_kegiatan, 1, "restart", true, true}, paragraph("Kegiatan", true, "center"))
      << cell({w_actor * n_actors, n_actors, nullptr, true, true},
              paragraph("Pelaksana", true, "center"))
      << cell({w_kelengkapan + w_waktu + w_output, 3, nullptr, true, true},
              paragraph("Mutu Baku", true, "center"))
      << cell({w_ket, 1, "restart", true, true}, paragraph("Keterangan", true, "center"))
      << "</w:tr>";
    o << header_row << cell({w_no, 1, "continue", true, false}, "")
      << cell({w_kegiatan, 1, "continue", true, false}, "");
    for (int a = 0; a < n_actors; ++a) {
        const std::string name = a < static_cast<int>(proc.actors.size())
                                     ? proc.actors[static_cast<std::size_t>(a)]
                                     : "";
        o << cell({w_actor, 1, nullptr, true, true}, paragraphs(name, true, "center"));
    }
    o << cell({w_kelengkapan, 1, nullptr, true, true}, paragraph("Kelengkapan", true, "center"))
      << cell({w_waktu, 1, nullptr, true, true}, paragraph("Waktu", true, "center"))
      << cell({w_output, 1, nullptr, true, true}, paragraph("Output", true, "center"))
      << cell({w_ket, 1, "continue", true, false}, "") << "</w:tr>";

    // Row heights first: the arrows from one symbol to the next need them.
    std::vector<int> heights;
    for (const auto& step : proc.steps) {
        int lines = 1;
        lines = std::max(lines, line_count(step.no, w_no));
        lines = std::max(lines, line_count(step.kegiatan, w_kegiatan));
        lines = std::max(lines, line_count(step.kelengkapan, w_kelengkapan));
        lines = std::max(lines, line_count(step.waktu, w_waktu));
        lines = std::max(lines, line_count(step.output, w_output));
        lines = std::max(lines, line_count(step.keterangan, w_ket));
        heights.push_back(std::max(k_min_step_row, lines * k_line_h + 120));
    }
    const int symbol_w = std::min(w_actor - 2 * k_cell_margin - 120, 1100);
    // Horizontal positions in twips from the left edge of the first actor column; a shape's
    // offset is relative to the text area of the cell anchoring it (its left edge plus margin).
    auto center = [&](int actor) {
        return static_cast<std::int64_t>(actor) * w_actor + w_actor / 2;
    };
    auto origin = [&](int actor) {
        return static_cast<std::int64_t>(actor) * w_actor + k_cell_margin;
    };
    // Vertical positions relative to the top of the row's first paragraph.
    auto symbol_y = [&](std::size_t row) -> std::int64_t {
        return (heights[row] - k_symbol_h) / 2;
    };

    Drawing drawing;
    std::vector<std::vector<int>> cols(proc.steps.size());
    for (std::size_t i = 0; i < proc.steps.size(); ++i) {
        cols[i] = actor_columns(proc, proc.steps[i]);
    }
    for (std::size_t i = 0; i < proc.steps.size(); ++i) {
        const auto& step = proc.steps[i];
        const sop::Symbol symbol = standard_symbol(proc, i);
        o << "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"" << heights[i]
          << "\" w:hRule=\"atLeast\"/></w:trPr>"
          << cell({w_no, 1, nullptr, false, false}, paragraphs(step.no, false, "center"))
          << cell({w_kegiatan, 1, nullptr, false, false}, paragraphs(step.kegiatan));
        for (int a = 0; a < n_actors; ++a) {
            std::string shapes;
            const bool here = std::find(cols[i].begin(), cols[i].end(), a) != cols[i].end();
            if (here && symbol != sop::Symbol::none) {
                const std::int64_t sx = center(a) - symbol_w / 2 - origin(a);
                shapes += drawing.anchor(
                    sx * k_emu, symbol_y(i) * k_emu, symbol_w * k_emu, k_symbol_h * k_emu,
                    Drawing::symbol(symbol, symbol_w * k_emu, k_symbol_h * k_emu));
                // The arrow to the next step's symbol, from this one's bottom to its top.
                if (a == cols[i].front() && i + 1 < proc.steps.size() &&
                    standard_symbol(proc, i + 1) != sop::Symbol::none) {
                    const int next = cols[i + 1].front();
                    const std::int64_t x0 = center(a), x1 = center(next);
                    const std::int64_t y0 = symbol_y(i) + k_symbol_h;
                    const std::int64_t y1 = heights[i] + symbol_y(i + 1);
                    const std::int64_t w = std::max<std::int64_t>(std::abs(x1 - x0), 1);
                    const std::int64_t h = std::max<std::int64_t>(y1 - y0, 1);
                    shapes += drawing.anchor((std::min(x0, x1) - origin(a)) * k_emu, y0 * k_emu,
                                             w * k_emu, h * k_emu,
                                             Drawing::arrow(w * k_emu, h * k_emu, x1 < x0));
                }
            }
            o << cell({w_actor, 1, nullptr, false, false}, paragraph("", false, nullptr, shapes));
        }
        o << cell({w_kelengkapan, 1, nullptr, false, false}, paragraphs(step.kelengkapan))
          << cell({w_waktu, 1, nullptr, false, false}, paragraphs(step.waktu))
          << cell({w_output, 1, nullptr, false, false}, paragraphs(step.output))
          << cell({w_ket, 1, nullptr, false, false}, paragraphs(step.keterangan)) << "</w:tr>";
    }
    o << "</w:tbl>";
    return o.str();
}

std::string content_types() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" "
           "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" "
           "ContentType=\"application/"
           "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
           "<Override PartName=\"/word/styles.xml\" "
           "ContentType=\"application/"
           "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
           "<Override PartName=\"/docProps/core.xml\" "
           "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
           "</Types>";
}

std::string package_rels() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "officeDocument\" "
           "Target=\"word/document.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
           "core-properties\" "
           "Target=\"docProps/core.xml\"/></Relationships>";
}

std::string document_rels() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
           "Target=\"styles.xml\"/></Relationships>";
}

std::string styles() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
           "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
           "w:cs=\"Arial\"/><w:sz w:val=\"20\"/><w:lang w:val=\"id-ID\"/></w:rPr></w:rPrDefault>"
           "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
           "</w:pPr></w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
           "w:val=\"Normal\"/>"
           "</w:style></w:styles>";
}

std::string core_properties(const sop::Sop& sop) {
    const auto title = field_text(sop, "nama");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<cp:coreProperties "
           "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
           esc(title.empty() ? std::string("SOP") : "SOP " + title) +
           "</dc:title><dc:creator>sopaudit</dc:creator></cp:coreProperties>";
}

} // namespace

sop::Symbol standard_symbol(const sop::Procedure& procedure, std::size_t step) {
    const auto& s = procedure.steps.at(step);
    if (actor_columns(procedure, s).empty()) {
        return sop::Symbol::none;
    }
    if (step == 0 || step + 1 == procedure.steps.size()) {
        return sop::Symbol::terminator;
    }
    if (s.symbol == sop::Symbol::decision || s.symbol == sop::Symbol::connector) {
        return s.symbol;
    }
    return sop::Symbol::process;
}

std::string standard_document_xml(const sop::Sop& sop, const StandardDocxOptions& options) {
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document" << k_ns
      << "><w:body>";
    o << identity_table(sop);
    const bool has_procedure = sop.procedure.found || !sop.procedure.steps.empty();
    if (sop.procedure.plain_list && !sop.procedure.found) {
        // A legacy SOP whose steps are a numbered list, with no procedure table: the list is
        // written again as a list under a procedure heading. A procedure table would need the
        // actors, times and outputs the source never gave, and auditing it would report every
        // empty cell as a new defect; the list keeps the source's one finding (procedure-missing)
        // and its steps, for the office to draw the table from.
        o << paragraph("") << paragraph("Uraian Prosedur:", true);
        for (std::size_t i = 0; i < sop.procedure.steps.size(); ++i) {
            const auto& step = sop.procedure.steps[i];
            o << paragraph((step.no.empty() ? std::to_string(i + 1) : step.no) + ". " +
                           common::fold_space(step.kegiatan));
        }
    } else if (has_procedure) {
        // The flowchart starts on its own page, as in the format.
        o << "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" << procedure_table(sop);
    }
    if (!options.source_name.empty()) {
        o << "<w:p><w:pPr><w:spacing w:before=\"120\"/></w:pPr>"
          << run(std::string(ui(Ui::converted_from, audit::Lang::id)) + " " + options.source_name,
                 false, 14)
          << "</w:p>";
    } else {
        o << "<w:p/>";
    }
    o << "<w:sectPr><w:pgSz w:w=\"" << k_page_w << "\" w:h=\"" << k_page_h
      << "\" w:orient=\"landscape\"/><w:pgMar w:top=\"" << k_margin << "\" w:right=\"" << k_margin
      << "\" w:bottom=\"" << k_margin << "\" w:left=\"" << k_margin
      << "\" w:header=\"360\" w:footer=\"360\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
    return o.str();
}

void write_standard_docx(const sop::Sop& sop, const std::filesystem::path& path,
                         const StandardDocxOptions& options) {
    const std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml", content_types()},
        {"_rels/.rels", package_rels()},
        {"docProps/core.xml", core_properties(sop)},
        {"word/_rels/document.xml.rels", document_rels()},
        {"word/styles.xml", styles()},
        {"word/document.xml", standard_document_xml(sop, options)},
    };
    if (!path.parent_path().empty()) {
        std::filesystem::create_directories(path.parent_path());
    }
    const auto tmp = path.string() + ".tmp";
    int err = 0;
    zip_t* zip = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        const std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw std::runtime_error("cannot create " + tmp + ": " + msg);
    }
    // A fixed time stamp: converting the same SOP twice gives the same bytes.
    const std::time_t stamp = 1262304000; // 2010-01-01
    for (const auto& [name, data] : parts) {
        zip_source_t* src = zip_source_buffer(zip, data.data(), data.size(), 0);
        const zip_int64_t idx = src ? zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (src) {
                zip_source_free(src);
            }
            const std::string msg = zip_strerror(zip);
            zip_discard(zip);
            std::filesystem::remove(tmp);
            throw std::runtime_error("cannot write " + name + " into " + tmp + ": " + msg);
        }
        zip_file_set_mtime(zip, static_cast<zip_uint64_t>(idx), stamp, 0);
    }
    if (zip_close(zip) != 0) {
        const std::string msg = zip_strerror(zip);
        zip_discard(zip);
        std::filesystem::remove(tmp);
        throw std::runtime_error("cannot write " + tmp + ": " + msg);
    }
    std::filesystem::rename(tmp, path);
}

std::vector<std::filesystem::path> write_standard_docx_files(const audit::FileResult& file,
                                                             const std::filesystem::path& out_dir,
                                                             std::vector<std::string>& taken) {
    std::vector<std::filesystem::path> written;
    const auto stem = std::filesystem::path(safe_relative_path(file.path)).stem().string();
    for (std::size_t i = 0; i < file.sops.size(); ++i) {
        const std::string base =
            (stem.empty() ? std::string("sop") : stem) + "-sop" + std::to_string(i + 1);
        std::string name = base + ".docx";
        for (int n = 2; std::find(taken.begin(), taken.end(), name) != taken.end(); ++n) {
            name = base + "-" + std::to_string(n) + ".docx";
        }
        taken.push_back(name);
        StandardDocxOptions options;
        options.source_name = file.path;
        write_standard_docx(file.sops[i], out_dir / name, options);
        written.push_back(out_dir / name);
    }
    return written;
}

} // namespace sopaudit::report
