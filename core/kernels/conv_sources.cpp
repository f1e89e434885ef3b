#include "core/kernels/conv_sources.hpp"

namespace padlab::kernels {

namespace {

// First input cell of the window on one axis (may be negative: a padding cell).
Index window_start(const ConvAxis& a, Index o) { return o * a.s - a.before; }

bool axis_inside(const ConvAxis& a, Index o) {
    const Index start = window_start(a, o);
    return start >= 0 && start + (a.k - 1) * a.d < a.in;
}

}  // namespace

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

void interior_tap_offsets(const ConvProblem& p, Index* offsets) {
    const ConvAxis& a0 = p.axes[0];
    const ConvAxis& a1 = p.axes[1];
    const ConvAxis& a2 = p.axes[2];
    const Index row = a2.in * p.cin, plane = a1.in * row;
    for (Index k0 = 0; k0 < a0.k; ++k0)
        for (Index k1 = 0; k1 < a1.k; ++k1)
            for (Index k2 = 0; k2 < a2.k; ++k2) *offsets++ = k0 * a0.d * plane + k1 * a1.d * row + k2 * a2.d * p.cin;
}

void tap_sources(const ConvProblem& p, const float* input, const PixelPos& q, const float* pad_row,
                 const float** sources, Index* axis_scratch) {
    const ConvAxis& a0 = p.axes[0];
    const ConvAxis& a1 = p.axes[1];
    const ConvAxis& a2 = p.axes[2];
    const Index elems = p.cin;
    const Index row = a2.in * elems, plane = a1.in * row;
    const float* sample = input + q.n * a0.in * plane;

    // Each axis on its own through pad_source_index; -1 marks a Constant padding cell. Interior
    // cells map to themselves, so this also serves pixels with no padding in their window.
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

PixelCursor::PixelCursor(const ConvProblem& p, const float* input, Index flat)
    : p_(&p), input_(input), q_(pixel_at(p, flat)), col_step_(p.axes[2].s * p.cin) {
    // Interior columns: ow*s >= before and ow*s - before + (k-1)*d <= in - 1.
    const ConvAxis& a = p.axes[2];
    lo_ = (a.before + a.s - 1) / a.s;
    const Index last_start = a.in - 1 - (a.k - 1) * a.d + a.before;
    hi_ = last_start < 0 ? 0 : last_start / a.s + 1;
    start_row();
}

void PixelCursor::start_row() {
    const ConvAxis& a0 = p_->axes[0];
    const ConvAxis& a1 = p_->axes[1];
    const ConvAxis& a2 = p_->axes[2];
    row_inside_ = q_.n < p_->batch && axis_inside(a0, q_.o0) && axis_inside(a1, q_.o1);
    if (row_inside_) {
        row_offset_ =
            (((q_.n * a0.in + window_start(a0, q_.o0)) * a1.in + window_start(a1, q_.o1)) * a2.in - a2.before) * p_->cin;
    }
}

}  // namespace padlab::kernels
