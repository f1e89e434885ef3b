#include "core/kernels/conv_nd_gemm.hpp"

#include <algorithm>
#include <cstring>

#include "core/kernels/conv_sources.hpp"
#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

// Patches of a group of tiles are packed together, then every channel block runs over the
// group: the block's weights stay in L1 while the group's patches (about this many bytes)
// stay in L2. Measured flat between 32 and 256 KiB.
constexpr std::size_t kPatchGroupBytes = 96 * 1024;

// MR pixels x 4*NV channels: patch is [K][MR], weights [K][4*NV]. Stores `pixels` rows of
// `valid` channels at y, y + cout, ...
// Kept out of line on purpose (see run()): as its own small function V8 keeps every
// accumulator in a register; inlined into run() it spilled two (measured 25 vs 38 GFLOP/s).
template <int MR, int NV>
__attribute__((noinline)) void gemm_tile(const float* patch, Index K, const float* w, const float* bias, float* y,
                                         Index cout, Index pixels, Index valid, bool relu) {
    constexpr Index NR = 4 * NV;
    v4f acc[MR][NV];
    for (int v = 0; v < NV; ++v) {
        const v4f b = load4(bias + 4 * v);
        for (int m = 0; m < MR; ++m) acc[m][v] = b;
    }
    for (Index k = 0; k < K; ++k) {
        v4f wv[NV];
        for (int v = 0; v < NV; ++v) wv[v] = load4(w + 4 * v);
        for (int m = 0; m < MR; ++m) {
            const v4f xv = splat4(patch[m]);
            for (int v = 0; v < NV; ++v) acc[m][v] += xv * wv[v];
        }
        patch += MR;
        w += NR;
    }
    if (relu)
        for (int m = 0; m < MR; ++m)
            for (int v = 0; v < NV; ++v) acc[m][v] = relu4(acc[m][v]);
    // Every index into acc is a compile-time constant (fully unrolled loops, no break): an
    // index known only at run time makes clang keep acc in memory, and V8 then spills.
    for (int m = 0; m < MR; ++m) {
        if (m < pixels) {
            float* out = y + m * cout;
            if (valid == NR) {
                for (int v = 0; v < NV; ++v) store4(out + 4 * v, acc[m][v]);
            } else {
                float tmp[NR];
                for (int v = 0; v < NV; ++v) store4(tmp + 4 * v, acc[m][v]);
                std::memcpy(out, tmp, static_cast<std::size_t>(valid) * sizeof(float));
            }
        }
    }
}

using TileFn = void (*)(const float*, Index, const float*, const float*, float*, Index, Index, Index, bool);

// patch[(t*cin + c)*MR + m] = input value c of tap t of pixel m: the K values of each pixel,
// interleaved. An interior pixel m reads origin[m] + offsets[t]; a border (or missing) pixel
// reads sources[m*T + t].
template <int MR>
void pack_patch(const float* const* origin, const Index* offsets, const float* const* sources, Index taps, Index cin,
                float* patch) {
    for (Index t = 0; t < taps; ++t) {
        const float* s[MR];
        for (int m = 0; m < MR; ++m) s[m] = origin[m] ? origin[m] + offsets[t] : sources[m * taps + t];
        for (Index c = 0; c < cin; ++c) {
            for (int m = 0; m < MR; ++m) patch[m] = s[m][c];
            patch += MR;
        }
    }
}

// Copies output channels [co0, co0 + nr) of every K row into dst, zero past Cout.
void pack_weight_block(const float* kernel, Index rows, Index cout, Index co0, Index nr, float* dst) {
    const Index n = std::min(nr, cout - co0);
    for (Index r = 0; r < rows; ++r) {
        std::memcpy(dst, kernel + r * cout + co0, static_cast<std::size_t>(n) * sizeof(float));
        std::fill(dst + n, dst + nr, 0.0f);
        dst += nr;
    }
}

// Scratch regions, in order, each 16-byte aligned.
struct Layout {
    Index blocks = 0, group = 1;  // channel blocks; tiles per patch group
    std::size_t weights = 0, bias = 0, pad_row = 0, zero_row = 0, offsets = 0, sources = 0, axis = 0, patches = 0,
                total = 0;
};

template <int MR, int NV>
Layout layout(const ConvProblem& p) {
    const Index nr = 4 * NV;
    const Index k = p.taps() * p.cin;
    Layout l;
    l.blocks = (p.cout + nr - 1) / nr;
    const Index tiles = (p.output_pixels() + MR - 1) / MR;
    const std::size_t patch_bytes = sizeof(float) * static_cast<std::size_t>(MR * k);
    l.group = std::max<Index>(1, std::min<Index>(tiles, static_cast<Index>(kPatchGroupBytes / std::max<std::size_t>(patch_bytes, 1))));

    std::size_t at = 0;
    auto region = [&at](std::size_t bytes) {
        const std::size_t start = at;
        at += align16(bytes);
        return start;
    };
    l.weights = region(sizeof(float) * static_cast<std::size_t>(l.blocks * k * nr));
    l.bias = region(sizeof(float) * static_cast<std::size_t>(l.blocks * nr));
    l.pad_row = region(sizeof(float) * static_cast<std::size_t>(p.cin));
    l.zero_row = region(sizeof(float) * static_cast<std::size_t>(p.cin));
    l.offsets = region(sizeof(Index) * static_cast<std::size_t>(p.taps()));
    l.sources = region(sizeof(const float*) * static_cast<std::size_t>(MR * p.taps()));
    l.axis = region(sizeof(Index) * static_cast<std::size_t>(p.axes[0].k + p.axes[1].k + p.axes[2].k));
    l.patches = region(patch_bytes * static_cast<std::size_t>(l.group));
    l.total = at;
    return l;
}

}  // namespace

template <int MR, int NV>
bool ConvNdGemm<MR, NV>::supports(const ConvProblem& p) {
    return p.kind == ConvKind::Regular;
}

template <int MR, int NV>
std::size_t ConvNdGemm<MR, NV>::scratch_bytes(const ConvProblem& p) {
    return layout<MR, NV>(p).total;
}

template <int MR, int NV>
void ConvNdGemm<MR, NV>::run(const ConvProblem& p, const ConvBuffers& b) {
    constexpr Index NR = 4 * NV;
    const Layout l = layout<MR, NV>(p);
    char* scratch = static_cast<char*>(b.scratch);
    float* packed = reinterpret_cast<float*>(scratch + l.weights);
    float* bias = reinterpret_cast<float*>(scratch + l.bias);
    float* pad_row = reinterpret_cast<float*>(scratch + l.pad_row);
    float* zero_row = reinterpret_cast<float*>(scratch + l.zero_row);
    Index* offsets = reinterpret_cast<Index*>(scratch + l.offsets);
    const float** sources = reinterpret_cast<const float**>(scratch + l.sources);
    Index* axis = reinterpret_cast<Index*>(scratch + l.axis);
    float* patches = reinterpret_cast<float*>(scratch + l.patches);

    const Index taps = p.taps(), cin = p.cin, cout = p.cout, K = taps * cin;
    for (Index blk = 0; blk < l.blocks; ++blk) pack_weight_block(b.kernel, K, cout, blk * NR, NR, packed + blk * K * NR);
    std::fill(bias, bias + l.blocks * NR, 0.0f);
    if (b.bias) std::copy(b.bias, b.bias + cout, bias);
    std::fill(pad_row, pad_row + cin, p.mode == PadMode::Constant ? p.pad_value : 0.0f);
    std::fill(zero_row, zero_row + cin, 0.0f);
    interior_tap_offsets(p, offsets);

    // Called through a pointer read at run time: wasm-opt inlines a function called from one
    // place whatever its noinline attribute, and inlined into run() V8 spills accumulators.
    static TileFn volatile tile_fn = &gemm_tile<MR, NV>;
    const TileFn tile = tile_fn;

    const Index total = p.output_pixels();
    const Index tiles = (total + MR - 1) / MR;
    PixelCursor cursor(p, b.input, 0);
    for (Index first = 0; first < tiles; first += l.group) {
        const Index last = std::min(tiles, first + l.group);
        for (Index t = first; t < last; ++t) {
            const Index pixels = std::min<Index>(MR, total - t * MR);
            const float* origin[MR];
            for (Index m = 0; m < MR; ++m) {
                origin[m] = nullptr;
                if (m < pixels) {
                    origin[m] = cursor.interior_origin();
                    if (!origin[m]) tap_sources(p, b.input, cursor.pos(), pad_row, sources + m * taps, axis);
                    cursor.next();
                } else {
                    // Past the last pixel: computed from zeros, never stored.
                    std::fill(sources + m * taps, sources + (m + 1) * taps, zero_row);
                }
            }
            pack_patch<MR>(origin, offsets, sources, taps, cin, patches + (t - first) * MR * K);
        }
        for (Index blk = 0; blk < l.blocks; ++blk) {
            const float* w = packed + blk * K * NR;
            const Index valid = std::min(NR, cout - blk * NR);
            for (Index t = first; t < last; ++t) {
                const float* patch = patches + (t - first) * MR * K;
                float* y = b.output + t * MR * cout + blk * NR;
                const Index pixels = std::min<Index>(MR, total - t * MR);
                tile(patch, K, w, bias + blk * NR, y, cout, pixels, valid, p.relu);
            }
        }
    }
}

template struct ConvNdGemm<5, 2>;
template struct ConvNdGemm<8, 1>;

}  // namespace padlab::kernels
