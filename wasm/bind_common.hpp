#pragma once
// What every binding file shares: the result-object error contract, reading JS arrays into core
// shapes, and result buffers handed over by pointer. Private to wasm/; see bind_module.cpp for
// the contracts in full.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/base/errors.hpp"
#include "core/base/shape.hpp"

namespace padlab_wasm {

using emscripten::val;

// ------------------------------------------------------------------ result objects

inline val failure(const char* kind, const std::string& message, const padlab::Location& where = {}) {
    val r = val::object();
    r.set("ok", false);
    r.set("kind", std::string(kind));
    r.set("message", message);
    r.set("layer", where.layer.empty() ? val::null() : val(where.layer));
    r.set("line", where.line > 0 ? val(where.line) : val::null());
    r.set("column", where.column > 0 ? val(where.column) : val::null());
    return r;
}

// Runs `body` (which returns the success value) and converts every C++ exception into a
// failure object. bad_alloc/length_error mean the request did not fit in the wasm heap.
template <class Body>
val guarded(Body&& body) {
    try {
        val r = val::object();
        r.set("value", body());
        r.set("ok", true);
        return r;
    } catch (const padlab::Error& e) {
        return failure(e.kind(), e.what(), e.where());
    } catch (const std::bad_alloc&) {
        return failure("LimitError", "out of memory: the request does not fit in the module's memory");
    } catch (const std::length_error& e) {
        return failure("LimitError", std::string("out of memory: ") + e.what());
    } catch (const std::exception& e) {
        return failure("Error", e.what());
    } catch (...) {
        return failure("Error", "unknown C++ exception");
    }
}

// ------------------------------------------------------------------ JS -> C++ (copies)

// Integers the JS side already checked; re-checked here so a bad call can never reach the
// core as a NaN or a wrapped-around dimension. Returns a new C++-owned vector.
inline padlab::Shape read_dims(const val& array, const char* what) {
    const std::vector<double> raw = emscripten::convertJSArrayToNumberVector<double>(array);
    padlab::Shape dims;
    dims.reserve(raw.size());
    for (double d : raw) {
        if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9007199254740991.0) {
            throw padlab::ArgumentError(std::string(what) + " must hold integers");
        }
        dims.push_back(static_cast<padlab::Dim>(d));
    }
    return dims;
}

// A flat [b0, a0, b1, a1, ...] list as {before, after} pairs.
inline padlab::Pads read_pads(const val& flat, const char* what) {
    const padlab::Shape v = read_dims(flat, what);
    if (v.size() % 2 != 0) throw padlab::ArgumentError(std::string(what) + " must hold [before, after] pairs");
    padlab::Pads pads;
    for (std::size_t i = 0; i < v.size(); i += 2) pads.push_back({v[i], v[i + 1]});
    return pads;
}

// A tensor shape: integers >= 0 (kNone has no place in a concrete tensor).
inline padlab::Shape read_shape(const val& array, const char* what) {
    padlab::Shape shape = read_dims(array, what);
    for (padlab::Dim d : shape) {
        if (d < 0) throw padlab::ShapeError(std::string(what) + " " + padlab::shape_to_python(shape) +
                                            " has a negative dimension");
    }
    return shape;
}

// ------------------------------------------------------------------ C++ -> JS (copies)

inline val dims_to_js(const padlab::Shape& s) {  // kNone -> null, as Keras prints None
    val a = val::array();
    for (std::size_t i = 0; i < s.size(); ++i) {
        a.set(i, s[i] == padlab::kNone ? val::null() : val(static_cast<double>(s[i])));
    }
    return a;
}

// ------------------------------------------------------------------ tensors by pointer
// pad and conv move tensor data through the heap by pointer: padlab.js malloc()s the inputs,
// copies them in with one HEAPF32.set, and passes their addresses; the result is a buffer this
// side malloc()s and hands over ({ ptr, shape }): padlab.js copies it into a fresh Float32Array
// and free()s it. A failure frees the result here and returns no pointer. So every buffer has
// one owner at a time, and the only copies are the one in and the one out.

inline float* heap_floats(double address, const padlab::Shape& shape, const char* what) {
    if (padlab::shape_elements(shape) == 0) return nullptr;
    if (!(address > 0) || address != std::floor(address)) {
        throw padlab::ArgumentError(std::string(what) + ": no buffer for its values");
    }
    return reinterpret_cast<float*>(static_cast<std::uintptr_t>(address));
}

// A malloc()ed result buffer: freed here on every path until hand_over() gives it to
// padlab.js, which must be the last thing a binding does with it.
class HeapResult {
public:
    explicit HeapResult(const padlab::Shape& shape) : shape_(shape) {
        const auto n = static_cast<std::size_t>(padlab::shape_elements(shape));
        data_ = static_cast<float*>(std::malloc(std::max<std::size_t>(n, 1) * sizeof(float)));
        if (!data_) throw std::bad_alloc();
    }
    HeapResult(const HeapResult&) = delete;
    HeapResult& operator=(const HeapResult&) = delete;
    ~HeapResult() { std::free(data_); }
    float* data() const { return data_; }

    // Sets r.ptr and r.shape; from here on padlab.js owns the buffer.
    val hand_over(val r) {
        r.set("shape", dims_to_js(shape_));
        r.set("ptr", static_cast<double>(reinterpret_cast<std::uintptr_t>(data_)));
        data_ = nullptr;
        return r;
    }

private:
    padlab::Shape shape_;
    float* data_ = nullptr;
};

// { ptr, shape } of a result of `shape` that fill(float*) writes.
template <class Fill>
val malloc_result(const padlab::Shape& shape, Fill&& fill) {
    HeapResult out(shape);
    fill(out.data());
    return out.hand_over(val::object());
}

}  // namespace padlab_wasm
