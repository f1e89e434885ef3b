#pragma once
// A 4-lane float vector, written once for every target. With GCC/clang it is a vector
// extension type, which clang lowers to WebAssembly SIMD128 under -msimd128 and GCC/clang
// lower to SSE/AVX (or NEON) natively. Elsewhere, or when PADLAB_FORCE_SCALAR is defined,
// it is a plain struct of four floats: the same kernels compile to scalar code.
//
// Only what the kernels need: unaligned load/store, splat, mul/add, ReLU. No FMA on purpose:
// baseline wasm SIMD has none, and the native build must round like the wasm one does.
#include <cstring>

namespace padlab::kernels {

#if (defined(__GNUC__) || defined(__clang__)) && !defined(PADLAB_FORCE_SCALAR) && \
    (defined(__wasm_simd128__) || defined(__SSE2__) || defined(__ARM_NEON))
#define PADLAB_VEC4_IS_SIMD 1

typedef float v4f __attribute__((vector_size(16)));
typedef int v4i __attribute__((vector_size(16)));

// memcpy is the portable unaligned access; it compiles to one v128.load / movups.
inline v4f load4(const float* p) {
    v4f v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void store4(float* p, v4f v) { std::memcpy(p, &v, sizeof v); }
inline v4f splat4(float x) { return v4f{x, x, x, x}; }
inline v4f zero4() { return v4f{0.0f, 0.0f, 0.0f, 0.0f}; }

// x < 0 ? 0 : x per lane, which keeps NaN and -0 as apply_activation does.
inline v4f relu4(v4f x) {
#if defined(__wasm_simd128__)
    // f32x4.pmax(x, 0) is exactly that select and one maxps in V8; clang would otherwise turn
    // the select into f32x4.max, whose NaN rules cost V8 eight instructions.
    return __builtin_wasm_pmax_f32x4(x, zero4());
#else
    const v4i negative = x < zero4();
    return reinterpret_cast<v4f>(reinterpret_cast<v4i>(x) & ~negative);
#endif
}

#else
#define PADLAB_VEC4_IS_SIMD 0

// Its own (inline) namespace: the scalar v4f and its helpers mangle differently from the vector
// ones, so objects of both builds in one link (the `scalar` stage's kernel_tests_scalar links
// scalar kernels beside the vector-built core) can never pick each other's inline copies.
inline namespace scalar_vec4 {

struct v4f {
    float l[4];
    friend v4f operator+(v4f a, v4f b) { return {{a.l[0] + b.l[0], a.l[1] + b.l[1], a.l[2] + b.l[2], a.l[3] + b.l[3]}}; }
    friend v4f operator*(v4f a, v4f b) { return {{a.l[0] * b.l[0], a.l[1] * b.l[1], a.l[2] * b.l[2], a.l[3] * b.l[3]}}; }
    v4f& operator+=(v4f b) { return *this = *this + b; }
};

inline v4f load4(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
inline void store4(float* p, v4f v) { std::memcpy(p, v.l, sizeof v.l); }
inline v4f splat4(float x) { return {{x, x, x, x}}; }
inline v4f zero4() { return {{0.0f, 0.0f, 0.0f, 0.0f}}; }
inline v4f relu4(v4f x) {
    for (float& f : x.l)
        if (f < 0.0f) f = 0.0f;
    return x;
}

}  // inline namespace scalar_vec4

#endif

// What v4f compiled to, for kernel listings and benchmark reports.
constexpr const char* vec4_isa() {
#if !PADLAB_VEC4_IS_SIMD
    return "scalar";
#elif defined(__wasm_simd128__)
    return "wasmsimd";
#elif defined(__AVX__)
    return "avx";
#elif defined(__SSE2__)
    return "sse2";
#else
    return "neon";
#endif
}

}  // namespace padlab::kernels
