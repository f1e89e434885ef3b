#pragma once
// Catch2 matcher comparing xtensor arrays as literal grids: exact shape, values within 1e-5
// (relative or absolute). xtensor's own operator== fights Catch's expression decomposition,
// and a matcher prints both grids on failure.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include <xtensor/xarray.hpp>
#include <xtensor/xio.hpp>

namespace padlab_test {

class GridEquals : public Catch::MatcherBase<xt::xarray<float>> {
public:
    explicit GridEquals(xt::xarray<float> expected) : expected_(std::move(expected)) {}
    bool match(const xt::xarray<float>& actual) const override {
        if (actual.shape() != expected_.shape()) return false;
        for (std::size_t i = 0; i < actual.size(); ++i) {
            const float a = actual.data()[i], e = expected_.data()[i];
            if (std::fabs(a - e) > 1e-5f * std::max(1.0f, std::fabs(e))) return false;
        }
        return true;
    }
    std::string describe() const override {
        std::ostringstream out;
        out << "equals grid\n" << expected_;
        return out.str();
    }

private:
    xt::xarray<float> expected_;
};

inline GridEquals EqualsGrid(xt::xarray<float> expected) { return GridEquals(std::move(expected)); }

}  // namespace padlab_test

namespace Catch {
// Print actual arrays as grids too.
template <>
struct StringMaker<xt::xarray<float>> {
    static std::string convert(const xt::xarray<float>& a) {
        std::ostringstream out;
        out << "\n" << a;
        return out.str();
    }
};
}  // namespace Catch
