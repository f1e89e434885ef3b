#pragma once
// The geometry of a padding / convolution diagram, from a layer's real configuration: the
// padded grid (input cells, padding cells and where each padded value comes from), the window
// the kernel covers at every step (dilation gaps and strides included) and the output cell each
// step writes. Pure data: svg_renderer.hpp draws it, the page and the components reuse it.
//
// All window arithmetic comes from window_arithmetic() (conv_arithmetic.hpp), so a diagram can
// never disagree with the shapes PadLab reports for the same layer.
//
// Cells and steps are computed on demand (diagram_cell / diagram_step) rather than stored, so a
// 224x224 layer costs a few hundred bytes; the renderer only asks for the cells it draws.
// 3D inputs are 3-axis grids; the renderer shows them as depth slices.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/ops/conv_arithmetic.hpp"
#include "core/ops/padding.hpp"
#include "core/base/shape.hpp"

namespace padlab {

struct DiagramSpec {
    Shape input;                 // spatial input, 1 to 3 axes, every length known and >= 1
    Shape kernel;                // kernel / pool size per axis; EMPTY = padding only (ZeroPadding, Cropping)
    Shape strides;               // empty = 1 per axis (pooling: the pool size, as Keras)
    Shape dilation;              // empty = 1 per axis
    Padding padding;             // padding only: Explicit pads, negative amounts crop
    PadMode mode = PadMode::Constant;
    float pad_value = 0.0f;      // the constant for PadMode::Constant
    WindowOp op = WindowOp::Conv;
    std::optional<Shape> output_padding;  // ConvTranspose only
    std::vector<float> values;   // input values, row-major; empty = 1, 2, ..., n
    std::string label;           // what is drawn ("conv1d (Conv1D)"): data, escaped by renderers
};

enum class CellKind {
    Input,    // an input value, read as is
    Pad,      // a padding cell (constant, or a copy of `source` for the mirror/edge/wrap modes)
    Gap,      // a zero inserted between inputs by a transposed convolution's stride
    Cropped,  // an input cell a Cropping layer removes
};

struct DiagramCell {
    Shape pos;          // coordinates in the padded grid
    CellKind kind = CellKind::Input;
    Shape source;       // input coordinates the value comes from; empty for constants and gaps
    float value = 0.0f;
    bool read = true;   // false when no window ever covers this cell (e.g. the tail a stride skips)
};

struct DiagramStep {
    std::size_t index = 0;
    Shape output;               // the output cell this step writes
    Shape origin;               // padded coordinates of the window's first tap
    std::vector<Shape> window;  // padded coordinates of every kernel tap, kernel row-major
};

struct Diagram {
    DiagramSpec spec;                  // normalised: kernel/strides/dilation have one entry per axis
    std::vector<AxisArithmetic> axes;  // one per spatial axis (pads are the ones drawn)
    Shape grid;                        // padded grid the window slides over
    Shape offset;                      // grid position of input index 0, per axis
    Shape grid_stride;                 // window step in grid cells (1 for ConvTranspose, whose
                                       // stride shows as gaps between the inputs instead)
    Shape output;                      // output shape
    std::size_t step_count = 0;        // 0 for padding-only diagrams
    bool pads_ignored = false;         // pooling with constant padding: padded cells never win
    std::string formula;               // "out = ⌈(8 + 3 + 0 − 4 + 1) / 1⌉ = 8", numbers filled in
    std::vector<std::string> notes;    // one-line explanations (the padding split, causality...)
    std::vector<std::vector<bool>> read_mask;  // per axis, per grid position: covered by some window
};

// Validates the spec (ArgumentError / ShapeError naming the argument; LimitError for grids too
// large to draw) and computes the arithmetic. Throws what window_arithmetic and validate_pads throw.
Diagram make_diagram(const DiagramSpec& spec);

// Number of grid cells (product of grid).
std::size_t cell_count(const Diagram& d);
// The cell at grid coordinates `pos` (ArgumentError when outside the grid).
DiagramCell diagram_cell(const Diagram& d, const Shape& pos);
// Every cell, row-major. LimitError above 1<<20 cells: use diagram_cell for big grids.
std::vector<DiagramCell> diagram_cells(const Diagram& d);

// Step `index` in [0, step_count), row-major over the output (ArgumentError otherwise).
DiagramStep diagram_step(const Diagram& d, std::size_t index);
// The step that writes `output` coordinates.
std::size_t step_index(const Diagram& d, const Shape& output);
// Padded coordinates the output cell reads (its window), for hover highlighting.
std::vector<Shape> receptive_field(const Diagram& d, const Shape& output);

// What step `index` reads, in words, as the picture's step line and the page's live text say it:
// 1D "y4 reads 1 padding + x0 … x2"; 2D/3D "output (9, 4) reads input rows 9–11, cols 4–6".
std::string describe_step(const Diagram& d, std::size_t index);

// Short text of a value as drawn in a cell: integers plainly, else up to 3 decimals;
// locale-independent.
std::string format_value(float v);

}  // namespace padlab
