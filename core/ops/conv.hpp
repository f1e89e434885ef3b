#pragma once
// PadLab's convolution op: conv_reference's contract (reference_conv.hpp: channels-last input
// [N, ...spatial, Cin], Keras kernel [...k, Cin, Cout], strides, dilation, every padding kind
// and PadMode, bias, activation), computed by the best registered fast kernel
// (kernels/kernel_registry.hpp), or by the reference when no kernel applies.
//
// Validation is the reference's own (conv_plan), so both accept and reject the same requests
// with the same errors. A call allocates its output (xarray forms) and one bounded scratch
// buffer (repacked weights, one row of pad values, tap lists); never a padded input copy.
#include <string>

#include <xtensor/xarray.hpp>

#include "core/ops/reference_conv.hpp"
#include "core/base/shape.hpp"

namespace padlab {

// --- regular convolution -------------------------------------------------------------------

// The output shape [N, ...out, Cout]; validates like conv_reference (also the output size cap).
Shape conv_output_shape(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options);

// Raw entry for bindings, without copies: `input` and `kernel` hold their shapes' elements
// row-major, `bias` is nullptr or kernel_shape.back() values, `output` has room for
// shape_elements(conv_output_shape(...)) values. Throws what conv_reference throws.
void conv_into(const float* input, const Shape& input_shape, const float* kernel, const Shape& kernel_shape,
               const float* bias, const ConvOptions& options, float* output);

// conv_reference's signature and results (up to float summation order; see the tests).
xt::xarray<float> conv(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                       const xt::xarray<float>& bias, const ConvOptions& options);

// --- depthwise convolution (Keras DepthwiseConv1D/2D, also 3D) -------------------------------
// kernel [...k, channels, depth_multiplier]; output channel c*depth_multiplier + m reads only
// input channel c, with kernel[..., c, m]; bias has channels*depth_multiplier values.

Shape depthwise_conv_output_shape(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options);
void depthwise_conv_into(const float* input, const Shape& input_shape, const float* kernel, const Shape& kernel_shape,
                         const float* bias, const ConvOptions& options, float* output);
xt::xarray<float> depthwise_conv(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                 const xt::xarray<float>& bias, const ConvOptions& options);

// The obviously-correct depthwise convolution: conv_reference run once per input channel.
// What the depthwise kernels are tested against, and the fallback when none applies.
xt::xarray<float> depthwise_conv_reference(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                           const xt::xarray<float>& bias, const ConvOptions& options);

// The kernel conv / depthwise_conv would run for these shapes: a registry name, or "reference".
std::string conv_kernel_name(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options,
                             bool depthwise = false);

}  // namespace padlab
