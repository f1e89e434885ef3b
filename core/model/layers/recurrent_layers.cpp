// Recurrent layers: SimpleRNN, LSTM, GRU and ConvLSTM1D/2D/3D (shape inference only; the
// forward pass does not run them). Sources: tf-keras (Keras 2.15) tf_keras/layers/rnn/
// base_rnn.py, simple_rnn.py, lstm.py, gru.py, base_conv_rnn.py, base_conv_lstm.py; Keras 3
// keras/src/layers/rnn/rnn.py, simple_rnn.py, lstm.py, gru.py, conv_lstm.py (HEAD 3422977a).
//
// Outputs (both eras): (batch, units), or (batch, time, units) with return_sequences; with
// return_state the call returns a list: [output, h] for SimpleRNN / GRU, [output, h, c] for
// LSTM and ConvLSTM, each state (batch, units) (ConvLSTM: (batch, *out_spatial, filters)).
//
// Parameters (in = the input's last axis, u = units; bias terms only with use_bias):
//   SimpleRNN  u*in + u*u + u
//   LSTM       4*(u*in + u*u + u)
//   GRU        3*(u*in + u*u) + 3u, plus another 3u with reset_after=True (two bias vectors,
//              bias shape (2, 3u)). reset_after defaults to True in tf.keras 2.x and Keras 3;
//              standalone Keras <= 2.2 defaulted to False. TF.js 4.22 supports only False: its
//              GRUCell throws "GRUCell does not support reset_after parameter set to true." and
//              its model.json writes "reset_after": false, so TF.js GRU(8) on 5 features counts
//              3*(8*5 + 8*8 + 8) = 336 [ran], Keras 360.
//   ConvLSTM   4*(k*in*f + k*f*f + f), k = prod(kernel_size), f = filters; its output length
//              is the Conv arithmetic (window_arithmetic), the recurrent conv is 'same', stride 1.
// MACs (conv_layers.cpp's convention), per sample, over T time steps (0 when T is unknown):
//   SimpleRNN T*u*(in+u), LSTM T*4u*(in+u), GRU T*3u*(in+u),
//   ConvLSTM  T*out_positions*(k*in*4f + k*f*4f).
//
// Era differences, and the text PadLab uses (tf.keras 2.15's, as layer_checks' InputSpec
// text is, unless noted):
//   - units <= 0: both eras "Received an invalid value for argument `units`, expected a
//     positive integer, got 0." TF.js: "Expected units to be a positive integer, but got 0."
//   - dropout / recurrent_dropout: neither era checks the range; both clamp to [0, 1]
//     (min(1.0, max(0.0, dropout))), as TF.js does. Only a non-number is refused here.
//   - input rank: InputSpec(ndim=3) (ConvLSTMnD: ndim=n+3). Keras 3's text is "Input 0 with
//     name '...' of layer 'lstm' is incompatible with the layer: expected ndim=3, found
//     ndim=2. Full shape received: (None, 5)"; TF.js: "Input 0 is incompatible with layer
//     lstm_LSTM6: expected ndim=3, found ndim=2".
//   - stateful=True with an unknown batch size: Keras 2 RNN.reset_states' text (below). Keras
//     3: "When using `stateful=True` in a RNN, the batch size must be static. Found dynamic
//     batch size: sequence.shape=(None, 10, 8)". TF.js: Keras 2's with `batchInputShape`.
//   - unroll=True with an unknown time dimension: Keras 2 SimpleRNN (RNN.call) "Cannot unroll
//     a RNN if the time dimension is undefined. ...", Keras 2 LSTM / GRU (backend.rnn)
//     "Unrolling requires a fixed number of timesteps."; Keras 3 says "Cannot unroll ..." for
//     all three, with other advice lines; TF.js accepts it [ran]. ConvLSTM: Keras 2 refuses any
//     unroll=True ("Unrolling is not possible with convolutional RNNs. Received: unroll=True");
//     Keras 3 passes it to RNN.
//   - time_major (Keras 2 only; Keras 3 rejects the keyword): the time and batch axes swap.
//   - use_cudnn (Keras 3 LSTM / GRU only): 'auto', True or False.
//   - ConvLSTM on an unknown spatial length: Keras 2 gives None, Keras 3 refuses ("ConvLSTM
//     layers only support static input shapes for the spatial dimension."); PadLab follows
//     Keras 2. strides > 1 with dilation > 1: Keras 3's ConvLSTMCell says "Specifying `strides >
//     1` is not compatible with `dilation_rate > 1`. ..."; PadLab gives the Conv text.
//   - filters: neither era checks it for ConvLSTM; PadLab refuses <= 0 with the Conv text.
//   - go_backwards only reverses the time order: no shape effect.
//   - initial_state (SimpleRNN / LSTM / GRU): the states are extra inputs of the call (Keras 2
//     and TF.js: [x, h, c] in the node; Keras 3: the initial_state keyword), checked against the
//     cell's state sizes. ConvLSTM's initial_state is not modelled (refused as 3 inputs).
//   - Auto names: ConvLSTM2D is "conv_lstm2d" in tf.keras >= 2.7 and Keras 3 (to_snake_case's
//     "(.)([A-Z][a-z]+)"), but "conv_lst_m2d" in tf.keras <= 2.6 ("[a-z0-9]+", changed in
//     keras-team/keras f4254fb4, 2021-07-09) and in TF.js ("conv_lst_m2d_ConvLSTM2D1"). PadLab
//     names layers once for every era, the current way.
#include <string>

#include "core/base/errors.hpp"
#include "core/ops/conv_arithmetic.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/recurrent_layers.hpp"

namespace padlab::layers {

namespace {

enum class Cell { Simple, Lstm, Gru };

const char* cell_class(Cell cell) {
    switch (cell) {
        case Cell::Simple: return "SimpleRNN";
        case Cell::Lstm: return "LSTM";
        case Cell::Gru: return "GRU";
    }
    return "RNN";
}

// Gates: the weight blocks a cell stacks (kernel shape (in, gates * units)).
Dim gates(Cell cell) { return cell == Cell::Lstm ? 4 : cell == Cell::Gru ? 3 : 1; }

// The RNN base class's arguments, read in Keras's order; every one must be a boolean.
struct RnnFlags {
    bool return_sequences = false;
    bool return_state = false;
    bool stateful = false;
    bool unroll = false;
    bool time_major = false;
};

RnnFlags read_flags(const ConfigArgs& args) {
    RnnFlags f;
    f.return_sequences = args.boolean("return_sequences", false);
    f.return_state = args.boolean("return_state", false);
    args.boolean("go_backwards", false);
    f.stateful = args.boolean("stateful", false);
    f.unroll = args.boolean("unroll", false);
    f.time_major = args.boolean("time_major", false);
    args.boolean("zero_output_for_mask", false);
    return f;
}

// The dropout arguments Keras clamps to [0, 1]; only their type can be wrong.
void read_dropouts(const ConfigArgs& args) {
    args.number("dropout", 0.0);
    args.number("recurrent_dropout", 0.0);
}

// Keras 2 RNN.reset_states, called by build() for a stateful RNN.
void check_stateful(const RnnFlags& f, Dim batch) {
    if (f.stateful && (batch == kNone || batch == 0)) {
        throw ShapeError(
            "If a RNN is stateful, it needs to know its batch size. Specify the batch size of your input tensors: \n"
            "- If using a Sequential model, specify the batch size by passing a `batch_input_shape` argument to "
            "your first layer.\n"
            "- If using the functional API, specify the batch size by passing a `batch_shape` argument to your "
            "Input layer.");
    }
}

// The [output, states...] list of an RNN call as a LayerResult.
void set_outputs(LayerResult& r, const Shape& output, const Shape& state, int states, bool return_state) {
    r.output_shape = output;
    if (!return_state) return;
    r.output_shapes.push_back(output);
    for (int i = 0; i < states; ++i) r.output_shapes.push_back(state);
}

LayerResult infer_rnn(const nlohmann::json& config, const Shape& input, Cell cell) {
    const std::string cls = cell_class(cell);
    const ConfigArgs args(config, cls);
    const std::string what = "the parameter count of " + cls + " '" + args.layer_name() + "'";
    const std::string macs_what = "the MAC count of " + cls + " '" + args.layer_name() + "'";

    // __init__: the cell's arguments, then the RNN's.
    const Dim units = args.integer("units");
    if (units <= 0) {
        args.fail("Received an invalid value for argument `units`, expected a positive integer, got " +
                  std::to_string(units) + ".");
    }
    args.check_activation("activation");
    if (cell != Cell::Simple) args.check_activation("recurrent_activation");
    const bool use_bias = args.boolean("use_bias", true);
    if (cell == Cell::Lstm) args.boolean("unit_forget_bias", true);
    read_dropouts(args);
    const bool reset_after = cell == Cell::Gru && args.boolean("reset_after", true);
    const RnnFlags f = read_flags(args);
    if (cell != Cell::Simple) {
        // Keras 3 LSTM / GRU __init__ (the "Invalid valid" is in the source).
        if (const nlohmann::json* v = args.find("use_cudnn"); v && !v->is_boolean() && *v != "auto") {
            args.fail("Invalid valid received for argument `use_cudnn`. Expected one of {'auto', True, False}. "
                      "Received: use_cudnn=" + python_repr(*v));
        }
    }

    // __call__: InputSpec(ndim=3); build: the cell's kernel needs the feature size; a stateful
    // RNN needs the batch size; call: unrolling needs the time steps.
    require_ndim(input, 3, args.layer_name());
    const Dim batch = f.time_major ? input[1] : input[0];
    const Dim time = f.time_major ? input[0] : input[1];
    const Dim in = input[2];
    if (in == kNone) {
        throw ShapeError("The last dimension of the inputs to a " + cls + " layer should be defined. Found None. "
                         "Full input shape received: " + shape_to_python(input));
    }
    check_stateful(f, batch);
    if (f.unroll && time == kNone) {
        if (cell == Cell::Simple) {
            throw ShapeError(
                "Cannot unroll a RNN if the time dimension is undefined. \n"
                "- If using a Sequential model, specify the time dimension by passing an `input_shape` or "
                "`batch_input_shape` argument to your first layer. If your first layer is an Embedding, you can "
                "also use the `input_length` argument.\n"
                "- If using the functional API, specify the time dimension by passing a `shape` or `batch_shape` "
                "argument to your Input layer.");
        }
        throw ShapeError("Unrolling requires a fixed number of timesteps.");
    }

    LayerResult r;
    const Shape state = {batch, units};
    Shape output = {batch, units};
    if (f.return_sequences) output = f.time_major ? Shape{time, batch, units} : Shape{batch, time, units};
    set_outputs(r, output, state, cell == Cell::Lstm ? 2 : 1, f.return_state);

    const Dim g = gates(cell);
    const Dim per_gate = checked_add(checked_mul(units, in, what), checked_mul(units, units, what), what);
    Dim params = checked_mul(g, per_gate, what);
    if (use_bias) params = checked_add(params, checked_mul(checked_mul(g, units, what), reset_after ? 2 : 1, what), what);
    r.trainable_params = params;
    if (time != kNone) r.macs = checked_mul(time, checked_mul(g, checked_add(checked_mul(units, in, macs_what),
                                                                             checked_mul(units, units, macs_what), macs_what),
                                                              macs_what),
                                            macs_what);
    return r;
}

template <Cell C>
LayerResult rnn(const nlohmann::json& config, const Shape& input) {
    return infer_rnn(config, input, C);
}

// An InputSpec's repr as tf.keras prints it inside a list: InputSpec(shape=(None, 8), ndim=2).
std::string input_spec_text(const Shape& s) {
    return "InputSpec(shape=" + shape_to_python(s) + ", ndim=" + std::to_string(s.size()) + ")";
}

// rnn(x, initial_state=[h, c]): Keras 2 RNN.__call__ (tf_keras/layers/rnn/base_rnn.py) calls
// the layer on [x, h, c], so the node's inbound tensors (and the "Connected to" column, in
// TF.js's model.json too) hold the states after the sequence; build() checks them against
// cell.state_size (_validate_state_spec: the count, and each state's shape[1:] against
// (units,)). Keras 3 passes initial_state as a call keyword (keras/src/layers/rnn/rnn.py call),
// whose tensors its summary lists the same way. A single input is the plain call.
template <Cell C>
LayerResult rnn_with_states(const nlohmann::json& config, const std::vector<Shape>& in) {
    if (in.empty()) throw ArgumentError(std::string(cell_class(C)) + ".call() missing 1 required positional argument: 'inputs'");
    LayerResult r = infer_rnn(config, in[0], C);
    if (in.size() == 1) return r;
    const Dim units = config.at("units").get<Dim>();  // read and checked by infer_rnn
    const std::size_t states = C == Cell::Lstm ? 2 : 1;
    bool ok = in.size() - 1 == states;
    std::string specs = "[";
    for (std::size_t i = 1; i < in.size(); ++i) {
        specs += (i > 1 ? ", " : "") + input_spec_text(in[i]);
        ok = ok && in[i].size() == 2 && (in[i][1] == kNone || in[i][1] == units);
    }
    specs += "]";
    if (!ok) {
        const std::string u = std::to_string(units);
        throw ShapeError("An `initial_state` was passed that is not compatible with `cell.state_size`. Received "
                         "`state_spec`=" + specs + "; however `cell.state_size` is " +
                         (C == Cell::Lstm ? "[" + u + ", " + u + "]" : u));
    }
    return r;
}

LayerResult infer_conv_lstm(const nlohmann::json& config, const Shape& input, int rank) {
    const std::string cls = "ConvLSTM" + std::to_string(rank) + "D";
    const ConfigArgs args(config, cls);
    const auto n = static_cast<std::size_t>(rank);
    const std::string what = "the parameter count of " + cls + " '" + args.layer_name() + "'";
    const std::string macs_what = "the MAC count of " + cls + " '" + args.layer_name() + "'";

    // Keras 2 ConvRNN.__init__ refuses unrolling first, then the cell reads its arguments.
    if (args.boolean("unroll", false)) args.fail("Unrolling is not possible with convolutional RNNs. Received: unroll=True");
    const Dim filters = args.positive_integer("filters");
    const Shape kernel = args.int_tuple("kernel_size", n);
    const Shape strides = args.int_tuple("strides", n, Shape(n, 1));
    // normalize_padding / standardize_padding: valid or same ('causal' has no ConvLSTM meaning).
    const Padding padding = args.window_padding(false, /*pooling=*/true);
    args.require_channels_last();
    const Shape dilation = args.int_tuple("dilation_rate", n, Shape(n, 1));
    args.check_activation("activation");
    args.check_activation("recurrent_activation");
    const bool use_bias = args.boolean("use_bias", true);
    args.boolean("unit_forget_bias", true);
    read_dropouts(args);
    const RnnFlags f = read_flags(args);

    // InputSpec(ndim=rank+3): (batch, time, spatial..., channels).
    require_ndim(input, n + 3, args.layer_name());
    const Dim channels = input.back();
    if (channels == kNone) {
        throw ShapeError("The channel dimension of the inputs (last axis) should be defined. Found None. Full input "
                         "shape received: input_shape=" + shape_to_python(input));
    }
    check_stateful(f, input[0]);
    const Shape spatial(input.begin() + 2, input.end() - 1);
    const auto axes = window_arithmetic(WindowOp::Conv, spatial, kernel, strides, dilation, padding, cls);

    Shape out_spatial;
    Pads pads;
    for (const auto& a : axes) {
        out_spatial.push_back(a.output);
        pads.push_back(Pad{a.pad_before, a.pad_after});
    }
    Shape state = {input[0]};
    state.insert(state.end(), out_spatial.begin(), out_spatial.end());
    state.push_back(filters);
    Shape output = state;
    if (f.return_sequences) output.insert(output.begin() + 1, input[1]);

    LayerResult r;
    set_outputs(r, output, state, 2, f.return_state);
    r.padding = pads;
    const Dim k = known_product(kernel, what);
    const Dim per_gate = checked_add(checked_mul(checked_mul(k, channels, what), filters, what),
                                     checked_mul(checked_mul(k, filters, what), filters, what), what);
    Dim params = checked_mul(4, per_gate, what);
    if (use_bias) params = checked_add(params, checked_mul(4, filters, what), what);
    r.trainable_params = params;
    const Dim positions = known_product(out_spatial, macs_what);
    if (positions != kNone && input[1] != kNone) {
        const Dim per_position = checked_mul(4, checked_add(checked_mul(checked_mul(k, channels, macs_what), filters, macs_what),
                                                            checked_mul(checked_mul(k, filters, macs_what), filters, macs_what),
                                                            macs_what),
                                             macs_what);
        r.macs = checked_mul(checked_mul(input[1], positions, macs_what), per_position, macs_what);
    }
    return r;
}

template <int Rank>
LayerResult conv_lstm(const nlohmann::json& config, const Shape& input) {
    return infer_conv_lstm(config, input, Rank);
}

// Python positional arguments, in tf.keras 2.15's __init__ order (Keras 3 agrees up to
// recurrent_dropout, then puts seed before return_sequences).
const std::vector<std::string_view> kSimpleRnnArgs = {
    "units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
    "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
    "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "return_sequences", "return_state",
    "go_backwards", "stateful", "unroll"};
const std::vector<std::string_view> kLstmArgs = {
    "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
    "bias_initializer", "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
    "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
    "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "time_major", "unroll"};
const std::vector<std::string_view> kGruArgs = {
    "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
    "bias_initializer", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
    "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout",
    "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "time_major", "reset_after"};
const std::vector<std::string_view> kConvLstmArgs = {
    "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
    "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
    "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
    "kernel_constraint", "recurrent_constraint", "bias_constraint", "return_sequences", "return_state",
    "go_backwards", "stateful", "dropout", "recurrent_dropout"};

template <std::size_t States>
std::size_t rnn_outputs(const nlohmann::json& config) {
    return rnn_returns_state(config) ? 1 + States : 1;
}

LayerType recurrent(std::string_view name, const std::vector<std::string_view>& positional, InferFn infer,
                    OutputCountFn outputs, MultiInferFn with_states = nullptr) {
    LayerType t{name, positional, infer};
    t.output_count = outputs;
    t.infer_list = with_states;
    if (with_states) t.states_keyword = "initial_state";
    return t;
}

}  // namespace

bool rnn_returns_state(const nlohmann::json& config) {
    if (!config.is_object()) return false;
    const auto it = config.find("return_state");
    return it != config.end() && it->is_boolean() && it->get<bool>();
}

std::vector<LayerType> recurrent_layer_types() {
    return {
        recurrent("SimpleRNN", kSimpleRnnArgs, &rnn<Cell::Simple>, &rnn_outputs<1>, &rnn_with_states<Cell::Simple>),
        recurrent("LSTM", kLstmArgs, &rnn<Cell::Lstm>, &rnn_outputs<2>, &rnn_with_states<Cell::Lstm>),
        recurrent("GRU", kGruArgs, &rnn<Cell::Gru>, &rnn_outputs<1>, &rnn_with_states<Cell::Gru>),
        recurrent("ConvLSTM1D", kConvLstmArgs, &conv_lstm<1>, &rnn_outputs<2>),
        recurrent("ConvLSTM2D", kConvLstmArgs, &conv_lstm<2>, &rnn_outputs<2>),
        recurrent("ConvLSTM3D", kConvLstmArgs, &conv_lstm<3>, &rnn_outputs<2>),
    };
}

}  // namespace padlab::layers
