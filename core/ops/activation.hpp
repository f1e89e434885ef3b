#pragma once
// Keras activations applied in place to channels-last data.
//
// Which Keras has which name (keras/src/activations/__init__.py ALL_OBJECTS at Keras 3.3, 3.8,
// 3.10 and HEAD; tf_keras/activations.py, whose module-level functions deserialize() finds):
//   both eras  linear relu relu6 elu selu softplus softsign silu swish gelu tanh sigmoid
//              hard_sigmoid exponential mish leaky_relu log_softmax softmax
//   Keras 3    hard_silu hard_swish (3.3+); celu squareplus soft_shrink sparse_plus glu
//              tanh_shrink threshold hard_tanh hard_shrink log_sigmoid sparsemax (3.8+);
//              sparse_sigmoid (3.10+)
//   TF.js      hardSigmoid logSoftmax gelu_new (its camelCase class names in model.json)
// Formulas are Keras 3's (keras/src/backend/numpy/nn.py), except two the eras disagree on:
//   hard_sigmoid  Keras 3: clip(x / 6 + 1/2, 0, 1); tf.keras 2 and TF.js ('hardSigmoid'):
//                 clip(0.2 x + 0.5, 0, 1). PadLab computes 'hard_sigmoid' as Keras 3 does and
//                 'hardSigmoid' as TF.js does.
//   gelu          exact (erf) by default in every era; 'gelu_new' is TF.js's tanh approximation.
// Two names Keras accepts are not computed (activation_shape_only()): 'glu' halves the axis it
// gates (yet Activation and Dense report the input shape, as Keras 3's compute_output_shape
// does), and 'threshold' needs two arguments a name cannot give.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/names.hpp"

namespace padlab {

enum class Activation {
    Linear, Relu, Sigmoid, Tanh, Softmax,
    Relu6, LeakyRelu, Elu, Selu, Celu, Gelu, GeluTanh, Silu, HardSilu, Mish, HardSigmoid, HardSigmoidTfjs,
    LogSigmoid, SparseSigmoid, Softplus, Softsign, SparsePlus, Squareplus, Exponential, HardTanh, TanhShrink,
    HardShrink, SoftShrink, LogSoftmax, Sparsemax,
};

// The activations PadLab computes, by Keras name: linear (the default; also "None"), then the
// names above. Case-sensitive, as keras.activations.get is ("Relu" is not one).
const NameTable<Activation>& activation_vocabulary();

// Names Keras accepts as an activation that PadLab does not compute: "glu", "threshold".
const std::vector<std::string_view>& activation_shape_only();
// A name of either list (or an alias): what keras.activations.get accepts.
bool is_keras_activation(std::string_view name);

// A name of activation_vocabulary(), or "" (linear); ArgumentError otherwise.
Activation parse_activation(std::string_view name);
std::string_view to_string(Activation a);

// data holds `count` values, channels-last with `channels` values per position; softmax,
// log_softmax and sparsemax normalise over the channel axis (Keras's default axis=-1).
void apply_activation(float* data, std::size_t count, std::size_t channels, Activation a);

}  // namespace padlab
