#pragma once
// What the user sees while a run goes: on a terminal a redrawn progress line (files done/total,
// rate, ETA, current file); otherwise (cron, systemd) timestamped log lines through Poco logging.
// The run ends with one summary line (summary_line below) on stdout; the log repeats it.

#include "audit/rule_set.hpp"
#include "state/store.hpp"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>

namespace sopaudit::pipeline {

class Progress {
public:
    struct Options {
        bool quiet = false;           // errors only, no summary
        bool verbose = false;         // a line for every file, unchanged ones too
        std::optional<bool> terminal; // unset: isatty(stderr)
    };

    explicit Progress(Options options);
    // For tests: writes to `out` instead of stderr.
    Progress(Options options, std::ostream& out);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    bool terminal() const { return m_terminal; }

    void start(std::size_t total, std::size_t unchanged_expected = 0);
    // Thread-safe: called by the workers.
    void file_started(const std::string& path);
    void file_done(const std::string& path, const std::string& status, std::size_t sops,
                   std::size_t findings, double seconds);
    void info(const std::string& text);
    void warning(const std::string& text);
    void error(const std::string& text);
    // The end of the run: clears the progress line. In log mode the summary is logged (NOTICE)
    // so that a log file read alone has it with its time; on a terminal it is not repeated on
    // stderr, since the same line goes to stdout.
    void finish(const std::string& summary);
    // "1:05:09", "3:07", "12 s"
    static std::string duration(double seconds);

private:
    void log(int priority, const std::string& text);
    void redraw(bool force);
    void clear_line();

    Options m_options;
    std::ostream& m_out;
    bool m_terminal = false;
    std::mutex m_mutex;
    std::size_t m_total = 0;
    std::size_t m_done = 0;
    std::size_t m_audited_done = 0; // files that were really read (for the rate)
    std::size_t m_unchanged_expected = 0;
    std::string m_current;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_last_draw;
    std::chrono::steady_clock::time_point m_last_log;
    bool m_line_drawn = false;
    std::string m_logger_name;
};

// The one end-of-run summary line of scan and merge (README, "Nightly operation"), e.g.
// "sopaudit: 456 files (12 audited, 440 unchanged, 4 failed), 300 SOPs, findings: 120 error,
// 40 warning, 3 info (5 new, 2 resolved); 2.3 s; report: output/report.json"
// and in Indonesian "sopaudit: 456 berkas (12 diaudit, 440 tidak berubah, 4 gagal), 300 SOP,
// temuan: 120 galat, 40 peringatan, 3 info (5 baru, 2 selesai); 2,3 s; laporan: ...".
// The new/resolved part is there only when the run has a previous one to compare with
// (`has_changes`).
std::string summary_line(const state::RunCounts& counts, bool has_changes, double seconds,
                         audit::Lang lang, const std::string& report_path);

} // namespace sopaudit::pipeline
