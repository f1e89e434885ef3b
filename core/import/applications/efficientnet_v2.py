# EfficientNetV2B0..B3, S, M, L (Tan & Le, "EfficientNetV2: Smaller Models and Faster Training",
# 2021: Fused-MBConv blocks in the early stages, MBConv with squeeze-and-excite later), PadLab's
# builder. Layer names, order, arguments and argument checks are Keras's
# (keras/src/applications/efficientnet_v2.py, Keras 3.16, keras-team/keras 3422977a): blocks
# "block<stage><a, b, ...>_", the depthwise conv "dwconv2", model names "efficientnetv2-b0"...
#
# Era differences (tf_keras/applications/efficientnet_v2.py, tf-keras 2.21, dd0a7237):
#   * tf.keras's functions take no `name`; Keras 3.4+ does, but it also looks the stage table
#     up by that name (DEFAULT_BLOCKS_ARGS[name]), so any other name fails there with a KeyError,
#     as it does here.
#   * The classes error: Keras 3 'If using `weights="imagenet"` with `include_top` as true,
#     `classes` should be 1000', tf.keras "If using `weights` as `'imagenet'` with `include_top`
#     as true, `classes` should be 1000Received: classes=..." (no space before "Received").
#   * Keras 3.16 refuses a stage of 0 repeats with a ValueError; tf.keras asserts. No exported
#     model has one.
# The layers are the same in both eras: include_preprocessing puts Rescaling(1/255) and a
# Normalization with ImageNet's mean and variance (no weights when they are given) before the
# B0..B3 stems, and Rescaling(1/128, offset=-1) before S, M and L (and before a B model whose
# input does not have 3 channels).
import math
import keras
from keras import layers
from keras.src.applications import common

# Per stage: (fused, kernel, repeats, filters in, filters out, expansion, squeeze-and-excite
# ratio, stride), from the paper's table 4 (S) and Keras's tables for the others.
STAGES_B = [
    (True, 3, 1, 32, 16, 1, 0, 1),
    (True, 3, 2, 16, 32, 4, 0, 2),
    (True, 3, 2, 32, 48, 4, 0, 2),
    (False, 3, 3, 48, 96, 4, 0.25, 2),
    (False, 3, 5, 96, 112, 6, 0.25, 1),
    (False, 3, 8, 112, 192, 6, 0.25, 2),
]
STAGES = {
    "efficientnetv2-b0": STAGES_B,
    "efficientnetv2-b1": STAGES_B,
    "efficientnetv2-b2": STAGES_B,
    "efficientnetv2-b3": STAGES_B,
    "efficientnetv2-s": [
        (True, 3, 2, 24, 24, 1, 0, 1),
        (True, 3, 4, 24, 48, 4, 0, 2),
        (True, 3, 4, 48, 64, 4, 0, 2),
        (False, 3, 6, 64, 128, 4, 0.25, 2),
        (False, 3, 9, 128, 160, 6, 0.25, 1),
        (False, 3, 15, 160, 256, 6, 0.25, 2),
    ],
    "efficientnetv2-m": [
        (True, 3, 3, 24, 24, 1, 0, 1),
        (True, 3, 5, 24, 48, 4, 0, 2),
        (True, 3, 5, 48, 80, 4, 0, 2),
        (False, 3, 7, 80, 160, 4, 0.25, 2),
        (False, 3, 14, 160, 176, 6, 0.25, 1),
        (False, 3, 18, 176, 304, 6, 0.25, 2),
        (False, 3, 5, 304, 512, 6, 0.25, 1),
    ],
    "efficientnetv2-l": [
        (True, 3, 4, 32, 32, 1, 0, 1),
        (True, 3, 7, 32, 64, 4, 0, 2),
        (True, 3, 7, 64, 96, 4, 0, 2),
        (False, 3, 10, 96, 192, 4, 0.25, 2),
        (False, 3, 19, 192, 224, 6, 0.25, 1),
        (False, 3, 25, 224, 384, 6, 0.25, 2),
        (False, 3, 7, 384, 640, 6, 0.25, 1),
    ],
}
# Per model: (width coefficient, depth coefficient, default size). Every model: dropout 0.2
# before the classifier, drop-connect 0.2, BatchNormalization momentum 0.9, swish.
SCALING = {
    "efficientnetv2-b0": (1.0, 1.0, 224),
    "efficientnetv2-b1": (1.0, 1.1, 240),
    "efficientnetv2-b2": (1.1, 1.2, 260),
    "efficientnetv2-b3": (1.2, 1.4, 300),
    "efficientnetv2-s": (1.0, 1.0, 384),
    "efficientnetv2-m": (1.0, 1.0, 480),
    "efficientnetv2-l": (1.0, 1.0, 480),
}
DROPOUT = 0.2
DROP_CONNECT = 0.2
MOMENTUM = 0.9
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_VARIANCE = [0.229**2, 0.224**2, 0.225**2]


def bn(x, name):
    return layers.BatchNormalization(axis=3, momentum=MOMENTUM, name=name)(x)


def conv_bn_swish(x, filters, kernel, stride, prefix, suffix):
    # "<prefix><suffix>_conv" -> "_bn" -> "_activation" (expand_conv, expand_bn, ...).
    x = layers.Conv2D(filters, kernel, strides=stride, padding="same", use_bias=False,
                      name=prefix + suffix + "_conv")(x)
    x = bn(x, prefix + suffix + "_bn")
    return layers.Activation("swish", name=prefix + suffix + "_activation")(x)


def squeeze_excite(x, filters, filters_in, ratio, prefix):
    se = layers.GlobalAveragePooling2D(name=prefix + "se_squeeze")(x)
    se = layers.Reshape((1, 1, filters), name=prefix + "se_reshape")(se)
    se = layers.Conv2D(max(1, int(filters_in * ratio)), 1, padding="same", activation="swish",
                       name=prefix + "se_reduce")(se)
    se = layers.Conv2D(filters, 1, padding="same", activation="sigmoid", name=prefix + "se_expand")(se)
    return layers.multiply([x, se], name=prefix + "se_excite")


def residual(x, inputs, filters_in, filters_out, stride, drop_rate, prefix):
    # The identity skip, behind a per-sample Dropout once the drop-connect rate is above 0 (the
    # first block's is 0).
    if stride == 1 and filters_in == filters_out:
        if drop_rate:
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=prefix + "drop")(x)
        x = layers.add([x, inputs], name=prefix + "add")
    return x


def mbconv(x, prefix, filters_in, filters_out, kernel, stride, expansion, se_ratio, drop_rate):
    # 1x1 expansion, depthwise conv, squeeze-and-excite, 1x1 projection.
    inputs = x
    filters = filters_in * expansion
    if expansion != 1:
        x = conv_bn_swish(x, filters, 1, 1, prefix, "expand")
    x = layers.DepthwiseConv2D(kernel, strides=stride, padding="same", use_bias=False,
                               name=prefix + "dwconv2")(x)
    x = bn(x, prefix + "bn")
    x = layers.Activation("swish", name=prefix + "activation")(x)
    if se_ratio > 0 and se_ratio <= 1:
        x = squeeze_excite(x, filters, filters_in, se_ratio, prefix)
    x = layers.Conv2D(filters_out, 1, padding="same", use_bias=False, name=prefix + "project_conv")(x)
    x = bn(x, prefix + "project_bn")
    return residual(x, inputs, filters_in, filters_out, stride, drop_rate, prefix)


def fused_mbconv(x, prefix, filters_in, filters_out, kernel, stride, expansion, se_ratio, drop_rate):
    # The expansion and the depthwise conv fused into one full conv; without expansion the
    # projection itself is that conv, followed by its own activation.
    inputs = x
    filters = filters_in * expansion
    if expansion != 1:
        x = conv_bn_swish(x, filters, kernel, stride, prefix, "expand")
    if se_ratio > 0 and se_ratio <= 1:
        x = squeeze_excite(x, filters, filters_in, se_ratio, prefix)
    fused = expansion == 1
    x = layers.Conv2D(filters_out, kernel if fused else 1, strides=stride if fused else 1, padding="same",
                      use_bias=False, name=prefix + "project_conv")(x)
    x = bn(x, prefix + "project_bn")
    if fused:
        x = layers.Activation("swish", name=prefix + "project_activation")(x)
    return residual(x, inputs, filters_in, filters_out, stride, drop_rate, prefix)


def build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
          include_preprocessing, name):
    if name not in STAGES:
        # Keras 3 looks the stage table up by the model's name (DEFAULT_BLOCKS_ARGS[name]).
        raise ValueError(f"KeyError: '{name}'")
    width, depth, default_size = SCALING[name]
    stages = STAGES[name]

    def round_filters(f):
        # No "10% under" correction here, unlike EfficientNet (V1) and MobileNet.
        return int(max(8, int(f * width + 4) // 8 * 8))

    if not (weights is None or weights == "imagenet" or common.file_exists(weights)):
        raise ValueError(
            "The `weights` argument should be either `None` (random initialization), `imagenet` "
            "(pre-training on ImageNet), or the path to the weights file to be loaded."
            f"Received: weights={weights}"
        )
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000')
    input_shape = common.obtain_input_shape(input_shape, default_size, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = img_input
    if include_preprocessing:
        if name.split("-")[-1].startswith("b") and input_shape[2] == 3:
            x = layers.Rescaling(scale=1.0 / 255)(x)
            x = layers.Normalization(mean=IMAGENET_MEAN, variance=IMAGENET_VARIANCE, axis=3)(x)
        else:
            x = layers.Rescaling(scale=1.0 / 128.0, offset=-1)(x)
    x = conv_bn_swish(x, round_filters(stages[0][3]), 3, 2, "stem", "")
    # The drop-connect rate grows with the block's index over the table's unscaled block count.
    total = float(sum(s[2] for s in stages))
    b = 0
    for i, (fused, kernel, repeats, f_in, f_out, expansion, se_ratio, stride) in enumerate(stages):
        f_in = round_filters(f_in)
        f_out = round_filters(f_out)
        block = fused_mbconv if fused else mbconv
        for j in range(int(math.ceil(depth * repeats))):
            x = block(x, f"block{i + 1}{chr(j + 97)}_", f_in if j == 0 else f_out, f_out, kernel,
                      stride if j == 0 else 1, expansion, se_ratio, DROP_CONNECT * b / total)
            b += 1
    x = conv_bn_swish(x, round_filters(1280), 1, 1, "top", "")
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dropout(DROPOUT, name="top_dropout")(x)
        common.check_classifier_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = common.head(x, False, pooling, classes, classifier_activation, weights)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def EfficientNetV2B0(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                     classes=1000, classifier_activation="softmax", include_preprocessing=True,
                     name="efficientnetv2-b0"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)


def EfficientNetV2B1(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                     classes=1000, classifier_activation="softmax", include_preprocessing=True,
                     name="efficientnetv2-b1"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)


def EfficientNetV2B2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                     classes=1000, classifier_activation="softmax", include_preprocessing=True,
                     name="efficientnetv2-b2"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)


def EfficientNetV2B3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                     classes=1000, classifier_activation="softmax", include_preprocessing=True,
                     name="efficientnetv2-b3"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)


def EfficientNetV2S(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                    classes=1000, classifier_activation="softmax", include_preprocessing=True,
                    name="efficientnetv2-s"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)


def EfficientNetV2M(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                    classes=1000, classifier_activation="softmax", include_preprocessing=True,
                    name="efficientnetv2-m"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)


def EfficientNetV2L(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                    classes=1000, classifier_activation="softmax", include_preprocessing=True,
                    name="efficientnetv2-l"):
    return build(include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation,
                 include_preprocessing, name)
