#include "core/model/model.hpp"

#include <map>
#include <set>

#include "core/base/errors.hpp"
#include "core/model/graph.hpp"
#include "core/model/layer_location.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_registry.hpp"

namespace padlab {

namespace {

Location where(const LayerSpec& spec, const std::string& name) { return {name, spec.line, spec.column}; }

using model_detail::given_name;
using model_detail::located;

}  // namespace

ModelSpec nested_on_input(const ModelSpec& nested, const Shape& incoming) {
    ModelSpec inner = nested;
    if (!inner.graph && !inner.layers.empty() && !inner.layers.front().nested && inner.layers.front().config.is_object()) {
        auto& first = inner.layers.front();
        if (first.class_name != "InputLayer" && !first.config.contains("batch_input_shape") && !first.config.contains("batch_shape") &&
            !first.config.contains("input_shape")) {
            first.config["batch_input_shape"] = nlohmann::json::array();
            for (Dim d : incoming) first.config["batch_input_shape"].push_back(d == kNone ? nlohmann::json() : nlohmann::json(d));
        }
    }
    return inner;
}

namespace {

// A model used as a layer of a Sequential: one row with its totals. Keras builds it on the
// incoming shape, so a nested Sequential without an input shape of its own gets that one.
LayerSummary nested_row(const LayerSpec& layer, const Shape& incoming, std::map<std::string, int>& counters,
                        std::set<std::string>& used) {
    std::string name = given_name(layer);
    if (name.empty()) {
        const std::string prefix = layer.class_name == "Sequential" ? "sequential" : "model";
        int& n = counters[prefix];
        const int index = layer.auto_index >= 0 ? layer.auto_index : n;
        name = index == 0 ? prefix : prefix + "_" + std::to_string(index);
        ++n;
    }
    if (!used.insert(name).second) {
        throw ArgumentError("All layers added to a Sequential model should have unique names. Name \"" + name +
                                "\" is already the name of a layer in this model. Update the `name` argument to pass a unique name.",
                            where(layer, name));
    }
    const auto m = std::make_shared<const ModelSummary>(
        located(where(layer, name), [&] { return summarize(nested_on_input(*layer.nested, incoming)); }));
    LayerSummary row;
    row.name = name;
    row.class_name = layer.class_name == "Sequential" ? "Sequential" : "Functional";
    row.input_shape = incoming;
    row.output_shape = m->output_shapes.empty() ? incoming : m->output_shapes[0];
    row.trainable_params = m->trainable_params;
    row.non_trainable_params = m->non_trainable_params;
    row.params = m->total_params;
    row.macs = m->total_macs;
    row.line = layer.line;
    row.nested = m;
    return row;
}

}  // namespace

ModelSummary summarize(const ModelSpec& spec) {
    if (spec.graph) return summarize_graph(spec);
    ModelSummary model;
    model.name = !spec.name.empty() ? spec.name
                 : spec.auto_index > 0  ? "sequential_" + std::to_string(spec.auto_index)
                                        : "sequential";
    if (spec.layers.empty()) {
        throw ShapeError("The model has no layers: add at least one layer (e.g. Dense(10, input_shape=(784,))).");
    }

    // Resolve every class first, so an unknown class is reported even if shapes fail earlier.
    std::vector<const LayerType*> types;
    for (const auto& layer : spec.layers) {
        if (layer.nested) {  // a model used as a layer: summarized on its own below
            types.push_back(nullptr);
            continue;
        }
        const LayerType* type = find_layer_type(layer.class_name);
        if (!type) {
            throw_unknown_layer_class(layer.class_name, {given_name(layer), layer.line, layer.column});
        }
        types.push_back(type);
    }

    // The input: a leading InputLayer, else what the first layer declares.
    std::size_t first = 0;
    Shape shape;
    // The first layer's name is its given one or, auto-named with every counter at 0, the prefix.
    const auto first_name = [&](const LayerSpec& layer) {
        const std::string name = given_name(layer);
        return name.empty() ? (types[0] ? keras_snake_case(types[0]->class_name) : "sequential") : name;
    };
    if (!types[0]) {
        const LayerSpec& layer = spec.layers[0];
        const ModelSummary inner = located(where(layer, first_name(layer)), [&] { return summarize(*layer.nested); });
        shape = inner.input_shape;
    } else if (types[0]->class_name == "InputLayer") {
        const LayerSpec& input = spec.layers[0];
        const std::string name = first_name(input);
        shape = located(where(input, name), [&] { return types[0]->infer(input.config, {}).output_shape; });
        first = 1;
    } else {
        const LayerSpec& layer = spec.layers[0];
        const std::string name = first_name(layer);
        auto declared = located(where(layer, name), [&] {
            return layers::declared_input_shape(layers::ConfigArgs(layer.config, types[0]->class_name));
        });
        if (!declared) {
            throw ShapeError("The model has no input shape. Give the first layer an input shape, e.g. " +
                                 std::string(types[0]->class_name) + "(..., input_shape=(28, 28, 1)), or start the "
                                 "model with Input(shape=(28, 28, 1)).",
                             where(layer, name));
        }
        shape = *declared;
    }
    model.input_shape = shape;

    // Keras's zero-based per-prefix counters: conv2d, conv2d_1, ... A counter only advances when
    // a layer is auto-named, and auto names do not avoid given ones (Keras does the same, then
    // refuses the duplicate in Sequential.add).
    std::map<std::string, int> counters;
    std::set<std::string> used;
    for (std::size_t i = first; i < spec.layers.size(); ++i) {
        const LayerSpec& layer = spec.layers[i];
        if (!types[i]) {
            model.layers.push_back(nested_row(layer, shape, counters, used));
            shape = model.layers.back().output_shape;
            model.trainable_params = layers::checked_add(model.trainable_params, model.layers.back().trainable_params, "the model's trainable parameter count");
            model.non_trainable_params = layers::checked_add(model.non_trainable_params, model.layers.back().non_trainable_params, "the model's non-trainable parameter count");
            model.total_params = layers::checked_add(model.total_params, model.layers.back().params, "the model's parameter count");
            model.total_macs = layers::checked_add(model.total_macs, model.layers.back().macs, "the model's MAC count");
            continue;
        }
        const LayerType& type = *types[i];
        if (type.class_name == "InputLayer") {
            throw ArgumentError("An InputLayer can only be the first layer of a Sequential model; this one is layer " +
                                    std::to_string(i + 1) + ".",
                                where(layer, given_name(layer)));
        }
        std::string name = given_name(layer);
        const bool auto_named = name.empty();
        if (auto_named) {
            const std::string prefix = keras_snake_case(type.class_name);
            int& n = counters[prefix];
            const int index = layer.auto_index >= 0 ? layer.auto_index : n;  // the script's counter (Python)
            name = index == 0 ? prefix : prefix + "_" + std::to_string(index);
            ++n;
        }
        if (!used.insert(name).second) {
            // Keras 2's Sequential.add text, plus why the name came about.
            throw ArgumentError("All layers added to a Sequential model should have unique names. Name \"" + name +
                                    "\" is already the name of a layer in this model." +
                                    (auto_named ? " (This layer was auto-named; an earlier layer was given that name.)"
                                                : "") +
                                    " Update the `name` argument to pass a unique name.",
                                where(layer, name));
        }

        nlohmann::json config = layer.config.is_null() ? nlohmann::json::object() : layer.config;
        if (config.is_object()) config["name"] = name;  // so layer errors quote the resolved name
        const Location loc = where(layer, name);
        const LayerResult result = located(loc, [&] { return type.infer(config, shape); });
        if (result.output_shapes.size() > 1) {
            // tf.keras 2.x Sequential.add (engine/sequential.py SINGLE_LAYER_OUTPUT_ERROR_MSG).
            // Keras 3 has no such check: a multi-output layer is refused by the next layer's
            // input count ('Layer "dense" expects 1 input(s), but it received 3 input tensors'),
            // or, as the last layer, accepted.
            throw ArgumentError("All layers in a Sequential model should have a single output tensor. For multi-output "
                                "layers, use the functional API.",
                                loc);
        }

        LayerSummary row;
        row.name = name;
        row.class_name = std::string(type.class_name);
        row.input_shape = shape;
        row.output_shape = result.output_shape;
        row.trainable_params = result.trainable_params;
        row.non_trainable_params = result.non_trainable_params;
        // trainable=False freezes every weight: Keras then counts them all as non-trainable.
        const auto tr = config.is_object() ? config.find("trainable") : config.end();
        if (config.is_object() && tr != config.end() && tr->is_boolean() && !tr->get<bool>()) {
            row.non_trainable_params += row.trainable_params;
            row.trainable_params = 0;
            row.trainable = false;
        }
        located(loc, [&] {
            row.params = layers::checked_add(row.trainable_params, row.non_trainable_params, "the parameter count");
            model.trainable_params = layers::checked_add(model.trainable_params, row.trainable_params,
                                                         "the model's trainable parameter count");
            model.non_trainable_params = layers::checked_add(model.non_trainable_params, row.non_trainable_params,
                                                             "the model's non-trainable parameter count");
            model.total_params = layers::checked_add(model.total_params, row.params, "the model's parameter count");
            model.total_macs = layers::checked_add(model.total_macs, result.macs, "the model's MAC count");
        });
        row.macs = result.macs;
        row.padding = result.padding;
        row.line = layer.line;
        model.layers.push_back(std::move(row));
        shape = result.output_shape;
    }
    // A lone InputLayer is a valid, empty model (Keras prints an empty table with 0 params).
    model.output_shapes = {shape};
    return model;
}

}  // namespace padlab
