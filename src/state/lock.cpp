#include "state/lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>

namespace sopaudit::state {

std::filesystem::path Lock::for_database(const std::filesystem::path& db) {
    return std::filesystem::path(db.string() + ".lock");
}

Lock::Lock(const std::filesystem::path& lock_file) : m_path(lock_file) {
    // O_CLOEXEC: a child process (a reader process, a converter) must not inherit the lock.
    m_fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        throw std::runtime_error("cannot create lock file " + lock_file.string() + ": " +
                                 std::strerror(errno));
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char buf[32] = {};
        const ssize_t n = ::pread(m_fd, buf, sizeof buf - 1, 0);
        std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) {
            holder.pop_back();
        }
        ::close(m_fd);
        m_fd = -1;
        if (err == EWOULDBLOCK) {
            throw LockBusy("another sopaudit run (pid " + (holder.empty() ? "?" : holder) +
                           ") is using the state " + lock_file.string() +
                           "; refusing to start a second one");
        }
        throw std::runtime_error("cannot lock " + lock_file.string() + ": " + std::strerror(err));
    }
    // Only informative (for the refusal message): the flock itself is the lock.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(m_fd, 0) == 0) {
        [[maybe_unused]] const ssize_t w = ::pwrite(m_fd, pid.data(), pid.size(), 0);
    }
}

Lock::~Lock() {
    if (m_fd >= 0) {
        // The file stays: deleting it would race with a process that just opened it.
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace sopaudit::state
