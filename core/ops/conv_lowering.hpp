#pragma once
// The edge between the ops and the kernels: a validated convolution plan, in the ops' terms
// (shapes, AxisArithmetic, ConvOptions), lowered to the plain numbers a kernel takes.
#include <optional>
#include <vector>

#include "core/base/shape.hpp"
#include "core/kernels/conv_problem.hpp"
#include "core/ops/conv_arithmetic.hpp"
#include "core/ops/reference_conv.hpp"

namespace padlab {

// Resolves a problem from its validated plan (padlab::conv_plan, which the caller has run:
// validation is the reference's). Depthwise kernels are [...k, channels, depth_multiplier].
// Returns nullopt when the index arithmetic would not fit in Index (huge dilations or pads in
// wasm32) or a dimension is unknown: only the reference computes those.
std::optional<kernels::ConvProblem> make_conv_problem(const std::vector<AxisArithmetic>& plan, const Shape& input_shape,
                                             const Shape& kernel_shape, const ConvOptions& options, kernels::ConvKind kind);

}  // namespace padlab
