#include "core/model/layers/layer_registry.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <unordered_map>

#include "core/base/suggest.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab {

namespace {

struct Registry {
    std::vector<LayerType> types;
    std::unordered_map<std::string_view, const LayerType*> by_name;  // canonical names and aliases
};

// Keras's exported aliases (keras.layers.__init__): the same class under another name, so a
// layer created through an alias is still named after the canonical class (MaxPool2D() ->
// "max_pooling2d"). "Input" is the functional-API helper, accepted as a Sequential's first entry.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"Input", "InputLayer"},
    {"Convolution1D", "Conv1D"},
    {"Convolution2D", "Conv2D"},
    {"Convolution3D", "Conv3D"},
    {"Convolution1DTranspose", "Conv1DTranspose"},
    {"Convolution2DTranspose", "Conv2DTranspose"},
    {"Convolution3DTranspose", "Conv3DTranspose"},
    {"SeparableConvolution1D", "SeparableConv1D"},
    {"SeparableConvolution2D", "SeparableConv2D"},
    {"MaxPool1D", "MaxPooling1D"},
    {"MaxPool2D", "MaxPooling2D"},
    {"MaxPool3D", "MaxPooling3D"},
    {"AvgPool1D", "AveragePooling1D"},
    {"AvgPool2D", "AveragePooling2D"},
    {"AvgPool3D", "AveragePooling3D"},
    {"GlobalMaxPool1D", "GlobalMaxPooling1D"},
    {"GlobalMaxPool2D", "GlobalMaxPooling2D"},
    {"GlobalMaxPool3D", "GlobalMaxPooling3D"},
    {"GlobalAvgPool1D", "GlobalAveragePooling1D"},
    {"GlobalAvgPool2D", "GlobalAveragePooling2D"},
    {"GlobalAvgPool3D", "GlobalAveragePooling3D"},
};

const Registry& registry() {
    static const Registry reg = [] {
        Registry r;
        for (auto family : {layers::core_layer_types, layers::conv_layer_types, layers::pooling_layer_types,
                            layers::reshaping_layer_types, layers::normalization_layer_types,
                            layers::merge_layer_types,
                            layers::activation_layer_types, layers::regularization_layer_types,
                            layers::preprocessing_layer_types, layers::attention_layer_types,
                            layers::application_layer_types, layers::sequence_layer_types,
                            layers::operation_layer_types}) {
            for (auto& t : family()) r.types.push_back(std::move(t));
        }
        for (const auto& t : r.types) r.by_name.emplace(t.class_name, &t);
        for (const auto& [alias, canonical] : kAliases) {
            const auto it = r.by_name.find(canonical);
            if (it != r.by_name.end()) r.by_name.emplace(alias, it->second);
        }
        return r;
    }();
    return reg;
}

}  // namespace

const LayerType* find_layer_type(std::string_view class_name) {
    const auto& reg = registry();
    const auto it = reg.by_name.find(class_name);
    return it == reg.by_name.end() ? nullptr : it->second;
}

void throw_unknown_layer_class(std::string_view class_name, const Location& where) {
    const std::string head = "Unknown layer class '" + std::string(class_name) + "'";
    std::vector<std::string_view> names;
    for (const auto& [name, type] : registry().by_name)
        if (type->keras_class.empty() && name != "CustomScaleLayer") names.push_back(name);  // not the internal ones
    std::sort(names.begin(), names.end());
    const std::string hint = did_you_mean(class_name, names);
    if (!hint.empty()) throw NameError(head + "." + hint, where);
    throw UnsupportedError(head, where);
}

std::vector<std::string_view> layer_class_names() {
    std::vector<std::string_view> names;
    for (const auto& t : registry().types) names.push_back(t.class_name);
    std::sort(names.begin(), names.end());
    return names;
}

std::string keras_snake_case(std::string_view class_name) {
    // Keras 3 naming.to_snake_case (tf.keras 2's generic_utils.to_snake_case differs only for
    // digits after a capital, which no registered class has).
    static const std::regex words("(.)([A-Z][a-z]+)");
    static const std::regex humps("([a-z])([A-Z])");
    std::string s = std::regex_replace(std::string(class_name), words, "$1_$2");
    s = std::regex_replace(s, humps, "$1_$2");
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace padlab
