#include "core/summary/summary_json.hpp"

namespace padlab {

namespace {

// Keras's None (kNone) becomes JSON null, as in Keras's own config files.
nlohmann::json shape_json(const Shape& shape) {
    nlohmann::json out = nlohmann::json::array();
    for (Dim d : shape) out.push_back(d == kNone ? nlohmann::json(nullptr) : nlohmann::json(d));
    return out;
}

// "conv2d[0][0]" per inbound tensor (Keras 2 names and node numbers, as the Keras 2 summary
// prints them).
nlohmann::json connections_json(const ModelSummary& model, const LayerSummary& layer) {
    nlohmann::json out = nlohmann::json::array();
    for (const Connection& c : layer.connected_to) {
        const bool known = c.layer >= 0 && static_cast<std::size_t>(c.layer) < model.layers.size();
        const LayerSummary* from = known ? &model.layers[static_cast<std::size_t>(c.layer)] : nullptr;
        const int node = c.node + (from ? from->node_offset_keras2 : 0);
        out.push_back((from ? from->name : std::string("?")) + "[" + std::to_string(node) + "][" + std::to_string(c.tensor) + "]");
    }
    return out;
}

nlohmann::json layer_json(const ModelSummary& model, const LayerSummary& layer) {
    nlohmann::json padding = nullptr;
    if (layer.padding) {
        padding = nlohmann::json::array();
        for (const Pad& p : *layer.padding) {
            auto amount = [](Dim d) { return d == kUnknownPad ? nlohmann::json(nullptr) : nlohmann::json(d); };
            padding.push_back({amount(p[0]), amount(p[1])});
        }
    }
    nlohmann::json output_shape = shape_json(layer.output_shape);
    if (!layer.output_shapes.empty()) {
        output_shape = nlohmann::json::array();
        for (const Shape& s : layer.output_shapes) output_shape.push_back(shape_json(s));
    }
    nlohmann::json out = {
        {"name", layer.name},
        {"class_name", layer.class_name},
        {"input_shape", shape_json(layer.input_shape)},
        {"output_shape", output_shape},
        {"params", layer.params},
        {"trainable_params", layer.trainable_params},
        {"non_trainable_params", layer.non_trainable_params},
        {"macs", layer.macs},
        {"padding", padding},
        {"line", layer.line > 0 ? nlohmann::json(layer.line) : nlohmann::json(nullptr)},
    };
    if (model.graph) {
        out["is_input"] = layer.is_input;
        // A shared layer whose calls' shapes differ: Keras 2 prints "multiple" as its output
        // shape; output_shape then holds the last call's (what Keras 3 prints).
        out["multiple_shapes"] = layer.multiple_shapes;
        out["connected_to"] = connections_json(model, layer);
        // A Keras 3 operation (ConvNeXt's `inputs + x`, `x / 255.0`), named as tf.keras's TFOpLambda layer:
        // a summary row that Keras 3's model.layers does not count.
        if (layer.operation) out["operation"] = true;
    }
    return out;
}

}  // namespace

nlohmann::json summary_json(const ModelSummary& model) {
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerSummary& layer : model.layers) layers.push_back(layer_json(model, layer));
    return {
        {"name", model.name},
        {"graph", model.graph},
        {"input_shape", shape_json(model.input_shape)},
        {"layers", layers},
        {"total_params", model.total_params},
        {"trainable_params", model.trainable_params},
        {"non_trainable_params", model.non_trainable_params},
        {"total_macs", model.total_macs},
    };
}

nlohmann::json error_json(const ErrorRecord& record) {
    const Location& w = record.where;
    const std::string where = where_text(w);
    return {
        {"kind", record.kind},
        {"message", record.message},
        {"layer", w.layer.empty() ? nlohmann::json(nullptr) : nlohmann::json(w.layer)},
        {"line", w.line > 0 ? nlohmann::json(w.line) : nlohmann::json(nullptr)},
        {"column", w.column > 0 ? nlohmann::json(w.column) : nlohmann::json(nullptr)},
        {"where", where.empty() ? nlohmann::json(nullptr) : nlohmann::json(where)},
    };
}

}  // namespace padlab
