#pragma once
// Random small convolution problems and the tolerance fast kernels are held to against
// padlab::conv_reference (shared by the kernel, registry and conv tests).
//
// Tolerance. A fast kernel adds the same n = taps*Cin + 1 terms (bias and products) as the
// reference, in float, possibly in another order (the kernels keep the reference's order, but
// a compiler may contract a*b+c into an FMA natively). Each order's rounding error is at most
// (n-1)*u*M, with u = 2^-24 and M = |bias| + sum |x*w| (Higham, recursive summation), so two
// results differ by at most 2*(n-1)*u*M. We allow 2*n*u*M plus 1e-30 (zero outputs); M is
// computed per output by the reference on |x|, |w|, |b| and |pad value|. Activations applied
// after the sum (ReLU, sigmoid, tanh) are 1-Lipschitz, so the bound carries over.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>
#include <string>

#include <xtensor/xarray.hpp>

#include "core/ops/conv.hpp"
#include "core/base/errors.hpp"
#include "core/ops/conv_lowering.hpp"
#include "core/kernels/kernel_registry.hpp"
#include "core/ops/reference_conv.hpp"

namespace padlab_test {

struct ConvCase {
    xt::xarray<float> input, kernel;
    xt::xarray<float> bias = xt::xarray<float>::from_shape({0});  // empty: no bias
    padlab::ConvOptions options;
    bool depthwise = false;
    std::string describe() const {
        std::ostringstream s;
        s << (depthwise ? "depthwise " : "") << "input " << padlab::shape_to_python(shape(input)) << " kernel "
          << padlab::shape_to_python(shape(kernel)) << " bias " << bias.size() << " strides "
          << padlab::shape_to_python(options.strides) << " dilation " << padlab::shape_to_python(options.dilation)
          << " padding " << padlab::to_string(options.padding.kind);
        for (const auto& p : options.padding.pads) s << "[" << p[0] << "," << p[1] << "]";
        s << " mode " << padlab::to_string(options.mode) << " value " << options.pad_value << " activation "
          << padlab::to_string(options.activation);
        return s.str();
    }
    static padlab::Shape shape(const xt::xarray<float>& a) { return padlab::Shape(a.shape().begin(), a.shape().end()); }
};

inline xt::xarray<float> random_tensor(const std::vector<std::size_t>& shape, std::mt19937& rng) {
    xt::xarray<float> a = xt::xarray<float>::from_shape(shape);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    for (float& v : a) v = d(rng);
    return a;
}

// A random problem that conv_plan accepts (retries until one does). Small on purpose: the
// suite runs under ASan and in wasm.
inline ConvCase random_case(std::mt19937& rng, bool depthwise) {
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (;;) {
        ConvCase c;
        c.depthwise = depthwise;
        const int rank = pick(1, 3);
        const int max_in = rank == 3 ? 5 : rank == 2 ? 8 : 14;
        std::vector<std::size_t> in = {static_cast<std::size_t>(pick(1, 2))}, k;
        for (int i = 0; i < rank; ++i) {
            in.push_back(static_cast<std::size_t>(pick(1, max_in)));
            k.push_back(static_cast<std::size_t>(pick(1, rank == 3 ? 3 : 4)));
        }
        const int cin = pick(0, 3) == 0 ? 1 : pick(1, 11);
        const int cout = depthwise ? (pick(0, 1) == 0 ? 1 : pick(2, 3)) : pick(1, 19);  // depthwise: the multiplier
        in.push_back(static_cast<std::size_t>(cin));
        k.push_back(static_cast<std::size_t>(cin));
        k.push_back(static_cast<std::size_t>(cout));
        c.input = random_tensor(in, rng);
        c.kernel = random_tensor(k, rng);
        const std::size_t outs = depthwise ? static_cast<std::size_t>(cin * cout) : static_cast<std::size_t>(cout);
        c.bias = pick(0, 2) == 0 ? xt::xarray<float>::from_shape({0}) : random_tensor({outs}, rng);

        // Keras forbids strides > 1 together with dilation > 1.
        if (pick(0, 1) == 0) {
            c.options.strides = {pick(1, 3)};
        } else {
            c.options.dilation = {pick(1, 3)};
        }
        switch (pick(0, 4)) {
            case 0: c.options.padding = padlab::Padding::valid(); break;
            case 1: c.options.padding = padlab::Padding::same(); break;
            case 2: c.options.padding = rank == 1 ? padlab::Padding::causal() : padlab::Padding::same(); break;
            case 3: c.options.padding = padlab::Padding::full(); break;
            default: {
                padlab::Pads pads;
                for (int i = 0; i < rank; ++i) pads.push_back({pick(0, 3), pick(0, 3)});
                c.options.padding = padlab::Padding::explicit_pads(pads);
            }
        }
        c.options.mode = static_cast<padlab::PadMode>(pick(0, 4));
        c.options.pad_value = pick(0, 2) == 0 ? std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng) : 0.0f;
        c.options.activation = pick(0, 1) == 0 ? padlab::Activation::Relu : padlab::Activation::Linear;
        try {
            padlab::conv_plan(ConvCase::shape(c.input), ConvCase::shape(c.kernel), c.options);
        } catch (const padlab::Error&) {
            continue;  // kernel larger than the padded input, reflect pad >= size, ...
        }
        return c;
    }
}

// The reference result of a case, and the per-output tolerance described above.
struct Expected {
    xt::xarray<float> values;
    xt::xarray<float> tolerance;
};

inline Expected expected_for(const ConvCase& c) {
    auto reference = [&c](const xt::xarray<float>& x, const xt::xarray<float>& w, const xt::xarray<float>& b,
                          const padlab::ConvOptions& o) {
        return c.depthwise ? padlab::depthwise_conv_reference(x, w, b, o) : padlab::conv_reference(x, w, b, o);
    };
    Expected e;
    e.values = reference(c.input, c.kernel, c.bias, c.options);
    padlab::ConvOptions magnitude = c.options;
    magnitude.pad_value = std::fabs(c.options.pad_value);
    magnitude.activation = padlab::Activation::Linear;
    const xt::xarray<float> m = reference(xt::abs(c.input), xt::abs(c.kernel), xt::abs(c.bias), magnitude);
    const std::size_t rank = c.kernel.dimension() - 2;
    double n = 1.0 + static_cast<double>(c.input.shape().back());
    for (std::size_t i = 0; i < rank; ++i) n *= static_cast<double>(c.kernel.shape()[i]);
    e.tolerance = xt::xarray<float>::from_shape(m.shape());
    for (std::size_t i = 0; i < m.size(); ++i)
        e.tolerance.data()[i] = static_cast<float>(2.0 * n * std::ldexp(1.0, -24) * m.data()[i] + 1e-30);
    return e;
}

// Index of the first output outside the tolerance, or -1.
inline long first_mismatch(const float* actual, const Expected& e) {
    for (std::size_t i = 0; i < e.values.size(); ++i) {
        const float a = actual[i], r = e.values.data()[i];
        if (!(std::fabs(a - r) <= e.tolerance.data()[i])) return static_cast<long>(i);  // NaN fails too
    }
    return -1;
}

// Runs one registered kernel on a case (the case must resolve to a problem the kernel supports).
inline xt::xarray<float> run_kernel(const padlab::kernels::ConvKernel& kernel, const padlab::kernels::ConvProblem& p,
                                    const ConvCase& c, const padlab::Shape& out_shape) {
    std::vector<std::size_t> dims(out_shape.begin(), out_shape.end());
    xt::xarray<float> out = xt::xarray<float>::from_shape(dims);
    // Poison the output: every value must be written.
    std::fill(out.begin(), out.end(), std::numeric_limits<float>::quiet_NaN());
    std::vector<double> scratch(kernel.scratch_bytes(p) / sizeof(double) + 2);  // 8-byte aligned
    padlab::kernels::ConvBuffers b;
    b.input = c.input.data();
    b.kernel = c.kernel.data();
    b.bias = c.bias.size() > 0 ? c.bias.data() : nullptr;
    b.output = out.data();
    b.scratch = scratch.data();
    if (out.size() > 0) kernel.run(p, b);
    return out;
}

// The problem a case resolves to (conv_plan accepted it already).
inline padlab::kernels::ConvProblem problem_for(const ConvCase& c) {
    const auto plan = padlab::conv_plan(ConvCase::shape(c.input), ConvCase::shape(c.kernel), c.options);
    const auto p = padlab::make_conv_problem(
        plan, ConvCase::shape(c.input), ConvCase::shape(c.kernel), c.options,
        c.depthwise ? padlab::kernels::ConvKind::Depthwise : padlab::kernels::ConvKind::Regular);
    REQUIRE(p.has_value());
    return *p;
}

inline padlab::Shape output_shape_for(const ConvCase& c) {
    return c.depthwise ? padlab::depthwise_conv_output_shape(ConvCase::shape(c.input), ConvCase::shape(c.kernel), c.options)
                       : padlab::conv_output_shape(ConvCase::shape(c.input), ConvCase::shape(c.kernel), c.options);
}

// Runs kernel K (a kernel struct: supports/scratch_bytes/run) on raw buffers of a problem.
template <class K>
std::vector<float> run_raw(const padlab::kernels::ConvProblem& p, const std::vector<float>& x,
                           const std::vector<float>& w, const std::vector<float>& bias) {
    std::vector<float> y(static_cast<std::size_t>(p.output_pixels() * p.cout), std::numeric_limits<float>::quiet_NaN());
    std::vector<double> scratch(K::scratch_bytes(p) / sizeof(double) + 2);
    padlab::kernels::ConvBuffers b;
    b.input = x.data();
    b.kernel = w.data();
    b.bias = bias.empty() ? nullptr : bias.data();
    b.output = y.data();
    b.scratch = scratch.data();
    K::run(p, b);
    return y;
}

// Kernel K on a case, against the reference within the tolerance above.
template <class K>
void check_against_reference(const ConvCase& c) {
    const padlab::kernels::ConvProblem p = problem_for(c);
    REQUIRE(K::supports(p));
    const Expected e = expected_for(c);
    const std::vector<float> x(c.input.begin(), c.input.end()), w(c.kernel.begin(), c.kernel.end()),
        bias(c.bias.begin(), c.bias.end());
    const std::vector<float> y = run_raw<K>(p, x, w, bias);
    INFO(c.describe());
    CHECK(first_mismatch(y.data(), e) == -1);
}

}  // namespace padlab_test
