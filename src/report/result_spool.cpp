#include "report/result_spool.hpp"

#include "audit/result_json.hpp"
#include "sop/sop_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace sopaudit::report {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void spool_failed(const std::string& what, const std::filesystem::path& label) {
    throw std::runtime_error("cannot write " + label.string() + ": " + what + ": " +
                             std::strerror(errno));
}

Array::Ptr boxes_json(const std::vector<layout::Provenance>& boxes) {
    Array::Ptr a = new Array;
    for (const auto& p : boxes) {
        a->add(sop::location_json(p));
    }
    return a;
}

std::vector<layout::Provenance> boxes_from(const Array::Ptr& a) {
    std::vector<layout::Provenance> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.push_back(sop::location_from(a->getObject(static_cast<unsigned>(i))));
    }
    return out;
}

Array::Ptr pages_json(const std::vector<layout::Page>& pages) {
    Array::Ptr a = new Array;
    for (const auto& p : pages) {
        Object::Ptr o = new Object;
        o->set("number", p.number);
        o->set("width", p.width);
        o->set("height", p.height);
        o->set("dpi", p.dpi);
        o->set("rotation", p.rotation);
        o->set("skew", p.skew);
        o->set("confidence", p.confidence);
        o->set("method", p.method);
        o->set("landscape", p.landscape);
        a->add(o);
    }
    return a;
}

std::vector<layout::Page> pages_from(const Array::Ptr& a) {
    std::vector<layout::Page> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto o = a->getObject(static_cast<unsigned>(i));
        layout::Page p;
        p.number = o->getValue<int>("number");
        p.width = o->getValue<double>("width");
        p.height = o->getValue<double>("height");
        p.dpi = o->getValue<int>("dpi");
        p.rotation = o->getValue<int>("rotation");
        p.skew = o->getValue<double>("skew");
        p.confidence = o->getValue<double>("confidence");
        p.method = o->getValue<std::string>("method");
        p.landscape = o->getValue<bool>("landscape");
        out.push_back(std::move(p));
    }
    return out;
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
    return add_record(record_text(file));
}

std::size_t ResultSpool::add_record(const std::string& record) {
    m_spans.push_back(m_spool.append(record));
    return m_spans.size() - 1;
}

std::string ResultSpool::record_text(const audit::FileResult& file) {
    Object::Ptr record = new Object;
    record->set("result", audit::to_json(file));
    record->set("layout_pages", pages_json(file.layout_pages));
    record->set("cell_boxes", boxes_json(file.cell_boxes));
    record->set("symbol_boxes", boxes_json(file.symbol_boxes));
    record->set("transient", file.transient);
    std::ostringstream text;
    record->stringify(text);
    return std::move(text).str();
}

audit::FileResult ResultSpool::read(std::size_t index) const {
    Poco::JSON::Parser parser;
    const auto record = parser.parse(m_spool.read(m_spans.at(index))).extract<Object::Ptr>();
    audit::FileResult file = audit::file_result_from_json(record->getObject("result"));
    file.layout_pages = pages_from(record->getArray("layout_pages"));
    file.cell_boxes = boxes_from(record->getArray("cell_boxes"));
    file.symbol_boxes = boxes_from(record->getArray("symbol_boxes"));
    file.transient = record->getValue<bool>("transient");
    return file;
}

} // namespace sopaudit::report
