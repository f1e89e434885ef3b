#include "core/ops/conv_arithmetic.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/base/errors.hpp"

namespace padlab {

namespace {


// Python's str() of a small set of ints, sorted so the text is deterministic: "{-1}", "{-2, 0}".
std::string py_set(const std::set<Dim>& values) {
    std::string out = "{";
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it != values.begin()) out += ", ";
        out += std::to_string(*it);
    }
    return out + "}";
}

std::string pads_text(const Pads& pads) {
    std::string out = "(";
    for (std::size_t i = 0; i < pads.size(); ++i) {
        if (i) out += ", ";
        out += "(" + std::to_string(pads[i][0]) + ", " + std::to_string(pads[i][1]) + ")";
    }
    if (pads.size() == 1) out += ",";
    return out + ")";
}

std::string padding_text(const Padding& padding) {
    return padding.kind == PaddingKind::Explicit ? pads_text(padding.pads) : to_string(padding.kind);
}

// Arguments above 2^31 are refused so that products like d*(k-1) or (L-1)*s stay far from
// int64 overflow (no real model comes near this).
constexpr Dim kMaxArgument = Dim(1) << 31;

void check_magnitude(Dim value, std::string_view name, std::string_view layer_class) {
    if (value > kMaxArgument) {
        throw LimitError(std::string(layer_class) + ": `" + std::string(name) + "` value " + std::to_string(value) +
                         " is above the supported maximum " + std::to_string(kMaxArgument));
    }
}

void check_magnitudes(const Shape& values, std::string_view name, std::string_view layer_class) {
    for (Dim v : values) check_magnitude(v, name, layer_class);
}

Dim ceil_div(Dim a, Dim b) {
    // b > 0 always; a may be negative (valid conv with kernel > input), so use floor semantics.
    return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

Dim floor_div(Dim a, Dim b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Forward (conv/pool) arithmetic of one axis, without validation. Output may come out <= 0;
// callers decide how to report that.
AxisArithmetic forward_axis(Dim input, Dim kernel, Dim stride, Dim dilation, const Padding& padding,
                            std::size_t axis) {
    AxisArithmetic a;
    a.input = input;
    a.kernel = kernel;
    a.stride = stride;
    a.dilation = dilation;
    const Dim dk = a.effective_kernel();
    const bool known = input != kNone;
    switch (padding.kind) {
        case PaddingKind::Valid:
            a.pad_before = a.pad_after = 0;
            a.output = known ? ceil_div(input - dk + 1, stride) : kNone;
            break;
        case PaddingKind::Same: {
            a.output = known ? ceil_div(input, stride) : kNone;
            // With stride 1 the total is dk-1 whatever L is, so it is known even for L = None.
            Dim total = kNone;
            if (known) total = std::max<Dim>(0, (a.output - 1) * stride + dk - input);
            else if (stride == 1) total = dk - 1;
            if (total == kNone) {
                a.pad_before = a.pad_after = kUnknownPad;
            } else {
                a.pad_before = total / 2;  // TF: the odd cell goes AFTER
                a.pad_after = total - a.pad_before;
            }
            break;
        }
        case PaddingKind::Causal:
            a.pad_before = dk - 1;
            a.pad_after = 0;
            a.output = known ? ceil_div(input, stride) : kNone;
            break;
        case PaddingKind::Full:
            a.pad_before = a.pad_after = dk - 1;
            a.output = known ? ceil_div(input + dk - 1, stride) : kNone;
            break;
        case PaddingKind::Explicit: {
            const Pad& p = padding.pads.at(axis);
            a.pad_before = p[0];
            a.pad_after = p[1];
            a.output = known ? floor_div(input + p[0] + p[1] - dk, stride) + 1 : kNone;
            break;
        }
    }
    return a;
}

// Transposed-conv arithmetic of one axis, without validation. pad_before/pad_after are what is
// cropped from the full-length result (L-1)*s + dk, so output = full - before - after always.
// They never depend on L (the Keras formulas are all "full minus a constant"). A negative
// pad_after means cells appended at the end (output_padding or a stride longer than the kernel).
AxisArithmetic transpose_axis(Dim input, Dim kernel, Dim stride, Dim dilation, const Padding& padding,
                              std::optional<Dim> output_padding, std::size_t axis) {
    AxisArithmetic a;
    a.input = input;
    a.kernel = kernel;
    a.stride = stride;
    a.dilation = dilation;
    const Dim dk = a.effective_kernel();
    const bool has_op = output_padding.has_value();
    const Dim op = output_padding.value_or(0);
    Dim crop = 0;  // full length minus output length, from Keras's deconv_output_length
    switch (padding.kind) {
        case PaddingKind::Valid:
            // Keras: L*s + max(dk - s, 0) without output_padding, (L-1)*s + dk + op with it.
            crop = has_op ? -op : std::min<Dim>(dk - stride, 0);
            a.pad_before = 0;
            a.pad_after = crop;
            break;
        case PaddingKind::Same:
            // Keras: L*s without output_padding, (L-1)*s + dk - 2*(dk/2) + op with it. The split
            // is TF's forward 'same' split of the crop: extra cell after.
            crop = has_op ? 2 * (dk / 2) - op : dk - stride;
            a.pad_before = std::max<Dim>(crop, 0) / 2;
            a.pad_after = crop - a.pad_before;
            break;
        case PaddingKind::Full:
            // Keras: L*s - (s + dk - 2) without output_padding, (L-1)*s - dk + 2 + op with it.
            crop = 2 * (dk - 1) - op;
            a.pad_before = dk - 1;
            a.pad_after = crop - a.pad_before;
            break;
        case PaddingKind::Causal:
            // Rejected by window_arithmetic; a one-sided crop is the natural single-axis meaning.
            crop = dk - 1 - op;
            a.pad_before = 0;
            a.pad_after = crop;
            break;
        case PaddingKind::Explicit: {
            const Pad& p = padding.pads.at(axis);
            crop = p[0] + p[1] - op;
            a.pad_before = p[0];
            a.pad_after = crop - p[0];
            break;
        }
    }
    a.output = input == kNone ? kNone : (input - 1) * stride + dk - crop;
    return a;
}

void check_axis_values(Dim input, Dim kernel, Dim stride, Dim dilation, std::size_t axis) {
    check_magnitude(input, "input length", "axis " + std::to_string(axis));
    check_magnitude(kernel, "kernel", "axis " + std::to_string(axis));
    check_magnitude(stride, "stride", "axis " + std::to_string(axis));
    check_magnitude(dilation, "dilation", "axis " + std::to_string(axis));
    if (kernel < 1 || stride < 1 || dilation < 1) {
        throw ArgumentError("axis " + std::to_string(axis) + ": kernel, stride and dilation must be >= 1. Received kernel=" +
                            std::to_string(kernel) + ", stride=" + std::to_string(stride) +
                            ", dilation=" + std::to_string(dilation));
    }
}

void check_single_output(const AxisArithmetic& a, const Padding& padding, std::size_t axis) {
    if (a.input != kNone && a.output <= 0) {  // output -1 is a real length here, not kNone
        throw ShapeError("Computed output size would be zero or negative on axis " + std::to_string(axis) +
                         " (output length " + std::to_string(a.output) + "). Received input length " +
                         std::to_string(a.input) + ", kernel " + std::to_string(a.kernel) + ", stride " +
                         std::to_string(a.stride) + ", dilation " + std::to_string(a.dilation) +
                         ", padding=" + padding_text(padding) + ".");
    }
}

void check_explicit_pads(const Padding& padding, std::size_t rank, std::string_view layer_class) {
    if (padding.kind != PaddingKind::Explicit) return;
    if (padding.pads.size() != rank) {
        throw ArgumentError(std::string(layer_class) + ": explicit `padding` has " + std::to_string(padding.pads.size()) +
                            " (before, after) pairs but the input has " + std::to_string(rank) +
                            " spatial axes. Received padding=" + pads_text(padding.pads));
    }
    for (std::size_t i = 0; i < rank; ++i) {
        check_magnitude(padding.pads[i][0], "padding", layer_class);
        check_magnitude(padding.pads[i][1], "padding", layer_class);
        if (padding.pads[i][0] < 0 || padding.pads[i][1] < 0) {
            throw ArgumentError(std::string(layer_class) + ": explicit `padding` values must be >= 0, axis " +
                                std::to_string(i) + " has " + pads_text({padding.pads[i]}) +
                                ". Received padding=" + pads_text(padding.pads));
        }
    }
}

// Keras's normalize_tuple + the Conv "cannot contain 0(s)" check, in the order Keras runs them.
// zero_rule: "" = 0 is fine (output_padding), otherwise 0 passes the tuple check and is then
// rejected with "The argument `name` <zero_rule> 0(s)" (kernel_size, strides). allow_zero false:
// 0 fails the tuple check itself (dilation_rate).
void check_tuple(const Shape& values, std::size_t rank, std::string_view name, std::string_view layer_class,
                 bool allow_zero, std::string_view zero_rule) {
    if (values.size() != rank) {
        throw ArgumentError("The `" + std::string(name) + "` argument must be a tuple of " + std::to_string(rank) +
                            " integers. Received " + std::string(name) + "=" + python_tuple(values) + " (" +
                            std::string(layer_class) + " has " + std::to_string(rank) + " spatial axes)");
    }
    // Keras allows 0 at the tuple stage for kernel_size/strides (then rejects it with its own
    // message), but never negatives; dilation_rate must be > 0 outright.
    std::set<Dim> bad;
    for (Dim v : values)
        if (v < 0 || (v == 0 && !allow_zero)) bad.insert(v);
    if (!bad.empty()) {
        throw ArgumentError("The `" + std::string(name) + "` argument must be a tuple of " + std::to_string(rank) +
                            " integers. Received " + std::string(name) + "=" + python_tuple(values) + " including " +
                            py_set(bad) + " that does not satisfy the requirement `" +
                            (allow_zero ? ">= 0" : "> 0") + "`.");
    }
    if (allow_zero && !zero_rule.empty() && std::find(values.begin(), values.end(), 0) != values.end()) {
        // "cannot contains" (strides) is Keras's own typo, kept so messages match.
        throw ArgumentError("The argument `" + std::string(name) + "` " + std::string(zero_rule) +
                            " 0(s). Received: " + python_tuple(values));
    }
}

}  // namespace

const NameTable<PaddingKind>& padding_vocabulary() {
    static const NameTable<PaddingKind> table(
        NameCase::Insensitive,
        {
            {PaddingKind::Valid, "valid", {}, "no padding: the window stays inside the input"},
            {PaddingKind::Same, "same", {}, "out = ceil(L / s); the odd cell of padding goes after"},
            {PaddingKind::Causal, "causal", {}, "dk - 1 cells before, none after (1D only)"},
            {PaddingKind::Full, "full", {}, "dk - 1 cells on both sides: every partial overlap"},
        });
    return table;
}

Padding Padding::parse(std::string_view text) {
    if (const auto kind = padding_vocabulary().parse(text)) return {*kind, {}};
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Keras 2.15 normalize_padding's text, plus 'full' which PadLab also models; then the
    // suggestion for a near miss.
    throw ArgumentError(with_suggestion("The `padding` argument must be a list/tuple or one of \"valid\", \"same\", \"full\" "
                                        "(or \"causal\", only for `Conv1D). Received: " + lower,
                                        lower, padding_vocabulary().names()));
}

std::string to_string(PaddingKind kind) {
    return kind == PaddingKind::Explicit ? "explicit" : std::string(padding_vocabulary().name(kind));
}

const NameTable<WindowOp>& window_op_vocabulary() {
    static const NameTable<WindowOp> table(
        NameCase::Exact,
        {
            {WindowOp::Conv, "conv", {}, "convolution"},
            {WindowOp::Pool, "pool", {}, "pooling (max / average)"},
            {WindowOp::ConvTranspose, "transpose", {}, "transposed convolution"},
        });
    return table;
}

WindowOp parse_window_op(std::string_view text) { return window_op_vocabulary().require(text, "op"); }

std::string_view to_string(WindowOp op) { return window_op_vocabulary().name(op); }

std::vector<AxisArithmetic> window_arithmetic(WindowOp op, const Shape& spatial_input, const Shape& kernel,
                                              const Shape& strides, const Shape& dilation, const Padding& padding,
                                              std::string_view layer_class,
                                              const std::optional<Shape>& output_padding) {
    const std::size_t rank = spatial_input.size();
    const std::string cls(layer_class);
    if (rank == 0) throw ShapeError(cls + ": the input has no spatial axis; a windowed op needs at least one");
    for (std::size_t i = 0; i < rank; ++i) {
        if (spatial_input[i] < 0 && spatial_input[i] != kNone) {
            throw ShapeError(cls + ": spatial input dimension " + std::to_string(i) + " is negative (" +
                             std::to_string(spatial_input[i]) + ")");
        }
    }

    const bool pool = op == WindowOp::Pool;
    check_magnitudes(spatial_input, "input length", cls);
    check_magnitudes(kernel, pool ? "pool_size" : "kernel_size", cls);
    check_magnitudes(strides, "strides", cls);
    check_magnitudes(dilation, "dilation_rate", cls);
    if (output_padding) check_magnitudes(*output_padding, "output_padding", cls);
    check_tuple(kernel, rank, pool ? "pool_size" : "kernel_size", cls, true, "cannot contain");
    check_tuple(strides, rank, "strides", cls, true, "cannot contains");
    if (pool) {
        check_tuple(dilation, rank, "dilation_rate", cls, false, "");
        if (std::any_of(dilation.begin(), dilation.end(), [](Dim d) { return d != 1; })) {
            throw ArgumentError(cls + ": pooling has no dilation; every `dilation_rate` entry must be 1. Received "
                                "dilation_rate=" + python_tuple(dilation));
        }
    } else {
        check_tuple(dilation, rank, "dilation_rate", cls, false, "");
    }

    if (padding.kind == PaddingKind::Causal && rank != 1) {
        // Keras 2.15's text (two joined literals, hence the missing space).
        throw ArgumentError("Causal padding is only supported for `Conv1D`and `SeparableConv1D`.");
    }
    if (padding.kind == PaddingKind::Causal && op == WindowOp::ConvTranspose) {
        throw ArgumentError(cls + ": causal padding is not supported for transposed convolutions (Keras accepts "
                            "only 'valid' and 'same' there). Received padding=causal");
    }
    check_explicit_pads(padding, rank, layer_class);

    if (!pool) {
        const bool stride_gt1 = std::any_of(strides.begin(), strides.end(), [](Dim s) { return s > 1; });
        const bool dilation_gt1 = std::any_of(dilation.begin(), dilation.end(), [](Dim d) { return d > 1; });
        if (stride_gt1 && dilation_gt1) {
            throw ArgumentError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=" +
                                python_tuple(strides) + " and dilation_rate=" + python_tuple(dilation));
        }
    }

    if (output_padding) {
        if (op != WindowOp::ConvTranspose) {
            throw ArgumentError(cls + ": `output_padding` only applies to transposed convolutions");
        }
        check_tuple(*output_padding, rank, "output_padding", cls, true, "");
        for (std::size_t i = 0; i < rank; ++i) {
            if ((*output_padding)[i] >= strides[i]) {
                throw ArgumentError("Strides must be greater than output padding. Received strides=" + python_tuple(strides) +
                                    ", output_padding=" + python_tuple(*output_padding) + ".");
            }
        }
    }

    std::vector<AxisArithmetic> axes;
    axes.reserve(rank);
    bool nonpositive = false;
    for (std::size_t i = 0; i < rank; ++i) {
        if (op == WindowOp::ConvTranspose) {
            std::optional<Dim> op_i;
            if (output_padding) op_i = (*output_padding)[i];
            axes.push_back(transpose_axis(spatial_input[i], kernel[i], strides[i], dilation[i], padding, op_i, i));
        } else {
            axes.push_back(forward_axis(spatial_input[i], kernel[i], strides[i], dilation[i], padding, i));
        }
        // Test the input, not the output: an output of -1 would read as kNone.
        if (spatial_input[i] != kNone && axes.back().output <= 0) nonpositive = true;
    }

    // Keras 2.15 only fails on negative lengths (a 0-length axis passes its shape inference);
    // Keras 3 rejects zero too. PadLab follows Keras 3: an empty output cannot be drawn or
    // convolved further, so it is reported at the layer that caused it.
    if (nonpositive) {
        Shape out;
        for (const auto& a : axes) out.push_back(a.output);
        throw ShapeError("One of the dimensions in the output is <= 0 due to downsampling in " + cls +
                         ". Consider increasing the input size. Received spatial input shape " +
                         shape_to_python(spatial_input) + " with " + (pool ? "pool_size=" : "kernel_size=") +
                         python_tuple(kernel) + ", strides=" + python_tuple(strides) +
                         (pool ? std::string() : ", dilation_rate=" + python_tuple(dilation)) +
                         ", padding=" + padding_text(padding) + ", which would produce output shape " +
                         python_tuple(out) + " with a zero or negative value in a dimension.");
    }
    return axes;
}

// The single-axis entry points check their explicit pair themselves (window_arithmetic checks
// all pairs up front).
static void check_explicit_axis(const Padding& padding, std::size_t axis) {
    if (padding.kind == PaddingKind::Explicit) {
        if (axis >= padding.pads.size())
            throw ArgumentError("explicit padding has no (before, after) pair for axis " + std::to_string(axis));
        check_magnitude(padding.pads[axis][0], "padding", "axis " + std::to_string(axis));
        check_magnitude(padding.pads[axis][1], "padding", "axis " + std::to_string(axis));
        if (padding.pads[axis][0] < 0 || padding.pads[axis][1] < 0)
            throw ArgumentError("explicit padding values must be >= 0, axis " + std::to_string(axis) + " has " +
                                pads_text({padding.pads[axis]}));
    }
}

AxisArithmetic conv_axis(Dim input, Dim kernel, Dim stride, Dim dilation, const Padding& padding, std::size_t axis) {
    check_axis_values(input, kernel, stride, dilation, axis);
    check_explicit_axis(padding, axis);
    AxisArithmetic a = forward_axis(input, kernel, stride, dilation, padding, axis);
    check_single_output(a, padding, axis);
    return a;
}

AxisArithmetic conv_transpose_axis(Dim input, Dim kernel, Dim stride, Dim dilation, const Padding& padding,
                                   std::optional<Dim> output_padding, std::size_t axis) {
    check_axis_values(input, kernel, stride, dilation, axis);
    if (output_padding && (*output_padding < 0 || *output_padding >= stride)) {
        throw ArgumentError("Strides must be greater than output padding. Received strides=" + std::to_string(stride) +
                            ", output_padding=" + std::to_string(*output_padding) + ".");
    }
    check_explicit_axis(padding, axis);
    AxisArithmetic a = transpose_axis(input, kernel, stride, dilation, padding, output_padding, axis);
    check_single_output(a, padding, axis);
    return a;
}

}  // namespace padlab
