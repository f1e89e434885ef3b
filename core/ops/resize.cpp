#include "core/ops/resize.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace padlab {

namespace {

struct Tap {
    std::size_t lower = 0, upper = 0;
    float weight = 0.0f;  // of `upper`
};

std::vector<Tap> taps(Dim in_size, Dim out_size, ResizeMethod method) {
    std::vector<Tap> t(static_cast<std::size_t>(out_size));
    const float scale = static_cast<float>(in_size) / static_cast<float>(out_size);
    const auto last = static_cast<long long>(in_size) - 1;
    for (Dim o = 0; o < out_size; ++o) {
        Tap& tap = t[static_cast<std::size_t>(o)];
        if (method == ResizeMethod::Nearest) {
            const auto i = std::min(static_cast<long long>(std::floor((static_cast<float>(o) + 0.5f) * scale)), last);
            tap.lower = tap.upper = static_cast<std::size_t>(std::max(i, 0LL));
            continue;
        }
        const float in = (static_cast<float>(o) + 0.5f) * scale - 0.5f;
        const float f = std::floor(in);
        tap.lower = static_cast<std::size_t>(std::max(static_cast<long long>(f), 0LL));
        tap.upper = static_cast<std::size_t>(std::min(static_cast<long long>(std::ceil(in)), last));
        tap.weight = in - f;
    }
    return t;
}

}  // namespace

void resize_into(const float* in, const Shape& in_shape, Dim out_h, Dim out_w, ResizeMethod method, float* out) {
    const auto batch = static_cast<std::size_t>(in_shape[0]);
    const auto h = static_cast<std::size_t>(in_shape[1]);
    const auto w = static_cast<std::size_t>(in_shape[2]);
    const auto c = static_cast<std::size_t>(in_shape[3]);
    if (out_h <= 0 || out_w <= 0 || h == 0 || w == 0) return;
    const std::vector<Tap> ys = taps(in_shape[1], out_h, method), xs = taps(in_shape[2], out_w, method);
    for (std::size_t b = 0; b < batch; ++b) {
        const float* image = in + b * h * w * c;
        for (const Tap& y : ys) {
            for (const Tap& x : xs) {
                const float* tl = image + (y.lower * w + x.lower) * c;
                const float* tr = image + (y.lower * w + x.upper) * c;
                const float* bl = image + (y.upper * w + x.lower) * c;
                const float* br = image + (y.upper * w + x.upper) * c;
                for (std::size_t k = 0; k < c; ++k) {
                    // TF's order: the two rows first, then between them.
                    const float top = tl[k] + (tr[k] - tl[k]) * x.weight;
                    const float bottom = bl[k] + (br[k] - bl[k]) * x.weight;
                    *out++ = top + (bottom - top) * y.weight;
                }
            }
        }
    }
}

}  // namespace padlab
