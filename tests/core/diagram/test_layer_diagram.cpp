#include <catch2/catch.hpp>

#include "core/diagram/layer_diagram.hpp"
#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"

using namespace padlab;

namespace {

DiagramSpec layer(const char* source, const char* name) {
    const ModelSpec spec = import_model(source);
    return model_layer_diagram_spec(spec, summarize(spec), name);
}

const char* kModel = R"(model = Sequential()
model.add(Conv1D(32, kernel_size=4, activation='relu', input_shape=(16, 1), padding='causal'))
model.add(MaxPooling1D(2, padding='same'))
model.add(ZeroPadding1D((1, 2)))
model.add(Cropping1D(1))
model.add(Conv1DTranspose(8, 3, strides=2))
model.add(Flatten())
model.add(Dense(10))
)";

}  // namespace

TEST_CASE("a conv layer's diagram comes from its config and its input shape", "[layer_diagram]") {
    const DiagramSpec s = layer(kModel, "conv1d");
    CHECK(s.input == Shape{16});
    CHECK(s.kernel == Shape{4});
    CHECK(s.strides == Shape{1});
    CHECK(s.padding.kind == PaddingKind::Causal);
    CHECK(s.op == WindowOp::Conv);
    CHECK(s.label == "conv1d (Conv1D)");
    CHECK(make_diagram(s).output == Shape{16});
}

TEST_CASE("pooling, padding, cropping and transposed layers", "[layer_diagram]") {
    const DiagramSpec pool = layer(kModel, "max_pooling1d");
    CHECK(pool.op == WindowOp::Pool);
    CHECK(pool.input == Shape{16});
    CHECK(pool.kernel == Shape{2});
    CHECK(pool.strides == Shape{2});
    CHECK(pool.padding.kind == PaddingKind::Same);

    const DiagramSpec zp = layer(kModel, "zero_padding1d");
    CHECK(zp.kernel.empty());
    CHECK(zp.input == Shape{8});
    CHECK(zp.padding.pads == Pads{{1, 2}});
    CHECK(make_diagram(zp).output == Shape{11});

    const DiagramSpec crop = layer(kModel, "cropping1d");
    CHECK(crop.padding.pads == Pads{{-1, -1}});
    CHECK(make_diagram(crop).output == Shape{9});

    const DiagramSpec t = layer(kModel, "conv1d_transpose");
    CHECK(t.op == WindowOp::ConvTranspose);
    CHECK(make_diagram(t).output == Shape{19});
}

TEST_CASE("the seed model's 2D layers", "[layer_diagram]") {
    const char* seed = R"(model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1), padding='valid'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu', padding='same'))
)";
    const DiagramSpec a = layer(seed, "conv2d");
    CHECK(a.input == Shape{28, 28});
    CHECK(make_diagram(a).output == Shape{26, 26});
    const DiagramSpec b = layer(seed, "conv2d_1");
    CHECK(b.input == Shape{26, 26});
    CHECK(b.padding.kind == PaddingKind::Same);
}

TEST_CASE("layers without a window, and unknown names, are refused", "[layer_diagram]") {
    CHECK_THROWS_AS(layer(kModel, "flatten"), UnsupportedError);
    CHECK_THROWS_AS(layer(kModel, "dense"), UnsupportedError);
    CHECK_THROWS_WITH(layer(kModel, "conv9"), Catch::Contains("its layers are: conv1d, max_pooling1d"));
    const char* unknown_len = R"(model = Sequential()
model.add(Conv1D(4, 3, input_shape=(None, 2)))
)";
    CHECK_THROWS_AS(layer(unknown_len, "conv1d"), ShapeError);
}

TEST_CASE("a conv layer of a graph model is drawn with its real settings", "[layer_diagram]") {
    const padlab::ModelSpec spec = padlab::import_model(R"({"class_name": "Functional", "config": {"name": "res", "layers": [
  {"name": "x", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 12, 12, 3], "name": "x"}, "inbound_nodes": []},
  {"name": "c", "class_name": "Conv2D", "config": {"name": "c", "filters": 3, "kernel_size": [3, 3], "padding": "same"}, "inbound_nodes": [[["x", 0, 0, {}]]]},
  {"name": "a", "class_name": "Add", "config": {"name": "a"}, "inbound_nodes": [[["c", 0, 0, {}], ["x", 0, 0, {}]]]}],
  "input_layers": [["x", 0, 0]], "output_layers": [["a", 0, 0]]}, "keras_version": "2.11.0"})");
    const padlab::DiagramSpec d = padlab::model_layer_diagram_spec(spec, padlab::summarize(spec), "c");
    CHECK(d.input == padlab::Shape{12, 12});
    CHECK(d.kernel == padlab::Shape{3, 3});
    CHECK(d.padding.kind == padlab::PaddingKind::Same);
}
