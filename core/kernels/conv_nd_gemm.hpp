#pragma once
// Regular convolution (1D/2D/3D, lifted to three axes) as a register-tiled GEMM over
// per-tile im2col patches, vectorized over output channels.
//
// For a tile of MR consecutive output pixels (in the output's row-major order, so tiles run on
// across rows and only the very last one is partial), the K = taps*Cin input values each
// pixel reads are packed into a small patch, interleaved by pixel: patch[k][m]. Padding is
// resolved while packing (conv_sources.hpp), so the micro-kernel never sees it. The
// micro-kernel then holds an MR x 4*NV block of outputs in MR*NV vector accumulators; each of
// its K steps broadcasts one patch value per pixel and multiplies it by NV vectors of weights
// (Keras's kernel layout has Cout innermost, so a weight vector is 4 consecutive output
// channels). Bias initialises the accumulators; ReLU is applied before the single store.
//
// Why this shape (measured in V8, node 20, x86-64): V8 gives wasm 15 allocatable vector
// registers; MR*NV accumulators + NV weight vectors + a broadcast + a product must fit, so
// 5x2 (10 accumulators) is the largest tile without spills. The interleaved patch lets the MR
// broadcasts use one pointer with immediate offsets: reading the input in place costs an
// address computation per broadcast, which measured 10-20% slower. Unrolling the K loop made
// clang hoist loads and V8 spill; the plain loop is the fastest.
//
// Weights are repacked per call into [block][K][4*NV] (contiguous, zero past Cout), so a
// block's weights stream from L1/L2; for few output pixels conv_nd_gemv.hpp reads them in place.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

template <int MR, int NV>
struct ConvNdGemm {
    static bool supports(const ConvProblem& p);
    static std::size_t scratch_bytes(const ConvProblem& p);
    static void run(const ConvProblem& p, const ConvBuffers& b);
};

// The variants the registry lists (kernel_registry.cpp), instantiated in conv_nd_gemm.cpp.
extern template struct ConvNdGemm<5, 2>;
extern template struct ConvNdGemm<8, 1>;

}  // namespace padlab::kernels
