// Reshaping layers: ZeroPadding1D/2D/3D, Cropping1D/2D/3D, UpSampling1D/2D/3D, Flatten, Reshape.
// No weights, MACs 0. ZeroPadding reports its pads as positive {before, after} amounts and
// Cropping as negative ones, so a diagram can draw both with one convention. The forward pass
// runs all but UpSampling.
#include <algorithm>
#include <string>

#include "core/base/errors.hpp"
#include "core/base/pad_mode.hpp"
#include "core/ops/layer_ops.hpp"
#include "core/ops/pad_fast.hpp"
#include "core/model/layers/config_args.hpp"
#include "core/model/layers/layer_checks.hpp"
#include "core/model/layers/layer_families.hpp"

namespace padlab::layers {

namespace {

std::string pads_repr(const Pads& pads) {
    // Keras prints the normalised argument: (1, 1) for 1D, ((0, 0), (0, 0)) for 2D/3D.
    if (pads.size() == 1) return python_tuple({pads[0][0], pads[0][1]});
    std::string out = "(";
    for (std::size_t i = 0; i < pads.size(); ++i) {
        if (i) out += ", ";
        out += python_tuple({pads[i][0], pads[i][1]});
    }
    return out + ")";
}

LayerResult infer_zero_padding(const nlohmann::json& config, const Shape& input, int rank) {
    const std::string cls = "ZeroPadding" + std::to_string(rank) + "D";
    const ConfigArgs args(config, cls);
    const auto n = static_cast<std::size_t>(rank);
    const Pads pads = args.pad_pairs("padding", n, Pads(n, Pad{1, 1}));
    args.require_channels_last();
    require_ndim(input, n + 2, args.layer_name());

    LayerResult r;
    r.output_shape = input;
    for (std::size_t i = 0; i < n; ++i) {
        Dim& d = r.output_shape[i + 1];
        if (d != kNone) d = checked_add(checked_add(d, pads[i][0], cls + " output"), pads[i][1], cls + " output");
    }
    r.padding = pads;
    return r;
}

LayerResult infer_cropping(const nlohmann::json& config, const Shape& input, int rank) {
    const std::string cls = "Cropping" + std::to_string(rank) + "D";
    const ConfigArgs args(config, cls);
    const auto n = static_cast<std::size_t>(rank);
    // Keras defaults: Cropping1D (1, 1); Cropping2D ((0, 0), (0, 0)); Cropping3D ((1, 1), ...).
    const Pads fallback(n, rank == 2 ? Pad{0, 0} : Pad{1, 1});
    const Pads crops = args.pad_pairs("cropping", n, fallback);
    args.require_channels_last();
    require_ndim(input, n + 2, args.layer_name());

    LayerResult r;
    r.output_shape = input;
    Pads negative;
    for (std::size_t i = 0; i < n; ++i) {
        Dim& d = r.output_shape[i + 1];
        const Dim total = checked_add(crops[i][0], crops[i][1], cls + " cropping");
        if (d != kNone) {
            if (total >= d) {
                throw ShapeError("Values in `cropping` argument should be smaller than the corresponding spatial "
                                 "dimension of the input. Received: input_shape=" + shape_to_python(input) +
                                 ", cropping=" + pads_repr(crops));
            }
            d -= total;
        }
        negative.push_back(Pad{-crops[i][0], -crops[i][1]});
    }
    r.padding = negative;
    return r;
}

LayerResult infer_up_sampling(const nlohmann::json& config, const Shape& input, int rank) {
    const std::string cls = "UpSampling" + std::to_string(rank) + "D";
    const ConfigArgs args(config, cls);
    const auto n = static_cast<std::size_t>(rank);
    const Shape size = args.int_tuple("size", n, Shape(n, 2));
    require_tuple_values(size, "size", false);
    args.require_channels_last();
    if (rank == 2) {
        // Keras 2.15 accepts these; Keras 3 fewer. Only the name is checked: shapes do not depend on it.
        static const char* const kModes[] = {"nearest", "bilinear", "bicubic",  "area",        "gaussian",
                                             "lanczos3", "lanczos5", "mitchellcubic"};
        const std::string mode = args.string("interpolation", std::string("nearest"));
        if (std::find(std::begin(kModes), std::end(kModes), mode) == std::end(kModes)) {
            args.fail("`interpolation` argument should be one of: \"nearest\", \"bilinear\", \"bicubic\", \"area\", "
                      "\"gaussian\", \"lanczos3\", \"lanczos5\", \"mitchellcubic\". Received: \"" + mode + "\".");
        }
    }
    require_ndim(input, n + 2, args.layer_name());

    LayerResult r;
    r.output_shape = input;
    for (std::size_t i = 0; i < n; ++i) {
        Dim& d = r.output_shape[i + 1];
        if (d != kNone) d = checked_mul(d, size[i], cls + " output length");
    }
    return r;
}

template <int Rank>
LayerResult zero_padding(const nlohmann::json& c, const Shape& s) { return infer_zero_padding(c, s, Rank); }
template <int Rank>
LayerResult cropping(const nlohmann::json& c, const Shape& s) { return infer_cropping(c, s, Rank); }
template <int Rank>
LayerResult up_sampling(const nlohmann::json& c, const Shape& s) { return infer_up_sampling(c, s, Rank); }

LayerResult flatten(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Flatten");
    args.require_channels_last();
    require_min_ndim(input, 1, args.layer_name());
    LayerResult r;
    // Keras: (None,) flattens to (None, 1); any unknown non-batch dim makes the result unknown.
    const Shape rest(input.begin() + 1, input.end());
    r.output_shape = {input.front(), known_product(rest, "Flatten output length")};
    return r;
}

LayerResult reshape(const nlohmann::json& config, const Shape& input) {
    const ConfigArgs args(config, "Reshape");
    // TF.js's model.json writes the -1 of target_shape as null.
    const Shape target = args.int_list("target_shape", -1);
    require_min_ndim(input, 1, args.layer_name());

    std::size_t unknown_at = target.size();
    Dim known = 1;
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (target[i] == -1) {
            if (unknown_at != target.size()) {
                args.fail("There must be at most one unknown dimension (-1) in target_shape. Received: "
                          "target_shape=" + python_tuple(target) + ".");
            }
            unknown_at = i;
        } else if (target[i] <= 0) {
            args.fail("Invalid value for argument `target_shape`: every dimension must be a positive integer or "
                      "-1 (one unknown dimension). Received: target_shape=" + python_tuple(target) + ".");
        } else {
            known = checked_mul(known, target[i], "Reshape target size");
        }
    }

    const Shape rest(input.begin() + 1, input.end());
    const Dim input_size = known_product(rest, "Reshape input size");
    LayerResult r;
    r.output_shape.push_back(input.front());
    r.output_shape.insert(r.output_shape.end(), target.begin(), target.end());
    const auto size_error = [&] {
        throw ShapeError("The total size of the tensor must be unchanged. Received: input_shape=" +
                         shape_to_python(rest) + ", target_shape=" + python_tuple(target));
    };
    if (input_size == kNone) {
        // Unknown input size: the -1 axis stays unknown, like Keras's compute_output_shape.
        if (unknown_at != target.size()) r.output_shape[unknown_at + 1] = kNone;
        return r;
    }
    if (unknown_at == target.size()) {
        if (known != input_size) size_error();
    } else {
        // Keras 3.3-3.12 operation_utils.compute_reshape_output_shape ("cannot by divided", sic).
        if (input_size % known != 0) {
            throw ShapeError("The total size of the tensor must be unchanged, however, the input size cannot by divided "
                             "by the specified dimensions in target_shape. Received: input_shape=" +
                             shape_to_python(rest) + ", target_shape=" + python_tuple(target));
        }
        r.output_shape[unknown_at + 1] = input_size / known;
    }
    return r;
}

// ------------------------------------------------------------------ forward pass

// ZeroPadding pads the spatial axes by the amounts inference reported; Cropping removes them
// (reported negative, kept here as the positive amounts cropped).
template <bool Crop>
class PadCropLayer final : public RunnableLayer {
public:
    void run(const float* in, float* out) const override {
        if (Crop) crop_into(in, input_shape, pads, output_shape, out);
        else pad_into(in, input_shape, pads, PadMode::Constant, 0.0f, out);
    }
    Pads pads;  // ZeroPadding: every axis, batch and channels {0, 0}; Cropping: spatial axes only
};

template <bool Crop>
std::unique_ptr<RunnableLayer> pad_crop_forward(const ForwardContext& c) {
    auto layer = make_runnable<PadCropLayer<Crop>>(c);
    const Pads spatial = c.padding ? *c.padding : Pads{};
    if (Crop) {
        for (const Pad& p : spatial) layer->pads.push_back(Pad{-p[0], -p[1]});
    } else {
        layer->pads.push_back(Pad{0, 0});
        layer->pads.insert(layer->pads.end(), spatial.begin(), spatial.end());
        layer->pads.push_back(Pad{0, 0});
    }
    return layer;
}

const std::vector<std::string_view> kZeroPaddingArgs = {"padding", "data_format"};
const std::vector<std::string_view> kCroppingArgs = {"cropping", "data_format"};

}  // namespace

std::vector<LayerType> reshaping_layer_types() {
    return {
        {"ZeroPadding1D", {"padding"}, &zero_padding<1>, &pad_crop_forward<false>},
        {"ZeroPadding2D", kZeroPaddingArgs, &zero_padding<2>, &pad_crop_forward<false>},
        {"ZeroPadding3D", kZeroPaddingArgs, &zero_padding<3>, &pad_crop_forward<false>},
        {"Cropping1D", {"cropping"}, &cropping<1>, &pad_crop_forward<true>},
        {"Cropping2D", kCroppingArgs, &cropping<2>, &pad_crop_forward<true>},
        {"Cropping3D", kCroppingArgs, &cropping<3>, &pad_crop_forward<true>},
        {"UpSampling1D", {"size"}, &up_sampling<1>},
        {"UpSampling2D", {"size", "data_format", "interpolation"}, &up_sampling<2>},
        {"UpSampling3D", {"size", "data_format"}, &up_sampling<3>},
        {"Flatten", {"data_format"}, &flatten, &identity_forward},
        {"Reshape", {"target_shape"}, &reshape, &identity_forward},
    };
}

}  // namespace padlab::layers
