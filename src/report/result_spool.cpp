#include "report/result_spool.hpp"

#include "common/wire.hpp"
#include "layout/layout_wire.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <stdexcept>
#include <unistd.h>

namespace sopaudit::report {
namespace {

[[noreturn]] void spool_failed(const std::string& what, const std::filesystem::path& label) {
    throw std::runtime_error("cannot write " + label.string() + ": " + what + ": " +
                             std::strerror(errno));
}

constexpr std::int64_t k_record_magic = 0x0153'4F50'5350'4F31; // "SOPSPO1"

using common::wire::get_all;
using common::wire::put_all;
using common::wire::Reader;
using common::wire::Writer;
using layout::get;
using layout::put;

void put_strings(Writer& w, const std::vector<std::string>& v) {
    w.count(v.size());
    for (const auto& s : v) {
        w.str(s);
    }
}
void get_strings(Reader& r, std::vector<std::string>& v) {
    const std::size_t n = r.count(8);
    v.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        v.push_back(r.str());
    }
}
void put_ints(Writer& w, const std::vector<int>& v) {
    w.count(v.size());
    for (const int i : v) {
        w.i64(i);
    }
}
void get_ints(Reader& r, std::vector<int>& v) {
    const std::size_t n = r.count(8);
    v.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        v.push_back(r.i32());
    }
}
template <class T, class Put>
void put_optional(Writer& w, const std::optional<T>& v, Put put_value) {
    w.flag(v.has_value());
    if (v) {
        put_value(*v);
    }
}

void put_field(Writer& w, const sop::FieldValue& f) {
    w.str(f.label);
    w.str(f.text);
    put_optional(w, f.normalized, [&](const std::string& s) { w.str(s); });
    w.f64(f.confidence);
    put(w, f.where);
    put(w, f.label_where);
}
void get_field(Reader& r, sop::FieldValue& f) {
    f.label = r.str();
    f.text = r.str();
    if (r.flag()) {
        f.normalized = r.str();
    }
    f.confidence = r.f64();
    get(r, f.where);
    get(r, f.label_where);
}

void put_step(Writer& w, const sop::Step& s) {
    for (const auto* text :
         {&s.no, &s.kegiatan, &s.kelengkapan, &s.waktu, &s.output, &s.keterangan}) {
        w.str(*text);
    }
    put_strings(w, s.actors);
    put_ints(w, s.actor_indices);
    w.i64(static_cast<int>(s.symbol));
    put_strings(w, s.symbol_geometries);
    w.flag(s.has_offpage_connector);
    put(w, s.where);
    w.f64(s.confidence);
}
void get_step(Reader& r, sop::Step& s) {
    for (auto* text : {&s.no, &s.kegiatan, &s.kelengkapan, &s.waktu, &s.output, &s.keterangan}) {
        *text = r.str();
    }
    get_strings(r, s.actors);
    get_ints(r, s.actor_indices);
    const auto symbol = r.i64();
    if (symbol < 0 || symbol > static_cast<int>(sop::Symbol::mark)) {
        r.fail();
    }
    s.symbol = static_cast<sop::Symbol>(symbol);
    get_strings(r, s.symbol_geometries);
    s.has_offpage_connector = r.flag();
    get(r, s.where);
    s.confidence = r.f64();
}

void put_sop(Writer& w, const sop::Sop& s) {
    w.flag(s.identity_found);
    w.count(s.identity.size());
    for (const auto& [key, field] : s.identity) {
        w.str(key);
        put_field(w, field);
    }
    put_strings(w, s.dasar_hukum_items);
    put_all(w, s.dasar_hukum_where);
    const auto& p = s.procedure;
    w.flag(p.found);
    w.flag(p.plain_list);
    put_strings(w, p.columns);
    put_strings(w, p.actors);
    w.i64(p.unkeyed_columns);
    w.count(p.steps.size());
    for (const auto& step : p.steps) {
        put_step(w, step);
    }
    put_ints(w, p.tables);
    put(w, p.where);
    put(w, s.where);
    w.f64(s.confidence);
}
void get_sop(Reader& r, sop::Sop& s) {
    s.identity_found = r.flag();
    std::size_t n = r.count(8);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        std::string key = r.str();
        get_field(r, s.identity[key]);
    }
    get_strings(r, s.dasar_hukum_items);
    get_all(r, s.dasar_hukum_where);
    auto& p = s.procedure;
    p.found = r.flag();
    p.plain_list = r.flag();
    get_strings(r, p.columns);
    get_strings(r, p.actors);
    p.unkeyed_columns = r.i32();
    n = r.count(8);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        get_step(r, p.steps.emplace_back());
    }
    get_ints(r, p.tables);
    get(r, p.where);
    get(r, s.where);
    s.confidence = r.f64();
}

void put_finding(Writer& w, const audit::Finding& f) {
    w.str(f.rule);
    w.i64(static_cast<int>(f.severity));
    w.str(f.message);
    const auto& l = f.location;
    for (const auto* v : {&l.sop, &l.page, &l.table, &l.row}) {
        put_optional(w, *v, [&](int i) { w.i64(i); });
    }
    put_optional(w, l.field, [&](const std::string& s) { w.str(s); });
    put_optional(w, l.bbox, [&](const layout::BBox& b) {
        for (const double d : {b.x0, b.y0, b.x1, b.y1}) {
            w.f64(d);
        }
    });
}
void get_finding(Reader& r, audit::Finding& f) {
    f.rule = r.str();
    const auto severity = r.i64();
    if (severity < 0 || severity > static_cast<int>(audit::Severity::info)) {
        r.fail();
    }
    f.severity = static_cast<audit::Severity>(severity);
    f.message = r.str();
    auto& l = f.location;
    for (auto* v : {&l.sop, &l.page, &l.table, &l.row}) {
        if (r.flag()) {
            *v = r.i32();
        }
    }
    if (r.flag()) {
        l.field = r.str();
    }
    if (r.flag()) {
        layout::BBox b;
        b.x0 = r.f64();
        b.y0 = r.f64();
        b.x1 = r.f64();
        b.y1 = r.f64();
        l.bbox = b;
    }
}

void put(Writer& w, const audit::FileResult& f) {
    for (const auto* text : {&f.path, &f.root, &f.sha256}) {
        w.str(*text);
    }
    w.i64(static_cast<std::int64_t>(f.size));
    w.i64(f.mtime_ns);
    for (const auto* text : {&f.format, &f.status, &f.method}) {
        w.str(*text);
    }
    put_optional(w, f.pages, [&](int i) { w.i64(i); });
    w.count(f.sops.size());
    for (const auto& s : f.sops) {
        put_sop(w, s);
    }
    w.count(f.findings.size());
    for (const auto& finding : f.findings) {
        put_finding(w, finding);
    }
    put_all(w, f.layout_pages);
    put_all(w, f.cell_boxes);
    put_all(w, f.symbol_boxes);
    w.flag(f.transient);
}
void get(Reader& r, audit::FileResult& f) {
    for (auto* text : {&f.path, &f.root, &f.sha256}) {
        *text = r.str();
    }
    f.size = static_cast<std::uint64_t>(r.i64());
    f.mtime_ns = r.i64();
    for (auto* text : {&f.format, &f.status, &f.method}) {
        *text = r.str();
    }
    if (r.flag()) {
        f.pages = r.i32();
    }
    std::size_t n = r.count(8);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        get_sop(r, f.sops.emplace_back());
    }
    n = r.count(8);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        get_finding(r, f.findings.emplace_back());
    }
    get_all(r, f.layout_pages);
    get_all(r, f.cell_boxes);
    get_all(r, f.symbol_boxes);
    f.transient = r.flag();
}

} // namespace

SpoolFile::SpoolFile(const std::filesystem::path& dir, const std::filesystem::path& label)
    : m_label(label) {
    static std::atomic<unsigned> counter{0};
    const auto path = dir / ("." + label.filename().string() + ".spool-" +
                             std::to_string(::getpid()) + "-" + std::to_string(counter++));
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        spool_failed("cannot create a temporary file", m_label);
    }
    ::unlink(path.c_str()); // lives while open: nothing is left behind by a killed run
}

SpoolFile::~SpoolFile() {
    close();
}

void SpoolFile::close() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

SpoolFile::Span SpoolFile::append(std::string_view bytes) {
    Span where{m_end, bytes.size()};
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::pwrite(m_fd, p, left, static_cast<off_t>(m_end));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            spool_failed("write failed", m_label);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
        m_end += static_cast<std::uint64_t>(n);
    }
    return where;
}

std::string SpoolFile::read(const Span& span) const {
    std::string out(span.length, '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(m_fd, out.data() + done, out.size() - done,
                                  static_cast<off_t>(span.offset + done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            spool_failed("cannot read back its temporary file", m_label);
        }
        done += static_cast<std::size_t>(n);
    }
    return out;
}

ResultSpool::ResultSpool(const std::filesystem::path& dir) : m_spool(dir, dir / "results") {}

std::size_t ResultSpool::add(const audit::FileResult& file) {
    return add_record(record_bytes(file));
}

std::size_t ResultSpool::add_record(const std::string& record) {
    m_spans.push_back(m_spool.append(record));
    return m_spans.size() - 1;
}

std::string ResultSpool::record_bytes(const audit::FileResult& file) {
    // Binary, not JSON: in a run over 300 unchanged files, parsing the records back through
    // Poco::JSON took 47% of the instructions (each record is read twice: for the per-file
    // reports and for index.html).
    common::wire::Writer w;
    w.i64(k_record_magic);
    put(w, file);
    return std::move(w.out);
}

audit::FileResult ResultSpool::read(std::size_t index) const {
    const std::string bytes = m_spool.read(m_spans.at(index));
    common::wire::Reader r(bytes);
    audit::FileResult file;
    if (r.i64() == k_record_magic) {
        get(r, file);
    }
    if (!r.ok() || !r.at_end()) {
        // Written by this process moments ago: a record that does not read back is a bug.
        throw std::logic_error("result spool: record " + std::to_string(index) +
                               " does not read back");
    }
    return file;
}

} // namespace sopaudit::report
