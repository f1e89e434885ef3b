#include "core/summary/summary_keras2.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/base/errors.hpp"
#include "core/summary/summary_text.hpp"

namespace padlab {

namespace {

using Text = std::u32string;  // Keras slices by code point (Python str), so we do too

constexpr int kMaxLineLength = 4096;  // refuse absurd widths before allocating lines for them

// The column layout once line_length and positions are resolved (print_summary's prologue).
struct Layout {
    int line_length = 0;
    std::vector<int> positions;  // absolute end column of each field
    bool connections = false;    // the graph layout's "Connected to" column
    bool trainable = false;      // show_trainable's "Trainable" column
};

Layout make_layout(const ModelSummary& model, Keras2Era era, const SummaryOptions& options) {
    const bool sequential_like = !model.graph || model.sequential_like;
    Layout layout;
    layout.connections = !sequential_like;
    // line_length = line_length or 65 / 98: Python's `or` also replaces 0.
    if (options.line_length && *options.line_length != 0) {
        const int requested = *options.line_length;
        if (requested < 0) throw ArgumentError("line_length must be positive; got " + std::to_string(requested));
        if (requested > kMaxLineLength) {
            throw ArgumentError("line_length must be at most " + std::to_string(kMaxLineLength) + "; got " +
                                std::to_string(requested));
        }
        layout.line_length = requested;
    } else {
        layout.line_length = sequential_like ? 65 : 98;
    }
    std::vector<double> relative;
    if (sequential_like) relative = {.45, .85, 1.};
    else if (era == Keras2Era::C) relative = {0.3, 0.6, 0.70, 1.0};
    else relative = {.33, .55, .67, 1.};
    // positions = [int(line_length * p) for p in positions]
    for (double p : relative) layout.positions.push_back(static_cast<int>(layout.line_length * p));
    if (options.show_trainable) {
        // Added after the positions are made absolute, so they are not rescaled.
        layout.line_length += 11;
        layout.positions.push_back(layout.line_length);
        layout.trainable = true;
    }
    return layout;
}

Text repeat(char32_t c, long n) { return n > 0 ? Text(static_cast<std::size_t>(n), c) : Text(); }

// Python's index of s[:c] / s[c:] for a possibly negative c.
std::size_t py_index(long c, std::size_t len) {
    const long n = static_cast<long>(len);
    if (c >= 0) return static_cast<std::size_t>(std::min(c, n));
    return static_cast<std::size_t>(std::max(0L, n + c));
}

// Era A print_row (standalone Keras 2.x, tf.keras <= 2.6): each field overwrites the last
// character of the line so far, then the line is cut at the column's position and padded.
// Long fields are silently truncated; trailing spaces are kept.
std::string row_era_a(const std::vector<Text>& fields, const std::vector<int>& positions) {
    Text line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto pos = static_cast<std::size_t>(positions[i]);
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

// Era B/C print_row (keras 2.7+): one leading space (after nested_level '|'), two spaces between
// columns, and fields that do not fit continue on following lines, broken after "),", "},", "],"
// or "'," when the visible part contains one. Era C cuts every column but the last one char
// earlier, and its first column one more per nesting level. Nested rows end in '|'s.
std::string row_era_bc(std::vector<Text> left, const std::vector<int>& positions, Keras2Era era, int nested_level) {
    static const std::array<Text, 4> kBreaks = {U"),", U"},", U"],", U"',"};
    std::string out;
    const auto any_left = [&] {
        return std::any_of(left.begin(), left.end(), [](const Text& t) { return !t.empty(); });
    };
    while (any_left()) {
        Text line;
        bool progress = false;
        for (std::size_t col = 0; col < left.size(); ++col) {
            const bool last = col + 1 == positions.size();
            const long start = col > 0 ? positions[col - 1] : 0;
            const long space = last ? 0 : 2;
            long cutoff = positions[col] - start - space;
            if (era == Keras2Era::C) {
                if (!last) cutoff -= 1;
                if (col == 0) cutoff -= nested_level;
            }
            Text& field = left[col];
            Text fit = field.substr(0, py_index(cutoff, field.size()));
            std::size_t best = Text::npos;
            for (const Text& b : kBreaks) {
                const std::size_t at = fit.find(b);
                if (at != Text::npos) best = std::min(best, at + b.size());
            }
            std::size_t consumed = py_index(cutoff, field.size());
            if (best != Text::npos) {
                fit.resize(best);
                consumed = best;
            }
            if (col == 0) line += repeat(U'|', nested_level) + U' ';
            line += fit;
            line += repeat(U' ', space);
            if (consumed) progress = true;
            field.erase(0, consumed);
            // Pad out to the next position; Python's " " * negative is empty, so an overlong
            // column pushes the rest right. Era B keeps room for the closing '|'s in every
            // column, era C only in the last.
            const bool room = nested_level > 0 && (era == Keras2Era::B || last);
            const long target = positions[col] - (room ? nested_level : 0);
            line += repeat(U' ', target - static_cast<long>(line.size()));
        }
        line += repeat(U'|', nested_level);
        if (!progress) {
            // Keras's `while any(left_to_print)` would spin forever on this row.
            throw ArgumentError("line_length " + std::to_string(positions.back()) +
                                " is too narrow for this summary: Keras's print_row would never finish a row");
        }
        out += code_points_to_utf8(line) + "\n";
    }
    return out;
}

// str(layer.output_shape): "multiple" for a shared layer whose calls' shapes differ, the list
// tf.keras gives InputLayers and multi-output layers, else the Python tuple.
std::string shape_text(const LayerSummary& layer) {
    if (layer.multiple_shapes) return "multiple";
    if (layer.is_input) return "[" + shape_to_python(layer.output_shape) + "]";
    if (!layer.output_shapes.empty()) {
        std::string out = "[";
        for (std::size_t i = 0; i < layer.output_shapes.size(); ++i) {
            if (i) out += ", ";
            out += shape_to_python(layer.output_shapes[i]);
        }
        return out + "]";
    }
    return shape_to_python(layer.output_shape);
}

class Printer {
public:
    Printer(Keras2Era era, const SummaryOptions& options, Layout layout)
        : era_(era), options_(options), layout_(std::move(layout)) {}

    std::string print(const ModelSummary& model) {
        const int L = layout_.line_length;
        const std::string underscores = code_points_to_utf8(repeat(U'_', L));
        const std::string equals = code_points_to_utf8(repeat(U'=', L));
        std::vector<Text> header = {U"Layer (type)", U"Output Shape", U"Param #"};
        if (layout_.connections) header.push_back(U"Connected to");
        if (layout_.trainable) header.push_back(U"Trainable");

        out_ = "Model: \"" + model.name + "\"\n";
        out_ += underscores + "\n";
        out_ += row(header, 0);
        out_ += equals + "\n";
        const auto [begin, end] = layer_range_bounds(model, options_.layer_range, false);
        if (era_ == Keras2Era::A) {
            for (std::size_t i = begin; i < end; ++i) {
                const LayerSummary& layer = model.layers[i];
                const std::vector<std::string> connections = connection_names(model, layer);
                std::vector<Text> fields = base_fields(layer);
                if (layout_.connections) {
                    fields.push_back(connections.empty() ? Text() : utf8_to_code_points(connections[0]));
                }
                out_ += row(fields, 0);
                // Further connections continue on their own lines, in the last column.
                for (std::size_t c = 1; layout_.connections && c < connections.size(); ++c) {
                    out_ += row({Text(), Text(), Text(), utf8_to_code_points(connections[c])}, 0);
                }
                out_ += (i + 1 == model.layers.size() ? equals : underscores) + "\n";
            }
        } else {
            for (std::size_t i = begin; i < end; ++i) print_layer(model, model.layers[i], 0, false);
            // Era A closes the last row with '=' (above); B/C close the block after the blank
            // line. With no rows, era A never draws that closing rule, exactly like Keras's loop.
            out_ += equals + "\n";
        }
        out_ += totals_line("Total params: ", model.total_params);
        out_ += totals_line("Trainable params: ", model.trainable_params);
        out_ += totals_line("Non-trainable params: ", model.non_trainable_params);
        out_ += underscores + "\n";
        return std::move(out_);
    }

private:
    std::string row(const std::vector<Text>& fields, int nested_level) const {
        return era_ == Keras2Era::A ? row_era_a(fields, layout_.positions)
                                    : row_era_bc(fields, layout_.positions, era_, nested_level);
    }

    std::vector<Text> base_fields(const LayerSummary& layer) const {
        // A Keras 3 operation is a TFOpLambda layer in tf.keras (LayerSummary::operation).
        const std::string cls = layer.operation ? "TFOpLambda" : layer.class_name;
        return {utf8_to_code_points(layer.name + " (" + cls + ")"), utf8_to_code_points(shape_text(layer)),
                utf8_to_code_points(std::to_string(layer.params))};
    }

    // "conv2d[0][0]" per inbound tensor, calls in node order, named by the owner's rows.
    static std::vector<std::string> connection_names(const ModelSummary& owner, const LayerSummary& layer) {
        std::vector<std::string> names;
        for (const Connection& c : layer.connected_to) {
            if (c.layer < 0 || static_cast<std::size_t>(c.layer) >= owner.layers.size()) {
                throw ArgumentError("layer '" + layer.name + "' is connected to row " + std::to_string(c.layer) +
                                    ", which the model does not have");
            }
            const LayerSummary& from = owner.layers[static_cast<std::size_t>(c.layer)];
            names.push_back(from.name + "[" + std::to_string(c.node + from.node_offset_keras2) + "][" +
                            std::to_string(c.tensor) + "]");
        }
        return names;
    }

    // Era B/C print_layer, expand_nested included. Nested rows keep the top model's layout, and
    // their connections are looked up in the top model's relevant nodes, which hold none of
    // theirs: they print "[]". Keras reuses is_nested_last as its loop variable, so no blank
    // line follows an expanded nested model.
    void print_layer(const ModelSummary& owner, const LayerSummary& layer, int nested_level, bool is_nested_last) {
        std::vector<Text> fields = base_fields(layer);
        if (layout_.connections) {
            const std::vector<std::string> connections =
                nested_level == 0 ? connection_names(owner, layer) : std::vector<std::string>{};
            fields.push_back(utf8_to_code_points(python_list_repr(connections)));
        }
        if (layout_.trainable) fields.push_back(layer.trainable ? U"Y" : U"N");
        out_ += row(fields, nested_level);
        const int L = layout_.line_length;
        if (options_.expand_nested && layer.nested && !layer.nested->layers.empty()) {
            const long inner = nested_level + 1;
            out_ += code_points_to_utf8(repeat(U'|', inner) + repeat(U'\u00AF', L - 2 * inner) + repeat(U'|', inner)) +
                    "\n";
            const ModelSummary& sub = *layer.nested;
            is_nested_last = false;
            for (std::size_t i = 0; i < sub.layers.size(); ++i) {
                if (i + 1 == sub.layers.size()) is_nested_last = true;
                print_layer(sub, sub.layers[i], nested_level + 1, is_nested_last);
            }
            out_ += code_points_to_utf8(repeat(U'|', nested_level) + repeat(U'\u00AF', L - 2L * nested_level) +
                                        repeat(U'|', nested_level)) +
                    "\n";
        }
        if (!is_nested_last) {
            out_ += code_points_to_utf8(repeat(U'|', nested_level) + repeat(U' ', L - 2L * nested_level) +
                                        repeat(U'|', nested_level)) +
                    "\n";
        }
    }

    std::string totals_line(const char* label, std::int64_t params) const {
        if (era_ == Keras2Era::C) {
            return std::string(label) + std::to_string(params) + " (" +
                   readable_memory_size(float32_bytes(params), ByteUnits::Keras2) + ")\n";
        }
        return std::string(label) + group_thousands(params) + "\n";
    }

    Keras2Era era_;
    const SummaryOptions& options_;
    Layout layout_;
    std::string out_;
};

}  // namespace

std::string summary_keras2(const ModelSummary& model, Keras2Era era, const SummaryOptions& options) {
    if (era == Keras2Era::A) {
        // tf.keras <= 2.6's Model.summary(line_length, positions, print_fn) has no such argument.
        const char* unsupported = options.show_trainable   ? "show_trainable"
                                  : options.expand_nested  ? "expand_nested"
                                  : !options.layer_range.empty() ? "layer_range"
                                                                  : nullptr;
        if (unsupported) {
            throw ArgumentError(std::string("summary() of Keras 2 era A (tf.keras <= 2.6) has no `") + unsupported +
                                "` argument; it came with era B (expand_nested 2.7, show_trainable 2.8, layer_range 2.10)");
        }
    }
    return Printer(era, options, make_layout(model, era, options)).print(model);
}

}  // namespace padlab
