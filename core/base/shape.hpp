#pragma once
// Shape vocabulary shared by every module.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace padlab {

using Dim = std::int64_t;
// An unknown dimension (Keras's None: the batch, or a variable-length axis).
inline constexpr Dim kNone = -1;
using Shape = std::vector<Dim>;
// A padding amount that depends on an unknown length ('same' with stride > 1 on a None axis).
// Distinct from kNone because pad amounts may legitimately be -1 (a crop, or the extra cell a
// transposed convolution adds).
inline constexpr Dim kUnknownPad = INT64_MIN;

// Padding of one axis: {before, after}.
using Pad = std::array<Dim, 2>;
using Pads = std::vector<Pad>;

// "(None, 26, 26, 32)": Python tuple form, as Keras prints shapes ("(None, 10)"; 1-tuples "(None,)").
std::string shape_to_python(const Shape& s);

// "(2, 2)", "(3,)": Python's str() of a tuple of ints, for echoing user arguments in errors.
// Unlike shape_to_python, -1 prints as -1 (an argument value, not an unknown dimension).
std::string python_tuple(const Shape& values);

// Product of dims; throws LimitError if any is unknown or the product overflows.
Dim shape_elements(const Shape& s);

}  // namespace padlab
