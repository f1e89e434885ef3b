#pragma once
// Image resizing as TensorFlow's tf.image.resize (v2) does it, which Keras's Resizing layer
// calls on the TensorFlow backend: half-pixel centres, no antialiasing, channels-last
// [batch, height, width, channels] data.
//   bilinear  in = (out + 0.5) * in_size / out_size - 0.5; lower = max(floor(in), 0),
//             upper = min(ceil(in), in_size - 1), weight in - floor(in)
//             (tensorflow/core/kernels/image/resize_bilinear_op.cc compute_interpolation_weights)
//   nearest   in = min(floor((out + 0.5) * in_size / out_size), in_size - 1)
//             (resize_nearest_neighbor_op.cc with half_pixel_centers)
#include "core/base/shape.hpp"

namespace padlab {

enum class ResizeMethod { Bilinear, Nearest };

// `in` has in_shape (rank 4); `out` has [batch, out_h, out_w, channels] elements.
void resize_into(const float* in, const Shape& in_shape, Dim out_h, Dim out_w, ResizeMethod method, float* out);

}  // namespace padlab
