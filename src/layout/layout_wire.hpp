#pragma once
// The layout model in common/wire.hpp's encoding: what a reader process sends back.

#include "common/wire.hpp"
#include "layout/layout.hpp"

namespace sopaudit::layout {

void put(common::wire::Writer& w, const Provenance& p);
void get(common::wire::Reader& r, Provenance& p);
void put(common::wire::Writer& w, const Shape& s);
void get(common::wire::Reader& r, Shape& s);
void put(common::wire::Writer& w, const Paragraph& p);
void get(common::wire::Reader& r, Paragraph& p);
void put(common::wire::Writer& w, const Cell& c);
void get(common::wire::Reader& r, Cell& c);
void put(common::wire::Writer& w, const Table& t);
void get(common::wire::Reader& r, Table& t);
void put(common::wire::Writer& w, const Block& b);
void get(common::wire::Reader& r, Block& b);
void put(common::wire::Writer& w, const Page& p);
void get(common::wire::Reader& r, Page& p);
void put(common::wire::Writer& w, const Problem& p);
void get(common::wire::Reader& r, Problem& p);

} // namespace sopaudit::layout
