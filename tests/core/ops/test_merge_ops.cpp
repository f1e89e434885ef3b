#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/ops/merge_ops.hpp"

using padlab::MergeOp;

TEST_CASE("merge_elementwise: Add, Subtract, Multiply, Average, Maximum, Minimum of equal shapes") {
    const std::vector<float> a = {
        1, -2,
        3, 4,
    };
    const std::vector<float> b = {
        5, 6,
        -7, 8,
    };
    const std::vector<const float*> ins = {a.data(), b.data()};
    const std::vector<padlab::Shape> shapes = {{1, 2, 2}, {1, 2, 2}};
    std::vector<float> y(4);
    const auto run = [&](MergeOp op) {
        padlab::merge_elementwise(op, ins, shapes, {1, 2, 2}, y.data());
        return y;
    };
    CHECK(run(MergeOp::Add) == std::vector<float>{6, 4, -4, 12});
    CHECK(run(MergeOp::Subtract) == std::vector<float>{-4, -8, 10, -4});
    CHECK(run(MergeOp::Multiply) == std::vector<float>{5, -12, -21, 32});
    CHECK(run(MergeOp::Average) == std::vector<float>{3, 2, -2, 6});
    CHECK(run(MergeOp::Maximum) == std::vector<float>{5, 6, 3, 8});
    CHECK(run(MergeOp::Minimum) == std::vector<float>{1, -2, -7, 4});
}

TEST_CASE("merge_elementwise broadcasts a size-1 axis (numpy rules, as Keras's merge layers)") {
    // [1, 2, 3] + [1, 1, 3] (a per-channel row) + [1, 2, 1] (a per-step column).
    const std::vector<float> x = {
        1, 2, 3,
        4, 5, 6,
    };
    const std::vector<float> row = {10, 20, 30};
    const std::vector<float> col = {100, 200};
    std::vector<float> y(6);
    padlab::merge_elementwise(MergeOp::Add, {x.data(), row.data(), col.data()}, {{1, 2, 3}, {1, 1, 3}, {1, 2, 1}}, {1, 2, 3},
                              y.data());
    CHECK(y == std::vector<float>{
                   111, 122, 133,
                   214, 225, 236,
               });
}

TEST_CASE("concatenate_into joins along the last axis or an inner one") {
    const std::vector<float> a = {
        1, 2,
        3, 4,
    };  // [1, 2, 2]
    const std::vector<float> b = {
        5,
        6,
    };  // [1, 2, 1]
    std::vector<float> y(6);
    padlab::concatenate_into({a.data(), b.data()}, {{1, 2, 2}, {1, 2, 1}}, 2, y.data());
    CHECK(y == std::vector<float>{
                   1, 2, 5,
                   3, 4, 6,
               });
    // Axis 1 (steps): [1, 2, 2] + [1, 1, 2] -> [1, 3, 2].
    const std::vector<float> c = {7, 8};
    padlab::concatenate_into({a.data(), c.data()}, {{1, 2, 2}, {1, 1, 2}}, 1, y.data());
    CHECK(y == std::vector<float>{
                   1, 2,
                   3, 4,
                   7, 8,
               });
}

TEST_CASE("dot_vectors: the dot product per row, or the cosine with normalize") {
    const std::vector<float> a = {3, 4}, b = {4, 3};
    float y = 0;
    padlab::dot_vectors(a.data(), b.data(), 1, 2, false, &y);
    CHECK(y == 24.0f);
    padlab::dot_vectors(a.data(), b.data(), 1, 2, true, &y);
    CHECK(y == Approx(24.0 / 25.0));
    const std::vector<float> zero = {0, 0};
    padlab::dot_vectors(zero.data(), b.data(), 1, 2, true, &y);  // epsilon: 0, not NaN
    CHECK(y == 0.0f);
}
