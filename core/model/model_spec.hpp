#pragma once
// What an importer produces: a Sequential model as a list of layer configs in Keras's own
// get_config() vocabulary (Keras 2 keys: "batch_input_shape", "kernel_size", "padding"...).
// Every importer (Keras 2/3 JSON, TF.js model.json, Python source) lowers to this, so the
// layer semantics live in one place (layers/), not in each importer.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace padlab {

struct LayerSpec {
    std::string class_name;   // canonical Keras class ("Conv2D"); aliases resolved by the registry
    nlohmann::json config;    // Keras config object; "name" optional (auto-named when absent)
    int line = 0;             // 1-based source line the layer came from (0 = unknown)
    int column = 0;
};

struct ModelSpec {
    std::string name;               // empty = auto ("sequential")
    std::vector<LayerSpec> layers;  // may start with an InputLayer
    std::string format;             // "keras2-json" | "keras3-json" | "tfjs-json" | "python"
};

}  // namespace padlab
