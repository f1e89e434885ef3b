#include "core/ops/activation.hpp"

#include <algorithm>
#include <cmath>
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
    });
    return table;
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

void softmax_rows(float* data, std::size_t count, std::size_t channels) {
    for (std::size_t row = 0; row < count; row += channels) {
        float* v = data + row;
        // Subtracting the row max keeps exp() <= 1: no overflow for large logits.
        const float m = *std::max_element(v, v + channels);
        float sum = 0.0f;
        for (std::size_t c = 0; c < channels; ++c) {
            v[c] = std::exp(v[c] - m);
            sum += v[c];
        }
        for (std::size_t c = 0; c < channels; ++c) v[c] /= sum;
    }
}

}  // namespace

void apply_activation(float* data, std::size_t count, std::size_t channels, Activation a) {
    if (count == 0) return;
    switch (a) {
        case Activation::Linear:
            return;
        case Activation::Relu:
            for (std::size_t i = 0; i < count; ++i)
                if (data[i] < 0.0f) data[i] = 0.0f;  // written so NaN passes through, as in TF
            return;
        case Activation::Sigmoid:
            for (std::size_t i = 0; i < count; ++i) data[i] = sigmoid(data[i]);
            return;
        case Activation::Tanh:
            for (std::size_t i = 0; i < count; ++i) data[i] = std::tanh(data[i]);
            return;
        case Activation::Softmax:
            if (channels == 0 || count % channels != 0) {
                throw ArgumentError("softmax over the last axis needs a whole number of rows: " + std::to_string(count) +
                                    " values cannot be split into rows of " + std::to_string(channels) + " channels");
            }
            softmax_rows(data, count, channels);
            return;
    }
}

}  // namespace padlab
