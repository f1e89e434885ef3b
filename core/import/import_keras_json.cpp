// Keras/TF.js JSON -> ModelSpec. Accepted shapes (keras-and-peers.md §3):
//   Keras 2 / tf.keras  model.to_json()        {class_name, config:{name, layers}, keras_version}
//   tf.keras 2.13+      same, each layer with module / registered_name / build_config
//   Keras 3             {module, class_name, config:{..., build_input_shape}, registered_name}
//   TF.js model.json    {modelTopology:{class_name, config} or {model_config:{...}}}
//   ancient Keras 1     {class_name:"Sequential", config:[layer, ...]}
//   a bare Sequential config {name, layers:[...]} or a bare list of layers.
// A Functional model is accepted only when it is a plain chain (input -> ... -> output);
// it is then the same Sequential model. Layer classes are NOT checked here: summarize()
// resolves them, so every format reports unknown classes the same way.
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/import/json_positions.hpp"
#include "core/import/source_text.hpp"

namespace padlab {

namespace {

using nlohmann::json;
using importer::JsonPositions;

class JsonImporter {
public:
    explicit JsonImporter(std::string_view text) : positions_(text), index_(text) {}

    ModelSpec run(const json& root) {
        std::string ptr;
        const json* model = &root;
        if (root.is_array()) return from_layer_list(root, "", "keras2-json");
        if (!root.is_object()) {
            throw ParseError("not a Keras model: expected a JSON object, got " +
                             std::string(root.type_name()), where(""));
        }
        bool tfjs = false;
        if (root.contains("modelTopology")) {
            tfjs = true;
            ptr = "/modelTopology";
            model = &root["modelTopology"];
            require_object(*model, ptr, "\"modelTopology\"");
        }
        if (!model->contains("class_name") && model->contains("model_config")) {
            // TF.js's Keras converter wraps the topology: {keras_version, backend, model_config}.
            tfjs = true;
            ptr = JsonPositions::child(ptr, "model_config");
            model = &(*model)["model_config"];
            require_object(*model, ptr, "\"model_config\"");
        }
        format_ = tfjs ? "tfjs-json" : detect_keras_format(*model);

        if (!model->contains("class_name")) {
            // A bare Sequential config ({name, layers}), e.g. model.get_config() dumped.
            if (model->contains("layers")) return from_sequential_config(*model, ptr, json());
            throw ParseError(
                "not a Keras model: expected {\"class_name\": ..., \"config\": ...} "
                "(model.to_json()) or a TF.js model.json with \"modelTopology\"",
                where(ptr));
        }
        const json& cls = (*model)["class_name"];
        if (!cls.is_string()) throw ParseError("model \"class_name\" must be a string", where(ptr));
        const std::string class_name = cls.get<std::string>();
        if (!model->contains("config")) {
            throw ParseError("model '" + class_name + "' has no \"config\"", where(ptr));
        }
        const std::string config_ptr = JsonPositions::child(ptr, "config");
        const json& config = (*model)["config"];

        if (class_name == "Sequential") {
            if (config.is_array()) return from_layer_list(config, config_ptr, format_);
            require_object(config, config_ptr, "the Sequential \"config\"");
            const json build = model->contains("build_config") ? (*model)["build_config"] : json();
            return from_sequential_config(config, config_ptr, build);
        }
        if (class_name == "Functional" || class_name == "Model") {
            require_object(config, config_ptr, "the Functional \"config\"");
            return from_functional_config(config, config_ptr);
        }
        throw UnsupportedError("model class '" + class_name +
                                   "' is not supported: only Sequential models (or a Functional "
                                   "model that is a plain chain of layers) can be imported",
                               where(ptr));
    }

private:
    JsonPositions positions_;
    importer::TextIndex index_;
    std::string format_;

    Location where(const std::string& pointer) const {
        const std::size_t off = positions_.offset(pointer);
        if (off == JsonPositions::npos) return {};
        const importer::TextPosition p = index_.at(off);
        return {"", p.line, p.column};
    }

    void require_object(const json& j, const std::string& pointer, const std::string& what) const {
        if (!j.is_object()) {
            throw ParseError(what + " must be a JSON object, got " + std::string(j.type_name()),
                             where(pointer));
        }
    }

    // Keras 3 writes "module" at the top (serialization_lib); tf.keras 2.13+ also puts
    // "module" on each layer, but keeps "keras_version" at the top, so that decides.
    static std::string detect_keras_format(const json& model) {
        if (model.contains("keras_version") && model["keras_version"].is_string()) {
            const std::string v = model["keras_version"].get<std::string>();
            return (!v.empty() && v[0] == '3') ? "keras3-json" : "keras2-json";
        }
        if (model.contains("module")) return "keras3-json";
        const json* layers = nullptr;
        if (model.contains("config") && model["config"].is_object() &&
            model["config"].contains("layers")) {
            layers = &model["config"]["layers"];
        } else if (model.contains("layers")) {
            layers = &model["layers"];
        }
        if (layers && layers->is_array()) {
            for (const json& l : *layers) {
                if (l.is_object() && l.contains("module")) return "keras3-json";
            }
        }
        return "keras2-json";
    }

    static std::string model_name(const json& config) {
        if (config.is_object() && config.contains("name") && config["name"].is_string()) {
            return config["name"].get<std::string>();
        }
        return "";
    }

    ModelSpec from_sequential_config(const json& config, const std::string& ptr,
                                     const json& build_config) {
        if (!config.contains("layers")) {
            throw ParseError("the Sequential config has no \"layers\" list", where(ptr));
        }
        const std::string layers_ptr = JsonPositions::child(ptr, "layers");
        ModelSpec spec = from_layer_list(config["layers"], layers_ptr, format_);
        spec.name = model_name(config);
        // A Sequential built with model.build(shape) and no Input: the shape lives on the model.
        if (!spec.layers.empty() && !has_input_shape(spec.layers.front().config)) {
            const json* shape = nullptr;
            if (config.contains("build_input_shape")) {
                shape = &config["build_input_shape"];
            } else if (build_config.is_object() && build_config.contains("input_shape")) {
                shape = &build_config["input_shape"];
            }
            if (shape && shape->is_array()) spec.layers.front().config["batch_input_shape"] = *shape;
        }
        return spec;
    }

    ModelSpec from_layer_list(const json& layers, const std::string& layers_ptr,
                              const std::string& format) {
        if (!layers.is_array()) {
            throw ParseError("\"layers\" must be a JSON list, got " + std::string(layers.type_name()),
                             where(layers_ptr));
        }
        ModelSpec spec;
        spec.format = format;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            spec.layers.push_back(lower_layer(layers[i], JsonPositions::child(layers_ptr, i), i));
        }
        // Keras 3 (and tf.keras 2.13+) record each built layer's input in build_config; use it
        // when the model itself has no input shape (a Sequential built by calling it on data).
        if (!spec.layers.empty() && !has_input_shape(spec.layers.front().config)) {
            const json& first = layers[0];
            if (first.contains("build_config") && first["build_config"].is_object() &&
                first["build_config"].contains("input_shape") &&
                first["build_config"]["input_shape"].is_array()) {
                spec.layers.front().config["batch_input_shape"] = first["build_config"]["input_shape"];
            }
        }
        return spec;
    }

    static bool has_input_shape(const json& config) {
        return config.contains("batch_input_shape") || config.contains("batch_shape") ||
               config.contains("input_shape");
    }

    LayerSpec lower_layer(const json& entry, const std::string& ptr, std::size_t index) {
        const Location at = where(ptr);
        const std::string which = "layer #" + std::to_string(index + 1);
        if (!entry.is_object()) {
            throw ParseError(which + " must be a JSON object, got " + std::string(entry.type_name()), at);
        }
        if (!entry.contains("class_name") || !entry["class_name"].is_string()) {
            throw ParseError(which + " has no \"class_name\" string", at);
        }
        LayerSpec layer;
        layer.class_name = entry["class_name"].get<std::string>();
        layer.line = at.line;
        layer.column = at.column;
        if (layer.class_name == "Sequential" || layer.class_name == "Functional" ||
            layer.class_name == "Model") {
            Location nested = at;
            nested.layer = model_name(entry.contains("config") ? entry["config"] : json());
            throw UnsupportedError("nested models are not supported: " + which + " is a " +
                                       layer.class_name + " model; flatten it into one Sequential",
                                   nested);
        }
        if (entry.contains("config")) {
            const json& config = entry["config"];
            if (!config.is_object() && !config.is_null()) {
                throw ParseError(which + " (" + layer.class_name + ") \"config\" must be a JSON object, got " +
                                     std::string(config.type_name()), at);
            }
            if (config.is_object()) layer.config = config;
        }
        if (!layer.config.is_object()) layer.config = json::object();
        // Functional entries carry the name beside the config.
        if (!layer.config.contains("name") && entry.contains("name") && entry["name"].is_string()) {
            layer.config["name"] = entry["name"];
        }
        normalize_config(layer);
        return layer;
    }

    // Lowers Keras 3 spellings to the Keras 2 vocabulary of model_spec.hpp, keeping the originals.
    static void normalize_config(LayerSpec& layer) {
        json& c = layer.config;
        // DTypePolicy / Policy objects -> their name ("float32", "mixed_float16").
        if (c.contains("dtype") && c["dtype"].is_object()) {
            const json& d = c["dtype"];
            if (d.contains("config") && d["config"].is_object() && d["config"].contains("name") &&
                d["config"]["name"].is_string()) {
                c["dtype"] = d["config"]["name"];
            }
        }
        // Keras 3 serializes a plain function activation as {"class_name": "function", "config": "relu"}.
        if (c.contains("activation") && c["activation"].is_object()) {
            const json& a = c["activation"];
            if (a.contains("config") && a["config"].is_string()) c["activation"] = a["config"];
        }
        if (layer.class_name == "InputLayer" && !c.contains("batch_input_shape") &&
            c.contains("batch_shape")) {
            c["batch_input_shape"] = c["batch_shape"];
            c.erase("batch_shape");
        }
    }

    // ---------------------------------------------------------------- Functional as a chain
    struct Node {
        std::string name;
        std::vector<std::string> inputs;  // names of the layers feeding its (single) call
        std::size_t calls = 0;            // how many times the layer was called
    };

    // Layer names referenced by one inbound node, in both serializations:
    // Keras 2 / TF.js [[name, node_index, tensor_index, kwargs], ...];
    // Keras 3 {"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": [name, 0, 0]}}]}.
    static void collect_refs(const json& j, std::vector<std::string>& out, int depth = 0) {
        if (depth > importer::kMaxNesting) return;
        if (j.is_object()) {
            if (j.contains("keras_history") && j["keras_history"].is_array() &&
                !j["keras_history"].empty() && j["keras_history"][0].is_string()) {
                out.push_back(j["keras_history"][0].get<std::string>());
                return;
            }
            for (const auto& kv : j.items()) collect_refs(kv.value(), out, depth + 1);
        } else if (j.is_array()) {
            if (j.size() >= 3 && j[0].is_string() && j[1].is_number() && j[2].is_number()) {
                out.push_back(j[0].get<std::string>());
                return;
            }
            for (const json& e : j) collect_refs(e, out, depth + 1);
        }
    }

    ModelSpec from_functional_config(const json& config, const std::string& ptr) {
        const auto unsupported = [&](const std::string& why, const std::string& layer,
                                     const std::string& layer_ptr) {
            Location at = where(layer_ptr);
            at.layer = layer;
            return UnsupportedError(
                "only Sequential models (or a Functional model that is a plain chain of layers) "
                "are supported: " + why, at);
        };
        if (!config.contains("layers") || !config["layers"].is_array()) {
            throw ParseError("the Functional config has no \"layers\" list", where(ptr));
        }
        const json& layers = config["layers"];
        const std::string layers_ptr = JsonPositions::child(ptr, "layers");
        std::vector<LayerSpec> specs;
        std::vector<Node> nodes;
        std::unordered_map<std::string, std::size_t> index_of;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const std::string lptr = JsonPositions::child(layers_ptr, i);
            specs.push_back(lower_layer(layers[i], lptr, i));
            Node n;
            if (specs.back().config.contains("name") && specs.back().config["name"].is_string()) {
                n.name = specs.back().config["name"].get<std::string>();
            }
            if (n.name.empty() || index_of.count(n.name)) {
                throw ParseError("layer #" + std::to_string(i + 1) +
                                     " of the Functional model needs a unique \"name\"", where(lptr));
            }
            const json& entry = layers[i];
            if (entry.contains("inbound_nodes") && entry["inbound_nodes"].is_array()) {
                const json& inbound = entry["inbound_nodes"];
                n.calls = inbound.size();
                if (n.calls == 1) collect_refs(inbound[0], n.inputs);
            }
            index_of.emplace(n.name, i);
            nodes.push_back(std::move(n));
        }
        // Chain check: one source, every other layer called once on exactly one layer,
        // and no layer feeding two others.
        std::vector<std::size_t> next(nodes.size(), nodes.size());
        std::size_t source = nodes.size();
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const Node& n = nodes[i];
            const std::string lptr = JsonPositions::child(layers_ptr, i);
            if (n.calls > 1) {
                throw unsupported("layer '" + n.name + "' is shared (called " +
                                  std::to_string(n.calls) + " times)", n.name, lptr);
            }
            if (n.calls == 0 || n.inputs.empty()) {
                if (source != nodes.size()) {
                    throw unsupported("the model has more than one input ('" +
                                      nodes[source].name + "' and '" + n.name + "')", n.name, lptr);
                }
                source = i;
                continue;
            }
            if (n.inputs.size() != 1) {
                throw unsupported("layer '" + n.name + "' takes " + std::to_string(n.inputs.size()) +
                                  " inputs", n.name, lptr);
            }
            const auto from = index_of.find(n.inputs[0]);
            if (from == index_of.end()) {
                throw ParseError("layer '" + n.name + "' takes its input from unknown layer '" +
                                     n.inputs[0] + "'", where(lptr));
            }
            if (next[from->second] != nodes.size()) {
                throw unsupported("layer '" + n.inputs[0] + "' feeds more than one layer ('" +
                                  nodes[next[from->second]].name + "' and '" + n.name + "')",
                                  n.inputs[0], JsonPositions::child(layers_ptr, from->second));
            }
            next[from->second] = i;
        }
        ModelSpec spec;
        spec.format = format_;
        spec.name = model_name(config);
        if (source == nodes.size()) return spec;  // no layers
        std::vector<bool> seen(nodes.size(), false);
        for (std::size_t i = source; i < nodes.size() && !seen[i]; i = next[i]) {
            seen[i] = true;
            spec.layers.push_back(std::move(specs[i]));
        }
        if (spec.layers.size() != nodes.size()) {
            throw unsupported("not every layer lies on the single path from the input to the output",
                              "", ptr);
        }
        return spec;
    }
};

// JSON copied from a web page may carry no-break spaces (or a BOM) between tokens, which JSON
// does not allow. Outside strings they become ASCII spaces of the same byte length, so byte
// offsets (and the line/column of any later error) stay those of the original text.
std::string ascii_blanks(std::string_view text) {
    std::string out(text);
    bool in_string = false;
    for (std::size_t i = 0; i < out.size();) {
        const char c = out[i];
        if (in_string) {
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') in_string = false;
            ++i;
            continue;
        }
        if (c == '"') {
            in_string = true;
            ++i;
            continue;
        }
        if (const std::size_t n = importer::unicode_blank_length(out, i)) {
            out.replace(i, n, n, ' ');
            i += n;
            continue;
        }
        ++i;
    }
    return out;
}

// nlohmann's what(): "[json.exception.parse_error.101] parse error at line 1, column 5: <msg>".
std::string parse_error_message(const nlohmann::json::parse_error& e) {
    std::string m = e.what();
    const std::size_t colon = m.find(": ");
    if (m.rfind("[json.exception.", 0) == 0 && colon != std::string::npos) m = m.substr(colon + 2);
    return "invalid JSON: " + m;
}

}  // namespace

ModelSpec import_keras_json(std::string_view text) {
    importer::check_source_size(text);
    if (importer::skip_blank(text) == text.size()) throw ParseError("empty model source");
    JsonPositions::check_nesting(text, importer::kMaxNesting);
    const std::string cleaned = ascii_blanks(text);
    json root;
    try {
        root = json::parse(cleaned);
    } catch (const json::parse_error& e) {
        // e.byte counts the bytes read, the offending one included.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const importer::TextPosition p = importer::text_position(text, offset);
        throw ParseError(parse_error_message(e), {"", p.line, p.column});
    } catch (const json::exception& e) {
        // out_of_range.406 "number overflow parsing '1e801'" has no position: find the literal.
        std::string m = e.what();
        const std::size_t colon = m.find("] ");
        if (colon != std::string::npos) m = m.substr(colon + 2);
        Location at;
        const std::size_t q1 = m.find('\''), q2 = m.rfind('\'');
        if (q1 != std::string::npos && q2 > q1 + 1) {
            const std::size_t off = text.find(m.substr(q1 + 1, q2 - q1 - 1));
            if (off != std::string_view::npos) {
                const importer::TextPosition p = importer::text_position(text, off);
                at = {"", p.line, p.column};
            }
        }
        throw ParseError("invalid JSON: " + m, at);
    }
    try {
        return JsonImporter(text).run(root);
    } catch (const json::exception& e) {
        // Every access above is type-checked; this is a last line of defence so that no
        // nlohmann exception escapes as something other than a padlab::Error.
        throw ParseError(std::string("unexpected JSON structure: ") + e.what());
    }
}

}  // namespace padlab
