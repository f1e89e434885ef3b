#pragma once
// Internal to the sequence family (sequence_layers.cpp registers it as one family): the
// recurrent layers and the wrappers live in their own files.
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/layers/layer_registry.hpp"

namespace padlab::layers {

std::vector<LayerType> recurrent_layer_types();  // SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D (recurrent_layers.cpp)
std::vector<LayerType> wrapper_layer_types();    // Bidirectional, TimeDistributed (wrapper_layers.cpp)

// An RNN config's return_state, read leniently (the argument is validated by inference).
bool rnn_returns_state(const nlohmann::json& config);

}  // namespace padlab::layers
