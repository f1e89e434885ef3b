#include "cli/read_input.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/import/saved/hdf5_isolated.hpp"
#include "core/import/saved/saved_file_native.hpp"

namespace padlab::cli {

namespace {

// Model sources are a few KB; refusing huge input keeps a stray binary file from eating memory.
constexpr std::size_t kMaxInputBytes = std::size_t(16) << 20;
// Saved models with their weights: ResNet152's .h5 is about 230 MB, VGG16's 528 MB.
constexpr std::size_t kMaxSavedFileBytes = std::size_t(600) << 20;

std::string read_stream(std::istream& in, const std::string& what, std::size_t cap, const char* unit_text,
                        std::size_t expected = 0) {
    std::string text;
    if (expected > 0 && expected <= cap) {
        // A saved model's bytes are shared with the HDF5 reader's child process (fork): huge
        // pages make that cheap, and they must be asked for before the buffer is written.
        text.reserve(expected);
#ifndef __EMSCRIPTEN__  // the node CLI (cli/CMakeLists.txt padlab_node_cli) has no child process
        prefer_huge_pages(text.data(), expected);
#endif
    }
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > cap) throw InputError{"cannot read " + what + ": larger than " + unit_text};
    }
    if (in.bad()) throw InputError{"cannot read " + what + ": " + std::strerror(errno)};
    return text;
}

std::string read_file(const std::string& file, std::size_t cap, const char* unit_text) {
    if (file == "-") return read_stream(std::cin, "standard input", cap, unit_text);
    const std::string what = "'" + file + "'";
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        if (std::filesystem::exists(std::filesystem::path(file) / "saved_model.pb", ec)) {
            throw ArgumentError(what + " is a TensorFlow SavedModel directory (a TensorFlow graph, not a Keras config). "
                                "Save the Keras model instead: model.save(\"model.keras\").");
        }
        throw InputError{"cannot read " + what + ": it is a directory"};
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError{"cannot read " + what + ": " + std::strerror(errno)};
    const auto size = std::filesystem::file_size(file, ec);
    return read_stream(in, what, cap, unit_text, ec ? 0 : static_cast<std::size_t>(size));
}

// A weight file named by model.json, relative to its folder and never outside it.
std::string read_shard(const std::string& model_file, const std::string& shard) {
    const std::filesystem::path rel(shard);
    bool leaves = shard.empty() || rel.is_absolute() || rel.has_root_name() || shard.find('\\') != std::string::npos;
    for (const auto& part : rel)
        if (part == "..") leaves = true;
    if (leaves) {
        throw ArgumentError("model.json names the weight file '" + shard +
                            "', which is outside the model.json's folder: refused.");
    }
    const std::filesystem::path dir = std::filesystem::path(model_file).parent_path();
    return read_file((dir / rel).string(), kMaxSavedFileBytes, "600 MB");
}

}  // namespace

std::string read_input(const std::string& file) { return read_file(file, kMaxInputBytes, "16 MiB"); }

ModelInput read_model(const std::string& file, bool with_weights) {
    const std::string bytes = read_file(file, kMaxSavedFileBytes, "600 MB");
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const std::string name = file == "-" ? "standard input" : file;
    ModelInput out;
    switch (detect_saved_file(data, bytes.size(), name)) {
        case SavedFileKind::KerasZip:
        case SavedFileKind::Hdf5:
            out.saved = read_saved_file(data, bytes.size(), name, with_weights);
            out.spec = out.saved->spec;
            return out;
        default:
            break;
    }
    if (bytes.size() > kMaxInputBytes) throw InputError{"cannot read '" + name + "': larger than 16 MiB"};
    // A TF.js layers model: model.json with a weightsManifest.
    if (bytes.find("\"weightsManifest\"") != std::string::npos && bytes.find("\"modelTopology\"") != std::string::npos) {
        std::vector<std::string> shards;
        std::vector<std::string_view> views;
        if (with_weights) {
            if (file == "-") throw InputError{"a TF.js model.json on standard input has no folder to read its weight files from"};
            for (const std::string& path : tfjs_shard_paths(bytes)) shards.push_back(read_shard(file, path));
            for (const std::string& s : shards) views.emplace_back(s);
        }
        out.saved = tfjs_model(bytes, views);
        out.spec = out.saved->spec;
        return out;
    }
    out.spec = import_model(bytes);
    return out;
}

}  // namespace padlab::cli
