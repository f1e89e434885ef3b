#pragma once
// Keras 3 summary (rich box-drawn table), default 76 columns as printed in notebooks/CI.
#include <string>

#include "core/model/model.hpp"

namespace padlab {

std::string summary_keras3(const ModelSummary& model, int line_length = 76);

}  // namespace padlab
