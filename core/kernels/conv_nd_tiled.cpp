#include "core/kernels/conv_nd_tiled.hpp"

#include <algorithm>
#include <cstring>

#include "core/kernels/conv_taps.hpp"
#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

// Where a block of 4*NV output channels reads its weights: tap t, input channel c is at
// base + t*tap_stride + c*ci_stride.
struct WeightBlock {
    const float* base;
    Index tap_stride;
    Index ci_stride;
};

// One micro-tile: MR pixels (pixel m reads taps[t].x + col_off + m*pix_step) x 4*NV channels,
// written to y + m*y_step; only the first `valid` channels are stored (the last block).
template <int MR, int NV, int CIN, Index WS>
inline void conv_tile(const Tap* taps, Index ntaps, Index col_off, Index pix_step, Index cin, WeightBlock w,
                      const float* bias, float* y, Index y_step, Index valid, bool relu) {
    constexpr Index NR = 4 * NV;
    v4f acc[MR][NV];
    for (int v = 0; v < NV; ++v) {
        const v4f b = load4(bias + 4 * v);
        for (int m = 0; m < MR; ++m) acc[m][v] = b;
    }
    for (Index t = 0; t < ntaps; ++t) {
        const float* x = taps[t].x + col_off;
        const float* wt = w.base + taps[t].tap * w.tap_stride;
        if constexpr (CIN == 1) {
            v4f wv[NV];
            for (int v = 0; v < NV; ++v) wv[v] = load4(wt + 4 * v);
            for (int m = 0; m < MR; ++m) {
                const v4f xv = splat4(x[m * pix_step]);
                for (int v = 0; v < NV; ++v) acc[m][v] += xv * wv[v];
            }
        } else {
            const float* xm[MR];
            for (int m = 0; m < MR; ++m) xm[m] = x + m * pix_step;
            // WS: the weight row stride, a compile-time constant when packed, so the four
            // unrolled steps address memory with immediate offsets (no address arithmetic).
            const Index ws = WS ? WS : w.ci_stride;
            Index c = 0;
            for (; c + 4 <= cin; c += 4) {
                for (int u = 0; u < 4; ++u) {
                    v4f wv[NV];
                    for (int v = 0; v < NV; ++v) wv[v] = load4(wt + u * ws + 4 * v);
                    for (int m = 0; m < MR; ++m) {
                        const v4f xv = splat4(xm[m][c + u]);
                        for (int v = 0; v < NV; ++v) acc[m][v] += xv * wv[v];
                    }
                }
                wt += 4 * ws;
            }
            for (; c < cin; ++c) {
                v4f wv[NV];
                for (int v = 0; v < NV; ++v) wv[v] = load4(wt + 4 * v);
                for (int m = 0; m < MR; ++m) {
                    const v4f xv = splat4(xm[m][c]);
                    for (int v = 0; v < NV; ++v) acc[m][v] += xv * wv[v];
                }
                wt += ws;
            }
        }
    }
    for (int m = 0; m < MR; ++m) {
        if (relu)
            for (int v = 0; v < NV; ++v) acc[m][v] = relu4(acc[m][v]);
        float* out = y + m * y_step;
        if (valid == NR) {
            for (int v = 0; v < NV; ++v) store4(out + 4 * v, acc[m][v]);
        } else {
            float tmp[NR];
            for (int v = 0; v < NV; ++v) store4(tmp + 4 * v, acc[m][v]);
            std::memcpy(out, tmp, static_cast<std::size_t>(valid) * sizeof(float));
        }
    }
}

// A tile of `count` pixels, 1 <= count <= M: the full-width tile or a narrower tail.
template <int M, int NV, int CIN, Index WS>
inline void conv_tile_upto(Index count, const Tap* taps, Index ntaps, Index col_off, Index pix_step, Index cin,
                           WeightBlock w, const float* bias, float* y, Index y_step, Index valid, bool relu) {
    if constexpr (M > 1) {
        if (count < M) {
            conv_tile_upto<M - 1, NV, CIN, WS>(count, taps, ntaps, col_off, pix_step, cin, w, bias, y, y_step, valid, relu);
            return;
        }
    }
    conv_tile<M, NV, CIN, WS>(taps, ntaps, col_off, pix_step, cin, w, bias, y, y_step, valid, relu);
}

// Scratch regions, in order, each 16-byte aligned.
struct Layout {
    std::size_t weights, bias, pad_row, rows, taps, border_taps, total;
};

template <int NV, bool PACKED>
Layout layout(const ConvProblem& p) {
    const Index nr = 4 * NV;
    const Index blocks = (p.cout + nr - 1) / nr;
    // Unpacked kernels repack only a partial last block (a full-width read there would run
    // past the end of the kernel).
    const Index packed_blocks = PACKED ? blocks : (p.cout % nr != 0 ? 1 : 0);
    const bool needs_pad_row = p.mode == PadMode::Constant && p.pad_value != 0.0f;
    Layout l{};
    std::size_t at = 0;
    l.weights = at;
    at += align16(sizeof(float) * static_cast<std::size_t>(packed_blocks * p.taps() * p.cin * nr));
    l.bias = at;
    at += align16(sizeof(float) * static_cast<std::size_t>(blocks * nr));
    l.pad_row = at;
    at += needs_pad_row ? align16(sizeof(float) * static_cast<std::size_t>(std::max<Index>(p.axes[2].in, 1) * p.cin)) : 0;
    l.rows = at;
    at += align16(sizeof(TapRow) * static_cast<std::size_t>(p.axes[0].k * p.axes[1].k));
    l.taps = at;
    at += align16(sizeof(Tap) * static_cast<std::size_t>(p.taps()));
    l.border_taps = at;
    at += align16(sizeof(Tap) * static_cast<std::size_t>(p.taps()));
    l.total = at;
    return l;
}

// Copies output channels [co0, co0 + nr) of every (tap, cin) row into dst, zero past Cout.
void pack_block(const float* kernel, Index rows, Index cout, Index co0, Index nr, float* dst) {
    const Index n = std::min(nr, cout - co0);
    for (Index r = 0; r < rows; ++r) {
        const float* src = kernel + r * cout + co0;
        std::memcpy(dst, src, static_cast<std::size_t>(n) * sizeof(float));
        std::fill(dst + n, dst + nr, 0.0f);
        dst += nr;
    }
}

}  // namespace

template <int MR, int NV, int CIN, bool PACKED>
bool ConvNdTiled<MR, NV, CIN, PACKED>::supports(const ConvProblem& p) {
    return p.kind == ConvKind::Regular && (CIN == 0 || p.cin == CIN);
}

template <int MR, int NV, int CIN, bool PACKED>
std::size_t ConvNdTiled<MR, NV, CIN, PACKED>::scratch_bytes(const ConvProblem& p) {
    return layout<NV, PACKED>(p).total;
}

template <int MR, int NV, int CIN, bool PACKED>
void ConvNdTiled<MR, NV, CIN, PACKED>::run(const ConvProblem& p, const ConvBuffers& b) {
    constexpr Index NR = 4 * NV;
    constexpr Index kWS = PACKED ? NR : 0;  // weight row stride if known at compile time
    const Layout l = layout<NV, PACKED>(p);
    char* scratch = static_cast<char*>(b.scratch);
    float* packed = reinterpret_cast<float*>(scratch + l.weights);
    float* bias = reinterpret_cast<float*>(scratch + l.bias);
    float* pad_row = reinterpret_cast<float*>(scratch + l.pad_row);
    TapRow* rows = reinterpret_cast<TapRow*>(scratch + l.rows);
    Tap* taps = reinterpret_cast<Tap*>(scratch + l.taps);
    Tap* border = reinterpret_cast<Tap*>(scratch + l.border_taps);

    const Index cin = p.cin, cout = p.cout, ntap_all = p.taps();
    const Index blocks = (cout + NR - 1) / NR;
    const Index block_floats = ntap_all * cin * NR;
    if constexpr (PACKED) {
        for (Index blk = 0; blk < blocks; ++blk) pack_block(b.kernel, ntap_all * cin, cout, blk * NR, NR, packed + blk * block_floats);
    } else if (cout % NR != 0) {
        pack_block(b.kernel, ntap_all * cin, cout, (blocks - 1) * NR, NR, packed);
    }
    std::fill(bias, bias + blocks * NR, 0.0f);
    if (b.bias) std::copy(b.bias, b.bias + cout, bias);
    if (p.mode == PadMode::Constant && p.pad_value != 0.0f)
        std::fill(pad_row, pad_row + std::max<Index>(p.axes[2].in, 1) * cin, p.pad_value);

    auto weights = [&](Index blk) -> WeightBlock {
        if (PACKED) return {packed + blk * block_floats, cin * NR, NR};
        if ((blk + 1) * NR > cout) return {packed, cin * NR, NR};
        return {b.kernel + blk * NR, cin * cout, cout};
    };

    const ConvAxis& a0 = p.axes[0];
    const ConvAxis& a1 = p.axes[1];
    const ConvAxis& a2 = p.axes[2];
    const ColumnRange cols = interior_columns(a2);
    const Index pix_step = a2.s * cin;
    for (Index n = 0; n < p.batch; ++n)
    for (Index o0 = 0; o0 < a0.out; ++o0)
    for (Index o1 = 0; o1 < a1.out; ++o1) {
        const Index nrows = build_tap_rows(p, b.input, pad_row, n, o0, o1, rows);
        const Index ntaps = build_interior_taps(p, rows, nrows, taps);
        float* y_row = b.output + ((n * a0.out + o0) * a1.out + o1) * a2.out * cout;

        for (Index blk = 0; blk < blocks; ++blk) {
            const WeightBlock w = weights(blk);
            const Index valid = std::min(NR, cout - blk * NR);
            for (Index ow = cols.lo; ow < cols.hi; ow += MR) {
                conv_tile_upto<MR, NV, CIN, kWS>(cols.hi - ow, taps, ntaps, (ow * a2.s - a2.before) * cin, pix_step, cin, w,
                                            bias + blk * NR, y_row + ow * cout + blk * NR, cout, valid, p.relu);
            }
        }
        // Border columns: each gathers its own taps once, for every channel block.
        for (Index ow = 0; ow < a2.out; ++ow) {
            if (ow == cols.lo) ow = cols.hi;
            if (ow >= a2.out) break;
            const Index nb = build_border_taps(p, rows, nrows, ow, pad_row, border);
            for (Index blk = 0; blk < blocks; ++blk) {
                conv_tile<1, NV, CIN, kWS>(border, nb, 0, 0, cin, weights(blk), bias + blk * NR, y_row + ow * cout + blk * NR,
                                      cout, std::min(NR, cout - blk * NR), p.relu);
            }
        }
    }
}

template struct ConvNdTiled<4, 2, 0, true>;
template struct ConvNdTiled<4, 2, 1, true>;
template struct ConvNdTiled<1, 4, 0, false>;

}  // namespace padlab::kernels
