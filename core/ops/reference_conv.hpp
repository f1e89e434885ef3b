#pragma once
// The obviously-correct convolution: plain loops, any rank (1D/2D/3D), channels-last.
// Every fast kernel is tested against it.
//   input  [batch, ...spatial, in_channels]
//   kernel [...k, in_channels, out_channels]   (Keras layout)
//   bias   [out_channels] or empty
//   output [batch, ...out_spatial, out_channels]
// Padding cells take their values per PadMode (zeros for Keras's own 'same'/'causal'/'full').
#include <vector>

#include <xtensor/xarray.hpp>

#include "core/ops/activation.hpp"
#include "core/ops/conv_arithmetic.hpp"
#include "core/ops/padding.hpp"

namespace padlab {

struct ConvOptions {
    Shape strides;   // one per spatial axis, or a single value for all; empty = 1
    Shape dilation;  // likewise; empty = 1
    Padding padding = Padding::valid();
    PadMode mode = PadMode::Constant;
    float pad_value = 0.0f;
    Activation activation = Activation::Linear;
};

// Validates shapes (ShapeError: rank mismatch, in_channels mismatch, bias size) and
// arithmetic (window_arithmetic), checks the output against kMaxTensorBytes, then computes.
xt::xarray<float> conv_reference(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                 const xt::xarray<float>& bias, const ConvOptions& options);

// Resolves options against an input/kernel shape: broadcast strides/dilation, full per-axis
// arithmetic. Shared by the reference and the fast kernels so both validate identically.
std::vector<AxisArithmetic> conv_plan(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options);

}  // namespace padlab
