# InceptionResNetV2 (Szegedy et al., "Inception-v4, Inception-ResNet and the Impact of Residual
# Connections on Learning", 2016), PadLab's builder. Layer names, order and arguments are
# Keras's (keras/src/applications/inception_resnet_v2.py): conv units Conv2D-BatchNormalization
# (scale=False)-ReLU (automatic names unless named), modules mixed_5b / mixed_6a / mixed_7a,
# residual blocks block35_<i>, block17_<i>, block8_<i> whose scaled sum is a CustomScaleLayer.
import keras
from keras import layers
from keras.src.applications import common

# A branch is a list of steps: (filters, kernel) a conv unit, stride 1 "same";
# (filters, kernel, 2) stride 2 "valid"; "avg" a 3x3 stride-1 "same" average pooling; "max" a
# 3x3 stride-2 max pooling.
MIXED_5B = [[(96, 1)], [(48, 1), (64, 5)], [(64, 1), (96, 3), (96, 3)], ["avg", (64, 1)]]
MIXED_6A = [[(384, 3, 2)], [(256, 1), (256, 3), (384, 3, 2)], ["max"]]
MIXED_7A = [[(256, 1), (384, 3, 2)], [(256, 1), (288, 3, 2)], [(256, 1), (288, 3), (320, 3, 2)], ["max"]]

# The residual blocks: (type, count, scale, branches).
RESIDUAL = [
    ("block35", 10, 0.17, [[(32, 1)], [(32, 1), (32, 3)], [(32, 1), (48, 3), (64, 3)]]),
    ("block17", 20, 0.1, [[(192, 1)], [(128, 1), (160, (1, 7)), (192, (7, 1))]]),
    ("block8", 10, 0.2, [[(192, 1)], [(192, 1), (224, (1, 3)), (256, (3, 1))]]),
]


def unit(x, filters, kernel, strides=1, padding="same", name=None):
    if name is None:
        x = layers.Conv2D(filters, kernel, strides=strides, padding=padding, use_bias=False)(x)
        x = layers.BatchNormalization(axis=3, scale=False)(x)
        return layers.Activation("relu")(x)
    x = layers.Conv2D(filters, kernel, strides=strides, padding=padding, use_bias=False, name=name)(x)
    x = layers.BatchNormalization(axis=3, scale=False, name=name + "_bn")(x)
    return layers.Activation("relu", name=name + "_ac")(x)


def branch(x, steps):
    for step in steps:
        if step == "avg":
            x = layers.AveragePooling2D(3, strides=1, padding="same")(x)
        elif step == "max":
            x = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
        elif len(step) == 3:
            x = unit(x, step[0], step[1], 2, "valid")
        else:
            x = unit(x, step[0], step[1])
    return x


def module(x, branches, name):
    return layers.Concatenate(axis=3, name=name)([branch(x, b) for b in branches])


def residual_block(x, block_name, scale, branches, activation):
    # The branches' concatenation, a linear 1x1 conv back to the input's width, scaled and added.
    mixed = module(x, branches, block_name + "_mixed")
    up = layers.Conv2D(x.shape[3], 1, strides=1, padding="same", use_bias=True,
                       name=block_name + "_conv")(mixed)
    x = layers.CustomScaleLayer(scale)([x, up])
    if activation is not None:
        x = layers.Activation(activation, name=block_name + "_ac")(x)
    return x


def InceptionResNetV2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                      pooling=None, classes=1000, classifier_activation="softmax",
                      name="inception_resnet_v2"):
    common.check_weights(weights, include_top, classes, "inception_resnet_v2")
    input_shape = common.obtain_input_shape(input_shape, 299, 75, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = unit(img_input, 32, 3, 2, "valid")
    x = unit(x, 32, 3, 1, "valid")
    x = unit(x, 64, 3)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = unit(x, 80, 1, 1, "valid")
    x = unit(x, 192, 3, 1, "valid")
    x = layers.MaxPooling2D(3, strides=2)(x)
    reductions = [("mixed_5b", MIXED_5B), ("mixed_6a", MIXED_6A), ("mixed_7a", MIXED_7A)]
    for (module_name, branches), (block_type, count, scale, block_branches) in zip(reductions, RESIDUAL):
        x = module(x, branches, module_name)
        for i in range(1, count + 1):
            # The last block8 is unscaled and has no activation.
            last = block_type == "block8" and i == count
            x = residual_block(x, f"{block_type}_{i}", 1.0 if last else scale, block_branches,
                               None if last else "relu")
    x = unit(x, 1536, 1, name="conv_7b")
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights, "avg_pool", False)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)
