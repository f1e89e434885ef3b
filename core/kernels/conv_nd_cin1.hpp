#pragma once
// Regular convolution with one input channel and unit stride on the innermost axis: an image
// model's first layer (28x28x1 -> 32, 3x3). Any rank, kernel size and dilation.
//
// With Cin = 1 the reduction is only the taps (9 for 3x3), too short for the GEMM kernel's
// per-tile costs (packing a patch, setting up and storing accumulators per channel block) to
// pay off. Here each output row first gathers the input rows its windows read into a padded
// strip (scratch: k0 * k1 rows of out2 + dk2 - 1 values, padding filled per mode), so every
// pixel of the row is interior to the strip: for MR neighbouring pixels, tap t of pixel m reads
// strip[offsets[t] + m], one pointer per tap, no per-pixel gather. A tile computes every
// channel block in one call (4*NV channels at a time, MR*NV accumulators); the row's last tile
// is moved back to end at the row's end (recomputing a few pixels) instead of a one-pixel tail.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

template <int MR, int NV>
struct ConvNdCin1 {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

extern template struct ConvNdCin1<4, 2>;

}  // namespace padlab::kernels
