#pragma once
// Keras/TensorFlow convolution arithmetic: output length and the padding split per spatial
// axis, for convolution, pooling and transposed convolution. Pure integer maths; the one
// place these rules live (layers, reference conv, fast kernels and diagrams all call it).
//
// Rules (see shared/reference/keras-and-peers.md §1):
//   effective kernel   dk = d*(k-1)+1
//   valid   out = ceil((L - dk + 1)/s)                 pads (0, 0)
//   same    out = ceil(L/s), total = max(0,(out-1)*s + dk - L), before = total/2, after = rest
//           (TF: the odd cell goes AFTER)
//   causal  out = ceil(L/s)  pads (dk-1, 0)            (1D only, as Keras)
//   full    out = ceil((L + dk - 1)/s) pads (dk-1, dk-1)
//   explicit [b, a]: out = floor((L + b + a - dk)/s) + 1
// Unknown input length (kNone) gives an unknown output and unknown pads (kUnknownPad) where they depend on L.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/names.hpp"
#include "core/base/shape.hpp"

namespace padlab {

enum class PaddingKind { Valid, Same, Causal, Full, Explicit };

struct Padding {
    PaddingKind kind = PaddingKind::Valid;
    Pads pads;  // only for Explicit: one {before, after} per spatial axis

    static Padding valid() { return {PaddingKind::Valid, {}}; }
    static Padding same() { return {PaddingKind::Same, {}}; }
    static Padding causal() { return {PaddingKind::Causal, {}}; }
    static Padding full() { return {PaddingKind::Full, {}}; }
    static Padding explicit_pads(Pads p) { return {PaddingKind::Explicit, std::move(p)}; }

    // A name of padding_vocabulary() (case-insensitive, as Keras lower-cases it).
    // Throws ArgumentError with Keras's wording for anything else.
    static Padding parse(std::string_view text);
};

// The padding names, the one place they are spelled: valid (the default), same, causal, full.
// Explicit has no name (it is a list of amounts).
const NameTable<PaddingKind>& padding_vocabulary();

std::string to_string(PaddingKind kind);  // "valid", "same", ..., "explicit"

// The arithmetic of one spatial axis.
struct AxisArithmetic {
    Dim input = 0;       // L (may be kNone)
    Dim kernel = 1;      // k (pool size for pooling)
    Dim stride = 1;      // s
    Dim dilation = 1;    // d
    Dim pad_before = 0;  // kUnknownPad when it depends on an unknown L
    Dim pad_after = 0;
    Dim output = 0;      // kNone when L is unknown
    Dim effective_kernel() const { return dilation * (kernel - 1) + 1; }
};

enum class WindowOp { Conv, Pool, ConvTranspose };

// The window ops by name (diagram specs, the JS API): conv (the default), pool, transpose.
const NameTable<WindowOp>& window_op_vocabulary();
// A name of window_op_vocabulary() (exact); ArgumentError "op must be 'conv', 'pool' or 'transpose', got '...'".
WindowOp parse_window_op(std::string_view text);
std::string_view to_string(WindowOp op);

// The arithmetic of every spatial axis of a windowed op. `kernel`, `strides`, `dilation`
// have one entry per spatial axis (callers broadcast Keras's int shorthand before calling).
// `layer_class` names the op in errors ("Conv2D"). Validates as Keras does and throws
// ArgumentError / ShapeError with Keras's texts:
//   - kernel, strides, dilation entries must be >= 1
//   - causal only when there is exactly one spatial axis (Conv1D, SeparableConv1D...)
//   - strides > 1 together with dilation > 1 (for Conv ops)
//   - output length <= 0 (kernel larger than the padded input)
// For ConvTranspose, `output_padding` (one per axis) follows Keras's deconv_output_length.
std::vector<AxisArithmetic> window_arithmetic(WindowOp op, const Shape& spatial_input, const Shape& kernel,
                                              const Shape& strides, const Shape& dilation, const Padding& padding,
                                              std::string_view layer_class,
                                              const std::optional<Shape>& output_padding = std::nullopt);

// Single-axis conveniences (no cross-axis validation).
AxisArithmetic conv_axis(Dim input, Dim kernel, Dim stride, Dim dilation, const Padding& padding, std::size_t axis = 0);
AxisArithmetic conv_transpose_axis(Dim input, Dim kernel, Dim stride, Dim dilation, const Padding& padding,
                                   std::optional<Dim> output_padding = std::nullopt, std::size_t axis = 0);

}  // namespace padlab
