#pragma once
// Max and average pooling, channels-last, as Keras's MaxPooling*/AveragePooling* and
// Global*Pooling* layers compute them (batch 1 or more, 1 to 3 spatial axes).
//
// Padding cells never take part: a max ignores them, and an average divides by the number of
// real cells under the window (TensorFlow's avg_pool with 'same'), so a window that overlaps
// the border averages fewer values rather than counting zeros.
#include <vector>

#include "core/ops/conv_arithmetic.hpp"
#include "core/base/shape.hpp"

namespace padlab {

enum class PoolKind { Max, Average };

// input [batch, ...spatial, channels]; `axes` is window_arithmetic(WindowOp::Pool, ...) for the
// spatial axes; `output` has room for batch * prod(axes[i].output) * channels values.
// Never allocates; the caller has validated the shapes.
void pool_into(const float* input, const Shape& input_shape, PoolKind kind, const std::vector<AxisArithmetic>& axes,
               float* output);

// Over every spatial position: output [batch, channels].
void global_pool_into(const float* input, const Shape& input_shape, PoolKind kind, float* output);

}  // namespace padlab
