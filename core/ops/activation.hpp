#pragma once
// Keras activations applied in place to channels-last data.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/names.hpp"

namespace padlab {

enum class Activation { Linear, Relu, Sigmoid, Tanh, Softmax };

// The activations PadLab computes, by Keras name: linear (the default; also "None"), relu,
// sigmoid, tanh, softmax. Case-sensitive, as keras.activations.get is ("Relu" is not one).
const NameTable<Activation>& activation_vocabulary();

// A name of activation_vocabulary(), or "" (linear); ArgumentError otherwise.
Activation parse_activation(std::string_view name);
std::string_view to_string(Activation a);

// data holds `count` values, channels-last with `channels` values per position; softmax
// normalises over the channel axis (Keras's default axis=-1).
void apply_activation(float* data, std::size_t count, std::size_t channels, Activation a);

}  // namespace padlab
