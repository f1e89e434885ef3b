// Bindings: pad and conv on tensors that move through the heap by pointer.
#include "wasm/bind_common.hpp"

#include "core/ops/activation.hpp"
#include "core/ops/conv.hpp"
#include "core/ops/conv_arithmetic.hpp"
#include "core/ops/pad_fast.hpp"
#include "core/ops/padding.hpp"
#include "core/ops/reference_conv.hpp"

namespace padlab_wasm {
namespace {

// pads: flat [b0, a0, b1, a1, ...]. Returns { ptr, shape } (see above).
val pad(double data, const val& shape, const val& pads, const std::string& mode, float value) {
    return guarded([&] {
        const padlab::PadMode m = padlab::parse_pad_mode(mode);
        const padlab::Shape s = read_shape(shape, "pad: shape");
        const padlab::Pads p = read_pads(pads, "pad: pads");
        const padlab::Shape out_shape = padlab::padded_shape(s, p, m);  // validates, caps the size
        const float* in = heap_floats(data, s, "pad: data");
        // Row-wise copies, tested against padlab::pad.
        return malloc_result(out_shape, [&](float* out) { padlab::pad_into(in, s, p, m, value, out); });
    });
}

// padding: "valid" | "same" | "causal" | "full", used when explicit_pads is null; otherwise
// explicit_pads is the flat pair list. bias: address of bias_length values, or 0 for none.
// Returns { ptr, shape } (see above).
val conv(double input, const val& input_shape, double kernel, const val& kernel_shape, double bias,
         double bias_length, const val& strides, const val& dilation, const std::string& padding,
         const val& explicit_pads, const std::string& mode, float value, const std::string& activation) {
    return guarded([&] {
        padlab::ConvOptions o;
        o.strides = read_dims(strides, "conv: strides");
        o.dilation = read_dims(dilation, "conv: dilation");
        o.padding = explicit_pads.isNull() ? padlab::Padding::parse(padding)
                                           : padlab::Padding::explicit_pads(read_pads(explicit_pads, "conv: padding"));
        o.mode = padlab::parse_pad_mode(mode);
        o.pad_value = value;
        o.activation = padlab::parse_activation(activation);
        const padlab::Shape in_shape = read_shape(input_shape, "conv: inputShape");
        const padlab::Shape k_shape = read_shape(kernel_shape, "conv: kernelShape");
        const padlab::Shape out_shape = padlab::conv_output_shape(in_shape, k_shape, o);  // validates
        const padlab::Shape b_shape{static_cast<padlab::Dim>(bias_length)};
        const float* b = bias_length > 0 ? heap_floats(bias, b_shape, "conv: bias") : nullptr;
        if (b && (k_shape.empty() || b_shape[0] != k_shape.back())) {
            throw padlab::ShapeError("conv: bias has " + std::to_string(b_shape[0]) + " values but the kernel has " +
                                     std::to_string(k_shape.empty() ? 0 : k_shape.back()) + " output channels");
        }
        const float* in = heap_floats(input, in_shape, "conv: input");
        const float* k = heap_floats(kernel, k_shape, "conv: kernel");
        return malloc_result(out_shape, [&](float* out) { padlab::conv_into(in, in_shape, k, k_shape, b, o, out); });
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_tensors) {
    emscripten::function("pad", &padlab_wasm::pad);
    emscripten::function("conv", &padlab_wasm::conv);
}
