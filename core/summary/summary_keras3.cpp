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

// Keras 3 sequential-like layout (keras/src/utils/summary_utils.py).
constexpr std::array<double, 3> kPositions = {0.45, 0.80, 1.0};
constexpr int kMaxLineLength = 4096;  // refuse absurd widths before allocating lines for them

struct Column {
    Text header;
    bool right;  // justify: Param # is right-aligned, the others left
    int width;   // rendered width including the one-space padding on each side
};

// Python's round(): halves go to the even neighbour (rich's ratio_reduce relies on it).
long python_round(double x) { return std::lrint(x); }

// rich.table: Keras asks for width int(pos*L)-prev per column, rich adds the padding (2) and,
// since the sum exceeds the table's inner width (L minus 4 border characters), shrinks the
// columns with ratio_reduce(excess, [1,1,1]). At L=76 that gives 33/24/15.
std::array<Column, 3> layout(int line_length) {
    static const std::array<Text, 3> kHeaders = {U"Layer (type)", U"Output Shape", U"Param #"};
    std::array<Column, 3> cols;
    int current = 0;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const int width = static_cast<int>(kPositions[i] * line_length) - current;
        if (width < 4) throw ArgumentError("Insufficient console width to print summary.");
        cols[i] = Column{kHeaders[i], i == 2, width + 2};
        current += width;
    }
    const int inner = line_length - 4;
    int total = 0;
    for (const Column& c : cols) total += c.width;
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
std::vector<Text> wrap_cell(const Text& text, std::size_t width, bool right) {
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
            if (right) {
                rstrip(line);
                truncate_ellipsis(line, width);
                line.insert(0, width - cell_len(line), U' ');
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
std::string rule(const std::array<Column, 3>& cols, char32_t left, char32_t fill, char32_t cross,
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
std::string table_row(const std::array<Column, 3>& cols, const std::array<Text, 3>& cells,
                      char32_t bar, bool bottom_align) {
    std::array<std::vector<Text>, 3> wrapped;
    std::size_t height = 1;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        wrapped[i] = wrap_cell(cells[i], static_cast<std::size_t>(cols[i].width - 2), cols[i].right);
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

}  // namespace

std::string summary_keras3(const ModelSummary& model, int line_length) {
    if (line_length > kMaxLineLength) {
        throw ArgumentError("line_length must be at most " + std::to_string(kMaxLineLength) +
                            "; got " + std::to_string(line_length));
    }
    const std::array<Column, 3> cols = layout(line_length);

    std::string out = "Model: \"" + model.name + "\"\n";
    out += rule(cols, U'┏', U'━', U'┳', U'┓');
    out += table_row(cols, {cols[0].header, cols[1].header, cols[2].header}, U'┃', true);
    out += rule(cols, U'┡', U'━', U'╇', U'┩');
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSummary& layer = model.layers[i];
        if (i) out += rule(cols, U'├', U'─', U'┼', U'┤');
        out += table_row(cols,
                         {utf8_to_code_points(layer.name + " (" + layer.class_name + ")"),
                          utf8_to_code_points(keras3_shape(layer.output_shape)),
                          utf8_to_code_points(group_thousands(layer.params))},
                         U'│', false);
    }
    out += rule(cols, U'└', U'─', U'┴', U'┘');
    out += totals_line(" Total params: ", model.total_params);
    out += totals_line(" Trainable params: ", model.trainable_params);
    out += totals_line(" Non-trainable params: ", model.non_trainable_params);
    return out;
}

}  // namespace padlab
