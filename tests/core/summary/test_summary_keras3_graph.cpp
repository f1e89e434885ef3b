// Keras 3 summaries of graph (Functional) models and the summary() options. [pub]: published
// summaries (notes/graph-summary.md §3, sources there); [replica]: rendered by the notes'
// replica of keras/src/utils/summary_utils.py driving Debian's python3-rich 13.3.1, for cases
// no published text covers. Expected texts live in tests/core/summary/expected/.
#include "core/summary/summary_keras3.hpp"

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/summary/summary_style.hpp"
#include "tests/core/summary/summary_fixtures.hpp"

using namespace padlab;
using padlab::test::expected_text;

TEST_CASE("keras3 3.0.0-3.0.4: the toy ResNet at width 76, positions [.3, .56, .70, 1] [pub]",
          "[summary_keras3_graph]") {
    SummaryOptions options;
    options.keras3_release = Keras3Release::V3_0_0;
    // The default width: min(108, 80 - 4) on a non-TTY console.
    CHECK(summary_keras3(test::toy_resnet(true), options) == expected_text("keras3_0_0_toy_resnet.txt"));
}

TEST_CASE("keras3 3.0.5+: the toy ResNet at width 76, positions [.3, .56, .74, 1] [pub]", "[summary_keras3_graph]") {
    const ModelSummary m = test::toy_resnet(true);
    CHECK(summary_keras3(m, SummaryOptions{}) == expected_text("keras3_0_5_toy_resnet.txt"));
    CHECK(summary_keras3(m, 76) == expected_text("keras3_0_5_toy_resnet.txt"));
    CHECK(summary_keras3(m) == expected_text("keras3_0_5_toy_resnet.txt"));
}

TEST_CASE("keras3: a sequential-like graph in a wide terminal, Keras 3 names [pub]", "[summary_keras3_graph]") {
    SummaryOptions options;
    options.console_width = 120;  // default min(88, 116) = 88
    CHECK(summary_keras3(test::mnist_model(), options) == expected_text("keras3_0_5_mnist_model_88.txt"));
    CHECK(summary_keras3(test::mnist_model(), 88) == expected_text("keras3_0_5_mnist_model_88.txt"));
}

TEST_CASE("keras3: a shared layer, connections joined with ', ' [replica]", "[summary_keras3_graph]") {
    CHECK(summary_keras3(test::shared_model(), SummaryOptions{}) == expected_text("keras3_0_5_shared.txt"));
    // A terminal wider than 112 columns: the functional default, 108.
    SummaryOptions wide;
    wide.console_width = 200;
    CHECK(summary_keras3(test::shared_model(), wide) == expected_text("keras3_0_5_shared_108.txt"));
}

TEST_CASE("keras3: show_trainable adds a centred column, '-' for layers without weights [replica]",
          "[summary_keras3_graph]") {
    SummaryOptions options;
    options.show_trainable = true;
    CHECK(summary_keras3(test::shared_model(), options) == expected_text("keras3_0_5_shared_trainable.txt"));
    ModelSummary frozen = test::shared_model();
    frozen.layers[2].trainable = false;
    CHECK(summary_keras3(frozen, options).find("\u2502 shared (Dense)    \u2502 (None, 3)       \u2502        15 \u2502 a[0][0],       \u2502   N   \u2502") !=
          std::string::npos);
}

TEST_CASE("keras3: a multi-output layer prints its shapes as a list [replica]", "[summary_keras3_graph]") {
    CHECK(summary_keras3(test::multi_output_model(), SummaryOptions{}) == expected_text("keras3_0_5_multi_output.txt"));
}

TEST_CASE("keras3: expand_nested adds '└ ' rows without connections [replica]", "[summary_keras3_graph]") {
    SummaryOptions options;
    options.expand_nested = true;
    options.show_trainable = true;
    CHECK(summary_keras3(test::nested_graph_model(), options) == expected_text("keras3_0_5_nested_graph_expanded.txt"));
    // Deeper levels indent three more spaces each.
    SummaryOptions wide;
    wide.expand_nested = true;
    wide.line_length = 120;
    const std::string deep =
        summary_keras3(test::nested_test_model({"input_3", "input_1", "input_2", "model_1", "model"}, "model_2"), wide);
    CHECK(deep.find("\u2502    \u2514 model (Functional)") != std::string::npos);
    CHECK(deep.find("\u2502       \u2514 conv2d (Conv2D)") != std::string::npos);
}

TEST_CASE("keras3: Keras 3 names where they differ; a shared layer shows its output_shape", "[summary_keras3_graph]") {
    ModelSummary m = test::shared_model();
    m.name_keras3 = "functional";
    m.layers[0].name_keras3 = "input_layer";
    m.layers[2].multiple_shapes = true;  // Keras 3 never prints "multiple"
    const std::string text = summary_keras3(m, SummaryOptions{});
    CHECK(text.rfind("Model: \"functional\"\n", 0) == 0);
    CHECK(text.find("\u2502 input_layer         \u2502") != std::string::npos);
    CHECK(text.find("\u2502 input_layer[0][0\u2026 \u2502") != std::string::npos);  // Keras 3 names, cut by rich
    CHECK(text.find("multiple") == std::string::npos);
}

TEST_CASE("keras3: layer_range matches Keras 3 names; widths below 4 are refused", "[summary_keras3_graph]") {
    ModelSummary m = test::shared_model();
    m.layers[4].name_keras3 = "head";
    SummaryOptions options;
    options.layer_range = {"shared", "head"};
    const std::string text = summary_keras3(m, options);
    CHECK(text.find("a (InputLayer)") == std::string::npos);
    CHECK(text.find("head (Dense)") != std::string::npos);
    CHECK(text.find("out2 (Dense)") == std::string::npos);
    CHECK(text.find(" Total params: 27 (108.00 B)\n") != std::string::npos);
    options.layer_range = {"out1", "head"};
    CHECK_THROWS_WITH(summary_keras3(m, options), Catch::Contains("Passed layer_names do not match"));

    SummaryOptions narrow;
    narrow.line_length = 20;
    CHECK_THROWS_MATCHES(summary_keras3(test::toy_resnet(true), narrow), ArgumentError,
                         Catch::Message("Insufficient console width to print summary."));
    narrow.line_length = -1;
    CHECK_THROWS_AS(summary_keras3(test::toy_resnet(true), narrow), ArgumentError);
    narrow.line_length = 0;  // Python's None: the default width
    CHECK(summary_keras3(test::toy_resnet(true), narrow) == expected_text("keras3_0_5_toy_resnet.txt"));
}

TEST_CASE("keras3 3.0.0-3.0.4: sequential-like widths 84 / [0.45, 0.84, 1]", "[summary_keras3_graph]") {
    SummaryOptions options;
    options.keras3_release = Keras3Release::V3_0_0;
    // At 76: int(76 * [.45, .84, 1]) = [34, 63, 76] -> 34/29/13, shrunk by rich to 33/27/12, the
    // widths of the sequential tables on the 3.0.0-3.0.4 keras.io pages.
    const std::string text = summary_keras3(test::blog_model(false), options);
    CHECK(text.find("\u2503 Layer (type)                    \u2503 Output Shape              \u2503    Param # \u2503") !=
          std::string::npos);
}

TEST_CASE("summary_text passes the options to both styles", "[summary_keras3_graph]") {
    SummaryFormat format;
    format.options.show_trainable = true;
    format.era = Keras2Era::C;
    const ModelSummary m = test::shared_model();
    CHECK(summary_text(m, format) == summary_keras2(m, Keras2Era::C, format.options));
    format.style = SummaryStyle::Keras3;
    CHECK(summary_text(m, format) == expected_text("keras3_0_5_shared_trainable.txt"));
    // format.line_length is the Keras 3 width unless the options name one; 0 = Keras's default.
    format.options.show_trainable = false;
    format.line_length = 0;
    format.options.console_width = 200;
    CHECK(summary_text(m, format) == expected_text("keras3_0_5_shared_108.txt"));
    format.options.line_length = 76;
    CHECK(summary_text(m, format) == expected_text("keras3_0_5_shared.txt"));
}
