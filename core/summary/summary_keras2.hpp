#pragma once
// Keras 2 print_summary text for Sequential models.
#include <string>

#include "core/model/model.hpp"

namespace padlab {

enum class Keras2Era {
    A,  // standalone Keras 2.2.5+ / tf.keras <= 2.8: 65 columns, '_' rules (the seed blog's format)
    B,  // tf.keras 2.9-2.12: leading space, blank 65-space separators
    C,  // tf.keras 2.13-2.15: as B, totals without separators plus memory "(60.86 MB)"
};

std::string summary_keras2(const ModelSummary& model, Keras2Era era = Keras2Era::A);

}  // namespace padlab
