#pragma once
// What an importer produces: a model as a list of layer configs in Keras's own get_config()
// vocabulary (Keras 2 keys: "batch_input_shape", "kernel_size", "padding"...). Every importer
// (Keras 2/3 JSON, TF.js model.json, Python source) lowers to this, so the layer semantics
// live in one place (layers/), not in each importer.
//
// A Sequential model is a chain: `layers` in order, no calls. A graph (Functional) model is a
// graph of layer calls on symbolic tensors, as Keras builds it: every layer lists its calls
// (Keras's "nodes", node 0, 1, ... for a layer called twice), each call names the tensors it
// reads, and the model names its input and output tensors. InputLayers are layers with no
// call; their one tensor is (layer, 0, 0).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace padlab {

// One symbolic tensor: output `tensor` of call `node` of layers[layer] (Keras's
// keras_history triple, with the layer as an index so that naming can stay Keras's).
struct TensorRef {
    int layer = -1;
    int node = 0;
    int tensor = 0;
    bool operator==(const TensorRef& o) const { return layer == o.layer && node == o.node && tensor == o.tensor; }
};

// One call of a layer (a Keras node): `Conv2D(...)(x)`, `Add()([a, b])`, an inbound_nodes entry.
struct LayerCall {
    std::vector<TensorRef> inputs;  // in call order (flattened)
    bool list_input = false;        // called on a list, even of one tensor (merge layers take lists)
    int line = 0, column = 0;       // where the call is (0 = unknown)
};

struct ModelSpec;

struct LayerSpec {
    std::string class_name;   // canonical Keras class ("Conv2D"); aliases resolved by the registry
    nlohmann::json config;    // Keras config object; "name" optional (auto-named when absent)
    int line = 0;             // 1-based source line the layer came from (0 = unknown)
    int column = 0;
    std::vector<LayerCall> calls{};             // graph models: this layer's calls, node 0 first
    std::shared_ptr<const ModelSpec> nested{};  // a model used as a layer ("Sequential", "Functional")
    // Python source: Keras's per-prefix name counter when the layer was created, over the whole
    // script (an unused Rescaling made earlier makes this one rescaling_1); -1: unknown, so the
    // Sequential path counts within the model. Only auto-named layers have one.
    int auto_index = -1;
    // Not a layer but a Keras 3 operation on symbolic tensors, recorded as a row of its class
    // ("Add" for `inputs + x` in ConvNeXt's builder): Keras 3 lists operations in the summary
    // (print_summary walks model._operations) but not in model.layers; tf.keras makes the same
    // expression a TFOpLambda layer, named by this TensorFlow symbol ("tf.__operators__.add").
    // A tensor and a number (`x * 2`: ScalarMultiply, "tf.math.multiply") likewise, its number
    // in the config (core/model/layers/operation_layers.cpp). Empty for layers.
    std::string operation{};
};

struct ModelSpec {
    std::string name;               // empty = auto ("sequential"; a graph: "model" in Keras 2)
    std::vector<LayerSpec> layers;  // Sequential: may start with an InputLayer
    std::string format;             // "keras2-json" | "keras3-json" | "tfjs-json" | "python"
    bool graph = false;             // a Functional model: layers connect through `calls`
    std::vector<TensorRef> inputs, outputs;  // graph: the model's input and output tensors
    // Python source: the arguments of the model.summary(...) call that printed this model
    // ({"line_length": 100, "expand_nested": true, ...}); null when none was called.
    nlohmann::json summary_options;
    // Python source: the model's own auto-name counter ("sequential_2" is 2), as LayerSpec's.
    int auto_index = -1;
    // What the importer accepted but did not do, for the user to see (Python source:
    // "ResNet50(weights='imagenet'): the ImageNet weights are not loaded; ...", Keras's
    // warnings.warn texts from the application builders). Empty for most models.
    std::vector<std::string> notes;
};

}  // namespace padlab
