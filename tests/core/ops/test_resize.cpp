// resize_into against tf.image.resize's half-pixel-centre kernels. The grids were computed by
// TF.js 4.22 in node with tf.image.resizeBilinear / resizeNearestNeighbor(halfPixelCenters=true),
// which implement the same formulas as TensorFlow's kernels.
#include <catch2/catch.hpp>

#include <vector>

#include "core/ops/resize.hpp"

using padlab::ResizeMethod;
using padlab::resize_into;
using padlab::Shape;

namespace {
std::vector<float> resized(const std::vector<float>& in, const Shape& shape, padlab::Dim h, padlab::Dim w, ResizeMethod m) {
    std::vector<float> out(static_cast<std::size_t>(shape[0] * h * w * shape[3]));
    resize_into(in.data(), shape, h, w, m, out.data());
    return out;
}
}  // namespace

TEST_CASE("bilinear resize with half-pixel centres", "[resize]") {
    // 2x2 -> 4x4: the edges clamp, the inside interpolates.
    CHECK(resized({0, 1, 2, 3}, {1, 2, 2, 1}, 4, 4, ResizeMethod::Bilinear) ==
          std::vector<float>{0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3});
    // 3x3 -> 2x2 (shrinking, no antialias).
    CHECK(resized({0, 1, 2, 3, 4, 5, 6, 7, 8}, {1, 3, 3, 1}, 2, 2, ResizeMethod::Bilinear) ==
          std::vector<float>{1, 2.5f, 5.5f, 7});
    // Channels stay apart; the same size is the identity.
    CHECK(resized({1, 10, 2, 20}, {1, 1, 2, 2}, 1, 2, ResizeMethod::Bilinear) == std::vector<float>{1, 10, 2, 20});
}

TEST_CASE("nearest resize with half-pixel centres", "[resize]") {
    CHECK(resized({0, 1, 2, 3}, {1, 2, 2, 1}, 3, 3, ResizeMethod::Nearest) == std::vector<float>{0, 1, 1, 2, 3, 3, 2, 3, 3});
    CHECK(resized({0, 1, 2, 3, 4, 5, 6, 7, 8}, {1, 3, 3, 1}, 2, 2, ResizeMethod::Nearest) == std::vector<float>{0, 2, 6, 8});
}
