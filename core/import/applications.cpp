// Which paths name Keras Applications, and which builder runs each (see applications.hpp).
#include "core/import/applications.hpp"

#include <algorithm>

#include "core/import/application_sources.hpp"

namespace padlab::applications {

namespace {

// Keras's exports, from the @keras_export decorators of keras/src/applications/*.py (Keras
// 3.16, keras-team/keras 3422977a); tf-keras 2.21 (tf_keras/applications/*.py) exports the same
// paths. `alias` is the module name after `applications.` ("" for keras.applications.X); a
// builder module can be exported under another name (resnet50 -> resnet).
struct Export {
    std::string_view alias;
    std::string_view function;
    std::string_view module;
};
constexpr Export kExports[] = {
    {"convnext", "ConvNeXtTiny", "convnext"},   {"convnext", "ConvNeXtSmall", "convnext"},
    {"convnext", "ConvNeXtBase", "convnext"},   {"convnext", "ConvNeXtLarge", "convnext"},
    {"convnext", "ConvNeXtXLarge", "convnext"},
    {"densenet", "DenseNet121", "densenet"},    {"densenet", "DenseNet169", "densenet"},
    {"densenet", "DenseNet201", "densenet"},
    {"efficientnet", "EfficientNetB0", "efficientnet"}, {"efficientnet", "EfficientNetB1", "efficientnet"},
    {"efficientnet", "EfficientNetB2", "efficientnet"}, {"efficientnet", "EfficientNetB3", "efficientnet"},
    {"efficientnet", "EfficientNetB4", "efficientnet"}, {"efficientnet", "EfficientNetB5", "efficientnet"},
    {"efficientnet", "EfficientNetB6", "efficientnet"}, {"efficientnet", "EfficientNetB7", "efficientnet"},
    {"efficientnet_v2", "EfficientNetV2B0", "efficientnet_v2"}, {"efficientnet_v2", "EfficientNetV2B1", "efficientnet_v2"},
    {"efficientnet_v2", "EfficientNetV2B2", "efficientnet_v2"}, {"efficientnet_v2", "EfficientNetV2B3", "efficientnet_v2"},
    {"efficientnet_v2", "EfficientNetV2S", "efficientnet_v2"},  {"efficientnet_v2", "EfficientNetV2M", "efficientnet_v2"},
    {"efficientnet_v2", "EfficientNetV2L", "efficientnet_v2"},
    {"inception_resnet_v2", "InceptionResNetV2", "inception_resnet_v2"},
    {"inception_v3", "InceptionV3", "inception_v3"},
    {"mobilenet", "MobileNet", "mobilenet"},
    {"mobilenet_v2", "MobileNetV2", "mobilenet"},
    // Keras exports these two at keras.applications only; tutorials also write
    // keras.applications.mobilenet_v3.MobileNetV3Small, which resolves in Python because the
    // module defines it, so both are accepted.
    {"mobilenet_v3", "MobileNetV3Small", "mobilenet_v3"}, {"mobilenet_v3", "MobileNetV3Large", "mobilenet_v3"},
    {"nasnet", "NASNetMobile", "nasnet"},       {"nasnet", "NASNetLarge", "nasnet"},
    {"resnet50", "ResNet50", "resnet"},
    {"resnet", "ResNet50", "resnet"},           {"resnet", "ResNet101", "resnet"},
    {"resnet", "ResNet152", "resnet"},
    {"resnet_v2", "ResNet50V2", "resnet"},      {"resnet_v2", "ResNet101V2", "resnet"},
    {"resnet_v2", "ResNet152V2", "resnet"},
    {"vgg16", "VGG16", "vgg"},
    {"vgg19", "VGG19", "vgg"},
    {"xception", "Xception", "xception"},
};

// Where "applications" is in the path (keras.applications, tf.keras.applications,
// tensorflow.keras.applications, tf_keras.applications, keras.src.applications); npos if not.
std::size_t applications_index(const std::vector<std::string>& path) {
    for (std::size_t k = 1; k < path.size(); ++k) {
        if (path[k] != "applications") continue;
        const std::string& root = path[0];
        if (root == "keras" || root == "tf" || root == "tensorflow" || root == "tf_keras") return k;
    }
    return std::string::npos;
}

}  // namespace

bool is_applications_path(const std::vector<std::string>& path) {
    return applications_index(path) != std::string::npos;
}

std::optional<Target> find_target(const std::vector<std::string>& path, bool internal) {
    const std::size_t k = applications_index(path);
    if (k == std::string::npos) return std::nullopt;
    const std::size_t rest = path.size() - k - 1;
    if (rest == 1) {
        for (const Export& e : kExports) {
            if (e.function == path[k + 1]) return Target{e.module, path[k + 1]};
        }
        return std::nullopt;
    }
    if (rest != 2) return std::nullopt;
    const std::string& alias = path[k + 1];
    const std::string& function = path[k + 2];
    for (const Export& e : kExports) {
        if (e.alias == alias && e.function == function) return Target{e.module, function};
    }
    // keras.src.applications.<module>.<function>: the builders' modules, as they import each other.
    const bool src = std::find(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(k), "src") !=
                     path.begin() + static_cast<std::ptrdiff_t>(k);
    if ((internal || src) && !module_source(alias).empty()) {
        for (const EmbeddedSource& s : embedded_sources()) {
            if (s.module == alias) return Target{s.module, function};
        }
    }
    return std::nullopt;
}

std::string_view module_source(std::string_view module) {
    for (const EmbeddedSource& s : embedded_sources()) {
        if (s.module == module) return s.text;
    }
    return {};
}


}  // namespace padlab::applications
