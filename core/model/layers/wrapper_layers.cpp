// Wrapper layers: Bidirectional and TimeDistributed, which hold another layer (config "layer":
// {"class_name", "config"} in every format: Keras 2 / TF.js JSON, Keras 3's
// serialize_keras_object form with "module", and the Python importer's lowering of
// `Bidirectional(LSTM(64))`). The wrapped layer's inference comes from the registry.
// Sources: tf-keras (Keras 2.15) tf_keras/layers/rnn/bidirectional.py, time_distributed.py;
// Keras 3 keras/src/layers/rnn/bidirectional.py, time_distributed.py (HEAD 3422977a).
//
// Bidirectional (row "bidirectional (Bidirectional)"): a forward copy of the layer and a
// backward one (a copy with go_backwards flipped, or `backward_layer`). Parameters and MACs are
// the two layers' sums. Outputs, from the FORWARD layer's shapes (compute_output_shape of both
// eras, even when backward_layer differs):
//   merge_mode concat: last axis * 2; sum / mul / ave: the forward output; None: two outputs
//   return_state: [output(s)..., forward states..., backward states...]
// TimeDistributed: the wrapped layer on (batch,) + input[2:], its outputs with the time axis
// put back: (out[0], time) + out[1:]; its parameters; its MACs times the time steps.
//
// Era differences (PadLab uses tf.keras 2.15's texts, unless noted):
//   - A config "layer" that is not a layer: "Please initialize `Bidirectional` layer with a
//     `tf.keras.layers.Layer` instance. Received: ..." (Keras 3: `keras.layers.Layer`).
//   - A non-recurrent wrapped layer: Keras 2 fails on config["go_backwards"] (a KeyError), Keras
//     3 when rebuilding it: "Unrecognized keyword arguments passed to Dense: {'go_backwards':
//     True}". PadLab gives Keras 3's text.
//   - Forward / backward go_backwards equal: Keras 2's text (its literals are joined without
//     spaces: "...`go_backwards` value.forward_layer.go_backwards = False,backward_layer...");
//     Keras 3: "... value. Received: forward_layer.go_backwards False, backward_layer.go_backwards=False".
//   - TimeDistributed on rank < 3: Keras 2 "`TimeDistributed` Layer should be passed an
//     `input_shape ` with at least 3 dimensions, received: (None, 10)" (the stray space is in
//     the source); Keras 3 writes `input_shape` without it; TF.js "TimeDistributed layer
//     expects an input shape >= 3D, but received input shape [null,10]".
//   - TF.js (4.22) agrees on every shape and count [ran]; its invalid merge_mode text is "foo is
//     not a valid BidirectionalMergeMode.  Valid values are sum,mul,concat,ave or null/undefined."
//   - The InputSpec rank error of a Bidirectional names the Bidirectional layer (it takes the
//     wrapped layer's input_spec): 'Input 0 of layer "bidirectional" is incompatible ...'.
#include <string>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/recurrent_layers.hpp"

namespace padlab::layers {

namespace {

struct Wrapped {
    const LayerType* type = nullptr;
    nlohmann::json config;  // the wrapped layer's own config (an object)
    std::string class_name;
};

// The layer a wrapper's `key` argument holds, or nullopt when absent (JSON null included).
std::optional<Wrapped> wrapped_layer(const ConfigArgs& args, const char* key, const std::string& refusal) {
    const nlohmann::json* v = args.find(key);
    if (!v) return std::nullopt;
    if (!v->is_object() || !v->contains("class_name") || !(*v)["class_name"].is_string()) {
        throw ArgumentError(refusal + python_repr(*v));
    }
    Wrapped w;
    w.class_name = (*v)["class_name"].get<std::string>();
    const auto c = v->find("config");
    w.config = c != v->end() && c->is_object() ? *c : nlohmann::json::object();
    if (w.class_name == "Sequential" || w.class_name == "Functional" || w.class_name == "Model") {
        throw UnsupportedError(std::string(args.class_name()) + " of a nested " + w.class_name +
                               " model is not supported: wrap a single layer");
    }
    w.type = find_layer_type(w.class_name);
    if (!w.type) throw_unknown_layer_class(w.class_name);
    return w;
}

Wrapped required_layer(const ConfigArgs& args, const std::string& refusal) {
    auto w = wrapped_layer(args, "layer", refusal);
    if (!w) args.fail(std::string(args.class_name()) + ".__init__() missing 1 required positional argument: 'layer'");
    return std::move(*w);
}

bool is_recurrent(const LayerType& t) {
    for (const char* cls : {"SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
        if (t.class_name == cls) return true;
    return false;
}

bool flag(const nlohmann::json& config, const char* key) {
    const auto it = config.find(key);
    return it != config.end() && it->is_boolean() && it->get<bool>();
}

const char* py_bool(bool b) { return b ? "True" : "False"; }

// merge_mode: absent means the default "concat"; a JSON null is Python's None (Keras's
// get_config always writes the key). nullopt stands for None.
std::optional<std::string> merge_mode(const ConfigArgs& args, const nlohmann::json& config) {
    const auto it = config.is_object() ? config.find("merge_mode") : config.end();
    if (it == config.end()) return std::string("concat");
    if (it->is_null()) return std::nullopt;
    if (it->is_string()) {
        const std::string m = it->get<std::string>();
        if (m == "sum" || m == "mul" || m == "ave" || m == "concat") return m;
    }
    args.fail("Invalid merge mode. Received: " + (it->is_string() ? it->get<std::string>() : python_repr(*it)) +
              ". Merge mode should be one of {\"sum\", \"mul\", \"ave\", \"concat\", None}");
}

const std::string kBidirectionalRefusal =
    "Please initialize `Bidirectional` layer with a `tf.keras.layers.Layer` instance. Received: ";

LayerResult bidirectional(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Bidirectional");
    const Wrapped forward = required_layer(args, kBidirectionalRefusal);
    std::optional<Wrapped> backward =
        wrapped_layer(args, "backward_layer", "`backward_layer` need to be a `tf.keras.layers.Layer` instance. Received: ");
    const std::optional<std::string> mode = merge_mode(args, config);
    // Rebuilding the layer with go_backwards needs an RNN's arguments.
    for (const Wrapped* w : {&forward, backward ? &*backward : static_cast<const Wrapped*>(nullptr)}) {
        if (w && !is_recurrent(*w->type)) {
            args.fail("Unrecognized keyword arguments passed to " + std::string(w->type->class_name) +
                      ": {'go_backwards': True}");
        }
    }
    const bool forward_backwards = flag(forward.config, "go_backwards");
    nlohmann::json backward_config = forward.config;
    const LayerType* backward_type = forward.type;
    if (backward) {
        backward_config = backward->config;
        backward_type = backward->type;
        const bool b = flag(backward_config, "go_backwards");
        if (b == forward_backwards) {
            args.fail(std::string("Forward layer and backward layer should have different `go_backwards` value."
                                  "forward_layer.go_backwards = ") + py_bool(forward_backwards) +
                      ",backward_layer.go_backwards = " + py_bool(b));
        }
        for (const char* a : {"stateful", "return_sequences", "return_state"}) {
            const bool fv = flag(forward.config, a), bv = flag(backward_config, a);
            if (fv != bv) {
                args.fail(std::string("Forward layer and backward layer are expected to have the same value for "
                                      "attribute \"") + a + "\", got \"" + py_bool(fv) + "\" for forward layer and \"" +
                          py_bool(bv) + "\" for backward layer");
            }
        }
    } else {
        backward_config["go_backwards"] = !forward_backwards;
    }

    // Both copies are checked and built as the Bidirectional (its input_spec is the layer's).
    nlohmann::json fc = forward.config, bc = backward_config;
    fc["name"] = bc["name"] = args.layer_name();
    const LayerResult f = forward.type->infer(fc, input);
    const LayerResult b = backward_type->infer(bc, input);

    const bool return_state = rnn_returns_state(forward.config);
    Shape out = f.output_shape;
    std::vector<Shape> states;
    if (return_state && f.output_shapes.size() > 1) states.assign(f.output_shapes.begin() + 1, f.output_shapes.end());
    if (mode && *mode == "concat" && !out.empty() && out.back() != kNone) {
        out.back() = checked_mul(out.back(), 2, "the output size of Bidirectional '" + args.layer_name() + "'");
    }
    LayerResult r;
    r.output_shape = out;
    if (!mode || return_state) {
        r.output_shapes.push_back(out);
        if (!mode) r.output_shapes.push_back(out);
        for (int copy = 0; copy < 2; ++copy) r.output_shapes.insert(r.output_shapes.end(), states.begin(), states.end());
    }
    const std::string what = "the parameter count of Bidirectional '" + args.layer_name() + "'";
    r.trainable_params = checked_add(f.trainable_params, b.trainable_params, what);
    r.non_trainable_params = checked_add(f.non_trainable_params, b.non_trainable_params, what);
    r.macs = checked_add(f.macs, b.macs, "the MAC count of Bidirectional '" + args.layer_name() + "'");
    r.padding = f.padding;
    return r;
}

std::size_t bidirectional_outputs(const nlohmann::json& config) {
    if (!config.is_object()) return 1;
    const auto layer = config.find("layer");
    const bool no_merge = config.contains("merge_mode") && config["merge_mode"].is_null();
    std::size_t states = 0;
    if (layer != config.end() && layer->is_object() && layer->contains("class_name") && (*layer)["class_name"].is_string()) {
        const LayerType* t = find_layer_type((*layer)["class_name"].get<std::string>());
        const auto c = layer->find("config");
        if (t && t->output_count && c != layer->end()) states = t->output_count(*c) - 1;
    }
    return (no_merge ? 2 : 1) + 2 * states;
}

LayerResult time_distributed(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "TimeDistributed");
    const Wrapped inner =
        required_layer(args, "Please initialize `TimeDistributed` layer with a `tf.keras.layers.Layer` instance. Received: ");
    if (input.size() < 3) {
        throw ShapeError("`TimeDistributed` Layer should be passed an `input_shape ` with at least 3 dimensions, "
                         "received: " + shape_to_python(input));
    }
    Shape child = {input[0]};
    child.insert(child.end(), input.begin() + 2, input.end());
    const LayerResult c = inner.type->infer(inner.config, child);
    const Dim time = input[1];
    const auto with_time = [&](const Shape& s) {
        Shape out = s;
        out.insert(out.begin() + (out.empty() ? 0 : 1), time);
        return out;
    };
    LayerResult r;
    r.output_shape = with_time(c.output_shape);
    for (const Shape& s : c.output_shapes) r.output_shapes.push_back(with_time(s));
    r.trainable_params = c.trainable_params;
    r.non_trainable_params = c.non_trainable_params;
    if (time != kNone) r.macs = checked_mul(c.macs, time, "the MAC count of TimeDistributed '" + args.layer_name() + "'");
    r.padding = c.padding;
    return r;
}

std::size_t time_distributed_outputs(const nlohmann::json& config) {
    if (!config.is_object()) return 1;
    const auto layer = config.find("layer");
    if (layer == config.end() || !layer->is_object() || !layer->contains("class_name") || !(*layer)["class_name"].is_string())
        return 1;
    const LayerType* t = find_layer_type((*layer)["class_name"].get<std::string>());
    const auto c = layer->find("config");
    return t && t->output_count && c != layer->end() ? t->output_count(*c) : 1;
}

}  // namespace

std::vector<LayerType> wrapper_layer_types() {
    // Positional arguments in tf.keras 2.15's (and Keras 3's) __init__ order.
    LayerType bidi{"Bidirectional", {"layer", "merge_mode", "weights", "backward_layer"}, &bidirectional};
    bidi.output_count = &bidirectional_outputs;
    LayerType td{"TimeDistributed", {"layer"}, &time_distributed};
    td.output_count = &time_distributed_outputs;
    return {bidi, td};
}

}  // namespace padlab::layers
