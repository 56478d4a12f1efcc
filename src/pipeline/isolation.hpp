#pragma once
// Per-file isolation: a reader that crashes or hangs on one hostile file must not take the run
// down. Each read runs in a child process forked for that file; the child sends the
// layout::ReadResult back over a pipe and exits. The parent waits at most the file's time limit,
// then kills the child. A crash (signal, abort, sanitizer exit) or a hang becomes a
// layout::Problem of the file, like any other bad input; the rest of the batch goes on.
//
// Why fork per file and not cooperative deadlines: the time goes inside libraries we do not
// control (libxml2, libzip, poppler, Leptonica, Tesseract) and a crash there cannot be caught
// in-process at all. Why fork and not exec a worker: the child inherits the worker thread's
// initialised Tesseract engine and rule set, so a read costs one fork (about a millisecond, see
// docs/limits.md), not an engine start. What keeps fork safe in a threaded parent: the parent
// runs no reader library code itself (only the children do), so no thread of the parent holds
// a lock of those libraries at fork time; glibc's malloc and stdio are fork-safe; the child
// calls only the reader and then _exit, no atexit handlers, no logging of the parent.

#include "layout/layout.hpp"

#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>

namespace sopaudit::pipeline {

struct IsolationOptions {
    bool enabled = true;            // --no-isolation runs readers in-process (debugging)
    double timeout_seconds = 300.0; // ingest::Limits::max_seconds_per_file
};

// How an isolated read ended, for logs and tests.
enum class IsolatedEnd {
    completed,  // the child sent a result
    timed_out,  // killed after timeout_seconds: Problem{limit, "time: ..."}
    crashed,    // died by a signal or exited without a result: Problem{unreadable, "reader crashed
                // ..."}
    in_process, // isolation disabled (or fork failed): read() ran in this process
};
const char* to_string(IsolatedEnd e);

struct IsolatedRead {
    layout::ReadResult result;
    IsolatedEnd end = IsolatedEnd::completed;
    double seconds = 0; // wall time of the read, as the parent measured it
};

// Runs read() in a child process and returns what it read. label names the file (its relative
// path) for the problem detail and for the test fault switch below. Never throws for what the
// child does; throws std::system_error only if it cannot make a pipe (the tool's own trouble).
//
// Test-only switch: the environment variable SOPAUDIT_TEST_READER_FAULT, a comma-separated list
// of ACTION:SUBSTRING with ACTION one of hang, crash, abort, garbage, makes the child, for a file
// whose label contains SUBSTRING, sleep forever, raise SIGSEGV, call abort(), or send bytes that
// are not a result. It exists so the end-to-end tests can force the slow and the crash paths
// through the real binary; it only ever makes a read fail.
IsolatedRead read_isolated(const std::function<layout::ReadResult()>& read,
                           const std::string& label, const IsolationOptions& options);

// Library work that the parent process does itself (sniffing a file with libzip/libxml2) holds
// this guard; read_isolated forks only while no thread holds it. So a child never starts with a
// library lock held by a thread that does not exist in the child, which would hang it.
std::shared_lock<std::shared_mutex> parent_library_guard();

// Cuts every paragraph text and shape text of the document to at most max_bytes (at a UTF-8
// character boundary). Returns how many texts were cut.
std::size_t clip_long_text(layout::Document& document, std::size_t max_bytes);

// The wire format between child and parent: length-prefixed binary (exact doubles, no parser
// on the parent's side). decode_result checks every length against the bytes left, so a child
// that a hostile file has subverted cannot make the parent allocate or read out of bounds.
std::string encode_result(const layout::ReadResult& result);
std::optional<layout::ReadResult> decode_result(const std::string& bytes);

} // namespace sopaudit::pipeline
