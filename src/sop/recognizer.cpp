#include "sop/recognizer.hpp"

#include "common/citation.hpp"
#include "common/date_parse.hpp"
#include "common/fuzzy.hpp"
#include "common/nip.hpp"
#include "common/text.hpp"

#include <Poco/JSON/Array.h>
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

namespace sopaudit::sop {
namespace {

using layout::Cell;
using layout::Document;
using layout::Table;

// ------------------------------------------------------------------------------ configuration

using Variants = std::vector<std::string>;

struct Config {
    std::vector<std::pair<std::string, Variants>> labels;  // identity key -> label variants
    std::vector<std::pair<std::string, Variants>> columns; // column key -> header variants
    Variants pelaksana_group;                              // "Pelaksana"
    Variants mutu_group;                                   // "Mutu Baku"
    Variants placeholders;                                 // values that mean "nothing written"
    Variants mark_glyphs;                                  // tick and cross glyphs in actor cells
    Variants procedure_headings;
    Variants sop_titles; // paragraphs that open a new SOP ("Standar Operasional Prosedur")
    int min_identity_labels = 3;
    double min_symbol_confidence = 0.2; // scan reader's confidence below which a shape is ignored
    std::set<std::string> date_fields{"tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"};
};

Config default_config() {
    Config c;
    c.labels = {
        {"nomor", {"Nomor SOP", "No. SOP", "No SOP", "Nomor", "No", "Nomor POS", "Kode SOP"}},
        {"tanggal_pembuatan",
         {"Tanggal Pembuatan", "Tgl. Pembuatan", "Tgl Pembuatan", "Tanggal Dibuat", "Tgl. Dibuat",
          "Tanggal Penyusunan"}},
        {"tanggal_revisi", {"Tanggal Revisi", "Tgl. Revisi", "Tgl Revisi", "Tanggal Perubahan"}},
        {"tanggal_efektif",
         {"Tanggal Efektif", "Tgl. Efektif", "Tgl Efektif", "Tanggal Pengesahan", "Tanggal Berlaku",
          "Tgl. Pengesahan", "Tgl. Berlaku", "Mulai Berlaku"}},
        {"disahkan_oleh", {"Disahkan Oleh", "Pengesahan", "Ditetapkan Oleh", "Disahkan"}},
        {"nama", {"Nama SOP", "Judul SOP", "Nama Prosedur", "Nama POS", "Judul"}},
        {"dasar_hukum", {"Dasar Hukum", "Landasan Hukum"}},
        {"kualifikasi_pelaksana",
         {"Kualifikasi Pelaksana", "Kualifikasi Pelaksanaan", "Kualifikasi"}},
        {"keterkaitan",
         {"Keterkaitan", "Keterkaitan SOP", "SOP Terkait", "Keterkaitan dengan SOP Lain"}},
        {"peralatan_perlengkapan",
         {"Peralatan/Perlengkapan", "Peralatan / Perlengkapan", "Peralatan dan Perlengkapan",
          "Peralatan", "Perlengkapan"}},
        {"peringatan", {"Peringatan", "Peringatan/Resiko", "Peringatan/Risiko"}},
        {"pencatatan_pendataan",
         {"Pencatatan dan Pendataan", "Pencatatan/Pendataan", "Pencatatan & Pendataan",
          "Pencatatan", "Pendataan"}},
    };
    c.columns = {
        {"no", {"No", "No.", "Nomor", "No Urut"}},
        {"kegiatan",
         {"Kegiatan", "Uraian Kegiatan", "Uraian Prosedur", "Aktivitas", "Uraian Aktivitas",
          "Langkah Kegiatan", "Uraian"}},
        {"kelengkapan",
         {"Kelengkapan", "Persyaratan/Kelengkapan", "Persyaratan / Kelengkapan", "Persyaratan",
          "Persyaratan/Perlengkapan", "Perlengkapan", "Kelengkapan/Persyaratan", "Input", "Syarat",
          "Syarat/Kelengkapan"}},
        {"waktu", {"Waktu", "Waktu Penyelesaian", "Durasi"}},
        {"output", {"Output", "Keluaran", "Hasil", "Output/Hasil"}},
        {"keterangan", {"Keterangan", "Ket", "Ket."}},
    };
    c.pelaksana_group = {"Pelaksana", "Pelaksana Kegiatan", "Aktor"};
    c.mutu_group = {"Mutu Baku", "Mutu"};
    c.placeholders = {"-", "--", "...", "....", "…", "xxx", "XXX", "x", "n/a", "tidak ada"};
    c.mark_glyphs = {"√", "✓", "✔", "☑", "✗", "✘", "×", "x", "X", "v", "V", "●", "•", "■", "*"};
    c.procedure_headings = {"Prosedur",        "Uraian Prosedur", "Langkah-langkah",
                            "Langkah Langkah", "Tahapan",         "Prosedur Kerja",
                            "Uraian Kegiatan", "Alur Prosedur",   "Langkah Kerja"};
    c.sop_titles = {"Standar Operasional Prosedur",
                    "Standar Operasional Prosedur Administrasi Pemerintahan", "SOP",
                    "Standard Operating Procedure"};
    return c;
}

Variants strings_of(const Poco::JSON::Array::Ptr& a) {
    Variants out;
    if (!a) {
        return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    }
    return out;
}

void override_map(std::vector<std::pair<std::string, Variants>>& target,
                  const Poco::JSON::Object::Ptr& o) {
    if (!o) {
        return;
    }
    for (const auto& [key, value] : *o) {
        auto arr = o->getArray(key);
        if (!arr) {
            continue;
        }
        auto it = std::find_if(target.begin(), target.end(),
                               [&](const auto& p) { return p.first == key; });
        if (it == target.end()) {
            target.emplace_back(key, strings_of(arr));
        } else {
            it->second = strings_of(arr);
        }
    }
}

Config make_config(const Poco::JSON::Object::Ptr& json) {
    Config c = default_config();
    if (!json) {
        return c;
    }
    override_map(c.labels, json->getObject("identity_labels"));
    override_map(c.columns, json->getObject("column_headers"));
    auto set_list = [&](const char* key, Variants& target) {
        if (auto a = json->getArray(key)) {
            target = strings_of(a);
        }
    };
    set_list("pelaksana_headers", c.pelaksana_group);
    set_list("mutu_baku_headers", c.mutu_group);
    set_list("placeholders", c.placeholders);
    set_list("mark_glyphs", c.mark_glyphs);
    set_list("procedure_headings", c.procedure_headings);
    set_list("sop_titles", c.sop_titles);
    if (json->has("min_symbol_confidence")) {
        c.min_symbol_confidence = json->getValue<double>("min_symbol_confidence");
    }
    if (json->has("min_identity_labels")) {
        c.min_identity_labels = json->getValue<int>("min_identity_labels");
    }
    return c;
}

} // namespace

// The configuration with every variant list folded once: a cell's text is matched against the
// label variants many times per document, and folding the variants each time cost most of the
// recognition.
struct RecognitionConfig::Compiled {
    explicit Compiled(Config c) : cfg(std::move(c)) {
        Variants all_labels;
        for (const auto& [key, vars] : cfg.labels) {
            for (const auto& v : vars) {
                all_labels.push_back(v);
                label_keys.push_back(key);
            }
        }
        labels = common::FoldedVariants(all_labels);
        for (const auto& [key, vars] : cfg.columns) {
            columns.emplace_back(key, common::FoldedVariants(vars));
        }
        pelaksana_group = common::FoldedVariants(cfg.pelaksana_group);
        mutu_group = common::FoldedVariants(cfg.mutu_group);
        procedure_headings = common::FoldedVariants(cfg.procedure_headings);
        sop_titles = common::FoldedVariants(cfg.sop_titles);
    }

    Config cfg;
    common::FoldedVariants labels;       // every identity label variant, in the order of cfg.labels
    std::vector<std::string> label_keys; // the identity key of each entry of labels
    std::vector<std::pair<std::string, common::FoldedVariants>> columns;
    common::FoldedVariants pelaksana_group;
    common::FoldedVariants mutu_group;
    common::FoldedVariants procedure_headings;
    common::FoldedVariants sop_titles;
};

namespace {

// ------------------------------------------------------------------------------ text helpers

std::string cell_text(const Cell& cell) {
    std::string out;
    for (const auto& p : cell.paragraphs) {
        const auto t = common::fold_space(p.text);
        if (t.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += ' ';
        }
        out += t;
    }
    return out;
}

// Paragraph texts, folded, empty ones dropped; lines inside a paragraph kept apart.
std::vector<std::string> cell_lines(const Cell& cell) {
    std::vector<std::string> out;
    for (const auto& p : cell.paragraphs) {
        for (const auto& line : common::split(p.text, '\n')) {
            const auto t = common::fold_space(line);
            if (!t.empty()) {
                out.push_back(t);
            }
        }
    }
    return out;
}

double cell_confidence(const Cell& cell) {
    double c = cell.confidence;
    for (const auto& p : cell.paragraphs) {
        if (!common::fold_space(p.text).empty()) {
            c = std::min(c, p.confidence);
        }
    }
    return c;
}

layout::Provenance where_of(const Table& t, const Cell& cell) {
    layout::Provenance p = cell.where;
    if (p.table < 0) {
        p.table = t.index;
    }
    if (p.row < 0) {
        p.row = cell.row;
    }
    if (p.col < 0) {
        p.col = cell.col;
    }
    if (p.page == 0) {
        p.page = t.where.page;
    }
    return p;
}

std::string strip_colon(std::string s) {
    // General punctuation (U+2010..U+205F: dashes, curly quotes, bullets) is no part of a label;
    // OCR sprinkles it on header cells ("“No,", "—. Waktu").
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
        if (b0 == 0xE2 && (b1 == 0x80 || b1 == 0x81)) {
            s.replace(i, 3, " ");
        }
    }
    s = common::fold_space(s);
    while (!s.empty() && (s.back() == ':' || s.back() == ' ')) {
        s.pop_back();
    }
    return s;
}

// ------------------------------------------------------------------------------ identity

struct LabelHit {
    std::string key;
    std::string label;        // as written
    std::string inline_value; // value written in the label cell itself (after ':' or below it)
    bool has_inline = false;
    bool weak = false; // label and value run together with no colon: read, but not evidence
};

class Recognizer {
public:
    Recognizer(const Document& doc, const RecognitionConfig::Compiled& compiled);

    Recognition run();

private:
    std::optional<std::string> match_label(const std::string& text) const {
        return match_stripped_label(strip_colon(text));
    }
    // match_label of a text strip_colon has already cleaned.
    std::optional<std::string> match_stripped_label(const std::string& stripped) const {
        const int i = m_match.labels.best_match(stripped);
        if (i < 0) {
            return std::nullopt;
        }
        return m_match.label_keys[static_cast<std::size_t>(i)];
    }

    using StackedLabels = std::vector<std::pair<std::string, std::string>>; // key, label
    // Both remembered per cell: the identity pass asks about the same cells several times
    // (counting the labels, reading them, checking the neighbour of each).
    const std::optional<LabelHit>& label_of(const Cell& cell) const;
    const StackedLabels& stacked_labels(const Cell& cell) const;
    std::optional<LabelHit> find_label(const Cell& cell) const;
    StackedLabels find_stacked_labels(const Cell& cell) const;
    const Cell* value_right_of(const Table& t, const Cell& cell) const;
    bool is_label(const Cell* cell) const { return cell != nullptr && label_of(*cell).has_value(); }
    int count_identity_labels(const Table& t, int row_end) const;
    bool continues_identity(const Table& t, const Sop& sop) const;
    void read_identity(const Table& t, int row_end, Sop& sop) const;

    std::optional<std::string> column_key(const std::string& text) const {
        const auto stripped = strip_colon(text);
        for (const auto& [key, vars] : m_match.columns) {
            if (vars.best_match(stripped) >= 0) {
                return key;
            }
        }
        return std::nullopt;
    }
    // The column key of a header cell; in a scan, a cell whose text names nothing may end in a
    // line that does ("MUT|Perlengkapan": a garbled "Mutu Baku" over its sub-header).
    std::optional<std::string> header_key(const Cell* cell, const std::string& text) const {
        if (text.empty()) {
            return std::nullopt;
        }
        if (auto key = column_key(text)) {
            return key;
        }
        if (m_scanned && cell != nullptr) {
            const auto lines = cell_lines(*cell);
            if (lines.size() >= 2 && !is_group(text, m_match.pelaksana_group) &&
                !is_group(text, m_match.mutu_group)) {
                return column_key(lines.back());
            }
        }
        return std::nullopt;
    }
    static bool is_group(const std::string& text, const common::FoldedVariants& group) {
        return group.best_match(strip_colon(text)) >= 0;
    }
    int find_procedure_header(const Table& t) const;
    bool read_procedure(const Table& t, int header_row, Procedure& proc, bool continuation) const;
    void split_group_line(const Cell& cell, std::string& top_text, std::string& sub_text) const;
    bool is_mark(const std::string& text) const;
    void finish(Sop& sop) const;

    const Document& m_doc;
    const RecognitionConfig::Compiled& m_match;
    const Config& m_cfg;
    bool m_scanned; // read from page images (OCR, PDF text): lines are visual lines
    mutable std::unordered_map<const Cell*, std::optional<LabelHit>> m_label_of;
    mutable std::unordered_map<const Cell*, StackedLabels> m_stacked_labels;
};

Recognizer::Recognizer(const Document& doc, const RecognitionConfig::Compiled& compiled)
    : m_doc(doc), m_match(compiled), m_cfg(compiled.cfg),
      m_scanned(!doc.method.empty() && doc.method != "xml") {}

const std::optional<LabelHit>& Recognizer::label_of(const Cell& cell) const {
    auto it = m_label_of.find(&cell);
    if (it == m_label_of.end()) {
        it = m_label_of.emplace(&cell, find_label(cell)).first;
    }
    return it->second;
}

const Recognizer::StackedLabels& Recognizer::stacked_labels(const Cell& cell) const {
    auto it = m_stacked_labels.find(&cell);
    if (it == m_stacked_labels.end()) {
        it = m_stacked_labels.emplace(&cell, find_stacked_labels(cell)).first;
    }
    return it->second;
}

std::optional<LabelHit> Recognizer::find_label(const Cell& cell) const {
    const auto lines = cell_lines(cell);
    if (lines.empty()) {
        return std::nullopt;
    }
    const auto& first = lines.front();
    LabelHit hit;
    if (auto key = match_label(first)) {
        hit.key = *key;
        hit.label = strip_colon(first);
        // Label above its content in one box: the rest of the cell is the value.
        std::string rest;
        for (std::size_t i = 1; i < lines.size(); ++i) {
            rest += (rest.empty() ? "" : "\n") + lines[i];
        }
        hit.has_inline = lines.size() > 1;
        hit.inline_value = rest;
        return hit;
    }
    // "Nomor SOP : 800/12/2022" in one cell.
    const auto colon = first.find(':');
    if (colon != std::string::npos && colon > 0) {
        if (auto key = match_label(first.substr(0, colon))) {
            hit.key = *key;
            hit.label = strip_colon(first.substr(0, colon));
            std::string rest = common::trim(first.substr(colon + 1));
            for (std::size_t i = 1; i < lines.size(); ++i) {
                rest += (rest.empty() ? "" : "\n") + lines[i];
            }
            hit.has_inline = true;
            hit.inline_value = rest;
            return hit;
        }
    }
    // "NAMA SOP Penetapan Daftar Informasi": a scan lost the rule between label and value (and
    // there is no colon). Only labels of two words or more, so that a value beginning with a
    // one-word label ("Pencatatan surat masuk") is not taken for one.
    if (m_scanned) {
        const auto words = common::split(first, ' ');
        for (std::size_t k = 2; k + 1 <= words.size() && k <= 4; ++k) {
            std::string prefix;
            for (std::size_t i = 0; i < k; ++i) {
                prefix += (prefix.empty() ? "" : " ") + words[i];
            }
            auto key = match_label(prefix);
            if (!key) {
                continue;
            }
            hit.key = *key;
            hit.label = strip_colon(prefix);
            std::string rest;
            for (std::size_t i = k; i < words.size(); ++i) {
                rest += (rest.empty() ? "" : " ") + words[i];
            }
            for (std::size_t i = 1; i < lines.size(); ++i) {
                rest += "\n" + lines[i];
            }
            hit.has_inline = true;
            hit.inline_value = common::trim(rest);
            hit.weak = true;
            return hit;
        }
    }
    return std::nullopt;
}

int Recognizer::count_identity_labels(const Table& t, int row_end) const {
    std::set<std::string> keys;
    for (const auto& cell : t.cells) {
        if (cell.row >= row_end) {
            continue;
        }
        const auto& stacked = stacked_labels(cell);
        if (!stacked.empty()) {
            for (const auto& [key, label] : stacked) {
                keys.insert(key);
            }
        } else if (const auto& hit = label_of(cell); hit && !hit->weak) {
            keys.insert(hit->key);
        }
    }
    return static_cast<int>(keys.size());
}

// A table of label/value rows too short to count as an identity table by itself, whose labels
// are all fields the SOP has not read yet: the rest of its identity table, cut by a page break
// (a scan gives each page's part as a table of its own). Every filled row must hold a label.
bool Recognizer::continues_identity(const Table& t, const Sop& sop) const {
    std::map<int, bool> row_labelled; // filled rows: whether one of their cells is a label
    bool sure_label = false;
    for (const auto& cell : t.cells) {
        if (cell_text(cell).empty()) {
            continue;
        }
        bool& labelled = row_labelled[cell.row];
        std::vector<std::string> keys;
        if (const auto& stacked = stacked_labels(cell); !stacked.empty()) {
            for (const auto& [key, label] : stacked) {
                keys.push_back(key);
            }
            sure_label = true;
        } else if (const auto& hit = label_of(cell)) {
            keys.push_back(hit->key);
            sure_label = sure_label || !hit->weak;
        }
        for (const auto& key : keys) {
            if (sop.identity.count(key) != 0) {
                return false; // a field read already: another SOP's identity, or no identity
            }
            labelled = true;
        }
    }
    if (!sure_label) {
        return false;
    }
    return std::all_of(row_labelled.begin(), row_labelled.end(),
                       [](const auto& row) { return row.second; });
}

// Several labels in one cell, one or two per line ("Nomor SOP|Tanggal Pembuatan"): a scan whose
// grid lost the rules between the header rows. Empty unless every line is made of labels.
Recognizer::StackedLabels Recognizer::find_stacked_labels(const Cell& cell) const {
    StackedLabels out;
    const auto lines = cell_lines(cell);
    for (const auto& line : lines) {
        if (std::string stripped = strip_colon(line); auto key = match_stripped_label(stripped)) {
            out.emplace_back(*key, std::move(stripped));
            continue;
        }
        // Two labels on one line: "Tanggal Pembuatan Tanggal Revisi".
        const auto words = common::split(line, ' ');
        bool split = false;
        for (std::size_t w = 1; w < words.size() && !split; ++w) {
            std::string left, right;
            for (std::size_t i = 0; i < words.size(); ++i) {
                auto& side = i < w ? left : right;
                side += (side.empty() ? "" : " ") + words[i];
            }
            // The left part only grows with w: once it is too long for any label, so are the
            // rest (this loop was 15% of a DOCX run's time on long step texts).
            const std::size_t longest = m_match.labels.longest_match();
            std::string left_label = strip_colon(left);
            if (common::fold_label(left_label).size() > longest) {
                break;
            }
            std::string right_label = strip_colon(right);
            if (common::fold_label(right_label).size() > longest) {
                continue; // the right part shrinks as w grows
            }
            const auto kl = match_stripped_label(left_label);
            if (!kl) {
                continue;
            }
            const auto kr = match_stripped_label(right_label);
            if (kr) {
                out.emplace_back(*kl, std::move(left_label));
                out.emplace_back(*kr, std::move(right_label));
                split = true;
            }
        }
        if (!split) {
            return {};
        }
    }
    std::set<std::string> keys;
    for (const auto& [key, label] : out) {
        keys.insert(key);
    }
    if (out.size() < 2 || keys.size() != out.size()) {
        return {};
    }
    return out;
}

// The value cell right of a label, skipping a ":" column; null when that is another label.
const Cell* Recognizer::value_right_of(const Table& t, const Cell& cell) const {
    const Cell* right = t.cell_at(cell.row, cell.col + cell.col_span);
    while (right != nullptr && strip_colon(cell_text(*right)).empty() &&
           cell_text(*right).find(':') != std::string::npos) {
        right = t.cell_at(right->row, right->col + right->col_span);
    }
    if (right == nullptr || right == &cell || is_label(right) || !stacked_labels(*right).empty()) {
        return nullptr;
    }
    return right;
}

void Recognizer::read_identity(const Table& t, int row_end, Sop& sop) const {
    std::set<const Cell*> value_cells;
    for (const auto& cell : t.cells) {
        if (cell.row >= row_end) {
            continue;
        }
        if (const auto& stacked = stacked_labels(cell); !stacked.empty()) {
            // The values sit line by line in the cell to the right when it has as many lines;
            // otherwise which value belongs to which label cannot be told: the field is there
            // but its value unverifiable (confidence 0), never "empty".
            const Cell* value_cell = value_right_of(t, cell);
            const auto values =
                value_cell != nullptr ? cell_lines(*value_cell) : std::vector<std::string>{};
            const bool aligned = values.size() == stacked.size();
            for (std::size_t i = 0; i < stacked.size(); ++i) {
                const auto& [key, label] = stacked[i];
                if (sop.identity.count(key) != 0) {
                    continue;
                }
                FieldValue fv;
                fv.label = label;
                fv.label_where = where_of(t, cell);
                fv.where = value_cell != nullptr ? where_of(t, *value_cell) : fv.label_where;
                if (aligned) {
                    fv.text = values[i];
                    fv.confidence = cell_confidence(*value_cell);
                } else {
                    fv.confidence = 0.0;
                }
                sop.identity[key] = fv;
            }
            if (value_cell != nullptr) {
                value_cells.insert(value_cell);
            }
            continue;
        }
        const auto& hit = label_of(cell);
        if (!hit || sop.identity.count(hit->key) != 0) {
            continue;
        }
        FieldValue fv;
        fv.label = hit->label;
        fv.label_where = where_of(t, cell);
        const Cell* value_cell = nullptr;
        if (hit->has_inline) {
            fv.text = hit->inline_value;
            fv.where = where_of(t, cell);
            fv.confidence = cell_confidence(cell);
        } else {
            // The value is to the right (skipping a ":" column) unless that is another label;
            // then it is the box below (the six-box grid).
            if (const Cell* right = value_right_of(t, cell)) {
                value_cell = right;
            } else {
                const Cell* below = t.cell_at(cell.row + cell.row_span, cell.col);
                if (below != nullptr && below->row < row_end && !is_label(below)) {
                    value_cell = below;
                }
            }
            if (value_cell != nullptr) {
                std::string text;
                for (const auto& line : cell_lines(*value_cell)) {
                    text += (text.empty() ? "" : "\n") + line;
                }
                // A stray leading ":" when the colon sits in the value cell.
                if (!text.empty() && text.front() == ':') {
                    text = common::trim(text.substr(1));
                }
                fv.text = text;
                fv.where = where_of(t, *value_cell);
                fv.confidence = cell_confidence(*value_cell);
                value_cells.insert(value_cell);
            } else {
                fv.where = fv.label_where;
                fv.confidence = cell_confidence(cell);
            }
        }
        sop.identity[hit->key] = fv;
    }
    // Instansi: the header cell at the top left, when it is neither a label nor a value.
    if (sop.identity.count("instansi") == 0) {
        const Cell* c0 = t.cell_at(0, 0);
        if (c0 != nullptr && !is_label(c0) && value_cells.count(c0) == 0) {
            const auto text = cell_text(*c0);
            if (!text.empty()) {
                FieldValue fv;
                fv.text = text;
                fv.where = where_of(t, *c0);
                fv.label_where = fv.where;
                fv.confidence = cell_confidence(*c0);
                sop.identity["instansi"] = fv;
            }
        }
    }
    sop.identity_found = true;
    if (sop.where.table < 0) {
        sop.where.table = t.index;
        sop.where.page = t.where.page;
    }
}

// ------------------------------------------------------------------------------ procedure

int Recognizer::find_procedure_header(const Table& t) const {
    const int limit = std::min(t.n_rows, 40);
    for (int r = 0; r < limit; ++r) {
        bool kegiatan = false;
        int others = 0;
        for (const auto& cell : t.cells) {
            if (cell.row != r) {
                continue;
            }
            const auto text = cell_text(cell);
            if (text.empty()) {
                continue;
            }
            const auto key = column_key(text);
            if (key && *key == "kegiatan") {
                kegiatan = true;
            } else if (key || is_group(text, m_match.pelaksana_group) ||
                       is_group(text, m_match.mutu_group)) {
                ++others;
            }
        }
        if (kegiatan && others >= 1) {
            return r;
        }
    }
    return -1;
}

struct LogicalColumn {
    std::string key; // column key; "pelaksana" for an actor column; empty = unknown
    std::string actor;
    int first = 0, last = 0; // grid columns covered
};

bool Recognizer::is_mark(const std::string& text) const {
    auto t = common::fold_space(text);
    if (t.empty()) {
        return false;
    }
    // Every piece of the cell must be a mark glyph.
    std::size_t i = 0;
    while (i < t.size()) {
        if (t[i] == ' ') {
            ++i;
            continue;
        }
        bool matched = false;
        for (const auto& g : m_cfg.mark_glyphs) {
            if (!g.empty() && t.compare(i, g.size(), g) == 0) {
                i += g.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            return false;
        }
    }
    return true;
}

Symbol symbol_of(layout::ShapeClass c) {
    switch (c) {
    case layout::ShapeClass::terminator:
        return Symbol::terminator;
    case layout::ShapeClass::process:
        return Symbol::process;
    case layout::ShapeClass::decision:
        return Symbol::decision;
    case layout::ShapeClass::connector:
        return Symbol::connector;
    case layout::ShapeClass::other:
        return Symbol::other;
    case layout::ShapeClass::mark:
        return Symbol::mark;
    case layout::ShapeClass::line:
    case layout::ShapeClass::unknown:
        return Symbol::none;
    }
    return Symbol::none;
}

// The grid column a shape is drawn in. Floating shapes positioned relative to their cell are
// placed by their horizontal centre using the grid's column widths (twips; 1 twip = 635 EMU).
int drawn_column(const Table& t, const Cell& anchor, const layout::Shape& s) {
    if (!s.floating || t.col_widths.empty()) {
        return s.where.col >= 0 && s.where.table == t.index ? s.where.col : anchor.col;
    }
    const auto& rel = s.h_relative_from;
    double left = 0; // twips from the table's left edge
    if (rel == "column" || rel == "character" || rel.empty()) {
        for (int c = 0; c < anchor.col && c < static_cast<int>(t.col_widths.size()); ++c) {
            left += t.col_widths[static_cast<std::size_t>(c)];
        }
    }
    const double x =
        left +
        (static_cast<double>(s.h_offset_emu) + static_cast<double>(s.width_emu) / 2.0) / 635.0;
    double edge = 0;
    for (std::size_t c = 0; c < t.col_widths.size(); ++c) {
        edge += t.col_widths[c];
        if (x < edge) {
            return static_cast<int>(c);
        }
    }
    return static_cast<int>(t.col_widths.size()) - 1;
}

// A scan whose grid lost the rule between the two header rows gives one cell "Mutu Baku|Waktu"
// or "Pelaksana|Staf": a first line naming a group is the upper row, the rest the lower one.
void Recognizer::split_group_line(const Cell& cell, std::string& top_text,
                                  std::string& sub_text) const {
    const auto lines = cell_lines(cell);
    if (lines.size() < 2 || !(is_group(lines.front(), m_match.pelaksana_group) ||
                              is_group(lines.front(), m_match.mutu_group))) {
        return;
    }
    if (column_key(top_text) || is_group(top_text, m_match.pelaksana_group) ||
        is_group(top_text, m_match.mutu_group)) {
        return; // the whole text names one header ("Pelaksana|Kegiatan")
    }
    top_text = lines.front();
    sub_text.clear();
    for (std::size_t i = 1; i < lines.size(); ++i) {
        sub_text += (sub_text.empty() ? "" : " ") + lines[i];
    }
}

bool Recognizer::read_procedure(const Table& t, int header_row, Procedure& proc,
                                bool continuation) const {
    // Header height: the tallest header cell of the first header row.
    int height = 1;
    for (const auto& cell : t.cells) {
        if (cell.row == header_row) {
            height = std::max(height, std::min(cell.row_span, 3));
        }
    }
    const int sub_row = header_row + height - 1;
    std::vector<LogicalColumn> cols;
    int kegiatan_col = -1, first_mutu_col = -1;
    const Cell* prev = nullptr;
    for (int c = 0; c < t.n_cols; ++c) {
        const Cell* top = t.cell_at(header_row, c);
        const Cell* sub = t.cell_at(sub_row, c);
        const Cell* deciding = sub != nullptr ? sub : top;
        if (deciding == nullptr) {
            continue;
        }
        if (deciding == prev) {
            cols.back().last = c;
            continue;
        }
        prev = deciding;
        std::string top_text = top != nullptr ? cell_text(*top) : "";
        std::string sub_text = sub != nullptr && sub != top ? cell_text(*sub) : "";
        if (top != nullptr && (sub == nullptr || sub == top)) {
            split_group_line(*top, top_text, sub_text);
        }
        LogicalColumn lc;
        lc.first = lc.last = c;
        const auto ksub = header_key(sub != top ? sub : nullptr, sub_text);
        const auto ktop = header_key(top, top_text);
        const bool top_pelaksana = is_group(top_text, m_match.pelaksana_group);
        const bool top_mutu = is_group(top_text, m_match.mutu_group);
        if (ksub && !top_pelaksana) {
            lc.key = *ksub;
        } else if (top_pelaksana) {
            lc.key = "pelaksana";
            lc.actor = sub_text.empty() ? top_text : sub_text;
        } else if (ktop && (sub == top || sub_text.empty())) {
            lc.key = *ktop;
        } else if (!top_mutu) {
            // A header that names no known column, between Kegiatan and Mutu Baku: an actor
            // (single-row headers name the actors directly).
            const auto name = sub_text.empty() ? top_text : sub_text;
            if (!name.empty() && kegiatan_col >= 0 && first_mutu_col < 0) {
                lc.key = "pelaksana";
                lc.actor = name;
            }
        }
        if (lc.key == "kegiatan" && kegiatan_col < 0) {
            kegiatan_col = static_cast<int>(cols.size());
        }
        if ((lc.key == "kelengkapan" || lc.key == "waktu" || lc.key == "output") &&
            first_mutu_col < 0) {
            first_mutu_col = static_cast<int>(cols.size());
        }
        cols.push_back(lc);
    }
    std::vector<std::string> keys;
    std::vector<std::string> actors;
    int unkeyed = 0;
    for (const auto& lc : cols) {
        if (lc.key.empty()) {
            ++unkeyed;
            continue;
        }
        if (lc.key == "pelaksana") {
            actors.push_back(lc.actor);
        }
        if (std::find(keys.begin(), keys.end(), lc.key) == keys.end()) {
            keys.push_back(lc.key);
        }
    }
    if (continuation) {
        if (keys != proc.columns || actors.size() != proc.actors.size()) {
            return false;
        }
    } else {
        proc.found = true;
        proc.columns = keys;
        proc.actors = actors;
        proc.unkeyed_columns = unkeyed;
        proc.where.table = t.index;
        proc.where.page = t.where.page;
    }
    proc.tables.push_back(t.index);

    auto col_of = [&](const std::string& key) -> const LogicalColumn* {
        for (const auto& lc : cols) {
            if (lc.key == key) {
                return &lc;
            }
        }
        return nullptr;
    };
    const LogicalColumn* kcol = col_of("kegiatan");
    int first_data = header_row + height;
    // A numbering row under the header ("1 2 3 4 ..."): every filled cell a small integer.
    if (first_data < t.n_rows) {
        int ints = 0, filled = 0;
        for (const auto& cell : t.cells) {
            if (cell.row != first_data) {
                continue;
            }
            const auto text = cell_text(cell);
            if (text.empty()) {
                continue;
            }
            ++filled;
            ints += std::all_of(text.begin(), text.end(),
                                [](char ch) {
                                    return std::isdigit(static_cast<unsigned char>(ch)) != 0 ||
                                           ch == '.';
                                })
                        ? 1
                        : 0;
        }
        if (filled >= 4 && ints == filled && kcol != nullptr) {
            const Cell* kc = t.cell_at(first_data, kcol->first);
            if (kc != nullptr && kc->row == first_data) {
                ++first_data;
            }
        }
    }
    const Cell* prev_kegiatan_cell = nullptr;
    for (int r = first_data; r < t.n_rows; ++r) {
        auto text_at = [&](const LogicalColumn* lc) -> std::string {
            if (lc == nullptr) {
                return {};
            }
            const Cell* cell = t.cell_at(r, lc->first);
            return cell != nullptr ? cell_text(*cell) : std::string{};
        };
        // A repeated header row inside the table.
        if (kcol != nullptr) {
            const auto ktext = text_at(kcol);
            const auto k = column_key(ktext);
            if (k && *k == "kegiatan") {
                const Cell* kc = t.cell_at(r, kcol->first);
                r = kc->row + std::max(kc->row_span, 1) - 1;
                const Cell* below = t.cell_at(r + 1, kcol->first);
                (void)below;
                continue;
            }
            // A note row: one cell across (nearly) the whole table.
            const Cell* kc = t.cell_at(r, kcol->first);
            if (kc != nullptr && kc->col_span >= std::max(2, t.n_cols - 1)) {
                continue;
            }
        }
        Step step;
        step.no = text_at(col_of("no"));
        step.kegiatan = text_at(kcol);
        step.kelengkapan = text_at(col_of("kelengkapan"));
        step.waktu = text_at(col_of("waktu"));
        step.output = text_at(col_of("output"));
        step.keterangan = text_at(col_of("keterangan"));
        // Symbols per actor column: shapes of every cell of the row, placed where drawn.
        std::map<int, std::vector<const layout::Shape*>> shapes_by_col;
        double conf = 1.0;
        for (const auto& cell : t.cells) {
            if (cell.row != r) {
                continue;
            }
            conf = std::min(conf, cell_confidence(cell));
            for (const auto& s : cell.shapes) {
                shapes_by_col[drawn_column(t, cell, s)].push_back(&s);
            }
        }
        bool any_symbol = false;
        bool connector_only = false;
        std::vector<std::pair<int, Symbol>> with_symbol; // actor index, symbol
        std::vector<std::pair<int, Symbol>> with_connector;
        std::vector<std::string> geometries;
        int actor_index = -1;
        for (const auto& lc : cols) {
            if (lc.key != "pelaksana") {
                continue;
            }
            ++actor_index;
            Symbol main = Symbol::none;
            bool connector = false;
            for (int c = lc.first; c <= lc.last; ++c) {
                for (const auto* s : shapes_by_col[c]) {
                    const auto sym = symbol_of(s->shape_class);
                    if (sym == Symbol::none || s->confidence < m_cfg.min_symbol_confidence) {
                        continue; // a line, or a blob the scan reader itself does not believe
                    }
                    if (sym == Symbol::connector) {
                        connector = true;
                        step.has_offpage_connector = true;
                        continue;
                    }
                    if (main == Symbol::none) {
                        main = sym;
                        geometries.push_back(s->geometry);
                    }
                }
            }
            if (main == Symbol::none) {
                const Cell* cell = t.cell_at(r, lc.first);
                if (cell != nullptr && cell->row == r && is_mark(cell_text(*cell))) {
                    main = Symbol::mark;
                    geometries.push_back(cell_text(*cell));
                }
            }
            if (main != Symbol::none) {
                with_symbol.emplace_back(actor_index, main);
            } else if (connector) {
                with_connector.emplace_back(actor_index, Symbol::connector);
            }
        }
        // In a scan, a "mark" in a row that also holds a drawn symbol is a piece of an arrow or
        // of the symbol's outline, not a second actor's tick.
        if (m_scanned && std::any_of(with_symbol.begin(), with_symbol.end(),
                                     [](const auto& p) { return p.second != Symbol::mark; })) {
            with_symbol.erase(
                std::remove_if(with_symbol.begin(), with_symbol.end(),
                               [](const auto& p) { return p.second == Symbol::mark; }),
                with_symbol.end());
        }
        any_symbol = !with_symbol.empty();
        connector_only = !any_symbol && !with_connector.empty();
        const bool has_text = !step.no.empty() || !step.kegiatan.empty();
        if (!has_text && !any_symbol) {
            continue; // empty row, or a connector / arrow row: not a step
        }
        const auto& chosen = any_symbol ? with_symbol : with_connector;
        (void)connector_only;
        // A grid row under the same Kegiatan cell as the row before (a scan's grid cut the row
        // where an arrow crosses it) is more of that step, not a new one.
        const Cell* kcell = kcol != nullptr ? t.cell_at(r, kcol->first) : nullptr;
        if (kcell != nullptr && kcell->row < r && kcell == prev_kegiatan_cell &&
            !proc.steps.empty() && proc.steps.back().where.table == t.index) {
            auto& prev = proc.steps.back();
            for (const auto& [idx, sym] : chosen) {
                if (std::find(prev.actor_indices.begin(), prev.actor_indices.end(), idx) ==
                    prev.actor_indices.end()) {
                    prev.actor_indices.push_back(idx);
                    prev.actors.push_back(proc.actors[static_cast<std::size_t>(idx)]);
                }
                if (prev.symbol == Symbol::none) {
                    prev.symbol = sym;
                }
            }
            prev.has_offpage_connector = prev.has_offpage_connector || step.has_offpage_connector;
            for (auto [into, from] :
                 {std::pair{&prev.kelengkapan, &step.kelengkapan},
                  std::pair{&prev.waktu, &step.waktu}, std::pair{&prev.output, &step.output},
                  std::pair{&prev.keterangan, &step.keterangan}}) {
                if (into->empty()) {
                    *into = *from;
                }
            }
            continue;
        }
        prev_kegiatan_cell = kcell;
        for (const auto& [idx, sym] : chosen) {
            step.actor_indices.push_back(idx);
            step.actors.push_back(proc.actors[static_cast<std::size_t>(idx)]);
            if (step.symbol == Symbol::none) {
                step.symbol = sym;
            }
        }
        step.symbol_geometries = geometries;
        step.where.table = t.index;
        step.where.row = r;
        step.where.page = t.where.page;
        if (kcol != nullptr) {
            if (const Cell* kc = t.cell_at(r, kcol->first)) {
                step.where = where_of(t, *kc);
                step.where.row = r;
            }
        }
        step.confidence = conf;
        proc.steps.push_back(std::move(step));
    }
    return true;
}

// ------------------------------------------------------------------------------ scanned lists

bool is_digit_char(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_upper_char(char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
}

// The number of a list marker opening text at pos: "3.", "3)", "(3)", or, as OCR drops the dot,
// a bare "3 " before a capitalised word ("3 Peraturan Daerah"; not "12 Tahun"). -1 if none;
// end is where the item's text starts.
int list_marker_at(const std::string& text, std::size_t pos, std::size_t& end) {
    std::size_t i = pos;
    const bool paren = i < text.size() && text[i] == '(';
    if (paren) {
        ++i;
    }
    std::size_t d = i;
    while (d < text.size() && is_digit_char(text[d]) && d - i < 3) {
        ++d;
    }
    if (d == i || d - i > 2 || (d < text.size() && is_digit_char(text[d]))) {
        return -1;
    }
    const int number = std::stoi(text.substr(i, d - i));
    std::size_t j = d;
    const bool punct = j < text.size() && (text[j] == '.' || text[j] == ')');
    if (punct) {
        ++j;
    } else if (paren) {
        return -1;
    }
    while (j < text.size() && text[j] == ' ') {
        ++j;
    }
    if (j >= text.size() || (!punct && j == d)) {
        return -1;
    }
    if (!punct && (!is_upper_char(text[j]) || common::starts_with_ci(text.substr(j), "tahun"))) {
        return -1;
    }
    end = j;
    return number;
}

// Items of a list read from a page image, where a line break is where the print wrapped, not
// the end of an item: a line without a marker continues the item before it when the list is
// numbered, or when the line before does not end an item with punctuation. Dashes OCR reads as
// "—" are hyphens, "No.." is "No.". Each item comes back with its marker removed.
std::vector<std::string> scanned_list_items(const std::string& raw) {
    std::vector<std::string> lines;
    bool numbered = false;
    for (auto line : common::split(raw, '\n')) {
        for (const char* dash : {"\xE2\x80\x94", "\xE2\x80\x93"}) { // em and en dash
            for (auto at = line.find(dash); at != std::string::npos; at = line.find(dash, at)) {
                line.replace(at, 3, "-");
            }
        }
        for (auto at = line.find(".."); at != std::string::npos; at = line.find("..", at)) {
            const bool after_no = at >= 2 && common::lower_ascii(line.substr(at - 2, 2)) == "no";
            if (!after_no) {
                break; // an ellipsis or a placeholder, kept
            }
            line.erase(at, 1);
        }
        line = common::fold_space(line);
        if (line.empty()) {
            continue;
        }
        std::size_t end = 0;
        numbered = numbered || list_marker_at(line, 0, end) >= 0;
        lines.push_back(line);
    }
    std::vector<std::string> items;
    int last_marker = 0;
    auto ends_item = [](const std::string& t) {
        const char c = t.empty() ? ' ' : t.back();
        return c == '.' || c == ';' || c == ':' || c == ',';
    };
    for (const auto& line : lines) {
        std::size_t end = 0;
        const int marker = list_marker_at(line, 0, end);
        if (marker >= 0) {
            items.push_back(line.substr(end));
            last_marker = marker;
        } else if (items.empty() || (!numbered && ends_item(items.back()))) {
            items.push_back(line);
        } else {
            items.back() += " " + line;
        }
        // The next marker inside the same line: "... Kalimantan Barat 5 Peraturan Gubernur ...".
        for (std::size_t at = items.back().find(' '); last_marker > 0 && at != std::string::npos;
             at = items.back().find(' ', at + 1)) {
            std::size_t next_end = 0;
            if (list_marker_at(items.back(), at + 1, next_end) == last_marker + 1) {
                auto rest = items.back().substr(next_end);
                items.back().erase(at);
                items.push_back(rest);
                ++last_marker;
                at = 0;
            }
        }
    }
    for (auto& item : items) {
        item = common::fold_space(item);
    }
    items.erase(
        std::remove_if(items.begin(), items.end(), [](const std::string& i) { return i.empty(); }),
        items.end());
    return items;
}

// A numbered paragraph: "1. Menerima ...", "1) ...", or one with Word list numbering.
bool numbered_item(const layout::Paragraph& p, std::string& no, std::string& text) {
    static const std::regex marker(R"(^\s*([0-9]{1,2})\s*[.)]\s*(.*)$)");
    const auto t = common::fold_space(p.text);
    std::smatch m;
    if (std::regex_match(t, m, marker)) {
        no = m[1].str();
        text = m[2].str();
        return !text.empty();
    }
    if (p.num_id >= 0 && !t.empty()) {
        no.clear();
        text = t;
        return true;
    }
    return false;
}

void Recognizer::finish(Sop& sop) const {
    for (auto& [key, fv] : sop.identity) {
        fv.text = common::fold_space(fv.text);
        if (m_cfg.date_fields.count(key) != 0) {
            const auto parsed = common::parse_date(fv.text);
            if (parsed.status == common::DateStatus::ok) {
                fv.normalized = parsed.date->iso();
            }
        } else if (key == "disahkan_oleh") {
            if (auto nip = common::find_nip(fv.text)) {
                fv.normalized = *nip;
            }
        }
    }
    auto dh = sop.identity.find("dasar_hukum");
    if (dh != sop.identity.end()) {
        // Split before folding: the value keeps its lines in the layout cell.
        sop.dasar_hukum_items.clear();
        sop.dasar_hukum_where.clear();
    }
    // Mean confidence of what was read.
    double sum = 0;
    int n = 0;
    for (const auto& [key, fv] : sop.identity) {
        sum += fv.confidence;
        ++n;
    }
    for (const auto& s : sop.procedure.steps) {
        sum += s.confidence;
        ++n;
    }
    sop.confidence = n > 0 ? sum / n : 1.0;
}

Recognition Recognizer::run() {
    Recognition out;
    std::optional<Sop> cur;
    bool list_heading = false; // a procedure heading was seen after the identity
    bool title_since_procedure = false;
    // Raw (unfolded) dasar hukum values, kept to split items by line.
    std::map<std::size_t, std::string> raw_dasar;
    auto close = [&] {
        if (cur) {
            out.sops.push_back(std::move(*cur));
            cur.reset();
        }
        list_heading = false;
        title_since_procedure = false;
    };
    auto handle_table = [&](const Table& t, auto& self) -> void {
        const int header = find_procedure_header(t);
        const int identity_end = header >= 0 ? header : t.n_rows;
        const bool identity = count_identity_labels(t, identity_end) >= m_cfg.min_identity_labels;
        if (!identity && header < 0 && cur && cur->identity_found && !cur->procedure.found &&
            !cur->procedure.plain_list && continues_identity(t, *cur)) {
            read_identity(t, t.n_rows, *cur);
            return;
        }
        if (identity) {
            // A second identity table of the same SOP (the six-box grid on its own) carries
            // other keys; otherwise it opens a new SOP.
            bool same_sop = false;
            if (cur && cur->identity_found && !cur->procedure.found && !cur->procedure.plain_list) {
                same_sop = true;
                for (const auto& cell : t.cells) {
                    if (const auto& hit = label_of(cell);
                        hit && cur->identity.count(hit->key) != 0 && hit->key != "instansi") {
                        same_sop = false;
                        break;
                    }
                }
            }
            if (!same_sop) {
                close();
                cur.emplace();
            }
            read_identity(t, identity_end, *cur);
        }
        if (header >= 0) {
            bool continued = false;
            if (cur && cur->procedure.found && !identity && !title_since_procedure) {
                continued = read_procedure(t, header, cur->procedure, true);
            }
            if (!continued) {
                if (!identity && (!cur || cur->procedure.found || cur->procedure.plain_list)) {
                    close();
                    cur.emplace();
                }
                if (!cur) {
                    cur.emplace();
                }
                cur->procedure = Procedure{};
                read_procedure(t, header, cur->procedure, false);
                if (cur->where.table < 0) {
                    cur->where.table = t.index;
                    cur->where.page = t.where.page;
                }
            }
            title_since_procedure = false;
            return;
        }
        if (!identity) {
            // A layout table holding the SOP in nested tables.
            for (const auto& cell : t.cells) {
                for (const int nested : cell.nested_tables) {
                    if (nested >= 0 && nested < static_cast<int>(m_doc.tables.size())) {
                        self(m_doc.tables[static_cast<std::size_t>(nested)], self);
                    }
                }
            }
        }
    };
    for (const auto& block : m_doc.body) {
        if (block.kind == layout::Block::Kind::table) {
            if (block.index >= 0 && block.index < static_cast<int>(m_doc.tables.size())) {
                handle_table(m_doc.tables[static_cast<std::size_t>(block.index)], handle_table);
            }
            continue;
        }
        if (block.index < 0 || block.index >= static_cast<int>(m_doc.paragraphs.size())) {
            continue;
        }
        const auto& p = m_doc.paragraphs[static_cast<std::size_t>(block.index)];
        const auto text = common::fold_space(p.text);
        if (text.empty()) {
            continue;
        }
        if (cur && cur->procedure.found) {
            if (m_match.sop_titles.best_match(text) >= 0 || common::starts_with_ci(text, "SOP ") ||
                common::starts_with_ci(text, "STANDAR OPERASIONAL PROSEDUR")) {
                title_since_procedure = true;
            }
            continue;
        }
        if (!cur || !cur->identity_found) {
            continue;
        }
        // After an identity section with no table yet: a legacy numbered list of steps.
        if (m_match.procedure_headings.best_match(strip_colon(text)) >= 0) {
            list_heading = true;
            continue;
        }
        std::string no, item;
        if (numbered_item(p, no, item) && (list_heading || cur->procedure.plain_list)) {
            auto& proc = cur->procedure;
            proc.plain_list = true;
            Step s;
            s.no = no.empty() ? std::to_string(proc.steps.size() + 1) : no;
            s.kegiatan = item;
            s.where = p.where;
            s.confidence = p.confidence;
            proc.steps.push_back(std::move(s));
            if (proc.where.page == 0) {
                proc.where = p.where;
            }
        } else if (cur->procedure.plain_list) {
            list_heading = false;
        }
    }
    close();
    for (auto& sop : out.sops) {
        // Dasar hukum items from the value's lines (before folding joins them).
        auto dh = sop.identity.find("dasar_hukum");
        std::string raw;
        if (dh != sop.identity.end()) {
            raw = dh->second.text;
        }
        finish(sop);
        if (dh != sop.identity.end()) {
            // Read from a page image, a line is where the print wrapped; in XML, a paragraph.
            sop.dasar_hukum_items =
                m_scanned ? scanned_list_items(raw) : common::split_list_items(raw);
            sop.dasar_hukum_where.assign(sop.dasar_hukum_items.size(), dh->second.where);
        }
    }
    return out;
}

} // namespace

RecognitionConfig::RecognitionConfig(const Poco::JSON::Object::Ptr& config)
    : m_compiled(std::make_unique<const Compiled>(make_config(config))) {}

RecognitionConfig::~RecognitionConfig() = default;

Recognition recognize(const layout::Document& document, const RecognitionConfig& config) {
    Recognizer r(document, *config.m_compiled);
    return r.run();
}

Recognition recognize(const layout::Document& document, const Poco::JSON::Object::Ptr& config) {
    return recognize(document, RecognitionConfig(config));
}

} // namespace sopaudit::sop
