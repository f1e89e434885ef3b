#include "core/diagram/diagram.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/base/errors.hpp"
#include "core/model/receptive_field.hpp"
#include "core/ops/window_coverage.hpp"

namespace padlab {

namespace {

// Far above anything readable, low enough that products of grid lengths never overflow and
// per-axis masks stay small.
constexpr Dim kMaxAxisCells = Dim(1) << 16;
constexpr Dim kMaxGridCells = Dim(1) << 30;
constexpr std::size_t kMaxListedCells = std::size_t(1) << 20;

const char* const kAxisNames3[] = {"depth", "rows", "cols"};

std::string layer_class_for(WindowOp op, std::size_t rank) {
    const std::string r = std::to_string(rank) + "D";
    switch (op) {
        case WindowOp::Conv: return "Conv" + r;
        case WindowOp::Pool: return "MaxPooling" + r;
        case WindowOp::ConvTranspose: return "Conv" + r + "Transpose";
    }
    return "Conv" + r;
}

// Keras's int shorthand: one value stands for every axis.
Shape broadcast(const Shape& values, std::size_t rank, Dim fallback, const char* name) {
    if (values.empty()) return Shape(rank, fallback);
    if (values.size() == 1) return Shape(rank, values[0]);
    if (values.size() != rank) {
        throw ArgumentError("diagram: `" + std::string(name) + "` has " + std::to_string(values.size()) +
                            " entries but the input has " + std::to_string(rank) + " spatial axes");
    }
    return values;
}

// One line for every axis when they agree, else "rows: ...; cols: ...".
std::string join_axes(const std::vector<std::string>& per_axis, const std::string& same_suffix) {
    const std::size_t rank = per_axis.size();
    if (std::all_of(per_axis.begin(), per_axis.end(), [&](const std::string& s) { return s == per_axis[0]; })) {
        return per_axis[0] + (rank > 1 ? same_suffix : std::string());
    }
    std::string out;
    for (std::size_t i = 0; i < rank; ++i) {
        if (i) out += "; ";
        out += std::string(kAxisNames3[3 - rank + i]) + ": " + per_axis[i];
    }
    return out;
}

std::string mode_note(const DiagramSpec& s, bool pads_ignored) {
    if (pads_ignored) return "pooling ignores padded cells (max-pooling treats them as \u2212\u221e, average-pooling leaves them out)";
    switch (s.mode) {
        case PadMode::Constant:
            return s.pad_value == 0.0f ? "padding values: zeros" : "padding values: the constant " + format_value(s.pad_value);
        case PadMode::Reflect: return "reflect: padded cells mirror the input without repeating the edge";
        case PadMode::Symmetric: return "symmetric: padded cells mirror the input including the edge";
        case PadMode::Replicate: return "replicate: padded cells repeat the edge value";
        case PadMode::Circular: return "circular: padded cells wrap around to the other end";
    }
    return "";
}

void check_input(const Shape& input) {
    if (input.empty() || input.size() > 3) {
        throw ArgumentError("diagram: the input must have 1, 2 or 3 spatial axes, got " + std::to_string(input.size()));
    }
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (input[i] == kNone)
            throw ShapeError("diagram: input axis " + std::to_string(i) + " has an unknown length (None); a diagram needs a known length");
        if (input[i] < 1)
            throw ShapeError("diagram: input axis " + std::to_string(i) + " has length " + std::to_string(input[i]) + "; it must be >= 1");
        if (input[i] > kMaxAxisCells)
            throw LimitError("diagram: input axis " + std::to_string(i) + " has length " + std::to_string(input[i]) +
                             ", above the " + std::to_string(kMaxAxisCells) + " a diagram can draw");
    }
}

void check_grid(const Shape& grid) {
    Dim n = 1;
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (grid[i] > kMaxAxisCells)
            throw LimitError("diagram: the padded grid has " + std::to_string(grid[i]) + " cells on axis " +
                             std::to_string(i) + ", above the " + std::to_string(kMaxAxisCells) + " a diagram can draw");
        n *= grid[i];
    }
    if (n > kMaxGridCells)
        throw LimitError("diagram: the padded grid " + shape_to_python(grid) + " has more cells than a diagram can draw");
}

Dim product(const Shape& s) {
    Dim n = 1;
    for (Dim v : s) n *= v;
    return n;
}

// Row-major coordinates of flat index i in shape s.
Shape unflatten(std::size_t i, const Shape& s) {
    Shape c(s.size());
    for (std::size_t a = s.size(); a-- > 0;) {
        c[a] = static_cast<Dim>(i % static_cast<std::size_t>(s[a]));
        i /= static_cast<std::size_t>(s[a]);
    }
    return c;
}

void make_padding_only(Diagram& d) {
    const DiagramSpec& s = d.spec;
    const std::size_t rank = s.input.size();
    if (s.padding.kind != PaddingKind::Explicit) {
        throw ArgumentError("diagram: a diagram without a kernel shows explicit padding or cropping only; got padding='" +
                            to_string(s.padding.kind) + "' (give a kernel, or explicit pads)");
    }
    if (s.padding.pads.size() != rank) {
        throw ArgumentError("diagram: explicit padding has " + std::to_string(s.padding.pads.size()) +
                            " (before, after) pairs but the input has " + std::to_string(rank) + " spatial axes");
    }
    Pads positive(rank);
    std::vector<std::string> formulas, splits;
    bool crops = false, pads = false;
    for (std::size_t i = 0; i < rank; ++i) {
        const Pad& p = s.padding.pads[i];
        const Dim L = s.input[i];
        const Dim crop = std::max<Dim>(-p[0], 0) + std::max<Dim>(-p[1], 0);
        if (crop >= L) {
            // Keras's Cropping text, naming the axis.
            throw ArgumentError("Values in `cropping` argument should be smaller than the corresponding spatial dimension "
                                "of the input. Axis " + std::to_string(i) + " has length " + std::to_string(L) +
                                " and cropping (" + std::to_string(std::max<Dim>(-p[0], 0)) + ", " +
                                std::to_string(std::max<Dim>(-p[1], 0)) + ")");
        }
        positive[i] = {std::max<Dim>(p[0], 0), std::max<Dim>(p[1], 0)};
        crops = crops || p[0] < 0 || p[1] < 0;
        pads = pads || p[0] > 0 || p[1] > 0;
        AxisArithmetic a;
        a.input = L;
        a.kernel = 1;
        a.pad_before = p[0];
        a.pad_after = p[1];
        a.output = L + p[0] + p[1];
        d.axes.push_back(a);
        d.offset.push_back(positive[i][0]);
        d.grid.push_back(L + positive[i][0] + positive[i][1]);
        d.output.push_back(a.output);
        d.grid_stride.push_back(1);
        std::string f = "out = " + std::to_string(L);
        for (Dim v : {p[0], p[1]}) f += (v < 0 ? " \u2212 " : " + ") + std::to_string(std::abs(v));
        formulas.push_back(f + " = " + std::to_string(a.output));
        splits.push_back(std::to_string(std::abs(p[0])) + " before, " + std::to_string(std::abs(p[1])) + " after");
    }
    check_grid(d.grid);
    validate_pads(s.input, positive, s.mode);
    d.formula = join_axes(formulas, " (each axis)");
    if (pads) d.notes.push_back("padding only (no kernel): " + join_axes(splits, " on each axis"));
    if (crops) d.notes.push_back("cropping removes the outlined cells: nothing is read, the rest is copied");
    if (pads) d.notes.push_back(mode_note(s, false));
    for (std::size_t i = 0; i < rank; ++i) d.read_mask.emplace_back(static_cast<std::size_t>(d.grid[i]), true);
    d.step_count = 0;
}

void make_windowed(Diagram& d) {
    DiagramSpec& s = d.spec;
    const std::size_t rank = s.input.size();
    const std::string cls = layer_class_for(s.op, rank);
    d.axes = window_arithmetic(s.op, s.input, s.kernel, s.strides, s.dilation, s.padding, cls, s.output_padding);
    const bool transpose = s.op == WindowOp::ConvTranspose;
    if (transpose && s.mode != PadMode::Constant) {
        throw ArgumentError("diagram: a transposed convolution pads with zeros only; got mode '" +
                            std::string(to_string(s.mode)) + "'");
    }
    std::vector<std::string> formulas, splits;
    Pads pads(rank);
    for (std::size_t i = 0; i < rank; ++i) {
        const AxisArithmetic& a = d.axes[i];
        const Dim dk = a.effective_kernel();
        if (transpose) {
            // A transposed conv is a stride-1 conv over the input spread out by s (s - 1 zeros
            // between cells) and padded by dk - 1 minus what Keras crops from each end.
            const Dim before = dk - 1 - a.pad_before;
            const Dim after = dk - 1 - a.pad_after;
            if (before < 0 || after < 0) {
                throw UnsupportedError("diagram: the transposed convolution crops more than its kernel overlaps on axis " +
                                       std::to_string(i) + "; PadLab cannot draw that case");
            }
            d.offset.push_back(before);
            d.grid.push_back(before + (a.input - 1) * a.stride + 1 + after);
            d.grid_stride.push_back(1);
            pads[i] = {before, after};
            // Keras's deconv length: the full overlap (L - 1)*s + dk, minus what it crops.
            const Dim crop = a.pad_before + a.pad_after;
            std::string f = "out = (" + std::to_string(a.input) + " \u2212 1)\u00b7" + std::to_string(a.stride) + " + " +
                            std::to_string(dk);
            if (crop > 0) f += " \u2212 " + std::to_string(crop);
            if (crop < 0) f += " + " + std::to_string(-crop);
            formulas.push_back(f + " = " + std::to_string(a.output));
            splits.push_back(std::to_string(before) + " before, " + std::to_string(after) + " after");
        } else {
            d.offset.push_back(a.pad_before);
            d.grid.push_back(a.input + a.pad_before + a.pad_after);
            d.grid_stride.push_back(a.stride);
            pads[i] = {a.pad_before, a.pad_after};
            formulas.push_back("out = \u2308(" + std::to_string(a.input) + " + " + std::to_string(a.pad_before) + " + " +
                               std::to_string(a.pad_after) + " \u2212 " + std::to_string(dk) + " + 1) / " +
                               std::to_string(a.stride) + "\u2309 = " + std::to_string(a.output));
            splits.push_back(std::to_string(a.pad_before) + " before, " + std::to_string(a.pad_after) + " after");
        }
        d.output.push_back(a.output);
    }
    check_grid(d.grid);
    if (!transpose) validate_pads(s.input, pads, s.mode);
    d.pads_ignored = s.op == WindowOp::Pool && s.mode == PadMode::Constant;
    d.step_count = static_cast<std::size_t>(product(d.output));
    for (std::size_t i = 0; i < rank; ++i) {
        d.read_mask.push_back(window_read_mask(d.grid[i], d.output[i], s.kernel[i], d.grid_stride[i], s.dilation[i]));
    }

    d.formula = join_axes(formulas, " (each axis)");

    // Notes: how big the window really is, how the padding was chosen, what fills it.
    std::vector<std::string> dk_text;
    bool dilated = false;
    for (std::size_t i = 0; i < rank; ++i) {
        const AxisArithmetic& a = d.axes[i];
        dilated = dilated || a.dilation > 1;
        dk_text.push_back("dk = " + std::to_string(a.dilation) + "\u00b7(" + std::to_string(a.kernel) + " \u2212 1) + 1 = " +
                          std::to_string(a.effective_kernel()));
    }
    if (dilated) d.notes.push_back("dilation spreads the kernel: " + join_axes(dk_text, " on each axis"));

    std::vector<std::string> how;
    bool odd_same = false;
    for (std::size_t i = 0; i < rank; ++i) {
        const AxisArithmetic& a = d.axes[i];
        const Dim dk = a.effective_kernel();
        switch (s.padding.kind) {
            case PaddingKind::Same:
                if (transpose) {
                    how.push_back(splits[i]);
                } else {
                    const Dim total = a.pad_before + a.pad_after;
                    odd_same = odd_same || total % 2 == 1;
                    how.push_back("total " + std::to_string(total) + " = " + splits[i]);
                }
                break;
            case PaddingKind::Causal:
                how.push_back("dk \u2212 1 = " + std::to_string(dk - 1) + " before, none after");
                break;
            case PaddingKind::Full:
                how.push_back(transpose ? splits[i] : "dk \u2212 1 = " + std::to_string(dk - 1) + " on both sides");
                break;
            default:
                how.push_back(splits[i]);
                break;
        }
    }
    const std::string kind = s.padding.kind == PaddingKind::Explicit ? "explicit padding" : to_string(s.padding.kind);
    if (transpose) {
        std::vector<std::string> gaps;
        for (std::size_t i = 0; i < rank; ++i) gaps.push_back(std::to_string(d.axes[i].stride - 1));
        d.notes.push_back("transposed (" + kind + "): a stride-1 conv over the input with " +
                          join_axes(gaps, " per axis") + " zero(s) inserted between cells, padded " +
                          join_axes(how, " on each axis"));
    } else if (s.padding.kind == PaddingKind::Valid) {
        d.notes.push_back("valid: no padding");
    } else {
        std::string note = kind + ": " + join_axes(how, " on each axis");
        if (odd_same) note += " (odd total: the extra cell goes after, as TensorFlow does)";
        if (s.padding.kind == PaddingKind::Causal) {
            const Dim dk1 = d.axes[0].effective_kernel() - 1;
            const std::string t = d.axes[0].stride == 1 ? "t" : "t\u00b7" + std::to_string(d.axes[0].stride);
            note += "; output t reads inputs " + t + " \u2212 " + std::to_string(dk1) + " \u2026 " + t + " only";
        }
        d.notes.push_back(note);
    }
    bool any_pad = false;
    for (const Pad& p : pads) any_pad = any_pad || p[0] > 0 || p[1] > 0;
    if (any_pad && !transpose) d.notes.push_back(mode_note(s, d.pads_ignored));
    if (any_pad && !transpose) {
        // The padding reach of this one layer (core/model/receptive_field.hpp), for the workbench.
        double clean = 1.0;
        for (std::size_t i = 0; i < rank; ++i) {
            const AxisArithmetic& a = d.axes[i];
            const AxisField f = window_field(s.input[i], a.output, a.kernel, a.stride, a.dilation, pads[i],
                                             s.padding.kind == PaddingKind::Same);
            clean *= static_cast<double>(a.output - f.border_affected);
        }
        const auto affected = static_cast<long long>(static_cast<double>(d.step_count) - clean);
        d.notes.push_back(std::to_string(affected) + " of " + std::to_string(d.step_count) +
                          (d.step_count == 1 ? " output reads" : " outputs read") + " padding");
    }

    std::size_t unread = 0;
    for (std::size_t i = 0; i < rank; ++i) {
        for (std::size_t g = 0; g < d.read_mask[i].size(); ++g) {
            const Dim in = static_cast<Dim>(g) - d.offset[i];
            if (!d.read_mask[i][g] && in >= 0 && in < s.input[i]) ++unread;
        }
    }
    if (unread > 0) d.notes.push_back("faded cells are never read by any window (the stride steps past them)");
}

float input_value(const Diagram& d, const Shape& src) {
    std::size_t flat = 0;
    for (std::size_t a = 0; a < src.size(); ++a) flat = flat * static_cast<std::size_t>(d.spec.input[a]) + static_cast<std::size_t>(src[a]);
    if (d.spec.values.empty()) return static_cast<float>(flat + 1);
    return d.spec.values[flat];
}

void check_pos(const Diagram& d, const Shape& pos, const char* what) {
    if (pos.size() != d.grid.size()) {
        throw ArgumentError(std::string("diagram: ") + what + " has " + std::to_string(pos.size()) +
                            " coordinates but the diagram has " + std::to_string(d.grid.size()) + " axes");
    }
}

}  // namespace

Diagram make_diagram(const DiagramSpec& spec) {
    check_input(spec.input);
    Diagram d;
    d.spec = spec;
    DiagramSpec& s = d.spec;
    const std::size_t rank = s.input.size();
    const Dim n = product(s.input);
    if (!s.values.empty() && static_cast<Dim>(s.values.size()) != n) {
        throw ArgumentError("diagram: " + std::to_string(s.values.size()) + " input values given for an input of " +
                            std::to_string(n) + " cells " + shape_to_python(s.input));
    }
    if (s.kernel.empty()) {
        if (s.op != WindowOp::Conv)
            throw ArgumentError("diagram: pooling and transposed convolution need a kernel (pool) size");
        s.strides = Shape(rank, 1);
        s.dilation = Shape(rank, 1);
        make_padding_only(d);
        return d;
    }
    s.kernel = broadcast(s.kernel, rank, 1, "kernel");
    s.strides = broadcast(s.strides, rank, 1, "strides");
    if (spec.strides.empty() && s.op == WindowOp::Pool) s.strides = s.kernel;  // Keras: strides=None -> pool_size
    s.dilation = broadcast(s.dilation, rank, 1, "dilation");
    if (s.padding.kind == PaddingKind::Explicit && s.padding.pads.size() == 1 && rank > 1)
        s.padding.pads = Pads(rank, s.padding.pads[0]);
    if (s.output_padding) s.output_padding = broadcast(*s.output_padding, rank, 0, "output_padding");
    make_windowed(d);
    return d;
}

std::size_t cell_count(const Diagram& d) { return static_cast<std::size_t>(product(d.grid)); }

DiagramCell diagram_cell(const Diagram& d, const Shape& pos) {
    check_pos(d, pos, "cell position");
    DiagramCell c;
    c.pos = pos;
    const std::size_t rank = pos.size();
    const bool transpose = d.spec.op == WindowOp::ConvTranspose;
    Shape src(rank);
    bool constant = false, gap = false, pad = false, cropped = false;
    for (std::size_t a = 0; a < rank; ++a) {
        if (pos[a] < 0 || pos[a] >= d.grid[a]) {
            throw ArgumentError("diagram: cell position " + shape_to_python(pos) + " is outside the grid " +
                                shape_to_python(d.grid));
        }
        c.read = c.read && d.read_mask[a][static_cast<std::size_t>(pos[a])];
        Dim rel = pos[a] - d.offset[a];
        const Dim L = d.spec.input[a];
        if (transpose) {
            const Dim s = d.axes[a].stride;
            const Dim last = (L - 1) * s;
            if (rel < 0 || rel > last) {
                pad = constant = true;
                continue;
            }
            if (rel % s != 0) {
                gap = true;
                continue;
            }
            rel /= s;
        }
        if (rel < 0 || rel >= L) {
            pad = true;
            const Dim j = pad_source_index(rel, L, d.spec.mode);
            if (j < 0) constant = true;
            src[a] = j;
        } else {
            src[a] = rel;
            if (d.spec.kernel.empty()) {
                const Pad& p = d.spec.padding.pads[a];
                if (rel < -p[0] || rel >= L + p[1]) cropped = true;
            }
        }
    }
    if (gap && !pad) {
        c.kind = CellKind::Gap;
        c.value = 0.0f;
    } else if (pad) {
        c.kind = CellKind::Pad;
        if (constant || gap) {
            c.value = transpose ? 0.0f : d.spec.pad_value;
        } else {
            c.source = src;
            c.value = input_value(d, src);
        }
    } else {
        c.kind = cropped ? CellKind::Cropped : CellKind::Input;
        c.source = src;
        c.value = input_value(d, src);
    }
    return c;
}

std::vector<DiagramCell> diagram_cells(const Diagram& d) {
    const std::size_t n = cell_count(d);
    if (n > kMaxListedCells) {
        throw LimitError("diagram: the grid " + shape_to_python(d.grid) + " has " + std::to_string(n) +
                         " cells, too many to list at once; ask for cells one by one");
    }
    std::vector<DiagramCell> cells;
    cells.reserve(n);
    for (std::size_t i = 0; i < n; ++i) cells.push_back(diagram_cell(d, unflatten(i, d.grid)));
    return cells;
}

DiagramStep diagram_step(const Diagram& d, std::size_t index) {
    if (index >= d.step_count) {
        throw ArgumentError("diagram: step " + std::to_string(index) + " does not exist; the diagram has " +
                            std::to_string(d.step_count) + " steps");
    }
    DiagramStep st;
    st.index = index;
    st.output = unflatten(index, d.output);
    const std::size_t rank = d.grid.size();
    st.origin.resize(rank);
    for (std::size_t a = 0; a < rank; ++a) st.origin[a] = st.output[a] * d.grid_stride[a];
    const std::size_t taps = static_cast<std::size_t>(product(d.spec.kernel));
    st.window.reserve(taps);
    for (std::size_t t = 0; t < taps; ++t) {
        Shape tap = unflatten(t, d.spec.kernel);
        for (std::size_t a = 0; a < rank; ++a) tap[a] = st.origin[a] + tap[a] * d.spec.dilation[a];
        st.window.push_back(std::move(tap));
    }
    return st;
}

std::size_t step_index(const Diagram& d, const Shape& output) {
    check_pos(d, output, "output cell");
    std::size_t flat = 0;
    for (std::size_t a = 0; a < output.size(); ++a) {
        if (output[a] < 0 || output[a] >= d.output[a]) {
            throw ArgumentError("diagram: output cell " + shape_to_python(output) + " is outside the output " +
                                shape_to_python(d.output));
        }
        flat = flat * static_cast<std::size_t>(d.output[a]) + static_cast<std::size_t>(output[a]);
    }
    if (d.step_count == 0) throw ArgumentError("diagram: a padding-only diagram has no steps");
    return flat;
}

std::vector<Shape> receptive_field(const Diagram& d, const Shape& output) {
    return diagram_step(d, step_index(d, output)).window;
}

std::string describe_step(const Diagram& d, std::size_t index) {
    const DiagramStep st = diagram_step(d, index);
    const std::size_t rank = d.grid.size();
    Dim pads = 0, gaps = 0;
    Shape lo, hi;
    for (const Shape& t : st.window) {
        const DiagramCell cell = diagram_cell(d, t);
        if (cell.kind == CellKind::Gap) {
            ++gaps;
        } else if (cell.kind != CellKind::Input) {
            ++pads;
        } else if (lo.empty()) {
            lo = hi = cell.source;
        } else {
            for (std::size_t a = 0; a < rank; ++a) {
                lo[a] = std::min(lo[a], cell.source[a]);
                hi[a] = std::max(hi[a], cell.source[a]);
            }
        }
    }
    std::vector<std::string> parts;
    if (pads) parts.push_back(std::to_string(pads) + " padding");
    if (gaps) parts.push_back(std::to_string(gaps) + (gaps == 1 ? " inserted zero" : " inserted zeros"));
    std::string head;
    if (rank == 1) {
        if (!lo.empty())
            parts.push_back(lo[0] == hi[0] ? "x" + std::to_string(lo[0])
                                           : "x" + std::to_string(lo[0]) + " \u2026 x" + std::to_string(hi[0]));
        head = "y" + std::to_string(st.output[0]);
    } else {
        static const char* names2[] = {"rows", "cols"};
        static const char* names3[] = {"depth", "rows", "cols"};
        const char* const* names = rank == 2 ? names2 : names3;
        if (!lo.empty()) {
            std::string in = "input";
            for (std::size_t a = 0; a < rank; ++a) {
                in += std::string(a ? ", " : " ") + names[a] + " " +
                      (lo[a] == hi[a] ? std::to_string(lo[a]) : std::to_string(lo[a]) + "\u2013" + std::to_string(hi[a]));
            }
            parts.push_back(in);
        }
        head = "output (";
        for (std::size_t a = 0; a < rank; ++a) head += (a ? ", " : "") + std::to_string(st.output[a]);
        head += ")";
    }
    std::string out = head + " reads ";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " + " : "") + parts[i];
    return out;
}

std::string format_value(float v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "\u221e" : "\u2212\u221e";
    const double x = v;
    const bool neg = x < 0;
    const double ax = std::fabs(x);
    std::string out;
    if (ax >= 1e7) {
        // Scientific with 2 decimals, built by hand so no locale can change the separator.
        int e = static_cast<int>(std::floor(std::log10(ax)));
        double m = ax / std::pow(10.0, e);
        long long m100 = std::llround(m * 100);
        if (m100 >= 1000) { m100 /= 10; ++e; }
        out = std::to_string(m100 / 100);
        const long long frac = m100 % 100;
        if (frac) out += "." + std::string(frac < 10 ? "0" : "") + std::to_string(frac % 10 == 0 ? frac / 10 : frac);
        out += "e" + std::to_string(e);
    } else {
        const long long milli = std::llround(ax * 1000);
        out = std::to_string(milli / 1000);
        long long frac = milli % 1000;
        if (frac) {
            std::string f = std::to_string(frac);
            f = std::string(3 - f.size(), '0') + f;
            while (!f.empty() && f.back() == '0') f.pop_back();
            out += "." + f;
        }
        if (milli == 0) return "0";
    }
    return neg ? "\u2212" + out : out;
}

}  // namespace padlab
