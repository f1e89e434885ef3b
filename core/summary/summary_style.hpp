#pragma once
// Which Keras prints a summary: the styles (keras2, keras3) and the eras of Keras 2's layout by
// name, and the summary text in a chosen format. The one place these names are spelled: the
// CLI's --style / --era, the wasm module's summary() and the page's style switch read them here.
#include <string>
#include <string_view>

#include "core/base/names.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_keras2.hpp"
#include "core/summary/summary_options.hpp"

namespace padlab {

enum class SummaryStyle { Keras2, Keras3 };

// keras2 (the default: Keras 2 / tf.keras print_summary), keras3 (Keras 3's box table). Exact.
const NameTable<SummaryStyle>& summary_style_vocabulary();
// ArgumentError "style must be 'keras2' or 'keras3', got '...'" for other names.
SummaryStyle parse_summary_style(std::string_view text);
std::string_view to_string(SummaryStyle style);

// A (the default), B, C: see Keras2Era. Exact (the CLI accepts any case and passes the canonical name).
const NameTable<Keras2Era>& keras2_era_vocabulary();
// ArgumentError "era must be 'A', 'B' or 'C', got '...'" for other names.
Keras2Era parse_keras2_era(std::string_view text);
std::string_view to_string(Keras2Era era);

struct SummaryFormat {
    SummaryStyle style = SummaryStyle::Keras2;
    Keras2Era era = Keras2Era::A;  // keras2 only
    // keras3 only: the table width (76 as printed in notebooks and CI) unless options.line_length
    // is set; 0 or less: Keras's own default, min(88 / 108, options.console_width - 4).
    int line_length = 76;
    SummaryOptions options = {};  // model.summary()'s keyword arguments, Keras 3's release and console
};

// summary_keras2 or summary_keras3 of the model, as `format` says.
std::string summary_text(const ModelSummary& model, const SummaryFormat& format);

}  // namespace padlab
