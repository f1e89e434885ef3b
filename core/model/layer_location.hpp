#pragma once
// Internal to summarize() (model.cpp, graph.cpp): a layer's given name, and running a layer's
// inference so that every error it raises names that layer and its line.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/model_spec.hpp"

namespace padlab::model_detail {

// The name a config gives, or "" for auto-naming. A non-string name is an error.
inline std::string given_name(const LayerSpec& spec) {
    if (!spec.config.is_object()) return "";
    const auto it = spec.config.find("name");
    if (it == spec.config.end() || it->is_null()) return "";
    if (!it->is_string()) {
        throw ArgumentError("The `name` of a " + spec.class_name + " layer must be a string. Received: name=" +
                                layers::python_repr(*it),
                            {"", spec.line, spec.column});
    }
    return it->get<std::string>();
}

// The classes of the layers a wrapper's config holds ("layer", "backward_layer": Bidirectional,
// TimeDistributed) that have no name of their own, innermost first, in the order Python creates
// them. Keras auto-names a layer when it is constructed, so in `Bidirectional(LSTM(8))` the
// inner layer takes "lstm" (and a later LSTM is "lstm_1") before the wrapper is named; graph
// naming (graph.cpp) advances its counters for these (a Python Sequential's names come from
// the importer's whole-script counters, which count the wrapped layer objects themselves).
// Configs from JSON always carry names.
inline void unnamed_wrapped_classes(const nlohmann::json& config, std::vector<std::string>& out, int depth = 0) {
    if (!config.is_object() || depth > 8) return;
    for (const char* key : {"layer", "backward_layer"}) {
        const auto it = config.find(key);
        if (it == config.end() || !it->is_object()) continue;
        const auto cls = it->find("class_name");
        const auto inner = it->find("config");
        if (cls == it->end() || !cls->is_string()) continue;
        const nlohmann::json empty = nlohmann::json::object();
        const nlohmann::json& c = inner != it->end() && inner->is_object() ? *inner : empty;
        unnamed_wrapped_classes(c, out, depth + 1);
        const auto name = c.find("name");
        if (name == c.end() || !name->is_string()) out.push_back(cls->get<std::string>());
    }
}

// Runs `f`, converting any escaping nlohmann exception (a bug: config_args should have caught
// it) into an ArgumentError, and locating every padlab::Error at the layer.
template <typename F>
auto located(const Location& loc, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (Error& e) {
        e.locate(loc);
        throw;
    } catch (const nlohmann::json::exception& e) {
        throw ArgumentError(std::string("Invalid layer config: ") + e.what(), loc);
    }
}

}  // namespace padlab::model_detail
