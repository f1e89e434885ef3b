// Embedding, Masking, RepeatVector, Permute and the sequence family's registration
// (core/model/layers/sequence_layers.cpp). [tfjs]: confirmed by running
// @tensorflow/tfjs-layers 4.22.0 in node; other values follow the cited Keras source.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "tests/core/model/layers/layer_test_helpers.hpp"

using namespace padlab;
using nlohmann::json;
using padlab::test::infer_layer;

namespace {

std::string sequence_error(const char* cls, const json& config, const Shape& input) {
    try {
        infer_layer(cls, config, input);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("Embedding: input + (output_dim,), input_dim * output_dim weights", "[sequence]") {
    // [tfjs] Embedding(1000, 64): (None, 10) -> [null,10,64], 64000; (None, None) ->
    // [null,null,64]; (None, 3, 4) -> [null,3,4,64].
    LayerResult r = infer_layer("Embedding", {{"input_dim", 1000}, {"output_dim", 64}}, {kNone, 10});
    CHECK(r.output_shape == Shape{kNone, 10, 64});
    CHECK(r.trainable_params == 64000);
    CHECK(r.macs == 0);
    CHECK(infer_layer("Embedding", {{"input_dim", 1000}, {"output_dim", 64}}, {kNone, kNone}).output_shape ==
          Shape{kNone, kNone, 64});
    CHECK(infer_layer("Embedding", {{"input_dim", 1000}, {"output_dim", 64}}, {kNone, 3, 4}).output_shape ==
          Shape{kNone, 3, 4, 64});
    CHECK(infer_layer("Embedding", {{"input_dim", 10}, {"output_dim", 4}, {"mask_zero", true}}, {kNone, 7}).output_shape ==
          Shape{kNone, 7, 4});
}

TEST_CASE("Embedding input_length fixes the output's sequence axes (Keras 2, TF.js)", "[sequence]") {
    // tf_keras/layers/core/embedding.py compute_output_shape; [tfjs] inputLength 10 on
    // (None, None) -> [null,10,64]; [3, 4] on (None, None, 4) -> [null,3,4,8].
    CHECK(infer_layer("Embedding", {{"input_dim", 1000}, {"output_dim", 64}, {"input_length", 10}}, {kNone, kNone})
              .output_shape == Shape{kNone, 10, 64});
    CHECK(infer_layer("Embedding", {{"input_dim", 100}, {"output_dim", 8}, {"input_length", {3, 4}}}, {kNone, kNone, 4})
              .output_shape == Shape{kNone, 3, 4, 8});
    CHECK(infer_layer("Embedding", {{"input_dim", 100}, {"output_dim", 8}, {"input_length", {nullptr, 4}}}, {kNone, 5, 4})
              .output_shape == Shape{kNone, 5, 4, 8});
    CHECK(infer_layer("Embedding", {{"input_dim", 100}, {"output_dim", 8}, {"input_length", nullptr}}, {kNone, 5})
              .output_shape == Shape{kNone, 5, 8});
    // [tfjs] refuses both mismatches too ('"inputLength" is 10, but received input shape has shape ,12').
    CHECK(sequence_error("Embedding", {{"input_dim", 1000}, {"output_dim", 64}, {"input_length", 10}}, {kNone, 12}) ==
          "\"input_length\" is 10, but received input has shape (None, 12)");
    CHECK(sequence_error("Embedding", {{"input_dim", 100}, {"output_dim", 8}, {"input_length", 3}}, {kNone, kNone, 4}) ==
          "\"input_length\" is 3, but received input has shape (None, None, 4)");
}

TEST_CASE("Embedding argument checks (Keras 2's texts)", "[sequence]") {
    CHECK(sequence_error("Embedding", {{"input_dim", 0}, {"output_dim", 64}}, {kNone, 3}) ==
          "Both `input_dim` and `output_dim` should be positive, Received input_dim = 0 and output_dim = 64");
    CHECK(sequence_error("Embedding", {{"input_dim", 10}, {"output_dim", -1}}, {kNone, 3}) ==
          "Both `input_dim` and `output_dim` should be positive, Received input_dim = 10 and output_dim = -1");
    CHECK(sequence_error("Embedding", {{"input_dim", 10}}, {kNone, 3}) ==
          "Embedding.__init__() missing 1 required positional argument: 'output_dim'");
    CHECK(sequence_error("Embedding", {{"input_dim", 10}, {"output_dim", 4}, {"mask_zero", true}, {"sparse", true}},
                         {kNone, 3}) ==
          "`mask_zero` cannot be enabled when `tf.keras.layers.Embedding` is used with `tf.SparseTensor` input.");
}

TEST_CASE("An Embedding first layer declares Keras 2's input shape", "[sequence]") {
    // Keras 2 Embedding.__init__: input_shape=(input_length,), else (None,); input_dim is the
    // vocabulary, not Dense's input_dim shorthand.
    const auto declared = [](const json& config) {
        return layers::declared_input_shape(layers::ConfigArgs(config, "Embedding"));
    };
    CHECK(declared({{"input_dim", 1000}, {"output_dim", 8}}) == Shape{kNone, kNone});
    CHECK(declared({{"input_dim", 1000}, {"output_dim", 8}, {"input_length", 20}}) == Shape{kNone, 20});
    CHECK(declared({{"input_dim", 1000}, {"output_dim", 8}, {"batch_input_shape", {nullptr, 5}}}) == Shape{kNone, 5});
    CHECK(declared({{"input_dim", 1000}, {"output_dim", 8}, {"batch_size", 4}}) == Shape{4, kNone});
}

TEST_CASE("Masking keeps the shape", "[sequence]") {
    // [tfjs] (None, 10, 5) -> [null,10,5]; (None, 4, 5, 6) -> [null,4,5,6].
    CHECK(infer_layer("Masking", {{"mask_value", 0.0}}, {kNone, 10, 5}).output_shape == Shape{kNone, 10, 5});
    CHECK(infer_layer("Masking", json::object(), {kNone, 4, 5, 6}).output_shape == Shape{kNone, 4, 5, 6});
}

TEST_CASE("RepeatVector: (batch, n, features)", "[sequence]") {
    // [tfjs] n=3 on (None, 5) -> [null,3,5]; 3-D input refused (ndim=2).
    CHECK(infer_layer("RepeatVector", {{"n", 3}}, {kNone, 5}).output_shape == Shape{kNone, 3, 5});
    CHECK(sequence_error("RepeatVector", {{"n", 3}, {"name", "repeat_vector"}}, {kNone, 5, 2}) ==
          "Input 0 of layer \"repeat_vector\" is incompatible with the layer: expected ndim=2, found ndim=3. Full "
          "shape received: (None, 5, 2)");
    // tf_keras reshaping/repeat_vector.py (TypeError) and Keras 3 HEAD (n <= 0; [tfjs] and
    // Keras 2 accept n=0).
    CHECK(sequence_error("RepeatVector", {{"n", 2.5}}, {kNone, 5}) == "Expected an integer value for `n`, got <class 'float'>.");
    CHECK(sequence_error("RepeatVector", {{"n", "3"}}, {kNone, 5}) == "Expected an integer value for `n`, got <class 'str'>.");
    CHECK(sequence_error("RepeatVector", {{"n", 0}}, {kNone, 5}) == "Argument `n` should be a positive integer. Received: n=0");
    CHECK(sequence_error("RepeatVector", json::object(), {kNone, 5}) ==
          "RepeatVector.__init__() missing 1 required positional argument: 'n'");
}

TEST_CASE("Permute: dims must be a permutation of 1..n", "[sequence]") {
    // [tfjs] (2, 1) on (None, 10, 5) -> [null,5,10]; (3, 1, 2) on (None, 10, 5, 2) ->
    // [null,2,10,5]; (2, 1) on a 4-D input: expected ndim=3.
    CHECK(infer_layer("Permute", {{"dims", {2, 1}}}, {kNone, 10, 5}).output_shape == Shape{kNone, 5, 10});
    CHECK(infer_layer("Permute", {{"dims", {3, 1, 2}}}, {kNone, 10, 5, 2}).output_shape == Shape{kNone, 2, 10, 5});
    CHECK(infer_layer("Permute", {{"dims", {1, 2}}}, {kNone, kNone, 5}).output_shape == Shape{kNone, kNone, 5});
    // tf_keras and Keras 3 reshaping/permute.py __init__ (same text).
    for (const json& dims : {json{1, 1}, json{0, 1}, json{1, 3}}) {
        INFO(dims.dump());
        CHECK(sequence_error("Permute", {{"dims", dims}}, {kNone, 10, 5}) ==
              "Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be "
              "consecutive and start from 1. Received dims=" + layers::python_repr(dims));
    }
    CHECK(sequence_error("Permute", {{"dims", {2, 1}}, {"name", "permute"}}, {kNone, 10, 5, 3}) ==
          "Input 0 of layer \"permute\" is incompatible with the layer: expected ndim=3, found ndim=4. Full shape "
          "received: (None, 10, 5, 3)");
}

TEST_CASE("the sequence family is registered", "[sequence]") {
    for (const char* cls : {"Embedding", "Masking", "RepeatVector", "Permute", "SimpleRNN", "LSTM", "GRU", "ConvLSTM1D",
                            "ConvLSTM2D", "ConvLSTM3D", "Bidirectional", "TimeDistributed"}) {
        INFO(cls);
        const LayerType* t = find_layer_type(cls);
        REQUIRE(t);
        CHECK(t->class_name == cls);
        CHECK(t->forward == nullptr);  // the forward pass refuses them by name
    }
    CHECK(keras_snake_case("ConvLSTM2D") == "conv_lstm2d");
    CHECK(keras_snake_case("SimpleRNN") == "simple_rnn");
    CHECK(keras_snake_case("TimeDistributed") == "time_distributed");
    CHECK(keras_snake_case("RepeatVector") == "repeat_vector");
}
