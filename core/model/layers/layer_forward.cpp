#include "core/model/layers/layer_forward.hpp"

#include <cstring>
#include <string>

#include "core/model/weight_init.hpp"

namespace padlab {

const LayerWeight* RunnableLayer::weight(std::string_view name) const {
    for (const auto& w : weights)
        if (w.name == name) return &w;
    return nullptr;
}

const float* RunnableLayer::bias_data() const {
    const LayerWeight* bias = weight("bias");
    return bias ? bias->data.data() : nullptr;
}

void RunnableLayer::run_list(const std::vector<const float*>& ins, float* out) const {
    // network.cpp gives a layer that takes one tensor exactly one.
    if (ins.size() != 1) throw UnsupportedError("layer called on " + std::to_string(ins.size()) + " tensors takes one");
    run(ins[0], out);
}

void InPlaceLayer::run(const float* in, float* out) const {
    const auto n = static_cast<std::size_t>(shape_elements(output_shape));
    if (out != in) std::memcpy(out, in, n * sizeof(float));
    apply(out, n);
}

namespace layers {

namespace {

class IdentityLayer final : public InPlaceLayer {
public:
    void apply(float*, std::size_t) const override {}
};

}  // namespace

UnsupportedError unsupported_forward(const ForwardContext& layer, const std::string& why) {
    return UnsupportedError("The forward pass cannot run " + std::string(layer.class_name) + " '" +
                            std::string(layer.name) + "'" + why);
}

// Config validity was checked by summarize(); here only the five PadLab computes are accepted.
Activation forward_activation(const ForwardContext& layer) {
    const auto it = layer.config.find("activation");
    if (it == layer.config.end() || it->is_null()) return Activation::Linear;
    std::string name;
    if (it->is_string()) {
        name = it->get<std::string>();
    } else if (it->is_object()) {
        // Keras 3: {"class_name": "function", "config": "relu"}; Keras 2: {"class_name": "relu"}.
        const auto c = it->find("config");
        const auto cls = it->find("class_name");
        if (c != it->end() && c->is_string()) name = c->get<std::string>();
        else if (cls != it->end() && cls->is_string()) name = cls->get<std::string>();
    }
    try {
        return parse_activation(name);
    } catch (const ArgumentError&) {
        throw UnsupportedError("The forward pass cannot run activation '" + name + "' of layer '" +
                               std::string(layer.name) + "': PadLab computes " +
                               joined_names(activation_vocabulary().names(), " and ") + ".");
    }
}

LayerWeight glorot_weight(std::string name, Shape shape, std::uint64_t seed, std::uint64_t stream) {
    LayerWeight w{std::move(name), std::move(shape), {}};
    w.data.resize(static_cast<std::size_t>(shape_elements(w.shape)));
    fill_glorot_uniform(w.data.data(), w.shape, seed, stream);
    return w;
}

LayerWeight constant_weight(std::string name, Dim n, float value) {
    return LayerWeight{std::move(name), Shape{n}, std::vector<float>(static_cast<std::size_t>(n), value)};
}

std::unique_ptr<RunnableLayer> identity_forward(const ForwardContext& layer) {
    return make_runnable<IdentityLayer>(layer);
}

}  // namespace layers

}  // namespace padlab
