// The forward-pass side of a registry entry: the shared helpers, and one class's build
// function run through the registry as network.cpp runs it.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_forward.hpp"
#include "core/model/weight_init.hpp"
#include "tests/core/model/layers/layer_test_helpers.hpp"

using namespace padlab;

namespace {

// A context for `config` of class `cls` at batch-1 shapes.
struct Layer {
    Layer(const char* cls, nlohmann::json cfg, Shape in, Shape out, std::optional<Pads> pads = std::nullopt)
        : config(std::move(cfg)), args(config, cls), input(std::move(in)), output(std::move(out)),
          padding(std::move(pads)), context{config, args, cls, "layer_x", input, output, padding, 7, 3} {}
    nlohmann::json config;
    layers::ConfigArgs args;
    Shape input, output;
    std::optional<Pads> padding;
    ForwardContext context;

    std::unique_ptr<RunnableLayer> build() const {
        const LayerType* type = find_layer_type(context.class_name);
        REQUIRE(type);
        REQUIRE(type->forward);
        return type->forward(context);
    }
};

}  // namespace

TEST_CASE("forward helpers: errors name the layer, activations of the five, Keras's initializers", "[layer_forward]") {
    const Layer dense("Dense", {{"units", 2}, {"activation", "relu"}}, {1, 3}, {1, 2});
    CHECK(std::string(layers::unsupported_forward(dense.context, " with groups > 1.").what()) ==
          "The forward pass cannot run Dense 'layer_x' with groups > 1.");
    CHECK(layers::forward_activation(dense.context) == Activation::Relu);
    CHECK(layers::forward_activation(Layer("Dense", {{"units", 2}}, {1, 3}, {1, 2}).context) == Activation::Linear);
    const Layer keras3("Dense", {{"units", 2}, {"activation", {{"class_name", "function"}, {"config", "tanh"}}}}, {1, 3}, {1, 2});
    CHECK(layers::forward_activation(keras3.context) == Activation::Tanh);
    const Layer keras2("Dense", {{"units", 2}, {"activation", {{"class_name", "softmax"}}}}, {1, 3}, {1, 2});
    CHECK(layers::forward_activation(keras2.context) == Activation::Softmax);
    const Layer elu("Dense", {{"units", 2}, {"activation", "elu"}}, {1, 3}, {1, 2});
    CHECK(layers::forward_activation(elu.context) == Activation::Elu);
    // glu halves an axis Keras 3's Dense still reports whole: accepted by inference, not run.
    const Layer glu("Dense", {{"units", 2}, {"activation", "glu"}}, {1, 3}, {1, 2});
    CHECK_THROWS_MATCHES(layers::forward_activation(glu.context), UnsupportedError,
                         test::MessageContains("cannot run activation 'glu' of layer 'layer_x'"));

    const LayerWeight k = layers::glorot_weight("kernel", {3, 2}, 7, 3);
    std::vector<float> expected(6);
    fill_glorot_uniform(expected.data(), {3, 2}, 7, 3);
    CHECK(k.data == expected);
    CHECK(k.shape == Shape{3, 2});
    const LayerWeight b = layers::constant_weight("bias", 4, 0.5f);
    CHECK(b.data == std::vector<float>(4, 0.5f));
    CHECK(b.shape == Shape{4});
}

TEST_CASE("identity layers run in place and copy when given two buffers", "[layer_forward]") {
    const Layer flatten("Flatten", nlohmann::json::object(), {1, 2, 2, 1}, {1, 4});
    const auto layer = flatten.build();
    CHECK(layer->in_place());
    CHECK(layer->weights.empty());
    CHECK(layer->output_shape == Shape{1, 4});
    const std::vector<float> x{1, 2, 3, 4};
    std::vector<float> y(4);
    layer->run(x.data(), y.data());
    CHECK(y == x);
}

TEST_CASE("a registry entry builds its layer: Dense through its build function", "[layer_forward]") {
    const Layer dense("Dense", {{"units", 2}, {"activation", "relu"}}, {1, 3}, {1, 2});
    const auto layer = dense.build();
    CHECK_FALSE(layer->in_place());
    REQUIRE(layer->weights.size() == 2);
    CHECK(layer->weights[0].name == "kernel");
    CHECK(layer->weights[0].packed);
    CHECK(layer->weight("bias")->data == std::vector<float>{0, 0});
    // y = relu(x W), W Glorot-uniform from the context's stream, in Keras's [in, out] layout.
    std::vector<float> w(6);
    fill_glorot_uniform(w.data(), {3, 2}, 7, 3);
    const std::vector<float> x{1, -2, 0.5f};
    std::vector<float> y(2);
    layer->run(x.data(), y.data());
    for (int o = 0; o < 2; ++o) {
        const float v = x[0] * w[0 * 2 + o] + x[1] * w[1 * 2 + o] + x[2] * w[2 * 2 + o];
        CHECK(y[o] == Approx(std::max(v, 0.0f)).margin(1e-6));
    }
    // Its size as the network checks it before building: packed units round up to 8.
    const ForwardBytes bytes = find_layer_type("Dense")->forward_bytes({kNone, 3}, {kNone, 2}, 8);
    CHECK(bytes.resident == 4.0 * (8 + 3 * (8 - 2)));
    CHECK(bytes.build == 4.0 * 3 * 2);
}

TEST_CASE("build functions refuse what the forward pass cannot run, naming the layer", "[layer_forward]") {
    const Layer grouped("Conv1D", {{"filters", 4}, {"kernel_size", 3}, {"groups", 2}}, {1, 8, 4}, {1, 6, 4});
    CHECK_THROWS_MATCHES(grouped.build(), UnsupportedError,
                         Catch::Message("The forward pass cannot run Conv1D 'layer_x' with groups > 1."));
    const Layer axis("BatchNormalization", {{"axis", 1}}, {1, 4, 3}, {1, 4, 3});
    CHECK_THROWS_MATCHES(axis.build(), UnsupportedError, test::MessageContains("over an axis other than the last"));
    CHECK(find_layer_type("UpSampling2D")->forward == nullptr);
}
