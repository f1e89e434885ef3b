#pragma once
// A model's summary: shape propagation, naming, parameter and MAC totals, per layer in Keras's
// order. Sequential chains and graph (Functional) models; a graph also records, per layer, the
// tensors each of its calls reads, so the summaries can print Keras's "Connected to" column.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/model_spec.hpp"
#include "core/base/shape.hpp"

namespace padlab {

// One inbound tensor of a layer's call, as Keras prints it: layers[layer] of the summary (its
// row index), node index and tensor index: "conv2d[0][0]".
struct Connection {
    int layer = -1;
    int node = 0;
    int tensor = 0;
};

struct ModelSummary;

struct LayerSummary {
    std::string name;          // Keras name (config "name", else auto: conv2d, conv2d_1, ...)
    std::string class_name;    // canonical class ("Conv2D")
    Shape input_shape;
    Shape output_shape;
    std::int64_t params = 0;
    std::int64_t trainable_params = 0;
    std::int64_t non_trainable_params = 0;
    std::int64_t macs = 0;
    std::optional<Pads> padding;
    int line = 0;
    // Graph models only:
    bool is_input = false;                 // an InputLayer row (graphs list them)
    std::vector<Shape> output_shapes;      // a layer with several outputs: each of them (else empty)
    bool multiple_shapes = false;          // called on differently shaped inputs: Keras prints "multiple"
    std::vector<Connection> connected_to;  // every call's inputs, calls in node order
    std::string name_keras3;               // the Keras 3 name where it differs (auto-named inputs: "input_layer")
    int spec_index = -1;                   // graph: the layer's index in ModelSpec::layers
    // Keras 2 counts a nested model's calls from 1 (graph.hpp keras2_node_offset): what its
    // summary adds to Connection::node of a tensor this layer produced.
    int node_offset_keras2 = 0;
    // Which shape a shared layer reports: Keras 2 prints "multiple" (multiple_shapes) when its
    // calls' shapes differ, else the first call's; Keras 3 prints the LAST call's outputs, so
    // output_shape / output_shapes should hold the last call's when multiple_shapes is set.
    // For the summaries' options (core/summary/summary_options.hpp):
    bool trainable = true;  // layer.trainable: show_trainable prints Y/N (InputLayers: true)
    // A Keras 3 operation, not a layer (LayerSpec::operation): a row of both summaries (Keras 2
    // prints it as the TFOpLambda layer `name` says), but len(model.layers) in Keras 3 leaves it out.
    bool operation = false;
    // A nested model used as a layer (Sequential / Functional): its own summary, rows in its
    // model.layers order (a nested Sequential without its InputLayer, as Keras lists it).
    // expand_nested prints these rows under this one; null for plain layers.
    std::shared_ptr<const ModelSummary> nested;
};

struct ModelSummary {
    std::string name;                  // "sequential" unless the source names it (graph: "model")
    std::string name_keras3;           // where Keras 3 names it differently ("functional")
    bool graph = false;                // a Functional model: rows include its InputLayers
    // Keras prints a graph that is a plain chain (one node per depth, one input each, no shared
    // layer) in the Sequential layout (keras/utils/layer_utils.py `sequential_like`).
    bool sequential_like = true;
    Shape input_shape;                 // with batch dim
    std::vector<LayerSummary> layers;  // Sequential: InputLayer excluded, as Keras's summary does
    std::vector<Shape> output_shapes;  // the model's outputs (Sequential: the last layer's)
    std::int64_t total_params = 0;
    std::int64_t trainable_params = 0;
    std::int64_t non_trainable_params = 0;
    std::int64_t total_macs = 0;
};

// Builds the model: resolves classes (UnsupportedError for unknown ones, naming the line),
// finds the input shape (InputLayer, or batch_input_shape / batch_shape / input_shape on the
// first layer; ShapeError when missing), names layers with Keras's zero-based counters,
// and runs each layer's inference. Every error is located (layer name + line).
//
// Graph models (spec.graph): every call of every layer is inferred from the shapes it reads;
// rows come in Keras's model.layers order (depth from the outputs, then first visit), each
// with its connections; a layer called twice is one row (its parameters counted once, its MACs
// per call). Keras's errors for graphs: "Graph disconnected: ...", duplicate names, merge
// layers' shape rules.
ModelSummary summarize(const ModelSpec& spec);

}  // namespace padlab
