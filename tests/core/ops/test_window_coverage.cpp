#include <catch2/catch.hpp>

#include <vector>

#include "core/ops/window_coverage.hpp"

TEST_CASE("window_read_mask: what a sliding window covers", "[window_coverage]") {
    // k3 s2 on 8 (3 outputs): windows 0-2, 2-4, 4-6; position 7 is never read.
    CHECK(padlab::window_read_mask(8, 3, 3, 2, 1) == std::vector<bool>{1, 1, 1, 1, 1, 1, 1, 0});
    // k1 s2 on 6 (3 outputs): every other position.
    CHECK(padlab::window_read_mask(6, 3, 1, 2, 1) == std::vector<bool>{1, 0, 1, 0, 1, 0});
    // k2 dilation 3 s1 on 5 (2 outputs): taps 0, 3 and 1, 4; position 2 is skipped.
    CHECK(padlab::window_read_mask(5, 2, 2, 1, 3) == std::vector<bool>{1, 1, 0, 1, 1});
    // No output: nothing is read.
    CHECK(padlab::window_read_mask(3, 0, 2, 1, 1) == std::vector<bool>{0, 0, 0});
}
