#include <catch2/catch.hpp>

#include "core/base/errors.hpp"

#include <new>
#include <stdexcept>

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

TEST_CASE("where_text: the location part of describe()", "[errors]") {
    CHECK(where_text({}) == "");
    CHECK(where_text({"conv2d", 0, 0}) == "layer 'conv2d'");
    CHECK(where_text({"", 2, 14}) == "line 2, column 14");
    CHECK(where_text({"dense", 3, 0}) == "line 3, layer 'dense'");
    CHECK(describe(ErrorRecord{"InputError", "cannot read 'x'", {}}) == "cannot read 'x'");
    CHECK(describe(ErrorRecord{"ShapeError", "too small", {"c", 1, 2}}) == "line 1, column 2, layer 'c': too small");
}

TEST_CASE("current_error_record: the one error -> record conversion at a boundary", "[errors]") {
    const auto record_of = [](auto&& thrower) {
        try {
            thrower();
        } catch (...) {
            return current_error_record();
        }
        FAIL("nothing thrown");
        return ErrorRecord{};
    };
    const ErrorRecord shape = record_of([] { throw ShapeError("kernel too large", {"conv2d", 4, 11}); });
    CHECK(shape.kind == "ShapeError");
    CHECK(shape.message == "kernel too large");
    CHECK(shape.where.layer == "conv2d");
    CHECK(shape.where.line == 4);
    CHECK(shape.where.column == 11);
    CHECK(record_of([] { throw ParseError("x"); }).kind == "ParseError");

    const ErrorRecord memory = record_of([] { throw std::bad_alloc(); });
    CHECK(memory.kind == "LimitError");
    CHECK(memory.message == "out of memory: the request does not fit in the module's memory");
    const ErrorRecord length = record_of([] { throw std::length_error("vector"); });
    CHECK(length.kind == "LimitError");
    CHECK(length.message == "out of memory: vector");

    const ErrorRecord bug = record_of([] { throw std::logic_error("oops"); });
    CHECK(bug.kind == "Error");
    CHECK(bug.message == "internal error: oops");
    CHECK(bug.where.layer.empty());
    const ErrorRecord odd = record_of([] { throw 42; });
    CHECK(odd.kind == "Error");
    CHECK(odd.message == "internal error: unknown C++ exception");
}
