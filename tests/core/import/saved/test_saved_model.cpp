// Keras's saved-file layouts over contents already opened (core/import/saved/saved_model.cpp):
// what the page hands over after fflate / h5wasm, built here by hand or read from the fixtures
// of tests/fixtures/saved (make_fixtures.py). Runs in the native and the wasm build.
#include "core/import/saved/saved_model.hpp"

#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/summary/summary_style.hpp"
#include "tests/core/import/import_test_helpers.hpp"
#include "tests/core/import/saved/saved_test_fixtures.hpp"

using namespace padlab;
using padlab::test::expect_error;
using padlab::test::saved_fixture;

namespace {

SavedFileKind detect_text(const std::string& bytes, const std::string& name = "f") {
    return detect_saved_file(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), name);
}

std::string detect_message(const std::string& bytes, const std::string& name) {
    return expect_error<ArgumentError>([&] { detect_text(bytes, name); }).message;
}

// cnn_keras3.keras's model.weights.h5 as H5IOStore writes it (saving_lib.py): layers by class.
H5Contents keras3_weights(const std::string& root = "layers") {
    const nlohmann::json w = nlohmann::json::parse(saved_fixture("cnn_weights.json"));
    H5Contents c;
    for (const char* layer : {"conv2d", "dense"}) {
        int i = 0;
        for (const auto& v : w[layer])
            c.arrays.push_back(H5Array{root + "/" + layer + "/vars/" + std::to_string(i++), v["shape"].get<Shape>(),
                                       v["data"].get<std::vector<float>>()});
    }
    c.groups = {root, root + "/conv2d", root + "/conv2d/vars", root + "/max_pooling2d", root + "/dense"};
    return c;
}

// cnn_tfkeras215.h5 as hdf5_format.py writes it.
H5Contents legacy_contents(const std::string& model_config) {
    const nlohmann::json w = nlohmann::json::parse(saved_fixture("cnn_weights.json"));
    H5Contents c;
    c.attributes["@model_config"] = {model_config};
    c.attributes["@keras_version"] = {"2.15.0"};
    c.attributes["@backend"] = {"tensorflow"};
    c.attributes["model_weights@layer_names"] = {"conv2d", "max_pooling2d", "flatten", "dense"};
    for (const char* layer : {"conv2d", "dense"}) {
        std::vector<std::string> names;
        for (const auto& v : w[layer]) {
            const std::string n = std::string(layer) + "/" + v["name"].get<std::string>() + ":0";
            names.push_back(n);
            c.arrays.push_back(H5Array{"model_weights/" + std::string(layer) + "/" + n, v["shape"].get<Shape>(),
                                       v["data"].get<std::vector<float>>()});
        }
        c.attributes["model_weights/" + std::string(layer) + "@weight_names"] = names;
    }
    return c;
}

std::string model_config_of_keras2_json() {
    nlohmann::json j = nlohmann::json::parse(saved_fixture("cnn_keras2.json"));
    return nlohmann::json{{"class_name", j["class_name"]}, {"config", j["config"]}}.dump();
}

std::string text_summary(const ModelSpec& spec, SummaryStyle style) {
    SummaryFormat f;
    f.style = style;
    return summary_text(summarize(spec), f);
}

}  // namespace

TEST_CASE("detect_saved_file: by the first bytes, never by the name", "[saved]") {
    CHECK(detect_text(std::string("PK\x03\x04rest", 8), "model.h5") == SavedFileKind::KerasZip);
    CHECK(detect_text(std::string("\x89HDF\r\n\x1a\n....", 12), "model.keras") == SavedFileKind::Hdf5);
    std::string user_block(512, '\0');
    user_block += std::string("\x89HDF\r\n\x1a\n", 8);
    CHECK(detect_text(user_block) == SavedFileKind::Hdf5);  // HDF5 after a 512-byte user block
    CHECK(detect_text("  \n{\"class_name\": 1}") == SavedFileKind::Json);
    CHECK(detect_text("import keras\n") == SavedFileKind::Text);
}

TEST_CASE("detect_saved_file: what PadLab cannot read is named, with what to save instead", "[saved]") {
    CHECK(detect_message("", "m.keras") == "'m.keras' is empty (0 bytes): not a saved model.");
    const std::string tflite = std::string("\x1c\0\0\0TFL3", 8) + std::string(16, '\0');
    CHECK_THAT(detect_message(tflite, "m.tflite"), Catch::Contains("TensorFlow Lite") && Catch::Contains("model.save(\"model.keras\")"));
    CHECK_THAT(detect_message(std::string("\x08\x01\x12\x04\x0a\x02\x08\x01", 8), "saved_model.pb"),
               Catch::Contains("TensorFlow SavedModel") && Catch::Contains("model.save(\"model.keras\")"));
    CHECK_THAT(detect_message(std::string("\x7f" "ELF\x02\x01\x01\0", 8), "a.out"), Catch::Contains("binary data"));
    CHECK_THAT(detect_message(std::string("PK\x05\x06", 4) + std::string(18, '\0'), "e.keras"), Catch::Contains("empty zip"));
}

TEST_CASE("keras_archive_model: config.json + metadata.json + model.weights.h5 (Keras 3.3.3)", "[saved]") {
    const H5Contents h5 = keras3_weights();
    const SavedModel m = keras_archive_model(saved_fixture("cnn_keras3_config.json"),
                                             std::string(R"({"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"})"), &h5);
    CHECK(m.format == "keras");
    CHECK(m.keras_version == "3.3.3");
    CHECK(m.backend.empty());  // metadata.json has no backend (saving_lib._serialize_model_as_json)
    CHECK(m.spec.layers.size() >= 4);
    test::require_fixture_weights(m.weights);
    // tf.keras 2.13's "_layer_checkpoint_dependencies" root reads the same weights.
    const H5Contents old = keras3_weights("_layer_checkpoint_dependencies");
    test::require_fixture_weights(keras_archive_model(saved_fixture("cnn_keras3_config.json"), std::nullopt, &old).weights);
    // Without the weights file: the config only.
    CHECK(keras_archive_model(saved_fixture("cnn_keras3_config.json"), std::nullopt, nullptr).weights.empty());
}

TEST_CASE("keras_archive_model: repeated classes are pathed conv2d, conv2d_1 (_save_container_state)", "[saved]") {
    // Two Dense layers named by the user "a" and "b": the store names them dense, dense_1.
    const std::string config = R"({"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
      {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 2], "dtype": "float32", "name": "input_layer"}, "registered_name": null},
      {"module": "keras.layers", "class_name": "Dense", "config": {"name": "a", "units": 1}, "registered_name": null},
      {"module": "keras.layers", "class_name": "Dense", "config": {"name": "b", "units": 1, "use_bias": false}, "registered_name": null}]},
      "registered_name": null})";
    H5Contents h5;
    h5.arrays = {{"layers/dense/vars/0", {2, 1}, {1, 2}}, {"layers/dense/vars/1", {1}, {3}}, {"layers/dense_1/vars/0", {1, 1}, {4}}};
    const SavedModel m = keras_archive_model(config, std::nullopt, &h5);
    REQUIRE(m.weights.size() == 3);
    CHECK(m.weights[0].layer == "a");
    CHECK(m.weights[0].name == "kernel");
    CHECK(m.weights[1].name == "bias");
    CHECK(m.weights[2].layer == "b");
    CHECK(m.weights[2].data == std::vector<float>{4});
}

TEST_CASE("legacy_h5_model: model_config, keras_version, backend, model_weights (hdf5_format.py)", "[saved]") {
    const SavedModel m = legacy_h5_model(legacy_contents(model_config_of_keras2_json()));
    CHECK(m.format == "h5");
    CHECK(m.keras_version == "2.15.0");
    CHECK(m.backend == "tensorflow");
    test::require_fixture_weights(m.weights);  // "conv2d/kernel:0" -> "kernel"
    CHECK(legacy_h5_model(legacy_contents(model_config_of_keras2_json()), false).weights.empty());
}

TEST_CASE("legacy_h5_model: chunked layer_names (save_attributes_to_hdf5_group: name0, name1, ...)", "[saved]") {
    H5Contents c = legacy_contents(model_config_of_keras2_json());
    c.attributes.erase("model_weights@layer_names");
    c.attributes["model_weights@layer_names0"] = {"conv2d", "max_pooling2d"};
    c.attributes["model_weights@layer_names1"] = {"flatten", "dense"};
    test::require_fixture_weights(legacy_h5_model(c).weights);
}

TEST_CASE("legacy_h5_model: files that are not a Keras model get one clear error", "[saved]") {
    H5Contents weights_only;
    weights_only.attributes["@layer_names"] = {"conv2d"};
    CHECK_THAT(expect_error<ArgumentError>([&] { legacy_h5_model(weights_only); }).message,
               Catch::StartsWith("This HDF5 file holds only weights") && Catch::Contains("model.save(\"model.keras\")"));
    const H5Contents keras3_weights_file = keras3_weights();  // model.save_weights("x.weights.h5"), Keras 3
    CHECK_THAT(expect_error<ArgumentError>([&] { legacy_h5_model(keras3_weights_file); }).message,
               Catch::StartsWith("This HDF5 file holds only weights"));
    CHECK_THAT(expect_error<ArgumentError>([&] { legacy_h5_model(H5Contents{}); }).message,
               Catch::Contains("has no \"model_config\" attribute"));
    CHECK_THAT(expect_error<ArgumentError>([&] { legacy_h5_model(legacy_contents("{not json")); }).message,
               Catch::StartsWith("The HDF5 attribute \"model_config\" is not JSON."));
    CHECK_THAT(expect_error<ArgumentError>([&] { legacy_h5_model(legacy_contents("[1, 2]")); }).message,
               Catch::Contains("not a Keras model config"));
    CHECK_THAT(expect_error<ArgumentError>([&] { legacy_h5_model(legacy_contents(R"({"class_name": "MyModel", "config": {"units": 3}})")); }).message,
               Catch::Contains("subclassed model ('MyModel')"));
    CHECK_THAT(expect_error<ArgumentError>([&] {
                   legacy_h5_model(legacy_contents(R"({"module": "keras.layers", "class_name": "Dense", "config": {"units": 3}})"));
               }).message,
               Catch::Contains("a single layer ('Dense')"));
}

TEST_CASE("tfjs_model: model.json + its shard (weightsManifest order)", "[saved]") {
    const std::string model_json = saved_fixture("cnn_tfjs/model.json");
    CHECK(tfjs_shard_paths(model_json) == std::vector<std::string>{"group1-shard1of1.bin"});
    const std::string shard = saved_fixture("cnn_tfjs/group1-shard1of1.bin");
    const SavedModel m = tfjs_model(model_json, {shard});
    CHECK(m.format == "tfjs");
    CHECK(m.keras_version == "2.15.0");
    CHECK(m.backend == "tensorflow");
    test::require_fixture_weights(m.weights);
    CHECK(tfjs_model(model_json, {}).weights.empty());
    CHECK_THAT(expect_error<ArgumentError>([&] { tfjs_model(model_json, {shard.substr(0, 100)}); }).message,
               Catch::Contains("shorter than model.json's weightsManifest says"));
    CHECK_THAT(expect_error<ArgumentError>([&] { tfjs_model(model_json, {shard, shard}); }).message,
               Catch::Contains("names 1 weight files, 2 were given"));
    CHECK_THAT(expect_error<ArgumentError>([&] { tfjs_model(R"({"format": "graph-model"})", {}); }).message,
               Catch::Contains("no \"modelTopology\""));
}

TEST_CASE("the same model as .keras config, .h5 model_config, model.json and Keras JSON: identical summaries", "[saved]") {
    const ModelSpec keras = keras_archive_model(saved_fixture("cnn_keras3_config.json"), std::nullopt, nullptr).spec;
    const ModelSpec h5 = legacy_h5_model(legacy_contents(model_config_of_keras2_json()), false).spec;
    const ModelSpec tfjs = tfjs_model(saved_fixture("cnn_tfjs/model.json"), {}).spec;
    const ModelSpec json = import_keras_json(saved_fixture("cnn_keras2.json"));
    for (SummaryStyle style : {SummaryStyle::Keras2, SummaryStyle::Keras3}) {
        const std::string want = text_summary(json, style);
        CHECK(text_summary(keras, style) == want);
        CHECK(text_summary(h5, style) == want);
        CHECK(text_summary(tfjs, style) == want);
    }
    CHECK_THAT(text_summary(json, SummaryStyle::Keras2), Catch::Contains("Total params: 235"));
}

TEST_CASE("stored weights run forward: the conv output equals the computation from the file's values", "[saved]") {
    const H5Contents h5 = keras3_weights();
    const SavedModel m = keras_archive_model(saved_fixture("cnn_keras3_config.json"), std::nullopt, &h5);
    Network net(m.spec, 1, &m.weights);
    CHECK(net.stored_weights());
    // An independent forward of the same model from the stored arrays: conv 3x3 'same' + relu,
    // 2x2 max pool, flatten, dense + softmax.
    const std::vector<float> x = default_network_input(net.input_shape(), 1);
    const auto& ck = m.weights[0].data;  // [3, 3, 1, 4]
    const auto& cb = m.weights[1].data;
    std::vector<float> conv(8 * 8 * 4);
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 8; ++j)
            for (int o = 0; o < 4; ++o) {
                float s = cb[o];
                for (int di = 0; di < 3; ++di)
                    for (int dj = 0; dj < 3; ++dj) {
                        const int yi = i + di - 1, xj = j + dj - 1;
                        if (yi < 0 || yi >= 8 || xj < 0 || xj >= 8) continue;
                        s += x[yi * 8 + xj] * ck[(di * 3 + dj) * 4 + o];
                    }
                conv[(i * 8 + j) * 4 + o] = s > 0 ? s : 0;
            }
    std::vector<float> pooled(4 * 4 * 4);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j)
            for (int o = 0; o < 4; ++o) {
                float v = conv[((2 * i) * 8 + 2 * j) * 4 + o];
                for (int di = 0; di < 2; ++di)
                    for (int dj = 0; dj < 2; ++dj) v = std::max(v, conv[((2 * i + di) * 8 + 2 * j + dj) * 4 + o]);
                pooled[(i * 4 + j) * 4 + o] = v;
            }
    const auto& dk = m.weights[2].data;  // [64, 3]
    const auto& db = m.weights[3].data;
    std::vector<double> logits(3);
    for (int o = 0; o < 3; ++o) {
        double s = db[o];
        for (int k = 0; k < 64; ++k) s += double(pooled[k]) * dk[k * 3 + o];
        logits[o] = s;
    }
    const double mx = std::max({logits[0], logits[1], logits[2]});
    double z = 0;
    for (double& l : logits) z += (l = std::exp(l - mx));
    std::vector<float> y(3);
    net.run(x.data(), y.data());
    for (int o = 0; o < 3; ++o) CHECK(y[o] == Approx(logits[o] / z).epsilon(1e-5));
}

TEST_CASE("fuzz_saved_tfjs's corpus reads or fails with a PadLab error", "[saved]") {
    const auto inputs = test::fuzz_corpus("fuzz_saved_tfjs");
    CHECK(inputs.size() >= 3);
    for (const std::string& all : inputs) {  // as fuzz_saved_tfjs.cpp
        const std::size_t nul = all.find('\0');
        const std::string_view text = std::string_view(all).substr(0, nul);
        std::vector<std::string_view> shards;
        if (nul != std::string::npos) shards.push_back(std::string_view(all).substr(nul + 1));
        try {
            (void)summarize(tfjs_model(text, shards).spec);
        } catch (const Error&) {
        }
        try {
            (void)keras_archive_model(text, std::nullopt, nullptr);
        } catch (const Error&) {
        }
    }
}
