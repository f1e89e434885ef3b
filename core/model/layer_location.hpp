#pragma once
// Internal to summarize() (model.cpp, graph.cpp): a layer's given name, and running a layer's
// inference so that every error it raises names that layer and its line.
#include <string>

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
