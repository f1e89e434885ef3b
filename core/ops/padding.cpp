#include "core/ops/padding.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/base/limits.hpp"

namespace padlab {

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

    // Walk every output cell with a multi-index; each axis maps to its source on its own, and
    // the source cell is read through the input's strides. (Not input.element(first, last):
    // inlined, it makes GCC 12 report a false -Wfree-nonheap-object on the index vector.)
    const auto& in_strides = input.strides();
    const float* in_data = input.data() + input.data_offset();
    std::vector<std::size_t> idx(rank, 0);
    for (std::size_t flat = 0; flat < out.size(); ++flat) {
        bool inside = true;
        std::ptrdiff_t offset = 0;
        for (std::size_t a = 0; a < rank; ++a) {
            const Dim s = pad_source_index(static_cast<Dim>(idx[a]) - pads[a][0], in_shape[a], mode);
            if (s < 0) { inside = false; break; }
            offset += static_cast<std::ptrdiff_t>(s) * static_cast<std::ptrdiff_t>(in_strides[a]);
        }
        out.data()[flat] = inside ? in_data[offset] : value;
        // Row-major increment of idx (xarray's default layout).
        for (std::size_t a = rank; a-- > 0;) {
            if (++idx[a] < out_shape[a]) break;
            idx[a] = 0;
        }
    }
    return out;
}

}  // namespace padlab
