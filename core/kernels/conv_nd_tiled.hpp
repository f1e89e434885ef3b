#pragma once
// Regular convolution (1D/2D/3D lifted to three axes), output-channel-vectorized register tiling.
//
// A micro-tile is MR output pixels along the innermost spatial axis x 4*NV output channels,
// held in MR*NV vector accumulators. Each reduction step broadcasts one input value per pixel
// and multiplies it by NV vectors of weights: Keras's kernel layout already has Cout innermost,
// so a weight vector is 4 consecutive output channels. The reduction runs over the taps
// (conv_taps.hpp: interior columns share one tap list, border columns gather) and the input
// channels. Bias initialises the accumulators; ReLU is applied before the single store.
//
//   CIN = 1     the input channel count is fixed at 1 (an image model's first layer): the
//               tap loop is the whole reduction, with no inner channel loop.
//   CIN = 0     any input channel count.
//   PACKED      weights are repacked per call into [block][tap][cin][4*NV] (contiguous,
//               zero-filled past Cout) so a block's weights stream from L1. Unpacked kernels
//               read Keras's layout in place: for few output pixels (a Dense layer as a
//               one-pixel Conv1D) repacking would double the memory traffic over large weights.
//
// Register budget: V8 gives wasm 16 vector registers on x86-64; MR*NV accumulators + NV weight
// vectors + a broadcast + a product must fit, so MR*NV stays <= 12.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

template <int MR, int NV, int CIN, bool PACKED>
struct ConvNdTiled {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

// The variants the registry lists (kernel_registry.cpp), instantiated in conv_nd_tiled.cpp.
extern template struct ConvNdTiled<4, 2, 0, true>;
extern template struct ConvNdTiled<4, 2, 1, true>;
extern template struct ConvNdTiled<1, 4, 0, false>;

}  // namespace padlab::kernels
