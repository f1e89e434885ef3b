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

TEST_CASE("summary_json of a Sequential model says graph: false and adds nothing else", "[summary_json]") {
    const json j = summary_json(padlab::test::blog_model(false));
    CHECK(j["graph"] == false);
    CHECK(j.size() == 8);
    for (const json& layer : j["layers"]) {
        CHECK(!layer.contains("connected_to"));
        CHECK(!layer.contains("is_input"));
        CHECK(layer.size() == 10);
    }
}

TEST_CASE("summary_json of a graph: InputLayer rows, connected_to, multi-output shapes", "[summary_json]") {
    const json j = summary_json(padlab::test::toy_resnet(true));
    CHECK(j["graph"] == true);
    REQUIRE(j["layers"].size() == 15);
    CHECK(j["layers"][0]["name"] == "img");
    CHECK(j["layers"][0]["is_input"] == true);
    CHECK(j["layers"][0]["connected_to"] == json::array());
    CHECK(j["layers"][0]["output_shape"] == json::parse("[null, 32, 32, 3]"));
    CHECK(j["layers"][1]["is_input"] == false);
    CHECK(j["layers"][1]["connected_to"] == json::parse(R"(["img[0][0]"])"));
    CHECK(j["layers"][6]["name"] == "add");
    CHECK(j["layers"][6]["connected_to"] == json::parse(R"(["conv2d_11[0][0]", "max_pooling2d_2[0][0]"])"));
    CHECK(j["total_params"] == 223242);

    const json shared = summary_json(padlab::test::shared_model());
    CHECK(shared["layers"][2]["connected_to"] == json::parse(R"(["a[0][0]", "b[0][0]"])"));
    CHECK(shared["layers"][3]["connected_to"] == json::parse(R"(["shared[0][0]", "shared[1][0]"])"));

    const json multi = summary_json(padlab::test::multi_output_model());
    CHECK(multi["layers"][1]["output_shape"] == json::parse("[[null, 64], [null, 64], [null, 64]]"));
    CHECK(multi["layers"][2]["connected_to"] == json::parse(R"(["lstm[0][1]"])"));
    CHECK(multi["layers"][3]["connected_to"] == json::parse(R"(["lstm[0][0]", "lstm[0][2]"])"));
    CHECK(multi["layers"][3]["output_shape"] == json::parse("[null, 128]"));
}

TEST_CASE("summary_json connections use the Keras 2 names", "[summary_json]") {
    padlab::ModelSummary m = padlab::test::mnist_model();
    const json j = summary_json(m);
    CHECK(j["graph"] == true);
    CHECK(j["layers"][0]["name"] == "input_1");
    CHECK(j["layers"][1]["connected_to"] == json::parse(R"(["input_1[0][0]"])"));
}

TEST_CASE("summary_json marks a Keras 3 operation's row", "[summary_json]") {
    padlab::ModelSummary m = padlab::test::toy_resnet(true);
    m.layers[6].operation = true;  // as ConvNeXt's `inputs + x` (LayerSummary::operation)
    const json j = summary_json(m);
    CHECK(j["layers"][6]["operation"] == true);
    CHECK_FALSE(j["layers"][5].contains("operation"));
}
