// Acceptance: real tutorials' model code, imported from Python and summarized, byte for byte as
// they were printed.
//
// TensorFlow's "Image classification" tutorial (tensorflow.org/tutorials/images/classification):
// tutorials/tf_image_classification*.py are its model code as published, but for the
// matplotlib/PIL imports (outside PadLab's Python subset) and class_names written out (the
// tutorial reads them from the dataset: the five flower classes). The expected texts are the
// summaries printed by a tf.keras 2.x run of the tutorial (Keras 2 era B: wrapped class names,
// blank row separators), published with the notebook; both copies found agree on every line:
//   expected/keras2_B_tf_image_classification.txt  first model; its Rescaling is rescaling_1
//       because the tutorial made `normalization_layer = layers.Rescaling(1./255)` before
//   expected/keras2_B_tf_image_classification_augmented.txt  the RandomFlip/RandomRotation/
//       RandomZoom Sequential nested first, Dropout(0.2), Dense(..., name="outputs"); the
//       numbering continues across the script (sequential_2, conv2d_3, ...)
//
// keras-io's "Timeseries classification with a Transformer model" (a def block called in a for
// loop, MultiHeadAttention(x, x), `res = x + inputs`): tutorials/keras_io_timeseries_transformer.py
// (its header says what differs from the published code); expected/
// keras2_A_keras_io_timeseries_transformer.txt is the summary keras-io published (tf.keras era A,
// `tf.__operators__.add (TFOpLambda)` rows for the tensor additions), compared line by line.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_keras2.hpp"
#include "core/summary/summary_keras3.hpp"
#include "tests/core/summary/summary_fixtures.hpp"

namespace {

std::string tutorial_source(const std::string& file) {
    const std::string path = std::string(PADLAB_SOURCE_DIR) + "/tests/core/summary/tutorials/" + file;
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("TensorFlow's image classification tutorial, as tf.keras printed it", "[summary][tutorial]") {
    const padlab::ModelSummary m = padlab::summarize(padlab::import_python(tutorial_source("tf_image_classification.py")));
    CHECK(m.total_params == 3989285);
    CHECK(padlab::summary_keras2(m, padlab::Keras2Era::B) ==
          padlab::test::expected_text("keras2_B_tf_image_classification.txt"));
}

TEST_CASE("TensorFlow's image classification tutorial with data augmentation and dropout", "[summary][tutorial]") {
    const padlab::ModelSummary m =
        padlab::summarize(padlab::import_python(tutorial_source("tf_image_classification_augmented.py")));
    CHECK(m.total_params == 3989285);
    CHECK(m.name == "sequential_2");
    CHECK(padlab::summary_keras2(m, padlab::Keras2Era::B) ==
          padlab::test::expected_text("keras2_B_tf_image_classification_augmented.txt"));
    // The Keras 3 table names the same layers (the counters are the same in both eras).
    const std::string k3 = padlab::summary_keras3(m);
    CHECK(k3.find("│ sequential_1 (Sequential)       │ (None, 180, 180, 3)    │             0 │") != std::string::npos);
    CHECK(k3.find("│ outputs (Dense)                 │ (None, 5)              │           645 │") != std::string::npos);
}

TEST_CASE("keras-io's Transformer time-series classifier, as tf.keras printed it", "[summary][tutorial]") {
    const padlab::ModelSummary m =
        padlab::summarize(padlab::import_model(tutorial_source("keras_io_timeseries_transformer.py")));
    CHECK(m.total_params == 93130);
    CHECK(padlab::summary_keras2(m, padlab::Keras2Era::A) ==
          padlab::test::expected_text("keras2_A_keras_io_timeseries_transformer.txt"));
    // Keras 3 prints each addition as an operation row, "add (Add)", auto-named from the "add"
    // counter, and does not count it in model.layers.
    const std::string k3 = padlab::summary_keras3(m);
    CHECK(k3.find("│ add_7 (Add)") != std::string::npos);
    CHECK(k3.find("TFOpLambda") == std::string::npos);
}

TEST_CASE("keras-io's weather forecasting LSTM, as Keras 3 printed it", "[summary][tutorial]") {
    // keras-io examples/timeseries/timeseries_weather_forecasting.py ("Timeseries forecasting for
    // weather prediction"), its "Training" block; `shape=(inputs.shape[1], inputs.shape[2])` is
    // the batch of the tutorial's dataset, (120, 7) (sequence_length = 120, seven features). The
    // expected rows are keras-io's published Keras 3 summary (examples/timeseries/md/
    // timeseries_weather_forecasting.md @1f897f05, its rich-text table without the colour
    // markup; the "Model:" line is not shown there), from the table's top edge to the totals.
    const padlab::ModelSummary m = padlab::summarize(padlab::import_model(
        "from tensorflow import keras\n"
        "inputs = keras.layers.Input(shape=(120, 7))\n"
        "lstm_out = keras.layers.LSTM(32)(inputs)\n\n"
        "outputs = keras.layers.Dense(1)(lstm_out)\n\n"
        "model = keras.Model(inputs=inputs, outputs=outputs)\n"
        "model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss=\"mse\")\n"
        "model.summary()\n"));
    const std::string text = padlab::summary_keras3(m);
    CHECK(text.substr(text.find('\n') + 1) == padlab::test::expected_text("keras3_keras_io_weather_lstm_rows.txt"));
}
