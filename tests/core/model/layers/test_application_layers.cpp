// CustomScaleLayer: InceptionResNetV2's x + r * scale (keras/src/applications/
// inception_resnet_v2.py, Keras 3.16): no weights, the shape of its inputs. LayerScale and
// StochasticDepth: ConvNeXt's (keras/src/applications/convnext.py).
#include <catch2/catch.hpp>

#include <vector>

#include "core/base/errors.hpp"
#include "core/model/layers/layer_registry.hpp"

using nlohmann::json;
using padlab::kNone;
using padlab::Shape;

TEST_CASE("CustomScaleLayer adds the scaled residual: the inputs' shape, no weights", "[application_layers]") {
    const padlab::LayerType* t = padlab::find_layer_type("CustomScaleLayer");
    REQUIRE(t);
    REQUIRE(t->infer_list);
    CHECK(t->positional == std::vector<std::string_view>{"scale"});
    const json config = {{"scale", 0.17}};
    const padlab::LayerResult r = t->infer_list(config, {{kNone, 35, 35, 320}, {kNone, 35, 35, 320}});
    CHECK(r.output_shape == Shape{kNone, 35, 35, 320});
    CHECK(r.trainable_params == 0);
    CHECK(r.non_trainable_params == 0);
    CHECK(t->infer_list(config, {{kNone, 8, 8, 1}, {kNone, 8, 8, 2080}}).output_shape == Shape{kNone, 8, 8, 2080});
    CHECK_THROWS_AS(t->infer_list(config, {{kNone, 8, 8, 3}}), padlab::ArgumentError);
    CHECK_THROWS_AS(t->infer_list(config, {{kNone, 8, 8, 3}, {kNone, 8, 8, 4}}), padlab::ShapeError);
    CHECK_THROWS_AS(t->infer(config, {kNone, 8, 8, 3}), padlab::ArgumentError);
}

// LayerScale: ConvNeXt's x * gamma, gamma of shape (projection_dim,) (keras/src/applications/
// convnext.py, Keras 3.16): projection_dim trainable weights; the output is broadcast_shapes(x,
// (projection_dim,)) (keras/src/ops/operation_utils.py), so a last axis of 1 widens.
TEST_CASE("LayerScale scales the channels: projection_dim weights, Keras 3's broadcasting", "[application_layers]") {
    const padlab::LayerType* t = padlab::find_layer_type("LayerScale");
    REQUIRE(t);
    CHECK(t->positional == std::vector<std::string_view>{"init_values", "projection_dim"});
    const json config = {{"name", "convnext_tiny_stage_0_block_0_layer_scale"}, {"init_values", 1e-6}, {"projection_dim", 96}};
    const padlab::LayerResult r = t->infer(config, {kNone, 56, 56, 96});
    CHECK(r.output_shape == Shape{kNone, 56, 56, 96});
    CHECK(r.trainable_params == 96);
    CHECK(r.non_trainable_params == 0);
    CHECK(t->infer(config, {kNone, 56, 56, 1}).output_shape == Shape{kNone, 56, 56, 96});
    CHECK(t->infer(config, {kNone, 56, 56, kNone}).output_shape == Shape{kNone, 56, 56, 96});
    CHECK(t->infer({{"init_values", 0.5}, {"projection_dim", 1}}, {kNone, 7, 7, 40}).output_shape ==
          Shape{kNone, 7, 7, 40});
    CHECK_THROWS_WITH(t->infer(config, {kNone, 56, 56, 5}),
                      "Cannot broadcast shape, the failure dim has value 5, which cannot be broadcasted to 96. Input "
                      "shapes are: [None, 56, 56, 5] and [96].");
    CHECK_THROWS_WITH(t->infer({{"init_values", 1e-6}}, {kNone, 4}),
                      "LayerScale.__init__() missing 1 required positional argument: 'projection_dim'");
    CHECK_THROWS_AS(t->infer({{"init_values", "x"}, {"projection_dim", 4}}, {kNone, 4}), padlab::ArgumentError);
}

TEST_CASE("StochasticDepth is the identity at inference, without weights", "[application_layers]") {
    const padlab::LayerType* t = padlab::find_layer_type("StochasticDepth");
    REQUIRE(t);
    CHECK(t->positional == std::vector<std::string_view>{"drop_path_rate"});
    const padlab::LayerResult r = t->infer({{"drop_path_rate", 0.1}}, {kNone, 14, 14, 384});
    CHECK(r.output_shape == Shape{kNone, 14, 14, 384});
    CHECK(r.trainable_params == 0);
    CHECK_THROWS_AS(t->infer(json::object(), {kNone, 4}), padlab::ArgumentError);
}
