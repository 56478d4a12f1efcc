#include "pipeline/isolation.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <fcntl.h>
#include <poll.h>
#include <sstream>
#include <string_view>
#include <sys/types.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace sopaudit::pipeline {

const char* to_string(IsolatedEnd e) {
    switch (e) {
    case IsolatedEnd::completed:
        return "completed";
    case IsolatedEnd::timed_out:
        return "timed_out";
    case IsolatedEnd::crashed:
        return "crashed";
    case IsolatedEnd::in_process:
        return "in_process";
    }
    return "?";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Wire format

class Writer {
public:
    void i64(std::int64_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void flag(bool v) { out.push_back(v ? '\1' : '\0'); }
    void str(const std::string& s) {
        i64(static_cast<std::int64_t>(s.size()));
        out.append(s);
    }
    void count(std::size_t n) { i64(static_cast<std::int64_t>(n)); }
    std::string out;

private:
    void raw(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool ok() const { return m_ok; }
    bool at_end() const { return m_pos == m_in.size(); }

    std::int64_t i64() {
        std::int64_t v = 0;
        raw(&v, sizeof v);
        return v;
    }
    int i32() { return static_cast<int>(i64()); }
    double f64() {
        double v = 0;
        raw(&v, sizeof v);
        return v;
    }
    bool flag() {
        char c = 0;
        raw(&c, 1);
        return c != 0;
    }
    std::string str() {
        std::int64_t n = i64();
        if (!m_ok || n < 0 || static_cast<std::uint64_t>(n) > m_in.size() - m_pos) {
            m_ok = false;
            return {};
        }
        std::string s(m_in.substr(m_pos, static_cast<std::size_t>(n)));
        m_pos += static_cast<std::size_t>(n);
        return s;
    }
    // A count of items that each take at least min_item_bytes: bounded by the bytes left.
    std::size_t count(std::size_t min_item_bytes) {
        std::int64_t n = i64();
        if (!m_ok || n < 0 ||
            static_cast<std::uint64_t>(n) > (m_in.size() - m_pos) / min_item_bytes) {
            m_ok = false;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }

private:
    void raw(void* p, std::size_t n) {
        if (!m_ok || n > m_in.size() - m_pos) {
            m_ok = false;
            return;
        }
        std::memcpy(p, m_in.data() + m_pos, n);
        m_pos += n;
    }
    std::string_view m_in;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

// A result larger than this is not a layout document but a runaway child.
constexpr std::uint64_t kMaxWireBytes = 1ull << 30;
constexpr std::int64_t kMagic = 0x0153'4F50'5749'5245; // "SOPWIRE" and the format's version, 1

void put(Writer& w, const layout::Provenance& p) {
    w.i64(p.page);
    w.i64(p.table);
    w.i64(p.row);
    w.i64(p.col);
    w.flag(p.bbox.has_value());
    if (p.bbox) {
        w.f64(p.bbox->x0);
        w.f64(p.bbox->y0);
        w.f64(p.bbox->x1);
        w.f64(p.bbox->y1);
    }
}
void get(Reader& r, layout::Provenance& p) {
    p.page = r.i32();
    p.table = r.i32();
    p.row = r.i32();
    p.col = r.i32();
    if (r.flag()) {
        layout::BBox b;
        b.x0 = r.f64();
        b.y0 = r.f64();
        b.x1 = r.f64();
        b.y1 = r.f64();
        p.bbox = b;
    }
}

void put(Writer& w, const layout::Shape& s) {
    w.str(s.geometry);
    w.i64(static_cast<int>(s.shape_class));
    w.str(s.text);
    w.flag(s.floating);
    w.str(s.h_relative_from);
    w.i64(s.h_offset_emu);
    w.i64(s.v_offset_emu);
    w.i64(s.width_emu);
    w.i64(s.height_emu);
    put(w, s.where);
    w.f64(s.confidence);
}
void get(Reader& r, layout::Shape& s) {
    s.geometry = r.str();
    auto c = r.i64();
    if (c < 0 || c > static_cast<int>(layout::ShapeClass::line))
        c = 0;
    s.shape_class = static_cast<layout::ShapeClass>(c);
    s.text = r.str();
    s.floating = r.flag();
    s.h_relative_from = r.str();
    s.h_offset_emu = r.i64();
    s.v_offset_emu = r.i64();
    s.width_emu = r.i64();
    s.height_emu = r.i64();
    get(r, s.where);
    s.confidence = r.f64();
}

void put(Writer& w, const layout::Paragraph& p) {
    w.str(p.text);
    w.str(p.style);
    w.i64(p.num_id);
    w.i64(p.num_level);
    w.flag(p.bold);
    put(w, p.where);
    w.f64(p.confidence);
}
void get(Reader& r, layout::Paragraph& p) {
    p.text = r.str();
    p.style = r.str();
    p.num_id = r.i32();
    p.num_level = r.i32();
    p.bold = r.flag();
    get(r, p.where);
    p.confidence = r.f64();
}

template <class T>
void put_all(Writer& w, const std::vector<T>& v) {
    w.count(v.size());
    for (const auto& x : v)
        put(w, x);
}
template <class T>
void get_all(Reader& r, std::vector<T>& v) {
    // Every item is at least 8 bytes on the wire; the bound keeps a forged count harmless.
    std::size_t n = r.count(8);
    v.clear();
    v.reserve(n);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        v.emplace_back();
        get(r, v.back());
    }
}

void put(Writer& w, const layout::Cell& c) {
    w.i64(c.row);
    w.i64(c.col);
    w.i64(c.row_span);
    w.i64(c.col_span);
    put_all(w, c.paragraphs);
    put_all(w, c.shapes);
    w.count(c.nested_tables.size());
    for (int t : c.nested_tables)
        w.i64(t);
    w.flag(c.shaded);
    put(w, c.where);
    w.f64(c.confidence);
}
void get(Reader& r, layout::Cell& c) {
    c.row = r.i32();
    c.col = r.i32();
    c.row_span = r.i32();
    c.col_span = r.i32();
    get_all(r, c.paragraphs);
    get_all(r, c.shapes);
    std::size_t n = r.count(8);
    c.nested_tables.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i)
        c.nested_tables.push_back(r.i32());
    c.shaded = r.flag();
    get(r, c.where);
    c.confidence = r.f64();
}

void put(Writer& w, const layout::Table& t) {
    w.i64(t.index);
    w.i64(t.parent_table);
    w.i64(t.n_rows);
    w.i64(t.n_cols);
    w.count(t.col_widths.size());
    for (double x : t.col_widths)
        w.f64(x);
    w.count(t.header_rows.size());
    for (bool h : t.header_rows)
        w.flag(h);
    put_all(w, t.cells);
    put(w, t.where);
}
void get(Reader& r, layout::Table& t) {
    t.index = r.i32();
    t.parent_table = r.i32();
    t.n_rows = r.i32();
    t.n_cols = r.i32();
    std::size_t n = r.count(8);
    t.col_widths.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i)
        t.col_widths.push_back(r.f64());
    n = r.count(1);
    t.header_rows.clear();
    for (std::size_t i = 0; i < n && r.ok(); ++i)
        t.header_rows.push_back(r.flag());
    get_all(r, t.cells);
    get(r, t.where);
}

void put(Writer& w, const layout::Block& b) {
    w.i64(static_cast<int>(b.kind));
    w.i64(b.index);
}
void get(Reader& r, layout::Block& b) {
    b.kind = r.i64() == static_cast<int>(layout::Block::Kind::table)
                 ? layout::Block::Kind::table
                 : layout::Block::Kind::paragraph;
    b.index = r.i32();
}

void put(Writer& w, const layout::Page& p) {
    w.i64(p.number);
    w.f64(p.width);
    w.f64(p.height);
    w.i64(p.dpi);
    w.i64(p.rotation);
    w.f64(p.skew);
    w.f64(p.confidence);
    w.str(p.method);
    w.flag(p.landscape);
}
void get(Reader& r, layout::Page& p) {
    p.number = r.i32();
    p.width = r.f64();
    p.height = r.f64();
    p.dpi = r.i32();
    p.rotation = r.i32();
    p.skew = r.f64();
    p.confidence = r.f64();
    p.method = r.str();
    p.landscape = r.flag();
}

void put(Writer& w, const layout::Problem& p) {
    w.i64(static_cast<int>(p.kind));
    w.str(p.detail);
    w.i64(p.page);
}
void get(Reader& r, layout::Problem& p) {
    auto k = r.i64();
    if (k < 0 || k > static_cast<int>(layout::ProblemKind::low_confidence))
        k = static_cast<int>(layout::ProblemKind::unreadable);
    p.kind = static_cast<layout::ProblemKind>(k);
    p.detail = r.str();
    p.page = r.i32();
}

// ---------------------------------------------------------------------------------------------
// The child

enum class Fault { none, hang, crash, abort_, garbage };

Fault fault_for(const std::string& label) {
    const char* spec = std::getenv("SOPAUDIT_TEST_READER_FAULT");
    if (!spec || !*spec)
        return Fault::none;
    std::stringstream in(spec);
    std::string item;
    while (std::getline(in, item, ',')) {
        auto colon = item.find(':');
        if (colon == std::string::npos || colon + 1 == item.size())
            continue;
        std::string action = item.substr(0, colon), needle = item.substr(colon + 1);
        if (label.find(needle) == std::string::npos)
            continue;
        if (action == "hang")
            return Fault::hang;
        if (action == "crash")
            return Fault::crash;
        if (action == "abort")
            return Fault::abort_;
        if (action == "garbage")
            return Fault::garbage;
    }
    return Fault::none;
}

bool write_all(int fd, const char* p, std::size_t n) {
    while (n > 0) {
        ssize_t k = ::write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= static_cast<std::size_t>(k);
    }
    return true;
}

[[noreturn]] void child_main(int fd, const std::function<layout::ReadResult()>& read,
                             const std::string& label) {
    ::signal(SIGPIPE, SIG_IGN);
    std::string payload;
    switch (fault_for(label)) {
    case Fault::hang:
        for (;;)
            ::pause();
    case Fault::crash:
        ::raise(SIGSEGV);
        ::_exit(70);
    case Fault::abort_:
        std::abort();
    case Fault::garbage:
        payload = "this is not a result";
        break;
    case Fault::none:
        try {
            payload = encode_result(read());
        } catch (...) {
            // A reader must not throw for a bad input; if one does, it is the reader's bug, but
            // the file still fails alone.
            ::_exit(71);
        }
        break;
    }
    std::uint64_t n = payload.size();
    bool ok = write_all(fd, reinterpret_cast<const char*>(&n), sizeof n) &&
              write_all(fd, payload.data(), payload.size());
    ::_exit(ok ? 0 : 72);
}

layout::ReadResult failed_with(layout::ProblemKind kind, std::string detail) {
    layout::ReadResult r;
    r.failed = true;
    r.problems.push_back(layout::Problem{kind, std::move(detail), 0});
    return r;
}

std::string describe_status(int status) {
    if (WIFSIGNALED(status))
        return "signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) +
               ")";
    if (WIFEXITED(status))
        return "exit status " + std::to_string(WEXITSTATUS(status));
    return "status " + std::to_string(status);
}

std::shared_mutex& fork_mutex() {
    static std::shared_mutex m;
    return m;
}

} // namespace

namespace {
bool clip(std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return false;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    text.resize(cut);
    return true;
}
} // namespace

std::size_t clip_long_text(layout::Document& document, std::size_t max_bytes) {
    std::size_t n = 0;
    auto shapes = [&](std::vector<layout::Shape>& v) {
        for (auto& s : v)
            n += clip(s.text, max_bytes);
    };
    for (auto& p : document.paragraphs)
        n += clip(p.text, max_bytes);
    shapes(document.shapes);
    for (auto& t : document.tables)
        for (auto& c : t.cells) {
            for (auto& p : c.paragraphs)
                n += clip(p.text, max_bytes);
            shapes(c.shapes);
        }
    return n;
}

std::shared_lock<std::shared_mutex> parent_library_guard() {
    return std::shared_lock<std::shared_mutex>(fork_mutex());
}

std::string encode_result(const layout::ReadResult& result) {
    Writer w;
    w.i64(kMagic);
    const auto& d = result.document;
    put_all(w, d.paragraphs);
    put_all(w, d.tables);
    put_all(w, d.body);
    put_all(w, d.shapes);
    put_all(w, d.pages);
    w.str(d.method);
    put_all(w, result.problems);
    w.flag(result.failed);
    return std::move(w.out);
}

std::optional<layout::ReadResult> decode_result(const std::string& bytes) {
    Reader r(bytes);
    if (r.i64() != kMagic || !r.ok())
        return std::nullopt;
    layout::ReadResult result;
    auto& d = result.document;
    get_all(r, d.paragraphs);
    get_all(r, d.tables);
    get_all(r, d.body);
    get_all(r, d.shapes);
    get_all(r, d.pages);
    d.method = r.str();
    get_all(r, result.problems);
    result.failed = r.flag();
    if (!r.ok() || !r.at_end())
        return std::nullopt;
    return result;
}

IsolatedRead read_isolated(const std::function<layout::ReadResult()>& read,
                           const std::string& label, const IsolationOptions& options) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - start).count(); };

    IsolatedRead out;
    if (!options.enabled) {
        out.result = read();
        out.end = IsolatedEnd::in_process;
        out.seconds = elapsed();
        return out;
    }

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe2");
    pid_t pid;
    {
        std::unique_lock<std::shared_mutex> no_library_work(fork_mutex());
        pid = ::fork();
    }
    if (pid < 0) {
        // Out of processes: read in-process rather than lose the file.
        ::close(fds[0]);
        ::close(fds[1]);
        out.result = read();
        out.end = IsolatedEnd::in_process;
        out.seconds = elapsed();
        return out;
    }
    if (pid == 0) {
        ::close(fds[0]);
        child_main(fds[1], read, label);
    }
    ::close(fds[1]);

    // The message is length-prefixed, so the end of the result is known without waiting for EOF:
    // a sibling child forked by another worker thread may hold a copy of our pipe's write end.
    std::string buf;
    std::uint64_t want = 0;
    bool have_len = false, complete = false, exited = false, timed_out = false, oversized = false;
    int status = 0;
    std::vector<char> chunk(1 << 16);
    auto take = [&](const char* p, std::size_t n) {
        buf.append(p, n);
        if (!have_len && buf.size() >= sizeof want) {
            std::memcpy(&want, buf.data(), sizeof want);
            buf.erase(0, sizeof want);
            have_len = true;
            oversized = want > kMaxWireBytes;
        }
        complete = have_len && buf.size() >= want;
    };
    while (!complete && !oversized) {
        double left = options.timeout_seconds - elapsed();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int rc = ::poll(&p, 1, static_cast<int>(std::min(left, 0.1) * 1000) + 1);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc > 0) {
            ssize_t k = ::read(fds[0], chunk.data(), chunk.size());
            if (k > 0) {
                take(chunk.data(), static_cast<std::size_t>(k));
                continue;
            }
            if (k == 0)
                break; // EOF: every write end is closed, the child is gone or going
        }
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            exited = true;
            pollfd q{fds[0], POLLIN, 0};
            while (!complete && ::poll(&q, 1, 0) > 0) {
                ssize_t k = ::read(fds[0], chunk.data(), chunk.size());
                if (k <= 0)
                    break;
                take(chunk.data(), static_cast<std::size_t>(k));
            }
            break;
        }
    }
    ::close(fds[0]);
    if (!exited) {
        // A child that sent its whole result is already in _exit; any other is killed.
        if (!complete || oversized)
            ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }

    out.seconds = elapsed();
    if (timed_out) {
        std::ostringstream d;
        d << "time: reading took longer than " << options.timeout_seconds
          << " s (max_seconds_per_file)";
        out.result = failed_with(layout::ProblemKind::limit, d.str());
        out.end = IsolatedEnd::timed_out;
        return out;
    }
    if (complete && !oversized && buf.size() == want) {
        if (auto decoded = decode_result(buf)) {
            out.result = std::move(*decoded);
            out.end = IsolatedEnd::completed;
            return out;
        }
    }
    out.result = failed_with(layout::ProblemKind::unreadable,
                             "reader crashed on this file (" + describe_status(status) + ")");
    out.end = IsolatedEnd::crashed;
    return out;
}

} // namespace sopaudit::pipeline
