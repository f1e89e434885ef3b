// Pooling layers: MaxPooling1D/2D/3D, AveragePooling1D/2D/3D (window maths by
// window_arithmetic, 'same' split reported like a conv's), and the Global*Pooling1D/2D/3D
// reductions. No weights; MACs are 0 (they count weight multiply-accumulates only). The forward
// pass runs them all (core/ops/pooling.hpp).
#include <string>

#include "core/ops/conv_arithmetic.hpp"
#include "core/ops/pooling.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

std::string pool_class(PoolKind kind, int rank, bool global) {
    return std::string(global ? "Global" : "") + (kind == PoolKind::Max ? "MaxPooling" : "AveragePooling") +
           std::to_string(rank) + "D";
}

LayerResult infer_pool(const nlohmann::json& config, const Shape& input, PoolKind kind, int rank) {
    const std::string cls = pool_class(kind, rank, false);
    const ConfigArgs args(config, cls);
    const auto n = static_cast<std::size_t>(rank);

    const Shape pool_size = args.int_tuple("pool_size", n, Shape(n, 2));
    // strides=None means "= pool_size" (non-overlapping windows).
    const Shape strides = args.int_tuple("strides", n, pool_size);
    const Padding padding = args.window_padding(false, true);
    args.require_channels_last();

    require_ndim(input, n + 2, args.layer_name());
    const Shape spatial(input.begin() + 1, input.end() - 1);
    const auto axes = window_arithmetic(WindowOp::Pool, spatial, pool_size, strides, Shape(n, 1), padding, cls);

    LayerResult r;
    r.output_shape.push_back(input.front());
    Pads pads;
    for (const auto& a : axes) {
        r.output_shape.push_back(a.output);
        pads.push_back(Pad{a.pad_before, a.pad_after});
    }
    r.output_shape.push_back(input.back());
    r.padding = pads;
    return r;
}

LayerResult infer_global_pool(const nlohmann::json& config, const Shape& input, PoolKind kind, int rank) {
    const ConfigArgs args(config, pool_class(kind, rank, true));
    // channels_first only moves the kept axis: (batch, channels, *spatial) -> (batch, channels)
    // (keepdims: (batch, channels, 1, ...)), Keras's GlobalPooling compute_output_shape. The
    // keras-io Transformer time-series example pools a (None, 500, 1) sequence this way and
    // prints (None, 500). The forward pass is channels-last only and refuses it.
    const bool first = args.channels_first();
    const bool keepdims = args.boolean("keepdims", false);
    require_ndim(input, static_cast<std::size_t>(rank) + 2, args.layer_name());

    LayerResult r;
    r.output_shape.push_back(input.front());
    if (first) r.output_shape.push_back(input[1]);
    if (keepdims) r.output_shape.insert(r.output_shape.end(), static_cast<std::size_t>(rank), 1);
    if (!first) r.output_shape.push_back(input.back());
    return r;
}

template <PoolKind Kind, int Rank>
LayerResult pool(const nlohmann::json& config, const Shape& input) {
    return infer_pool(config, input, Kind, Rank);
}

template <PoolKind Kind, int Rank>
LayerResult global_pool(const nlohmann::json& config, const Shape& input) {
    return infer_global_pool(config, input, Kind, Rank);
}

// ------------------------------------------------------------------ forward pass

class PoolLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override { pool_into(in, input_shape, kind, axes, out); }
    PoolKind kind = PoolKind::Max;
    std::vector<AxisArithmetic> axes;
};

template <PoolKind Kind>
std::unique_ptr<RunnableLayer> pool_forward(const ForwardContext& c) {
    const std::size_t rank = c.input_shape.size() - 2;
    auto layer = make_runnable<PoolLayer>(c);
    layer->kind = Kind;
    const Shape pool_size = c.args.int_tuple("pool_size", rank, Shape(rank, 2));
    const Shape strides = c.args.int_tuple("strides", rank, pool_size);
    layer->axes = window_arithmetic(WindowOp::Pool, Shape(c.input_shape.begin() + 1, c.input_shape.end() - 1),
                                    pool_size, strides, Shape(rank, 1), c.args.window_padding(false, true),
                                    c.class_name);
    return layer;
}

class GlobalPoolLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override { global_pool_into(in, input_shape, kind, out); }
    PoolKind kind = PoolKind::Max;
};

template <PoolKind Kind>
std::unique_ptr<RunnableLayer> global_pool_forward(const ForwardContext& c) {
    c.args.require_channels_last();
    auto layer = make_runnable<GlobalPoolLayer>(c);
    layer->kind = Kind;
    return layer;
}

// Keras's __init__ order: MaxPooling2D(pool_size, strides, padding, data_format).
const std::vector<std::string_view> kPoolArgs = {"pool_size", "strides", "padding", "data_format"};
// Keras 3's GlobalMaxPooling2D(data_format, keepdims) (Keras 2 agrees where it has keepdims).
const std::vector<std::string_view> kGlobalArgs = {"data_format", "keepdims"};

}  // namespace

std::vector<LayerType> pooling_layer_types() {
    return {
        {"MaxPooling1D", kPoolArgs, &pool<PoolKind::Max, 1>, &pool_forward<PoolKind::Max>},
        {"MaxPooling2D", kPoolArgs, &pool<PoolKind::Max, 2>, &pool_forward<PoolKind::Max>},
        {"MaxPooling3D", kPoolArgs, &pool<PoolKind::Max, 3>, &pool_forward<PoolKind::Max>},
        {"AveragePooling1D", kPoolArgs, &pool<PoolKind::Average, 1>, &pool_forward<PoolKind::Average>},
        {"AveragePooling2D", kPoolArgs, &pool<PoolKind::Average, 2>, &pool_forward<PoolKind::Average>},
        {"AveragePooling3D", kPoolArgs, &pool<PoolKind::Average, 3>, &pool_forward<PoolKind::Average>},
        {"GlobalMaxPooling1D", kGlobalArgs, &global_pool<PoolKind::Max, 1>, &global_pool_forward<PoolKind::Max>},
        {"GlobalMaxPooling2D", kGlobalArgs, &global_pool<PoolKind::Max, 2>, &global_pool_forward<PoolKind::Max>},
        {"GlobalMaxPooling3D", kGlobalArgs, &global_pool<PoolKind::Max, 3>, &global_pool_forward<PoolKind::Max>},
        {"GlobalAveragePooling1D", kGlobalArgs, &global_pool<PoolKind::Average, 1>, &global_pool_forward<PoolKind::Average>},
        {"GlobalAveragePooling2D", kGlobalArgs, &global_pool<PoolKind::Average, 2>, &global_pool_forward<PoolKind::Average>},
        {"GlobalAveragePooling3D", kGlobalArgs, &global_pool<PoolKind::Average, 3>, &global_pool_forward<PoolKind::Average>},
    };
}

}  // namespace padlab::layers
