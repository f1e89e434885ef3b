#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "core/kernels/kernel_registry.hpp"
#include "core/kernels/vec4.hpp"
#include "tests/core/kernels/random_conv.hpp"

using namespace padlab;
using namespace padlab::kernels;
using padlab_test::ConvCase;

TEST_CASE("registry: names are unique and spell the vector code", "[kernel_registry]") {
    std::set<std::string> names;
    for (const ConvKernel& k : conv_kernels()) {
        CHECK(names.insert(k.name).second);
        const std::string name = k.name;
        CHECK((name.find("__vec4") != std::string::npos || name.find("__scalar") != std::string::npos));
        CHECK(find_conv_kernel(k.name) == &k);
    }
    CHECK(find_conv_kernel("no_such_kernel") == nullptr);
    // What vec4 compiled to, for the record in test logs (wasmsimd in the wasm preset).
    INFO("vec4 compiled to " << vec4_isa());
    CHECK(std::string(vec4_isa()).size() > 0);
    // The kernels these tests run were built like these tests: in the `scalar` stage
    // (PADLAB_FORCE_SCALAR) that proves the scalar copies are the ones linked.
    CHECK(std::string(kernels_isa()) == vec4_isa());
#if defined(PADLAB_FORCE_SCALAR)
    CHECK(std::string(kernels_isa()) == "scalar");
#endif
}

TEST_CASE("registry: dispatch picks the kernel made for the problem", "[kernel_registry]") {
    ConvProblem p;
    p.axes[1] = {28, 26, 3, 1, 1, 0};
    p.axes[2] = {28, 26, 3, 1, 1, 0};
    p.cin = 1;
    p.cout = 32;  // the seed's first layer
    CHECK(std::string(select_conv_kernel(p)->name) == "conv_nd_cin1_s1_4x8__vec4");
    p.axes[2].s = 2;
    CHECK(std::string(select_conv_kernel(p)->name) == "conv_nd_5x8__vec4");
    p.axes[2].s = 1;
    p.cin = 16;
    CHECK(std::string(select_conv_kernel(p)->name) == "conv_nd_5x8__vec4");
    p.cout = 3;
    CHECK(std::string(select_conv_kernel(p)->name) == "conv_nd_8x4__vec4");

    ConvProblem dense;  // Dense(256) on 61952 features as a one-pixel Conv1D
    dense.axes[2] = {1, 1, 1, 1, 1, 0};
    dense.cin = 61952;
    dense.cout = 256;
    CHECK(std::string(select_conv_kernel(dense)->name) == "conv_nd_gemv_8rows__vec4");

    ConvProblem dw = p;
    dw.kind = ConvKind::Depthwise;
    dw.cin = 8;
    dw.cout = 8;
    CHECK(std::string(select_conv_kernel(dw)->name) == "depthwise_nd_m1_4x8__vec4");
    dw.multiplier = 2;
    dw.cout = 16;
    CHECK(std::string(select_conv_kernel(dw)->name) == "depthwise_nd_generic__scalar");
}

// The main correctness net: every registered kernel against the reference on random problems
// (all ranks, strides, dilations, padding kinds and modes, pad values, bias, ReLU).
TEST_CASE("registry: every kernel matches the reference on random problems", "[kernel_registry]") {
    std::mt19937 rng(20240611);
    std::map<std::string, int> covered;
    for (int i = 0; i < 3000; ++i) {
        const bool depthwise = i % 4 == 3;
        const ConvCase c = padlab_test::random_case(rng, depthwise);
        const ConvProblem p = padlab_test::problem_for(c);
        const Shape out_shape = padlab_test::output_shape_for(c);
        const padlab_test::Expected e = padlab_test::expected_for(c);
        for (const ConvKernel& k : conv_kernels()) {
            if (!k.supports(p)) continue;
            const xt::xarray<float> y = padlab_test::run_kernel(k, p, c, out_shape);
            const long bad = padlab_test::first_mismatch(y.data(), e);
            if (bad >= 0) {
                FAIL_CHECK(k.name << " on " << c.describe() << ": output " << bad << " is " << y.data()[bad]
                                  << ", reference " << e.values.data()[bad] << " (tolerance "
                                  << e.tolerance.data()[bad] << ")");
            }
            ++covered[k.name];
        }
    }
    for (const ConvKernel& k : conv_kernels()) {
        INFO(k.name);
        CHECK(covered[k.name] >= 200);
    }
}
