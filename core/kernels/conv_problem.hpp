#pragma once
// A convolution fully resolved into plain numbers, the only thing a fast kernel sees.
// core/ops/conv_lowering.cpp builds it from padlab::conv_plan (so validation is shared with the
// reference);
// kernels never validate, never allocate and never throw.
//
// Every rank is lifted to three spatial axes with unit axes in front (as the reference does):
// a Conv1D over L steps is [1, 1, L], a Conv2D over HxW is [1, H, W].
//   input   [batch, in0, in1, in2, cin]            row-major, channels-last
//   kernel  [k0, k1, k2, cin, cout_per_group]      Keras layout (Cout innermost)
//   output  [batch, out0, out1, out2, cout]
// Depthwise: cout = cin * multiplier and output channel c*multiplier + m reads only input
// channel c with kernel[..., c, m] (Keras DepthwiseConv kernel [...k, channels, multiplier]).
#include <array>
#include <cstddef>

#include "core/base/pad_mode.hpp"

namespace padlab::kernels {

// Indices and counts are ptrdiff_t: 32-bit in wasm32 (cheap address arithmetic) and 64-bit
// natively. Every tensor is below kMaxTensorBytes, so element counts fit either way.
using Index = std::ptrdiff_t;

struct ConvAxis {
    Index in = 1;      // input length
    Index out = 1;     // output length
    Index k = 1;       // kernel taps
    Index s = 1;       // stride
    Index d = 1;       // dilation
    Index before = 0;  // padding cells before the first input cell
};

enum class ConvKind { Regular, Depthwise };

struct ConvProblem {
    ConvKind kind = ConvKind::Regular;
    Index batch = 1;
    std::array<ConvAxis, 3> axes{};
    Index cin = 1;
    Index cout = 1;        // Depthwise: cin * multiplier
    Index multiplier = 1;  // Depthwise only
    PadMode mode = PadMode::Constant;
    float pad_value = 0.0f;
    bool relu = false;  // fused ReLU; other activations are applied by the caller afterwards

    Index taps() const { return axes[0].k * axes[1].k * axes[2].k; }
    Index output_pixels() const { return batch * axes[0].out * axes[1].out * axes[2].out; }
    // Constant padding with value 0: a padding cell contributes nothing, so taps on it are skipped.
    bool zero_padding() const { return mode == PadMode::Constant && pad_value == 0.0f; }
};

struct ConvBuffers {
    const float* input = nullptr;
    const float* kernel = nullptr;
    const float* bias = nullptr;  // cout values, or nullptr
    float* output = nullptr;
    void* scratch = nullptr;  // scratch_bytes(problem) bytes, aligned to 16
};

}  // namespace padlab::kernels
