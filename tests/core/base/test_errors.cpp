#include <catch2/catch.hpp>

#include "core/base/errors.hpp"

using namespace padlab;

TEST_CASE("describe() prefixes what is known about the location", "[errors]") {
    CHECK(describe(ArgumentError("bad stride")) == "bad stride");
    CHECK(describe(ShapeError("too small", {"conv2d_1", 3, 0})) == "line 3, layer 'conv2d_1': too small");
    CHECK(describe(ParseError("unexpected ')'", {"", 2, 14})) == "line 2, column 14: unexpected ')'");
    CHECK(describe(LimitError("too big", {"dense", 0, 0})) == "layer 'dense': too big");
}

TEST_CASE("locate() fills only what is unknown", "[errors]") {
    ShapeError e("kernel larger than input", {"conv2d", 0, 0});
    e.locate({"outer_name", 7, 5});
    CHECK(e.where().layer == "conv2d");
    CHECK(e.where().line == 7);
    CHECK(e.where().column == 5);
    e.locate({"other", 9, 9});
    CHECK(e.where().line == 7);
    CHECK(describe(e) == "line 7, column 5, layer 'conv2d': kernel larger than input");
}

TEST_CASE("every error kind is a padlab::Error with its own kind()", "[errors]") {
    auto kind_of = [](const auto& e) { return std::string(static_cast<const Error&>(e).kind()); };
    CHECK(kind_of(Error("x")) == "Error");
    CHECK(kind_of(ArgumentError("x")) == "ArgumentError");
    CHECK(kind_of(ShapeError("x")) == "ShapeError");
    CHECK(kind_of(ParseError("x")) == "ParseError");
    CHECK(kind_of(UnsupportedError("x")) == "UnsupportedError");
    CHECK(kind_of(LimitError("x")) == "LimitError");
    try {
        throw ShapeError("caught as base");
    } catch (const Error& e) {
        CHECK(std::string(e.kind()) == "ShapeError");
        CHECK(std::string(e.what()) == "caught as base");
    }
    CHECK_THROWS_AS(throw ArgumentError("std"), std::runtime_error);
}
