#pragma once
// The small ops a forward pass needs besides convolution, Dense and pooling, on channels-last
// data: Cropping, Keras's ReLU family and normalization. Each is the plain loop; the caller
// (core/network.cpp) has validated shapes and parameters.
#include <cstddef>
#include <limits>

#include "core/base/shape.hpp"

namespace padlab {

// Removes crops[a] = {before, after} cells of spatial axis a from `in` ([batch, ...spatial,
// channels]); `out` has out_shape's elements.
void crop_into(const float* in, const Shape& in_shape, const Pads& crops, const Shape& out_shape, float* out);

// Keras's ReLU layer: x >= threshold ? min(x, max_value) : negative_slope * (x - threshold).
// LeakyReLU(alpha) is {inf, alpha, 0}.
struct ReluParams {
    float max_value = std::numeric_limits<float>::infinity();
    float negative_slope = 0.0f;
    float threshold = 0.0f;
};
void relu_in_place(float* x, std::size_t n, const ReluParams& p);

// y = (x - mean) / sqrt(variance + epsilon) * gamma + beta over rows of `channels` values.
// mean / variance per channel (BatchNormalization's moving statistics), or both nullptr for
// each row's own (LayerNormalization over the last axis). gamma / beta may be nullptr (1 / 0).
void normalize_in_place(float* x, std::size_t n, std::size_t channels, const float* mean, const float* variance,
                        const float* gamma, const float* beta, float epsilon);

}  // namespace padlab
