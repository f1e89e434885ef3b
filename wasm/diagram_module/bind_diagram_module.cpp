// The diagram-only module (padlab_diagram.wasm): what <padlab-diagram> and embed.html need --
// diagram geometry, the core's SVG, the presets -- and nothing of the importers, summaries or
// kernels, so a page with one diagram downloads a fraction of the engine.
#include "wasm/bind_diagram_functions.hpp"

EMSCRIPTEN_BINDINGS(padlab_diagram_module) {
    PADLAB_REGISTER_DIAGRAM_FUNCTIONS();
    emscripten::function("version", &padlab_wasm::version);
}
