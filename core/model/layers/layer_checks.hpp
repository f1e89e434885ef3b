#pragma once
// Checks every layer's inference shares: Keras's InputSpec rank rules (with Keras's own error
// text) and overflow-checked int64 arithmetic for parameter counts, MACs and output dims, so a
// model such as Dense(10**15) is refused with a LimitError instead of wrapping around.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/shape.hpp"

namespace padlab::layers {

// Keras InputSpec(ndim=...): ShapeError 'Input 0 of layer "max_pooling2d" is incompatible with
// the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)'.
void require_ndim(const Shape& input, std::size_t ndim, std::string_view layer_name);
// Keras InputSpec(min_ndim=...): same text with "expected min_ndim=4".
void require_min_ndim(const Shape& input, std::size_t min_ndim, std::string_view layer_name);

// a*b / a+b, or LimitError("<what> is too large to count in 64 bits") on overflow.
// Operands must be >= 0.
std::int64_t checked_mul(std::int64_t a, std::int64_t b, std::string_view what);
std::int64_t checked_add(std::int64_t a, std::int64_t b, std::string_view what);

// Product of `dims` (checked), or kNone when any is unknown. Empty -> 1.
Dim known_product(const Shape& dims, std::string_view what);

}  // namespace padlab::layers
