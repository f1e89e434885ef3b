#include "core/ops/activation.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "core/base/errors.hpp"

namespace padlab {

const NameTable<Activation>& activation_vocabulary() {
    static const NameTable<Activation> table(NameCase::Exact, {
        {Activation::Linear, "linear", {"None"}, "the identity"},
        {Activation::Relu, "relu", {}, "max(x, 0)"},
        {Activation::Sigmoid, "sigmoid", {}, "1 / (1 + exp(-x))"},
        {Activation::Tanh, "tanh", {}, "tanh(x)"},
        {Activation::Softmax, "softmax", {}, "exp(x) / sum(exp(x)) over the channels"},
        {Activation::Relu6, "relu6", {}, "min(max(x, 0), 6)"},
        {Activation::LeakyRelu, "leaky_relu", {}, "x if x >= 0 else 0.2 x"},
        {Activation::Elu, "elu", {}, "x if x >= 0 else exp(x) - 1"},
        {Activation::Selu, "selu", {}, "1.0507 * elu(x) with alpha 1.6733"},
        {Activation::Celu, "celu", {}, "max(x, 0) + exp(min(x, 0)) - 1"},
        {Activation::Gelu, "gelu", {}, "x (1 + erf(x / sqrt 2)) / 2"},
        {Activation::GeluTanh, "gelu_new", {}, "TF.js: x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2"},
        {Activation::Silu, "silu", {"swish"}, "x * sigmoid(x)"},
        {Activation::HardSilu, "hard_silu", {"hard_swish"}, "x * hard_sigmoid(x)"},
        {Activation::Mish, "mish", {}, "x * tanh(softplus(x))"},
        {Activation::HardSigmoid, "hard_sigmoid", {}, "Keras 3: clip(x / 6 + 0.5, 0, 1)"},
        {Activation::HardSigmoidTfjs, "hardSigmoid", {}, "TF.js and tf.keras 2: clip(0.2 x + 0.5, 0, 1)"},
        {Activation::LogSigmoid, "log_sigmoid", {}, "-softplus(-x)"},
        {Activation::SparseSigmoid, "sparse_sigmoid", {}, "clip((x + 1) / 2, 0, 1)"},
        {Activation::Softplus, "softplus", {}, "log(1 + exp(x))"},
        {Activation::Softsign, "softsign", {}, "x / (1 + |x|)"},
        {Activation::SparsePlus, "sparse_plus", {}, "0, (x + 1)^2 / 4 or x (for x <= -1, < 1, >= 1)"},
        {Activation::Squareplus, "squareplus", {}, "(x + sqrt(x^2 + 4)) / 2"},
        {Activation::Exponential, "exponential", {}, "exp(x)"},
        {Activation::HardTanh, "hard_tanh", {}, "clip(x, -1, 1)"},
        {Activation::TanhShrink, "tanh_shrink", {}, "x - tanh(x)"},
        {Activation::HardShrink, "hard_shrink", {}, "x if |x| > 0.5 else 0"},
        {Activation::SoftShrink, "soft_shrink", {}, "x - 0.5, 0 or x + 0.5 (for x > 0.5, |x| <= 0.5, x < -0.5)"},
        {Activation::LogSoftmax, "log_softmax", {"logSoftmax"}, "log(softmax(x)) over the channels"},
        {Activation::Sparsemax, "sparsemax", {}, "the Euclidean projection onto the simplex, over the channels"},
    });
    return table;
}

const std::vector<std::string_view>& activation_shape_only() {
    static const std::vector<std::string_view> names = {"glu", "threshold"};
    return names;
}

bool is_keras_activation(std::string_view name) {
    if (activation_vocabulary().find(name)) return true;
    const auto& other = activation_shape_only();
    return std::find(other.begin(), other.end(), name) != other.end();
}

Activation parse_activation(std::string_view name) {
    if (name.empty()) return Activation::Linear;
    if (const auto a = activation_vocabulary().parse(name)) return *a;
    // Keras 3's text, then what PadLab supports.
    throw ArgumentError("Could not interpret activation function identifier: " + std::string(name) +
                        ". Supported activations: " + joined_names(activation_vocabulary().names()));
}

std::string_view to_string(Activation a) { return activation_vocabulary().name(a); }

namespace {

float sigmoid(float x) {
    // Two branches so exp never overflows: both halves stay in (0, 1].
    if (x >= 0) return 1.0f / (1.0f + std::exp(-x));
    const float e = std::exp(x);
    return e / (1.0f + e);
}

// log(1 + exp(x)) as numpy's logaddexp(x, 0) computes it: no overflow for large x.
float softplus(float x) { return std::max(x, 0.0f) + std::log1p(std::exp(-std::fabs(x))); }

float clip(float x, float lo, float hi) { return std::min(std::max(x, lo), hi); }

float elu(float x, float alpha) { return x >= 0.0f ? x : alpha * std::expm1(x); }

void require_rows(std::size_t count, std::size_t channels, std::string_view name) {
    if (channels == 0 || count % channels != 0) {
        throw ArgumentError(std::string(name) + " over the last axis needs a whole number of rows: " +
                            std::to_string(count) + " values cannot be split into rows of " +
                            std::to_string(channels) + " channels");
    }
}

void softmax_rows(float* data, std::size_t count, std::size_t channels, bool log) {
    for (std::size_t row = 0; row < count; row += channels) {
        float* v = data + row;
        // Subtracting the row max keeps exp() <= 1: no overflow for large logits.
        const float m = *std::max_element(v, v + channels);
        float sum = 0.0f;
        for (std::size_t c = 0; c < channels; ++c) sum += std::exp(v[c] - m);
        if (log) {
            const float lse = std::log(sum);
            for (std::size_t c = 0; c < channels; ++c) v[c] = v[c] - m - lse;
        } else {
            for (std::size_t c = 0; c < channels; ++c) v[c] = std::exp(v[c] - m) / sum;
        }
    }
}

// keras ops.sparsemax: sort descending, the support is the k with z_k - (cumsum_k - 1) / k > 0,
// tau = (cumsum over the support - 1) / |support|, output max(x - tau, 0).
void sparsemax_rows(float* data, std::size_t count, std::size_t channels) {
    std::vector<float> sorted(channels);
    for (std::size_t row = 0; row < count; row += channels) {
        float* v = data + row;
        std::copy(v, v + channels, sorted.begin());
        std::sort(sorted.begin(), sorted.end(), std::greater<float>());
        float cumsum = 0.0f, support_sum = 0.0f;
        std::size_t k = 0;
        for (std::size_t i = 0; i < channels; ++i) {
            cumsum += sorted[i];
            if (sorted[i] - (cumsum - 1.0f) / static_cast<float>(i + 1) > 0.0f) {
                ++k;
                support_sum = cumsum;
            }
        }
        const float tau = (support_sum - 1.0f) / static_cast<float>(std::max<std::size_t>(k, 1));
        for (std::size_t c = 0; c < channels; ++c) v[c] = std::max(v[c] - tau, 0.0f);
    }
}

template <class F>
void each(float* data, std::size_t count, F f) {
    for (std::size_t i = 0; i < count; ++i) data[i] = f(data[i]);
}

}  // namespace

void apply_activation(float* data, std::size_t count, std::size_t channels, Activation a) {
    if (count == 0) return;
    // SELU's constants (keras/src/backend/numpy/nn.py selu).
    constexpr float kSeluAlpha = 1.6732632423543772848170429916717f;
    constexpr float kSeluScale = 1.0507009873554804934193349852946f;
    const float sqrt_2_over_pi = std::sqrt(2.0f / 3.14159265358979323846f);
    switch (a) {
        case Activation::Linear:
            return;
        case Activation::Relu:
            for (std::size_t i = 0; i < count; ++i)
                if (data[i] < 0.0f) data[i] = 0.0f;  // written so NaN passes through, as in TF
            return;
        case Activation::Sigmoid: return each(data, count, sigmoid);
        case Activation::Tanh: return each(data, count, [](float x) { return std::tanh(x); });
        case Activation::Softmax:
            require_rows(count, channels, "softmax");
            return softmax_rows(data, count, channels, false);
        case Activation::Relu6: return each(data, count, [](float x) { return clip(x, 0.0f, 6.0f); });
        case Activation::LeakyRelu: return each(data, count, [](float x) { return std::max(x, 0.2f * x); });
        case Activation::Elu: return each(data, count, [](float x) { return elu(x, 1.0f); });
        case Activation::Selu: return each(data, count, [&](float x) { return kSeluScale * elu(x, kSeluAlpha); });
        case Activation::Celu:
            return each(data, count, [](float x) { return std::max(x, 0.0f) + std::expm1(std::min(x, 0.0f)); });
        case Activation::Gelu:
            return each(data, count, [](float x) { return x * (std::erf(x / std::sqrt(2.0f)) + 1.0f) / 2.0f; });
        case Activation::GeluTanh:
            return each(data, count, [&](float x) {
                return 0.5f * x * (1.0f + std::tanh(sqrt_2_over_pi * (x + 0.044715f * x * x * x)));
            });
        case Activation::Silu: return each(data, count, [](float x) { return x * sigmoid(x); });
        case Activation::HardSilu: return each(data, count, [](float x) { return x * clip(x / 6.0f + 0.5f, 0.0f, 1.0f); });
        case Activation::Mish: return each(data, count, [](float x) { return x * std::tanh(softplus(x)); });
        case Activation::HardSigmoid: return each(data, count, [](float x) { return clip(x / 6.0f + 0.5f, 0.0f, 1.0f); });
        case Activation::HardSigmoidTfjs: return each(data, count, [](float x) { return clip(0.2f * x + 0.5f, 0.0f, 1.0f); });
        case Activation::LogSigmoid: return each(data, count, [](float x) { return -softplus(-x); });
        case Activation::SparseSigmoid: return each(data, count, [](float x) { return clip(0.5f * (x + 1.0f), 0.0f, 1.0f); });
        case Activation::Softplus: return each(data, count, softplus);
        case Activation::Softsign: return each(data, count, [](float x) { return x / (1.0f + std::fabs(x)); });
        case Activation::SparsePlus:
            return each(data, count, [](float x) { return x <= -1.0f ? 0.0f : x < 1.0f ? 0.25f * (x + 1.0f) * (x + 1.0f) : x; });
        case Activation::Squareplus: return each(data, count, [](float x) { return (x + std::sqrt(x * x + 4.0f)) / 2.0f; });
        case Activation::Exponential: return each(data, count, [](float x) { return std::exp(x); });
        case Activation::HardTanh: return each(data, count, [](float x) { return clip(x, -1.0f, 1.0f); });
        case Activation::TanhShrink: return each(data, count, [](float x) { return x - std::tanh(x); });
        case Activation::HardShrink: return each(data, count, [](float x) { return std::fabs(x) > 0.5f ? x : 0.0f; });
        case Activation::SoftShrink:
            return each(data, count, [](float x) { return x > 0.5f ? x - 0.5f : x < -0.5f ? x + 0.5f : 0.0f; });
        case Activation::LogSoftmax:
            require_rows(count, channels, "log_softmax");
            return softmax_rows(data, count, channels, true);
        case Activation::Sparsemax:
            require_rows(count, channels, "sparsemax");
            return sparsemax_rows(data, count, channels);
    }
}

}  // namespace padlab
