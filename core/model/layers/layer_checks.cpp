#include "core/model/layers/layer_checks.hpp"

#include <limits>

#include "core/base/errors.hpp"

namespace padlab::layers {

namespace {
void rank_error(const Shape& input, const char* kind, std::size_t expected, std::string_view layer_name) {
    throw ShapeError("Input 0 of layer \"" + std::string(layer_name) + "\" is incompatible with the layer: expected " +
                     kind + "=" + std::to_string(expected) + ", found ndim=" + std::to_string(input.size()) +
                     ". Full shape received: " + shape_to_python(input));
}
}  // namespace

void require_ndim(const Shape& input, std::size_t ndim, std::string_view layer_name) {
    if (input.size() != ndim) rank_error(input, "ndim", ndim, layer_name);
}

void require_min_ndim(const Shape& input, std::size_t min_ndim, std::string_view layer_name) {
    if (input.size() < min_ndim) rank_error(input, "min_ndim", min_ndim, layer_name);
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b, std::string_view what) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) throw LimitError(std::string(what) + " is too large to count in 64 bits");
    return r;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b, std::string_view what) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw LimitError(std::string(what) + " is too large to count in 64 bits");
    return r;
}

Dim known_product(const Shape& dims, std::string_view what) {
    Dim n = 1;
    for (Dim d : dims) {
        if (d == kNone) return kNone;
        n = checked_mul(n, d, what);
    }
    return n;
}

}  // namespace padlab::layers
