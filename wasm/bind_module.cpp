// Embind bindings over the PadLab core, one file per area (bind_*.cpp); this one holds the
// module facts. Private: only wasm/padlab.js calls these; it validates argument types first
// and turns the result objects into values or PadlabErrors.
//
// Error contract: no exception ever leaves these functions. Each returns a plain JS object,
//   { ok: true,  value: ... }                                     on success
//   { ok: false, kind, message, layer, line, column }             on any error
// because an exception escaping wasm leaves __stack_pointer unrestored and carries no
// message (TOOLCHAIN.md §5); a result object costs nothing and leaks nothing.
//
// Memory contract: tensor data moves by pointer (see "tensors by pointer" in bind_common.hpp): padlab.js
// malloc()s and fills the inputs and frees them after the call; a result buffer is malloc()ed
// here and owned by this side until it is handed over in the returned object, after which
// padlab.js copies it into a fresh Float32Array and frees it. Every other value crosses as a
// plain JS value, so JS never keeps a view into the heap nor a handle that needs .delete().
#include "wasm/bind_common.hpp"

#include <malloc.h>

#include <emscripten/heap.h>

#include "core/base/names.hpp"
#include "core/base/pad_mode.hpp"
#include "core/ops/activation.hpp"
#include "core/ops/conv_arithmetic.hpp"
#include "core/summary/summary_style.hpp"


namespace padlab_wasm {
namespace {

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

// { names: [...], entries: [{ name, aliases, description }], ignoreCase } of one core vocabulary.
template <class E>
val vocabulary_to_js(const padlab::NameTable<E>& table) {
    val names = val::array();
    val entries = val::array();
    for (std::size_t i = 0; i < table.entries().size(); ++i) {
        const padlab::NamedValue<E>& e = table.entries()[i];
        val aliases = val::array();
        for (std::size_t a = 0; a < e.aliases.size(); ++a) aliases.set(a, std::string(e.aliases[a]));
        val entry = val::object();
        entry.set("name", std::string(e.name));
        entry.set("aliases", aliases);
        entry.set("description", std::string(e.description));
        entries.set(i, entry);
        names.set(i, std::string(e.name));
    }
    val o = val::object();
    o.set("names", names);
    o.set("entries", entries);
    o.set("ignoreCase", table.match() == padlab::NameCase::Insensitive);
    return o;
}

// Every name set the API takes, from the core's tables (padlab.js exports them as `vocabulary`,
// written at build time by wasm/write_vocabulary.mjs). The first name of each is its default.
val vocabulary() {
    return guarded([] {
        val v = val::object();
        v.set("padModes", vocabulary_to_js(padlab::pad_mode_vocabulary()));
        v.set("paddings", vocabulary_to_js(padlab::padding_vocabulary()));
        v.set("windowOps", vocabulary_to_js(padlab::window_op_vocabulary()));
        v.set("activations", vocabulary_to_js(padlab::activation_vocabulary()));
        v.set("summaryStyles", vocabulary_to_js(padlab::summary_style_vocabulary()));
        v.set("keras2Eras", vocabulary_to_js(padlab::keras2_era_vocabulary()));
        return v;
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_module) {
    emscripten::function("memoryStats", &padlab_wasm::memory_stats);
    emscripten::function("version", &padlab_wasm::version);
    emscripten::function("vocabulary", &padlab_wasm::vocabulary);
}
