// Bindings: model summaries (Keras 2 eras, Keras 3) with the per-layer records the page shows.
#include "wasm/bind_common.hpp"

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_keras2.hpp"
#include "core/summary/summary_keras3.hpp"

namespace padlab_wasm {
namespace {

// Pads are plain integers (negative for crops), or kUnknownPad when they depend on an unknown
// length (-> null).
val pads_to_js(const padlab::LayerSummary& layer) {
    if (!layer.padding) return val::null();
    auto amount = [](padlab::Dim d) {
        return d == padlab::kUnknownPad ? val::null() : val(static_cast<double>(d));
    };
    val a = val::array();
    for (std::size_t i = 0; i < layer.padding->size(); ++i) {
        val pair = val::array();
        pair.set(0, amount((*layer.padding)[i][0]));
        pair.set(1, amount((*layer.padding)[i][1]));
        a.set(i, pair);
    }
    return a;
}

val summary_to_js(const padlab::ModelSummary& m, const std::string& text) {
    val layers = val::array();
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const padlab::LayerSummary& l = m.layers[i];
        val o = val::object();
        o.set("name", l.name);
        o.set("className", l.class_name);
        o.set("inputShape", dims_to_js(l.input_shape));
        o.set("outputShape", dims_to_js(l.output_shape));
        o.set("params", static_cast<double>(l.params));
        o.set("trainableParams", static_cast<double>(l.trainable_params));
        o.set("nonTrainableParams", static_cast<double>(l.non_trainable_params));
        o.set("macs", static_cast<double>(l.macs));
        o.set("padding", pads_to_js(l));
        o.set("line", l.line > 0 ? val(l.line) : val::null());
        layers.set(i, o);
    }
    val r = val::object();
    r.set("text", text);
    r.set("name", m.name);
    r.set("inputShape", dims_to_js(m.input_shape));
    r.set("layers", layers);
    r.set("totalParams", static_cast<double>(m.total_params));
    r.set("trainableParams", static_cast<double>(m.trainable_params));
    r.set("nonTrainableParams", static_cast<double>(m.non_trainable_params));
    r.set("totalMacs", static_cast<double>(m.total_macs));
    return r;
}

// style: "keras2" | "keras3"; era: "A" | "B" | "C" (keras2); line_length (keras3).
val summary(const std::string& source, const std::string& style, const std::string& era, int line_length) {
    return guarded([&] {
        padlab::Keras2Era e = padlab::Keras2Era::A;
        if (era == "B") e = padlab::Keras2Era::B;
        else if (era == "C") e = padlab::Keras2Era::C;
        else if (era != "A") throw padlab::ArgumentError("summary: era must be 'A', 'B' or 'C', got '" + era + "'");
        if (style != "keras2" && style != "keras3") {
            throw padlab::ArgumentError("summary: style must be 'keras2' or 'keras3', got '" + style + "'");
        }
        const padlab::ModelSummary m = padlab::summarize(padlab::import_model(source));
        const std::string text = style == "keras3" ? padlab::summary_keras3(m, line_length)
                                                   : padlab::summary_keras2(m, e);
        return summary_to_js(m, text);
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_summary) {
    emscripten::function("summary", &padlab_wasm::summary);
}
