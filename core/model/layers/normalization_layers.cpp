// Normalization layers: BatchNormalization, LayerNormalization, GroupNormalization and
// UnitNormalization. Output shape = input shape.
// Their per-element scale/shift are not weight multiply-accumulates, so MACs are 0 (the
// convention in conv_layers.cpp).
//   BatchNormalization  gamma + beta trainable (if scale/center), moving mean + variance
//                       non-trainable: 4*C params, 2*C of them non-trainable, by default
//   LayerNormalization  gamma + beta: 2*C (Keras 3 rms_scaling: gamma only)
//   GroupNormalization  gamma + beta over the one axis (-1): 2*C; groups must divide C
//                       (keras/src/layers/normalization/group_normalization.py; tf.keras 2.13+
//                       tf_keras/layers/normalization/group_normalization.py has the same texts)
//   UnitNormalization   no weights (keras/src/layers/normalization/unit_normalization.py)
// C is the product of the normalised axes' sizes (one axis, -1, by default).
// TF.js 4.22 has UnitNorm only as a constraint and neither layer: sources cited instead.
// The forward pass runs all four over the last axis, at their initial state (moving mean 0,
// variance 1, gamma 1, beta 0).
#include <algorithm>
#include <cmath>
#include <string>

#include "core/base/errors.hpp"
#include "core/ops/layer_ops.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

// Keras's axis handling in build(): int or list of ints, negatives from the end, each in
// range, no duplicates, each of a defined size. Returns the product of their sizes.
Dim normalized_size(const ConfigArgs& args, const Shape& input) {
    Shape axes;
    const nlohmann::json* v = args.find("axis");
    if (v && v->is_array()) {
        axes = args.int_list("axis");
    } else if (!v || v->is_number()) {
        axes = {args.integer("axis", -1)};
    } else {
        args.fail("Expected an int or a list/tuple of ints for the argument 'axis', but received: " + python_repr(*v));
    }
    const auto ndims = static_cast<Dim>(input.size());
    Shape resolved;
    for (Dim a : axes) {
        const Dim x = a < 0 ? a + ndims : a;
        if (x < 0 || x >= ndims) {
            throw ShapeError("Invalid axis. Expected 0 <= axis < inputs.rank (with inputs.rank=" +
                             std::to_string(ndims) + "). Received: layer.axis=" + python_tuple(axes));
        }
        if (std::find(resolved.begin(), resolved.end(), x) != resolved.end())
            args.fail("Duplicate axis: " + python_tuple(axes));
        resolved.push_back(x);
    }
    Dim size = 1;
    for (Dim x : resolved) {
        const Dim d = input[static_cast<std::size_t>(x)];
        if (d == kNone) {
            throw ShapeError("Axis " + std::to_string(x) + " of input tensor should have a defined dimension but the "
                             "layer received an input with shape " + shape_to_python(input) + ".");
        }
        size = checked_mul(size, d, "the parameter count of " + std::string(args.class_name()));
    }
    return size;
}

LayerResult batch_normalization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "BatchNormalization");
    const bool center = args.boolean("center", true);
    const bool scale = args.boolean("scale", true);
    require_min_ndim(input, 1, args.layer_name());
    const Dim c = normalized_size(args, input);
    const std::string what = "the parameter count of BatchNormalization '" + args.layer_name() + "'";

    LayerResult r;
    r.output_shape = input;
    r.trainable_params = checked_mul(c, Dim(center) + Dim(scale), what);
    r.non_trainable_params = checked_mul(c, 2, what);
    return r;
}

LayerResult layer_normalization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "LayerNormalization");
    const bool rms_scaling = args.boolean("rms_scaling", false);
    const bool center = args.boolean("center", true) && !rms_scaling;
    const bool scale = args.boolean("scale", true) || rms_scaling;
    require_min_ndim(input, 1, args.layer_name());
    const Dim c = normalized_size(args, input);

    LayerResult r;
    r.output_shape = input;
    r.trainable_params = checked_mul(c, Dim(center) + Dim(scale),
                                     "the parameter count of LayerNormalization '" + args.layer_name() + "'");
    return r;
}

// Keras 3 / tf.keras 2.13+ GroupNormalization: __init__ checks groups, build() checks it
// against the axis's size, with Keras's texts (the last one, "must be a multiple of the number
// of channels", says it backwards, as Keras does).
LayerResult group_normalization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "GroupNormalization");
    const nlohmann::json* g = args.find("groups");
    Dim groups = 32;
    if (g) {
        if (!g->is_number_integer() || g->get<Dim>() == 0 || g->get<Dim>() < -1) {
            args.fail("Received an invalid value for argument `groups`, expected a positive integer (or `-1` for "
                      "instance normalization). Received: groups=" + python_repr(*g));
        }
        groups = g->get<Dim>();
    }
    const Dim axis = args.integer("axis", -1);
    const bool center = args.boolean("center", true);
    const bool scale = args.boolean("scale", true);
    const auto ndims = static_cast<Dim>(input.size());
    const Dim a = axis < 0 ? axis + ndims : axis;
    if (a < 0 || a >= ndims) {
        // tf_utils.validate_axis's text (tf.keras); Keras 3 fails indexing the shape.
        args.fail("Invalid value for `axis` argument. Expected 0 <= axis < inputs.rank (with inputs.rank=" +
                  std::to_string(ndims) + "). Received: axis=" + python_tuple({a}));
    }
    const Dim dim = input[static_cast<std::size_t>(a)];
    if (dim == kNone) {
        throw ShapeError("Axis " + std::to_string(axis) + " of input tensor should have a defined dimension but the "
                         "layer received an input with shape " + shape_to_python(input) + ".");
    }
    if (groups == -1) groups = dim;
    if (dim < groups) {
        args.fail("Number of groups (" + std::to_string(groups) + ") cannot be more than the number of channels (" +
                  std::to_string(dim) + ").");
    }
    if (dim % groups != 0) {
        args.fail("Number of groups (" + std::to_string(groups) + ") must be a multiple of the number of channels (" +
                  std::to_string(dim) + ").");
    }
    LayerResult r;
    r.output_shape = input;
    r.trainable_params = checked_mul(dim, Dim(center) + Dim(scale), "the parameter count of GroupNormalization");
    return r;
}

// Keras 3 UnitNormalization: axis an int or a list of ints, each in [-rank, rank).
LayerResult unit_normalization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "UnitNormalization");
    const nlohmann::json* v = args.find("axis");
    Shape axes{-1};
    std::string shown = "-1";
    if (v && v->is_array()) {
        axes = args.int_list("axis");
        shown = "[";  // Keras keeps a list: list(axis)
        for (std::size_t i = 0; i < axes.size(); ++i) shown += (i ? ", " : "") + std::to_string(axes[i]);
        shown += "]";
    } else if (v) {
        if (!v->is_number_integer()) {
            throw ArgumentError("Invalid value for `axis` argument: expected an int or a list/tuple of ints. Received: "
                                "axis=" + python_repr(*v));
        }
        axes = {v->get<Dim>()};
        shown = std::to_string(axes[0]);
    }
    const auto ndims = static_cast<Dim>(input.size());
    for (Dim a : axes) {
        if (a >= ndims || a < -ndims) {
            throw ShapeError("Axis " + shown + " is out of bounds for input shape " + shape_to_python(input) + ".");
        }
    }
    LayerResult r;
    r.output_shape = input;
    return r;
}

// ------------------------------------------------------------------ forward pass

class NormalizationLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        const auto values = [&](const char* name) {
            const LayerWeight* w = weight(name);
            return w ? w->data.data() : nullptr;
        };
        // LayerNormalization has no moving statistics: normalize_in_place then uses each row's.
        normalize_in_place(data, n, static_cast<std::size_t>(input_shape.back()), values("moving_mean"),
                           values("moving_variance"), values("gamma"), values("beta"), epsilon);
    }
    float epsilon = 1e-3f;
};

template <bool Batch>
std::unique_ptr<RunnableLayer> normalization_forward(const ForwardContext& c) {
    const auto axis = c.config.find("axis");
    const auto last = static_cast<long long>(c.input_shape.size()) - 1;
    const auto is_last = [&](const nlohmann::json& a) {
        return a.is_number_integer() && (a.get<long long>() == -1 || a.get<long long>() == last);
    };
    const bool last_axis = axis == c.config.end() || axis->is_null() || is_last(*axis) ||
                           (axis->is_array() && axis->size() == 1 && is_last((*axis)[0]));
    if (!last_axis) throw unsupported_forward(c, " over an axis other than the last.");
    auto layer = make_runnable<NormalizationLayer>(c);
    layer->epsilon = static_cast<float>(c.args.number("epsilon", 1e-3));  // both layers' Keras default
    const Dim channels = c.input_shape.back();
    if (c.args.boolean("scale", true)) layer->weights.push_back(constant_weight("gamma", channels, 1.0f));
    if (c.args.boolean("center", true)) layer->weights.push_back(constant_weight("beta", channels, 0.0f));
    if (Batch) {
        layer->weights.push_back(constant_weight("moving_mean", channels, 0.0f));
        layer->weights.push_back(constant_weight("moving_variance", channels, 1.0f));
    }
    return layer;
}

// GroupNormalization over the last axis at its initial gamma 1, beta 0 (keras/src/layers/
// normalization/group_normalization.py _apply_normalization): per sample and group, the mean and
// variance over every position and the group's channels; x' = (x - mean) * rsqrt(variance + eps).
class GroupNormLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        const auto c = static_cast<std::size_t>(input_shape.back());
        const auto per_sample = static_cast<std::size_t>(shape_elements(Shape(input_shape.begin() + 1, input_shape.end())));
        const std::size_t width = c / groups;
        for (std::size_t s = 0; s + per_sample <= n; s += per_sample) {
            for (std::size_t g = 0; g < groups; ++g) {
                double sum = 0.0, sq = 0.0;
                std::size_t count = 0;
                for (std::size_t p = s; p < s + per_sample; p += c)
                    for (std::size_t k = g * width; k < (g + 1) * width; ++k, ++count) sum += data[p + k];
                const double mean = count ? sum / static_cast<double>(count) : 0.0;
                for (std::size_t p = s; p < s + per_sample; p += c)
                    for (std::size_t k = g * width; k < (g + 1) * width; ++k) sq += (data[p + k] - mean) * (data[p + k] - mean);
                const double inv = 1.0 / std::sqrt((count ? sq / static_cast<double>(count) : 0.0) + epsilon);
                for (std::size_t p = s; p < s + per_sample; p += c)
                    for (std::size_t k = g * width; k < (g + 1) * width; ++k)
                        data[p + k] = static_cast<float>((data[p + k] - mean) * inv);
            }
        }
    }
    std::size_t groups = 1;
    double epsilon = 1e-3;
};

std::unique_ptr<RunnableLayer> group_normalization_forward(const ForwardContext& c) {
    const Dim axis = c.args.integer("axis", -1);
    if (axis != -1 && axis != static_cast<Dim>(c.input_shape.size()) - 1)
        throw unsupported_forward(c, " over an axis other than the last.");
    auto layer = make_runnable<GroupNormLayer>(c);
    const Dim groups = c.args.integer("groups", 32);
    layer->groups = static_cast<std::size_t>(groups == -1 ? c.input_shape.back() : groups);
    layer->epsilon = c.args.number("epsilon", 1e-3);
    return layer;
}

// UnitNormalization over the last axis: x / sqrt(max(sum(x^2), 1e-24)) (keras/src/ops/nn.py
// _normalize, order 2, epsilon 1e-12).
class UnitNormLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        const auto c = static_cast<std::size_t>(output_shape.back());
        for (std::size_t row = 0; c && row + c <= n; row += c) {
            double sq = 0.0;
            for (std::size_t k = 0; k < c; ++k) sq += static_cast<double>(data[row + k]) * data[row + k];
            const double inv = 1.0 / std::sqrt(std::max(sq, 1e-24));
            for (std::size_t k = 0; k < c; ++k) data[row + k] = static_cast<float>(data[row + k] * inv);
        }
    }
};

std::unique_ptr<RunnableLayer> unit_normalization_forward(const ForwardContext& c) {
    const nlohmann::json* axis = c.args.find("axis");
    const auto last = static_cast<Dim>(c.input_shape.size()) - 1;
    const auto is_last = [&](const nlohmann::json& a) {
        return a.is_number_integer() && (a.get<Dim>() == -1 || a.get<Dim>() == last);
    };
    if (axis && !is_last(*axis) && !(axis->is_array() && axis->size() == 1 && is_last((*axis)[0])))
        throw unsupported_forward(c, " over an axis other than the last.");
    return make_runnable<UnitNormLayer>(c);
}

}  // namespace

std::vector<LayerType> normalization_layer_types() {
    // Positional arguments in Keras 2.15's __init__ order.
    return {
        {"BatchNormalization",
         {"axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
          "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer",
          "beta_constraint", "gamma_constraint"},
         &batch_normalization, &normalization_forward<true>},
        {"LayerNormalization",
         {"axis", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer", "beta_regularizer",
          "gamma_regularizer", "beta_constraint", "gamma_constraint"},
         &layer_normalization, &normalization_forward<false>},
        // Keras 3's order (tf.keras 2.13+ agrees).
        {"GroupNormalization",
         {"groups", "axis", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer", "beta_regularizer",
          "gamma_regularizer", "beta_constraint", "gamma_constraint"},
         &group_normalization, &group_normalization_forward},
        {"UnitNormalization", {"axis"}, &unit_normalization, &unit_normalization_forward},
    };
}

}  // namespace padlab::layers
