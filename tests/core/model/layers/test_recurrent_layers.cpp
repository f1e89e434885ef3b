// SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D (core/model/layers/recurrent_layers.cpp).
// [tfjs]: the value was confirmed by running @tensorflow/tfjs-layers 4.22.0 in node (layer
// applied to tfl.input({batchShape}), countParams()); other values follow the cited Keras source.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "tests/core/model/layers/layer_test_helpers.hpp"

using namespace padlab;
using nlohmann::json;
using padlab::test::infer_layer;

namespace {

std::string recurrent_error(const char* cls, const json& config, const Shape& input) {
    try {
        infer_layer(cls, config, input);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("LSTM: shapes, return_sequences / return_state and 4*(u*(u+in)+u) parameters", "[recurrent]") {
    // [tfjs] LSTM(8) on (None, 10, 5): [null,8], 448 params; return_sequences [null,10,8];
    // return_state [[null,8],[null,8],[null,8]]; both [[null,10,8],[null,8],[null,8]];
    // use_bias=False 416.
    LayerResult r = infer_layer("LSTM", {{"units", 8}}, {kNone, 10, 5});
    CHECK(r.output_shape == Shape{kNone, 8});
    CHECK(r.output_shapes.empty());
    CHECK(r.trainable_params == 448);
    CHECK(r.non_trainable_params == 0);
    CHECK(r.macs == 10 * 4 * 8 * (5 + 8));
    CHECK(infer_layer("LSTM", {{"units", 8}, {"return_sequences", true}}, {kNone, 10, 5}).output_shape ==
          Shape{kNone, 10, 8});
    r = infer_layer("LSTM", {{"units", 8}, {"return_state", true}}, {kNone, 10, 5});
    CHECK(r.output_shape == Shape{kNone, 8});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 8}, {kNone, 8}, {kNone, 8}});
    r = infer_layer("LSTM", {{"units", 8}, {"return_sequences", true}, {"return_state", true}}, {kNone, 10, 5});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 10, 8}, {kNone, 8}, {kNone, 8}});
    CHECK(infer_layer("LSTM", {{"units", 8}, {"use_bias", false}}, {kNone, 10, 5}).trainable_params == 416);
    // [tfjs] unknown time steps: [null,null,8], 448; MACs cannot be counted (0).
    r = infer_layer("LSTM", {{"units", 8}, {"return_sequences", true}}, {kNone, kNone, 5});
    CHECK(r.output_shape == Shape{kNone, kNone, 8});
    CHECK(r.macs == 0);
    // go_backwards, dropout (clamped by Keras: 2.0 -> 1.0; [tfjs] accepted too), unroll with
    // known steps: no shape effect.
    CHECK(infer_layer("LSTM", {{"units", 8}, {"go_backwards", true}, {"dropout", 2.0}, {"recurrent_dropout", -1},
                               {"unroll", true}},
                      {kNone, 10, 5})
              .trainable_params == 448);
    // Keras 2 time_major: (time, batch, features) in and out.
    CHECK(infer_layer("LSTM", {{"units", 8}, {"time_major", true}, {"return_sequences", true}}, {10, kNone, 5})
              .output_shape == Shape{10, kNone, 8});
}

TEST_CASE("GRU: reset_after=True (Keras's default) has two bias vectors", "[recurrent]") {
    // Keras 2.15 / 3 GRUCell.build: bias shape (2, 3*units) with reset_after, else (3*units,).
    CHECK(infer_layer("GRU", {{"units", 8}}, {kNone, 10, 5}).trainable_params == 3 * (8 * (8 + 5) + 2 * 8));
    CHECK(infer_layer("GRU", {{"units", 8}}, {kNone, 10, 5}).trainable_params == 360);
    // [tfjs] TF.js only supports reset_after=False: GRU(8) 336, use_bias=False 312;
    // return_state [[null,8],[null,8]].
    CHECK(infer_layer("GRU", {{"units", 8}, {"reset_after", false}}, {kNone, 10, 5}).trainable_params == 336);
    CHECK(infer_layer("GRU", {{"units", 8}, {"reset_after", false}, {"use_bias", false}}, {kNone, 10, 5})
              .trainable_params == 312);
    CHECK(infer_layer("GRU", {{"units", 8}, {"use_bias", false}}, {kNone, 10, 5}).trainable_params == 312);
    const LayerResult r = infer_layer("GRU", {{"units", 8}, {"return_state", true}}, {kNone, 10, 5});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 8}, {kNone, 8}});
    CHECK(r.macs == 10 * 3 * 8 * (5 + 8));
}

TEST_CASE("SimpleRNN: u*(u+in)+u parameters, [output, h] with return_state", "[recurrent]") {
    // [tfjs] SimpleRNN(8) on (None, 10, 5): 112; use_bias=False 104; return_state
    // [[null,8],[null,8]].
    CHECK(infer_layer("SimpleRNN", {{"units", 8}}, {kNone, 10, 5}).trainable_params == 112);
    CHECK(infer_layer("SimpleRNN", {{"units", 8}, {"use_bias", false}}, {kNone, 10, 5}).trainable_params == 104);
    const LayerResult r = infer_layer("SimpleRNN", {{"units", 8}, {"return_state", true}}, {kNone, 10, 5});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 8}, {kNone, 8}});
    CHECK(r.macs == 10 * 8 * 13);
}

TEST_CASE("RNN argument and input checks, with Keras's texts", "[recurrent]") {
    // tf_keras/layers/rnn/lstm.py LSTMCell.__init__ (the same text in gru.py, simple_rnn.py
    // and Keras 3).
    for (const char* cls : {"SimpleRNN", "LSTM", "GRU"}) {
        INFO(cls);
        CHECK(recurrent_error(cls, {{"units", 0}}, {kNone, 10, 5}) ==
              "Received an invalid value for argument `units`, expected a positive integer, got 0.");
        CHECK(recurrent_error(cls, {{"units", -3}}, {kNone, 10, 5}) ==
              "Received an invalid value for argument `units`, expected a positive integer, got -3.");
        CHECK(recurrent_error(cls, json::object(), {kNone, 10, 5}) ==
              std::string(cls) + ".__init__() missing 1 required positional argument: 'units'");
        CHECK(recurrent_error(cls, {{"units", 4}, {"dropout", "x"}}, {kNone, 10, 5}) ==
              "Invalid value for argument `dropout`. Expected a number. Received dropout='x'.");
        CHECK(recurrent_error(cls, {{"units", 4}, {"return_state", "yes"}}, {kNone, 10, 5}) ==
              "Invalid value for argument `return_state`. Expected True or False. Received return_state='yes'.");
    }
    // InputSpec(ndim=3) (tf_keras/engine/input_spec.py); [tfjs] refuses 2-D and 4-D too.
    CHECK(recurrent_error("LSTM", {{"units", 8}, {"name", "lstm"}}, {kNone, 5}) ==
          "Input 0 of layer \"lstm\" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape "
          "received: (None, 5)");
    CHECK(recurrent_error("GRU", {{"units", 8}}, {kNone, 3, 10, 5}) ==
          "Input 0 of layer \"gru\" is incompatible with the layer: expected ndim=3, found ndim=4. Full shape "
          "received: (None, 3, 10, 5)");
    CHECK(recurrent_error("SimpleRNN", {{"units", 8}}, {kNone, 10, kNone}) ==
          "The last dimension of the inputs to a SimpleRNN layer should be defined. Found None. Full input shape "
          "received: (None, 10, None)");
    // Keras 3 LSTM / GRU __init__ ("Invalid valid" is Keras's).
    CHECK(recurrent_error("LSTM", {{"units", 8}, {"use_cudnn", "yes"}}, {kNone, 10, 5}) ==
          "Invalid valid received for argument `use_cudnn`. Expected one of {'auto', True, False}. Received: "
          "use_cudnn='yes'");
    CHECK(infer_layer("LSTM", {{"units", 8}, {"use_cudnn", "auto"}}, {kNone, 10, 5}).trainable_params == 448);
    CHECK(recurrent_error("LSTM", {{"units", 8}, {"activation", "tahn"}}, {kNone, 10, 5})
              .rfind("Could not interpret activation function identifier: tahn", 0) == 0);
}

TEST_CASE("stateful needs a fixed batch size; unroll needs the time steps", "[recurrent]") {
    // Keras 2 RNN.reset_states (tf_keras/layers/rnn/base_rnn.py), called by build(); [tfjs]
    // the same error for a None batch (with `batchInputShape`), and [4,8] for batch 4.
    const std::string stateful =
        "If a RNN is stateful, it needs to know its batch size. Specify the batch size of your input tensors: \n"
        "- If using a Sequential model, specify the batch size by passing a `batch_input_shape` argument to your "
        "first layer.\n"
        "- If using the functional API, specify the batch size by passing a `batch_shape` argument to your Input "
        "layer.";
    for (const char* cls : {"SimpleRNN", "LSTM", "GRU"}) {
        INFO(cls);
        CHECK(recurrent_error(cls, {{"units", 8}, {"stateful", true}}, {kNone, 10, 5}) == stateful);
        CHECK(infer_layer(cls, {{"units", 8}, {"stateful", true}}, {4, 10, 5}).output_shape == Shape{4, 8});
    }
    CHECK(recurrent_error("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"stateful", true}}, {kNone, 10, 8, 8, 1}) ==
          stateful);
    // Keras 2 SimpleRNN (RNN.call) vs LSTM / GRU (backend.rnn) texts.
    CHECK(recurrent_error("SimpleRNN", {{"units", 8}, {"unroll", true}}, {kNone, kNone, 5}) ==
          "Cannot unroll a RNN if the time dimension is undefined. \n"
          "- If using a Sequential model, specify the time dimension by passing an `input_shape` or "
          "`batch_input_shape` argument to your first layer. If your first layer is an Embedding, you can also use "
          "the `input_length` argument.\n"
          "- If using the functional API, specify the time dimension by passing a `shape` or `batch_shape` "
          "argument to your Input layer.");
    CHECK(recurrent_error("LSTM", {{"units", 8}, {"unroll", true}}, {kNone, kNone, 5}) ==
          "Unrolling requires a fixed number of timesteps.");
    CHECK(recurrent_error("GRU", {{"units", 8}, {"unroll", true}}, {kNone, kNone, 5}) ==
          "Unrolling requires a fixed number of timesteps.");
}

TEST_CASE("ConvLSTM2D: conv output lengths and 4*(k*in*f + k*f*f + f) parameters", "[recurrent]") {
    // [tfjs] ConvLSTM2D(4, 3) on (None, 10, 28, 28, 1): [null,26,26,4], 736; use_bias=False 720;
    // dilation 2: [null,24,24,4]; same, strides 2, return_sequences on 3 channels:
    // [null,10,14,14,4], 1024; return_state: three [null,26,26,4].
    LayerResult r = infer_layer("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}}, {kNone, 10, 28, 28, 1});
    CHECK(r.output_shape == Shape{kNone, 26, 26, 4});
    CHECK(r.trainable_params == 736);
    CHECK(r.macs == 10 * 26 * 26 * 4 * (9 * 1 * 4 + 9 * 4 * 4));
    REQUIRE(r.padding);
    CHECK(*r.padding == Pads{{0, 0}, {0, 0}});
    CHECK(infer_layer("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"use_bias", false}}, {kNone, 10, 28, 28, 1})
              .trainable_params == 720);
    CHECK(infer_layer("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"dilation_rate", 2}}, {kNone, 10, 28, 28, 1})
              .output_shape == Shape{kNone, 24, 24, 4});
    r = infer_layer("ConvLSTM2D",
                    {{"filters", 4}, {"kernel_size", 3}, {"padding", "same"}, {"strides", 2}, {"return_sequences", true}},
                    {kNone, 10, 28, 28, 3});
    CHECK(r.output_shape == Shape{kNone, 10, 14, 14, 4});
    CHECK(r.trainable_params == 1024);
    r = infer_layer("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"return_state", true}}, {kNone, 10, 28, 28, 1});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 26, 26, 4}, {kNone, 26, 26, 4}, {kNone, 26, 26, 4}});
    // [tfjs] kernel (3, 5), same, both flags on (None, 4, 16, 20, 2):
    // [[null,4,16,20,8],[null,16,20,8],[null,16,20,8]], 4832.
    r = infer_layer("ConvLSTM2D",
                    {{"filters", 8}, {"kernel_size", {3, 5}}, {"padding", "same"}, {"return_sequences", true},
                     {"return_state", true}},
                    {kNone, 4, 16, 20, 2});
    CHECK(r.output_shapes == std::vector<Shape>{{kNone, 4, 16, 20, 8}, {kNone, 16, 20, 8}, {kNone, 16, 20, 8}});
    CHECK(r.trainable_params == 4832);
    // [tfjs] rank: "expected ndim=5, found ndim=4".
    CHECK(recurrent_error("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}}, {kNone, 28, 28, 1}) ==
          "Input 0 of layer \"conv_lstm2d\" is incompatible with the layer: expected ndim=5, found ndim=4. Full "
          "shape received: (None, 28, 28, 1)");
}

TEST_CASE("ConvLSTM1D / ConvLSTM3D and the ConvLSTM argument checks", "[recurrent]") {
    // Keras 2.15 / 3: ConvLSTM1D(f, k) on (batch, time, length, channels).
    LayerResult r = infer_layer("ConvLSTM1D", {{"filters", 6}, {"kernel_size", 3}, {"return_sequences", true}},
                                {kNone, 7, 20, 2});
    CHECK(r.output_shape == Shape{kNone, 7, 18, 6});
    CHECK(r.trainable_params == 4 * (3 * 2 * 6 + 3 * 6 * 6 + 6));
    r = infer_layer("ConvLSTM3D", {{"filters", 2}, {"kernel_size", 3}, {"padding", "same"}}, {kNone, 5, 8, 8, 8, 1});
    CHECK(r.output_shape == Shape{kNone, 8, 8, 8, 2});
    CHECK(r.trainable_params == 4 * (27 * 1 * 2 + 27 * 2 * 2 + 2));
    // Keras 2 ConvRNN.__init__.
    CHECK(recurrent_error("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"unroll", true}}, {kNone, 10, 8, 8, 1}) ==
          "Unrolling is not possible with convolutional RNNs. Received: unroll=True");
    CHECK(recurrent_error("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"padding", "causal"}}, {kNone, 10, 8, 8, 1}) ==
          "The `padding` argument must be one of \"valid\", \"same\". Received: causal");
    CHECK(recurrent_error("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}}, {kNone, 10, 8, 8, kNone}) ==
          "The channel dimension of the inputs (last axis) should be defined. Found None. Full input shape "
          "received: input_shape=(None, 10, 8, 8, None)");
    CHECK(recurrent_error("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}, {"strides", 2}, {"dilation_rate", 2}},
                          {kNone, 10, 8, 8, 1})
              .find("`strides > 1` not supported in conjunction with `dilation_rate > 1`") != std::string::npos);
    // Keras 2: a None spatial length stays None.
    CHECK(infer_layer("ConvLSTM2D", {{"filters", 4}, {"kernel_size", 3}}, {kNone, 10, kNone, 8, 1}).output_shape ==
          Shape{kNone, kNone, 6, 4});
}

TEST_CASE("recurrent layers report their output count from the config", "[recurrent]") {
    const auto count = [](const char* cls, const json& config) {
        const LayerType* t = find_layer_type(cls);
        REQUIRE(t);
        REQUIRE(t->output_count);
        return t->output_count(config);
    };
    CHECK(count("LSTM", {{"units", 8}}) == 1);
    CHECK(count("LSTM", {{"units", 8}, {"return_state", true}}) == 3);
    CHECK(count("GRU", {{"units", 8}, {"return_state", true}}) == 2);
    CHECK(count("SimpleRNN", {{"units", 8}, {"return_state", true}}) == 2);
    CHECK(count("ConvLSTM2D", {{"return_state", true}}) == 3);
    // No shape effect, no forward pass: these layers are inferred only.
    for (const char* cls : {"SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"}) {
        INFO(cls);
        CHECK(find_layer_type(cls)->forward == nullptr);
    }
}

TEST_CASE("initial_state: the states are extra inputs, checked against the cell's state sizes", "[recurrent]") {
    // tf_keras/layers/rnn/base_rnn.py: RNN.__call__ calls the layer on [x, *initial_state];
    // _validate_state_spec compares the count and each state's shape[1:] with cell.state_size.
    const LayerType* lstm = find_layer_type("LSTM");
    REQUIRE(lstm->infer_list);
    const json config = {{"units", 4}, {"return_sequences", true}};
    const LayerResult r = lstm->infer_list(config, {{kNone, 5, 2}, {kNone, 4}, {kNone, 4}});
    CHECK(r.output_shape == Shape{kNone, 5, 4});
    CHECK(r.trainable_params == 4 * (4 * (4 + 2) + 4));  // 112, as TF.js 4.22 counts the decoder [ran]
    CHECK(lstm->infer_list(config, {{kNone, 5, 2}}).output_shape == Shape{kNone, 5, 4});  // no states
    CHECK_THROWS_MATCHES(lstm->infer_list(config, {{kNone, 5, 2}, {kNone, 4}}), ShapeError,
                         Catch::Matchers::Message("An `initial_state` was passed that is not compatible with "
                                                  "`cell.state_size`. Received `state_spec`=[InputSpec(shape=(None, 4), "
                                                  "ndim=2)]; however `cell.state_size` is [4, 4]"));
    const LayerType* gru = find_layer_type("GRU");
    CHECK_THROWS_MATCHES(gru->infer_list({{"units", 3}}, {{kNone, 5, 2}, {kNone, 4}}), ShapeError,
                         Catch::Matchers::Message("An `initial_state` was passed that is not compatible with "
                                                  "`cell.state_size`. Received `state_spec`=[InputSpec(shape=(None, 4), "
                                                  "ndim=2)]; however `cell.state_size` is 3"));
    CHECK(find_layer_type("SimpleRNN")->infer_list({{"units", 3}}, {{kNone, 5, 2}, {kNone, 3}}).output_shape == Shape{kNone, 3});
    CHECK(find_layer_type("ConvLSTM2D")->infer_list == nullptr);  // not modelled: 3 inputs are refused
}
