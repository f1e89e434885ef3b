#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/network.hpp"
#include "core/ops/reference_conv.hpp"

namespace {

padlab::Network network(const std::string& layers, std::uint64_t seed = 1) {
    return padlab::Network(padlab::import_model("model = Sequential()\n" + layers), seed);
}

std::vector<float> run(padlab::Network& net, const std::vector<float>& x) {
    std::vector<float> y(static_cast<std::size_t>(padlab::shape_elements(net.output_shape())));
    net.run(x.data(), y.data());
    return y;
}

const char* kSeedValid =
    "model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1), padding='valid'))\n"
    "model.add(Conv2D(64, kernel_size=(3, 3), activation='relu'))\n"
    "model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='valid'))\n"
    "model.add(Flatten())\n"
    "model.add(Dense(256, activation='relu'))\n"
    "model.add(Dense(10, activation='softmax'))\n";

}  // namespace

TEST_CASE("the seed model runs forward: shapes, Keras-ordered weights, a softmax output, one timing per layer") {
    padlab::Network net = network(kSeedValid);
    CHECK(net.input_shape() == padlab::Shape{1, 28, 28, 1});
    CHECK(net.output_shape() == padlab::Shape{1, 10});

    const auto weights = net.weights();
    REQUIRE(weights.size() == 10);
    CHECK(weights[0].layer == "conv2d");
    CHECK(weights[0].name == "kernel");
    CHECK(weights[0].shape == padlab::Shape{3, 3, 1, 32});
    CHECK(weights[1].name == "bias");
    CHECK(weights[6].layer == "dense");
    CHECK(weights[6].shape == padlab::Shape{22 * 22 * 128, 256});
    CHECK(weights[9].shape == padlab::Shape{10});
    CHECK(weights[9].data[0] == 0.0f);  // Keras's default bias initializer: zeros

    const std::vector<float> x = padlab::default_network_input(net.input_shape(), 1);
    std::vector<float> y(10);
    std::vector<std::string> reported;
    const auto timings = net.run(x.data(), y.data(), [&](std::size_t i, const padlab::LayerTiming& t) {
        CHECK(i == reported.size());
        reported.push_back(t.name);
    });
    REQUIRE(timings.size() == 6);
    CHECK(reported == std::vector<std::string>{"conv2d", "conv2d_1", "conv2d_2", "flatten", "dense", "dense_1"});
    CHECK(timings[2].name == "conv2d_2");
    CHECK(timings[2].output_shape == padlab::Shape{1, 22, 22, 128});
    CHECK(timings[2].macs == 22 * 22 * 128 * 9 * 64);
    for (const auto& t : timings) CHECK(t.ms >= 0.0);
    CHECK(std::accumulate(y.begin(), y.end(), 0.0) == Approx(1.0).margin(1e-5));

    // Deterministic per seed; another seed gives other weights.
    CHECK(run(net, x) == y);
    padlab::Network again = network(kSeedValid, 1);
    CHECK(run(again, x) == y);
    padlab::Network other = network(kSeedValid, 2);
    CHECK(run(other, x) != y);
}

TEST_CASE("a forward pass equals the layers computed one by one with the reference ops") {
    padlab::Network net = network(
        "model.add(Conv2D(3, (2, 2), padding='same', activation='relu', input_shape=(4, 4, 2)))\n"
        "model.add(MaxPooling2D((2, 2)))\n"
        "model.add(Flatten())\n"
        "model.add(Dense(3, activation='softmax'))\n",
        5);
    const auto w = net.weights();
    REQUIRE(w.size() == 4);
    const std::vector<float> x = padlab::default_network_input(net.input_shape(), 9);

    // Conv2D through conv_reference.
    auto adapt = [](const float* p, const padlab::Shape& s) {
        std::vector<std::size_t> shape(s.begin(), s.end());
        return xt::xarray<float>(xt::adapt(p, static_cast<std::size_t>(padlab::shape_elements(s)), xt::no_ownership(), shape));
    };
    padlab::ConvOptions o;
    o.padding = padlab::Padding::same();
    o.activation = padlab::Activation::Relu;
    const xt::xarray<float> conv = padlab::conv_reference(adapt(x.data(), {1, 4, 4, 2}), adapt(w[0].data.data(), w[0].shape),
                                                          adapt(w[1].data.data(), w[1].shape), o);
    // MaxPooling2D 2x2 by hand, then Dense + softmax by hand.
    std::vector<float> pooled;
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j)
            for (std::size_t c = 0; c < 3; ++c)
                pooled.push_back(std::max({conv(0, 2 * i, 2 * j, c), conv(0, 2 * i + 1, 2 * j, c),
                                           conv(0, 2 * i, 2 * j + 1, c), conv(0, 2 * i + 1, 2 * j + 1, c)}));
    std::vector<double> logits(3, 0.0);
    for (std::size_t u = 0; u < 3; ++u) {
        for (std::size_t f = 0; f < 12; ++f) logits[u] += pooled[f] * w[2].data[f * 3 + u];
        logits[u] += w[3].data[u];
    }
    double total = 0.0;
    for (double& l : logits) total += (l = std::exp(l));
    const std::vector<float> y = run(net, x);
    REQUIRE(y.size() == 3);
    for (std::size_t u = 0; u < 3; ++u) CHECK(y[u] == Approx(logits[u] / total).epsilon(1e-5));
}

TEST_CASE("ZeroPadding adds zeros and Cropping removes the same cells") {
    padlab::Network pad = network("model.add(ZeroPadding2D(padding=((1, 0), (0, 1)), input_shape=(2, 2, 1)))\n");
    CHECK(run(pad, {1, 2, 3, 4}) == std::vector<float>{
                                        0, 0, 0,
                                        1, 2, 0,
                                        3, 4, 0,
                                    });
    padlab::Network both = network(
        "model.add(ZeroPadding2D(padding=((1, 2), (0, 1)), input_shape=(2, 3, 2)))\n"
        "model.add(Cropping2D(cropping=((1, 2), (0, 1))))\n");
    const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    CHECK(run(both, x) == x);
    padlab::Network crop = network("model.add(Cropping1D(cropping=(1, 2), input_shape=(5, 1)))\n");
    CHECK(run(crop, {1, 2, 3, 4, 5}) == std::vector<float>{2, 3});
}

TEST_CASE("activation and normalization layers at their initial state") {
    padlab::Network relu = network("model.add(ReLU(max_value=1.5, input_shape=(4,)))\n");
    CHECK(run(relu, {-1, 0.5f, 1, 3}) == std::vector<float>{0, 0.5f, 1, 1.5f});
    padlab::Network leaky = network("model.add(LeakyReLU(alpha=0.5, input_shape=(2,)))\n");
    CHECK(run(leaky, {-2, 2}) == std::vector<float>{-1, 2});
    padlab::Network bn = network("model.add(BatchNormalization(input_shape=(2,)))\n");
    const auto y = run(bn, {1, -2});
    CHECK(y[0] == Approx(1 / std::sqrt(1.001)));
    CHECK(y[1] == Approx(-2 / std::sqrt(1.001)));
    padlab::Network ln = network("model.add(LayerNormalization(input_shape=(4,)))\n");
    const auto z = run(ln, {1, 2, 3, 4});
    CHECK(z[0] + z[1] + z[2] + z[3] == Approx(0.0).margin(1e-6));
    CHECK(z[3] == Approx(1.5 / std::sqrt(1.25 + 1e-3)));
    padlab::Network act = network("model.add(Activation('sigmoid', input_shape=(1,)))\nmodel.add(Dropout(0.5))\n");
    CHECK(run(act, {0}) == std::vector<float>{0.5f});
}

TEST_CASE("pooling, global pooling and causal Conv1D run in a model") {
    padlab::Network net = network(
        "model.add(Conv1D(4, 3, padding='causal', input_shape=(8, 2)))\n"
        "model.add(AveragePooling1D(2))\n"
        "model.add(GlobalMaxPooling1D())\n");
    CHECK(net.output_shape() == padlab::Shape{1, 4});
    const std::vector<float> y = run(net, padlab::default_network_input(net.input_shape(), 3));
    CHECK(y.size() == 4);
    for (float v : y) CHECK(std::isfinite(v));
}

TEST_CASE("what the forward pass cannot run is refused with the layer named") {
    using Catch::Matchers::Contains;
    try {
        network("model.add(SeparableConv2D(4, 3, input_shape=(8, 8, 2)))\n");
        FAIL("no error");
    } catch (const padlab::UnsupportedError& e) {
        CHECK_THAT(e.what(), Contains("SeparableConv2D 'separable_conv2d'"));
        CHECK(e.where().layer == "separable_conv2d");
        CHECK(e.where().line == 2);
    }
    CHECK_THROWS_AS(network("model.add(Conv1D(4, 3, input_shape=(None, 2)))\n"), padlab::ShapeError);
    CHECK_THROWS_WITH(network("model.add(Dense(4, activation='glu', input_shape=(4,)))\n"),
                      Contains("activation 'glu' of layer 'dense'"));
    CHECK_THROWS_AS(network("model.add(Dense(100000, input_shape=(100000,)))\n"), padlab::LimitError);
    // Keras's own errors come first, from summarize().
    CHECK_THROWS_AS(network("model.add(Conv2D(4, 9, input_shape=(4, 4, 1)))\n"), padlab::ShapeError);
}

TEST_CASE("a Functional chain runs forward as the Sequential it is") {
    const char* json_chain = R"({"class_name": "Functional", "config": {"name": "chain", "layers": [
  {"name": "c", "class_name": "Conv2D", "config": {"name": "c", "filters": 4, "kernel_size": [3, 3]}, "inbound_nodes": [[["x", 0, 0, {}]]]},
  {"name": "x", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 6, 6, 1], "name": "x"}, "inbound_nodes": []},
  {"name": "f", "class_name": "Flatten", "config": {"name": "f"}, "inbound_nodes": [[["c", 0, 0, {}]]]}],
  "input_layers": [["x", 0, 0]], "output_layers": [["f", 0, 0]]}, "keras_version": "2.11.0"})";
    padlab::Network graph(padlab::import_model(json_chain), 3);
    padlab::Network chain = network("model.add(Conv2D(4, (3, 3), input_shape=(6, 6, 1), name='c'))\nmodel.add(Flatten(name='f'))\n", 3);
    CHECK(graph.output_shape() == padlab::Shape{1, 64});
    std::vector<float> x(36);
    std::iota(x.begin(), x.end(), 0.0f);
    CHECK(run(graph, x) == run(chain, x));

}

namespace {

padlab::Network python_network(const std::string& source, std::uint64_t seed = 1) {
    return padlab::Network(padlab::import_python(source), seed);
}

const padlab::NetworkWeight& weight_of(const std::vector<padlab::NetworkWeight>& all, const std::string& layer,
                                       const std::string& name) {
    for (const auto& w : all)
        if (w.layer == layer && w.name == name) return w;
    FAIL("no weight " << layer << "/" << name);
    return all.front();
}

// y = x @ kernel + bias for one [n] row.
std::vector<float> dense(const std::vector<float>& x, const padlab::NetworkWeight& k, const padlab::NetworkWeight& b) {
    const auto in = static_cast<std::size_t>(k.shape[0]), out = static_cast<std::size_t>(k.shape[1]);
    std::vector<float> y(out);
    for (std::size_t u = 0; u < out; ++u) {
        double acc = b.data[u];
        for (std::size_t i = 0; i < in; ++i) acc += static_cast<double>(x[i]) * k.data[i * out + u];
        y[u] = static_cast<float>(acc);
    }
    return y;
}

}  // namespace

TEST_CASE("a graph runs forward: a residual Add, a Concatenate branch and a shared layer, each by hand") {
    // out = concat([relu(d1(x)) + x, d2(x)]) fed to a shared Dense twice (max of both calls).
    padlab::Network net = python_network(R"(from tensorflow import keras
from tensorflow.keras import layers
x = keras.Input(shape=(4,), name='x')
h = layers.Dense(4, activation='relu', name='d1')(x)
r = layers.Add(name='res')([h, x])
b = layers.Dense(2, name='d2')(x)
c = layers.Concatenate(name='cat')([r, b])
shared = layers.Dense(3, name='shared')
m = layers.Maximum(name='max')([shared(c), shared(layers.ReLU(name='relu')(c))])
model = keras.Model(x, m, name='graph')
)", 11);
    CHECK(net.input_shape() == padlab::Shape{1, 4});
    CHECK(net.output_shape() == padlab::Shape{1, 3});
    const auto w = net.weights();
    CHECK(w.size() == 6);  // d1, d2, shared: the shared layer's weights once

    const std::vector<float> x = {0.5f, -1.0f, 2.0f, -0.25f};
    std::vector<float> h = dense(x, weight_of(w, "d1", "kernel"), weight_of(w, "d1", "bias"));
    for (float& v : h) v = std::max(v, 0.0f);
    std::vector<float> c(6);
    for (std::size_t i = 0; i < 4; ++i) c[i] = h[i] + x[i];
    const std::vector<float> b = dense(x, weight_of(w, "d2", "kernel"), weight_of(w, "d2", "bias"));
    c[4] = b[0];
    c[5] = b[1];
    std::vector<float> relu_c = c;
    for (float& v : relu_c) v = std::max(v, 0.0f);
    const auto s1 = dense(c, weight_of(w, "shared", "kernel"), weight_of(w, "shared", "bias"));
    const auto s2 = dense(relu_c, weight_of(w, "shared", "kernel"), weight_of(w, "shared", "bias"));
    const std::vector<float> y = run(net, x);
    REQUIRE(y.size() == 3);
    for (std::size_t u = 0; u < 3; ++u) CHECK(y[u] == Approx(std::max(s1[u], s2[u])).epsilon(1e-5));

    // One timing per call, in an order that computes every input first.
    std::vector<std::string> order;
    net.run(x.data(), std::vector<float>(3).data(), [&](std::size_t, const padlab::LayerTiming& t) { order.push_back(t.name); });
    CHECK(order == std::vector<std::string>{"d1", "res", "d2", "cat", "shared", "relu", "shared", "max"});
}

TEST_CASE("a U-Net-style skip runs forward: UpSampling-free, Conv2D same + Concatenate on channels") {
    padlab::Network net = python_network(R"(from tensorflow import keras
from tensorflow.keras import layers
inp = keras.Input(shape=(4, 4, 1))
a = layers.Conv2D(2, 3, padding='same', name='a')(inp)
b = layers.Conv2D(3, 1, name='b')(a)
out = layers.Concatenate(name='skip')([a, b, inp])
model = keras.Model(inp, out)
)");
    CHECK(net.output_shape() == padlab::Shape{1, 4, 4, 6});
    std::vector<float> x(16);
    std::iota(x.begin(), x.end(), 1.0f);
    const std::vector<float> y = run(net, x);
    // The last channel of every cell is the input itself.
    for (std::size_t cell = 0; cell < 16; ++cell) CHECK(y[cell * 6 + 5] == x[cell]);
}

TEST_CASE("graphs the forward pass cannot run are refused by name") {
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(python_network(R"(from tensorflow import keras
from tensorflow.keras import layers
a = keras.Input(shape=(3,))
b = keras.Input(shape=(3,))
model = keras.Model([a, b], layers.Add()([a, b]), name='two')
)"),
                      Contains("one input and one output; 'two' has 2 inputs"));
    CHECK_THROWS_WITH(python_network(R"(from tensorflow import keras
from tensorflow.keras import layers
a = keras.Input(shape=(3,))
model = keras.Model(a, [layers.Dense(2)(a), layers.Dense(1)(a)], name='heads')
)"),
                      Contains("'heads' has 2 outputs"));
    CHECK_THROWS_WITH(python_network(R"(from tensorflow import keras
from tensorflow.keras import layers
a = keras.Input(shape=(8, 8, 1))
s = layers.Conv2D(2, 3, name='sc')
x = layers.Concatenate()([layers.Flatten()(s(a)), layers.Flatten()(s(layers.MaxPooling2D()(a)))])
model = keras.Model(a, x)
)"),
                      Contains("shared layer called on tensors of different shapes ('sc')"));
    CHECK_THROWS_WITH(python_network(R"(from tensorflow import keras
from tensorflow.keras import layers
a = keras.Input(shape=(2, 3))
model = keras.Model(a, layers.Dot(axes=2, name='gram')([a, a]))
)"),
                      Contains("Dot 'gram' on [(1, 2, 3), (1, 2, 3)]"));
}

TEST_CASE("the forward pass names the sequence layers it cannot run") {
    using Catch::Matchers::Contains;
    try {
        network("model.add(LSTM(8, input_shape=(10, 4)))\nmodel.add(Dense(1))\n");
        FAIL("no error");
    } catch (const padlab::UnsupportedError& e) {
        CHECK_THAT(e.what(), Contains("The forward pass cannot run LSTM 'lstm'"));
        CHECK(e.where().layer == "lstm");
    }
    CHECK_THROWS_WITH(network("model.add(Embedding(100, 8, input_length=5))\nmodel.add(Flatten())\n"),
                      Contains("The forward pass cannot run Embedding 'embedding'"));
    CHECK_THROWS_WITH(network("model.add(Bidirectional(GRU(4), input_shape=(6, 3)))\n"),
                      Contains("The forward pass cannot run Bidirectional 'bidirectional'"));
    // An unknown sequence length is reported first (every length must be known to run).
    CHECK_THROWS_AS(network("model.add(Embedding(100, 8))\nmodel.add(Flatten())\n"), padlab::ShapeError);
}

TEST_CASE("stored weights (a saved file's) replace the seeded ones, matched by layer name and checked by shape") {
    const padlab::ModelSpec spec = padlab::import_model(
        "model = Sequential()\n"
        "model.add(Conv1D(1, 2, input_shape=(4, 1), name='conv'))\n"
        "model.add(Flatten(name='flat'))\n"
        "model.add(Dense(2, name='dense'))\n");
    // conv: kernel (2, 1, 1) = [1, -1], bias 0.5; dense: kernel (3, 2), bias (2,).
    std::vector<padlab::NetworkWeight> stored{
        {"conv", "kernel", {2, 1, 1}, {1.0f, -1.0f}},
        {"conv", "bias", {1}, {0.5f}},
        {"dense", "kernel", {3, 2}, {1, 2,
                                     3, 4,
                                     5, 6}},
        {"dense", "bias", {2}, {10.0f, -10.0f}},
    };
    padlab::Network net(spec, 1, &stored);
    CHECK(net.stored_weights());
    // conv on [1, 2, 4, 8]: [1-2, 2-4, 4-8] + 0.5 = [-0.5, -1.5, -3.5];
    // dense: [-0.5*1 - 1.5*3 - 3.5*5, -0.5*2 - 1.5*4 - 3.5*6] + bias = [-22.5 + 10, -28 - 10].
    const std::vector<float> y = run(net, {1, 2, 4, 8});
    CHECK(y == std::vector<float>{-12.5f, -38.0f});
    const auto weights = net.weights();  // read back unpacked, as stored
    REQUIRE(weights.size() == 4);
    CHECK(weights[2].data == stored[2].data);

    SECTION("a layer whose stored shapes differ from its config's is named") {
        stored[2].shape = {2, 3};
        CHECK_THROWS_WITH(padlab::Network(spec, 1, &stored),
                          Catch::Contains("Layer 'dense' stores weights of shapes [(2, 3), (2,)], but its config "
                                          "makes [(3, 2), (2,)]"));
    }
    SECTION("a layer the file has no weights for is named") {
        stored.erase(stored.begin(), stored.begin() + 2);
        CHECK_THROWS_WITH(padlab::Network(spec, 1, &stored),
                          Catch::Contains("The file stores no weights for layer 'conv'"));
    }
    SECTION("no stored weights: the seeded ones") {
        const std::vector<padlab::NetworkWeight> none;
        CHECK_FALSE(padlab::Network(spec, 1, &none).stored_weights());
    }
}

TEST_CASE("tensor-and-number operations run in a Functional model") {
    // x * 2 - 1, / 4, 1 - y, -y + 3.0 (Keras 3 operations, tf.keras TFOpLambda layers:
    // core/model/layers/operation_layers.cpp), computed as x op c or c op x.
    padlab::Network net(padlab::import_model("import keras\n"
                                             "x = keras.Input(shape=(3,))\n"
                                             "y = (x * 2 - 1) / 4\n"
                                             "z = 1 - y\n"
                                             "out = -z + 3.0\n"
                                             "model = keras.Model(x, out)\n"),
                        1);
    CHECK(run(net, {1.0f, -2.0f, 4.0f}) == std::vector<float>{2.25f, 0.75f, 3.75f});
}
