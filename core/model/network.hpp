#pragma once
// A model made runnable: its layers resolved into ops, with deterministic random weights
// (weight_init.hpp: Keras's default initializers) resident for as long as the Network lives, so
// repeated forward passes pay only for arithmetic (as TF.js's model.predict does).
//
// Sequential models and Functional graphs with one input and one output: branches, residual
// merges and shared layers (one set of weights for all of a layer's calls) run in an order that
// computes every tensor before it is read, each tensor in a buffer reused once its last reader
// has run. Not run: nested models, layers with several outputs, a shared layer called on
// differently shaped tensors.
//
// Batch size 1. Runs: Conv1D/2D/3D (groups 1), DepthwiseConv1D/2D, Dense (on the last axis of
// any rank), Max/AveragePooling1D-3D, Global*Pooling1D-3D, ZeroPadding1D-3D, Cropping1D-3D,
// Flatten, Reshape, Activation, ReLU, LeakyReLU, Dropout (identity at inference),
// BatchNormalization and LayerNormalization (at their initial state: moving mean 0, variance 1,
// gamma 1, beta 0), the merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum,
// Concatenate; Dot of vectors) and the layers each family registers as runnable (activations,
// Rescaling, Resizing, CenterCrop, noise and dropout as identity). Anything
// else is an UnsupportedError naming the layer.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "core/model/model_spec.hpp"
#include "core/base/shape.hpp"

namespace padlab {

// One weight array of a layer, in Keras's order and layout (kernel [...k, cin, cout], then bias).
struct NetworkWeight {
    std::string layer;  // Keras layer name
    std::string name;   // "kernel", "depthwise_kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"
    Shape shape;
    std::vector<float> data;  // a copy, in Keras's layout
};

struct LayerTiming {
    std::string name;        // Keras layer name
    std::string class_name;  // canonical class
    Shape output_shape;      // batch 1
    std::int64_t macs = 0;
    double ms = 0.0;         // wall time of this layer in the last run
};

// Cap on a Network's weights + activation buffers, checked before allocating (convolution
// scratch, allocated per call, is not counted: each is capped by the conv op itself).
inline constexpr std::size_t kMaxNetworkBytes = std::size_t(1) << 30;

class Network {
public:
    // Builds the model (summarize(spec): every Keras error first), then its ops and weights.
    // `seed` selects the weights, unless `stored` (a saved file's weights, saved_model.hpp)
    // gives a layer's: then every layer that runs with weights takes its stored arrays, matched
    // by layer name and in Keras's order, each of the shape its config makes (ArgumentError
    // naming the layer otherwise, or when the file has none for it). Throws UnsupportedError
    // for layers or activations it cannot run, ShapeError when a length other than the batch
    // is unknown (None), LimitError above kMaxNetworkBytes.
    Network(const ModelSpec& spec, std::uint64_t seed, const std::vector<NetworkWeight>* stored = nullptr);
    // True when the weights came from `stored`.
    bool stored_weights() const;
    ~Network();
    Network(Network&&) noexcept;
    Network& operator=(Network&&) noexcept;

    const ModelSummary& summary() const;
    const Shape& input_shape() const;   // batch 1: [1, ...]
    const Shape& output_shape() const;  // batch 1
    std::uint64_t seed() const;
    // Copies of every weight (the Network keeps Dense kernels packed for its kernel).
    std::vector<NetworkWeight> weights() const;

    // Called after each layer with its index and timing (progress for long runs).
    using LayerDone = std::function<void(std::size_t index, const LayerTiming& timing)>;

    // One forward pass. `input` holds shape_elements(input_shape()) values, `output` has room for
    // shape_elements(output_shape()). Allocates only the timings and each convolution's scratch
    // (about the size of its kernel); returns each layer's time.
    std::vector<LayerTiming> run(const float* input, float* output, const LayerDone& on_layer = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The input run() takes by default: uniform [0, 1) values from stream 0 of `seed` (weight
// streams start at 1).
std::vector<float> default_network_input(const Shape& input_shape, std::uint64_t seed);

}  // namespace padlab
