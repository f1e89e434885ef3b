#include <catch2/catch.hpp>

#include "core/ops/conv_lowering.hpp"

using namespace padlab;
using namespace padlab::kernels;

namespace {

std::optional<ConvProblem> resolve(const Shape& in, const Shape& k, const ConvOptions& o, ConvKind kind = ConvKind::Regular) {
    return make_conv_problem(conv_plan(in, k, o), in, k, o, kind);
}

}  // namespace

TEST_CASE("conv lowering: every rank is lifted to three axes with unit axes in front", "[conv_lowering]") {
    ConvOptions o;
    o.padding = Padding::causal();
    o.dilation = {2};
    const auto p1 = resolve({2, 10, 3}, {4, 3, 5}, o);
    REQUIRE(p1);
    CHECK(p1->batch == 2);
    CHECK(p1->axes[0].in == 1);
    CHECK(p1->axes[1].k == 1);
    CHECK(p1->axes[2].in == 10);
    CHECK(p1->axes[2].out == 10);
    CHECK(p1->axes[2].k == 4);
    CHECK(p1->axes[2].d == 2);
    CHECK(p1->axes[2].before == 6);  // causal: (k-1)*d cells before
    CHECK(p1->cin == 3);
    CHECK(p1->cout == 5);
    CHECK(p1->taps() == 4);
    CHECK(p1->output_pixels() == 20);

    ConvOptions same;
    same.padding = Padding::same();
    same.strides = {2};
    same.activation = Activation::Relu;
    same.mode = PadMode::Reflect;
    const auto p2 = resolve({1, 7, 6, 4}, {3, 2, 4, 8}, same);
    REQUIRE(p2);
    CHECK(p2->axes[0].in == 1);
    CHECK(p2->axes[1].out == 4);
    CHECK(p2->axes[2].out == 3);
    CHECK(p2->axes[2].before == 0);  // same, even kernel: the one padding cell goes after
    CHECK(p2->relu);
    CHECK(p2->mode == PadMode::Reflect);
    CHECK_FALSE(p2->zero_padding());
}

TEST_CASE("conv lowering: depthwise output channels are channels x multiplier", "[conv_lowering]") {
    const auto p = resolve({1, 5, 5, 3}, {3, 3, 3, 2}, ConvOptions{}, ConvKind::Depthwise);
    REQUIRE(p);
    CHECK(p->kind == ConvKind::Depthwise);
    CHECK(p->cin == 3);
    CHECK(p->multiplier == 2);
    CHECK(p->cout == 6);
}

TEST_CASE("conv lowering: unknown dimensions are left to the reference", "[conv_lowering]") {
    CHECK_FALSE(resolve({kNone, 5, 3}, {2, 3, 4}, ConvOptions{}));
}

TEST_CASE("conv lowering: arithmetic beyond Index is left to the reference", "[conv_lowering]") {
    // 'same' with a dilation of 2^30 pads about 2^29 cells each side: beyond 32-bit wasm indices.
    ConvOptions o;
    o.padding = Padding::same();
    o.dilation = {Dim(1) << 30};
    const auto p = resolve({1, 3, 1}, {2, 1, 1}, o);
    if (sizeof(Index) == 4) {
        CHECK_FALSE(p);
    } else {
        REQUIRE(p);
        CHECK(p->axes[2].before == (Dim(1) << 29));
    }
}
