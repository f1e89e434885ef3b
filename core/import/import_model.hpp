#pragma once
// Model importers. Each lowers its format to a ModelSpec (see model_spec.hpp).
#include <string_view>

#include "core/model/model_spec.hpp"

namespace padlab {

// Keras 2 model.to_json(), Keras 3 config, TF.js model.json (modelTopology / model_config).
// ParseError with line/column for malformed JSON; UnsupportedError for non-Sequential models.
ModelSpec import_keras_json(std::string_view text);

// Python source using the Sequential or Functional API as tutorials write it (see
// import_python.cpp for the exact subset). Anything outside it: a located error, never a guess.
ModelSpec import_python(std::string_view text);

// Detects the format: JSON when the first non-blank character is '{', else Python.
ModelSpec import_model(std::string_view text);

}  // namespace padlab
