#pragma once
// Shared by the layer tests: run one registered layer's inference by class name.
#include <exception>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_registry.hpp"

namespace padlab::test {

inline LayerResult infer_layer(std::string_view class_name, const nlohmann::json& config, const Shape& input) {
    const LayerType* type = find_layer_type(class_name);
    REQUIRE(type != nullptr);
    return type->infer(config, input);
}

constexpr Dim None = kNone;

// Catch2 2.x has Message() (exact) but no substring form for exceptions.
class MessageContainsMatcher : public Catch::MatcherBase<std::exception> {
public:
    explicit MessageContainsMatcher(std::string part) : part_(std::move(part)) {}
    bool match(const std::exception& e) const override {
        return std::string(e.what()).find(part_) != std::string::npos;
    }
    std::string describe() const override { return "message contains \"" + part_ + "\""; }

private:
    std::string part_;
};

inline MessageContainsMatcher MessageContains(std::string part) { return MessageContainsMatcher(std::move(part)); }

// Builds one registered layer's forward pass at batch-1 shapes (as network.cpp does, seed 7)
// and runs it on `x`; the layer is named 'layer_x'.
inline std::vector<float> run_forward(std::string_view cls, const nlohmann::json& config, const Shape& in,
                                      const Shape& out, const std::vector<float>& x,
                                      const std::optional<Pads>& padding = std::nullopt) {
    const LayerType* type = find_layer_type(cls);
    REQUIRE(type != nullptr);
    REQUIRE(type->forward != nullptr);
    const layers::ConfigArgs args(config, cls);
    const ForwardContext context{config, args, type->class_name, "layer_x", in, out, padding, 7, 3};
    const auto layer = type->forward(context);
    REQUIRE(x.size() == static_cast<std::size_t>(shape_elements(in)));
    std::vector<float> y(static_cast<std::size_t>(shape_elements(out)));
    layer->run(x.data(), y.data());
    return y;
}

// The UnsupportedError text a build function throws for `config` (or "" when it builds).
inline std::string forward_refusal(std::string_view cls, const nlohmann::json& config, const Shape& in, const Shape& out) {
    const LayerType* type = find_layer_type(cls);
    REQUIRE(type != nullptr);
    if (!type->forward) return "no forward";
    const layers::ConfigArgs args(config, cls);
    const std::optional<Pads> padding;
    const ForwardContext context{config, args, type->class_name, "layer_x", in, out, padding, 7, 3};
    try {
        type->forward(context);
    } catch (const UnsupportedError& e) {
        return e.what();
    }
    return "";
}

}  // namespace padlab::test
