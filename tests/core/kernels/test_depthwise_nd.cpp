#include <catch2/catch.hpp>

#include <vector>

#include "core/kernels/depthwise_nd.hpp"
#include <xtensor/xadapt.hpp>

#include "tests/core/grid_equals.hpp"
#include "tests/core/kernels/random_conv.hpp"

using namespace padlab;
using namespace padlab::kernels;
using padlab_test::EqualsGrid;

namespace {

using padlab_test::run_raw;

ConvProblem depthwise_1d(Index length, Index out, Index k, Index channels, Index multiplier) {
    ConvProblem p;
    p.kind = ConvKind::Depthwise;
    p.axes[2] = {length, out, k, 1, 1, 0};
    p.cin = channels;
    p.multiplier = multiplier;
    p.cout = channels * multiplier;
    return p;
}

}  // namespace

TEMPLATE_TEST_CASE("depthwise_nd: each channel convolved on its own", "[depthwise_nd]", (DepthwiseNdM1<4, 2>),
                   DepthwiseNdGeneric) {
    // Two channels over 4 steps: [1 2 3 4] and [10 20 30 40]; taps (1, 2) and (0.5, -1).
    const ConvProblem p = depthwise_1d(4, 3, 2, 2, 1);
    const std::vector<float> y = run_raw<TestType>(p, {1, 10, 2, 20, 3, 30, 4, 40}, {1, 0.5f, 2, -1}, {});
    CHECK_THAT(xt::xarray<float>(xt::adapt(y, std::vector<std::size_t>{3, 2})),
               EqualsGrid({{5, -15},
                           {8, -20},
                           {11, -25}}));
}

TEST_CASE("depthwise_nd: a depth multiplier of 2 (generic kernel)", "[depthwise_nd]") {
    // One channel [1 2 3], a 1-tap kernel with multiplier 2: (2, -3); bias (1, 0); ReLU.
    ConvProblem p = depthwise_1d(3, 3, 1, 1, 2);
    p.relu = true;
    REQUIRE_FALSE(DepthwiseNdM1<4, 2>::supports(p));
    const std::vector<float> y = run_raw<DepthwiseNdGeneric>(p, {1, 2, 3}, {2, -3}, {1, 0});
    CHECK_THAT(xt::xarray<float>(xt::adapt(y, std::vector<std::size_t>{3, 2})),
               EqualsGrid({{3, 0},
                           {5, 0},
                           {7, 0}}));
}

TEST_CASE("depthwise_nd: channels past the vector blocks, borders in every mode", "[depthwise_nd]") {
    std::mt19937 rng(11);
    for (int mode = 0; mode < 5; ++mode) {
        padlab_test::ConvCase c;
        c.depthwise = true;
        // 13 channels = a block of 8, a vector of 4 and one scalar channel.
        c.input = padlab_test::random_tensor({2, 6, 7, 13}, rng);
        c.kernel = padlab_test::random_tensor({3, 3, 13, 1}, rng);
        c.bias = padlab_test::random_tensor({13}, rng);
        c.options.padding = Padding::same();
        c.options.mode = static_cast<PadMode>(mode);
        c.options.pad_value = mode == 0 ? 0.25f : 0.0f;
        c.options.activation = Activation::Relu;
        const ConvProblem p = padlab_test::problem_for(c);
        const padlab_test::Expected e = padlab_test::expected_for(c);
        std::vector<float> x(c.input.begin(), c.input.end()), w(c.kernel.begin(), c.kernel.end()),
            bias(c.bias.begin(), c.bias.end());
        INFO(c.describe());
        CHECK(padlab_test::first_mismatch(run_raw<DepthwiseNdM1<4, 2>>(p, x, w, bias).data(), e) == -1);
        CHECK(padlab_test::first_mismatch(run_raw<DepthwiseNdGeneric>(p, x, w, bias).data(), e) == -1);
    }
}
