#include "sop/sop_json.hpp"

#include "common/json_writer.hpp"

#include <Poco/JSON/Array.h>
#include <algorithm>

namespace sopaudit::sop {

using Poco::JSON::Array;
using Poco::JSON::Object;

// Location of report.schema.json; the 0-based grid row/col of the layout are kept as extra
// members ("grid_row", "grid_col") so state/ can restore them.
Object::Ptr location_json(const layout::Provenance& p) {
    Object::Ptr o = new Object;
    if (p.page > 0) {
        o->set("page", p.page);
    }
    if (p.table >= 0) {
        o->set("table", p.table);
    }
    if (p.row >= 0) {
        o->set("grid_row", p.row);
    }
    if (p.col >= 0) {
        o->set("grid_col", p.col);
    }
    if (p.bbox) {
        Array::Ptr b = new Array;
        b->add(p.bbox->x0);
        b->add(p.bbox->y0);
        b->add(p.bbox->x1);
        b->add(p.bbox->y1);
        o->set("bbox", b);
    }
    return o;
}

layout::Provenance location_from(const Object::Ptr& o) {
    layout::Provenance p;
    if (!o) {
        return p;
    }
    if (o->has("page")) {
        p.page = o->getValue<int>("page");
    }
    if (o->has("table")) {
        p.table = o->getValue<int>("table");
    }
    if (o->has("grid_row")) {
        p.row = o->getValue<int>("grid_row");
    }
    if (o->has("grid_col")) {
        p.col = o->getValue<int>("grid_col");
    }
    if (auto b = o->getArray("bbox"); b && b->size() == 4) {
        p.bbox = layout::BBox{b->getElement<double>(0), b->getElement<double>(1),
                              b->getElement<double>(2), b->getElement<double>(3)};
    }
    return p;
}

namespace {

Array::Ptr strings_json(const std::vector<std::string>& v) {
    Array::Ptr a = new Array;
    for (const auto& s : v) {
        a->add(s);
    }
    return a;
}

std::vector<std::string> strings_from(const Array::Ptr& a) {
    std::vector<std::string> out;
    if (!a) {
        return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    }
    return out;
}

std::string str(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->isNull(key)) {
        return {};
    }
    return o->getValue<std::string>(key);
}

} // namespace

Poco::JSON::Object::Ptr to_json(const Sop& sop) {
    Object::Ptr o = new Object;
    Object::Ptr identity = new Object;
    for (const auto& key : k_identity_keys) {
        const auto it = sop.identity.find(key);
        if (it == sop.identity.end()) {
            continue;
        }
        const auto& fv = it->second;
        Object::Ptr f = new Object;
        f->set("text", fv.text);
        if (fv.normalized) {
            f->set("normalized", *fv.normalized);
        } else {
            f->set("normalized", Poco::Dynamic::Var());
        }
        f->set("confidence", fv.confidence);
        auto loc = location_json(fv.where);
        loc->set("field", std::string(key));
        f->set("location", loc);
        f->set("label", fv.label);
        f->set("label_location", location_json(fv.label_where));
        identity->set(key, f);
    }
    o->set("identity", identity);
    o->set("actors", strings_json(sop.procedure.actors));
    Array::Ptr steps = new Array;
    for (std::size_t i = 0; i < sop.procedure.steps.size(); ++i) {
        const auto& s = sop.procedure.steps[i];
        Object::Ptr j = new Object;
        j->set("no", s.no);
        j->set("kegiatan", s.kegiatan);
        j->set("actors", strings_json(s.actors));
        if (s.symbol == Symbol::none) {
            j->set("symbol", Poco::Dynamic::Var());
        } else {
            j->set("symbol", std::string(to_string(s.symbol)));
        }
        j->set("kelengkapan", s.kelengkapan);
        j->set("waktu", s.waktu);
        j->set("output", s.output);
        j->set("keterangan", s.keterangan);
        auto loc = location_json(s.where);
        loc->set("row", static_cast<int>(i + 1));
        j->set("location", loc);
        Array::Ptr idx = new Array;
        for (const int a : s.actor_indices) {
            idx->add(a);
        }
        j->set("actor_indices", idx);
        j->set("symbol_geometries", strings_json(s.symbol_geometries));
        j->set("offpage_connector", s.has_offpage_connector);
        j->set("confidence", s.confidence);
        steps->add(j);
    }
    o->set("steps", steps);
    // Beyond the schema's required members: what audit/ needs to judge the SOP again.
    o->set("identity_found", sop.identity_found);
    Object::Ptr proc = new Object;
    proc->set("found", sop.procedure.found);
    proc->set("plain_list", sop.procedure.plain_list);
    proc->set("columns", strings_json(sop.procedure.columns));
    Array::Ptr tables = new Array;
    for (const int t : sop.procedure.tables) {
        tables->add(t);
    }
    proc->set("tables", tables);
    proc->set("location", location_json(sop.procedure.where));
    o->set("procedure", proc);
    o->set("dasar_hukum_items", strings_json(sop.dasar_hukum_items));
    o->set("location", location_json(sop.where));
    o->set("confidence", sop.confidence);
    return o;
}

Sop from_json(const Poco::JSON::Object::Ptr& json) {
    Sop sop;
    if (!json) {
        return sop;
    }
    if (auto identity = json->getObject("identity")) {
        for (const auto& [key, value] : *identity) {
            auto f = identity->getObject(key);
            if (!f) {
                continue;
            }
            FieldValue fv;
            fv.text = str(f, "text");
            if (f->has("normalized") && !f->isNull("normalized")) {
                fv.normalized = f->getValue<std::string>("normalized");
            }
            if (f->has("confidence") && !f->isNull("confidence")) {
                fv.confidence = f->getValue<double>("confidence");
            }
            fv.where = location_from(f->getObject("location"));
            fv.label = str(f, "label");
            fv.label_where = location_from(f->getObject("label_location"));
            sop.identity[key] = fv;
        }
    }
    sop.procedure.actors = strings_from(json->getArray("actors"));
    if (auto steps = json->getArray("steps")) {
        for (std::size_t i = 0; i < steps->size(); ++i) {
            auto j = steps->getObject(static_cast<unsigned>(i));
            if (!j) {
                continue;
            }
            Step s;
            s.no = str(j, "no");
            s.kegiatan = str(j, "kegiatan");
            s.actors = strings_from(j->getArray("actors"));
            s.symbol = symbol_from_string(str(j, "symbol"));
            s.kelengkapan = str(j, "kelengkapan");
            s.waktu = str(j, "waktu");
            s.output = str(j, "output");
            s.keterangan = str(j, "keterangan");
            s.where = location_from(j->getObject("location"));
            if (auto idx = j->getArray("actor_indices")) {
                for (std::size_t k = 0; k < idx->size(); ++k) {
                    s.actor_indices.push_back(idx->getElement<int>(static_cast<unsigned>(k)));
                }
            } else {
                for (const auto& a : s.actors) {
                    for (std::size_t k = 0; k < sop.procedure.actors.size(); ++k) {
                        if (sop.procedure.actors[k] == a) {
                            s.actor_indices.push_back(static_cast<int>(k));
                            break;
                        }
                    }
                }
            }
            s.symbol_geometries = strings_from(j->getArray("symbol_geometries"));
            s.has_offpage_connector =
                j->has("offpage_connector") && j->getValue<bool>("offpage_connector");
            if (j->has("confidence")) {
                s.confidence = j->getValue<double>("confidence");
            }
            sop.procedure.steps.push_back(std::move(s));
        }
    }
    sop.identity_found = json->has("identity_found") ? json->getValue<bool>("identity_found")
                                                     : !sop.identity.empty();
    if (auto proc = json->getObject("procedure")) {
        sop.procedure.found = proc->has("found") && proc->getValue<bool>("found");
        sop.procedure.plain_list = proc->has("plain_list") && proc->getValue<bool>("plain_list");
        sop.procedure.columns = strings_from(proc->getArray("columns"));
        if (auto tables = proc->getArray("tables")) {
            for (std::size_t i = 0; i < tables->size(); ++i) {
                sop.procedure.tables.push_back(tables->getElement<int>(static_cast<unsigned>(i)));
            }
        }
        sop.procedure.where = location_from(proc->getObject("location"));
    } else {
        sop.procedure.found = !sop.procedure.steps.empty();
    }
    sop.dasar_hukum_items = strings_from(json->getArray("dasar_hukum_items"));
    const auto dh = sop.identity.find("dasar_hukum");
    sop.dasar_hukum_where.assign(sop.dasar_hukum_items.size(), dh != sop.identity.end()
                                                                   ? dh->second.where
                                                                   : layout::Provenance{});
    sop.where = location_from(json->getObject("location"));
    if (json->has("confidence")) {
        sop.confidence = json->getValue<double>("confidence");
    }
    return sop;
}

// The writers below print members in the order Poco prints a plain Poco::JSON::Object: sorted
// by name (to_json above builds such objects). tests/sop/sop_json_test.cpp compares the bytes.
void write_location(common::JsonWriter& out, const layout::Provenance& p,
                    std::optional<std::string_view> field, std::optional<int> row) {
    out.begin_object();
    if (p.bbox) {
        out.key("bbox");
        out.begin_array();
        out.value(p.bbox->x0);
        out.value(p.bbox->y0);
        out.value(p.bbox->x1);
        out.value(p.bbox->y1);
        out.end_array();
    }
    if (field) {
        out.member("field", *field);
    }
    if (p.col >= 0) {
        out.member("grid_col", p.col);
    }
    if (p.row >= 0) {
        out.member("grid_row", p.row);
    }
    if (p.page > 0) {
        out.member("page", p.page);
    }
    if (row) {
        out.member("row", *row);
    }
    if (p.table >= 0) {
        out.member("table", p.table);
    }
    out.end_object();
}

namespace {

void write_strings(common::JsonWriter& out, const std::vector<std::string>& v) {
    out.begin_array();
    for (const auto& s : v) {
        out.value(s);
    }
    out.end_array();
}

void write_ints(common::JsonWriter& out, const std::vector<int>& v) {
    out.begin_array();
    for (const int i : v) {
        out.value(i);
    }
    out.end_array();
}

void write_step(common::JsonWriter& out, const Step& s, int row) {
    out.begin_object();
    out.key("actor_indices");
    write_ints(out, s.actor_indices);
    out.key("actors");
    write_strings(out, s.actors);
    out.member("confidence", s.confidence);
    out.member("kegiatan", s.kegiatan);
    out.member("kelengkapan", s.kelengkapan);
    out.member("keterangan", s.keterangan);
    out.key("location");
    write_location(out, s.where, std::nullopt, row);
    out.member("no", s.no);
    out.member("offpage_connector", s.has_offpage_connector);
    out.member("output", s.output);
    if (s.symbol == Symbol::none) {
        out.null_member("symbol");
    } else {
        out.member("symbol", to_string(s.symbol));
    }
    out.key("symbol_geometries");
    write_strings(out, s.symbol_geometries);
    out.member("waktu", s.waktu);
    out.end_object();
}

} // namespace

void write_json(common::JsonWriter& out, const Sop& sop) {
    out.begin_object();
    out.key("actors");
    write_strings(out, sop.procedure.actors);
    out.member("confidence", sop.confidence);
    out.key("dasar_hukum_items");
    write_strings(out, sop.dasar_hukum_items);

    out.key("identity");
    out.begin_object();
    std::vector<std::string_view> keys; // the known keys present, by name as Poco sorts them
    for (const auto& key : k_identity_keys) {
        if (sop.identity.count(std::string(key)) != 0) {
            keys.emplace_back(key);
        }
    }
    std::sort(keys.begin(), keys.end());
    for (const auto key : keys) {
        const FieldValue& fv = sop.identity.at(std::string(key));
        out.key(key);
        out.begin_object();
        out.member("confidence", fv.confidence);
        out.member("label", fv.label);
        out.key("label_location");
        write_location(out, fv.label_where);
        out.key("location");
        write_location(out, fv.where, key);
        if (fv.normalized) {
            out.member("normalized", *fv.normalized);
        } else {
            out.null_member("normalized");
        }
        out.member("text", fv.text);
        out.end_object();
    }
    out.end_object();

    out.member("identity_found", sop.identity_found);
    out.key("location");
    write_location(out, sop.where);

    out.key("procedure");
    out.begin_object();
    out.key("columns");
    write_strings(out, sop.procedure.columns);
    out.member("found", sop.procedure.found);
    out.key("location");
    write_location(out, sop.procedure.where);
    out.member("plain_list", sop.procedure.plain_list);
    out.key("tables");
    write_ints(out, sop.procedure.tables);
    out.end_object();

    out.key("steps");
    out.begin_array();
    for (std::size_t i = 0; i < sop.procedure.steps.size(); ++i) {
        write_step(out, sop.procedure.steps[i], static_cast<int>(i + 1));
    }
    out.end_array();
    out.end_object();
}

} // namespace sopaudit::sop
