# EfficientNetB0..B7 (Tan & Le, "EfficientNet: Rethinking Model Scaling for Convolutional Neural
# Networks", 2019: MBConv blocks with squeeze-and-excite, compound width/depth scaling),
# PadLab's builder. Layer names, order and arguments are Keras's
# (keras/src/applications/efficientnet.py): blocks "block<stage><a, b, ...>_".
import math
import keras
from keras import layers
from keras.src.applications import common

# The B0 stages (the paper's table 1): (kernel, repeats, filters in, filters out, expansion,
# stride); every block has squeeze-and-excite with ratio 0.25 and an identity skip.
STAGES = [
    (3, 1, 32, 16, 1, 1),
    (3, 2, 16, 24, 6, 2),
    (5, 2, 24, 40, 6, 2),
    (3, 3, 40, 80, 6, 2),
    (5, 3, 80, 112, 6, 1),
    (5, 4, 112, 192, 6, 2),
    (3, 1, 192, 320, 6, 1),
]
SE_RATIO = 0.25
# Per model: (width coefficient, depth coefficient, default size, dropout rate).
SCALING = {
    "efficientnetb0": (1.0, 1.0, 224, 0.2),
    "efficientnetb1": (1.0, 1.1, 240, 0.2),
    "efficientnetb2": (1.1, 1.2, 260, 0.3),
    "efficientnetb3": (1.2, 1.4, 300, 0.3),
    "efficientnetb4": (1.4, 1.8, 380, 0.4),
    "efficientnetb5": (1.6, 2.2, 456, 0.4),
    "efficientnetb6": (1.8, 2.6, 528, 0.5),
    "efficientnetb7": (2.0, 3.1, 600, 0.5),
}
DROP_CONNECT = 0.2
# The ImageNet weights expect inputs divided by these standard deviations (a third Rescaling).
IMAGENET_STDDEV_RGB = [0.229, 0.224, 0.225]


def mbconv(x, name, filters_in, filters_out, kernel, stride, expansion, drop_rate):
    inputs = x
    filters = filters_in * expansion
    if expansion != 1:
        x = layers.Conv2D(filters, 1, padding="same", use_bias=False, name=name + "expand_conv")(x)
        x = layers.BatchNormalization(axis=3, name=name + "expand_bn")(x)
        x = layers.Activation("swish", name=name + "expand_activation")(x)
    if stride == 2:
        x = layers.ZeroPadding2D(padding=common.correct_pad(x, kernel), name=name + "dwconv_pad")(x)
    x = layers.DepthwiseConv2D(kernel, strides=stride, padding="valid" if stride == 2 else "same",
                               use_bias=False, name=name + "dwconv")(x)
    x = layers.BatchNormalization(axis=3, name=name + "bn")(x)
    x = layers.Activation("swish", name=name + "activation")(x)
    se = layers.GlobalAveragePooling2D(name=name + "se_squeeze")(x)
    se = layers.Reshape((1, 1, filters), name=name + "se_reshape")(se)
    se = layers.Conv2D(max(1, int(filters_in * SE_RATIO)), 1, padding="same", activation="swish",
                       name=name + "se_reduce")(se)
    se = layers.Conv2D(filters, 1, padding="same", activation="sigmoid", name=name + "se_expand")(se)
    x = layers.multiply([x, se], name=name + "se_excite")
    x = layers.Conv2D(filters_out, 1, padding="same", use_bias=False, name=name + "project_conv")(x)
    x = layers.BatchNormalization(axis=3, name=name + "project_bn")(x)
    if stride == 1 and filters_in == filters_out:
        if drop_rate > 0:
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "drop")(x)
        x = layers.add([x, inputs], name=name + "add")
    return x


def build(model, include_top, weights, input_tensor, input_shape, pooling, classes,
          classifier_activation, name):
    width, depth, default_size, dropout_rate = SCALING[model]

    def round_filters(f):
        f = f * width
        new_f = max(8, int(f + 4) // 8 * 8)
        if new_f < 0.9 * f:
            new_f += 8
        return int(new_f)

    def round_repeats(r):
        return int(math.ceil(depth * r))

    common.check_weights(weights, include_top, classes, "densenet")  # efficientnet.py words them so too
    input_shape = common.obtain_input_shape(input_shape, default_size, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = layers.Rescaling(1.0 / 255.0)(img_input)
    x = layers.Normalization(axis=3)(x)
    if weights == "imagenet":
        x = layers.Rescaling([1.0 / math.sqrt(s) for s in IMAGENET_STDDEV_RGB])(x)
    x = layers.ZeroPadding2D(padding=common.correct_pad(x, 3), name="stem_conv_pad")(x)
    x = layers.Conv2D(round_filters(32), 3, strides=2, padding="valid", use_bias=False, name="stem_conv")(x)
    x = layers.BatchNormalization(axis=3, name="stem_bn")(x)
    x = layers.Activation("swish", name="stem_activation")(x)
    total = float(sum(round_repeats(s[1]) for s in STAGES))
    b = 0
    for i, (kernel, repeats, f_in, f_out, expansion, stride) in enumerate(STAGES):
        f_in = round_filters(f_in)
        f_out = round_filters(f_out)
        for j in range(round_repeats(repeats)):
            x = mbconv(x, f"block{i + 1}{chr(j + 97)}_", f_in if j == 0 else f_out, f_out, kernel,
                       stride if j == 0 else 1, expansion, DROP_CONNECT * b / total)
            b += 1
    x = layers.Conv2D(round_filters(1280), 1, padding="same", use_bias=False, name="top_conv")(x)
    x = layers.BatchNormalization(axis=3, name="top_bn")(x)
    x = layers.Activation("swish", name="top_activation")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        common.check_classifier_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = common.head(x, False, pooling, classes, classifier_activation, weights)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def EfficientNetB0(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb0"):
    return build("efficientnetb0", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB1(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb1"):
    return build("efficientnetb1", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb2"):
    return build("efficientnetb2", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb3"):
    return build("efficientnetb3", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB4(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb4"):
    return build("efficientnetb4", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB5(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb5"):
    return build("efficientnetb5", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB6(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb6"):
    return build("efficientnetb6", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def EfficientNetB7(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                   pooling=None, classes=1000, classifier_activation="softmax", name="efficientnetb7"):
    return build("efficientnetb7", include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)
