// Convolution layers: Conv1D/2D/3D, Conv1D/2D/3DTranspose, SeparableConv1D/2D, DepthwiseConv1D/2D;
// the forward pass runs Conv1D/2D/3D and DepthwiseConv1D/2D.
//
// All window maths (output lengths, 'same'/'causal' pad split, argument validation of
// kernel_size/strides/dilation_rate/output_padding) is window_arithmetic's; this file only reads
// the Keras config, checks channels/groups, and counts weights.
//
// MACs convention (shared by every layer; see LayerResult::macs): weight multiply-accumulates
// for ONE sample, bias additions excluded, FLOPs = 2 x MACs (keras-and-peers.md §2.5, A.9):
//   Conv             out_positions * prod(kernel) * (Cin / groups) * filters
//   ConvTranspose    in_positions  * prod(kernel) * Cin * filters   (every input cell scatters
//                    one kernel; counting at the input avoids counting cropped/padded cells)
//   DepthwiseConv    out_positions * prod(kernel) * Cin * depth_multiplier
//   SeparableConv    out_positions * (prod(kernel) * Cin * depth_multiplier + Cin * depth_multiplier * filters)
// Extra leading batch axes (Keras 2 Conv accepts rank > rank+2) multiply the positions. When a
// needed length is unknown (None), MACs are reported as 0: they cannot be counted.
#include <string>

#include "core/ops/conv.hpp"
#include "core/ops/conv_arithmetic.hpp"
#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

enum class ConvKind { Regular, Transpose, Separable, Depthwise };

std::string conv_class(ConvKind kind, int rank) {
    const std::string r = std::to_string(rank) + "D";
    switch (kind) {
        case ConvKind::Regular: return "Conv" + r;
        case ConvKind::Transpose: return "Conv" + r + "Transpose";
        case ConvKind::Separable: return "SeparableConv" + r;
        case ConvKind::Depthwise: return "DepthwiseConv" + r;
    }
    return "Conv";
}

LayerResult infer_conv(const nlohmann::json& config, const Shape& input, ConvKind kind, int rank) {
    const std::string cls = conv_class(kind, rank);
    const ConfigArgs args(config, cls);
    const auto n = static_cast<std::size_t>(rank);
    const std::string what = "the parameter count of " + cls + " '" + args.layer_name() + "'";
    const std::string macs_what = "the MAC count of " + cls + " '" + args.layer_name() + "'";

    // Arguments, in Keras's __init__ validation order.
    Dim filters = 0;
    if (kind != ConvKind::Depthwise) filters = args.positive_integer("filters");
    Dim groups = 1;
    if (kind == ConvKind::Regular) {
        groups = args.positive_integer("groups", 1);
        if (filters % groups != 0) {
            args.fail("The number of filters must be evenly divisible by the number of groups. Received: groups=" +
                      std::to_string(groups) + ", filters=" + std::to_string(filters));
        }
    }
    const Shape kernel = args.int_tuple("kernel_size", n);
    const Shape strides = args.int_tuple("strides", n, Shape(n, 1));
    // Causal is a Conv1D/SeparableConv1D option (Keras 2.15 _validate_init). window_arithmetic
    // refuses it for rank > 1 and for transposed convs; DepthwiseConv1D passes its rank rule,
    // so it is refused here.
    const bool causal_refused = rank == 1 && kind == ConvKind::Depthwise;
    const Padding padding = args.window_padding(!causal_refused, false);
    args.require_channels_last();
    const Shape dilation = args.int_tuple("dilation_rate", n, Shape(n, 1));
    Dim depth_multiplier = 1;
    if (kind == ConvKind::Depthwise || kind == ConvKind::Separable)
        depth_multiplier = args.positive_integer("depth_multiplier", 1);
    std::optional<Shape> output_padding;
    if (kind == ConvKind::Transpose && args.has("output_padding"))
        output_padding = args.int_tuple("output_padding", n);
    args.check_activation("activation");
    const bool use_bias = args.boolean("use_bias", true);

    // Input: (batch, [extra batch axes...], spatial..., channels).
    require_min_ndim(input, n + 2, args.layer_name());
    const Dim channels = input.back();
    if (channels == kNone) {
        throw ShapeError("The channel dimension of the inputs should be defined. The input_shape received is " +
                         shape_to_python(input) + ", where axis -1 (0-based) is the channel dimension, which found "
                         "to be `None`.");
    }
    if (kind == ConvKind::Depthwise && input.size() != n + 2) {
        // Keras 3 (base_depthwise_conv.py compute_output_shape -> operation_utils
        // compute_conv_output_shape): the kernel (kernel_size + (C, C * depth_multiplier)) must
        // have the input's rank. tf.keras 2.9+ says instead "Inputs to `DepthwiseConv` should
        // have rank 4. Received input_shape=(...)." (2.6-2.8: "Inputs to `DepthwiseConv2D` ...").
        // Keras 2's extra batch axes do not apply to depthwise convs in either era.
        Shape kernel_shape = kernel;
        kernel_shape.push_back(channels);
        kernel_shape.push_back(checked_mul(channels, depth_multiplier, what));
        throw ShapeError("Kernel shape must have the same length as input, but received kernel of shape " +
                         python_tuple(kernel_shape) + " and input of shape " + shape_to_python(input) + ".");
    }
    if (channels % groups != 0) {
        throw ShapeError("The number of input channels must be evenly divisible by the number of groups. Received "
                         "groups=" + std::to_string(groups) + ", but the input has " + std::to_string(channels) +
                         " channels (full input shape is " + shape_to_python(input) + ").");
    }
    const std::size_t first_spatial = input.size() - 1 - n;
    const Shape spatial(input.begin() + static_cast<std::ptrdiff_t>(first_spatial), input.end() - 1);
    const Shape extra_batch(input.begin() + 1, input.begin() + static_cast<std::ptrdiff_t>(first_spatial));

    const WindowOp op = kind == ConvKind::Transpose ? WindowOp::ConvTranspose : WindowOp::Conv;
    const auto axes = window_arithmetic(op, spatial, kernel, strides, dilation, padding, cls, output_padding);

    LayerResult r;
    r.output_shape.assign(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(first_spatial));
    Shape out_spatial;
    Pads pads;
    for (const auto& a : axes) {
        out_spatial.push_back(a.output);
        pads.push_back(Pad{a.pad_before, a.pad_after});
    }
    r.output_shape.insert(r.output_shape.end(), out_spatial.begin(), out_spatial.end());
    const Dim out_channels = kind == ConvKind::Depthwise ? checked_mul(channels, depth_multiplier, what) : filters;
    r.output_shape.push_back(out_channels);
    r.padding = pads;

    // Parameters.
    const Dim k = known_product(kernel, what);
    Dim params = 0;
    switch (kind) {
        case ConvKind::Regular:
            params = checked_mul(checked_mul(k, channels / groups, what), filters, what);
            break;
        case ConvKind::Transpose:
            params = checked_mul(checked_mul(k, channels, what), filters, what);
            break;
        case ConvKind::Depthwise:
            params = checked_mul(k, out_channels, what);
            break;
        case ConvKind::Separable: {
            const Dim depthwise = checked_mul(checked_mul(k, channels, what), depth_multiplier, what);
            const Dim pointwise = checked_mul(checked_mul(channels, depth_multiplier, what), filters, what);
            params = checked_add(depthwise, pointwise, what);
            break;
        }
    }
    if (use_bias) params = checked_add(params, out_channels, what);
    r.trainable_params = params;

    // MACs (convention at the top of this file).
    const Dim batch_positions = known_product(extra_batch, macs_what);
    const Dim positions = known_product(kind == ConvKind::Transpose ? spatial : out_spatial, macs_what);
    if (batch_positions != kNone && positions != kNone) {
        const Dim cells = checked_mul(batch_positions, positions, macs_what);
        Dim per_cell = 0;
        switch (kind) {
            case ConvKind::Regular:
                per_cell = checked_mul(checked_mul(k, channels / groups, macs_what), filters, macs_what);
                break;
            case ConvKind::Transpose:
                per_cell = checked_mul(checked_mul(k, channels, macs_what), filters, macs_what);
                break;
            case ConvKind::Depthwise:
                per_cell = checked_mul(k, out_channels, macs_what);
                break;
            case ConvKind::Separable: {
                const Dim dm_channels = checked_mul(channels, depth_multiplier, macs_what);
                per_cell = checked_add(checked_mul(k, dm_channels, macs_what),
                                       checked_mul(dm_channels, filters, macs_what), macs_what);
                break;
            }
        }
        r.macs = checked_mul(cells, per_cell, macs_what);
    }
    return r;
}

template <ConvKind Kind, int Rank>
LayerResult infer(const nlohmann::json& config, const Shape& input) {
    return infer_conv(config, input, Kind, Rank);
}

// ------------------------------------------------------------------ forward pass
// Conv1D/2D/3D (groups 1) and DepthwiseConv1D/2D by the conv op (core/ops/conv.hpp), with the
// activation fused.

template <bool Depthwise>
class ConvLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override {
        const LayerWeight& kernel = weights[0];
        const float* b = bias_data();
        if (Depthwise) depthwise_conv_into(in, input_shape, kernel.data.data(), kernel.shape, b, options, out);
        else conv_into(in, input_shape, kernel.data.data(), kernel.shape, b, options, out);
    }
    ConvOptions options;
};

template <bool Depthwise>
std::unique_ptr<RunnableLayer> conv_forward(const ForwardContext& c) {
    const std::size_t rank = c.input_shape.size() - 2;
    if (!Depthwise && c.args.integer("groups", 1) != 1) throw unsupported_forward(c, " with groups > 1.");
    auto layer = make_runnable<ConvLayer<Depthwise>>(c);
    Shape kernel_shape = c.args.int_tuple("kernel_size", rank);
    kernel_shape.push_back(c.input_shape.back());
    kernel_shape.push_back(Depthwise ? c.args.integer("depth_multiplier", 1) : c.output_shape.back());
    layer->options.strides = c.args.int_tuple("strides", rank, Shape(rank, 1));
    layer->options.dilation = c.args.int_tuple("dilation_rate", rank, Shape(rank, 1));
    layer->options.padding = c.args.window_padding(true, false);
    layer->options.activation = forward_activation(c);
    layer->weights.push_back(glorot_weight(Depthwise ? "depthwise_kernel" : "kernel", kernel_shape, c.seed, c.stream));
    if (c.args.boolean("use_bias", true)) layer->weights.push_back(constant_weight("bias", c.output_shape.back(), 0.0f));
    return layer;
}

// Python positional arguments, in Keras 2.15's __init__ order (Keras 3 keeps it).
const std::vector<std::string_view> kConvArgs = {
    "filters",           "kernel_size",        "strides",          "padding",          "data_format",
    "dilation_rate",     "groups",             "activation",       "use_bias",         "kernel_initializer",
    "bias_initializer",  "kernel_regularizer", "bias_regularizer", "activity_regularizer",
    "kernel_constraint", "bias_constraint"};
const std::vector<std::string_view> kTransposeArgs = {
    "filters",           "kernel_size",        "strides",          "padding",          "output_padding",
    "data_format",       "dilation_rate",      "activation",       "use_bias",         "kernel_initializer",
    "bias_initializer",  "kernel_regularizer", "bias_regularizer", "activity_regularizer",
    "kernel_constraint", "bias_constraint"};
const std::vector<std::string_view> kSeparableArgs = {
    "filters",               "kernel_size",           "strides",          "padding",
    "data_format",           "dilation_rate",         "depth_multiplier", "activation",
    "use_bias",              "depthwise_initializer", "pointwise_initializer", "bias_initializer",
    "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer", "activity_regularizer",
    "depthwise_constraint",  "pointwise_constraint",  "bias_constraint"};
const std::vector<std::string_view> kDepthwiseArgs = {
    "kernel_size",           "strides",          "padding",          "depth_multiplier",
    "data_format",           "dilation_rate",    "activation",       "use_bias",
    "depthwise_initializer", "bias_initializer", "depthwise_regularizer", "bias_regularizer",
    "activity_regularizer",  "depthwise_constraint", "bias_constraint"};

}  // namespace

std::vector<LayerType> conv_layer_types() {
    return {
        {"Conv1D", kConvArgs, &infer<ConvKind::Regular, 1>, &conv_forward<false>},
        {"Conv2D", kConvArgs, &infer<ConvKind::Regular, 2>, &conv_forward<false>},
        {"Conv3D", kConvArgs, &infer<ConvKind::Regular, 3>, &conv_forward<false>},
        {"Conv1DTranspose", kTransposeArgs, &infer<ConvKind::Transpose, 1>},
        {"Conv2DTranspose", kTransposeArgs, &infer<ConvKind::Transpose, 2>},
        {"Conv3DTranspose", kTransposeArgs, &infer<ConvKind::Transpose, 3>},
        {"SeparableConv1D", kSeparableArgs, &infer<ConvKind::Separable, 1>},
        {"SeparableConv2D", kSeparableArgs, &infer<ConvKind::Separable, 2>},
        {"DepthwiseConv1D", kDepthwiseArgs, &infer<ConvKind::Depthwise, 1>, &conv_forward<true>},
        {"DepthwiseConv2D", kDepthwiseArgs, &infer<ConvKind::Depthwise, 2>, &conv_forward<true>},
    };
}

}  // namespace padlab::layers
