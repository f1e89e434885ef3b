// Arithmetic between a symbolic tensor and a Python number in a Functional model (`x * 2`,
// `x / 255.0`, `x + 3.0`, `1 - x`, `-x`). They are not Keras layers: the Python importer
// records them as operations (LayerSpec::operation), rows of the summary with the tensor's
// shape and no weights. Registered under PadLab's own names (ScalarAdd, ...) because Keras's
// classes (Add, Subtract, Multiply) are the merge layers' names too, which need two or more
// tensors; LayerType::keras_class is what both summaries print and name them by.
//
// Config: {"scalar": <the number>, "reflected": <the number was on the left>} ("scalar" absent
// for ScalarNegative). `3.0 - x` is ScalarSubtract with reflected true: out = 3.0 - x.
//
// Sources:
//   Keras 3   keras/src/backend/common/keras_tensor.py: __add__/__radd__, __sub__/__rsub__,
//             __mul__/__rmul__, __truediv__/__rtruediv__, __neg__ call
//             ops.Add/Subtract/Multiply/TrueDivide/Negative().symbolic_call(...) (the reflected
//             forms with the number first); keras/src/ops/numpy.py: those Operation classes,
//             output shape broadcast_shapes(x, number) = x's shape. An Operation is auto-named
//             from its class (ops/operation.py, naming.auto_name): "add", "subtract",
//             "multiply", "true_divide", "negative", on the counters layers share. The summary
//             (utils/summary_utils.py) walks model._operations, prints the row with params 0
//             (an Operation has no `built`), and "Connected to" lists node.input_tensors, the
//             KerasTensors only: the number does not appear. model.layers leaves them out.
//   tf.keras  tf_keras/engine/keras_tensor.py overloads KerasTensor's operators with
//             tf.Tensor's; TensorFlow's math_ops._OverrideBinaryOperatorHelper wraps
//             _add_dispatch (tf_export "__operators__.add"), subtract ("math.subtract"),
//             _mul_dispatch -> multiply ("math.multiply"), truediv ("math.truediv"); __neg__
//             is gen_math_ops.neg ("math.negative"). A KerasTensor argument dispatches to a
//             TFOpLambda layer (tf_keras/layers/core/tf_op_layer.py) named "tf." + the symbol
//             through backend.unique_object_name(zero_based=True): "tf.math.multiply",
//             "tf.math.multiply_1". r_binary_op_wrapper calls the same function with the
//             number first, so `2 * x` is also "tf.math.multiply". A TFOpLambda IS a layer:
//             model.layers counts it; its node's keras_inputs hold the tensor only, so
//             "Connected to" names the tensor alone.
// Era differences: Keras 3 prints "multiply (Multiply)", "true_divide (TrueDivide)", not in
//   model.layers; tf.keras prints "tf.math.multiply (TFOpLambda)", "tf.math.truediv
//   (TFOpLambda)", in model.layers. Both: output = the tensor's shape, 0 params, 0 MACs.
//   TFOpLambda is tf.keras 2.4+; older TensorFlow made a TensorFlowOpLayer and standalone
//   Keras no layer at all: PadLab's Keras 2 eras all print the TFOpLambda rows.
//   Keras 3 also takes `x + True` (ops.Add); tf.keras cannot convert a bool to the tensor's
//   float dtype: PadLab takes ints and floats only.
// The forward pass runs all five, element-wise in float32 (x op c, or c op x when reflected).
#include <memory>
#include <string>
#include <vector>

#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_families.hpp"
#include "core/model/layers/layer_forward.hpp"

namespace padlab::layers {

namespace {

enum class ScalarOp { Add, Subtract, Multiply, TrueDivide, Negative };

constexpr char kScalarAdd[] = "ScalarAdd", kScalarSubtract[] = "ScalarSubtract",
               kScalarMultiply[] = "ScalarMultiply", kScalarTrueDivide[] = "ScalarTrueDivide";

// The number is required: the importer always writes it.
template <const char* Name>
LayerResult scalar_layer(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, Name);
    args.number("scalar");
    args.boolean("reflected", false);
    return same_shape(input);  // broadcast_shapes(x.shape, []) is x.shape
}

LayerResult negative_layer(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "ScalarNegative");
    return same_shape(input);
}

// ------------------------------------------------------------------ forward pass

class ScalarOpLayer final : public InPlaceLayer {
public:
    ScalarOpLayer(ScalarOp op, float c, bool reflected) : op_(op), c_(c), reflected_(reflected) {}
    void apply(float* data, std::size_t n) const override {
        switch (op_) {
            case ScalarOp::Add:
                for (std::size_t i = 0; i < n; ++i) data[i] += c_;
                break;
            case ScalarOp::Subtract:
                for (std::size_t i = 0; i < n; ++i) data[i] = reflected_ ? c_ - data[i] : data[i] - c_;
                break;
            case ScalarOp::Multiply:
                for (std::size_t i = 0; i < n; ++i) data[i] *= c_;
                break;
            case ScalarOp::TrueDivide:
                for (std::size_t i = 0; i < n; ++i) data[i] = reflected_ ? c_ / data[i] : data[i] / c_;
                break;
            case ScalarOp::Negative:
                for (std::size_t i = 0; i < n; ++i) data[i] = -data[i];
                break;
        }
    }

private:
    ScalarOp op_;
    float c_;
    bool reflected_;
};

template <ScalarOp Op>
std::unique_ptr<RunnableLayer> scalar_forward(const ForwardContext& c) {
    const float value = Op == ScalarOp::Negative ? 0.0f : static_cast<float>(c.args.number("scalar"));
    auto layer = std::make_unique<ScalarOpLayer>(Op, value, c.args.boolean("reflected", false));
    layer->input_shape = c.input_shape;
    layer->output_shape = c.output_shape;
    return layer;
}

LayerType operation(std::string_view name, std::string_view keras_class, InferFn infer, ForwardFn forward) {
    LayerType t{name, {}, infer, forward};
    t.keras_class = keras_class;
    return t;
}

}  // namespace

std::vector<LayerType> operation_layer_types() {
    return {
        operation(kScalarAdd, "Add", scalar_layer<kScalarAdd>, scalar_forward<ScalarOp::Add>),
        operation(kScalarSubtract, "Subtract", scalar_layer<kScalarSubtract>, scalar_forward<ScalarOp::Subtract>),
        operation(kScalarMultiply, "Multiply", scalar_layer<kScalarMultiply>, scalar_forward<ScalarOp::Multiply>),
        operation(kScalarTrueDivide, "TrueDivide", scalar_layer<kScalarTrueDivide>,
                  scalar_forward<ScalarOp::TrueDivide>),
        operation("ScalarNegative", "Negative", negative_layer, scalar_forward<ScalarOp::Negative>),
    };
}

}  // namespace padlab::layers
