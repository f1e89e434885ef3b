// The keyword arguments each Keras layer constructor accepts (Keras 3 and tf.keras 2, the union).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "core/model/layers/layer_keywords.hpp"
#include "core/model/layers/layer_registry.hpp"

using padlab::layer_keywords;

namespace {

bool accepts(std::string_view cls, std::string_view keyword) {
    const auto* list = layer_keywords(cls);
    REQUIRE(list != nullptr);
    return std::binary_search(list->begin(), list->end(), keyword);
}

}  // namespace

TEST_CASE("Every registered public layer class has its keywords", "[layers][keywords]") {
    // Registered for models PadLab reads, but not keras.layers classes a user constructs: the
    // operations on a tensor and a number, and the applications' private layers.
    const std::set<std::string_view> internal = {"CustomScaleLayer", "LayerScale",     "ScalarAdd",
                                                 "ScalarMultiply",   "ScalarNegative", "ScalarSubtract",
                                                 "ScalarTrueDivide", "StochasticDepth"};
    for (const auto name : padlab::layer_class_names()) {
        INFO(std::string(name));
        if (internal.count(name) != 0) {
            CHECK(layer_keywords(name) == nullptr);
        } else {
            REQUIRE(layer_keywords(name) != nullptr);
        }
    }
}

TEST_CASE("Keyword lists are sorted and free of duplicates", "[layers][keywords]") {
    for (const auto name : padlab::layer_class_names()) {
        const auto* list = layer_keywords(name);
        if (list == nullptr) continue;
        INFO(std::string(name));
        CHECK(std::is_sorted(list->begin(), list->end()));
        CHECK(std::adjacent_find(list->begin(), list->end()) == list->end());
        CHECK_FALSE(list->empty());
    }
}

TEST_CASE("Classes outside the table check nothing", "[layers][keywords]") {
    CHECK(layer_keywords("MyCustomLayer") == nullptr);
    CHECK(layer_keywords("conv2d") == nullptr);  // names are case-sensitive, as in Keras
    CHECK(layer_keywords("") == nullptr);
}

TEST_CASE("Conv2D accepts its own, the conv base's and the base Layer's keywords", "[layers][keywords]") {
    for (const auto kw : {"filters", "kernel_size", "strides", "padding", "activation", "dilation_rate", "groups",
                          "use_bias", "kernel_initializer", "bias_regularizer", "data_format", "input_shape",
                          "name", "trainable", "dtype"})
        CHECK(accepts("Conv2D", kw));
    CHECK_FALSE(accepts("Conv2D", "kernal_size"));
    CHECK_FALSE(accepts("Conv2D", "units"));
    CHECK_FALSE(accepts("Conv2D", "rank"));  // BaseConv's, but Conv2D passes it itself
    CHECK(accepts("Conv2DTranspose", "output_padding"));
    CHECK_FALSE(accepts("Conv2D", "output_padding"));
    CHECK(accepts("DepthwiseConv2D", "depth_multiplier"));
    CHECK(accepts("SeparableConv2D", "pointwise_initializer"));
    CHECK(accepts("SeparableConv1D", "depthwise_regularizer"));
}

TEST_CASE("Dense accepts units and the base Layer's legacy keywords", "[layers][keywords]") {
    for (const auto kw : {"units", "activation", "use_bias", "kernel_constraint", "input_dim", "input_shape",
                          "batch_input_shape", "batch_size", "weights", "activity_regularizer", "autocast", "dtype",
                          "dynamic", "name", "trainable", "implementation"})
        CHECK(accepts("Dense", kw));
    CHECK(accepts("Dense", "lora_rank"));  // Keras 3 only
    CHECK_FALSE(accepts("Dense", "unit"));
    CHECK_FALSE(accepts("Dense", "kernel_size"));
}

TEST_CASE("Recurrent layers accept the RNN base's and the cell's keywords", "[layers][keywords]") {
    for (const auto cls : {"SimpleRNN", "LSTM", "GRU"}) {
        INFO(cls);
        for (const auto kw : {"units", "activation", "use_bias", "dropout", "recurrent_dropout", "recurrent_initializer",
                              "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "time_major",
                              "zero_output_for_mask", "seed", "implementation", "input_shape"})
            CHECK(accepts(cls, kw));
        CHECK_FALSE(accepts(cls, "cell"));
        CHECK_FALSE(accepts(cls, "return_sequence"));
    }
    CHECK(accepts("LSTM", "recurrent_activation"));
    CHECK(accepts("LSTM", "unit_forget_bias"));
    CHECK_FALSE(accepts("LSTM", "reset_after"));
    CHECK(accepts("GRU", "reset_after"));
    CHECK_FALSE(accepts("SimpleRNN", "recurrent_activation"));
    CHECK(accepts("ConvLSTM2D", "filters"));
    CHECK(accepts("ConvLSTM2D", "kernel_size"));
    CHECK(accepts("ConvLSTM2D", "return_sequences"));
    CHECK(accepts("ConvLSTM2D", "recurrent_activation"));
    CHECK(accepts("Bidirectional", "merge_mode"));
    CHECK(accepts("Bidirectional", "backward_layer"));
    CHECK(accepts("TimeDistributed", "layer"));
}

TEST_CASE("InputLayer accepts its own keywords, not the base Layer's", "[layers][keywords]") {
    for (const auto kw : {"shape", "batch_size", "dtype", "sparse", "batch_shape", "name", "input_tensor", "optional",
                          "ragged", "input_shape", "batch_input_shape", "type_spec"})
        CHECK(accepts("InputLayer", kw));
    CHECK_FALSE(accepts("InputLayer", "trainable"));
    CHECK_FALSE(accepts("InputLayer", "input_dim"));
    CHECK_FALSE(accepts("InputLayer", "units"));
}

TEST_CASE("Pooling, merging, reshaping and preprocessing keywords", "[layers][keywords]") {
    CHECK(accepts("MaxPooling2D", "pool_size"));
    CHECK(accepts("AveragePooling1D", "strides"));
    CHECK_FALSE(accepts("MaxPooling2D", "kernel_size"));
    CHECK(accepts("GlobalAveragePooling2D", "keepdims"));
    CHECK_FALSE(accepts("GlobalAveragePooling2D", "pool_size"));
    CHECK(accepts("Concatenate", "axis"));
    CHECK(accepts("Dot", "axes"));
    CHECK(accepts("Dot", "normalize"));
    CHECK(accepts("Add", "name"));
    CHECK_FALSE(accepts("Add", "axis"));
    CHECK(accepts("Reshape", "target_shape"));
    CHECK(accepts("Permute", "dims"));
    CHECK(accepts("RepeatVector", "n"));
    CHECK(accepts("ZeroPadding2D", "padding"));
    CHECK(accepts("Cropping1D", "cropping"));
    CHECK_FALSE(accepts("Cropping1D", "data_format"));
    CHECK(accepts("UpSampling2D", "interpolation"));
    CHECK(accepts("Embedding", "input_length"));  // tf.keras's, popped by Keras 3
    CHECK(accepts("Embedding", "mask_zero"));
    CHECK(accepts("Resizing", "crop_to_aspect_ratio"));
    CHECK(accepts("RandomRotation", "factor"));
    CHECK(accepts("RandomZoom", "height_factor"));
    CHECK_FALSE(accepts("CenterCrop", "factor"));  // Keras 3 rejects it for CenterCrop
    CHECK(accepts("TextVectorization", "output_sequence_length"));
    CHECK(accepts("Rescaling", "offset"));
}

TEST_CASE("Activation, normalization, regularization and attention keywords", "[layers][keywords]") {
    CHECK(accepts("LeakyReLU", "negative_slope"));
    CHECK(accepts("LeakyReLU", "alpha"));  // the legacy name, popped by Keras 3
    CHECK(accepts("ReLU", "max_value"));
    CHECK(accepts("ThresholdedReLU", "theta"));
    CHECK(accepts("PReLU", "shared_axes"));
    CHECK(accepts("BatchNormalization", "momentum"));
    CHECK(accepts("BatchNormalization", "epsilon"));
    CHECK(accepts("LayerNormalization", "rms_scaling"));
    CHECK(accepts("GroupNormalization", "groups"));
    CHECK(accepts("Dropout", "rate"));
    CHECK(accepts("Dropout", "noise_shape"));
    CHECK(accepts("GaussianNoise", "stddev"));
    CHECK(accepts("ActivityRegularization", "l1"));
    CHECK_FALSE(accepts("ActivityRegularization", "activity_regularizer"));  // passed by the class itself
    CHECK(accepts("MultiHeadAttention", "num_heads"));
    CHECK(accepts("MultiHeadAttention", "key_dim"));
    CHECK(accepts("Attention", "use_scale"));
    CHECK(accepts("Attention", "causal"));  // tf.keras's legacy keyword
}
