#pragma once
// The order the workers take a run's files in: the list's own order, except for its last files,
// which go costliest first. A run that ends with one worker still on a big file while the
// others have nothing left waits for it; started among the last ones, the big file overlaps
// the small ones. Reports keep the list's order (results wait in the pipeline's ordered
// delivery), so only the last `tail` results can wait in memory for an earlier one.

#include "ingest/ingest.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sopaudit::pipeline {

class FileOrder {
public:
    // files: the run's candidates (only their size and extension are kept); tail: how many of
    // the last files are taken costliest first.
    FileOrder(const std::vector<ingest::Candidate>& files, std::size_t tail);

    // The next file's index, or nullopt when every file was handed out or close() was called.
    // Thread-safe, like done() and close().
    std::optional<std::size_t> next();
    // File index took seconds: the guess of the cost of files of its kind (extension) learns
    // from it.
    void done(std::size_t index, double seconds);
    void close();

    // The guessed cost of a file not started yet: its size at the seconds per byte that files of
    // its kind have taken so far (of all files when none of its kind is done; its size alone when
    // none at all is done).
    double guess(std::size_t index);

private:
    struct Item {
        std::uint64_t size = 0;
        std::uint32_t kind = 0;
        bool started = false;
    };
    struct Rate {
        double seconds = 0;
        double bytes = 0;
    };
    double guess_locked(const Item& item) const;

    std::mutex m_mutex;
    std::vector<Item> m_items;
    std::vector<Rate> m_rates; // per kind
    Rate m_all;
    std::size_t m_first = 0; // the first file not started
    std::size_t m_tail_from = 0;
    bool m_closed = false;
};

} // namespace sopaudit::pipeline
