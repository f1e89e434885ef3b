#pragma once
// Each padlab subcommand registers itself on the CLI11 app and returns the exit status
// through a callback; main() only dispatches.
#include <functional>

#include <CLI/CLI.hpp>

namespace padlab::cli {

using Run = std::function<int()>;

// `padlab summary [--style keras2|keras3] [--json] [FILE|-]`
Run add_summary_command(CLI::App& app);
// `padlab diagram ...` (animated padding diagrams as SVG)
Run add_diagram_command(CLI::App& app);
// `padlab forward [--seed N] [--repeat N] [--json] [FILE|-]` (per-layer times of a forward pass)
Run add_forward_command(CLI::App& app);

}  // namespace padlab::cli
