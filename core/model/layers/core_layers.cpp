// Core layers: InputLayer, Dense, Dropout, Activation, ReLU, LeakyReLU (the forward pass runs
// all but InputLayer, which it skips).
// Only Dense has weights; its MACs are input_units * units per output position (bias excluded,
// see conv_layers.cpp for the shared convention).
#include <cmath>
#include <string>

#include "core/base/errors.hpp"
#include "core/kernels/dense_packed.hpp"
#include "core/ops/layer_ops.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

// The shape comes from the config alone; the incoming shape is ignored (it has none).
LayerResult input_layer(const nlohmann::json& config, const Shape& /*input*/) {
    const ConfigArgs args(config, "InputLayer");
    auto shape = declared_input_shape(args);
    if (!shape) {
        throw ShapeError("InputLayer needs a shape: give shape=(...) / input_shape=(...) (without the batch "
                         "dimension) or batch_shape=(None, ...).");
    }
    LayerResult r;
    r.output_shape = *shape;
    return r;
}

// Dense on rank > 2 input applies to the last axis (a Keras Dense is a matmul on it).
LayerResult dense(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Dense");
    const Dim units = args.integer("units");
    if (units <= 0) {
        args.fail("Received an invalid value for `units`, expected a positive integer. Received: units=" +
                  std::to_string(units));
    }
    args.check_activation("activation");
    const bool use_bias = args.boolean("use_bias", true);

    require_min_ndim(input, 2, args.layer_name());
    const Dim in_units = input.back();
    if (in_units == kNone) {
        throw ShapeError("The last dimension of the inputs to a Dense layer should be defined. Found None. Full "
                         "input shape received: " + shape_to_python(input));
    }
    const std::string what = "the parameter count of Dense '" + args.layer_name() + "'";
    const std::string macs_what = "the MAC count of Dense '" + args.layer_name() + "'";

    LayerResult r;
    r.output_shape = input;
    r.output_shape.back() = units;
    const Dim weights = checked_mul(in_units, units, what);
    r.trainable_params = use_bias ? checked_add(weights, units, what) : weights;
    const Dim positions = known_product(Shape(input.begin() + 1, input.end() - 1), macs_what);
    if (positions != kNone) r.macs = checked_mul(positions, checked_mul(in_units, units, macs_what), macs_what);
    return r;
}

LayerResult dropout(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Dropout");
    const double rate = args.number("rate");
    if (!(rate >= 0.0 && rate <= 1.0)) {
        args.fail("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: "
                  "rate=" + python_repr(*args.find("rate")));  // as written: rate=2, rate=1.5
    }
    LayerResult r;
    r.output_shape = input;
    return r;
}

LayerResult activation(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Activation");
    args.check_activation("activation", /*required=*/true);
    LayerResult r;
    r.output_shape = input;
    return r;
}

LayerResult relu(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "ReLU");
    // Keras 2.15 ReLU.__init__ texts.
    if (args.has("max_value")) {
        const double max_value = args.number("max_value");
        if (max_value < 0.0) {
            args.fail("max_value of a ReLU layer cannot be a negative value. Received: " + python_repr(max_value));
        }
    }
    const double negative_slope = args.number("negative_slope", 0.0);
    if (negative_slope < 0.0) {
        args.fail("negative_slope of a ReLU layer cannot be a negative value. Received: " +
                  python_repr(negative_slope));
    }
    const double threshold = args.number("threshold", 0.0);
    if (threshold < 0.0) {
        args.fail("threshold of a ReLU layer cannot be a negative value. Received: " + python_repr(threshold));
    }
    LayerResult r;
    r.output_shape = input;
    return r;
}

LayerResult leaky_relu(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "LeakyReLU");
    // Keras 2 calls it alpha, Keras 3 negative_slope.
    const char* key = args.has("negative_slope") ? "negative_slope" : "alpha";
    const double slope = args.number(key, 0.3);
    if (slope < 0.0) {
        args.fail(std::string("The ") + key + " value of a Leaky ReLU layer cannot be None or negative value. "
                  "Expected a float. Received: " + key + "=" + python_repr(slope));
    }
    LayerResult r;
    r.output_shape = input;
    return r;
}

// ------------------------------------------------------------------ forward pass

// Dense over the last axis, position by position, with weights packed once for the kernel
// (generated in Keras's layout, then packed: the kernel streams them once per position).
class DenseLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override {
        const LayerWeight& kernel = weights[0];
        const float* b = bias_data();
        const auto units = static_cast<kernels::Index>(output_shape.back());
        const auto in_units = static_cast<kernels::Index>(input_shape.back());
        const auto positions = static_cast<std::size_t>(shape_elements(input_shape)) / static_cast<std::size_t>(in_units);
        for (std::size_t p = 0; p < positions; ++p)
            kernels::dense_packed_32x8__vec4(in + p * in_units, in_units, units, kernel.data.data(), b, out + p * units);
        apply_activation(out, static_cast<std::size_t>(shape_elements(output_shape)), static_cast<std::size_t>(units),
                         activation);
    }
    Activation activation = Activation::Linear;
};

std::unique_ptr<RunnableLayer> dense_forward(const ForwardContext& c) {
    auto layer = make_runnable<DenseLayer>(c);
    layer->activation = forward_activation(c);
    const Dim in = c.input_shape.back(), out = c.output_shape.back();
    const LayerWeight keras = glorot_weight("kernel", {in, out}, c.seed, c.stream);
    LayerWeight packed{"kernel", keras.shape, std::vector<float>(kernels::dense_packed_size(in, out)), true};
    kernels::dense_pack_32x8(keras.data.data(), in, out, packed.data.data());
    layer->weights.push_back(std::move(packed));
    if (c.args.boolean("use_bias", true)) layer->weights.push_back(constant_weight("bias", out, 0.0f));
    return layer;
}

// The packed kernel rounds the units up (to 32s, then 8s); building it also holds the kernel
// once in Keras's layout.
ForwardBytes dense_bytes(const Shape& input, const Shape& output, std::int64_t params) {
    ForwardBytes b;
    b.resident = 4.0 * static_cast<double>(params);
    if (input.back() > 0) {
        const double in = static_cast<double>(input.back());
        const double out = static_cast<double>(output.back());
        const double padded = std::floor(out / 32) * 32 + std::ceil(std::fmod(out, 32) / 8) * 8;
        b.resident += 4.0 * in * (padded - out);
        b.build = 4.0 * in * out;
    }
    return b;
}

class ActivationLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        apply_activation(data, n, static_cast<std::size_t>(output_shape.back()), activation);
    }
    Activation activation = Activation::Linear;
};

std::unique_ptr<RunnableLayer> activation_forward(const ForwardContext& c) {
    auto layer = make_runnable<ActivationLayer>(c);
    layer->activation = forward_activation(c);
    return layer;
}

class ReluLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override { relu_in_place(data, n, params); }
    ReluParams params;
};

std::unique_ptr<RunnableLayer> relu_forward(const ForwardContext& c) {
    auto layer = make_runnable<ReluLayer>(c);
    if (c.args.has("max_value")) layer->params.max_value = static_cast<float>(c.args.number("max_value"));
    layer->params.negative_slope = static_cast<float>(c.args.number("negative_slope", 0.0));
    layer->params.threshold = static_cast<float>(c.args.number("threshold", 0.0));
    return layer;
}

std::unique_ptr<RunnableLayer> leaky_relu_forward(const ForwardContext& c) {
    auto layer = make_runnable<ReluLayer>(c);
    // Keras 3 calls it negative_slope, Keras 2 alpha; both default to 0.3.
    layer->params.negative_slope =
        static_cast<float>(c.args.number(c.args.has("negative_slope") ? "negative_slope" : "alpha", 0.3));
    return layer;
}

}  // namespace

std::vector<LayerType> core_layer_types() {
    // Positional arguments in Keras 2.15's __init__ order.
    return {
        {"InputLayer", {"input_shape", "batch_size"}, &input_layer},
        {"Dense",
         {"units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
          "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"},
         &dense, &dense_forward, &dense_bytes},
        {"Dropout", {"rate", "noise_shape", "seed"}, &dropout, &identity_forward},
        {"Activation", {"activation"}, &activation, &activation_forward},
        {"ReLU", {"max_value", "negative_slope", "threshold"}, &relu, &relu_forward},
        {"LeakyReLU", {"alpha"}, &leaky_relu, &leaky_relu_forward},
    };
}

}  // namespace padlab::layers
