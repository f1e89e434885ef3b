#pragma once
// The ops of Keras's merge layers on channels-last data of one rank: element-wise Add,
// Subtract, Multiply, Average, Maximum, Minimum with numpy broadcasting (a size-1 axis
// stretches), Concatenate along an axis, and Dot of two vectors. Plain loops; the caller
// (core/model/layers/merge_layers.cpp) has checked the shapes with Keras's rules.
#include <cstddef>
#include <vector>

#include "core/base/shape.hpp"

namespace padlab {

enum class MergeOp { Add, Subtract, Multiply, Average, Maximum, Minimum };

// out (out_shape) = op over ins[k] (shapes[k]), each shape of out_shape's rank with every axis
// equal to out_shape's or 1. Subtract takes exactly 2 inputs; Average divides the sum by the count.
void merge_elementwise(MergeOp op, const std::vector<const float*>& ins, const std::vector<Shape>& shapes,
                       const Shape& out_shape, float* out);

// out = ins concatenated along `axis` (0 <= axis < rank); shapes agree elsewhere.
void concatenate_into(const std::vector<const float*>& ins, const std::vector<Shape>& shapes, std::size_t axis, float* out);

// Keras's Dot on two [batch, n] inputs (axes 1): out[b] = sum_i a[b, i] * c[b, i], each row first
// scaled to unit L2 norm when `normalize` (cosine proximity; Keras's l2_normalize, epsilon 1e-12).
void dot_vectors(const float* a, const float* c, std::size_t batch, std::size_t n, bool normalize, float* out);

}  // namespace padlab
