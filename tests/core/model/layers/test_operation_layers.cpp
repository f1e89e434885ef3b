// Tensor-and-number operations (core/model/layers/operation_layers.cpp): Keras 3's
// ops.Add/Subtract/Multiply/TrueDivide/Negative (keras/src/ops/numpy.py: output
// broadcast_shapes(x, number) = x's shape; no weights), registered as ScalarAdd, ... and printed
// as Keras's classes. The Python importer's lowering and both summaries: test_import_python.cpp.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Shape;
using padlab::test::infer_layer;
using padlab::test::None;
using padlab::test::run_forward;

TEST_CASE("operations on a tensor and a number keep its shape and have no weights", "[layers][operation]") {
    const Shape in{None, 8, 8, 3};
    for (const char* cls : {"ScalarAdd", "ScalarSubtract", "ScalarMultiply", "ScalarTrueDivide"}) {
        INFO(cls);
        const padlab::LayerResult r = infer_layer(cls, {{"scalar", 2}, {"reflected", false}}, in);
        CHECK(r.output_shape == in);
        CHECK(r.trainable_params == 0);
        CHECK(r.non_trainable_params == 0);
        CHECK(r.macs == 0);
        CHECK(infer_layer(cls, {{"scalar", 0.5}, {"reflected", true}}, {None, 4}).output_shape == Shape{None, 4});
    }
    CHECK(infer_layer("ScalarNegative", json::object(), in).output_shape == in);
}

TEST_CASE("operations print as Keras 3's classes, which name them", "[layers][operation]") {
    // keras/src/ops/numpy.py class names; the auto names follow (naming.auto_name).
    const std::pair<const char*, const char*> printed[] = {{"ScalarAdd", "Add"},
                                                           {"ScalarSubtract", "Subtract"},
                                                           {"ScalarMultiply", "Multiply"},
                                                           {"ScalarTrueDivide", "TrueDivide"},
                                                           {"ScalarNegative", "Negative"}};
    for (const auto& [cls, keras] : printed) {
        const padlab::LayerType* t = padlab::find_layer_type(cls);
        REQUIRE(t);
        CHECK(padlab::keras_class_name(*t) == keras);
    }
    CHECK(padlab::keras_snake_case("TrueDivide") == "true_divide");
    // The merge layers keep their own names.
    CHECK(padlab::keras_class_name(*padlab::find_layer_type("Multiply")) == "Multiply");
}

TEST_CASE("an operation needs its number", "[layers][operation]") {
    CHECK_THROWS_AS(infer_layer("ScalarMultiply", json::object(), {None, 4}), ArgumentError);
    CHECK_THROWS_AS(infer_layer("ScalarAdd", {{"scalar", "3"}}, {None, 4}), ArgumentError);
}

TEST_CASE("operations run x op c, or c op x reflected", "[layers][operation][forward]") {
    const Shape s{1, 3};
    const std::vector<float> x{1.0f, -2.0f, 4.0f};
    const auto run = [&](const char* cls, double c, bool reflected) {
        return run_forward(cls, {{"scalar", c}, {"reflected", reflected}}, s, s, x);
    };
    CHECK(run("ScalarAdd", 3.0, false) == std::vector<float>{4.0f, 1.0f, 7.0f});
    CHECK(run("ScalarAdd", 3.0, true) == std::vector<float>{4.0f, 1.0f, 7.0f});
    CHECK(run("ScalarSubtract", 1.0, false) == std::vector<float>{0.0f, -3.0f, 3.0f});
    CHECK(run("ScalarSubtract", 1.0, true) == std::vector<float>{0.0f, 3.0f, -3.0f});
    CHECK(run("ScalarMultiply", 2.0, false) == std::vector<float>{2.0f, -4.0f, 8.0f});
    CHECK(run("ScalarTrueDivide", 2.0, false) == std::vector<float>{0.5f, -1.0f, 2.0f});
    CHECK(run("ScalarTrueDivide", 2.0, true) == std::vector<float>{2.0f, -1.0f, 0.5f});
    CHECK(run_forward("ScalarNegative", json::object(), s, s, x) == std::vector<float>{-1.0f, 2.0f, -4.0f});
}
