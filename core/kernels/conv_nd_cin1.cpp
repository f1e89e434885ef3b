#include "core/kernels/conv_nd_cin1.hpp"

#include <algorithm>
#include <cstring>

#include "core/kernels/conv_sources.hpp"
#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

// Stores acc rows for `pixels` pixels (compile-time indices only, see conv_nd_gemm.cpp).
template <int MR, int NV>
inline void store_tile(v4f (&acc)[MR][NV], float* y, Index cout, Index pixels, Index valid, bool relu) {
    constexpr Index NR = 4 * NV;
    for (int m = 0; m < MR; ++m) {
        if (m < pixels) {
            float* out = y + m * cout;
            if (relu)
                for (int v = 0; v < NV; ++v) acc[m][v] = relu4(acc[m][v]);
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

// MR interior pixels of one row, every channel block: pixel m, tap t reads origin[offsets[t] + m].
// w is [block][T][4*NV], bias [blocks*4*NV].
template <int MR, int NV>
__attribute__((noinline)) void row_tile(const float* origin, const Index* offsets, Index taps, const float* w,
                                        const float* bias, Index blocks, float* y, Index cout, bool relu) {
    constexpr Index NR = 4 * NV;
    for (Index blk = 0; blk < blocks; ++blk) {
        v4f acc[MR][NV];
        for (int v = 0; v < NV; ++v) {
            const v4f b = load4(bias + blk * NR + 4 * v);
            for (int m = 0; m < MR; ++m) acc[m][v] = b;
        }
        const float* wt = w + blk * taps * NR;
        for (Index t = 0; t < taps; ++t) {
            const float* x = origin + offsets[t];
            v4f wv[NV];
            for (int v = 0; v < NV; ++v) wv[v] = load4(wt + 4 * v);
            for (int m = 0; m < MR; ++m) {
                const v4f xv = splat4(x[m]);
                for (int v = 0; v < NV; ++v) acc[m][v] += xv * wv[v];
            }
            wt += NR;
        }
        store_tile<MR, NV>(acc, y + blk * NR, cout, MR, std::min(NR, cout - blk * NR), relu);
    }
}

// One pixel whose tap t reads *sources[t] (a gather: padding, or a row's last pixels).
template <int NV>
__attribute__((noinline)) void pixel_tile(const float* const* sources, Index taps, const float* w, const float* bias,
                                          Index blocks, float* y, Index cout, bool relu) {
    constexpr Index NR = 4 * NV;
    for (Index blk = 0; blk < blocks; ++blk) {
        v4f acc[1][NV];
        for (int v = 0; v < NV; ++v) acc[0][v] = load4(bias + blk * NR + 4 * v);
        const float* wt = w + blk * taps * NR;
        for (Index t = 0; t < taps; ++t) {
            const v4f xv = splat4(*sources[t]);
            for (int v = 0; v < NV; ++v) acc[0][v] += xv * load4(wt + 4 * v);
            wt += NR;
        }
        store_tile<1, NV>(acc, y + blk * NR, cout, 1, std::min(NR, cout - blk * NR), relu);
    }
}

using RowFn = void (*)(const float*, const Index*, Index, const float*, const float*, Index, float*, Index, bool);
using PixelFn = void (*)(const float* const*, Index, const float*, const float*, Index, float*, Index, bool);

struct Layout {
    Index blocks = 0;
    std::size_t weights = 0, bias = 0, pad_row = 0, offsets = 0, sources = 0, axis = 0, total = 0;
};

template <int NV>
Layout layout(const ConvProblem& p) {
    const Index nr = 4 * NV;
    Layout l;
    l.blocks = (p.cout + nr - 1) / nr;
    std::size_t at = 0;
    auto region = [&at](std::size_t bytes) {
        const std::size_t start = at;
        at += align16(bytes);
        return start;
    };
    l.weights = region(sizeof(float) * static_cast<std::size_t>(l.blocks * p.taps() * nr));
    l.bias = region(sizeof(float) * static_cast<std::size_t>(l.blocks * nr));
    l.pad_row = region(sizeof(float));
    l.offsets = region(sizeof(Index) * static_cast<std::size_t>(p.taps()));
    l.sources = region(sizeof(const float*) * static_cast<std::size_t>(p.taps()));
    l.axis = region(sizeof(Index) * static_cast<std::size_t>(p.axes[0].k + p.axes[1].k + p.axes[2].k));
    l.total = at;
    return l;
}

}  // namespace

template <int MR, int NV>
bool ConvNdCin1<MR, NV>::supports(const ConvProblem& p) {
    return p.kind == ConvKind::Regular && p.cin == 1 && p.axes[2].s == 1;
}

template <int MR, int NV>
std::size_t ConvNdCin1<MR, NV>::scratch_bytes(const ConvProblem& p) {
    return layout<NV>(p).total;
}

template <int MR, int NV>
void ConvNdCin1<MR, NV>::run(const ConvProblem& p, const ConvBuffers& b) {
    constexpr Index NR = 4 * NV;
    const Layout l = layout<NV>(p);
    char* scratch = static_cast<char*>(b.scratch);
    float* w = reinterpret_cast<float*>(scratch + l.weights);
    float* bias = reinterpret_cast<float*>(scratch + l.bias);
    float* pad_row = reinterpret_cast<float*>(scratch + l.pad_row);
    Index* offsets = reinterpret_cast<Index*>(scratch + l.offsets);
    const float** sources = reinterpret_cast<const float**>(scratch + l.sources);
    Index* axis = reinterpret_cast<Index*>(scratch + l.axis);

    const Index taps = p.taps(), cout = p.cout;
    // Weights [block][tap][NR], zero past Cout (Keras's [...k, 1, Cout] is [tap][Cout]).
    for (Index blk = 0; blk < l.blocks; ++blk) {
        const Index n = std::min(NR, cout - blk * NR);
        for (Index t = 0; t < taps; ++t) {
            float* dst = w + (blk * taps + t) * NR;
            std::memcpy(dst, b.kernel + t * cout + blk * NR, static_cast<std::size_t>(n) * sizeof(float));
            std::fill(dst + n, dst + NR, 0.0f);
        }
    }
    std::fill(bias, bias + l.blocks * NR, 0.0f);
    if (b.bias) std::copy(b.bias, b.bias + cout, bias);
    pad_row[0] = p.mode == PadMode::Constant ? p.pad_value : 0.0f;
    interior_tap_offsets(p, offsets);

    // Through pointers read at run time: wasm-opt would inline them into run(), where V8 then
    // spills the accumulators (see conv_nd_gemm.cpp).
    static RowFn volatile row_fn = &row_tile<MR, NV>;
    static PixelFn volatile pixel_fn = &pixel_tile<NV>;
    const RowFn row = row_fn;
    const PixelFn pixel = pixel_fn;

    const Index width = p.axes[2].out;
    const Index rows = p.output_pixels() / std::max<Index>(width, 1);
    PixelCursor cursor(p, b.input, 0);
    for (Index r = 0; r < rows; ++r) {
        float* y = b.output + r * width * cout;
        Index ow = 0;
        while (ow < width) {
            // A full tile of interior pixels: the cursor is at ow, and ow + MR - 1 is interior
            // too when the first is (interior columns are contiguous).
            const float* origin = cursor.interior_origin();
            if (origin && ow + MR <= width) {
                for (int m = 1; m < MR; ++m) cursor.next();
                if (cursor.interior_origin()) {
                    cursor.next();
                    row(origin, offsets, taps, w, bias, l.blocks, y + ow * cout, cout, p.relu);
                    ow += MR;
                    continue;
                }
                // The tile ran into the border: back to ow, one pixel at a time.
                cursor = PixelCursor(p, b.input, r * width + ow);
            }
            tap_sources(p, b.input, cursor.pos(), pad_row, sources, axis);
            pixel(sources, taps, w, bias, l.blocks, y + ow * cout, cout, p.relu);
            cursor.next();
            ++ow;
        }
    }
}

template struct ConvNdCin1<5, 2>;

}  // namespace padlab::kernels
