#pragma once
// Reading a model for a subcommand: a file, or standard input for "-". Model sources (JSON,
// Python) are text of at most 16 MiB; saved models (.keras, .h5, found by their first bytes)
// are binary files of at most 600 MB (ResNet152's .h5 is about 230 MB).
#include <optional>
#include <string>

#include "core/import/saved/saved_model.hpp"
#include "core/model/model_spec.hpp"

namespace padlab::cli {

// The input could not be read at all (as opposed to a model error, which is a padlab::Error).
struct InputError {
    std::string message;
};

// The whole text of `file` ("-": standard input), at most 16 MiB (model sources are a few KB;
// refusing huge input keeps a stray binary file from eating memory). Throws InputError.
std::string read_input(const std::string& file);

// A model from `file`: a .keras archive or legacy .h5 (saved_file_native.hpp), a TF.js
// model.json (with its weight files, read from the paths its weightsManifest gives relative to
// the model.json's folder, when `with_weights`), Keras JSON or Python source (import_model).
// `saved` is set for the saved formats (format, keras_version, backend, weights).
struct ModelInput {
    ModelSpec spec;
    std::optional<SavedModel> saved;
};
ModelInput read_model(const std::string& file, bool with_weights);

}  // namespace padlab::cli
