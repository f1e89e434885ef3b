#include "core/summary/summary_keras3.hpp"

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "tests/core/summary/summary_fixtures.hpp"

using padlab::summary_keras3;

// Goldens A.5-A.7: Appendix A of keras-and-peers.md. The others were rendered by Keras 3's
// summary_utils code driving Debian's python3-rich 13.3.1 (the rich version the reference used).

TEST_CASE("keras3: the blog model at the notebook width 76 (A.5)", "[summary_keras3]") {
    const char* expected = R"TXT(Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_1 (Conv2D)               │ (None, 24, 24, 64)     │        18,496 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_2 (Conv2D)               │ (None, 22, 22, 128)    │        73,856 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 61952)          │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 256)            │    15,859,968 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │         2,570 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 15,955,210 (60.86 MB)
 Trainable params: 15,955,210 (60.86 MB)
 Non-trainable params: 0 (0.00 B)
)TXT";
    CHECK(summary_keras3(padlab::test::blog_model(false)) == expected);
    CHECK(summary_keras3(padlab::test::blog_model(false), 76) == expected);
}

TEST_CASE("keras3: padding='same' at width 76 (A.6)", "[summary_keras3]") {
    const char* expected = R"TXT(Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 28, 28, 32)     │           320 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_1 (Conv2D)               │ (None, 28, 28, 64)     │        18,496 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_2 (Conv2D)               │ (None, 28, 28, 128)    │        73,856 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 100352)         │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 256)            │    25,690,368 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │         2,570 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 25,785,610 (98.36 MB)
 Trainable params: 25,785,610 (98.36 MB)
 Non-trainable params: 0 (0.00 B)
)TXT";
    CHECK(summary_keras3(padlab::test::blog_model(true), 76) == expected);
}

TEST_CASE("keras3: a wide terminal, line_length 88 (A.7)", "[summary_keras3]") {
    const char* expected = R"TXT(Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                      │ (None, 26, 26, 32)          │             320 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ conv2d_1 (Conv2D)                    │ (None, 24, 24, 64)          │          18,496 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ conv2d_2 (Conv2D)                    │ (None, 22, 22, 128)         │          73,856 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ flatten (Flatten)                    │ (None, 61952)               │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense (Dense)                        │ (None, 256)                 │      15,859,968 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_1 (Dense)                      │ (None, 10)                  │           2,570 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 15,955,210 (60.86 MB)
 Trainable params: 15,955,210 (60.86 MB)
 Non-trainable params: 0 (0.00 B)
)TXT";
    CHECK(summary_keras3(padlab::test::blog_model(false), 88) == expected);
}

TEST_CASE("keras3 wraps long cells on words and ends overlong words with an ellipsis",
          "[summary_keras3]") {
    // Keras leaves rich's Column overflow at "ellipsis": a word wider than the cell keeps a
    // line of its own and is cut with '…'; CJK characters take two cells each.
    const char* expected = R"TXT(Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ a_very_long_layer_name_that_go… │ (None, 1024, 1024,     │ 12,345,678,9… │
│ (Conv3DTranspose)               │ 1024, 512)             │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv3d (Conv3D)                 │ (None, 12345, 12345,   │         3,584 │
│                                 │ 12345, 128)            │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ name with spaces and more words │ (None, 10)             │     1,234,567 │
│ here (Dense)                    │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ 層_レイヤー_名前                │ (None, 3)              │            12 │
│ (BatchNormalization)            │                        │               │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 12,345,680,139,397 (44.91 TB)
 Trainable params: 12,345,680,139,391 (44.91 TB)
 Non-trainable params: 6 (24.00 B)
)TXT";
    CHECK(summary_keras3(padlab::test::long_fields_model(), 76) == expected);
}

TEST_CASE("keras3 at a narrow width wraps the header too", "[summary_keras3]") {
    const char* expected = R"TXT(Model: "sequential"
┏━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━┓
┃ Layer      ┃ Output  ┃ Pa… ┃
┃ (type)     ┃ Shape   ┃   # ┃
┡━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━┩
│ conv2d     │ (None,  │ 320 │
│ (Conv2D)   │ 26, 26, │     │
│            │ 32)     │     │
├────────────┼─────────┼─────┤
│ conv2d_1   │ (None,  │ 18… │
│ (Conv2D)   │ 24, 24, │     │
│            │ 64)     │     │
├────────────┼─────────┼─────┤
│ conv2d_2   │ (None,  │ 73… │
│ (Conv2D)   │ 22, 22, │     │
│            │ 128)    │     │
├────────────┼─────────┼─────┤
│ flatten    │ (None,  │   0 │
│ (Flatten)  │ 61952)  │     │
├────────────┼─────────┼─────┤
│ dense      │ (None,  │ 15… │
│ (Dense)    │ 256)    │     │
├────────────┼─────────┼─────┤
│ dense_1    │ (None,  │ 2,… │
│ (Dense)    │ 10)     │     │
└────────────┴─────────┴─────┘
 Total params: 15,955,210 (60.86 MB)
 Trainable params: 15,955,210 (60.86 MB)
 Non-trainable params: 0 (0.00 B)
)TXT";
    CHECK(summary_keras3(padlab::test::blog_model(false), 30) == expected);
}

TEST_CASE("keras3 prints 1-D shapes as Keras 3 does, without the tuple comma", "[summary_keras3]") {
    padlab::ModelSummary m;
    m.name = "sequential";
    m.layers = {padlab::test::make_layer("dense", "Dense", {padlab::kNone, 4}, {padlab::kNone}, 5)};
    m.total_params = m.trainable_params = 5;
    CHECK(summary_keras3(m).find("\u2502 (None)                 \u2502") != std::string::npos);
}

TEST_CASE("keras3 refuses widths Keras cannot lay out", "[summary_keras3]") {
    const padlab::ModelSummary m = padlab::test::blog_model(false);
    CHECK_THROWS_MATCHES(summary_keras3(m, 15), padlab::ArgumentError,
                         Catch::Message("Insufficient console width to print summary."));
    CHECK_THROWS_AS(summary_keras3(m, 0), padlab::ArgumentError);
    CHECK_THROWS_AS(summary_keras3(m, -5), padlab::ArgumentError);
    CHECK_THROWS_MATCHES(summary_keras3(m, 5000), padlab::ArgumentError,
                         Catch::Message("line_length must be at most 4096; got 5000"));
    CHECK_NOTHROW(summary_keras3(m, 16));
    CHECK_NOTHROW(summary_keras3(m, 4096));
}
