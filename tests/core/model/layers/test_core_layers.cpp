// InputLayer, Dense, Dropout, Activation, ReLU, LeakyReLU.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::LimitError;
using padlab::Shape;
using padlab::ShapeError;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using Catch::Matchers::Message;

TEST_CASE("InputLayer reads every Keras spelling of the shape", "[layers][core]") {
    CHECK(infer_layer("InputLayer", {{"batch_input_shape", {nullptr, 28, 28, 1}}}, {}).output_shape ==
          Shape{None, 28, 28, 1});
    CHECK(infer_layer("InputLayer", {{"batch_shape", {nullptr, 100, 1}}}, {}).output_shape == Shape{None, 100, 1});
    CHECK(infer_layer("InputLayer", {{"input_shape", {28, 28, 1}}}, {}).output_shape == Shape{None, 28, 28, 1});
    CHECK(infer_layer("Input", {{"shape", {10}}}, {}).output_shape == Shape{None, 10});
    CHECK(infer_layer("InputLayer", {{"shape", {10}}, {"batch_size", 8}}, {}).output_shape == Shape{8, 10});
    CHECK(infer_layer("InputLayer", {{"shape", {nullptr, 3}}}, {}).output_shape == Shape{None, None, 3});
}

TEST_CASE("InputLayer errors", "[layers][core][errors]") {
    CHECK_THROWS_AS(infer_layer("InputLayer", json::object(), {}), ShapeError);
    CHECK_THROWS_MATCHES(infer_layer("InputLayer", {{"input_shape", {28}}, {"batch_input_shape", {nullptr, 28}}}, {}),
                         ArgumentError,
                         Message("Only provide the input_shape OR batch_input_shape argument to InputLayer, not both "
                                 "at the same time."));
    // input_shape=(28) is the int 28 in Python: say so.
    CHECK_THROWS_MATCHES(infer_layer("InputLayer", {{"input_shape", 28}}, {}), ArgumentError,
                         MessageContains("write input_shape=(28,)"));
    CHECK_THROWS_MATCHES(infer_layer("InputLayer", {{"shape", {28, -2}}}, {}), ArgumentError,
                         Message("Invalid value for argument `shape`. Every dimension must be an integer >= 0 or None. "
                                 "Received shape=(28, -2)."));
}

TEST_CASE("Dense: the seed model's head", "[layers][core]") {
    const auto dense = infer_layer("Dense", {{"units", 256}, {"activation", "relu"}}, {None, 61952});
    CHECK(dense.output_shape == Shape{None, 256});
    CHECK(dense.trainable_params == 15859968);
    CHECK(dense.macs == 15859712);
    CHECK(dense.padding == std::nullopt);
    const auto out = infer_layer("Dense", {{"units", 10}, {"activation", "softmax"}}, {None, 256});
    CHECK(out.trainable_params == 2570);
    CHECK(out.macs == 2560);
    CHECK(infer_layer("Dense", {{"units", 10}, {"use_bias", false}}, {None, 256}).trainable_params == 2560);
}

TEST_CASE("Dense on rank > 2 applies to the last axis", "[layers][core]") {
    const auto r = infer_layer("Dense", {{"units", 8}}, {None, 5, 7, 3});
    CHECK(r.output_shape == Shape{None, 5, 7, 8});
    CHECK(r.trainable_params == 32);  // 3*8 + 8
    CHECK(r.macs == 840);             // 35 positions * 3*8
    CHECK(infer_layer("Dense", {{"units", 8}}, {None, None, 3}).macs == 0);  // unknown positions
}

TEST_CASE("Dense errors", "[layers][core][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("Dense", {{"units", 0}}, {None, 10}), ArgumentError,
                         Message("Received an invalid value for `units`, expected a positive integer. "
                                 "Received: units=0"));
    CHECK_THROWS_MATCHES(infer_layer("Dense", json::object(), {None, 10}), ArgumentError,
                         Message("Dense.__init__() missing 1 required positional argument: 'units'"));
    CHECK_THROWS_MATCHES(infer_layer("Dense", {{"units", 10}, {"name", "dense"}}, {None}), ShapeError,
                         Message("Input 0 of layer \"dense\" is incompatible with the layer: expected min_ndim=2, "
                                 "found ndim=1. Full shape received: (None,)"));
    CHECK_THROWS_MATCHES(infer_layer("Dense", {{"units", 10}}, {None, None}), ShapeError,
                         Message("The last dimension of the inputs to a Dense layer should be defined. Found None. "
                                 "Full input shape received: (None, None)"));
    CHECK_THROWS_MATCHES(infer_layer("Dense", {{"units", 10}, {"activation", "rleu"}}, {None, 10}), ArgumentError,
                         MessageContains("Could not interpret activation function identifier: rleu"));
    CHECK_THROWS_AS(infer_layer("Dense", {{"units", 1000000000000000LL}}, {None, 61952}), LimitError);
    CHECK_THROWS_AS(infer_layer("Dense", {{"units", 1e300}}, {None, 10}), LimitError);
    CHECK_THROWS_AS(infer_layer("Dense", {{"units", 10.5}}, {None, 10}), ArgumentError);
    CHECK_THROWS_AS(infer_layer("Dense", {{"units", true}}, {None, 10}), ArgumentError);
    CHECK_THROWS_AS(infer_layer("Dense", json::array({1, 2}), {None, 10}), ArgumentError);
}

TEST_CASE("Dropout and the activation layers keep the shape", "[layers][core]") {
    const Shape in{None, 7, 7, 3};
    CHECK(infer_layer("Dropout", {{"rate", 0.5}}, in).output_shape == in);
    CHECK(infer_layer("Activation", {{"activation", "relu"}}, in).output_shape == in);
    CHECK(infer_layer("ReLU", json::object(), in).output_shape == in);
    CHECK(infer_layer("ReLU", {{"max_value", 6.0}}, in).output_shape == in);
    CHECK(infer_layer("LeakyReLU", {{"alpha", 0.1}}, in).output_shape == in);
    CHECK(infer_layer("LeakyReLU", {{"negative_slope", 0.1}}, in).trainable_params == 0);
}

TEST_CASE("Dropout and activation layer errors", "[layers][core][errors]") {
    const Shape in{None, 10};
    CHECK_THROWS_MATCHES(infer_layer("Dropout", {{"rate", 1.5}}, in), ArgumentError,
                         Message("Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                                 "Received: rate=1.5"));
    CHECK_THROWS_MATCHES(infer_layer("Dropout", json::object(), in), ArgumentError,
                         Message("Dropout.__init__() missing 1 required positional argument: 'rate'"));
    CHECK_THROWS_MATCHES(infer_layer("Activation", json::object(), in), ArgumentError,
                         Message("Activation.__init__() missing 1 required positional argument: 'activation'"));
    CHECK_THROWS_MATCHES(infer_layer("Activation", {{"activation", 3}}, in), ArgumentError,
                         MessageContains("Could not interpret activation function identifier: 3"));
    CHECK_THROWS_MATCHES(infer_layer("ReLU", {{"max_value", -1}}, in), ArgumentError,
                         Message("max_value of a ReLU layer cannot be a negative value. Received: -1.0"));
    CHECK_THROWS_MATCHES(infer_layer("LeakyReLU", {{"alpha", -0.5}}, in), ArgumentError,
                         MessageContains("Received: alpha=-0.5"));
}
