#include "core/ops/window_coverage.hpp"

#include <algorithm>

namespace padlab {

// A difference array over intervals: with a stride of 1 each tap sweeps one interval; with
// dilation 1 each window is one; otherwise every tap is marked.
std::vector<bool> window_read_mask(Dim grid, Dim output, Dim kernel, Dim stride, Dim dilation) {
    std::vector<int> diff(static_cast<std::size_t>(grid) + 1, 0);
    auto mark = [&](Dim lo, Dim hi) {  // [lo, hi] clipped to the grid
        lo = std::max<Dim>(lo, 0);
        hi = std::min<Dim>(hi, grid - 1);
        if (lo > hi) return;
        ++diff[static_cast<std::size_t>(lo)];
        --diff[static_cast<std::size_t>(hi) + 1];
    };
    if (output > 0) {
        if (stride == 1) {
            for (Dim t = 0; t < kernel; ++t) mark(t * dilation, t * dilation + output - 1);
        } else if (dilation == 1) {
            for (Dim j = 0; j < output; ++j) mark(j * stride, j * stride + kernel - 1);
        } else {
            for (Dim j = 0; j < output; ++j)
                for (Dim t = 0; t < kernel; ++t) mark(j * stride + t * dilation, j * stride + t * dilation);
        }
    }
    std::vector<bool> mask(static_cast<std::size_t>(grid));
    int run = 0;
    for (std::size_t g = 0; g < mask.size(); ++g) {
        run += diff[g];
        mask[g] = run > 0;
    }
    return mask;
}

}  // namespace padlab
