#pragma once
// Typed errors thrown by every PadLab op. All derive from padlab::Error (itself a
// std::runtime_error), so a binding can catch one type and keep message + location.
#include <stdexcept>
#include <string>

namespace padlab {

// Where an error belongs: the layer (its Keras name) and the source line/column
// of the model text it came from. Empty/0 when unknown.
struct Location {
    std::string layer;
    int line = 0;
    int column = 0;
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, Location where = {})
        : std::runtime_error(message), where_(std::move(where)) {}
    const Location& where() const noexcept { return where_; }
    // Adds location facts that an outer layer knows (never overwrites known ones).
    void locate(const Location& outer) {
        if (where_.layer.empty()) where_.layer = outer.layer;
        if (where_.line == 0) { where_.line = outer.line; where_.column = outer.column; }
    }
    virtual const char* kind() const noexcept { return "Error"; }

private:
    Location where_;
};

// A layer or op argument Keras would reject with ValueError (bad padding string, 0 stride...).
class ArgumentError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "ArgumentError"; }
};

// Shapes that do not fit together (kernel larger than padded input, wrong rank...).
class ShapeError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "ShapeError"; }
};

// Model text that cannot be read: malformed JSON, Python outside the supported subset.
class ParseError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "ParseError"; }
};

// A well-formed request for something PadLab does not model (unknown layer class...).
class UnsupportedError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "UnsupportedError"; }
};

// A request above a resource cap (see limits.hpp).
class LimitError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "LimitError"; }
};

// "line 3, layer 'conv2d_1': <message>" — the one human-readable form used by the CLI and JS.
std::string describe(const Error& e);

}  // namespace padlab
