#pragma once
// One run at a time over one state database: an flock'd lock file next to it. The kernel drops
// the lock when the process dies, however it dies, so a killed run never blocks the next night.

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sopaudit::state {

// Another process holds the lock (exit code 2, message for the user).
struct LockBusy : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Lock {
public:
    // Takes the lock at once or throws LockBusy naming the holder's pid; throws
    // std::runtime_error if the lock file cannot be created.
    explicit Lock(const std::filesystem::path& lock_file);
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    // The lock file that guards a state database: "<db>.lock".
    static std::filesystem::path for_database(const std::filesystem::path& db);

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

} // namespace sopaudit::state
