#include "state/lock.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace sopaudit::state;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
    fs::path d =
        fs::temp_directory_path() / ("sopaudit_lock_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// Forks a child that tries the lock; returns 0 if it got it, 1 if busy, 2 on other errors.
int try_in_child(const fs::path& file) {
    pid_t pid = fork();
    if (pid == 0) {
        int code = 0;
        try {
            Lock lock(file);
        } catch (const LockBusy&) {
            code = 1;
        } catch (...) {
            code = 2;
        }
        _exit(code);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}

} // namespace

TEST(Lock, SecondProcessIsRefusedWhileHeld) {
    fs::path dir = temp_dir("held");
    fs::path file = Lock::for_database(dir / "state.db");
    EXPECT_EQ(file.filename(), "state.db.lock");
    {
        Lock lock(file);
        EXPECT_EQ(try_in_child(file), 1);
    }
    EXPECT_EQ(try_in_child(file), 0);
    fs::remove_all(dir);
}

TEST(Lock, BusyMessageNamesTheHolder) {
    fs::path dir = temp_dir("msg");
    fs::path file = dir / "x.lock";
    Lock lock(file);
    // A second open file description in the same process conflicts too (flock semantics).
    try {
        Lock second(file);
        FAIL() << "second lock succeeded";
    } catch (const LockBusy& e) {
        EXPECT_NE(std::string(e.what()).find("pid " + std::to_string(getpid())), std::string::npos)
            << e.what();
    }
    fs::remove_all(dir);
}

TEST(Lock, ReleasedWhenHolderIsKilled) {
    fs::path dir = temp_dir("killed");
    fs::path file = dir / "x.lock";
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    pid_t pid = fork();
    if (pid == 0) {
        Lock lock(file);
        char c = 'x';
        [[maybe_unused]] auto n = write(ready[1], &c, 1);
        pause();
        _exit(0);
    }
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    EXPECT_EQ(try_in_child(file), 1);
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    EXPECT_EQ(try_in_child(file), 0);
    close(ready[0]);
    close(ready[1]);
    fs::remove_all(dir);
}

TEST(Lock, UncreatableLockFileIsAnError) {
    EXPECT_THROW(Lock("/nonexistent-dir-sopaudit/x.lock"), std::runtime_error);
}
