#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xtensor/xarray.hpp>

#include "core/ops/conv.hpp"
#include "core/base/errors.hpp"
#include "core/ops/reference_conv.hpp"
#include "tests/core/grid_equals.hpp"
#include "tests/core/kernels/random_conv.hpp"

using namespace padlab;
using padlab_test::EqualsGrid;

namespace {

const xt::xarray<float> kNoBias = xt::xarray<float>::from_shape({0});

ConvOptions with(Padding padding, PadMode mode = PadMode::Constant) {
    ConvOptions o;
    o.padding = std::move(padding);
    o.mode = mode;
    return o;
}

// The 3x3 grid of one sample and one channel, as [1, 3, 3, 1].
xt::xarray<float> grid3x3(xt::xarray<float> g) {
    g.reshape({1, 3, 3, 1});
    return g;
}

xt::xarray<float> spatial(xt::xarray<float> y) {
    y.reshape({y.shape()[1], y.shape()[2]});
    return y;
}

// What conv_reference throws for the same request: the kind and the text.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return std::string(e.kind()) + ": " + e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("conv: by hand, valid / same / reflect, as the reference", "[conv]") {
    const auto x = grid3x3({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    xt::xarray<float> w = {{1, 2}, {3, 4}};
    w.reshape({2, 2, 1, 1});
    CHECK_THAT(spatial(conv(x, w, kNoBias, with(Padding::valid()))), EqualsGrid({{37, 47},
                                                                                  {67, 77}}));
    CHECK_THAT(spatial(conv(x, w, kNoBias, with(Padding::same()))), EqualsGrid({{37, 47, 21},
                                                                                 {67, 77, 33},
                                                                                 {23, 26,  9}}));
    CHECK_THAT(spatial(conv(x, w, kNoBias, with(Padding::same(), PadMode::Reflect))),
               EqualsGrid({{37, 47, 45},
                           {67, 77, 75},
                           {55, 65, 63}}));
}

TEST_CASE("conv: matches the reference on random problems, every activation", "[conv]") {
    std::mt19937 rng(314);
    for (int i = 0; i < 300; ++i) {
        padlab_test::ConvCase c = padlab_test::random_case(rng, i % 3 == 2);
        const Activation act = static_cast<Activation>(i % 5);
        // Softmax is checked on its logits (the linear result): its output error depends on
        // the whole row, not on one sum.
        c.options.activation = act == Activation::Softmax ? Activation::Linear : act;
        const padlab_test::Expected e = padlab_test::expected_for(c);
        const xt::xarray<float> y = c.depthwise ? depthwise_conv(c.input, c.kernel, c.bias, c.options)
                                                : conv(c.input, c.kernel, c.bias, c.options);
        INFO(c.describe());
        REQUIRE(y.shape() == e.values.shape());
        CHECK(padlab_test::first_mismatch(y.data(), e) == -1);
    }
}

TEST_CASE("conv: softmax over the channels of each output pixel", "[conv]") {
    std::mt19937 rng(15);
    const auto x = padlab_test::random_tensor({1, 5, 3}, rng);
    const auto w = padlab_test::random_tensor({2, 3, 4}, rng);
    ConvOptions o;
    o.activation = Activation::Softmax;
    const auto y = conv(x, w, kNoBias, o);
    const auto r = conv_reference(x, w, kNoBias, o);
    CHECK_THAT(y, EqualsGrid(r));
}

TEST_CASE("conv: conv_into writes the same values through raw pointers", "[conv]") {
    std::mt19937 rng(16);
    const auto x = padlab_test::random_tensor({2, 9, 8, 5}, rng);
    const auto w = padlab_test::random_tensor({3, 3, 5, 12}, rng);
    const auto b = padlab_test::random_tensor({12}, rng);
    ConvOptions o = with(Padding::same(), PadMode::Symmetric);
    o.strides = {2};
    o.activation = Activation::Relu;
    const Shape in_shape = {2, 9, 8, 5}, k_shape = {3, 3, 5, 12};
    const Shape out_shape = conv_output_shape(in_shape, k_shape, o);
    CHECK(out_shape == Shape{2, 5, 4, 12});
    std::vector<float> out(static_cast<std::size_t>(shape_elements(out_shape)));
    conv_into(x.data(), in_shape, w.data(), k_shape, b.data(), o, out.data());
    const auto expected = conv(x, w, b, o);
    CHECK(std::equal(out.begin(), out.end(), expected.begin()));
}

TEST_CASE("conv: rejects what the reference rejects, with the same error", "[conv]") {
    std::mt19937 rng(17);
    const auto x = padlab_test::random_tensor({1, 4, 4, 2}, rng);
    struct Bad {
        xt::xarray<float> input, kernel, bias;
        ConvOptions options;
    };
    ConvOptions reflect_big = with(Padding::explicit_pads({{4, 0}, {0, 0}}), PadMode::Reflect);
    ConvOptions strided_dilated;
    strided_dilated.strides = {2};
    strided_dilated.dilation = {2};
    const std::vector<Bad> bad = {
        {x, padlab_test::random_tensor({3, 3, 3, 4}, rng), kNoBias, {}},        // in_channels mismatch
        {x, padlab_test::random_tensor({3, 2, 4}, rng), kNoBias, {}},           // rank mismatch
        {x, padlab_test::random_tensor({5, 5, 2, 4}, rng), kNoBias, {}},        // kernel > input
        {x, padlab_test::random_tensor({3, 3, 2, 4}, rng), xt::xarray<float>{1, 2}, {}},  // bias size
        {x, padlab_test::random_tensor({2, 2, 2, 4}, rng), kNoBias, reflect_big},  // reflect pad >= size
        {x, padlab_test::random_tensor({2, 2, 2, 4}, rng), kNoBias, strided_dilated},
    };
    for (const Bad& b : bad) {
        const std::string expected = error_of([&] { conv_reference(b.input, b.kernel, b.bias, b.options); });
        CHECK(expected != "no error");
        CHECK(error_of([&] { conv(b.input, b.kernel, b.bias, b.options); }) == expected);
    }
    // Only raw pointers can carry an unknown dimension.
    std::vector<float> out(64);
    CHECK(error_of([&] { conv_into(x.data(), {kNone, 4, 4, 2}, x.data(), {1, 1, 2, 1}, nullptr, {}, out.data()); })
              .rfind("ShapeError: Conv2D: every dimension must be known", 0) == 0);
}

TEST_CASE("conv: depthwise by hand and its own argument errors", "[conv]") {
    // Two channels: [[1 2] [3 4]] and [[10 20] [30 40]]; a 2x2 kernel per channel.
    xt::xarray<float> x = {{{1, 10}, {2, 20}}, {{3, 30}, {4, 40}}};
    x.reshape({1, 2, 2, 2});
    xt::xarray<float> w = {{{1, 0}, {0, 1}}, {{0, 0}, {1, -1}}};  // [kh][kw][channel]
    w.reshape({2, 2, 2, 1});
    const auto y = depthwise_conv(x, w, xt::xarray<float>{0.5f, 0.0f}, ConvOptions{});
    REQUIRE(y.shape() == xt::xarray<float>::shape_type{1, 1, 1, 2});
    CHECK(y(0, 0, 0, 0) == 1 + 4 + 0.5f);   // channel 0: taps (0,0) and (1,1)
    CHECK(y(0, 0, 0, 1) == 20 - 40);        // channel 1: taps (0,1) and (1,1)
    CHECK_THAT(y, EqualsGrid(depthwise_conv_reference(x, w, xt::xarray<float>{0.5f, 0.0f}, ConvOptions{})));

    CHECK(error_of([&] { depthwise_conv(x, xt::xarray<float>::from_shape({2, 2, 2, 0}), kNoBias, {}); }) ==
          "ArgumentError: Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
          "Received depth_multiplier=0.");
    CHECK(depthwise_conv_output_shape({1, 7, 7, 3}, {3, 3, 3, 4}, with(Padding::same())) == Shape{1, 7, 7, 12});
}

TEST_CASE("conv: which kernel runs", "[conv]") {
    CHECK(conv_kernel_name({1, 28, 28, 1}, {3, 3, 1, 32}, {}) == "conv_nd_cin1_s1_4x8__vec4");
    CHECK(conv_kernel_name({1, 26, 26, 32}, {3, 3, 32, 64}, with(Padding::same())) == "conv_nd_5x8__vec4");
    CHECK(conv_kernel_name({1, 1, 61952}, {1, 61952, 256}, {}) == "conv_nd_gemv_8rows__vec4");
    CHECK(conv_kernel_name({1, 9, 9, 4}, {3, 3, 4, 1}, {}) == "conv_nd_8x4__vec4");
    CHECK(conv_kernel_name({1, 9, 9, 4}, {3, 3, 4, 1}, {}, true) == "depthwise_nd_m1_4x8__vec4");
    CHECK(conv_kernel_name({1, 9, 9, 4}, {3, 3, 4, 2}, {}, true) == "depthwise_nd_generic__scalar");
}

TEST_CASE("conv: index arithmetic beyond the kernels falls back to the reference", "[conv]") {
    // 'same' with dilation 2^30 pads 2^29 cells: wasm32 kernels refuse, the reference computes.
    ConvOptions o = with(Padding::same());
    o.dilation = {Dim(1) << 30};
    xt::xarray<float> x = {1.0f, 2.0f, 3.0f};
    x.reshape({1, 3, 1});
    xt::xarray<float> w = {2.0f, 5.0f};
    w.reshape({2, 1, 1});
    const auto y = conv(x, w, xt::xarray<float>{0.25f}, o);
    CHECK_THAT(y, EqualsGrid(conv_reference(x, w, xt::xarray<float>{0.25f}, o)));
    CHECK(conv_kernel_name({1, 3, 1}, {2, 1, 1}, o) ==
          (sizeof(std::ptrdiff_t) == 4 ? "reference" : "conv_nd_gemv_8rows__vec4"));
}

TEST_CASE("conv: empty batch and zero input channels", "[conv]") {
    const auto none = conv(xt::xarray<float>::from_shape({0, 4, 3}), xt::xarray<float>::from_shape({2, 3, 5}), kNoBias, {});
    CHECK(none.shape() == xt::xarray<float>::shape_type{0, 3, 5});
    // No input channels: every output is the bias.
    const auto bias_only = conv(xt::xarray<float>::from_shape({1, 4, 0}), xt::xarray<float>::from_shape({2, 0, 2}),
                                xt::xarray<float>{1.5f, -2.0f}, {});
    CHECK_THAT(bias_only, EqualsGrid(conv_reference(xt::xarray<float>::from_shape({1, 4, 0}),
                                                    xt::xarray<float>::from_shape({2, 0, 2}),
                                                    xt::xarray<float>{1.5f, -2.0f}, {})));
}
