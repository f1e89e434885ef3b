#include "core/ops/pad_fast.hpp"

#include <algorithm>
#include <cstring>

#include "core/base/errors.hpp"

namespace padlab {

namespace {

// The work after merging trailing unpadded axes: `rank` axes, the last one's cells being
// `unit` contiguous floats.
struct Plan {
    std::size_t rank = 0;
    const Dim* in = nullptr;  // input length per axis
    const Pad* pads = nullptr;
    PadMode mode = PadMode::Constant;
    float value = 0.0f;
    std::size_t unit = 1;
    std::vector<std::size_t> in_block, out_block;  // floats per index of each axis
};

void copy(float* dst, const float* src, std::size_t n) { std::memcpy(dst, src, n * sizeof(float)); }

// Pads axis `a` (and, recursively, the axes inside it) of the block at `in` into `out`.
void pad_axis(const Plan& p, std::size_t a, const float* in, float* out) {
    const Dim n = p.in[a], before = p.pads[a][0], after = p.pads[a][1];
    const std::size_t ib = p.in_block[a], ob = p.out_block[a];
    if (a + 1 == p.rank) {
        // Innermost: the input run in one copy (ib == ob == unit here).
        copy(out + static_cast<std::size_t>(before) * ob, in, static_cast<std::size_t>(n) * ib);
    } else {
        for (Dim i = 0; i < n; ++i)
            pad_axis(p, a + 1, in + static_cast<std::size_t>(i) * ib, out + static_cast<std::size_t>(i + before) * ob);
    }
    // Padding cells, each a whole block: a fill, or the copy of the block it mirrors. Inner
    // axes' padding is then already in the copied block, since each axis maps on its own.
    auto pad_cell = [&](Dim j) {
        float* dst = out + static_cast<std::size_t>(j) * ob;
        const Dim src = pad_source_index(j - before, n, p.mode);
        if (src < 0) {
            std::fill(dst, dst + ob, p.value);
        } else if (a + 1 == p.rank) {
            copy(dst, in + static_cast<std::size_t>(src) * ib, ob);
        } else {
            copy(dst, out + static_cast<std::size_t>(src + before) * ob, ob);
        }
    };
    for (Dim j = 0; j < before; ++j) pad_cell(j);
    for (Dim j = before + n; j < before + n + after; ++j) pad_cell(j);
}

}  // namespace

Shape padded_shape(const Shape& shape, const Pads& pads, PadMode mode) {
    validate_pads(shape, pads, mode);
    for (Dim d : shape) {
        if (d < 0) throw ShapeError("pad: every dimension must be known, got shape " + shape_to_python(shape));
    }
    Shape out(shape.size());
    for (std::size_t a = 0; a < shape.size(); ++a) out[a] = shape[a] + pads[a][0] + pads[a][1];
    return out;
}

void pad_into(const float* input, const Shape& shape, const Pads& pads, PadMode mode, float value, float* output) {
    const Shape out_shape = padded_shape(shape, pads, mode);
    const auto out_count = static_cast<std::size_t>(shape_elements(out_shape));
    const auto in_count = static_cast<std::size_t>(shape_elements(shape));
    if (out_count == 0) return;
    if (in_count == 0) {  // only Constant can pad an empty axis: every cell is padding
        std::fill(output, output + out_count, value);
        return;
    }
    // The last padded axis; everything after it is one contiguous unit.
    std::size_t rank = shape.size();
    while (rank > 0 && pads[rank - 1][0] == 0 && pads[rank - 1][1] == 0) --rank;
    if (rank == 0) {
        copy(output, input, in_count);
        return;
    }
    Plan p;
    p.rank = rank;
    p.in = shape.data();
    p.pads = pads.data();
    p.mode = mode;
    p.value = value;
    for (std::size_t a = rank; a < shape.size(); ++a) p.unit *= static_cast<std::size_t>(shape[a]);
    p.in_block.assign(rank, p.unit);
    p.out_block.assign(rank, p.unit);
    for (std::size_t a = rank - 1; a-- > 0;) {
        p.in_block[a] = p.in_block[a + 1] * static_cast<std::size_t>(shape[a + 1]);
        p.out_block[a] = p.out_block[a + 1] * static_cast<std::size_t>(out_shape[a + 1]);
    }
    pad_axis(p, 0, input, output);
}

xt::xarray<float> pad_fast(const xt::xarray<float>& input, const Pads& pads, PadMode mode, float value) {
    const Shape shape(input.shape().begin(), input.shape().end());
    const Shape out_shape = padded_shape(shape, pads, mode);
    std::vector<std::size_t> dims(out_shape.begin(), out_shape.end());
    xt::xarray<float> out = xt::xarray<float>::from_shape(dims);
    pad_into(input.data(), shape, pads, mode, value, out.data());
    return out;
}

}  // namespace padlab
