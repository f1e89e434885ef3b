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

#include "core/shape.hpp"

namespace padlab {

enum class PadMode { Constant, Reflect, Symmetric, Replicate, Circular };

// Accepts the names above and their aliases, case-insensitive; ArgumentError otherwise.
PadMode parse_pad_mode(std::string_view text);
std::string_view to_string(PadMode mode);

// For a position i on an axis of length n (i may be < 0 or >= n: a padding cell), the index
// in [0, n) whose value it takes, or -1 for Constant mode outside [0, n).
// Requires the mode's limits to hold for |overhang| (validate_pads checks them).
Dim pad_source_index(Dim i, Dim n, PadMode mode);

// Throws ArgumentError naming the axis when pads are negative, count != rank, or exceed
// the mode's limit; LimitError when the padded tensor would exceed kMaxTensorBytes.
void validate_pads(const Shape& shape, const Pads& pads, PadMode mode);

// Reference implementation (xtensor). Allocates the result.
xt::xarray<float> pad(const xt::xarray<float>& input, const Pads& pads, PadMode mode, float value = 0.0f);

}  // namespace padlab
