#include "core/diagram/layer_diagram.hpp"

#include <string>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_registry.hpp"

namespace padlab {

namespace {

std::string canonical(std::string_view cls) {
    const LayerType* type = find_layer_type(cls);
    return type ? std::string(type->class_name) : std::string(cls);
}

}  // namespace

DiagramSpec layer_diagram_spec(const LayerSpec& layer, const LayerSummary& summary) {
    const std::string cls = canonical(layer.class_name);
    const std::size_t n = class_spatial_rank(cls);
    const bool conv = class_in_family(cls, "Conv") || class_in_family(cls, "SeparableConv") || class_in_family(cls, "DepthwiseConv");
    const bool pool = class_in_family(cls, "MaxPooling") || class_in_family(cls, "AveragePooling");
    const bool pad = class_in_family(cls, "ZeroPadding") || class_in_family(cls, "Cropping");
    const std::string who = "layer '" + summary.name + "' (" + cls + ")";
    if (n == 0 || !(conv || pool || pad)) {
        throw UnsupportedError(who + " has no padding or sliding window to draw; diagrams cover Conv, pooling, "
                               "ZeroPadding and Cropping layers");
    }
    // Channels-last input: (batch, [extra batch axes...], spatial..., channels).
    if (summary.input_shape.size() < n + 2) {
        throw ShapeError(who + ": input shape " + shape_to_python(summary.input_shape) + " has no " +
                         std::to_string(n) + " spatial axes");
    }
    DiagramSpec s;
    s.input.assign(summary.input_shape.end() - 1 - static_cast<std::ptrdiff_t>(n), summary.input_shape.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (s.input[i] == kNone) {
            throw ShapeError(who + ": spatial axis " + std::to_string(i) + " of the input " +
                             shape_to_python(summary.input_shape) + " is unknown (None); a diagram needs known lengths");
        }
    }
    s.label = summary.name + " (" + cls + ")";

    if (pad) {
        if (!summary.padding || summary.padding->size() != n)
            throw UnsupportedError(who + ": the model summary has no padding amounts for this layer");
        s.padding = Padding::explicit_pads(*summary.padding);  // Cropping: negative amounts
        return s;
    }
    const layers::ConfigArgs args(layer.config, cls);
    if (pool) {
        s.op = WindowOp::Pool;
        s.kernel = args.int_tuple("pool_size", n, Shape(n, 2));
        s.strides = args.int_tuple("strides", n, s.kernel);
        s.padding = args.window_padding(false, true);
        return s;
    }
    const bool transpose = cls.find("Transpose") != std::string::npos;
    s.op = transpose ? WindowOp::ConvTranspose : WindowOp::Conv;
    s.kernel = args.int_tuple("kernel_size", n);
    s.strides = args.int_tuple("strides", n, Shape(n, 1));
    s.dilation = args.int_tuple("dilation_rate", n, Shape(n, 1));
    s.padding = args.window_padding(n == 1 && !class_in_family(cls, "Depthwise"), false);
    if (transpose && args.has("output_padding")) s.output_padding = args.int_tuple("output_padding", n);
    return s;
}

DiagramSpec model_layer_diagram_spec(const ModelSpec& spec, const ModelSummary& summary, std::string_view name) {
    if (summary.graph) {  // rows know their layer
        for (const LayerSummary& row : summary.layers)
            if (row.name == name && row.spec_index >= 0) return layer_diagram_spec(spec.layers[static_cast<std::size_t>(row.spec_index)], row);
    }
    std::size_t k = 0;  // index into summary.layers, which leaves the InputLayer out
    for (const LayerSpec& layer : spec.layers) {
        if (canonical(layer.class_name) == "InputLayer") continue;
        if (k >= summary.layers.size()) break;
        if (summary.layers[k].name == name) return layer_diagram_spec(layer, summary.layers[k]);
        ++k;
    }
    std::string names;
    for (const LayerSummary& l : summary.layers) names += (names.empty() ? "" : ", ") + l.name;
    throw ArgumentError("no layer named '" + std::string(name) + "' in the model; its layers are: " +
                        (names.empty() ? std::string("(none)") : names));
}

}  // namespace padlab
