#pragma once
// Receptive fields and where padding reaches, per layer and spatial axis, for Sequential and
// graph models (issue 15). Keras prints neither; this is computed from the summary's shapes and
// padding amounts and the layers' own kernel / pool sizes, strides and dilations.
//
// Definitions follow Araujo, Norris and Sim, "Computing Receptive Fields of Convolutional
// Neural Networks" (Distill, 2019), in the network input's coordinates: a layer's output
// position i is computed from the `size` input positions centred at
//     i * stride - padding + (size - 1) / 2
// For one layer of kernel k, dilation d (k' = d(k - 1) + 1), stride s and left padding p, on
// an input whose field is (r, S, P): r + (k' - 1) S, S s, P + p S. ZeroPadding / Cropping
// shift P by their amounts (Cropping: negative); layers that keep the spatial shape (an
// activation, BatchNormalization, Dense on each position, ...) keep the field. Extensions,
// not in the paper: UpSampling by u gives stride S / u, the field unchanged; a transposed
// convolution, computed as the direct convolution over its stride-dilated input, gives stride
// S / s and size r + (ceil(k' / s) - 1) S (the most inputs one output reads). Merges take the
// largest field and are `aligned` when every input has the same stride and centre (as the
// tensorflow/models receptive_field library reports).
//
// The padding reach: the output positions per axis whose value depends on at least one padded
// input value, carried through the whole network (a clean interval per axis, narrowed by each
// layer's window at the borders). Blind spots: positions of a layer's padded input that no
// output position reads (the tail a stride leaves, or gaps when the stride exceeds the kernel).
//
// Layers that end the spatial mapping (Flatten, global pooling, Dense on rank 2, Reshape) or
// mix all positions (recurrent, attention, GroupNormalization) have no field, nor has anything
// after them.
#include <string>
#include <vector>

#include "core/base/shape.hpp"
#include "core/model/model.hpp"
#include "core/model/model_spec.hpp"

namespace padlab {

struct AxisField {
    double size = 1.0;     // r: input positions one output position reads
    double stride = 1.0;   // S: input positions between neighbouring outputs (the jump)
    double padding = 0.0;  // P: effective padding; negative after Cropping
    Dim length = 0;        // this layer's output length on the axis
    Dim border_affected = 0;  // output positions that read padding, through every layer before
    Dim border_before = 0;    // ... of them at the start of the axis
    // Blind spots of this layer's own padded input (conv / pooling only): positions no output reads.
    Dim unread = 0;
    Dim unread_end = 0;    // ... of them after the last position read
    // 'same' padding with an odd total (an even effective kernel): which side got the extra
    // cell ("after" in Keras / TensorFlow, "before" cannot occur in Keras); empty otherwise.
    std::string extra_cell;
};

struct LayerField {
    bool spatial = false;  // false: no receptive field (see above); `axes` is empty
    std::vector<AxisField> axes;  // in the input's axis order (1 for Conv1D, 2 for images, 3 for volumes)
    bool aligned = true;   // merges: every input had the same stride and centre
    double border_fraction = 0.0;  // the share of output positions (over all axes) that read padding
};

// One direct window (convolution or pooling: kernel, stride, dilation, pads {before, after})
// on an input of `length_in` clean positions, as the diagram workbench draws a single layer.
AxisField window_field(Dim length_in, Dim length_out, Dim kernel, Dim stride, Dim dilation, const Pad& pads, bool same);

// One entry per row of `summary` (summarize(spec)). Never throws for a model summarize()
// accepted; lengths that are unknown (None) end the field.
std::vector<LayerField> receptive_fields(const ModelSpec& spec, const ModelSummary& summary);

}  // namespace padlab
