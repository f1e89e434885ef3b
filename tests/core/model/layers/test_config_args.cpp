// Reading Keras config arguments: Python reprs in messages, broadcasting, type errors that
// never leak nlohmann exceptions, the ZeroPadding/Cropping forms, padding and data_format.
#include <catch2/catch.hpp>

#include "core/model/layers/config_args.hpp"
#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::kNone;
using padlab::LimitError;
using padlab::PaddingKind;
using padlab::Pads;
using padlab::Shape;
using padlab::UnsupportedError;
using padlab::layers::ConfigArgs;
using padlab::layers::declared_input_shape;
using padlab::layers::python_repr;
using padlab::test::MessageContains;
using Catch::Matchers::Message;

TEST_CASE("python_repr prints config values as Python does", "[layers][config_args]") {
    CHECK(python_repr(json{3, 3}) == "(3, 3)");
    CHECK(python_repr(json::array({3})) == "(3,)");
    CHECK(python_repr(json::array()) == "()");
    CHECK(python_repr("same") == "'same'");
    CHECK(python_repr(nullptr) == "None");
    CHECK(python_repr(true) == "True");
    CHECK(python_repr(0.5) == "0.5");
    CHECK(python_repr(json{{1, 2}, {3, 4}}) == "((1, 2), (3, 4))");
    CHECK(python_repr(json{{"a", 1}}) == "{'a': 1}");
    // Long input is cut so messages stay readable.
    CHECK(python_repr(json(std::vector<int>(1000, 1))).size() < 220);
}

TEST_CASE("ConfigArgs names the layer", "[layers][config_args]") {
    CHECK(ConfigArgs({{"name", "my_conv"}}, "Conv2D").layer_name() == "my_conv");
    CHECK(ConfigArgs(json::object(), "MaxPooling2D").layer_name() == "max_pooling2d");
    CHECK(ConfigArgs(nullptr, "Dense").layer_name() == "dense");  // null config = empty
    CHECK_THROWS_MATCHES(ConfigArgs(json::array({1}), "Dense"), ArgumentError,
                         Message("The config of a Dense layer must be a JSON object. Received: (1,)"));
}

TEST_CASE("Scalars: null means default, wrong types are ArgumentErrors", "[layers][config_args]") {
    const json config = {{"n", 4}, {"f", 4.0}, {"half", 2.5}, {"s", "x"}, {"b", true}, {"none", nullptr},
                         {"big", 18446744073709551615ULL}};
    const ConfigArgs args(config, "Layer");
    CHECK(args.integer("n") == 4);
    CHECK(args.integer("f") == 4);
    CHECK(args.integer("none", 7) == 7);
    CHECK(args.integer("absent", 9) == 9);
    CHECK_FALSE(args.has("none"));
    CHECK(args.number("half") == 2.5);
    CHECK(args.string("s") == "x");
    CHECK(args.boolean("b", false));
    CHECK(args.boolean("absent", true));
    CHECK_THROWS_MATCHES(args.integer("half"), ArgumentError,
                         Message("Invalid value for argument `half`. Expected an integer. Received half=2.5."));
    CHECK_THROWS_MATCHES(args.integer("s"), ArgumentError,
                         Message("Invalid value for argument `s`. Expected an integer. Received s='x'."));
    CHECK_THROWS_AS(args.integer("b"), ArgumentError);
    CHECK_THROWS_AS(args.integer("big"), LimitError);
    CHECK_THROWS_AS(args.number("s"), ArgumentError);
    CHECK_THROWS_AS(args.string("n"), ArgumentError);
    CHECK_THROWS_AS(args.boolean("n", false), ArgumentError);
    CHECK_THROWS_MATCHES(args.integer("absent"), ArgumentError,
                         Message("Layer.__init__() missing 1 required positional argument: 'absent'"));
    CHECK_THROWS_MATCHES(ConfigArgs({{"filters", -1}}, "Conv2D").positive_integer("filters"), ArgumentError,
                         Message("Invalid value for argument `filters`. Expected a strictly positive value. "
                                 "Received filters=-1."));
}

TEST_CASE("int_tuple broadcasts ints and checks lengths and element types", "[layers][config_args]") {
    const json config = {{"k", 3}, {"k2", {3, 5}}, {"bad", {3, "a"}}, {"obj", {{"a", 1}}}};
    const ConfigArgs args(config, "Conv2D");
    CHECK(args.int_tuple("k", 2) == Shape{3, 3});
    CHECK(args.int_tuple("k2", 2) == Shape{3, 5});
    CHECK(args.int_tuple("absent", 2, Shape{1, 1}) == Shape{1, 1});
    CHECK_THROWS_MATCHES(args.int_tuple("k2", 3), ArgumentError,
                         Message("The `k2` argument must be a tuple of 3 integers. Received k2=(3, 5)"));
    CHECK_THROWS_MATCHES(args.int_tuple("bad", 2), ArgumentError,
                         Message("The `bad` argument must be a tuple of 2 integers. Received bad=(3, 'a'), including "
                                 "element 'a' of type str."));
    CHECK_THROWS_AS(args.int_tuple("obj", 2), ArgumentError);
}

TEST_CASE("shape_list and declared_input_shape", "[layers][config_args]") {
    CHECK(ConfigArgs({{"s", {nullptr, 28, 1}}}, "L").shape_list("s") == Shape{kNone, 28, 1});
    CHECK(declared_input_shape(ConfigArgs({{"input_shape", {28, 28, 1}}}, "Conv2D")) == Shape{kNone, 28, 28, 1});
    CHECK(declared_input_shape(ConfigArgs({{"batch_input_shape", {nullptr, 5}}}, "Dense")) == Shape{kNone, 5});
    CHECK(declared_input_shape(ConfigArgs({{"batch_shape", {4, 5}}}, "Dense")) == Shape{4, 5});
    CHECK(declared_input_shape(ConfigArgs({{"input_dim", 784}}, "Dense")) == Shape{kNone, 784});
    CHECK(declared_input_shape(ConfigArgs({{"build_config", {{"input_shape", {nullptr, 9}}}}}, "Dense")) ==
          Shape{kNone, 9});
    CHECK(declared_input_shape(ConfigArgs({{"units", 3}}, "Dense")) == std::nullopt);
    CHECK_THROWS_AS(declared_input_shape(ConfigArgs({{"batch_shape", json::array()}}, "Dense")), ArgumentError);
    CHECK_THROWS_AS(declared_input_shape(ConfigArgs({{"input_shape", {"a"}}}, "Dense")), ArgumentError);
}

TEST_CASE("pad_pairs accepts Keras's forms", "[layers][config_args]") {
    CHECK(ConfigArgs({{"padding", 2}}, "ZeroPadding1D").pad_pairs("padding", 1, {}) == Pads{{2, 2}});
    CHECK(ConfigArgs({{"padding", {1, 3}}}, "ZeroPadding1D").pad_pairs("padding", 1, {}) == Pads{{1, 3}});
    CHECK(ConfigArgs({{"padding", {1, 3}}}, "ZeroPadding2D").pad_pairs("padding", 2, {}) == Pads{{1, 1}, {3, 3}});
    CHECK(ConfigArgs({{"cropping", {{1, 3}, {0, 2}}}}, "Cropping2D").pad_pairs("cropping", 2, {}) ==
          Pads{{1, 3}, {0, 2}});
    CHECK(ConfigArgs(json::object(), "Cropping2D").pad_pairs("cropping", 2, {{0, 0}, {0, 0}}) == Pads{{0, 0}, {0, 0}});
    CHECK_THROWS_MATCHES(ConfigArgs({{"padding", {1, 2, 3}}}, "ZeroPadding1D").pad_pairs("padding", 1, {}),
                         ArgumentError,
                         Message("The `padding` argument must be a tuple of 2 integers. Received padding=(1, 2, 3)"));
    CHECK_THROWS_MATCHES(ConfigArgs({{"cropping", {1, {2, "x"}}}}, "Cropping2D").pad_pairs("cropping", 2, {}),
                         ArgumentError, MessageContains("The `2nd entry of cropping` argument"));
}

TEST_CASE("window_padding follows Keras's padding rules", "[layers][config_args]") {
    CHECK(ConfigArgs(json::object(), "Conv2D").window_padding(true, false).kind == PaddingKind::Valid);
    CHECK(ConfigArgs({{"padding", "Same"}}, "Conv2D").window_padding(true, false).kind == PaddingKind::Same);
    CHECK(ConfigArgs({{"padding", "causal"}}, "Conv1D").window_padding(true, false).kind == PaddingKind::Causal);
    CHECK_THROWS_MATCHES(ConfigArgs({{"padding", "causal"}}, "DepthwiseConv1D").window_padding(false, false),
                         ArgumentError, Message("Causal padding is only supported for `Conv1D`and `SeparableConv1D`."));
    CHECK_THROWS_MATCHES(ConfigArgs({{"padding", "causal"}}, "MaxPooling1D").window_padding(false, true),
                         ArgumentError, Message("The `padding` argument must be one of \"valid\", \"same\". "
                                                "Received: causal"));
    CHECK_THROWS_MATCHES(ConfigArgs({{"padding", "reflect"}}, "Conv2D").window_padding(true, false), ArgumentError,
                         Message("The `padding` argument must be one of \"valid\", \"same\" (or \"causal\", only for "
                                 "`Conv1D). Received: reflect"));
    CHECK_THROWS_MATCHES(ConfigArgs({{"padding", {1, 1}}}, "Conv2D").window_padding(true, false), ArgumentError,
                         Message("The `padding` argument must be one of \"valid\", \"same\" (or \"causal\", only for "
                                 "`Conv1D). Received: (1, 1)"));
}

TEST_CASE("require_channels_last and check_activation", "[layers][config_args]") {
    CHECK_NOTHROW(ConfigArgs(json::object(), "Conv2D").require_channels_last());
    CHECK_NOTHROW(ConfigArgs({{"data_format", "CHANNELS_LAST"}}, "Conv2D").require_channels_last());
    CHECK_THROWS_MATCHES(ConfigArgs({{"data_format", "channels_first"}}, "Conv2D").require_channels_last(),
                         UnsupportedError,
                         Message("Conv2D: data_format='channels_first' is not supported. PadLab models channels-last "
                                 "data only (Keras's default, data_format='channels_last'): put the channels on the "
                                 "last axis and drop data_format."));
    CHECK_NOTHROW(ConfigArgs({{"activation", "relu"}}, "Dense").check_activation("activation"));
    CHECK_NOTHROW(ConfigArgs({{"activation", nullptr}}, "Dense").check_activation("activation"));
    CHECK_NOTHROW(ConfigArgs({{"activation", {{"class_name", "Custom"}}}}, "Dense").check_activation("activation"));
    CHECK_THROWS_MATCHES(ConfigArgs({{"activation", "Relu"}}, "Dense").check_activation("activation"), ArgumentError,
                         MessageContains("Could not interpret activation function identifier: Relu"));
}
