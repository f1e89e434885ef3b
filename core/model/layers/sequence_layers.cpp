// The text-and-sequence family: Embedding, Masking, RepeatVector and Permute here, plus the
// recurrent layers (recurrent_layers.cpp) and the wrappers (wrapper_layers.cpp), registered as
// one family. Shape inference only: the forward pass does not run them.
// Sources: tf-keras (Keras 2.15) tf_keras/layers/core/embedding.py, core/masking.py,
// reshaping/repeat_vector.py, reshaping/permute.py; Keras 3 keras/src/layers/core/embedding.py,
// core/masking.py, reshaping/repeat_vector.py, reshaping/permute.py (HEAD 3422977a).
//
//   Embedding     input + (output_dim,); input_dim * output_dim trainable parameters. No
//                 InputSpec: any rank. MACs 0 (a lookup, no multiply-accumulates).
//   Masking       the input shape; no weights.
//   RepeatVector  (batch, n, features) from (batch, features): InputSpec(ndim=2).
//   Permute       (batch, input[dims[0]], input[dims[1]], ...): InputSpec(ndim=len(dims)+1).
//
// Era differences:
//   - Embedding input_length (Keras 2; TF.js inputLength): fixes the sequence axes of the
//     output, "(None, 10, 64)" even when the input's length is None, and must agree with known
//     lengths ('"input_length" is 10, but received input has shape (None, 12)'). Keras 3 removed
//     it: it warns "Argument `input_length` is deprecated. Just remove it." and ignores it, so
//     Keras 3 gives (None, None, 64). Keras 3 JSON never carries the key, so PadLab follows the
//     config: a given input_length is Keras 2's. Keras 2's Embedding.__init__ also gives itself
//     input_shape=(input_length,) (else (None,)), so a Keras 2 Sequential starting with an
//     Embedding is built without an Input (declared_input_shape does that); a Keras 3 one is
//     not (its summary prints "?" and "0 (unbuilt)") -- PadLab prints the Keras 2 build.
//   - Embedding input_dim / output_dim <= 0: Keras 2 "Both `input_dim` and `output_dim` should
//     be positive, Received input_dim = 0 and output_dim = 64" (PadLab's text); Keras 3.15+
//     "`input_dim` must be a positive integer. Received: input_dim=0 (of type int)." (one
//     argument at a time); Keras 3.0-3.14 accepted them; TF.js "Expected inputDim to be a
//     positive integer, but got 0."
//   - RepeatVector n: both eras refuse a non-integer ("Expected an integer value for `n`, got
//     <class 'float'>."); Keras 3 after 3.15 also refuses n <= 0 ("Argument `n` should be a
//     positive integer. Received: n=0"), which PadLab follows (Keras 2 accepted n=0).
//   - Permute: the same text in both eras; TF.js "Invalid permutation `dims`: [1,1] `dims` must
//     contain consecutive integers starting from 1."
#include <algorithm>
#include <string>

#include "core/base/errors.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"
#include "core/model/layers/recurrent_layers.hpp"

namespace padlab::layers {

namespace {

// Python's type() of a JSON value, as "<class 'float'>" prints it.
std::string python_class(const nlohmann::json& v) {
    const char* name = v.is_boolean()          ? "bool"
                       : v.is_number_float()   ? "float"
                       : v.is_number()         ? "int"
                       : v.is_string()         ? "str"
                       : v.is_array()          ? "list"
                       : v.is_object()         ? "dict"
                                               : "NoneType";
    return std::string("<class '") + name + "'>";
}

LayerResult embedding(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Embedding");
    const Dim input_dim = args.integer("input_dim");
    const Dim output_dim = args.integer("output_dim");
    if (input_dim <= 0 || output_dim <= 0) {
        args.fail("Both `input_dim` and `output_dim` should be positive, Received input_dim = " +
                  std::to_string(input_dim) + " and output_dim = " + std::to_string(output_dim));
    }
    const bool mask_zero = args.boolean("mask_zero", false);
    if (args.boolean("sparse", false) && mask_zero) {
        args.fail("`mask_zero` cannot be enabled when `tf.keras.layers.Embedding` is used with `tf.SparseTensor` "
                  "input.");
    }
    LayerResult r;
    r.output_shape = input;
    if (const nlohmann::json* length = args.find("input_length")) {
        // Keras 2 compute_output_shape: an int or a list of lengths, one per non-batch axis;
        // None entries take the input's length, known ones must match it.
        Shape lengths;
        if (length->is_array()) lengths = args.int_list("input_length", kNone);
        else lengths = {args.integer("input_length")};
        const std::string mismatch = "\"input_length\" is " + (length->is_array() ? python_repr(*length)
                                                                                  : std::to_string(lengths[0])) +
                                     ", but received input has shape " + shape_to_python(input);
        if (input.empty() || lengths.size() != input.size() - 1) throw ShapeError(mismatch);
        for (std::size_t i = 0; i < lengths.size(); ++i) {
            const Dim given = input[i + 1];
            if (lengths[i] != kNone && given != kNone && lengths[i] != given) throw ShapeError(mismatch);
            if (lengths[i] == kNone) lengths[i] = given;
        }
        r.output_shape = {input.empty() ? kNone : input[0]};
        r.output_shape.insert(r.output_shape.end(), lengths.begin(), lengths.end());
    }
    r.output_shape.push_back(output_dim);
    r.trainable_params = checked_mul(input_dim, output_dim, "the parameter count of Embedding '" + args.layer_name() + "'");
    return r;
}

LayerResult masking(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Masking");
    (void)args;  // mask_value: any number (Keras 3 also a serialized tensor); no shape effect
    LayerResult r;
    r.output_shape = input;
    return r;
}

LayerResult repeat_vector(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "RepeatVector");
    const nlohmann::json* v = args.find("n");
    if (!v) args.fail("RepeatVector.__init__() missing 1 required positional argument: 'n'");
    if (!v->is_number_integer() && !v->is_number_unsigned()) args.fail("Expected an integer value for `n`, got " + python_class(*v) + ".");
    const Dim n = args.integer("n");
    if (n <= 0) args.fail("Argument `n` should be a positive integer. Received: n=" + std::to_string(n));
    require_ndim(input, 2, args.layer_name());
    LayerResult r;
    r.output_shape = {input[0], n, input[1]};
    return r;
}

LayerResult permute(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Permute");
    const nlohmann::json* v = args.find("dims");
    if (!v) args.fail("Permute.__init__() missing 1 required positional argument: 'dims'");
    const Shape dims = args.int_list("dims");
    Shape sorted = dims;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (sorted[i] != static_cast<Dim>(i + 1)) {
            args.fail("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be "
                      "consecutive and start from 1. Received dims=" + python_repr(*v));
        }
    }
    require_ndim(input, dims.size() + 1, args.layer_name());
    LayerResult r;
    r.output_shape = {input[0]};
    for (Dim d : dims) r.output_shape.push_back(input[static_cast<std::size_t>(d)]);
    return r;
}

}  // namespace

std::vector<LayerType> sequence_layer_types() {
    // Positional arguments in tf.keras 2.15's __init__ order (Keras 3's Embedding has weights,
    // lora_rank where Keras 2 has input_length, sparse, after mask_zero).
    std::vector<LayerType> types = {
        {"Embedding",
         {"input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer", "activity_regularizer",
          "embeddings_constraint", "mask_zero", "input_length", "sparse"},
         &embedding},
        {"Masking", {"mask_value"}, &masking},
        {"RepeatVector", {"n"}, &repeat_vector},
        {"Permute", {"dims"}, &permute},
    };
    for (auto family : {recurrent_layer_types, wrapper_layer_types})
        for (auto& t : family()) types.push_back(std::move(t));
    return types;
}

}  // namespace padlab::layers
