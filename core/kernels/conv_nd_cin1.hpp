#pragma once
// Regular convolution with one input channel and unit stride on the innermost axis: an image
// model's first layer (28x28x1 -> 32, 3x3). Any rank, kernel size and dilation.
//
// With Cin = 1 the reduction is only the taps (9 for 3x3), too short for the GEMM kernel's
// per-tile costs (packing a patch, setting up and storing accumulators per channel block) to
// pay off. Here, for MR neighbouring output pixels of one row, tap t of pixel m reads
// origin + offsets[t] + m: one pointer per tap, the MR broadcasts at immediate offsets, no
// packing. A tile computes every channel block in one call (4*NV channels at a time, MR*NV
// accumulators). Pixels whose window touches padding, and the last pixels of a row that do
// not fill a tile, go through a one-pixel path fed by conv_sources' gather.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

template <int MR, int NV>
struct ConvNdCin1 {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

extern template struct ConvNdCin1<5, 2>;

}  // namespace padlab::kernels
