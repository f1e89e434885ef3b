#pragma once
// summarize() of a graph (Functional) model; model.hpp documents what it gives.
#include "core/model/model.hpp"

namespace padlab {

ModelSummary summarize_graph(const ModelSpec& spec);

}  // namespace padlab
