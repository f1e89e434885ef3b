// Bindings: diagram geometry and the core's SVG, presets (bind_diagram_functions.hpp, shared
// with the diagram-only module), and a model layer's diagram spec (the full engine only: it
// needs the importers).
#include "wasm/bind_diagram_functions.hpp"

#include "core/diagram/layer_diagram.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"

namespace padlab_wasm {
namespace {

// The diagram spec of the layer called `name` in a model source (any format summary takes).
val layer_diagram_spec(const std::string& source, const std::string& name) {
    return guarded([&] {
        const padlab::ModelSpec spec = padlab::import_model(source);
        const padlab::ModelSummary summary = padlab::summarize(spec);
        return diagram_spec_to_js(padlab::model_layer_diagram_spec(spec, summary, name));
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_diagram) {
    PADLAB_REGISTER_DIAGRAM_FUNCTIONS();
    emscripten::function("layerDiagramSpec", &padlab_wasm::layer_diagram_spec);
}
