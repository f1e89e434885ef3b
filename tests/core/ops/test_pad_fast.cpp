#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <xtensor/xarray.hpp>
#include <xtensor/xview.hpp>

#include "core/base/errors.hpp"
#include "core/ops/pad_fast.hpp"
#include "core/ops/padding.hpp"
#include "tests/core/grid_equals.hpp"

using namespace padlab;
using padlab_test::EqualsGrid;

namespace {

template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return std::string(e.kind()) + ": " + e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("pad_fast: the five modes on a row, as padding.hpp documents them", "[pad_fast]") {
    const xt::xarray<float> x = {1, 2, 3};
    const Pads by2 = {{2, 2}};
    CHECK_THAT(pad_fast(x, by2, PadMode::Constant, 9), EqualsGrid({9, 9, 1, 2, 3, 9, 9}));
    CHECK_THAT(pad_fast(x, by2, PadMode::Reflect), EqualsGrid({3, 2, 1, 2, 3, 2, 1}));
    CHECK_THAT(pad_fast(x, by2, PadMode::Symmetric), EqualsGrid({2, 1, 1, 2, 3, 3, 2}));
    CHECK_THAT(pad_fast(x, by2, PadMode::Replicate), EqualsGrid({1, 1, 1, 2, 3, 3, 3}));
    CHECK_THAT(pad_fast(x, by2, PadMode::Circular), EqualsGrid({2, 3, 1, 2, 3, 1, 2}));
}

TEST_CASE("pad_fast: a grid, reflect on both axes (corners mirror twice)", "[pad_fast]") {
    const xt::xarray<float> x = {{1, 2, 3},
                                 {4, 5, 6}};
    CHECK_THAT(pad_fast(x, {{1, 1}, {1, 2}}, PadMode::Reflect), EqualsGrid({{5, 4, 5, 6, 5, 4},
                                                                             {2, 1, 2, 3, 2, 1},
                                                                             {5, 4, 5, 6, 5, 4},
                                                                             {2, 1, 2, 3, 2, 1}}));
}

TEST_CASE("pad_fast: bit-identical to pad() on random shapes, pads and modes", "[pad_fast]") {
    std::mt19937 rng(99);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    int checked = 0;
    for (int i = 0; i < 600; ++i) {
        const int rank = pick(1, 5);
        std::vector<std::size_t> shape;
        Pads pads;
        for (int a = 0; a < rank; ++a) {
            shape.push_back(static_cast<std::size_t>(pick(0, 5)));
            pads.push_back(pick(0, 2) == 0 ? Pad{0, 0} : Pad{pick(0, 4), pick(0, 4)});
        }
        xt::xarray<float> x = xt::xarray<float>::from_shape(shape);
        for (std::size_t k = 0; k < x.size(); ++k) x.data()[k] = static_cast<float>(k) + 0.5f;
        const auto mode = static_cast<PadMode>(pick(0, 4));
        const std::string expected_error = error_of([&] { pad(x, pads, mode, -7.0f); });
        if (expected_error != "no error") {
            CHECK(error_of([&] { pad_fast(x, pads, mode, -7.0f); }) == expected_error);
            continue;
        }
        const xt::xarray<float> expected = pad(x, pads, mode, -7.0f);
        const xt::xarray<float> actual = pad_fast(x, pads, mode, -7.0f);
        REQUIRE(actual.shape() == expected.shape());
        CHECK(std::equal(actual.begin(), actual.end(), expected.begin()));
        ++checked;
    }
    CHECK(checked > 300);
}

TEST_CASE("pad_fast: channels-last spatial padding copies whole pixels", "[pad_fast]") {
    // [1, 2, 2, 3] padded on H and W only: channels stay together.
    xt::xarray<float> x = xt::xarray<float>::from_shape({1, 2, 2, 3});
    for (std::size_t k = 0; k < x.size(); ++k) x.data()[k] = static_cast<float>(k);
    const auto y = pad_fast(x, {{0, 0}, {1, 0}, {0, 1}, {0, 0}}, PadMode::Replicate);
    REQUIRE(y.shape() == xt::xarray<float>::shape_type{1, 3, 3, 3});
    CHECK_THAT(xt::xarray<float>(xt::view(y, 0, 0)), EqualsGrid({{0, 1, 2}, {3, 4, 5}, {3, 4, 5}}));
    CHECK_THAT(xt::xarray<float>(xt::view(y, 0, 2)), EqualsGrid({{6, 7, 8}, {9, 10, 11}, {9, 10, 11}}));
}

TEST_CASE("pad_fast: pad_into and padded_shape", "[pad_fast]") {
    const std::vector<float> x = {1, 2, 3, 4};
    const Pads pads = {{1, 0}, {0, 1}};
    CHECK(padded_shape({2, 2}, pads, PadMode::Circular) == Shape{3, 3});
    std::vector<float> out(9);
    pad_into(x.data(), {2, 2}, pads, PadMode::Circular, 0.0f, out.data());
    CHECK(out == std::vector<float>{3, 4, 3,
                                    1, 2, 1,
                                    3, 4, 3});
    CHECK(error_of([&] { padded_shape({2, 2}, {{2, 0}, {0, 0}}, PadMode::Reflect); }) ==
          error_of([&] { validate_pads({2, 2}, {{2, 0}, {0, 0}}, PadMode::Reflect); }));
    CHECK(error_of([&] { padded_shape({kNone, 2}, {{0, 0}, {1, 1}}, PadMode::Constant); })
              .rfind("ShapeError", 0) == 0);
}
