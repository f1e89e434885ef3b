// Bindings: model summaries (Keras 2 eras, Keras 3) with the per-layer records the page shows.
#include "wasm/bind_summary_record.hpp"

#include "core/import/import_model.hpp"

namespace padlab_wasm {
namespace {

// Returns the core's summary record (summary_record) of the model `source` holds.
val summary(const std::string& source, const std::string& style, const std::string& era, int line_length,
            bool show_trainable, bool expand_nested) {
    return guarded([&] {
        const padlab::SummaryFormat format = summary_format(style, era, line_length, show_trainable, expand_nested);
        return summary_record(padlab::import_model(source), format);
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_summary) {
    emscripten::function("summary", &padlab_wasm::summary);
}
