// InputSpec rank checks (Keras's wording) and overflow-checked counting.
#include <catch2/catch.hpp>

#include <cstdint>

#include "core/model/layers/layer_checks.hpp"
#include "tests/core/model/layers/layer_test_helpers.hpp"

using padlab::kNone;
using padlab::LimitError;
using padlab::Shape;
using padlab::ShapeError;
using padlab::layers::checked_add;
using padlab::layers::checked_mul;
using padlab::layers::known_product;
using padlab::layers::require_min_ndim;
using padlab::layers::require_ndim;
using Catch::Matchers::Message;

TEST_CASE("require_ndim / require_min_ndim use Keras's InputSpec text", "[layers][checks]") {
    CHECK_NOTHROW(require_ndim({kNone, 28, 28, 1}, 4, "max_pooling2d"));
    CHECK_NOTHROW(require_min_ndim({kNone, 2, 28, 28, 1}, 4, "conv2d"));
    CHECK_THROWS_MATCHES(require_ndim({kNone, 28, 28}, 4, "max_pooling2d"), ShapeError,
                         Message("Input 0 of layer \"max_pooling2d\" is incompatible with the layer: expected ndim=4, "
                                 "found ndim=3. Full shape received: (None, 28, 28)"));
    CHECK_THROWS_MATCHES(require_min_ndim({kNone, 10}, 4, "conv2d"), ShapeError,
                         Message("Input 0 of layer \"conv2d\" is incompatible with the layer: expected min_ndim=4, "
                                 "found ndim=2. Full shape received: (None, 10)"));
}

TEST_CASE("checked arithmetic refuses int64 overflow", "[layers][checks]") {
    CHECK(checked_mul(61952, 256, "x") == 15859712);
    CHECK(checked_add(15859712, 256, "x") == 15859968);
    CHECK_THROWS_MATCHES(checked_mul(INT64_MAX / 2, 3, "the parameter count of Dense 'dense'"), LimitError,
                         Message("the parameter count of Dense 'dense' is too large to count in 64 bits"));
    CHECK_THROWS_AS(checked_add(INT64_MAX, 1, "x"), LimitError);
    CHECK(known_product({26, 26}, "x") == 676);
    CHECK(known_product({}, "x") == 1);
    CHECK(known_product({26, kNone}, "x") == kNone);
    CHECK_THROWS_AS(known_product({INT64_MAX, 2}, "x"), LimitError);
}
