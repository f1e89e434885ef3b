#pragma once
// Keras Applications (keras.applications.ResNet50(...), tf.keras.applications.resnet50.ResNet50,
// ...) for the Python importer: which module path names which builder, and the builders' sources.
// The builders (core/import/applications/*.py) are PadLab's own, in its Python subset: each
// builds the paper's architecture with the layer names, order and argument checks of Keras's
// (keras/src/applications/*.py, cited per file); import_python.cpp runs them when a snippet
// calls an application function.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace padlab::applications {

// What a dotted path denotes among the applications.
struct Target {
    std::string_view module;    // the builder's module ("resnet"); see module_source()
    std::string function;       // the function to call in it ("ResNet50")
};

// The application function a dotted path names, when it names one: Keras's exported paths
// (keras.applications.ResNet50, tf.keras.applications.resnet50.ResNet50, tf_keras.applications.
// resnet.ResNet101, keras.applications.mobilenet_v2.MobileNetV2 ...) and, with `internal` (a
// builder calling another builder: keras.src.applications.common.obtain_input_shape), any
// function of a builder's module. nullopt for any other path.
std::optional<Target> find_target(const std::vector<std::string>& path, bool internal);

// Whether the path is an applications module or function path at all (for its error message:
// "keras.applications has no function 'ResNet49'").
bool is_applications_path(const std::vector<std::string>& path);

// The builder's source ("" when there is none).
std::string_view module_source(std::string_view module);


}  // namespace padlab::applications
