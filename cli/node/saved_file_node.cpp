// The node CLI's read_saved_file (saved_file_native.hpp), for the wasm build of cli/ (the npm
// package's `padlab` bin). libzip and libhdf5 are not in the wasm build, so the containers are
// opened the way the page opens them: the launcher (wasm/npm/bin/padlab.mjs) gives the module
// `padlabOpenSaved`, which runs padlab_saved.js's openContainer (fflate, h5wasm) and returns its
// request synchronously; the core reads that request as the page's bindings do
// (wasm/saved_contents.hpp), so the rules about Keras's layouts stay in the core.
#include <string>

#include <emscripten/val.h>

#include "core/base/errors.hpp"
#include "core/import/saved/saved_file_native.hpp"
#include "wasm/saved_contents.hpp"

namespace padlab {

namespace {

using emscripten::val;

// A dataset's values from the Float32Array the launcher returned (one copy, into the core's vector).
void typed_array(const val& a, H5Array& array) {
    array.data.resize(shape_elements(array.shape));
    const val data = a["data"];
    if (data["length"].as<double>() != static_cast<double>(array.data.size()))
        throw ArgumentError("an HDF5 dataset's values do not match its shape " + shape_to_python(array.shape));
    val(emscripten::typed_memory_view(array.data.size(), array.data.data())).call<void>("set", data);
}

// padlab_saved.js's ContainerError kinds -> the core's error types (their kinds in the CLI's JSON).
[[noreturn]] void throw_kind(const std::string& kind, const std::string& message) {
    if (kind == "LimitError") throw LimitError(message);
    if (kind == "ArgumentError") throw ArgumentError(message);
    if (kind == "UnsupportedError") throw UnsupportedError(message);
    if (kind == "ParseError") throw ParseError(message);
    throw Error(message);  // LoadError: the reader itself could not be loaded
}

}  // namespace

SavedModel read_saved_file(const std::uint8_t* bytes, std::size_t size, std::string_view filename, bool with_weights) {
    const SavedFileKind kind = detect_saved_file(bytes, size, filename);
    if (kind != SavedFileKind::KerasZip && kind != SavedFileKind::Hdf5)  // as saved_file_native.cpp says it
        throw ArgumentError("'" + std::string(filename) + "' is not a .keras or .h5 file (it is text: JSON or Python).");
    const val open = val::module_property("padlabOpenSaved");
    if (open.typeOf().as<std::string>() != "function") {
        throw UnsupportedError("saved model files (.keras, .h5) need the node launcher (bin/padlab.mjs of the npm "
                               "package), which opens them with padlab_saved.js");
    }
    const val result = open(val(kind == SavedFileKind::KerasZip ? "keras" : "h5"),
                            val(emscripten::typed_memory_view(size, bytes)), val(std::string(filename)), val(with_weights));
    const val error = result["error"];
    if (!error.isUndefined() && !error.isNull()) {
        // As padlab.js words a container's error: the file's name first.
        throw_kind(error["kind"].as<std::string>(), "'" + std::string(filename) + "': " + error["message"].as<std::string>());
    }
    std::optional<SavedModel> model = padlab_wasm::container_model(result["request"], typed_array);
    if (!model) throw Error("internal error: the launcher's saved-file reader returned no container request");
    return std::move(*model);
}

}  // namespace padlab
