#pragma once
// Which positions of a padded input a sliding window ever reads: the diagram fades the others,
// the receptive-field analysis counts them as blind spots.
#include <vector>

#include "core/base/shape.hpp"

namespace padlab {

// Per position of a grid of `grid` cells: whether any of `output` windows of `kernel` taps
// (window j's tap t at j * stride + t * dilation) covers it.
std::vector<bool> window_read_mask(Dim grid, Dim output, Dim kernel, Dim stride, Dim dilation);

}  // namespace padlab
