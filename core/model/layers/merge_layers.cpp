// Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum (element-wise, with
// broadcasting), Concatenate and Dot. They are called on a list of tensors and have no weights.
// Shape rules and error texts follow Keras 2.7+ / Keras 3, which agree on them
// (keras/src/layers/merging/base_merge.py, concatenate.py, dot.py, subtract.py in Keras 3;
// keras/layers/merging/ in tf.keras 2.9+). Shapes in messages print as Python tuples, batch
// included, except the element-wise check, which Keras runs without the batch axis.
// The forward pass runs all of them (Dot on vectors only), at the end of this file.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_families.hpp"
#include "core/model/layers/layer_forward.hpp"
#include "core/ops/merge_ops.hpp"

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

// ------------------------------------------------------------------ forward pass
// Batch 1, every length known (network.cpp). Element-wise merges of inputs of one rank (Keras
// broadcasts a size-1 axis, which merge_elementwise does; inputs of different ranks, which
// Keras first expands, are refused), Concatenate on any axis, Dot of two vectors.

class ElementwiseMerge final : public RunnableLayer {
public:
    explicit ElementwiseMerge(MergeOp op) : op_(op) {}
    void run(const float* in, float* out) const override { run_list({in}, out); }
    void run_list(const std::vector<const float*>& ins, float* out) const override {
        merge_elementwise(op_, ins, input_shapes, output_shape, out);
    }

private:
    MergeOp op_;
};

class ConcatenateMerge final : public RunnableLayer {
public:
    explicit ConcatenateMerge(std::size_t axis) : axis_(axis) {}
    void run(const float* in, float* out) const override { run_list({in}, out); }
    void run_list(const std::vector<const float*>& ins, float* out) const override {
        concatenate_into(ins, input_shapes, axis_, out);
    }

private:
    std::size_t axis_;
};

class DotMerge final : public RunnableLayer {
public:
    explicit DotMerge(bool normalize) : normalize_(normalize) {}
    void run(const float* in, float* out) const override { run_list({in, in}, out); }
    void run_list(const std::vector<const float*>& ins, float* out) const override {
        dot_vectors(ins[0], ins[1], 1, static_cast<std::size_t>(input_shapes[0][1]), normalize_, out);
    }

private:
    bool normalize_;
};

// The list's shapes (one tensor: its shape alone).
std::vector<Shape> list_shapes(const ForwardContext& c) {
    return c.input_shapes ? *c.input_shapes : std::vector<Shape>{c.input_shape};
}

template <class Layer>
std::unique_ptr<RunnableLayer> with_inputs(std::unique_ptr<Layer> layer, const ForwardContext& c) {
    layer->input_shape = c.input_shape;
    layer->output_shape = c.output_shape;
    layer->input_shapes = list_shapes(c);
    return layer;
}

template <MergeOp Op>
std::unique_ptr<RunnableLayer> elementwise_forward(const ForwardContext& c) {
    for (const Shape& s : list_shapes(c)) {
        if (s.size() != c.output_shape.size()) {
            throw unsupported_forward(c, " on inputs of different ranks " + shapes_to_python(list_shapes(c)) +
                                         " (Keras expands the smaller ones first; PadLab does not)");
        }
    }
    return with_inputs(std::make_unique<ElementwiseMerge>(Op), c);
}

std::unique_ptr<RunnableLayer> concatenate_forward(const ForwardContext& c) {
    const Dim axis = normalized_axis(c.args.integer("axis", -1), c.output_shape.size());
    return with_inputs(std::make_unique<ConcatenateMerge>(static_cast<std::size_t>(axis)), c);
}

std::unique_ptr<RunnableLayer> dot_forward(const ForwardContext& c) {
    const std::vector<Shape> shapes = list_shapes(c);
    if (shapes.size() != 2 || shapes[0].size() != 2 || shapes[1].size() != 2) {
        throw unsupported_forward(c, " on " + shapes_to_python(shapes) + ": the forward pass runs Dot of two vectors (rank 2)");
    }
    // On rank 2 the axes are 1 (or -1); 0 would contract the batch axis.
    const nlohmann::json* axes = c.args.find("axes");
    const auto on_batch = [](const nlohmann::json& v) { return v.is_number_integer() && v.get<Dim>() % 2 == 0; };
    if (axes && (on_batch(*axes) || (axes->is_array() && std::any_of(axes->begin(), axes->end(), on_batch)))) {
        throw unsupported_forward(c, " with axes " + python_repr(*axes) + " (the batch axis)");
    }
    return with_inputs(std::make_unique<DotMerge>(c.args.boolean("normalize", false)), c);
}

LayerType merge(std::string_view name, std::vector<std::string_view> positional, MultiInferFn f, ForwardFn forward) {
    LayerType t{name, std::move(positional), not_a_list, forward};
    t.infer_list = f;
    return t;
}

}  // namespace

std::vector<LayerType> merge_layer_types() {
    return {
        merge("Add", {}, elementwise_layer<kAdd>, elementwise_forward<MergeOp::Add>),
        merge("Subtract", {}, subtract, elementwise_forward<MergeOp::Subtract>),
        merge("Multiply", {}, elementwise_layer<kMultiply>, elementwise_forward<MergeOp::Multiply>),
        merge("Average", {}, elementwise_layer<kAverage>, elementwise_forward<MergeOp::Average>),
        merge("Maximum", {}, elementwise_layer<kMaximum>, elementwise_forward<MergeOp::Maximum>),
        merge("Minimum", {}, elementwise_layer<kMinimum>, elementwise_forward<MergeOp::Minimum>),
        merge("Concatenate", {"axis"}, concatenate, concatenate_forward),
        merge("Dot", {"axes", "normalize"}, dot, dot_forward),
    };
}

}  // namespace padlab::layers
