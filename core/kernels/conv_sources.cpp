#include "core/kernels/conv_sources.hpp"

namespace padlab::kernels {

PixelPos pixel_at(const ConvProblem& p, Index flat) {
    PixelPos q;
    q.o2 = flat % p.axes[2].out;
    flat /= p.axes[2].out;
    q.o1 = flat % p.axes[1].out;
    flat /= p.axes[1].out;
    q.o0 = flat % p.axes[0].out;
    q.n = flat / p.axes[0].out;
    return q;
}

void next_pixel(const ConvProblem& p, PixelPos& q) {
    if (++q.o2 < p.axes[2].out) return;
    q.o2 = 0;
    if (++q.o1 < p.axes[1].out) return;
    q.o1 = 0;
    if (++q.o0 < p.axes[0].out) return;
    q.o0 = 0;
    ++q.n;
}

namespace {

// First input cell of the window on one axis (may be negative: a padding cell).
Index window_start(const ConvAxis& a, Index o) { return o * a.s - a.before; }

bool axis_inside(const ConvAxis& a, Index o) {
    const Index start = window_start(a, o);
    return start >= 0 && start + (a.k - 1) * a.d < a.in;
}

}  // namespace

bool window_inside(const ConvProblem& p, const PixelPos& q) {
    return axis_inside(p.axes[0], q.o0) && axis_inside(p.axes[1], q.o1) && axis_inside(p.axes[2], q.o2);
}

void tap_sources(const ConvProblem& p, const float* input, const PixelPos& q, const float* pad_row,
                 const float** sources, Index* axis_scratch) {
    const ConvAxis& a0 = p.axes[0];
    const ConvAxis& a1 = p.axes[1];
    const ConvAxis& a2 = p.axes[2];
    const Index elems = p.cin;
    const Index row = a2.in * elems, plane = a1.in * row;
    const float* sample = input + q.n * a0.in * plane;

    if (window_inside(p, q)) {
        // Interior: every tap is a fixed offset from the window's first cell.
        const float* base = sample + window_start(a0, q.o0) * plane + window_start(a1, q.o1) * row +
                            window_start(a2, q.o2) * elems;
        const Index step0 = a0.d * plane, step1 = a1.d * row, step2 = a2.d * elems;
        for (Index k0 = 0; k0 < a0.k; ++k0)
            for (Index k1 = 0; k1 < a1.k; ++k1) {
                const float* x = base + k0 * step0 + k1 * step1;
                for (Index k2 = 0; k2 < a2.k; ++k2) *sources++ = x + k2 * step2;
            }
        return;
    }

    // Border: each axis on its own through pad_source_index; -1 marks a Constant padding cell.
    Index* idx0 = axis_scratch;
    Index* idx1 = idx0 + a0.k;
    Index* idx2 = idx1 + a1.k;
    for (Index k = 0; k < a0.k; ++k) idx0[k] = pad_source_index(window_start(a0, q.o0) + k * a0.d, a0.in, p.mode);
    for (Index k = 0; k < a1.k; ++k) idx1[k] = pad_source_index(window_start(a1, q.o1) + k * a1.d, a1.in, p.mode);
    for (Index k = 0; k < a2.k; ++k) idx2[k] = pad_source_index(window_start(a2, q.o2) + k * a2.d, a2.in, p.mode);
    for (Index k0 = 0; k0 < a0.k; ++k0)
        for (Index k1 = 0; k1 < a1.k; ++k1)
            for (Index k2 = 0; k2 < a2.k; ++k2) {
                const bool padding = idx0[k0] < 0 || idx1[k1] < 0 || idx2[k2] < 0;
                *sources++ = padding ? pad_row : sample + idx0[k0] * plane + idx1[k1] * row + idx2[k2] * elems;
            }
}

}  // namespace padlab::kernels
