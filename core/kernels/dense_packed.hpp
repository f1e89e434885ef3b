#pragma once
// A Dense layer (y = x W + b, W [in][out] in Keras's layout) over weights packed once, for
// weights that stay resident (core/network.hpp): XNNPACK's fully-connected layout. Packed, each
// block of output channels reads its weights as one contiguous stream with its partial sums in
// registers, so a forward pass streams the (tens of MiB) kernel exactly once, at memory speed.
// Reading Keras's layout in place instead (conv_nd_gemv) must keep the partial sums of every
// output in memory and load/store them for each group of rows.
//
// Packed layout: outputs in blocks of 32 (8 vectors), then the remainder in blocks of 8 (2
// vectors), each block [in][block width] with zeros past `out`; so padding costs at most 7
// columns.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

// Floats the packed copy of an [in][out] kernel takes.
std::size_t dense_packed_size(Index in, Index out);

// w [in][out] -> packed (dense_packed_size(in, out) floats). Never allocates.
void dense_pack_32x8(const float* w, Index in, Index out, float* packed);

// packed -> w [in][out]: the inverse of dense_pack_32x8.
void dense_unpack_32x8(const float* packed, Index in, Index out, float* w);

// y[o] = bias[o] (or 0 when bias is nullptr) + sum_k x[k] * W[k][o], summed in k order.
void dense_packed_32x8__vec4(const float* x, Index in, Index out, const float* packed, const float* bias, float* y);

// The same product, obviously: loops over Keras's layout. What the packed kernel is tested against.
void dense_reference(const float* x, Index in, Index out, const float* w, const float* bias, float* y);

}  // namespace padlab::kernels
