// Preprocessing layers: Rescaling, Normalization, Resizing, CenterCrop, RandomFlip,
// RandomRotation, RandomZoom, RandomContrast, RandomTranslation, RandomCrop, RandomWidth,
// RandomHeight, CategoryEncoding, TextVectorization, and Lambda. No trainable weights; Normalization keeps its statistics as non-trainable ones.
// MACs 0. The forward pass runs Rescaling, Normalization (last axis; un-adapted: mean 0,
// variance 1), Resizing (bilinear, nearest), CenterCrop (when the
// image is at least the target size) and the Random* layers but RandomCrop (at inference they
// are the identity).
//
// Sources (Keras 3: keras/src/layers/preprocessing/..., tf.keras 2:
// tf_keras/layers/preprocessing/...). Era differences found:
//   Resizing, CenterCrop, RandomCrop  Keras 3 compute_output_shape: rank 4 is a batch of images
//            (height/width at axes 1, 2), any other rank one image (axes 0, 1): Input((28, 28))
//            then prints (height, width, 28). PadLab reproduces that for rank 3 and refuses
//            other ranks (CenterCrop's own Keras text; the others' rank rules are PadLab's).
//            TF.js 4.22's Resizing.computeOutputShape returns [height, width, inputShape[2]]
//            (the batch axis dropped, the width read as channels) and resizes with
//            align_corners; CenterCrop agrees with Keras (checked in node), but its
//            computeOutputShape writes the crop size into the shape array it is given, so a
//            TF.js Sequential starting Rescaling(inputShape [32, 32, 3]), CenterCrop(28, 28)
//            summarizes and saves the first layer as 28x28.
//   Resizing interpolation  Keras 3 checks it only when called (backend image.resize's text,
//            used here at inference); tf.keras checks it in __init__. Either way a model with a
//            bad name does not build.
//   RandomFlip mode  Keras 3 does not check it; tf.keras's text is used.
//   Normalization  both eras: mean + variance of the kept axes' shape, plus an int count
//            scalar: 2*C + 1 non-trainable for axis=-1; none at all when mean and variance are
//            given to the constructor (keras/src/layers/preprocessing/normalization.py build,
//            tf_keras/.../normalization.py build). Axis texts are Keras 3's.
//   TextVectorization  Keras 3 compute_output_shape: 'int' -> (batch, output_sequence_length);
//            other modes via IndexLookup: depth = max_tokens with pad_to_max_tokens, else the
//            frozen vocabulary size (config "vocabulary_size", which Keras 3 saves); without
//            either the depth is unknown (None): a vocabulary's size after OOV and mask tokens
//            is not guessed. No weights are counted (lookup tables are not weights).
//   RandomWidth, RandomHeight  tf.keras 2 layers (Keras 3: keras/src/legacy/layers.py only, the
//            same rule): the resized axis becomes None. TF.js 4.22 has RandomWidth, but its
//            computeOutputShape returns [imgHeight, -1, channels] with imgHeight set only by
//            call(), so a Sequential refuses it ("Negative dimension size caused by adding layer
//            ..."); tests/golden/families.json holds Keras's shapes. RandomHeight's text says
//            "lesser" where RandomWidth's says "less" (both eras' source).
//   CategoryEncoding  Keras 3 and tf.keras 2 agree for batched inputs; TF.js 4.22 too, but its
//            computeOutputShape writes the result into the input shape it is given (a first
//            layer's batch_input_shape is saved as the OUTPUT shape). PadLab reads the JSON as
//            saved; tests/golden/family_cases.mjs gives TF.js a copy.
//   Lambda   Keras 3 infers the shape by running the function symbolically; Keras 2 also
//            runs it. PadLab cannot run Python functions: without output_shape it refuses
//            by name. A given output_shape (without the batch axis) is used as Keras does.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "core/base/errors.hpp"
#include "core/ops/layer_ops.hpp"
#include "core/ops/resize.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

// A number or a list of numbers (per channel).
void check_numbers(const ConfigArgs& args, const char* key, bool required) {
    const nlohmann::json* v = args.find(key);
    if (!v) {
        if (required) args.number(key);  // Keras's missing-argument text
        return;
    }
    bool ok = v->is_number();
    if (v->is_array()) {
        ok = true;
        for (const auto& e : *v) ok = ok && e.is_number();
    }
    if (!ok) {
        args.fail(std::string("Invalid value for argument `") + key + "`. Expected a number or a list of numbers. Received " +
                  key + "=" + python_repr(*v) + ".");
    }
}

LayerResult rescaling(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Rescaling");
    check_numbers(args, "scale", true);
    check_numbers(args, "offset", false);
    return same_shape(input);
}

// Keras 3 Normalization: axis None (-> ()), an int, or a list.
LayerResult normalization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Normalization");
    Shape axes;
    const auto axis_it = config.is_object() ? config.find("axis") : config.end();
    const bool axis_given = config.is_object() && axis_it != config.end();
    if (!axis_given) axes = {-1};
    else if (axis_it->is_null()) axes = {};
    else if (axis_it->is_array()) axes = args.int_list("axis");
    else axes = {args.integer("axis")};
    const nlohmann::json* mean = args.find("mean");
    const nlohmann::json* variance = args.find("variance");
    if ((mean != nullptr) != (variance != nullptr)) {
        args.fail("When setting values directly, both `mean` and `variance` must be set. Received: mean=" +
                  (mean ? python_repr(*mean) : "None") + " and variance=" + (variance ? python_repr(*variance) : "None"));
    }
    const auto ndim = static_cast<Dim>(input.size());
    std::string axis_text = python_tuple(axes);
    for (Dim a : axes) {
        if (a < -ndim || a >= ndim) {
            throw ShapeError("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=" +
                             std::to_string(ndim) + ", while axis=" + axis_text);
        }
    }
    Shape kept;
    for (Dim a : axes) kept.push_back(a < 0 ? a + ndim : a);
    std::sort(kept.begin(), kept.end());
    Shape stats;
    for (Dim d : kept) {
        if (input[static_cast<std::size_t>(d)] == kNone) {
            throw ShapeError("All `axis` values to be kept must have a known shape. Received axis=" + axis_text +
                             ", inputs.shape=" + shape_to_python(input) + ", with unknown axis at index " +
                             std::to_string(d));
        }
        stats.push_back(input[static_cast<std::size_t>(d)]);
    }
    LayerResult r = same_shape(input);
    if (!mean) {
        const std::string what = "the parameter count of Normalization '" + args.layer_name() + "'";
        r.non_trainable_params = checked_add(checked_mul(known_product(stats, what), 2, what), 1, what);
    }
    return r;
}

// Height and width of a Resizing / CenterCrop / RandomCrop (Keras 3 compute_output_shape).
LayerResult resized_shape(const ConfigArgs& args, const Shape& input, const char* rank_error) {
    const Dim height = args.integer("height");
    const Dim width = args.integer("width");
    if (height < 0 || width < 0) {
        args.fail("Invalid value for arguments `height` and `width`: expected integers >= 0. Received: height=" +
                  std::to_string(height) + ", width=" + std::to_string(width));
    }
    args.require_channels_last();
    if (input.size() != 3 && input.size() != 4) throw ShapeError(rank_error + std::string("Received: input_shape=") + shape_to_python(input));
    Shape out = input;
    const std::size_t h = input.size() == 4 ? 1 : 0;
    out[h] = height;
    out[h + 1] = width;
    LayerResult r;
    r.output_shape = out;
    return r;
}

constexpr const char* kCenterCropRank =
    "`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or 4 (batched). ";
constexpr const char* kImageRank = "Expected image tensor to have rank 3 (single image) or 4 (batch of images). ";

LayerResult resizing(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Resizing");
    static const char* const kModes[] = {"bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area"};
    const std::string mode = args.string("interpolation", std::string("bilinear"));
    if (std::find(std::begin(kModes), std::end(kModes), mode) == std::end(kModes)) {
        // keras/src/backend/tensorflow/image.py resize.
        args.fail("Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest', 'lanczos3', "
                  "'lanczos5', 'bicubic', 'area'). Received: interpolation=" + mode);
    }
    args.boolean("crop_to_aspect_ratio", false);
    args.boolean("pad_to_aspect_ratio", false);
    return resized_shape(args, input, kImageRank);
}

LayerResult center_crop(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "CenterCrop");
    return resized_shape(args, input, kCenterCropRank);
}

LayerResult random_crop(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RandomCrop");
    return resized_shape(args, input, kImageRank);
}

LayerResult random_flip(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RandomFlip");
    const std::string mode = args.string("mode", std::string("horizontal_and_vertical"));
    if (mode != "horizontal" && mode != "vertical" && mode != "horizontal_and_vertical") {
        args.fail("RandomFlip layer " + args.layer_name() + " received an unknown mode argument " + mode);
    }
    return same_shape(input);
}

// fill_mode / interpolation of RandomRotation, RandomZoom, RandomTranslation (Keras 3's
// NotImplementedError texts).
void check_fill(const ConfigArgs& args) {
    const std::string fill = args.string("fill_mode", std::string("reflect"));
    if (fill != "reflect" && fill != "wrap" && fill != "constant" && fill != "nearest") {
        args.fail("Unknown `fill_mode` " + fill + ". Expected of one ('reflect', 'wrap', 'constant', 'nearest').");
    }
    const std::string interpolation = args.string("interpolation", std::string("bilinear"));
    if (interpolation != "nearest" && interpolation != "bilinear") {
        args.fail("Unknown `interpolation` " + interpolation + ". Expected of one ('nearest', 'bilinear').");
    }
}

// BaseImagePreprocessingLayer._set_factor: a number in [lo, hi] or a pair overlapping it.
void base_factor(const ConfigArgs& args, const char* bounds, double lo, double hi) {
    const nlohmann::json* v = args.find("factor");
    if (!v) return;  // `factor or 0.0`
    const std::string error = std::string("The `factor` argument should be a number (or a list of two numbers) in the "
                                          "range ") + bounds + ". Received: factor=" + python_repr(*v);
    if (v->is_array()) {
        if (v->size() != 2 || !(*v)[0].is_number() || !(*v)[1].is_number()) args.fail(error);
        if ((*v)[0].get<double>() > hi || (*v)[1].get<double>() < lo) args.fail(error);
    } else if (v->is_number() && !v->is_boolean()) {
        if (v->get<double>() < lo || v->get<double>() > hi) args.fail(error);
    } else {
        args.fail(error);
    }
}

// RandomZoom / RandomTranslation _set_factor: a number or a pair, each in range.
void zoom_factor(const ConfigArgs& args, const char* key, const std::string& head, bool open_low, bool required) {
    const nlohmann::json* v = args.find(key);
    if (!v) {
        if (required) args.number(key);  // Keras's missing-argument text
        return;
    }
    const auto check = [&](const nlohmann::json& n) {
        if (!n.is_number()) args.fail(head + "Received: " + key + "=" + python_repr(*v));
        const double x = n.get<double>();
        if (x > 1.0 || (open_low ? x <= -1.0 : x < -1.0)) args.fail(head + "Received: input_number=" + python_repr(n));
    };
    if (v->is_array()) {
        if (v->size() != 2) args.fail(head + "Received: " + key + "=" + python_repr(*v));
        check((*v)[0]);
        check((*v)[1]);
    } else {
        check(*v);
    }
}

LayerResult random_rotation(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RandomRotation");
    if (!args.has("factor")) args.number("factor");  // required: Keras's missing-argument text
    base_factor(args, "[-1, 1]", -1.0, 1.0);
    check_fill(args);
    return same_shape(input);
}

LayerResult random_zoom(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RandomZoom");
    const std::string head = "The `height_factor` and `width_factor` arguments should be a number (or a list of two "
                             "numbers) in the range (-1.0, 1.0]. ";
    zoom_factor(args, "height_factor", head, true, true);
    zoom_factor(args, "width_factor", head, true, false);
    check_fill(args);
    return same_shape(input);
}

LayerResult random_translation(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RandomTranslation");
    const std::string head = "The `factor` argument should be a number (or a list of two numbers) in the range "
                             "[-1.0, 1.0]. ";
    zoom_factor(args, "height_factor", head, false, true);
    zoom_factor(args, "width_factor", head, false, true);
    check_fill(args);
    return same_shape(input);
}

LayerResult random_contrast(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RandomContrast");
    if (!args.has("factor")) args.number("factor");  // required
    base_factor(args, "[0, 1]", 0.0, 1.0);
    return same_shape(input);
}

// RandomWidth / RandomHeight (tf.keras 2 tf_keras/layers/preprocessing/image_preprocessing.py;
// Keras 3 keeps them only as keras/src/legacy/layers.py, same checks and shapes): compute_output_shape
// sets the width (axis -2) or the height (axis -3) to None, and the layer's call traces with its
// default training=True, so the symbolic output has None there too.
LayerResult random_size(const nlohmann::json& config, const Shape& input, bool width) {
    const ConfigArgs args(config, width ? "RandomWidth" : "RandomHeight");
    const nlohmann::json* v = args.find("factor");
    if (!v) {
        (void)args.number("factor");  // required: Keras's missing-argument text
        return same_shape(input);
    }
    double lower = 0, upper = 0;
    if (v->is_array() && v->size() == 2 && (*v)[0].is_number() && (*v)[1].is_number()) {
        lower = (*v)[0].get<double>();
        upper = (*v)[1].get<double>();
    } else if (v->is_number() && !v->is_boolean()) {
        lower = -v->get<double>();
        upper = v->get<double>();
    } else {
        args.fail("`factor` argument must be a number or a list of two numbers. Received: factor=" + python_repr(*v));
    }
    if (upper < lower) {
        args.fail(std::string("`factor` argument cannot have an upper bound ") + (width ? "less" : "lesser") +
                  " than the lower bound. Received: factor=" + python_repr(*v));
    }
    if (lower < -1.0 || upper < -1.0) args.fail("`factor` argument must have values larger than -1. Received: factor=" + python_repr(*v));
    const std::string interpolation = args.string("interpolation", std::string("bilinear"));
    static const char* const kMethods[] = {"bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"};
    std::string lowered = interpolation;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(std::begin(kMethods), std::end(kMethods), lowered) == std::end(kMethods)) {
        // tf_keras/utils/image_utils.py get_interpolation
        args.fail("Value not recognized for `interpolation`: " + lowered + ". Supported values are: dict_keys(['bilinear', "
                  "'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'])");
    }
    if (input.size() < 3) throw ShapeError(std::string(kImageRank) + "Received: input_shape=" + shape_to_python(input));
    LayerResult r = same_shape(input);
    r.output_shape[input.size() - (width ? 2 : 3)] = kNone;
    return r;
}

LayerResult random_width(const nlohmann::json& config, const Shape& input) { return random_size(config, input, true); }
LayerResult random_height(const nlohmann::json& config, const Shape& input) { return random_size(config, input, false); }

// CategoryEncoding (keras/src/layers/preprocessing/category_encoding.py; tf_keras's
// category_encoding.py has the same checks and, for every input with a batch axis, the same
// shapes): one_hot appends num_tokens unless the last axis is 1 (then it replaces it, as
// multi_hot and count always do). "binary" is the old name of multi_hot. No weights.
LayerResult category_encoding(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "CategoryEncoding");
    std::string mode = args.string("output_mode", std::string("multi_hot"));
    if (mode == "binary") mode = "multi_hot";
    // Keras 3's text (tf.keras 2: "Unkown value for `output_mode` argument of layer CategoryEncoding. ...").
    if (mode != "count" && mode != "one_hot" && mode != "multi_hot") args.fail("Unknown arg for output_mode: " + mode);
    const nlohmann::json* n = args.find("num_tokens");
    if (!n) {
        args.fail("num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the "
                  "IntegerLookup layer instead.");
    }
    const Dim tokens = args.integer("num_tokens");
    if (tokens < 1) args.fail("`num_tokens` must be >= 1. Received: num_tokens=" + std::to_string(tokens) + ".");
    args.boolean("sparse", false);
    LayerResult r;
    if (input.empty()) {
        r.output_shape = {tokens};
        return r;
    }
    r.output_shape = input;
    if (mode == "one_hot" && (input.back() != 1 || input.size() == 1)) r.output_shape.push_back(tokens);
    else r.output_shape.back() = tokens;
    return r;
}

// keras/src/layers/preprocessing/text_vectorization.py __init__ checks and compute_output_shape.
LayerResult text_vectorization(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "TextVectorization");
    const auto one_of = [&](const char* key, std::string value, std::initializer_list<const char*> allowed) {
        std::string list = "(";
        bool ok = false;
        std::size_t i = 0;
        for (const char* a : allowed) {
            list += (i++ ? ", '" : "'") + std::string(a) + "'";
            ok = ok || value == a;
        }
        list += ")";
        if (!ok) {
            args.fail(std::string("Unknown value for `") + key + "` argument of TextVectorization. Allowed values are: " +
                      list + ". Received: " + key + "=" + value);
        }
    };
    const nlohmann::json* standardize = args.find("standardize");
    if (standardize && standardize->is_string()) {
        one_of("standardize", standardize->get<std::string>(),
               {"lower_and_strip_punctuation", "lower", "strip_punctuation"});
    }
    const nlohmann::json* split_v = args.find("split");
    const bool split = split_v != nullptr;  // None: no splitting
    if (split_v && split_v->is_string()) one_of("split", split_v->get<std::string>(), {"whitespace", "character"});
    std::string mode = args.string("output_mode", std::string("int"));
    if (mode == "binary") mode = "multi_hot";
    if (mode == "tf-idf") mode = "tf_idf";
    one_of("output_mode", mode, {"int", "one_hot", "multi_hot", "count", "tf_idf"});
    const nlohmann::json* length = args.find("output_sequence_length");
    if (length && mode == "int" && !(length->is_number_integer())) {
        args.fail("`output_sequence_length` must be either None or an integer when `output_mode` is 'int'. Received: "
                  "output_sequence_length=" + python_repr(*length));
    }
    if (length && mode != "int") {
        args.fail("`output_sequence_length` must not be set if `output_mode` is not 'int'. Received "
                  "output_sequence_length=" + python_repr(*length) + ".");
    }
    if (input.empty()) throw ShapeError("TextVectorization needs an input with a batch axis. Received: input_shape=()");
    LayerResult r;
    if (mode == "int") {
        r.output_shape = {input[0], length ? length->get<Dim>() : kNone};
        return r;
    }
    Shape shape = input;
    if (!split) {
        if (shape.size() <= 1) shape.push_back(1);
    } else {
        shape.push_back(kNone);
    }
    Dim depth = kNone;
    if (args.boolean("pad_to_max_tokens", false) && args.has("max_tokens")) depth = args.positive_integer("max_tokens");
    else if (args.has("vocabulary_size")) depth = args.integer("vocabulary_size");
    if (mode == "one_hot") {
        if (shape.size() > 1 && shape.back() == 1) shape.back() = depth;
        else shape.push_back(depth);
    } else {
        shape.back() = depth;
    }
    r.output_shape = shape;
    return r;
}

// A Lambda's output_shape: a tuple without the batch axis, as Keras 3's compute_output_shape
// adds it back ((batch,) + output_shape).
LayerResult lambda(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Lambda");
    const nlohmann::json* given = args.find("output_shape");
    if (!given) {
        throw UnsupportedError("Lambda '" + args.layer_name() + "': We could not automatically infer the shape of the "
                               "Lambda's output. Please specify the `output_shape` argument for this Lambda layer. "
                               "(Keras infers it by running the function; PadLab does not run Python functions.)");
    }
    // Keras 2 serializes a function output_shape as [bytecode, ...] with output_shape_type
    // 'lambda'; Keras 3 as an object.
    const nlohmann::json* type = args.find("output_shape_type");
    const bool function = given->is_object() || given->is_string() || (type && type->is_string() && *type == "lambda") ||
                          (given->is_array() && !given->empty() && (*given)[0].is_string());
    if (function) {
        throw UnsupportedError("Lambda '" + args.layer_name() + "': an output_shape that is a function cannot be "
                               "evaluated: give it as a tuple, e.g. output_shape=(10,).");
    }
    Shape out = args.shape_list("output_shape");
    out.insert(out.begin(), input.empty() ? kNone : input[0]);
    LayerResult r;
    r.output_shape = out;
    return r;
}

// ------------------------------------------------------------------ forward pass

// x * scale + offset, scale and offset each one number or one per channel.
class RescalingLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        const std::size_t c = static_cast<std::size_t>(output_shape.back());
        for (std::size_t i = 0; i < n; ++i)
            data[i] = data[i] * scale[scale.size() == 1 ? 0 : i % c] + offset[offset.size() == 1 ? 0 : i % c];
    }
    std::vector<float> scale, offset;
};

std::vector<float> per_channel(const ForwardContext& c, const char* key, float fallback) {
    const nlohmann::json* v = c.args.find(key);
    if (!v) return {fallback};
    if (v->is_number()) return {v->get<float>()};
    std::vector<float> out;
    for (const auto& e : *v) out.push_back(e.get<float>());
    if (out.size() == 1) return out;
    if (static_cast<Dim>(out.size()) != c.input_shape.back())
        throw unsupported_forward(c, std::string(" with a ") + key + " of " + std::to_string(out.size()) +
                                         " values for " + std::to_string(c.input_shape.back()) + " channels.");
    return out;
}

std::unique_ptr<RunnableLayer> rescaling_forward(const ForwardContext& c) {
    auto layer = make_runnable<RescalingLayer>(c);
    layer->scale = per_channel(c, "scale", 1.0f);
    layer->offset = per_channel(c, "offset", 0.0f);
    return layer;
}

// keras/src/layers/preprocessing/normalization.py call: (x - mean) / max(sqrt(variance), 1e-7),
// or with invert mean + x * max(sqrt(variance), 1e-7); over the last axis. Without a given mean
// and variance the layer is at its initial (un-adapted) state: mean 0, variance 1.
class NormalizeLayer final : public InPlaceLayer {
public:
    void apply(float* data, std::size_t n) const override {
        const std::size_t c = static_cast<std::size_t>(output_shape.back());
        for (std::size_t i = 0; i < n; ++i) {
            const float m = mean[mean.size() == 1 ? 0 : i % c];
            const float sd = std::max(std::sqrt(variance[variance.size() == 1 ? 0 : i % c]), 1e-7f);
            data[i] = invert ? m + data[i] * sd : (data[i] - m) / sd;
        }
    }
    std::vector<float> mean, variance;
    bool invert = false;
};

std::unique_ptr<RunnableLayer> normalization_forward(const ForwardContext& c) {
    const auto axis = c.config.find("axis");
    const auto last = static_cast<Dim>(c.input_shape.size()) - 1;
    const auto is_last = [&](const nlohmann::json& a) {
        return a.is_number_integer() && (a.get<Dim>() == -1 || a.get<Dim>() == last);
    };
    const bool last_axis = axis == c.config.end() || is_last(*axis) ||
                           (axis->is_array() && axis->size() == 1 && is_last((*axis)[0]));
    if (!last_axis) throw unsupported_forward(c, " over an axis other than the last.");
    const auto numbers = [&](const char* key, float fallback) {
        const nlohmann::json* v = c.args.find(key);
        if (v && !v->is_number() && !(v->is_array() && std::all_of(v->begin(), v->end(), [](const auto& e) { return e.is_number(); }))) {
            throw unsupported_forward(c, std::string(" with a ") + key + " that is not a number or a list of numbers.");
        }
        return per_channel(c, key, fallback);
    };
    auto layer = make_runnable<NormalizeLayer>(c);
    layer->mean = numbers("mean", 0.0f);
    layer->variance = numbers("variance", 1.0f);
    layer->invert = c.args.boolean("invert", false);
    return layer;
}

class ResizeLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override {
        resize_into(in, input_shape, output_shape[1], output_shape[2], method, out);
    }
    ResizeMethod method = ResizeMethod::Bilinear;
};

std::unique_ptr<RunnableLayer> resizing_forward(const ForwardContext& c) {
    if (c.input_shape.size() != 4) throw unsupported_forward(c, " on an input that is not a batch of images (rank 4).");
    const std::string mode = c.args.string("interpolation", std::string("bilinear"));
    if (mode != "bilinear" && mode != "nearest") throw unsupported_forward(c, " with interpolation='" + mode + "' (PadLab runs bilinear and nearest).");
    if (c.args.boolean("crop_to_aspect_ratio", false) || c.args.boolean("pad_to_aspect_ratio", false))
        throw unsupported_forward(c, " with crop_to_aspect_ratio or pad_to_aspect_ratio.");
    if (c.args.boolean("antialias", false) &&
        (c.output_shape[1] < c.input_shape[1] || c.output_shape[2] < c.input_shape[2]))
        throw unsupported_forward(c, " with antialias=True when it shrinks the image.");
    auto layer = make_runnable<ResizeLayer>(c);
    layer->method = mode == "nearest" ? ResizeMethod::Nearest : ResizeMethod::Bilinear;
    return layer;
}

class CenterCropLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override { crop_into(in, input_shape, crops, output_shape, out); }
    Pads crops;
};

std::unique_ptr<RunnableLayer> center_crop_forward(const ForwardContext& c) {
    if (c.input_shape.size() != 4) throw unsupported_forward(c, " on an input that is not a batch of images (rank 4).");
    const Dim dh = c.input_shape[1] - c.output_shape[1], dw = c.input_shape[2] - c.output_shape[2];
    // Smaller images are resized by Keras (smart_resize), which PadLab does not do.
    if (dh < 0 || dw < 0) throw unsupported_forward(c, " on an image smaller than the crop (Keras resizes it).");
    auto layer = make_runnable<CenterCropLayer>(c);
    layer->crops = {Pad{dh / 2, dh - dh / 2}, Pad{dw / 2, dw - dw / 2}};  // h_start = h_diff // 2
    return layer;
}

}  // namespace

std::vector<LayerType> preprocessing_layer_types() {
    // Positional arguments in tf.keras 2.15's __init__ order.
    const std::vector<std::string_view> fill = {"fill_mode", "interpolation", "seed", "fill_value"};
    const auto with = [](std::vector<std::string_view> head, const std::vector<std::string_view>& tail) {
        head.insert(head.end(), tail.begin(), tail.end());
        return head;
    };
    return {
        {"Rescaling", {"scale", "offset"}, &rescaling, &rescaling_forward},
        {"Normalization", {"axis", "mean", "variance", "invert"}, &normalization, &normalization_forward},
        {"Resizing", {"height", "width", "interpolation", "crop_to_aspect_ratio"}, &resizing, &resizing_forward},
        {"CenterCrop", {"height", "width"}, &center_crop, &center_crop_forward},
        {"RandomCrop", {"height", "width", "seed"}, &random_crop},
        {"RandomFlip", {"mode", "seed"}, &random_flip, &identity_forward},
        {"RandomRotation", with({"factor"}, fill), &random_rotation, &identity_forward},
        {"RandomZoom", with({"height_factor", "width_factor"}, fill), &random_zoom, &identity_forward},
        {"RandomTranslation", with({"height_factor", "width_factor"}, fill), &random_translation, &identity_forward},
        {"RandomContrast", {"factor", "seed"}, &random_contrast, &identity_forward},
        {"RandomWidth", {"factor", "interpolation", "seed"}, &random_width},
        {"RandomHeight", {"factor", "interpolation", "seed"}, &random_height},
        {"CategoryEncoding", {"num_tokens", "output_mode", "sparse"}, &category_encoding},
        {"TextVectorization",
         {"max_tokens", "standardize", "split", "ngrams", "output_mode", "output_sequence_length", "pad_to_max_tokens",
          "vocabulary", "idf_weights", "sparse", "ragged", "encoding"},
         &text_vectorization},
        {"Lambda", {"function", "output_shape", "mask", "arguments"}, &lambda},
    };
}

}  // namespace padlab::layers
