#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/model/layers/layer_registry.hpp"

using padlab::kNone;
using padlab::Shape;
using nlohmann::json;

namespace {

Shape merged(const char* cls, json config, std::vector<Shape> inputs) {
    const padlab::LayerType* t = padlab::find_layer_type(cls);
    REQUIRE(t);
    REQUIRE(t->infer_list);
    return t->infer_list(config, inputs).output_shape;
}

std::string merge_error(const char* cls, json config, std::vector<Shape> inputs) {
    try {
        merged(cls, std::move(config), std::move(inputs));
    } catch (const padlab::Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("element-wise merges broadcast like Keras, without the batch axis", "[merge]") {
    for (const char* cls : {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}) {
        INFO(cls);
        CHECK(merged(cls, json::object(), {{kNone, 9, 9, 64}, {kNone, 9, 9, 64}}) == Shape{kNone, 9, 9, 64});
        CHECK(merged(cls, json::object(), {{kNone, 4, 1}, {kNone, 4, 3}}) == Shape{kNone, 4, 3});
        CHECK(merged(cls, json::object(), {{kNone, kNone}, {kNone, 5}}) == Shape{kNone, kNone});
    }
    CHECK(merged("Add", json::object(), {{kNone, 3}, {kNone, 3}, {kNone, 3}}) == Shape{kNone, 3});
    CHECK(merged("Add", json::object(), {{kNone, 3}}) == Shape{kNone, 3});  // Keras 2.9+ / 3 accept one input
    CHECK(merge_error("Add", json::object(), {{kNone, 4}, {kNone, 5}}) ==
          "Inputs have incompatible shapes. Received shapes (4,) and (5,)");
    CHECK(merge_error("Add", json::object(), {{2, 4}, {3, 4}}) ==
          "Cannot merge tensors with different batch sizes. Got tensors with shapes [(2, 4), (3, 4)]");
    CHECK(merge_error("Subtract", json::object(), {{kNone, 4}, {kNone, 4}, {kNone, 4}}) ==
          "A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 4), (None, 4), (None, 4)]");
    const padlab::LayerType* add = padlab::find_layer_type("Add");
    CHECK_THROWS_WITH(add->infer(json::object(), {kNone, 4}),
                      "A merge layer should be called on a list of inputs. Received: input_shape=(None, 4) (not a list of shapes)");
}

TEST_CASE("Concatenate sums the axis and needs the rest to match", "[merge]") {
    CHECK(merged("Concatenate", json::object(), {{kNone, 8, 8, 32}, {kNone, 8, 8, 16}}) == Shape{kNone, 8, 8, 48});
    CHECK(merged("Concatenate", {{"axis", 1}}, {{kNone, 3, 5}, {kNone, 4, 5}}) == Shape{kNone, 7, 5});
    CHECK(merged("Concatenate", json::object(), {{kNone, 8, kNone}, {kNone, 8, 16}}) == Shape{kNone, 8, kNone});
    CHECK(merge_error("Concatenate", json::object(), {{kNone, 4, 3}, {kNone, 5, 2}}) ==
          "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: "
          "input_shape=[(None, 4, 3), (None, 5, 2)]");
}

TEST_CASE("Dot contracts the chosen axes", "[merge]") {
    CHECK(merged("Dot", {{"axes", 1}}, {{kNone, 4}, {kNone, 4}}) == Shape{kNone, 1});
    CHECK(merged("Dot", {{"axes", {2, 2}}}, {{kNone, 3, 8}, {kNone, 5, 8}}) == Shape{kNone, 3, 5});
    CHECK(merge_error("Dot", {{"axes", 1}}, {{kNone, 4}, {kNone, 5}}) ==
          "Incompatible input shapes: axis values 4 (at axis 1) != 5 (at axis 1). Full input shapes: (None, 4), (None, 5)");
    CHECK(merge_error("Dot", {{"axes", {1, 2, 3}}}, {{kNone, 4}, {kNone, 4}}) ==
          "Invalid format for argument `axes`: it should contain two elements. Received: axes=(1, 2, 3)");
    CHECK(merge_error("Dot", {{"axes", 1}}, {{kNone, 4}}) ==
          "A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=[(None, 4)]");
}
