#include "core/model/network.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "core/base/errors.hpp"
#include "core/base/limits.hpp"
#include "core/kernels/dense_packed.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_forward.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "core/model/weight_init.hpp"

namespace padlab {

namespace {

Shape batch_one(const Shape& s, const std::string& layer, const char* which) {
    Shape r = s;
    if (!r.empty() && r[0] == kNone) r[0] = 1;
    for (std::size_t i = 1; i < r.size(); ++i) {
        if (r[i] == kNone) {
            throw ShapeError("The forward pass needs every length known, but the " + std::string(which) +
                             " shape of layer '" + layer + "' is " + shape_to_python(s) +
                             ": give the input a fixed shape.");
        }
    }
    if (!r.empty() && r[0] != 1) {
        throw UnsupportedError("The forward pass runs batch size 1; the model fixes the batch to " +
                               std::to_string(static_cast<long long>(r[0])) + ".");
    }
    return r;
}

// One summarized layer as its class's registry entry builds it (weight stream = 1 + 2 * index).
std::unique_ptr<RunnableLayer> build_layer(const LayerSpec& spec, const LayerSummary& row, std::size_t index,
                                           std::uint64_t seed) {
    const Shape input_shape = batch_one(row.input_shape, row.name, "input");
    const Shape output_shape = batch_one(row.output_shape, row.name, "output");
    nlohmann::json config = spec.config.is_object() ? spec.config : nlohmann::json::object();
    config["name"] = row.name;
    const layers::ConfigArgs args(config, row.class_name);
    const ForwardContext context{config, args, row.class_name, row.name, input_shape, output_shape, row.padding,
                                 seed, 1 + 2 * static_cast<std::uint64_t>(index)};
    const LayerType* type = find_layer_type(row.class_name);
    if (!type || !type->forward) {
        throw layers::unsupported_forward(
            context, ": PadLab runs Conv1D/2D/3D, DepthwiseConv1D/2D, Dense, pooling, padding, cropping, "
                     "Flatten, Reshape, Dropout, activations and normalization layers.");
    }
    return type->forward(context);
}

// What a layer keeps once built and needs while it is built, as its registry entry says.
ForwardBytes layer_bytes(const LayerSummary& row) {
    const LayerType* type = find_layer_type(row.class_name);
    if (type && type->forward_bytes) return type->forward_bytes(row.input_shape, row.output_shape, row.params);
    return {4.0 * static_cast<double>(row.params), 0.0};
}

double elapsed_ms(std::chrono::steady_clock::time_point from) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
}

}  // namespace

struct Network::Impl {
    ModelSummary summary;
    Shape input_shape;
    Shape output_shape;
    std::uint64_t seed = 0;
    std::vector<std::unique_ptr<RunnableLayer>> layers;
    std::vector<float> buffers[2];
};

namespace {

// A Functional chain (Input -> ... -> output, Keras's sequential_like) as the Sequential it
// computes; any other graph is refused.
ModelSpec as_chain(const ModelSpec& spec) {
    for (const LayerSpec& layer : spec.layers) {
        if (layer.nested) {
            throw UnsupportedError("The forward pass does not run a model nested as a layer yet",
                                   {layer.config.is_object() && layer.config.contains("name") && layer.config["name"].is_string()
                                        ? layer.config["name"].get<std::string>() : "", layer.line, layer.column});
        }
    }
    if (!spec.graph) return spec;
    const ModelSummary g = summarize(spec);
    if (!g.sequential_like) {
        throw UnsupportedError("The forward pass runs Sequential models and Functional chains; '" + g.name +
                               "' branches or merges (a graph), which it does not run yet");
    }
    ModelSpec chain;
    chain.name = g.name;
    chain.format = spec.format;
    for (const LayerSummary& row : g.layers) {
        LayerSpec layer = spec.layers[static_cast<std::size_t>(row.spec_index)];
        layer.calls.clear();
        if (layer.config.is_object()) layer.config["name"] = row.name;
        chain.layers.push_back(std::move(layer));
    }
    return chain;
}

}  // namespace

Network::Network(const ModelSpec& model, std::uint64_t seed) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.seed = seed;
    const ModelSpec spec = as_chain(model);
    m.summary = summarize(spec);
    std::size_t first = 0;
    if (!spec.layers.empty()) {
        const LayerType* t = find_layer_type(spec.layers[0].class_name);
        if (t && t->class_name == "InputLayer") first = 1;
    }
    m.input_shape = batch_one(m.summary.input_shape, m.summary.name, "input");
    m.output_shape = m.input_shape;

    // Size everything before allocating anything, in double (size_t is 32 bits in wasm): the
    // weights (as each layer keeps them, plus the largest build-time copy: layer_bytes) and two
    // activation buffers. Convolution scratch (about one kernel) is allocated per call.
    check_tensor_size(m.input_shape, "the model's input");
    double largest = static_cast<double>(shape_elements(m.input_shape));
    double bytes = 0.0, largest_build = 0.0;
    for (const LayerSummary& row : m.summary.layers) {
        try {
            const Shape out = batch_one(row.output_shape, row.name, "output");
            check_tensor_size(out, "the output of layer '" + row.name + "'");
            largest = std::max(largest, static_cast<double>(shape_elements(out)));
        } catch (Error& e) {
            e.locate({row.name, row.line, 0});
            throw;
        }
        const ForwardBytes b = layer_bytes(row);
        bytes += b.resident;
        largest_build = std::max(largest_build, b.build);  // layers are built one at a time
    }
    bytes += largest_build + 8.0 * largest;
    if (bytes > static_cast<double>(kMaxNetworkBytes)) {
        throw LimitError("Running this model forward would need " + std::to_string(static_cast<long long>(bytes)) +
                         " bytes of weights and activations, above the 1 GiB limit.");
    }

    for (std::size_t j = 0; j < m.summary.layers.size(); ++j) {
        const LayerSummary& row = m.summary.layers[j];
        const LayerSpec& layer = spec.layers[first + j];
        try {
            m.layers.push_back(build_layer(layer, row, j, seed));
        } catch (Error& e) {
            e.locate({row.name, layer.line, layer.column});
            throw;
        }
        m.output_shape = m.layers.back()->output_shape;
    }
    m.buffers[0].resize(static_cast<std::size_t>(largest));
    m.buffers[1].resize(static_cast<std::size_t>(largest));
}

Network::~Network() = default;
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;

const ModelSummary& Network::summary() const { return impl_->summary; }
const Shape& Network::input_shape() const { return impl_->input_shape; }
const Shape& Network::output_shape() const { return impl_->output_shape; }
std::uint64_t Network::seed() const { return impl_->seed; }

std::vector<NetworkWeight> Network::weights() const {
    std::vector<NetworkWeight> all;
    const auto& rows = impl_->summary.layers;
    for (std::size_t i = 0; i < impl_->layers.size(); ++i)
        for (const LayerWeight& w : impl_->layers[i]->weights) {
            NetworkWeight copy{rows[i].name, w.name, w.shape, w.data};
            if (w.packed) {
                copy.data.resize(static_cast<std::size_t>(shape_elements(w.shape)));
                kernels::dense_unpack_32x8(w.data.data(), static_cast<kernels::Index>(w.shape[0]),
                                           static_cast<kernels::Index>(w.shape[1]), copy.data.data());
            }
            all.push_back(std::move(copy));
        }
    return all;
}

std::vector<LayerTiming> Network::run(const float* input, float* output, const LayerDone& on_layer) {
    Impl& m = *impl_;
    std::vector<LayerTiming> timings;
    timings.reserve(m.layers.size());
    const auto n_in = static_cast<std::size_t>(shape_elements(m.input_shape));
    std::copy(input, input + n_in, m.buffers[0].data());
    int current = 0;
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const RunnableLayer& layer = *m.layers[i];
        const LayerSummary& row = m.summary.layers[i];
        const auto start = std::chrono::steady_clock::now();
        const bool in_place = layer.in_place();
        float* in = m.buffers[current].data();
        float* out = in_place ? in : m.buffers[1 - current].data();
        layer.run(in, out);
        if (!in_place) current = 1 - current;
        timings.push_back({row.name, row.class_name, layer.output_shape, row.macs, elapsed_ms(start)});
        if (on_layer) on_layer(timings.size() - 1, timings.back());
    }
    const auto n_out = static_cast<std::size_t>(shape_elements(m.output_shape));
    std::copy(m.buffers[current].data(), m.buffers[current].data() + n_out, output);
    return timings;
}

std::vector<float> default_network_input(const Shape& input_shape, std::uint64_t seed) {
    std::vector<float> x(static_cast<std::size_t>(shape_elements(input_shape)));
    fill_uniform01(x.data(), x.size(), seed, 0);
    return x;
}

}  // namespace padlab
