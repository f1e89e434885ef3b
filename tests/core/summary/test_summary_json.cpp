#include "core/summary/summary_json.hpp"

#include <catch2/catch.hpp>

#include "tests/core/summary/summary_fixtures.hpp"

using nlohmann::json;
using padlab::summary_json;

TEST_CASE("summary_json of the blog model", "[summary_json]") {
    const json j = summary_json(padlab::test::blog_model(false));
    CHECK(j["name"] == "sequential");
    CHECK(j["input_shape"] == json::parse("[null, 28, 28, 1]"));
    CHECK(j["total_params"] == 15955210);
    CHECK(j["trainable_params"] == 15955210);
    CHECK(j["non_trainable_params"] == 0);
    CHECK(j["total_macs"] == 62358144);
    REQUIRE(j["layers"].size() == 6);

    // The first layer in full: Keras's None is null, padding is [[before, after], ...].
    CHECK(j["layers"][0] == json::parse(R"({
        "name": "conv2d", "class_name": "Conv2D",
        "input_shape": [null, 28, 28, 1], "output_shape": [null, 26, 26, 32],
        "params": 320, "trainable_params": 320, "non_trainable_params": 0,
        "macs": 194688, "padding": [[0, 0], [0, 0]], "line": 4})"));
    // Layers without padding have "padding": null.
    CHECK(j["layers"][3]["class_name"] == "Flatten");
    CHECK(j["layers"][3]["output_shape"] == json::parse("[null, 61952]"));
    CHECK(j["layers"][3]["padding"].is_null());
    CHECK(j["layers"][4]["macs"] == 15859712);
}

TEST_CASE("summary_json shows TF's 'same' split per axis", "[summary_json]") {
    padlab::ModelSummary m = padlab::test::blog_model(true);
    m.layers[0].padding = padlab::Pads{{0, 1}, {1, 1}};
    const json j = summary_json(m);
    CHECK(j["layers"][0]["padding"] == json::parse("[[0, 1], [1, 1]]"));
    CHECK(j["layers"][1]["padding"] == json::parse("[[1, 1], [1, 1]]"));
    CHECK(j["total_macs"] == 98171904);
}

TEST_CASE("summary_json: unknown line is null; every unknown dim is null", "[summary_json]") {
    padlab::ModelSummary m;
    m.name = "seq";
    m.input_shape = {padlab::kNone, padlab::kNone, 8};
    m.layers = {padlab::test::make_layer("conv1d", "Conv1D", {padlab::kNone, padlab::kNone, 8},
                                         {padlab::kNone, padlab::kNone, 4}, 100, 0, 0)};
    const json j = summary_json(m);
    CHECK(j["input_shape"] == json::parse("[null, null, 8]"));
    CHECK(j["layers"][0]["output_shape"] == json::parse("[null, null, 4]"));
    CHECK(j["layers"][0]["line"].is_null());
    CHECK(j["layers"][0]["padding"].is_null());
}

TEST_CASE("summary_json of a model without layers", "[summary_json]") {
    padlab::ModelSummary m;
    m.name = "sequential";
    const json j = summary_json(m);
    CHECK(j["layers"].is_array());
    CHECK(j["layers"].empty());
    CHECK(j["input_shape"] == json::array());
}

TEST_CASE("error_json: the record of an error, unknown parts null", "[summary_json]") {
    const json located = padlab::error_json({"ShapeError", "kernel too large", {"conv2d_2", 11, 5}});
    CHECK(located == json::parse(R"({"kind": "ShapeError", "message": "kernel too large", "layer": "conv2d_2",
        "line": 11, "column": 5, "where": "line 11, column 5, layer 'conv2d_2'"})"));
    const json bare = padlab::error_json({"InputError", "cannot read 'x': it is a directory", {}});
    CHECK(bare == json::parse(R"({"kind": "InputError", "message": "cannot read 'x': it is a directory",
        "layer": null, "line": null, "column": null, "where": null})"));
}
