#pragma once
// Where each kernel tap reads from, for one output row of a lifted (3-axis) convolution.
// This is how padding is fused without a padded copy of the input:
//   - axes 0 and 1 (the outer ones): for each (k0, k1) the source input row is resolved once
//     per output row with pad_source_index. A row that falls in Constant padding is skipped when
//     the pad value is 0 (it adds nothing), or read from a row of pad values otherwise;
//     reflect/symmetric/replicate/circular rows are simply the mirrored/clamped/wrapped row.
//   - axis 2 (the innermost spatial axis): output columns whose whole window is inside the
//     input ("interior") share one tap list and run the fast tiled path; the few border
//     columns get their own per-pixel tap list (a gather through pad_source_index).
// Everything is written into caller-provided arrays; nothing allocates.
#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

// One input row feeding an output row: its first element and the index of tap (k0, k1, 0).
struct TapRow {
    const float* row;
    Index tap0;
};

// One tap: the address of the input pixel it reads for the tile's first output column
// (interior) or for one border column, and its tap index (k0*K1 + k1)*K2 + k2.
struct Tap {
    const float* x;
    Index tap;
};

// Rows feeding output row (n, o0, o1); returns how many were written (at most k0*k1).
// `pad_row` holds max(in2, 1) * pixel_elems copies of the pad value; it is only read for
// Constant padding with a non-zero value.
Index build_tap_rows(const ConvProblem& p, const float* input, const float* pad_row, Index n, Index o0, Index o1,
                     TapRow* rows);

// Taps for interior columns: tap (k0, k1, k2) reads rows[r].row + k2*d2*pixel_elems, to which the
// kernel adds the column offset (ow*s2 - before2) * pixel_elems. Returns the count (nrows * k2).
Index build_interior_taps(const ConvProblem& p, const TapRow* rows, Index nrows, Tap* taps);

// Taps for one border column ow, with the column already applied (the kernel adds nothing).
// Zero-padding taps are left out. Returns the count.
Index build_border_taps(const ConvProblem& p, const TapRow* rows, Index nrows, Index ow, const float* pad_row,
                        Tap* taps);

// Output columns [lo, hi) of axis 2 whose every tap lies inside the input (lo <= hi).
struct ColumnRange {
    Index lo;
    Index hi;
};
ColumnRange interior_columns(const ConvAxis& axis);

// Floats per input pixel (the input's channel count, for regular and depthwise alike).
inline Index pixel_elems(const ConvProblem& p) { return p.cin; }

// Rounds a byte count up so the next scratch region starts 16-byte aligned.
inline std::size_t align16(std::size_t bytes) { return (bytes + 15) & ~std::size_t(15); }

}  // namespace padlab::kernels
