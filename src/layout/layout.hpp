#pragma once
// The format-neutral layout document: what is on the pages of a file, with provenance.
// Both readers (docx/ and ocr/) produce it; sop/ reads it. Nothing here knows about SOPs.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sopaudit::layout {

// x0, y0, x1, y1 in pixels of the page image as stored (scans), or in twips of the page (DOCX,
// where known).
struct BBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
};

// Where an element is. -1 / 0 mean unknown.
struct Provenance {
    int page = 0;    // 1-based; 0 = unknown
    int table = -1;  // 0-based index into Document::tables
    int row = -1;    // 0-based grid row of the table
    int col = -1;    // 0-based grid column of the table
    std::optional<BBox> bbox;
};

// What a drawn shape is, as far as the reader can tell from its geometry alone.
enum class ShapeClass {
    unknown,
    terminator, // capsule / rounded rectangle / flowChartTerminator
    process,    // rectangle
    decision,   // diamond
    connector,  // off-page connector, pentagon (home plate)
    other,      // a closed shape that is none of the four (ellipse, document, cylinder ...)
    mark,       // a tick or a cross (scans), or a mark glyph
    line,       // arrows, connectors, lines: never a step symbol
};

struct Shape {
    // The geometry as the file names it: DrawingML preset ("flowChartTerminator", "rect"),
    // VML element ("v:roundrect", "v:shape#116"), or for scans the classifier's verdict ("scan:diamond").
    std::string geometry;
    ShapeClass shape_class = ShapeClass::unknown;
    std::string text;          // text inside the shape (w:txbxContent), if any
    bool floating = false;     // anchored (wp:anchor, absolute VML) rather than inline
    // Horizontal placement of a floating shape, in EMU, relative to h_relative_from
    // ("column" = the anchoring cell's text column, "character", "margin", "page", ...).
    std::string h_relative_from;
    std::int64_t h_offset_emu = 0;
    std::int64_t v_offset_emu = 0;
    std::int64_t width_emu = 0;
    std::int64_t height_emu = 0;
    // The anchoring cell (table/row/col) for DOCX; for scans the cell the symbol was found in,
    // with bbox in page pixels.
    Provenance where;
    double confidence = 1.0;
};

struct Paragraph {
    std::string text;     // runs joined; tabs as '\t', breaks as '\n'; text boxes included
    std::string style;    // paragraph style id, if any
    int num_id = -1;      // list numbering (w:numPr) if any
    int num_level = -1;
    bool bold = false;    // every run bold
    Provenance where;
    double confidence = 1.0; // 1 for text read from XML, 0..1 for OCR
};

// A cell of a table grid. Only the origin cell of a merged region is stored.
struct Cell {
    int row = 0;
    int col = 0;
    int row_span = 1;
    int col_span = 1;
    std::vector<Paragraph> paragraphs;
    std::vector<Shape> shapes;        // shapes anchored in (DOCX) or found in (scans) this cell
    std::vector<int> nested_tables;   // indices into Document::tables
    bool shaded = false;              // has a background fill (header cells often do)
    Provenance where;
    double confidence = 1.0;

    // Paragraph texts joined with '\n'.
    std::string text() const;
};

struct Table {
    int index = 0;             // position in Document::tables
    int parent_table = -1;     // for nested tables
    int n_rows = 0;
    int n_cols = 0;
    std::vector<double> col_widths; // grid column widths: twips (DOCX) or pixels (scans)
    std::vector<bool> header_rows;  // per row: marked as repeating header (w:tblHeader)
    std::vector<Cell> cells;        // origin cells, row-major
    Provenance where;               // page, bbox of the whole table

    // The cell covering grid position (r, c), or nullptr.
    const Cell* cell_at(int r, int c) const;
};

// Reading order of the body: each entry points into paragraphs or tables.
struct Block {
    enum class Kind { paragraph, table };
    Kind kind = Kind::paragraph;
    int index = 0;
};

struct Page {
    int number = 1;
    double width = 0;    // pixels (scans) or twips (DOCX sections)
    double height = 0;
    int dpi = 0;         // 0 for DOCX
    int rotation = 0;    // degrees the stored image was turned to read it (0/90/180/270)
    double skew = 0;     // degrees of deskew applied
    double confidence = 1.0; // mean OCR confidence of the page, 1 for XML/text layers
    std::string method;  // "xml", "pdf-text", "ocr"
    bool landscape = false;
};

struct Document {
    std::vector<Paragraph> paragraphs; // body paragraphs outside tables
    std::vector<Table> tables;         // all tables, nested ones included
    std::vector<Block> body;           // top-level reading order
    std::vector<Shape> shapes;         // shapes not inside any table cell
    std::vector<Page> pages;
    std::string method;                // "xml", "pdf-text", "ocr", "mixed"
    // Text of the page headers (DOCX w:hdr parts), paragraph by paragraph, tables flattened;
    // not part of the body order. Often repeats the body's name or the SOP's title.
    std::vector<Paragraph> header_paragraphs;
};

// Why a file (or a page of it) could not be read as it should. audit/ turns these into
// ingest-* findings; readers never throw for a bad input.
enum class ProblemKind { unreadable, encrypted, unsupported, limit, low_confidence };

struct Problem {
    ProblemKind kind = ProblemKind::unreadable;
    std::string detail; // short technical reason, e.g. "zip: not a zip archive"
    int page = 0;       // 1-based page it concerns, 0 = whole file
};

struct ReadResult {
    Document document;
    std::vector<Problem> problems;
    // True when nothing usable was read (the file failed); problems says why.
    bool failed = false;
};

const char* to_string(ShapeClass c);
const char* to_string(ProblemKind k);

} // namespace sopaudit::layout
