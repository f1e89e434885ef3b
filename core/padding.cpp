#include "core/padding.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/errors.hpp"
#include "core/limits.hpp"

namespace padlab {

namespace {

Dim mod(Dim a, Dim m) { return ((a % m) + m) % m; }

}  // namespace

PadMode parse_pad_mode(std::string_view text) {
    std::string name(text);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "constant" || name == "zeros") return PadMode::Constant;
    if (name == "reflect") return PadMode::Reflect;
    if (name == "symmetric") return PadMode::Symmetric;
    if (name == "replicate" || name == "edge") return PadMode::Replicate;
    if (name == "circular" || name == "wrap") return PadMode::Circular;
    throw ArgumentError("Unknown padding mode '" + std::string(text) +
                        "'. Valid modes: constant (or zeros), reflect, symmetric, replicate (or edge), "
                        "circular (or wrap)");
}

std::string_view to_string(PadMode mode) {
    switch (mode) {
        case PadMode::Constant: return "constant";
        case PadMode::Reflect: return "reflect";
        case PadMode::Symmetric: return "symmetric";
        case PadMode::Replicate: return "replicate";
        case PadMode::Circular: return "circular";
    }
    return "unknown";
}

Dim pad_source_index(Dim i, Dim n, PadMode mode) {
    if (i >= 0 && i < n) return i;
    if (n <= 0) return -1;  // nothing to copy from an empty axis
    switch (mode) {
        case PadMode::Constant:
            return -1;
        case PadMode::Reflect: {
            // Mirror about the edge cells without repeating them: period 2(n-1).
            if (n == 1) return 0;
            const Dim j = mod(i, 2 * (n - 1));
            return j < n ? j : 2 * (n - 1) - j;
        }
        case PadMode::Symmetric: {
            // Mirror including the edge cells: period 2n.
            const Dim j = mod(i, 2 * n);
            return j < n ? j : 2 * n - 1 - j;
        }
        case PadMode::Replicate:
            return std::clamp<Dim>(i, 0, n - 1);
        case PadMode::Circular:
            return mod(i, n);
    }
    return -1;
}

void validate_pads(const Shape& shape, const Pads& pads, PadMode mode) {
    const std::string mode_name(to_string(mode));
    if (pads.size() != shape.size()) {
        throw ArgumentError(mode_name + " padding has " + std::to_string(pads.size()) +
                            " (before, after) pairs but the tensor " + shape_to_python(shape) + " has rank " +
                            std::to_string(shape.size()));
    }
    Shape padded(shape.size());
    for (std::size_t axis = 0; axis < shape.size(); ++axis) {
        const Dim size = shape[axis];
        const std::string where = " on axis " + std::to_string(axis);
        for (Dim p : pads[axis]) {
            if (p < 0) {
                throw ArgumentError(mode_name + " padding of " + std::to_string(p) + where +
                                    " is negative; pads must be >= 0");
            }
            // Any pad above the tensor cap would fail the size check anyway; refusing it here
            // keeps size + before + after from overflowing.
            if (p > static_cast<Dim>(kMaxTensorBytes)) {
                throw LimitError(mode_name + " padding of " + std::to_string(p) + where + " is above the 1 GiB limit");
            }
            if (size == kNone || p == 0) continue;  // limits are checked once the size is known
            const std::string head = mode_name + " padding of " + std::to_string(p) + where;
            const std::string tail = " (size " + std::to_string(size) + ")";
            switch (mode) {
                case PadMode::Constant:
                    break;
                case PadMode::Reflect:  // TensorFlow MirrorPad REFLECT
                    if (p >= size) throw ArgumentError(head + " needs pad < size" + tail);
                    break;
                case PadMode::Symmetric:  // TensorFlow MirrorPad SYMMETRIC
                    if (p > size) throw ArgumentError(head + " needs pad <= size" + tail);
                    break;
                case PadMode::Circular:  // PyTorch circular
                    if (p > size) throw ArgumentError(head + " needs pad <= size" + tail);
                    break;
                case PadMode::Replicate:  // any amount, but there must be an edge to repeat
                    if (size == 0) throw ArgumentError(head + " needs a non-empty axis" + tail);
                    break;
            }
        }
        // Unknown dims (the batch) count as 1: the check is then per sample.
        padded[axis] = (size == kNone ? 1 : size) + pads[axis][0] + pads[axis][1];
    }
    check_tensor_size(padded, mode_name + " padding result");
}

xt::xarray<float> pad(const xt::xarray<float>& input, const Pads& pads, PadMode mode, float value) {
    const std::size_t rank = input.dimension();
    Shape in_shape(input.shape().begin(), input.shape().end());
    validate_pads(in_shape, pads, mode);

    std::vector<std::size_t> out_shape(rank);
    for (std::size_t a = 0; a < rank; ++a)
        out_shape[a] = static_cast<std::size_t>(in_shape[a] + pads[a][0] + pads[a][1]);
    xt::xarray<float> out(out_shape);

    // Walk every output cell with a multi-index; each axis maps to its source on its own.
    std::vector<std::size_t> idx(rank, 0), src(rank, 0);
    for (std::size_t flat = 0; flat < out.size(); ++flat) {
        bool inside = true;
        for (std::size_t a = 0; a < rank; ++a) {
            const Dim s = pad_source_index(static_cast<Dim>(idx[a]) - pads[a][0], in_shape[a], mode);
            if (s < 0) { inside = false; break; }
            src[a] = static_cast<std::size_t>(s);
        }
        out.data()[flat] = inside ? input.element(src.begin(), src.end()) : value;
        // Row-major increment of idx (xarray's default layout).
        for (std::size_t a = rank; a-- > 0;) {
            if (++idx[a] < out_shape[a]) break;
            idx[a] = 0;
        }
    }
    return out;
}

}  // namespace padlab
