#include "core/kernels/kernel_registry.hpp"

#include "core/kernels/conv_nd_cin1.hpp"
#include "core/kernels/conv_nd_gemm.hpp"
#include "core/kernels/conv_nd_gemv.hpp"
#include "core/kernels/depthwise_nd.hpp"
#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

bool always(const ConvProblem&) { return true; }

// Repacking weights costs one pass over them; it pays off once several output pixels reuse
// them. Below this many pixels (a Dense layer run as a one-pixel Conv1D) read them in place.
constexpr Index kPackingMinPixels = 8;
bool few_pixels(const ConvProblem& p) { return p.output_pixels() < kPackingMinPixels; }

// With at most 4 output channels an 8-lane block would compute mostly zeros.
bool few_channels(const ConvProblem& p) { return p.cout <= 4; }

template <class K>
ConvKernel entry(const char* name, bool (*prefers)(const ConvProblem&)) {
    return {name, &K::supports, prefers, &K::scratch_bytes, &K::run};
}

}  // namespace

const std::vector<ConvKernel>& conv_kernels() {
    static const std::vector<ConvKernel> list = {
        entry<ConvNdGemv>("conv_nd_gemv_8rows__vec4", &few_pixels),
        entry<ConvNdCin1<4, 2>>("conv_nd_cin1_s1_4x8__vec4", &always),
        entry<ConvNdGemm<8, 1>>("conv_nd_8x4__vec4", &few_channels),
        entry<ConvNdGemm<5, 2>>("conv_nd_5x8__vec4", &always),
        entry<DepthwiseNdM1<4, 2>>("depthwise_nd_m1_4x8__vec4", &always),
        entry<DepthwiseNdGeneric>("depthwise_nd_generic__scalar", &always),
    };
    return list;
}

const ConvKernel* select_conv_kernel(const ConvProblem& p) {
    for (const ConvKernel& k : conv_kernels())
        if (k.supports(p) && k.prefers(p)) return &k;
    return nullptr;
}

const ConvKernel* find_conv_kernel(std::string_view name) {
    for (const ConvKernel& k : conv_kernels())
        if (name == k.name) return &k;
    return nullptr;
}

const char* kernels_isa() { return vec4_isa(); }

}  // namespace padlab::kernels
