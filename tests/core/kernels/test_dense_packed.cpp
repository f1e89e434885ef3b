#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "core/kernels/dense_packed.hpp"

using padlab::kernels::Index;

TEST_CASE("dense packing: 32-wide blocks, then 8-wide blocks, zeros past the outputs") {
    // in 2, out 3: one narrow block [2][8].
    const std::vector<float> w = {
        1, 2, 3,
        4, 5, 6,
    };
    REQUIRE(padlab::kernels::dense_packed_size(2, 3) == 16);
    std::vector<float> packed(16, -1.0f);
    padlab::kernels::dense_pack_32x8(w.data(), 2, 3, packed.data());
    CHECK(packed == std::vector<float>{
                        1, 2, 3, 0, 0, 0, 0, 0,
                        4, 5, 6, 0, 0, 0, 0, 0,
                    });
    std::vector<float> back(6);
    padlab::kernels::dense_unpack_32x8(packed.data(), 2, 3, back.data());
    CHECK(back == w);
    CHECK(padlab::kernels::dense_packed_size(10, 32) == 320);
    CHECK(padlab::kernels::dense_packed_size(10, 41) == 10 * 48);
    CHECK(padlab::kernels::dense_packed_size(10, 256) == 2560);
}

TEST_CASE("dense_packed_32x8__vec4 equals dense_reference on random sizes") {
    std::mt19937 gen(42);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (const auto& [in, out] : std::vector<std::pair<Index, Index>>{
             {1, 1}, {3, 7}, {5, 8}, {9, 31}, {17, 32}, {33, 33}, {64, 41}, {100, 256}, {257, 10}, {1000, 77}}) {
        std::vector<float> x(in), w(in * out), b(out), packed(padlab::kernels::dense_packed_size(in, out));
        for (auto& v : x) v = u(gen);
        for (auto& v : w) v = u(gen);
        for (auto& v : b) v = u(gen);
        padlab::kernels::dense_pack_32x8(w.data(), in, out, packed.data());
        std::vector<float> back(in * out);
        padlab::kernels::dense_unpack_32x8(packed.data(), in, out, back.data());
        REQUIRE(back == w);
        for (const float* bias : {static_cast<const float*>(b.data()), static_cast<const float*>(nullptr)}) {
            std::vector<float> got(out, -7.0f), want(out);
            padlab::kernels::dense_packed_32x8__vec4(x.data(), in, out, packed.data(), bias, got.data());
            padlab::kernels::dense_reference(x.data(), in, out, w.data(), bias, want.data());
            for (Index o = 0; o < out; ++o) {
                // Same summation order (bias, then k ascending): equal up to how the compiler
                // contracts multiply-adds, which both sides share on these ISAs.
                double bound = std::fabs(bias ? bias[o] : 0.0f);
                for (Index k = 0; k < in; ++k) bound += std::fabs(x[k] * w[k * out + o]);
                INFO("in " << in << " out " << out << " o " << o);
                CHECK(std::fabs(got[o] - want[o]) <= 2.0 * in * std::ldexp(bound, -24));
            }
        }
    }
}
