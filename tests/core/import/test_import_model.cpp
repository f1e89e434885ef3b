#include <string>

#include <catch2/catch.hpp>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "tests/core/import/import_test_helpers.hpp"

using namespace padlab;
using padlab::test::expect_error;

namespace {

std::string seed_model(const std::string& padding) {
    return "input_shape = (28, 28, 1)\nno_classes = 10\n"
           "# Create the model\n"
           "model = Sequential()\n"
           "model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape, padding='" + padding + "'))\n"
           "model.add(Conv2D(64, kernel_size=(3, 3), activation='relu'" + (padding == "same" ? ", padding='same'" : "") + "))\n"
           "model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='" + padding + "'))\n"
           "model.add(Flatten())\n"
           "model.add(Dense(256, activation='relu'))\n"
           "model.add(Dense(no_classes, activation='softmax'))\n";
}

}  // namespace

TEST_CASE("a leading '{' means JSON, anything else Python", "[import_model]") {
    const std::string json = R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "Dense", "config": {"units": 2, "batch_input_shape": [null, 3]}}]}})";
    CHECK(import_model(json).format == "keras2-json");
    // Blanks before the brace, including a BOM and a no-break space, do not change that.
    CHECK(import_model("\xEF\xBB\xBF \n\t\u00a0" + json).format == "keras2-json");
    CHECK(import_model("model = Sequential([Dense(2, input_shape=(3,))])").format == "python");
    CHECK(import_model("# {not json}\nmodel = Sequential([Dense(2, input_shape=(3,))])").format == "python");
}

TEST_CASE("empty or blank source", "[import_model]") {
    for (const std::string text : {"", "   \n\t  ", "\u00a0\r\n"}) {
        const auto e = expect_error<ParseError>([&] { import_model(text); });
        CHECK(e.message == "empty model source");
    }
}

TEST_CASE("source above 1 MiB is refused before parsing", "[import_model]") {
    const auto e = expect_error<LimitError>([] { import_model(std::string((1 << 20) + 1, ' ')); });
    CHECK(e.message == "model source is 1048577 bytes, above the 1 MiB limit");
}

TEST_CASE("the seed's two models import and summarize to the blog's totals", "[import_model]") {
    const ModelSummary valid = summarize(import_model(seed_model("valid")));
    REQUIRE(valid.layers.size() == 6);
    CHECK(valid.layers[2].output_shape == Shape{kNone, 22, 22, 128});
    CHECK(valid.total_params == 15955210);

    const ModelSummary same = summarize(import_model(seed_model("same")));
    CHECK(same.layers[3].output_shape == Shape{kNone, 100352});
    CHECK(same.total_params == 25785610);
}

TEST_CASE("errors from summarize point at the Python line of the layer", "[import_model]") {
    const auto e = expect_error<ShapeError>([] {
        summarize(import_model("model = Sequential()\nmodel.add(Dense(4, input_shape=(3,)))\n"
                               "model.add(Conv2D(8, 3))\n"));
    });
    CHECK(e.line == 3);
    CHECK(e.column == 11);
    CHECK(e.layer == "conv2d");
}
