// Conv layers: shapes, pads, params and MACs as Keras computes them (hand-checked), and the
// errors Keras raises, with its wording.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::LimitError;
using padlab::Pads;
using padlab::Shape;
using padlab::ShapeError;
using padlab::UnsupportedError;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using Catch::Matchers::Message;

TEST_CASE("Conv2D valid: the seed model's first layer", "[layers][conv]") {
    const auto r = infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", {3, 3}}, {"activation", "relu"},
                                          {"padding", "valid"}},
                               {None, 28, 28, 1});
    CHECK(r.output_shape == Shape{None, 26, 26, 32});
    CHECK(r.trainable_params == 320);  // 3*3*1*32 + 32
    CHECK(r.non_trainable_params == 0);
    CHECK(r.macs == 194688);  // 26*26 * 9*1 * 32
    CHECK(r.padding == Pads{{0, 0}, {0, 0}});
}

TEST_CASE("Conv2D same keeps the size and pads (1, 1) for a 3x3 kernel", "[layers][conv]") {
    const auto r = infer_layer("Conv2D", {{"filters", 64}, {"kernel_size", 3}, {"padding", "same"}}, {None, 28, 28, 32});
    CHECK(r.output_shape == Shape{None, 28, 28, 64});
    CHECK(r.trainable_params == 18496);
    CHECK(r.macs == 14450688);  // keras-and-peers.md A.9
    CHECK(r.padding == Pads{{1, 1}, {1, 1}});
}

TEST_CASE("Conv2D same with stride 2 puts the odd padding cell after", "[layers][conv]") {
    const auto r = infer_layer("Conv2D", {{"filters", 64}, {"kernel_size", 3}, {"strides", 2}, {"padding", "SAME"}},
                               {None, 28, 28, 3});
    CHECK(r.output_shape == Shape{None, 14, 14, 64});
    CHECK(r.padding == Pads{{0, 1}, {0, 1}});
    CHECK(r.trainable_params == 1792);  // 3*3*3*64 + 64
    CHECK(r.macs == 338688);            // 14*14 * 27 * 64
}

TEST_CASE("Conv1D causal from the seed: left padding only", "[layers][conv]") {
    const auto r = infer_layer("Conv1D", {{"filters", 32}, {"kernel_size", 4}, {"activation", "relu"},
                                          {"padding", "causal"}},
                               {None, 100, 1});
    CHECK(r.output_shape == Shape{None, 100, 32});
    CHECK(r.padding == Pads{{3, 0}});
    CHECK(r.trainable_params == 160);  // 4*1*32 + 32
    CHECK(r.macs == 12800);            // 100 * 4 * 32

    const auto dilated = infer_layer("Conv1D", {{"filters", 1}, {"kernel_size", 3}, {"dilation_rate", 2},
                                                {"padding", "causal"}},
                                     {None, 10, 1});
    CHECK(dilated.output_shape == Shape{None, 10, 1});
    CHECK(dilated.padding == Pads{{4, 0}});  // d*(k-1)
}

TEST_CASE("Conv3D and the Convolution aliases", "[layers][conv]") {
    const auto r = infer_layer("Conv3D", {{"filters", 8}, {"kernel_size", 3}}, {None, 10, 10, 10, 2});
    CHECK(r.output_shape == Shape{None, 8, 8, 8, 8});
    CHECK(r.trainable_params == 440);  // 27*2*8 + 8
    CHECK(r.macs == 221184);           // 512 * 27*2*8
    const auto alias = infer_layer("Convolution2D", {{"filters", 32}, {"kernel_size", {3, 3}}}, {None, 28, 28, 1});
    CHECK(alias.output_shape == Shape{None, 26, 26, 32});
}

TEST_CASE("Conv groups divide the input channels", "[layers][conv]") {
    const auto r = infer_layer("Conv2D", {{"filters", 8}, {"kernel_size", 3}, {"groups", 2}}, {None, 10, 10, 4});
    CHECK(r.output_shape == Shape{None, 8, 8, 8});
    CHECK(r.trainable_params == 152);  // 9 * (4/2) * 8 + 8
    CHECK(r.macs == 9216);             // 64 * 9*2*8

    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 7}, {"kernel_size", 3}, {"groups", 2}}, {None, 10, 10, 4}),
                         ArgumentError,
                         Message("The number of filters must be evenly divisible by the number of groups. "
                                 "Received: groups=2, filters=7"));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 6}, {"kernel_size", 3}, {"groups", 3}}, {None, 10, 10, 4}),
                         ShapeError,
                         Message("The number of input channels must be evenly divisible by the number of groups. "
                                 "Received groups=3, but the input has 4 channels (full input shape is "
                                 "(None, 10, 10, 4))."));
}

TEST_CASE("use_bias=False drops the bias", "[layers][conv]") {
    const auto r = infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"use_bias", false}}, {None, 28, 28, 1});
    CHECK(r.trainable_params == 288);
}

TEST_CASE("Conv on extra leading batch axes and unknown lengths", "[layers][conv]") {
    const auto extra = infer_layer("Conv1D", {{"filters", 4}, {"kernel_size", 3}}, {None, 5, 10, 2});
    CHECK(extra.output_shape == Shape{None, 5, 8, 4});
    CHECK(extra.macs == 960);  // 5*8 positions * 3*2*4
    const auto unknown = infer_layer("Conv1D", {{"filters", 4}, {"kernel_size", 3}}, {None, None, 2});
    CHECK(unknown.output_shape == Shape{None, None, 4});
    CHECK(unknown.trainable_params == 28);
    CHECK(unknown.macs == 0);  // cannot be counted without the length
}

TEST_CASE("Conv2DTranspose shapes, pads, params and MACs", "[layers][conv]") {
    const auto same = infer_layer("Conv2DTranspose", {{"filters", 16}, {"kernel_size", 3}, {"strides", 2},
                                                      {"padding", "same"}},
                                  {None, 14, 14, 8});
    CHECK(same.output_shape == Shape{None, 28, 28, 16});
    CHECK(same.trainable_params == 1168);  // 9*8*16 + 16
    CHECK(same.macs == 225792);            // 14*14 input cells * 9*8*16
    CHECK(same.padding == Pads{{0, 1}, {0, 1}});

    const auto valid = infer_layer("Conv2DTranspose", {{"filters", 1}, {"kernel_size", 3}}, {None, 5, 5, 1});
    CHECK(valid.output_shape == Shape{None, 7, 7, 1});

    const auto op = infer_layer("Convolution2DTranspose", {{"filters", 4}, {"kernel_size", 3}, {"strides", 2},
                                                           {"padding", "same"}, {"output_padding", 1}},
                                {None, 7, 7, 2});
    CHECK(op.output_shape == Shape{None, 14, 14, 4});  // (7-1)*2 + 3 - 2*1 + 1

    CHECK_THROWS_MATCHES(infer_layer("Conv2DTranspose", {{"filters", 4}, {"kernel_size", 3}, {"strides", 2},
                                                         {"output_padding", 2}},
                                     {None, 7, 7, 2}),
                         ArgumentError,
                         Message("Strides must be greater than output padding. Received strides=(2, 2), "
                                 "output_padding=(2, 2)."));
}

TEST_CASE("Conv1DTranspose and Conv3DTranspose", "[layers][conv]") {
    const auto one = infer_layer("Conv1DTranspose", {{"filters", 4}, {"kernel_size", 3}}, {None, 10, 2});
    CHECK(one.output_shape == Shape{None, 12, 4});
    CHECK(one.trainable_params == 28);
    const auto three = infer_layer("Conv3DTranspose", {{"filters", 2}, {"kernel_size", 2}, {"strides", 2}},
                                   {None, 4, 4, 4, 3});
    CHECK(three.output_shape == Shape{None, 8, 8, 8, 2});
    CHECK(three.trainable_params == 50);  // 8*3*2 + 2
    CHECK(three.macs == 3072);            // 64 * 8*3*2
}

TEST_CASE("SeparableConv: depthwise + pointwise weights", "[layers][conv]") {
    const auto r = infer_layer("SeparableConv2D", {{"filters", 64}, {"kernel_size", 3}}, {None, 32, 32, 16});
    CHECK(r.output_shape == Shape{None, 30, 30, 64});
    CHECK(r.trainable_params == 1232);  // 9*16 + 16*64 + 64
    CHECK(r.macs == 1051200);           // 900 * (144 + 1024)

    const auto dm = infer_layer("SeparableConvolution2D", {{"filters", 64}, {"kernel_size", 3}, {"depth_multiplier", 2}},
                                {None, 32, 32, 16});
    CHECK(dm.trainable_params == 2400);  // 9*16*2 + 32*64 + 64

    const auto causal = infer_layer("SeparableConv1D", {{"filters", 8}, {"kernel_size", 3}, {"padding", "causal"}},
                                    {None, 20, 4});
    CHECK(causal.output_shape == Shape{None, 20, 8});
    CHECK(causal.trainable_params == 52);  // 3*4 + 4*8 + 8
    CHECK(causal.padding == Pads{{2, 0}});
}

TEST_CASE("DepthwiseConv: channels times depth_multiplier", "[layers][conv]") {
    const auto r = infer_layer("DepthwiseConv2D", {{"kernel_size", 3}, {"depth_multiplier", 2}}, {None, 10, 10, 3});
    CHECK(r.output_shape == Shape{None, 8, 8, 6});
    CHECK(r.trainable_params == 60);  // 9*3*2 + 6
    CHECK(r.macs == 3456);            // 64 * 9*6
    const auto one = infer_layer("DepthwiseConv1D", {{"kernel_size", 3}}, {None, 10, 4});
    CHECK(one.output_shape == Shape{None, 8, 4});
    CHECK(one.trainable_params == 16);  // 3*4 + 4

    CHECK_THROWS_MATCHES(infer_layer("DepthwiseConv1D", {{"kernel_size", 3}, {"padding", "causal"}}, {None, 10, 4}),
                         ArgumentError,
                         Message("Causal padding is only supported for `Conv1D`and `SeparableConv1D`."));
    CHECK_THROWS_MATCHES(infer_layer("DepthwiseConv2D", {{"kernel_size", 3}, {"depth_multiplier", 0}}, {None, 10, 10, 3}),
                         ArgumentError,
                         Message("Invalid value for argument `depth_multiplier`. Expected a strictly positive "
                                 "value. Received depth_multiplier=0."));
    // A 5-D input: Keras 3's compute_conv_output_shape text (keras/src/ops/operation_utils.py),
    // kernel = kernel_size + (C, C * depth_multiplier). tf.keras 2.9+: "Inputs to `DepthwiseConv`
    // should have rank 4. Received input_shape=(None, 5, 10, 10, 3)."
    CHECK_THROWS_MATCHES(infer_layer("DepthwiseConv2D", {{"kernel_size", 3}, {"depth_multiplier", 2}}, {None, 5, 10, 10, 3}),
                         ShapeError,
                         Message("Kernel shape must have the same length as input, but received kernel of shape "
                                 "(3, 3, 3, 6) and input of shape (None, 5, 10, 10, 3)."));
    CHECK_THROWS_AS(infer_layer("DepthwiseConv1D", {{"kernel_size", 3}}, {None, 2, 10, 4}), ShapeError);
}

TEST_CASE("Conv argument errors name the argument", "[layers][conv][errors]") {
    const Shape in{None, 28, 28, 1};
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 0}, {"kernel_size", 3}}, in), ArgumentError,
                         Message("Invalid value for argument `filters`. Expected a strictly positive value. "
                                 "Received filters=0."));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", -4}, {"kernel_size", 3}}, in), ArgumentError,
                         Message("Invalid value for argument `filters`. Expected a strictly positive value. "
                                 "Received filters=-4."));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", "32"}, {"kernel_size", 3}}, in), ArgumentError,
                         Message("Invalid value for argument `filters`. Expected an integer. Received filters='32'."));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}}, in), ArgumentError,
                         Message("Conv2D.__init__() missing 1 required positional argument: 'kernel_size'"));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"kernel_size", 3}}, in), ArgumentError,
                         Message("Conv2D.__init__() missing 1 required positional argument: 'filters'"));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", {3, 3, 3}}}, in), ArgumentError,
                         Message("The `kernel_size` argument must be a tuple of 2 integers. "
                                 "Received kernel_size=(3, 3, 3)"));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", {3, 2.5}}}, in), ArgumentError,
                         Message("The `kernel_size` argument must be a tuple of 2 integers. "
                                 "Received kernel_size=(3, 2.5), including element 2.5 of type float."));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"strides", {1, -1}}}, in),
                         ArgumentError, MessageContains(("that does not satisfy the requirement")));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"padding", "causal"}}, in),
                         ArgumentError,
                         Message("Causal padding is only supported for `Conv1D`and `SeparableConv1D`."));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"padding", "full"}}, in),
                         ArgumentError,
                         Message("The `padding` argument must be one of \"valid\", \"same\" (or \"causal\", only "
                                 "for `Conv1D). Received: full"));
    CHECK_THROWS_AS(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"padding", 1}}, in), ArgumentError);
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"strides", 2},
                                                {"dilation_rate", 2}},
                                     in),
                         ArgumentError, MessageContains(("`strides > 1` not supported in conjunction")));
    // Integral floats pass, as Keras's int() does.
    CHECK(infer_layer("Conv2D", {{"filters", 32.0}, {"kernel_size", 3.0}}, in).output_shape == Shape{None, 26, 26, 32});
}

TEST_CASE("Conv input errors use Keras's InputSpec wording", "[layers][conv][errors]") {
    const json conv = {{"filters", 32}, {"kernel_size", 3}, {"name", "conv2d"}};
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", conv, {None, 10}), ShapeError,
                         Message("Input 0 of layer \"conv2d\" is incompatible with the layer: expected min_ndim=4, "
                                 "found ndim=2. Full shape received: (None, 10)"));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", conv, {None, 28, 28, None}), ShapeError,
                         MessageContains(("The channel dimension of the inputs should be defined")));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 1}, {"kernel_size", 30}}, {None, 28, 28, 1}), ShapeError,
                         MessageContains(("zero or negative")));
}

TEST_CASE("channels_first is refused clearly", "[layers][conv][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"data_format", "channels_first"}},
                                     {None, 1, 28, 28}),
                         UnsupportedError, MessageContains(("channels-last data only")));
    CHECK_THROWS_MATCHES(infer_layer("Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"data_format", "nhwc"}},
                                     {None, 28, 28, 1}),
                         ArgumentError,
                         Message("The `data_format` argument must be one of \"channels_first\", \"channels_last\". "
                                 "Received: nhwc"));
    // channels_last spelled out is fine.
    CHECK(infer_layer("Conv2D", {{"filters", 1}, {"kernel_size", 3}, {"data_format", "channels_last"}},
                      {None, 5, 5, 1})
              .output_shape == Shape{None, 3, 3, 1});
}

TEST_CASE("Parameter overflow is a LimitError, not a wrap-around", "[layers][conv][errors]") {
    CHECK_THROWS_AS(infer_layer("Conv2D", {{"filters", 1000000000000000LL}, {"kernel_size", 3}}, {None, 28, 28, 1000000}),
                    LimitError);
    CHECK_THROWS_AS(infer_layer("Conv2D", {{"filters", 1e30}, {"kernel_size", 3}}, {None, 28, 28, 1}), LimitError);
}
