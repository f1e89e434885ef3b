// Keras 2 summaries of graph (Functional) models, eras A, B and C, and the summary() options.
// [pub]: published summaries Keras printed (notes/graph-summary.md §3, sources there); [test]:
// Keras's own unit-test goldens (the check_str texts of tf-keras dd0a7237
// tf_keras/utils/layer_utils_test.py, whose print_summary is keras v2.15's);
// [replica]: rendered by the notes' line-by-line replica of layer_utils.print_summary, for cases
// no published text covers. Expected texts live in tests/core/summary/expected/.
#include "core/summary/summary_keras2.hpp"

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "tests/core/summary/summary_fixtures.hpp"

using namespace padlab;
using padlab::test::expected_text;

TEST_CASE("keras2 era A: the keras.io toy ResNet, one connection per line [pub]", "[summary_keras2_graph]") {
    CHECK(summary_keras2(test::toy_resnet(true), Keras2Era::A) == expected_text("keras2_A_toy_resnet.txt"));
}

TEST_CASE("keras2 era B: the toy ResNet with list connections and overflow shifts [pub]", "[summary_keras2_graph]") {
    CHECK(summary_keras2(test::toy_resnet(true), Keras2Era::B) == expected_text("keras2_B_toy_resnet.txt"));
}

TEST_CASE("keras2 era C: the toy ResNet at positions [.3, .6, .7, 1] with memory totals [pub]",
          "[summary_keras2_graph]") {
    CHECK(summary_keras2(test::toy_resnet(false), Keras2Era::C) == expected_text("keras2_C_toy_resnet.txt"));
}

TEST_CASE("keras2 era A: a sequential-like graph prints the Sequential layout with its InputLayer [pub]",
          "[summary_keras2_graph]") {
    CHECK(summary_keras2(test::mnist_model(), Keras2Era::A) == expected_text("keras2_A_mnist_model.txt"));
}

TEST_CASE("keras2 eras B/C: a sequential-like graph keeps the InputLayer row as a list shape", "[summary_keras2_graph]") {
    const ModelSummary m = test::mnist_model();
    const std::string b = summary_keras2(m, Keras2Era::B);
    CHECK(b.find("\n input_1 (InputLayer)        [(None, 784)]             0         \n"
                 "                                                                 \n"
                 " dense (Dense)               (None, 64)                50240     \n") != std::string::npos);
    const std::string c = summary_keras2(m, Keras2Era::C);
    CHECK(c.find("\n input_1 (InputLayer)        [(None, 784)]             0         \n") != std::string::npos);
    CHECK(c.find("Total params: 55050 (215.04 KB)\n") != std::string::npos);
}

TEST_CASE("keras2: a shared layer lists each call's inputs, node indices 0 and 1 [replica]", "[summary_keras2_graph]") {
    const ModelSummary m = test::shared_model();
    CHECK(summary_keras2(m, Keras2Era::A) == expected_text("keras2_A_shared.txt"));
    CHECK(summary_keras2(m, Keras2Era::B) == expected_text("keras2_B_shared.txt"));
    CHECK(summary_keras2(m, Keras2Era::C) == expected_text("keras2_C_shared.txt"));
}

TEST_CASE("keras2: a multi-output layer prints a list of shapes, read by tensor index [replica]",
          "[summary_keras2_graph]") {
    const ModelSummary m = test::multi_output_model();
    CHECK(summary_keras2(m, Keras2Era::A) == expected_text("keras2_A_multi_output.txt"));
    CHECK(summary_keras2(m, Keras2Era::B) == expected_text("keras2_B_multi_output.txt"));
    CHECK(summary_keras2(m, Keras2Era::C) == expected_text("keras2_C_multi_output.txt"));
}

TEST_CASE("keras2: a shared layer called on different shapes prints 'multiple'", "[summary_keras2_graph]") {
    ModelSummary m = test::shared_model();
    m.layers[2].multiple_shapes = true;
    CHECK(summary_keras2(m, Keras2Era::A).find("\nshared (Dense)                  multiple             15          a[0][0]") !=
          std::string::npos);
    CHECK(summary_keras2(m, Keras2Era::B).find("\n shared (Dense)                 multiple             15          ['a[0][0]',") !=
          std::string::npos);
}

TEST_CASE("keras2 era C: long names wrap in a Sequential model [test]", "[summary_keras2_graph]") {
    ModelSummary m;
    m.name = "sequential";
    m.layers = {test::make_layer("Really-Long-name-test", "Conv2D", {kNone, 8, 8, 3}, {kNone, 6, 6, 4}, 112),
                test::make_layer("Another-long-name-test", "Conv2D", {kNone, 6, 6, 4}, {kNone, 4, 4, 4}, 148),
                test::make_layer("flatten", "Flatten", {kNone, 4, 4, 4}, {kNone, 64}, 0),
                test::make_layer("long-name-test-output", "Dense", {kNone, 64}, {kNone, 2}, 130)};
    test::set_totals(m, 390, 390);
    CHECK(summary_keras2(m, Keras2Era::C) == expected_text("keras2_C_test_long_names.txt"));
}

TEST_CASE("keras2 era C: show_trainable on a Sequential model [test]", "[summary_keras2_graph]") {
    ModelSummary m;
    m.name = "trainable";
    m.layers = {test::make_layer("conv", "Conv2D", {kNone, 3, 5, 5}, {kNone, 2, 3, 2}, 62),
                test::make_layer("flat", "Flatten", {kNone, 2, 3, 2}, {kNone, 12}, 0),
                test::make_layer("dense", "Dense", {kNone, 12}, {kNone, 5}, 65)};
    m.layers[0].trainable = false;
    test::set_totals(m, 127, 65);
    SummaryOptions options;
    options.show_trainable = true;
    CHECK(summary_keras2(m, Keras2Era::C, options) == expected_text("keras2_C_test_show_trainable.txt"));
}

TEST_CASE("keras2 era C: expand_nested boxes nested models, no separator after a block [test]",
          "[summary_keras2_graph]") {
    SummaryOptions options;
    options.expand_nested = true;
    const ModelSummary m = test::nested_test_model({"input_3", "input_1", "input_2", "model_1", "model"}, "model_2");
    CHECK(summary_keras2(m, Keras2Era::C, options) == expected_text("keras2_C_test_expand_nested.txt"));
    // Era B pads every nested column for the closing bars, and does not narrow column 0 [replica].
    CHECK(summary_keras2(m, Keras2Era::B, options) == expected_text("keras2_B_expand_nested.txt"));
    // Without expand_nested the nested model is one row.
    const std::string flat = summary_keras2(m, Keras2Era::C);
    CHECK(flat.find("input_2") == std::string::npos);
    CHECK(flat.find(" model_1 (Functional)        (None, None, None, 3)     24        \n") != std::string::npos);
}

TEST_CASE("keras2 era C: expand_nested with show_trainable [test]", "[summary_keras2_graph]") {
    SummaryOptions options;
    options.expand_nested = true;
    options.show_trainable = true;
    const ModelSummary m =
        test::nested_test_model({"input3", "input1", "input2", "model_1", "model"}, "model_2", /*conv_trainable=*/false);
    CHECK(summary_keras2(m, Keras2Era::C, options) == expected_text("keras2_C_test_expand_nested_show_trainable.txt"));
}

TEST_CASE("keras2 era C: layer_range with expand_nested [test]", "[summary_keras2_graph]") {
    SummaryOptions options;
    options.expand_nested = true;
    options.layer_range = {"1st_inner", "1st_inner"};
    const ModelSummary m = test::nested_test_model({"input_3", "input_1", "input_2", "1st_inner", "2nd_inner"}, "model");
    CHECK(summary_keras2(m, Keras2Era::C, options) == expected_text("keras2_C_test_layer_range_expand_nested.txt"));
}

TEST_CASE("keras2 eras B/C: expand_nested in the graph layout, nested rows without connections [replica]",
          "[summary_keras2_graph]") {
    SummaryOptions options;
    options.expand_nested = true;
    const ModelSummary m = test::nested_graph_model();
    CHECK(summary_keras2(m, Keras2Era::B, options) == expected_text("keras2_B_nested_graph_expanded.txt"));
    CHECK(summary_keras2(m, Keras2Era::C, options) == expected_text("keras2_C_nested_graph_expanded.txt"));
}

TEST_CASE("keras2 eras B/C: show_trainable on a graph widens it to 109 [replica]", "[summary_keras2_graph]") {
    ModelSummary m = test::shared_model();
    m.layers[5].trainable = false;  // out2
    m.layers[5].trainable_params = 0;
    m.layers[5].non_trainable_params = 8;
    test::set_totals(m, 27, 19);
    SummaryOptions options;
    options.show_trainable = true;
    CHECK(summary_keras2(m, Keras2Era::B, options) == expected_text("keras2_B_shared_trainable.txt"));
    CHECK(summary_keras2(m, Keras2Era::C, options) == expected_text("keras2_C_shared_trainable.txt"));
}

TEST_CASE("keras2: line_length rescales the relative positions [replica]", "[summary_keras2_graph]") {
    SummaryOptions options;
    options.line_length = 80;  // graph: [int(80 * .33), int(80 * .55), int(80 * .67), 80] = [26, 44, 53, 80]
    CHECK(summary_keras2(test::shared_model(), Keras2Era::A, options) == expected_text("keras2_A_shared_line_length_80.txt"));
    // line_length=0 is Python's None: the default.
    options.line_length = 0;
    CHECK(summary_keras2(test::shared_model(), Keras2Era::A, options) == expected_text("keras2_A_shared.txt"));
    // The Sequential layout scales too: int(40 * [.45, .85, 1]) = [18, 34, 40], and wraps.
    options.line_length = 40;
    CHECK(summary_keras2(test::blog_model(false), Keras2Era::B, options) == expected_text("keras2_B_blog_line_length_40.txt"));
}

TEST_CASE("keras2: options Keras does not have, or cannot print, are errors", "[summary_keras2_graph]") {
    const ModelSummary m = test::shared_model();
    SummaryOptions trainable;
    trainable.show_trainable = true;
    CHECK_THROWS_MATCHES(summary_keras2(m, Keras2Era::A, trainable), ArgumentError,
                         Catch::Message("summary() of Keras 2 era A (tf.keras <= 2.6) has no `show_trainable` argument; "
                                        "it came with era B (expand_nested 2.7, show_trainable 2.8, layer_range 2.10)"));
    SummaryOptions nested;
    nested.expand_nested = true;
    CHECK_THROWS_AS(summary_keras2(m, Keras2Era::A, nested), ArgumentError);
    SummaryOptions range;
    range.layer_range = {"a", "b"};
    CHECK_THROWS_AS(summary_keras2(m, Keras2Era::A, range), ArgumentError);

    SummaryOptions negative;
    negative.line_length = -3;
    CHECK_THROWS_MATCHES(summary_keras2(m, Keras2Era::B, negative), ArgumentError,
                         Catch::Message("line_length must be positive; got -3"));
    SummaryOptions huge;
    huge.line_length = 5000;
    CHECK_THROWS_AS(summary_keras2(m, Keras2Era::B, huge), ArgumentError);
    // So narrow that a column's cutoff is <= 0: Keras's print_row would loop forever.
    SummaryOptions narrow;
    narrow.line_length = 8;
    CHECK_THROWS_WITH(summary_keras2(m, Keras2Era::C, narrow), Catch::Contains("would never finish a row"));
    // Era A only truncates, so any width prints.
    CHECK_NOTHROW(summary_keras2(m, Keras2Era::A, narrow));
}

TEST_CASE("keras2: layer_range selects rows by re.match, either order, totals unchanged", "[summary_keras2_graph]") {
    const ModelSummary m = test::shared_model();
    SummaryOptions options;
    options.layer_range = {"out1", "sha"};  // reversed: Keras swaps the bounds
    const std::string b = summary_keras2(m, Keras2Era::B, options);
    CHECK(b.find(" a (InputLayer)") == std::string::npos);
    CHECK(b.find(" shared (Dense)") != std::string::npos);
    CHECK(b.find(" add (Add)") != std::string::npos);
    CHECK(b.find(" out1 (Dense)") != std::string::npos);
    CHECK(b.find(" out2 (Dense)") == std::string::npos);
    CHECK(b.find("Total params: 27\n") != std::string::npos);
    // re.match anchors at the start only: "out" matches out1 and out2.
    options.layer_range = {"add", "out"};
    CHECK(summary_keras2(m, Keras2Era::B, options).find(" out2 (Dense)") != std::string::npos);

    options.layer_range = {"nope", "out1"};
    CHECK_THROWS_MATCHES(summary_keras2(m, Keras2Era::C, options), ArgumentError,
                         Catch::Message("Passed layer_names do not match the layer names in the model. "
                                        "Received: ['nope', 'out1']"));
    options.layer_range = {"a"};
    CHECK_THROWS_MATCHES(summary_keras2(m, Keras2Era::C, options), ArgumentError,
                         Catch::Message("layer_range must be a list or tuple of length 2. "
                                        "Received: layer_range = ['a'] of length 1"));
}

TEST_CASE("keras2 connections quote names as Python's repr does", "[summary_keras2_graph]") {
    ModelSummary m = test::graph_model("q", false);
    test::add_row(m, "it's", "InputLayer", {kNone, 2}, 0);
    test::add_row(m, "b", "InputLayer", {kNone, 2}, 0);
    test::add_row(m, "add", "Add", {kNone, 2}, 0, {{"it's"}, {"b"}});
    const std::string b = summary_keras2(m, Keras2Era::B);
    CHECK(b.find("[\"it's[0][0]\",") != std::string::npos);
    CHECK(b.find(" 'b[0][0]']") != std::string::npos);
}

TEST_CASE("keras2: a Keras 3 operation's row prints tf.keras's TFOpLambda class", "[summary_keras2_graph]") {
    ModelSummary m = padlab::test::toy_resnet(true);
    m.layers[6].operation = true;  // LayerSummary::operation; its name is the TFOpLambda's
    m.layers[6].name = "tf.__operators__.add";
    const std::string text = summary_keras2(m, Keras2Era::A, SummaryOptions{});
    CHECK(text.find("\ntf.__operators__.add (TFOpLambd (None, 9, 9, 64)     0           conv2d_11[0][0]") != std::string::npos);
}
