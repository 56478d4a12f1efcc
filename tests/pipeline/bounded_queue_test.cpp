#include "pipeline/bounded_queue.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

namespace sopaudit::pipeline {
namespace {

TEST(BoundedQueue, FifoAndDrainAfterClose) {
    BoundedQueue<int> q(4);
    EXPECT_TRUE(q.push(1));
    EXPECT_TRUE(q.push(2));
    q.close();
    EXPECT_FALSE(q.push(3));
    EXPECT_EQ(q.pop(), 1);
    EXPECT_EQ(q.pop(), 2);
    EXPECT_EQ(q.pop(), std::nullopt);
}

TEST(BoundedQueue, ProducerWaitsWhenFull) {
    BoundedQueue<int> q(2);
    std::atomic<int> pushed{0};
    std::thread producer([&] {
        for (int i = 0; i < 5; ++i) {
            q.push(i);
            ++pushed;
        }
        q.close();
    });
    // Give the producer time to fill the queue; it must stop at the capacity.
    for (int spin = 0; spin < 200 && pushed.load() < 2; ++spin) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(pushed.load(), 2);
    std::vector<int> got;
    while (auto v = q.pop()) {
        got.push_back(*v);
    }
    producer.join();
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(BoundedQueue, ManyConsumersSeeEveryItemOnce) {
    BoundedQueue<int> q(3);
    std::atomic<long> sum{0};
    std::atomic<int> count{0};
    std::vector<std::thread> consumers;
    for (int c = 0; c < 4; ++c) {
        consumers.emplace_back([&] {
            while (auto v = q.pop()) {
                sum += *v;
                ++count;
            }
        });
    }
    for (int i = 1; i <= 1000; ++i) {
        q.push(i);
    }
    q.close();
    for (auto& t : consumers) {
        t.join();
    }
    EXPECT_EQ(count.load(), 1000);
    EXPECT_EQ(sum.load(), 500500);
}

} // namespace
} // namespace sopaudit::pipeline
