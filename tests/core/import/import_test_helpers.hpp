#pragma once
// Runs `f`, requires it to throw exactly error type E, and returns the error for checks on
// its message and location.
#include <functional>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"

namespace padlab::test {

struct CaughtError {
    std::string kind;
    std::string message;
    int line = 0;
    int column = 0;
    std::string layer;
};

template <typename E>
CaughtError expect_error(const std::function<void()>& f) {
    std::optional<CaughtError> caught;
    try {
        f();
    } catch (const E& e) {
        caught = CaughtError{e.kind(), e.what(), e.where().line, e.where().column, e.where().layer};
    } catch (const Error& e) {
        FAIL("expected " << E("").kind() << ", got " << e.kind() << ": " << describe(e));
    }
    if (!caught) FAIL("expected " << E("").kind() << ", nothing was thrown");
    return *caught;
}

}  // namespace padlab::test
