// Softmax, ELU, PReLU, ThresholdedReLU (core/model/layers/activation_layers.cpp). Shapes and
// parameter counts: TF.js 4.22 in node confirmed every value marked [tfjs]; texts are tf.keras
// 2.15's (tf_keras/layers/activation/) where Keras 3 has no check.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Shape;
using padlab::ShapeError;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using padlab::test::run_forward;
using Catch::Matchers::Message;

TEST_CASE("activation layers keep the shape and have no weights but PReLU's", "[layers][activation_layers]") {
    const Shape in{None, 5, 3};
    for (const char* cls : {"Softmax", "ELU", "ThresholdedReLU"}) {
        INFO(cls);
        const auto r = infer_layer(cls, json::object(), in);  // [tfjs] (None, 5, 3), 0 params
        CHECK(r.output_shape == in);
        CHECK(r.trainable_params == 0);
    }
    CHECK(infer_layer("Softmax", {{"axis", 1}}, in).output_shape == in);  // [tfjs]
    CHECK(infer_layer("Softmax", {{"axis", {1, 2}}}, in).output_shape == in);
    // PReLU: alpha has input_shape[1:], shared axes set to 1 [tfjs: 192 and 3].
    CHECK(infer_layer("PReLU", json::object(), {None, 8, 8, 3}).trainable_params == 192);
    CHECK(infer_layer("PReLU", {{"shared_axes", {1, 2}}}, {None, 8, 8, 3}).trainable_params == 3);
    CHECK(infer_layer("PReLU", {{"shared_axes", 3}}, {None, 8, 8, 3}).trainable_params == 64);
    // Unknown sizes are fine once shared.
    CHECK(infer_layer("PReLU", {{"shared_axes", {1, 2}}}, {None, None, None, 16}).trainable_params == 16);
}

TEST_CASE("activation layer errors", "[layers][activation_layers][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("ThresholdedReLU", {{"theta", -1}}, {None, 3}), ArgumentError,
                         Message("The theta value of a Thresholded ReLU layer should be >=0. Received: -1"));
    CHECK_THROWS_MATCHES(infer_layer("ELU", {{"alpha", "big"}}, {None, 3}), ArgumentError,
                         MessageContains("Invalid value for argument `alpha`. Expected a number."));
    // TF.js refuses the unknown axis too ("Tensor must have a shape comprised of positive integers").
    CHECK_THROWS_MATCHES(infer_layer("PReLU", {{"name", "p"}}, {None, None, 3}), ShapeError,
                         MessageContains("PReLU 'p' cannot create its alpha weight of shape (None, 3)"));
    CHECK_THROWS_MATCHES(infer_layer("PReLU", {{"shared_axes", {5}}}, {None, 8, 3}), ArgumentError,
                         MessageContains("list assignment index out of range"));
    CHECK_THROWS_MATCHES(infer_layer("PReLU", json::object(), {None}), ShapeError,
                         MessageContains("expected min_ndim=2, found ndim=1"));
}

TEST_CASE("activation layers run", "[layers][activation_layers][layer_forward]") {
    const std::vector<float> x = {-2.0f, -0.5f, 0.0f, 0.5f, 3.0f, 1.0f};
    const Shape s{1, 2, 3};
    // ELU(alpha=0.5): 0.5 * (exp(x) - 1) below 0 (tf_keras backend.elu).
    const auto elu = run_forward("ELU", {{"alpha", 0.5}}, s, s, x);
    CHECK(elu[0] == Approx(-0.43233236f));
    CHECK(elu[1] == Approx(-0.19673467f));
    CHECK(elu[4] == 3.0f);
    // ThresholdedReLU(theta=1): x if x > theta else 0 (1.0 itself is dropped).
    CHECK(run_forward("ThresholdedReLU", json::object(), s, s, x) == std::vector<float>{0, 0, 0, 0, 3, 0});
    // PReLU at its initial alpha (zeros) is relu.
    CHECK(run_forward("PReLU", {{"shared_axes", {1}}}, s, s, x) == std::vector<float>{0, 0, 0, 0.5f, 3, 1});
    const auto soft = run_forward("Softmax", json::object(), s, s, {1, 2, 3, 0, 0, 0});
    CHECK(soft[0] == Approx(0.09003057f));
    CHECK(soft[5] == Approx(1.0f / 3));
    CHECK_THAT(padlab::test::forward_refusal("Softmax", {{"axis", 1}}, s, s),
               Catch::Matchers::Contains("Softmax 'layer_x' over an axis other than the last."));
    CHECK(padlab::test::forward_refusal("Softmax", {{"axis", 2}}, s, s).empty());
}
