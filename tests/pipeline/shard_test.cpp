#include "pipeline/pipeline.hpp"
#include "pipeline/shard.hpp"

#include <gtest/gtest.h>
#include <map>
#include <set>

namespace sopaudit::pipeline {
namespace {

std::vector<ingest::Candidate> candidates(std::size_t n) {
    std::vector<ingest::Candidate> out;
    for (std::size_t i = 0; i < n; ++i) {
        ingest::Candidate c;
        c.relative = "OPD " + std::to_string(i % 17) + "/SOP-" + std::to_string(i) + ".docx";
        c.root = "/data";
        out.push_back(c);
    }
    return out;
}

TEST(ParseShard, AcceptsKOfN) {
    EXPECT_EQ(parse_shard("1/1"), (Shard{1, 1}));
    EXPECT_EQ(parse_shard("3/8"), (Shard{3, 8}));
    EXPECT_EQ(parse_shard("100000/100000"), (Shard{100000, 100000}));
}

TEST(ParseShard, RefusesWhatIsNotKOfN) {
    for (const std::string bad :
         {"", "1", "/", "0/3", "4/3", "1/0", "-1/3", "1/-3", "a/3", "1/3x", " 1/3", "1/100001",
          "1/3/4", "1.5/3", "99999999999/1"}) {
        EXPECT_THROW(parse_shard(bad), UsageError) << bad;
    }
}

TEST(PathHash, IsFnv1a64) {
    // The published FNV-1a test vectors: the partition must never change between builds.
    EXPECT_EQ(path_hash(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(path_hash("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(path_hash("foobar"), 0x85944171f73967e8ull);
}

TEST(ShardOf, IsStableAndInRange) {
    EXPECT_EQ(shard_of("any/path.docx", 1), 1u);
    for (const auto& c : candidates(200)) {
        const unsigned s = shard_of(c.relative, 5);
        EXPECT_GE(s, 1u);
        EXPECT_LE(s, 5u);
        EXPECT_EQ(s, shard_of(c.relative, 5));
    }
}

TEST(SelectShard, PartitionsTheListDisjointlyAndCompletely) {
    const auto all = candidates(3000);
    for (const unsigned n : {2u, 3u, 7u}) {
        std::map<std::string, int> times_seen;
        for (unsigned k = 1; k <= n; ++k) {
            const auto part = select_shard(all, Shard{k, n});
            // Balanced enough to be useful: within 20% of an even share.
            const double share = static_cast<double>(all.size()) / n;
            EXPECT_GT(part.size(), 0.8 * share) << k << "/" << n;
            EXPECT_LT(part.size(), 1.2 * share) << k << "/" << n;
            for (const auto& c : part) {
                ++times_seen[c.relative];
            }
        }
        ASSERT_EQ(times_seen.size(), all.size()) << n;
        for (const auto& [path, times] : times_seen) {
            EXPECT_EQ(times, 1) << path;
        }
    }
}

TEST(SelectShard, KeepsTheOrderOfTheList) {
    const auto all = candidates(100);
    const auto part = select_shard(all, Shard{2, 3});
    ASSERT_FALSE(part.empty());
    std::size_t at = 0;
    for (const auto& c : part) {
        while (at < all.size() && all[at].relative != c.relative) {
            ++at;
        }
        ASSERT_LT(at, all.size()) << c.relative << " out of order";
    }
}

TEST(SelectShard, WholeIsEverything) {
    const auto all = candidates(10);
    EXPECT_EQ(select_shard(all, Shard{}).size(), 10u);
    EXPECT_EQ(select_shard(all, Shard{1, 1}).size(), 10u);
}

} // namespace
} // namespace sopaudit::pipeline
