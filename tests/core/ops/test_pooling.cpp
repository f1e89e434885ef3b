#include <catch2/catch.hpp>

#include <vector>

#include "core/ops/conv_arithmetic.hpp"
#include "core/ops/pooling.hpp"

namespace {

std::vector<float> pool(const std::vector<float>& x, const padlab::Shape& shape, padlab::PoolKind kind,
                        const padlab::Shape& size, const padlab::Shape& strides, padlab::Padding padding) {
    const padlab::Shape spatial(shape.begin() + 1, shape.end() - 1);
    const auto axes = padlab::window_arithmetic(padlab::WindowOp::Pool, spatial, size, strides,
                                                padlab::Shape(size.size(), 1), padding, "Pooling");
    padlab::Dim n = shape.front() * shape.back();
    for (const auto& a : axes) n *= a.output;
    std::vector<float> out(static_cast<std::size_t>(n), -99.0f);
    padlab::pool_into(x.data(), shape, kind, axes, out.data());
    return out;
}

}  // namespace

TEST_CASE("max pooling 2x2 stride 2 over a 4x4 image") {
    const std::vector<float> x = {
        1, 2,  5, 6,
        3, 4,  7, 8,
        9, 10, 13, 14,
        11, 12, 15, 16,
    };
    CHECK(pool(x, {1, 4, 4, 1}, padlab::PoolKind::Max, {2, 2}, {2, 2}, padlab::Padding::valid()) ==
          std::vector<float>{
              4, 8,
              12, 16,
          });
    CHECK(pool(x, {1, 4, 4, 1}, padlab::PoolKind::Average, {2, 2}, {2, 2}, padlab::Padding::valid()) ==
          std::vector<float>{
              2.5f, 6.5f,
              10.5f, 14.5f,
          });
}

TEST_CASE("'same' average pooling divides by the real cells under the window, as TensorFlow does") {
    // 3x3 input, pool 2 stride 2 same: out 2x2, padding (0, 1) on each axis.
    const std::vector<float> x = {
        1, 2, 3,
        4, 5, 6,
        7, 8, 9,
    };
    CHECK(pool(x, {1, 3, 3, 1}, padlab::PoolKind::Average, {2, 2}, {2, 2}, padlab::Padding::same()) ==
          std::vector<float>{
              3.0f, 4.5f,   // (1+2+4+5)/4, (3+6)/2
              7.5f, 9.0f,   // (7+8)/2, 9/1
          });
    // Max never picks a padding cell, even with every value negative.
    const std::vector<float> neg = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
    CHECK(pool(neg, {1, 3, 3, 1}, padlab::PoolKind::Max, {2, 2}, {2, 2}, padlab::Padding::same()) ==
          std::vector<float>{
              -1, -3,
              -7, -9,
          });
}

TEST_CASE("1D pooling keeps channels apart") {
    // [1, 4, 2]: channel 0 = 1 2 3 4, channel 1 = 8 6 4 2.
    const std::vector<float> x = {1, 8, 2, 6, 3, 4, 4, 2};
    CHECK(pool(x, {1, 4, 2}, padlab::PoolKind::Max, {2}, {1}, padlab::Padding::valid()) ==
          std::vector<float>{2, 8, 3, 6, 4, 4});
}

TEST_CASE("global pooling over every position") {
    const std::vector<float> x = {1, 8, 2, 6, 3, 4, 4, 2};  // [1, 2, 2, 2]
    std::vector<float> out(2);
    padlab::global_pool_into(x.data(), {1, 2, 2, 2}, padlab::PoolKind::Max, out.data());
    CHECK(out == std::vector<float>{4, 8});
    padlab::global_pool_into(x.data(), {1, 2, 2, 2}, padlab::PoolKind::Average, out.data());
    CHECK(out == std::vector<float>{2.5f, 5.0f});
}
