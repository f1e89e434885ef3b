#include "core/model/receptive_field.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "core/ops/window_coverage.hpp"

namespace padlab {

namespace {

// Layers that keep the spatial shape but mix every position: the field would be the whole input.
bool mixes_positions(std::string_view cls) {
    static constexpr std::string_view kMixing[] = {"SimpleRNN", "LSTM", "GRU", "Bidirectional", "ConvLSTM1D",
                                                   "ConvLSTM2D", "ConvLSTM3D", "MultiHeadAttention", "Attention",
                                                   "AdditiveAttention", "GroupNormalization", "TimeDistributed"};
    return std::find(std::begin(kMixing), std::end(kMixing), cls) != std::end(kMixing);
}

// A tensor's spatial lengths (channels-last: between the batch and the channels), when known.
std::optional<Shape> spatial_of(const Shape& s, std::size_t n) {
    if (n == 0 || s.size() < n + 2) return std::nullopt;
    Shape out(s.end() - 1 - static_cast<std::ptrdiff_t>(n), s.end() - 1);
    for (Dim d : out)
        if (d == kNone) return std::nullopt;
    return out;
}

// What propagates along a tensor, per axis: the field and the interval of positions still clean
// of padding, [clean_begin, clean_end).
struct AxisState {
    AxisField field;
    Dim clean_begin = 0, clean_end = 0;
};
using TensorState = std::optional<std::vector<AxisState>>;

TensorState fresh(const Shape& spatial) {
    std::vector<AxisState> axes;
    for (Dim n : spatial) {
        AxisState a;
        a.field.length = n;
        a.clean_end = n;
        axes.push_back(a);
    }
    return axes;
}

Dim floor_div(Dim a, Dim b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
Dim ceil_div(Dim a, Dim b) { return -floor_div(-a, b); }

// Clean outputs and border counts once the interval [lo, hi] of clean outputs is known.
void set_clean(AxisState& out, Dim lo, Dim hi) {
    const Dim n = out.field.length;
    lo = std::max<Dim>(lo, 0);
    hi = std::min<Dim>(hi, n - 1);
    if (lo > hi) {
        out.clean_begin = out.clean_end = 0;
        out.field.border_affected = n;
        out.field.border_before = n;
        return;
    }
    out.clean_begin = lo;
    out.clean_end = hi + 1;
    out.field.border_before = lo;
    out.field.border_affected = n - (hi + 1 - lo);
}

// A direct window (convolution or pooling) on one axis.
AxisState window_axis(const AxisState& in, Dim length_in, Dim length_out, Dim kernel, Dim stride, Dim dilation,
                      Dim pad_before, Dim pad_after, bool same) {
    const Dim dk = dilation * (kernel - 1) + 1;
    AxisState out;
    out.field.size = in.field.size + static_cast<double>(dk - 1) * in.field.stride;
    out.field.stride = in.field.stride * static_cast<double>(stride);
    out.field.padding = in.field.padding + static_cast<double>(pad_before) * in.field.stride;
    out.field.length = length_out;
    // Output o reads input o*s - p .. o*s - p + dk - 1; clean when all of it is.
    set_clean(out, ceil_div(in.clean_begin + pad_before, stride), floor_div(in.clean_end - dk + pad_before, stride));
    if (same && pad_after != pad_before) out.field.extra_cell = pad_after > pad_before ? "after" : "before";
    // Blind spots in the padded input: positions o*s + j*d never read.
    const Dim padded = length_in + pad_before + pad_after;
    if (padded > 0 && padded <= (Dim(1) << 24) && length_out > 0) {
        const std::vector<bool> read = window_read_mask(padded, length_out, kernel, stride, dilation);
        out.field.unread = static_cast<Dim>(std::count(read.begin(), read.end(), false));
        out.field.unread_end = static_cast<Dim>(std::find(read.rbegin(), read.rend(), true) - read.rbegin());
    }
    return out;
}

// A shift by padding (positive) or cropping (negative) amounts.
AxisState shift_axis(const AxisState& in, Dim length_out, Dim before) {
    AxisState out;
    out.field.size = in.field.size;
    out.field.stride = in.field.stride;
    out.field.padding = in.field.padding + static_cast<double>(before) * in.field.stride;
    out.field.length = length_out;
    set_clean(out, in.clean_begin + before, in.clean_end - 1 + before);
    return out;
}

AxisState upsample_axis(const AxisState& in, Dim length_out, Dim size) {
    AxisState out;
    out.field.size = in.field.size;
    out.field.stride = in.field.stride / static_cast<double>(size);
    out.field.padding = in.field.padding;  // output 0 is centred on input 0
    out.field.length = length_out;
    set_clean(out, in.clean_begin * size, in.clean_end * size - 1);
    return out;
}

// The direct convolution over the stride-dilated input: output o reads dilated positions
// o + crop_before - (dk - 1) .. o + crop_before; the data lies at multiples of s.
AxisState transpose_axis(const AxisState& in, Dim length_out, Dim kernel, Dim stride, Dim dilation, Dim crop_before) {
    const Dim dk = dilation * (kernel - 1) + 1;
    const Dim reads = ceil_div(dk, stride);
    AxisState out;
    out.field.size = in.field.size + static_cast<double>(reads - 1) * in.field.stride;
    out.field.stride = in.field.stride / static_cast<double>(stride);
    const double centre0 = (static_cast<double>(crop_before) - static_cast<double>(dk - 1) / 2.0) / static_cast<double>(stride);
    const double centre_net = centre0 * in.field.stride - in.field.padding + (in.field.size - 1.0) / 2.0;
    out.field.padding = (out.field.size - 1.0) / 2.0 - centre_net;
    out.field.length = length_out;
    set_clean(out, in.clean_begin * stride + dk - 1 - crop_before, (in.clean_end - 1) * stride - crop_before);
    return out;
}

double centre_of_first(const AxisField& f) { return -f.padding + (f.size - 1.0) / 2.0; }

class Analysis {
public:
    Analysis(const ModelSpec& spec, const ModelSummary& summary) : summary_(summary) {
        const std::size_t n = summary.layers.size();
        states_.resize(n);
        done_.assign(n, false);
        fields_.resize(n);
        layer_of_.assign(n, nullptr);
        if (summary.graph) {
            for (std::size_t r = 0; r < n; ++r) {
                const int k = summary.layers[r].spec_index;
                if (k >= 0 && static_cast<std::size_t>(k) < spec.layers.size()) layer_of_[r] = &spec.layers[static_cast<std::size_t>(k)];
            }
        } else {
            std::size_t r = 0;
            for (const LayerSpec& l : spec.layers) {
                const LayerType* t = find_layer_type(l.class_name);
                if (t && t->class_name == "InputLayer") continue;
                if (r >= n) break;
                layer_of_[r++] = &l;
            }
        }
    }

    std::vector<LayerField> run() {
        for (std::size_t r = 0; r < summary_.layers.size(); ++r) state(r, 0);
        return fields_;
    }

private:
    const TensorState& state(std::size_t r, int depth) {
        if (done_[r] || depth > 4096) return states_[r];
        done_[r] = true;  // a cycle (never in a model summarize() accepts) reads no field
        const LayerSummary& row = summary_.layers[r];
        std::vector<const TensorState*> ins;
        if (row.is_input) {
            const std::size_t n = row.output_shape.size() >= 3 ? row.output_shape.size() - 2 : 0;
            if (auto s = spatial_of(row.output_shape, n)) states_[r] = fresh(*s);
            return states_[r];
        }
        if (summary_.graph) {
            for (const Connection& c : row.connected_to)
                if (c.layer >= 0 && static_cast<std::size_t>(c.layer) < summary_.layers.size())
                    ins.push_back(&state(static_cast<std::size_t>(c.layer), depth + 1));
        } else if (r == 0) {
            const Shape& s = summary_.input_shape;
            model_input_ = s.size() >= 3 ? fresh(spatial_of(s, s.size() - 2).value_or(Shape{})) : std::nullopt;
            if (model_input_ && model_input_->empty()) model_input_.reset();
            ins.push_back(&model_input_);
        } else {
            ins.push_back(&state(r - 1, depth + 1));
        }
        TensorState merged = merge(ins, fields_[r].aligned);
        states_[r] = apply(row, layer_of_[r], merged);
        if (states_[r]) {
            LayerField& f = fields_[r];
            f.spatial = true;
            double clean_share = 1.0;
            for (const AxisState& a : *states_[r]) {
                f.axes.push_back(a.field);
                clean_share *= a.field.length > 0 ? static_cast<double>(a.clean_end - a.clean_begin) /
                                                        static_cast<double>(a.field.length)
                                                  : 0.0;
            }
            f.border_fraction = 1.0 - clean_share;
        }
        return states_[r];
    }

    // Several inputs (a merge, or a shared layer's calls): the largest field, and whether they agree.
    static TensorState merge(const std::vector<const TensorState*>& ins, bool& aligned) {
        if (ins.empty() || !*ins[0]) return std::nullopt;
        TensorState out = *ins[0];
        for (std::size_t k = 1; k < ins.size(); ++k) {
            if (!*ins[k] || (*ins[k])->size() != out->size()) return std::nullopt;
            for (std::size_t a = 0; a < out->size(); ++a) {
                AxisState& o = (*out)[a];
                const AxisState& i = (**ins[k])[a];
                if (i.field.stride != o.field.stride || centre_of_first(i.field) != centre_of_first(o.field)) aligned = false;
                if (i.field.size > o.field.size) o.field = i.field;
                o.clean_begin = std::max(o.clean_begin, i.clean_begin);
                o.clean_end = std::min(o.clean_end, i.clean_end);
            }
        }
        return out;
    }

    TensorState apply(const LayerSummary& row, const LayerSpec* layer, const TensorState& in) const {
        const std::string_view cls = row.class_name;
        if (cls == "Embedding" && row.output_shape.size() == 3) {  // a sequence starts here
            if (auto s = spatial_of(row.output_shape, 1)) return fresh(*s);
            return std::nullopt;
        }
        if (!in || mixes_positions(cls)) return std::nullopt;
        const std::size_t n = in->size();
        const auto in_spatial = spatial_of(row.input_shape, n);
        const auto out_spatial = spatial_of(row.output_shape, n);
        if (!in_spatial || !out_spatial || row.output_shape.size() != row.input_shape.size()) return std::nullopt;
        const std::size_t rank = class_spatial_rank(cls);
        const bool windowed = class_in_family(cls, "Conv") || class_in_family(cls, "SeparableConv") ||
                              class_in_family(cls, "DepthwiseConv") || class_in_family(cls, "MaxPooling") ||
                              class_in_family(cls, "AveragePooling") || class_in_family(cls, "ZeroPadding") ||
                              class_in_family(cls, "Cropping") || class_in_family(cls, "UpSampling");
        if (!windowed || rank != n || !layer) {
            if (*in_spatial != *out_spatial) return std::nullopt;  // an unknown change of the spatial shape
            TensorState out = in;
            for (AxisState& a : *out) a.field.unread = a.field.unread_end = 0, a.field.extra_cell.clear();
            return out;
        }
        try {
            return windowed_state(row, *layer, *in, *in_spatial, *out_spatial);
        } catch (const Error&) {
            return std::nullopt;  // a config summarize() accepted but without these arguments
        }
    }

    static TensorState windowed_state(const LayerSummary& row, const LayerSpec& layer, const std::vector<AxisState>& in,
                                      const Shape& in_spatial, const Shape& out_spatial) {
        const std::string_view cls = row.class_name;
        const std::size_t n = in.size();
        const layers::ConfigArgs args(layer.config, std::string(cls));
        std::vector<AxisState> out;
        const auto pad = [&](std::size_t i) -> Pad {
            if (row.padding && row.padding->size() == n) return (*row.padding)[i];
            return Pad{0, 0};
        };
        if (class_in_family(cls, "ZeroPadding") || class_in_family(cls, "Cropping")) {
            for (std::size_t i = 0; i < n; ++i) out.push_back(shift_axis(in[i], out_spatial[i], pad(i)[0]));
            return out;
        }
        if (class_in_family(cls, "UpSampling")) {
            const Shape size = args.int_tuple("size", n, Shape(n, 2));
            for (std::size_t i = 0; i < n; ++i) out.push_back(upsample_axis(in[i], out_spatial[i], size[i]));
            return out;
        }
        const bool pool = class_in_family(cls, "MaxPooling") || class_in_family(cls, "AveragePooling");
        const Shape kernel = pool ? args.int_tuple("pool_size", n, Shape(n, 2)) : args.int_tuple("kernel_size", n);
        const Shape strides = pool ? args.int_tuple("strides", n, kernel) : args.int_tuple("strides", n, Shape(n, 1));
        const Shape dilation = pool ? Shape(n, 1) : args.int_tuple("dilation_rate", n, Shape(n, 1));
        const bool same = args.string("padding", std::string("valid")) == "same";
        for (std::size_t i = 0; i < n; ++i) {
            const Pad p = pad(i);
            if (p[0] == kUnknownPad || p[1] == kUnknownPad) return std::nullopt;
            if (cls.find("Transpose") != std::string_view::npos) {
                out.push_back(transpose_axis(in[i], out_spatial[i], kernel[i], strides[i], dilation[i], p[0]));
            } else {
                out.push_back(window_axis(in[i], in_spatial[i], out_spatial[i], kernel[i], strides[i], dilation[i], p[0],
                                          p[1], same));
            }
        }
        return out;
    }

    const ModelSummary& summary_;
    std::vector<TensorState> states_;
    std::vector<bool> done_;
    std::vector<LayerField> fields_;
    std::vector<const LayerSpec*> layer_of_;
    TensorState model_input_;
};

}  // namespace

AxisField window_field(Dim length_in, Dim length_out, Dim kernel, Dim stride, Dim dilation, const Pad& pads, bool same) {
    const TensorState in = fresh(Shape{length_in});
    return window_axis((*in)[0], length_in, length_out, kernel, stride, dilation, pads[0], pads[1], same).field;
}

std::vector<LayerField> receptive_fields(const ModelSpec& spec, const ModelSummary& summary) {
    return Analysis(spec, summary).run();
}

}  // namespace padlab
