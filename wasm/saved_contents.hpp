#pragma once
// What padlab_saved.js reads out of a saved file's containers (a .keras archive's entries, an
// HDF5 file's attributes and datasets) -> the core's SavedModel. Shared by the page's bindings
// (bind_saved.cpp: float arrays arrive by heap pointer) and the node CLI
// (cli/node/saved_file_node.cpp: as Float32Arrays from the launcher), so both hand the core
// the same request and the core alone applies Keras's layouts.
#include <optional>
#include <string>
#include <string_view>

#include "core/import/saved/saved_model.hpp"
#include "wasm/bind_common.hpp"

namespace padlab_wasm {

inline std::optional<std::string> optional_string(const val& v) {
    if (v.isNull() || v.isUndefined()) return std::nullopt;
    return v.as<std::string>();
}

// { attributes: [[key, [string, ...]], ...], groups: [path, ...], arrays: [{ path, shape, ... }] }
// as padlab_saved.js collects it from h5wasm -> the core's H5Contents. `read_array(a, array)`
// fills array.data (array.shape already read) from the JS record `a`.
template <class ReadArray>
padlab::H5Contents read_contents(const val& c, ReadArray&& read_array) {
    padlab::H5Contents out;
    const val attributes = c["attributes"];
    const auto n_attributes = attributes["length"].as<unsigned>();
    for (unsigned i = 0; i < n_attributes; ++i) {
        const val entry = attributes[i];
        const val items = entry[1];
        std::vector<std::string>& values = out.attributes[entry[0].as<std::string>()];
        const auto n = items["length"].as<unsigned>();
        for (unsigned k = 0; k < n; ++k) values.push_back(items[k].as<std::string>());
    }
    const val groups = c["groups"];
    const auto n_groups = groups["length"].as<unsigned>();
    for (unsigned i = 0; i < n_groups; ++i) out.groups.push_back(groups[i].as<std::string>());
    const val arrays = c["arrays"];
    const auto n_arrays = arrays["length"].as<unsigned>();
    out.arrays.reserve(n_arrays);
    for (unsigned i = 0; i < n_arrays; ++i) {
        const val a = arrays[i];
        padlab::H5Array array;
        array.path = a["path"].as<std::string>();
        array.shape = read_shape(a["shape"], "an HDF5 dataset's shape");
        read_array(a, array);
        out.arrays.push_back(std::move(array));
    }
    return out;
}

// request: { format: 'keras', config, metadata | null, weights: contents | null }
//        | { format: 'h5', contents, withWeights }
// (padlab_saved.js openContainer) -> the core's reading of it; nullopt for another format.
template <class ReadArray>
std::optional<padlab::SavedModel> container_model(const val& request, ReadArray&& read_array) {
    const std::string format = request["format"].as<std::string>();
    if (format == "keras") {
        const std::string config = request["config"].as<std::string>();
        const std::optional<std::string> metadata = optional_string(request["metadata"]);
        const val weights = request["weights"];
        std::optional<padlab::H5Contents> contents;
        if (!weights.isNull() && !weights.isUndefined()) contents = read_contents(weights, read_array);
        return padlab::keras_archive_model(config, metadata ? std::optional<std::string_view>(*metadata) : std::nullopt,
                                           contents ? &*contents : nullptr);
    }
    if (format == "h5") {
        const padlab::H5Contents contents = read_contents(request["contents"], read_array);
        return padlab::legacy_h5_model(contents, request["withWeights"].as<bool>());
    }
    return std::nullopt;
}

}  // namespace padlab_wasm
