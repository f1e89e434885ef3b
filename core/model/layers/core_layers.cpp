// Core layers: InputLayer, Dense, Dropout, Activation, ReLU, LeakyReLU.
// Only Dense has weights; its MACs are input_units * units per output position (bias excluded,
// see conv_layers.cpp for the shared convention).
#include <string>

#include "core/base/errors.hpp"
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
                  "rate=" + python_repr(rate));
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

}  // namespace

std::vector<LayerType> core_layer_types() {
    // Positional arguments in Keras 2.15's __init__ order.
    return {
        {"InputLayer", {"input_shape", "batch_size"}, &input_layer},
        {"Dense",
         {"units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
          "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"},
         &dense},
        {"Dropout", {"rate", "noise_shape", "seed"}, &dropout},
        {"Activation", {"activation"}, &activation},
        {"ReLU", {"max_value", "negative_slope", "threshold"}, &relu},
        {"LeakyReLU", {"alpha"}, &leaky_relu},
    };
}

}  // namespace padlab::layers
