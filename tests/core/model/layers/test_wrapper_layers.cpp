// Bidirectional and TimeDistributed (core/model/layers/wrapper_layers.cpp). [tfjs]: confirmed
// by running @tensorflow/tfjs-layers 4.22.0 in node; other values follow the cited Keras source.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "tests/core/model/layers/layer_test_helpers.hpp"

using namespace padlab;
using nlohmann::json;
using padlab::test::infer_layer;

namespace {

json wrapped(const char* cls, json config) { return {{"class_name", cls}, {"config", std::move(config)}}; }

std::string wrapper_error(const char* cls, const json& config, const Shape& input) {
    try {
        infer_layer(cls, config, input);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

std::size_t wrapper_outputs(const char* cls, const json& config) {
    const LayerType* t = find_layer_type(cls);
    REQUIRE(t);
    REQUIRE(t->output_count);
    return t->output_count(config);
}

}  // namespace

TEST_CASE("Bidirectional: merge modes, doubled parameters", "[wrapper]") {
    const json lstm8 = wrapped("LSTM", {{"units", 8}});
    const json lstm8_seq = wrapped("LSTM", {{"units", 8}, {"return_sequences", true}});
    // [tfjs] LSTM(8) on (None, 10, 5): concat [null,16], 896 (= 2 * 448).
    LayerResult r = infer_layer("Bidirectional", {{"layer", lstm8}}, {kNone, 10, 5});
    CHECK(r.output_shape == Shape{kNone, 16});
    CHECK(r.output_shapes.empty());
    CHECK(r.trainable_params == 896);
    CHECK(r.macs == 2 * 10 * 4 * 8 * 13);
    // [tfjs] sum / mul / ave [null,10,8], concat [null,10,16], all 896.
    for (const char* mode : {"sum", "mul", "ave"}) {
        INFO(mode);
        CHECK(infer_layer("Bidirectional", {{"layer", lstm8_seq}, {"merge_mode", mode}}, {kNone, 10, 5}).output_shape ==
              Shape{kNone, 10, 8});
    }
    CHECK(infer_layer("Bidirectional", {{"layer", lstm8_seq}, {"merge_mode", "concat"}}, {kNone, 10, 5}).output_shape ==
          Shape{kNone, 10, 16});
    // [tfjs] merge_mode None: [[null,8],[null,8]] (a JSON null is Python's None).
    r = infer_layer("Bidirectional", {{"layer", lstm8}, {"merge_mode", nullptr}}, {kNone, 10, 5});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 8}, {kNone, 8}});
    // [tfjs] the IMDB example's layers on (None, None, 128): [null,null,128] / [null,128], 98816.
    r = infer_layer("Bidirectional", {{"layer", wrapped("LSTM", {{"units", 64}, {"return_sequences", true}})}},
                    {kNone, kNone, 128});
    CHECK(r.output_shape == Shape{kNone, kNone, 128});
    CHECK(r.trainable_params == 98816);
    CHECK(r.macs == 0);  // unknown time steps
    // [tfjs] GRU(4, return_sequences) on (None, 7, 3): [null,7,8], 192 (reset_after=False);
    // SimpleRNN(4): [null,8], 64.
    r = infer_layer("Bidirectional",
                    {{"layer", wrapped("GRU", {{"units", 4}, {"return_sequences", true}, {"reset_after", false}})}},
                    {kNone, 7, 3});
    CHECK(r.output_shape == Shape{kNone, 7, 8});
    CHECK(r.trainable_params == 192);
    CHECK(infer_layer("Bidirectional", {{"layer", wrapped("SimpleRNN", {{"units", 4}})}}, {kNone, 7, 3})
              .trainable_params == 64);
}

TEST_CASE("Bidirectional with return_state: output, forward states, backward states", "[wrapper]") {
    // [tfjs] LSTM(8, return_state): [[null,16],[null,8],[null,8],[null,8],[null,8]], 896;
    // GRU(8, return_state): [[null,16],[null,8],[null,8]]; with merge_mode None six shapes.
    LayerResult r = infer_layer("Bidirectional", {{"layer", wrapped("LSTM", {{"units", 8}, {"return_state", true}})}},
                                {kNone, 10, 5});
    CHECK(r.output_shape == Shape{kNone, 16});
    CHECK(r.output_shapes ==
          std::vector<Shape>{{kNone, 16}, {kNone, 8}, {kNone, 8}, {kNone, 8}, {kNone, 8}});
    r = infer_layer("Bidirectional", {{"layer", wrapped("GRU", {{"units", 8}, {"return_state", true}})}}, {kNone, 10, 5});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 16}, {kNone, 8}, {kNone, 8}});
    const json none_state = {{"layer", wrapped("LSTM", {{"units", 8}, {"return_state", true}})}, {"merge_mode", nullptr}};
    r = infer_layer("Bidirectional", none_state, {kNone, 10, 5});
    CHECK(r.output_shapes.size() == 6);
    CHECK(wrapper_outputs("Bidirectional", none_state) == 6);
    CHECK(wrapper_outputs("Bidirectional", {{"layer", wrapped("LSTM", {{"units", 8}, {"return_state", true}})}}) == 5);
    CHECK(wrapper_outputs("Bidirectional", {{"layer", wrapped("GRU", {{"units", 8}, {"return_state", true}})}}) == 3);
    CHECK(wrapper_outputs("Bidirectional", {{"layer", wrapped("GRU", {{"units", 8}})}, {"merge_mode", nullptr}}) == 2);
    CHECK(wrapper_outputs("Bidirectional", {{"layer", wrapped("GRU", {{"units", 8}})}}) == 1);
}

TEST_CASE("Bidirectional with a backward_layer sums both layers' parameters", "[wrapper]") {
    // Keras 2.15 / 3: the output shape comes from the forward layer; the weights are both.
    const json config = {{"layer", wrapped("LSTM", {{"units", 8}})},
                         {"backward_layer", wrapped("LSTM", {{"units", 8}, {"go_backwards", true}, {"use_bias", false}})}};
    const LayerResult r = infer_layer("Bidirectional", config, {kNone, 10, 5});
    CHECK(r.output_shape == Shape{kNone, 16});
    CHECK(r.trainable_params == 448 + 416);
}

TEST_CASE("Bidirectional's argument checks, with Keras's texts", "[wrapper]") {
    const json lstm8 = wrapped("LSTM", {{"units", 8}});
    // tf_keras/layers/rnn/bidirectional.py __init__ / _verify_layer_config.
    CHECK(wrapper_error("Bidirectional", {{"layer", lstm8}, {"merge_mode", "foo"}}, {kNone, 10, 5}) ==
          "Invalid merge mode. Received: foo. Merge mode should be one of {\"sum\", \"mul\", \"ave\", \"concat\", None}");
    CHECK(wrapper_error("Bidirectional", json::object(), {kNone, 10, 5}) ==
          "Bidirectional.__init__() missing 1 required positional argument: 'layer'");
    CHECK(wrapper_error("Bidirectional", {{"layer", 3}}, {kNone, 10, 5}) ==
          "Please initialize `Bidirectional` layer with a `tf.keras.layers.Layer` instance. Received: 3");
    CHECK(wrapper_error("Bidirectional", {{"layer", lstm8}, {"backward_layer", wrapped("LSTM", {{"units", 8}})}},
                        {kNone, 10, 5}) ==
          "Forward layer and backward layer should have different `go_backwards` value.forward_layer.go_backwards = "
          "False,backward_layer.go_backwards = False");
    CHECK(wrapper_error("Bidirectional",
                        {{"layer", lstm8},
                         {"backward_layer", wrapped("LSTM", {{"units", 8}, {"go_backwards", true}, {"return_sequences", true}})}},
                        {kNone, 10, 5}) ==
          "Forward layer and backward layer are expected to have the same value for attribute \"return_sequences\", "
          "got \"False\" for forward layer and \"True\" for backward layer");
    // Keras 3 (rebuilding the layer with go_backwards=True).
    CHECK(wrapper_error("Bidirectional", {{"layer", wrapped("Dense", {{"units", 8}})}}, {kNone, 10, 5}) ==
          "Unrecognized keyword arguments passed to Dense: {'go_backwards': True}");
    CHECK(wrapper_error("Bidirectional", {{"layer", wrapped("Nope", json::object())}}, {kNone, 10, 5}) ==
          "Unknown layer class 'Nope'");
    // The wrapped layer's InputSpec, checked as the Bidirectional's ([tfjs] refuses it too).
    CHECK(wrapper_error("Bidirectional", {{"layer", lstm8}, {"name", "bidirectional"}}, {kNone, 5}) ==
          "Input 0 of layer \"bidirectional\" is incompatible with the layer: expected ndim=3, found ndim=2. Full "
          "shape received: (None, 5)");
    // The wrapped layer's own checks.
    CHECK(wrapper_error("Bidirectional", {{"layer", wrapped("LSTM", {{"units", 0}})}}, {kNone, 10, 5}) ==
          "Received an invalid value for argument `units`, expected a positive integer, got 0.");
}

TEST_CASE("TimeDistributed: the wrapped layer per time step", "[wrapper]") {
    // [tfjs] Dense(4) on (None, 10, 5): [null,10,4], 24; Conv2D(4, 3) on (None, 10, 28, 28, 1):
    // [null,10,26,26,4], 40; Dense(3) on (None, None, 4, 6): [null,null,4,3], 21; Flatten
    // [null,10,24]; MaxPooling2D(2) [null,10,14,14,3].
    LayerResult r = infer_layer("TimeDistributed", {{"layer", wrapped("Dense", {{"units", 4}})}}, {kNone, 10, 5});
    CHECK(r.output_shape == Shape{kNone, 10, 4});
    CHECK(r.trainable_params == 24);
    CHECK(r.macs == 10 * 5 * 4);
    r = infer_layer("TimeDistributed", {{"layer", wrapped("Conv2D", {{"filters", 4}, {"kernel_size", 3}})}},
                    {kNone, 10, 28, 28, 1});
    CHECK(r.output_shape == Shape{kNone, 10, 26, 26, 4});
    CHECK(r.trainable_params == 40);
    REQUIRE(r.padding);
    CHECK(*r.padding == Pads{{0, 0}, {0, 0}});
    r = infer_layer("TimeDistributed", {{"layer", wrapped("Dense", {{"units", 3}})}}, {kNone, kNone, 4, 6});
    CHECK(r.output_shape == Shape{kNone, kNone, 4, 3});
    CHECK(r.trainable_params == 21);
    CHECK(r.macs == 0);
    CHECK(infer_layer("TimeDistributed", {{"layer", wrapped("Flatten", json::object())}}, {kNone, 10, 4, 6}).output_shape ==
          Shape{kNone, 10, 24});
    CHECK(infer_layer("TimeDistributed", {{"layer", wrapped("MaxPooling2D", {{"pool_size", 2}})}}, {kNone, 10, 28, 28, 3})
              .output_shape == Shape{kNone, 10, 14, 14, 3});
    // A wrapped layer with several outputs keeps them, each with the time axis.
    r = infer_layer("TimeDistributed", {{"layer", wrapped("LSTM", {{"units", 2}, {"return_state", true}})}},
                    {kNone, 6, 4, 3});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 6, 2}, {kNone, 6, 2}, {kNone, 6, 2}});
    CHECK(wrapper_outputs("TimeDistributed", {{"layer", wrapped("LSTM", {{"units", 2}, {"return_state", true}})}}) == 3);
    CHECK(wrapper_outputs("TimeDistributed", {{"layer", wrapped("Dense", {{"units", 2}})}}) == 1);
}

TEST_CASE("TimeDistributed's checks, with Keras's texts", "[wrapper]") {
    // tf_keras/layers/rnn/time_distributed.py build() (the space in "`input_shape `" is Keras's).
    CHECK(wrapper_error("TimeDistributed", {{"layer", wrapped("Dense", {{"units", 4}})}}, {kNone, 10}) ==
          "`TimeDistributed` Layer should be passed an `input_shape ` with at least 3 dimensions, received: (None, 10)");
    CHECK(wrapper_error("TimeDistributed", {{"layer", "dense"}}, {kNone, 10, 5}) ==
          "Please initialize `TimeDistributed` layer with a `tf.keras.layers.Layer` instance. Received: 'dense'");
    CHECK(wrapper_error("TimeDistributed", {{"layer", wrapped("Dense", {{"units", 0}})}}, {kNone, 10, 5}) ==
          "Received an invalid value for `units`, expected a positive integer. Received: units=0");
    CHECK(find_layer_type("Bidirectional")->forward == nullptr);
    CHECK(find_layer_type("TimeDistributed")->forward == nullptr);
}
