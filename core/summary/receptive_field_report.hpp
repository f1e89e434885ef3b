#pragma once
// The receptive-field analysis (core/model/receptive_field.hpp) as PadLab reports it: a JSON
// record per layer, and a text table printed after Keras's summary (which stays byte-exact).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/model.hpp"
#include "core/model/receptive_field.hpp"

namespace padlab {

// {"size":[r...],"stride":[S...],"padding":[P...],"aligned":true,"border_affected":[n...],
//  "border_before":[n...],"border_fraction":f,"unread":[n...],"unread_end":[n...],
//  "extra_cell":["after"|null...]}, axes in the input's order; null for a layer without a
// field (Flatten, global pooling, Dense on rank 2, ...).
nlohmann::json receptive_field_json(const LayerField& field);

// Adds "receptive_field" to every layer record of summary_json(model) (`records`, in the same order).
void add_receptive_fields(nlohmann::json& records, const std::vector<LayerField>& fields);

// "Receptive fields ..." table: one row per layer with a field: RF, jump, padding (per axis,
// joined by "x"), the share of border-affected outputs, unread input positions.
std::string receptive_field_text(const ModelSummary& model, const std::vector<LayerField>& fields);

}  // namespace padlab
