// Bindings: model summaries (Keras 2 eras, Keras 3) with the per-layer records the page shows.
#include "wasm/bind_common.hpp"

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_json.hpp"
#include "core/summary/summary_style.hpp"

namespace padlab_wasm {
namespace {

// style, era: names of summary_style_vocabulary() / keras2_era_vocabulary(); line_length (keras3).
// Returns the core's summary record (summary_json, camelCase keys) with the summary text added.
// show_trainable, expand_nested: model.summary()'s keyword arguments.
val summary(const std::string& source, const std::string& style, const std::string& era, int line_length,
            bool show_trainable, bool expand_nested) {
    return guarded([&] {
        padlab::SummaryFormat format;
        try {
            format.era = padlab::parse_keras2_era(era);
            format.style = padlab::parse_summary_style(style);
        } catch (padlab::ArgumentError& e) {
            throw padlab::ArgumentError(std::string("summary: ") + e.what());
        }
        format.line_length = line_length;
        format.options.show_trainable = show_trainable;
        format.options.expand_nested = expand_nested;
        const padlab::ModelSpec spec = padlab::import_model(source);
        const padlab::ModelSummary m = padlab::summarize(spec);
        val r = val::object();
        r.set("text", padlab::summary_text(m, format));
        // What the importer accepted but did not do (weights='imagenet' is never loaded, ...).
        val notes = val::array();
        for (std::size_t i = 0; i < spec.notes.size(); ++i) notes.set(i, spec.notes[i]);
        r.set("notes", notes);
        val record = json_to_js(padlab::summary_json(m));
        val::global("Object").call<void>("assign", r, record);
        return r;
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_summary) {
    emscripten::function("summary", &padlab_wasm::summary);
}
