#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_json.hpp"
#include "core/summary/summary_keras2.hpp"
#include "core/summary/summary_keras3.hpp"
#include "tests/core/import/import_test_helpers.hpp"

using namespace padlab;
using nlohmann::json;
using padlab::test::expect_error;

namespace {

// The seed blog's "Full model code" blocks, verbatim. The blog defines input_shape and
// no_classes only in its prose, so a runnable snippet needs the two assignments first.
const std::string kSeedValid = R"py(# Create the model
model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape, padding='valid'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='valid'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(no_classes, activation='softmax'))
)py";

const std::string kSeedSame = R"py(# Create the model
model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape, padding='same'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu', padding='same'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='same'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(no_classes, activation='softmax'))
)py";

const std::string kSeedAssignments = "input_shape = (28, 28, 1)\nno_classes = 10\n";

}  // namespace

TEST_CASE("the seed's valid-padding model lowers to Keras configs", "[import_python]") {
    const ModelSpec spec = import_python(kSeedAssignments + kSeedValid);
    CHECK(spec.format == "python");
    CHECK(spec.name.empty());
    REQUIRE(spec.layers.size() == 6);
    CHECK(spec.layers[0].class_name == "Conv2D");
    CHECK(spec.layers[0].config == json::parse(R"({"filters": 32, "kernel_size": [3, 3], "activation": "relu",
        "batch_input_shape": [null, 28, 28, 1], "padding": "valid"})"));
    CHECK(spec.layers[1].config == json::parse(R"({"filters": 64, "kernel_size": [3, 3], "activation": "relu"})"));
    CHECK(spec.layers[3].class_name == "Flatten");
    CHECK(spec.layers[3].config == json::object());
    CHECK(spec.layers[4].config == json::parse(R"({"units": 256, "activation": "relu"})"));
    CHECK(spec.layers[5].config == json::parse(R"({"units": 10, "activation": "softmax"})"));
    // Lines count the two prepended assignments; the column is where the layer call starts.
    CHECK(spec.layers[0].line == 5);
    CHECK(spec.layers[0].column == 11);
    CHECK(spec.layers[5].line == 10);
}

TEST_CASE("the seed's same-padding model keeps padding on every conv", "[import_python]") {
    const ModelSpec spec = import_python(kSeedAssignments + kSeedSame);
    REQUIRE(spec.layers.size() == 6);
    for (int i = 0; i < 3; ++i) CHECK(spec.layers[i].config["padding"] == "same");
}

TEST_CASE("the seed's snippet alone names its undefined variable", "[import_python]") {
    const auto e = expect_error<ParseError>([] { import_python(kSeedValid); });
    CHECK(e.message == "name 'input_shape' is not defined");
    CHECK(e.line == 3);
    CHECK(e.column == 73);

    const auto e2 = expect_error<ParseError>([] { import_python("input_shape = (28, 28, 1)\n" + kSeedValid); });
    CHECK(e2.message == "name 'no_classes' is not defined");
    CHECK(e2.line == 9);
    CHECK(e2.column == 17);
}

TEST_CASE("blanks copied from a web page are whitespace", "[import_python]") {
    // The seed's prose: "input_shape = (28, 28, 1)" with U+00A0 no-break spaces, and the same
    // text as the blog export shows it, mangled into "¬†".
    const std::string nbsp = "input_shape\u00a0=\u00a0(28,\u00a028,\u00a01)\nno_classes = 10\n";
    const std::string mangled = "input_shape\u00ac\u2020=\u00ac\u2020(28,\u00ac\u202028,\u00ac\u20201)\nno_classes = 10\n";
    for (const std::string& prefix : {nbsp, mangled}) {
        const ModelSpec spec = import_python(prefix + kSeedValid);
        REQUIRE(spec.layers.size() == 6);
        CHECK(spec.layers[0].config["batch_input_shape"] == json::parse("[null, 28, 28, 1]"));
    }
    // A BOM, CRLF line ends and typographic quotes from a word processor.
    const ModelSpec spec = import_python("\xEF\xBB\xBFmodel = Sequential()\r\n"
                                         "model.add(Dense(2, activation=\u2018relu\u2019, input_shape=(4,)))\r\n");
    REQUIRE(spec.layers.size() == 1);
    CHECK(spec.layers[0].config["activation"] == "relu");
    CHECK(spec.layers[0].line == 2);
}

TEST_CASE("keras.Sequential([...]) with Input, module prefixes and activation functions", "[import_python]") {
    const ModelSpec spec = import_python(R"py(import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

img_rows, img_cols = 28, 28
model = keras.Sequential(
    [
        keras.Input(shape=(img_rows, img_cols, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation=tf.nn.relu),
        tf.keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Conv2D(64, 3, activation=keras.activations.relu, padding="same"),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ],
    name="mnist_cnn",
)
model.summary()
)py");
    CHECK(spec.name == "mnist_cnn");
    REQUIRE(spec.layers.size() == 7);
    CHECK(spec.layers[0].class_name == "InputLayer");
    CHECK(spec.layers[0].config == json::parse(R"({"batch_input_shape": [null, 28, 28, 1]})"));
    CHECK(spec.layers[0].line == 8);
    CHECK(spec.layers[0].column == 9);
    CHECK(spec.layers[1].config["activation"] == "relu");
    CHECK(spec.layers[2].class_name == "MaxPooling2D");
    CHECK(spec.layers[3].config == json::parse(R"({"filters": 64, "kernel_size": 3, "activation": "relu",
        "padding": "same"})"));
    CHECK(spec.layers[5].config == json::parse(R"({"rate": 0.5})"));
}

TEST_CASE("Sequential spellings: tf.keras.models.Sequential, models.Sequential, name=", "[import_python]") {
    CHECK(import_python("m = tf.keras.models.Sequential([Dense(1, input_shape=(3,))], name='tiny')").name == "tiny");
    CHECK(import_python("from keras import models\nm = models.Sequential(name='x')\nm.add(Dense(1, input_dim=3))").name == "x");
    const ModelSpec spec = import_python("from keras.models import Sequential as S\nfrom keras.layers import Dense as D\n"
                                         "m = S()\nm.add(D(4, input_dim=8))");
    REQUIRE(spec.layers.size() == 1);
    CHECK(spec.layers[0].class_name == "Dense");
    CHECK(spec.layers[0].config == json::parse(R"({"units": 4, "batch_input_shape": [null, 8]})"));
}

TEST_CASE("InputLayer and input shape keywords lower to batch_input_shape", "[import_python]") {
    const ModelSpec spec = import_python(R"py(model = Sequential([
    layers.InputLayer(input_shape=(32, 32, 3), batch_size=16, name='pixels'),
    Conv2D(8, 3),
])
)py");
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[0].class_name == "InputLayer");
    CHECK(spec.layers[0].config == json::parse(R"({"batch_input_shape": [16, 32, 32, 3], "name": "pixels"})"));
    CHECK(spec.layers[1].config == json::parse(R"({"filters": 8, "kernel_size": 3})"));

    CHECK(import_python("m = Sequential()\nm.add(Input((5,)))").layers[0].config ==
          json::parse(R"({"batch_input_shape": [null, 5]})"));
    CHECK(import_python("m = Sequential()\nm.add(Input(batch_shape=(2, 5)))").layers[0].config ==
          json::parse(R"({"batch_input_shape": [2, 5]})"));
    CHECK(import_python("m = Sequential()\nm.add(Dense(3, input_shape=(5,), batch_size=4))").layers[0].config ==
          json::parse(R"({"units": 3, "batch_input_shape": [4, 5]})"));
}

TEST_CASE("model.build() gives the first layer its input shape", "[import_python]") {
    const ModelSpec spec = import_python("model = Sequential([Conv2D(4, 3), Flatten()])\nmodel.build((None, 28, 28, 1))\n");
    CHECK(spec.layers[0].config["batch_input_shape"] == json::parse("[null, 28, 28, 1]"));
    const ModelSpec kw = import_python("model = Sequential()\nmodel.add(Dense(2))\nmodel.build(input_shape=[None, 7])\n");
    CHECK(kw.layers[0].config["batch_input_shape"] == json::parse("[null, 7]"));
}

TEST_CASE("assignments: arithmetic, unpacking, earlier names, lists, dicts", "[import_python]") {
    const ModelSpec spec = import_python(R"py(
img_width, img_height = 64, 48
channels = 3
shape = (img_width // 2, img_height, channels)
units = [28 * 28, 2 ** 7, -(-7 // 2), int(10 / 4), round(2.5), len(shape)]
cfg = {'rate': 0.25, 'noise': None}
model = Sequential()
model.add(Dense(units[0], input_shape=(None,) + shape[1:]))
model.add(Dense(units[1] + units[2]))
model.add(Dropout(cfg['rate'], noise_shape=cfg['noise']))
model.add(Dense(units[-1] if units else 1, use_bias=False))
model.add(Dense(max(units[3], units[4])))
)py");
    REQUIRE(spec.layers.size() == 5);
    CHECK(spec.layers[0].config == json::parse(R"({"units": 784, "batch_input_shape": [null, null, 48, 3]})"));
    CHECK(spec.layers[1].config["units"] == 132);
    CHECK(spec.layers[2].config == json::parse(R"({"rate": 0.25, "noise_shape": null})"));
    CHECK(spec.layers[3].config == json::parse(R"({"units": 3, "use_bias": false})"));
    CHECK(spec.layers[4].config["units"] == 2);
}

TEST_CASE("a keyword the layer does not take: tf.keras's TypeError text, at the keyword, with the one meant", "[import_python]") {
    // Before the missing kernel_size it causes: the typo is named, not what it left out.
    const auto typo = expect_error<ArgumentError>([] {
        import_python("m = Sequential()\nm.add(Conv2D(32, kernal_size=(3, 3), input_shape=(28, 28, 1)))");
    });
    CHECK(typo.message == "('Keyword argument not understood:', 'kernal_size'). Did you mean 'kernel_size'?");
    CHECK(typo.line == 2);
    CHECK(typo.column == 30);  // the keyword's value (the parser keeps no position for the keyword itself)
    const auto act = expect_error<ArgumentError>([] { import_python("m = Sequential([Dense(3, activaton='relu')])"); });
    CHECK(act.message == "('Keyword argument not understood:', 'activaton'). Did you mean 'activation'?");
    const auto far = expect_error<ArgumentError>([] { import_python("m = Sequential([Dense(3, frobnicate=1)])"); });
    CHECK(far.message == "('Keyword argument not understood:', 'frobnicate')");
    // Every keyword of the tutorials' layers is taken, whatever it does not change in a summary.
    CHECK_NOTHROW(import_python("m = Sequential([Conv2D(8, 3, padding='same', activation='relu', use_bias=False, "
                                "kernel_initializer='he_normal', kernel_regularizer=None, name='c', trainable=False, "
                                "dtype='float32', input_shape=(8, 8, 1)), MaxPool2D(pool_size=2, strides=2), "
                                "Dropout(rate=0.5, seed=1), Flatten(data_format='channels_last'), Dense(units=4)])"));
}

TEST_CASE("positional arguments follow the registry; Python's argument errors", "[import_python]") {
    const ModelSpec spec = import_python("m = Sequential()\nm.add(Conv2D(16, (5, 5), (2, 2), 'same', input_shape=(9, 9, 1)))");
    CHECK(spec.layers[0].config == json::parse(R"({"filters": 16, "kernel_size": [5, 5], "strides": [2, 2],
        "padding": "same", "batch_input_shape": [null, 9, 9, 1]})"));

    const auto dup = expect_error<ArgumentError>([] { import_python("m = Sequential()\nm.add(Dense(3, units=4))"); });
    CHECK(dup.message == "Dense() got multiple values for argument 'units'");
    CHECK(dup.line == 2);
    CHECK(dup.column == 22);

    const auto many = expect_error<ArgumentError>([] { import_python("m = Sequential()\nm.add(Flatten('channels_last', 2))"); });
    CHECK(many.message.find("Flatten() takes at most 1 positional argument (2 given)") == 0);

    const auto int_shape = expect_error<ArgumentError>([] {
        import_python("m = Sequential()\nm.add(Dense(3, input_shape=(784)))");
    });
    CHECK(int_shape.message == "Dense argument 'input_shape' must be a tuple such as (28, 28, 1); got 784 "
                               "(a 1-tuple is written (784,))");
    CHECK(int_shape.column == 28);
}

TEST_CASE("imports, comments, continuations and ignored calls", "[import_python]") {
    const ModelSpec spec = import_python(R"py(from __future__ import print_function
import keras, numpy as np  # several imports on one line
from keras.layers import (Dense,
                          Dropout)
%matplotlib inline

batch_size = 128; epochs = 12
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = x_train.reshape(60000, 784).astype('float32') / 255
model = Sequential()
model.add(Dense(512, activation='relu', \
                input_shape=(784,)))
model.add(Dropout(0.2))
model.compile(loss=keras.losses.categorical_crossentropy, optimizer=RMSprop(), metrics=['accuracy'])
history = model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, verbose=1,
                    validation_data=(x_test, y_test))
score = model.evaluate(x_test, y_test, verbose=0)
print('Test loss:', score[0])
model.summary()
plt.show()
)py");
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[0].config == json::parse(R"({"units": 512, "activation": "relu", "batch_input_shape": [null, 784]})"));
    CHECK(spec.layers[0].line == 11);
}

TEST_CASE("values computed at run time are refused only where a layer needs them", "[import_python]") {
    const auto e = expect_error<UnsupportedError>([] {
        import_python("(x_train, y_train), _ = mnist.load_data()\nmodel = Sequential()\n"
                      "model.add(Dense(10, input_shape=x_train.shape[1:]))");
    });
    CHECK(e.message == "Dense argument 'input_shape': cannot evaluate 'x_train.shape[1:]': it comes from "
                       "'mnist.load_data()' (line 1), which PadLab does not run; write the value literally");
    CHECK(e.line == 3);
    CHECK(e.column == 33);
}

TEST_CASE("which model is the result", "[import_python]") {
    // The most recent Sequential that has layers; an unused later one does not replace it.
    const ModelSpec spec = import_python(R"py(first = Sequential(name='first')
first.add(Dense(1, input_shape=(2,)))
second = Sequential(name='second')
second.add(Dense(3, input_shape=(2,)))
unused = Sequential(name='unused')
)py");
    CHECK(spec.name == "second");
    CHECK(import_python("model = Sequential(name='empty')").layers.empty());
    const auto none = expect_error<ParseError>([] { import_python("x = 1\nprint(x)\n"); });
    CHECK(none.message == "no model found: expected e.g. 'model = Sequential()' followed by model.add(...), "
                          "'model = keras.Sequential([...])' or 'model = keras.Model(inputs, outputs)'");
}

TEST_CASE("model.pop() and trainable = False", "[import_python]") {
    const ModelSpec spec = import_python(R"py(model = Sequential()
base = Dense(4, input_shape=(3,))
model.add(base)
model.add(Dense(9))
model.pop()
model.add(Dense(2))
base.trainable = False
)py");
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[0].config["trainable"] == false);
    CHECK(spec.layers[1].config["units"] == 2);
    const auto e = expect_error<ArgumentError>([] { import_python("m = Sequential()\nm.pop()"); });
    CHECK(e.message == "There are no layers in the model.");
}

TEST_CASE("nested objects: wrapped layers and initializers keep Keras's serialization", "[import_python]") {
    const ModelSpec spec = import_python(
        "m = Sequential()\nm.add(Dense(4, input_shape=(3,), kernel_initializer=initializers.HeNormal(seed=1),"
        " kernel_regularizer=regularizers.l2(0.01)))");
    CHECK(spec.layers[0].config["kernel_initializer"] == json::parse(R"({"class_name": "HeNormal", "config": {"seed": 1}})"));
    CHECK(spec.layers[0].config["kernel_regularizer"] == json::parse(R"({"class_name": "l2", "config": {"args": [0.01]}})"));
}

TEST_CASE("unsupported statements and constructs say so, with their position", "[import_python]") {
    const auto loop = expect_error<ParseError>([] {
        import_python("model = Sequential()\nn = 0\nwhile n < 2:\n    model.add(Dense(4))\n    n += 1\n");
    });
    CHECK(loop.message == "unsupported statement: while-loops are not part of PadLab's Python subset; write a for-loop "
                          "over range(...)");
    CHECK(loop.line == 3);
    CHECK(loop.column == 1);

    // A lambda is kept as its source; the Lambda layer then needs output_shape (Keras runs the function).
    const ModelSpec lambda_spec = import_python("m = Sequential()\nm.add(Lambda(lambda x: x * 2, output_shape=(4,)))");
    CHECK(lambda_spec.layers[0].config == json::parse(R"({"function": "lambda x: x * 2", "output_shape": [4]})"));
    const auto lambda = expect_error<UnsupportedError>([] {
        summarize(import_python("m = Sequential()\nm.add(Input((4,)))\nm.add(Lambda(lambda x: x))"));
    });
    CHECK(lambda.message.rfind("Lambda 'lambda': We could not automatically infer the shape of the Lambda's output.", 0) == 0);
    CHECK(lambda.line == 3);

    const auto cls = expect_error<ParseError>([] { import_python("class MyModel(keras.Model):\n    pass\n"); });
    CHECK(cls.message.find("unsupported statement: class definitions (subclassed layers and models)") == 0);

    const auto subclassed = expect_error<UnsupportedError>([] { import_python("m = keras.Model()"); });
    CHECK(subclassed.message == "Model() without inputs and outputs builds a subclassed model, which PadLab does not "
                                "support; write Model(inputs, outputs)");
    CHECK(subclassed.column == 5);
}

TEST_CASE("unknown layer classes are refused at the call", "[import_python]") {
    const auto e = expect_error<UnsupportedError>([] {
        import_python("model = Sequential()\nmodel.add(Dense(4, input_shape=(3,)))\nmodel.add(  MyCustomLayer(3))\n");
    });
    CHECK(e.message == "Unknown layer class 'MyCustomLayer'");
    CHECK(e.line == 3);
    CHECK(e.column == 13);

    const auto slip = expect_error<ArgumentError>([] { import_python("model = Sequential()\nmodel.add(Flatten)\n"); });
    CHECK(slip.message == "The added layer must be an instance of class Layer: 'Flatten' is the class itself; "
                          "call it, e.g. Flatten(...)");
}

TEST_CASE("syntax errors carry line and column", "[import_python]") {
    const auto open = expect_error<ParseError>([] { import_python("model = Sequential()\nmodel.add(Dense(10)\n"); });
    CHECK(open.message == "'(' was never closed");
    CHECK(open.line == 2);
    CHECK(open.column == 10);

    const auto mismatch = expect_error<ParseError>([] { import_python("model.add(Dense(10]"); });
    CHECK(mismatch.message == "closing parenthesis ']' does not match opening parenthesis '('");
    CHECK(mismatch.column == 19);

    const auto comma = expect_error<ParseError>([] {
        import_python("model = Sequential()\nmodel.add(Dense(10 activation='relu'))\n");
    });
    CHECK(comma.message == "expected ')' to close the call, got 'activation'");
    CHECK(comma.line == 2);
    CHECK(comma.column == 20);

    const auto undefined_model = expect_error<ParseError>([] { import_python("model.add(Dense(3))"); });
    CHECK(undefined_model.message == "name 'model' is not defined");
}

TEST_CASE("resource guards: nesting depth and source size", "[import_python]") {
    const std::string deep = "x = " + std::string(150, '(') + "1" + std::string(150, ')');
    const auto nest = expect_error<ParseError>([&] { import_python(deep); });
    CHECK(nest.message == "expression nested too deeply (more than 100 levels)");

    std::string chain = "x = 1\n";
    for (int i = 0; i < 120; ++i) chain += "x = [x]\n";
    const auto value = expect_error<ParseError>([&] { import_python(chain); });
    CHECK(value.message == "value nested too deeply (more than 100 levels)");

    CHECK_THROWS_AS(import_python("x = [0] * 10 ** 9"), LimitError);
    // One big layer added many times: the model's total size is capped (found by stress tests).
    std::string adds = "big = Dense(1, input_shape=(3,), kernel_regularizer=[0] * 99000)\nm = Sequential()\n";
    for (int i = 0; i < 20; ++i) adds += "m.add(big)\n";
    const auto total = expect_error<LimitError>([&] { import_python(adds); });
    CHECK(total.message == "the model's layer configs hold more than 1000000 values");
    CHECK(total.line == 13);
    CHECK_THROWS_AS(import_python("# " + std::string((1 << 20), 'x')), LimitError);
    CHECK_THROWS_AS(import_python(" \n\t "), ParseError);
}

// ============================================================================ the Functional API

namespace {

std::string ref(const TensorRef& t) {
    return std::to_string(t.layer) + ":" + std::to_string(t.node) + ":" + std::to_string(t.tensor);
}

// One line per layer: "3 Add <- [2:0:0 1:0:0]" (a call on a list), "1 Conv2D <- 0:0:0", calls
// separated by " | "; then the model's inputs and outputs.
std::string wiring(const ModelSpec& spec) {
    std::string out;
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        const LayerSpec& l = spec.layers[i];
        out += std::to_string(i) + " " + l.class_name;
        for (std::size_t c = 0; c < l.calls.size(); ++c) {
            const LayerCall& call = l.calls[c];
            out += c == 0 ? " <- " : " | ";
            std::string refs;
            for (const TensorRef& t : call.inputs) refs += (refs.empty() ? "" : " ") + ref(t);
            out += call.list_input ? "[" + refs + "]" : refs;
        }
        out += "\n";
    }
    std::string ins, outs;
    for (const TensorRef& t : spec.inputs) ins += " " + ref(t);
    for (const TensorRef& t : spec.outputs) outs += " " + ref(t);
    return out + "in:" + ins + "\nout:" + outs;
}

// The tutorial programs are the fuzzer's seeds too: tests/fuzz/corpus/fuzz_import_python/.
std::string seed(const std::string& file) {
    const std::string path = std::string(PADLAB_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_import_python/" + file;
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// keras.io, "The Functional API" guide, "A toy ResNet model", as published.
const char kToyResnet[] = "functional_toy_resnet.py";
// A U-Net as tutorials write one: a def for the repeated block, loops over the filter counts,
// the skips kept in a list, f-string and str.format names.
const char kUnet[] = "functional_unet_def_for.py";
// Two inputs (an image and metadata), concatenated; two heads, as a dict.
const char kMultiInput[] = "functional_multi_input_output.py";
// One Dense layer called on two inputs.
const char kSharedLayer[] = "functional_shared_layer.py";
// A Sequential and a two-output Functional model used as layers of a third model.
const char kNested[] = "functional_nested_models.py";
// Inception-style blocks: branches built in a loop, a dict comprehension of heads.
const char kMiniInception[] = "functional_mini_inception.py";
// keras.io "Image classification from scratch": make_model() with residuals set aside in a loop.
const char kXception[] = "functional_keras_io_xception.py";

}  // namespace

TEST_CASE("the keras.io toy ResNet: layers called on tensors, add() merges", "[import_python]") {
    const ModelSpec spec = import_python(seed(kToyResnet));
    CHECK(spec.graph);
    CHECK(spec.name == "toy_resnet");
    CHECK(wiring(spec) == "0 InputLayer\n"
                          "1 Conv2D <- 0:0:0\n"
                          "2 Conv2D <- 1:0:0\n"
                          "3 MaxPooling2D <- 2:0:0\n"
                          "4 Conv2D <- 3:0:0\n"
                          "5 Conv2D <- 4:0:0\n"
                          "6 Add <- [5:0:0 3:0:0]\n"
                          "7 Conv2D <- 6:0:0\n"
                          "8 Conv2D <- 7:0:0\n"
                          "9 Add <- [8:0:0 6:0:0]\n"
                          "10 Conv2D <- 9:0:0\n"
                          "11 GlobalAveragePooling2D <- 10:0:0\n"
                          "12 Dense <- 11:0:0\n"
                          "13 Dropout <- 12:0:0\n"
                          "14 Dense <- 13:0:0\n"
                          "in: 0:0:0\nout: 14:0:0");
    CHECK(spec.layers[0].config == json::parse(R"({"batch_input_shape": [null, 32, 32, 3], "name": "img"})"));
    CHECK(spec.layers[0].calls.empty());
    CHECK(spec.layers[1].config == json::parse(R"({"filters": 32, "kernel_size": 3, "activation": "relu"})"));
    CHECK(spec.layers[3].config == json::parse(R"({"pool_size": 3})"));
    CHECK(spec.layers[6].config == json::object());
    CHECK(spec.layers[13].config == json::parse(R"({"rate": 0.5})"));
    // Layers are where they are constructed, calls where they are made.
    CHECK(spec.layers[0].line == 1);
    CHECK(spec.layers[0].column == 10);
    CHECK(spec.layers[6].line == 8);
    CHECK(spec.layers[6].column == 18);
    CHECK(spec.layers[6].calls[0].line == 8);
    CHECK(spec.layers[6].calls[0].column == 18);
    CHECK(spec.layers[14].line == 18);
    CHECK(spec.layers[14].calls[0].column == 11);
    CHECK(spec.summary_options == json::object());  // summary() was called, with no arguments
}

TEST_CASE("a U-Net written with def and for: skips in a list, concatenate, formatted names", "[import_python]") {
    const ModelSpec spec = import_python(seed(kUnet));
    CHECK(spec.name == "unet");
    CHECK(wiring(spec) == "0 InputLayer\n"
                          "1 Conv2D <- 0:0:0\n"
                          "2 Conv2D <- 1:0:0\n"
                          "3 MaxPooling2D <- 2:0:0\n"
                          "4 Conv2D <- 3:0:0\n"
                          "5 Conv2D <- 4:0:0\n"
                          "6 MaxPooling2D <- 5:0:0\n"
                          "7 Conv2D <- 6:0:0\n"
                          "8 Conv2D <- 7:0:0\n"
                          "9 UpSampling2D <- 8:0:0\n"
                          "10 Concatenate <- [9:0:0 5:0:0]\n"
                          "11 Conv2D <- 10:0:0\n"
                          "12 Conv2D <- 11:0:0\n"
                          "13 UpSampling2D <- 12:0:0\n"
                          "14 Concatenate <- [13:0:0 2:0:0]\n"
                          "15 Conv2D <- 14:0:0\n"
                          "16 Conv2D <- 15:0:0\n"
                          "17 Conv2D <- 16:0:0\n"
                          "in: 0:0:0\nout: 17:0:0");
    CHECK(spec.layers[1].config == json::parse(R"({"filters": 32, "kernel_size": 3, "padding": "same", "activation": "relu"})"));
    CHECK(spec.layers[8].config["filters"] == 128);
    CHECK(spec.layers[11].config["filters"] == 64);
    CHECK(spec.layers[15].config["filters"] == 32);
    CHECK(spec.layers[9].config == json::parse(R"({"size": 2, "name": "up_00"})"));
    CHECK(spec.layers[13].config["name"] == "up_01");
    CHECK(spec.layers[10].config == json::parse(R"({"name": "concat_0"})"));
    CHECK(spec.layers[14].config["name"] == "concat_1");
    // A layer made inside the def is located at its line there; its call too.
    CHECK(spec.layers[11].line == 5);
    CHECK(spec.layers[12].line == 6);
    CHECK(spec.layers[12].calls[0].column == 9);
    CHECK(spec.layers[17].line == 24);
    CHECK(spec.summary_options.is_null());  // never summarised: the last model built
}

TEST_CASE("two inputs and two outputs: inputs as a list, outputs as a dict", "[import_python]") {
    const ModelSpec spec = import_python(seed(kMultiInput));
    CHECK(wiring(spec) == "0 InputLayer\n"
                          "1 InputLayer\n"
                          "2 Conv2D <- 0:0:0\n"
                          "3 GlobalAveragePooling2D <- 2:0:0\n"
                          "4 Dense <- 1:0:0\n"
                          "5 Concatenate <- [3:0:0 4:0:0]\n"
                          "6 Dense <- 5:0:0\n"
                          "7 Dense <- 5:0:0\n"
                          "in: 0:0:0 1:0:0\nout: 6:0:0 7:0:0");
    CHECK(spec.name == "two_heads");
    CHECK(spec.layers[1].config == json::parse(R"({"batch_input_shape": [null, 8], "name": "meta"})"));
    CHECK(spec.layers[5].config == json::parse(R"({"axis": -1})"));
    CHECK(spec.layers[7].config == json::parse(R"({"units": 4, "name": "box"})"));

    // A dict keeps its insertion order on both sides.
    const ModelSpec d = import_python(
        "a = keras.Input(shape=(3,), name='a')\nb = keras.Input(shape=(3,), name='b')\n"
        "s = layers.Add()([a, b])\nmodel = keras.Model({'second': b, 'first': a}, {'y': layers.Dense(1)(s), 'x': s})");
    CHECK(wiring(d) == "0 InputLayer\n1 InputLayer\n2 Add <- [0:0:0 1:0:0]\n3 Dense <- 2:0:0\nin: 1:0:0 0:0:0\nout: 3:0:0 2:0:0");
}

TEST_CASE("a shared layer is one layer with a node per call", "[import_python]") {
    const ModelSpec spec = import_python(seed(kSharedLayer));
    // Layers are in creation order: the shared Dense comes first; its second call is node 1.
    CHECK(wiring(spec) == "0 Dense <- 1:0:0 | 2:0:0\n"
                          "1 InputLayer\n"
                          "2 InputLayer\n"
                          "3 Concatenate <- [0:0:0 0:1:0]\n"
                          "4 Dense <- 3:0:0\n"
                          "in: 1:0:0 2:0:0\nout: 4:0:0");
    CHECK(spec.layers[0].line == 1);
    CHECK(spec.layers[0].calls[0].line == 4);
    CHECK(spec.layers[0].calls[1].line == 5);
    CHECK(spec.layers[0].calls[1].column == 6);
    CHECK(spec.name.empty());

    // Calls made outside the model are not its nodes: node indexes count the model's calls.
    const ModelSpec other = import_python(
        "d = layers.Dense(2)\nu = keras.Input(shape=(3,))\nv = keras.Input(shape=(3,))\n"
        "first = keras.Model(u, d(u))\nsecond = keras.Model(v, layers.ReLU()(d(v)))\n");
    CHECK(wiring(other) == "0 Dense <- 1:0:0\n1 InputLayer\n2 ReLU <- 0:0:0\nin: 1:0:0\nout: 2:0:0");
}

TEST_CASE("models used as layers are nested; a model's second output is tensor 1", "[import_python]") {
    const ModelSpec spec = import_python(seed(kNested));
    CHECK(wiring(spec) == "0 InputLayer\n"
                          "1 Sequential <- 0:0:0\n"
                          "2 Dense <- 1:0:0\n"
                          "3 Functional <- 2:0:0\n"
                          "4 Concatenate <- [3:0:0 3:0:1]\n"
                          "in: 0:0:0\nout: 4:0:0");
    REQUIRE(spec.layers[1].nested);
    const ModelSpec& features = *spec.layers[1].nested;
    CHECK_FALSE(features.graph);
    CHECK(features.name == "features");
    REQUIRE(features.layers.size() == 2);
    CHECK(features.layers[0].class_name == "Conv2D");
    CHECK(features.layers[1].class_name == "Flatten");
    CHECK(spec.layers[1].config == json::parse(R"({"name": "features"})"));
    CHECK(spec.layers[1].line == 1);
    CHECK(spec.layers[1].calls[0].line == 3);
    REQUIRE(spec.layers[3].nested);
    const ModelSpec& encoder = *spec.layers[3].nested;
    CHECK(encoder.graph);
    CHECK(encoder.name == "encoder");
    CHECK(wiring(encoder) == "0 InputLayer\n1 Dense <- 0:0:0\n2 Dense <- 1:0:0\n3 Dense <- 1:0:0\nin: 0:0:0\nout: 2:0:0 3:0:0");
    CHECK(spec.layers[2].nested == nullptr);
}

TEST_CASE("Inception-style blocks: branches from a loop, a dict comprehension of heads", "[import_python]") {
    const ModelSpec spec = import_python(seed(kMiniInception));
    CHECK(spec.name == "mini_inception");
    CHECK(wiring(spec) == "0 InputLayer\n"
                          "1 Conv2D <- 0:0:0\n"
                          "2 Conv2D <- 1:0:0\n"
                          "3 Conv2D <- 1:0:0\n"
                          "4 Conv2D <- 1:0:0\n"
                          "5 MaxPooling2D <- 1:0:0\n"
                          "6 Conv2D <- 5:0:0\n"
                          "7 Concatenate <- [2:0:0 3:0:0 4:0:0 6:0:0]\n"
                          "8 MaxPooling2D <- 7:0:0\n"
                          "9 Conv2D <- 8:0:0\n"
                          "10 Conv2D <- 8:0:0\n"
                          "11 Conv2D <- 8:0:0\n"
                          "12 MaxPooling2D <- 8:0:0\n"
                          "13 Conv2D <- 12:0:0\n"
                          "14 Concatenate <- [9:0:0 10:0:0 11:0:0 13:0:0]\n"
                          "15 GlobalAveragePooling2D <- 14:0:0\n"
                          "16 Dense <- 15:0:0\n"
                          "17 Dense <- 15:0:0\n"
                          "in: 0:0:0\nout: 16:0:0 17:0:0");
    CHECK(spec.layers[3].config == json::parse(R"({"filters": 24, "kernel_size": 3, "padding": "same",
        "activation": "relu", "name": "inception_01_b1_3x3"})"));
    CHECK(spec.layers[5].config == json::parse(R"({"pool_size": 3, "strides": 1, "padding": "same"})"));
    CHECK(spec.layers[13].config == json::parse(R"({"filters": 16, "kernel_size": 1, "name": "inception_02_pool_proj"})"));
    CHECK(spec.layers[14].config == json::parse(R"({"axis": -1, "name": "inception_02_out"})"));
    CHECK(spec.layers[17].config == json::parse(R"({"units": 2, "name": "aux"})"));
    CHECK(spec.summary_options == json::parse(R"({"expand_nested": true})"));
}

TEST_CASE("keras.io's image classification make_model(): residuals kept across loop iterations", "[import_python]") {
    const ModelSpec spec = import_python(seed(kXception));
    std::string expected = "0 InputLayer\n1 Conv2D <- 0:0:0\n2 BatchNormalization <- 1:0:0\n3 Activation <- 2:0:0\n";
    // Each of the three blocks: 9 layers on the main path, a 1x1 Conv2D on the block's input, an Add.
    int in = 3, first = 4;
    for (int block = 0; block < 3; ++block) {
        const char* path[] = {"Activation", "SeparableConv2D", "BatchNormalization", "Activation", "SeparableConv2D",
                              "BatchNormalization", "MaxPooling2D"};
        for (int k = 0; k < 7; ++k) {
            expected += std::to_string(first + k) + " " + path[k] + " <- " + std::to_string(k == 0 ? in : first + k - 1) + ":0:0\n";
        }
        expected += std::to_string(first + 7) + " Conv2D <- " + std::to_string(in) + ":0:0\n";
        expected += std::to_string(first + 8) + " Add <- [" + std::to_string(first + 6) + ":0:0 " + std::to_string(first + 7) + ":0:0]\n";
        in = first + 8;
        first += 9;
    }
    expected += "31 SeparableConv2D <- 30:0:0\n32 BatchNormalization <- 31:0:0\n33 Activation <- 32:0:0\n"
                "34 GlobalAveragePooling2D <- 33:0:0\n35 Dropout <- 34:0:0\n36 Dense <- 35:0:0\nin: 0:0:0\nout: 36:0:0";
    CHECK(wiring(spec) == expected);
    CHECK(spec.layers[0].config == json::parse(R"({"batch_input_shape": [null, 180, 180, 3]})"));
    CHECK(spec.layers[29].config == json::parse(R"({"filters": 728, "kernel_size": 1, "strides": 2, "padding": "same"})"));
    CHECK(spec.layers[36].config == json::parse(R"({"units": 1, "activation": null})"));  // num_classes == 2
    CHECK(spec.layers[11].line == 35);  // layers.Conv2D(...)( with its argument on the next line
}

TEST_CASE("every fuzz seed imports or fails with a PadLab error", "[import_python]") {
    const std::string dir = std::string(PADLAB_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_import_python";
    std::vector<std::string> files;
    DIR* d = opendir(dir.c_str());
    REQUIRE(d != nullptr);
    while (const dirent* entry = readdir(d)) {
        if (entry->d_name[0] != '.') files.push_back(entry->d_name);
    }
    closedir(d);
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 20);
    for (const std::string& f : files) {
        INFO(f);
        try {
            import_python(seed(f));
        } catch (const Error&) {
        }
    }
}

TEST_CASE("merge layers: classes called on lists and their functional forms", "[import_python]") {
    const ModelSpec spec = import_python(R"py(from keras.layers import concatenate
a = keras.Input(shape=(4,))
b = keras.Input(shape=(4,))
c1 = layers.Concatenate(1, name="cat")([a, b])
c2 = concatenate([a, b], axis=-1)
d1 = layers.Dot(axes=1)([a, b])
d2 = layers.dot([a, b], 1, normalize=True)
s = layers.subtract([a, b])
m = layers.multiply([a, b])
v = tf.keras.layers.average([a, b], name="avg")
hi = keras.layers.maximum([a, b])
lo = layers.minimum([a, b])
one = layers.Add()([a])
model = keras.Model([a, b], [c1, c2, d1, d2, s, m, v, hi, lo, one])
)py");
    CHECK(wiring(spec) == "0 InputLayer\n1 InputLayer\n"
                          "2 Concatenate <- [0:0:0 1:0:0]\n"
                          "3 Concatenate <- [0:0:0 1:0:0]\n"
                          "4 Dot <- [0:0:0 1:0:0]\n"
                          "5 Dot <- [0:0:0 1:0:0]\n"
                          "6 Subtract <- [0:0:0 1:0:0]\n"
                          "7 Multiply <- [0:0:0 1:0:0]\n"
                          "8 Average <- [0:0:0 1:0:0]\n"
                          "9 Maximum <- [0:0:0 1:0:0]\n"
                          "10 Minimum <- [0:0:0 1:0:0]\n"
                          "11 Add <- [0:0:0]\n"
                          "in: 0:0:0 1:0:0\n"
                          "out: 2:0:0 3:0:0 4:0:0 5:0:0 6:0:0 7:0:0 8:0:0 9:0:0 10:0:0 11:0:0");
    CHECK(spec.layers[2].config == json::parse(R"({"axis": 1, "name": "cat"})"));
    CHECK(spec.layers[3].config == json::parse(R"({"axis": -1})"));
    CHECK(spec.layers[4].config == json::parse(R"({"axes": 1})"));
    CHECK(spec.layers[5].config == json::parse(R"({"axes": 1, "normalize": true})"));
    CHECK(spec.layers[8].config == json::parse(R"({"name": "avg"})"));
    CHECK(spec.layers[3].line == 5);
    CHECK(spec.layers[3].column == 6);
    CHECK(spec.layers[3].calls[0].column == 6);

    const auto missing = expect_error<ArgumentError>([] { import_python("x = layers.add(name='s')"); });
    CHECK(missing.message == "add() missing 1 required positional argument: 'inputs'");
}

TEST_CASE("Model spellings and arguments", "[import_python]") {
    const std::string body = "i = keras.Input(shape=(2,))\no = layers.Dense(1)(i)\n";
    for (const std::string call : {"Model(i, o)", "keras.Model(i, o)", "tf.keras.Model(inputs=i, outputs=o)",
                                   "keras.models.Model(i, outputs=o)", "tf.keras.models.Model([i], [o])"}) {
        const ModelSpec spec = import_python(body + "m = " + call);
        CHECK(wiring(spec) == "0 InputLayer\n1 Dense <- 0:0:0\nin: 0:0:0\nout: 1:0:0");
        CHECK(spec.format == "python");
    }
    CHECK(import_python(body + "m = Model(i, o, 'positional_name')").name == "positional_name");
    const auto twice = expect_error<ArgumentError>([&] { import_python(body + "m = Model(i, o, inputs=i)"); });
    CHECK(twice.message == "Model() got multiple values for argument 'inputs'");
    // Input spellings and arguments: layers.Input, batch_size, an InputLayer config as in Sequential.
    const ModelSpec in = import_python("i = layers.Input((5, 3), 16, name='seq')\nm = keras.Model(i, layers.Flatten()(i))");
    CHECK(in.layers[0].config == json::parse(R"({"batch_input_shape": [16, 5, 3], "name": "seq"})"));
}

TEST_CASE("model.summary() options are kept; the summarised model is the result", "[import_python]") {
    const ModelSpec spec = import_python(R"py(first = keras.Sequential([layers.Dense(2, input_shape=(3,))], name="first")
first.summary(100, expand_nested=True, show_trainable=True, print_fn=print)
second = keras.Sequential([layers.Dense(4, input_shape=(3,))], name="second")
)py");
    CHECK(spec.name == "first");
    CHECK(spec.summary_options == json::parse(R"({"line_length": 100, "expand_nested": true, "show_trainable": true})"));
    const ModelSpec range = import_python(
        "m = keras.Sequential([layers.Dense(2, input_shape=(3,)), layers.Dense(1)])\n"
        "print(m.summary(layer_range=['dense', 'dense_1'], positions=[0.4, 0.6, 1.0]))\n");
    CHECK(range.summary_options == json::parse(R"({"layer_range": ["dense", "dense_1"], "positions": [0.4, 0.6, 1.0]})"));
    const auto bad = expect_error<ArgumentError>([] { import_python("m = Sequential()\nm.summary(width=3)"); });
    CHECK(bad.message == "summary() got an unexpected keyword argument 'width'");
    CHECK(bad.line == 2);
    // Without a summary() call the last model built is the result, with no options.
    CHECK(import_python("a = Sequential([Dense(1, input_shape=(2,))], name='a')\n"
                        "b = Sequential([Dense(1, input_shape=(2,))], name='b')\n").summary_options.is_null());
}

TEST_CASE("model.layers, model.output and layer.output, and freezing", "[import_python]") {
    const ModelSpec spec = import_python(R"py(base_in = keras.Input(shape=(8,))
base = keras.Model(base_in, layers.Dense(4)(layers.Dense(6)(base_in)), name="base")
for layer in base.layers:
    layer.trainable = False
head = layers.Dense(2)
y = head(base.output)
model = keras.Model(base.input, y)
model.layers[-1].trainable = False
)py");
    // The head is built on the base's own tensors: one graph, no nesting.
    // Dense(4)(Dense(6)(x)) creates Dense(4) first, as Python evaluates the callee first.
    CHECK(wiring(spec) == "0 InputLayer\n1 Dense <- 2:0:0\n2 Dense <- 0:0:0\n3 Dense <- 1:0:0\nin: 0:0:0\nout: 3:0:0");
    CHECK(spec.layers[1].config == json::parse(R"({"units": 4, "trainable": false})"));
    CHECK(spec.layers[2].config["trainable"] == false);
    CHECK(spec.layers[3].config["trainable"] == false);
    // Sequential.layers hides the InputLayer, as Keras does.
    const ModelSpec seq = import_python(
        "m = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2), layers.Dense(1)])\n"
        "n = len(m.layers)\nm.add(layers.Dense(n))\nm.trainable = False\n");
    REQUIRE(seq.layers.size() == 4);
    CHECK(seq.layers[3].config == json::parse(R"({"units": 2, "trainable": false})"));
    CHECK(seq.layers[0].config["trainable"] == false);
}

TEST_CASE("Sequential models hold nested models too", "[import_python]") {
    const ModelSpec spec = import_python(R"py(enc_in = keras.Input(shape=(6,))
encoder = keras.Model(enc_in, layers.Dense(3)(enc_in), name="encoder")
block = keras.Sequential([layers.Dense(2)], name="block")
model = keras.Sequential([keras.Input(shape=(6,)), encoder, block, layers.Dense(1)])
)py");
    REQUIRE(spec.layers.size() == 4);
    CHECK_FALSE(spec.graph);
    CHECK(spec.layers[1].class_name == "Functional");
    REQUIRE(spec.layers[1].nested);
    CHECK(spec.layers[1].nested->graph);
    CHECK(spec.layers[2].class_name == "Sequential");
    CHECK(spec.layers[2].config == json::parse(R"({"name": "block"})"));
    REQUIRE(spec.layers[2].nested);
    CHECK(spec.layers[2].nested->layers.size() == 1);
    CHECK(spec.layers[3].nested == nullptr);

    // The result is the outer model even when the inner one is constructed last.
    const ModelSpec outer = import_python("model = Sequential(name='outer')\n"
                                          "model.add(Sequential([Dense(2, input_shape=(3,))], name='inner'))\n");
    CHECK(outer.name == "outer");
    REQUIRE(outer.layers.size() == 1);
    CHECK(outer.layers[0].nested->name == "inner");

    const auto self = expect_error<UnsupportedError>([] { import_python("s = Sequential()\ns.add(s)"); });
    CHECK(self.message == "cannot add a model to itself");
    const auto cycle = expect_error<UnsupportedError>([] {
        import_python("a = Sequential()\nb = Sequential([a])\na.add(b)\na.add(Dense(1))");
    });
    CHECK(cycle.message == "a model cannot contain itself");
    CHECK(cycle.line == 2);
}

// ============================================================================ Python as tutorials write it

TEST_CASE("def: positional, keyword and default parameters, nested defs, closures, return", "[import_python]") {
    const ModelSpec spec = import_python(R"py(activation = "relu"

def make_model(input_shape, num_classes=10, *, dropout=0.5):
    def block(filters):
        # A nested def sees the enclosing call's names and the globals.
        return [layers.Conv2D(filters, 3, activation=activation), layers.MaxPooling2D()]
    model = keras.Sequential(name="cnn")
    model.add(keras.Input(shape=input_shape))
    for filters in (32, 64):
        for layer in block(filters):
            model.add(layer)
    model.add(layers.Flatten())
    if dropout:
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(num_classes, activation="softmax"))
    return model

model = make_model((28, 28, 1), dropout=0.25)
)py");
    CHECK(spec.name == "cnn");
    REQUIRE(spec.layers.size() == 8);
    CHECK(spec.layers[0].config == json::parse(R"({"batch_input_shape": [null, 28, 28, 1]})"));
    CHECK(spec.layers[1].config == json::parse(R"({"filters": 32, "kernel_size": 3, "activation": "relu"})"));
    CHECK(spec.layers[3].config["filters"] == 64);
    CHECK(spec.layers[4].class_name == "MaxPooling2D");
    CHECK(spec.layers[6].config == json::parse(R"({"rate": 0.25})"));
    CHECK(spec.layers[7].config == json::parse(R"({"units": 10, "activation": "softmax"})"));
    CHECK(spec.layers[1].line == 6);

    const std::string f = "def f(x, filters, size=3, *, name=None):\n    return Dense(filters)\n";
    const auto missing = expect_error<ArgumentError>([&] { import_python(f + "m = Sequential([f(1)])"); });
    CHECK(missing.message == "f() missing 1 required positional argument: 'filters'");
    CHECK(missing.line == 3);
    CHECK(missing.column == 17);
    CHECK(expect_error<ArgumentError>([&] { import_python(f + "f()"); }).message ==
          "f() missing 2 required positional arguments: 'x' and 'filters'");
    CHECK(expect_error<ArgumentError>([&] { import_python(f + "f(1, 2, 3, 4)"); }).message ==
          "f() takes from 2 to 3 positional arguments but 4 were given");
    CHECK(expect_error<ArgumentError>([&] { import_python(f + "f(1, 2, nme='x')"); }).message ==
          "f() got an unexpected keyword argument 'nme'");
    CHECK(expect_error<ArgumentError>([&] { import_python(f + "f(1, 2, x=1)"); }).message ==
          "f() got multiple values for argument 'x'");
    CHECK(expect_error<ArgumentError>([] { import_python("def g(*, k):\n    pass\ng()"); }).message ==
          "g() missing 1 required keyword-only argument: 'k'");
    CHECK(expect_error<ArgumentError>([] { import_python("def g():\n    pass\ng(1)"); }).message ==
          "g() takes 0 positional arguments but 1 was given");
}

TEST_CASE("for-loops: range, lists, enumerate, zip, tuple targets, break, continue, else", "[import_python]") {
    const ModelSpec spec = import_python(R"py(units = []
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    units.append(2 ** i)
else:
    units.append(-1)
total = 0
for i, (a, b) in enumerate(zip([1, 2, 3], "xyz"), start=1):
    total += i * a
for k in range(10, 0, -4):
    total += k
names = ["d{}".format(n) for n in range(len(units))]
model = Sequential([Dense(u, name=n) for u, n in zip(units, names)])
model.add(Dense(total))
)py");
    REQUIRE(spec.layers.size() == 5);
    CHECK(spec.layers[0].config == json::parse(R"({"units": 2, "name": "d0"})"));
    CHECK(spec.layers[1].config["units"] == 8);
    CHECK(spec.layers[2].config["units"] == 32);
    CHECK(spec.layers[3].config == json::parse(R"({"units": 128, "name": "d3"})"));
    // 1*1 + 2*2 + 3*3 + (10 + 6 + 2)
    CHECK(spec.layers[4].config["units"] == 32);
    // The else runs when the loop was not broken.
    CHECK(import_python("u = [1]\nfor x in []:\n    pass\nelse:\n    u.append(5)\nm = Sequential([Dense(u[-1])])")
              .layers[0].config["units"] == 5);
}

TEST_CASE("if/elif/else, conditional expressions, the __main__ guard, with-blocks", "[import_python]") {
    // The Keras mnist_cnn.py example's data-format switch.
    const ModelSpec spec = import_python(R"py(from keras import backend as K
img_rows, img_cols = 28, 28
if K.image_data_format() == 'channels_first':
    input_shape = (1, img_rows, img_cols)
elif img_rows > 100:
    input_shape = None
else:
    input_shape = (img_rows, img_cols, 1)

def build(shape):
    return keras.Sequential([layers.Conv2D(4, 3, input_shape=shape, padding="same" if shape[0] > 10 else "valid")])

if __name__ == "__main__":
    with strategy.scope() as scope:
        model = build(input_shape)
)py");
    REQUIRE(spec.layers.size() == 1);
    CHECK(spec.layers[0].config == json::parse(R"({"filters": 4, "kernel_size": 3,
        "batch_input_shape": [null, 28, 28, 1], "padding": "same"})"));
    CHECK(spec.layers[0].line == 11);
}

TEST_CASE("f-strings and str.format build layer names", "[import_python]") {
    const ModelSpec spec = import_python(R"py(stage, name = 3, "res"
names = [
    f"conv_{stage}",
    f"{name}{stage:02d}_{'a'}",
    f"{name!r}-{stage!s:>3}",
    f"{1.5:.2f}|{0.25:.0%}|{7:+d}|{255:#x}|{1234567:,}",
    "{}_{}".format(name, stage),
    "{1}/{0}".format("a", "b"),
    "{n}{{}}{s:03}".format(n=name, s=stage),
    "_".join(["block", str(stage), name.upper()]),
    "conv" + str(stage) + str(0.5) + str(None),
    f"{[1, (2,)]} {dict(a=1)} {True}",
]
model = Sequential([Dense(1, name=n) for n in names])
)py");
    std::vector<std::string> got;
    for (const LayerSpec& l : spec.layers) got.push_back(l.config["name"].get<std::string>());
    CHECK(got == std::vector<std::string>{"conv_3", "res03_a", "'res'-  3", "1.50|25%|+7|0xff|1,234,567", "res_3",
                                          "b/a", "res{}003", "block_3_RES", "conv30.5None", "[1, (2,)] {'a': 1} True"});

    const auto spec_error = expect_error<ParseError>([] { import_python("x = 1.5\nn = f'{x:d}'"); });
    CHECK(spec_error.message == "Unknown format code 'd' for object of type 'float'");
    CHECK(spec_error.line == 2);
    CHECK(spec_error.column == 8);
    CHECK(expect_error<ParseError>([] { import_python("n = '{} {1}'.format(1, 2)"); }).message ==
          "cannot switch from automatic field numbering to manual field specification");
    CHECK(expect_error<ParseError>([] { import_python("n = '{2}'.format(1)"); }).message ==
          "Replacement index 2 out of range for positional args tuple");
    // A value PadLab does not compute makes the name unknown, and says why where it is needed.
    const auto unknown = expect_error<UnsupportedError>([] {
        import_python("(x, y), _ = mnist.load_data()\nm = Sequential([Dense(2, name=f'd{x}')])");
    });
    CHECK(unknown.message == "Dense argument 'name': cannot evaluate 'f'd{x}'': it comes from 'mnist.load_data()' (line 1), "
                             "which PadLab does not run; write the value literally");
}

TEST_CASE("printf-style % formatting, chr() and dict.pop() (the Keras Applications use them)", "[import_python]") {
    // Python 3's results: "conv_dw_%d" % 3 (keras/src/applications/mobilenet.py), chr(97 + 1)
    // (efficientnet.py's block names), args.pop("repeats").
    const ModelSpec spec = import_python(R"py(args = {"repeats": 2, "filters": 16}
names = [
    "conv_dw_%d" % 3,
    "%s_%03d|%-4s|%5.1f|%x|%%" % ("b", 7, "ab", 2.25, 255),
    "%r/%i" % ("q", 2.9),
    "block1%s_" % chr(97 + args.pop("repeats") - 1),
    str(args),
]
model = Sequential([Dense(1, name=n) for n in names])
)py");
    std::vector<std::string> got;
    for (const LayerSpec& l : spec.layers) got.push_back(l.config["name"].get<std::string>());
    CHECK(got == std::vector<std::string>{"conv_dw_3", "b_007|ab  |  2.2|ff|%", "'q'/2", "block1b_", "{'filters': 16}"});
    CHECK(expect_error<ParseError>([] { import_python("n = '%d %d' % (1,)"); }).message ==
          "not enough arguments for format string");
    CHECK(expect_error<ParseError>([] { import_python("n = '%d' % (1, 2)"); }).message ==
          "not all arguments converted during string formatting");
    CHECK(expect_error<ParseError>([] { import_python("n = '%d' % 'a'"); }).message ==
          "%d format: a real number is required, not str");
    CHECK(expect_error<ParseError>([] { import_python("d = {}\nd.pop('k')"); }).message == "KeyError: 'k'");
    // Tensor shapes stay a builder's privilege: a snippet writes them literally.
    CHECK_THROWS_AS(import_python("import keras\nx = keras.Input((4,))\ny = keras.layers.Dense(x.shape[-1])(x)"),
                    UnsupportedError);
}

TEST_CASE("lists and dicts are mutable and shared, as in Python", "[import_python]") {
    const ModelSpec spec = import_python(R"py(def add_block(stack, units):
    stack.append(Dense(units))
    stack += [Dropout(0.1)]

stack = []
alias = stack
add_block(stack, 8)
alias.extend([Dense(4)])
stack.insert(0, Dense(16, input_shape=(3,)))
last = stack.pop()
stack[1] = Dense(32)
sizes = {"out": 2}
sizes["out"] += 1
sizes.update({"extra": 7})
stack.append(Dense(sizes.get("out", 0) + len(sizes)))
model = Sequential(alias)
)py");
    REQUIRE(spec.layers.size() == 4);
    CHECK(spec.layers[0].config["units"] == 16);
    CHECK(spec.layers[1].config["units"] == 32);
    CHECK(spec.layers[2].class_name == "Dropout");
    CHECK(spec.layers[3].config["units"] == 5);
    const auto self = expect_error<ParseError>([] { import_python("a = []\na.append(a)"); });
    CHECK(self.message == "a list that contains itself is not supported in PadLab's Python subset");
    CHECK(expect_error<ParseError>([] { import_python("t = (1, 2)\nt[0] = 3"); }).message ==
          "'tuple' object does not support item assignment");
}

TEST_CASE("comprehensions, generator expressions and the builtins around them", "[import_python]") {
    const ModelSpec spec = import_python(R"py(filters = [f * 2 for f in [8, 16, 32] if f > 8]
width = sum(f for f in filters) // len(filters)
biggest = max(x + 1 for x in filters)
pairs = {name: f for name, f in zip(["a", "b"], filters)}
flags = [any(x > 40 for x in filters), all(x > 40 for x in filters), isinstance(width, int)]
order = sorted([3, 1, 2], reverse=True) + list(reversed(range(2))) + [abs(-4), round(2.675, 2), min(filters)]
model = Sequential([Dense(width), Dense(biggest), Dense(pairs["b"]), Dense(sum(flags)), Dense(order[0] + order[3])])
)py");
    REQUIRE(spec.layers.size() == 5);
    CHECK(spec.layers[0].config["units"] == 48);   // (32 + 64) // 2
    CHECK(spec.layers[1].config["units"] == 65);
    CHECK(spec.layers[2].config["units"] == 64);
    CHECK(spec.layers[3].config["units"] == 2);    // True + False + True
    CHECK(spec.layers[4].config["units"] == 4);    // 3 + 1
    CHECK(import_python("o = [round(2.675, 2), 7 // -2, -7 % 3, 2 ** -1, 10 / 4]\nm = Sequential([Dense(1, kernel_regularizer=o)])")
              .layers[0].config["kernel_regularizer"] == json::parse("[2.67, -4, 2, 0.5, 2.5]"));
}

// ============================================================================ what stays outside the sandbox

TEST_CASE("sandbox: exec, eval and open are refused; imports outside keras/tensorflow/numpy are inert", "[import_python]") {
    const auto exec = expect_error<UnsupportedError>([] { import_python("m = Sequential()\nexec('m.add(Dense(1))')"); });
    CHECK(exec.message == "exec() is not part of PadLab's Python subset: PadLab runs only the code it reads");
    CHECK(exec.line == 2);
    CHECK(exec.column == 1);
    CHECK(expect_error<UnsupportedError>([] { import_python("n = eval('3')"); }).message ==
          "eval() is not part of PadLab's Python subset: PadLab runs only the code it reads");
    CHECK(expect_error<UnsupportedError>([] { import_python("f = open('model.py')"); }).message ==
          "open() is not part of PadLab's Python subset: PadLab runs only the code it reads");

    // Other modules are not imported, but a tutorial that imports them still reads: their names
    // are unevaluated, statements using them are skipped, a layer argument needing one is refused.
    const ModelSpec plotted = import_python(
        "import os\nimport matplotlib.pyplot as plt\nfrom sklearn.model_selection import train_test_split\n"
        "model = Sequential([Dense(1, input_shape=(2,))])\nplt.plot([1, 2])\nplt.show()\nprint(os.getcwd())\n");
    CHECK(plotted.layers.size() == 1);
    const auto env = expect_error<UnsupportedError>(
        [] { import_python("import os\nunits = int(os.environ['UNITS'])\nm = Sequential([Dense(units, input_shape=(2,))])"); });
    CHECK(env.message.find("'os' comes from the module 'os', which PadLab does not import (it reads keras, tensorflow "
                           "and numpy names only)") != std::string::npos);
    CHECK(env.line == 3);
    CHECK(expect_error<UnsupportedError>([] { import_python("from .models import build"); }).message ==
          "relative import '.models.build' is not supported: PadLab reads one snippet, not a package");
    CHECK_NOTHROW(import_python("import numpy as np\nimport tensorflow as tf\nfrom tf_keras import layers\n"
                                "from __future__ import annotations\nm = Sequential([Dense(1, input_shape=(2,))])"));
}

TEST_CASE("sandbox: recursion, loop lengths and total work are bounded", "[import_python]") {
    const auto deep = expect_error<LimitError>([] { import_python("def f(n):\n    return f(n + 1)\nf(0)\n"); });
    CHECK(deep.message == "maximum recursion depth exceeded (PadLab allows 50 nested calls of functions defined in "
                          "the snippet)");
    CHECK(deep.line == 2);
    CHECK(deep.column == 12);

    const auto loop = expect_error<LimitError>([] { import_python("n = 0\nfor i in range(10 ** 6):\n    n += 1\n"); });
    CHECK(loop.message == "for-loop runs more than 100000 iterations");
    CHECK(loop.line == 2);
    const auto comp = expect_error<LimitError>([] { import_python("x = [i for i in range(10 ** 9) if i < 0]"); });
    CHECK(comp.message == "comprehension runs more than 100000 iterations");
    CHECK(comp.column == 8);
    // A list that grows while it is iterated stops at the loop's bound too.
    CHECK_THROWS_AS(import_python("a = [1]\nfor x in a:\n    a.append(x)\n"), LimitError);
    CHECK_THROWS_AS(import_python("r = list(range(10 ** 9))"), LimitError);
    CHECK_THROWS_AS(import_python("s = f'{1:100000000}'"), LimitError);
    // Loops within loops: every statement, expression and element is a step of a fixed budget.
    const auto work = expect_error<LimitError>([] {
        import_python("n = 0\nfor i in range(3000):\n    for j in range(3000):\n        n += 1\n");
    });
    CHECK(work.message == "the snippet needs too much work to evaluate (more than 5000000 steps)");
    CHECK(work.line >= 3);
    // Recursion through deeply nested expressions: the evaluation depth (the C++ stack) is capped.
    std::string calls;
    for (int i = 0; i < 95; ++i) calls += "len(";
    calls += "f(n - 1)" + std::string(95, ')');
    const auto depth = expect_error<LimitError>([&] { import_python("def f(n):\n    return " + calls + "\nf(0)\n"); });
    CHECK(depth.message == "the snippet nests calls and blocks too deeply to evaluate (more than 400 levels)");
    CHECK(depth.line == 2);
}

TEST_CASE("what the Functional API refuses, with Keras's messages where Keras has one", "[import_python]") {
    const std::string in = "x = keras.Input(shape=(4,))\n";
    const auto not_tensor = expect_error<ArgumentError>([&] { import_python(in + "y = layers.Dense(2)(3)"); });
    CHECK(not_tensor.message == "Inputs to a layer should be tensors. Got: 3");
    CHECK(not_tensor.line == 2);
    CHECK(not_tensor.column == 21);
    const auto in_list = expect_error<ArgumentError>([&] { import_python(in + "y = layers.Add()([x, 'x'])"); });
    CHECK(in_list.message == "Inputs to a layer should be tensors. Got: 'x'");
    CHECK(in_list.column == 22);
    const auto data = expect_error<ArgumentError>([&] {
        import_python(in + "(x_train, _), _ = mnist.load_data()\ny = layers.Dense(2)(x_train)");
    });
    CHECK(data.message == "Inputs to a layer should be tensors. Got: x_train (a value PadLab does not compute; only "
                          "keras.Input(...) and the outputs of layer calls are tensors)");

    const auto both = expect_error<UnsupportedError>([&] {
        import_python(in + "d = layers.Dense(2)\ny = d(x)\nm = Sequential()\nm.add(d)");
    });
    CHECK(both.message == "the Dense layer of line 2 is called on a tensor (line 3) and added to a Sequential "
                          "model; PadLab needs each layer in one kind of model");
    CHECK(both.line == 5);
    const auto both2 = expect_error<UnsupportedError>([&] {
        import_python(in + "d = layers.Dense(2, name='head')\nm = Sequential([d])\ny = d(x)");
    });
    CHECK(both2.message == "the layer 'head' is added to a Sequential model (line 3) and called on a tensor; PadLab needs "
                           "each layer in one kind of model");

    // x * 2 is an operation (test_operation_layers.cpp); two tensors multiplied are not.
    const auto arithmetic = expect_error<UnsupportedError>([&] { import_python(in + "y = x * x"); });
    CHECK(arithmetic.message == "arithmetic on tensors ('x * x') is not supported: PadLab models + - * / of a tensor "
                                "and a Python number and tensor + tensor (Keras operations, tf.keras TFOpLambda "
                                "layers); use layers.Multiply()([a, b])");
    CHECK(arithmetic.column == 5);
    const auto op = expect_error<UnsupportedError>([&] { import_python(in + "y = tf.concat([x, x], axis=-1)"); });
    CHECK(op.message == "calling 'tf.concat' on a tensor is not supported: PadLab models Keras layers, not TensorFlow "
                        "or NumPy functions; use the matching layer from keras.layers");
    const auto shape = expect_error<UnsupportedError>([&] { import_python(in + "y = layers.Dense(x.shape[-1])(x)"); });
    CHECK(shape.message == "Dense argument 'units': cannot evaluate 'x.shape[-1]': tensor attributes such as 'x.shape' "
                           "are not evaluated: PadLab reads the model's structure and does not compute shapes while "
                           "reading the code; write the value literally");
    CHECK(shape.column == 18);
    CHECK_NOTHROW(import_python(in + "print(x.shape, x.dtype)\nm = keras.Model(x, layers.Dense(2)(x))"));
    const auto branch = expect_error<UnsupportedError>([&] {
        import_python(in + "if x.shape[-1] != 4:\n    x = layers.Dense(4)(x)");
    });
    CHECK(branch.message.find("if-statement: cannot evaluate 'x.shape[-1] != 4': tensor attributes") == 0);
    CHECK(branch.line == 2);

    const auto model_in = expect_error<UnsupportedError>([&] {
        import_python(in + "h = layers.Dense(3)(x)\nm = keras.Model(h, layers.Dense(1)(h))");
    });
    CHECK(model_in.message == "Functional model inputs must come from `tf.keras.Input` (thus holding past layer "
                              "metadata), they cannot be the output of a previous non-Input layer. Here, a tensor "
                              "specified as input to the model was not an Input tensor, it was generated by the Dense "
                              "layer on line 2.");
    CHECK(model_in.column == 17);
    const auto model_out = expect_error<ArgumentError>([&] { import_python(in + "m = keras.Model(x, [x, 3])"); });
    CHECK(model_out.message == "Output tensors of a Functional model must be the output of a TensorFlow `Layer` (thus "
                               "holding past layer metadata). Found: 3");
    CHECK(model_out.column == 24);
    const auto unknown = expect_error<UnsupportedError>([&] { import_python(in + "y = layers.Frob(8)(x)"); });
    CHECK(unknown.message == "Unknown layer class 'Frob'");
    CHECK(unknown.column == 5);
    const auto add = expect_error<UnsupportedError>([&] { import_python(in + "m = keras.Model(x, x)\nm.add(Dense(1))"); });
    CHECK(add.message == "'Functional' object has no attribute 'add'");
    const auto input_layer = expect_error<UnsupportedError>([&] { import_python(in + "y = layers.InputLayer((4,))(x)"); });
    CHECK(input_layer.message == "an InputLayer cannot be called on a tensor; use keras.Input(shape=...) for a model input");
    const auto kw = expect_error<UnsupportedError>([&] { import_python(in + "y = layers.Dense(2)(x, mask=x)"); });
    CHECK(kw.message == "passing tensors as the keyword argument 'mask=' of a layer call is not supported");
    CHECK_NOTHROW(import_python(in + "m = keras.Model(x, layers.Dropout(0.1)(x, training=False))"));
    const auto seq = expect_error<ArgumentError>([&] { import_python(in + "m = Sequential([layers.Dense(2)(x)])"); });
    CHECK(seq.message == "Sequential(): the added layer must be an instance of class Layer. Received: "
                         "layers.Dense(2)(x) (a tensor: the output of a layer call)");
}

TEST_CASE("other statements outside the model: raise, assert, decorated functions", "[import_python]") {
    const auto raised = expect_error<ArgumentError>([] {
        import_python("def block(filters):\n    if filters < 1:\n        raise ValueError('filters must be positive')\n"
                      "    return Dense(filters)\nm = Sequential([block(0)])");
    });
    CHECK(raised.message == "the snippet raises ValueError('filters must be positive')");
    CHECK(raised.line == 3);
    CHECK(raised.column == 9);
    CHECK(expect_error<ArgumentError>([] { import_python("n = 3\nassert n % 2 == 0, 'even'"); }).message ==
          "AssertionError: assert n % 2 == 0");
    CHECK_NOTHROW(import_python("(x, y), _ = mnist.load_data()\nassert x.shape[0] > 0\nm = Sequential([Dense(1)])"));
    const auto decorated = expect_error<UnsupportedError>([] {
        import_python("@tf.function\ndef step(x):\n    return x\nstep(1)");
    });
    CHECK(decorated.message == "cannot call 'step': it is decorated (@tf.function), and PadLab does not run decorators");
    CHECK(decorated.line == 4);
    const auto undefined = expect_error<ParseError>([] { import_python("def f():\n    return g\nf()"); });
    CHECK(undefined.message == "name 'g' is not defined");
    CHECK(undefined.line == 2);
}

// keras.io "Text classification with Transformer": its TransformerBlock written inline (the
// custom layer avoided), on the embeddings' shape (maxlen 200, embed_dim 32) since the
// token-and-position embedding is a custom layer too; `a + b` written as Add()([a, b]).
TEST_CASE("MultiHeadAttention is called on separate tensors: mha(query, value[, key])", "[import_python]") {
    const ModelSpec spec = import_python(seed("functional_transformer_block.py"));
    CHECK(wiring(spec).rfind("0 InputLayer\n1 MultiHeadAttention <- [0:0:0 0:0:0]\n2 Dropout <- 1:0:0\n", 0) == 0);
    const ModelSummary m = summarize(spec);
    CHECK(m.total_params == 11358);                 // 8,416 (attention) + 2 * 64 + 2 * 1,056 + 660 + 42
    CHECK(m.layers[1].trainable_params == 8416);    // 3 * (32*64 + 64) + (64*32 + 32)
    CHECK(m.layers[1].connected_to.size() == 2);    // Keras lists query and value: input_1[0][0] twice

    const auto wired = [](const std::string& call) {
        return wiring(import_python("from tensorflow.keras import layers\nimport keras\n"
                                    "q = layers.Input((4, 8))\nv = layers.Input((6, 8))\nk = layers.Input((6, 5))\n"
                                    "y = layers.MultiHeadAttention(2, 3)" + call + "\nmodel = keras.Model([q, v, k], y)\n"));
    };
    CHECK(wired("(q, v, k)").find("3 MultiHeadAttention <- [0:0:0 1:0:0 2:0:0]") != std::string::npos);
    CHECK(wired("(q, key=k, value=v)").find("3 MultiHeadAttention <- [0:0:0 1:0:0 2:0:0]") != std::string::npos);
    CHECK(wired("(query=q, value=v, training=False)").find("3 MultiHeadAttention <- [0:0:0 1:0:0]") != std::string::npos);
    CHECK(test::expect_error<ArgumentError>([&] { wired("(q)"); }).message ==
          "MultiHeadAttention.call() missing 1 required positional argument: 'value'");
    CHECK(test::expect_error<ArgumentError>([&] { wired("(q, v, value=v)"); }).message ==
          "MultiHeadAttention.call() got multiple values for argument 'value'");
    CHECK(test::expect_error<UnsupportedError>([&] { wired("(q, v, return_attention_scores=True)"); }).message ==
          "return_attention_scores=True (a call with two outputs) is not supported");
    CHECK(test::expect_error<UnsupportedError>([&] { wired("(q, v, attention_mask=k)"); }).message ==
          "passing tensors as the keyword argument 'attention_mask=' of a layer call is not supported");
    // The same model summarized: the key sets value's sizes for the key projection.
    const ModelSummary cross = summarize(import_python(
        "from tensorflow.keras import layers\nimport keras\nq = layers.Input((4, 8))\nv = layers.Input((6, 8))\n"
        "k = layers.Input((6, 5))\ny = layers.MultiHeadAttention(2, 3)(q, v, k)\nmodel = keras.Model([q, v, k], y)\n"));
    CHECK(cross.output_shapes[0] == Shape{kNone, 4, 8});
    CHECK(cross.total_params == (8 * 6 + 6) + (5 * 6 + 6) + (8 * 6 + 6) + (6 * 8 + 8));
}

TEST_CASE("a layer with several outputs: tuple unpacking, indexing, lists of its tensors", "[import_python]") {
    const std::string head = "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
                             "inp = keras.Input(shape=(10, 8))\n";
    // LSTM(return_state=True) returns [output, h, c] (Keras 2 a list, Keras 3 a tuple).
    ModelSpec spec = import_python(head + "x, h, c = layers.LSTM(8, return_state=True)(inp)\n"
                                          "y = layers.Dense(1)(h)\nm = keras.Model(inp, [x, y, c])\n");
    REQUIRE(spec.graph);
    REQUIRE(spec.layers.size() == 3);
    CHECK(spec.layers[1].class_name == "LSTM");
    CHECK(spec.outputs[0] == TensorRef{1, 0, 0});
    CHECK(spec.outputs[2] == TensorRef{1, 0, 2});
    CHECK(spec.layers[2].calls[0].inputs[0] == TensorRef{1, 0, 1});
    // Indexing the list; the list itself as the model's outputs.
    spec = import_python(head + "outs = layers.GRU(4, return_state=True)(inp)\nm = keras.Model(inp, outs)\n");
    CHECK(spec.outputs.size() == 2);
    CHECK(spec.outputs[1] == TensorRef{1, 0, 1});
    spec = import_python(head + "outs = layers.GRU(4, return_state=True)(inp)\nm = keras.Model(inp, outs[1])\n");
    CHECK(spec.outputs == std::vector<TensorRef>{{1, 0, 1}});
    // Bidirectional(merge_mode=None) returns the forward and backward outputs.
    spec = import_python(head + "f, b = layers.Bidirectional(layers.LSTM(3), merge_mode=None)(inp)\n"
                                "m = keras.Model(inp, layers.Add()([f, b]))\n");
    CHECK(spec.layers.size() == 3);
    // Python's own unpacking errors.
    CHECK(expect_error<ParseError>([&] { import_python(head + "a, b = layers.LSTM(8, return_state=True)(inp)"); })
              .message == "too many values to unpack (expected 2)");
    CHECK(expect_error<ParseError>([&] { import_python(head + "a, b, c, d = layers.LSTM(8, return_state=True)(inp)"); })
              .message == "not enough values to unpack (expected 4, got 3)");
    // One output stays a tensor.
    spec = import_python(head + "x = layers.LSTM(8)(inp)\nm = keras.Model(inp, x)\n");
    CHECK(spec.outputs == std::vector<TensorRef>{{1, 0, 0}});
}

TEST_CASE("a layer passed to a wrapper becomes its config; Keras names it first", "[import_python]") {
    const ModelSpec spec = import_python(
        "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
        "model = keras.Sequential([layers.Input(shape=(10, 8)),\n"
        "    layers.Bidirectional(layers.LSTM(16, return_sequences=True), merge_mode='sum'),\n"
        "    layers.TimeDistributed(layers.Dense(4)), layers.LSTM(2)])\n");
    REQUIRE(spec.layers.size() == 4);
    CHECK(spec.layers[1].class_name == "Bidirectional");
    CHECK(spec.layers[1].config ==
          json::parse(R"({"layer": {"class_name": "LSTM", "config": {"units": 16, "return_sequences": true}}, "merge_mode": "sum"})"));
    CHECK(spec.layers[2].config == json::parse(R"({"layer": {"class_name": "Dense", "config": {"units": 4}}})"));
    // The wrapped LSTM was created (and auto-named "lstm") before the last LSTM, which is
    // therefore "lstm_1"; the wrapped Dense took "dense".
    const ModelSummary m = summarize(spec);
    REQUIRE(m.layers.size() == 3);
    CHECK(m.layers[0].name == "bidirectional");
    CHECK(m.layers[1].name == "time_distributed");
    CHECK(m.layers[2].name == "lstm_1");
    CHECK(m.layers[0].output_shape == Shape{kNone, 10, 16});
    CHECK(m.layers[1].output_shape == Shape{kNone, 10, 4});
    // The same in a Functional model (graph naming).
    const ModelSummary g = summarize(import_python(
        "from tensorflow import keras\nfrom tensorflow.keras import layers\ninp = keras.Input(shape=(10, 8))\n"
        "x = layers.Bidirectional(layers.LSTM(16, return_sequences=True))(inp)\ny = layers.LSTM(2)(x)\n"
        "m = keras.Model(inp, y)\n"));
    REQUIRE(g.layers.size() == 3);
    CHECK(g.layers[1].name == "bidirectional");
    CHECK(g.layers[2].name == "lstm_1");
}

TEST_CASE("Embedding's input_dim is its argument; Keras 2's RNN input_dim / input_length", "[import_python]") {
    // Embedding(input_dim=...) keeps input_dim in the config, and a Keras 2 Sequential starting
    // with an Embedding is built on (None, None) (TF's "word embeddings" tutorial shape).
    ModelSpec spec = import_python("model = Sequential([Embedding(input_dim=10000, output_dim=16), "
                                   "GlobalAveragePooling1D(), Dense(16, activation='relu'), Dense(1)])");
    CHECK(spec.layers[0].config == json::parse(R"({"input_dim": 10000, "output_dim": 16})"));
    ModelSummary m = summarize(spec);
    CHECK(m.input_shape == Shape{kNone, kNone});
    CHECK(m.layers[0].output_shape == Shape{kNone, kNone, 16});
    CHECK(m.total_params == 160000 + 272 + 17);
    m = summarize(import_python("model = Sequential([Embedding(1000, 64, input_length=10), Flatten(), Dense(1)])"));
    CHECK(m.layers[0].output_shape == Shape{kNone, 10, 64});
    CHECK(m.layers[1].output_shape == Shape{kNone, 640});
    // Keras 2 RNN.__init__: input_shape=(input_length, input_dim).
    spec = import_python("model = Sequential([LSTM(32, input_dim=64, input_length=10), Dense(1)])");
    CHECK(spec.layers[0].config == json::parse(R"({"units": 32, "batch_input_shape": [null, 10, 64]})"));
    spec = import_python("model = Sequential([GRU(32, input_dim=64), Dense(1)])");
    CHECK(spec.layers[0].config == json::parse(R"({"units": 32, "batch_input_shape": [null, null, 64]})"));
}

TEST_CASE("a multi-output layer in a Sequential model is refused as tf.keras refuses it", "[import_python]") {
    const auto e = expect_error<ArgumentError>([] {
        summarize(import_python("model = Sequential()\nmodel.add(Input(shape=(10, 8)))\n"
                                "model.add(LSTM(8, return_state=True))\nmodel.add(Dense(1))"));
    });
    CHECK(e.message == "All layers in a Sequential model should have a single output tensor. For multi-output layers, "
                       "use the functional API.");
    CHECK(e.layer == "lstm");
    CHECK(e.line == 3);
}

TEST_CASE("an RNN called with initial_state takes the states as extra inputs", "[import_python]") {
    // keras-io lstm_seq2seq: decoder_lstm(decoder_inputs, initial_state=encoder_states); Keras 2
    // records the call on [x, h, c] (tf_keras/layers/rnn/base_rnn.py RNN.__call__).
    const std::string src = "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
                            "enc_in = keras.Input(shape=(None, 6))\n"
                            "_, h, c = layers.LSTM(8, return_state=True)(enc_in)\n"
                            "dec_in = keras.Input(shape=(None, 5))\n"
                            "y = layers.LSTM(8, return_sequences=True)(dec_in, initial_state=[h, c])\n"
                            "y = layers.Dense(5, activation='softmax')(y)\n"
                            "model = keras.Model([enc_in, dec_in], y)\n";
    const ModelSpec spec = import_python(src);
    REQUIRE(spec.layers.size() == 5);
    CHECK(spec.layers[3].class_name == "LSTM");
    CHECK(spec.layers[3].calls[0].inputs == std::vector<TensorRef>{{2, 0, 0}, {1, 0, 1}, {1, 0, 2}});
    const ModelSummary m = summarize(spec);
    CHECK(m.total_params == 4 * (8 * (8 + 6) + 8) + 4 * (8 * (8 + 5) + 8) + (8 * 5 + 5));
    // A state of the wrong size is refused as Keras 2's build does.
    CHECK(expect_error<ShapeError>([&] {
              summarize(import_python("from tensorflow import keras\nfrom tensorflow.keras import layers\n"
                                      "x = keras.Input(shape=(4, 3))\ns = keras.Input(shape=(5,))\n"
                                      "y = layers.GRU(3)(x, initial_state=s)\nmodel = keras.Model([x, s], y)\n"));
          }).message.find("An `initial_state` was passed that is not compatible with `cell.state_size`.") == 0);
}

// A tensor and a Python number: Keras 3's operations (keras/src/backend/common/keras_tensor.py
// __mul__/__rmul__/__truediv__/__sub__ -> keras/src/ops/numpy.py Multiply, TrueDivide,
// Subtract), auto-named from their class, not in model.layers; tf.keras's TFOpLambda layers
// named by the TensorFlow symbol (tf_keras/layers/core/tf_op_layer.py, "tf." + the tf_export
// name, numbered by unique_object_name from 0), in model.layers. Operation facts:
// core/model/layers/operation_layers.cpp.
TEST_CASE("a tensor and a number: Keras 3 operations, tf.keras TFOpLambda layers", "[import_python][operation]") {
    const ModelSpec spec = import_python(
        "import keras\nfrom keras import layers\n"
        "inputs = keras.Input(shape=(4,))\n"
        "x = layers.Dense(3)(inputs)\n"
        "a = x * 2\n"
        "b = 2 * a\n"
        "c = b / 255.0\n"
        "d = c - 1\n"
        "e = -d\n"
        "model = keras.Model(inputs, e)\n");
    REQUIRE(spec.layers.size() == 7);
    CHECK(spec.layers[2].class_name == "ScalarMultiply");
    CHECK(spec.layers[2].operation == "tf.math.multiply");
    CHECK(spec.layers[2].config == json{{"scalar", 2}, {"reflected", false}});
    CHECK(spec.layers[3].config == json{{"scalar", 2}, {"reflected", true}});
    CHECK(spec.layers[4].config == json{{"scalar", 255.0}, {"reflected", false}});
    CHECK(spec.layers[5].class_name == "ScalarSubtract");
    CHECK(spec.layers[6].class_name == "ScalarNegative");
    CHECK(spec.layers[2].calls.at(0).inputs.size() == 1);  // the number is no input
    CHECK(spec.layers[2].line == 5);

    const ModelSummary m = summarize(spec);
    const std::vector<std::string> keras2{"input_1", "dense", "tf.math.multiply", "tf.math.multiply_1", "tf.math.truediv",
                                          "tf.math.subtract", "tf.math.negative"};
    const std::vector<std::string> keras3{"input_layer", "dense", "multiply", "multiply_1", "true_divide", "subtract",
                                          "negative"};
    const std::vector<std::string> classes{"InputLayer", "Dense", "Multiply", "Multiply", "TrueDivide", "Subtract",
                                           "Negative"};
    REQUIRE(m.layers.size() == 7);
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        INFO(i);
        CHECK(m.layers[i].name == keras2[i]);
        CHECK((m.layers[i].name_keras3.empty() ? m.layers[i].name : m.layers[i].name_keras3) == keras3[i]);
        CHECK(m.layers[i].class_name == classes[i]);
        CHECK(m.layers[i].operation == (i >= 2));
        CHECK(m.layers[i].output_shape == Shape{kNone, i == 0 ? 4 : 3});
        CHECK(m.layers[i].params == (i == 1 ? 15 : 0));
    }
    CHECK(m.total_params == 15);
    // One tensor per call: a chain, printed without "Connected to" in both eras
    // (summary_utils.py / layer_utils.py sequential_like).
    CHECK(m.sequential_like);
}

TEST_CASE("an operation's counters: Keras 3 shares the layers', tf.keras counts the symbol", "[import_python][operation]") {
    // layers.Multiply() takes "multiply" first in Keras 3, so `x * 3` is multiply_1; tf.keras's
    // TFOpLambda is tf.math.multiply. The merge layer reads the operation's tensor: in both eras
    // "Connected to" names the operation by its name, and the operation names only the tensor.
    const ModelSummary m = summarize(import_python(
        "import keras\nfrom keras import layers\n"
        "inputs = keras.Input(shape=(4,))\n"
        "y = layers.Multiply()([inputs, 3 * inputs])\n"
        "model = keras.Model(inputs, y)\n"));
    REQUIRE(m.layers.size() == 3);
    CHECK_FALSE(m.sequential_like);
    const LayerSummary& op = m.layers[1];
    CHECK(op.name == "tf.math.multiply");
    CHECK(op.name_keras3 == "multiply_1");
    REQUIRE(op.connected_to.size() == 1);
    CHECK(op.connected_to[0].layer == 0);
    CHECK(m.layers[2].name == "multiply");
    REQUIRE(m.layers[2].connected_to.size() == 2);
    CHECK(m.layers[2].connected_to[1].layer == 1);

    const std::string keras2 = summary_keras2(m, Keras2Era::A);
    CHECK(keras2.find("tf.math.multiply (TFOpLambda)   (None, 4)            0           input_1[0][0]") !=
          std::string::npos);
    CHECK(keras2.find("tf.math.multiply[0][0]") != std::string::npos);
    const std::string keras3 = summary_keras3(m);
    CHECK(keras3.find("│ multiply_1          │ (None, 4)") != std::string::npos);  // the class wraps below
    CHECK(keras3.find("TFOpLambda") == std::string::npos);

    // JSON: tf.keras's name, Keras 3's class, marked an operation, connected to the tensor alone.
    const json j = summary_json(m);
    CHECK(j["layers"][1]["name"] == "tf.math.multiply");
    CHECK(j["layers"][1]["class_name"] == "Multiply");
    CHECK(j["layers"][1]["operation"] == true);
    CHECK(j["layers"][1]["params"] == 0);
    CHECK(j["layers"][1]["output_shape"] == json::parse("[null, 4]"));
    CHECK(j["layers"][1]["connected_to"] == json::parse(R"(["input_1[0][0]"])"));
    CHECK_FALSE(j["layers"][2].contains("operation"));
}

TEST_CASE("tensor arithmetic PadLab does not model names the layer to use", "[import_python][operation]") {
    const std::string in = "import keras\nfrom keras import layers\nx = keras.Input(shape=(4,))\n";
    const auto err = [&](const std::string& line) {
        return expect_error<UnsupportedError>([&] { import_python(in + line); });
    };
    const auto power = err("y = x ** 2");
    CHECK(power.message == "arithmetic on tensors ('x ** 2') is not supported: PadLab models + - * / of a tensor and "
                           "a Python number and tensor + tensor (Keras operations, tf.keras TFOpLambda layers); use "
                           "layers.Lambda(lambda t: t ** n) (the forward pass does not run Lambda)");
    CHECK(power.line == 4);
    CHECK(power.column == 5);
    CHECK(err("y = x - x").message.find("use layers.Subtract()([a, b])") != std::string::npos);
    CHECK(err("y = x / x").message.find("use layers.Rescaling(scale, offset) for a tensor and a number") !=
          std::string::npos);
    CHECK(err("y = x // 2").message.find("('x // 2') is not supported") != std::string::npos);
    CHECK(err("y = x + True").message.find("('x + True') is not supported") != std::string::npos);
    // The registry's operation classes are no layers the code can name.
    CHECK(err("y = layers.ScalarMultiply(scalar=2)(x)").message == "Unknown layer class 'ScalarMultiply'");
}
