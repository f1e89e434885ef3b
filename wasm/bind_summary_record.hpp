#pragma once
// The summary result the JS API returns ({ text, notes, ...summary_json }), shared by the
// summary of model source (bind_summary.cpp) and of a saved file (bind_saved.cpp), so a model
// read from a file and the same model as JSON give the same object. Private to wasm/.
#include <string>
#include <vector>

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

// The receptive-field analysis as one flat Float64Array, unpacked into each layer's
// receptiveField by padlab.js (unpackReceptiveFields): per layer [spatial, aligned,
// border_fraction, axes], then per axis RF_AXIS_VALUES numbers: size, stride, padding,
// border_affected, border_before, unread, unread_end, extra_cell (0 none, 1 "after", 2 "before").
// Not JSON: as JSON the records took longer to hand over than the analysis and the summary's
// own conversion together (bench/summary.mjs); the numbers are receptive_field_json's.
inline constexpr int RF_AXIS_VALUES = 8;
inline val packed_receptive_fields(const std::vector<padlab::LayerField>& fields) {
    std::vector<double> v;
    v.reserve(fields.size() * (4 + 2 * RF_AXIS_VALUES));
    for (const padlab::LayerField& f : fields) {
        v.insert(v.end(), {f.spatial ? 1.0 : 0.0, f.aligned ? 1.0 : 0.0, f.border_fraction,
                           static_cast<double>(f.axes.size())});
        for (const padlab::AxisField& a : f.axes) {
            const double extra = a.extra_cell == "after" ? 1.0 : a.extra_cell == "before" ? 2.0 : 0.0;
            v.insert(v.end(), {a.size, a.stride, a.padding, static_cast<double>(a.border_affected),
                               static_cast<double>(a.border_before), static_cast<double>(a.unread),
                               static_cast<double>(a.unread_end), extra});
        }
    }
    val out = val::global("Float64Array").new_(v.size());
    if (!v.empty()) out.call<void>("set", val(emscripten::typed_memory_view(v.size(), v.data())));
    return out;
}

// The core's summary record (summary_json, camelCase keys) with the summary text and the
// importer's notes (what it accepted but did not do: weights='imagenet' is never loaded, ...);
// with `receptive_field`, the analysis packed (above) and its text table (receptive_field_report.hpp).
inline val summary_record(const padlab::ModelSpec& spec, const padlab::SummaryFormat& format,
                          bool receptive_field = false) {
    const padlab::ModelSummary m = padlab::summarize(spec);
    val r = val::object();
    r.set("text", padlab::summary_text(m, format));
    val notes = val::array();
    for (std::size_t i = 0; i < spec.notes.size(); ++i) notes.set(i, spec.notes[i]);
    r.set("notes", notes);
    val record = json_to_js(padlab::summary_json(m));
    val::global("Object").call<void>("assign", r, record);
    if (receptive_field) {
        const std::vector<padlab::LayerField> fields = padlab::receptive_fields(spec, m);
        r.set("receptiveFieldPacked", packed_receptive_fields(fields));
        r.set("receptiveFieldText", padlab::receptive_field_text(m, fields));
    }
    return r;
}

}  // namespace padlab_wasm
