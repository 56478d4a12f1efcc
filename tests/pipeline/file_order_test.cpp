#include "pipeline/file_order.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>
#include <thread>

namespace sopaudit::pipeline {
namespace {

std::vector<ingest::Candidate>
files_of(const std::vector<std::pair<std::string, std::uint64_t>>& v) {
    std::vector<ingest::Candidate> out;
    for (const auto& [name, size] : v) {
        ingest::Candidate c;
        c.absolute = "/in/" + name;
        c.relative = name;
        c.size = size;
        out.push_back(c);
    }
    return out;
}

std::vector<std::size_t> drain(FileOrder& order) {
    std::vector<std::size_t> got;
    while (const auto i = order.next()) {
        got.push_back(*i);
    }
    return got;
}

TEST(FileOrder, ListOrderBeforeTheTailAndBiggestFirstInIt) {
    auto files =
        files_of({{"a.jpg", 50}, {"b.jpg", 10}, {"c.jpg", 30}, {"d.jpg", 90}, {"e.jpg", 20}});
    FileOrder order(files, 3);
    EXPECT_EQ(drain(order), (std::vector<std::size_t>{0, 1, 3, 2, 4}));
    EXPECT_FALSE(order.next());
}

TEST(FileOrder, LearnsTheCostOfEachKindOfFile) {
    // Small TIFFs that took long and big JPEGs that were quick: the TIFF goes first.
    auto files = files_of({{"a.tif", 30}, {"b.JPG", 200}, {"c.jpg", 180}, {"d.TIF", 29}});
    FileOrder order(files, 2);
    ASSERT_EQ(order.next(), 0u);
    ASSERT_EQ(order.next(), 1u);
    order.done(0, 0.7);
    order.done(1, 0.4);
    EXPECT_GT(order.guess(3), order.guess(2));
    EXPECT_EQ(order.next(), 3u);
    EXPECT_EQ(order.next(), 2u);
    EXPECT_FALSE(order.next());
}

TEST(FileOrder, UnknownKindsUseWhatAllFilesTook) {
    auto files = files_of({{"a.pdf", 100}, {"b.png", 100}, {"c.docx", 100}});
    FileOrder order(files, 3);
    EXPECT_DOUBLE_EQ(order.guess(1), 101); // nothing done yet: the size
    order.done(0, 2.0);
    EXPECT_DOUBLE_EQ(order.guess(1), 2.0); // at the rate of all files done
}

TEST(FileOrder, EveryFileOnceAcrossThreadsAndNoneAfterClose) {
    std::vector<std::pair<std::string, std::uint64_t>> v;
    for (int i = 0; i < 500; ++i) {
        v.push_back({"f" + std::to_string(i) + (i % 3 ? ".jpg" : ".tif"),
                     static_cast<std::uint64_t>((i * 7919) % 1000)});
    }
    const auto files = files_of(v);
    FileOrder order(files, 64);
    std::vector<std::vector<std::size_t>> got(4);
    std::vector<std::thread> threads;
    for (auto& g : got) {
        threads.emplace_back([&] {
            while (const auto i = order.next()) {
                g.push_back(*i);
                order.done(*i, 0.001 * static_cast<double>(*i % 5));
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    std::multiset<std::size_t> all;
    for (const auto& g : got) {
        all.insert(g.begin(), g.end());
    }
    EXPECT_EQ(all.size(), 500u);
    EXPECT_EQ(std::set<std::size_t>(all.begin(), all.end()).size(), 500u);

    FileOrder closed(files, 8);
    EXPECT_EQ(closed.next(), 0u);
    closed.close();
    EXPECT_FALSE(closed.next());
}

} // namespace
} // namespace sopaudit::pipeline
