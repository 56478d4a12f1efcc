#pragma once
// A small bounds-checked binary encoding for data that stays inside the tool: the layout
// documents a reader process sends back (pipeline/isolation.cpp) and the results a run spools
// until its reports are written (report/result_spool.cpp). Native byte order; both ends are
// the same build. A Reader that runs past its input or meets a forged length turns !ok() and
// yields zeros, never reads out of bounds.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::common::wire {

class Writer {
public:
    void i64(std::int64_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void flag(bool v) { out.push_back(v ? '\1' : '\0'); }
    void str(const std::string& s) {
        i64(static_cast<std::int64_t>(s.size()));
        out.append(s);
    }
    void count(std::size_t n) { i64(static_cast<std::int64_t>(n)); }
    std::string out;

private:
    void raw(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool ok() const { return m_ok; }
    bool at_end() const { return m_pos == m_in.size(); }
    void fail() { m_ok = false; } // a value out of its range: the input is not what was written

    std::int64_t i64() {
        std::int64_t v = 0;
        raw(&v, sizeof v);
        return v;
    }
    int i32() { return static_cast<int>(i64()); }
    double f64() {
        double v = 0;
        raw(&v, sizeof v);
        return v;
    }
    bool flag() {
        char c = 0;
        raw(&c, 1);
        return c != 0;
    }
    std::string str() {
        std::int64_t n = i64();
        if (!m_ok || n < 0 || static_cast<std::uint64_t>(n) > m_in.size() - m_pos) {
            m_ok = false;
            return {};
        }
        std::string s(m_in.substr(m_pos, static_cast<std::size_t>(n)));
        m_pos += static_cast<std::size_t>(n);
        return s;
    }
    // A count of items that each take at least min_item_bytes: bounded by the bytes left.
    std::size_t count(std::size_t min_item_bytes) {
        std::int64_t n = i64();
        if (!m_ok || n < 0 ||
            static_cast<std::uint64_t>(n) > (m_in.size() - m_pos) / min_item_bytes) {
            m_ok = false;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }

private:
    void raw(void* p, std::size_t n) {
        if (!m_ok || n > m_in.size() - m_pos) {
            m_ok = false;
            return;
        }
        std::memcpy(p, m_in.data() + m_pos, n);
        m_pos += n;
    }
    std::string_view m_in;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

// A vector as its count and its items; put(w, item) and get(r, item) are found by
// argument-dependent lookup in the item type's namespace.
template <class T>
void put_all(Writer& w, const std::vector<T>& v) {
    w.count(v.size());
    for (const auto& x : v)
        put(w, x);
}
template <class T>
void get_all(Reader& r, std::vector<T>& v) {
    // Every item is at least 8 bytes on the wire; the bound keeps a forged count harmless.
    std::size_t n = r.count(8);
    v.clear();
    v.reserve(n);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        v.emplace_back();
        get(r, v.back());
    }
}

} // namespace sopaudit::common::wire
