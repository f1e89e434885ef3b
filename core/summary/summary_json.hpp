#pragma once
// The machine-readable records PadLab reports, as JSON: a model summary, or the error that
// stopped one. The one serialiser of each: `padlab summary --json` prints them, and the wasm
// bindings hand the same records to JavaScript (with camelCase keys, wasm/bind_common.hpp).
#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/model/model.hpp"

namespace padlab {

// {"name","graph":false,"input_shape","layers":[{"name","class_name","input_shape",
//   "output_shape":[null,26,26,32],"params","trainable_params","non_trainable_params","macs",
//   "padding":[[b,a],...]|null,"line":N|null}],"total_params","trainable_params",
//   "non_trainable_params","total_macs"}
// A graph (Functional) model has "graph":true, its InputLayer rows ("is_input":true) and, on
// every layer, "is_input" and "connected_to":["conv2d[0][0]", ...] (Keras 2 names, every call's
// inputs in node order). A layer with several outputs has "output_shape":[[null,64],[null,64]].
nlohmann::json summary_json(const ModelSummary& model);

// {"kind","message","layer":s|null,"line":N|null,"column":N|null,"where":"line 3, layer 'x'"|null}:
// message without the location, `where` its text (where_text), unknown parts null.
nlohmann::json error_json(const ErrorRecord& record);

}  // namespace padlab
