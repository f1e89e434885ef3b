// Format detection: a Keras/TF.js model file is a JSON object; anything else is Python.
#include "core/import/import_model.hpp"

#include "core/base/errors.hpp"
#include "core/import/source_text.hpp"

namespace padlab {

ModelSpec import_model(std::string_view text) {
    importer::check_source_size(text);
    const std::size_t first = importer::skip_blank(text);
    if (first == text.size()) throw ParseError("empty model source");
    if (text[first] == '{') return import_keras_json(text);
    return import_python(text);
}

}  // namespace padlab
