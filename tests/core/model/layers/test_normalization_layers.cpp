// BatchNormalization (4*C params, 2*C non-trainable) and LayerNormalization (2*C).
#include <catch2/catch.hpp>
#include <cmath>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Shape;
using padlab::ShapeError;
using padlab::test::infer_layer;
using padlab::test::None;
using Catch::Matchers::Message;

TEST_CASE("BatchNormalization counts gamma/beta and the moving statistics", "[layers][normalization]") {
    const auto r = infer_layer("BatchNormalization", json::object(), {None, 26, 26, 32});
    CHECK(r.output_shape == Shape{None, 26, 26, 32});
    CHECK(r.trainable_params == 64);
    CHECK(r.non_trainable_params == 64);
    CHECK(r.macs == 0);
    // Keras 2 JSON writes the built axis as a list.
    CHECK(infer_layer("BatchNormalization", {{"axis", {3}}}, {None, 26, 26, 32}).trainable_params == 64);
    CHECK(infer_layer("BatchNormalization", {{"axis", 1}}, {None, 26, 26, 32}).non_trainable_params == 52);
    const auto no_affine = infer_layer("BatchNormalization", {{"center", false}, {"scale", false}}, {None, 10});
    CHECK(no_affine.trainable_params == 0);
    CHECK(no_affine.non_trainable_params == 20);
    CHECK(infer_layer("BatchNormalization", {{"axis", {1, 2}}}, {None, 4, 5, 6}).trainable_params == 40);
}

TEST_CASE("LayerNormalization", "[layers][normalization]") {
    const auto r = infer_layer("LayerNormalization", json::object(), {None, 10, 64});
    CHECK(r.output_shape == Shape{None, 10, 64});
    CHECK(r.trainable_params == 128);
    CHECK(r.non_trainable_params == 0);
    CHECK(infer_layer("LayerNormalization", {{"rms_scaling", true}}, {None, 10, 64}).trainable_params == 64);
    CHECK(infer_layer("LayerNormalization", {{"center", false}}, {None, 10, 64}).trainable_params == 64);
}

TEST_CASE("Normalization errors", "[layers][normalization][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("BatchNormalization", json::object(), {None, None}), ShapeError,
                         Message("Axis 1 of input tensor should have a defined dimension but the layer received an "
                                 "input with shape (None, None)."));
    CHECK_THROWS_MATCHES(infer_layer("BatchNormalization", {{"axis", 4}}, {None, 26, 26, 32}), ShapeError,
                         Message("Invalid axis. Expected 0 <= axis < inputs.rank (with inputs.rank=4). Received: "
                                 "layer.axis=(4,)"));
    CHECK_THROWS_MATCHES(infer_layer("LayerNormalization", {{"axis", {1, -2}}}, {None, 26, 32}), ArgumentError,
                         Message("Duplicate axis: (1, -2)"));
    CHECK_THROWS_MATCHES(infer_layer("LayerNormalization", {{"axis", "last"}}, {None, 26, 32}), ArgumentError,
                         Message("Expected an int or a list/tuple of ints for the argument 'axis', but received: "
                                 "'last'"));
    CHECK_THROWS_AS(infer_layer("BatchNormalization", {{"center", "yes"}}, {None, 10}), ArgumentError);
}

// GroupNormalization / UnitNormalization: Keras 3 keras/src/layers/normalization/ (TF.js has
// neither layer).
TEST_CASE("GroupNormalization: gamma and beta over the channels; groups divide them", "[layers][normalization]") {
    using padlab::test::infer_layer;
    const auto r = infer_layer("GroupNormalization", {{"groups", 8}}, {padlab::kNone, 16, 16, 32});
    CHECK(r.output_shape == padlab::Shape{padlab::kNone, 16, 16, 32});
    CHECK(r.trainable_params == 64);
    CHECK(r.non_trainable_params == 0);
    CHECK(infer_layer("GroupNormalization", {{"groups", -1}, {"center", false}}, {padlab::kNone, 10, 6}).trainable_params == 6);
    CHECK(infer_layer("GroupNormalization", json::object(), {padlab::kNone, 64}).trainable_params == 128);  // groups=32
    CHECK_THROWS_MATCHES(infer_layer("GroupNormalization", {{"groups", 5}}, {padlab::kNone, 8, 8, 32}), padlab::ArgumentError,
                         Catch::Matchers::Message("Number of groups (5) must be a multiple of the number of channels (32)."));
    CHECK_THROWS_MATCHES(infer_layer("GroupNormalization", json::object(), {padlab::kNone, 8, 8, 16}), padlab::ArgumentError,
                         Catch::Matchers::Message("Number of groups (32) cannot be more than the number of channels (16)."));
    CHECK_THROWS_MATCHES(infer_layer("GroupNormalization", {{"groups", 0}}, {padlab::kNone, 8}), padlab::ArgumentError,
                         Catch::Matchers::Message("Received an invalid value for argument `groups`, expected a positive "
                                                  "integer (or `-1` for instance normalization). Received: groups=0"));
    CHECK_THROWS_MATCHES(infer_layer("GroupNormalization", {{"groups", 2}}, {padlab::kNone, 4, padlab::kNone}),
                         padlab::ShapeError,
                         Catch::Matchers::Message("Axis -1 of input tensor should have a defined dimension but the layer "
                                                  "received an input with shape (None, 4, None)."));
}

TEST_CASE("UnitNormalization keeps the shape; its axes must exist", "[layers][normalization]") {
    using padlab::test::infer_layer;
    const auto r = infer_layer("UnitNormalization", json::object(), {padlab::kNone, 5, 3});
    CHECK(r.output_shape == padlab::Shape{padlab::kNone, 5, 3});
    CHECK(r.trainable_params == 0);
    CHECK(infer_layer("UnitNormalization", {{"axis", {1, 2}}}, {padlab::kNone, 5, 3}).output_shape ==
          padlab::Shape{padlab::kNone, 5, 3});
    CHECK_THROWS_MATCHES(infer_layer("UnitNormalization", {{"axis", {1, 3}}}, {padlab::kNone, 5, 3}), padlab::ShapeError,
                         Catch::Matchers::Message("Axis [1, 3] is out of bounds for input shape (None, 5, 3)."));
}

TEST_CASE("GroupNormalization and UnitNormalization run over the last axis", "[layers][normalization][layer_forward]") {
    using padlab::test::run_forward;
    // Two positions x four channels, two groups of two channels: group 0 holds {0, 2, 4, 6}
    // (mean 3, variance 5), group 1 {1, 3, 5, 7} (mean 4, variance 5).
    const auto y = run_forward("GroupNormalization", {{"groups", 2}, {"epsilon", 0.0}}, {1, 2, 4}, {1, 2, 4},
                               {0, 2, 1, 3, 4, 6, 5, 7});
    const float s = 1.0f / std::sqrt(5.0f);
    const std::vector<float> expected = {-3 * s, -1 * s, -3 * s, -1 * s, 1 * s, 3 * s, 1 * s, 3 * s};
    for (std::size_t i = 0; i < y.size(); ++i) CHECK(y[i] == Approx(expected[i]));
    const auto u = run_forward("UnitNormalization", json::object(), {1, 2, 2}, {1, 2, 2}, {3, 4, 0, 0});
    CHECK(u == std::vector<float>{0.6f, 0.8f, 0, 0});
}
