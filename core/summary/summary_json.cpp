#include "core/summary/summary_json.hpp"

namespace padlab {

namespace {

// Keras's None (kNone) becomes JSON null, as in Keras's own config files.
nlohmann::json shape_json(const Shape& shape) {
    nlohmann::json out = nlohmann::json::array();
    for (Dim d : shape) out.push_back(d == kNone ? nlohmann::json(nullptr) : nlohmann::json(d));
    return out;
}

nlohmann::json layer_json(const LayerSummary& layer) {
    nlohmann::json padding = nullptr;
    if (layer.padding) {
        padding = nlohmann::json::array();
        for (const Pad& p : *layer.padding) {
            auto amount = [](Dim d) { return d == kUnknownPad ? nlohmann::json(nullptr) : nlohmann::json(d); };
            padding.push_back({amount(p[0]), amount(p[1])});
        }
    }
    return {
        {"name", layer.name},
        {"class_name", layer.class_name},
        {"input_shape", shape_json(layer.input_shape)},
        {"output_shape", shape_json(layer.output_shape)},
        {"params", layer.params},
        {"trainable_params", layer.trainable_params},
        {"non_trainable_params", layer.non_trainable_params},
        {"macs", layer.macs},
        {"padding", padding},
        {"line", layer.line > 0 ? nlohmann::json(layer.line) : nlohmann::json(nullptr)},
    };
}

}  // namespace

nlohmann::json summary_json(const ModelSummary& model) {
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerSummary& layer : model.layers) layers.push_back(layer_json(layer));
    return {
        {"name", model.name},
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
