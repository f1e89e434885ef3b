// Bindings: model summaries (Keras 2 eras, Keras 3) with the per-layer records the page shows.
#include "wasm/bind_summary_record.hpp"

#include "core/import/import_model.hpp"

namespace padlab_wasm {
namespace {

// Returns the core's summary record (summary_record) of the model `source` holds.
// receptive_field: each layer record also gets the receptive-field analysis (receptive_field.hpp).
val summary(const std::string& source, const std::string& style, const std::string& era, int line_length,
            bool show_trainable, bool expand_nested, bool receptive_field) {
    return guarded([&] {
        const padlab::SummaryFormat format = summary_format(style, era, line_length, show_trainable, expand_nested);
        return summary_record(padlab::import_model(source), format, receptive_field);
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_summary) {
    emscripten::function("summary", &padlab_wasm::summary);
}
