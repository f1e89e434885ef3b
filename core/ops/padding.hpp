#pragma once
// Padding a tensor of any rank with per-axis {before, after} amounts, in five modes.
//   constant  (alias "zeros")  fills with a value
//   reflect                    mirror without the edge:  [1,2,3] by 2 -> [3,2,1,2,3,2,1]
//   symmetric                  mirror with the edge:     [1,2,3] by 2 -> [2,1,1,2,3,3,2]
//   replicate (alias "edge")   repeat the edge:          [1,2,3] by 2 -> [1,1,1,2,3,3,3]
//   circular  (alias "wrap")   wrap around:              [1,2,3] by 2 -> [2,3,1,2,3,1,2]
// Limits: reflect needs pad < size and symmetric pad <= size (TensorFlow's MirrorPad);
// circular needs pad <= size (PyTorch); replicate takes any amount (PyTorch); constant any.
#include <string_view>

#include <xtensor/xarray.hpp>

#include "core/base/pad_mode.hpp"
#include "core/base/shape.hpp"

namespace padlab {

// Throws ArgumentError naming the axis when pads are negative, count != rank, or exceed
// the mode's limit; LimitError when the padded tensor would exceed kMaxTensorBytes.
void validate_pads(const Shape& shape, const Pads& pads, PadMode mode);

// Reference implementation (xtensor). Allocates the result.
xt::xarray<float> pad(const xt::xarray<float>& input, const Pads& pads, PadMode mode, float value = 0.0f);

}  // namespace padlab
