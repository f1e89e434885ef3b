#pragma once
// Where each kernel tap of an output pixel reads its input, for a lifted (3-axis) convolution.
// This is how padding is fused without a padded copy of the input: a pixel whose whole window
// lies inside the input (the interior, nearly every pixel) gets its tap addresses by plain
// pointer arithmetic; a border pixel resolves each axis through pad_source_index (reflect,
// symmetric, replicate and circular cells read the mirrored/clamped/wrapped input cell) and a
// Constant padding cell reads a caller-provided row of pad values. Nothing allocates.
#include <cstddef>

#include "core/kernels/conv_problem.hpp"

namespace padlab::kernels {

// An output pixel position; pixels are visited in the output's row-major order, so the flat
// index P of pixel (n, o0, o1, o2) is also its offset in units of Cout in the output.
struct PixelPos {
    Index n = 0, o0 = 0, o1 = 0, o2 = 0;
};

PixelPos pixel_at(const ConvProblem& p, Index flat);

// Writes p.taps() addresses, in tap order (k0, k1, k2) - the kernel's [k0][k1][k2] layout - each
// pointing at the Cin values the tap reads. Constant padding cells point at pad_row (Cin copies
// of the pad value). axis_scratch holds k0 + k1 + k2 Index values. Works for any pixel.
void tap_sources(const ConvProblem& p, const float* input, const PixelPos& q, const float* pad_row,
                 const float** sources, Index* axis_scratch);

// For an interior pixel (whole window inside the input), tap t reads origin + offsets[t]:
// the p.taps() offsets are the same for every interior pixel, so they are computed once.
void interior_tap_offsets(const ConvProblem& p, Index* offsets);

// Walks output pixels in row-major order. What is known per output row (whether axes 0 and 1
// are inside, where the row's windows start) is computed when the row changes, so the per-pixel
// cost is a compare and a multiply-add.
class PixelCursor {
public:
    PixelCursor(const ConvProblem& p, const float* input, Index flat);
    const PixelPos& pos() const { return q_; }
    // The window's first input cell if every tap of the current pixel lies inside the input,
    // else nullptr (then use tap_sources).
    const float* interior_origin() const {
        if (!row_inside_ || q_.o2 < lo_ || q_.o2 >= hi_) return nullptr;
        return input_ + (row_offset_ + q_.o2 * col_step_);
    }
    void next() {
        if (++q_.o2 < p_->axes[2].out) return;
        q_.o2 = 0;
        if (++q_.o1 >= p_->axes[1].out) {
            q_.o1 = 0;
            if (++q_.o0 >= p_->axes[0].out) {
                q_.o0 = 0;
                ++q_.n;
            }
        }
        start_row();
    }

private:
    void start_row();
    const ConvProblem* p_;
    const float* input_;
    PixelPos q_;
    Index lo_ = 0, hi_ = 0;  // interior columns of axis 2
    Index col_step_ = 0;     // s2 * Cin
    bool row_inside_ = false;
    Index row_offset_ = 0;  // input offset of column 0's window start (may be negative)
};

// Rounds a byte count up so the next scratch region starts 16-byte aligned.
inline std::size_t align16(std::size_t bytes) { return (bytes + 15) & ~std::size_t(15); }

}  // namespace padlab::kernels
