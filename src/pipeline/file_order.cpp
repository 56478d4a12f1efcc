#include "pipeline/file_order.hpp"

#include <algorithm>
#include <cctype>

namespace sopaudit::pipeline {

FileOrder::FileOrder(const std::vector<ingest::Candidate>& files, std::size_t tail)
    : m_tail_from(files.size() - std::min(tail, files.size())) {
    std::map<std::string, std::uint32_t> kinds;
    m_items.reserve(files.size());
    for (const auto& f : files) {
        std::string ext = f.absolute.extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const auto kind = kinds.emplace(ext, static_cast<std::uint32_t>(kinds.size())).first;
        m_items.push_back({f.size, kind->second, false});
    }
    m_rates.resize(kinds.size());
}

double FileOrder::guess_locked(const Item& item) const {
    // A byte more: an empty file still costs something, and sizes alone stay ordered.
    const double bytes = static_cast<double>(item.size) + 1;
    const Rate& own = m_rates[item.kind];
    if (own.bytes > 0) {
        return bytes * own.seconds / own.bytes;
    }
    if (m_all.bytes > 0) {
        return bytes * m_all.seconds / m_all.bytes;
    }
    return bytes;
}

double FileOrder::guess(std::size_t index) {
    std::lock_guard lock(m_mutex);
    return guess_locked(m_items.at(index));
}

std::optional<std::size_t> FileOrder::next() {
    std::lock_guard lock(m_mutex);
    while (m_first < m_items.size() && m_items[m_first].started) {
        ++m_first;
    }
    if (m_closed || m_first == m_items.size()) {
        return std::nullopt;
    }
    std::size_t pick = m_first;
    if (m_first >= m_tail_from) {
        double most = guess_locked(m_items[pick]);
        for (std::size_t i = m_first + 1; i < m_items.size(); ++i) {
            if (m_items[i].started) {
                continue;
            }
            if (const double g = guess_locked(m_items[i]); g > most) {
                most = g;
                pick = i;
            }
        }
    }
    m_items[pick].started = true;
    return pick;
}

void FileOrder::done(std::size_t index, double seconds) {
    std::lock_guard lock(m_mutex);
    const Item& item = m_items.at(index);
    const double bytes = static_cast<double>(item.size) + 1;
    m_rates[item.kind].seconds += seconds;
    m_rates[item.kind].bytes += bytes;
    m_all.seconds += seconds;
    m_all.bytes += bytes;
}

void FileOrder::close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
}

} // namespace sopaudit::pipeline
