#include "ingest/ingest.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <sys/stat.h>
#include <utility>

namespace sopaudit::ingest {
namespace {

namespace fs = std::filesystem;

// A directory's identity on disk: the same directory reached through a symlink has the same one.
using DirId = std::pair<dev_t, ino_t>;

bool skipped_name(const std::string& name) {
    // Hidden files and folders, and the lock files Word leaves beside an open document.
    return name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0;
}

// Replaces invalid UTF-8 sequences with U+FFFD so a name from a foreign encoding still prints.
std::string valid_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
        bool ok = len != 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
        }
        if (ok && len == 2) {
            ok = c >= 0xC2; // overlong
        }
        if (ok) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

class Walker {
public:
    Walker(const std::vector<fs::path>& excluded) {
        for (const auto& dir : excluded) {
            struct stat st {};
            if (::stat(dir.c_str(), &st) == 0) {
                m_excluded.insert({st.st_dev, st.st_ino});
            }
        }
    }

    void walk_root(const fs::path& root, std::vector<Candidate>& out) {
        struct stat st {};
        if (::stat(root.c_str(), &st) != 0) {
            throw std::runtime_error("input not found: " + root.string());
        }
        m_root = root.string();
        if (S_ISREG(st.st_mode)) {
            add(root, valid_utf8(root.filename().string()), st, out);
        } else if (S_ISDIR(st.st_mode)) {
            m_visited.clear();
            m_visited.insert({st.st_dev, st.st_ino});
            walk_dir(root, "", out);
        } else {
            throw std::runtime_error("input is neither a file nor a folder: " + root.string());
        }
    }

private:
    void add(const fs::path& path, std::string relative, const struct stat& st,
             std::vector<Candidate>& out) {
        Candidate c;
        c.absolute = fs::absolute(path);
        c.relative = std::move(relative);
        c.root = m_root;
        c.size = static_cast<std::uint64_t>(st.st_size);
        c.mtime_ns =
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        out.push_back(std::move(c));
    }

    void walk_dir(const fs::path& dir, const std::string& prefix, std::vector<Candidate>& out) {
        std::error_code ec;
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            return; // unreadable folder: nothing under it can be found
        }
        std::vector<fs::path> entries;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) {
                break;
            }
            entries.push_back(it->path());
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) {
            const std::string name = entry.filename().string();
            if (skipped_name(name)) {
                continue;
            }
            struct stat st {};
            if (::stat(entry.c_str(), &st) != 0) {
                continue; // dangling symlink, or gone since the listing
            }
            const std::string relative = prefix + valid_utf8(name);
            if (S_ISDIR(st.st_mode)) {
                const DirId id{st.st_dev, st.st_ino};
                if (m_excluded.count(id) != 0 || !m_visited.insert(id).second) {
                    continue; // the output folder, or a folder already walked (symlink loop)
                }
                walk_dir(entry, relative + "/", out);
            } else if (S_ISREG(st.st_mode)) {
                add(entry, relative, st, out);
            }
        }
    }

    std::set<DirId> m_excluded;
    std::set<DirId> m_visited;
    std::string m_root;
};

} // namespace

std::vector<Candidate> walk(const std::vector<fs::path>& roots,
                            const std::vector<fs::path>& excluded_dirs) {
    Walker walker(excluded_dirs);
    std::vector<Candidate> all;
    for (const auto& root : roots) {
        std::vector<Candidate> found;
        walker.walk_root(root, found);
        // Byte order of the UTF-8 relative path: stable across runs and machines.
        std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
            return a.relative < b.relative;
        });
        all.insert(all.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
    }
    return all;
}

} // namespace sopaudit::ingest
