// `padlab diagram`: draw a padding / convolution diagram as SVG, from arguments, a named
// preset or a layer of a model file. The SVG is the same one the web page shows.
//
//   padlab diagram --input 8 --kernel 4 --padding causal
//   padlab diagram --input 5x5 --kernel 3x3 --padding same --mode reflect --step 1 -o r.svg
//   padlab diagram --preset same_28x28
//   padlab diagram --layer conv2d_1 model.json
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <locale>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/read_input.hpp"
#include "cli/report_error.hpp"
#include "core/diagram/diagram.hpp"
#include "core/diagram/layer_diagram.hpp"
#include "core/diagram/presets.hpp"
#include "core/diagram/svg_renderer.hpp"
#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"

namespace padlab::cli {

namespace {

struct DiagramOptions {
    std::string input, kernel, stride, dilation, padding, pads, crop, mode, values, output_padding;
    float value = 0.0f;
    bool pool = false, transpose = false, animate = false, list_presets = false;
    std::optional<std::size_t> step;       // 1-based
    std::optional<std::size_t> highlight;  // 1-based
    std::string preset, layer, file, out, title, theme = "auto", id_prefix = "pl";
    int cell = 0, max_cells = 16;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t()[]");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t()[]");
    return s.substr(b, e - b + 1);
}

// "8", "5x5", "5,5", "(5, 5)" -> {5, 5}. Entries must be integers (`allow_negative` for pads).
Shape parse_ints(const std::string& text, const char* what, bool allow_negative = false) {
    std::string t = trim(text);
    for (char& ch : t)
        if (ch == 'x' || ch == 'X' || ch == '*') ch = ',';
    Shape out;
    std::stringstream ss(t);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item = trim(item);
        std::size_t used = 0;
        long long v = 0;
        try {
            v = std::stoll(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (item.empty() || used != item.size() || (!allow_negative && v < 0)) {
            throw UsageError{std::string("--") + what + ": expected " +
                           (allow_negative ? "integers" : "non-negative integers") + " like 5 or 5x5, got '" + text + "'"};
        }
        out.push_back(static_cast<Dim>(v));
    }
    if (out.empty()) throw UsageError{std::string("--") + what + ": expected a value like 5 or 5x5, got '" + text + "'"};
    return out;
}

std::vector<float> parse_floats(const std::string& text, const char* what) {
    std::vector<float> out;
    std::stringstream ss(trim(text));
    std::string item;
    while (std::getline(ss, item, ',')) {
        item = trim(item);
        std::istringstream in(item);
        in.imbue(std::locale::classic());
        float v = 0;
        if (item.empty() || !(in >> v) || !in.eof())
            throw UsageError{std::string("--") + what + ": expected numbers separated by commas, got '" + text + "'"};
        out.push_back(v);
    }
    return out;
}

// --pads / --crop: "1" (every side), "1,2" (before, after on every axis), or one pair per axis.
Pads parse_pads(const std::string& text, std::size_t rank, const char* what, Dim sign) {
    const Shape v = parse_ints(text, what);
    Pads pads;
    if (v.size() == 1) pads.assign(rank, Pad{v[0] * sign, v[0] * sign});
    else if (v.size() == 2) pads.assign(rank, Pad{v[0] * sign, v[1] * sign});
    else if (v.size() == 2 * rank)
        for (std::size_t i = 0; i < rank; ++i) pads.push_back(Pad{v[2 * i] * sign, v[2 * i + 1] * sign});
    else
        throw UsageError{std::string("--") + what + ": give 1 value, a 'before,after' pair, or one pair per axis (" +
                       std::to_string(2 * rank) + " values); got '" + text + "'"};
    return pads;
}

DiagramSpec spec_from_arguments(const DiagramOptions& o) {
    DiagramSpec s;
    s.input = parse_ints(o.input, "input");
    const std::size_t rank = s.input.size();
    if (!o.kernel.empty()) s.kernel = parse_ints(o.kernel, "kernel");
    if (!o.stride.empty()) s.strides = parse_ints(o.stride, "stride");
    if (!o.dilation.empty()) s.dilation = parse_ints(o.dilation, "dilation");
    if (!o.output_padding.empty()) s.output_padding = parse_ints(o.output_padding, "output-padding");
    if (!o.values.empty()) s.values = parse_floats(o.values, "values");
    if (!o.mode.empty()) s.mode = parse_pad_mode(o.mode);
    s.pad_value = o.value;
    if (o.pool && o.transpose) throw UsageError{"--pool and --transpose cannot be combined"};
    if (o.pool) s.op = WindowOp::Pool;
    if (o.transpose) s.op = WindowOp::ConvTranspose;
    if (!o.pads.empty() && !o.crop.empty()) throw UsageError{"--pads and --crop cannot be combined"};
    if (!o.pads.empty() || !o.crop.empty()) {
        if (!o.padding.empty()) throw UsageError{"--padding and --pads/--crop cannot be combined: --pads is explicit padding"};
        s.padding = !o.pads.empty() ? Padding::explicit_pads(parse_pads(o.pads, rank, "pads", 1))
                                    : Padding::explicit_pads(parse_pads(o.crop, rank, "crop", -1));
        if (!o.crop.empty() && !s.kernel.empty()) throw UsageError{"--crop draws a Cropping layer: it takes no --kernel"};
    } else if (!o.padding.empty()) {
        s.padding = Padding::parse(o.padding);
    }
    if (s.kernel.empty() && s.padding.kind != PaddingKind::Explicit)
        throw UsageError{"give --kernel (and --padding), or --pads / --crop for a padding-only diagram"};
    return s;
}

int run_diagram(const DiagramOptions& o) {
    try {
        if (o.list_presets) {
            for (const DiagramPreset& p : diagram_presets()) std::cout << p.name << "  " << p.summary << "\n";
            return 0;
        }
        const int sources = (o.input.empty() ? 0 : 1) + (o.preset.empty() ? 0 : 1) + (o.layer.empty() ? 0 : 1);
        if (sources == 0) throw UsageError{"nothing to draw: give --input (with --kernel / --pads), --preset NAME or --layer NAME FILE"};
        if (sources > 1) throw UsageError{"give only one of --input, --preset and --layer"};
        const bool shape_args = !(o.kernel.empty() && o.stride.empty() && o.dilation.empty() && o.padding.empty() &&
                                  o.pads.empty() && o.crop.empty() && o.mode.empty() && o.values.empty() &&
                                  o.output_padding.empty() && !o.pool && !o.transpose);
        if (o.input.empty() && shape_args)
            throw UsageError{"--kernel, --padding and the other shape options go with --input, not with --preset or --layer"};
        if (!o.layer.empty() && o.file.empty()) throw UsageError{"--layer NAME needs the model FILE (or - for standard input)"};
        if (o.layer.empty() && !o.file.empty()) throw UsageError{"unexpected argument '" + o.file + "' (a FILE goes with --layer)"};

        DiagramSpec spec;
        if (!o.preset.empty()) {
            spec = find_diagram_preset(o.preset).spec;
        } else if (!o.layer.empty()) {
            const ModelSpec model = read_model(o.file, false).spec;
            spec = model_layer_diagram_spec(model, summarize(model), o.layer);
        } else {
            spec = spec_from_arguments(o);
        }
        const Diagram d = make_diagram(spec);

        SvgOptions svg;
        svg.cell = o.cell;
        svg.max_cells = o.max_cells;
        svg.title = o.title;
        svg.theme = parse_svg_theme(o.theme);
        svg.id_prefix = o.id_prefix;
        if (o.highlight) {
            if (!o.step) throw UsageError{"--highlight marks a step's receptive field in a static picture: give --step too"};
            if (*o.highlight < 1 || *o.highlight > d.step_count) {
                throw UsageError{"--highlight " + std::to_string(*o.highlight) + " is not a step: this diagram has " +
                               std::to_string(d.step_count) + " steps"};
            }
            svg.highlight = *o.highlight - 1;
        }
        std::string out;
        if (o.step) {
            const std::size_t count = std::max<std::size_t>(d.step_count, 1);
            if (*o.step < 1 || *o.step > count) {
                throw UsageError{"--step " + std::to_string(*o.step) + " does not exist: this diagram has " +
                               std::to_string(d.step_count) + " steps (" + (d.step_count ? "1 to " + std::to_string(count) : "padding only: use 1") + ")"};
            }
            out = render_svg_step(d, *o.step - 1, svg);
        } else {
            out = render_svg_animated(d, svg);
        }

        if (o.out.empty() || o.out == "-") {
            std::cout << out;
            std::cout.flush();
            if (!std::cout) throw UsageError{"cannot write to standard output"};
        } else {
            std::ofstream f(o.out, std::ios::binary);
            if (!f) throw UsageError{"cannot write '" + o.out + "': " + std::strerror(errno)};
            f << out;
            f.close();
            if (!f) throw UsageError{"cannot write '" + o.out + "': " + std::strerror(errno)};
        }
        return 0;
    } catch (...) {
        return report_error();
    }
}

}  // namespace

Run add_diagram_command(CLI::App& app) {
    auto o = std::make_shared<DiagramOptions>();
    CLI::App* sub = app.add_subcommand(
        "diagram", "Draw a padding / convolution diagram as SVG (animated by default; --step N for one frame)");
    sub->add_option("--input", o->input, "Spatial input size: 8, 5x5 or 3x4x4");
    sub->add_option("--kernel", o->kernel, "Kernel (or pool) size: 3 or 3x3 (one value stands for every axis)");
    sub->add_option("--stride", o->stride, "Strides (default 1; pooling: the pool size)");
    sub->add_option("--dilation", o->dilation, "Dilation rate (default 1)");
    sub->add_option("--padding", o->padding,
                    name_alternatives(padding_vocabulary()) + " (default " + to_string(Padding{}.kind) + ")");
    sub->add_option("--pads", o->pads, "Explicit padding: 1, 'before,after', or one pair per axis (1,2,0,1)");
    sub->add_option("--crop", o->crop, "Cropping (no kernel): 1, 'before,after', or one pair per axis");
    sub->add_option("--mode", o->mode, "Padding values: " + pad_mode_vocabulary().listing());
    sub->add_option("--value", o->value, "The constant for --mode constant (default 0)");
    sub->add_option("--values", o->values, "Input values, comma-separated, row-major (default 1, 2, ..., n)");
    sub->add_flag("--pool", o->pool, "A pooling window instead of a convolution");
    sub->add_flag("--transpose", o->transpose, "A transposed convolution");
    sub->add_option("--output-padding", o->output_padding, "Transposed convolution output_padding");
    CLI::Option* step = sub->add_option("--step", o->step, "Draw only step N (1-based), as a static SVG");
    CLI::Option* animate = sub->add_flag("--animate", o->animate, "Draw the animated SVG (the default)");
    step->excludes(animate);
    sub->add_option("--preset", o->preset, "Draw a named preset (see --list-presets)");
    sub->add_flag("--list-presets", o->list_presets, "List the presets and exit");
    sub->add_option("--layer", o->layer, "Draw the layer with this name from the model FILE");
    sub->add_option("file", o->file, "Model file for --layer (Keras JSON, TF.js model.json or Python), or -");
    sub->add_option("-o,--output", o->out, "Write the SVG to this file (default: standard output)");
    sub->add_option("--title", o->title, "Title drawn on the diagram");
    sub->add_option("--cell", o->cell, "Cell size in pixels (default: automatic)")->check(CLI::Range(12, 120));
    sub->add_option("--max-cells", o->max_cells, "Cells shown per axis before the view is cropped")
        ->check(CLI::Range(4, 64))
        ->capture_default_str();
    sub->add_option("--theme", o->theme,
                    "auto (light, dark under the viewer's prefers-color-scheme) | light | dark: a pinned theme draws a step "
                    "with no <style>, the exact SVG the page shows")
        ->check(CLI::IsMember({"auto", "light", "dark"}))
        ->capture_default_str();
    sub->add_option("--highlight", o->highlight,
                    "With --step: mark the receptive field of step N's output (1-based), as the page does on hover");
    sub->add_option("--id-prefix", o->id_prefix, "Prefix of the SVG's ids and classes (several inlined SVGs on one page)")
        ->capture_default_str();
    return [o] { return run_diagram(*o); };
}

}  // namespace padlab::cli
