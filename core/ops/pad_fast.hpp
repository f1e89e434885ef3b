#pragma once
// Padding at memory speed: padlab::pad's contract (padding.hpp: five modes, same limits, same
// errors), computed with block copies instead of a per-element walk.
//
// Trailing axes without padding are merged into one contiguous unit, so channels-last spatial
// padding copies whole pixels. The innermost padded axis copies its input run with one memcpy
// and each padding cell as one unit; an outer axis's padding cell is a copy of an output block
// that is already padded (mirror, edge or wrap along that axis), or a fill for Constant.
#include <xtensor/xarray.hpp>

#include "core/ops/padding.hpp"
#include "core/base/shape.hpp"

namespace padlab {

// The padded shape; validates like pad() (validate_pads: ArgumentError / LimitError).
Shape padded_shape(const Shape& shape, const Pads& pads, PadMode mode);

// Raw entry for bindings, without copies: `input` holds shape's elements row-major, `output` has
// room for shape_elements(padded_shape(...)). Throws what pad() throws, before writing anything.
void pad_into(const float* input, const Shape& shape, const Pads& pads, PadMode mode, float value, float* output);

// pad()'s signature and results (bit for bit: padding only copies values).
xt::xarray<float> pad_fast(const xt::xarray<float>& input, const Pads& pads, PadMode mode, float value = 0.0f);

}  // namespace padlab
