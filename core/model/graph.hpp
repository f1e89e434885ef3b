#pragma once
// summarize() of a graph (Functional) model; model.hpp documents what it gives.
#include "core/model/model.hpp"

namespace padlab {

ModelSummary summarize_graph(const ModelSpec& spec);

// A model used as a layer, as Keras builds it on the shape it is first called on: a nested
// Sequential with no input shape of its own takes `incoming` (batch included).
ModelSpec nested_on_input(const ModelSpec& nested, const Shape& incoming);

}  // namespace padlab
