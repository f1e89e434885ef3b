#include "core/kernels/conv_taps.hpp"

#include <algorithm>

namespace padlab::kernels {

Index build_tap_rows(const ConvProblem& p, const float* input, const float* pad_row, Index n, Index o0, Index o1,
                     TapRow* rows) {
    const ConvAxis& a0 = p.axes[0];
    const ConvAxis& a1 = p.axes[1];
    const Index row_elems = p.axes[2].in * pixel_elems(p);
    const bool skip_padding = p.zero_padding();
    Index count = 0;
    for (Index k0 = 0; k0 < a0.k; ++k0) {
        const Index i0 = pad_source_index(o0 * a0.s - a0.before + k0 * a0.d, a0.in, p.mode);
        for (Index k1 = 0; k1 < a1.k; ++k1) {
            const Index i1 = pad_source_index(o1 * a1.s - a1.before + k1 * a1.d, a1.in, p.mode);
            const Index tap0 = (k0 * a1.k + k1) * p.axes[2].k;
            if (i0 < 0 || i1 < 0) {
                if (skip_padding) continue;
                rows[count++] = {pad_row, tap0};
            } else {
                rows[count++] = {input + ((n * a0.in + i0) * a1.in + i1) * row_elems, tap0};
            }
        }
    }
    return count;
}

Index build_interior_taps(const ConvProblem& p, const TapRow* rows, Index nrows, Tap* taps) {
    const ConvAxis& a2 = p.axes[2];
    const Index step = a2.d * pixel_elems(p);
    Index count = 0;
    for (Index r = 0; r < nrows; ++r)
        for (Index k2 = 0; k2 < a2.k; ++k2) taps[count++] = {rows[r].row + k2 * step, rows[r].tap0 + k2};
    return count;
}

Index build_border_taps(const ConvProblem& p, const TapRow* rows, Index nrows, Index ow, const float* pad_row,
                        Tap* taps) {
    const ConvAxis& a2 = p.axes[2];
    const Index elems = pixel_elems(p);
    const bool skip_padding = p.zero_padding();
    Index count = 0;
    // Rows outer, k2 inner: the reference's summation order.
    for (Index r = 0; r < nrows; ++r) {
        for (Index k2 = 0; k2 < a2.k; ++k2) {
            const Index i2 = pad_source_index(ow * a2.s - a2.before + k2 * a2.d, a2.in, p.mode);
            if (i2 < 0 && skip_padding) continue;
            // A Constant padding cell reads pad values; any pixel of pad_row will do.
            const float* x = i2 < 0 ? pad_row : rows[r].row + i2 * elems;
            taps[count++] = {x, rows[r].tap0 + k2};
        }
    }
    return count;
}

ColumnRange interior_columns(const ConvAxis& a) {
    // First column whose window starts at or after input cell 0: ow*s >= before.
    const Index lo = std::min((a.before + a.s - 1) / a.s, a.out);
    // Last column whose window ends inside the input: ow*s - before + (k-1)*d <= in - 1.
    const Index last_start = a.in - 1 - (a.k - 1) * a.d + a.before;
    const Index hi = last_start < 0 ? 0 : std::min(last_start / a.s + 1, a.out);
    return {lo, std::max(lo, hi)};
}

}  // namespace padlab::kernels
