#include "core/model/layers/layer_keywords.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>

namespace padlab {

namespace {

using Keywords = std::vector<std::string_view>;

// The parts' keywords, sorted, without duplicates.
Keywords merge(std::initializer_list<Keywords> parts) {
    Keywords out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

using Table = std::map<std::string_view, Keywords, std::less<>>;

Table build_table() {
    // Every layer: Keras 3 Layer.__init__ (activity_regularizer, trainable, dtype, autocast, name;
    // input_dim and input_shape popped from kwargs) and tf.keras Layer.__init__ (trainable, name,
    // dtype, dynamic and its allowed_kwargs).
    const Keywords base = {"activity_regularizer", "autocast", "batch_input_shape", "batch_size",
                           "dtype", "dynamic", "implementation", "input_dim", "input_shape", "name",
                           "trainable", "weights"};
    // tf.keras BaseRandomLayer (dropout, noise, attention, LSTM / GRU).
    const Keywords random = {"force_generator", "rng_type", "seed"};
    // The convolution base classes (Keras 3 BaseConv, tf.keras Conv).
    const Keywords conv = {"activation", "bias_constraint", "bias_initializer", "bias_regularizer",
                           "conv_op", "data_format", "dilation_rate", "groups", "kernel_constraint",
                           "kernel_initializer", "kernel_regularizer", "kernel_size", "padding",
                           "strides", "use_bias"};
    const Keywords depthwise = {"depth_multiplier", "depthwise_constraint", "depthwise_initializer",
                                "depthwise_regularizer"};
    const Keywords pooling = {"data_format", "padding", "pool_size", "strides"};
    const Keywords global_pooling = {"data_format", "keepdims"};
    // The RNN base class, and the cell parameters SimpleRNN, LSTM, GRU and ConvLSTM share.
    const Keywords rnn = {"go_backwards", "input_length", "return_sequences", "return_state", "stateful",
                          "time_major", "unroll", "zero_output_for_mask"};
    const Keywords cell = {"activation", "bias_constraint", "bias_initializer", "bias_regularizer",
                           "dropout", "kernel_constraint", "kernel_initializer", "kernel_regularizer",
                           "recurrent_constraint", "recurrent_dropout", "recurrent_initializer",
                           "recurrent_regularizer", "seed", "use_bias"};
    const Keywords affine_norm = {"axis", "beta_constraint", "beta_initializer", "beta_regularizer",
                                  "center", "epsilon", "gamma_constraint", "gamma_initializer",
                                  "gamma_regularizer", "scale"};
    // Keras 3 BaseImagePreprocessingLayer (its `factor` only where the class takes one).
    const Keywords image = {"bounding_box_format", "data_format"};
    const Keywords fill = {"fill_mode", "fill_value", "interpolation"};

    Table t;
    const auto add = [&t](std::initializer_list<std::string_view> classes, std::initializer_list<Keywords> parts) {
        const Keywords list = merge(parts);
        for (const auto cls : classes) t.emplace(cls, list);
    };

    // Core.
    add({"Activation"}, {base, {"activation"}});
    add({"Dense"}, {base, {"activation", "bias_constraint", "bias_initializer", "bias_regularizer",
                           "kernel_constraint", "kernel_initializer", "kernel_regularizer", "lora_alpha",
                           "lora_rank", "quantization_config", "units", "use_bias"}});
    add({"Embedding"}, {base, {"embeddings_constraint", "embeddings_initializer", "embeddings_regularizer",
                               "input_length", "lora_alpha", "lora_rank", "mask_zero", "output_dim",
                               "quantization_config", "sparse", "use_one_hot_matmul"}});
    // Not the base Layer's keywords: InputLayer takes only these.
    add({"InputLayer"}, {{"batch_input_shape", "batch_shape", "batch_size", "dtype", "input_shape",
                          "input_tensor", "name", "optional", "ragged", "shape", "sparse", "type_spec"}});
    add({"Lambda"}, {base, {"arguments", "function", "mask", "output_shape"}});
    add({"Masking"}, {base, {"mask_value"}});

    // Convolution.
    add({"Conv1D", "Conv2D", "Conv3D"}, {base, conv, {"filters", "lora_alpha", "lora_rank"}});
    add({"Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose"}, {base, conv, {"filters", "output_padding"}});
    add({"DepthwiseConv1D", "DepthwiseConv2D"}, {base, conv, depthwise});
    add({"SeparableConv1D", "SeparableConv2D"},
        {base, conv, depthwise,
         {"filters", "pointwise_constraint", "pointwise_initializer", "pointwise_regularizer"}});

    // Pooling.
    add({"AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "MaxPooling1D", "MaxPooling2D",
         "MaxPooling3D"},
        {base, pooling});
    add({"GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
         "GlobalMaxPooling2D", "GlobalMaxPooling3D"},
        {base, global_pooling});

    // Recurrent and wrappers.
    add({"SimpleRNN"}, {base, rnn, cell, {"enable_caching_device", "units"}});
    add({"LSTM"}, {base, rnn, cell, random,
                   {"enable_caching_device", "recurrent_activation", "return_runtime", "unit_forget_bias",
                    "units", "use_cudnn"}});
    add({"GRU"}, {base, rnn, cell, random,
                  {"enable_caching_device", "recurrent_activation", "reset_after", "return_runtime", "units",
                   "use_cudnn"}});
    add({"ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"},
        {base, rnn, cell,
         {"data_format", "dilation_rate", "filters", "kernel_size", "padding", "recurrent_activation",
          "strides", "unit_forget_bias"}});
    add({"Bidirectional"}, {base, {"backward_layer", "layer", "merge_mode"}});
    add({"TimeDistributed"}, {base, {"layer"}});

    // Merging.
    add({"Add", "Average", "Maximum", "Minimum", "Multiply", "Subtract"}, {base});
    add({"Concatenate"}, {base, {"axis"}});
    add({"Dot"}, {base, {"axes", "normalize"}});

    // Attention.
    add({"Attention", "AdditiveAttention"}, {base, random, {"causal", "dropout", "score_mode", "use_scale"}});
    add({"MultiHeadAttention"},
        {base, {"attention_axes", "bias_constraint", "bias_initializer", "bias_regularizer", "dropout",
                "flash_attention", "kernel_constraint", "kernel_initializer", "kernel_regularizer", "key_dim",
                "num_heads", "output_shape", "seed", "sliding_window", "softmax_robust_masking", "use_bias",
                "use_gate", "value_dim"}});

    // Normalization.
    add({"BatchNormalization"},
        {base, affine_norm,
         {"adjustment", "fused", "momentum", "moving_mean_initializer", "moving_variance_initializer", "renorm",
          "renorm_clipping", "renorm_momentum", "synchronized", "virtual_batch_size"}});
    add({"LayerNormalization"}, {base, affine_norm, {"rms_scaling"}});
    add({"GroupNormalization"}, {base, affine_norm, {"groups"}});
    add({"UnitNormalization"}, {base, {"axis"}});

    // Activations.
    add({"ELU"}, {base, {"alpha"}});
    add({"LeakyReLU"}, {base, {"alpha", "negative_slope"}});
    add({"PReLU"}, {base, {"alpha_constraint", "alpha_initializer", "alpha_regularizer", "shared_axes"}});
    add({"ReLU"}, {base, {"max_value", "negative_slope", "threshold"}});
    add({"Softmax"}, {base, {"axis", "robust_masking"}});
    add({"ThresholdedReLU"}, {base, {"theta"}});

    // Regularization (ActivityRegularization passes activity_regularizer itself).
    add({"ActivityRegularization"},
        {{"autocast", "batch_input_shape", "batch_size", "dtype", "dynamic", "implementation", "input_dim",
          "input_shape", "l1", "l2", "name", "trainable", "weights"}});
    add({"Dropout", "AlphaDropout", "SpatialDropout1D"}, {base, random, {"noise_shape", "rate"}});
    add({"SpatialDropout2D", "SpatialDropout3D"}, {base, random, {"data_format", "noise_shape", "rate"}});
    add({"GaussianDropout"}, {base, random, {"rate"}});
    add({"GaussianNoise"}, {base, random, {"stddev"}});

    // Reshaping.
    add({"Cropping1D"}, {base, {"cropping"}});
    add({"Cropping2D", "Cropping3D"}, {base, {"cropping", "data_format"}});
    add({"Flatten"}, {base, {"data_format"}});
    add({"Permute"}, {base, {"dims"}});
    add({"RepeatVector"}, {base, {"n"}});
    add({"Reshape"}, {base, {"target_shape"}});
    add({"UpSampling1D"}, {base, {"size"}});
    add({"UpSampling2D"}, {base, {"data_format", "interpolation", "size"}});
    add({"UpSampling3D"}, {base, {"data_format", "size"}});
    add({"ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D"}, {base, {"data_format", "padding"}});

    // Preprocessing.
    add({"CategoryEncoding"}, {base, {"max_tokens", "num_tokens", "output_mode", "sparse"}});
    add({"Normalization"}, {base, {"axis", "invert", "mean", "variance"}});
    add({"Rescaling"}, {base, {"offset", "scale"}});
    add({"TextVectorization"},
        {base, {"encoding", "has_input_vocabulary", "idf_weights", "max_tokens", "ngrams", "output_mode",
                "output_sequence_length", "pad_to_max_tokens", "ragged", "sparse", "split", "standardize",
                "vocabulary", "vocabulary_size"}});
    add({"CenterCrop"}, {base, image, {"height", "width"}});
    add({"Resizing"},
        {base, image, fill, {"antialias", "crop_to_aspect_ratio", "height", "pad_to_aspect_ratio", "width"}});
    add({"RandomContrast"}, {base, image, {"factor", "rng_type", "seed", "value_range"}});
    add({"RandomCrop"}, {base, image, {"factor", "height", "rng_type", "seed", "width"}});
    add({"RandomFlip"}, {base, image, {"mode", "rng_type", "seed"}});
    add({"RandomHeight", "RandomWidth"}, {base, {"factor", "interpolation", "rng_type", "seed"}});
    add({"RandomRotation"}, {base, image, fill, {"factor", "rng_type", "seed"}});
    add({"RandomTranslation", "RandomZoom"},
        {base, image, fill, {"height_factor", "rng_type", "seed", "width_factor"}});
    return t;
}

}  // namespace

const std::vector<std::string_view>* layer_keywords(std::string_view class_name) {
    static const Table table = build_table();
    const auto it = table.find(class_name);
    return it == table.end() ? nullptr : &it->second;
}

}  // namespace padlab
