#pragma once
// The one list of fast convolution kernels, used by dispatch (core/conv.cpp) and by the tests
// (every listed kernel is checked against padlab::conv_reference on random problems).
//
// Names spell what a kernel is: <op>_<variant>_<MR>x<NR>__vec4, where MR x NR is the register
// tile (output pixels x output channels) and vec4 the portable 4-lane vector code
// (kernels/vec4.hpp; vec4_isa() says what it compiled to: wasmsimd, avx, sse2 or scalar).
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

struct ConvKernel {
    const char* name;
    // Can compute this problem exactly (tests run every kernel on every problem it supports).
    bool (*supports)(const ConvProblem&);
    // Is the best choice for it (dispatch takes the first kernel that supports and prefers).
    bool (*prefers)(const ConvProblem&);
    // Scratch the caller provides (16-byte aligned); bounded by the kernel's own size plus
    // one input row and the tap lists, whatever the input size.
    std::size_t (*scratch_bytes)(const ConvProblem&);
    // Writes every output value. Never allocates, never throws.
    void (*run)(const ConvProblem&, const ConvBuffers&);
};

// Every kernel, in dispatch order.
const std::vector<ConvKernel>& conv_kernels();

// The first kernel that supports and prefers `p`, or nullptr (the caller then uses the reference).
const ConvKernel* select_conv_kernel(const ConvProblem& p);

// The kernel of that name, or nullptr.
const ConvKernel* find_conv_kernel(std::string_view name);

// What vec4 compiled to in the kernels library itself (vec4_isa() as the kernels saw it):
// "scalar" when the kernels were built with PADLAB_FORCE_SCALAR.
const char* kernels_isa();

}  // namespace padlab::kernels
