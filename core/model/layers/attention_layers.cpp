// Attention layers: MultiHeadAttention, Attention, AdditiveAttention.
//
// MultiHeadAttention is called on separate tensors, mha(query, value) or mha(query, value, key)
// (LayerType::call_tensors names them; the importers pass them, in that order, as a list to
// infer_list). Attention and AdditiveAttention are called on one list, [query, value] or
// [query, value, key], like the merge layers.
//
// MultiHeadAttention (keras/src/layers/attention/multi_head_attention.py build and
// compute_output_shape; tf_keras/layers/attention/multi_head_attention.py agrees): four
// EinsumDense projections, each contracting the input's last axis only,
//   query  Dq * H * K + H * K      key    Dk * H * K + H * K      value  Dv * H * V + H * V
//   output H * V * O + O           (O = prod(output_shape), by default Dq)
// with H = num_heads, K = key_dim, V = value_dim (default key_dim), D* the inputs' last axes;
// biases only with use_bias. Keras 3's use_gate adds a sigmoid gate on the query,
// Dq * H * V + H * V. Output shape: query_shape[:-1] + output_shape (default: the query's).
// MACs: the four projections' weight multiply-accumulates per sample (the attention matmuls
// have no weights; see conv_layers.cpp for the convention).
//
// Attention / AdditiveAttention (keras/src/layers/attention/attention.py,
// additive_attention.py; tf_keras/layers/attention/): output query_shape[:-1] + value_shape[-1:].
//   Attention          use_scale: 1 scalar weight; score_mode 'concat': 1 more
//   AdditiveAttention  use_scale (default True): a vector of the query's last axis (Keras 3;
//                      tf.keras 2 sizes it by the value's last axis, the same in practice)
// Era differences: Keras 3 adds use_gate / sliding_window / flash_attention to
// MultiHeadAttention; tf.keras's MultiHeadAttention.compute_output_shape also demands
// query_shape[-1] == value_shape[-1], but Functional models never call it there (tf.keras runs
// call), so it is not applied. TF.js 4.22 has none of the three layers.
#include <string>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

std::string shapes_text(const std::vector<Shape>& shapes) {
    std::string out = "[";
    for (std::size_t i = 0; i < shapes.size(); ++i) out += (i ? ", " : "") + shape_to_python(shapes[i]);
    return out + "]";
}

// A constructor argument that must be a positive int (Keras 3's isinstance(int) check).
Dim mha_positive(const ConfigArgs& args, const char* key, bool optional) {
    const nlohmann::json* v = args.find(key);
    if (!v) {
        if (optional) return 0;
        args.integer(key);  // the missing-argument text
    }
    if (!v->is_number_integer() || v->get<Dim>() <= 0) {
        args.fail(std::string("Received an invalid value for argument `") + key + "`, expected a positive integer" +
                  (optional ? " or `None`" : "") + ". Received: " + key + "=" + python_repr(*v));
    }
    return v->get<Dim>();
}

LayerResult mha_single(const nlohmann::json& /*config*/, const Shape& /*input*/) {
    throw ArgumentError("MultiHeadAttention.call() missing 1 required positional argument: 'value'");
}

LayerResult multi_head_attention(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    const ConfigArgs args(config, "MultiHeadAttention");
    const Dim heads = mha_positive(args, "num_heads", false);
    const Dim key_dim = mha_positive(args, "key_dim", false);
    Dim value_dim = mha_positive(args, "value_dim", true);
    if (value_dim == 0) value_dim = key_dim;
    const bool use_bias = args.boolean("use_bias", true);
    const bool use_gate = args.boolean("use_gate", false);
    Shape output_shape;
    if (const nlohmann::json* o = args.find("output_shape")) {
        if (o->is_number_integer()) output_shape = {o->get<Dim>()};
        else if (o->is_array()) output_shape = args.int_list("output_shape");
        else args.fail("Invalid `output_shape`: " + python_repr(*o) + ". When specified, the `output_shape` should be of type tuple, list, or int.");
    }
    if (const nlohmann::json* a = args.find("attention_axes")) {
        if (a->is_array()) args.int_list("attention_axes");
        else if (!a->is_number_integer()) args.fail("`attention_axes` must be an int, list, or tuple.Received: attention_axes=" + python_repr(*a));
    }
    if (inputs.size() < 2) throw ArgumentError("MultiHeadAttention.call() missing 1 required positional argument: 'value'");
    if (inputs.size() > 3) {
        throw ArgumentError("MultiHeadAttention is called as mha(query, value) or mha(query, value, key): it received " +
                            std::to_string(inputs.size()) + " tensors " + shapes_text(inputs));
    }
    const Shape& query = inputs[0];
    const Shape& value = inputs[1];
    const Shape& key = inputs.size() > 2 ? inputs[2] : value;
    const auto middle = [](const Shape& s) { return s.size() < 2 ? Shape{} : Shape(s.begin() + 1, s.end() - 1); };
    if (middle(value) != middle(key) || value.size() != key.size()) {
        throw ShapeError("All dimensions of `value` and `key`, except the last one, must be equal. Received: "
                         "value_shape=" + shape_to_python(value) + " and key_shape=" + shape_to_python(key));
    }
    for (const Shape* s : {&query, &value, &key}) {
        if (s->size() < 3) {
            throw ShapeError("MultiHeadAttention '" + args.layer_name() + "' needs inputs of rank >= 3 (batch, ..., "
                             "features). Received: " + shapes_text(inputs));
        }
        if (s->back() == kNone) {
            throw ShapeError("MultiHeadAttention '" + args.layer_name() + "' needs the last axis of query, value and "
                             "key defined (its projections' kernels are sized by it). Received: " + shapes_text(inputs));
        }
    }
    const std::string what = "the parameter count of MultiHeadAttention '" + args.layer_name() + "'";
    const std::string macs_what = "the MAC count of MultiHeadAttention '" + args.layer_name() + "'";
    const Dim out_size = output_shape.empty() ? query.back() : known_product(output_shape, what);
    const Dim hk = checked_mul(heads, key_dim, what), hv = checked_mul(heads, value_dim, what);
    const auto projection = [&](Dim in, Dim out) {
        const Dim w = checked_mul(in, out, what);
        return use_bias ? checked_add(w, out, what) : w;
    };
    Dim params = projection(query.back(), hk);
    params = checked_add(params, projection(key.back(), hk), what);
    params = checked_add(params, projection(value.back(), hv), what);
    params = checked_add(params, projection(hv, out_size), what);
    if (use_gate) params = checked_add(params, projection(query.back(), hv), what);

    LayerResult r;
    r.output_shape = query;
    if (!output_shape.empty()) {
        r.output_shape.pop_back();
        r.output_shape.insert(r.output_shape.end(), output_shape.begin(), output_shape.end());
    }
    r.trainable_params = params;
    const Dim tq = known_product(middle(query), macs_what), tv = known_product(middle(value), macs_what);
    if (tq != kNone && tv != kNone) {
        Dim per_q = checked_add(checked_mul(query.back(), hk, macs_what), checked_mul(hv, out_size, macs_what), macs_what);
        if (use_gate) per_q = checked_add(per_q, checked_mul(query.back(), hv, macs_what), macs_what);
        const Dim per_v = checked_add(checked_mul(key.back(), hk, macs_what), checked_mul(value.back(), hv, macs_what), macs_what);
        r.macs = checked_add(checked_mul(tq, per_q, macs_what), checked_mul(tv, per_v, macs_what), macs_what);
    }
    return r;
}

template <const char* Cls>
LayerResult attention_single(const nlohmann::json& /*config*/, const Shape& input) {
    throw ArgumentError(std::string(Cls) + " layer must be called on a list of inputs, namely [query, value] or "
                        "[query, value, key]. Received: inputs=" + shape_to_python(input) + " (one tensor).");
}

LayerResult dense_attention(const ConfigArgs& args, const std::vector<Shape>& inputs) {
    const std::string cls(args.class_name());
    if (inputs.size() < 2 || inputs.size() > 3) {
        throw ArgumentError(cls + " layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, "
                            "key]. Received length: " + std::to_string(inputs.size()) + ".");
    }
    for (const Shape& s : inputs)
        if (s.empty()) throw ShapeError(cls + " layer needs tensors of rank >= 1. Received: " + shapes_text(inputs));
    LayerResult r;
    r.output_shape = inputs[0];
    r.output_shape.back() = inputs[1].back();
    return r;
}

LayerResult attention(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    const ConfigArgs args(config, "Attention");
    const bool use_scale = args.boolean("use_scale", false);
    const std::string mode = args.string("score_mode", std::string("dot"));
    if (mode != "dot" && mode != "concat") {
        args.fail("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=" + mode);
    }
    LayerResult r = dense_attention(args, inputs);
    r.trainable_params = Dim(use_scale) + Dim(mode == "concat");
    return r;
}

LayerResult additive_attention(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    const ConfigArgs args(config, "AdditiveAttention");
    const bool use_scale = args.boolean("use_scale", true);
    LayerResult r = dense_attention(args, inputs);
    if (use_scale) {
        const Dim dim = inputs[0].back();
        if (dim == kNone) {
            throw ShapeError("AdditiveAttention '" + args.layer_name() + "' needs the query's last axis defined (its "
                             "scale weight is sized by it). Received: " + shapes_text(inputs));
        }
        r.trainable_params = dim;
    }
    return r;
}

constexpr char kAttention[] = "Attention", kAdditiveAttention[] = "AdditiveAttention";

}  // namespace

std::vector<LayerType> attention_layer_types() {
    // Positional arguments in Keras 3's __init__ order (tf.keras 2.15 agrees where it has them).
    LayerType mha{"MultiHeadAttention",
                  {"num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape", "attention_axes"},
                  &mha_single};
    mha.infer_list = &multi_head_attention;
    mha.call_tensors = {"query", "value", "key"};
    LayerType att{"Attention", {"use_scale", "score_mode", "dropout", "seed"}, &attention_single<kAttention>};
    att.infer_list = &attention;
    LayerType add{"AdditiveAttention", {"use_scale", "dropout"}, &attention_single<kAdditiveAttention>};
    add.infer_list = &additive_attention;
    return {mha, att, add};
}

}  // namespace padlab::layers
