#include <catch2/catch.hpp>

#include <xtensor/xarray.hpp>
#include <xtensor/xview.hpp>

#include "core/base/errors.hpp"
#include "core/ops/padding.hpp"
#include "tests/core/grid_equals.hpp"

using namespace padlab;
using padlab_test::EqualsGrid;

namespace {

std::vector<Dim> indices(Dim n, Dim by, PadMode mode) {
    std::vector<Dim> out;
    for (Dim i = -by; i < n + by; ++i) out.push_back(pad_source_index(i, n, mode));
    return out;
}

}  // namespace

TEST_CASE("parse_pad_mode names and aliases", "[padding]") {
    CHECK(parse_pad_mode("constant") == PadMode::Constant);
    CHECK(parse_pad_mode("Zeros") == PadMode::Constant);
    CHECK(parse_pad_mode("REFLECT") == PadMode::Reflect);
    CHECK(parse_pad_mode("symmetric") == PadMode::Symmetric);
    CHECK(parse_pad_mode("edge") == PadMode::Replicate);
    CHECK(parse_pad_mode("replicate") == PadMode::Replicate);
    CHECK(parse_pad_mode("wrap") == PadMode::Circular);
    CHECK(parse_pad_mode("Circular") == PadMode::Circular);
    CHECK(to_string(PadMode::Replicate) == "replicate");
    CHECK_THROWS_AS(parse_pad_mode("mirror"), ArgumentError);
    CHECK_THROWS_WITH(parse_pad_mode("mirror"),
                      "Unknown padding mode 'mirror'. Valid modes: constant (or zeros), reflect, symmetric, "
                      "replicate (or edge), circular (or wrap)");
    CHECK_THROWS_WITH(parse_pad_mode("reflekt"),
                      "Unknown padding mode 'reflekt'. Valid modes: constant (or zeros), reflect, symmetric, "
                      "replicate (or edge), circular (or wrap). Did you mean 'reflect'?");
}

TEST_CASE("pad_source_index per mode: [1,2,3] padded by 2", "[padding]") {
    // indices into [1,2,3]; the header's value examples are these +1
    CHECK(indices(3, 2, PadMode::Reflect) == std::vector<Dim>{2, 1, 0, 1, 2, 1, 0});    // [3,2,1,2,3,2,1]
    CHECK(indices(3, 2, PadMode::Symmetric) == std::vector<Dim>{1, 0, 0, 1, 2, 2, 1});  // [2,1,1,2,3,3,2]
    CHECK(indices(3, 2, PadMode::Replicate) == std::vector<Dim>{0, 0, 0, 1, 2, 2, 2});  // [1,1,1,2,3,3,3]
    CHECK(indices(3, 2, PadMode::Circular) == std::vector<Dim>{1, 2, 0, 1, 2, 0, 1});   // [2,3,1,2,3,1,2]
    CHECK(indices(3, 2, PadMode::Constant) == std::vector<Dim>{-1, -1, 0, 1, 2, -1, -1});
}

TEST_CASE("pad 1D in every mode", "[padding]") {
    const xt::xarray<float> x = {1.f, 2.f, 3.f};
    const Pads by2 = {{2, 2}};
    CHECK_THAT(pad(x, by2, PadMode::Reflect), EqualsGrid(xt::xarray<float>{3, 2, 1, 2, 3, 2, 1}));
    CHECK_THAT(pad(x, by2, PadMode::Symmetric), EqualsGrid(xt::xarray<float>{2, 1, 1, 2, 3, 3, 2}));
    CHECK_THAT(pad(x, by2, PadMode::Replicate), EqualsGrid(xt::xarray<float>{1, 1, 1, 2, 3, 3, 3}));
    CHECK_THAT(pad(x, by2, PadMode::Circular), EqualsGrid(xt::xarray<float>{2, 3, 1, 2, 3, 1, 2}));
    CHECK_THAT(pad(x, by2, PadMode::Constant), EqualsGrid(xt::xarray<float>{0, 0, 1, 2, 3, 0, 0}));
    CHECK_THAT(pad(x, {{1, 0}}, PadMode::Constant, -5.f), EqualsGrid(xt::xarray<float>{-5, 1, 2, 3}));
    CHECK_THAT(pad(x, {{0, 0}}, PadMode::Reflect), EqualsGrid(x));
}

TEST_CASE("pad 2D: asymmetric amounts per axis", "[padding]") {
    const xt::xarray<float> x = {{1, 2, 3},
                                 {4, 5, 6}};
    const xt::xarray<float> reflect = {{5, 4, 5, 6, 5},
                                       {2, 1, 2, 3, 2},
                                       {5, 4, 5, 6, 5},
                                       {2, 1, 2, 3, 2}};
    CHECK_THAT(pad(x, {{1, 1}, {1, 1}}, PadMode::Reflect), EqualsGrid(reflect));

    const xt::xarray<float> zeros = {{0, 0, 0, 0},
                                     {1, 2, 3, 0},
                                     {4, 5, 6, 0}};
    CHECK_THAT(pad(x, {{1, 0}, {0, 1}}, PadMode::Constant), EqualsGrid(zeros));

    const xt::xarray<float> edge = {{1, 1, 2, 3, 3, 3},
                                    {4, 4, 5, 6, 6, 6},
                                    {4, 4, 5, 6, 6, 6}};
    CHECK_THAT(pad(x, {{0, 1}, {1, 2}}, PadMode::Replicate), EqualsGrid(edge));

    const xt::xarray<float> wrap = {{3, 1, 2, 3},
                                    {6, 4, 5, 6},
                                    {3, 1, 2, 3}};
    CHECK_THAT(pad(x, {{0, 1}, {1, 0}}, PadMode::Circular), EqualsGrid(wrap));
}

TEST_CASE("pad keeps batch and channel axes with zero pads (rank 4)", "[padding]") {
    xt::xarray<float> x = xt::zeros<float>({1, 2, 2, 1});
    x(0, 0, 0, 0) = 1;
    x(0, 0, 1, 0) = 2;
    x(0, 1, 0, 0) = 3;
    x(0, 1, 1, 0) = 4;
    const auto y = pad(x, {{0, 0}, {1, 1}, {1, 1}, {0, 0}}, PadMode::Symmetric);
    REQUIRE(y.shape() == std::vector<std::size_t>{1, 4, 4, 1});
    const xt::xarray<float> expected = {{1, 1, 2, 2},
                                        {1, 1, 2, 2},
                                        {3, 3, 4, 4},
                                        {3, 3, 4, 4}};
    CHECK_THAT(xt::xarray<float>(xt::view(y, 0, xt::all(), xt::all(), 0)), EqualsGrid(expected));
}

TEST_CASE("mode limits and bad pads", "[padding]") {
    const Shape s = {2, 3};
    CHECK_NOTHROW(validate_pads(s, {{1, 1}, {2, 2}}, PadMode::Reflect));
    CHECK_THROWS_WITH(validate_pads(s, {{0, 0}, {3, 0}}, PadMode::Reflect),
                      "reflect padding of 3 on axis 1 needs pad < size (size 3)");
    CHECK_NOTHROW(validate_pads(s, {{0, 0}, {3, 3}}, PadMode::Symmetric));
    CHECK_THROWS_WITH(validate_pads(s, {{0, 3}, {0, 0}}, PadMode::Symmetric),
                      "symmetric padding of 3 on axis 0 needs pad <= size (size 2)");
    CHECK_THROWS_WITH(validate_pads(s, {{0, 0}, {0, 4}}, PadMode::Circular),
                      "circular padding of 4 on axis 1 needs pad <= size (size 3)");
    CHECK_NOTHROW(validate_pads(s, {{9, 9}, {9, 9}}, PadMode::Replicate));
    CHECK_NOTHROW(validate_pads(s, {{9, 9}, {9, 9}}, PadMode::Constant));
    CHECK_THROWS_AS(validate_pads({0}, {{1, 0}}, PadMode::Replicate), ArgumentError);
    CHECK_THROWS_WITH(validate_pads(s, {{-1, 0}, {0, 0}}, PadMode::Constant),
                      "constant padding of -1 on axis 0 is negative; pads must be >= 0");
    CHECK_THROWS_WITH(validate_pads(s, {{1, 1}}, PadMode::Constant),
                      "constant padding has 1 (before, after) pairs but the tensor (2, 3) has rank 2");
    // unknown dims: limits wait until the size is known
    CHECK_NOTHROW(validate_pads({kNone, 3}, {{5, 5}, {2, 2}}, PadMode::Reflect));
    // the padded result is checked against the 1 GiB cap before allocating
    CHECK_THROWS_AS(validate_pads({1, 1}, {{0, 20000}, {0, 20000}}, PadMode::Constant), LimitError);
    CHECK_THROWS_AS(validate_pads({1}, {{0, INT64_MAX}}, PadMode::Constant), LimitError);  // no overflow
    const xt::xarray<float> x = {1.f, 2.f, 3.f};
    CHECK_THROWS_AS(pad(x, {{3, 0}}, PadMode::Reflect), ArgumentError);
}
