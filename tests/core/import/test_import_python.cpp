#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/import/import_model.hpp"
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
    CHECK(none.message.find("no Sequential model found") == 0);
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
        import_python("model = Sequential()\nfor units in [64, 32]:\n    model.add(Dense(units))\n");
    });
    CHECK(loop.message == "unsupported statement: for-loops are not part of the Sequential subset");
    CHECK(loop.line == 2);
    CHECK(loop.column == 1);

    const auto def = expect_error<ParseError>([] { import_python("def build():\n    return Sequential()\n"); });
    CHECK(def.message == "unsupported statement: function definitions are not part of the Sequential subset");

    const auto lambda = expect_error<ParseError>([] { import_python("m = Sequential()\nm.add(Lambda(lambda x: x))"); });
    CHECK(lambda.message == "lambda expressions are not part of the Sequential subset");
    CHECK(lambda.column == 14);

    const auto fstr = expect_error<ParseError>([] { import_python("n = 3\nname = f'conv_{n}'\n"); });
    CHECK(fstr.message == "f-strings are not part of the Sequential subset; write the value directly");
    CHECK(fstr.column == 8);

    const auto functional = expect_error<UnsupportedError>([] {
        import_python("inputs = keras.Input(shape=(4,))\nx = layers.Dense(2)(inputs)\n");
    });
    CHECK(functional.message.find("the functional API (calling a layer on a tensor) is not supported") == 0);
    CHECK(functional.line == 2);
    CHECK(functional.column == 5);

    const auto model = expect_error<UnsupportedError>([] { import_python("m = keras.Model(inputs, outputs)"); });
    CHECK(model.message == "only Sequential models are supported: 'keras.Model(...)' builds a functional model");
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
    std::string adds = "big = Dense(1, input_shape=(3,), extra=[0] * 99000)\nm = Sequential()\n";
    for (int i = 0; i < 20; ++i) adds += "m.add(big)\n";
    const auto total = expect_error<LimitError>([&] { import_python(adds); });
    CHECK(total.message == "the model's layer configs hold more than 1000000 values");
    CHECK(total.line == 13);
    CHECK_THROWS_AS(import_python("# " + std::string((1 << 20), 'x')), LimitError);
    CHECK_THROWS_AS(import_python(" \n\t "), ParseError);
}
