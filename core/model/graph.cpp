// summarize() for graph (Functional) models: the layer-call graph of a ModelSpec inferred call
// by call, ordered and checked as Keras's Functional model does it
// (keras/engine/functional.py `_map_graph_network` in tf.keras 2.x; keras/src/ops/function.py
// `map_graph` in Keras 3, the same depth-first walk from the outputs).
#include "core/model/graph.hpp"
#include "core/model/layer_location.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_registry.hpp"

namespace padlab {

namespace {

using Node = std::pair<int, int>;  // (layer index, node index)

bool is_model_class(const std::string& cls) { return cls == "Sequential" || cls == "Functional" || cls == "Model"; }

using model_detail::located;
const auto config_name = model_detail::given_name;

// The tensor as Keras 2's KerasTensor.__str__ prints an Input's tensor in "Graph disconnected".
std::string input_tensor_text(const std::string& name, const Shape& shape) {
    return "KerasTensor(type_spec=TensorSpec(shape=" + shape_to_python(shape) + ", dtype=tf.float32, name='" + name +
           "'), name='" + name + "', description=\"created by layer '" + name + "'\")";
}

class GraphSummarizer {
public:
    explicit GraphSummarizer(const ModelSpec& spec) : spec_(spec), n_(spec.layers.size()) {}

    ModelSummary run() {
        if (spec_.outputs.empty()) {
            throw ArgumentError("A functional model needs outputs: keras.Model(inputs=..., outputs=...).");
        }
        resolve_types();
        name_layers();
        check_refs();
        infer_all();
        map_graph();
        return rows();
    }

private:
    Location where(std::size_t i) const { return {names_[i], spec_.layers[i].line, spec_.layers[i].column}; }
    Location where_call(std::size_t i, const LayerCall& c) const {
        return {names_[i], c.line ? c.line : spec_.layers[i].line, c.line ? c.column : spec_.layers[i].column};
    }
    bool is_input(std::size_t i) const { return types_[i] && types_[i]->class_name == "InputLayer"; }

    void resolve_types() {
        types_.assign(n_, nullptr);
        for (std::size_t i = 0; i < n_; ++i) {
            const LayerSpec& l = spec_.layers[i];
            if (is_model_class(l.class_name)) {
                if (!l.nested) {
                    throw UnsupportedError("A nested " + l.class_name + " layer needs its model config",
                                           {config_name(l), l.line, l.column});
                }
                continue;
            }
            types_[i] = find_layer_type(l.class_name);
            if (!types_[i]) throw_unknown_layer_class(l.class_name, {config_name(l), l.line, l.column});
        }
    }

    // Given names, else Keras's auto names in creation order (Keras 2: input_1, input_2, ... for
    // inputs; conv2d, conv2d_1, ... per class; Keras 3 names inputs input_layer, input_layer_1).
    // An operation (LayerSpec::operation) takes Keras 3's class counter ("add": operations and
    // layers share naming.auto_name's counters) and, in Keras 2, its TFOpLambda name's own
    // ("tf.__operators__.add", "tf.__operators__.add_1"), so the two eras count apart.
    void name_layers() {
        names_.resize(n_);
        names3_.resize(n_);
        std::map<std::string, int> counters2, counters3;
        const auto take = [](std::map<std::string, int>& counters, const std::string& prefix) {
            int& c = counters[prefix];
            const std::string name = c == 0 ? prefix : prefix + "_" + std::to_string(c);
            ++c;
            return name;
        };
        int inputs = 0;
        for (std::size_t i = 0; i < n_; ++i) {
            const LayerSpec& l = spec_.layers[i];
            std::vector<std::string> wrapped;  // Bidirectional(LSTM(8)): "lstm" is taken first
            model_detail::unnamed_wrapped_classes(l.config, wrapped);
            for (const std::string& cls : wrapped) {
                const LayerType* t = find_layer_type(cls);
                const std::string prefix = keras_snake_case(t ? t->class_name : std::string_view(cls));
                ++counters2[prefix];
                ++counters3[prefix];
            }
            std::string name = config_name(l);
            if (!name.empty()) {
                names_[i] = names3_[i] = name;
                continue;
            }
            if (is_input(i)) {
                ++inputs;
                names_[i] = "input_" + std::to_string(inputs);
                names3_[i] = inputs == 1 ? "input_layer" : "input_layer_" + std::to_string(inputs - 1);
                continue;
            }
            const std::string prefix = l.nested ? (l.class_name == "Sequential" ? "sequential" : "model")
                                                : keras_snake_case(keras_class_name(*types_[i]));
            if (!l.operation.empty()) {
                names_[i] = take(counters2, l.operation);
                names3_[i] = take(counters3, prefix);
                continue;
            }
            names_[i] = take(counters2, prefix);
            names3_[i] = take(counters3, prefix);
            if (l.nested && prefix == "model") {
                const int c = counters3[prefix];
                names3_[i] = c == 1 ? "functional" : "functional_" + std::to_string(c - 1);
            }
        }
    }

    std::string tensor_text(const TensorRef& t) const {
        return names_[static_cast<std::size_t>(t.layer)] + "[" + std::to_string(t.node) + "][" + std::to_string(t.tensor) + "]";
    }

    void check_ref(const TensorRef& t, const Location& loc) const {
        if (t.layer < 0 || static_cast<std::size_t>(t.layer) >= n_) {
            throw ArgumentError("A connection names a layer that is not in the model (index " + std::to_string(t.layer) + ")", loc);
        }
        const std::size_t j = static_cast<std::size_t>(t.layer);
        const std::size_t nodes = is_input(j) ? 1 : spec_.layers[j].calls.size();
        if (t.node < 0 || static_cast<std::size_t>(t.node) >= nodes) {
            throw ArgumentError("The connection " + tensor_text(t) + " names call " + std::to_string(t.node) + " of layer '" +
                                    names_[j] + "', which has " + std::to_string(nodes) + (nodes == 1 ? " call" : " calls"),
                                loc);
        }
        if (t.tensor < 0) throw ArgumentError("The connection " + tensor_text(t) + " has a negative tensor index", loc);
    }

    void check_refs() {
        for (std::size_t i = 0; i < n_; ++i) {
            const LayerSpec& l = spec_.layers[i];
            if (is_input(i) && !l.calls.empty()) throw ArgumentError("An InputLayer cannot be called on a tensor", where(i));
            if (!is_input(i) && l.calls.empty()) continue;  // a layer that is never called is not part of the graph
            for (const LayerCall& c : l.calls)
                for (const TensorRef& t : c.inputs) check_ref(t, where_call(i, c));
        }
        for (const TensorRef& t : spec_.inputs) {
            check_ref(t, {});
            if (!is_input(static_cast<std::size_t>(t.layer))) {
                throw ArgumentError("Model inputs must come from `keras.Input` (thus holding past layer metadata). "
                                    "Received: " + names_[static_cast<std::size_t>(t.layer)],
                                    where(static_cast<std::size_t>(t.layer)));
            }
        }
        for (const TensorRef& t : spec_.outputs) check_ref(t, {});
        // Keras: 'The name "x" is used 2 times in the model. All layer names should be unique.'
        std::map<std::string, int> count;
        for (const std::string& name : names_) ++count[name];
        for (std::size_t i = 0; i < n_; ++i) {
            if (count[names_[i]] > 1) {
                throw ArgumentError("The name \"" + names_[i] + "\" is used " + std::to_string(count[names_[i]]) +
                                        " times in the model. All layer names should be unique.",
                                    where(i));
            }
        }
    }

    // The shapes of every call, in dependency order (a call waits for the calls it reads).
    void infer_all() {
        outputs_.assign(n_, {});
        results_.assign(n_, {});
        nested_.assign(n_, nullptr);
        for (std::size_t i = 0; i < n_; ++i) {
            const std::size_t nodes = is_input(i) ? 1 : spec_.layers[i].calls.size();
            outputs_[i].resize(nodes);
            results_[i].resize(nodes);
        }
        std::size_t pending = 0;
        for (std::size_t i = 0; i < n_; ++i) pending += outputs_[i].size();
        while (pending > 0) {
            std::size_t progress = 0;
            for (std::size_t i = 0; i < n_; ++i) {
                for (std::size_t k = 0; k < outputs_[i].size(); ++k) {
                    if (!outputs_[i][k].empty()) continue;
                    if (!ready(i, k)) continue;
                    infer_node(i, k);
                    ++progress;
                    --pending;
                }
            }
            if (progress == 0) {
                // Only a cycle can stop every remaining call (refs were checked).
                for (std::size_t i = 0; i < n_; ++i)
                    for (std::size_t k = 0; k < outputs_[i].size(); ++k)
                        if (outputs_[i][k].empty()) throw ArgumentError("The layer graph has a cycle through this layer", where(i));
            }
        }
    }

    bool ready(std::size_t i, std::size_t k) const {
        if (is_input(i)) return true;
        for (const TensorRef& t : spec_.layers[i].calls[k].inputs)
            if (outputs_[static_cast<std::size_t>(t.layer)][static_cast<std::size_t>(t.node)].empty()) return false;
        return true;
    }

    const Shape& tensor_shape(const TensorRef& t, const Location& loc) const {
        const auto& outs = outputs_[static_cast<std::size_t>(t.layer)][static_cast<std::size_t>(t.node)];
        if (static_cast<std::size_t>(t.tensor) >= outs.size()) {
            throw ArgumentError("The connection " + tensor_text(t) + " names output " + std::to_string(t.tensor) + " of a call with " +
                                    std::to_string(outs.size()) + (outs.size() == 1 ? " output" : " outputs"),
                                loc);
        }
        return outs[static_cast<std::size_t>(t.tensor)];
    }

    void infer_node(std::size_t i, std::size_t k) {
        const LayerSpec& l = spec_.layers[i];
        nlohmann::json config = l.config.is_null() ? nlohmann::json::object() : l.config;
        if (config.is_object()) config["name"] = names_[i];
        if (is_input(i)) {
            const Location loc = where(i);
            results_[i][k] = located(loc, [&] { return types_[i]->infer(config, {}); });
            outputs_[i][k] = {results_[i][k].output_shape};
            return;
        }
        const LayerCall& call = l.calls[k];
        const Location loc = where_call(i, call);
        std::vector<Shape> in;
        for (const TensorRef& t : call.inputs) in.push_back(tensor_shape(t, loc));
        if (l.nested) {
            if (!nested_[i]) nested_[i] = std::make_shared<ModelSummary>(located(loc, [&] { return summarize(nested_on_input(*l.nested, in.at(0))); }));
            const ModelSummary& m = *nested_[i];
            LayerResult r;
            r.output_shape = m.output_shapes.empty() ? Shape{} : m.output_shapes[0];
            r.trainable_params = m.trainable_params;
            r.non_trainable_params = m.non_trainable_params;
            r.macs = m.total_macs;
            results_[i][k] = r;
            outputs_[i][k] = m.output_shapes;
            return;
        }
        const LayerType& type = *types_[i];
        LayerResult r;
        // Saved JSON cannot tell `Add()([x])` from `Add()(x)`: a merge layer there always took a list.
        const bool list = call.list_input || (type.infer_list && spec_.format != "python");
        if (list && type.infer_list) {
            r = located(loc, [&] { return type.infer_list(config, in); });
        } else if (in.size() != 1) {
            throw ArgumentError("Layer '" + names_[i] + "' (" + std::string(type.class_name) + ") expects 1 input, but it received " +
                                    std::to_string(in.size()) + " input tensors",
                                loc);
        } else {
            r = located(loc, [&] { return type.infer(config, in[0]); });
        }
        results_[i][k] = r;
        outputs_[i][k] = r.output_shapes.empty() ? std::vector<Shape>{r.output_shape} : r.output_shapes;
    }

    std::vector<TensorRef> node_inputs(const Node& nd) const {
        if (is_input(static_cast<std::size_t>(nd.first))) return {};
        return spec_.layers[static_cast<std::size_t>(nd.first)].calls[static_cast<std::size_t>(nd.second)].inputs;
    }

    // Keras's _map_graph_network: a depth-first walk from the outputs orders the nodes
    // (inputs first) and gives each layer its first-visit index; depths count the longest path
    // to an output; model.layers is sorted by depth (deepest first), then by first visit.
    void map_graph() {
        std::set<Node> finished, in_progress;
        std::map<int, int> layer_index;
        std::vector<Node> order;  // nodes, inputs first
        std::vector<std::pair<Node, std::size_t>> stack;
        for (const TensorRef& out : spec_.outputs) {
            const Node root{out.layer, out.node};
            if (finished.count(root)) continue;
            // Iterative DFS (a 10,000-layer chain must not overflow the stack).
            stack.push_back({root, 0});
            while (!stack.empty()) {
                auto& [nd, next] = stack.back();
                if (next == 0) {
                    if (finished.count(nd)) {
                        stack.pop_back();
                        continue;
                    }
                    layer_index.emplace(nd.first, static_cast<int>(layer_index.size()));
                    in_progress.insert(nd);
                }
                const std::vector<TensorRef> ins = node_inputs(nd);
                if (next < ins.size()) {
                    const Node parent{ins[next].layer, ins[next].node};
                    ++next;
                    if (!finished.count(parent)) stack.push_back({parent, 0});
                    continue;
                }
                in_progress.erase(nd);
                finished.insert(nd);
                order.push_back(nd);
                stack.pop_back();
            }
        }
        std::map<Node, int> node_depth;
        std::vector<Node> depth_order;  // insertion order of node_depth, as Python's dict keeps it
        auto set_depth = [&](const Node& nd, int d) {
            auto it = node_depth.find(nd);
            if (it == node_depth.end()) {
                node_depth.emplace(nd, d);
                depth_order.push_back(nd);
            } else {
                it->second = d;
            }
        };
        std::map<int, int> layer_depth;
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const Node& nd = *it;
            int depth = node_depth.count(nd) ? node_depth[nd] : 0;
            depth = std::max(depth, layer_depth.count(nd.first) ? layer_depth[nd.first] : 0);
            layer_depth[nd.first] = depth;
            set_depth(nd, depth);
            for (const TensorRef& t : node_inputs(nd)) {
                const Node parent{t.layer, t.node};
                set_depth(parent, std::max(depth + 1, node_depth.count(parent) ? node_depth[parent] : 0));
            }
        }
        // Declared inputs that no output needs: depth 0, first-visit index -1.
        for (const TensorRef& t : spec_.inputs) {
            if (!layer_depth.count(t.layer)) {
                layer_depth[t.layer] = 0;
                layer_index[t.layer] = -1;
                set_depth({t.layer, 0}, 0);
            }
        }
        int max_depth = 0;
        for (const auto& [nd, d] : node_depth) max_depth = std::max(max_depth, d);
        // Keras checks, deepest first, that every call reads only computable tensors.
        std::set<Node> computable;
        for (const TensorRef& t : spec_.inputs) computable.insert({t.layer, t.node});
        std::vector<std::string> complete;
        for (int d = max_depth; d >= 0; --d) {
            for (const Node& nd : depth_order) {
                if (node_depth[nd] != d || is_input(static_cast<std::size_t>(nd.first))) continue;
                for (const TensorRef& t : node_inputs(nd)) {
                    if (computable.count({t.layer, t.node})) continue;
                    const std::size_t j = static_cast<std::size_t>(t.layer);
                    const std::string tensor = is_input(j) ? input_tensor_text(names_[j], outputs_[j][0][0]) : tensor_text(t);
                    std::string done = "[";
                    for (std::size_t c = 0; c < complete.size(); ++c) done += (c ? ", '" : "'") + complete[c] + "'";
                    throw ArgumentError("Graph disconnected: cannot obtain value for tensor " + tensor + " at layer \"" +
                                            names_[static_cast<std::size_t>(nd.first)] +
                                            "\". The following previous layers were accessed without issue: " + done + "]",
                                        where(static_cast<std::size_t>(nd.first)));
                }
                computable.insert(nd);
                complete.push_back(names_[static_cast<std::size_t>(nd.first)]);
            }
        }
        // model.layers: by depth, deepest first, then first visit.
        for (const auto& [layer, depth] : layer_depth) order_.push_back(layer);
        std::sort(order_.begin(), order_.end(), [&](int a, int b) {
            if (layer_depth[a] != layer_depth[b]) return layer_depth[a] > layer_depth[b];
            return layer_index[a] < layer_index[b];
        });
        for (const auto& [nd, d] : node_depth) network_.insert(nd);
        // Keras prints a plain chain in the Sequential layout (layer_utils.print_summary).
        std::map<int, int> per_depth;
        for (const auto& [nd, d] : node_depth) ++per_depth[d];
        sequential_like_ = true;
        for (const auto& [d, count] : per_depth) sequential_like_ = sequential_like_ && count == 1;
        for (const Node& nd : network_) sequential_like_ = sequential_like_ && node_inputs(nd).size() <= 1;
        std::map<int, int> nodes_of_layer;
        for (const Node& nd : network_) ++nodes_of_layer[nd.first];
        for (const auto& [layer, count] : nodes_of_layer) sequential_like_ = sequential_like_ && count == 1;
    }

    ModelSummary rows() {
        ModelSummary m;
        m.graph = true;
        m.sequential_like = sequential_like_;
        m.name = spec_.name.empty() ? "model" : spec_.name;
        m.name_keras3 = spec_.name.empty() ? "functional" : "";
        std::map<int, int> row_of;
        for (std::size_t r = 0; r < order_.size(); ++r) row_of[order_[r]] = static_cast<int>(r);
        for (int li : order_) {
            const std::size_t i = static_cast<std::size_t>(li);
            const LayerSpec& l = spec_.layers[i];
            const Location loc = where(i);
            LayerSummary row;
            row.name = names_[i];
            if (names3_[i] != names_[i]) row.name_keras3 = names3_[i];
            row.class_name = l.nested ? (l.class_name == "Sequential" ? "Sequential" : "Functional") : std::string(keras_class_name(*types_[i]));
            row.line = l.line;
            row.is_input = is_input(i);
            row.spec_index = li;
            row.operation = !l.operation.empty();
            // Parameters belong to the layer (built once); MACs to each call in this model.
            const LayerResult& first = results_[i][0];
            row.output_shape = outputs_[i][0].empty() ? Shape{} : outputs_[i][0][0];
            if (outputs_[i][0].size() > 1) row.output_shapes = outputs_[i][0];
            for (std::size_t k = 1; k < outputs_[i].size(); ++k) row.multiple_shapes = row.multiple_shapes || outputs_[i][k] != outputs_[i][0];
            if (row.multiple_shapes) {  // Keras 3 prints the last call's shapes (Keras 2 prints "multiple")
                const auto& last = outputs_[i].back();
                row.output_shape = last.empty() ? Shape{} : last[0];
                row.output_shapes = last.size() > 1 ? last : std::vector<Shape>{};
            }
            row.nested = nested_[i];
            row.node_offset_keras2 = keras2_node_offset(l);
            row.input_shape = row.is_input ? Shape{} : tensor_shape(l.calls[0].inputs.at(0), loc);
            row.trainable_params = first.trainable_params;
            row.non_trainable_params = first.non_trainable_params;
            const auto tr = l.config.is_object() ? l.config.find("trainable") : l.config.end();
            if (l.config.is_object() && tr != l.config.end() && tr->is_boolean() && !tr->get<bool>()) {
                row.non_trainable_params += row.trainable_params;
                row.trainable_params = 0;
                row.trainable = false;
            }
            row.padding = first.padding;
            located(loc, [&] {
                row.params = layers::checked_add(row.trainable_params, row.non_trainable_params, "the parameter count");
                for (std::size_t k = 0; k < results_[i].size(); ++k)
                    if (network_.count({li, static_cast<int>(k)}))
                        row.macs = layers::checked_add(row.macs, results_[i][k].macs, "the MAC count");
                m.trainable_params = layers::checked_add(m.trainable_params, row.trainable_params, "the model's trainable parameter count");
                m.non_trainable_params =
                    layers::checked_add(m.non_trainable_params, row.non_trainable_params, "the model's non-trainable parameter count");
                m.total_params = layers::checked_add(m.total_params, row.params, "the model's parameter count");
                m.total_macs = layers::checked_add(m.total_macs, row.macs, "the model's MAC count");
            });
            if (!row.is_input) {
                for (std::size_t k = 0; k < l.calls.size(); ++k) {
                    if (!network_.count({li, static_cast<int>(k)})) continue;  // a call made for another model
                    for (const TensorRef& t : l.calls[k].inputs) row.connected_to.push_back({row_of.at(t.layer), t.node, t.tensor});
                }
            }
            m.layers.push_back(std::move(row));
        }
        if (!spec_.inputs.empty()) {
            const TensorRef& in = spec_.inputs[0];
            m.input_shape = outputs_[static_cast<std::size_t>(in.layer)][0][0];
        }
        for (const TensorRef& out : spec_.outputs) m.output_shapes.push_back(tensor_shape(out, {}));
        return m;
    }

    const ModelSpec& spec_;
    std::size_t n_;
    std::vector<const LayerType*> types_;
    std::vector<std::string> names_, names3_;
    std::vector<std::vector<std::vector<Shape>>> outputs_;  // [layer][node] -> output shapes
    std::vector<std::vector<LayerResult>> results_;         // [layer][node]
    std::vector<std::shared_ptr<ModelSummary>> nested_;
    std::vector<int> order_;                                // model.layers, as layer indices
    std::set<Node> network_;                                // the calls this model is made of
    bool sequential_like_ = true;
};

}  // namespace

ModelSummary summarize_graph(const ModelSpec& spec) { return GraphSummarizer(spec).run(); }

int keras2_node_offset(const LayerSpec& layer) {
    if (!layer.nested) return 0;
    const ModelSpec& m = *layer.nested;
    if (m.graph) return 1;
    if (m.layers.empty()) return 0;
    const LayerSpec& first = m.layers[0];
    if (first.class_name == "InputLayer" || first.class_name == "Input") return 1;
    const auto& c = first.config;
    const bool shaped = c.is_object() && (c.contains("batch_input_shape") || c.contains("batch_shape") ||
                                          c.contains("input_shape") || c.contains("input_dim"));
    return shaped ? 1 : 0;
}

}  // namespace padlab
