// Keras's saved-file layouts, over containers already opened by a library (saved_model.hpp).
//
// Followed (keras-team/keras at 3422977a5e, keras-team/tf-keras at dd0a7237b):
//  - .keras: keras/src/saving/saving_lib.py (Keras 3) and tf_keras/saving/saving_lib.py
//    (tf.keras 2.13-2.15): the zip holds "config.json" (serialize_keras_object(model)),
//    "metadata.json" ({"keras_version", "date_saved"}: no backend) and "model.weights.h5".
//    In model.weights.h5 a layer's own variables are datasets "<path>/vars/<i>" (i = 0, 1, ...
//    over layer._trainable_variables + layer._non_trainable_variables: Layer.save_own_variables),
//    and <path> is NOT the layer's name: _save_container_state names each item of
//    model.layers by its class, to_snake_case(cls.__name__), "_1", "_2", ... for repeats
//    ("layers/conv2d", "layers/conv2d_1", "layers/dense"). Sequential.layers omits the InputLayer,
//    Functional.layers keeps it ("input_layer": it never collides with a weighted class).
//    A nested model recurses: "layers/sequential/layers/conv2d". Variables of sub-objects of a
//    layer (an LSTM's cell) sit below it ("layers/lstm/cell/vars/0"), visited after the layer's
//    own: Keras 3 in sorted(dir()) order with "_" names last (_name_key), tf.keras in reverse
//    sorted order (_walk_trackable). tf.keras 2.13 wrote "_layer_checkpoint_dependencies" where
//    later versions write "layers" (Keras 3's H5IOStore.get: "Fix for 2.13 compatibility").
//  - legacy .h5: tf_keras/saving/legacy/hdf5_format.py save_model_to_hdf5: root attributes
//    "model_config" (json.dumps(...).encode("utf8"): bytes), "keras_version", "backend"
//    (saving_utils.model_metadata: str), group "model_weights" with attributes "layer_names",
//    "backend", "keras_version" and a group per layer with attribute "weight_names"
//    ("conv2d/kernel:0", ...), each a dataset of that name in the layer's group;
//    save_attributes_to_hdf5_group splits a long list into "<name>0", "<name>1", ...
//    A weights-only file (save_weights) has "layer_names" on the root and no "model_config".
//    Keras 3's own legacy writer (keras/src/legacy/saving/legacy_h5_format.py @v3.3.3) is the
//    same layout with weight names from variable.path ("conv2d/kernel", no ":0"). Weightless
//    layers get weight_names = np.asarray([]) (a float64 array, not strings).
//    A nested model's weights are listed under the nested model's group; they are named by it.
//  - TF.js model.json: {"modelTopology", "weightsManifest": [{"paths", "weights": [{"name",
//    "shape", "dtype", "quantization"?}]}]} (tfjs-core io/types.ts); each group's shards are one
//    buffer, its weights back to back in it.
#include "core/import/saved/saved_model.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"

namespace padlab {

namespace {

using nlohmann::json;

const char* const kSaveInstead =
    "Save the model with its architecture instead: model.save(\"model.keras\") (or model.save(\"model.h5\") "
    "in tf.keras).";

std::string quoted(std::string_view filename) {
    return filename.empty() ? std::string("The file") : "'" + std::string(filename) + "'";
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A SavedModel's saved_model.pb is a SavedModel proto: field 1 (saved_model_schema_version,
// varint, tag 0x08) then field 2 (meta_graphs, length-delimited, tag 0x12)
// (tensorflow/core/protobuf/saved_model.proto).
bool looks_like_saved_model_pb(const std::uint8_t* b, std::size_t n) {
    if (n < 4 || b[0] != 0x08) return false;
    std::size_t i = 1;
    while (i < n && i < 11 && (b[i] & 0x80)) ++i;  // the varint's bytes
    return i + 1 < n && b[i + 1] == 0x12;
}

bool is_hdf5_at(const std::uint8_t* b, std::size_t n, std::size_t at) {
    static const std::uint8_t sig[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    return at + 8 <= n && std::memcmp(b + at, sig, 8) == 0;
}

// A JSON document that must be an object, with a clear message naming `what` otherwise.
json parse_object(std::string_view text, const std::string& what) {
    if (text.size() > kMaxSavedConfigBytes) {
        throw ArgumentError(what + " is larger than " + std::to_string(kMaxSavedConfigBytes >> 20) +
                            " MiB: refused (a model config is a few KB to a few MB).");
    }
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) throw ArgumentError(what + " is not JSON. " + kSaveInstead);
    if (!doc.is_object()) throw ArgumentError(what + " is JSON but not a Keras model config (not an object). " + kSaveInstead);
    return doc;
}

std::string string_field(const json& obj, const char* key) {
    const auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_model_class(const std::string& c) { return c == "Sequential" || c == "Functional" || c == "Model"; }

// A model config PadLab's importer reads: Sequential or Functional with a "layers" list. A
// subclassed model's config is its class and its __init__ arguments (get_config), no layers.
void require_layered_model(const json& model, const std::string& what) {
    const std::string cls = string_field(model, "class_name");
    if (cls.empty()) throw ArgumentError(what + " is JSON but not a Keras model config (no \"class_name\"). " + kSaveInstead);
    const auto cfg = model.find("config");
    const bool has_layers = cfg != model.end() && cfg->is_object() && cfg->contains("layers") && (*cfg)["layers"].is_array();
    if (!has_layers) {
        if (!is_model_class(cls) && string_field(model, "module").rfind("keras.layers", 0) == 0)
            throw ArgumentError(what + " holds a single layer ('" + cls + "'), not a model. " + kSaveInstead);
        throw ArgumentError(what + " holds a subclassed model ('" + cls +
                            "'): its config has no layers, the architecture is Python code in its call() that the "
                            "file does not contain. Build the model with the Sequential or Functional API and save "
                            "that: model.save(\"model.keras\").");
    }
}

// keras/src/utils/naming.py to_snake_case (tf_keras generic_utils.to_snake_case is the same):
// drop non-word characters, "_" before each capitalised word, "_" between a lower and an upper.
std::string to_snake_case(std::string_view name) {
    std::string s;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') s += c;
    // (.)([A-Z][a-z]+) -> \1_\2
    std::string a;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && std::isupper(static_cast<unsigned char>(s[i])) && i + 1 < s.size() &&
            std::islower(static_cast<unsigned char>(s[i + 1])))
            a += '_';
        a += s[i];
    }
    // ([a-z])([A-Z]) -> \1_\2, then lower()
    std::string b;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0 && std::islower(static_cast<unsigned char>(a[i - 1])) && std::isupper(static_cast<unsigned char>(a[i])))
            b += '_';
        b += a[i];
    }
    return lower(b);
}

// Keras's weight names for a layer's variables in order, for the classes whose order is fixed;
// others are named by their index in the store ("0", "1", ...). The Network matches by order.
std::vector<std::string> weight_names_for(const std::string& cls, const json& config, std::size_t count) {
    std::vector<std::string> names;
    const auto flag = [&](const char* key) {
        const auto it = config.find(key);
        return it == config.end() || !it->is_boolean() || it->get<bool>();
    };
    if (cls == "Dense" || cls == "Conv1D" || cls == "Conv2D" || cls == "Conv3D" || cls == "Conv1DTranspose" ||
        cls == "Conv2DTranspose" || cls == "Conv3DTranspose") {
        names = {"kernel", "bias"};
    } else if (cls == "DepthwiseConv1D" || cls == "DepthwiseConv2D") {
        names = {"depthwise_kernel", "bias"};
    } else if (cls == "SeparableConv1D" || cls == "SeparableConv2D") {
        names = {"depthwise_kernel", "pointwise_kernel", "bias"};
    } else if (cls == "BatchNormalization") {
        if (flag("scale")) names.push_back("gamma");
        if (flag("center")) names.push_back("beta");
        names.push_back("moving_mean");
        names.push_back("moving_variance");
    } else if (cls == "LayerNormalization") {
        if (flag("scale")) names.push_back("gamma");
        if (flag("center")) names.push_back("beta");
    } else if (cls == "Embedding") {
        names = {"embeddings"};
    }
    if (names.size() < count) names.resize(count);  // bias absent when use_bias=False: prefix fits
    names.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        if (names[i].empty()) names[i] = std::to_string(i);
    return names;
}

// The datasets of model.weights.h5 by path, for the Keras 3 / tf.keras walk.
struct H5Index {
    std::unordered_map<std::string, const H5Array*> by_path;
    explicit H5Index(const H5Contents& c) {
        for (const H5Array& a : c.arrays) by_path.emplace(a.path, &a);
    }
};

// Every "<prefix>vars/<i>" in index order, then sub-objects' vars below `prefix` in the order
// the saving walk visits them (see the file comment).
std::vector<const H5Array*> layer_vars(const H5Contents& file, const std::string& prefix, bool tf_keras) {
    std::vector<std::pair<std::size_t, const H5Array*>> own;
    std::vector<std::pair<std::string, std::pair<std::size_t, const H5Array*>>> sub;  // (sub path, (index, array))
    for (const H5Array& a : file.arrays) {
        if (!starts_with(a.path, prefix)) continue;
        const std::string_view rest = std::string_view(a.path).substr(prefix.size());
        const std::size_t v = rest.rfind("vars/");
        if (v == std::string_view::npos || (v > 0 && rest[v - 1] != '/')) continue;
        const std::string_view idx = rest.substr(v + 5);
        if (idx.empty() || idx.size() > 9 || !std::all_of(idx.begin(), idx.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        const std::size_t i = std::stoul(std::string(idx));
        if (v == 0) {
            own.push_back({i, &a});
        } else {
            const std::string_view sub_path = rest.substr(0, v - 1);
            if (starts_with(sub_path, "layers/")) continue;  // a nested model's layers: their own entries
            sub.push_back({std::string(sub_path), {i, &a}});
        }
    }
    std::sort(own.begin(), own.end());
    // Keras 3 _name_key: "_x" sorts as "~x" (last); tf.keras: reverse sorted.
    const auto key = [&](const std::string& p) {
        std::string k = p;
        if (!tf_keras && !k.empty() && k[0] == '_') k[0] = '~';
        return k;
    };
    std::stable_sort(sub.begin(), sub.end(), [&](const auto& x, const auto& y) {
        if (x.first != y.first) return tf_keras ? key(x.first) > key(y.first) : key(x.first) < key(y.first);
        return x.second.first < y.second.first;
    });
    std::vector<const H5Array*> out;
    for (const auto& o : own) out.push_back(o.second);
    for (const auto& s : sub) out.push_back(s.second.second);
    return out;
}

void collect_archive_weights(const json& model, const H5Contents& file, const std::string& path, bool tf_keras,
                             std::vector<NetworkWeight>& out) {
    const json& layers = model["config"]["layers"];
    std::unordered_map<std::string, int> used;
    for (const json& layer : layers) {
        if (!layer.is_object()) continue;
        const std::string cls = string_field(layer, "class_name");
        // Sequential.layers omits the InputLayer (its config lists it); Functional.layers keeps it.
        std::string name = to_snake_case(cls);
        const auto u = used.find(name);
        if (u == used.end()) {
            used[name] = 0;
        } else {
            name += "_" + std::to_string(++u->second);
        }
        const std::string prefix = path + name + "/";
        const json config = layer.contains("config") && layer["config"].is_object() ? layer["config"] : json::object();
        if (config.contains("layers") && config["layers"].is_array()) {  // a nested model
            collect_archive_weights(layer, file, prefix + "layers/", tf_keras, out);
            continue;
        }
        const std::string layer_name = string_field(config, "name");
        const std::vector<const H5Array*> vars = layer_vars(file, prefix, tf_keras);
        const std::vector<std::string> names = weight_names_for(cls, config, vars.size());
        for (std::size_t i = 0; i < vars.size(); ++i)
            out.push_back(NetworkWeight{layer_name, names[i], vars[i]->shape, vars[i]->data});
    }
}

bool has_group_prefix(const H5Contents& file, std::string_view prefix) {
    for (const H5Array& a : file.arrays)
        if (starts_with(a.path, prefix)) return true;
    for (const std::string& g : file.groups)
        if (starts_with(g, prefix)) return true;
    return false;
}

const std::vector<std::string>* attribute(const H5Contents& file, const std::string& key) {
    const auto it = file.attributes.find(key);
    return it == file.attributes.end() ? nullptr : &it->second;
}

std::string attribute_string(const H5Contents& file, const std::string& key) {
    const auto* a = attribute(file, key);
    return a && !a->empty() ? a->front() : std::string();
}

// load_attributes_from_hdf5_group: "<name>" or its chunks "<name>0", "<name>1", ...
std::vector<std::string> chunked_attribute(const H5Contents& file, const std::string& group, const std::string& name) {
    if (const auto* a = attribute(file, group + "@" + name)) return *a;
    std::vector<std::string> out;
    for (int k = 0;; ++k) {
        const auto* a = attribute(file, group + "@" + name + std::to_string(k));
        if (!a) break;
        out.insert(out.end(), a->begin(), a->end());
    }
    return out;
}

void finish(SavedModel& m) {
    m.spec = import_keras_json(m.config);
}

}  // namespace

SavedFileKind detect_saved_file(const std::uint8_t* bytes, std::size_t size, std::string_view filename) {
    const std::string name = quoted(filename);
    if (size == 0) throw ArgumentError(name + " is empty (0 bytes): not a saved model.");
    if (size >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) return SavedFileKind::KerasZip;
    if (size >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 5 && bytes[3] == 6)
        throw ArgumentError(name + " is an empty zip archive: a .keras file holds config.json, metadata.json and model.weights.h5.");
    // HDF5's superblock sits at 0 or, after a user block, at 512, 1024, 2048, ... (H5Fsuper.c).
    for (std::size_t at = 0; at + 8 <= size; at = at == 0 ? 512 : at * 2)
        if (is_hdf5_at(bytes, size, at)) return SavedFileKind::Hdf5;
    if (size >= 8 && std::memcmp(bytes + 4, "TFL3", 4) == 0) {
        throw ArgumentError(name + " is a TensorFlow Lite model (.tflite flatbuffer): it keeps the operations, not the "
                            "Keras layers and their config. Save the Keras model itself: model.save(\"model.keras\").");
    }
    std::size_t i = 0;
    while (i < size && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) ++i;
    if (i < size && bytes[i] == '{') return SavedFileKind::Json;
    const std::string lname = lower(filename);
    if (looks_like_saved_model_pb(bytes, size) || ends_with(lname, ".pb")) {
        throw ArgumentError(name + " is a TensorFlow SavedModel (saved_model.pb: a TensorFlow graph, not a Keras "
                            "config). Save the Keras model instead: model.save(\"model.keras\").");
    }
    // Text: no NUL or other control bytes in the first 64 KB (a model source is text).
    const std::size_t n = std::min<std::size_t>(size, 65536);
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint8_t c = bytes[k];
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
            throw ArgumentError(name + " is binary data PadLab does not recognise: not a .keras archive (zip), a "
                                "legacy HDF5 .h5 file, JSON or Python source. Save the Keras model with "
                                "model.save(\"model.keras\").");
        }
    }
    return SavedFileKind::Text;
}

SavedModel keras_archive_model(std::string_view config_json, std::optional<std::string_view> metadata_json,
                               const H5Contents* weights) {
    SavedModel m;
    m.format = "keras";
    const json model = parse_object(config_json, "config.json in the .keras archive");
    require_layered_model(model, "config.json in the .keras archive");
    if (metadata_json) {
        if (metadata_json->size() <= kMaxSavedConfigBytes) {
            const json meta = json::parse(metadata_json->begin(), metadata_json->end(), nullptr, false);
            if (meta.is_object()) {
                m.keras_version = string_field(meta, "keras_version");
                m.backend = string_field(meta, "backend");  // not written by Keras 3.x so far
            }
        }
    }
    m.config = std::string(config_json);
    finish(m);
    if (weights) {
        // tf.keras (2.x) visits sub-objects in reverse order; a metadata-less archive: Keras 3.
        const bool tf_keras = !m.keras_version.empty() && m.keras_version[0] == '2';
        std::string root = "layers/";
        if (!has_group_prefix(*weights, root) && has_group_prefix(*weights, "_layer_checkpoint_dependencies/"))
            root = "_layer_checkpoint_dependencies/";
        collect_archive_weights(model, *weights, root, tf_keras, m.weights);
    }
    return m;
}

SavedModel legacy_h5_model(const H5Contents& file, bool with_weights) {
    SavedModel m;
    m.format = "h5";
    const auto* config = attribute(file, "@model_config");
    if (!config || config->empty()) {
        const bool weights_only = attribute(file, "@layer_names") || chunked_attribute(file, "", "layer_names").size() ||
                                  has_group_prefix(file, "layers/") || has_group_prefix(file, "vars") ||
                                  has_group_prefix(file, "_layer_checkpoint_dependencies/");
        if (weights_only) {
            throw ArgumentError("This HDF5 file holds only weights (model.save_weights(...): a .weights.h5 file), no "
                                "model config, so there is no architecture to read. " + std::string(kSaveInstead));
        }
        throw ArgumentError("This HDF5 file has no \"model_config\" attribute: it is not a model saved by Keras. " +
                            std::string(kSaveInstead));
    }
    const std::string& text = config->front();
    const json model = parse_object(text, "The HDF5 attribute \"model_config\"");
    require_layered_model(model, "The HDF5 attribute \"model_config\"");
    m.keras_version = attribute_string(file, "@keras_version");
    if (m.keras_version.empty()) m.keras_version = attribute_string(file, "model_weights@keras_version");
    m.backend = attribute_string(file, "@backend");
    if (m.backend.empty()) m.backend = attribute_string(file, "model_weights@backend");
    m.config = text;
    finish(m);
    if (!with_weights) return m;
    const H5Index index(file);
    for (const std::string& layer : chunked_attribute(file, "model_weights", "layer_names")) {
        const std::string group = "model_weights/" + layer;
        for (const std::string& wname : chunked_attribute(file, group, "weight_names")) {
            const auto it = index.by_path.find(group + "/" + wname);
            if (it == index.by_path.end())
                throw ArgumentError("The HDF5 file lists weight '" + wname + "' of layer '" + layer + "' but does not hold it.");
            // "conv2d/kernel:0" -> "kernel" (Keras 3's legacy writer: "kernel").
            std::string name = wname.substr(wname.rfind('/') == std::string::npos ? 0 : wname.rfind('/') + 1);
            if (const std::size_t colon = name.rfind(':'); colon != std::string::npos) name.resize(colon);
            m.weights.push_back(NetworkWeight{layer, name, it->second->shape, it->second->data});
        }
    }
    return m;
}

std::vector<std::string> tfjs_shard_paths(std::string_view model_json) {
    const json doc = parse_object(model_json, "model.json");
    std::vector<std::string> out;
    const auto manifest = doc.find("weightsManifest");
    if (manifest == doc.end() || !manifest->is_array()) return out;
    for (const json& group : *manifest) {
        if (!group.is_object() || !group.contains("paths") || !group["paths"].is_array())
            throw ArgumentError("model.json's weightsManifest has a group without a \"paths\" list.");
        for (const json& p : group["paths"]) {
            if (!p.is_string()) throw ArgumentError("model.json's weightsManifest has a path that is not a string.");
            out.push_back(p.get<std::string>());
        }
    }
    return out;
}

SavedModel tfjs_model(std::string_view model_json, const std::vector<std::string_view>& shards) {
    SavedModel m;
    m.format = "tfjs";
    const json doc = parse_object(model_json, "model.json");
    const auto topo = doc.find("modelTopology");
    if (topo == doc.end() || !topo->is_object())
        throw ArgumentError("model.json has no \"modelTopology\": not a TF.js layers model (a TF.js graph model "
                            "from tfjs-converter holds a TensorFlow graph, not Keras layers).");
    m.keras_version = string_field(*topo, "keras_version");
    m.backend = string_field(*topo, "backend");
    const json& model = topo->contains("class_name") || !topo->contains("model_config") ? *topo : (*topo)["model_config"];
    if (!model.is_object()) throw ArgumentError("model.json's modelTopology is not a Keras model config.");
    require_layered_model(model, "model.json's modelTopology");
    m.config = topo->dump();
    finish(m);
    if (shards.empty()) return m;

    const std::vector<std::string> paths = tfjs_shard_paths(model_json);
    if (paths.size() != shards.size()) {
        throw ArgumentError("model.json's weightsManifest names " + std::to_string(paths.size()) + " weight files, " +
                            std::to_string(shards.size()) + " were given.");
    }
    std::size_t shard = 0;
    for (const json& group : doc["weightsManifest"]) {
        // A group's shards are one buffer (tfjs-core io/weights_loader.ts).
        std::string_view single;
        std::string joined;
        const std::size_t count = group["paths"].size();
        if (count == 1) {
            single = shards[shard];
        } else {
            for (std::size_t k = 0; k < count; ++k) joined.append(shards[shard + k]);
            single = joined;
        }
        const std::string& first_path = paths[shard];
        shard += count;
        std::size_t offset = 0;
        if (!group.contains("weights") || !group["weights"].is_array())
            throw ArgumentError("model.json's weightsManifest has a group without a \"weights\" list.");
        for (const json& w : group["weights"]) {
            const std::string full = w.is_object() ? string_field(w, "name") : std::string();
            if (full.empty() || !w.contains("shape") || !w["shape"].is_array())
                throw ArgumentError("model.json's weightsManifest has a weight without a name or shape.");
            Shape shape;
            std::size_t elements = 1;
            for (const json& d : w["shape"]) {
                if (!d.is_number_integer() || d.get<std::int64_t>() < 0 || d.get<std::int64_t>() > (std::int64_t(1) << 31))
                    throw ArgumentError("Weight '" + full + "' in model.json has an invalid shape.");
                shape.push_back(d.get<std::int64_t>());
                elements *= static_cast<std::size_t>(d.get<std::int64_t>());
                if (elements > kMaxSavedTotalBytes) throw ArgumentError("Weight '" + full + "' in model.json is too large.");
            }
            std::string dtype = string_field(w, "dtype");
            if (dtype.empty()) dtype = "float32";
            std::size_t bytes_per = 4;
            float scale = 1.0f, min = 0.0f;
            bool quantized = false;
            std::string qtype;
            if (w.contains("quantization") && w["quantization"].is_object()) {
                const json& q = w["quantization"];
                qtype = string_field(q, "dtype");
                if (qtype != "uint8" && qtype != "uint16")
                    throw ArgumentError("Weight '" + full + "' is quantized as '" + qtype + "', which PadLab does not read.");
                quantized = true;
                bytes_per = qtype == "uint8" ? 1 : 2;
                scale = q.contains("scale") && q["scale"].is_number() ? q["scale"].get<float>() : 1.0f;
                min = q.contains("min") && q["min"].is_number() ? q["min"].get<float>() : 0.0f;
            } else if (dtype != "float32" && dtype != "int32") {
                throw ArgumentError("Weight '" + full + "' has dtype '" + dtype + "', which PadLab does not read.");
            }
            if (elements > (single.size() - std::min(offset, single.size())) / bytes_per) {
                throw ArgumentError("The weight file '" + first_path + "' is shorter than model.json's weightsManifest says (weight '" +
                                    full + "').");
            }
            std::vector<float> data(elements);
            const unsigned char* p = reinterpret_cast<const unsigned char*>(single.data()) + offset;
            for (std::size_t k = 0; k < elements; ++k) {
                if (quantized) {
                    const unsigned v = bytes_per == 1 ? p[k] : unsigned(p[2 * k]) | (unsigned(p[2 * k + 1]) << 8);
                    data[k] = static_cast<float>(v) * scale + min;
                } else if (dtype == "int32") {
                    std::int32_t v;
                    std::memcpy(&v, p + 4 * k, 4);
                    data[k] = static_cast<float>(v);
                } else {
                    std::memcpy(&data[k], p + 4 * k, 4);  // little-endian, as TF.js writes
                }
            }
            offset += elements * bytes_per;
            // "conv2d/kernel" (a nested model's: "sequential/conv2d/kernel"): layer, then weight.
            const std::size_t slash = full.rfind('/');
            std::string layer = slash == std::string::npos ? std::string() : full.substr(0, slash);
            if (const std::size_t s2 = layer.rfind('/'); s2 != std::string::npos) layer = layer.substr(s2 + 1);
            m.weights.push_back(NetworkWeight{layer, full.substr(slash == std::string::npos ? 0 : slash + 1), shape, std::move(data)});
        }
    }
    return m;
}

}  // namespace padlab
