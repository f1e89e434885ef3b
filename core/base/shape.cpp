#include "core/base/shape.hpp"

#include "core/base/errors.hpp"
#include "core/base/limits.hpp"

namespace padlab {

std::string shape_to_python(const Shape& s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i) out += ", ";
        out += s[i] == kNone ? std::string("None") : std::to_string(s[i]);
    }
    if (s.size() == 1) out += ",";
    return out + ")";
}

std::string python_tuple(const Shape& values) {
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(values[i]);
    }
    if (values.size() == 1) out += ",";
    return out + ")";
}

Dim shape_elements(const Shape& s) {
    Dim n = 1;
    for (Dim d : s) {
        if (d < 0) throw LimitError("shape " + shape_to_python(s) + " has an unknown dimension");
        if (d != 0 && n > INT64_MAX / d) throw LimitError("shape " + shape_to_python(s) + " is too large");
        n *= d;
    }
    return n;
}

void check_tensor_size(const Shape& shape, const std::string& what, std::size_t bytes_per_element) {
    const Dim n = shape_elements(shape);
    const auto limit_elems = static_cast<Dim>(kMaxTensorBytes / bytes_per_element);
    if (n > limit_elems) {
        throw LimitError(what + " of shape " + shape_to_python(shape) + " would need " +
                         std::to_string(static_cast<unsigned long long>(n) * bytes_per_element) +
                         " bytes, above the 1 GiB limit");
    }
}

}  // namespace padlab
