// `padlab summary`: import a Sequential model (Keras 2/3 JSON, TF.js model.json or Python
// source), run Keras's shape inference on it and print its summary as the chosen Keras
// version prints it, or as JSON.
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/read_input.hpp"
#include "cli/report_error.hpp"
#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/model/receptive_field.hpp"
#include "core/summary/receptive_field_report.hpp"
#include "core/summary/summary_json.hpp"
#include "core/summary/summary_style.hpp"

namespace padlab::cli {

namespace {

struct SummaryArgs {
    std::string style{to_string(SummaryFormat{}.style)};  // the default unless a saved file's version says
    std::string era{to_string(SummaryFormat{}.era)};
    int line_length = SummaryFormat{}.line_length;
    bool json = false;
    bool show_trainable = false, expand_nested = false;
    bool receptive_field = false;
    std::string file = "-";
    bool style_given = false, era_given = false, line_length_given = false;
};

// A saved file's Keras version picks the style when --style is not given: Keras 3.x prints
// Keras 3's table, 2.x (and tf.keras, TF.js converters of 2.x models) Keras 2's.
SummaryStyle style_for(const SummaryArgs& opts, const std::optional<SavedModel>& saved) {
    if (opts.style_given || !saved) return parse_summary_style(opts.style);
    const std::string& v = saved->keras_version;
    if (!v.empty() && v[0] == '3' && (v.size() == 1 || v[1] == '.')) return SummaryStyle::Keras3;
    return parse_summary_style(opts.style);
}

int run_summary(const SummaryArgs& opts) {
    try {
        const ModelInput input = read_model(opts.file, false);
        const ModelSpec& spec = input.spec;
        const ModelSummary model = summarize(spec);
        if (opts.json) {
            nlohmann::json out = summary_json(model);
            if (opts.receptive_field) add_receptive_fields(out["layers"], receptive_fields(spec, model));
            if (input.saved) {
                out["file"] = {{"format", input.saved->format}, {"keras_version", input.saved->keras_version},
                               {"backend", input.saved->backend}};
            }
            if (!spec.notes.empty()) out["notes"] = spec.notes;  // what the importer accepted but did not do
            // Never throws on invalid UTF-8 in names taken from the input: such bytes become U+FFFD.
            std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            // The importer's notes (weights='imagenet' not loaded, ...) go beside the table, not into it.
            for (const std::string& note : spec.notes) std::cerr << "padlab: note: " << note << "\n";
            const SummaryStyle style = style_for(opts, input.saved);
            if (style != SummaryStyle::Keras2 && opts.era_given)
                throw ArgumentError("--era applies only to --style " + std::string(to_string(SummaryStyle::Keras2)));
            if (style != SummaryStyle::Keras3 && opts.line_length_given)
                throw ArgumentError("--line-length applies only to --style " + std::string(to_string(SummaryStyle::Keras3)));
            SummaryFormat format{style, parse_keras2_era(opts.era), opts.line_length};
            format.options.show_trainable = opts.show_trainable;  // model.summary(show_trainable=True)
            format.options.expand_nested = opts.expand_nested;
            std::cout << summary_text(model, format);
            // After Keras's table, which stays byte-exact.
            if (opts.receptive_field) std::cout << receptive_field_text(model, receptive_fields(spec, model));
        }
        std::cout.flush();
        return std::cout ? 0 : 1;
    } catch (...) {
        return report_error(opts.json);
    }
}

}  // namespace

Run add_summary_command(CLI::App& app) {
    auto opts = std::make_shared<SummaryArgs>();
    CLI::App* sub = app.add_subcommand(
        "summary",
        "Print a Keras model.summary() of a Sequential or Functional model (Keras 2/3 JSON, TF.js "
        "model.json or Python source)");
    CLI::Option* style_opt = sub->add_option("--style", opts->style, "Which Keras prints the summary: " + described_names(summary_style_vocabulary()))
        ->check(CLI::IsMember(choice_names(summary_style_vocabulary())))
        ->capture_default_str();
    CLI::Option* era =
        sub->add_option("--era", opts->era, "Keras 2 layout: " + described_names(keras2_era_vocabulary()))
            ->transform(CLI::IsMember(choice_names(keras2_era_vocabulary()), CLI::ignore_case))  // "b" -> "B"
            ->capture_default_str();
    CLI::Option* line_length =
        sub->add_option("--line-length", opts->line_length,
                        "Keras 3 table width (76 in notebooks and CI, 88 in a wide terminal)")
            ->check(CLI::Range(16, 4096))
            ->capture_default_str();
    sub->add_flag("--show-trainable", opts->show_trainable,
                  "A Trainable column, as model.summary(show_trainable=True) (Keras 2.8+ eras B, C; Keras 3)");
    sub->add_flag("--expand-nested", opts->expand_nested,
                  "Nested models' layers under their row, as model.summary(expand_nested=True) (eras B, C; Keras 3)");
    sub->add_flag("--receptive-field", opts->receptive_field,
                  "Also each layer's receptive field, jump and effective padding per spatial axis, the share of "
                  "its outputs that read padding and the input positions it never reads (a table after the "
                  "summary; with --json a \"receptive_field\" record per layer)");
    sub->add_flag("--json", opts->json,
                  "Print the summary as JSON (shapes, params, MACs, padding per layer)");
    sub->add_option("file", opts->file, "Model file, or - for standard input")
        ->capture_default_str();

    // Options of the other style are mistakes, not something to ignore silently.
    sub->callback([opts, era, line_length, style_opt] {
        opts->style_given = style_opt->count() > 0;
        opts->era_given = era->count() > 0;
        opts->line_length_given = line_length->count() > 0;
        if (opts->json || !opts->style_given) return;  // no --style: a saved file's version decides (run_summary)
        const SummaryStyle style = parse_summary_style(opts->style);
        if (style != SummaryStyle::Keras2 && era->count() > 0)
            throw CLI::ValidationError("--era", "applies only to --style " + std::string(to_string(SummaryStyle::Keras2)));
        if (style != SummaryStyle::Keras3 && line_length->count() > 0)
            throw CLI::ValidationError("--line-length", "applies only to --style " + std::string(to_string(SummaryStyle::Keras3)));
    });
    return [opts] { return run_summary(*opts); };
}

}  // namespace padlab::cli
