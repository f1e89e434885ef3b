#pragma once
// Hand-built ModelSummary values for the summary renderer tests, so they do not depend on
// model.cpp: the seed blog's model (Conv2D 32/64/128 3x3 -> Flatten -> Dense 256 -> Dense 10
// on 28x28x1, numbers from the reference's Appendix A) and a model with overlong fields.
#include <string>
#include <utility>

#include "core/model/model.hpp"

namespace padlab::test {

inline LayerSummary make_layer(std::string name, std::string class_name, Shape in, Shape out,
                               std::int64_t params, std::int64_t macs = 0, int line = 0) {
    LayerSummary l;
    l.name = std::move(name);
    l.class_name = std::move(class_name);
    l.input_shape = std::move(in);
    l.output_shape = std::move(out);
    l.params = params;
    l.trainable_params = params;
    l.macs = macs;
    l.line = line;
    return l;
}

// padding='valid' (Appendix A.1) or 'same' (A.2) on all three convolutions.
inline ModelSummary blog_model(bool same) {
    const Dim s1 = same ? 28 : 26, s2 = same ? 28 : 24, s3 = same ? 28 : 22;
    const Pads pads = same ? Pads{{1, 1}, {1, 1}} : Pads{{0, 0}, {0, 0}};
    ModelSummary m;
    m.name = "sequential";
    m.input_shape = {kNone, 28, 28, 1};
    m.layers = {
        make_layer("conv2d", "Conv2D", {kNone, 28, 28, 1}, {kNone, s1, s1, 32}, 320,
                   same ? 225792 : 194688, 4),
        make_layer("conv2d_1", "Conv2D", {kNone, s1, s1, 32}, {kNone, s2, s2, 64}, 18496,
                   same ? 14450688 : 10616832, 5),
        make_layer("conv2d_2", "Conv2D", {kNone, s2, s2, 64}, {kNone, s3, s3, 128}, 73856,
                   same ? 57802752 : 35684352, 6),
        make_layer("flatten", "Flatten", {kNone, s3, s3, 128}, {kNone, s3 * s3 * 128}, 0, 0, 7),
        make_layer("dense", "Dense", {kNone, s3 * s3 * 128}, {kNone, 256},
                   same ? 25690368 : 15859968, same ? 25690112 : 15859712, 8),
        make_layer("dense_1", "Dense", {kNone, 256}, {kNone, 10}, 2570, 2560, 9),
    };
    for (int i = 0; i < 3; ++i) m.layers[static_cast<std::size_t>(i)].padding = pads;
    m.total_params = m.trainable_params = same ? 25785610 : 15955210;
    m.total_macs = same ? 98171904 : 62358144;
    return m;
}

// Fields longer than their columns: truncated (Keras 2 era A), wrapped (eras B/C), word-wrapped
// with an ellipsis for overlong words (Keras 3). Includes CJK names (2 terminal cells each).
inline ModelSummary long_fields_model() {
    ModelSummary m;
    m.name = "sequential";
    m.input_shape = {kNone, 8, 8, 8, 1};
    m.layers = {
        make_layer("a_very_long_layer_name_that_goes_on_and_on", "Conv3DTranspose",
                   {kNone, 8, 8, 8, 1}, {kNone, 1024, 1024, 1024, 512}, 12345678901234),
        make_layer("conv3d", "Conv3D", {kNone, 1024, 1024, 1024, 512},
                   {kNone, 12345, 12345, 12345, 128}, 3584),
        make_layer("name with spaces and more words here", "Dense", {kNone, 4}, {kNone, 10},
                   1234567),
        make_layer("層_レイヤー_名前", "BatchNormalization", {kNone, 3}, {kNone, 3}, 12),
    };
    m.layers[3].trainable_params = 6;
    m.layers[3].non_trainable_params = 6;
    m.trainable_params = 12345680139391;
    m.non_trainable_params = 6;  // the BatchNormalization moving mean and variance
    m.total_params = m.trainable_params + m.non_trainable_params;
    return m;
}

}  // namespace padlab::test
