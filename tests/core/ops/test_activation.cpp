#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "core/ops/activation.hpp"
#include "core/ops/reference_conv.hpp"
#include "core/base/errors.hpp"

using namespace padlab;

namespace {

std::vector<float> run(std::vector<float> v, std::size_t channels, Activation a) {
    apply_activation(v.data(), v.size(), channels, a);
    return v;
}

void check_close(const std::vector<float>& actual, const std::vector<float>& expected) {
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        INFO("index " << i);
        CHECK(actual[i] == Approx(expected[i]).margin(1e-6));
    }
}

}  // namespace

TEST_CASE("parse_activation uses Keras names", "[activation]") {
    CHECK(parse_activation("linear") == Activation::Linear);
    CHECK(parse_activation("") == Activation::Linear);
    CHECK(parse_activation("None") == Activation::Linear);
    CHECK(parse_activation("relu") == Activation::Relu);
    CHECK(parse_activation("sigmoid") == Activation::Sigmoid);
    CHECK(parse_activation("tanh") == Activation::Tanh);
    CHECK(parse_activation("softmax") == Activation::Softmax);
    CHECK(to_string(Activation::Softmax) == "softmax");
    CHECK(to_string(Activation::Linear) == "linear");
    CHECK_THROWS_AS(parse_activation("Relu"), ArgumentError);
    CHECK(parse_activation("gelu") == Activation::Gelu);
    CHECK(parse_activation("swish") == Activation::Silu);  // Keras 3's alias
    CHECK(parse_activation("hard_swish") == Activation::HardSilu);
    CHECK(parse_activation("logSoftmax") == Activation::LogSoftmax);  // TF.js's spelling
    CHECK_THROWS_WITH(parse_activation("gleu"),
                      Catch::Matchers::StartsWith("Could not interpret activation function identifier: gleu. "
                                                  "Supported activations: linear, relu, sigmoid, tanh, softmax, relu6, "));
    // Keras accepts these names, PadLab does not compute them (glu halves an axis, threshold needs arguments).
    CHECK(is_keras_activation("glu"));
    CHECK(is_keras_activation("threshold"));
    CHECK(is_keras_activation("hardSigmoid"));
    CHECK_FALSE(is_keras_activation("Relu"));
    CHECK_THROWS_AS(parse_activation("glu"), ArgumentError);
}

TEST_CASE("elementwise activations", "[activation]") {
    const std::vector<float> x = {-2.0f, -0.5f, 0.0f, 0.5f, 3.0f};
    check_close(run(x, 1, Activation::Linear), x);
    check_close(run(x, 1, Activation::Relu), {0.0f, 0.0f, 0.0f, 0.5f, 3.0f});
    check_close(run(x, 1, Activation::Sigmoid), {0.11920292f, 0.37754067f, 0.5f, 0.62245933f, 0.95257413f});
    check_close(run(x, 1, Activation::Tanh), {-0.96402758f, -0.46211716f, 0.0f, 0.46211716f, 0.99505475f});
    // no overflow at the extremes
    check_close(run({-1000.0f, 1000.0f}, 1, Activation::Sigmoid), {0.0f, 1.0f});
    CHECK(std::isnan(run({std::numeric_limits<float>::quiet_NaN()}, 1, Activation::Relu)[0]));
}

// Formulas of keras/src/backend/numpy/nn.py (Keras 3), values from Python's math module. TF.js
// 4.22 confirmed elu, selu, softplus, softsign, swish (= silu), mish, gelu, gelu_new,
// hardSigmoid (its 0.2 x + 0.5), relu6 and logSoftmax to 7 digits on the same x.
TEST_CASE("the other Keras activations, element by element", "[activation]") {
    const std::vector<float> x = {-2.0f, -0.5f, 0.0f, 0.5f, 3.0f};
    check_close(run(x, 1, Activation::Relu6), {0.0f, 0.0f, 0.0f, 0.5f, 3.0f});
    check_close(run({7.0f}, 1, Activation::Relu6), {6.0f});
    check_close(run(x, 1, Activation::LeakyRelu), {-0.4f, -0.1f, 0.0f, 0.5f, 3.0f});
    check_close(run(x, 1, Activation::Elu), {-0.86466472f, -0.39346934f, 0.0f, 0.5f, 3.0f});
    check_close(run(x, 1, Activation::Selu), {-1.5201665f, -0.69175819f, 0.0f, 0.52535049f, 3.152103f});
    check_close(run(x, 1, Activation::Celu), {-0.86466472f, -0.39346934f, 0.0f, 0.5f, 3.0f});
    check_close(run(x, 1, Activation::Gelu), {-0.045500264f, -0.15426877f, 0.0f, 0.34573123f, 2.9959503f});
    check_close(run(x, 1, Activation::GeluTanh), {-0.045402306f, -0.15428599f, 0.0f, 0.34571401f, 2.9963626f});
    check_close(run(x, 1, Activation::Silu), {-0.23840584f, -0.18877033f, 0.0f, 0.31122967f, 2.8577224f});
    check_close(run(x, 1, Activation::HardSilu), {-0.33333333f, -0.20833333f, 0.0f, 0.29166667f, 3.0f});
    check_close(run(x, 1, Activation::Mish), {-0.25250148f, -0.22074377f, 0.0f, 0.37524521f, 2.986535f});
    check_close(run(x, 1, Activation::HardSigmoid), {0.16666667f, 0.41666667f, 0.5f, 0.58333333f, 1.0f});
    check_close(run(x, 1, Activation::HardSigmoidTfjs), {0.1f, 0.4f, 0.5f, 0.6f, 1.0f});
    check_close(run(x, 1, Activation::LogSigmoid), {-2.126928f, -0.97407698f, -0.69314718f, -0.47407698f, -0.048587352f});
    check_close(run(x, 1, Activation::SparseSigmoid), {0.0f, 0.25f, 0.5f, 0.75f, 1.0f});
    check_close(run(x, 1, Activation::Softplus), {0.12692801f, 0.47407698f, 0.69314718f, 0.97407698f, 3.0485874f});
    check_close(run(x, 1, Activation::Softsign), {-0.66666667f, -0.33333333f, 0.0f, 0.33333333f, 0.75f});
    check_close(run(x, 1, Activation::SparsePlus), {0.0f, 0.0625f, 0.25f, 0.5625f, 3.0f});
    check_close(run(x, 1, Activation::Squareplus), {0.41421356f, 0.78077641f, 1.0f, 1.2807764f, 3.3027756f});
    check_close(run(x, 1, Activation::Exponential), {0.13533528f, 0.60653066f, 1.0f, 1.6487213f, 20.085537f});
    check_close(run(x, 1, Activation::HardTanh), {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f});
    check_close(run(x, 1, Activation::TanhShrink), {-1.0359724f, -0.037882843f, 0.0f, 0.037882843f, 2.0049452f});
    check_close(run(x, 1, Activation::HardShrink), {-2.0f, 0.0f, 0.0f, 0.0f, 3.0f});
    check_close(run(x, 1, Activation::SoftShrink), {-1.5f, 0.0f, 0.0f, 0.0f, 2.5f});
    // softplus without overflow
    check_close(run({100.0f}, 1, Activation::Softplus), {100.0f});
}

TEST_CASE("log_softmax and sparsemax normalise over the channel axis", "[activation]") {
    check_close(run({1.0f, 2.0f, 3.0f, 1001.0f, 1002.0f, 1003.0f}, 3, Activation::LogSoftmax),
                {-2.4076059f, -1.4076059f, -0.40760596f, -2.4076059f, -1.4076059f, -0.40760596f});
    // sparsemax([1, 2, 3]) = [0, 0, 1]; sparsemax([0.5, 0.6, 0.1]) = [0.5, 0.6, 0.1] - 1/15 (all in the support); a tie splits evenly.
    check_close(run({1.0f, 2.0f, 3.0f}, 3, Activation::Sparsemax), {0.0f, 0.0f, 1.0f});
    check_close(run({0.5f, 0.6f, 0.1f}, 3, Activation::Sparsemax), {0.43333334f, 0.53333333f, 0.033333335f});
    check_close(run({0.1f, 1.5f, 0.2f}, 3, Activation::Sparsemax), {0.0f, 1.0f, 0.0f});
    check_close(run({2.0f, 2.0f}, 2, Activation::Sparsemax), {0.5f, 0.5f});
    std::vector<float> bad = {1, 2, 3, 4};
    CHECK_THROWS_AS(apply_activation(bad.data(), bad.size(), 3, Activation::LogSoftmax), ArgumentError);
}

TEST_CASE("softmax normalises over the channel axis, stably", "[activation]") {
    // two positions x three channels
    const std::vector<float> x = {1.0f, 2.0f, 3.0f,
                                  0.0f, 0.0f, 0.0f};
    check_close(run(x, 3, Activation::Softmax), {0.09003057f, 0.24472847f, 0.66524096f,
                                                 1.0f / 3, 1.0f / 3, 1.0f / 3});
    // huge logits would overflow exp() without the max shift
    check_close(run({1000.0f, 1001.0f, 1002.0f}, 3, Activation::Softmax), {0.09003057f, 0.24472847f, 0.66524096f});
    check_close(run({5.0f}, 1, Activation::Softmax), {1.0f});
    std::vector<float> bad = {1, 2, 3, 4};
    CHECK_THROWS_AS(apply_activation(bad.data(), bad.size(), 3, Activation::Softmax), ArgumentError);
    apply_activation(nullptr, 0, 3, Activation::Softmax);  // empty data is fine
}

TEST_CASE("the activation vocabulary: linear first, exact names, each round-trips", "[activation]") {
    const auto& v = activation_vocabulary();
    CHECK(v.names() == std::vector<std::string_view>{
                           "linear",       "relu",          "sigmoid",     "tanh",        "softmax",    "relu6",
                           "leaky_relu",   "elu",           "selu",        "celu",        "gelu",       "gelu_new",
                           "silu",         "hard_silu",     "mish",        "hard_sigmoid", "hardSigmoid", "log_sigmoid",
                           "sparse_sigmoid", "softplus",    "softsign",    "sparse_plus", "squareplus", "exponential",
                           "hard_tanh",    "tanh_shrink",   "hard_shrink", "soft_shrink", "log_softmax", "sparsemax"});
    CHECK(v.entries()[0].value == ConvOptions{}.activation);  // the default
    for (const auto& e : v.entries()) {
        CHECK(to_string(parse_activation(e.name)) == e.name);
        for (auto alias : e.aliases) CHECK(parse_activation(alias) == e.value);
    }
}
