// `padlab forward`: run a Sequential model forward on one sample with seeded Keras-default
// weights (core/network.hpp) and print each layer's output shape, MACs and time, then the
// output. The same computation as pl.forward in the browser.
#include <algorithm>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/read_input.hpp"
#include "cli/report_error.hpp"
#include "core/import/import_model.hpp"
#include "core/model/network.hpp"
#include "core/summary/summary_text.hpp"

namespace padlab::cli {

namespace {

struct ForwardOptions {
    std::uint32_t seed = 1;
    int repeat = 5;
    int show = 10;
    bool json = false;
    std::string file = "-";
};

int run_forward(const ForwardOptions& opts) {
    try {
        // A saved file's weights replace the seeded ones (issue 14).
        const ModelInput input = read_model(opts.file, true);
        const std::vector<NetworkWeight>* stored = input.saved && !input.saved->weights.empty() ? &input.saved->weights : nullptr;
        Network net(input.spec, opts.seed, stored);
        const std::vector<float> x = default_network_input(net.input_shape(), opts.seed);
        std::vector<float> y(static_cast<std::size_t>(shape_elements(net.output_shape())));
        // Each layer's fastest time over the runs (the first run also pays for page faults).
        std::vector<LayerTiming> best;
        for (int r = 0; r < opts.repeat; ++r) {
            const auto t = net.run(x.data(), y.data());
            if (best.empty()) best = t;
            for (std::size_t i = 0; i < t.size(); ++i) best[i].ms = std::min(best[i].ms, t[i].ms);
        }
        double total = 0.0;
        std::int64_t macs = 0;
        for (const auto& l : best) {
            total += l.ms;
            macs += l.macs;
        }
        if (opts.json) {
            nlohmann::json layers = nlohmann::json::array();
            for (const auto& l : best)
                layers.push_back({{"name", l.name}, {"class_name", l.class_name}, {"output_shape", l.output_shape},
                                  {"macs", l.macs}, {"ms", l.ms}});
            const nlohmann::json j = {{"seed", opts.seed}, {"input_shape", net.input_shape()},
                                      {"output_shape", net.output_shape()}, {"layers", layers},
                                      {"weights", net.stored_weights() ? "stored" : "seeded"},
                                      {"total_ms", total}, {"output", y}};
            std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            std::cout << "Forward pass of '" << net.summary().name << "', one sample "
                      << shape_to_python(net.input_shape()) << ", seed " << opts.seed
                      << (net.stored_weights() ? " (the file's stored weights;\ninput uniform [0, 1)); fastest of "
                                               : " (Keras's default initializers;\ninput uniform [0, 1)); fastest of ")
                      << opts.repeat
                      << " runs\n\n";
            const auto row = [](const std::string& layer, const std::string& shape, const std::string& m,
                                const std::string& ms) {
                std::cout << std::left << std::setw(32) << layer << std::setw(22) << shape << std::right
                          << std::setw(16) << m << std::setw(10) << ms << "\n";
            };
            const auto millis = [](double v) {
                std::ostringstream s;
                s << std::fixed << std::setprecision(3) << v;
                return s.str();
            };
            row("Layer (type)", "Output shape", "MACs", "ms");
            std::cout << std::string(80, '-') << "\n";
            for (const auto& l : best)
                row(l.name + " (" + l.class_name + ")", shape_to_python(l.output_shape), group_thousands(l.macs), millis(l.ms));
            std::cout << std::string(80, '-') << "\n";
            row("Total", "", group_thousands(macs), millis(total));
            const std::size_t shown = std::min<std::size_t>(y.size(), static_cast<std::size_t>(opts.show));
            std::cout << "\nOutput " << shape_to_python(net.output_shape()) << ":" << std::setprecision(6);
            for (std::size_t i = 0; i < shown; ++i) std::cout << " " << y[i];
            if (shown < y.size()) std::cout << " ... (" << y.size() - shown << " more)";
            std::cout << "\n";
        }
        std::cout.flush();
        return std::cout ? 0 : 1;
    } catch (...) {
        return report_error(opts.json);
    }
}

}  // namespace

Run add_forward_command(CLI::App& app) {
    auto opts = std::make_shared<ForwardOptions>();
    CLI::App* sub = app.add_subcommand(
        "forward", "Run a model forward on one sample with seeded random weights (a saved file's own weights) and time each layer");
    sub->add_option("--seed", opts->seed, "Selects the weights and the input")->capture_default_str();
    sub->add_option("--repeat", opts->repeat, "Runs; each layer's fastest time is shown")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    sub->add_option("--show", opts->show, "Output values printed")->check(CLI::Range(0, 1 << 20))->capture_default_str();
    sub->add_flag("--json", opts->json, "Print layers, times and the whole output as JSON");
    sub->add_option("file", opts->file, "Model file, or - for standard input")->capture_default_str();
    return [opts] { return run_forward(*opts); };
}

}  // namespace padlab::cli
