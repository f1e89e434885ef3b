#pragma once
// Depthwise convolution (Keras DepthwiseConv1D/2D, and 3D), channels-last, lifted to three axes.
// Each output channel reads one input channel, so the work vectorizes over channels directly:
// no broadcast, no repacking of the input.
//
//   DepthwiseNdM1<MR, NV>   depth_multiplier 1 (the usual case): a tile is MR output pixels x
//                           4*NV channels in MR*NV accumulators; per tap, one weight vector per
//                           channel block is shared by the MR pixels. Channels past the last full
//                           vector are finished with scalar code.
//   DepthwiseNdGeneric      any multiplier, scalar: the reference order, for the rare rest.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

template <int MR, int NV>
struct DepthwiseNdM1 {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

struct DepthwiseNdGeneric {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

extern template struct DepthwiseNdM1<4, 2>;

}  // namespace padlab::kernels
