// Layers that Keras Applications define for themselves (not in keras.layers), so that the
// models the Python importer builds from core/import/applications/*.py summarise:
//   CustomScaleLayer(scale)([x, r]) -> x + r * scale: InceptionResNetV2's scaled residual
//   (keras/src/applications/inception_resnet_v2.py, Keras 3.16; tf_keras/applications/
//   inception_resnet_v2.py, tf-keras 2.21). Keras 2.9+ and Keras 3 print its class
//   "CustomScaleLayer"; tf.keras 2.8 and earlier built a Lambda layer here instead.
//   LayerScale(init_values, projection_dim)(x) -> x * gamma: ConvNeXt's per-channel scale of a
//   block's residual branch, one trainable weight of shape (projection_dim,) (keras/src/
//   applications/convnext.py, Keras 3.16, keras-team/keras 3422977a; tf_keras/applications/
//   convnext.py, tf-keras 2.21, which names the weight "gamma": Keras 3 leaves it unnamed, and
//   neither name is printed). The output is x broadcast against (projection_dim,), so a last
//   axis of 1 widens to projection_dim; other mismatches fail with Keras 3's broadcast_shapes
//   text (keras/src/ops/operation_utils.py; TF's own broadcasting error in tf.keras).
//   StochasticDepth(drop_path_rate)(x): ConvNeXt's drop-path, the identity at inference, no
//   weights. Every exported ConvNeXt passes drop_path_rate=0.0 and so builds an
//   Activation("linear") "_identity" layer instead; only ConvNeXt(..., drop_path_rate > 0)
//   from keras.src.applications.convnext makes this one.
#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

LayerResult custom_scale_not_a_list(const nlohmann::json& /*config*/, const Shape& input) {
    throw ArgumentError("CustomScaleLayer is called on [x, residual]. Received: input_shape=" + shape_to_python(input));
}

// inputs[0] + inputs[1] * scale: the two shapes broadcast as the ops do.
LayerResult custom_scale(const nlohmann::json& /*config*/, const std::vector<Shape>& inputs) {
    if (inputs.size() != 2) {
        throw ArgumentError("CustomScaleLayer is called on [x, residual]; it received " + std::to_string(inputs.size()) +
                            " tensors");
    }
    Shape a = inputs[0], b = inputs[1];
    if (a.size() < b.size()) std::swap(a, b);
    Shape out(a.begin(), a.end() - static_cast<std::ptrdiff_t>(b.size()));
    for (std::size_t i = 0; i < b.size(); ++i) {
        const Dim x = a[a.size() - b.size() + i], y = b[i];
        if (x == y || y == 1) {
            out.push_back(x);
        } else if (x == 1) {
            out.push_back(y);
        } else if (x == kNone || y == kNone) {
            out.push_back(x == kNone ? y : x);
        } else {
            throw ShapeError("Cannot broadcast shapes " + shape_to_python(inputs[0]) + " and " + shape_to_python(inputs[1]));
        }
    }
    LayerResult r;
    r.output_shape = out;
    return r;
}

// A shape as Python prints a list of it (broadcast_shapes' message): [None, 56, 56, 5].
std::string shape_list_text(const Shape& s) {
    std::string out = "[";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i) out += ", ";
        out += s[i] == kNone ? "None" : std::to_string(s[i]);
    }
    return out + "]";
}

LayerResult layer_scale(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "LayerScale");
    args.number("init_values");
    const Dim dim = args.integer("projection_dim");
    if (dim < 0) {
        args.fail("Invalid value for argument `projection_dim`. Expected a non-negative integer. Received: "
                  "projection_dim=" + std::to_string(dim));
    }
    // broadcast_shapes(x.shape, (projection_dim,)) on the last axis; the others are kept.
    LayerResult r;
    r.trainable_params = dim;
    if (input.empty()) {
        r.output_shape = {dim};
        return r;
    }
    Shape out = input;
    const Dim last = input.back();
    if (last == 1 || last == kNone) {
        out.back() = last == 1 || dim != 1 ? dim : kNone;
    } else if (dim != 1 && dim != last) {
        throw ShapeError("Cannot broadcast shape, the failure dim has value " + std::to_string(last) +
                         ", which cannot be broadcasted to " + std::to_string(dim) + ". Input shapes are: " +
                         shape_list_text(input) + " and [" + std::to_string(dim) + "].");
    }
    r.output_shape = out;
    return r;
}

LayerResult stochastic_depth(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "StochasticDepth");
    args.number("drop_path_rate");
    LayerResult r;
    r.output_shape = input;
    return r;
}

}  // namespace

std::vector<LayerType> application_layer_types() {
    LayerType scale{"CustomScaleLayer", {"scale"}, custom_scale_not_a_list};
    scale.infer_list = custom_scale;
    return {scale, {"LayerScale", {"init_values", "projection_dim"}, layer_scale},
            {"StochasticDepth", {"drop_path_rate"}, stochastic_depth}};
}

}  // namespace padlab::layers
