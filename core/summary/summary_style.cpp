#include "core/summary/summary_style.hpp"

#include "core/summary/summary_keras3.hpp"

namespace padlab {

const NameTable<SummaryStyle>& summary_style_vocabulary() {
    static const NameTable<SummaryStyle> table(NameCase::Exact, {
        {SummaryStyle::Keras2, "keras2", {}, "Keras 2"},
        {SummaryStyle::Keras3, "keras3", {}, "Keras 3"},
    });
    return table;
}

SummaryStyle parse_summary_style(std::string_view text) { return summary_style_vocabulary().require(text, "style"); }

std::string_view to_string(SummaryStyle style) { return summary_style_vocabulary().name(style); }

const NameTable<Keras2Era>& keras2_era_vocabulary() {
    static const NameTable<Keras2Era> table(NameCase::Exact, {
        {Keras2Era::A, "A", {}, "standalone Keras / tf.keras <= 2.6"},
        {Keras2Era::B, "B", {}, "tf.keras 2.7-2.12"},
        {Keras2Era::C, "C", {}, "tf.keras 2.13-2.15, tf-keras"},
    });
    return table;
}

Keras2Era parse_keras2_era(std::string_view text) { return keras2_era_vocabulary().require(text, "era"); }

std::string_view to_string(Keras2Era era) { return keras2_era_vocabulary().name(era); }

std::string summary_text(const ModelSummary& model, const SummaryFormat& format) {
    if (format.style == SummaryStyle::Keras3) {
        SummaryOptions options = format.options;
        if (!options.line_length && format.line_length > 0) options.line_length = format.line_length;
        return summary_keras3(model, options);
    }
    return summary_keras2(model, format.era, format.options);
}

}  // namespace padlab
