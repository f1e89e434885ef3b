#include "core/ops/reference_conv.hpp"

#include <array>
#include <string>

#include "core/base/errors.hpp"
#include "core/base/limits.hpp"

namespace padlab {

namespace {

std::string layer_class_for(std::size_t spatial_rank) { return "Conv" + std::to_string(spatial_rank) + "D"; }

// Keras's int shorthand: empty means 1 everywhere, a single value applies to every axis.
// Any other size is passed through for window_arithmetic to reject with Keras's text.
Shape broadcast(const Shape& values, std::size_t rank) {
    if (values.empty()) return Shape(rank, 1);
    if (values.size() == 1) return Shape(rank, values[0]);
    return values;
}

Shape shape_of(const xt::xarray<float>& a) { return Shape(a.shape().begin(), a.shape().end()); }

}  // namespace

std::vector<AxisArithmetic> conv_plan(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options) {
    // The kernel's rank fixes the layer ([...k, in, out]); the input must agree with it.
    const std::size_t kernel_rank = kernel_shape.size();
    if (kernel_rank < 3 || kernel_rank > 5) {
        throw ShapeError("Conv: the kernel must have rank 3, 4 or 5 ([...kernel_size, in_channels, out_channels] "
                         "for Conv1D/2D/3D). Received kernel shape " + shape_to_python(kernel_shape));
    }
    const std::size_t rank = kernel_rank - 2;
    const std::string cls = layer_class_for(rank);
    if (input_shape.size() != rank + 2) {
        throw ShapeError("Input 0 of layer \"" + cls + "\" is incompatible with the layer: expected ndim=" +
                         std::to_string(rank + 2) + ", found ndim=" + std::to_string(input_shape.size()) +
                         ". Full shape received: " + shape_to_python(input_shape));
    }
    if (kernel_shape.back() < 1) {
        throw ArgumentError("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=" +
                            std::to_string(kernel_shape.back()) + ".");
    }
    const Dim in_channels = input_shape.back();
    if (in_channels != kNone && in_channels != kernel_shape[rank]) {
        throw ShapeError(cls + ": the input has " + std::to_string(in_channels) + " channels but the kernel " +
                         shape_to_python(kernel_shape) + " expects " + std::to_string(kernel_shape[rank]) +
                         ". Full input shape received: " + shape_to_python(input_shape));
    }

    const Shape spatial(input_shape.begin() + 1, input_shape.end() - 1);
    const Shape kernel(kernel_shape.begin(), kernel_shape.begin() + static_cast<std::ptrdiff_t>(rank));
    std::vector<AxisArithmetic> plan =
        window_arithmetic(WindowOp::Conv, spatial, kernel, broadcast(options.strides, rank),
                          broadcast(options.dilation, rank), options.padding, cls);

    // The pad mode's own limits (reflect needs pad < size...), on tensor axes so "axis 1" is the
    // first spatial axis. Pads still unknown (kUnknownPad, for an unknown length) are checked later.
    if (options.mode != PadMode::Constant) {
        Pads pads(input_shape.size(), Pad{0, 0});
        for (std::size_t i = 0; i < rank; ++i) {
            pads[i + 1] = {plan[i].pad_before == kUnknownPad ? 0 : plan[i].pad_before,
                           plan[i].pad_after == kUnknownPad ? 0 : plan[i].pad_after};
        }
        try {
            validate_pads(input_shape, pads, options.mode);
        } catch (const ArgumentError& e) {
            throw ArgumentError(cls + ": " + e.what());
        }
    }
    return plan;
}

xt::xarray<float> conv_reference(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                 const xt::xarray<float>& bias, const ConvOptions& options) {
    const Shape in_shape = shape_of(input);
    const Shape k_shape = shape_of(kernel);
    const std::vector<AxisArithmetic> plan = conv_plan(in_shape, k_shape, options);
    const std::size_t rank = plan.size();
    const std::string cls = layer_class_for(rank);
    const Dim batch = in_shape[0];
    const Dim cin = in_shape.back();
    const Dim cout = k_shape.back();

    // No bias: an empty array, or a default-constructed (0-d) one.
    const bool has_bias = bias.dimension() > 0 && bias.size() > 0;
    if (has_bias && (bias.dimension() != 1 || static_cast<Dim>(bias.shape()[0]) != cout)) {
        throw ShapeError(cls + ": the bias must have shape (" + std::to_string(cout) + ",) to match the kernel " +
                         shape_to_python(k_shape) + ". Received bias shape " + shape_to_python(shape_of(bias)));
    }

    Shape out_shape = {batch};
    for (const auto& a : plan) out_shape.push_back(a.output);
    out_shape.push_back(cout);
    check_tensor_size(out_shape, cls + " output");

    // Lift every rank to 3 spatial axes with unit axes in front: one loop nest serves 1D/2D/3D.
    struct Axis {
        Dim in = 1, out = 1, k = 1, s = 1, d = 1, before = 0;
    };
    std::array<Axis, 3> ax{};
    for (std::size_t i = 0; i < rank; ++i) {
        const AxisArithmetic& a = plan[i];
        ax[3 - rank + i] = {a.input, a.output, a.kernel, a.stride, a.dilation, a.pad_before};
    }

    // Row-major element strides (xtensor reports 0 for unit axes, so compute them here).
    const Dim in_s2 = cin, in_s1 = ax[2].in * in_s2, in_s0 = ax[1].in * in_s1, in_sn = ax[0].in * in_s0;
    const Dim k_s2 = cin * cout, k_s1 = ax[2].k * k_s2, k_s0 = ax[1].k * k_s1;

    std::vector<std::size_t> out_dims(out_shape.begin(), out_shape.end());
    xt::xarray<float> out(out_dims);
    const float* x = input.data();
    const float* w = kernel.data();
    float* y = out.data();

    for (Dim n = 0; n < batch; ++n)
    for (Dim o0 = 0; o0 < ax[0].out; ++o0)
    for (Dim o1 = 0; o1 < ax[1].out; ++o1)
    for (Dim o2 = 0; o2 < ax[2].out; ++o2)
    for (Dim co = 0; co < cout; ++co) {
        float acc = has_bias ? bias.data()[co] : 0.0f;
        // No input channels: nothing to read, and the empty input and kernel have no data to
        // point into (offsetting their null data() is undefined; clang's UBSan says so).
        for (Dim k0 = 0; cin > 0 && k0 < ax[0].k; ++k0) {
            const Dim i0 = pad_source_index(o0 * ax[0].s - ax[0].before + k0 * ax[0].d, ax[0].in, options.mode);
            for (Dim k1 = 0; k1 < ax[1].k; ++k1) {
                const Dim i1 = pad_source_index(o1 * ax[1].s - ax[1].before + k1 * ax[1].d, ax[1].in, options.mode);
                for (Dim k2 = 0; k2 < ax[2].k; ++k2) {
                    const Dim i2 = pad_source_index(o2 * ax[2].s - ax[2].before + k2 * ax[2].d, ax[2].in, options.mode);
                    // A padding cell of Constant mode: every input channel reads pad_value.
                    const bool is_pad = i0 < 0 || i1 < 0 || i2 < 0;
                    const float* xp = is_pad ? nullptr : x + n * in_sn + i0 * in_s0 + i1 * in_s1 + i2 * in_s2;
                    const float* wp = w + k0 * k_s0 + k1 * k_s1 + k2 * k_s2 + co;
                    for (Dim ci = 0; ci < cin; ++ci) acc += (is_pad ? options.pad_value : xp[ci]) * wp[ci * cout];
                }
            }
        }
        *y++ = acc;  // loops run in the output's row-major order
    }

    apply_activation(out.data(), out.size(), static_cast<std::size_t>(cout), options.activation);
    return out;
}

}  // namespace padlab
