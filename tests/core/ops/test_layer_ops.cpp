#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/ops/layer_ops.hpp"

TEST_CASE("crop_into removes (before, after) cells per spatial axis") {
    // [1, 3, 4, 1] cropped ((1, 0), (1, 2)) -> [1, 2, 1, 1].
    const std::vector<float> x = {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
    };
    std::vector<float> y(2);
    padlab::crop_into(x.data(), {1, 3, 4, 1}, {{1, 0}, {1, 2}}, {1, 2, 1, 1}, y.data());
    CHECK(y == std::vector<float>{
                   6,
                   10,
               });
    // Channels move together: [1, 3, 2] cropped (1, 1) -> the middle step's two channels.
    std::vector<float> z(2);
    padlab::crop_into(std::vector<float>{1, 2, 3, 4, 5, 6}.data(), {1, 3, 2}, {{1, 1}}, {1, 1, 2}, z.data());
    CHECK(z == std::vector<float>{3, 4});
}

TEST_CASE("relu_in_place follows Keras's ReLU(max_value, negative_slope, threshold)") {
    std::vector<float> x = {-2, -0.5f, 0, 0.5f, 1, 3};
    padlab::relu_in_place(x.data(), x.size(), {});
    CHECK(x == std::vector<float>{0, 0, 0, 0.5f, 1, 3});
    x = {-2, -0.5f, 0, 0.5f, 1, 3};
    padlab::relu_in_place(x.data(), x.size(), {1.5f, 0.5f, 0.5f});
    CHECK(x == std::vector<float>{-1.25f, -0.5f, -0.25f, 0.5f, 1, 1.5f});
}

TEST_CASE("normalize_in_place: moving statistics (BatchNormalization) or each row's own (LayerNormalization)") {
    std::vector<float> x = {1, 4, 3, 8};  // two rows of two channels
    const float mean[] = {1, 2}, var[] = {4, 1}, gamma[] = {2, 1}, beta[] = {0, 1};
    padlab::normalize_in_place(x.data(), 4, 2, mean, var, gamma, beta, 0.0f);
    CHECK(x == std::vector<float>{
                   0, 3,
                   2, 7,
               });
    std::vector<float> y = {1, 3, 10, 10};
    padlab::normalize_in_place(y.data(), 4, 2, nullptr, nullptr, nullptr, nullptr, 0.0f);
    CHECK(y[0] == Approx(-1.0));
    CHECK(y[1] == Approx(1.0));
    CHECK(std::isnan(y[2]));  // a constant row with epsilon 0: 0 / 0, as Keras would give
}
