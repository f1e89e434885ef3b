#pragma once
// The keyword arguments of Keras's model.summary() that change its text, shared by the Keras 2
// and Keras 3 printers (summary_keras2 / summary_keras3), plus the facts of the printing
// environment Keras 3 reads (terminal width, release).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/model/model.hpp"

namespace padlab {

// Keras 3 changed its default widths once: 3.0.0-3.0.4 used 84 / [0.45, 0.84, 1] (sequential)
// and [0.3, 0.56, 0.70, 1] (functional); 3.0.5 and later use 88 / [0.45, 0.80, 1] and
// [0.3, 0.56, 0.74, 1] (keras/src/utils/summary_utils.py).
enum class Keras3Release {
    V3_0_0,  // 3.0.0-3.0.4
    V3_0_5,  // 3.0.5 and later (the default)
};

struct SummaryOptions {
    // line_length=: the total width. Unset (or 0, which Python treats as None): the layout's
    // default -- Keras 2: 65 sequential-like, 98 graph (+11 with show_trainable); Keras 3:
    // min(default, console_width - 4), default 88 / 108 (+12 with show_trainable). Keras 2
    // rejects negative widths here (ArgumentError); Keras 3 reports "Insufficient console width".
    std::optional<int> line_length;
    // show_trainable=True: a Trainable column. Keras 2 eras B/C (tf.keras 2.8+) print Y/N;
    // Keras 3 prints Y/N for layers with weights and "-" for the others.
    bool show_trainable = false;
    // expand_nested=True: the rows of nested models (LayerSummary::nested) under their row.
    // Keras 2 eras B/C (2.7+): boxed in '|' and U+00AF; Keras 3: "   └ " name prefixes.
    bool expand_nested = false;
    // layer_range=[first, last]: empty = None. Else two regular expressions matched (Python
    // re.match: anchored at the start) against the top-level rows' names; rows from the first
    // match of either to the last match of the other are printed. Totals stay the whole
    // model's. Keras 2 eras B/C (2.10+) and Keras 3. A length other than 2, or no match,
    // raises Keras's ValueError text as an ArgumentError.
    std::vector<std::string> layer_range;
    // Keras 3 only: the terminal's columns (shutil.get_terminal_size(); 80 when not a TTY, as
    // in notebooks, CI and pipes), which caps the default width at console_width - 4.
    int console_width = 80;
    // Keras 3 only: which release's default widths.
    Keras3Release keras3_release = Keras3Release::V3_0_5;
};

// Keras's get_layer_index_bound_by_layer_name: the [begin, end) of model.layers that
// layer_range selects, matching each row's name (Keras 3: name_keras3 when set).
// {0, layers.size()} when layer_range is empty. ArgumentError with Keras's messages:
// "layer_range must be a list or tuple of length 2. Received: layer_range = [...] of length N",
// "Passed layer_names do not match the layer names in the model. Received: [...]".
std::array<std::size_t, 2> layer_range_bounds(const ModelSummary& model, const std::vector<std::string>& layer_range,
                                              bool keras3_names);

}  // namespace padlab
