#pragma once
// Shared by the layer tests: run one registered layer's inference by class name.
#include <exception>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
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

}  // namespace padlab::test
