#include "core/kernels/conv_nd_cin1.hpp"

#include <algorithm>
#include <cstring>

#include "core/kernels/conv_sources.hpp"  // align16
#include "core/base/limits.hpp"
#include "core/base/pad_mode.hpp"
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
    Index strip_width = 0;  // padded row: out2 + dk2 - 1 (unit stride on axis 2)
    std::size_t weights = 0, bias = 0, strip = 0, offsets = 0, sources = 0, total = 0;
};

template <int NV>
Layout layout(const ConvProblem& p) {
    const Index nr = 4 * NV;
    Layout l;
    l.blocks = (p.cout + nr - 1) / nr;
    l.strip_width = p.axes[2].out + p.axes[2].d * (p.axes[2].k - 1);
    std::size_t at = 0;
    auto region = [&at](std::size_t bytes) {
        const std::size_t start = at;
        at += align16(bytes);
        return start;
    };
    l.weights = region(sizeof(float) * static_cast<std::size_t>(l.blocks * p.taps() * nr));
    l.bias = region(sizeof(float) * static_cast<std::size_t>(l.blocks * nr));
    l.strip = region(sizeof(float) * static_cast<std::size_t>(p.axes[0].k * p.axes[1].k * l.strip_width));
    l.offsets = region(sizeof(Index) * static_cast<std::size_t>(p.taps()));
    l.sources = region(sizeof(const float*) * static_cast<std::size_t>(p.taps()));
    l.total = at;
    return l;
}

// The padded strip one output row reads: for each outer tap (t0, t1), the input row it lands on
// (or the row its padding mode copies, or the constant), padded along axis 2 to strip_width.
// Every pixel of the output row is then an interior pixel of the strip.
void fill_strip(const ConvProblem& p, const float* image, Index o0, Index o1, Index width, float* strip) {
    const ConvAxis& a0 = p.axes[0];
    const ConvAxis& a1 = p.axes[1];
    const ConvAxis& a2 = p.axes[2];
    const bool constant = p.mode == PadMode::Constant;
    const Index before = a2.before;
    const Index lo = std::min(std::max<Index>(before, 0), width);                   // first input column
    const Index hi = std::max(lo, std::min(width, before + a2.in));                 // past the last
    for (Index t0 = 0; t0 < a0.k; ++t0) {
        Index i0 = o0 * a0.s - a0.before + t0 * a0.d;
        const bool in0 = i0 >= 0 && i0 < a0.in;
        if (!in0 && !constant) i0 = pad_source_index(i0, a0.in, p.mode);
        for (Index t1 = 0; t1 < a1.k; ++t1, strip += width) {
            Index i1 = o1 * a1.s - a1.before + t1 * a1.d;
            const bool in1 = i1 >= 0 && i1 < a1.in;
            if ((!in0 || !in1) && constant) {
                std::fill(strip, strip + width, p.pad_value);
                continue;
            }
            if (!in1) i1 = pad_source_index(i1, a1.in, p.mode);
            const float* src = image + (i0 * a1.in + i1) * a2.in;
            if (hi > lo) std::memcpy(strip + lo, src + (lo - before), static_cast<std::size_t>(hi - lo) * sizeof(float));
            for (Index j = 0; j < width; ++j) {
                if (j >= lo && j < hi) {
                    j = hi - 1;
                    continue;
                }
                strip[j] = constant ? p.pad_value : src[pad_source_index(j - before, a2.in, p.mode)];
            }
        }
    }
}

}  // namespace

template <int MR, int NV>
bool ConvNdCin1<MR, NV>::supports(const ConvProblem& p) {
    if (p.kind != ConvKind::Regular || p.cin != 1 || p.axes[2].s != 1) return false;
    // The strip (k0 * k1 rows of out2 + d2 * (k2 - 1) values) must be addressable: huge
    // dilations would overflow Index in wasm32. Counted in double; such problems go elsewhere.
    const double width = static_cast<double>(p.axes[2].out) + static_cast<double>(p.axes[2].d) * static_cast<double>(p.axes[2].k - 1);
    const double strip = static_cast<double>(p.axes[0].k) * static_cast<double>(p.axes[1].k) * width;
    return strip * sizeof(float) <= static_cast<double>(kMaxTensorBytes);
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
    float* strip = reinterpret_cast<float*>(scratch + l.strip);
    Index* offsets = reinterpret_cast<Index*>(scratch + l.offsets);
    const float** sources = reinterpret_cast<const float**>(scratch + l.sources);

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
    // Tap t = (t0, t1, t2) reads strip row t0 * k1 + t1 at column t2 * d2 from the pixel.
    for (Index t0 = 0, t = 0; t0 < p.axes[0].k; ++t0)
        for (Index t1 = 0; t1 < p.axes[1].k; ++t1)
            for (Index t2 = 0; t2 < p.axes[2].k; ++t2, ++t)
                offsets[t] = (t0 * p.axes[1].k + t1) * l.strip_width + t2 * p.axes[2].d;

    // Through pointers read at run time: wasm-opt would inline them into run(), where V8 then
    // spills the accumulators (see conv_nd_gemm.cpp).
    static RowFn volatile row_fn = &row_tile<MR, NV>;
    static PixelFn volatile pixel_fn = &pixel_tile<NV>;
    const RowFn row = row_fn;
    const PixelFn pixel = pixel_fn;

    const Index width = p.axes[2].out;
    const Index image_size = p.axes[0].in * p.axes[1].in * p.axes[2].in;
    float* y = b.output;
    for (Index n = 0; n < p.batch; ++n) {
        const float* image = b.input + n * image_size;
        for (Index o0 = 0; o0 < p.axes[0].out; ++o0) {
            for (Index o1 = 0; o1 < p.axes[1].out; ++o1, y += width * cout) {
                fill_strip(p, image, o0, o1, l.strip_width, strip);
                if (width < MR) {
                    for (Index ow = 0; ow < width; ++ow) {
                        for (Index t = 0; t < taps; ++t) sources[t] = strip + ow + offsets[t];
                        pixel(sources, taps, w, bias, l.blocks, y + ow * cout, cout, p.relu);
                    }
                    continue;
                }
                // Full tiles; the last one is moved back to end at the row's end, recomputing a
                // few pixels with identical results instead of a slow one-pixel tail.
                for (Index ow = 0; ow < width; ow += MR) {
                    const Index at = std::min(ow, width - MR);
                    row(strip + at, offsets, taps, w, bias, l.blocks, y + at * cout, cout, p.relu);
                }
            }
        }
    }
}

// 4 pixels x 8 channels: measured fastest of 2x4 .. 6x2 tiles in node 20 (V8 keeps its 8
// accumulators, 2 weight vectors and the splats in registers; larger tiles spill).
template struct ConvNdCin1<4, 2>;

}  // namespace padlab::kernels
