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
    CHECK_THROWS_WITH(parse_activation("gelu"),
                      "Could not interpret activation function identifier: gelu. "
                      "Supported activations: linear, relu, sigmoid, tanh, softmax");
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
    CHECK(v.names() == std::vector<std::string_view>{"linear", "relu", "sigmoid", "tanh", "softmax"});
    CHECK(v.entries()[0].value == ConvOptions{}.activation);  // the default
    for (const auto& e : v.entries()) {
        CHECK(to_string(parse_activation(e.name)) == e.name);
        for (auto alias : e.aliases) CHECK(parse_activation(alias) == e.value);
    }
}
