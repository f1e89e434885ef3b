#pragma once
// What every binding file shares: the result-object error contract, core JSON records as JS
// values, reading JS arrays into core shapes, and result buffers handed over by pointer. Private to wasm/; see bind_module.cpp for
// the contracts in full.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/base/shape.hpp"
#include "core/model/network.hpp"
#include "core/summary/summary_json.hpp"

namespace padlab_wasm {

using emscripten::val;

// ------------------------------------------------------------------ core records -> JS

// "input_shape" -> "inputShape": the JS API's spelling of the core's JSON keys.
inline std::string camel_case(const std::string& key) {
    std::string out;
    out.reserve(key.size());
    bool upper = false;
    for (char c : key) {
        if (c == '_' && !out.empty()) {
            upper = true;
            continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

// The same record with every object key camel-cased.
inline nlohmann::json camel_keys(const nlohmann::json& j) {
    if (j.is_array()) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& v : j) a.push_back(camel_keys(v));
        return a;
    }
    if (!j.is_object()) return j;
    nlohmann::json o = nlohmann::json::object();
    for (const auto& [key, value] : j.items()) o[camel_case(key)] = camel_keys(value);
    return o;
}

// A core JSON record (summary_json, error_json, ...) as a plain JS value with camelCase keys, so
// the bindings hand over what the core's one serialiser wrote instead of copying it field by
// field. As one string through JSON.parse rather than an embind call per field (bench/summary.mjs,
// the 200-layer Python summary: 7.24 -> 5.50 ms). Invalid UTF-8 (a name read from a saved file)
// becomes U+FFFD; a NaN or infinite number would become null (the core's records hold none).
inline val json_to_js(const nlohmann::json& j) {
    const std::string text = camel_keys(j).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return val::global("JSON").call<val>("parse", text);
}

// ------------------------------------------------------------------ result objects

// { ok: false, kind, message, layer, line, column, where }: the fields of the core's error
// record (summary_json's error_json, which the CLI prints), set one by one rather than through
// JSON so that the diagram-only module, which has no JSON code, reports errors the same way.
inline val failure(const padlab::ErrorRecord& record) {
    const padlab::Location& w = record.where;
    const std::string where = padlab::where_text(w);
    val r = val::object();
    r.set("kind", record.kind);
    r.set("message", record.message);
    r.set("layer", w.layer.empty() ? val::null() : val(w.layer));
    r.set("line", w.line > 0 ? val(static_cast<double>(w.line)) : val::null());
    r.set("column", w.column > 0 ? val(static_cast<double>(w.column)) : val::null());
    r.set("where", where.empty() ? val::null() : val(where));
    r.set("ok", false);
    return r;
}

// Runs `body` (which returns the success value) and converts every C++ exception into a
// failure object (current_error_record: bad_alloc/length_error mean the request did not fit in
// the wasm heap).
template <class Body>
val guarded(Body&& body) {
    try {
        val r = val::object();
        r.set("value", body());
        r.set("ok", true);
        return r;
    } catch (...) {
        return failure(padlab::current_error_record());
    }
}

// The version compiled into the module (the CMake project version), registered by each module.
#ifndef PADLAB_VERSION
#define PADLAB_VERSION "0.0.0"
#endif
inline val version() {
    return guarded([] { return val(std::string(PADLAB_VERSION)); });
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

// ------------------------------------------------------------------ model weights

// [{ layer, name, shape, data: a fresh Float32Array }] (model.get_weights() order): what
// modelWeights() returns and readModel({ weights: true }) gives a file's stored weights as.
inline val weights_to_js(const std::vector<padlab::NetworkWeight>& weights) {
    val list = val::array();
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const auto n = static_cast<std::size_t>(padlab::shape_elements(weights[i].shape));
        val data = val::global("Float32Array").new_(n);
        if (n > 0) data.call<void>("set", val(emscripten::typed_memory_view(n, weights[i].data.data())));
        val w = val::object();
        w.set("layer", weights[i].layer);
        w.set("name", weights[i].name);
        w.set("shape", dims_to_js(weights[i].shape));
        w.set("data", data);
        list.set(i, w);
    }
    return list;
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

// [{ layer, name, shape, ptr }] with each ptr a heap buffer padlab.js filled -> the core's
// NetworkWeight list (copies; padlab.js frees its buffers after the call).
inline std::vector<padlab::NetworkWeight> read_weights(const val& list) {
    std::vector<padlab::NetworkWeight> out;
    const auto n = list["length"].as<unsigned>();
    out.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        const val w = list[i];
        padlab::NetworkWeight weight;
        weight.layer = w["layer"].as<std::string>();
        weight.name = w["name"].as<std::string>();
        weight.shape = read_shape(w["shape"], "a stored weight's shape");
        const float* data = heap_floats(w["ptr"].as<double>(), weight.shape, "a stored weight");
        weight.data.assign(data, data + padlab::shape_elements(weight.shape));
        out.push_back(std::move(weight));
    }
    return out;
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
