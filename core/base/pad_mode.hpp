#pragma once
// The five padding modes, by name, and where a padding cell takes its value from. Plain integer
// code with no tensors, so the kernels (below the ops) can use it too; core/ops/padding.hpp
// documents the modes with examples.
#include <string_view>

#include "core/base/names.hpp"
#include "core/base/shape.hpp"

namespace padlab {

enum class PadMode { Constant, Reflect, Symmetric, Replicate, Circular };

// The modes' names, the one place they are spelled: constant (or zeros), reflect, symmetric,
// replicate (or edge), circular (or wrap); any case. The first, constant, is the default.
const NameTable<PadMode>& pad_mode_vocabulary();

// A name or alias from pad_mode_vocabulary(); ArgumentError listing them otherwise.
PadMode parse_pad_mode(std::string_view text);
std::string_view to_string(PadMode mode);

// For a position i on an axis of length n (i may be < 0 or >= n: a padding cell), the index
// in [0, n) whose value it takes, or -1 for Constant mode outside [0, n).
// Requires the mode's limits to hold for |overhang| (validate_pads checks them).
Dim pad_source_index(Dim i, Dim n, PadMode mode);

}  // namespace padlab
