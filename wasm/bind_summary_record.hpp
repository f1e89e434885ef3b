#pragma once
// The summary result the JS API returns ({ text, notes, ...summary_json }), shared by the
// summary of model source (bind_summary.cpp) and of a saved file (bind_saved.cpp), so a model
// read from a file and the same model as JSON give the same object. Private to wasm/.
#include <string>

#include "wasm/bind_common.hpp"

#include "core/model/model.hpp"
#include "core/model/model_spec.hpp"
#include "core/model/receptive_field.hpp"
#include "core/summary/receptive_field_report.hpp"
#include "core/summary/summary_json.hpp"
#include "core/summary/summary_style.hpp"

namespace padlab_wasm {

// style, era: names of summary_style_vocabulary() / keras2_era_vocabulary(); line_length (keras3);
// show_trainable, expand_nested: model.summary()'s keyword arguments.
inline padlab::SummaryFormat summary_format(const std::string& style, const std::string& era, int line_length,
                                            bool show_trainable, bool expand_nested) {
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
    return format;
}

// The core's summary record (summary_json, camelCase keys) with the summary text and the
// importer's notes (what it accepted but did not do: weights='imagenet' is never loaded, ...);
// with `receptive_field`, a receptiveField record on every layer (receptive_field_report.hpp).
inline val summary_record(const padlab::ModelSpec& spec, const padlab::SummaryFormat& format,
                          bool receptive_field = false) {
    const padlab::ModelSummary m = padlab::summarize(spec);
    val r = val::object();
    r.set("text", padlab::summary_text(m, format));
    val notes = val::array();
    for (std::size_t i = 0; i < spec.notes.size(); ++i) notes.set(i, spec.notes[i]);
    r.set("notes", notes);
    nlohmann::json json = padlab::summary_json(m);
    if (receptive_field) padlab::add_receptive_fields(json["layers"], padlab::receptive_fields(spec, m));
    val record = json_to_js(json);
    val::global("Object").call<void>("assign", r, record);
    return r;
}

}  // namespace padlab_wasm
