# Xception (Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", 2017),
# PadLab's builder. Layer names, order and arguments are Keras's
# (keras/src/applications/xception.py): blocks block1..block14, separable convs
# "<block>_sepconv<k>" with "_bn" and "_act" layers; the shortcut convs are unnamed.
import keras
from keras import layers
from keras.src.applications import common

# The strided blocks (entry flow and block13): (block, separable conv widths, ReLU before the
# first separable conv). Their shortcut is a strided 1x1 conv to the last width.
ENTRY = [("block2", [128, 128], False), ("block3", [256, 256], True), ("block4", [728, 728], True)]
EXIT = ("block13", [728, 1024], True)
MIDDLE = 8  # identity blocks block5..block12, three 728-wide separable convs each


def sepconv_bn(x, width, prefix):
    x = layers.SeparableConv2D(width, (3, 3), padding="same", use_bias=False, name=prefix)(x)
    return layers.BatchNormalization(axis=-1, name=prefix + "_bn")(x)


def strided_block(x, block, widths, relu_first):
    residual = layers.Conv2D(widths[-1], (1, 1), strides=(2, 2), padding="same", use_bias=False)(x)
    residual = layers.BatchNormalization(axis=-1)(residual)
    for k, width in enumerate(widths):
        prefix = f"{block}_sepconv{k + 1}"
        if k > 0 or relu_first:
            x = layers.Activation("relu", name=prefix + "_act")(x)
        x = sepconv_bn(x, width, prefix)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=block + "_pool")(x)
    return layers.add([x, residual])


def middle_block(x, block):
    residual = x
    for k in range(3):
        prefix = f"{block}_sepconv{k + 1}"
        x = layers.Activation("relu", name=prefix + "_act")(x)
        x = sepconv_bn(x, 728, prefix)
    return layers.add([x, residual])


def Xception(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, classifier_activation="softmax", name="xception"):
    common.check_weights(weights, include_top, classes, "xception")
    input_shape = common.obtain_input_shape(input_shape, 299, 71, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = img_input
    for k, (width, strides) in enumerate([(32, (2, 2)), (64, (1, 1))]):
        prefix = f"block1_conv{k + 1}"
        x = layers.Conv2D(width, (3, 3), strides=strides, use_bias=False, name=prefix)(x)
        x = layers.BatchNormalization(axis=-1, name=prefix + "_bn")(x)
        x = layers.Activation("relu", name=prefix + "_act")(x)
    for block, widths, relu_first in ENTRY:
        x = strided_block(x, block, widths, relu_first)
    for i in range(MIDDLE):
        x = middle_block(x, f"block{i + 5}")
    x = strided_block(x, EXIT[0], EXIT[1], EXIT[2])
    for k, width in enumerate([1536, 2048]):
        prefix = f"block14_sepconv{k + 1}"
        x = sepconv_bn(x, width, prefix)
        x = layers.Activation("relu", name=prefix + "_act")(x)
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights, "avg_pool", False)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)
