#pragma once
// Per-file isolation: a reader that crashes or hangs on one hostile file must not take the run
// down. Word files and scans are read in a separate reader process, `sopaudit __reader`, one per
// worker thread, started once and reused for file after file: the worker sends it a request
// (path, format, limits) and gets the layout::ReadResult back over a pipe. The parent waits at
// most the file's time limit, then kills the reader and starts a new one for the next file. A
// crash (signal, abort, sanitizer exit) or a hang becomes a layout::Problem of that file, like
// any other bad input; the rest of the batch goes on.
//
// Why a process and not cooperative deadlines: the time goes inside libraries we do not control
// (libxml2, libzip, poppler, Leptonica, Tesseract) and a crash there cannot be caught in-process.
// Why a long-lived reader started with posix_spawn and not fork() per file: fork() in a process
// whose other threads are running copies whatever lock those threads hold at that instant (the
// sanitizers' allocator, a library's mutex) into a child where nobody will ever release it, and
// the child hangs; a freshly exec'ed reader has no such inheritance. The reader keeps its
// Tesseract engine between files, so the models load once per worker, not once per file.

#include "ingest/ingest.hpp"
#include "layout/layout.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>

namespace sopaudit::ocr {
class Engine;
}

namespace sopaudit::pipeline {

// How an isolated read ended, for logs and tests.
enum class IsolatedEnd {
    completed, // the reader sent a result
    timed_out, // killed after the time limit: Problem{limit, "time: ..."}
    crashed,   // died by a signal, exited, or sent bytes that are not a result:
               // Problem{unreadable, "reader crashed ..."}
};
const char* to_string(IsolatedEnd e);

struct IsolatedRead {
    layout::ReadResult result;
    IsolatedEnd end = IsolatedEnd::completed;
    double seconds = 0; // wall time of the read, as the parent measured it
};

// One file to read: what the reader process needs and nothing of the parent's state.
struct ReadRequest {
    std::string label;          // the file's relative path: problem details, test fault switch
    std::filesystem::path file; // absolute path to open
    ingest::Format format = ingest::Format::unknown; // docx, pdf or image
    ingest::Limits limits; // limits.max_seconds_per_file is the parent's deadline
};

// Reads a docx, pdf or image file in this process (the reader's side of the pipe, and the
// --no-isolation path). engine is created on the first scan and kept for the next ones.
layout::ReadResult read_in_process(const ReadRequest& request,
                                   std::unique_ptr<ocr::Engine>& engine);

// OMP_THREAD_LIMIT in every reader's environment: the user's value if set, else "1".
std::string reader_openmp_thread_limit();

// The executable started as reader: $SOPAUDIT_READER if set (tests, whose own binary is not
// sopaudit), else this process's own executable (/proc/self/exe).
std::filesystem::path default_reader_executable();

// The parent's handle on one reader process. Not thread-safe: each worker thread owns one.
// The process is started on the first read, and again after one was killed or died.
class ReaderProcess {
public:
    explicit ReaderProcess(std::filesystem::path executable = default_reader_executable());
    ~ReaderProcess(); // closes the request pipe, so the reader ends; waits for it briefly
    ReaderProcess(const ReaderProcess&) = delete;
    ReaderProcess& operator=(const ReaderProcess&) = delete;

    // Never throws for what the reader does; throws std::system_error only when no reader can
    // be started at all (no pipes, no processes, a missing executable: the tool's own trouble).
    IsolatedRead read(const ReadRequest& request);

    pid_t pid() const { return m_pid; }     // 0 when no reader runs
    int starts() const { return m_starts; } // readers started so far (restarts included)

private:
    void start();
    void stop(bool kill_it); // ends the reader; returns its wait status in m_status
    std::filesystem::path m_executable;
    pid_t m_pid = 0;
    int m_to_reader = -1;
    int m_from_reader = -1;
    int m_status = 0;
    int m_starts = 0;
};

// `sopaudit __reader`: serves requests from in_fd, answers on out_fd, until in_fd ends.
// Returns the process exit code.
//
// Test-only switch: the environment variable SOPAUDIT_TEST_READER_FAULT, a comma-separated list
// of ACTION:SUBSTRING with ACTION one of hang, crash, abort, throw, garbage or sleepMS (sleep MS
// milliseconds, then read), makes the reader, for a file whose label contains SUBSTRING, sleep
// forever, write through a null pointer, call abort(), throw out of the read, send bytes that
// are not a result, or read slowly. It exists so the tests can force the slow and the crash
// paths through the real binary; it only ever makes a read fail or slow.
int reader_main(int in_fd, int out_fd);

// Cuts every paragraph text and shape text of the document to at most max_bytes (at a UTF-8
// character boundary). Returns how many texts were cut.
std::size_t clip_long_text(layout::Document& document, std::size_t max_bytes);

// The wire format between child and parent: length-prefixed binary (exact doubles, no parser
// on the parent's side). decode_result checks every length against the bytes left, so a child
// that a hostile file has subverted cannot make the parent allocate or read out of bounds.
std::string encode_result(const layout::ReadResult& result);
std::optional<layout::ReadResult> decode_result(const std::string& bytes);

} // namespace sopaudit::pipeline
