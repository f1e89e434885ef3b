#include "core/base/pad_mode.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/base/errors.hpp"

namespace padlab {

namespace {

Dim mod(Dim a, Dim m) { return ((a % m) + m) % m; }

}  // namespace

PadMode parse_pad_mode(std::string_view text) {
    std::string name(text);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "constant" || name == "zeros") return PadMode::Constant;
    if (name == "reflect") return PadMode::Reflect;
    if (name == "symmetric") return PadMode::Symmetric;
    if (name == "replicate" || name == "edge") return PadMode::Replicate;
    if (name == "circular" || name == "wrap") return PadMode::Circular;
    throw ArgumentError("Unknown padding mode '" + std::string(text) +
                        "'. Valid modes: constant (or zeros), reflect, symmetric, replicate (or edge), "
                        "circular (or wrap)");
}

std::string_view to_string(PadMode mode) {
    switch (mode) {
        case PadMode::Constant: return "constant";
        case PadMode::Reflect: return "reflect";
        case PadMode::Symmetric: return "symmetric";
        case PadMode::Replicate: return "replicate";
        case PadMode::Circular: return "circular";
    }
    return "unknown";
}

Dim pad_source_index(Dim i, Dim n, PadMode mode) {
    if (i >= 0 && i < n) return i;
    if (n <= 0) return -1;  // nothing to copy from an empty axis
    switch (mode) {
        case PadMode::Constant:
            return -1;
        case PadMode::Reflect: {
            // Mirror about the edge cells without repeating them: period 2(n-1).
            if (n == 1) return 0;
            const Dim j = mod(i, 2 * (n - 1));
            return j < n ? j : 2 * (n - 1) - j;
        }
        case PadMode::Symmetric: {
            // Mirror including the edge cells: period 2n.
            const Dim j = mod(i, 2 * n);
            return j < n ? j : 2 * n - 1 - j;
        }
        case PadMode::Replicate:
            return std::clamp<Dim>(i, 0, n - 1);
        case PadMode::Circular:
            return mod(i, n);
    }
    return -1;
}

}  // namespace padlab
