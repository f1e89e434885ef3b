#pragma once
// A Sequential model: shape propagation, naming, parameter and MAC totals.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/model_spec.hpp"
#include "core/base/shape.hpp"

namespace padlab {

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
};

struct ModelSummary {
    std::string name;                  // "sequential" unless the source names it
    Shape input_shape;                 // with batch dim
    std::vector<LayerSummary> layers;  // InputLayer excluded, as Keras's summary does
    std::int64_t total_params = 0;
    std::int64_t trainable_params = 0;
    std::int64_t non_trainable_params = 0;
    std::int64_t total_macs = 0;
};

// Builds the model: resolves classes (UnsupportedError for unknown ones, naming the line),
// finds the input shape (InputLayer, or batch_input_shape / batch_shape / input_shape on the
// first layer; ShapeError when missing), names layers with Keras's zero-based counters,
// and runs each layer's inference. Every error is located (layer name + line).
ModelSummary summarize(const ModelSpec& spec);

}  // namespace padlab
