#pragma once
// Saved model files (.keras zip, legacy .h5, TF.js model.json + shards) turned into what the
// graph importer already reads (a Keras model config) plus the stored weights.
//
// Two halves, so the browser and the CLI share every rule about Keras's layouts:
//  - the containers are opened by well-kept libraries: natively libzip and libhdf5
//    (saved_file_native.hpp), in the page fflate and h5wasm (web/…/saved-file worker);
//  - what a container holds (zip entries as bytes, HDF5 string attributes and float datasets)
//    is handed to the functions below, which know Keras's layouts
//    (keras/src/saving/saving_lib.py, tf_keras/src/saving/legacy/hdf5_format.py,
//    tfjs-layers' model.json) and never touch a file.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/shape.hpp"
#include "core/model/model_spec.hpp"
#include "core/model/network.hpp"

namespace padlab {

// What a file is, from its first bytes (never from its name: a renamed file is still found).
enum class SavedFileKind {
    KerasZip,    // "PK\x03\x04": a .keras archive (Keras 3, tf.keras 2.13-2.15)
    Hdf5,        // "\x89HDF\r\n\x1a\n" at offset 0 (or 512, 1024, ...: HDF5 user blocks)
    Json,        // first non-blank byte '{': Keras JSON or TF.js model.json
    Text,        // anything else that is valid text: Python source
};

// Throws ArgumentError with a clear message for what PadLab cannot read and can name: an
// empty file, a .tflite flatbuffer ("TFL3"), a SavedModel protobuf, other binary data.
// `filename` only improves the message.
SavedFileKind detect_saved_file(const std::uint8_t* bytes, std::size_t size, std::string_view filename);

// One HDF5 dataset as float32 (the reader converts float16/float64; integer datasets too),
// at its full path without the leading '/': "model_weights/conv2d/conv2d/kernel:0",
// "layers/conv2d/vars/0".
struct H5Array {
    std::string path;
    Shape shape;
    std::vector<float> data;
};

// What an HDF5 file holds, as far as Keras's layouts need it.
struct H5Contents {
    // String attributes keyed "<group path>@<name>" ("@model_config" is the root's,
    // "model_weights@keras_version", "model_weights/conv2d@weight_names"); a scalar string
    // (bytes or str, as h5py writes either) is a list of one, a string array its items in order.
    std::map<std::string, std::vector<std::string>> attributes;
    // Float and integer datasets only (strings, opaque bfloat16 and compounds are left out), in
    // the file's order (sorted by path is fine: Keras indexes them).
    std::vector<H5Array> arrays;
    std::vector<std::string> groups;  // every group path, for "what is this file" messages
};

// A file read as far as PadLab needs it.
struct SavedModel {
    std::string format;         // "keras" | "h5" | "tfjs"
    std::string keras_version;  // as stored ("3.3.3", "2.15.0"); empty when the file has none
    std::string backend;        // "tensorflow", "jax", ... ; empty when none
    std::string config;         // the model config as JSON text: what import_keras_json() reads
    ModelSpec spec;             // import_keras_json(config)
    std::vector<NetworkWeight> weights;  // per layer in Keras's order; empty: no weights stored
};

// Caps that keep a hostile file's memory bounded.
inline constexpr std::size_t kMaxSavedConfigBytes = std::size_t(64) << 20;    // config.json, model_config
inline constexpr std::size_t kMaxSavedTotalBytes = std::size_t(1) << 30;      // all entries uncompressed

// A .keras archive's entries (metadata.json absent: nullopt). `weights` is model.weights.h5 as
// read by an HDF5 library (nullptr: not read yet, or absent). Its datasets are matched to the
// config's layers by Keras's class-based paths ("layers/conv2d_1/vars/0", see saved_model.cpp)
// and named "kernel", "bias", ... for the classes whose order is fixed, else "0", "1", ...
// ArgumentError: config.json not JSON, not a model, a subclassed model (no "layers").
SavedModel keras_archive_model(std::string_view config_json, std::optional<std::string_view> metadata_json,
                               const H5Contents* weights);

// A legacy HDF5 model file (model.save("model.h5")): root attribute model_config, keras_version,
// backend; model_weights/<layer>/ with weight_names. Weights-only and unknown files get an
// ArgumentError saying what they are and what to save instead.
SavedModel legacy_h5_model(const H5Contents& file, bool with_weights = true);

// A TF.js model.json; `shards` are the weight files its weightsManifest names, in manifest
// order (empty: config only).
SavedModel tfjs_model(std::string_view model_json, const std::vector<std::string_view>& shards);

// The weight files a TF.js model.json's weightsManifest names, in manifest order (the order
// tfjs_model takes them), as written (relative to the model.json's folder; the caller refuses
// paths that leave it). Empty: no manifest.
std::vector<std::string> tfjs_shard_paths(std::string_view model_json);

}  // namespace padlab
