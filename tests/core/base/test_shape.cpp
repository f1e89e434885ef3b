#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/base/limits.hpp"
#include "core/base/shape.hpp"

using namespace padlab;

TEST_CASE("shape_to_python prints Python tuples as Keras does", "[shape]") {
    CHECK(shape_to_python({kNone, 26, 26, 32}) == "(None, 26, 26, 32)");
    CHECK(shape_to_python({kNone, 10}) == "(None, 10)");
    CHECK(shape_to_python({kNone}) == "(None,)");  // a true 1-tuple keeps its comma
    CHECK(shape_to_python({5}) == "(5,)");
    CHECK(shape_to_python({}) == "()");
    CHECK(shape_to_python({kNone, kNone, 3}) == "(None, None, 3)");
}

TEST_CASE("shape_elements multiplies known dims", "[shape]") {
    CHECK(shape_elements({2, 3, 4}) == 24);
    CHECK(shape_elements({}) == 1);
    CHECK(shape_elements({7, 0, 9}) == 0);
    CHECK_THROWS_WITH(shape_elements({kNone, 3}), "shape (None, 3) has an unknown dimension");
    CHECK_THROWS_AS(shape_elements({Dim(1) << 40, Dim(1) << 40}), LimitError);
}

TEST_CASE("check_tensor_size refuses more than 1 GiB", "[shape]") {
    CHECK_NOTHROW(check_tensor_size({1, 28, 28, 32}, "conv2d output"));
    CHECK_NOTHROW(check_tensor_size({Dim(1) << 28}, "exactly 1 GiB"));  // 2^28 floats = 2^30 bytes
    CHECK_THROWS_WITH(check_tensor_size({(Dim(1) << 28) + 1}, "padded input"),
                      "padded input of shape (268435457,) would need 1073741828 bytes, above the 1 GiB limit");
    CHECK_NOTHROW(check_tensor_size({Dim(1) << 27}, "doubles", 8));
    CHECK_THROWS_AS(check_tensor_size({(Dim(1) << 27) + 1}, "doubles", 8), LimitError);
    CHECK_THROWS_AS(check_tensor_size({kNone, 3}, "unknown"), LimitError);
}

TEST_CASE("python_tuple echoes argument values as Python prints a tuple", "[shape]") {
    CHECK(padlab::python_tuple({2, 2}) == "(2, 2)");
    CHECK(padlab::python_tuple({7}) == "(7,)");
    CHECK(padlab::python_tuple({-1, 3}) == "(-1, 3)");  // an argument, not an unknown dim
    CHECK(padlab::python_tuple({}) == "()");
}
