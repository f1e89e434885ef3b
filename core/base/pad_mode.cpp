#include "core/base/pad_mode.hpp"

#include <algorithm>
#include <string>

#include "core/base/errors.hpp"
#include "core/base/suggest.hpp"

namespace padlab {

namespace {

Dim mod(Dim a, Dim m) { return ((a % m) + m) % m; }

}  // namespace

const NameTable<PadMode>& pad_mode_vocabulary() {
    static const NameTable<PadMode> table(
        NameCase::Insensitive,
        {
            {PadMode::Constant, "constant", {"zeros"}, "fills with a value (0 by default)"},
            {PadMode::Reflect, "reflect", {}, "mirrors without the edge: [1,2,3] by 2 -> [3,2,1,2,3,2,1]"},
            {PadMode::Symmetric, "symmetric", {}, "mirrors with the edge: [1,2,3] by 2 -> [2,1,1,2,3,3,2]"},
            {PadMode::Replicate, "replicate", {"edge"}, "repeats the edge: [1,2,3] by 2 -> [1,1,1,2,3,3,3]"},
            {PadMode::Circular, "circular", {"wrap"}, "wraps around: [1,2,3] by 2 -> [2,3,1,2,3,1,2]"},
        });
    return table;
}

PadMode parse_pad_mode(std::string_view text) {
    if (const auto mode = pad_mode_vocabulary().parse(text)) return *mode;
    throw ArgumentError(with_suggestion("Unknown padding mode '" + std::string(text) + "'. Valid modes: " +
                                            pad_mode_vocabulary().listing(),
                                        text, pad_mode_vocabulary().names()));
}

std::string_view to_string(PadMode mode) { return pad_mode_vocabulary().name(mode); }

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
