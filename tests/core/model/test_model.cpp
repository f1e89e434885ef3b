// summarize(): the seed models end to end (shapes, params, MACs from keras-and-peers.md A.1,
// A.2, A.9), input-shape discovery, Keras naming, and located errors.
#include <catch2/catch.hpp>

#include <string>

#include "core/base/errors.hpp"
#include "core/model/model.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::describe;
using padlab::Error;
using padlab::kNone;
using padlab::LayerSpec;
using padlab::LimitError;
using padlab::ModelSpec;
using padlab::ModelSummary;
using padlab::NameError;
using padlab::Pads;
using padlab::Shape;
using padlab::ShapeError;
using padlab::summarize;
using padlab::UnsupportedError;

namespace {

constexpr padlab::Dim None = kNone;

// The blog's model; `padding` on all three convs ("" = omitted on the middle one, as the blog does).
ModelSpec seed_model(const std::string& padding) {
    ModelSpec spec;
    spec.format = "python";
    json conv1 = {{"filters", 32}, {"kernel_size", {3, 3}}, {"activation", "relu"}, {"input_shape", {28, 28, 1}},
                  {"padding", padding}};
    json conv2 = {{"filters", 64}, {"kernel_size", {3, 3}}, {"activation", "relu"}};
    if (padding == "same") conv2["padding"] = "same";
    json conv3 = {{"filters", 128}, {"kernel_size", {3, 3}}, {"activation", "relu"}, {"padding", padding}};
    spec.layers = {
        {"Conv2D", conv1, 3, 11},
        {"Conv2D", conv2, 4, 11},
        {"Conv2D", conv3, 5, 11},
        {"Flatten", json::object(), 6, 11},
        {"Dense", {{"units", 256}, {"activation", "relu"}}, 7, 11},
        {"Dense", {{"units", 10}, {"activation", "softmax"}}, 8, 11},
    };
    return spec;
}

// Runs summarize and returns the error it throws (fails the test when it does not throw).
template <typename E>
E error_of(const ModelSpec& spec) {
    try {
        summarize(spec);
    } catch (const E& e) {
        return e;
    }
    FAIL("summarize did not throw the expected error type");
    throw;  // unreachable
}

}  // namespace

TEST_CASE("seed model, valid padding: Keras's summary numbers", "[model]") {
    const ModelSummary m = summarize(seed_model("valid"));
    CHECK(m.name == "sequential");
    CHECK(m.input_shape == Shape{None, 28, 28, 1});
    REQUIRE(m.layers.size() == 6);
    const char* names[] = {"conv2d", "conv2d_1", "conv2d_2", "flatten", "dense", "dense_1"};
    const char* classes[] = {"Conv2D", "Conv2D", "Conv2D", "Flatten", "Dense", "Dense"};
    const Shape shapes[] = {{None, 26, 26, 32}, {None, 24, 24, 64}, {None, 22, 22, 128},
                            {None, 61952},      {None, 256},        {None, 10}};
    const std::int64_t params[] = {320, 18496, 73856, 0, 15859968, 2570};
    const std::int64_t macs[] = {194688, 10616832, 35684352, 0, 15859712, 2560};
    for (std::size_t i = 0; i < 6; ++i) {
        INFO(names[i]);
        CHECK(m.layers[i].name == names[i]);
        CHECK(m.layers[i].class_name == classes[i]);
        CHECK(m.layers[i].output_shape == shapes[i]);
        CHECK(m.layers[i].params == params[i]);
        CHECK(m.layers[i].trainable_params == params[i]);
        CHECK(m.layers[i].macs == macs[i]);
        CHECK(m.layers[i].line == static_cast<int>(i) + 3);
    }
    CHECK(m.layers[1].input_shape == Shape{None, 26, 26, 32});
    CHECK(m.layers[0].padding == Pads{{0, 0}, {0, 0}});
    CHECK(m.layers[3].padding == std::nullopt);
    CHECK(m.total_params == 15955210);
    CHECK(m.trainable_params == 15955210);
    CHECK(m.non_trainable_params == 0);
    CHECK(m.total_macs == 62358144);
}

TEST_CASE("seed model, same padding", "[model]") {
    const ModelSummary m = summarize(seed_model("same"));
    REQUIRE(m.layers.size() == 6);
    CHECK(m.layers[2].output_shape == Shape{None, 28, 28, 128});
    CHECK(m.layers[3].output_shape == Shape{None, 100352});
    CHECK(m.layers[4].params == 25690368);
    CHECK(m.layers[0].padding == Pads{{1, 1}, {1, 1}});
    CHECK(m.total_params == 25785610);
    CHECK(m.total_macs == 98171904);
}

TEST_CASE("seed causal Conv1D", "[model]") {
    ModelSpec spec;
    spec.layers = {{"Conv1D",
                    {{"filters", 32}, {"kernel_size", 4}, {"activation", "relu"}, {"input_shape", {100, 1}},
                     {"padding", "causal"}},
                    1, 11}};
    const ModelSummary m = summarize(spec);
    REQUIRE(m.layers.size() == 1);
    CHECK(m.layers[0].name == "conv1d");
    CHECK(m.layers[0].output_shape == Shape{None, 100, 32});
    CHECK(m.layers[0].padding == Pads{{3, 0}});
    CHECK(m.total_params == 160);
}

TEST_CASE("Keras 2 JSON shape: InputLayer first, batch_input_shape repeated", "[model]") {
    ModelSpec spec;
    spec.name = "my_model";
    spec.format = "keras2-json";
    spec.layers = {
        {"InputLayer", {{"batch_input_shape", {nullptr, 28, 28, 1}}, {"name", "conv2d_input"}}, 0, 0},
        {"Conv2D", {{"name", "conv2d"}, {"batch_input_shape", {nullptr, 28, 28, 1}}, {"filters", 2},
                    {"kernel_size", {3, 3}}, {"strides", {1, 1}}, {"padding", "same"}, {"data_format", "channels_last"},
                    {"dilation_rate", {1, 1}}, {"groups", 1}, {"activation", "linear"}, {"use_bias", true}},
         0, 0},
    };
    const ModelSummary m = summarize(spec);
    CHECK(m.name == "my_model");
    CHECK(m.input_shape == Shape{None, 28, 28, 1});
    REQUIRE(m.layers.size() == 1);  // the InputLayer is not listed
    CHECK(m.layers[0].name == "conv2d");
    CHECK(m.layers[0].output_shape == Shape{None, 28, 28, 2});
    CHECK(m.total_params == 20);
}

TEST_CASE("input shape from batch_shape, input_dim, build_config; Input alias", "[model]") {
    ModelSpec k3;
    k3.layers = {{"InputLayer", {{"batch_shape", {nullptr, 8}}}, 1, 1}, {"Dense", {{"units", 4}}, 2, 1}};
    CHECK(summarize(k3).layers[0].output_shape == Shape{None, 4});

    ModelSpec input;
    input.layers = {{"Input", {{"shape", {8}}}, 1, 1}, {"Dense", {{"units", 4}}, 2, 1}};
    CHECK(summarize(input).input_shape == Shape{None, 8});

    ModelSpec dim;
    dim.layers = {{"Dense", {{"units", 32}, {"input_dim", 784}}, 1, 1}};
    CHECK(summarize(dim).total_params == 25120);

    ModelSpec build;
    build.layers = {{"Dense", {{"units", 2}, {"build_config", {{"input_shape", {nullptr, 3}}}}}, 1, 1}};
    CHECK(summarize(build).total_params == 8);

    ModelSpec only_input;
    only_input.layers = {{"InputLayer", {{"shape", {3}}}, 1, 1}};
    const ModelSummary empty = summarize(only_input);
    CHECK(empty.layers.empty());
    CHECK(empty.total_params == 0);
}

TEST_CASE("Keras naming: zero-based per-prefix counters, aliases, given names", "[model]") {
    ModelSpec spec;
    spec.layers = {
        {"Conv2D", {{"filters", 8}, {"kernel_size", 3}, {"input_shape", {32, 32, 3}}}, 1, 1},
        {"MaxPool2D", json::object(), 2, 1},
        {"Conv2D", {{"filters", 8}, {"kernel_size", 3}, {"name", "features"}}, 3, 1},
        {"Conv2D", {{"filters", 8}, {"kernel_size", 3}}, 4, 1},
        {"MaxPooling2D", json::object(), 5, 1},
        {"ReLU", json::object(), 6, 1},
        {"LeakyReLU", json::object(), 7, 1},
        {"Flatten", nullptr, 8, 1},
    };
    const ModelSummary m = summarize(spec);
    std::vector<std::string> names;
    for (const auto& l : m.layers) names.push_back(l.name);
    CHECK(names == std::vector<std::string>{"conv2d", "max_pooling2d", "features", "conv2d_1", "max_pooling2d_1",
                                            "re_lu", "leaky_re_lu", "flatten"});
    CHECK(m.layers[1].class_name == "MaxPooling2D");
}

TEST_CASE("BatchNormalization and trainable=False feed the non-trainable total", "[model]") {
    ModelSpec spec;
    spec.layers = {
        {"Conv2D", {{"filters", 32}, {"kernel_size", 3}, {"input_shape", {28, 28, 1}}}, 1, 1},
        {"BatchNormalization", json::object(), 2, 1},
        {"Flatten", json::object(), 3, 1},
        {"Dense", {{"units", 10}, {"trainable", false}}, 4, 1},
    };
    const ModelSummary m = summarize(spec);
    CHECK(m.layers[1].params == 128);
    CHECK(m.layers[1].non_trainable_params == 64);
    CHECK(m.layers[3].trainable_params == 0);
    CHECK(m.layers[3].non_trainable_params == 216330);  // 21632*10 + 10
    CHECK(m.trainable_params == 320 + 64);
    CHECK(m.non_trainable_params == 64 + 216330);
    CHECK(m.total_params == 320 + 128 + 216330);
}

TEST_CASE("unknown classes are located UnsupportedErrors", "[model][errors]") {
    ModelSpec spec = seed_model("valid");
    spec.layers.insert(spec.layers.begin() + 3, LayerSpec{"Foo", json::object(), 6, 1});
    const auto e = error_of<UnsupportedError>(spec);
    CHECK(std::string(e.what()) == "Unknown layer class 'Foo'");
    CHECK(e.where().line == 6);
    CHECK(describe(e) == "line 6, column 1: Unknown layer class 'Foo'");
}

TEST_CASE("a misspelt class is a located NameError naming the class meant", "[model][errors]") {
    ModelSpec spec = seed_model("valid");
    spec.layers.insert(spec.layers.begin() + 3, LayerSpec{"Conv2d", json::object(), 6, 1});
    const auto e = error_of<NameError>(spec);
    CHECK(std::string(e.what()) == "Unknown layer class 'Conv2d'. Did you mean 'Conv2D'?");
    CHECK(e.where().line == 6);
    CHECK(std::string(e.kind()) == "NameError");
}

TEST_CASE("a missing input shape says how to give one", "[model][errors]") {
    ModelSpec spec = seed_model("valid");
    spec.layers[0].config.erase("input_shape");
    const auto e = error_of<ShapeError>(spec);
    CHECK(std::string(e.what()).find("input_shape=(28, 28, 1)") != std::string::npos);
    CHECK(std::string(e.what()).find("Input(shape=") != std::string::npos);
    CHECK(e.where().line == 3);
    CHECK(e.where().layer == "conv2d");

    CHECK_THROWS_AS(summarize(ModelSpec{}), ShapeError);
}

TEST_CASE("layer errors carry the layer name and line", "[model][errors]") {
    ModelSpec spec = seed_model("valid");
    spec.layers[2].config["kernel_size"] = {30, 30};
    const auto e = error_of<ShapeError>(spec);
    CHECK(e.where().layer == "conv2d_2");
    CHECK(e.where().line == 5);
    CHECK(e.where().column == 11);

    ModelSpec dense_first;
    dense_first.layers = {{"Dense", {{"units", 10}, {"input_shape", {10}}}, 1, 1},
                          {"Conv2D", {{"filters", 3}, {"kernel_size", 3}}, 2, 5}};
    const auto rank = error_of<ShapeError>(dense_first);
    CHECK(describe(rank) ==
          "line 2, column 5, layer 'conv2d': Input 0 of layer \"conv2d\" is incompatible with the layer: expected "
          "min_ndim=4, found ndim=2. Full shape received: (None, 10)");

    ModelSpec bad_arg = seed_model("valid");
    bad_arg.layers[4].config["units"] = 0;
    const auto arg = error_of<ArgumentError>(bad_arg);
    CHECK(arg.where().layer == "dense");
    CHECK(arg.where().line == 7);
}

TEST_CASE("duplicate names are refused as Keras does", "[model][errors]") {
    ModelSpec spec;
    spec.layers = {{"Dense", {{"units", 4}, {"input_shape", {3}}, {"name", "dense"}}, 1, 1},
                   {"Dense", {{"units", 4}}, 2, 1}};
    const auto e = error_of<ArgumentError>(spec);
    CHECK(std::string(e.what()).find("All layers added to a Sequential model should have unique names. Name \"dense\" "
                                     "is already the name of a layer in this model.") == 0);
    CHECK(e.where().line == 2);

    ModelSpec given;
    given.layers = {{"Dense", {{"units", 4}, {"input_shape", {3}}, {"name", "head"}}, 1, 1},
                    {"Dense", {{"units", 4}, {"name", "head"}}, 2, 1}};
    CHECK_THROWS_AS(summarize(given), ArgumentError);

    ModelSpec non_string;
    non_string.layers = {{"Dense", {{"units", 4}, {"input_shape", {3}}, {"name", 5}}, 1, 1}};
    CHECK_THROWS_AS(summarize(non_string), ArgumentError);
}

TEST_CASE("an InputLayer after the first layer is refused", "[model][errors]") {
    ModelSpec spec;
    spec.layers = {{"Dense", {{"units", 4}, {"input_shape", {3}}}, 1, 1}, {"InputLayer", {{"shape", {4}}}, 2, 1}};
    const auto e = error_of<ArgumentError>(spec);
    CHECK(e.where().line == 2);
}

TEST_CASE("overflowing parameter counts are located LimitErrors", "[model][errors]") {
    ModelSpec spec = seed_model("valid");
    spec.layers[4].config["units"] = 1000000000000000LL;  // Dense(10**15) after 61952 features
    const auto e = error_of<LimitError>(spec);
    CHECK(e.where().layer == "dense");
    CHECK(e.where().line == 7);
}

TEST_CASE("a Sequential inside a Sequential is one row, built on the incoming shape", "[model]") {
    auto inner = std::make_shared<ModelSpec>();
    inner->layers.push_back({"Dense", {{"units", 8}}, 2, 1});
    inner->layers.push_back({"Dense", {{"units", 4}}, 3, 1});
    ModelSpec outer;
    outer.layers.push_back({"InputLayer", {{"batch_input_shape", {nullptr, 6}}}, 1, 1});
    LayerSpec block{"Sequential", nlohmann::json::object(), 2, 1};
    block.nested = inner;
    outer.layers.push_back(block);
    outer.layers.push_back({"Dense", {{"units", 1}}, 4, 1});
    const ModelSummary s = summarize(outer);
    REQUIRE(s.layers.size() == 2);
    CHECK(s.layers[0].name == "sequential");
    CHECK(s.layers[0].class_name == "Sequential");
    CHECK(s.layers[0].output_shape == Shape{kNone, 4});
    CHECK(s.layers[0].params == (6 * 8 + 8) + (8 * 4 + 4));
    CHECK(s.layers[1].params == 4 + 1);
    CHECK(s.total_params == (6 * 8 + 8) + (8 * 4 + 4) + 5);
}
