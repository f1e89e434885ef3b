#pragma once
// The diagram of one layer of a real model: its spatial input length from the model's shape
// inference, and its kernel / pool size, strides, dilation and padding from its own config.
// Covers Conv*, SeparableConv*, DepthwiseConv*, Conv*Transpose, Max/AveragePooling* and
// ZeroPadding* / Cropping* (drawn without a kernel).
#include <string_view>

#include "core/diagram/diagram.hpp"
#include "core/model/model.hpp"
#include "core/model/model_spec.hpp"

namespace padlab {

// `layer` and `summary` describe the same layer (summary from summarize()).
// UnsupportedError for layers with nothing to draw (Dense, Flatten...); ShapeError when a
// spatial length is unknown (None).
DiagramSpec layer_diagram_spec(const LayerSpec& layer, const LayerSummary& summary);

// The layer named `name` (its Keras name, as the summary prints it) of a summarized model.
// ArgumentError listing the layer names when there is no such layer.
DiagramSpec model_layer_diagram_spec(const ModelSpec& spec, const ModelSummary& summary, std::string_view name);

}  // namespace padlab
