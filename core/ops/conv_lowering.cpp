#include "core/ops/conv_lowering.hpp"

#include <algorithm>
#include <limits>

namespace padlab {

using kernels::ConvKind;
using kernels::ConvProblem;
using kernels::Index;

std::optional<ConvProblem> make_conv_problem(const std::vector<AxisArithmetic>& plan, const Shape& input_shape,
                                             const Shape& kernel_shape, const ConvOptions& options, ConvKind kind) {
    const std::size_t rank = plan.size();
    if (rank < 1 || rank > 3 || input_shape.size() != rank + 2 || kernel_shape.size() != rank + 2) return std::nullopt;
    for (Dim d : input_shape)
        if (d < 0) return std::nullopt;

    // Every position a kernel computes lies in [-before, (out-1)*s + d*(k-1)] on each axis; keep
    // that, and the element offsets built from it, far inside Index's range.
    const Dim limit = static_cast<Dim>(std::numeric_limits<Index>::max() / 4);
    ConvProblem p;
    p.kind = kind;
    for (std::size_t i = 0; i < rank; ++i) {
        const AxisArithmetic& a = plan[i];
        if (a.output < 0 || a.pad_before < 0) return std::nullopt;
        const Dim reach = a.pad_before + (a.output > 0 ? (a.output - 1) * a.stride : 0) + a.dilation * (a.kernel - 1);
        if (reach > limit || a.stride > limit) return std::nullopt;
        p.axes[3 - rank + i] = {static_cast<Index>(a.input),  static_cast<Index>(a.output),
                                static_cast<Index>(a.kernel), static_cast<Index>(a.stride),
                                static_cast<Index>(a.dilation), static_cast<Index>(a.pad_before)};
    }
    p.batch = static_cast<Index>(input_shape[0]);
    p.cin = static_cast<Index>(input_shape.back());
    const Dim per_group = kernel_shape.back();
    if (kind == ConvKind::Depthwise) {
        if (per_group > limit / std::max<Dim>(input_shape.back(), 1)) return std::nullopt;
        p.multiplier = static_cast<Index>(per_group);
        p.cout = p.cin * p.multiplier;
    } else {
        p.cout = static_cast<Index>(per_group);
    }
    p.mode = options.mode;
    p.pad_value = options.pad_value;
    p.relu = options.activation == Activation::Relu;
    return p;
}

}  // namespace padlab
