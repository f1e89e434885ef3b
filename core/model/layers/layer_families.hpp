#pragma once
// Internal: each layer family's source file contributes its LayerType entries to the registry
// (layer_registry.cpp), so adding a layer touches only its family file.
#include <vector>

#include "core/model/layers/layer_registry.hpp"

namespace padlab::layers {

std::vector<LayerType> core_layer_types();           // InputLayer, Dense, Dropout, Activation, ReLU, LeakyReLU
std::vector<LayerType> conv_layer_types();           // Conv*, Conv*Transpose, SeparableConv*, DepthwiseConv*
std::vector<LayerType> pooling_layer_types();        // Max/AveragePooling*, Global*Pooling*
std::vector<LayerType> reshaping_layer_types();      // ZeroPadding*, Cropping*, UpSampling*, Flatten, Reshape
std::vector<LayerType> normalization_layer_types();  // Batch/Layer/GroupNormalization, UnitNormalization
std::vector<LayerType> merge_layer_types();          // Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot
std::vector<LayerType> activation_layer_types();     // Softmax, ELU, PReLU, ThresholdedReLU
std::vector<LayerType> regularization_layer_types(); // SpatialDropout*, GaussianNoise/Dropout, AlphaDropout, ActivityRegularization
std::vector<LayerType> preprocessing_layer_types();  // Rescaling, Normalization, Resizing, CenterCrop, Random*, CategoryEncoding, TextVectorization, Lambda
std::vector<LayerType> attention_layer_types();      // MultiHeadAttention, Attention, AdditiveAttention
std::vector<LayerType> application_layer_types();    // CustomScaleLayer, LayerScale, StochasticDepth (Keras Applications' own layers)
std::vector<LayerType> operation_layer_types();      // ScalarAdd, ScalarSubtract, ScalarMultiply, ScalarTrueDivide, ScalarNegative (tensor-and-number operations)
std::vector<LayerType> sequence_layer_types();       // Embedding, Masking, RepeatVector, Permute, SimpleRNN, LSTM, GRU, ConvLSTM*D, Bidirectional, TimeDistributed

}  // namespace padlab::layers
