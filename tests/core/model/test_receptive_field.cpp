#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/model/receptive_field.hpp"

namespace {

struct Analysed {
    padlab::ModelSummary summary;
    std::vector<padlab::LayerField> fields;
    const padlab::LayerField& at(const std::string& name) const {
        for (std::size_t i = 0; i < summary.layers.size(); ++i)
            if (summary.layers[i].name == name) return fields[i];
        FAIL("no layer " << name);
        return fields[0];
    }
};

Analysed analyse(const std::string& source) {
    const padlab::ModelSpec spec = padlab::import_model(source);
    Analysed a{padlab::summarize(spec), {}};
    a.fields = padlab::receptive_fields(spec, a.summary);
    return a;
}

// size, stride, padding of axis 0
void check_field(const padlab::LayerField& f, double r, double s, double p) {
    REQUIRE(f.spatial);
    CHECK(f.axes.at(0).size == r);
    CHECK(f.axes.at(0).stride == s);
    CHECK(f.axes.at(0).padding == p);
}

}  // namespace

TEST_CASE("a Conv1D chain by hand: valid, same, strided, dilated, causal", "[receptive_field]") {
    // Input length 10. conv_a k3 valid: r 3, S 1, P 0, nothing reads padding.
    // conv_b k3 same (pads 1/1): r 5, P 1; outputs 0 and 7 read padding (of 8).
    // conv_c k3 s2 valid on 8: outputs 3, reads 0..6, leaves position 7 unread; r 5 + 2*1 = 7,
    //   S 2, P 1; output o reads o*2 .. o*2+2 of conv_b's output, clean there is [1, 7): o = 1, 2.
    // conv_d k2 dilation 2 (k' 3) causal on 3 (pads 2/0): r 7 + 2*2 = 11, S 2, P 1 + 2*2 = 5.
    const Analysed a = analyse(
        "model = Sequential()\n"
        "model.add(Conv1D(4, 3, input_shape=(10, 1), name='conv_a'))\n"
        "model.add(Conv1D(4, 3, padding='same', name='conv_b'))\n"
        "model.add(Conv1D(4, 3, strides=2, name='conv_c'))\n"
        "model.add(Conv1D(4, 2, dilation_rate=2, padding='causal', name='conv_d'))\n"
        "model.add(Flatten(name='flat'))\n"
        "model.add(Dense(2, name='out'))\n");
    check_field(a.at("conv_a"), 3, 1, 0);
    CHECK(a.at("conv_a").axes[0].border_affected == 0);
    check_field(a.at("conv_b"), 5, 1, 1);
    CHECK(a.at("conv_b").axes[0].border_affected == 2);
    CHECK(a.at("conv_b").axes[0].border_before == 1);
    check_field(a.at("conv_c"), 7, 2, 1);
    CHECK(a.at("conv_c").axes[0].length == 3);
    CHECK(a.at("conv_c").axes[0].unread == 1);
    CHECK(a.at("conv_c").axes[0].unread_end == 1);
    CHECK(a.at("conv_c").axes[0].border_affected == 1);
    check_field(a.at("conv_d"), 11, 2, 5);
    CHECK(a.at("conv_d").axes[0].border_affected == 3);  // each reads its causal pad or conv_c's output 0
    CHECK(a.at("conv_d").border_fraction == 1.0);
    CHECK_FALSE(a.at("flat").spatial);
    CHECK_FALSE(a.at("out").spatial);
}

TEST_CASE("2D: 'same' with an even kernel puts the extra cell after; padding and cropping shift P", "[receptive_field]") {
    // conv k2 s2 same on 7: out 4, total pad 1 -> (0, 1): extra cell after, P 0, r 2, S 2.
    // ZeroPadding2D(1): P 0 + 1*2 = 2; Cropping2D(2): P 2 - 2*2 = -2 (negative after a crop).
    // The unread tail: a 1x1 stride-2 conv on 6 reads 0, 2, 4: 3 unread, 1 after the last.
    const Analysed a = analyse(
        "model = Sequential()\n"
        "model.add(Conv2D(4, 2, strides=2, padding='same', input_shape=(7, 7, 1), name='conv'))\n"
        "model.add(ZeroPadding2D(1, name='pad'))\n"
        "model.add(Cropping2D(2, name='crop'))\n"
        "model.add(Conv2D(4, 1, strides=2, input_shape=(6, 6, 1), name='pointwise'))\n");
    const auto& conv = a.at("conv");
    check_field(conv, 2, 2, 0);
    REQUIRE(conv.axes.size() == 2);
    CHECK(conv.axes[1].extra_cell == "after");
    CHECK(conv.axes[0].border_affected == 1);  // output 3 reads the pad cell after
    CHECK(conv.axes[0].border_before == 0);
    check_field(a.at("pad"), 2, 2, 2);
    CHECK(a.at("pad").axes[0].border_affected == 3);  // 2 new zeros + the one before
    check_field(a.at("crop"), 2, 2, -2);
    CHECK(a.at("crop").axes[0].length == 2);
    CHECK(a.at("pointwise").axes[0].unread == 1);
    CHECK(a.at("pointwise").axes[0].unread_end == 1);
}

TEST_CASE("UpSampling and transposed convolution divide the stride", "[receptive_field]") {
    // conv k3 s2 valid on 9: out 4, r 3, S 2. UpSampling1D(2): S 1, r 3, out 8.
    // Conv1DTranspose k3 s2 valid on conv's 4: stride 2 / 2 = 1; each output reads at most
    // ceil(3 / 2) = 2 inputs: r 3 + 1 * 2 = 5.
    const Analysed a = analyse(
        "x = keras.Input(shape=(9, 1))\n"
        "y = layers.Conv1D(2, 3, strides=2, name='conv')(x)\n"
        "u = layers.UpSampling1D(2, name='up')(y)\n"
        "t = layers.Conv1DTranspose(2, 3, strides=2, name='deconv')(y)\n"
        "model = keras.Model(x, [u, t])\n");
    check_field(a.at("up"), 3, 1, 0);
    CHECK(a.at("up").axes[0].length == 8);
    REQUIRE(a.at("deconv").spatial);
    CHECK(a.at("deconv").axes[0].stride == 1.0);
    CHECK(a.at("deconv").axes[0].size == 5.0);
}

TEST_CASE("merges: the largest field, and whether the paths are aligned", "[receptive_field]") {
    // A residual block: conv 3x3 same twice (r 5, P 2) + the identity (r 1, P 0): both centred on
    // the same input position, so aligned. A 'valid' branch shifts its centre: not aligned.
    const Analysed a = analyse(
        "x = keras.Input(shape=(8, 8, 3))\n"
        "y = layers.Conv2D(3, 3, padding='same', name='c1')(x)\n"
        "y = layers.Conv2D(3, 3, padding='same', name='c2')(y)\n"
        "s = layers.Add(name='res')([x, y])\n"
        "v = layers.Conv2D(3, 2, name='v')(s)\n"
        "w = layers.Conv2D(3, 1, name='w')(s)\n"
        "w = layers.Cropping2D(((0, 1), (0, 1)), name='crop')(w)\n"
        "m = layers.Add(name='shifted')([v, w])\n"
        "model = keras.Model(x, m)\n");
    check_field(a.at("res"), 5, 1, 2);
    CHECK(a.at("res").aligned);
    CHECK(a.at("res").axes[0].border_affected == 4);  // c2's borders
    check_field(a.at("shifted"), 6, 1, 2);
    CHECK_FALSE(a.at("shifted").aligned);
}

TEST_CASE("published receptive fields of classic networks through the Keras Applications builders", "[receptive_field]") {
    // Expected values: the table of google-research/receptive_field's README ("convnet model |
    // receptive field | effective stride | effective padding"), computed on the TF-Slim models
    // at 224 (299 for Inception v3). The Keras builders match TF-Slim's padding at these ends:
    // VGG16 'same' 3x3 convs and 2x2/2 pools; MobileNet's ZeroPadding((0, 1), (0, 1)) before
    // each stride-2 depthwise conv is TF's 'SAME' split on an even input; InceptionV3's
    // 'valid' stem and reductions.
    SECTION("VGG16 block5_pool: 212, 32, 90") {
        check_field(analyse("import keras\nmodel = keras.applications.VGG16(weights=None, include_top=False, input_shape=(224, 224, 3))\n")
                        .at("block5_pool"),
                    212, 32, 90);
    }
    SECTION("MobileNet (v1) conv_pw_13_relu: 315, 32, 126") {
        check_field(analyse("import keras\nmodel = keras.applications.MobileNet(weights=None, include_top=False, input_shape=(224, 224, 3))\n")
                        .at("conv_pw_13_relu"),
                    315, 32, 126);
    }
    SECTION("InceptionV3 mixed10 (Mixed_7c): 1311, 32, 618") {
        const Analysed a = analyse("import keras\nmodel = keras.applications.InceptionV3(weights=None, include_top=False, input_shape=(299, 299, 3))\n");
        check_field(a.at("mixed10"), 1311, 32, 618);
        CHECK(a.at("mixed10").aligned);
    }
    SECTION("ResNet50 conv5_block3_out: 483, 32, 241 (TF-Slim's resnet_v1_50: 483, 32, 239)") {
        // Keras strides in each stage's first 1x1 conv (resnet.py block1: strides on conv_1 and
        // the shortcut), TF-Slim in the last unit's 3x3, so the effective padding differs. By
        // hand: ZeroPadding 3 + 7x7/2 valid: r 7, S 2, P 3; ZeroPadding 1 + 3x3/2 pool: r 11, S 4,
        // P 5; each block's 3x3 'same' adds 2S to r and S to P, the stride-2 1x1s add nothing:
        // r 11 + 3*8 + 4*16 + 6*32 + 3*64 = 483, P 5 + 3*4 + 4*8 + 6*16 + 3*32 = 241, S 32.
        const Analysed a = analyse("import keras\nmodel = keras.applications.ResNet50(weights=None)\n");
        check_field(a.at("conv1_conv"), 7, 2, 3);
        check_field(a.at("pool1_pool"), 11, 4, 5);
        check_field(a.at("conv5_block3_out"), 483, 32, 241);
        CHECK(a.at("conv5_block3_add").aligned);
        CHECK(a.at("conv5_block3_out").border_fraction == 1.0);  // every output reads padding
        CHECK_FALSE(a.at("avg_pool").spatial);
    }
}
