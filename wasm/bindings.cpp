// Embind bindings over the PadLab core. Private: only wasm/padlab.js calls these; it
// validates argument types first and turns the result objects into values or PadlabErrors.
//
// Error contract: no exception ever leaves these functions. Each returns a plain JS object,
//   { ok: true,  value: ... }                                     on success
//   { ok: false, kind, message, layer, line, column }             on any error
// because an exception escaping wasm leaves __stack_pointer unrestored and carries no
// message (TOOLCHAIN.md §5); a result object costs nothing and leaks nothing.
//
// Memory contract: every buffer the core sees is owned by C++ (an xarray/vector local to the
// call, freed on return or unwind). JS data is copied IN through a fresh typed_memory_view
// created after the allocation (a view goes stale when the heap grows), and results are
// copied OUT into a fresh JS Float32Array, so JS never holds a view into the heap nor a
// handle that needs .delete().
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <malloc.h>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <xtensor/xarray.hpp>

#include "core/activation.hpp"
#include "core/conv.hpp"
#include "core/conv_arithmetic.hpp"
#include "core/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/limits.hpp"
#include "core/model.hpp"
#include "core/padding.hpp"
#include "core/reference_conv.hpp"
#include "core/shape.hpp"
#include "core/summary_keras2.hpp"
#include "core/summary_keras3.hpp"

#ifndef PADLAB_VERSION
#define PADLAB_VERSION "0.0.0"
#endif

namespace {

using emscripten::val;

// ------------------------------------------------------------------ result objects

val failure(const char* kind, const std::string& message, const padlab::Location& where = {}) {
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
padlab::Shape read_dims(const val& array, const char* what) {
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
padlab::Pads read_pads(const val& flat, const char* what) {
    const padlab::Shape v = read_dims(flat, what);
    if (v.size() % 2 != 0) throw padlab::ArgumentError(std::string(what) + " must hold [before, after] pairs");
    padlab::Pads pads;
    for (std::size_t i = 0; i < v.size(); i += 2) pads.push_back({v[i], v[i + 1]});
    return pads;
}

// A tensor shape: integers >= 0 (kNone has no place in a concrete tensor).
padlab::Shape read_shape(const val& array, const char* what) {
    padlab::Shape shape = read_dims(array, what);
    for (padlab::Dim d : shape) {
        if (d < 0) throw padlab::ShapeError(std::string(what) + " " + padlab::shape_to_python(shape) +
                                            " has a negative dimension");
    }
    return shape;
}

// A new C++-owned tensor of `shape` holding a copy of the JS Float32Array `data`. The size is
// checked against the core's 1 GiB cap before allocating; the view is made after allocating.
xt::xarray<float> read_tensor(const val& data, const padlab::Shape& shape, const char* what) {
    padlab::check_tensor_size(shape, what);
    const auto n = static_cast<std::size_t>(padlab::shape_elements(shape));
    const double length = data["length"].as<double>();
    if (length != static_cast<double>(n)) {
        throw padlab::ShapeError(std::string(what) + " has " + std::to_string(static_cast<long long>(length)) +
                                 " values but its shape " + padlab::shape_to_python(shape) + " needs " +
                                 std::to_string(n));
    }
    std::vector<std::size_t> xshape(shape.begin(), shape.end());
    xt::xarray<float> t = xt::xarray<float>::from_shape(xshape);
    if (n > 0) val(emscripten::typed_memory_view(n, t.data())).call<void>("set", data);
    return t;
}

// ------------------------------------------------------------------ C++ -> JS (copies)

val dims_to_js(const padlab::Shape& s) {  // kNone -> null, as Keras prints None
    val a = val::array();
    for (std::size_t i = 0; i < s.size(); ++i) {
        a.set(i, s[i] == padlab::kNone ? val::null() : val(static_cast<double>(s[i])));
    }
    return a;
}

// A fresh JS-owned Float32Array with a copy of the tensor (the tensor is freed by its owner).
val tensor_to_js(const xt::xarray<float>& t) {
    const std::size_t n = t.size();
    val out = val::global("Float32Array").new_(n);
    if (n > 0) out.call<void>("set", val(emscripten::typed_memory_view(n, t.data())));
    val r = val::object();
    r.set("data", out);
    padlab::Shape shape(t.shape().begin(), t.shape().end());
    r.set("shape", dims_to_js(shape));
    return r;
}

// Pads are plain integers (negative for crops), or kUnknownPad when they depend on an unknown
// length (-> null).
val pads_to_js(const padlab::LayerSummary& layer) {
    if (!layer.padding) return val::null();
    auto amount = [](padlab::Dim d) {
        return d == padlab::kUnknownPad ? val::null() : val(static_cast<double>(d));
    };
    val a = val::array();
    for (std::size_t i = 0; i < layer.padding->size(); ++i) {
        val pair = val::array();
        pair.set(0, amount((*layer.padding)[i][0]));
        pair.set(1, amount((*layer.padding)[i][1]));
        a.set(i, pair);
    }
    return a;
}

val summary_to_js(const padlab::ModelSummary& m, const std::string& text) {
    val layers = val::array();
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const padlab::LayerSummary& l = m.layers[i];
        val o = val::object();
        o.set("name", l.name);
        o.set("className", l.class_name);
        o.set("inputShape", dims_to_js(l.input_shape));
        o.set("outputShape", dims_to_js(l.output_shape));
        o.set("params", static_cast<double>(l.params));
        o.set("trainableParams", static_cast<double>(l.trainable_params));
        o.set("nonTrainableParams", static_cast<double>(l.non_trainable_params));
        o.set("macs", static_cast<double>(l.macs));
        o.set("padding", pads_to_js(l));
        o.set("line", l.line > 0 ? val(l.line) : val::null());
        layers.set(i, o);
    }
    val r = val::object();
    r.set("text", text);
    r.set("name", m.name);
    r.set("inputShape", dims_to_js(m.input_shape));
    r.set("layers", layers);
    r.set("totalParams", static_cast<double>(m.total_params));
    r.set("trainableParams", static_cast<double>(m.trainable_params));
    r.set("nonTrainableParams", static_cast<double>(m.non_trainable_params));
    r.set("totalMacs", static_cast<double>(m.total_macs));
    return r;
}

// ------------------------------------------------------------------ bound functions

// style: "keras2" | "keras3"; era: "A" | "B" | "C" (keras2); line_length (keras3).
val summary(const std::string& source, const std::string& style, const std::string& era, int line_length) {
    return guarded([&] {
        padlab::Keras2Era e = padlab::Keras2Era::A;
        if (era == "B") e = padlab::Keras2Era::B;
        else if (era == "C") e = padlab::Keras2Era::C;
        else if (era != "A") throw padlab::ArgumentError("summary: era must be 'A', 'B' or 'C', got '" + era + "'");
        if (style != "keras2" && style != "keras3") {
            throw padlab::ArgumentError("summary: style must be 'keras2' or 'keras3', got '" + style + "'");
        }
        const padlab::ModelSummary m = padlab::summarize(padlab::import_model(source));
        const std::string text = style == "keras3" ? padlab::summary_keras3(m, line_length)
                                                   : padlab::summary_keras2(m, e);
        return summary_to_js(m, text);
    });
}

// pads: flat [b0, a0, b1, a1, ...]. Returns { data: Float32Array, shape }.
val pad(const val& data, const val& shape, const val& pads, const std::string& mode, float value) {
    return guarded([&] {
        const padlab::PadMode m = padlab::parse_pad_mode(mode);
        const padlab::Shape s = read_shape(shape, "pad: shape");
        const padlab::Pads p = read_pads(pads, "pad: pads");
        padlab::validate_pads(s, p, m);  // before copying the input: refuse oversized results cheaply
        const xt::xarray<float> input = read_tensor(data, s, "pad: data");
        return tensor_to_js(padlab::pad(input, p, m, value));
    });
}

// padding: "valid" | "same" | "causal" | "full", used when explicit_pads is null; otherwise
// explicit_pads is the flat pair list. bias: a Float32Array, possibly empty.
// Returns { data: Float32Array, shape }.
val conv(const val& input, const val& input_shape, const val& kernel, const val& kernel_shape, const val& bias,
         const val& strides, const val& dilation, const std::string& padding, const val& explicit_pads,
         const std::string& mode, float value, const std::string& activation) {
    return guarded([&] {
        padlab::ConvOptions o;
        o.strides = read_dims(strides, "conv: strides");
        o.dilation = read_dims(dilation, "conv: dilation");
        o.padding = explicit_pads.isNull() ? padlab::Padding::parse(padding)
                                           : padlab::Padding::explicit_pads(read_pads(explicit_pads, "conv: padding"));
        o.mode = padlab::parse_pad_mode(mode);
        o.pad_value = value;
        o.activation = padlab::parse_activation(activation);
        const padlab::Shape in_shape = read_shape(input_shape, "conv: inputShape");
        const padlab::Shape k_shape = read_shape(kernel_shape, "conv: kernelShape");
        padlab::conv_output_shape(in_shape, k_shape, o);  // validate before copying the inputs
        const double bias_len = bias["length"].as<double>();
        const padlab::Shape b_shape{static_cast<padlab::Dim>(bias_len)};
        const xt::xarray<float> in = read_tensor(input, in_shape, "conv: input");
        const xt::xarray<float> k = read_tensor(kernel, k_shape, "conv: kernel");
        const xt::xarray<float> b = read_tensor(bias, b_shape, "conv: bias");  // {0}: no bias
        return tensor_to_js(padlab::conv(in, k, b, o));
    });
}

// Heap facts for the playground's memory display and the leak tests.
val memory_stats() {
    return guarded([] {
        const struct mallinfo mi = mallinfo();
        val r = val::object();
        r.set("heapBytes", static_cast<double>(emscripten_get_heap_size()));
        r.set("usedBytes", static_cast<double>(mi.uordblks));
        r.set("maxHeapBytes", static_cast<double>(emscripten_get_heap_max()));
        return r;
    });
}

val version() {
    return guarded([] { return val(std::string(PADLAB_VERSION)); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(padlab) {
    emscripten::function("summary", &summary);
    emscripten::function("pad", &pad);
    emscripten::function("conv", &conv);
    emscripten::function("memoryStats", &memory_stats);
    emscripten::function("version", &version);
}
