# ResNet50/101/152 (He et al., "Deep Residual Learning for Image Recognition", 2015: bottleneck
# blocks, post-activation) and ResNet50V2/101V2/152V2 (He et al., "Identity Mappings in Deep
# Residual Networks", 2016: pre-activation), PadLab's builder. Layer names, order and arguments
# are Keras's (keras/src/applications/resnet.py, resnet_v2.py): stages conv2..conv5 of blocks
# "<stage>_block<n>", layers "_0_conv" (shortcut), "_1_.." "_2_.." "_3_.." (bottleneck).
import keras
from keras import layers
from keras.src.applications import common

EPS = 1.001e-5
WIDTHS = [64, 128, 256, 512]  # the bottleneck width of stages conv2..conv5 (outputs: 4x)
BLOCKS = {
    "resnet50": [3, 4, 6, 3],
    "resnet101": [3, 4, 23, 3],
    "resnet152": [3, 8, 36, 3],
}


def bn(x, name):
    return layers.BatchNormalization(axis=3, epsilon=EPS, name=name)(x)


def bn_relu(x, prefix):
    x = bn(x, prefix + "_bn")
    return layers.Activation("relu", name=prefix + "_relu")(x)


def block_v1(x, width, stride, conv_shortcut, name):
    # Post-activation bottleneck: 1x1 (strided) -> 3x3 -> 1x1 (4x width), added to the shortcut.
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * width, 1, strides=stride, name=name + "_0_conv")(x)
        shortcut = bn(shortcut, name + "_0_bn")
    else:
        shortcut = x
    x = layers.Conv2D(width, 1, strides=stride, name=name + "_1_conv")(x)
    x = bn_relu(x, name + "_1")
    x = layers.Conv2D(width, 3, padding="same", name=name + "_2_conv")(x)
    x = bn_relu(x, name + "_2")
    x = layers.Conv2D(4 * width, 1, name=name + "_3_conv")(x)
    x = bn(x, name + "_3_bn")
    x = layers.Add(name=name + "_add")([shortcut, x])
    return layers.Activation("relu", name=name + "_out")(x)


def block_v2(x, width, stride, conv_shortcut, name):
    # Pre-activation bottleneck: BN-ReLU first; the stride sits on the 3x3 conv, and an
    # identity shortcut is subsampled by a 1x1 max pooling.
    preact = bn_relu(x, name + "_preact")
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * width, 1, strides=stride, name=name + "_0_conv")(preact)
    elif stride > 1:
        shortcut = layers.MaxPooling2D(1, strides=stride)(x)
    else:
        shortcut = x
    x = layers.Conv2D(width, 1, strides=1, use_bias=False, name=name + "_1_conv")(preact)
    x = bn_relu(x, name + "_1")
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name=name + "_2_pad")(x)
    x = layers.Conv2D(width, 3, strides=stride, use_bias=False, name=name + "_2_conv")(x)
    x = bn_relu(x, name + "_2")
    x = layers.Conv2D(4 * width, 1, name=name + "_3_conv")(x)
    return layers.Add(name=name + "_out")([shortcut, x])


def stage(x, s, width, blocks, preact):
    # V1 downsamples in a stage's first block (not conv2's, after the pooling); V2 in its last
    # block (not conv5's), and only the first block has a conv shortcut in both.
    name = f"conv{s + 2}"
    for n in range(1, blocks + 1):
        if preact:
            stride = 2 if n == blocks and s < 3 else 1
            x = block_v2(x, width, stride, n == 1, f"{name}_block{n}")
        else:
            stride = 2 if n == 1 and s > 0 else 1
            x = block_v1(x, width, stride, n == 1, f"{name}_block{n}")
    return x


def build(blocks, preact, include_top, weights, input_tensor, input_shape, pooling, classes,
          classifier_activation, name):
    common.check_weights(weights, include_top, classes)
    input_shape = common.obtain_input_shape(input_shape, 224, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=True, name="conv1_conv")(x)
    if not preact:
        x = bn_relu(x, "conv1")
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for s, (width, count) in enumerate(zip(WIDTHS, blocks)):
        x = stage(x, s, width, count, preact)
    if preact:
        x = bn_relu(x, "post")
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
             classes=1000, classifier_activation="softmax", name="resnet50"):
    return build(BLOCKS["resnet50"], False, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
              classes=1000, classifier_activation="softmax", name="resnet101"):
    return build(BLOCKS["resnet101"], False, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
              classes=1000, classifier_activation="softmax", name="resnet152"):
    return build(BLOCKS["resnet152"], False, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
               classes=1000, classifier_activation="softmax", name="resnet50v2"):
    return build(BLOCKS["resnet50"], True, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def ResNet101V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax", name="resnet101v2"):
    return build(BLOCKS["resnet101"], True, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def ResNet152V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax", name="resnet152v2"):
    return build(BLOCKS["resnet152"], True, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)
