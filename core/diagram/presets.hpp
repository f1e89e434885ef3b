#pragma once
// Named diagrams, kept as data: each is named after the case it shows ("causal_time_series",
// "same_28x28") so the page, the CLI (`padlab diagram --preset NAME`) and the docs can point
// at the same picture.
#include <string_view>
#include <vector>

#include "core/diagram/diagram.hpp"

namespace padlab {

struct DiagramPreset {
    std::string_view name;     // snake_case, stable: used in URLs and on the command line
    std::string_view summary;  // one sentence: what the picture teaches
    DiagramSpec spec;          // spec.label is the diagram's title (the Keras call it models)
};

// Every preset, in the order a reader would meet them.
const std::vector<DiagramPreset>& diagram_presets();

// The preset called `name`; ArgumentError listing the known names otherwise.
const DiagramPreset& find_diagram_preset(std::string_view name);

}  // namespace padlab
