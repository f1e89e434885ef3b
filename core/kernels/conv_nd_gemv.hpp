#pragma once
// Regular convolution for few output pixels, weights read in place: a Dense layer run as a
// one-step Conv1D (input [1, 1, F], kernel [1, F, units]) is one matrix-vector product.
//
// Repacking would double the memory traffic over weights that are used once, so this kernel
// reads Keras's [taps*Cin][Cout] rows as they lie, in address order: eight rows at a time, each
// output-channel vector of partial sums is loaded, gets the eight rows' products added (in row
// order, the reference's summation order) and is stored back. The partial sums (Cout floats)
// stay in L1 while the weights stream sequentially, which the hardware prefetcher follows;
// walking each channel block down all rows instead jumps Cout floats per row and was
// latency-bound (measured 3x slower on the seed's 63 MB Dense kernel).
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

struct ConvNdGemv {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

}  // namespace padlab::kernels
