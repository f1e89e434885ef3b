#pragma once
// Reading Keras layer arguments from a get_config() JSON object, with errors that name the
// layer class and the argument the way Keras does. Every wrong JSON type becomes an
// ArgumentError here: a nlohmann type_error must never escape a layer.
//
// A JSON null means "not given" (Keras writes None for defaults such as pooling strides), so
// absent and null keys both take the default.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/ops/conv_arithmetic.hpp"
#include "core/base/shape.hpp"

namespace padlab::layers {

// Python's repr of a config value, as Keras prints it after "Received": lists print as tuples
// because that is how users write them ((3, 3), (1,)), strings quoted ('same'), null as None,
// booleans as True/False.
std::string python_repr(const nlohmann::json& value);

// "(2, 2)" / "(3,)": Python's str() of a tuple of ints.

class ConfigArgs {
public:
    // `config` must outlive this object. A non-object config is an ArgumentError.
    ConfigArgs(const nlohmann::json& config, std::string_view class_name);

    std::string_view class_name() const { return class_name_; }
    // The layer's Keras name: config "name" when it is a non-empty string, else the
    // auto-naming prefix (keras_snake_case of the class).
    const std::string& layer_name() const { return layer_name_; }

    // The value, or nullptr when absent or null.
    const nlohmann::json* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }

    // Without a fallback the argument is required: missing -> ArgumentError in Python's words
    // ("Conv2D.__init__() missing 1 required positional argument: 'kernel_size'").
    // Integral floats (32.0) are accepted as Keras's int() does; bools and other types are not.
    Dim integer(std::string_view key, std::optional<Dim> fallback = std::nullopt) const;
    // integer() that must be >= 1, with Keras's "strictly positive" text.
    Dim positive_integer(std::string_view key, std::optional<Dim> fallback = std::nullopt) const;
    double number(std::string_view key, std::optional<double> fallback = std::nullopt) const;
    bool boolean(std::string_view key, bool fallback) const;
    std::string string(std::string_view key, std::optional<std::string> fallback = std::nullopt) const;

    // Keras's normalize_tuple: an int broadcasts to n entries, a list must hold n integers.
    // Values are NOT range-checked here (window_arithmetic owns the kernel/stride/dilation rules);
    // use require_tuple_values for other tuples.
    Shape int_tuple(std::string_view key, std::size_t n, std::optional<Shape> fallback = std::nullopt) const;
    // Integers of any count (Reshape target_shape). A bare int is refused, as Keras's tuple() does.
    // With `null_value`, null entries read as that value (TF.js saves Reshape's -1 as null).
    Shape int_list(std::string_view key, std::optional<Dim> null_value = std::nullopt) const;
    // A shape as Keras's input_shape/batch_shape: integers >= 0 or null (unknown, kNone).
    Shape shape_list(std::string_view key) const;

    // ZeroPadding/Cropping argument forms (keras-and-peers.md §1.4), for `spatial` axes:
    //   1 axis:  int | (before, after)
    //   N axes:  int | (sym_1, ..., sym_N) | ((b1, a1), ..., (bN, aN)) (entries may mix both)
    // Values must be >= 0.
    Pads pad_pairs(std::string_view key, std::size_t spatial, const Pads& fallback) const;

    // "padding" of a Conv or pooling layer: "valid" | "same" | "causal" (case-insensitive),
    // parsed with Padding::parse. `allow_causal` false refuses causal with Keras's texts.
    // 'full' (a PadLab extension of Padding) is not a Keras layer option and is refused.
    Padding window_padding(bool allow_causal, bool pooling) const;

    // data_format must be channels_last (or absent/null). channels_first -> UnsupportedError
    // (PadLab is channels-last); any other value -> ArgumentError with Keras's text.
    void require_channels_last() const;
    // true for data_format='channels_first' (any case), false when absent or 'channels_last';
    // anything else fails with Keras's text. For the layers whose shape PadLab infers in both
    // layouts (global pooling); the others call require_channels_last().
    bool channels_first() const;

    // Validates an activation argument: a known Keras activation name, null, or a serialized
    // object (custom activations). Unknown names -> ArgumentError.
    void check_activation(std::string_view key, bool required = false) const;

    // ArgumentError "<prefix>: ..." helpers with this layer's class name.
    [[noreturn]] void fail(const std::string& message) const;

private:
    const nlohmann::json& config_;
    std::string class_name_;
    std::string layer_name_;
};

// The model input shape a layer config declares, with the batch dim, or nullopt. Looks, in
// Keras's order of precedence, at batch_input_shape (Keras 2), batch_shape (Keras 3),
// input_shape / shape (+ batch_size, else None), input_dim (Keras 2 Dense), and
// build_config.input_shape (Keras 3 entries; importers copy it into the config).
// Giving both a batch_* and an input_shape/shape form is an ArgumentError, as in Keras.
std::optional<Shape> declared_input_shape(const ConfigArgs& args);

// Keras's normalize_tuple range rule on already-read values: every entry > 0 (or >= 0 with
// allow_zero), else "The `name` argument must be a tuple of n integers. Received name=(...)
// including {..} that does not satisfy the requirement `> 0`."
void require_tuple_values(const Shape& values, std::string_view name, bool allow_zero);

}  // namespace padlab::layers
