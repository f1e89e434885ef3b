#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/kernels/vec4.hpp"

using namespace padlab::kernels;

TEST_CASE("vec4: unaligned load/store, splat, multiply-add", "[vec4]") {
    const float data[6] = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f};
    float out[5] = {9, 9, 9, 9, 9};
    v4f acc = load4(data + 1);               // an address that is not 16-byte aligned
    acc += splat4(2.0f) * load4(data + 2);   // {1,2,3,4} + 2*{2,3,4,5}
    store4(out + 1, acc);
    CHECK(out[0] == 9.0f);
    CHECK(out[1] == 5.0f);
    CHECK(out[2] == 8.0f);
    CHECK(out[3] == 11.0f);
    CHECK(out[4] == 14.0f);
}

TEST_CASE("vec4: relu4 is x < 0 ? 0 : x per lane (NaN and -0 pass, as apply_activation)", "[vec4]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float in[4] = {-1.5f, 2.0f, nan, -0.0f};
    float out[4];
    store4(out, relu4(load4(in)));
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 2.0f);
    CHECK(std::isnan(out[2]));
    CHECK(out[3] == 0.0f);
    CHECK(std::signbit(out[3]));  // -0 is not < 0, so it stays -0
}

TEST_CASE("vec4: the build says what it compiled to", "[vec4]") {
    const std::string isa = vec4_isa();
#if defined(__wasm_simd128__) && !defined(PADLAB_FORCE_SCALAR)
    CHECK(isa == "wasmsimd");
#elif defined(PADLAB_FORCE_SCALAR)
    CHECK(isa == "scalar");
#else
    CHECK((isa == "avx" || isa == "sse2" || isa == "neon" || isa == "scalar"));
#endif
}
