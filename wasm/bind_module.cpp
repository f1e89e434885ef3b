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

#ifndef PADLAB_VERSION
#define PADLAB_VERSION "0.0.0"
#endif

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

val version() {
    return guarded([] { return val(std::string(PADLAB_VERSION)); });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_module) {
    emscripten::function("memoryStats", &padlab_wasm::memory_stats);
    emscripten::function("version", &padlab_wasm::version);
}
