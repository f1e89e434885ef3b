// Regularization layers: SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, AlphaDropout,
// ActivityRegularization (Dropout itself is in core_layers.cpp). No weights, MACs 0, output
// shape = input shape. At inference each is the identity, which is what the forward pass runs.
//
// Keras 3 (keras/src/layers/regularization/*.py) and tf.keras 2 (tf_keras/layers/regularization/)
// agree on the shapes; the eras differ in validation:
//   SpatialDropout1D/2D/3D  InputSpec(ndim=3/4/5) in both, so Keras's rank text. The rate
//                           check is Dropout's (Keras 3 BaseSpatialDropout calls
//                           Dropout.__init__; tf.keras 2.x Dropout has the same text).
//   GaussianNoise           Keras 3 requires 0 <= stddev <= 1 ("Expected a float value between
//                           0 and 1", sic: a standard deviation); tf.keras accepts any stddev.
//                           PadLab follows Keras 3.
//   GaussianDropout,        Keras 3 requires 0 <= rate <= 1; tf.keras 2 does not check. PadLab
//   AlphaDropout            follows Keras 3.
//   TF.js 4.22              SpatialDropout1D, GaussianNoise, GaussianDropout, AlphaDropout exist
//                           and keep the input shape (checked in node); it has no
//                           SpatialDropout2D/3D nor ActivityRegularization.
#include <string>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

// Keras 3's `if not 0 <= value <= 1` text, with the value as the user wrote it (rate=2, rate=1.5).
void require_unit_interval(const ConfigArgs& args, const char* key) {
    const double value = args.number(key);
    if (!(value >= 0.0 && value <= 1.0)) {
        args.fail(std::string("Invalid value received for argument `") + key +
                  "`. Expected a float value between 0 and 1. Received: " + key + "=" + python_repr(*args.find(key)));
    }
}

template <int Rank>
LayerResult spatial_dropout(const nlohmann::json& config, const Shape& input) {
    const std::string cls = "SpatialDropout" + std::to_string(Rank) + "D";
    const ConfigArgs args(config, cls);
    require_unit_interval(args, "rate");
    if (Rank > 1) args.require_channels_last();
    require_ndim(input, static_cast<std::size_t>(Rank) + 2, args.layer_name());
    LayerResult r;
    r.output_shape = input;
    return r;
}

template <const char* Cls, const char* Key>
LayerResult noise(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, Cls);
    require_unit_interval(args, Key);
    LayerResult r;
    r.output_shape = input;
    return r;
}

constexpr char kGaussianNoise[] = "GaussianNoise", kGaussianDropout[] = "GaussianDropout",
               kAlphaDropout[] = "AlphaDropout", kStddev[] = "stddev", kRate[] = "rate";

LayerResult activity_regularization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "ActivityRegularization");
    args.number("l1", 0.0);
    args.number("l2", 0.0);
    LayerResult r;
    r.output_shape = input;
    return r;
}

}  // namespace

std::vector<LayerType> regularization_layer_types() {
    // Positional arguments in tf.keras 2.15's __init__ order.
    return {
        {"SpatialDropout1D", {"rate"}, &spatial_dropout<1>, &identity_forward},
        {"SpatialDropout2D", {"rate", "data_format"}, &spatial_dropout<2>, &identity_forward},
        {"SpatialDropout3D", {"rate", "data_format"}, &spatial_dropout<3>, &identity_forward},
        {"GaussianNoise", {"stddev", "seed"}, &noise<kGaussianNoise, kStddev>, &identity_forward},
        {"GaussianDropout", {"rate", "seed"}, &noise<kGaussianDropout, kRate>, &identity_forward},
        {"AlphaDropout", {"rate", "noise_shape", "seed"}, &noise<kAlphaDropout, kRate>, &identity_forward},
        {"ActivityRegularization", {"l1", "l2"}, &activity_regularization, &identity_forward},
    };
}

}  // namespace padlab::layers
