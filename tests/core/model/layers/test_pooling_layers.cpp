// Pooling layers: Keras's shapes (strides default to pool_size), TF's 'same' split, global
// reductions with keepdims, and errors.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Pads;
using padlab::Shape;
using padlab::ShapeError;
using padlab::UnsupportedError;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using Catch::Matchers::Message;

TEST_CASE("MaxPooling2D defaults: 2x2 windows, strides = pool_size", "[layers][pooling]") {
    const auto r = infer_layer("MaxPooling2D", json::object(), {None, 28, 28, 32});
    CHECK(r.output_shape == Shape{None, 14, 14, 32});
    CHECK(r.padding == Pads{{0, 0}, {0, 0}});
    CHECK(r.trainable_params == 0);
    CHECK(r.macs == 0);
    // Keras 2 JSON writes strides: null for the default.
    const auto null_strides = infer_layer("MaxPooling2D", {{"pool_size", {2, 2}}, {"strides", nullptr}}, {None, 28, 28, 32});
    CHECK(null_strides.output_shape == Shape{None, 14, 14, 32});
}

TEST_CASE("Pooling 'same' pads like a conv: odd cell after", "[layers][pooling]") {
    const auto r = infer_layer("MaxPooling2D", {{"pool_size", 2}, {"padding", "same"}}, {None, 5, 5, 3});
    CHECK(r.output_shape == Shape{None, 3, 3, 3});
    CHECK(r.padding == Pads{{0, 1}, {0, 1}});
    const auto overlap = infer_layer("MaxPooling2D", {{"pool_size", {3, 3}}, {"strides", {2, 2}}}, {None, 7, 7, 1});
    CHECK(overlap.output_shape == Shape{None, 3, 3, 1});
}

TEST_CASE("1D and 3D pooling and the aliases", "[layers][pooling]") {
    CHECK(infer_layer("MaxPool1D", json::object(), {None, 10, 4}).output_shape == Shape{None, 5, 4});
    CHECK(infer_layer("AveragePooling1D", {{"pool_size", 3}, {"strides", 1}}, {None, 10, 4}).output_shape ==
          Shape{None, 8, 4});
    CHECK(infer_layer("AvgPool2D", {{"pool_size", {2, 3}}}, {None, 8, 9, 2}).output_shape == Shape{None, 4, 3, 2});
    CHECK(infer_layer("AveragePooling3D", json::object(), {None, 4, 4, 4, 2}).output_shape == Shape{None, 2, 2, 2, 2});
    CHECK(infer_layer("MaxPooling3D", {{"pool_size", 2}, {"padding", "same"}}, {None, 5, 4, 3, 1}).padding ==
          Pads{{0, 1}, {0, 0}, {0, 1}});
    CHECK(infer_layer("MaxPooling1D", json::object(), {None, None, 4}).output_shape == Shape{None, None, 4});
}

TEST_CASE("Global pooling reduces every spatial axis", "[layers][pooling]") {
    CHECK(infer_layer("GlobalAveragePooling2D", json::object(), {None, 7, 7, 64}).output_shape == Shape{None, 64});
    CHECK(infer_layer("GlobalAveragePooling2D", {{"keepdims", true}}, {None, 7, 7, 64}).output_shape ==
          Shape{None, 1, 1, 64});
    CHECK(infer_layer("GlobalMaxPool1D", json::object(), {None, 10, 8}).output_shape == Shape{None, 8});
    CHECK(infer_layer("GlobalAvgPool3D", {{"keepdims", true}}, {None, 3, 3, 3, 5}).output_shape ==
          Shape{None, 1, 1, 1, 5});
    CHECK(infer_layer("GlobalMaxPooling3D", json::object(), {None, 3, 3, 3, 5}).padding == std::nullopt);
}

TEST_CASE("Pooling errors", "[layers][pooling][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("MaxPooling2D", json::object(), {None, 28, 28}), ShapeError,
                         Message("Input 0 of layer \"max_pooling2d\" is incompatible with the layer: expected ndim=4, "
                                 "found ndim=3. Full shape received: (None, 28, 28)"));
    CHECK_THROWS_MATCHES(infer_layer("GlobalAveragePooling2D", {{"name", "gap"}}, {None, 64}), ShapeError,
                         Message("Input 0 of layer \"gap\" is incompatible with the layer: expected ndim=4, "
                                 "found ndim=2. Full shape received: (None, 64)"));
    CHECK_THROWS_MATCHES(infer_layer("MaxPooling1D", {{"padding", "causal"}}, {None, 10, 4}), ArgumentError,
                         Message("The `padding` argument must be one of \"valid\", \"same\". Received: causal"));
    CHECK_THROWS_AS(infer_layer("MaxPooling2D", json::object(), {None, 1, 1, 3}), ShapeError);
    CHECK_THROWS_MATCHES(infer_layer("MaxPooling2D", {{"pool_size", {0, 2}}}, {None, 8, 8, 3}), ArgumentError,
                         MessageContains("pool_size"));
    CHECK_THROWS_MATCHES(infer_layer("MaxPooling2D", {{"pool_size", {2, 2, 2}}}, {None, 8, 8, 3}), ArgumentError,
                         Message("The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 2, 2)"));
    CHECK_THROWS_AS(infer_layer("MaxPooling2D", {{"data_format", "channels_first"}}, {None, 3, 8, 8}), UnsupportedError);
    CHECK_THROWS_MATCHES(infer_layer("GlobalMaxPooling2D", {{"keepdims", "yes"}}, {None, 3, 8, 8}), ArgumentError,
                         Message("Invalid value for argument `keepdims`. Expected True or False. "
                                 "Received keepdims='yes'."));
}

TEST_CASE("global pooling channels_first keeps axis 1", "[pooling_layers]") {
    // keras/src/layers/pooling/base_global_pooling.py compute_output_shape (Keras 3.16; tf-keras's
    // GlobalPooling1D/2D/3D agree).
    CHECK(infer_layer("GlobalAveragePooling1D", {{"data_format", "channels_first"}}, {None, 500, 1}).output_shape ==
          Shape{None, 500});
    CHECK(infer_layer("GlobalMaxPooling2D", {{"data_format", "Channels_First"}, {"keepdims", true}}, {None, 3, 8, 8})
              .output_shape == Shape{None, 3, 1, 1});
    CHECK(infer_layer("GlobalAveragePooling3D", {{"data_format", "channels_last"}}, {None, 2, 4, 4, 6}).output_shape ==
          Shape{None, 6});
    CHECK_THROWS_MATCHES(infer_layer("GlobalAveragePooling1D", {{"data_format", "nchw"}}, {None, 5, 2}), ArgumentError,
                         Message("The `data_format` argument must be one of \"channels_first\", \"channels_last\". "
                                 "Received: nchw"));
}
