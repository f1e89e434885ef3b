#pragma once
// Each padlab subcommand registers itself on the CLI11 app and returns the exit status
// through a callback; main() only dispatches.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/base/names.hpp"

namespace padlab::cli {

using Run = std::function<int()>;

// A core vocabulary in an option's help and validation, so no subcommand retypes its names.
// The canonical names, for CLI::IsMember:
template <class E>
std::vector<std::string> choice_names(const NameTable<E>& table) {
    std::vector<std::string> out;
    for (std::string_view name : table.names()) out.emplace_back(name);
    return out;
}

// "valid | same | causal | full".
template <class E>
std::string name_alternatives(const NameTable<E>& table) {
    std::string out;
    for (std::string_view name : table.names()) out += (out.empty() ? "" : " | ") + std::string(name);
    return out;
}

// "A = standalone Keras / tf.keras <= 2.6, B = tf.keras 2.7-2.12, ..." (the default first).
template <class E>
std::string described_names(const NameTable<E>& table) {
    std::string out;
    for (const auto& e : table.entries()) {
        if (!out.empty()) out += ", ";
        out += std::string(e.name) + " = " + std::string(e.description);
    }
    return out;
}

// `padlab summary [--style keras2|keras3] [--json] [FILE|-]`
Run add_summary_command(CLI::App& app);
// `padlab diagram ...` (animated padding diagrams as SVG)
Run add_diagram_command(CLI::App& app);
// `padlab forward [--seed N] [--repeat N] [--json] [FILE|-]` (per-layer times of a forward pass)
Run add_forward_command(CLI::App& app);

}  // namespace padlab::cli
