#pragma once
// summarize() of a graph (Functional) model; model.hpp documents what it gives.
#include "core/model/model.hpp"

namespace padlab {

ModelSummary summarize_graph(const ModelSpec& spec);

// A model used as a layer, as Keras builds it on the shape it is first called on: a nested
// Sequential with no input shape of its own takes `incoming` (batch included).
ModelSpec nested_on_input(const ModelSpec& nested, const Shape& incoming);

// Keras 2 numbers a nested model's calls after the node it was built with: a Functional model,
// or a Sequential that knows its input shape, starts with a node linking its own input to its
// output, so its first call from outside is node 1, in summaries and in saved configs alike
// (tf_keras/engine/functional.py `_should_skip_first_node`; TF.js does the same). Keras 3 has
// no such node (a Functional only records the calls made on it), so there it is node 0.
// PadLab's TensorRef::node counts a layer's own calls from 0; this is what Keras 2 adds to it.
int keras2_node_offset(const LayerSpec& layer);

}  // namespace padlab
