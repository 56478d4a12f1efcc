#include "pipeline/shard.hpp"

#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <charconv>

namespace sopaudit::pipeline {
namespace {

constexpr unsigned k_max_shards = 100000;

bool parse_unsigned(const std::string& s, unsigned& out) {
    if (s.empty() || s.size() > 6) {
        return false;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

} // namespace

Shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    Shard shard;
    if (slash == std::string::npos || !parse_unsigned(text.substr(0, slash), shard.index) ||
        !parse_unsigned(text.substr(slash + 1), shard.count) || shard.count == 0 ||
        shard.count > k_max_shards || shard.index == 0 || shard.index > shard.count) {
        throw UsageError("--shard wants K/N with 1 <= K <= N <= " + std::to_string(k_max_shards) +
                         ", not '" + text + "'");
    }
    return shard;
}

std::uint64_t path_hash(const std::string& relative_path) {
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : relative_path) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

unsigned shard_of(const std::string& relative_path, unsigned count) {
    if (count <= 1) {
        return 1;
    }
    // FNV-1a's low bits follow the last bytes of the path closely (names ending in 1.docx,
    // 2.docx, ...); murmur3's finaliser spreads every bit over all of them before the modulo.
    std::uint64_t h = path_hash(relative_path);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return static_cast<unsigned>(h % count) + 1;
}

std::vector<ingest::Candidate> select_shard(std::vector<ingest::Candidate> candidates,
                                            const Shard& shard) {
    if (shard.whole()) {
        return candidates;
    }
    std::erase_if(candidates, [&](const ingest::Candidate& c) {
        return shard_of(c.relative, shard.count) != shard.index;
    });
    return candidates;
}

} // namespace sopaudit::pipeline
