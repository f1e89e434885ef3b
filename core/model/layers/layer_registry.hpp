#pragma once
// One registry of every layer class PadLab models: how to infer its output shape, parameter
// counts and MACs from its Keras config and input shape, its Python positional arguments
// (used by the Python importer to name positional args, e.g. Conv2D(32, (3, 3))), and how the
// forward pass builds and runs it (layer_forward.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/base/shape.hpp"
#include "core/model/layers/layer_forward.hpp"

namespace padlab {

struct LayerResult {
    Shape output_shape;                // including the batch dim (kNone); the first output's
    // A layer with several output tensors (an RNN with return_state, Bidirectional with
    // merge_mode=None): every output's shape, in Keras's order (output_shape == the first).
    // Empty for a layer with one output.
    std::vector<Shape> output_shapes;
    std::int64_t trainable_params = 0;
    std::int64_t non_trainable_params = 0;
    // Weight multiply-accumulates for one sample (bias excluded; FLOPs = 2 x MACs).
    std::int64_t macs = 0;
    // {before, after} per spatial axis for layers that pad or crop (Conv, Pooling,
    // ZeroPadding, Cropping: cropping as negative amounts); nullopt for other layers.
    std::optional<Pads> padding;
};

// What a weightless layer that keeps its input's shape infers (activations, noise, most
// preprocessing layers).
inline LayerResult same_shape(const Shape& input) {
    LayerResult r;
    r.output_shape = input;
    return r;
}

using InferFn = LayerResult (*)(const nlohmann::json& config, const Shape& input_shape);
// Layers called on a list of tensors (merge layers): the shapes of the list, in call order.
using MultiInferFn = LayerResult (*)(const nlohmann::json& config, const std::vector<Shape>& input_shapes);
// How many output tensors a call of the layer returns, from its config alone (the Python
// importer unpacks `x, h, c = LSTM(8, return_state=True)(x)` before any shape is known).
using OutputCountFn = std::size_t (*)(const nlohmann::json& config);

struct LayerType {
    std::string_view class_name;                 // canonical, as Keras prints it
    std::vector<std::string_view> positional;    // Python __init__ positional argument names
    InferFn infer;                               // throws padlab::Error subclasses
    ForwardFn forward = nullptr;                 // nullptr: the forward pass cannot run this class
    ForwardBytesFn forward_bytes = nullptr;      // nullptr: 4 bytes a parameter
    MultiInferFn infer_list = nullptr;           // merge layers: called on a list (then `infer` refuses a single tensor)
    // Layers called on several tensor arguments, not one list (MultiHeadAttention: query, value,
    // key): the call's argument names in order. The importers pass the tensors given, in this
    // order, to infer_list.
    std::vector<std::string_view> call_tensors{};
    // Layers whose call takes extra input tensors under one keyword (SimpleRNN / LSTM / GRU:
    // rnn(x, initial_state=[h, c])): the keyword. Its tensors follow the input, in order, in
    // the list passed to infer_list, as Keras 2's RNN.__call__ records them.
    std::string_view states_keyword{};
    OutputCountFn output_count = nullptr;        // nullptr: one output tensor
    // The class Keras prints and auto-names by when it is not `class_name`: the operations on a
    // tensor and a number (operation_layers.cpp) register as ScalarAdd, ... because Keras's
    // Add, Subtract, Multiply are also merge layers; they print as "Add" and name as "add".
    std::string_view keras_class{};
};

// What Keras prints as the class (LayerType::keras_class, else class_name).
inline std::string_view keras_class_name(const LayerType& t) { return t.keras_class.empty() ? t.class_name : t.keras_class; }

// The spatial rank a class name carries ("Conv2DTranspose" -> 2, "MaxPooling1D" -> 1); 0 for none.
inline std::size_t class_spatial_rank(std::string_view cls) {
    for (std::size_t r = 1; r <= 3; ++r)
        if (cls.find(std::to_string(r) + "D") != std::string_view::npos) return r;
    return 0;
}

// Whether a class name starts with a family's prefix ("Conv", "MaxPooling", "ZeroPadding").
inline bool class_in_family(std::string_view cls, std::string_view prefix) { return cls.substr(0, prefix.size()) == prefix; }

// By canonical name or alias (Convolution2D, MaxPool2D, ...); nullptr when unknown.
const LayerType* find_layer_type(std::string_view class_name);
// Canonical names of every registered layer, sorted.
std::vector<std::string_view> layer_class_names();

// A class name no layer has: NameError "Unknown layer class 'Conv2d'. Did you mean 'Conv2D'?"
// when a class or alias is close (core/base/suggest.hpp), else UnsupportedError
// "Unknown layer class 'X'" (a Keras layer PadLab does not model, or a custom class).
[[noreturn]] void throw_unknown_layer_class(std::string_view class_name, const Location& where = {});

// Keras auto-naming prefix: "Conv2D" -> "conv2d", "MaxPooling2D" -> "max_pooling2d",
// "Conv2DTranspose" -> "conv2d_transpose" (Keras's _to_snake_case regexes).
std::string keras_snake_case(std::string_view class_name);

}  // namespace padlab
