#include "core/kernels/dense_packed.hpp"

#include <algorithm>
#include <cstring>

#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

constexpr Index kWide = 32;   // outputs per block: 8 accumulators of 4
constexpr Index kNarrow = 8;  // the remainder: 2 accumulators

Index wide_outputs(Index out) { return out / kWide * kWide; }

// One block of NV vectors: acc = bias; acc += x[k] * packed[k][:] for every k, in order.
template <int NV>
__attribute__((noinline)) void block(const float* x, Index in, const float* packed, const float* bias, Index valid,
                                     float* y) {
    v4f acc[NV];
    float b[4 * NV] = {};
    if (bias) std::memcpy(b, bias, static_cast<std::size_t>(valid) * sizeof(float));
    for (int v = 0; v < NV; ++v) acc[v] = load4(b + 4 * v);
    for (Index k = 0; k < in; ++k, packed += 4 * NV) {
        const v4f xv = splat4(x[k]);
        for (int v = 0; v < NV; ++v) acc[v] += xv * load4(packed + 4 * v);
    }
    float out[4 * NV];
    for (int v = 0; v < NV; ++v) store4(out + 4 * v, acc[v]);
    std::memcpy(y, out, static_cast<std::size_t>(valid) * sizeof(float));
}

using BlockFn = void (*)(const float*, Index, const float*, const float*, Index, float*);

}  // namespace

std::size_t dense_packed_size(Index in, Index out) {
    const Index wide = wide_outputs(out);
    const Index narrow = (out - wide + kNarrow - 1) / kNarrow * kNarrow;
    return static_cast<std::size_t>(in * (wide + narrow));
}

void dense_pack_32x8(const float* w, Index in, Index out, float* packed) {
    const Index wide = wide_outputs(out);
    for (Index o0 = 0; o0 < out;) {
        const Index width = o0 < wide ? kWide : kNarrow;
        const Index valid = std::min(width, out - o0);
        for (Index k = 0; k < in; ++k, packed += width) {
            std::memcpy(packed, w + k * out + o0, static_cast<std::size_t>(valid) * sizeof(float));
            std::fill(packed + valid, packed + width, 0.0f);
        }
        o0 += width;
    }
}

void dense_unpack_32x8(const float* packed, Index in, Index out, float* w) {
    const Index wide = wide_outputs(out);
    for (Index o0 = 0; o0 < out;) {
        const Index width = o0 < wide ? kWide : kNarrow;
        const Index valid = std::min(width, out - o0);
        for (Index k = 0; k < in; ++k, packed += width)
            std::memcpy(w + k * out + o0, packed, static_cast<std::size_t>(valid) * sizeof(float));
        o0 += width;
    }
}

void dense_packed_32x8__vec4(const float* x, Index in, Index out, const float* packed, const float* bias, float* y) {
    // Through pointers read at run time, so wasm-opt does not inline the blocks here, where V8
    // would spill their accumulators (see conv_nd_gemm.cpp).
    static BlockFn volatile wide_fn = &block<kWide / 4>;
    static BlockFn volatile narrow_fn = &block<kNarrow / 4>;
    const BlockFn wide_block = wide_fn;
    const BlockFn narrow_block = narrow_fn;
    const Index wide = wide_outputs(out);
    for (Index o0 = 0; o0 < wide; o0 += kWide, packed += in * kWide)
        wide_block(x, in, packed, bias ? bias + o0 : nullptr, kWide, y + o0);
    for (Index o0 = wide; o0 < out; o0 += kNarrow, packed += in * kNarrow)
        narrow_block(x, in, packed, bias ? bias + o0 : nullptr, std::min(kNarrow, out - o0), y + o0);
}

void dense_reference(const float* x, Index in, Index out, const float* w, const float* bias, float* y) {
    for (Index o = 0; o < out; ++o) {
        float sum = bias ? bias[o] : 0.0f;
        for (Index k = 0; k < in; ++k) sum += x[k] * w[k * out + o];
        y[o] = sum;
    }
}

}  // namespace padlab::kernels
