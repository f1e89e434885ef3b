// ZeroPadding / Cropping (every argument form of keras-and-peers.md §1.4), UpSampling,
// Flatten and Reshape.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Pads;
using padlab::Shape;
using padlab::ShapeError;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using Catch::Matchers::Message;

TEST_CASE("ZeroPadding2D argument forms", "[layers][reshaping]") {
    const Shape in{None, 28, 28, 1};
    const auto def = infer_layer("ZeroPadding2D", json::object(), in);
    CHECK(def.output_shape == Shape{None, 30, 30, 1});
    CHECK(def.padding == Pads{{1, 1}, {1, 1}});
    CHECK(infer_layer("ZeroPadding2D", {{"padding", 2}}, in).padding == Pads{{2, 2}, {2, 2}});
    const auto sym = infer_layer("ZeroPadding2D", {{"padding", {2, 3}}}, in);
    CHECK(sym.output_shape == Shape{None, 32, 34, 1});
    CHECK(sym.padding == Pads{{2, 2}, {3, 3}});
    const auto pairs = infer_layer("ZeroPadding2D", {{"padding", {{1, 2}, {3, 4}}}}, in);
    CHECK(pairs.output_shape == Shape{None, 31, 35, 1});
    CHECK(pairs.padding == Pads{{1, 2}, {3, 4}});
    // Keras normalises each entry on its own, so the forms mix.
    CHECK(infer_layer("ZeroPadding2D", {{"padding", json::array({1, {2, 3}})}}, in).padding == Pads{{1, 1}, {2, 3}});
    CHECK(infer_layer("ZeroPadding2D", json::object(), {None, None, 5, 1}).output_shape == Shape{None, None, 7, 1});
}

TEST_CASE("ZeroPadding1D and 3D", "[layers][reshaping]") {
    CHECK(infer_layer("ZeroPadding1D", json::object(), {None, 10, 4}).output_shape == Shape{None, 12, 4});
    const auto causal_like = infer_layer("ZeroPadding1D", {{"padding", {2, 0}}}, {None, 10, 4});
    CHECK(causal_like.output_shape == Shape{None, 12, 4});
    CHECK(causal_like.padding == Pads{{2, 0}});
    CHECK(infer_layer("ZeroPadding3D", json::object(), {None, 4, 4, 4, 2}).output_shape == Shape{None, 6, 6, 6, 2});
    CHECK(infer_layer("ZeroPadding3D", {{"padding", {1, 2, 3}}}, {None, 4, 4, 4, 2}).output_shape ==
          Shape{None, 6, 8, 10, 2});
    CHECK(infer_layer("ZeroPadding3D", {{"padding", {{0, 1}, {1, 0}, {2, 2}}}}, {None, 4, 4, 4, 2}).padding ==
          Pads{{0, 1}, {1, 0}, {2, 2}});
}

TEST_CASE("ZeroPadding errors", "[layers][reshaping][errors]") {
    const Shape in{None, 28, 28, 1};
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding2D", {{"padding", {1, 2, 3}}}, in), ArgumentError,
                         Message("`padding` should have 2 elements. Received: padding=(1, 2, 3)."));
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding2D", {{"padding", "abc"}}, in), ArgumentError,
                         Message("`padding` should be either an int, a tuple of 2 ints (symmetric_height_pad, "
                                 "symmetric_width_pad), or a tuple of 2 tuples of 2 ints ((top_pad, bottom_pad), "
                                 "(left_pad, right_pad)). Received: padding='abc'."));
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding2D", {{"padding", {{1, 2, 3}, {1, 1}}}}, in), ArgumentError,
                         Message("The `1st entry of padding` argument must be a tuple of 2 integers. "
                                 "Received: (1, 2, 3)"));
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding2D", {{"padding", {{1, -2}, {1, 1}}}}, in), ArgumentError,
                         Message("The `1st entry of padding` argument must be a tuple of 2 integers. Received: "
                                 "(1, -2) including {-2} that does not satisfy the requirement `>= 0`."));
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding1D", {{"padding", -1}}, {None, 10, 4}), ArgumentError,
                         Message("The `padding` argument must be a tuple of 2 integers. Received padding=(-1, -1) "
                                 "including {-1} that does not satisfy the requirement `>= 0`."));
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding2D", json::object(), {None, 28, 28}), ShapeError,
                         Message("Input 0 of layer \"zero_padding2d\" is incompatible with the layer: expected "
                                 "ndim=4, found ndim=3. Full shape received: (None, 28, 28)"));
    CHECK_THROWS_MATCHES(infer_layer("ZeroPadding3D", {{"padding", 1.5}}, {None, 4, 4, 4, 1}), ArgumentError,
                         MessageContains("(symmetric_dim1_pad, symmetric_dim2_pad, symmetric_dim3_pad)"));
}

TEST_CASE("Cropping forms report negative pads", "[layers][reshaping]") {
    const auto r = infer_layer("Cropping2D", {{"cropping", {{2, 2}, {4, 4}}}}, {None, 28, 28, 3});
    CHECK(r.output_shape == Shape{None, 24, 20, 3});
    CHECK(r.padding == Pads{{-2, -2}, {-4, -4}});
    CHECK(infer_layer("Cropping2D", json::object(), {None, 28, 28, 3}).output_shape == Shape{None, 28, 28, 3});
    CHECK(infer_layer("Cropping2D", {{"cropping", 1}}, {None, 28, 28, 3}).output_shape == Shape{None, 26, 26, 3});
    CHECK(infer_layer("Cropping2D", {{"cropping", {1, 2}}}, {None, 28, 28, 3}).output_shape == Shape{None, 26, 24, 3});
    CHECK(infer_layer("Cropping1D", json::object(), {None, 10, 4}).output_shape == Shape{None, 8, 4});
    CHECK(infer_layer("Cropping1D", {{"cropping", {0, 3}}}, {None, 10, 4}).padding == Pads{{0, -3}});
    CHECK(infer_layer("Cropping3D", json::object(), {None, 5, 5, 5, 1}).output_shape == Shape{None, 3, 3, 3, 1});
    CHECK(infer_layer("Cropping3D", {{"cropping", {1, 0, 2}}}, {None, 5, 5, 5, 1}).output_shape ==
          Shape{None, 3, 5, 1, 1});
    CHECK(infer_layer("Cropping2D", {{"cropping", 1}}, {None, None, 6, 3}).output_shape == Shape{None, None, 4, 3});
}

TEST_CASE("Cropping more than the input is Keras's error", "[layers][reshaping][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("Cropping2D", {{"cropping", {{3, 3}, {0, 0}}}}, {None, 5, 5, 3}), ShapeError,
                         Message("Values in `cropping` argument should be smaller than the corresponding spatial "
                                 "dimension of the input. Received: input_shape=(None, 5, 5, 3), "
                                 "cropping=((3, 3), (0, 0))"));
    CHECK_THROWS_MATCHES(infer_layer("Cropping1D", {{"cropping", 5}}, {None, 10, 4}), ShapeError,
                         Message("Values in `cropping` argument should be smaller than the corresponding spatial "
                                 "dimension of the input. Received: input_shape=(None, 10, 4), cropping=(5, 5)"));
    CHECK_THROWS_MATCHES(infer_layer("Cropping2D", {{"cropping", {{1, 1}}}}, {None, 5, 5, 3}), ArgumentError,
                         Message("`cropping` should have 2 elements. Received: cropping=((1, 1),)."));
    CHECK_THROWS_MATCHES(infer_layer("Cropping2D", {{"cropping", true}}, {None, 5, 5, 3}), ArgumentError,
                         MessageContains("((top_crop, bottom_crop), (left_crop, right_crop))"));
}

TEST_CASE("UpSampling multiplies the spatial axes", "[layers][reshaping]") {
    CHECK(infer_layer("UpSampling2D", json::object(), {None, 7, 7, 64}).output_shape == Shape{None, 14, 14, 64});
    CHECK(infer_layer("UpSampling2D", {{"size", {2, 3}}, {"interpolation", "bilinear"}}, {None, 7, 7, 64}).output_shape ==
          Shape{None, 14, 21, 64});
    CHECK(infer_layer("UpSampling1D", {{"size", 3}}, {None, 5, 2}).output_shape == Shape{None, 15, 2});
    CHECK(infer_layer("UpSampling3D", json::object(), {None, 2, 3, None, 1}).output_shape == Shape{None, 4, 6, None, 1});
    CHECK(infer_layer("UpSampling2D", json::object(), {None, 7, 7, 64}).padding == std::nullopt);

    CHECK_THROWS_MATCHES(infer_layer("UpSampling2D", {{"size", {0, 2}}}, {None, 7, 7, 64}), ArgumentError,
                         Message("The `size` argument must be a tuple of 2 integers. Received size=(0, 2) including "
                                 "{0} that does not satisfy the requirement `> 0`."));
    CHECK_THROWS_MATCHES(infer_layer("UpSampling2D", {{"interpolation", "cubic"}}, {None, 7, 7, 64}), ArgumentError,
                         MessageContains("`interpolation` argument should be one of"));
    CHECK_THROWS_AS(infer_layer("UpSampling1D", {{"size", 4611686018427387904LL}}, {None, 5, 2}), padlab::LimitError);
}

TEST_CASE("Flatten", "[layers][reshaping]") {
    CHECK(infer_layer("Flatten", json::object(), {None, 22, 22, 128}).output_shape == Shape{None, 61952});
    CHECK(infer_layer("Flatten", json::object(), {None, 28, 28, 128}).output_shape == Shape{None, 100352});
    CHECK(infer_layer("Flatten", json::object(), {None}).output_shape == Shape{None, 1});
    CHECK(infer_layer("Flatten", json::object(), {None, None, 3}).output_shape == Shape{None, None});
    CHECK_THROWS_MATCHES(infer_layer("Flatten", json::object(), Shape{}), ShapeError,
                         Message("Input 0 of layer \"flatten\" is incompatible with the layer: expected min_ndim=1, "
                                 "found ndim=0. Full shape received: ()"));
}

TEST_CASE("Reshape with one -1", "[layers][reshaping]") {
    CHECK(infer_layer("Reshape", {{"target_shape", {3, 4}}}, {None, 12}).output_shape == Shape{None, 3, 4});
    CHECK(infer_layer("Reshape", {{"target_shape", {-1, 2}}}, {None, 3, 4}).output_shape == Shape{None, 6, 2});
    CHECK(infer_layer("Reshape", {{"target_shape", {-1, 2}}}, {None, None, 4}).output_shape == Shape{None, None, 2});
    // TF.js saves the -1 as null.
    CHECK(infer_layer("Reshape", {{"target_shape", {1, nullptr, 16}}}, {None, 672}).output_shape ==
          Shape{None, 1, 42, 16});

    CHECK_THROWS_MATCHES(infer_layer("Reshape", {{"target_shape", {-1, -1}}}, {None, 12}), ArgumentError,
                         Message("There must be at most one unknown dimension (-1) in target_shape. Received: "
                                 "target_shape=(-1, -1)."));
    CHECK_THROWS_MATCHES(infer_layer("Reshape", {{"target_shape", {5}}}, {None, 12}), ShapeError,
                         Message("The total size of the tensor must be unchanged. Received: input_shape=(12,), "
                                 "target_shape=(5,)"));
    CHECK_THROWS_MATCHES(infer_layer("Reshape", {{"target_shape", {5, -1}}}, {None, 12}), ShapeError,
                         Message("The total size of the tensor must be unchanged, however, the input size cannot by "
                                 "divided by the specified dimensions in target_shape. Received: input_shape=(12,), "
                                 "target_shape=(5, -1)"));
    CHECK_THROWS_AS(infer_layer("Reshape", {{"target_shape", {0, -1}}}, {None, 12}), ArgumentError);
    CHECK_THROWS_MATCHES(infer_layer("Reshape", json::object(), {None, 12}), ArgumentError,
                         Message("Reshape.__init__() missing 1 required positional argument: 'target_shape'"));
    CHECK_THROWS_MATCHES(infer_layer("Reshape", {{"target_shape", 12}}, {None, 12}), ArgumentError,
                         Message("Invalid value for argument `target_shape`. Expected a tuple of integers. "
                                 "Received target_shape=12."));
}
