#include "pipeline/progress.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/PatternFormatter.h>
#include <Poco/StreamChannel.h>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace sopaudit::pipeline {

namespace {

int terminal_width() {
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
        return ws.ws_col;
    }
    return 80;
}

// Cuts a UTF-8 string to at most `width` code points, keeping the end (the file name).
std::string tail_fit(const std::string& s, std::size_t width) {
    std::size_t points = 0;
    for (unsigned char ch : s) {
        points += (ch & 0xC0) != 0x80;
    }
    if (points <= width) {
        return s;
    }
    std::size_t drop = points - width + 1, i = 0;
    while (i < s.size() && drop > 0) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
            ++i;
        }
        --drop;
    }
    return "…" + s.substr(i);
}

} // namespace

Progress::Progress(Options options) : Progress(options, std::cerr) {
    if (!options.terminal) {
        m_terminal = ::isatty(STDERR_FILENO) == 1;
    }
}

Progress::Progress(Options options, std::ostream& out)
    : m_options(options), m_out(out), m_terminal(options.terminal.value_or(false)) {
    static std::atomic<int> serial{0};
    // One logger per Progress: tests make several, each with its own stream.
    m_logger_name = "sopaudit.run." + std::to_string(serial++);
    Poco::AutoPtr<Poco::PatternFormatter> formatter(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S%z %p %t"));
    formatter->setProperty("times", "local");
    Poco::AutoPtr<Poco::StreamChannel> stream(new Poco::StreamChannel(m_out));
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, stream));
    Poco::Logger& logger = Poco::Logger::get(m_logger_name);
    logger.setChannel(channel);
    logger.setLevel(m_options.quiet     ? Poco::Message::PRIO_ERROR
                    : m_options.verbose ? Poco::Message::PRIO_DEBUG
                                        : Poco::Message::PRIO_INFORMATION);
    m_started = m_last_draw = m_last_log = std::chrono::steady_clock::now();
}

Progress::~Progress() {
    Poco::Logger::destroy(m_logger_name);
}

void Progress::log(int priority, const std::string& text) {
    Poco::Logger& logger = Poco::Logger::get(m_logger_name);
    if (!logger.is(priority)) {
        return;
    }
    if (m_terminal) {
        // On a terminal the line is for a person: no timestamp, and the bar is drawn again below.
        clear_line();
        if (priority <= Poco::Message::PRIO_WARNING) {
            m_out << (priority <= Poco::Message::PRIO_ERROR ? "error: " : "warning: ");
        }
        m_out << text << "\n";
        m_out.flush();
        return;
    }
    logger.log(Poco::Message(m_logger_name, text, static_cast<Poco::Message::Priority>(priority)));
}

void Progress::clear_line() {
    if (m_line_drawn) {
        m_out << "\r\x1b[K";
        m_line_drawn = false;
    }
}

void Progress::start(std::size_t total, std::size_t unchanged_expected) {
    std::lock_guard lock(m_mutex);
    m_total = total;
    m_unchanged_expected = unchanged_expected;
    m_started = std::chrono::steady_clock::now();
    if (!m_terminal) {
        log(Poco::Message::PRIO_INFORMATION,
            "run started: " + std::to_string(total) + " files, " +
                std::to_string(total - std::min(total, unchanged_expected)) + " to read");
    }
    redraw(true);
}

void Progress::file_started(const std::string& path) {
    std::lock_guard lock(m_mutex);
    m_current = path;
    redraw(false);
}

void Progress::file_done(const std::string& path, const std::string& status, std::size_t sops,
                         std::size_t findings, double seconds) {
    std::lock_guard lock(m_mutex);
    ++m_done;
    if (status != "unchanged") {
        ++m_audited_done;
    }
    std::ostringstream line;
    line << status << " " << path << " (" << sops << " SOP, " << findings << " findings";
    if (status != "unchanged") {
        line.precision(2);
        line << std::fixed << ", " << seconds << " s";
    }
    line << ")";
    // Without --verbose, a terminal shows only the bar and a log shows the files really read.
    const int priority = status == "unchanged" || m_terminal ? Poco::Message::PRIO_DEBUG
                                                             : Poco::Message::PRIO_INFORMATION;
    log(priority, line.str());
    const auto now = std::chrono::steady_clock::now();
    if (!m_terminal && now - m_last_log >= std::chrono::seconds(60)) {
        m_last_log = now;
        log(Poco::Message::PRIO_INFORMATION,
            "progress: " + std::to_string(m_done) + "/" + std::to_string(m_total) + " files");
    }
    redraw(m_done == m_total);
}

void Progress::redraw(bool force) {
    if (!m_terminal || m_options.quiet) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - m_last_draw < std::chrono::milliseconds(100)) {
        return;
    }
    m_last_draw = now;
    const double elapsed = std::chrono::duration<double>(now - m_started).count();
    std::ostringstream s;
    const std::size_t width = static_cast<std::size_t>(terminal_width());
    const int bar = 20;
    const double fraction = m_total ? double(m_done) / double(m_total) : 1.0;
    const int filled = static_cast<int>(std::lround(fraction * bar));
    s << "[" << std::string(static_cast<std::size_t>(filled), '#')
      << std::string(static_cast<std::size_t>(bar - filled), '.') << "] " << m_done << "/"
      << m_total;
    if (elapsed > 0.5 && m_done > 0) {
        const double rate = double(m_done) / elapsed;
        s.precision(1);
        s << std::fixed << " " << rate << " files/s";
        // ETA from the files really read: unchanged ones cost next to nothing.
        const std::size_t left = m_total - m_done;
        if (left > 0 && m_audited_done > 0) {
            const double per_file = elapsed / double(m_audited_done);
            const std::size_t unchanged_left =
                m_unchanged_expected > (m_done - m_audited_done)
                    ? m_unchanged_expected - (m_done - m_audited_done)
                    : 0;
            const std::size_t read_left = left > unchanged_left ? left - unchanged_left : 0;
            s << " ETA " << duration(per_file * double(read_left));
        }
    }
    std::string head = s.str();
    std::string line = head;
    if (!m_current.empty() && head.size() + 4 < width) {
        line += "  " + tail_fit(m_current, width - head.size() - 3);
    }
    m_out << "\r" << line << "\x1b[K";
    m_out.flush();
    m_line_drawn = true;
}

void Progress::info(const std::string& text) {
    std::lock_guard lock(m_mutex);
    log(Poco::Message::PRIO_INFORMATION, text);
    redraw(true);
}

void Progress::warning(const std::string& text) {
    std::lock_guard lock(m_mutex);
    log(Poco::Message::PRIO_WARNING, text);
    redraw(true);
}

void Progress::error(const std::string& text) {
    std::lock_guard lock(m_mutex);
    log(Poco::Message::PRIO_ERROR, text);
    redraw(true);
}

void Progress::finish(const std::string& summary) {
    std::lock_guard lock(m_mutex);
    clear_line();
    m_out.flush();
    if (!m_options.quiet && !m_terminal) {
        log(Poco::Message::PRIO_NOTICE, summary);
    }
}

std::string Progress::duration(double seconds) {
    if (!(seconds >= 0)) {
        seconds = 0;
    }
    const long total = std::lround(seconds);
    char buf[32];
    if (total < 60) {
        std::snprintf(buf, sizeof buf, "%ld s", total);
    } else if (total < 3600) {
        std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                      total % 60);
    }
    return buf;
}

std::string summary_line(const state::RunCounts& c, bool has_changes, double seconds,
                         audit::Lang lang, const std::string& report_path) {
    const bool en = lang == audit::Lang::en;
    std::ostringstream s;
    s << "sopaudit: " << c.files << (en ? " files (" : " berkas (") << c.audited
      << (en ? " audited, " : " diaudit, ") << c.unchanged
      << (en ? " unchanged, " : " tidak berubah, ") << c.failed << (en ? " failed), " : " gagal), ")
      << c.sops << (en ? " SOPs, findings: " : " SOP, temuan: ") << c.errors
      << (en ? " error, " : " galat, ") << c.warnings << (en ? " warning, " : " peringatan, ")
      << c.infos << " info";
    if (has_changes) {
        s << " (" << c.new_findings << (en ? " new, " : " baru, ") << c.resolved_findings
          << (en ? " resolved)" : " selesai)");
    }
    std::ostringstream seconds_text;
    seconds_text << std::fixed << std::setprecision(1) << seconds;
    std::string time = seconds_text.str();
    if (!en) {
        std::replace(time.begin(), time.end(), '.', ',');
    }
    s << "; " << time << " s; " << (en ? "report: " : "laporan: ") << report_path;
    return s.str();
}

} // namespace sopaudit::pipeline
