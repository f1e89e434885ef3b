// Keras/TF.js JSON -> ModelSpec. Accepted shapes (keras-and-peers.md §3):
//   Keras 2 / tf.keras  model.to_json()        {class_name, config:{name, layers}, keras_version}
//   tf.keras 2.13+      same, each layer with module / registered_name / build_config
//   Keras 3             {module, class_name, config:{..., build_input_shape}, registered_name}
//   TF.js model.json    {modelTopology:{class_name, config} or {model_config:{...}}}
//   ancient Keras 1     {class_name:"Sequential", config:[layer, ...]}
//   a bare Sequential config {name, layers:[...]} or a bare list of layers.
// A Functional ("Model") config becomes a graph ModelSpec: each layer's inbound_nodes are its
// calls (Keras 2 / TF.js [[name, node, tensor, kwargs], ...]; Keras 3 {"args", "kwargs"} with
// __keras_tensor__ keras_history triples), input_layers / output_layers the model's tensors,
// and a Sequential or Functional entry in "layers" a nested model. Layer classes are NOT
// checked here: summarize() resolves them, so every format reports unknown classes the same way
// (the registry is only asked which classes take several tensor arguments).
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/graph.hpp"
#include "core/import/json_positions.hpp"
#include "core/import/source_text.hpp"
#include "core/model/layers/layer_registry.hpp"

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
                                   "' is not supported: only Sequential and Functional models can be imported",
                               where(ptr));
    }

private:
    static constexpr int kMaxModelNesting = 32;
    int nesting_ = 0;
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
            // A model used as a layer: its own config, lowered like a top-level one.
            if (!entry.contains("config") || !entry["config"].is_object()) {
                throw ParseError(which + " (" + layer.class_name + ") has no \"config\" object", at);
            }
            const std::string cptr = JsonPositions::child(ptr, "config");
            const json& config = entry["config"];
            const json build = entry.contains("build_config") ? entry["build_config"] : json();
            // Models nested in models nested in ...: bounded, so the recursion stays on a small stack.
            if (++nesting_ > kMaxModelNesting) {
                throw LimitError("models are nested more than " + std::to_string(kMaxModelNesting) + " deep", at);
            }
            struct Unnest {
                int& depth;
                ~Unnest() { --depth; }
            } unnest{nesting_};
            auto nested = std::make_shared<ModelSpec>(
                layer.class_name == "Sequential"
                    ? (config.contains("layers") ? from_sequential_config(config, cptr, build) : ModelSpec{})
                    : from_functional_config(config, cptr));
            layer.class_name = layer.class_name == "Sequential" ? "Sequential" : "Functional";
            layer.config = json::object();
            const std::string name = model_name(config);
            layer.config["name"] = name.empty() && entry.contains("name") && entry["name"].is_string() ? entry["name"] : json(name);
            layer.nested = std::move(nested);
            return layer;
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

    // ---------------------------------------------------------------- Functional graphs
    struct Ref {
        std::string layer;
        int node = 0, tensor = 0;
    };

    // A [name, node, tensor(, kwargs)] triple, or nullopt.
    static std::optional<Ref> triple(const json& j) {
        if (!j.is_array() || j.size() < 3 || !j[0].is_string() || !j[1].is_number_integer() || !j[2].is_number_integer())
            return std::nullopt;
        return Ref{j[0].get<std::string>(), j[1].get<int>(), j[2].get<int>()};
    }

    // The tensors a Keras 3 call argument holds, in order: __keras_tensor__ objects (their
    // keras_history), inside lists, tuples and dicts.
    static void keras3_tensors(const json& j, std::vector<Ref>& out, int depth = 0) {
        if (depth > importer::kMaxNesting) return;
        if (j.is_object()) {
            if (j.contains("config") && j["config"].is_object() && j["config"].contains("keras_history")) {
                if (auto r = triple(j["config"]["keras_history"])) out.push_back(*r);
                return;
            }
            if (j.contains("keras_history")) {
                if (auto r = triple(j["keras_history"])) out.push_back(*r);
                return;
            }
            for (const auto& kv : j.items()) keras3_tensors(kv.value(), out, depth + 1);
        } else if (j.is_array()) {
            for (const json& e : j) keras3_tensors(e, out, depth + 1);
        }
    }

    // A layer called on several tensor arguments (LayerType::call_tensors: MultiHeadAttention's
    // query, value, key) has the ones after its positional tensors among the call's kwargs:
    // Keras 2 / TF.js keep only the first argument positional and put the rest, as
    // [name, node, tensor] triples, in the kwargs of each entry ({"value": [...]}, tf.keras
    // Node.serialize); Keras 3 keeps {"args": [...], "kwargs": {"key": tensor}} as called.
    // They are appended to `refs` in the call signature's order.
    static void call_tensor_kwargs(const json& node, const std::vector<std::string_view>& names, std::vector<Ref>& refs) {
        const json* kwargs = nullptr;
        if (node.is_object()) {
            if (node.contains("kwargs") && node["kwargs"].is_object()) kwargs = &node["kwargs"];
        } else if (node.is_array() && node.size() == 1 && node[0].is_array() && node[0].size() > 3 && node[0][3].is_object()) {
            kwargs = &node[0][3];
        }
        if (!kwargs) return;
        for (std::size_t i = refs.size(); i < names.size(); ++i) {
            const auto it = kwargs->find(std::string(names[i]));
            if (it == kwargs->end()) break;
            std::vector<Ref> found;
            if (auto r = triple(*it)) found.push_back(*r);
            else keras3_tensors(*it, found);
            if (found.size() != 1) break;
            refs.push_back(found[0]);
        }
    }

    // input_layers / output_layers: one triple, a list of triples, or a dict of them (Keras 3).
    std::vector<Ref> model_tensors(const json& j, const std::string& ptr, const char* what) const {
        std::vector<Ref> out;
        if (auto r = triple(j)) return {*r};
        if (j.is_array()) {
            for (std::size_t i = 0; i < j.size(); ++i) {
                auto r = triple(j[i]);
                if (!r) throw ParseError(std::string("\"") + what + "\" entry #" + std::to_string(i + 1) +
                                             " must be [layer_name, node_index, tensor_index]",
                                         where(JsonPositions::child(ptr, i)));
                out.push_back(*r);
            }
            return out;
        }
        if (j.is_object()) {
            for (const auto& kv : j.items()) {
                auto r = triple(kv.value());
                if (!r) throw ParseError(std::string("\"") + what + "\" entry '" + kv.key() + "' must be [layer_name, node_index, tensor_index]",
                                         where(JsonPositions::child(ptr, kv.key())));
                out.push_back(*r);
            }
            return out;
        }
        throw ParseError(std::string("the Functional config's \"") + what + "\" must be a list of [layer_name, node_index, tensor_index]",
                         where(ptr));
    }

    ModelSpec from_functional_config(const json& config, const std::string& ptr) {
        if (!config.contains("layers") || !config["layers"].is_array()) {
            throw ParseError("the Functional config has no \"layers\" list", where(ptr));
        }
        const json& layers = config["layers"];
        const std::string layers_ptr = JsonPositions::child(ptr, "layers");
        ModelSpec spec;
        spec.format = format_;
        spec.name = model_name(config);
        spec.graph = true;
        std::unordered_map<std::string, int> index_of;
        std::vector<std::vector<std::vector<Ref>>> calls(layers.size());
        std::vector<std::vector<bool>> lists(layers.size());
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const std::string lptr = JsonPositions::child(layers_ptr, i);
            spec.layers.push_back(lower_layer(layers[i], lptr, i));
            const LayerSpec& l = spec.layers.back();
            std::string name = l.config.contains("name") && l.config["name"].is_string() ? l.config["name"].get<std::string>() : "";
            if (name.empty()) throw ParseError("layer #" + std::to_string(i + 1) + " of the Functional model needs a \"name\"", where(lptr));
            index_of.emplace(name, static_cast<int>(i));  // a duplicate is refused by summarize(), as Keras does
            const json& entry = layers[i];
            if (!entry.contains("inbound_nodes")) continue;
            const json& inbound = entry["inbound_nodes"];
            const std::string iptr = JsonPositions::child(lptr, "inbound_nodes");
            if (!inbound.is_array()) throw ParseError("\"inbound_nodes\" must be a list", where(iptr));
            for (std::size_t k = 0; k < inbound.size(); ++k) {
                const json& node = inbound[k];
                std::vector<Ref> refs;
                bool list = false;
                if (node.is_object()) {  // Keras 3: {"args": [...], "kwargs": {...}}
                    if (node.contains("args") && node["args"].is_array() && !node["args"].empty()) {
                        list = node["args"][0].is_array();
                        keras3_tensors(node["args"], refs);
                    }
                } else if (node.is_array()) {  // Keras 2 / TF.js: [[name, node, tensor, kwargs], ...]
                    for (std::size_t t = 0; t < node.size(); ++t) {
                        auto r = triple(node[t]);
                        if (!r) throw ParseError("inbound node entry must be [layer_name, node_index, tensor_index, kwargs]",
                                                 where(JsonPositions::child(JsonPositions::child(iptr, k), t)));
                        refs.push_back(*r);
                    }
                    list = refs.size() > 1;
                } else {
                    throw ParseError("an inbound node must be a list (Keras 2) or {\"args\", \"kwargs\"} (Keras 3)",
                                     where(JsonPositions::child(iptr, k)));
                }
                if (const LayerType* t = find_layer_type(l.class_name); t && !t->call_tensors.empty()) {
                    call_tensor_kwargs(node, t->call_tensors, refs);
                    list = true;
                }
                // Keras 3 keeps rnn(x, initial_state=[h, c]) as called ({"kwargs": {"initial_state":
                // [...]}}); Keras 2 / TF.js already list the states after x in the node.
                if (const LayerType* t = find_layer_type(l.class_name);
                    t && !t->states_keyword.empty() && node.is_object() && node.contains("kwargs") &&
                    node["kwargs"].is_object() && node["kwargs"].contains(std::string(t->states_keyword))) {
                    const std::size_t before = refs.size();
                    keras3_tensors(node["kwargs"][std::string(t->states_keyword)], refs);
                    if (refs.size() > before) list = true;
                }
                if (refs.empty()) throw ParseError("an inbound node names no input tensor", where(JsonPositions::child(iptr, k)));
                calls[i].push_back(std::move(refs));
                lists[i].push_back(list);
            }
        }
        // Keras 2's and TF.js's JSON count a nested model's calls from 1 when it was built with
        // an input (graph.hpp keras2_node_offset); Keras 3 configs count the calls from 0.
        const auto node_of = [&](const Ref& r, int layer) {
            const bool keras2 = format_ == "keras2-json" || format_ == "tfjs-json";
            const int offset = keras2 ? keras2_node_offset(spec.layers[static_cast<std::size_t>(layer)]) : 0;
            return r.node >= offset ? r.node - offset : r.node;
        };
        const auto resolve = [&](const Ref& r, const std::string& at) {
            const auto it = index_of.find(r.layer);
            if (it == index_of.end()) throw ParseError("a connection names unknown layer '" + r.layer + "'", where(at));
            return TensorRef{it->second, node_of(r, it->second), r.tensor};
        };
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const std::string lptr = JsonPositions::child(layers_ptr, i);
            for (std::size_t k = 0; k < calls[i].size(); ++k) {
                LayerCall c;
                c.list_input = lists[i][k];
                c.line = spec.layers[i].line;
                c.column = spec.layers[i].column;
                for (const Ref& r : calls[i][k]) c.inputs.push_back(resolve(r, lptr));
                spec.layers[i].calls.push_back(std::move(c));
            }
        }
        for (const char* key : {"input_layers", "output_layers"}) {
            if (!config.contains(key)) throw ParseError(std::string("the Functional config has no \"") + key + "\"", where(ptr));
            const std::string kptr = JsonPositions::child(ptr, key);
            for (const Ref& r : model_tensors(config[key], kptr, key)) {
                (std::string(key) == "input_layers" ? spec.inputs : spec.outputs).push_back(resolve(r, kptr));
            }
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
