#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/model/graph.hpp"

using padlab::ArgumentError;
using padlab::kNone;
using padlab::LayerCall;
using padlab::LayerSpec;
using padlab::ModelSpec;
using padlab::ModelSummary;
using padlab::Shape;
using padlab::ShapeError;
using padlab::TensorRef;
using nlohmann::json;

namespace {

// A graph model built call by call, as the Functional API does: each call returns its tensor.
struct Graph {
    ModelSpec m;
    Graph() { m.graph = true; }
    TensorRef input(Shape shape, std::string name = "") {
        json c = {{"batch_input_shape", json::array()}};
        c["batch_input_shape"].push_back(nullptr);
        for (auto d : shape) c["batch_input_shape"].push_back(d);
        if (!name.empty()) c["name"] = name;
        m.layers.push_back({"InputLayer", c, static_cast<int>(m.layers.size()) + 1, 1});
        const TensorRef t{static_cast<int>(m.layers.size()) - 1, 0, 0};
        m.inputs.push_back(t);
        return t;
    }
    int layer(const std::string& cls, json config) {
        m.layers.push_back({cls, std::move(config), static_cast<int>(m.layers.size()) + 1, 1});
        return static_cast<int>(m.layers.size()) - 1;
    }
    TensorRef call(int layer, std::vector<TensorRef> inputs, bool list = false) {
        auto& calls = m.layers[static_cast<std::size_t>(layer)].calls;
        calls.push_back(LayerCall{std::move(inputs), list, 0, 0});
        return {layer, static_cast<int>(calls.size()) - 1, 0};
    }
    TensorRef operator()(const std::string& cls, json config, TensorRef x) { return call(layer(cls, std::move(config)), {x}); }
    TensorRef merge(const std::string& cls, json config, std::vector<TensorRef> xs) { return call(layer(cls, std::move(config)), xs, true); }
};

json conv(const std::string& name, int filters, const std::string& padding = "valid") {
    return {{"name", name}, {"filters", filters}, {"kernel_size", {3, 3}}, {"activation", "relu"}, {"padding", padding}};
}

// The toy ResNet of the keras.io guide "The Functional API", with the names it printed.
ModelSpec toy_resnet() {
    Graph g;
    auto x = g.input({32, 32, 3}, "img");
    x = g("Conv2D", conv("conv2d_8", 32), x);
    x = g("Conv2D", conv("conv2d_9", 64), x);
    const auto block_1 = g("MaxPooling2D", {{"name", "max_pooling2d_2"}, {"pool_size", 3}}, x);
    x = g("Conv2D", conv("conv2d_10", 64, "same"), block_1);
    x = g("Conv2D", conv("conv2d_11", 64, "same"), x);
    const auto block_2 = g.merge("Add", {{"name", "add"}}, {x, block_1});
    x = g("Conv2D", conv("conv2d_12", 64, "same"), block_2);
    x = g("Conv2D", conv("conv2d_13", 64, "same"), x);
    const auto block_3 = g.merge("Add", {{"name", "add_1"}}, {x, block_2});
    x = g("Conv2D", conv("conv2d_14", 64), block_3);
    x = g("GlobalAveragePooling2D", {{"name", "global_average_pooling2d"}}, x);
    x = g("Dense", {{"name", "dense_6"}, {"units", 256}, {"activation", "relu"}}, x);
    x = g("Dropout", {{"name", "dropout"}, {"rate", 0.5}}, x);
    x = g("Dense", {{"name", "dense_7"}, {"units", 10}}, x);
    g.m.outputs = {x};
    g.m.name = "toy_resnet";
    return g.m;
}

std::vector<std::string> connections(const ModelSummary& s, std::size_t row) {
    std::vector<std::string> out;
    for (const auto& c : s.layers[row].connected_to)
        out.push_back(s.layers[static_cast<std::size_t>(c.layer)].name + "[" + std::to_string(c.node) + "][" + std::to_string(c.tensor) + "]");
    return out;
}

}  // namespace

TEST_CASE("graph: the keras.io toy ResNet, rows in Keras's order with shapes, params and connections", "[graph]") {
    const ModelSummary s = padlab::summarize(toy_resnet());
    CHECK(s.graph);
    CHECK_FALSE(s.sequential_like);
    CHECK(s.name == "toy_resnet");
    REQUIRE(s.layers.size() == 15);
    const std::vector<std::string> names = {"img", "conv2d_8", "conv2d_9", "max_pooling2d_2", "conv2d_10", "conv2d_11", "add",
                                            "conv2d_12", "conv2d_13", "add_1", "conv2d_14", "global_average_pooling2d",
                                            "dense_6", "dropout", "dense_7"};
    const std::vector<Shape> shapes = {{kNone, 32, 32, 3}, {kNone, 30, 30, 32}, {kNone, 28, 28, 64}, {kNone, 9, 9, 64},
                                       {kNone, 9, 9, 64},  {kNone, 9, 9, 64},   {kNone, 9, 9, 64},   {kNone, 9, 9, 64},
                                       {kNone, 9, 9, 64},  {kNone, 9, 9, 64},   {kNone, 7, 7, 64},   {kNone, 64},
                                       {kNone, 256},       {kNone, 256},        {kNone, 10}};
    const std::vector<std::int64_t> params = {0, 896, 18496, 0, 36928, 36928, 0, 36928, 36928, 0, 36928, 0, 16640, 0, 2570};
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(names[i]);
        CHECK(s.layers[i].name == names[i]);
        CHECK(s.layers[i].output_shape == shapes[i]);
        CHECK(s.layers[i].params == params[i]);
    }
    CHECK(s.layers[0].is_input);
    CHECK(s.layers[0].class_name == "InputLayer");
    CHECK(connections(s, 0).empty());
    CHECK(connections(s, 1) == std::vector<std::string>{"img[0][0]"});
    CHECK(connections(s, 6) == std::vector<std::string>{"conv2d_11[0][0]", "max_pooling2d_2[0][0]"});
    CHECK(connections(s, 9) == std::vector<std::string>{"conv2d_13[0][0]", "add[0][0]"});
    CHECK(s.total_params == 223242);
    CHECK(s.trainable_params == 223242);
    CHECK(s.output_shapes == std::vector<Shape>{{kNone, 10}});
    CHECK(s.input_shape == Shape{kNone, 32, 32, 3});
}

TEST_CASE("graph: a plain chain is sequential-like; auto names follow Keras 2 and Keras 3", "[graph]") {
    Graph g;
    auto x = g.input({784});
    x = g("Dense", {{"units", 64}, {"activation", "relu"}}, x);
    x = g("Dense", {{"units", 64}, {"activation", "relu"}}, x);
    x = g("Dense", {{"units", 10}}, x);
    g.m.outputs = {x};
    g.m.name = "mnist_model";
    const ModelSummary s = padlab::summarize(g.m);
    CHECK(s.sequential_like);
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[0].name == "input_1");
    CHECK(s.layers[0].name_keras3 == "input_layer");
    CHECK(s.layers[1].name == "dense");
    CHECK(s.layers[2].name == "dense_1");
    CHECK(s.layers[3].params == 650);
    CHECK(s.total_params == 55050);
    Graph unnamed = g;
    unnamed.m.name.clear();
    const ModelSummary u = padlab::summarize(unnamed.m);
    CHECK(u.name == "model");
    CHECK(u.name_keras3 == "functional");
}

TEST_CASE("graph: a shared layer is one row with node indices 0 and 1, parameters counted once", "[graph]") {
    Graph g;
    const auto a = g.input({16}, "a");
    const auto b = g.input({16}, "b");
    const int shared = g.layer("Dense", {{"name", "shared"}, {"units", 8}});
    const auto ya = g.call(shared, {a});
    const auto yb = g.call(shared, {b});
    CHECK(yb.node == 1);
    const auto out = g.merge("Concatenate", {{"name", "concat"}}, {ya, yb});
    g.m.outputs = {out};
    const ModelSummary s = padlab::summarize(g.m);
    CHECK_FALSE(s.sequential_like);
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[0].name == "a");
    CHECK(s.layers[1].name == "b");
    CHECK(s.layers[2].name == "shared");
    CHECK(connections(s, 2) == std::vector<std::string>{"a[0][0]", "b[0][0]"});
    CHECK(connections(s, 3) == std::vector<std::string>{"shared[0][0]", "shared[1][0]"});
    CHECK(s.layers[3].output_shape == Shape{kNone, 16});
    CHECK(s.total_params == 16 * 8 + 8);
    CHECK(s.layers[2].macs == 2 * 16 * 8);  // once per call
}

TEST_CASE("graph: Keras's errors for disconnected graphs, duplicate names and merge shapes", "[graph]") {
    {
        Graph g;
        const auto a = g.input({4}, "input_1");
        Graph other;
        const auto c = g.input({4}, "input_2");
        g.m.inputs = {a};
        g.m.outputs = {g("Dense", {{"name", "dense"}, {"units", 2}}, c)};
        (void)other;
        CHECK_THROWS_WITH(padlab::summarize(g.m),
                          "Graph disconnected: cannot obtain value for tensor KerasTensor(type_spec=TensorSpec(shape=(None, 4), "
                          "dtype=tf.float32, name='input_2'), name='input_2', description=\"created by layer 'input_2'\") at "
                          "layer \"dense\". The following previous layers were accessed without issue: []");
    }
    {
        Graph g;
        auto x = g.input({4}, "x");
        g.m.outputs = {g("Dense", {{"name", "x"}, {"units", 2}}, x)};
        CHECK_THROWS_WITH(padlab::summarize(g.m),
                          "The name \"x\" is used 2 times in the model. All layer names should be unique.");
    }
    {
        Graph g;
        const auto a = g.input({4}, "a");
        const auto b = g.input({5}, "b");
        g.m.outputs = {g.merge("Add", {{"name", "add"}}, {a, b})};
        try {
            padlab::summarize(g.m);
            FAIL("expected a ShapeError");
        } catch (const ShapeError& e) {
            CHECK(std::string(e.what()) == "Inputs have incompatible shapes. Received shapes (4,) and (5,)");
            CHECK(e.where().layer == "add");
        }
    }
    {
        Graph g;
        const auto a = g.input({4, 3}, "a");
        const auto b = g.input({5, 2}, "b");
        g.m.outputs = {g.merge("Concatenate", {{"name", "concatenate"}}, {a, b})};
        CHECK_THROWS_WITH(padlab::summarize(g.m),
                          "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. "
                          "Received: input_shape=[(None, 4, 3), (None, 5, 2)]");
    }
}

TEST_CASE("graph: 'valid' padding breaks a residual Add that 'same' lines up", "[graph]") {
    for (const char* padding : {"same", "valid"}) {
        Graph g;
        const auto in = g.input({28, 28, 16}, "in");
        auto x = g("Conv2D", conv("c1", 16, padding), in);
        x = g("Conv2D", conv("c2", 16, padding), x);
        g.m.outputs = {g.merge("Add", {{"name", "add"}}, {x, in})};
        if (std::string(padding) == "same") {
            CHECK(padlab::summarize(g.m).output_shapes == std::vector<Shape>{{kNone, 28, 28, 16}});
        } else {
            CHECK_THROWS_WITH(padlab::summarize(g.m),
                              "Inputs have incompatible shapes. Received shapes (24, 24, 16) and (28, 28, 16)");
        }
    }
}

TEST_CASE("graph: a nested Sequential is one row with its totals", "[graph]") {
    auto inner = std::make_shared<ModelSpec>();
    inner->name = "block";
    inner->layers.push_back({"Dense", {{"units", 8}, {"input_shape", {4}}}, 1, 1});
    inner->layers.push_back({"Dense", {{"units", 2}}, 2, 1});
    Graph g;
    const auto x = g.input({4}, "x");
    const int nested = g.layer("Sequential", {{"name", "block"}});
    g.m.layers[static_cast<std::size_t>(nested)].nested = inner;
    g.m.outputs = {g.call(nested, {x})};
    const ModelSummary s = padlab::summarize(g.m);
    REQUIRE(s.layers.size() == 2);
    CHECK(s.layers[1].name == "block");
    CHECK(s.layers[1].class_name == "Sequential");
    CHECK(s.layers[1].output_shape == Shape{kNone, 2});
    CHECK(s.layers[1].params == (4 * 8 + 8) + (8 * 2 + 2));
    CHECK(connections(s, 1) == std::vector<std::string>{"x[0][0]"});
}

TEST_CASE("graph: a layer with several outputs; calls read them by tensor index", "[graph]") {
    // LSTM(8, return_state=True): [output, h, c], Keras's node tensors 0, 1, 2
    // (keras_history (lstm, 0, k)); Bidirectional(merge_mode=None): [forward, backward].
    Graph g;
    const auto x = g.input({10, 5}, "x");
    const int lstm = g.layer("LSTM", {{"name", "lstm"}, {"units", 8}, {"return_state", true}});
    const TensorRef out = g.call(lstm, {x});
    const TensorRef h{out.layer, 0, 1}, c{out.layer, 0, 2};
    const auto cat = g.merge("Concatenate", {{"name", "cat"}}, {out, h, c});
    const auto bidi = g("Bidirectional", {{"name", "bi"}, {"layer", {{"class_name", "GRU"}, {"config", {{"units", 3}}}}},
                                          {"merge_mode", nullptr}},
                        x);
    const auto add = g.merge("Add", {{"name", "add"}}, {bidi, TensorRef{bidi.layer, 0, 1}});
    g.m.outputs = {cat, add, c};
    const ModelSummary m = padlab::summarize_graph(g.m);
    REQUIRE(m.layers.size() == 5);
    CHECK(m.layers[1].name == "lstm");
    CHECK(m.layers[1].output_shape == Shape{kNone, 8});
    CHECK(m.layers[1].output_shapes == std::vector<Shape>{{kNone, 8}, {kNone, 8}, {kNone, 8}});
    CHECK(m.layers[1].params == 4 * (8 * 13 + 8));
    const auto& cat_row = m.layers[3].name == "cat" ? m.layers[3] : m.layers[4];
    CHECK(cat_row.output_shape == Shape{kNone, 24});
    REQUIRE(cat_row.connected_to.size() == 3);
    CHECK(cat_row.connected_to[2].tensor == 2);
    CHECK(m.output_shapes == std::vector<Shape>{{kNone, 24}, {kNone, 3}, {kNone, 8}});
    // Reading past the outputs is refused at the reading layer.
    Graph bad;
    const auto y = bad.input({10, 5}, "y");
    const TensorRef gru = bad("GRU", {{"name", "gru"}, {"units", 4}, {"return_state", true}}, y);
    const auto d = bad("Dense", {{"name", "d"}, {"units", 1}}, TensorRef{gru.layer, 0, 2});
    bad.m.outputs = {d};
    CHECK_THROWS_WITH(padlab::summarize_graph(bad.m), "The connection gru[0][2] names output 2 of a call with 2 outputs");
}

TEST_CASE("graph: an operation row takes Keras 3's add counter and tf.keras's TFOpLambda name", "[graph]") {
    // keras/src/ops/operation.py: an operation is auto-named from its class by the layers'
    // counters (naming.auto_name); tf.keras's TFOpLambda for `a + b` is "tf.__operators__.add",
    // with a counter of its own.
    Graph g;
    auto x = g.input({4, 4, 8});
    const auto y = g("Activation", {{"activation", "linear"}}, x);
    const int op = g.layer("Add", json::object());
    g.m.layers[static_cast<std::size_t>(op)].operation = "tf.__operators__.add";
    const auto a = g.call(op, {x, y}, true);
    const auto b = g.merge("Add", json::object(), {a, y});
    g.m.outputs = {b};
    const ModelSummary s = padlab::summarize(g.m);
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[2].operation);
    CHECK(s.layers[2].name == "tf.__operators__.add");
    CHECK(s.layers[2].name_keras3 == "add");
    CHECK(s.layers[2].class_name == "Add");
    CHECK_FALSE(s.layers[3].operation);
    CHECK(s.layers[3].name == "add");
    CHECK(s.layers[3].name_keras3 == "add_1");
    CHECK_FALSE(s.sequential_like);
}
