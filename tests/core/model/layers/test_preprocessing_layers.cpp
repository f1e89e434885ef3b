// Rescaling, Normalization, Resizing, CenterCrop, Random*, TextVectorization, Lambda
// (core/model/layers/preprocessing_layers.cpp). [tfjs]: TF.js 4.22 in node gave the same shape
// (Rescaling, CenterCrop incl. an image smaller than the crop, and CenterCrop's values). TF.js's
// Resizing drops the batch axis ([64, 32, 180] for (None, 180, 180, 3)): Keras 3's
// compute_output_shape is followed instead. Other facts: the Keras 3 source files named in the
// family file.
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::Shape;
using padlab::ShapeError;
using padlab::UnsupportedError;
using padlab::test::forward_refusal;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using padlab::test::run_forward;
using Catch::Matchers::Message;

TEST_CASE("image preprocessing shapes", "[layers][preprocessing]") {
    const Shape img{None, 180, 180, 3};
    CHECK(infer_layer("Rescaling", {{"scale", 1.0 / 255}}, img).output_shape == img);  // [tfjs]
    CHECK(infer_layer("Rescaling", {{"scale", {0.5, 1, 2}}, {"offset", -1}}, img).output_shape == img);
    CHECK(infer_layer("Resizing", {{"height", 64}, {"width", 32}}, img).output_shape == Shape{None, 64, 32, 3});
    CHECK(infer_layer("CenterCrop", {{"height", 64}, {"width", 32}}, img).output_shape == Shape{None, 64, 32, 3});  // [tfjs]
    CHECK(infer_layer("CenterCrop", {{"height", 64}, {"width", 32}}, {None, 10, 10, 3}).output_shape ==
          Shape{None, 64, 32, 3});  // [tfjs]
    CHECK(infer_layer("RandomCrop", {{"height", 64}, {"width", 32}}, img).output_shape == Shape{None, 64, 32, 3});
    // Keras 3 reads a rank-3 tensor as one unbatched image: Input((28, 28)) -> (64, 32, 28).
    CHECK(infer_layer("Resizing", {{"height", 64}, {"width", 32}}, {None, 28, 28}).output_shape == Shape{64, 32, 28});
    for (const auto& [cls, config] : std::vector<std::pair<const char*, json>>{
             {"RandomFlip", {{"mode", "horizontal"}}},
             {"RandomRotation", {{"factor", 0.1}}},
             {"RandomZoom", {{"height_factor", 0.1}}},
             {"RandomContrast", {{"factor", 0.2}}},
             {"RandomTranslation", {{"height_factor", 0.1}, {"width_factor", {-0.2, 0.2}}}}}) {
        INFO(cls);
        const auto r = infer_layer(cls, config, img);
        CHECK(r.output_shape == img);
        CHECK(r.trainable_params + r.non_trainable_params == 0);
    }
}

TEST_CASE("image preprocessing errors", "[layers][preprocessing][errors]") {
    const Shape img{None, 8, 8, 3};
    CHECK_THROWS_MATCHES(infer_layer("Rescaling", json::object(), img), ArgumentError,
                         Message("Rescaling.__init__() missing 1 required positional argument: 'scale'"));
    CHECK_THROWS_MATCHES(infer_layer("CenterCrop", {{"height", 4}, {"width", 4}}, {None, 8}), ShapeError,
                         Message("`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or "
                                 "4 (batched). Received: input_shape=(None, 8)"));
    CHECK_THROWS_MATCHES(infer_layer("Resizing", {{"height", 4}, {"width", 4}, {"interpolation", "cubic"}}, img),
                         ArgumentError, MessageContains("Received: interpolation=cubic"));
    CHECK_THROWS_MATCHES(infer_layer("RandomFlip", {{"mode", "diagonal"}, {"name", "flip"}}, img), ArgumentError,
                         Message("RandomFlip layer flip received an unknown mode argument diagonal"));
    CHECK_THROWS_MATCHES(infer_layer("RandomRotation", {{"factor", 1.5}}, img), ArgumentError,
                         Message("The `factor` argument should be a number (or a list of two numbers) in the range "
                                 "[-1, 1]. Received: factor=1.5"));
    CHECK_THROWS_MATCHES(infer_layer("RandomRotation", json::object(), img), ArgumentError,
                         Message("RandomRotation.__init__() missing 1 required positional argument: 'factor'"));
    CHECK_THROWS_MATCHES(infer_layer("RandomRotation", {{"factor", 0.1}, {"fill_mode", "mirror"}}, img), ArgumentError,
                         Message("Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest')."));
    CHECK_THROWS_MATCHES(infer_layer("RandomZoom", {{"height_factor", -1.0}}, img), ArgumentError,
                         Message("The `height_factor` and `width_factor` arguments should be a number (or a list of two "
                                 "numbers) in the range (-1.0, 1.0]. Received: input_number=-1.0"));
    CHECK_THROWS_MATCHES(infer_layer("RandomTranslation", {{"height_factor", 0.1}}, img), ArgumentError,
                         Message("RandomTranslation.__init__() missing 1 required positional argument: 'width_factor'"));
    CHECK_THROWS_MATCHES(infer_layer("RandomContrast", {{"factor", 1.5}}, img), ArgumentError,
                         Message("The `factor` argument should be a number (or a list of two numbers) in the range "
                                 "[0, 1]. Received: factor=1.5"));
}

TEST_CASE("RandomWidth / RandomHeight leave the resized axis unknown", "[layers][preprocessing]") {
    // tf_keras/layers/preprocessing/image_preprocessing.py compute_output_shape (W_AXIS = -2,
    // H_AXIS = -3); Keras 3 keras/src/legacy/layers.py the same. TF.js 4.22 cannot build it
    // (tests/golden/README.md): tests/golden/fixtures/families.json "random_width" cases.
    const Shape img{None, 32, 24, 3};
    CHECK(infer_layer("RandomWidth", {{"factor", 0.2}}, img).output_shape == Shape{None, 32, None, 3});
    CHECK(infer_layer("RandomWidth", {{"factor", {-0.2, 0.3}}}, img).output_shape == Shape{None, 32, None, 3});
    CHECK(infer_layer("RandomHeight", {{"factor", 0.2}, {"interpolation", "nearest"}}, img).output_shape ==
          Shape{None, None, 24, 3});
    CHECK(infer_layer("RandomWidth", {{"factor", 0.2}}, img).trainable_params == 0);
    CHECK_THROWS_MATCHES(infer_layer("RandomWidth", {{"factor", {0.3, 0.2}}}, img), ArgumentError,
                         Message("`factor` argument cannot have an upper bound less than the lower bound. Received: "
                                 "factor=(0.3, 0.2)"));
    CHECK_THROWS_MATCHES(infer_layer("RandomHeight", {{"factor", {0.3, 0.2}}}, img), ArgumentError,
                         MessageContains("cannot have an upper bound lesser than the lower bound"));
    CHECK_THROWS_MATCHES(infer_layer("RandomWidth", {{"factor", {-1.5, 0.2}}}, img), ArgumentError,
                         Message("`factor` argument must have values larger than -1. Received: factor=(-1.5, 0.2)"));
    CHECK_THROWS_MATCHES(infer_layer("RandomWidth", json::object(), img), ArgumentError,
                         Message("RandomWidth.__init__() missing 1 required positional argument: 'factor'"));
    CHECK_THROWS_MATCHES(infer_layer("RandomWidth", {{"factor", 0.1}, {"interpolation", "cubic"}}, img), ArgumentError,
                         MessageContains("Value not recognized for `interpolation`: cubic."));
}

TEST_CASE("CategoryEncoding: one_hot appends num_tokens, multi_hot and count replace the last axis",
          "[layers][preprocessing]") {
    // keras/src/layers/preprocessing/category_encoding.py compute_output_shape (tf_keras's the
    // same for batched inputs). [tfjs]: TF.js 4.22 gave (None, 3, 7), (None, 7), (None, 7),
    // (None, 3, 7) for these four.
    CHECK(infer_layer("CategoryEncoding", {{"num_tokens", 7}, {"output_mode", "one_hot"}}, {None, 3}).output_shape ==
          Shape{None, 3, 7});
    CHECK(infer_layer("CategoryEncoding", {{"num_tokens", 7}, {"output_mode", "one_hot"}}, {None, 1}).output_shape ==
          Shape{None, 7});
    CHECK(infer_layer("CategoryEncoding", {{"num_tokens", 7}, {"output_mode", "count"}}, {None, 3}).output_shape ==
          Shape{None, 7});
    CHECK(infer_layer("CategoryEncoding", {{"num_tokens", 7}}, {None, 3, 2}).output_shape == Shape{None, 3, 7});
    CHECK(infer_layer("CategoryEncoding", {{"num_tokens", 7}, {"output_mode", "binary"}}, {None, 4}).output_shape ==
          Shape{None, 7});
    CHECK(infer_layer("CategoryEncoding", {{"num_tokens", 7}}, {None, 4}).trainable_params == 0);
    CHECK_THROWS_MATCHES(infer_layer("CategoryEncoding", json::object(), {None, 4}), ArgumentError,
                         Message("num_tokens must be set to use this layer. If the number of tokens is not known "
                                 "beforehand, use the IntegerLookup layer instead."));
    CHECK_THROWS_MATCHES(infer_layer("CategoryEncoding", {{"num_tokens", 0}}, {None, 4}), ArgumentError,
                         Message("`num_tokens` must be >= 1. Received: num_tokens=0."));
    CHECK_THROWS_MATCHES(infer_layer("CategoryEncoding", {{"num_tokens", 3}, {"output_mode", "tf_idf"}}, {None, 4}),
                         ArgumentError, Message("Unknown arg for output_mode: tf_idf"));
}

TEST_CASE("Normalization keeps mean, variance and count as non-trainable weights", "[layers][preprocessing]") {
    // axis=-1 on (None, H, W, C): mean C + variance C + count 1.
    const auto r = infer_layer("Normalization", json::object(), {None, 32, 32, 3});
    CHECK(r.output_shape == Shape{None, 32, 32, 3});
    CHECK(r.trainable_params == 0);
    CHECK(r.non_trainable_params == 7);
    CHECK(infer_layer("Normalization", {{"axis", {1, 2}}}, {None, 4, 5, 3}).non_trainable_params == 41);
    CHECK(infer_layer("Normalization", {{"axis", nullptr}}, {None, 4, 5, 3}).non_trainable_params == 3);
    // Given mean and variance, it creates no weights.
    CHECK(infer_layer("Normalization", {{"mean", 0.5}, {"variance", 2.0}}, {None, 3}).non_trainable_params == 0);
    CHECK_THROWS_MATCHES(infer_layer("Normalization", {{"mean", 0.5}}, {None, 3}), ArgumentError,
                         Message("When setting values directly, both `mean` and `variance` must be set. Received: "
                                 "mean=0.5 and variance=None"));
    CHECK_THROWS_MATCHES(infer_layer("Normalization", {{"axis", 3}}, {None, 3}), ShapeError,
                         Message("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=2, "
                                 "while axis=(3,)"));
    CHECK_THROWS_MATCHES(infer_layer("Normalization", json::object(), {None, None}), ShapeError,
                         Message("All `axis` values to be kept must have a known shape. Received axis=(-1,), "
                                 "inputs.shape=(None, None), with unknown axis at index 1"));
}

TEST_CASE("TextVectorization output shapes by output_mode", "[layers][preprocessing]") {
    // keras/src/layers/preprocessing/text_vectorization.py compute_output_shape.
    CHECK(infer_layer("TextVectorization", {{"max_tokens", 20000}, {"output_sequence_length", 500}}, {None, 1})
              .output_shape == Shape{None, 500});
    CHECK(infer_layer("TextVectorization", json::object(), {None}).output_shape == Shape{None, None});
    CHECK(infer_layer("TextVectorization", {{"output_mode", "multi_hot"}, {"max_tokens", 100}, {"pad_to_max_tokens", true}},
                      {None})
              .output_shape == Shape{None, 100});
    CHECK(infer_layer("TextVectorization", {{"output_mode", "tf_idf"}, {"max_tokens", 100}}, {None}).output_shape ==
          Shape{None, None});  // the vocabulary size is unknown before adapt()
    CHECK(infer_layer("TextVectorization", {{"output_mode", "count"}, {"vocabulary_size", 42}}, {None}).output_shape ==
          Shape{None, 42});
    CHECK_THROWS_MATCHES(infer_layer("TextVectorization", {{"output_mode", "bag"}}, {None}), ArgumentError,
                         Message("Unknown value for `output_mode` argument of TextVectorization. Allowed values are: "
                                 "('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode=bag"));
    CHECK_THROWS_MATCHES(infer_layer("TextVectorization", {{"output_mode", "count"}, {"output_sequence_length", 5}}, {None}),
                         ArgumentError,
                         Message("`output_sequence_length` must not be set if `output_mode` is not 'int'. Received "
                                 "output_sequence_length=5."));
}

TEST_CASE("Lambda uses output_shape or refuses by name", "[layers][preprocessing]") {
    CHECK(infer_layer("Lambda", {{"output_shape", {10}}}, {None, 5}).output_shape == Shape{None, 10});
    CHECK(infer_layer("Lambda", {{"output_shape", {4, 4}}}, {8, 16}).output_shape == Shape{8, 4, 4});
    // Keras 2's JSON of output_shape=lambda s: s: bytecode, output_shape_type 'lambda'.
    CHECK_THROWS_MATCHES(infer_layer("Lambda", {{"output_shape", {"4wEAAAAA", nullptr, nullptr}}, {"output_shape_type", "lambda"}},
                                     {None, 5}),
                         UnsupportedError, MessageContains("an output_shape that is a function cannot be evaluated"));
    CHECK_THROWS_MATCHES(infer_layer("Lambda", {{"name", "double"}}, {None, 5}), UnsupportedError,
                         MessageContains("Lambda 'double': We could not automatically infer the shape of the Lambda's "
                                         "output. Please specify the `output_shape` argument for this Lambda layer."));
}

TEST_CASE("preprocessing layers run", "[layers][preprocessing][layer_forward]") {
    const std::vector<float> x = {0, 51, 255, 102};
    const auto scaled = run_forward("Rescaling", {{"scale", 1.0 / 255}}, {1, 2, 2, 1}, {1, 2, 2, 1}, x);
    CHECK(scaled[1] == Approx(0.2f));
    CHECK(scaled[2] == Approx(1.0f));
    CHECK(run_forward("Rescaling", {{"scale", {1, 2}}, {"offset", -1}}, {1, 1, 2, 2}, {1, 1, 2, 2}, {1, 1, 1, 1}) ==
          std::vector<float>{0, 1, 0, 1});
    CHECK(run_forward("Resizing", {{"height", 4}, {"width", 4}}, {1, 2, 2, 1}, {1, 4, 4, 1}, {0, 1, 2, 3}) ==
          std::vector<float>{0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3});
    CHECK(run_forward("Resizing", {{"height", 3}, {"width", 3}, {"interpolation", "nearest"}}, {1, 2, 2, 1}, {1, 3, 3, 1},
                      {0, 1, 2, 3}) == std::vector<float>{0, 1, 1, 2, 3, 3, 2, 3, 3});
    // CenterCrop 5x4 -> 2x1 starts at ((5-2)//2, (4-1)//2) = (1, 1): [tfjs] gave 5, 9.
    std::vector<float> grid(20);
    for (std::size_t i = 0; i < grid.size(); ++i) grid[i] = static_cast<float>(i);
    CHECK(run_forward("CenterCrop", {{"height", 2}, {"width", 1}}, {1, 5, 4, 1}, {1, 2, 1, 1}, grid) ==
          std::vector<float>{5, 9});
    CHECK(run_forward("RandomFlip", json::object(), {1, 2, 2, 1}, {1, 2, 2, 1}, x) == x);  // inference: identity
    CHECK_THAT(forward_refusal("CenterCrop", {{"height", 8}, {"width", 8}}, {1, 4, 4, 1}, {1, 8, 8, 1}),
               Catch::Matchers::Contains("on an image smaller than the crop"));
    CHECK_THAT(forward_refusal("Resizing", {{"height", 8}, {"width", 8}, {"interpolation", "bicubic"}}, {1, 4, 4, 1},
                               {1, 8, 8, 1}),
               Catch::Matchers::Contains("interpolation='bicubic'"));
    // Normalization: (x - mean) / sqrt(variance) per channel; invert undoes it; un-adapted it is the identity.
    CHECK(run_forward("Normalization", {{"mean", {1, 2}}, {"variance", {4, 1}}}, {1, 2, 2}, {1, 2, 2}, {3, 2, 5, 0}) ==
          std::vector<float>{1, 0, 2, -2});
    CHECK(run_forward("Normalization", {{"mean", 1}, {"variance", 4}, {"invert", true}}, {1, 2}, {1, 2}, {1, -1}) ==
          std::vector<float>{3, -1});
    CHECK(run_forward("Normalization", json::object(), {1, 2}, {1, 2}, {3, -1}) == std::vector<float>{3, -1});
    CHECK_THAT(forward_refusal("Normalization", {{"axis", 1}}, {1, 2, 3}, {1, 2, 3}),
               Catch::Matchers::Contains("over an axis other than the last"));
    CHECK(forward_refusal("TextVectorization", json::object(), {1, 1}, {1, 4}) == "no forward");
}
