#pragma once
// Keras 2 print_summary text (keras/utils/layer_utils.py; tf-keras tf_keras/utils/layer_utils.py):
// Sequential models and sequential-like graphs in the 65-column layout, other graph
// (Functional) models in the 98-column layout with the "Connected to" column.
#include <string>

#include "core/model/model.hpp"
#include "core/summary/summary_options.hpp"

namespace padlab {

// The three layouts of Keras 2's print_summary, by the release that introduced them. Era B
// starts at keras 2.7.0 (commit 30952af776, "two space to split columns and break on
// conditions"; v2.6.0 still truncates), not 2.9 as this comment once said.
enum class Keras2Era {
    A,  // standalone Keras 2.2.5-2.3.1 / tf.keras <= 2.6: '_' rules, fields truncated at the
        // column positions, one connection per line (the seed blog's format)
    B,  // keras 2.7-2.12: leading space, fields wrapped, blank separator lines, connections as
        // a Python list ['img[0][0]']
    C,  // keras 2.13-2.15 and tf-keras: as B, one char narrower cutoffs, graph positions
        // [0.3, 0.6, 0.7, 1], totals without separators plus memory "(60.86 MB)"
};

// Keras 2's summary of `model` as `era` prints it. A graph (model.graph) that is not
// sequential_like gets the "Connected to" layout (98 wide; rows include the InputLayers, shown
// as lists "[(None, 32, 32, 3)]" as tf.keras prints them); a sequential-like graph prints in the
// Sequential layout with its InputLayer row. Names are the Keras 2 ones (LayerSummary::name).
// Options (summary_options.hpp): line_length in every era; show_trainable, expand_nested and
// layer_range from era B on -- era A's summary() has no such arguments, so asking for them
// there is an ArgumentError. A line_length too narrow for Keras's row loop to finish (Keras
// would never return) is an ArgumentError as well.
std::string summary_keras2(const ModelSummary& model, Keras2Era era = Keras2Era::A,
                           const SummaryOptions& options = {});

}  // namespace padlab
