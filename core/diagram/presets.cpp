#include "core/diagram/presets.hpp"

#include <string>

#include "core/base/errors.hpp"

namespace padlab {

namespace {

// One row of the table: the arguments as a layer would carry them.
struct Row {
    std::string_view name;
    std::string_view summary;
    std::string_view label;
    Shape input;
    Shape kernel;  // empty: padding / cropping only
    Shape strides;
    Shape dilation;
    Padding padding;
    PadMode mode;
    WindowOp op;
    std::vector<float> values;
};

constexpr PadMode kZeros = PadMode::Constant;
constexpr WindowOp kConv = WindowOp::Conv;

std::vector<DiagramPreset> build() {
    const Padding kValid = Padding::valid(), kSame = Padding::same(), kCausal = Padding::causal(), kFull = Padding::full();
    const std::vector<float> one_to_five = {1, 2, 3, 4, 5};
    // clang-format off
    const std::vector<Row> rows = {
        {"causal_time_series", "Causal padding: output t sees inputs up to t only, never the future.",
         "Conv1D(kernel_size=4, padding='causal')", {8}, {4}, {}, {}, kCausal, kZeros, kConv,
         {3, 5, 4, 6, 8, 7, 9, 10}},
        {"reflection_2d", "Reflection padding mirrors the image at its edges instead of adding zeros.",
         "tf.pad(mode='REFLECT') + Conv2D((3, 3))", {5, 5}, {3, 3}, {}, {}, kSame, PadMode::Reflect, kConv, {}},
        {"valid_28x28", "The seed model's first layer: 'valid' shrinks 28x28 to 26x26.",
         "Conv2D(32, (3, 3), padding='valid') on 28x28", {28, 28}, {3, 3}, {}, {}, kValid, kZeros, kConv, {}},
        {"same_28x28", "The same layer with 'same': one ring of zeros keeps 28x28.",
         "Conv2D(32, (3, 3), padding='same') on 28x28", {28, 28}, {3, 3}, {}, {}, kSame, kZeros, kConv, {}},
        {"same_odd_split", "An odd total of 'same' padding: TensorFlow puts the extra cell after.",
         "Conv1D(kernel_size=2, strides=2, padding='same')", {5}, {2}, {2}, {}, kSame, kZeros, kConv, {}},
        {"same_even_kernel", "An even kernel under 'same': 1 cell before, 2 after.",
         "Conv1D(kernel_size=4, padding='same')", {8}, {4}, {}, {}, kSame, kZeros, kConv, {}},
        {"stride_2", "Stride 2 with 'same' padding: every other position, 5x5 to 3x3.",
         "Conv2D((3, 3), strides=2, padding='same')", {5, 5}, {3, 3}, {2, 2}, {}, kSame, kZeros, kConv, {}},
        {"stride_skips_tail", "A stride that does not fit: the last input is never read.",
         "Conv1D(kernel_size=3, strides=2, padding='valid')", {8}, {3}, {2}, {}, kValid, kZeros, kConv, {}},
        {"dilation_2", "Dilation 2: a 3x3 kernel spread over 5x5, with gaps between its taps.",
         "Conv2D((3, 3), dilation_rate=2, padding='valid')", {7, 7}, {3, 3}, {}, {2, 2}, kValid, kZeros, kConv, {}},
        {"full_padding", "'full' padding: k-1 zeros on every side, the output grows.",
         "Conv2D((3, 3), padding='full')", {5, 5}, {3, 3}, {}, {}, kFull, kZeros, kConv, {}},
        {"max_pool_same", "Max-pooling with 'same': the padded cells never win.",
         "MaxPooling2D((2, 2), padding='same')", {5, 5}, {2, 2}, {}, {}, kSame, kZeros, WindowOp::Pool, {}},
        {"reflect_1d", "reflect: [1 2 3 4 5] mirrored without repeating the edge.",
         "tf.pad(mode='REFLECT') + Conv1D(kernel_size=5)", {5}, {5}, {}, {}, kSame, PadMode::Reflect, kConv, one_to_five},
        {"symmetric_1d", "symmetric: mirrored including the edge cell.",
         "tf.pad(mode='SYMMETRIC') + Conv1D(kernel_size=5)", {5}, {5}, {}, {}, kSame, PadMode::Symmetric, kConv, one_to_five},
        {"replicate_1d", "replicate: the edge value repeated.",
         "replicate padding + Conv1D(kernel_size=5)", {5}, {5}, {}, {}, kSame, PadMode::Replicate, kConv, one_to_five},
        {"circular_1d", "circular: the sequence wraps around.",
         "circular padding + Conv1D(kernel_size=5)", {5}, {5}, {}, {}, kSame, PadMode::Circular, kConv, one_to_five},
        {"zero_padding_2d", "ZeroPadding2D: padding alone, no kernel.",
         "ZeroPadding2D(padding=(1, 2))", {4, 4}, {}, {}, {}, Padding::explicit_pads({{1, 1}, {2, 2}}), kZeros, kConv, {}},
        {"cropping_2d", "Cropping2D: the outlined cells are dropped.",
         "Cropping2D(cropping=((1, 1), (2, 1)))", {5, 6}, {}, {}, {}, Padding::explicit_pads({{-1, -1}, {-2, -1}}), kZeros, kConv, {}},
        {"transposed_stride_2", "A transposed conv with stride 2: inputs spread apart, zeros between, 3x3 to 6x6.",
         "Conv2DTranspose((3, 3), strides=2, padding='same')", {3, 3}, {3, 3}, {2, 2}, {}, kSame, kZeros, WindowOp::ConvTranspose, {}},
        {"conv3d_slices", "A 3D kernel shown as depth slices: it reads 3 slices at once.",
         "Conv3D((3, 3, 3), padding='same')", {3, 4, 4}, {3, 3, 3}, {}, {}, kSame, kZeros, kConv, {}},
    };
    // clang-format on
    std::vector<DiagramPreset> out;
    out.reserve(rows.size());
    for (const Row& r : rows) {
        DiagramSpec s;
        s.input = r.input;
        s.kernel = r.kernel;
        s.strides = r.strides;
        s.dilation = r.dilation;
        s.padding = r.padding;
        s.mode = r.mode;
        s.op = r.op;
        s.values = r.values;
        s.label = std::string(r.label);
        out.push_back({r.name, r.summary, std::move(s)});
    }
    return out;
}

}  // namespace

const std::vector<DiagramPreset>& diagram_presets() {
    static const std::vector<DiagramPreset> presets = build();
    return presets;
}

const DiagramPreset& find_diagram_preset(std::string_view name) {
    for (const DiagramPreset& p : diagram_presets())
        if (p.name == name) return p;
    std::string known;
    for (const DiagramPreset& p : diagram_presets()) known += (known.empty() ? "" : ", ") + std::string(p.name);
    throw ArgumentError("unknown diagram preset '" + std::string(name) + "'. Known presets: " + known);
}

}  // namespace padlab
