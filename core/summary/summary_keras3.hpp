#pragma once
// Keras 3 summary (keras/src/utils/summary_utils.py): the rich box-drawn table, 3 columns for
// Sequential and sequential-like models, 4 ("Connected to") for other Functional models.
#include <string>

#include "core/model/model.hpp"
#include "core/summary/summary_options.hpp"

namespace padlab {

// Keras 3's summary of `model`: names are the Keras 3 ones (name_keras3 where set), InputLayer
// rows print their tuple shape and "-" connections. Width: options.line_length, else
// min(88 / 108, console_width - 4) (76 in notebooks and CI); show_trainable, expand_nested,
// layer_range and the release's default positions as SummaryOptions says. ArgumentError
// "Insufficient console width to print summary." when a column would be narrower than 4.
std::string summary_keras3(const ModelSummary& model, const SummaryOptions& options);

// The same with an explicit width and every other option at its default (76: notebooks and CI).
std::string summary_keras3(const ModelSummary& model, int line_length = 76);

}  // namespace padlab
