#include <catch2/catch.hpp>

#include <vector>

#include <xtensor/xadapt.hpp>

#include "core/kernels/conv_nd_gemm.hpp"
#include "tests/core/grid_equals.hpp"
#include "tests/core/kernels/random_conv.hpp"

using namespace padlab;
using namespace padlab::kernels;
using padlab_test::check_against_reference;
using padlab_test::EqualsGrid;
using padlab_test::run_raw;

TEMPLATE_TEST_CASE("conv_nd_gemm: a 1D conv by hand, bias and ReLU", "[conv_nd_gemm]", (ConvNdGemm<5, 2>),
                   (ConvNdGemm<8, 1>)) {
    // x = [1 2 3 4 5], kernel taps [[1, 10], [2, 20]] (channel 0, channel 1), valid.
    ConvProblem p;
    p.axes[2] = {5, 4, 2, 1, 1, 0};
    p.cin = 1;
    p.cout = 2;
    p.relu = true;
    const std::vector<float> y = run_raw<TestType>(p, {1, 2, 3, 4, 5}, {1, 10, 2, 20}, {0.5f, -100.0f});
    CHECK_THAT(xt::xarray<float>(xt::adapt(y, std::vector<std::size_t>{4, 2})),
               EqualsGrid({{5.5f, 0.0f},     // 1*1 + 2*2 + 0.5;  10 + 40 - 100 < 0
                           {8.5f, 0.0f},
                           {11.5f, 10.0f},   // 30 + 80 - 100
                           {14.5f, 40.0f}}));
}

TEST_CASE("conv_nd_gemm: partial tiles, partial channel blocks and several patch groups", "[conv_nd_gemm]") {
    std::mt19937 rng(7);
    padlab_test::ConvCase c;
    // 12x11 = 132 output pixels (26 tiles of 5, the last of 2) in patch groups of 8 tiles
    // (K = 576); 11 channels = one full block of 8 and one of 3.
    c.input = padlab_test::random_tensor({1, 12, 11, 64}, rng);
    c.kernel = padlab_test::random_tensor({3, 3, 64, 11}, rng);
    c.bias = padlab_test::random_tensor({11}, rng);
    c.options.padding = Padding::same();
    c.options.mode = PadMode::Reflect;
    c.options.activation = Activation::Relu;
    check_against_reference<ConvNdGemm<5, 2>>(c);
    check_against_reference<ConvNdGemm<8, 1>>(c);
}

TEST_CASE("conv_nd_gemm: constant padding with a non-zero value, 3D, strided", "[conv_nd_gemm]") {
    std::mt19937 rng(9);
    padlab_test::ConvCase c;
    c.input = padlab_test::random_tensor({2, 5, 4, 6, 3}, rng);
    c.kernel = padlab_test::random_tensor({3, 2, 3, 3, 9}, rng);
    c.options.padding = Padding::explicit_pads({{2, 1}, {0, 3}, {1, 1}});
    c.options.strides = {2, 1, 3};
    c.options.pad_value = 1.5f;
    check_against_reference<ConvNdGemm<5, 2>>(c);
    check_against_reference<ConvNdGemm<8, 1>>(c);
}
