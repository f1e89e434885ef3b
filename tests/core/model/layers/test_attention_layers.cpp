// MultiHeadAttention, Attention, AdditiveAttention (core/model/layers/attention_layers.cpp).
// TF.js has none of them: counts follow keras/src/layers/attention/multi_head_attention.py
// build() (four EinsumDense projections) and attention.py / additive_attention.py build().
#include <catch2/catch.hpp>

#include "tests/core/model/layers/layer_test_helpers.hpp"

using nlohmann::json;
using padlab::ArgumentError;
using padlab::LayerResult;
using padlab::Shape;
using padlab::ShapeError;
using padlab::test::infer_layer;
using padlab::test::MessageContains;
using padlab::test::None;
using Catch::Matchers::Message;

namespace {
LayerResult infer_on(const char* cls, const json& config, const std::vector<Shape>& inputs) {
    const padlab::LayerType* type = padlab::find_layer_type(cls);
    REQUIRE(type != nullptr);
    REQUIRE(type->infer_list != nullptr);
    return type->infer_list(config, inputs);
}
}  // namespace

TEST_CASE("MultiHeadAttention: query, key, value and output projections", "[layers][attention]") {
    const padlab::LayerType* type = padlab::find_layer_type("MultiHeadAttention");
    CHECK(type->call_tensors == std::vector<std::string_view>{"query", "value", "key"});
    // num_heads=2, key_dim=2 on (None, 8, 16), query = value: q, k, v 16*2*2 + 2*2 = 68 each,
    // output 2*2*16 + 16 = 80.
    const Shape x{None, 8, 16};
    const auto r = infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}}, {x, x});
    CHECK(r.output_shape == x);
    CHECK(r.trainable_params == 284);
    CHECK(r.non_trainable_params == 0);
    CHECK(r.macs == 8 * (16 * 4 + 4 * 16) + 8 * (16 * 4 + 16 * 4));
    // keras.io's text-classification Transformer block: embed_dim 32, 2 heads, key_dim 32:
    // 3 * (32*64 + 64) + (64*32 + 32) = 8,416.
    CHECK(infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 32}}, {{None, 200, 32}, {None, 200, 32}})
              .trainable_params == 8416);
    // value_dim, output_shape, no bias, a separate key, cross attention over another length.
    const auto cross = infer_on("MultiHeadAttention",
                                {{"num_heads", 4}, {"key_dim", 8}, {"value_dim", 16}, {"output_shape", 10}, {"use_bias", false}},
                                {{None, 5, 12}, {None, 7, 6}, {None, 7, 9}});
    CHECK(cross.output_shape == Shape{None, 5, 10});
    CHECK(cross.trainable_params == 12 * 32 + 9 * 32 + 6 * 64 + 64 * 10);
    // Keras 3's use_gate adds Dq * H * V + H * V.
    CHECK(infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}, {"use_gate", true}}, {x, x}).trainable_params ==
          284 + 68);
    // Images: attention over axes 1, 2; only the last axis is projected.
    CHECK(infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}, {"attention_axes", {1, 2}}},
                   {{None, 4, 4, 16}, {None, 4, 4, 16}})
              .trainable_params == 284);
}

TEST_CASE("MultiHeadAttention errors", "[layers][attention][errors]") {
    const Shape x{None, 8, 16};
    CHECK_THROWS_MATCHES(infer_layer("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}}, x), ArgumentError,
                         Message("MultiHeadAttention.call() missing 1 required positional argument: 'value'"));
    CHECK_THROWS_MATCHES(infer_on("MultiHeadAttention", {{"num_heads", 0}, {"key_dim", 2}}, {x, x}), ArgumentError,
                         Message("Received an invalid value for argument `num_heads`, expected a positive integer. "
                                 "Received: num_heads=0"));
    CHECK_THROWS_MATCHES(infer_on("MultiHeadAttention", {{"num_heads", 2}}, {x, x}), ArgumentError,
                         Message("MultiHeadAttention.__init__() missing 1 required positional argument: 'key_dim'"));
    CHECK_THROWS_MATCHES(infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}, {"value_dim", -3}}, {x, x}),
                         ArgumentError,
                         Message("Received an invalid value for argument `value_dim`, expected a positive integer or "
                                 "`None`. Received: value_dim=-3"));
    CHECK_THROWS_MATCHES(infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}}, {x, {None, 7, 16}, {None, 6, 16}}),
                         ShapeError,
                         Message("All dimensions of `value` and `key`, except the last one, must be equal. Received: "
                                 "value_shape=(None, 7, 16) and key_shape=(None, 6, 16)"));
    CHECK_THROWS_MATCHES(infer_on("MultiHeadAttention", {{"num_heads", 2}, {"key_dim", 2}}, {{None, 8, None}, x}),
                         ShapeError, MessageContains("needs the last axis of query, value and key defined"));
}

TEST_CASE("Attention and AdditiveAttention", "[layers][attention]") {
    const Shape q{None, 5, 16}, v{None, 7, 8};
    const auto dot = infer_on("Attention", json::object(), {q, v});
    CHECK(dot.output_shape == Shape{None, 5, 8});
    CHECK(dot.trainable_params == 0);
    CHECK(infer_on("Attention", {{"use_scale", true}}, {q, v, v}).trainable_params == 1);
    CHECK(infer_on("Attention", {{"use_scale", true}, {"score_mode", "concat"}}, {q, v}).trainable_params == 2);
    const auto add = infer_on("AdditiveAttention", json::object(), {{None, 5, 8}, {None, 7, 8}});
    CHECK(add.output_shape == Shape{None, 5, 8});
    CHECK(add.trainable_params == 8);  // the scale vector, use_scale=True by default
    CHECK(infer_on("AdditiveAttention", {{"use_scale", false}}, {q, v}).trainable_params == 0);
    CHECK_THROWS_MATCHES(infer_on("Attention", json::object(), {q}), ArgumentError,
                         Message("Attention layer accepts inputs list of length 2 or 3, namely [query, value] or "
                                 "[query, value, key]. Received length: 1."));
    CHECK_THROWS_MATCHES(infer_layer("Attention", json::object(), q), ArgumentError,
                         MessageContains("Attention layer must be called on a list of inputs, namely [query, value] or "
                                         "[query, value, key]."));
    CHECK_THROWS_MATCHES(infer_on("Attention", {{"score_mode", "add"}}, {q, v}), ArgumentError,
                         Message("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: "
                                 "score_mode=add"));
}
