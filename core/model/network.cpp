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

// One summarized layer as its class's registry entry builds it, for a call reading tensors of
// `input_shapes` (a list when `list`: merge layers) and writing `output_shape` (weight stream
// 1 + 2 * stream_index).
std::unique_ptr<RunnableLayer> build_layer(const LayerSpec& spec, const LayerSummary& row,
                                           const std::vector<Shape>& input_shapes, bool list, const Shape& output_shape,
                                           std::size_t stream_index, std::uint64_t seed) {
    nlohmann::json config = spec.config.is_object() ? spec.config : nlohmann::json::object();
    config["name"] = row.name;
    const layers::ConfigArgs args(config, row.class_name);
    ForwardContext context{config, args, row.class_name, row.name, input_shapes.at(0), output_shape, row.padding,
                           seed, 1 + 2 * static_cast<std::uint64_t>(stream_index)};
    if (list) context.input_shapes = &input_shapes;
    // By the spec's class: a tensor-and-number operation prints as Keras's class ("Multiply",
    // row.class_name) but runs as its own registry entry (ScalarMultiply, operation_layers.cpp).
    const LayerType* type = find_layer_type(spec.class_name);
    if (!type) type = find_layer_type(row.class_name);
    if (!type || !type->forward) {
        throw layers::unsupported_forward(
            context, ": PadLab runs Conv1D/2D/3D, DepthwiseConv1D/2D, Dense, pooling, padding, cropping, "
                     "Flatten, Reshape, merge layers, activations, normalization, Rescaling, Resizing, CenterCrop "
                     "and dropout/noise layers (identity at inference).");
    }
    return type->forward(context);
}

// A saved file's weights in place of the seeded ones: the layer's arrays from `stored`, in
// Keras's order (model.get_weights()), each of the shape the layer's config makes.
void take_stored_weights(RunnableLayer& layer, const LayerSummary& row, const std::vector<NetworkWeight>& stored) {
    std::vector<const NetworkWeight*> mine;
    for (const NetworkWeight& w : stored)
        if (w.layer == row.name) mine.push_back(&w);
    const auto shapes = [](const auto& list, auto shape_of) {
        std::string out = "[";
        for (std::size_t k = 0; k < list.size(); ++k) out += (k ? ", " : "") + shape_to_python(shape_of(list[k]));
        return out + "]";
    };
    const auto expected = shapes(layer.weights, [](const LayerWeight& w) { return w.shape; });
    const auto found = shapes(mine, [](const NetworkWeight* w) { return w->shape; });
    if (layer.weights.empty()) return;
    if (mine.empty()) {
        throw ArgumentError("The file stores no weights for layer '" + row.name + "', whose config makes weights of shapes " +
                            expected + ".");
    }
    bool same = mine.size() == layer.weights.size();
    for (std::size_t k = 0; same && k < mine.size(); ++k) same = mine[k]->shape == layer.weights[k].shape;
    if (!same) {
        throw ArgumentError("Layer '" + row.name + "' stores weights of shapes " + found + ", but its config makes " +
                            expected + ".");
    }
    for (std::size_t k = 0; k < mine.size(); ++k) {
        LayerWeight& w = layer.weights[k];
        if (w.packed) {
            kernels::dense_pack_32x8(mine[k]->data.data(), static_cast<kernels::Index>(w.shape[0]),
                                     static_cast<kernels::Index>(w.shape[1]), w.data.data());
        } else {
            w.data = mine[k]->data;
        }
    }
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

std::string layer_name_of(const LayerSpec& layer) {
    return layer.config.is_object() && layer.config.contains("name") && layer.config["name"].is_string()
               ? layer.config["name"].get<std::string>()
               : "";
}

// What the plan is made from: the layer calls in an order that computes every tensor before
// it is read, the shape of every tensor (batch 1; tensor 0 is the model's input), and per
// call its summary row and spec layer.
struct Call {
    std::size_t row = 0;
    std::size_t spec = 0;
    std::vector<std::size_t> inputs;  // tensor ids
    bool list = false;                // called on a list (merge layers)
    std::size_t output = 0;           // tensor id
};
struct Calls {
    std::vector<Call> calls;
    std::vector<Shape> shapes;  // per tensor id
    std::size_t output = 0;
};

// A Sequential model: a chain, row j reading tensor j and writing tensor j + 1.
Calls sequential_calls(const ModelSpec& spec, const ModelSummary& s, const Shape& input_shape) {
    std::size_t first = 0;
    if (!spec.layers.empty()) {
        const LayerType* t = find_layer_type(spec.layers[0].class_name);
        if (t && t->class_name == "InputLayer") first = 1;
    }
    Calls c;
    c.shapes.push_back(input_shape);
    for (std::size_t j = 0; j < s.layers.size(); ++j) {
        c.calls.push_back({j, first + j, {j}, false, j + 1});
        c.shapes.push_back(batch_one(s.layers[j].output_shape, s.layers[j].name, "output"));
    }
    c.output = s.layers.size();
    return c;
}

// A Functional graph: the calls its output depends on, each after the calls it reads (a
// post-order walk from the output, iterative: graphs can be thousands of calls deep). One
// input, one output; a tensor other than a call's first output (layers with several outputs)
// and a shared layer called on differently shaped tensors are refused.
Calls graph_calls(const ModelSpec& spec, const ModelSummary& s, const Shape& input_shape) {
    const auto refuse = [&](const std::string& why) {
        throw UnsupportedError("The forward pass runs models with one input and one output; '" + s.name + "' " + why);
    };
    if (spec.inputs.size() != 1) refuse("has " + std::to_string(spec.inputs.size()) + " inputs");
    if (spec.outputs.size() != 1) refuse("has " + std::to_string(spec.outputs.size()) + " outputs");
    std::vector<int> row_of(spec.layers.size(), -1);
    for (std::size_t r = 0; r < s.layers.size(); ++r) {
        const int i = s.layers[r].spec_index;
        if (i >= 0 && static_cast<std::size_t>(i) < row_of.size()) row_of[static_cast<std::size_t>(i)] = static_cast<int>(r);
    }

    Calls c;
    c.shapes.push_back(input_shape);
    std::vector<std::pair<TensorRef, std::size_t>> ids = {{spec.inputs[0], 0}};
    const auto id_of = [&](const TensorRef& t) -> const std::size_t* {
        for (const auto& entry : ids)
            if (entry.first == t) return &entry.second;
        return nullptr;
    };
    std::vector<std::pair<TensorRef, bool>> stack = {{spec.outputs[0], false}};  // (tensor, inputs pushed)
    while (!stack.empty()) {
        const auto [t, expanded] = stack.back();
        stack.pop_back();
        if (id_of(t)) continue;
        const LayerSpec& layer = spec.layers[static_cast<std::size_t>(t.layer)];
        const int row = row_of[static_cast<std::size_t>(t.layer)];
        if (layer.calls.empty() || row < 0) {
            throw UnsupportedError("The forward pass needs every tensor computed from the model's one input; '" + s.name +
                                   "' also reads '" + layer_name_of(layer) + "'");
        }
        const LayerSummary& summary_row = s.layers[static_cast<std::size_t>(row)];
        const Location where{summary_row.name, layer.line, layer.column};
        if (t.tensor != 0) {
            throw UnsupportedError("The forward pass does not run layers with several outputs, such as '" +
                                   summary_row.name + "'", where);
        }
        const LayerCall& call = layer.calls.at(static_cast<std::size_t>(t.node));
        if (!expanded) {
            stack.push_back({t, true});
            for (auto in = call.inputs.rbegin(); in != call.inputs.rend(); ++in) stack.push_back({*in, false});
            continue;
        }
        if (summary_row.multiple_shapes) {
            throw UnsupportedError("The forward pass does not run a shared layer called on tensors of different shapes ('" +
                                   summary_row.name + "')", where);
        }
        Call k{static_cast<std::size_t>(row), static_cast<std::size_t>(t.layer), {}, call.list_input, c.shapes.size()};
        for (const TensorRef& in : call.inputs) k.inputs.push_back(*id_of(in));
        c.shapes.push_back(batch_one(summary_row.output_shape, summary_row.name, "output"));
        ids.push_back({t, k.output});
        c.calls.push_back(std::move(k));
    }
    c.output = *id_of(spec.outputs[0]);
    return c;
}

// Activation buffers ("slots") for the tensors of a plan: a tensor takes a free slot when it is
// written, and its slot is free again once its last reader has run; an in-place layer whose
// input dies with it writes over that input. A chain thus runs in two slots (a ping-pong pair).
class SlotPlanner {
public:
    explicit SlotPlanner(const Calls& plan) : last_read_(plan.shapes.size(), 0), slot_of_(plan.shapes.size(), 0) {
        for (std::size_t i = 0; i < plan.calls.size(); ++i)
            for (std::size_t t : plan.calls[i].inputs) last_read_[t] = i;
        last_read_[plan.output] = plan.calls.size();  // read by run() after the last call
        slot_of_[0] = take(static_cast<double>(shape_elements(plan.shapes[0])));
    }

    // Call i writes `output` (`elements` values) from `inputs`, in place when it can.
    void call(std::size_t i, const std::vector<std::size_t>& inputs, std::size_t output, double elements, bool in_place) {
        const bool overwrite = in_place && inputs.size() == 1 && last_read_[inputs[0]] == i;
        slot_of_[output] = overwrite ? slot_of_[inputs[0]] : take(elements);
        for (std::size_t t : inputs) {
            const std::size_t slot = slot_of_[t];
            const bool dies = last_read_[t] == i && !(overwrite && slot == slot_of_[output]);
            if (dies && std::find(free_.begin(), free_.end(), slot) == free_.end()) free_.push_back(slot);
        }
    }

    const std::vector<std::size_t>& slot_of() const { return slot_of_; }
    const std::vector<double>& capacity() const { return capacity_; }

private:
    // The smallest free slot that fits, else the largest free one (grown), else a new one.
    std::size_t take(double need) {
        std::size_t best = free_.size();
        for (std::size_t f = 0; f < free_.size(); ++f) {
            if (best == free_.size()) {
                best = f;
                continue;
            }
            const double cap = capacity_[free_[f]], best_cap = capacity_[free_[best]];
            const bool fits = cap >= need, best_fits = best_cap >= need;
            if ((fits && (!best_fits || cap < best_cap)) || (!fits && !best_fits && cap > best_cap)) best = f;
        }
        if (best == free_.size()) {
            capacity_.push_back(need);
            return capacity_.size() - 1;
        }
        const std::size_t slot = free_[best];
        free_.erase(free_.begin() + static_cast<std::ptrdiff_t>(best));
        capacity_[slot] = std::max(capacity_[slot], need);
        return slot;
    }

    std::vector<std::size_t> last_read_;
    std::vector<std::size_t> slot_of_;
    std::vector<double> capacity_;
    std::vector<std::size_t> free_;
};

}  // namespace

// One layer call of the plan: the runnable layer it uses, the tensors it reads and the one
// it writes (tensor ids; Impl::slot_of gives each one's buffer).
struct Step {
    std::size_t layer = 0;            // index into Impl::layers
    std::vector<std::size_t> inputs;
    bool list = false;                // run_list (merge layers)
    std::size_t output = 0;
};

struct Network::Impl {
    ModelSummary summary;
    Shape input_shape;
    Shape output_shape;
    std::uint64_t seed = 0;
    std::vector<std::unique_ptr<RunnableLayer>> layers;  // each layer once: a shared layer's calls share it
    std::vector<std::size_t> layer_row;                  // each one's row of `summary`
    std::vector<Step> steps;
    std::vector<std::size_t> slot_of;                    // per tensor id
    std::vector<std::vector<float>> slots;
    std::size_t output_tensor = 0;
    bool stored = false;
};

Network::Network(const ModelSpec& spec, std::uint64_t seed, const std::vector<NetworkWeight>* stored)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.seed = seed;
    m.stored = stored != nullptr && !stored->empty();
    for (const LayerSpec& layer : spec.layers) {
        if (layer.nested) {
            throw UnsupportedError("The forward pass does not run a model nested as a layer yet",
                                   {layer_name_of(layer), layer.line, layer.column});
        }
    }
    m.summary = summarize(spec);
    m.input_shape = batch_one(m.summary.input_shape, m.summary.name, "input");
    check_tensor_size(m.input_shape, "the model's input");
    const Calls plan = spec.graph ? graph_calls(spec, m.summary, m.input_shape) : sequential_calls(spec, m.summary, m.input_shape);
    m.output_tensor = plan.output;
    m.output_shape = plan.shapes[plan.output];

    // Size everything before allocating anything, in double (size_t is 32 bits in wasm): each
    // layer's weights once (as it keeps them, plus the largest build-time copy: layer_bytes) and
    // the activation slots. Convolution scratch (about one kernel) is allocated per call.
    std::vector<bool> counted(m.summary.layers.size(), false);
    double bytes = 0.0, largest_build = 0.0;
    for (const Call& call : plan.calls) {
        const LayerSummary& row = m.summary.layers[call.row];
        try {
            check_tensor_size(plan.shapes[call.output], "the output of layer '" + row.name + "'");
        } catch (Error& e) {
            e.locate({row.name, row.line, 0});
            throw;
        }
        if (counted[call.row]) continue;
        counted[call.row] = true;
        const ForwardBytes b = layer_bytes(row);
        bytes += b.resident;
        largest_build = std::max(largest_build, b.build);  // layers are built one at a time
    }
    const auto over_budget = [&](double total) {
        return LimitError("Running this model forward would need " + std::to_string(static_cast<long long>(total)) +
                          " bytes of weights and activations, above the 1 GiB limit.");
    };
    // The weights first (nothing is allocated yet); the activation slots once the layers are
    // built, since the slot plan needs each layer's in_place().
    const double activations_at_least = 4.0 * static_cast<double>(shape_elements(m.output_shape));
    if (bytes + largest_build + activations_at_least > static_cast<double>(kMaxNetworkBytes))
        throw over_budget(bytes + largest_build + activations_at_least);
    SlotPlanner slots(plan);

    // Weight streams follow the rows: 1 + 2 * (the row's index among rows that are not
    // InputLayers), so a Functional chain draws the weights of the Sequential it equals.
    std::vector<std::size_t> stream_index(m.summary.layers.size(), 0);
    for (std::size_t r = 0, k = 0; r < m.summary.layers.size(); ++r) {
        stream_index[r] = k;
        if (!m.summary.layers[r].is_input) ++k;
    }
    std::vector<int> runnable_of(m.summary.layers.size(), -1);
    for (std::size_t i = 0; i < plan.calls.size(); ++i) {
        const Call& call = plan.calls[i];
        const LayerSummary& row = m.summary.layers[call.row];
        const LayerSpec& layer = spec.layers[call.spec];
        if (runnable_of[call.row] < 0) {
            std::vector<Shape> input_shapes;
            for (std::size_t t : call.inputs) input_shapes.push_back(plan.shapes[t]);
            try {
                m.layers.push_back(build_layer(layer, row, input_shapes, call.list, plan.shapes[call.output],
                                               stream_index[call.row], seed));
                if (m.stored) take_stored_weights(*m.layers.back(), row, *stored);
            } catch (Error& e) {
                e.locate({row.name, layer.line, layer.column});
                throw;
            }
            runnable_of[call.row] = static_cast<int>(m.layers.size() - 1);
            m.layer_row.push_back(call.row);
        }
        const auto runnable = static_cast<std::size_t>(runnable_of[call.row]);
        m.steps.push_back({runnable, call.inputs, call.list, call.output});
        slots.call(i, call.inputs, call.output, static_cast<double>(shape_elements(plan.shapes[call.output])),
                   m.layers[runnable]->in_place());
    }
    double slot_elements = 0.0;
    for (double c : slots.capacity()) slot_elements += c;
    bytes += largest_build + 4.0 * slot_elements;
    if (bytes > static_cast<double>(kMaxNetworkBytes)) throw over_budget(bytes);
    m.slot_of = slots.slot_of();
    for (double c : slots.capacity()) m.slots.emplace_back(static_cast<std::size_t>(c));
}

Network::~Network() = default;
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;

const ModelSummary& Network::summary() const { return impl_->summary; }
const Shape& Network::input_shape() const { return impl_->input_shape; }
const Shape& Network::output_shape() const { return impl_->output_shape; }
std::uint64_t Network::seed() const { return impl_->seed; }
bool Network::stored_weights() const { return impl_->stored; }

std::vector<NetworkWeight> Network::weights() const {
    std::vector<NetworkWeight> all;
    const auto& rows = impl_->summary.layers;
    for (std::size_t i = 0; i < impl_->layers.size(); ++i)
        for (const LayerWeight& w : impl_->layers[i]->weights) {
            NetworkWeight copy{rows[impl_->layer_row[i]].name, w.name, w.shape, w.data};
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
    timings.reserve(m.steps.size());
    const auto n_in = static_cast<std::size_t>(shape_elements(m.input_shape));
    std::copy(input, input + n_in, m.slots[m.slot_of[0]].data());
    std::vector<const float*> ins;
    for (const Step& step : m.steps) {
        const RunnableLayer& layer = *m.layers[step.layer];
        const LayerSummary& row = m.summary.layers[m.layer_row[step.layer]];
        const auto start = std::chrono::steady_clock::now();
        float* out = m.slots[m.slot_of[step.output]].data();
        if (step.list) {
            ins.clear();
            for (std::size_t t : step.inputs) ins.push_back(m.slots[m.slot_of[t]].data());
            layer.run_list(ins, out);
        } else {
            layer.run(m.slots[m.slot_of[step.inputs[0]]].data(), out);
        }
        timings.push_back({row.name, row.class_name, layer.output_shape, row.macs, elapsed_ms(start)});
        if (on_layer) on_layer(timings.size() - 1, timings.back());
    }
    const auto n_out = static_cast<std::size_t>(shape_elements(m.output_shape));
    const float* result = m.slots[m.slot_of[m.output_tensor]].data();
    std::copy(result, result + n_out, output);
    return timings;
}

std::vector<float> default_network_input(const Shape& input_shape, std::uint64_t seed) {
    std::vector<float> x(static_cast<std::size_t>(shape_elements(input_shape)));
    fill_uniform01(x.data(), x.size(), seed, 0);
    return x;
}

}  // namespace padlab
