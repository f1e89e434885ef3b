#include "core/model/network.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "core/ops/activation.hpp"
#include "core/ops/conv.hpp"
#include "core/ops/conv_arithmetic.hpp"  // window_arithmetic (pooling)
#include "core/base/errors.hpp"
#include "core/kernels/dense_packed.hpp"
#include "core/ops/layer_ops.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "core/base/limits.hpp"
#include "core/ops/pad_fast.hpp"
#include "core/ops/pooling.hpp"
#include "core/model/weight_init.hpp"

namespace padlab {

namespace {

enum class OpKind { Conv, Depthwise, Dense, Pool, GlobalPool, ZeroPad, Crop, Identity, Activation, Relu, BatchNorm, LayerNorm };

struct Weight {
    std::string name;
    Shape shape;
    std::vector<float> data;
    bool packed = false;  // a Dense kernel in dense_pack_32x8's layout
};

struct Op {
    OpKind kind = OpKind::Identity;
    std::string name;
    std::string class_name;
    Shape input_shape;   // batch 1
    Shape output_shape;  // batch 1
    std::int64_t macs = 0;
    int line = 0;
    std::vector<Weight> weights;  // Keras order: kernel, bias / gamma, beta, moving_mean, moving_variance
    ConvOptions conv;             // Conv, Depthwise, Dense (activation fused)
    PoolKind pool = PoolKind::Max;
    std::vector<AxisArithmetic> axes;  // Pool
    Pads pads;                         // ZeroPad (>= 0) / Crop (amounts cropped, >= 0), spatial axes
    Activation activation = Activation::Linear;
    ReluParams relu;  // ReLU / LeakyReLU
    float epsilon = 1e-3f;  // BatchNormalization / LayerNormalization

    const Weight* weight(std::string_view n) const {
        for (const auto& w : weights)
            if (w.name == n) return &w;
        return nullptr;
    }
};

// The activation a layer config names. Config validity was checked by summarize(); here only
// the five PadLab computes are accepted.
Activation config_activation(const nlohmann::json& config, const std::string& layer) {
    const auto it = config.find("activation");
    if (it == config.end() || it->is_null()) return Activation::Linear;
    std::string name;
    if (it->is_string()) {
        name = it->get<std::string>();
    } else if (it->is_object()) {
        // Keras 3: {"class_name": "function", "config": "relu"}; Keras 2: {"class_name": "relu"}.
        const auto c = it->find("config");
        const auto cls = it->find("class_name");
        if (c != it->end() && c->is_string()) name = c->get<std::string>();
        else if (cls != it->end() && cls->is_string()) name = cls->get<std::string>();
    }
    try {
        return parse_activation(name);
    } catch (const ArgumentError&) {
        throw UnsupportedError("The forward pass cannot run activation '" + name + "' of layer '" + layer +
                               "': PadLab computes linear, relu, sigmoid, tanh and softmax.");
    }
}

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

Weight glorot(std::string name, Shape shape, std::uint64_t seed, std::uint64_t stream) {
    Weight w{std::move(name), std::move(shape), {}};
    w.data.resize(static_cast<std::size_t>(shape_elements(w.shape)));
    fill_glorot_uniform(w.data.data(), w.shape, seed, stream);
    return w;
}

Weight constant(std::string name, Dim n, float value) {
    return Weight{std::move(name), Shape{n}, std::vector<float>(static_cast<std::size_t>(n), value)};
}

Shape spatial_of(const Shape& s) { return Shape(s.begin() + 1, s.end() - 1); }

Pads pads_of(const LayerSummary& row) { return row.padding ? *row.padding : Pads{}; }

// Resolves one summarized layer into an op with its weights (stream = 1 + 2 * index).
Op make_op(const LayerSpec& spec, const LayerSummary& row, std::size_t index, std::uint64_t seed) {
    Op op;
    op.name = row.name;
    op.class_name = row.class_name;
    op.line = row.line;
    op.macs = row.macs;
    op.input_shape = batch_one(row.input_shape, row.name, "input");
    op.output_shape = batch_one(row.output_shape, row.name, "output");
    nlohmann::json config = spec.config.is_object() ? spec.config : nlohmann::json::object();
    config["name"] = row.name;
    const layers::ConfigArgs args(config, row.class_name);
    const std::string& cls = row.class_name;
    const std::uint64_t stream = 1 + 2 * static_cast<std::uint64_t>(index);
    const auto unsupported = [&](const std::string& why) {
        return UnsupportedError("The forward pass cannot run " + cls + " '" + row.name + "'" + why);
    };

    const bool is_conv = cls == "Conv1D" || cls == "Conv2D" || cls == "Conv3D";
    const bool is_depthwise = cls == "DepthwiseConv1D" || cls == "DepthwiseConv2D";
    if (is_conv || is_depthwise) {
        const std::size_t rank = op.input_shape.size() - 2;
        if (is_conv && args.integer("groups", 1) != 1) throw unsupported(" with groups > 1.");
        const Shape k = args.int_tuple("kernel_size", rank);
        const Dim cin = op.input_shape.back();
        Shape kernel_shape = k;
        kernel_shape.push_back(cin);
        kernel_shape.push_back(is_conv ? op.output_shape.back() : args.integer("depth_multiplier", 1));
        op.kind = is_conv ? OpKind::Conv : OpKind::Depthwise;
        op.conv.strides = args.int_tuple("strides", rank, Shape(rank, 1));
        op.conv.dilation = args.int_tuple("dilation_rate", rank, Shape(rank, 1));
        op.conv.padding = args.window_padding(true, false);
        op.conv.activation = config_activation(config, row.name);
        op.weights.push_back(glorot(is_conv ? "kernel" : "depthwise_kernel", kernel_shape, seed, stream));
        if (args.boolean("use_bias", true)) op.weights.push_back(constant("bias", op.output_shape.back(), 0.0f));
    } else if (cls == "Dense") {
        op.kind = OpKind::Dense;
        op.conv.activation = config_activation(config, row.name);
        // Generated in Keras's layout, kept packed: the kernel streams it once per position.
        const Dim in = op.input_shape.back(), out = op.output_shape.back();
        Weight keras = glorot("kernel", {in, out}, seed, stream);
        Weight packed{"kernel", keras.shape, std::vector<float>(kernels::dense_packed_size(in, out)), true};
        kernels::dense_pack_32x8(keras.data.data(), in, out, packed.data.data());
        op.weights.push_back(std::move(packed));
        if (args.boolean("use_bias", true)) op.weights.push_back(constant("bias", op.output_shape.back(), 0.0f));
    } else if (cls.rfind("MaxPooling", 0) == 0 || cls.rfind("AveragePooling", 0) == 0) {
        const std::size_t rank = op.input_shape.size() - 2;
        op.kind = OpKind::Pool;
        op.pool = cls[0] == 'M' ? PoolKind::Max : PoolKind::Average;
        const Shape pool_size = args.int_tuple("pool_size", rank, Shape(rank, 2));
        const Shape strides = args.int_tuple("strides", rank, pool_size);
        op.axes = window_arithmetic(WindowOp::Pool, spatial_of(op.input_shape), pool_size, strides, Shape(rank, 1),
                                    args.window_padding(false, true), cls);
    } else if (cls.rfind("GlobalMaxPooling", 0) == 0 || cls.rfind("GlobalAveragePooling", 0) == 0) {
        op.kind = OpKind::GlobalPool;
        op.pool = cls[6] == 'M' ? PoolKind::Max : PoolKind::Average;
    } else if (cls.rfind("ZeroPadding", 0) == 0) {
        op.kind = OpKind::ZeroPad;
        op.pads = pads_of(row);
    } else if (cls.rfind("Cropping", 0) == 0) {
        op.kind = OpKind::Crop;
        for (const auto& p : pads_of(row)) op.pads.push_back(Pad{-p[0], -p[1]});
    } else if (cls == "Flatten" || cls == "Reshape" || cls == "Dropout") {
        op.kind = OpKind::Identity;  // row-major data is unchanged; Dropout is off at inference
    } else if (cls == "Activation") {
        op.kind = OpKind::Activation;
        op.activation = config_activation(config, row.name);
    } else if (cls == "ReLU") {
        op.kind = OpKind::Relu;
        if (args.has("max_value")) op.relu.max_value = static_cast<float>(args.number("max_value"));
        op.relu.negative_slope = static_cast<float>(args.number("negative_slope", 0.0));
        op.relu.threshold = static_cast<float>(args.number("threshold", 0.0));
    } else if (cls == "LeakyReLU") {
        op.kind = OpKind::Relu;
        // Keras 3 calls it negative_slope, Keras 2 alpha; both default to 0.3.
        op.relu.negative_slope = static_cast<float>(args.number(args.has("negative_slope") ? "negative_slope" : "alpha", 0.3));
    } else if (cls == "BatchNormalization" || cls == "LayerNormalization") {
        const auto axis = config.find("axis");
        const bool last_axis = axis == config.end() || axis->is_null() ||
                               (axis->is_number_integer() && (axis->get<long long>() == -1 ||
                                                              axis->get<long long>() == static_cast<long long>(op.input_shape.size()) - 1)) ||
                               (axis->is_array() && axis->size() == 1 && (*axis)[0].is_number_integer() &&
                                ((*axis)[0].get<long long>() == -1 ||
                                 (*axis)[0].get<long long>() == static_cast<long long>(op.input_shape.size()) - 1));
        if (!last_axis) throw unsupported(" over an axis other than the last.");
        op.kind = cls[0] == 'B' ? OpKind::BatchNorm : OpKind::LayerNorm;
        op.epsilon = static_cast<float>(args.number("epsilon", 1e-3));  // both layers' Keras default
        const Dim c = op.input_shape.back();
        if (args.boolean("scale", true)) op.weights.push_back(constant("gamma", c, 1.0f));
        if (args.boolean("center", true)) op.weights.push_back(constant("beta", c, 0.0f));
        if (op.kind == OpKind::BatchNorm) {
            op.weights.push_back(constant("moving_mean", c, 0.0f));
            op.weights.push_back(constant("moving_variance", c, 1.0f));
        }
    } else {
        throw unsupported(": PadLab runs Conv1D/2D/3D, DepthwiseConv1D/2D, Dense, pooling, padding, cropping, "
                          "Flatten, Reshape, Dropout, activations and normalization layers.");
    }
    return op;
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
    std::vector<Op> ops;
    std::vector<float> buffers[2];

    // Runs op on `in` into `out` (distinct buffers, or the same one for in-place ops).
    static void apply(const Op& op, const float* in, float* out) {
        const Weight* kernel = op.weights.empty() ? nullptr : &op.weights[0];
        const Weight* bias = op.weight("bias");
        const float* b = bias ? bias->data.data() : nullptr;
        const auto n = static_cast<std::size_t>(shape_elements(op.output_shape));
        switch (op.kind) {
            case OpKind::Conv:
                conv_into(in, op.input_shape, kernel->data.data(), kernel->shape, b, op.conv, out);
                break;
            case OpKind::Depthwise:
                depthwise_conv_into(in, op.input_shape, kernel->data.data(), kernel->shape, b, op.conv, out);
                break;
            case OpKind::Dense: {
                // Over the last axis, position by position.
                const auto units = static_cast<kernels::Index>(op.output_shape.back());
                const auto in_units = static_cast<kernels::Index>(op.input_shape.back());
                const auto positions = static_cast<std::size_t>(shape_elements(op.input_shape)) / static_cast<std::size_t>(in_units);
                for (std::size_t p = 0; p < positions; ++p)
                    kernels::dense_packed_32x8__vec4(in + p * in_units, in_units, units, kernel->data.data(), b,
                                                     out + p * units);
                apply_activation(out, n, static_cast<std::size_t>(units), op.conv.activation);
                break;
            }
            case OpKind::Pool:
                pool_into(in, op.input_shape, op.pool, op.axes, out);
                break;
            case OpKind::GlobalPool:
                global_pool_into(in, op.input_shape, op.pool, out);
                break;
            case OpKind::ZeroPad: {
                Pads full{Pad{0, 0}};
                full.insert(full.end(), op.pads.begin(), op.pads.end());
                full.push_back(Pad{0, 0});
                pad_into(in, op.input_shape, full, PadMode::Constant, 0.0f, out);
                break;
            }
            case OpKind::Crop:
                crop_into(in, op.input_shape, op.pads, op.output_shape, out);
                break;
            case OpKind::Identity:
                if (out != in) std::memcpy(out, in, n * sizeof(float));
                break;
            case OpKind::Activation:
                if (out != in) std::memcpy(out, in, n * sizeof(float));
                apply_activation(out, n, static_cast<std::size_t>(op.output_shape.back()), op.activation);
                break;
            case OpKind::Relu:
                if (out != in) std::memcpy(out, in, n * sizeof(float));
                relu_in_place(out, n, op.relu);
                break;
            case OpKind::BatchNorm:
            case OpKind::LayerNorm: {
                if (out != in) std::memcpy(out, in, n * sizeof(float));
                const auto data = [&](const char* name) {
                    const Weight* w = op.weight(name);
                    return w ? w->data.data() : nullptr;
                };
                // LayerNormalization has no moving statistics: normalize_in_place then uses each row's.
                normalize_in_place(out, n, static_cast<std::size_t>(op.input_shape.back()), data("moving_mean"),
                                   data("moving_variance"), data("gamma"), data("beta"), op.epsilon);
                break;
            }
        }
    }
};

Network::Network(const ModelSpec& spec, std::uint64_t seed) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.seed = seed;
    m.summary = summarize(spec);
    std::size_t first = 0;
    if (!spec.layers.empty()) {
        const LayerType* t = find_layer_type(spec.layers[0].class_name);
        if (t && t->class_name == "InputLayer") first = 1;
    }
    m.input_shape = batch_one(m.summary.input_shape, m.summary.name, "input");
    m.output_shape = m.input_shape;

    // Size everything before allocating anything, in double (size_t is 32 bits in wasm): the
    // weights (Dense kernels as packed, plus the largest one's generation copy) and two
    // activation buffers. Convolution scratch (about one kernel) is allocated per call.
    check_tensor_size(m.input_shape, "the model's input");
    double largest = static_cast<double>(shape_elements(m.input_shape));
    double bytes = 0.0, largest_dense = 0.0;
    for (const LayerSummary& row : m.summary.layers) {
        try {
            const Shape out = batch_one(row.output_shape, row.name, "output");
            check_tensor_size(out, "the output of layer '" + row.name + "'");
            largest = std::max(largest, static_cast<double>(shape_elements(out)));
        } catch (Error& e) {
            e.locate({row.name, row.line, 0});
            throw;
        }
        double weights = static_cast<double>(row.params);
        if (row.class_name == "Dense" && row.input_shape.back() > 0) {
            const double in = static_cast<double>(row.input_shape.back());
            const double out = static_cast<double>(row.output_shape.back());
            const double padded = std::floor(out / 32) * 32 + std::ceil(std::fmod(out, 32) / 8) * 8;
            weights += in * (padded - out);
            largest_dense = std::max(largest_dense, in * out);
        }
        bytes += 4.0 * weights;
    }
    bytes += 4.0 * largest_dense + 8.0 * largest;
    if (bytes > static_cast<double>(kMaxNetworkBytes)) {
        throw LimitError("Running this model forward would need " + std::to_string(static_cast<long long>(bytes)) +
                         " bytes of weights and activations, above the 1 GiB limit.");
    }

    for (std::size_t j = 0; j < m.summary.layers.size(); ++j) {
        const LayerSummary& row = m.summary.layers[j];
        const LayerSpec& layer = spec.layers[first + j];
        try {
            m.ops.push_back(make_op(layer, row, j, seed));
        } catch (Error& e) {
            e.locate({row.name, layer.line, layer.column});
            throw;
        }
        m.output_shape = m.ops.back().output_shape;
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
    for (const Op& op : impl_->ops)
        for (const Weight& w : op.weights) {
            NetworkWeight copy{op.name, w.name, w.shape, w.data};
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
    timings.reserve(m.ops.size());
    const auto n_in = static_cast<std::size_t>(shape_elements(m.input_shape));
    std::copy(input, input + n_in, m.buffers[0].data());
    int current = 0;
    for (const Op& op : m.ops) {
        const auto start = std::chrono::steady_clock::now();
        const bool in_place = op.kind == OpKind::Identity || op.kind == OpKind::Activation ||
                              op.kind == OpKind::Relu || op.kind == OpKind::BatchNorm || op.kind == OpKind::LayerNorm;
        float* in = m.buffers[current].data();
        float* out = in_place ? in : m.buffers[1 - current].data();
        Impl::apply(op, in, out);
        if (!in_place) current = 1 - current;
        timings.push_back({op.name, op.class_name, op.output_shape, op.macs, elapsed_ms(start)});
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
