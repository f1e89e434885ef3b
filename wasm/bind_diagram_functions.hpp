#pragma once
// Bindings of the diagram functions (geometry, the core's SVG, presets), shared by the full
// engine (bind_diagram.cpp) and the diagram-only module (diagram_module/bind_diagram_module.cpp):
// one copy of the marshalling, registered by each module's EMSCRIPTEN_BINDINGS.
#include "wasm/bind_common.hpp"

#include <array>
#include <optional>

#include "core/diagram/diagram.hpp"
#include "core/diagram/presets.hpp"
#include "core/diagram/svg_renderer.hpp"

namespace padlab_wasm {

// ------------------------------------------------------------------ diagrams
// padlab.js normalises a diagram spec into one fixed plain object before calling:
//   { input: int[], kernel: int[], strides: int[], dilation: int[], padding: string,
//     pads: flat [b0, a0, ...] | null, mode: string, value: number, op: 'conv'|'pool'|'transpose',
//     outputPadding: int[] | null, values: Float32Array | null, label: string }

inline padlab::DiagramSpec read_diagram_spec(const val& o) {
    padlab::DiagramSpec s;
    s.input = read_dims(o["input"], "diagram: input");
    s.kernel = read_dims(o["kernel"], "diagram: kernel");
    s.strides = read_dims(o["strides"], "diagram: strides");
    s.dilation = read_dims(o["dilation"], "diagram: dilation");
    const val pads = o["pads"];
    s.padding = pads.isNull() ? padlab::Padding::parse(o["padding"].as<std::string>())
                              : padlab::Padding::explicit_pads(read_pads(pads, "diagram: padding"));
    s.mode = padlab::parse_pad_mode(o["mode"].as<std::string>());
    s.pad_value = o["value"].as<float>();
    s.op = padlab::parse_window_op(o["op"].as<std::string>());
    const val output_padding = o["outputPadding"];
    if (!output_padding.isNull()) s.output_padding = read_dims(output_padding, "diagram: outputPadding");
    const val values = o["values"];
    if (!values.isNull()) s.values = emscripten::convertJSArrayToNumberVector<float>(values);
    s.label = o["label"].as<std::string>();
    return s;
}

// Plain integers (pads may be -1: a crop, not an unknown length).
inline val ints_to_js(const padlab::Shape& s) {
    val a = val::array();
    for (std::size_t i = 0; i < s.size(); ++i) a.set(i, static_cast<double>(s[i]));
    return a;
}

// The spec in the form padlab.js accepts back (presets, layer diagrams): padding is a Keras
// name or [[before, after], ...]; kernel [] means padding only.
inline val diagram_spec_to_js(const padlab::DiagramSpec& s) {
    val o = val::object();
    o.set("input", ints_to_js(s.input));
    o.set("kernel", ints_to_js(s.kernel));
    o.set("strides", ints_to_js(s.strides));
    o.set("dilation", ints_to_js(s.dilation));
    if (s.padding.kind == padlab::PaddingKind::Explicit) {
        val pairs = val::array();
        for (std::size_t i = 0; i < s.padding.pads.size(); ++i) pairs.set(i, ints_to_js({s.padding.pads[i][0], s.padding.pads[i][1]}));
        o.set("padding", pairs);
    } else {
        o.set("padding", padlab::to_string(s.padding.kind));
    }
    o.set("mode", std::string(padlab::to_string(s.mode)));
    o.set("value", s.pad_value);
    o.set("op", std::string(padlab::to_string(s.op)));
    o.set("outputPadding", s.output_padding ? ints_to_js(*s.output_padding) : val::null());
    if (s.values.empty()) {
        o.set("values", val::null());
    } else {
        val v = val::array();
        for (std::size_t i = 0; i < s.values.size(); ++i) v.set(i, s.values[i]);
        o.set("values", v);
    }
    o.set("label", s.label);
    return o;
}

// Flat Int32Array copy of coordinates (grid positions fit easily: <= 2^16 per axis).
inline val int32_array(const std::vector<std::int32_t>& v) {
    val out = val::global("Int32Array").new_(v.size());
    if (!v.empty()) out.call<void>("set", val(emscripten::typed_memory_view(v.size(), v.data())));
    return out;
}

inline constexpr std::size_t kMaxDiagramCells = std::size_t(1) << 16;  // cells per geometry call
inline constexpr std::size_t kMaxDiagramTaps = std::size_t(1) << 16;   // steps x taps per call

// The geometry of a diagram (diagram.hpp) as plain data. Cells and steps are returned in
// columns (typed arrays) that padlab.js turns into objects:
//   view: flat [lo0, hi0, ...] grid region whose cells to list, or null = the whole grid
//         when it has at most kMaxDiagramCells cells (else no cells);
//   step_from / step_to: step range to list; step_from < 0 = every step when the total
//         taps are at most kMaxDiagramTaps (else none).
inline val diagram(const val& spec, const val& view, int step_from, int step_to) {
    return guarded([&] {
        const padlab::Diagram d = padlab::make_diagram(read_diagram_spec(spec));
        const std::size_t rank = d.grid.size();
        val g = val::object();
        g.set("spec", diagram_spec_to_js(d.spec));
        val axes = val::array();
        for (std::size_t i = 0; i < d.axes.size(); ++i) {
            const padlab::AxisArithmetic& a = d.axes[i];
            val x = val::object();
            x.set("input", static_cast<double>(a.input));
            x.set("kernel", static_cast<double>(a.kernel));
            x.set("stride", static_cast<double>(a.stride));
            x.set("dilation", static_cast<double>(a.dilation));
            x.set("effectiveKernel", static_cast<double>(a.effective_kernel()));
            x.set("padBefore", static_cast<double>(a.pad_before));
            x.set("padAfter", static_cast<double>(a.pad_after));
            x.set("output", static_cast<double>(a.output));
            axes.set(i, x);
        }
        g.set("axes", axes);
        g.set("grid", ints_to_js(d.grid));
        g.set("offset", ints_to_js(d.offset));
        g.set("gridStride", ints_to_js(d.grid_stride));
        g.set("output", ints_to_js(d.output));
        g.set("stepCount", static_cast<double>(d.step_count));
        g.set("cellCount", static_cast<double>(padlab::cell_count(d)));
        g.set("padsIgnored", d.pads_ignored);
        g.set("formula", d.formula);
        val notes = val::array();
        for (std::size_t i = 0; i < d.notes.size(); ++i) notes.set(i, d.notes[i]);
        g.set("notes", notes);
        val mask = val::array();
        for (std::size_t a = 0; a < rank; ++a) {
            const std::vector<bool>& m = d.read_mask[a];
            std::vector<std::uint8_t> bytes(m.begin(), m.end());
            val u8 = val::global("Uint8Array").new_(bytes.size());
            if (!bytes.empty()) u8.call<void>("set", val(emscripten::typed_memory_view(bytes.size(), bytes.data())));
            mask.set(a, u8);
        }
        g.set("readMask", mask);

        // Cells of the view, row-major.
        std::vector<padlab::Dim> lo(rank, 0), hi(d.grid.begin(), d.grid.end());
        bool list_cells = true;
        if (view.isNull()) {
            list_cells = padlab::cell_count(d) <= kMaxDiagramCells;
        } else {
            const padlab::Shape v = read_dims(view, "diagram: view");
            if (v.size() != 2 * rank) throw padlab::ArgumentError("diagram: view must hold one [lo, hi] pair per grid axis (" + std::to_string(rank) + ")");
            std::size_t n = 1;
            for (std::size_t a = 0; a < rank; ++a) {
                lo[a] = std::max<padlab::Dim>(0, v[2 * a]);
                hi[a] = std::min<padlab::Dim>(d.grid[a], v[2 * a + 1]);
                if (hi[a] < lo[a]) hi[a] = lo[a];
                n *= static_cast<std::size_t>(hi[a] - lo[a]);
                if (n > kMaxDiagramCells) {
                    throw padlab::LimitError("diagram: the view holds more than " + std::to_string(kMaxDiagramCells) +
                                             " cells; ask for a smaller region");
                }
            }
        }
        if (list_cells) {
            std::size_t n = 1;
            for (std::size_t a = 0; a < rank; ++a) n *= static_cast<std::size_t>(hi[a] - lo[a]);
            std::vector<std::int32_t> pos, src;
            std::vector<std::uint8_t> kind, read;
            std::vector<float> value;
            pos.reserve(n * rank);
            src.reserve(n * rank);
            kind.reserve(n);
            read.reserve(n);
            value.reserve(n);
            padlab::Shape c(lo.begin(), lo.end());
            for (std::size_t i = 0; i < n; ++i) {
                const padlab::DiagramCell cell = padlab::diagram_cell(d, c);
                for (std::size_t a = 0; a < rank; ++a) {
                    pos.push_back(static_cast<std::int32_t>(c[a]));
                    src.push_back(cell.source.empty() ? -1 : static_cast<std::int32_t>(cell.source[a]));
                }
                kind.push_back(static_cast<std::uint8_t>(cell.kind));
                read.push_back(cell.read ? 1 : 0);
                value.push_back(cell.value);
                for (std::size_t a = rank; a-- > 0;) {  // next position, row-major
                    if (++c[a] < hi[a]) break;
                    c[a] = lo[a];
                }
            }
            val cells = val::object();
            val region = val::array();
            for (std::size_t a = 0; a < rank; ++a) region.set(a, ints_to_js({lo[a], hi[a]}));
            cells.set("view", region);
            cells.set("pos", int32_array(pos));
            cells.set("source", int32_array(src));
            val k = val::global("Uint8Array").new_(kind.size());
            if (!kind.empty()) k.call<void>("set", val(emscripten::typed_memory_view(kind.size(), kind.data())));
            cells.set("kind", k);
            val r = val::global("Uint8Array").new_(read.size());
            if (!read.empty()) r.call<void>("set", val(emscripten::typed_memory_view(read.size(), read.data())));
            cells.set("read", r);
            val f = val::global("Float32Array").new_(value.size());
            if (!value.empty()) f.call<void>("set", val(emscripten::typed_memory_view(value.size(), value.data())));
            cells.set("value", f);
            g.set("cells", cells);
        } else {
            g.set("cells", val::null());
        }

        // Steps.
        std::size_t taps = 1;
        for (padlab::Dim k : d.spec.kernel) taps *= static_cast<std::size_t>(k);
        std::size_t from = 0, to = 0;
        bool list_steps = true;
        if (step_from < 0) {
            to = d.step_count;
            list_steps = d.step_count * taps <= kMaxDiagramTaps;
        } else {
            from = std::min<std::size_t>(static_cast<std::size_t>(step_from), d.step_count);
            to = std::min<std::size_t>(std::max(static_cast<std::size_t>(std::max(step_to, 0)), from), d.step_count);
            if ((to - from) * taps > kMaxDiagramTaps) {
                throw padlab::LimitError("diagram: steps " + std::to_string(from) + " to " + std::to_string(to) +
                                         " read more than " + std::to_string(kMaxDiagramTaps) + " cells; ask for fewer steps");
            }
        }
        if (list_steps) {
            std::vector<std::int32_t> out, origin, window;
            for (std::size_t i = from; i < to; ++i) {
                const padlab::DiagramStep st = padlab::diagram_step(d, i);
                for (padlab::Dim v : st.output) out.push_back(static_cast<std::int32_t>(v));
                for (padlab::Dim v : st.origin) origin.push_back(static_cast<std::int32_t>(v));
                for (const padlab::Shape& t : st.window)
                    for (padlab::Dim v : t) window.push_back(static_cast<std::int32_t>(v));
            }
            val steps = val::object();
            steps.set("from", static_cast<double>(from));
            steps.set("to", static_cast<double>(to));
            steps.set("taps", static_cast<double>(taps));
            steps.set("output", int32_array(out));
            steps.set("origin", int32_array(origin));
            steps.set("window", int32_array(window));
            g.set("steps", steps);
        } else {
            g.set("steps", val::null());
        }
        return g;
    });
}

// o: { cell, maxCells, maxSlices, maxFrames, stepSeconds, holdSeconds, values, sources, title, idPrefix,
//      theme, highlight (-1: none), viewHint, outputViewHint ([] or one first cell per axis) }
// (every field present; padlab.js fills the defaults). step < 0: the animated picture.
// Returns { svg } for the animation; for a static step { svg, view, outputView, reads,
// highlightReads } (views as [[lo, hi], ...]; the texts from describe_step, '' when none).
inline val diagram_svg(const val& spec, double step, const val& o) {
    return guarded([&] {
        const padlab::Diagram d = padlab::make_diagram(read_diagram_spec(spec));
        padlab::SvgOptions opt;
        opt.cell = o["cell"].as<int>();
        opt.max_cells = o["maxCells"].as<int>();
        opt.max_slices = o["maxSlices"].as<int>();
        opt.max_frames = static_cast<std::size_t>(o["maxFrames"].as<double>());
        opt.step_seconds = o["stepSeconds"].as<double>();
        opt.hold_seconds = o["holdSeconds"].as<double>();
        opt.values = o["values"].as<bool>();
        opt.sources = o["sources"].as<bool>();
        opt.title = o["title"].as<std::string>();
        opt.id_prefix = o["idPrefix"].as<std::string>();
        opt.theme = padlab::parse_svg_theme(o["theme"].as<std::string>());
        const double highlight = o["highlight"].as<double>();
        if (highlight >= 0) opt.highlight = static_cast<std::size_t>(highlight);
        opt.view_hint = read_dims(o["viewHint"], "diagramSvg: viewHint");
        opt.output_view_hint = read_dims(o["outputViewHint"], "diagramSvg: outputViewHint");
        val out = val::object();
        if (step < 0) {
            out.set("svg", padlab::render_svg_animated(d, opt));
            return out;
        }
        const std::size_t at = static_cast<std::size_t>(step);
        const padlab::SvgPicture picture = padlab::render_svg_picture(d, at, opt);
        auto ranges = [](const std::vector<std::array<padlab::Dim, 2>>& view) {
            val list = val::array();
            for (std::size_t a = 0; a < view.size(); ++a) {
                val r = val::array();
                r.set(0, static_cast<double>(view[a][0]));
                r.set(1, static_cast<double>(view[a][1]));
                list.set(a, r);
            }
            return list;
        };
        out.set("svg", picture.svg);
        out.set("view", ranges(picture.view));
        out.set("outputView", ranges(picture.output_view));
        out.set("reads", d.step_count ? padlab::describe_step(d, at) : std::string());
        out.set("highlightReads", opt.highlight ? padlab::describe_step(d, *opt.highlight) : std::string());
        return out;
    });
}

inline val diagram_presets() {
    return guarded([] {
        val list = val::array();
        const auto& presets = padlab::diagram_presets();
        for (std::size_t i = 0; i < presets.size(); ++i) {
            val p = val::object();
            p.set("name", std::string(presets[i].name));
            p.set("summary", std::string(presets[i].summary));
            p.set("spec", diagram_spec_to_js(presets[i].spec));
            list.set(i, p);
        }
        return list;
    });
}

}  // namespace padlab_wasm

// Registers the functions both modules share.
#define PADLAB_REGISTER_DIAGRAM_FUNCTIONS()                                      \
    emscripten::function("diagram", &padlab_wasm::diagram);                     \
    emscripten::function("diagramSvg", &padlab_wasm::diagram_svg);              \
    emscripten::function("diagramPresets", &padlab_wasm::diagram_presets)
