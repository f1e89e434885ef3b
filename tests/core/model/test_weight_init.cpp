#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/model/weight_init.hpp"

TEST_CASE("uniform01 is deterministic, in [0, 1), and differs across seeds and streams") {
    std::vector<float> a(1000), b(1000), c(1000), d(1000);
    padlab::fill_uniform01(a.data(), a.size(), 7, 1);
    padlab::fill_uniform01(b.data(), b.size(), 7, 1);
    padlab::fill_uniform01(c.data(), c.size(), 8, 1);
    padlab::fill_uniform01(d.data(), d.size(), 7, 2);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(a != d);
    double mean = 0.0;
    for (float v : a) {
        REQUIRE(v >= 0.0f);
        REQUIRE(v < 1.0f);
        // 24-bit resolution: every value is an exact multiple of 2^-24.
        REQUIRE(std::ldexp(v, 24) == std::floor(std::ldexp(v, 24)));
        mean += v;
    }
    CHECK(mean / a.size() == Approx(0.5).margin(0.03));
    CHECK(padlab::uniform01(7, 1, 123) == a[123]);
}

TEST_CASE("the generator's first values are pinned (weights must not change between versions)") {
    // splitmix64 as written in weight_init.hpp; a change here changes every forward pass.
    CHECK(padlab::uniform01(1, 0, 0) == padlab::uniform01(1, 0, 0));
    const float v0 = padlab::uniform01(1, 0, 0);
    const float v1 = padlab::uniform01(1, 0, 1);
    CHECK(v0 != v1);
    CHECK(std::ldexp(v0, 24) == 12580101.0f);
}

TEST_CASE("kernel_fans follows Keras's _compute_fans") {
    padlab::Dim in = 0, out = 0;
    padlab::kernel_fans({784, 10}, in, out);
    CHECK(in == 784);
    CHECK(out == 10);
    padlab::kernel_fans({3, 3, 32, 64}, in, out);
    CHECK(in == 9 * 32);
    CHECK(out == 9 * 64);
    padlab::kernel_fans({5, 1, 8}, in, out);
    CHECK(in == 5);
    CHECK(out == 40);
    padlab::kernel_fans({7}, in, out);
    CHECK(in == 7);
    CHECK(out == 7);
}

TEST_CASE("glorot_uniform stays within +-sqrt(6 / (fan_in + fan_out)) and is centred") {
    const padlab::Shape shape{3, 3, 32, 64};
    std::vector<float> w(3 * 3 * 32 * 64);
    padlab::fill_glorot_uniform(w.data(), shape, 1, 3);
    const double limit = std::sqrt(6.0 / (9 * 32 + 9 * 64));
    double mean = 0.0, lo = 1.0, hi = -1.0;
    for (float v : w) {
        mean += v;
        lo = std::min<double>(lo, v);
        hi = std::max<double>(hi, v);
    }
    CHECK(lo >= -limit);
    CHECK(hi < limit);
    CHECK(lo < -0.95 * limit);  // the whole range is used
    CHECK(hi > 0.95 * limit);
    CHECK(mean / w.size() == Approx(0.0).margin(0.01 * limit));
}
