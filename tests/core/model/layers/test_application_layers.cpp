// CustomScaleLayer: InceptionResNetV2's x + r * scale (keras/src/applications/
// inception_resnet_v2.py, Keras 3.16): no weights, the shape of its inputs.
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
