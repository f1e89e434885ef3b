// Summaries of models built from the text-and-sequence layers, end to end (import ->
// summarize -> print): a real tutorial's published summaries byte for byte, and a multi-output
// layer (LSTM return_state) printed as each era prints a list of output shapes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_json.hpp"
#include "core/summary/summary_keras2.hpp"
#include "core/summary/summary_keras3.hpp"
#include "tests/core/summary/summary_fixtures.hpp"

using namespace padlab;
using padlab::test::expected_text;

namespace {

// keras-io examples/nlp/bidirectional_lstm_imdb.py ("Bidirectional LSTM on IMDB", fchollet,
// 2020/05/03), its "Build the model" block verbatim: the tf.keras version
// (keras-team/keras-io examples/nlp/md/bidirectional_lstm_imdb.md @8bda227c) ...
const char* const kImdbTfKeras = R"py(import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

max_features = 20000  # Only consider the top 20k words
maxlen = 200  # Only consider the first 200 words of each movie review

# Input for variable-length sequences of integers
inputs = keras.Input(shape=(None,), dtype="int32")
# Embed each integer in a 128-dimensional vector
x = layers.Embedding(max_features, 128)(inputs)
# Add 2 bidirectional LSTMs
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
# Add a classifier
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()
)py";

// ... and the Keras 3 version (the same file @1909c671), which only changes the imports.
const char* const kImdbKeras3 = R"py(import numpy as np
import keras
from keras import layers

max_features = 20000  # Only consider the top 20k words
maxlen = 200  # Only consider the first 200 words of each movie review

# Input for variable-length sequences of integers
inputs = keras.Input(shape=(None,), dtype="int32")
# Embed each integer in a 128-dimensional vector
x = layers.Embedding(max_features, 128)(inputs)
# Add 2 bidirectional LSTMs
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
# Add a classifier
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()
)py";

}  // namespace

TEST_CASE("acceptance: keras-io 'Bidirectional LSTM on IMDB', tf.keras's published summary [pub]",
          "[summary_sequence]") {
    // Published in keras-io @8bda227c (tf.keras, era A: the row names are cut at column 29).
    // Params: Embedding 20000*128 = 2,560,000; each Bidirectional 2 * 4*(64*128 + 64*64 + 64)
    // = 98,816 (TF.js 4.22 confirms 98816 for both); Dense 129.
    const ModelSummary m = summarize(import_python(kImdbTfKeras));
    CHECK(summary_keras2(m, Keras2Era::A) == expected_text("keras2_A_imdb_bidirectional_lstm.txt"));
    CHECK(m.total_params == 2757761);
}

TEST_CASE("acceptance: keras-io 'Bidirectional LSTM on IMDB', Keras 3's published summary [pub]",
          "[summary_sequence]") {
    // Published in keras-io @1909c671: a Keras 3.0.0-3.0.4 table (the 33/27/12 columns of
    // positions [.45, .84, 1] at width 76). That release named this first Functional model
    // "functional_1"; PadLab names it as current Keras 3 does ("functional"), so the title is
    // set here to the published run's.
    ModelSummary m = summarize(import_python(kImdbKeras3));
    CHECK(m.name_keras3 == "functional");
    m.name_keras3 = "functional_1";
    SummaryOptions options;
    options.keras3_release = Keras3Release::V3_0_0;
    CHECK(summary_keras3(m, options) == expected_text("keras3_0_0_imdb_bidirectional_lstm.txt"));
}

namespace {

// The fixture multi_output_model() (summary_fixtures.hpp) as a user writes it: tuple
// unpacking of an LSTM's [output, h, c].
const char* const kMultiOutputPython = R"py(from tensorflow import keras
from tensorflow.keras import layers
seq = keras.Input(shape=(10, 8), name="seq")
whole, h, c = layers.LSTM(64, return_state=True, name="lstm")(seq)
head = layers.Dense(1, name="head")(h)
cat = layers.Concatenate(name="cat")([whole, c])
model = keras.Model(seq, [head, cat], name="multi")
)py";

// The same graph as Keras 2 JSON (inbound_nodes name tensors 1 and 2 of lstm's call) ...
const char* const kMultiOutputKeras2Json = R"json({"class_name": "Functional", "config": {"name": "multi", "layers": [
  {"class_name": "InputLayer", "name": "seq", "config": {"batch_input_shape": [null, 10, 8], "dtype": "float32", "name": "seq"}, "inbound_nodes": []},
  {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 64, "return_sequences": false, "return_state": true}, "inbound_nodes": [[["seq", 0, 0, {}]]]},
  {"class_name": "Dense", "name": "head", "config": {"name": "head", "units": 1}, "inbound_nodes": [[["lstm", 0, 1, {}]]]},
  {"class_name": "Concatenate", "name": "cat", "config": {"name": "cat", "axis": -1}, "inbound_nodes": [[["lstm", 0, 0, {}], ["lstm", 0, 2, {}]]]}],
  "input_layers": [["seq", 0, 0]], "output_layers": [["head", 0, 0], ["cat", 0, 0]]},
  "keras_version": "2.15.0", "backend": "tensorflow"})json";

// ... and as Keras 3 JSON (keras_history triples).
const char* const kMultiOutputKeras3Json = R"json({"module": "keras", "class_name": "Functional", "config": {"name": "multi", "layers": [
  {"module": "keras.layers", "class_name": "InputLayer", "name": "seq", "config": {"batch_shape": [null, 10, 8], "dtype": "float32", "name": "seq"}, "inbound_nodes": []},
  {"module": "keras.layers", "class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 64, "return_state": true},
   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 10, 8], "dtype": "float32", "keras_history": ["seq", 0, 0]}}], "kwargs": {}}]},
  {"module": "keras.layers", "class_name": "Dense", "name": "head", "config": {"name": "head", "units": 1},
   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 64], "dtype": "float32", "keras_history": ["lstm", 0, 1]}}], "kwargs": {}}]},
  {"module": "keras.layers", "class_name": "Concatenate", "name": "cat", "config": {"name": "cat", "axis": -1},
   "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"shape": [null, 64], "dtype": "float32", "keras_history": ["lstm", 0, 0]}},
                               {"class_name": "__keras_tensor__", "config": {"shape": [null, 64], "dtype": "float32", "keras_history": ["lstm", 0, 2]}}]], "kwargs": {}}]}],
  "input_layers": [["seq", 0, 0]], "output_layers": [["head", 0, 0], ["cat", 0, 0]]}, "registered_name": null})json";

}  // namespace

TEST_CASE("a multi-output LSTM prints its list of shapes in every era, from Python and JSON", "[summary_sequence]") {
    // tf_keras/utils/layer_utils.py print_layer_summary prints str(layer.output_shape): the
    // list [(None, 64), (None, 64), (None, 64)] (era A cuts it at the column; B/C wrap it
    // after "),"). Keras 3 summary_utils.format_layer_shape: str() of the node's flat output
    // list with the quotes removed, the same text, wrapped by rich. LSTM(64) on 8 features:
    // 4*(64*8 + 64*64 + 64) = 18,688 (TF.js 4.22: LSTM(16) on 8 features 1600, the same formula).
    for (const char* source : {kMultiOutputPython, kMultiOutputKeras2Json, kMultiOutputKeras3Json}) {
        INFO(source);
        const ModelSummary m = summarize(import_model(source));
        CHECK(summary_keras2(m, Keras2Era::A) == expected_text("keras2_A_multi_output.txt"));
        CHECK(summary_keras2(m, Keras2Era::B) == expected_text("keras2_B_multi_output.txt"));
        CHECK(summary_keras2(m, Keras2Era::C) == expected_text("keras2_C_multi_output.txt"));
        CHECK(summary_keras3(m, SummaryOptions{}) == expected_text("keras3_0_5_multi_output.txt"));
        const nlohmann::json j = summary_json(m);
        CHECK(j["layers"][1]["output_shape"] == nlohmann::json::parse("[[null, 64], [null, 64], [null, 64]]"));
        CHECK(j["layers"][2]["connected_to"] == nlohmann::json::parse(R"(["lstm[0][1]"])"));
    }
}

TEST_CASE("Bidirectional(merge_mode=None) and its states print Keras's output lists", "[summary_sequence]") {
    // Keras 2 Bidirectional.compute_output_shape: [fwd_out, bwd_out] + fwd states + bwd
    // states; TF.js 4.22 gives the same six shapes for LSTM(8, return_state) with mergeMode null.
    const ModelSummary m = summarize(import_python(R"py(from tensorflow import keras
from tensorflow.keras import layers
inp = keras.Input(shape=(10, 5))
outs = layers.Bidirectional(layers.LSTM(8, return_state=True), merge_mode=None)(inp)
model = keras.Model(inp, outs)
)py"));
    REQUIRE(m.layers.size() == 2);
    CHECK(m.layers[1].output_shapes.size() == 6);
    // Era B cuts the name column at 29 - 2 = 27 characters and wraps the shape list after "),".
    CHECK(summary_keras2(m, Keras2Era::B) == R"(Model: "model"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 input_1 (InputLayer)        [(None, 10, 5)]           0         
                                                                 
 bidirectional (Bidirectiona  [(None, 8),              896       
 l)                           (None, 8),                         
                              (None, 8),                         
                              (None, 8),                         
                              (None, 8),                         
                              (None, 8)]                         
                                                                 
=================================================================
Total params: 896
Trainable params: 896
Non-trainable params: 0
_________________________________________________________________
)");
    CHECK(summary_keras3(m, SummaryOptions{}) == R"(Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ input_layer (InputLayer)        │ (None, 10, 5)          │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ bidirectional (Bidirectional)   │ [(None, 8), (None, 8), │           896 │
│                                 │ (None, 8), (None, 8),  │               │
│                                 │ (None, 8), (None, 8)]  │               │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 896 (3.50 KB)
 Trainable params: 896 (3.50 KB)
 Non-trainable params: 0 (0.00 B)
)");
}
