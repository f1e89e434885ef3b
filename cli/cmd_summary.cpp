// `padlab summary`: import a Sequential model (Keras 2/3 JSON, TF.js model.json or Python
// source), run Keras's shape inference on it and print its summary as the chosen Keras
// version prints it, or as JSON.
#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/read_input.hpp"
#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_json.hpp"
#include "core/summary/summary_keras2.hpp"
#include "core/summary/summary_keras3.hpp"

namespace padlab::cli {

namespace {

struct SummaryOptions {
    std::string style = "keras2";
    std::string era = "A";
    int line_length = 76;
    bool json = false;
    std::string file = "-";
};

Keras2Era parse_era(const std::string& era) {
    if (era == "B") return Keras2Era::B;
    if (era == "C") return Keras2Era::C;
    return Keras2Era::A;
}

// Never throws on invalid UTF-8 in names or messages taken from the input: such bytes become U+FFFD.
std::string dump(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json error_json(const std::string& message, const char* kind, const Location& where) {
    return {{"error",
             {{"message", message},
              {"kind", kind},
              {"layer", where.layer.empty() ? nlohmann::json(nullptr) : nlohmann::json(where.layer)},
              {"line", where.line > 0 ? nlohmann::json(where.line) : nlohmann::json(nullptr)},
              {"column", where.column > 0 ? nlohmann::json(where.column) : nlohmann::json(nullptr)}}}};
}

int fail(const SummaryOptions& opts, const std::string& described, const std::string& message,
         const char* kind, const Location& where) {
    std::cerr << "padlab: error: " << described << "\n";
    if (opts.json) std::cout << dump(error_json(message, kind, where)) << "\n";
    return 1;
}

int run_summary(const SummaryOptions& opts) {
    try {
        const std::string text = read_input(opts.file);
        const ModelSummary model = summarize(import_model(text));
        if (opts.json) {
            std::cout << dump(summary_json(model)) << "\n";
        } else if (opts.style == "keras3") {
            std::cout << summary_keras3(model, opts.line_length);
        } else {
            std::cout << summary_keras2(model, parse_era(opts.era));
        }
        std::cout.flush();
        return std::cout ? 0 : 1;
    } catch (const InputError& e) {
        return fail(opts, e.message, e.message, "InputError", Location{});
    } catch (const Error& e) {
        return fail(opts, describe(e), e.what(), e.kind(), e.where());
    } catch (const std::exception& e) {
        // A bug, not a user error; still report it instead of aborting.
        const std::string message = std::string("internal error: ") + e.what();
        return fail(opts, message, message, "InternalError", Location{});
    }
}

}  // namespace

Run add_summary_command(CLI::App& app) {
    auto opts = std::make_shared<SummaryOptions>();
    CLI::App* sub = app.add_subcommand(
        "summary",
        "Print a Keras model.summary() of a Sequential model (Keras 2/3 JSON, TF.js model.json "
        "or Python source)");
    sub->add_option("--style", opts->style, "Which Keras prints the summary")
        ->check(CLI::IsMember({"keras2", "keras3"}))
        ->capture_default_str();
    CLI::Option* era =
        sub->add_option("--era", opts->era,
                        "Keras 2 layout: A = standalone Keras / tf.keras <= 2.8, B = tf.keras "
                        "2.9-2.12, C = tf.keras 2.13-2.15")
            ->transform(CLI::IsMember({"A", "B", "C"}, CLI::ignore_case))  // "b" -> "B"
            ->capture_default_str();
    CLI::Option* line_length =
        sub->add_option("--line-length", opts->line_length,
                        "Keras 3 table width (76 in notebooks and CI, 88 in a wide terminal)")
            ->check(CLI::Range(16, 4096))
            ->capture_default_str();
    sub->add_flag("--json", opts->json,
                  "Print the summary as JSON (shapes, params, MACs, padding per layer)");
    sub->add_option("file", opts->file, "Model file, or - for standard input")
        ->capture_default_str();

    // Options of the other style are mistakes, not something to ignore silently.
    sub->callback([opts, era, line_length] {
        if (opts->json) return;
        if (opts->style == "keras3" && era->count() > 0)
            throw CLI::ValidationError("--era", "applies only to --style keras2");
        if (opts->style == "keras2" && line_length->count() > 0)
            throw CLI::ValidationError("--line-length", "applies only to --style keras3");
    });
    return [opts] { return run_summary(*opts); };
}

}  // namespace padlab::cli
