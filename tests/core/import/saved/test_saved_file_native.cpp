// The fixture files of tests/fixtures/saved through libzip and libhdf5
// (core/import/saved/saved_file_native.cpp). Native build only (CMakeLists.txt).
#include "core/import/saved/saved_file_native.hpp"

#include <chrono>
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

SavedModel read_fixture(const std::string& name, bool with_weights = true) {
    const std::string bytes = saved_fixture(name);
    return read_saved_file(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), name, with_weights);
}

std::string native_summary(const ModelSpec& spec, SummaryStyle style) {
    SummaryFormat f;
    f.style = style;
    return summary_text(summarize(spec), f);
}

// The one error a hostile fixture gets, in well under a second.
std::string hostile_message(const std::string& name) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string message = expect_error<ArgumentError>([&] { read_fixture(name); }).message;
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500));
    return message;
}

}  // namespace

TEST_CASE("read_saved_file: the CNN as .keras (Keras 3.3.3, tf.keras 2.15 and 2.13) and .h5", "[saved]") {
    const ModelSpec json = import_keras_json(saved_fixture("cnn_keras2.json"));
    struct Case {
        const char* file;
        const char* format;
        const char* version;
        const char* backend;
    };
    for (const Case& c : {Case{"cnn_keras3.keras", "keras", "3.3.3", ""}, Case{"cnn_tfkeras215.keras", "keras", "2.15.0", ""},
                          Case{"cnn_tfkeras213.keras", "keras", "2.13.1", ""}, Case{"cnn_tfkeras215.h5", "h5", "2.15.0", "tensorflow"},
                          Case{"cnn_keras3_legacy.h5", "h5", "3.3.3", "tensorflow"},
                          Case{"hostile_keras_renamed.h5", "keras", "3.3.3", ""}}) {
        INFO(c.file);
        const SavedModel m = read_fixture(c.file);
        CHECK(m.format == c.format);
        CHECK(m.keras_version == c.version);
        CHECK(m.backend == c.backend);
        test::require_fixture_weights(m.weights);
        for (SummaryStyle style : {SummaryStyle::Keras2, SummaryStyle::Keras3})
            CHECK(native_summary(m.spec, style) == native_summary(json, style));
        CHECK(read_fixture(c.file, false).weights.empty());
    }
}

TEST_CASE("read_h5_image: string attributes as bytes (fixed length) and str (variable length)", "[saved]") {
    const std::string bytes_file = saved_fixture("cnn_tfkeras215.h5");  // model_config: json.dumps(...).encode()
    const std::string str_file = saved_fixture("cnn_keras3_legacy.h5");  // model_config: a Python str
    const H5Contents a = read_h5_image(reinterpret_cast<const std::uint8_t*>(bytes_file.data()), bytes_file.size());
    const H5Contents b = read_h5_image(reinterpret_cast<const std::uint8_t*>(str_file.data()), str_file.size());
    CHECK_THAT(a.attributes.at("@model_config").at(0), Catch::StartsWith("{\"class_name\": \"Sequential\""));
    CHECK_THAT(b.attributes.at("@model_config").at(0), Catch::StartsWith("{\"class_name\": \"Sequential\""));
    CHECK(a.attributes.at("model_weights@layer_names") ==
          std::vector<std::string>{"conv2d", "max_pooling2d", "flatten", "dense"});
    CHECK(a.attributes.at("model_weights/conv2d@weight_names") ==
          std::vector<std::string>{"conv2d/kernel:0", "conv2d/bias:0"});
    CHECK(a.attributes.count("model_weights/flatten@weight_names") == 0);  // np.asarray([]): float64, not strings
}

TEST_CASE("read_saved_file: each hostile file gets its one clear error, quickly", "[saved]") {
    CHECK(hostile_message("hostile_truncated.keras") ==
          "The .keras archive is not a valid zip file (Not a zip archive): it is corrupt or truncated.");
    CHECK_THAT(hostile_message("hostile_corrupt.h5"), Catch::StartsWith("The HDF5 file is corrupt or truncated"));
    CHECK(hostile_message("hostile_bomb.keras") == "The .keras archive's config.json is larger than 64 MiB: refused.");
    CHECK(hostile_message("hostile_bomb_lying.keras") ==
          "The .keras archive's config.json inflates to more than the 100 bytes its header declares: refused (a zip bomb, or a corrupt zip).");
    CHECK(hostile_message("hostile_traversal.keras") ==
          "The .keras archive has an entry named '../../evil.h5' that points outside the archive: refused (not a file Keras writes).");
    CHECK_THAT(hostile_message("hostile_not_json.h5"), Catch::StartsWith("The HDF5 attribute \"model_config\" is not JSON."));
    CHECK_THAT(hostile_message("hostile_not_model.h5"), Catch::Contains("not a Keras model config"));
    CHECK_THAT(hostile_message("hostile_weights_only.h5"), Catch::StartsWith("This HDF5 file holds only weights"));
    CHECK_THAT(hostile_message("hostile_weights_only.weights.h5"), Catch::StartsWith("This HDF5 file holds only weights"));
    CHECK_THAT(hostile_message("hostile_subclassed.keras"), Catch::Contains("subclassed model ('MyModel')"));
    CHECK(hostile_message("hostile_empty.keras") == "'hostile_empty.keras' is empty (0 bytes): not a saved model.");
    CHECK_THAT(hostile_message("hostile_model.tflite"), Catch::Contains("TensorFlow Lite"));
    CHECK_THAT(hostile_message("hostile_saved_model.pb"), Catch::Contains("TensorFlow SavedModel"));
    // ...and the next call works.
    test::require_fixture_weights(read_fixture("cnn_keras3.keras").weights);
}

TEST_CASE("read_saved_file: every prefix of a good file is an error or the model, never a crash", "[saved]") {
    for (const char* name : {"cnn_keras3.keras", "cnn_tfkeras215.h5"}) {
        const std::string bytes = saved_fixture(name);
        for (std::size_t n = 0; n < bytes.size(); n += 397) {
            try {
                (void)read_saved_file(reinterpret_cast<const std::uint8_t*>(bytes.data()), n, name);
            } catch (const Error&) {
            }
        }
    }
}

TEST_CASE("the saved-file fuzzers' corpora read or fail with a PadLab error", "[saved]") {
    const auto zips = test::fuzz_corpus("fuzz_saved_zip");
    CHECK(zips.size() >= 5);
    for (const std::string& bytes : zips) {  // as fuzz_saved_zip.cpp: libhdf5 in this process
        try {
            (void)summarize(read_keras_zip(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), true,
                                           "corpus", Hdf5Process::InProcess)
                                .spec);
        } catch (const Error&) {
        }
    }
    const auto h5s = test::fuzz_corpus("fuzz_saved_h5");
    CHECK(h5s.size() >= 5);
    for (const std::string& bytes : h5s) {  // as fuzz_saved_h5.cpp: in this process
        try {
            (void)summarize(legacy_h5_model(read_h5_image_in_process(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())).spec);
        } catch (const Error&) {
        }
    }
}
