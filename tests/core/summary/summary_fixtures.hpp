#pragma once
// Hand-built ModelSummary values for the summary renderer tests, so they do not depend on
// model.cpp: the seed blog's model (Conv2D 32/64/128 3x3 -> Flatten -> Dense 256 -> Dense 10
// on 28x28x1, numbers from the reference's Appendix A) and a model with overlong fields.
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/model/model.hpp"

namespace padlab::test {

inline LayerSummary make_layer(std::string name, std::string class_name, Shape in, Shape out,
                               std::int64_t params, std::int64_t macs = 0, int line = 0) {
    LayerSummary l;
    l.name = std::move(name);
    l.class_name = std::move(class_name);
    l.input_shape = std::move(in);
    l.output_shape = std::move(out);
    l.params = params;
    l.trainable_params = params;
    l.macs = macs;
    l.line = line;
    return l;
}

// An expected summary text under tests/core/summary/expected/, byte for byte.
inline std::string expected_text(const std::string& file) {
    const std::string path = std::string(PADLAB_SOURCE_DIR) + "/tests/core/summary/expected/" + file;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// padding='valid' (Appendix A.1) or 'same' (A.2) on all three convolutions.
inline ModelSummary blog_model(bool same) {
    const Dim s1 = same ? 28 : 26, s2 = same ? 28 : 24, s3 = same ? 28 : 22;
    const Pads pads = same ? Pads{{1, 1}, {1, 1}} : Pads{{0, 0}, {0, 0}};
    ModelSummary m;
    m.name = "sequential";
    m.input_shape = {kNone, 28, 28, 1};
    m.layers = {
        make_layer("conv2d", "Conv2D", {kNone, 28, 28, 1}, {kNone, s1, s1, 32}, 320,
                   same ? 225792 : 194688, 4),
        make_layer("conv2d_1", "Conv2D", {kNone, s1, s1, 32}, {kNone, s2, s2, 64}, 18496,
                   same ? 14450688 : 10616832, 5),
        make_layer("conv2d_2", "Conv2D", {kNone, s2, s2, 64}, {kNone, s3, s3, 128}, 73856,
                   same ? 57802752 : 35684352, 6),
        make_layer("flatten", "Flatten", {kNone, s3, s3, 128}, {kNone, s3 * s3 * 128}, 0, 0, 7),
        make_layer("dense", "Dense", {kNone, s3 * s3 * 128}, {kNone, 256},
                   same ? 25690368 : 15859968, same ? 25690112 : 15859712, 8),
        make_layer("dense_1", "Dense", {kNone, 256}, {kNone, 10}, 2570, 2560, 9),
    };
    for (int i = 0; i < 3; ++i) m.layers[static_cast<std::size_t>(i)].padding = pads;
    m.total_params = m.trainable_params = same ? 25785610 : 15955210;
    m.total_macs = same ? 98171904 : 62358144;
    return m;
}

// Fields longer than their columns: truncated (Keras 2 era A), wrapped (eras B/C), word-wrapped
// with an ellipsis for overlong words (Keras 3). Includes CJK names (2 terminal cells each).
inline ModelSummary long_fields_model() {
    ModelSummary m;
    m.name = "sequential";
    m.input_shape = {kNone, 8, 8, 8, 1};
    m.layers = {
        make_layer("a_very_long_layer_name_that_goes_on_and_on", "Conv3DTranspose",
                   {kNone, 8, 8, 8, 1}, {kNone, 1024, 1024, 1024, 512}, 12345678901234),
        make_layer("conv3d", "Conv3D", {kNone, 1024, 1024, 1024, 512},
                   {kNone, 12345, 12345, 12345, 128}, 3584),
        make_layer("name with spaces and more words here", "Dense", {kNone, 4}, {kNone, 10},
                   1234567),
        make_layer("層_レイヤー_名前", "BatchNormalization", {kNone, 3}, {kNone, 3}, 12),
    };
    m.layers[3].trainable_params = 6;
    m.layers[3].non_trainable_params = 6;
    m.trainable_params = 12345680139391;
    m.non_trainable_params = 6;  // the BatchNormalization moving mean and variance
    m.total_params = m.trainable_params + m.non_trainable_params;
    return m;
}

// ---------------------------------------------------------------- graph (Functional) models
// Rows as the summarizer fills them for graphs: Keras's model.layers order, InputLayers
// included (is_input), connections by row index.

inline int row_of(const ModelSummary& m, const std::string& name) {
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        if (m.layers[i].name == name) return static_cast<int>(i);
    }
    throw std::logic_error("no row named " + name);
}

struct Inbound {
    std::string layer;
    int node = 0;
    int tensor = 0;
};

// Appends a row of a graph model, connected to earlier rows by name.
inline LayerSummary& add_row(ModelSummary& m, std::string name, std::string class_name, Shape out, std::int64_t params,
                             std::vector<Inbound> inbound = {}) {
    LayerSummary l = make_layer(std::move(name), std::move(class_name), {}, std::move(out), params);
    l.is_input = l.class_name == "InputLayer";
    if (l.is_input) l.input_shape = l.output_shape;
    for (const Inbound& in : inbound) {
        const int row = row_of(m, in.layer);
        l.connected_to.push_back({row, in.node, in.tensor});
        if (l.input_shape.empty()) l.input_shape = m.layers[static_cast<std::size_t>(row)].output_shape;
    }
    m.layers.push_back(std::move(l));
    return m.layers.back();
}

inline ModelSummary graph_model(std::string name, bool sequential_like) {
    ModelSummary m;
    m.name = std::move(name);
    m.graph = true;
    m.sequential_like = sequential_like;
    return m;
}

inline void set_totals(ModelSummary& m, std::int64_t total, std::int64_t trainable) {
    m.total_params = total;
    m.trainable_params = trainable;
    m.non_trainable_params = total - trainable;
}

// The keras.io Functional API guide's toy ResNet (notes/graph-summary.md §3). `guide` names
// are those of the guide's session (conv2d_8 ... dense_7, model "toy_resnet"); otherwise the
// era C notebook's (conv2d ... conv2d_6, dense_29, dropout_13, dense_30, model "model_1").
inline ModelSummary toy_resnet(bool guide) {
    const auto n = [&](const char* guide_name, const char* fresh_name) { return guide ? guide_name : fresh_name; };
    ModelSummary m = graph_model(guide ? "toy_resnet" : "model_1", false);
    const Dim N = kNone;
    add_row(m, "img", "InputLayer", {N, 32, 32, 3}, 0);
    add_row(m, n("conv2d_8", "conv2d"), "Conv2D", {N, 30, 30, 32}, 896, {{"img"}});
    add_row(m, n("conv2d_9", "conv2d_1"), "Conv2D", {N, 28, 28, 64}, 18496, {{n("conv2d_8", "conv2d")}});
    add_row(m, n("max_pooling2d_2", "max_pooling2d"), "MaxPooling2D", {N, 9, 9, 64}, 0, {{n("conv2d_9", "conv2d_1")}});
    const std::string pool = n("max_pooling2d_2", "max_pooling2d");
    add_row(m, n("conv2d_10", "conv2d_2"), "Conv2D", {N, 9, 9, 64}, 36928, {{pool}});
    add_row(m, n("conv2d_11", "conv2d_3"), "Conv2D", {N, 9, 9, 64}, 36928, {{n("conv2d_10", "conv2d_2")}});
    add_row(m, "add", "Add", {N, 9, 9, 64}, 0, {{n("conv2d_11", "conv2d_3")}, {pool}});
    add_row(m, n("conv2d_12", "conv2d_4"), "Conv2D", {N, 9, 9, 64}, 36928, {{"add"}});
    add_row(m, n("conv2d_13", "conv2d_5"), "Conv2D", {N, 9, 9, 64}, 36928, {{n("conv2d_12", "conv2d_4")}});
    add_row(m, "add_1", "Add", {N, 9, 9, 64}, 0, {{n("conv2d_13", "conv2d_5")}, {"add"}});
    add_row(m, n("conv2d_14", "conv2d_6"), "Conv2D", {N, 7, 7, 64}, 36928, {{"add_1"}});
    add_row(m, "global_average_pooling2d", "GlobalAveragePooling2D", {N, 64}, 0, {{n("conv2d_14", "conv2d_6")}});
    add_row(m, n("dense_6", "dense_29"), "Dense", {N, 256}, 16640, {{"global_average_pooling2d"}});
    add_row(m, n("dropout", "dropout_13"), "Dropout", {N, 256}, 0, {{n("dense_6", "dense_29")}});
    add_row(m, n("dense_7", "dense_30"), "Dense", {N, 10}, 2570, {{n("dropout", "dropout_13")}});
    m.input_shape = {N, 32, 32, 3};
    set_totals(m, 223242, 223242);
    return m;
}

// The guide's mnist_model: Input(784) -> Dense 64 -> Dense 64 -> Dense 10, a sequential-like
// graph. Keras 3 names from the 3.0.5+ page (input_layer_5, dense_10 ...).
inline ModelSummary mnist_model() {
    ModelSummary m = graph_model("mnist_model", true);
    add_row(m, "input_1", "InputLayer", {kNone, 784}, 0).name_keras3 = "input_layer_5";
    add_row(m, "dense", "Dense", {kNone, 64}, 50240, {{"input_1"}}).name_keras3 = "dense_10";
    add_row(m, "dense_1", "Dense", {kNone, 64}, 4160, {{"dense"}}).name_keras3 = "dense_11";
    add_row(m, "dense_2", "Dense", {kNone, 10}, 650, {{"dense_1"}}).name_keras3 = "dense_12";
    m.input_shape = {kNone, 784};
    set_totals(m, 55050, 55050);
    return m;
}

// A layer shared by two inputs (nodes shared[0], shared[1]), two outputs (notes §3.6).
inline ModelSummary shared_model() {
    ModelSummary m = graph_model("m", false);
    add_row(m, "a", "InputLayer", {kNone, 4}, 0);
    add_row(m, "b", "InputLayer", {kNone, 4}, 0);
    add_row(m, "shared", "Dense", {kNone, 3}, 15, {{"a"}, {"b"}});
    add_row(m, "add", "Add", {kNone, 3}, 0, {{"shared", 0}, {"shared", 1}});
    add_row(m, "out1", "Dense", {kNone, 1}, 4, {{"add"}});
    add_row(m, "out2", "Dense", {kNone, 2}, 8, {{"shared", 0}});
    set_totals(m, 27, 27);
    return m;
}

// A multi-output layer: LSTM(64, return_state=True) on (10, 8), its outputs read by tensor index.
inline ModelSummary multi_output_model() {
    ModelSummary m = graph_model("multi", false);
    add_row(m, "seq", "InputLayer", {kNone, 10, 8}, 0);
    LayerSummary& lstm = add_row(m, "lstm", "LSTM", {kNone, 64}, 18688, {{"seq"}});
    lstm.output_shapes = {{kNone, 64}, {kNone, 64}, {kNone, 64}};
    add_row(m, "head", "Dense", {kNone, 1}, 65, {{"lstm", 0, 1}});
    add_row(m, "cat", "Concatenate", {kNone, 128}, 0, {{"lstm", 0, 0}, {"lstm", 0, 2}});
    set_totals(m, 18753, 18753);
    return m;
}

inline std::shared_ptr<const ModelSummary> share(ModelSummary m) {
    return std::make_shared<const ModelSummary>(std::move(m));
}

// Keras v2.15 layer_utils_test's expand_nested model: Input -> model_1(Input -> model(Input ->
// Conv2D(3, 1) -> BatchNormalization)), every level a sequential-like Functional. `names` are
// the three InputLayers' and the two models' names, outermost first.
inline ModelSummary nested_test_model(const std::vector<std::string>& names, const std::string& top_name,
                                      bool conv_trainable = true) {
    const Shape s = {kNone, kNone, kNone, 3};
    ModelSummary inner = graph_model(names[4], true);
    add_row(inner, names[2], "InputLayer", s, 0);
    LayerSummary& conv = add_row(inner, "conv2d", "Conv2D", s, 12, {{names[2]}});
    conv.trainable = conv_trainable;
    if (!conv_trainable) {
        conv.trainable_params = 0;
        conv.non_trainable_params = 12;
    }
    LayerSummary& bn = add_row(inner, "batch_normalization", "BatchNormalization", s, 12, {{"conv2d"}});
    bn.trainable_params = bn.non_trainable_params = 6;
    const std::int64_t trainable = conv_trainable ? 18 : 6;
    set_totals(inner, 24, trainable);

    ModelSummary mid = graph_model(names[3], true);
    add_row(mid, names[1], "InputLayer", s, 0);
    add_row(mid, names[4], "Functional", s, 24, {{names[1]}}).nested = share(inner);
    set_totals(mid, 24, trainable);

    ModelSummary top = graph_model(top_name, true);
    add_row(top, names[0], "InputLayer", s, 0);
    add_row(top, names[3], "Functional", s, 24, {{names[0]}}).nested = share(mid);
    set_totals(top, 24, trainable);
    return top;
}

// A residual graph around a nested Functional block: x -> block(x) + x -> Flatten -> Dense.
inline ModelSummary nested_graph_model() {
    const Shape s = {kNone, 8, 8, 4};
    ModelSummary block = graph_model("block", true);
    add_row(block, "block_in", "InputLayer", s, 0);
    add_row(block, "conv2d", "Conv2D", s, 148, {{"block_in"}});
    LayerSummary& bn = add_row(block, "batch_normalization", "BatchNormalization", s, 16, {{"conv2d"}});
    bn.trainable_params = bn.non_trainable_params = 8;
    set_totals(block, 164, 156);

    ModelSummary m = graph_model("res", false);
    add_row(m, "x", "InputLayer", s, 0);
    add_row(m, "block", "Functional", s, 164, {{"x"}}).nested = share(block);
    add_row(m, "add", "Add", s, 0, {{"block"}, {"x"}});
    add_row(m, "flatten", "Flatten", {kNone, 256}, 0, {{"add"}});
    add_row(m, "dense", "Dense", {kNone, 2}, 514, {{"flatten"}});
    set_totals(m, 678, 670);
    return m;
}

}  // namespace padlab::test
