// Placeholder until the diagram module lands (issue: animated padding diagrams).
#include <iostream>

#include "cli/commands.hpp"

namespace padlab::cli {

Run add_diagram_command(CLI::App& app) {
    app.add_subcommand("diagram", "Draw a padding/convolution diagram as SVG (not yet available)");
    return [] {
        std::cerr << "padlab: error: diagrams are not available in this build yet\n";
        return 1;
    };
}

}  // namespace padlab::cli
