#include "core/model/weight_init.hpp"

#include <cmath>

namespace padlab {

namespace {

// splitmix64 (Steele, Lea, Flood 2014) of a counter: every value is independent of the others,
// so a stream can be filled in any order or in parallel with the same result.
std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t stream) { return splitmix64((seed << 32) ^ stream); }

float value_at(std::uint64_t key, std::uint64_t i) {
    const std::uint64_t bits = splitmix64(key + i) >> 40;  // top 24 bits
    return static_cast<float>(bits) * (1.0f / 16777216.0f);
}

}  // namespace

float uniform01(std::uint64_t seed, std::uint64_t stream, std::uint64_t i) {
    return value_at(stream_key(seed, stream), i);
}

void fill_uniform01(float* out, std::size_t n, std::uint64_t seed, std::uint64_t stream) {
    const std::uint64_t key = stream_key(seed, stream);
    for (std::size_t i = 0; i < n; ++i) out[i] = value_at(key, i);
}

void kernel_fans(const Shape& kernel_shape, Dim& fan_in, Dim& fan_out) {
    if (kernel_shape.empty()) {
        fan_in = fan_out = 1;
        return;
    }
    if (kernel_shape.size() == 1) {
        fan_in = fan_out = kernel_shape[0];
        return;
    }
    Dim receptive = 1;
    for (std::size_t i = 0; i + 2 < kernel_shape.size(); ++i) receptive *= kernel_shape[i];
    fan_in = receptive * kernel_shape[kernel_shape.size() - 2];
    fan_out = receptive * kernel_shape.back();
}

void fill_glorot_uniform(float* out, const Shape& kernel_shape, std::uint64_t seed, std::uint64_t stream) {
    Dim fan_in = 1, fan_out = 1;
    kernel_fans(kernel_shape, fan_in, fan_out);
    const float limit = static_cast<float>(std::sqrt(6.0 / static_cast<double>(fan_in + fan_out)));
    const auto n = static_cast<std::size_t>(shape_elements(kernel_shape));
    const std::uint64_t key = stream_key(seed, stream);
    for (std::size_t i = 0; i < n; ++i) out[i] = (2.0f * value_at(key, i) - 1.0f) * limit;
}

}  // namespace padlab
