#pragma once
// Machine-readable summary:
// {"name","input_shape","layers":[{"name","class_name","input_shape","output_shape":[null,26,26,32],
//   "params","trainable_params","non_trainable_params","macs","padding":[[b,a],...]|null,
//   "line":N|null}],"total_params","trainable_params","non_trainable_params","total_macs"}
#include <nlohmann/json.hpp>

#include "core/model/model.hpp"

namespace padlab {

nlohmann::json summary_json(const ModelSummary& model);

}  // namespace padlab
