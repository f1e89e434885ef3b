// Embind bindings over the PadLab core. Private: only wasm/padlab.js calls these; it
// validates argument types first and turns the result objects into values or PadlabErrors.
//
// Error contract: no exception ever leaves these functions. Each returns a plain JS object,
//   { ok: true,  value: ... }                                     on success
//   { ok: false, kind, message, layer, line, column }             on any error
// because an exception escaping wasm leaves __stack_pointer unrestored and carries no
// message (TOOLCHAIN.md §5); a result object costs nothing and leaks nothing.
//
// Memory contract: tensor data moves by pointer (see "tensors by pointer" below): padlab.js
// malloc()s and fills the inputs and frees them after the call; a result buffer is malloc()ed
// here and owned by this side until it is handed over in the returned object, after which
// padlab.js copies it into a fresh Float32Array and frees it. Every other value crosses as a
// plain JS value, so JS never keeps a view into the heap nor a handle that needs .delete().
#include <cmath>
#include <cstddef>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <list>
#include <memory>
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
#include "core/diagram/diagram.hpp"
#include "core/diagram/layer_diagram.hpp"
#include "core/diagram/presets.hpp"
#include "core/diagram/svg_renderer.hpp"
#include "core/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/limits.hpp"
#include "core/model.hpp"
#include "core/network.hpp"
#include "core/pad_fast.hpp"
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

// ------------------------------------------------------------------ C++ -> JS (copies)

val dims_to_js(const padlab::Shape& s) {  // kNone -> null, as Keras prints None
    val a = val::array();
    for (std::size_t i = 0; i < s.size(); ++i) {
        a.set(i, s[i] == padlab::kNone ? val::null() : val(static_cast<double>(s[i])));
    }
    return a;
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

// ------------------------------------------------------------------ tensors by pointer
// pad and conv move tensor data through the heap by pointer: padlab.js malloc()s the inputs,
// copies them in with one HEAPF32.set, and passes their addresses; the result is a buffer this
// side malloc()s and hands over ({ ptr, shape }): padlab.js copies it into a fresh Float32Array
// and free()s it. A failure frees the result here and returns no pointer. So every buffer has
// one owner at a time, and the only copies are the one in and the one out.

float* heap_floats(double address, const padlab::Shape& shape, const char* what) {
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

// pads: flat [b0, a0, b1, a1, ...]. Returns { ptr, shape } (see above).
val pad(double data, const val& shape, const val& pads, const std::string& mode, float value) {
    return guarded([&] {
        const padlab::PadMode m = padlab::parse_pad_mode(mode);
        const padlab::Shape s = read_shape(shape, "pad: shape");
        const padlab::Pads p = read_pads(pads, "pad: pads");
        const padlab::Shape out_shape = padlab::padded_shape(s, p, m);  // validates, caps the size
        const float* in = heap_floats(data, s, "pad: data");
        // Row-wise copies, tested against padlab::pad.
        return malloc_result(out_shape, [&](float* out) { padlab::pad_into(in, s, p, m, value, out); });
    });
}

// padding: "valid" | "same" | "causal" | "full", used when explicit_pads is null; otherwise
// explicit_pads is the flat pair list. bias: address of bias_length values, or 0 for none.
// Returns { ptr, shape } (see above).
val conv(double input, const val& input_shape, double kernel, const val& kernel_shape, double bias,
         double bias_length, const val& strides, const val& dilation, const std::string& padding,
         const val& explicit_pads, const std::string& mode, float value, const std::string& activation) {
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
        const padlab::Shape out_shape = padlab::conv_output_shape(in_shape, k_shape, o);  // validates
        const padlab::Shape b_shape{static_cast<padlab::Dim>(bias_length)};
        const float* b = bias_length > 0 ? heap_floats(bias, b_shape, "conv: bias") : nullptr;
        if (b && (k_shape.empty() || b_shape[0] != k_shape.back())) {
            throw padlab::ShapeError("conv: bias has " + std::to_string(b_shape[0]) + " values but the kernel has " +
                                     std::to_string(k_shape.empty() ? 0 : k_shape.back()) + " output channels");
        }
        const float* in = heap_floats(input, in_shape, "conv: input");
        const float* k = heap_floats(kernel, k_shape, "conv: kernel");
        return malloc_result(out_shape, [&](float* out) { padlab::conv_into(in, in_shape, k, k_shape, b, o, out); });
    });
}

// ------------------------------------------------------------------ forward passes
// Networks (core/network.hpp) keep their weights in the heap between calls, as TF.js keeps a
// model's: the last kNetworkCache models run stay built, keyed by source and seed, so running
// the same model again costs only its arithmetic. The cache is this module's; JS never holds
// a Network.

constexpr std::size_t kNetworkCache = 2;

struct CachedNetwork {
    std::string source;
    std::uint64_t seed;
    std::unique_ptr<padlab::Network> network;
};

std::list<CachedNetwork>& network_cache() {
    static std::list<CachedNetwork> cache;  // most recently used first
    return cache;
}

std::uint64_t read_seed(double seed) {
    if (!(seed >= 0) || seed != std::floor(seed) || seed > 4294967295.0) {
        throw padlab::ArgumentError("seed must be an integer in [0, 2^32)");
    }
    return static_cast<std::uint64_t>(seed);
}

// forward() calls back into JS (onLayer); a forward() or modelWeights() from there could
// evict the Network that is running, so they are refused until it returns.
class NetworkInUse {
public:
    explicit NetworkInUse(const char* fn) {
        if (busy()) {
            throw padlab::ArgumentError(std::string(fn) + ": cannot be called while a forward pass is running "
                                        "(from its onLayer callback); call it after forward() returns");
        }
        busy() = true;
    }
    NetworkInUse(const NetworkInUse&) = delete;
    NetworkInUse& operator=(const NetworkInUse&) = delete;
    ~NetworkInUse() { busy() = false; }

private:
    static bool& busy() {
        static bool flag = false;
        return flag;
    }
};

padlab::Network& cached_network(const std::string& source, std::uint64_t seed) {
    auto& cache = network_cache();
    for (auto it = cache.begin(); it != cache.end(); ++it) {
        if (it->seed == seed && it->source == source) {
            cache.splice(cache.begin(), cache, it);
            return *cache.front().network;
        }
    }
    // Free the oldest before building, so two large models never need the heap at once.
    while (cache.size() >= kNetworkCache) cache.pop_back();
    std::unique_ptr<padlab::Network> network;
    try {
        network = std::make_unique<padlab::Network>(padlab::import_model(source), seed);
    } catch (const std::bad_alloc&) {
        // The model kept from before may be what leaves too little room: drop it and try once more.
        if (cache.empty()) throw;
        cache.clear();
        network = std::make_unique<padlab::Network>(padlab::import_model(source), seed);
    }
    cache.push_front({source, seed, std::move(network)});
    return *cache.front().network;
}

val timing_to_js(const padlab::LayerTiming& t) {
    val l = val::object();
    l.set("name", t.name);
    l.set("className", t.class_name);
    l.set("outputShape", dims_to_js(t.output_shape));
    l.set("macs", static_cast<double>(t.macs));
    l.set("ms", t.ms);
    return l;
}

// input: address of input_length values, or 0 for the seeded default input. on_layer: a JS
// function called after each layer with (index, { name, className, outputShape, macs, ms }), or
// undefined. padlab.js passes a wrapper that never throws.
// Returns { ptr, shape, inputShape, layers: [{ name, className, outputShape, macs, ms }], totalMs }.
val forward(const std::string& source, double seed, double input, double input_length, const val& on_layer) {
    return guarded([&] {
        const NetworkInUse in_use("forward");
        padlab::Network& net = cached_network(source, read_seed(seed));
        const padlab::Shape& in_shape = net.input_shape();
        std::vector<float> fallback;
        const float* x = nullptr;
        if (input_length < 0) {
            fallback = padlab::default_network_input(in_shape, net.seed());
            x = fallback.data();
        } else {
            if (input_length != static_cast<double>(padlab::shape_elements(in_shape))) {
                throw padlab::ShapeError("forward: input has " + std::to_string(static_cast<long long>(input_length)) +
                                         " values but the model's input " + padlab::shape_to_python(in_shape) +
                                         " needs " + std::to_string(padlab::shape_elements(in_shape)));
            }
            x = heap_floats(input, in_shape, "forward: input");
        }
        HeapResult out(net.output_shape());
        padlab::Network::LayerDone report;
        if (on_layer.typeOf().as<std::string>() == "function") {
            report = [&](std::size_t i, const padlab::LayerTiming& t) { on_layer(static_cast<double>(i), timing_to_js(t)); };
        }
        const auto start = std::chrono::steady_clock::now();
        const std::vector<padlab::LayerTiming> timings = net.run(x, out.data(), report);
        const double total = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        val r = val::object();
        val layers = val::array();
        for (std::size_t i = 0; i < timings.size(); ++i) layers.set(i, timing_to_js(timings[i]));
        r.set("inputShape", dims_to_js(in_shape));
        r.set("layers", layers);
        r.set("totalMs", total);
        return out.hand_over(r);
    });
}

// Every weight of the network forward() runs for (source, seed), as fresh Float32Arrays:
// [{ layer, name, shape, data }], in Keras's order (model.get_weights()).
val model_weights(const std::string& source, double seed) {
    return guarded([&] {
        const NetworkInUse in_use("modelWeights");
        padlab::Network& net = cached_network(source, read_seed(seed));
        const auto weights = net.weights();
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
    });
}

// ------------------------------------------------------------------ diagrams
// padlab.js normalises a diagram spec into one fixed plain object before calling:
//   { input: int[], kernel: int[], strides: int[], dilation: int[], padding: string,
//     pads: flat [b0, a0, ...] | null, mode: string, value: number, op: 'conv'|'pool'|'transpose',
//     outputPadding: int[] | null, values: Float32Array | null, label: string }

padlab::WindowOp parse_op(const std::string& op) {
    if (op == "conv") return padlab::WindowOp::Conv;
    if (op == "pool") return padlab::WindowOp::Pool;
    if (op == "transpose") return padlab::WindowOp::ConvTranspose;
    throw padlab::ArgumentError("diagram: op must be 'conv', 'pool' or 'transpose', got '" + op + "'");
}

const char* op_name(padlab::WindowOp op) {
    switch (op) {
        case padlab::WindowOp::Pool: return "pool";
        case padlab::WindowOp::ConvTranspose: return "transpose";
        default: return "conv";
    }
}

padlab::DiagramSpec read_diagram_spec(const val& o) {
    padlab::DiagramSpec s;
    s.input = read_dims(o["input"], "diagram: input");
    s.kernel = read_dims(o["kernel"], "diagram: kernel");
    s.strides = read_dims(o["strides"], "diagram: strides");
    s.dilation = read_dims(o["dilation"], "diagram: dilation");
    const val pads = o["pads"];
    s.padding = pads.isNull() ? padlab::Padding::parse(o["padding"].as<std::string>())
                              : padlab::Padding::explicit_pads(read_pads(pads, "diagram: padding"));
    s.mode = padlab::parse_pad_mode(o["mode"].as<std::string>());
    s.pad_value = o["value"].as<float>();
    s.op = parse_op(o["op"].as<std::string>());
    const val output_padding = o["outputPadding"];
    if (!output_padding.isNull()) s.output_padding = read_dims(output_padding, "diagram: outputPadding");
    const val values = o["values"];
    if (!values.isNull()) s.values = emscripten::convertJSArrayToNumberVector<float>(values);
    s.label = o["label"].as<std::string>();
    return s;
}

// Plain integers (pads may be -1: a crop, not an unknown length).
val ints_to_js(const padlab::Shape& s) {
    val a = val::array();
    for (std::size_t i = 0; i < s.size(); ++i) a.set(i, static_cast<double>(s[i]));
    return a;
}

// The spec in the form padlab.js accepts back (presets, layer diagrams): padding is a Keras
// name or [[before, after], ...]; kernel [] means padding only.
val diagram_spec_to_js(const padlab::DiagramSpec& s) {
    val o = val::object();
    o.set("input", ints_to_js(s.input));
    o.set("kernel", ints_to_js(s.kernel));
    o.set("strides", ints_to_js(s.strides));
    o.set("dilation", ints_to_js(s.dilation));
    if (s.padding.kind == padlab::PaddingKind::Explicit) {
        val pairs = val::array();
        for (std::size_t i = 0; i < s.padding.pads.size(); ++i) pairs.set(i, ints_to_js({s.padding.pads[i][0], s.padding.pads[i][1]}));
        o.set("padding", pairs);
    } else {
        o.set("padding", padlab::to_string(s.padding.kind));
    }
    o.set("mode", std::string(padlab::to_string(s.mode)));
    o.set("value", s.pad_value);
    o.set("op", std::string(op_name(s.op)));
    o.set("outputPadding", s.output_padding ? ints_to_js(*s.output_padding) : val::null());
    if (s.values.empty()) {
        o.set("values", val::null());
    } else {
        val v = val::array();
        for (std::size_t i = 0; i < s.values.size(); ++i) v.set(i, s.values[i]);
        o.set("values", v);
    }
    o.set("label", s.label);
    return o;
}

// Flat Int32Array copy of coordinates (grid positions fit easily: <= 2^16 per axis).
val int32_array(const std::vector<std::int32_t>& v) {
    val out = val::global("Int32Array").new_(v.size());
    if (!v.empty()) out.call<void>("set", val(emscripten::typed_memory_view(v.size(), v.data())));
    return out;
}

constexpr std::size_t kMaxDiagramCells = std::size_t(1) << 16;  // cells per geometry call
constexpr std::size_t kMaxDiagramTaps = std::size_t(1) << 16;   // steps x taps per call

// The geometry of a diagram (diagram.hpp) as plain data. Cells and steps are returned in
// columns (typed arrays) that padlab.js turns into objects:
//   view: flat [lo0, hi0, ...] grid region whose cells to list, or null = the whole grid
//         when it has at most kMaxDiagramCells cells (else no cells);
//   step_from / step_to: step range to list; step_from < 0 = every step when the total
//         taps are at most kMaxDiagramTaps (else none).
val diagram(const val& spec, const val& view, int step_from, int step_to) {
    return guarded([&] {
        const padlab::Diagram d = padlab::make_diagram(read_diagram_spec(spec));
        const std::size_t rank = d.grid.size();
        val g = val::object();
        g.set("spec", diagram_spec_to_js(d.spec));
        val axes = val::array();
        for (std::size_t i = 0; i < d.axes.size(); ++i) {
            const padlab::AxisArithmetic& a = d.axes[i];
            val x = val::object();
            x.set("input", static_cast<double>(a.input));
            x.set("kernel", static_cast<double>(a.kernel));
            x.set("stride", static_cast<double>(a.stride));
            x.set("dilation", static_cast<double>(a.dilation));
            x.set("effectiveKernel", static_cast<double>(a.effective_kernel()));
            x.set("padBefore", static_cast<double>(a.pad_before));
            x.set("padAfter", static_cast<double>(a.pad_after));
            x.set("output", static_cast<double>(a.output));
            axes.set(i, x);
        }
        g.set("axes", axes);
        g.set("grid", ints_to_js(d.grid));
        g.set("offset", ints_to_js(d.offset));
        g.set("gridStride", ints_to_js(d.grid_stride));
        g.set("output", ints_to_js(d.output));
        g.set("stepCount", static_cast<double>(d.step_count));
        g.set("cellCount", static_cast<double>(padlab::cell_count(d)));
        g.set("padsIgnored", d.pads_ignored);
        g.set("formula", d.formula);
        val notes = val::array();
        for (std::size_t i = 0; i < d.notes.size(); ++i) notes.set(i, d.notes[i]);
        g.set("notes", notes);
        val mask = val::array();
        for (std::size_t a = 0; a < rank; ++a) {
            const std::vector<bool>& m = d.read_mask[a];
            std::vector<std::uint8_t> bytes(m.begin(), m.end());
            val u8 = val::global("Uint8Array").new_(bytes.size());
            if (!bytes.empty()) u8.call<void>("set", val(emscripten::typed_memory_view(bytes.size(), bytes.data())));
            mask.set(a, u8);
        }
        g.set("readMask", mask);

        // Cells of the view, row-major.
        std::vector<padlab::Dim> lo(rank, 0), hi(d.grid.begin(), d.grid.end());
        bool list_cells = true;
        if (view.isNull()) {
            list_cells = padlab::cell_count(d) <= kMaxDiagramCells;
        } else {
            const padlab::Shape v = read_dims(view, "diagram: view");
            if (v.size() != 2 * rank) throw padlab::ArgumentError("diagram: view must hold one [lo, hi] pair per grid axis (" + std::to_string(rank) + ")");
            std::size_t n = 1;
            for (std::size_t a = 0; a < rank; ++a) {
                lo[a] = std::max<padlab::Dim>(0, v[2 * a]);
                hi[a] = std::min<padlab::Dim>(d.grid[a], v[2 * a + 1]);
                if (hi[a] < lo[a]) hi[a] = lo[a];
                n *= static_cast<std::size_t>(hi[a] - lo[a]);
                if (n > kMaxDiagramCells) {
                    throw padlab::LimitError("diagram: the view holds more than " + std::to_string(kMaxDiagramCells) +
                                             " cells; ask for a smaller region");
                }
            }
        }
        if (list_cells) {
            std::size_t n = 1;
            for (std::size_t a = 0; a < rank; ++a) n *= static_cast<std::size_t>(hi[a] - lo[a]);
            std::vector<std::int32_t> pos, src;
            std::vector<std::uint8_t> kind, read;
            std::vector<float> value;
            pos.reserve(n * rank);
            src.reserve(n * rank);
            kind.reserve(n);
            read.reserve(n);
            value.reserve(n);
            padlab::Shape c(lo.begin(), lo.end());
            for (std::size_t i = 0; i < n; ++i) {
                const padlab::DiagramCell cell = padlab::diagram_cell(d, c);
                for (std::size_t a = 0; a < rank; ++a) {
                    pos.push_back(static_cast<std::int32_t>(c[a]));
                    src.push_back(cell.source.empty() ? -1 : static_cast<std::int32_t>(cell.source[a]));
                }
                kind.push_back(static_cast<std::uint8_t>(cell.kind));
                read.push_back(cell.read ? 1 : 0);
                value.push_back(cell.value);
                for (std::size_t a = rank; a-- > 0;) {  // next position, row-major
                    if (++c[a] < hi[a]) break;
                    c[a] = lo[a];
                }
            }
            val cells = val::object();
            val region = val::array();
            for (std::size_t a = 0; a < rank; ++a) region.set(a, ints_to_js({lo[a], hi[a]}));
            cells.set("view", region);
            cells.set("pos", int32_array(pos));
            cells.set("source", int32_array(src));
            val k = val::global("Uint8Array").new_(kind.size());
            if (!kind.empty()) k.call<void>("set", val(emscripten::typed_memory_view(kind.size(), kind.data())));
            cells.set("kind", k);
            val r = val::global("Uint8Array").new_(read.size());
            if (!read.empty()) r.call<void>("set", val(emscripten::typed_memory_view(read.size(), read.data())));
            cells.set("read", r);
            val f = val::global("Float32Array").new_(value.size());
            if (!value.empty()) f.call<void>("set", val(emscripten::typed_memory_view(value.size(), value.data())));
            cells.set("value", f);
            g.set("cells", cells);
        } else {
            g.set("cells", val::null());
        }

        // Steps.
        std::size_t taps = 1;
        for (padlab::Dim k : d.spec.kernel) taps *= static_cast<std::size_t>(k);
        std::size_t from = 0, to = 0;
        bool list_steps = true;
        if (step_from < 0) {
            to = d.step_count;
            list_steps = d.step_count * taps <= kMaxDiagramTaps;
        } else {
            from = std::min<std::size_t>(static_cast<std::size_t>(step_from), d.step_count);
            to = std::min<std::size_t>(std::max(static_cast<std::size_t>(std::max(step_to, 0)), from), d.step_count);
            if ((to - from) * taps > kMaxDiagramTaps) {
                throw padlab::LimitError("diagram: steps " + std::to_string(from) + " to " + std::to_string(to) +
                                         " read more than " + std::to_string(kMaxDiagramTaps) + " cells; ask for fewer steps");
            }
        }
        if (list_steps) {
            std::vector<std::int32_t> out, origin, window;
            for (std::size_t i = from; i < to; ++i) {
                const padlab::DiagramStep st = padlab::diagram_step(d, i);
                for (padlab::Dim v : st.output) out.push_back(static_cast<std::int32_t>(v));
                for (padlab::Dim v : st.origin) origin.push_back(static_cast<std::int32_t>(v));
                for (const padlab::Shape& t : st.window)
                    for (padlab::Dim v : t) window.push_back(static_cast<std::int32_t>(v));
            }
            val steps = val::object();
            steps.set("from", static_cast<double>(from));
            steps.set("to", static_cast<double>(to));
            steps.set("taps", static_cast<double>(taps));
            steps.set("output", int32_array(out));
            steps.set("origin", int32_array(origin));
            steps.set("window", int32_array(window));
            g.set("steps", steps);
        } else {
            g.set("steps", val::null());
        }
        return g;
    });
}

// o: { cell, maxCells, maxSlices, maxFrames, stepSeconds, holdSeconds, values, sources, title, idPrefix }
// (every field present; padlab.js fills the defaults). step < 0: the animated picture.
val diagram_svg(const val& spec, double step, const val& o) {
    return guarded([&] {
        const padlab::Diagram d = padlab::make_diagram(read_diagram_spec(spec));
        padlab::SvgOptions opt;
        opt.cell = o["cell"].as<int>();
        opt.max_cells = o["maxCells"].as<int>();
        opt.max_slices = o["maxSlices"].as<int>();
        opt.max_frames = static_cast<std::size_t>(o["maxFrames"].as<double>());
        opt.step_seconds = o["stepSeconds"].as<double>();
        opt.hold_seconds = o["holdSeconds"].as<double>();
        opt.values = o["values"].as<bool>();
        opt.sources = o["sources"].as<bool>();
        opt.title = o["title"].as<std::string>();
        opt.id_prefix = o["idPrefix"].as<std::string>();
        if (step < 0) return val(padlab::render_svg_animated(d, opt));
        return val(padlab::render_svg_step(d, static_cast<std::size_t>(step), opt));
    });
}

val diagram_presets() {
    return guarded([] {
        val list = val::array();
        const auto& presets = padlab::diagram_presets();
        for (std::size_t i = 0; i < presets.size(); ++i) {
            val p = val::object();
            p.set("name", std::string(presets[i].name));
            p.set("summary", std::string(presets[i].summary));
            p.set("spec", diagram_spec_to_js(presets[i].spec));
            list.set(i, p);
        }
        return list;
    });
}

// The diagram spec of the layer called `name` in a model source (any format summary takes).
val layer_diagram_spec(const std::string& source, const std::string& name) {
    return guarded([&] {
        const padlab::ModelSpec spec = padlab::import_model(source);
        const padlab::ModelSummary summary = padlab::summarize(spec);
        return diagram_spec_to_js(padlab::model_layer_diagram_spec(spec, summary, name));
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
    emscripten::function("forward", &forward);
    emscripten::function("modelWeights", &model_weights);
    emscripten::function("diagram", &diagram);
    emscripten::function("diagramSvg", &diagram_svg);
    emscripten::function("diagramPresets", &diagram_presets);
    emscripten::function("layerDiagramSpec", &layer_diagram_spec);
    emscripten::function("memoryStats", &memory_stats);
    emscripten::function("version", &version);
}
