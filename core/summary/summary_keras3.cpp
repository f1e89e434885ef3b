#include "core/summary/summary_keras3.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/base/errors.hpp"
#include "core/summary/summary_text.hpp"

namespace padlab {

namespace {

using Text = std::u32string;  // code points; widths are measured in terminal cells (cell_len)

constexpr int kMaxLineLength = 4096;  // refuse absurd widths before allocating lines for them

enum class Justify { Left, Right, Center };

struct Column {
    Text header;
    Justify justify;
    int width;  // rendered width including the one-space padding on each side
};

// Python's round(): halves go to the even neighbour (rich's ratio_reduce relies on it).
long python_round(double x) { return std::lrint(x); }

// rich.table: Keras asks for width int(pos*L)-prev per column; rich adds the padding (2), caps
// each at the table's inner width (L minus the n+1 border characters) and, since the sum
// exceeds that width, shrinks the columns with ratio_reduce(excess, [1]*n). At L=76 that gives
// 33/24/15 (sequential) and 21/19/12/19 (functional, 3.0.5+).
std::vector<Column> layout(int line_length, const std::vector<double>& positions, const std::vector<Text>& headers,
                           const std::vector<Justify>& justify) {
    std::vector<Column> cols;
    int current = 0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const int width = static_cast<int>(positions[i] * line_length) - current;
        if (width < 4) throw ArgumentError("Insufficient console width to print summary.");
        cols.push_back(Column{headers[i], justify[i], width + 2});
        current += width;
    }
    const int inner = line_length - static_cast<int>(cols.size()) - 1;
    int total = 0;
    for (Column& c : cols) {
        c.width = std::min(c.width, inner);  // Measurement.with_maximum(max_width)
        total += c.width;
    }
    if (total > inner) {
        long remaining = total - inner;
        long ratio_left = static_cast<long>(cols.size());
        for (Column& c : cols) {
            const long share =
                std::min<long>(c.width, python_round(static_cast<double>(remaining) / ratio_left));
            c.width -= static_cast<int>(share);
            remaining -= share;
            ratio_left -= 1;
        }
    }
    return cols;
}

// rich._wrap.divide_line(text, width, fold=False): break offsets between words, where a word
// is \s*\S+\s*. A word longer than the width keeps a line of its own (and is cut with an
// ellipsis later) instead of being folded, because Keras leaves Column.overflow="ellipsis".
std::vector<std::size_t> divide_line(const Text& text, std::size_t width) {
    std::vector<std::size_t> divides;
    std::size_t line_position = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        std::size_t j = i;
        while (j < text.size() && is_python_space(text[j])) ++j;
        if (j == text.size()) break;  // only whitespace left: no more words
        while (j < text.size() && !is_python_space(text[j])) ++j;
        const std::size_t visible_end = j;
        while (j < text.size() && is_python_space(text[j])) ++j;
        const Text word(text, start, j - start);
        const std::size_t word_length = cell_len(Text(text, start, visible_end - start));  // word.rstrip()
        const std::size_t word_cells = cell_len(word);
        if (line_position + word_length > width) {
            if (word_length > width) {
                if (start) divides.push_back(start);
                line_position = word_cells;
            } else if (line_position && start) {
                divides.push_back(start);
                line_position = word_cells;
            }
        } else {
            line_position += word_cells;
        }
        i = j;
    }
    return divides;
}

void rstrip(Text& t) {
    while (!t.empty() && is_python_space(t.back())) t.pop_back();
}

// rich's set_cell_size for a text wider than `total`: keep what fits; a wide character split
// by the edge becomes a space.
Text crop_cells(const Text& t, std::size_t total) {
    Text out;
    std::size_t used = 0;
    for (char32_t c : t) {
        const auto w = static_cast<std::size_t>(cell_width(c));
        if (used + w > total) break;
        out += c;
        used += w;
    }
    out.append(total - used, U' ');
    return out;
}

// rich Text.truncate(width, overflow="ellipsis").
void truncate_ellipsis(Text& t, std::size_t width) {
    if (cell_len(t) > width) t = crop_cells(t, width - 1) + U'\u2026';
}

// One cell's lines, each exactly `width` wide (content only, padding excluded), as rich's
// Text.wrap + Lines.justify render them.
std::vector<Text> wrap_cell(const Text& text, std::size_t width, Justify justify) {
    std::vector<Text> lines;
    std::size_t para_start = 0;
    // rich splits on "\n" first, keeping blank lines.
    while (true) {
        const std::size_t nl = text.find(U'\n', para_start);
        const Text para = text.substr(para_start, nl == Text::npos ? Text::npos : nl - para_start);
        std::size_t from = 0;
        std::vector<std::size_t> cuts = divide_line(para, width);
        cuts.push_back(para.size());
        for (std::size_t cut : cuts) {
            Text line = para.substr(from, cut - from);
            from = cut;
            // rstrip_end: drop trailing whitespace only as far as it overflows the width
            // (rich compares code points here, not cells).
            if (line.size() > width) {
                std::size_t ws = 0;
                while (ws < line.size() && is_python_space(line[line.size() - 1 - ws])) ++ws;
                line.resize(line.size() - std::min(ws, line.size() - width));
            }
            if (justify == Justify::Right) {
                rstrip(line);
                truncate_ellipsis(line, width);
                line.insert(0, width - cell_len(line), U' ');
            } else if (justify == Justify::Center) {
                rstrip(line);
                truncate_ellipsis(line, width);
                const std::size_t excess = width - cell_len(line);
                line.insert(0, excess / 2, U' ');
                line.append(excess - excess / 2, U' ');
            } else {
                truncate_ellipsis(line, width);
                line.append(width - cell_len(line), U' ');
            }
            lines.push_back(std::move(line));
        }
        if (nl == Text::npos) break;
        para_start = nl + 1;
    }
    return lines;
}

Text repeat(char32_t c, int n) { return Text(static_cast<std::size_t>(n), c); }

// A horizontal rule: left, then each column's width of `fill` joined by `cross`, then right.
std::string rule(const std::vector<Column>& cols, char32_t left, char32_t fill, char32_t cross,
                 char32_t right) {
    Text line(1, left);
    for (std::size_t i = 0; i < cols.size(); ++i) {
        if (i) line += cross;
        line += repeat(fill, cols[i].width);
    }
    line += right;
    return code_points_to_utf8(line) + "\n";
}

// One table row, possibly several lines high. The header row aligns its cells to the bottom,
// body rows to the top, like rich.table does.
std::string table_row(const std::vector<Column>& cols, const std::vector<Text>& cells, char32_t bar,
                      bool bottom_align) {
    std::vector<std::vector<Text>> wrapped(cols.size());
    std::size_t height = 1;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        wrapped[i] = wrap_cell(cells[i], static_cast<std::size_t>(cols[i].width - 2), cols[i].justify);
        height = std::max(height, wrapped[i].size());
    }
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const Text blank = repeat(U' ', cols[i].width - 2);
        const std::size_t missing = height - wrapped[i].size();
        wrapped[i].insert(bottom_align ? wrapped[i].begin() : wrapped[i].end(), missing, blank);
    }
    std::string out;
    for (std::size_t line = 0; line < height; ++line) {
        Text text(1, bar);
        for (std::size_t i = 0; i < cols.size(); ++i) {
            text += U' ';
            text += wrapped[i][line];
            text += U' ';
            text += bar;
        }
        out += code_points_to_utf8(text) + "\n";
    }
    return out;
}

// Keras 3 formats shapes itself: "(" + ", ".join(dims) + ")", so a 1-D shape is "(None)".
std::string keras3_shape(const Shape& shape) {
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i) out += ", ";
        out += shape[i] == kNone ? std::string("None") : std::to_string(shape[i]);
    }
    return out + ")";
}

std::string totals_line(const char* label, std::int64_t params) {
    return std::string(label) + group_thousands(params) + " (" +
           readable_memory_size(float32_bytes(params), ByteUnits::Keras3) + ")\n";
}

const std::string& name3(const LayerSummary& layer) {
    return layer.name_keras3.empty() ? layer.name : layer.name_keras3;
}

// format_layer_shape: one output's shape bare, several as "[(None, 10, 64), (None, 64)]"
// (str(list) with the quotes removed). InputLayers print their tuple; a shared layer the shape
// of its last call (LayerSummary::output_shape then holds it).
std::string shape_text(const LayerSummary& layer) {
    if (layer.output_shapes.size() > 1) {
        std::string out = "[";
        for (std::size_t i = 0; i < layer.output_shapes.size(); ++i) {
            if (i) out += ", ";
            out += keras3_shape(layer.output_shapes[i]);
        }
        return out + "]";
    }
    return keras3_shape(layer.output_shapes.size() == 1 ? layer.output_shapes[0] : layer.output_shape);
}

class Printer {
public:
    Printer(const ModelSummary& model, const SummaryOptions& options) : model_(model), options_(options) {}

    std::string print() {
        const bool sequential_like = !model_.graph || model_.sequential_like;
        const bool early = options_.keras3_release == Keras3Release::V3_0_0;
        int default_line_length = 0;
        std::vector<double> positions;
        std::vector<Text> headers = {U"Layer (type)", U"Output Shape", U"Param #"};
        std::vector<Justify> justify = {Justify::Left, Justify::Left, Justify::Right};
        if (sequential_like) {
            default_line_length = early ? 84 : 88;
            positions = early ? std::vector<double>{0.45, 0.84, 1.0} : std::vector<double>{0.45, 0.80, 1.0};
        } else {
            default_line_length = 108;
            positions = early ? std::vector<double>{0.3, 0.56, 0.70, 1.0} : std::vector<double>{0.3, 0.56, 0.74, 1.0};
            headers.push_back(U"Connected to");
            justify.push_back(Justify::Left);
            connections_ = true;
        }
        if (options_.show_trainable) {
            default_line_length += 12;
            for (double& p : positions) p = p * 0.90;
            positions.push_back(1.0);
            headers.push_back(U"Trainable");
            justify.push_back(Justify::Center);
        }
        default_line_length = std::min(default_line_length, options_.console_width - 4);
        // line_length = line_length or default_line_length
        const int line_length =
            options_.line_length && *options_.line_length != 0 ? *options_.line_length : default_line_length;
        if (line_length > kMaxLineLength) {
            throw ArgumentError("line_length must be at most " + std::to_string(kMaxLineLength) + "; got " +
                                std::to_string(line_length));
        }
        const std::vector<Column> cols = layout(line_length, positions, headers, justify);
        const auto [begin, end] = layer_range_bounds(model_, options_.layer_range, true);

        const std::string& model_name = model_.name_keras3.empty() ? model_.name : model_.name_keras3;
        std::string out = "Model: \"" + model_name + "\"\n";
        out += rule(cols, U'┏', U'━', U'┳', U'┓');
        out += table_row(cols, headers, U'┃', true);
        out += rule(cols, U'┡', U'━', U'╇', U'┩');
        for (std::size_t i = begin; i < end; ++i) add_rows(model_, model_.layers[i], 0);
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            if (i) out += rule(cols, U'├', U'─', U'┼', U'┤');
            out += table_row(cols, rows_[i], U'│', false);
        }
        out += rule(cols, U'└', U'─', U'┴', U'┘');
        out += totals_line(" Total params: ", model_.total_params);
        out += totals_line(" Trainable params: ", model_.trainable_params);
        out += totals_line(" Non-trainable params: ", model_.non_trainable_params);
        return out;
    }

private:
    // get_connections: "conv2d[0][0], max_pooling2d[0][0]" in one cell, "-" when none. Nested
    // rows look their nodes up in the top model, which has none of them: "-".
    static std::string connections_text(const ModelSummary& owner, const LayerSummary& layer, int nested_level) {
        std::string out;
        if (nested_level == 0) {
            for (const Connection& c : layer.connected_to) {
                if (c.layer < 0 || static_cast<std::size_t>(c.layer) >= owner.layers.size()) {
                    throw ArgumentError("layer '" + name3(layer) + "' is connected to row " + std::to_string(c.layer) +
                                        ", which the model does not have");
                }
                if (!out.empty()) out += ", ";
                out += name3(owner.layers[static_cast<std::size_t>(c.layer)]) + "[" + std::to_string(c.node) + "][" +
                       std::to_string(c.tensor) + "]";
            }
        }
        return out.empty() ? "-" : out;
    }

    // print_layer: the row, then (expand_nested) the nested model's rows, each level's names
    // prefixed "   " * level + "└ ".
    void add_rows(const ModelSummary& owner, const LayerSummary& layer, int nested_level) {
        std::string prefix;
        for (int i = 0; i < nested_level; ++i) prefix += "   ";
        if (nested_level) prefix += "\u2514 ";
        std::vector<Text> cells = {utf8_to_code_points(prefix + name3(layer) + " (" + layer.class_name + ")"),
                                   utf8_to_code_points(shape_text(layer)),
                                   utf8_to_code_points(group_thousands(layer.params))};
        if (connections_) cells.push_back(utf8_to_code_points(connections_text(owner, layer, nested_level)));
        // Y / N for layers with weights, "-" for the others (InputLayer, Add, Dropout, ...).
        if (options_.show_trainable) cells.push_back(layer.params > 0 ? (layer.trainable ? U"Y" : U"N") : U"-");
        rows_.push_back(std::move(cells));
        if (options_.expand_nested && layer.nested) {
            for (const LayerSummary& sub : layer.nested->layers) add_rows(*layer.nested, sub, nested_level + 1);
        }
    }

    const ModelSummary& model_;
    const SummaryOptions& options_;
    bool connections_ = false;
    std::vector<std::vector<Text>> rows_;
};

}  // namespace

std::string summary_keras3(const ModelSummary& model, const SummaryOptions& options) {
    return Printer(model, options).print();
}

std::string summary_keras3(const ModelSummary& model, int line_length) {
    // An explicit width: 0 or less cannot lay out a column (Keras would use its default for 0).
    if (line_length <= 0) throw ArgumentError("Insufficient console width to print summary.");
    SummaryOptions options;
    options.line_length = line_length;
    return summary_keras3(model, options);
}

}  // namespace padlab
