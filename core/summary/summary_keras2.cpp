#include "core/summary/summary_keras2.hpp"

#include <algorithm>
#include <array>

#include "core/summary/summary_text.hpp"

namespace padlab {

namespace {

constexpr int kLineLength = 65;
// int(65 * p) for Keras's sequential positions [.45, .85, 1.].
constexpr std::array<int, 3> kPositions = {29, 55, 65};

using Text = std::u32string;  // Keras slices by code point (Python str), so we do too

// Era A print_row (standalone Keras 2.x, tf.keras <= 2.8): each field overwrites the last
// character of the line so far, then the line is cut at the column's position and padded.
// Long fields are silently truncated; trailing spaces are kept.
std::string row_era_a(const std::array<Text, 3>& fields) {
    Text line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto pos = static_cast<std::size_t>(kPositions[i]);
        if (i > 0) {
            if (!line.empty()) line.pop_back();
            line += U' ';
        }
        line += fields[i];
        if (line.size() > pos) line.resize(pos);
        line.append(pos - line.size(), U' ');
    }
    return code_points_to_utf8(line) + "\n";
}

// Era B/C print_row (tf.keras 2.9+): one leading space, two spaces between columns, and
// fields that do not fit continue on following lines, broken after "),", "},", "]," or "',"
// when the visible part contains one. Era C cuts every column but the last one char earlier.
std::string row_era_bc(const std::array<Text, 3>& fields, Keras2Era era) {
    static const std::array<Text, 4> kBreaks = {U"),", U"},", U"],", U"',"};
    std::array<Text, 3> left = fields;
    std::string out;
    auto any_left = [&] {
        return std::any_of(left.begin(), left.end(), [](const Text& t) { return !t.empty(); });
    };
    while (any_left()) {
        Text line;
        for (std::size_t col = 0; col < left.size(); ++col) {
            const bool last = col + 1 == left.size();
            const int start = col > 0 ? kPositions[col - 1] : 0;
            const int space = last ? 0 : 2;
            int cutoff = kPositions[col] - start - space;
            if (era == Keras2Era::C && !last) cutoff -= 1;
            Text fit = left[col].substr(0, static_cast<std::size_t>(cutoff));
            std::size_t best = Text::npos;
            for (const Text& b : kBreaks) {
                const std::size_t at = fit.find(b);
                if (at != Text::npos) best = std::min(best, at + b.size());
            }
            std::size_t consumed = std::min(fit.size(), static_cast<std::size_t>(cutoff));
            if (best != Text::npos) {
                fit.resize(best);
                consumed = best;
            }
            if (col == 0) line += U' ';
            line += fit;
            line.append(static_cast<std::size_t>(space), U' ');
            left[col].erase(0, consumed);
            // Python's " " * negative is empty: an overlong column pushes the rest right.
            const auto pos = static_cast<std::size_t>(kPositions[col]);
            if (line.size() < pos) line.append(pos - line.size(), U' ');
        }
        out += code_points_to_utf8(line) + "\n";
    }
    return out;
}

std::string row(const std::array<Text, 3>& fields, Keras2Era era) {
    return era == Keras2Era::A ? row_era_a(fields) : row_era_bc(fields, era);
}

std::string totals_line(const char* label, std::int64_t params, Keras2Era era) {
    if (era == Keras2Era::C) {
        return std::string(label) + std::to_string(params) + " (" +
               readable_memory_size(float32_bytes(params), ByteUnits::Keras2) + ")\n";
    }
    return std::string(label) + group_thousands(params) + "\n";
}

}  // namespace

std::string summary_keras2(const ModelSummary& model, Keras2Era era) {
    const std::string underscores(kLineLength, '_');
    const std::string equals(kLineLength, '=');
    const std::string blank(kLineLength, ' ');

    std::string out = "Model: \"" + model.name + "\"\n";
    out += underscores + "\n";
    out += row({U"Layer (type)", U"Output Shape", U"Param #"}, era);
    out += equals + "\n";
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSummary& layer = model.layers[i];
        out += row({utf8_to_code_points(layer.name + " (" + layer.class_name + ")"),
                    utf8_to_code_points(shape_to_python(layer.output_shape)),
                    utf8_to_code_points(std::to_string(layer.params))},
                   era);
        if (era == Keras2Era::A) {
            out += (i + 1 == model.layers.size() ? equals : underscores) + "\n";
        } else {
            out += blank + "\n";  // era B/C separate every row, the last one included
        }
    }
    // Era A closes the last row with '=' (above); B/C close the block after the blank line.
    // With no layers, era A never drew that closing rule, exactly like Keras's loop.
    if (era != Keras2Era::A) out += equals + "\n";
    out += totals_line("Total params: ", model.total_params, era);
    out += totals_line("Trainable params: ", model.trainable_params, era);
    out += totals_line("Non-trainable params: ", model.non_trainable_params, era);
    out += underscores + "\n";
    return out;
}

}  // namespace padlab
