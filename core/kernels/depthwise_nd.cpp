#include "core/kernels/depthwise_nd.hpp"

#include <algorithm>

#include "core/kernels/conv_sources.hpp"
#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

// Scratch regions shared by both kernels, each 16-byte aligned.
struct Layout {
    std::size_t bias = 0, pad_row = 0, offsets = 0, sources = 0, axis = 0, total = 0;
};

Layout layout(const ConvProblem& p, Index pixels_per_tile) {
    Layout l;
    std::size_t at = 0;
    auto region = [&at](std::size_t bytes) {
        const std::size_t start = at;
        at += align16(bytes);
        return start;
    };
    l.bias = region(sizeof(float) * static_cast<std::size_t>(p.cout));
    l.pad_row = region(sizeof(float) * static_cast<std::size_t>(p.cin));
    l.offsets = region(sizeof(Index) * static_cast<std::size_t>(p.taps()));
    l.sources = region(sizeof(const float*) * static_cast<std::size_t>(pixels_per_tile * p.taps()));
    l.axis = region(sizeof(Index) * static_cast<std::size_t>(p.axes[0].k + p.axes[1].k + p.axes[2].k));
    l.total = at;
    return l;
}

struct Regions {
    float* bias;
    float* pad_row;
    Index* offsets;
    const float** sources;
    Index* axis;
};

Regions prepare(const ConvProblem& p, const ConvBuffers& b, const Layout& l) {
    char* s = static_cast<char*>(b.scratch);
    Regions r{reinterpret_cast<float*>(s + l.bias), reinterpret_cast<float*>(s + l.pad_row),
              reinterpret_cast<Index*>(s + l.offsets), reinterpret_cast<const float**>(s + l.sources),
              reinterpret_cast<Index*>(s + l.axis)};
    if (b.bias)
        std::copy(b.bias, b.bias + p.cout, r.bias);
    else
        std::fill(r.bias, r.bias + p.cout, 0.0f);
    std::fill(r.pad_row, r.pad_row + p.cin, p.mode == PadMode::Constant ? p.pad_value : 0.0f);
    interior_tap_offsets(p, r.offsets);
    return r;
}

// The tap addresses of the current pixel into src[0..T).
void pixel_sources(const ConvProblem& p, const ConvBuffers& b, const Regions& r, const PixelCursor& cursor,
                   const float** src) {
    if (const float* origin = cursor.interior_origin()) {
        for (Index t = 0; t < p.taps(); ++t) src[t] = origin + r.offsets[t];
    } else {
        tap_sources(p, b.input, cursor.pos(), r.pad_row, src, r.axis);
    }
}

// MR pixels (src[m*T + t]) x 4*NV channels from c0; w is [T][C]. Every acc index is a
// compile-time constant so V8 keeps the accumulators in registers.
template <int MR, int NV>
__attribute__((noinline)) void dw_tile(const float* const* src, Index taps, Index c0, const float* w, Index channels,
                                       const float* bias, float* y, Index pixels, bool relu) {
    v4f acc[MR][NV];
    for (int v = 0; v < NV; ++v) {
        const v4f bv = load4(bias + c0 + 4 * v);
        for (int m = 0; m < MR; ++m) acc[m][v] = bv;
    }
    for (Index t = 0; t < taps; ++t) {
        v4f wv[NV];
        for (int v = 0; v < NV; ++v) wv[v] = load4(w + t * channels + c0 + 4 * v);
        for (int m = 0; m < MR; ++m) {
            const float* x = src[m * taps + t] + c0;
            for (int v = 0; v < NV; ++v) acc[m][v] += load4(x + 4 * v) * wv[v];
        }
    }
    for (int m = 0; m < MR; ++m) {
        if (m < pixels) {
            for (int v = 0; v < NV; ++v) store4(y + m * channels + c0 + 4 * v, relu ? relu4(acc[m][v]) : acc[m][v]);
        }
    }
}

template <int MR>
using DwTileFn = void (*)(const float* const*, Index, Index, const float*, Index, const float*, float*, Index, bool);

}  // namespace

template <int MR, int NV>
bool DepthwiseNdM1<MR, NV>::supports(const ConvProblem& p) {
    return p.kind == ConvKind::Depthwise && p.multiplier == 1;
}

template <int MR, int NV>
std::size_t DepthwiseNdM1<MR, NV>::scratch_bytes(const ConvProblem& p) {
    return layout(p, MR).total;
}

template <int MR, int NV>
void DepthwiseNdM1<MR, NV>::run(const ConvProblem& p, const ConvBuffers& b) {
    constexpr Index NR = 4 * NV;
    const Layout l = layout(p, MR);
    const Regions r = prepare(p, b, l);
    const Index taps = p.taps(), channels = p.cin;
    // Through pointers read at run time: wasm-opt would otherwise inline them into run(), where
    // V8 spills the accumulators (see conv_nd_gemm.cpp).
    static DwTileFn<MR> volatile wide_fn = &dw_tile<MR, NV>;
    static DwTileFn<MR> volatile narrow_fn = &dw_tile<MR, 1>;
    const DwTileFn<MR> wide = wide_fn, narrow = narrow_fn;

    const Index total = p.output_pixels();
    PixelCursor cursor(p, b.input, 0);
    for (Index first = 0; first < total; first += MR) {
        const Index pixels = std::min<Index>(MR, total - first);
        for (Index m = 0; m < MR; ++m) {
            if (m < pixels) {
                pixel_sources(p, b, r, cursor, r.sources + m * taps);
                cursor.next();
            } else {
                // Past the last pixel: read pixel 0's inputs again, never stored.
                std::copy(r.sources, r.sources + taps, r.sources + m * taps);
            }
        }
        float* y = b.output + first * channels;
        Index c = 0;
        for (; c + NR <= channels; c += NR) wide(r.sources, taps, c, b.kernel, channels, r.bias, y, pixels, p.relu);
        for (; c + 4 <= channels; c += 4) narrow(r.sources, taps, c, b.kernel, channels, r.bias, y, pixels, p.relu);
        for (; c < channels; ++c) {  // the last channels, fewer than a vector
            for (Index m = 0; m < pixels; ++m) {
                float acc = r.bias[c];
                for (Index t = 0; t < taps; ++t) acc += r.sources[m * taps + t][c] * b.kernel[t * channels + c];
                y[m * channels + c] = p.relu && acc < 0.0f ? 0.0f : acc;
            }
        }
    }
}

bool DepthwiseNdGeneric::supports(const ConvProblem& p) { return p.kind == ConvKind::Depthwise; }

std::size_t DepthwiseNdGeneric::scratch_bytes(const ConvProblem& p) { return layout(p, 1).total; }

void DepthwiseNdGeneric::run(const ConvProblem& p, const ConvBuffers& b) {
    const Layout l = layout(p, 1);
    const Regions r = prepare(p, b, l);
    const Index taps = p.taps(), channels = p.cin, mult = p.multiplier;
    const Index total = p.output_pixels();
    PixelCursor cursor(p, b.input, 0);
    float* y = b.output;
    for (Index pixel = 0; pixel < total; ++pixel) {
        pixel_sources(p, b, r, cursor, r.sources);
        cursor.next();
        for (Index c = 0; c < channels; ++c) {
            for (Index m = 0; m < mult; ++m) {
                const Index o = c * mult + m;
                float acc = r.bias[o];
                for (Index t = 0; t < taps; ++t) acc += r.sources[t][c] * b.kernel[(t * channels + c) * mult + m];
                *y++ = p.relu && acc < 0.0f ? 0.0f : acc;
            }
        }
    }
}

template struct DepthwiseNdM1<4, 2>;

}  // namespace padlab::kernels
