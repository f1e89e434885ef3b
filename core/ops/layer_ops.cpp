#include "core/ops/layer_ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace padlab {

void crop_into(const float* in, const Shape& in_shape, const Pads& crops, const Shape& out_shape, float* out) {
    const std::size_t rank = in_shape.size();
    const auto c = static_cast<std::size_t>(in_shape.back());
    if (c == 0) return;
    Shape index(rank - 1, 0);  // over out_shape[0 .. rank-2], row-major
    const auto rows = static_cast<std::size_t>(shape_elements(out_shape)) / c;
    for (std::size_t r = 0; r < rows; ++r) {
        std::size_t offset = 0;
        for (std::size_t a = 0; a + 1 < rank; ++a) {
            const Dim before = a == 0 ? 0 : crops[a - 1][0];
            offset = offset * static_cast<std::size_t>(in_shape[a]) + static_cast<std::size_t>(index[a] + before);
        }
        std::memcpy(out + r * c, in + offset * c, c * sizeof(float));
        for (std::size_t a = rank - 1; a-- > 0;) {
            if (++index[a] < out_shape[a]) break;
            index[a] = 0;
        }
    }
}

void relu_in_place(float* x, std::size_t n, const ReluParams& p) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        x[i] = v >= p.threshold ? std::min(v, p.max_value) : p.negative_slope * (v - p.threshold);
    }
}

void normalize_in_place(float* x, std::size_t n, std::size_t channels, const float* mean, const float* variance,
                        const float* gamma, const float* beta, float epsilon) {
    if (channels == 0) return;
    for (std::size_t row = 0; row < n / channels; ++row) {
        float* v = x + row * channels;
        double row_mean = 0.0, row_var = 0.0;
        if (!mean) {  // LayerNormalization: the row's own statistics (population variance, as Keras)
            for (std::size_t i = 0; i < channels; ++i) row_mean += v[i];
            row_mean /= static_cast<double>(channels);
            for (std::size_t i = 0; i < channels; ++i) row_var += (v[i] - row_mean) * (v[i] - row_mean);
            row_var /= static_cast<double>(channels);
        }
        for (std::size_t i = 0; i < channels; ++i) {
            const double m = mean ? mean[i] : row_mean;
            const double s = mean ? variance[i] : row_var;
            double y = (v[i] - m) / std::sqrt(s + epsilon);
            if (gamma) y *= gamma[i];
            if (beta) y += beta[i];
            v[i] = static_cast<float>(y);
        }
    }
}

}  // namespace padlab
