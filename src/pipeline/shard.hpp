#pragma once
// --shard K/N: a stable partition of a scan's file list, so that N machines (a Kubernetes
// Indexed Job, a Slurm array, GNU parallel over ssh) each audit a disjoint part of the same
// folder and `sopaudit merge` joins their reports into the report of one full run.

#include "ingest/ingest.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sopaudit::pipeline {

struct Shard {
    unsigned index = 1; // 1-based: shard 1/3 is the first of three
    unsigned count = 1;
    bool whole() const { return count <= 1; }
    bool operator==(const Shard&) const = default;
};

// "K/N" with 1 <= K <= N <= 100000. Throws pipeline::UsageError on anything else.
Shard parse_shard(const std::string& text);

// FNV-1a (64 bit) of the UTF-8 relative path. Fixed by definition, unlike std::hash, so every
// machine and every build puts a file in the same shard; the path relative to its input root,
// so the shards may mount the shared folder at different places.
std::uint64_t path_hash(const std::string& relative_path);

// The shard (1-based) a file belongs to among count shards.
unsigned shard_of(const std::string& relative_path, unsigned count);

// The candidates of this shard, in their original order.
std::vector<ingest::Candidate> select_shard(std::vector<ingest::Candidate> candidates,
                                            const Shard& shard);

} // namespace sopaudit::pipeline
