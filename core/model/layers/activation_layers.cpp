// Activation layers beside core_layers.cpp's Activation/ReLU/LeakyReLU: Softmax, ELU, PReLU,
// ThresholdedReLU. Output shape = input shape; only PReLU has weights (its alpha). The forward
// pass runs all four (PReLU at its initial alpha, zeros: Keras's default alpha_initializer).
//
// Sources: keras/src/layers/activations/{softmax,elu,prelu}.py (Keras 3),
// tf_keras/layers/activation/{softmax,elu,prelu,thresholded_relu}.py (tf.keras 2).
// Era differences:
//   ThresholdedReLU  tf.keras 2 and TF.js only: Keras 3 has no such layer (ReLU(threshold=...)
//                    replaces it). PadLab accepts it in every format, with tf.keras's texts.
//   ELU              tf.keras refuses alpha=None ("Alpha of an ELU layer cannot be None");
//                    Keras 3 does not check. PadLab keeps tf.keras's text (a JSON null is "not
//                    given" here, so the default applies instead).
//   Softmax          neither era checks `axis` when building (compute_output_shape returns the
//                    input shape); the forward pass runs the last axis only.
//   PReLU            the same in both: alpha has input_shape[1:] with each shared axis set to 1.
// TF.js 4.22 (node): Softmax, ELU, PReLU and ThresholdedReLU keep the shape; PReLU on
// (None, 8, 8, 3) has 192 params, with sharedAxes [1, 2] 3 (the values tested below).
#include <cmath>
#include <string>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

LayerResult softmax(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Softmax");
    const nlohmann::json* axis = args.find("axis");
    if (axis && !axis->is_array()) args.integer("axis");
    if (axis && axis->is_array()) args.int_list("axis");
    return same_shape(input);
}

LayerResult elu(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "ELU");
    args.number("alpha", 1.0);
    return same_shape(input);
}

LayerResult thresholded_relu(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "ThresholdedReLU");
    const double theta = args.number("theta", 1.0);
    if (theta < 0.0) {
        args.fail("The theta value of a Thresholded ReLU layer should be >=0. Received: " + python_repr(*args.find("theta")));
    }
    return same_shape(input);
}

// shared_axes: None, an int, or a list of ints (axes counted with the batch axis as 0).
Shape shared_axes(const ConfigArgs& args) {
    const nlohmann::json* v = args.find("shared_axes");
    if (!v) return {};
    if (v->is_array()) return args.int_list("shared_axes");
    return {args.integer("shared_axes")};
}

LayerResult prelu(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "PReLU");
    const Shape shared = shared_axes(args);
    require_min_ndim(input, 2, args.layer_name());
    // build(): param_shape = list(input_shape[1:]); param_shape[i - 1] = 1 per shared axis, with
    // Python's indexing (i = 0 is the last entry; out of range is an IndexError).
    Shape param(input.begin() + 1, input.end());
    const auto n = static_cast<Dim>(param.size());
    for (Dim i : shared) {
        Dim at = i - 1;
        if (at < 0) at += n;
        if (at < 0 || at >= n) {
            args.fail("list assignment index out of range (PReLU shared_axes=" + python_tuple(shared) +
                      " on an input of rank " + std::to_string(input.size()) + ")");
        }
        param[static_cast<std::size_t>(at)] = 1;
    }
    for (Dim d : param) {
        if (d == kNone) {
            // Keras fails creating a weight of unknown shape (PadLab's text: Keras's is the backend's).
            throw ShapeError("PReLU '" + args.layer_name() + "' cannot create its alpha weight of shape " +
                             shape_to_python(param) + " for the input " + shape_to_python(input) +
                             ": every axis that is not in shared_axes must have a known size.");
        }
    }
    LayerResult r = same_shape(input);
    r.trainable_params = known_product(param, "the parameter count of PReLU '" + args.layer_name() + "'");
    return r;
}

// ------------------------------------------------------------------ forward pass

class SoftmaxLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        apply_activation(data, n, static_cast<std::size_t>(output_shape.back()), Activation::Softmax);
    }
};

std::unique_ptr<RunnableLayer> softmax_forward(const ForwardContext& c) {
    const nlohmann::json* axis = c.args.find("axis");
    const auto last = static_cast<Dim>(c.input_shape.size()) - 1;
    const auto is_last = [&](const nlohmann::json& a) {
        return a.is_number_integer() && (a.get<Dim>() == -1 || a.get<Dim>() == last);
    };
    const bool ok = !axis || is_last(*axis) || (axis->is_array() && axis->size() == 1 && is_last((*axis)[0]));
    if (!ok) throw unsupported_forward(c, " over an axis other than the last.");
    return make_runnable<SoftmaxLayer>(c);
}

// ELU (alpha * (exp(x) - 1) below 0), ThresholdedReLU (x if x > theta else 0), PReLU at
// alpha = 0 (relu): one element-wise layer.
class ElementwiseLayer final : public InPlaceLayer {
public:
    enum class Kind { Elu, Thresholded, Prelu };
    void apply(float* data, std::size_t n) const override {
        const float* alpha = kind == Kind::Prelu ? weights[0].data.data() : nullptr;
        const std::size_t alpha_n = alpha ? weights[0].data.size() : 1;
        for (std::size_t i = 0; i < n; ++i) {
            const float x = data[i];
            switch (kind) {
                case Kind::Elu: data[i] = x >= 0.0f ? x : value * std::expm1(x); break;
                case Kind::Thresholded: data[i] = x > value ? x : 0.0f; break;
                case Kind::Prelu: data[i] = x >= 0.0f ? x : alpha[alpha_index(i, alpha_n)] * x; break;
            }
        }
    }
    // The alpha entry of element i: alpha broadcasts over the batch and the shared axes.
    std::size_t alpha_index(std::size_t i, std::size_t) const {
        std::size_t index = 0, stride = 1;
        for (std::size_t d = input_shape.size(); d-- > 1;) {
            const auto size = static_cast<std::size_t>(input_shape[d]);
            const std::size_t coord = i % size;
            i /= size;
            const auto p = static_cast<std::size_t>(alpha_shape[d - 1]);
            index += (p == 1 ? 0 : coord) * stride;
            stride *= p;
        }
        return index;
    }
    Kind kind = Kind::Elu;
    float value = 1.0f;  // ELU's alpha, ThresholdedReLU's theta
    Shape alpha_shape;   // PReLU
};

std::unique_ptr<RunnableLayer> elu_forward(const ForwardContext& c) {
    auto layer = make_runnable<ElementwiseLayer>(c);
    layer->kind = ElementwiseLayer::Kind::Elu;
    layer->value = static_cast<float>(c.args.number("alpha", 1.0));
    return layer;
}

std::unique_ptr<RunnableLayer> thresholded_relu_forward(const ForwardContext& c) {
    auto layer = make_runnable<ElementwiseLayer>(c);
    layer->kind = ElementwiseLayer::Kind::Thresholded;
    layer->value = static_cast<float>(c.args.number("theta", 1.0));
    return layer;
}

std::unique_ptr<RunnableLayer> prelu_forward(const ForwardContext& c) {
    auto layer = make_runnable<ElementwiseLayer>(c);
    layer->kind = ElementwiseLayer::Kind::Prelu;
    layer->alpha_shape.assign(c.input_shape.begin() + 1, c.input_shape.end());
    const auto n = static_cast<Dim>(layer->alpha_shape.size());
    for (Dim i : shared_axes(c.args)) layer->alpha_shape[static_cast<std::size_t>(i - 1 < 0 ? i - 1 + n : i - 1)] = 1;
    // Keras's default alpha_initializer is zeros.
    LayerWeight alpha{"alpha", layer->alpha_shape, std::vector<float>(static_cast<std::size_t>(shape_elements(layer->alpha_shape)), 0.0f)};
    layer->weights.push_back(std::move(alpha));
    return layer;
}

}  // namespace

std::vector<LayerType> activation_layer_types() {
    // Positional arguments in tf.keras 2.15's __init__ order.
    return {
        {"Softmax", {"axis"}, &softmax, &softmax_forward},
        {"ELU", {"alpha"}, &elu, &elu_forward},
        {"PReLU", {"alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes"}, &prelu, &prelu_forward},
        {"ThresholdedReLU", {"theta"}, &thresholded_relu, &thresholded_relu_forward},
    };
}

}  // namespace padlab::layers
