#include "core/model/layers/config_args.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

#include "core/base/errors.hpp"
#include "core/base/suggest.hpp"
#include "core/model/layers/layer_registry.hpp"
#include "core/ops/activation.hpp"

namespace padlab::layers {

using nlohmann::json;

namespace {

// Error texts quote user input; a pasted 10,000-element list must not become a 10,000-element
// message, so reprs are cut.
constexpr std::size_t kMaxReprChars = 200;

void repr_into(const json& v, std::string& out) {
    if (out.size() > kMaxReprChars) return;
    switch (v.type()) {
        case json::value_t::null: out += "None"; break;
        case json::value_t::boolean: out += v.get<bool>() ? "True" : "False"; break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: out += v.dump(); break;
        case json::value_t::string: {
            out += '\'';
            for (char c : v.get_ref<const std::string&>()) {
                if (c == '\'' || c == '\\') out += '\\';
                out += c;
            }
            out += '\'';
            break;
        }
        case json::value_t::array: {
            out += '(';
            bool first = true;
            for (const auto& e : v) {
                if (!first) out += ", ";
                first = false;
                repr_into(e, out);
                if (out.size() > kMaxReprChars) break;
            }
            if (v.size() == 1) out += ',';
            out += ')';
            break;
        }
        case json::value_t::object: {
            out += '{';
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += ", ";
                first = false;
                out += '\'' + it.key() + "': ";
                repr_into(it.value(), out);
                if (out.size() > kMaxReprChars) break;
            }
            out += '}';
            break;
        }
        default: out += v.dump(); break;
    }
}

// Python's type name, for "including element 'a' of type str".
std::string python_type(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "NoneType";
        case json::value_t::boolean: return "bool";
        case json::value_t::number_float: return "float";
        case json::value_t::string: return "str";
        case json::value_t::array: return "tuple";
        case json::value_t::object: return "dict";
        default: return "int";
    }
}

std::string py_set(const std::set<Dim>& values) {
    std::string out = "{";
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it != values.begin()) out += ", ";
        out += std::to_string(*it);
    }
    return out + "}";
}

// "Received kernel_size=(3, 3, 3)" (Keras 3's form) for plain names; "Received: ..." for
// descriptive names such as "1st entry of padding".
std::string received(std::string_view name, const std::string& repr) {
    if (name.find(' ') != std::string_view::npos) return "Received: " + repr;
    return "Received " + std::string(name) + "=" + repr;
}

std::string tuple_message(std::string_view name, std::size_t n) {
    return "The `" + std::string(name) + "` argument must be a tuple of " + std::to_string(n) + " integers. ";
}

// A JSON value as a Python int. nullopt when it is not an integer at all (string, bool,
// 2.5...); LimitError when it is an integer beyond int64.
std::optional<Dim> as_integer(const json& v, std::string_view name) {
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<Dim>::max()))
            throw LimitError("Argument `" + std::string(name) + "` is too large: " + v.dump() +
                             " does not fit in a 64-bit integer");
        return static_cast<Dim>(u);
    }
    if (v.is_number_integer()) return v.get<Dim>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (!std::isfinite(d) || d != std::floor(d)) return std::nullopt;
        // 2^63 is exactly representable; anything at or above it cannot be an int64.
        if (std::fabs(d) >= 9223372036854775808.0)
            throw LimitError("Argument `" + std::string(name) + "` is too large: " + v.dump() +
                             " does not fit in a 64-bit integer");
        return static_cast<Dim>(d);
    }
    return std::nullopt;
}

const json& empty_object() {
    static const json empty = json::object();
    return empty;
}

}  // namespace

std::string python_repr(const json& value) {
    std::string out;
    repr_into(value, out);
    if (out.size() > kMaxReprChars) out = out.substr(0, kMaxReprChars) + "...";
    return out;
}


ConfigArgs::ConfigArgs(const json& config, std::string_view class_name)
    : config_(config.is_null() ? empty_object() : config), class_name_(class_name) {
    if (!config_.is_object()) {
        throw ArgumentError("The config of a " + class_name_ + " layer must be a JSON object. Received: " +
                            python_repr(config));
    }
    const auto it = config_.find("name");
    if (it != config_.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
        layer_name_ = it->get<std::string>();
    else
        layer_name_ = keras_snake_case(class_name_);
}

const json* ConfigArgs::find(std::string_view key) const {
    const auto it = config_.find(key);
    if (it == config_.end() || it->is_null()) return nullptr;
    return &*it;
}

void ConfigArgs::fail(const std::string& message) const { throw ArgumentError(message); }

namespace {
[[noreturn]] void missing(const std::string& cls, std::string_view key) {
    throw ArgumentError(cls + ".__init__() missing 1 required positional argument: '" + std::string(key) + "'");
}
}  // namespace

Dim ConfigArgs::integer(std::string_view key, std::optional<Dim> fallback) const {
    const json* v = find(key);
    if (!v) {
        if (fallback) return *fallback;
        missing(class_name_, key);
    }
    if (auto i = as_integer(*v, key); i && !v->is_boolean()) return *i;
    fail("Invalid value for argument `" + std::string(key) + "`. Expected an integer. " +
         received(key, python_repr(*v)) + ".");
}

Dim ConfigArgs::positive_integer(std::string_view key, std::optional<Dim> fallback) const {
    const Dim value = integer(key, fallback);
    if (value <= 0) {
        fail("Invalid value for argument `" + std::string(key) + "`. Expected a strictly positive value. " +
             received(key, std::to_string(value)) + ".");
    }
    return value;
}

double ConfigArgs::number(std::string_view key, std::optional<double> fallback) const {
    const json* v = find(key);
    if (!v) {
        if (fallback) return *fallback;
        missing(class_name_, key);
    }
    if (!v->is_number()) {
        fail("Invalid value for argument `" + std::string(key) + "`. Expected a number. " +
             received(key, python_repr(*v)) + ".");
    }
    return v->get<double>();
}

bool ConfigArgs::boolean(std::string_view key, bool fallback) const {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) {
        fail("Invalid value for argument `" + std::string(key) + "`. Expected True or False. " +
             received(key, python_repr(*v)) + ".");
    }
    return v->get<bool>();
}

std::string ConfigArgs::string(std::string_view key, std::optional<std::string> fallback) const {
    const json* v = find(key);
    if (!v) {
        if (fallback) return *fallback;
        missing(class_name_, key);
    }
    if (!v->is_string()) {
        fail("Invalid value for argument `" + std::string(key) + "`. Expected a string. " +
             received(key, python_repr(*v)) + ".");
    }
    return v->get<std::string>();
}

namespace {
// normalize_tuple's type/length part, for a value already known to be present.
Shape read_tuple(const json& v, std::size_t n, std::string_view name) {
    const std::string head = tuple_message(name, n);
    if (!v.is_boolean()) {
        if (auto i = as_integer(v, name)) return Shape(n, *i);
    }
    if (!v.is_array() || v.size() != n) throw ArgumentError(head + received(name, python_repr(v)));
    Shape out;
    out.reserve(n);
    for (const auto& e : v) {
        std::optional<Dim> i;
        if (!e.is_boolean()) i = as_integer(e, name);
        if (!i) {
            throw ArgumentError(head + received(name, python_repr(v)) + ", including element " + python_repr(e) +
                                " of type " + python_type(e) + ".");
        }
        out.push_back(*i);
    }
    return out;
}
}  // namespace

Shape ConfigArgs::int_tuple(std::string_view key, std::size_t n, std::optional<Shape> fallback) const {
    const json* v = find(key);
    if (!v) {
        if (fallback) return *fallback;
        missing(class_name_, key);
    }
    return read_tuple(*v, n, key);
}

Shape ConfigArgs::int_list(std::string_view key, std::optional<Dim> null_value) const {
    const json* v = find(key);
    if (!v) missing(class_name_, key);
    if (!v->is_array()) {
        fail("Invalid value for argument `" + std::string(key) + "`. Expected a tuple of integers. " +
             received(key, python_repr(*v)) + ".");
    }
    Shape out;
    for (const auto& e : *v) {
        std::optional<Dim> i;
        if (e.is_null()) i = null_value;
        else if (!e.is_boolean()) i = as_integer(e, key);
        if (!i) {
            fail("Invalid value for argument `" + std::string(key) + "`. Expected a tuple of integers. " +
                 received(key, python_repr(*v)) + ", including element " + python_repr(e) + " of type " +
                 python_type(e) + ".");
        }
        out.push_back(*i);
    }
    return out;
}

Shape ConfigArgs::shape_list(std::string_view key) const {
    const json* v = find(key);
    if (!v) missing(class_name_, key);
    if (!v->is_array()) {
        std::string hint;
        if (v->is_number_integer()) {
            hint = " A shape is a tuple: write " + std::string(key) + "=(" + v->dump() + ",) — in Python (" +
                   v->dump() + ") is just the int " + v->dump() + ".";
        }
        fail("Invalid value for argument `" + std::string(key) + "`. Expected a shape tuple such as (28, 28, 1). " +
             received(key, python_repr(*v)) + "." + hint);
    }
    Shape out;
    for (const auto& e : *v) {
        if (e.is_null()) {
            out.push_back(kNone);
            continue;
        }
        std::optional<Dim> i;
        if (!e.is_boolean()) i = as_integer(e, key);
        if (!i || *i < 0) {
            fail("Invalid value for argument `" + std::string(key) +
                 "`. Every dimension must be an integer >= 0 or None. " + received(key, python_repr(*v)) + ".");
        }
        out.push_back(*i);
    }
    return out;
}

void require_tuple_values(const Shape& values, std::string_view name, bool allow_zero) {
    std::set<Dim> bad;
    for (Dim v : values)
        if (v < 0 || (v == 0 && !allow_zero)) bad.insert(v);
    if (!bad.empty()) {
        throw ArgumentError(tuple_message(name, values.size()) + received(name, python_tuple(values)) +
                            " including " + py_set(bad) + " that does not satisfy the requirement `" +
                            (allow_zero ? ">= 0" : "> 0") + "`.");
    }
}

Pads ConfigArgs::pad_pairs(std::string_view key, std::size_t spatial, const Pads& fallback) const {
    const json* v = find(key);
    if (!v) return fallback;
    const std::string k(key);
    const bool crop = k == "cropping";
    const std::string unit = crop ? "_crop" : "_pad";

    if (spatial == 1) {  // ZeroPadding1D / Cropping1D: normalize_tuple(value, 2, key, allow_zero=True)
        const Shape pair = read_tuple(*v, 2, key);
        require_tuple_values(pair, key, true);
        return {Pad{pair[0], pair[1]}};
    }

    if (!v->is_boolean()) {
        if (auto i = as_integer(*v, key)) {
            require_tuple_values({*i}, key, true);
            return Pads(spatial, Pad{*i, *i});
        }
    }
    if (!v->is_array()) {
        // Keras's wording, generalised over 2D and 3D.
        std::string sym, pairs;
        for (std::size_t i = 0; i < spatial; ++i) {
            const std::string axis = spatial == 2 ? (i == 0 ? "height" : "width") : "dim" + std::to_string(i + 1);
            if (i) {
                sym += ", ";
                pairs += ", ";
            }
            sym += "symmetric_" + axis + unit;
            if (spatial == 2) {
                pairs += i == 0 ? "(top" + unit + ", bottom" + unit + ")" : "(left" + unit + ", right" + unit + ")";
            } else {
                pairs += "(left_" + axis + unit + ", right_" + axis + unit + ")";
            }
        }
        const std::string n = std::to_string(spatial);
        fail("`" + k + "` should be either an int, a tuple of " + n + " ints (" + sym + "), or a tuple of " + n +
             " tuples of 2 ints (" + pairs + "). Received: " + k + "=" + python_repr(*v) + ".");
    }
    if (v->size() != spatial) {
        fail("`" + k + "` should have " + std::to_string(spatial) + " elements. Received: " + k + "=" +
             python_repr(*v) + ".");
    }
    static const char* const kOrdinals[] = {"1st", "2nd", "3rd"};
    Pads out;
    for (std::size_t i = 0; i < spatial; ++i) {
        const std::string entry = std::string(kOrdinals[i]) + " entry of " + k;
        const Shape pair = read_tuple((*v)[i], 2, entry);
        require_tuple_values(pair, entry, true);
        out.push_back(Pad{pair[0], pair[1]});
    }
    return out;
}

Padding ConfigArgs::window_padding(bool allow_causal, bool pooling) const {
    const json* v = find("padding");
    if (!v) return Padding::valid();
    const std::string expected = pooling ? "The `padding` argument must be one of \"valid\", \"same\". "
                                         : "The `padding` argument must be one of \"valid\", \"same\" (or \"causal\", "
                                           "only for `Conv1D). ";
    if (!v->is_string()) throw ArgumentError(expected + "Received: " + python_repr(*v));
    std::string lower = v->get<std::string>();
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Keras layers take the names of padding_vocabulary() but 'full' (a PadLab extension).
    const auto kind = padding_vocabulary().parse(lower);
    if (!kind || *kind == PaddingKind::Full) {
        const std::vector<std::string_view> names = pooling ? std::vector<std::string_view>{"valid", "same"}
                                                            : std::vector<std::string_view>{"valid", "same", "causal"};
        throw ArgumentError(with_suggestion(expected + "Received: " + lower, lower, names));  // Keras's text, then the suggestion
    }
    if (*kind == PaddingKind::Causal) {
        if (pooling) throw ArgumentError(expected + "Received: " + lower);
        // Keras 2.15's text (two joined literals, hence the missing space).
        if (!allow_causal) throw ArgumentError("Causal padding is only supported for `Conv1D`and `SeparableConv1D`.");
    }
    return Padding{*kind, {}};
}

void ConfigArgs::require_channels_last() const {
    if (channels_first()) {
        throw UnsupportedError(class_name_ +
                               ": data_format='channels_first' is not supported. PadLab models channels-last "
                               "data only (Keras's default, data_format='channels_last'): put the channels on "
                               "the last axis and drop data_format.");
    }
}

bool ConfigArgs::channels_first() const {
    const json* v = find("data_format");
    if (!v || v->is_null()) return false;
    if (v->is_string()) {
        std::string lower = v->get<std::string>();
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == "channels_last") return false;
        if (lower == "channels_first") return true;
    }
    fail("The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: " +
         (v->is_string() ? v->get<std::string>() : python_repr(*v)));
}

void ConfigArgs::check_activation(std::string_view key, bool required) const {
    const json* v = find(key);
    if (!v) {
        if (required) missing(class_name_, key);
        return;
    }
    if (v->is_object()) return;  // a serialized (possibly custom) activation: nothing to check
    if (v->is_string()) {
        const auto& name = v->get_ref<const std::string&>();
        if (name.empty()) return;
        if (is_keras_activation(name)) return;  // every era's names: core/ops/activation.hpp
    }
    // Keras 3's activations.get text.
    fail("Could not interpret activation function identifier: " +
         (v->is_string() ? v->get<std::string>() : python_repr(*v)) +
         " (expected a Keras activation name such as 'relu', 'sigmoid', 'tanh', 'softmax' or 'linear')");
}

std::optional<Shape> declared_input_shape(const ConfigArgs& args) {
    const char* batch_key = args.has("batch_input_shape") ? "batch_input_shape"
                            : args.has("batch_shape")     ? "batch_shape"
                                                          : nullptr;
    const char* shape_key = args.has("input_shape") ? "input_shape" : args.has("shape") ? "shape" : nullptr;
    if (batch_key && shape_key) {
        args.fail(std::string("Only provide the ") + shape_key + " OR " + batch_key + " argument to " +
                  std::string(args.class_name()) + ", not both at the same time.");
    }
    if (batch_key) {
        Shape s = args.shape_list(batch_key);
        if (s.empty()) args.fail(std::string("`") + batch_key + "` must include the batch dimension. Received: ().");
        return s;
    }
    Dim batch = kNone;
    if (args.has("batch_size")) batch = args.positive_integer("batch_size");
    if (shape_key) {
        Shape s = args.shape_list(shape_key);
        s.insert(s.begin(), batch);
        return s;
    }
    // Embedding's input_dim is its vocabulary size, not Dense's input_dim shorthand.
    const bool embedding = args.class_name() == "Embedding";
    if (args.has("input_dim") && !embedding) return Shape{batch, args.positive_integer("input_dim")};
    if (const json* build = args.find("build_config")) {
        if (build->is_object()) {
            const auto it = build->find("input_shape");
            if (it != build->end() && !it->is_null()) {
                // Read through a ConfigArgs of the build_config so errors name `input_shape`.
                const ConfigArgs inner(*build, args.class_name());
                Shape s = inner.shape_list("input_shape");
                if (s.empty()) args.fail("`build_config.input_shape` must include the batch dimension. Received: ().");
                return s;
            }
        }
    }
    // Keras 2's Embedding.__init__ (tf_keras/layers/core/embedding.py) gives itself
    // input_shape=(input_length,), or (None,) without one; TF.js does the same.
    if (embedding) {
        const json* length = args.find("input_length");
        return Shape{batch, length && length->is_number() ? args.positive_integer("input_length") : kNone};
    }
    return std::nullopt;
}

}  // namespace padlab::layers
