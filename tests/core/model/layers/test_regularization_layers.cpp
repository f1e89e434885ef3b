// SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization
// (core/model/layers/regularization_layers.cpp). Shapes [tfjs]: TF.js 4.22 in node gave the
// same for SpatialDropout1D, GaussianNoise, GaussianDropout, AlphaDropout, and the same
// ndim=3 refusal for SpatialDropout1D on (None, 10). Texts: Keras 3 (keras/src/layers/regularization/).
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Shape;
using padlab::ShapeError;
using padlab::UnsupportedError;
using padlab::test::infer_layer;
using padlab::test::None;
using padlab::test::run_forward;
using Catch::Matchers::Message;

TEST_CASE("regularization layers keep the shape", "[layers][regularization]") {
    CHECK(infer_layer("SpatialDropout1D", {{"rate", 0.2}}, {None, 10, 3}).output_shape == Shape{None, 10, 3});  // [tfjs]
    CHECK(infer_layer("SpatialDropout2D", {{"rate", 0.2}}, {None, 8, 8, 3}).output_shape == Shape{None, 8, 8, 3});
    CHECK(infer_layer("SpatialDropout3D", {{"rate", 0.2}}, {None, 4, 8, 8, 3}).output_shape == Shape{None, 4, 8, 8, 3});
    CHECK(infer_layer("GaussianNoise", {{"stddev", 0.1}}, {None, 10}).output_shape == Shape{None, 10});  // [tfjs]
    CHECK(infer_layer("GaussianDropout", {{"rate", 0.3}}, {None, 10}).output_shape == Shape{None, 10});  // [tfjs]
    CHECK(infer_layer("AlphaDropout", {{"rate", 0.3}}, {None, 10}).output_shape == Shape{None, 10});     // [tfjs]
    const auto reg = infer_layer("ActivityRegularization", {{"l1", 0.01}}, {None, 4, 5});
    CHECK(reg.output_shape == Shape{None, 4, 5});
    CHECK(reg.trainable_params + reg.non_trainable_params == 0);
}

TEST_CASE("regularization layer errors", "[layers][regularization][errors]") {
    CHECK_THROWS_MATCHES(infer_layer("SpatialDropout1D", {{"rate", 0.2}, {"name", "sd"}}, {None, 10}), ShapeError,
                         Message("Input 0 of layer \"sd\" is incompatible with the layer: expected ndim=3, found ndim=2. "
                                 "Full shape received: (None, 10)"));
    CHECK_THROWS_MATCHES(infer_layer("SpatialDropout2D", {{"rate", 0.2}, {"name", "sd"}}, {None, 4, 8, 8, 3}), ShapeError,
                         Message("Input 0 of layer \"sd\" is incompatible with the layer: expected ndim=4, found ndim=5. "
                                 "Full shape received: (None, 4, 8, 8, 3)"));
    CHECK_THROWS_MATCHES(infer_layer("SpatialDropout2D", {{"rate", 2}}, {None, 8, 8, 3}), ArgumentError,
                         Message("Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                                 "Received: rate=2"));
    CHECK_THROWS_AS(infer_layer("SpatialDropout2D", {{"rate", 0.1}, {"data_format", "channels_first"}}, {None, 3, 8, 8}),
                    UnsupportedError);
    // Keras 3's text, "between 0 and 1" for a standard deviation (tf.keras accepts any stddev).
    CHECK_THROWS_MATCHES(infer_layer("GaussianNoise", {{"stddev", 1.5}}, {None, 10}), ArgumentError,
                         Message("Invalid value received for argument `stddev`. Expected a float value between 0 and 1. "
                                 "Received: stddev=1.5"));
    CHECK_THROWS_MATCHES(infer_layer("GaussianDropout", {{"rate", -0.1}}, {None, 10}), ArgumentError,
                         Message("Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                                 "Received: rate=-0.1"));
    CHECK_THROWS_MATCHES(infer_layer("AlphaDropout", json::object(), {None, 10}), ArgumentError,
                         Message("AlphaDropout.__init__() missing 1 required positional argument: 'rate'"));
    // Dropout (core_layers.cpp) prints the rate as written too.
    CHECK_THROWS_MATCHES(infer_layer("Dropout", {{"rate", 2}}, {None, 10}), ArgumentError,
                         Message("Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                                 "Received: rate=2"));
}

TEST_CASE("noise and dropout layers are the identity at inference", "[layers][regularization][layer_forward]") {
    const std::vector<float> x = {-1.0f, 0.5f, 2.0f, 4.0f};
    const Shape s{1, 2, 2};
    for (const char* cls : {"GaussianNoise", "GaussianDropout", "AlphaDropout", "SpatialDropout1D"}) {
        INFO(cls);
        const json config = std::string(cls) == "GaussianNoise" ? json{{"stddev", 0.5}} : json{{"rate", 0.5}};
        CHECK(run_forward(cls, config, s, s, x) == x);
    }
    CHECK(run_forward("ActivityRegularization", json::object(), s, s, x) == x);
}
