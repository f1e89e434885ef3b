#include "core/ops/conv.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>

#include "core/ops/activation.hpp"
#include "core/base/errors.hpp"
#include "core/ops/conv_lowering.hpp"
#include "core/kernels/kernel_registry.hpp"
#include "core/base/limits.hpp"

namespace padlab {

namespace {

using kernels::ConvKind;

std::string layer_class(std::size_t kernel_rank, ConvKind kind) {
    const std::string dims = std::to_string(kernel_rank >= 2 ? kernel_rank - 2 : 0) + "D";
    return (kind == ConvKind::Depthwise ? "DepthwiseConv" : "Conv") + dims;
}

Shape shape_of(const xt::xarray<float>& a) { return Shape(a.shape().begin(), a.shape().end()); }

struct Prepared {
    std::vector<AxisArithmetic> plan;
    Shape out_shape;
    std::string cls;
};

// Validation, all of it before any work: the reference's (conv_plan), then what only raw
// pointers can get wrong (negative dims), then the output size cap.
Prepared prepare(const Shape& in_shape, const Shape& k_shape, const ConvOptions& options, ConvKind kind) {
    Prepared pr;
    pr.cls = layer_class(k_shape.size(), kind);
    if (kind == ConvKind::Depthwise && !k_shape.empty() && k_shape.back() < 1) {
        throw ArgumentError("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                            "Received depth_multiplier=" + std::to_string(k_shape.back()) + ".");
    }
    pr.plan = conv_plan(in_shape, k_shape, options);
    for (const Shape* s : {&in_shape, &k_shape}) {
        for (Dim d : *s) {
            if (d < 0) {
                throw ShapeError(pr.cls + ": every dimension must be known to compute, got " +
                                 (s == &in_shape ? "input shape " : "kernel shape ") + shape_to_python(*s));
            }
        }
    }
    Dim cout = k_shape.back();
    if (kind == ConvKind::Depthwise) {
        const Dim channels = in_shape.back();
        if (channels != 0 && cout > static_cast<Dim>(kMaxTensorBytes) / channels) {
            throw LimitError(pr.cls + ": " + std::to_string(channels) + " channels x depth_multiplier " +
                             std::to_string(cout) + " is above the 1 GiB limit");
        }
        cout *= channels;
    }
    pr.out_shape = {in_shape[0]};
    for (const AxisArithmetic& a : pr.plan) pr.out_shape.push_back(a.output);
    pr.out_shape.push_back(cout);
    check_tensor_size(pr.out_shape, pr.cls + " output");
    return pr;
}

struct AlignedFree {
    void operator()(void* p) const { ::operator delete(p, std::align_val_t(16)); }
};

xt::xarray<float> to_xarray(const float* data, const Shape& shape) {
    std::vector<std::size_t> dims(shape.begin(), shape.end());
    xt::xarray<float> a = xt::xarray<float>::from_shape(dims);
    if (a.size() > 0) std::memcpy(a.data(), data, a.size() * sizeof(float));
    return a;
}

// The reference path for problems no kernel takes (index arithmetic beyond 32 bits in wasm).
// It copies the inputs into xarrays: acceptable for a path real models never reach.
void run_reference(const float* input, const Shape& in_shape, const float* kernel, const Shape& k_shape,
                   const float* bias, const ConvOptions& options, ConvKind kind, const Shape& out_shape, float* output) {
    const xt::xarray<float> x = to_xarray(input, in_shape);
    const xt::xarray<float> w = to_xarray(kernel, k_shape);
    const Dim cout = out_shape.back();
    const xt::xarray<float> b = bias ? to_xarray(bias, {cout}) : xt::xarray<float>::from_shape({0});
    const xt::xarray<float> y = kind == ConvKind::Depthwise ? depthwise_conv_reference(x, w, b, options)
                                                            : conv_reference(x, w, b, options);
    if (y.size() > 0) std::memcpy(output, y.data(), y.size() * sizeof(float));
}

const kernels::ConvKernel* pick(const std::optional<kernels::ConvProblem>& problem) {
    if (!problem) return nullptr;
    const kernels::ConvKernel* k = kernels::select_conv_kernel(*problem);
    // Scratch is about the kernel's own size; refuse to double a huge kernel past the cap.
    if (k && k->scratch_bytes(*problem) > kMaxTensorBytes) return nullptr;
    return k;
}

void compute(const float* input, const Shape& in_shape, const float* kernel, const Shape& k_shape, const float* bias,
             const ConvOptions& options, ConvKind kind, float* output) {
    const Prepared pr = prepare(in_shape, k_shape, options, kind);
    const auto count = static_cast<std::size_t>(shape_elements(pr.out_shape));
    if (count == 0) return;
    const std::optional<kernels::ConvProblem> problem =
        make_conv_problem(pr.plan, in_shape, k_shape, options, kind);
    const kernels::ConvKernel* k = pick(problem);
    if (!k) {
        run_reference(input, in_shape, kernel, k_shape, bias, options, kind, pr.out_shape, output);
        return;
    }
    const std::size_t bytes = k->scratch_bytes(*problem);
    std::unique_ptr<void, AlignedFree> scratch(bytes ? ::operator new(bytes, std::align_val_t(16)) : nullptr);
    kernels::ConvBuffers b;
    b.input = input;
    b.kernel = kernel;
    b.bias = bias;
    b.output = output;
    b.scratch = scratch.get();
    k->run(*problem, b);
    // ReLU is fused into the kernels; the others run once over the output.
    if (options.activation != Activation::Relu && options.activation != Activation::Linear)
        apply_activation(output, count, static_cast<std::size_t>(pr.out_shape.back()), options.activation);
}

// Bias check of the xarray forms, worded as conv_reference words it. Returns the bias data or nullptr.
const float* bias_data(const xt::xarray<float>& bias, Dim cout, const std::string& cls, const Shape& k_shape) {
    const bool has_bias = bias.dimension() > 0 && bias.size() > 0;
    if (!has_bias) return nullptr;
    if (bias.dimension() != 1 || static_cast<Dim>(bias.shape()[0]) != cout) {
        throw ShapeError(cls + ": the bias must have shape (" + std::to_string(cout) + ",) to match the kernel " +
                         shape_to_python(k_shape) + ". Received bias shape " + shape_to_python(shape_of(bias)));
    }
    return bias.data();
}

xt::xarray<float> compute_xarray(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                 const xt::xarray<float>& bias, const ConvOptions& options, ConvKind kind) {
    const Shape in_shape = shape_of(input);
    const Shape k_shape = shape_of(kernel);
    const Prepared pr = prepare(in_shape, k_shape, options, kind);
    const float* b = bias_data(bias, pr.out_shape.back(), pr.cls, k_shape);
    std::vector<std::size_t> dims(pr.out_shape.begin(), pr.out_shape.end());
    xt::xarray<float> out = xt::xarray<float>::from_shape(dims);
    compute(input.data(), in_shape, kernel.data(), k_shape, b, options, kind, out.data());
    return out;
}

}  // namespace

Shape conv_output_shape(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options) {
    return prepare(input_shape, kernel_shape, options, ConvKind::Regular).out_shape;
}

void conv_into(const float* input, const Shape& input_shape, const float* kernel, const Shape& kernel_shape,
               const float* bias, const ConvOptions& options, float* output) {
    compute(input, input_shape, kernel, kernel_shape, bias, options, ConvKind::Regular, output);
}

xt::xarray<float> conv(const xt::xarray<float>& input, const xt::xarray<float>& kernel, const xt::xarray<float>& bias,
                       const ConvOptions& options) {
    return compute_xarray(input, kernel, bias, options, ConvKind::Regular);
}

Shape depthwise_conv_output_shape(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options) {
    return prepare(input_shape, kernel_shape, options, ConvKind::Depthwise).out_shape;
}

void depthwise_conv_into(const float* input, const Shape& input_shape, const float* kernel, const Shape& kernel_shape,
                         const float* bias, const ConvOptions& options, float* output) {
    compute(input, input_shape, kernel, kernel_shape, bias, options, ConvKind::Depthwise, output);
}

xt::xarray<float> depthwise_conv(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                 const xt::xarray<float>& bias, const ConvOptions& options) {
    return compute_xarray(input, kernel, bias, options, ConvKind::Depthwise);
}

xt::xarray<float> depthwise_conv_reference(const xt::xarray<float>& input, const xt::xarray<float>& kernel,
                                           const xt::xarray<float>& bias, const ConvOptions& options) {
    const Shape in_shape = shape_of(input);
    const Shape k_shape = shape_of(kernel);
    const Prepared pr = prepare(in_shape, k_shape, options, ConvKind::Depthwise);
    const float* b = bias_data(bias, pr.out_shape.back(), pr.cls, k_shape);
    const std::size_t channels = static_cast<std::size_t>(in_shape.back());
    const std::size_t mult = static_cast<std::size_t>(k_shape.back());
    const std::size_t in_pixels = input.size() / std::max<std::size_t>(channels, 1);
    const std::size_t taps = kernel.size() / std::max<std::size_t>(channels * mult, 1);

    std::vector<std::size_t> out_dims(pr.out_shape.begin(), pr.out_shape.end());
    xt::xarray<float> out = xt::xarray<float>::from_shape(out_dims);
    const std::size_t out_pixels = out.size() / std::max<std::size_t>(channels * mult, 1);

    // Channel c alone: input [..., 1], kernel [...k, 1, mult], bias [mult] -> output [..., mult].
    std::vector<std::size_t> x_dims(in_shape.begin(), in_shape.end());
    x_dims.back() = 1;
    std::vector<std::size_t> w_dims(k_shape.begin(), k_shape.end());
    w_dims[w_dims.size() - 2] = 1;
    ConvOptions linear = options;
    linear.activation = Activation::Linear;
    for (std::size_t c = 0; c < channels; ++c) {
        xt::xarray<float> xc = xt::xarray<float>::from_shape(x_dims);
        for (std::size_t i = 0; i < in_pixels; ++i) xc.data()[i] = input.data()[i * channels + c];
        xt::xarray<float> wc = xt::xarray<float>::from_shape(w_dims);
        for (std::size_t t = 0; t < taps; ++t)
            for (std::size_t m = 0; m < mult; ++m) wc.data()[t * mult + m] = kernel.data()[(t * channels + c) * mult + m];
        xt::xarray<float> bc = xt::xarray<float>::from_shape({b ? mult : 0});
        for (std::size_t m = 0; b && m < mult; ++m) bc.data()[m] = b[c * mult + m];
        const xt::xarray<float> yc = conv_reference(xc, wc, bc, linear);
        for (std::size_t i = 0; i < out_pixels; ++i)
            for (std::size_t m = 0; m < mult; ++m) out.data()[(i * channels + c) * mult + m] = yc.data()[i * mult + m];
    }
    apply_activation(out.data(), out.size(), channels * mult, options.activation);
    return out;
}

std::string conv_kernel_name(const Shape& input_shape, const Shape& kernel_shape, const ConvOptions& options,
                             bool depthwise) {
    const ConvKind kind = depthwise ? ConvKind::Depthwise : ConvKind::Regular;
    const Prepared pr = prepare(input_shape, kernel_shape, options, kind);
    const kernels::ConvKernel* k = pick(make_conv_problem(pr.plan, input_shape, kernel_shape, options, kind));
    return k ? k->name : "reference";
}

}  // namespace padlab
