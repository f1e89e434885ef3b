// Layers that Keras Applications define for themselves (not in keras.layers), so that the
// models the Python importer builds from core/import/applications/*.py summarise:
//   CustomScaleLayer(scale)([x, r]) -> x + r * scale: InceptionResNetV2's scaled residual
//   (keras/src/applications/inception_resnet_v2.py, Keras 3.16; tf_keras/applications/
//   inception_resnet_v2.py, tf-keras 2.21). Keras 2.9+ and Keras 3 print its class
//   "CustomScaleLayer"; tf.keras 2.8 and earlier built a Lambda layer here instead.
#include <string>
#include <vector>

#include "core/base/errors.hpp"
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

}  // namespace

std::vector<LayerType> application_layer_types() {
    LayerType scale{"CustomScaleLayer", {"scale"}, custom_scale_not_a_list};
    scale.infer_list = custom_scale;
    return {scale};
}

}  // namespace padlab::layers
