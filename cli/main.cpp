#include <iostream>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"padlab: Keras-exact padding and convolution arithmetic, summaries and diagrams"};
    app.require_subcommand(1);
    std::vector<std::pair<CLI::App*, padlab::cli::Run>> commands;
    auto add = [&](padlab::cli::Run (*adder)(CLI::App&)) {
        const std::size_t before = app.get_subcommands({}).size();
        padlab::cli::Run run = adder(app);
        commands.emplace_back(app.get_subcommands({}).at(before), std::move(run));
    };
    add(&padlab::cli::add_summary_command);
    add(&padlab::cli::add_diagram_command);
    add(&padlab::cli::add_forward_command);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help/--version exit 0; any usage mistake exits 2 (1 is kept for bad model input).
        return app.exit(e) == 0 ? 0 : 2;
    }
    for (auto& [sub, run] : commands)
        if (sub->parsed()) return run();
    return 2;
}
