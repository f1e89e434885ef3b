#pragma once
// Resource caps. Anything that would allocate above them is refused with a LimitError
// before allocating, so bad input never exhausts memory (natively or in wasm).
#include <cstddef>
#include <string>

#include "core/base/shape.hpp"

namespace padlab {

// Largest single tensor an op may create: 1 GiB of float32.
inline constexpr std::size_t kMaxTensorBytes = std::size_t(1) << 30;

// Throws LimitError("<what> would need N bytes, above the 1 GiB limit") when elements*bytes_per
// exceeds kMaxTensorBytes (or overflows).
void check_tensor_size(const Shape& shape, const std::string& what, std::size_t bytes_per_element = 4);

}  // namespace padlab
