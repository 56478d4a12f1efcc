#include "pipeline/isolation.hpp"

#include "docx/docx_reader.hpp"
#include "layout/layout_wire.hpp"
#include "ocr/scan_reader.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
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
    }
    return "?";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Wire format: the layout model in bytes (layout/layout_wire.hpp)

using common::wire::get_all;
using common::wire::put_all;
using common::wire::Reader;
using common::wire::Writer;
using layout::get;
using layout::put;

// A result larger than this is not a layout document but a runaway child.
constexpr std::uint64_t kMaxWireBytes = 1ull << 30;
constexpr std::int64_t kMagic = 0x0153'4F50'5749'5245; // "SOPWIRE" and the format's version, 1

// ---------------------------------------------------------------------------------------------
// Requests

constexpr std::int64_t kRequestMagic = 0x0153'4F50'5245'5121; // "SOPREQ!" and version 1
// A request is a path and a few numbers; anything longer is not one.
constexpr std::uint64_t kMaxRequestBytes = 1u << 20;

std::string encode_request(const ReadRequest& q) {
    Writer w;
    w.i64(kRequestMagic);
    w.str(q.label);
    w.str(q.file.string());
    w.i64(static_cast<int>(q.format));
    const auto& l = q.limits;
    w.i64(static_cast<std::int64_t>(l.max_file_bytes));
    w.i64(static_cast<std::int64_t>(l.max_uncompressed_bytes));
    w.i64(static_cast<std::int64_t>(l.max_member_bytes));
    w.f64(l.max_compression_ratio);
    w.i64(l.max_xml_depth);
    w.i64(static_cast<std::int64_t>(l.max_pixels));
    w.i64(l.max_pages);
    w.f64(l.max_seconds_per_file);
    w.i64(static_cast<std::int64_t>(l.max_paragraph_bytes));
    return std::move(w.out);
}

std::optional<ReadRequest> decode_request(const std::string& bytes) {
    Reader r(bytes);
    if (r.i64() != kRequestMagic || !r.ok())
        return std::nullopt;
    ReadRequest q;
    q.label = r.str();
    q.file = r.str();
    auto format = r.i64();
    if (format < 0 || format > static_cast<int>(ingest::Format::unknown))
        return std::nullopt;
    q.format = static_cast<ingest::Format>(format);
    auto& l = q.limits;
    l.max_file_bytes = static_cast<std::uint64_t>(r.i64());
    l.max_uncompressed_bytes = static_cast<std::uint64_t>(r.i64());
    l.max_member_bytes = static_cast<std::uint64_t>(r.i64());
    l.max_compression_ratio = r.f64();
    l.max_xml_depth = r.i32();
    l.max_pixels = static_cast<std::uint64_t>(r.i64());
    l.max_pages = r.i32();
    l.max_seconds_per_file = r.f64();
    l.max_paragraph_bytes = static_cast<std::uint64_t>(r.i64());
    if (!r.ok() || !r.at_end())
        return std::nullopt;
    return q;
}

// ---------------------------------------------------------------------------------------------
// Pipes

// Moves exactly n bytes through fd with ::write or ::read (io), across short transfers and
// EINTR; false at EOF or on an error.
template <class Buffer, class Io>
bool transfer_all(int fd, Buffer* p, std::size_t n, Io io) {
    while (n > 0) {
        ssize_t k = io(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= static_cast<std::size_t>(k);
    }
    return true;
}

bool write_all(int fd, const char* p, std::size_t n) {
    return transfer_all(fd, p, n, ::write);
}

bool send_message(int fd, const std::string& payload) {
    std::uint64_t n = payload.size();
    return write_all(fd, reinterpret_cast<const char*>(&n), sizeof n) &&
           write_all(fd, payload.data(), payload.size());
}

// Blocking read of exactly n bytes; false at EOF or error.
bool read_exact(int fd, char* p, std::size_t n) {
    return transfer_all(fd, p, n, ::read);
}

// ---------------------------------------------------------------------------------------------
// The reader's side

enum class Fault { none, hang, crash, abort_, throw_, garbage, sleep };

struct FaultSpec {
    Fault fault = Fault::none;
    int sleep_ms = 0;
};

FaultSpec fault_for(const std::string& label) {
    const char* spec = std::getenv("SOPAUDIT_TEST_READER_FAULT");
    if (!spec || !*spec)
        return {};
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
            return {Fault::hang};
        if (action == "crash")
            return {Fault::crash};
        if (action == "abort")
            return {Fault::abort_};
        if (action == "throw")
            return {Fault::throw_};
        if (action == "garbage")
            return {Fault::garbage};
        if (action.rfind("sleep", 0) == 0 && action.size() > 5)
            return {Fault::sleep, std::atoi(action.c_str() + 5)};
    }
    return {};
}

// One request's answer, or the fault the test switch asks for.
std::string serve(const ReadRequest& request, std::unique_ptr<ocr::Engine>& engine) {
    const FaultSpec f = fault_for(request.label);
    switch (f.fault) {
    case Fault::hang:
        for (;;)
            ::pause();
    case Fault::crash: {
        volatile int* p = nullptr;
        *p = 1; // a real invalid write, as a reader bug would make
        ::_exit(70);
    }
    case Fault::abort_:
        std::abort();
    case Fault::throw_:
        throw std::runtime_error("test fault: reader threw");
    case Fault::garbage:
        return "this is not a result";
    case Fault::sleep:
        std::this_thread::sleep_for(std::chrono::milliseconds(f.sleep_ms));
        break;
    case Fault::none:
        break;
    }
    return encode_result(read_in_process(request, engine));
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

// Readers are started one at a time: between making a reader's pipes and closing the parent's
// copies of its ends, no other reader may be spawned, or it would inherit them and keep the
// pipe open after its owner died. O_CLOEXEC covers exec; this covers the moment before.
std::mutex& spawn_mutex() {
    static std::mutex m;
    return m;
}

// An answer that starts with this is not a result but the message of an exception the read threw.
constexpr std::string_view kReaderError{"\0SOPERR:", 8};

// A reader that has grown past this (heap fragmentation after a huge scan, a library's caches) is
// replaced after its current file, so a long night's run keeps a bounded footprint.
constexpr std::uint64_t kMaxReaderResidentBytes = 768ull << 20;

// Resident set size of a process from /proc/PID/statm (pages), 0 if unknown.
std::uint64_t resident_bytes(pid_t pid) {
    std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
    std::uint64_t size = 0, resident = 0;
    if (!(statm >> size >> resident))
        return 0;
    return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

// The reader's fixed descriptors for its request and answer pipes.
constexpr int kReaderIn = 3;
constexpr int kReaderOut = 4;

} // namespace

layout::ReadResult read_in_process(const ReadRequest& request,
                                   std::unique_ptr<ocr::Engine>& engine) {
    switch (request.format) {
    case ingest::Format::docx:
        return docx::read_docx(request.file, request.limits);
    case ingest::Format::pdf:
    case ingest::Format::image:
        if (!engine) {
            // Lazily: a reader that only ever meets Word files never loads Tesseract's models.
            engine = std::make_unique<ocr::Engine>();
        }
        return ocr::read_scan(request.file, request.format, request.limits, *engine);
    default:
        break;
    }
    return failed_with(layout::ProblemKind::unsupported,
                       std::string("no reader for format ") + ingest::to_string(request.format));
}

int reader_main(int in_fd, int out_fd) {
    ::signal(SIGPIPE, SIG_IGN);
    std::unique_ptr<ocr::Engine> engine;
    for (;;) {
        std::uint64_t n = 0;
        if (!read_exact(in_fd, reinterpret_cast<char*>(&n), sizeof n))
            return 0; // the parent closed the pipe: the run is over
        if (n > kMaxRequestBytes)
            return 73;
        std::string bytes(n, '\0');
        if (!read_exact(in_fd, bytes.data(), n))
            return 0;
        auto request = decode_request(bytes);
        if (!request)
            return 73;
        std::string payload;
        try {
            payload = serve(*request, engine);
        } catch (const std::exception& e) {
            // A reader does not throw for a bad input; an exception is the tool's own trouble
            // (a bug, missing OCR data): the parent reports it as an internal error.
            payload = std::string(kReaderError) + e.what();
        } catch (...) {
            payload = std::string(kReaderError) + "unknown exception";
        }
        if (!send_message(out_fd, payload))
            return 72;
    }
}

std::string reader_openmp_thread_limit() {
    const char* set = std::getenv("OMP_THREAD_LIMIT");
    return set != nullptr && *set != '\0' ? set : "1";
}

std::filesystem::path default_reader_executable() {
    if (const char* env = std::getenv("SOPAUDIT_READER"); env && *env)
        return env;
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        throw std::system_error(ec, "cannot find this program's own executable (/proc/self/exe)");
    return self;
}

ReaderProcess::ReaderProcess(std::filesystem::path executable)
    : m_executable(std::move(executable)) {}

ReaderProcess::~ReaderProcess() {
    try {
        stop(false);
    } catch (...) {
    }
}

void ReaderProcess::start() {
    std::lock_guard<std::mutex> one_at_a_time(spawn_mutex());
    int to_reader[2], from_reader[2];
    if (::pipe2(to_reader, O_CLOEXEC) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe2");
    if (::pipe2(from_reader, O_CLOEXEC) != 0) {
        int e = errno;
        ::close(to_reader[0]);
        ::close(to_reader[1]);
        throw std::system_error(e, std::generic_category(), "pipe2");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The reader's stdout is the parent's stderr: whatever a library prints there must not mix
    // with the report summary on stdout. dup2 onto 3 and 4 clears O_CLOEXEC on those two only;
    // the pipe ends are never 3 or 4 themselves after the dups to high numbers below.
    int in_end = ::fcntl(to_reader[0], F_DUPFD_CLOEXEC, 10);
    int out_end = ::fcntl(from_reader[1], F_DUPFD_CLOEXEC, 10);
    ::close(to_reader[0]);
    ::close(from_reader[1]);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 2, 1);
    posix_spawn_file_actions_adddup2(&actions, in_end, kReaderIn);
    posix_spawn_file_actions_adddup2(&actions, out_end, kReaderOut);
    const std::string exe = m_executable.string();
    // Tesseract runs here, in the reader, and Debian's build uses OpenMP, whose runtime reads
    // OMP_THREAD_LIMIT once, when the process loads: the limit has to be in the environment the
    // reader starts with. Without it each OCR call spread over every core and two workers ran
    // 3-4x slower. A limit the user set is passed on as it is.
    std::vector<char*> envp;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::strncmp(*e, "OMP_THREAD_LIMIT=", 17) != 0) {
            envp.push_back(*e);
        }
    }
    std::string limit = "OMP_THREAD_LIMIT=" + reader_openmp_thread_limit();
    envp.push_back(limit.data());
    envp.push_back(nullptr);
    char arg0[] = "sopaudit";
    char arg1[] = "__reader";
    char* argv[] = {arg0, arg1, nullptr};
    pid_t pid = 0;
    int rc = in_end < 0 || out_end < 0
                 ? EMFILE
                 : ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (in_end >= 0)
        ::close(in_end);
    if (out_end >= 0)
        ::close(out_end);
    if (rc != 0) {
        ::close(to_reader[1]);
        ::close(from_reader[0]);
        throw std::system_error(rc, std::generic_category(), "cannot start reader " + exe);
    }
    m_pid = pid;
    m_to_reader = to_reader[1];
    m_from_reader = from_reader[0];
    ++m_starts;
}

void ReaderProcess::stop(bool kill_it) {
    if (m_pid == 0)
        return;
    if (m_to_reader >= 0)
        ::close(m_to_reader);
    m_to_reader = -1;
    if (kill_it) {
        ::kill(m_pid, SIGKILL);
    } else {
        // Closing the request pipe ends the reader's loop; a reader that does not end soon
        // (stuck in its exit handlers) is killed rather than waited for.
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
                m_pid = 0;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (m_pid != 0)
            ::kill(m_pid, SIGKILL);
    }
    if (m_pid != 0) {
        while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
        }
    }
    if (m_from_reader >= 0)
        ::close(m_from_reader);
    m_from_reader = -1;
    m_pid = 0;
}

IsolatedRead ReaderProcess::read(const ReadRequest& request) {
    using clock = std::chrono::steady_clock;
    const auto start_time = clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - start_time).count(); };
    const double timeout = request.limits.max_seconds_per_file;

    IsolatedRead out;
    if (m_pid == 0)
        start();
    if (!send_message(m_to_reader, encode_request(request))) {
        // The reader died between files (killed from outside): one restart, then a real error.
        stop(true);
        start();
        if (!send_message(m_to_reader, encode_request(request)))
            throw std::system_error(errno, std::generic_category(),
                                    "reader does not take requests");
    }

    std::string buf;
    std::uint64_t want = 0;
    bool have_len = false, complete = false, eof = false, timed_out = false, oversized = false;
    std::vector<char> chunk(1 << 16);
    while (!complete && !oversized) {
        double left = timeout - elapsed();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{m_from_reader, POLLIN, 0};
        int rc = ::poll(&p, 1, static_cast<int>(std::min(left, 1.0) * 1000) + 1);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc <= 0)
            continue;
        ssize_t k = ::read(m_from_reader, chunk.data(), chunk.size());
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            eof = true; // the reader is gone
            break;
        }
        buf.append(chunk.data(), static_cast<std::size_t>(k));
        if (!have_len && buf.size() >= sizeof want) {
            std::memcpy(&want, buf.data(), sizeof want);
            buf.erase(0, sizeof want);
            have_len = true;
            oversized = want > kMaxWireBytes;
        }
        complete = have_len && buf.size() >= want;
    }
    out.seconds = elapsed();

    if (complete && !oversized && buf.size() == want) {
        if (buf.compare(0, kReaderError.size(), kReaderError) == 0)
            throw std::runtime_error(buf.substr(kReaderError.size()));
        if (auto decoded = decode_result(buf)) {
            out.result = std::move(*decoded);
            out.end = IsolatedEnd::completed;
            if (resident_bytes(m_pid) > kMaxReaderResidentBytes)
                stop(false); // a fresh reader for the next file: memory stays bounded
            return out;
        }
    }
    // Whatever went wrong, this reader is done: killed (hung, or sent garbage) or already dead.
    stop(!eof);
    if (timed_out) {
        std::ostringstream d;
        d << "time: reading took longer than " << timeout << " s (max_seconds_per_file)";
        out.result = failed_with(layout::ProblemKind::limit, d.str());
        out.end = IsolatedEnd::timed_out;
        return out;
    }
    out.result = failed_with(
        layout::ProblemKind::unreadable,
        "reader crashed on this file (" +
            (eof ? describe_status(m_status) : std::string("sent no valid result")) + ")");
    out.end = IsolatedEnd::crashed;
    return out;
}

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

} // namespace sopaudit::pipeline
