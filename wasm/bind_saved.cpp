// Bindings: saved model files (.keras, legacy .h5, TF.js model.json + shards). The containers
// are opened on the JS side (padlab_saved.js: fflate for zip, h5wasm for HDF5), never in this
// module; what they hold arrives here as plain values and the core's readers
// (core/import/saved/saved_model.hpp) apply Keras's layouts. Thin on purpose: every rule
// about a file lives in the core, shared with the CLI.
//
// Memory: float arrays and shard bytes come by pointer into buffers padlab.js malloc()ed and
// frees after the call (this side copies what it keeps, into the core's own vectors); strings
// cross as JS strings. Nothing is kept between calls.
#include "wasm/bind_summary_record.hpp"
#include "wasm/saved_contents.hpp"

#include <optional>
#include <set>
#include <string_view>

namespace padlab_wasm {
namespace {

// Heap bytes padlab.js wrote at `address` (0 with size 0: none).
const std::uint8_t* heap_bytes(double address, double size, const char* what) {
    if (!(size >= 0) || size != std::floor(size)) throw padlab::ArgumentError(std::string(what) + ": bad size");
    if (size == 0) return nullptr;
    if (!(address > 0) || address != std::floor(address)) {
        throw padlab::ArgumentError(std::string(what) + ": no buffer for its bytes");
    }
    return reinterpret_cast<const std::uint8_t*>(static_cast<std::uintptr_t>(address));
}

std::string_view heap_view(const val& block, const char* what) {
    const double size = block["size"].as<double>();
    const std::uint8_t* p = heap_bytes(block["ptr"].as<double>(), size, what);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(size)) : std::string_view();
}

// The file's kind from its first bytes: 'keras' (zip), 'h5', 'json' or 'text'; an
// ArgumentError (the core's message) for what PadLab cannot read.
val detect_saved_file(double address, double size, const std::string& filename) {
    return guarded([&] {
        const std::uint8_t* p = heap_bytes(address, size, "detectSavedFile");
        const padlab::SavedFileKind kind = padlab::detect_saved_file(p, static_cast<std::size_t>(size), filename);
        switch (kind) {
            case padlab::SavedFileKind::KerasZip: return val("keras");
            case padlab::SavedFileKind::Hdf5: return val("h5");
            case padlab::SavedFileKind::Json: return val("json");
            case padlab::SavedFileKind::Text: break;
        }
        return val("text");
    });
}

// A dataset's values from the heap buffer padlab.js filled (copied: it frees its buffers after the call).
void heap_array(const val& a, padlab::H5Array& array) {
    const float* data = heap_floats(a["ptr"].as<double>(), array.shape, "an HDF5 dataset");
    array.data.assign(data, data + padlab::shape_elements(array.shape));
}

// What the JS API returns of a saved file: its facts, the config the importer read, how many
// weight arrays it stored for how many layers (the arrays themselves with with_weights), and
// the summary when one was asked for.
val saved_record(const padlab::SavedModel& m, const val& summary, bool with_weights) {
    val r = val::object();
    r.set("format", m.format);
    r.set("kerasVersion", m.keras_version);
    r.set("backend", m.backend);
    r.set("config", m.config);
    std::set<std::string> layers;
    for (const padlab::NetworkWeight& w : m.weights) layers.insert(w.layer);
    r.set("weightArrays", static_cast<double>(m.weights.size()));
    r.set("weightLayers", static_cast<double>(layers.size()));
    if (with_weights) r.set("weights", weights_to_js(m.weights));
    if (!summary.isNull() && !summary.isUndefined()) {
        const padlab::SummaryFormat format = summary_format(
            summary["style"].as<std::string>(), summary["era"].as<std::string>(), summary["lineLength"].as<int>(),
            summary["showTrainable"].as<bool>(), summary["expandNested"].as<bool>());
        const val rf = summary["receptiveField"];
        r.set("summary", summary_record(m.spec, format, !rf.isUndefined() && rf.as<bool>()));
    }
    return r;
}

// request: { format: 'keras', config, metadata | null, weights: contents | null }
//        | { format: 'h5', contents, withWeights }
//        | { format: 'tfjs', modelJson, shards: [{ ptr, size }, ...] }
// plus summary: { style, era, lineLength, showTrainable, expandNested } | null, returnWeights.
val read_saved(const val& request) {
    return guarded([&] {
        const std::string format = request["format"].as<std::string>();
        const val summary = request["summary"];
        const bool return_weights = request["returnWeights"].as<bool>();
        if (std::optional<padlab::SavedModel> m = container_model(request, heap_array))
            return saved_record(*m, summary, return_weights);
        if (format == "tfjs") {
            const std::string model_json = request["modelJson"].as<std::string>();
            const val shards = request["shards"];
            std::vector<std::string_view> views;
            const auto n = shards["length"].as<unsigned>();
            for (unsigned i = 0; i < n; ++i) views.push_back(heap_view(shards[i], "a weights shard"));
            return saved_record(padlab::tfjs_model(model_json, views), summary, return_weights);
        }
        throw padlab::ArgumentError("readSaved: unknown format '" + format + "'");
    });
}

// The shard files a TF.js model.json's weightsManifest names, in the order tfjs_model takes them.
val tfjs_shard_paths(const std::string& model_json) {
    return guarded([&] {
        val paths = val::array();
        const std::vector<std::string> list = padlab::tfjs_shard_paths(model_json);
        for (std::size_t i = 0; i < list.size(); ++i) paths.set(i, list[i]);
        return paths;
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_saved) {
    emscripten::function("detectSavedFile", &padlab_wasm::detect_saved_file);
    emscripten::function("tfjsShardPaths", &padlab_wasm::tfjs_shard_paths);
    emscripten::function("readSaved", &padlab_wasm::read_saved);
}
