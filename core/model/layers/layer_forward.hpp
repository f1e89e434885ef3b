#pragma once
// What the forward pass needs of a layer class, beside its shape inference: a build function
// that turns one summarized layer (its config, its shapes at batch 1) into a runnable layer,
// with its weights drawn from the seeded generator (weight_init.hpp). Each family file registers
// the build function of every class it can run in the layer registry (LayerType::forward), so
// core/model/network.cpp only looks a class up and calls what it finds: adding a runnable layer
// touches only its family file.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/base/shape.hpp"
#include "core/ops/activation.hpp"

namespace padlab {

namespace layers {
class ConfigArgs;
}

// One weight array of a built layer, in Keras's layout unless `packed`.
struct LayerWeight {
    std::string name;  // "kernel", "depthwise_kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"
    Shape shape;       // Keras's shape
    std::vector<float> data;
    bool packed = false;  // a Dense kernel in kernels::dense_pack_32x8's layout
};

// A layer ready to run: weights resident, arguments resolved.
class RunnableLayer {
public:
    virtual ~RunnableLayer() = default;
    // Computes the layer on `in` (input_shape's values) into `out` (output_shape's). They are
    // distinct buffers, or the same one when in_place().
    virtual void run(const float* in, float* out) const = 0;
    virtual bool in_place() const { return false; }
    // A layer called on a list of tensors (merge layers): ins[k] holds input_shapes[k]'s
    // values. By default a list of one tensor runs run(); merge layers override it.
    virtual void run_list(const std::vector<const float*>& ins, float* out) const;

    Shape input_shape;   // batch 1
    Shape output_shape;  // batch 1
    std::vector<Shape> input_shapes;  // merge layers: each input's (batch 1); else empty
    // Keras order (model.get_weights()): kernel, bias / gamma, beta, moving_mean, moving_variance.
    std::vector<LayerWeight> weights;

    const LayerWeight* weight(std::string_view name) const;
    // The "bias" weight's values, or nullptr without one.
    const float* bias_data() const;
};

// A layer that changes the data where it lies (activations, normalization, identity): run()
// makes `out` hold `in` and calls apply() on it.
class InPlaceLayer : public RunnableLayer {
public:
    void run(const float* in, float* out) const final;
    bool in_place() const final { return true; }
    // Changes the n = shape_elements(output_shape) values of `data` in place.
    virtual void apply(float* data, std::size_t n) const = 0;
};

// What a build function is given: one layer of a summarized model.
struct ForwardContext {
    const nlohmann::json& config;         // the layer's Keras config, "name" set
    const layers::ConfigArgs& args;       // reads `config`
    std::string_view class_name;          // canonical
    std::string_view name;                // the Keras layer name
    const Shape& input_shape;             // batch 1, every length known
    const Shape& output_shape;            // batch 1
    const std::optional<Pads>& padding;   // the layer's padding / cropping amounts from inference
    std::uint64_t seed;                   // the network's seed
    std::uint64_t stream;                 // this layer's first weight stream
    // A call on a list of tensors (merge layers): every input's shape at batch 1, in call
    // order; nullptr for a call on one tensor (input_shape).
    const std::vector<Shape>* input_shapes = nullptr;
};

// Builds the runnable layer; throws UnsupportedError (unsupported_forward) for configurations
// the forward pass cannot run.
using ForwardFn = std::unique_ptr<RunnableLayer> (*)(const ForwardContext& layer);

// Bytes a built layer keeps (its weights) and briefly needs while it is built, for the
// network's size check before anything is allocated.
struct ForwardBytes {
    double resident = 0.0;
    double build = 0.0;
};
// By default (no ForwardBytesFn registered) a layer keeps 4 bytes a parameter and needs no more.
using ForwardBytesFn = ForwardBytes (*)(const Shape& input_shape, const Shape& output_shape, std::int64_t params);

namespace layers {

// "The forward pass cannot run <class> '<name>'<why>".
UnsupportedError unsupported_forward(const ForwardContext& layer, const std::string& why);

// The activation the config names ("activation"; absent or null: linear), of the five PadLab
// computes; UnsupportedError naming the layer otherwise.
Activation forward_activation(const ForwardContext& layer);

// Keras's default initializers: a Glorot-uniform kernel from weight stream `stream`, a constant.
LayerWeight glorot_weight(std::string name, Shape shape, std::uint64_t seed, std::uint64_t stream);
LayerWeight constant_weight(std::string name, Dim n, float value);

// The shapes from the context, for a build function's new layer.
template <class Layer>
std::unique_ptr<Layer> make_runnable(const ForwardContext& c) {
    auto layer = std::make_unique<Layer>();
    layer->input_shape = c.input_shape;
    layer->output_shape = c.output_shape;
    return layer;
}

// Flatten, Reshape, Dropout (off at inference): row-major data is unchanged.
std::unique_ptr<RunnableLayer> identity_forward(const ForwardContext& layer);

}  // namespace layers

}  // namespace padlab
