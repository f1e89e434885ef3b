#include <catch2/catch.hpp>

#include <xtensor/xarray.hpp>
#include <xtensor/xview.hpp>

#include "core/base/errors.hpp"
#include "core/ops/reference_conv.hpp"
#include "tests/core/grid_equals.hpp"

using namespace padlab;
using padlab_test::EqualsGrid;

namespace {

// A grid as one sample with one channel: [1, ...grid, 1].
xt::xarray<float> sample(xt::xarray<float> grid) {
    std::vector<std::size_t> shape = {1};
    shape.insert(shape.end(), grid.shape().begin(), grid.shape().end());
    shape.push_back(1);
    grid.reshape(shape);
    return grid;
}

// A kernel grid for one input and one output channel: [...grid, 1, 1].
xt::xarray<float> filter(xt::xarray<float> grid) {
    std::vector<std::size_t> shape(grid.shape().begin(), grid.shape().end());
    shape.push_back(1);
    shape.push_back(1);
    grid.reshape(shape);
    return grid;
}

// The spatial grid of sample 0, channel 0.
xt::xarray<float> grid_of(const xt::xarray<float>& y) {
    std::vector<std::size_t> shape(y.shape().begin() + 1, y.shape().end() - 1);
    xt::xarray<float> g = y;
    g.reshape(shape);
    return g;
}

const xt::xarray<float> kNoBias = xt::xarray<float>::from_shape({0});

ConvOptions with_padding(Padding p, PadMode mode = PadMode::Constant) {
    ConvOptions o;
    o.padding = std::move(p);
    o.mode = mode;
    return o;
}

}  // namespace

TEST_CASE("2D conv by hand: valid, same, reflect, bias", "[reference_conv]") {
    const auto x = sample({{1, 2, 3},
                           {4, 5, 6},
                           {7, 8, 9}});
    const auto w = filter({{1, 2},
                           {3, 4}});

    const auto valid = conv_reference(x, w, kNoBias, with_padding(Padding::valid()));
    REQUIRE(valid.shape() == xt::xarray<float>::shape_type{1, 2, 2, 1});
    CHECK_THAT(grid_of(valid), EqualsGrid({{37, 47},
                                           {67, 77}}));

    const auto biased = conv_reference(x, w, xt::xarray<float>{1.0f}, with_padding(Padding::valid()));
    CHECK_THAT(grid_of(biased), EqualsGrid({{38, 48},
                                            {68, 78}}));

    // 'same' with an even kernel: the one padding cell goes after (bottom/right), zeros
    CHECK_THAT(grid_of(conv_reference(x, w, kNoBias, with_padding(Padding::same()))),
               EqualsGrid({{37, 47, 21},
                           {67, 77, 33},
                           {23, 26,  9}}));

    // same geometry, reflect: row 3 reads row 1, column 3 reads column 1
    CHECK_THAT(grid_of(conv_reference(x, w, kNoBias, with_padding(Padding::same(), PadMode::Reflect))),
               EqualsGrid({{37, 47, 45},
                           {67, 77, 75},
                           {55, 65, 63}}));

    // replicate: the edge repeats
    CHECK_THAT(grid_of(conv_reference(x, w, kNoBias, with_padding(Padding::same(), PadMode::Replicate))),
               EqualsGrid({{37, 47, 3 + 6 + 18 + 24},
                           {67, 77, 6 + 12 + 27 + 36},
                           {7 + 16 + 21 + 32, 8 + 18 + 24 + 36, 9 + 18 + 27 + 36}}));
}

TEST_CASE("channels mix through the kernel's [in, out] axes", "[reference_conv]") {
    // one sample, 3 steps, 2 channels: (1,10), (2,20), (3,30)
    xt::xarray<float> x = {{{1, 10}, {2, 20}, {3, 30}}};
    xt::xarray<float> w = {{{1, 2},
                            {3, 4}}};  // [k=1, in=2, out=2]
    ConvOptions o;
    const auto y = conv_reference(x, w, xt::xarray<float>{0.5f, -0.5f}, o);
    CHECK_THAT(y, EqualsGrid({{{31.5f, 41.5f}, {62.5f, 83.5f}, {93.5f, 125.5f}}}));
}

TEST_CASE("causal Conv1D: output t depends only on inputs <= t", "[reference_conv]") {
    const auto w = filter({1, 10, 100});  // out[t] = x[t-2] + 10 x[t-1] + 100 x[t]
    const auto opts = with_padding(Padding::causal());
    const auto y = conv_reference(sample({1, 2, 3, 4, 5}), w, kNoBias, opts);
    CHECK_THAT(grid_of(y), EqualsGrid({100, 210, 321, 432, 543}));

    // poke each input in turn: only outputs at or after it move
    for (std::size_t t = 0; t < 5; ++t) {
        xt::xarray<float> x = xt::zeros<float>({1, 5, 1});
        x(0, t, 0) = 1.0f;
        const auto g = grid_of(conv_reference(x, w, kNoBias, opts));
        for (std::size_t u = 0; u < 5; ++u) {
            INFO("impulse at " << t << ", output " << u);
            if (u < t) CHECK(g(u) == 0.0f);
        }
        CHECK(g(t) == 100.0f);
    }
}

TEST_CASE("strides and dilation", "[reference_conv]") {
    const auto x = sample({1, 2, 3, 4, 5, 6, 7});
    const auto w = filter({1, 10});
    ConvOptions strided;
    strided.strides = {2};
    CHECK_THAT(grid_of(conv_reference(x, w, kNoBias, strided)), EqualsGrid({21, 43, 65}));

    ConvOptions dilated;
    dilated.dilation = {2};
    CHECK_THAT(grid_of(conv_reference(x, w, kNoBias, dilated)), EqualsGrid({31, 42, 53, 64, 75}));

    ConvOptions both;
    both.strides = {2};
    both.dilation = {2};
    CHECK_THROWS_AS(conv_reference(x, w, kNoBias, both), ArgumentError);

    // a single stride value applies to every axis
    ConvOptions s2;
    s2.strides = {2};
    s2.padding = Padding::same();
    const auto y = conv_reference(sample(xt::ones<float>({5, 5})), filter(xt::ones<float>({3, 3})), kNoBias, s2);
    CHECK(y.shape() == xt::xarray<float>::shape_type{1, 3, 3, 1});
    CHECK_THAT(grid_of(y), EqualsGrid({{4, 6, 4},
                                       {6, 9, 6},
                                       {4, 6, 4}}));
}

TEST_CASE("3D conv counts in-bounds cells with 'same'", "[reference_conv]") {
    const auto y = conv_reference(sample(xt::ones<float>({2, 2, 2})), filter(xt::ones<float>({2, 2, 2})), kNoBias,
                                  with_padding(Padding::same()));
    CHECK_THAT(grid_of(y), EqualsGrid({{{8, 4}, {4, 2}},
                                       {{4, 2}, {2, 1}}}));
}

TEST_CASE("pad value and activation", "[reference_conv]") {
    ConvOptions o = with_padding(Padding::same());
    o.pad_value = 5.0f;
    CHECK_THAT(grid_of(conv_reference(sample({1, 1}), filter({1, 1, 1}), kNoBias, o)), EqualsGrid({7, 7}));

    ConvOptions relu;
    relu.activation = Activation::Relu;
    CHECK_THAT(grid_of(conv_reference(sample({1, -2, 3}), filter({-1}), kNoBias, relu)), EqualsGrid({0, 2, 0}));
}

TEST_CASE("conv_plan resolves and validates like the reference", "[reference_conv]") {
    ConvOptions o;
    o.padding = Padding::same();
    const auto plan = conv_plan({kNone, 28, 28, 1}, {3, 3, 1, 32}, o);
    REQUIRE(plan.size() == 2);
    CHECK(plan[0].output == 28);
    CHECK(plan[1].pad_after == 1);
}

TEST_CASE("reference conv rejections", "[reference_conv]") {
    const auto x = sample({{1, 2}, {3, 4}});
    CHECK_THROWS_WITH(conv_reference(x, filter({1, 2}), kNoBias, {}),
                      "Input 0 of layer \"Conv1D\" is incompatible with the layer: expected ndim=3, found ndim=4. "
                      "Full shape received: (1, 2, 2, 1)");
    xt::xarray<float> w2 = xt::ones<float>({1, 1, 3, 1});
    CHECK_THROWS_WITH(conv_reference(x, w2, kNoBias, {}),
                      "Conv2D: the input has 1 channels but the kernel (1, 1, 3, 1) expects 3. "
                      "Full input shape received: (1, 2, 2, 1)");
    CHECK_THROWS_AS(conv_reference(x, filter(xt::ones<float>({1, 1})), xt::xarray<float>{1, 2}, {}), ShapeError);
    CHECK_THROWS_AS(conv_reference(x, xt::ones<float>({3, 3}), kNoBias, {}), ShapeError);
    CHECK_THROWS_AS(conv_reference(x, filter({{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}), kNoBias, {}), ShapeError);
    // the pad mode's limits hold for the layer's own pads: k=5 'same' on L=2 pads (2, 2)
    CHECK_THROWS_WITH(conv_reference(sample({1, 2}), filter({1, 1, 1, 1, 1}), kNoBias,
                                     with_padding(Padding::same(), PadMode::Reflect)),
                      "Conv1D: reflect padding of 2 on axis 1 needs pad < size (size 2)");
    CHECK_NOTHROW(conv_reference(sample({1, 2}), filter({1, 1, 1, 1, 1}), kNoBias,
                                 with_padding(Padding::same(), PadMode::Symmetric)));
    // a huge output is refused before allocating
    CHECK_THROWS_AS(conv_reference(sample(xt::ones<float>({1, 1})), filter(xt::ones<float>({1, 1})), kNoBias,
                                   with_padding(Padding::explicit_pads({{0, 20000}, {0, 20000}}))),
                    LimitError);
}
