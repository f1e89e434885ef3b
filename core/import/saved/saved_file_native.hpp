#pragma once
// The saved-file containers opened natively (CLI, native tests, fuzzers): .keras zips with
// libzip, HDF5 files with libhdf5, both from memory. Compiled only in the native build
// (CMakeLists.txt); the page opens the same containers with fflate and h5wasm and hands their
// contents to saved_model.hpp, which holds every rule about Keras's layouts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/import/saved/saved_model.hpp"

namespace padlab {

// Every group's string attributes and every float/integer dataset (as float32) of an HDF5 file
// image. `with_data` false: shapes only, no dataset read. ArgumentError for a file libhdf5
// cannot open or walk (HDF5's own messages are silenced), LimitError when its datasets exceed
// kMaxSavedTotalBytes as float32.
H5Contents read_h5_image(const std::uint8_t* bytes, std::size_t size, bool with_data = true);

// A .keras archive: config.json (at most kMaxSavedConfigBytes), metadata.json and, when
// `with_weights`, model.weights.h5. Refuses corrupt or truncated zips, entry names that leave
// the archive ("../x", "/x", "C:x", "\\"), and more than kMaxSavedTotalBytes uncompressed (by
// the declared sizes and by the bytes actually inflated).
SavedModel read_keras_zip(const std::uint8_t* bytes, std::size_t size, bool with_weights = true);

// detect_saved_file, then read_keras_zip or legacy_h5_model(read_h5_image(...)). JSON / text
// files are not containers: ArgumentError (import_model reads them; a TF.js model.json is
// tfjs_model with its shards, which only the caller can find).
SavedModel read_saved_file(const std::uint8_t* bytes, std::size_t size, std::string_view filename,
                           bool with_weights = true);

}  // namespace padlab
