// Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum (element-wise, with
// broadcasting), Concatenate and Dot. They are called on a list of tensors and have no weights.
// Shape rules and error texts follow Keras 2.7+ / Keras 3, which agree on them
// (keras/src/layers/merging/base_merge.py, concatenate.py, dot.py, subtract.py in Keras 3;
// keras/layers/merging/ in tf.keras 2.9+). Shapes in messages print as Python tuples, batch
// included, except the element-wise check, which Keras runs without the batch axis.
#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

std::string shapes_to_python(const std::vector<Shape>& shapes) {
    std::string out = "[";
    for (std::size_t i = 0; i < shapes.size(); ++i) out += (i ? ", " : "") + shape_to_python(shapes[i]);
    return out + "]";
}

// Called on one tensor instead of a list.
LayerResult not_a_list(const nlohmann::json& /*config*/, const Shape& input) {
    throw ArgumentError("A merge layer should be called on a list of inputs. Received: input_shape=" +
                        shape_to_python(input) + " (not a list of shapes)");
}

// keras base_merge._compute_elemwise_op_output_shape: shapes without the batch axis; None is
// compatible with anything, 1 broadcasts, otherwise sizes must be equal.
Shape elementwise_shape(Shape a, Shape b) {
    if (a.size() < b.size()) std::swap(a, b);
    Shape out(a.begin(), a.end() - static_cast<std::ptrdiff_t>(b.size()));
    for (std::size_t i = 0; i < b.size(); ++i) {
        const Dim x = a[a.size() - b.size() + i], y = b[i];
        if (x == kNone || y == kNone) {
            out.push_back(kNone);
        } else if (x == 1) {
            out.push_back(y);
        } else if (y == 1 || x == y) {
            out.push_back(x);
        } else {
            throw ShapeError("Inputs have incompatible shapes. Received shapes " + shape_to_python(a) + " and " +
                             shape_to_python(b));
        }
    }
    return out;
}

LayerResult elementwise(const nlohmann::json& config, const std::vector<Shape>& inputs, const char* cls) {
    const ConfigArgs args(config, cls);
    (void)args;
    if (inputs.empty()) {
        throw ArgumentError("A merge layer should be called on a list of at least 1 input. Got 0 inputs. Full "
                            "input_shape received: []");
    }
    // Batch sizes: known ones must agree.
    Dim batch = kNone;
    for (const Shape& s : inputs) {
        if (s.empty()) throw ShapeError("A merge layer cannot merge scalars. Received: input_shape=" + shapes_to_python(inputs));
        if (s[0] == kNone) continue;
        if (batch != kNone && s[0] != batch) {
            throw ShapeError("Cannot merge tensors with different batch sizes. Got tensors with shapes " +
                             shapes_to_python(inputs));
        }
        batch = s[0];
    }
    Shape out(inputs[0].begin() + 1, inputs[0].end());
    for (std::size_t i = 1; i < inputs.size(); ++i) out = elementwise_shape(out, Shape(inputs[i].begin() + 1, inputs[i].end()));
    bool any_unknown_batch = false;
    for (const Shape& s : inputs) any_unknown_batch = any_unknown_batch || s[0] == kNone;
    out.insert(out.begin(), any_unknown_batch ? kNone : batch);
    LayerResult r;
    r.output_shape = out;
    return r;
}

template <const char* Cls>
LayerResult elementwise_layer(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    return elementwise(config, inputs, Cls);
}

constexpr char kAdd[] = "Add", kMultiply[] = "Multiply", kAverage[] = "Average", kMaximum[] = "Maximum",
               kMinimum[] = "Minimum";

LayerResult subtract(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    if (inputs.size() != 2) {
        throw ArgumentError("A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=" +
                            shapes_to_python(inputs));
    }
    return elementwise(config, inputs, "Subtract");
}

Dim normalized_axis(Dim axis, std::size_t rank) { return axis < 0 ? axis + static_cast<Dim>(rank) : axis; }

LayerResult concatenate(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    const ConfigArgs args(config, "Concatenate");
    const Dim axis = args.integer("axis", -1);
    if (inputs.empty()) {
        throw ArgumentError("A `Concatenate` layer should be called on a list of at least 1 input. Received: "
                            "input_shape=[]");
    }
    const std::string mismatch = "A `Concatenate` layer requires inputs with matching shapes except for the "
                                 "concatenation axis. Received: input_shape=" + shapes_to_python(inputs);
    const std::size_t rank = inputs[0].size();
    const Dim a = normalized_axis(axis, rank);
    if (a < 0 || a >= static_cast<Dim>(rank)) throw ShapeError(mismatch);
    Shape out = inputs[0];
    for (std::size_t i = 1; i < inputs.size(); ++i) {
        const Shape& s = inputs[i];
        if (s.size() != rank) throw ShapeError(mismatch);
        for (std::size_t d = 0; d < rank; ++d) {
            if (static_cast<Dim>(d) == a) continue;
            if (out[d] == kNone) out[d] = s[d];
            else if (s[d] != kNone && s[d] != out[d]) throw ShapeError(mismatch);
        }
        out[static_cast<std::size_t>(a)] = out[static_cast<std::size_t>(a)] == kNone || s[static_cast<std::size_t>(a)] == kNone
                                               ? kNone
                                               : out[static_cast<std::size_t>(a)] + s[static_cast<std::size_t>(a)];
    }
    LayerResult r;
    r.output_shape = out;
    return r;
}

LayerResult dot(const nlohmann::json& config, const std::vector<Shape>& inputs) {
    const ConfigArgs args(config, "Dot");
    if (inputs.size() != 2) {
        throw ArgumentError("A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=" +
                            shapes_to_python(inputs));
    }
    const nlohmann::json* axes_value = args.find("axes");
    if (!axes_value) throw ArgumentError("Dot.__init__() missing 1 required positional argument: 'axes'");
    Shape axes;
    if (axes_value->is_number_integer()) {
        axes = {axes_value->get<Dim>(), axes_value->get<Dim>()};
    } else if (axes_value->is_array()) {
        if (axes_value->size() != 2) {
            throw ArgumentError("Invalid format for argument `axes`: it should contain two elements. Received: axes=" +
                                python_repr(*axes_value));
        }
        for (const auto& v : *axes_value) {
            if (!v.is_number_integer()) {
                throw ArgumentError("Invalid format for argument `axes`: list elements should be integers. Received: "
                                    "axes=" + python_repr(*axes_value));
            }
            axes.push_back(v.get<Dim>());
        }
    } else {
        throw ArgumentError("Invalid type for argument `axes`: it should be a list or an int. Received: axes=" +
                            python_repr(*axes_value));
    }
    Shape s1 = inputs[0], s2 = inputs[1];
    // Keras: axes % len(shape), per input.
    const auto wrap = [](Dim v, std::size_t n) { return ((v % static_cast<Dim>(n)) + static_cast<Dim>(n)) % static_cast<Dim>(n); };
    if (s1.empty() || s2.empty()) throw ShapeError("A `Dot` layer needs inputs of rank >= 1");
    const Dim a1 = wrap(axes[0], s1.size()), a2 = wrap(axes[1], s2.size());
    const Dim d1 = s1[static_cast<std::size_t>(a1)], d2 = s2[static_cast<std::size_t>(a2)];
    if (d1 != kNone && d2 != kNone && d1 != d2) {
        throw ShapeError("Incompatible input shapes: axis values " + std::to_string(d1) + " (at axis " + std::to_string(a1) +
                         ") != " + std::to_string(d2) + " (at axis " + std::to_string(a2) + "). Full input shapes: " +
                         shape_to_python(s1) + ", " + shape_to_python(s2));
    }
    s1.erase(s1.begin() + a1);
    s2.erase(s2.begin() + a2);
    if (!s2.empty()) s2.erase(s2.begin());  // the batch axis, once
    Shape out = s1;
    out.insert(out.end(), s2.begin(), s2.end());
    if (out.size() == 1) out.push_back(1);
    LayerResult r;
    r.output_shape = out;
    return r;
}

LayerType merge(std::string_view name, std::vector<std::string_view> positional, MultiInferFn f) {
    LayerType t{name, std::move(positional), not_a_list};
    t.infer_list = f;
    return t;
}

}  // namespace

std::vector<LayerType> merge_layer_types() {
    return {
        merge("Add", {}, elementwise_layer<kAdd>),
        merge("Subtract", {}, subtract),
        merge("Multiply", {}, elementwise_layer<kMultiply>),
        merge("Average", {}, elementwise_layer<kAverage>),
        merge("Maximum", {}, elementwise_layer<kMaximum>),
        merge("Minimum", {}, elementwise_layer<kMinimum>),
        merge("Concatenate", {"axis"}, concatenate),
        merge("Dot", {"axes", "normalize"}, dot),
    };
}

}  // namespace padlab::layers
