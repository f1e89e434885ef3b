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
void next_pixel(const ConvProblem& p, PixelPos& q);

// Writes p.taps() addresses, in tap order (k0, k1, k2) - the kernel's [k0][k1][k2] layout - each
// pointing at the Cin (pixel_elems) values the tap reads. Constant padding cells point at
// pad_row (pixel_elems copies of the pad value). axis_scratch holds k0 + k1 + k2 Index values.
void tap_sources(const ConvProblem& p, const float* input, const PixelPos& q, const float* pad_row,
                 const float** sources, Index* axis_scratch);

// Whether every tap of pixel q lies inside the input (no padding cell in its window).
bool window_inside(const ConvProblem& p, const PixelPos& q);

// Rounds a byte count up so the next scratch region starts 16-byte aligned.
inline std::size_t align16(std::size_t bytes) { return (bytes + 15) & ~std::size_t(15); }

}  // namespace padlab::kernels
