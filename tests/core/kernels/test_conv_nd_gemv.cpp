#include <catch2/catch.hpp>

#include <vector>

#include "core/kernels/conv_nd_gemv.hpp"
#include "tests/core/grid_equals.hpp"
#include "tests/core/kernels/random_conv.hpp"

using namespace padlab;
using namespace padlab::kernels;
using padlab_test::check_against_reference;
using padlab_test::run_raw;

TEST_CASE("conv_nd_gemv: a Dense layer by hand", "[conv_nd_gemv]") {
    // x = [1 2 3], W = [[1 0], [0 1], [1 1]] (in x units), bias [0.5 -10], ReLU.
    ConvProblem p;
    p.cin = 3;
    p.cout = 2;
    p.relu = true;
    CHECK(run_raw<ConvNdGemv>(p, {1, 2, 3}, {1, 0, 0, 1, 1, 1}, {0.5f, -10.0f}) == std::vector<float>{4.5f, 0.0f});
}

TEST_CASE("conv_nd_gemv: rows in eights and one by one, channels in vectors and one by one", "[conv_nd_gemv]") {
    std::mt19937 rng(8);
    padlab_test::ConvCase c;
    c.input = padlab_test::random_tensor({1, 1, 303}, rng);     // 37 groups of 8 rows, then 7
    c.kernel = padlab_test::random_tensor({1, 303, 37}, rng);   // 9 vectors of 4 channels, then 1
    c.bias = padlab_test::random_tensor({37}, rng);
    c.options.activation = Activation::Relu;
    check_against_reference<ConvNdGemv>(c);
}

TEST_CASE("conv_nd_gemv: several taps and pixels, padding gathered", "[conv_nd_gemv]") {
    std::mt19937 rng(10);
    padlab_test::ConvCase c;
    c.input = padlab_test::random_tensor({2, 3, 2, 5}, rng);
    c.kernel = padlab_test::random_tensor({3, 3, 5, 6}, rng);
    c.options.padding = Padding::same();
    c.options.mode = PadMode::Symmetric;
    check_against_reference<ConvNdGemv>(c);
}
