#include "ocr/table_grid.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace sopaudit::ocr {
namespace {

struct Tolerances {
    int snap; // two rules this close are one rule
    int end;  // a line end this close to a rule meets it
    int gap;  // collinear pieces this far apart are one broken line
};

Tolerances tolerances(int dpi) {
    return Tolerances{std::max(4, dpi / 40), std::max(6, dpi / 15), std::max(8, dpi / 12)};
}

// Joins collinear pieces of a broken line (noise, binarisation, a crossing arrow).
std::vector<Segment> merge_collinear(std::vector<Segment> segs, const Tolerances& tol) {
    std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) {
        return a.pos() != b.pos() ? a.pos() < b.pos() : a.lo() < b.lo();
    });
    std::vector<bool> used(segs.size(), false);
    std::vector<Segment> out;
    for (size_t i = 0; i < segs.size(); ++i) {
        if (used[i]) {
            continue;
        }
        Segment cur = segs[i];
        used[i] = true;
        bool grew = true;
        while (grew) {
            grew = false;
            for (size_t j = i + 1; j < segs.size(); ++j) {
                if (used[j]) {
                    continue;
                }
                if (segs[j].pos() - cur.pos() > 2 * tol.snap) {
                    break;
                }
                if (std::abs(segs[j].pos() - cur.pos()) > tol.snap) {
                    continue;
                }
                if (segs[j].lo() > cur.hi() + tol.gap || segs[j].hi() < cur.lo() - tol.gap) {
                    continue;
                }
                Rect& a = cur.box;
                const Rect& b = segs[j].box;
                a = Rect{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
                         std::max(a.y1, b.y1)};
                used[j] = true;
                grew = true;
            }
        }
        out.push_back(cur);
    }
    return out;
}

// Whether the line end at `along` (x for a horizontal line) on the line at `pos` meets one of the
// accepted perpendicular rules.
bool meets(int along, int pos, const std::vector<const Segment*>& rules, const Tolerances& tol) {
    for (const Segment* r : rules) {
        if (std::abs(r->pos() - along) <= tol.end && pos >= r->lo() - tol.end &&
            pos <= r->hi() + tol.end) {
            return true;
        }
    }
    return false;
}

std::vector<int> cluster_positions(const std::vector<const Segment*>& rules,
                                   const Tolerances& tol) {
    std::vector<std::pair<int, int>> pos; // position, weight (length)
    for (const Segment* s : rules) {
        pos.emplace_back(s->pos(), s->length());
    }
    std::sort(pos.begin(), pos.end());
    std::vector<int> out;
    size_t i = 0;
    while (i < pos.size()) {
        size_t j = i;
        double sum = 0, weight = 0;
        while (j < pos.size() && pos[j].first - pos[i].first <= tol.snap * 2) {
            sum += double(pos[j].first) * pos[j].second;
            weight += pos[j].second;
            ++j;
        }
        out.push_back(static_cast<int>(std::lround(sum / std::max(1.0, weight))));
        i = j;
    }
    return out;
}

// Fraction of [lo, hi) covered by the rules at position p.
double coverage(int p, int lo, int hi, const std::vector<const Segment*>& rules,
                const Tolerances& tol) {
    if (hi <= lo) {
        return 0;
    }
    std::vector<std::pair<int, int>> spans;
    for (const Segment* r : rules) {
        if (std::abs(r->pos() - p) <= tol.snap * 2) {
            const int a = std::max(lo, r->lo()), b = std::min(hi, r->hi());
            if (b > a) {
                spans.emplace_back(a, b);
            }
        }
    }
    std::sort(spans.begin(), spans.end());
    int covered = 0, end = lo;
    for (auto [a, b] : spans) {
        a = std::max(a, end);
        if (b > a) {
            covered += b - a;
            end = b;
        }
    }
    return double(covered) / (hi - lo);
}

struct UnionFind {
    std::vector<int> parent;
    explicit UnionFind(int n) : parent(static_cast<size_t>(n)) {
        std::iota(parent.begin(), parent.end(), 0);
    }
    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
    void unite(int a, int b) { parent[find(a)] = find(b); }
};

std::vector<GridCell> build_cells(const std::vector<int>& xs, const std::vector<int>& ys,
                                  const std::vector<const Segment*>& hrules,
                                  const std::vector<const Segment*>& vrules,
                                  const Tolerances& tol) {
    const int R = static_cast<int>(ys.size()) - 1, C = static_cast<int>(xs.size()) - 1;
    UnionFind uf(R * C);
    for (int r = 0; r < R; ++r) {
        for (int c = 0; c + 1 < C; ++c) {
            if (coverage(xs[c + 1], ys[r], ys[r + 1], vrules, tol) < 0.5) {
                uf.unite(r * C + c, r * C + c + 1);
            }
        }
    }
    for (int r = 0; r + 1 < R; ++r) {
        for (int c = 0; c < C; ++c) {
            if (coverage(ys[r + 1], xs[c], xs[c + 1], hrules, tol) < 0.5) {
                uf.unite(r * C + c, (r + 1) * C + c);
            }
        }
    }
    // Regions as grid rectangles; an L-shaped region (a rule missing on one side only) becomes
    // its bounding rectangle, and rectangles that then overlap merge.
    std::map<int, Rect> regions;
    for (int r = 0; r < R; ++r) {
        for (int c = 0; c < C; ++c) {
            const int root = uf.find(r * C + c);
            auto it = regions.find(root);
            if (it == regions.end()) {
                regions[root] = Rect{c, r, c + 1, r + 1};
            } else {
                Rect& g = it->second;
                g = Rect{std::min(g.x0, c), std::min(g.y0, r), std::max(g.x1, c + 1),
                         std::max(g.y1, r + 1)};
            }
        }
    }
    std::vector<Rect> rects;
    for (auto& [root, g] : regions) {
        rects.push_back(g);
    }
    bool merged = true;
    while (merged) {
        merged = false;
        for (size_t i = 0; i < rects.size() && !merged; ++i) {
            for (size_t j = i + 1; j < rects.size(); ++j) {
                const Rect& a = rects[i];
                const Rect& b = rects[j];
                if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
                    rects[i] = Rect{std::min(a.x0, b.x0), std::min(a.y0, b.y0),
                                    std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
                    rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(j));
                    merged = true;
                    break;
                }
            }
        }
    }
    std::sort(rects.begin(), rects.end(), [](const Rect& a, const Rect& b) {
        return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    std::vector<GridCell> cells;
    for (const Rect& g : rects) {
        GridCell cell;
        cell.row = g.y0;
        cell.col = g.x0;
        cell.row_span = g.height();
        cell.col_span = g.width();
        cell.box = Rect{xs[g.x0], ys[g.y0], xs[g.x1], ys[g.y1]};
        cells.push_back(cell);
    }
    return cells;
}

} // namespace

std::vector<Segment> find_segments(PIX* binary, int dpi, bool horizontal, PixPtr* strokes) {
    const int len = std::max(20, static_cast<int>(dpi * 0.15));
    const int bridge = std::max(3, dpi / 60);
    const int max_thickness = std::max(6, dpi / 12) + 2;
    // A hairline rule with a residual tilt climbs one pixel every so often: thickening across
    // the line first joins the steps, so the opening sees one run.
    PixPtr thick(pixDilateBrick(nullptr, binary, horizontal ? 1 : 3, horizontal ? 3 : 1));
    PixPtr closed(
        pixCloseBrick(nullptr, thick.get(), horizontal ? bridge : 1, horizontal ? 1 : bridge));
    PixPtr opened(pixOpenBrick(nullptr, closed.get(), horizontal ? len : 1, horizontal ? 1 : len));
    std::vector<Segment> out;
    for (const Rect& r : component_rects(opened.get(), 8)) {
        Segment s{r, horizontal};
        const int thickness = horizontal ? r.height() : r.width();
        // Thick blobs are filled areas (logos, shading), not rules; a long rule may have a
        // bounding box a little thicker than the stroke because of residual skew.
        if (thickness > max_thickness + s.length() / 150) {
            continue;
        }
        out.push_back(s);
    }
    if (strokes != nullptr) {
        // Stroke pixels of the original image: the opening of the closed image may have
        // bridged gaps that hold no ink.
        pixAnd(opened.get(), opened.get(), binary);
        *strokes = std::move(opened);
    }
    return merge_collinear(std::move(out), tolerances(dpi));
}

namespace {

// Tables whose rules are looked for in lines_from; the rules mask holds pixels of binary.
TableAnalysis analyse(PIX* binary, PIX* lines_from, int dpi) {
    const Tolerances tol = tolerances(dpi);
    TableAnalysis out;
    const int W = pixGetWidth(binary), H = pixGetHeight(binary);
    out.rules.reset(pixCreate(W, H, 1));

    PixPtr hstrokes, vstrokes;
    std::vector<Segment> hsegs = find_segments(lines_from, dpi, true, &hstrokes);
    std::vector<Segment> vsegs = find_segments(lines_from, dpi, false, &vstrokes);
    if (hsegs.size() < 2 || vsegs.size() < 2) {
        return out;
    }
    // Table regions: connected groups of lines.
    PixPtr lines(pixCreate(W, H, 1));
    for (const auto* group : {&hsegs, &vsegs}) {
        for (const Segment& s : *group) {
            const int pad = 2;
            BoxPtr b(boxCreate(s.box.x0 - pad, s.box.y0 - pad, s.box.width() + 2 * pad,
                               s.box.height() + 2 * pad));
            pixSetInRect(lines.get(), b.get());
        }
    }
    std::vector<Rect> regions;
    for (const Rect& r : component_rects(lines.get(), 8)) {
        if (r.width() >= dpi && r.height() >= dpi / 3) {
            regions.push_back(r);
        }
    }
    std::sort(regions.begin(), regions.end(),
              [](const Rect& a, const Rect& b) { return a.y0 < b.y0; });

    for (const Rect& region : regions) {
        auto inside = [&](const Segment& s) {
            return s.box.cx() >= region.x0 - tol.end && s.box.cx() <= region.x1 + tol.end &&
                   s.box.cy() >= region.y0 - tol.end && s.box.cy() <= region.y1 + tol.end;
        };
        std::vector<const Segment*> hs, vs;
        for (const Segment& s : hsegs) {
            if (inside(s)) {
                hs.push_back(&s);
            }
        }
        for (const Segment& s : vsegs) {
            if (inside(s)) {
                vs.push_back(&s);
            }
        }
        // Seeds: lines spanning nearly the whole region (outer borders, full-height column
        // rules). A flowchart arrow may be long, but never that long, and a real rule that is
        // shorter is found below by its ends.
        std::vector<const Segment*> hacc, vacc, hrest, vrest;
        auto seed = [](std::vector<const Segment*>& all, int extent,
                       std::vector<const Segment*>& acc, std::vector<const Segment*>& rest) {
            int longest = 0;
            for (const Segment* s : all) {
                longest = std::max(longest, s->length());
            }
            // A faint border broken beyond repair: fall back to the longest lines.
            const int need = longest >= extent * 85 / 100 ? extent * 85 / 100 : longest * 95 / 100;
            for (const Segment* s : all) {
                (s->length() >= need && s->length() >= extent / 2 ? acc : rest).push_back(s);
            }
        };
        seed(hs, region.width(), hacc, hrest);
        seed(vs, region.height(), vacc, vrest);
        if (hacc.empty() || vacc.empty()) {
            continue;
        }
        // Grow the rule set: a line whose two ends meet accepted rules is a rule too.
        bool grew = true;
        while (grew) {
            grew = false;
            for (auto it = hrest.begin(); it != hrest.end();) {
                const Segment* s = *it;
                if (meets(s->lo(), s->pos(), vacc, tol) && meets(s->hi(), s->pos(), vacc, tol)) {
                    hacc.push_back(s);
                    it = hrest.erase(it);
                    grew = true;
                } else {
                    ++it;
                }
            }
            for (auto it = vrest.begin(); it != vrest.end();) {
                const Segment* s = *it;
                if (meets(s->lo(), s->pos(), hacc, tol) && meets(s->hi(), s->pos(), hacc, tol)) {
                    vacc.push_back(s);
                    it = vrest.erase(it);
                    grew = true;
                } else {
                    ++it;
                }
            }
        }
        TableGrid grid;
        grid.xs = cluster_positions(vacc, tol);
        grid.ys = cluster_positions(hacc, tol);
        if (grid.xs.size() < 2 || grid.ys.size() < 2) {
            continue;
        }
        grid.box = Rect{grid.xs.front(), grid.ys.front(), grid.xs.back(), grid.ys.back()};
        if (grid.box.width() < dpi || grid.box.height() < dpi / 4) {
            continue;
        }
        grid.cells = build_cells(grid.xs, grid.ys, hacc, vacc, tol);
        for (const auto* group : {&hacc, &vacc}) {
            for (const Segment* s : *group) {
                const int pad = 1;
                BoxPtr b(boxCreate(s->box.x0 - pad, s->box.y0 - pad, s->box.width() + 2 * pad,
                                   s->box.height() + 2 * pad));
                pixSetInRect(out.rules.get(), b.get());
            }
        }
        out.tables.push_back(std::move(grid));
    }
    // Only the rules' own strokes: descenders and text touching a rule stay.
    PixPtr strokes(pixOr(nullptr, hstrokes.get(), vstrokes.get()));
    PixPtr grown(pixDilateBrick(nullptr, strokes.get(), 1 + 2 * std::max(1, dpi / 150),
                                1 + 2 * std::max(1, dpi / 150)));
    pixAnd(grown.get(), grown.get(), binary);
    pixAnd(out.rules.get(), out.rules.get(), grown.get());
    return out;
}

long area(const Rect& r) {
    return static_cast<long>(std::max(0, r.width())) * std::max(0, r.height());
}

Rect intersection(const Rect& a, const Rect& b) {
    return Rect{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1),
                std::min(a.y1, b.y1)};
}

// Adds the table and its rules (the part of from's mask over the table) to out.
void take_table(TableAnalysis& out, TableGrid grid, PIX* from_rules) {
    const int pad = 4;
    const Rect r{grid.box.x0 - pad, grid.box.y0 - pad, grid.box.x1 + pad, grid.box.y1 + pad};
    pixRasterop(out.rules.get(), r.x0, r.y0, r.width(), r.height(), PIX_PAINT, from_rules, r.x0,
                r.y0);
    out.tables.push_back(std::move(grid));
}

} // namespace

TableAnalysis find_tables(PIX* binary, int dpi, PIX* line_ink) {
    TableAnalysis sharp = analyse(binary, binary, dpi);
    l_int32 same = 0;
    if (line_ink == nullptr || (pixEqual(binary, line_ink, &same) == 0 && same == 1)) {
        return sharp; // no faint ink (a bilevel scan): the same tables again
    }
    // The faint ink mends rules Otsu broke, but it also thickens and joins arrows and symbol
    // edges: a table is taken from it only where the sharp ink found none or only a part of
    // it.
    TableAnalysis faint = analyse(binary, line_ink, dpi);
    TableAnalysis out;
    out.rules.reset(pixCreate(pixGetWidth(binary), pixGetHeight(binary), 1));
    std::vector<bool> sharp_used(sharp.tables.size(), false);
    for (TableGrid& f : faint.tables) {
        long covered = 0;
        for (const TableGrid& t : sharp.tables) {
            covered += area(intersection(t.box, f.box));
        }
        if (covered >= area(f.box) * 8 / 10) {
            continue;
        }
        for (size_t i = 0; i < sharp.tables.size(); ++i) {
            if (area(intersection(sharp.tables[i].box, f.box)) > 0) {
                sharp_used[i] = true; // replaced by the larger faint table
            }
        }
        take_table(out, std::move(f), faint.rules.get());
    }
    for (size_t i = 0; i < sharp.tables.size(); ++i) {
        if (!sharp_used[i]) {
            take_table(out, std::move(sharp.tables[i]), sharp.rules.get());
        }
    }
    std::sort(out.tables.begin(), out.tables.end(),
              [](const TableGrid& a, const TableGrid& b) { return a.box.y0 < b.box.y0; });
    return out;
}

} // namespace sopaudit::ocr
