#include "core/ops/merge_ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace padlab {

namespace {

// Row-major strides of `shape`, 0 on a size-1 axis that broadcasts to a longer output axis.
std::vector<std::size_t> broadcast_strides(const Shape& shape, const Shape& out_shape) {
    std::vector<std::size_t> strides(shape.size());
    std::size_t s = 1;
    for (std::size_t i = shape.size(); i-- > 0;) {
        strides[i] = shape[i] == 1 && out_shape[i] != 1 ? 0 : s;
        s *= static_cast<std::size_t>(shape[i]);
    }
    return strides;
}

float combine(MergeOp op, float acc, float x) {
    switch (op) {
        case MergeOp::Add:
        case MergeOp::Average: return acc + x;
        case MergeOp::Subtract: return acc - x;
        case MergeOp::Multiply: return acc * x;
        case MergeOp::Maximum: return std::max(acc, x);
        case MergeOp::Minimum: return std::min(acc, x);
    }
    return acc;
}

}  // namespace

void merge_elementwise(MergeOp op, const std::vector<const float*>& ins, const std::vector<Shape>& shapes,
                       const Shape& out_shape, float* out) {
    const auto n = static_cast<std::size_t>(shape_elements(out_shape));
    const std::size_t rank = out_shape.size();
    for (std::size_t k = 0; k < ins.size(); ++k) {
        const bool same = shapes[k] == out_shape;
        const std::vector<std::size_t> strides = broadcast_strides(shapes[k], out_shape);
        std::vector<std::size_t> index(rank, 0);
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t at = i;
            if (!same) {
                at = 0;
                for (std::size_t d = 0; d < rank; ++d) at += index[d] * strides[d];
                for (std::size_t d = rank; d-- > 0;) {  // the next output index, last axis fastest
                    if (++index[d] < static_cast<std::size_t>(out_shape[d])) break;
                    index[d] = 0;
                }
            }
            out[i] = k == 0 ? ins[0][at] : combine(op, out[i], ins[k][at]);
        }
    }
    if (op == MergeOp::Average) {
        const float scale = 1.0f / static_cast<float>(ins.size());
        for (std::size_t i = 0; i < n; ++i) out[i] *= scale;
    }
}

void concatenate_into(const std::vector<const float*>& ins, const std::vector<Shape>& shapes, std::size_t axis, float* out) {
    // Each input is `outer` blocks of (its axis length x inner) values, laid side by side.
    std::size_t outer = 1, inner = 1;
    for (std::size_t d = 0; d < axis; ++d) outer *= static_cast<std::size_t>(shapes[0][d]);
    for (std::size_t d = axis + 1; d < shapes[0].size(); ++d) inner *= static_cast<std::size_t>(shapes[0][d]);
    std::size_t row = 0;
    for (const Shape& s : shapes) row += static_cast<std::size_t>(s[axis]) * inner;
    std::size_t offset = 0;
    for (std::size_t k = 0; k < ins.size(); ++k) {
        const std::size_t block = static_cast<std::size_t>(shapes[k][axis]) * inner;
        for (std::size_t o = 0; o < outer; ++o) std::memcpy(out + o * row + offset, ins[k] + o * block, block * sizeof(float));
        offset += block;
    }
}

void dot_vectors(const float* a, const float* c, std::size_t batch, std::size_t n, bool normalize, float* out) {
    for (std::size_t b = 0; b < batch; ++b) {
        const float* x = a + b * n;
        const float* y = c + b * n;
        double sum = 0.0, xx = 0.0, yy = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += static_cast<double>(x[i]) * y[i];
            xx += static_cast<double>(x[i]) * x[i];
            yy += static_cast<double>(y[i]) * y[i];
        }
        // l2_normalize: x / sqrt(max(sum(x^2), epsilon)), per input.
        if (normalize) sum /= std::sqrt(std::max(xx, 1e-12)) * std::sqrt(std::max(yy, 1e-12));
        out[b] = static_cast<float>(sum);
    }
}

}  // namespace padlab
