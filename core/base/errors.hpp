#pragma once
// Typed errors thrown by every PadLab op. All derive from padlab::Error (itself a
// std::runtime_error), so a binding can catch one type and keep message + location.
#include <stdexcept>
#include <string>
#include <utility>

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

// A name the model uses that neither Keras nor PadLab knows, close to one that exists: a
// misspelt layer class ("Conv2d"), as Python's NameError reports it, with the nearest name
// (core/base/suggest.hpp). A known Keras name PadLab does not model is an UnsupportedError.
class NameError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "NameError"; }
};

// A request above a resource cap (see limits.hpp).
class LimitError : public Error {
public:
    using Error::Error;
    const char* kind() const noexcept override { return "LimitError"; }
};

// What every boundary (the CLI, the wasm bindings) reports for an error it caught: the kind
// (a kind() above, or the caller's own such as the CLI's "InputError"), the message without the
// location, and the location. The one error -> record conversion; the CLI's JSON and the
// bindings' result objects are this record, serialised (error_json in core/summary/summary_json.hpp).
struct ErrorRecord {
    std::string kind;
    std::string message;
    Location where;
};

// The record of the exception being handled; call it only inside a catch block. padlab::Error
// keeps its kind and location; std::bad_alloc and std::length_error (the request did not fit in
// memory) become LimitError "out of memory..."; any other exception (a bug, not bad input) is an
// "Error" whose message starts "internal error: ".
ErrorRecord current_error_record() noexcept;

// "line 3, column 5, layer 'conv2d_1'": what is known of a location ("" when nothing is).
std::string where_text(const Location& where);

// "line 3, layer 'conv2d_1': <message>" — the one human-readable form, used by the CLI, and by
// JS through the records' `where`.
std::string describe(const ErrorRecord& record);
std::string describe(const Error& e);

}  // namespace padlab
