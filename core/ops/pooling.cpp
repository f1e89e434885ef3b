#include "core/ops/pooling.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>

namespace padlab {

namespace {

using Index = std::ptrdiff_t;

// Spatial axes lifted to three, unit axes in front (as the conv kernels do).
struct Lifted {
    std::array<AxisArithmetic, 3> axes;
    Index batch = 1;
    Index channels = 1;
};

Lifted lift(const Shape& input_shape, const std::vector<AxisArithmetic>& axes) {
    Lifted l;
    for (auto& a : l.axes) {
        a.input = a.output = a.kernel = a.stride = 1;
        a.pad_before = a.pad_after = 0;
    }
    const std::size_t offset = 3 - axes.size();
    for (std::size_t i = 0; i < axes.size(); ++i) l.axes[offset + i] = axes[i];
    l.batch = static_cast<Index>(input_shape.front());
    l.channels = static_cast<Index>(input_shape.back());
    return l;
}

}  // namespace

void pool_into(const float* input, const Shape& input_shape, PoolKind kind, const std::vector<AxisArithmetic>& axes,
               float* output) {
    const Lifted l = lift(input_shape, axes);
    const auto& [a0, a1, a2] = l.axes;
    const Index c = l.channels;
    float* out = output;
    for (Index n = 0; n < l.batch; ++n) {
        const float* image = input + n * a0.input * a1.input * a2.input * c;
        for (Index o0 = 0; o0 < a0.output; ++o0) {
            const Index s0 = o0 * a0.stride - a0.pad_before;
            const Index lo0 = std::max<Index>(s0, 0), hi0 = std::min<Index>(s0 + a0.kernel, a0.input);
            for (Index o1 = 0; o1 < a1.output; ++o1) {
                const Index s1 = o1 * a1.stride - a1.pad_before;
                const Index lo1 = std::max<Index>(s1, 0), hi1 = std::min<Index>(s1 + a1.kernel, a1.input);
                for (Index o2 = 0; o2 < a2.output; ++o2, out += c) {
                    const Index s2 = o2 * a2.stride - a2.pad_before;
                    const Index lo2 = std::max<Index>(s2, 0), hi2 = std::min<Index>(s2 + a2.kernel, a2.input);
                    const float init = kind == PoolKind::Max ? -std::numeric_limits<float>::infinity() : 0.0f;
                    std::fill(out, out + c, init);
                    for (Index i0 = lo0; i0 < hi0; ++i0)
                        for (Index i1 = lo1; i1 < hi1; ++i1)
                            for (Index i2 = lo2; i2 < hi2; ++i2) {
                                const float* px = image + ((i0 * a1.input + i1) * a2.input + i2) * c;
                                if (kind == PoolKind::Max) {
                                    for (Index ch = 0; ch < c; ++ch) out[ch] = std::max(out[ch], px[ch]);
                                } else {
                                    for (Index ch = 0; ch < c; ++ch) out[ch] += px[ch];
                                }
                            }
                    if (kind == PoolKind::Average) {
                        const float count = static_cast<float>((hi0 - lo0) * (hi1 - lo1) * (hi2 - lo2));
                        for (Index ch = 0; ch < c; ++ch) out[ch] /= count;
                    }
                }
            }
        }
    }
}

void global_pool_into(const float* input, const Shape& input_shape, PoolKind kind, float* output) {
    const auto batch = static_cast<Index>(input_shape.front());
    const auto c = static_cast<Index>(input_shape.back());
    Index positions = 1;
    for (std::size_t i = 1; i + 1 < input_shape.size(); ++i) positions *= static_cast<Index>(input_shape[i]);
    for (Index n = 0; n < batch; ++n) {
        float* out = output + n * c;
        const float* image = input + n * positions * c;
        std::fill(out, out + c, kind == PoolKind::Max ? -std::numeric_limits<float>::infinity() : 0.0f);
        for (Index p = 0; p < positions; ++p) {
            const float* px = image + p * c;
            if (kind == PoolKind::Max) {
                for (Index ch = 0; ch < c; ++ch) out[ch] = std::max(out[ch], px[ch]);
            } else {
                for (Index ch = 0; ch < c; ++ch) out[ch] += px[ch];
            }
        }
        if (kind == PoolKind::Average)
            for (Index ch = 0; ch < c; ++ch) out[ch] /= static_cast<float>(positions);
    }
}

}  // namespace padlab
