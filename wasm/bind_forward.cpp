// Bindings: forward passes over resident networks, and their weights.
#include "wasm/bind_common.hpp"

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>

#include "core/import/import_model.hpp"
#include "core/model/network.hpp"

namespace padlab_wasm {
namespace {

// ------------------------------------------------------------------ forward passes
// Networks (core/network.hpp) keep their weights in the heap between calls, as TF.js keeps a
// model's: the last kNetworkCache models run stay built, keyed by source, seed and stored
// weights (padlab.js numbers each weights list it is given: 0 is none, the seeded
// initialisers), so running the same model again costs only its arithmetic. The cache is this
// module's; JS never holds a Network.

constexpr std::size_t kNetworkCache = 2;

struct CachedNetwork {
    std::string source;
    std::uint64_t seed;
    double stored_key;
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

// stored: null, or { key, weights: [{ layer, name, shape, ptr }] } (a saved file's weights,
// read only when the network is built).
padlab::Network& cached_network(const std::string& source, std::uint64_t seed, const val& stored = val::null()) {
    auto& cache = network_cache();
    const bool has_stored = !stored.isNull() && !stored.isUndefined();
    const double key = has_stored ? stored["key"].as<double>() : 0.0;
    for (auto it = cache.begin(); it != cache.end(); ++it) {
        if (it->seed == seed && it->stored_key == key && it->source == source) {
            cache.splice(cache.begin(), cache, it);
            return *cache.front().network;
        }
    }
    // Free the oldest before building, so two large models never need the heap at once.
    while (cache.size() >= kNetworkCache) cache.pop_back();
    std::unique_ptr<padlab::Network> network;
    const auto build = [&] {
        const padlab::ModelSpec spec = padlab::import_model(source);
        if (!has_stored) return std::make_unique<padlab::Network>(spec, seed);
        const std::vector<padlab::NetworkWeight> weights = read_weights(stored["weights"]);
        return std::make_unique<padlab::Network>(spec, seed, &weights);
    };
    try {
        network = build();
    } catch (const std::bad_alloc&) {
        // The model kept from before may be what leaves too little room: drop it and try once more.
        if (cache.empty()) throw;
        cache.clear();
        network = build();
    }
    cache.push_front({source, seed, key, std::move(network)});
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
// undefined. padlab.js passes a wrapper that never throws. stored: see cached_network.
// Returns { ptr, shape, inputShape, layers: [{ name, className, outputShape, macs, ms }], totalMs,
// storedWeights }.
val forward(const std::string& source, double seed, double input, double input_length, const val& on_layer,
            const val& stored) {
    return guarded([&] {
        const NetworkInUse in_use("forward");
        padlab::Network& net = cached_network(source, read_seed(seed), stored);
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
        r.set("storedWeights", net.stored_weights());
        return out.hand_over(r);
    });
}

// Every weight of the network forward() runs for (source, seed), as fresh Float32Arrays:
// [{ layer, name, shape, data }], in Keras's order (model.get_weights()).
val model_weights(const std::string& source, double seed) {
    return guarded([&] {
        const NetworkInUse in_use("modelWeights");
        padlab::Network& net = cached_network(source, read_seed(seed));
        return weights_to_js(net.weights());
    });
}

}  // namespace
}  // namespace padlab_wasm

EMSCRIPTEN_BINDINGS(padlab_forward) {
    emscripten::function("forward", &padlab_wasm::forward);
    emscripten::function("modelWeights", &padlab_wasm::model_weights);
}
