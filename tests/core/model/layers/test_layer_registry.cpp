// The registry: every layer class of the brief, aliases, positional argument order, and
// Keras's snake-case auto-naming prefix.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using padlab::find_layer_type;
using padlab::keras_snake_case;
using padlab::layer_class_names;
using padlab::throw_unknown_layer_class;
using padlab::test::MessageContains;

TEST_CASE("keras_snake_case matches Keras's auto-naming", "[layers][registry]") {
    CHECK(keras_snake_case("Conv2D") == "conv2d");
    CHECK(keras_snake_case("MaxPooling2D") == "max_pooling2d");
    CHECK(keras_snake_case("Conv2DTranspose") == "conv2d_transpose");
    CHECK(keras_snake_case("ZeroPadding2D") == "zero_padding2d");
    CHECK(keras_snake_case("BatchNormalization") == "batch_normalization");
    CHECK(keras_snake_case("ReLU") == "re_lu");
    CHECK(keras_snake_case("LeakyReLU") == "leaky_re_lu");
    CHECK(keras_snake_case("GlobalAveragePooling2D") == "global_average_pooling2d");
    CHECK(keras_snake_case("DepthwiseConv2D") == "depthwise_conv2d");
    CHECK(keras_snake_case("SeparableConv1D") == "separable_conv1d");
    CHECK(keras_snake_case("UpSampling2D") == "up_sampling2d");
    CHECK(keras_snake_case("InputLayer") == "input_layer");
    CHECK(keras_snake_case("Dense") == "dense");
}

TEST_CASE("every modelled class is registered, sorted", "[layers][registry]") {
    const auto names = layer_class_names();
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(names.size() == 83 + 12 + 5);  // + the 5 tensor-and-number operations (test_operation_layers.cpp); 49 + CustomScaleLayer, LayerScale, StochasticDepth + activation, regularization, preprocessing (RandomWidth, RandomHeight, CategoryEncoding among them), attention, Group/UnitNormalization; + the sequence family (test_sequence_layers.cpp lists its 12)
    for (const char* cls :
         {"InputLayer", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
          "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D", "ZeroPadding1D", "ZeroPadding2D",
          "ZeroPadding3D", "Cropping1D", "Cropping2D", "Cropping3D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
          "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
          "GlobalMaxPooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
          "UpSampling1D", "UpSampling2D", "UpSampling3D", "Flatten", "Dense", "Dropout", "Activation", "ReLU",
          "LeakyReLU", "BatchNormalization", "LayerNormalization", "Reshape", "Add", "Subtract", "Multiply", "Average",
          "Maximum", "Minimum", "Concatenate", "Dot", "CustomScaleLayer", "LayerScale", "StochasticDepth",
          "RandomWidth", "RandomHeight", "CategoryEncoding"}) {
        INFO(cls);
        const auto* type = find_layer_type(cls);
        REQUIRE(type != nullptr);
        CHECK(type->class_name == cls);
        CHECK(type->infer != nullptr);
    }
    CHECK(find_layer_type("Conv4D") == nullptr);
    CHECK(find_layer_type("conv2d") == nullptr);  // class names are case-sensitive, as in Python
}

TEST_CASE("aliases resolve to the canonical class", "[layers][registry]") {
    const std::pair<const char*, const char*> aliases[] = {
        {"Convolution1D", "Conv1D"},          {"Convolution2D", "Conv2D"},
        {"Convolution3D", "Conv3D"},          {"Convolution2DTranspose", "Conv2DTranspose"},
        {"Convolution3DTranspose", "Conv3DTranspose"}, {"SeparableConvolution2D", "SeparableConv2D"},
        {"MaxPool1D", "MaxPooling1D"},        {"MaxPool2D", "MaxPooling2D"},
        {"MaxPool3D", "MaxPooling3D"},        {"AvgPool1D", "AveragePooling1D"},
        {"AvgPool2D", "AveragePooling2D"},    {"AvgPool3D", "AveragePooling3D"},
        {"GlobalMaxPool2D", "GlobalMaxPooling2D"}, {"GlobalAvgPool2D", "GlobalAveragePooling2D"},
        {"GlobalAvgPool1D", "GlobalAveragePooling1D"}, {"Input", "InputLayer"},
    };
    for (const auto& [alias, canonical] : aliases) {
        INFO(alias);
        const auto* type = find_layer_type(alias);
        REQUIRE(type != nullptr);
        CHECK(type->class_name == canonical);
    }
}

TEST_CASE("positional arguments follow Keras's __init__ order", "[layers][registry]") {
    using V = std::vector<std::string_view>;
    const auto first = [](const char* cls, std::size_t n) {
        const auto& p = find_layer_type(cls)->positional;
        return V(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(std::min(n, p.size())));
    };
    CHECK(first("Conv2D", 9) == V{"filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                                  "groups", "activation", "use_bias"});
    CHECK(first("Conv2DTranspose", 5) == V{"filters", "kernel_size", "strides", "padding", "output_padding"});
    CHECK(first("SeparableConv2D", 7) ==
          V{"filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier"});
    CHECK(first("DepthwiseConv2D", 4) == V{"kernel_size", "strides", "padding", "depth_multiplier"});
    CHECK(first("Dense", 3) == V{"units", "activation", "use_bias"});
    CHECK(first("MaxPooling2D", 3) == V{"pool_size", "strides", "padding"});
    CHECK(first("ZeroPadding2D", 1) == V{"padding"});
    CHECK(first("Cropping2D", 1) == V{"cropping"});
    CHECK(first("UpSampling2D", 1) == V{"size"});
    CHECK(first("Dropout", 1) == V{"rate"});
    CHECK(first("Activation", 1) == V{"activation"});
    CHECK(first("Reshape", 1) == V{"target_shape"});
    CHECK(first("BatchNormalization", 1) == V{"axis"});
    CHECK(first("InputLayer", 2) == V{"input_shape", "batch_size"});
}

TEST_CASE("the registry says which classes the forward pass runs", "[layers][registry]") {
    std::vector<std::string_view> runnable;
    for (std::string_view cls : layer_class_names())
        if (find_layer_type(cls)->forward) runnable.push_back(cls);
    CHECK(runnable == std::vector<std::string_view>{
                          "Activation", "ActivityRegularization", "Add", "AlphaDropout", "Average",
                          "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "BatchNormalization",
                          "CenterCrop", "Concatenate", "Conv1D", "Conv2D", "Conv3D", "Cropping1D", "Cropping2D",
                          "Cropping3D", "Dense", "DepthwiseConv1D", "DepthwiseConv2D", "Dot", "Dropout", "ELU",
                          "Flatten", "GaussianDropout", "GaussianNoise", "GlobalAveragePooling1D",
                          "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
                          "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GroupNormalization", "LayerNormalization",
                          "LeakyReLU", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "Maximum", "Minimum",
                          "Multiply", "Normalization", "PReLU", "RandomContrast", "RandomFlip", "RandomRotation",
                          "RandomTranslation", "RandomZoom", "ReLU", "Rescaling", "Reshape", "Resizing", "ScalarAdd",
                          "ScalarMultiply", "ScalarNegative", "ScalarSubtract", "ScalarTrueDivide", "Softmax",
                          "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "Subtract", "ThresholdedReLU",
                          "UnitNormalization", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D"});
    // Only Dense keeps more than 4 bytes a parameter (its packed kernel).
    for (std::string_view cls : layer_class_names())
        CHECK((find_layer_type(cls)->forward_bytes != nullptr) == (cls == "Dense"));
}

TEST_CASE("an unknown class: a near miss suggests the class or alias, anything else is unsupported", "[layers][registry]") {
    CHECK_THROWS_MATCHES(throw_unknown_layer_class("Conv2d"), padlab::NameError,
                         MessageContains("Unknown layer class 'Conv2d'. Did you mean 'Conv2D'?"));
    CHECK_THROWS_MATCHES(throw_unknown_layer_class("MaxPool2d"), padlab::NameError, MessageContains("Did you mean 'MaxPool2D'?"));
    CHECK_THROWS_MATCHES(throw_unknown_layer_class("BatchNormalisation"), padlab::NameError,
                         MessageContains("Did you mean 'BatchNormalization'?"));
    CHECK_THROWS_MATCHES(throw_unknown_layer_class("Dens"), padlab::NameError, MessageContains("Did you mean 'Dense'?"));
    // Not a near miss: a layer PadLab does not model (or a custom one); internal classes
    // (ScalarAdd, the operation layers) are never suggested.
    CHECK_THROWS_MATCHES(throw_unknown_layer_class("LocallyConnected2D"), padlab::UnsupportedError,
                         MessageContains("Unknown layer class 'LocallyConnected2D'"));
    CHECK_THROWS_AS(throw_unknown_layer_class("ScalarAd"), padlab::UnsupportedError);
}
