#pragma once
// Deterministic "random" weights for running a model forward without trained weights, with
// Keras's default initializers: kernels Glorot-uniform, biases zeros.
//
// The numbers come from PadLab's own generator, not NumPy's or TensorFlow's (those are not
// reproducible outside Python): value i of stream `stream` under `seed` is
//   key = splitmix64((seed << 32) xor stream)
//   u   = (splitmix64(key + i) >> 40) / 2^24       (24 bits: exact in float32)
//   glorot_uniform: (2u - 1) * sqrt(6 / (fan_in + fan_out))
// so the same seed gives the same weights natively, in wasm, and in any language that
// re-implements these lines (bench/run.mjs reads them back through pl.modelWeights instead).
#include <cstddef>
#include <cstdint>

#include "core/base/shape.hpp"

namespace padlab {

// The i-th value in [0, 1) of a stream (24-bit resolution).
float uniform01(std::uint64_t seed, std::uint64_t stream, std::uint64_t i);

// Fills `out` with n values of a stream: uniform in [0, 1).
void fill_uniform01(float* out, std::size_t n, std::uint64_t seed, std::uint64_t stream);

// Keras's fans of a kernel shape: Dense [in, out] -> (in, out); convolution [...k, cin, cout]
// -> (prod(k) * cin, prod(k) * cout) (keras.initializers' _compute_fans). Shapes of rank < 2
// use their one dimension for both.
void kernel_fans(const Shape& kernel_shape, Dim& fan_in, Dim& fan_out);

// Glorot-uniform (Keras's default kernel initializer) for a kernel of `kernel_shape`.
void fill_glorot_uniform(float* out, const Shape& kernel_shape, std::uint64_t seed, std::uint64_t stream);

}  // namespace padlab
