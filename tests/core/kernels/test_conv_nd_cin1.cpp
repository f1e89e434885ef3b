#include <catch2/catch.hpp>

#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xview.hpp>

#include "core/kernels/conv_nd_cin1.hpp"
#include "tests/core/grid_equals.hpp"
#include "tests/core/kernels/random_conv.hpp"

using namespace padlab;
using namespace padlab::kernels;
using padlab_test::check_against_reference;
using padlab_test::EqualsGrid;
using padlab_test::run_raw;

TEST_CASE("conv_nd_cin1: a 2D conv by hand, one channel in, two out", "[conv_nd_cin1]") {
    // 3x7 input 1..21, 2x2 kernel: channel 0 sums the window, channel 1 is top-left minus
    // bottom-right. 'valid': 2x6 outputs - a tile of 5 and one pixel per row.
    ConvProblem p;
    p.axes[1] = {3, 2, 2, 1, 1, 0};
    p.axes[2] = {7, 6, 2, 1, 1, 0};
    p.cin = 1;
    p.cout = 2;
    std::vector<float> x(21);
    for (int i = 0; i < 21; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(i + 1);
    // [kh][kw][cin=1][cout=2]
    const std::vector<float> w = {1, 1, 1, 0, 1, 0, 1, -1};
    const std::vector<float> y = run_raw<ConvNdCin1<4, 2>>(p, x, w, {});
    xt::xarray<float> sums = xt::adapt(y, std::vector<std::size_t>{2, 6, 2});
    CHECK_THAT(xt::xarray<float>(xt::view(sums, xt::all(), xt::all(), 0)),
               EqualsGrid({{20, 24, 28, 32, 36, 40},
                           {48, 52, 56, 60, 64, 68}}));
    CHECK_THAT(xt::xarray<float>(xt::view(sums, xt::all(), xt::all(), 1)),
               EqualsGrid({{-8, -8, -8, -8, -8, -8},
                           {-8, -8, -8, -8, -8, -8}}));
}

TEST_CASE("conv_nd_cin1: borders in every mode, dilation, 1D and 3D", "[conv_nd_cin1]") {
    std::mt19937 rng(12);
    for (int mode = 0; mode < 5; ++mode) {
        padlab_test::ConvCase c;
        c.input = padlab_test::random_tensor({2, 9, 13, 1}, rng);
        c.kernel = padlab_test::random_tensor({3, 3, 1, 21}, rng);  // 2 blocks of 8 and one of 5
        c.bias = padlab_test::random_tensor({21}, rng);
        c.options.padding = Padding::same();
        c.options.mode = static_cast<PadMode>(mode);
        c.options.pad_value = mode == 0 ? -0.5f : 0.0f;
        c.options.dilation = {2};
        c.options.activation = Activation::Relu;
        check_against_reference<ConvNdCin1<4, 2>>(c);
    }
    padlab_test::ConvCase causal;
    causal.input = padlab_test::random_tensor({1, 40, 1}, rng);
    causal.kernel = padlab_test::random_tensor({4, 1, 8}, rng);
    causal.options.padding = Padding::causal();
    check_against_reference<ConvNdCin1<4, 2>>(causal);
    padlab_test::ConvCase volume;
    volume.input = padlab_test::random_tensor({1, 4, 5, 11, 1}, rng);
    volume.kernel = padlab_test::random_tensor({2, 3, 3, 1, 4}, rng);
    volume.options.padding = Padding::full();
    check_against_reference<ConvNdCin1<4, 2>>(volume);
}
